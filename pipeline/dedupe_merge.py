"""One incident's row from its reports, and the mentions table's row of each report.

The incident takes the most precise date and place its reports give, the type and actors most of
them give (a named actor over an unidentified group; a suicide bombing once any report says so,
as the in-article merge does), and ACLED's fatality rule: of the reports that give a figure, the
lowest (the most conservative). Its id is derived from its first report (the earliest published,
then the smallest article id and event id), so a dump that grows by later articles keeps it.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from typing import Optional, Sequence

from conflict_events.schemas import ACLED_COLUMNS, INCIDENT_COLUMNS, Actor, Event, Place

from .actors import UNIDENTIFIED
from .dedupe_pairs import Edge, explain
from .merge import NO_FATALITIES, SUICIDE_OVERRIDES, summary
from .reports import Report, _missing

SUICIDE = "Suicide bomb"
LATE = dt.date.max


def first_report(reports: Sequence[Report]) -> Report:
    """The report an incident is named after: the earliest published (a report with no publication
    date last), then the smallest article id and event id."""
    return min(reports, key=lambda r: (r.published or LATE, r.article_id, r.report_id))


def incident_id(first: Report) -> str:
    """The incident's id: ISO3 of its country and 8 digits of a hash of its first report."""
    digest = hashlib.sha1(f"incident\x00{first.article_id}\x00{first.report_id}".encode()).hexdigest()
    return f"{first.place.iso3[:3]}{int(digest[:10], 16) % 10**8:08d}"


def _vote(reports: Sequence[Report], value, prefer=None):
    """The report whose ``value`` most reports share (``prefer``-ed values first), the most
    confident of those, then the first."""
    pool = [r for r in reports if prefer is None or prefer(r)] or list(reports)
    votes = Counter(value(r) for r in pool)
    return max(pool, key=lambda r: (votes[value(r)], _confidence(r), [-ord(c) for c in r.report_id]))


def _confidence(r: Report) -> float:
    try:
        return float(r.row.get("confidence") or 0.0)
    except (TypeError, ValueError):
        return 0.0


def best_date(reports: Sequence[Report]) -> Report:
    """The report of the most precise date (day before week before month), the date most reports
    of that precision give, then the earliest."""
    dated = [r for r in reports if r.date is not None]
    if not dated:
        return reports[0]
    top = min(r.precision or 1 for r in dated)
    pool = [r for r in dated if (r.precision or 1) == top]
    votes = Counter(r.date for r in pool)
    return min(pool, key=lambda r: (-votes[r.date], r.date))


def best_place(reports: Sequence[Report]) -> Report:
    """The report of the most precise place (geo_precision, then admin3 and admin2 known), the one
    most reports name, then the first in name order."""
    votes = Counter(r.place.location for r in reports)
    return min(reports, key=lambda r: (r.place.geo_precision, r.place.admin3 is None, r.place.admin2 is None,
                                       -votes[r.place.location], r.place.location or ""))


def _actor(reports: Sequence[Report], role: str) -> Optional[Report]:
    """The report whose actor in a role (actor1, actor2) most reports name: a named actor over the
    unidentified-group filler."""
    named = [r for r in reports if r.row.get(role)]
    if not named:
        return None
    return _vote(named, lambda r: r.row[role], prefer=lambda r: not str(r.row[role]).startswith(UNIDENTIFIED))


def fatalities(reports: Sequence[Report], sub_event: str) -> tuple[int, list[str]]:
    """ACLED's rule: the lowest figure of the articles that give one (0 when none does, or for a
    development that carries none); a warning when the articles differ. An article that tells the
    incident twice (a bombing split into the blast and the fight after it) gives the larger of its
    figures: the blast's dead are often counted again in the fight's, so they are not added."""
    if sub_event in NO_FATALITIES:
        return 0, []
    per_article: dict[str, int] = {}
    for r in reports:
        if r.fatalities_reported:
            per_article[r.article_id] = max(r.fatalities, per_article.get(r.article_id, 0))
    figures = sorted(set(per_article.values()))
    if not figures:
        return 0, []
    warn = [f"fatalities differ between reports ({', '.join(map(str, figures))}): the lowest is kept (ACLED)"] \
        if len(figures) > 1 else []
    return figures[0], warn


def _lowest(reports: Sequence[Report], key: str) -> Optional[int]:
    values = [int(float(r.row[key])) for r in reports if not _missing(r.row.get(key))]
    return min(values) if values else None


def _tags(reports: Sequence[Report]) -> dict[str, int]:
    """abducted / arrested figures (ACLED tags) of the reports, the lowest of each."""
    out: dict[str, int] = {}
    for r in reports:
        for part in str(r.row.get("tags") or "").split(";"):
            name, _, value = part.strip().partition("=")
            if value.isdigit():
                out[name] = min(out.get(name, int(value)), int(value))
    return out


def _assoc(reports: Sequence[Report], role: str, main: Optional[str]) -> list[Actor]:
    names = [n.strip() for r in reports for n in str(r.row.get(role) or "").split(";") if n.strip()]
    return [Actor(name=n, name_ar="", inter=0) for n in dict.fromkeys(names) if n != main]


def _side(r: Optional[Report], n: int) -> Optional[Actor]:
    if r is None:
        return None
    inter = r.row.get(f"inter{n}")
    return Actor(name=str(r.row[f"actor{n}"]), name_ar="" if _missing(r.row.get(f"actor{n}_ar")) else str(r.row[f"actor{n}_ar"]),
                 inter=0 if _missing(inter) else int(float(inter)))


