"""Cost of the cross-article dedupe on synthetic-but-realistic dumps of 10k and 100k events.

    python bench/dedupe.py [--events EVENTS.jsonl] [--articles 5000] [--sizes 10000 100000]
                           [--similarity words] [--out out/bench_dedupe]

The events are re-sampled from real extractor output: by default the extractor is run once over
the first N SaudiNewsNet articles that read like conflict news (read in place from the shared
corpora, never copied into the project; the output is cached in OUT), or ``--events`` names an
output of ``conflict-events extract``. A synthetic dump is made of incidents: each takes a real
event as its template, a date anywhere in two years and the place of another real event of the
same country, and is reported by one to six articles (ids made up) whose dates may slip a day and
whose figures differ a little, as outlets' do. Each size is deduped end to end (read the JSONL,
dedupe, write incidents and mentions) in a process of its own; the bench prints the seconds, the
peak RSS of that process, the incidents found, and the estimate for 1 million events from the
growth between the two sizes (per-event cost of the larger size).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONFLICT = re.compile("غارة|غارات|قصف|اشتباك|مقتل|قتل|انفجار|تفجير|هجوم|عبوة|صاروخ|مسلح|اعتقال|تظاهر|الحوثي|داعش")
PLACE = ["country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "location_ar",
         "iso", "region"]


def conflict_articles(n: int) -> list[dict]:
    """The first n SaudiNewsNet articles (day files in order) with at least two conflict words."""
    from conflict_events import saudinewsnet
    from conflict_events.resources import SharedDataNotFound

    try:
        out = []
        for aid, art in saudinewsnet.articles():
            if len(CONFLICT.findall(art.get("content") or "")) >= 2:
                out.append(saudinewsnet.as_item(aid, art))
            if len(out) == n:
                break
    except SharedDataNotFound as e:
        raise SystemExit(f"{e}; or pass --events")
    return out


def real_events(out: Path, articles: int) -> Path:
    """The extractor's output over the conflict articles (made once, then reused)."""
    events = out / f"saudinewsnet_{articles}.events.jsonl"
    if not events.exists() or not (out / (events.name + ".done")).exists():
        src = out / f"saudinewsnet_{articles}.articles.jsonl"
        with open(src, "w", encoding="utf-8") as f:
            for art in conflict_articles(articles):
                f.write(json.dumps(art, ensure_ascii=False) + "\n")
        print(f"extracting the events of {articles} SaudiNewsNet articles into {events} (once)", flush=True)
        subprocess.run([sys.executable, "-m", "conflict_events.cli", "extract", str(src), "-o", str(events),
                        "--quiet"], check=True)
        src.unlink()
    return events


def synthetic(templates: list[dict], size: int, seed: int = 19) -> list[dict]:
    """``size`` event rows: incidents re-sampled from the templates, each told by 1-6 articles."""
    rng = random.Random(seed)
    by_country: dict[str, list[dict]] = {}
    for t in templates:
        by_country.setdefault(t.get("country"), []).append(t)
    start = dt.date(2014, 1, 1)
    rows, n = [], 0
    while len(rows) < size:
        t = rng.choice(templates)
        where = rng.choice(by_country[t.get("country")])
        day = start + dt.timedelta(rng.randrange(730))
        for k in range(min(size - len(rows), rng.choice([1, 1, 2, 2, 3, 4, 6]))):
            n += 1
            slip = day + dt.timedelta(rng.choice([0, 0, 0, 1, -1]))
            row = dict(t, **{c: where.get(c) for c in PLACE})
            row.update(article_id=f"synthetic-{n:07d}", event_id_cnty=f"{t['event_id_cnty'][:3]}{n:08d}",
                       event_date=slip.isoformat(), year=slip.year, published=(slip + dt.timedelta(1)).isoformat(),
                       source=rng.choice(["sabq", "okaz", "alriyadh", "aawsat", "alyaum", "alweeam"]),
                       url=f"https://example.org/{n}",
                       fatalities=max(0, int(t.get("fatalities") or 0) + rng.choice([0, 0, 1, -1])))
            rows.append(row)
    return rows


def run_size(events: Path, output: Path, similarity: str) -> None:
    """Dedupe one dump (in this process); print one JSON line of figures."""
    from conflict_events.dedupe import run

    start = time.perf_counter()
    summary = run([events], output, similarity=similarity, force=True, log=open(os.devnull, "w"))
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"events": summary.reports, "incidents": summary.incidents, "seconds": round(seconds, 1),
                      "peak_mb": round(peak_mb)}))


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--events", type=Path, help="an extract output to re-sample (default: extract SaudiNewsNet)")
    p.add_argument("--articles", type=int, default=5000,
                   help="SaudiNewsNet conflict articles to extract (default: all 4,454; about 10 minutes, once)")
    p.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    p.add_argument("--similarity", default="words")
    p.add_argument("--out", type=Path, default=ROOT / "out" / "bench_dedupe")
    p.add_argument("--one", nargs=2, metavar=("EVENTS", "OUTPUT"), help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.one:
        run_size(Path(args.one[0]), Path(args.one[1]), args.similarity)
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    source = args.events or real_events(args.out, args.articles)
    from conflict_events.io import read_rows

    templates = [r for r in read_rows(source) if r.get("event_date")]
    print(f"templates: {len(templates)} real events of {len({r['article_id'] for r in templates})} articles "
          f"({source}); similarity {args.similarity}; load average {os.getloadavg()[0]:.1f}", flush=True)
    figures = []
    for size in args.sizes:
        dump = args.out / f"synthetic_{size}.events.jsonl"
        with open(dump, "w", encoding="utf-8") as f:
            for row in synthetic(templates, size):
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
        done = subprocess.run([sys.executable, __file__, "--similarity", args.similarity, "--one", str(dump),
                               str(args.out / f"synthetic_{size}.incidents.jsonl")],
                              check=True, capture_output=True, text=True)
        fig = json.loads(done.stdout.strip().splitlines()[-1])
        figures.append(fig)
        print(f"{fig['events']:>9,} events → {fig['incidents']:>8,} incidents in {fig['seconds']:6.1f} s, peak RSS "
              f"{fig['peak_mb']:,} MB (load average {os.getloadavg()[0]:.1f})", flush=True)
    if len(figures) >= 2:
        a, b = figures[-2], figures[-1]
        per_event = (b["seconds"] - a["seconds"]) / (b["events"] - a["events"])
        mb_per_event = (b["peak_mb"] - a["peak_mb"]) / (b["events"] - a["events"])
        print(f"1,000,000 events (estimate from the growth {a['events']:,} → {b['events']:,}): "
              f"{b['seconds'] + per_event * (1_000_000 - b['events']):,.0f} s, "
              f"{b['peak_mb'] + mb_per_event * (1_000_000 - b['events']):,.0f} MB peak RSS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
