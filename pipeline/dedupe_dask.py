"""The dedupe on Dask: partitions keyed by month, the same incidents as the local run.

1. Every events file is read in its own task; each report goes to the partition of its month,
   and a report of a month's first MARGIN_DAYS days also to the month before, as its margin (no
   pair of one incident is further apart: a week-precise date reaches 7 days, the text tier 3).
2. Each month finds its candidate pairs (``dedupe_pairs.edges``), keeping those with a report of
   its own, so every pair is found once, by one partition.
3. The pairs (small) are gathered and grouped here (``dedupe_cluster.cluster``, then ``join_split`` on
   sketches of the reports: their fields without the row), as the local run
   does with the same pairs.
4. Each month writes the incidents whose earliest report is its own (their other reports lie in
   its month or its margin): ``OUTPUT/part-00000.jsonl`` (or .parquet ...), its mentions as
   ``OUTPUT/mentions-00000.jsonl``; the bad rows go to ``OUTPUT/errors-00000.jsonl``.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Optional, Sequence, Union

from conflict_events.schemas import IncidentMention, IncidentRow

from .dask_engine import _clear_parts, dask_client, part_kind
from .dedupe import Summary, Thresholds, assemble, repeated, resolve
from .dedupe_cluster import FIGHTS, OF_BLAST, cluster, join_split
from .dedupe_pairs import Edge, edges
from .output_guard import OutputLock, check_output
from .reports import BadRow, Report, event_files, read_reports
from .similarity import Measure, Words, content_words
from .writers import RowWriter, json_line

MARGIN_DAYS = 7
UNDATED = (0, 0)  # the partition of reports without a date (they join no one)


class _Seen:
    """What ``dedupe.repeated`` reads of a report: its key and where it was read."""

    def __init__(self, key: tuple, origin: str):
        self.article_id, self.report_id = key
        self.origin = origin


def month(r: Report) -> tuple[int, int]:
    return (r.date.year, r.date.month) if r.date else UNDATED


def placements(r: Report) -> list[tuple[tuple, bool, Report]]:
    """(partition, home?, report): its month's, and the month before's margin for an early day."""
    out = [(month(r), True, r)]
    if r.date is not None and r.date.day <= MARGIN_DAYS:
        y, m = month(r)
        out.append(((y - (m == 1), 12 if m == 1 else m - 1), False, r))
    return out


def _read(path: str) -> list:
    return list(read_reports(Path(path)))


def sketch(r: Report) -> Report:
    """What ``join_split`` reads of a report, for the client: its fields, coordinates, and the text of
    a blast or a fight only (for the sites it names)."""
    from dataclasses import replace

    return replace(r, row={k: r.row.get(k) for k in ("latitude", "longitude")},
                   text=r.text if r.sub_event_type in FIGHTS | OF_BLAST else "")


def _month_edges(group: tuple, measure: Measure, thresholds) -> list[tuple]:
    """The candidate pairs of one month (with a report of its own), as (key a, key b, edge)."""
    key, placed = group
    reports = [r for _, _, r in sorted(placed, key=lambda p: p[2].key)]
    own = {r.key for _, home, r in placed if home}
    found = edges(reports, measure, thresholds, home=lambda r: r.key in own)
    return [(reports[e.a].key, reports[e.b].key, e.similarity, e.score, e.tier, e.strict, e.kept) for e in found]


def _write_month(group: tuple, groups: list[list[tuple]], found: list[tuple], index: int, out_dir: str,
                 ext: str) -> tuple[int, int]:
    """Write one month's incidents and mentions; (incidents, reports)."""
    _, placed = group
    by_key = {r.key: r for _, _, r in placed}
    reports = [by_key[k] for g in groups for k in g]
    at = {r.key: n for n, r in enumerate(reports)}
    for n, r in enumerate(reports):
        r.index = n
    local = [Edge(at[a], at[b], *rest) for a, b, *rest in found if a in at and b in at]
    result = assemble(reports, local, [[at[k] for k in g] for g in groups])
    for rows, name, model in ((result.incidents, "part", IncidentRow), (result.mentions, "mentions", IncidentMention)):
        writer = RowWriter(Path(out_dir) / f"{name}-{index:05d}{ext}", None, model)
        writer.write(rows)
        writer.close()
    return len(result.incidents), len(reports)


