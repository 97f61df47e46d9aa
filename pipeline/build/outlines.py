"""Low-resolution country outlines for the review page's map, from Natural Earth's 1:110m countries.

    pip download geopandas==0.14.4 --no-deps -d /tmp/ne && unzip -o /tmp/ne/geopandas-0.14.4-py3-none-any.whl \\
        'geopandas/datasets/naturalearth_lowres/*' -d /tmp/ne
    python -m conflict_events.build.outlines /tmp/ne/geopandas/datasets/naturalearth_lowres/naturalearth_lowres.shp

writes pipeline/data/outlines.json. Natural Earth is in the public domain; geopandas 0.14
shipped its 1:110m admin-0 countries as ``naturalearth_lowres`` (later versions no longer do).
Each polygon ring is kept as a flat list of tenths of a degree (lon, lat, lon, lat, ...),
without repeated points: about 1 km of precision at most, plenty for a map a few hundred
pixels wide. Needs the build extra (pyshp).
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..resources import DATA_DIR

OUT = DATA_DIR / "outlines.json"
SOURCE = ("Natural Earth 1:110m Admin 0 countries (public domain, naturalearthdata.com), "
          "as geopandas 0.14.4 ships it (naturalearth_lowres)")


def ring_tenths(points) -> list[int]:
    """A ring of (lon, lat) points as a flat list of tenths of a degree, repeated points dropped."""
    flat: list[int] = []
    for lon, lat in points:
        pair = [round(lon * 10), round(lat * 10)]
        if flat[-2:] != pair:
            flat += pair
    return flat


def rings(shape) -> list[list[int]]:
    """The rings of a shapefile polygon (outer and holes), each with at least a triangle left."""
    starts = list(shape.parts) + [len(shape.points)]
    out = [ring_tenths(shape.points[a:b]) for a, b in zip(starts, starts[1:])]
    return [r for r in out if len(r) >= 8]


def build(shp: Path) -> dict:
    """{"source", "countries": {ISO3 or name: {"name", "rings"}}} from Natural Earth's shapefile."""
    import shapefile

    countries = {}
    with shapefile.Reader(str(shp)) as reader:
        for rec in reader.iterShapeRecords():
            key = rec.record["iso_a3"] if rec.record["iso_a3"] not in ("", "-99") else rec.record["name"]
            countries[key] = {"name": rec.record["name"], "rings": rings(rec.shape)}
    return {"source": SOURCE, "unit": "tenths of a degree, lon/lat pairs", "countries": countries}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("shapefile", type=Path, help="naturalearth_lowres.shp")
    ap.add_argument("-o", "--output", type=Path, default=OUT)
    args = ap.parse_args(argv)
    data = build(args.shapefile)
    args.output.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    points = sum(len(r) // 2 for c in data["countries"].values() for r in c["rings"])
    print(f"wrote {args.output}: {len(data['countries'])} countries, {points} points")


if __name__ == "__main__":
    main()
