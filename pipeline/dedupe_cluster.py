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

Then one attack the extractor split is put back together (``join_split``): a bombing followed by a
gunfight (a suicide bomber's comrades storming the site, the police firing on the attackers) is one
incident, but an article may give it as two events, the blast and the armed clash, which the rule
above (no article twice) keeps in two groups. A group of such fights whose every article also tells
one group of blasts, at the same place and in the same date window, is that blast's fight: the two
are one incident. A fight some article tells without that blast stays apart, and so does one that
two blast groups could own (two bombings of one city and day).
"""
from __future__ import annotations

from collections import defaultdict
from typing import Hashable, Sequence

from .dedupe_pairs import Edge, dates_agree, places_agree, site_kinds, sites_agree

MAJORITY = 0.5  # the share of two groups' pairs that must be alike enough (kept) for them to join


def cluster(keys: Sequence[tuple], articles: Sequence[Hashable], edges: Sequence[Edge]) -> list[list[int]]:
    """Groups of report indices (each in input order), every report in one; ``keys`` order the
    pairs of equal score, ``articles`` are the reports' articles; only ``kept`` pairs join groups."""
    pair: dict[int, dict[int, bool]] = defaultdict(dict)  # each report's candidate pairs: the other -> kept
    for e in edges:
        pair[e.a][e.b] = e.kept
        pair[e.b][e.a] = e.kept
    rank = {k: n for n, k in enumerate(sorted(set(keys)))}  # the keys' order, as integers
    group = list(range(len(keys)))
    members = {i: [i] for i in range(len(keys))}
    seen = {i: {articles[i]} for i in range(len(keys))}
    for e in sorted((e for e in edges if e.kept), key=lambda e: (-e.score, rank[keys[e.a]], rank[keys[e.b]])):
        ga, gb = group[e.a], group[e.b]
        if ga == gb or seen[ga] & seen[gb] or not joinable(pair, members[ga], members[gb]):
            continue
        keep, gone = (ga, gb) if ga < gb else (gb, ga)
        for x in members[gone]:
            group[x] = keep
        members[keep] += members.pop(gone)
        seen[keep] |= seen.pop(gone)
    return [sorted(m) for m in sorted(members.values(), key=min)]


def joinable(pair: dict[int, dict[int, bool]], a: list[int], b: list[int]) -> bool:
    """Every report of one group is a candidate pair with every report of the other, and at least
    MAJORITY of those pairs are kept."""
    if len(a) > len(b):
        a, b = b, a
    alike = 0
    for x in a:
        other = pair.get(x, {})
        if not other.keys() >= set(b):
            return False
        alike += sum(other[y] for y in b)
    return alike >= MAJORITY * len(a) * len(b)


BLASTS = frozenset({"Suicide bomb", "Remote explosive/landmine/IED", "Grenade"})
FIGHTS = frozenset({"Armed clash"})
OF_BLAST = BLASTS | {"Attack"}  # an attack is also how papers tell a bombing (sub_event_families.yaml)


def _kind(subs: set[str]) -> str:
    """A group of blasts (a bombing told by every report), of fights (at least one armed clash, the
    rest of the bombing: the fight after the blast), or neither."""
    if subs & FIGHTS and subs <= FIGHTS | OF_BLAST:
        return "fights"
    if subs & BLASTS and subs <= OF_BLAST:
        return "blasts"
    return ""


def join_split(reports: Sequence, groups: list[list[int]]) -> tuple[list[list[int]], dict[int, int]]:
    """The groups with each split-off fight joined to its blast (see the module's doc), and for each
    report so joined the blast report of its own article (its mentions row says so). ``reports``:
    dedupe's Reports (their sub-event, date, place, article and text are read)."""
    kinds = [_kind({reports[i].sub_event_type for i in g}) for g in groups]
    blasts_of: dict[Hashable, set[int]] = defaultdict(set)  # article -> the blast groups it is in
    for n, g in enumerate(groups):
        if kinds[n] == "blasts":
            for i in g:
                blasts_of[reports[i].article_id].add(n)
    sites: dict[int, frozenset] = {}

    def site(i: int) -> frozenset:
        if i not in sites:
            sites[i] = site_kinds(reports[i].text)
        return sites[i]

    def together(x, y) -> bool:
        a, b = reports[x], reports[y]
        return (a.place.iso3 == b.place.iso3 and dates_agree(a, b) and places_agree(a, b)
                and sites_agree(site(x), site(y)))

    host: dict[int, int] = {}
    for n, g in enumerate(groups):
        if kinds[n] != "fights":
            continue
        hosts = set.intersection(*(blasts_of.get(reports[i].article_id, set()) for i in g))
        hosts = [b for b in sorted(hosts) if all(together(x, y) for x in groups[b] for y in g)]
        if len(hosts) == 1:
            host[n] = hosts[0]
    out = [list(g) for g in groups]
    joined: dict[int, int] = {}
    for n, b in host.items():
        own = {reports[x].article_id: x for x in groups[b]}
        for i in groups[n]:
            joined[i] = own[reports[i].article_id]
        out[b] += out[n]
        out[n] = []
    return [sorted(g) for g in sorted((g for g in out if g), key=min)], joined
