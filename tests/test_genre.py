"""The genre stage: an opinion piece codes only the recent incidents it dates; the shipped model tells a
column from a report; the byline labels it is trained on."""
import pytest

from conflict_events import Pipeline
from conflict_events.core import default_stages
from conflict_events.genre import Genre, GenreModel, default_model
from conflict_events.train.genre import byline_label

# a fake model: an article with the word نحن is an opinion piece, any other a report
FAKE = GenreModel({"ngrams": [1, 1], "words": 300, "intercept": -3.0, "threshold": 0.5,
                   "terms": {"نحن": [1.0, 8.0], "في": [1.0, 0.0]}})


@pytest.fixture(scope="module")
def fake_nlp():
    return Pipeline([Genre(FAKE) if s.name == "genre" else s for s in default_stages()])


def rows(nlp, text, published="2015-07-24"):
    return [(r["sub_event_type"], r["event_date"], r["location"])
            for r in (e.to_acled_row() for e in nlp.extract(text, published=published))]


COLUMN = "نحن نرى أن الإرهاب لا دين له ولا وطن، وأن علينا أن نقف صفا واحدا. "


def test_an_opinion_piece_codes_only_the_incident_it_dates(fake_nlp):
    undated = "قتل مسلحون ثلاثة جنود في هجوم على حاجز للجيش في مدينة عدن."
    dated = "قتل مسلحون ثلاثة جنود أمس الخميس في هجوم على حاجز للجيش في مدينة عدن."
    assert rows(fake_nlp, COLUMN + undated) == []
    assert rows(fake_nlp, COLUMN + dated) == [("Armed clash", "2015-07-23", "Aden")]
    # the same lines in a report are coded, dated or not
    assert rows(fake_nlp, undated) == [("Armed clash", "2015-07-24", "Aden")]
    doc = fake_nlp.process({"text": COLUMN + undated, "published": "2015-07-24"})
    assert doc.ext["opinion_p"] > 0.5 and doc.warnings == [
        "opinion piece (p=0.74): 1 event mention(s) coded only where they tell a recent incident with its own day"]


def test_the_shipped_model_tells_a_column_from_a_report():
    model = default_model()
    assert model is not None and 0.5 < model.threshold < 1
    nlp = Pipeline()
    column = ("هل يعقل أن يتحول شبابنا إلى أدوات في يد من يريد بنا شرا؟! سؤال أطرحه على نفسي كل يوم وأنا أقرأ ما "
              "تكتبه الصحف عن الفكر المتطرف. أعتقد أن المشكلة ليست في الشباب أنفسهم، بل في الخطاب الذي يسمعونه، "
              "وفي غياب القدوة، وفي فراغ لا يملؤه أحد. إننا بحاجة إلى مراجعة صادقة لمناهجنا ومنابرنا، فالإرهاب لا "
              "يولد من فراغ، وعلينا جميعا، آباء ومعلمين وكتابا، أن نتحمل مسؤوليتنا قبل أن يقتل الإرهابيون المزيد "
              "من الأبرياء في المساجد. وأقول لكل أب: اقترب من ابنك، واسمع منه، فالوطن أمانة في أعناقنا جميعا!!")
    report = ("قتل ثلاثة جنود وأصيب خمسة آخرون في هجوم شنه مسلحون على حاجز للجيش في محافظة أبين جنوب اليمن "
              "أمس الخميس، وفق ما أفاد مصدر عسكري. وقال المصدر إن المهاجمين فروا بعد اشتباك استمر نحو ساعة، "
              "فيما فرضت قوات الأمن طوقا حول المنطقة.")
    p_column = nlp.process({"text": column, "published": "2015-07-24"}).ext["opinion_p"]
    doc = nlp.process({"text": report, "published": "2015-07-24"})
    assert p_column > 0.9 and doc.ext["opinion_p"] < 0.05
    assert [(e.sub_event_type, e.place.admin1) for e in doc.events] == [("Armed clash", "Abyan")]


def test_bylines_label_columns_and_reports():
    assert byline_label({"source": "alwatan", "author": "سطام المقرن"}) is True
    assert byline_label({"source": "alweeam", "author": "عدن - الوئام :"}) is False
    assert byline_label({"source": "okaz", "author": "&nbsp;خالد طاشكندي (جدة)"}) is False
    assert byline_label({"source": "was", "author": ""}) is None  # no byline: unknown
    assert byline_label({"source": "alwatan", "author": "محمد"}) is None  # one word: not told
