"""The fast paths of the stages read what the plain code read: each is checked here against the
plain computation on the sample articles (every sentence, every word)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"


def _texts() -> list[str]:
    out = []
    for path in [SAMPLES / "articles.jsonl", *sorted((SAMPLES / "gold").glob("*.jsonl"))]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if isinstance(row.get("text"), str):
                    out.append(row["text"])
    return out + ["", "  ", "ﷺ مرحبا", "a\u200bb ـــ ١٢٣", "تَجْرِبَة، «والقوات» (م.ع) 15/3/2024.",
                  "قتل 5 في 3 آذار/مارس 2015 صباح اليوم الأحد"]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return _texts()


@pytest.fixture(scope="module")
def docs(texts):
    from conflict_events.document import Document
    from conflict_events.normalize import Normalize
    from conflict_events.segment import Segment

    return [Segment()(Normalize()(Document(text=t, id=str(i)))) for i, t in enumerate(texts) if t.strip()]


def test_normtext_maps_every_character_as_one_at_a_time(texts):
    from conflict_events.normalize import NormText, _char

    for t in texts + [w for t in texts[:50] for w in t.split()]:
        out, origin = [], []
        for i, c in enumerate(t):
            n = _char(c)
            out.append(n)
            origin += [i] * len(n)
        assert NormText.of(t) == NormText("".join(out), tuple(origin), len(t))


def test_arabic_share_counts_as_the_letters_one_by_one(texts):
    from conflict_events.core import arabic_share

    for t in texts + ["abc", "Ωمر", "١٢٣"]:
        letters = [c for c in t if c.isalpha()]
        want = sum(1 for c in letters if "\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f") / len(letters) \
            if letters else 0.0
        assert arabic_share(t) == want


def test_words_are_aligned_as_camel_tools_tokenises_the_whole_sentence(texts):
    from camel_tools.tokenizers.word import simple_word_tokenize

    from conflict_events.segment import align_words, split_sentences

    for t in texts:
        for s, e in split_sentences(t) + [(0, len(t))]:
            want, pos = [], s
            for word in simple_word_tokenize(t[s:e]):
                i = t.find(word, pos, e)
                want.append((i, i + len(word)))
                pos = i + len(word)
            assert align_words(t, s, e) == want


def test_a_token_splits_its_clitics_when_read_as_the_segmenter_did(docs):
    from conflict_events.document import Token
    from conflict_events.segment import clitic_parts

    for doc in docs:
        for tok in doc.tokens:
            plain = Token(tok.start, tok.end, tok.text, tok.norm, tok.sentence, tok.index, clitic_parts(tok.text, tok.start))
            assert tok.parts == plain.parts and tok.stem == plain.stem
    tok = docs[0].tokens[0]
    tok.parts = []
    assert tok.parts == []


def test_no_date_rule_starts_where_may_start_says_none_can(docs):
    import datetime as dt

    from conflict_events import dates as D

    day = dt.date(2015, 5, 1)
    for doc in docs:
        text = doc.norm.text
        toks = D.tokenize(text, 0, len(text))
        for i, tok in enumerate(toks):
            if not D.may_start(tok.text):
                assert D.absolute_at(toks, i, day) is None and D.background_at(toks, i, day) is None
                assert D.relative_at(toks, i, day, text, lambda s, e: (s, e)) is None


def test_clause_sets_are_the_three_clause_lists(docs):
    from conflict_events.events import modality

    mod = modality()
    for doc in docs:
        for s in doc.sentences:
            toks = doc.sentence_tokens(s)
            assert mod.clause_sets(toks) == (mod.clauses(toks), mod.clauses(toks, strong=True),
                                             mod.clauses(toks, statement=True))


def test_a_matcher_finds_the_same_phrases_when_it_knows_which_words_start_none(docs):
    from conflict_events.events import lexicon
    from conflict_events.segment import reading_forms

    m = lexicon().matcher
    for doc in docs[:40]:
        for s in doc.sentences:
            toks = doc.sentence_tokens(s)
            for i, tok in enumerate(toks):
                starts = not m._firsts.isdisjoint(reading_forms(tok))
                assert m._starts_phrase(tok.norm) == starts
                assert (m.match_at(toks, i) is not None) <= starts
    from conflict_events.matcher import PhraseMatcher

    own = PhraseMatcher().add_all([("دير الزور", 1)])
    assert not own._starts_phrase("حلب")
    own.add("حلب", 2)  # a new first word: what was kept is read again
    assert [x.key for x in own.find(docs[0].tokens[:0])] == [] and own._starts.get("حلب") is None
    assert own._starts_phrase("حلب")


def test_no_figure_is_read_where_may_be_figure_says_none_can(docs):
    from conflict_events.casualties import may_be_figure, read_vague
    from conflict_events.numbers import read_number, tokenize

    for doc in docs:
        toks = tokenize(doc.norm.text, 0, len(doc.norm.text))
        for i, tok in enumerate(toks):
            if not may_be_figure(tok.text):
                assert read_vague(toks, i) is None and read_number(toks, i) is None
