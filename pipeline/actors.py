"""Actor dictionary, actor/person patterns and actor linking (ACLED style).

- ``ActorDictionary.default()`` loads the compiled dictionary (models/actors/actors.tsv, built by
  ``python -m conflict_events.build.actors``) once per process. When the artifact is missing it compiles
  the reviewed YAML files only (curated actors and generic agents) and says so on stderr.
- ``entries()`` feeds the NER phrase matcher with (normalised Arabic name, actor id) pairs;
  ``lookup(norm)`` returns every ``ActorRecord`` stored under a name; ``link(norm, country=, date=)``
  picks one and returns a ``schemas.Actor``: the record allowed in the article's country, valid
  at the date (else the nearest in time), from the most trusted source, with "{country}" filled
  in ("Islamic State (Syria)", "Civilians (Iraq)") and a state force working outside its home
  country coded inter 8.
- ``match_patterns(tokens)`` finds actor names introduced by head words (لواء X, كتائب X ...)
  and person names after titles (القيادي X, العميد X) and in "X الملقب بأبو Y", on a list of
  normalised token strings; the patterns are data (pipeline/data/actor_patterns.yaml).
- ``python -m conflict_events.actors evaluate`` scores linking on data/samples/actor_links_heldout.tsv.
"""
from __future__ import annotations

import csv
import datetime as dt
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Optional

from conflict_events.schemas import Actor

from .metrics import prf
from .normalize import normalize_for_matching
from .resources import PACKAGE_DIR, load_yaml, models_dir
from .segment import CONJUNCTIONS, PREPOSITIONS, norm_reading_forms

TSV_NAME = "actors.tsv"
HELDOUT = PACKAGE_DIR.parent / "data" / "samples" / "actor_links_heldout.tsv"
UNKNOWN_COUNTRY = "Unknown"
UNIDENTIFIED = "Unidentified Armed Group ("  # the name's prefix: an unnamed perpetrator of any country
_THE = {"United States", "United Kingdom", "United Arab Emirates", "Netherlands"}
# Leading words that only say "members of" / "remnants of": stripped when the full name is unknown.
_LEADING = {normalize_for_matching(w) for w in (
    "عناصر مقاتلي مقاتلو مقاتلين مسلحي مسلحو جنود أفراد فلول خلايا ميليشيا مليشيا ميليشيات مليشيات فصائل "
    "إرهابيي ارهابيي قيادي قياديين قادة عنصر عنصرا مجموعة مجموعات دورية دوريات وحدات قوة طائرات طيران "
    "مقاتلات مسيرة مدفعية آليات تابعين أنصار مناصري").split()}
_TRAILING = {normalize_for_matching(w) for w in (
    "الإرهابي الإرهابية الارهابي الارهابيه المتطرف المتطرفة المسلح المسلحة الموالي الموالية المدعوم المدعومة "
    "المتمردة المتمرد الانقلابية الانقلابي التابعة التابع المحلية").split()}


@lru_cache(maxsize=2)
def nationality_adjectives(masculine: bool = False) -> dict[str, str]:
    """Normalised feminine nationality adjective (العراقية, عراقية, الأفغانية) → country (agents.yaml);
    with ``masculine``, also the masculine ones with the article (الصومالي, اليمني) of the countries
    that have a feminine one (المالي is "financial" far more often than "Malian")."""
    out = {}
    for country, forms in load_yaml("agents.yaml")["national"]["countries"].items():
        fem = forms["f"] if isinstance(forms["f"], list) else [forms["f"]]
        for f in fem:
            f = normalize_for_matching(f)
            out[f] = out["ال" + f] = country
        if masculine and fem:
            for m in forms["m"] if isinstance(forms["m"], list) else [forms["m"]]:
                out["ال" + normalize_for_matching(m)] = country
    return out


@lru_cache(maxsize=1)
def nationality_plurals() -> dict[str, str]:
    """Normalised plural nationality noun (فلسطينيين، سوريين، أتراك) → country (agents.yaml)."""
    out = {}
    for country, forms in load_yaml("agents.yaml")["national"]["countries"].items():
        pl = forms.get("pl") or []
        for f in pl if isinstance(pl, list) else [pl]:
            out[normalize_for_matching(f)] = country
    return out


