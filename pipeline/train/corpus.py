"""Unlabelled Arabic news text (SaudiNewsNet) for word vectors and character LMs.

The shared corpus is read in place (zipped JSON, one file per day) and written,
tokenised and normalised exactly as the tagger sees its input (``model_form``),
to a work directory outside git (``build/ner`` by default). The raw articles are
never copied into the project.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator, Optional

from camel_tools.tokenizers.word import simple_word_tokenize

from ..ner_model import model_form
from .. import saudinewsnet
from ..segment import split_sentences

def articles(root: Optional[Path] = None) -> Iterator[str]:
    """Article bodies (title + content) in a fixed order: day files sorted, JSON order within."""
    for _, art in saudinewsnet.articles(root):
        text = "\n".join(x for x in (art.get("title"), art.get("content")) if x)
        if text.strip():
            yield text


def sentences(root: Optional[Path] = None) -> Iterator[list[str]]:
    """Tokenised, normalised sentences of the whole corpus, in a fixed order."""
    for text in articles(root):
        for s, e in split_sentences(text):
            toks = [model_form(t) for t in simple_word_tokenize(text[s:e])]
            if toks:
                yield toks


def write_corpus(path: Path, root: Optional[Path] = None) -> Path:
    """Write one normalised sentence per line (cached: reused when present)."""
    path = Path(path)
    if path.exists() and path.stat().st_size > 0:
        return path
    root = root or saudinewsnet.root()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".part")
    with open(tmp, "w", encoding="utf-8") as f:
        for toks in sentences(root):
            f.write(" ".join(toks) + "\n")
    tmp.rename(path)
    return path
