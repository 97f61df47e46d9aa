"""Curated actors beyond the Levant, Iraq and Yemen: one test per family of entries, with the
common words that must not link (الشباب "youth", المرابطون, طالبان "two students", حسم, الصحوة)."""
import datetime as dt

import pytest

from conflict_events import Pipeline
from conflict_events.actors import ActorDictionary, nationality_adjectives
from conflict_events.normalize import normalize_for_matching as norm

D2015, D2019, D2023 = dt.date(2015, 8, 2), dt.date(2019, 8, 2), dt.date(2023, 8, 2)


@pytest.fixture(scope="module")
def actors():
    return ActorDictionary.default()


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline()


def name(actors, text, country=None, date=D2015):
    a = actors.link(norm(text), country=country, date=date)
    return a.name if a else None


def events(pipeline, text, published="2015-08-02"):
    return [(e.sub_event_type, e.actor1.name if e.actor1 else None, e.actor2.name if e.actor2 else None)
            for e in pipeline.extract(text, published=published)]


def test_al_shabaab_in_its_long_and_short_forms(actors):
    for form in ("حركة الشباب المجاهدين", "الشباب المجاهدين", "حركة الشباب الصومالية", "جماعة الشباب الصومالية"):
        assert name(actors, form, "Egypt") == "Al Shabaab", form
    for form in ("حركة الشباب", "لحركة الشباب", "جماعة الشباب", "مقاتلي الشباب", "مسلحو الشباب"):
        assert name(actors, form, "Somalia") == "Al Shabaab", form
    assert name(actors, "حركة الشباب", "Kenya") == "Al Shabaab"
    assert name(actors, "حركة الشباب", None) == "Al Shabaab"
    assert name(actors, "قوة أميصوم", "Somalia") == "AMISOM: African Union Mission in Somalia"
    assert name(actors, "قوات الاتحاد الأفريقي", "Somalia", D2023) == "ATMIS: African Union Transition Mission in Somalia"


def test_youth_is_not_al_shabaab(actors, pipeline):
    assert name(actors, "الشباب", "Somalia") == "Civilians (Somalia)"
    assert name(actors, "حركة الشباب", "Egypt") != "Al Shabaab"  # a youth movement there
    assert not name(actors, "قوات الاتحاد الأفريقي", "Sudan").startswith("AMISOM")  # another mission there
    assert events(pipeline, "تظاهر مئات الشباب أمس في وسط القاهرة احتجاجا على ارتفاع الأسعار.") == [
        ("Peaceful protest", "Protesters (Egypt)", None)]


def test_an_al_shabaab_attack_in_a_sentence(pipeline):
    assert events(pipeline, "قتل خمسة جنود صوماليين أمس السبت في هجوم شنه مقاتلو حركة الشباب على قاعدة عسكرية "
                            "في بلدة جنالي بإقليم شبيلي السفلى.") == [
        ("Armed clash", "Al Shabaab", "Military Forces of Somalia")]


def test_boko_haram_and_the_west_africa_province_by_date(actors, pipeline):
    bh = "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad"
    for form in ("بوكو حرام", "جماعة بوكو حرام", "لجماعة بوكو حرام", "حركة بوكو حرام", "مسلحو بوكو حرام"):
        assert name(actors, form, "Nigeria") == bh, form
    assert name(actors, "ولاية غرب أفريقيا", "Nigeria", D2015) == bh  # Shekau's pledge, before the 2016 split
    assert name(actors, "ولاية غرب أفريقيا", "Nigeria", D2019) == "Islamic State (West Africa)"
    assert name(actors, "داعش", "Chad", D2019) == "Islamic State (West Africa)"
    assert name(actors, "رعاة الفولاني", "Nigeria") == "Fulani Ethnic Militia (Nigeria)"
    assert name(actors, "رعاة", "Nigeria") != "Fulani Ethnic Militia (Nigeria)"
    assert events(pipeline, "هاجم مسلحون من جماعة بوكو حرام قرية في ولاية بورنو شمال شرق نيجيريا وقتلوا 20 مدنيا.") == [
        ("Attack", bh, "Civilians (Nigeria)")]


