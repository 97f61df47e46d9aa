"""The per-article time budget: past it the article becomes an error line and the batch goes on.
Slowness is injected with a stage that sleeps or spins on one article, never timed."""
import json
import threading
import time
from pathlib import Path

import pytest

from conflict_events import Pipeline
from conflict_events.batch import process_records
from conflict_events.budget import ArticleTimeout, time_limit
from conflict_events.cli import main
from conflict_events.core import default_stages
from conflict_events.io import Record
from conflict_events.ner import Ner
from conflict_events.stage import Stage

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples" / "articles.jsonl"
NEWS = [json.loads(line) for line in SAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()]
SLOW = "مقال بطيء"  # the stand-in stages below stall on an article that holds this


def records(articles):
    return [Record(a, f"in.jsonl:{n}") for n, a in enumerate(articles, 1)]


class Sleepy(Stage):
    """Sleeps an hour on the slow article (a stage stuck waiting)."""

    name = "sleepy"
    requires = frozenset({"text"})

    def __call__(self, doc):
        if SLOW in doc.text:
            time.sleep(3600)
        return doc


class Spinning(Stage):
    """Spins forever on the slow article and swallows every Exception on the way."""

    name = "spinning"
    requires = frozenset({"text"})

    def __call__(self, doc):
        if SLOW in doc.text:
            try:
                while True:
                    pass
            except Exception:
                pass
        return doc


def untagged(extra=()):
    """The default stages without the trained tagger (dictionaries and patterns only: fast), and
    ``extra`` stages right after normalisation."""
    stages = [Ner(use_model=False) if s.name == "ner" else s for s in default_stages()]
    return Pipeline(stages[:1] + list(extra) + stages[1:])


@pytest.mark.parametrize("stall", [Sleepy, Spinning])
def test_a_slow_article_becomes_an_error_line_and_the_batch_goes_on(stall):
    arts = [dict(a, id=f"n{i}") for i, a in enumerate(NEWS[:3])]
    slow = {"id": "slow", "text": NEWS[0]["text"] + " " + SLOW}
    alone = process_records(records(arts), untagged())
    got = process_records(records(arts[:2] + [slow] + arts[2:]), untagged([stall()]), timeout=3)
    assert [r.id for r in got] == ["n0", "n1", "slow", "n2"]
    assert [r.error for r in got] == [None, None, "took longer than 3 s (the --article-timeout budget) and was "
                                                  "left out", None]
    assert [r.rows for r in got[:2] + got[3:]] == [r.rows for r in alone]
    assert all(r.rows for r in alone)


def test_the_budget_reaches_a_worker_thread_and_is_taken_back_when_the_work_ends_in_time():
    seen = []

    def spin(limit, seconds):
        try:
            with time_limit(limit):
                end = time.monotonic() + seconds
                while time.monotonic() < end:
                    pass
            end = time.monotonic() + 1.0  # past the budget, outside the block: nothing raised
            while time.monotonic() < end:
                pass
            seen.append("finished")
        except ArticleTimeout:
            seen.append("timed out")

    for limit, seconds in ((0.3, 30), (0.6, 0.1)):
        t = threading.Thread(target=spin, args=(limit, seconds))
        t.start()
        t.join(60)
    assert seen == ["timed out", "finished"]


def test_a_negative_article_timeout_is_refused_with_one_line(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps(NEWS[0], ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["extract", str(src), "-o", str(tmp_path / "o.jsonl"), "--article-timeout", "-5"]) == 2
    assert capsys.readouterr().err == ("conflict-events: --article-timeout: -5 is not a number of seconds "
                                       "(0 for no limit)\n")
