"""Dates stage: every dating rule with the date, precision and the original words cited."""
import datetime as dt
import json
from pathlib import Path

import pytest

from conflict_events.casualties import make_doc
from conflict_events.dates import Dates
from conflict_events.document import Document, EventMention, Span
from conflict_events.normalize import Normalize
from conflict_events.segment import Segment

D = dt.date
SEED = Path(__file__).resolve().parent.parent / "data" / "samples" / "seed" / "deir_ez_zor_liwa_al_baqir.json"


def date_of(text, trigger, published):
    doc, em = make_doc(text, trigger, published=published)
    Dates()(doc)
    d = em.date
    return doc, d, (doc.text[d.start:d.end] if d.start >= 0 else None)


def check(text, trigger, published, date, precision, words):
    doc, d, cited = date_of(text, trigger, published)
    assert (d.date, d.precision, cited) == (date, precision, words), d
    return d


SEED_LEAD = ("أكدت تقارير إعلامية مقتل العشرات من لواء الباقر، يوم أمس الأحد، خلال مواجهات مع فلول "
             "تنظيم داعش في ريف محافظة دير الزور الشرقي، بينهم قيادي بارز.")


def test_seed_sentence_yesterday_sunday():
    d = check(SEED_LEAD, "مواجهات", D(2018, 4, 9), D(2018, 4, 8), 1, "يوم أمس الأحد")
    assert d.warnings == []


def test_seed_sentence_contradicting_weekday_takes_the_named_day_with_a_warning():
    d = check(SEED_LEAD, "مواجهات", D(2018, 4, 10), D(2018, 4, 8), 1, "يوم أمس الأحد")
    assert d.warnings == ["text says Sunday (يوم أمس الأحد) but published 2018-04-10 minus 1 day is a Monday: "
                          "the named day 2018-04-08 is taken"]


def test_today_with_a_bracketed_weekday_is_the_named_day():
    # published Friday 2015-07-31 by a crawler; the text says it was written on Thursday
    check("قال المرصد اليوم (الخميس) إن طائرات قصفت بلدة في ريف إدلب.", "قصفت", D(2015, 7, 31),
          D(2015, 7, 30), 1, "اليوم (الخميس)")


def _dates_of(text, triggers, published):
    doc = Segment()(Normalize()(Document(text=text, published=published)))
    ems = []
    for w in triggers:
        i = text.find(w)
        ems.append(EventMention(Span(i, i + len(w)), w, "Battles", "Armed clash", doc.sentence_of(i)))
    doc.event_mentions = ems
    doc.provided |= {"event_mentions"}
    Dates()(doc)
    return [em.date for em in ems]


def test_the_article_day_named_in_the_lead_counts_yesterday_and_the_default():
    text = ("أعلنت الشرطة اليوم الاثنين اعتقال خمسة مشتبه بهم في تفجير سيارة مفخخة. "
            "وكان مسلحون قد هاجموا حاجزا للجيش أمس وقتلوا جنديين. "
            "وأصيب ثلاثة مدنيين في انفجار عبوة ناسفة قرب السوق.")
    arrest, attack, blast = _dates_of(text, ["اعتقال", "هاجموا", "انفجار"], D(2015, 7, 22))  # a Wednesday
    assert (arrest.date, attack.date, blast.date) == (D(2015, 7, 20), D(2015, 7, 19), D(2015, 7, 19))
    assert attack.warnings == ["counted from 2015-07-20, the day the article names (اليوم الاثنين), "
                               "not from published 2015-07-22"]


def test_no_cue_with_an_article_day_takes_that_day():
    text = ("قالت وزارة الداخلية اليوم الأحد إن قواتها اعتقلت عشرة أشخاص.\n"
            "وأضافت أن مسلحين قتلوا شرطيا في هجوم على نقطة تفتيش.")
    arrest, attack = _dates_of(text, ["اعتقلت", "هجوم"], D(2015, 7, 21))  # a Tuesday: two days of lag
    assert arrest.date == D(2015, 7, 19) and (attack.date, attack.precision) == (D(2015, 7, 19), 1)


