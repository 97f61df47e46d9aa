"""The worker pool survives its workers: a killed or stuck worker is replaced and its batch run again;
an article that kills its worker twice becomes an error. The pool tests run small stand-in
functions (no pipeline), passed to WorkerPool as ``setup`` and ``work``; the chaos test runs the
command line and kills a real worker."""
import json
import os
import signal
import subprocess
import sys
import time
from functools import partial
from pathlib import Path

import pytest

from conflict_events import workers
from conflict_events.batch import Result, run
from conflict_events.io import Record, errors_path, read_rows
from conflict_events.ledger import done_ids
from conflict_events.workers import PoolError, WorkerPool

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples" / "articles.jsonl"
NEWS = [json.loads(line) for line in SAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()]


def nothing() -> None:
    """A worker's setup that loads nothing."""


def cannot_start() -> None:
    raise FileNotFoundError("no model in /nowhere")


def echo(records, pause: float = 0.0, deadly: str = "", stuck: str = ""):
    """One row per record naming it; kills its own process on the ``deadly`` id, hangs on ``stuck``."""
    ids = [r.article["id"] for r in records]
    if deadly in ids:
        os.kill(os.getpid(), signal.SIGKILL)
    if stuck in ids:
        time.sleep(3600)
    time.sleep(pause)
    return [Result(i, rows=[{"article_id": i, "pid": os.getpid()}], origin=r.origin) for i, r in zip(ids, records)]


def batches_of(ids, size):
    recs = [Record({"id": i, "text": "نص"}, f"in.jsonl:{n}") for n, i in enumerate(ids, 1)]
    return [recs[k:k + size] for k in range(0, len(recs), size)]


def test_an_article_that_kills_its_worker_twice_becomes_an_error_and_the_rest_come_through(capsys):
    ids = [f"a{n}" for n in range(12)]
    ids[5] = "poison"
    with WorkerPool(2, setup=nothing, work=partial(echo, deadly="poison")) as pool:
        out = list(pool.imap(batches_of(ids, 4)))
    assert [[r.id for r in batch] for batch in out] == [ids[0:4], ids[4:8], ids[8:12]]  # input order
    errors = {r.id: r.error for batch in out for r in batch if r.error}
    assert errors == {"poison": "its worker process died twice while processing it (last: killed by SIGKILL); "
                                "left out"}
    assert all(r.rows == [{"article_id": r.id, "pid": r.rows[0]["pid"]}] for b in out for r in b if r.id != "poison")
    # the batch's death, then the article's own, alone
    assert pool.deaths == [
        "a worker died (killed by SIGKILL) while processing 4 article(s) from in.jsonl:5; "
        "they run again, one by one, on a new worker",
        "a worker died (killed by SIGKILL) while processing 1 article(s) from in.jsonl:6; "
        "they run again, one by one, on a new worker"]
    assert capsys.readouterr().err.count("conflict-events: a worker died (killed by SIGKILL)") == 2


def test_a_worker_killed_from_outside_is_replaced_and_nothing_is_lost():
    ids = [f"a{n}" for n in range(16)]
    got, killed = [], None
    with WorkerPool(2, setup=nothing, work=partial(echo, pause=0.3)) as pool:
        for batch in pool.imap(batches_of(ids, 2)):
            got += batch
            if killed is None:
                busy = next((w for w in pool._workers if w.task is not None), pool._workers[0])
                killed = busy.process.pid
                os.kill(killed, signal.SIGKILL)
    assert [r.id for r in got] == ids and not any(r.error for r in got)
    assert len(pool.deaths) == 1 and "killed by SIGKILL" in pool.deaths[0]
    assert killed not in {r.rows[0]["pid"] for r in got[4:]}  # later batches ran on the live workers


def test_a_worker_stuck_past_its_budget_is_stopped_and_its_article_becomes_an_error(monkeypatch):
    monkeypatch.setattr(workers, "GRACE", 0.5)  # the parent's patience past (articles + 1) x timeout
    ids = ["a0", "stuck", "a2", "a3"]
    with WorkerPool(2, setup=nothing, work=partial(echo, stuck="stuck"), timeout=0.5) as pool:
        out = [r for batch in pool.imap(batches_of(ids, 2)) for r in batch]
    assert [r.id for r in out] == ids
    assert {r.id: r.error for r in out if r.error} == {
        "stuck": "took longer than 0.5 s (the --article-timeout budget) and was left out; its worker was stopped"}
    assert len(pool.deaths) == 2 and all("running past its time budget" in d for d in pool.deaths)


