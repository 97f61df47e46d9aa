"""A time budget for a block of work: past it, ArticleTimeout is raised inside the block.

    with time_limit(30):
        doc = pipeline.process(article)   # raises ArticleTimeout after 30 s

In the main thread the budget is a real-time interval timer (SIGALRM), which also cuts short a
sleep or a blocking read; in any other thread (a Dask worker runs tasks in threads) a timer thread
raises the exception in the working thread (``PyThreadState_SetAsyncExc``).  Either way Python
raises it between two bytecodes, so one long call into C (a torch operation) finishes first: the
tagger's batches are kept small for that reason (ner_model.MAX_BATCH_CELLS).  Budgets do not nest.

ArticleTimeout derives from BaseException, as KeyboardInterrupt does, so that no ``except
Exception`` inside a stage can swallow it and run on past the budget.
"""
from __future__ import annotations

import ctypes
import signal
import threading
from contextlib import contextmanager
from typing import Iterator, Optional


ARTICLE_TIMEOUT = 30.0  # seconds an article of a batch run may take (conflict-events extract --article-timeout)


class ArticleTimeout(BaseException):
    """The work went past its time budget."""


@contextmanager
def time_limit(seconds: Optional[float]) -> Iterator[None]:
    """Raise ArticleTimeout in this block once it has run ``seconds`` (no limit when None or 0)."""
    if not seconds or seconds <= 0:
        yield
    elif threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        with _alarm(seconds):
            yield
    else:
        with _thread_timer(seconds):
            yield


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    """The budget as SIGALRM (main thread only)."""
    def on_alarm(signum, frame):
        raise ArticleTimeout(seconds)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _thread_timer(seconds: float) -> Iterator[None]:
    """The budget as an exception a timer thread raises in this thread."""
    target, lock, state = threading.get_ident(), threading.Lock(), {"done": False, "fired": False}

    def fire() -> None:
        with lock:
            if not state["done"]:
                state["fired"] = True
                _raise_in(target, ArticleTimeout)

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["done"] = True
            timer.cancel()
            if state["fired"]:  # raised after the block's last bytecode: take it back
                _raise_in(target, None)


def _raise_in(thread_id: int, exc: Optional[type]) -> None:
    """Make a thread raise ``exc`` at its next bytecode (None: cancel a pending one)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id),
                                               ctypes.py_object(exc) if exc is not None else None)
