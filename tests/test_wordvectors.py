"""The fastText subword back-off read without gensim: the same vectors as gensim's own."""
import numpy as np
from gensim.models import FastText

from conflict_events.wordvectors import SubwordVectors, char_ngrams, ngram_buckets

SENTS = [s.split() for s in (
    "قتل ثلاثة مدنيين في قصف على مدينة حلب",
    "قصفت الطائرات مواقع التنظيم في دير الزور",
    "قال قائد لواء الباقر إن قواته سيطرت على بلدة خشام",
    "سيطرت قوات سوريا الديمقراطية على الميادين",
)] * 20


def test_char_ngrams_of_an_arabic_word_with_boundaries():
    assert char_ngrams("حلب", 3, 4) == ["<حل", "حلب", "لب>", "<حلب", "حلب>"]
    assert char_ngrams("في", 3, 5) == ["<في", "في>", "<في>"]


def test_out_of_vocabulary_vectors_match_gensim_fasttext():
    ft = FastText(SENTS, vector_size=8, min_count=1, min_n=3, max_n=5, bucket=997, epochs=2,
                         workers=1, seed=1)
    words = ft.wv.index_to_key
    sv = SubwordVectors(words, ft.wv.vectors, ft.wv.vectors_ngrams, 3, 5)
    for w in ("بحلب", "والميادين", "مدنيا", "الزوريون"):  # unseen forms: clitics, suffixes
        assert w not in sv
        np.testing.assert_allclose(sv.get(w), ft.wv[w], rtol=1e-5, atol=1e-6)
    np.testing.assert_array_equal(sv.get("حلب"), ft.wv["حلب"])


def test_without_an_ngram_table_an_unknown_word_has_no_vector():
    sv = SubwordVectors(["حلب"], np.ones((1, 4), dtype=np.float32))
    assert sv.get("حلب").tolist() == [1, 1, 1, 1]
    assert sv.get("بحلب") is None
    assert len(set(ngram_buckets("الميادين", 3, 5, 50))) > 1
