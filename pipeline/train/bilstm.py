"""A BiLSTM-CRF over frozen contextual character-LM states, word2vec and the CRF's features.

Per token the input is: the forward and backward character-LM states at the word's
end/start (stanza CharacterLanguageModel, trained here on SaudiNewsNet, frozen, so they
are computed once per sentence), the word2vec vector of the word (or of its stem
after proclitic stripping; with fastText vectors, else of its character n-grams), embeddings of its k-means cluster ids, shape, proclitic
string and stem suffix, and the gazetteer flags (ANERcorp TRAIN entity lists,
jackknifed for the training sentences).  On top: dropout, one BiLSTM layer, a
linear layer and a CRF (Viterbi decoding).  Trained with Adam; the epoch with the
best dev micro F1 is kept.  This module is also the inference code (kind "bilstm").
"""
from __future__ import annotations

import json
import random
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

from ..ner_model import batches, model_form
from ..wordvectors import SubwordVectors
from .crf import Lexicon, shape, strip_proclitics

TAGS = ["O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"]
GAZ = TAGS[1:]
MAX_CHAR_CELLS = 100_000  # a batch's sentences times its longest sentence's characters (about 650 MB)
SHAPES = ["A", "AD", "D", "L", "P"]


class Featurizer:
    """Token features as index tensors + dense vectors; everything it needs is saved with the model."""

    def __init__(self, wv: SubwordVectors, lex: Lexicon, pres: list[str], sufs: list[str],
                 n_clusters: list[int], charlms=None):
        self.wv = wv
        self.lex = lex
        self.pres = {p: i + 1 for i, p in enumerate(pres)}
        self.sufs = {s: i + 1 for i, s in enumerate(sufs)}
        self.n_clusters = n_clusters
        self.charlms = charlms  # (forward, backward) CharacterLanguageModel or None

    @property
    def dense_dim(self) -> int:
        d = self.wv.dim + 2 + len(GAZ)
        if self.charlms:
            d += sum(m.hidden_dim() for m in self.charlms)
        return d

    def charlm_states(self, forms_batch: list[list[str]]) -> list[torch.Tensor]:
        if not self.charlms:
            return [None] * len(forms_batch)
        f, b = self.charlms
        with torch.no_grad():
            rf = f.build_char_representation(forms_batch)
            rb = b.build_char_representation(forms_batch)
        return [torch.cat([x, y], dim=1) for x, y in zip(rf, rb)]

    def sentence(self, toks: list[str], lex: Lexicon | None = None, charlm: torch.Tensor | None = None):
        lex = lex or self.lex
        n, dim = len(toks), self.wv.dim
        dense = np.zeros((n, dim + 2 + len(GAZ)), dtype=np.float32)
        cats = np.zeros((n, len(self.n_clusters) + 3), dtype=np.int64)
        for i, t in enumerate(toks):
            w = model_form(t)
            pre, stem = strip_proclitics(w)
            if w in self.wv:
                dense[i, :dim] = self.wv.get(w)
                dense[i, dim] = 1
            elif stem in self.wv:
                dense[i, :dim] = self.wv.get(stem)
                dense[i, dim + 1] = 1
            else:  # neither flag: the n-gram back-off when the vectors have one, else zeros
                v = self.wv.get(w)
                if v is not None:
                    dense[i, :dim] = v
            for g in lex.gaz.get(stem, ()):
                dense[i, dim + 2 + GAZ.index(g)] = 1
            cl = self.lex.clusters.get(w) or self.lex.clusters.get(stem)
            for k in range(len(self.n_clusters)):
                cats[i, k] = cl[k] + 1 if cl else 0
            cats[i, -3] = SHAPES.index(shape(t)) + 1
            cats[i, -2] = self.pres.get(pre, 0)
            cats[i, -1] = self.sufs.get(stem[-3:], 0)
        x = torch.from_numpy(dense)
        if charlm is not None:
            x = torch.cat([x, charlm], dim=1)
        return x, torch.from_numpy(cats)