def _place(r: Report) -> Place:
    row = r.row
    return Place(location=r.place.location or "", location_ar=str(row.get("location_ar") or ""),
                 country=str(row.get("country") or ""), iso3=r.place.iso3, admin1=r.place.admin1,
                 admin2=r.place.admin2, admin3=r.place.admin3, latitude=row.get("latitude"),
                 longitude=row.get("longitude"), geo_precision=r.place.geo_precision)


def sub_event_of(reports: Sequence[Report]) -> Report:
    """The report whose sub-event type the incident takes: the one most reports give; a suicide
    bombing once any report tells the blast or attack so (ACLED's precedence)."""
    head = _vote(reports, lambda r: r.sub_event_type)
    if head.sub_event_type in SUICIDE_OVERRIDES:
        return next((r for r in reports if r.sub_event_type == SUICIDE), head)
    return head


def incident(reports: Sequence[Report], similarity: dict[int, Optional[float]],
             partner: dict[int, tuple[Report, Edge]], split: Optional[dict[int, Report]] = None) -> tuple[dict, list[dict]]:
    """The incident row of a group of reports and the mentions-table row of each report.
    ``similarity`` gives each report's mean similarity to the others, ``partner`` the report it is
    most like (with their pair), ``split`` the blast of its own article a fight was joined to
    (dedupe_cluster.join_split), by report index."""
    split = split or {}
    first = first_report(reports)
    iid = incident_id(first)
    head = sub_event_of(reports)
    when, where = best_date(reports), best_place(reports)
    a1, a2 = _actor(reports, "actor1"), _actor(reports, "actor2")
    if a1 is not None and a2 is not None and a1.row["actor1"] == a2.row["actor2"]:
        a2 = None
    dead, warnings = fatalities(reports, head.sub_event_type)
    tags = _tags(reports)
    event = Event(article_id=first.article_id, event_date=when.date, time_precision=when.precision,
                  event_type=head.event_type, sub_event_type=head.sub_event_type,
                  actor1=_side(a1, 1), actor2=_side(a2, 2),
                  assoc_actor_1=_assoc(reports, "assoc_actor_1", a1 and a1.row["actor1"]),
                  assoc_actor_2=_assoc(reports, "assoc_actor_2", a2 and a2.row["actor2"]),
                  civilian_targeting=any(r.row.get("civilian_targeting") for r in reports),
                  place=_place(where), fatalities=dead, injured=_lowest(reports, "injured"),
                  abducted=tags.get("abducted"), arrested=tags.get("arrested"))
    event.notes = summary(event)
    acled = event.to_acled_row()
    row = {k: acled[k] for k in ACLED_COLUMNS}
    ordered = sorted(reports, key=lambda r: (r is not first, r.published or LATE, r.article_id, r.report_id))
    outlets = list(dict.fromkeys(r.row.get("source") or f"article {r.article_id}" for r in ordered))
    row.update({
        "event_id_cnty": iid,
        "source": "; ".join(o for o in outlets if not o.startswith("article ")) or None,
        "article_ids": list(dict.fromkeys(r.article_id for r in ordered)),
        "sources": [{"article_id": r.article_id, "source": r.row.get("source"), "url": r.row.get("url"),
                     "published": r.published.isoformat() if r.published else None} for r in ordered],
        "source_count": len(outlets),
        "actor1_ar": a1.row.get("actor1_ar") if a1 else None,
        "actor2_ar": a2.row.get("actor2_ar") if a2 else None,
        "location_ar": where.row.get("location_ar"),
        "injured": event.injured,
        "evidence": [{**e, "article_id": r.article_id} for r in ordered for e in r.row.get("evidence") or ()],
        "confidence": round(min(1.0, max(_confidence(r) for r in reports) + 0.05 * (len(reports) - 1)), 3),
        "warnings": list(dict.fromkeys(warnings + [w for r in ordered for w in r.row.get("warnings") or ()])),
    })
    return {k: row[k] for k in INCIDENT_COLUMNS}, [mention(r, iid, first, similarity.get(r.index), partner.get(r.index),
                                                           split.get(r.index)) for r in ordered]


def mention(r: Report, iid: str, first: Report, similarity: Optional[float],
            partner: Optional[tuple[Report, Edge]], blast: Optional[Report] = None) -> dict:
    """The mentions-table row of one report of an incident: why it is there (alone; the fight after
    the blast its own article tells; or the report of another article it is most like, and how)."""
    if blast is not None:
        reason = (f"{'first report; ' if r is first else ''}the fight after the blast its article also tells "
                  f"(event {blast.report_id}: {blast.sub_event_type}, {blast.date}, {blast.place.location}); every "
                  f"article that tells this fight tells that blast")
    elif partner is None:
        reason = "alone: no other article's report is the same incident"
    else:
        reason = (f"{'first report; ' if r is first else ''}most like article {partner[0].article_id} "
                  f"({explain(r, partner[0], partner[1])})")
    return {"event_id": iid, "article_id": r.article_id, "report_id": r.report_id, "source": r.row.get("source"),
            "url": r.row.get("url"), "published": r.published.isoformat() if r.published else None,
            "event_date": r.date.isoformat() if r.date else None, "sub_event_type": r.sub_event_type,
            "location": r.place.location, "fatalities": r.fatalities, "evidence": list(r.row.get("evidence") or ()),
            "confidence": _confidence(r), "similarity": similarity, "reason": reason}
