"""The one document model every stage annotates in place.

Everything found in an article is a span ``[start, end)`` into ``Document.text``,
the ORIGINAL text, never into a normalised copy. Stages add annotations to the
document's lists; anything a custom stage wants to add that has no field here
goes into the ``ext`` dictionaries (as spaCy's ``._`` extensions do) instead of a
parallel structure.
"""
from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Optional

from .normalize import NormText

# Why an event mention is set aside as background (``ext["background_reason"]``) when the merge stage
# still codes it if it tells a recent incident with its own day: a recall cue (roles), an opinion piece (genre).
RECALL_CUE = "background cue"
OPINION = "opinion piece"


@dataclass(frozen=True)
class Span:
    """A half-open character range into the original text."""

    start: int
    end: int

    def text(self, doc: "Document") -> str:
        """The original characters this span covers."""
        return doc.text[self.start:self.end]

    def __len__(self) -> int:
        return self.end - self.start


@dataclass
class SubToken:
    """A clitic or stem inside a word, e.g. و + ال + قوات."""

    start: int
    end: int
    norm: str
    kind: str  # "proclitic", "article", "stem", "enclitic"


@dataclass
class Token:
    """A word as written (start, end into the original) and its clitic sub-tokens."""

    start: int
    end: int
    text: str
    norm: str
    sentence: int
    index: int
    parts: list[SubToken] = field(default_factory=list)

    @property
    def stem(self) -> SubToken:
        """The sub-token that carries the word (the token itself when unsplit)."""
        for p in self.parts:
            if p.kind == "stem":
                return p
        return SubToken(self.start, self.end, self.norm, "stem")


@dataclass
class Sentence:
    """A sentence span and the range of its tokens in ``Document.tokens``."""

    start: int
    end: int
    index: int
    token_start: int = 0
    token_end: int = 0


@dataclass
class Mention:
    """A named entity in the original text, and whatever linking found for it."""

    start: int
    end: int
    text: str
    type: str  # ACTOR, PERSON, PLACE, MISC
    source: str  # gazetteer, pattern, model
    norm: str = ""
    sentence: int = -1
    actor: Any = None  # schemas.Actor once linked
    place: Any = None  # schemas.Place once linked
    ext: dict = field(default_factory=dict)

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


@dataclass
class Count:
    """A casualty or arrest figure read from the text, and the rule that produced it."""

    value: int
    start: int
    end: int
    kind: str  # killed, injured, abducted, arrested
    rule: str = ""


@dataclass
class DateValue:
    """An event date read from the text, with ACLED's time_precision (1 day, 2 week, 3 month)."""

    date: Optional[dt.date]
    precision: Optional[int]
    start: int = -1
    end: int = -1
    rule: str = ""
    warnings: list[str] = field(default_factory=list)


@dataclass
class EventMention:
    """One trigger of an event in one sentence, with its roles; merge joins these into events."""

    trigger: Span
    trigger_text: str
    event_type: str
    sub_event_type: str
    sentence: int
    actor1: Optional[Mention] = None
    actor2: Optional[Mention] = None
    assoc_actor_1: list[Mention] = field(default_factory=list)
    assoc_actor_2: list[Mention] = field(default_factory=list)
    place: Optional[Mention] = None
    civilian_targeting: bool = False
    counts: list[Count] = field(default_factory=list)
    date: Optional[DateValue] = None
    confidence: float = 0.5
    warnings: list[str] = field(default_factory=list)
    ext: dict = field(default_factory=dict)

    @property
    def linked_place(self):
        """The linked place (schemas.Place) of the mention's place, if any."""
        return self.place.place if self.place is not None else None

    def count(self, kind: str) -> Optional[Count]:
        """The figure of one kind (killed, injured, abducted, arrested), if any."""
        for c in self.counts:
            if c.kind == kind:
                return c
        return None

    def cite(self, slot: str, rule: str) -> None:
        """Record in ``ext["evidence"]`` the words of the actor a rule put in ``slot`` (actor1, actor2)."""
        m = getattr(self, slot)
        self.ext.setdefault("evidence", []).append(
            {"field": slot, "start": m.start, "end": m.end, "text": m.text, "rule": rule})


@dataclass
class Document:
    """An article and all the annotations the stages put on it."""

    text: str
    id: str = "doc"
    title: Optional[str] = None
    published: Optional[dt.date] = None
    url: Optional[str] = None
    source: Optional[str] = None
    norm: Optional[NormText] = None
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    event_mentions: list[EventMention] = field(default_factory=list)
    events: list = field(default_factory=list)  # schemas.Event, filled by merge
    warnings: list[str] = field(default_factory=list)
    provided: set[str] = field(default_factory=lambda: {"text"})
    ext: dict = field(default_factory=dict)
    _index: dict = field(default_factory=dict, repr=False, compare=False)  # lookups built on demand

    def span_text(self, start: int, end: int) -> str:
        """The original characters of a span."""
        return self.text[start:end]

    def sentence_tokens(self, sentence: Sentence | int) -> list[Token]:
        """The tokens of one sentence."""
        s = self.sentences[sentence] if isinstance(sentence, int) else sentence
        return self.tokens[s.token_start:s.token_end]

    def sentence_of(self, offset: int) -> int:
        """Index of the sentence that contains a character offset (-1 if none)."""
        i = bisect.bisect_right(self.sentences, offset, key=_start) - 1
        return self.sentences[i].index if i >= 0 and offset < self.sentences[i].end else -1

    def mentions_in(self, sentence: int, type: Optional[str] = None) -> list[Mention]:
        """Mentions of one sentence, optionally of one type, in the order of ``mentions``."""
        found = self._mention_index()[0].get(sentence, ())
        return [m for m in found if type is None or m.type == type]

    def mentions_between(self, start: int, end: int) -> list[Mention]:
        """Mentions that start within [start, end), in the order of ``mentions``."""
        _, starts = self._mention_index()
        if starts is None:  # not in text order (a custom stage's list): look at every one
            return [m for m in self.mentions if start <= m.start < end]
        return self.mentions[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]

    def _mention_index(self) -> tuple[dict[int, list[Mention]], Optional[list[int]]]:
        """Mentions by sentence, and their starts when in text order (None otherwise); rebuilt
        when ``mentions`` is replaced or changes length."""
        cached = self._index.get("mentions")
        if cached is None or cached[0] is not self.mentions or cached[1] != len(self.mentions):
            by_sentence: dict[int, list[Mention]] = {}
            for m in self.mentions:
                by_sentence.setdefault(m.sentence, []).append(m)
            starts = [m.start for m in self.mentions]
            ordered = all(a <= b for a, b in zip(starts, starts[1:]))
            cached = (self.mentions, len(self.mentions), by_sentence, starts if ordered else None)
            self._index["mentions"] = cached
        return cached[2], cached[3]


def _start(span) -> int:
    return span.start


def _end(span) -> int:
    return span.end


def token_at(tokens: list[Token], offset: int) -> int:
    """Index of the token of ``tokens`` (in text order) that contains a character offset, else -1."""
    i = bisect.bisect_right(tokens, offset, key=_start) - 1
    return i if i >= 0 and offset < tokens[i].end else -1


def tokens_starting_before(tokens: list[Token], offset: int) -> int:
    """How many tokens of ``tokens`` (in text order) start before a character offset."""
    return bisect.bisect_left(tokens, offset, key=_start)


def tokens_ending_by(tokens: list[Token], offset: int) -> int:
    """How many tokens of ``tokens`` (in text order) end at or before a character offset."""
    return bisect.bisect_right(tokens, offset, key=_end)
