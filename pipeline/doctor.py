"""`conflict-events doctor`: whether this install can extract events, and what it is made of.

It prints one line for each thing it checks: the versions of the package, Python and the
libraries it runs on; the models folder and each model in it with a SHA-256 of its files (two
installs with the same digests have the same models); the shared corpora (found or not: only
``train-ner`` and the build scripts read them); and a smoke extract, compared with the event it
must give. The smoke article is the seed article and its expected event in a clone
(data/samples/seed), else the article the package ships for this check (data/smoke_article.json,
written for the project). Exit 0 when every check passes; else 1, with one line on stderr that
names the first failure.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import platform
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from .resources import DATA_DIR, MODEL_FILES, MODELS_ENV, PACKAGE_DIR, ModelsNotFound, check_models, shared_data_dir

REQUIRED = ["torch", "stanza", "camel-tools", "pydantic", "pandas", "pyarrow", "PyYAML", "hijridate", "python-crfsuite"]
OPTIONAL = {"dask": "dask", "distributed": "dask", "geopandas": "geo", "gensim": "train"}  # package: extra
SEED = PACKAGE_DIR.parent / "data" / "samples" / "seed"
SEED_ARTICLE = SEED / "deir_ez_zor_liwa_al_baqir.json"
SMOKE_ARTICLE = DATA_DIR / "smoke_article.json"


@dataclass
class Check:
    """One line of the report: what was checked, whether it passed, what was found."""

    name: str
    ok: bool
    detail: str

    def line(self) -> str:
        return f"{self.name}: {self.detail}" if self.ok else f"{self.name}: FAILED: {self.detail}"


def version_of(name: str) -> Optional[str]:
    """An installed distribution's version, or None."""
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def check_versions() -> list[Check]:
    """The package, Python, the required libraries (each must be there) and the optional ones."""
    own = Check("conflict-events", True, f"{version_of('conflict-events') or '(not installed)'} at {PACKAGE_DIR}, "
                                         f"Python {platform.python_version()} ({sys.executable})")
    found = {name: version_of(name) for name in REQUIRED}
    missing = [name for name, v in found.items() if v is None]
    libs = Check("libraries", not missing, f"missing {', '.join(missing)} (reinstall conflict-events)" if missing
                 else ", ".join(f"{name} {v}" for name, v in found.items()))
    optional = ", ".join(f"{name} {version_of(name) or 'not installed'} ({extra} extra)"
                         for name, extra in OPTIONAL.items())
    return [own, libs, Check("optional", True, optional)]


def folder_digest(folder: Path) -> tuple[str, int, int]:
    """(SHA-256 over every file's relative path and bytes, in path order; number of files; bytes)."""
    digest, count, size = hashlib.sha256(), 0, 0
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
                size += len(block)
        count += 1
    return digest.hexdigest(), count, size


def check_models_folder() -> list[Check]:
    """The models folder and, for each model, its files and their digest; a failure when one is missing."""
    from .ner_model import find_model

    try:
        root = check_models()
        profiles = {name: find_model(name) for name in ("fast", "accurate")}
    except (ModelsNotFound, ValueError) as e:
        return [Check("models", False, str(e))]
    source = f"from {MODELS_ENV}" if os.environ.get(MODELS_ENV) else "the package's own"
    checks = [Check("models", True, f"{root} ({source})")]
    for name in MODEL_FILES:
        sha, count, size = folder_digest(root / name)
        checks.append(Check(f"  {name}", True, f"{count} files, {size / 1e6:.1f} MB, sha256 {sha}"))
    checks.append(Check("  ner profiles", True, ", ".join(f"{k} = {_relative(v, root)}" for k, v in profiles.items())))
    return checks


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def check_shared() -> Check:
    """Where the shared corpora are looked for, and whether they are there (never a failure)."""
    folder = shared_data_dir()
    found = "found" if folder.is_dir() else "not found"
    return Check("shared data", True, f"{folder} {found} (only train-ner and the build scripts read it; extract never does)")


def smoke_case() -> tuple[dict, list[dict], str]:
    """(article, the events it must give, where they come from): the seed in a clone, else the shipped one."""
    if SEED_ARTICLE.is_file() and (SEED / "expected.json").is_file():
        expected = json.loads((SEED / "expected.json").read_text(encoding="utf-8"))["events"]
        return json.loads(SEED_ARTICLE.read_text(encoding="utf-8")), expected, f"the seed article ({SEED_ARTICLE})"
    case = json.loads(SMOKE_ARTICLE.read_text(encoding="utf-8"))
    return case["article"], case["events"], f"the smoke article ({SMOKE_ARTICLE})"


def check_smoke() -> Check:
    """Extract the smoke article and compare its events with the expected ones, field by field."""
    from .core import Pipeline

    article, expected, where = smoke_case()
    start = time.perf_counter()
    try:
        rows = [e.to_acled_row() for e in Pipeline().extract(article)]
    except Exception as e:  # any failure of the pipeline is what this check is for
        return Check("smoke extract", False, f"{where}: {type(e).__name__}: {' '.join(str(e).split())[:200]}")
    seconds = time.perf_counter() - start
    got = [{k: r.get(k) for k in exp} for r, exp in zip(rows, expected)]
    if len(rows) != len(expected) or got != expected:
        return Check("smoke extract", False, f"{where} gave {len(rows)} events, expected {len(expected)}: "
                                             f"{_describe(rows[0]) if rows else 'none'}")
    return Check("smoke extract", True, f"{where}: {'; '.join(map(_describe, rows))}: as expected ({seconds:.1f} s)")


def _describe(row: dict) -> str:
    """An event row in a few words."""
    actors = " vs ".join(a for a in (row.get("actor1"), row.get("actor2")) if a)
    place = ", ".join(p for p in (row.get("location"), row.get("admin1"), row.get("country")) if p)
    return (f"{row.get('event_date')} {row.get('event_type')} / {row.get('sub_event_type')}, {actors}, {place}, "
            f"{row.get('fatalities')} fatalities")


def run(out=None, err=None) -> int:
    """Run every check, printing each; 0 when all pass, else 1 with the first failure on ``err``."""
    out, err = out or sys.stdout, err or sys.stderr
    checks: list[Check] = []
    for step in (check_versions, check_models_folder, lambda: [check_shared()]):
        for c in step():
            print(c.line(), file=out, flush=True)
            checks.append(c)
    failed = [c for c in checks if not c.ok]
    if not failed:  # the smoke extract needs the models and libraries checked above
        smoke = check_smoke()
        print(smoke.line(), file=out)
        failed = [] if smoke.ok else [smoke]
    if failed:
        print(f"conflict-events doctor: unhealthy: {failed[0].name.strip()}: {failed[0].detail}", file=err)
        return 1
    print("healthy: every check passed", file=out)
    return 0
