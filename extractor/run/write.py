"""Stage 7 — the only module that touches output files.

Tables are streamed: rows are appended to temporary files in the output directory as pages
finish, and the temporary files replace ``claims.EXT``, ``documents.EXT`` and ``errors.EXT`` only
when the run is committed, each with an atomic rename. A run that crashes or is interrupted leaves
the previous outputs as they were. Just before the commit, :meth:`TableWriter.revise` may set cells
of some rows or leave rows out (the copies of one article found once every page is done): that
table's temporary file is read back and written again.

Rows are turned into table text on a writer thread of the process's own (see
:class:`TableWriter`), so the caller — the engine's loop that keeps the workers fed — never waits
for it; the thread's errors are raised by the caller's next call. CSV and JSONL rows are written
with the standard library, each cell typed by its column as a DataFrame of the table would hold it
(:func:`typed`), so that a run in those formats never loads pandas (half a second of its start);
Parquet is built with pandas and pyarrow.

Temporary files are created afresh (``O_EXCL | O_NOFOLLOW``, random names) in the output
directory, so a planted file or link never redirects a write; those of a killed run are removed
by the next run.

CSV is UTF-8 with a byte-order mark (Excel then reads the Chinese correctly), rows ending in CRLF.
A CSV text cell that begins with ``=``, ``+``, ``-``, ``@`` (or their full-width and small forms), a tab or a
carriage return would be run as a formula by a spreadsheet; such cells get a leading apostrophe.
Parquet and JSONL keep the exact text.
"""

from __future__ import annotations

import contextlib
import csv
import importlib
import io
import json
import os
import queue
import re
import tempfile
import threading
from pathlib import Path
from typing import Any

from .table import CLAIM_COLUMNS, DOCUMENT_COLUMNS, ERROR_COLUMNS, Tables, frame

#: Output formats and their file suffix.
FORMATS: dict[str, str] = {"csv": "csv", "parquet": "parquet", "jsonl": "jsonl"}

#: Characters that make a spreadsheet read a cell as a formula, with the width and size variants
#: that a spreadsheet folds to ASCII: the Unicode Halfwidth and Fullwidth Forms (U+FF0B, U+FF0D,
#: U+FF1D, U+FF20) and Small Form Variants (U+FE62, U+FE63, U+FE66, U+FE6B) of = + - @ (their
#: <wide> and <small> compatibility decompositions in UnicodeData.txt).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠", "﹦", "﹢", "﹣", "﹫")

#: CSV rows end in CRLF (RFC 4180): a field that holds a CR or LF is then always quoted, so a
#: carriage return in a file name cannot split a row.
CSV_LINE_END = "\r\n"

#: The longest CSV field read back when a table is revised (the csv module's limit is 128 KiB; a
#: body is as long as its page).
CSV_FIELD_LIMIT = 2**31 - 1

#: Rows buffered per table before they are appended to disk: document rows carry whole article
#: bodies, so fewer of them are held.
FLUSH_ROWS: dict[str, int] = {"claims": 2000, "documents": 100, "errors": 500}

#: Batches of rows a writer holds waiting for its thread; a caller that gets further ahead waits,
#: so memory stays bounded when the disk is slower than the pages.
WRITE_QUEUE = 4

#: The libraries each format's tables are built with. The writer thread imports them first
#: (pandas takes about half a second), so that the import overlaps the first pages instead of
#: delaying the first flush. CSV and JSONL need none.
LIBRARIES: dict[str, tuple[str, ...]] = {
    "csv": (),
    "jsonl": (),
    "parquet": ("pandas", "pyarrow", "pyarrow.parquet"),
}

_TABLES = {"claims": CLAIM_COLUMNS, "documents": DOCUMENT_COLUMNS, "errors": ERROR_COLUMNS}
# the apostrophe neutralize() adds: before a formula character, or before more apostrophes that
# stand before one (a text that itself starts '= gets one more, so that reading it back strips
# only the added one)
_NEUTRALIZED = "^'(?='*+[" + re.escape("".join(FORMULA_STARTS)) + "])"


def neutralize(value: Any) -> Any:
    """Prefix a formula-like text cell with an apostrophe (CSV only).

    >>> neutralize('=HYPERLINK("x")'), neutralize('-3.8%'), neutralize('增长8%'), neutralize(5)
    ('\\'=HYPERLINK("x")', "'-3.8%", '增长8%', 5)
    >>> neutralize("'=x"), neutralize("'abc")
    ("''=x", "'abc")
    """
    if isinstance(value, str) and (
        value.startswith(FORMULA_STARTS) or (value.startswith("'") and value.lstrip("'").startswith(FORMULA_STARTS))
    ):
        return "'" + value
    return value


