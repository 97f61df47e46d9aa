"""Mention replacement (Dai & Adel 2020, "An Analysis of Simple Data Augmentation for Named
Entity Recognition"): extra training sentences in which entity mentions are swapped for other
mentions of the same type, so that a tagger learns the contexts of names instead of the names.

Each training sentence with an entity gives one copy; each of its mentions is replaced, with
probability ``p``, by a mention of the same type drawn from the sentences of the same group
(the CRF's jackknife fold, so that a copy's gazetteer features, which come from the other
folds, stay honest). Copies in which nothing changed are dropped. Deterministic for a seed.
"""
from __future__ import annotations

import random
from collections import defaultdict
from typing import Callable, Optional

from ..ner_model import spans_of

Sent = tuple[list[str], list[str]]


def mention_replacement(sents: list[Sent], p: float = 0.5, seed: int = 1,
                        group_of: Optional[Callable[[int], int]] = None) -> tuple[list[Sent], list[int]]:
    """(copies, index of each copy's source sentence) for the sentences ``sents``."""
    rng = random.Random(seed)
    group = group_of or (lambda i: 0)
    pool: dict[tuple[int, str], list[list[str]]] = defaultdict(list)
    for i, (toks, tags) in enumerate(sents):
        for s, e, t in spans_of(tags):
            pool[(group(i), t)].append(toks[s:e])
    copies, sources = [], []
    for i, (toks, tags) in enumerate(sents):
        new_toks: list[str] = []
        new_tags: list[str] = []
        last, changed = 0, False
        for s, e, t in spans_of(tags):
            new_toks += toks[last:s]
            new_tags += tags[last:s]
            mention = toks[s:e]
            if rng.random() < p:
                other = rng.choice(pool[(group(i), t)])
                changed |= other != mention
                mention = other
            new_toks += mention
            new_tags += ["B-" + t] + ["I-" + t] * (len(mention) - 1)
            last = e
        if changed:
            copies.append((new_toks + toks[last:], new_tags + tags[last:]))
            sources.append(i)
    return copies, sources
