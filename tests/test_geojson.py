"""`extract -o x.geojson`: a valid FeatureCollection of Points in [longitude, latitude] order, with every
output column as properties, that a killed run finishes on resume with every event once."""
import json
import subprocess
import sys
from pathlib import Path

import geojson as geojson_spec  # python-geojson: an independent check of RFC 7946's structure

from conflict_events.cli import main
from conflict_events.io import read_rows
from conflict_events.ledger import done_ids
from conflict_events.schemas import OUTPUT_COLUMNS
from test_batch import ARTICLES, EVERY_ARTICLE, kill_when_done, write_jsonl

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "data" / "samples" / "seed" / "deir_ez_zor_liwa_al_baqir.json"
SYRIA = {"lon": (35.7, 42.4), "lat": (32.3, 37.4)}  # Syria's bounding box


def extract(*args):
    return main(["extract", *map(str, args), "--workers", "1", "--quiet"])


def test_a_geojson_output_is_a_valid_feature_collection_of_points_in_lon_lat_order(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", ARTICLES)
    out = tmp_path / "events.geojson"
    assert extract(src, SEED, "-o", out) == 0
    text = out.read_text(encoding="utf-8")
    collection = geojson_spec.loads(text)
    assert collection.is_valid, collection.errors()
    assert collection["type"] == "FeatureCollection" and "crs" not in collection  # RFC 7946: WGS 84 only
    features = collection["features"]
    assert [f["properties"]["article_id"] for f in features] == ["idlib-shelling", "taiz-clash",
                                                                 "deir-ez-zor-liwa-al-baqir"]
    for f in features:
        props = f["properties"]
        assert list(props) == OUTPUT_COLUMNS and props["geo_precision"] in (1, 2, 3)
        assert f["geometry"]["type"] == "Point"
        assert f["geometry"]["coordinates"] == [props["longitude"], props["latitude"]]
        assert f["id"] == props["event_id_cnty"]
    seed = features[2]
    lon, lat = seed["geometry"]["coordinates"]
    assert SYRIA["lon"][0] < lon < SYRIA["lon"][1] and SYRIA["lat"][0] < lat < SYRIA["lat"][1]
    assert seed["properties"]["location"] == "al-Mayadin" and seed["properties"]["geo_precision"] == 2
    jsonl = tmp_path / "events.jsonl"
    assert extract(src, SEED, "-o", jsonl) == 0
    assert read_rows(out) == read_rows(jsonl)  # the same rows as every other format


def test_geopandas_reads_the_geojson_output_with_x_as_longitude(tmp_path):
    import geopandas

    out = tmp_path / "events.geojson"
    assert extract(SEED, "-o", out) == 0
    frame = geopandas.read_file(out)
    assert frame.crs.to_epsg() == 4326
    assert list(frame["location"]) == ["al-Mayadin"]
    assert frame.geometry.x.iloc[0] == frame["longitude"].iloc[0]
    assert frame.geometry.y.iloc[0] == frame["latitude"].iloc[0]


def test_an_event_without_coordinates_is_a_feature_with_null_geometry():
    from conflict_events.geojson import feature

    row = {"event_id_cnty": "SYR00000001", "latitude": None, "longitude": None, "location": "?"}
    assert feature(row) == {"type": "Feature", "id": "SYR00000001", "geometry": None, "properties": row}
    assert geojson_spec.loads(json.dumps({"type": "FeatureCollection", "features": [feature(row)]})).is_valid


def test_a_killed_geojson_run_is_finished_by_the_rerun_with_every_event_once(tmp_path):
    arts = [dict(ARTICLES[i % 3], id=f"g{i:03d}") for i in range(30)]
    src = write_jsonl(tmp_path / "in.jsonl", arts)
    out = tmp_path / "events.geojson"
    cmd = [sys.executable, "-c", EVERY_ARTICLE, "extract", str(src), "-o", str(out), "--workers", "1", "--quiet"]
    before = kill_when_done(cmd, out, 6)
    assert 6 <= len(before) < 30
    with open(out, "a", encoding="utf-8") as f:  # a feature cut short by the kill
        f.write(',\n{"type": "Feature", "id": "SYR0')
    assert subprocess.run(cmd, capture_output=True).returncode == 0
    assert len(done_ids(out)) == len(set(done_ids(out))) == 30
    assert geojson_spec.loads(out.read_text(encoding="utf-8")).is_valid
    ids = [r["article_id"] for r in read_rows(out)]
    coded = [a["id"] for a in arts if a["text"] != ARTICLES[2]["text"]]  # the weather report has no event
    assert sorted(ids) == coded and len(ids) == 20
    assert extract(src, "-o", out) == 0  # a re-run with nothing left to do keeps it whole
    assert len(read_rows(out)) == 20 and geojson_spec.loads(out.read_text(encoding="utf-8")).is_valid
