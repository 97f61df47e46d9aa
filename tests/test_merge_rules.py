"""Incident-level rules: which mentions are one event, which are not coded, and who took a town."""
import pytest

from conflict_events import Pipeline


@pytest.fixture(scope="module")
def nlp():
    return Pipeline()


def rows(nlp, text, published):
    return [e.to_acled_row() for e in nlp.extract(text, published=published)]


def test_a_word_of_fighting_with_no_actor_is_not_coded_and_the_document_says_why(nlp):
    doc = nlp.process({"text": "واندلعت معركة عنيفة مساء أمس قرب الحدود.", "published": "2015-08-01"})
    assert doc.events == []
    assert any(w.startswith("not coded: Armed clash") and "no actor" in w for w in doc.warnings)


def test_an_event_recalled_from_years_before_is_history_not_an_event(nlp):
    out = rows(nlp, "أصدرت المحكمة حكما بالسجن على رجل أدين بالمشاركة في هجوم عام 2014 أسفر عن مقتل "
                    "ثلاثة من عناصر الشرطة في مدينة العريش.", "2021-03-10")
    assert out == []


def test_an_attack_recalled_from_last_month_is_background_and_the_news_stays(nlp):
    out = rows(nlp, "قتل ثلاثة جنود في هجوم على حاجز للجيش في مدينة العريش أمس. وكان مسلحون قد هاجموا "
                    "حاجزا آخر في مدينة رفح في منتصف يونيو الماضي وقتلوا خمسة جنود.", "2015-07-28")
    assert [(r["event_date"], r["location"], r["fatalities"]) for r in out] == [("2015-07-27", "Al Arish", 3)]


def test_an_air_strike_and_the_bombardment_it_is_blamed_for_are_one_event(nlp):
    out = rows(nlp, "قتل 12 مدنياً في غارة جوية استهدفت سوقاً شعبية في مدينة غريان، ليل أمس، بينما حمّلت "
                    "حكومة الوفاق قوات حفتر مسؤولية القصف.", "2019-08-20")
    assert [(r["sub_event_type"], r["actor1"], r["location"], r["fatalities"]) for r in out] == [
        ("Air/drone strike", "LNA: Libyan National Army", "Gharyan", 12)]


def test_protesters_who_storm_a_building_and_the_police_who_disperse_them_are_one_riot(nlp):
    out = rows(nlp, "اقتحم عشرات المحتجين مبنى المحافظة في مدينة البصرة، أمس، وأضرموا النار في مدخله، فيما "
                    "أطلقت قوات الأمن الغاز المسيل للدموع لتفريقهم.", "2018-09-07")
    assert [(r["event_type"], r["location"]) for r in out] == [("Riots", "Basrah")]


def test_the_side_that_announces_it_took_a_town_is_actor1_and_the_side_driven_out_actor2(nlp):
    out = rows(nlp, "أعلنت قوات «درع الجنوب» التابعة لوزارة الدفاع، اليوم، استعادة مدينة زنجبار بالكامل "
                    "من تنظيم القاعدة.", "2012-06-12")
    assert [(r["sub_event_type"], r["actor1"], r["actor2"], r["location"]) for r in out] == [
        ("Government regains territory", "Military Forces of Yemen", "AQAP: Al Qaeda in the Arabian Peninsula",
         "Zinjibar")]


def test_a_toxic_gas_barrel_bomb_is_a_chemical_weapon_and_an_aside_does_not_hide_the_toll(nlp):
    out = rows(nlp, "قال مسعفون إن 17 شخصاً، بينهم ثلاثة أطفال، قضوا اختناقاً بعد إلقاء مروحية برميلاً "
                    "يحوي غازاً ساماً على بلدة اللطامنة في ريف حماة أمس.", "2017-03-31")
    assert [(r["sub_event_type"], r["fatalities"]) for r in out] == [("Chemical weapon", 17)]


def test_talks_that_aim_at_a_ceasefire_are_not_an_agreement(nlp):
    assert rows(nlp, "قالت الوساطة إن المحادثات بين الطرفين تهدف إلى التوصل إلى وقف لإطلاق النار في "
                     "مدينة الفاشر.", "2024-05-01") == []


def test_residents_who_storm_and_burn_homes_are_a_mob(nlp):
    out = rows(nlp, "هاجم عشرات من سكان قرية في مركز سمالوط، أمس، منازل لأسر مسيحية وأضرموا النار فيها.",
               "2019-04-10")
    assert [(r["sub_event_type"], r["actor1"]) for r in out] == [("Mob violence", "Rioters (Egypt)")]


def test_teams_are_not_a_dispersal(nlp):
    assert rows(nlp, "وصلت فرق الدفاع المدني إلى مدينة حمص لإزالة الأنقاض.", "2020-02-02") == []


def test_an_event_needs_a_location_and_an_agreement_two_parties(nlp):
    doc = nlp.process({"text": "قتل مسلحون مجهولون ثلاثة رعاة بإطلاق النار عليهم، بحسب مصادر محلية.",
                       "published": "2020-06-01"})
    assert doc.events == [] and any("no location" in w for w in doc.warnings)
    doc = nlp.process({"text": "رحبت الحكومة اليمنية بالاتفاق الذي أعلن عنه في مدينة الحديدة.",
                       "published": "2018-12-14"})
    assert doc.events == []
    # a change of activity is an armed group's: students who joined a club are none
    doc = nlp.process({"text": "وانضم عشرات الطلاب إلى نادي الجامعة في مدينة الرياض أمس.", "published": "2015-07-26"})
    assert doc.events == [] and any("armed group" in w for w in doc.warnings)
    doc = nlp.process({"text": "وانضم عشرات المقاتلين من جبهة النصرة إلى تنظيم داعش في مدينة الرقة أمس.",
                       "published": "2015-07-26"})
    assert [e.sub_event_type for e in doc.events] == ["Change to group/activity"]


def test_a_plane_crash_and_a_course_of_work_are_not_political_violence(nlp):
    assert rows(nlp, "لقي أربعة أشخاص حتفهم في حادث تحطم طائرة خاصة قرب مطار مدينة جدة.", "2015-08-01") == []
    assert rows(nlp, "بحث الوزيران في الرياض دعم مسيرة العمل الخليجي المشترك.", "2015-08-01") == []


def test_a_programme_that_targets_young_people_is_not_an_attack(nlp):
    assert rows(nlp, "أطلقت وزارة الشباب في مدينة عدن برنامجا يستهدف طلاب الجامعات.", "2019-01-01") == []
    out = rows(nlp, "استهدف مسلحون مجهولون بالرصاص سيارة مدنية على طريق مدينة عدن أمس.", "2019-01-01")
    assert [r["event_type"] for r in out] == ["Violence against civilians"]


def test_an_event_placed_only_in_a_country_is_not_coded(nlp):
    doc = nlp.process({"text": "وقالت الأمم المتحدة إن هجمات المسلحين على المدنيين في سوريا أسفرت عن مقتل العشرات.",
                       "published": "2015-08-01"})
    assert doc.events == []
    assert any("only a country is named" in w for w in doc.warnings)


def test_a_common_word_that_would_be_a_place_abroad_is_no_place(nlp):
    # سحر ('pre-dawn') is also a village in Yemen; in a report from the West Bank it is a time
    doc = nlp.process({"text": "أحرق مستوطنون في الثانية من سحر أمس منزلاً في قرية دوما جنوب نابلس.",
                       "published": "2015-07-31"})
    assert [e.place.location for e in doc.events] == ["Duma"]
    assert [m.place for m in doc.mentions if m.type == "PLACE" and m.text == "سحر"] == [None]


def test_a_time_word_at_the_end_of_another_clause_does_not_make_an_arrest_future(nlp):
    out = rows(nlp, "اعتقلت قوات الأمن، فجر اليوم، خمسة أشخاص في مدينة الإسكندرية، وقالت وزارة الداخلية "
                    "إنهم كانوا يخططون لتنفيذ هجمات خلال الفترة المقبلة.", "2019-03-10")
    assert [(r["sub_event_type"], r["location"]) for r in out] == [("Arrests", "Alexandria")]


def test_the_protest_called_for_is_not_coded_when_named_again(nlp):
    out = rows(nlp, "دعا تجمع المهنيين إلى تسيير مظاهرات حاشدة يوم الخميس المقبل في مدينة الأبيض، مؤكداً أن "
                    "المظاهرات ستكون سلمية.", "2022-06-01")
    assert out == []


