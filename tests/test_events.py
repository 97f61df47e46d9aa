"""Events stage: triggers, sub-event types, modality and actors on sentences written for these tests.

Documents are built with the real normaliser and segmenter; the actor and place mentions are
created here (as the NER and link stages would) so that the events stage is tested on its own.
"""
import datetime as dt

import pytest

from conflict_events.document import Document, Mention
from conflict_events.events import Events, lexicon, modality, noun_forms, verb_forms
from conflict_events.normalize import Normalize
from conflict_events.segment import Segment
from conflict_events.schemas import EVENT_TYPES, Actor, Place

COUNTRY_ISO = {"Syria": "SYR", "Iraq": "IRQ", "Yemen": "YEM", "Libya": "LBY", "Sudan": "SDN",
               "Palestine": "PSE", "Lebanon": "LBN", "Egypt": "EGY"}


def make_doc(text, country, actors=(), places=(), published="2023-05-10"):
    """A Document with the given ACTOR mentions (surface, name, inter) and PLACE mentions
    (surface, location, admin1, precision), every occurrence of each surface form."""
    doc = Document(text=text, published=dt.date.fromisoformat(published) if published else None)
    Normalize()(doc)
    Segment()(doc)
    for surface, name, inter in actors:
        i = text.find(surface)
        assert i >= 0, surface
        while i >= 0:
            doc.mentions.append(Mention(i, i + len(surface), surface, "ACTOR", "test", norm=surface,
                                        sentence=doc.sentence_of(i),
                                        actor=Actor(name=name, name_ar=surface, inter=inter, country=country)))
            i = text.find(surface, i + len(surface))
    for surface, location, admin1, precision in places:
        i = text.find(surface)
        assert i >= 0, surface
        while i >= 0:
            doc.mentions.append(Mention(i, i + len(surface), surface, "PLACE", "test", norm=surface,
                                        sentence=doc.sentence_of(i),
                                        place=Place(location=location, location_ar=surface, country=country,
                                                    iso3=COUNTRY_ISO[country], admin1=admin1,
                                                    geo_precision=precision)))
            i = text.find(surface, i + len(surface))
    doc.mentions.sort(key=lambda m: m.start)
    doc.ext["country"] = (country, COUNTRY_ISO[country])
    doc.provided |= {"mentions", "links"}
    return doc


def run(text, country, actors=(), places=(), published="2023-05-10"):
    doc = make_doc(text, country, actors, places, published)
    Events()(doc)
    return doc


def coded(doc):
    return [em for em in doc.event_mentions if not em.ext.get("background")]


def name(m):
    return m.actor.name if m is not None and m.actor is not None else None


# ------------------------------------------------------------------ lexicon

def test_every_sub_event_type_has_triggers():
    counts = lexicon().coverage()
    for subs in EVENT_TYPES.values():
        for sub in subs:
            # a sub-event is reached either by its own triggers or by the resolve rules
            rules = [r for r in lexicon().rules if r["then"] == sub]
            assert counts.get(sub, 0) > 0 or rules, sub


def test_verbs_are_generated_in_all_persons_tenses_and_with_future():
    past, present, future = verb_forms("قتل", "يقتل")
    assert {"قتل", "قتلت", "قتلوا", "قتلا", "قتلوه", "قتلتهم"} <= past
    assert {"يقتل", "تقتل", "يقتلون", "يقتلان", "نقتل"} <= present
    assert "سيقتل" in future and "ستقتل" in future


def test_nouns_get_article_accusative_and_possessive_forms():
    forms = noun_forms("غارة جوية")
    assert ("غاره", "جويه") in forms and ("الغاره", "الجويه") in forms
    assert ("هجوما",) in noun_forms("هجوم")
    stored = lexicon().matcher.get(("سيطرتها",))
    assert stored and stored[0].pron


# ------------------------------------------------------------------ types and actors

