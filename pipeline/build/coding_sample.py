"""A held-out set of real articles coded by hand: draw the sample, then compile the codings.

    python -m conflict_events.build.coding_sample draw --out WORKDIR      # coders' batches, outside git
    python -m conflict_events.build.coding_sample compile WORKDIR/coded_*.jsonl \\
        -o data/samples/snn_coded/events.jsonl

``draw`` takes a seeded random sample of SaudiNewsNet articles of real length that no other
gold of the project holds (gold_real dev and check, data/samples/dedupe_gold, snn_coded and
snn_dev to snn_dev3): most with at least two conflict words (they may still report no event:
statements, analysis), some with none (the ordinary news of a dump, where the extractor should say
nothing). It writes the coders'
batches (id, title, published, source, text) to a work folder outside the project; the coders
follow gold_real's CODING_GUIDE.md and see nothing the project's software produced.

``compile`` turns the coders' lines into references: the evidence sentences become character
spans into the article's content (the texts stay in ../shared: their licence forbids copying
them), every other field is kept. ``conflict-events evaluate events --gold`` reads the result,
fetching each text from the corpus by its id.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

from .. import saudinewsnet
from ..resources import shared_path

CONFLICT = re.compile("غارة|غارات|قصف|اشتباك|مقتل|قتل|انفجار|تفجير|هجوم|عبوة|صاروخ|مسلح|اعتقال|تظاهر|الحوثي|داعش")
MIN_WORDS, MAX_WORDS = 120, 700
SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"
REFERENCES = (SAMPLES / "dedupe_gold" / "incidents.jsonl", SAMPLES / "snn_coded" / "events.jsonl",
              SAMPLES / "snn_dev" / "events.jsonl", SAMPLES / "snn_dev2" / "events.jsonl",
              SAMPLES / "snn_dev3" / "events.jsonl")


def taken() -> set[str]:
    """Ids of the SaudiNewsNet articles another gold of the project already holds."""
    ids = set()
    for split in ("dev", "check"):
        with open(shared_path("gold_real", f"{split}.jsonl"), encoding="utf-8") as f:
            for line in f:
                path = json.loads(line).get("source_path") or ""
                if ".zip:" in path:
                    ids.add(path.split(".zip:", 1)[1])
    for path in REFERENCES:
        if path.exists():
            with open(path, encoding="utf-8") as f:
                ids.update(json.loads(line)["id"] for line in f if line.strip())
    return ids


def draw(conflict: int, ordinary: int, seed: int) -> list[dict]:
    """The sample: ``conflict`` articles with two or more conflict words, ``ordinary`` with none."""
    skip = taken()
    pools: dict[bool, list[tuple[str, dict]]] = {True: [], False: []}
    for aid, art in saudinewsnet.articles():
        text = art.get("content") or ""
        if aid in skip or not MIN_WORDS <= len(text.split()) <= MAX_WORDS:
            continue
        hits = len(CONFLICT.findall(text))
        if hits >= 2 or hits == 0:
            pools[hits >= 2].append((aid, art))
    rng = random.Random(seed)
    chosen = rng.sample(pools[True], conflict) + rng.sample(pools[False], ordinary)
    rng.shuffle(chosen)
    return [saudinewsnet.as_item(aid, art) for aid, art in chosen]


def spans_of(evidence: str, text: str) -> list[list[int]]:
    """Character spans of the evidence in the text: the whole string, else each of its sentences
    (a coder may join two sentences or repair whitespace); [] when nothing is found."""
    def find(piece: str) -> list[int] | None:
        piece = piece.strip()
        if not piece:
            return None
        at = text.find(piece)
        if at < 0:  # whitespace repaired by the coder: match with any run of spaces
            m = re.search(r"\s+".join(re.escape(w) for w in piece.split()), text)
            return [m.start(), m.end()] if m else None
        return [at, at + len(piece)]

    whole = find(evidence)
    if whole:
        return [whole]
    parts = [find(p) for p in re.split(r"(?<=[.!؟?])\s+|\n|\s*\.\.\.\s*", evidence)]
    return [p for p in parts if p]


def compile_codings(paths: list[Path]) -> tuple[list[dict], list[str]]:
    """Reference lines (sorted by id) from the coders' files, and a warning per evidence not found."""
    lines, warnings = {}, []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for raw in f:
                if not raw.strip():
                    continue
                coded = json.loads(raw)
                art = saudinewsnet.article(coded["id"])
                item = saudinewsnet.as_item(coded["id"], art)
                events = []
                for ev in coded.get("events", []):
                    ev = dict(ev)
                    evidence = ev.pop("evidence", "") or ""
                    ev["evidence_spans"] = spans_of(evidence, item["text"])
                    if evidence and not ev["evidence_spans"]:
                        warnings.append(f"{coded['id']}: evidence not found in the text: {evidence[:60]}")
                    events.append(ev)
                lines[coded["id"]] = {"id": coded["id"], "published": item["published"], "source": item["source"],
                                      "url": item["url"], "annotator": coded.get("annotator"), "events": events}
    return [lines[k] for k in sorted(lines)], warnings


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m conflict_events.build.coding_sample", description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("draw", help="write the coders' batches to a work folder outside the project")
    d.add_argument("--out", type=Path, required=True)
    d.add_argument("--conflict", type=int, default=64)
    d.add_argument("--ordinary", type=int, default=16)
    d.add_argument("--batches", type=int, default=4)
    d.add_argument("--seed", type=int, default=20261206)
    c = sub.add_parser("compile", help="turn the coders' files into references (evidence as spans)")
    c.add_argument("coded", type=Path, nargs="+")
    c.add_argument("-o", "--out", type=Path, required=True)
    args = ap.parse_args(argv)
    if args.cmd == "draw":
        items = draw(args.conflict, args.ordinary, args.seed)
        args.out.mkdir(parents=True, exist_ok=True)
        for b in range(args.batches):
            with open(args.out / f"batch_{b + 1}.jsonl", "w", encoding="utf-8") as f:
                for item in items[b::args.batches]:
                    f.write(json.dumps(item, ensure_ascii=False) + "\n")
        print(f"{len(items)} articles in {args.batches} batches under {args.out}")
        return 0
    lines, warnings = compile_codings(args.coded)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        for line in lines:
            f.write(json.dumps(line, ensure_ascii=False) + "\n")
    for w in warnings:
        print(w, file=sys.stderr)
    print(f"{len(lines)} articles, {sum(len(x['events']) for x in lines)} events -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
