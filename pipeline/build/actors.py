"""Compile the actor dictionary: curated YAML + generic agents + UniversalPetrarch seed.

    python -m conflict_events.build.actors [--up DIR] [--corpus DIR] [--out models/actors]

Inputs (read-only):
- pipeline/data/actors_curated.yaml  reviewed actors (win over everything else);
- pipeline/data/agents.yaml          generic agents and the national-forces templates;
- $SHARED/universalpetrarch/actor_dict_ar_v4.txt and agents.all.ar_v3.txt (MIT, Open Event
  Data Alliance): lemmatised Arabic actors with CAMEO codes and validity dates;
- $SHARED/corpora/saudinewsnet/*.zip (optional): only word frequencies are computed from it,
  to drop UniversalPetrarch entries that are a single very common word. No text is copied.

Output: models/actors/actors.tsv (one record per row, its normalised Arabic forms joined by
``|``) and models/actors/MODEL_CARD.md. The build is deterministic: records are sorted and
the corpus statistics are counts, not samples.
"""
from __future__ import annotations

import argparse
import collections
import csv
import io
import json
import re
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from ..normalize import normalize_for_matching
from ..resources import DATA_DIR, load_yaml, models_dir, shared_data_dir

TSV_NAME = "actors.tsv"
COLUMNS = ["id", "name", "inter", "country", "home", "only_in", "strict", "valid_from", "valid_to", "source",
           "priority", "kind", "acled", "name_ar", "forms"]
PRIORITY = {"curated": 0, "national": 1, "agent": 2, "up": 3, "up-agent": 4}

# ISO3 → ACLED country name (the countries UniversalPetrarch codes that matter for the region,
# plus the big external actors). Codes not listed are skipped.
ISO3 = {
    "SYR": "Syria", "IRQ": "Iraq", "YEM": "Yemen", "LBY": "Libya", "SDN": "Sudan", "PSE": "Palestine",
    "LBN": "Lebanon", "EGY": "Egypt", "ISR": "Israel", "JOR": "Jordan", "TUR": "Turkey", "SAU": "Saudi Arabia",
    "IRN": "Iran", "SSD": "South Sudan", "TUN": "Tunisia", "DZA": "Algeria", "MAR": "Morocco", "SOM": "Somalia",
    "AFG": "Afghanistan", "ARE": "United Arab Emirates", "KWT": "Kuwait", "BHR": "Bahrain", "OMN": "Oman",
    "QAT": "Qatar", "USA": "United States", "RUS": "Russia", "GBR": "United Kingdom", "FRA": "France",
    "DEU": "Germany", "CHN": "China", "PAK": "Pakistan", "ETH": "Ethiopia", "ERI": "Eritrea", "TCD": "Chad",
    "MRT": "Mauritania", "KEN": "Kenya", "IND": "India", "ITA": "Italy", "ESP": "Spain",
}
THE = {"United States", "United Kingdom", "United Arab Emirates", "Netherlands"}

