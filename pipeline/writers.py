"""Writing event tables and error lines so that any string survives and a kill loses nothing.

``RowWriter`` appends ACLED rows to a .jsonl, .csv, .parquet or .geojson OUTPUT. ``commit()``
makes every row written so far durable and returns OUTPUT's position (``{"rows":
bytes}``, or ``{"parts": n}`` for Parquet); a writer opened at a position drops what
came after it (rows of a run killed before its next commit) and appends. Parquet is
written as numbered parts in ``OUTPUT.parts/`` and merged into OUTPUT by ``close()``;
GeoJSON as one feature a line, the FeatureCollection closed by ``close()`` (see ``geojson``).

Any string survives: JSON escapes lone surrogates (``\\ud800``, which JSON input may
hold); CSV and Parquet cells write them as that six-character text. A CSV cell a
spreadsheet would run as a formula gets a leading quote, as OWASP recommends.
"""
from __future__ import annotations

import csv
import functools
import json
import os
import re
import shutil
import typing
from pathlib import Path
from typing import Optional

from conflict_events.schemas import AcledRow

from . import geojson

OUTPUT_KINDS = (".jsonl", ".csv", ".parquet", ".geojson")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet runs a cell starting so as a formula
QUOTE = "'"  # the spreadsheet's "this cell is text" mark
BASE = "base.parquet"  # in OUTPUT.parts/: the OUTPUT a resumed run started from
MERGE_ROWS = 20_000  # rows per row group of a merged Parquet OUTPUT
SURROGATE = re.compile("[\ud800-\udfff]")


def errors_path(output: Path) -> Path:
    """Where the error records of a run go: OUTPUT's name with .errors.jsonl."""
    name = output.name
    for ext in OUTPUT_KINDS:
        if name.endswith(ext):
            name = name[: -len(ext)]
    return output.with_name(name + ".errors.jsonl")


def parts_dir(output: Path) -> Path:
    """Where a Parquet OUTPUT's parts wait to be merged."""
    return output.with_name(output.name + ".parts")


def escape_surrogates(text: str) -> str:
    """Text with each lone surrogate written as its escape (\\ud800), so UTF-8 can hold it."""
    return SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def json_line(obj) -> str:
    """One line of JSON, Arabic as is, lone surrogates escaped: it reads back to the same value."""
    return escape_surrogates(json.dumps(obj, ensure_ascii=False)) + "\n"


def csv_cell(value):
    """A value as a CSV cell: lists as JSON; text that starts like a formula, or with the quote
    mark itself, behind a quote mark (so reading it back is exact)."""
    if isinstance(value, (list, dict)):
        return json_line(value)[:-1]
    if isinstance(value, str):
        value = escape_surrogates(value)
        if value.startswith(FORMULA_START + (QUOTE,)):
            return QUOTE + value
    return value


def csv_value(cell: str) -> str:
    """A CSV cell's text as it was before ``csv_cell`` marked it."""
    return cell[1:] if cell.startswith(QUOTE) else cell


def _clean(value):
    """A row value with every string's lone surrogates escaped (Arrow strings are UTF-8)."""
    if isinstance(value, str):
        return escape_surrogates(value)
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    return value


def _arrow_type(annotation):
    """The Arrow type of a field of the output row model."""
    import pyarrow as pa

    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) is list:
        return pa.list_(_arrow_type(args[0]))
    if args:  # Optional[X]
        return _arrow_type(args[0])
    if hasattr(annotation, "model_fields"):
        return pa.struct([(n, _arrow_type(f.annotation)) for n, f in annotation.model_fields.items()])
    return {int: pa.int64(), float: pa.float64(), bool: pa.bool_()}.get(annotation, pa.string())


@functools.cache
def arrow_schema(model=AcledRow):
    """The Arrow schema of a Parquet OUTPUT of rows of a pydantic ``model`` (an event row by default),
    the same for every part (dates as ISO text)."""
    import pyarrow as pa

    return pa.schema([(n, _arrow_type(f.annotation)) for n, f in model.model_fields.items()])


def columns(model=AcledRow) -> list[str]:
    """The columns of a row model, in order (an event row's are OUTPUT_COLUMNS)."""
    return list(model.model_fields)


def json_columns(model=AcledRow) -> list[str]:
    """The columns of a row model that hold lists: JSON text in a CSV cell."""
    return [n for n, f in model.model_fields.items() if typing.get_origin(f.annotation) is list]


