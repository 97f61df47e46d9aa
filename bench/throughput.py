"""Throughput of the batch path on real article dumps, against the tokenisation floor.

    python bench/throughput.py [--corpus saudinewsnet|samples|FILE.jsonl] [--articles 2000]
                               [--workers 2] [--dask] [--no-compare] [--profile-articles 280]

Reads N articles of the corpus: by default the first N SaudiNewsNet articles (day files in
order; read in place from the shared corpora, never copied into the project), real news of
real length; ``samples`` cycles the short paragraphs of data/samples. Then prints, each figure
with the machine's load average beside it (the machine may be shared):

- the floor: camel-tools normalisation and word tokenisation of the same texts on the same
  number of processes (nothing the pipeline does can be cheaper than reading its words);
- the start-up of a worker: from its fork to its first article done (tagger loaded, pipeline
  warm), and apart the fork server's own start (imports and shared data, once per run);
- the local engine (``conflict-events extract --workers W``): articles/s, words/s, peak RSS
  of a worker, and the ratio to the floor; with ``--dask``, the Dask engine on a LocalCluster
  of W workers too, and its share of the local engine's rate;
- the share of time of each stage, one process on one thread, in the workers' batches;
- the trigger gate: the full event rows with and without it on data/samples, the real-news
  gold (dev) and the N articles (identical or not, and how many differ); for the held-out
  check set only that number is computed, never a row shown.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"
SHARED = Path(os.environ.get("CONFLICT_EVENTS_SHARED", ROOT.parent / "shared" / "data"))
SAUDINEWSNET = SHARED / "corpora" / "saudinewsnet"
GOLD_REAL = SHARED / "gold_real"
BATCH = 16  # records per batch, as batch.run gives its workers

RUNNER = r"""
import json, os, resource, sys, threading, time
from pathlib import Path
from conflict_events.batch import run
src, out, workers = sys.argv[1], sys.argv[2], int(sys.argv[3])
peak = {}  # worker pid (or "server") -> its peak RSS in MB, read from /proc while the run goes
pss = {}  # pid -> its largest PSS in MB seen

