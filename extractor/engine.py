"""Batch engines: map the pure per-page function over many files, and account for every one.

* :func:`collect` expands the paths given into the sorted list of input files; what cannot be an
  input (a broken link, a directory loop, a FIFO) becomes an errors row right away.
* :func:`process_file` reads one file (refusing files over ``max_bytes``) and runs
  :func:`extractor.extract_page` on it; whatever goes wrong becomes an errors row.
* :func:`run_local` runs pages in worker processes, several pages per task. A page that runs past
  ``page_timeout`` is recorded as a timeout and its worker replaced; a worker that dies takes only
  its current page with it (the rest of its task is handed out again). Results leave through a
  reorder buffer, so the output order is the input order whatever ``jobs`` is.
* :func:`run_dask` maps the same function with ``dask.bag`` (local processes, or a distributed
  cluster when given a scheduler address).

Each engine calls ``sink(index, result)`` once per input, in input order.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import signal
import stat
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path

from .errors import ExtractError
from .pipeline import extract_page
from .records import Failure
from .table import claim_rows, document_row, error_row

#: File suffixes read when a directory is given (a file named explicitly is read whatever its suffix).
PAGE_SUFFIXES: frozenset[str] = frozenset({".html", ".htm", ".shtml", ".xhtml"})

#: Default per-page time limit (seconds) and size limit (bytes).
PAGE_TIMEOUT = 30.0
MAX_BYTES = 50 * 1024 * 1024

#: Pages handed to a worker per task.
CHUNK = 8

#: How long to wait for a dask scheduler to answer.
SCHEDULER_TIMEOUT = "15s"

# A result travels as plain data: ("ok", document row, claim rows) or ("error", error row).
Result = tuple


@dataclass(frozen=True)
class Options:
    """How a batch runs. Every field has the CLI's default."""

    jobs: int = 1
    page_timeout: float = PAGE_TIMEOUT
    max_bytes: int = MAX_BYTES
    chunk: int = CHUNK


# --------------------------------------------------------------------------------------------
# inputs


def collect(paths: Iterable[str | os.PathLike]) -> tuple[list[str], list[Failure]]:
    """The input files under ``paths``, sorted, and failures for what cannot be read as one.

    Raises FileNotFoundError naming the first path that does not exist at all.
    """
    files: set[str] = set()
    failures: list[Failure] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists() and not path.is_symlink():
            raise FileNotFoundError(f"no such file or directory: {raw}")
        if path.is_dir():
            _walk(path, files, failures)
        else:
            _add_file(path, files, failures, explicit=True)
    return sorted(files), sorted(failures, key=lambda f: f.source)


def _walk(root: Path, files: set[str], failures: list[Failure]) -> None:
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            info = folder.stat()
        except OSError as exc:
            failures.append(
                Failure(str(folder), "read", "unreadable", f"The folder could not be read ({exc.strerror}).")
            )
            continue
        key = (info.st_dev, info.st_ino)
        if key in seen:
            failures.append(
                Failure(
                    str(folder),
                    "read",
                    "loop",
                    "This folder link leads back to a folder already read; it was not followed again.",
                )
            )
            continue
        seen.add(key)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            failures.append(
                Failure(str(folder), "read", "unreadable", f"The folder could not be listed ({exc.strerror}).")
            )
            continue
        for entry in entries:
            path = Path(entry.path)
            if entry.is_dir(follow_symlinks=True):
                stack.append(path)
            elif path.suffix.lower() in PAGE_SUFFIXES:
                _add_file(path, files, failures, explicit=False)


def _add_file(path: Path, files: set[str], failures: list[Failure], explicit: bool) -> None:
    source = str(path)
    try:
        info = path.stat()
    except OSError:
        failures.append(Failure(source, "read", "broken_link", "The path is a link to a file that does not exist."))
        return
    if not stat.S_ISREG(info.st_mode):
        failures.append(
            Failure(
                source,
                "read",
                "not_a_file",
                "The path is not a regular file (a device, pipe or socket); it was not read.",
            )
        )
        return
    files.add(source)


# --------------------------------------------------------------------------------------------
# one page


