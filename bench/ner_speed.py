"""Tokens/s of the ner stage alone and of the whole pipeline, on the sample articles.

    python bench/ner_speed.py [--articles 200] [--threads 1] [--profiles fast accurate]

Builds N articles by cycling data/samples (as bench/throughput.py does), runs
normalize + segment once, then times the ner stage alone (``Ner.pipe`` over all
documents: dictionaries, patterns and the tagger of models/ner in the given
profile), and the whole pipeline (``Pipeline.pipe``) from raw text.  Tokens are
the segmenter's words.  One process; ``--threads`` caps torch's threads.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def articles(n: int) -> list[dict]:
    from throughput import sample_texts

    base = sample_texts()
    return [dict(base[i % len(base)], id=f"bench-{i:06d}") for i in range(n)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--profiles", nargs="+", default=["fast", "accurate"])
    args = ap.parse_args()
    import torch

    torch.set_num_threads(args.threads)
    from conflict_events import Pipeline, default_stages
    from conflict_events.ner import Ner

    arts = articles(max(200, args.articles))
    print(f"input: {len(arts)} articles from data/samples, {args.threads} torch thread(s)")
    for profile in args.profiles:
        stages = [Ner(model=profile) if s.name == "ner" else s for s in default_stages()]
        nlp = Pipeline(stages)
        t = time.perf_counter()
        nlp.process(arts[0])  # loads the model
        load = time.perf_counter() - t
        docs = [nlp.document(a) for a in arts]
        for stage in nlp.stages[:2]:  # normalize, segment
            docs = [stage(d) for d in docs]
        tokens = sum(len(d.tokens) for d in docs)
        ner = next(s for s in nlp.stages if s.name == "ner")
        t = time.perf_counter()
        ner.pipe(docs)
        ner_s = time.perf_counter() - t
        t = time.perf_counter()
        done = nlp.pipe([nlp.document(a) for a in arts])
        all_s = time.perf_counter() - t
        print(json.dumps({"profile": profile, "model": str(ner.tagger.path.relative_to(ROOT)),
                          "load_seconds": round(load, 2), "articles": len(arts), "tokens": tokens,
                          "ner_stage_tokens_per_s": round(tokens / ner_s),
                          "pipeline_tokens_per_s": round(tokens / all_s),
                          "pipeline_articles_per_s": round(len(arts) / all_s, 1),
                          "events": sum(len(d.events) for d in done)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
