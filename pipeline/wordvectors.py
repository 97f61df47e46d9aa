"""Word vectors with a fastText subword back-off, read without gensim.

A word in the vocabulary has its own vector; a word outside it gets the mean of
its character n-gram vectors (Bojanowski et al. 2017), hashed exactly as
fastText and gensim hash them, so vectors trained with ``gensim.models.FastText``
give the same out-of-vocabulary vectors here as ``FastTextKeyedVectors``.
"""
from __future__ import annotations

import functools

import numpy as np


def fnv1a_fasttext(data: bytes) -> int:
    """fastText's 32-bit FNV-1a hash (each byte sign-extended, as its C++ ``char``)."""
    h = 2166136261
    for b in data:
        h ^= (b - 256 if b > 127 else b) & 0xFFFFFFFF
        h = (h * 16777619) & 0xFFFFFFFF
    return h


def char_ngrams(word: str, min_n: int, max_n: int) -> list[str]:
    """Character n-grams of ``<word>``, shortest first (fastText's set for min_n >= 2)."""
    ext = f"<{word}>"
    return [ext[i:i + n] for n in range(min_n, min(len(ext), max_n) + 1) for i in range(len(ext) - n + 1)]


def ngram_buckets(word: str, min_n: int, max_n: int, bucket: int) -> list[int]:
    """Row indices of ``word``'s n-grams in a table of ``bucket`` rows."""
    return [fnv1a_fasttext(g.encode("utf-8")) % bucket for g in char_ngrams(word, min_n, max_n)]


class SubwordVectors:
    """``words`` with ``vectors`` (rows); ``ngrams`` (bucket x dim) for the words outside them."""

    def __init__(self, words: list[str], vectors: np.ndarray, ngrams: np.ndarray | None = None,
                 min_n: int = 3, max_n: int = 5):
        self.index = {w: i for i, w in enumerate(words)}
        self.words, self.vectors, self.ngrams = words, vectors, ngrams
        self.min_n, self.max_n = min_n, max_n
        # bounded: a batch of millions of articles meets millions of unseen forms
        self._backoff = functools.lru_cache(maxsize=100_000)(self._ngram_mean)

    @property
    def dim(self) -> int:
        return self.vectors.shape[1]

    def __contains__(self, word: str) -> bool:
        return word in self.index

    def get(self, word: str) -> np.ndarray | None:
        """The word's vector, its n-gram back-off, or None (no vector and no n-gram table)."""
        i = self.index.get(word)
        if i is not None:
            return self.vectors[i]
        return None if self.ngrams is None else self._backoff(word)

    def _ngram_mean(self, word: str) -> np.ndarray | None:
        rows = ngram_buckets(word, self.min_n, self.max_n, len(self.ngrams))
        return self.ngrams[rows].mean(axis=0) if rows else None
