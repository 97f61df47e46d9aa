"""What cheaper ways of running the neural tagger would save, and what they would change.

    python bench/tagger_variants.py [--corpus FILE.jsonl|saudinewsnet] [--articles 300]
                                    [--variants full events:1:1 int8] [--dev-f1]

Each variant runs in a process of its own (one thread, cold caches, batches of 16 as the workers
run them) over the same articles, and prints the CPU time (``time.process_time``) of each stage
and of the whole, and how many articles and event rows differ from the ``full`` variant (the
shipped batch pipeline):

- ``full``: the tagger reads every sentence of every article the trigger gate opens;
- ``events:B:A``: only the gate's event sentences, with B sentences before and A after each, and
  the first sentence (the dateline). NOT the same rows in general: the tagger's label consistency
  spreads a name found anywhere in the article, and the later stages read names anywhere in it
  (link.article_country votes with every place; roles.choose_place falls back to the place told
  last before the incident, however far back; merge.lost_by counts the rebel groups named);
- ``int8``: torch's dynamic int8 quantisation of the tagger's LSTM and linear layers
  (``--dev-f1`` also scores it and the float model on the ANERcorp dev split).

The printed figures are the measurement; no variant but ``full`` is used by the pipeline.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

RUN = r"""
import json, sys, time
from collections import Counter
import torch
torch.set_num_threads(1)
from conflict_events import Pipeline
from conflict_events.batch import _worker_pipeline, chunks, process_records
from conflict_events.io import read_articles
from conflict_events.ner import Ner
from pathlib import Path

src, n, variant, out = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
spent = Counter()


class Timed:
    # a stage whose CPU time is added to ``spent`` under its name
    def __init__(self, inner):
        self.inner = inner

    def __getattr__(self, attr):
        return getattr(self.inner, attr)

    def pipe(self, docs):
        t = time.process_time()
        done = self.inner.pipe(docs) if hasattr(self.inner, "pipe") else [self.inner(d) for d in docs]
        spent[self.inner.name] += time.process_time() - t
        return done


class ScopedNer(Ner):
    # the tagger reads only the gate's event sentences, ``before`` and ``after`` around each, and sentence 0
    before = after = 0

    def tagged_sentences(self, doc):
        found = doc.ext.get("event_sentences")
        if found is None:
            return doc.sentences
        keep = {j for i in found for j in range(i - self.before, i + self.after + 1)} | {0}
        return [s for s in doc.sentences if s.index in keep]


shipped = _worker_pipeline()
stages = list(shipped.stages)
if variant.startswith("events:"):
    ScopedNer.before, ScopedNer.after = map(int, variant.split(":")[1:])
    stages = [ScopedNer(model="fast", tagger=s.tagger) if s.name == "ner" else s for s in stages]
elif variant == "int8":
    tagger = next(s for s in stages if s.name == "ner").tagger
    torch.ao.quantization.quantize_dynamic(tagger._backend.trainer.model, {torch.nn.LSTM, torch.nn.Linear},
                                           dtype=torch.qint8, inplace=True)
elif variant != "full":
    raise SystemExit(f"unknown variant {variant!r}")
pipeline = Pipeline([Timed(s) for s in stages])
pipeline.process("قتل جندي في حلب")  # load and warm, as a worker does before its first article
spent.clear()
records = list(read_articles(Path(src)))[:n]
t = time.process_time()
with open(out, "w", encoding="utf-8") as f:
    for batch in chunks(records, 16):
        for res in process_records(batch, pipeline):
            f.write(json.dumps({"id": res.id, "rows": res.rows, "error": res.error}, ensure_ascii=False,
                               default=str, sort_keys=True) + "\n")
print(json.dumps({"cpu": time.process_time() - t, "stages": spent}))
"""

DEV_F1 = r"""
import json, sys
import torch
torch.set_num_threads(1)
from conflict_events.evaluate_ner import score
from conflict_events.ner_model import NerTagger
from conflict_events.train.data import load
_, dev, _ = load(with_dev=True)
tagger = NerTagger.load(profile="fast")
sents = [list(toks) for toks, _ in dev]
gold = [list(tags) for _, tags in dev]
out = {"float": score(gold, tagger.tag(sents))["micro"]["f1"]}
torch.ao.quantization.quantize_dynamic(tagger._backend.trainer.model, {torch.nn.LSTM, torch.nn.Linear},
                                       dtype=torch.qint8, inplace=True)
out["int8"] = score(gold, tagger.tag(sents))["micro"]["f1"]
print(json.dumps(out))
"""


def run(script: str, *args) -> dict:
    done = subprocess.run([sys.executable, "-c", script, *map(str, args)], capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def rows_of(path: Path) -> dict[str, list]:
    return {r["id"]: sorted(json.dumps(x, sort_keys=True) for x in r["rows"])
            for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default="saudinewsnet", help="saudinewsnet (default) or a JSONL file")
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--variants", nargs="+", default=["full", "events:1:1", "events:4:1", "int8"])
    ap.add_argument("--dev-f1", action="store_true", help="score the float and int8 tagger on ANERcorp dev")
    args = ap.parse_args()
    from throughput import corpus, load, write_jsonl

    variants = ["full"] + [v for v in args.variants if v != "full"]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        src = write_jsonl(corpus(args.corpus, args.articles), tmp / "in.jsonl")
        print(f"{args.articles} articles of {args.corpus}; one process, one thread; {load()}", flush=True)
        base = None
        for v in variants:
            got = run(RUN, src, args.articles, v, tmp / f"{v}.jsonl")
            rows = rows_of(tmp / f"{v}.jsonl")
            base = base or (got, rows)
            stages = got["stages"]
            line = (f"{v:<12} CPU {got['cpu']:6.1f} s ({100 * got['cpu'] / base[0]['cpu']:3.0f} %), ner "
                    f"{stages.get('ner', 0):5.1f} s ({100 * stages.get('ner', 0) / base[0]['stages']['ner']:3.0f} %)")
            if v != "full":
                arts = [k for k in base[1] if base[1][k] != rows.get(k)]
                changed = sum(len(set(base[1][k]) ^ set(rows.get(k, []))) for k in arts)
                line += (f"; {len(arts)} of {len(base[1])} articles give other rows ({changed} rows in one run "
                         f"and not the other, of {sum(map(len, base[1].values()))})"
                         + (f": {', '.join(arts[:5])}{' …' if len(arts) > 5 else ''}" if arts else ""))
            print(line + f"; {load()}", flush=True)
            print("   " + ", ".join(f"{k} {s:.2f}" for k, s in sorted(stages.items(), key=lambda kv: -kv[1])),
                  flush=True)
        if args.dev_f1:
            f1 = run(DEV_F1)
            print(f"ANERcorp dev micro F1 of the fast tagger: float {f1['float']:.4f}, int8 {f1['int8']:.4f} "
                  f"({f1['int8'] - f1['float']:+.4f})", flush=True)


if __name__ == "__main__":
    main()
