"""The trained Arabic NER tagger shipped in models/ner (built by ``python -m conflict_events.train.ner``).

    from conflict_events.ner_model import NerTagger
    tagger = NerTagger.load()              # models/ner, loaded once per process and cached
    tagger.tag([["قال", "أسعد", "الحسين", "في", "دير", "الزور"]])
    # -> [["O", "B-PERS", "I-PERS", "O", "B-LOC", "I-LOC"]]

Tags are BIO over PERS, LOC, ORG, MISC (the ANERcorp tag set), one per input
token.  Input tokens are words as the pipeline's segmenter gives them
(camel-tools ``simple_word_tokenize``: punctuation split off, clitics attached),
which is how ANERcorp is tokenised.  Every token is mapped to ``model_form``
(the same normalisation used for training, vectors and the character LM).

The model directory holds ``config.json`` (what kind of model, which files,
scores) and the files it names.  Kind "stanza": stanza's BiLSTM-CRF NER model
(``ner.pt``), its word vectors (``pretrain.pt``) and optional forward/backward
character LMs, run on CPU with no download.  Kind "crf": a python-crfsuite model.

A config may add "consistency" ({"window": 5, "min_chars": 4}): document-level label
consistency after tagging (Krishnan & Manning 2006, as post-processing; ``propagate_entities``):
an entity string found once is tagged, with its majority type, where it recurs untagged in the
same document (``tag(..., doc_ids=...)``: the article) or, for running text without document
boundaries (ANERcorp, CoNLL files), within ``window`` sentences of it.  Single-word strings
count only from ``min_chars`` characters (model form).
"""
from __future__ import annotations

import json
import threading
from collections import Counter
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Optional

from .normalize import normalize_for_matching
from .resources import ModelsNotFound, check_models, models_dir, package_models_dir

# Named choices of model inside the directory (NerTagger.load(profile=...), written into its config by
# train.ner): the pipeline's ner stage uses "fast" (the stanza member alone: 8x faster, 1.6 points
# lower on dev), the `ner` and `evaluate ner` commands use "accurate" (the vote).
PROFILES = {"accurate": ".", "fast": "stanza"}

_CACHE: dict[Path, "NerTagger"] = {}
_LOCK = threading.Lock()
_TORCH_LOAD_LOCK = threading.Lock()  # one patched torch.load at a time (shipped_torch_load)
# What the tagger is given is bounded, whatever the text: the networks pad every word of a batch to
# its longest word and run step by step along a sentence, so one 50,000-letter "word" or one
# 50,000-word "sentence" would cost gigabytes and minutes.  No name is longer than this (the longest
# word in 70,000 sentences of news has 21 letters) ...
MAX_WORD_CHARS = 50
# ... and a longer sentence is tagged in pieces of this many words (the pipeline's segmenter never
# makes longer ones: segment.MAX_SENTENCE_WORDS).
MAX_TAGGED_WORDS = 1000
# A batch of sentences is padded to its longest word, so its memory grows with its words times its
# longest word: stanza's batches (batch_size sentences) are cut earlier when this product would pass
# the limit (about 300 MB of activations; real batches of news stay under 35,000).
MAX_BATCH_CELLS = 100_000


@lru_cache(maxsize=100_000)
def model_form(token: str) -> str:
    """The form the tagger sees: camel-tools normalisation (no diacritics, one alef, ي for ى,
    ه for ة, no tatweel or invisible marks, ASCII digits, lower case).  Used identically for
    the training data, the word vectors, the character LM and at inference."""
    form = "".join(normalize_for_matching(token).split())
    return form or "_"


def bioes_to_bio(tags: list[str]) -> list[str]:
    """stanza's BIOES tags as BIO (S- -> B-, E- -> I-), repaired so that every I- continues
    an entity of its own type (an orphan I- becomes B-)."""
    out, prev = [], "O"
    for t in tags:
        if t.startswith("S-"):
            t = "B-" + t[2:]
        elif t.startswith("E-"):
            t = "I-" + t[2:]
        if t.startswith("I-") and (prev == "O" or prev[2:] != t[2:]):
            t = "B-" + t[2:]
        out.append(t)
        prev = t
    return out


