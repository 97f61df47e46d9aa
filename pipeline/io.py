"""Reading article dumps and writing event tables, streaming, by file extension.

Readers yield ``Record`` objects one at a time (never the whole dump): either
an article dict, or an error saying which line of which file could not be read.
Writers take ACLED rows (``Event.to_acled_row()``) and append them.
"""
from __future__ import annotations

import csv
import gzip
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional

from conflict_events.schemas import OUTPUT_COLUMNS

ARTICLE_FIELDS = ("id", "text", "published", "title", "url", "source")
INPUT_KINDS = (".jsonl", ".jsonl.gz", ".json", ".csv", ".parquet", ".txt")


class InputError(Exception):
    """An INPUT that cannot be read at all (missing, unreadable, unknown format)."""


@dataclass
class Record:
    """One article read from an input, or the reason it could not be read."""

    article: Optional[dict]
    origin: str  # "file.jsonl:12"
    error: Optional[str] = None

    @property
    def id(self) -> Optional[str]:
        if self.article and self.article.get("id") not in (None, ""):
            return str(self.article["id"])
        return None


def kind_of(path: Path) -> str:
    """The input kind of a path by its extension ('.jsonl.gz' counts as one)."""
    name = path.name.lower()
    if name.endswith(".jsonl.gz"):
        return ".jsonl.gz"
    return path.suffix.lower()


def check_input(path: Path) -> None:
    """Raise InputError with a one-line message if an INPUT cannot be read."""
    if not path.exists():
        raise InputError(f"{path}: no such file or folder")
    if not os.access(path, os.R_OK):
        raise InputError(f"{path}: not readable")
    if path.is_file() and kind_of(path) not in INPUT_KINDS:
        raise InputError(f"{path}: unknown input format (expected {', '.join(INPUT_KINDS)})")


def read_articles(path: Path) -> Iterator[Record]:
    """Stream the articles of one INPUT (file or folder)."""
    check_input(path)
    if path.is_dir():
        yield from _read_folder(path)
        return
    yield from _READERS[kind_of(path)](path)


def _read_folder(path: Path) -> Iterator[Record]:
    parquet = sorted(path.rglob("*.parquet"))
    if parquet:  # a partitioned Parquet dataset
        yield from _read_parquet(path)
        return
    files = sorted(p for p in path.iterdir() if p.is_file() and kind_of(p) in INPUT_KINDS)
    if not files:
        raise InputError(f"{path}: folder has no .txt, .jsonl, .csv or .parquet files")
    for p in files:
        yield from _READERS[kind_of(p)](p)


def _read_jsonl(path: Path) -> Iterator[Record]:
    opener = gzip.open if kind_of(path) == ".jsonl.gz" else open
    with opener(path, "rb") as f:
        for n, raw in enumerate(f, 1):
            origin = f"{path.name}:{n}"
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as e:
                yield Record(None, origin, f"line is not UTF-8 ({e.reason} at byte {e.start})")
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                yield Record(None, origin, f"malformed JSON ({e.msg} at column {e.colno})")
                continue
            if not isinstance(obj, dict):
                yield Record(None, origin, f"line is a JSON {type(obj).__name__}, not an object")
                continue
            yield Record(obj, origin)


def _read_json(path: Path) -> Iterator[Record]:
    """A .json file: one article object, or an array of them (the samples' format)."""
    try:
        obj = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        yield Record(None, path.name, f"malformed JSON file ({e})")
        return
    items = obj if isinstance(obj, list) else [obj]
    for n, item in enumerate(items):
        origin = f"{path.name}[{n}]"
        if isinstance(item, dict):
            item.setdefault("id", path.stem if len(items) == 1 else f"{path.stem}-{n}")
            yield Record(item, origin)
        else:
            yield Record(None, origin, "item is not a JSON object")


def _read_csv(path: Path) -> Iterator[Record]:
    with open(path, encoding="utf-8", errors="replace", newline="") as f:
        reader = csv.DictReader(f)
        if not reader.fieldnames or "text" not in reader.fieldnames:
            raise InputError(f"{path}: CSV has no 'text' column")
        for n, row in enumerate(reader, 2):
            yield Record({k: (v if v != "" else None) for k, v in row.items() if k in ARTICLE_FIELDS},
                         f"{path.name}:{n}")


