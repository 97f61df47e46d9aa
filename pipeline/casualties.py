"""Casualties stage: killed, injured, abducted and arrested figures of each event mention.

The figures are read from the mention's sentence in the normalised text and every span
is mapped back to the original. The vocabulary and the ACLED coding rules (R1-R13) are in
``pipeline/data/casualties_ar.yaml``; the numbers themselves come from ``conflict_events.numbers``.
Choosing among the mentions of one incident is the merge stage's, via ``combine_counts``.

    python -m conflict_events.casualties evaluate   # P/R/F1 on data/samples/casualties_heldout.tsv
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Optional

from .document import Count, Document
from .metrics import prf
from .normalize import QUOTE_MARKS, normalize_for_matching
from .numbers import CLITICS, Tok, read_number, tokenize
from .resources import load_yaml
from .stage import Stage

KINDS = ("killed", "injured", "abducted", "arrested")
PUNCT_BREAKS = set(",،.;؛:!?؟()[]")  # a quote mark («» "") cuts no clause (normalize.QUOTE_MARKS)
PRE_WINDOW = 6  # tokens between a cue and the figure after it
POST_WINDOW = 8  # tokens between a figure and a cue noun after it (ثلاثة عناصر من الشرطة مصرعهم)
VAGUE = "vague:"  # the rule of a vague quantity's minimum (عشرات = 10)


@dataclass(frozen=True)
class Cue:
    """A word that says what happened to people: its kind, position and whether it is a pronoun form."""

    kind: str
    i: int
    roles: frozenset
    anaphoric: bool


@dataclass
class Fig:
    """A figure found in a sentence, before it is given a kind (token range, normalised span)."""

    value: int
    first: int
    last: int
    start: int
    end: int
    rule: str
    conj: bool = False
    explicit: bool = True  # False for the implied plural minimum (R8)
    kind: Optional[str] = None
    cue: Optional[int] = None
    subset: bool = False
    join: Optional[int] = None  # where an addition word (إضافة إلى) before the figure starts
    attacker: bool = False  # the figure counts the attackers who died (الانتحاري): R22
    side: Optional[str] = None  # whose dead: "state" or "armed" (R25)
    party: Optional[str] = None  # whose dead, by the actor named after the figure (R25b)


def _n(words) -> list[str]:
    """Normalise a list of vocabulary entries (underscores are spaces)."""
    return [normalize_for_matching(str(w).replace("_", " ")) for w in words]


@lru_cache(maxsize=1)
def vocab() -> dict:
    """The casualty vocabulary, normalised, with cue forms expanded to their pronoun forms."""
    raw = load_yaml("casualties_ar.yaml")
    enc = _n(raw["enclitics"])
    cues: dict[str, dict] = {}
    for kind, d in raw["kinds"].items():
        for role in ("pre", "post"):
            for f in _n(d[role]):
                forms = [(f, False)] + [(f + e, True) for e in enc]
                if f.endswith("ه"):
                    forms += [(f[:-1] + "ت" + e, True) for e in enc]
                for form, ana in forms:
                    entry = cues.setdefault(form, {"kind": kind, "roles": set(), "anaphoric": ana})
                    if entry["kind"] == kind:
                        entry["roles"].add(role)
    needs = {}
    for d in raw["kinds"].values():
        for k, v in (d.get("needs_object") or {}).items():
            needs[normalize_for_matching(k)] = _n(v)
    persons = raw["person_nouns"]
    vague = {tuple(normalize_for_matching(k).split()): v for k, v in raw["vague"].items()}
    return {
        "cues": cues,
        "needs": needs,
        "plural": {normalize_for_matching(w): k for k, d in raw["kinds"].items() for w in d["plural"]},
        "enclitics": enc,
        "at_least": [tuple(p.split()) for p in _n(raw["qualifiers"]["at_least"])],
        "about": [tuple(p.split()) for p in _n(raw["qualifiers"]["about"])],
        "after_at_least": [tuple(p.split()) for p in _n(raw["qualifiers"]["after_at_least"])],
        "range_open": set(_n(raw["range_words"]["open"])),
        "range_join": set(_n(raw["range_words"]["join"])),
        "vague": vague,
        "few": {k for k, v in vague.items() if v == 3},
        "subset": set(_n(raw["subset_markers"])),
        "subject_openers": set(_n(raw["subject_openers"])),
        "toll_heads": set(_n(raw["toll_heads"])),
        "toll_nouns": {f: kind for kind, words in raw["toll_nouns"].items() for w in _n(words)
                       for f in (w, "ال" + w, *(w + e for e in enc))},
        "toll_window": int(raw["toll_window"]),
        "toll_period": set(_n(raw["toll_period_words"])),
        "addition": [tuple(p.split()) for p in _n(raw.get("addition_words", []))],
        "broken": set(_n(persons["broken_plural"])),
        "sound": set(_n(persons["sound_plural"])),
        "kin": set(_n(persons["kin"])),
        "number_forms": _number_forms(set(_n(persons["broken_plural"])), set(_n(persons["sound_plural"]))),
        # a kin word with a possessive ending: ابنه، ابنتها (the ة of the stem becomes ت)
        "kin_forms": {f for k in _n(persons["kin"]) for e in enc for f in (k, k[:-1] + "ت" + e, k + e)},
        "titles": set(_n(persons["titles"])),
        "plurals": set(_n(persons["plurals"])),
        "one_more": set(_n(persons["one_more"])),
        "others": set(_n(persons["others"])),
        "after": set(_n(raw["not_count_after"])),
        "before": set(_n(raw["not_count_before"])),
        "always_before": set(_n(raw["always_block_before"])),
        "breaks": [tuple(p.split()) for p in _n(raw["clause_breaks"])],
        "accusation": set(_n(raw.get("accusation_words", []))),
        "sides": {side: frozenset(_n(words)) for side, words in raw.get("sides", {}).items()},
        # attacker phrases, each word without its article as figures are read
        "attackers": [tuple(strip(w) for w in p.split()) for p in _n(raw.get("attacker_words", []))],
        "bomber_pairs": set(_n(raw["bomber_pairs"])),
        "bombers_included": _n(raw["bombers_included"]),
        "months": _month_words(),
    }


def _month_words() -> set[str]:
    """Month names (Gregorian and Hijri) from the dates vocabulary, to skip day numbers."""
    raw = load_yaml("dates_ar.yaml")
    out = set()
    for table in ("months", "hijri_months"):
        for name in raw.get(table, {}):
            out.add(normalize_for_matching(name).split()[0])
    return out


@lru_cache(maxsize=200_000)
def strip(word: str) -> str:
    """A word without its conjunction/preposition proclitics (و ف ب ل ك), when one is there."""
    for c in ("وب", "ول", "فب", "فل", "و", "ف", "ب", "ل", "ك"):
        if word.startswith(c) and len(word) - len(c) >= 2:
            return word[len(c):]
    return word


def cue_at(word: str) -> Optional[dict]:
    """The cue entry of a word (any proclitic reading), or None."""
    cues = vocab()["cues"]
    for c in CLITICS:
        if word.startswith(c) and word[len(c):] in cues:
            return cues[word[len(c):]]
    return None


def is_break(toks: list[Tok], i: int) -> bool:
    """True when token i ends a clause (punctuation or a clause-break word)."""
    if toks[i].text in PUNCT_BREAKS:
        return True
    return any(tuple(t.text for t in toks[i:i + len(p)]) == p for p in vocab()["breaks"])


def ends_with(toks: list[Tok], i: int, phrases) -> int:
    """Length of the phrase among ``phrases`` that ends just before token i (0 if none)."""
    for p in sorted(phrases, key=len, reverse=True):
        n = len(p)
        if i - n >= 0 and tuple(strip(t.text) if k == 0 else t.text
                                for k, t in enumerate(toks[i - n:i])) in (p, tuple(strip(w) for w in p)):
            return n
        if i - n >= 0 and tuple(t.text for t in toks[i - n:i]) == p:
            return n
    return 0


def starts_with(toks: list[Tok], i: int, phrases) -> int:
    """Length of the phrase among ``phrases`` that starts at token i (0 if none)."""
    for p in sorted(phrases, key=len, reverse=True):
        if tuple(t.text for t in toks[i:i + len(p)]) == p:
            return len(p)
    return 0


def person_value(word: str) -> Optional[tuple[int, str]]:
    """(count, rule) a person word implies: title/singular 1, dual 2, ambiguous -ين 2, plural 3.
    An indefinite accusative singular (مواطناً, طفلاً → مواطنا, طفلا) counts 1."""
    v = vocab()
    w = strip(word)
    bare = w[2:] if w.startswith("ال") and len(w) > 4 else w
    if w in v["titles"]:
        return 1, "named-victim"
    for stem in (w, bare):
        if stem in v["broken"] or stem in v["sound"] or stem in v["one_more"]:
            return 1, "singular"
        if stem in v["kin_forms"]:
            return 1, "singular"
        if stem in v["plurals"] and stem == w:
            return 3, "plural-no-number"
    if w in v["number_forms"]:
        return v["number_forms"][w]
    if w.endswith("ا") and len(w) > 3 and not w.startswith("ال") and (w[:-1] in v["broken"] or w[:-1] in v["sound"]):
        return 1, "singular"
    if w in v["others"]:
        return 3, "plural-no-number"
    return None


def _number_forms(broken: set[str], sound: set[str]) -> dict[str, tuple[int, str]]:
    """Dual and plural forms of the singular person words: جنديان/جنديين 2, مسلحون 3."""
    out: dict[str, tuple[int, str]] = {}
    for sg in sorted(broken | sound):
        base = sg[:-1] + "ت" if sg.endswith("ه") else sg
        out.setdefault(base + "ان", (2, "dual"))
        out.setdefault(base + "ين", (2, "dual") if sg in broken else (2, "ambiguous-dual-or-plural"))
        if sg in sound:
            out.setdefault(sg + "ون", (3, "plural-no-number"))
    return out


def _indef(word: str) -> str:
    """A word without its article (المحتجين → محتجين)."""
    return word[2:] if word.startswith("ال") and len(word) > 4 else word


@lru_cache(maxsize=200_000)
def _proclitic_readings(word: str) -> frozenset[str]:
    """The word, without its longest proclitic, and without only و/ف (وبعض → بعض, not عض)."""
    return frozenset({word, strip(word)} | ({word[1:]} if word[:1] in ("و", "ف") and len(word) > 3 else set()))


@lru_cache(maxsize=1)
def _vague_index() -> tuple[dict[str, list[tuple]], list[tuple]]:
    """The vague-quantity phrases by first word, and all of them, longest first."""
    keys = sorted(vocab()["vague"], key=len, reverse=True)
    index: dict[str, list[tuple]] = {}
    for key in keys:
        index.setdefault(key[0], []).append(key)
    return index, keys


def read_vague(toks: list[Tok], i: int) -> Optional[tuple[int, int, tuple]]:
    """(value, index after, key) of a vague quantity at token i (العشرات، عدد من), else None."""
    index, keys = _vague_index()
    forms = _proclitic_readings(toks[i].text)
    if not any(f in index for f in forms):
        return None
    for key in keys:  # longest first, as the table is read
        if key[0] not in forms:
            continue
        n = len(key)
        words = [t.text for t in toks[i:i + n]]
        if len(words) == n and words[1:] == list(key[1:]):
            return vocab()["vague"][key], i + n, key
    return None


@lru_cache(maxsize=100_000)
def may_be_figure(word: str) -> bool:
    """Whether read_vague or read_number can read anything at a word: و (before digits), a word
    that begins with a digit, a number word (``word_class``), or a form that begins a vague
    quantity. Each of them returns None at any other word, whatever follows it (cached: words recur)."""
    from .numbers import word_class

    return word == "و" or word[:1].isdigit() or bool(word_class(word)[0]) \
        or any(f in _vague_index()[0] for f in _proclitic_readings(word))


def read_figures(toks: list[Tok]) -> list[Fig]:
    """Every candidate figure in a sentence's tokens: numbers, ranges, vague words, dual nouns."""
    v = vocab()
    figs: list[Fig] = []
    i = 0
    while i < len(toks):
        if not may_be_figure(toks[i].text):  # most words: neither a number nor a vague quantity
            i += 1
            continue
        vg = read_vague(toks, i)
        if vg is not None:
            val, k, key = vg
            nxt = strip(toks[k].text) if k < len(toks) else ""
            prev = person_value(toks[i - 1].text) if i else None
            plural_noun = nxt.startswith("ال") and nxt.endswith(("ين", "ون")) and len(nxt) > 5  # بعض المهاجمين
            if key in v["few"] and not (person_value(nxt) or person_value(_indef(nxt)) or nxt == "من"
                                        or plural_noun or (prev and prev[0] == 3)):
                i = k
                continue
            start = toks[i].start + (len(toks[i].text) - len(key[0]) if key[0] != toks[i].text else 0)
            figs.append(Fig(val, i, k, start, toks[k - 1].end, f"{VAGUE}{' '.join(key)}={val}",
                            conj=toks[i].text.startswith("و") and key[0] != toks[i].text))
            i = k
            continue
        num = read_number(toks, i)
        if num is None:
            i += 1
            continue
        fig = Fig(num.value, num.first, num.last, num.start, num.end, num.kind, conj=num.conj)
        if _not_a_count(toks, fig):
            i = num.last
            continue
        _qualify(toks, fig)
        figs.append(fig)
        i = fig.last
    figs = _dual_nouns(toks, figs)
    for f in figs:  # R3: إضافة إلى [noun] N adds N, as و does
        for j in (f.first, f.first - 1):
            n = ends_with(toks, j, v["addition"]) if j > 0 and not f.conj else 0
            if n:
                f.conj, f.join = True, j - n
    return figs


