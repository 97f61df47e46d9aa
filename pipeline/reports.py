"""The extractor's event rows read back as reports: what the cross-article dedupe compares.

``read_reports(path)`` streams the rows of any output ``conflict-events extract`` writes (.jsonl,
.csv, .parquet, .geojson, or a Dask output folder of parts) and yields a ``Report`` for each good
row, or a ``BadRow`` naming the row (``FILE:LINE``, ``FILE#ROW``) and its one problem. A report
keeps only what the dedupe compares and what a merged incident is made of.
"""
from __future__ import annotations

import datetime as dt
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, NamedTuple, Optional, Union

from conflict_events.schemas import SUB_EVENT_TYPES

from .incident import actor_key
from .io import csv_rows
from .writers import csv_value

ROW_KINDS = (".jsonl", ".csv", ".parquet", ".geojson")


class Place(NamedTuple):
    """A report's place, as ``incident.places_compatible`` reads it (``id`` is set: the row's place
    was linked; ``iso3`` from the event id)."""

    location: Optional[str]
    iso3: str
    admin1: Optional[str]
    admin2: Optional[str]
    admin3: Optional[str]
    geo_precision: int
    id: str = "row"


class Side(NamedTuple):
    """An actor as ``incident.actor_key`` reads it."""

    name: str
    inter: Optional[int]
    country: Optional[str]


@dataclass(slots=True)
class Report:
    """One event row of the extractor: one article's report of an incident."""

    origin: str
    report_id: str
    article_id: str
    event_type: str
    sub_event_type: str
    date: Optional[dt.date]
    precision: Optional[int]
    place: Place
    row: dict  # the row's columns a merged incident is made of (KEPT: actors, coordinates, figures, evidence)
    published: Optional[dt.date] = None
    sides: tuple = (None, None)  # incident.actor_key of actor1 and actor2
    fatalities: int = 0
    fatalities_reported: bool = False  # the report gives a figure (its evidence has one)
    undated: bool = False  # dated by its publication day alone: the article says no day (no event_date evidence)
    text: str = ""  # what the sentence encoder reads: the report's sentences, else its evidence
    index: int = -1  # its position in the run

    @property
    def key(self) -> tuple:
        """The report's identity, for deterministic order: (article id, its event id)."""
        return (self.article_id, self.report_id)


@dataclass
class BadRow:
    """A row that is no report, and why (one line)."""

    origin: str
    error: str
    article_id: Optional[str] = None


class RowError(ValueError):
    """One problem of one row."""


class EventsError(Exception):
    """An events INPUT that cannot be read at all (one line)."""


def check_events(path: Path) -> None:
    """EventsError unless ``path`` is an events file of a kind extract writes, or a folder of parts."""
    if not path.exists():
        raise EventsError(f"{path}: no such file or folder")
    if path.is_dir():
        if not event_files(path):
            raise EventsError(f"{path}: folder has no part-* files of events (as extract --engine dask writes)")
    elif row_kind(path) not in ROW_KINDS:
        raise EventsError(f"{path}: not an events file (expected {', '.join(ROW_KINDS)}, or a folder of parts)")


def read_reports(path: Path) -> Iterator[Union[Report, BadRow]]:
    """Every row of an events file (or Dask output folder) as a Report or a BadRow, in order."""
    for origin, row in iter_rows(path):
        if isinstance(row, str):
            yield BadRow(origin, row)
            continue
        try:
            yield report_from_row(row, origin)
        except RowError as e:
            aid = row.get("article_id") if isinstance(row, dict) else None
            yield BadRow(origin, str(e), None if aid is None else str(aid))


def event_files(path: Path) -> list[Path]:
    """The files of rows an events INPUT holds: itself, or a Dask output folder's parts in name order."""
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.name.startswith("part-") and row_kind(p) in ROW_KINDS)
    return [path]


def row_kind(path: Path) -> str:
    return path.suffix.lower()


