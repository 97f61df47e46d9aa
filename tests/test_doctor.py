"""`conflict-events doctor`: what it checks on a healthy install (exit 0), and one line with exit 1 when
the models are moved away or the smoke extract does not give its event."""
import hashlib
import re

from conflict_events import doctor
from conflict_events.cli import main
from conflict_events.resources import MODELS_ENV, models_dir


def test_a_healthy_install_names_what_it_checked_and_exits_0(capsys):
    assert main(["doctor"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    lines = out.splitlines()
    assert lines[0].startswith("conflict-events: 0.1.0 at ") and "Python 3." in lines[0]
    assert re.search(r"^libraries: torch [\d.]+.*, stanza [\d.]+", out, re.M)
    assert re.search(r"^optional: .*geopandas [\d.]+ \(geo extra\)", out, re.M)
    assert f"models: {models_dir()} (the package's own)" in lines
    for name in ("ner", "gazetteer", "actors"):
        sha, count, size = doctor.folder_digest(models_dir() / name)
        assert f"  {name}: {count} files, {size / 1e6:.1f} MB, sha256 {sha}" in lines
    assert "  ner profiles: fast = ner/stanza, accurate = ner" in lines
    assert re.search(r"^shared data: \S+ (found|not found) \(only train-ner", out, re.M)
    assert re.search(r"^smoke extract: the seed article \(.*deir_ez_zor_liwa_al_baqir\.json\): 2018-04-08 Battles / "
                     r"Armed clash, Islamic State \(Syria\) vs Liwa al-Baqir, al-Mayadin, Deir ez-Zor, Syria, "
                     r"10 fatalities: as expected", out, re.M)
    assert lines[-1] == "healthy: every check passed"


def test_with_the_models_moved_away_it_exits_1_with_one_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(MODELS_ENV, str(tmp_path))  # an empty folder
    assert main(["doctor"]) == 1
    out, err = capsys.readouterr()
    assert err.count("\n") == 1
    assert err.startswith(f"conflict-events doctor: unhealthy: models: no ner model in {tmp_path} (from {MODELS_ENV})")
    assert "smoke extract" not in out and "healthy: every check passed" not in out


def test_a_smoke_extract_that_does_not_give_its_event_is_a_failure(monkeypatch, capsys):
    article, expected, where = doctor.smoke_case()
    monkeypatch.setattr(doctor, "smoke_case", lambda: (article, [dict(expected[0], fatalities=11)], where))
    assert main(["doctor"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unhealthy: smoke extract: the seed article" in err and "gave 1 events" in err


def test_without_the_samples_the_shipped_smoke_article_is_extracted(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(doctor, "SEED_ARTICLE", tmp_path / "absent.json")  # an installed wheel has no data/samples
    assert main(["doctor"]) == 0
    assert re.search(r"^smoke extract: the smoke article \(.*smoke_article\.json\): 2023-10-05 Explosions/Remote "
                     r"violence / Shelling/artillery/missile attack, .*Sarmin, Idlib, Syria, 4 fatalities: as expected",
                     capsys.readouterr().out, re.M)


def test_a_folder_digest_covers_every_file_name_and_byte(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.json").write_bytes(b"{}")
    (tmp_path / "sub" / "b.pt").write_bytes(b"\x00\x01")
    sha, count, size = doctor.folder_digest(tmp_path)
    assert (count, size) == (2, 4)
    assert sha == hashlib.sha256(b"a.json\0{}sub/b.pt\0\x00\x01").hexdigest()
    (tmp_path / "sub" / "b.pt").write_bytes(b"\x00\x02")
    assert doctor.folder_digest(tmp_path)[0] != sha
