"""The batch run on Dask: the same per-article work, partitioned, on a cluster.

Inputs become a dask.bag of Records (JSONL files split in blocks, Parquet by
row groups, .txt files one each); every partition is processed by
``batch.process_partition`` (batches of ``batch.process_records``) with one Pipeline
per worker process, and written as
its own part: ``OUTPUT/part-00000.parquet`` (or ``.jsonl``, ``.geojson``) and
``OUTPUT/errors-00000.jsonl``. Part numbers follow input order, so reading the
parts in name order gives the same rows as the local engine.

A worker process that dies is restarted by its nanny and its task run again (Dask's own
doing); a partition whose task kills every worker that runs it (KilledWorker, after Dask's
allowed failures) is run again one article per task, and an article whose task does the same
becomes an error line: the run goes on and ends.
"""
from __future__ import annotations

import shutil
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Optional

from .batch import Result, Summary, process_partition
from .budget import ARTICLE_TIMEOUT
from .io import BOM, RowWriter, check_input, kind_of, parse_jsonl_line, read_articles
from .output_guard import OutputError, OutputLock, check_output
from .writers import json_line

PART_KINDS = (".jsonl", ".parquet", ".geojson")


def _records_of_file(path: str) -> list:
    return list(read_articles(Path(path)))


def _jsonl_block(lines: list[bytes], name: str, first_line: int) -> list:
    """Parse one block of JSONL lines into Records (errors as Records too)."""
    if first_line == 1 and lines and lines[0].startswith(BOM):
        lines = [lines[0][len(BOM):]] + lines[1:]
    return [parse_jsonl_line(line, f"{name}:{n}") for n, line in enumerate(lines, first_line) if line.strip()]


def records_bag(inputs: list[Path], lines_per_partition: int = 500):
    """A dask.bag of Records over all inputs, partitioned, in input order."""
    import dask.bag as db
    from dask import delayed

    parts = []
    for path in inputs:
        path = Path(path)
        check_input(path)
        if path.is_file() and kind_of(path) == ".jsonl":
            with open(path, "rb") as f:
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
                ef.write(json_line({"article_id": res.id, "error": res.error, "input": res.origin}))
            else:
                events += len(res.rows)
                writer.write(res.rows)
    writer.close()
    return len(results), events, errors


def _clear_parts(output: Path, force: bool, prefixes: tuple = ("part-", "errors-")) -> None:
    """Remove the parts of an earlier run from the folder OUTPUT; OutputError if it holds anything
    else (a folder conflict-events did not write) and ``force`` is not given."""
    output.mkdir(parents=True, exist_ok=True)
    ours = [p for p in output.iterdir() if p.name.startswith(prefixes)]
    if not force and len(ours) < len(list(output.iterdir())):
        raise OutputError(f"{output}: folder holds files conflict-events did not write; choose another "
                          f"OUTPUT, or pass --force to write its parts there")
    for old in ours:
        shutil.rmtree(old) if old.is_dir() else old.unlink()


def one_by_one(client, partition, work, options: dict) -> list[Result]:
    """A partition's results with one task per article, one task at a time (a worker's death
    counts against every task it holds, queued ones too); an article whose task kills the
    workers that run it (Dask retries it on a fresh one a few times) becomes an error Result."""
    from distributed import KilledWorker

    out = []
    for rec in client.compute(partition).result():
        try:
            out += client.submit(work, [rec], pure=False, **options).result()
        except KilledWorker:
            out.append(Result(rec.id or rec.origin, error="every Dask worker that ran it died; left out",
                              origin=rec.origin))
    return out


def run(inputs: list[Path], output: Path, *, scheduler: Optional[str] = None, workers: int = 2,
        ner_model: str = "fast", force: bool = False, wait: bool = False,
        article_timeout: Optional[float] = ARTICLE_TIMEOUT, log=None, work=process_partition) -> Summary:
    """Process every input on Dask into the folder OUTPUT (parts); return the summary.
    ``work`` is what runs on each partition's records (keywords ner_model and timeout)."""
    output = Path(output)
    check_output(inputs, output, folder=True)
    with OutputLock(output, wait=wait, log=log):
        _clear_parts(output, force)
        return _run(inputs, output, scheduler, workers, ner_model, article_timeout, log, work)


def part_kind(output: Path) -> str:
    """The format of the parts of a folder OUTPUT, by its name's extension (Parquet by default)."""
    return output.suffix.lower() if output.suffix.lower() in PART_KINDS else ".parquet"


@contextmanager
def dask_client(scheduler: Optional[str], workers: int):
    """A Dask client of the scheduler at ADDRESS, or of a LocalCluster of ``workers`` processes
    (one thread each), closed on exit."""
    from dask.distributed import Client, LocalCluster

    if scheduler:
        client, cluster = Client(scheduler), None
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _run(inputs: list[Path], output: Path, scheduler: Optional[str], workers: int, ner_model: str,
         article_timeout: Optional[float], log, work=process_partition) -> Summary:
    import dask
    from dask.distributed import KilledWorker

    ext = part_kind(output)
    start = time.perf_counter()
    with dask_client(scheduler, workers) as client:
        records = records_bag(inputs)
        options = {"ner_model": ner_model, "timeout": article_timeout}
        bag = records.map_partitions(work, **options)
        tasks = [dask.delayed(_write_part)(part, i, str(output), ext)
                 for i, part in enumerate(bag.to_delayed())]
        counts = []
        for i, future in enumerate(client.compute(tasks)):
            try:
                counts.append(future.result())
            except KilledWorker as e:  # a partition whose task killed every worker that ran it
                print(f"conflict-events: part {i}: {' '.join(str(e).split())} Its articles run again, one "
                      f"by one.", file=log or sys.stderr, flush=True)
                results = one_by_one(client, records.to_delayed()[i], work, options)
                counts.append(_write_part(results, i, str(output), ext))
    summary = Summary(articles=sum(c[0] for c in counts), events=sum(c[1] for c in counts),
                      errors=sum(c[2] for c in counts), seconds=time.perf_counter() - start)
    print(summary.line(), file=log or sys.stderr)
    return summary