# CAMEO role → (ACLED name template, inter). {country} is the code's country.
ROLE_MAP = {
    "GOV": ("Government of {country}", 1), "JUD": ("Government of {country}", 1),
    "LEG": ("Government of {country}", 1),
    "MIL": ("Military Forces of {country}", 1), "SPY": ("Military Forces of {country}", 1),
    "COP": ("Police Forces of {country}", 1),
    "REB": (None, 2), "INS": (None, 2), "IMG": (None, 2),  # named group: its own (romanised) name
    "UAF": ("Unidentified Armed Group ({country})", 3),
    "CVL": ("Civilians ({country})", 7), "REF": ("Civilians ({country})", 7),
    "EDU": ("Civilians ({country})", 7), "MED": ("Civilians ({country})", 7),
    "HLH": ("Civilians ({country})", 7), "BUS": ("Civilians ({country})", 7),
    "LAB": ("Civilians ({country})", 7), "AGR": ("Civilians ({country})", 7),
    "ELI": ("Civilians ({country})", 7), "REL": ("Civilians ({country})", 7),
    "MUS": ("Civilians ({country})", 7), "HRI": ("Civilians ({country})", 7),
    "NGO": ("Civilians ({country})", 7),
}
# Generic UniversalPetrarch agents: only kinds of people, never institutions or things.
AGENT_ROLE_MAP = {
    "MIL": ("Military Forces of {country}", 1), "SPY": ("Military Forces of {country}", 1),
    "COP": ("Police Forces of {country}", 1),
    "REB": ("Unidentified Armed Group ({country})", 3), "UAF": ("Unidentified Armed Group ({country})", 3),
    "CVL": ("Civilians ({country})", 7), "REF": ("Civilians ({country})", 7), "EDU": ("Civilians ({country})", 7),
    "MED": ("Civilians ({country})", 7), "HLH": ("Civilians ({country})", 7), "BUS": ("Civilians ({country})", 7),
    "LAB": ("Civilians ({country})", 7), "AGR": ("Civilians ({country})", 7), "REL": ("Civilians ({country})", 7),
}
PROTEST_WORDS = {normalize_for_matching(w) for w in ("متظاهر", "محتج", "معتصم", "متظاهرين", "محتجين")}
# First words that make an entry an organisation (else a person) / an institution (dropped as agent).
ORG_HEADS = {normalize_for_matching(w) for w in (
    "حركة جبهة تنظيم جيش قوة قوات كتيبة كتائب لواء ألوية منظمة حزب جماعة مجلس هيئة اتحاد جمعية وزارة "
    "مجموعة فصيل فيلق سرايا عصائب ميليشيا مليشيا تحالف شرطة حرس جهاز مكتب إدارة لجنة وكالة بنك شركة "
    "جامعة محكمة دولة حكومة سلطة برلمان أمانة رابطة نقابة مؤسسة صندوق مصرف").split()}
INSTITUTIONS = {normalize_for_matching(w) for w in (
    "وزارة مكتب شركة صناعة مجلة جامعة مزرعة طائرة عربة آلة دار قسم لجنة صحيفة وكالة مجلس محكمة "
    "مؤسسة بنك مصرف هيئة إدارة سوق مصنع مدرسة مستشفى معهد روضة جريدة قناة إذاعة مركز دائرة مديرية "
    "زراعة صيد حصاد فلاحة تكتل سلاح صاروخ دبابة سفينة مربع إعلام قاعدة قواعد معسكر معسكرات ثكنة ثكنات مطار ميناء "
    "ناطق متحدث").split()}  # a spokesman speaks for the body named after him: no actor of his own
COMMON_TOP = 3000  # a single-word UniversalPetrarch entry among the corpus's 3000 commonest words is dropped
MIN_SINGLE_LEN = 4

_DATE = re.compile(r"(\d{8})")


@dataclass
class Record:
    id: str
    name: str
    inter: int
    country: Optional[str]
    source: str
    kind: str = "ORG"  # ORG, PERSON, AGENT
    home: list[str] = field(default_factory=list)
    only_in: list[str] = field(default_factory=list)
    strict: bool = False
    valid_from: str = ""
    valid_to: str = ""
    acled: str = ""
    name_ar: str = ""
    forms: set[tuple[str, ...]] = field(default_factory=set)

    def row(self) -> dict:
        return {
            "id": self.id, "name": self.name, "inter": self.inter, "country": self.country or "",
            "home": ";".join(self.home), "only_in": ";".join(self.only_in), "strict": "1" if self.strict else "",
            "valid_from": self.valid_from, "valid_to": self.valid_to, "source": self.source,
            "priority": PRIORITY[self.source], "kind": self.kind, "acled": self.acled, "name_ar": self.name_ar,
            "forms": "|".join(sorted(" ".join(f) for f in self.forms)),
        }


# --------------------------------------------------------------------------- word forms
def words(phrase: str) -> tuple[str, ...]:
    """A phrase as normalised words (underscores and spaces split; punctuation kept apart)."""
    from ..matcher import phrase_key

    return tuple(w for w in phrase_key(phrase) if w)


def definite(w: str) -> str:
    return w if w.startswith("ال") else "ال" + w


def indefinite(w: str) -> str:
    return w[2:] if w.startswith("ال") and len(w) > 4 else w


