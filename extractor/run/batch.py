"""A whole run: collect the inputs, run an engine, send every result to the tables, and once every
page is done mark the copies of one article (:mod:`extractor.run.copies`).

:func:`extract` returns the three tables in memory (the library entry point);
:func:`run_to_files` streams them to an output directory (the CLI's), so memory does not grow
with the number of pages beyond a small signature of each (about 500 bytes, for the copies check;
on a dask cluster they stay on its workers). Both send the engine's results to one
:class:`Results`, which makes the rows, counts them and marks the copies; only where the rows go
differs (:class:`MemoryTables` or a :class:`~extractor.run.write.TableWriter`).
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..records import Copy, Failure, Signature
from . import archives
from .copies import resolve
from .engine import PAGE_SUFFIXES, Input, Options, Result, collect, readable, run_dask, run_local
from .table import Tables, claim_rows, copy_cells, document_row, error_row, tables
from .write import TableWriter, read_tables, write_text

#: Engines a run can use.
ENGINES = ("local", "dask")


class NoPages(Exception):
    """No page was found under the paths given; ``skipped`` counts the other files by suffix."""

    def __init__(self, skipped: Counter):
        self.skipped = skipped
        looked = " ".join(sorted(PAGE_SUFFIXES) + list(archives.ARCHIVE_SUFFIXES))
        seen = ", ".join(f"{n} {suffix}" if suffix else f"{n} without a suffix" for suffix, n in skipped.most_common())
        super().__init__(
            f"no page found: looked for files ending in {looked}"
            + (f"; skipped {sum(skipped.values())} other files ({seen})" if skipped else "; the folders hold no files")
            + ". Name a file to read it whatever its suffix."
        )


@dataclass
class Summary:
    """Counts of a run; ``pages == documents + errors`` always."""

    pages: int = 0
    documents: int = 0
    no_article: int = 0
    duplicates: int = 0
    claims: int = 0
    errors: int = 0
    seconds: float = 0.0
    paths: dict[str, Path] = field(default_factory=dict)
    not_processed: list[str] = field(default_factory=list)

    def line(self, out_dir: str | os.PathLike | None = None) -> str:
        docs = f"{self.documents} documents"
        notes = [f"{self.no_article} without an article"] if self.no_article else []
        notes += [f"{self.duplicates} duplicates"] if self.duplicates else []
        if notes:
            docs += f" ({', '.join(notes)})"
        where = (
            f"; tables in {out_dir}/ ({', '.join(p.name for p in self.paths.values())})"
            if out_dir and self.paths
            else ""
        )
        return (
            f"extractor: {self.pages} pages → {docs}, {self.claims} claims, {self.errors} errors "
            f"in {self.seconds:.1f} s{where}"
        )


def extract(
    paths: str | os.PathLike | Iterable[str | os.PathLike],
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    page_timeout: float = Options.page_timeout,
    max_bytes: int = Options.max_bytes,
) -> Tables:
    """Extract every page under ``paths`` (files, folders, or archives: zip, tar, WARC; see
    :mod:`extractor.run.archives`) into three DataFrames.

    The pages run in ``jobs`` worker processes (one by default), so that ``page_timeout`` holds
    even while a page keeps the parser busy in C code, where no alarm reaches (to extract one page
    in this process, without a time limit, use :func:`extractor.extract_page`). ``page_timeout``
    and ``max_bytes`` out of range (:func:`~extractor.run.engine.options_problem`) raise
    ValueError. ``engine="dask"`` maps the pages
    with dask.bag instead (``scheduler``: a distributed scheduler address). Every input file, and
    every page inside an archive, ends up in exactly one of ``documents`` or ``errors``; a copy of
    an article already there is a ``duplicate`` document whose claims are left out
    (:mod:`extractor.run.copies`).
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    options = Options(jobs=max(1, jobs), page_timeout=page_timeout, max_bytes=max_bytes)
    inputs, failures = collect(paths)
    out = MemoryTables()
    results = Results(out, failures)
    expansion = _Expansion(inputs, options, by_offset=engine == "dask")
    found = _run(expansion.inputs(), options, engine, scheduler, results)
    results.finish(found)
    return out.tables()


class MemoryTables:
    """The rows of the three tables held in memory, for :func:`extract`: the same ``add``,
    ``revise`` and ``counts`` as the :class:`~extractor.run.write.TableWriter` the CLI streams to."""

    def __init__(self):
        self.rows: dict[str, list[dict]] = {"claims": [], "documents": [], "errors": []}

    @property
    def counts(self) -> dict[str, int]:
        return {name: len(rows) for name, rows in self.rows.items()}

    def add(self, name: str, rows: list[dict]) -> None:
        self.rows[name].extend(rows)

    def revise(self, name: str, key: str, cells: dict[str, dict], drop: frozenset[str] = frozenset()) -> None:
        """Set ``cells[k]`` in the rows of ``name`` whose ``key`` is ``k``; leave out those whose ``key`` is in ``drop``."""
        self.rows[name] = [
            {**row, **cells[row[key]]} if row[key] in cells else row for row in self.rows[name] if row[key] not in drop
        ]

    def tables(self) -> Tables:
        return tables(self.rows["documents"], self.rows["claims"], self.rows["errors"])


