"""Cross-article de-duplication: one event per incident across a dump, with every source kept.

A dump reports one incident in many articles (six papers, the same wire copy reworded, that day
and the next), and the extractor gives each article its own event. ``dedupe`` joins the reports
of one incident:

1. candidate pairs (``dedupe_pairs``): reports of two articles that the rules allow to be one
   incident, blocked by country, admin1 and date window, each with its similarity
   (``similarity``: a sentence encoder, or shared words) and score;
2. groups (``dedupe_cluster``): best pairs first, no article twice, complete linkage on the
   rules, average linkage on the similarity;
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
from typing import Iterable, Optional, Sequence, Union

from conflict_events.schemas import IncidentMention, IncidentRow

from .dedupe_cluster import cluster
from .dedupe_merge import incident
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


Thresholds = Optional[tuple[Optional[float], Optional[float]]]


def dedupe(reports: Sequence[Report], similarity: Union[str, Measure, None] = None,
           thresholds: Thresholds = None) -> Deduped:
    """The incidents of a list of reports (see the module's doc); ``thresholds``: the least
    similarity of a pair the rules allow, and of a pair of the text tier (default: the measure's)."""
    reports = list(reports)
    for n, r in enumerate(reports):
        r.index = n
    measure = resolve(similarity)
    found = edges(reports, measure, measure.thresholds if thresholds is None else thresholds)
    groups = cluster([r.key for r in reports], [r.article_id for r in reports], found)
    return assemble(reports, found, groups)


def assemble(reports: Sequence[Report], found: Sequence[Edge], groups: list[list[int]]) -> Deduped:
    """Incident and mention rows of the groups, incidents in order of date, then id."""
    group_of = {i: g for g, members in enumerate(groups) for i in members}
    similarity: dict[int, list[float]] = {}
    partner: dict[int, tuple] = {}
    for e in found:
        if group_of[e.a] != group_of[e.b]:
            continue
        for x, y in ((e.a, e.b), (e.b, e.a)):
            if e.similarity is not None:
                similarity.setdefault(x, []).append(e.similarity)
            if x not in partner or e.score > partner[x][1].score:
                partner[x] = (reports[y], e)
    mean = {i: round(sum(s) / len(s), 4) for i, s in similarity.items()}
    best = partner
    out = Deduped(groups=groups)
    built = [incident([reports[i] for i in members], mean, best) for members in groups]
    for row, mentions in sorted(built, key=lambda b: (b[0]["event_date"] or "", b[0]["event_id_cnty"])):
        out.incidents.append(row)
        out.mentions += mentions
    return out


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
                bad.append(BadRow(item.origin, f"repeats the event {item.report_id} of article "
                                               f"{item.article_id!r} read at {seen[item.key]}", item.article_id))
            else:
                seen[item.key] = item.origin
                reports.append(item)
    return reports, bad


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
        result = dedupe(reports, measure, thresholds)
        write_rows(output, result.incidents, IncidentRow)
        write_rows(mentions_path(output), result.mentions, IncidentMention)
        write_errors(errors_path(output), bad, log)
    summary = Summary(reports=len(reports), articles=len({r.article_id for r in reports}),
                      incidents=len(result.incidents), bad_rows=len(bad), similarity=measure.name,
                      seconds=time.perf_counter() - start, errors_file=errors_path(output))
    print(summary.line(), file=log or sys.stderr)
    return summary


def write_rows(path: Path, rows: list[dict], model) -> None:
    """Write rows of a model to ``path`` whole: into a file beside it, renamed over it when complete."""
    tmp = path.with_name(f".{path.stem}.writing{path.suffix}")
    writer = RowWriter(tmp, None, model)
    writer.write(rows)
    writer.close()
    os.replace(tmp, path)


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
