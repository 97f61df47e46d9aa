"""The review page: ``conflict-events review EVENTS --articles INPUT... -o review.html``.

One self-contained HTML file, nothing fetched from the network: the events and articles are
embedded as JSON, the script and styles inline (review_page/), the map an inline SVG
(``svgmap``). For each article the page shows its text right to left with every evidence span
marked (``highlight``), beside the article's event cards; the analyst filters, marks events
correct or wrong, corrects their fields, adds missed ones, and exports the reviewed articles
as JSONL in the gold format ``conflict-events evaluate events --gold`` reads.

EVENTS is any OUTPUT of ``extract`` (.jsonl, .csv, .parquet, .geojson); INPUT the articles it
was extracted from, read as ``extract`` reads them (so ids and texts are the same). An event
whose article is not among the INPUT articles, an INPUT record that cannot be read and an
evidence span that does not read the same in the article are counted on the page and on stderr,
never dropped in silence.
"""
from __future__ import annotations

import hashlib
import html
import json
import os
import re
import sys
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from conflict_events.schemas import EVENT_TYPES, OUTPUT_COLUMNS, AcledRow

from .highlight import GROUPS, Span, highlight
from .io import read_articles, read_rows, unique_ids, valid_unicode
from .svgmap import event_map, points_of
from .writers import OUTPUT_KINDS, escape_surrogates

# the event of the gold format (data/samples/README.md), what the page lets the analyst correct
GOLD_FIELDS = ["event_type", "sub_event_type", "actor1", "actor2", "country", "admin1", "location",
               "event_date", "time_precision", "fatalities"]
GENERATOR = "conflict-events review"
MAX_ARTICLES = 2000
PAGE_DIR = Path(__file__).resolve().parent / "review_page"
PLACEHOLDER = re.compile(r"\{\{([A-Z]+)\}\}")


class ReviewError(Exception):
    """A review the command refuses; the message is one line naming the file and the problem."""


@dataclass
class Review:
    """What the page shows: the articles with their events, and what could not be shown."""

    articles: list[dict] = field(default_factory=list)
    unreadable: list[dict] = field(default_factory=list)  # INPUT records that are no article
    unmatched: int = 0  # events whose article is not among the INPUT articles
    problems: list[str] = field(default_factory=list)  # evidence that does not read the same in its article

    @property
    def events(self) -> int:
        return sum(len(a["events"]) for a in self.articles)


def _plain(value):
    """A value read from Parquet (numpy arrays and scalars, NaN for null) as plain Python."""
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


NULLABLE = {name for name, f in AcledRow.model_fields.items() if type(None) in typing.get_args(f.annotation)}


def event_rows(path: Path) -> list[dict]:
    """The rows of an events file (any OUTPUT format) as JSON values; ReviewError if it is not one."""
    from pydantic import ValidationError

    if path.suffix.lower() not in OUTPUT_KINDS:
        raise ReviewError(f"{path}: EVENTS must be an output of conflict-events extract ({', '.join(OUTPUT_KINDS)})")
    try:
        raw = read_rows(path)
    except Exception as e:  # a file of the right name but not ours: each reader fails its own way
        raise ReviewError(f"{path}: cannot be read as an events file ({type(e).__name__}: "
                          f"{' '.join(str(e).split())[:200]})") from None
    rows = []
    for n, row in enumerate(raw, 1):
        row = {k: None if k in NULLABLE and isinstance(v, str) and v == "" else _plain(v)  # CSV: "" is None
               for k, v in row.items()}
        try:
            rows.append(AcledRow.model_validate(row).model_dump(mode="json"))
        except ValidationError as e:
            problem = e.errors()[0]
            where = ".".join(map(str, problem["loc"]))
            raise ReviewError(f"{path}: row {n} is not an event row of conflict-events ({where}: {problem['msg']})") from None
    return rows


