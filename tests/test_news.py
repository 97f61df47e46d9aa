"""The news model: its arithmetic is sklearn's, the shipped model vetoes sentences that report no
recent event and keeps the news, and its evaluation says clearly when the corpus is missing."""
import pytest

from conflict_events import Pipeline
from conflict_events.cli import main
from conflict_events.document import Document
from conflict_events.news import News, NewsModel, default_model, word_form
from conflict_events.normalize import Normalize
from conflict_events.segment import Segment
from conflict_events.train.news import _analyzer_grams, _vectorizer, fit

NEWS = ["قتل ثلاثة جنود أمس في هجوم على حاجز للجيش في مدينة العريش.",
        "شنت طائرات التحالف اليوم غارات على مواقع الحوثيين في صعدة.",
        "اعتقلت الشرطة أمس خمسة أشخاص يشتبه في انتمائهم إلى خلية إرهابية.",
        "تظاهر آلاف المحتجين اليوم الجمعة في ساحة التحرير للمطالبة بالإصلاح."]
NOT_NEWS = ["وأعرب الأمين العام عن قلقه إزاء تصاعد أعمال العنف في البلاد.",
            "ودان وزير الخارجية الهجوم وأكد وقوف بلاده إلى جانب الشعب.",
            "وتحل اليوم الذكرى الثانية للمجزرة التي راح ضحيتها مئات المدنيين.",
            "وقتل أكثر من أربعة آلاف شخص منذ بدء النزاع بحسب الأمم المتحدة."]


def words_of(text):
    doc = Segment()(Normalize()(Document(text=text)))
    return [word_form(t) for t in doc.tokens]


def test_the_runtime_probability_is_the_fitted_classifiers():
    words = [words_of(t) for t in NEWS + NOT_NEWS]
    y = [True] * len(NEWS) + [False] * len(NOT_NEWS)
    model = NewsModel(fit(words, y, c=10.0, threshold=0.5))
    # the same tf-idf and logistic regression, fitted by sklearn directly
    from sklearn.linear_model import LogisticRegression

    grams = [_analyzer_grams(w) for w in words]
    vec = _vectorizer().fit(grams)
    clf = LogisticRegression(C=10.0, max_iter=5000, class_weight="balanced").fit(vec.transform(grams), y)
    unseen = words_of("وأسفر الهجوم أمس عن مقتل جنديين في مدينة العريش، بحسب مصادر أمنية.")
    for w in words + [unseen]:
        assert model.probability(w) == pytest.approx(clf.predict_proba(vec.transform([_analyzer_grams(w)]))[0, 1],
                                                     abs=1e-4)
    assert model.probability(words[0]) > 0.5 > model.probability(words[-1])
    assert model.probability(["كلمة", "مجهولة"]) == pytest.approx(1 / (1 + pow(2.718281828459045, -model.intercept)))


def test_the_shipped_model_vetoes_a_sentence_that_reports_no_recent_event_and_keeps_the_news():
    assert default_model() is not None and 0 < default_model().threshold < 0.5
    nlp = Pipeline()
    # a battle of words: the rules take معركة for fighting, the model reads the sentence
    doc = nlp.process({"text": "ويبدو أن الوزير كسب هذه الجولة من معركة التحقيق في ملفات الفساد.",
                       "published": "2015-08-02"})
    (em,) = doc.event_mentions
    assert em.ext["background"] and em.ext["background_reason"].startswith("not news (p=")
    assert em.ext["news_p"] < default_model().threshold and doc.events == []
    assert any("reports no recent event" in w for w in doc.warnings)
    # a visit to the wounded reads as far less likely news than the strike itself
    visit = nlp.process({"text": "واستقبل أمير المنطقة المصابين في حادث التفجير وقدم لهم التعازي.",
                         "published": "2015-08-02"}).event_mentions[0].ext["news_p"]
    assert visit < 0.2
    doc = nlp.process({"text": "شنت طائرات التحالف غارات على مواقع الحوثيين في صعدة اليوم الأحد، ما أسفر عن "
                               "مقتل 12 مسلحا.", "published": "2015-08-02"})
    assert doc.event_mentions[0].ext["news_p"] > 0.5
    assert [(e.sub_event_type, e.place.location, e.fatalities) for e in doc.events] == [
        ("Air/drone strike", "Sadah", 12)]


