"""The table writer: rows leave through its own thread, in order, and a failed write there is
raised by the caller's next call."""

from __future__ import annotations

import errno

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