def test_a_suicide_car_bomb_named_again_as_the_attack_stays_a_suicide_bomb(nlp):
    out = rows(nlp, "انتحاري يفجر سيارة مفخخة عند نقطة أمنية في زنجبار\nقُتل أربعة جنود من قوات الحزام الأمني إضافة إلى "
                    "منفذ الهجوم، صباح اليوم، عندما فجّر انتحاري سيارة مفخخة كان يقودها عند نقطة تفتيش في مدينة زنجبار، "
                    "وتبنى تنظيم القاعدة الهجوم في بيان.", "2016-08-21")
    assert [(r["sub_event_type"], r["location"]) for r in out] == [("Suicide bomb", "Zinjibar")]


def test_a_toll_told_in_the_next_sentence_is_the_incidents(nlp):
    out = rows(nlp, "اندلعت، ليلة أمس، اشتباكات عنيفة بين جهاز الردع واللواء ٤٤٤ في أحياء جنوب العاصمة طرابلس. "
                    "وأعلن مركز طب الطوارئ أن الحصيلة بلغت ١٩ قتيلاً و٥٠ جريحاً.", "2023-08-16")
    assert [(r["sub_event_type"], r["fatalities"], r["injured"]) for r in out] == [("Armed clash", 19, 50)]
    assert "١٩ قتيلاً" in [e["text"] for e in out[0]["evidence"] if e["field"] == "fatalities"]


def test_a_toll_is_not_carried_over_a_sentence_of_other_news(nlp):
    out = rows(nlp, "قتل ثلاثة مدنيين بقصف مدفعي على بلدة كفرنبل بريف إدلب. وقالت الأمم المتحدة إن عدد النازحين بلغ "
                    "مئة ألف. وذكرت وزارة الصحة أن ١٢ مصاباً نقلوا إلى المستشفيات في حلب خلال الأسبوع.", "2019-05-08")
    assert [(r["fatalities"], r["injured"]) for r in out] == [(3, None)]


def test_a_denied_toll_in_the_next_sentence_adds_nothing(nlp):
    out = rows(nlp, "تظاهر المئات في ميدان التحرير وسط مدينة بنغازي مساء أمس للمطالبة بإجراء الانتخابات. "
                    "ولم ترد تقارير عن سقوط ضحايا.", "2022-07-02")
    assert [(r["sub_event_type"], r["fatalities"]) for r in out] == [("Peaceful protest", 0)]


def test_a_headline_with_no_perpetrator_takes_the_group_the_body_names(nlp):
    out = rows(nlp, "مقتل 4 جنود بانفجار عبوة ناسفة شمالي العريش\nقال مصدر أمني إن أربعة جنود قُتلوا صباح اليوم "
                    "إثر انفجار عبوة ناسفة زرعها عناصر من «ولاية سيناء» في طريق مدرعتهم شمالي مدينة العريش.",
               "2020-06-14")
    assert [(r["sub_event_type"], r["actor1"], r["actor2"], r["location"], r["fatalities"]) for r in out] == [
        ("Remote explosive/landmine/IED", "Islamic State (Egypt)", "Military Forces of Egypt", "Al Arish", 4)]


def test_a_bare_casualty_report_after_an_incident_is_its_toll_not_an_attack(nlp):
    out = rows(nlp, "اقتحمت قوات الاحتلال البلدة القديمة في نابلس فجر اليوم، ودارت اشتباكات عنيفة مع مسلحين من "
                    "مجموعة «عرين الأسود». وأعلنت وزارة الصحة إصابة ٢١ مواطناً بالرصاص الحي.", "2022-10-25")
    assert [(r["sub_event_type"], r["location"]) for r in out] == [("Armed clash", "Nablus")]


def test_rapes_during_a_raid_are_an_event_beside_the_killings(nlp):
    out = rows(nlp, "اقتحمت قوات الدعم السريع، يوم الثلاثاء، قرية نجرو شرقي ولاية الجزيرة، وأطلقت النار عشوائياً على "
                    "الأهالي، ما أسفر عن مقتل ٢٠ مدنياً. وأضاف المصدر أن عناصر القوة المهاجمة اغتصبوا خلال الهجوم "
                    "ثلاث نساء على الأقل.", "2024-10-25")
    assert sorted(r["sub_event_type"] for r in out) == ["Attack", "Sexual violence"]
    attack = next(r for r in out if r["sub_event_type"] == "Attack")
    assert (attack["actor1"], attack["fatalities"]) == ("RSF: Rapid Support Forces", 20)


def test_the_same_bombing_told_with_two_day_cues_is_one_event(nlp):
    # a night bombing: "the night of Thursday to Friday" in the lead, "Friday dawn" in the body
    out = rows(nlp, "قتل خمسة مدنيين في تفجير عبوة ناسفة في سوق مدينة بعقوبة ليلة الخميس.\n"
                    "وقالت الشرطة إن تفجير العبوة وقع فجر الجمعة قرب محل للخضار في سوق بعقوبة.",
               "2015-07-25")
    assert [(r["sub_event_type"], r["location"], r["fatalities"]) for r in out] == [
        ("Remote explosive/landmine/IED", "Baquba", 5)]


def test_a_date_the_sentence_states_beats_an_inherited_one_and_the_published_default():
    import datetime as dt

    from conflict_events.document import DateValue, EventMention, Span
    from conflict_events.merge import _best_date

    def em(date, rule):
        m = EventMention(Span(0, 1), "خطف", "Violence against civilians", "Abduction/forced disappearance", 0)
        m.date = DateValue(date, 1, 0, 1, rule, [])
        return m

    group = [em(dt.date(2015, 7, 21), "published"), em(dt.date(2015, 7, 20), "inherited:relative-day"),
             em(dt.date(2015, 7, 19), "weekday")]
    assert _best_date(group).date == dt.date(2015, 7, 19)
    assert _best_date(group[:2]).date == dt.date(2015, 7, 20)


def test_a_blast_any_sentence_tells_as_a_suicide_bombing_is_a_suicide_bomb(nlp):
    out = rows(nlp, "قتل ثلاثة مدنيين في انفجار بسوق مدينة بعقوبة العراقية، وقالت الشرطة إن فتاة قامت "
                    "بتفجير نفسها في السوق.", "2015-07-25")
    assert [(r["event_type"], r["sub_event_type"], r["fatalities"]) for r in out] == [
        ("Explosions/Remote violence", "Suicide bomb", 4)]  # the three civilians and the bomber (ACLED)


SUSPECT = ("قتل عشرة أشخاص وأصيب 25 آخرون في انفجار سيارة مفخخة في سوق شعبي بمدينة بعقوبة في محافظة ديالى "
           "أمس. وكان تنظيم داعش قد سيطر على أجزاء واسعة من العراق العام الماضي.")


def test_a_bombing_with_no_perpetrator_is_the_only_rebel_group_s_the_article_names(nlp):
    (row,) = rows(nlp, SUSPECT, "2015-07-20")
    assert (row["sub_event_type"], row["actor1"], row["location"], row["fatalities"]) == \
        ("Remote explosive/landmine/IED", "Islamic State (Iraq)", "Baquba", 10)
    assert any("the only armed group the article names" in w for w in row["warnings"])


def test_no_attribution_when_the_article_names_two_groups_or_the_group_is_a_victim(nlp):
    two = SUSPECT.replace("تنظيم داعش", "تنظيم داعش وتنظيم القاعدة")
    assert [r["actor1"] for r in rows(nlp, two, "2015-07-20")][0] == "Unidentified Armed Group (Iraq)"
    victim = SUSPECT + " وقتلت القوات العراقية خمسة من عناصر تنظيم داعش في اشتباك قرب تكريت."
    assert "Unidentified Armed Group (Iraq)" in [r["actor1"] for r in rows(nlp, victim, "2015-07-20")]


def test_militants_arrested_with_no_group_named_are_the_only_rebel_group_s_or_unidentified(nlp):
    text = "اعتقلت قوات الأمن التونسية خمسة عناصر إرهابية في مدينة بنزرت أمس."
    (row,) = rows(nlp, text, "2015-07-24")
    assert (row["sub_event_type"], row["actor2"]) == ("Arrests", "Unidentified Armed Group (Tunisia)")
    text += " وتقول السلطات إن تنظيم داعش يجند الشبان في المنطقة."
    (row,) = rows(nlp, text, "2015-07-24")
    assert (row["sub_event_type"], row["actor2"]) == ("Arrests", "Islamic State (Tunisia)")
    (row,) = rows(nlp, "اعتقلت قوات الأمن التونسية خمسة طلاب في مدينة بنزرت أمس.", "2015-07-24")
    assert row["actor2"] == "Civilians (Tunisia)"