def iter_rows(path: Path) -> Iterator[tuple[str, Union[dict, str]]]:
    """(origin, row) for every row of an events file or folder; a row that cannot be read at all
    is (origin, the reason)."""
    for p in event_files(path):
        label = p.name if path.is_dir() else str(p.name)
        yield from _READERS[row_kind(p)](p, label)


def _jsonl_rows(path: Path, label: str):
    with open(path, "rb") as f:
        for n, raw in enumerate(f, 1):
            if raw.strip():
                yield f"{label}:{n}", _json_object(raw)


def _json_object(raw: bytes) -> Union[dict, str]:
    """One JSON line as a dict, or why it is not one."""
    try:
        obj = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as e:
        return f"line is not UTF-8 ({e.reason} at byte {e.start})"
    except (ValueError, RecursionError) as e:
        return f"malformed JSON ({' '.join(str(e).split())[:100]})"
    return obj if isinstance(obj, dict) else f"line is a JSON {type(obj).__name__}, not an object"


def _geojson_rows(path: Path, label: str):
    """A .geojson OUTPUT: one feature a line (as RowWriter writes it); its properties are the row."""
    with open(path, "rb") as f:
        for n, raw in enumerate(f, 1):
            line = raw.strip().rstrip(b",")
            if not line.startswith(b'{"type": "Feature"'):
                continue
            feat = _json_object(line)
            yield f"{label}:{n}", feat if isinstance(feat, str) else (feat.get("properties") or "feature has no properties")


def _csv_rows(path: Path, label: str):
    for line, row in csv_rows(path):
        yield f"{label}:{line}", row if isinstance(row, str) else {
            k: _csv_cell(k, v) for k, v in row.items() if k is not None}


JSON_CELLS = ("evidence", "warnings")


def _csv_cell(key: str, cell: Optional[str]):
    """A CSV cell as the row value it was written from: '' is None, lists are JSON."""
    if cell is None or cell == "":
        return [] if key in JSON_CELLS else None
    value = csv_value(cell)
    if key in JSON_CELLS:
        try:
            return json.loads(value)
        except ValueError:
            return value  # report_from_row says what is wrong with it
    return value


def _parquet_rows(path: Path, label: str):
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except Exception as e:  # ArrowInvalid, OSError: pyarrow names no narrower class
        yield f"{label}#1", f"not a readable Parquet file ({' '.join(str(e).split())[:200]})"
        return
    n = 0
    try:
        for batch in pf.iter_batches(batch_size=4096):
            for row in batch.to_pylist():
                n += 1
                yield f"{label}#{n}", row
    except Exception as e:  # a corrupt page
        yield f"{label}#{n + 1}", f"Parquet file is corrupt from row {n + 1} on ({' '.join(str(e).split())[:200]})"


_READERS = {".jsonl": _jsonl_rows, ".csv": _csv_rows, ".parquet": _parquet_rows, ".geojson": _geojson_rows}

KEPT = ("actor1", "actor2", "inter1", "inter2", "actor1_ar", "actor2_ar", "assoc_actor_1", "assoc_actor_2",
        "civilian_targeting", "country", "location_ar", "latitude", "longitude", "injured", "tags", "source", "url",
        "confidence", "warnings", "evidence")  # what a merged incident is made of (dedupe_merge)
ACTOR_COUNTRY = re.compile(r"\(([^()]*[A-Za-z][^()]*)\)\s*$|\bof (?:the )?([A-Z][A-Za-z' -]+?)(?: \(|$)")