CASES = [
    # Battles
    ("syr-clash",
     "اندلعت اشتباكات عنيفة، مساء أمس، بين قوات النظام وهيئة تحرير الشام على محور بلدة كفرنبودة بريف حماة.",
     "Syria", [("قوات النظام", "Military Forces of Syria", 1), ("هيئة تحرير الشام", "HTS: Hayat Tahrir al-Sham", 2)],
     "Armed clash", "Military Forces of Syria", "HTS: Hayat Tahrir al-Sham"),
    ("yem-clash-verb",
     "اشتبك مقاتلو جماعة الحوثي مع قوات الجيش اليمني في جبهة صرواح غربي مأرب، اليوم.",
     "Yemen", [("جماعة الحوثي", "Houthi Movement", 2), ("قوات الجيش اليمني", "Military Forces of Yemen", 1)],
     "Armed clash", "Houthi Movement", "Military Forces of Yemen"),
    ("irq-attack-on-post",
     "هاجم مسلحون من تنظيم داعش نقطة تفتيش لقوات الجيش العراقي في قضاء الطارمية شمالي بغداد، فجر اليوم.",
     "Iraq", [("تنظيم داعش", "Islamic State (Iraq)", 2), ("قوات الجيش العراقي", "Military Forces of Iraq", 1)],
     "Armed clash", "Islamic State (Iraq)", "Military Forces of Iraq"),
    ("syr-regain",
     "أعلنت وحدات الجيش السوري، أمس، سيطرتها الكاملة على بلدة الهبيط بريف إدلب الجنوبي بعد معارك مع مسلحي جبهة النصرة.",
     "Syria", [("وحدات الجيش السوري", "Military Forces of Syria", 1), ("جبهة النصرة", "HTS: Hayat Tahrir al-Sham", 2)],
     "Government regains territory", "Military Forces of Syria", "HTS: Hayat Tahrir al-Sham"),
    ("sdn-overtake",
     "سيطرت قوات الدعم السريع على مدينة ود مدني بولاية الجزيرة، اليوم، عقب انسحاب الجيش السوداني منها.",
     "Sudan", [("قوات الدعم السريع", "RSF: Rapid Support Forces", 2), ("الجيش السوداني", "Military Forces of Sudan", 1)],
     "Non-state actor overtakes territory", "RSF: Rapid Support Forces", "Military Forces of Sudan"),
    # Explosions/Remote violence
    ("pse-airstrike",
     "استشهد خمسة مواطنين، بينهم طفلان، في غارة جوية شنتها طائرات الاحتلال على منزل في مخيم النصيرات وسط قطاع غزة.",
     "Palestine", [("طائرات الاحتلال", "Military Forces of Israel", 1), ("مواطنين", "Civilians (Palestine)", 7)],
     "Air/drone strike", "Military Forces of Israel", "Civilians (Palestine)"),
    ("lbn-drone",
     "استهدفت طائرة مسيرة إسرائيلية دراجة نارية في بلدة عيتا الشعب جنوبي لبنان، ما أدى إلى مقتل عنصرين من حزب الله.",
     "Lebanon", [("إسرائيلية", "Military Forces of Israel", 1), ("حزب الله", "Hezbollah", 2)],
     "Air/drone strike", "Military Forces of Israel", "Hezbollah"),
    ("yem-shelling",
     "قُتل طفل وأصيبت امرأة جراء قصف مدفعي شنته جماعة الحوثي على أحياء سكنية في مدينة تعز.",
     "Yemen", [("جماعة الحوثي", "Houthi Movement", 2)],
     "Shelling/artillery/missile attack", "Houthi Movement", "Civilians (Yemen)"),
    ("irq-ied",
     "قُتل ثلاثة جنود بانفجار عبوة ناسفة استهدفت دوريتهم على طريق في قضاء طوزخورماتو.",
     "Iraq", [("جنود", "Military Forces of Iraq", 1)],
     "Remote explosive/landmine/IED", "Unidentified Armed Group (Iraq)", "Military Forces of Iraq"),
    ("yem-bomb-under-bus",  # a bare "bomb" that goes off is planted: an IED, not a grenade
     "قالت الشرطة إن قنبلة انفجرت أسفل حافلة ركاب في صنعاء اليوم الأحد مما أسفر عن مقتل ثلاثة أشخاص.",
     "Yemen", [("الشرطة", "Police Forces of Yemen", 1)],
     "Remote explosive/landmine/IED", "Unidentified Armed Group (Yemen)", "Civilians (Yemen)"),
    ("egy-suicide",
     "فجر انتحاري حزامه الناسف قرب كمين أمني في مدينة العريش، ما أسفر عن مقتل ثلاثة من رجال الشرطة، وأعلن تنظيم ولاية سيناء مسؤوليته عن الهجوم.",
     "Egypt", [("رجال الشرطة", "Police Forces of Egypt", 1), ("ولاية سيناء", "Islamic State (Egypt)", 2)],
     "Suicide bomb", "Islamic State (Egypt)", "Police Forces of Egypt"),
    ("syr-chemical",
     "قضى عشرات المدنيين اختناقا جراء قصف بغاز الكلور شنته طائرات النظام على مدينة دوما في الغوطة الشرقية.",
     "Syria", [("المدنيين", "Civilians (Syria)", 7), ("طائرات النظام", "Military Forces of Syria", 1)],
     "Chemical weapon", "Military Forces of Syria", "Civilians (Syria)"),
    ("lby-grenade",
     "ألقى مجهولون قنبلة يدوية على منزل مواطن في حي الحدائق بمدينة بنغازي، ما أدى إلى إصابة طفلين.",
     "Libya", [("مجهولون", "Unidentified Armed Group (Libya)", 3), ("مواطن", "Civilians (Libya)", 7)],
     "Grenade", "Unidentified Armed Group (Libya)", "Civilians (Libya)"),
    # Violence against civilians
    ("sdn-attack-village",
     "هاجمت قوات الدعم السريع قرية ود النورة بولاية الجزيرة، وقتلت أكثر من مئة مدني، بحسب لجان المقاومة.",
     "Sudan", [("قوات الدعم السريع", "RSF: Rapid Support Forces", 2), ("مدني", "Civilians (Sudan)", 7),
               ("لجان المقاومة", "Protesters (Sudan)", 6)],
     "Attack", "RSF: Rapid Support Forces", "Civilians (Sudan)"),
    ("yem-abduction",
     "اختطف مسلحون مجهولون صحفيا يعمل لدى قناة محلية في مدينة عدن، مساء أمس، واقتادوه إلى جهة مجهولة.",
     "Yemen", [("مسلحون مجهولون", "Unidentified Armed Group (Yemen)", 3), ("صحفيا", "Civilians (Yemen)", 7)],
     "Abduction/forced disappearance", "Unidentified Armed Group (Yemen)", "Civilians (Yemen)"),
    ("syr-passive-by-fire",
     "قُتل مدنيان برصاص قناص تابع لقوات النظام في حي جوبر بدمشق.",
     "Syria", [("مدنيان", "Civilians (Syria)", 7), ("قوات النظام", "Military Forces of Syria", 1)],
     "Attack", "Military Forces of Syria", "Civilians (Syria)"),
    ("irq-assassination",
     "اغتال مسلحون مجهولون ناشطا مدنيا أمام منزله في مدينة البصرة، مساء أمس.",
     "Iraq", [("مسلحون مجهولون", "Unidentified Armed Group (Iraq)", 3), ("ناشطا", "Civilians (Iraq)", 7)],
     "Attack", "Unidentified Armed Group (Iraq)", "Civilians (Iraq)"),
    ("yem-sexual",
     "تعرضت امرأة للاغتصاب على يد عناصر من جماعة الحوثي في مديرية حيس بمحافظة الحديدة.",
     "Yemen", [("جماعة الحوثي", "Houthi Movement", 2)],
     "Sexual violence", "Houthi Movement", "Civilians (Yemen)"),
    # Protests
    ("egy-peaceful",
     "تظاهر مئات الطلاب أمام جامعة القاهرة، اليوم، احتجاجا على ارتفاع الرسوم الدراسية.",
     "Egypt", [], "Peaceful protest", "Protesters (Egypt)", None),
    ("lbn-intervention",
     "أطلقت قوات الأمن اللبنانية الغاز المسيل للدموع لتفريق متظاهرين تجمعوا قرب مجلس النواب في بيروت.",
     "Lebanon", [("قوات الأمن اللبنانية", "Police Forces of Lebanon", 1), ("متظاهرين", "Protesters (Lebanon)", 6)],
     "Protest with intervention", "Protesters (Lebanon)", "Police Forces of Lebanon"),
    ("sdn-excessive",
     "قُتل ثلاثة متظاهرين برصاص قوات الأمن خلال موكب في مدينة أم درمان، بحسب لجنة أطباء السودان.",
     "Sudan", [("متظاهرين", "Protesters (Sudan)", 6), ("قوات الأمن", "Police Forces of Sudan", 1)],
     "Excessive force against protesters", "Protesters (Sudan)", "Police Forces of Sudan"),
    # Riots
    ("irq-violent-demo",
     "أضرم محتجون غاضبون النار في مقر حزب سياسي بمدينة الناصرية بعد اقتحامه، احتجاجا على مقتل أحد المتظاهرين.",
     "Iraq", [("محتجون غاضبون", "Protesters (Iraq)", 6)],
     "Violent demonstration", "Rioters (Iraq)", None),
    ("egy-mob",
     "هاجم حشد غاضب منازل لعائلات قبطية في قرية بمحافظة المنيا، وأحرقوا عددا منها.",
     "Egypt", [("حشد غاضب", "Rioters (Egypt)", 5)],
     "Mob violence", "Rioters (Egypt)", "Civilians (Egypt)"),
    # Strategic developments
    ("lby-agreement",
     "وقع ممثلو حكومة الوفاق والجيش الوطني الليبي اتفاقا لوقف إطلاق النار في جنيف برعاية الأمم المتحدة.",
     "Libya", [("حكومة الوفاق", "Military Forces of Libya", 1), ("الجيش الوطني الليبي", "LNA: Libyan National Army", 2)],
     "Agreement", "Military Forces of Libya", "LNA: Libyan National Army"),
    ("pse-arrests",
     "اعتقلت قوات الاحتلال الإسرائيلي، فجر اليوم، عشرة مواطنين من مدينة نابلس بعد دهم منازلهم.",
     "Palestine", [("قوات الاحتلال الإسرائيلي", "Military Forces of Israel", 1), ("مواطنين", "Civilians (Palestine)", 7)],
     "Arrests", "Military Forces of Israel", "Civilians (Palestine)"),
    ("syr-disrupted",
     "أسقطت الدفاعات الجوية السورية طائرة مسيرة في أجواء ريف اللاذقية، وفق بيان للجيش.",
     "Syria", [("الدفاعات الجوية السورية", "Military Forces of Syria", 1)],
     "Disrupted weapons use", "Military Forces of Syria", None),
    ("syr-hq",
     "أنشأت القوات التركية قاعدة عسكرية جديدة قرب بلدة الأتارب غربي حلب.",
     "Syria", [("القوات التركية", "Military Forces of Turkey", 8)],
     "Headquarters or base established", "Military Forces of Turkey", None),
    ("syr-change",
     "أعلنت فصائل المعارضة في ريف حلب اندماجها في تشكيل جديد باسم الجبهة الشامية.",
     "Syria", [("الجبهة الشامية", "Levant Front", 2)],
     "Change to group/activity", "Levant Front", None),
    ("pse-property",
     "هدمت جرافات الاحتلال منزلين لعائلة فلسطينية في بلدة سلوان بالقدس، صباح اليوم.",
     "Palestine", [("الاحتلال", "Military Forces of Israel", 1)],
     "Looting/property destruction", "Military Forces of Israel", "Civilians (Palestine)"),
    ("syr-transfer",
     "انتشرت وحدات من الجيش السوري في مدينة منبج بموجب اتفاق مع قوات سوريا الديمقراطية، دون قتال.",
     "Syria", [("الجيش السوري", "Military Forces of Syria", 1), ("قوات سوريا الديمقراطية", "SDF: Syrian Democratic Forces", 2)],
     "Non-violent transfer of territory", "Military Forces of Syria", None),
    ("egy-other",
     "أفرجت السلطات المصرية عن ثلاثين معتقلا سياسيا بموجب عفو رئاسي، اليوم.",
     "Egypt", [("السلطات المصرية", "Government of Egypt", 1)],
     "Other", "Government of Egypt", "Civilians (Egypt)"),
]