def _write_planned(group: tuple, plan: dict, out_dir: str, ext: str) -> tuple[int, int]:
    """Write a month's incidents by the plan (its groups, their pairs, its part number); (0, 0) for a
    month that anchors no incident."""
    if group[0] not in plan:
        return 0, 0
    groups, found, index = plan[group[0]]
    return _write_month(group, groups, found, index, out_dir, ext)


def run(inputs: Sequence[Path], output: Path, *, similarity: Union[str, Measure, None] = None,
        thresholds: Thresholds = None, scheduler: Optional[str] = None, workers: int = 2, force: bool = False,
        wait: bool = False, log=None) -> Summary:
    """Dedupe the events files ``inputs`` on Dask into the folder OUTPUT (parts); see the module's doc."""
    start = time.perf_counter()
    output = Path(output)
    check_output(inputs, output, folder=True)
    measure = resolve(similarity)
    thresholds = measure.thresholds if thresholds is None else thresholds
    ext = part_kind(output)
    with OutputLock(output, wait=wait, log=log):
        _clear_parts(output, force, ("part-", "mentions-", "errors-"))
        with dask_client(scheduler, workers) as client:
            summary = _run(client, inputs, output, measure, thresholds, ext)
    summary.seconds = time.perf_counter() - start
    print(summary.line(), file=log or sys.stderr)
    return summary


def _run(client, inputs, output: Path, measure: Measure, thresholds, ext: str) -> Summary:
    import dask
    import dask.bag as db

    files = [str(f) for path in inputs for f in event_files(Path(path))]
    items = db.from_delayed([dask.delayed(_read)(f) for f in files])
    bad = [b for b in items.filter(lambda x: isinstance(x, BadRow)).compute()]
    reports = items.filter(lambda x: isinstance(x, Report))
    first: dict[tuple, str] = {}
    for key, origin in reports.map(lambda r: (r.key, r.origin)).compute():  # in input order
        if key in first:
            bad.append(repeated(_Seen(key, origin), first[key]))
        else:
            first[key] = origin
    reports = reports.filter(lambda r, keep=first: keep[r.key] == r.origin)
    months = reports.map(placements).flatten().groupby(lambda p: p[0]).persist()
    if isinstance(measure, Words):  # words weighed by the whole dump, as the local run weighs them
        measure = measure.with_frequencies(reports.map(lambda r: sorted(content_words(r.text))).flatten()
                                           .frequencies().compute(), reports.count().compute())
    found = [e for part in months.map(_month_edges, measure, thresholds).compute() for e in part]
    keys = sorted(first)
    index = {k: n for n, k in enumerate(keys)}
    pairs = [Edge(*sorted((index[a], index[b])), *rest) for a, b, *rest in found]
    sketches = dict(reports.map(lambda r: (r.key, sketch(r))).compute())
    groups = join_split([sketches[k] for k in keys], cluster(keys, [k[0] for k in keys], pairs))
    dated = dict(reports.map(lambda r: (r.key, month(r))).compute())
    by_month: dict[tuple, list[list[tuple]]] = {}
    for g in groups:
        members = [keys[i] for i in g]
        anchor = min((dated[k] for k in members if dated[k] != UNDATED), default=UNDATED)
        by_month.setdefault(anchor, []).append(members)
    edges_of: dict[tuple, list[tuple]] = {}
    group_month = {k: m for m, gs in by_month.items() for g in gs for k in g}
    for e in found:
        edges_of.setdefault(group_month[e[0]], []).append(e)
    parts = {m: n for n, m in enumerate(sorted(by_month))}
    plan = client.scatter({m: (by_month[m], edges_of.get(m, []), parts[m]) for m in by_month}, broadcast=True)
    counts = months.map(_write_planned, plan, str(output), ext).compute()
    with open(output / "errors-00000.jsonl", "w", encoding="utf-8") as f:
        for b in bad:
            f.write(json_line({"row": b.origin, "article_id": b.article_id, "error": b.error}))
    return Summary(reports=len(keys), articles=len({k[0] for k in keys}), incidents=sum(c[0] for c in counts),
                   bad_rows=len(bad), similarity=measure.name, errors_file=output / "errors-00000.jsonl")