def children(pid):
    try:
        return [int(k) for k in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []

def field(path, name):
    try:
        text = Path(path).read_text()
    except OSError:
        return 0
    return next((int(l.split()[1]) / 1024 for l in text.splitlines() if l.startswith(name + ":")), 0)

def hwm(pid):  # peak RSS, and the share of the pages in use now (PSS: pages shared by n processes count 1/n)
    pss[pid] = max(pss.get(pid, 0), field(f"/proc/{pid}/smaps_rollup", "Pss"))
    return field(f"/proc/{pid}/status", "VmHWM")

def watch():  # the workers: the fork server's children, or this process's spawned ones
    while True:
        for kid in children(os.getpid()):
            try:
                cmd = Path(f"/proc/{kid}/cmdline").read_bytes()
            except OSError:
                continue
            if b"forkserver" in cmd:
                peak["server"] = max(peak.get("server", 0), hwm(kid))
                for worker in children(kid):
                    peak[worker] = max(peak.get(worker, 0), hwm(worker))
            elif b"spawn_main" in cmd:
                peak[kid] = max(peak.get(kid, 0), hwm(kid))
        time.sleep(0.5)

threading.Thread(target=watch, daemon=True).start()
t = time.perf_counter()
s = run([Path(src)], Path(out), workers=workers, progress=False, resume=False,
        log=open("/dev/null", "w"))
seconds = time.perf_counter() - t
print(json.dumps({"seconds": seconds, "articles": s.articles, "events": s.events,
                  "errors": s.errors, "words": s.words,
                  "rss_main_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "rss_worker_mb": max((v for k, v in peak.items() if k != "server"), default=0),
                  "rss_server_mb": peak.get("server", 0),
                  "pss_worker_mb": max((v for k, v in pss.items() if k in peak), default=0)}))
"""

DASK_RUNNER = r"""
import json, sys, time
from pathlib import Path
from conflict_events.dask_engine import run
src, out, workers = sys.argv[1], sys.argv[2], int(sys.argv[3])
t = time.perf_counter()
s = run([Path(src)], Path(out), workers=workers, log=open("/dev/null", "w"))
print(json.dumps({"seconds": time.perf_counter() - t, "articles": s.articles, "events": s.events,
                  "errors": s.errors}))
"""

STARTUP = r"""
import json, time
from conflict_events.io import Record
from conflict_events.workers import WorkerPool
one = [[Record({"id": "a", "text": "قتل جندي في حلب"}, "a")]]
took = []
for _ in range(2):  # the first pool starts the fork server too; the second forks from it
    t = time.perf_counter()
    with WorkerPool(1, threads=1) as pool:
        list(pool.imap(one))
    took.append(time.perf_counter() - t)
print(json.dumps(took))
"""

PROFILE = r"""
import json, sys, time
from collections import Counter
import torch
torch.set_num_threads(1)
from conflict_events.batch import _article, _worker_pipeline, chunks
from conflict_events.core import ArticleError
from conflict_events.io import read_articles
from pathlib import Path
pipeline = _worker_pipeline()
pipeline.process("قتل جندي في حلب")
records = list(read_articles(Path(sys.argv[1])))[:int(sys.argv[2])]
spent, total = Counter(), 0.0
for batch in chunks(records, int(sys.argv[3])):
    docs = []
    for r in batch:
        try:
            docs.append(pipeline.document(_article(r)))
        except ArticleError:
            pass
    todo = docs
    for stage in pipeline.stages:
        t = time.perf_counter()
        todo = stage.pipe(todo) if hasattr(stage, "pipe") else [stage(d) for d in todo]
        spent[stage.name] += time.perf_counter() - t
        if hasattr(stage, "admits"):
            todo = [d for d in todo if stage.admits(d)]
print(json.dumps(spent))
"""

ROWS = r"""
import json, sys
import torch
torch.set_num_threads(1)
from conflict_events import Pipeline, default_stages
from conflict_events.batch import chunks, process_records
from conflict_events.io import read_articles
from conflict_events.ner import Ner
from pathlib import Path
src, first, last, gate = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "gate"
stages = [Ner(model="fast") if s.name == "ner" else s for s in default_stages(gate=gate)]
pipeline = Pipeline(stages)
records = list(read_articles(Path(src)))[first:last]
for batch in chunks(records, int(sys.argv[5])):
    for res in process_records(batch, pipeline):
        print(json.dumps({"id": res.id, "rows": res.rows, "error": res.error}, ensure_ascii=False, default=str))
"""


def load() -> str:
    """The machine's load average over the last minute, for the figures beside it."""
    return f"load {os.getloadavg()[0]:.2f}"


def sample_texts() -> list[dict]:
    """Every sample article and paragraph in data/samples, as article dicts."""
    items = []
    for path in sorted(SAMPLES.rglob("*.jsonl")):
        if path.name.endswith("expected.jsonl"):
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                obj = json.loads(line)
                if isinstance(obj, dict) and obj.get("text"):
                    items.append({k: obj.get(k) for k in ("id", "text", "published")})
    for path in sorted(SAMPLES.rglob("*.json")):
        obj = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(obj, dict) and obj.get("text"):
            items.append({"id": obj.get("id", path.stem), "text": obj["text"], "published": obj.get("published")})
    return items


def saudinewsnet(n: int) -> list[dict]:
    """The first n SaudiNewsNet articles with a body (day files in order, JSON order within)."""
    if not SAUDINEWSNET.is_dir():
        raise SystemExit(f"{SAUDINEWSNET}: no SaudiNewsNet here; set CONFLICT_EVENTS_SHARED to the folder "
                         f"holding corpora/saudinewsnet, or use --corpus samples")
    out = []
    for zpath in sorted(SAUDINEWSNET.glob("*.zip")):
        with zipfile.ZipFile(zpath) as z:
            for name in sorted(n for n in z.namelist() if n.endswith(".json")):
                for i, art in enumerate(json.loads(z.read(name).decode("utf-8"))):
                    if (art.get("content") or "").strip():
                        out.append({"id": f"{name}#{i}", "title": art.get("title"), "text": art["content"],
                                    "published": (art.get("date_extracted") or "")[:10] or None,
                                    "source": art.get("source"), "url": art.get("url")})
                    if len(out) == n:
                        return out
    return out


def corpus(name: str, n: int) -> list[dict]:
    """n articles of the named corpus (saudinewsnet, samples cycled, or a JSONL file's first n)."""
    if name == "saudinewsnet":
        return saudinewsnet(n)
    if name == "samples":
        base = sample_texts()
        return [dict(base[i % len(base)], id=f"bench-{i:06d}") for i in range(n)]
    with open(name, encoding="utf-8") as f:
        return [json.loads(line) for line, _ in zip(f, range(n))]


def write_jsonl(articles: list[dict], path: Path) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        for art in articles:
            f.write(json.dumps(art, ensure_ascii=False) + "\n")
    return path


def _tokenise(texts: list[str]) -> int:
    """camel-tools normalisation and word tokenisation of some texts; the number of words."""
    from camel_tools.tokenizers.word import simple_word_tokenize
    from camel_tools.utils.dediac import dediac_ar
    from camel_tools.utils.normalize import (normalize_alef_ar, normalize_alef_maksura_ar, normalize_teh_marbuta_ar,
                                             normalize_unicode)

    words = 0
    for text in texts:
        norm = normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(dediac_ar(normalize_unicode(text)))))
        words += len(simple_word_tokenize(norm))
    return words


