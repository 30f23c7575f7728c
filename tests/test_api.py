"""The library: extract(), extract_page(), find_claims(), find_numbers()."""

from __future__ import annotations

import pandas as pd
import pytest

import extractor
from conftest import SAMPLES
from extractor.run.table import CLAIM_COLUMNS, DOCUMENT_COLUMNS, ERROR_COLUMNS


def test_public_names():
    assert sorted(extractor.__all__) == [
        "ExtractError",
        "extract",
        "extract_page",
        "find_claims",
        "find_numbers",
        "read_tables",
    ]


def test_extract_returns_three_tables_with_contract_columns(tmp_path):
    (tmp_path / "bad.html").write_bytes(b"")
    tables = extractor.extract([SAMPLES, tmp_path / "bad.html"])
    assert list(tables.documents.columns) == list(DOCUMENT_COLUMNS)
    assert list(tables.claims.columns) == list(CLAIM_COLUMNS)
    assert list(tables.errors.columns) == list(ERROR_COLUMNS)
    assert tables.claims["value"].dtype == "float64"
    assert len(tables.documents) == len(list(SAMPLES.glob("*.html")))
    assert tables.errors.source.tolist() == [str(tmp_path / "bad.html")]
    assert set(tables.documents.status) == {"ok", "no_article"}


def test_extract_is_the_same_with_more_jobs():
    one = extractor.extract(SAMPLES, jobs=1)
    two = extractor.extract(SAMPLES, jobs=2)
    pd.testing.assert_frame_equal(one.claims, two.claims)
    pd.testing.assert_frame_equal(one.documents, two.documents)


def test_extract_page_is_pure_and_raises_for_bad_input():
    data = (SAMPLES / "data_table.html").read_bytes()
    a, b = extractor.extract_page(data, "x"), extractor.extract_page(data, "x")
    assert a == b
    with pytest.raises(extractor.ExtractError) as info:
        extractor.extract_page(b"\x89PNG\r\n\x1a\n....", "x.png")
    assert info.value.stage == "decode"


def test_extract_refuses_limits_out_of_range():
    for kwargs, said in (
        ({"page_timeout": float("inf")}, "page_timeout"),
        ({"page_timeout": float("nan")}, "page_timeout"),
        ({"page_timeout": 0}, "page_timeout"),
        ({"max_bytes": 2**63}, "max_bytes"),
        ({"max_bytes": 0}, "max_bytes"),
    ):
        with pytest.raises(ValueError, match=said):
            extractor.extract(SAMPLES, **kwargs)


def test_extract_with_one_job_stops_a_page_the_parser_is_stuck_on(tmp_path):
    # one element with 200,000 attributes keeps libxml2 busy in C for minutes (its duplicate
    # attribute check is quadratic), out of any alarm's reach: extract() runs its pages in a
    # worker process whose parent stops it, so the page is a timeout and the others are read
    attributes = b" ".join(b'a%d="x"' % i for i in range(200_000))
    (tmp_path / "stuck.html").write_bytes(b"<html><body><div " + attributes + b">x</div></body></html>")
    (tmp_path / "ok.html").write_bytes((SAMPLES / "data_table.html").read_bytes())
    tables = extractor.extract(tmp_path, jobs=1, page_timeout=1)
    assert tables.errors[["source", "error"]].values.tolist() == [[str(tmp_path / "stuck.html"), "timeout"]]
    assert tables.documents["source"].tolist() == [str(tmp_path / "ok.html")]


def test_extract_missing_path_raises():
    with pytest.raises(FileNotFoundError):
        extractor.extract(["/no/such/folder"])


def test_url_is_the_last_column_of_documents_and_claims_and_claims_carry_it(tmp_path):
    page = (
        "<!-- saved from url=(0036)https://example.com/art/2024/1.html -->"
        "<html><body><div><p>全市新建养老床位860张，入住老人2130人。</p></div></body></html>"
    )
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    tables = extractor.extract([tmp_path / "p.html"])
    assert list(DOCUMENT_COLUMNS)[-4:] == ["url", "warning", "duplicate_of", "revises"]
    assert list(CLAIM_COLUMNS)[-1] == "url"
    assert tables.documents.url.tolist() == ["https://example.com/art/2024/1.html"]
    assert len(tables.claims) == 2
    assert set(tables.claims.url) == {"https://example.com/art/2024/1.html"}


def test_a_page_cut_by_the_parser_says_so_in_the_documents_table(tmp_path):
    (tmp_path / "deep.html").write_bytes(("<p>开头一段，说明本页的情况。</p>" + "<table><tr><td>" * 3000).encode())
    (tmp_path / "ok.html").write_bytes("<p>全市新建养老床位860张，入住老人2130人。</p>".encode())
    docs = extractor.extract([tmp_path]).documents.set_index("source")
    assert list(DOCUMENT_COLUMNS)[-3] == "warning"
    assert docs.loc[str(tmp_path / "deep.html"), "warning"].startswith("The page nests its elements deeper")
    assert docs.loc[str(tmp_path / "ok.html"), "warning"] == ""


def test_license_metadata_is_an_spdx_string():
    # a license table makes setuptools (>= 77) print a page of deprecation warnings on every install
    import tomllib

    from conftest import ROOT

    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert meta["project"]["license"] == "MIT"
    assert "setuptools>=77" in meta["build-system"]["requires"]


def test_records_pickle_as_their_field_values_and_come_back_equal():
    # workers send records to the main process pickled; the state is the tuple of field values
    import dataclasses
    import pickle

    from extractor.records import Failure

    result = extractor.extract_page("<p>累计发放医疗救助资金3753.57万元，救助困难群众2824人。</p>".encode(), "a.html")
    claim = result.claims[0]
    assert claim.__getstate__() == tuple(getattr(claim, f.name) for f in dataclasses.fields(claim))
    assert pickle.loads(pickle.dumps(result)) == result
    failure = Failure(source="b.html", stage="load", error="empty", message="The file is empty.")
    assert pickle.loads(pickle.dumps(failure)) == failure
