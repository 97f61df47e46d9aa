"""Train the genre model (models/genre/model.json): is an article an opinion piece, not a report?

    python -m conflict_events.train.genre [--out models/genre]
    conflict-events evaluate genre        # the held-out figures only, nothing written

Columns, sermons, interviews and essays name attacks, wars and killings on every line, and none of
them reports an event: the coders of gold_real and of data/samples/snn_coded code an event from one
only when it tells a recent incident with its own day. No hand labels are needed to tell them from
reports: SaudiNewsNet gives each article's byline (``author``). A report's byline is a dateline or
an agency (الرياض - واس، عدن - الوئام :، خالد طاشكندي (جدة)); a column's is a writer's name alone
(سطام المقرن، د.سامي الجمعان). Of the nine newspapers whose bylines tell them apart (COLUMN_SOURCES), an
article with a name-only byline of two to five words is labelled opinion, one with a dateline
report; the others are left out. The labels are weak: a reporter signing with his name alone counts
as a columnist. The texts are read from the shared corpus at training time (their licence forbids
copying them into the project).

Each article is read as the runtime reads it (Normalize, Segment, textmodel.word_form), its first
WORDS words. The model is sklearn's TfidfVectorizer (word 1-2-grams, sublinear tf, the MAX_TERMS most
frequent) and a class-balanced LogisticRegression. C and the threshold are chosen by cross-validation
grouped by newspaper (each fold holds out whole newspapers, so a paper's house style is never learnt
from itself): C by the held-out log loss, the threshold as the lowest probability at which the
held-out opinion calls are right MIN_PRECISION of the time. Needs scikit-learn (camel-tools brings it).
"""
from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

from ..metrics import prf
from ..textmodel import MODEL_FILE, features, word_form
from .textmodel import fitted, held_out, write_model

ROOT = Path(__file__).resolve().parents[2]
WORDS = 300  # the words of an article's beginning the model reads (the runtime reads as many)
TEXT_CHARS = 4000  # enough characters to hold WORDS words
NGRAMS = (1, 2)
MAX_TERMS = 60_000
CS = (1.0, 3.0)  # stronger C learn the topics of the columns in the corpus (a report on Anbar University scored 0.99 at C 30)
MIN_PRECISION = 0.85
COLUMN_SOURCES = ("aawsat", "aljazirah", "almadina", "alriyadh", "alwatan", "alweeam", "alyaum", "okaz", "sabq")
# a byline that holds one of these is a dateline or an agency, not a writer's name alone
DATELINE = re.compile(r"[-–ـ:/()|\d]|واس|وكالات|رويترز|ف ب|من |الوئام|سبق|عكاظ|اليوم|المدينة|الرياض|جدة|"
                      r"حاوره|حوار|تصوير|متابعة|ترجمة")


def byline_label(art: dict) -> bool | None:
    """True (opinion) for a writer's name alone, False (report) for a dateline, None when unknown."""
    byline = " ".join((art.get("author") or "").replace("&nbsp;", " ").split())
    if art.get("source") not in COLUMN_SOURCES or not byline:
        return None
    if DATELINE.search(byline):
        return False
    return True if 2 <= len(byline.split()) <= 5 else None


def article_words(text: str) -> list[str]:
    """The first WORDS words of an article as the genre stage reads them."""
    from ..document import Document
    from ..normalize import Normalize
    from ..segment import Segment

    doc = Segment()(Normalize()(Document(text=text[:TEXT_CHARS])))
    return [word_form(t) for t in doc.tokens[:WORDS]]


def labelled_articles() -> tuple[list[list[str]], list[bool], list[str]]:
    """(words, opinion or not, newspaper) of every SaudiNewsNet article with a telling byline
    (resources.SharedDataNotFound when the corpus is not there)."""
    from .. import saudinewsnet

    words, y, groups = [], [], []
    for _, art in saudinewsnet.articles():
        label = byline_label(art)
        if label is None or not (art.get("content") or "").strip():
            continue
        words.append(article_words(art["content"]))
        y.append(label)
        groups.append(art["source"])
    return words, y, groups