def restore(value: str) -> str:
    """The text of a CSV cell before :func:`neutralize`.

    >>> restore(neutralize('-3.8%')), restore("'abc"), restore(neutralize("'=x"))
    ('-3.8%', "'abc", "'=x")
    """
    if not value.startswith("'"):  # most cells (every doc_id): nothing to undo
        return value
    return re.sub(_NEUTRALIZED, "", value, count=1)


class OutputError(Exception):
    """The output folder could not be written (a full disk, no permission, a file in the way).

    ``path`` is the folder or file concerned and ``reason`` the system's words for it.
    """

    def __init__(self, path: str | os.PathLike, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


@contextlib.contextmanager
def _writing(path: str | os.PathLike):
    """Turn the OSError of a write into an :class:`OutputError` naming ``path``."""
    try:
        yield
    except OSError as exc:
        raise OutputError(path, exc.strerror or str(exc)) from exc


def check_writable(out_dir: str | os.PathLike) -> None:
    """Create ``out_dir`` if needed and make sure a file can be created in it; raise
    :class:`OutputError` otherwise (before any page is processed)."""
    out_dir = Path(out_dir)
    with _writing(out_dir):
        out_dir.mkdir(parents=True, exist_ok=True)
        fh, tmp = temporary(out_dir, "probe")
        fh.close()
        tmp.unlink()


def temporary(out_dir: Path, final_name: str):
    """A new temporary file next to ``final_name`` in ``out_dir``: its binary file object and path.

    Created with :func:`tempfile.mkstemp` (``O_CREAT | O_EXCL | O_NOFOLLOW``, a random name), so a
    file or link planted in the folder can never redirect the write; the name carries our process
    id, so that the next run can tell a killed run's leftovers (:func:`remove_stale`). The mode is
    what an ordinary new file gets (0666 less the umask), since the file becomes the output.
    """
    fd, name = tempfile.mkstemp(prefix=f".{final_name}.{os.getpid()}.", suffix=".tmp", dir=out_dir)
    try:
        os.fchmod(fd, 0o666 & ~_umask())
        return os.fdopen(fd, "wb"), Path(name)
    except BaseException:
        os.close(fd)
        os.unlink(name)
        raise


def remove_stale(out_dir: str | os.PathLike) -> list[Path]:
    """Remove the temporary files that a killed run left in ``out_dir`` (those of a process that
    is no longer running); return them. Other files, and a running process's, are left alone."""
    removed = []
    try:
        entries = list(os.scandir(out_dir))
    except OSError:
        return removed
    for entry in entries:
        m = _STALE.match(entry.name)
        if m and int(m.group(1)) != os.getpid() and not _running(int(m.group(1))):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)  # a link is removed, never followed
                removed.append(Path(entry.path))
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, under another user
        return True
    return True


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


#: Names of our temporary files: ``.claims.csv.<pid>[.<random>].tmp`` (and documents, errors,
#: report.html); the older form without the random part is matched too.
_STALE = re.compile(
    r"^\.(?:claims|documents|errors|report)\.(?:csv|parquet|jsonl|html)\.([0-9]+)(?:\.[A-Za-z0-9_]+)?\.tmp$"
)


