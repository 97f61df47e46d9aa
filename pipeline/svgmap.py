"""A small map of events as inline SVG: points at their coordinates over low-resolution country
outlines (data/outlines.json, Natural Earth 1:110m), a lon/lat frame, nothing from the network.

The projection is equirectangular, longitudes shrunk by the cosine of the middle latitude, over
the events' bounding box (padded, and widened to a sensible shape).
"""
from __future__ import annotations

import functools
import html
import json
import math
import re
from dataclasses import dataclass
from typing import Iterable, Optional

from .resources import DATA_DIR

WIDTH = 440
MIN_HEIGHT, MAX_HEIGHT = 220, 460
PAD_DEGREES = 1.5
MIN_SPAN_DEGREES = 4.0
STEPS = (0.5, 1, 2, 5, 10, 15, 30, 45, 90)  # graticule spacing, the first giving at most 6 lines
TYPE_COLOURS = {"battles": "#d62728", "explosions-remote-violence": "#ff7f0e", "violence-against-civilians": "#8c2d8c",
                "protests": "#1f77b4", "riots": "#17becf", "strategic-developments": "#555555"}
STYLE = ("<style>.sea{fill:#eef4f8}.land{fill:#f4f1e8;stroke:#9a9486;stroke-width:.7}"
         ".grid{stroke:#c8d3dc;stroke-width:.5;stroke-dasharray:2 2}.grid-label{font:9px sans-serif;fill:#6b7a86}"
         ".pt{stroke:#fff;stroke-width:1.2;fill-opacity:.9}"
         + "".join(f".t-{k}{{fill:{v}}}" for k, v in TYPE_COLOURS.items()) + "</style>")


@dataclass
class MapPoint:
    """One event on the map."""

    key: str  # the event's key on the page (data-event)
    lon: float
    lat: float
    label: str  # the point's tooltip
    kind: str = ""  # the event type, for the point's colour class


@functools.cache
def outlines() -> dict:
    """The shipped country outlines: {key: {"name", "rings": [flat lists of tenths of a degree]}}."""
    return json.loads((DATA_DIR / "outlines.json").read_text(encoding="utf-8"))["countries"]


def slug(text: str) -> str:
    """A CSS class fragment for a name ('Explosions/Remote violence' -> 'explosions-remote-violence')."""
    return re.sub(r"[^a-z0-9]+", "-", (text or "").lower()).strip("-")


def points_of(rows: Iterable[dict], keys: Optional[Iterable[str]] = None) -> list[MapPoint]:
    """The map points of event rows that have coordinates (keys default to the rows' event_id_cnty)."""
    rows = list(rows)
    keys = list(keys) if keys is not None else [r.get("event_id_cnty") or str(n) for n, r in enumerate(rows)]
    out = []
    for key, r in zip(keys, rows):
        lon, lat = r.get("longitude"), r.get("latitude")
        if lon is None or lat is None or lon != lon or lat != lat:  # None or NaN
            continue
        label = " · ".join(str(v) for v in (r.get("sub_event_type"), r.get("location"), r.get("country"),
                                            str(r.get("event_date") or "")[:10]) if v)
        out.append(MapPoint(key, float(lon), float(lat), label, r.get("event_type") or ""))
    return out


def view_box(points: list[MapPoint]) -> tuple[float, float, float, float]:
    """(west, south, east, north) around the points: padded, at least MIN_SPAN_DEGREES wide and high,
    then widened so that the map's height stays between MIN_HEIGHT and MAX_HEIGHT."""
    lons = [p.lon for p in points] or [0.0]
    lats = [p.lat for p in points] or [0.0]
    west, east = min(lons) - PAD_DEGREES, max(lons) + PAD_DEGREES
    south, north = min(lats) - PAD_DEGREES, max(lats) + PAD_DEGREES
    west, east = _at_least(west, east, MIN_SPAN_DEGREES)
    south, north = _at_least(south, north, MIN_SPAN_DEGREES)
    k = math.cos(math.radians((south + north) / 2))
    ratio = (north - south) / ((east - west) * k)  # height / width
    if ratio > MAX_HEIGHT / WIDTH:
        west, east = _at_least(west, east, (north - south) / (MAX_HEIGHT / WIDTH) / k)
    elif ratio < MIN_HEIGHT / WIDTH:
        south, north = _at_least(south, north, (east - west) * k * MIN_HEIGHT / WIDTH)
    return west, max(south, -90.0), east, min(north, 90.0)