def listed_forms(phrase: str, *, agent: bool = False) -> set[tuple[str, ...]]:
    """Forms of a reviewed phrase: as written, and for agents the all-definite/indefinite forms."""
    ws = words(phrase)
    if not ws:
        return set()
    out = {ws}
    if agent and all(_is_arabic(w) for w in ws):
        out.add(tuple(definite(w) for w in ws))
        if len(ws) > 1:
            out.add(tuple(indefinite(w) for w in ws))
    return out


def lemma_forms(ws: tuple[str, ...], person: bool) -> set[tuple[str, ...]]:
    """Running-text forms of a lemmatised UniversalPetrarch entry (article dropped, nisba masculine)."""
    out = {ws}
    if person or len(ws) == 1:
        if not person and len(ws) == 1:
            out.add((definite(ws[0]),))
        return out
    if any(not _is_arabic(w) or len(w) < 2 for w in ws[1:]):
        return out
    tail_def = tuple(definite(w) for w in ws[1:])
    out.add((ws[0],) + tail_def)  # idafa + adjectives: منظمة التحرير الفلسطيني
    out.add((definite(ws[0]),) + tail_def)  # all definite: الجيش الوطني
    for f in list(out):
        if f[-1].endswith("ي") and len(f[-1]) >= 4:  # feminine agreement of a final nisba: الفلسطينيه
            out.add(f[:-1] + (f[-1] + "ه",))
    return out


def _is_arabic(w: str) -> bool:
    return bool(w) and all("\u0621" <= c <= "\u064a" for c in w)


def _date(s: Optional[str]) -> str:
    if not s:
        return ""
    s = str(s)
    if re.fullmatch(r"\d{8}", s):
        return f"{s[:4]}-{s[4:6]}-{s[6:]}"
    return s


# --------------------------------------------------------------------------- curated + agents
def curated_records(path: Optional[Path] = None) -> list[Record]:
    data = load_yaml("actors_curated.yaml") if path is None else _read_yaml(path)
    out = []
    for a in data["actors"]:
        valid = a.get("valid") or [None, None]
        r = Record(
            id=a["id"], name=a["name"], inter=int(a["inter"]), country=a.get("country"), source="curated",
            kind=a.get("kind", "ORG"), home=list(a.get("home") or []), only_in=list(a.get("only_in") or []),
            strict=bool(a.get("strict")),
            valid_from=_date(valid[0]), valid_to=_date(valid[1]), acled=a.get("acled", "") or "",
            name_ar=a["ar"][0],
        )
        for phrase in a["ar"]:
            r.forms |= listed_forms(phrase)
        out.append(r)
    return out + tribal_records(data.get("tribal_militias") or {})


def tribal_records(spec: dict) -> list[Record]:
    """One identity-militia record per curated tribe, under each head word + its name (قبيلة مراد)."""
    out = []
    for g in spec.get("groups", []):
        name = spec["name"].format(name=g["name"], militia=g.get("militia", "Tribal"), country=g["country"])
        r = Record(id=f"tribe:{_slug(g['name'])}_{_slug(g['country'])}", name=name, inter=4, country=g["country"],
                   source="curated", only_in=[g["country"]], name_ar=f"{spec['heads'][0]} {g['ar'][0]}")
        for head in spec["heads"]:
            for ar in g["ar"]:
                r.forms |= listed_forms(f"{head} {ar}")
        out.append(r)
    return out