def _not_a_count(toks: list[Tok], fig: Fig) -> bool:
    """R12: ages, durations, distances, money, objects, years, dates and unit numbers."""
    v = vocab()
    nxt = toks[fig.last].text if fig.last < len(toks) else ""
    prev = toks[fig.first - 1].text if fig.first > 0 else ""
    prev2 = toks[fig.first - 2].text if fig.first > 1 else ""
    if strip(nxt) in v["after"] or nxt in v["after"] or nxt in ("%", "٪"):
        return True
    if strip(nxt) in v["months"] or nxt in ("/", "-", ":") and fig.last + 1 < len(toks) and toks[fig.last + 1].text[:1].isdigit():
        return True
    glued = fig.first > 0 and toks[fig.first - 1].end == toks[fig.first].start  # 11:30, 15/3 (not "العسكريين: اثنان")
    if prev == "/" or (prev == ":" and glued) or (prev == "-" and prev2[:1].isdigit()):
        return True
    if strip(prev) in v["always_before"] or prev in v["always_before"]:
        return True
    looks_like_year = 1900 <= fig.value <= 2100
    if looks_like_year and (strip(prev) in v["before"] or prev in v["before"]):
        return True
    if looks_like_year and person_value(nxt) is None and cue_at(nxt) is None:
        return True
    return False


