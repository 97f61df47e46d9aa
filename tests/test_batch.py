"""The batch path end to end: formats, bad input, resume after SIGKILL, Dask = local."""
import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

from conflict_events.batch import run
from conflict_events.cli import main
from conflict_events.io import errors_path, read_rows
from conflict_events.ledger import done_ids

ARTICLES = [
    {"id": "idlib-shelling", "published": "2023-10-06",
     "text": "قصفت قوات النظام السوري بالمدفعية الثقيلة مدينة سرمين في ريف إدلب الشرقي أمس الخميس، "
             "ما أدى إلى مقتل أربعة مدنيين بينهم طفلان، وفق ما أفاد المرصد السوري لحقوق الإنسان."},
    {"id": "taiz-clash", "published": "2022-03-14",
     "text": "اندلعت اشتباكات عنيفة بين قوات الجيش اليمني وجماعة الحوثي في مدينة تعز يوم الأحد، "
             "وأسفرت عن مقتل سبعة مقاتلين من الطرفين."},
    {"id": "weather", "published": "2023-01-02",
     "text": "توقعت الأرصاد الجوية أن يكون الطقس غدا معتدلا في معظم المناطق مع فرصة لهطول أمطار خفيفة."},
]
BAD = [
    '{"id": "empty", "text": "   "}',
    '{"id": "english", "text": "Heavy clashes broke out in the city on Sunday."}',
    '{"id": "bad-date", "text": "قصف مدفعي على حماة", "published": "yesterday"}',
    '{"id": "broken", "text": "قصف',
    '["not", "an", "object"]',
]


def write_jsonl(path: Path, articles, extra_lines=()):
    with open(path, "w", encoding="utf-8") as f:
        for a in articles:
            f.write(json.dumps(a, ensure_ascii=False) + "\n")
        for line in extra_lines:
            f.write(line + "\n")
    return path


def by_article(rows):
    out = {}
    for r in rows:
        out.setdefault(str(r["article_id"]), []).append((r["event_type"], r["sub_event_type"], r["location"],
                                                        int(r["fatalities"])))
    return out


def test_extract_codes_good_articles_and_reports_each_bad_one(tmp_path, capsys):
    src = write_jsonl(tmp_path / "in.jsonl", ARTICLES, BAD)
    out = tmp_path / "events.jsonl"
    assert main(["extract", str(src), "-o", str(out), "--workers", "1", "--quiet"]) == 0
    rows = read_rows(out)
    events = by_article(rows)
    assert set(events) == {"idlib-shelling", "taiz-clash"}
    assert events["idlib-shelling"][0][:2] == ("Explosions/Remote violence", "Shelling/artillery/missile attack")
    assert events["idlib-shelling"][0][3] == 4
    assert events["taiz-clash"][0][:2] == ("Battles", "Armed clash")
    errors = [json.loads(line) for line in open(errors_path(out), encoding="utf-8")]
    reasons = {e["article_id"]: e["error"] for e in errors}
    assert reasons["empty"] == "text is empty"
    assert reasons["english"] == "text is not Arabic"
    assert "not an ISO date" in reasons["bad-date"]
    assert any("malformed JSON" in e["error"] for e in errors)
    assert any("not an object" in e["error"] for e in errors)
    assert len(errors) == len(BAD)
    for e in errors:
        assert "\n" not in e["error"]
    assert "8 articles, " in capsys.readouterr().err  # the summary counts every record read
    for r in rows:  # evidence slices the original text
        text = next(a["text"] for a in ARTICLES if a["id"] == r["article_id"])
        for ev in r["evidence"]:
            assert text[ev["start"]:ev["end"]] == ev["text"]


