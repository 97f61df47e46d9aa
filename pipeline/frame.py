"""Notebook entry points: articles in, a pandas DataFrame in ACLED's columns out; its events as a GeoDataFrame."""
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


def to_geodataframe(frame: pd.DataFrame):
    """Event rows (``extract_frame``'s DataFrame) as a geopandas GeoDataFrame of Points in WGS 84 (EPSG:4326),
    one per row; a row without coordinates has no geometry. Needs the ``geo`` extra."""
    try:
        import geopandas
        from shapely.geometry import Point
    except ImportError:
        raise ImportError("to_geodataframe needs geopandas: pip install 'conflict-events[geo]'") from None
    points = [None if pd.isna(lon) or pd.isna(lat) else Point(float(lon), float(lat))
              for lon, lat in zip(frame["longitude"], frame["latitude"])]
    return geopandas.GeoDataFrame(frame, geometry=points, crs="EPSG:4326")