def _qualify(toks: list[Tok], fig: Fig) -> None:
    """Apply R4 (ranges → lower bound) and R5 (at least / about N → N), widening the span."""
    v = vocab()
    for name, phrases in (("at-least", v["at_least"]), ("about", v["about"])):
        n = ends_with(toks, fig.first, phrases)
        if n:
            fig.rule = f"{name}+{fig.rule}"
            fig.first -= n
            fig.start = toks[fig.first].start
            break
    # ranges: [بين|من] N و|إلى|- M
    j = fig.last
    if j < len(toks):
        join = toks[j].text
        opener = fig.first > 0 and toks[fig.first - 1].text in v["range_open"]
        nxt = None
        if join in v["range_join"] or join == "-":
            nxt = read_number(toks, j + 1) if j + 1 < len(toks) else None
            if join == "و" and nxt is None:
                nxt = read_number(toks, j)
        elif join.startswith("و") and opener:
            nxt = read_number(toks, j)
        ok_join = join in ("الي", "حتي", "-") or opener
        if nxt is not None and ok_join and nxt.value > fig.value:
            fig.rule = f"range-lower+{fig.rule}"
            fig.last = nxt.last
            fig.end = nxt.end
            if opener:
                fig.first -= 2 if fig.first > 1 and toks[fig.first - 2].text == "ما" else 1
                fig.start = toks[fig.first].start
    if fig.value == 1 and fig.first > 0 and (person_value(toks[fig.first - 1].text) or (0, ""))[0] == 1:
        fig.first -= 1  # مدني واحد: cite the noun with its number
        fig.start = toks[fig.first].start
    if fig.last < len(toks):
        n = starts_with(toks, fig.last + 1, v["after_at_least"]) or starts_with(toks, fig.last, v["after_at_least"])
        if n:
            fig.rule = f"at-least+{fig.rule}"


def _dual_nouns(toks: list[Tok], figs: list[Fig]) -> list[Fig]:
    """R9: dual nouns (قتيلان، جنديين، شرطيان) not next to a number become figures of 2."""
    taken = {k for f in figs for k in range(f.first, f.last)}
    # a figure joined by و after the noun is another count (قتيلان وثلاثة جرحى), not the noun's number
    joined = {f.first for f in figs if f.conj}
    out = list(figs)
    for i, t in enumerate(toks):
        if i in taken or (i - 1) in taken or ((i + 1) in taken and (i + 1) not in joined):
            continue
        pv = person_value(t.text)
        cue = cue_at(t.text)
        dual_cue = cue is not None and "post" in cue["roles"] and (t.text.endswith("ان") or t.text.endswith("تين") or t.text.endswith("يلين") or t.text.endswith("يحين") or t.text.endswith("يدين"))
        if (pv is not None and pv[1] == "dual") or dual_cue:
            lead = len(t.text) - len(strip(t.text))
            out.append(Fig(2, i, i + 1, t.start + lead, t.end, "dual", conj=t.text.startswith("و") and lead > 0))
    return sorted(out, key=lambda f: f.first)


def find_cues(toks: list[Tok]) -> list[Cue]:
    """The casualty cue words of a sentence (verbs and nouns of killing, injury, abduction, arrest)."""
    v = vocab()
    words = [strip(t.text) for t in toks] + [t.text for t in toks]
    out = []
    for i, t in enumerate(toks):
        entry = cue_at(t.text)
        if entry is None:
            continue
        base = strip(t.text)
        need = v["needs"].get(base) or v["needs"].get(t.text)
        if need and not any(w.startswith(n) for w in words for n in need):
            continue
        if _accused(toks, i):
            continue
        out.append(Cue(entry["kind"], i, frozenset(entry["roles"]), entry["anaphoric"]))
    return out


ASIDE_OPENERS = {"معظمهم", "غالبيتهم", "اغلبهم", "بينهم", "منهم", "معظمهن", "بينهن", "جلهم"}