def fsync_dir(path: Path) -> None:
    """Make a rename or a new file in a folder durable."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def open_at(path: Path, size: Optional[int]):
    """A UTF-8 text file to append to, cut back to ``size`` bytes, or begun anew when ``size`` is None."""
    if size is not None and path.exists():
        os.truncate(path, size)
    return open(path, "w" if size is None else "a", encoding="utf-8", newline="")


class RowWriter:
    """Append rows (ACLED event rows, or those of another row ``model``) to a .jsonl, .csv,
    .parquet or .geojson file (see the module's doc)."""

    def __init__(self, path: Path, position: Optional[dict] = None, model=AcledRow):
        self.path = path
        self.model = model
        self.kind = path.suffix.lower()
        if self.kind not in OUTPUT_KINDS:
            raise ValueError(f"{path}: unknown output format (expected {', '.join(OUTPUT_KINDS)})")
        path.parent.mkdir(parents=True, exist_ok=True)
        if self.kind == ".parquet":
            self._f = None
            self._parts = _Parts(path, position, arrow_schema(model))
            return
        self._f = open_at(path, None if position is None else position.get("rows", 0))
        if self.kind == ".csv":
            self._csv = csv.DictWriter(self._f, fieldnames=columns(model))
            if self._size() == 0:
                self._csv.writeheader()
        elif self.kind == ".geojson":
            if self._size() == 0:
                self._f.write(geojson.HEAD)
            self._features = self._size() > len(geojson.HEAD.encode())

    def _size(self) -> int:
        self._f.flush()
        return os.fstat(self._f.fileno()).st_size

    def write(self, rows: list[dict]) -> None:
        """Append rows (one article's events)."""
        if self.kind == ".jsonl":
            self._f.write("".join(json_line(r) for r in rows))
        elif self.kind == ".csv":
            self._csv.writerows({k: csv_cell(v) for k, v in r.items()} for r in rows)
        elif self.kind == ".geojson":
            for r in rows:
                self._f.write((geojson.SEPARATOR if self._features else "") + json_line(geojson.feature(r))[:-1])
                self._features = True
        else:
            self._parts.rows.extend(_clean(r) for r in rows)

    def commit(self) -> dict:
        """Make every row written so far durable; return the position to resume from."""
        if self._f is None:
            return {"parts": self._parts.commit()}
        size = self._size()
        os.fsync(self._f.fileno())
        return {"rows": size}

    def close(self, finished: bool = True) -> None:
        """Commit and close; a finished Parquet OUTPUT gets its parts merged into one file, a finished
        GeoJSON one its closing brackets (after the commit: a resumed run cuts them off and appends)."""
        if self._f is not None:
            self.commit()
            if finished and self.kind == ".geojson":
                self._f.write(geojson.TAIL)
                self.commit()  # durable; the ledger keeps the position before the tail
            self._f.close()
        else:
            self._parts.commit()
            if finished:
                self._parts.merge()


class _Parts:
    """A Parquet OUTPUT as numbered part files in OUTPUT.parts/, merged into OUTPUT at the end.

    OUTPUT and its parts folder are never both there but between a merge's rename and the
    folder's removal, so finding both means the merge was done."""

    def __init__(self, path: Path, position: Optional[dict], schema):
        self.path, self.dir, self.rows, self.schema = path, parts_dir(path), [], schema
        self.count = (position or {}).get("parts", 0)
        if position is None:
            path.unlink(missing_ok=True)
            shutil.rmtree(self.dir, ignore_errors=True)
        elif path.exists() and self.dir.exists():
            shutil.rmtree(self.dir)
        self.dir.mkdir(exist_ok=True)
        for p in self.dir.iterdir():  # parts written after the last commit
            if p.name != BASE and not (p.name.startswith("part-") and int(p.stem[5:] or 0) < self.count):
                p.unlink()
        if path.exists():
            os.replace(path, self.dir / BASE)

    def commit(self) -> int:
        """Write the rows given since the last commit as the next part; return the number of parts."""
        if self.rows:
            import pyarrow as pa
            import pyarrow.parquet as pq

            part = self.dir / f"part-{self.count:06d}.parquet"
            pq.write_table(pa.Table.from_pylist(self.rows, schema=self.schema), part)
            _fsync_file(part)
            fsync_dir(self.dir)
            self.count += 1
            self.rows = []
        return self.count

    def merge(self) -> None:
        """Write the base and every part, in order, as OUTPUT (an atomic rename), then drop the parts."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        files = sorted(self.dir.glob("part-*.parquet"))
        if (self.dir / BASE).exists():
            files.insert(0, self.dir / BASE)
        if files == [self.dir / BASE]:  # nothing new: put the OUTPUT back as it was
            return self._finish(files[0])
        tmp = self.dir / "merged.tmp"
        schema = self.schema
        with pq.ParquetWriter(tmp, schema) as writer:
            pending, n = [], 0
            for f in files:
                for batch in pq.ParquetFile(f).iter_batches(batch_size=MERGE_ROWS):
                    pending.append(batch)
                    n += batch.num_rows
                    if n >= MERGE_ROWS:
                        writer.write_table(pa.Table.from_batches(pending, schema))
                        pending, n = [], 0
            writer.write_table(pa.Table.from_batches(pending, schema))
        _fsync_file(tmp)
        self._finish(tmp)

    def _finish(self, merged: Path) -> None:
        """Rename the merged file to OUTPUT, then drop the parts folder."""
        os.replace(merged, self.path)
        fsync_dir(self.path.parent)
        shutil.rmtree(self.dir)


def _fsync_file(path: Path) -> None:
    with open(path, "rb") as f:
        os.fsync(f.fileno())


def read_rows(path: Path, model=AcledRow) -> list[dict]:
    """Read back an output file written by RowWriter (for tests, evaluation and ``show``)."""
    kind = path.suffix.lower()
    if kind == ".geojson":
        return geojson.read_rows(path)
    if kind == ".jsonl":
        with open(path, encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]
    if kind == ".csv":
        import pandas as pd

        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        rows = [{k: csv_value(v) for k, v in r.items()} for r in frame.to_dict("records")]
        for r in rows:
            for k in json_columns(model):
                if k in r:
                    r[k] = json.loads(r[k]) if r[k] else []
        return rows
    import pandas as pd

    return pd.read_parquet(path).to_dict("records")
