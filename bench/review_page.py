"""What a review page costs as it grows: build time and size, and how long Chromium takes to show it and to filter.

    python bench/review_page.py                 # 100, 500 and 2,000 articles (the default --max-articles)
    python bench/review_page.py 50 5000

The samples (data/samples: 15 articles and the seed) are extracted once; their articles and rows are then
repeated under new ids up to N articles, so the page holds N articles of real length with their real events
and evidence. The browser figures need Debian's chromium at /usr/bin/chromium and the playwright package.
"""
from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "data" / "samples"
CHROMIUM = Path("/usr/bin/chromium")


def samples(folder: Path) -> tuple[list[dict], list[dict]]:
    """The sample articles and the event rows extract gives them."""
    from conflict_events.batch import run
    from conflict_events.io import read_rows

    articles = [json.loads(line) for line in (SAMPLES / "articles.jsonl").read_text(encoding="utf-8").splitlines() if line]
    articles.append(json.loads((SAMPLES / "seed" / "deir_ez_zor_liwa_al_baqir.json").read_text(encoding="utf-8")))
    src = folder / "samples.jsonl"
    src.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
    with open(folder / "log", "w") as log:
        run([src], folder / "samples.events.jsonl", workers=1, progress=False, resume=False, log=log)
    return articles, read_rows(folder / "samples.events.jsonl")


def repeated(folder: Path, articles: list[dict], rows: list[dict], n: int) -> tuple[Path, Path]:
    """INPUT and EVENTS files of ``n`` articles: the samples again and again under new ids."""
    src, events = folder / f"in-{n}.jsonl", folder / f"events-{n}.jsonl"
    with open(src, "w", encoding="utf-8") as fa, open(events, "w", encoding="utf-8") as fe:
        for i in range(n):
            art = articles[i % len(articles)]
            new_id = f"{art['id']}-{i}"
            fa.write(json.dumps(dict(art, id=new_id), ensure_ascii=False) + "\n")
            for r in rows:
                if r["article_id"] == art["id"]:
                    fe.write(json.dumps(dict(r, article_id=new_id), ensure_ascii=False) + "\n")
    return src, events


def browser_figures(page: Path) -> str:
    """Seconds to load and render the page in headless Chromium, and to apply a country filter."""
    if not CHROMIUM.is_file():
        return "browser: no /usr/bin/chromium"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        tab = browser.new_page()
        start = time.perf_counter()
        tab.goto(page.as_uri(), wait_until="load")
        tab.wait_for_selector("#shown:not(:empty)")
        loaded = time.perf_counter() - start
        start = time.perf_counter()
        tab.select_option("#f-country", "Syria")
        tab.inner_text("#shown")
        filtered = time.perf_counter() - start
        browser.close()
    return f"browser: shown in {loaded:.2f} s, country filter {filtered:.2f} s"


def main(sizes: list[int]) -> None:
    from conflict_events.review import run as review

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        articles, rows = samples(folder)
        for n in sizes:
            src, events = repeated(folder, articles, rows, n)
            page = folder / f"review-{n}.html"
            start = time.perf_counter()
            with open(folder / "log", "w") as log:
                result = review(events, [src], page, max_articles=max(n, 1), log=log)
            seconds = time.perf_counter() - start
            print(f"{n:>6} articles, {result.events:>6} events: page built in {seconds:.2f} s, "
                  f"{page.stat().st_size / 1e6:.1f} MB; {browser_figures(page)}", flush=True)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 500, 2000])
