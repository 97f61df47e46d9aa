"""Cross-article de-duplication: one event per incident across a dump, with every source kept.

A dump reports one incident in many articles (six papers, the same wire copy reworded, that day
and the next), and the extractor gives each article its own event. ``dedupe`` joins the reports
of one incident:

1. candidate pairs (``dedupe_pairs``): reports of two articles that the rules allow to be one
   incident, blocked by country, admin1 and date window, each with its similarity
   (``similarity``: a sentence encoder, or shared words) and score;
2. groups (``dedupe_cluster``): best pairs first, no article twice, complete linkage on the
   rules, a majority of alike pairs (average linkage on the similarity); then a bombing the
   extractor split into the blast and the fight after it is put back together (``join_split``);
3. rows (``dedupe_merge``): one incident row per group (ACLED's columns, article_ids, sources,
   source_count, the union of the evidence) and one mentions-table row per report, saying why
   it joined, so every merge can be explained and undone.

``dedupe_rows(rows)`` does it in memory; ``run(inputs, output)`` from the extractor's output files
(any format it writes) to OUTPUT and its mentions table beside it (``mentions_path``); bad rows
go to OUTPUT's errors file, one line each, and the run goes on.
"""
from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Optional, Sequence, Union

from conflict_events.schemas import IncidentMention, IncidentRow

from .dedupe_cluster import BLASTS, FIGHTS, cluster, join_split
from .dedupe_merge import best_date, first_report, incident, incident_id
from .dedupe_pairs import Edge, edges
from .output_guard import OutputError, OutputLock, check_output
from .reports import BadRow, Report, read_reports, report_from_row, RowError
from .similarity import Measure, default_measure, measure as get_measure
from .writers import OUTPUT_KINDS, RowWriter, errors_path, json_line


@dataclass
class Deduped:
    """What a dedupe gives: incident rows, mentions-table rows, the reports of each incident (by
    index into the reports), and the rows that were no report."""

    incidents: list[dict] = field(default_factory=list)
    mentions: list[dict] = field(default_factory=list)
    groups: list[list[int]] = field(default_factory=list)
    errors: list[BadRow] = field(default_factory=list)


def resolve(similarity: Union[str, Measure, None]) -> Measure:
    """A similarity measure from its name (None: the default, or ``words`` without its package)."""
    if isinstance(similarity, Measure):
        return similarity
    return get_measure(similarity or default_measure())


Thresholds = Optional[tuple[Optional[float], ...]]  # dedupe_pairs.Thresholds, or (rules, text)


def dedupe(reports: Sequence[Report], similarity: Union[str, Measure, None] = None,
           thresholds: Thresholds = None) -> Deduped:
    """The incidents of a list of reports (see the module's doc); ``thresholds``: the least
    similarity of each kind of pair (dedupe_pairs.Thresholds, or two: the rules' pairs, the text
    tier's; default: the measure's)."""
    reports = list(reports)
    found, groups = link(reports, similarity, thresholds)
    return assemble(reports, found, groups)


def link(reports: list[Report], similarity: Union[str, Measure, None] = None,
         thresholds: Thresholds = None) -> tuple[list[Edge], list[list[int]]]:
    """The candidate pairs of the reports and their groups (report indices); numbers the reports."""
    for n, r in enumerate(reports):
        r.index = n
    measure = resolve(similarity)
    found = edges(reports, measure, measure.thresholds if thresholds is None else thresholds)
    groups = cluster([r.key for r in reports], [r.article_id for r in reports], found)
    return found, join_split(reports, groups)


def assemble(reports: Sequence[Report], found: Sequence[Edge], groups: list[list[int]]) -> Deduped:
    """Incident and mention rows of the groups, incidents in order of date, then id."""
    out = Deduped(groups=groups)
    for row, mentions in built(reports, found, groups):
        out.incidents.append(row)
        out.mentions += mentions
    return out


