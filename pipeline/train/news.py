"""Train the news model (models/news/model.json) from the hand-labelled SaudiNewsNet sentences.

    python -m conflict_events.train.news [--labels data/samples/news_sentences/labels.jsonl] [--out models/news]
    conflict-events evaluate news        # the held-out figures only, nothing written

The labels (data/samples/news_sentences: README) give, for sentences of SaudiNewsNet articles that
hold an event mention, whether they report a recent event ("news"), an old one recalled
("background") or none ("none"). The texts are read from the shared corpus at training time (their
licence forbids copying them into the project): ../shared/data beside the project, or the folder
$CONFLICT_EVENTS_SHARED names (resources.shared_path). Each sentence is read as the runtime reads it (Normalize, Segment,
news.word_form), so the features match.

The model is sklearn's TfidfVectorizer (word 1-2-grams, sublinear tf) beside the mean of the
sentence's word vectors (the NER's word2vec on SaudiNewsNet, models/ner/bilstm/wordvec), and a
class-balanced LogisticRegression, news against the rest. The vectors let a word the labels never
show count like the words near it ("اعتقل" like "احتجز"); since the mean enters the model linearly,
the model file ships each vocabulary word's share of it (``word_scores``: the weights times the
word's vector), not the vectors. Everything is chosen by 5-fold cross-validation grouped by
article (no article in two folds): C by the mean held-out log loss, and the threshold as the highest
probability at which the held-out folds lose no more than MAX_NEWS_LOST of the news sentences. The
held-out figures are printed and stored in the model file. Needs scikit-learn (camel-tools brings it).
"""
from __future__ import annotations

import argparse
import json
import zipfile
from collections import Counter
from pathlib import Path

from ..document import Document
from ..metrics import prf
from ..news import MODEL_FILE
from ..textmodel import word_form
from .textmodel import fitted, held_out, mean_vectors, word_scores, word_vectors, write_model

ROOT = Path(__file__).resolve().parents[2]
LABELS = ROOT / "data" / "samples" / "news_sentences" / "labels.jsonl"
NGRAMS = (1, 2)
CS = (3.0, 10.0, 30.0, 100.0, 300.0, 1000.0)
FOLDS = 5
MAX_NEWS_LOST = 0.03  # of the news sentences, in the held-out folds, at the chosen threshold


def read_labels(path: Path = LABELS) -> list[dict]:
    """The labelled sentences: ref ("<day>.json#<index>"), start, end, label, note."""
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def sentence_words(labels: list[dict]) -> list[list[str]]:
    """The words of each labelled sentence as the runtime reads them, from the articles in the shared
    corpus (resources.SharedDataNotFound when it is not there)."""
    from ..normalize import Normalize
    from ..resources import shared_path
    from ..segment import Segment

    corpus = shared_path("corpora", "saudinewsnet")
    days: dict[str, list] = {}
    docs: dict[str, Document] = {}
    out = []
    for lab in labels:
        name, index = lab["ref"].split("#")
        if name not in days:
            with zipfile.ZipFile(corpus / f"{name[:-5]}.zip") as z:
                days[name] = json.loads(z.read(name).decode("utf-8"))
        if lab["ref"] not in docs:
            docs[lab["ref"]] = Segment()(Normalize()(Document(text=days[name][int(index)]["content"])))
        doc = docs[lab["ref"]]
        out.append([word_form(t) for t in doc.tokens if lab["start"] <= t.start < lab["end"]])
    return out


def _vectorizer():
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer=lambda grams: grams, sublinear_tf=True)  # grams: _analyzer_grams


def _analyzer_grams(words: list[str]) -> list[str]:
    from ..textmodel import features

    return [g for g, n in features(words, NGRAMS).items() for _ in range(n)]


