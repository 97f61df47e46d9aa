"""Tokens/s of the shipped NER tagger alone (models/ner), on one core by default.

    python bench/ner_speed.py [--threads 1] [--sentences 925] [--model models/ner]

Tags the ANERcorp test tokens if the shared data is there, else the sample articles
(data/samples/articles.jsonl) split by the pipeline's segmenter.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def sentences(limit: int) -> list[list[str]]:
    from pipeline.train import data

    if data.TEST.exists():
        return [t for t, _ in data.read_tagged(data.TEST)][:limit]
    from camel_tools.tokenizers.word import simple_word_tokenize

    from pipeline.segment import split_sentences

    out = []
    for line in open(ROOT / "data" / "samples" / "articles.jsonl", encoding="utf-8"):
        text = json.loads(line)["text"]
        out += [simple_word_tokenize(text[s:e]) for s, e in split_sentences(text)]
    return out[:limit]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--sentences", type=int, default=925)
    ap.add_argument("--model", type=Path, default=None)
    args = ap.parse_args()
    import torch

    torch.set_num_threads(args.threads)
    from pipeline.ner_model import NerTagger

    t = time.perf_counter()
    tagger = NerTagger.load(args.model)
    load = time.perf_counter() - t
    sents = sentences(args.sentences)
    tagger.tag(sents[:5])  # warm up
    t = time.perf_counter()
    tagger.tag(sents)
    dt = time.perf_counter() - t
    n = sum(len(s) for s in sents)
    print(json.dumps({"model": str(tagger.path), "kind": tagger.config.get("kind"), "threads": args.threads,
                      "load_seconds": round(load, 2), "sentences": len(sents), "tokens": n,
                      "seconds": round(dt, 2), "tokens_per_second": round(n / dt)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
