"""Roles: actor1 / actor2 from general constructions, places, implied actors, claims, evidence."""
import json
from pathlib import Path

from test_events import coded, make_doc, name, run

from conflict_events.events import Events

SEED = json.loads((Path(__file__).resolve().parents[1] / "data" / "samples" / "seed" /
                   "deir_ez_zor_liwa_al_baqir.json").read_text(encoding="utf-8"))


def one(doc):
    ems = coded(doc)
    assert len(ems) == 1, [(e.sub_event_type, e.trigger_text) for e in ems]
    return ems[0]


def test_seed_lead_sentence_is_a_battle_is_against_liwa_al_baqir():
    text = SEED["text"]
    lead_end = text.index("بينهم قيادي بارز.") + len("بينهم قيادي بارز.")
    lead = text[text.rindex("أكدت تقارير إعلامية", 0, lead_end):lead_end]
    doc = make_doc(lead, "Syria",
                   [("لواء الباقر", "Liwa al-Baqir", 3), ("نظام الأسد", "Government of Syria", 1),
                    ("تنظيم داعش", "Islamic State (Syria)", 2)],
                   [("دير الزور", "Deir ez-Zor", "Deir ez-Zor", 3)], published="2018-04-09")
    Events()(doc)
    em = one(doc)
    assert (em.event_type, em.sub_event_type) == ("Battles", "Armed clash")
    assert em.actor1.text == "تنظيم داعش" and name(em.actor1) == "Islamic State (Syria)"
    assert em.actor2.text == "لواء الباقر" and name(em.actor2) == "Liwa al-Baqir"
    # the militia's supporter is described, not a party
    assert all(name(m) != "Government of Syria" for m in [em.actor1, em.actor2] + em.assoc_actor_1 + em.assoc_actor_2)
    assert doc.text[em.trigger.start:em.trigger.end] == em.trigger_text
    assert em.trigger_text in ("مواجهات", "مقتل")
    assert em.ext["place_qualifier"] == "countryside"
    for ev in em.ext["evidence"]:
        assert doc.text[ev["start"]:ev["end"]] == ev["text"]


def test_killed_of_x_by_fire_of_y():
    doc = run("مقتل خمسة من عناصر قوات سوريا الديمقراطية بنيران الجيش التركي قرب بلدة عين عيسى.", "Syria",
              [("قوات سوريا الديمقراطية", "SDF: Syrian Democratic Forces", 2),
               ("الجيش التركي", "Military Forces of Turkey", 8)])
    em = one(doc)
    assert name(em.actor1) == "Military Forces of Turkey"
    assert name(em.actor2) == "SDF: Syrian Democratic Forces"
    assert em.sub_event_type == "Armed clash"


def test_killed_of_x_in_attack_of_y():
    doc = run("قُتل ثلاثة من أفراد الشرطة في هجوم لمسلحي حركة الشباب على مركز أمني.", "Egypt",
              [("الشرطة", "Police Forces of Egypt", 1), ("حركة الشباب", "Al Shabaab", 2)])
    em = one(doc)
    assert (name(em.actor1), name(em.actor2)) == ("Al Shabaab", "Police Forces of Egypt")


def test_casualties_in_the_ranks_of_x():
    doc = run("سقط قتلى وجرحى في صفوف قوات الوفاق إثر قصف صاروخي شنته قوات حفتر على منطقة عين زارة.", "Libya",
              [("قوات الوفاق", "Military Forces of Libya", 1), ("قوات حفتر", "LNA: Libyan National Army", 2)])
    em = one(doc)
    assert em.sub_event_type == "Shelling/artillery/missile attack"
    assert (name(em.actor1), name(em.actor2)) == ("LNA: Libyan National Army", "Military Forces of Libya")


def test_x_targets_positions_of_y():
    doc = run("استهدفت هيئة تحرير الشام مواقع قوات النظام في ريف اللاذقية بقذائف الهاون.", "Syria",
              [("هيئة تحرير الشام", "HTS: Hayat Tahrir al-Sham", 2), ("قوات النظام", "Military Forces of Syria", 1)])
    em = one(doc)
    assert em.sub_event_type == "Shelling/artillery/missile attack"
    assert (name(em.actor1), name(em.actor2)) == ("HTS: Hayat Tahrir al-Sham", "Military Forces of Syria")


