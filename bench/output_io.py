"""Cost of writing a run's output safely: rows/s per format, commits, Parquet merge, resume.

    python bench/output_io.py [--articles 20000]

Feeds synthetic results (the seed article's real event row, under new ids, two
rows an article, one article in ten an error) through ``sink.Sink`` as a run does,
with no pipeline in the way, and prints per OUTPUT format: articles/s through the
sink, the number of commits, the seconds of the final close (the Parquet merge),
and the seconds a re-run needs to open the output at its last commit after a kill.
"""
from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from conflict_events import Pipeline
from conflict_events.batch import Result
from conflict_events.ledger import done_ids
from conflict_events.sink import Sink, resume_point

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "samples" / "seed" / "deir_ez_zor_liwa_al_baqir.json"


def results(n: int, row: dict):
    """n results: two rows each, or an error for one in ten."""
    for i in range(n):
        rid = f"bench-{i:07d}"
        if i % 10 == 9:
            yield Result(rid, error="text is not Arabic", origin=f"in.jsonl:{i + 1}")
        else:
            yield Result(rid, [dict(row, article_id=rid), dict(row, article_id=rid, event_id_cnty="SYR00000001")],
                         origin=f"in.jsonl:{i + 1}")


def bench(ext: str, n: int, row: dict, folder: Path) -> dict:
    """Figures for one format."""
    out = folder / f"events{ext}"
    sink = Sink(out, None)
    start = time.perf_counter()
    for res in results(n, row):
        sink.add(res)
    written = time.perf_counter() - start
    commits = sum(1 for _ in open(out.with_name(out.name + ".done"))) - 1
    start = time.perf_counter()
    sink.close()
    closing = time.perf_counter() - start
    start = time.perf_counter()  # a re-run after a kill: open at the last commit
    again = Sink(out, resume_point(out))
    reopen = time.perf_counter() - start
    again.close()
    assert len(done_ids(out)) == n
    return {"format": ext, "articles": n, "articles_per_s": round(n / written), "commits": commits,
            "close_s": round(closing, 2), "reopen_s": round(reopen, 3),
            "mb": round(out.stat().st_size / 1e6, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=20000)
    args = ap.parse_args()
    seed = json.loads(SEED.read_text(encoding="utf-8"))
    row = Pipeline().extract(seed, published="2018-04-09")[0].to_acled_row()
    with tempfile.TemporaryDirectory() as tmp:
        for ext in (".jsonl", ".csv", ".parquet"):
            print(json.dumps(bench(ext, args.articles, row, Path(tmp))))


if __name__ == "__main__":
    main()
