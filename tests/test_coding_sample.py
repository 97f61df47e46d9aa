"""A hand-coded reference gold over the SaudiNewsNet corpus: drawn from the corpus, compiled with
the evidence as spans (no text copied), and scored by `evaluate events` reading the texts back from
the corpus. The corpus here is a fake one of the test's own articles, in the corpus's own layout."""
import json
import zipfile

import pytest

from conflict_events import saudinewsnet
from conflict_events.build import coding_sample
from conflict_events.cli import main

CLASH = ("اندلعت اشتباكات عنيفة اليوم الاثنين بين مسلحين مجهولين وقوات الشرطة في مدينة الرمادي "
         "غرب العراق، ما أسفر عن مقتل ثلاثة من عناصر الشرطة. وقال مصدر أمني إن المهاجمين فروا.")
MARKET = ("ارتفعت أسعار الخضار في الأسواق المحلية هذا الأسبوع بنسبة طفيفة بسبب ارتفاع درجات الحرارة. "
          "وقال تجار إن الطلب زاد مع بداية العطلة الصيفية.")


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    """Two day files: an Iraqi clash and a market report on 2015-08-03, a second market report the day after."""
    root = tmp_path / "shared"
    folder = root / "corpora" / "saudinewsnet"
    folder.mkdir(parents=True)
    days = {"2015-08-03": [("اشتباكات في الرمادي", CLASH), ("أسعار الخضار", MARKET)],
            "2015-08-04": [("أسعار الخضار ترتفع", MARKET)]}
    for day, arts in days.items():
        with zipfile.ZipFile(folder / f"{day}.zip", "w") as z:
            z.writestr(f"{day}.json", json.dumps(
                [{"source": "sabq", "url": f"http://example.org/{day}/{i}", "date_extracted": f"{day} 03:10:00",
                  "title": title, "author": "", "content": text} for i, (title, text) in enumerate(arts)],
                ensure_ascii=False))
    monkeypatch.setenv("CONFLICT_EVENTS_SHARED", str(root))
    saudinewsnet._day.cache_clear()
    yield folder
    saudinewsnet._day.cache_clear()


def test_an_article_is_read_by_its_id(corpus):
    assert [aid for aid, _ in saudinewsnet.articles()] == ["2015-08-03.json#0", "2015-08-03.json#1",
                                                          "2015-08-04.json#0"]
    item = saudinewsnet.as_item("2015-08-03.json#0", saudinewsnet.article("2015-08-03.json#0"))
    assert item["text"] == CLASH and item["published"] == "2015-08-03" and item["title"] == "اشتباكات في الرمادي"


def test_evidence_becomes_spans_into_the_content():
    first = CLASH.split(". ")[0] + "."
    assert coding_sample.spans_of(first, CLASH) == [[0, len(first)]]
    # the coder repaired whitespace: one span still
    spaced = " ".join(first.split()[:5]) + "  " + " ".join(first.split()[5:]) + "\nوقال مصدر أمني إن المهاجمين فروا."
    assert coding_sample.spans_of(spaced, CLASH) == [[0, len(CLASH)]]
    # two sentences joined out of the text's order: a span each
    joined = "وقال مصدر أمني إن المهاجمين فروا. " + first
    assert coding_sample.spans_of(joined, CLASH) == [[len(first) + 1, len(CLASH)], [0, len(first)]]
    assert coding_sample.spans_of("جملة لا وجود لها في النص", CLASH) == []


def test_compiled_references_hold_no_text_and_score_from_the_corpus(corpus, tmp_path, capsys):
    event = {"event_type": "Battles", "sub_event_type": "Armed clash",
             "actor1": "Unidentified Armed Group (Iraq)", "actor1_ar": "مسلحين مجهولين", "inter1": 3,
             "actor2": "Police Forces of Iraq", "actor2_ar": "قوات الشرطة", "inter2": 1, "country": "Iraq",
             "admin1": "Anbar", "location": "Ramadi", "location_ar": "الرمادي", "geo_precision": 1,
             "event_date": "2015-08-03", "time_precision": 1, "fatalities": 3, "injured": None,
             "civilian_targeting": False, "evidence": CLASH.split(". ")[0] + ".", "confidence": "high"}
    coded = tmp_path / "coded_1.jsonl"
    coded.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in (
        {"id": "2015-08-04.json#0", "annotator": "h1", "events": []},
        {"id": "2015-08-03.json#0", "annotator": "h1", "events": [event]})) + "\n", encoding="utf-8")
    out = tmp_path / "refs" / "events.jsonl"
    assert coding_sample.main(["compile", str(coded), "-o", str(out)]) == 0
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [x["id"] for x in lines] == ["2015-08-03.json#0", "2015-08-04.json#0"]
    assert "text" not in lines[0] and "evidence" not in lines[0]["events"][0]
    assert lines[0]["events"][0]["evidence_spans"] == [[0, len(CLASH.split(". ")[0]) + 1]]
    assert lines[0]["published"] == "2015-08-03"
    capsys.readouterr()
    assert main(["evaluate", "events", "--gold", str(out)]) == 0
    report = capsys.readouterr().out
    assert "2 articles, 1 gold events" in report
    assert "events  P 1.000  R 1.000  F1 1.000  (tp 1, fp 0, fn 0" in report


def test_draw_skips_the_articles_another_gold_holds(corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(coding_sample, "taken", lambda: {"2015-08-03.json#1"})
    monkeypatch.setattr(coding_sample, "MIN_WORDS", 5)
    items = coding_sample.draw(conflict=1, ordinary=1, seed=1)
    assert sorted(x["id"] for x in items) == ["2015-08-03.json#0", "2015-08-04.json#0"]


def test_a_reference_gold_without_the_corpus_is_a_one_line_error(tmp_path, monkeypatch, capsys):
    gold = tmp_path / "events.jsonl"
    gold.write_text(json.dumps({"id": "2015-08-03.json#0", "events": []}) + "\n", encoding="utf-8")
    monkeypatch.setenv("CONFLICT_EVENTS_SHARED", str(tmp_path / "nowhere"))
    saudinewsnet._day.cache_clear()
    assert main(["evaluate", "events", "--gold", str(gold)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "saudinewsnet" in err[0] and "CONFLICT_EVENTS_SHARED" in err[0]