def spans_of(tags: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, type) of the entities of a BIO sequence (an orphan I- starts one)."""
    out, start, kind = [], None, None
    for i, t in enumerate(list(tags) + ["O"]):
        if t == "O" or t.startswith("B-") or t[2:] != kind:
            if start is not None:
                out.append((start, i, kind))
            start, kind = (i, t[2:]) if t != "O" else (None, None)
    return out


def add_entities(primary: list[str], secondary: list[str], types=None) -> list[str]:
    """``primary`` plus the entities of ``secondary`` (of ``types``) that overlap none of its own."""
    out = list(primary)
    for a, b, k in spans_of(secondary):
        if (types is None or k in types) and all(t == "O" for t in primary[a:b]):
            out[a:b] = ["B-" + k] + ["I-" + k] * (b - a - 1)
    return out


def vote(candidates: list[list[str]], min_votes: float = 2, weights: Optional[list[float]] = None) -> list[str]:
    """Entity-level majority vote over BIO sequences of several taggers (the first breaks ties):
    an entity (exact span and type) is kept when the taggers that found it have at least
    ``min_votes`` votes (each tagger one vote, or its ``weights`` entry); kept entities that
    overlap are resolved by more votes, then by the earlier tagger."""
    n = len(candidates[0])
    weights = list(weights) if weights is not None else [1.0] * len(candidates)
    votes: dict[tuple[int, int, str], list[int]] = {}
    for rank, tags in enumerate(candidates):
        for e in spans_of(tags):
            votes.setdefault(e, []).append(rank)
    total = {e: sum(weights[r] for r in rs) for e, rs in votes.items()}
    kept = sorted((e for e in votes if total[e] >= min_votes - 1e-9),
                  key=lambda e: (-total[e], min(votes[e]), e[0]))
    out, used = ["O"] * n, [False] * n
    for a, b, k in kept:
        if not any(used[a:b]):
            out[a:b] = ["B-" + k] + ["I-" + k] * (b - a - 1)
            used[a:b] = [True] * (b - a)
    return out


def propagate_entities(sentences: list[list[str]], tags: list[list[str]], window: Optional[int] = 5,
                       min_chars: int = 4, types=None, surnames: bool = False,
                       sources: Optional[list[list[list[str]]]] = None) -> list[list[str]]:
    """Tag each found entity string's untagged recurrences within ``window`` sentences (None: all) with its majority type."""
    forms = [[model_form(t) for t in s] for s in sentences]
    out = [list(t) for t in tags]

    def found(i):  # (token forms, type) of the entities found in sentence i, surnames last
        seqs = [tags[i]] + [src[i] for src in (sources or [])]
        ents = [(tuple(forms[i][a:b]), k) for seq in seqs for a, b, k in spans_of(seq)]
        if surnames:
            ents += [((e[-1],), "SURNAME") for e, k in ents if k == "PERS" and len(e) > 1]
        return ents

    per_sent = [found(i) for i in range(len(out))]
    whole = None
    for i, s in enumerate(forms):
        if window is None:
            if whole is None:
                whole = _lexicon(per_sent)
            lex = whole
        else:
            lex = _lexicon(per_sent[max(0, i - window):i + window + 1])
        if not lex:
            continue
        longest = max(len(e) for e in lex)
        firsts = {e[0] for e in lex}
        a = 0
        while a < len(s):
            if s[a] not in firsts:
                a += 1
                continue
            for n in range(min(longest, len(s) - a), 0, -1):
                e = tuple(s[a:a + n])
                if e not in lex or (n == 1 and len(e[0]) < min_chars):
                    continue
                k = lex[e]
                if (types is None or k in types) and all(t == "O" for t in out[i][a:a + n]) \
                        and (a + n == len(s) or not out[i][a + n].startswith("I-")):
                    out[i][a:a + n] = ["B-" + k] + ["I-" + k] * (n - 1)
                    a += n - 1
                    break
            a += 1
    return out


def _lexicon(per_sent) -> dict[tuple[str, ...], str]:
    """Entity string -> its majority type (ties: the first seen) over the given sentences' entities;
    a surname (last word of a multi-word PERS) counts as PERS only if not found as an entity itself."""
    counts: dict[tuple[str, ...], Counter] = {}
    for ents in per_sent:
        for e, k in ents:
            if k != "SURNAME":
                counts.setdefault(e, Counter())[k] += 1
    lex = {e: c.most_common(1)[0][0] for e, c in counts.items()}
    for ents in per_sent:
        for e, k in ents:
            if k == "SURNAME" and e not in lex:
                lex[e] = "PERS"
    return lex


def default_dir() -> Path:
    """The ner/ folder of the models folder (resources.models_dir: $CONFLICT_EVENTS_MODELS or the package's own)."""
    return models_dir() / "ner"


def find_model(profile: Optional[str] = None) -> Path:
    """The model directory ``profile`` stands for: a model directory of the user's, else a profile of
    the models folder's ner/ ("fast", "accurate"; None: ner/'s own model); ModelsNotFound when there is none."""
    if profile and profile not in PROFILES and Path(profile).is_dir():
        if not (Path(profile) / "config.json").is_file():
            raise ModelsNotFound(f"{profile}: no NER model in this folder (it has no config.json)")
        return Path(profile).resolve()
    p = check_models(["ner"]).joinpath("ner").resolve()
    return resolve_profile(p, profile) if profile else p


