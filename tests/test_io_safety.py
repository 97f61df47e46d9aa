"""Nothing the user has is destroyed, nothing read is lost: OUTPUT safety, ids, odd input, CSV cells."""
import csv
import gzip
import hashlib
import json
import subprocess
import sys
import time
import zlib

import pandas as pd
import pytest

from conflict_events.cli import main
from conflict_events.io import errors_path, read_articles, read_rows
from conflict_events.ledger import done_ids, done_path
from test_batch import ARTICLES, EVERY_ARTICLE, by_article, kill_when_done, write_jsonl

FORMATS = [".jsonl", ".csv", ".parquet", ".geojson"]


def extract(*args):
    return main(["extract", *map(str, args), "--workers", "1", "--quiet"])


def errors_of(out):
    return [json.loads(line) for line in open(errors_path(out), encoding="utf-8")]


def one_line(capsys):
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0, err
    return err


# --- OUTPUT safety -----------------------------------------------------------------------------

@pytest.mark.parametrize("with_done", [False, True])
def test_an_output_that_is_an_input_is_refused_and_the_input_kept(tmp_path, capsys, with_done):
    src = write_jsonl(tmp_path / "in.jsonl", ARTICLES)
    before = src.read_bytes()
    if with_done:  # a .done beside it, as a run on it would leave
        done_path(src).write_text("idlib-shelling\n", encoding="utf-8")
    for flags in ([], ["--force"], ["--fresh"]):
        assert extract(src, "-o", src, *flags) == 2
        assert "OUTPUT would overwrite the INPUT" in one_line(capsys)
        assert src.read_bytes() == before


def test_an_output_inside_an_input_folder_is_refused(tmp_path, capsys):
    folder = tmp_path / "articles"
    folder.mkdir()
    write_jsonl(folder / "a.jsonl", ARTICLES)
    assert extract(folder, "-o", folder / "events.jsonl") == 2
    assert "inside the INPUT folder" in one_line(capsys)
    assert [p.name for p in folder.iterdir()] == ["a.jsonl"]


@pytest.mark.parametrize("ext", FORMATS)
def test_an_existing_file_conflict_events_did_not_write_is_refused_unless_forced(tmp_path, capsys, ext):
    src = write_jsonl(tmp_path / "in.jsonl", ARTICLES)
    out = tmp_path / f"analysis{ext}"
    out.write_bytes(b"name,value\nmy,spreadsheet\n")
    assert extract(src, "-o", out) == 2
    err = one_line(capsys)
    assert "exists and was not written by conflict-events" in err and "--force" in err
    assert out.read_bytes() == b"name,value\nmy,spreadsheet\n"
    assert not done_path(out).exists() and not errors_path(out).exists()
    assert extract(src, "-o", out, "--force") == 0
    assert set(by_article(read_rows(out))) == {"idlib-shelling", "taiz-clash"}
    assert extract(src, "-o", out) == 0  # now it is ours: resumed, nothing left to do
    assert "0 articles" in capsys.readouterr().err


