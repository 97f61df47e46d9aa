"""The trained NER tagger: quick training, the shipped model on unseen sentences, CoNLL I/O, scoring."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from conflict_events.conll import read_conll, read_tokens
from conflict_events.evaluate_ner import entities, evaluate_conll, score, tag_conll
from conflict_events.ner_model import NerTagger, bioes_to_bio, default_dir, model_form



class FakeTagger:
    """Tags every token O except a fixed word, to test the I/O without a model."""

    def tag(self, sentences):
        return [["B-LOC" if t == "حلب" else "O" for t in s] for s in sentences]


def test_model_form_normalises_like_training():
    assert model_form("أيضاً") == "ايضا"
    assert model_form("\u200eالرقة") == "الرقه"
    assert model_form("\u200e") == "_"  # never an empty token


def test_bioes_to_bio_repairs_orphans():
    assert bioes_to_bio(["S-LOC", "B-PERS", "E-PERS", "I-ORG", "O"]) == ["B-LOC", "B-PERS", "I-PERS", "B-ORG", "O"]


def test_entity_scoring_exact_span_and_type():
    gold = [["B-PERS", "I-PERS", "O", "B-LOC"]]
    pred = [["B-PERS", "O", "O", "B-LOC"]]
    assert entities(gold[0]) == {(0, 2, "PERS"), (3, 4, "LOC")}
    res = score(gold, pred)
    assert res["LOC"]["f1"] == 1.0 and res["PERS"]["f1"] == 0.0
    assert res["micro"]["precision"] == 0.5 and res["micro"]["recall"] == 0.5


def _messy_conll(path: Path) -> list[int]:
    """BOM, CRLF, U+200E marks, extra columns, a mark-only token, blank lines between sentences."""
    sents = [["\u200eقصف", "الطيران", "\u200eحلب", "."], ["قتل", "\u200e", "عنصرا"], ["حلب"]]
    lines = []
    for s in sents:
        for i, t in enumerate(s):
            lines.append(f"{t}\tX{i}\tO")
        lines.append("")
    path.write_bytes(("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8"))
    return [len(s) for s in sents]


def test_conll_round_trip_keeps_tokens_and_breaks(tmp_path):
    src, dst = tmp_path / "in.conll", tmp_path / "out.conll"
    lengths = _messy_conll(src)
    assert [len(s) for s in read_tokens(src)] == lengths
    n = tag_conll(src, dst, tagger=FakeTagger())
    assert n == sum(lengths)
    text = dst.read_text(encoding="utf-8")
    blocks = text.rstrip("\n").split("\n\n")
    assert [len(b.split("\n")) for b in blocks] == lengths
    assert all(len(line.split("\t")) == 2 for b in blocks for line in b.split("\n"))
    assert read_conll(dst)[0][2] == ["حلب", "B-LOC"]
    res = evaluate_conll(src, tagger=FakeTagger(), quiet=True)  # gold = last column (all O)
    assert res["micro"]["gold"] == 0


def test_conll_round_trip_with_shipped_model(tmp_path):
    src, dst = tmp_path / "in.conll", tmp_path / "out.conll"
    lengths = _messy_conll(src)
    tag_conll(src, dst)
    assert [len(s) for s in read_conll(dst)] == lengths


def test_quick_training_gives_a_loadable_model(tmp_path, anercorp):
    from conflict_events.train.ner import main

    out = tmp_path / "model"
    assert main(["--quick", "--out", str(out), "--work", str(tmp_path / "work")]) == 0
    tagger = NerTagger.load(out)
    sents = [["قال", "محمد", "علي", "في", "بغداد", "."], []]
    tags = tagger.tag(sents)
    assert [len(t) for t in tags] == [6, 0]
    assert all(t == "O" or t[:2] in ("B-", "I-") for t in tags[0])


def test_subword_bilstm_member_gives_unseen_words_a_vector(tmp_path, anercorp):
    from conflict_events.train.ner import main

    out = tmp_path / "bilstm"
    assert main(["--quick", "--model", "bilstm", "--no-crf", "--subword", "--out", str(out),
                 "--work", str(tmp_path / "work")]) == 0
    assert json.loads((out / "config.json").read_text(encoding="utf-8"))["subword"] == {"min_n": 3, "max_n": 5}
    tagger = NerTagger.load(out)
    wv = tagger._backend.fz.wv
    assert "وبالمحافظتين" not in wv and np.abs(wv.get("وبالمحافظتين")).sum() > 0
    tags = tagger.tag([["قصفت", "الطائرات", "وبالمحافظتين", "مواقع", "في", "دير", "الزور"]])
    assert len(tags[0]) == 7 and all(t == "O" or t[:2] in ("B-", "I-") for t in tags[0])


# Sentences written for this test (not from ANERcorp): people, armed groups and places.
UNSEEN = [
    ("وقال المتحدث باسم الجيش العراقي العميد يحيى رسول إن القوات دخلت مدينة الموصل", "PERS", "يحيى رسول"),
    ("التقى الرئيس الفرنسي إيمانويل ماكرون نظيره المصري في القاهرة", "PERS", "إيمانويل ماكرون"),
    ("أعلنت حركة طالبان مسؤوليتها عن تفجير استهدف قافلة عسكرية في ولاية قندهار", "ORG", "طالبان"),
    ("قال مسؤول أمني إن مسلحين من تنظيم القاعدة هاجموا نقطة تفتيش في محافظة أبين", "ORG", "القاعدة"),
    ("واتهمت الحكومة حزب الله بإرسال مقاتلين إلى مدينة القصير", "ORG", "حزب الله"),
    ("سيطرت حركة الشباب على بلدة قريبة من العاصمة الصومالية مقديشو", "LOC", "مقديشو"),
    ("شنت قوات سوريا الديمقراطية هجوما على مواقع التنظيم في دير الزور", "LOC", "دير الزور"),
]


def test_shipped_model_tags_people_groups_and_places():
    from camel_tools.tokenizers.word import simple_word_tokenize

    tagger = NerTagger.load()
    assert NerTagger.load() is tagger  # cached
    sents = [simple_word_tokenize(s) for s, _, _ in UNSEEN]
    tags = tagger.tag(sents)
    found = []
    for toks, tg, (_, kind, name) in zip(sents, tags, UNSEEN):
        spans = {(" ".join(toks[a:b]), k) for a, b, k in entities(tg)}
        found.append((kind, any(name in text and k == kind for text, k in spans)))
    report = list(zip(found, [list(zip(s, t)) for s, t in zip(sents, tags)]))
    for kind in ("PERS", "ORG", "LOC"):  # a named person, an armed group and a place at least
        assert any(ok for k, ok in found if k == kind), report
    assert sum(ok for _, ok in found) >= 6, report


def test_coordination_closes_a_place_list_but_not_a_pronoun_or_generic_word():
    from conflict_events import Pipeline

    nlp = Pipeline()
    doc = nlp.process("قصفت الطائرات بلدات في ريف درعا مثل طفس والمزيريب.")
    assert ("PLACE", "المزيريب") in {(m.type, m.text) for m in doc.mentions}
    doc = nlp.process("انتشرت القوات في مدينة حلب وريفها.")
    assert not any(m.text.endswith("ريفها") for m in doc.mentions)
    doc = nlp.process("تقدمت القوات في حماة والمناطق.")
    assert not any(m.text == "المناطق" for m in doc.mentions)


def test_propagate_entities_tags_untagged_recurrences_within_the_window():
    from conflict_events.ner_model import propagate_entities

    sents = [["قال", "أسعد", "الحسين", "إن", "حلب", "آمنة"],
             ["وأكد", "أسعد", "الحسين", "ذلك"],           # missed: gets PERS from sentence 0
             ["زار", "أسعد", "الحسين", "بغداد"],          # tagged ORG here: kept (a tie, PERS seen first)
             ["قصف", "حلب", "و", "حلب", "."],              # an already tagged span is kept as it is
             ["ذهب", "إلى", "أسعد", "الحسين"]]
    tags = [["O", "B-PERS", "I-PERS", "O", "B-LOC", "O"],
            ["O", "O", "O", "O"],
            ["O", "B-ORG", "I-ORG", "B-LOC"],
            ["O", "B-MISC", "O", "O", "O"],
            ["O", "O", "B-PERS", "I-PERS"]]
    out = propagate_entities(sents, tags, window=1, min_chars=3)
    assert out[1] == ["O", "B-PERS", "I-PERS", "O"]
    assert out[2] == tags[2]  # existing entities are never changed
    assert out[3] == ["O", "B-MISC", "O", "B-MISC", "O"]  # حلب: MISC in its window (LOC is 3 away)
    assert out[4] == tags[4]
    assert tags[1] == ["O", "O", "O", "O"]  # the input is not modified
    # outside the window nothing is propagated; None = the whole list is one document
    far = [sents[0]] + [["و"]] * 3 + [sents[1]]
    far_tags = [tags[0]] + [["O"]] * 3 + [["O"] * 4]
    assert propagate_entities(far, far_tags, window=2)[-1] == ["O"] * 4
    assert propagate_entities(far, far_tags, window=None)[-1] == ["O", "B-PERS", "I-PERS", "O"]


def test_propagate_entities_min_chars_types_boundaries_and_normalisation():
    from conflict_events.ner_model import propagate_entities

    sents = [["زار", "بغداد", "و", "عمان"], ["في", "عمان", "و", "بغداد", "اليوم"], ["قال", "بغداد", "الجديدة"]]
    tags = [["O", "B-LOC", "O", "B-LOC"], ["O"] * 5, ["O", "O", "I-LOC"]]
    out = propagate_entities(sents, tags, window=None, min_chars=5)
    assert out[1] == ["O", "O", "O", "B-LOC", "O"]  # بغداد (5 characters), not عمان (4)
    assert out[2] == tags[2]  # never right before an (orphan) I-: it would extend that entity
    assert propagate_entities(sents, tags, None, 4)[1] == ["O", "B-LOC", "O", "B-LOC", "O"]
    assert propagate_entities(sents, tags, None, 4, types={"PERS"})[1] == ["O"] * 5
    # matching is on the model form: hamza and teh marbuta variants are the same string
    norm = propagate_entities([["مدينة", "الرقة"], ["الرقه", "."]], [["O", "B-LOC"], ["O", "O"]], None, 4)
    assert norm[1] == ["B-LOC", "O"]
    assert propagate_entities([], [], 5) == []


# Written for this test: the fast tagger finds هادي رزيج after اللواء but misses him in the
# second sentence; label consistency tags him there, within the article only.
ARTICLE_A = ["وقال قائد الشرطة في محافظة الأنبار اللواء هادي رزيج إن الهجوم أسفر عن مقتل ثلاثة جنود .",
             "ولم يحدد هادي رزيج عدد المهاجمين ."]
ARTICLE_B = ["ولم يحدد هادي رزيج عدد المهاجمين ."]


def _name_spans(toks, tags):
    return {(" ".join(toks[a:b]), k) for a, b, k in entities(tags)}


def test_consistency_tags_a_missed_name_within_its_article_only():
    from camel_tools.tokenizers.word import simple_word_tokenize

    tagger = NerTagger.load(profile="fast")
    assert tagger.config.get("consistency")  # switched on for the fast profile (it helped on dev)
    sents = [simple_word_tokenize(s) for s in ARTICLE_A + ARTICLE_B]
    raw = tagger.tag(sents, consistency=False)
    name = ("هادي رزيج", "PERS")
    assert name in _name_spans(sents[0], raw[0]) and name not in _name_spans(sents[1], raw[1]), raw
    tags = tagger.tag(sents, doc_ids=["a", "a", "b"])
    assert name in _name_spans(sents[1], tags[1])  # propagated inside article a
    assert tags[2] == raw[2]  # never into article b of the same batch
    assert tags[0] == raw[0]
    assert [len(t) for t in tags] == [len(s) for s in sents]


def test_pipeline_ner_stage_keeps_consistency_inside_each_article():
    from conflict_events import Pipeline
    from conflict_events.core import default_stages

    stages = default_stages()
    nlp = Pipeline(stages[:[s.name for s in stages].index("ner") + 1])
    docs = nlp.pipe([nlp.document(" ".join(ARTICLE_A)), nlp.document(ARTICLE_B[0])])
    a = {(m.sentence, m.text) for m in docs[0].mentions if m.type == "PERSON"}
    b = {(m.sentence, m.text) for m in docs[1].mentions if m.type == "PERSON"}
    assert (1, "هادي رزيج") in a, a
    assert not any(text == "هادي رزيج" for _, text in b), b


def test_weighted_vote_counts_weights_and_breaks_ties_by_order():
    from conflict_events.ner_model import vote

    a = ["B-PERS", "I-PERS", "O", "B-LOC"]
    b = ["B-PERS", "I-PERS", "O", "O"]
    c = ["B-ORG", "O", "O", "B-LOC"]
    d = ["O", "O", "O", "B-LOC"]
    assert vote([a, b, c], 2) == ["B-PERS", "I-PERS", "O", "B-LOC"]
    assert vote([a, b, c], 3) == ["O"] * 4
    # c and d are worth half a vote each: LOC has 1 + 0.5 + 0.5, PERS 2, ORG only 0.5
    assert vote([a, b, c, d], 1.5, [1, 1, 0.5, 0.5]) == ["B-PERS", "I-PERS", "O", "B-LOC"]
    assert vote([b, c, d], 1.5, [1, 0.5, 0.5]) == ["O"] * 4  # two half votes are not enough
    assert vote([b, c, d], 1.0, [1, 0.5, 0.5]) == ["B-PERS", "I-PERS", "O", "B-LOC"]


def test_crf_variant_member_trains_loads_and_tags_arabic(tmp_path, anercorp):
    """A CRF variant (its own feature set) sharing the crf member's lexicon file, trained with
    mention-replacement copies of its sentences."""
    from camel_tools.tokenizers.word import simple_word_tokenize

    from conflict_events.train.crf import CrfTagger
    from conflict_events.train.ner import main

    work = str(tmp_path / "work")
    assert main(["--quick", "--model", "crf", "--out", str(tmp_path / "m" / "crf"), "--work", work]) == 0
    assert main(["--quick", "--model", "crf", "--crf-variant", "w3", "--lexicon-from", "crf", "--augment", "0.5",
                 "--out", str(tmp_path / "m" / "crf_w3"), "--work", work]) == 0
    assert not (tmp_path / "m" / "crf_w3" / "crf_lex.json").exists()  # shared with crf/
    tagger = NerTagger.load(tmp_path / "m" / "crf_w3")
    assert tagger.config["features"]["window"] == 3
    assert tagger.config["augment"]["sentences"] > 50  # mention-replacement copies of the 150 quick sentences
    assert CrfTagger.load(tmp_path / "m" / "crf_w3").features["window"] == 3
    toks = simple_word_tokenize("قال مسؤول أمني إن مسلحين هاجموا نقطة تفتيش في محافظة أبين")
    tags = tagger.tag([toks])[0]
    assert len(tags) == len(toks) and all(t == "O" or t[:2] in ("B-", "I-") for t in tags)


def test_every_shipped_vote_member_loads_and_tags_arabic():
    from camel_tools.tokenizers.word import simple_word_tokenize

    cfg = NerTagger.load().config
    toks = simple_word_tokenize(UNSEEN[0][0])
    for m in cfg["members"]:
        tags = NerTagger.load(default_dir() / m).tag([toks], consistency=False)[0]
        assert len(tags) == len(toks), m
        assert any(t != "O" for t in tags), (m, tags)  # every member finds something here
    if cfg.get("weights"):
        assert len(cfg["weights"]) == len(cfg["members"])


def test_only_the_projects_own_model_files_skip_the_weights_only_unpickler(tmp_path, monkeypatch):
    import torch

    from conflict_events.ner_model import default_dir, is_shipped, shipped_torch_load

    seen = []
    monkeypatch.setattr(torch, "load", lambda f, *a, **k: seen.append((str(f), k.get("weights_only"))))
    user_file = tmp_path / "ner.pt"
    shipped = default_dir() / "stanza" / "ner.pt"
    assert is_shipped(shipped) and not is_shipped(user_file)
    with shipped_torch_load():
        torch.load(str(shipped), weights_only=True)
        torch.load(str(user_file), weights_only=True)
    torch.load(str(shipped), weights_only=True)  # outside the block: untouched
    assert seen == [(str(shipped), False), (str(user_file), True), (str(shipped), True)]


def test_the_tagger_reads_words_as_a_stanza_document_gives_them():
    from stanza.models.common.doc import Document

    from conflict_events.stanza_backend import _Words

    sents = [s.split() for s in ARTICLE_A + ARTICLE_B]
    doc = Document([[{"id": i + 1, "text": w} for i, w in enumerate(s)] for s in sents])
    fields = ["text", "ner", "multi_ner"]
    assert _Words(sents).get(fields, as_sentences=True, from_token=True) == [
        [tuple(w) for w in s] for s in doc.get(fields, as_sentences=True, from_token=True)]


def test_sentences_tagged_together_in_batches_of_like_lengths_come_back_in_order_as_tagged_alone():
    from conflict_events.ner_model import NerTagger

    tagger = NerTagger.load(profile="fast")
    sents = [s.split() for s in ARTICLE_A + ARTICLE_B] + [["قال", "أسعد", "الحسين", "في", "دير", "الزور"]]
    sents += [(ARTICLE_A[0] + " " + ARTICLE_B[0]).split(), ["حلب"]]
    together = tagger.tag(sents, consistency=False)
    assert together == [tagger.tag([s], consistency=False)[0] for s in sents]
    assert [len(t) for t in together] == [len(s) for s in sents]
    first = sents[0].index("هادي")
    assert together[0][first:first + 2] == ["B-PERS", "I-PERS"]