def report_from_row(row: dict, origin: str) -> Report:
    """The Report of one event row; RowError names the row's first problem."""
    if not isinstance(row, dict):
        raise RowError("row is not an object")
    article_id = _text(row, "article_id", required=True)
    event_type = _text(row, "event_type", required=True)
    sub_event = _text(row, "sub_event_type", required=True)
    if sub_event not in SUB_EVENT_TYPES:
        raise RowError(f"sub_event_type {sub_event!r} is not an ACLED sub-event type")
    if SUB_EVENT_TYPES[sub_event] != event_type:
        raise RowError(f"sub_event_type {sub_event!r} is not of event_type {event_type!r}")
    date = _date(row, "event_date")
    precision = _int(row, "time_precision", 1, 3)
    event_id = _text(row, "event_id_cnty", required=True)
    country = _text(row, "country")
    iso3 = event_id[:3] if re.fullmatch(r"[A-Z]{3}\d+", event_id) else (country or "?")
    place = Place(_text(row, "location"), iso3, _text(row, "admin1"), _text(row, "admin2"), _text(row, "admin3"),
                  _int(row, "geo_precision", 1, 3) or 3)
    for key in ("latitude", "longitude"):
        row[key] = _float(row, key)
    fatalities = _int(row, "fatalities", 0) or 0
    evidence = row.get("evidence") or []
    if isinstance(evidence, str) or not all(isinstance(e, dict) for e in evidence):
        raise RowError("evidence is not a list of {field, start, end, text}")
    evidence = [dict(e) for e in evidence]
    kept = {k: None if _missing(row.get(k)) else row.get(k) for k in KEPT}
    kept["evidence"] = evidence
    sides = tuple(_side(row, f"actor{i}", f"inter{i}", country) for i in (1, 2))
    text = _text(row, "context") or " ".join(str(e.get("text") or "") for e in evidence)
    return Report(origin=origin, report_id=event_id, article_id=article_id, event_type=event_type,
                  sub_event_type=sub_event, date=date, precision=precision if date else None, place=place,
                  row=kept, published=_date(row, "published"), sides=sides, fatalities=fatalities,
                  fatalities_reported=any(e.get("field") == "fatalities" for e in evidence),
                  undated=undated(date, _date(row, "published"), evidence), text=text)


def undated(date: Optional[dt.date], published: Optional[dt.date], evidence: list) -> bool:
    """A report dated by its publication day alone: its evidence (there is some) names no date and
    its date is the day it was published, so the incident may be of that day or the days before."""
    return (date is not None and date == published and bool(evidence)
            and not any(e.get("field") == "event_date" for e in evidence))


def _side(row: dict, name_key: str, inter_key: str, country: Optional[str]) -> Optional[str]:
    """The actor of a role as a side (incident.actor_key): its country read from its name
    ("Civilians (Yemen)", "Military Forces of Yemen (2012-)"), else the event's."""
    name = _text(row, name_key)
    if name is None:
        return None
    m = ACTOR_COUNTRY.search(name)
    named = (m.group(1) or m.group(2)).strip() if m else None
    return actor_key(Side(name, _int(row, inter_key, 0, 8), named or country))


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value == ""


def _text(row: dict, key: str, required: bool = False) -> Optional[str]:
    value = row.get(key)
    if _missing(value):
        if required:
            raise RowError(f"no {key}")
        return None
    return str(value)


def _date(row: dict, key: str) -> Optional[dt.date]:
    value = row.get(key)
    if _missing(value):
        return None
    if isinstance(value, dt.date):
        return value if not isinstance(value, dt.datetime) else value.date()
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise RowError(f"{key} {value!r} is not an ISO date (YYYY-MM-DD)") from None


def _number(row: dict, key: str) -> Optional[float]:
    """The cell as a float, None when missing; RowError when it is no number."""
    value = row.get(key)
    if _missing(value):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        raise RowError(f"{key} {value!r} is not a number") from None


def _int(row: dict, key: str, lo: int, hi: Optional[int] = None) -> Optional[int]:
    number = _number(row, key)
    if number is None:
        return None
    if not math.isfinite(number) or number != int(number) or number < lo or (hi is not None and number > hi):
        raise RowError(f"{key} {row.get(key)!r} is not a whole number in {lo}..{hi if hi is not None else ''}")
    return int(number)


def _float(row: dict, key: str) -> Optional[float]:
    number = _number(row, key)
    return number if number is not None and math.isfinite(number) else None