def test_an_article_day_after_published_is_not_trusted():
    text = "قالت الوزارة أمس الأحد إن قواتها اعتقلت عشرة أشخاص. وقتل شرطي في هجوم اليوم."
    # published on a Sunday: "yesterday, Sunday" would put the writing on Monday, after published
    _, attack = _dates_of(text, ["اعتقلت", "هجوم"], D(2015, 7, 19))
    assert attack.date == D(2015, 7, 19) and attack.warnings == []


def test_seed_article_main_event_caption_and_background():
    art = json.loads(SEED.read_text(encoding="utf-8"))
    doc = Segment()(Normalize()(Document(text=art["text"], published=D(2018, 4, 9))))
    ems = {}
    for w in ("هجوم مباغت", "غارة على", "استشهدوا", "السيطرة على مدينة", "الانتصار"):
        i = doc.text.find(w)
        ems[w] = EventMention(Span(i, i + len(w)), w, "Battles", "Armed clash", doc.sentence_of(i))
    doc.event_mentions = list(ems.values())
    doc.provided |= {"event_mentions"}
    Dates()(doc)
    head = ems["هجوم مباغت"].date
    assert (head.date, head.precision, doc.text[head.start:head.end]) == (D(2018, 4, 8), 1, "يوم أمس الأحد")
    assert (ems["استشهدوا"].date.date, ems["استشهدوا"].date.precision) == (D(2018, 4, 8), 1)
    caption = ems["غارة على"].date
    assert caption.precision == 3 and caption.warnings  # never the report's Sunday at precision 1
    for w in ("السيطرة على مدينة", "الانتصار"):  # background: last year, precision 3
        assert ems[w].date.date.year == 2017 and ems[w].date.precision == 3


@pytest.mark.parametrize("text,pub,date,prec,words", [
    ("وقع الهجوم في 15 آذار/مارس 2024 قرب المدينة.", D(2024, 3, 20), D(2024, 3, 15), 1, "15 آذار/مارس 2024"),
    ("وقع الهجوم في 2024-03-15 قرب المدينة.", D(2024, 3, 20), D(2024, 3, 15), 1, "2024-03-15"),
    ("وقع الهجوم في 15/3/2024 قرب المدينة.", D(2024, 3, 20), D(2024, 3, 15), 1, "15/3/2024"),
    ("وقع الهجوم في الخامس عشر من مارس قرب المدينة.", D(2024, 3, 20), D(2024, 3, 15), 1, "الخامس عشر من مارس"),
    ("وقع الهجوم في ٣ كانون الثاني ٢٠٢٠ قرب المدينة.", D(2020, 2, 1), D(2020, 1, 3), 1, "٣ كانون الثاني ٢٠٢٠"),
    ("وقع الهجوم في 28 ديسمبر قرب المدينة.", D(2021, 1, 4), D(2020, 12, 28), 1, "28 ديسمبر"),
    ("سيطرت القوات على البلدة في تشرين الأول 2019.", D(2019, 12, 1), D(2019, 10, 15), 3, "تشرين الأول 2019"),
    ("سيطرت القوات على البلدة في شهر يوليو الماضي.", D(2019, 12, 1), D(2019, 7, 15), 3, "شهر يوليو الماضي"),
])
def test_absolute_dates(text, pub, date, prec, words):
    check(text, "وقع" if "وقع" in text else "سيطرت", pub, date, prec, words)


def test_all_levantine_and_egyptian_months():
    lev = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول",
           "تشرين الأول", "تشرين الثاني", "كانون الأول"]
    egy = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
           "أكتوبر", "نوفمبر", "ديسمبر"]
    for names in (lev, egy):
        for m, name in enumerate(names, 1):
            check(f"وقع الهجوم في 2 {name} 2022 قرب المدينة.", "الهجوم", D(2023, 1, 1), D(2022, m, 2), 1,
                  f"2 {name} 2022")


