"""Arabic number parsing: digits in both scripts, number words, dual and singular nouns."""
import pytest

from conflict_events.normalize import normalize_for_matching
from conflict_events.numbers import find_numbers, noun_count, parse_number, read_ordinal, tokenize


@pytest.mark.parametrize("text,value", [
    ("12", 12), ("١٢", 12), ("1,200", 1200), ("١٬٢٠٠", 1200), ("0", 0),
    ("واحد", 1), ("إحدى", 1), ("اثنان", 2), ("اثنين", 2), ("اثنا عشر", 12), ("اثنتي عشرة", 12),
    ("ثلاثة", 3), ("ثلاث", 3), ("أربعة", 4), ("ثماني", 8), ("عشرة", 10), ("عشر", 10),
    ("أحد عشر", 11), ("خمسة عشر", 15), ("تسعة عشر", 19), ("عشرون", 20), ("عشرين", 20),
    ("واحد وعشرون", 21), ("خمسة وثلاثين", 35), ("مئة", 100), ("مائة", 100), ("مئتين", 200),
    ("مئتا", 200), ("ثلاثمئة", 300), ("ثلاث مئة", 300), ("خمسمائة وخمسون", 550), ("ألف", 1000),
    ("ألفين", 2000), ("ثلاثة آلاف", 3000), ("عشرة آلاف", 10000), ("ألف ومئتان", 1200),
    ("وخمسة", 5), ("بثلاثة", 3), ("ثَلاثَةُ", 3),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["الأحد", "قتلى", "عاما", "", "1.5"])
def test_not_a_number(text):
    assert parse_number(text) is None


def test_find_numbers_spans_and_conjunction():
    norm = normalize_for_matching("قتل 15 من داعش و4 من قسد وسبعة عشر مدنيا")
    nums = find_numbers(norm)
    assert [n.value for n in nums] == [15, 4, 17]
    assert norm[nums[1].start:nums[1].end] == "4" and nums[1].conj
    assert norm[nums[2].start:nums[2].end] == "وسبعه عشر"


@pytest.mark.parametrize("word,singular,sound,value", [
    ("قتيلان", "قتيل", False, 2), ("قتيلين", "قتيل", False, 2), ("جنديين", "جندي", False, 2),
    ("جنديان", "جندي", False, 2), ("قتيل", "قتيل", False, 1), ("امراتان", "امراه", False, 2),
    ("مدنيين", "مدني", True, None), ("مدنيان", "مدني", True, 2), ("جنود", "جندي", False, None),
])
def test_noun_count(word, singular, sound, value):
    assert noun_count(word, singular, sound) == value


@pytest.mark.parametrize("text,value", [("الخامس عشر", 15), ("الأول", 1), ("الحادي والعشرين", 21),
                                        ("العشرين", 20), ("الثالث", 3)])
def test_ordinals(text, value):
    toks = tokenize(normalize_for_matching(text))
    assert read_ordinal(toks, 0)[0] == value
