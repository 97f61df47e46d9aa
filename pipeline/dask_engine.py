"""The batch run on Dask: the same per-article work, partitioned, on a cluster.

Inputs become a dask.bag of Records (JSONL files split in blocks, Parquet by
row groups, .txt files one each); every partition is processed by
``batch.process_partition`` (batches of ``batch.process_records``) with one Pipeline
per worker process, and written as
its own part: ``OUTPUT/part-00000.parquet`` (or ``.jsonl``) and
``OUTPUT/errors-00000.jsonl``. Part numbers follow input order, so reading the
parts in name order gives the same rows as the local engine.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Optional

from .batch import Summary, process_partition
from .io import RowWriter, check_input, kind_of, read_articles

PART_KINDS = (".jsonl", ".parquet")


def _records_of_file(path: str) -> list:
    return list(read_articles(Path(path)))


def _jsonl_block(lines: list[str], name: str, first_line: int) -> list:
    """Parse one block of JSONL lines into Records (errors as Records too)."""
    from .io import Record

    out = []
    for n, line in enumerate(lines, first_line):
        if not line.strip():
            continue
        origin = f"{name}:{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            out.append(Record(None, origin, f"malformed JSON ({e.msg} at column {e.colno})"))
            continue
        if not isinstance(obj, dict):
            out.append(Record(None, origin, f"line is a JSON {type(obj).__name__}, not an object"))
            continue
        out.append(Record(obj, origin))
    return out


def records_bag(inputs: list[Path], lines_per_partition: int = 500):
    """A dask.bag of Records over all inputs, partitioned, in input order."""
    import dask.bag as db
    from dask import delayed

    parts = []
    for path in inputs:
        path = Path(path)
        check_input(path)
        if path.is_file() and kind_of(path) == ".jsonl":
            with open(path, encoding="utf-8", errors="replace") as f:
                block, first = [], 1
                for n, line in enumerate(f, 1):
                    block.append(line)
                    if len(block) == lines_per_partition:
                        parts.append(delayed(_jsonl_block)(block, path.name, first))
                        block, first = [], n + 1
                if block:
                    parts.append(delayed(_jsonl_block)(block, path.name, first))
        else:
            parts.append(delayed(_records_of_file)(str(path)))
    return db.from_delayed(parts)


def _write_part(results: list, index: int, out_dir: str, ext: str) -> tuple[int, int, int]:
    """Write one partition's rows and errors; return (articles, events, errors)."""
    out = Path(out_dir)
    writer = RowWriter(out / f"part-{index:05d}{ext}")
    events = errors = 0
    with open(out / f"errors-{index:05d}.jsonl", "w", encoding="utf-8") as ef:
        for res in results:
            if res.error:
                errors += 1
                ef.write(json.dumps({"article_id": res.id, "error": res.error, "input": res.origin},
                                    ensure_ascii=False) + "\n")
            else:
                events += len(res.rows)
                writer.write(res.rows)
    writer.close()
    return len(results), events, errors


def run(inputs: list[Path], output: Path, *, scheduler: Optional[str] = None, workers: int = 2,
        ner_model: str = "fast", log=None) -> Summary:
    """Process every input on Dask into the folder OUTPUT (parts); return the summary."""
    import dask
    from dask.distributed import Client, LocalCluster

    output = Path(output)
    ext = output.suffix.lower() if output.suffix.lower() in PART_KINDS else ".parquet"
    output.mkdir(parents=True, exist_ok=True)
    for old in list(output.glob("part-*")) + list(output.glob("errors-*")):
        old.unlink()
    start = time.perf_counter()
    if scheduler:
        client = Client(scheduler)
        cluster = None
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        bag = records_bag(inputs).map_partitions(process_partition, ner_model=ner_model)
        tasks = [dask.delayed(_write_part)(part, i, str(output), ext)
                 for i, part in enumerate(bag.to_delayed())]
        counts = dask.compute(*tasks)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    summary = Summary(articles=sum(c[0] for c in counts), events=sum(c[1] for c in counts),
                      errors=sum(c[2] for c in counts), seconds=time.perf_counter() - start)
    print(summary.line(), file=log or sys.stderr)
    return summary
