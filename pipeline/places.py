"""Place gazetteer and place linking (ACLED style).

- ``Gazetteer.default()`` loads models/gazetteer/places.tsv and places_lby_osm.tsv (built by
  ``python -m conflict_events.build.gazetteer``) once per process.
- ``entries()`` feeds the NER phrase matcher with (normalised Arabic name, place id) pairs;
  ``lookup(norm)`` returns the ``PlaceRecord`` candidates of a name; ``resolve(...)`` picks one and
  returns a ``schemas.Place`` with ACLED's geo_precision; ``resolve_unknown(...)`` codes a place
  that is not in the gazetteer at the most specific known place named in the article;
  ``country_of(norm)`` maps an Arabic country name to (country, iso3).
- ``python -m conflict_events.places evaluate`` scores name → admin1 resolution, holding out one source
  at a time (see models/gazetteer/MODEL_CARD.md).

Precision rules (ACLED codebook, geo_precision):
1  a town or village is named (also a governorate name that is its capital's name: دير الزور);
2  the text says the outskirts / countryside / surroundings of a town (أطراف X، ريف X، محيط X، قرب X),
   or a district / subdistrict is named (coded at its seat, else see 3);
3  only a governorate or region is named (محافظة X, الأنبار, ريف دير الزور = the governorate's
   countryside): coded at the governorate capital, location = the capital's name; a country alone
   is coded at its capital with location = the country.
A row with no point of its own (Yemen's uzlahs and villages) carries a ``precision`` floor: 2 when
coded at its district's point, 3 at its governorate capital.
"""
from __future__ import annotations

import csv
import datetime as dt
import math
import sys
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator, NamedTuple, Optional

from conflict_events.schemas import Place

from .caches import ClearingDict
from .document import token_at
from .normalize import normalize_for_matching
from .resources import load_yaml, models_dir

FILES = ("places.tsv", "places_lby_osm.tsv")
# Weak sources: their names are often common words, and they lose to any other source in ``pick``
# (the Iraqi district list, partly LLM-made; Yemen's community-made village list).
LOW_TRUST = frozenset({"iraq_geo_data", "yemen_regions"})
# Sources whose one-word names are read as places only in a place context (في X, قرية X, بX): Yemen's
# village list holds thousands of rare words (ألغام "mines", العتاد "equipment", الساحلية "coastal").
CONTEXT_SOURCES = frozenset({"yemen_regions"})
# Kind preference inside one (country, admin1) group, best first.
KIND_RANK = {"town": 0, "village": 1, "admin1": 2, "admin2": 3, "admin3": 4, "country": 5}
SPECIFIC = {"town": 0, "village": 0, "admin3": 1, "admin2": 2, "admin1": 3}
_TOWN_WORDS = {"مدينه", "بلده", "قريه", "مخيم", "حي", "مركز", "مدينتي", "بلدتي", "قريتي", "مخيمي"}  # and duals
_ADMIN1_WORDS = {"محافظه", "ولايه", "شعبيه", "محافظتي"}
_ADMIN23_WORDS = {"منطقه", "ناحيه", "قضاء", "مديريه", "عزله", "منطقتي"}
_DESIGNATOR_KINDS = {**dict.fromkeys(_TOWN_WORDS, ("town", "village")),
                     **dict.fromkeys(_ADMIN1_WORDS, ("admin1",)),
                     **dict.fromkeys(_ADMIN23_WORDS, ("admin2", "admin3"))}


ADMIN_NOUNS = frozenset(_DESIGNATOR_KINDS) | {"بلديه"}  # words that open an administrative name


def norm(s: str) -> str:
    """Normalised matching form of a name (normalize_for_matching, single spaces)."""
    return " ".join(normalize_for_matching(s).replace("-", " ").split())


class PlaceRecord(NamedTuple):
    """One gazetteer place as compiled in models/gazetteer (immutable; a NamedTuple, which builds
    about twice as fast as a frozen dataclass: 57k records are read at start-up)."""

    id: str
    name: str
    kind: str  # country, admin1, admin2, admin3, town, village
    country: str
    iso3: str
    admin1: str = ""
    admin2: str = ""
    admin3: str = ""
    lat: Optional[float] = None
    lon: Optional[float] = None
    population: int = 0
    source: str = ""
    capital: str = ""
    city: bool = False
    name_ar: str = ""
    names: tuple[str, ...] = ()
    precision: int = 0  # geo_precision floor of a row coded at its district's point (2) or governorate capital (3); 0: none

    @property
    def trust(self) -> int:
        """0 for the normal sources, 1 for low-trust ones (Iraq admin list)."""
        return 1 if self.source in LOW_TRUST else 0


def _read_records(path: Path, skip: set[str]) -> list[PlaceRecord]:
    """The records of one compiled TSV file (a plain split per line: much faster than csv.DictReader;
    the writer never quotes, and a missing ``precision`` column reads as 0)."""
    with open(path, encoding="utf-8", newline="") as f:
        header = f.readline().rstrip("\n").split("\t")
        col = {c: i for i, c in enumerate(header)}
        (i_id, i_name, i_kind, i_country, i_iso3, i_a1, i_a2, i_a3, i_lat, i_lon, i_pop, i_src, i_cap, i_city,
         i_ar, i_names) = (col[c] for c in ("id", "name", "kind", "country", "iso3", "admin1", "admin2", "admin3",
                                            "lat", "lon", "population", "source", "capital", "city", "name_ar", "names_ar"))
        i_prec = col.get("precision")
        out = []
        for line in f:
            v = line.rstrip("\n").split("\t")
            if len(v) < len(header) or v[i_src] in skip:
                continue
            lat, lon, pop, names = v[i_lat], v[i_lon], v[i_pop], v[i_names]
            out.append(PlaceRecord(v[i_id], v[i_name], v[i_kind], v[i_country], v[i_iso3], v[i_a1], v[i_a2], v[i_a3],
                                   float(lat) if lat else None, float(lon) if lon else None,
                                   int(pop) if pop.isdigit() else int(float(pop or 0)), v[i_src], v[i_cap],
                                   v[i_city] == "1", v[i_ar], tuple(names.split("|")) if names else (),
                                   int(v[i_prec] or 0) if i_prec is not None else 0))
        return out


