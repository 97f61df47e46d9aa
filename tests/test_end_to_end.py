"""End to end on data/samples: the seed article and the demo articles with their expected events."""
import json
import sys
from pathlib import Path

import pandas as pd
import pytest

from conflict_events import Pipeline, extract_frame, to_geodataframe
from conflict_events.evaluate_events import canon

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
SEED = json.loads((SAMPLES / "seed" / "deir_ez_zor_liwa_al_baqir.json").read_text(encoding="utf-8"))
SEED_EXPECTED = json.loads((SAMPLES / "seed" / "expected.json").read_text(encoding="utf-8"))


def load_jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


ARTICLES = load_jsonl(SAMPLES / "articles.jsonl")
EXPECTED = {e["id"]: e["events"] for e in load_jsonl(SAMPLES / "articles.expected.jsonl")}


@pytest.fixture(scope="module")
def nlp():
    return Pipeline()


def test_seed_article_gives_exactly_the_analysts_event(nlp):
    events = nlp.extract(SEED, published="2018-04-09")
    assert len(events) == 1
    row = events[0].to_acled_row()
    want = SEED_EXPECTED["events"][0]
    assert row["event_date"] == "2018-04-08" and row["time_precision"] == 1
    assert (row["event_type"], row["sub_event_type"]) == ("Battles", "Armed clash")
    assert row["actor1"] == "Islamic State (Syria)" and row["inter1"] == 2
    assert row["actor2"] == "Liwa al-Baqir" and row["inter2"] == 3
    assert row["interaction"] == 23
    assert (row["location"], row["admin1"], row["country"]) == (want["location"], want["admin1"], "Syria")
    assert row["geo_precision"] == 2
    assert row["fatalities"] == 10
    # the town point of al-Mayadin (GeoNames), which ACLED codes for a named town
    assert row["latitude"] == pytest.approx(35.02, abs=0.05) and row["longitude"] == pytest.approx(40.45, abs=0.05)
    fields = {e["field"] for e in row["evidence"]}
    assert {"event_type", "actor1", "actor2", "location", "fatalities", "event_date"} <= fields
    for ev in row["evidence"]:
        assert SEED["text"][ev["start"]:ev["end"]] == ev["text"]
    cited = {e["field"]: e["text"] for e in row["evidence"]}
    assert cited["actor2"] == "لواء الباقر"
    assert "داعش" in cited["actor1"] or cited["actor1"] == "التنظيم"
    assert "العشرات" in cited["fatalities"] or "عشرات" in cited["fatalities"]
    assert "الميادين" in cited["location"]
    assert "أمس" in cited["event_date"]


def test_seed_weekday_contradicting_a_lagging_published_date_wins_with_a_warning(nlp):
    events = nlp.extract(SEED, published="2018-04-11")  # a crawl two days late: أمس الأحد is still 8 April
    main = [e for e in events if e.actor2 and e.actor2.name == "Liwa al-Baqir"]
    assert main and main[0].event_date.isoformat() == "2018-04-08"
    assert any("Sunday" in w and "2018-04-08 is taken" in w for w in main[0].warnings)


def test_seed_background_is_never_dated_to_the_report_day(nlp):
    doc = nlp.process(SEED, published="2018-04-09")
    for ev in doc.events[1:]:
        assert not (ev.event_date and ev.event_date.isoformat() == "2018-04-08" and ev.time_precision == 1)


@pytest.mark.parametrize("article", ARTICLES, ids=[a["id"] for a in ARTICLES])
def test_demo_article_gives_its_expected_events(nlp, article):
    got = [e.to_acled_row() for e in nlp.extract(article)]
    want = EXPECTED[article["id"]]
    assert len(got) == len(want), [(g["sub_event_type"], g["location"]) for g in got]
    for w in want:
        match = [g for g in got if g["event_type"] == w["event_type"]
                 and canon(g["admin1"]) == canon(w["admin1"])]
        assert match, (w, [(g["event_type"], g["admin1"]) for g in got])
        g = match[0]
        assert g["sub_event_type"] == w["sub_event_type"]
        assert g["country"] == w["country"]
        assert g["fatalities"] == w["fatalities"]
        assert g["event_date"] == w["event_date"]
        for ev in g["evidence"]:
            assert article["text"][ev["start"]:ev["end"]] == ev["text"]


def test_extract_frame_gives_acled_columns_and_lists_bad_articles():
    frame = extract_frame([ARTICLES[0], {"id": "empty", "text": ""}])
    assert list(frame.columns[:7]) == ["event_id_cnty", "event_date", "year", "time_precision",
                                        "disorder_type", "event_type", "sub_event_type"]
    assert set(frame["article_id"]) == {ARTICLES[0]["id"]}
    assert frame.attrs["errors"] == [{"article_id": "empty", "error": "text is empty"}]


def test_to_geodataframe_gives_points_at_longitude_latitude_and_none_where_unplaced():
    frame = extract_frame([ARTICLES[0]])
    frame.loc[len(frame)] = dict(frame.iloc[0], latitude=None, longitude=None)  # an event coded without coordinates
    geo = to_geodataframe(frame)
    assert geo.crs.to_epsg() == 4326 and len(geo) == 2
    assert (geo.geometry.x.iloc[0], geo.geometry.y.iloc[0]) == (frame["longitude"].iloc[0], frame["latitude"].iloc[0])
    assert geo.geometry.iloc[1] is None
    assert list(geo.columns[:-1]) == list(frame.columns)


def test_to_geodataframe_without_geopandas_says_which_extra_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "geopandas", None)  # as if the geo extra were not installed
    with pytest.raises(ImportError, match=r"pip install 'conflict-events\[geo\]'"):
        to_geodataframe(pd.DataFrame({"longitude": [40.45], "latitude": [35.02]}))


def test_seed_mentions_cover_the_named_actors_people_and_places(nlp):
    doc = nlp.process(SEED)
    found = {(m.type, m.text) for m in doc.mentions}
    for kind, names in {"ACTOR": ["لواء الباقر", "تنظيم داعش", "قوات سوريا الديموقراطية"],
                        "PERSON": ["أسعد الحسين", "أبو كسار", "عمر الحسن", "نواف البشير"],
                        "PLACE": ["دير الزور", "الميادين", "حلب", "خشام", "نبل", "الزهراء"]}.items():
        for name in names:
            assert (kind, name) in found, (kind, name)
    assert not any(m.text in ("ريف", "بريف", "الريف") for m in doc.mentions)  # generic words are no names
