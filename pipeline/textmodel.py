"""The text classifiers' arithmetic: a logistic regression over tf-idf weighted word n-grams (and,
where the model has ``word_scores``, the mean word vector of the text).

The models are trained with sklearn (TfidfVectorizer with sublinear tf, smoothed idf and l2 norm,
then LogisticRegression) by the training scripts (conflict_events.train.news, .genre) and shipped as
JSON: per-term idf and weight, an intercept and a decision threshold. The arithmetic is redone here in
plain Python so the pipeline needs no training library. Used by the news stage (a sentence: does it
report a recent event?) and the genre stage (an article: is it an opinion piece?).
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Optional

from .document import Token
from .resources import models_dir
from .stage import Stage

MODEL_FILE = "model.json"


def word_form(tok: Token) -> str:
    """A token as the model reads it: its normalised form, any number as 0."""
    return "0" if any(c.isdigit() for c in tok.norm) else tok.norm


def features(words: list[str], ngrams: tuple[int, int] = (1, 2)) -> dict[str, int]:
    """Counts of the word n-grams of a text (n in the model's range), joined by a space."""
    counts: dict[str, int] = {}
    lo, hi = ngrams
    for n in range(lo, hi + 1):
        for i in range(len(words) - n + 1):
            gram = " ".join(words[i:i + n])
            counts[gram] = counts.get(gram, 0) + 1
    return counts


class TfidfLogistic:
    """A shipped classifier: per-term idf and weight, an intercept and the decision threshold."""

    def __init__(self, data: dict):
        self.ngrams = tuple(data["ngrams"])
        self.terms: dict[str, tuple[float, float]] = {t: (v[0], v[1]) for t, v in data["terms"].items()}
        self.intercept = float(data["intercept"])
        self.threshold = float(data["threshold"])
        self.word_scores: dict[str, float] = data.get("word_scores") or {}

    FOLDER = ""  # the models folder a subclass ships in (models/<FOLDER>/model.json)

    @classmethod
    def load(cls, path: Optional[Path] = None) -> "TfidfLogistic":
        """The model file at ``path``, by default the shipped one (models/<FOLDER>/model.json)."""
        with open(path or models_dir() / cls.FOLDER / MODEL_FILE, encoding="utf-8") as f:
            return cls(json.load(f))

    @classmethod
    def shipped(cls) -> Optional["TfidfLogistic"]:
        """The shipped model, read once, or None when the models folder holds none (its stage then
        changes nothing)."""
        return _shipped(cls)

    def probability(self, words: list[str]) -> float:
        """The probability of the positive class for a text of these words (``word_form``)."""
        score, norm = 0.0, 0.0
        for gram, count in features(words, self.ngrams).items():
            known = self.terms.get(gram)
            if known is None:
                continue
            idf, weight = known
            x = (1.0 + math.log(count)) * idf
            score += weight * x
            norm += x * x
        z = self.intercept + (score / math.sqrt(norm) if norm else 0.0)
        if self.word_scores:  # the mean word vector's term: the mean of the words' shares of it
            shares = [s for s in map(self.word_scores.get, words) if s is not None]
            if shares:
                z += sum(shares) / len(shares)
        return 1.0 / (1.0 + math.exp(-z))


@lru_cache(maxsize=None)
def _shipped(cls: type) -> Optional[TfidfLogistic]:
    try:
        return cls.load()
    except FileNotFoundError:
        return None


class ModelStage(Stage):
    """A stage that reads a text model: the one it was given, else the shipped ``MODEL``."""

    MODEL: type = TfidfLogistic

    def __init__(self, model: Optional[TfidfLogistic] = None):
        self._model = model

    @property
    def model(self) -> Optional[TfidfLogistic]:
        return self._model if self._model is not None else self.MODEL.shipped()


__all__ = ["MODEL_FILE", "ModelStage", "TfidfLogistic", "features", "word_form"]
