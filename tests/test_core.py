"""Document model, normaliser offsets, segmentation, phrase matching and stage order."""
import pytest

from conflict_events import Document, Pipeline, PipelineOrderError
from conflict_events.core import ArticleError, to_article
from conflict_events.matcher import PhraseMatcher
from conflict_events.normalize import NormText, Normalize, normalize_for_matching
from conflict_events.segment import Segment, clitic_parts, readings, split_sentences
from conflict_events.stage import Stage


def annotate(text):
    return Segment()(Normalize()(Document(text)))


def test_normalisation_keeps_a_map_to_the_original():
    original = "قُتِلَ خمســة مدنيين في إدلب ١٢ أيار"
    norm = NormText.of(original)
    assert norm.text == "قتل خمسه مدنيين في ادلب 12 ايار"
    i = norm.text.index("خمسه")
    start, end = norm.to_original(i, i + len("خمسه"))
    assert original[start:end] == "خمســة"
    i = norm.text.index("12")
    assert original.__getitem__(slice(*norm.to_original(i, i + 2))) == "١٢"


def test_normalize_for_matching_unifies_alef_ya_and_teh_marbuta():
    assert normalize_for_matching("الإسلاميّة") == normalize_for_matching("الاسلاميه")
    assert normalize_for_matching("مستشفى") == "مستشفي"


def test_sentences_split_on_line_breaks_and_stops():
    text = "اندلعت اشتباكات عنيفة. وقتل ثلاثة عناصر!\nغارة على الميادين"
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["اندلعت اشتباكات عنيفة.", "وقتل ثلاثة عناصر!", "غارة على الميادين"]


def test_tokens_are_spans_into_the_original_and_carry_clitics():
    doc = annotate("وينتشر مقاتلو اللواء في قرى الطابية وخشام، والمدينة.")
    words = [t.text for t in doc.tokens]
    assert words == ["وينتشر", "مقاتلو", "اللواء", "في", "قرى", "الطابية", "وخشام", "،", "والمدينة", "."]
    for t in doc.tokens:
        assert doc.text[t.start:t.end] == t.text
    parts = doc.tokens[8].parts
    assert [(p.kind, doc.text[p.start:p.end]) for p in parts] == [
        ("proclitic", "و"), ("article", "ال"), ("stem", "مدينة")]


def test_clitic_split_does_not_cut_words_that_start_with_clitic_letters():
    assert [p.kind for p in clitic_parts("وزير", 0)] == ["stem"]
    assert [p.kind for p in clitic_parts("كتائب", 0)] == ["stem"]
    assert [(p.kind, p.norm) for p in clitic_parts("للمدينة", 0)] == [
        ("proclitic", "ل"), ("article", "ال"), ("stem", "مدينه")]


def test_readings_offer_stems_without_proclitics():
    doc = annotate("بريف للواء وتنظيم")
    forms = [{f for _, f in readings(t)} for t in doc.tokens]
    assert "ريف" in forms[0]
    assert {"لواء", "اللواء"} <= forms[1]
    assert "تنظيم" in forms[2]


def test_words_with_diacritics_split_and_read_like_bare_ones():
    doc = annotate("وتبنّى وَالمسلّحين")
    assert [(p.kind, doc.text[p.start:p.end]) for p in doc.tokens[1].parts] == [
        ("proclitic", "وَ"), ("article", "ال"), ("stem", "المسلّحين"[2:])]
    starts = dict((f, s) for s, f in readings(doc.tokens[0]))
    assert doc.text[starts["تبني"]:doc.tokens[0].end] == "تبنّى"
    m = PhraseMatcher().add_all([("تبنى", "CLAIM")])
    found = list(m.find(doc.tokens))
    assert [(f.values, doc.text[f.start:f.end]) for f in found] == [(("CLAIM",), "تبنّى")]