def test_the_defendants_of_a_bombing_tell_no_new_bombing_but_their_arrest_is_news(nlp):
    assert rows(nlp, "بدأت محكمة الجنايات في الكويت أمس محاكمة المتهمين بتفجير مسجد الإمام الصادق، "
                     "وكانت النيابة العامة وجهت الاتهام إلى 29 شخصا في حادث التفجير.", "2015-08-05") == []
    out = rows(nlp, "ألقت الشرطة المصرية القبض على المتهم بتفجير عبوة ناسفة في مدينة المنصورة أمس.", "2015-08-05")
    assert [r["sub_event_type"] for r in out] == ["Arrests"]


def test_an_unclaimed_bombing_abroad_is_the_group_at_home_there_or_named_most(nlp):
    # بوكو حرام is at home in Cameroon as well as Nigeria (the dictionary's home countries)
    (row,) = rows(nlp, "قتل 9 أشخاص عندما فجرت فتاة انتحارية نفسها مساء أمس في سوق مدينة كوسيري أقصى شمال "
                       "الكاميرون، وهي منطقة تتعرض منذ أشهر لهجمات جماعة بوكو حرام النيجيرية.", "2015-09-04")
    assert (row["sub_event_type"], row["actor1"], row["location"]) == (
        "Suicide bomb", "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", "Kousseri")
    # a group the article is about, named three times, with another named once as its patron
    text = ("قتل أربعة أشخاص في انفجار سيارة مفخخة أمام فندق في مقديشو أمس. وتشن حركة الشباب هجمات متكررة في "
            "العاصمة. وتسعى حركة الشباب المرتبطة بتنظيم القاعدة إلى إسقاط الحكومة. وتقول الحكومة إن حركة الشباب "
            "تجند الشبان في جنوب البلاد.")
    assert [r["actor1"] for r in rows(nlp, text, "2015-07-27")
            if r["sub_event_type"] == "Remote explosive/landmine/IED"] == ["Al Shabaab"]


def test_what_rarely_or_usually_happens_is_no_incident(nlp):
    text = "أحرق مستوطنون سيارتين في قرية قصرة جنوب نابلس فجر اليوم. ونادرا ما تعتقل الشرطة الإسرائيلية المستوطنين المعتدين."
    assert [r["sub_event_type"] for r in rows(nlp, text, "2015-07-31")] == ["Looting/property destruction"]
    text = "أحرق مستوطنون سيارتين في قرية قصرة جنوب نابلس فجر اليوم. واعتقلت الشرطة الإسرائيلية المستوطنين المعتدين."
    # ... and the arrest of those settlers is an event of its own beside the arson
    assert sorted(r["sub_event_type"] for r in rows(nlp, text, "2015-07-31")) == ["Arrests", "Looting/property destruction"]


def test_the_toll_of_a_suicide_bombing_counts_its_bombers_once(nlp):
    def toll(text):
        (row,) = rows(nlp, text, "2015-07-21")
        return row["sub_event_type"], row["fatalities"]
    assert toll("فجر انتحاري نفسه في سوق مدينة مايدوغوري أمس مما أسفر عن مقتل 14 شخصا.") == ("Suicide bomb", 15)
    assert toll("قتل 12 شخصا على الأقل أمس عندما هاجم انتحاريان حمام سباحة مزدحما في طوز خورماتو.") == ("Suicide bomb", 14)
    assert toll("فجر انتحاري نفسه في سوق مدينة مايدوغوري أمس مما أسفر عن مقتل 14 شخصا بينهم الانتحاري.") == ("Suicide bomb", 14)
    assert toll("فجر انتحاري نفسه في سوق مدينة مايدوغوري أمس مما أسفر عن مقتل 14 شخصا ومقتل الانتحاري.") == ("Suicide bomb", 15)


def test_an_act_told_of_a_list_of_towns_is_one_event_per_town_with_an_even_share_of_the_toll(nlp):
    # ACLED's unit is one place: two towns struck are two events; a toll told for both is split (R24)
    out = rows(nlp, "وقتل عشرة مدنيين أمس في غارات شنتها طائرات حربية على معرة النعمان وسراقب في ريف إدلب.",
               "2015-07-30")
    assert sorted((r["sub_event_type"], r["location"], r["admin1"], r["fatalities"]) for r in out) == [
        ("Air/drone strike", "Maarat an-Numan", "Idlib", 5), ("Air/drone strike", "Saraqib", "Idlib", 5)]
    out = rows(nlp, "اعتقلت الشرطة المغربية أمس ثمانية أشخاص في طنجة وبوزنيقة وخريبكة للاشتباه في انتمائهم "
                    "إلى تنظيم داعش.", "2015-07-22")
    assert sorted(r["location"] for r in out) == ["Bouznika", "Khouribga", "Tangier"]
    assert {r["sub_event_type"] for r in out} == {"Arrests"}
    # an arrest told by its country is coded at the towns the next sentence lists (asides in brackets)
    out = rows(nlp, "أعلنت الشرطة المغربية أمس اعتقال خمسة أشخاص يشتبه في انتمائهم إلى تنظيم داعش في المغرب. "
                    "وقالت إن أفراد الخلية ينشطون في مدينتي طنجة (شمال) وخريبكة (وسط).", "2015-07-22")
    assert sorted((r["location"], r["actor2"]) for r in out) == [
        ("Khouribga", "Islamic State (Morocco)"), ("Tangier", "Islamic State (Morocco)")]
    # the road between two towns is one place: one clash, not two
    out = rows(nlp, "اندلعت اشتباكات عنيفة أمس بين قوات النظام السوري وفصائل المعارضة على الطريق بين معرة "
                    "النعمان وسراقب في ريف إدلب.", "2015-07-30")
    assert len(out) == 1 and out[0]["sub_event_type"] == "Armed clash"


def test_a_month_word_the_text_uses_as_a_place_is_no_date(nlp):
    # اب is Ibb after "منطقة يريم في", not آب (August) once normalised; a month with its year stays a date
    out = rows(nlp, "واشار المصدر الى استمرار اشتباكات عنيفة امس بين الحوثيين والمقاومة في منطقة يريم في اب.",
               "2015-08-10")
    assert [(r["location"], r["event_date"], r["time_precision"]) for r in out] == [("Yarim", "2015-08-09", 1)]
    out = rows(nlp, "وكان مسلحون قد قتلوا ثلاثة جنود في هجوم على حاجز في مدينة إب في آب 2014.", "2015-08-10")
    assert out == []  # a year-old attack is history


def test_a_battle_dated_by_months_of_two_past_is_history(nlp):
    # الماضيين (dual of الماضي) dates the battle to last January: history, not an event of the report
    out = rows(nlp, "ويشارك الناشطون في إعادة إعمار مدينة كوباني المدمرة من جراء المعركة التي دارت بين مقاتلي "
                    "تنظيم داعش ووحدات حماية الشعب الكردية من أيلول إلى كانون الثاني الماضيين.", "2015-07-22")
    assert out == []


def test_bombs_on_two_days_in_two_villages_near_the_capital_are_two_incidents(nlp):
    # both villages are unknown to the gazetteer and coded at Manama; a day apart, they are still two
    text = ("أعلنت وزارة الداخلية البحرينية أن انفجارا استهدف، الأحد، دورية للشرطة في قرية العكر الغربي قرب "
            "العاصمة المنامة من دون تسجيل إصابات.\nوكانت دورية أخرى للشرطة تعرضت السبت لانفجار في قرية كرانة "
            "قرب العاصمة المنامة حسب المصدر نفسه.")
    out = rows(nlp, text, "2015-07-21")
    assert sorted((r["event_date"], r["sub_event_type"], r["actor2"]) for r in out) == [
        ("2015-07-18", "Remote explosive/landmine/IED", "Police Forces of Bahrain"),
        ("2015-07-19", "Remote explosive/landmine/IED", "Police Forces of Bahrain")]


