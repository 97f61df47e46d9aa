"""The review page's making, without a browser: marks that keep the text and its offsets, what cannot be shown
counted, every events format read alike, refusals in one line, a page that needs nothing from outside."""
import json
import re
from html.parser import HTMLParser

import pytest

from conflict_events.cli import main
from conflict_events.highlight import Span, highlight
from conflict_events.review import collect, event_rows
from conflict_events.svgmap import MapPoint, event_map
from test_batch import ARTICLES, write_jsonl


class Marks(HTMLParser):
    """The text of highlighted HTML, and each mark's attributes with the text inside it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.marks, self.open = "", [], []

    def handle_starttag(self, tag, attrs):
        if tag == "mark":
            self.open.append(dict(attrs, inner=""))

    def handle_endtag(self, tag):
        if tag == "mark":
            self.marks.append(self.open.pop())

    def handle_data(self, data):
        self.text += data
        for m in self.open:
            m["inner"] += data


def parse(html_text):
    p = Marks()
    p.feed(html_text)
    p.close()
    return p


def test_marks_nest_and_cross_keeping_the_text_and_the_evidence_offsets():
    text = "قصف\r\nمدينة <حلب> & ريفها"
    spans = [Span("actor1", 0, 9, ["e1"], ["actor1: X"]), Span("location", 5, 14, ["e1"], ["location: Aleppo"]),
             Span("event_type", 0, 3, ["e1", "e2"], ["event_type: Shelling"]), Span("event_date", 16, 21, ["e2"], [])]
    page = parse(highlight(text, spans))
    assert page.text == text  # escaped characters and the carriage return read back as they were
    whole = {(m["data-field"], int(m["data-start"]), int(m["data-end"])): m for m in page.marks
             if "data-part-start" not in m}
    assert set(whole) == {("actor1", 0, 9), ("event_type", 0, 3), ("event_date", 16, 21)}
    for (_, start, end), m in whole.items():
        assert m["inner"] == text[start:end]
    assert whole[("event_type", 0, 3)]["data-events"] == "e1 e2"
    assert whole[("actor1", 0, 9)]["title"] == "actor1: X" and whole[("actor1", 0, 9)]["class"] == "ev g-actor1"
    # the place crosses the end of the actor: two pieces, both with the whole span's offsets
    pieces = [m for m in page.marks if "data-part-start" in m]
    assert [(m["data-start"], m["data-end"], m["data-part-start"], m["data-part-end"]) for m in pieces] == \
        [("5", "14", "5", "9"), ("5", "14", "9", "14")]
    assert "".join(m["inner"] for m in pieces) == text[5:14]


def test_what_the_page_cannot_show_is_counted_on_it_and_on_stderr(tmp_path, capsys):
    src = write_jsonl(tmp_path / "in.jsonl", ARTICLES)
    events = tmp_path / "events.jsonl"
    assert main(["extract", str(src), "-o", str(events), "--workers", "1", "--quiet"]) == 0
    shifted = dict(ARTICLES[0], text="عاجل: " + ARTICLES[0]["text"])  # not the text the events were read from
    other = write_jsonl(tmp_path / "other.jsonl", [shifted, ARTICLES[2]], ['{"id": "broken", "text": "قصف'])
    review = collect(events, [other])
    assert [a["id"] for a in review.articles] == ["idlib-shelling", "weather"]
    assert review.unmatched == 1  # taiz-clash's event: its article is not in INPUT
    assert [u["origin"] for u in review.unreadable] == ["other.jsonl:3"]
    idlib_evidence = json.loads(events.read_text(encoding="utf-8").splitlines()[0])["evidence"]
    assert len(review.problems) == len(idlib_evidence) and "does not read so in the article" in review.problems[0]
    assert "<mark" not in review.articles[0]["html"]  # nothing marked at the wrong characters
    capsys.readouterr()
    assert main(["review", str(events), "--articles", str(other), "-o", str(tmp_path / "r.html")]) == 0
    err = capsys.readouterr().err
    assert "1 events of" in err and "1 INPUT records are no article" in err
    assert f"{len(idlib_evidence)} evidence spans do not read so" in err


def test_every_events_format_is_read_as_the_same_rows(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", ARTICLES)
    got = {}
    for ext in (".jsonl", ".csv", ".parquet", ".geojson"):
        out = tmp_path / f"events{ext}"
        assert main(["extract", str(src), "-o", str(out), "--workers", "1", "--quiet"]) == 0
        got[ext] = event_rows(out)
    assert len(got[".jsonl"]) == 2 and got[".jsonl"][0]["evidence"][0]["field"] == "event_type"
    assert got[".csv"] == got[".parquet"] == got[".geojson"] == got[".jsonl"]


@pytest.fixture
def reviewable(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", ARTICLES)
    events = tmp_path / "events.jsonl"
    assert main(["extract", str(src), "-o", str(events), "--workers", "1", "--quiet"]) == 0
    return src, events


def one_line_error(capsys):
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0, err
    return err


def test_a_review_that_would_lose_data_or_cannot_be_made_exits_2_with_one_line(tmp_path, capsys, reviewable):
    src, events = reviewable
    capsys.readouterr()
    review = lambda *args: main(["review", *map(str, args)])
    assert review(events, "--articles", src, "-o", tmp_path / "r.txt") == 2
    assert one_line_error(capsys).endswith("r.txt: the review page must end in .html")
    assert review(tmp_path / "nope.jsonl", "--articles", src, "-o", tmp_path / "r.html") == 2
    assert "nope.jsonl: no such file" in one_line_error(capsys)
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("name,value\nmy,sheet\n", encoding="utf-8")
    assert review(sheet, "--articles", src, "-o", tmp_path / "r.html") == 2
    assert "sheet.csv: row 1 is not an event row of conflict-events" in one_line_error(capsys)
    assert review(events, "--articles", tmp_path / "none.jsonl", "-o", tmp_path / "r.html") == 2
    assert "none.jsonl: no such file" in one_line_error(capsys)
    assert review(events, "--articles", src, "-o", tmp_path / "r.html", "--max-articles", "2") == 2
    assert "INPUT holds more than 2 articles" in one_line_error(capsys)
    notes = tmp_path / "notes.html"
    notes.write_text("<p>my notes</p>", encoding="utf-8")
    assert review(events, "--articles", src, "-o", notes) == 2
    assert "notes.html: exists and was not written by conflict-events review" in one_line_error(capsys)
    assert notes.read_text(encoding="utf-8") == "<p>my notes</p>"
    assert review(events, "--articles", src, "-o", notes, "--force") == 0
    assert review(events, "--articles", src, "-o", notes) == 0  # its own page is rewritten
    assert not (tmp_path / "r.html").exists() and not list(tmp_path.glob(".*.tmp"))


def test_the_page_needs_nothing_from_outside_and_no_text_breaks_out_of_its_data(tmp_path, reviewable):
    src, events = reviewable
    hostile = dict(ARTICLES[2], id="x</script><script>alert(1)</script>",
                   text=ARTICLES[2]["text"] + " </script><img src=x onerror=alert(1)>")
    src = write_jsonl(tmp_path / "in2.jsonl", ARTICLES[:2] + [hostile])
    page = tmp_path / "r.html"
    assert main(["review", str(events), "--articles", str(src), "-o", str(page)]) == 0
    html_text = page.read_text(encoding="utf-8")
    assert html_text.count("</script>") == 2 and html_text.count("<script") == 2  # the data and the script
    assert not re.search(r"<script[^>]+src=|<link|@import|url\(|<img", html_text)
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html_text)
    data = json.loads(re.search(r'<script type="application/json" id="review-data">(.*?)</script>', html_text, re.S)[1])
    assert [a["id"] for a in data["articles"]] == ["idlib-shelling", "taiz-clash", hostile["id"]]
    assert data["articles"][2]["text"] == hostile["text"]
    assert "&lt;/script&gt;&lt;img" in data["articles"][2]["html"]
    assert data["export_name"] == "r.gold.jsonl" and data["gold_fields"][:2] == ["event_type", "sub_event_type"]


def test_the_map_puts_north_up_and_east_right_over_the_outlines_around_the_points():
    damascus, aleppo = MapPoint("e1", 36.29, 33.51, "Damascus", "Battles"), MapPoint("e2", 37.16, 36.20, "Aleppo", "Protests")
    svg = event_map([damascus, aleppo])
    points = {key: (float(x), float(y)) for x, y, key in re.findall(r'cx="([\d.]+)" cy="([\d.]+)" r="5" data-event="(e\d)"', svg)}
    assert points["e2"][0] > points["e1"][0] and points["e2"][1] < points["e1"][1]
    countries = set(re.findall(r'data-country="([A-Z]{3})"', svg))
    assert {"SYR", "LBN", "TUR", "JOR", "ISR"} <= countries and "USA" not in countries
    assert 'class="pt t-battles"' in svg and 'class="pt t-protests"' in svg
    assert re.search(r">3\d°E<", svg) and re.search(r">3\d°N<", svg)
    assert "<title>Aleppo</title>" in svg
