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


# Feature set of the shipped `crf` member; a variant member stores its own in its config.json
# ("features", merged over these) and CrfTagger uses it at inference.
DEFAULT_FEATURES = {
    "affix": [1, 2, 3, 4],      # stem prefixes/suffixes of these lengths
    "wprefix": [2, 3],          # prefixes of the whole (unstripped) form
    "ngrams": [],               # character n-grams of the stem (with boundary marks) of these lengths
    "clusters": None,           # indices of the cluster granularities used (None: all)
    "window": 2,                # context features from +-window tokens
    "context_keys": ["w", "st", "pre", "c0", "c1", "sh"],
    "gaz_window": 1,            # gazetteer flags of the tokens within +-gaz_window
    "bigrams": True,            # word bigrams with the previous / next token
}


# Named variants (`python -m conflict_events.train.ner --model crf --crf-variant NAME`): a feature set
# (over DEFAULT_FEATURES) and training parameters; tried as extra vote members (model card).
CRF_VARIANTS = {
    # wider context: +-3 tokens, the 1,024-cluster id and 2-letter affixes of the neighbours,
    # gazetteer flags of +-2 tokens
    "w3": {"features": {"window": 3, "gaz_window": 2,
                        "context_keys": ["w", "st", "pre", "c0", "c1", "c2", "sh", "s2", "p2"]}},
    # character n-grams (2-4) of the stem
    "ng": {"features": {"ngrams": [2, 3, 4]}},
    # L2 only
    "l2": {"c1": 0.0, "c2": 0.5},
    # character 3- and 5-grams, +-1 context, 1,024 clusters only
    "ng35w1": {"features": {"ngrams": [3, 5], "window": 1, "affix": [1, 2, 3, 4, 5], "clusters": [2],
                            "context_keys": ["w", "st", "pre", "c2", "sh"]}, "c1": 0.1, "c2": 0.01},
    # averaged perceptron, 30 epochs
    "ap": {"algorithm": "ap", "max_iterations": 30},
    # no cluster features
    "nocl": {"features": {"clusters": [], "context_keys": ["w", "st", "pre", "sh", "s3"]}, "c1": 0.02, "c2": 0.05},
}


def _opts(features: Optional[dict]) -> dict:
    return dict(DEFAULT_FEATURES, **(features or {}))


def word_features(tok: str, lex: Lexicon, features: Optional[dict] = None) -> dict:
    o = _opts(features)
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
    for k in o["affix"]:
        if len(stem) > k:
            f[f"p{k}"] = stem[:k]
            f[f"s{k}"] = stem[-k:]
    for k in o["wprefix"]:
        if len(w) > k:
            f[f"wp{k}"] = w[:k]
    if o["ngrams"]:
        marked = "<" + stem + ">"
        for n in o["ngrams"]:
            for i in range(len(marked) - n + 1):
                f[f"g{n}_{marked[i:i + n]}"] = 1.0
    for g in lex.gaz.get(stem, ()):
        f["gz_" + g] = 1.0
    cl = lex.clusters.get(w) or lex.clusters.get(stem)
    if cl:
        for i, c in enumerate(cl):
            if o["clusters"] is None or i in o["clusters"]:
                f[f"c{i}"] = str(c)
    else:
        f["noclus"] = 1.0
    return f


CONTEXT_KEYS = tuple(DEFAULT_FEATURES["context_keys"])


def sent_features(toks: list[str], lex: Lexicon, features: Optional[dict] = None) -> list[dict]:
    o = _opts(features)
    base = [word_features(t, lex, o) for t in toks]
    keys, win, gwin = o["context_keys"], o["window"], o["gaz_window"]
    out = []
    for i, f in enumerate(base):
        g = dict(f)
        for d in [d for d in range(-win, win + 1) if d]:
            j = i + d
            if 0 <= j < len(base):
                for k in keys:
                    if k in base[j]:
                        g[f"{d}:{k}"] = base[j][k]
                if abs(d) <= gwin:
                    for k, v in base[j].items():
                        if k.startswith("gz_"):
                            g[f"{d}:{k}"] = v
            else:
                g[f"{d}:pad"] = 1.0
        if o["bigrams"]:
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


