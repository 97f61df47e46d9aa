"""Bounded cost per article on pathological text: giant words, sentences without end, thousands of
places. What the stages are given stays bounded and their work grows with the article, not its
square (counted, never timed); the figures are bench/pathological.py's."""
import json
import random
from pathlib import Path

import pytest

from conflict_events import Document, Mention, Pipeline
from conflict_events.batch import _worker_pipeline, process_records
from conflict_events.io import Record
from conflict_events.link import Link
from conflict_events.ner import TRUST, Ner, resolve_overlaps
from conflict_events.ner_model import MAX_BATCH_CELLS, MAX_TAGGED_WORDS, MAX_WORD_CHARS, NerTagger, batches
from conflict_events.normalize import Normalize
from conflict_events.places import Gazetteer
from conflict_events.segment import MAX_SENTENCE_WORDS, Segment, split_sentences

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples" / "articles.jsonl"
NEWS = [json.loads(line) for line in SAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()]


def records(articles):
    return [Record(a, f"in.jsonl:{n}") for n, a in enumerate(articles, 1)]


@pytest.fixture(scope="module")
def nlp():
    return _worker_pipeline("fast")


def test_a_sentence_without_end_is_cut_in_pieces_after_punctuation():
    words = ["قتل", "جندي", "في", "حلب"] + ["كلمة", "،"] * 1500 + ["نهاية"]
    text = " ".join(words)
    doc = Segment()(Normalize()(Document(text)))
    sizes = [s.token_end - s.token_start for s in doc.sentences]
    assert sizes == [1000, 1000, 1000, 5] and sum(sizes) == len(words)
    for s in doc.sentences[:-1]:  # each piece ends after a comma, and every token lies in its piece
        assert doc.tokens[s.token_end - 1].text == "،"
    assert all(doc.sentences[t.sentence].start <= t.start < t.end <= doc.sentences[t.sentence].end
               for t in doc.tokens)
    assert [t.text for t in doc.tokens] == words


def test_news_sentences_are_never_cut():
    for art in NEWS:
        doc = Segment()(Normalize()(Document(art["text"])))
        assert len(doc.sentences) == len(split_sentences(art["text"]))
        assert max(s.token_end - s.token_start for s in doc.sentences) < MAX_SENTENCE_WORDS


class Spy:
    """A tagger backend that records what it is given and tags every word O."""

    def __init__(self):
        self.calls = []

    def tag(self, sentences):
        self.calls.append(sentences)
        return [["O"] * len(s) for s in sentences]


def test_the_tagger_is_given_bounded_words_and_sentences_and_answers_for_every_word():
    spy = Spy()
    tagger = NerTagger(Path("."), {}, spy)
    giant = "ب" * 50_000
    sentences = [["قال", giant, "في", "حلب"], ["كلمة"] * 2500, []]
    tags = tagger.tag(sentences)
    assert [len(t) for t in tags] == [4, 2500, 0]
    given = spy.calls[0]
    assert [len(s) for s in given] == [4, MAX_TAGGED_WORDS, MAX_TAGGED_WORDS, 500]
    assert max(len(w) for s in given for w in s) == MAX_WORD_CHARS
    assert given[0] == ["قال", giant[:MAX_WORD_CHARS], "في", "حلب"]


def test_tagger_batches_keep_news_as_it_was_and_cut_padding_heavy_ones():
    news = [["كلمة"] * 40 for _ in range(70)]
    assert [len(b) for b in batches(news, 32, MAX_BATCH_CELLS, len, lambda s: 4)] == [32, 32, 6]
    heavy = [["ب" * 50] * 1000 for _ in range(5)]
    assert [len(b) for b in batches(heavy, 32, MAX_BATCH_CELLS, len, lambda s: 50)] == [2, 2, 1]
    assert [len(b) for b in batches([["ب" * 50] * 3000], 32, MAX_BATCH_CELLS, len, lambda s: 50)] == [1]


def test_pathological_articles_come_through_a_batch_with_rows_or_an_error(nlp):
    lead = NEWS[0]["text"][:300]
    arts = [dict(NEWS[1], id="news"),
            {"id": "commas", "text": lead + " " + "," * 2_500},
            {"id": "giant-word", "text": lead + " " + "ب" * 50_000 + " " + lead},
            {"id": "exclamations", "text": lead + " " + "!" * 1_500},
            {"id": "one-name-many-times", "text": "قصفت قوات النظام السوري " * 300}]
    got = process_records(records(arts), nlp)
    assert [r.id for r in got] == [a["id"] for a in arts]
    assert [r.error for r in got] == [None] * len(arts)
    assert got[0].rows == process_records(records(arts[:1]), nlp)[0].rows and got[0].rows


def test_an_article_s_places_are_read_once_not_once_per_pair(monkeypatch):
    """Each place is resolved against the article's other places: their votes are counted once per
    article, so the names are parsed a number of times that grows with the article, not its square."""
    text = "\n".join(a["text"] for a in NEWS)
    calls = {"n": 0}
    parse = Gazetteer._parse

    def counting(self, name):
        calls["n"] += 1
        return parse(self, name)

    monkeypatch.setattr(Gazetteer, "_parse", counting)
    linking = Pipeline([Normalize(), Segment(), Ner(use_model=False), Link()])
    counts = []
    for copies in (2, 4):
        calls["n"] = 0
        doc = linking.process({"id": "long", "text": "\n".join([text] * copies)})
        counts.append((calls["n"], sum(m.type == "PLACE" for m in doc.mentions)))
    (small, places_small), (big, places_big) = counts
    assert places_big == 2 * places_small
    assert big < 2.5 * small


class Watched(Mention):
    """A Mention that counts how often its start and end are read."""

    reads = 0

    def __getattribute__(self, name):
        if name in ("start", "end"):
            Watched.reads += 1
        return object.__getattribute__(self, name)


def test_overlapping_mentions_are_resolved_as_before_without_comparing_every_pair():
    rnd = random.Random(16)
    for _ in range(500):  # the rule: the most trusted, then longest, of overlapping mentions wins
        cands = []
        for _ in range(rnd.randint(0, 25)):
            s = rnd.randint(0, 50)
            cands.append(Mention(s, s + rnd.randint(0, 6), "x", "PLACE", rnd.choice(list(TRUST))))
        kept = []
        for m in sorted(cands, key=lambda m: (TRUST[m.source], -(m.end - m.start), m.start)):
            if all(m.end <= k.start or m.start >= k.end for k in kept):
                kept.append(m)
        assert [id(m) for m in resolve_overlaps(cands)] == [id(m) for m in sorted(kept, key=lambda m: m.start)]
    for n in (1_000, 4_000):  # a long article's mentions: reads grow with n log n, not n squared
        Watched.reads = 0
        resolve_overlaps([Watched(3 * i, 3 * i + 2, "x", "PLACE", "model") for i in range(n)])
        if n == 1_000:
            small = Watched.reads
    assert Watched.reads < 5 * small
