"""Sentences, words and clitics, every one a span into the original text.

Words come from camel-tools' ``simple_word_tokenize`` run on the original text
and are aligned back to their offsets. Each word is then split into clitic
sub-tokens (و ف + ب ل ك + ال + stem + attached pronoun) conservatively: a
single-letter proclitic is split only where it is unambiguous (before ال). The
ambiguous readings (وزير is not و + زير, but ومقاتلي is و + مقاتلي) are not
guessed here: ``readings(token)`` yields every plausible stem with its offset,
and the dictionary matchers try them all, longest known entry first.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from camel_tools.tokenizers.word import simple_word_tokenize

from .document import Document, Sentence, SubToken, Token
from .normalize import NormText, normalize_for_matching
from .stage import Stage

# A sentence ends at a line break or at . ! ? ؟ followed by space; an ellipsis ends it too.
_SENTENCE_END = re.compile(r"\n+|(?<=[.!?؟…])[\"'”»)]*\s+")

CONJUNCTIONS = ("و", "ف")
PREPOSITIONS = ("ب", "ل", "ك")
ARTICLE = "ال"
ENCLITICS = ("هما", "هم", "هن", "ها", "كم", "نا", "ه")
MIN_STEM = 2
# A sentence is at most this many words (the longest in 70,000 sentences of Saudi news has 749): a
# longer one (a list without stops, 50,000 commas) is cut in pieces, so that no stage ever works
# on an unbounded sentence.
MAX_SENTENCE_WORDS = 1000
CUT_LOOKBACK = 200  # a piece ends after the last punctuation within this many words of the limit


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a text (leading and trailing space trimmed)."""
    spans, pos = [], 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((pos, m.start() if m.group().startswith("\n") else m.end()))
        pos = m.end()
    spans.append((pos, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def cut_long(words: list[tuple[int, int]], text: str, limit: int = MAX_SENTENCE_WORDS) -> list[list[tuple[int, int]]]:
    """A sentence's word spans in pieces of at most ``limit`` words, each ending after a
    punctuation mark where one is near the limit (one piece when the sentence is short)."""
    pieces, i = [], 0
    while len(words) - i > limit:
        end = i + limit
        cut = next((k + 1 for k in range(end - 1, max(i, end - CUT_LOOKBACK) - 1, -1)
                    if not any(c.isalnum() for c in text[words[k][0]:words[k][1]])), end)
        pieces.append(words[i:cut])
        i = cut
    pieces.append(words[i:])
    return pieces


def align_words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Offsets of camel-tools' words within text[start:end]. camel-tools splits the text at white
    space and each piece on its own (``word_pieces``), so the words of each piece are read once per
    distinct piece."""
    out, pos = [], start
    for chunk in text[start:end].split():
        i = text.find(chunk, pos, end)
        if i < 0:  # defensive: split never rewrites characters
            continue
        out += [(i + a, i + b) for a, b in word_pieces(chunk)]
        pos = i + len(chunk)
    return out


@lru_cache(maxsize=50_000)
def word_pieces(chunk: str) -> tuple[tuple[int, int], ...]:
    """Offsets of camel-tools' words within a piece of text without white space (cached: words recur)."""
    out, pos = [], 0
    for word in simple_word_tokenize(chunk):
        i = chunk.find(word, pos)
        if i < 0:  # defensive: the tokenizer never rewrites characters
            continue
        out.append((i, i + len(word)))
        pos = i + len(word)
    return tuple(out)


def clitic_parts(text: str, start: int) -> list[SubToken]:
    """Conservative clitic split of one word: proclitics only before ال, pronouns after 3+ letters.

    The split is made on the normalised word and mapped back through the normaliser's offsets,
    so a word with diacritics (وَالمسلّحين) splits as the bare one does."""
    return [SubToken(start + a, start + b, norm, kind) for a, b, norm, kind in _clitic_split(text)]


@lru_cache(maxsize=200_000)
def _clitic_split(text: str) -> tuple[tuple[int, int, str, str], ...]:
    """``clitic_parts`` of a word at offset 0, as (start, end, norm, kind) (words recur: cached)."""
    nt = NormText.of(text)
    norm = nt.text
    if not norm or not _is_arabic(norm):
        return ((0, len(text), norm, "stem"),)
    at = _offsets(nt)
    parts: list[tuple[int, int, str, str]] = []
    i = 0
    if norm[:1] in CONJUNCTIONS and _article_follows(norm, 1):
        parts.append((0, at[1], norm[0], "proclitic"))
        i = 1
    if norm.startswith("لل", i) and len(norm) - i - 2 >= MIN_STEM:  # ل + (ا)ل: للمدينة
        parts.append((at[i], at[i + 1], "ل", "proclitic"))
        parts.append((at[i + 1], at[i + 2], ARTICLE, "article"))
        i += 2
    else:
        if norm[i:i + 1] in PREPOSITIONS and norm.startswith(ARTICLE, i + 1) and len(norm) - i - 3 >= MIN_STEM:
            parts.append((at[i], at[i + 1], norm[i], "proclitic"))
            i += 1
        if norm.startswith(ARTICLE, i) and len(norm) - i - 2 >= MIN_STEM:
            parts.append((at[i], at[i + 2], ARTICLE, "article"))
            i += 2
    j = len(norm)
    if not parts:  # a definite noun takes no pronoun suffix
        for enc in ENCLITICS:
            if norm.endswith(enc) and j - len(enc) - i >= 3 and text[-len(enc):] == enc:
                j -= len(enc)
                break
    parts.append((at[i], at[j], norm[i:j], "stem"))
    if j < len(norm):
        parts.append((at[j], len(text), norm[j:], "enclitic"))
    return tuple(parts)


def _offsets(nt: NormText) -> list[int]:
    """Original offset of each normalised character of one word, and its length at the end;
    a character the normaliser dropped (a diacritic) stays with the letter before it."""
    return list(nt.origin) + [nt.original_length]


def readings(token: Token) -> list[tuple[int, str]]:
    """Every plausible (start offset, normalised form) of a word, longest first.

    The full word, then the word without و/ف, without ب/ل/ك, without ال, and
    with لل read as ل + ال (للواء → لواء and اللواء).  Offsets point into the
    original word, diacritics included (وتبنّى → تبني at the ت).
    """
    return [(token.start + i, form) for i, form in _readings(token.text)]


def word_readings(text: str) -> tuple[tuple[int, str], ...]:
    """``readings`` of a word as written, offsets relative to its start (cached: words repeat)."""
    return _readings(text)


def reading_forms(token: Token) -> frozenset[str]:
    """The normalised forms of ``readings`` of a word, without offsets."""
    return _reading_forms(token.norm)


def norm_forms(norm: str) -> frozenset[str]:
    """``reading_forms`` of a token with this normalised form."""
    return _reading_forms(norm)


@lru_cache(maxsize=200_000)
def _reading_forms(norm: str) -> frozenset[str]:
    """``reading_forms`` of a normalised word (cached: words repeat)."""
    return frozenset(norm_reading_forms(norm))


@lru_cache(maxsize=100_000)
def _readings(text: str) -> tuple[tuple[int, str], ...]:
    """``readings`` of a word as written, offsets relative to its start (cached: words repeat)."""
    nt = NormText.of(text)
    at = _offsets(nt)
    return tuple((at[i], form) for i, form in _norm_readings(nt.text))


def norm_reading_forms(norm: str) -> list[str]:
    """The forms of ``readings`` of a normalised word, in their order (no offsets)."""
    return [f for _, f in _norm_readings(norm)]


@lru_cache(maxsize=100_000)
def _norm_readings(norm: str) -> tuple[tuple[int, str], ...]:
    """``readings`` of a normalised word, offsets into the normalised word."""
    out = [(0, norm)]
    seen = {norm}

    def add(i: int, form: str) -> None:
        if len(form) >= MIN_STEM and form not in seen:
            seen.add(form)
            out.append((i, form))

    for c in range(0, 2):  # optional conjunction
        if c and norm[:1] not in CONJUNCTIONS:
            continue
        for p in range(0, 2):  # optional preposition
            if p and norm[c:c + 1] not in PREPOSITIONS:
                continue
            i = c + p
            if i:
                add(i, norm[i:])
            if norm.startswith(ARTICLE, i):
                add(i, norm[i + 2:])  # تنظيم from والتنظيم
            if p and norm[c] == "ل" and norm.startswith("ل", i):  # لل = ل + (ا)ل
                add(i, "ال" + norm[i:])  # للواء → اللواء (a lam-initial stem keeps one lam)
                add(i, "ا" + norm[i:])  # للمدينة → المدينة
                add(i + 1, norm[i + 1:])
    return tuple(out)


def _article_follows(norm: str, i: int) -> bool:
    """True when ال or لل (+ preposition ب/ك + ال) starts at i and leaves a stem behind it."""
    if norm[i:i + 1] in PREPOSITIONS and norm[i] != "ل":
        i += 1
    return (norm.startswith(ARTICLE, i) or norm.startswith("لل", i)) and len(norm) - i - 2 >= MIN_STEM


def _is_arabic(s: str) -> bool:
    """True when every character is an Arabic letter."""
    return all("\u0621" <= c <= "\u064a" for c in s)


class SegmentedToken(Token):
    """A Token of the segmenter, whose clitic sub-tokens (``parts``: ``clitic_parts`` of its text at
    its start) are split when first read: most words' never are, and making them was a third of
    the segmenter's time. The same Token otherwise (its fields, equality, repr)."""

    def __init__(self, start: int, end: int, text: str, norm: str, sentence: int, index: int,
                 parts: Optional[list[SubToken]] = None):
        self.start, self.end, self.text, self.norm, self.sentence, self.index = start, end, text, norm, sentence, index
        self._parts = parts

    @property
    def parts(self) -> list[SubToken]:
        if self._parts is None:
            self._parts = clitic_parts(self.text, self.start)
        return self._parts

    @parts.setter
    def parts(self, value: list[SubToken]) -> None:
        self._parts = value


class Segment(Stage):
    """Split the original text into sentences, words and clitic sub-tokens."""

    name = "segment"
    requires = frozenset({"norm"})
    provides = frozenset({"sentences", "tokens"})

    def __call__(self, doc: Document) -> Document:
        doc.sentences, doc.tokens = [], []
        for s, e in split_sentences(doc.text):
            pieces = cut_long(align_words(doc.text, s, e), doc.text)
            for k, words in enumerate(pieces):
                si = len(doc.sentences)
                start = s if k == 0 else words[0][0]
                end = e if k == len(pieces) - 1 else words[-1][1]
                sent = Sentence(start, end, si, token_start=len(doc.tokens))
                for ws, we in words:
                    ns, ne = doc.norm.from_original(ws, we)
                    doc.tokens.append(SegmentedToken(ws, we, doc.text[ws:we], doc.norm.text[ns:ne], si,
                                                     len(doc.tokens)))
                sent.token_end = len(doc.tokens)
                doc.sentences.append(sent)
        doc.provided |= self.provides
        return doc
