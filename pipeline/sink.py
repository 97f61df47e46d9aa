"""Where a run's results go: rows to OUTPUT, failures to the errors file, ids to OUTPUT.done.

They are committed together (see ``ledger``) about every second, or every
PARQUET_COMMIT_SECONDS for Parquet (each commit is a part file). A run opened on
an OUTPUT with a matching ledger resumes from its last commit; an OUTPUT that
exists without one was not written by conflict-events and is refused unless forced.
"""
from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Optional

from .ledger import Ledger, done_path
from .output_guard import OutputError, OutputLock, cannot_write, check_output
from .writers import RowWriter, errors_path, json_line, open_at, parts_dir

COMMIT_SECONDS = 1.0
PARQUET_COMMIT_SECONDS = 30.0
COMMIT_IDS = 5_000  # at most this many articles wait for a commit


def _size(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0


def _has_data(output: Path) -> bool:
    """Whether OUTPUT holds anything a new run would destroy."""
    return _size(output) > 0 or parts_dir(output).exists()


def _matches(ledger: Ledger, output: Path) -> bool:
    """Whether OUTPUT and its errors file hold at least what the ledger's last commit says."""
    pos = ledger.position
    if output.suffix.lower() == ".parquet":
        rows = pos.get("parts", 0) == 0 or output.exists() or parts_dir(output).exists()
    else:
        rows = _size(output) >= pos.get("rows", 0)
    return rows and _size(errors_path(output)) >= pos.get("errors", 0)


def resume_point(output: Path, fresh: bool = False, force: bool = False) -> Optional[Ledger]:
    """The ledger a run on OUTPUT resumes from, or None to start anew; OutputError if OUTPUT
    holds data without a matching ledger (conflict-events did not write it), unless ``force``."""
    if fresh:
        return None
    ledger = Ledger.read(done_path(output))
    if ledger is not None and _matches(ledger, output):
        return ledger
    if force or not _has_data(output):
        return None
    raise OutputError(f"{output}: exists and was not written by conflict-events, or was changed since (no "
                      f"matching {done_path(output).name}); choose another OUTPUT, or pass --force to overwrite it")


def open_sink(inputs, output: Path, *, fresh: bool = False, force: bool = False, wait: bool = False,
              log=None) -> "Sink":
    """The sink of a run of ``inputs`` into OUTPUT, holding OUTPUT's lock until closed; OutputError
    if writing OUTPUT would destroy data or another run holds the lock (see ``output_guard``)."""
    check_output(inputs, output)
    lock = OutputLock(output, wait=wait, log=log)
    try:
        return Sink(output, resume_point(output, fresh=fresh, force=force), lock)
    except OSError as e:
        lock.release()
        raise cannot_write(output, e) from None
    except BaseException:
        lock.release()
        raise


class Sink:
    """The files of one run on OUTPUT, opened at the resume point (or anew)."""

    def __init__(self, output: Path, ledger: Optional[Ledger], lock: Optional[OutputLock] = None):
        self.lock = lock
        position = None if ledger is None else {"rows": 0, "parts": 0, "errors": 0, **ledger.position}
        self.ledger = ledger or Ledger.new(done_path(output))
        self.done = self.ledger.ids  # the ids to skip; the run drops each once met
        self.writer = RowWriter(output, position)
        self.errors = open_at(errors_path(output), None if position is None else position["errors"])
        self.interval = PARQUET_COMMIT_SECONDS if output.suffix.lower() == ".parquet" else COMMIT_SECONDS
        self.pending: list[str] = []
        self.last = time.monotonic()
        self.failed = False

    def add(self, res) -> None:
        """Write one article's rows, or its error line, and commit when one is due."""
        try:
            if res.error:
                self.errors.write(json_line({"article_id": res.id, "error": res.error, "input": res.origin}))
            else:
                self.writer.write(res.rows)
        except BaseException:
            self.failed = True  # half an article may be written: no commit may cover it
            raise
        self.pending.append(res.id)
        if len(self.pending) >= COMMIT_IDS or time.monotonic() - self.last >= self.interval:
            self.commit()

    def commit(self) -> None:
        """Make the pending articles' rows and errors durable, then list their ids in the ledger."""
        if self.failed or not self.pending:
            return
        position = self.writer.commit()
        self.errors.flush()
        os.fsync(self.errors.fileno())
        position["errors"] = os.fstat(self.errors.fileno()).st_size
        self.ledger.commit(self.pending, position)
        self.pending = []
        self.last = time.monotonic()

    def close(self, finished: bool = True) -> None:
        """Commit what is whole and close; ``finished``: the run went through every input."""
        try:
            self.commit()
            self.writer.close(finished and not self.failed)
        finally:
            self.errors.close()
            self.ledger.close()
            if self.lock is not None:
                self.lock.release()