def process_file(source: str, max_bytes: int = MAX_BYTES) -> Result:
    """Read and extract one file; every failure becomes an errors row."""
    try:
        size = os.stat(source).st_size
        if size > max_bytes:
            return _error(
                source, "read", "too_large",
                f"The file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit; raise --max-bytes to read it.",
            )  # fmt: skip
        with open(source, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        return _error(source, "read", "unreadable", f"The file could not be read ({exc.strerror or exc}).")
    return process_bytes(data, source)


def process_bytes(data: bytes, source: str) -> Result:
    try:
        result = extract_page(data, source)
    except ExtractError as exc:
        return _error(source, exc.stage, exc.error, exc.message)
    except PageTimeout:
        raise
    except RecursionError:
        return _error(source, "parse", "too_deep", "The page is nested too deeply to be read.")
    except MemoryError:
        return _error(source, "parse", "out_of_memory", "The page needs more memory than is available.")
    except TimeoutError:
        return _error(source, "claims", "timeout", "A pattern ran too long on this page's text; the page was skipped.")
    except Exception as exc:  # noqa: BLE001 - any bug on one page must not stop the batch
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return _error(
            source, "extract", type(exc).__name__,
            f"Extraction failed with {type(exc).__name__}: {exc} (at {Path(where.filename).name}:{where.lineno}); please report this page.",
        )  # fmt: skip
    return ("ok", document_row(result), claim_rows(result))


def _error(source: str, stage: str, error: str, message: str) -> Result:
    return ("error", error_row(Failure(source, stage, error, message)))


def timeout_result(source: str, seconds: float) -> Result:
    return _error(
        source, "timeout", "timeout",
        f"Extraction took longer than {seconds:g} s and was stopped; raise --page-timeout to give it more time.",
    )  # fmt: skip


class PageTimeout(Exception):
    """Raised in-process by the alarm when a page runs past its time limit."""


# --------------------------------------------------------------------------------------------
# in-process (library, jobs=1)


def run_inline(inputs: list[str], options: Options, sink: Callable[[int, Result], None]) -> None:
    """Pages one after another in this process; the time limit uses SIGALRM where it can."""
    use_alarm = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGALRM, _alarm) if use_alarm else None
    try:
        for index, source in enumerate(inputs):
            if use_alarm:
                signal.setitimer(signal.ITIMER_REAL, options.page_timeout)
            try:
                result = process_file(source, options.max_bytes)
            except PageTimeout:
                result = timeout_result(source, options.page_timeout)
            finally:
                if use_alarm:
                    signal.setitimer(signal.ITIMER_REAL, 0)
            sink(index, result)
    finally:
        if use_alarm:
            signal.signal(signal.SIGALRM, previous)


def _alarm(signum, frame):  # noqa: ARG001 - signal handler signature
    raise PageTimeout()


# --------------------------------------------------------------------------------------------
# worker processes


