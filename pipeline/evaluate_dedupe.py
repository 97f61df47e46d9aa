"""Score the cross-article dedupe on a cluster gold: which reports are one incident.

Gold format (data/samples/dedupe_gold/incidents.jsonl, see its README): one JSON line per
article, {"id": "2015-08-07.json#12", "url", "source", "published", "incidents": [{"incident":
"I001", "spans": [[start, end], ...], ...}]}: the id names a SaudiNewsNet article (its JSON file
inside the day's zip, and its index in that file's array), the spans are the characters of its
``content`` that tell each incident. The texts are read at scoring time from the shared corpora
(their licence forbids copying them into the project); a gold line may also carry its own
``text`` (and ``title``), as the tests' gold does.

Scoring: the extractor runs over the articles (title too; evidence offsets are into the
content); each event goes to the gold incident of its article whose spans hold most of its
trigger evidence (ties: the one that holds its first trigger). Events of no incident are
extraction errors, counted apart. The dedupe runs over all the events; the merges are scored
over the events that map: pairwise precision/recall/F1 over pairs of events of different
articles (same predicted incident vs same gold incident) and B-cubed precision/recall/F1 over
events (same-article events of one incident count as one: the dedupe never joins an article
with itself).
"""
from __future__ import annotations

import json
import sys
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional, Sequence

from .dedupe import dedupe
from .metrics import prf
from .reports import Report, report_from_row
from .resources import SharedDataNotFound, shared_path
from .similarity import MEASURES, available

CORPUS = ("corpora", "saudinewsnet")


@dataclass
class Mapped:
    """The gold's articles run through the extractor: every report, and the gold incident of each
    (None: the event tells no labelled incident)."""

    reports: list[Report]
    incident: list[Optional[str]]
    articles: int = 0
    gold_ids: list = field(default_factory=list)  # every incident id of the gold
    gold_mentions: int = 0
    found_mentions: int = 0  # gold (article, incident) mentions with at least one event

    @property
    def mapped(self) -> list[int]:
        return [i for i, g in enumerate(self.incident) if g is not None]


def read_gold(path: Path) -> list[dict]:
    """The gold's lines, each with its article's text and title (from the line, else the corpus)."""
    with open(path, encoding="utf-8") as f:
        gold = [json.loads(line) for line in f if line.strip()]
    for line in gold:
        if "text" not in line:
            art = corpus_article(line["id"])
            line["text"], line["title"] = art.get("content") or "", art.get("title")
    return gold


def corpus_article(article_id: str) -> dict:
    """A SaudiNewsNet article by its gold id ``<day>.json#<index>``, from the shared corpora;
    SharedDataNotFound says where it was looked for."""
    name, _, index = article_id.partition("#")
    return _day(name)[int(index)]


@lru_cache(maxsize=64)
def _day(name: str) -> list[dict]:
    zpath = shared_path(*CORPUS, name.replace(".json", ".zip"))
    with zipfile.ZipFile(zpath) as z:
        return json.loads(z.read(name).decode("utf-8"))


def extract(gold: Sequence[dict], pipeline=None) -> list[list[dict]]:
    """The event rows of each gold article (title and text given to the pipeline)."""
    from .core import Pipeline

    pipeline = pipeline or Pipeline(gate=True)
    docs = [pipeline.document({"id": g["id"], "text": g["text"], "title": g.get("title"), "url": g.get("url"),
                               "source": g.get("source"), "published": g.get("published")}) for g in gold]
    out = []
    for n in range(0, len(docs), 16):
        out += [[ev.to_acled_row() for ev in doc.events] for doc in pipeline.pipe(docs[n:n + 16])]
    return out


def triggers(row: dict) -> list[tuple[int, int]]:
    """The trigger spans of an event row (its evidence for event_type), in order."""
    return [(e["start"], e["end"]) for e in row.get("evidence") or () if e.get("field") == "event_type"]


def overlap(spans: Sequence[Sequence[int]], start: int, end: int) -> int:
    """Characters of [start, end) inside the spans."""
    return sum(max(0, min(end, b) - max(start, a)) for a, b in spans)


def incident_of(row: dict, incidents: Sequence[dict]) -> Optional[str]:
    """The gold incident whose spans hold most of the event's triggers (ties: the one holding its
    first trigger, then the first labelled); None when none holds any."""
    trig = triggers(row)
    best, key = None, (0, 0)
    for inc in incidents:
        total = sum(overlap(inc["spans"], a, b) for a, b in trig)
        first = overlap(inc["spans"], *trig[0]) if trig else 0
        if total > 0 and (total, first) > key:
            best, key = inc["incident"], (total, first)
    return best