def test_a_pipeline_without_the_news_stage_codes_what_it_would_veto():
    from conflict_events.core import default_stages

    text = {"text": "ويبدو أن الوزير كسب هذه الجولة من معركة التحقيق في ملفات الفساد.", "published": "2015-08-01"}
    assert Pipeline().process(dict(text)).event_mentions[0].ext["background"]
    bare = Pipeline(stages=[s for s in default_stages() if s.name != "news"])
    assert not bare.process(dict(text)).event_mentions[0].ext.get("background")
    # a model of one's own: a sentence of no known word gets the intercept's probability
    strict = Pipeline(stages=[News(NewsModel({"ngrams": [1, 1], "intercept": -5.0, "threshold": 0.5, "terms": {}}))
                              if s.name == "news" else s for s in default_stages()])
    doc = strict.process({"text": "قتل ثلاثة جنود أمس في هجوم على حاجز للجيش في مدينة العريش.",
                          "published": "2015-08-01"})
    assert doc.events == [] and doc.event_mentions[0].ext["news_p"] == pytest.approx(0.007, abs=1e-3)


def test_evaluate_news_without_the_corpus_is_one_clear_error(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("CONFLICT_EVENTS_SHARED", str(tmp_path))
    assert main(["evaluate", "news"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("conflict-events: evaluate news:") and "saudinewsnet" in err and len(err.splitlines()) == 1


def test_a_sentence_that_mixes_an_ongoing_situation_with_the_news_keeps_the_news():
    from conflict_events.news import clause_of

    text = "تسيطر الفوضى الدامية على أفقر دولة عربية منذ أشهر، وقتل خمسة جنود في عدن."
    doc = Segment()(Normalize()(Document(text=text)))
    toks = doc.sentence_tokens(doc.sentences[0])
    first, last = clause_of(toks, text.index("وقتل"))
    assert text[toks[first].start:toks[last - 1].end] == "وقتل خمسة جنود في عدن."
    assert clause_of(toks, 0) == (0, next(i for i, t in enumerate(toks) if t.norm == "،"))
    events = Pipeline().extract(text, published="2015-07-20")
    assert [(e.sub_event_type, e.place.location, e.fatalities) for e in events] == [("Armed clash", "Aden", 5)]


def test_the_mean_word_vector_enters_as_each_words_share_and_carries_to_words_the_labels_never_show():
    import numpy as np

    from conflict_events.train.news import mean_vectors

    words = [words_of(t) for t in NEWS + NOT_NEWS]
    y = [True] * len(NEWS) + [False] * len(NOT_NEWS)
    vocab = sorted({w for ws in words for w in ws} | {"استنكر"})
    rng = np.random.default_rng(1)
    matrix = rng.normal(size=(len(vocab), 8)).astype("float32")
    index = {w: i for i, w in enumerate(vocab)}
    matrix[index["استنكر"]] = matrix[index["ودان"]]  # a word no label shows, beside one of a reaction
    model = NewsModel(fit(words, y, c=10.0, threshold=0.5, vectors=(index, matrix)))
    assert len(model.word_scores) == len(vocab)
    # the runtime's sum of shares is sklearn's logistic regression over tf-idf and the mean vector
    import scipy.sparse as sp
    from sklearn.linear_model import LogisticRegression

    grams = [_analyzer_grams(w) for w in words]
    vec = _vectorizer().fit(grams)

    def design(ws):
        return sp.hstack([vec.transform([_analyzer_grams(w) for w in ws]),
                          sp.csr_matrix(mean_vectors(ws, index, matrix))]).tocsr()

    clf = LogisticRegression(C=10.0, max_iter=5000, class_weight="balanced").fit(design(words), y)
    unseen = words_of("واستنكر الوزير الهجوم.")
    for w in words + [unseen]:
        assert model.probability(w) == pytest.approx(clf.predict_proba(design([w]))[0, 1], abs=1e-4)
    # the unseen word reads as the reaction word whose vector it shares
    bare = NewsModel(fit(words, y, c=10.0, threshold=0.5))
    assert model.probability(["استنكر"]) < bare.probability(["استنكر"])
    assert model.word_scores["استنكر"] == model.word_scores["ودان"] < 0
