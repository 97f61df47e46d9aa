"""Time and peak memory of one batch holding a pathological article, case by case.

    python bench/pathological.py [--case NAME ...] [--source DIR] [--limit 600] [--max-gb 4]

Each case is a batch (``batch.process_records``, as a worker runs it) holding a synthetic
article: 900,000 characters of news, the same without a sentence end, 50,000 commas, 50,000
exclamation marks, a 50,000-letter word among 15 news articles, a 100,000-letter word among 2.
Every case runs in a fresh process on one torch thread (a worker's share when there are as many
workers as cores), without the per-article time budget, and prints its wall time, the peak RSS (and its RSS once the models are loaded), and what the batch gave.
A case is stopped at --limit seconds or --max-gb of RSS (the machine is shared).

--source DIR runs the code of another checkout (its pipeline/ and schemas/ folders, e.g. one made
by ``git worktree add --detach DIR COMMIT``) with this interpreter: the figures before a change.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples" / "articles.jsonl"
NEWS = [json.loads(line)["text"] for line in open(SAMPLES, encoding="utf-8") if line.strip()]
LEAD = NEWS[0][:300]


def news(chars: int) -> str:
    """``chars`` characters of the sample articles, one after the other."""
    out, n = [], 0
    while n < chars:
        out.append(NEWS[len(out) % len(NEWS)])
        n += len(out[-1]) + 1
    return "\n".join(out)[:chars]


def one_sentence(chars: int) -> str:
    """News without a sentence end: no line break, full stop or comma."""
    return news(chars).replace("\n", " ").replace(".", " ").replace("،", " ")


CASES = {
    "900k-news": lambda: [news(900_000)],
    "900k-one-sentence": lambda: [one_sentence(900_000)],
    "50k-commas": lambda: [LEAD + " " + "," * 50_000],
    "50k-exclamations": lambda: [LEAD + " " + "!" * 50_000],
    "50k-letter-word-in-16": lambda: NEWS[:15] + [LEAD + " " + "ب" * 50_000 + " " + LEAD],
    "100k-letter-word-in-3": lambda: NEWS[:2] + [LEAD + " " + "ب" * 100_000 + " " + LEAD],
}

RUNNER = r"""
import importlib.util, json, resource, sys, time
from pathlib import Path
case, source = sys.argv[1], sys.argv[2]
if source:  # the checkout's folders as the package (the editable install's own mapping)
    root = Path(source)
    for name, folder in (("conflict_events", root / "pipeline"), ("conflict_events.schemas", root / "schemas")):
        spec = importlib.util.spec_from_file_location(name, folder / "__init__.py",
                                                      submodule_search_locations=[str(folder)])
        sys.modules[name] = importlib.util.module_from_spec(spec)
    for name in ("conflict_events.schemas", "conflict_events"):
        sys.modules[name].__spec__.loader.exec_module(sys.modules[name])
sys.path.insert(0, sys.argv[3])
from pathological import CASES
import conflict_events
from conflict_events.batch import _worker_pipeline, process_records
from conflict_events.io import Record
import torch
torch.set_num_threads(1)  # a worker's share of the cores when there are as many workers as cores
pipeline = _worker_pipeline("fast")
process_records([Record({"id": "warm", "text": "قتل جندي في حلب"}, "warm")], pipeline)
loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
batch = [Record({"id": f"{case}-{i}", "text": t}, f"{case}:{i}") for i, t in enumerate(CASES[case]())]
t = time.perf_counter()
results = process_records(batch, pipeline)
print(json.dumps({"seconds": time.perf_counter() - t, "loaded_mb": loaded, "code": conflict_events.__file__,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "chars": max(len(r.article["text"]) for r in batch),
                  "rows": sum(len(r.rows) for r in results), "errors": [r.error for r in results if r.error]}))
"""


def rss_mb(pid: int) -> float:
    """Resident memory of a process now (0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            return next(int(line.split()[1]) / 1024 for line in f if line.startswith("VmRSS:"))
    except (OSError, StopIteration):
        return 0.0


def run_case(case: str, source: str, limit: float, max_mb: float) -> dict:
    """Run one case in a fresh process, stopping it at ``limit`` seconds or ``max_mb`` of RSS."""
    proc = subprocess.Popen([sys.executable, "-c", RUNNER, case, source, str(Path(__file__).parent)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    start, peak = time.perf_counter(), 0.0
    while proc.poll() is None:
        peak = max(peak, rss_mb(proc.pid))
        elapsed = time.perf_counter() - start
        if elapsed > limit or peak > max_mb:
            proc.kill()
            proc.wait()
            return {"stopped": f"stopped at {elapsed:.0f} s, {peak:.0f} MB"}
        time.sleep(0.2)
    out, err = proc.communicate()
    if proc.returncode:
        return {"stopped": f"exit {proc.returncode}: {err.strip().splitlines()[-1] if err.strip() else ''}"}
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--case", nargs="+", choices=sorted(CASES), default=list(CASES))
    ap.add_argument("--source", default="", help="a checkout whose pipeline/ and schemas/ to run")
    ap.add_argument("--limit", type=float, default=600, help="seconds before a case is stopped")
    ap.add_argument("--max-gb", type=float, default=4, help="RSS at which a case is stopped")
    args = ap.parse_args()
    print(f"code: {args.source or ROOT}; {os.cpu_count()} cores")
    print(f"{'case':<24}{'chars':>9}{'seconds':>9}{'peak MB':>9}{'loaded MB':>10}{'rows':>6}  errors")
    for case in args.case:
        r = run_case(case, args.source, args.limit, args.max_gb * 1024)
        if "stopped" in r:
            print(f"{case:<24}  {r['stopped']}", flush=True)
            continue
        errors = "; ".join(e[:60] for e in r["errors"]) or "-"
        print(f"{case:<24}{r['chars']:>9}{r['seconds']:>9.1f}{r['peak_mb']:>9.0f}{r['loaded_mb']:>10.0f}"
              f"{r['rows']:>6}  {errors}", flush=True)


if __name__ == "__main__":
    main()
