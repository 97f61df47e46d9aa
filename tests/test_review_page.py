"""The review page driven in headless Chromium: every evidence span marked at its characters, a filter,
an event marked wrong, a field corrected, the export, and the exported file scored by `evaluate events --gold`."""
import json
import re
from pathlib import Path

import pytest

from conflict_events.cli import main
from conflict_events.io import read_rows
from conflict_events.schemas import OUTPUT_COLUMNS
from test_batch import ARTICLES, by_article, write_jsonl

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "data" / "samples"
SEED = SAMPLES / "seed" / "deir_ez_zor_liwa_al_baqir.json"
SEED_ID = "deir-ez-zor-liwa-al-baqir"
WRONG, RIGHT = "syr-hama-kafr-nabudah-clash", "syr-idlib-khan-shaykhun-regained"  # Syrian articles of one event each
CALM = ARTICLES[2]  # a weather report: no event

MARKS_JS = """marks => marks.map(m => ({field: m.dataset.field, start: +m.dataset.start, end: +m.dataset.end,
    partStart: m.dataset.partStart === undefined ? null : +m.dataset.partStart,
    partEnd: m.dataset.partEnd === undefined ? null : +m.dataset.partEnd, text: m.textContent, title: m.title}))"""


def articles_by_id():
    rows = [json.loads(line) for line in (SAMPLES / "articles.jsonl").read_text(encoding="utf-8").splitlines() if line]
    return {a["id"]: a for a in rows + [json.loads(SEED.read_text(encoding="utf-8")), CALM]}


def published(article_id):
    return articles_by_id()[article_id]["published"]


@pytest.fixture(scope="module")
def page_files(tmp_path_factory):
    """The samples extracted to events.jsonl and their review page."""
    folder = tmp_path_factory.mktemp("review")
    events, page = folder / "events.jsonl", folder / "review.html"
    sources = [str(SAMPLES / "articles.jsonl"), str(SEED), str(write_jsonl(folder / "calm.jsonl", [CALM]))]
    assert main(["extract", *sources, "-o", str(events), "--workers", "1", "--quiet"]) == 0
    assert main(["review", str(events), "--articles", *sources, "-o", str(page)]) == 0
    return folder, events, page


def card(page, article_id):
    return page.locator(f'article[data-article="{article_id}"] .card').first


