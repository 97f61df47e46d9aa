"""The trigger gate: the stages after it run only on articles that can report an event.

An event is made only from an incident holding an *action* trigger that the events stage
codes or keeps as background (``roles.incident_mention``); the triggers of a sentence and
their modality are read from its tokens and the published date alone
(``events.find_triggers``), before any name is tagged. So an article none of whose sentences
holds such a trigger gives no event whatever the tagger, the linker and the role rules would
find in it, and the gate closes it: the expensive stages (the neural tagger, linking, roles,
casualties, dates, merge) are skipped and the article yields no row, exactly as it would
without the gate. Most articles of a general news dump are of that kind.

The gate reads the very lexicon and cue files the events stage reads (triggers.yaml and
modality.yaml, through ``events.find_triggers``), so it stays exact as they change.
"""
from __future__ import annotations

from typing import Optional

from .document import Document
from .events import find_triggers
from .stage import Stage


def codable(trigger) -> bool:
    """Whether a trigger can make an event: an action, coded or kept as background."""
    return trigger.role == "action" and trigger.status in (None, "background")


def event_sentences(doc: Document, triggers: Optional[list] = None) -> list[int]:
    """The sentences of a segmented document that hold a trigger able to make an event (from
    ``triggers``, each sentence's ``find_triggers``, when they are at hand)."""
    triggers = triggers if triggers is not None else [find_triggers(doc, s.index) for s in doc.sentences]
    return [s.index for s, found in zip(doc.sentences, triggers) if any(codable(t) for t in found)]


class TriggerGate(Stage):
    """Close the articles that cannot report an event: the stages after it skip them (see the
    module's docstring); ``doc.ext["event_sentences"]`` lists the sentences that opened it, and
    ``doc.ext["triggers"]`` each sentence's triggers, which the events stage then reuses."""

    name = "gate"
    requires = frozenset({"tokens"})
    provides = frozenset({"gate"})

    def __call__(self, doc: Document) -> Document:
        doc.ext["triggers"] = [find_triggers(doc, s.index) for s in doc.sentences]
        doc.ext["event_sentences"] = event_sentences(doc, doc.ext["triggers"])
        doc.provided |= self.provides
        return doc

    @staticmethod
    def admits(doc: Document) -> bool:
        """Whether the stages after the gate should run on a document it has seen."""
        return bool(doc.ext.get("event_sentences"))