def resolve_profile(p: Path, profile: str) -> Path:
    """The model directory a profile name stands for in the model directory ``p``."""
    cfg_path = p / "config.json"
    profiles = json.loads(cfg_path.read_text(encoding="utf-8")).get("profiles", {}) if cfg_path.exists() else {}
    if profile in profiles:
        return (p / profiles[profile]).resolve()
    if profile == "accurate" or not profiles:  # a directory without profiles is its own model
        return p
    if Path(profile).is_dir():
        return Path(profile).resolve()
    known = ", ".join(sorted(profiles)) or "none"
    raise ValueError(f"unknown NER model profile {profile!r} (known: {known}; or give a model directory)")


class NerTagger:
    """BIO tagger over PERS/LOC/ORG/MISC.  ``load()`` once, ``tag()`` many times (thread-safe)."""

    def __init__(self, path: Path, config: dict, backend):
        self.path = path
        self.config = config
        self._backend = backend
        self._lock = threading.Lock()

    @classmethod
    def load(cls, path: Optional[str | Path] = None, profile: Optional[str] = None) -> "NerTagger":
        """Load the model in ``path`` (default: the models folder's ner/, ``find_model``), or the
        named ``profile`` of it ("accurate": the directory's own model, "fast": the member its config
        names; a path is taken as a model directory); cached per resolved path."""
        if path is None:
            p = find_model(profile)
        else:
            p = Path(path).resolve()
            if profile:
                p = resolve_profile(p, profile)
        with _LOCK:
            if p not in _CACHE:
                _CACHE[p] = cls._load(p)
            return _CACHE[p]

    @classmethod
    def _load(cls, p: Path) -> "NerTagger":
        cfg_path = p / "config.json"
        if not cfg_path.exists():
            raise FileNotFoundError(f"no NER model in {p} (build it: python -m conflict_events.train.ner)")
        cfg = json.loads(cfg_path.read_text(encoding="utf-8"))
        kind = cfg.get("kind")
        if kind == "stanza":
            from .stanza_backend import StanzaBackend

            backend = StanzaBackend(p, cfg)
        elif kind == "vote":
            backend = _Vote([cls._load(p / m) for m in cfg["members"]], float(cfg.get("min_votes", 2)),
                            cfg.get("weights"))
        elif kind == "bilstm":
            from .train.bilstm import BilstmBackend

            backend = BilstmBackend(p, cfg)
        elif kind == "crf":
            from .train.crf import CrfTagger

            backend = CrfTagger.load(p)
        else:
            raise ValueError(f"unknown NER model kind {kind!r} in {cfg_path}")
        if cfg.get("add_crf_types"):  # union with the CRF's entities where the network found none
            from .train.crf import CrfTagger

            backend = _Union(backend, CrfTagger.load(p), set(cfg["add_crf_types"]))
        return cls(p, cfg, backend)

    def tag(self, sentences: list[list[str]], doc_ids: Optional[list] = None,
            consistency: bool = True) -> list[list[str]]:
        """One BIO tag per token, for each sentence (empty sentences give empty lists).

        With the config's "consistency" key (and ``consistency`` true), an entity string the
        model found is also tagged where it recurs untagged (``propagate_entities``): with
        ``doc_ids`` (one id per sentence; a document's sentences in order), over each document's
        sentences and never across documents; without, the list is running text and the
        config's window of neighbouring sentences stands in for the document."""
        sentences = [list(s) for s in sentences]
        if doc_ids is not None and len(doc_ids) != len(sentences):
            raise ValueError("doc_ids must give one document id per sentence")
        idx = [i for i, s in enumerate(sentences) if s]
        out: list[list[str]] = [[] for _ in sentences]
        if not idx:
            return out
        pieces, owners = bounded_input([sentences[i] for i in idx])
        with self._lock:
            tags = joined(self._backend.tag(pieces), owners, len(idx))
        for i, t in zip(idx, tags):
            if len(t) != len(sentences[i]):
                raise AssertionError("tagger returned a different number of tags than tokens")
            out[i] = bioes_to_bio(list(t))
        cfg = self.config.get("consistency") if consistency else None
        if not cfg:
            return out
        opts = {"min_chars": int(cfg.get("min_chars", 4)), "surnames": bool(cfg.get("surnames", False)),
                "types": set(cfg["types"]) if cfg.get("types") else None}
        if doc_ids is None:
            return propagate_entities(sentences, out, cfg.get("window"), **opts)
        groups: dict = {}
        for i, d in enumerate(doc_ids):
            groups.setdefault(d, []).append(i)
        for members in groups.values():
            fixed = propagate_entities([sentences[i] for i in members], [out[i] for i in members], None, **opts)
            for i, t in zip(members, fixed):
                out[i] = t
        return out


