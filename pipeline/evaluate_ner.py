"""Entity-level NER scoring (exact span and type), and tagging/evaluating CoNLL files.

``conflict-events ner IN.conll -o OUT.conll`` calls ``tag_conll``;
``conflict-events evaluate ner --gold FILE.conll`` calls ``evaluate_conll``.
Entities are read from BIO tags the conlleval way: an I- tag whose type differs
from the open entity (or with no open entity) starts a new entity.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Optional, Sequence

from .conll import iter_conll, write_conll
from .metrics import prf

TYPES = ("PERS", "LOC", "ORG", "MISC")


def entities(tags: Sequence[str]) -> set[tuple[int, int, str]]:
    """(start, end, type) of each entity in a BIO (or BIOES) tag sequence."""
    out, start, kind = set(), None, None
    for i, tag in enumerate(list(tags) + ["O"]):
        prefix, _, t = tag.partition("-")
        begins = prefix in ("B", "S") or (prefix in ("I", "E") and t != kind)
        if tag == "O" or begins:
            if start is not None:
                out.add((start, i, kind))
                start, kind = None, None
            if tag != "O":
                start, kind = i, t
        if prefix in ("E", "S") and start is not None:
            out.add((start, i + 1, kind))
            start, kind = None, None
    return out


def score(gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]]) -> dict:
    """Per-type and micro precision/recall/F1 over sentences of gold and predicted tags."""
    tp, np_, ng = Counter(), Counter(), Counter()
    for g, p in zip(gold, pred, strict=True):
        if len(g) != len(p):
            raise ValueError("gold and predicted sentences differ in length")
        ge, pe = entities(g), entities(p)
        for e in ge:
            ng[e[2]] += 1
        for e in pe:
            np_[e[2]] += 1
        for e in ge & pe:
            tp[e[2]] += 1
    res = {}
    types = sorted(set(ng) | set(np_), key=lambda t: (TYPES.index(t) if t in TYPES else 9, t))
    for t in types + ["micro"]:
        a = sum(tp.values()) if t == "micro" else tp[t]
        b = sum(np_.values()) if t == "micro" else np_[t]
        c = sum(ng.values()) if t == "micro" else ng[t]
        p, r, f = prf(a, b, c)
        res[t] = {"precision": p, "recall": r, "f1": f, "gold": c, "predicted": b, "correct": a}
    return res


def format_table(res: dict, title: str = "") -> str:
    lines = [title] if title else []
    lines.append(f"{'type':<6} {'prec':>6} {'rec':>6} {'F1':>6} {'gold':>6} {'pred':>6} {'ok':>6}")
    for t, r in res.items():
        lines.append(f"{t:<6} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f} "
                     f"{r['gold']:6d} {r['predicted']:6d} {r['correct']:6d}")
    return "\n".join(lines)


def tag_conll(in_path, out_path, tagger=None) -> int:
    """Tag the tokens (first column) of a CoNLL file; write ``token<TAB>tag``.  Returns #tokens."""
    from .ner_model import NerTagger

    tagger = tagger or NerTagger.load()
    sents = [[r[0] for r in rows] for rows in iter_conll(in_path)]
    tags = tagger.tag(sents)
    write_conll(out_path, sents, tags)
    return sum(len(s) for s in sents)


def evaluate_conll(gold_path, tagger=None, out: Optional[Path] = None, quiet: bool = False) -> dict:
    """Tag a gold CoNLL file (token first column, gold tag last column) and print the scores."""
    from .ner_model import NerTagger

    tagger = tagger or NerTagger.load()
    rows = list(iter_conll(gold_path))
    sents = [[r[0] for r in s] for s in rows]
    gold = [[r[-1] if len(r) > 1 else "O" for r in s] for s in rows]
    pred = tagger.tag(sents)
    if out is not None:
        write_conll(out, sents, pred)
    res = score(gold, pred)
    if not quiet:
        print(format_table(res, f"{gold_path}: {sum(len(s) for s in sents)} tokens, {len(sents)} sentences"))
    return res
