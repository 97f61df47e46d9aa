"""Batch extraction: many inputs in, one event table out, resumable, on local processes.

Per article, the events' rows are written and flushed first, then the article id
is appended to ``OUTPUT.done``. A run killed at any point and started again
drops rows of articles not in ``.done`` (half-written ones) and processes the
rest, so every article ends up processed exactly once.
"""
from __future__ import annotations

import json
import multiprocessing as mp
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Optional

from .core import ArticleError, Pipeline
from .io import Record, RowWriter, errors_path, read_articles, read_rows

_PIPELINES: dict[str, Pipeline] = {}
NER_MODEL = "fast"  # the profile of models/ner the batch pipeline uses (see conflict_events.ner_model)


@dataclass
class Result:
    """What one article gave: its id, its event rows, or an error line."""

    id: str
    rows: list[dict] = field(default_factory=list)
    error: Optional[str] = None
    origin: str = ""
    words: int = 0


@dataclass
class Summary:
    articles: int = 0
    events: int = 0
    errors: int = 0
    skipped: int = 0
    seconds: float = 0.0
    words: int = 0

    def line(self) -> str:
        rate = self.articles / self.seconds if self.seconds else 0.0
        skipped = f", {self.skipped} already done" if self.skipped else ""
        return (f"{self.articles} articles, {self.events} events, {self.errors} errors{skipped} "
                f"in {self.seconds:.1f}s ({rate:.1f} articles/s)")


def done_path(output: Path) -> Path:
    """The file that lists the ids of articles already processed into OUTPUT."""
    return output.with_name(output.name + ".done")


def process_record(record: Record, pipeline: Optional[Pipeline] = None) -> Result:
    """Run the pipeline over one record; every failure becomes a one-line error."""
    return process_records([record], pipeline)[0]


def process_records(records: list[Record], pipeline: Optional[Pipeline] = None) -> list[Result]:
    """Run the pipeline over a batch of records (``Pipeline.pipe``: one NER batch for all);
    every failure becomes a one-line error on its own article.  If the batch fails as a
    whole, its articles are run one by one so the failure lands on the article that caused it."""
    pipeline = pipeline or _worker_pipeline()
    results: list[Optional[Result]] = [None] * len(records)
    docs, where = [], []
    for i, record in enumerate(records):
        rid = record.id or record.origin
        if record.error:
            results[i] = Result(rid, error=record.error, origin=record.origin)
            continue
        try:
            docs.append(pipeline.document(record.article))
            where.append(i)
        except ArticleError as e:
            results[i] = Result(rid, error=e.reason, origin=record.origin)
    try:
        done = pipeline.pipe(docs)
    except Exception:
        if len(docs) == 1:
            done = None
        else:  # isolate the article that broke the batch
            for i in where:
                results[i] = process_records([records[i]], pipeline)[0]
            return results
    for k, i in enumerate(where):
        rid = records[i].id or records[i].origin
        if done is None:
            results[i] = _internal_error(rid, records[i], pipeline)
        else:
            doc = done[k]
            results[i] = Result(rid, [ev.to_acled_row() for ev in doc.events], origin=records[i].origin,
                                words=len(doc.tokens))
    return results


def process_partition(records: Iterable[Record], batch_size: int = 16,
                      ner_model: Optional[str] = None) -> list[Result]:
    """Every record of a partition (a Dask one, say), in batches, in order."""
    pipeline = _worker_pipeline(ner_model)
    return [res for batch in chunks(records, batch_size) for res in process_records(batch, pipeline)]


def _internal_error(rid: str, record: Record, pipeline: Pipeline) -> Result:
    """The one-line report of a bug hit by one article (a batch of millions must go on)."""
    try:
        pipeline.process(record.article)
        msg = "internal error: the article failed in a batch but not alone"
    except ArticleError as e:
        return Result(rid, error=e.reason, origin=record.origin)
    except Exception as e:
        msg = "internal error: " + f"{type(e).__name__}: " + " ".join(str(e).split())[:300]
    return Result(rid, error=msg, origin=record.origin)


