"""Genre stage: is the article an opinion piece (a column, a sermon, an essay), not a report?

A column names attacks and wars on every line and reports none of them; the coding guide codes an
event from one only when it tells a recent incident with its own day (الجريمة التي وقعت أمس الخميس في
مسجد قوات الطوارئ). A learned model reads the beginning of the article (models/genre/model.json,
trained by ``conflict_events.train.genre`` on SaudiNewsNet articles labelled by their bylines:
MODEL_CARD.md; the arithmetic is textmodel.TfidfLogistic). Where it is sure the article is an opinion
piece, every event mention not already set aside is marked background with the reason OPINION: the
merge stage then codes only those that give their own day within the last week, as it does for an
incident recalled behind a cue.
"""
from __future__ import annotations

from typing import Optional

from .document import OPINION, Document
from .textmodel import ModelStage, TfidfLogistic, word_form


class GenreModel(TfidfLogistic):
    """The article model: a TfidfLogistic that reads the first ``words`` words of an article."""

    FOLDER = "genre"

    def __init__(self, data: dict):
        super().__init__(data)
        self.words = int(data.get("words", 300))


def default_model() -> Optional[GenreModel]:
    """The shipped model, or None when models/genre holds none (the stage then changes nothing)."""
    return GenreModel.shipped()


class Genre(ModelStage):
    """Read an article that holds event mentions as opinion or report: ``doc.ext["opinion_p"]``; in an
    opinion piece (the model's threshold or more) the mentions are background (reason OPINION) and a
    document warning says so."""

    name = "genre"
    requires = frozenset({"tokens", "event_mentions"})
    provides = frozenset({"genre"})
    MODEL = GenreModel

    def __call__(self, doc: Document) -> Document:
        model = self.model
        if model is not None and doc.event_mentions:
            p = doc.ext["opinion_p"] = round(model.probability([word_form(t) for t in doc.tokens[:model.words]]), 3)
            if p >= model.threshold:
                marked = 0
                for em in doc.event_mentions:
                    if not em.ext.get("background"):
                        em.ext["background"], em.ext["background_reason"] = True, OPINION
                        marked += 1
                doc.warnings.append(f"opinion piece (p={p:.2f}): {marked} event mention(s) coded only where "
                                    f"they tell a recent incident with its own day")
        doc.provided |= self.provides
        return doc


__all__ = ["Genre", "GenreModel", "OPINION", "default_model"]
