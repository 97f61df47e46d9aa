"""Cross-script matching of place names: an Arabic name written by sound against Latin names.

Arabic news writes foreign towns by sound (بلدوين = Beledweyne, داماتورو = Damaturu, سيغو = Ségou).
Both scripts are spelled into one key alphabet by ordered rules kept as reviewed data in
pipeline/data/translit.yaml; names are compared by a weighted edit distance over their consonant
skeletons (cheap substitutions between near classes such as j/g or f/v, cheap deletions of weak
letters such as h, w, y), with the vowel-aware full key and the population as tie-breakers.

- ``arabic_key`` / ``latin_key``: the consonant skeleton of a name; ``arabic_full_key`` /
  ``latin_full_key``: the same with vowels.
- ``CrossScriptIndex(rows).match(norm_ar)``: the best place of one country for an Arabic name.
- ``conflict-events evaluate places --cross-script`` (or ``python -m conflict_events.translit evaluate``):
  top-1 accuracy on the GeoNames places of the compiled Latin tables that have an Arabic name
  (hidden from the index), by country; even geonameids are the tuning half, odd ones are held out.
- ``python -m conflict_events.translit key NAME...``: the keys of names (for reviewing the rules).
"""
from __future__ import annotations

import argparse
import hashlib
import itertools
import math
import re
import sys
import time
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Optional

from .resources import load_yaml

DATA = "translit.yaml"
_LATIN_WORD_SPLIT = re.compile(r"[\s\-_/,.()]+")
_DOUBLED = re.compile(r"(.)\1+")


class _Speller:
    """Ordered spelling rules (regex → key): at each position the first rule that matches wins;
    characters no rule matches are dropped. For speed, the trailing run of one-letter rules is
    applied by str.translate after the regex pass, whose output is kept apart in private-use
    characters until then (the result is the same as running every rule through the regex)."""

    def __init__(self, rules: list[list[str]]):
        tail = len(rules)
        while tail and len(rules[tail - 1][0]) == 1 and rules[tail - 1][0].isalpha():
            tail -= 1
        head = rules[:tail]
        firsts = [_first_letters(pattern) for pattern, _ in head]
        trigger = f"(?=[{''.join(firsts)}])" if all(firsts) else ""  # skip positions no rule can start at
        self._regex = re.compile(trigger + "(?:" + "|".join(f"({pattern})" for pattern, _ in head) + ")")
        self._keys = [_private(key) for _, key in head]
        alphabet = {c for _, key in rules for c in key}
        self._table = {ord(p): key for p, key in rules[tail:]} | {ord(_private(c)): c for c in alphabet}
        self._drop = re.compile(f"[^{re.escape(''.join(sorted(alphabet)))}]")

    def __call__(self, text: str) -> str:
        marked = self._regex.sub(lambda m: self._keys[m.lastindex - 1], text)
        return self._drop.sub("", marked.translate(self._table))


def _first_letters(pattern: str) -> str:
    """The letters a rule can start with, as the inside of a [...] class ('' when unknown)."""
    m = re.match(r"(?:\\b|\(\?<[=!][^)]*\))*(\[[^\]^][^\]]*\]|[^\\(\[.])", pattern)
    return "" if m is None else (m.group(1)[1:-1] if m.group(1).startswith("[") else re.escape(m.group(1)))


def _private(key: str) -> str:
    """A key spelled in private-use characters (kept apart from the input during spelling)."""
    return "".join(chr(0xF0000 + ord(c)) for c in key)


@lru_cache(maxsize=1)
def _data() -> dict:
    """The correspondences with compiled spellers and cost tables."""
    d = load_yaml(DATA)
    sub: dict[str, dict[str, float]] = {}  # letter → letter → substitution cost
    coarse: dict[str, str] = {}
    for g in d["near"]:
        for c in g["group"]:
            coarse[c] = g["group"][0]
    for pairs in [g["cost"] for g in d["near"]] + [d["cross"]]:
        for pair, cost in pairs.items():
            a, b = pair.split("-")
            sub.setdefault(a, {})[b] = sub.setdefault(b, {})[a] = float(cost)
    return {**d, "latin_speller": _Speller(d["latin"]), "arabic_speller": _Speller(d["arabic"]),
            "sun": re.compile(d["latin_sun_article"]), "sub": sub, "fold": str.maketrans(d["latin_letters"]),
            "no_vowels": dict.fromkeys(map(ord, d["vowels"])),
            "to_coarse": {**{ord(c): rep for c, rep in coarse.items()}, **dict.fromkeys(map(ord, d["vowels"] + d["weak"]))}}