@dataclass(frozen=True)
class ActorRecord:
    """One dictionary record: an actor as coded for a period (and possibly a set of countries)."""

    id: str
    name: str  # may contain "{country}"
    inter: int
    country: Optional[str]  # home country; "{country}" = the article's
    source: str  # curated, national, agent, up, up-agent, pattern
    priority: int  # 0 = most trusted
    kind: str = "ORG"  # ORG, PERSON, AGENT
    home: tuple[str, ...] = ()
    only_in: tuple[str, ...] = ()
    strict: bool = False  # with only_in: not linked when the article's country is unknown either
    valid_from: Optional[dt.date] = None
    valid_to: Optional[dt.date] = None
    acled: str = ""
    name_ar: str = ""

    def valid_at(self, date: Optional[dt.date]) -> bool:
        """True when the record covers ``date`` (always when no date is given)."""
        if date is None:
            return True
        if self.valid_from and date < self.valid_from:
            return False
        if self.valid_to and date >= self.valid_to:
            return False
        return True

    def distance(self, date: Optional[dt.date]) -> int:
        """Days between ``date`` and the record's validity window (0 inside it)."""
        if date is None or self.valid_at(date):
            return 0
        if self.valid_from and date < self.valid_from:
            return (self.valid_from - date).days
        return (date - self.valid_to).days + 1 if self.valid_to else 0

    def allowed_in(self, country: Optional[str]) -> bool:
        """May the record link in an article of ``country`` (None: unknown)?"""
        if not self.only_in:
            return True
        return country in self.only_in if country else not self.strict

    def to_actor(self, name_ar: str, country: Optional[str]) -> Actor:
        """The schemas.Actor this record gives in an article of ``country``."""
        c = country or UNKNOWN_COUNTRY
        name = fill_country(self.name, c)
        own = c if self.country == "{country}" else self.country
        inter = self.inter
        home = self.home or ((own,) if own else ())
        if inter == 1 and country and own and own != UNKNOWN_COUNTRY and country not in home:
            inter = 8  # ACLED: state forces active outside their main country of operation
        return Actor(name=name, name_ar=name_ar, inter=inter, country=own, id=self.id)


def fill_country(template: str, country: str) -> str:
    """Fill "{country}" (with "the" in "of the United States")."""
    if "{country}" not in template:
        return template
    if "of {country}" in template and country in _THE:
        return template.replace("{country}", "the " + country)
    return template.replace("{country}", country)


def _d(s: str) -> Optional[dt.date]:
    return dt.date.fromisoformat(s) if s else None