def _grams(words: list[str]) -> list[str]:
    return [g for g, n in features(words, NGRAMS).items() for _ in range(n)]


def _vectorizer():
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer=lambda grams: grams, sublinear_tf=True, max_features=MAX_TERMS)


def cross_validate(words: list[list[str]], y: list[bool], groups: list[str]) -> dict:
    """Held-out probabilities (folds of whole newspapers), the chosen C and threshold, the figures."""
    import numpy as np
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import LeaveOneGroupOut

    grams = [_grams(w) for w in words]
    yv, gv = np.array(y), np.array(groups)
    c, loss, p = held_out(grams, yv, LeaveOneGroupOut().split(grams, yv, groups), CS, _vectorizer)
    threshold = 0.99
    for t in sorted(set(np.round(p, 3)), reverse=True):
        called = p >= t
        if called.sum() >= 20 and (called & yv).sum() / called.sum() >= MIN_PRECISION:
            threshold = float(t)
    called = p >= threshold
    tp, fp, fn = int((called & yv).sum()), int((called & ~yv).sum()), int((~called & yv).sum())
    prec, rec, f1 = prf(tp, tp + fp, tp + fn)
    per_paper = {g: round(float(roc_auc_score(yv[gv == g], p[gv == g])), 3)
                 for g in sorted(set(groups)) if len(set(yv[gv == g])) == 2}
    return {"C": c, "log_loss": round(loss, 4), "auc": round(float(roc_auc_score(yv, p)), 4),
            "auc_by_paper": per_paper, "threshold": round(threshold, 4), "articles": len(y),
            "opinion": int(yv.sum()),
            "opinion_detected": {"precision": round(prec, 3), "recall": round(rec, 3), "f1": round(f1, 3),
                                 "tp": tp, "fp": fp, "fn": fn}}


def fit(words: list[list[str]], y: list[bool], c: float, threshold: float) -> dict:
    """The model file's content (genre.GenreModel) for a classifier fitted on every article."""
    model = fitted([_grams(w) for w in words], y, c, _vectorizer, digits=5)
    return {"ngrams": list(NGRAMS), "words": WORDS, "intercept": model["intercept"], "threshold": threshold,
            "terms": model["terms"]}


def train(out: Path | None = None) -> dict:
    """Cross-validate, fit on every labelled article, write models/genre/model.json; return its content."""
    words, y, groups = labelled_articles()
    scores = cross_validate(words, y, groups)
    data = fit(words, y, scores["C"], scores["threshold"])
    labels = Counter(f"{g}/{'opinion' if v else 'report'}" for v, g in zip(y, groups))
    data.update({"labels": dict(sorted(labels.items())),
                 "held_out": scores})
    write_model(data, out)
    return data


def report(scores: dict) -> str:
    """The held-out figures, one block of text."""
    v = scores["opinion_detected"]
    papers = "  ".join(f"{g} {a:.3f}" for g, a in scores["auc_by_paper"].items())
    return (f"genre model, cross-validation holding out one newspaper at a time, {scores['articles']} articles "
            f"({scores['opinion']} opinion, byline labels)\n"
            f"  C {scores['C']}  log loss {scores['log_loss']}  AUC {scores['auc']}  threshold {scores['threshold']}\n"
            f"  AUC by held-out paper: {papers}\n"
            f"  opinion detected: P {v['precision']:.3f}  R {v['recall']:.3f}  F1 {v['f1']:.3f}  "
            f"(tp {v['tp']}, fp {v['fp']}, fn {v['fn']})")


def evaluate() -> dict:
    """`conflict-events evaluate genre`: the held-out figures, printed; nothing written."""
    scores = cross_validate(*labelled_articles())
    print(report(scores))
    return scores


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT / "models" / "genre")
    args = ap.parse_args(argv)
    data = train(args.out)
    print(report(data["held_out"]))
    print(f"wrote {args.out / MODEL_FILE}: {len(data['terms'])} terms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