def test_hijri_dates():
    check("قصفت الطائرات السوق في 15 رمضان 1445 هـ.", "قصفت", D(2024, 4, 1), D(2024, 3, 25), 1, "15 رمضان 1445 هـ")
    check("قصفت الطائرات السوق في 1437/6/11 هـ.", "قصفت", D(2016, 3, 25), D(2016, 3, 20), 1, "1437/6/11 هـ")


@pytest.mark.parametrize("text,date,prec,words", [
    ("انفجرت العبوة اليوم في السوق.", D(2022, 5, 11), 1, "اليوم"),
    ("انفجرت العبوة فجر اليوم في السوق.", D(2022, 5, 11), 1, "فجر اليوم"),
    ("انفجرت العبوة أمس في السوق.", D(2022, 5, 10), 1, "أمس"),
    ("انفجرت العبوة صباح أمس في السوق.", D(2022, 5, 10), 1, "صباح أمس"),
    ("انفجرت العبوة مساء أمس في السوق.", D(2022, 5, 10), 1, "مساء أمس"),
    ("انفجرت العبوة فجر أمس في السوق.", D(2022, 5, 10), 1, "فجر أمس"),
    ("انفجرت العبوة أول أمس في السوق.", D(2022, 5, 9), 1, "أول أمس"),
    ("انفجرت العبوة أمس الأول في السوق.", D(2022, 5, 9), 1, "أمس الأول"),   # the Gulf press's order
    ("انفجرت العبوة أمس الأول الاثنين في السوق.", D(2022, 5, 9), 1, "أمس الأول الاثنين"),
    ("انفجرت العبوة الليلة الماضية في السوق.", D(2022, 5, 10), 1, "الليلة الماضية"),
    ("انفجرت العبوة يوم الأحد في السوق.", D(2022, 5, 8), 1, "يوم الأحد"),
    ("انفجرت العبوة الأربعاء في السوق.", D(2022, 5, 11), 1, "الأربعاء"),
    ("انفجرت العبوة الأربعاء الماضي في السوق.", D(2022, 5, 4), 1, "الأربعاء الماضي"),
    ("انفجرت العبوة الأسبوع الماضي في السوق.", D(2022, 5, 4), 2, "الأسبوع الماضي"),
    ("انفجرت العبوة الشهر الماضي في السوق.", D(2022, 4, 15), 3, "الشهر الماضي"),
    ("انفجرت العبوة منذ ثلاثة أيام في السوق.", D(2022, 5, 8), 1, "منذ ثلاثة أيام"),
    ("انفجرت العبوة قبل يومين في السوق.", D(2022, 5, 9), 1, "قبل يومين"),
])
def test_relative_dates(text, date, prec, words):  # published Wednesday 2022-05-11
    check(text, "انفجرت", D(2022, 5, 11), date, prec, words)


def test_diacritics_and_tatweel_in_date_span():
    check("انفجرت العبوة مَسـاءَ أَمْسِ في السوق.", "انفجرت", D(2022, 5, 11), D(2022, 5, 10), 1, "مَسـاءَ أَمْسِ")


def test_background_year_is_not_the_report_day():
    d = check("وكانت الميليشيا قد سيطرت على البلدة أواخر العام الماضي.", "سيطرت", D(2022, 5, 11),
              D(2021, 12, 15), 3, "أواخر العام الماضي")
    assert d.warnings
    d = check("وكان التنظيم قد هاجم البلدة منذ سنوات.", "هاجم", D(2022, 5, 11), None, None, "منذ سنوات")
    assert d.warnings


