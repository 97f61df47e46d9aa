"""The chaos test at full size: a run of 1,000 articles whose worker is killed at a random moment.

    python bench/chaos.py [--articles 1000] [--workers 2] [--seed N]

Builds N articles by cycling data/samples/articles.jsonl, runs ``conflict-events extract
--workers W`` once cleanly, then again with ``kill -9`` sent to one of its workers when a random
number of articles (between 5 % and 90 %) is done. Prints how long the killed run went on after
the kill (the acceptance asks for 60 s at most), the lines it printed about the death, and whether
its rows, and a re-run's, are exactly the clean run's.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples" / "articles.jsonl"


def build_input(n: int, path: Path) -> None:
    """n articles cycling the samples, with unique ids."""
    base = [json.loads(line) for line in SAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()]
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps(dict(base[i % len(base)], id=f"chaos-{i:05d}"), ensure_ascii=False) + "\n")


def extract(src: Path, out: Path, workers: int) -> list[str]:
    """The command line of a run."""
    return [sys.executable, "-m", "conflict_events.cli", "extract", str(src), "-o", str(out),
            "--workers", str(workers), "--quiet"]


def done_count(out: Path) -> int:
    """How many articles OUTPUT.done lists as committed."""
    from conflict_events.ledger import done_ids

    return len(done_ids(out))


def worker_pids(pid: int) -> list[int]:
    """The pool's worker processes among a process's children (Linux /proc)."""
    kids = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [int(k) for k in kids if b"spawn_main" in Path(f"/proc/{k}/cmdline").read_bytes()]


def rows(path: Path) -> list[str]:
    """The output's rows, each as sorted JSON, in file order."""
    return [json.dumps(json.loads(line), sort_keys=True, ensure_ascii=False)
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=None, help="for the moment of the kill (default: random)")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        src = tmp / "in.jsonl"
        build_input(args.articles, src)
        t = time.perf_counter()
        subprocess.run(extract(src, tmp / "clean.jsonl", args.workers), check=True, capture_output=True)
        print(f"clean run: {args.articles} articles, {args.workers} workers, {time.perf_counter() - t:.1f} s")

        out = tmp / "killed.jsonl"
        at = rng.randint(args.articles // 20, args.articles * 9 // 10)
        start = time.perf_counter()
        proc = subprocess.Popen(extract(src, out, args.workers), stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True)
        while proc.poll() is None and done_count(out) < at:
            time.sleep(0.02)
        victims = worker_pids(proc.pid) if proc.poll() is None else []
        if not victims:
            raise SystemExit("the run ended before the kill: try fewer --articles done before it")
        victim = rng.choice(victims)
        os.kill(victim, signal.SIGKILL)
        killed = time.perf_counter()
        print(f"killed worker {victim} with SIGKILL after {killed - start:.1f} s, {done_count(out)} articles done")
        _, err = proc.communicate()
        end = time.perf_counter()
        print(f"the run ended {end - killed:.1f} s after the kill (exit {proc.returncode}; {end - start:.1f} s "
              f"in all); it said:")
        for line in err.strip().splitlines():
            print("   ", line)
        rerun = subprocess.run(extract(src, out, args.workers), capture_output=True, text=True)
        print(f"re-run: exit {rerun.returncode}; {rerun.stderr.strip()}")
        clean, got = rows(tmp / "clean.jsonl"), rows(out)
        print(f"rows: clean {len(clean)}, killed run + re-run {len(got)}; "
              f"the same rows: {sorted(clean) == sorted(got)}; in the same order: {clean == got}")


if __name__ == "__main__":
    main()
