"""Casualties stage: every ACLED rule with the figure and the original words it cites."""
import pytest

from conflict_events.casualties import Casualties, combine_counts, find_counts, make_doc
from conflict_events.document import Count
from conflict_events.stage import check_order


def counts(text, trigger):
    doc, em = make_doc(text, trigger)
    Casualties()(doc)
    return doc, {c.kind: c for c in em.counts}


def check(text, trigger, expected):
    """expected: {kind: (value, original words cited)}."""
    doc, got = counts(text, trigger)
    assert {k: (c.value, doc.text[c.start:c.end]) for k, c in got.items()} == expected


def test_seed_title_tens_is_10():
    check("مقتل العشرات من لواء الباقر في دير الزور خلال هجوم مباغت لتنظيم داعش", "هجوم",
          {"killed": (10, "العشرات")})


def test_killed_apart_from_injured():
    check("أسفر القصف عن مقتل 3 وإصابة 5 من المارة في السوق.", "القصف",
          {"killed": (3, "3"), "injured": (5, "5")})


def test_digits_arabic_indic_and_post_nouns_with_diacritics():
    check("ارتفعت حصيلة التفجير إلى ٢٧ قتيلاً و٦١ جريحاً.", "التفجير",
          {"killed": (27, "٢٧ قتيلاً"), "injured": (61, "٦١ جريحاً")})


def test_number_words_with_diacritics_and_tatweel():
    check("قُتِلَ ثَلاثَـةُ عناصر وجُرِحَ سبعةَ عشرَ آخرون في الكمين.", "الكمين",
          {"killed": (3, "ثَلاثَـةُ"), "injured": (17, "سبعةَ عشرَ")})


def test_range_lower_bound():
    check("قتل ما بين 30 و40 مسلحاً في الغارات.", "الغارات", {"killed": (30, "ما بين 30 و40")})
    check("قتل من 6 إلى 9 أشخاص في الهجوم.", "الهجوم", {"killed": (6, "من 6 إلى 9")})


def test_at_least_and_about():
    check("قتل ما لا يقل عن 11 مدنياً في القصف.", "القصف", {"killed": (11, "ما لا يقل عن 11")})
    check("أصيب 14 شخصاً على الأقل في الانفجار.", "الانفجار", {"injured": (14, "14")})
    check("قتل نحو 60 عنصراً في المعارك.", "المعارك", {"killed": (60, "نحو 60")})
    check("اعتقلت الشرطة أكثر من 200 متظاهر في المسيرة.", "اعتقلت", {"arrested": (200, "أكثر من 200")})


def test_vague_quantities():
    check("أسفرت المعارك عن مقتل العشرات من الطرفين.", "المعارك", {"killed": (10, "العشرات")})
    check("استشهد المئات من المدنيين خلال الحصار.", "الحصار", {"killed": (100, "المئات")})
    check("أصيب الآلاف من المحتجين بالغاز.", "بالغاز", {"injured": (1000, "الآلاف")})
    check("هجر القصف عشرات الآلاف وقتل مئات المدنيين.", "القصف", {"killed": (100, "مئات")})


def test_several_is_three():
    check("قتل عدد من عناصر الأمن في الهجوم.", "الهجوم", {"killed": (3, "عدد من")})
    check("أصيب بعض المارة في الانفجار.", "الانفجار", {"injured": (3, "بعض")})


def test_plural_without_number_is_three():
    check("خلف القصف قتلى وجرحى في صفوف المدنيين.", "القصف", {"killed": (3, "قتلى"), "injured": (3, "جرحى")})


def test_definite_plural_does_not_invent_a_count():
    check("نقل الجرحى إلى مستشفى المدينة بعد الهجوم.", "الهجوم", {})


def test_dual_and_singular():
    check("قتل جنديان في انفجار لغم.", "انفجار", {"killed": (2, "جنديان")})
    check("أصيب مدني واحد في الغارة.", "الغارة", {"injured": (1, "مدني واحد")})
    check("قتل عنصر من الشرطة في الهجوم.", "الهجوم", {"killed": (1, "عنصر")})
    check("قتل شرطي وأصيب آخر في الهجوم.", "الهجوم", {"killed": (1, "شرطي"), "injured": (1, "آخر")})


def test_named_victim_alone_counts_one():
    check("اغتال مسلحون الصحفي أحمد سالم في مدينة عدن.", "اغتال", {"killed": (1, "الصحفي")})


def test_named_victim_inside_count_is_not_added():
    check("قتل 6 من عناصر الحشد بينهم القيادي أبو علي في الهجوم.", "الهجوم", {"killed": (6, "6")})
    check("أسفر التفجير عن إصابة 20 شخصاً منهم 7 أطفال.", "التفجير", {"injured": (20, "20")})


