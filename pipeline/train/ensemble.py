"""Choose, ON DEV, which CRF entity types to add to the network's output (where it found none),
and the document-level label consistency step (``choose_consistency``).

    python -m conflict_events.train.ensemble MODEL_DIR [--crf DIR] [--write]
    python -m conflict_events.train.ensemble MODEL_DIR --consistency [--write]

MODEL_DIR holds a stanza model (config.json kind "stanza") and, unless --crf says
otherwise, the CRF (crf.model, crf_lex.json).  Prints dev and test scores of every
subset of types; the subset with the best dev micro F1 is written into config.json
("add_crf_types") with --write.  Test scores are printed for the record only.
"""
from __future__ import annotations

import argparse
import itertools
import json
import shutil
from pathlib import Path

from ..evaluate_ner import score
from ..ner_model import NerTagger, add_entities, bioes_to_bio
from . import data
from .crf import CrfTagger

TYPES = ("PERS", "LOC", "ORG", "MISC")


def choose(model_dir: Path, crf_dir: Path | None = None, write: bool = False) -> dict:
    cfg = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    cfg.pop("add_crf_types", None)
    tagger = NerTagger(model_dir, cfg, NerTagger._load(model_dir)._backend)
    crf = CrfTagger.load(crf_dir or model_dir)
    _, dev, test = data.load()
    out = {}
    preds = {}
    for name, sents in (("dev", dev), ("test", test)):
        toks = [t for t, _ in sents]
        a = [bioes_to_bio(t) for t in tagger._backend.tag(toks)]
        preds[name] = (a, crf.tag(toks), [g for _, g in sents])
    best = None
    for n in range(len(TYPES) + 1):
        for types in itertools.combinations(TYPES, n):
            row = {}
            for name, (a, b, gold) in preds.items():
                row[name] = score(gold, [add_entities(x, y, set(types)) for x, y in zip(a, b)])
            out[types] = row
            print(f"+CRF{list(types)!s:<32} dev {row['dev']['micro']['f1']:.4f}  test {row['test']['micro']['f1']:.4f}")
            if best is None or row["dev"]["micro"]["f1"] > out[best]["dev"]["micro"]["f1"] + 1e-9:
                best = types
    print(f"best on dev: {list(best)}")
    if write:
        if crf_dir:
            for f in ("crf.model", "crf_lex.json"):
                shutil.copy(crf_dir / f, model_dir / f)
        cfg["add_crf_types"] = list(best)
        (model_dir / "config.json").write_text(json.dumps(cfg, indent=1, ensure_ascii=False), encoding="utf-8")
    return {"best": best, "rows": out}


WINDOWS = (1, 2, 3, 5, 8, 10, 20, None)  # sentences either side (None: the whole split)
MIN_CHARS = (3, 4, 5, 6)


def grid_consistency(splits: dict, raw: dict, quiet: bool = False):
    """Score every label-consistency setting (window x min_chars) on each split of ``splits``
    ({"dev": [(tokens, gold)...], "test": ...}) from the raw tags ``raw`` (same keys); the best
    is chosen on "dev" alone (the first best in grid order, and only if it beats no
    consistency).  Returns (best (window, min_chars) or None, {setting: {split: score}}, base)."""
    from ..ner_model import propagate_entities

    gold = {s: [g for _, g in v] for s, v in splits.items()}
    base = {s: score(gold[s], raw[s]) for s in splits}
    line = lambda r: "  ".join(f"{s} {x['micro']['f1']:.4f}" for s, x in r.items())  # noqa: E731
    if not quiet:
        print(f"no consistency{'':<14} {line(base)}")
    best, best_f1, rows = None, base["dev"]["micro"]["f1"], {}
    for w in WINDOWS:
        for mc in MIN_CHARS:
            res = {s: score(gold[s], propagate_entities([t for t, _ in splits[s]], raw[s], w, mc)) for s in splits}
            rows[(w, mc)] = res
            if not quiet:
                print(f"window {w!s:<4} min_chars {mc}  {line(res)}")
            if res["dev"]["micro"]["f1"] > best_f1 + 1e-9:
                best, best_f1 = (w, mc), res["dev"]["micro"]["f1"]
    if not quiet:
        print(f"best on dev: {best if best else 'none (no consistency)'}")
    return best, rows, base


def set_consistency(cfg: dict, key: str, best, rows) -> dict:
    """Write the chosen setting into a model config ("consistency") and its scores under
    "KEY+consistency"; with no setting chosen, remove both."""
    from .ner import summary

    cfg.pop("consistency", None)
    cfg.setdefault("scores", {}).pop(key + "+consistency", None)
    if best:
        cfg["consistency"] = {"window": best[0], "min_chars": best[1]}
        cfg["scores"][key + "+consistency"] = {s: summary(r) for s, r in rows[best].items()}
    return cfg


def choose_consistency(model_dir: Path, write: bool = False, name: str | None = None) -> dict:
    """The label-consistency grid ON DEV over the raw tags of the model in ``model_dir``; the best
    dev setting is written into its config.json with ``write`` (only if it beats none).  Test is
    printed and recorded, never used to choose."""
    cfg_path = model_dir / "config.json"
    cfg = json.loads(cfg_path.read_text(encoding="utf-8"))
    tagger = NerTagger._load(model_dir.resolve())
    _, dev, test = data.load()
    splits = {"dev": dev, "test": test}
    raw = {s: tagger.tag([t for t, _ in v], consistency=False) for s, v in splits.items()}
    best, rows, base = grid_consistency(splits, raw)
    if write:
        set_consistency(cfg, name or cfg.get("kind"), best, rows)
        cfg_path.write_text(json.dumps(cfg, indent=1, ensure_ascii=False), encoding="utf-8")
    return {"best": best, "base": base, "rows": rows}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("model_dir", type=Path)
    ap.add_argument("--crf", type=Path, default=None)
    ap.add_argument("--consistency", action="store_true", help="choose the label-consistency step instead")
    ap.add_argument("--write", action="store_true")
    a = ap.parse_args(argv)
    if a.consistency:
        choose_consistency(a.model_dir, a.write)
    else:
        choose(a.model_dir, a.crf, a.write)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


def vote_table(dirs: list[Path]) -> None:
    """Dev and test micro F1 of each model and of the 2-of-3 vote (order = tie-break priority).

        python -c "from conflict_events.train.ensemble import vote_table; vote_table([...])"
    """
    from ..ner_model import vote

    _, dev, test = data.load()
    taggers = [NerTagger._load(Path(d).resolve()) for d in dirs]
    for name, sents in (("dev", dev), ("test", test)):
        toks, gold = [t for t, _ in sents], [g for _, g in sents]
        outs = [t.tag(toks) for t in taggers]
        for d, o in zip(dirs, outs):
            print(f"{name} {d}: {score(gold, o)['micro']['f1']:.4f}")
        res = score(gold, [vote(list(c), 2) for c in zip(*outs)])
        print(f"{name} vote: " + " ".join(f"{t} {r['f1']:.4f}" for t, r in res.items()))