def agent_records(path: Optional[Path] = None) -> list[Record]:
    data = load_yaml("agents.yaml") if path is None else _read_yaml(path)
    out = []
    for a in data["agents"]:
        r = Record(id=a["id"], name=a["name"], inter=int(a["inter"]), country="{country}", source="agent",
                   kind="AGENT", name_ar=a["ar"][0])
        for phrase in a["ar"]:
            r.forms |= listed_forms(phrase, agent=True)
        out.append(r)
    nat = data["national"]
    inters = {"military": 1, "police": 1, "government": 1}
    for country, adj in nat["countries"].items():
        excluded = {words(x) for x in adj.get("not", [])}  # the same words with another sense (السلطات المالية)
        for kind, templates in nat["templates"].items():
            r = Record(id=f"national:{kind}_{_slug(country)}", name=_fill(nat["names"][kind], country), inter=inters[kind],
                       country=country, source="national")
            for t in templates:
                for slot in ("m", "f", "pl"):
                    if f"<{slot}>" not in t:
                        continue
                    vals = adj[slot] if isinstance(adj[slot], list) else [adj[slot]]
                    for v in vals:
                        head = t.replace(f"<{slot}>", "").strip()
                        # adjective agrees in definiteness with the head, which a construct takes from its
                        # last noun: الجيش العراقي / قوات عراقية / قوات الأمن العراقية, وزارة الداخلية العراقية
                        definite_head = words(head)[-1].startswith("ال") if words(head) else False
                        vws = words(v)
                        if definite_head:
                            vws = tuple(definite(w) if i == len(vws) - 1 or len(vws) == 1 else w
                                        for i, w in enumerate(vws))
                            if len(words(v)) > 1:  # جنوب سوداني → جنوب السوداني is wrong; keep as written
                                vws = words(v)
                        if words(head) + vws in excluded:
                            continue
                        r.forms.add(words(head) + vws)
                        if not r.name_ar:
                            r.name_ar = f"{head} {v}"
            out.append(r)
    return out


def _fill(template: str, country: str) -> str:
    if "of {country}" in template and country in THE:
        return template.replace("{country}", "the " + country)
    return template.replace("{country}", country)


def _slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", s.lower()).strip("_")


def _read_yaml(path: Path):
    import yaml

    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


# --------------------------------------------------------------------------- UniversalPetrarch
def parse_up_actors(text: str) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """(lemma, [(code, from, to), ...]) for each entry of actor_dict_ar_v4.txt."""
    entries: list[tuple[str, list]] = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        codes = re.findall(r"\[([^\]]*)\]", line)
        head = re.sub(r"\[[^\]]*\]", "", line).strip()
        if head and not raw[:1].isspace():
            entries.append((head, []))
        if not entries:
            continue
        for c in codes:
            parts = c.strip().split(None, 1)
            if not parts:
                continue
            code, rng = parts[0], (parts[1] if len(parts) > 1 else "")
            rng = rng.replace(" ", "")
            start = end = ""
            ds = _DATE.findall(rng)
            if rng.startswith(">") and ds:
                start = ds[0]
            elif rng.startswith("<") and ds:
                end = ds[0]
            elif len(ds) == 2:
                start, end = ds
                if end < start:  # UniversalPetrarch writes an open end as an earlier date (18000101)
                    end = ""
            entries[-1][1].append((code, _date(start), _date(end)))
    return entries


def split_code(code: str) -> tuple[Optional[str], list[str]]:
    """CAMEO code → (country name or None, [roles])."""
    code = code.strip().lstrip("~").rstrip("~")
    country = None
    if len(code) >= 3 and code[:3] in ISO3:
        country, code = ISO3[code[:3]], code[3:]
    elif code[:3] in ("IGO", "IMG", "NGO", "INT"):
        roles = [code[:3]] + [code[i:i + 3] for i in range(3, len(code), 3)]
        return None, roles
    return country, [code[i:i + 3] for i in range(0, len(code), 3) if len(code[i:i + 3]) == 3]