def test_an_incident_of_the_past_week_recalled_with_its_own_day_is_coded_a_recap_is_not(nlp):
    # ACLED codes an incident of the last seven days even when the article recalls it behind a
    # background cue, if the text gives its day; a recap without its own day stays background
    text = ("أبطلت الشرطة التركية مفعول عبوة ناسفة قرب مبنى حزب العدالة والتنمية في أنقرة اليوم الأربعاء. "
            "ويأتي الحادث بعد يوم من مقتل 32 شخصا جراء تفجير وقع أمس الأول الاثنين في بلدة سوروج "
            "التابعة لولاية شانلي أورفة جنوبي تركيا.")
    out = rows(nlp, text, "2015-07-22")
    assert sorted((r["event_date"], r["sub_event_type"], r["admin1"], r["fatalities"]) for r in out) == [
        ("2015-07-20", "Remote explosive/landmine/IED", "Sanliurfa", 32),
        ("2015-07-22", "Disrupted weapons use", "Ankara", 0)]
    older = rows(nlp, text.replace("أمس الأول الاثنين", "يوم 10 يوليو"), "2015-07-22")
    assert [r["sub_event_type"] for r in older] == ["Disrupted weapons use"]
    recap = rows(nlp, text.replace("بعد يوم من مقتل 32 شخصا جراء تفجير وقع أمس الأول الاثنين",
                                   "بعد سلسلة تفجيرات قتل فيها العشرات خلال الأشهر الماضية"), "2015-07-22")
    assert [r["sub_event_type"] for r in recap] == ["Disrupted weapons use"]
    since = rows(nlp, "عاد آلاف النازحين إلى مدينة عدن منذ أن سيطرت المقاومة الشعبية على المدينة، "
                      "بحسب ما ذكرت مصادر محلية أمس.",
                 "2015-07-25")
    assert [r["sub_event_type"] for r in since] == []  # منذ: a state since an event, no incident recalled


def test_a_tying_cue_governs_the_news_before_its_after_not_an_incident_to_code_again(nlp):
    # وتأتي السيطرة على دينسور بعد …: the taking of Diinsoor told again is the news of the lead, not an
    # incident of the past week recalled with the Wednesday of the other town
    out = rows(nlp, "سيطرت القوات الصومالية مدعومة بقوات الاتحاد الإفريقي على بلدة دينسور جنوب الصومال اليوم "
                    "الجمعة. وتأتي السيطرة على دينسور بعد استعادة قوات الاتحاد الإفريقي لبلدة باردير الأربعاء.",
               "2015-07-24")
    assert [(r["event_date"], r["location"]) for r in out] == [("2015-07-24", "Diinsoor")]


def test_a_comma_and_wa_opening_an_act_at_another_place_is_another_incident(nlp):
    # two acts at two places in one sentence are two events (ACLED: one event per place), each with
    # its own toll and day; a second clause at no place of its own stays in the incident
    out = rows(nlp, "قتل مسلحون جنديين في كمين قرب مدينة نامبالا في منطقة سيغو وسط مالي في الأول من أغسطس، و11 جنديا "
                    "قتلوا في هجوم على قاعدة للحرس الوطني في بلدة غورما راروس في منطقة تمبكتو في الثالث من أغسطس.",
               "2015-08-08")
    assert sorted((r["event_date"], r["admin1"], r["fatalities"]) for r in out) == [
        ("2015-08-01", "Segou", 2), ("2015-08-03", "Timbuktu", 11)]
    one = rows(nlp, "قتل خمسة جنود في كمين قرب مدينة نامبالا في منطقة سيغو أمس، وأصيب عشرة آخرون بجروح.",
               "2015-08-08")
    assert [(r["admin1"], r["fatalities"]) for r in one] == [("Segou", 5)]


def test_arms_seized_in_a_battle_are_part_of_it_a_seizure_alone_is_coded(nlp):
    out = rows(nlp, "دارت مساء أمس معارك بين الجيش البوروندي ومجموعة مسلحة في بلدة سيبيتوكي شمال البلاد. "
                    "وقال ضابط إن ثمانية مهاجمين قتلوا في المعارك، كما تمت مصادرة أسلحة، مشيرا إلى أن جنديا "
                    "جرح في صفوف الجيش.",
               "2015-07-21")
    assert [(r["sub_event_type"], r["fatalities"]) for r in out] == [("Armed clash", 8)]
    alone = rows(nlp, "ضبطت الشرطة البوروندية مخزنا للأسلحة في بلدة سيبيتوكي شمال البلاد أمس.", "2015-07-21")
    assert [r["sub_event_type"] for r in alone] == ["Disrupted weapons use"]


def test_people_detained_by_a_rebel_group_are_abducted_by_the_state_arrested(nlp):
    out = rows(nlp, "اعتقل مسلحو تنظيم داعش عشرات المدنيين في مدينة القريتين بريف حمص أمس.", "2015-08-08")
    assert [(r["sub_event_type"], r["actor1"]) for r in out] == [
        ("Abduction/forced disappearance", "Islamic State (Syria)")]
    state = rows(nlp, "اعتقلت الشرطة السورية عشرة أشخاص في مدينة حمص أمس.", "2015-08-08")
    assert [r["sub_event_type"] for r in state] == ["Arrests"]


def test_a_place_taken_with_no_loser_named_was_taken_from_the_side_the_article_is_about(nlp):
    text = ("سيطرت القوات الحكومية اليمنية أمس على مدينة زنجبار عاصمة محافظة أبين. "
            "وقالت مصادر عسكرية إن المعارك مع الحوثيين استمرت ساعات قبل انسحاب مسلحي الحوثي نحو الشمال.")
    out = rows(nlp, text, "2015-08-09")
    assert [(r["sub_event_type"], r["actor1"], r["actor2"], r["location"]) for r in out if r["sub_event_type"]
            == "Government regains territory"] == [
        ("Government regains territory", "Military Forces of Yemen", "Houthi Movement", "Zinjibar")]
    # no side stands out: no loser is made up
    two = rows(nlp, "سيطرت القوات الحكومية اليمنية أمس على مدينة زنجبار عاصمة محافظة أبين.",
               "2015-08-09")
    assert [r["actor2"] for r in two] == [None]


def test_a_rocket_attack_with_no_perpetrator_named_is_shelling_by_an_unidentified_group(nlp):
    out = rows(nlp, "قتل رجل أعمال بارز اليوم الأحد في هجوم صاروخي استهدف سيارته في بوجمبورا.", "2015-08-02")
    assert [(r["sub_event_type"], r["actor1"], r["actor2"], r["location"], r["fatalities"]) for r in out] == [
        ("Shelling/artillery/missile attack", "Unidentified Armed Group (Burundi)", "Civilians (Burundi)", "Bujumbura", 1)]


def test_a_relative_clause_after_a_comma_and_wa_is_no_incident_of_its_own(nlp):
    out = rows(nlp, "أعلنت قوات حكومة الوفاق الوطني، اليوم الأربعاء، أنها استعادت السيطرة الكاملة على مدينة غريان "
                    "الواقعة على بعد نحو مئة كيلومتر جنوبي طرابلس، والتي اتخذتها قوات حفتر غرفة عمليات رئيسية لهجومها "
                    "على العاصمة، بعد هجوم مباغت أسفر عن مقتل ثمانية من عناصر قوات حفتر.", "2019-06-26")
    assert [(r["sub_event_type"], r["location"]) for r in out] == [("Government regains territory", "Gharyan")]


def test_a_bomb_defused_in_another_town_is_not_part_of_the_bombing():
    from conflict_events import Pipeline

    doc = Pipeline().process({"text": "قتل خمسة جنود صباح اليوم إثر انفجار عبوة ناسفة زرعها عناصر من «ولاية سيناء» "
                                      "في طريق مدرعتهم جنوبي مدينة بئر العبد. وتمكن خبراء الهندسة العسكرية في وقت لاحق "
                                      "من تفكيك عبوة ثانية زرعت على الطريق الدولي قرب مدينة الشيخ زويد.",
                              "published": "2020-06-14"})
    defused = [em for em in doc.event_mentions if em.sub_event_type == "Disrupted weapons use"]
    assert [em.place.place.location for em in defused] == ["Sheikh Zuweid"]
    assert not defused[0].ext.get("background")  # its own incident, not absorbed into the bombing


def test_an_incident_dated_two_weeks_before_the_report_is_recalled_not_reported(nlp):
    # the coding guide codes the incidents of the last week; one the text dates 12 days back is background
    text = ("بدأت الغارات التركية الأسبوع الماضي باستهداف مواقع تابعة لتنظيم داعش في سوريا، بعد تفجير "
            "انتحاري استهدف مدينة سوروج في 20 يوليو، أودى بحياة 32 شخصا.")
    assert rows(nlp, text, "2015-08-01") == []
    assert [r["event_date"] for r in rows(nlp, text, "2015-07-24")] == ["2015-07-20"]


