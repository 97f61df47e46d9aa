"""Place names that are also common words, measured on unlabelled news (SaudiNewsNet).

    python -m conflict_events.build.common_names      # writes models/gazetteer/common_names.tsv

A one-word gazetteer name such as مصدر (a village; also "a source") or السورية (a
village; also "Syrian") is mostly NOT a place in news text. For every one-word
name of the compiled gazetteer this counts, over the normalised corpus, how often
the word occurs (bare or with و ف ب ل) and how often in a place context: with the
proclitic ب, or after a place-context word (``place_context`` in
pipeline/data/place_qualifiers.yaml: في, على, قرب ..., a designator such as مدينة or
قرية, a qualifier such as ريف). A name seen at least MIN_COUNT times with
a place-context share under MAX_SHARE is written out; the ner stage then accepts it
only in a place context. A name in ه whose stem is a frequent noun (منزله: منزل + ه "his
home") is listed as needing a designator (قرية/بلدة X), since في منزله is a place context
too. Reviewed countries and governorates (places_admin1.yaml) are never listed.
"""
from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

from ..places import CLITIC_WORDS, COMMON_NAMES, COMMON_WORDS, COUNTRY_PRIOR, norm, place_context_words
from ..resources import models_dir

CORPUS = Path(__file__).resolve().parents[2] / "build" / "ner" / "saudinewsnet.txt"  # built when missing
MIN_COUNT = 30
MAX_SHARE = 0.25
MIN_CLITIC_ZIPF = 3.0  # a clitic form this frequent a word of Arabic may be a word of its own
MIN_STEM_COUNT = 300  # منزل seen this often: منزله is first "his home"
# the words that name a town's kind right before its name, for designated_share
DESIGNATORS = ("مدينة", "مدينتي", "مدن", "محافظة", "بلدة", "قرية")
CLITICS = ("و", "ف", "ب", "ل", "وب", "فب", "ول", "فل")


def candidate_names() -> set[str]:
    """One-word gazetteer names, but not those of a reviewed (curated) country or governorate:
    the world's countries and divisions from the packages are measured too (مالي: Mali, "financial")."""
    from ..places import Gazetteer

    gz = Gazetteer.default()
    out, curated = set(), set()
    for name, pid in gz.entries():
        rec = gz.record(pid)
        if rec is None or " " in name:
            continue
        if rec.kind in ("country", "admin1") and "curated" in rec.source:
            curated.add(name)
        else:
            out.add(name)
    return out - curated


def one_word_names() -> set[str]:
    """Every one-word name of the compiled gazetteer (إب, a governorate, among them)."""
    from ..places import Gazetteer

    return {name for name, _ in Gazetteer.default().entries() if " " not in name}


def _notable(name: str) -> bool:
    """A district or a town of 20,000 people or more goes by that name (حديثة): keep it readable."""
    from ..places import Gazetteer

    gz = Gazetteer.default()
    return any(r.kind in ("admin2", "admin3") or r.population >= 20000 for r in gz.lookup(name))


def count(corpus: Path, names: set[str]) -> tuple[Counter, Counter]:
    """(occurrences, occurrences in a place context) of each name over the corpus lines."""
    ctx = place_context_words()
    total, placed = Counter(), Counter()
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            toks = line.split()
            for i, t in enumerate(toks):
                name, clitic = (t, "") if t in names else next(
                    ((t[len(c):], c) for c in CLITICS if t.startswith(c) and t[len(c):] in names), (None, ""))
                if name is None:
                    continue
                total[name] += 1
                if clitic.endswith("ب") or (i and toks[i - 1] in ctx):
                    placed[name] += 1
    return total, placed


def designated_share(corpus: Path, names: set[str], longer: dict[str, set[str]]) -> dict[str, tuple[int, float]]:
    """(occurrences, share after a designator word: مدينة، محافظة، بلدة، قرية …, bare or with و/ب/ل)
    of each name over the corpus lines, bare or with و or ب. ``longer`` maps a name to the second
    words of longer place names it begins (دير → الزور): those occurrences are not the name's own."""
    designators = {norm(d) for d in DESIGNATORS}
    designators |= {c + d for c in ("و", "ب", "ل", "وب") for d in designators}
    total, designated = Counter(), Counter()
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            toks = line.split()
            for i, t in enumerate(toks):
                name = t if t in names else t[1:] if t[:1] in "وب" and t[1:] in names else None
                if name is None or i + 1 < len(toks) and toks[i + 1] in longer.get(name, ()):
                    continue
                total[name] += 1
                if i and toks[i - 1] in designators:
                    designated[name] += 1
    return {n: (total[n], designated[n] / total[n]) for n in total}


