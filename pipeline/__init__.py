"""conflict-events: Arabic news in, ACLED-style conflict events out.

    from conflict_events import Pipeline, extract_frame
    events = Pipeline().extract(text, published="2018-04-09")
    doc = Pipeline().process(text)          # the annotated Document
    frame = extract_frame(articles)         # pandas DataFrame in ACLED columns
    geo = to_geodataframe(frame)            # geopandas GeoDataFrame of Points (the geo extra)
    result = dedupe_rows(frame.to_dict("records"))   # one incident per group of reports, with mentions
"""
from .core import ArticleError, Pipeline, default_stages
from .dedupe import dedupe_rows
from .document import Document, Mention, Span, Token
from .frame import extract_frame, to_geodataframe
from .stage import PipelineOrderError, Stage

__all__ = ["Pipeline", "Document", "Mention", "Span", "Token", "Stage", "PipelineOrderError",
           "ArticleError", "default_stages", "extract_frame",
           "to_geodataframe", "dedupe_rows"]
