"""Linking places in context: common words, the capital, unknown localities, foreign homonyms."""
import pytest

from conflict_events import Pipeline


@pytest.fixture(scope="module")
def nlp():
    return Pipeline()


def places(doc):
    return [(m.text, m.place.location if m.place else None, m.place.country if m.place else None)
            for m in doc.mentions if m.type == "PLACE"]


def test_a_place_name_that_is_a_common_word_needs_a_place_context(nlp):
    doc = nlp.process("أعلن مصدر أمني عراقي اعتقال ثلاثة مطلوبين في محافظة الأنبار.")
    assert "مصدر" not in [t for t, _, _ in places(doc)]
    doc = nlp.process("شنت طائرة مسيرة إسرائيلية غارة على صور في جنوب لبنان.")
    assert ("صور", "Tyre", "Lebanon") in places(doc)
    doc = nlp.process("نشرت الصفحة صور الجرحى على مواقع التواصل في لبنان.")
    assert "صور" not in [t for t, _, _ in places(doc)]


def test_the_capital_is_the_capital_of_the_articles_country(nlp):
    events = [e.to_acled_row() for e in nlp.extract("قتل ثلاثة مدنيين بانفجار عبوة ناسفة في سوق شعبي جنوبي العاصمة العراقية، "
                         "بحسب مصدر في الشرطة.", published="2019-03-02")]
    assert [(e["location"], e["admin1"], e["country"], e["fatalities"]) for e in events] == [("Baghdad", "Baghdad", "Iraq", 3)]


def test_a_locality_with_a_foreign_homonym_is_coded_at_the_known_place_beside_it(nlp):
    events = [e.to_acled_row() for e in nlp.extract("قتل مدنيان بقذيفة سقطت على حي صلاح الدين جنوبي طرابلس، خلال المواجهات بين "
                         "قوات حفتر وقوات حكومة الوفاق الليبية.", published="2019-09-10")]
    assert events and {(e["country"], e["admin1"]) for e in events} == {("Libya", "Tripoli")}


def test_two_incidents_in_one_sentence_keep_their_own_places_and_counts(nlp):
    events = [e.to_acled_row() for e in nlp.extract("قتل خمسة مدنيين بانفجار سيارة مفخخة في مدينة الرمادي، فيما اشتبكت قوة أمنية مع "
                         "مسلحين من داعش في قضاء الطارمية ما أدى إلى مقتل ثلاثة منهم.", published="2016-05-02")]
    got = sorted((e["event_type"], e["location"], e["fatalities"]) for e in events)
    assert got == [("Battles", "al-Tarmiyah", 3), ("Explosions/Remote violence", "Ramadi", 5)]
    battle = next(e for e in events if e["event_type"] == "Battles")
    assert battle["actor1"] == "Police Forces of Iraq"


def test_his_home_is_not_a_town_whose_name_ends_in_teh_marbuta(nlp):
    doc = nlp.process("اعتقلت قوات الأمن المصرية الناشط أحمد سعيد من منزله في محافظة الدقهلية.")
    assert "منزله" not in [t for t, _, _ in places(doc)]
    doc = nlp.process("اشتباكات بين الأهالي وقوات الأمن في مدينة المنزلة بمحافظة الدقهلية.")
    assert ("المنزلة", "al-Manzalah", "Egypt") in places(doc)


def test_a_town_west_of_the_capital_is_not_inside_it(nlp):
    events = [e.to_acled_row() for e in nlp.extract(
        "اختطف مسلحون مجهولون، فجر اليوم، موظفاً في بلدية مدينة الزاوية غربي العاصمة طرابلس.",
        published="2021-05-03")]
    assert [(e["location"], e["admin1"]) for e in events] == [("Az Zawiyah", "Az Zawiyah")]


def test_a_conjunction_on_a_listed_town_is_no_part_of_its_name(nlp):
    # the tagger reads وبوزنيقة whole; the و is the list's conjunction, and Bouznika is heard by sound
    text = ("أعلنت السلطات المغربية تفكيك خلية تضم ثمانية أعضاء ناشطين في مدن طنجة (شمال) "
            "وبوزنيقة (غرب) وتاونات (شمال).")
    doc = nlp.process(text)
    m = next(m for m in doc.mentions if m.type == "PLACE" and "بوزنيقة" in m.text)
    assert (text[m.start:m.end], m.place.location, m.place.admin1) == ("بوزنيقة", "Bouznika", "Casablanca-Settat")


def test_a_masculine_nationality_adjective_says_where_a_town_heard_by_sound_lies(nlp):
    # no place names Somalia; وزير الدفاع الصومالي does, so دينسور is Diinsoor (Bay), not a guess
    doc = nlp.process("قال وزير الدفاع الصومالي إن القوات سيطرت على مدينة دينسور بعد معارك مع حركة الشباب.")
    assert ("دينسور", "Diinsoor", "Somalia") in places(doc)
    assert next(m.place.admin1 for m in doc.mentions if m.text == "دينسور") == "Bay"


def test_a_surname_read_as_a_village_abroad_does_not_pull_a_governorate_there(nlp):
    # الدالي is a surname here and only a Syrian village in the gazetteer; الجيزة stays Egypt's Giza
    doc = nlp.process("قطع العشرات من الأهالي الطريق احتجاجا، وأمر اللواء كمال الدالي مدير الإدارة العامة "
                      "لمباحث الجيزة بتوجيه رجال البحث الجنائي الى مكان الواقعة.")
    assert ("الجيزة", "Giza", "Egypt") in places(doc)