# ---------------------------------------------------------------- keys
def fold_latin(name: str) -> str:
    """Lower-case a Latin name, map special letters (ı ş ç ğ ʿ) and strip accents (and non-ASCII)."""
    s = name.lower().translate(_data()["fold"])
    return s if s.isascii() else unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()


_TURKISH = str.maketrans({"ı": "i", "İ": "I", "ş": "s", "Ş": "S", "ğ": "g", "Ğ": "G"})


def plain_latin(name: str) -> str:
    """A Latin name without diacritics and transliteration marks, case kept (Şanlıurfa → Sanliurfa)."""
    s = unicodedata.normalize("NFKD", name.translate(_TURKISH))
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"[‘’ʿʾ`]", "", s).replace("'", "").strip()


def place_key(name: str) -> str:
    """A spelling-insensitive key of an English place name: no diacritics, article, vowels, h/w/y or
    doubled letters (Şanlıurfa = Sanliurfa, Dar'a = Daraa, Duma = Douma, Ad Daqahliyah = Dakahlia)."""
    s = re.sub(r"\b(al|el|ad|ar|as|ash|an|at|az)[- ]", "", plain_latin(str(name or "")).lower())
    s = re.sub(r"[^a-z]", "", s.replace("q", "k").replace("ou", "u"))
    return re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiouyhw]", "", s))


def latin_words(name: str) -> list[str]:
    """The folded words of a Latin name without Arabic articles (Al, El, As-, Ash ...)."""
    d = _data()
    words = [w for w in _LATIN_WORD_SPLIT.split(fold_latin(name)) if w.strip("'")]
    return [w for i, w in enumerate(words) if i + 1 == len(words) or not _is_article(w, words[i + 1].lstrip("'"), d)]


def _is_article(word: str, following: str, d: dict) -> bool:
    """Whether a Latin word is the article of the word that follows it."""
    return word in d["latin_articles"] or (d["sun"].match(word) is not None and following.startswith(word[1:]))


def arabic_words(norm_ar: str, keep_article: bool = False) -> list[str]:
    """The words of a normalised Arabic name without the article (kept on the first word if asked)."""
    out = []
    for i, w in enumerate(norm_ar.replace("-", " ").split()):
        for art in _data()["arabic_articles"]:
            if w.startswith(art) and len(w) > len(art) + 1 and not (keep_article and i == 0):
                w = w[len(art):]
        out.append(w)
    return out


def collapse(key: str) -> str:
    """Collapse doubled key letters (Sikasso = سيكاسو)."""
    return _DOUBLED.sub(r"\1", key) if _DOUBLED.search(key) else key


@lru_cache(maxsize=200_000)
def latin_full_key(name: str) -> str:
    """The vowel-aware key of a Latin name (words joined, articles dropped)."""
    speller = _data()["latin_speller"]
    return collapse(speller(" ".join(latin_words(name))))


@lru_cache(maxsize=50_000)
def arabic_full_key(norm_ar: str, keep_article: bool = False) -> str:
    """The vowel-aware key of a normalised Arabic name (words joined, articles dropped)."""
    speller = _data()["arabic_speller"]
    return collapse(speller(" ".join(arabic_words(norm_ar, keep_article))))


def skeleton(full_key: str) -> str:
    """The consonant skeleton of a full key (vowels dropped, doubled letters collapsed)."""
    return collapse(full_key.translate(_data()["no_vowels"]))


def strong(key: str) -> str:
    """The coarse key used to find candidates: weak letters dropped, near classes merged."""
    return collapse(key.translate(_data()["to_coarse"]))


