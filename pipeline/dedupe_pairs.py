"""Which reports of a dump may be one incident: blocking, the rules, and each pair's score.

Reports are blocked by country and admin1 and, within a block, by date: a report is compared
only with the reports its date window reaches (a day's report with those of the day before and
after, a week's with ±7 days, a month's with its month), so the cost grows with the reports of
one place in one window, not with the dump. A pair is a candidate when the rules allow it
(``compatible``: two articles, one disorder family and sub-event family, dates in the window,
compatible places, actors that do not contradict, no sites of different kinds named: a mosque
in one, a market in the other) and its sentences are alike enough (its kind's threshold, below); its similarity (``similarity.Measure``) and the agreement of its
fields give its score (``Edge``).

Extraction errs: one paper's story of a bombing names the capital that condemned it, another
calls the blast an attack. So two reports of one country and one disorder family, dated at most
TEXT_DAYS apart, whose sentences are very alike (the text tier's thresholds) are a
candidate too, whatever their places, sub-events and actors: the text tier. Its pairs come from
the similarity matrix of each country's reports, day by day, so it costs no Python loop per pair.

A bombing one paper tells as the gunfight of its attackers (a suicide attack on a gendarmerie post
coded an armed clash) is of no common sub-event family with the blast the other papers tell: a
blast and an armed clash that the rules otherwise allow (place, date window, actors, sites) are a
candidate of their own kind (``mixed``) with its own threshold; they join groups like the rules'
pairs do, but only when kept.

A pair whose fields agree less needs more alike sentences (``Thresholds``: one per kind of
pair): the rules allow two day-precise reports a day apart (أمس counted from a late crawl date),
but two strikes on one city on consecutive days are the commonest wrong merge, so such a pair
needs the higher ``next_day`` threshold; a text-tier pair whose admin1s differ, or whose dates are
two or three days apart, the higher ``text_far`` one (the wire formula of one kind of incident
repeats word for word across provinces and days).
"""
from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from typing import Callable, Iterator, NamedTuple, Optional, Sequence

from .incident import FAMILIES, dates_compatible, places_compatible, roles_agree, sub_events_compatible
from .reports import Report
from .normalize import normalize_for_matching
from .places import great_circle_km
from .similarity import WORD, Measure, dots
from .sites import site_words

DAY_SLACK = 1  # days between two day-precise dates of one incident (أمس counted from a late crawl date)
NEAR_KM = 8.0  # two places this close can be one incident's (town centres: the "within a few km")
OUTSKIRTS_KM = 8.0  # more when a place is coded "near" a town (geo_precision 2: its outskirts, its district)
CELL_DEG = 0.25  # the grid that blocks places across admin1s and borders (~28 km: wider than any reach)
WEEK = 7  # days either side of a week-precise date
TEXT_DAYS = 3  # the text tier's reporting window: a story retold up to three days later
UNDATED_LAG = 2  # days before its publication an incident told with no day may have happened


class Thresholds(NamedTuple):
    """The least similarity of each kind of candidate pair (None: no test for the rules' pairs, no
    such text-tier or mixed pairs): the rules allow it (``same_day``: dates agree; ``next_day``: two
    day-precise dates a day apart), or only its sentences do (``text``: admin1s agree and dates
    within a day; ``text_far``: otherwise), or the rules but for the sub-event: a blast and an
    armed clash of one place and date window (``mixed``: a bombing one paper tells as a gunfight)."""

    same_day: Optional[float]
    next_day: Optional[float]
    text: Optional[float]
    text_far: Optional[float]
    mixed: Optional[float] = None


def thresholds_of(t) -> Thresholds:
    """Thresholds from four or five numbers (no mixed pairs without the fifth), or from two (the
    rules' pairs, the text tier's): each then serves both kinds of its tier."""
    if len(t) == 2:
        return Thresholds(t[0], t[0], t[1], t[1])
    return Thresholds(*t)


class Edge(NamedTuple):
    """A candidate pair of reports (indices a < b) with its similarity and score (a tuple: a dump
    has millions of them)."""

    a: int
    b: int
    similarity: Optional[float]
    score: float
    tier: str = "rules"  # or "text": joined by the likeness of the sentences alone
    strict: bool = False  # fields agree less (``far``): the tier's higher threshold applies
    kept: bool = True  # its similarity reaches its kind's threshold (``passes``); a rules pair that
    # does not is kept as allowed: it lets two groups join (dedupe_cluster) but joins none itself

    def kind(self) -> str:
        """Which of the ``Thresholds`` applies to the pair."""
        return KINDS[(self.tier, self.strict)]


