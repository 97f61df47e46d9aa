"""The stanza member run directly: the same batch and the same tags as stanza's own inference path."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from conflict_events.stanza_backend import viterbi_batch

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"


def test_batched_viterbi_decodes_each_sequence_as_stanza_decodes_it_alone():
    from stanza.models.common.crf import viterbi_decode

    rng = np.random.default_rng(7)
    lengths = [1, 9, 4, 9, 2, 6]
    scores = rng.normal(size=(len(lengths), 9, 11)).astype(np.float32)
    scores[2, :, 3] = scores[2, :, 5]  # equal scores: the first best tag wins, as in numpy's argmax
    trans = rng.normal(size=(11, 11)).astype(np.float32)
    got = viterbi_batch(scores, lengths, trans)
    assert got == [[int(x) for x in viterbi_decode(scores[i, :n], trans)[0]] for i, n in enumerate(lengths)]
    assert [len(g) for g in got] == lengths


def _sample_sentences() -> list[list[str]]:
    from conflict_events import default_stages
    from conflict_events.document import Document

    stages = default_stages()[:2]
    out = []
    for path in [SAMPLES / "articles.jsonl", *sorted((SAMPLES / "gold").glob("*.jsonl"))]:
        for line in path.read_text(encoding="utf-8").splitlines()[:40]:
            row = json.loads(line)
            if not isinstance(row.get("text"), str):
                continue
            doc = Document(text=row["text"], id=str(row.get("id")))
            for st in stages:
                doc = st(doc)
            out += [[t.text for t in doc.sentence_tokens(s)] for s in doc.sentences]
    return [s for s in out if s]


def test_direct_path_tags_real_sentences_exactly_as_stanzas_own_loader_and_decoder():
    from conflict_events.ner_model import NerTagger

    backend = NerTagger.load(profile="fast")._backend
    sents = _sample_sentences()
    assert len(sents) > 50 and backend.direct
    direct = backend.tag(sents)
    try:
        backend.direct = False
        own = backend.tag(sents)
    finally:
        backend.direct = True
    assert direct == own
    assert any(t != "O" for tags in direct for t in tags)


def test_the_word_id_cache_stays_bounded_and_gives_the_same_ids(monkeypatch):
    import conflict_events.stanza_backend as sb
    from conflict_events.ner_model import NerTagger

    backend = NerTagger.load(profile="fast")._backend
    monkeypatch.setattr(sb, "CACHED_WORDS", 3)
    ids = sb._Ids(backend.trainer.vocab["char"], per_unit=True)
    words = ["حلب", "دير", "الزور", "الرقة", "حلب"]
    first = [ids(w) for w in words]
    assert len(ids.cache) <= 3
    assert first == [backend.trainer.vocab["char"].map(list(w)) for w in words]


def test_words_spelled_once_give_the_same_tags_and_their_store_stays_bounded(monkeypatch):
    from conflict_events.ner_model import NerTagger

    backend = NerTagger.load(profile="fast")._backend
    sents = _sample_sentences()
    try:
        backend.direct = False
        own = backend.tag(sents)
    finally:
        backend.direct = True
    distinct = len({w for s in sents for w in s})
    monkeypatch.setattr(backend._spelled.vectors, "limit", 1000)  # a batch's words fit, the samples' do not: emptied often
    backend._spelled.vectors.clear()
    assert backend.tag(sents) == own
    assert distinct > 3000 and 0 < len(backend._spelled.vectors) <= 1000
