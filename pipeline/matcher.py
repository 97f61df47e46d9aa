"""One phrase matcher for every dictionary: places, actors, event triggers.

Phrases are stored as tuples of normalised words. Matching walks a sentence's
tokens; at each word it tries every clitic reading of the FIRST word (so
بريف, وتنظيم, للواء match ريف, تنظيم, لواء) and the plain form of the rest, and
keeps the longest phrase. A match's start is the start of the reading, so the
span excludes the clitics: بريف دير الزور gives a place that starts at ريف.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Sequence

from camel_tools.tokenizers.word import simple_word_tokenize

from .caches import ClearingDict
from .document import Token
from .normalize import QUOTE_MARKS, normalize_for_matching
from .segment import norm_forms, readings

STARTS_KEPT = 50_000  # distinct words whose answer to "does a phrase start here" a matcher keeps


@dataclass(frozen=True)
class Match:
    """A phrase found in the text: token range, character span and the stored values."""

    first: int  # index of the first token in the sequence given to ``find``
    last: int  # index after the last token
    start: int
    end: int
    key: tuple[str, ...]
    values: tuple[Any, ...]


def phrase_key(phrase: str) -> tuple[str, ...]:
    """A phrase as the tuple of normalised words the matcher stores."""
    return tuple(normalize_for_matching(w) for w in simple_word_tokenize(phrase.replace("_", " ")))


class PhraseMatcher:
    """Longest-match lookup of normalised multi-word phrases over tokens."""

    def __init__(self, max_words: int = 8, skip_quotes: bool = False):
        self._table: dict[tuple[str, ...], list[Any]] = {}
        self.max_words = max_words
        self.skip_quotes = skip_quotes  # a name read across the quotes inside it: لواء «فاطميون»
        self._longest = 0
        self._firsts: set[str] = set()  # first words of the stored phrases
        self._prefixes: set[tuple[str, ...]] = set()  # every phrase's first n words, for every n
        self._starts = ClearingDict(STARTS_KEPT)  # a word's norm -> whether a reading of it is in _firsts

    def add(self, phrase: str | tuple[str, ...], value: Any) -> None:
        """Store ``value`` under a phrase (text, or a tuple of normalised words)."""
        key = phrase if isinstance(phrase, tuple) else phrase_key(phrase)
        if not key or len(key) > self.max_words:
            return
        bucket = self._table.setdefault(key, [])
        if value not in bucket:
            bucket.append(value)
        self._longest = max(self._longest, len(key))
        if key[0] not in self._firsts:
            self._firsts.add(key[0])
            self._starts.clear()
        self._prefixes.update(key[:n] for n in range(1, len(key) + 1))

    def add_all(self, pairs: Iterable[tuple[str | tuple[str, ...], Any]]) -> "PhraseMatcher":
        """Store many (phrase, value) pairs; returns self."""
        for phrase, value in pairs:
            self.add(phrase, value)
        return self

    def __len__(self) -> int:
        return len(self._table)

    def get(self, phrase: str | tuple[str, ...]) -> list[Any]:
        """The values stored under an exact phrase."""
        key = phrase if isinstance(phrase, tuple) else phrase_key(phrase)
        return list(self._table.get(key, ()))

    def match_at(self, tokens: list[Token], i: int) -> Match | None:
        """The longest phrase starting at token i (any clitic reading of it), or None."""
        if not self._may_start(tokens[i].norm):
            return None  # most words start no phrase
        return self._match_from(tokens, i)

    def _match_from(self, tokens: list[Token], i: int) -> Match | None:
        """``match_at`` at a token whose word may start a phrase."""
        table = self._table
        best = None
        at = self._following(tokens, i)  # token indices of the words that may follow
        rest = [tokens[k].norm for k in at] if self.skip_quotes else [t.norm for t in tokens[at.start:at.stop]]
        prefixes = self._prefixes
        for start, form in readings(tokens[i]):
            if form not in self._firsts:
                continue
            key = (form,)
            found = key if key in table else None  # the longest stored phrase: read on while the
            for word in rest:  # words so far begin some phrase
                key = (*key, word)
                if key not in prefixes:
                    break
                if key in table:
                    found = key
            if found is not None:
                n = len(found) - 1
                last = at[n - 1] if n else i
                if best is None or n + 1 > len(best.key):
                    best = Match(i, last + 1, start, tokens[last].end, found, tuple(table[found]))
        return best

    def _may_start(self, norm: str) -> bool:
        """Whether some reading of a word is the first word of a stored phrase (kept per norm)."""
        got = self._starts.get(norm)
        return self._starts_phrase(norm) if got is None else got

    def _starts_phrase(self, norm: str) -> bool:
        """Whether some reading of a word (``reading_forms`` of its norm) is the first word of a stored
        phrase (kept per norm)."""
        self._starts.make_room()
        got = self._starts[norm] = not self._firsts.isdisjoint(norm_forms(norm))
        return got

    def _following(self, tokens: list[Token], i: int) -> Sequence[int]:
        """Indices of the up to longest-1 tokens after token i (quote marks passed over when
        ``skip_quotes``)."""
        if not self.skip_quotes:
            return range(i + 1, min(len(tokens), i + self._longest))
        out, k = [], i + 1
        while k < len(tokens) and len(out) < self._longest - 1:
            if tokens[k].norm not in QUOTE_MARKS:
                out.append(k)
            k += 1
        return out

    def find(self, tokens: list[Token]) -> Iterator[Match]:
        """Non-overlapping longest matches, left to right; a longer match that starts inside one
        and runs past it wins (وحدات «الجيش الوطني الليبي»: the named army, not وحدات الجيش)."""
        i, count = 0, len(tokens)
        while i < count:
            if not self._may_start(tokens[i].norm):  # most words start no phrase
                i += 1
                continue
            m = self._match_from(tokens, i)
            if m is None:
                i += 1
                continue
            for j in range(i + 1, m.last):
                n = self.match_at(tokens, j)
                if n is not None and n.last > m.last and len(n.key) > len(m.key):
                    m = n
                    break
            yield m
            i = m.last