def test_an_act_told_as_seventy_years_ago_is_history(nlp):
    text = ("وقال رئيس البلدية اليوم الخميس إن قاذفة أمريكية قصفت مدينة هيروشيما قبل 70 عاما ما أدى "
            "إلى مقتل 140 ألف شخص.")
    assert rows(nlp, text, "2015-08-06") == []
    assert [r["event_date"] for r in rows(nlp, text.replace("70 عاما", "3 أيام"), "2015-08-06")] == ["2015-08-03"]


def test_a_toll_over_a_week_or_more_is_a_tally_not_an_incident(nlp):
    tally = ["قالت وكالة الأناضول إن نحو 260 مقاتلا من حزب العمال الكردستاني قتلوا، خلال أسبوع من الغارات "
             "الجوية التركية على مواقع الحزب في محافظة دهوك.",
             "قتل 40 شخصا على الأقل في اشتباكات بين الجيش الليبي ومسلحي تنظيم داعش في مدينة سرت على مدى "
             "الأسبوعين الماضيين.",
             "وقال المرصد إن 170 مدنيا قتلوا جراء غارات طائرات التحالف على مدينة الرقة خلال عشرة أشهر."]
    for text in tally:
        assert rows(nlp, text, "2015-08-01") == [], text
    # a night is no period: the incident stays
    assert [r["fatalities"] for r in rows(nlp, "قتل ثلاثة جنود في هجوم شنه مسلحون على حاجز للجيش في مدينة "
                                               "العريش خلال الليل.", "2015-08-01")] == [3]


def test_a_toll_quoted_of_this_attack_is_the_attack_told_before_not_a_source_s_act(nlp):
    # a news agency before أن is the one told, not the subject of the killing after it; the toll
    # of "this attack" joins the attack the article told, whose sides it does not name
    text = ("وأعلنت الشرطة الكينية أمس أن مسلحين من حركة الشباب قتلوا خمسة أشخاص في هجوم على آلية للشرطة "
            "في منطقة لامو. وصرح قائد شرطة لامو لوكالة الصحافة الفرنسية أن «خمسة أشخاص قتلوا في هذا "
            "الهجوم بينهم امرأة وطفل».")
    out = rows(nlp, text, "2015-07-21")
    assert [(r["sub_event_type"], r["actor1"], r["location"], r["fatalities"]) for r in out] == [
        ("Armed clash", "Al Shabaab", "Lamu", 5)]  # (مسلحين من حركة الشباب: the named group, not gunmen)


def test_a_network_seized_is_arrested_and_an_act_a_month_before_is_recalled(nlp):
    out = rows(nlp, "كشفت وزارة الداخلية أمس عن ضبط شبكة إرهابية تابعة لتنظيم داعش في منطقة الجهراء تضم خمسة "
                    "مواطنين.", "2015-07-31")
    assert [(r["sub_event_type"], r["event_date"]) for r in out] == [("Arrests", "2015-07-30")]
    out = rows(nlp, "وأعلنت الشرطة أمس القبض على مشتبه به في مدينة الجهراء بعد نحو شهر من التفجير الإرهابي الذي "
                    "استهدف مسجد الصادق في الكويت.", "2015-07-31")
    assert [r["sub_event_type"] for r in out] == ["Arrests"]
    assert rows(nlp, "وقع الحادث بعد ثلاث سنوات تقريبا على إطلاق النار الذي شهدته دار للسينما في أورورا بولاية "
                     "كولورادو وقتل فيه 12 شخصا.", "2015-07-24") == []


def test_violence_an_anniversary_article_tells_with_no_day_is_the_one_remembered(nlp):
    body = "وقصفت قاذفة أمريكية مدينة ناغازاكي اليابانية بقنبلة ذرية ما أدى إلى مقتل 74 ألف شخص."
    anniversary = "اليابان تحيي الذكرى السبعين لإلقاء القنبلة الذرية على ناغازاكي"
    assert nlp.extract({"title": anniversary, "text": body, "published": "2015-08-09"}) == []
    assert len(nlp.extract({"title": "تفاصيل جديدة عن القصف", "text": body, "published": "2015-08-09"})) == 1
    # the crowds of the day are news
    out = nlp.extract({"title": "مسيرات في الذكرى الثانية لفض اعتصام رابعة",
                       "text": "خرج مئات من أنصار جماعة الإخوان في مسيرات في مدينة الإسكندرية اليوم الجمعة، "
                               "وفرقت الشرطة المتظاهرين بالغاز المسيل للدموع.", "published": "2015-08-14"})
    assert [e.sub_event_type for e in out] == ["Protest with intervention"]


def test_a_suicide_bombing_told_again_by_its_blast_is_one_event_on_the_force_it_hit(nlp):
    # the lead tells the bomber and the worshippers killed, the update the forces killed "in the blast"
    events = nlp.extract("فجر انتحاري نفسه اليوم الخميس داخل مسجد تابع لقوات الطوارئ في مدينة أبها، ما أسفر "
                         "عن مقتل عشرة من المصلين. وقال المتحدث الأمني إن عشرة من منسوبي قوات الطوارئ استشهدوا "
                         "في تفجير المسجد.", published="2015-07-31")
    assert [(e.sub_event_type, e.actor1.name, e.actor2.name, e.place.location, e.event_date.isoformat())
            for e in events] == [("Suicide bomb", "Unidentified Armed Group (Saudi Arabia)",
                                  "Police Forces of Saudi Arabia", "Abha", "2015-07-30")]
    # a bomb of its own (عبوة ناسفة) on a patrol the same day in the same city is another incident
    events = nlp.extract("قتل ثلاثة من رجال الشرطة اليوم في انفجار عبوة ناسفة استهدفت دوريتهم في بغداد. كما فجر "
                         "انتحاري نفسه في سوق شعبي ببغداد ما أسفر عن مقتل 12 مدنيا.", published="2015-07-31")
    assert sorted((e.sub_event_type, e.actor2.name, e.fatalities) for e in events) == [
        ("Remote explosive/landmine/IED", "Police Forces of Iraq", 3), ("Suicide bomb", "Civilians (Iraq)", 13)]


def test_the_parts_of_a_total_after_a_colon_are_each_their_incidents_toll(nlp):
    # هجومين أوقعا 13 قتيلا: اثنان … و11 …: each attack's toll is its own part, not the total
    out = rows(nlp, "والهجوم هو الثالث خلال أقل من أسبوع في مالي بعد هجومين أوقعا 13 قتيلا في صفوف العسكريين: "
                    "اثنان قتلا في كمين قرب مدينة نامبالا في منطقة سيغو في الأول من أغسطس، و11 قتلوا في قاعدة "
                    "للحرس الوطني في غورما راروس في منطقة تمبكتو في الثالث من أغسطس.", "2015-08-08")
    assert sorted((r["event_date"], r["fatalities"]) for r in out) == [("2015-08-01", 2), ("2015-08-03", 11)]
    # a clock time (الساعة 11:59) opens no parts
    out = rows(nlp, "وقتل ثلاثة جنود في هجوم على حاجز في مدينة العريش عند الساعة 11:30 من مساء أمس.", "2015-08-08")
    assert [r["fatalities"] for r in out] == [3]


def test_people_counted_by_their_nationality_are_civilians_of_that_nationality(nlp):
    out = rows(nlp, "كما اعتقلت قوات الاحتلال 5 فلسطينيين من مدينة نابلس خلال عيد الفطر المبارك.", "2015-07-22")
    assert [(r["actor1"], r["actor2"]) for r in out] == [("Military Forces of Israel", "Civilians (Palestine)")]
    out = rows(nlp, "قتل ثلاثة أتراك في هجوم مسلح على شاحنتهم في مدينة الموصل.", "2015-07-22")
    assert [(r["sub_event_type"], r["actor2"], r["fatalities"]) for r in out] == [("Attack", "Civilians (Turkey)", 3)]
    # a nationality qualifying the soldiers is theirs, not the victims'
    out = rows(nlp, "قال مسؤولون طبيون إن جنوداً إسرائيليين قتلوا صبياً فلسطينياً بالرصاص قرب السياج في شمال "
                    "قطاع غزة اليوم.", "2015-07-31")
    assert all(r["actor2"] != "Civilians (Israel)" for r in out)