def test_phrase_matcher_finds_longest_phrase_after_a_clitic():
    doc = annotate("تقدمت القوات بريف دير الزور الشرقي")
    m = PhraseMatcher().add_all([("دير الزور", "DZ"), ("ريف دير الزور", "RDZ"), ("دير", "D")])
    found = list(m.find(doc.tokens))
    assert len(found) == 1
    assert found[0].values == ("RDZ",)
    assert doc.text[found[0].start:found[0].end] == "ريف دير الزور"


def test_phrase_matcher_reads_on_through_words_that_only_begin_a_phrase():
    """The matcher reads a phrase's words while they begin some stored phrase (its prefix set): a
    longer phrase is found past words that are no phrase of their own (ريف دير), and the longest
    stored one is kept when the text leaves the longer phrase (الغربي, not الشرقي)."""
    m = PhraseMatcher().add_all([("ريف", "R"), ("ريف دير الزور", "RDZ"), ("ريف دير الزور الشرقي", "RDZE")])
    def found(text):
        doc = annotate(text)
        return [(f.values, doc.text[f.start:f.end]) for f in m.find(doc.tokens)]

    assert found("تقدمت القوات بريف دير الزور الشرقي") == [(("RDZE",), "ريف دير الزور الشرقي")]
    assert found("تقدمت القوات بريف دير الزور الغربي") == [(("RDZ",), "ريف دير الزور")]
    assert found("تقدمت القوات بريف دير حافر") == [(("R",), "ريف")]
    assert found("تقدمت القوات نحو دير الزور") == []


def test_phrase_matcher_prefers_a_longer_name_that_starts_inside_a_shorter_one():
    doc = annotate("تقدمت وحدات «الجيش الوطني الليبي» نحو سرت")
    m = PhraseMatcher(skip_quotes=True).add_all([("وحدات الجيش", "ARMY"), ("الجيش الوطني الليبي", "LNA")])
    found = list(m.find(doc.tokens))
    assert [(f.values, doc.text[f.start:f.end]) for f in found] == [(("LNA",), "الجيش الوطني الليبي")]
    # a longer phrase that does not run past the first match changes nothing
    m = PhraseMatcher().add_all([("وحدات الجيش الوطني", "A"), ("الجيش الوطني", "B")])
    found = list(m.find(annotate("تقدمت وحدات الجيش الوطني نحو سرت").tokens))
    assert [f.values for f in found] == [("A",)]


class NeedsEvents(Stage):
    name = "needs-events"
    requires = frozenset({"event_mentions"})
    provides = frozenset({"report"})


def test_pipeline_checks_stage_order_and_names_what_is_missing():
    with pytest.raises(PipelineOrderError, match="'needs-events' requires 'event_mentions'"):
        Pipeline(stages=[Normalize(), Segment(), NeedsEvents()])
    with pytest.raises(PipelineOrderError, match="'segment' requires 'norm'"):
        Pipeline(stages=[Segment(), Normalize()])


def test_custom_pipeline_runs_the_given_stages_only():
    doc = Pipeline(stages=[Normalize(), Segment()]).process("قصف مدفعي على حماة", id="a1")
    assert doc.id == "a1" and len(doc.tokens) == 4 and doc.provided >= {"norm", "tokens"}


@pytest.mark.parametrize("article, reason", [
    ({"id": "e1", "text": "   "}, "text is empty"),
    ({"id": "e2"}, "no text"),
    ({"id": "e3", "text": "The army shelled the town."}, "not Arabic"),
    ({"id": "e4", "text": "قصف على حماة", "published": "9 April"}, "not an ISO date"),
    ({"id": "e5", "text": "قصف\x00\x01 على حماة"}, "binary"),
])
def test_bad_articles_raise_one_line_errors_naming_the_article(article, reason):
    with pytest.raises(ArticleError) as err:
        to_article(article)
    assert reason in str(err.value) and article["id"] in str(err.value)
    assert "\n" not in str(err.value)


def test_published_accepts_iso_dates_and_datetimes():
    assert str(to_article({"id": "a", "text": "قصف على حماة", "published": "2018-04-09T10:00:00"}).published) == "2018-04-09"
