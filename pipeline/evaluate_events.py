"""Score the event extractor against a gold file of coded paragraphs.

Gold format (JSONL): {"id", "published", "text", "events": [{"event_type",
"sub_event_type", "actor1", "actor2", "location", "admin1", "country",
"event_date", "fatalities"}]}. Predicted and gold events of a paragraph are
aligned one-to-one, greedily by similarity; a pair is a hit when its
event_type agrees. Event precision/recall/F1 count hits; per-field accuracy is
over the gold events, so a missed event counts as wrong in every field.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Optional

from .metrics import prf

FIELDS = ["event_type", "sub_event_type", "actor1", "actor2", "location", "admin1", "event_date",
          "fatalities"]


def canon(value) -> str:
    """A lenient comparison key: case, 'al-' articles, punctuation and '(2000-)' year tags ignored."""
    if value is None:
        return ""
    s = str(value).lower()
    s = re.sub(r"\(\d{4}-\d{0,4}\)", "", s)
    s = re.sub(r"\b(al|el|ad|ar|as|ash|an|at|az)[- ]", "", s)
    return re.sub(r"[^a-z0-9]", "", s)


def same(field: str, gold, pred) -> bool:
    """Whether a predicted field value agrees with the gold one."""
    if field == "fatalities":
        return int(gold or 0) == int(pred or 0)
    return canon(gold) == canon(pred)


def similarity(gold: dict, pred: dict) -> float:
    """How alike two events are (for alignment only)."""
    return sum(w for f, w in (("event_type", 3), ("sub_event_type", 1), ("location", 1),
                              ("admin1", 1), ("actor1", 1), ("actor2", 0.5), ("event_date", 0.5))
               if same(f, gold.get(f), pred.get(f)))


def align(gold: list[dict], pred: list[dict]) -> list[tuple[Optional[dict], Optional[dict]]]:
    """Greedy one-to-one alignment by similarity; unmatched events pair with None."""
    pairs = sorted(((similarity(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(pred)),
                   reverse=True)
    used_g, used_p, out = set(), set(), []
    for score, i, j in pairs:
        if score > 0 and i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((gold[i], pred[j]))
    out += [(g, None) for i, g in enumerate(gold) if i not in used_g]
    out += [(None, p) for j, p in enumerate(pred) if j not in used_p]
    return out


def score(items: list[tuple[dict, list[dict]]]) -> dict:
    """Scores over (gold paragraph, predicted rows) pairs."""
    tp = fp = fn = 0
    correct = {f: 0 for f in FIELDS}
    n_gold = 0
    errors = []
    for para, rows in items:
        gold = para.get("events", [])
        n_gold += len(gold)
        for g, p in align(gold, rows):
            if g is not None and p is not None and same("event_type", g["event_type"], p["event_type"]):
                tp += 1
            else:
                fp += p is not None
                fn += g is not None
            if g is not None:
                wrong = [f for f in FIELDS if p is None or not same(f, g.get(f), p.get(f))]
                for f in FIELDS:
                    correct[f] += f not in wrong
                if wrong:
                    errors.append({"id": para["id"], "wrong": wrong, "gold": {f: g.get(f) for f in wrong},
                                   "pred": {f: p.get(f) for f in wrong} if p else None})
            elif p is not None:
                errors.append({"id": para["id"], "spurious": {f: p.get(f) for f in FIELDS}})
    precision, recall, f1 = prf(tp, tp + fp, tp + fn)
    return {"paragraphs": len(items), "gold_events": n_gold, "tp": tp, "fp": fp, "fn": fn,
            "precision": precision, "recall": recall, "f1": f1,
            "accuracy": {f: (correct[f] / n_gold if n_gold else 0.0) for f in FIELDS}, "errors": errors}


def predict(paragraphs: list[dict], pipeline=None) -> list[tuple[dict, list[dict]]]:
    """Run the pipeline over gold paragraphs; returns (paragraph, predicted rows) pairs."""
    from .core import Pipeline

    pipeline = pipeline or Pipeline()
    out = []
    for para in paragraphs:
        events = pipeline.extract({"id": para["id"], "text": para["text"], "published": para.get("published")})
        out.append((para, [e.to_acled_row() for e in events]))
    return out


def evaluate_file(gold_path: Path, pipeline=None, out=sys.stdout, show_errors: bool = False) -> dict:
    """Score the pipeline on a gold file and print the report."""
    with open(gold_path, encoding="utf-8") as f:
        paragraphs = [json.loads(line) for line in f if line.strip()]
    result = score(predict(paragraphs, pipeline))
    print(f"{gold_path}: {result['paragraphs']} paragraphs, {result['gold_events']} gold events", file=out)
    print(f"events  P {result['precision']:.3f}  R {result['recall']:.3f}  F1 {result['f1']:.3f}  "
          f"(tp {result['tp']}, fp {result['fp']}, fn {result['fn']})", file=out)
    print("per-field accuracy over gold events:", file=out)
    for f, acc in result["accuracy"].items():
        print(f"  {f:<15} {acc:.3f}", file=out)
    if show_errors:
        for e in result["errors"]:
            print(json.dumps(e, ensure_ascii=False), file=out)
    return result


if __name__ == "__main__":
    evaluate_file(Path(sys.argv[1]), show_errors="-v" in sys.argv)