def up_records(up_dir: Path, common: set[str], stats: collections.Counter) -> list[Record]:
    from ..actors import romanise

    out: list[Record] = []
    text = (up_dir / "actor_dict_ar_v4.txt").read_text(encoding="utf-8")
    for lemma, codes in parse_up_actors(text):
        stats["up_entries"] += 1
        ws = words(lemma)
        if not ws or not all(_is_arabic(w) for w in ws):
            stats["drop_non_arabic"] += 1
            continue
        org = ws[0] in ORG_HEADS or (len(ws) >= 1 and ws[0].startswith("ال") and ws[0][2:] in ORG_HEADS)
        person = not org
        if len(ws) == 1:
            if person and not any(split_code(c)[1][:1] in (["REB"], ["IMG"], ["INS"]) for c, _, _ in codes):
                stats["drop_single_word_person_or_name"] += 1
                continue
            if ws[0] in common or len(ws[0]) < MIN_SINGLE_LEN:
                stats["drop_single_common_word"] += 1
                continue
        kept = False
        for n, (code, start, end) in enumerate(codes):
            country, roles = split_code(code)
            if not roles:
                stats["drop_code_without_role"] += 1
                continue
            role = roles[0]
            if role == "IGO":
                name, inter = romanise(" ".join(ws)), 8
                country = None
            elif role in ("OPP", "PTY"):
                if person and country:
                    name, inter = f"Civilians ({country})", 7
                else:
                    stats["drop_party_or_opposition_org"] += 1
                    continue
            elif role in ROLE_MAP:
                template, inter = ROLE_MAP[role]
                if template is None:
                    if person:
                        stats["drop_rebel_person"] += 1
                        continue
                    name = romanise(" ".join(ws))
                elif country is None:
                    stats["drop_generic_role_without_country"] += 1
                    continue
                else:
                    name = _fill(template, country)
            else:
                stats["drop_unmapped_role"] += 1
                continue
            r = Record(id=f"up:{'_'.join(ws)}" + (f"#{n}" if n else ""), name=name, inter=inter, country=country,
                       source="up", kind="PERSON" if person else "ORG", valid_from=start, valid_to=end,
                       name_ar=" ".join(ws), acled=f"CAMEO {code}")
            r.forms = lemma_forms(ws, person)
            out.append(r)
            kept = True
        stats["up_entries_kept" if kept else "up_entries_dropped"] += 1
    return out


def up_agent_records(up_dir: Path, common: set[str], stats: collections.Counter) -> list[Record]:
    """Generic UniversalPetrarch agents (people only), one record per ACLED name template."""
    by_name: dict[str, Record] = {}
    for raw in (up_dir / "agents.all.ar_v3.txt").read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        m = re.match(r"^(\S+)\s*\[([^\]]*)\]", line)
        if not m:
            continue
        stats["up_agents"] += 1
        ws = words(m.group(1))
        _, roles = split_code(m.group(2).split()[0] if m.group(2).split() else "")
        role = roles[0] if roles else ""
        if not ws or not all(_is_arabic(w) for w in ws):
            stats["drop_agent_non_arabic"] += 1
            continue
        if ws[0] in INSTITUTIONS or indefinite(ws[0]) in INSTITUTIONS:
            stats["drop_agent_institution_or_thing"] += 1
            continue
        if role == "OPP" and not (set(ws) & PROTEST_WORDS):
            stats["drop_agent_opposition_not_protest"] += 1
            continue
        if role == "OPP":
            template, inter = "Protesters ({country})", 6
        elif role in AGENT_ROLE_MAP:
            template, inter = AGENT_ROLE_MAP[role]
        else:
            stats["drop_agent_unmapped_role"] += 1
            continue
        if len(ws) == 1 and (ws[0] in common or len(ws[0]) < MIN_SINGLE_LEN):
            stats["drop_agent_single_common_word"] += 1
            continue
        r = by_name.setdefault(template, Record(id=f"up-agent:{_slug(template.split('{')[0])}", name=template,
                                                inter=inter, country="{country}", source="up-agent",
                                                kind="AGENT", acled="CAMEO agents"))
        for f in lemma_forms(ws, person=False) | _plurals(ws):
            r.forms.add(f)
        stats["up_agents_kept"] += 1
    for r in by_name.values():
        r.name_ar = " ".join(sorted(r.forms)[0])
    return list(by_name.values())


def _plurals(ws: tuple[str, ...]) -> set[tuple[str, ...]]:
    """Sound plurals of a one-word agent (participles م..., nisba ...ي): مسلح → مسلحين/مسلحون."""
    if len(ws) != 1:
        return set()
    w = ws[0]
    out = set()
    if (w.startswith("م") and len(w) >= 4) or (w.endswith("ي") and len(w) >= 4):
        for suf in ("ين", "ون"):
            out.add((w + suf,))
            out.add((definite(w + suf),))
    return out


