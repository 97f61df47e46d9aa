"""Pydantic models of what ``conflict-events dedupe`` writes: one row per incident of a dump
(``IncidentRow``: ACLED's columns, every article that told it, its sources and the union of their
evidence) and one row per report of it (``IncidentMention``: the mentions table, as GDELT's, so
every merge can be explained and undone)."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from pydantic import BaseModel, ConfigDict, Field

from . import AcledColumns, Evidence


class ReportSource(BaseModel):
    """One article that reports an incident: its id, outlet, address and publication date."""

    article_id: str
    source: Optional[str] = None
    url: Optional[str] = None
    published: Optional[dt.date] = None


class IncidentEvidence(Evidence):
    """One field of one report of an incident, and the article whose characters it was read from."""

    article_id: str


class IncidentRow(AcledColumns):
    """One incident, merged from the reports of every article that told it (``conflict-events dedupe``).

    ``event_id_cnty`` is the incident's id, derived from its first report (the earliest published,
    then the smallest article id), so a dump that grows keeps it; ``source`` is ACLED's: the outlets,
    joined by "; "."""

    article_ids: list[str] = Field(description="every article that reports the incident")
    sources: list[ReportSource] = Field(description="each report's article, outlet, url and publication date")
    source_count: int = Field(description="distinct outlets (an article with no outlet counts as one)")
    actor1_ar: Optional[str]
    actor2_ar: Optional[str]
    location_ar: Optional[str]
    injured: Optional[int]
    evidence: list[IncidentEvidence]
    confidence: float
    warnings: list[str]


class IncidentMention(BaseModel):
    """One report of an incident: which article told it, as what, with what evidence, and why it
    joined the incident (its first report says so too). ``report_id`` is the report's own
    ``event_id_cnty`` in the extractor's output, so the merge can be undone."""

    model_config = ConfigDict(extra="forbid")

    event_id: str
    article_id: str
    report_id: str
    source: Optional[str]
    url: Optional[str]
    published: Optional[dt.date]
    event_date: Optional[dt.date]
    sub_event_type: str
    location: Optional[str]
    fatalities: int
    evidence: list[Evidence]
    confidence: float
    similarity: Optional[float] = Field(description="mean similarity of its text to the incident's other "
                                                    "reports (None: alone, or no similarity measured)")
    reason: str


INCIDENT_COLUMNS = list(IncidentRow.model_fields)
MENTION_COLUMNS = list(IncidentMention.model_fields)