def built(reports: Sequence[Report], found: Sequence[Edge], groups: list[list[int]]) -> Iterator[tuple[dict, list[dict]]]:
    """The incident row and the mention rows of each group, in order of the incident's date, then
    its id, one group at a time (a dump's rows need not all be held at once)."""
    group_of = {i: g for g, members in enumerate(groups) for i in members}
    similarity: dict[int, list[float]] = {}
    partner: dict[int, tuple] = {}
    for e in found:
        if group_of[e.a] != group_of[e.b]:
            continue
        for x, y in ((e.a, e.b), (e.b, e.a)):
            if e.similarity is not None:
                similarity.setdefault(x, []).append(e.similarity)
            if e.kept and (x not in partner or e.score > partner[x][1].score):
                partner[x] = (reports[y], e)
    mean = {i: round(sum(s) / len(s), 4) for i, s in similarity.items()}
    for members in sorted(groups, key=lambda g: order_key([reports[i] for i in g])):
        yield incident([reports[i] for i in members], mean, partner, split_of([reports[i] for i in members]))


def split_of(group: Sequence[Report]) -> dict[int, Report]:
    """The fights of a group joined to the blast of their own article (``join_split``: the only way
    one article is twice in a group), by report index: each with that blast."""
    out = {}
    for r in group:
        if r.sub_event_type in FIGHTS:
            blast = next((b for b in group if b.article_id == r.article_id and b.sub_event_type in BLASTS), None)
            if blast is not None:
                out[r.index] = blast
    return out


def order_key(group: Sequence[Report]) -> tuple[str, str]:
    """Where an incident comes in the output: by its date (the most precise of its reports), then id."""
    date = best_date(group).date
    return (date.isoformat() if date else "", incident_id(first_report(group)))


def dedupe_rows(rows: Iterable[dict], similarity: Union[str, Measure, None] = None,
                thresholds: Thresholds = None) -> Deduped:
    """The incidents of event rows (dicts as ``extract`` writes them, or an ``extract_frame``'s
    records); a row that is no report is listed in ``errors``, the others go on."""
    reports, errors = [], []
    for n, row in enumerate(rows):
        try:
            reports.append(report_from_row(dict(row), f"row {n}"))
        except RowError as e:
            errors.append(BadRow(f"row {n}", str(e), row.get("article_id") if isinstance(row, dict) else None))
    result = dedupe(reports, similarity, thresholds)
    result.errors = errors
    return result


def mentions_path(output: Path) -> Path:
    """Where the mentions table of OUTPUT goes: OUTPUT's name with .mentions (a .geojson OUTPUT's
    as .jsonl: a mention has no place of its own)."""
    ext = output.suffix.lower()
    return output.with_name(output.name[: -len(ext)] + ".mentions" + (".jsonl" if ext == ".geojson" else ext))


def incidents_path(events: Path) -> Path:
    """Where ``extract --dedupe`` writes the incidents of OUTPUT: OUTPUT's name with .incidents."""
    ext = events.suffix.lower()
    return events.with_name(events.name[: -len(ext)] + ".incidents" + ext)


@dataclass
class Summary:
    reports: int = 0
    articles: int = 0
    incidents: int = 0
    bad_rows: int = 0
    seconds: float = 0.0
    similarity: str = ""
    errors_file: Optional[Path] = None

    def line(self) -> str:
        merged = self.reports - self.incidents
        bad = f"; {self.bad_rows} bad rows (see {self.errors_file})" if self.bad_rows else ""
        return (f"{self.reports} reports from {self.articles} articles: {self.incidents} incidents "
                f"({merged} reports joined another article's; similarity {self.similarity}){bad} "
                f"in {self.seconds:.1f}s")


def read_all(inputs: Sequence[Path]) -> tuple[list[Report], list[BadRow]]:
    """The reports of every input, each (article, event id) once, and the rows that are none."""
    reports, bad, seen = [], [], {}
    for path in inputs:
        for item in read_reports(Path(path)):
            if isinstance(item, BadRow):
                bad.append(item)
            elif item.key in seen:
                bad.append(repeated(item, seen[item.key]))
            else:
                seen[item.key] = item.origin
                reports.append(item)
    return reports, bad


