"""Mention replacement: extra training sentences with entity mentions swapped within a type."""
from __future__ import annotations

from conflict_events.ner_model import spans_of
from conflict_events.train.augment import mention_replacement

SENTS = [
    ("قال الرئيس جورج بوش في بغداد إن القوات باقية".split(),
     ["O", "O", "B-PERS", "I-PERS", "O", "B-LOC", "O", "O", "O"]),
    ("وزار شيراك دمشق أمس".split(), ["O", "B-PERS", "B-LOC", "O"]),
    ("واتهم حزب الله إسرائيل".split(), ["O", "B-ORG", "I-ORG", "B-LOC"]),
    ("وارتفعت الأسعار".split(), ["O", "O"]),
]


def test_every_mention_is_swapped_for_one_of_its_type_and_the_context_is_kept():
    copies, sources = mention_replacement(SENTS, p=1.0, seed=3)
    assert copies and len(copies) == len(sources) and 3 not in sources  # no entity, no copy
    pool = {t: {tuple(toks[s:e]) for toks, tags in SENTS for s, e, t2 in spans_of(tags) if t2 == t}
            for t in ("PERS", "LOC", "ORG")}
    for (toks, tags), i in zip(copies, sources):
        assert len(toks) == len(tags) and (toks, tags) != SENTS[i]
        src_toks, src_tags = SENTS[i]
        spans, src_spans = spans_of(tags), spans_of(src_tags)
        assert [t for _, _, t in spans] == [t for _, _, t in src_spans]  # same types, same order
        for s, e, t in spans:
            assert tuple(toks[s:e]) in pool[t]
        # the words outside the mentions are the source's, in order
        outside = lambda ts, sp: [w for k, w in enumerate(ts) if not any(s <= k < e for s, e, _ in sp)]  # noqa: E731
        assert outside(toks, spans) == outside(src_toks, src_spans)
    # ORG has a single mention: the one ORG sentence changes only by its place (إسرائيل -> بغداد or دمشق)
    org = [c for c, i in zip(copies, sources) if i == 2]
    assert all(c[0][1:3] == ["حزب", "الله"] and c[0][3] in ("بغداد", "دمشق") for c in org)


def test_groups_keep_the_pools_apart_and_the_result_is_deterministic():
    # each sentence its own group: every mention can only be replaced by itself, so no copy
    assert mention_replacement(SENTS, p=1.0, group_of=lambda i: i) == ([], [])
    assert mention_replacement(SENTS, p=0.0) == ([], [])
    assert mention_replacement(SENTS, p=0.5, seed=7) == mention_replacement(SENTS, p=0.5, seed=7)