def _aside(toks: list[Tok], j: int, reach: int = 5) -> set[int]:
    """Token indices of a parenthetical about the figure's people right after it, between commas
    (، معظمهم نساء وأطفال،), when one starts within ``reach`` tokens of j."""
    for i in range(j, min(len(toks) - 1, j + reach)):
        if toks[i].text in ("،", ",") and toks[i + 1].text in ASIDE_OPENERS:
            for k in range(i + 2, min(len(toks), i + 12)):
                if toks[k].text in ("،", ","):
                    return set(range(i, k + 1))
            return set()
    return set()


def _accused(toks: list[Tok], i: int) -> bool:
    """True when cue i is what someone is accused of (اتهام أحد العمال بقتل مواطن)."""
    acc = vocab()["accusation"]
    for k in range(i - 1, max(-1, i - 4), -1):
        if is_break(toks, k):
            return False
        if toks[k].text in acc or strip(toks[k].text) in acc:
            return True
    return False


def _blocked(toks: list[Tok], a: int, b: int) -> bool:
    """True when a clause break lies between tokens a and b (exclusive); quote marks around a
    name (عناصر «قسد» واثنين) break nothing."""
    return any(is_break(toks, k) and toks[k].text not in QUOTE_MARKS for k in range(a, b))


def assign(toks: list[Tok], figs: list[Fig], cues: list[Cue]) -> None:
    """Give each figure the kind of its cue: a cue noun after it, a cue before it, or a cue noun further on."""
    v = vocab()
    by_pos = {c.i: c for c in cues}
    fig_at = {k: f for f in figs for k in range(f.first, f.last)}
    subset_from = None
    for i, t in enumerate(toks):  # R10: figures after بينهم/منهم are a subset of the one before
        if t.text in v["subset"] or strip(t.text) in v["subset"]:
            subset_from = i
        elif subset_from is not None and (is_break(toks, i) or (i in by_pos and not by_pos[i].anaphoric)):
            subset_from = None
        if subset_from is not None and i in fig_at:
            fig_at[i].subset = True
    for f in figs:
        if f.rule.startswith("vague") and f.last < len(toks) and toks[f.last].text.startswith("ال"):
            entry = cue_at(toks[f.last].text[2:])  # عشرات الجرحى، مئات القتلى
            if entry is not None and "post" in entry["roles"]:
                f.kind, f.cue = entry["kind"], f.last
                f.end = toks[f.last].end
                continue
        c = by_pos.get(f.last)
        if c is not None and "pre" in c.roles and toks[c.i].text[:1] in ("و", "ف") and strip(toks[c.i].text) != toks[c.i].text:
            c = None  # وإصابة after a figure opens a new clause (مقتل طفلين وإصابة والدتهما)
        if c is not None and "post" in c.roles:
            f.kind, f.cue = c.kind, c.i
            f.end = toks[c.i].end
            continue
        if f.rule == "dual" and f.first in by_pos:
            c = by_pos[f.first]
            f.kind, f.cue = c.kind, c.i
            continue
        toll = toll_before(toks, f, fig_at)
        if toll is not None:
            f.kind, f.cue = toll
            continue
        k, lo = f.first, max(-1, f.first - 1 - PRE_WINDOW)
        while k - 1 > lo:
            k -= 1
            back = _time_aside_ending(toks, k)
            if back:  # قتل مسلحون، فجر اليوم، ثلاثة مدنيين
                k, lo = k - back + 1, max(-1, lo - back)
                continue
            opening = _quote_opening(toks, k)
            if opening is not None:  # a quoted name counts as one word (أعدم عناصر من تنظيم «الدولة الإسلامية»)
                lo = max(-1, lo - (k - opening))
                k = opening
                continue
            if is_break(toks, k):
                break
            if k in fig_at and not f.conj:
                break
            c = by_pos.get(k)
            if c is not None and "pre" in c.roles:
                f.kind, f.cue = c.kind, c.i
                break
        if f.kind:
            continue
        aside = _aside(toks, f.last)  # "42 شخصاً، معظمهم نساء وأطفال، قضوا": skip the aside
        for k in range(f.last, min(len(toks), f.last + POST_WINDOW + len(aside))):
            if k in aside:
                continue
            if is_break(toks, k) or (k in fig_at and fig_at[k] is not f):
                break
            c = by_pos.get(k)
            if c is not None and "post" in c.roles:
                f.kind, f.cue = c.kind, c.i
                break
    for n, f in enumerate(figs):  # R3: a figure joined by و to the one before shares its cue
        if f.kind or not f.conj or n == 0:
            continue
        prev = figs[n - 1]
        upto = f.join - 1 if f.join is not None else f.first  # "، إضافة إلى" may follow a comma
        if prev.kind and prev.cue is not None and not _blocked(toks, prev.last, upto):
            f.kind, f.cue = prev.kind, prev.cue
    for n in range(len(figs) - 2, -1, -1):  # ... and the one before a و-joined figure shares a cue
        f, nxt = figs[n], figs[n + 1]       # that follows them both (17 مسلحاً و4 جنود قُتلوا)
        if (not f.kind and nxt.conj and nxt.kind and nxt.cue is not None and nxt.cue >= nxt.last
                and not _blocked(toks, f.last, nxt.first)):
            f.kind, f.cue = nxt.kind, nxt.cue


def victim_after(toks: list[Tok], i: int, persons, taken) -> Optional[tuple[int, tuple[int, str]]]:
    """(token index, (count, rule)) of the victim word right after cue i, skipping a nominative subject.

    After an active verb a plural in -ون is the perpetrator (قتل مسلحون الناشط X): the word after
    it is the victim; when nothing follows, the -ون plural is read as the (passive) victims.
    """
    first, subject = None, False
    k, stop, off = i, min(len(toks), i + 3), 0  # off: tokens of skipped asides
    while k + 1 < stop:
        k += 1
        aside = _time_aside(toks, k)
        if aside:  # قتل مسلحون، فجر اليوم، ثلاثة مدنيين: the time between commas is skipped
            k, stop, off = k + aside - 1, min(len(toks), stop + aside), off + aside
            continue
        if k in taken or is_break(toks, k):
            return None
        if ((subject or first is not None) and k - off == i + 2 and toks[k].text.endswith("ون")
                and person_value(toks[k].text) is None):
            stop = min(len(toks), stop + 1)  # the subject's adjective (اغتال مسلحون مجهولون عضواً)
            continue
        pv = person_value(toks[k].text)
        if any(ps <= toks[k].start < pe for ps, pe in persons):
            pv = (1, "named-victim")
        if pv is None:
            if k - off == i + 1 and first is None and strip(toks[k].text).startswith("ال"):
                # a definite subject (نعى الفصيل القيادي X): only a title may follow
                continue
            if k - off == i + 1 and first is None and toks[k].text.endswith("ون"):
                subject = True  # a nominative plural subject (قتل مجهولون مزارعاً)
                continue
            return first
        if k - off > i + 1 and first is None and pv[1] != "named-victim" and not subject:
            return None
        if strip(toks[k].text).endswith("ون") and first is None and k - off == i + 1:
            first = (k, pv)
            continue
        return k, pv
    return first