def test_civilians_are_never_the_ones_who_arrest(nlp):
    out = rows(nlp, "وقالت الشرطة إنها اعتقلت ثلاثة مواطنين في مدينة العريش.", "2015-07-22")
    assert [r["actor2"] for r in out] == ["Civilians (Egypt)"] and out[0]["actor1"] != "Civilians (Egypt)"


def test_a_dual_act_noun_is_the_act_and_a_force_fighting_alongside_is_no_perpetrator(nlp):
    out = rows(nlp, "وقتل 37 شخصا الجمعة الماضي في تفجيرين استهدفا محطتي حافلات في غومبيه شمال شرقي نيجيريا.",
               "2015-07-26")
    assert [(r["sub_event_type"], r["fatalities"]) for r in out] == [("Remote explosive/landmine/IED", 37)]
    out = rows(nlp, "قتل أربعة أشخاص في تفجير سيارة مفخخة في الزعفرانية جنوب بغداد أمس. وقال التنظيم إن التفجير "
                    "استهدف مقاتلين في فصائل مسلحة تقاتل إلى جانب القوات الأمنية.", "2015-07-22")
    assert out and all(not (r["actor1"] or "").startswith("Police Forces") for r in out)


def test_a_fight_between_the_two_sides_is_between_the_sides_named_before(nlp):
    out = rows(nlp, "وفي محافظة إب تحتدم المواجهات بين الحوثيين من جهة وقوات المقاومة الشعبية من جهة أخرى. "
                    "وأشار المصدر إلى استمرار اشتباكات عنيفة بين الطرفين في منطقة يريم.", "2015-08-09")
    assert ("Armed clash", "Houthi Movement", "Popular Resistance", "Yarim") in [
        (r["sub_event_type"], r["actor1"], r["actor2"], r["location"]) for r in out]


def test_the_side_that_put_up_no_resistance_is_the_one_that_gave_ground(nlp):
    out = rows(nlp, "وسيطرت القوات الحكومية على مدينة زنجبار في محافظة أبين من دون مقاومة كبيرة من الحوثيين.",
               "2015-08-09")
    assert [(r["actor1"], r["actor2"]) for r in out] == [("Military Forces of Yemen", "Houthi Movement")]


def test_a_weapon_listed_after_another_is_no_actor_and_a_joined_light_verb_keeps_its_subject(nlp):
    out = rows(nlp, "وفي محافظة تعز صعدت جماعة الحوثي المسلحة وأنصار صالح من عملياتها في المدينة وقامت بقصف "
                    "صواريخ الكاتيوشا والمدفعية على قريتي مشرعة وحدنان في تعز.", "2015-07-27")
    assert [(r["sub_event_type"], r["actor1"]) for r in out] == [("Shelling/artillery/missile attack", "Houthi Movement")]


def test_victims_told_with_their_own_act_and_place_after_a_comma_are_another_event(nlp):
    # the verb of the clause before is left out: وامرأة وطفلها [قتلا] في قصف جوي على قرية …
    out = rows(nlp, "وقتل طفلان شقيقان في غارة من طائرات حربية على مدينة معرة النعمان، وثلاثة آخرون في قصف جوي "
                    "على مدينة سراقب في ريف إدلب أمس.", "2015-07-30")
    assert sorted((r["location"], r["fatalities"]) for r in out) == [("Maarat an-Numan", 2), ("Saraqib", 3)]


def test_a_vehicle_loaded_with_explosives_is_a_bomb_and_a_since_phrase_does_not_date_the_attack(nlp):
    out = rows(nlp, "وذكر الجيش أن الهجوم نفذ أمس باستخدام جرار محمل بطنين من المتفجرات على موقع لقوات الأمن في منطقة "
                    "دوجو بايزيد في إقليم أغري.", "2015-08-03")
    assert [r["sub_event_type"] for r in out] == ["Remote explosive/landmine/IED"]
    out = rows(nlp, "قتل ستة أشخاص أمس في هجوم انتحاري في جنوب كابل هو أول هجوم كبير تشنه طالبان منذ إعلان وفاة "
                    "زعيمها الملا عمر الأسبوع الماضي.", "2015-08-07")
    assert [(r["sub_event_type"], r["event_date"]) for r in out] == [("Suicide bomb", "2015-08-06")]


def test_the_subject_of_a_verb_of_taking_ground_took_it_from_the_side_named_after_min_yad(nlp):
    out = rows(nlp, "قال المرصد السوري لحقوق الانسان إن وحدات حماية الشعب الكردية انتزعت اليوم (الاثنين) السيطرة على "
                    "بلدة صرين في شمال سوريا من يد مقاتلي تنظيم داعش.", "2015-07-27")
    assert [(r["sub_event_type"], r["actor1"], r["actor2"]) for r in out] == [
        ("Non-state actor overtakes territory", "YPG: People's Protection Units", "Islamic State (Syria)")]


def test_a_base_attacks_were_launched_from_tells_no_attack(nlp):
    out = rows(nlp, "وأضاف المرصد أن البلدة الواقعة قرب نهر الفرات كانت نقطة انطلاق يشن منها التنظيم هجماته على مدينة "
                    "كوباني.", "2015-07-27")
    assert out == []


def test_a_riot_in_which_the_crowd_also_stoned_the_forces_is_a_violent_demonstration(nlp):
    out = rows(nlp, "اقتحم العشرات من مثيري الشغب محالا تجارية في حي المنشية بالإسكندرية أمس وروعوا المواطنين. "
                    "وقام مثيرو الشغب برشق قوات الأمن بالحجارة والزجاجات الفارغة في حي المنشية.", "2013-01-27")
    assert [r["sub_event_type"] for r in out] == ["Violent demonstration"]


def test_the_other_sides_dead_told_after_while_are_the_same_fight_and_add_to_its_toll(nlp):
    out = rows(nlp, "أسفرت مواجهات عنيفة في مديرية الوازعية امس عن مقتل 14 من الحوثيين، وإصابة 20 آخرين، "
                    "بينما قتل ثلاثة من القوات الحكومية.", "2015-08-12")
    assert [(r["sub_event_type"], r["actor1"], r["actor2"], r["fatalities"]) for r in out] == [
        ("Armed clash", "Military Forces of Yemen", "Houthi Movement", 17)]


def test_dead_of_the_same_side_told_again_after_while_are_not_added(nlp):
    out = rows(nlp, "أسفرت مواجهات عنيفة في مديرية الوازعية امس عن مقتل 14 من الحوثيين، بينما قتل ثلاثة "
                    "مدنيين في قصف حوثي على مدينة تعز.", "2015-08-12")
    assert sorted((r["sub_event_type"], r["fatalities"]) for r in out) == [
        ("Armed clash", 14), ("Shelling/artillery/missile attack", 3)]


def test_the_dead_of_two_named_armed_sides_are_the_fights_toll(nlp):
    # R25b: the side of each figure read from the actor named after it (داعش، البشمركة)
    out = rows(nlp, "اندلعت اشتباكات عنيفة جنوب كركوك امس، وقال مصدر إن 12 من عناصر داعش قتلوا مشيرا إلى "
                    "سقوط ثلاثة قتلى من البشمركة.", "2015-08-12")
    assert [(r["sub_event_type"], r["fatalities"]) for r in out] == [("Armed clash", 15)]


def test_an_air_strike_told_with_no_striker_is_by_the_one_air_force_the_report_names_striking_there(nlp):
    text = ("شنت طائرات التحالف غارات على مواقع للحوثيين في مدينة صعدة أمس. وقتل خمسة مدنيين في غارة على "
            "سوق في مدينة حرض.")
    out = rows(nlp, text, "2015-08-12")
    assert sorted((r["location"], r["actor1"], r["fatalities"]) for r in out) == [
        ("Harad", "Military Forces of Saudi Arabia", 5), ("Sadah", "Military Forces of Saudi Arabia", 0)]
    # two air forces named striking in one country: the raid told with no striker keeps none
    text = ("شنت طائرات التحالف غارات على مواقع للحوثيين في مدينة صعدة أمس، كما شنت طائرات أمريكية بدون طيار "
            "غارة على مدينة المكلا. وقتل خمسة مدنيين في غارة على سوق في مدينة حرض.")
    harad = [r for r in rows(nlp, text, "2015-08-12") if r["location"] == "Harad"]
    assert [r["actor1"] for r in harad] == [None]