def _each(key_fn: Callable[[str], str], keys: list[str]) -> list[str]:
    """``key_fn`` (skeleton or strong) of many keys at once: run on the keys joined by line breaks,
    which neither rewrites nor joins across (thousands of names in one call, not one each)."""
    if not keys or any("\n" in k for k in keys):
        return [key_fn(k) for k in keys]
    out = key_fn("\n".join(keys)).split("\n")
    return out if len(out) == len(keys) else [key_fn(k) for k in keys]


def arabic_key(norm_ar: str) -> str:
    """The consonant skeleton of a normalised Arabic name."""
    return skeleton(arabic_full_key(norm_ar))


def latin_key(name: str) -> str:
    """The consonant skeleton of a Latin name."""
    return skeleton(latin_full_key(name))


# ---------------------------------------------------------------- distance
def distance(a: str, b: str, limit: float = math.inf) -> float:
    """Weighted edit distance between two keys (near-class substitutions and weak letters cheap);
    returns inf as soon as it must exceed ``limit``."""
    d = _data()
    indel, sub = d["indel"], d["sub"]
    ins = [indel.get(cb, 1.0) for cb in b]
    prev = [0.0, *itertools.accumulate(ins)]
    for ca in a:
        drop, costs = indel.get(ca, 1.0), sub.get(ca, {})
        cur = [prev[0] + drop]
        for j, cb in enumerate(b):
            cur.append(min(prev[j] + (0.0 if ca == cb else costs.get(cb, 1.0)), prev[j + 1] + drop, cur[j] + ins[j]))
        if min(cur) > limit:
            return math.inf
        prev = cur
    return prev[-1]


def _variants(coarse_key: str) -> set[str]:
    """The coarse key and its one-deletion variants (candidate buckets, as in SymSpell)."""
    return {coarse_key} | {coarse_key[:i] + coarse_key[i + 1:] for i in range(len(coarse_key))}


def _insertions(key: str, alphabet: Iterable[str]) -> set[str]:
    """Every key made by inserting one letter of ``alphabet`` anywhere in ``key``."""
    return {key[:i] + c + key[i:] for i in range(len(key) + 1) for c in alphabet}


def neighbours(coarse_key: str, alphabet: Iterable[str]) -> set[str]:
    """Every key over ``alphabet`` that shares a one-deletion variant with ``coarse_key`` (SymSpell's
    candidates, found from the query alone: the index keeps no variants): the key itself, its
    deletions, its insertions, and the insertions into its deletions."""
    alphabet = tuple(alphabet)
    dels = _variants(coarse_key)
    return dels | {k for d in dels for k in _insertions(d, alphabet)}


# ---------------------------------------------------------------- index
def context_bonus() -> float:
    """How much better a place in a first-level division the article names ranks among those alike."""
    return _data()["accept"]["context_bonus"]