JACKKNIFE_FOLDS, JACKKNIFE_BLOCK = 5, 50


def jackknife_fold(i: int, folds: int = JACKKNIFE_FOLDS, block: int = JACKKNIFE_BLOCK) -> int:
    """The jackknife fold of training sentence ``i`` (blocks of consecutive sentences)."""
    return (i // block) % folds


def jackknife_lexicons(sents, lex: Lexicon, folds: int = JACKKNIFE_FOLDS,
                       block: int = JACKKNIFE_BLOCK) -> list[Lexicon]:
    """For each sentence, a lexicon whose gazetteer comes from the OTHER folds only, so that
    the CRF learns how far to trust a gazetteer hit on names it has not seen (as at test time)."""
    fold_of = [jackknife_fold(i, folds, block) for i in range(len(sents))]
    per_fold = [Lexicon.from_train([s for s, f in zip(sents, fold_of) if f != k], clusters=lex.clusters)
                for k in range(folds)]
    return [per_fold[f] for f in fold_of]


def jackknife_training_set(sents, lex: Lexicon, augmented: tuple = ((), ()),
                           folds: int = JACKKNIFE_FOLDS) -> tuple[list, list[Lexicon]]:
    """The training sentences followed by the ``augmented`` copies (extra sentences and the index
    in ``sents`` of each one's source, as ``augment.mention_replacement`` makes them), and the
    lexicon of each: jackknifed over ``folds`` (none when ``folds`` <= 1); a copy gets its source's."""
    lexes = jackknife_lexicons(sents, lex, folds) if folds > 1 else [lex] * len(sents)
    copies, sources = augmented
    return list(sents) + list(copies), lexes + [lexes[i] for i in sources]


def train_crf(sents, lex: Lexicon, model_path: Path, c1: float = 0.05, c2: float = 0.05,
              max_iterations: int = 150, jackknife: int = 5, features: Optional[dict] = None,
              algorithm: str = "lbfgs", augmented: tuple[list, list[int]] = ((), ())) -> None:
    """``augmented``: extra sentences and their sources (``jackknife_training_set``)."""
    import pycrfsuite

    tr = pycrfsuite.Trainer(algorithm=algorithm, verbose=False)
    for (toks, tags), lx in zip(*jackknife_training_set(sents, lex, augmented, jackknife)):
        tr.append(_items(sent_features(toks, lx, features)), tags)
    params = {"max_iterations": max_iterations, "feature.possible_transitions": True}
    if algorithm == "lbfgs":
        params.update(c1=c1, c2=c2)
    elif algorithm == "l2sgd":
        params.update(c2=c2)
    tr.set_params(params)
    tr.train(str(model_path))


class CrfTagger:
    def __init__(self, model_path: Path, lex: Lexicon, features: Optional[dict] = None):
        import pycrfsuite

        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(model_path))
        self.lex = lex
        self.features = _opts(features)

    @classmethod
    def load(cls, d: Path) -> "CrfTagger":
        """The CRF in ``d``: ``crf.model`` and ``crf_lex.json``, or the files and feature set its
        config.json names (a variant member may share another member's lexicon: "../crf/crf_lex.json")."""
        d = Path(d)
        cfg = json.loads((d / "config.json").read_text(encoding="utf-8")) if (d / "config.json").exists() else {}
        if cfg.get("kind") != "crf":  # e.g. a stanza directory with a CRF beside it (add_crf_types)
            cfg = {}
        files = cfg.get("files") or {}
        return cls(d / files.get("model", "crf.model"), Lexicon.load(d / files.get("lexicon", "crf_lex.json")),
                   cfg.get("features"))

    def tag(self, sentences: list[list[str]]) -> list[list[str]]:
        return [self.tagger.tag(_items(sent_features(s, self.lex, self.features))) if s else [] for s in sentences]

    def marginals(self, toks: list[str], labels: list[str]) -> list[list[float]]:
        self.tagger.set(_items(sent_features(toks, self.lex, self.features)))
        return [[self.tagger.marginal(y, i) for y in labels] for i in range(len(toks))]