def test_coordinated_groups_are_summed():
    check("أسفرت الاشتباكات عن مقتل 8 من عناصر النظام و5 من مقاتلي المعارضة.", "الاشتباكات",
          {"killed": (13, "8 من عناصر النظام و5")})


def test_conflicting_figures_lowest():
    doc, got = counts("قتل 9 أشخاص وفق الدفاع المدني، فيما قال ناشطون إن عدد القتلى بلغ 12 قتيلاً في الغارة.",
                      "الغارة")
    assert got["killed"].value == 9 and "lowest" in got["killed"].rule


@pytest.mark.parametrize("text,trigger", [
    ("قتل الشاب البالغ من العمر 19 عاماً في الهجوم.", "الهجوم"),
    ("سقطت قذيفة على بلدة تبعد 30 كيلومتراً عن الحدود ولم تسفر عن إصابات.", "قذيفة"),
    ("اشتبكت قوات الفرقة 17 مع مسلحين في الهجوم.", "الهجوم"),
    ("أطلق المسلحون 20 صاروخاً على المدينة في الهجوم.", "الهجوم"),
    ("تكرر الهجوم على البلدة منذ 5 سنوات.", "الهجوم"),
    ("وقع الهجوم في 15 آذار 2019 على الطريق.", "الهجوم"),
    ("وقع الهجوم عام 2016 على الطريق.", "الهجوم"),
])
def test_non_casualty_numbers_never_count(text, trigger):
    doc, got = counts(text, trigger)
    assert all(c.value not in (19, 30, 17, 20, 5, 15, 2019, 2016) for c in got.values()), got


def test_age_next_to_singular_victim():
    check("قتل طفل بعمر 12 عاماً برصاص قناص.", "برصاص", {"killed": (1, "طفل")})


def test_abducted_and_arrested():
    check("اختطف مسلحون خمسة مدنيين من حافلة على الطريق.", "اختطف", {"abducted": (5, "خمسة")})
    check("ألقت قوات الأمن القبض على 7 مطلوبين في حملة دهم.", "حملة", {"arrested": (7, "7")})
    check("أعلن الجيش مقتل 4 مسلحين واعتقال 9 آخرين.", "أعلن", {"killed": (4, "4"), "arrested": (9, "9")})


def test_pronoun_cue_has_no_figure_of_its_own():
    check("نعى الفصيل القيادي أبو خالد وأكد أن مقتله تم في الغارة.", "الغارة", {"killed": (1, "القيادي")})


def test_find_counts_on_a_range():
    doc, _ = make_doc("قتل جنديان.\nوأصيب 4 مدنيين في القصف.", "القصف")
    found = find_counts(doc, doc.sentences[1].start, doc.sentences[1].end)
    assert [(c.kind, c.value) for c in found] == [("injured", 4)]


def test_combine_counts_takes_the_lowest_per_kind():
    a = [Count(10, 0, 5, "killed", "vague"), Count(12, 6, 8, "injured")]
    b = [Count(10, 20, 25, "killed", "vague")]
    c = [Count(7, 30, 31, "killed"), Count(3, 40, 41, "arrested")]
    out = combine_counts([a, b, [], c])
    assert out["killed"].value == 7 and out["injured"].value == 12 and out["arrested"].value == 3
    assert combine_counts([a, b])["killed"].start == 0


def test_stage_contract():
    st = Casualties()
    assert st.name == "casualties" and st.requires == {"sentences", "event_mentions"}
    assert st.provides == {"casualties"}
    from conflict_events.normalize import Normalize
    from conflict_events.segment import Segment

    class FakeEvents:
        name, requires, provides = "events", frozenset({"sentences"}), frozenset({"event_mentions"})
    check_order([Normalize(), Segment(), FakeEvents(), st])


def test_singular_nouns_listed_before_a_figure_are_added():
    from conflict_events.casualties import Casualties, make_doc

    doc, em = make_doc("أعلن الجيش مقتل ضابط وضابط صف وثمانية جنود إثر انفجار عبوة ناسفة", "مقتل")
    Casualties()(doc)
    killed = em.count("killed")
    assert killed.value == 10
    assert doc.text[killed.start:killed.end] == "ضابط وضابط صف وثمانية"


def test_an_indefinite_accusative_victim_after_a_plural_perpetrator_is_one():
    check("قتل مجهولون مزارعاً في أرضه قرب بلدة الحراك بريف درعا.", "قتل",
          {"killed": (1, "مزارعاً")})