def bounded_input(sentences: list[list[str]]) -> tuple[list[list[str]], list[int]]:
    """What the tagger is given for some sentences: every word cut to MAX_WORD_CHARS characters and
    every sentence longer than MAX_TAGGED_WORDS in pieces; with the sentence each piece comes from."""
    pieces, owners = [], []
    for n, words in enumerate(sentences):
        words = [w if len(w) <= MAX_WORD_CHARS else w[:MAX_WORD_CHARS] for w in words]
        for i in range(0, len(words), MAX_TAGGED_WORDS):
            pieces.append(words[i:i + MAX_TAGGED_WORDS])
            owners.append(n)
    return pieces, owners


def batches(items: list, size: int, max_cells: int, weight, width) -> Iterator[list]:
    """Consecutive groups of at most ``size`` items, cut earlier where the group's total ``weight``
    times its largest ``width`` would pass ``max_cells`` (an item alone always makes a group)."""
    group, total, widest = [], 0, 0
    for item in items:
        w, d = weight(item), width(item)
        if group and (len(group) == size or (total + w) * max(widest, d) > max_cells):
            yield group
            group, total, widest = [], 0, 0
        group.append(item)
        total, widest = total + w, max(widest, d)
    if group:
        yield group


def joined(tags: list[list[str]], owners: list[int], n: int) -> list[list[str]]:
    """The tags of ``n`` sentences from the tags of their pieces (``bounded_input``)."""
    out: list[list[str]] = [[] for _ in range(n)]
    for t, owner in zip(tags, owners):
        out[owner].extend(t)
    return out


class _Vote:
    """Config "members" (directories, in tie-break order), "min_votes" and optional "weights"
    (one per member; default one vote each)."""

    def __init__(self, members: list["NerTagger"], min_votes: float, weights: Optional[list[float]] = None):
        if weights is not None and len(weights) != len(members):
            raise ValueError("vote config: one weight per member")
        self.members, self.min_votes, self.weights = members, min_votes, weights

    def tag(self, sentences):
        outs = [m.tag(sentences, consistency=False) for m in self.members]  # consistency after the vote
        return [vote(list(c), self.min_votes, self.weights) for c in zip(*outs)]


class _Union:
    def __init__(self, primary, secondary, types):
        self.primary, self.secondary, self.types = primary, secondary, types

    def tag(self, sentences):
        a = [bioes_to_bio(list(t)) for t in self.primary.tag(sentences)]
        b = self.secondary.tag(sentences)
        return [add_entities(x, y, self.types) for x, y in zip(a, b)]


def is_shipped(path) -> bool:
    """True for a file inside the ner/ folder of the models that come with the package (built and
    committed here); not for a folder named by $CONFLICT_EVENTS_MODELS or a user's model directory."""
    own = package_models_dir()
    return own is not None and Path(path).resolve().is_relative_to((own / "ner").resolve())


@contextmanager
def shipped_torch_load():
    """Within this block torch.load reads the project's own model files with the full unpickler:
    torch's weights-only unpickler is pure Python and takes about 1.5 s on the stanza member's two
    files against 0.1 s. Any other file (a user's model directory) keeps weights_only=True."""
    import torch

    original = torch.load

    def load(f, *args, **kwargs):
        if isinstance(f, (str, Path)) and is_shipped(f):
            kwargs["weights_only"] = False
        return original(f, *args, **kwargs)

    with _TORCH_LOAD_LOCK:
        torch.load = load
        try:
            yield
        finally:
            torch.load = original


def stanza_pipeline(tokenize: bool = True, path: Optional[str | Path] = None):
    """For bench/throughput.py: a callable text -> object with ``.sentences[i].words`` that runs
    the pipeline's own segmenter and this tagger (None when no stanza model is shipped)."""
    p = Path(path) if path else default_dir()
    try:
        tagger = NerTagger.load(p)
    except FileNotFoundError:
        return None
    if tagger.config.get("kind") == "vote" and "stanza" in tagger.config.get("members", []):
        tagger = NerTagger.load(p / "stanza")  # the vote's stanza member
    elif tagger.config.get("kind") != "stanza":
        return None
    from types import SimpleNamespace

    from camel_tools.tokenizers.word import simple_word_tokenize

    from .segment import split_sentences

    def run(text: str):
        sents = [simple_word_tokenize(text[s:e]) for s, e in split_sentences(text)]
        tags = tagger.tag(sents)
        return SimpleNamespace(sentences=[SimpleNamespace(words=[SimpleNamespace(text=w, ner=t)
                                                                 for w, t in zip(ws, ts)])
                                          for ws, ts in zip(sents, tags)])

    return run