def toll_before(toks: list[Tok], f: Fig, fig_at: dict) -> Optional[tuple[str, int]]:
    """(kind, noun index) of a toll named before the figure (R26: ارتفعت حصيلة القتلى إلى 32): a
    toll head and its noun in the same clause, with no other figure between; else None."""
    v = vocab()
    if f.rule.startswith(VAGUE):  # يصل عددهم إلى عشرات الآلاف: a tally, not a figure told
        return None
    for k in range(f.first - 1, max(0, f.first - 1 - v["toll_window"]), -1):
        if is_break(toks, k) or (k in fig_at and fig_at[k] is not f) or strip(toks[k].text) in v["toll_period"]:
            return None
        kind = v["toll_nouns"].get(strip(toks[k].text))
        if kind is not None and strip(toks[k - 1].text) in v["toll_heads"]:
            return kind, k
    return None


def victim_before(toks: list[Tok], i: int, taken) -> Optional[int]:
    """Token index of the one victim named as the subject of a complement clause before cue i
    (إن جنديا تركيا قتل، أن جنرالا كبيرا في الجيش البوروندي، قتل): an indefinite singular person
    noun right after أن/إن, with no other act, figure or clause break (a comma aside) between."""
    openers = vocab()["subject_openers"]
    for k in range(i - 1, max(0, i - 16), -1):
        if k in taken or cue_at(toks[k].text) is not None:
            return None
        if is_break(toks, k) and toks[k].text not in ("،", ","):
            return None
        if toks[k - 1].text in openers and person_value(toks[k].text) == (1, "singular") \
                and toks[k].text.endswith(("ا", "ة")):
            return k
    return None


def _time_aside(toks: list[Tok], k: int) -> int:
    """Length of a time phrase between commas opening at token k (، مساء أمس،), else 0."""
    if toks[k].text not in ("،", ","):
        return 0
    from .dates import time_words

    times = time_words()
    for j in range(k + 1, min(len(toks), k + 6)):
        if toks[j].text in ("،", ","):
            return j - k + 1 if j > k + 1 else 0
        if strip(toks[j].text) not in times and toks[j].text not in times:
            return 0
    return 0


def _time_aside_ending(toks: list[Tok], k: int) -> int:
    """Length of a time phrase between commas closing at token k, else 0."""
    for j in range(k - 2, max(-1, k - 6), -1):
        if toks[j].text in ("،", ","):
            return k - j + 1 if _time_aside(toks, j) == k - j + 1 else 0
    return 0


def implied(toks: list[Tok], figs: list[Fig], cues: list[Cue], persons: list[tuple[int, int]]) -> list[Fig]:
    """R8-R10 for cues with no figure: the victim word after the cue (1, 2 or 3), or a bare plural noun."""
    v = vocab()
    used = {f.cue for f in figs if f.kind}
    taken = {k for f in figs for k in range(f.first, f.last)}
    out = []
    subset_idx = {i for i, t in enumerate(toks) if t.text in v["subset"] or strip(t.text) in v["subset"]}

    def subject_before(c: Cue) -> list[Fig]:
        """R9b: the one victim named before the cue, when no figure of its kind is told."""
        if any(f.kind == c.kind for f in figs):
            return []
        k = victim_before(toks, c.i, taken)
        return [] if k is None else [Fig(1, k, k + 1, toks[k].start, toks[k].end, "subject-before",
                                         kind=c.kind, cue=c.i)]
    for c in cues:
        if c.i in used:
            continue
        if c.anaphoric:
            if toks[c.i].text.endswith("ه"):
                out += subject_before(c)  # أن جنديا لقي مصرعه
            if toks[c.i].text.endswith("هما") and not any(f.kind == c.kind for f in figs):
                # a dual pronoun (حتفهما، مقتلهما) says two people, already named: 2
                out.append(Fig(2, c.i, c.i + 1, toks[c.i].start, toks[c.i].end, "dual-pronoun",
                               kind=c.kind, cue=c.i))
            continue
        if "pre" in c.roles and c.i + 1 < len(toks) and not any(s < c.i for s in subset_idx if c.i - s < 4):
            found = victim_after(toks, c.i, persons, taken)
            if found is not None:
                k, pv = found
                out.append(Fig(pv[0], k, k + 1, toks[k].start, toks[k].end, pv[1],
                               explicit=pv[0] < 3, kind=c.kind, cue=c.i))
                if pv == (1, "singular"):  # R3: و + another singular person noun is one more
                    j = k + 1          # (امرأة وطفلها)
                    while (j < len(toks) and j not in taken and toks[j].text.startswith("و")
                           and person_value(toks[j].text) == (1, "singular")):
                        out.append(Fig(1, j, j + 1, toks[j].start, toks[j].end, "singular-in-list",
                                       kind=c.kind, cue=c.i))
                        j += 1
                continue
            before = subject_before(c)  # إن جنديا تركيا قتل
            if before:
                out += before
                continue
        w = toks[c.i].text
        if "post" in c.roles and strip(w) in v["plural"] and not strip(w).startswith("ال"):
            lead = len(w) - len(strip(w))
            out.append(Fig(3, c.i, c.i + 1, toks[c.i].start + lead, toks[c.i].end, "plural-no-number",
                           explicit=False, kind=c.kind, cue=c.i))
        elif "post" in c.roles and person_value(w) is None and not c.anaphoric and w.endswith(("قتيلا", "قتيل", "جريحا", "جريح", "شهيدا", "مصابا")):
            out.append(Fig(1, c.i, c.i + 1, toks[c.i].start, toks[c.i].end, "singular", kind=c.kind, cue=c.i))
    # R3: a named victim coordinated with figures under the same cue is part of the sum
    return out


