"""Whole-pipeline coding of single reports: trigger, role and place rules, sentence in, ACLED row out."""
import pytest

from pipeline import Pipeline


@pytest.fixture(scope="module")
def nlp():
    return Pipeline()


def rows(nlp, text, published):
    return [(r["sub_event_type"], r["actor1"], r["actor2"], r["location"])
            for r in (e.to_acled_row() for e in nlp.extract(text, published=published))]


def test_levelling_a_shrine_is_property_destruction(nlp):
    assert rows(nlp, "سوّت مجموعة مسلحة، فجر اليوم، ضريح أحد الأولياء والمكتبة الملحقة به بالأرض في مدينة "
                     "زليتن، مستخدمة جرافات ثقيلة.", "2012-08-24") == [
        ("Looting/property destruction", "Unidentified Armed Group (Libya)", None, "Zliten")]


def test_a_school_turned_into_a_base_by_a_quoted_brigade(nlp):
    # the brigade is named across its quotes; the patron country after الموالي is not the place
    assert rows(nlp, "رصد المرصد تحويل لواء «فاطميون» الأفغاني الموالي لإيران مبنى مدرسة ابتدائية في مدينة "
                     "البوكمال إلى مقر عسكري جديد لعناصره.", "2022-03-17") == [
        ("Headquarters or base established", "Liwa Fatemiyoun", None, "Albu Kamal")]


def test_led_away_to_an_unknown_place_is_an_abduction_but_not_after_an_arrest(nlp):
    assert rows(nlp, "أفادت عائلة مدوّن في الديوانية بأن مسلحين مجهولين اعترضوا طريقه، صباح أمس، قرب منزله "
                     "واقتادوه إلى جهة مجهولة.", "2020-08-23") == [
        ("Abduction/forced disappearance", "Unidentified Armed Group (Iraq)", "Civilians (Iraq)", "Diwaniyah")]
    out = rows(nlp, "اعتقلت قوات الاحتلال الإسرائيلي، فجر اليوم، ١٢ مواطناً من مدينة جنين. وأفادت مصادر محلية "
                    "بأن جنود الاحتلال اقتادوا المعتقلين إلى جهة مجهولة.", "2023-07-04")
    assert [r[0] for r in out] == ["Arrests"]


def test_a_headline_announcer_before_its_verb_took_the_town(nlp):
    assert rows(nlp, "قوات دفاع شبوة تعلن السيطرة على مدينة عتق", "2022-08-11") == [
        ("Non-state actor overtakes territory", "STC: Southern Transitional Council", None, "Ataq")]