def map_events(gold: Sequence[dict], rows: Sequence[list[dict]]) -> Mapped:
    """Reports of every extracted event, with the gold incident each tells."""
    out = Mapped([], [], articles=len(gold))
    for line, article_rows in zip(gold, rows):
        found = set()
        for n, row in enumerate(article_rows):
            out.reports.append(report_from_row(row, f"{line['id']}[{n}]"))
            inc = incident_of(row, line.get("incidents") or ())
            out.incident.append(inc)
            found.add(inc)
        out.gold_mentions += len(line.get("incidents") or ())
        out.found_mentions += len(found - {None})
    out.gold_ids = sorted({inc["incident"] for line in gold for inc in line.get("incidents") or ()})
    return out


@dataclass
class Scores:
    pairwise: tuple = (0.0, 0.0, 0.0)
    bcubed: tuple = (0.0, 0.0, 0.0)
    pairs: dict = field(default_factory=dict)  # tp, fp, fn
    wrong: list = field(default_factory=list)  # (kind, report a, report b)


def score(reports: Sequence[Report], gold: Sequence[Optional[str]], predicted: Sequence[int],
          keep: Optional[set[int]] = None) -> Scores:
    """Pairwise and B-cubed scores of a predicted grouping (group number per report) against the
    gold incidents, over the reports that map (and are in ``keep``, when given)."""
    idx = [i for i, g in enumerate(gold) if g is not None and (keep is None or i in keep)]
    tp = fp = fn = 0
    wrong = []
    for x, i in enumerate(idx):
        for j in idx[x + 1:]:
            if reports[i].article_id == reports[j].article_id:
                continue
            same_gold, same_pred = gold[i] == gold[j], predicted[i] == predicted[j]
            tp += same_gold and same_pred
            fp += same_pred and not same_gold
            fn += same_gold and not same_pred
            if same_gold != same_pred:
                wrong.append(("merged apart incidents" if same_pred else "kept apart one incident", i, j))
    # B-cubed over (article, incident) units: an article's events of one incident are one unit
    unit_of = {i: (reports[i].article_id, gold[i]) for i in idx}
    units = sorted(set(unit_of.values()))
    pred_of_unit: dict[tuple, set[int]] = defaultdict(set)
    for i in idx:
        pred_of_unit[unit_of[i]].add(predicted[i])
    p_sum = r_sum = 0.0
    for u in units:
        same_pred = [v for v in units if pred_of_unit[v] & pred_of_unit[u]]
        same_gold = [v for v in units if v[1] == u[1]]
        both = [v for v in same_pred if v[1] == u[1]]
        p_sum += len(both) / len(same_pred)
        r_sum += len(both) / len(same_gold)
    n = len(units) or 1
    bp, br = p_sum / n, r_sum / n
    return Scores(prf(tp, tp + fp, tp + fn), (bp, br, 2 * bp * br / (bp + br) if bp + br else 0.0),
                  {"tp": tp, "fp": fp, "fn": fn}, wrong)


def halves(gold_incidents: Sequence[Optional[str]], ids: Sequence[str]) -> tuple[set[int], set[int]]:
    """The reports split in two by gold incident (the gold's ids in order, alternately: I001 tunes,
    I002 checks, ...): the first half tunes the thresholds, the second checks them."""
    tune = set(sorted(ids)[0::2])
    a = {i for i, g in enumerate(gold_incidents) if g in tune}
    b = {i for i, g in enumerate(gold_incidents) if g is not None and g not in tune}
    return a, b


def groups_of(n: int, groups: list[list[int]]) -> list[int]:
    """The group number of each of n reports."""
    out = [0] * n
    for g, members in enumerate(groups):
        for i in members:
            out[i] = g
    return out


def run_measure(mapped: Mapped, name: str, thresholds=None) -> list[int]:
    """The predicted group of each report with one similarity measure."""
    result = dedupe(mapped.reports, name, thresholds)
    return groups_of(len(mapped.reports), result.groups)


def measures_here(asked: Optional[str]) -> list[str]:
    """The measures to score: the one asked for, else every one installed."""
    return [asked] if asked else [m for m in MEASURES if available(m)]