def floor(texts: list[str], workers: int) -> float:
    """Articles/s of camel-tools normalisation and tokenisation on ``workers`` processes."""
    parts = [texts[i::workers] for i in range(workers)]
    with get_context("fork").Pool(workers) as pool:
        pool.map(_tokenise, [["ا"]] * workers)  # the imports, before the clock starts
        t = time.perf_counter()
        pool.map(_tokenise, parts)
        return len(texts) / (time.perf_counter() - t)


def python(script: str, *args) -> str:
    """Run a script in a fresh interpreter of this Python; its stdout (SystemExit on failure)."""
    proc = subprocess.run([sys.executable, "-c", script, *map(str, args)], capture_output=True, text=True, cwd=ROOT)
    if proc.returncode:
        raise SystemExit(proc.stderr)
    return proc.stdout


def startup() -> tuple[float, float]:
    """(seconds to the first result of a run's first worker, fork server included; of a worker
    forked from the running server): a fresh interpreter's WorkerPool of one, twice."""
    first, again = json.loads(python(STARTUP).strip().splitlines()[-1])
    return first, again


def rows_of(src: Path, gate: bool, workers: int, count: int) -> dict[str, list]:
    """Each article's rows (and error) through the pipeline with or without the gate, ``workers``
    processes each on a slice of the input."""
    step = -(-count // workers)
    procs = [subprocess.Popen([sys.executable, "-c", ROWS, str(src), str(i), str(i + step),
                               "gate" if gate else "all", str(BATCH)], stdout=subprocess.PIPE, text=True, cwd=ROOT)
             for i in range(0, count, step)]
    out = {}
    for p in procs:
        for line in p.stdout:
            r = json.loads(line)
            out[r["id"]] = [r["error"]] + [json.dumps(row, sort_keys=True, ensure_ascii=False) for row in r["rows"]]
        if p.wait():
            raise SystemExit(f"comparing rows: a process failed on {src}")
    return out


def differing(a: dict[str, list], b: dict[str, list]) -> tuple[int, int]:
    """(rows of either side the other lacks, articles whose rows differ) of two runs."""
    rows = arts = 0
    for key in a.keys() | b.keys():
        x, y = Counter(a.get(key, [])), Counter(b.get(key, []))
        if x != y:
            arts += 1
            rows += sum(((x - y) + (y - x)).values())
    return rows, arts


def compare_gate(name: str, src: Path, workers: int) -> None:
    """Print whether the gate changes any row of a file (rows counted, never shown)."""
    count = sum(1 for line in open(src, encoding="utf-8") if line.strip())
    t = time.perf_counter()
    with_gate, without = rows_of(src, True, workers, count), rows_of(src, False, workers, count)
    rows, arts = differing(with_gate, without)
    total = sum(len(v) - 1 for v in without.values())
    verdict = "identical" if rows == 0 else f"{rows} rows differ in {arts} articles"
    print(f"  {name:<34}{count:>6} articles {total:>6} rows without the gate: {verdict}"
          f"   ({time.perf_counter() - t:.0f} s, {load()})", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default="saudinewsnet", help="saudinewsnet (default), samples, or a JSONL file")
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--dask", action="store_true", help="also run the Dask engine on a LocalCluster")
    ap.add_argument("--no-compare", action="store_true", help="skip the rows with and without the gate")
    ap.add_argument("--profile-articles", type=int, default=280, help="articles of the per-stage profile")
    args = ap.parse_args()
    articles = corpus(args.corpus, args.articles)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        src = write_jsonl(articles, tmp / "bench.jsonl")
        words = sum(len(a["text"].split()) for a in articles)
        print(f"input: {len(articles)} articles of {args.corpus}, {words} words ({words / len(articles):.0f} "
              f"per article), {os.cpu_count()} cores, {args.workers} worker(s); {load()}", flush=True)
        base = floor([a["text"] for a in articles], args.workers)
        print(f"floor, camel-tools normalise+tokenise, {args.workers} processes: {base:.0f} articles/s "
              f"({base * words / len(articles):.0f} words/s); {load()}", flush=True)
        first, again = startup()
        print(f"worker start-up: {again:.2f} s from fork to its first article done; the run's fork server "
              f"(imports and shared data, once per run): {first - again:.2f} s; {load()}", flush=True)
        print(f"{'engine':<28}{'articles/s':>11}{'words/s':>10}{'peak RSS MB/worker':>20}{'events':>8}"
              f"{'errors':>8}   of the floor", flush=True)
        r = json.loads(python(RUNNER, src, tmp / "out.jsonl", args.workers).strip().splitlines()[-1])
        rate = r["articles"] / r["seconds"]
        rss = r["rss_worker_mb"] if args.workers > 1 else r["rss_main_mb"]
        print(f"{f'local, {args.workers} worker(s)':<28}{rate:>11.1f}{r['words'] / r['seconds']:>10.0f}{rss:>20.0f}"
              f"{r['events']:>8}{r['errors']:>8}   {100 * rate / base:.1f} %  ({load()})", flush=True)
        print(f"  (peak RSS counts the pages a worker shares with the fork server, {r['rss_server_mb']:.0f} MB; "
              f"a worker's largest proportional share, PSS: {r['pss_worker_mb']:.0f} MB)", flush=True)
        if args.dask:
            d = json.loads(python(DASK_RUNNER, src, tmp / "dask-out", args.workers).strip().splitlines()[-1])
            drate = d["articles"] / d["seconds"]
            print(f"{f'dask, LocalCluster of {args.workers}':<28}{drate:>11.1f}{'':>10}{'':>20}{d['events']:>8}"
                  f"{d['errors']:>8}   {100 * drate / base:.1f} %  ({load()}); {100 * drate / rate:.0f} % of "
                  f"the local engine's rate", flush=True)
        if args.profile_articles > 0:  # 0: no per-stage profile
            spent = json.loads(python(PROFILE, src, args.profile_articles, BATCH))
            whole = sum(spent.values())
            print(f"share of time per stage ({args.profile_articles} articles, 1 process, 1 thread, "
                  f"{args.profile_articles / whole:.1f} articles/s; {load()}): "
                  + ", ".join(f"{k} {100 * v / whole:.0f} %" for k, v in sorted(spent.items(), key=lambda kv: -kv[1])),
                  flush=True)
        if args.no_compare:
            return
        print("event rows with and without the trigger gate:", flush=True)
        samples = write_jsonl(sample_texts(), tmp / "samples.jsonl")
        compare_gate("data/samples", samples, args.workers)
        for split in ("dev", "check"):
            gold = GOLD_REAL / f"{split}.jsonl"
            if gold.is_file():
                compare_gate(f"gold_real/{split}.jsonl", gold, args.workers)
        compare_gate(f"{len(articles)} articles of {args.corpus}", src, args.workers)


if __name__ == "__main__":
    main()
