"""Notebook entry point: articles in, a pandas DataFrame in ACLED's columns out."""
from __future__ import annotations

from typing import Iterable, Optional

import pandas as pd

from conflict_events.schemas import OUTPUT_COLUMNS

from .core import ArticleError, Pipeline


def extract_frame(articles: Iterable, pipeline: Optional[Pipeline] = None, *,
                  errors: str = "collect") -> pd.DataFrame:
    """Events of many articles (texts, dicts or schemas.Article) as one DataFrame.

    Articles that cannot be processed are not dropped in silence: with
    ``errors="collect"`` (the default) they are listed in ``frame.attrs["errors"]``
    as {"article_id", "error"}; with ``errors="raise"`` the first one raises.
    """
    pipeline = pipeline or Pipeline()
    rows, failed = [], []
    for n, art in enumerate(articles):
        fields = {"id": f"doc-{n}"} if isinstance(art, str) else {}
        try:
            rows += [ev.to_acled_row() for ev in pipeline.extract(art, **fields)]
        except ArticleError as e:
            if errors == "raise":
                raise
            failed.append({"article_id": e.article_id, "error": e.reason})
    frame = pd.DataFrame(rows, columns=OUTPUT_COLUMNS)
    frame["event_date"] = pd.to_datetime(frame["event_date"])
    frame.attrs["errors"] = failed
    return frame