COMMON_NAMES = "common_names.tsv"
COUNTRY_PRIOR = "country_prior.tsv"
KEPT_HEARD = 50_000  # (country, name) pairs whose sound match the gazetteer keeps
HEARD_TIES = 5  # the candidates kept per sound match, among which the article's context may choose
CLITIC_WORDS = "clitic_words.tsv"
COMMON_WORDS = "common_words.tsv"
LATIN_DIR = "latin"
CROSS_SCRIPT_MIN = 0.8  # lowest cross-script score accepted (1 = same consonant skeleton)
CROSS_SCRIPT_MIN_CONSONANTS = 3  # a shorter skeleton (كاتو: k t) matches too many places by chance
# After ولاية/محافظة a name is heard among the few first-level divisions of the country only, where a
# two-consonant skeleton (يوبي: y b) is no longer a matter of chance
ADMIN1_MIN_CONSONANTS = 2
ADMIN1_MIN = 0.92  # and the skeletons must agree nearly whole (كانو is no Konya, يوبي no Punjab)
BIG_CITY = 500_000  # a town this big names its country by itself (Kabul, Maiduguri)


@lru_cache(maxsize=1)
def place_context_words() -> frozenset[str]:
    """Normalised words after which a word reads as a place: place_context, designators, qualifiers."""
    data = load_yaml("place_qualifiers.yaml")
    words = set(data["place_context"]) | set(data["designators"])
    words |= {w for ws in data["qualifiers"].values() for w in ws}
    return frozenset(normalize_for_matching(w) for w in words)


@lru_cache(maxsize=1)
def weak_place_context_words() -> frozenset[str]:
    """Normalised words after which a name of a weak list (CONTEXT_SOURCES) reads as a place:
    weak_place_context, designators and qualifiers."""
    data = load_yaml("place_qualifiers.yaml")
    words = set(data["weak_place_context"]) | set(data["designators"])
    words |= {w for ws in data["qualifiers"].values() for w in ws}
    words -= set(data["place_context"]) - set(data["weak_place_context"])  # not من, also a designator there
    return frozenset(normalize_for_matching(w) for w in words)


@lru_cache(maxsize=1)
def _former_capitals() -> dict[str, list[tuple[dt.date, str]]]:
    """ISO3 → [(the day the capital moved, the capital until then)], earliest first (place_qualifiers.yaml)."""
    data = load_yaml("place_qualifiers.yaml").get("former_capitals", {})
    return {iso3: sorted((dt.date.fromisoformat(str(day)), name) for day, name in moves) for iso3, moves in data.items()}


def capital_on(iso3: str, on: Optional[dt.date]) -> Optional[str]:
    """The English name of a country's capital on a day, when it has moved since (else None)."""
    if on is None:
        return None
    return next((name for day, name in _former_capitals().get(iso3, ()) if on < day), None)


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The great-circle distance in km between two points."""
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    c = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)
    return 6371.0 * math.acos(max(-1.0, min(1.0, c)))


def after_word(toks, first: int, words) -> bool:
    """A word of ``words`` (normalised; any clitic reading of it) stands right before token ``first``."""
    from .segment import reading_forms

    return first > 0 and not reading_forms(toks[first - 1]).isdisjoint(words)


def after_admin1_word(toks, first: int) -> bool:
    """A first-level designator (ولاية، محافظة, any clitic reading) stands right before token ``first``."""
    return after_word(toks, first, _ADMIN1_WORDS)


def in_weak_place_context(toks, first: int) -> bool:
    """A name of a weak list at token ``first`` reads as a place: a weak_place_context word,
    designator or qualifier right before it (في الحصن, قرية سيعة, منطقة السحول)."""
    return after_word(toks, first, weak_place_context_words())


@lru_cache(maxsize=1)
def taking_ground_words() -> frozenset[str]:
    """Normalised words of taking ground (سيطرت, استعادت, اقتحموا): place_qualifiers.yaml."""
    return frozenset(normalize_for_matching(w) for w in load_yaml("place_qualifiers.yaml")["taking_ground"])


def where_only_a_place_stands(toks, first: int) -> bool:
    """Token ``first`` stands where only a place can: right after a designator (مدينة شقرة، منطقة بركي،
    ولاية X) or a word of taking ground, directly or with على (سيطرت قواتنا على دينسور). (After في or
    إلى stand as many rare words as places: في إزهاق الأرواح، في عمليتي تهريب.)"""
    from .segment import reading_forms

    prev = toks[first - 1].norm if first else ""
    if prev in ADMIN_NOUNS or (prev[:1] in "وفبل" and prev[1:] in ADMIN_NOUNS) \
            or after_word(toks, first, taking_ground_words()):
        return True  # مدينة شقرة، بمنطقة بركي، but not للمنطقة ويذكي: a designator has no article
    if first < 2 or toks[first - 1].norm != normalize_for_matching("على"):
        return False
    return any(not reading_forms(t).isdisjoint(taking_ground_words()) for t in toks[max(0, first - 4):first - 1])


def placed_by_direction(toks, first: int, place_starts) -> bool:
    """Token ``first`` stands after في/قرب (weak_place_context) and before a direction word or two
    and a place (في غومبيه شمال شرقي نيجيريا، قرب بونتش جنوب كشمير): only a place is placed so.
    ``place_starts`` holds the start offsets of the sentence's place mentions."""
    from .segment import reading_forms

    if not in_weak_place_context(toks, first):
        return False
    directions = chain_words()[2]
    k = first + 1
    while k < len(toks) and k <= first + 2 and not reading_forms(toks[k]).isdisjoint(directions):
        k += 1
    return first + 1 < k < len(toks) and toks[k].start in place_starts


def in_place_context(toks, first: int, name: str) -> bool:
    """A name at token ``first`` reads as a place: ب on its word (بصور), or a place-context word,
    designator or qualifier right before it (في صور, مدينة صور, قرب صور)."""
    tok = toks[first]
    if tok.norm != name and tok.norm.endswith(name) and "ب" in tok.norm[:len(tok.norm) - len(name)]:
        return True
    return after_word(toks, first, place_context_words())


