"""The trigger gate: the expensive stages skip the articles that cannot report an event, and
the event rows stay exactly the same."""
import json
from pathlib import Path

from conflict_events import Pipeline, default_stages
from conflict_events.batch import _worker_pipeline, process_records
from conflict_events.gate import TriggerGate, event_sentences
from conflict_events.io import Record
from conflict_events.normalize import Normalize
from conflict_events.segment import Segment

GOLD = Path(__file__).resolve().parents[1] / "data" / "samples" / "gold" / "events_dev.jsonl"
NEGATIVES = ["dn01", "dn02", "dn03", "dn05", "dn06", "dn07", "dn08", "dn09"]  # no codable trigger in them


def segmented(text):
    return Pipeline([Normalize(), Segment()]).process(text)


def test_the_gate_opens_on_the_sentences_whose_triggers_the_events_stage_would_code():
    doc = segmented("توقعت الأرصاد طقسا معتدلا. قتل جندي في حلب. لم تقع اشتباكات في المدينة اليوم.")
    assert event_sentences(doc) == [1]  # the negated clash (drop:negation) opens nothing
    assert event_sentences(segmented("لم تقع اشتباكات في المدينة اليوم.")) == []


def test_a_closed_article_skips_every_stage_after_the_gate_and_an_open_one_runs_them_all():
    nlp = Pipeline(gate=True)
    assert [s.name for s in nlp.stages][:4] == ["normalize", "segment", "gate", "ner"]
    closed, open_ = nlp.pipe([nlp.document("توقعت الأرصاد أن يكون الطقس معتدلا في دمشق."),
                              nlp.document("قتل جندي في حلب أمس.", published="2023-01-02")])
    assert closed.ext["event_sentences"] == [] and closed.mentions == [] and "mentions" not in closed.provided
    assert closed.events == []
    assert open_.ext["event_sentences"] == [0] and [m.text for m in open_.mentions] == ["جندي", "حلب"]
    assert len(open_.events) == 1 and open_.events[0].sub_event_type == "Armed clash"
    assert not TriggerGate.admits(closed) and TriggerGate.admits(open_)


def test_the_batch_pipeline_gives_the_same_rows_with_and_without_the_gate_on_gold_articles():
    articles = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    records = [Record({k: a.get(k) for k in ("id", "text", "published")}, f"gold:{i}")
               for i, a in enumerate(articles)]
    gated = _worker_pipeline()
    assert "gate" in [s.name for s in gated.stages]
    ungated = Pipeline([s for s in gated.stages if s.name != "gate"])  # the same loaded tagger
    with_gate = process_records(records, gated)
    without = process_records(records, ungated)
    assert [r.rows for r in with_gate] == [r.rows for r in without]
    assert sum(len(r.rows) for r in without) == 30
    closed = [r.id for r, a in zip(with_gate, articles)
              if not event_sentences(segmented({k: a.get(k) for k in ("id", "text", "published")}))]
    assert closed == NEGATIVES
    assert all(r.rows == [] for r in with_gate if r.id in NEGATIVES)


def test_the_default_stages_have_no_gate_unless_asked():
    assert "gate" not in [s.name for s in default_stages()]
    assert [s.name for s in default_stages(gate=True)].index("gate") == 2