def test_background_year_is_not_inherited():
    text = "وكان التنظيم قد سيطر على القرية العام الماضي.\nوقتل مسلحون ثلاثة مدنيين في القرية."
    check(text, "وقتل", D(2022, 5, 11), D(2022, 5, 11), 1, None)


def test_nearest_preceding_sentence():
    text = "هاجم مسلحون حاجزاً للجيش مساء الخميس في ريف حماة.\nوأسفر الهجوم عن مقتل جنديين."
    d = check(text, "الهجوم", D(2022, 5, 14), D(2022, 5, 12), 1, "مساء الخميس")
    assert d.rule.startswith("inherited:")


def test_headline_takes_the_lead_date():
    text = "مقتل ثلاثة جنود بهجوم في درعا\nقتل ثلاثة جنود، أمس، في هجوم على حاجز بريف درعا."
    d = check(text, "بهجوم", D(2022, 5, 14), D(2022, 5, 13), 1, "أمس")
    assert d.rule.startswith("lead:")


def test_a_lead_with_no_day_takes_the_day_the_next_sentence_tells():
    # no headline: the first sentence tells what happened, the next one when
    text = ("تعرضت دورية أمنية لإطلاق نار في بلدة الجش، وألقت الشرطة القبض على شخصين. "
            "وأوضح الناطق الإعلامي أن الحادث وقع مساء أمس الثلاثاء قرب مركز البلدة.")
    d = check(text, "القبض", D(2022, 5, 11), D(2022, 5, 10), 1, "مساء أمس الثلاثاء")
    assert d.rule.startswith("lead:")
    # of the next sentence's days, the earliest: the event comes before the report of it
    text = ("أبطل خبراء متفجرات مفعول عبوة ناسفة قرب مبنى الحزب في العاصمة. "
            "ووفقا لما ذكرته الوكالة فجر اليوم الأربعاء، فقد أبلغ المواطنون أمس الشرطة عن صندوق مريب.")
    check(text, "عبوة", D(2022, 5, 11), D(2022, 5, 10), 1, "أمس")
    # a sentence that is not the lead keeps the published day
    text = ("قال مسؤول إن الحكومة تدرس الوضع الأمني. وقتل مسلحون ثلاثة مدنيين في قرية بريف حماة. "
            "وكان الجيش قد قصف القرية مساء الأحد.")
    check(text, "وقتل", D(2022, 5, 11), D(2022, 5, 11), 1, None)


def test_no_cue_uses_published_date():
    d = check("قتل مسلحون ثلاثة مدنيين في قرية بريف حماة.", "قتل", D(2022, 5, 14), D(2022, 5, 14), 1, None)
    assert d.rule == "published"


def test_no_published_date_absolute_only():
    check("وقع الانفجار في 3 أيار 2021 في المدينة.", "الانفجار", None, D(2021, 5, 3), 1, "3 أيار 2021")
    doc, d, _ = date_of("وقع الانفجار أمس في المدينة.", "الانفجار", None)
    assert d.date is None and d.warnings
    doc, d, _ = date_of("وقع الانفجار في المدينة.", "الانفجار", None)
    assert d.date is None and d.warnings == ["no date in text and no published date"]


def test_weekday_with_absolute_date_is_checked():
    doc, d, cited = date_of("اندلعت الاشتباكات يوم الأحد 15 أبريل في الخرطوم.", "الاشتباكات", D(2023, 4, 17))
    assert d.date == D(2023, 4, 15) and d.warnings  # 15 April 2023 was a Saturday


def test_stage_contract():
    st = Dates()
    assert st.name == "dates" and st.requires == {"sentences", "event_mentions"} and st.provides == {"dates"}


def test_the_same_day_takes_the_date_of_the_incident_told_before():
    import datetime as dt

    from conflict_events.casualties import make_doc
    from conflict_events.dates import Dates

    text = ("اقتحم محتجون مقر البلدية في مدينة طبرق مساء أمس الجمعة. "
            "وفي العاصمة طرابلس، تظاهر المئات في ميدان الشهداء مساء اليوم نفسه.")
    doc, em = make_doc(text, "تظاهر", published=dt.date(2022, 7, 2))
    Dates()(doc)
    assert em.date.date == dt.date(2022, 7, 1) and em.date.precision == 1