def _worker(conn, max_bytes: int, work: Callable[[str, int], Result]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        for index, source in message:
            conn.send((index, work(source, max_bytes)))


class _Slot:
    """One worker process and the task it is on."""

    def __init__(self, ctx, max_bytes: int, work: Callable[[str, int], Result]):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker, args=(child, max_bytes, work), daemon=True)
        self.proc.start()
        child.close()
        self.task: list[tuple[int, str]] = []
        self.pos = 0
        self.started = 0.0

    @property
    def busy(self) -> bool:
        return self.pos < len(self.task)

    def give(self, task: list[tuple[int, str]]) -> None:
        self.task, self.pos, self.started = task, 0, time.monotonic()
        self.conn.send(task)

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.proc.kill()
        else:
            with contextlib.suppress(OSError):
                self.conn.send(None)
        self.proc.join(timeout=5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(timeout=5)
        self.conn.close()


def _context():
    """forkserver (workers forked from a clean server, no threads inherited), or fork when the
    main module cannot be imported again (a script on stdin, some interactive shells)."""
    methods = mp.get_all_start_methods()
    main_file = getattr(sys.modules.get("__main__"), "__file__", None)
    if main_file is not None and not os.path.exists(main_file) and "fork" in methods:
        return mp.get_context("fork")
    method = "forkserver" if "forkserver" in methods else "spawn"
    ctx = mp.get_context(method)
    if method == "forkserver":
        ctx.set_forkserver_preload(["extractor.engine"])
    return ctx


def run_local(
    inputs: list[str],
    options: Options,
    sink: Callable[[int, Result], None],
    work: Callable[[str, int], Result] = process_file,
) -> None:
    """Pages in ``options.jobs`` worker processes, results to ``sink`` in input order.

    ``work(source, max_bytes)`` is the per-page function (a module-level function, so that the
    workers can import it); it must turn every failure into an errors result.
    """
    if not inputs:
        return
    ctx = _context()
    pending: deque[list[tuple[int, str]]] = deque()
    items = list(enumerate(inputs))
    size = max(1, min(options.chunk, len(items) // max(1, options.jobs * 4) or 1))
    for i in range(0, len(items), size):
        pending.append(items[i : i + size])
    slots = [_Slot(ctx, options.max_bytes, work) for _ in range(min(options.jobs, len(pending)))]
    buffer: dict[int, Result] = {}
    next_index = 0
    try:
        while next_index < len(inputs):
            for slot in slots:
                if not slot.busy and pending:
                    try:
                        slot.give(pending.popleft())
                    except OSError:  # the worker died before it took its task
                        _replace(slots, slot, ctx, options, pending, buffer, work, died=True)
            busy = [s for s in slots if s.busy]
            ready = wait([s.conn for s in busy], timeout=0.2) if busy else []
            now = time.monotonic()
            for slot in busy:
                if slot.conn in ready:
                    try:
                        index, result = slot.conn.recv()
                    except (EOFError, OSError):
                        _replace(slots, slot, ctx, options, pending, buffer, work, died=True)
                        continue
                    buffer[index] = result
                    slot.pos += 1
                    slot.started = now
                elif now - slot.started > options.page_timeout:
                    _replace(slots, slot, ctx, options, pending, buffer, work, died=False)
                elif not slot.proc.is_alive():
                    _replace(slots, slot, ctx, options, pending, buffer, work, died=True)
            while next_index in buffer:
                sink(next_index, buffer.pop(next_index))
                next_index += 1
    finally:
        for slot in slots:
            slot.stop(kill=slot.busy)


def _replace(slots, slot, ctx, options, pending, buffer, work, died: bool) -> None:
    """Record the page a worker was on, hand the rest of its task out again, start a new one."""
    index, source = slot.task[slot.pos]
    code = slot.proc.exitcode
    slot.stop(kill=True)
    if died:
        buffer[index] = _error(
            source, "extract", "worker_died",
            f"The worker process died while extracting this page (exit code {code}); the page may need too much memory.",
        )  # fmt: skip
    else:
        buffer[index] = timeout_result(source, options.page_timeout)
    rest = slot.task[slot.pos + 1 :]
    if rest:
        pending.appendleft(rest)
    slots[slots.index(slot)] = _Slot(ctx, options.max_bytes, work)


# --------------------------------------------------------------------------------------------
# dask


def run_dask(
    inputs: list[str], options: Options, sink: Callable[[int, Result], None], scheduler: str | None = None
) -> None:
    """The same per-page function mapped with ``dask.bag``: local processes by default, the
    distributed cluster at ``scheduler`` when given. Partitions are computed a few at a time and
    their results passed on in input order."""
    try:
        import dask
        import dask.bag as db
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise RuntimeError("the dask engine needs the dask extra: pip install 'extractor[dask]'") from exc
    if not inputs:
        return
    client = None
    if scheduler:
        from distributed import Client

        try:
            client = Client(scheduler, timeout=SCHEDULER_TIMEOUT)
        except (OSError, TimeoutError) as exc:
            raise RuntimeError(f"could not reach the dask scheduler at {scheduler} ({exc}); check the address") from exc
    try:
        bag = db.from_sequence(list(enumerate(inputs)), partition_size=max(1, options.chunk))
        parts = bag.map(_dask_page, options.max_bytes, options.page_timeout).to_delayed()
        wave = max(1, options.jobs) * 2
        get = {} if client else {"scheduler": "processes", "num_workers": max(1, options.jobs)}
        for i in range(0, len(parts), wave):
            for part in dask.compute(*parts[i : i + wave], **get):
                for index, result in part:
                    sink(index, result)
    finally:
        if client is not None:
            client.close()


def _dask_page(item: tuple[int, str], max_bytes: int, page_timeout: float) -> tuple[int, Result]:
    index, source = item
    use_alarm = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if use_alarm:
        previous = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, page_timeout)
    try:
        return index, process_file(source, max_bytes)
    except PageTimeout:
        return index, timeout_result(source, page_timeout)
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def default_jobs() -> int:
    """The machine's CPU count (what this process may use)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


__all__ = [
    "Options",
    "collect",
    "default_jobs",
    "process_bytes",
    "process_file",
    "run_dask",
    "run_inline",
    "run_local",
    "timeout_result",
]
