"""Words that name the site an incident hits (a mosque, a market, a checkpoint), by kind.

The vocabulary is reviewed data (pipeline/data/sites.yaml), shared by the roles of an act (a site
between an act and an actor is that actor's, not the act's author: تفجير مسجد قوات الطوارئ) and by
the cross-article dedupe (reports naming sites of different kinds only tell different incidents).
"""
from __future__ import annotations

from functools import lru_cache

from .normalize import normalize_for_matching
from .resources import load_yaml

PROCLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك")


@lru_cache(maxsize=1)
def site_words() -> dict[str, str]:
    """Every written form of a site word (normalised; with a proclitic and ال or not) → its kind."""
    out = {}
    for kind, words in load_yaml("sites.yaml")["sites"].items():
        for w in map(normalize_for_matching, words):
            for p in PROCLITICS:
                out[p + w] = out[p + "ال" + w] = kind
            out["لل" + w] = out["ولل" + w] = kind
    return out