def test_sahel_and_maghreb_jihadists(actors):
    aqim = "AQIM: Al Qaeda in the Islamic Maghreb"
    assert name(actors, "تنظيم القاعدة في بلاد المغرب الإسلامي", "Syria") == aqim
    assert name(actors, "تنظيم القاعدة", "Mali") == aqim
    assert name(actors, "تنظيم القاعدة", "Syria") == "Al Qaeda"
    assert name(actors, "تنظيم القاعدة", None) == "AQAP: Al Qaeda in the Arabian Peninsula"  # unchanged default
    assert name(actors, "جماعة أنصار الدين", "Mali") == "Ansar Dine"
    assert name(actors, "جماعة المرابطون", "Mali") == "Al Mourabitoune Battalion"
    assert name(actors, "المرابطون", "Mali") is None  # "soldiers on duty"
    assert name(actors, "جماعة نصرة الإسلام والمسلمين", "Burkina Faso", D2019) == "JNIM: Group for Support of Islam and Muslims"
    assert name(actors, "جبهة تحرير ماسينا", "Mali") == "Katiba Macina"
    assert name(actors, "داعش", "Niger", D2019) == "Islamic State (Greater Sahara)"
    assert name(actors, "داعش", "Niger", D2023) == "Islamic State (Sahel)"
    assert name(actors, "أنصار الشريعة", "Tunisia") == "Ansar al Sharia (Tunisia)"
    assert name(actors, "أنصار الشريعة", "Yemen") == "AQAP: Al Qaeda in the Arabian Peninsula"
    assert name(actors, "كتيبة عقبة بن نافع", "Tunisia") == "Okba Ibn Nafaa Brigade"
    assert name(actors, "الحركة الوطنية لتحرير أزواد", "Mali") == "MNLA: National Movement for the Liberation of Azawad"
    assert name(actors, "الجيش المالي", "Mali") == "Military Forces of Mali"
    assert name(actors, "القوات المالية", "Mali") == "Military Forces of Mali"
    assert name(actors, "قوات الأمن المالية", "Mali") == "Police Forces of Mali"
    for financial in ("السلطات المالية", "الأمن المالي", "وزارة المالية"):  # "financial", not Malian
        assert name(actors, financial, "Mali") is None, financial
    assert "الماليه" not in nationality_adjectives()  # العاصمة المالية is no capital of Mali


def test_libya_and_egypt(actors):
    assert name(actors, "مجلس شورى ثوار بنغازي", "Libya") == "Benghazi Revolutionaries Shura Council"
    assert name(actors, "ميليشيات فجر ليبيا", "Libya") == "Libya Dawn"
    assert name(actors, "مسلحي التبو", "Libya") == "Tebu Ethnic Militia (Libya)"
    assert name(actors, "جماعة الإخوان المسلمين", "Egypt") == "Muslim Brotherhood"
    assert name(actors, "الإخوان", "Egypt") == "Muslim Brotherhood"
    assert name(actors, "الإخوان", "Saudi Arabia") is None and name(actors, "الإخوان", None) is None  # "the brothers"
    assert name(actors, "تنظيم أجناد مصر", "Egypt") == "Ajnad Misr"
    assert name(actors, "حركة حسم", "Egypt", D2019) == "Hasm Movement"
    assert name(actors, "حسم", "Egypt", D2019) is None  # "settled"
    assert name(actors, "حركة المقاومة الشعبية", "Egypt") == "Popular Resistance Movement (Egypt)"


