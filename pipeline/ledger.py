"""OUTPUT.done: which articles' rows and errors are written for good, and where OUTPUT ends.

The file is JSON lines. The first names the format; each next one is a commit::

    {"conflict-events": "done", "version": 1}
    {"ids": ["a1", "a2", "in.jsonl:7"], "rows": 18230, "errors": 412}

A commit line is appended only after the rows and error lines of its ids are
fsynced, and it records where OUTPUT (``rows`` bytes, or ``parts`` for Parquet)
and the errors file end at that moment. A re-run cuts both back to the last
commit (dropping what a killed run wrote after it) and skips the ids listed.
A line cut short by a kill is no commit and is dropped. No id is listed twice.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterator, Optional

from .writers import json_line

HEADER = {"conflict-events": "done", "version": 1}


def done_path(output: Path) -> Path:
    """The file that lists the ids of articles already processed into OUTPUT."""
    return output.with_name(output.name + ".done")


class Ledger:
    """The commits of one OUTPUT: the ids done and the position of the last commit."""

    def __init__(self, path: Path, ids: set[str], position: dict, end: int):
        self.path, self.ids, self.position = path, ids, position
        self._f = None
        self._end = end  # bytes of the file up to its last whole line

    @classmethod
    def read(cls, path: Path) -> Optional["Ledger"]:
        """The ledger in ``path``, or None if it is not one (missing, or not written by conflict-events)."""
        ids: set[str] = set()
        position, end = {}, 0
        for entry, end in _commits(path):
            if entry is not HEADER:
                ids.update(entry["ids"])
                position = {k: v for k, v in entry.items() if k != "ids"}
        return cls(path, ids, position, end) if end else None

    @classmethod
    def new(cls, path: Path) -> "Ledger":
        """A ledger with no commit yet, replacing whatever ``path`` held."""
        ledger = cls(path, set(), {}, 0)
        ledger._open("w").write(json_line(HEADER))
        ledger._sync()
        return ledger

    def _open(self, mode: str):
        """The file, opened anew ("w") or to append after its last whole line ("a")."""
        if self._f is None:
            if mode == "a":
                os.truncate(self.path, self._end)  # a line cut short by a kill
            self._f = open(self.path, mode, encoding="utf-8", newline="")
        return self._f

    def _sync(self) -> None:
        self._f.flush()
        os.fsync(self._f.fileno())

    def commit(self, ids: list[str], position: dict) -> None:
        """Record that the rows and errors of ``ids`` are durable and where the files end."""
        self._open("a").write(json_line({"ids": ids, **position}))
        self._sync()
        self.position = position

    def close(self) -> None:
        """Close the file (every commit is already durable)."""
        if self._f is not None:
            self._f.close()
            self._f = None


def _commits(path: Path) -> Iterator[tuple[dict, int]]:
    """The header (as HEADER itself) and each whole commit line of a ledger file, with the offset
    where it ends; nothing if the file is missing or does not start with the header."""
    if not path.exists():
        return
    end = 0
    with open(path, "rb") as f:
        for n, line in enumerate(f):
            try:
                entry = json.loads(line) if line.endswith(b"\n") else None
            except ValueError:
                entry = None
            if n == 0 and entry == HEADER:
                entry = HEADER
            elif n == 0 or not (isinstance(entry, dict) and isinstance(entry.get("ids"), list)):
                return
            end += len(line)
            yield entry, end


def done_ids(output: Path) -> list[str]:
    """The ids OUTPUT.done lists, in commit order (empty if there is none)."""
    return [i for entry, _ in _commits(done_path(output)) if entry is not HEADER for i in entry["ids"]]
