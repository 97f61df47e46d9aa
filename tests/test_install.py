"""Installed anywhere: the wheel's file list, models found inside the installed package or through
$CONFLICT_EVENTS_MODELS for every model, --ner-model DIR honoured, one line when no model is found.
(bench/install_check.sh builds the real wheel, installs it into a fresh venv and extracts from /tmp.)"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from fnmatch import fnmatch
from pathlib import Path

import pytest

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

from conflict_events.cli import main
from conflict_events.ner import Ner
from conflict_events.resources import MODEL_FILES, MODELS_ENV

REPO = Path(__file__).resolve().parents[1]
SETUPTOOLS = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
SEED = REPO / "data" / "samples" / "seed" / "deir_ez_zor_liwa_al_baqir.json"
SEED_EVENT = json.loads((SEED.parent / "expected.json").read_text(encoding="utf-8"))["events"][0]


def installed_layout(root: Path, models: bool) -> Path:
    """A site-packages folder laid out as the wheel installs the package (pyproject's package-dir);
    the models folder, when ``models``, is linked rather than copied (110 MB)."""
    site = root / "site"
    for package, folder in sorted(SETUPTOOLS["package-dir"].items()):
        target = site.joinpath(*package.split("."))
        if folder == "models":
            if models:
                target.symlink_to(REPO / folder, target_is_directory=True)
            continue
        shutil.copytree(REPO / folder, target, ignore=shutil.ignore_patterns("__pycache__"), dirs_exist_ok=True)
    return site


def run_cli(site: Path, cwd: Path, *args: str, models_env: str | None = None) -> subprocess.CompletedProcess:
    """`conflict-events ARGS` run from ``cwd`` with the package imported from ``site``."""
    env = {k: v for k, v in os.environ.items() if k != MODELS_ENV}
    env["PYTHONPATH"] = str(site)
    if models_env:
        env[MODELS_ENV] = models_env
    return subprocess.run([sys.executable, "-m", "conflict_events.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=240)


def models_without_ner(root: Path) -> Path:
    """A models folder holding the shipped gazetteer and actors but no NER model."""
    folder = root / "models"
    folder.mkdir()
    for name in ("gazetteer", "actors"):
        (folder / name).symlink_to(REPO / "models" / name, target_is_directory=True)
    return folder


def assert_seed_event(out: Path) -> None:
    """``out`` holds the seed article's one event, as data/samples/seed/expected.json codes it."""
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 1
    assert {k: rows[0][k] for k in SEED_EVENT} == SEED_EVENT


def test_every_model_file_ships_in_the_wheel():
    assert "conflict_events.models" in SETUPTOOLS["packages"]
    assert SETUPTOOLS["package-dir"]["conflict_events.models"] == "models"
    patterns = SETUPTOOLS["package-data"]["conflict_events.models"]
    files = [p.relative_to(REPO / "models").as_posix() for p in (REPO / "models").rglob("*")
             if p.is_file() and "__pycache__" not in p.parts and p.name != "__init__.py"]
    assert {f"{name}/{needed}" for name, needed in MODEL_FILES.items()} <= set(files)
    assert {f"{name}/MODEL_CARD.md" for name in MODEL_FILES} <= set(files)
    assert [f for f in files if not any(fnmatch(f, pat) and f.count("/") == pat.count("/") for pat in patterns)] == []


def test_every_data_file_of_the_package_ships_in_the_wheel():
    # rule data, the country outlines, the doctor's smoke article, the review page's template
    patterns = SETUPTOOLS["package-data"]["conflict_events"]
    files = [p.relative_to(REPO / "pipeline").as_posix() for p in (REPO / "pipeline").rglob("*")
             if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".py"]
    assert {"data/outlines.json", "data/smoke_article.json", "review_page/page.html", "review_page/page.js",
            "review_page/page.css"} <= set(files)
    assert [f for f in files if not any(fnmatch(f, pat) and f.count("/") == pat.count("/") for pat in patterns)] == []


def test_installed_package_doctor_is_healthy_with_its_own_smoke_article_and_says_when_models_are_gone(tmp_path):
    site = installed_layout(tmp_path, models=True)
    proc = run_cli(site, tmp_path, "doctor")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"models: {site / 'conflict_events' / 'models'} (the package's own)" in proc.stdout
    assert "smoke extract: the smoke article" in proc.stdout and "as expected" in proc.stdout
    assert proc.stdout.splitlines()[-1] == "healthy: every check passed"
    bare = installed_layout(tmp_path / "bare", models=False)
    proc = run_cli(bare, tmp_path, "doctor")
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("conflict-events doctor: unhealthy: models: no models found")


def test_installed_package_finds_its_models_from_any_directory(tmp_path):
    site = installed_layout(tmp_path, models=True)
    proc = run_cli(site, tmp_path, "extract", str(SEED), "-o", "events.jsonl", "--workers", "1", "--quiet")
    assert proc.returncode == 0, proc.stderr
    assert "warning" not in proc.stderr.lower() and "not found" not in proc.stderr
    assert_seed_event(tmp_path / "events.jsonl")


def test_installed_package_without_models_exits_2_saying_where_it_looked(tmp_path):
    site = installed_layout(tmp_path, models=False)
    proc = run_cli(site, tmp_path, "extract", str(SEED), "-o", "events.jsonl", "--workers", "1", "--quiet")
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr
    assert str(site / "conflict_events" / "models") in lines[0] and MODELS_ENV in lines[0]
    assert not (tmp_path / "events.jsonl").exists()


def test_models_env_naming_a_missing_folder_exits_2(tmp_path):
    site = installed_layout(tmp_path, models=False)
    proc = run_cli(site, tmp_path, "extract", str(SEED), "-o", "events.jsonl", models_env=str(tmp_path / "nope"))
    assert proc.returncode == 2
    assert proc.stderr.strip() == (f"conflict-events: {MODELS_ENV}={tmp_path / 'nope'}: no such folder (set "
                                   f"{MODELS_ENV} to a folder holding ner, gazetteer, actors, or unset it to use "
                                   "the models installed with the package)")


def test_models_env_without_ner_exits_2_naming_the_ner_model(tmp_path):
    folder = models_without_ner(tmp_path)
    site = installed_layout(tmp_path, models=True)  # the package's own models must not stand in
    proc = run_cli(site, tmp_path, "extract", str(SEED), "-o", "events.jsonl", models_env=str(folder))
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"conflict-events: no ner model in {folder}")
    assert str(folder / "ner" / "config.json") in lines[0]