def coordinated_singulars(toks: list[Tok], figs: list[Fig]) -> list[Fig]:
    """R3 + R9: singular nouns listed before a figure under its cue are added (مقتل ضابط وضابط صف
    وثمانية جنود → 1 + 1 + 8): each counts 1 when it opens the list or is joined by و."""
    out = []
    taken = {k for f in figs for k in range(f.first, f.last)}
    counted = {g.last + d for g in figs for d in (0, 1)}  # سبعة عشر مسلحاً حوثياً: a figure's noun
    for f in figs:
        if f.kind is not None and f.cue is not None and f.conj and f.cue >= f.last:
            # the cue comes after the list (ضابطاً برتبة نقيب وأربعة مجندين قُتلوا): the nearest
            # singular person noun before the و-joined figure, within 4 words, counts 1
            for k in range(f.first - 1, max(-1, f.first - 5), -1):
                if k in taken or k in counted or is_break(toks, k):
                    break
                if person_value(toks[k].text) == (1, "singular"):
                    out.append(Fig(1, k, k + 1, toks[k].start, toks[k].end, "singular-in-list",
                                   kind=f.kind, cue=f.cue))
                    taken.add(k)
                    break
            continue
        add, at = 0, f.last
        if f.kind is not None and f.cue is not None:
            # the addition word may follow the figure's noun and its unit (خمسة جنود من قوات النخبة إضافة إلى)
            for at in range(f.last, min(len(toks), f.last + 6)):
                add = starts_with(toks, at, vocab()["addition"])
                if add or is_break(toks, at) or at in taken:
                    break
        if add and at + add < len(toks) and at + add not in taken:
            # R3: "١٣ مجنداً إضافة إلى المهاجم": one more person after an addition word
            k = at + add
            if person_value(toks[k].text) == (1, "singular"):
                out.append(Fig(1, k, k + 1, toks[k].start, toks[k].end, "singular-added",
                               kind=f.kind, cue=f.cue))
                taken.add(k)
        if f.kind is None or f.cue is None or not 0 < f.first - f.cue <= 6:
            continue
        for k in range(f.cue + 1, f.first):
            if k in taken or is_break(toks, k):
                break
            pv = person_value(toks[k].text)
            if pv == (1, "singular") and (k == f.cue + 1 or toks[k].text.startswith("و")):
                out.append(Fig(1, k, k + 1, toks[k].start, toks[k].end, "singular-in-list",
                               kind=f.kind, cue=f.cue))
                taken.add(k)
    return out


def _quote_opening(toks: list[Tok], k: int, longest: int = 6) -> Optional[int]:
    """Index of the opening quote of a quoted name closing at token k («…», “…»), else None."""
    if toks[k].text not in ("»", "”"):
        return None
    for j in range(k - 1, max(-1, k - longest - 1), -1):
        if toks[j].text in ("«", "“"):
            return j
    return None


def aggregate(figs: list[Fig]) -> dict[str, tuple[int, int, int, str]]:
    """Per kind: sum the figures of one cue (R3), then the lowest across cues (R2); implied only if alone."""
    out = {}
    for kind in KINDS:
        mine = [f for f in figs if f.kind == kind and not f.subset]
        if not mine:
            continue
        explicit = [f for f in mine if f.explicit] or mine
        groups: dict[int, list[Fig]] = {}
        for f in explicit:
            groups.setdefault(f.cue, []).append(f)
        cands = []
        for cue, fs in groups.items():
            fs = sorted(fs, key=lambda f: f.start)
            rule = fs[0].rule if len(fs) == 1 else "sum(" + ",".join(f.rule for f in fs) + ")"
            cands.append((sum(f.value for f in fs), fs[0].start, max(f.end for f in fs), rule))
        # R22: a figure under its own cue that counts only the attackers (ومقتل الانتحاري) adds to the
        # victims' figure instead of competing with it
        attackers = [c for c, fs in zip(cands, groups.values()) if all(f.attacker for f in fs)]
        victims = [c for c in cands if c not in attackers] or attackers
        best = min(victims, key=lambda c: (c[0], c[1]))
        sides = [{f.side for f in fs} for c, fs in zip(cands, groups.values()) if c in victims]
        parties = [{f.party for f in fs} for c, fs in zip(cands, groups.values()) if c in victims]
        if len(victims) == 2 and (_apart(sides) or _apart(parties)):
            # R25: the dead of each side of the fight, told by the side's kind (17 متمردا … 11 جنديا) or,
            # R25b, by the actor named after each figure (21 من الحوثيين … اثنان من القوات الشرعية)
            best = (victims[0][0] + victims[1][0], min(v[1] for v in victims), max(v[2] for v in victims),
                    f"sides({victims[0][3]},{victims[1][3]})")
        elif len(victims) > 1:
            best = (*best[:3], f"{best[3]};lowest-of-{len(victims)}")
        if victims is not attackers and attackers:
            best = (best[0] + sum(c[0] for c in attackers), best[1], best[2],
                    best[3] + "+attackers(" + ",".join(c[3] for c in attackers) + ")")
        out[kind] = best
    return out


def orig_span(doc: Document, start: int, end: int) -> tuple[int, int]:
    """A normalised span mapped to the original, taking in the diacritics and tatweel that end its last word."""
    s, e = doc.norm.to_original(start, end)
    while e < len(doc.text) and not normalize_for_matching(doc.text[e]) and not doc.text[e].isspace():
        e += 1
    return s, e


def find_counts(doc: Document, start: int, end: int, context: Optional[int] = None) -> list[Count]:
    """The casualty figures of the original text range [start, end), one Count per kind found; with
    ``context`` (the start of the sentence), the words from there are read too, for the cue of a
    clause that leaves its verb out (قتل طفلان في غارة على معرة النعمان، وثلاثة آخرون في قصف على
    سراقب: R27), but only the figures of [start, end) count."""
    ns, ne = doc.norm.from_original(start, end)
    cs = doc.norm.from_original(context, context + 1)[0] if context is not None and context < start else ns
    toks = tokenize(doc.norm.text, cs, ne)
    if not toks:
        return []
    figs = read_figures(toks)
    cues = find_cues(toks)
    assign(toks, figs, cues)
    _elided_cue(toks, figs, cues, ns)
    persons = [doc.norm.from_original(m.start, m.end) for m in doc.mentions_between(start, end)
               if m.type == "PERSON"]
    figs = [f for f in figs if f.kind] + implied(toks, figs, cues, persons)
    figs += coordinated_singulars(toks, figs)
    figs = [f for f in figs if f.start >= ns]
    parties = _parties(doc, start, end)
    for f in figs:
        f.attacker = _attacker_figure(toks, f)
        f.side = _side_of(toks, f)
        f.party = _party_of(toks, f, parties)
    out = []
    for kind, (value, s, e, rule) in aggregate(figs).items():
        os_, oe = orig_span(doc, s, e)
        out.append(Count(value, os_, oe, kind, rule))
    return out


