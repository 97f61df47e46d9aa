"""Training of the shipped text classifiers (textmodel.TfidfLogistic): the choice of C on held-out
folds, the fitted model file's terms, and the mean word vector as more features (its weights shipped
as each word's share, ``word_scores``), shared by train.news (sentences) and train.genre (articles).
Needs scikit-learn (camel-tools brings it)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, Iterable, Optional


def _design(vec, grams: list[list[str]], dense=None):
    """The tf-idf rows of ``grams``, with the ``dense`` feature columns (a numpy array) beside them."""
    import scipy.sparse as sp

    x = vec.transform(grams)
    return x if dense is None else sp.hstack([x, sp.csr_matrix(dense)]).tocsr()


# the NER's word2vec on SaudiNewsNet: wordvec.npy and wordvec.vocab (train.bilstm writes them)
VECTORS = Path(__file__).resolve().parents[2] / "models" / "ner" / "bilstm"
VECTOR_SCALE = 2.0  # the mean vector's usual length, so its weights are regularised like the tf-idf ones


def word_vectors(folder: Path = VECTORS) -> tuple[dict[str, int], "object"]:
    """The word vectors' index ({word: row}) and their matrix (float32)."""
    import numpy as np

    with open(folder / "wordvec.vocab", encoding="utf-8") as f:
        index = {w.rstrip("\n"): i for i, w in enumerate(f)}
    return index, np.load(folder / "wordvec.npy").astype("float32")


def mean_vectors(words: list[list[str]], index: dict[str, int], vectors) -> "object":
    """One row per text: the mean vector of its words that have one (zeros when none), / VECTOR_SCALE."""
    import numpy as np

    rows = np.zeros((len(words), vectors.shape[1]), dtype="float32")
    for n, ws in enumerate(words):
        found = [index[w] for w in ws if w in index]
        if found:
            rows[n] = vectors[found].mean(axis=0) / VECTOR_SCALE
    return rows


def word_scores(weights: list[float], index: dict[str, int], vectors, digits: int = 5) -> dict[str, float]:
    """Each vocabulary word's share of the model's score: its vector times the mean's weights."""
    import numpy as np

    scores = vectors @ np.asarray(weights, dtype="float32") / VECTOR_SCALE
    return {w: round(float(scores[i]), digits) for w, i in index.items()}


def held_out(grams: list[list[str]], y, folds: Iterable[tuple], cs: Iterable[float],
             vectorizer: Callable, dense=None) -> tuple[float, float, "object"]:
    """(C, log loss, held-out probabilities) of the C among ``cs`` whose held-out probabilities over
    ``folds`` ((train, test) index arrays) have the lowest log loss; ``y`` a boolean numpy array;
    ``dense``: more feature columns, one row per example."""
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
            model.fit(_design(vec, [grams[i] for i in tr], None if dense is None else dense[tr]), y[tr])
            p[te] = model.predict_proba(_design(vec, [grams[i] for i in te],
                                                None if dense is None else dense[te]))[:, 1]
        loss = log_loss(y, p)
        if best is None or loss < best[1]:
            best = (c, loss, p)
    return best


def fitted(grams: list[list[str]], y, c: float, vectorizer: Callable, digits: int, dense=None) -> dict:
    """The model file's terms ({term: [idf, weight]}) and intercept, fitted on every example; with
    ``dense`` columns, also their weights ("dense")."""
    from sklearn.linear_model import LogisticRegression

    vec = vectorizer().fit(grams)
    model = LogisticRegression(C=c, max_iter=5000, class_weight="balanced").fit(_design(vec, grams, dense), y)
    n = len(vec.vocabulary_)
    out = {"intercept": round(float(model.intercept_[0]), 6),
           "terms": {t: [round(float(vec.idf_[i]), digits), round(float(model.coef_[0][i]), digits)]
                     for t, i in sorted(vec.vocabulary_.items())}}
    if dense is not None:
        out["dense"] = [float(w) for w in model.coef_[0][n:]]
    return out


def write_model(data: dict, out: Optional[Path]) -> None:
    """Write a model file's content to ``out``/model.json (nothing when ``out`` is None)."""
    from ..textmodel import MODEL_FILE

    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        with open(out / MODEL_FILE, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, separators=(",", ":"))
