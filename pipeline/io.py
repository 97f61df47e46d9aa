"""Reading article dumps, streaming, by file extension.

Readers yield ``Record`` objects one at a time (never the whole dump): either
an article dict, or an error saying which line of which file could not be read.
Every record has a string id: the article's own, or where it was read
(``FILE:LINE``) when it has none; ``unique_ids`` makes them unique over a run.
Writing is in ``writers`` (its names are importable from here too).
"""
from __future__ import annotations

import csv
import gzip
import json
import math
import os
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from .writers import SURROGATE, escape_surrogates
from .writers import OUTPUT_KINDS, RowWriter, errors_path, read_rows  # noqa: F401  (re-exported)

ARTICLE_FIELDS = ("id", "text", "published", "title", "url", "source")
INPUT_KINDS = (".jsonl", ".jsonl.gz", ".json", ".csv", ".parquet", ".txt")
BOM = b"\xef\xbb\xbf"
CSV_FIELD_LIMIT = 2**31 - 1  # an article's text may be far longer than the csv module's 128 KiB default


class InputError(Exception):
    """An INPUT that cannot be read at all (missing, unreadable, unknown format)."""


def id_text(value) -> Optional[str]:
    """An article id as text: None when missing; a number as written; other types refused."""
    if value is None or value == "" or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise TypeError(f"id is a {type(value).__name__}, not a string or a number")
    return str(value)


@dataclass
class Record:
    """One article read from an input, or the reason it could not be read."""

    article: Optional[dict]
    origin: str  # "file.jsonl:12"
    error: Optional[str] = None
    id: str = ""  # the article's id as text, or the origin when it has none
    named: bool = False  # the id is the article's own (not its origin)

    def __post_init__(self):
        if self.id:
            return
        try:
            given = id_text((self.article or {}).get("id"))
        except TypeError as e:
            given, self.error = None, self.error or str(e)
        self.named = given is not None
        self.id = self.origin if given is None else given


def valid_unicode(article: dict) -> dict:
    """An article whose strings are valid Unicode: a lone surrogate (JSON may hold one) is U+FFFD
    in the text, so offsets into it hold, and escaped (\\ud800) in the other fields."""
    return {k: _valid_field(k, v) for k, v in article.items()}


def _valid_field(key: str, value):
    if not isinstance(value, str):
        return value
    return SURROGATE.sub("\ufffd", value) if key == "text" else escape_surrogates(value)


def unique_ids(records: Iterable[Record]) -> Iterator[Record]:
    """The records with unique ids: an article whose id came earlier becomes an error record;
    a FILE:LINE met twice (two inputs of one name) gets ``~2``, ``~3``."""
    seen: set[str] = set()
    for rec in records:
        if rec.named and rec.id in seen:
            rec = Record(None, rec.origin, f"duplicate id {rec.id!r}: an earlier article has the same id")
        if rec.id in seen:
            n = 2
            while f"{rec.origin}~{n}" in seen:
                n += 1
            rec.id = f"{rec.origin}~{n}"
        seen.add(rec.id)
        yield rec


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
    if path.is_dir():
        _folder_files(path)
    elif kind_of(path) not in INPUT_KINDS:
        raise InputError(f"{path}: unknown input format (expected {', '.join(INPUT_KINDS)})")
    elif kind_of(path) == ".csv":
        _csv_header(path)
    elif kind_of(path) == ".parquet":
        _parquet_file(path)


def read_articles(path: Path) -> Iterator[Record]:
    """Stream the articles of one INPUT (file or folder)."""
    check_input(path)
    if path.is_dir():
        yield from _read_folder(path)
        return
    yield from _READERS[kind_of(path)](path, path.name)


def _folder_files(path: Path) -> list[Path]:
    """The files a folder INPUT holds: a Parquet dataset's parts (at any depth, but for hidden
    ones), else its files of the input kinds; InputError if there are none."""
    parquet = sorted(p for p in path.rglob("*.parquet")
                     if not any(part.startswith((".", "_")) for part in p.relative_to(path).parts))
    files = parquet or sorted(p for p in path.iterdir() if p.is_file() and kind_of(p) in INPUT_KINDS)
    if not files:
        raise InputError(f"{path}: folder has no .txt, .jsonl, .csv or .parquet files")
    return files


def _read_folder(path: Path) -> Iterator[Record]:
    """Every file of a folder; one that cannot be read at all is one error record, the others are read."""
    for p in _folder_files(path):
        label = p.relative_to(path).as_posix()
        try:
            yield from _READERS[kind_of(p)](p, label)
        except InputError as e:
            yield Record(None, label, str(e))