@pytest.mark.parametrize("cid,text,country,actors,sub,a1,a2", CASES, ids=[c[0] for c in CASES])
def test_sub_event_type_and_actors(cid, text, country, actors, sub, a1, a2):
    doc = run(text, country, actors)
    ems = coded(doc)
    assert ems, f"no event in {cid}"
    em = ems[0]
    assert (em.event_type, em.sub_event_type) == (EVENT_TYPES_OF[sub], sub)
    assert name(em.actor1) == a1
    if a2 is not None:
        assert name(em.actor2) == a2
    # the trigger span slices the original text to the trigger words
    assert doc.text[em.trigger.start:em.trigger.end] == em.trigger_text
    assert em.trigger_text.strip() and not em.trigger_text[0].isspace()
    for ev in em.ext["evidence"]:
        assert doc.text[ev["start"]:ev["end"]] == ev["text"]


EVENT_TYPES_OF = {s: t for t, subs in EVENT_TYPES.items() for s in subs}


def test_cases_cover_every_event_type_and_most_sub_event_types():
    subs = {c[4] for c in CASES}
    assert {EVENT_TYPES_OF[s] for s in subs} == set(EVENT_TYPES)
    assert len(subs) >= 22
    assert {c[2] for c in CASES} == set(COUNTRY_ISO)


