"""Link stage: each PLACE mention to a gazetteer place, each ACTOR mention to a canonical actor.

Places are resolved first, because the article's country (the one its places
and country names point to most) decides between homonymous places and fills
actor names such as "Civilians (COUNTRY)" and "Islamic State (COUNTRY)".
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Optional

from .document import Document, Mention
from .normalize import normalize_for_matching
from .resources import load_yaml
from .segment import readings
from .stage import Stage


@lru_cache(maxsize=1)
def _qualifiers() -> tuple[dict[str, str], frozenset[str]]:
    """Normalised qualifier word → kind, and the designator words that may follow it."""
    data = load_yaml("place_qualifiers.yaml")
    words = {normalize_for_matching(w): kind for kind, ws in data["qualifiers"].items() for w in ws}
    return words, frozenset(normalize_for_matching(w) for w in data["designators"])


def place_qualifier(doc: Document, mention: Mention) -> Optional[str]:
    """countryside / outskirts / near when the words before a place say so, else None."""
    words, designators = _qualifiers()
    before = [t for t in doc.tokens if t.end <= mention.start and t.sentence == mention.sentence]
    for tok in reversed(before[-3:]):
        forms = {f for _, f in readings(tok)}
        hit = next((words[f] for f in forms if f in words), None)
        if hit:
            return hit
        if not forms & designators:
            return None
    return None


def article_country(doc: Document) -> Optional[tuple[str, str]]:
    """The (country, iso3) that the article's places point to most, if any."""
    votes = Counter((m.place.country, m.place.iso3) for m in doc.mentions if m.type == "PLACE" and m.place)
    return votes.most_common(1)[0][0] if votes else None


class Link(Stage):
    """Attach schemas.Place to PLACE mentions and schemas.Actor to ACTOR mentions."""

    name = "link"
    requires = frozenset({"mentions"})
    provides = frozenset({"links"})

    def __call__(self, doc: Document) -> Document:
        from .actors import ActorDictionary
        from .places import Gazetteer

        gaz, actors = Gazetteer.default(), ActorDictionary.default()
        places = [m for m in doc.mentions if m.type == "PLACE"]
        names = [m.norm for m in places]
        for m in places:  # first pass: no country hint, to learn the article's country
            m.place = gaz.resolve(m.norm, context_places=names)
        country = article_country(doc)
        for m in places:
            qualifier = place_qualifier(doc, m)
            m.ext["qualifier"] = qualifier
            m.place = gaz.resolve(m.norm, context_places=names, qualifier=qualifier,
                                  country_hint=country[0] if country else None)
            if m.place is None and m.source != "gazetteer":
                m.place = gaz.resolve_unknown(m.text, names)
            if m.place is not None:  # keep the Arabic as written, not its normalised form
                m.place = m.place.model_copy(update={"location_ar": m.text})
        country = article_country(doc)
        doc.ext["country"] = country
        for m in doc.mentions:
            if m.type == "ACTOR":
                m.actor = actors.link(m.norm, country=country[0] if country else None, date=doc.published)
        doc.provided |= self.provides
        return doc