def _elided_cue(toks: list[Tok], figs: list[Fig], cues: list[Cue], ns: int) -> None:
    """R27: the first figure of an incident that opens with ، و and names no cue of its own (،
    وثلاثة آخرون في قصف جوي على سراقب) counts what the figure of the clause before, read as context,
    counts (the verb is left out)."""
    for n, f in enumerate(figs):
        if f.start < ns:
            continue
        if not f.kind and f.conj and n and f.first and toks[f.first - 1].text in ("،", ","):
            prev = figs[n - 1]
            own = next((k for k in range(f.last, len(toks)) if is_break(toks, k)), len(toks))
            if prev.start < ns and prev.kind and not any(f.last <= c.i < own for c in cues):
                f.kind, f.cue = prev.kind, prev.cue
        break


def _attacker_figure(toks: list[Tok], f: Fig) -> bool:
    """True when the figure's words are an attacker noun (الانتحاري، منفذ الهجوم، المهاجمين)."""
    if f.kind != "killed":
        return False
    words = [strip(t.text) for t in toks[f.first:f.last + 2]]
    return any(tuple(words[:len(a)]) == a or tuple(words[1:1 + len(a)]) == a for a in vocab()["attackers"])


SIDE_REACH = 5  # words after a figure that may name whose dead it counts (R25)


def _side_of(toks: list[Tok], f: Fig) -> Optional[str]:
    """R25: "state" or "armed" when one of the words after the figure names the side of its dead
    (17 متمردا، أحد عشر قتيلا في صفوف القوات), else None (``_side_after``)."""
    return _side_after(toks, f, lambda k: _side_word(toks[k]))


def _side_after(toks: list[Tok], f: Fig, side_at) -> Optional[str]:
    """The first side ``side_at(k)`` names among the SIDE_REACH words after the figure, in its clause,
    else None; None too when a side stands between the verb and the figure (قتل الجيش المصري أكثر من
    200 إرهابي): a killer named, another act."""
    if f.cue is not None and f.cue < f.first and any(side_at(k) for k in range(f.cue + 1, f.first)):
        return None
    for k in range(f.last, min(len(toks), f.last + SIDE_REACH)):
        if is_break(toks, k):
            break
        side = side_at(k)
        if side is not None:
            return side
    return None


def _apart(sides: list[set]) -> bool:
    """Two figures' sides, each told and told differently."""
    return sides[0] != sides[1] and all(len(x) == 1 and None not in x for x in sides)


def _parties(doc: Document, start: int, end: int) -> list[tuple[int, int, str]]:
    """(normalised start, end, side) of the armed actors of the original range [start, end)
    (incident.actor_key: a state's army and police are one side; an unidentified group is none;
    civilians and crowds are no side of a fight)."""
    from .events import ARMED
    from .incident import actor_key

    out = []
    for m in doc.mentions_between(start, end):
        key = actor_key(m.actor) if m.type == "ACTOR" and m.actor is not None and m.actor.inter in ARMED \
            else None
        if key is not None:
            out.append((*doc.norm.from_original(m.start, m.end), key))
    return out


def _party_of(toks: list[Tok], f: Fig, parties: list[tuple[int, int, str]]) -> Optional[str]:
    """R25b: the side of the armed actor named after the figure (21 من الحوثيين، اثنان من القوات
    الشرعية), else None (``_side_after``)."""
    return _side_after(toks, f, lambda k: next((key for s, e, key in parties if s <= toks[k].start < e), None))


def _side_word(t: Tok) -> Optional[str]:
    """The side ("state" or "armed") a word names, with or without its proclitics, or None."""
    return next((side for side, words in vocab()["sides"].items() if t.text in words or strip(t.text) in words),
                None)


IMPLIED_RULES = ("plural-no-number",)  # R8: the minimum a bare plural implies, not a figure


def with_bombers(killed: Optional[Count], told: set[str], text: str) -> int:
    """The toll of a suicide bombing with its bombers (ACLED counts the perpetrators who die): one
    more, two when the words ``told`` of it (normalised trigger texts) name two bombers, none when
    the figure already counts them (R22, R3's one added) or the incident's ``text`` says the toll
    includes them (قتل 14 شخصا بينهم الانتحاري)."""
    value = killed.value if killed is not None else 0
    if killed is not None and ("attacker" in killed.rule or "singular-added" in killed.rule):
        return value  # R22 (ومقتل الانتحاري), R3 (خمسة جنود إضافة إلى منفذ الهجوم)
    norm_text = normalize_for_matching(text)
    if any(p in norm_text for p in vocab()["bombers_included"]):
        return value
    return value + (2 if told & vocab()["bomber_pairs"] else 1)


SHARE = "share"  # R24: the part of a toll told for several places, split evenly among them


