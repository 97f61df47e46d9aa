"""Dates stage: the event date and ACLED time_precision of each event mention.

Date expressions are read from the normalised text (absolute Gregorian and Hijri dates,
numeric dates, relative days, weekdays, weeks, months, "N days ago", background years) and
resolved against the article's published date; every span maps back to the original text.
The vocabulary and the dating rules D1-D11 are in ``pipeline/data/dates_ar.yaml``.

    python -m conflict_events.dates evaluate   # P/R/F1 on data/samples/dates_heldout.tsv
"""
from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional

from .caches import ClearingDict
from .casualties import orig_span, read_tsv
from .document import DateValue, Document
from .metrics import prf
from .normalize import normalize_for_matching, one_of
from .numbers import CLITICS, Tok, digits_value, read_ordinal, strip_clitic, tokenize
from .resources import load_yaml
from .stage import Stage

DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUMERIC = re.compile(r"(?<!\d)(?:(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})|(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}))(?!\d)")
CAPTION_MAX_WORDS = 12
CALENDAR_RULES = ("absolute", "hijri", "numeric")  # the rules of a date by its day of the month
MONTH_OPENERS = ("شهر", "خلال", "في", "وفي", "وخلال")  # words after which a bare month is a date (وفي نوفمبر)


@dataclass
class Found:
    """A resolved date expression: normalised span, value, precision, rule and warnings."""

    start: int
    end: int
    date: Optional[dt.date]
    precision: Optional[int]
    rule: str
    warnings: list[str] = field(default_factory=list)
    inheritable: bool = True  # background years and vague pasts do not date later sentences

    def __post_init__(self):
        """D1: only a day (precision 1) dates later sentences; a month or week told is background."""
        if self.precision in (2, 3):
            self.inheritable = False
    offset: Optional[int] = None  # days from the article's own day, for اليوم/أمس/أول أمس


def _phrases(words) -> list[tuple[str, ...]]:
    """Normalised multi-word phrases as word tuples, longest first."""
    out = {tuple(normalize_for_matching(str(w)).split()) for w in words}
    return sorted(out, key=len, reverse=True)


def _table(d: dict) -> dict[tuple[str, ...], object]:
    """A {phrase: value} table keyed by normalised word tuples."""
    return {tuple(normalize_for_matching(str(k)).split()): v for k, v in d.items()}


@lru_cache(maxsize=1)
def vocab() -> dict:
    """The date vocabulary, normalised."""
    raw = load_yaml("dates_ar.yaml")
    return {
        "months": _table(raw["months"]),
        "hijri_months": _table(raw["hijri_months"]),
        "weekdays": {normalize_for_matching(k): v for k, v in raw["weekdays"].items()},
        "hijri_marks": {normalize_for_matching(w) for w in raw["hijri_marks"]},
        "gregorian_marks": {normalize_for_matching(w) for w in raw["gregorian_marks"]},
        "relative": _table(raw["relative_days"]),
        "day_parts": _phrases(raw["day_parts"]),
        "last_week": _phrases(raw["last_week"]),
        "last_month": _phrases(raw["last_month"]),
        "this_month": _phrases(raw["this_month"]),
        "recently": _phrases(raw["recently"]),
        "past": {normalize_for_matching(w) for w in raw["past_words"]},
        "ago": {normalize_for_matching(w) for w in raw["ago_words"]},
        "approximately": _phrases(raw["approximately"]),
        "ago_units": {normalize_for_matching(k): v for k, v in raw["ago_units"].items()},
        "since_after": {normalize_for_matching(w) for w in raw["since_after"]},
        "since": {normalize_for_matching(w) for w in raw["since_words"]},
        "ago_of_event": {normalize_for_matching(w) for w in raw["ago_of_event"]},
        "ago_filler": {normalize_for_matching(w) for w in raw["ago_filler"]},
        "now_words": {normalize_for_matching(w) for w in raw["now_words"]},
        "last_year": _phrases(raw["last_year"]),
        "year_words": {normalize_for_matching(w) for w in raw["year_words"]},
        "year_part": {normalize_for_matching(k): tuple(v) for k, v in raw["year_part"].items()},
        "month_part": {normalize_for_matching(k): v for k, v in raw["month_part"].items()},
        "vague_past": _phrases(raw["vague_past"]),
        "name_heads": {normalize_for_matching(w) for w in raw["name_heads"]},
    }


def match_table(toks: list[Tok], i: int, table) -> tuple[int, object]:
    """(length, value) of the longest phrase of ``table`` at token i (first word may carry و/ف/ب/ل/في-less clitics);
    (0, None) past the last token (a sentence that ends in a day part: ... حلب مساء)."""
    if i >= len(toks):
        return 0, None
    best = (0, None)
    for _, phrase, val in _phrases_at(table, toks[i].text):  # in table order; most words start none
        n = len(phrase)
        if n > best[0] and [t.text for t in toks[i + 1:i + n]] == list(phrase[1:]):
            best = (n, val)
    return best


@lru_cache(maxsize=200_000)
def _first_forms(word: str) -> frozenset[str]:
    """A word and the word without each proclitic it may carry."""
    return frozenset({word} | {word[len(c):] for c in CLITICS if word.startswith(c)})