class CrossScriptIndex:
    """The places of one country by the keys of their Latin names, matched by Arabic names.
    ``keys``, when given, holds each row's full keys (``latin_full_key`` of its names, in order),
    computed ahead (``latin_keys``): the index is then built without spelling a name."""

    def __init__(self, rows: Iterable[tuple[str, list[str], int]], keys: Optional[Iterable[list[str]]] = None):
        self._places: list[tuple[str, float]] = []  # (place id, log10 population)
        self._by_skeleton: dict[str, list[tuple[int, str]]] = {}  # skeleton → (place index, full key)
        self._by_coarse: dict[str, set[str]] = {}  # coarse key → skeletons
        self._alphabet: set[str] = set()  # the letters of the coarse keys
        keys = iter(keys) if keys is not None else None
        names_of = []  # (place index, full key) of each distinct name of each place, in order
        for place_id, names, population in rows:
            idx = len(self._places)
            self._places.append((place_id, math.log10(max(population or 0, 0) + 1)))
            fulls = next(keys) if keys is not None else [latin_full_key(n) for n in names]
            names_of += [(idx, full) for full in dict.fromkeys(fulls)]
        skeletons = _each(skeleton, [full for _, full in names_of])
        coarse_of = dict(zip(distinct := list(dict.fromkeys(skeletons)), _each(strong, distinct)))
        for (idx, full), skel in zip(names_of, skeletons):
            if not skel:
                continue
            entries = self._by_skeleton.setdefault(skel, [])
            if not entries:
                coarse = coarse_of[skel]
                self._by_coarse.setdefault(coarse, set()).add(skel)
                self._alphabet.update(coarse)
            entries.append((idx, full))

    def __len__(self) -> int:
        return len(self._places)

    def candidates(self, norm_ar: str, k: int = 5) -> list[tuple[str, float]]:
        """The ``k`` best (place id, score 0..1) for a normalised Arabic name, best first: by skeleton
        distance, then (among skeletons within ``tie_slack`` of the closest) full key and population."""
        return [(place_id, score) for place_id, score, _ in self.ranked(norm_ar, k)]

    def ranked(self, norm_ar: str, k: int = 5) -> list[tuple[str, float, float]]:
        """``candidates`` with each one's rank (lower is better; the order of the list)."""
        acc = _data()["accept"]
        close = []  # (distance, query full key, query skeleton, indexed skeleton)
        readings = {arabic_full_key(norm_ar): 0.0}
        readings.setdefault(arabic_full_key(norm_ar, keep_article=True), acc["article_kept_penalty"])
        for full_q, penalty in readings.items():
            skel_q = skeleton(full_q)
            close += [(d, full_q, skel_q, skel) for skel, d in self._close_skeletons(skel_q, penalty)]
        cutoff = min(close)[0] + acc["tie_slack"] if close else 0.0
        best: dict[int, tuple[float, float]] = {}  # place index → (rank, score)
        for d, full_q, skel_q, skel in close:
            if d > cutoff:
                continue
            score = max(0.0, 1.0 - d / max(len(skel), len(skel_q)))
            for idx, full in self._by_skeleton[skel]:
                rank = d + acc["vowel_weight"] * distance(full_q, full) - acc["population_weight"] * self._places[idx][1]
                if idx not in best or rank < best[idx][0]:
                    best[idx] = (rank, score)
        ranked = sorted(best.items(), key=lambda item: (item[1][0], self._places[item[0]][0]))
        return [(self._places[idx][0], round(score, 3), rank) for idx, (rank, score) in ranked[:k]]

    def match(self, norm_ar: str) -> Optional[tuple[str, float]]:
        """The best (place id, score) for a normalised Arabic name, or None when none is close enough."""
        found = self.candidates(norm_ar, k=1)
        return found[0] if found else None

    def _close_skeletons(self, skel: str, penalty: float) -> Iterable[tuple[str, float]]:
        """Indexed skeletons within the accepted distance of a query skeleton, with the distance."""
        acc = _data()["accept"]
        coarse = strong(skel)
        if not coarse:
            return []
        if len(coarse) <= acc["short_length"]:
            limit, pool = acc["short_max"], self._by_coarse.get(coarse, set())
        else:
            limit = acc["per_consonant"] * len(coarse)
            pool = set().union(*(self._by_coarse.get(c, ()) for c in neighbours(coarse, self._alphabet)))
        out = []
        for s in pool:
            d = distance(skel, s, limit) + penalty
            if d <= limit:
                out.append((s, d))
        return out


# ---------------------------------------------------------------- keys computed ahead
KEYS_SUFFIX = ".keys"


@lru_cache(maxsize=1)
def keys_fingerprint() -> str:
    """What the Latin keys depend on (the rules of translit.yaml and this module's code), hashed:
    a keys file written under another fingerprint is stale and is not used."""
    from .resources import DATA_DIR

    h = hashlib.sha1((DATA_DIR / DATA).read_bytes())
    h.update(Path(__file__).read_bytes())
    return h.hexdigest()[:16]


def write_latin_keys(table: Path) -> Path:
    """Beside a Latin table (ISO3.tsv, a header and one place a line, Latin names in its "latin"
    column), the full key of each of its names (ISO3.keys: the fingerprint, then one line per place),
    so that the index is built without spelling its names (``read_latin_keys``)."""
    lines = [line for line in table.read_text(encoding="utf-8").split("\n") if line]
    col = lines[0].split("\t").index("latin")
    out = table.with_suffix(KEYS_SUFFIX)
    with open(out, "w", encoding="utf-8") as f:
        f.write(f"# {keys_fingerprint()}\n")
        for line in lines[1:]:
            f.write("|".join(latin_full_key(n) for n in line.split("\t")[col].split("|")) + "\n")
    return out