def chunks(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    """Consecutive batches of ``size`` records."""
    batch: list[Record] = []
    for r in records:
        batch.append(r)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _worker_pipeline(ner_model: Optional[str] = None) -> Pipeline:
    """This process's pipeline for an NER model profile (built once, model loaded once)."""
    global NER_MODEL
    NER_MODEL = ner_model or NER_MODEL
    if NER_MODEL not in _PIPELINES:
        from .core import default_stages
        from .ner import Ner

        stages = [Ner(model=NER_MODEL) if s.name == "ner" else s for s in default_stages()]
        _PIPELINES[NER_MODEL] = Pipeline(stages)
    return _PIPELINES[NER_MODEL]


def _init_worker(threads: int = 1, ner_model: Optional[str] = None) -> None:
    """Load the pipeline (and its model) once in this worker, with its share of the cores."""
    try:
        import torch

        torch.set_num_threads(max(1, threads))
    except ImportError:
        pass
    _worker_pipeline(ner_model)


def iter_records(inputs: Iterable[Path]) -> Iterator[Record]:
    """All records of all inputs, in order."""
    for path in inputs:
        yield from read_articles(Path(path))


def _load_done(output: Path) -> set[str]:
    """Ids already processed, after dropping any rows of half-processed articles."""
    done_file = done_path(output)
    if not done_file.exists() or not output.exists():
        for p in (done_file, output):
            if p.exists() and output.suffix != ".parquet":
                p.unlink()
        return set()
    done = {line.rstrip("\n") for line in open(done_file, encoding="utf-8") if line.strip()}
    rows = read_rows(output)
    keep = [r for r in rows if str(r["article_id"]) in done]
    if len(keep) != len(rows):  # rows of an article whose .done line never came: rewrite without them
        tmp = output.with_name(".resume-" + output.name)
        w = RowWriter(tmp)
        w.write(keep)
        w.close()
        os.replace(tmp, output)
    return done


def run(inputs: list[Path], output: Path, *, workers: int = 1, progress: bool = True,
        resume: bool = True, batch_size: int = 16, ner_model: str = "fast", log=None) -> Summary:
    """Extract events from every article of ``inputs`` into ``output``; return the summary."""
    output = Path(output)
    start = time.perf_counter()
    done = _load_done(output) if resume else set()
    if not resume:
        for p in (output, done_path(output), errors_path(output)):
            if p.exists():
                p.unlink()
    summary = Summary()
    writer = RowWriter(output, append=bool(done))
    done_f = open(done_path(output), "a", encoding="utf-8")
    errors_f = open(errors_path(output), "a", encoding="utf-8")

    def todo() -> Iterator[Record]:
        for rec in iter_records(inputs):
            if (rec.id or rec.origin) in done:
                summary.skipped += 1
                continue
            yield rec

    bar = _progress(progress)
    try:
        if workers <= 1:
            pipeline = _worker_pipeline(ner_model)
            results = (res for batch in chunks(todo(), batch_size) for res in process_records(batch, pipeline))
            _consume(results, writer, done_f, errors_f, summary, bar)
        else:
            # spawn, not fork: a child forked from a process whose torch thread pool has run
            # deadlocks on its first tensor operation
            ctx = mp.get_context("spawn")
            threads = max(1, (os.cpu_count() or 1) // workers)
            with ctx.Pool(workers, initializer=_init_worker, initargs=(threads, ner_model)) as pool:
                batches = pool.imap(process_records, chunks(todo(), batch_size))
                _consume((res for batch in batches for res in batch), writer, done_f, errors_f, summary, bar)
    finally:
        writer.close()
        done_f.close()
        errors_f.close()
        if bar is not None:
            bar.close()
    summary.seconds = time.perf_counter() - start
    print(summary.line(), file=log or sys.stderr)
    return summary


def _consume(results, writer, done_f, errors_f, summary, bar) -> None:
    for res in results:
        summary.articles += 1
        summary.words += res.words
        if res.error:
            summary.errors += 1
            errors_f.write(json.dumps({"article_id": res.id, "error": res.error, "input": res.origin},
                                      ensure_ascii=False) + "\n")
            errors_f.flush()
        else:
            summary.events += len(res.rows)
            writer.write(res.rows)
            writer.flush()
        done_f.write(res.id + "\n")
        done_f.flush()
        if bar is not None:
            bar.update(1)
            bar.set_postfix(events=summary.events, errors=summary.errors, refresh=False)


def _progress(enabled: bool):
    """A tqdm bar on stderr when enabled and stderr is a terminal."""
    if not enabled or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(unit=" articles", file=sys.stderr, dynamic_ncols=True, smoothing=0.1)