def test_a_later_sentence_inherits_the_day_not_the_same_day_phrase():
    doc, d, words = date_of("أعلنت قوات دفاع شبوة، أمس الأربعاء، السيطرة على عتق بعد معارك اندلعت فجر اليوم نفسه. "
                            "وقالت مصادر طبية إن المعارك خلّفت أكثر من عشرين قتيلاً.", "المعارك خلّفت", D(2022, 8, 11))
    assert (d.date, d.precision, words) == (D(2022, 8, 10), 1, "أمس الأربعاء")


def test_a_month_told_in_one_sentence_does_not_date_the_next():
    text = ("وكانت الحركة قد شنت هجوما على سوق المدينة في يونيو الماضي. "
            "وقال مسؤول إن ثلاثة جنود قتلوا في انفجار عبوة ناسفة شمال المدينة.")
    old, news = _dates_of(text, ["هجوما", "انفجار"], D(2015, 7, 21))
    assert (old.date, old.precision) == (D(2015, 6, 15), 3)
    assert (news.date, news.precision, news.rule) == (D(2015, 7, 21), 1, "published")


def test_since_after_a_superlative_is_no_date():
    text = "قتل أربعة مدنيين في أعنف قصف تشهده المدينة منذ شهر، بحسب مصادر طبية."
    (d,) = _dates_of(text, ["قصف"], D(2015, 7, 21))
    assert (d.date, d.rule) == (D(2015, 7, 21), "published")
    text = "وقتل جندي في هجوم على حاجز منذ ثلاثة أيام."  # منذ with no comparison is still "ago"
    (d,) = _dates_of(text, ["هجوم"], D(2015, 7, 21))
    assert d.date == D(2015, 7, 18)


def test_a_background_time_dates_only_its_own_clause():
    text = "تسيطر الفوضى على البلاد منذ أشهر، وقتل خمسة جنود في هجوم على حاجز."
    (d,) = _dates_of(text, ["هجوم"], D(2015, 7, 20))
    assert (d.date, d.rule) == (D(2015, 7, 20), "published")
    text = "قتل خمسة جنود في هجوم على حاجز في يونيو الماضي."  # the same clause: the month is its date
    (d,) = _dates_of(text, ["هجوم"], D(2015, 7, 20))
    assert (d.date, d.precision) == (D(2015, 6, 15), 3)


def test_a_sentence_that_ends_in_a_day_part_falls_back_to_the_published_date():
    # the day-part word (مساء) was read, then the words after it looked up past the last one
    doc, d, words = date_of("قصفت قوات النظام السوري مدينة حلب مساء", "قصفت", D(2020, 1, 2))
    assert (d.date, d.precision, d.rule, words) == (D(2020, 1, 2), 1, "published", None)


def test_a_day_and_month_after_a_place_noun_is_a_name_not_a_date():
    # D14: قصر 22 مايو (a palace), ميدان 6 أكتوبر (a square) are names; the sentence's day is its date
    text = ("وأضاف أن القوات استعادت قصر 22 مايو الرئاسي بعد معارك عنيفة اليوم. "
            "وقتل ثلاثة متظاهرين في ميدان 6 أكتوبر خلال اشتباكات مع الشرطة.")
    palace, square = _dates_of(text, ["معارك", "اشتباكات"], D(2015, 7, 20))
    assert (palace.date, palace.rule) == (D(2015, 7, 20), "relative-day")
    assert (square.date, square.precision) == (D(2015, 7, 20), 1) and square.rule != "absolute"
    # a day and month after a verb or a time noun is still a date
    (d,) = _dates_of("وقتل ثلاثة جنود في هجوم يوم 22 مايو.", ["هجوم"], D(2015, 7, 20))
    assert (d.date, d.rule) == (D(2015, 5, 22), "absolute")