def read_latin_keys(table: Path) -> Optional[list[list[str]]]:
    """The full keys of a Latin table's names (``write_latin_keys``), or None when there is no keys
    file or it is stale (written by other rules or code: the keys must then be computed)."""
    path = table.with_suffix(KEYS_SUFFIX)
    if not path.exists():
        return None
    lines = path.read_text(encoding="utf-8").split("\n")
    if lines[0] != f"# {keys_fingerprint()}":
        return None
    return [line.split("|") for line in lines[1:-1]]


# ---------------------------------------------------------------- evaluation
def evaluate_cross_script(records: list[dict], countries: Iterable[str], out=sys.stdout,
                          group: Optional[Callable[[dict], str]] = None, errors: Optional[str] = None,
                          foreign: int = 0) -> dict:
    """Top-1 accuracy of Arabic → place over each country's records (index of Latin names only).

    A record counts as correct when the returned place is the record or has the same ``name``.
    ``group`` splits the queried records (e.g. even/odd id); ``errors`` names the group whose
    misses are printed (the tuning half only); ``foreign`` > 0 also reports how many of that many
    Arabic names of the OTHER countries' records get an answer (an upper bound on false matches
    for names of places that are not in the index). Returns {iso3: {group: figures}}.
    """
    results: dict = {}
    for iso3 in countries:
        recs = [r for r in records if r["iso3"] == iso3]
        start = time.perf_counter()
        index = CrossScriptIndex((r["id"], r["latin"], r["population"]) for r in recs)
        build = time.perf_counter() - start
        by_id = {r["id"]: r for r in recs}
        figures: dict[str, dict] = {}
        query_time = 0.0
        for r in recs:
            if not r["arabic"]:
                continue
            start = time.perf_counter()
            hit = index.match(r["arabic"][0])
            query_time += time.perf_counter() - start
            f = figures.setdefault(group(r) if group else "all", {"n": 0, "answered": 0, "correct": 0})
            f["n"] += 1
            f["answered"] += hit is not None
            ok = hit is not None and (hit[0] == r["id"] or by_id[hit[0]]["name"] == r["name"])
            f["correct"] += ok
            if errors and not ok and (group(r) if group else "all") == errors:
                got = by_id[hit[0]]["name"] if hit else None
                print(f"  miss {iso3} {r['arabic'][0]} [{arabic_key(r['arabic'][0])}] → {got} "
                      f"(want {r['name']} [{latin_key(r['name'])}])", file=out)
        n_queries = sum(f["n"] for f in figures.values())
        if foreign:
            others = [r["arabic"][0] for r in records if r["iso3"] != iso3 and r["arabic"]][::-1]
            others = others[::max(1, len(others) // foreign)][:foreign]
            figures["foreign"] = {"n": len(others), "answered": sum(index.match(q) is not None for q in others)}
            print(f"{iso3} foreign: {figures['foreign']['answered']}/{len(others)} other countries' names answered",
                  file=out)
        for name, f in sorted((g, f) for g, f in figures.items() if g != "foreign"):
            f["top1"] = f["correct"] / f["n"] if f["n"] else 0.0
            f["precision"] = f["correct"] / f["answered"] if f["answered"] else 0.0
            print(f"{iso3} {name:>5}: n={f['n']:4d} answered={f['answered']:4d} top1={f['top1']:.2f} "
                  f"precision={f['precision']:.2f}", file=out)
        timing = {"places": len(recs), "build_s": build, "query_ms": 1000 * query_time / max(n_queries, 1)}
        print(f"{iso3} index: {timing['places']} places built in {build:.3f}s, "
              f"{timing['query_ms']:.2f} ms/query", file=out)
        results[iso3] = {**figures, "timing": timing}
    return results


# ---------------------------------------------------------------- GeoNames harness
TARGET = ["SYR", "IRQ", "YEM", "LBY", "EGY", "SDN", "SOM", "MLI", "NGA", "AFG"]
INFO = ["TUR", "PAK", "TUN", "MAR"]
_ARABIC_NAME = re.compile(r"[\u0621-\u064a]+(?:[ \-][\u0621-\u064a]+)*")
_CODE = re.compile(r"[A-Z0-9]{2,4}")  # IATA/ICAO codes among the alternates (BIN, SXZ)
_INVISIBLE = dict.fromkeys(map(ord, "\u200e\u200f\u200b\u200c\u200d\ufeff"))


def is_latin(name: str) -> bool:
    """Whether every letter of a name is a Latin letter."""
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all("LATIN" in unicodedata.name(c, "") for c in letters)


def latin_alternates(name: str, alternates: Iterable[str]) -> list[str]:
    """A GeoNames place's Latin names: its name, then the Latin-script alternates except the
    all-lowercase ones (GeoNames' letter-by-letter romanisations of the Arabic name, alkramt,
    tl ʿmar, would leak it) and airport codes (BIN, SXZ)."""
    alts = [a.translate(_INVISIBLE).strip() for a in alternates if a]
    latin = [name] + [a for a in alts if is_latin(a) and a != a.lower() and not _CODE.fullmatch(a)]
    return list(dict.fromkeys(latin))


def compiled_records(countries: Iterable[str]) -> list[dict]:
    """Records for evaluate_cross_script from the compiled Latin tables (models/gazetteer/latin,
    built from GeoNames cities500 by conflict_events.build.gazetteer): the towns of each country with
    their Latin names and their normalised Arabic names."""
    import csv

    from .resources import models_dir

    records = []
    for iso3 in countries:
        path = models_dir() / "gazetteer" / "latin" / f"{iso3}.tsv"
        with open(path, encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                if not re.fullmatch(r"GN\d+", r["id"]):
                    continue  # admin1 rows: the towns are the measure
                records.append({"id": r["id"], "iso3": iso3, "name": r["name"], "population": int(r["population"]),
                                "latin": r["latin"].split("|") if r["latin"] else [],
                                "arabic": r["arabic"].split("|") if r["arabic"] else []})
    return records


def _half(record: dict) -> str:
    """even (tuning) or odd (held out) geonameid."""
    return "even" if int(record["id"].lstrip("GN")) % 2 == 0 else "odd"


def main(argv: Optional[list[str]] = None) -> int:
    """CLI: ``evaluate --geonames`` (per-country top-1, even and odd halves), ``key NAME...`` and
    ``keys [FOLDER]`` (the keys files of the Latin tables)."""
    ap = argparse.ArgumentParser(prog="python -m conflict_events.translit")
    sub = ap.add_subparsers(dest="cmd", required=True)
    ev = sub.add_parser("evaluate", help="top-1 accuracy on GeoNames places with Arabic names")
    ev.add_argument("--countries", nargs="*", default=TARGET + INFO, help="ISO3 codes")
    ev.add_argument("--errors", action="store_true", help="print the misses of the tuning (even) half")
    kp = sub.add_parser("key", help="print the keys of Arabic or Latin names")
    kp.add_argument("names", nargs="+")
    wk = sub.add_parser("keys", help="write the keys files beside the Latin tables (after changing the rules)")
    wk.add_argument("folder", nargs="?", type=Path, help="the Latin tables (default: the models' gazetteer/latin)")
    args = ap.parse_args(argv)
    if args.cmd == "keys":
        from .places import Gazetteer, LATIN_DIR

        tables = sorted((args.folder or Gazetteer.default().folder / LATIN_DIR).glob("*.tsv"))
        for table in tables:
            write_latin_keys(table)
        print(f"{len(tables)} keys files written (fingerprint {keys_fingerprint()})")
        return 0
    if args.cmd == "key":
        from .places import norm

        for name in args.names:
            if is_latin(name):
                print(f"{name}\t{latin_full_key(name)}\t{latin_key(name)}")
            else:
                print(f"{name}\t{arabic_full_key(norm(name))}\t{arabic_key(norm(name))}")
        return 0
    evaluate(args.countries, errors=args.errors)
    return 0


def evaluate(countries: Iterable[str] = TARGET + INFO, errors: bool = False, out=sys.stdout) -> dict:
    """Per-country top-1 of the hidden Arabic names of the compiled tables, even and odd halves."""
    countries = list(countries)
    return evaluate_cross_script(compiled_records(countries), countries, out=out, group=_half,
                                 errors="even" if errors else None, foreign=300)


if __name__ == "__main__":
    sys.exit(main())