# ------------------------------------------------------------------ modality

NOT_CODED = [
    ("negation-verb", "نفت قيادة الجيش السوداني الأنباء عن انسحاب قواتها من مدينة الأبيض.", "Sudan"),
    ("negation-lam", "لم تقصف الطائرات الإسرائيلية أي هدف في قطاع غزة خلال الساعات الماضية.", "Palestine"),
    ("negation-after", "الأنباء عن اغتيال قيادي في حركة حماس ببيروت غير صحيحة، بحسب مصدر في الحركة.", "Lebanon"),
    ("future-sawfa", "قال المتحدث إن الجيش سوف يشن هجوما واسعا على مواقع المسلحين في سيناء.", "Egypt"),
    ("future-prefix", "أكد قائد ميداني أن قواته ستقصف مواقع الحوثيين في الحديدة.", "Yemen"),
    ("future-planned", "من المقرر أن تنسحب القوات التركية من نقاط المراقبة في ريف حماة.", "Syria"),
    ("threat", "هدد زعيم الجماعة بقصف المطار إذا استمرت الغارات على صنعاء.", "Yemen"),
    ("threat-parenthetical", "توعد قائد الفصيل، في كلمة مصورة، بالهجوم على مواقع قوات الوفاق في طرابلس.", "Libya"),
    ("hypothetical", "في حال اندلاع اشتباكات جديدة في طرابلس سيتم إجلاء المدنيين من المنطقة.", "Libya"),
    ("hypothetical-qad", "قد تشن إسرائيل غارات جديدة على جنوب لبنان في الأيام المقبلة.", "Lebanon"),
    ("demand", "طالبت منظمات حقوقية بالإفراج عن المعتقلين في سجون الأمن الوطني.", "Egypt"),
    ("call", "دعت لجان المقاومة إلى مظاهرات حاشدة في الخرطوم يوم الخميس المقبل.", "Sudan"),
    ("warning", "حذرت الأمم المتحدة من هجوم وشيك على مدينة الفاشر في شمال دارفور.", "Sudan"),
    ("judicial", "قضت محكمة عسكرية بإعدام سبعة متهمين بالانتماء إلى تنظيم داعش في بغداد.", "Iraq"),
    ("disaster", "ارتفعت حصيلة قتلى الفيضانات في مدينة درنة إلى أكثر من أربعة آلاف قتيل.", "Libya"),
    ("commemoration", "أحيا الفلسطينيون الذكرى السنوية لمجزرة صبرا وشاتيلا في مخيمات لبنان.", "Lebanon"),
]