def test_killed_at_the_hands_of():
    doc = run("قُتل مواطن على يد مسلحين مجهولين في مدينة درعا.", "Syria",
              [("مواطن", "Civilians (Syria)", 7), ("مسلحين مجهولين", "Unidentified Armed Group (Syria)", 3)])
    em = one(doc)
    assert em.sub_event_type == "Attack" and em.civilian_targeting
    assert name(em.actor1) == "Unidentified Armed Group (Syria)" and name(em.actor2) == "Civilians (Syria)"


def test_passive_without_agent_gives_unidentified_armed_group_for_bombs_not_for_protests():
    em = one(run("قُتل شخصان بانفجار عبوة ناسفة في سوق مدينة الرمادي.", "Iraq"))
    assert em.sub_event_type == "Remote explosive/landmine/IED"
    assert name(em.actor1) == "Unidentified Armed Group (Iraq)"
    assert name(em.actor2) == "Civilians (Iraq)" and em.civilian_targeting
    assert em.actor1.source == "implied" and em.actor1.text  # cites a span of the text
    em = one(run("خرج متظاهرون في مدينة صفاقس للمطالبة بالتشغيل.", "Egypt"))
    assert em.sub_event_type == "Peaceful protest"
    assert name(em.actor1) == "Protesters (Egypt)" and em.actor2 is None


def test_air_strike_with_unknown_perpetrator_gets_no_invented_actor1():
    em = one(run("استهدفت غارة جوية مجهولة قافلة شاحنات قرب مدينة البوكمال.", "Syria"))
    assert em.sub_event_type == "Air/drone strike" and em.actor1 is None


def test_claim_gives_actor1_to_the_incident_before():
    doc = run("قُتل أربعة جنود بانفجار عبوة ناسفة استهدفت آليتهم في شمال سيناء. وتبنى تنظيم ولاية سيناء "
              "الهجوم عبر وكالة أعماق.", "Egypt",
              [("جنود", "Military Forces of Egypt", 1), ("ولاية سيناء", "Islamic State (Egypt)", 2)])
    em = one(doc)
    assert em.sub_event_type == "Remote explosive/landmine/IED"
    assert name(em.actor1) == "Islamic State (Egypt)" and name(em.actor2) == "Military Forces of Egypt"


def test_claim_written_with_a_shadda_still_names_the_bomber():
    doc = run("قُتل خمسة جنود عندما فجّر انتحاري سيارة مفخخة عند نقطة تفتيش في المكلا، وتبنّى تنظيم القاعدة "
              "في جزيرة العرب الهجوم.", "Yemen",
              [("جنود", "Military Forces of Yemen", 1), ("انتحاري", "Unidentified Armed Group (Yemen)", 3),
               ("تنظيم القاعدة في جزيرة العرب", "AQAP: Al Qaeda in the Arabian Peninsula", 2)])
    em = one(doc)
    assert em.sub_event_type == "Suicide bomb"
    assert name(em.actor1) == "AQAP: Al Qaeda in the Arabian Peninsula"


def test_the_armed_actor_just_before_the_weapon_is_the_perpetrator():
    doc = run("أصيب أحد عشر شخصاً بحالات اختناق إثر إلقاء مروحيات النظام براميل متفجرة محمّلة بغاز الكلور "
              "على مدينة سراقب.", "Syria", [("مروحيات النظام", "Military Forces of Syria", 1)])
    em = one(doc)
    assert em.sub_event_type == "Chemical weapon"
    assert name(em.actor1) == "Military Forces of Syria" and name(em.actor2) == "Civilians (Syria)"


def test_a_weapon_named_again_shows_no_one_using_it():
    doc = run("قُتل أربعة مدنيين في غارة شنتها طائرة مسيّرة على خيمة في خان يونس، فيما وصفت حركة حماس "
              "الغارة بأنها جريمة.", "Palestine", [("حركة حماس", "Hamas Movement", 2)])
    assert all(name(em.actor1) != "Hamas Movement" for em in doc.event_mentions)