@lru_cache(maxsize=1)
def chain_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Normalised (chain, town, direction) words of "X في/ب/جنوبي Y" (place_qualifiers.yaml)."""
    data = load_yaml("place_qualifiers.yaml")
    return tuple(frozenset(normalize_for_matching(w) for w in data[k])
                 for k in ("chain_words", "town_words", "direction_words"))


APPOSITION_OPENERS = frozenset({"(", "،", ","})  # a bracket before a direction, a comma before في


def chain_relation(toks, a_end: int, b_start: int) -> Optional[str]:
    """How a place ending at ``a_end`` relates to one starting at ``b_start`` when only chain words
    stand between them (at most four words): "part" (X بمدينة Y, a part of the town Y), "by" (X
    غربي Y, outside Y but by it; also in brackets: إب (جنوب صنعاء)), "in" (X في قضاء Y, X بريف Y,
    X، في Y); None when they are no chain."""
    from .segment import reading_forms

    fa = token_at(toks, a_end - 1)  # the token X ends in
    fb = token_at(toks, b_start)
    if fa < 0 or fb < 0 or fb <= fa or fb - fa > 4:
        return None
    chain, town, direction = chain_words()
    words = toks[fa + 1:fb]
    if words and words[0].norm in APPOSITION_OPENERS:  # إب (جنوب صنعاء), شقرة، في أبين: Y describes X
        words = words[1:]
        if not words or words[0].norm not in (direction if toks[fa + 1].norm == "(" else {"في"}):
            return None
    between = [reading_forms(t) for t in words]
    if b_start > toks[fb].start:  # the clitic of Y's word (بمحافظة)
        between.append(reading_forms(toks[fb]))
    if not between or not all(f & chain for f in between):
        return None
    if any(f & direction for f in between):
        return "by"
    return "part" if any(f & town for f in between) else "in"


@lru_cache(maxsize=1)
def list_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Normalised (list, conjunction, not-a-list) words of "X وY، وفي Z" (place_qualifiers.yaml)."""
    data = load_yaml("place_qualifiers.yaml")
    return tuple(frozenset(normalize_for_matching(w) for w in data[k])
                 for k in ("list_words", "list_conjunctions", "list_not"))


def listed_after(toks, a_start: int, a_end: int, b_start: int) -> bool:
    """True when a place starting at ``b_start`` is the next item of a list after the place at
    [a_start, a_end): only list words stand between them (at most four, asides in brackets left out:
    طنجة (شمال) وبوزنيقة), one of them, or the و on
    Y's word, a conjunction or comma (مشرعة وحدنان، زنجبار ومدينة شقرة، السدة، حزم العديد), Y's word
    carries no other clitic (الخليل، بحجة: "under the pretext", no item) and X is no end of "بين X وY"."""
    fa, fz, fb = token_at(toks, a_start), token_at(toks, a_end - 1), token_at(toks, b_start)
    if fa < 0 or fz < 0 or fb < 0 or fb <= fz or fb - fz > 9:
        return False
    words, conjunctions, not_a_list = list_words()
    if fa > 0 and toks[fa - 1].norm in not_a_list:
        return False
    clitic = normalize_for_matching(toks[fb].text[:b_start - toks[fb].start])  # وحدنان، وبسراقب; بحجة is no item
    if clitic not in ("", "و", "وب"):
        return False
    joined = clitic[:1] == "و"
    between = _without_asides(toks[fz + 1:fb])  # طنجة (شمال) وبوزنيقة (غرب)
    if between is None or len(between) > 4:
        return False
    for tok in between:
        norm = tok.norm
        if norm[:1] == "و" and norm[1:] in words:  # وفي، ومدينة
            norm, joined = norm[1:], True
        if norm not in words:
            return False
        joined = joined or norm in conjunctions
    return joined


def _without_asides(toks: list) -> Optional[list]:
    """The tokens less any aside in brackets of at most three words (شمال، غرب البلاد); None when a
    bracket is left open."""
    out, k = [], 0
    while k < len(toks):
        if toks[k].norm == "(":
            close = next((j for j in range(k + 1, min(len(toks), k + 5)) if toks[j].norm == ")"), None)
            if close is None:
                return None
            k = close + 1
            continue
        out.append(toks[k])
        k += 1
    return out


@lru_cache(maxsize=1)
def _adjective_readings() -> dict[str, frozenset[str]]:
    """Normalised place name that is also an adjective → the normalised nouns it qualifies."""
    data = load_yaml("place_qualifiers.yaml").get("adjective_readings", {})
    return {normalize_for_matching(k): frozenset(normalize_for_matching(w) for w in v) for k, v in data.items()}


def adjective_reading(toks, first: int, name: str) -> bool:
    """The name at token ``first`` is a common word by the word before it: an adjective of its noun
    (الراية البيضاء, الأسلحة النارية والبيضاء) or a fixed phrase (على صعيد آخر), not a place
    (place_qualifiers.yaml adjective_readings)."""
    nouns = _adjective_readings().get(name)
    return bool(nouns) and after_word(toks, first, nouns)


@lru_cache(maxsize=1)
def country_prior() -> dict[str, int]:
    """ISO3 → order of magnitude of how often the news names the country (country_prior.tsv):
    Yemen 3, Libya and Lebanon 2, Tanzania 1."""
    path = models_dir() / "gazetteer" / COUNTRY_PRIOR
    if not path.exists():
        return {}
    with open(path, encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in list(f)[1:] if line.strip()]
    return {iso3: len(str(int(n))) - 1 if int(n) else -1 for iso3, n in rows}


@lru_cache(maxsize=1)
def common_word_names() -> dict[str, str]:
    """One-word place names that are mostly common words in news → what they need to be read as a
    place: "context" (a place-context word) or "designator" (قرية, بلدة ...): common_names.tsv."""
    path = models_dir() / "gazetteer" / COMMON_NAMES
    if not path.exists():
        return {}
    with open(path, encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in list(f)[1:] if line.strip()]
    return {r[0]: (r[3] if len(r) > 3 else "context") for r in rows}


