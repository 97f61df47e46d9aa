"""Pydantic models of what goes in (Article) and what comes out (Event and its parts).

``Event.to_acled_row()`` flattens an event into ACLED's column names plus the
project's own traceability columns; ``ACLED_COLUMNS`` and ``EXTRA_COLUMNS`` fix
their order. ``python -m schemas`` (or ``conflict-events schema``) writes the
JSON Schema of an output row to ``schemas/event.schema.json``.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, field_validator

MentionType = Literal["ACTOR", "PERSON", "PLACE", "MISC"]

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
    "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2",
    "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso", "region",
    "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]
EXTRA_COLUMNS = [
    "article_id", "published", "url", "actor1_ar", "actor2_ar", "location_ar", "injured", "evidence",
    "context", "confidence", "warnings",
]
OUTPUT_COLUMNS = ACLED_COLUMNS + EXTRA_COLUMNS

EVENT_TYPES: dict[str, list[str]] = {
    "Battles": ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
    "Explosions/Remote violence": [
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade",
    ],
    "Violence against civilians": ["Sexual violence", "Attack", "Abduction/forced disappearance"],
    "Protests": ["Peaceful protest", "Protest with intervention", "Excessive force against protesters"],
    "Riots": ["Violent demonstration", "Mob violence"],
    "Strategic developments": [
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other",
    ],
}
SUB_EVENT_TYPES = {s: t for t, subs in EVENT_TYPES.items() for s in subs}


class Article(BaseModel):
    """One input article."""

    model_config = ConfigDict(extra="ignore")

    id: str = Field(min_length=1)
    text: str
    title: Optional[str] = None
    published: Optional[dt.date] = None
    url: Optional[str] = None
    source: Optional[str] = None

    @field_validator("id", mode="before")
    @classmethod
    def _id_as_str(cls, v):
        return None if v is None else str(v)


class Evidence(BaseModel):
    """One field of an event and the characters of the article it was read from."""

    field: str
    start: int
    end: int
    text: str


class Mention(BaseModel):
    """A named entity found in the text: a span into the original text and its type."""

    start: int
    end: int
    text: str
    type: MentionType
    source: str = Field(description="gazetteer, pattern or model")


class Actor(BaseModel):
    """A linked actor: ACLED-style English name, the Arabic form read, and the inter code."""

    name: str
    name_ar: str
    inter: int = Field(ge=0, le=8)
    country: Optional[str] = None
    id: Optional[str] = None


class Place(BaseModel):
    """A linked place with its admin hierarchy, coordinates and ACLED geo_precision."""

    location: str
    location_ar: str
    country: str
    iso3: str
    admin1: Optional[str] = None
    admin2: Optional[str] = None
    admin3: Optional[str] = None
    latitude: Optional[float] = None
    longitude: Optional[float] = None
    geo_precision: int = Field(ge=1, le=3)
    id: Optional[str] = None


class Event(BaseModel):
    """One coded event, with every field traceable to the article through ``evidence``."""

    article_id: str
    event_index: int = 0
    event_date: Optional[dt.date] = None
    time_precision: Optional[int] = Field(default=None, ge=1, le=3)
    event_type: str
    sub_event_type: str
    actor1: Optional[Actor] = None
    assoc_actor_1: list[Actor] = Field(default_factory=list)
    actor2: Optional[Actor] = None
    assoc_actor_2: list[Actor] = Field(default_factory=list)
    civilian_targeting: bool = False
    place: Optional[Place] = None
    fatalities: int = 0
    injured: Optional[int] = None
    abducted: Optional[int] = None
    arrested: Optional[int] = None
    notes: str = ""
    source: Optional[str] = None
    published: Optional[dt.date] = Field(default=None, description="the article's publication date")
    url: Optional[str] = None
    evidence: list[Evidence] = Field(default_factory=list)
    context: str = Field(default="", description="the sentences of the article that report the event")
    confidence: float = Field(default=0.5, ge=0.0, le=1.0)
    warnings: list[str] = Field(default_factory=list)

    @field_validator("sub_event_type")
    @classmethod
    def _known_sub_event(cls, v, info):
        if v not in SUB_EVENT_TYPES:
            raise ValueError(f"unknown ACLED sub_event_type {v!r}")
        return v

    @property
    def disorder_type(self) -> str:
        """ACLED's disorder type, derived from the event and sub-event types."""
        if self.sub_event_type == "Excessive force against protesters":
            return "Political violence; Demonstrations"
        if self.event_type in ("Protests", "Riots"):
            return "Demonstrations"
        if self.event_type == "Strategic developments":
            return "Strategic developments"
        return "Political violence"

    @property
    def interaction(self) -> Optional[int]:
        """ACLED interaction code: the two inter codes, smaller first (10 × inter1 when alone)."""
        codes = sorted(a.inter for a in (self.actor1, self.actor2) if a is not None)
        if not codes:
            return None
        if len(codes) == 1:
            return codes[0] * 10
        return codes[0] * 10 + codes[1]

    @property
    def event_id_cnty(self) -> str:
        """A stable id: ISO3 of the country and a hash of the article id and event index."""
        iso3 = self.place.iso3 if self.place else "XXX"
        digest = hashlib.sha1(f"{self.article_id}\x00{self.event_index}".encode()).hexdigest()
        return f"{iso3}{int(digest[:10], 16) % 10**8:08d}"

    def tags(self) -> str:
        """ACLED-style free tags for counts that have no ACLED column."""
        parts = []
        if self.abducted:
            parts.append(f"abducted={self.abducted}")
        if self.arrested:
            parts.append(f"arrested={self.arrested}")
        return "; ".join(parts)

    def to_acled_row(self) -> dict:
        """Flatten into ACLED's columns plus the traceability columns, in OUTPUT_COLUMNS order."""
        p, a1, a2 = self.place, self.actor1, self.actor2
        row = {
            "event_id_cnty": self.event_id_cnty,
            "event_date": self.event_date.isoformat() if self.event_date else None,
            "year": self.event_date.year if self.event_date else None,
            "time_precision": self.time_precision,
            "disorder_type": self.disorder_type,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "actor1": a1.name if a1 else None,
            "assoc_actor_1": "; ".join(a.name for a in self.assoc_actor_1) or None,
            "inter1": a1.inter if a1 else None,
            "actor2": a2.name if a2 else None,
            "assoc_actor_2": "; ".join(a.name for a in self.assoc_actor_2) or None,
            "inter2": a2.inter if a2 else None,
            "interaction": self.interaction,
            "civilian_targeting": "Civilian targeting" if self.civilian_targeting else None,
            "iso": _ISO_NUMERIC.get(p.iso3) if p else None,
            "region": _REGION.get(p.iso3) if p else None,
            "country": p.country if p else None,
            "admin1": p.admin1 if p else None,
            "admin2": p.admin2 if p else None,
            "admin3": p.admin3 if p else None,
            "location": p.location if p else None,
            "latitude": p.latitude if p else None,
            "longitude": p.longitude if p else None,
            "geo_precision": p.geo_precision if p else None,
            "source": self.source,
            "source_scale": None,
            "notes": self.notes,
            "fatalities": self.fatalities,
            "tags": self.tags() or None,
            "timestamp": None,
            "article_id": self.article_id,
            "published": self.published.isoformat() if self.published else None,
            "url": self.url,
            "actor1_ar": a1.name_ar if a1 else None,
            "actor2_ar": a2.name_ar if a2 else None,
            "location_ar": p.location_ar if p else None,
            "injured": self.injured,
            "evidence": [e.model_dump() for e in self.evidence],
            "context": self.context,
            "confidence": round(self.confidence, 3),
            "warnings": list(self.warnings),
        }
        return row