class CRFLayer(nn.Module):
    def __init__(self, n: int):
        super().__init__()
        self.trans = nn.Parameter(torch.zeros(n, n))  # trans[i, j]: score of i -> j
        self.start = nn.Parameter(torch.zeros(n))
        self.end = nn.Parameter(torch.zeros(n))

    def nll(self, em: torch.Tensor, tags: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """em: B x T x n emissions; tags: B x T; mask: B x T (bool, prefix)."""
        B, T, n = em.shape
        score = self.start[tags[:, 0]] + em[:, 0].gather(1, tags[:, :1]).squeeze(1)
        alpha = self.start + em[:, 0]
        for t in range(1, T):
            m = mask[:, t]
            s = self.trans[tags[:, t - 1], tags[:, t]] + em[:, t].gather(1, tags[:, t:t + 1]).squeeze(1)
            score = score + s * m
            nxt = torch.logsumexp(alpha.unsqueeze(2) + self.trans.unsqueeze(0), dim=1) + em[:, t]
            alpha = torch.where(m.unsqueeze(1), nxt, alpha)
        last = tags.gather(1, (mask.sum(1) - 1).unsqueeze(1)).squeeze(1)
        score = score + self.end[last]
        logz = torch.logsumexp(alpha + self.end, dim=1)
        return (logz - score).sum()

    def decode(self, em: torch.Tensor) -> list[int]:
        """Viterbi over one sentence's T x n emissions."""
        T, n = em.shape
        v = self.start + em[0]
        back = []
        for t in range(1, T):
            s = v.unsqueeze(1) + self.trans
            v, idx = s.max(0)
            v = v + em[t]
            back.append(idx)
        best = [int((v + self.end).argmax())]
        for idx in reversed(back):
            best.append(int(idx[best[-1]]))
        return best[::-1]


class Tagger(nn.Module):
    def __init__(self, dense_dim: int, cat_sizes: list[int], cat_dims: list[int], hidden: int = 200,
                 dropout: float = 0.5, n_tags: int = len(TAGS)):
        super().__init__()
        self.cfg = dict(dense_dim=dense_dim, cat_sizes=cat_sizes, cat_dims=cat_dims, hidden=hidden,
                        dropout=dropout, n_tags=n_tags)
        self.embs = nn.ModuleList([nn.Embedding(s + 1, d) for s, d in zip(cat_sizes, cat_dims)])
        self.drop = nn.Dropout(dropout)
        self.lstm = nn.LSTM(dense_dim + sum(cat_dims), hidden, batch_first=True, bidirectional=True)
        self.out = nn.Linear(2 * hidden, n_tags)
        self.crf = CRFLayer(n_tags)

    def emissions(self, dense: torch.Tensor, cats: torch.Tensor, lens: list[int]) -> torch.Tensor:
        x = torch.cat([dense] + [e(cats[..., k]) for k, e in enumerate(self.embs)], dim=-1)
        x = self.drop(x)
        packed = nn.utils.rnn.pack_padded_sequence(x, lens, batch_first=True, enforce_sorted=False)
        h, _ = self.lstm(packed)
        h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=x.shape[1])
        return self.out(self.drop(h))


def _charlm(path: str):
    from stanza.models.common.char_model import CharacterLanguageModel

    m = CharacterLanguageModel.load(path, finetune=False)
    m.eval()
    return m


def _pad(items: list[torch.Tensor]) -> torch.Tensor:
    return nn.utils.rnn.pad_sequence(items, batch_first=True)


def build(train, lex: Lexicon, wv: SubwordVectors, charlms=None) -> Featurizer:
    from collections import Counter

    pres, sufs = Counter(), Counter()
    for toks, _ in train:
        for t in toks:
            p, s = strip_proclitics(model_form(t))
            pres[p] += 1
            sufs[s[-3:]] += 1
    n_clusters = [max(c[k] for c in lex.clusters.values()) + 1 for k in range(len(next(iter(lex.clusters.values()))))]
    return Featurizer(wv, lex, sorted(p for p, c in pres.items() if c >= 2),
                      sorted(s for s, c in sufs.items() if c >= 3), n_clusters, charlms)


def featurize(fz: Featurizer, sents, lexes=None, batch: int = 64):
    """(dense, cats, tag ids) per sentence; charlm states computed in batches."""
    out = []
    for i in range(0, len(sents), batch):
        chunk = sents[i:i + batch]
        states = fz.charlm_states([[model_form(t) for t in toks] for toks, _ in chunk])
        for k, ((toks, tags), st) in enumerate(zip(chunk, states)):
            d, c = fz.sentence(toks, lexes[i + k] if lexes else None, st)
            y = torch.tensor([TAGS.index(g) if g in TAGS else 0 for g in tags])
            out.append((d, c, y))
    return out


def predict(model: Tagger, feats) -> list[list[str]]:
    model.eval()
    res = []
    with torch.no_grad():
        for i in range(0, len(feats), 64):
            chunk = feats[i:i + 64]
            lens = [len(f[0]) for f in chunk]
            em = model.emissions(_pad([f[0] for f in chunk]), _pad([f[1] for f in chunk]), lens)
            for j, n in enumerate(lens):
                res.append([TAGS[k] for k in model.crf.decode(em[j, :n])])
    return res


