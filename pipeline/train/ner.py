"""Rebuild the shipped Arabic NER model (models/ner) from the shared corpora, deterministically.

    conflict-events train-ner                      # full recipe (47 min on 2 cores: model card), writes models/ner
    conflict-events train-ner --quick --out /tmp/ner   # tiny slice, seconds (tests)
    (the same as python -m conflict_events.train.ner ...)

Reads ANERcorp and SaudiNewsNet from the shared corpora: ../shared/data beside the project, or the
folder $CONFLICT_EVENTS_SHARED names.  Needs the train extra (gensim).

Steps (each product is cached in --work, default build/ner, and reused when present):
 1. data: ANERcorp CAMeL Lab train/test read in place; dev = every 10th block of 200
    train sentences (data.py).  The test file is only scored, never used for selection.
 2. corpus: SaudiNewsNet tokenised (simple_word_tokenize) and normalised (model_form).
 3. word2vec (gensim, vectors.W2V) on corpus + ANERcorp train-file tokens (no tags);
    k-means clusters at 64/256/1024.
 4. CRF baseline (crf.py): word/affix/stem/shape/gazetteer(train lists)/cluster features;
    then the crf_w3 vote member (crf.CRF_VARIANTS["w3"]: wider context) on the same lexicon.
    Every vote member also trains on mention-replacement copies of the train sentences
    (augment.py, AUGMENT_P).
 5. character LMs (stanza.models.charlm), forward and backward, one epoch over the first 26 MB
    of the corpus (every 50th line held out as charlm dev), hidden 256.
 6. the members on two lanes, one process per core (train_vote): lane A trains the forward LM,
    crf_w3 and the stanza member (word vectors pruned to the 100k most frequent forms, no charlm,
    4,000 steps); lane B word2vec, the clusters, the base CRF, the backward LM and the bilstm
    member (BiLSTM-CRF over the charlm states, word2vec and the CRF features); dev picks each
    one's checkpoint.
 7. the vote of stanza, bilstm and crf_w3: dev and test scored, the label-consistency setting
    chosen on dev, the model directory written with config.json and scores.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import time
from pathlib import Path

from ..evaluate_ner import format_table, score
from ..ner_model import PROFILES, NerTagger, default_dir, model_form
from . import corpus, data, vectors
from .augment import mention_replacement
from .crf import CRF_VARIANTS, CrfTagger, Lexicon, jackknife_fold, train_crf

CHARLM_BYTES = 26_000_000
CHARLM_HIDDEN = 256
MAX_VOCAB = 100_000
BILSTM_EPOCHS = 16  # over the train sentences and their mention-replacement copies (1.6x as many)
# --with-dev (a final fit on train + dev of a recipe chosen on dev): no checkpoint can be chosen,
# so the bilstm runs the epoch count dev chose for the shipped member and the stanza tagger is
# saved at its last step
BILSTM_DEV_EPOCH = 16
STANZA_MAX_STEPS = 4000  # about 36 epochs of the 3,600 train sentences; dev picks the checkpoint


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def charlm_data(corpus_txt: Path, d: Path, n_bytes: int = CHARLM_BYTES) -> tuple[Path, Path]:
    """charlm train text = first n_bytes of the corpus minus every 50th line; dev = 3000 of those."""
    d.mkdir(parents=True, exist_ok=True)
    tr, dv = d / f"sub{n_bytes // 1_000_000}m.txt", d / "dev.txt"
    if tr.exists() and dv.exists():
        return tr, dv
    out, dev, size = [], [], 0
    with open(corpus_txt, encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            if i % 50 == 0:
                if len(dev) < 3000:
                    dev.append(line)
            elif size < n_bytes:
                out.append(line)
                size += len(line.encode("utf-8"))
            elif len(dev) >= 3000:
                break
    b = "".join(out).encode("utf-8")[:n_bytes]
    tr.write_text(b.decode("utf-8", errors="ignore"), encoding="utf-8")
    dv.write_text("".join(dev), encoding="utf-8")
    return tr, dv


def half_pretrain(path: Path) -> None:
    """Store the stanza pretrain matrix as float16 for shipping (43 -> 23 MB; tags unchanged on
    371 of 372 dev sentences, the model copies it into float32 when it loads)."""
    import torch

    d = torch.load(path, weights_only=False)
    d["emb"] = d["emb"].to(torch.float16)
    torch.save(d, path, _use_new_zipfile_serialization=False)


def half_model(path: Path) -> None:
    """Store a stanza NER checkpoint's float32 weights as float16 (stanza copies them back into
    its float32 modules when it loads)."""
    import torch

    d = torch.load(path, weights_only=False)
    d["model"] = {k: (v.to(torch.float16) if torch.is_tensor(v) and v.dtype == torch.float32 else v)
                  for k, v in d["model"].items()}
    torch.save(d, path)


def evaluate(tagger, sents) -> dict:
    pred = tagger.tag([t for t, _ in sents])
    return score([g for _, g in sents], pred)


def summary(res: dict) -> dict:
    return {t: round(r["f1"], 4) for t, r in res.items()}


def wait_charlm(charlm_jobs, times: dict):
    """The (forward, backward) character-LM files once their training is done, the wait
    recorded in ``times``; None without character LMs."""
    if charlm_jobs is None:
        return None
    t = time.time()
    paths = charlm_jobs.wait()
    times["charlm_wait"] = time.time() - t
    log(f"charlm done (waited {times['charlm_wait']:.0f}s)")
    return paths


def train_bilstm(args, train, dev, test, wv, clusters, charlm_jobs, out: Path, times: dict, quick: bool,
                 augmented=((), ())) -> dict:
    """The bilstm member: BiLSTM-CRF over char-LM states, word2vec and the CRF's features
    (``augmented``: extra sentences and their sources, as for ``crf.train_crf``)."""
    import torch

    from . import bilstm
    from .crf import jackknife_training_set

    charlm_paths = wait_charlm(charlm_jobs, times)
    t = time.time()
    torch.manual_seed(1)
    sub = vectors.subword_vectors(wv, MAX_VOCAB)
    lex = Lexicon.from_train(train, clusters=clusters)
    charlms = tuple(bilstm._charlm(str(p)) for p in charlm_paths) if charlm_paths else None
    fz = bilstm.build(train, lex, sub, charlms)
    trf = bilstm.featurize(fz, *jackknife_training_set(train, lex, augmented))
    dvf = bilstm.featurize(fz, dev)
    log(f"bilstm: features ({time.time() - t:.0f}s)")
    model, best, history = bilstm.train_model(
        fz, trf, dvf, [g for _, g in dev],
        epochs=args.epochs or (2 if quick else BILSTM_DEV_EPOCH if args.with_dev else BILSTM_EPOCHS),
        hidden=16 if quick else 200, log=lambda m: log("bilstm " + m), keep_last=args.with_dev)
    files = bilstm.save(model, fz, out)
    if charlm_paths:
        for d, p in zip(("forward", "backward"), charlm_paths):
            shutil.copy(p, out / f"charlm_{d}.pt")
            files[f"charlm_{d}"] = f"charlm_{d}.pt"
    times["bilstm"] = time.time() - t
    config = {"kind": "bilstm", "files": files, "dev_history": [round(x, 4) for x in history]}
    if sub.ngrams is not None:
        config["subword"] = {"min_n": sub.min_n, "max_n": sub.max_n}
    return config


AUGMENT_P = "0.5"  # every member trains on mention-replacement copies too (train.augment)
VOTE_MEMBERS = {  # member -> its own recipe (order = tie-break priority, best dev score first)
    "stanza": ["--model", "stanza", "--no-charlm", "--no-crf", "--augment", AUGMENT_P],
    "bilstm": ["--model", "bilstm", "--no-crf", "--augment", AUGMENT_P],
    # a CRF with a wider context (crf.CRF_VARIANTS["w3"]), sharing crf/crf_lex.json
    "crf_w3": ["--model", "crf", "--crf-variant", "w3", "--lexicon-from", "crf", "--augment", AUGMENT_P],
}
# Trained first, not a vote member since 2026-12-01 (crf_w3 replaced it, chosen on dev): it builds
# word2vec and the clusters, and its crf_lex.json (gazetteer lists, clusters) is crf_w3's lexicon.
BASE_CRF = {"crf": ["--model", "crf"]}
# An entity is kept with at least VOTE_MIN_VOTES votes, VOTE_WEIGHTS per member (VOTE_MEMBERS
# order; None: one vote each).
VOTE_MIN_VOTES = 2
VOTE_WEIGHTS = None


def _kind(recipe: list[str]) -> str:
    return recipe[recipe.index("--model") + 1]


def train_vote(args) -> int:
    """The shipped model: the members trained on two lanes, one per core, then the entity vote,
    scored on dev and test.  Each lane runs one process at a time (one thread each): a core shared
    by two processes gives each much less than half its speed.

    - lane A (a thread starting subprocesses): the forward character LM, then the CRF variants
      (they wait for the base CRF's lexicon), then the stanza members (one after the other: a
      second one shares the first one's pretrain);
    - lane B (this process): word2vec, the clusters and the base CRF (cached for the others), then
      the backward character LM, then the bilstm (it waits for the forward LM)."""
    import subprocess
    import sys
    import threading

    import torch

    t0 = time.time()
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    work = args.work / "quick" if args.quick else args.work
    work.mkdir(parents=True, exist_ok=True)
    common = ["--work", str(args.work)] + (["--quick"] if args.quick else []) + (["--subword"] if args.subword else [])
    charlm = None
    if not args.quick:
        from .stanza_ner import CharlmJobs

        tr, dv = charlm_data(corpus.write_corpus(args.work / "saudinewsnet.txt"), args.work / "charlm")

        def charlm(direction: str) -> None:  # trains one LM in a subprocess and waits (cached)
            CharlmJobs(tr, dv, args.work / "charlm", hidden=CHARLM_HIDDEN, directions=(direction,)).wait()
    env = dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    lane_log = open(work / "vote-lane-a.log", "w")
    lane_a_members = ([m for m, r in VOTE_MEMBERS.items() if _kind(r) == "crf"]
                      + [m for m, r in VOTE_MEMBERS.items() if _kind(r) == "stanza"])  # "stanza" first
    base_done, forward_done, stop = threading.Event(), threading.Event(), threading.Event()
    failed: list[str] = []

    def lane_a():
        try:
            if charlm:
                charlm("forward")
        except RuntimeError as e:
            failed.append(str(e))
            stop.set()
        forward_done.set()
        base_done.wait()
        for m in lane_a_members:
            if stop.is_set():
                return
            rc = subprocess.call([sys.executable, "-m", "conflict_events.train.ner"] + VOTE_MEMBERS[m]
                                 + ["--out", str(out / m), "--name", f"vote-{m}"] + common,
                                 stdout=lane_log, stderr=subprocess.STDOUT, env=env)
            if rc:
                failed.append(f"member {m} failed, see {lane_log.name}")
                stop.set()

    lane = threading.Thread(target=lane_a)
    lane.start()
    try:
        try:
            main(BASE_CRF["crf"] + ["--out", str(out / "crf"), "--name", "vote-crf"] + common)
        finally:
            base_done.set()
        if charlm:
            charlm("backward")
        forward_done.wait()
        if not stop.is_set():
            threads = torch.get_num_threads()
            torch.set_num_threads(1)  # the other core is lane A's
            try:
                main(VOTE_MEMBERS["bilstm"] + ["--out", str(out / "bilstm"), "--name", "vote-bilstm"] + common)
            finally:
                torch.set_num_threads(threads)
    except BaseException:
        stop.set()  # lane A finishes the member it is training, then stops
        raise
    finally:
        lane.join()
        lane_log.close()
    if failed:
        raise RuntimeError(failed[0])
    config = {"kind": "vote", "members": list(VOTE_MEMBERS), "min_votes": VOTE_MIN_VOTES,
              **({"weights": VOTE_WEIGHTS} if VOTE_WEIGHTS else {}), "profiles": PROFILES,
              "member_recipes": VOTE_MEMBERS, "helper_recipes": BASE_CRF, **({"subword": True} if args.subword else {}),
              "tagset": data.TAGS,
              "normalisation": "conflict_events.ner_model.model_form"}
    (out / "config.json").write_text(json.dumps(config, indent=1), encoding="utf-8")
    _, dev, test = data.load(args.quick)
    splits = {"dev": dev, "test": test}
    tagger = NerTagger._load(out.resolve())
    raw = {s: tagger.tag([t for t, _ in v], consistency=False) for s, v in splits.items()}
    results = {"vote": {s: score([g for _, g in v], raw[s]) for s, v in splits.items()}}
    config["train_seconds"] = {"total": round(time.time() - t0)}
    config["scores"] = {m: {s: summary(r) for s, r in v.items()} for m, v in results.items()}
    for m in list(VOTE_MEMBERS) + list(BASE_CRF):
        member_cfg = json.loads((out / m / "config.json").read_text(encoding="utf-8"))
        config["scores"][m] = member_cfg["scores"][member_cfg["kind"]]
    # document-level label consistency, chosen on dev, for the vote and for the "fast" member
    from .ensemble import grid_consistency, set_consistency

    set_consistency(config, "vote", *grid_consistency(splits, raw, quiet=True)[:2])
    fast = out / PROFILES["fast"]
    fast_cfg = json.loads((fast / "config.json").read_text(encoding="utf-8"))
    fast_raw = {s: NerTagger._load(fast.resolve()).tag([t for t, _ in v], consistency=False)
                for s, v in splits.items()}
    set_consistency(fast_cfg, PROFILES["fast"], *grid_consistency(splits, fast_raw, quiet=True)[:2])
    (fast / "config.json").write_text(json.dumps(fast_cfg, indent=1, ensure_ascii=False), encoding="utf-8")
    if PROFILES["fast"] + "+consistency" in fast_cfg["scores"]:
        config["scores"][PROFILES["fast"] + "+consistency"] = fast_cfg["scores"][PROFILES["fast"] + "+consistency"]
    (out / "config.json").write_text(json.dumps(config, indent=1, ensure_ascii=False), encoding="utf-8")
    with open(work / "results.jsonl", "a", encoding="utf-8") as f:
        f.write(json.dumps({"name": args.name, "time": config["train_seconds"], "results": results}) + "\n")
    for s, r in results["vote"].items():
        print(format_table(r, f"== vote {s}"))
    log(f"wrote {out} ({time.time() - t0:.0f}s)")
    return 0


def add_arguments(ap: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The training options, for this module's command line and `conflict-events train-ner`."""
    ap.add_argument("--quick", action="store_true", help="tiny slice, tiny model, seconds")
    ap.add_argument("--out", type=Path, default=None,
                    help="model directory to write (default: ner/ of the models folder)")
    ap.add_argument("--work", type=Path, default=Path("build") / "ner",
                    help="cache for intermediate files (default: build/ner)")
    ap.add_argument("--no-charlm", action="store_true", help="stanza without character LMs")
    ap.add_argument("--model", choices=("vote", "bilstm", "stanza", "crf"), default="vote",
                    help="what to train and ship (default vote: 2-of-3 entity vote of stanza, bilstm, crf_w3)")
    ap.add_argument("--no-stanza", action="store_true", help="CRF only (same as --model crf)")
    ap.add_argument("--epochs", type=int, default=None, help="bilstm epochs")
    ap.add_argument("--no-crf", action="store_true", help="skip the CRF baseline (experiments)")
    ap.add_argument("--max-steps", type=int, default=None, help="stanza NER training steps")
    ap.add_argument("--stanza-args", default="", help="extra ner_tagger arguments (quoted)")
    ap.add_argument("--crf-variant", choices=sorted(CRF_VARIANTS), default=None,
                    help="train a CRF with this variant's features and parameters (crf.CRF_VARIANTS)")
    ap.add_argument("--lexicon-from", default=None,
                    help="CRF: reuse (and reference) the crf_lex.json of this model directory, relative to "
                         "the parent of --out (another member), instead of word2vec clusters")
    ap.add_argument("--seed", type=int, default=1234, help="stanza training seed")
    ap.add_argument("--pretrain-from", default=None,
                    help="stanza: train on (and reference) the shipped pretrain.pt of this member directory, "
                         "relative to the parent of --out, instead of building one from word2vec")
    ap.add_argument("--half-model", action="store_true", help="stanza: store ner.pt as float16")
    ap.add_argument("--with-dev", action="store_true",
                    help="train on train + dev (a final fit of a recipe chosen on dev; dev scores then mean nothing)")
    ap.add_argument("--augment", type=float, default=0.0, metavar="P",
                    help="add a mention-replacement copy of the training sentences (each mention swapped "
                         "with probability P for another of its type: train.augment)")
    ap.add_argument("--subword", action="store_true",
                    help="fastText vectors instead of word2vec (vectors.FASTTEXT): clusters and vectors of "
                         "every member, and the bilstm's vector for unseen words (measured, not shipped)")
    ap.add_argument("--name", default="shipped", help="label of this configuration in results.jsonl")
    return ap


def options(args: argparse.Namespace) -> dict:
    """The training options of ``args`` as JSON values (recorded with the results)."""
    return {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()
            if k != "command" and not callable(v)}  # not the CLI's subcommand name and handler


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    return run(add_arguments(ap).parse_args(argv))


def run(args: argparse.Namespace) -> int:
    """Train what ``args`` (add_arguments) ask for; paths are made absolute first (members train in subprocesses)."""
    data.files()  # the shared ANERcorp is there, before any work starts
    args.out = (args.out or default_dir()).resolve()
    args.work = args.work.resolve()
    if args.no_stanza:
        args.model = "crf"
    if args.model == "vote":
        return train_vote(args)

    t_start = time.time()
    random.seed(1)
    quick = args.quick
    work = args.work / "quick" if quick else args.work
    work.mkdir(parents=True, exist_ok=True)
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    times: dict[str, float] = {}

    train, dev, test = data.load(quick, with_dev=args.with_dev)
    log(f"data: train {len(train)} dev {len(dev)} test {len(test)} sentences")
    augmented: tuple = ([], [])
    if args.augment:
        augmented = mention_replacement(train, args.augment, seed=1, group_of=jackknife_fold)
        log(f"mention replacement (p {args.augment}): {len(augmented[0])} extra training sentences")

    # character LMs first (two background processes, the longest step), then the rest meanwhile
    charlm_jobs = None
    if not (quick or args.no_charlm or args.model == "crf"):
        from .stanza_ner import CharlmJobs

        t = time.time()
        tr, dv = charlm_data(corpus.write_corpus(work / "saudinewsnet.txt"), work / "charlm")
        charlm_jobs = CharlmJobs(tr, dv, work / "charlm", hidden=CHARLM_HIDDEN)
        log(f"charlm: forward and backward started on {tr} (reused when already trained)")

    # word vectors (not needed by a CRF reusing another member's lexicon, nor by a stanza member
    # reusing another member's pretrain)
    t = time.time()
    lex_from = (out.parent / args.lexicon_from).resolve() if args.lexicon_from else None
    pretrain_from = (out.parent / args.pretrain_from).resolve() if args.pretrain_from else None
    need_wv = not ((args.model == "crf" and lex_from) or (args.model == "stanza" and pretrain_from and args.no_crf))
    extra = [[model_form(w) for w in toks] for toks in
             ([t for t, _ in train] if quick else data.unlabelled_train_text())] if need_wv else []
    kv = work / ("fasttext.kv" if args.subword else "w2v.kv")
    if not need_wv:
        wv = None
    elif quick:
        wv = vectors.train_vectors(None, extra, kv, quick=True, subword=args.subword)
    elif kv.exists():
        from gensim.models import KeyedVectors

        wv = KeyedVectors.load(str(kv))
    else:
        corpus_txt = corpus.write_corpus(work / "saudinewsnet.txt")
        wv = vectors.train_vectors(corpus_txt, extra, kv, subword=args.subword)
    if wv is not None:
        times["word2vec"] = time.time() - t
        log(f"{'fastText' if args.subword else 'word2vec'}: {len(wv)} words, {wv.vector_size} dims "
            f"({times['word2vec']:.0f}s)")

    # clusters + CRF
    t = time.time()
    cl_path = work / ("clusters-fasttext.json" if args.subword else "clusters.json")
    if lex_from:
        clusters = Lexicon.load(lex_from / "crf_lex.json").clusters
    elif wv is None:
        clusters = {}
    elif cl_path.exists() and not quick:
        clusters = json.loads(cl_path.read_text(encoding="utf-8"))
    else:
        clusters = vectors.kmeans_clusters(wv, ks=(4, 8) if quick else (64, 256, 1024))
        cl_path.write_text(json.dumps(clusters, ensure_ascii=False), encoding="utf-8")
    results = {}
    config: dict = {"kind": "crf", "files": {"model": "crf.model", "lexicon": "crf_lex.json"}}
    if not args.no_crf:
        variant = CRF_VARIANTS[args.crf_variant] if args.crf_variant else {}
        lex = Lexicon.from_train(train, clusters=clusters)
        if lex_from:  # same train lists and clusters: reference the other member's file
            if lex.gaz != Lexicon.load(lex_from / "crf_lex.json").gaz:
                raise RuntimeError(f"{lex_from}/crf_lex.json was not built from this train split")
            config["files"]["lexicon"] = os.path.relpath(lex_from / "crf_lex.json", out.resolve())
        else:
            lex.save(out / "crf_lex.json")
        if variant:
            config["variant"] = args.crf_variant
            config["features"] = variant.get("features", {})
            config["crf_params"] = {k: v for k, v in variant.items() if k != "features"}
        (out / "config.json").write_text(json.dumps(config, indent=1), encoding="utf-8")
        train_crf(train, lex, out / "crf.model", max_iterations=10 if quick else variant.get("max_iterations", 150),
                  features=variant.get("features"),
                  augmented=augmented, **{k: v for k, v in variant.items() if k in ("c1", "c2", "algorithm")})
        crf = CrfTagger.load(out)
        times["crf"] = time.time() - t
        results["crf"] = {"dev": evaluate(crf, dev), "test": evaluate(crf, test)}
        log(f"CRF ({times['crf']:.0f}s): dev {summary(results['crf']['dev'])}  "
            f"test {summary(results['crf']['test'])}")

    if args.model == "bilstm":
        config = train_bilstm(args, train, dev, test, wv, clusters, charlm_jobs, out, times, quick, augmented)
    if args.model == "stanza":
        from .stanza_ner import build_pretrain, train_tagger, write_json

        t = time.time()
        if pretrain_from:  # the other member's shipped (float16) pretrain, shared, not copied
            pretrain_pt = pretrain_from / "pretrain.pt"
        else:
            words = list(dict.fromkeys(wv.index_to_key[:MAX_VOCAB]))
            n = vectors.write_text_vectors(wv, words, work / "vectors.txt")
            build_pretrain(work / "vectors.txt", out / "pretrain.pt", MAX_VOCAB)
            pretrain_pt = out / "pretrain.pt"
            log(f"pretrain: {n} vectors")
        write_json(list(train) + augmented[0], work / "train.json")
        write_json(dev, work / "dev.json")
        times["pretrain"] = time.time() - t

        charlm = wait_charlm(charlm_jobs, times)

        t = time.time()
        extra_args = args.stanza_args.split()
        if quick:
            extra_args += ["--hidden_dim", "16", "--char_hidden_dim", "16", "--char_emb_dim", "8",
                           "--eval_interval", "10", "--max_steps", "20", "--batch_size", "16"]
        else:
            steps = args.max_steps or STANZA_MAX_STEPS
            extra_args += ["--max_steps", str(steps)] + (["--eval_interval", str(steps)] if args.with_dev else [])
        save_dir = work / "stanza"
        model = train_tagger(work / "train.json", work / "dev.json", pretrain_pt, MAX_VOCAB,
                             save_dir, f"{args.name}.pt", charlm=charlm, extra=extra_args, seed=args.seed)
        times["stanza"] = time.time() - t
        shutil.copy(model, out / "ner.pt")
        if args.half_model:
            half_model(out / "ner.pt")
        if pretrain_from:
            files = {"model": "ner.pt", "pretrain": os.path.relpath(pretrain_pt, out.resolve())}
        else:
            half_pretrain(out / "pretrain.pt")
            files = {"model": "ner.pt", "pretrain": "pretrain.pt"}
        if charlm:
            for d, p in zip(("forward", "backward"), charlm):
                shutil.copy(p, out / f"charlm_{d}.pt")
                files[f"charlm_{d}"] = f"charlm_{d}.pt"
        config = {"kind": "stanza", "files": files, "pretrain_max_vocab": MAX_VOCAB}

    config["tagset"] = data.TAGS
    if args.augment:
        config["augment"] = {"method": "mention_replacement", "p": args.augment, "sentences": len(augmented[0])}
    config["normalisation"] = "conflict_events.ner_model.model_form"
    (out / "config.json").write_text(json.dumps(config, indent=1), encoding="utf-8")
    if config["kind"] != "crf":
        kind = config["kind"]
        tagger = NerTagger._load(out.resolve())
        results[kind] = {"dev": evaluate(tagger, dev), "test": evaluate(tagger, test)}
        log(f"{kind} ({times[kind]:.0f}s): dev {summary(results[kind]['dev'])}  "
            f"test {summary(results[kind]['test'])}")

    times["total"] = time.time() - t_start
    config["train_seconds"] = {k: round(v) for k, v in times.items()}
    config["scores"] = {m: {s: summary(r) for s, r in v.items()} for m, v in results.items()}
    config["quick"] = quick
    (out / "config.json").write_text(json.dumps(config, indent=1, ensure_ascii=False), encoding="utf-8")
    with open(work / "results.jsonl", "a", encoding="utf-8") as f:
        f.write(json.dumps({"name": args.name, "options": options(args), "time": times, "results": results}) + "\n")
    for m, v in results.items():
        for s, r in v.items():
            print(format_table(r, f"== {m} {s}"))
    log(f"wrote {out} ({times['total']:.0f}s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
