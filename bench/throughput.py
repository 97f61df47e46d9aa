"""Throughput of the batch path, and of stanza's own pipeline on the same text.

    python bench/throughput.py [--articles 2000] [--workers 1 2] [--no-stanza]

Builds an input of N articles by cycling data/samples (articles.jsonl, the
gold paragraphs and the seed), runs the local engine once per worker count in a
fresh process (and once with 1 worker on 1 torch thread, the like-for-like
base of the speed-up), and prints articles/s, words/s and peak RSS per process. Then
runs stanza's tokenize + ner pipeline with the model trained in models/ner over
the same texts, single process, for the ratio.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"

RUNNER = r"""
import json, resource, sys, time
from pathlib import Path
from conflict_events.batch import run
src, out, workers = sys.argv[1], sys.argv[2], int(sys.argv[3])
if len(sys.argv) > 4:  # cap torch's threads in this process (a worker in a pool gets cores/workers)
    import torch
    torch.set_num_threads(int(sys.argv[4]))
t = time.perf_counter()
s = run([Path(src)], Path(out), workers=workers, progress=False, resume=False,
        log=open("/dev/null", "w"))
print(json.dumps({"seconds": time.perf_counter() - t, "articles": s.articles, "events": s.events,
                  "errors": s.errors, "words": s.words,
                  "rss_main_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "rss_worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def sample_texts() -> list[dict]:
    """Every sample article and paragraph in data/samples, as article dicts."""
    items = []
    for path in sorted(SAMPLES.rglob("*.jsonl")):
        if path.name.endswith("expected.jsonl"):
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                obj = json.loads(line)
                if isinstance(obj, dict) and obj.get("text"):
                    items.append({k: obj.get(k) for k in ("id", "text", "published")})
    for path in sorted(SAMPLES.rglob("*.json")):
        obj = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(obj, dict) and obj.get("text"):
            items.append({"id": obj.get("id", path.stem), "text": obj["text"], "published": obj.get("published")})
    return items


def build_input(n: int, path: Path) -> int:
    """Write n articles cycling the samples; return the number of whitespace words."""
    base = sample_texts()
    words = 0
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            art = dict(base[i % len(base)])
            art["id"] = f"bench-{i:06d}"
            words += len(art["text"].split())
            f.write(json.dumps(art, ensure_ascii=False) + "\n")
    return words


def bench_engine(src: Path, workers: int, tmp: Path, threads: int | None = None) -> dict:
    out = tmp / f"out-{workers}.jsonl"
    extra = [str(threads)] if threads else []
    proc = subprocess.run([sys.executable, "-c", RUNNER, str(src), str(out), str(workers)] + extra,
                          capture_output=True, text=True, cwd=ROOT)
    if proc.returncode:
        raise SystemExit(proc.stderr)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def bench_stanza(src: Path, limit: int) -> dict | None:
    """stanza tokenize + ner with the shipped model, one process (None when not shipped)."""
    try:
        from conflict_events.ner_model import stanza_pipeline
    except ImportError:
        return None
    nlp = stanza_pipeline(tokenize=True)
    if nlp is None:
        return None
    import resource

    texts = [json.loads(line)["text"] for line in open(src, encoding="utf-8")][:limit]
    t = time.perf_counter()
    words = 0
    for text in texts:
        doc = nlp(text)
        words += sum(len(s.words) for s in doc.sentences)
    return {"seconds": time.perf_counter() - t, "articles": len(texts), "words": words,
            "rss_main_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--no-stanza", action="store_true")
    ap.add_argument("--stanza-articles", type=int, default=200,
                    help="articles for the stanza run (it is much slower)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        src = tmp / "bench.jsonl"
        words = build_input(args.articles, src)
        print(f"input: {args.articles} articles, {words} words, {os.cpu_count()} cores")
        print(f"{'engine':<30}{'articles/s':>12}{'words/s':>12}{'peak RSS MB/proc':>18}{'events':>8}{'errors':>8}")
        base = None
        # one worker on one core (as each of N workers is), then the engine as users run it
        runs = [(1, 1)] * (1 in args.workers) + [(w, None) for w in args.workers]
        for w, threads in runs:
            r = bench_engine(src, w, tmp, threads)
            rate = r["articles"] / r["seconds"]
            base = base or rate
            rss = max(r["rss_main_mb"], r["rss_worker_mb"])
            label = f"local, {w} worker(s)" + (", 1 thread" if threads else "")
            print(f"{label:<30}{rate:>12.1f}{r['words'] / r['seconds']:>12.0f}"
                  f"{rss:>18.0f}{r['events']:>8}{r['errors']:>8}   speed-up x{rate / base:.2f}")
        if not args.no_stanza:
            r = bench_stanza(src, args.stanza_articles)
            if r is None:
                print("stanza: no stanza model shipped in models/ner")
            else:
                rate = r["articles"] / r["seconds"]
                print(f"{'stanza tokenize+ner':<30}{rate:>12.1f}{r['words'] / r['seconds']:>12.0f}"
                      f"{r['rss_main_mb']:>18.0f}   (1 process, {r['articles']} articles)")


if __name__ == "__main__":
    main()