class ActorDictionary:
    """Normalised Arabic name → actor records, with linking rules."""

    def __init__(self, records: list[ActorRecord], forms: dict[str, list[str]]):
        self._records = {r.id: r for r in records}
        self._by_form: dict[str, list[ActorRecord]] = {}
        for rid, fs in forms.items():
            for f in fs:
                self._by_form.setdefault(f, []).append(self._records[rid])
        for f, rs in self._by_form.items():
            rs.sort(key=lambda r: (r.priority, r.id))

    # ----------------------------------------------------------------- loading
    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> "ActorDictionary":
        """The dictionary shipped in models/actors (loaded once per process)."""
        path = models_dir() / "actors" / TSV_NAME
        if path.exists():
            return cls.from_tsv(path)
        print(f"warning: {path} not found; using the curated YAML files only "
              "(run `python -m conflict_events.build.actors`)", file=sys.stderr)
        return cls.from_yaml()

    @classmethod
    def from_tsv(cls, path: Path) -> "ActorDictionary":
        records, forms = [], {}
        csv.field_size_limit(1 << 30)
        with open(path, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                records.append(ActorRecord(
                    id=row["id"], name=row["name"], inter=int(row["inter"]), country=row["country"] or None,
                    source=row["source"], priority=int(row["priority"]), kind=row["kind"],
                    home=tuple(x for x in row["home"].split(";") if x),
                    only_in=tuple(x for x in row["only_in"].split(";") if x), strict=row.get("strict") == "1",
                    valid_from=_d(row["valid_from"]), valid_to=_d(row["valid_to"]), acled=row["acled"],
                    name_ar=row["name_ar"]))
                forms[row["id"]] = [x for x in row["forms"].split("|") if x]
        return cls(records, forms)

    @classmethod
    def from_yaml(cls) -> "ActorDictionary":
        """Curated actors and agents only (no UniversalPetrarch), compiled in memory."""
        from .build.actors import PRIORITY, agent_records, curated_records

        records, forms = [], {}
        for r in curated_records() + agent_records():
            records.append(ActorRecord(
                id=r.id, name=r.name, inter=r.inter, country=r.country, source=r.source,
                priority=PRIORITY[r.source], kind=r.kind, home=tuple(r.home), only_in=tuple(r.only_in), strict=r.strict,
                valid_from=_d(r.valid_from), valid_to=_d(r.valid_to), acled=r.acled, name_ar=r.name_ar))
            forms[r.id] = sorted(" ".join(f) for f in r.forms)
        return cls(records, forms)

    # ----------------------------------------------------------------- API
    def __len__(self) -> int:
        return len(self._records)

    def entries(self) -> Iterator[tuple[str, str]]:
        """(normalised Arabic name, actor id) pairs, for the NER phrase matcher."""
        for form, recs in sorted(self._by_form.items()):
            for r in recs:
                yield form, r.id

    def record(self, actor_id: str) -> Optional[ActorRecord]:
        """The record with this id."""
        return self._records.get(actor_id)

    def lookup(self, norm_name: str) -> list[ActorRecord]:
        """Records stored under exactly this normalised name, most trusted first."""
        return list(self._by_form.get(_clean(norm_name), ()))

    def candidates(self, norm_name: str) -> list[ActorRecord]:
        """Records for a mention: the exact name, else its clitic readings, else without
        'members of' words in front (عناصر، مسلحي ...) or adjectives behind (الإرهابي ...)."""
        name = _clean(norm_name)
        if not name:
            return []
        ws = name.split()
        for variant in _variants(ws):
            recs = self._by_form.get(" ".join(variant))
            if recs:
                return list(recs)
        return []

    def link(self, norm_name: str, *, country: Optional[str] = None,
             date: Optional[dt.date] = None) -> Optional[Actor]:
        """The canonical actor for a mention in an article of ``country`` published at ``date``."""
        recs = [r for r in self.candidates(norm_name) if r.allowed_in(country)]
        if not recs:
            pat = pattern_actor(norm_name)
            return pat.to_actor(norm_name, country) if pat else None
        if isinstance(date, dt.datetime):
            date = date.date()
        best = min(recs, key=lambda r: (r.distance(date), r.priority,
                                        0 if (country and r.country == country) else 1,
                                        0 if r.only_in else 1, r.id))
        return best.to_actor(norm_name, country)

    def civilian(self, country: Optional[str]) -> Actor:
        """Civilians (COUNTRY), inter 7."""
        return self._generic("civilians", "Civilians ({country})", 7, "مدنيين", country)

    def unidentified(self, country: Optional[str]) -> Actor:
        """Unidentified Armed Group (COUNTRY), inter 3."""
        return self._generic("unidentified_armed_group", UNIDENTIFIED + "{country})", 3,
                             "مسلحون مجهولون", country)

    def _generic(self, rid: str, name: str, inter: int, ar: str, country: Optional[str]) -> Actor:
        r = self._records.get(rid) or ActorRecord(rid, name, inter, "{country}", "agent", 2, "AGENT", name_ar=ar)
        return r.to_actor(r.name_ar or ar, country)


def civilian(country: Optional[str]) -> Actor:
    """Civilians (COUNTRY), inter 7."""
    return ActorDictionary.default().civilian(country)


def unidentified(country: Optional[str]) -> Actor:
    """Unidentified Armed Group (COUNTRY), inter 3."""
    return ActorDictionary.default().unidentified(country)


def _clean(s: str) -> str:
    return " ".join(normalize_for_matching(s).replace("«", " ").replace("»", " ").replace("“", " ")
                    .replace("”", " ").replace('"', " ").split())


def _first_readings(w: str) -> list[str]:
    """The word, then without و/ف, ب/ل/ك (لل read as ل + ال) and ال: the segmenter's readings."""
    return norm_reading_forms(w)


def _variants(ws: list[str]) -> Iterator[list[str]]:
    """Word lists to try for a mention, most literal first."""
    def readings(seq: list[str]) -> Iterator[list[str]]:
        if seq:
            for r in _first_readings(seq[0]):
                yield [r] + seq[1:]

    yield from readings(ws)
    # drop trailing adjectives
    tail = list(ws)
    while len(tail) > 1 and tail[-1] in _TRAILING:
        tail = tail[:-1]
        yield from readings(tail)
    # drop leading "members of" words (after clitics), then retry
    rest = list(tail)
    for _ in range(2):
        if len(rest) > 1 and any(r in _LEADING for r in _first_readings(rest[0])):
            rest = rest[1:]
            yield from readings(rest)
        else:
            break


# =========================================================================== patterns
@dataclass(frozen=True)
class _Patterns:
    heads: dict[str, dict]
    overrides: tuple[tuple[tuple[str, ...], int], ...]
    titles: dict[str, int]
    alias: frozenset[str]
    kunya: frozenset[str]
    stop: frozenset[str]
    generic: frozenset[str]
    romanise: dict[str, str]


@lru_cache(maxsize=1)
def patterns() -> _Patterns:
    """The pattern file, normalised."""
    d = load_yaml("actor_patterns.yaml")
    n = normalize_for_matching
    stop = set()
    for ws in d["stop_words"].values():
        if isinstance(ws, list):
            stop |= {n(w) for w in ws}
    generic = {n(w) for w in d["stop_words"].get("generic_after_head", [])}
    return _Patterns(
        heads={n(k): {**v, "name_start": [n(w) for w in v.get("name_start", [])], "joins": {n(w) for w in v.get("joins", [])}}
               for k, v in d["actor_heads"].items()},
        overrides=tuple((tuple(n(w) for w in o["words"]), int(o["inter"])) for o in d.get("head_overrides", [])),
        titles={n(k): int(v) for k, v in d["person_titles"].items()},
        alias=frozenset(n(w) for w in d["alias_markers"] if " " not in w),
        kunya=frozenset(n(w) for w in d["kunya_words"]),
        stop=frozenset(stop - generic) | frozenset(generic),
        generic=frozenset(generic),
        romanise={n(k): v for k, v in d["romanise"].items()},
    )


_OPEN_QUOTES = {"«", "“", '"', "'", "‘", "„"}
_CLOSE_QUOTES = {"»", "”", '"', "'", "’"}


def _is_word(t: str) -> bool:
    return bool(t) and all("\u0621" <= c <= "\u064a" for c in t)


def _strip_clitics(t: str) -> list[str]:
    """The word, then without و/ف and ب/ل/ك, keeping the article (للواء → لواء, اللواء; والقيادي → القيادي).
    Unlike the dictionary readings, ال is not stripped: a head word with the article (القوات
    السورية) is a generic noun phrase, not the start of a name; heads that take it are listed so."""
    out = [t]
    for c in (0, 1):
        if c and t[:1] not in CONJUNCTIONS:
            continue
        for p in (0, 1):
            if p and t[c:c + 1] not in PREPOSITIONS:
                continue
            i = c + p
            if i and len(t) - i >= 2:
                out.append(t[i:])
                if p and t[c] == "ل" and t.startswith("ل", i):  # لل = ل + (ا)ل
                    out += ["ا" + t[i:], "ال" + t[i:]]
    return out


def _head_of(t: str, p: _Patterns) -> Optional[str]:
    """The head word a token carries (after و ف ب ل ك), else None."""
    for r in _strip_clitics(t):
        if r in p.heads:
            return r
    return None


def _title_of(t: str, p: _Patterns) -> Optional[str]:
    for r in _strip_clitics(t):
        if r in p.titles:
            return r
    return None


def _name_ok(t: str, p: _Patterns) -> bool:
    """Can this token be part of a name?"""
    if not _is_word(t) or t in p.stop or len(t) < 2:
        return False
    if t[0] in CONJUNCTIONS and t[1:] in p.stop:
        return False
    if t[0] in CONJUNCTIONS and t.startswith("ال", 1):  # والمدينة: coordination ends the name
        return False
    if t[0] in PREPOSITIONS and (t.startswith("ال", 1) or t.startswith("لل")):  # بالريف, للمدينة: a prepositional phrase
        return False
    if len(t) > 3 and t[0] == "ل" and t[1] in "يتن":  # لتلقي, ليتم: ل + verb
        return False
    if len(t) > 4 and t.endswith(("هم", "هما", "كم", "هن", "ها")):  # تجنيدهم: a noun with a pronoun
        return False
    if t in p.alias or _title_of(t, p) is not None:
        return False
    return True


def _name_run(tokens: list[str], i: int, limit: int, p: _Patterns) -> int:
    """End (exclusive) of a name starting at token i (i itself when none)."""
    if i < len(tokens) and tokens[i] in _OPEN_QUOTES:
        j = i + 1
        while j < len(tokens) and j - i <= 5 and tokens[j] not in _CLOSE_QUOTES:
            if not _is_word(tokens[j]):
                return i
            j += 1
        if j < len(tokens) and tokens[j] in _CLOSE_QUOTES and j > i + 1:
            return j + 1
        return i
    j = i
    while j < len(tokens) and j - i < limit and _name_ok(tokens[j], p) and _head_of(tokens[j], p) is None:
        j += 1
    return j


def match_patterns(tokens: list[str]) -> list[tuple[int, int, str]]:
    """(first token, token after the last, "ACTOR" | "PERSON") of each pattern match.

    ``tokens`` are normalised words as written (clitics attached, punctuation as tokens).
    ACTOR spans include the head word (كتائب سيد الشهداء); PERSON spans are the name only
    (القيادي [أسعد الحسين]); "X الملقب بأبو Y" gives X and أبو Y (the span of أبو Y starts at
    the token that carries أبو, which may be written with its ب: بأبو).
    """
    p = patterns()
    out: list[tuple[int, int, str]] = []
    n = len(tokens)
    i = 0
    while i < n:
        t = tokens[i]
        head = _head_of(t, p)
        title = _title_of(t, p)
        nxt = tokens[i + 1] if i + 1 < n else ""
        # اللواء + a name without article is a rank (اللواء جميل الحسن); لواء + name is a brigade
        if title == "اللواء" and nxt.startswith("ال"):
            title = None
        rank_reading = False
        if head and title is None and nxt not in p.generic and _starts_name(nxt, p.heads[head]["name_start"]):
            limit = int(p.heads[head].get("max", 3))
            end = _name_run(tokens, i + 1, limit + (nxt in p.heads[head]["joins"]), p)  # آل عواض, بني ضبيان
            if end > i + 1:
                out.append((i, end, "ACTOR"))
                i = end
                continue
        if title or rank_reading:
            limit = p.titles.get(title, 3) if title else 3
            start = i + 1
            end = _name_run(tokens, start, limit, p)
            # a title followed by a preposition (القيادي في التنظيم) is not a name
            if end > start:
                out.append((start, end, "PERSON"))
                i = end
                continue
        if t in p.alias and i + 1 < n:
            out += _alias(tokens, i, p)
        i += 1
    out.sort()
    return _dedupe(out)


def _starts_name(t: str, starts: list[str]) -> bool:
    """Can a name that must start with one of ``starts`` (the article ال, or whole words بني, أولاد) start at t?"""
    return not starts or any(t == s or (s == "ال" and t.startswith(s)) for s in starts)


def _alias(tokens: list[str], i: int, p: _Patterns) -> list[tuple[int, int, str]]:
    """X الملقب بأبو Y / X الملقب ب أبو Y / X الملقب "أبو Y"."""
    found = []
    j = i + 1
    if tokens[j] in ("ب", "بـ") and j + 1 < len(tokens):
        j += 1
    if tokens[j] in _OPEN_QUOTES and j + 1 < len(tokens):
        j += 1
    t = tokens[j]
    if t in p.kunya or (t[:1] == "ب" and t[1:] in p.kunya):
        end = j + 1  # the kunya's name: علي is a name here, not the preposition على
        while end < len(tokens) and end - j <= 2 and (_name_ok(tokens[end], p) or tokens[end] == "علي"):
            end += 1
        if end > j + 1:
            found.append((j, end, "PERSON"))
    # X: up to 3 name words before the marker, after any title
    k = i
    while k > 0 and i - k < 3 and _name_ok(tokens[k - 1], p) and _title_of(tokens[k - 1], p) is None \
            and _head_of(tokens[k - 1], p) is None:
        k -= 1
    if k < i:
        found.append((k, i, "PERSON"))
    return found


def _dedupe(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Drop spans inside another span of the same type; keep text order."""
    keep = []
    for s in sorted(spans, key=lambda x: (x[0], -(x[1] - x[0]))):
        if any(k[0] <= s[0] and s[1] <= k[1] and k[2] == s[2] for k in keep):
            continue
        keep.append(s)
    return sorted(keep)


def pattern_actor(norm_name: str) -> Optional[ActorRecord]:
    """A record for an actor name that only a head-word pattern found (لواء أسود العشائر)."""
    toks = _clean(norm_name).split()
    if not toks:
        return None
    p = patterns()
    for a, b, kind in match_patterns(toks):
        if a == 0 and kind == "ACTOR" and b == len(toks):
            head = _head_of(toks[0], p)
            spec = p.heads[head]
            inter = int(spec.get("inter", 3))
            words = [r for r in _strip_clitics(toks[0]) if r == head or r == "ال" + head][:1] or [head]
            words += toks[1:]
            for ws, code in p.overrides:
                if tuple(words[:len(ws)]) == ws:
                    inter = code
            name, country = romanise(" ".join(words)), None
            if spec.get("militia"):  # an identity militia of the article's country: "Al Awad Tribal Militia (Yemen)"
                own = romanise(" ".join(toks[1:]))
                name, country = spec["militia"].replace("{name}", own[:1].upper() + own[1:]), "{country}"
            return ActorRecord(id="pattern:" + "_".join(words), name=name, inter=inter,
                               country=country, source="pattern", priority=9, name_ar=" ".join(words))
    return None


# =========================================================================== romanisation
_LETTERS = {
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z",
    "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "'", "غ": "gh", "ف": "f", "ق": "q",
    "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "ء": "'", "ئ": "'", "ؤ": "'",
}


def romanise(arabic: str) -> str:
    """A readable ACLED-style romanisation of an unvocalised Arabic name ("لواء الباقر" → "Liwa al-Baqir").

    Known words come from the pattern file's table; the rest are romanised letter by letter,
    with long vowels from ا و ي and a short a (i before a final consonant after ا) guessed
    between consonants. Good enough to read and search, not a scholarly transliteration.
    """
    p = patterns()
    heads = {h: v.get("romanised") for h, v in p.heads.items() if v.get("romanised")}
    out = []
    for w in normalize_for_matching(arabic).split():
        if w in p.romanise:
            out.append(p.romanise[w])
        elif w in heads:
            out.append(heads[w])
        elif w.startswith("ال") and len(w) > 3:
            stem = w[2:]
            r = p.romanise.get(stem) or heads.get(stem) or _letters(stem)
            out.append("al-" + r[:1].upper() + r[1:] if not r.startswith("al-") else r)
        else:
            r = _letters(w)
            out.append(r[:1].upper() + r[1:])
    return " ".join(out)


def _letters(w: str) -> str:
    cons = set(_LETTERS)
    syms: list[tuple[str, bool]] = []  # (latin, is_consonant)
    for i, c in enumerate(w):
        prev_c = i > 0 and w[i - 1] in cons
        if c in ("ا", "ى", "آ"):
            syms.append(("a", False))
        elif c == "و":
            syms.append(("u", False) if prev_c and i > 0 else ("w", True))
        elif c == "ي":
            syms.append(("i", False) if prev_c and i > 0 else ("y", True))
        elif c == "ه" and i == len(w) - 1 and i > 0:
            syms.append(("a", False))  # teh marbuta (normalised to ه)
        elif c in _LETTERS:
            syms.append((_LETTERS[c], True))
    res = []
    for k, (s, is_c) in enumerate(syms):
        res.append(s)
        if is_c and k + 1 < len(syms) and syms[k + 1][1]:
            last_pair = k + 2 == len(syms)
            after_long = k > 0 and syms[k - 1] == ("a", False)
            res.append("i" if last_pair and after_long else "a")
    s = "".join(res).replace("aa", "a").replace("''", "'")
    return s.strip("'") or w


# =========================================================================== evaluation
def evaluate(path: Path = HELDOUT, dictionary: Optional[ActorDictionary] = None, verbose: bool = False) -> dict:
    """Precision, recall and F1 of ``link`` on a TSV of (mention, country, date, expected)."""
    d = dictionary or ActorDictionary.default()
    tp = fp = fn = 0
    errors = []
    with open(path, encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip() and not line.startswith("#")]
    header, rows = rows[0], rows[1:]
    for row in rows:
        row += [""] * (4 - len(row))
        mention, country, date, expected = row[:4]
        got = d.link(normalize_for_matching(mention), country=country or None,
                     date=dt.date.fromisoformat(date) if date else None)
        name = got.name if got else ""
        if name and name == expected:
            tp += 1
        elif name or expected:
            if name:
                fp += 1
            if expected:
                fn += 1
            errors.append((mention, country, date, expected, name))
    prec, rec, f1 = prf(tp, tp + fp, tp + fn)
    return {"rows": len(rows), "tp": tp, "fp": fp, "fn": fn, "precision": prec, "recall": rec, "f1": f1,
            "errors": errors}


def evaluate_paragraphs(path: Path, dictionary: Optional[ActorDictionary] = None) -> dict:
    """Actor-name recall on gold event paragraphs (JSONL with text, country, published, events).

    Every dictionary match in a paragraph is linked with the paragraph's country and date; an
    expected actor1/actor2 name counts as found when one of the linked matches has that name.
    Precision here is the share of linked names that are some expected actor of the paragraph
    (a mention of an actor that is not part of any coded event counts against it).
    """
    import json

    from .document import Document
    from .matcher import PhraseMatcher
    from .normalize import Normalize
    from .segment import Segment

    d = dictionary or ActorDictionary.default()
    m = PhraseMatcher(skip_quotes=True)  # as the NER stage matches: حركة «حسم» is حركة حسم
    for form, rid in d.entries():
        m.add(tuple(form.split()), rid)
    exp_total = exp_found = pred_total = pred_ok = 0
    missed = []
    for line in open(path, encoding="utf-8"):
        g = json.loads(line)
        date = dt.date.fromisoformat(g["published"]) if g.get("published") else None
        doc = Segment()(Normalize()(Document(g["text"])))
        names = set()
        for sent in doc.sentences:
            for match in m.find(doc.sentence_tokens(sent)):
                a = d.link(" ".join(match.key), country=g.get("country"), date=date)
                if a:
                    names.add(a.name)
        expected = {e[k] for e in g.get("events", []) for k in ("actor1", "actor2") if e.get(k)}
        exp_total += len(expected)
        exp_found += len(expected & names)
        pred_total += len(names)
        pred_ok += len(names & expected)
        missed += [(g["id"], x) for x in sorted(expected - names)]
    return {"expected": exp_total, "found": exp_found, "recall": exp_found / exp_total if exp_total else 0.0,
            "linked": pred_total, "precision": pred_ok / pred_total if pred_total else 0.0, "missed": missed}


def main(argv: Optional[list[str]] = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(prog="python -m conflict_events.actors")
    sub = ap.add_subparsers(dest="cmd", required=True)
    ev = sub.add_parser("evaluate", help="P/R/F1 of actor linking on the held-out list")
    ev.add_argument("--file", type=Path, default=HELDOUT)
    ev.add_argument("--paragraphs", type=Path, help="also score actor-name recall on gold event paragraphs (JSONL)")
    lk = sub.add_parser("link", help="link one Arabic mention")
    lk.add_argument("mention")
    lk.add_argument("--country")
    lk.add_argument("--date")
    args = ap.parse_args(argv)
    if args.cmd == "evaluate":
        r = evaluate(args.file)
        print(f"rows {r['rows']}  tp {r['tp']}  fp {r['fp']}  fn {r['fn']}")
        print(f"precision {r['precision']:.3f}  recall {r['recall']:.3f}  F1 {r['f1']:.3f}")
        for m, c, d, e, g in r["errors"]:
            print(f"  MISS {m!r} [{c} {d}] expected {e!r} got {g!r}")
        if args.paragraphs:
            p = evaluate_paragraphs(args.paragraphs)
            print(f"paragraphs {args.paragraphs}: expected actors {p['expected']}, found {p['found']} "
                  f"(recall {p['recall']:.3f}); linked names {p['linked']} (precision {p['precision']:.3f})")
            for pid, name in p["missed"]:
                print(f"  NOT FOUND {pid}: {name}")
        return 0
    a = ActorDictionary.default().link(normalize_for_matching(args.mention), country=args.country,
                                       date=dt.date.fromisoformat(args.date) if args.date else None)
    print(a.model_dump_json() if a else "null")
    return 0


if __name__ == "__main__":
    sys.exit(main())