def test_an_air_strike_with_no_target_named_struck_the_rebel_group_the_report_names_most(nlp):
    text = ("شن طيران التحالف غارات على مواقع في مدينة صعدة امس. وقالت مصادر محلية إن الحوثيين دفعوا بتعزيزات "
            "إلى المدينة، فيما يواصل الحوثيون حصار مدينة تعز.")
    strikes = [r for r in rows(nlp, text, "2015-08-12") if r["sub_event_type"] == "Air/drone strike"]
    assert [(r["actor1"], r["actor2"]) for r in strikes] == [("Military Forces of Saudi Arabia", "Houthi Movement")]
    # the resistance fighting beside the coalition is no target, however often the report names it
    text = ("شن طيران التحالف غارات على مواقع في مدينة صعدة امس. وقالت مصادر في المقاومة الشعبية إن المقاومة "
            "الشعبية تتقدم في مدينة تعز.")
    strikes = [r for r in rows(nlp, text, "2015-08-12") if r["sub_event_type"] == "Air/drone strike"]
    assert [(r["actor1"], r["actor2"]) for r in strikes] == [("Military Forces of Saudi Arabia", None)]


def test_a_place_the_government_regained_was_lost_by_a_rebel_group_not_by_its_ally(nlp):
    # the resistance fighting beside the army is named most, the Houthis twice: the Houthis lost the town
    text = ("سيطرت القوات الحكومية المدعومة بالمقاومة الشعبية على مدينة زنجبار امس. وقالت مصادر في المقاومة "
            "الشعبية إن المقاومة الشعبية تتقدم، فيما فر الحوثيون من المدينة بعد أن كان الحوثيون يسيطرون عليها.")
    taken = [r for r in rows(nlp, text, "2015-08-12") if r["sub_event_type"] == "Government regains territory"]
    assert [(r["actor1"], r["actor2"], r["location"]) for r in taken] == [
        ("Military Forces of Yemen", "Houthi Movement", "Zinjibar")]


def test_a_strike_from_the_air_and_a_capture_by_another_side_that_day_are_two_events(nlp):
    out = rows(nlp, "سيطرت المقاومة الشعبية أمس على مدينة زنجبار بعد معارك مع الحوثيين. وشن طيران التحالف "
                    "غارات على مواقع الحوثيين في زنجبار.", "2015-08-09")
    assert sorted((r["sub_event_type"], r["actor1"], r["actor2"], r["location"]) for r in out) == [
        ("Air/drone strike", "Military Forces of Saudi Arabia", "Houthi Movement", "Zinjibar"),
        ("Non-state actor overtakes territory", "Popular Resistance", "Houthi Movement", "Zinjibar")]


def test_a_toll_over_twelve_years_written_with_the_article_on_the_number_is_no_event(nlp):
    out = rows(nlp, "تمكنت الأجهزة الأمنية في الرياض من القبض على 4336 متهمًا بالانضمام لخلايا إرهابية خلال الـ12 "
                    "عامًا الماضية.", "2015-07-22")
    assert out == []


def test_the_first_side_of_a_fight_ends_at_min_jiha_and_the_enemy_follows(nlp):
    out = rows(nlp, "وتواصلت أمس المواجهات في مدينة تعز بين المقاومة والجيش الوطني من جهة ومليشيات الحوثي وصالح "
                    "من جهة أخرى.", "2015-08-10")
    assert [(r["sub_event_type"], r["actor1"], r["actor2"]) for r in out] == [
        ("Armed clash", "Popular Resistance", "Houthi Movement")]
    out = rows(nlp, "واستمرت امس الاشتباكات العنيفة بين فصائل المعارضة ومقاتلين من طرف وقوات النظام وعناصر حزب الله "
                    "اللبناني من طرف آخر، في محيط بلدة المنصورة بسهل الغاب في ريف حماة.", "2015-08-09")
    assert [(r["actor1"], r["actor2"]) for r in out] == [("Opposition Rebels (Syria)", "Military Forces of Syria")]



def test_a_force_that_lends_its_aircraft_and_warships_is_no_author_of_the_capture(nlp):
    out = rows(nlp, "وقالت مصادر إن قوات الجيش الوطني والمقاومة حققت أمس تقدما في محافظة ابين، اذ استطاعت بعد معارك "
                    "عنيفة من السيطرة على مدينة جعار بمشاركة طيران وبارجات التحالف العربي.", "2015-08-10")
    assert not any(r["actor1"] == "Military Forces of Saudi Arabia" for r in out)
    # … and warships fire as artillery does
    out = rows(nlp, "وقصفت بارجات التحالف العربي أمس مواقع الحوثيين في مدينة زنجبار.", "2015-08-10")
    assert [(r["sub_event_type"], r["actor1"], r["actor2"]) for r in out] == [
        ("Shelling/artillery/missile attack", "Military Forces of Saudi Arabia", "Houthi Movement")]

def test_militants_killed_and_others_arrested_in_one_operation_are_a_clash(nlp):
    out = rows(nlp, "قتلت الشرطة العراقية أمس ثلاثة من عناصر تنظيم داعش واعتقلت خمسة آخرين في مدينة الموصل.",
               "2015-07-22")
    assert [(r["sub_event_type"], r["actor1"], r["actor2"], r["fatalities"]) for r in out] == [
        ("Armed clash", "Police Forces of Iraq", "Islamic State (Iraq)", 3)]



def test_a_daily_named_after_a_city_is_no_place(nlp):
    def places(text):
        return [m.text for m in nlp.process({"text": text, "published": "2015-08-10"}).mentions if m.type == "PLACE"]
    assert places('وقال مصدر عسكري لـ"الرياض" إن قوات الجيش سيطرت على جعار.') == ["جعار"]
    assert places("وذكرت صحيفة الرياض أن قوات الجيش سيطرت على جعار.") == ["جعار"]
    assert places("وقال مسؤول في الرياض إن قوات الجيش سيطرت على جعار.") == ["الرياض", "جعار"]


def test_fighters_who_travelled_to_fight_in_a_groups_ranks_are_no_battle(nlp):
    doc = nlp.process({"text": "وتقول روسيا إن آلافا من مواطنيها سافروا إلى سوريا للقتال في صفوف تنظيم داعش.",
                       "published": "2015-08-03"})
    assert [e.trigger_text for e in doc.event_mentions if e.ext.get("status") is None and not e.warnings] == []


def test_a_date_of_the_event_counted_from_with_since_does_not_date_the_act(nlp):
    out = rows(nlp, "بقيت خلايا الفئة الضالة على النهج ذاته منذ تفجيرات مايو 2003، حتى العملية الانتحارية الغادرة في "
                    "مسجد قوات أمن الطوارئ في مدينة أبها ظهر أمس.", "2015-08-07")
    assert [(r["sub_event_type"], r["event_date"], r["location"]) for r in out] == [("Suicide bomb", "2015-08-06", "Abha")]


def test_a_military_convoy_of_the_rebels_is_theirs_not_the_states(nlp):
    out = rows(nlp, "وهاجم مسلحو المقاومة الشعبية امس رتلا عسكريا يضم تعزيزات عسكرية للحوثيين في مدينة تعز.", "2015-07-23")
    assert [(r["actor1"], r["actor2"]) for r in out] == [("Popular Resistance", "Houthi Movement")]
    out = rows(nlp, "وهاجم مسلحون امس رتلا عسكريا للجيش في مدينة تعز.", "2015-07-23")
    assert [(r["actor1"], r["actor2"]) for r in out] == [("Unidentified Armed Group (Yemen)", "Military Forces of Yemen")]


def test_a_site_named_with_the_force_it_belongs_to_makes_that_force_the_target(nlp):
    out = rows(nlp, "قتل 15 شخصا في تفجير انتحاري استهدف مسجدا لقوات الطوارئ الخاصة في مدينة أبها أمس.", "2015-08-07")
    assert [(r["sub_event_type"], r["actor1"], r["actor2"]) for r in out] == [
        ("Suicide bomb", "Unidentified Armed Group (Saudi Arabia)", "Police Forces of Saudi Arabia")]
    out = rows(nlp, "قتل 20 شخصا على الأقل في هجوم انتحاري استهدف أمس الجمعة أكاديمية للشرطة في العاصمة الأفغانية كابول.",
               "2015-08-08")
    assert [r["actor2"] for r in out] == ["Police Forces of Afghanistan"]
    # a mosque of no force is the worshippers'
    out = rows(nlp, "قتل 15 مصليا في تفجير انتحاري استهدف مسجدا في مدينة أبها أمس.", "2015-08-07")
    assert [r["actor2"] for r in out] == ["Civilians (Saudi Arabia)"]


