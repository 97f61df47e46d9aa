"""Event rows as GeoJSON (RFC 7946): a FeatureCollection of Points at [longitude, latitude].

Every output column is a property of its feature (ACLED's columns with geo_precision, then
the project's own), so a .geojson OUTPUT reads back to the same rows as .jsonl. An event
without coordinates is a feature whose geometry is null, as RFC 7946 allows.

A .geojson OUTPUT is written like a .jsonl one, one feature a line, between ``HEAD`` and
``TAIL``: the run's commits cover the features only, and ``TAIL`` is written when the run
ends, so a run killed midway leaves a file that is no GeoJSON yet; re-running the command cuts
it back to its last commit and finishes it (see ``writers.RowWriter``).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

HEAD = '{"type": "FeatureCollection", "features": [\n'
SEPARATOR = ",\n"  # before every feature but the first
TAIL = "\n]}\n"


def point(row: dict) -> Optional[dict]:
    """The row's place as a GeoJSON Point ([longitude, latitude]), or None when it has no coordinates."""
    lon, lat = row.get("longitude"), row.get("latitude")
    if lon is None or lat is None or lon != lon or lat != lat:  # None or NaN
        return None
    return {"type": "Point", "coordinates": [float(lon), float(lat)]}


def feature(row: dict) -> dict:
    """One event row as a GeoJSON Feature: its Point, its id, every column a property."""
    return {"type": "Feature", "id": row.get("event_id_cnty"), "geometry": point(row), "properties": row}


def read_rows(path: Path) -> list[dict]:
    """The event rows of a GeoJSON file (its features' properties), in order."""
    with open(path, encoding="utf-8") as f:
        collection = json.load(f)
    return [feat["properties"] for feat in collection["features"]]