def test_yemen_local_forces(actors, pipeline):
    assert name(actors, "المقاومة الشعبية", "Yemen") == "Popular Resistance"
    assert name(actors, "المقاومة الشعبية", "Palestine") is None  # a slogan elsewhere
    assert name(actors, "المقاومة الجنوبية", "Yemen") == "Southern Resistance"
    assert name(actors, "الحراك الجنوبي", "Yemen") == "Southern Movement"
    assert name(actors, "حزب الإصلاح", "Yemen") == "Al Islah Party"
    src = "Military Forces of Yemen (2015-2016) Supreme Revolutionary Committee"
    assert name(actors, "قوات صالح", "Yemen") == src
    assert name(actors, "وقوات المخلوع صالح", "Yemen") == src
    assert name(actors, "الحرس الجمهوري", "Yemen") == src
    assert name(actors, "الحرس الجمهوري", "Yemen", D2019) == "Military Forces of Yemen (2016-) Supreme Political Council"
    assert name(actors, "الحرس الجمهوري", "Syria") == "Military Forces of Syria"
    assert events(pipeline, "سيطرت المقاومة الشعبية على مديرية المنصورة في عدن بعد معارك مع الحوثيين وقوات صالح.") == [
        ("Non-state actor overtakes territory", "Popular Resistance", "Houthi Movement")]


def test_tribes_and_clans(actors, pipeline):
    assert name(actors, "قبيلة مراد", "Yemen") == "Murad Tribal Militia (Yemen)"
    assert name(actors, "قبائل الصبيحة", "Yemen") == "Subaihi Tribal Militia (Yemen)"
    assert name(actors, "عشيرة البونمر", "Iraq") == "Al Bu Nimr Tribal Militia (Iraq)"
    assert name(actors, "قبيلة المساليت", "Sudan") == "Masalit Ethnic Militia (Sudan)"
    assert name(actors, "رجال القبائل", "Yemen") == "Unidentified Tribal Militia (Yemen)"
    assert name(actors, "مراد", "Yemen") is None  # a person's name
    assert events(pipeline, "اندلعت اشتباكات بين قبيلة مراد ومسلحين حوثيين في مديرية الجوبة بمحافظة مأرب.") == [
        ("Armed clash", "Murad Tribal Militia (Yemen)", "Houthi Movement")]
    assert events(pipeline, "قالت منظمات محلية إن قوات الدعم السريع قتلت مئات المدنيين من قبيلة المساليت في منطقة "
                            "أردمتا قرب الجنينة بولاية غرب دارفور، يوم الأحد.", "2023-11-07") == [
        ("Attack", "RSF: Rapid Support Forces", "Civilians (Sudan)")]


def test_gulf_levant_and_iraq(actors):
    assert name(actors, "سرايا الأشتر", "Bahrain") == "Al Ashtar Brigades"
    assert name(actors, "الجبهة الشعبية لتحرير فلسطين", "Palestine") == "PFLP: Popular Front for the Liberation of Palestine"
    assert name(actors, "الجبهة الشعبية", "Palestine") == "PFLP: Popular Front for the Liberation of Palestine"
    assert name(actors, "الجبهة الشعبية", "Tunisia") is None  # Tunisia's leftist coalition
    assert name(actors, "ألوية الناصر صلاح الدين", "Palestine") == "Al Nasser Salah al Deen Brigades"
    assert name(actors, "كتائب عبدالله عزام", "Lebanon") == "Abdullah Azzam Brigades"
    assert name(actors, "مجالس الصحوة", "Iraq") == "Sahwa Militia"
    assert name(actors, "الصحوة", "Iraq") == "Sahwa Militia"
    assert name(actors, "الصحوة", "Saudi Arabia") is None and name(actors, "الصحوة", None) is None  # the awakening
    assert name(actors, "منظمة بدر", "Iraq") == "Badr Organization"
    assert name(actors, "جيش الفتح", "Syria") == "Jaish al Fatah"
    assert name(actors, "ولاية نجد", "Saudi Arabia") == "Islamic State (Saudi Arabia)"