def test_a_killing_someone_is_accused_of_is_not_the_events_toll():
    doc, got = counts("أحرق محتجون غاضبون مركز الشرطة في البلدة بعد اتهام أحد عناصره بقتل شاب خلال مداهمة.",
                      "أحرق")
    assert "killed" not in got


def test_a_vague_group_joined_to_a_number_adds_to_it():
    check("قُتل ثلاثة عناصر من الشرطة وبعض المهاجمين في الاشتباك الذي وقع عند الحاجز.", "الاشتباك",
          {"killed": (6, "ثلاثة عناصر من الشرطة وبعض")})


def test_tens_of_the_wounded_is_an_injured_figure():
    check("خلّف القصف ٨ قتلى وعشرات الجرحى في أحياء المدينة.", "القصف",
          {"killed": (8, "٨ قتلى"), "injured": (10, "عشرات الجرحى")})


def killed(text, trigger):
    return counts(text, trigger)[1]["killed"].value


def test_a_figure_before_a_joined_figure_shares_the_verb_after_them():
    assert killed("قال الجيش إن خمسة عشر مسلحاً وثلاثة جنود قُتلوا في المعارك قرب الحدود.", "المعارك") == 18


def test_a_singular_noun_before_a_joined_figure_under_a_verb_after_them_adds_one():
    assert killed("أفادت مصادر بأن ضابطاً برتبة رائد وستة مجندين قُتلوا في الكمين.", "الكمين") == 7


def test_quoted_names_do_not_break_a_list_under_one_cue():
    assert killed("أسفرت الاشتباكات عن مقتل أربعة من عناصر «الحشد» وثلاثة من مسلحي «داعش».", "الاشتباكات") == 7


def test_a_dual_passive_verb_after_the_figure_takes_it():
    doc, got = counts("قالت الشرطة إن متظاهرين اثنين قُتلا وأُصيب عشرون آخرون في المواجهات.", "المواجهات")
    assert got["killed"].value == 2 and got["injured"].value == 20


def test_a_dual_pronoun_on_the_cue_counts_two():
    assert killed("استهدفت طائرة مسيرة سيارة كانت تقل رجلاً وزوجته على الطريق، ما أدى إلى مصرعهما.", "طائرة") == 2


def test_singular_victims_joined_by_and_after_the_cue_are_added():
    assert killed("قُتلت امرأة وابنها بقصف مدفعي استهدف الحي الشرقي من المدينة.", "بقصف") == 2


def test_the_perpetrators_adjective_is_skipped_before_the_victim():
    assert killed("اغتال مسلحون مجهولون موظفاً في البلدية أمام منزله.", "اغتال") == 1


def test_a_bare_plural_yields_to_a_figure_of_another_mention():
    a = Count(3, 0, 5, "killed", "plural-no-number")
    b = Count(12, 10, 14, "killed", "digits")
    assert combine_counts([[a], [b]])["killed"].value == 12
    assert combine_counts([[b], [a]])["killed"].value == 12
    assert combine_counts([[a]])["killed"].value == 3


def test_a_time_between_commas_does_not_cut_the_cue_from_its_figure():
    assert killed("قتل مسلحون، فجر اليوم الأحد، ثلاثة مدنيين في قرية قرب المدينة.", "قتل") == 3
    assert killed("اغتال مسلحون مجهولون، مساء أمس، موظفاً في البلدية.", "اغتال") == 1
    doc, got = counts("أصيب، صباح اليوم، خمسة أشخاص بجروح في انفجار قنبلة.", "انفجار")
    assert got["injured"].value == 5 and doc.text[got["injured"].start:got["injured"].end] == "خمسة"


def test_an_addition_word_adds_the_figure_after_it():
    doc, got = counts("أودت المعارك بحياة ما بين ٩ و١٤ مقاتلاً، إضافة إلى طفلين اثنين من سكان القرية.", "المعارك")
    assert got["killed"].value == 11
    assert killed("قتل ستة جنود فضلا عن 3 من عناصر الشرطة في الهجوم.", "الهجوم") == 9


def test_attackers_who_died_under_their_own_cue_are_added_not_compared():
    doc, got = counts("قُتل خمسة من منتسبي الشرطة وأُصيب تسعة آخرون عندما فجّر انتحاري حزاماً ناسفاً وسط "
                      "المنتسبين، بحسب مصدر أشار إلى مقتل الانتحاري في التفجير.", "فجّر")
    assert got["killed"].value == 6 and got["injured"].value == 9
    doc, got = counts("قُتل خمسة من منتسبي الشرطة عندما فجّر انتحاري حزاماً ناسفاً، ومقتل ثلاثة بحسب مصدر آخر.", "فجّر")
    assert got["killed"].value == 3  # two victims' figures still give the lower one


