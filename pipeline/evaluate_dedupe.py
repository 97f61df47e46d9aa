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
events (same-article events of one incident count as one: the grouping never joins an article
with itself; only the split-bombing join, ``dedupe_cluster.join_split``, puts one article's blast
and fight in one incident, which pairwise scoring counts and B-cubed cannot).
"""
from __future__ import annotations

import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Sequence

from .dedupe import dedupe
from .dedupe_cluster import cluster, join_split
from .dedupe_pairs import Edge, Thresholds, edges, kept
from .metrics import prf
from .reports import Report, report_from_row
from .resources import SharedDataNotFound
from .similarity import MEASURES, available
from . import saudinewsnet



@dataclass
class Mapped:
    """The gold's articles run through the extractor: every report, and the gold incident of each
    (None: the event tells no labelled incident)."""

    reports: list[Report]
    incident: list[Optional[str]]
    articles: int = 0
    gold_mentions: int = 0
    found_mentions: int = 0  # gold (article, incident) mentions with at least one event

    @property
    def mapped(self) -> list[int]:
        return [i for i, g in enumerate(self.incident) if g is not None]


def read_gold(path: Path) -> list[dict]:
    """The gold's lines, each with its article's text and title (from the line, else the corpus)."""
    with open(path, encoding="utf-8") as f:
        gold = [json.loads(line) for line in f if line.strip()]
    saudinewsnet.fill_texts(gold)
    return gold


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


FOLDS = 3


def folds(reports: Sequence[Report], incident: Sequence[Optional[str]], k: int = FOLDS) -> list[set[int]]:
    """The reports in up to k folds by country (their place's iso3): the dedupe compares reports of
    two countries only when their places are within a few km across the border
    (``dedupe_pairs.near``), so countries with such a pair go to one fold together, and each fold's
    merges are its own and a fold can be held out. Countries (so tied) go, most mapped reports
    first, to the fold with the fewest."""
    from .dedupe_pairs import candidate_pairs

    root = {r.place.iso3: r.place.iso3 for r in reports}

    def find(c: str) -> str:
        while root[c] != c:
            c = root[c]
        return c

    for i, j in candidate_pairs(reports):
        a, b = find(reports[i].place.iso3), find(reports[j].place.iso3)
        if a != b:
            root[max(a, b)] = min(a, b)
    weight: dict[str, int] = defaultdict(int)
    for r, g in zip(reports, incident):
        weight[find(r.place.iso3)] += g is not None
    parts: list[set[str]] = [set() for _ in range(min(k, len(weight)))]
    load = [0] * len(parts)
    for unit in sorted(weight, key=lambda c: (-weight[c], c)):
        n = load.index(min(load))
        parts[n] |= {c for c in root if find(c) == unit}
        load[n] += weight[unit]
    return [{i for i, r in enumerate(reports) if r.place.iso3 in part} for part in parts]


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


def line(name: str, part: str, s: Scores) -> str:
    """One line of scores."""
    return (f"{name:<7} {part:<5}  pairwise P {s.pairwise[0]:.3f} R {s.pairwise[1]:.3f} F1 {s.pairwise[2]:.3f} "
            f"(tp {s.pairs['tp']}, fp {s.pairs['fp']}, fn {s.pairs['fn']})  "
            f"B-cubed P {s.bcubed[0]:.3f} R {s.bcubed[1]:.3f} F1 {s.bcubed[2]:.3f}")


def report(mapped: Mapped, out=None, asked: Optional[str] = None, thresholds=None,
           show_errors: bool = False) -> dict:
    """Print the scores of each measure over every event that maps."""
    out = out or sys.stdout
    mapped_idx = mapped.mapped
    arts = {mapped.reports[i].article_id for i in mapped_idx}
    incs = {mapped.incident[i] for i in mapped_idx}
    print(f"{mapped.articles} gold articles, {mapped.gold_mentions} incident mentions; the extractor gave "
          f"{len(mapped.reports)} events: {len(mapped_idx)} map to {len(incs)} gold incidents in {len(arts)} "
          f"articles ({mapped.found_mentions} of the mentions found), {len(mapped.reports) - len(mapped_idx)} "
          f"tell no labelled incident (extraction errors, not scored)", file=out)
    results = {}
    for name in measures_here(asked):
        predicted = run_measure(mapped, name, thresholds)
        results[name] = score(mapped.reports, mapped.incident, predicted)
        print(line(name, "all", results[name]), file=out)
        if show_errors:
            for kind, i, j in results[name].wrong:
                a, b = mapped.reports[i], mapped.reports[j]
                print(f"  {kind}: {a.article_id} {mapped.incident[i]} {a.sub_event_type} {a.date} {a.place.location} | "
                      f"{b.article_id} {mapped.incident[j]} {b.sub_event_type} {b.date} {b.place.location}", file=out)
    return results


def evaluate_file(gold_path: Path, out=None, similarity: Optional[str] = None, thresholds=None,
                  show_errors: bool = False, pipeline=None, tuning: bool = False) -> dict:
    """Score the dedupe on a gold file and print the report (with ``tuning``, first tune each
    measure's thresholds by cross-validation, ``tune``); SharedDataNotFound when the gold's texts
    are not at hand."""
    gold = read_gold(gold_path)
    mapped = map_events(gold, extract(gold, pipeline))
    print(f"{gold_path}:", file=out or sys.stdout)
    if tuning:
        for name in measures_here(similarity):
            tune(mapped, name, out=out)
    return report(mapped, out, similarity, thresholds, show_errors)




TARGET_PRECISION = 0.95  # the acceptance's pairwise precision: tuning keeps it where it tunes


def tune(mapped: Mapped, name: str, out=None) -> Optional[Thresholds]:
    """A measure's five thresholds (dedupe_pairs.Thresholds) tuned by cross-validation over the
    country folds (``folds``): each fold is predicted with thresholds tuned on the others, and those
    held-out predictions are scored together; then the thresholds tuned on every fold, with their
    (tuned-on) scores. Prints both; returns the latter."""
    from .similarity import measure as get_measure

    out = out or sys.stdout
    reports = mapped.reports
    for n, r in enumerate(reports):
        r.index = n
    found = edges(reports, get_measure(name), (None, None, -1.0, -1.0, -1.0))  # every pair of every kind
    if not found or found[0].similarity is None:
        print(f"{name}: no similarity to tune", file=out)
        return None
    parts = folds(reports, mapped.incident)
    if len(parts) > 1:
        held: list = [None] * len(reports)
        for f, part in enumerate(parts):
            others = set().union(*(p for g, p in enumerate(parts) if g != f))
            chosen = search(mapped, found, others)
            predicted = predict(reports, found, chosen)
            for i in part:
                held[i] = (f, predicted[i])
            countries = " ".join(sorted({reports[i].place.iso3 for i in part}))
            print(f"{name}: fold {f + 1} ({countries}) held out, thresholds tuned on the others: {fmt(chosen)}", file=out)
        print(line(name, "held-out", score(reports, mapped.incident, held)), file=out)
    else:
        print(f"{name}: one country, one fold: no held-out figures", file=out)
    chosen = search(mapped, found, None)
    print(f"{name}: thresholds tuned on every fold: {fmt(chosen)}", file=out)
    print(line(name, "tuned", score(reports, mapped.incident, predict(reports, found, chosen))), file=out)
    return chosen


def fmt(t: Thresholds) -> str:
    return ", ".join(f"{k} {'-' if v is None else v}" for k, v in t._asdict().items())


def predict(reports: Sequence[Report], found: Sequence[Edge], t: Thresholds, split: bool = True) -> list[int]:
    """The group of each report when the candidate pairs are kept by thresholds ``t`` (with
    ``split``, the fights of split bombings then joined to their blasts, as dedupe does)."""
    groups = cluster([r.key for r in reports], [r.article_id for r in reports], kept(found, t))
    return groups_of(len(reports), join_split(reports, groups) if split else groups)


OPTIONAL = ("text", "text_far", "mixed")  # kinds of pair that may be left out (None): the tuner starts there


def search(mapped: Mapped, found: Sequence[Edge], keep: Optional[set[int]], steps: int = 16,
           rounds: int = 3) -> Thresholds:
    """Thresholds with the best B-cubed F1 over the reports ``keep`` (None: all) whose pairwise
    precision there is at least TARGET_PRECISION (the best precision while none is): coordinate
    ascent from the strictest, each threshold on a grid of its kind's similarities (every pair, then
    percentiles 5 to 99.5; the text tier's and the mixed pairs' also none). The groups scored are the clustering's, before
    split bombings are joined (``join_split`` has no threshold; its merges would otherwise let the
    precision target pay for looser thresholds)."""
    import numpy as np

    kinds = Thresholds._fields
    grid = {}
    for k in kinds:
        x = np.array([e.similarity for e in found if e.kind() == k])
        points = np.append(np.percentile(x, np.linspace(5, 99.5, steps)), x.min()) if len(x) else np.array([])
        values = sorted(set(np.floor(points * 1000) / 1000))  # rounded down: the lowest keeps its pair
        grid[k] = [round(float(v), 3) for v in values] + ([None] if k in OPTIONAL or not values else [])
    current = {k: (None if k in OPTIONAL else grid[k][-1] if grid[k] else None) for k in kinds}

    def value(t: dict) -> tuple:
        s = score(mapped.reports, mapped.incident, predict(mapped.reports, found, Thresholds(**t), split=False), keep)
        ok = s.pairwise[0] >= TARGET_PRECISION
        return (ok, s.bcubed[2] if ok else s.pairwise[0])

    best = value(current)
    for _ in range(rounds):
        moved = False
        for k in kinds:
            for v in grid[k]:
                trial = dict(current, **{k: v})
                got = value(trial)
                if got > best:
                    best, current, moved = got, trial, True
        if not moved:
            break
    return Thresholds(**current)