def _at_least(lo: float, hi: float, span: float) -> tuple[float, float]:
    """The range widened about its middle to ``span`` if narrower."""
    if hi - lo >= span:
        return lo, hi
    mid = (lo + hi) / 2
    return mid - span / 2, mid + span / 2


class Projection:
    """Lon/lat to SVG pixels over a view box."""

    def __init__(self, box: tuple[float, float, float, float]):
        self.west, self.south, self.east, self.north = box
        k = math.cos(math.radians((self.south + self.north) / 2))
        self.scale = WIDTH / ((self.east - self.west) * k)
        self.k = k
        self.height = round((self.north - self.south) * self.scale)

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (round((lon - self.west) * self.k * self.scale, 1), round((self.north - lat) * self.scale, 1))


def _ring_path(ring: list[int], proj: Projection) -> str:
    """An SVG path of one outline ring (tenths of a degree)."""
    xy = [proj(ring[i] / 10, ring[i + 1] / 10) for i in range(0, len(ring), 2)]
    return "M" + "L".join(f"{x:g} {y:g}" for x, y in xy) + "Z"


def _touches(ring: list[int], box: tuple[float, float, float, float]) -> bool:
    """Whether a ring's bounding box meets the view box."""
    lons, lats = ring[0::2], ring[1::2]
    west, south, east, north = (v * 10 for v in box)
    return min(lons) <= east and max(lons) >= west and min(lats) <= north and max(lats) >= south


def _graticule(proj: Projection) -> list[str]:
    """Meridians and parallels with their degree labels."""
    span = max(proj.east - proj.west, proj.north - proj.south)
    step = next((s for s in STEPS if span / s <= 6), STEPS[-1])
    out = []
    lon = math.ceil(proj.west / step) * step
    while lon <= proj.east:
        x, _ = proj(lon, proj.north)
        out.append(f'<line class="grid" x1="{x:g}" y1="0" x2="{x:g}" y2="{proj.height}"/>'
                   f'<text class="grid-label" x="{x + 2:g}" y="{proj.height - 3}">{_degrees(lon, "E", "W")}</text>')
        lon += step
    lat = math.ceil(proj.south / step) * step
    while lat <= proj.north:
        _, y = proj(proj.west, lat)
        out.append(f'<line class="grid" x1="0" y1="{y:g}" x2="{WIDTH}" y2="{y:g}"/>'
                   f'<text class="grid-label" x="2" y="{y - 2:g}">{_degrees(lat, "N", "S")}</text>')
        lat += step
    return out


def _degrees(value: float, positive: str, negative: str) -> str:
    """36 -> '36°E', -4.5 -> '4.5°W'."""
    return f"{abs(value):g}°{positive if value >= 0 else negative}"


def event_map(points: list[MapPoint], with_outlines: bool = True) -> str:
    """The SVG map of the points (see the module's doc)."""
    box = view_box(points)
    proj = Projection(box)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="event-map" viewBox="0 0 {WIDTH} {proj.height}" '
             f'width="{WIDTH}" height="{proj.height}" role="img" aria-label="map of the events">', STYLE,
             f'<rect class="sea" x="0" y="0" width="{WIDTH}" height="{proj.height}"/>']
    if with_outlines:
        for key, country in sorted(outlines().items()):
            rings = [r for r in country["rings"] if _touches(r, box)]
            if rings:
                parts.append(f'<path class="land" data-country="{html.escape(key)}" '
                             f'd="{"".join(_ring_path(r, proj) for r in rings)}"><title>{html.escape(country["name"])}'
                             f'</title></path>')
    parts += _graticule(proj)
    for p in points:
        x, y = proj(p.lon, p.lat)
        parts.append(f'<circle class="pt t-{slug(p.kind)}" cx="{x:g}" cy="{y:g}" r="5" '
                     f'data-event="{html.escape(p.key)}"><title>{html.escape(p.label)}</title></circle>')
    parts.append("</svg>")
    return "".join(parts)