def test_one_more_person_after_an_addition_word():
    doc, got = counts("ما أدى إلى مقتل ما لا يقل عن ١٣ مجنداً إضافة إلى المهاجم، وإصابة ٢٠ آخرين.", "مقتل")
    assert got["killed"].value == 14 and got["injured"].value == 20
    doc, got = counts("قُتل خمسة جنود من قوات النخبة الحضرمية إضافة إلى منفذ الهجوم عندما فجّر انتحاري سيارة مفخخة.",
                      "فجّر")
    assert got["killed"].value == 6


def test_a_quoted_perpetrator_between_the_verb_and_the_figure_counts_as_one_word():
    doc, got = counts("أعدم عناصر من تنظيم «الدولة الإسلامية»، يوم الأحد، تسعة من جامعي الكمأة بينهم طفلان رمياً "
                      "بالرصاص.", "أعدم")
    assert got["killed"].value == 9


def test_a_verb_in_quotes_still_tells_the_toll():
    # outlets quote the official word (فإن 17 شخصا "استشهدوا"): a quote mark cuts no clause
    for quoted in ('"استشهدوا"', "«استشهدوا»"):
        check(f"أسفر التفجير عن سقوط ضحايا، وحسب المعلومات الأولية فإن نحو 17 شخصا {quoted} بينهم طلبة.", "التفجير",
              {"killed": (17, "نحو 17")})


def test_the_dead_of_both_sides_told_apart_are_summed_but_two_tolls_of_one_side_are_not():
    # R25: each side's dead in its own clause, both the fight's toll
    doc, got = counts("وأضافت أن 17 متمردا قتلوا مشيرة إلى سقوط أحد عشر قتيلا في صفوف القوات الموالية لهادي.",
                      "قتلوا")
    assert (got["killed"].value, got["killed"].rule) == (28, "sides(digits,words)")
    # R2: two figures of the same side stay the lowest
    doc, got = counts("قتل 3 جنود في الهجوم، وقال مصدر عسكري إن 4 جنود قتلوا.", "قتل")
    assert got["killed"].value == 3
    # a killer named between the verb and its figure tells another act (the army's operation)
    doc, got = counts("وقتل الجيش المصري أكثر من 200 إرهابي خلال عملية موسعة ردا على هجوم مسلح استهدف كمائن "
                      "عسكرية، وقتل فيها 17 جنديا وضابطا مصريا.", "هجوم")
    assert got["killed"].value == 17


def test_one_victim_named_before_the_passive_verb_of_a_reported_clause():
    # R9b: إن/أن + an indefinite singular person noun, then its verb, is one victim, across a
    # comma aside; a noun before an act of its own (اتهم بالقتل) is no victim
    check("وقال مسؤول إن جنديا تركيا قتل في هجوم شنه مسلحون على مركز للشرطة.", "هجوم",
          {"killed": (1, "جنديا")})
    check("أكد مسؤولون أن جنرالا كبيرا في الجيش البوروندي ومن اقرب مساعدي الرئيس، قتل اليوم في هجوم "
          "صاروخي على سيارته.", "هجوم", {"killed": (1, "جنرالا")})
    doc, got = counts("وأفاد أن رجلا اتهم بالقتل في هجوم على قرية.", "هجوم")
    assert "killed" not in got


def test_a_dual_noun_before_another_figure_joined_by_wa_is_its_own_count():
    check("سقط قتيلان وثلاثة جرحى في هجوم على فندق.", "هجوم",
          {"killed": (2, "قتيلان"), "injured": (3, "وثلاثة جرحى")})
    check("وأضاف المصدر أن «قتيلين وثلاثة جرحى في صفوف القوات المسلحة سقطوا» في الهجوم.", "الهجوم",
          {"killed": (2, "قتيلين"), "injured": (3, "وثلاثة جرحى")})


def test_a_toll_named_before_its_figure_gives_the_figure_its_kind():
    # R26: حصيلة/عدد + a casualty noun, then the figure in the same clause
    check("وقالت المصادر إن عدد القتلى ارتفع إلى نحو 100 شخص جراء القصف.", "القصف",
          {"killed": (100, "نحو 100")})
    check("وأعلنت الوزارة أن حصيلة ضحاياه ارتفعت إلى 32 في الهجوم.", "الهجوم", {"killed": (32, "32")})
    check("وارتفع عدد المصابين إلى 30 في القصف.", "القصف", {"injured": (30, "30")})
    # a toll over a period is a tally, not the incident's
    doc, got = counts("وقال إن حصيلة القتلى منذ بدء المواجهات في المدينة بلغت 1000 في القصف.", "القصف")
    assert "killed" not in got
