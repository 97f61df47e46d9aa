"""word2vec on SaudiNewsNet (+ the ANERcorp train tokens), deterministic, gensim.

Recipe (recorded in the model card): skip-gram, 100 dimensions, window 5,
min_count 3, negative 5, 5 epochs, one worker thread, seed 1, a fixed string
hash (so PYTHONHASHSEED does not matter).  Input tokens are ``model_form``s.
``subword``: fastText instead (the same settings, plus character 3-5-grams hashed
into 150,000 rows, which give a word never seen a vector; measured, not shipped).
"""
from __future__ import annotations

import zlib
from pathlib import Path

W2V = dict(vector_size=100, window=5, min_count=3, sg=1, negative=5, epochs=5, workers=1, seed=1)
FASTTEXT = dict(W2V, min_n=3, max_n=5, bucket=150_000)


def stable_hash(s: str) -> int:
    return zlib.crc32(s.encode("utf-8"))


class _Lines:
    def __init__(self, path: Path, extra: list[list[str]]):
        self.path, self.extra = path, extra

    def __iter__(self):
        yield from self.extra
        with open(self.path, encoding="utf-8") as f:
            for line in f:
                toks = line.split()
                if toks:
                    yield toks


def train_vectors(corpus: Path, extra: list[list[str]], out: Path, quick: bool = False, subword: bool = False,
                  **kw):
    """Train and save a gensim KeyedVectors (``out``, .kv), word2vec or (``subword``) fastText."""
    from gensim.models import FastText, Word2Vec

    params = dict(FASTTEXT if subword else W2V, **kw)
    if quick:
        params.update(vector_size=16, epochs=1, min_count=1, **({"bucket": 2000} if subword else {}))
    model = (FastText if subword else Word2Vec)(_Lines(Path(corpus), extra) if not quick else extra,
                                                hashfxn=stable_hash, **params)
    out.parent.mkdir(parents=True, exist_ok=True)
    model.wv.save(str(out))
    return model.wv


def write_text_vectors(wv, words: list[str], path: Path) -> int:
    """word2vec text format restricted to ``words`` (in that order, known ones only)."""
    known = [w for w in words if w in wv.key_to_index]
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"{len(known)} {wv.vector_size}\n")
        for w in known:
            f.write(w + " " + " ".join(f"{x:.5f}" for x in wv[w]) + "\n")
    return len(known)


def kmeans_clusters(wv, n_words: int = 50000, ks=(64, 256, 1024), seed: int = 1) -> dict[str, list[int]]:
    """Cluster ids of the ``n_words`` most frequent words at several granularities
    (MiniBatchKMeans on L2-normalised vectors, fixed seed)."""
    import numpy as np
    from sklearn.cluster import MiniBatchKMeans

    words = list(wv.index_to_key[:n_words])
    X = np.asarray(wv[words], dtype=np.float32)
    X /= np.linalg.norm(X, axis=1, keepdims=True) + 1e-8
    ids = []
    for k in ks:
        k = min(k, len(words))
        km = MiniBatchKMeans(n_clusters=k, random_state=seed, batch_size=4096, n_init=3, max_iter=100)
        ids.append(km.fit_predict(X))
    return {w: [int(a[i]) for a in ids] for i, w in enumerate(words)}


def subword_vectors(wv, n_words: int):
    """The ``n_words`` most frequent words of ``wv`` as shipped (float16), with the n-gram rows
    when ``wv`` is a fastText model (the back-off for words outside them)."""
    import numpy as np

    from ..wordvectors import SubwordVectors

    words = list(wv.index_to_key[:n_words])
    half = lambda a: np.asarray(a, dtype=np.float16).astype(np.float32)  # noqa: E731
    ngrams = getattr(wv, "vectors_ngrams", None)
    if ngrams is None or not len(ngrams):
        return SubwordVectors(words, half(wv[words]))
    return SubwordVectors(words, half(wv[words]), half(ngrams), wv.min_n, wv.max_n)
