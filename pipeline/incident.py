"""What makes two reports one incident: the notions the in-article merge and the cross-article
dedupe share.

Two reports (event mentions of one article, or events of two articles) can be one incident when
their event types are of one disorder family, their places are compatible (the same place, or one
inside the other), their dates agree (the less precise one's window holds the other), and their
actors do not contradict (an unidentified armed group contradicts no one; a country's government,
army and police are one state side; its protesters and rioters one crowd). Across articles the
sub-event types must also share a family (``sub_events_compatible``): outlets tell one incident
with different words.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from .actors import UNIDENTIFIED
from .resources import load_yaml

FAMILIES = {
    "Battles": "violence", "Explosions/Remote violence": "violence",
    "Violence against civilians": "violence", "Protests": "demonstrations",
    "Riots": "demonstrations", "Strategic developments": "strategic",
}
CROWDS = ("Protesters (", "Rioters (")


def is_region(p) -> bool:
    """A place that can stand for a whole governorate: coded at precision 3, or named like it.
    A locality missing from the gazetteer (coded at a known place near it, id None) never does."""
    if p.id is None and p.geo_precision < 3:
        return False
    return p.geo_precision == 3 or (p.admin1 is not None and p.location == p.admin1)


def places_compatible(a, b) -> bool:
    """Two places (schemas.Place or None) can be one incident's: equal, or one inside the other."""
    if a is None or b is None:
        return True
    if a.iso3 != b.iso3:
        return False
    if a.location == b.location:
        return True
    if is_region(a) or is_region(b) or a.location in (b.admin2, b.admin3) or b.location in (a.admin2, a.admin3):
        return a.admin1 == b.admin1
    return False


def dates_compatible(a, b) -> bool:
    """Two dates (objects with ``date`` and ``precision``: ACLED's time_precision, 1 day, 2 week,
    3 month) agree when equal, or when the less precise one's window holds the other."""
    if a is None or b is None or a.date is None or b.date is None:
        return True
    if a.date == b.date:
        return True
    broad, narrow = (a, b) if (a.precision or 1) >= (b.precision or 1) else (b, a)
    if broad.precision == 3:
        return (broad.date.year, broad.date.month) == (narrow.date.year, narrow.date.month)
    if broad.precision == 2:
        return abs((broad.date - narrow.date).days) <= 7
    return False


def actor_key(actor) -> Optional[str]:
    """An actor (schemas.Actor or None) as a side, for comparison: protesters and rioters of a
    country are one crowd, and its government, army and police one state side; an unidentified
    armed group is no one (None)."""
    if actor is None:
        return None
    name = actor.name
    if name.startswith(UNIDENTIFIED):  # the filler for an unnamed perpetrator contradicts no one
        return None
    if name.startswith(CROWDS):
        return "crowd " + name.split("(", 1)[-1]
    if actor.inter == 1 and actor.country:  # the state: its government, army and police
        return "state " + actor.country
    return name


def actors_agree(a1: Optional[str], a2: Optional[str], b1: Optional[str], b2: Optional[str]) -> bool:
    """Two reports' sides (``actor_key``s of actor1 and actor2) agree: they share a side, or no
    role holds two different sides (one report's actor1 may be the other's actor2)."""
    if {a1, a2} & {b1, b2} - {None}:
        return True
    if a1 and b1 and a1 != b1 and not (a1 == b2 or b1 == a2):
        return False
    if a2 and b2 and a2 != b2 and not (a2 == b1 or b2 == a1):
        return False
    return True


def roles_agree(a1: Optional[str], a2: Optional[str], b1: Optional[str], b2: Optional[str]) -> bool:
    """Two reports of two articles agree on their sides (``actor_key``s) role by role: neither role
    holds two different sides, read as given or with one report's roles swapped. Stricter than
    ``actors_agree``, which lets one shared side make up for the other: across articles the same
    air force striking a camp and a house is two incidents."""
    def clash(x, y):
        return x is not None and y is not None and x != y

    return not (clash(a1, b1) or clash(a2, b2)) or not (clash(a1, b2) or clash(a2, b1))


@lru_cache(maxsize=1)
def sub_event_families() -> dict[str, frozenset[str]]:
    """Each ACLED sub-event type → the families of types two outlets may give one incident
    (pipeline/data/sub_event_families.yaml)."""
    out: dict[str, set[str]] = {}
    for family, types in load_yaml("sub_event_families.yaml")["families"].items():
        for t in types:
            out.setdefault(t, set()).add(family)
    return {t: frozenset(f) for t, f in out.items()}


def sub_events_compatible(a: str, b: str) -> bool:
    """Two sub-event types one incident may be given by two reports: they share a family."""
    families = sub_event_families()
    return a == b or bool(families.get(a, frozenset()) & families.get(b, frozenset()))