def share(c: Count, places: int) -> Count:
    """R24: one place's part of a figure told for a list of ``places`` (ACLED: a toll of several
    events with no breakdown is split evenly among them, rounded down)."""
    return replace(c, value=c.value // places, rule=f"{c.rule}+{SHARE}")


def _rank(c: Count) -> int:
    """0 a figure told, 1 a share of one (R24), 2 a vague quantity's minimum (عشرات القتلى), 3 a bare
    plural's minimum (R8)."""
    return 3 if c.rule in IMPLIED_RULES else 2 if c.rule.startswith(VAGUE) else 1 if c.rule.endswith(SHARE) else 0


def combine_counts(count_lists: list[list[Count]]) -> dict[str, Count]:
    """Per kind, the most conservative figure (the lowest) among the mentions that told one; a
    share of a list's toll (R24) only when none told the place's own figure, a vague quantity's
    minimum (عشرات القتلى in a lead, 17 in the body) or a bare plural's (R8: قتلى وجرحى in a headline)
    only when no mention gives a figure."""
    out: dict[str, Count] = {}
    for counts in count_lists:
        for c in counts:
            old = out.get(c.kind)
            if old is None or (_rank(c), c.value) < (_rank(old), old.value):
                out[c.kind] = c
    return out


class Casualties(Stage):
    """Stage: ``em.counts`` for each event mention, from the figures of its incident's text
    (its sentence, or the clause of it that the events stage marked as the incident)."""

    name = "casualties"
    requires = frozenset({"sentences", "event_mentions"})
    provides = frozenset({"casualties"})

    def __call__(self, doc: Document) -> Document:
        cache: dict[tuple[int, int], list[Count]] = {}
        for em in doc.event_mentions:
            if 0 <= em.sentence < len(doc.sentences):
                # the incident's part of the sentence when the events stage split it (X …، فيما Y …)
                s = doc.sentences[em.sentence]
                span = tuple(em.ext.get("incident") or (s.start, s.end))
                if span not in cache:
                    cache[span] = find_counts(doc, span[0], span[1], context=s.start)
                em.counts = [Count(c.value, c.start, c.end, c.kind, c.rule) for c in cache[span]]
        toll_sentences(doc)
        doc.provided |= self.provides
        return doc


def toll_sentences(doc: Document, reach: int = 1) -> None:
    """A sentence that gives a toll but reports no incident of its own (وأعلن المركز أن الحصيلة
    بلغت 27 قتيلاً، الغارات أسفرت عن مقتل خمسة) tells the figures of the incident reported up to
    ``reach`` sentences before (the one right before, by default: further back the sentence may
    be other news): they go to that mention, for the kinds it has no figure of."""
    own = {em.sentence for em in doc.event_mentions}
    told = sorted((em for em in doc.event_mentions if not em.ext.get("background")), key=lambda em: em.trigger.start)
    told_in: dict[int, list] = {}
    for em in told:
        told_in.setdefault(em.sentence, []).append(em)
    for si, s in enumerate(doc.sentences):
        if si in own:
            continue
        before = sorted((em for k in range(si - reach, si) for em in told_in.get(k, ())),
                        key=lambda em: em.trigger.start)
        if not before:
            continue
        # ولم ترد تقارير عن سقوط ضحايا: no toll; 1332 قتلوا … خلال شهر تموز الماضي: a tally, not its toll
        if _has_cue(doc, si, "negation") or _has_cue(doc, si, "background"):
            continue
        add_missing_counts(before[-1], [c for c in find_counts(doc, s.start, s.end) if c.rule not in IMPLIED_RULES])


def add_missing_counts(em, counts: list[Count]) -> None:
    """Give an event mention the figures of a toll told apart from it: for the kinds it has none of,
    and in place of a vague or a bare plural's minimum when the toll tells better (عشرات القتلى …
    مقتل 17)."""
    out = list(em.counts)
    for c in counts:
        k = next((i for i, old in enumerate(out) if old.kind == c.kind), None)
        if k is None:
            out.append(c)
        elif _rank(out[k]) >= 2 and _rank(c) < _rank(out[k]):
            out[k] = c
    em.counts = out


def _has_cue(doc: Document, si: int, kind: str) -> bool:
    """True when a sentence carries a modality cue of that kind (modality.yaml: negation, background)."""
    from .events import modality

    return any(cue.kind == kind for _, _, cue in modality().find(doc.sentence_tokens(si)))


# ---------------------------------------------------------------- evaluation

HELDOUT = Path(__file__).resolve().parent.parent / "data" / "samples" / "casualties_heldout.tsv"


def read_tsv(path: Path) -> list[dict]:
    """Rows of a gold TSV (comment lines start with #; the first other line is the header)."""
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, ln.split("\t") + [""] * (len(header) - len(ln.split("\t"))))) for ln in lines[1:]]


def make_doc(text: str, trigger: str, published=None):
    """A segmented Document of ``text`` with one EventMention on the first occurrence of ``trigger``."""
    from .document import EventMention, Span
    from .normalize import Normalize
    from .segment import Segment

    doc = Segment()(Normalize()(Document(text=text, published=published)))
    i = text.find(trigger)
    if i < 0:
        raise ValueError(f"trigger {trigger!r} not in text")
    em = EventMention(Span(i, i + len(trigger)), trigger, "Battles", "Armed clash", doc.sentence_of(i))
    doc.event_mentions.append(em)
    doc.provided |= {"event_mentions"}
    return doc, em


def evaluate(path: Path = HELDOUT, out=sys.stdout) -> dict:
    """Slot P/R/F1 (a slot = one kind with its value) and exact-row accuracy on a gold TSV."""
    tp = fp = fn = det_tp = det_fp = det_fn = exact = 0
    rows = read_tsv(path)
    misses = []
    for r in rows:
        doc, em = make_doc(r["text"], r["trigger"])
        Casualties()(doc)
        pred = {c.kind: c.value for c in em.counts}
        gold = {k: int(r[k]) for k in KINDS if r.get(k, "").strip()}
        for k in KINDS:
            p, g = pred.get(k), gold.get(k)
            det_tp += p is not None and g is not None
            det_fp += p is not None and g is None
            det_fn += p is None and g is not None
            if p is not None and p == g:
                tp += 1
            else:
                fp += p is not None
                fn += g is not None
        if pred == gold:
            exact += 1
        else:
            misses.append(f"  {r['id']}: gold {gold} predicted {pred}")
    p, rec, f1 = prf(tp, tp + fp, tp + fn)
    dp, dr, df1 = prf(det_tp, det_tp + det_fp, det_tp + det_fn)
    res = {"rows": len(rows), "precision": p, "recall": rec, "f1": f1, "exact": exact / len(rows),
           "detect_precision": dp, "detect_recall": dr, "detect_f1": df1}
    print(f"casualties held-out ({path.name}, {len(rows)} sentences)", file=out)
    print(f"  kind+value  P {p:.3f}  R {rec:.3f}  F1 {f1:.3f}", file=out)
    print(f"  kind only   P {dp:.3f}  R {dr:.3f}  F1 {df1:.3f}", file=out)
    print(f"  exact-value accuracy (all four kinds right): {exact}/{len(rows)} = {exact / len(rows):.3f}", file=out)
    if misses:
        print("  errors:", file=out)
        print("\n".join(misses), file=out)
    return res


if __name__ == "__main__":
    if sys.argv[1:2] == ["evaluate"]:
        evaluate(Path(sys.argv[2]) if len(sys.argv) > 2 else HELDOUT)
    else:
        print("usage: python -m conflict_events.casualties evaluate [GOLD.tsv]", file=sys.stderr)
        sys.exit(2)
