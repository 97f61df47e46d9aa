"""Reports of one incident grouped: constrained agglomerative clustering of the candidate pairs.

Pairs are taken best first (``Edge.score``: similarity, then the fields they share; then the
reports' keys, so the result does not depend on input order). Two groups join only when
- no article is in both (an article's own events are distinct incidents: the in-article merge
  already joined what it reports twice),
- every report of one is a candidate pair with every report of the other (complete linkage on the
  rules: no chain A~B~C joins A and C that the rules or their sentences keep apart), and at least
  MAJORITY of those pairs are alike enough (``Edge.kept``: average linkage on the similarity; a
  pair the rules allow but whose sentences are less alike, one paper telling the toll and the
  other the perpetrator, does not keep a report out of a group the others vouch for).
"""
from __future__ import annotations

from typing import Hashable, Sequence

from .dedupe_pairs import Edge

MAJORITY = 0.5  # the share of two groups' pairs that must be alike enough (kept) for them to join


def cluster(keys: Sequence[tuple], articles: Sequence[Hashable], edges: Sequence[Edge]) -> list[list[int]]:
    """Groups of report indices (each in input order), every report in one; ``keys`` order the
    pairs of equal score, ``articles`` are the reports' articles; only ``kept`` pairs join groups."""
    pair = {(e.a, e.b): e.kept for e in edges}
    group = list(range(len(keys)))
    members = {i: [i] for i in range(len(keys))}
    seen = {i: {articles[i]} for i in range(len(keys))}
    for e in sorted((e for e in edges if e.kept), key=lambda e: (-e.score, keys[e.a], keys[e.b])):
        ga, gb = group[e.a], group[e.b]
        if ga == gb or seen[ga] & seen[gb]:
            continue
        cross = [pair.get((min(x, y), max(x, y))) for x in members[ga] for y in members[gb]]
        if None in cross or sum(cross) < MAJORITY * len(cross):
            continue
        keep, gone = (ga, gb) if ga < gb else (gb, ga)
        for x in members[gone]:
            group[x] = keep
        members[keep] += members.pop(gone)
        seen[keep] |= seen.pop(gone)
    return [sorted(m) for m in sorted(members.values(), key=min)]