@pytest.mark.parametrize("cid,text,country", NOT_CODED, ids=[c[0] for c in NOT_CODED])
def test_negated_future_hypothetical_and_other_modal_reports_give_no_event(cid, text, country):
    doc = run(text, country)
    assert coded(doc) == [], [(e.sub_event_type, e.trigger_text) for e in coded(doc)]


def test_reported_speech_is_coded():
    for text in ("قال المرصد السوري إن طائرات حربية روسية شنت غارات على بلدة كفرنبل بريف إدلب.",
                 "أفاد مصدر طبي بمقتل شخصين بانفجار عبوة ناسفة في مدينة الرمادي، بحسب وكالة الأنباء.",
                 "ذكرت وكالة سبأ أن جماعة الحوثي قصفت أحياء سكنية في مدينة تعز."):
        assert coded(run(text, "Syria")), text


def test_negation_stays_in_its_clause():
    doc = run("قُتل ثلاثة جنود بانفجار عبوة ناسفة في درعا، ولم تعلن أي جهة مسؤوليتها.", "Syria",
              [("جنود", "Military Forces of Syria", 1)])
    assert [em.sub_event_type for em in coded(doc)] == ["Remote explosive/landmine/IED"]
    doc = run("نفى الجيش قصف القرية، فيما قتل مسلحون مدنيا في البلدة المجاورة.", "Syria",
              [("مسلحون", "Unidentified Armed Group (Syria)", 3), ("مدنيا", "Civilians (Syria)", 7)])
    assert [em.sub_event_type for em in coded(doc)] == ["Attack"]