def test_the_review_page_in_a_browser(chromium, page_files, capsys):
    folder, events, page_path = page_files
    rows = read_rows(events)
    events_of = by_article(rows)
    assert len(events_of[SEED_ID]) == len(events_of[WRONG]) == len(events_of[RIGHT]) == 1
    texts = {a: art["text"] for a, art in articles_by_id().items()}
    context = chromium.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("requestfailed", lambda r: errors.append(f"request {r.url}"))
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(page_path.as_uri())
    assert page.locator("article").count() == len(texts)

    # every evidence span of every article is one mark at its characters, and the text is the article's
    for article_id, text in texts.items():
        section = page.locator(f'article[data-article="{article_id}"]')
        assert section.locator(".text").evaluate("e => e.textContent") == text
        marks = section.locator("mark.ev").evaluate_all(MARKS_JS)
        expected = {(e["field"], e["start"], e["end"]) for r in rows if r["article_id"] == article_id
                    for e in r["evidence"]}
        assert {(m["field"], m["start"], m["end"]) for m in marks} == expected, article_id
        for m in marks:
            start, end = (m["partStart"], m["partEnd"]) if m["partStart"] is not None else (m["start"], m["end"])
            assert m["text"] == text[start:end], (article_id, m)
            assert m["title"].startswith(m["field"] + ": ")
    seed_marks = page.locator(f'article[data-article="{SEED_ID}"] mark.ev').evaluate_all(MARKS_JS)
    seed_row = next(r for r in rows if r["article_id"] == SEED_ID)
    actor2 = next(m for m in seed_marks if m["field"] == "actor2")
    assert actor2["title"] == f"actor2: {seed_row['actor2']} ({seed_row['actor2_ar']})"  # hover: field and value
    page.hover(f'article[data-article="{SEED_ID}"] mark.ev[data-field="actor2"]')
    assert "linked" in card(page, SEED_ID).get_attribute("class")
    card(page, SEED_ID).locator("details.all-fields summary").click()  # every ACLED field of the event
    # the table is built on the details' toggle event, which the browser fires after the click returns
    card(page, SEED_ID).locator("details.all-fields td").first.wait_for()
    cells = card(page, SEED_ID).locator("details.all-fields td").all_inner_texts()
    fields = dict(zip(cells[0::2], cells[1::2]))
    assert list(fields) == [c for c in OUTPUT_COLUMNS if c != "evidence"]
    assert fields["geo_precision"] == "2" and fields["location"] == "al-Mayadin" and fields["confidence"] == "1"

    # a filter: only Syria's events, their articles and their map points stay
    page.select_option("#f-country", "Syria")
    syria = {r["article_id"] for r in rows if r["country"] == "Syria"}
    visible = set(page.locator("article:not(.hidden)").evaluate_all("a => a.map(x => x.dataset.article)"))
    assert visible == syria and {SEED_ID, WRONG, RIGHT} <= syria
    assert page.locator(".card:not(.hidden)").count() == page.locator("#map .pt:not(.hidden)").count() == \
        sum(r["country"] == "Syria" for r in rows)
    assert page.inner_text("#shown") == f"showing {sum(r['country'] == 'Syria' for r in rows)} events in {len(syria)} articles"

    # review: one event wrong, one correct, one corrected (fatalities 10 -> 12)
    card(page, WRONG).locator("button.mark-wrong").click()
    card(page, RIGHT).locator("button.mark-correct").click()
    fatalities = card(page, SEED_ID).locator('input[data-gold="fatalities"]')
    assert fatalities.input_value() == str(seed_row["fatalities"]) == "10"
    fatalities.fill("12")
    fatalities.press("Tab")
    assert card(page, WRONG).get_attribute("data-status") == "wrong"
    assert card(page, RIGHT).get_attribute("data-status") == "correct"
    assert card(page, SEED_ID).get_attribute("data-status") == "corrected"
    assert card(page, SEED_ID).locator(".was").inner_text() == "was: 10"
    # an article with nothing to code, and an event the pipeline missed
    page.select_option("#f-country", "")
    page.locator(f'article[data-article="{CALM["id"]}"] input.nothing-to-code').check()
    page.locator(f'article[data-article="{RIGHT}"] button.add-event').click()
    missed = page.locator(f'article[data-article="{RIGHT}"] .card[data-status="added"]')
    missed.locator('select[data-gold="sub_event_type"]').select_option("Air/drone strike")
    for name, value in (("actor1", "Military Forces of Russia"), ("location", "Khan Shaykhun"), ("admin1", "Idlib")):
        missed.locator(f'input[data-gold="{name}"]').fill(value)
        missed.locator(f'input[data-gold="{name}"]').press("Tab")
    assert missed.locator('input[data-gold="event_type"]').input_value() == "Explosions/Remote violence"
    page.locator(f'article[data-article="{SEED_ID}"]').scroll_into_view_if_needed()
    # on a loaded machine the page may not have painted its text yet: wait for the fonts and two frames
    page.evaluate("() => document.fonts.ready.then(() => new Promise(r => requestAnimationFrame(() => "
                  "requestAnimationFrame(r))))")
    shot = folder / "review-page.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000

    # export: the three reviewed articles, in the gold format
    with page.expect_download() as download:
        page.click("#export")
    gold = folder / "gold.jsonl"
    download.value.save_as(gold)
    assert download.value.suggested_filename == "review.gold.jsonl"
    assert page.inner_text("#export-status").startswith("Exported 4 articles (3 gold events)")
    lines = {g["id"]: g for g in map(json.loads, gold.read_text(encoding="utf-8").splitlines())}
    assert set(lines) == {SEED_ID, WRONG, RIGHT, CALM["id"]}
    assert lines[WRONG]["events"] == lines[CALM["id"]]["events"] == []
    right_row = next(r for r in rows if r["article_id"] == RIGHT)
    assert lines[RIGHT]["events"] == [{k: right_row[k] for k in lines[RIGHT]["events"][0]}, {
        "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
        "actor1": "Military Forces of Russia", "actor2": None, "country": right_row["country"], "admin1": "Idlib",
        "location": "Khan Shaykhun", "event_date": published(RIGHT), "time_precision": 1, "fatalities": 0}]
    assert lines[SEED_ID]["text"] == texts[SEED_ID] and lines[SEED_ID]["published"] == "2018-04-09"
    [seed_gold] = lines[SEED_ID]["events"]
    assert seed_gold == {**{k: seed_row[k] for k in seed_gold}, "fatalities": 12}
    assert lines[SEED_ID]["notes"].endswith("1 corrected")
    assert errors == [] and all(u.startswith(("file:", "blob:", "data:")) for u in requests), (errors, requests)
    context.close()

    # scored as the review says: the wrong event a false positive, the missed one a false negative,
    # the corrected figure a wrong field
    capsys.readouterr()
    assert main(["evaluate", "events", "--gold", str(gold)]) == 0
    report = capsys.readouterr().out
    assert "4 articles, 3 gold events" in report
    assert re.search(r"events  P 0\.667  R 0\.667  F1 0\.667  \(tp 2, fp 1, fn 1;", report), report
    assert re.search(r"fatalities\s+0\.500", report) and re.search(r"sub_event_type\s+1\.000", report), report