def read_inputs(inputs: Iterable[Path], max_articles: int) -> tuple[list[dict], list[dict]]:
    """The INPUT articles (valid Unicode, under the ids extract gives them) and the records that are
    none; ReviewError when there are more than ``max_articles``."""
    articles, unreadable = [], []
    for rec in unique_ids(r for path in inputs for r in read_articles(Path(path))):
        rid = escape_surrogates(rec.id)
        if rec.error or not isinstance((rec.article or {}).get("text"), str):
            unreadable.append({"id": rid, "origin": rec.origin, "error": rec.error or "no text"})
            continue
        if len(articles) == max_articles:
            raise ReviewError(f"INPUT holds more than {max_articles} articles: a review page is for a sample "
                              f"of a batch; pass fewer articles, or --max-articles N")
        articles.append(dict(valid_unicode(rec.article), id=rid))
    return articles, unreadable


def value_text(name: str, row: dict) -> str:
    """What the event says for an evidence field, as the mark's tooltip shows it."""
    if name in ("event_type", "sub_event_type"):
        return f"{row['event_type']} / {row['sub_event_type']}"
    if name in ("actor1", "actor2"):
        arabic = row.get(f"{name}_ar")
        return f"{row.get(name)}" + (f" ({arabic})" if arabic else "")
    if name == "location":
        place = ", ".join(str(row[k]) for k in ("location", "admin1", "country") if row.get(k))
        return f"{place} (geo_precision {row.get('geo_precision')})"
    if name == "event_date":
        return f"{row.get('event_date')} (time_precision {row.get('time_precision')})"
    if name in ("abducted", "arrested"):
        tags = dict(t.split("=", 1) for t in (row.get("tags") or "").split("; ") if "=" in t)
        return tags.get(name, "?")
    return str(row.get(name))


def evidence_spans(article: dict, events: list[dict]) -> tuple[list[Span], list[str]]:
    """The distinct evidence spans of an article's events ({"key", "row"}), and one line for each
    piece of evidence that does not read the same in the article's text (not marked)."""
    text = article["text"]
    spans: dict[tuple, Span] = {}
    problems = []
    for ev in events:
        for e in ev["row"].get("evidence") or []:
            start, end = e["start"], e["end"]
            if not (0 <= start < end <= len(text)) or text[start:end] != e["text"]:
                problems.append(f"article {article['id']!r}: the {e['field']} evidence {e['text']!r} at [{start}, {end}) "
                                f"does not read so in the article (is INPUT the text EVENTS was extracted from?)")
                continue
            span = spans.setdefault((e["field"], start, end), Span(e["field"], start, end))
            title = f"{e['field']}: {value_text(e['field'], ev['row'])}"
            if ev["key"] not in span.events:
                span.events.append(ev["key"])
            if title not in span.titles:
                span.titles.append(title)
    return list(spans.values()), problems


def collect(events_path: Path, inputs: list[Path], max_articles: int = MAX_ARTICLES) -> Review:
    """The articles of INPUT with their events from EVENTS, highlighted (see the module's doc)."""
    rows = event_rows(events_path)
    articles, unreadable = read_inputs(inputs, max_articles)
    by_article: dict[str, list[dict]] = {}
    for row in rows:
        by_article.setdefault(str(row["article_id"]), []).append(row)
    review = Review(unreadable=unreadable)
    for i, art in enumerate(articles):
        events = [{"key": f"a{i}e{j}", "row": row} for j, row in enumerate(by_article.pop(art["id"], []))]
        spans, problems = evidence_spans(art, events)
        review.problems += problems
        review.articles.append({
            "key": f"a{i}", "id": art["id"], "title": art.get("title"), "url": art.get("url"),
            "source": art.get("source"), "published": None if art.get("published") is None else str(art["published"])[:10],
            "text": art["text"], "html": highlight(art["text"], spans), "events": events})
    review.unmatched = sum(map(len, by_article.values()))
    return review


