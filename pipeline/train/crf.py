"""CRF tagger (python-crfsuite): word, affix, proclitic-stripped stem, shape, gazetteer
(ANERcorp TRAIN entity lists only, jackknifed over 5 folds for the training features) and
word2vec k-means cluster features.

Used as the baseline in the model card, and its marginals can be stacked into the
neural tagger.  Everything it needs at inference is in ``crf.model`` (crfsuite)
and ``crf_lex.json`` (gazetteer token lists and word clusters).
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Optional

from ..ner_model import model_form

PROCLITICS = ("وال", "فال", "بال", "كال", "لل", "ال", "وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك")


def strip_proclitics(w: str) -> tuple[str, str]:
    """(prefix, stem) with the longest proclitic sequence whose stem keeps >= 3 letters."""
    for p in PROCLITICS:
        if w.startswith(p) and len(w) - len(p) >= 3:
            return p, w[len(p):]
    return "", w


def shape(tok: str) -> str:
    if tok.isdigit():
        return "D"
    if any("a" <= c.lower() <= "z" for c in tok):
        return "L"
    if all(not c.isalnum() for c in tok):
        return "P"
    if any(c.isdigit() for c in tok):
        return "AD"
    return "A"


class Lexicon:
    """Gazetteer lists (from training entities) and word-cluster ids."""

    def __init__(self, gaz: Optional[dict] = None, clusters: Optional[dict] = None):
        self.gaz = gaz or {}  # form -> list of "B-PERS", "I-LOC", ... seen in train entities
        self.clusters = clusters or {}  # form -> [c_k1, c_k2, ...]

    @classmethod
    def from_train(cls, sents, min_count: int = 1, clusters: Optional[dict] = None) -> "Lexicon":
        seen = defaultdict(Counter)
        total = Counter()
        for toks, tags in sents:
            for t, g in zip(toks, tags):
                w = strip_proclitics(model_form(t))[1]
                total[w] += 1
                if g != "O":
                    seen[w][g] += 1
        gaz = {}
        for w, c in seen.items():
            # keep a label if the word carries it at least half the time it is seen
            labs = sorted(g for g, n in c.items() if n >= min_count and n / total[w] >= 0.5)
            if labs:
                gaz[w] = labs
        return cls(gaz, clusters)

    def save(self, path: Path) -> None:
        Path(path).write_text(json.dumps({"gaz": self.gaz, "clusters": self.clusters},
                                         ensure_ascii=False, separators=(",", ":")), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> "Lexicon":
        d = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(d["gaz"], d["clusters"])


def word_features(tok: str, lex: Lexicon) -> dict:
    w = model_form(tok)
    pre, stem = strip_proclitics(w)
    f = {
        "b": 1.0,
        "w": w,
        "st": stem,
        "pre": pre,
        "sh": shape(tok),
        "len": str(min(len(stem), 8)),
    }
    for k in (1, 2, 3, 4):
        if len(stem) > k:
            f[f"p{k}"] = stem[:k]
            f[f"s{k}"] = stem[-k:]
    for k in (2, 3):
        if len(w) > k:
            f[f"wp{k}"] = w[:k]
    for g in lex.gaz.get(stem, ()):
        f["gz_" + g] = 1.0
    cl = lex.clusters.get(w) or lex.clusters.get(stem)
    if cl:
        for i, c in enumerate(cl):
            f[f"c{i}"] = str(c)
    else:
        f["noclus"] = 1.0
    return f


CONTEXT_KEYS = ("w", "st", "pre", "c0", "c1", "sh")


def sent_features(toks: list[str], lex: Lexicon) -> list[dict]:
    base = [word_features(t, lex) for t in toks]
    out = []
    for i, f in enumerate(base):
        g = dict(f)
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < len(base):
                for k in CONTEXT_KEYS:
                    if k in base[j]:
                        g[f"{d}:{k}"] = base[j][k]
                for k, v in base[j].items():
                    if k.startswith("gz_") and abs(d) == 1:
                        g[f"{d}:{k}"] = v
            else:
                g[f"{d}:pad"] = 1.0
        if i > 0:
            g["-1w|w"] = base[i - 1]["w"] + "|" + f["w"]
        if i + 1 < len(base):
            g["w|+1w"] = f["w"] + "|" + base[i + 1]["w"]
        out.append(g)
    return out


def _items(feats: list[dict]):
    import pycrfsuite

    return pycrfsuite.ItemSequence([{k: (v if isinstance(v, float) else {v: 1.0}) for k, v in f.items()}
                                    for f in feats])


def jackknife_lexicons(sents, lex: Lexicon, folds: int = 5, block: int = 50) -> list[Lexicon]:
    """For each sentence, a lexicon whose gazetteer comes from the OTHER folds only, so that
    the CRF learns how far to trust a gazetteer hit on names it has not seen (as at test time)."""
    fold_of = [(i // block) % folds for i in range(len(sents))]
    per_fold = [Lexicon.from_train([s for s, f in zip(sents, fold_of) if f != k], clusters=lex.clusters)
                for k in range(folds)]
    return [per_fold[f] for f in fold_of]


def train_crf(sents, lex: Lexicon, model_path: Path, c1: float = 0.05, c2: float = 0.05,
              max_iterations: int = 150, jackknife: int = 5) -> None:
    import pycrfsuite

    lexes = jackknife_lexicons(sents, lex, jackknife) if jackknife > 1 else [lex] * len(sents)
    tr = pycrfsuite.Trainer(verbose=False)
    for (toks, tags), lx in zip(sents, lexes):
        tr.append(_items(sent_features(toks, lx)), tags)
    tr.set_params({"c1": c1, "c2": c2, "max_iterations": max_iterations,
                   "feature.possible_transitions": True})
    tr.train(str(model_path))


class CrfTagger:
    def __init__(self, model_path: Path, lex: Lexicon):
        import pycrfsuite

        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(model_path))
        self.lex = lex

    @classmethod
    def load(cls, d: Path) -> "CrfTagger":
        return cls(Path(d) / "crf.model", Lexicon.load(Path(d) / "crf_lex.json"))

    def tag(self, sentences: list[list[str]]) -> list[list[str]]:
        return [self.tagger.tag(_items(sent_features(s, self.lex))) if s else [] for s in sentences]

    def marginals(self, toks: list[str], labels: list[str]) -> list[list[float]]:
        self.tagger.set(_items(sent_features(toks, self.lex)))
        return [[self.tagger.marginal(y, i) for y in labels] for i in range(len(toks))]
