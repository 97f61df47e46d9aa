"""Score the event extractor against a gold file of coded articles, incident by incident.

Gold format (JSONL, as ../shared/data/gold_real and data/samples/gold): {"id", "title"?,
"published", "text", "events": [{"event_type", "sub_event_type", "actor1", "actor2", "country",
"admin1", "location", "location_ar"?, "event_date", "fatalities", ...}]}. The title goes to the
pipeline with the text. A line with no text is a reference to a SaudiNewsNet article by its id
(data/samples/snn_coded): its title and text are read from the shared corpus.

A predicted event counts only when it is the same incident as a gold event of its article: the
same disorder family (political violence, demonstrations, strategic developments) and at least two
of date, place (admin1 or location), actor1, actor2 and sub-event agree. Pairs are matched one to
one, greedily by how many fields agree. Names compare leniently only where that is honest: a
generic actor ("Civilians (Syria)", "Unidentified Armed Group (Iraq)") must match class and
country; other actors share half their content words (year tags ignored); places compare by a
spelling-insensitive key (Dar'a = Daraa, Duma = Douma). Per-field accuracy is over matched
incidents; per-country and per-sub-event tables give recall over the gold events.
"""
from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Optional

from . import saudinewsnet
from .metrics import prf
from .translit import place_key

FIELDS = ["sub_event_type", "actor1", "actor2", "admin1", "location", "event_date", "fatalities"]
FAMILY = {"Battles": "political violence", "Explosions/Remote violence": "political violence",
          "Violence against civilians": "political violence", "Protests": "demonstrations",
          "Riots": "demonstrations", "Strategic developments": "strategic developments"}
GENERIC = {"unidentified armed group", "unidentified military forces", "civilians", "protesters", "rioters"}
ACTOR_STOP = {"forces", "of", "the", "group", "armed", "al", "el", "military", "police"}
ARTICLE = re.compile(r"\b(al|el|ad|ar|as|ash|an|at|az)[- ]")


def canon(value) -> str:
    """A lenient comparison key: case, 'al-' articles, punctuation and '(2000-)' year tags ignored."""
    if value is None:
        return ""
    s = str(value).lower()
    s = re.sub(r"\(\d{4}-\d{0,4}\)", "", s)
    s = ARTICLE.sub("", s)
    return re.sub(r"[^a-z0-9]", "", s)


def actor_parts(name) -> tuple[str, str]:
    """'Civilians (Syria)' → ('civilians', 'syria'); a year tag is no country: ('military forces of syria', '')."""
    name = str(name or "").strip().lower()
    m = re.match(r"^(.*?)\s*\(([^)]*)\)\s*$", name)
    if not m:
        return name, ""
    inside = m.group(2).strip()
    return m.group(1).strip(), "" if re.fullmatch(r"[\d\s-]*", inside) else inside


def same_actor(gold, pred) -> bool:
    """A generic actor matches class and country; a named one shares half its content words."""
    if not gold or not pred:
        return not gold and not pred
    (gb, gc), (pb, pc) = actor_parts(gold), actor_parts(pred)
    if gb in GENERIC or pb in GENERIC:
        return gb == pb and (not gc or not pc or gc == pc)
    gw = set(re.findall(r"[a-z0-9']+", gb)) - ACTOR_STOP
    pw = set(re.findall(r"[a-z0-9']+", pb)) - ACTOR_STOP
    return bool(gw) and len(gw & pw) / len(gw) >= 0.5


def agreement(gold: dict, pred: dict) -> dict[str, bool]:
    """Which fields of a predicted event agree with a gold one."""
    same_country = canon(gold.get("country")) == canon(pred.get("country"))
    return {
        "sub_event_type": gold.get("sub_event_type") == pred.get("sub_event_type"),
        "actor1": same_actor(gold.get("actor1"), pred.get("actor1")),
        "actor2": same_actor(gold.get("actor2"), pred.get("actor2")),
        "admin1": same_country and bool(gold.get("admin1")) and place_key(gold.get("admin1")) == place_key(pred.get("admin1")),
        "location": same_country and bool(gold.get("location")) and place_key(gold.get("location")) == place_key(pred.get("location")),
        "event_date": str(gold.get("event_date"))[:10] == str(pred.get("event_date"))[:10],
        "fatalities": int(gold.get("fatalities") or 0) == int(pred.get("fatalities") or 0),
    }


def same_incident(gold: dict, pred: dict) -> bool:
    """Same disorder family and at least two of date, place, actor1, actor2 (when coded), sub-event."""
    if FAMILY.get(gold.get("event_type")) != FAMILY.get(pred.get("event_type")):
        return False
    a = agreement(gold, pred)
    return sum([a["event_date"], a["admin1"] or a["location"], a["actor1"], a["actor2"] and bool(gold.get("actor2")),
                a["sub_event_type"]]) >= 2


def align(gold: list[dict], pred: list[dict]) -> list[tuple[Optional[dict], Optional[dict]]]:
    """One-to-one incident matching, greedily by the number of agreeing fields; the unmatched pair with None."""
    pairs = sorted(((sum(agreement(g, p).values()), i, j) for i, g in enumerate(gold) for j, p in enumerate(pred)
                    if same_incident(g, p)), reverse=True)
    used_g, used_p, out = set(), set(), []
    for _, i, j in pairs:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((gold[i], pred[j]))
    out += [(g, None) for i, g in enumerate(gold) if i not in used_g]
    out += [(None, p) for j, p in enumerate(pred) if j not in used_p]
    return out


