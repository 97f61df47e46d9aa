"""The Pipeline: an ordered list of stages, checked at construction, run over Documents."""
from __future__ import annotations

import datetime as dt
from typing import Iterable, Optional, Union

from conflict_events.schemas import Article, Event

from .document import Document
from .stage import check_order

MAX_TEXT_CHARS = 1_000_000  # an article longer than this is a dump or junk, not a news report
MIN_ARABIC_SHARE = 0.3  # of the letters


class ArticleError(ValueError):
    """An article the pipeline cannot process; the message is one line naming the article."""

    def __init__(self, article_id: Optional[str], reason: str):
        self.article_id = article_id
        self.reason = reason
        super().__init__(f"article {article_id!r}: {reason}")


def default_stages(gate: bool = False) -> list:
    """The standard stages, in order; with ``gate``, the trigger gate after segmentation (the
    stages after it skip the articles that cannot report an event: gate.TriggerGate)."""
    from .casualties import Casualties
    from .dates import Dates
    from .events import Events
    from .genre import Genre
    from .link import Link
    from .merge import Merge
    from .ner import Ner
    from .news import News
    from .normalize import Normalize
    from .segment import Segment

    from .gate import TriggerGate

    return [Normalize(), Segment(), *([TriggerGate()] if gate else []), Ner(), Link(), Events(), News(),
            Genre(), Casualties(), Dates(), Merge()]


class _LetterKinds(dict):
    """str.translate's table of what a character is: "a" an Arabic letter, "l" another letter, "" no
    letter (filled as characters are met)."""

    def __missing__(self, code: int) -> str:
        c = chr(code)
        self[code] = kind = ("a" if "\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f" else "l") \
            if c.isalpha() else ""
        return kind


_LETTER_KINDS = _LetterKinds()


def arabic_share(text: str) -> float:
    """The share of letters in a text that are Arabic (0 when it has no letters)."""
    letters = text.translate(_LETTER_KINDS)  # one character a letter
    if not letters:
        return 0.0
    return letters.count("a") / len(letters)


def to_article(obj: Union[str, dict, Article], **fields) -> Article:
    """Build a checked Article from text, a dict or an Article; raise ArticleError if unusable."""
    if isinstance(obj, Article):
        data = obj.model_dump()
    elif isinstance(obj, str):
        data = {"text": obj}
    elif isinstance(obj, dict):
        data = dict(obj)
    else:
        raise ArticleError(fields.get("id"), f"expected text, a dict or an Article, got {type(obj).__name__}")
    data.update({k: v for k, v in fields.items() if v is not None})
    data.setdefault("id", "doc")
    art_id = None if data.get("id") is None else str(data["id"])
    text = data.get("text")
    if not isinstance(text, str):
        raise ArticleError(art_id, "no text" if text is None else f"text is {type(text).__name__}, not a string")
    if not text.strip():
        raise ArticleError(art_id, "text is empty")
    if len(text) > MAX_TEXT_CHARS:
        raise ArticleError(art_id, f"text has {len(text):,} characters (limit {MAX_TEXT_CHARS:,})")
    if "\x00" in text or sum(1 for c in text[:10000] if c == "\ufffd") > 10:
        raise ArticleError(art_id, "text is binary or wrongly decoded")
    if arabic_share(text) < MIN_ARABIC_SHARE:
        raise ArticleError(art_id, "text is not Arabic")
    published = data.get("published")
    if isinstance(published, str) and published.strip() == "":
        data["published"] = None
    elif isinstance(published, dt.datetime):
        data["published"] = published.date()
    elif published is not None and not isinstance(published, dt.date):
        try:
            data["published"] = dt.date.fromisoformat(str(published)[:10])
        except ValueError:
            raise ArticleError(art_id, f"published date {published!r} is not an ISO date (YYYY-MM-DD)") from None
    try:
        return Article.model_validate(data)
    except Exception as e:  # pydantic's message is multi-line: keep the first problem
        first = str(e).splitlines()
        raise ArticleError(art_id, first[1].strip() + ": " + first[2].strip() if len(first) > 2 else str(e)) from None


class Pipeline:
    """Arabic news in, ACLED-style events out.

    >>> from conflict_events import Pipeline
    >>> events = Pipeline().extract("...", published="2018-04-09")

    ``stages`` replaces the default stages; their order is checked here, and a
    stage whose ``requires`` no earlier stage provides raises PipelineOrderError.
    A stage with an ``admits(doc)`` method is a gate: the stages after it run only on the
    documents it admits; the others are returned as they are. ``gate=True`` puts the trigger
    gate into the default stages (gate.TriggerGate: same events, much less work on real news).
    """

    def __init__(self, stages: Optional[Iterable] = None, gate: bool = False):
        self.stages = list(stages) if stages is not None else default_stages(gate)
        check_order(self.stages)

    def __repr__(self) -> str:
        return f"Pipeline({' → '.join(s.name for s in self.stages)})"

    def document(self, article: Union[str, dict, Article], **fields) -> Document:
        """A Document for an article, not yet annotated."""
        art = to_article(article, **fields)
        return Document(text=art.text, id=art.id, title=art.title, published=art.published,
                        url=art.url, source=art.source)

    def process(self, article: Union[str, dict, Article, Document], **fields) -> Document:
        """Run every stage over one article and return the annotated Document."""
        return self.pipe([article if isinstance(article, Document) else self.document(article, **fields)])[0]

    __call__ = process

    def pipe(self, docs: list[Document]) -> list[Document]:
        """Run every stage over many documents at once (faster than ``process`` one by one);
        after a gate, only over the documents it admits."""
        docs = list(docs)
        todo = list(range(len(docs)))  # the positions of the documents still open
        for stage in self.stages:
            if not todo:
                break
            batch = [docs[i] for i in todo]
            done = stage.pipe(batch) if hasattr(stage, "pipe") else [stage(d) for d in batch]
            for i, doc in zip(todo, done):
                docs[i] = doc
            if hasattr(stage, "admits"):
                todo = [i for i in todo if stage.admits(docs[i])]
        return docs

    def extract(self, article: Union[str, dict, Article], **fields) -> list[Event]:
        """The events of one article (``published``, ``id``, ``title`` … as keywords)."""
        return list(self.process(article, **fields).events)