def cross_validate(words: list[list[str]], y: list[bool], groups: list[str], dense=None) -> dict:
    """Held-out probabilities for each C (grouped folds), the chosen C and threshold, and the figures;
    ``dense``: the mean vectors (mean_vectors), or None for words alone."""
    import numpy as np
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import GroupKFold

    grams = [_analyzer_grams(w) for w in words]
    yv = np.array(y)
    c, loss, p = held_out(grams, yv, GroupKFold(FOLDS).split(grams, yv, groups), CS, _vectorizer, dense)
    news = sorted(p[yv])
    threshold = float(news[int(MAX_NEWS_LOST * len(news))]) if news else 0.5
    vetoed = p < threshold
    tp = int((vetoed & ~yv).sum())
    fp = int((vetoed & yv).sum())
    fn = int((~vetoed & ~yv).sum())
    prec, rec, f1 = prf(tp, tp + fp, tp + fn)
    return {"C": c, "log_loss": round(loss, 4), "auc": round(float(roc_auc_score(yv, p)), 4),
            "threshold": round(threshold, 4), "sentences": len(y), "news": int(yv.sum()),
            "not_news_detected": {"precision": round(prec, 3), "recall": round(rec, 3), "f1": round(f1, 3),
                                  "tp": tp, "fp": fp, "fn": fn},
            "news_kept": round(1 - fp / max(1, int(yv.sum())), 3)}


def fit(words: list[list[str]], y: list[bool], c: float, threshold: float, vectors=None) -> dict:
    """The model file's content (news.NewsModel) for a classifier fitted on every sentence;
    ``vectors``: (index, matrix) of word_vectors, or None for words alone."""
    dense = None if vectors is None else mean_vectors(words, *vectors)
    model = fitted([_analyzer_grams(w) for w in words], y, c, _vectorizer, digits=6, dense=dense)
    data = {"ngrams": list(NGRAMS), "intercept": model["intercept"], "threshold": threshold,
            "terms": model["terms"]}
    if vectors is not None:
        data["word_scores"] = word_scores(model["dense"], *vectors)
    return data


def targets(labels: list[dict]) -> tuple[list[bool], list[str]]:
    """Each labelled sentence's class (news or not) and its group for the folds (its article)."""
    return [lab["label"] == "news" for lab in labels], [lab["ref"] for lab in labels]


def train(labels_path: Path = LABELS, out: Path | None = None) -> dict:
    """Cross-validate, fit on every sentence, write models/news/model.json; return its content."""
    labels = read_labels(labels_path)
    words = sentence_words(labels)
    y, groups = targets(labels)
    vectors = word_vectors()
    scores = cross_validate(words, y, groups, mean_vectors(words, *vectors))
    data = fit(words, y, scores["C"], scores["threshold"], vectors)
    data.update({"labels": dict(Counter(lab["label"] for lab in labels)), "articles": len(set(groups)),
                 "held_out": scores})
    write_model(data, out)
    return data


def report(scores: dict) -> str:
    """The held-out figures, one block of text."""
    v = scores["not_news_detected"]
    return (f"news model, {FOLDS}-fold cross-validation grouped by article, {scores['sentences']} sentences "
            f"({scores['news']} news)\n"
            f"  C {scores['C']}  log loss {scores['log_loss']}  AUC {scores['auc']}  threshold {scores['threshold']}\n"
            f"  not news detected (the veto): P {v['precision']:.3f}  R {v['recall']:.3f}  F1 {v['f1']:.3f}  "
            f"(tp {v['tp']}, fp {v['fp']}, fn {v['fn']})\n"
            f"  news sentences kept: {scores['news_kept']:.3f}")


def evaluate(labels_path: Path = LABELS) -> dict:
    """`conflict-events evaluate news`: the held-out figures, printed; nothing written."""
    labels = read_labels(labels_path)
    words = sentence_words(labels)
    scores = cross_validate(words, *targets(labels), mean_vectors(words, *word_vectors()))
    print(report(scores))
    return scores


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--labels", type=Path, default=LABELS)
    ap.add_argument("--out", type=Path, default=ROOT / "models" / "news")
    args = ap.parse_args(argv)
    data = train(args.labels, args.out)
    print(report(data["held_out"]))
    print(f"wrote {args.out / MODEL_FILE}: {len(data['terms'])} terms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
