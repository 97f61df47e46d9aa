"""Worker processes that survive the death of one of them.

    with WorkerPool(2, threads=1, ner_model="fast", timeout=30) as pool:
        for results in pool.imap(batches):   # each batch's Results, in input order
            ...

Each worker is a process (forked by a fork server that holds the shared data: ``worker_context``)
that loads the pipeline once (``setup``) and runs
``batch.process_records`` (``work``) on one batch at a time, sent over its own pipe, so the main process always knows which batch
each worker holds.  It waits on the pipes and on the processes' sentinels together, so a worker
that dies (kill -9, the kernel's OOM killer, a crash in native code) is seen at once: it is
replaced by a fresh process and its batch is run again, one article per task, so that a second
death names the article that caused it.  An article whose task has killed its worker twice (a
batch's death counts for each of its articles) becomes an error Result and the run goes on.  A
worker that runs far past its articles' time budget (stuck in native code, where the budget's
exception cannot reach) is killed and handled the same way.

Batches are read from the input only a few at a time (``AHEAD`` per worker), never all at once.
"""
from __future__ import annotations

import multiprocessing as mp
import signal
import sys
import time
from collections import Counter, deque
from functools import partial
from multiprocessing.connection import wait
from typing import Callable, Iterable, Iterator, Optional

from .batch import Result, _init_worker, over_budget, process_records
from .io import Record

AHEAD = 4  # batches read ahead per worker
GRACE = 30.0  # seconds a task may run past its longest possible budget before its worker is killed
STARTS = 3  # workers that die before their first task, per worker slot, before the run gives up
STRIKES = 2  # deaths of its worker after which an article becomes an error
PRELOAD = "conflict_events.preload"  # what the fork server imports before it forks workers


class PoolError(RuntimeError):
    """The workers cannot run at all (they fail or die while loading the pipeline)."""


