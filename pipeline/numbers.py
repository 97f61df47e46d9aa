"""Arabic numbers: digits in both scripts, number words 0-999,999 and dual/singular counted nouns.

Everything here works on NORMALISED text (``normalize_for_matching``: ة→ه, أإآ→ا, ى→ي,
no diacritics, Arabic-Indic digits → ASCII). ``find_numbers`` returns spans in the
coordinates of the string it was given; the caller maps them back to the original
text. The vocabulary is data: ``pipeline/data/numbers_ar.yaml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from .normalize import normalize_for_matching
from .resources import load_yaml

# Words, digit groups (1,200 / 1٬200 / 12) and single punctuation marks, in normalised text.
TOKEN_RE = re.compile(r"\d{1,3}(?:[,٬]\d{3})+(?!\d)|\d+(?:\.\d+)?|[\u0621-\u064a]+|[a-z]+|[^\s]")
CLITICS = ("", "و", "ف", "ب", "ل", "وب", "ول", "فب", "فل", "ك")


@dataclass(frozen=True)
class Tok:
    """A word, digit group or punctuation mark of normalised text, with its span."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Number:
    """A number read from normalised text: value, span and how it was written."""

    value: int
    start: int
    end: int
    kind: str  # "digits", "words"
    first: int = -1  # index of its first token in the token list it was read from
    last: int = -1  # index after its last token
    conj: bool = False  # introduced by و (و4، وخمسة)


@lru_cache(maxsize=1)
def vocab() -> dict:
    """The number vocabulary, normalised for matching."""
    raw = load_yaml("numbers_ar.yaml")
    norm = normalize_for_matching
    out = {}
    for key, val in raw.items():
        if isinstance(val, dict):
            out[key] = {norm(k): v for k, v in val.items()}
        else:
            out[key] = {norm(k) for k in val}
    return out


def tokenize(text: str, start: int = 0, end: Optional[int] = None) -> list[Tok]:
    """Tokens of text[start:end] with spans in text's coordinates."""
    end = len(text) if end is None else end
    return [Tok(m.group(), m.start() + start, m.end() + start) for m in TOKEN_RE.finditer(text[start:end])]


def digits_value(s: str) -> Optional[int]:
    """The integer of a digit group (1,200 → 1200); None for decimals and non-digits."""
    s = s.replace(",", "").replace("٬", "")
    return int(s) if s.isdigit() else None


def strip_clitic(word: str, table) -> tuple[str, str]:
    """(clitic, stem) for the first clitic reading of word whose stem is in table; ('', '') if none."""
    for c in CLITICS:
        if word.startswith(c) and word[len(c):] in table:
            return c, word[len(c):]
    return "", ""


@lru_cache(maxsize=200_000)
def vocab_stem(word: str, table: str) -> tuple[str, str]:
    """``strip_clitic`` of a word against the named table of ``vocab()`` (cached: words recur)."""
    return strip_clitic(word, vocab()[table])


def word_class(word: str) -> tuple[str, int, str]:
    """(class, value, clitic) of a number word: unit, teen, ten, hundred, thousand; ('', 0, '') if none."""
    v = vocab()
    for cls in ("units", "tens", "hundreds", "thousands"):
        c, stem = vocab_stem(word, cls)
        if stem:
            return cls, v[cls][stem], c
    return "", 0, ""


def counts_accusative_singular(word: str) -> bool:
    """Whether a normalised word counts the noun after it in the accusative singular: a ten or
    عشر (أحد عشر جنديًا، عشرين مسلحًا), or a figure, which the press writes so at any size (47 متمردًا)."""
    if word[:1].isdigit():
        return True
    v = vocab()
    return word in v["teen_marker"] or bool(vocab_stem(word, "tens")[1])