class AcledColumns(BaseModel):
    """ACLED's columns of a row, in ACLED's order (an event row's and a merged incident's)."""

    model_config = ConfigDict(extra="forbid")

    event_id_cnty: str
    event_date: Optional[dt.date]
    year: Optional[int]
    time_precision: Optional[int]
    disorder_type: str
    event_type: str
    sub_event_type: str
    actor1: Optional[str]
    assoc_actor_1: Optional[str]
    inter1: Optional[int]
    actor2: Optional[str]
    assoc_actor_2: Optional[str]
    inter2: Optional[int]
    interaction: Optional[int]
    civilian_targeting: Optional[str]
    iso: Optional[int]
    region: Optional[str]
    country: Optional[str]
    admin1: Optional[str]
    admin2: Optional[str]
    admin3: Optional[str]
    location: Optional[str]
    latitude: Optional[float]
    longitude: Optional[float]
    geo_precision: Optional[int]
    source: Optional[str]
    source_scale: Optional[str]
    notes: str
    fatalities: int
    tags: Optional[str]
    timestamp: Optional[int]


class AcledRow(AcledColumns):
    """One output row, as written by ``conflict-events extract`` (its JSON Schema is published)."""

    article_id: str
    published: Optional[dt.date]
    url: Optional[str]
    actor1_ar: Optional[str]
    actor2_ar: Optional[str]
    location_ar: Optional[str]
    injured: Optional[int]
    evidence: list[Evidence]
    context: str
    confidence: float
    warnings: list[str]


class ErrorRecord(BaseModel):
    """One article that could not be processed, and why (one line)."""

    article_id: Optional[str]
    error: str
    input: Optional[str] = None
    line: Optional[int] = None


_ISO_NUMERIC = {
    "SYR": 760, "IRQ": 368, "YEM": 887, "LBY": 434, "SDN": 729, "PSE": 275, "LBN": 422,
    "EGY": 818, "ISR": 376, "JOR": 400, "TUR": 792, "SAU": 682, "IRN": 364, "SSD": 728,
    "TUN": 788, "DZA": 12, "MAR": 504, "SOM": 706, "AFG": 4, "ARE": 784, "KWT": 414,
    "BHR": 48, "OMN": 512, "QAT": 634,
}
_REGION = {
    **dict.fromkeys(["SYR", "IRQ", "YEM", "PSE", "LBN", "ISR", "JOR", "TUR", "SAU", "IRN",
                     "ARE", "KWT", "BHR", "OMN", "QAT"], "Middle East"),
    **dict.fromkeys(["LBY", "SDN", "EGY", "TUN", "DZA", "MAR"], "Northern Africa"),
    "SSD": "Eastern Africa", "SOM": "Eastern Africa", "AFG": "South Asia",
}


from .incident import INCIDENT_COLUMNS, MENTION_COLUMNS, IncidentEvidence, IncidentMention, IncidentRow, ReportSource  # noqa: E402,F401


def row_json_schema() -> dict:
    """The JSON Schema of one output row."""
    schema = AcledRow.model_json_schema()
    schema["$id"] = "https://conflict-events/schemas/event.schema.json"
    schema["title"] = "conflict-events output row (ACLED columns + traceability)"
    return schema