def _serve(conn, setup: Callable[[], None], work: Callable[[list[Record]], list[Result]]) -> None:
    """A worker's life: set up, say so, then run ``work`` on every batch it is sent until None."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # an interrupted run is the main process's to end
    try:
        setup()
    except Exception as e:  # the main process reports it and stops the run
        conn.send(("failed", f"{type(e).__name__}: {' '.join(str(e).split())[:300]}"))
        return
    conn.send(("ready", None))
    while True:
        try:
            task = conn.recv()
        except EOFError:  # the main process is gone
            return
        if task is None:
            return
        key, records = task
        conn.send((key, work(records)))


def worker_context():
    """How workers are started: by a fork server that has imported and loaded what they share
    (conflict_events.preload), where the platform has one: a worker then starts in a fraction of a
    second; else spawned, each importing and loading everything itself. Never forked from the
    main process, which may have run torch (a forked torch thread pool deadlocks)."""
    if "forkserver" not in mp.get_all_start_methods():
        return mp.get_context("spawn")
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload([PRELOAD])
    return ctx


def death_reason(exitcode: Optional[int]) -> str:
    """How a worker process ended, in words (killed by SIGKILL, exit status 1)."""
    if exitcode is not None and exitcode < 0:
        try:
            return f"killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"killed by signal {-exitcode}"
    return f"exit status {exitcode}"


class _Worker:
    """One worker process, its pipe, and the task it holds."""

    def __init__(self, ctx, args: tuple):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child, *args), daemon=True)
        self.process.start()
        child.close()  # the worker holds the only other end: its death is an EOF here
        self.ready = False
        self.task: Optional[tuple] = None  # (batch number, offset in the batch, records)
        self.deadline = float("inf")
        self.overdue = False

    def give(self, task: tuple, seconds: Optional[float]) -> bool:
        """Send a task; False when the worker is already gone."""
        self.task = task
        self.deadline = time.monotonic() + (seconds if seconds else float("inf"))
        try:
            self.conn.send(((task[0], task[1]), task[2]))
            return True
        except (OSError, ValueError):
            return False

    def stop(self) -> None:
        """End the process: ask it, then kill it if it does not go."""
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            pass
        self.process.join(2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


class WorkerPool:
    """``workers`` processes running ``batch.process_records``; see the module's docstring.
    ``setup`` and ``work`` replace what a worker does at start and on each batch (picklable
    functions, e.g. functools.partial of module-level ones)."""

    def __init__(self, workers: int, *, threads: int = 1, ner_model: Optional[str] = None,
                 timeout: Optional[float] = None, log=None, setup: Optional[Callable[[], None]] = None,
                 work: Optional[Callable[[list[Record]], list[Result]]] = None):
        self.size = max(1, workers)
        self.args = (setup or partial(_init_worker, threads, ner_model),
                     work or partial(process_records, pipeline=None, timeout=timeout))
        self.timeout = timeout
        self.log = log or sys.stderr
        self.deaths: list[str] = []  # one line per worker that died during the run
        self._failed_starts = 0
        self._ctx = worker_context()
        self._workers: list[_Worker] = []

    def __enter__(self) -> "WorkerPool":
        self._workers = [_Worker(self._ctx, self.args) for _ in range(self.size)]
        return self

    def __exit__(self, *exc) -> None:
        for w in self._workers:
            w.stop()
        self._workers = []

    def imap(self, batches: Iterable[list[Record]]) -> Iterator[list[Result]]:
        """Each batch's Results, in input order, every article run whatever happens to the workers."""
        source = iter(batches)
        queue: deque = deque()  # tasks waiting for a worker
        slots: dict[int, list[Optional[Result]]] = {}  # batches read and not yet yielded
        strikes: Counter = Counter()  # (batch, offset) → deaths of the worker running it
        read = next_out = 0
        exhausted = False
        while True:
            while not exhausted and len(slots) < AHEAD * self.size:
                batch = next(source, None)
                if batch is None:
                    exhausted = True
                    break
                slots[read] = [None] * len(batch)
                queue.append((read, 0, batch))
                read += 1
            while next_out in slots and all(r is not None for r in slots[next_out]):
                yield slots.pop(next_out)
                next_out += 1
            if exhausted and not slots:
                return
            for w in self._workers:
                if w.ready and w.task is None and queue:
                    task = queue.popleft()
                    if not w.give(task, self._task_seconds(len(task[2]))):
                        break  # it died: handled below
            self._wait()
            for n, w in enumerate(self._workers):
                self._receive(w, slots)
                if w.task is not None and time.monotonic() > w.deadline and w.process.is_alive():
                    w.overdue = True
                    w.process.kill()
                if not w.process.is_alive():
                    w.process.join()
                    self._receive(w, slots)  # whatever it sent before it died
                    self._workers[n] = self._replace(w, queue, slots, strikes)

    def _task_seconds(self, articles: int) -> Optional[float]:
        """The longest a task may take: the batch's budget, then each article's alone, and a grace."""
        return (articles + 1) * self.timeout + GRACE if self.timeout else None

    def _wait(self) -> None:
        """Sleep until a worker sends something or ends (at most a second, to watch deadlines)."""
        wait([w.conn for w in self._workers] + [w.process.sentinel for w in self._workers], timeout=1.0)

    def _receive(self, w: _Worker, slots: dict) -> None:
        """Take every message a worker has sent: ready, a failure at start, or a task's results."""
        while True:
            try:
                if not w.conn.poll():
                    return
                key, payload = w.conn.recv()
            except (EOFError, OSError):  # it died, maybe half-way through a message
                return
            if key == "failed":
                raise PoolError(f"a worker could not load the pipeline: {payload}")
            if key == "ready":
                w.ready = True
                continue
            batch, offset = key
            slots[batch][offset:offset + len(payload)] = payload
            w.task, w.deadline = None, float("inf")

    def _replace(self, w: _Worker, queue: deque, slots: dict, strikes: Counter) -> _Worker:
        """A fresh worker for a dead one; its task's articles run again alone, or become errors."""
        reason = (f"stopped after running past its time budget ({self.timeout:g} s per article)"
                  if w.overdue else death_reason(w.process.exitcode))
        w.conn.close()
        if not w.ready:
            self._failed_starts += 1
            if self._failed_starts >= STARTS * self.size:
                raise PoolError(f"worker processes keep dying while loading the pipeline ({reason})")
            line = f"a worker died while loading the pipeline ({reason}); starting another"
        elif w.task is None:
            line = f"an idle worker died ({reason}); starting another"
        else:
            batch, offset, records = w.task
            line = (f"a worker died ({reason}) while processing {len(records)} article(s) from "
                    f"{records[0].origin}; they run again, one by one, on a new worker")
            again = []
            for k, rec in enumerate(records):
                strikes[(batch, offset + k)] += 1
                if strikes[(batch, offset + k)] >= STRIKES:
                    slots[batch][offset + k] = _killed(rec, reason, w.overdue, self.timeout)
                else:
                    again.append((batch, offset + k, [rec]))
            queue.extendleft(reversed(again))
        self.deaths.append(line)
        print(f"conflict-events: {line}", file=self.log, flush=True)
        return _Worker(self._ctx, self.args)


def _killed(record: Record, reason: str, overdue: bool, timeout: Optional[float]) -> Result:
    """The error Result of an article that has killed its worker (or kept it past its budget) twice."""
    rid = record.id or record.origin
    if overdue:
        return Result(rid, error=over_budget(timeout) + "; its worker was stopped", origin=record.origin)
    return Result(rid, error=f"its worker process died twice while processing it (last: {reason}); left out",
                  origin=record.origin)
