"""NER stage: dictionary matches, actor/person patterns and the trained tagger, merged.

Three sources, in order of trust:
1. gazetteer: the compiled actor dictionary and place gazetteer (models/actors,
   models/gazetteer), matched with the shared PhraseMatcher;
2. pattern: head-word patterns for names not in the dictionaries (لواء X,
   القيادي X, الملقب بأبو X), from pipeline/data/actor_patterns.yaml;
3. model: the statistical tagger trained here (models/ner), which finds the
   names no list has.
Where two overlap, the more trusted source wins (the gazetteer on known actors
and places, the model on the unknown ones); within a source the longer span wins.
"""
from __future__ import annotations

import logging
from functools import lru_cache
from typing import Optional

from .document import Document, Mention, Token
from .matcher import PhraseMatcher
from .stage import Stage

MODEL_TYPES = {"PERS": "PERSON", "LOC": "PLACE", "ORG": "ACTOR", "MISC": "MISC"}
TRUST = {"gazetteer": 0, "pattern": 1, "model": 2}


@lru_cache(maxsize=1)
def dictionary_matcher() -> PhraseMatcher:
    """One matcher over the actor dictionary and the place gazetteer (built once per process)."""
    from .actors import ActorDictionary
    from .places import Gazetteer

    m = PhraseMatcher()
    for name, actor_id in ActorDictionary.default().entries():
        m.add(name, ("ACTOR", actor_id))
    for name, place_id in Gazetteer.default().entries():
        m.add(name, ("PLACE", place_id))
    return m


KUNYA = ("ابو", "ابي", "ابا", "ام")


def _name_start(tok: Token) -> int:
    """Where a name starts inside its first word: after و ف ب ل ك, keeping the article ال."""
    for p in tok.parts:
        if p.kind in ("article", "stem"):
            if p.start == tok.start and tok.norm[:1] in "بلوف" and tok.norm[1:].startswith(KUNYA):
                return tok.start + 1  # بأبو كسار → أبو كسار
            return p.start
    return tok.start


def bio_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(first token, token after last, type) of each entity in a BIO tag sequence."""
    spans, start, kind = [], None, None
    for i, tag in enumerate(list(tags) + ["O"]):
        if tag == "O" or tag.startswith("B-") or (tag.startswith("I-") and tag[2:] != kind):
            if start is not None:
                spans.append((start, i, kind))
                start, kind = None, None
            if tag != "O":
                start, kind = i, tag[2:]
    return spans


class Ner(Stage):
    """Find ACTOR, PERSON, PLACE (and MISC) mentions as spans into the original text."""

    name = "ner"
    requires = frozenset({"tokens"})
    provides = frozenset({"mentions"})

    def __init__(self, use_model: bool = True, tagger=None):
        self.use_model = use_model
        self._tagger = tagger

    @property
    def tagger(self):
        """The trained tagger, loaded on first use; None when disabled or not shipped."""
        if self._tagger is None and self.use_model:
            from .ner_model import NerTagger

            try:
                self._tagger = NerTagger.load()
            except FileNotFoundError as e:  # run on dictionaries and patterns alone, but say so once
                logging.getLogger(__name__).warning("NER model not found (%s): dictionaries and patterns only", e)
                self.use_model = False
        return self._tagger

    def __call__(self, doc: Document) -> Document:
        candidates: list[Mention] = []
        for sent in doc.sentences:
            toks = doc.sentence_tokens(sent)
            candidates += self._dictionary(doc, toks, sent.index)
            candidates += self._patterns(doc, toks, sent.index)
        if self.tagger is not None:
            candidates += self._model(doc)
        doc.mentions = resolve_overlaps(candidates)
        doc.provided |= self.provides
        return doc

    def _dictionary(self, doc: Document, toks: list[Token], si: int) -> list[Mention]:
        out = []
        for m in dictionary_matcher().find(toks):
            kinds = {v[0] for v in m.values}
            kind = "ACTOR" if "ACTOR" in kinds else "PLACE"
            ids = [v[1] for v in m.values if v[0] == kind]
            out.append(Mention(m.start, m.end, doc.text[m.start:m.end], kind, "gazetteer",
                               norm=" ".join(m.key), sentence=si, ext={"ids": ids}))
        return out

    def _patterns(self, doc: Document, toks: list[Token], si: int) -> list[Mention]:
        from .actors import match_patterns

        out = []
        for first, last, kind in match_patterns([t.norm for t in toks]):
            start, end = _name_start(toks[first]), toks[last - 1].end
            out.append(Mention(start, end, doc.text[start:end], kind, "pattern",
                               norm=" ".join(t.norm for t in toks[first:last]), sentence=si))
        return out

    def _model(self, doc: Document) -> list[Mention]:
        sents = [doc.sentence_tokens(s) for s in doc.sentences]
        tags = self.tagger.tag([[t.text for t in toks] for toks in sents])
        out = []
        for toks, sent_tags, sent in zip(sents, tags, doc.sentences):
            for first, last, kind in bio_spans(sent_tags):
                start, end = _name_start(toks[first]), toks[last - 1].end
                out.append(Mention(start, end, doc.text[start:end], MODEL_TYPES.get(kind, "MISC"),
                                   "model", norm=" ".join(t.norm for t in toks[first:last]),
                                   sentence=sent.index))
        return out


def resolve_overlaps(candidates: list[Mention]) -> list[Mention]:
    """Keep the most trusted, then longest, of overlapping mentions; return them in text order."""
    kept: list[Mention] = []
    for m in sorted(candidates, key=lambda m: (TRUST.get(m.source, 9), -(m.end - m.start), m.start)):
        if all(m.end <= k.start or m.start >= k.end for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)


def mention_at(doc: Document, start: int, end: int) -> Optional[Mention]:
    """The mention covering exactly [start, end), if any."""
    for m in doc.mentions:
        if m.start == start and m.end == end:
            return m
    return None