def test_during_the_night_is_the_night_before_the_report():
    check("قال الجيش التركي إن جنديين قتلا في هجوم نفذه حزب العمال الكردستاني خلال الليل.", "هجوم",
          D(2015, 8, 3), D(2015, 8, 2), 1, "خلال الليل")


def test_a_figure_of_about_after_since_or_ago_is_still_read():
    # D5/D8 with "about" between: منذ نحو أربعة أشهر, قبل حوالي أسبوعين
    check("وقتل جنديان في هجوم وقع قبل حوالي أسبوعين.", "هجوم", D(2015, 7, 20), D(2015, 7, 6), 2,
          "قبل حوالي أسبوعين")
    check("وتستمر المواجهات في المدينة منذ نحو أربعة أشهر.", "المواجهات", D(2015, 7, 20), D(2015, 3, 15), 3,
          "منذ نحو أربعة أشهر")


def test_a_span_before_an_event_is_no_date_before_the_report():
    # قبل يوم واحد من الهجوم: "one day before the attack", not "a day ago"; من الآن keeps it
    d = check("قال إنه انضم إلى التنظيم قبل يوم واحد من الهجوم على المسجد.", "الهجوم", D(2022, 5, 11),
              D(2022, 5, 11), 1, None)
    assert d.rule == "published"
    check("انفجرت العبوة قبل يومين من الآن في السوق.", "انفجرت", D(2022, 5, 11), D(2022, 5, 9), 1, "قبل يومين")


def test_a_toll_before_a_month_is_no_day_and_late_in_a_month_is_that_month():
    # "قتل 5 في مارس": five killed in March, not 5 March; أواخر مارس is March (D3), not nothing
    (d,) = _dates_of("وقتل 5 جنود في مارس الماضي.", ["وقتل"], D(2015, 8, 10))
    assert (d.date, d.precision) == (D(2015, 3, 15), 3)
    (d,) = _dates_of("وتحولت الأزمة إلى حرب في أواخر مارس (آذار)، حينما استولى المسلحون على عدن.",
                     ["استولى"], D(2015, 8, 10))
    assert (d.date, d.precision) == (D(2015, 3, 25), 3)  # late March (month_part)
    # early in the month of the report: never after the report
    (d,) = _dates_of("وقالت تقارير إن مقاتلين اعتقلوا الفتاة في حلب مطلع أغسطس.", ["اعتقلوا"], D(2015, 8, 3))
    assert (d.date, d.precision) == (D(2015, 8, 3), 3)
    (d,) = _dates_of("وقتل جنديان في هجوم وقع في الخامس من مارس.", ["هجوم"], D(2015, 8, 10))
    assert (d.date, d.precision) == (D(2015, 3, 5), 1)


def test_a_bare_weekday_never_beats_a_calendar_date_of_the_sentence():
    # صلاة الجمعة is nearer the trigger than "26 يونيو", but the calendar date is the better evidence
    text = ("وتعرض المسجد الكائن في منطقة الصوابر إلى تفجير إرهابي خلال صلاة الجمعة في شهر رمضان في 26 يونيو "
            "الماضي ما أدى إلى مقتل 26 شخصا.")
    check(text, "تفجير", D(2015, 8, 4), D(2015, 6, 26), 1, "26 يونيو الماضي")
    # with no calendar date, the weekday still dates the prayer's bombing
    check("وقتل 26 شخصا في تفجير إرهابي خلال صلاة الجمعة في مسجد بالكويت.", "تفجير", D(2015, 6, 27),
          D(2015, 6, 26), 1, "الجمعة")


