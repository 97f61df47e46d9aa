"""stanza NER training from local files (no downloads): data JSON, pretrain, charlm, tagger."""
from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

from ..ner_model import model_form


def write_json(sents, path: Path) -> None:
    """stanza's NER JSON: a list of sentences, each a list of {"text", "ner"} (BIO; stanza makes BIOES)."""
    data = [[{"text": model_form(t), "ner": g} for t, g in zip(toks, tags)] for toks, tags in sents]
    Path(path).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def build_pretrain(vec_txt: Path, pt_path: Path, max_vocab: int):
    from stanza.models.common.pretrain import Pretrain

    if pt_path.exists():
        pt_path.unlink()
    pt = Pretrain(str(pt_path), str(vec_txt), max_vocab=max_vocab, save_to_file=True)
    pt.load()
    return pt


def charlm_command(train_txt: Path, dev_txt: Path, direction: str, out_dir: Path, hidden: int,
                   epochs: int = 1, seed: int = 1234) -> list[str]:
    return [sys.executable, "-m", "stanza.models.charlm", "--train_file", str(train_txt),
            "--eval_file", str(dev_txt), "--direction", direction, "--char_hidden_dim", str(hidden),
            "--cutoff", "5", "--report_steps", "20", "--eval_steps", "100", "--epochs", str(epochs),
            "--save_dir", str(out_dir), "--save_name", f"ar_{direction}_charlm.pt",
            "--vocab_save_name", f"ar_{direction}_vocab.pt", "--checkpoint_save_name", f"ar_{direction}_ckpt.pt",
            "--shorthand", "ar_snn", "--seed", str(seed), "--cpu"]


class CharlmJobs:
    """Character LMs (forward and backward, or the ``directions`` given) trained in subprocesses,
    one thread each, side by side; cached in ``out_dir``."""

    def __init__(self, train_txt: Path, dev_txt: Path, out_dir: Path, hidden: int,
                 directions: tuple[str, ...] = ("forward", "backward")):
        out_dir.mkdir(parents=True, exist_ok=True)
        self.out_dir = out_dir
        self.paths = {d: out_dir / f"ar_{d}_charlm.pt" for d in directions}
        self.procs = []
        env = dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
        for d, p in self.paths.items():
            if p.exists() and (out_dir / f"ar_{d}.done").exists():
                continue  # finished before
            log = open(out_dir / f"{d}.log", "w")
            self.procs.append((subprocess.Popen(charlm_command(train_txt, dev_txt, d, out_dir, hidden),
                                                stdout=log, stderr=subprocess.STDOUT, env=env), d))

    def wait(self) -> tuple[Path, ...]:
        """The trained LMs' paths, in ``directions`` order, once every subprocess has finished."""
        for proc, d in self.procs:
            if proc.wait():
                raise RuntimeError(f"charlm {d} failed, see {self.out_dir}/{d}.log")
            (self.out_dir / f"ar_{d}_ckpt.pt").unlink(missing_ok=True)
            (self.out_dir / f"ar_{d}.done").write_text("ok\n")
        return tuple(self.paths.values())


def train_tagger(train_json: Path, dev_json: Path, pretrain_pt: Path, max_vocab: int, save_dir: Path,
                 save_name: str, charlm: tuple[Path, Path] | None = None, extra: list[str] = (),
                 seed: int = 1234) -> Path:
    """Run stanza's ner_tagger in this process; dev (held out from train) selects the checkpoint."""
    import torch
    from stanza.models import ner_tagger

    torch.manual_seed(seed)
    args = ["--mode", "train", "--cpu", "--shorthand", "ar_anercorp",
            "--train_file", str(train_json), "--eval_file", str(dev_json),
            "--wordvec_pretrain_file", str(pretrain_pt), "--pretrain_max_vocab", str(max_vocab),
            "--save_dir", str(save_dir), "--save_name", save_name, "--seed", str(seed)]
    if charlm:
        args += ["--charlm", "--charlm_shorthand", "ar_snn",
                 "--charlm_forward_file", str(charlm[0]), "--charlm_backward_file", str(charlm[1])]
    args += list(extra)
    logging.getLogger("stanza").setLevel(logging.INFO)
    ner_tagger.main(args)
    return Path(save_dir) / save_name
