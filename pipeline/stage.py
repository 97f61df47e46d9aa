"""The contract every stage keeps: a name, what it requires, what it provides.

A stage is any object with ``name``, ``requires``, ``provides`` and
``__call__(doc) -> doc``; subclassing ``Stage`` is a convenience, not a must.
A stage may also define ``pipe(docs) -> docs`` to work on many documents at
once (the ner stage tags all their sentences in one batch); the default runs
``__call__`` on each.
``Pipeline`` checks at construction that each stage's ``requires`` were
provided by an earlier stage, as stanza's processors do.
"""
from __future__ import annotations

from typing import ClassVar

from .document import Document


class PipelineOrderError(ValueError):
    """A stage needs an annotation that no earlier stage provides."""


class Stage:
    """Base class for pipeline stages."""

    name: ClassVar[str] = "stage"
    requires: ClassVar[frozenset[str]] = frozenset()
    provides: ClassVar[frozenset[str]] = frozenset()

    def __call__(self, doc: Document) -> Document:  # pragma: no cover - interface
        raise NotImplementedError

    def pipe(self, docs: list[Document]) -> list[Document]:
        """Annotate many documents (override when a batch is cheaper than one at a time)."""
        return [self(doc) for doc in docs]

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name}: {sorted(self.requires)} -> {sorted(self.provides)}>"


def check_order(stages) -> None:
    """Raise PipelineOrderError naming the first stage whose requirements are unmet."""
    available = {"text"}
    seen = []
    for stage in stages:
        for attr in ("name", "requires", "provides"):
            if not hasattr(stage, attr):
                raise PipelineOrderError(f"{stage!r} is not a stage: it has no '{attr}'")
        missing = sorted(set(stage.requires) - available)
        if missing:
            after = ", ".join(seen) or "nothing"
            raise PipelineOrderError(
                f"stage '{stage.name}' requires {', '.join(repr(m) for m in missing)}, "
                f"which no earlier stage provides (it comes after: {after})"
            )
        available |= set(stage.provides)
        seen.append(stage.name)
