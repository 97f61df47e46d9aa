"""ANERcorp (CAMeL Lab split) read in place from the shared data folder, and the dev split.

dev = a held-out part of TRAIN: every 10th block of 200 consecutive sentences
(blocks 9 and 19: 400 sentences, about 10%; long contiguous blocks so that dev
articles are mostly not in train, as for the test file).  The test file is only
ever scored.
"""
from __future__ import annotations

from pathlib import Path

from ..conll import read_conll
from ..resources import shared_path

ANERCORP = ("ner", "anercorp_camellab")  # inside the shared data folder (resources.shared_data_dir)
TRAIN = "ANERCorp_CamelLab_train.txt"
TEST = "ANERCorp_CamelLab_test.txt"
TAGS = ["O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"]

Sent = tuple[list[str], list[str]]  # tokens, tags


def read_tagged(path: Path) -> list[Sent]:
    """(tokens, tags) per sentence; the tag is the last column."""
    out = []
    for rows in read_conll(path):
        toks = [r[0] for r in rows]
        tags = [r[-1] if len(r) > 1 else "O" for r in rows]
        out.append((toks, tags))
    return out


def split_train_dev(sents: list[Sent], block: int = 200, every: int = 10) -> tuple[list[Sent], list[Sent]]:
    train, dev = [], []
    for i, s in enumerate(sents):
        (dev if (i // block) % every == every - 1 else train).append(s)
    return train, dev


def files() -> tuple[Path, Path]:
    """The train and test files of the shared ANERcorp (resources.SharedDataNotFound when absent)."""
    return shared_path(*ANERCORP, TRAIN), shared_path(*ANERCORP, TEST)


def unlabelled_train_text() -> list[list[str]]:
    """All tokens of the train FILE (train + dev parts, no tags): extra text for word2vec."""
    return [toks for toks, _ in read_tagged(files()[0])]


def load(quick: bool = False, with_dev: bool = False) -> tuple[list[Sent], list[Sent], list[Sent]]:
    """train, dev, test.  ``quick``: a tiny slice of each (for tests).  ``with_dev``: train is
    the whole train file (dev included), for a final fit of a recipe already chosen on dev."""
    train_file, test_file = files()
    train, dev = split_train_dev(read_tagged(train_file))
    test = read_tagged(test_file)
    if quick:
        train, dev, test = train[:150], dev[:40], test[:40]
    if with_dev:
        train = train + dev
    return train, dev, test