def test_ma_la_yaqillu_is_not_a_negation():
    doc = run("قُتل ما لا يقل عن عشرين مدنيا في غارة جوية على سوق شعبي في مدينة أريحا.", "Syria",
              [("مدنيا", "Civilians (Syria)", 7)])
    assert [em.sub_event_type for em in coded(doc)] == ["Air/drone strike"]


def test_background_is_flagged_not_dropped():
    doc = run("وكانت قوات النظام قد سيطرت على المدينة العام الماضي بعد معارك عنيفة.", "Syria",
              [("قوات النظام", "Military Forces of Syria", 1)])
    assert doc.event_mentions and all(em.ext.get("background") for em in doc.event_mentions)


def test_at_that_time_recalls_the_whole_sentence_as_background():
    # آنذاك points back to a time told before, over the و-joined clauses of its sentence
    doc = run("وقد قتل آنذاك ستة مزارعين وأصيب ثلاثة آخرون بقذيفة أطلقها المسلحون على قريتهم.", "Syria",
              [("مزارعين", "Civilians (Syria)", 7), ("المسلحون", "Unidentified Armed Group (Syria)", 3)])
    assert doc.event_mentions and all(em.ext.get("background") for em in doc.event_mentions)


def test_no_trigger_no_event():
    doc = run("التقى وزير الخارجية المصري نظيره السوداني في القاهرة لبحث العلاقات الثنائية.", "Egypt")
    assert doc.event_mentions == []


def test_two_incidents_in_one_sentence():
    doc = run("قُتل أربعة مدنيين بانفجار سيارة مفخخة في سوق مدينة الباب، فيما اشتبكت فصائل الجيش الوطني "
              "مع قوات سوريا الديمقراطية قرب منبج.", "Syria",
              [("مدنيين", "Civilians (Syria)", 7), ("الجيش الوطني", "SNA: Syrian National Army", 2),
               ("قوات سوريا الديمقراطية", "SDF: Syrian Democratic Forces", 2)])
    subs = [em.sub_event_type for em in coded(doc)]
    assert subs == ["Remote explosive/landmine/IED", "Armed clash"]
    assert name(coded(doc)[1].actor1) == "SNA: Syrian National Army"


def test_modality_yaml_scope_rule_is_documented():
    from conflict_events.resources import DATA_DIR

    text = (DATA_DIR / "modality.yaml").read_text(encoding="utf-8")
    assert "SCOPE RULE" in text


_NLP = []


def _pipeline():
    """One full pipeline for the tests below (built on first use)."""
    if not _NLP:
        from conflict_events import Pipeline

        _NLP.append(Pipeline())
    return _NLP[0]


