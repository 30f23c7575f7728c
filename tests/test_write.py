"""The table writer: rows leave through its own thread, in order, and a failed write there is
raised by the caller's next call."""

from __future__ import annotations

import errno
import json
import subprocess
import sys

import pandas as pd
import pytest

import extractor.run.write as write
from extractor.run.write import OutputError, TableWriter


def _error(i: int) -> dict:
    return {"source": f"p{i}.html", "stage": "read", "error": "empty", "message": f"-{i} starts like a formula"}


def test_rows_added_in_many_batches_are_written_in_order(tmp_path, monkeypatch):
    monkeypatch.setitem(write.FLUSH_ROWS, "errors", 2)
    writer = TableWriter(tmp_path, "csv")
    for i in range(7):
        writer.add("errors", [_error(i)])
    paths = writer.commit()
    df = pd.read_csv(paths["errors"], encoding="utf-8-sig", dtype=str)
    assert df.source.tolist() == [f"p{i}.html" for i in range(7)]
    assert df.message.tolist() == [f"'-{i} starts like a formula" for i in range(7)]
    assert paths["claims"].read_bytes().startswith("\ufeffdoc_id,source,".encode())  # an empty table keeps its header
    assert not list(tmp_path.glob(".*.tmp"))


class _FullDisk:
    def write(self, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    def close(self):
        pass


def test_a_failed_write_on_the_writer_thread_is_raised_by_the_next_call(tmp_path, monkeypatch):
    monkeypatch.setitem(write.FLUSH_ROWS, "errors", 1)
    (tmp_path / "errors.csv").write_text("earlier run\n", encoding="utf-8")
    writer = TableWriter(tmp_path, "csv")
    writer._files["errors"].close()
    writer._files["errors"] = _FullDisk()
    writer.add("errors", [_error(0)])
    with pytest.raises(OutputError) as info:
        writer.commit()
    assert info.value.reason == "No space left on device" and info.value.path.endswith(".tmp")
    writer.abort()
    assert (tmp_path / "errors.csv").read_text(encoding="utf-8") == "earlier run\n"
    assert not list(tmp_path.glob(".*.tmp"))


#: Claim rows with the cells that differ between writers: a missing high end (NaN), floats that
#: print in exponent form, a formula-like text, a text with a comma, a quote and a line break, flags.
_CLAIMS = [
    {"doc_id": "d1", "source": "a.html", "start": 3, "end": 9, "text": "-3万元", "value": -30000.0,
     "high": float("nan"), "approx": False, "context": '他说"增长,\n8%"', "subject": "＝资金"},
    {"doc_id": "d2", "source": "b.html", "start": 0, "end": 4, "text": "1e20", "value": 1e20, "high": 2.5e-07,
     "approx": True, "context": "", "subject": "@人"},
]  # fmt: skip


def _full(row: dict) -> dict:
    from extractor.run.table import CLAIM_COLUMNS

    blank = {"string": "", "int64": 0, "float64": 0.5, "bool": False}
    return {column: row.get(column, blank[dtype]) for column, dtype in CLAIM_COLUMNS.items()}


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_csv_and_jsonl_are_written_as_pandas_writes_the_table(tmp_path, fmt):
    """The standard-library writer gives the bytes that pandas' ``to_csv`` and ``to_dict`` gave,
    cell for cell (missing columns, NaN, exponent floats, neutralised formulas, quoting)."""
    from extractor.run.table import CLAIM_COLUMNS, frame

    rows = [_full(row) for row in _CLAIMS]
    writer = TableWriter(tmp_path, fmt)
    writer.add("claims", rows)
    written = writer.commit()["claims"].read_bytes()
    df = frame(rows, CLAIM_COLUMNS)
    if fmt == "csv":
        for column, dtype in CLAIM_COLUMNS.items():
            if dtype == "string":
                df[column] = df[column].map(write.neutralize, na_action="ignore")
        expected = "\ufeff" + df.to_csv(index=False, lineterminator="\r\n")
    else:
        records = df.astype(object).where(df.notna(), None).to_dict(orient="records")
        expected = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    assert written.decode("utf-8") == expected
    assert b"-3" in written and b"1e+20" in written and b"2.5e-07" in written


def test_csv_and_jsonl_runs_never_load_pandas(tmp_path):
    code = (
        "import sys\nfrom extractor.run.write import TableWriter\n"
        f"for fmt in ('csv', 'jsonl'):\n"
        f"    w = TableWriter({str(tmp_path)!r} + '/' + fmt, fmt)\n"
        "    w.add('errors', [{'source': 'x', 'stage': 'read', 'error': 'empty', 'message': 'm'}])\n"
        "    w.commit()\n"
        "print('pandas' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False"]
    assert (
        tmp_path / "csv" / "errors.csv"
    ).read_bytes() == "\ufeffsource,stage,error,message\r\nx,read,empty,m\r\n".encode()


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_read_tables_gives_an_empty_table_its_columns_in_the_run_format(tmp_path, fmt):
    import extractor

    writer = TableWriter(tmp_path, fmt)
    writer.add("documents", [])
    writer.commit()
    tables = extractor.read_tables(tmp_path)  # the format comes from datapackage.json
    assert list(tables.errors.columns) == ["source", "stage", "error", "message"]
    assert len(tables.errors) == 0
    assert str(tables.errors.dtypes["message"]) == "string"
    assert "value" in tables.claims.columns and str(tables.claims.dtypes["value"]) == "float64"


def test_read_tables_without_a_descriptor_reads_csv(tmp_path):
    import extractor

    TableWriter(tmp_path, "csv").commit()
    (tmp_path / "datapackage.json").unlink()
    assert list(extractor.read_tables(tmp_path).errors.columns) == ["source", "stage", "error", "message"]


def test_a_csv_cell_that_starts_with_an_apostrophe_comes_back_as_written(tmp_path):
    # a text that itself starts '= (a file name, a title) lost that apostrophe when read back, so
    # a body that started so put every claim's offsets one character off
    import extractor

    texts = ["'=odd.html", "''-3%", "'abc", "=SUM(A1)", "-3.8%", "plain"]
    writer = TableWriter(tmp_path, "csv")
    writer.add("errors", [{"source": t, "stage": "read", "error": "empty", "message": t} for t in texts])
    writer.commit()
    errors = extractor.read_tables(tmp_path).errors
    assert errors["source"].tolist() == texts and errors["message"].tolist() == texts
    raw = (tmp_path / "errors.csv").read_text(encoding="utf-8-sig").splitlines()
    assert raw[1].startswith("''=odd.html,") and raw[3].startswith("'abc,") and raw[4].startswith("'=SUM")
