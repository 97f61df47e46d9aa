"""CoNLL-style token files: read one token per line (first column), blank line between sentences.

Tolerant reader: UTF-8 with or without BOM, LF or CRLF, and bidirectional /
zero-width marks (U+200E, U+200F, U+200B-D, U+FEFF, U+061C) stripped from every
field.  Columns may be separated by tabs or spaces; the first is the token.  A
line that becomes empty after stripping the marks is treated as a sentence break
only if it was empty to begin with; a token made only of marks is kept as ``_``
so that the output keeps one line per input token.  Lines starting with
``-DOCSTART-`` are document markers and are treated as sentence breaks.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable, Iterator

_MARKS = re.compile("[\u200b\u200c\u200d\u200e\u200f\ufeff\u061c\u202a-\u202e\u2066-\u2069]")


def clean(s: str) -> str:
    return _MARKS.sub("", s)


def iter_conll(path: str | Path) -> Iterator[list[list[str]]]:
    """Sentences of a CoNLL file, each a list of rows (list of columns, marks removed)."""
    rows: list[list[str]] = []
    with open(path, encoding="utf-8-sig", newline="") as f:
        for raw in f:
            line = raw.rstrip("\r\n")
            if not line.strip() or line.startswith("-DOCSTART-"):
                if rows:
                    yield rows
                    rows = []
                continue
            cols = [clean(c) for c in re.split(r"[\t ]+", line.strip())]
            cols = [c for c in cols if c] or ["_"]
            if len(cols) == 1 and "\t" not in line and not clean(line).strip():
                cols = ["_"]
            rows.append(cols)
    if rows:
        yield rows


def read_conll(path: str | Path) -> list[list[list[str]]]:
    return list(iter_conll(path))


def read_tokens(path: str | Path) -> list[list[str]]:
    """Only the tokens (first column) of each sentence."""
    return [[r[0] for r in rows] for rows in iter_conll(path)]


def write_conll(path: str | Path, sentences: Iterable[list[str]], tags: Iterable[list[str]]) -> None:
    """``token<TAB>tag`` per line, a blank line after each sentence."""
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for toks, tgs in zip(sentences, tags):
            if len(toks) != len(tgs):
                raise ValueError(f"{len(toks)} tokens but {len(tgs)} tags")
            for t, g in zip(toks, tgs):
                f.write(f"{t}\t{g}\n")
            f.write("\n")