def train_model(fz: Featurizer, train_feats, dev_feats, dev_gold, epochs: int = 30, lr: float = 1e-3,
                batch: int = 16, hidden: int = 200, dropout: float = 0.5, seed: int = 1, log=print,
                time_budget: float | None = None, keep_last: bool = False):
    """Adam training; the best dev epoch is kept (``keep_last``: the last one, when dev is in train)."""
    from ..evaluate_ner import score

    torch.manual_seed(seed)
    rng = random.Random(seed)
    cat_sizes = list(fz.n_clusters) + [len(SHAPES), len(fz.pres), len(fz.sufs)]
    cat_dims = [8, 16, 32][:len(fz.n_clusters)] + [4, 8, 16]
    model = Tagger(fz.dense_dim, cat_sizes, cat_dims, hidden=hidden, dropout=dropout)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    best, best_state, history = -1.0, None, []
    order = list(range(len(train_feats)))
    t0 = time.time()
    for ep in range(epochs):
        model.train()
        rng.shuffle(order)
        total = 0.0
        for i in range(0, len(order), batch):
            chunk = [train_feats[k] for k in order[i:i + batch]]
            lens = [len(f[0]) for f in chunk]
            em = model.emissions(_pad([f[0] for f in chunk]), _pad([f[1] for f in chunk]), lens)
            tags = _pad([f[2] for f in chunk])
            mask = _pad([torch.ones(n, dtype=torch.bool) for n in lens])
            loss = model.crf.nll(em, tags, mask) / len(chunk)
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            total += loss.item() * len(chunk)
        f1 = score(dev_gold, predict(model, dev_feats))["micro"]["f1"]
        history.append(f1)
        log(f"epoch {ep + 1}: loss {total / len(order):.3f} dev micro F1 {f1:.4f} ({time.time() - t0:.0f}s)")
        if f1 > best or keep_last:
            best, best_state = f1, {k: v.clone() for k, v in model.state_dict().items()}
        if time_budget and time.time() - t0 > time_budget:
            break
    model.load_state_dict(best_state)
    return model, best, history


def save(model: Tagger, fz: Featurizer, d: Path) -> dict:
    d.mkdir(parents=True, exist_ok=True)
    torch.save({"cfg": model.cfg, "state": model.state_dict()}, d / "bilstm.pt")
    np.save(d / "wordvec.npy", fz.wv.vectors.astype(np.float16))
    (d / "wordvec.vocab").write_text("\n".join(fz.wv.words) + "\n", encoding="utf-8")
    files = {"model": "bilstm.pt", "wordvec": "wordvec.npy", "vocab": "wordvec.vocab",
             "lexicon": "crf_lex.json", "features": "bilstm_features.json"}
    if fz.wv.ngrams is not None:  # fastText vectors (--subword): the n-gram rows for unseen words
        np.save(d / "wordvec_ngrams.npy", fz.wv.ngrams.astype(np.float16))
        files["ngrams"] = "wordvec_ngrams.npy"
    fz.lex.save(d / "crf_lex.json")
    (d / "bilstm_features.json").write_text(json.dumps(
        {"pres": sorted(fz.pres, key=fz.pres.get), "sufs": sorted(fz.sufs, key=fz.sufs.get),
         "n_clusters": fz.n_clusters}, ensure_ascii=False), encoding="utf-8")
    return files


class BilstmBackend:
    """Inference: kind "bilstm" in config.json."""

    def __init__(self, d: Path, cfg: dict):
        files = cfg["files"]
        words = (d / files["vocab"]).read_text(encoding="utf-8").split("\n")[:-1]
        ngrams = np.load(d / files["ngrams"]).astype(np.float32) if files.get("ngrams") else None
        wv = SubwordVectors(words, np.load(d / files["wordvec"]).astype(np.float32), ngrams,
                            **(cfg.get("subword") or {}))
        meta = json.loads((d / files["features"]).read_text(encoding="utf-8"))
        charlms = None
        if files.get("charlm_forward"):
            charlms = tuple(_charlm(str(d / files[k]))
                            for k in ("charlm_forward", "charlm_backward"))
        self.fz = Featurizer(wv, Lexicon.load(d / files["lexicon"]), meta["pres"], meta["sufs"],
                             meta["n_clusters"], charlms)
        ck = torch.load(d / files["model"], map_location="cpu", weights_only=True)
        self.model = Tagger(**ck["cfg"])
        self.model.load_state_dict(ck["state"])
        self.model.eval()

    def tag(self, sentences: list[list[str]]) -> list[list[str]]:
        """Tags in groups of whole 64-sentence batches (the character LMs pad each to its longest
        sentence), cut earlier where a batch's padded characters would pass MAX_CHAR_CELLS."""
        out: list[list[str]] = []
        for group in batches(sentences, 64, MAX_CHAR_CELLS, weight=lambda s: 1,
                             width=lambda s: sum(len(w) + 1 for w in s)):
            out += predict(self.model, featurize(self.fz, [(s, ["O"] * len(s)) for s in group]))
        return out
