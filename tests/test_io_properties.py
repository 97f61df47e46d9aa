"""Property tests: random Unicode, JSON shapes and bytes in; no crash, one record per line, output that parses."""
import gzip
import json
import os
import tempfile
import zlib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conflict_events.batch import run
from conflict_events.io import BOM, read_articles, read_rows
from conflict_events.ledger import done_ids
from conflict_events.writers import errors_path
from test_batch import ARTICLES

SURROGATES = st.sampled_from(["\ud800", "\udbff", "\udc00", "\udfff"])
WORDS = st.sampled_from(["قصفت", "قوات", "النظام", "مدينة", "حلب", "مقتل", "ثلاثة", "مدنيين", "في", "اشتباكات",
                         "بين", "الجيش", "والحوثيين", "تعز", "يوم", "الأحد", "أمس", "،", ".", "\n"])
NOISE = st.one_of(st.text(max_size=3), SURROGATES, st.sampled_from(["=", "-", "@", "\t", "\r", "\ufeff"]))
SENTENCES = st.sampled_from([a["text"] for a in ARTICLES])  # real reports, so that events come out too
ARABIC_TEXT = st.lists(st.one_of(*[WORDS] * 6, SENTENCES, NOISE), min_size=1, max_size=40).map(" ".join)
TEXT = st.one_of(st.text(max_size=40), ARABIC_TEXT)
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), TEXT, SURROGATES)
JSON = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                     st.dictionaries(st.text(max_size=4), inner, max_size=3)),
                    max_leaves=6)
IDS = st.one_of(TEXT, st.integers(), st.sampled_from(["dup", "in.jsonl:1", "=cmd", "-1"]))
REPORT = st.fixed_dictionaries(  # an article the pipeline codes, with odd ids and fields
    {"text": ARABIC_TEXT},
    optional={"id": IDS, "published": st.dates().map(str), "title": TEXT,
              "source": st.one_of(TEXT, st.sampled_from(["=1+1", "@x", "-1", "\ud800"]))})
ODD = st.fixed_dictionaries(  # any shape at all
    {}, optional={"id": st.one_of(IDS, JSON), "text": st.one_of(TEXT, JSON), "published": JSON, "title": JSON,
                  "source": JSON, "url": JSON})
ESCAPED = st.one_of(REPORT, REPORT, ODD).map(lambda a: json.dumps(a).encode())  # lone surrogates as JSON escapes
RAW = st.one_of(REPORT, ODD).map(lambda a: json.dumps(a, ensure_ascii=False).encode("utf-8", "surrogatepass"))
LINE = st.one_of(ESCAPED, ESCAPED, ESCAPED, RAW, JSON.map(lambda v: json.dumps(v).encode()),
                 st.binary(max_size=60).map(lambda b: b.replace(b"\n", b"")))


def records_expected(data: bytes) -> int:
    """The lines of a JSONL file that are records (blank ones are not; a leading BOM is no content)."""
    return sum(1 for n, raw in enumerate(data.split(b"\n")) if (raw[len(BOM):] if n == 0 and raw.startswith(BOM)
                                                                 else raw).strip())


@settings(max_examples=100, deadline=None)
@given(st.lists(LINE, max_size=8), st.booleans())
def test_the_jsonl_reader_gives_one_record_per_line_whatever_the_bytes(lines, bom):
    data = (BOM if bom else b"") + b"\n".join(lines)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        src.write_bytes(data)
        records = list(read_articles(src))
    assert len(records) == records_expected(data)
    for r in records:
        assert isinstance(r.id, str) and r.id
        assert (r.article is None) <= (r.error is not None)
        assert r.error is None or "\n" not in r.error


@settings(max_examples=60, deadline=None)
@given(st.lists(LINE, min_size=1, max_size=8), st.floats(0.05, 1.0))
def test_a_cut_gzip_gives_the_lines_before_the_cut_then_at_most_one_error(lines, keep):
    data = b"\n".join(lines) + b"\n"
    gz = gzip.compress(data)
    cut = gz[: max(1, int(len(gz) * keep))]
    readable = zlib.decompressobj(31).decompress(cut) if cut != gz else data
    complete = readable[: readable.rfind(b"\n") + 1]
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl.gz"
        src.write_bytes(cut)
        records = list(read_articles(src))
    whole = records_expected(complete)
    if cut == gz:
        assert len(records) == whole and not any("truncated" in (r.error or "") for r in records)
    else:
        assert len(records) == whole + 1 and "truncated or corrupt" in records[-1].error


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINE, min_size=1, max_size=5), st.sampled_from([".jsonl", ".csv", ".parquet", ".geojson"]))
def test_the_pipeline_accounts_for_every_line_once_and_writes_output_that_parses(lines, ext):
    data = b"\n".join(lines) + b"\n"
    with tempfile.TemporaryDirectory() as tmp, open(os.devnull, "w") as devnull:
        src, out = Path(tmp) / "in.jsonl", Path(tmp) / f"events{ext}"
        src.write_bytes(data)
        summary = run([src], out, workers=1, progress=False, log=devnull)
        ids = done_ids(out)
        errors = [json.loads(line) for line in open(errors_path(out), encoding="utf-8")]
        rows = read_rows(out)
    n = records_expected(data)
    assert summary.articles == n == len(ids) == len(set(ids))
    assert summary.errors == len(errors) and summary.events == len(rows)
    failed = [e["article_id"] for e in errors]
    assert set(failed) <= set(ids) and len(set(failed)) == len(failed)
    assert all(isinstance(e["error"], str) and e["error"] and "\n" not in e["error"] for e in errors)
    coded = set(ids) - set(failed)
    if ext == ".jsonl":  # only JSON holds a lone surrogate exactly; CSV and Parquet hold its escape
        assert {r["article_id"] for r in rows} <= coded
    else:
        assert len({r["article_id"] for r in rows}) <= len(coded)