def repeated(report: Report, first: str) -> BadRow:
    """The bad row of an event read a second time (its first reading at ``first``)."""
    return BadRow(report.origin, f"repeats the event {report.report_id} of article {report.article_id!r} read at "
                                 f"{first}", report.article_id)


def check_dedupe_output(inputs: Sequence[Path], output: Path, force: bool) -> None:
    """OutputError unless OUTPUT may be written: a known kind, no INPUT overwritten, and not an
    existing file that dedupe did not write (no mentions table beside it) unless ``force``."""
    if output.suffix.lower() not in OUTPUT_KINDS:
        raise OutputError(f"{output}: output must end in {', '.join(OUTPUT_KINDS)}")
    check_output(inputs, output)
    check_output(inputs, mentions_path(output))
    if output.exists() and not force and not mentions_path(output).exists():
        raise OutputError(f"{output}: exists and was not written by conflict-events dedupe (no "
                          f"{mentions_path(output).name} beside it); choose another OUTPUT, or pass --force")


def run(inputs: Sequence[Path], output: Path, *, similarity: Union[str, Measure, None] = None,
        thresholds: Thresholds = None, force: bool = False, wait: bool = False, log=None) -> Summary:
    """Dedupe the events files ``inputs`` into OUTPUT (incidents) and its mentions table; bad rows
    to OUTPUT's errors file, one line each. Returns the summary (also printed on ``log``)."""
    start = time.perf_counter()
    output = Path(output)
    check_dedupe_output(inputs, output, force)
    measure = resolve(similarity)
    with OutputLock(output, wait=wait, log=log):
        reports, bad = read_all(inputs)
        found, groups = link(reports, measure, thresholds)
        write_incidents(output, built(reports, found, groups))
        write_errors(errors_path(output), bad, log)
    summary = Summary(reports=len(reports), articles=len({r.article_id for r in reports}),
                      incidents=len(groups), bad_rows=len(bad), similarity=measure.name,
                      seconds=time.perf_counter() - start, errors_file=errors_path(output))
    print(summary.line(), file=log or sys.stderr)
    return summary


COMMIT_ROWS = 20_000


def write_incidents(output: Path, rows: Iterable[tuple[dict, list[dict]]]) -> None:
    """Write (incident, mentions) rows to OUTPUT and its mentions table, each whole: into files
    beside them, renamed over them when complete."""
    paths = [(output, IncidentRow), (mentions_path(output), IncidentMention)]
    tmp = [p.with_name(f".{p.stem}.writing{p.suffix}") for p, _ in paths]
    writers = [RowWriter(t, None, model) for t, (_, model) in zip(tmp, paths)]
    for n, (row, mentions) in enumerate(rows, 1):
        writers[0].write([row])
        writers[1].write(mentions)
        if n % COMMIT_ROWS == 0:  # a Parquet part: its rows leave memory
            for w in writers:
                w.commit()
    for w, t, (p, _) in zip(writers, tmp, paths):
        w.close()
        os.replace(t, p)


SHOWN_ERRORS = 5  # bad rows named on stderr; all are in the errors file


def write_errors(path: Path, bad: list[BadRow], log=None) -> None:
    """One line per bad row in the errors file; the first few on stderr too."""
    with open(path, "w", encoding="utf-8") as f:
        for b in bad:
            f.write(json_line({"row": b.origin, "article_id": b.article_id, "error": b.error}))
    for b in bad[:SHOWN_ERRORS]:
        print(f"conflict-events dedupe: {b.origin}: {b.error}", file=log or sys.stderr)
    if len(bad) > SHOWN_ERRORS:
        print(f"conflict-events dedupe: … and {len(bad) - SHOWN_ERRORS} more bad rows in {path}", file=log or sys.stderr)