@pytest.mark.parametrize("text,published,expected", [
    # seizing goods after looting is no territory
    ("نهب مسلحون من قوات الدعم السريع السوق الرئيسي في مدينة الأبيض، واستولوا على محتويات المحال التجارية.",
     "2023-12-20", [("Looting/property destruction", "RSF: Rapid Support Forces")]),
    # a firing zone is no shooting
    ("هدمت جرافات الجيش الإسرائيلي خمسة مساكن في قرية قرب مدينة الخليل بذريعة البناء في منطقة إطلاق نار.",
     "2022-05-11", [("Looting/property destruction", "Military Forces of Israel")]),
    # a depot with weapons in it, found by the army
    ("عثرت وحدات من الجيش السوري خلال تمشيط المزارع المحيطة ببلدة المزيريب في ريف درعا على مستودع يحوي صواريخ وقذائف هاون.",
     "2019-03-11", [("Disrupted weapons use", "Military Forces of Syria")]),
    # a missile intercepted (التصدي لصاروخ) is no battle
    ("نجحت وحدات الدفاع الجوي السعودي في التصدي لصاروخ سكود أطلقه الحوثيون باتجاه مدينة جازان فجر اليوم.",
     "2015-08-07", [("Disrupted weapons use", "Military Forces of Saudi Arabia")]),
    # فجراً is "at dawn", not the dual of فجّر (they two detonated)
    ("اعتقلت قوات الاحتلال الإسرائيلي، فجراً، ثلاثة شبان فلسطينيين من بلدة بني نعيم شرق الخليل.",
     "2015-07-22", [("Arrests", "Military Forces of Israel")]),
    # controlling the scene of an incident is no territory
    ("أضرم محتجون النار في سيارتين للشرطة بمدينة الرياض، بينما سيطر رجال الأمن على موقع الحادثة.",
     "2015-07-31", [("Violent demonstration", "Rioters (Saudi Arabia)")]),
    # a relative clause in the imperfect describes the actor (الذين يخوضون معارك), it reports no battle ...
    ("أغلقت المتاجر أبوابها في مدينة تعز التي يتمركز فيها مقاتلو الحوثي الذين يخوضون معارك عنيفة ضد المقاومة الشعبية في المدينة.",
     "2015-07-21", []),
    # ... the same battle told in the past is one
    ("خاض مقاتلو الحوثي معارك عنيفة ضد المقاومة الشعبية في مدينة تعز أمس.",
     "2015-07-21", [("Armed clash", "Houthi Movement")]),
])
def test_what_the_words_around_a_trigger_make_of_it(text, published, expected):
    events = _pipeline().extract(text, published=published)
    assert [(e.sub_event_type, e.actor1.name if e.actor1 else None) for e in events] == expected


@pytest.mark.parametrize("text,published", [
    ("جرفت السيول الناجمة عن أمطار غزيرة عشرات المنازل في مديريات عدة بمحافظة الحديدة.", "2024-08-11"),
    ("أعلنت الأمم المتحدة أن ٣٩ مدنياً قتلوا في أعمال عنف في مختلف أنحاء البلاد خلال شهر حزيران الماضي.", "2019-07-01"),
    ("ألقت قوات الأمن القبض على سبعة عمال في مدينة المحلة الكبرى عقب دعوتهم زملاءهم إلى الإضراب.", "2023-03-05"),
])
def test_floods_monthly_tolls_and_called_strikes_are_not_those_events(text, published):
    types = [e.sub_event_type for e in _pipeline().extract(text, published=published)]
    assert "Looting/property destruction" not in types and "Mob violence" not in types
    assert "Protest with intervention" not in types and "Peaceful protest" not in types


def test_phrase_ends_answers_as_every_phrase_scanned_in_turn():
    """events.PhraseEnds (a cue list indexed by its last word, as roles.choose_place reads its place
    cues) finds a cue ending at a token exactly when scanning every phrase with seq_ending_at does:
    one-word cues through the token's clitic readings (وباتجاه), longer ones word for word."""
    from conflict_events.events import PhraseEnds, seq_ending_at
    from conflict_events.roles import role_cues

    doc = _segmented("أرسل الجيش تعزيزات قادمة من عدن باتجاه لحج، ووصلت على الطريق المؤدي إلى بلدة قانا "
                     "وباتجاه مدينة تعز، وقال مراسل صحافي في صنعاء.")
    toks = doc.tokens
    rc = role_cues()
    for phrases in (rc.place_not, rc.place_intro, rc.origin, rc.road_to, rc.destination):
        ends = PhraseEnds(phrases)
        for j in range(-2, len(toks) + 1):
            assert ends.ends_at(toks, j) == any(seq_ending_at(toks, j, k) for k in phrases), (phrases, j)
    words = [t.norm for t in toks]
    assert PhraseEnds(rc.destination).ends_at(toks, words.index("وباتجاه"))  # a clitic reading of باتجاه
    assert PhraseEnds(rc.road_to).ends_at(toks, words.index("بلده"))  # الطريق المؤدي الي بلده
    assert not PhraseEnds(rc.road_to).ends_at(toks, words.index("قانا"))


def _segmented(text):
    from conflict_events import Pipeline

    return Pipeline([Normalize(), Segment()]).process(text)
