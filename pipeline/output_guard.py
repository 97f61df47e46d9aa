"""Refusing an OUTPUT whose writing would destroy data, and one run at a time per OUTPUT."""
from __future__ import annotations

import fcntl
import os
import sys
from pathlib import Path
from typing import Iterable

from .ledger import done_path
from .writers import OUTPUT_KINDS, errors_path, parts_dir


class OutputError(Exception):
    """An OUTPUT the run refuses to write; the message is one line naming it."""


def lock_path(output: Path) -> Path:
    """The lock file a run holds while it writes OUTPUT."""
    return output.with_name(output.name + ".lock")


def run_files(output: Path) -> list[Path]:
    """Every file a run writes for OUTPUT."""
    return [output, done_path(output), errors_path(output), parts_dir(output), lock_path(output)]


def _same(a: Path, b: Path) -> bool:
    """Whether two paths name one file (hard and symbolic links included)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()


def _inside(path: Path, folder: Path) -> bool:
    return folder.is_dir() and path.resolve().is_relative_to(folder.resolve())


def check_output(inputs: Iterable[Path], output: Path, folder: bool = False) -> None:
    """Raise OutputError if OUTPUT would overwrite an INPUT or be read as one by a later run;
    ``folder``: OUTPUT is a folder of parts (the Dask engine), else a file."""
    if not folder and output.is_dir():
        raise OutputError(f"{output}: OUTPUT is a folder; give a file ending in "
                          f"{', '.join(OUTPUT_KINDS)}")
    for inp in map(Path, inputs):
        for written in run_files(output):
            if _same(written, inp) or (folder and _inside(inp, output)):
                raise OutputError(f"{output}: OUTPUT would overwrite the INPUT {inp}; write it elsewhere")
            if _inside(written, inp):
                raise OutputError(f"{output}: OUTPUT is inside the INPUT folder {inp}, where a later run "
                                  f"would read it as input; write it elsewhere")


class OutputLock:
    """OUTPUT's lock, held from creation to ``release()``: a second run gets OutputError, or with
    ``wait`` waits its turn. The lock dies with the process, however it ends (even kill -9)."""

    def __init__(self, output: Path, wait: bool = False, log=None):
        self.path = lock_path(output)
        while True:
            fd = _open_lock(output, self.path)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.read(fd, 32).decode("ascii", "replace").strip() or "?"
                if not wait:
                    os.close(fd)
                    raise OutputError(f"{output}: another conflict-events run (pid {holder}) is writing it; "
                                      f"wait for it to end, or pass --wait") from None
                print(f"conflict-events: {output}: waiting for the run writing it (pid {holder}) to end",
                      file=log or sys.stderr)
                fcntl.flock(fd, fcntl.LOCK_EX)
            if _still_there(fd, self.path):  # not removed by the run that held it before us
                break
            os.close(fd)
        self._fd = fd
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())

    def release(self) -> None:
        """Remove the lock file and let the next run in."""
        if self._fd is not None:
            self.path.unlink(missing_ok=True)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> "OutputLock":
        return self

    def __exit__(self, *exc) -> None:
        self.release()


def cannot_write(output: Path, e: OSError) -> OutputError:
    """The one-line refusal of an OUTPUT the system will not let us write."""
    return OutputError(f"{output}: cannot write it ({e.strerror or e}: {e.filename or output})")


def _open_lock(output: Path, path: Path) -> int:
    """The lock file, opened (and its folder made); OutputError if it cannot be."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as e:
        raise cannot_write(output, e) from None


def _still_there(fd: int, path: Path) -> bool:
    """Whether the open lock file is still the one at ``path``."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return False
    own = os.fstat(fd)
    return (st.st_dev, st.st_ino) == (own.st_dev, own.st_ino)
