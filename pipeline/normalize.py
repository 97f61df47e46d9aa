"""Arabic normalisation for matching, with a map back to the original characters.

The original text is never changed. Matching runs on a normalised copy
(``NormText.text``); every match found there is mapped back through
``NormText.to_original`` so that spans always point into the original article.

The character rules are camel-tools' own (``camel_tools.utils.normalize`` and
``dediac``), applied one original character at a time so that the offset map
is exact; the result for each character is cached, which keeps the whole
normaliser a dictionary lookup per character.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache
from typing import Container

from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import (
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
    normalize_unicode,
)

TATWEEL = "\u0640"
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
QUOTE_MARKS = frozenset({"«", "»", "“", "”", '"', "„", "‹", "›"})  # a quote mark is no word and cuts no clause
# Invisible marks that news sites leave in running text.
_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\ufeff", "\u061c"}


def remove_tatweel(s: str) -> str:
    """Drop the Arabic tatweel (kashida) character."""
    return s.replace(TATWEEL, "")


def ascii_digits(s: str) -> str:
    """Map Arabic-Indic and Persian digits to ASCII digits."""
    return s.translate(_DIGITS)


def remove_invisible(s: str) -> str:
    """Drop zero-width and bidirectional control characters."""
    return "".join(c for c in s if c not in _INVISIBLE)


class _Table(dict):
    """str.translate's table of ``_char``, filled as characters are met."""

    def __missing__(self, code: int) -> str:
        self[code] = out = _char(chr(code))
        return out


_TABLE = _Table()


class _Lengths(dict):
    """str.translate's table of the length of ``_char`` of each character (as a character: chr(n))."""

    def __missing__(self, code: int) -> str:
        self[code] = out = chr(len(_TABLE[code]))
        return out


_LENGTHS = _Lengths()


def normalize_for_matching(s: str) -> str:
    """Normalise a whole string for matching (no offset map)."""
    return s.translate(_TABLE)


def one_of(word: str, words: Container[str]) -> bool:
    """The normalised word, or the word after its conjunction و/ف, is one of ``words``."""
    return word in words or word[:1] in "وف" and word[1:] in words


@lru_cache(maxsize=None)
def _char(c: str) -> str:
    """Normalise one original character; may return '' or several characters."""
    s = normalize_unicode(c)
    s = remove_invisible(remove_tatweel(dediac_ar(s)))
    s = normalize_alef_ar(normalize_alef_maksura_ar(normalize_teh_marbuta_ar(s)))
    return ascii_digits(s).lower()


@dataclass(frozen=True)
class NormText:
    """A normalised copy of a text with, for each of its characters, the original offset."""

    text: str
    origin: tuple[int, ...]  # origin[i] = offset in the original of normalised char i
    original_length: int

    @classmethod
    def of(cls, original: str) -> "NormText":
        """Normalise ``original`` and record where each output character came from: each character
        becomes ``_char`` of it (str.translate), and each of its output characters comes from it."""
        n = len(original)
        lengths = original.translate(_LENGTHS)
        if lengths.count("\x01") == n:  # every character gave one: the offsets are the same
            origin = tuple(range(n))
        else:
            import numpy as np

            counts = np.frombuffer(lengths.encode("utf-32-le"), dtype=np.uint32)
            origin = tuple(np.repeat(np.arange(n), counts).tolist())
        return cls(original.translate(_TABLE), origin, n)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised span [start, end) to the original text."""
        if start >= end:
            pos = self.origin[start] if start < len(self.origin) else self.original_length
            return pos, pos
        return self.origin[start], self.origin[end - 1] + 1

    def from_original(self, start: int, end: int) -> tuple[int, int]:
        """Map an original span to the smallest normalised span covering it."""
        return bisect.bisect_left(self.origin, start), bisect.bisect_left(self.origin, end)


class Normalize:
    """Stage: attach the normalised copy of the text and its offset map (``doc.norm``)."""

    name = "normalize"
    requires = frozenset({"text"})
    provides = frozenset({"norm"})

    def __call__(self, doc):
        doc.norm = NormText.of(doc.text)
        doc.provided |= self.provides
        return doc