def write_country_prior(corpus: Path, out: Path) -> None:
    """How often the news names each country (any of its Arabic names, bare or with و ف ب ل):
    the prior that decides between two homonymous places of otherwise equal standing (زنجبار:
    Zinjibar in Yemen, named 3,867 times, or Zanzibar in Tanzania, 12)."""
    from ..places import Gazetteer

    gz = Gazetteer.default()
    forms: dict[tuple[str, ...], set[str]] = {}
    for name, pid in gz.entries():
        rec = gz.record(pid)
        if rec is not None and rec.kind == "country":
            forms.setdefault(tuple(name.split()), set()).add(rec.iso3)
    longest = max(len(k) for k in forms)
    seen: Counter = Counter()
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            toks = line.split()
            for i, t in enumerate(toks):
                for first in {t} | {t[len(c):] for c in CLITICS if t.startswith(c)}:
                    for n in range(longest, 0, -1):
                        key = (first, *toks[i + 1:i + n])
                        if len(key) == n and key in forms:
                            for iso3 in forms[key]:
                                seen[iso3] += 1
                            break
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write("iso3\tcorpus_count\n")
        for iso3 in sorted({i for v in forms.values() for i in v}):
            f.write(f"{iso3}\t{seen[iso3]}\n")
    print(f"country prior of {len(seen)} countries written to {out}", file=sys.stderr)


def write_clitic_words(names: set[str], out: Path) -> None:
    """Words that read as a proclitic + a one-word place name but are words of their own: the
    clitic form is a word of Arabic (wordfreq Zipf >= MIN_CLITIC_ZIPF) more frequent than the name
    itself as the gazetteer spells it (بادر 3.9 > ادر; لاب "laptop" 3.7 > إب 3.6, whose normalised
    form is also أب "father"; بدمشق 3.9 < دمشق 5.1 is ب + دمشق)."""
    from wordfreq import zipf_frequency

    from ..places import Gazetteer
    from .world import zipf_table

    gz = Gazetteer.default()

    def zipf(form: str) -> float:
        return zipf_table().get(form, 0.0)

    def own(name: str) -> float:  # the name as the gazetteer's sources write it
        spelt = [zipf_frequency(r.name_ar, "ar") for r in gz.lookup(name) if norm(r.name_ar) == name]
        return max(spelt) if spelt else zipf(name)

    rows = []
    for n in sorted(names):
        bare = None
        for c in ("و", "ف", "ب", "ل"):
            z = zipf(c + n)
            if z < MIN_CLITIC_ZIPF:
                continue
            bare = own(n) if bare is None else bare
            if z > bare:
                rows.append((c + n, n, z, bare))
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write("word\tname\tzipf_word\tzipf_name\n")
        for w, n, z, b in sorted(rows):
            f.write(f"{w}\t{n}\t{z:.2f}\t{b:.2f}\n")
    print(f"{len(rows)} clitic look-alikes written to {out}", file=sys.stderr)


def write_common_words(out: Path) -> None:
    """Normalised Arabic words of wordfreq Zipf >= world.COMMON_ZIPF, each with its Zipf: a name made
    only of them is never matched by sound to a foreign town (places.everyday_words)."""
    from .world import COMMON_ZIPF, zipf_table

    rows = sorted((w, z) for w, z in zipf_table().items()
                  if z >= COMMON_ZIPF and w and all("\u0621" <= c <= "\u064a" for c in w))
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write("word\tzipf\n")
        for w, z in rows:
            f.write(f"{w}\t{z:.2f}\n")
    print(f"{len(rows)} everyday words written to {out}", file=sys.stderr)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS,
                    help="normalised corpus, one sentence a line (built when missing)")
    ap.add_argument("--out", type=Path, default=models_dir() / "gazetteer" / COMMON_NAMES)
    ap.add_argument("--words-only", action="store_true", help="write only common_words.tsv (no corpus needed)")
    args = ap.parse_args(argv)
    if args.words_only:
        write_common_words(args.out.parent / COMMON_WORDS)
        return 0
    from ..train.corpus import write_corpus

    corpus = write_corpus(args.corpus)
    names = candidate_names()
    # a name in ه that is also a noun + the pronoun ه (منزله "his home", المنزلة) is read in
    # place contexts too (في منزله): it needs a designator (قرية منزلة)
    stems = {n[:-1] for n in names if n.endswith("ه") and not n.startswith("ال") and len(n) > 3}
    total, placed = count(corpus, names | stems)
    possessive = {n for n in names if n.endswith("ه") and n[:-1] in stems and total[n[:-1]] >= MIN_STEM_COUNT
                  and not _notable(n)}
    share = {n: placed[n] / total[n] if total[n] else 0.0 for n in names}
    rows = sorted((n, total[n], share[n], "designator" if n in possessive else "context")
                  for n in names if n in possessive or (total[n] >= MIN_COUNT and share[n] < MAX_SHARE))
    with open(args.out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(["name", "corpus_count", "place_context_share", "needs"])
        for n, c, s, need in rows:
            w.writerow([n, c, f"{s:.3f}", need])
    print(f"{len(names)} one-word place names, {len(rows)} common words written to {args.out}", file=sys.stderr)
    write_country_prior(corpus, args.out.parent / COUNTRY_PRIOR)
    write_clitic_words(one_word_names(), args.out.parent / CLITIC_WORDS)
    write_common_words(args.out.parent / COMMON_WORDS)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
