"""News stage: is a sentence that holds an event mention the report of a recent event?

Real news mixes the news with what is not: general statements and ongoing situations ("the coalition
has been fighting the rebels"), tolls over a whole war, reactions, threats, plans, trials, ordinary
crime, and old incidents recalled as context. The rules of the events stage catch the ones with a cue
(كان … قد، في وقت سابق، إذا); the rest look like news to a rule. A small learned model reads the whole
sentence: a logistic regression over tf-idf weighted words and word pairs and the sentence's mean
word vector (models/news/model.json,
trained by ``conflict_events.train.news`` on SaudiNewsNet sentences labelled by hand: MODEL_CARD.md).
Where it is confident that a sentence reports no recent event (probability of news below the
model's threshold), the event mentions of that sentence are marked background with the reason and
the probability, and merge leaves them out. The arithmetic is sklearn's TfidfVectorizer
(sublinear tf, smoothed idf, l2 norm) and LogisticRegression, redone here in plain Python so the
pipeline needs no training library.
"""
from __future__ import annotations

from typing import Optional

from .document import Document, Token, token_at
from .textmodel import MODEL_FILE, ModelStage, TfidfLogistic, features, word_form  # noqa: F401 (re-exported)



CLAUSE_MARKS = frozenset({"،", ",", "؛", ";", ":"})


def clause_of(toks: list[Token], offset: int) -> tuple[int, int]:
    """(first, after last) token of the part of a sentence between the commas or semicolons around
    the token at ``offset`` (the whole sentence when none)."""
    at = max(token_at(toks, offset), 0)
    first = next((i + 1 for i in range(at - 1, -1, -1) if toks[i].norm in CLAUSE_MARKS), 0)
    last = next((i for i in range(at + 1, len(toks)) if toks[i].norm in CLAUSE_MARKS), len(toks))
    return first, last


class NewsModel(TfidfLogistic):
    """The sentence model (models/news/model.json)."""

    FOLDER = "news"


def default_model() -> Optional[NewsModel]:
    """The shipped model, or None when models/news holds none (the stage then changes nothing)."""
    return NewsModel.shipped()


class News(ModelStage):
    """Mark the event mentions of a sentence that reports no recent event (the model is sure) as
    background: ``ext["background_reason"]`` says "not news (p=0.02)" and a document warning says
    which trigger was not coded; every mention gets ``ext["news_p"]``. A sentence that mixes an
    ongoing situation with the news (تسيطر الفوضى على البلاد منذ أشهر، وقتل خمسة جنود في عدن) is read
    twice, whole and as the clause between the commas around the trigger (``clause_of``), and the
    likelier reading of news counts."""

    name = "news"
    requires = frozenset({"tokens", "event_mentions"})
    provides = frozenset({"news"})
    MODEL = NewsModel

    def __call__(self, doc: Document) -> Document:
        model = self.model
        if model is not None:
            doc_seen: dict[int, dict[tuple[int, int], float]] = {}  # sentence → token span → probability
            for em in doc.event_mentions:
                if not 0 <= em.sentence < len(doc.sentences):
                    continue
                seen = doc_seen.setdefault(em.sentence, {})
                toks = doc.sentence_tokens(doc.sentences[em.sentence])
                spans = {(0, len(toks)), clause_of(toks, em.trigger.start)}
                for span in spans - seen.keys():
                    seen[span] = model.probability([word_form(t) for t in toks[span[0]:span[1]]])
                p = em.ext["news_p"] = round(max(seen[span] for span in spans), 3)
                if p < model.threshold and not em.ext.get("background"):
                    em.ext["background"] = True
                    em.ext["background_reason"] = f"not news (p={p:.2f})"
                    doc.warnings.append(f"not coded: {em.sub_event_type} at '{em.trigger_text}' "
                                        f"(the sentence reports no recent event: p={p:.2f})")
        doc.provided |= self.provides
        return doc


__all__ = ["News", "NewsModel", "clause_of", "default_model", "features", "word_form"]