def payload(review: Review, events_path: Path, export_name: str) -> dict:
    """The data the page's script reads, with an id that changes whenever the data does."""
    data = {"events_file": events_path.name, "export_name": export_name, "articles": review.articles,
            "unreadable": review.unreadable, "unmatched": review.unmatched, "problems": review.problems,
            "gold_fields": GOLD_FIELDS, "event_types": EVENT_TYPES, "groups": GROUPS,
            "columns": [c for c in OUTPUT_COLUMNS if c != "evidence"]}
    data["id"] = hashlib.sha1(json.dumps(data, sort_keys=True, ensure_ascii=True).encode()).hexdigest()[:16]
    return data


def script_json(data: dict) -> str:
    """JSON safe inside a <script> element: no '<' (so no '</script>'), lone surrogates escaped."""
    return escape_surrogates(json.dumps(data, ensure_ascii=False).replace("<", "\\u003c"))


def page_html(review: Review, events_path: Path, export_name: str) -> str:
    """The whole page: template, styles, script, data and map in one HTML string."""
    rows = [ev["row"] for a in review.articles for ev in a["events"]]
    keys = [ev["key"] for a in review.articles for ev in a["events"]]
    parts = {"TITLE": html.escape(events_path.name), "GENERATOR": GENERATOR,
             "STYLE": (PAGE_DIR / "page.css").read_text(encoding="utf-8"),
             "SCRIPT": (PAGE_DIR / "page.js").read_text(encoding="utf-8"),
             "MAP": event_map(points_of(rows, keys)),
             "DATA": script_json(payload(review, events_path, export_name))}
    template = (PAGE_DIR / "page.html").read_text(encoding="utf-8")
    return PLACEHOLDER.sub(lambda m: parts[m.group(1)], template)


def is_review_page(path: Path) -> bool:
    """Whether a file is a page this command wrote (it names the generator near its top)."""
    with open(path, "rb") as f:
        return f'content="{GENERATOR}"'.encode() in f.read(4096)


def check_output(output: Path, force: bool) -> None:
    """ReviewError if OUTPUT is no .html file or one this command did not write (neither EVENTS nor an
    INPUT can be: their kinds are others)."""
    if output.suffix.lower() not in (".html", ".htm"):
        raise ReviewError(f"{output}: the review page must end in .html")
    if output.is_dir():
        raise ReviewError(f"{output}: OUTPUT is a folder; give a file ending in .html")
    if output.exists() and not force and not is_review_page(output):
        raise ReviewError(f"{output}: exists and was not written by {GENERATOR}; choose another OUTPUT, "
                          f"or pass --force to overwrite it")


def write(output: Path, text: str) -> None:
    """Write the page whole or not at all (a temporary file renamed over OUTPUT)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(f".{output.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, output)
    finally:
        tmp.unlink(missing_ok=True)


def run(events_path: Path, inputs: list[Path], output: Path, *, max_articles: int = MAX_ARTICLES,
        force: bool = False, log=None) -> Review:
    """Write the review page of EVENTS over INPUT to OUTPUT; report what it holds on ``log``."""
    log = log or sys.stderr
    check_output(output, force)
    review = collect(events_path, inputs, max_articles)
    export_name = f"{Path(output.name).stem}.gold.jsonl"
    write(output, page_html(review, events_path, export_name))
    print(f"wrote {output}: {len(review.articles)} articles, {review.events} events", file=log)
    if review.unmatched:
        print(f"conflict-events: {review.unmatched} events of {events_path} have no article among the INPUT "
              f"articles; they are not on the page", file=log)
    if review.unreadable:
        print(f"conflict-events: {len(review.unreadable)} INPUT records are no article (listed on the page; "
              f"first: {review.unreadable[0]['origin']}: {review.unreadable[0]['error']})", file=log)
    if review.problems:
        print(f"conflict-events: {len(review.problems)} evidence spans do not read so in their article and are "
              f"not marked (listed on the page; first: {review.problems[0]})", file=log)
    return review