def test_a_month_after_and_in_opens_its_clause_as_a_date():
    # وفي نوفمبر، قتل: the November before the report (as في نوفمبر is), not the report's day
    (d,) = _dates_of("وفي نوفمبر (تشرين الثاني)، قتل 55 شخصا في هجوم وقع قرب الحدود.", ["قتل"], D(2015, 7, 27))
    assert (d.date, d.precision) == (D(2014, 11, 15), 3)


def test_the_part_of_the_reports_month_or_the_last_dates_the_act():
    # مطلع الشهر الحالي in a report of 22 July: 5 July (then more than the history window before it)
    (d,) = _dates_of("وفي مطلع الشهر الحالي، قتل 33 شخصا في هجوم انتحاري في ولاية خوست.", ["قتل"], D(2015, 7, 22))
    assert (d.date, d.precision) == (D(2015, 7, 5), 3)
    (d,) = _dates_of("وقتل 33 شخصا في هجوم انتحاري أواخر الشهر الماضي.", ["قتل"], D(2015, 7, 22))
    assert (d.date, d.precision) == (D(2015, 6, 25), 3)
    (d,) = _dates_of("وقتل 3 أشخاص في هجوم منتصف الشهر الجاري.", ["قتل"], D(2015, 7, 10))
    assert (d.date, d.precision) == (D(2015, 7, 10), 3)  # never after the report


def test_a_day_the_lead_names_after_its_source_is_the_reports_and_the_body_says_when():
    # published Friday 2015-07-31: the lead's الخميس is when the official spoke, the body's الاثنين
    # is when the village was attacked; a lead whose day is the event's own keeps it
    text = ("قتل مسلحون ستة مزارعين في قرية قرب الحدود، على ما أفاد مسؤول محلي الخميس. "
            "وقال المسؤول إن المسلحين هاجموا القرية الاثنين وأحرقوا منازلها.")
    killing, attack = _dates_of(text, ["قتل", "هاجموا"], D(2015, 7, 31))
    assert (killing.date, killing.rule, text[killing.start:killing.end]) == (D(2015, 7, 27), "lead:weekday", "الاثنين")
    assert attack.date == D(2015, 7, 27)
    own = "قتل مسلحون ستة مزارعين في قرية قرب الحدود الخميس. " + text.split(". ")[1]
    assert _dates_of(own, ["قتل"], D(2015, 7, 31))[0].date == D(2015, 7, 30)


def test_an_arrest_is_not_dated_by_the_act_its_people_are_charged_with():
    # published Sunday 2013-01-27: the storming was on Saturday the 26th, the arrests are reported today
    text = "تمكنت الأجهزة الأمنية من ضبط 12 شخصا من المتهمين بمحاولة اقتحام قسم الشرطة السبت 26 يناير."
    doc = Segment()(Normalize()(Document(text=text, published=D(2013, 1, 27))))
    i = text.find("ضبط")
    arrest = EventMention(Span(i, i + 3), "ضبط", "Strategic developments", "Arrests", 0)
    i = text.find("اقتحام")
    storming = EventMention(Span(i, i + 6), "اقتحام", "Riots", "Violent demonstration", 0)
    doc.event_mentions = [arrest, storming]
    doc.provided |= {"event_mentions"}
    Dates()(doc)
    assert (arrest.date.date, arrest.date.rule) == (D(2013, 1, 27), "published")
    assert storming.date.date == D(2013, 1, 26)
    # a man suspected of recruiting, arrested in the night: that night is the arrest's
    text = "أعلنت الوزارة توقيف رجل يشتبه بتجنيده عناصر ليل الثلاثاء الأربعاء في مدينة مليلية."
    doc = Segment()(Normalize()(Document(text=text, published=D(2015, 7, 22))))
    i = text.find("توقيف")
    night = EventMention(Span(i, i + 5), "توقيف", "Strategic developments", "Arrests", 0)
    doc.event_mentions, doc.provided = [night], doc.provided | {"event_mentions"}
    Dates()(doc)
    assert night.date.date == D(2015, 7, 21)