def score(items: list[tuple[dict, list[dict]]]) -> dict:
    """Scores over (gold article, predicted rows) pairs."""
    tp = fp = fn = 0
    right = {f: 0 for f in FIELDS}
    by = {"country": defaultdict(lambda: [0, 0]), "sub_event_type": defaultdict(lambda: [0, 0])}
    errors = []
    for art, rows in items:
        for g, p in align(art.get("events", []), rows):
            if g is not None:
                for key in by:
                    cell = by[key][g.get(key) or "?"]
                    cell[0] += p is not None
                    cell[1] += 1
            if g is not None and p is not None:
                tp += 1
                a = agreement(g, p)
                for f in FIELDS:
                    right[f] += a[f]
                wrong = [f for f in FIELDS if not a[f]]
                if wrong:
                    errors.append(("wrong", art, g, p, wrong))
            elif g is not None:
                fn += 1
                errors.append(("missed", art, g, None, []))
            else:
                fp += 1
                errors.append(("extra", art, None, p, []))
    precision, recall, f1 = prf(tp, tp + fp, tp + fn)
    return {"articles": len(items), "gold_events": tp + fn, "tp": tp, "fp": fp, "fn": fn,
            "precision": precision, "recall": recall, "f1": f1,
            "accuracy": {f: right[f] / tp if tp else 0.0 for f in FIELDS},
            "by": {k: dict(v) for k, v in by.items()}, "errors": errors}


def predict(articles: list[dict], pipeline=None) -> list[tuple[dict, list[dict]]]:
    """Run the pipeline over the gold articles (title and text); (article, predicted rows) pairs."""
    from .core import Pipeline

    pipeline = pipeline or Pipeline()
    out = []
    for art in articles:
        events = pipeline.extract({"id": art["id"], "title": art.get("title"), "text": art["text"],
                                   "published": art.get("published") or art.get("date")})
        out.append((art, [e.to_acled_row() for e in events]))
    return out


def _sentence(text: str, start: Optional[int]) -> str:
    """The sentence of the article around a character offset."""
    if start is None or not 0 <= start < len(text):
        return ""
    lo = max(text.rfind(c, 0, start) for c in ".\n؟!") + 1
    ends = [i for i in (text.find(c, start) for c in ".\n؟!") if i >= 0]
    return " ".join(text[lo:min(ends) + 1 if ends else len(text)].split())


def _row_text(row: dict) -> str:
    return (f"{row.get('event_date')} {row.get('sub_event_type')} | {row.get('actor1')} | {row.get('actor2')} | "
            f"{row.get('country')}, {row.get('admin1')}, {row.get('location')} | {row.get('fatalities')}")


def _error_line(kind: str, art: dict, g: Optional[dict], p: Optional[dict], wrong: list[str]) -> str:
    """One error: what, the gold and predicted event, and the sentence the prediction came from."""
    parts = [f"{art['id']} {kind}"]
    if wrong:
        parts.append("fields: " + ", ".join(f"{f} {g.get(f)!r} -> {p.get(f)!r}" for f in wrong))
    if g is not None:
        parts.append("gold: " + _row_text(g) + (f" ({g.get('location_ar')})" if g.get("location_ar") else ""))
    if p is not None:
        parts.append("pred: " + _row_text(p))
        trigger = next((e for e in p.get("evidence") or () if e.get("field") in ("event_type", "sub_event_type")), {})
        parts.append("sentence: " + _sentence(art["text"], trigger.get("start")))
    return "\n    ".join(parts)


def evaluate_file(gold_path: Path, pipeline=None, out=None, show_errors: bool = False) -> dict:
    """Score the pipeline on a gold file and print the report (on ``out``, else on sys.stdout as it is at the call)."""
    out = out or sys.stdout
    with open(gold_path, encoding="utf-8") as f:
        articles = saudinewsnet.fill_texts([json.loads(line) for line in f if line.strip()])
    result = score(predict(articles, pipeline))
    print(f"{gold_path}: {result['articles']} articles, {result['gold_events']} gold events", file=out)
    print(f"events  P {result['precision']:.3f}  R {result['recall']:.3f}  F1 {result['f1']:.3f}  "
          f"(tp {result['tp']}, fp {result['fp']}, fn {result['fn']}; incident-level matching)", file=out)
    print(f"per-field accuracy over the {result['tp']} matched incidents:", file=out)
    for f, acc in result["accuracy"].items():
        print(f"  {f:<15} {acc:.3f}", file=out)
    for key, title in (("country", "country"), ("sub_event_type", "sub-event")):
        print(f"recall by {title} (gold events found):", file=out)
        for name, (hit, n) in sorted(result["by"][key].items(), key=lambda x: (-x[1][1], x[0])):
            print(f"  {name:<40} {hit:>3}/{n:<3} {hit / n:.2f}", file=out)
    if show_errors:
        for e in result["errors"]:
            print(_error_line(*e), file=out)
    return result


if __name__ == "__main__":
    evaluate_file(Path(sys.argv[1]), show_errors="--errors" in sys.argv)