def test_workers_that_cannot_start_stop_the_run_with_one_line():
    with pytest.raises(PoolError) as e:
        with WorkerPool(1, setup=cannot_start, work=echo) as pool:
            list(pool.imap(batches_of(["a"], 1)))
    assert str(e.value) == "a worker could not load the pipeline: FileNotFoundError: no model in /nowhere"


def children(pid: int) -> list[int]:
    """A process's children (Linux /proc)."""
    return [int(k) for k in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def worker_pids(pid: int) -> list[int]:
    """The pool's worker processes: the children of the process's fork server (or its spawned children)."""
    out = []
    for k in children(pid):
        cmd = Path(f"/proc/{k}/cmdline").read_bytes()
        if b"forkserver" in cmd:
            out += children(k)
        elif b"spawn_main" in cmd:
            out.append(k)
    return out


def test_a_run_whose_worker_is_killed_ends_with_the_rows_of_a_clean_run(tmp_path):
    """The chaos test, small (bench/chaos.py runs 1,000 articles and times it): kill -9 a worker
    in the middle of a run; the run ends by itself, says so, and its rows are a clean run's."""
    # four batches of 16 articles of three news reports each: when the first batch's results are
    # committed, both workers hold a batch
    long = "\n".join(a["text"] for a in NEWS[:3])
    arts = [{"id": f"c{i:03d}", "text": f"{i}\n{long}", "published": "2023-10-06"} for i in range(64)]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in arts), encoding="utf-8")
    out = tmp_path / "events.jsonl"
    cmd = [sys.executable, "-m", "conflict_events.cli", "extract", str(src), "-o", str(out), "--workers", "2",
           "--quiet"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    while proc.poll() is None and not done_ids(out):
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before its first commit: nothing to kill"
    os.kill(worker_pids(proc.pid)[0], signal.SIGKILL)
    _, err = proc.communicate(timeout=600)  # a hang fails here
    assert proc.returncode == 0, err
    assert "died (killed by SIGKILL)" in err and "1 worker process(es) died and were replaced" in err
    assert subprocess.run(cmd, capture_output=True).returncode == 0  # the re-run: nothing left to do
    assert sorted(done_ids(out)) == [a["id"] for a in arts]
    assert _lines(errors_path(out)) == []
    clean = tmp_path / "clean.jsonl"
    run([src], clean, workers=1, progress=False, resume=False)
    assert sorted(map(json.dumps, read_rows(out))) == sorted(map(json.dumps, read_rows(clean)))


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def echo_partition(records, ner_model=None, timeout=None):
    """A Dask partition's stand-in work: ``echo``, killing its worker on the article "poison"."""
    return echo(list(records), deadly="poison")


def test_dask_runs_a_partition_that_kills_its_workers_again_one_article_at_a_time(tmp_path, capsys):
    from conflict_events.dask_engine import run as run_dask

    ids = ["a0", "a1", "poison", "a3"]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": "نص"}) + "\n" for i in ids), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    import dask

    # one death is enough for Dask to give a task up (its default, 3 retries, costs a worker start
    # each: minutes on a loaded machine); the engine's handling is the same
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        summary = run_dask([src], out, workers=1, work=echo_partition)
    assert [r["article_id"] for r in read_rows(out / "part-00000.jsonl")] == ["a0", "a1", "a3"]
    errors = [json.loads(line) for line in _lines(out / "errors-00000.jsonl")]
    assert errors == [{"article_id": "poison", "error": "every Dask worker that ran it died; left out",
                       "input": "in.jsonl:3"}]
    assert (summary.articles, summary.errors) == (4, 1)
    assert "part 0: Attempted to run task" in capsys.readouterr().err


def what_the_worker_holds(records):
    """Whether this process had the pipeline's shared data and imports before its first task."""
    from conflict_events import ner_model
    from conflict_events.events import lexicon
    from conflict_events.ner import dictionary_matcher
    from conflict_events.places import Gazetteer

    held = (dictionary_matcher.cache_info().currsize, lexicon.cache_info().currsize,
            Gazetteer.default.cache_info().currsize, len(ner_model._CACHE), "torch" in sys.modules)
    return [Result(r.id, error=repr(held)) for r in records]


def test_a_worker_starts_forked_with_the_imports_and_the_read_only_data_already_loaded():
    with WorkerPool(1, setup=nothing, work=what_the_worker_holds) as pool:
        results = [r for batch in pool.imap(batches_of(["a"], 1)) for r in batch]
    assert results[0].error == repr((1, 1, 1, 1, True))