def report(mapped: Mapped, out=None, asked: Optional[str] = None, thresholds=None,
           show_errors: bool = False) -> dict:
    """Print the scores of each measure (all events, then the tuning and the checking halves)."""
    out = out or sys.stdout
    mapped_idx = mapped.mapped
    arts = {mapped.reports[i].article_id for i in mapped_idx}
    incs = {mapped.incident[i] for i in mapped_idx}
    print(f"{mapped.articles} gold articles, {mapped.gold_mentions} incident mentions; the extractor gave "
          f"{len(mapped.reports)} events: {len(mapped_idx)} map to {len(incs)} gold incidents in {len(arts)} "
          f"articles ({mapped.found_mentions} of the mentions found), {len(mapped.reports) - len(mapped_idx)} "
          f"tell no labelled incident (extraction errors, not scored)", file=out)
    tune, check = halves(mapped.incident, mapped.gold_ids)
    results = {}
    for name in measures_here(asked):
        predicted = run_measure(mapped, name, thresholds)
        results[name] = {part: score(mapped.reports, mapped.incident, predicted, keep)
                         for part, keep in (("all", None), ("tune", tune), ("check", check))}
        for part, s in results[name].items():
            print(f"{name:<7} {part:<5}  pairwise P {s.pairwise[0]:.3f} R {s.pairwise[1]:.3f} F1 {s.pairwise[2]:.3f} "
                  f"(tp {s.pairs['tp']}, fp {s.pairs['fp']}, fn {s.pairs['fn']})  "
                  f"B-cubed P {s.bcubed[0]:.3f} R {s.bcubed[1]:.3f} F1 {s.bcubed[2]:.3f}", file=out)
        if show_errors:
            for kind, i, j in results[name]["all"].wrong:
                a, b = mapped.reports[i], mapped.reports[j]
                print(f"  {kind}: {a.article_id} {mapped.incident[i]} {a.sub_event_type} {a.date} {a.place.location} | "
                      f"{b.article_id} {mapped.incident[j]} {b.sub_event_type} {b.date} {b.place.location}", file=out)
    return results


def evaluate_file(gold_path: Path, out=None, similarity: Optional[str] = None, thresholds=None,
                  show_errors: bool = False, pipeline=None, tuning: bool = False) -> dict:
    """Score the dedupe on a gold file and print the report (with ``tuning``, first tune each
    measure's thresholds on the tuning half); SharedDataNotFound when the gold's texts are not at hand."""
    gold = read_gold(gold_path)
    mapped = map_events(gold, extract(gold, pipeline))
    print(f"{gold_path}:", file=out or sys.stdout)
    if tuning:
        for name in measures_here(similarity):
            tune(mapped, name, out=out)
    return report(mapped, out, similarity, thresholds, show_errors)




TARGET_PRECISION = 0.95  # the acceptance's pairwise precision: tuning keeps it on the tuning half


def tune(mapped: Mapped, name: str, steps: int = 24, out=None) -> tuple[Optional[float], Optional[float]]:
    """The thresholds of one measure tuned on the tuning half (``halves``): on a grid of both (each
    its pairs' lowest similarity, then the 5th to the 99.5th percentile), the best B-cubed F1 whose
    pairwise precision is at least TARGET_PRECISION there; prints them with the scores of both
    halves and of the whole gold."""
    import numpy as np

    from .dedupe_cluster import cluster
    from .dedupe_pairs import edges
    from .similarity import measure as get_measure

    out = out or sys.stdout
    reports = mapped.reports
    for n, r in enumerate(reports):
        r.index = n
    chosen = get_measure(name)
    found = edges(reports, chosen, (None, -1.0))  # every pair the rules allow, every text-tier pair
    if not found or found[0].similarity is None:
        print(f"{name}: no similarity to tune", file=out)
        return (None, None)
    ruled = np.array([e.similarity for e in found if e.tier == "rules"])
    texted = np.array([e.similarity for e in found if e.tier == "text"])
    def grid(x) -> list:
        """The lowest similarity (every pair), then percentiles 5 to 99.5."""
        return sorted(set(np.round(np.percentile(x, np.linspace(5, 99.5, steps)), 3)) | {round(float(x.min()), 3)}) \
            if len(x) else [None]

    tune_half, check_half = halves(mapped.incident, mapped.gold_ids)
    keys, articles = [r.key for r in reports], [r.article_id for r in reports]

    def predict(low, high):
        kept = [e for e in found if (e.tier == "rules" and e.similarity >= low)
                or (e.tier == "text" and high is not None and e.similarity >= high)]
        return groups_of(len(reports), cluster(keys, articles, kept))

    best = None
    for low in grid(ruled):
        for high in grid(texted):
            if high is not None and high < low:
                continue
            s = score(reports, mapped.incident, predict(low, high), tune_half)
            if s.pairwise[0] >= TARGET_PRECISION and (best is None or s.bcubed[2] >= best[0]):  # ties: the higher
                best = (s.bcubed[2], float(low), None if high is None else float(high))
    if best is None:
        print(f"{name}: no thresholds reach pairwise precision {TARGET_PRECISION} on the tuning half", file=out)
        return (None, None)
    _, low, high = best
    predicted = predict(low, high)
    print(f"{name}: thresholds tuned on the tuning half: rules {low}, text tier {high}", file=out)
    for part, keep in (("tune", tune_half), ("check", check_half), ("all", None)):
        s = score(reports, mapped.incident, predicted, keep)
        print(f"  {part:<5}  pairwise P {s.pairwise[0]:.3f} R {s.pairwise[1]:.3f}  "
              f"B-cubed P {s.bcubed[0]:.3f} R {s.bcubed[1]:.3f} F1 {s.bcubed[2]:.3f}", file=out)
    return (low, high)