class TableWriter:
    """Streams rows of the three tables to temporary files; :meth:`commit` publishes them.

    :meth:`add` only buffers: a full buffer goes to the writer thread, which builds the table
    text and appends it, one batch after another in the order they were added. An error of the
    thread is raised (as :class:`OutputError`) by the next :meth:`add` or by :meth:`commit`.
    """

    def __init__(self, out_dir: str | os.PathLike, fmt: str = "csv"):
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        self.out_dir = Path(out_dir)
        with _writing(self.out_dir):
            self.out_dir.mkdir(parents=True, exist_ok=True)
        remove_stale(self.out_dir)
        self.fmt = fmt
        self.counts = dict.fromkeys(_TABLES, 0)
        self._buffers: dict[str, list[dict]] = {name: [] for name in _TABLES}
        self._files: dict[str, Any] = {}
        self._tmp: dict[str, Path] = {}
        try:
            with _writing(self.out_dir):
                for name in _TABLES:
                    self._files[name], self._tmp[name] = temporary(self.out_dir, self.final_path(name).name)
        except BaseException:
            self.abort()
            raise
        self._parquet: dict[str, Any] = {}
        self._started = dict.fromkeys(_TABLES, False)
        self._closed = False
        self._jobs: queue.Queue = queue.Queue(WRITE_QUEUE)
        self._failed: tuple[Path, BaseException] | None = None
        self._thread = threading.Thread(target=self._serve, name="table-writer", daemon=True)
        self._thread.start()

    def final_path(self, name: str) -> Path:
        return self.out_dir / f"{name}.{FORMATS[self.fmt]}"

    def add(self, name: str, rows: list[dict]) -> None:
        if not rows:
            return
        self._raise_failure()
        buf = self._buffers[name]
        buf.extend(rows)
        self.counts[name] += len(rows)
        if len(buf) >= FLUSH_ROWS[name]:
            self._buffers[name] = []
            self._jobs.put((name, buf))

    def _serve(self) -> None:
        """The writer thread: import the table libraries, then write batches until told to stop
        (``None``). After an error it only drains the queue, so that no caller waits on it."""
        _import_all(LIBRARIES[self.fmt])
        while True:
            job = self._jobs.get()
            if job is None:
                return
            if self._failed is not None:
                continue
            name, rows = job
            try:
                self._flush(name, rows)
            except BaseException as exc:  # noqa: BLE001 - raised by the caller, not lost with the thread
                self._failed = (self._tmp[name], exc)

    def _raise_failure(self) -> None:
        """Raise the writer thread's error: a failed write as :class:`OutputError`, anything else
        as it was."""
        if self._failed is not None:
            path, exc = self._failed
            if isinstance(exc, OSError):
                raise OutputError(path, exc.strerror or str(exc)) from exc
            raise exc

    def _stop_thread(self) -> None:
        thread = getattr(self, "_thread", None)
        if thread is not None and thread.is_alive():
            self._jobs.put(None)
            thread.join()

    def _flush(self, name: str, rows: list[dict]) -> None:
        if not rows and self._started[name]:
            return
        columns = _TABLES[name]
        fh = self._files[name]
        if self.fmt == "csv":
            out = io.StringIO()
            writer = csv.writer(out, lineterminator=CSV_LINE_END)
            if not self._started[name]:
                out.write("\ufeff")
                writer.writerow(columns)
            writer.writerows(_csv_cells(typed(row, columns), columns) for row in rows)
            fh.write(out.getvalue().encode("utf-8"))
        elif self.fmt == "jsonl":
            fh.write("".join(json.dumps(typed(r, columns), ensure_ascii=False) + "\n" for r in rows).encode())
        else:
            df = frame(rows, columns)
            import pyarrow as pa
            import pyarrow.parquet as pq

            table = pa.Table.from_pandas(df, preserve_index=False)
            writer = self._parquet.get(name)
            if writer is None:
                writer = self._parquet[name] = pq.ParquetWriter(fh, table.schema)
            writer.write_table(table)
        self._started[name] = True

    def revise(
        self, name: str, key: str, cells: dict[str, dict[str, Any]], drop: frozenset[str] | set[str] = frozenset()
    ) -> None:
        """After the last :meth:`add`, before :meth:`commit`: in table ``name``, set ``cells[k]``
        in the rows whose ``key`` column is ``k``, and leave out the rows whose ``key`` is in
        ``drop``. The writer thread finishes its work first.

        The table's temporary file is read back and written again to a new temporary file, row by
        row (every other row is kept exactly), and the old one removed; nothing else changes, and
        an interrupted run still leaves the previous outputs as they were.
        """
        if not cells and not drop:
            return
        self._drain()
        with _writing(self._tmp[name]):
            old_writer = self._parquet.pop(name, None)
            if old_writer is not None:
                old_writer.close()
            self._files[name].close()
            old = self._tmp[name]
            self._files[name], self._tmp[name] = temporary(self.out_dir, self.final_path(name).name)
            try:
                copy = {"csv": self._revise_csv, "jsonl": self._revise_jsonl, "parquet": self._revise_parquet}
                self.counts[name] -= copy[self.fmt](name, old, key, cells, drop)
            finally:
                old.unlink(missing_ok=True)
        self._started[name] = True

    def _revise_csv(self, name, old: Path, key, cells, drop) -> int:
        dropped = 0
        out = io.TextIOWrapper(self._files[name], encoding="utf-8", newline="")
        limit = csv.field_size_limit(CSV_FIELD_LIMIT)  # a body may be as long as a page
        try:
            with open(old, encoding="utf-8-sig", newline="") as fh:
                rows = csv.reader(fh)
                header = next(rows)
                at = header.index(key)
                writer = csv.writer(out, lineterminator=CSV_LINE_END)
                out.write("\ufeff")
                writer.writerow(header)
                for row in rows:
                    k = restore(row[at])
                    if k in drop:
                        dropped += 1
                        continue
                    for column, value in cells.get(k, {}).items():
                        row[header.index(column)] = str(neutralize(value))
                    writer.writerow(row)
        finally:
            csv.field_size_limit(limit)
        out.flush()
        out.detach()
        return dropped

    def _revise_jsonl(self, name, old: Path, key, cells, drop) -> int:
        dropped = 0
        fh = self._files[name]
        with open(old, "rb") as lines:
            for line in lines:
                row = json.loads(line)
                if row[key] in drop:
                    dropped += 1
                    continue
                if row[key] in cells:
                    row.update(cells[row[key]])
                    line = (json.dumps(row, ensure_ascii=False) + "\n").encode()
                fh.write(line)
        return dropped

    def _revise_parquet(self, name, old: Path, key, cells, drop) -> int:
        import pyarrow as pa
        import pyarrow.parquet as pq

        dropped = 0
        source = pq.ParquetFile(old)
        writer = self._parquet[name] = pq.ParquetWriter(self._files[name], source.schema_arrow)
        for group in range(source.num_row_groups):
            table = source.read_row_group(group)
            keys = table.column(key).to_pylist()
            keep = [k not in drop for k in keys]
            dropped += keep.count(False)
            for column in {c for k in keys if k in cells for c in cells[k]}:
                at = table.schema.get_field_index(column)
                values = [
                    cells[k][column] if column in cells.get(k, {}) else v
                    for k, v in zip(keys, table.column(at).to_pylist(), strict=True)
                ]
                table = table.set_column(at, table.schema.field(at), pa.array(values, type=table.schema.field(at).type))
            writer.write_table(table.filter(pa.array(keep)))
        source.close()
        return dropped

    def commit(self) -> dict[str, Path]:
        """Flush everything, make it durable, and move the tables into place; return their paths.

        Raises :class:`OutputError` when the disk is full or the folder cannot be written; then
        nothing has been replaced unless the error came between two renames.
        """
        self._drain()
        with _writing(self.out_dir):
            return self._commit()

    def _drain(self) -> None:
        """Write the rest of every table, and the header of an empty one: through the writer
        thread, which then stops, or here once it has stopped."""
        if self._thread.is_alive():
            for name in _TABLES:
                rows, self._buffers[name] = self._buffers[name], []
                self._jobs.put((name, rows))
            self._stop_thread()
        self._raise_failure()
        for name in _TABLES:
            rows, self._buffers[name] = self._buffers[name], []
            with _writing(self._tmp[name]):
                self._flush(name, rows)

    def _commit(self) -> dict[str, Path]:
        for writer in self._parquet.values():
            writer.close()
        self._parquet.clear()
        for fh in self._files.values():
            fh.flush()
            os.fsync(fh.fileno())
            fh.close()
        paths = {}
        for name in _TABLES:
            final = self.final_path(name)
            os.replace(self._tmp[name], final)  # replaces a link at ``final``, never follows it
            paths[name] = final
        paths["datapackage"] = _write_text(self.out_dir / DESCRIPTOR, descriptor(self.fmt, self.counts))
        self._closed = True
        return paths

    def abort(self) -> None:
        """Drop the temporary files; the previous outputs stay."""
        self._stop_thread()  # no batch or import left half done when the interpreter stops
        for writer in self._parquet.values():
            with contextlib.suppress(Exception):  # a half-written file may not close; it is deleted anyway
                writer.close()
        self._parquet.clear()
        for fh in self._files.values():
            with contextlib.suppress(OSError):
                fh.close()
        for path in self._tmp.values():
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
        self._closed = True