def test_fresh_also_overwrites_a_file_conflict_events_did_not_write(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", ARTICLES)
    out = tmp_path / "events.csv"
    out.write_text("someone's table\n", encoding="utf-8")
    assert extract(src, "-o", out, "--fresh") == 0
    assert set(by_article(read_rows(out))) == {"idlib-shelling", "taiz-clash"}


def test_a_second_run_on_the_same_output_exits_2_or_waits_its_turn(tmp_path):
    first = write_jsonl(tmp_path / "first.jsonl", [dict(ARTICLES[i % 3], id=f"f{i:03d}") for i in range(30)])
    second = write_jsonl(tmp_path / "second.jsonl", [dict(ARTICLES[i % 3], id=f"s{i:03d}") for i in range(30)])
    out = tmp_path / "events.jsonl"
    cli = [sys.executable, "-m", "conflict_events.cli", "extract", "-o", str(out), "--workers", "1", "--quiet"]
    a = subprocess.Popen(cli + [str(first)], stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while not (tmp_path / "events.jsonl.lock").exists() and time.time() < deadline:
        time.sleep(0.02)
    b = subprocess.run(cli + [str(second)], capture_output=True, text=True, timeout=60)
    assert b.returncode == 2
    assert b.stderr.count("\n") == 1 and "another conflict-events run" in b.stderr and "--wait" in b.stderr
    c = subprocess.run(cli + [str(second), "--wait"], capture_output=True, text=True, timeout=300)
    assert a.wait(timeout=300) == 0 and c.returncode == 0, (a.stderr.read(), c.stderr)
    ids = done_ids(out)
    assert len(ids) == len(set(ids)) == 60
    rows = by_article(read_rows(out))
    assert len(rows) == 40  # two of every three articles have an event, from both inputs
    assert not (tmp_path / "events.jsonl.lock").exists()


@pytest.mark.parametrize("ext", [".jsonl", ".csv", ".geojson"])
def test_what_a_killed_run_wrote_after_its_last_commit_is_dropped(tmp_path, ext):
    src = write_jsonl(tmp_path / "in.jsonl", ARTICLES + [{"id": "empty", "text": " "}])
    clean, out = tmp_path / f"clean{ext}", tmp_path / f"events{ext}"
    assert extract(src, "-o", clean) == 0
    assert extract(src, "-o", out) == 0
    with open(out, "a", encoding="utf-8") as f:  # a kill in the middle of the next article's writes
        f.write({".jsonl": '{"article_id": "late", "event_ty', ".csv": "XXX00000001,2023-",
                 ".geojson": ',\n{"type": "Feature", "id": "XXX0'}[ext])
    with open(errors_path(out), "a", encoding="utf-8") as f:
        f.write('{"article_id": "late", "err')
    with open(done_path(out), "a", encoding="utf-8") as f:
        f.write('{"ids": ["late"], "rows": 99')
    more = write_jsonl(tmp_path / "more.jsonl", [dict(ARTICLES[1], id="later")])
    assert extract(src, more, "-o", out) == 0
    assert extract(src, more, "-o", clean, "--fresh") == 0
    assert out.read_bytes() == clean.read_bytes()
    assert errors_of(out) == errors_of(clean) == [{"article_id": "empty", "error": "text is empty",
                                                   "input": "in.jsonl:4"}]
    assert done_ids(out) == done_ids(clean) == ["idlib-shelling", "taiz-clash", "weather", "empty", "later"]


def test_a_parquet_output_resumed_after_a_kill_has_every_row_once(tmp_path):
    arts = [dict(ARTICLES[i % 3], id=f"p{i:03d}") for i in range(40)]
    src = write_jsonl(tmp_path / "in.jsonl", arts)
    out = tmp_path / "events.parquet"
    cmd = [sys.executable, "-c", EVERY_ARTICLE, "extract", str(src), "-o", str(out), "--workers", "1", "--quiet"]
    before = kill_when_done(cmd, out, 8)
    assert 8 <= len(before) < 40 and not out.exists()
    assert len(list((tmp_path / "events.parquet.parts").glob("part-*.parquet"))) >= 5  # progress kept
    more = write_jsonl(tmp_path / "more.jsonl", [dict(ARTICLES[0], id="extra")])
    assert subprocess.run(cmd, capture_output=True).returncode == 0
    assert extract(src, more, "-o", out) == 0  # a finished Parquet OUTPUT, resumed with more input
    ids = done_ids(out)
    assert len(ids) == len(set(ids)) == 41 and not (tmp_path / "events.parquet.parts").exists()
    clean = tmp_path / "clean.parquet"
    assert extract(src, more, "-o", clean) == 0
    assert sorted(map(_row_key, read_rows(out))) == sorted(map(_row_key, read_rows(clean)))
    assert len(read_rows(out)) == 28  # two of every three articles have one event, and "extra"


def _row_key(row):
    return json.dumps(row, sort_keys=True, default=lambda v: v.tolist() if hasattr(v, "tolist") else str(v))


# --- ids ---------------------------------------------------------------------------------------

def test_an_article_without_an_id_is_file_and_line_in_rows_done_and_errors(tmp_path, capsys):
    text = [{k: v for k, v in a.items() if k != "id"} for a in ARTICLES[:2]]
    src = write_jsonl(tmp_path / "in.jsonl", text + [ARTICLES[2], {"text": ""}])
    out = tmp_path / "events.jsonl"
    assert extract(src, "-o", out) == 0
    rows = read_rows(out)
    assert sorted(by_article(rows)) == ["in.jsonl:1", "in.jsonl:2"]
    assert done_ids(out) == ["in.jsonl:1", "in.jsonl:2", "weather", "in.jsonl:4"]
    assert errors_of(out) == [{"article_id": "in.jsonl:4", "error": "text is empty", "input": "in.jsonl:4"}]
    capsys.readouterr()
    assert extract(src, "-o", out) == 0  # a re-run with nothing to do keeps every row
    assert "4 already done" in capsys.readouterr().err
    assert read_rows(out) == rows


def test_a_repeated_id_is_an_error_record_not_a_silent_merge(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [dict(ARTICLES[0], id=7), dict(ARTICLES[1], id="7"),
                                             dict(ARTICLES[1], id="taiz")])
    out = tmp_path / "events.jsonl"
    assert extract(src, "-o", out) == 0
    assert list(by_article(read_rows(out))) == ["7", "taiz"]
    assert by_article(read_rows(out))["7"][0][1] == "Shelling/artillery/missile attack"
    dup = {"article_id": "in.jsonl:2", "error": "duplicate id '7': an earlier article has the same id",
           "input": "in.jsonl:2"}
    assert errors_of(out) == [dup]
    assert extract(src, "-o", out) == 0  # the re-run reports it no second time
    assert errors_of(out) == [dup] and done_ids(out) == ["7", "in.jsonl:2", "taiz"]


def test_an_id_that_is_not_a_string_or_number_is_an_error(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [dict(ARTICLES[0], id=["a"]), dict(ARTICLES[1], id=True)])
    out = tmp_path / "events.jsonl"
    assert extract(src, "-o", out) == 0
    assert [e["error"] for e in errors_of(out)] == ["id is a list, not a string or a number",
                                                    "id is a bool, not a string or a number"]
    assert read_rows(out) == []


# --- odd input ---------------------------------------------------------------------------------

def test_a_utf8_bom_is_accepted_in_jsonl_and_csv(tmp_path):
    bom = b"\xef\xbb\xbf"
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_bytes(bom + write_jsonl(tmp_path / "x.jsonl", ARTICLES[:2]).read_bytes())
    csv_in = tmp_path / "b.csv"
    csv_in.write_bytes(bom + pd.DataFrame(ARTICLES[:2]).to_csv(index=False).encode("utf-8"))
    for src in (jsonl, csv_in):
        out = tmp_path / f"{src.stem}-events.jsonl"
        assert extract(src, "-o", out) == 0
        assert errors_of(out) == [], src
        assert set(by_article(read_rows(out))) == {"idlib-shelling", "taiz-clash"}


def test_a_json_file_with_a_bom_is_coded(tmp_path):
    src = tmp_path / "taiz.json"
    src.write_bytes(b"\xef\xbb\xbf" + json.dumps({"text": ARTICLES[1]["text"]}, ensure_ascii=False).encode())
    out = tmp_path / "events.jsonl"
    assert extract(src, "-o", out) == 0
    assert [e[:2] for e in by_article(read_rows(out))["taiz"]] == [("Battles", "Armed clash")]


def _gz_lines(tmp_path, n):
    arts = [dict(ARTICLES[i % 3], id=f"g{i:03d}", url="https://example.org/" + hashlib.sha256(bytes(i)).hexdigest())
            for i in range(n)]  # lines that do not compress to nothing, so a cut lands among them
    raw = write_jsonl(tmp_path / "plain.jsonl", arts).read_bytes()
    return arts, raw, gzip.compress(raw)


def test_a_truncated_gzip_gives_every_complete_article_before_the_cut_and_one_error(tmp_path, capsys):
    arts, raw, gz = _gz_lines(tmp_path, 30)
    src = tmp_path / "dump.jsonl.gz"
    src.write_bytes(gz[: len(gz) * 2 // 3])
    n_complete = zlib.decompressobj(31).decompress(src.read_bytes()).count(b"\n")  # lines before the cut
    assert 5 < n_complete < 30
    out = tmp_path / "events.jsonl"
    assert extract(src, "-o", out) == 0
    errors = errors_of(out)
    assert len(errors) == 1 and errors[0]["input"] == f"dump.jsonl.gz:{n_complete + 1}"
    assert "truncated or corrupt" in errors[0]["error"]
    assert done_ids(out)[:n_complete] == [a["id"] for a in arts[:n_complete]]
    assert len(done_ids(out)) == n_complete + 1
    assert f"{n_complete + 1} articles" in capsys.readouterr().err


def test_a_corrupt_gzip_and_a_file_that_is_no_gzip_are_one_error_each(tmp_path):
    arts, raw, gz = _gz_lines(tmp_path, 30)
    bad = bytearray(gz)
    for i in range(len(bad) // 2, len(bad) // 2 + 40):
        bad[i] ^= 0x5A
    (tmp_path / "corrupt.jsonl.gz").write_bytes(bytes(bad))
    (tmp_path / "plain.jsonl.gz").write_bytes(raw)
    for name in ("corrupt.jsonl.gz", "plain.jsonl.gz"):
        out = tmp_path / f"{name}.jsonl"
        assert extract(tmp_path / name, "-o", out) == 0
        errors = errors_of(out)
        assert len(errors) == 1 and "truncated or corrupt" in errors[0]["error"], errors
        n = int(errors[0]["input"].rsplit(":", 1)[1]) - 1
        assert done_ids(out)[:n] == [a["id"] for a in arts[:n]]


@pytest.mark.parametrize("content", [b"", b"PAR1 this is not parquet", b"PAR1"])
def test_an_empty_or_unreadable_parquet_input_exits_2_with_one_line(tmp_path, capsys, content):
    src = tmp_path / "dump.parquet"
    src.write_bytes(content)
    out = tmp_path / "events.jsonl"
    assert extract(src, "-o", out) == 2
    assert "dump.parquet: not a readable Parquet file" in one_line(capsys)
    assert not out.exists()


def test_a_bad_file_in_a_parquet_folder_is_one_error_and_the_others_are_read(tmp_path):
    folder = tmp_path / "dataset"
    folder.mkdir()
    pd.DataFrame(ARTICLES).to_parquet(folder / "part-0.parquet", index=False)
    (folder / "part-1.parquet").write_bytes(b"")
    out = tmp_path / "events.jsonl"
    assert extract(folder, "-o", out) == 0
    assert set(by_article(read_rows(out))) == {"idlib-shelling", "taiz-clash"}
    [err] = errors_of(out)
    assert err["input"] == "part-1.parquet" and "not a readable Parquet file" in err["error"]


def test_a_csv_article_longer_than_the_csv_modules_default_field_limit_is_read(tmp_path):
    long_text = " ".join([ARTICLES[1]["text"]] * 1500)  # 200,000 characters
    src = tmp_path / "in.csv"
    pd.DataFrame([{"id": "long", "text": long_text}, {"id": "next", "text": "قصف"}]).to_csv(src, index=False)
    default = csv.field_size_limit(131072)  # the csv module's own limit, whatever ran before
    try:
        records = list(read_articles(src))
    finally:
        csv.field_size_limit(default)
    assert [(r.id, r.error, len(r.article["text"])) for r in records] == [("long", None, len(long_text)),
                                                                        ("next", None, 3)]


# --- any string survives -----------------------------------------------------------------------

@pytest.mark.parametrize("ext", FORMATS)
def test_lone_surrogates_in_ids_and_fields_survive_every_output(tmp_path, ext):
    lines = [json.dumps(dict(ARTICLES[1], id="taiz\ud800", source="\udc00agency"), ensure_ascii=True),
             json.dumps({"id": "\udfff", "text": ""}, ensure_ascii=True)]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="ascii")
    out = tmp_path / f"events{ext}"
    assert extract(src, "-o", out) == 0
    assert errors_of(out) == [{"article_id": "\udfff", "error": "text is empty", "input": "in.jsonl:2"}]
    assert done_ids(out) == ["taiz\ud800", "\udfff"]
    [row] = read_rows(out)
    # JSON (.jsonl, .geojson) escapes the id: the very string comes back; CSV and Parquet cells hold
    # text, so the escape is six characters there, as in every other field (the pipeline holds valid Unicode only)
    assert row["article_id"] == ("taiz\ud800" if ext in (".jsonl", ".geojson") else "taiz\\ud800")
    assert row["source"] == "\\udc00agency"
    assert extract(src, "-o", out) == 0  # and the re-run reads its .done back
    assert len(read_rows(out)) == 1


# --- CSV formula injection ---------------------------------------------------------------------

DANGEROUS = ["=HYPERLINK(\"http://evil\",\"x\")", "+1+2", "-2+3", "@SUM(A1)", "\tcmd", "\r=1", "'quoted"]


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_escaped_and_read_back(tmp_path):
    arts = [dict(ARTICLES[1], id=d, source=d) for d in DANGEROUS]
    src = write_jsonl(tmp_path / "in.jsonl", arts)
    out = tmp_path / "events.csv"
    assert extract(src, "-o", out) == 0
    with open(out, encoding="utf-8", newline="") as f:
        cells = [c for row in csv.reader(f) for c in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")]
    assert not [c for c in cells if c.startswith("-") and not c[1:].replace(".", "").isdigit()]
    for d in DANGEROUS:
        assert "'" + d in cells
    rows = read_rows(out)
    assert sorted(r["article_id"] for r in rows) == sorted(DANGEROUS)
    assert all(r["source"] == r["article_id"] for r in rows)


def test_an_output_that_cannot_be_written_exits_2_with_one_line(tmp_path, capsys):
    src = write_jsonl(tmp_path / "in.jsonl", ARTICLES)
    (tmp_path / "report.txt").write_text("a file, not a folder", encoding="utf-8")
    assert extract(src, "-o", tmp_path / "report.txt" / "events.jsonl") == 2
    err = one_line(capsys)
    assert "events.jsonl: cannot write it (File exists: " in err and err.endswith("report.txt)")


def test_a_rerun_with_nothing_to_do_leaves_a_parquet_output_as_it_was(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", ARTICLES)
    out = tmp_path / "events.parquet"
    assert extract(src, "-o", out) == 0
    before = out.stat()
    assert extract(src, "-o", out) == 0
    after = out.stat()
    assert (after.st_ino, after.st_size, after.st_mtime_ns) == (before.st_ino, before.st_size, before.st_mtime_ns)
    assert set(by_article(read_rows(out))) == {"idlib-shelling", "taiz-clash"}