def test_mourning_gives_actor2_to_the_incident_before():
    doc = run("استهدفت مسيرة إسرائيلية سيارة في بلدة الناقورة جنوبي لبنان. ونعى حزب الله اثنين من عناصره.",
              "Lebanon", [("إسرائيلية", "Military Forces of Israel", 1), ("حزب الله", "Hezbollah", 2)])
    em = one(doc)
    assert em.sub_event_type == "Air/drone strike"
    assert (name(em.actor1), name(em.actor2)) == ("Military Forces of Israel", "Hezbollah")


def test_anaphoric_head_refers_back():
    doc = run("شن تنظيم داعش هجوما على مواقع الجيش العراقي في صحراء الأنبار. واستهدف التنظيم نقطة "
              "عسكرية بسيارة مفخخة في المنطقة ذاتها.", "Iraq",
              [("تنظيم داعش", "Islamic State (Iraq)", 2), ("الجيش العراقي", "Military Forces of Iraq", 1)])
    ems = coded(doc)
    assert len(ems) == 2
    assert ems[1].actor1.text == "التنظيم" and name(ems[1].actor1) == "Islamic State (Iraq)"
    assert ems[1].actor1.source == "anaphora"


def test_source_and_speaker_are_not_actors():
    doc = run("قال مصدر في قيادة شرطة كركوك إن مسلحين اختطفوا مهندسا على طريق الحويجة.", "Iraq",
              [("قيادة شرطة كركوك", "Police Forces of Iraq", 1), ("مسلحين", "Unidentified Armed Group (Iraq)", 3)])
    em = one(doc)
    assert em.sub_event_type == "Abduction/forced disappearance"
    assert name(em.actor1) == "Unidentified Armed Group (Iraq)"
    assert name(em.actor2) != "Police Forces of Iraq"


def test_protest_actor_order_force_is_actor2():
    doc = run("فرقت قوات الأمن السودانية بالغاز المسيل للدموع موكبا للمحتجين في الخرطوم بحري.", "Sudan",
              [("قوات الأمن السودانية", "Police Forces of Sudan", 1)])
    em = one(doc)
    assert em.sub_event_type == "Protest with intervention"
    assert name(em.actor1) == "Protesters (Sudan)" and name(em.actor2) == "Police Forces of Sudan"


def test_place_nearest_with_preposition_and_not_destination():
    doc = run("قُتل جنديان بانفجار لغم في ريف مدينة درعا، ونقل المصابون إلى مشافي دمشق.", "Syria",
              [("جنديان", "Military Forces of Syria", 1)],
              [("درعا", "Daraa", "Daraa", 1), ("دمشق", "Damascus", "Damascus", 1)])
    em = one(doc)
    assert em.place is not None and em.place.text == "درعا"
    assert em.ext["place_qualifier"] == "countryside"
    assert any(e["field"] == "location" for e in em.ext["evidence"])


def test_place_falls_back_to_the_article():
    doc = run("شهدت مدينة تعز اليوم توترا أمنيا. وأصيب ثلاثة مدنيين برصاص قناص حوثي.", "Yemen",
              [("مدنيين", "Civilians (Yemen)", 7), ("حوثي", "Houthi Movement", 2)],
              [("تعز", "Taizz", "Taizz", 1)])
    em = one(doc)
    assert em.place is not None and em.place.text == "تعز"
    assert name(em.actor1) == "Houthi Movement"


def test_car_bomb_in_a_ground_assault_between_two_armed_sides_is_a_battle():
    doc = run("شن مقاتلو تنظيم داعش هجوما بسيارة مفخخة على مواقع قوات سوريا الديمقراطية في بلدة الباغوز، "
              "ما أدى إلى مقتل سبعة مقاتلين.", "Syria",
              [("تنظيم داعش", "Islamic State (Syria)", 2),
               ("قوات سوريا الديمقراطية", "SDF: Syrian Democratic Forces", 2)])
    em = one(doc)
    assert (em.event_type, em.sub_event_type) == ("Battles", "Armed clash")
    assert (name(em.actor1), name(em.actor2)) == ("Islamic State (Syria)", "SDF: Syrian Democratic Forces")
    assert {t["class"] for t in em.ext["triggers"]} >= {"assault", "Remote explosive/landmine/IED"}