def typed(row: dict[str, Any], columns: dict[str, str]) -> dict[str, Any]:
    """The cells of ``row`` in the order of ``columns``, each as that column's dtype holds it in a
    DataFrame of the table (:func:`~extractor.run.table.frame`), with a missing value as None: text
    as ``str``, ``int64`` as ``int``, ``float64`` as ``float`` (NaN as None), ``bool`` as ``bool``.

    >>> typed({"value": float("nan"), "start": 3, "text": 5}, {"text": "string", "start": "int64", "value": "float64"})
    {'text': '5', 'start': 3, 'value': None}
    """
    out: dict[str, Any] = {}
    for column, dtype in columns.items():
        value = row.get(column)
        if value is None or value != value:  # None or NaN
            out[column] = None
        elif dtype == "string":
            out[column] = value if value.__class__ is str else str(value)
        else:
            out[column] = _CONVERT[dtype](value)
    return out


_CONVERT = {"int64": int, "float64": float, "bool": bool}


def _csv_cells(row: dict[str, Any], columns: dict[str, str]) -> list[Any]:
    """A typed row's CSV cells as pandas writes them: a missing value empty, a float as its
    shortest round-trip form (``repr``), text through :func:`neutralize` (numbers and flags are
    never formulas)."""
    cells: list[Any] = []
    for column, dtype in columns.items():
        value = row[column]
        if value is None:
            cells.append("")
        elif dtype == "string":
            cells.append(neutralize(value))
        elif dtype == "float64":
            cells.append(repr(value))
        else:
            cells.append(value)
    return cells


