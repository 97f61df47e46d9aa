"""Training of the shipped text classifiers (textmodel.TfidfLogistic): the choice of C on held-out
folds and the fitted model file's terms, shared by train.news (sentences) and train.genre (articles).
Needs scikit-learn (camel-tools brings it)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, Iterable, Optional


def held_out(grams: list[list[str]], y, folds: Iterable[tuple], cs: Iterable[float],
             vectorizer: Callable) -> tuple[float, float, "object"]:
    """(C, log loss, held-out probabilities) of the C among ``cs`` whose held-out probabilities over
    ``folds`` ((train, test) index arrays) have the lowest log loss; ``y`` a boolean numpy array."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import log_loss

    folds = list(folds)
    best = None
    for c in cs:
        p = np.zeros(len(y))
        for tr, te in folds:
            vec = vectorizer().fit([grams[i] for i in tr])
            model = LogisticRegression(C=c, max_iter=5000, class_weight="balanced")
            model.fit(vec.transform([grams[i] for i in tr]), y[tr])
            p[te] = model.predict_proba(vec.transform([grams[i] for i in te]))[:, 1]
        loss = log_loss(y, p)
        if best is None or loss < best[1]:
            best = (c, loss, p)
    return best


def fitted(grams: list[list[str]], y, c: float, vectorizer: Callable, digits: int) -> dict:
    """The model file's terms ({term: [idf, weight]}) and intercept, fitted on every example."""
    from sklearn.linear_model import LogisticRegression

    vec = vectorizer().fit(grams)
    model = LogisticRegression(C=c, max_iter=5000, class_weight="balanced").fit(vec.transform(grams), y)
    return {"intercept": round(float(model.intercept_[0]), 6),
            "terms": {t: [round(float(vec.idf_[i]), digits), round(float(model.coef_[0][i]), digits)]
                      for t, i in sorted(vec.vocabulary_.items())}}


def write_model(data: dict, out: Optional[Path]) -> None:
    """Write a model file's content to ``out``/model.json (nothing when ``out`` is None)."""
    from ..textmodel import MODEL_FILE

    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        with open(out / MODEL_FILE, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, separators=(",", ":"))