def test_the_middle_east_and_its_daily_are_no_place(nlp):
    # الأوسط alone is Eritrea's Al Awsat region; after الشرق it is the Middle East or the daily of that name
    events = [e.to_acled_row() for e in nlp.extract(
        "وقال شهود عيان لـ«الشرق الأوسط» إن مسلحين قاموا باختطاف طبيب في مدينة الحديدة مساء أمس.",
        published="2015-07-25")]
    assert [(e["country"], e["admin1"], e["sub_event_type"]) for e in events] == [
        ("Yemen", "Al Hudaydah", "Abduction/forced disappearance")]
    doc = nlp.process("تشهد منطقة الشرق الأوسط موجة حر غير مسبوقة.")
    assert [c for _, _, c in places(doc) if c] == []  # not Eritrea


def test_gunmen_described_by_a_groups_adjective_are_that_group(nlp):
    events = [e.to_acled_row() for e in nlp.extract(
        "اندلعت اشتباكات عنيفة في مدينة تعز بين المقاومة والمسلحين الحوثيين أمس.", published="2015-07-25")]
    assert [(e["actor1"], e["actor2"], e["admin1"]) for e in events] == [
        ("Popular Resistance", "Houthi Movement", "Taizz")]
    doc = nlp.process("هاجم مسلحون حوثيون نقطة أمنية في مدينة إب.", published="2015-07-25")
    assert [(m.text, m.actor.name) for m in doc.mentions if m.type == "ACTOR"] == [("مسلحون حوثيون", "Houthi Movement")]
    # not an adjective: indefinite gunmen before the definite name of a group
    doc = nlp.process("قتل مسلحين الحوثيين في كمين بمدينة إب.", published="2015-07-25")
    assert len([m for m in doc.mentions if m.type == "ACTOR"]) == 2


def test_bare_resistance_is_yemens_popular_resistance_only_in_yemen(nlp):
    doc = nlp.process("سيطرت المقاومة على منطقة السدة في محافظة إب بعد معارك مع الحوثيين.", published="2015-08-09")
    assert ("المقاومة", "Popular Resistance") in [(m.text, m.actor and m.actor.name) for m in doc.mentions]
    doc = nlp.process("أطلقت المقاومة صواريخ من قطاع غزة على مستوطنات إسرائيلية.", published="2014-07-20")
    assert "Popular Resistance" not in [m.actor and m.actor.name for m in doc.mentions if m.type == "ACTOR"]


def test_a_capital_named_after_the_word_capital_is_a_place_of_its_country(nlp):
    # المنامة is also a common word of the news (needs a place context): العاصمة before it is one
    doc = nlp.process("انفجرت عبوة ناسفة قرب دورية للشرطة في قرية كرانة قرب العاصمة المنامة.", published="2015-07-19")
    assert ("المنامة", "Manama", "Bahrain") in places(doc)
    assert [e.place.country for e in doc.events] == ["Bahrain"]
    # the village near the capital is the event's place, not the capital
    assert [e.place.location_ar for e in doc.events] == ["كرانة"]


def test_the_rebels_of_yemen_news_are_the_houthis_and_only_there(nlp):
    events = [e.to_acled_row() for e in nlp.extract(
        "شنت طائرات التحالف غارات ليلا ضد مواقع المتمردين في مدينة الحوطة بمحافظة لحج.", published="2015-08-01")]
    assert [(e["actor1"], e["actor2"]) for e in events] == [("Military Forces of Saudi Arabia", "Houthi Movement")]
    doc = nlp.process("قصفت الطائرات الحربية مواقع المتمردين في ريف إدلب.", published="2015-08-01")
    assert "Houthi Movement" not in [m.actor.name for m in doc.mentions if m.type == "ACTOR" and m.actor]


def test_an_incident_told_after_where_is_at_the_place_before_it(nlp):
    doc = nlp.process("وتواصلت الغارات ليلا ضد مواقع الحوثيين في قاعدة العند، وفي الحوطة في محافظة لحج، فضلا عن تعز "
                      "(جنوب غرب)، حيث قتل 47 حوثيا و5 من المقاومة الشعبية في معارك عنيفة بين الطرفين.",
                      published="2015-08-02")
    clash = next(em for em in doc.event_mentions if em.sub_event_type == "Armed clash")
    assert (clash.place.text, clash.place.place.admin1) == ("تعز", "Taizz")


def test_each_word_for_the_capital_is_read_where_it_stands_in_its_word():
    """ner.capital_mentions reads a word's readings once per spelling (cached): the same word
    twice, once bare and once with its clitics, gives two mentions at their own offsets."""
    from conflict_events.ner import capital_mentions
    from conflict_events.normalize import Normalize
    from conflict_events.segment import Segment

    text = "انفجرت سيارة مفخخة وسط العاصمة العراقية، وأخرى بالعاصمة. وقتل جنديان في العاصمة العراقية."
    doc = Pipeline([Normalize(), Segment()]).process(text)
    found = [(m.text, m.start, m.sentence, m.ext.get("country")) for m in capital_mentions(doc)]
    first, second, third = text.index("العاصمة"), text.index("بالعاصمة") + 1, text.rindex("العاصمة")
    assert found == [("العاصمة العراقية", first, 0, "Iraq"), ("العاصمة", second, 0, None),
                     ("العاصمة العراقية", third, 1, "Iraq")]