@lru_cache(maxsize=1)
def clitic_words() -> frozenset[str]:
    """Normalised words that look like a proclitic on a place name but are words of their own
    (بادر "hastened" is no ب + ادر, لاب "laptop" no ل + اب): clitic_words.tsv."""
    path = models_dir() / "gazetteer" / CLITIC_WORDS
    if not path.exists():
        return frozenset()
    with open(path, encoding="utf-8") as f:
        return frozenset(line.split("\t", 1)[0] for line in list(f)[1:] if line.strip())


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Normalised words of everyday Arabic (wordfreq Zipf >= build.world.COMMON_ZIPF): common_words.tsv."""
    path = models_dir() / "gazetteer" / COMMON_WORDS
    if not path.exists():
        return frozenset()
    with open(path, encoding="utf-8") as f:
        return frozenset(line.split("\t", 1)[0] for line in list(f)[1:] if line.strip())


def everyday_words(norm_name: str) -> bool:
    """Every word of the name is a word of everyday Arabic, bare or after a proclitic (على صعيد آخر,
    بشركائنا): no foreign town written by sound, whatever a Latin name sounds like."""
    words = common_words()
    return bool(words) and all(_everyday(w, words) or (w[:1] in "وفبل" and _everyday(w[1:], words))
                               for w in norm_name.split())


def _everyday(word: str, words: frozenset[str]) -> bool:
    """A word of everyday Arabic, or the construct form of one's plural (مسلحو، مسلحي: مسلحون)."""
    return word in words or (word[-1:] in "وي" and word + "ن" in words)


@lru_cache(maxsize=1)
def _qualifier_words() -> dict[tuple[str, ...], str]:
    """Normalised qualifier phrases (ريف, أطراف, قرب ...) → countryside / outskirts / near."""
    data = load_yaml("place_qualifiers.yaml")
    return {tuple(norm(w).split()): kind for kind, ws in data["qualifiers"].items() for w in ws}


class LatinRows:
    """The rows of a Latin table (a header, then one tab-separated place a line) by id, each read
    into a dict only when asked for (a country holds up to 20,000 of them)."""

    def __init__(self, lines: list[str]):
        self.columns = lines[0].split("\t") if lines else []
        self._lines = {line[:line.index("\t")]: line for line in lines[1:] if line}
        self._latin = self.columns.index("latin") if lines else -1
        self._population = self.columns.index("population") if lines else -1

    def __len__(self) -> int:
        return len(self._lines)

    def __getitem__(self, place_id: str) -> dict:
        return dict(zip(self.columns, self._lines[place_id].split("\t")))

    def names(self, keep: Optional[Callable[[str], bool]] = None) -> Iterator[tuple[str, list[str], int]]:
        """(id, Latin names, population) of every row (whose id ``keep`` keeps), in file order (as
        CrossScriptIndex takes them)."""
        latin, population = self._latin, self._population
        for place_id, line in self._lines.items():
            if keep is None or keep(place_id):
                cells = line.split("\t")
                yield place_id, cells[latin].split("|"), int(cells[population])