def test_ner_model_directory_is_honoured_when_the_models_folder_has_no_ner(tmp_path):
    folder = models_without_ner(tmp_path)
    site = installed_layout(tmp_path, models=False)
    proc = run_cli(site, tmp_path, "extract", str(SEED), "-o", "events.jsonl", "--workers", "1", "--quiet",
                   "--ner-model", str(REPO / "models" / "ner" / "stanza"), models_env=str(folder))
    assert proc.returncode == 0, proc.stderr
    assert "warning" not in proc.stderr.lower() and "not found" not in proc.stderr
    assert_seed_event(tmp_path / "events.jsonl")


def test_models_env_applies_to_the_ner_model(tmp_path, monkeypatch):
    folder = models_without_ner(tmp_path)
    (folder / "ner").symlink_to(REPO / "models" / "ner" / "crf_w3", target_is_directory=True)  # a CRF, no profiles
    monkeypatch.setenv(MODELS_ENV, str(folder))
    tagger = Ner(model="fast").tagger
    assert tagger.path == (REPO / "models" / "ner" / "crf_w3").resolve()
    assert tagger.config["kind"] == "crf"


def test_ner_model_folder_without_a_model_exits_2_with_one_line(tmp_path, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["extract", str(SEED), "-o", str(tmp_path / "o.jsonl"), "--ner-model", str(empty)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"conflict-events: {empty}: no NER model in this folder (it has no config.json)"


def test_train_ner_lists_its_options(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["train-ner", "--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    for option in ("--quick", "--out", "--work", "--model {vote,bilstm,stanza,crf}", "--augment P", "--with-dev"):
        assert option in out


def test_train_ner_takes_its_options_and_writes_a_model(tmp_path, anercorp):
    out = tmp_path / "crf"
    assert main(["train-ner", "--quick", "--model", "crf", "--out", str(out), "--work", str(tmp_path / "work")]) == 0
    config = json.loads((out / "config.json").read_text(encoding="utf-8"))
    assert config["kind"] == "crf" and config["quick"] is True
    recorded = json.loads((tmp_path / "work" / "quick" / "results.jsonl").read_text(encoding="utf-8"))
    assert recorded["options"]["model"] == "crf" and recorded["options"]["out"] == str(out)


def test_train_ner_without_the_shared_corpora_exits_2_with_one_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CONFLICT_EVENTS_SHARED", str(tmp_path / "shared"))
    assert main(["train-ner", "--quick", "--out", str(tmp_path / "m"), "--work", str(tmp_path / "w")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert str(tmp_path / "shared" / "ner" / "anercorp_camellab" / "ANERCorp_CamelLab_train.txt") in err[0]
    assert "CONFLICT_EVENTS_SHARED" in err[0]
    assert not (tmp_path / "m").exists()


def test_train_ner_without_the_train_extra_exits_2_naming_it(tmp_path, anercorp):
    # a fresh interpreter in which gensim cannot be imported, as in an install without conflict-events[train]
    code = ("import sys; sys.modules['gensim'] = None; from conflict_events.cli import main; "
            f"sys.exit(main(['train-ner', '--quick', '--model', 'crf', '--out', {str(tmp_path / 'm')!r}, "
            f"'--work', {str(tmp_path / 'w')!r}]))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=240)
    assert proc.returncode == 2
    assert proc.stderr.strip() == "conflict-events: train-ner needs gensim: pip install 'conflict-events[train]'"


def test_training_data_follows_the_shared_folder_named_at_run_time(tmp_path, monkeypatch):
    from conftest import write_sample_anercorp

    from conflict_events.train import data

    monkeypatch.setenv("CONFLICT_EVENTS_SHARED", str(write_sample_anercorp(tmp_path)))
    train, dev, test = data.load(quick=True)
    assert (len(train), len(dev), len(test)) == (150, 40, 36)
    assert test[0][0][:3] == ["أعلنت", "وزارة", "الدفاع"] and test[0][1][:3] == ["O", "B-ORG", "I-ORG"]
