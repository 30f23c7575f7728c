"""The command line, through main(argv)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from conftest import ROOT, SAMPLES
from extractor.cli import main


@pytest.fixture()
def pages(tmp_path):
    folder = tmp_path / "pages"
    shutil.copytree(SAMPLES, folder)
    return folder


def read(out, name):
    return pd.read_csv(out / f"{name}.csv", encoding="utf-8-sig", keep_default_na=False)


def test_run_writes_three_tables_and_accounts_for_every_file(pages, tmp_path, capsys):
    (pages / "broken.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (pages / "empty.htm").write_bytes(b"")
    (pages / "notes.txt").write_text("not read: not a page suffix", encoding="utf-8")
    out = tmp_path / "out"
    assert main([str(pages), "--out", str(out), "--jobs", "2"]) == 0
    docs, errors, claims = read(out, "documents"), read(out, "errors"), read(out, "claims")
    sources = sorted(docs.source.tolist() + errors.source.tolist())
    expected = sorted(str(p) for p in pages.iterdir() if p.suffix in (".html", ".htm"))
    assert sources == expected
    assert set(errors.error) == {"binary", "empty"}
    assert all(errors.message.str.len() > 20)
    summary = capsys.readouterr().err
    assert f"{len(expected)} pages → {len(docs)} documents" in summary and "2 errors" in summary
    assert list(claims.columns[:16]) == [
        "doc_id",
        "source",
        "title",
        "published",
        "paragraph",
        "sentence",
        "start",
        "end",
        "text",
        "kind",
        "value",
        "unit",
        "currency",
        "approx",
        "qualifier",
        "subject",
    ]
    bodies = dict(zip(docs.doc_id, docs.body, strict=True))
    for row in claims.itertuples():
        text = row.text[1:] if row.text.startswith("'") else row.text
        assert bodies[row.doc_id][row.start : row.end] == text


def test_csv_has_a_byte_order_mark_and_neutralises_formulas(tmp_path):
    page = tmp_path / "p.html"
    page.write_text(
        '<html><body><p>=HYPERLINK("x")公式测试，股价下降了-3.8%，全年支出合计24.3亿元。</p></body></html>',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert main([str(page), "--out", str(out), "--quiet"]) == 0
    raw = (out / "claims.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    claims = read(out, "claims")
    assert "'-3.8%" in claims.text.tolist()
    docs = read(out, "documents")
    assert docs.body[0].startswith("'=HYPERLINK")


@pytest.mark.parametrize("fmt", ["parquet", "jsonl"])
def test_other_formats_keep_exact_text(pages, tmp_path, fmt):
    out = tmp_path / "out"
    assert main([str(pages), "--out", str(out), "--format", fmt, "--quiet", "--jobs", "1"]) == 0
    if fmt == "parquet":
        claims = pd.read_parquet(out / "claims.parquet")
        docs = pd.read_parquet(out / "documents.parquet")
    else:
        claims = pd.read_json(out / "claims.jsonl", lines=True, dtype=False)
        docs = pd.read_json(out / "documents.jsonl", lines=True, dtype=False)
        first = json.loads((out / "claims.jsonl").read_text(encoding="utf-8").splitlines()[0])
        assert "kind" in first and "value" in first
    assert len(docs) == len(list(pages.glob("*.html")))
    assert not any(str(t).startswith("'") for t in claims.text)
    assert (claims.kind == "amount").any()


def test_explicit_file_is_read_whatever_its_suffix(tmp_path):
    page = tmp_path / "saved page.txt"
    page.write_text(
        "以保障和改善民生为主线\n发布日期:2023-02-20\n累计发放医疗救助资金3753.57万元，救助困难群众2824人。",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert main([str(page), "--out", str(out), "-q"]) == 0
    assert len(read(out, "claims")) == 2


def test_strict_exits_1_when_a_page_failed(tmp_path):
    (tmp_path / "a.html").write_bytes(b"%PDF-1.4 binary")
    assert main([str(tmp_path / "a.html"), "--out", str(tmp_path / "o"), "-q"]) == 0
    assert main([str(tmp_path / "a.html"), "--out", str(tmp_path / "o"), "-q", "--strict"]) == 1


def test_missing_path_is_a_usage_error_naming_it(tmp_path, capsys):
    with pytest.raises(SystemExit) as info:
        main([str(tmp_path / "nope"), "--out", str(tmp_path / "o")])
    assert info.value.code == 2
    assert "nope" in capsys.readouterr().err


def test_bad_options_are_usage_errors(tmp_path):
    for argv in (["x", "--out", str(tmp_path), "--format", "xls"], ["x"], ["x", "--out", str(tmp_path), "--jobs", "0"]):
        with pytest.raises(SystemExit) as info:
            main(argv)
        assert info.value.code == 2


def test_help_describes_the_tables_and_exit_codes(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    text = capsys.readouterr().out
    for word in ("--out", "--format", "--jobs", "--strict", "--quiet", "exit status", "errors"):
        assert word in text


def test_failed_run_leaves_earlier_tables(pages, tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert main([str(pages), "--out", str(out), "-q", "-j", "1"]) == 0
    before = (out / "claims.csv").read_bytes()
    import extractor.run.batch as batch

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(batch, "run_local", boom)
    assert main([str(pages), "--out", str(out), "-q", "-j", "1"]) == 130
    assert (out / "claims.csv").read_bytes() == before
    assert not list(out.glob(".*.tmp"))


# --------------------------------------------------------------------------------------------
# safe outputs (issue 12, item 5)


def test_a_planted_symlink_never_redirects_a_write(pages, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    pid = os.getpid()
    for name in ("claims", "documents", "errors", "report"):
        suffix = "html" if name == "report" else "csv"
        (out / f".{name}.{suffix}.{pid}.tmp").symlink_to(victim)  # the names a run would pick
    (out / "errors.csv").symlink_to(victim)
    assert main([str(pages), "--out", str(out), "-q", "-j", "1", "--report"]) == 0
    assert victim.read_text(encoding="utf-8") == "keep me"
    for name in ("claims.csv", "documents.csv", "errors.csv", "report.html"):
        assert (out / name).is_file() and not (out / name).is_symlink(), name


def test_stale_temporary_files_of_a_killed_run_are_removed(pages, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = [out / f".claims.csv.{dead.pid}.tmp", out / f".documents.parquet.{dead.pid}.x1y2z3.tmp"]
    for path in stale:
        path.write_bytes(b"half a table")
    mine = out / f".claims.csv.{os.getpid()}.tmp"  # a live run's file is left alone
    mine.write_bytes(b"in use")
    keep = out / "notes.tmp"
    keep.write_bytes(b"not ours")
    assert main([str(pages / "data_table.html"), "--out", str(out), "-q", "-j", "1"]) == 0
    assert not any(p.exists() for p in stale)
    assert mine.exists() and keep.exists()


def test_csv_quotes_a_carriage_return_in_a_field(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    shutil.copy(SAMPLES / "data_table.html", folder / "a\rb.html")
    shutil.copy(SAMPLES / "data_table.html", folder / "c.html")
    out = tmp_path / "out"
    assert main([str(folder), "--out", str(out), "-q", "-j", "1"]) == 0
    docs = read(out, "documents")
    assert docs.source.tolist() == [str(folder / "a\rb.html"), str(folder / "c.html")]


@pytest.mark.parametrize("start", ["＝", "＋", "－", "＠", "﹦", "﹢", "﹣", "﹫"])
def test_full_width_formula_starts_are_neutralised(tmp_path, start):
    page = tmp_path / "p.html"
    page.write_text(
        f"<html><body><p>{start}SUM(A1)全年支出合计24.3亿元，救助困难群众2824人。</p></body></html>", encoding="utf-8"
    )
    out = tmp_path / "out"
    assert main([str(page), "--out", str(out), "-q"]) == 0
    assert read(out, "documents").body[0].startswith(f"'{start}SUM")
    from extractor.run.write import read_tables

    assert read_tables(out).documents.body[0].startswith(f"{start}SUM")


def test_every_wide_or_small_form_of_a_formula_start_is_neutralised():
    """The table holds each full-width and small form variant of = + - @ (those a spreadsheet folds
    to ASCII), found here from the Unicode data itself."""
    import unicodedata

    from extractor.run.write import FORMULA_STARTS, neutralize

    variants = {
        c
        for c in map(chr, range(sys.maxunicode + 1))
        if unicodedata.normalize("NFKC", c) in "=+-@"
        and unicodedata.decomposition(c).startswith(("<wide>", "<small>", "<narrow>"))
    }
    assert len(variants) == 8 and variants <= set(FORMULA_STARTS)
    assert all(neutralize(c + "1") == "'" + c + "1" for c in variants)


# --------------------------------------------------------------------------------------------
# rough edges a new user hits (issue 11, item 5)


def test_extract_with_jobs_from_a_script_without_a_main_guard(tmp_path):
    script = tmp_path / "no_guard.py"
    script.write_text(
        "import extractor\n"
        f"tables = extractor.extract([{str(SAMPLES)!r}], jobs=2)\n"
        "print(len(tables.documents), len(tables.errors), sorted(set(tables.errors.error)))\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=300, cwd=tmp_path, env=env
    )
    assert done.returncode == 0, done.stderr
    pages = len(list(SAMPLES.glob("*.html")))
    assert done.stdout.split("\n")[0] == f"{pages} 0 []"


def test_no_page_found_is_a_usage_error_naming_suffixes_and_skipped_files(tmp_path, capsys):
    folder = tmp_path / "saved"
    (folder / "sub").mkdir(parents=True)
    for name in ("a.txt", "b.txt", "sub/c.pdf", "README"):
        (folder / name).write_text("x", encoding="utf-8")
    code = main([str(folder), "--out", str(tmp_path / "out"), "-q"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "no page found" in err and ".html" in err and ".htm" in err
    assert "2 .txt" in err and "1 .pdf" in err and "1 without a suffix" in err
    assert not (tmp_path / "out" / "claims.csv").exists()


def test_a_bad_number_names_its_option(tmp_path, capsys):
    for argv, option in ((["-j", "abc"], "--jobs"), (["--max-bytes", "lots"], "--max-bytes")):
        with pytest.raises(SystemExit) as info:
            main([str(SAMPLES), "--out", str(tmp_path), *argv])
        assert info.value.code == 2
        err = capsys.readouterr().err
        assert option in err and "is not a whole number" in err and "_positive_int" not in err


def test_limits_out_of_range_are_refused_before_any_page(tmp_path, capsys):
    # an infinite or huge time limit, or a size over 1 TiB, once made every worker fail on every
    # page (setitimer and read refuse them) and the run still exit 0
    for argv, option, said in (
        (["--page-timeout", "inf"], "--page-timeout", "at most 86400"),
        (["--page-timeout", "nan"], "--page-timeout", "at most 86400"),
        (["--page-timeout", "1e12"], "--page-timeout", "at most 86400"),
        (["--max-bytes", "9223372036854775807"], "--max-bytes", "at most 1.0 TiB"),
        (["--max-bytes", "2000G"], "--max-bytes", "at most 1.0 TiB"),
    ):
        with pytest.raises(SystemExit) as info:
            main([str(SAMPLES), "--out", str(tmp_path / "out"), *argv])
        assert info.value.code == 2
        err = capsys.readouterr().err
        assert option in err and said in err
    assert not (tmp_path / "out").exists()


def test_help_shows_the_size_limit_readably(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "default: 50.0 MiB" in capsys.readouterr().out


def test_empty_cells_read_back_the_same_in_every_format(tmp_path):
    from extractor.run.write import read_tables

    read = {}
    for fmt in ("csv", "parquet", "jsonl"):
        assert main([str(SAMPLES), "--out", str(tmp_path / fmt), "-q", "-j", "1", "--format", fmt]) == 0
        read[fmt] = read_tables(tmp_path / fmt, fmt)
    for fmt in ("parquet", "jsonl"):
        for name in ("claims", "documents", "errors"):
            pd.testing.assert_frame_equal(getattr(read["csv"], name), getattr(read[fmt], name))
    claims = read["csv"].claims
    assert (claims["qualifier"] == "").any() and claims["qualifier"].notna().all()  # empty text: ""
    assert claims["high"].isna().any()  # a missing number: null
    raw = [json.loads(line) for line in (tmp_path / "jsonl" / "claims.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {r["high"] for r in raw if r["qualifier"] == ""} >= {None} and "" in {r["qualifier"] for r in raw}


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_an_empty_table_reads_back_in_pandas_with_its_columns(tmp_path, fmt):
    """No errors (a good page), and no documents or claims (a PNG named .html): each empty table
    reads back with its columns and types where the format can hold them — the CSV header row, the
    Parquet schema — and JSONL, which has no header, gets them from datapackage.json."""
    from extractor.run.table import CLAIM_COLUMNS, DOCUMENT_COLUMNS, ERROR_COLUMNS

    (tmp_path / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    runs = {"errors": SAMPLES / "data_table.html", "documents": tmp_path / "image.html"}
    columns = {"claims": CLAIM_COLUMNS, "documents": DOCUMENT_COLUMNS, "errors": ERROR_COLUMNS}
    for empty, page in runs.items():
        out = tmp_path / f"{empty}-{fmt}"
        assert main([str(page), "--out", str(out), "--format", fmt, "--quiet"]) == 0
        package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
        fields = {r["name"]: [f["name"] for f in r["schema"]["fields"]] for r in package["resources"]}
        for name in ["errors"] if empty == "errors" else ["documents", "claims"]:
            path = out / f"{name}.{fmt}"
            if fmt == "csv":
                df = pd.read_csv(path, encoding="utf-8-sig")
            elif fmt == "parquet":
                df = pd.read_parquet(path)
                assert {c: str(t) for c, t in df.dtypes.items()} == {
                    c: "string" if t == "string" else t for c, t in columns[name].items()
                }
            else:
                assert path.read_bytes() == b""
                assert list(pd.read_json(path, lines=True).columns) == []  # no line to carry them
                df = pd.read_json(path, lines=True).reindex(columns=fields[name])
            assert len(df) == 0 and list(df.columns) == list(columns[name]) == fields[name], (name, fmt)


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_a_descriptor_names_every_table_s_columns_even_an_empty_one(tmp_path, fmt):
    """datapackage.json beside the tables names each one's columns and types: an empty errors.jsonl
    has no line to carry them."""
    from extractor.run.table import CLAIM_COLUMNS, ERROR_COLUMNS

    out = tmp_path / "out"
    assert main([str(SAMPLES / "data_table.html"), "--out", str(out), "--format", fmt, "--quiet"]) == 0
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in package["resources"]}
    assert set(resources) == {"claims", "documents", "errors"}
    errors = resources["errors"]
    assert errors["path"] == f"errors.{fmt}" and (out / errors["path"]).is_file()
    assert errors["rows"] == 0
    assert [f["name"] for f in errors["schema"]["fields"]] == list(ERROR_COLUMNS)
    claims = resources["claims"]
    claims_fields = {f["name"]: f["type"] for f in claims["schema"]["fields"]}
    assert claims_fields["value"] == "number" and claims_fields["start"] == "integer"
    assert claims_fields["approx"] == "boolean" and list(claims_fields) == list(CLAIM_COLUMNS)
    from extractor.run.write import read_tables

    tables = read_tables(out, fmt)
    assert claims["rows"] == len(tables.claims) > 0 and resources["documents"]["rows"] == len(tables.documents) == 1
    if fmt == "jsonl":
        assert (out / "errors.jsonl").read_bytes() == b""
        empty = pd.DataFrame(columns=[f["name"] for f in errors["schema"]["fields"]])
        assert list(empty.columns) == ["source", "stage", "error", "message"]


def test_an_out_folder_inside_the_input_folder_is_not_read_as_pages(tmp_path, capsys):
    # the second run used to read the first run's report.html as a page
    shutil.copy(SAMPLES / "data_table.html", tmp_path / "a.html")
    out = tmp_path / "out"
    for _ in range(2):
        assert main([str(tmp_path), "--out", str(out), "--report", "-q"]) == 0
    documents = pd.read_csv(out / "documents.csv")
    assert documents["source"].tolist() == [str(tmp_path / "a.html")]
    assert (out / "report.html").exists()