def test_missing_input_exits_2_with_one_line(tmp_path, capsys):
    assert main(["extract", str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "o.jsonl")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "nope.jsonl: no such file" in err


def test_unknown_ner_model_profile_exits_2_with_one_line(tmp_path, capsys):
    src = write_jsonl(tmp_path / "in.jsonl", ARTICLES[:1])
    assert main(["extract", str(src), "-o", str(tmp_path / "o.jsonl"), "--ner-model", "huge"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "unknown NER model profile 'huge'" in err and "fast" in err


def test_every_input_format_gives_the_same_events(tmp_path):
    good = [a for a in ARTICLES]
    jsonl = write_jsonl(tmp_path / "a.jsonl", good)
    gz = tmp_path / "a.jsonl.gz"
    gz.write_bytes(gzip.compress(jsonl.read_bytes()))
    pd.DataFrame(good).to_csv(tmp_path / "a.csv", index=False)
    pd.DataFrame(good).to_parquet(tmp_path / "a.parquet", index=False)
    expected = None
    for src in ("a.jsonl", "a.jsonl.gz", "a.csv", "a.parquet"):
        for ext in (".jsonl", ".csv", ".parquet"):
            out = tmp_path / f"out-{src}{ext}"
            run([tmp_path / src], out, workers=1, progress=False, resume=False)
            got = by_article(read_rows(out))
            expected = expected or got
            assert got == expected, (src, ext)
    folder = tmp_path / "txt"
    folder.mkdir()
    (folder / "taiz-clash.txt").write_text(ARTICLES[1]["text"], encoding="utf-8")
    run([folder], tmp_path / "txt.jsonl", workers=1, progress=False, resume=False)
    assert [e[:2] for e in by_article(read_rows(tmp_path / "txt.jsonl"))["taiz-clash"]] == [("Battles", "Armed clash")]


# the CLI in a child process, committing after every article (so a kill lands between any two)
EVERY_ARTICLE = ("import sys, conflict_events.sink as s; s.COMMIT_SECONDS = s.PARQUET_COMMIT_SECONDS = 0; "
                 "from conflict_events.cli import main; sys.exit(main(sys.argv[1:]))")


def kill_when_done(cmd, out, n, timeout=120):
    """Start ``cmd``, SIGKILL it once OUTPUT.done lists ``n`` ids; return the ids listed then."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + timeout
    while time.time() < deadline and len(done_ids(out)) < n:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return done_ids(out)


def test_killed_run_resumes_with_every_article_exactly_once(tmp_path):
    arts = [dict(ARTICLES[i % 3], id=f"a{i:03d}") for i in range(60)]
    src = write_jsonl(tmp_path / "in.jsonl", arts)
    out = tmp_path / "events.jsonl"
    cmd = [sys.executable, "-c", EVERY_ARTICLE, "extract", str(src), "-o", str(out), "--workers", "1", "--quiet"]
    done_before = kill_when_done(cmd, out, 10)
    assert 10 <= len(done_before) < 60
    with open(out, "a", encoding="utf-8") as f:  # a half-written article at the moment of the kill
        f.write(json.dumps({"article_id": "a059", "event_type": "Battles"}) + "\n")
    assert subprocess.run(cmd, capture_output=True).returncode == 0
    done = done_ids(out)
    assert sorted(done) == sorted(a["id"] for a in arts) and len(set(done)) == 60
    clean = tmp_path / "clean.jsonl"
    run([src], clean, workers=1, progress=False, resume=False)
    assert sorted(map(json.dumps, read_rows(out))) == sorted(map(json.dumps, read_rows(clean)))


def test_two_workers_give_the_same_rows_in_the_same_order(tmp_path):
    arts = [dict(ARTICLES[i % 3], id=f"w{i:03d}") for i in range(12)]
    src = write_jsonl(tmp_path / "in.jsonl", arts)
    run([src], tmp_path / "one.jsonl", workers=1, progress=False, resume=False)
    run([src], tmp_path / "two.jsonl", workers=2, progress=False, resume=False)
    assert read_rows(tmp_path / "one.jsonl") == read_rows(tmp_path / "two.jsonl")


def test_dask_local_cluster_gives_the_same_events_as_the_local_engine(tmp_path):
    from conflict_events.dask_engine import run as run_dask

    arts = [dict(ARTICLES[i % 3], id=f"d{i:03d}") for i in range(9)]
    src = write_jsonl(tmp_path / "in.jsonl", arts, ['{"id": "junk", "text": ""}'])
    run([src], tmp_path / "local.jsonl", workers=1, progress=False, resume=False)
    summary = run_dask([src], tmp_path / "dask.parquet", workers=2)
    parts = sorted((tmp_path / "dask.parquet").glob("part-*.parquet"))
    dask_rows = [r for p in parts for r in read_rows(p)]
    local_rows = read_rows(tmp_path / "local.jsonl")
    key = lambda r: (r["article_id"], r["event_type"], r["sub_event_type"], r["location"], int(r["fatalities"]))
    assert [key(r) for r in dask_rows] == [key(r) for r in local_rows]
    assert summary.errors == 1 and summary.articles == 10


def test_an_article_that_breaks_a_batch_is_reported_alone_and_the_others_are_coded():
    from conflict_events import Pipeline, default_stages
    from conflict_events.batch import process_records
    from conflict_events.io import Record
    from conflict_events.stage import Stage

    class FailsOnTaiz(Stage):  # a bug that only one article's text triggers
        name = "fails-on-taiz"
        requires = frozenset({"events"})

        def __call__(self, doc):
            if "تعز" in doc.text:
                raise KeyError("boom")
            return doc

    nlp = Pipeline(default_stages() + [FailsOnTaiz()])
    records = [Record(dict(a), f"in.jsonl:{i}") for i, a in enumerate(ARTICLES)]
    records.insert(1, Record(None, "in.jsonl:9", error="malformed JSON at column 5"))
    results = process_records(records, nlp)
    assert [r.id for r in results] == ["idlib-shelling", "in.jsonl:9", "taiz-clash", "weather"]
    assert results[0].error is None and results[0].rows[0]["fatalities"] == 4
    assert results[1].error == "malformed JSON at column 5"
    assert results[2].error == "internal error: KeyError: 'boom'"
    assert results[3].error is None and results[3].rows == []