class Results:
    """The one receiver of a run's results, for :func:`extract` and the CLI alike: called by the
    engine with each input's :data:`~extractor.run.engine.Result` in input order, it turns them into
    rows for ``out`` (a :class:`MemoryTables` or a :class:`~extractor.run.write.TableWriter`), counts
    them in :attr:`summary`, and keeps each document's signature; :meth:`finish`, once every page
    is done, marks the copies of one article among them."""

    def __init__(self, out: MemoryTables | TableWriter, failures: list[Failure], bar=None):
        self.out = out
        self.summary = Summary(pages=len(failures), errors=len(failures))
        self.done: set[int] = set()
        """The indices of the inputs received, to say which were not processed when a run stops."""
        self._listed = len(failures)
        self._signatures: list[Signature] = []
        self._bar = bar
        out.add("errors", [error_row(f) for f in failures])

    def __call__(self, index: int, result: Result) -> None:
        self.done.add(index)
        summary = self.summary
        summary.pages += 1
        if isinstance(result, Failure):
            summary.errors += 1
            self.out.add("errors", [error_row(result)])
        else:
            extraction = result.extraction
            if result.signature is not None:  # the dask engine compares its signatures itself
                self._signatures.append(result.signature)
            summary.documents += 1
            summary.no_article += extraction.document.status != "ok"
            summary.claims += len(extraction.claims)
            self.out.add("documents", [document_row(extraction)])
            self.out.add("claims", claim_rows(extraction))
        if self._bar is not None:
            self._bar.update(1)
            self._bar.set_postfix(errors=summary.errors - self._listed, refresh=False)

    def finish(self, found: dict[str, Copy] | None = None) -> None:
        """Mark the copies of one article (:mod:`extractor.run.copies`): a duplicate's documents
        row says so and its claims leave the claims table; a revision names the copy it revises.
        ``found``: the copies the engine found itself (the dask engine), else they are found here
        among the signatures received."""
        if found is None:
            found = resolve(self._signatures)
        cells = {source: copy_cells(c) for source, c in found.items()}
        duplicates = frozenset(source for source, c in found.items() if c.duplicate_of)
        self.out.revise("documents", "source", cells)
        self.out.revise("claims", "source", {}, duplicates)
        self.summary.duplicates = len(duplicates)
        self.summary.claims = self.out.counts["claims"]


class _Expansion:
    """The inputs the engines process, from the input files: a page file itself, the pages and
    failures inside an archive (read as the engines pull them). Remembers which file each input
    came from, to say which files were not processed when a run stops."""

    def __init__(self, files: list[str], options: Options, by_offset: bool = False):
        self.files = files
        self.by_offset = by_offset
        """WARC pages as record offsets, for the workers to read (the dask engine)."""
        self.limits = archives.Limits(max_bytes=options.max_bytes)
        self.kinds = [archives.archive_kind(f, sniff=True) for f in files]
        self.origin: list[int] = []
        self.expanded = 0
        """How many files have been read to the end."""

    @property
    def plain(self) -> bool:
        """True when no file is an archive: one input per file, their number known."""
        return not any(self.kinds)

    def inputs(self) -> Iterable[Input]:
        """The files themselves when none is an archive, else a stream read as it is pulled."""
        return self.files if self.plain else self._stream()

    def _stream(self):
        for k, (path, kind) in enumerate(zip(self.files, self.kinds, strict=True)):
            for item in archives.items(path, readable(path), self.limits, kind, self.by_offset):
                self.origin.append(k)
                yield item
            self.expanded = k + 1

    def unfinished(self, done: set[int]) -> list[str]:
        """The files some of whose inputs (or all) were not processed."""
        if self.plain:
            return [readable(s) for i, s in enumerate(self.files) if i not in done]
        left = {self.origin[i] for i in range(len(self.origin)) if i not in done}
        left.update(range(self.expanded, len(self.files)))
        return [readable(self.files[k]) for k in sorted(left)]


def run_to_files(
    paths: Iterable[str | os.PathLike],
    out_dir: str | os.PathLike,
    fmt: str = "csv",
    options: Options | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    progress: bool = False,
    report: bool = False,
) -> Summary:
    """Extract into ``out_dir``; the tables replace earlier ones only when the run completes.

    Raises FileNotFoundError for a path that does not exist, :class:`NoPages` when no page is
    found (nothing is written then), KeyboardInterrupt when stopped (the summary of what was done
    is attached as ``exc.summary``).
    """
    options = options or Options()
    started = time.monotonic()
    skipped: Counter = Counter()
    inputs, failures = collect(paths, skipped, out_dir)
    if not inputs and not failures:
        raise NoPages(skipped)
    writer = TableWriter(out_dir, fmt)
    expansion = _Expansion(inputs, options, by_offset=engine == "dask")
    bar = _progress(len(inputs) if expansion.plain else None, progress)
    results = Results(writer, failures, bar)
    summary = results.summary
    try:
        found = _run(expansion.inputs(), options, engine, scheduler, results)
        results.finish(found)
        summary.paths = writer.commit()
        summary.seconds = time.monotonic() - started
        if report:
            from .report import render_report  # pandas: only a run that draws the report loads it here

            tables = read_tables(out_dir, fmt)
            summary.paths["report"] = write_text(Path(out_dir) / "report.html", render_report(tables, summary.seconds))
    except BaseException as exc:
        writer.abort()
        summary.not_processed = expansion.unfinished(results.done)
        exc.summary = summary  # type: ignore[attr-defined]
        raise
    finally:
        if bar is not None:
            bar.close()
    summary.seconds = time.monotonic() - started
    return summary


def _run(inputs, options: Options, engine: str, scheduler, sink: Results) -> dict[str, Copy] | None:
    """Run the engine; the copies it found (the dask engine groups them itself), else None."""
    if engine == "dask":
        return run_dask(inputs, options, sink, scheduler)
    elif engine != "local":
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    run_local(inputs, options, sink)
    return None


def _progress(total: int | None, enabled: bool):
    """A progress bar (``total`` None: inputs inside archives, counted as they come)."""
    if not enabled or total == 0:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="page", dynamic_ncols=True, leave=False)
