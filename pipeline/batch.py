"""Batch extraction: many inputs in, one event table out, resumable, on local processes.

Records are read in input order with unique ids (``io.unique_ids``); their rows and
error lines go to a ``sink.Sink``, which commits them with their ids to
``OUTPUT.done``. A run killed at any point and started again cuts OUTPUT back to
the last commit and processes the rest, so every article ends up processed
exactly once. One run at a time writes an OUTPUT (``output_guard.OutputLock``).
"""
from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Optional

from .budget import ARTICLE_TIMEOUT, ArticleTimeout, time_limit
from .core import ArticleError, Pipeline
from .io import Record, read_articles, unique_ids, valid_unicode
from .ledger import done_path  # noqa: F401  (where OUTPUT.done is; part of this module's API)
from .sink import Sink, open_sink
from .writers import escape_surrogates

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
    worker_deaths: int = 0

    def line(self) -> str:
        rate = self.articles / self.seconds if self.seconds else 0.0
        skipped = f", {self.skipped} already done" if self.skipped else ""
        deaths = (f"; {self.worker_deaths} worker process(es) died and were replaced, their articles run "
                  f"again (see above)" if self.worker_deaths else "")
        return (f"{self.articles} articles, {self.events} events, {self.errors} errors{skipped} "
                f"in {self.seconds:.1f}s ({rate:.1f} articles/s){deaths}")


def process_record(record: Record, pipeline: Optional[Pipeline] = None, timeout: Optional[float] = None) -> Result:
    """Run the pipeline over one record; every failure becomes a one-line error."""
    return process_records([record], pipeline, timeout)[0]


def process_records(records: list[Record], pipeline: Optional[Pipeline] = None,
                    timeout: Optional[float] = None) -> list[Result]:
    """Run the pipeline over a batch of records (``Pipeline.pipe``: one NER batch for all);
    every failure becomes a one-line error on its own article.  If the batch fails as a
    whole, or takes longer than ``timeout`` seconds (one article's budget), its articles are
    run one by one, each within ``timeout``, so the failure lands on the article that caused it."""
    pipeline = pipeline or _worker_pipeline()
    results: list[Optional[Result]] = [None] * len(records)
    docs, where = [], []
    for i, record in enumerate(records):
        rid = record.id
        if record.error:
            results[i] = Result(rid, error=record.error, origin=record.origin)
            continue
        try:
            docs.append(pipeline.document(_article(record)))
            where.append(i)
        except ArticleError as e:
            results[i] = Result(rid, error=e.reason, origin=record.origin)
    try:
        with time_limit(timeout):
            done = pipeline.pipe(docs)
    except (Exception, ArticleTimeout) as e:
        if len(docs) > 1:  # isolate the article that broke the batch or took its time
            for i in where:
                results[i] = process_records([records[i]], pipeline, timeout)[0]
            return results
        done, failure = None, e
    for k, i in enumerate(where):
        rid = records[i].id
        if done is None and isinstance(failure, ArticleTimeout):
            results[i] = Result(rid, error=over_budget(timeout), origin=records[i].origin)
        elif done is None:
            results[i] = _internal_error(rid, records[i], pipeline, timeout)
        else:
            doc = done[k]
            rows = [{**ev.to_acled_row(), "article_id": rid} for ev in doc.events]  # rid as read, see _article
            results[i] = Result(rid, rows, origin=records[i].origin, words=len(doc.tokens))
    return results


def process_partition(records: Iterable[Record], batch_size: int = 16,
                      ner_model: Optional[str] = None, timeout: Optional[float] = None) -> list[Result]:
    """Every record of a partition (a Dask one, say), in batches, in order."""
    pipeline = _worker_pipeline(ner_model)
    return [res for batch in chunks(records, batch_size) for res in process_records(batch, pipeline, timeout)]


def over_budget(timeout: Optional[float]) -> str:
    """The error line of an article that took longer than its time budget."""
    return f"took longer than {timeout:g} s (the --article-timeout budget) and was left out"


def _article(record: Record) -> dict:
    """The article of a record under the record's id (so rows, errors and .done agree), in valid
    Unicode (the id's lone surrogates escaped; its rows get the id as read back)."""
    return dict(valid_unicode(record.article), id=escape_surrogates(record.id))


def _internal_error(rid: str, record: Record, pipeline: Pipeline, timeout: Optional[float] = None) -> Result:
    """The one-line report of a bug hit by one article (a batch of millions must go on)."""
    try:
        with time_limit(timeout):
            pipeline.process(_article(record))
        msg = "internal error: the article failed in a batch but not alone"
    except ArticleTimeout:
        return Result(rid, error=over_budget(timeout), origin=record.origin)
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

        stages = [Ner(model=NER_MODEL) if s.name == "ner" else s for s in default_stages(gate=True)]
        _PIPELINES[NER_MODEL] = Pipeline(stages)
    return _PIPELINES[NER_MODEL]