def test_parked_car_bomb_is_remote_explosive():
    em = one(run("انفجرت سيارة مفخخة مركونة قرب مبنى البلدية في مدينة أعزاز، ما أسفر عن مقتل ستة مدنيين.",
                 "Syria", [("مدنيين", "Civilians (Syria)", 7)]))
    assert em.sub_event_type == "Remote explosive/landmine/IED"
    assert name(em.actor1) == "Unidentified Armed Group (Syria)" and name(em.actor2) == "Civilians (Syria)"


def test_place_chain_town_in_district_and_square_in_town():
    doc = run("تعرضت أطراف بلدة الخيام في قضاء مرجعيون لقصف مدفعي إسرائيلي.", "Lebanon",
              [("إسرائيلي", "Military Forces of Israel", 1)],
              [("الخيام", "Khiam", "Nabatieh", 1), ("مرجعيون", "Marjayoun", "Nabatieh", 1)])
    assert one(doc).place.text == "الخيام"
    doc = run("فرقت الشرطة مظاهرة في ميدان الأربعين بمدينة السويس بالغاز المسيل للدموع.", "Egypt",
              [("الشرطة", "Police Forces of Egypt", 1)],
              [("الأربعين", "al-Arbain", "Suez", 1), ("السويس", "Suez", "Suez", 1)])
    assert one(doc).place.text == "السويس"


def test_a_force_with_a_possessive_pronoun_is_the_actor_named_before_it():
    from conflict_events import Pipeline

    events = Pipeline().extract("قال الجيش الإسرائيلي في بيان، اليوم، إن قواته فكّكت، ليلة أمس، عبوات ناسفة زُرعت "
                                "تحت الطرقات في مخيم نور شمس قرب مدينة طولكرم.", published="2024-01-08")
    assert [(e.sub_event_type, e.actor1.name if e.actor1 else None) for e in events] == [
        ("Disrupted weapons use", "Military Forces of Israel")]
    ev = [x for x in events[0].evidence if x.field == "actor1"][0]
    assert ev.text == "قواته"


def test_a_plural_verb_follows_its_subject_and_the_noun_after_it_is_the_object():
    doc = run("وقالت وزارة الداخلية إن مسلحين من حزب العمال الكردستاني قتلوا شرطيين في هجوم على دورية.", "Iraq",
              [("وزارة الداخلية", "Government of Iraq", 1), ("حزب العمال الكردستاني", "PKK", 2),
               ("شرطيين", "Police Forces of Iraq", 1)])
    em = one(doc)
    assert (name(em.actor1), name(em.actor2)) == ("PKK", "Police Forces of Iraq")


def test_a_speaker_with_a_title_before_the_name_gets_no_role():
    doc = run("وقال الرئيس التركي رجب طيب أردوغان إن 30 شخصا قتلوا في تفجير انتحاري في بلدة سروج.", "Iraq",
              [("رجب طيب أردوغان", "Government of Turkey", 1)], [("سروج", "Suruc", "Sanliurfa", 1)])
    em = one(doc)
    assert em.sub_event_type == "Suicide bomb" and name(em.actor1) != "Government of Turkey"