KEPT_WORDS = 50_000  # words whose phrases are kept, per table
_INDEXES: dict[int, tuple[object, dict, ClearingDict]] = {}


def _phrases_at(table, word: str) -> tuple[tuple[int, tuple, object], ...]:
    """The phrases of a (long-lived) table that may start at a word (``_first_forms``), with their
    position in the table, in table order (kept per word: words recur)."""
    hit = _INDEXES.get(id(table))
    if hit is None or hit[0] is not table:
        hit = _INDEXES[id(table)] = (table, _first_word_index(table), ClearingDict(KEPT_WORDS))
    found = hit[2].get(word)
    if found is None:
        hit[2].make_room()
        index = hit[1]
        found = hit[2][word] = tuple(sorted((e for f in _first_forms(word) for e in index.get(f, ())),
                                            key=lambda e: e[0]))
    return found


def _first_word_index(table) -> dict[str, list[tuple[int, tuple, object]]]:
    """The phrases of a table by first word, with their position in the table."""
    items = table.items() if isinstance(table, dict) else ((p, p) for p in table)
    index: dict[str, list] = {}
    for pos, (phrase, val) in enumerate(items):
        index.setdefault(phrase[0], []).append((pos, phrase, val))
    return index


def weekday_at(toks: list[Tok], i: int) -> Optional[int]:
    """Weekday number of token i (الأحد، والأحد، يوم الأحد's second word), or None."""
    return _weekday(toks[i].text)


@lru_cache(maxsize=100_000)
def _weekday(w: str) -> Optional[int]:
    """``weekday_at`` of a word (cached: words recur)."""
    wd = vocab()["weekdays"]
    if w in wd:
        return wd[w]
    _, stem = strip_clitic(w, wd)
    return wd[stem] if stem else None


def named_weekday(toks: list[Tok], k: int) -> tuple[Optional[int], int]:
    """(weekday, index after it) of a weekday at k, bare or in brackets (اليوم (الخميس)); (None, k)."""
    if k < len(toks) and (wd := weekday_at(toks, k)) is not None:
        return wd, k + 1
    if k + 2 < len(toks) and toks[k].text == "(" and toks[k + 2].text == ")" \
            and (wd := weekday_at(toks, k + 1)) is not None:
        return wd, k + 3
    return None, k


