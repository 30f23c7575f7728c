"""Stage 7 — the only module that touches output files.

Tables are streamed: rows are appended to temporary files in the output directory as pages
finish, and the temporary files replace ``claims.EXT``, ``documents.EXT`` and ``errors.EXT`` only
when the run is committed, each with an atomic rename. A run that crashes or is interrupted leaves
the previous outputs as they were.

CSV is UTF-8 with a byte-order mark (Excel then reads the Chinese correctly). A CSV text cell that
begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be run as a formula by a
spreadsheet; such cells get a leading apostrophe. Parquet and JSONL keep the exact text.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
from pathlib import Path
from typing import Any

import pandas as pd

from .table import CLAIM_COLUMNS, DOCUMENT_COLUMNS, ERROR_COLUMNS, Tables, frame

#: Output formats and their file suffix.
FORMATS: dict[str, str] = {"csv": "csv", "parquet": "parquet", "jsonl": "jsonl"}

#: Characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

#: Rows buffered per table before they are appended to disk: document rows carry whole article
#: bodies, so fewer of them are held.
FLUSH_ROWS: dict[str, int] = {"claims": 2000, "documents": 100, "errors": 500}

_TABLES = {"claims": CLAIM_COLUMNS, "documents": DOCUMENT_COLUMNS, "errors": ERROR_COLUMNS}
_NEUTRALIZED = r"^'(?=[=+\-@\t\r])"


def neutralize(value: Any) -> Any:
    """Prefix a formula-like text cell with an apostrophe (CSV only).

    >>> neutralize('=HYPERLINK("x")'), neutralize('-3.8%'), neutralize('增长8%'), neutralize(5)
    ('\\'=HYPERLINK("x")', "'-3.8%", '增长8%', 5)
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class TableWriter:
    """Streams rows of the three tables to temporary files; :meth:`commit` publishes them."""

    def __init__(self, out_dir: str | os.PathLike, fmt: str = "csv"):
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        self.out_dir = Path(out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.fmt = fmt
        self.counts = dict.fromkeys(_TABLES, 0)
        self._buffers: dict[str, list[dict]] = {name: [] for name in _TABLES}
        self._tmp = {name: self.out_dir / f".{name}.{FORMATS[fmt]}.{os.getpid()}.tmp" for name in _TABLES}
        self._parquet: dict[str, Any] = {}
        self._started = dict.fromkeys(_TABLES, False)
        self._closed = False

    def final_path(self, name: str) -> Path:
        return self.out_dir / f"{name}.{FORMATS[self.fmt]}"

    def add(self, name: str, rows: list[dict]) -> None:
        if not rows:
            return
        buf = self._buffers[name]
        buf.extend(rows)
        self.counts[name] += len(rows)
        if len(buf) >= FLUSH_ROWS[name]:
            self._flush(name)

    def _flush(self, name: str) -> None:
        rows = self._buffers[name]
        if not rows and self._started[name]:
            return
        df = frame(rows, _TABLES[name])
        self._buffers[name] = []
        path = self._tmp[name]
        if self.fmt == "csv":
            df = df.map(neutralize) if len(df) else df
            if not self._started[name]:
                df.to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\n")
            else:
                df.to_csv(path, index=False, header=False, mode="a", encoding="utf-8", lineterminator="\n")
        elif self.fmt == "jsonl":
            with open(path, "a" if self._started[name] else "w", encoding="utf-8") as fh:
                for record in df.to_dict(orient="records"):
                    fh.write(json.dumps(_plain(record), ensure_ascii=False) + "\n")
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq

            table = pa.Table.from_pandas(df, preserve_index=False)
            writer = self._parquet.get(name)
            if writer is None:
                writer = self._parquet[name] = pq.ParquetWriter(path, table.schema)
            writer.write_table(table)
        self._started[name] = True

    def commit(self) -> dict[str, Path]:
        """Flush everything and move the tables into place; return their paths."""
        for name in _TABLES:
            self._flush(name)
        for writer in self._parquet.values():
            writer.close()
        self._parquet.clear()
        paths = {}
        for name in _TABLES:
            final = self.final_path(name)
            os.replace(self._tmp[name], final)
            paths[name] = final
        self._closed = True
        return paths

    def abort(self) -> None:
        """Drop the temporary files; the previous outputs stay."""
        for writer in self._parquet.values():
            with contextlib.suppress(Exception):  # a half-written file may not close; it is deleted anyway
                writer.close()
        self._parquet.clear()
        for path in self._tmp.values():
            path.unlink(missing_ok=True)
        self._closed = True


def read_tables(out_dir: str | os.PathLike, fmt: str = "csv") -> Tables:
    """Read back the tables of a run (for the report); CSV cells lose the apostrophe that
    :func:`neutralize` put before a formula character."""
    out_dir = Path(out_dir)
    frames = {}
    for name, columns in _TABLES.items():
        path = out_dir / f"{name}.{FORMATS[fmt]}"
        if fmt == "parquet":
            df = pd.read_parquet(path)
        elif fmt == "jsonl":
            df = pd.read_json(path, lines=True, dtype=False) if path.stat().st_size else frame([], columns)
        else:
            text = {c: "string" for c, t in columns.items() if t == "string"}
            floats = {c: [""] for c, t in columns.items() if t == "float64"}
            df = pd.read_csv(path, encoding="utf-8-sig", dtype=text, keep_default_na=False, na_values=floats)
            for column in text:
                df[column] = df[column].str.replace(_NEUTRALIZED, "", n=1, regex=True)
        frames[name] = frame(df.to_dict(orient="records"), columns) if len(df) else frame([], columns)
    return Tables(**frames)


def write_text(path: str | os.PathLike, text: str) -> Path:
    """Write a text file atomically (temporary file, then rename)."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def _plain(record: dict) -> dict:
    out = {}
    for key, value in record.items():
        if isinstance(value, float) and math.isnan(value) or value is pd.NA:
            value = None
        out[key] = value
    return out