def parse_jsonl_line(raw: bytes, origin: str) -> Record:
    """One JSONL line as a Record (an article, or why the line is not one)."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        return Record(None, origin, f"line is not UTF-8 ({e.reason} at byte {e.start})")
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        return Record(None, origin, f"malformed JSON ({e.msg} at column {e.colno})")
    except (ValueError, RecursionError) as e:  # an integer of 5,000 digits, arrays nested 10,000 deep
        return Record(None, origin, f"malformed JSON ({type(e).__name__}: {str(e)[:100]})")
    if not isinstance(obj, dict):
        return Record(None, origin, f"line is a JSON {type(obj).__name__}, not an object")
    return Record(obj, origin)


def _read_jsonl(path: Path, label: str) -> Iterator[Record]:
    """A .jsonl or .jsonl.gz file; a compressed file cut short or corrupt gives every complete
    line before the fault, then one error record."""
    opener = gzip.open if kind_of(path) == ".jsonl.gz" else open
    n = 0
    with opener(path, "rb") as f:
        try:
            for n, raw in enumerate(f, 1):
                if n == 1 and raw.startswith(BOM):
                    raw = raw[len(BOM):]
                if raw.strip():
                    yield parse_jsonl_line(raw, f"{label}:{n}")
        except (EOFError, zlib.error, gzip.BadGzipFile) as e:
            yield Record(None, f"{label}:{n + 1}",
                         f"compressed file is truncated or corrupt from line {n + 1} on ({e}); the lines before it were read")


def _read_json(path: Path, label: str) -> Iterator[Record]:
    """A .json file: one article object, or an array of them (the samples' format)."""
    try:
        obj = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as e:
        yield Record(None, label, f"malformed JSON file ({type(e).__name__}: {str(e)[:200]})")
        return
    items = obj if isinstance(obj, list) else [obj]
    for n, item in enumerate(items):
        origin = f"{label}[{n}]"
        if isinstance(item, dict):
            if item.get("id") in (None, ""):
                item["id"] = path.stem if len(items) == 1 else f"{path.stem}-{n}"
            yield Record(item, origin)
        else:
            yield Record(None, origin, "item is not a JSON object")


def _csv_header(path: Path) -> list[str]:
    """The column names of a CSV INPUT; InputError if it has no 'text' column."""
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as f:
        try:
            header = next(csv.reader(f), [])
        except csv.Error as e:
            raise InputError(f"{path}: not a readable CSV ({e})") from None
    if "text" not in header:
        raise InputError(f"{path}: CSV has no 'text' column")
    return header


def csv_rows(path: Path) -> Iterator[tuple[int, Union[dict, str]]]:
    """(line number, row) of a .csv file with a header; a row the csv module cannot parse is
    (line number, "malformed CSV row (…)")."""
    csv.field_size_limit(CSV_FIELD_LIMIT)
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as f:
        reader = csv.DictReader(f)
        reader.fieldnames  # the header line, so that line_num counts from it
        while True:
            line = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as e:
                yield line, f"malformed CSV row ({e})"
                continue
            yield line, row


def _read_csv(path: Path, label: str) -> Iterator[Record]:
    """A .csv file with a header; a row the csv module cannot parse is one error record."""
    _csv_header(path)
    for line, row in csv_rows(path):
        if isinstance(row, str):
            yield Record(None, f"{label}:{line}", row)
        else:
            yield Record({k: (v if v != "" else None) for k, v in row.items() if k in ARTICLE_FIELDS},
                         f"{label}:{line}")


def _parquet_file(path: Path):
    """An open Parquet INPUT file; InputError if it is empty, not Parquet or has no 'text' column."""
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except Exception as e:  # ArrowInvalid, OSError: pyarrow names no narrower class
        raise InputError(f"{path}: not a readable Parquet file ({' '.join(str(e).split())[:200]})") from None
    if "text" not in pf.schema_arrow.names:
        raise InputError(f"{path}: Parquet has no 'text' column")
    return pf


def _read_parquet(path: Path, label: str) -> Iterator[Record]:
    """A .parquet file by batches; a row group that cannot be read ends the file with one error record."""
    pf = _parquet_file(path)
    columns = [c for c in ARTICLE_FIELDS if c in pf.schema_arrow.names]
    n = 0
    try:
        for batch in pf.iter_batches(columns=columns, batch_size=1024):
            for row in batch.to_pylist():
                n += 1
                yield Record(row, f"{label}#{n}")
    except Exception as e:  # a corrupt page: pyarrow names no narrower class
        yield Record(None, f"{label}#{n + 1}",
                     f"Parquet file is corrupt from row {n + 1} on ({' '.join(str(e).split())[:200]})")


def _read_txt(path: Path, label: str) -> Iterator[Record]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as e:
        yield Record({"id": path.stem}, label, f"file is not UTF-8 ({e.reason} at byte {e.start})")
        return
    yield Record({"id": path.stem, "text": text}, label)


_READERS = {".jsonl": _read_jsonl, ".jsonl.gz": _read_jsonl, ".json": _read_json,
            ".csv": _read_csv, ".parquet": _read_parquet, ".txt": _read_txt}