def _init_worker(threads: int = 1, ner_model: Optional[str] = None) -> None:
    """Load the pipeline (and its model) once in this worker, with its share of the cores."""
    try:
        import torch

        torch.set_num_threads(max(1, threads))
    except ImportError:
        pass
    _warm(_worker_pipeline(ner_model))
    _quiet_gc()


GC_YOUNG = 10_000  # allocations between two collections of the youngest generation in a worker (Python: 700)


def _quiet_gc() -> None:
    """Once the worker's pipeline is loaded: keep its long-lived objects (gazetteer, dictionaries,
    tagger, shared with the fork server) out of every garbage collection (``gc.freeze``), and collect
    the young generation less often: an article allocates hundreds of thousands of objects (tokens,
    sub-tokens, mentions), few of them in reference cycles, and the collector's passes over them
    slowed every stage that builds them."""
    import gc

    gc.freeze()
    gc.set_threshold(GC_YOUNG, *gc.get_threshold()[1:])


def _warm(pipeline: Pipeline) -> None:
    """Load everything the pipeline loads on first use (tagger, gazetteer, dictionaries) now,
    so that no article's time budget pays for it."""
    pipeline.process("قتل جندي في حلب")


def iter_records(inputs: Iterable[Path]) -> Iterator[Record]:
    """All records of all inputs, in order."""
    for path in inputs:
        yield from read_articles(Path(path))


def _todo(inputs: Iterable[Path], done: set[str], summary: Summary) -> Iterator[Record]:
    """The records of all inputs, ids made unique, but for those ``done`` lists (dropped from it once met)."""
    for rec in unique_ids(iter_records(inputs)):
        if rec.id in done:
            done.discard(rec.id)
            summary.skipped += 1
            continue
        yield rec


def run(inputs: list[Path], output: Path, *, workers: int = 1, progress: bool = True,
        resume: bool = True, force: bool = False, wait: bool = False, batch_size: int = 16,
        ner_model: str = "fast", article_timeout: Optional[float] = ARTICLE_TIMEOUT, log=None) -> Summary:
    """Extract events from every article of ``inputs`` into ``output``; return the summary.

    ``resume=False`` starts over; ``force`` overwrites an OUTPUT conflict-events did not
    write; ``wait`` waits for another run writing OUTPUT instead of refusing (OutputError).
    An article that takes longer than ``article_timeout`` seconds (None or 0: no limit) becomes
    an error line; with workers > 1, a worker that dies is replaced (workers.WorkerPool)."""
    output = Path(output)
    start = time.perf_counter()
    sink = open_sink(inputs, output, fresh=not resume, force=force, wait=wait, log=log)
    summary = Summary()
    todo = _todo(inputs, sink.done, summary)
    bar = _progress(progress)
    finished = False
    try:
        if workers <= 1:
            pipeline = _worker_pipeline(ner_model)
            _warm(pipeline)
            results = (res for batch in chunks(todo, batch_size)
                       for res in process_records(batch, pipeline, article_timeout))
            _consume(results, sink, summary, bar)
        else:
            with _pool(workers, ner_model, article_timeout, log) as pool:
                results = (res for batch in pool.imap(chunks(todo, batch_size)) for res in batch)
                _consume(results, sink, summary, bar)
                summary.worker_deaths = len(pool.deaths)
        finished = True
    finally:
        sink.close(finished)
        if bar is not None:
            bar.close()
    summary.seconds = time.perf_counter() - start
    print(summary.line(), file=log or sys.stderr)
    return summary


def _pool(workers: int, ner_model: str, article_timeout: Optional[float], log):
    """The worker processes of a run, each with its share of the cores (workers.WorkerPool)."""
    from .workers import WorkerPool

    threads = max(1, (os.cpu_count() or 1) // workers)
    return WorkerPool(workers, threads=threads, ner_model=ner_model, timeout=article_timeout, log=log)


def _consume(results, sink: Sink, summary: Summary, bar) -> None:
    """Hand every result to the sink, counting it."""
    for res in results:
        summary.articles += 1
        summary.words += res.words
        summary.errors += bool(res.error)
        summary.events += len(res.rows)
        sink.add(res)
        if bar is not None:
            bar.update(1)
            bar.set_postfix(events=summary.events, errors=summary.errors, refresh=False)


def _progress(enabled: bool):
    """A tqdm bar on stderr when enabled and stderr is a terminal."""
    if not enabled or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(unit=" articles", file=sys.stderr, dynamic_ncols=True, smoothing=0.1)