def _import_all(names: tuple[str, ...]) -> None:
    for name in names:
        with contextlib.suppress(ImportError):  # a missing library is reported where it is used
            importlib.import_module(name)


#: The file beside the tables that names each table's columns and their types, in every format:
#: a Frictionless Data Package descriptor (https://specs.frictionlessdata.io/data-package/), so
#: that a table with no rows (an empty errors.jsonl holds no line to carry them) still has its
#: columns, and a reader of the CSV knows which cells are numbers.
DESCRIPTOR = "datapackage.json"

#: Table Schema field types of the tables' pandas dtypes.
FIELD_TYPES = {"string": "string", "int64": "integer", "float64": "number", "bool": "boolean"}

#: Media types of the formats.
MEDIA_TYPES = {"csv": "text/csv", "jsonl": "application/jsonl", "parquet": "application/vnd.apache.parquet"}


def descriptor(fmt: str, counts: dict[str, int] | None = None) -> str:
    """The Data Package descriptor of a run's three tables in format ``fmt`` (JSON text).

    >>> import json
    >>> package = json.loads(descriptor("jsonl", {"errors": 0}))
    >>> errors = package["resources"][2]
    >>> errors["path"], [f["name"] for f in errors["schema"]["fields"]], errors["rows"]
    ('errors.jsonl', ['source', 'stage', 'error', 'message'], 0)
    """
    resources = []
    for name, columns in _TABLES.items():
        resource: dict[str, Any] = {
            "name": name,
            "path": f"{name}.{FORMATS[fmt]}",
            "format": FORMATS[fmt],
            "mediatype": MEDIA_TYPES[fmt],
            "schema": {"fields": [{"name": c, "type": FIELD_TYPES[t]} for c, t in columns.items()]},
        }
        if fmt == "csv":
            resource["encoding"] = "utf-8-sig"
        if counts is not None and name in counts:
            resource["rows"] = counts[name]
        resources.append(resource)
    return json.dumps({"name": "extractor-run", "resources": resources}, ensure_ascii=False, indent=1) + "\n"


def read_tables(out_dir: str | os.PathLike, fmt: str | None = None) -> Tables:
    """Read back the tables of a run: claims, documents and errors, each with all its columns and
    their dtypes, also when it has no rows (an empty JSONL file has no line to carry them). The
    format is the run's own (from its datapackage.json) unless ``fmt`` names one. CSV cells lose
    the apostrophe that :func:`neutralize` put before a formula character.

    >>> import tempfile, extractor
    >>> out = tempfile.mkdtemp()
    >>> _ = TableWriter(out, "jsonl").commit()  # a run with no rows at all
    >>> list(extractor.read_tables(out).errors.columns)
    ['source', 'stage', 'error', 'message']
    """
    import pandas as pd

    out_dir = Path(out_dir)
    if fmt is None:
        fmt = _format_of(out_dir)
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


def _format_of(out_dir: Path) -> str:
    """The format of the run in ``out_dir``, read from its descriptor; ``csv`` when there is none."""
    try:
        package = json.loads((out_dir / DESCRIPTOR).read_text(encoding="utf-8"))
        suffix = package["resources"][0]["format"]
    except (OSError, ValueError, KeyError, IndexError, TypeError):
        return "csv"
    return next((fmt for fmt, ext in FORMATS.items() if ext == suffix), "csv")


def write_text(path: str | os.PathLike, text: str) -> Path:
    """Write a text file atomically: a new temporary file (see :func:`temporary`), then a rename."""
    path = Path(path)
    with _writing(path):
        return _write_text(path, text)


def _write_text(path: Path, text: str) -> Path:
    fh, tmp = temporary(path.parent, path.name)
    try:
        with fh:
            fh.write(text.encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path