def read_number(toks: list[Tok], i: int) -> Optional[Number]:
    """The number starting at token i (digits, or a run of number words), or None."""
    v = vocab()
    t = toks[i]
    conj = False
    j = i
    if t.text == "و" and i + 1 < len(toks) and toks[i + 1].start == t.end and toks[i + 1].text[:1].isdigit():
        conj, j = True, i + 1  # و4 is split into و + 4 by the tokenizer
    if toks[j].text[:1].isdigit():
        val = digits_value(toks[j].text)
        if val is None:
            return None
        return Number(val, toks[j].start, toks[j].end, "digits", i, j + 1, conj)
    cls, val, clitic = word_class(t.text)
    if not cls:
        return None
    total, current, k = 0, 0, i
    last_cls = None
    while k < len(toks):
        w = toks[k].text
        if k > i:
            if last_cls == "units" and w in v["teen_marker"] and current < 10:
                current += 10
                last_cls, k = "teen", k + 1
                continue
            if last_cls == "units" and w in v["hundred_multiplier"] and current < 10:
                current *= 100
                last_cls, k = "hundreds", k + 1
                continue
            if last_cls in ("units", "teen", "tens", "hundreds") and w in v["thousand_multiplier"]:
                total += current * 1000
                current, last_cls, k = 0, "thousands", k + 1
                continue
            if not w.startswith("و") or len(w) < 3:
                break
            cls, val, c = word_class(w)
            if not cls or c != "و":
                break
            if cls == "units" and last_cls in ("units", "teen", "tens"):
                break
        if cls == "thousands":
            total += (current or 1) * val
            current = 0
        else:
            current += val
        last_cls = cls
        k += 1
        cls = None
    value = total + current
    return Number(value, toks[i].start, toks[k - 1].end, "words", i, k, clitic.startswith("و"))


def find_numbers(text: str, start: int = 0, end: Optional[int] = None) -> list[Number]:
    """Every number in normalised text[start:end], left to right, spans in text's coordinates."""
    toks = tokenize(text, start, end)
    out, i = [], 0
    while i < len(toks):
        n = read_number(toks, i)
        if n is None:
            i += 1
        else:
            out.append(n)
            i = n.last
    return out


def parse_number(text: str) -> Optional[int]:
    """The value of a string that is one number (digits or words), else None."""
    norm = normalize_for_matching(text.strip())
    toks = tokenize(norm)
    if not toks:
        return None
    n = read_number(toks, 0)
    return n.value if n is not None and n.last == len(toks) else None


def noun_count(word: str, singular: str, sound_plural: bool = False) -> Optional[int]:
    """1 for the singular counted noun, 2 for its dual (قتيلان، جنديين), else None.

    The oblique dual -ين of a noun whose plural is also -ين (مدنيين، مقاتلين) is ambiguous
    without vowels; it is read as a dual only when ``sound_plural`` is False.
    """
    base = singular[:-1] + "ت" if singular.endswith("ه") else singular
    if word in (singular, singular + "ا"):
        return 1
    if word in (base + "ان", base + "ا"):
        return 2 if word != singular + "ا" else 1
    if word == base + "ين":
        return None if sound_plural else 2
    return None


def read_ordinal(toks: list[Tok], i: int) -> Optional[tuple[int, int]]:
    """(value, index after) of a day ordinal at token i (الخامس عشر، الحادي والعشرين), else None."""
    v = vocab()
    w = toks[i].text
    c, stem = vocab_stem(w, "ordinals")
    if stem:
        val, k = v["ordinals"][stem], i + 1
        if k < len(toks) and toks[k].text in v["ordinal_teen_marker"]:
            return val + 10, k + 1
        if k < len(toks) and toks[k].text.startswith("و") and toks[k].text[1:] in v["ordinal_tens_after_waw"]:
            return val + v["ordinal_tens_after_waw"][toks[k].text[1:]], k + 1
        return val, k
    c, stem = vocab_stem(w, "ordinal_tens")
    if stem:
        return v["ordinal_tens"][stem], i + 1
    return None