def common_words(corpus_dir: Path, top: int = COMMON_TOP) -> tuple[set[str], int]:
    """The ``top`` commonest normalised words of the news corpus (and how many articles were read)."""
    counts: collections.Counter = collections.Counter()
    n = 0
    token = re.compile(r"[\u0621-\u064a]+")
    for z in sorted(corpus_dir.glob("*.zip")):
        with zipfile.ZipFile(z) as zf:
            for name in sorted(zf.namelist()):
                if not name.endswith(".json"):
                    continue
                with zf.open(name) as f:
                    for art in json.load(io.TextIOWrapper(f, encoding="utf-8")):
                        n += 1
                        counts.update(token.findall(normalize_for_matching(art.get("content") or "")))
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    return {w for w, _ in ranked}, n


# --------------------------------------------------------------------------- compile
def compile_records(up_dir: Optional[Path], corpus_dir: Optional[Path]) -> tuple[list[Record], dict]:
    stats: collections.Counter = collections.Counter()
    common: set[str] = set()
    info: dict = {"corpus_articles": 0}
    if corpus_dir and corpus_dir.exists():
        common, info["corpus_articles"] = common_words(corpus_dir)
    records = curated_records() + agent_records()
    if up_dir and (up_dir / "actor_dict_ar_v4.txt").exists():
        records += up_records(up_dir, common, stats)
        records += up_agent_records(up_dir, common, stats)
    stats["up_forms_overridden"] += drop_overridden(records)
    records = [r for r in records if r.forms]
    records.sort(key=lambda r: (PRIORITY[r.source], r.id))
    seen: collections.Counter = collections.Counter()
    for r in records:  # ids unique
        seen[r.id] += 1
        if seen[r.id] > 1:
            r.id = f"{r.id}#{seen[r.id]}"
    info["stats"] = dict(sorted(stats.items()))
    return records, info


def drop_overridden(records: list[Record]) -> int:
    """Curated (then national, agents) forms override UniversalPetrarch: a form owned by a better
    source is removed from the worse ones, unless the better record is limited to some countries
    (only_in): elsewhere the worse one still links (الانفصاليين outside Ukraine). Returns how many
    forms were removed."""
    owner: dict[tuple[str, ...], int] = {}
    for r in records:
        for f in r.forms if not r.only_in else ():
            owner[f] = min(owner.get(f, 99), PRIORITY[r.source])
    removed = 0
    for r in records:
        p = PRIORITY[r.source]
        if p >= PRIORITY["up"]:
            before = len(r.forms)
            r.forms = {f for f in r.forms if owner.get(f, 99) >= p}
            removed += before - len(r.forms)
    return removed


def write_tsv(records: list[Record], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writeheader()
        for r in records:
            w.writerow(r.row())


def summary(records: list[Record], info: dict) -> dict:
    by_source = collections.Counter(r.source for r in records)
    forms_by_source = collections.Counter()
    for r in records:
        forms_by_source[r.source] += len(r.forms)
    by_inter = collections.Counter(r.inter for r in records)
    return {"records": len(records), "forms": sum(len(r.forms) for r in records),
            "records_by_source": dict(sorted(by_source.items())),
            "forms_by_source": dict(sorted(forms_by_source.items())),
            "records_by_inter": dict(sorted(by_inter.items())), **info}


def main(argv: Optional[Iterable[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m conflict_events.build.actors", description=__doc__.split("\n")[0])
    ap.add_argument("--up", type=Path, default=shared_data_dir() / "universalpetrarch")
    ap.add_argument("--corpus", type=Path, default=shared_data_dir() / "corpora" / "saudinewsnet")
    ap.add_argument("--out", type=Path, default=models_dir() / "actors")
    ap.add_argument("--no-card", action="store_true", help="do not rewrite MODEL_CARD.md's generated block")
    args = ap.parse_args(list(argv) if argv is not None else None)
    records, info = compile_records(args.up, args.corpus)
    write_tsv(records, args.out / TSV_NAME)
    s = summary(records, info)
    (args.out / "build_stats.json").write_text(json.dumps(s, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                              encoding="utf-8")
    print(json.dumps(s, ensure_ascii=False, indent=1, sort_keys=True))
    size = (args.out / TSV_NAME).stat().st_size
    print(f"wrote {args.out / TSV_NAME} ({size / 1e6:.2f} MB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