class Gazetteer:
    """Normalised Arabic place name → place records, with ACLED-style resolution."""

    def __init__(self, records: Iterable[PlaceRecord], folder: Optional[Path] = None):
        self.folder = folder or models_dir() / "gazetteer"  # where the Latin tables are read from
        self._records = {r.id: r for r in records}
        self._latin: dict[str, Optional[tuple]] = {}  # iso3 → latin_table(iso3), filled on first use
        self._heard = ClearingDict(KEPT_HEARD)  # (iso3, name[, "admin1"]) → heard_in(iso3, name)
        self._admin1_index: dict[str, object] = {}  # iso3 → CrossScriptIndex of its admin1 rows
        self._countries: dict[str, PlaceRecord] = {}  # iso3 → the country's record
        self._country_iso3: dict[str, str] = {}  # English country name → iso3
        for r in self._records.values():
            if r.kind == "country":
                self._countries.setdefault(r.iso3, r)
                self._country_iso3.setdefault(r.country, r.iso3)
        self._by_name: dict[str, list[PlaceRecord]] = {}
        for r in self._records.values():
            for n in r.names:
                self._by_name.setdefault(n, []).append(r)
        self._admin1 = {(r.iso3, r.admin1): r for r in self._records.values() if r.kind == "admin1"}
        self._capital_town = {}
        for r in self._records.values():
            a1 = self._admin1.get((r.iso3, r.admin1))
            if r.kind in ("town", "village") and a1 and r.name == a1.capital:
                best = self._capital_town.get(a1.id)
                if best is None or (r.source, r.population) > (best.source, best.population):
                    self._capital_town[a1.id] = r
        self._capital_ids = frozenset(r.id for r in self._capital_town.values())
        self._context_cache: Optional[tuple] = None  # (names, votes) of the last context (_context_votes)
        self._capital_records: dict[tuple, Optional[PlaceRecord]] = {}  # (iso3, name) → its record, on first use

    # ---------- loading ----------
    @classmethod
    def load(cls, folder: Optional[Path] = None, exclude_sources: Iterable[str] = ()) -> "Gazetteer":
        """Load the compiled TSV files (optionally without some sources, for evaluation)."""
        folder = Path(folder) if folder else models_dir() / "gazetteer"
        skip = set(exclude_sources)
        records = []
        for name in FILES:
            path = folder / name
            if not path.exists():
                print(f"gazetteer: {path} missing (run python -m conflict_events.build.gazetteer)", file=sys.stderr)
                continue
            records += _read_records(path, skip)
        return cls(records, folder)

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> "Gazetteer":
        """The shipped gazetteer, loaded once per process."""
        return cls.load()

    def __len__(self) -> int:
        return len(self._records)

    # ---------- lookup ----------
    def entries(self) -> Iterator[tuple[str, str]]:
        """(normalised Arabic name, place id) pairs for the phrase matcher, in a fixed order."""
        for n in sorted(self._by_name):
            for r in self._by_name[n]:
                yield n, r.id

    def needs_context(self, place_ids: Iterable[str]) -> bool:
        """True when every place of a name comes from a CONTEXT_SOURCES list (a one-word name of
        those is a place only in a place context)."""
        recs = [self._records.get(i) for i in place_ids]
        return bool(recs) and all(r is not None and r.source in CONTEXT_SOURCES for r in recs)

    def record(self, place_id: str) -> Optional[PlaceRecord]:
        """The record with this id, if any."""
        return self._records.get(place_id)

    def lookup(self, norm_name: str) -> list[PlaceRecord]:
        """Candidate records of a name (exact, else without leading designators/qualifiers)."""
        key, _, _ = self._parse(norm_name)
        return list(self._by_name.get(key, ())) if key else []

    def holds_name(self, norm_name: str) -> bool:
        """The name as written, no clitic or designator read off it, is a name of a place (واسط, وادي)."""
        return norm(norm_name) in self._by_name

    def country_name(self, iso3: str) -> Optional[str]:
        """The English name of a country given by ISO3, else None."""
        rec = self._countries.get(iso3)
        return rec.country if rec is not None else None

    def country_of(self, norm_name: str) -> Optional[tuple[str, str]]:
        """(country, iso3) for an Arabic country name, else None."""
        for r in self._by_name.get(norm(norm_name), ()):
            if r.kind == "country":
                return r.country, r.iso3
        return None

    def _parse(self, name: str) -> tuple[Optional[str], Optional[str], Optional[str]]:
        """(known key, designator word, qualifier) of a mention's name; key None when unknown."""
        words = norm(name).split()
        designator = qualifier = None
        while words:
            for first in _clitic_readings(words[0]):
                key = " ".join((first, *words[1:]))
                if key in self._by_name:
                    return key, designator, qualifier
            head = self._strip_head(words)
            if head is None:
                return None, designator, qualifier
            n, kind, value = head
            if kind == "qualifier":
                qualifier = qualifier or value
            else:
                designator = designator or value
            words = words[n:]
        return None, designator, qualifier

    @staticmethod
    def _strip_head(words: list[str]) -> Optional[tuple[int, str, str]]:
        """The leading qualifier or designator (clitics و ف ب ل ك allowed): (length, type, value)."""
        quals = _qualifier_words()
        for first in _clitic_readings(words[0]):
            for n in (2, 1):
                phrase = (first, *words[1:n])
                if len(words) > n and phrase in quals:
                    return n, "qualifier", quals[phrase]
            if len(words) > 1 and first in _DESIGNATOR_KINDS:
                return 1, "designator", first
        if len(words) > 1 and words[0] in ("من", "في"):
            return 1, "designator", ""
        return None

    # ---------- resolution ----------
    def resolve(self, norm_name: str, *, context_places: Iterable[str] = (), country_hint: Optional[str] = None,
                qualifier: Optional[str] = None, countries: frozenset[str] = frozenset()) -> Optional[Place]:
        """The most likely place for a name, given the article's other place names and the countries
        it names (ISO3), as schemas.Place."""
        key, designator, own_qualifier = self._parse(norm_name)
        if not key:
            return None
        key, designator = self._other_country_reading(key, designator, context_places)
        cands = self._by_name[key]
        words = key.split()
        bare = " ".join(words[1:])
        if len(words) > 1 and words[0] in _DESIGNATOR_KINDS and bare in self._by_name:
            # مدينة زنجبار is a name of Zanzibar City, and the city of Zinjibar too
            cands = list({r.id: r for r in (*cands, *self._by_name[bare])}.values())
            designator = designator or words[0]
        rec = self.pick(cands, context_places=context_places, country_hint=country_hint,
                        designator=designator, exclude=key, countries=countries)
        return self.to_place(rec, location_ar=norm_name, qualifier=qualifier or own_qualifier, designator=designator)

    def _other_country_reading(self, key: str, designator: Optional[str],
                               context_places: Iterable[str]) -> tuple[str, Optional[str]]:
        """بلدية طرابلس is a Libyan municipality's name, but in "بلدية طرابلس شمالي لبنان" the
        building of Lebanon's Tripoli: a key that starts with an administrative noun is read
        without it when that reading lies in a country the article names more."""
        words = key.split()
        if len(words) < 2 or words[0] not in ADMIN_NOUNS:
            return key, designator
        alt = " ".join(words[1:])
        if alt not in self._by_name:
            return key, designator
        countries, _, _ = self._context(context_places, exclude=alt)
        own = {r.iso3 for r in self._by_name[key]}
        best_own = max(countries[i] for i in own)
        if any(countries[r.iso3] > best_own for r in self._by_name[alt] if r.iso3 not in own):
            return alt, designator or words[0]
        return key, designator

    def pick(self, candidates: list[PlaceRecord], *, context_places: Iterable[str] = (),
             country_hint: Optional[str] = None, designator: Optional[str] = None,
             exclude: str = "", countries: frozenset[str] = frozenset()) -> PlaceRecord:
        """Choose among candidates: the countries the article names, its country and governorate,
        trust, standing (how often the news names the country, and size), then kind."""
        named, prior = countries, country_prior()
        votes, admin1s, admin2s = self._context(context_places, exclude)
        hint = self.iso3_of(country_hint)
        groups: dict[tuple[str, str], list[PlaceRecord]] = {}
        for r in candidates:
            groups.setdefault((r.iso3, r.admin1), []).append(r)
        prefer = _DESIGNATOR_KINDS.get(designator or "", ())

        def group_key(g):
            rs = groups[g]
            pop = max(r.population for r in rs)
            # how often the news names the country and the place's size, both in orders of magnitude:
            # زنجبار is Zinjibar (Yemen, 1,000 times Tanzania's share), الرباط is Rabat, not a Yemeni hamlet
            standing = prior.get(g[0], -1) + math.log10(pop + 1) / 2
            return (g[0] in named, votes[g[0]] + (3 if hint == g[0] else 0), admin1s[g],
                    -min(r.trust for r in rs), standing, pop, g)

        best = max(groups, key=group_key)
        # inside the group: the kind a designator asks for, then a place in a district the article names
        # (عزلة الأحطوب ... شرعب الرونة: the uzlah of that district, not a village of another one)
        return min(groups[best], key=lambda r: (r.kind not in prefer, -admin2s[(r.iso3, r.admin1, r.admin2)] if r.admin2 else 0,
                                                KIND_RANK[r.kind], -r.population, r.id))

    def _context(self, context_places: Iterable[str], exclude: str) -> tuple:
        """Votes for countries, (country, admin1) and (country, admin1, admin2) from the article's
        other place names (a name votes for a unit when all its records lie in that one unit),
        each read by [unit]; the names whose key is ``exclude`` do not vote."""
        per_key, total = self._context_votes(context_places)
        own = per_key.get(exclude)
        return total if own is None else tuple(_VotesWithout(t, o) for t, o in zip(total, own))

    def _context_votes(self, context_places: Iterable[str]) -> tuple[dict, tuple[Counter, Counter, Counter]]:
        """The votes of each known key's names, and of all names; computed once per list of names
        (the link stage resolves every place of an article against the same list)."""
        names = tuple(context_places)
        cached = self._context_cache
        if cached is not None and cached[0] == names:
            return cached[1]
        keys = Counter(key for key in (self._parse(name)[0] for name in names) if key)
        per_key = {key: self._name_votes(key, n) for key, n in keys.items()}
        total = (Counter(), Counter(), Counter())
        for votes in per_key.values():
            for t, v in zip(total, votes):
                t.update(v)
        self._context_cache = (names, (per_key, total))
        return per_key, total

    def _name_votes(self, key: str, n: int) -> tuple[Counter, Counter, Counter]:
        """The country, admin1 and admin2 votes of ``n`` names of one known key."""
        countries: Counter = Counter()
        admin1s: Counter = Counter()
        admin2s: Counter = Counter()
        cands = [r for r in self._by_name[key] if not r.trust]  # مغرب, an Iraqi list's word, is no evidence
        isos = {r.iso3 for r in cands}
        if any(r.kind == "country" for r in cands):
            for r in cands:
                if r.kind == "country":
                    countries[r.iso3] += 2 * n
        elif len(isos) == 1:
            countries[next(iter(isos))] += n
        groups = {(r.iso3, r.admin1) for r in cands if r.admin1}
        if len(groups) == 1:
            admin1s[next(iter(groups))] += n
        districts = {(r.iso3, r.admin1, r.admin2) for r in cands}
        if len(districts) == 1 and next(iter(districts))[2]:
            admin2s[next(iter(districts))] += n
        return countries, admin1s, admin2s

    def iso3_of(self, country: Optional[str]) -> Optional[str]:
        """ISO3 of a country given by English name, ISO3 or Arabic name."""
        if not country:
            return None
        if len(country) == 3 and country.isupper():
            return country
        if country in self._country_iso3:
            return self._country_iso3[country]
        found = self.country_of(country)
        return found[1] if found else None

    def to_place(self, rec: PlaceRecord, *, location_ar: str, qualifier: Optional[str] = None,
                 designator: Optional[str] = None) -> Place:
        """schemas.Place for a record, with ACLED geo_precision for the qualifier and designator."""
        if rec.kind == "country":
            return self._place(rec, rec.name, rec, 3, location_ar)
        if rec.kind == "admin1":
            cap = self._capital_town.get(rec.id)
            near = qualifier in ("outskirts", "near")
            if rec.city and qualifier != "countryside":
                return self._place(rec, rec.capital, cap or rec, 2 if qualifier else 1, location_ar)
            return self._place(rec, rec.capital, cap or rec, 2 if near and cap and _shares_name(rec, cap) else 3, location_ar)
        if rec.kind in ("admin2", "admin3"):
            if rec.lat is None:
                a1 = self._admin1.get((rec.iso3, rec.admin1))
                return self._place(rec, a1.capital if a1 else rec.name, a1 or rec, 3, location_ar)
            return self._place(rec, rec.capital or rec.name, rec, max(2, rec.precision), location_ar)
        a1 = self._admin1.get((rec.iso3, rec.admin1))
        if qualifier == "countryside" and a1 and self._capital_town.get(a1.id) is rec and _shares_name(a1, rec) \
                and designator not in _TOWN_WORDS:
            return self._place(a1, rec.name, rec, 3, location_ar)  # ريف دير الزور: the governorate's countryside
        # a village without a point of its own (Yemen's list) is coded at its district: precision 2
        return self._place(rec, rec.name, rec, max(2 if qualifier else 1, rec.precision), location_ar)

    def _place(self, rec: PlaceRecord, location: str, at: PlaceRecord, precision: int, location_ar: str) -> Place:
        """Build the schemas.Place: admin names from ``at`` when it is more specific than ``rec``."""
        src = at if at.kind in ("town", "village", "admin2", "admin3") else rec
        return Place(location=location, location_ar=location_ar, country=rec.country, iso3=rec.iso3,
                     admin1=rec.admin1 or None, admin2=src.admin2 or None, admin3=src.admin3 or None,
                     latitude=at.lat, longitude=at.lon, geo_precision=precision, id=rec.id)

    def resolve_unknown(self, surface: str, anchors: Iterable[Place] = ()) -> Optional[Place]:
        """An unknown place (قرية X) coded at the most specific of the known places ``anchors``
        (those of its sentence, else of the article), at geo_precision 2 (3 for a region)."""
        words = norm(surface).split()
        while len(words) > 1 and self._strip_head(words):
            words = words[self._strip_head(words)[0]:]
        name = " ".join(words)
        if len(name.replace(" ", "")) < 2 or name in self._by_name:
            return None
        return self.anchored(surface, anchors)

    def anchored(self, surface: str, anchors: Iterable[Place]) -> Optional[Place]:
        """A locality coded at the most specific of the known places ``anchors``."""
        best = self.most_specific(anchors)
        if best is None:
            return None
        return best.model_copy(update={"geo_precision": max(2, best.geo_precision), "id": None,
                                       "location_ar": surface.strip()})

    def most_specific(self, places: Iterable[Optional[Place]]) -> Optional[Place]:
        """The first of the most specific places (geo_precision, then kind); None when there is none."""
        def specificity(a: Place) -> tuple[int, int]:
            rec = self._records.get(a.id) if a.id else None
            return a.geo_precision, SPECIFIC.get(rec.kind, 4) if rec else 4

        return min((a for a in places if a is not None), key=specificity, default=None)

    def implies_country(self, place: Place) -> bool:
        """Whether a linked place names its country by itself: a country, a first-level division,
        a governorate capital or a city of BIG_CITY people (not a village that shares a word's spelling)."""
        rec = self._records.get(place.id) if place.id else None
        return rec is not None and self._implies_country(rec)

    def _implies_country(self, rec: PlaceRecord) -> bool:
        return (rec.kind in ("country", "admin1") or rec.population >= BIG_CITY
                or rec.id in self._capital_ids or rec.source == "opensyria")

    def only_minor_readings(self, norm_name: str) -> bool:
        """Every reading of a known name is a place that names no country by itself (الدالي: a
        Syrian village, and a surname): such a bare word is weak evidence of where an article is."""
        recs = self.lookup(norm_name)
        return bool(recs) and not any(self._implies_country(r) for r in recs)

    def latin_table(self, iso3: str):
        """(CrossScriptIndex, LatinRows) of a country's GeoNames towns and admin1 units by their Latin
        names (models/gazetteer/latin/ISO3.tsv, its names' keys from ISO3.keys when they are current),
        loaded on first use; None when there is none."""
        if iso3 not in self._latin:
            from .translit import CrossScriptIndex, read_latin_keys

            path = self.folder / LATIN_DIR / f"{iso3}.tsv"
            rows = LatinRows(path.read_text(encoding="utf-8").split("\n")) if path.exists() else None
            if rows:
                keys = read_latin_keys(path)
                index = CrossScriptIndex(rows.names(), keys if keys is not None and len(keys) == len(rows) else None)
                self._latin[iso3] = (index, rows)
            else:
                self._latin[iso3] = None
        return self._latin[iso3]

    def resolve_cross_script(self, norm_name: str, countries: Iterable[str], *, qualifier: Optional[str] = None,
                             admin1: bool = False, near: Iterable[tuple[str, str]] = (),
                             prefer: Iterable[str] = ()) -> Optional[Place]:
        """A name no Arabic source holds, matched by sound against the Latin names of the places of
        the given countries (داماتورو → Damaturu, Nigeria): the best place scoring at least
        CROSS_SCRIPT_MIN, as schemas.Place. A name with the article ال is Arabic, not a foreign
        name written by sound, and is never matched, except after a first-level designator
        (``admin1``: ولاية الدلتا, ولاية يوبي), where only the country's first-level divisions are
        heard and a two-consonant name is enough. Of places of several countries that score alike, one
        of a country in ``prefer`` wins, else the better ranked."""
        from .translit import arabic_key

        words = norm(norm_name).split()
        designator = None
        while len(words) > 1 and (head := self._strip_head(words)) is not None:
            designator = designator or (head[2] if head[1] == "designator" else None)
            qualifier = qualifier or (head[2] if head[1] == "qualifier" else None)
            words = words[head[0]:]
        name = " ".join(words)
        bare = name[2:] if admin1 and name.startswith("ال") else name
        if not admin1 and name.startswith("ال") or \
                len(arabic_key(bare)) < (ADMIN1_MIN_CONSONANTS if admin1 else CROSS_SCRIPT_MIN_CONSONANTS):
            return None  # an Arabic word (السراي), or too short to tell by sound
        prefer = frozenset(prefer)
        best = None  # (score, preferred, -rank): of places of several countries that sound alike, one of
        for iso3 in sorted(set(countries)):  # a country of ``prefer`` (named in the name's sentence), else
            hit = self.heard_in(iso3, name, admin1=admin1, near=near)  # the better ranked (Quetta, not Akwete)
            if hit and hit[1] >= (ADMIN1_MIN if admin1 else CROSS_SCRIPT_MIN) \
                    and (best is None or (hit[1], iso3 in prefer, -hit[2]) > best[0]):
                best = ((hit[1], iso3 in prefer, -hit[2]), iso3, self.latin_table(iso3)[1][hit[0]])
        if best is None:
            return None
        _, iso3, row = best
        rec = self._records.get(row["id"]) or self._latin_record(iso3, row)
        return self.to_place(rec, location_ar=norm_name, qualifier=qualifier, designator=designator)

    def heard_in(self, iso3: str, name: str, admin1: bool = False,
                 near: Iterable[tuple[str, str]] = ()) -> Optional[tuple[str, float, float]]:
        """The best (row id, score, rank) of a country's Latin table (of its first-level divisions only,
        with ``admin1``) for a name heard by sound, or None: the best ranked, a row in a first-level
        division of ``near`` ((iso3, admin1) pairs) ranked up by translit.yaml's context_bonus. The
        candidates are kept (up to KEPT_HEARD names): the news repeats the names it writes by sound."""
        from .translit import context_bonus

        key = (iso3, name, "admin1") if admin1 else (iso3, name)
        if key not in self._heard:
            self._heard.make_room()
            index = self._admin1_table(iso3) if admin1 else (self.latin_table(iso3) or (None,))[0]
            self._heard[key] = index.ranked(name, k=HEARD_TIES) if index is not None else []
        found = self._heard[key]
        if not found:
            return None
        near = {a for c, a in near if c == iso3}
        rows = self.latin_table(iso3)[1] if near else None
        bonus = context_bonus()
        ranked = [(hit[0], hit[1], hit[2] - bonus * (rows is not None and rows[hit[0]]["admin1"] in near))
                  for hit in found]
        return min(ranked, key=lambda hit: hit[2])

    def _admin1_table(self, iso3: str):
        """A CrossScriptIndex of the first-level divisions of a country's Latin table (None if none)."""
        if iso3 not in self._admin1_index:
            from .translit import CrossScriptIndex

            table = self.latin_table(iso3)
            records = self._records
            rows = list(table[1].names(lambda i: i in records and records[i].kind == "admin1")) if table else []
            self._admin1_index[iso3] = CrossScriptIndex(rows) if rows else None
        return self._admin1_index[iso3]

    def _latin_record(self, iso3: str, row: dict) -> PlaceRecord:
        """A PlaceRecord for a row of a Latin table."""
        country = self._countries[iso3].country if iso3 in self._countries else iso3
        pop = int(row["population"] or 0)
        return PlaceRecord(row["id"], row["name"], "town" if pop >= 5000 else "village", country, iso3,
                           row["admin1"], lat=float(row["lat"]), lon=float(row["lon"]), population=pop,
                           source="geonames-latin")

    def is_country(self, place: Place) -> bool:
        """Whether a linked place is a whole country."""
        rec = self._records.get(place.id) if place.id else None
        return rec is not None and rec.kind == "country"

    def is_admin1(self, place: Place) -> bool:
        """The place is a first-level division itself (قطاع غزة), not a town in one."""
        rec = self._records.get(place.id) if place.id else None
        return rec is not None and rec.kind == "admin1"

    def is_big_city(self, place: Place) -> bool:
        """The place is a city of BIG_CITY people or more."""
        rec = self._records.get(place.id) if place.id else None
        return rec is not None and rec.kind in ("town", "village") and rec.population >= BIG_CITY

    def is_national_capital(self, place: Place) -> bool:
        """The place is its country's capital city (أنقرة, إسلام آباد), or the division named after it."""
        country = self._countries.get(place.iso3)
        return bool(country is not None and country.capital and place.location == country.capital)

    def within_km(self, place: Place, iso3s, km: float) -> bool:
        """The place lies within ``km`` of the point of one of the countries ``iso3s`` (its capital)."""
        if place.latitude is None:
            return True
        countries = [c for c in (self._countries.get(i) for i in iso3s) if c is not None and c.lat is not None]
        return any(great_circle_km(place.latitude, place.longitude, c.lat, c.lon) <= km for c in countries)

    def capital(self, iso3: str, on: Optional[dt.date] = None) -> Optional[Place]:
        """The capital city of a country (for العاصمة) on a day (its former capital before a move:
        place_qualifiers.yaml ``former_capitals``; today's without a day), as schemas.Place."""
        country = self._countries.get(iso3)
        name = capital_on(iso3, on) or (country.capital if country is not None else None)
        key = (iso3, name)
        if key not in self._capital_records:
            self._capital_records[key] = self._capital_record(iso3, name)
        rec = self._capital_records[key]
        return self.to_place(rec, location_ar="العاصمة") if rec is not None else None

    def _capital_record(self, iso3: str, name: Optional[str]) -> Optional[PlaceRecord]:
        """The record of a country's capital: its town, else the first-level division named after it."""
        if not name:
            return None
        towns = [r for r in self._records.values()
                 if r.iso3 == iso3 and r.kind in ("town", "village") and r.name == name]
        if not towns:
            a1 = [r for r in self._records.values() if r.iso3 == iso3 and r.kind == "admin1" and r.capital == name]
            return a1[0] if a1 else None
        return max(towns, key=lambda r: (r.trust == 0, r.population))


