"""Rebuild the shipped Arabic NER model (models/ner) from the shared corpora, deterministically.

    python -m pipeline.train.ner            # full recipe (< 1 hour on 2 cores), writes models/ner
    python -m pipeline.train.ner --quick --out /tmp/ner   # tiny slice, seconds (tests)

Steps (each product is cached in --work, default build/ner, and reused when present):
 1. data: ANERcorp CAMeL Lab train/test read in place; dev = every 10th block of 40
    train sentences (data.py).  The test file is only scored, never used for selection.
 2. corpus: SaudiNewsNet tokenised (simple_word_tokenize) and normalised (model_form).
 3. word2vec (gensim, vectors.W2V) on corpus + ANERcorp train-file tokens (no tags);
    k-means clusters at 64/256/1024.
 4. CRF baseline (crf.py): word/affix/stem/shape/gazetteer(train lists)/cluster features.
 5. character LMs (stanza.models.charlm), forward and backward in two background processes
    started first (steps 3-4 run meanwhile), one epoch over the first 26 MB of the corpus
    (every 50th line held out as charlm dev), hidden 512.
 6. stanza NER (BiLSTM-CRF) with the word vectors (pruned to the 100k most frequent forms)
    and the charlms; the checkpoint is selected on dev.
 7. score dev and test, write the model directory with config.json and scores.
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import time
from pathlib import Path

from ..evaluate_ner import format_table, score
from ..ner_model import DEFAULT_DIR, NerTagger, model_form
from . import corpus, data, vectors
from .crf import CrfTagger, Lexicon, train_crf

ROOT = Path(__file__).resolve().parents[2]
CHARLM_BYTES = 26_000_000
CHARLM_HIDDEN = 512
MAX_VOCAB = 100_000


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def charlm_data(corpus_txt: Path, d: Path, n_bytes: int = CHARLM_BYTES) -> tuple[Path, Path]:
    """charlm train text = first n_bytes of the corpus minus every 50th line; dev = 3000 of those."""
    d.mkdir(parents=True, exist_ok=True)
    tr, dv = d / f"sub{n_bytes // 1_000_000}m.txt", d / "dev.txt"
    if tr.exists() and dv.exists():
        return tr, dv
    out, dev, size = [], [], 0
    with open(corpus_txt, encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            if i % 50 == 0:
                if len(dev) < 3000:
                    dev.append(line)
            elif size < n_bytes:
                out.append(line)
                size += len(line.encode("utf-8"))
            elif len(dev) >= 3000:
                break
    b = "".join(out).encode("utf-8")[:n_bytes]
    tr.write_text(b.decode("utf-8", errors="ignore"), encoding="utf-8")
    dv.write_text("".join(dev), encoding="utf-8")
    return tr, dv


def evaluate(tagger, sents) -> dict:
    pred = tagger.tag([t for t, _ in sents])
    return score([g for _, g in sents], pred)


def summary(res: dict) -> dict:
    return {t: round(r["f1"], 4) for t, r in res.items()}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="tiny slice, tiny model, seconds")
    ap.add_argument("--out", type=Path, default=DEFAULT_DIR, help="model directory to write")
    ap.add_argument("--work", type=Path, default=ROOT / "build" / "ner", help="cache for intermediate files")
    ap.add_argument("--no-charlm", action="store_true", help="stanza without character LMs")
    ap.add_argument("--no-stanza", action="store_true", help="CRF only (ships the CRF)")
    ap.add_argument("--no-crf", action="store_true", help="skip the CRF baseline (experiments)")
    ap.add_argument("--max-steps", type=int, default=None, help="stanza NER training steps")
    ap.add_argument("--stanza-args", default="", help="extra ner_tagger arguments (quoted)")
    ap.add_argument("--name", default="shipped", help="label of this configuration in results.jsonl")
    args = ap.parse_args(argv)

    t_start = time.time()
    random.seed(1)
    quick = args.quick
    work = args.work / "quick" if quick else args.work
    work.mkdir(parents=True, exist_ok=True)
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    times: dict[str, float] = {}

    train, dev, test = data.load(quick)
    log(f"data: train {len(train)} dev {len(dev)} test {len(test)} sentences")

    # character LMs first (two background processes, the longest step), then the rest meanwhile
    charlm_jobs = None
    if not (quick or args.no_charlm or args.no_stanza):
        from .stanza_ner import CharlmJobs

        t = time.time()
        tr, dv = charlm_data(corpus.write_corpus(work / "saudinewsnet.txt"), work / "charlm")
        charlm_jobs = CharlmJobs(tr, dv, work / "charlm", hidden=CHARLM_HIDDEN)
        log(f"charlm: forward and backward started on {tr} (reused when already trained)")

    # word vectors
    t = time.time()
    extra = [[model_form(w) for w in toks] for toks in
             ([t for t, _ in train] if quick else data.unlabelled_train_text())]
    kv = work / "w2v.kv"
    if quick:
        wv = vectors.train_word2vec(None, extra, kv, quick=True)
    elif kv.exists():
        from gensim.models import KeyedVectors

        wv = KeyedVectors.load(str(kv))
    else:
        corpus_txt = corpus.write_corpus(work / "saudinewsnet.txt")
        wv = vectors.train_word2vec(corpus_txt, extra, kv)
    times["word2vec"] = time.time() - t
    log(f"word2vec: {len(wv)} words, {wv.vector_size} dims ({times['word2vec']:.0f}s)")

    # clusters + CRF
    t = time.time()
    cl_path = work / "clusters.json"
    if cl_path.exists() and not quick:
        clusters = json.loads(cl_path.read_text(encoding="utf-8"))
    else:
        clusters = vectors.kmeans_clusters(wv, ks=(4, 8) if quick else (64, 256, 1024))
        cl_path.write_text(json.dumps(clusters, ensure_ascii=False), encoding="utf-8")
    results = {}
    if not args.no_crf:
        lex = Lexicon.from_train(train, clusters=clusters)
        lex.save(out / "crf_lex.json")
        train_crf(train, lex, out / "crf.model", max_iterations=10 if quick else 150)
        crf = CrfTagger.load(out)
        times["crf"] = time.time() - t
        results["crf"] = {"dev": evaluate(crf, dev), "test": evaluate(crf, test)}
        log(f"CRF ({times['crf']:.0f}s): dev {summary(results['crf']['dev'])}  "
            f"test {summary(results['crf']['test'])}")

    config: dict = {"kind": "crf", "files": {"model": "crf.model", "lexicon": "crf_lex.json"}}
    if not args.no_stanza:
        from .stanza_ner import build_pretrain, train_tagger, write_json

        t = time.time()
        words = list(dict.fromkeys(wv.index_to_key[:MAX_VOCAB]))
        n = vectors.write_text_vectors(wv, words, work / "vectors.txt")
        build_pretrain(work / "vectors.txt", out / "pretrain.pt", MAX_VOCAB)
        write_json(train, work / "train.json")
        write_json(dev, work / "dev.json")
        times["pretrain"] = time.time() - t
        log(f"pretrain: {n} vectors")

        charlm = None
        if charlm_jobs is not None:
            t = time.time()
            charlm = charlm_jobs.wait()
            times["charlm_wait"] = time.time() - t
            log(f"charlm done (waited {times['charlm_wait']:.0f}s)")

        t = time.time()
        extra_args = args.stanza_args.split()
        if quick:
            extra_args += ["--hidden_dim", "16", "--char_hidden_dim", "16", "--char_emb_dim", "8",
                           "--eval_interval", "10", "--max_steps", "20", "--batch_size", "16"]
        elif args.max_steps:
            extra_args += ["--max_steps", str(args.max_steps)]
        save_dir = work / "stanza"
        model = train_tagger(work / "train.json", work / "dev.json", out / "pretrain.pt", MAX_VOCAB,
                             save_dir, f"{args.name}.pt", charlm=charlm, extra=extra_args)
        times["stanza"] = time.time() - t
        shutil.copy(model, out / "ner.pt")
        files = {"model": "ner.pt", "pretrain": "pretrain.pt"}
        if charlm:
            for d, p in zip(("forward", "backward"), charlm):
                shutil.copy(p, out / f"charlm_{d}.pt")
                files[f"charlm_{d}"] = f"charlm_{d}.pt"
        config = {"kind": "stanza", "files": files, "pretrain_max_vocab": MAX_VOCAB}

    config["tagset"] = data.TAGS
    config["normalisation"] = "pipeline.ner_model.model_form"
    (out / "config.json").write_text(json.dumps(config, indent=1), encoding="utf-8")
    if config["kind"] == "stanza":
        tagger = NerTagger._load(out.resolve())
        results["stanza"] = {"dev": evaluate(tagger, dev), "test": evaluate(tagger, test)}
        log(f"stanza ({times['stanza']:.0f}s): dev {summary(results['stanza']['dev'])}  "
            f"test {summary(results['stanza']['test'])}")

    times["total"] = time.time() - t_start
    config["train_seconds"] = {k: round(v) for k, v in times.items()}
    config["scores"] = {m: {s: summary(r) for s, r in v.items()} for m, v in results.items()}
    config["quick"] = quick
    (out / "config.json").write_text(json.dumps(config, indent=1, ensure_ascii=False), encoding="utf-8")
    with open(work / "results.jsonl", "a", encoding="utf-8") as f:
        f.write(json.dumps({"name": args.name, "argv": argv, "time": times, "results": results}) + "\n")
    for m, v in results.items():
        for s, r in v.items():
            print(format_table(r, f"== {m} {s}"))
    log(f"wrote {out} ({times['total']:.0f}s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