def test_a_generic_gunman_said_to_belong_to_a_group_takes_the_group():
    doc = run("هاجم مسلحون يعتقد أنهم من تنظيم داعش حاجزا للجيش العراقي وقتلوا أربعة جنود.", "Iraq",
              [("مسلحون", "Unidentified Armed Group (Iraq)", 3), ("تنظيم داعش", "Islamic State (Iraq)", 2),
               ("للجيش العراقي", "Military Forces of Iraq", 1)])
    em = one(doc)
    assert (name(em.actor1), name(em.actor2)) == ("Islamic State (Iraq)", "Military Forces of Iraq")
    doc = run("قتل خمسة مدنيين برصاص مسلحين ينتمون إلى جبهة النصرة.", "Syria",
              [("مسلحين", "Unidentified Armed Group (Syria)", 3), ("جبهة النصرة", "Al Nusrah Front", 2),
               ("مدنيين", "Civilians (Syria)", 7)])
    assert name(one(doc).actor1) == "Al Nusrah Front"


def test_mines_left_behind_by_a_group_are_that_group_s():
    doc = run("وقال المسؤول إن مدنيين قتلوا بانفجار ألغام أرضية تركها الحوثيون في المدينة.", "Yemen",
              [("مدنيين", "Civilians (Yemen)", 7), ("الحوثيون", "Houthi Movement", 2)])
    em = one(doc)
    assert (name(em.actor1), name(em.actor2)) == ("Houthi Movement", "Civilians (Yemen)")


def test_an_attack_on_a_police_station_or_an_army_vehicle_is_on_that_force():
    doc = run("واستهدف هجوم بسيارة مفخخة مركزا للشرطة في مدينة العريش فجر اليوم.", "Egypt")
    em = one(doc)
    assert (name(em.actor1), name(em.actor2)) == ("Unidentified Armed Group (Egypt)", "Police Forces of Egypt")
    assert doc.text[em.actor2.start:em.actor2.end] == "مركزا للشرطة"
    doc = run("وانفجرت عبوة ناسفة لدى مرور دورية عسكرية على طريق العريش.", "Egypt")
    assert name(one(doc).actor2) == "Military Forces of Egypt"
    # a checkpoint of no named force is not the state's: rebels hold checkpoints too
    doc = run("وانفجرت عبوة ناسفة قرب حاجز على طريق العريش.", "Egypt")
    assert name(one(doc).actor2) != "Military Forces of Egypt"


def test_a_lone_attacker_named_by_what_she_is_is_no_mob():
    doc = run("أسفر هجوم نفذته فتاة عن سقوط 20 قتيلاً مساء السبت في مدينة العريش.", "Egypt",
              [("فتاة", "Civilians (Egypt)", 7)])
    em = one(doc)
    assert em.sub_event_type == "Attack" and name(em.actor1) == "Unidentified Armed Group (Egypt)"
    # a crowd of residents who storm and burn is still a mob
    doc = run("اقتحم أهالي القرية منزل المتهم وأحرقوه في مدينة العريش.", "Egypt",
              [("أهالي القرية", "Civilians (Egypt)", 7)])
    assert one(doc).sub_event_type == "Mob violence"


def test_the_sides_of_talks_are_not_the_sides_of_the_attack():
    actors = [("الحكومة", "Government of Yemen", 1), ("الحوثيين", "Houthi Movement", 2)]
    talks = one(run("ولم تعلن أي جهة مسؤوليتها عن الهجوم الانتحاري الذي وقع قبل بدء جولة جديدة من محادثات "
                    "السلام بين الحكومة والحوثيين.", "Yemen", actors))
    assert (name(talks.actor1), name(talks.actor2)) == ("Unidentified Armed Group (Yemen)", None)
    fight = one(run("واندلعت اشتباكات عنيفة بين الحكومة والحوثيين في مدينة تعز.", "Yemen", actors))
    assert (name(fight.actor1), name(fight.actor2)) == ("Government of Yemen", "Houthi Movement")


def test_a_force_named_as_the_support_of_a_side_takes_no_role_of_the_fight():
    from conflict_events import Pipeline

    out = Pipeline().extract("تجددت المعارك العنيفة امس بين رجال المقاومة الشعبية المدعومين بطيران التحالف ومسلحي "
                             "جماعة الحوثيين في منطقة المسيمير في لحج.", published="2015-07-27")
    assert [(e.sub_event_type, e.actor1.name, e.actor2.name) for e in out] == [
        ("Armed clash", "Popular Resistance", "Houthi Movement")]