def test_the_attack_on_a_forces_mosque_told_again_is_the_suicide_bombing(nlp):
    out = rows(nlp, "فجر انتحاري نفسه اليوم في مسجد تابع لقوات الطوارئ في منطقة عسير، ما أدى إلى مقتل 11 من منسوبي القوات. "
                    "وقالت وزارة الداخلية إن اثنين من رجال الأمن المصابين في حادثة استهداف مسجد قوات الطوارئ بمنطقة عسير "
                    "توفيا متأثرين بإصابتهما.", "2015-08-06")
    assert [(r["sub_event_type"], r["actor2"]) for r in out] == [("Suicide bomb", "Police Forces of Saudi Arabia")]


def test_a_civil_plane_crash_is_an_accident_and_a_warplane_crash_in_war_is_not(nlp):
    assert rows(nlp, "قتل ثلاثة اشخاص امس الاحد في تحطم طائرة صغيرة فوق منطقة سكنية في طوكيو.", "2015-07-27") == []
    out = rows(nlp, "قتل 31 شخصا امس بغارة لطائرة حربية تابعة للنظام تحطمت فوق سوق في مدينة أريحا بمحافظة إدلب.",
               "2015-08-04")
    assert [r["sub_event_type"] for r in out] == ["Air/drone strike"]


def test_whoever_does_a_thing_and_what_goes_on_amid_a_state_are_not_incidents(nlp):
    assert rows(nlp, "وأكد المرصد أن التنظيم يعتقل كل من ينشر أخبار التنظيم عبر مداهمات متتالية لمحلات الإنترنت.",
                "2015-07-21") == []
    assert rows(nlp, "ويعاني سكان الرقة أوضاعا صعبة في ظل الضغوط التي يمارسها تنظيم داعش من جهة، وغارات التحالف "
                     "الدولي ضد التنظيم من جهة أخرى.", "2015-08-09") == []
    # … while people of an incident are coded
    out = rows(nlp, "واعتقلت الشرطة أمس كل من كان في المنزل في مدينة الرقة.", "2015-07-21")
    assert [r["sub_event_type"] for r in out] == ["Arrests"]


def test_a_city_where_journalists_were_told_is_not_the_place_of_the_act(nlp):
    out = rows(nlp, "قتل 30 شخصا في تفجير انتحاري في مدينة سروج أمس. وقال رئيس الوزراء امام الصحافيين في انقرة إن "
                    "التفجير ناجم عن اعتداء انتحاري قام به داعش.", "2015-07-21")
    assert {r["location"] for r in out} == {"Suruc"}


def test_people_killed_in_a_new_attack_are_its_victims_not_its_authors(nlp):
    out = rows(nlp, "أعلن حلف شمال الأطلسي اليوم أن جنديا من قواته وثمانية مقاولين أفغان قتلوا في هجوم لمسلحين على "
                    "قاعدة تابعة للناتو في كابل.", "2015-08-08")
    assert [(r["actor1"], r["actor2"]) for r in out] == [
        ("Unidentified Armed Group (Afghanistan)", "NATO: North Atlantic Treaty Organization")]


def test_thousands_taken_over_a_campaign_are_a_tally_not_an_incident(nlp):
    assert rows(nlp, "وقال المسؤول ان بوكو حرام اختطفت آلاف المدنيين بينهم نساء واطفال في ولاية بورنو.", "2015-08-01") == []
    assert rows(nlp, "قال المسؤول إنه تم القبض على عدة آلاف من الإرهابيين في عملية ضربة السيف في باكستان.", "2015-07-25") == []
    out = rows(nlp, "اختطف مسلحون خمسة مدنيين في ولاية بورنو أمس.", "2015-08-01")
    assert [r["sub_event_type"] for r in out] == ["Abduction/forced disappearance"]


def test_a_request_for_a_truce_and_another_breach_of_one_are_no_agreement(nlp):
    assert rows(nlp, "وكان المتمردون طلبوا مرات عدة إعلان وقف لإطلاق النار من الجانبين في كولومبيا.", "2015-07-27") == []
    out = rows(nlp, "واتهمت باكستان الهند بانتهاك آخر لوقف إطلاق النار في إقليم كشمير حيث ذكرت أن أربعة مدنيين قتلوا في "
                    "قصف للمناطق الباكستانية من الإقليم.", "2015-07-20")
    assert "Agreement" not in {r["sub_event_type"] for r in out}


def test_a_separator_after_a_detached_conjunction_starts_another_incident(nlp):
    out = rows(nlp, "وتظاهر المئات من أهالي محافظة البصرة امس احتجاجا على عدم توفر الخدمات وطالبوا بالايفاء بالوعود، "
                    "و كما شهدت مدينة كربلاء تظاهرة اخرى شارك فيها المئات للمطالبة بحل أزمة الكهرباء.", "2015-08-03")
    assert sorted((r["sub_event_type"], r["location"]) for r in out) == [
        ("Peaceful protest", "Basrah"), ("Peaceful protest", "Karbala")]


def test_a_conjunct_after_a_sides_supporter_is_one_more_supporter_when_the_enemy_follows(nlp):
    out = rows(nlp, "وقعت اشتباكات عنيفة بين المقاومة الشعبية المدعومة بقوات الجيش الوطني وطائرات التحالف العربي، "
                    "والمتمردين الحوثيين داخل قاعدة العند الجوية في محافظة لحج، ظهر أمس.", "2015-08-04")
    assert [(r["actor1"], r["actor2"]) for r in out] == [("Popular Resistance", "Houthi Movement")]


def test_air_strikes_that_back_a_ground_attack_do_not_make_the_air_force_its_author(nlp):
    out = rows(nlp, "وقال مراسلون إن الاشتباكات انتقلت إلى داخل قاعدة العند بعدما سيطرت قوات المقاومة الشعبية على "
                    "بوابتها الغربية أمس إثر هجوم موسع لاستعادتها مدعوم بغارات من طيران التحالف.", "2015-08-04")
    assert [(r["sub_event_type"], r["actor1"]) for r in out] == [
        ("Non-state actor overtakes territory", "Popular Resistance")]


def test_an_arrest_in_the_raid_that_seized_a_weapon_is_an_arrest_and_its_pretext_no_incident(nlp):
    out = rows(nlp, "كما اعتقلت قوات الاحتلال فجر أمس الأربعاء شابا بعد اقتحام منزل عائلته ومصادرة سلاح في قرية عوريف "
                    "جنوب مدينة نابلس.", "2015-07-23")
    assert [(r["sub_event_type"], r["actor1"]) for r in out] == [("Arrests", "Military Forces of Israel")]
    out = rows(nlp, "كما اعتقلت قوات الاحتلال شاباً فلسطينياً وفتى من منطقة باب العامود بمدينة القدس، بحجة إلقاء الحجارة "
                    "باتجاه القطار الخفيف.", "2015-07-23")
    assert [r["sub_event_type"] for r in out] == ["Arrests"]
    # … a seizure with no one arrested stays a disrupted weapons use
    out = rows(nlp, "ضبطت قوات الأمن كمية من الأسلحة والذخائر في مدينة العريش أمس.", "2015-07-23")
    assert [r["sub_event_type"] for r in out] == ["Disrupted weapons use"]


def test_the_group_of_the_people_arrested_is_never_also_their_arrester(nlp):
    out = rows(nlp, "اعتقلت امرأتان يسود الاعتقاد انهما تنتميان لخلية ارهابية تم تفكيكها اخيرا وكانت تنوي تنفيذ هجمات "
                    "في المغرب باسم تنظيم داعش في طنجة، كما اعلنت وزارة الداخلية أمس الجمعة.", "2015-07-25")
    assert [(r["sub_event_type"], r["actor1"], r["actor2"]) for r in out] == [
        ("Arrests", None, "Islamic State (Morocco)")]


def test_a_cell_dismantled_is_an_arrest_of_its_members_and_a_bomb_dismantled_is_not(nlp):
    out = rows(nlp, "وكانت السلطات المغربية اعلنت الثلاثاء تفكيك «خلية ارهابية تتألف من ثمانية اعضاء ناشطين في مدينة "
                    "طنجة».", "2015-07-25")
    assert [(r["sub_event_type"], r["actor1"]) for r in out] == [("Arrests", "Police Forces of Morocco")]
    out = rows(nlp, "فككت قوات الأمن عبوة ناسفة في مدينة العريش أمس.", "2015-07-25")
    assert [r["sub_event_type"] for r in out] == ["Disrupted weapons use"]