class _VotesWithout:
    """All names' votes less one key's names' votes, read by [unit] as a Counter is."""

    __slots__ = ("total", "less")

    def __init__(self, total: Counter, less: Counter):
        self.total, self.less = total, less

    def __getitem__(self, unit) -> int:
        return self.total[unit] - self.less[unit]


def _shares_name(a: PlaceRecord, b: PlaceRecord) -> bool:
    """True when two records share an Arabic name (a governorate and its same-named capital)."""
    return bool(set(a.names) & set(b.names))


def _clitic_readings(word: str) -> list[str]:
    """The word, and the word without a leading و/ف and/or ب/ل/ك."""
    out = [word]
    for c in ("", "و", "ف"):
        for p in ("", "ب", "ل", "ك"):
            pre = c + p
            if pre and word.startswith(pre) and len(word) - len(pre) >= 2:
                out.append(word[len(pre):])
                if p == "ل" and word.startswith("ل", len(pre)):  # لل = ل + (ا)ل: للميادين
                    out.append("ا" + word[len(pre):])
    return out


def low_trust(place) -> bool:
    """True for a linked place (schemas.Place) from a low-trust source (the Iraqi village list,
    whose names are often common words: المشروع)."""
    rec = Gazetteer.default().record(place.id) if place.id else None
    return rec is not None and rec.trust == 1