def _read_parquet(path: Path) -> Iterator[Record]:
    import pyarrow.dataset as ds

    dataset = ds.dataset(str(path), format="parquet")
    columns = [c for c in ARTICLE_FIELDS if c in dataset.schema.names]
    if "text" not in columns:
        raise InputError(f"{path}: Parquet has no 'text' column")
    n = 0
    for batch in dataset.to_batches(columns=columns, batch_size=1024):
        for row in batch.to_pylist():
            n += 1
            yield Record(row, f"{path.name}#{n}")


def _read_txt(path: Path) -> Iterator[Record]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as e:
        yield Record({"id": path.stem}, path.name, f"file is not UTF-8 ({e.reason} at byte {e.start})")
        return
    yield Record({"id": path.stem, "text": text}, path.name)


_READERS = {".jsonl": _read_jsonl, ".jsonl.gz": _read_jsonl, ".json": _read_json,
            ".csv": _read_csv, ".parquet": _read_parquet, ".txt": _read_txt}

OUTPUT_KINDS = (".jsonl", ".csv", ".parquet")


def errors_path(output: Path) -> Path:
    """Where the error records of a run go: OUTPUT's name with .errors.jsonl."""
    name = output.name
    for ext in OUTPUT_KINDS:
        if name.endswith(ext):
            name = name[: -len(ext)]
    return output.with_name(name + ".errors.jsonl")


class RowWriter:
    """Append ACLED rows to a .jsonl, .csv or .parquet file."""

    def __init__(self, path: Path, append: bool = False):
        self.path = path
        self.kind = path.suffix.lower()
        if self.kind not in OUTPUT_KINDS:
            raise InputError(f"{path}: unknown output format (expected {', '.join(OUTPUT_KINDS)})")
        path.parent.mkdir(parents=True, exist_ok=True)
        self._buffer: list[dict] = []
        if self.kind == ".jsonl":
            self._f = open(path, "a" if append else "w", encoding="utf-8")
        elif self.kind == ".csv":
            fresh = not append or not path.exists() or path.stat().st_size == 0
            self._f = open(path, "a" if append else "w", encoding="utf-8", newline="")
            self._csv = csv.DictWriter(self._f, fieldnames=OUTPUT_COLUMNS)
            if fresh:
                self._csv.writeheader()
        else:
            self._f = None
            if append and path.exists():
                import pyarrow.parquet as pq

                self._buffer = pq.read_table(path).to_pylist()

    def write(self, rows: list[dict]) -> None:
        """Append rows (one article's events)."""
        if self.kind == ".jsonl":
            for r in rows:
                self._f.write(json.dumps(r, ensure_ascii=False) + "\n")
        elif self.kind == ".csv":
            for r in rows:
                self._csv.writerow({k: _csv_cell(v) for k, v in r.items()})
        else:
            self._buffer.extend(rows)

    def flush(self) -> None:
        """Make what was written durable (Parquet is written at close)."""
        if self._f is not None:
            self._f.flush()
            os.fsync(self._f.fileno())

    def close(self) -> None:
        """Finish the file."""
        if self.kind == ".parquet":
            import pandas as pd

            frame = pd.DataFrame(self._buffer, columns=OUTPUT_COLUMNS)
            frame.to_parquet(self.path, index=False)
        elif self._f is not None:
            self._f.close()


def _csv_cell(v):
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False)
    return v


def read_rows(path: Path) -> list[dict]:
    """Read back an output file written by RowWriter (for tests, evaluation and resume)."""
    kind = path.suffix.lower()
    if kind == ".jsonl":
        with open(path, encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]
    if kind == ".csv":
        import pandas as pd

        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        rows = frame.to_dict("records")
        for r in rows:
            for k in ("evidence", "warnings"):
                r[k] = json.loads(r[k]) if r.get(k) else []
        return rows
    import pandas as pd

    return pd.read_parquet(path).to_dict("records")
