"""Precision, recall and F1 from counts: the one definition every ``evaluate`` path uses."""
from __future__ import annotations


def prf(correct: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 of ``correct`` hits among ``predicted`` and ``gold`` items (0.0 where undefined)."""
    p = correct / predicted if predicted else 0.0
    r = correct / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