# ---------- evaluation ----------
def evaluate(folder: Optional[Path] = None, out=sys.stdout) -> dict:
    """Name → admin1 precision/recall/F1, each source's names resolved by a gazetteer without that source."""
    full = Gazetteer.load(folder)
    results = {}
    for held in ("geonames", "opensyria", "yemen_info", "libya_osm"):
        gold = [(r.name_ar, r.iso3, r.admin1) for r in full._records.values()
                if r.source == held and r.kind != "country" and r.name_ar]
        gaz = Gazetteer.load(folder, exclude_sources=[held])
        for hinted in (False, True):
            tp = answered = 0
            for name_ar, iso3, admin1 in gold:
                p = gaz.resolve(norm(name_ar), country_hint=iso3 if hinted else None)
                if p is None:
                    continue
                answered += 1
                tp += (p.iso3, p.admin1) == (iso3, admin1)
            prec = tp / answered if answered else 0.0
            rec = tp / len(gold) if gold else 0.0
            f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
            label = f"{held}{' +country' if hinted else ''}"
            results[label] = {"n": len(gold), "answered": answered, "correct": tp,
                              "precision": round(prec, 3), "recall": round(rec, 3), "f1": round(f1, 3)}
            print(f"{label:22s} n={len(gold):5d} answered={answered:5d} correct={tp:5d} "
                  f"P={prec:.3f} R={rec:.3f} F1={f1:.3f}", file=out)
    return results


def main(argv: Optional[list[str]] = None) -> int:
    """Command line: ``python -m conflict_events.places evaluate`` or ``python -m conflict_events.places NAME...``."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["evaluate"]:
        evaluate()
        return 0
    gaz = Gazetteer.default()
    for name in argv:
        print(name, gaz.resolve(norm(name), context_places=argv))
    return 0


if __name__ == "__main__":
    sys.exit(main())