def test_turkey_and_iran(actors):
    pkk = "PKK: Kurdistan Workers' Party"
    for form in ("بي كا كا", "منظمة بي كا كا الإرهابية", "تنظيم بي كا كا", "منظمة حزب العمال الكردستاني"):
        assert name(actors, form, "Turkey") == pkk, form
    assert name(actors, "الحزب الديمقراطي الكردستاني", "Iraq") != pkk
    assert name(actors, "جبهة حزب التحرير الشعبي الثوري", "Turkey") == "DHKP-C: Revolutionary People's Liberation Party-Front"
    assert name(actors, "جيش العدل", "Iran") == "Jaish al Adl"
    assert name(actors, "حزب الحياة الحرة الكردستاني", "Iran") == "PJAK: Kurdistan Free Life Party"


def test_afghanistan_pakistan_india(actors):
    assert name(actors, "حركة طالبان", "Afghanistan") == "Taliban"
    assert name(actors, "طالبان", "Afghanistan") == "Taliban"
    assert name(actors, "طالبان", "Afghanistan", D2023) == "Military Forces of Afghanistan"  # the state since 2021
    assert name(actors, "طالبان", "Pakistan") == "TTP: Tehreek-i-Taliban Pakistan"
    assert name(actors, "طالبان الأفغانية", "Pakistan") == "Taliban"
    assert name(actors, "حركة طالبان باكستان", "Afghanistan") == "TTP: Tehreek-i-Taliban Pakistan"
    assert name(actors, "طالبان", "Egypt") is None and name(actors, "طالبان", None) is None  # "two students"
    assert name(actors, "شبكة حقاني", "Afghanistan") == "HQN: Haqqani Network"
    assert name(actors, "ولاية خراسان", "Pakistan", D2019) == "Islamic State Khorasan Province (ISKP)"
    assert name(actors, "داعش", "Afghanistan", D2019) == "Islamic State Khorasan Province (ISKP)"
    assert name(actors, "داعش", None, D2019) == "Islamic State (Unknown)"  # no country-limited reading wins
    assert name(actors, "عسكر جنقوي", "Pakistan") == "LeJ: Lashkar-e-Jhangvi"
    assert name(actors, "المتمردين الماويين", "India") == "CPI (Maoist): Communist Party of India (Maoist)"


def test_ukraine_separatists(actors):
    naf = "NAF: United Armed Forces of Novorossiya"
    assert name(actors, "الانفصاليين الموالين لروسيا", "Ukraine") == naf
    assert name(actors, "جمهورية دونيتسك الشعبية", "Ukraine", D2019) == naf
    assert name(actors, "الانفصاليين", "Ukraine") == naf
    assert name(actors, "الانفصاليين", "Yemen") == "Unidentified Armed Group (Yemen)"


def test_central_and_east_africa(actors):
    assert name(actors, "ميليشيات أنتي بالاكا", "Central African Republic") == "Anti-Balaka"
    assert name(actors, "متمردي سيليكا", "Central African Republic", dt.date(2013, 12, 5)) == "Seleka Militia"
    assert name(actors, "سيليكا", "Central African Republic") is None  # silica
    assert name(actors, "القوات الديمقراطية المتحالفة", "Democratic Republic of Congo", D2019) == "ADF: Allied Democratic Forces"
    assert name(actors, "حركة 23 مارس", "Democratic Republic of Congo", D2023) == "M23: March 23 Movement"
    assert name(actors, "الجيش الكونغولي", "Democratic Republic of Congo") == "Military Forces of Democratic Republic of Congo"
    assert name(actors, "ميليشيا إمبونيراكوري", "Burundi") == "Imbonerakure"
    assert name(actors, "القوات الموالية لرياك مشار", "South Sudan") == \
        "SPLM/A-IO: Sudan People's Liberation Movement/Army (In Opposition)"
    assert name(actors, "الجيش الأبيض", "South Sudan") == "Nuer Ethnic Militia (South Sudan)"
