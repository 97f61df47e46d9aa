"""Print the table of every configuration recorded in <work>/results.jsonl (markdown)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

TYPES = ("PERS", "LOC", "ORG", "MISC", "micro")


def rows(path: Path):
    for line in open(path, encoding="utf-8"):
        r = json.loads(line)
        for model, res in r["results"].items():
            yield r["name"], model, res, r.get("time", {})


def main(argv=None) -> int:
    path = Path((argv or sys.argv[1:] or ["build/ner/results.jsonl"])[0])
    print("| configuration | model | split | " + " | ".join(TYPES) + " | P / R (micro) |")
    print("|---|---|---|" + "---|" * (len(TYPES) + 1))
    for name, model, res, _ in rows(path):
        for split in ("dev", "test"):
            r = res[split]
            cells = [f"{r[t]['f1']:.3f}" if t in r else "-" for t in TYPES]
            m = r["micro"]
            print(f"| {name} | {model} | {split} | " + " | ".join(cells)
                  + f" | {m['precision']:.3f} / {m['recall']:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
