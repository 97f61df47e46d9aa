"""The SaudiNewsNet corpus read in place from the shared data (its licence forbids copying it).

One ZIP per extraction day holds one JSON array of articles (``source``, ``url``,
``date_extracted``, ``title``, ``author``, ``content``). An article is named
``<day>.json#<index>``: its day file and its index in that file's array, the id the
project's references to the corpus use (data/samples/dedupe_gold, data/samples/snn_coded).
"""
from __future__ import annotations

import json
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Optional

from .resources import shared_path

PARTS = ("corpora", "saudinewsnet")  # inside the shared data folder (resources.shared_data_dir)


def root() -> Path:
    """The corpus folder, or SharedDataNotFound saying where it was looked for."""
    return shared_path(*PARTS)


def article(article_id: str) -> dict:
    """One article by its id ``<day>.json#<index>``."""
    name, _, index = article_id.partition("#")
    return _day(name)[int(index)]


def fill_texts(lines: list[dict]) -> list[dict]:
    """Give each reference line without a ``text`` its article's content and title (and its
    crawl day as ``published`` when the line has none), read by its id; lines with a text stay."""
    for line in lines:
        if "text" not in line:
            art = article(line["id"])
            line["text"], line["title"] = art.get("content") or "", art.get("title")
            line.setdefault("published", (art.get("date_extracted") or "")[:10] or None)
    return lines


def as_item(article_id: str, art: dict) -> dict:
    """An article as the pipeline's input: id, title, text (the content), published (crawl day)."""
    return {"id": article_id, "title": art.get("title"), "text": art.get("content") or "",
            "published": (art.get("date_extracted") or "")[:10] or None,
            "source": art.get("source"), "url": art.get("url")}


def articles(folder: Optional[Path] = None) -> Iterator[tuple[str, dict]]:
    """(id, article) of the whole corpus in a fixed order: day files sorted, JSON order within."""
    for zpath in sorted((folder or root()).glob("*.zip")):
        with zipfile.ZipFile(zpath) as z:
            for name in sorted(n for n in z.namelist() if n.endswith(".json")):
                for i, art in enumerate(json.loads(z.read(name).decode("utf-8"))):
                    yield f"{name}#{i}", art


@lru_cache(maxsize=64)
def _day(name: str) -> list[dict]:
    with zipfile.ZipFile(root() / name.replace(".json", ".zip")) as z:
        return json.loads(z.read(name).decode("utf-8"))