KINDS = {("rules", False): "same_day", ("rules", True): "next_day", ("text", False): "text", ("text", True): "text_far",
         ("mixed", False): "mixed", ("mixed", True): "mixed"}
BLASTS = frozenset({"Suicide bomb", "Remote explosive/landmine/IED", "Grenade"})  # a bombing, however told
FIGHTS = frozenset({"Armed clash"})


def span(r: Report) -> tuple[dt.date, dt.date]:
    """The first and last day a report's date may be another report's of the same incident: a day
    either side for a day, WEEK for a week, the month for a month; a report dated by its
    publication day alone (``Report.undated``) also reaches UNDATED_LAG days back, as news does."""
    d = r.date
    if r.precision == 3:
        first = d.replace(day=1)
        return first, first.replace(year=first.year + first.month // 12, month=first.month % 12 + 1) - dt.timedelta(1)
    reach = WEEK if r.precision == 2 else DAY_SLACK
    back = max(reach, UNDATED_LAG) if r.undated else reach
    return d - dt.timedelta(back), d + dt.timedelta(reach)


def window(r: Report) -> list[dt.date]:
    """The days a report's date may be another report's of the same incident (``span``)."""
    first, last = span(r)
    return [first + dt.timedelta(n) for n in range((last - first).days + 1)]


def reaches(a: Report, b: Report) -> bool:
    """b's date is in a's window."""
    first, last = span(a)
    return first <= b.date <= last


def candidate_pairs(reports: Sequence[Report], home: Optional[Callable[[Report], bool]] = None) -> Iterator[tuple[int, int]]:
    """Every pair (i < j) of reports of one block whose date windows meet (one's window holds the
    other's date), each once: found from a report whose window holds the other's date, the first
    of the two when each holds the other's. A block is a country's admin1; two reports of two
    admin1s (or countries) are a pair too when their points are ``near``: blocked by grid cell
    (CELL_DEG), each report against its cell and the eight around it. With ``home``, only pairs with
    a report it accepts (a Dask partition's own, not its margin's)."""
    blocks: dict[tuple, list[int]] = defaultdict(list)
    grid: dict[tuple, list[int]] = defaultdict(list)
    spans = {}
    for i, r in enumerate(reports):
        if r.date is not None:
            blocks[(r.place.iso3, r.place.admin1)].append(i)
            spans[i] = span(r)
            c = cell(r)
            if c is not None:
                grid[c].append(i)

    def once(i: int, j: int) -> bool:  # each pair once: from i when j is later or j's window misses i's date
        return i < j or not spans[j][0] <= reports[i].date <= spans[j][1]

    def mine(i: int, j: int) -> bool:
        return home is None or home(reports[i]) or home(reports[j])

    for block in blocks.values():
        by_day: dict[dt.date, list[int]] = defaultdict(list)
        for i in block:
            by_day[reports[i].date].append(i)
        for i in block:
            first, last = spans[i]
            for day in (first + dt.timedelta(n) for n in range((last - first).days + 1)):
                for j in by_day.get(day, ()):
                    if j != i and once(i, j) and mine(i, j):
                        yield (i, j) if i < j else (j, i)
    if len(blocks) < 2:
        return
    by_cell_day: dict[tuple, list[int]] = defaultdict(list)
    for c, members in grid.items():
        for i in members:
            by_cell_day[(c, reports[i].date)].append(i)
    for (y, x), members in grid.items():
        around = [(y + dy, x + dx) for dy in (-1, 0, 1) for dx in range(-wide(y), wide(y) + 1)]
        for i in members:
            a = reports[i]
            block = (a.place.iso3, a.place.admin1)
            first, last = spans[i]
            for day in (first + dt.timedelta(n) for n in range((last - first).days + 1)):
                for c in around:
                    for j in by_cell_day.get((c, day), ()):
                        b = reports[j]
                        if ((b.place.iso3, b.place.admin1) != block and once(i, j) and near(a, b)
                                and mine(i, j)):
                            yield (i, j) if i < j else (j, i)


def dates_agree(a: Report, b: Report) -> bool:
    """The dates may be one incident's: one window holds the other (incident.dates_compatible), or
    two day-precise dates are at most DAY_SLACK days apart, or one report is dated by its
    publication day alone and the other's date is at most UNDATED_LAG days before it."""
    if dates_compatible(a, b):
        return True
    if (a.precision or 1) == (b.precision or 1) == 1 and abs((a.date - b.date).days) <= DAY_SLACK:
        return True
    return any(x.undated and (x.precision or 1) == (y.precision or 1) == 1 and 0 < (x.date - y.date).days <= UNDATED_LAG
               for x, y in ((a, b), (b, a)))


def km(a: Report, b: Report) -> Optional[float]:
    """The great-circle distance between two reports' places (None without coordinates)."""
    la, oa, lb, ob = (a.row.get("latitude"), a.row.get("longitude"), b.row.get("latitude"), b.row.get("longitude"))
    if None in (la, oa, lb, ob):
        return None
    return great_circle_km(la, oa, lb, ob)


def reach_km(a: Report, b: Report) -> Optional[float]:
    """How far apart two reports' points may be and still be one incident's place: NEAR_KM for two
    towns, OUTSKIRTS_KM more when either is coded near a town (geo_precision 2: "قرب عين العرب",
    its countryside, its district's seat); None when either stands for a whole governorate
    (precision 3: its capital's point says nothing of where)."""
    worst = max(a.place.geo_precision or 3, b.place.geo_precision or 3)
    if worst >= 3:
        return None
    return NEAR_KM + (OUTSKIRTS_KM if worst == 2 else 0.0)


def wide(y: int) -> int:
    """How many grid cells either side of row y's cells hold the points within the longest reach
    (NEAR_KM + OUTSKIRTS_KM): one in the tropics and mid-latitudes, more towards the poles, where a
    degree of longitude is shorter."""
    edge = min(89.0, max(abs(y), abs(y + 1)) * CELL_DEG)
    return max(1, min(360, math.ceil((NEAR_KM + OUTSKIRTS_KM) / (111.19 * math.cos(math.radians(edge)) * CELL_DEG))))


def near(a: Report, b: Report) -> bool:
    """Two reports' points are within ``reach_km`` of each other, whatever admin1 or country they
    fall in (Suruc in Turkey, 11 km from Kobani across the border, is "near Kobani" in a Syrian
    paper)."""
    limit = reach_km(a, b)
    if limit is None:
        return False
    d = km(a, b)
    return d is not None and d <= limit


def places_agree(a: Report, b: Report) -> bool:
    """The places may be one incident's: the same, one inside the other (incident.places_compatible),
    or points within a few km of each other (``near``), across admin1s and borders too."""
    return places_compatible(a.place, b.place) or near(a, b)


def cell(r: Report) -> Optional[tuple[int, int]]:
    """The grid cell (CELL_DEG) of a report's point, for blocking by distance (None: no point, or a
    place that stands for a governorate, which ``near`` never joins)."""
    la, lo = r.row.get("latitude"), r.row.get("longitude")
    if la is None or lo is None or (r.place.geo_precision or 3) >= 3:
        return None
    return (int(math.floor(la / CELL_DEG)), int(math.floor(lo / CELL_DEG)))


def site_kinds(text: str) -> frozenset[str]:
    """The kinds of site a report's sentences name (mosque, market, house, ...)."""
    words = site_words()
    return frozenset(words[w] for w in WORD.findall(normalize_for_matching(text)) if w in words)


def sites_agree(a: frozenset, b: frozenset) -> bool:
    """Two reports' sites may be one incident's: either names none, or they share a kind."""
    return not a or not b or bool(a & b)


def compatible(a: Report, b: Report) -> bool:
    """The rules allow two reports to be one incident: two articles, one disorder family and
    sub-event family, dates in the window, places compatible, actors that do not contradict."""
    return (a.article_id != b.article_id
            and FAMILIES.get(a.event_type) == FAMILIES.get(b.event_type)
            and sub_events_compatible(a.sub_event_type, b.sub_event_type)
            and dates_agree(a, b) and places_agree(a, b)
            and roles_agree(*sides_of(a, b), *sides_of(b, a)))


def mixed(a: Report, b: Report) -> bool:
    """The rules allow two reports to be one incident but for their sub-events, a blast and an armed
    clash (a suicide bombing one paper tells as the attackers' gunfight): two articles, dates in the
    window, places compatible, actors that do not contradict."""
    subs = {a.sub_event_type, b.sub_event_type}
    if not (len(subs) == 2 and bool(subs & BLASTS) and bool(subs & FIGHTS) and a.article_id != b.article_id):
        return False
    return dates_agree(a, b) and places_agree(a, b) and roles_agree(*sides_of(a, b), *sides_of(b, a))


def sides_of(a: Report, b: Report) -> tuple:
    """a's sides as compared with b's: as they are for two reports of one country; across a border,
    a non-state side named after either report's country ("Civilians (Syria)", "Islamic State
    (Turkey)": ACLED names them after the country of the event, so the place each paper chose
    decides the name it gives the same people) is named after neither. A state stays its country's."""
    if a.place.iso3 == b.place.iso3:
        return a.sides
    suffixes = tuple(f"({c})" for c in (a.row.get("country"), b.row.get("country")) if c)
    return tuple(local(s, suffixes) for s in a.sides)


def local(side: Optional[str], suffixes: tuple[str, ...]) -> Optional[str]:
    """A side with its country qualifier (one of ``suffixes``) dropped, unless it is a state."""
    if side and not side.startswith("state "):
        for suffix in suffixes:
            if side.endswith(suffix):
                return side[: -len(suffix)].rstrip()
    return side


def agreement(a: Report, b: Report) -> float:
    """How many of the finer fields two compatible reports share, as a small bonus (0-0.15) that
    orders pairs of equal similarity: location, date, sub-event type, fatalities."""
    return (0.05 * (a.place.location == b.place.location) + 0.05 * (a.date == b.date)
            + 0.03 * (a.sub_event_type == b.sub_event_type)
            + 0.02 * (a.fatalities_reported and b.fatalities_reported and a.fatalities == b.fatalities))


def far(a: Report, b: Report, tier: str) -> bool:
    """Whether a candidate pair's fields agree less, so that the tier's higher threshold applies:
    two day-precise dates a day apart; in the text tier also two admin1s that differ."""
    apart = (a.precision or 1) == (b.precision or 1) == 1 and a.date != b.date
    if tier != "text":
        return apart
    regions = a.place.admin1 and b.place.admin1 and a.place.admin1 != b.place.admin1
    return bool(regions) or abs((a.date - b.date).days) > DAY_SLACK


def passes(e: Edge, thresholds: Thresholds) -> bool:
    """A candidate pair is kept: its kind has a threshold (or, for the rules' pairs, none is set)
    and its similarity reaches it."""
    low = getattr(thresholds, e.kind())
    if low is None:
        return e.tier == "rules"
    return e.similarity is None or e.similarity >= low


def edges(reports: Sequence[Report], measure: Measure, thresholds, home=None) -> list[Edge]:
    """The candidate pairs, with their similarity and score: those the rules allow and those of the
    text tier (``text_pairs``), each ``kept`` when its similarity reaches its kind's threshold
    (``Thresholds``, or a pair (rules, text): ``thresholds_of``); a rules pair that does not is
    listed too (``kept`` False: dedupe_cluster lets it stand in a group, not make one), a text-tier
    pair that does not is left out."""
    limits = thresholds_of(thresholds)
    vectors = measure.vectors([r.text for r in reports])
    kinds: dict[str, frozenset] = {}  # each distinct text's sites (reprints repeat a text)
    sites = [kinds[r.text] if r.text in kinds else kinds.setdefault(r.text, site_kinds(r.text)) for r in reports]
    pairs, mixes = [], []
    for i, j in candidate_pairs(reports, home):
        if not sites_agree(sites[i], sites[j]):
            continue
        if compatible(reports[i], reports[j]):
            pairs.append((i, j))
        elif limits.mixed is not None and vectors is not None and mixed(reports[i], reports[j]):
            mixes.append((i, j))
    sims = [None] * len(pairs) if vectors is None else dots(vectors, [i for i, _ in pairs], [j for _, j in pairs])
    found = [edge(reports, i, j, x, "rules") for (i, j), x in zip(pairs, sims)]
    if mixes:
        sims = dots(vectors, [i for i, _ in mixes], [j for _, j in mixes])
        found += [edge(reports, i, j, x, "mixed") for (i, j), x in zip(mixes, sims)]
    if vectors is not None and (limits.text is not None or limits.text_far is not None):
        ruled = set(pairs)
        found += [Edge(i, j, x, round(x + agreement(reports[i], reports[j]), 4), "text", strict)
                  for i, j, x, strict in text_pairs(reports, vectors, limits, home)
                  if (i, j) not in ruled and sites_agree(sites[i], sites[j])]
    return kept(found, limits)


def kept(found: Sequence[Edge], thresholds) -> list[Edge]:
    """The pairs with ``kept`` set by the thresholds (``passes``): the rules' pairs all, each kept
    or not, the text tier's and the mixed ones only those kept, each pair once (a mixed pair may
    also be a text-tier one)."""
    limits = thresholds_of(thresholds)
    out, seen = [], set()
    for e in found:
        ok = passes(e, limits)
        if (ok or e.tier == "rules") and (e.tier == "rules" or (e.a, e.b) not in seen):
            seen.add((e.a, e.b))
            out.append(e if e.kept == ok else e._replace(kept=ok))
    return out


def edge(reports: Sequence[Report], i: int, j: int, similarity: Optional[float], tier: str) -> Edge:
    """The candidate pair (i, j) of a tier, with its score and kind."""
    a, b = reports[i], reports[j]
    return Edge(i, j, similarity, round((similarity or 0.0) + agreement(a, b), 4), tier, far(a, b, tier))


def text_pairs(reports: Sequence[Report], vectors, thresholds, home=None) -> Iterator[tuple[int, int, float, bool]]:
    """Pairs (i < j, similarity, strict) of reports of two articles, one country and one disorder
    family, dated at most TEXT_DAYS apart, whose sentences' similarity reaches the text tier's
    threshold of their kind (``Thresholds.text``, or ``text_far`` when ``strict``: admin1s that
    differ, or dates more than DAY_SLACK apart; a kind without one gives no pair; a single number
    serves both kinds); with ``home``, only pairs with a report it accepts. The rows are put in order
    of country and date once, so each day's block is a slice, and each block's pairs are filtered
    as arrays: a Python object is made only for a pair that is kept."""
    import numpy as np

    if isinstance(thresholds, (int, float)):
        thresholds = Thresholds(None, None, thresholds, thresholds)
    near, far_ = thresholds.text, thresholds.text_far
    if near is None and far_ is None:
        return
    lowest = min(x for x in (near, far_) if x is not None) - 1e-4  # before rounding to 4 places
    order = sorted((i for i, r in enumerate(reports) if r.date is not None),
                   key=lambda i: (reports[i].place.iso3, reports[i].date))
    if not order:
        return
    rows = vectors[order]
    keys = [(reports[i].place.iso3, reports[i].date) for i in order]
    codes: dict = {}
    article = np.array([codes.setdefault(("a", reports[i].article_id), len(codes)) for i in order])
    family = np.array([codes.setdefault(("f", FAMILIES.get(reports[i].event_type)), len(codes)) for i in order])
    region = np.array([codes.setdefault(("r", reports[i].place.admin1), len(codes)) if reports[i].place.admin1 else -1
                       for i in order])
    day = np.array([reports[i].date.toordinal() for i in order])
    inf = float("inf")
    limit = np.array([inf if near is None else near - 1e-4, inf if far_ is None else far_ - 1e-4])
    start = 0
    while start < len(order):
        country, first = keys[start]
        stop = start
        while stop < len(order) and keys[stop] == (country, first):
            stop += 1
        last = first + dt.timedelta(TEXT_DAYS)
        reach = stop
        while reach < len(order) and keys[reach][0] == country and keys[reach][1] <= last:
            reach += 1
        sims = rows[start:stop] @ rows[start:reach].T
        sims = sims.toarray() if hasattr(sims, "toarray") else np.asarray(sims)
        xs, ys = np.nonzero(sims >= lowest)
        later = ys > xs  # each pair once: the later of one day, or a later day
        xs, ys = xs[later], ys[later]
        gx, gy = xs + start, ys + start
        values = sims[xs, ys]
        strict = (((region[gx] >= 0) & (region[gy] >= 0) & (region[gx] != region[gy]))
                  | (np.abs(day[gx] - day[gy]) > DAY_SLACK))
        keep = ((article[gx] != article[gy]) & (family[gx] == family[gy])
                & (values >= limit[strict.astype(np.int64)]))
        for x, y, value, hard in zip(gx[keep].tolist(), gy[keep].tolist(), values[keep].tolist(), strict[keep].tolist()):
            i, j = order[x], order[y]
            similarity = round(value, 4)
            low = far_ if hard else near
            if similarity >= low and (home is None or home(reports[i]) or home(reports[j])):
                yield (min(i, j), max(i, j), similarity, hard)
        start = stop


def describe(a: Report, b: Report, similarity: Optional[float]) -> str:
    """Why two reports were taken for one incident, in a few words."""
    parts = [f"{b.sub_event_type}" + ("" if a.sub_event_type == b.sub_event_type else f"/{a.sub_event_type}"),
             f"{b.date}" + ("" if a.date == b.date else f"/{a.date}"),
             f"{b.place.location}" + ("" if a.place.location == b.place.location else f"/{a.place.location}")]
    if similarity is not None:
        parts.append(f"similarity {similarity:.2f}")
    return ", ".join(parts)


def explain(a: Report, b: Report, e: Edge) -> str:
    """Why two reports were taken for one incident: the rules and their sentences, or their
    sentences alone (the text tier)."""
    how = {"rules": "same incident by the rules", "mixed": "a blast told as a fight by the rules but for the sub-event",
           "text": "sentences alike (the rules differ)"}[e.tier]
    return f"{how}: {describe(a, b, e.similarity)}"

