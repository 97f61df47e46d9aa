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
above (no article twice) keeps in two groups. A group of such fights (most of its reports armed
clashes) whose every article also tells one group of blasts that two articles or more tell, at the
same place and in the same date window, naming no site of another kind, is that blast's fight: the
two are one incident, unless the fight is told as a matter of its own ("من ناحية ثانية", "في هجوم
آخر"). A fight some article tells without that blast stays apart, and so does one that two blast
groups could own (two bombings of one city and day); an article alone never undoes its own
in-article merge. The only incidents with an article twice are these.
"""
from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import Hashable, Sequence

from .dedupe_pairs import BLASTS, FIGHTS, Edge, dates_agree, places_agree, site_kinds, sites_agree
from .normalize import normalize_for_matching

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


OF_BLAST = BLASTS | {"Attack"}  # an attack is also how papers tell a bombing (sub_event_families.yaml)


def _kind(subs: list[str]) -> str:
    """A group of blasts (a bombing told by every report), of fights (most of its reports armed
    clashes, the rest of the bombing: the fight after the blast), or neither."""
    if 2 * sum(x in FIGHTS for x in subs) > len(subs) and all(x in FIGHTS | OF_BLAST for x in subs):
        return "fights"
    if any(x in BLASTS for x in subs) and all(x in OF_BLAST for x in subs):
        return "blasts"
    return ""


# how an article opens a matter of its own ("on another note", "in a separate attack"): a fight told
# after one of these is not the fight of the blast before it
OTHER_MATTER = ("من ناحية ثانية", "من ناحية اخرى", "من جهة ثانية", "من جهة اخرى", "في حادث منفصل", "في حادث اخر",
                "في هجوم اخر", "في هجوم منفصل", "في سياق منفصل", "في سياق اخر", "في تطور اخر")


def another_matter(text: str) -> bool:
    """The sentences open a matter of their own (OTHER_MATTER, normalised)."""
    plain = normalize_for_matching(text)
    return any(cue in plain for cue in _other_matter())


@lru_cache(maxsize=1)
def _other_matter() -> tuple[str, ...]:
    return tuple(normalize_for_matching(c) for c in OTHER_MATTER)


def join_split(reports: Sequence, groups: list[list[int]]) -> list[list[int]]:
    """The groups with each split-off fight joined to its blast (see the module's doc), each in input
    order, in order of their first report. ``reports``: dedupe's Reports (their sub-event, date,
    place, article and text are read)."""
    kinds = [_kind([reports[i].sub_event_type for i in g]) for g in groups]
    blasts_of: dict[Hashable, set[int]] = defaultdict(set)  # article -> the blast groups it is in
    for n, g in enumerate(groups):
        if kinds[n] == "blasts" and len({reports[i].article_id for i in g}) > 1:  # told across articles
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
        if any(reports[i].sub_event_type in FIGHTS and another_matter(reports[i].text) for i in g):
            continue
        hosts = set.intersection(*(blasts_of.get(reports[i].article_id, set()) for i in g))
        hosts = [b for b in sorted(hosts) if all(together(x, y) for x in groups[b] for y in g)]
        if len(hosts) == 1:
            host[n] = hosts[0]
    out = [list(g) for g in groups]
    for n, b in host.items():
        out[b] += out[n]
        out[n] = []
    return [sorted(g) for g in sorted((g for g in out if g), key=min)]