def shift_month(d: dt.date, months: int) -> dt.date:
    """The 15th of the month ``months`` away from d's month."""
    m = d.year * 12 + d.month - 1 + months
    return dt.date(m // 12, m % 12 + 1, 15)


def latest_weekday(published: dt.date, weekday: int, strictly_before: bool = False) -> dt.date:
    """The latest date with that weekday on (or strictly before) published."""
    back = (published.weekday() - weekday) % 7
    if back == 0 and strictly_before:
        back = 7
    return published - dt.timedelta(days=back)


def hijri_to_gregorian(y: int, m: int, d: int) -> Optional[dt.date]:
    """A Hijri (Umm al-Qura) date as a Gregorian date, None when out of range or invalid."""
    from hijridate import Hijri

    try:
        g = Hijri(y, m, d).to_gregorian()
        return dt.date(g.year, g.month, g.day)
    except (ValueError, OverflowError):
        return None


def safe_date(y: int, m: int, d: int) -> Optional[dt.date]:
    """dt.date or None when the day does not exist."""
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def month_at(toks: list[Tok], i: int) -> tuple[int, int, bool]:
    """(tokens used, month number, is_hijri) of a month name at i, with an optional /other name; (0,0,False)."""
    v = vocab()
    n, val = match_table(toks, i, v["months"])
    hijri = False
    if not n:
        n, val = match_table(toks, i, v["hijri_months"])
        hijri = bool(n)
    if not n:
        return 0, 0, False
    k = i + n
    if k + 1 < len(toks) and toks[k].text in ("/", "(", "-"):  # آذار/مارس، آذار (مارس)
        n2, val2 = match_table(toks, k + 1, v["months"])
        if n2 and val2 == val:
            k += 1 + n2
            if k < len(toks) and toks[k].text == ")":
                k += 1
    return k - i, val, hijri


def read_year(toks: list[Tok], k: int) -> tuple[int, Optional[int], Optional[bool]]:
    """(tokens used, year, is_hijri mark) of an optional year at k (عام 2024، 1445 هـ، 2024 م)."""
    v = vocab()
    j = k
    if j < len(toks) and toks[j].text in v["year_words"]:
        j += 1
    if j < len(toks) and toks[j].text.isdigit() and len(toks[j].text) in (3, 4):
        y = int(toks[j].text)
        j += 1
        mark = None
        if j < len(toks) and toks[j].text in v["hijri_marks"]:
            mark, j = True, j + 1
            if j < len(toks) and toks[j].text == "ـ":
                j += 1
        elif j < len(toks) and toks[j].text in v["gregorian_marks"]:
            mark, j = False, j + 1
        return j - k, y, mark
    return 0, None, None


def _past_after(toks: list[Tok], k: int) -> int:
    """1 if a 'past' word (الماضي) is at k, else 0."""
    return 1 if k < len(toks) and toks[k].text in vocab()["past"] else 0


def _names_a_place(toks: list[Tok], i: int) -> bool:
    """D14: the word before token i is a name head (قصر, ميدان, ثورة), so "day month" is a name."""
    if i == 0:
        return False
    heads = vocab()["name_heads"]
    return any(f in heads or (f.startswith("ال") and f[2:] in heads) for f in _first_forms(toks[i - 1].text))


def absolute_at(toks: list[Tok], i: int, pub: Optional[dt.date]) -> Optional[Found]:
    """D2-D4: [day] [من] [شهر] MONTH[/MONTH] [year] at token i."""
    day, k = None, i
    w = toks[i].text
    if w.isdigit() and 1 <= int(w) <= 31 and len(w) <= 2:
        day, k = int(w), i + 1
    else:
        o = read_ordinal(toks, i)
        if o is not None:
            day, k = o
    if day is not None and k < len(toks) and toks[k].text == "من":  # الخامس من مارس; not قتل 5 في مارس
        k += 1
    if k < len(toks) and toks[k].text in ("شهر", "لشهر", "بشهر"):
        k += 1
    if k >= len(toks):  # a day number that ends the sentence (… حتى 30)
        return None
    n, month, hijri = month_at(toks, k)
    if not n:
        return None
    k += n
    ny, year, mark = read_year(toks, k)
    k += ny
    past = _past_after(toks, k)
    k += past
    if mark is True or (year is not None and year < 1600):
        hijri = True
    if day is not None and year is None and _names_a_place(toks, i):
        return None  # D14: قصر 22 مايو, مدينة 6 أكتوبر
    if day is None and year is None and not past and not (i > 0 and (toks[i - 1].text in MONTH_OPENERS
                                                                      or toks[i - 1].text in vocab()["year_part"])) \
            and toks[i].text not in ("شهر", "لشهر", "بشهر"):
        return None  # a bare month word (أب "father" is آب "August" once normalised); أواخر مارس is one
    start, end = toks[i].start, toks[k - 1].end
    part = vocab()["month_part"].get(toks[i - 1].text, 15) if day is None and i > 0 else 15  # أواخر مارس
    if hijri:
        if year is None:
            if pub is None:
                return Found(start, end, None, None, "hijri-no-year", ["Hijri date without a year and no published date"])
            from hijridate import Gregorian
            year = Gregorian(pub.year, pub.month, pub.day).to_hijri().year
        d = hijri_to_gregorian(year, month, day or 15)
        if d is not None and pub is not None and d > pub and ny == 0:
            d = hijri_to_gregorian(year - 1, month, day or 15)
        return Found(start, end, d, 1 if day else 3, "hijri" if day else "hijri-month")
    if year is None:
        if pub is None:
            return Found(start, end, None, None, "day-month-no-year",
                         ["date without a year in the text and no published date"])
        year = pub.year
        d = safe_date(year, month, day or part)
        if d is not None and (d > pub if day else (year, month) > (pub.year, pub.month)):
            d = safe_date(year - 1, month, day or part)
        if d is not None and not day and d > pub:
            d = pub  # مطلع أغسطس in a report of 11 August: no later than the report
    else:
        d = safe_date(year, month, day or part)
    return Found(start, end, d, 1 if day else 3, "absolute" if day else "month-year")


def numeric_dates(text: str, ns: int, ne: int) -> list[Found]:
    """D2/D4: 2024-03-15, 15/3/2024, 1437/6/11 هـ (years before 1600 are Hijri)."""
    out = []
    for m in NUMERIC.finditer(text, ns, ne):
        if m.group(1):
            y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        else:
            d, mo, y = int(m.group(4)), int(m.group(5)), int(m.group(6))
        end = m.end()
        tail = re.match(r"\s*(هـ|ه|هجري|هجريه)(?![\u0621-\u064a])", text[end:ne])
        if y < 1600:
            date = hijri_to_gregorian(y, mo, d)
            if tail:
                end += tail.end()
            rule = "hijri-numeric"
        else:
            date = safe_date(y, mo, d)
            rule = "numeric"
        if date is not None:
            out.append(Found(m.start(), end, date, 1, rule))
    return out


def relative_at(toks: list[Tok], i: int, pub: Optional[dt.date], doc_text: str, to_orig) -> Optional[Found]:
    """D5-D8: [day part] اليوم/أمس/أول أمس [weekday], weekdays, last week/month, N days ago."""
    v = vocab()
    k = i
    n_part, _ = match_table(toks, k, v["day_parts"])
    k += n_part
    if n_part and k < len(toks) and toks[k].text == "يوم":  # صباح يوم أمس
        k += 1
    n, offset = match_table(toks, k, v["relative"])
    if n:
        k += n
        wd, k = named_weekday(toks, k)
        start, end = toks[i].start, toks[k - 1].end
        if pub is None:
            return Found(start, end, None, None, "relative-no-published",
                         [f"text says {_orig(doc_text, to_orig, start, end)!r} but the article has no published date"])
        d = pub + dt.timedelta(days=offset)
        if wd is None:
            return Found(start, end, d, 1, "relative-day", offset=offset)
        warnings = []
        if d.weekday() != wd:  # D7: the day the text names beats a count from a lagging crawl date
            words = _orig(doc_text, to_orig, start, end)
            how = "" if offset == 0 else f" minus {-offset} day{'s' if offset < -1 else ''}"
            d = latest_weekday(pub, wd)
            warnings.append(f"text says {DAY_NAMES[wd]} ({words}) but published {pub.isoformat()}{how} "
                            f"is a {DAY_NAMES[(pub + dt.timedelta(days=offset)).weekday()]}: the named day "
                            f"{d.isoformat()} is taken")
        return Found(start, end, d, 1, "relative-day+weekday", warnings, offset=offset)
    wd = weekday_at(toks, k) if k < len(toks) else None
    if wd is not None and (toks[k].text.startswith("ال") or toks[k].text[1:].startswith("ال") or n_part):
        k += 1
        past = _past_after(toks, k)
        k += past
        start, end = toks[i].start, toks[k - 1].end
        if pub is None:
            return Found(start, end, None, None, "weekday-no-published",
                         ["text gives only a weekday and the article has no published date"])
        return Found(start, end, latest_weekday(pub, wd, strictly_before=bool(past)), 1, "weekday")
    if n_part:
        return None
    part = v["month_part"].get(toks[i].text)
    if part is not None and i + 1 < len(toks):  # مطلع الشهر الحالي، أواخر الشهر الماضي
        for key, shift in (("this_month", 0), ("last_month", -1)):
            n, _ = match_table(toks, i + 1, v[key])
            if n and pub is not None:
                month = shift_month(pub, shift)
                d = safe_date(month.year, month.month, part) or pub
                return Found(toks[i].start, toks[i + n].end, min(d, pub), 3, "month-part")
    for key, prec, rule in (("last_week", 2, "last-week"), ("last_month", 3, "last-month"), ("recently", 3, "recently")):
        n, _ = match_table(toks, i, v[key])
        if n:
            start, end = toks[i].start, toks[i + n - 1].end
            if pub is None:
                return Found(start, end, None, None, rule + "-no-published",
                             [f"text says {_orig(doc_text, to_orig, start, end)!r} but the article has no published date"])
            d = pub - dt.timedelta(days=7) if key == "last_week" else shift_month(pub, -1) if key == "last_month" else pub
            return Found(start, end, d, prec, rule)
    return ago_at(toks, i, pub)


def ago_at(toks: list[Tok], i: int, pub: Optional[dt.date]) -> Optional[Found]:
    """D5/D8: منذ/قبل [نحو] N أيام|أسابيع|أشهر, قبل يومين, قبل أسبوع; not قبل يوم من الهجوم (before an event)."""
    v = vocab()
    w = toks[i].text
    if w not in v["ago"] and w[1:] not in v["ago"]:
        return None
    if "منذ" in (w, w[1:]) and any(t.text in v["since_after"] for t in toks[max(0, i - 4):i]):
        return None  # أعنف قتال منذ شهر: "since", a comparison, not the date of anything
    k = i + 1
    k += next((len(p) for p in v["approximately"] if tuple(t.text for t in toks[k:k + len(p)]) == p), 0)
    from .numbers import read_number
    num = read_number(toks, k) if k < len(toks) else None
    count = 1
    if num is not None:
        count, k = num.value, num.last
    if k >= len(toks) or toks[k].text not in v["ago_units"]:
        return None
    j = k + 1
    while j < len(toks) and toks[j].text in v["ago_filler"]:
        j += 1
    if j + 1 < len(toks) and toks[j].text in v["ago_of_event"] and toks[j + 1].text not in v["now_words"]:
        return None  # قبل يوم واحد من الهجوم: a span before an event, not before the report
    days = v["ago_units"][toks[k].text] * count
    unit = toks[k].text
    start, end = toks[i].start, toks[k].end
    prec = 1 if days < 7 else 2 if days < 28 else 3
    if pub is None:
        return Found(start, end, None, None, "ago-no-published", ["relative date and no published date"])
    d = pub - dt.timedelta(days=days)
    if prec == 3:
        d = d.replace(day=15)
    return Found(start, end, d, prec, f"ago:{days}d" if unit else "ago")


def background_at(toks: list[Tok], i: int, pub: Optional[dt.date]) -> Optional[Found]:
    """D9: [أواخر] العام الماضي، عام 2015 (a past year), منذ سنوات (no date)."""
    v = vocab()
    n, _ = match_table(toks, i, v["vague_past"])
    if n:
        return Found(toks[i].start, toks[i + n - 1].end, None, None, "background-vague",
                     ["background: the text says only that it happened years ago; no date"], inheritable=False)
    k = i
    part = v["year_part"].get(toks[i].text) or v["year_part"].get(toks[i].text[1:])
    if part:
        k += 1
    n, _ = match_table(toks, k, v["last_year"])
    year = None
    if n and pub is not None:
        year = pub.year - 1
        k += n
    elif k < len(toks) and toks[k].text in v["year_words"] and k + 1 < len(toks) and toks[k + 1].text.isdigit() \
            and len(toks[k + 1].text) == 4 and 1900 < int(toks[k + 1].text) < (pub.year if pub else 2100):
        year = int(toks[k + 1].text)
        k += 2
    elif n:
        return Found(toks[i].start, toks[k + n - 1].end, None, None, "background-no-published",
                     ["background year relative to an unknown published date"], inheritable=False)
    if year is None:
        return None
    month, day = part or (7, 1)
    return Found(toks[i].start, toks[k - 1].end, dt.date(year, month, day), 3, "past-year",
                 [f"only the year ({year}) is known: coded at precision 3, the coarsest ACLED has"],
                 inheritable=False)


def _orig(text: str, to_orig, start: int, end: int) -> str:
    """Original words of a normalised span."""
    s, e = to_orig(start, end)
    return text[s:e]


DATE_TABLES = ("months", "hijri_months", "vague_past", "last_year", "day_parts", "relative", "last_week",
               "last_month", "recently")  # the phrase tables a rule of find_dates matches at its first word
_STARTS: list = [None, {}, frozenset()]  # (the vocab it was read from, word -> may_start(word), first words)


def may_start(word: str) -> bool:
    """Whether absolute_at, background_at or relative_at can find anything at a word (the token at
    i of each of them): a number, an ordinal, شهر, a weekday, a word of year_part, year_words,
    month_part or ago (ago and year_part also after one letter), or the first word of a phrase of
    a DATE_TABLES table (after a clitic too: ``_phrases_at``). Exactly the words where one of the three reads on: each returns None at
    any other word, whatever follows it (kept per word: words recur)."""
    v = vocab()
    if _STARTS[0] is not v:  # the first words of the tables' phrases (what _phrases_at looks up)
        _STARTS[:] = [v, ClearingDict(KEPT_WORDS), frozenset(f for t in DATE_TABLES for f in _first_word_index(v[t]))]
    known = _STARTS[1].get(word)
    if known is None:
        from .numbers import vocab_stem

        _STARTS[1].make_room()
        known = _STARTS[1][word] = bool(
            word.isdigit() or word in ("شهر", "لشهر", "بشهر") or _weekday(word) is not None
            or vocab_stem(word, "ordinals")[1] or vocab_stem(word, "ordinal_tens")[1]
            or word in v["year_part"] or word[1:] in v["year_part"] or word in v["year_words"]
            or word in v["month_part"] or word in v["ago"] or word[1:] in v["ago"]
            or not _STARTS[2].isdisjoint(_first_forms(word)))
    return known


def find_dates(doc: Document, start: int, end: int, day: Optional[dt.date] = None) -> list[Found]:
    """Every date expression in the original range [start, end), resolved against the article's
    own day (``article_day``; doc.published when not given)."""
    pub = day or doc.published
    ns, ne = doc.norm.from_original(start, end)
    text = doc.norm.text
    out = numeric_dates(text, ns, ne)
    taken = [(f.start, f.end) for f in out]
    toks = tokenize(text, ns, ne)
    i = 0
    while i < len(toks):
        if not may_start(toks[i].text) or any(s <= toks[i].start < e for s, e in taken):
            i += 1  # no rule starts at a word that begins none of their phrases (most words)
            continue
        f = (absolute_at(toks, i, pub) or background_at(toks, i, pub)
             or relative_at(toks, i, pub, doc.text, doc.norm.to_original))
        if f is None:
            i += 1
            continue
        out.append(f)
        i = next((k for k, t in enumerate(toks) if t.start >= f.end), len(toks))
    out.sort(key=lambda f: f.start)
    return _weekday_absolute([f for f in out if not _a_place(doc, f)])


def _a_place(doc: Document, f: Found) -> bool:
    """A bare month word the NER read as a linked place (منطقة يريم في إب: Ibb, not آب "August",
    once normalised): the date lies wholly inside a PLACE mention."""
    if f.rule != "month-year":
        return False
    s, e = doc.norm.to_original(f.start, f.end)
    return any(m.start <= s and e <= m.end for m in doc.mentions if m.type == "PLACE" and m.place is not None)


def _weekday_absolute(found: list[Found]) -> list[Found]:
    """A weekday right before an absolute date (يوم السبت 15 أبريل) checks it instead of competing."""
    out = []
    for f in found:
        if out and out[-1].rule == "weekday" and f.rule in CALENDAR_RULES and f.start - out[-1].end <= 2:
            wd_f = out.pop()
            if f.date is not None and wd_f.date is not None and wd_f.date.weekday() != f.date.weekday():
                f.warnings.append(f"text says {DAY_NAMES[wd_f.date.weekday()]} but {f.date.isoformat()} "
                                  f"is a {DAY_NAMES[f.date.weekday()]}")
            f.start = wd_f.start
        out.append(f)
    return out


def is_caption(doc: Document, index: int) -> bool:
    """D10: a short line of its own with no final punctuation, not the headline."""
    if index <= 0:
        return False
    s = doc.sentences[index]
    line_start = s.start == 0 or doc.text[s.start - 1] == "\n"
    line_end = s.end == len(doc.text) or doc.text[s.end:s.end + 1] == "\n"
    words = doc.text[s.start:s.end].split()
    return line_start and line_end and len(words) <= CAPTION_MAX_WORDS and doc.text[s.end - 1] not in ".!?؟…"


def to_value(doc: Document, f: Found, how: str = "") -> DateValue:
    """The DateValue of a found expression, its span mapped to the original text."""
    s, e = orig_span(doc, f.start, f.end)
    return DateValue(f.date, f.precision if f.date else None, s, e, how + f.rule, list(f.warnings))


def _same_day_at(doc: Document, f: Found) -> bool:
    """D12: the expression is part of "the same day" (اليوم نفسه), which refers back."""
    window = doc.norm.text[max(0, f.start - 6):f.end + 8]
    return any(p in window for p in _same_day_phrases())


@lru_cache(maxsize=1)
def time_words() -> frozenset[str]:
    """Normalised time words of dates_ar.yaml (a clause's time expression, never a name)."""
    return frozenset(normalize_for_matching(w) for w in load_yaml("dates_ar.yaml")["time_words"])


@lru_cache(maxsize=1)
def month_names_as_written() -> frozenset[str]:
    """The one-word Gregorian month names of dates_ar.yaml as written (آب, not إب: Ibb)."""
    return frozenset(k for k in load_yaml("dates_ar.yaml")["months"] if " " not in k)


@lru_cache(maxsize=1)
def month_words() -> frozenset[str]:
    """Normalised first words of the Gregorian month names of dates_ar.yaml (أيار, مايو, كانون)."""
    return frozenset(phrase[0] for phrase in vocab()["months"])


@lru_cache(maxsize=1)
def _same_day_phrases() -> tuple[str, ...]:
    """Normalised "same day" phrases from dates_ar.yaml."""
    return tuple(normalize_for_matching(p) for p in load_yaml("dates_ar.yaml").get("same_day", []))


@dataclass
class ArticleDay:
    """D13: the day the article speaks from, and the words that say so (None: published)."""

    date: Optional[dt.date]
    cue: Optional[Found] = None
    words: str = ""

    def warn(self, f: Found, published: Optional[dt.date]) -> Found:
        """A relative day counted from a day other than published says so (the cue keeps its D7 warning)."""
        if self.cue is not None and (f.start, f.end) == (self.cue.start, self.cue.end):
            f.warnings = list(self.cue.warnings)
        elif self.cue is not None and f.rule == "relative-day":
            f.warnings.append(f"counted from {self.date.isoformat()}, the day the article names "
                              f"({self.words}), not from published {published.isoformat()}")
        return f


def article_day(doc: Document) -> ArticleDay:
    """D13: the first اليوم/أمس + weekday of the article fixes the day it was written when the
    published (crawl) date lags it; else the published date."""
    pub = doc.published
    if pub is None:
        return ArticleDay(None)
    weekday_forms = tuple(vocab()["weekdays"])
    for s in doc.sentences:
        ns, ne = doc.norm.from_original(s.start, s.end)
        if not any(w in doc.norm.text[ns:ne] for w in weekday_forms):
            continue
        for f in find_dates(doc, s.start, s.end, pub):
            if f.rule == "relative-day+weekday" and f.date is not None:
                own = f.date - dt.timedelta(days=f.offset)
                if own >= pub:  # agrees with published, or would be written after it
                    return ArticleDay(pub)
                return ArticleDay(own, f, _orig(doc.text, doc.norm.to_original, f.start, f.end))
    return ArticleDay(pub)


CLAUSE_BREAK = re.compile(r"[،,؛;]\s*و")


def _clause_break(doc: Document, start: int, end: int) -> bool:
    """A new clause (، و… / ؛ و…) begins between two normalised positions: a background time
    (منذ أشهر، في يونيو الماضي) dates only its own clause (تسيطر الفوضى منذ أشهر، وقتل خمسة جنود)."""
    return CLAUSE_BREAK.search(doc.norm.text, start, end) is not None


def date_mention(doc: Document, sentence: int, trigger_start: int, cache: dict,
                 day: Optional[ArticleDay] = None, incident: Optional[tuple[int, int]] = None,
                 acts: tuple[int, ...] = (), trigger_end: Optional[int] = None, arrest: bool = False) -> DateValue:
    """D1-D11 for one mention: own sentence (a date in the clause of its trigger or of another of its
    ``acts``, offsets into the original text; one inside the mention's ``incident`` span first: two
    incidents of one sentence each keep their own day), nearest preceding, lead for the headline,
    caption, published. Of two dates of the sentence, the one fewer characters away from the
    trigger's span wins (قصفت المدينة قبل 70 عاما, not the اليوم of the sentence's report); a bare
    weekday or month never beats a calendar date (خلال صلاة الجمعة في شهر رمضان في 26 يونيو), and the
    day of a report never beats another date of the sentence (أعلن الوزير اليوم الأحد اعتقال المتورطين
    بالتفجير الذي استهدف السوق أمس الأول: the bombing's day is أمس الأول); an ``arrest`` is not dated by the
    day of the act its people are charged with (ضبط 12 من المتهمين باقتحام القسم السبت 26 يناير)."""
    day = day or ArticleDay(doc.published)

    def found(i: int) -> list[Found]:
        if i not in cache:
            s = doc.sentences[i]
            cache[i] = [day.warn(f, doc.published) for f in find_dates(doc, s.start, s.end, day.date)]
        return cache[i]

    t = doc.norm.from_original(trigger_start, trigger_start + 1)[0]
    te = doc.norm.from_original(trigger_end - 1, trigger_end)[1] if trigger_end else t
    at = [t] + [doc.norm.from_original(a, a + 1)[0] for a in acts]
    lo, hi = doc.norm.from_original(*incident) if incident is not None else (t, t)

    def in_a_clause_of_the_mention(f: Found) -> bool:  # the clause of one of its acts (… الذي أدى إلى مقتل 147 في أبريل)
        return any(not _clause_break(doc, min(f.end, p), max(f.start, p)) for p in at)

    own = [f for f in found(sentence) if not _same_day_at(doc, f)
           and (f.inheritable or in_a_clause_of_the_mention(f))]
    own = [f for f in own if not _since_anchor(doc, te, f)]  # أول هجوم منذ إعلان وفاة زعيمها الأسبوع الماضي
    own = [f for f in own if not _since_before(doc, t, f)] or own
    own = [f for f in own if lo <= f.start and f.end <= hi] or own
    s0 = doc.norm.from_original(doc.sentences[sentence].start, doc.sentences[sentence].start + 1)[0]
    end = doc.norm.from_original(doc.sentences[sentence].end - 1, doc.sentences[sentence].end)[1]
    accused = _charge_after(doc, te, end) if arrest else end
    charged = [f for f in own if f.start >= accused]  # ضبط 12 من المتهمين باقتحام القسم السبت: the storming's day
    own = [f for f in own if f.start < accused]
    reported = {id(f) for f in own if _report_day(doc, f, te if f.start > te else s0)}
    own_days = [g for g in own if id(g) not in reported]  # days the sentence gives the event itself
    later_day = any(g.start > te for g in own_days)  # … one of them after the trigger
    own = [f for f in own if id(f) not in reported or not own_days or (f.start <= te and not later_day)]
    if any(f.rule in CALENDAR_RULES for f in own):  # the day of the month beats a bare weekday or month
        own = [f for f in own if f.rule != "weekday" and f.precision == 1]
    lead = sentence == 0 or sentence == 1 and _has_headline(doc)
    if own:
        best = min(own, key=lambda f: (max(0, f.start - te, t - f.end), -f.start))
        told = _told_in_lead(doc, sentence, found) if lead and id(best) in reported and best.start > te else None
        if told is not None and best.date is not None and told.date < best.date:
            return to_value(doc, told, "lead:")  # the lead's day is its report's; the body says when
        return to_value(doc, best)
    if is_caption(doc, sentence):
        if doc.published is None:
            return DateValue(None, None, rule="caption", warnings=["photo caption with no date and no published date"])
        return DateValue(doc.published.replace(day=15), 3, rule="caption",
                         warnings=["photo caption or short line with no date: month of publication, precision 3"])
    for i in range(sentence - 1, -1, -1):
        if is_caption(doc, i):
            continue
        inh = [f for f in found(i) if f.inheritable and not _same_day_at(doc, f)]  # فجر اليوم نفسه: that same day
        if inh:
            return to_value(doc, inh[-1], "inherited:")
    told = _told_in_lead(doc, sentence, found) if lead and not charged else None  # (the body tells the act charged)
    if told is not None:
        return to_value(doc, told, "lead:")
    if day.cue is not None:
        return DateValue(day.date, 1, rule="article-day",
                         warnings=[f"no date cue: the day the article names ({day.words}), not published "
                                   f"{doc.published.isoformat()}"])
    if doc.published is not None:
        return DateValue(doc.published, 1, rule="published")
    return DateValue(None, None, rule="none", warnings=["no date in text and no published date"])


def _since_anchor(doc: Document, te: int, f: Found) -> bool:
    """The date lies in a "since <event>" phrase after the trigger (هو أول هجوم تشنه منذ إعلان وفاة
    زعيمها الأسبوع الماضي): it dates the event the act is counted from, not the act."""
    if f.start <= te:
        return False
    return _since_phrase(doc.norm.text[te:f.start].split())


def _since_before(doc: Document, t: int, f: Found) -> bool:
    """The date lies in a "since <event>" phrase before the trigger (منذ تفجيرات مايو 2003، حتى
    العملية الانتحارية في أبها ظهر أمس): it dates that event; the act takes a date of its own when
    its sentence gives one."""
    reach = SINCE_REACH // 2
    return f.end <= t and _since_phrase(doc.norm.text[:f.start].rsplit(maxsplit=reach)[-reach:])


def _since_phrase(words: list[str]) -> bool:
    """The words before a date hold منذ and the event it counts from (not a time word: منذ مساء أمس)."""
    if len(words) > SINCE_REACH + 1:
        return False
    since = vocab()["since"]
    k = next((n for n in range(len(words) - 1, -1, -1) if one_of(words[n], since)), None)
    return k is not None and k + 1 < len(words) and words[k + 1] not in time_words() \
        and not any(c.isdigit() for c in words[k + 1])


SINCE_REACH = 12  # words from the trigger to the date of a "since <event>" phrase


def _charge_after(doc: Document, start: int, end: int) -> int:
    """The normalised position of the first word of a charge (المتهمين، بتهمة) between
    ``start`` and ``end``, or ``end``: what follows it tells the act someone is accused of, and its
    day is that act's, not the day of the arrest or trial that the sentence reports."""
    words = charge_words()
    for m in re.finditer(r"\S+", doc.norm.text[start:end]):
        if one_of(m.group(), words):
            return start + m.start()
    return end


@lru_cache(maxsize=1)
def charge_words() -> frozenset[str]:
    """Normalised words that introduce the act people are charged with (dates_ar.yaml)."""
    return frozenset(normalize_for_matching(w) for w in load_yaml("dates_ar.yaml")["charge_words"])


def _has_headline(doc: Document) -> bool:
    """The first line of the text is a headline of its own."""
    return bool(doc.sentences) and doc.text[doc.sentences[0].end:doc.sentences[0].end + 1] == "\n"


def _told_in_lead(doc: Document, sentence: int, found) -> Optional[Found]:
    """A headline, and the first sentence of the body (the lead: قتل جندي … وتفصيلاً … مساء أمس
    الثلاثاء), take the earliest day of the next sentence that tells one (of two or three: the
    event comes before its report, ذكرت الوكالة فجر اليوم أن المواطنين أبلغوا أمس)."""
    for i in range(sentence + 1, min(len(doc.sentences), sentence + 3)):
        inh = [f for f in found(i) if f.inheritable and f.date is not None]
        if inh:
            return min(inh, key=lambda f: (f.date, f.start))
    return None


REPORT_REACH = 8  # words from a verb of speech to the day it names


def _report_day(doc: Document, f: Found, since: int) -> bool:
    """The day is named by a verb of speech after ``since`` (the trigger's end, or the start of the
    sentence when the day comes first): the day of the report, which the event may precede (قتل …
    على ما أفاد مسؤول محلي الخميس; أعلن الوزير اليوم الأحد اعتقال …)."""
    words = doc.norm.text[since:f.start].split()[-REPORT_REACH:]
    return any(one_of(w, speech_verbs()) for w in words)


@lru_cache(maxsize=1)
def speech_verbs() -> frozenset[str]:
    """Normalised verbs of reported speech (speech_ar.yaml)."""
    return frozenset(normalize_for_matching(w) for w in load_yaml("speech_ar.yaml")["speech"])


class Dates(Stage):
    """Stage: ``em.date`` for each event mention."""

    name = "dates"
    requires = frozenset({"sentences", "event_mentions"})
    provides = frozenset({"dates"})

    def __call__(self, doc: Document) -> Document:
        cache: dict[int, list[Found]] = {}
        day = article_day(doc) if doc.event_mentions else None
        for em in doc.event_mentions:
            if 0 <= em.sentence < len(doc.sentences):
                span = em.ext.get("incident")
                acts = tuple(t["start"] for t in em.ext.get("triggers", ()) if t.get("role") == "action")
                em.date = date_mention(doc, em.sentence, em.trigger.start, cache, day, tuple(span) if span else None,
                                       acts, em.trigger.end, arrest=em.sub_event_type == "Arrests")
            else:
                em.date = DateValue(doc.published, 1 if doc.published else None, rule="published")
        doc.provided |= self.provides
        return doc


# ---------------------------------------------------------------- evaluation

HELDOUT = Path(__file__).resolve().parent.parent / "data" / "samples" / "dates_heldout.tsv"


def evaluate(path: Path = HELDOUT, out=sys.stdout) -> dict:
    """Date P/R/F1 (a prediction is right when date and precision match) and exact accuracy."""
    from .casualties import make_doc

    rows = read_tsv(path)
    tp = fp = fn = exact = date_only = warn_ok = 0
    misses = []
    for r in rows:
        pub = dt.date.fromisoformat(r["published"]) if r["published"].strip() else None
        doc, em = make_doc(r["text"].replace("\\n", "\n"), r["trigger"], published=pub)
        Dates()(doc)
        d = em.date
        gold = (dt.date.fromisoformat(r["date"]), int(r["precision"])) if r["date"].strip() else None
        pred = (d.date, d.precision) if d and d.date else None
        warned = bool(d and d.warnings)
        ok = pred == gold
        if pred is not None and gold is not None and pred == gold:
            tp += 1
        else:
            fp += pred is not None
            fn += gold is not None
        date_only += (pred[0] if pred else None) == (gold[0] if gold else None)
        w_ok = warned == (r.get("warn", "0").strip() == "1")
        warn_ok += w_ok
        exact += ok and w_ok
        if not (ok and w_ok):
            misses.append(f"  {r['id']}: gold {gold} warn={r.get('warn')} predicted {pred} rule={d.rule if d else None} "
                          f"warnings={d.warnings if d else None}")
    p, rec, f1 = prf(tp, tp + fp, tp + fn)
    n = len(rows)
    print(f"dates held-out ({path.name}, {n} cases)", file=out)
    print(f"  date+precision  P {p:.3f}  R {rec:.3f}  F1 {f1:.3f}", file=out)
    print(f"  date only right: {date_only}/{n} = {date_only / n:.3f}; warning right: {warn_ok}/{n} = {warn_ok / n:.3f}", file=out)
    print(f"  exact (date, precision and warning all right): {exact}/{n} = {exact / n:.3f}", file=out)
    if misses:
        print("  errors:", file=out)
        print("\n".join(misses), file=out)
    return {"rows": n, "precision": p, "recall": rec, "f1": f1, "exact": exact / n, "date_only": date_only / n}


if __name__ == "__main__":
    if sys.argv[1:2] == ["evaluate"]:
        evaluate(Path(sys.argv[2]) if len(sys.argv) > 2 else HELDOUT)
    else:
        print("usage: python -m conflict_events.dates evaluate [GOLD.tsv]", file=sys.stderr)
        sys.exit(2)
