"""Batch engines: map the pure per-page function over many files, and account for every one.

* :func:`collect` expands the paths given into the sorted list of input files; what cannot be an
  input (a broken link, a directory loop, a FIFO) becomes a :class:`~extractor.records.Failure` right away.
* :func:`process_file` reads one file (refusing files over ``max_bytes``) and runs
  :func:`extractor.extract_page` on it, and hands on its records and signature
  (:class:`~extractor.records.Extracted`); whatever goes wrong becomes a ``Failure``. An input may
  also be a page read out of an archive (a :class:`~extractor.records.Payload`, see
  :mod:`extractor.run.archives`) or the failure of one (a :class:`~extractor.records.Failure`).
* The engines take their inputs as an iterable and pull them as workers free up, so the pages of
  a multi-GB WARC flow through a bounded queue instead of being read all at once.
* :func:`run_local` runs pages in worker processes, several pages per task. A page that runs past
  ``page_timeout`` is recorded as a timeout: the worker's own alarm stops it (:func:`time_limit`,
  the same on every engine), and a worker stuck where no alarm reaches is replaced; a worker that
  dies takes only its current page with it (the rest of its task is handed out again). Results
  leave through a reorder buffer, so the output order is the input order whatever ``jobs`` is.
* :func:`run_dask` maps the same function with ``dask.bag`` (local processes, or a distributed
  cluster when given a scheduler address), and groups the copies of one article where the
  signatures are (:func:`extractor.run.copies.resolve_parts`).

Each engine calls ``sink(index, result)`` once per input, in input order; ``result`` is a
:data:`Result`, records and never table rows: only the process that writes the tables builds rows.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import itertools
import multiprocessing as mp
import numbers
import os
import pickle
import signal
import stat
import subprocess
import sys
import threading
import time
import traceback
from collections import Counter, deque
from collections.abc import Callable, Iterable, Sized
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path

from ..errors import ExtractError
from ..records import Copy, Extracted, Failure, Payload, RecordRef
from .archives import PAGE_SUFFIXES, Limits, archive_kind, read_record
from .copies import resolve_parts, signature

#: What the engines process: a file's path, a page read from an archive (or a WARC record named by
#: its offset, for the worker to read), or a failure found there.
Input = str | Payload | RecordRef | Failure

#: Default per-page time limit (seconds) and size limit (bytes).
PAGE_TIMEOUT = 30.0
MAX_BYTES = 50 * 1024 * 1024

#: The largest time limit and size limit a batch accepts: a day, and 1 TiB (the interval timer
#: refuses an infinite or huge interval, and no page is that large).
PAGE_TIMEOUT_MAX = 86_400.0
MAX_BYTES_MAX = 2**40

#: A file is read in pieces of at most this many bytes (read(n) sets aside n bytes first).
READ_PIECE = 16 * 1024 * 1024

#: Pages handed to a worker per task.
CHUNK = 8

#: Tasks waiting per worker while inputs are pulled from a stream, and results per worker that
#: may wait for a slow page before no more inputs are pulled.
AHEAD = 2
REORDER_LIMIT = 64

#: Seconds a new worker process may take to start (import the pipeline), on top of the page time
#: limit: a page's clock starts when its worker says it is ready.
STARTUP_TIMEOUT = 60.0

#: The first message of a worker process: it has started and is ready for pages.
READY = "ready"

#: How long to wait for a dask scheduler to answer.
SCHEDULER_TIMEOUT = "15s"

#: What an engine hands on for one input: the page's records and signature, or why it failed. Only
#: the process that writes the tables turns them into rows (:mod:`extractor.run.table`), so a
#: worker loads no table code. The dask engine hands its results on with None for the signature:
#: it compares the copies itself.
Result = Extracted | Failure


@dataclass(frozen=True)
class Options:
    """How a batch runs. Every field has the CLI's default."""

    jobs: int = 1
    page_timeout: float = PAGE_TIMEOUT
    max_bytes: int = MAX_BYTES
    chunk: int = CHUNK
    main_guarded: bool = False
    """The main module may be imported again by a worker (the CLI's may): workers then come from
    a forkserver even when the main module is a script. See :func:`_context`."""

    def __post_init__(self) -> None:
        problem = options_problem(self.page_timeout, self.max_bytes)
        if problem:
            raise ValueError(problem)


def options_problem(page_timeout: float, max_bytes: int) -> str:
    """What is wrong with a time limit and a size limit, or ``""``: the limit must be a number of
    seconds above 0 and at most :data:`PAGE_TIMEOUT_MAX` (not inf or nan), the size a whole number
    of bytes from 1 to :data:`MAX_BYTES_MAX`."""
    if (
        isinstance(page_timeout, bool)
        or not isinstance(page_timeout, numbers.Real)
        or not 0 < page_timeout <= PAGE_TIMEOUT_MAX
    ):
        return (
            f"page_timeout must be more than 0 and at most {PAGE_TIMEOUT_MAX:g} seconds (a day), not {page_timeout!r}"
        )
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, numbers.Integral) or not 0 < max_bytes <= MAX_BYTES_MAX:
        return f"max_bytes must be a whole number from 1 to {MAX_BYTES_MAX} ({size_text(MAX_BYTES_MAX)}), not {max_bytes!r}"
    return ""


# --------------------------------------------------------------------------------------------
# inputs


def collect(
    paths: Iterable[str | os.PathLike], skipped: Counter | None = None, out_dir: str | os.PathLike | None = None
) -> tuple[list[str], list[Failure]]:
    """The input files under ``paths``, sorted, and failures for what cannot be read as one.
    Files in folders that are not pages by their suffix are counted in ``skipped`` by suffix
    (``""`` for none), when given. A folder walked into that is ``out_dir`` is not read: its
    tables and report are this tool's output, not pages (an --out inside the input folder).

    Raises FileNotFoundError naming the first path that does not exist at all.
    """
    files: set[str] = set()
    failures: list[Failure] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists() and not path.is_symlink():
            raise FileNotFoundError(f"no such file or directory: {raw}")
        if path.is_dir():
            _walk(path, files, failures, skipped, _folder_key(out_dir))
        else:
            _add_file(path, files, failures, explicit=True)
    failures = [dataclasses.replace(f, source=readable(f.source)) for f in failures]
    return sorted(files), sorted(failures, key=lambda f: f.source)


def readable(path: str) -> str:
    r"""A path as people read it, for the ``source`` column.

    A name that is valid UTF-8 is itself. A file name from elsewhere (a GBK name from a zip made on
    Windows) reaches us as undecodable bytes: each such part of the path is decoded as GB18030 and
    the raw bytes follow, escaped, so the file can still be found; a part that is neither is shown
    escaped (``\xff``).

    >>> readable('pages/a.html')
    'pages/a.html'
    >>> readable(os.fsdecode('p/中文.html'.encode('gbk')))
    'p/中文.html (file name bytes: p/\\xd6\\xd0\\xce\\xc4.html)'
    """
    raw = os.fsencode(path)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    parts, escaped = [], []
    for part in raw.split(b"/"):
        try:
            parts.append(part.decode("utf-8"))
            escaped.append(parts[-1])
            continue
        except UnicodeDecodeError:
            escaped.append("".join(chr(b) if b < 0x80 else f"\\x{b:02x}" for b in part))
        try:
            parts.append(part.decode("gb18030"))
        except UnicodeDecodeError:
            parts.append(escaped[-1])
    escaped = "/".join(escaped)
    if "/".join(parts) == escaped:
        return escaped
    return f"{'/'.join(parts)} (file name bytes: {escaped})"


def _folder_key(folder: str | os.PathLike | None) -> tuple[int, int] | None:
    """The device and inode of ``folder``, or None when there is none (yet)."""
    if folder is None:
        return None
    try:
        info = os.stat(folder)
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


def _walk(
    root: Path,
    files: set[str],
    failures: list[Failure],
    skipped: Counter | None = None,
    out_key: tuple[int, int] | None = None,
) -> None:
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
        if key == out_key:
            continue  # the output folder: tables and a report, not pages
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
            try:
                is_dir = entry.is_dir(follow_symlinks=True)
            except OSError as exc:  # a link to itself (ELOOP), or a name the file system refuses
                failures.append(_unfollowable(entry.path, exc))
                continue
            if is_dir:
                stack.append(path)
            elif path.suffix.lower() in PAGE_SUFFIXES or archive_kind(entry.name):
                _add_file(path, files, failures, explicit=False)
            elif skipped is not None:
                skipped[path.suffix.lower()] += 1


def _unfollowable(source: str, exc: OSError) -> Failure:
    if exc.errno == errno.ELOOP:
        return Failure(source, "read", "loop", "This link leads back to itself (a link loop); it was not followed.")
    return Failure(source, "read", "unreadable", f"The path could not be read ({exc.strerror or exc}).")


def _add_file(path: Path, files: set[str], failures: list[Failure], explicit: bool) -> None:
    source = str(path)
    try:
        info = path.stat()
    except OSError:
        failures.append(Failure(source, "read", "broken_link", "The path is a link to a file that does not exist."))
        return
    if not stat.S_ISREG(info.st_mode):
        failures.append(Failure(source, "read", "not_a_file", NOT_A_FILE))
        return
    files.add(source)


# --------------------------------------------------------------------------------------------
# one page


def label(item: Input) -> str:
    """The ``source`` of an input as people read it."""
    return item.source if isinstance(item, (Payload, RecordRef, Failure)) else readable(item)


def process_file(source: Input, max_bytes: int = MAX_BYTES) -> Result:
    """Read and extract one file (or a page read from an archive); every failure becomes a :class:`Failure`.

    The file is opened without blocking and checked to be a regular file on the open descriptor,
    so a FIFO or device swapped in after the inputs were listed is refused, never waited on.
    """
    if isinstance(source, RecordRef):
        source = read_record(source, Limits(max_bytes=max_bytes))
    if isinstance(source, Payload):
        return process_bytes(source.data, source.source, source.url, source.charset)
    if isinstance(source, Failure):
        return source
    shown = readable(source)
    try:
        fd = os.open(source, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "rb") as fh:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                return Failure(shown, "read", "not_a_file", NOT_A_FILE)
            if info.st_size > max_bytes:
                return Failure(
                    shown, "read", "too_large",
                    f"The file is {size_text(info.st_size)}, over the {size_text(max_bytes)} limit; raise --max-bytes to read it.",
                )  # fmt: skip
            data = read_at_most(fh, max_bytes + 1, info.st_size + 1)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return Failure(shown, "read", "loop", "The path is a link that leads back to itself; it was not read.")
        return Failure(shown, "read", "unreadable", f"The file could not be read ({exc.strerror or exc}).")
    if len(data) > max_bytes:  # it grew after the check
        return Failure(
            shown, "read", "too_large", f"The file is over the {size_text(max_bytes)} limit; raise --max-bytes."
        )
    return process_bytes(data, shown)


NOT_A_FILE = "The path is not a regular file (a device, pipe or socket); it was not read."


def read_at_most(fh, limit: int, expected: int) -> bytes:
    """Up to ``limit`` bytes of ``fh``: first as many as it is ``expected`` to hold, then (if it
    grew) in pieces of :data:`READ_PIECE`, so that a large limit sets aside no memory of its own."""
    first = min(limit, max(1, expected))
    data = fh.read(first)
    if len(data) < first:
        return data
    pieces = [data]
    total = len(data)
    while total < limit:
        piece = fh.read(min(READ_PIECE, limit - total))
        if not piece:
            break
        pieces.append(piece)
        total += len(piece)
    return b"".join(pieces)


def size_text(size: int) -> str:
    """A byte count as people read it.

    >>> size_text(800), size_text(12 * 1024), size_text(50 * 1024 * 1024), size_text(3 * 2**30), size_text(2**40)
    ('800 bytes', '12.0 KiB', '50.0 MiB', '3.0 GiB', '1.0 TiB')
    """
    for unit, scale in (("TiB", 2**40), ("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} bytes"


def process_bytes(data: bytes, source: str, url: str = "", charset: str = "") -> Result:
    from ..pipeline import extract_page  # the stages: loaded by the worker before it says it is ready

    try:
        result = extract_page(data, source, url, charset)
    except ExtractError as exc:
        return Failure(source, exc.stage, exc.error, exc.message)
    except PageTimeout:
        raise
    except RecursionError:
        return Failure(source, "parse", "too_deep", "The page is nested too deeply to be read.")
    except MemoryError:
        return Failure(source, "parse", "out_of_memory", "The page needs more memory than is available.")
    except Exception as exc:  # noqa: BLE001 - any bug on one page must not stop the batch
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return Failure(
            source, "extract", type(exc).__name__,
            f"Extraction failed with {type(exc).__name__}: {exc} (at {Path(where.filename).name}:{where.lineno}); please report this page.",
        )  # fmt: skip
    return Extracted(result, signature(result))


def timeout_result(source: str, seconds: float) -> Failure:
    return Failure(
        source, "timeout", "timeout",
        f"Extraction took longer than {seconds:g} s and was stopped; raise --page-timeout to give it more time.",
    )  # fmt: skip


class PageTimeout(Exception):
    """Raised by :func:`time_limit` when a page runs past its time limit."""


# --------------------------------------------------------------------------------------------
# the page time limit


#: Seconds a worker's own alarm has to report a page over its time limit before the process that
#: hands out the pages stops the worker: the backstop for a page stuck where no alarm reaches it
#: (a signal handler runs only between Python steps, not inside a long call into C).
ALARM_GRACE = 2.0


def alarm_works() -> bool:
    """True when :func:`time_limit` can hold here: on the main thread (the only one a signal
    handler runs on) of a system with ``setitimer``."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def time_limit(seconds: float):
    """Raise :class:`PageTimeout` in this thread once ``seconds`` have passed (SIGALRM).

    The one page time limit of every engine, set where the page runs: in each worker process, of
    the local engine and of a dask thread alike (:func:`_worker`), whose parent stops it only as a
    backstop (a page that keeps the parser busy in C code, where no alarm reaches). Only where
    :func:`alarm_works`.
    """
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:  # the alarm may go off just as the page ends: the handler is restored all the same
            signal.signal(signal.SIGALRM, previous)


def _alarm(signum, frame):  # noqa: ARG001 - signal handler signature
    raise PageTimeout()


def limited(work: Callable[[Input, int], Result], source: Input, max_bytes: int, seconds: float | None) -> Result:
    """``work(source, max_bytes)`` within :func:`time_limit` (none when ``seconds`` is None): a
    page over the limit becomes a timeout failure."""
    if seconds is None:
        return work(source, max_bytes)
    try:
        with time_limit(seconds):
            return work(source, max_bytes)
    except PageTimeout:
        return timeout_result(label(source), seconds)


# --------------------------------------------------------------------------------------------
# worker processes


def _worker(conn, max_bytes: int, work: Callable[[str, int], Result], page_timeout: float | None = None) -> None:
    """A worker's loop: tasks in, one result per page out, each page within :func:`time_limit`
    (``page_timeout``), until told to stop or the parent is gone (then it leaves quietly: no
    traceback for a pipe its stopped parent closed)."""
    for signum in (signal.SIGINT, getattr(signal, "SIGHUP", None)):  # the parent handles these
        if signum is not None:
            signal.signal(signum, signal.SIG_IGN)
    from .. import pipeline  # noqa: F401 - the stages load before the first page's clock starts

    if not alarm_works():  # no interval timer: the parent's clock alone holds the limit
        page_timeout = None

    try:
        conn.send(READY)
    except OSError:
        return
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        for index, source in message:
            result = limited(work, source, max_bytes, page_timeout)
            try:
                conn.send((index, result))
            except OSError:  # the parent stopped
                return


class _Child:
    """A worker process started with :mod:`subprocess`, with the part of the
    ``multiprocessing.Process`` interface that :class:`_Slot` uses.

    A dask worker is a daemon process, and multiprocessing refuses to start children there; a
    plain child process is allowed. It runs :func:`_worker` on the inherited end of the pipe; its
    set-up (the import path, the size limit, the per-page function and the time limit, pickled)
    comes on stdin.
    """

    BOOT = (
        "import pickle, sys; from multiprocessing.connection import Connection; "
        "conn = Connection(int(sys.argv[1])); path, setup = pickle.load(sys.stdin.buffer); sys.path[:] = path; "
        "from extractor.run.engine import _worker; _worker(conn, *pickle.loads(setup))"
    )

    def __init__(self, conn, max_bytes: int, work: Callable[[str, int], Result], page_timeout: float | None = None):
        fd = conn.fileno()
        self._popen = subprocess.Popen(
            [sys.executable, "-c", self.BOOT, str(fd)], stdin=subprocess.PIPE, pass_fds=(fd,), close_fds=True
        )
        with contextlib.suppress(OSError):
            self._popen.stdin.write(pickle.dumps((list(sys.path), pickle.dumps((max_bytes, work, page_timeout)))))
            self._popen.stdin.close()

    @property
    def exitcode(self) -> int | None:
        return self._popen.poll()

    def is_alive(self) -> bool:
        return self._popen.poll() is None

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            self._popen.kill()

    def join(self, timeout: float | None = None) -> None:
        with contextlib.suppress(subprocess.TimeoutExpired):
            self._popen.wait(timeout)


class _Slot:
    """One worker process and the task it is on. ``ctx`` None: a :class:`_Child` process."""

    def __init__(self, ctx, max_bytes: int, work: Callable[[str, int], Result], page_timeout: float | None = None):
        self.conn, child = (ctx or mp).Pipe()
        if ctx is None:
            self.proc = _Child(child, max_bytes, work, page_timeout)
        else:
            self.proc = ctx.Process(target=_worker, args=(child, max_bytes, work, page_timeout), daemon=True)
            self.proc.start()
        child.close()
        self.task: list[tuple[int, str]] = []
        self.pos = 0
        self.started = 0.0
        self.ready = False

    @property
    def busy(self) -> bool:
        return self.pos < len(self.task)

    def allowance(self, page_timeout: float) -> float:
        """Seconds the current page may take before the worker is stopped: the limit, the time its
        own alarm has to report it (:data:`ALARM_GRACE`), and the start-up time of a new worker."""
        return page_timeout + ALARM_GRACE + (0.0 if self.ready else STARTUP_TIMEOUT)

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
        with contextlib.suppress(OSError):  # a stopped run closes it from another thread too
            self.conn.close()

    def lost(self, options: Options, died: bool) -> Result:
        """Stop the process; the result of the page it was on (it died, or ran out of time)."""
        source = self.task[self.pos][1]
        self.stop(kill=True)
        if died:
            return worker_died(label(source), self.proc.exitcode)
        return timeout_result(label(source), options.page_timeout)


def worker_died(source: str, code: int | None, who: str = "worker process") -> Failure:
    """The failure of a page whose worker process died under it, saying how it ended."""
    if code is not None and code < 0:
        try:
            how = f"was killed by {signal.Signals(-code).name}"
        except ValueError:
            how = f"was killed by signal {-code}"
    elif code is not None:
        how = f"exited with exit status {code}"
    else:
        how = "died"
    return Failure(
        source, "extract", "worker_died",
        f"The {who} {how} while extracting this page; the page may need too much memory "
        "(a SIGKILL is often the system's out-of-memory killer).",
    )  # fmt: skip


def _context(work: Callable[[str, int], Result], main_guarded: bool = False):
    """How worker processes start: a multiprocessing context, or None for :class:`_Child`
    processes (a fresh interpreter that imports only extractor and the per-page function).

    multiprocessing's spawn and forkserver run the caller's main script again in every worker, so
    a script that calls ``extract(paths, jobs=4)`` without ``if __name__ == "__main__":`` would
    start workers that fail at once. When the main module is a script (or there is none: a shell,
    stdin) and the per-page function lives elsewhere, workers are :class:`_Child` processes, which
    never import it. Otherwise (``python -m``; a per-page function defined in the script itself)
    workers come from a forkserver preloaded with this module, as they do for the CLI
    (``main_guarded``), whose script is guarded.
    """
    main = sys.modules.get("__main__")
    from_script = getattr(main, "__spec__", None) is None
    if from_script and not main_guarded and getattr(work, "__module__", None) != "__main__":
        return None
    methods = mp.get_all_start_methods()
    main_file = getattr(main, "__file__", None)
    if main_file is not None and not os.path.exists(main_file) and "fork" in methods:
        return mp.get_context("fork")
    method = "forkserver" if "forkserver" in methods else "spawn"
    ctx = mp.get_context(method)
    if method == "forkserver":
        ctx.set_forkserver_preload(["extractor.run.engine", "extractor.pipeline"])
    return ctx


def run_local(
    inputs: Iterable[Input],
    options: Options,
    sink: Callable[[int, Result], None],
    work: Callable[[Input, int], Result] = process_file,
) -> None:
    """Pages in ``options.jobs`` worker processes, results to ``sink`` in input order.

    ``inputs`` is pulled as workers free up: at most :data:`AHEAD` tasks per worker wait, and no
    more are pulled while :data:`REORDER_LIMIT` results per worker wait for a slow page, so a
    stream (the pages of a WARC) is never held whole. ``work(source, max_bytes)`` is the per-page
    function (a module-level function, so that the workers can import it); it must turn every
    failure into a :class:`Failure`.
    """
    stream = enumerate(inputs)
    jobs = max(1, options.jobs)
    known = len(inputs) if isinstance(inputs, Sized) else None
    size = max(1, min(options.chunk, known // (jobs * 4) or 1)) if known is not None else max(1, options.chunk)
    pending: deque[list[tuple[int, Input]]] = deque()
    pulled = 0
    exhausted = False

    def pull() -> None:
        nonlocal pulled, exhausted
        chunk = list(itertools.islice(stream, size))
        pulled += len(chunk)
        exhausted = len(chunk) < size
        if chunk:
            pending.append(chunk)

    while not exhausted and len(pending) < AHEAD * jobs:
        pull()
    if not pending:
        return
    ctx = _context(work, options.main_guarded)
    slots = [_Slot(ctx, options.max_bytes, work, options.page_timeout) for _ in range(min(jobs, len(pending)))]
    buffer: dict[int, Result] = {}
    next_index = 0
    try:
        while next_index < pulled or not exhausted:
            while not exhausted and len(pending) < AHEAD * jobs and len(buffer) < REORDER_LIMIT * jobs:
                pull()
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
                        message = slot.conn.recv()
                    except (EOFError, OSError):
                        _replace(slots, slot, ctx, options, pending, buffer, work, died=True)
                        continue
                    slot.started = now
                    if message == READY:
                        slot.ready = True
                        continue
                    index, result = message
                    buffer[index] = result
                    slot.pos += 1
                elif now - slot.started > slot.allowance(options.page_timeout):
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
    buffer[slot.task[slot.pos][0]] = slot.lost(options, died)
    rest = slot.task[slot.pos + 1 :]
    if rest:
        pending.appendleft(rest)
    slots[slots.index(slot)] = _Slot(ctx, options.max_bytes, work, options.page_timeout)


# --------------------------------------------------------------------------------------------
# dask


def run_dask(
    inputs: Iterable[Input],
    options: Options,
    sink: Callable[[int, Result], None],
    scheduler: str | None = None,
    work: Callable[[Input, int], Result] = process_file,
) -> dict[str, Copy]:
    """The pages as dask tasks of ``options.chunk`` pages each, computed by dask's
    threaded scheduler with ``options.jobs`` threads, or by the distributed cluster at
    ``scheduler``; results go to ``sink`` in input order, without their signatures: the copies
    among the documents are grouped by dask too, and returned (by ``source``, as
    :func:`extractor.run.copies.resolve` finds them). On a cluster the signatures stay on the
    workers, shuffled there by key; only the links between copies come back.

    Every task runs its pages in a child process of its own thread (kept for the next task, as a
    local worker is), so the time limit and a dying page cost only that page, on a cluster too.
    Locally, each wave of tasks is computed while the results of the one before are written. On
    a cluster, partitions flow through a window of a few per worker thread (never a barrier
    per wave); a partition whose dask worker died anyway (``KilledWorker``) is run again page by
    page, and a page that kills a worker again becomes a ``worker_died`` row. ``inputs`` is pulled
    a wave (or a window) at a time; the pages of an archive are read here and shipped to the
    workers with their tasks.
    """
    if isinstance(inputs, Sized) and not inputs:
        return {}
    try:
        import dask  # noqa: F401 - the extra is installed
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise RuntimeError("the dask engine needs the dask extra: pip install 'extractor[dask]'") from exc
    client = None
    if scheduler:
        from distributed import Client

        try:
            client = Client(scheduler, timeout=SCHEDULER_TIMEOUT)
        except (OSError, TimeoutError) as exc:
            raise RuntimeError(f"could not reach the dask scheduler at {scheduler} ({exc}); check the address") from exc
    args = (options.max_bytes, options.page_timeout, work)
    stream = enumerate(inputs)
    size = max(1, options.chunk)
    chunks = iter(lambda: list(itertools.islice(stream, size)), [])
    try:
        if client is not None:
            return _copies_on_cluster(client, _on_cluster(client, chunks, args, sink))
        _stopped.clear()
        signatures: list = []

        def unsigned(index: int, result: Result) -> None:
            sink(index, _unsigned(result, signatures))

        jobs = max(1, options.jobs)
        _on_threads(chunks, args, jobs, unsigned)
        return _copies_here(signatures, jobs)
    finally:
        if client is not None:
            client.close()
        else:
            _close_slots(stop=sys.exc_info()[0] is not None)


#: Tasks per worker thread in one wave of the local dask engine.
WAVE_TASKS = 8


def _on_threads(chunks, args, jobs: int, sink) -> None:
    """The local dask engine: waves of tasks on dask's threaded scheduler, each wave computed in
    a helper thread while the results of the one before go to ``sink`` here, so that the pages
    never wait for the writer (nor the writer for a whole wave)."""
    import concurrent.futures

    import dask

    task = dask.delayed(_dask_partition, pure=False)
    wave = jobs * WAVE_TASKS
    waves = iter(lambda: list(itertools.islice(chunks, wave)), [])  # pulled here, a wave at a time

    def compute(chunks_of_wave):
        return dask.compute(*(task(chunk, *args) for chunk in chunks_of_wave), scheduler="threads", num_workers=jobs)

    def start(batch):
        return runner.submit(compute, batch) if batch else None

    runner = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="extractor-dask")
    try:
        ahead = start(next(waves, None))
        while ahead is not None:
            parts = ahead.result()
            ahead = start(next(waves, None))
            for part in parts:
                for index, result in part:
                    sink(index, result)
    finally:
        if sys.exc_info()[0] is not None:  # stopped: the helper's tasks end at once (RunStopped)
            _close_slots(stop=True)
        runner.shutdown(wait=True, cancel_futures=True)


#: Signatures per part the local dask engine groups; buckets of keys per dask thread.
SIGNATURES_PER_PART = 2000
BUCKETS_PER_THREAD = 2


def _unsigned(result: Result, signatures: list) -> Result:
    """``result`` without its signature, which goes to ``signatures``."""
    if isinstance(result, Failure):
        return result
    signatures.append(result.signature)
    return Extracted(result.extraction, None)


def _copies_here(signatures: list, jobs: int) -> dict[str, Copy]:
    """The copies among the ``signatures`` of the local dask engine, grouped by dask's threads."""
    parts = [signatures[i : i + SIGNATURES_PER_PART] for i in range(0, len(signatures), SIGNATURES_PER_PART)]
    buckets = min(len(parts), BUCKETS_PER_THREAD * jobs)
    return resolve_parts(parts, buckets, scheduler="threads", num_workers=jobs)


def _copies_on_cluster(client, signed: list) -> dict[str, Copy]:
    """The copies among the signatures in the futures ``signed``, grouped on the cluster."""
    buckets = BUCKETS_PER_THREAD * max(1, sum(client.nthreads().values()))
    return resolve_parts(signed, buckets, scheduler=client)


def _on_cluster(client, chunks, args, sink) -> list:
    """Partitions through a window of a few per worker thread; ``chunks`` is pulled as they finish.
    Returns the futures of the partitions' signatures, which stay on the cluster."""
    from distributed import as_completed

    window = 2 * max(1, sum(client.nthreads().values()))
    futures = {}
    buffer: dict[int, list] = {}
    signed: list = []
    next_part = 0
    numbered = enumerate(chunks)

    def submit(i: int, chunk):
        rows, signatures = _submit(client, chunk, args)
        futures[rows] = (i, chunk, signatures)
        return rows

    running = as_completed([submit(i, chunk) for i, chunk in itertools.islice(numbered, window)])
    for future in running:
        i, chunk, signatures = futures.pop(future)
        buffer[i] = _result_or_page_by_page(client, future, signatures, chunk, args, signed)
        more = next(numbered, None)
        if more is not None:
            running.add(submit(*more))
        while next_part in buffer:
            for index, result in buffer.pop(next_part):
                sink(index, result)
            next_part += 1
    return signed


def _submit(client, chunk, args):
    """A task for the pages of ``chunk``, and two after it on the cluster: its results without
    their signatures (to come here), and the signatures (to stay there)."""
    part = client.submit(_dask_partition, chunk, *args, pure=False)
    return client.submit(_rows_of, part, pure=False), client.submit(_signatures_of, part, pure=False)


def _rows_of(part: list[tuple[int, Result]]) -> list[tuple[int, Result]]:
    return [(index, _unsigned(result, [])) for index, result in part]


def _signatures_of(part: list[tuple[int, Result]]) -> list:
    return [result.signature for _, result in part if isinstance(result, Extracted)]


def _result_or_page_by_page(client, future, signatures, chunk, args, signed: list) -> list:
    """A task's results (its ``signatures`` future then joins ``signed``); when its dask worker
    died under it (``KilledWorker``: the scheduler retried it and gave up), each page runs again
    on its own, one after another, so only the guilty page is lost: run side by side, an innocent
    page on the worker the guilty one kills would use up its own allowed failures too."""
    from distributed.scheduler import KilledWorker

    try:
        rows = future.result()
    except KilledWorker:
        if len(chunk) > 1:
            rows = []
            for item in chunk:
                one, its_signatures = _submit(client, [item], args)
                rows.extend(_result_or_page_by_page(client, one, its_signatures, [item], args, signed))
            return rows
    else:
        signed.append(signatures)
        return rows
    index, source = chunk[0]
    return [(index, worker_died(label(source), None, "dask worker"))]


_slots: dict[tuple, _Slot] = {}
_slots_lock = threading.Lock()

#: Set when a local dask run stops on an exception (Ctrl-C, a stop signal): the tasks its threads
#: still hold then end at once instead of starting child processes for their pages.
_stopped = threading.Event()


class RunStopped(Exception):
    """Raised in a dask thread's task when its run has stopped."""


def _slot_for(max_bytes: int, work: Callable[[str, int], Result], page_timeout: float | None = None) -> _Slot:
    key = (threading.get_ident(), max_bytes, work, page_timeout)
    with _slots_lock:
        if _stopped.is_set():
            raise RunStopped()
        slot = _slots.get(key)
        if slot is None or not slot.proc.is_alive():
            slot = _slots[key] = _Slot(None, max_bytes, work, page_timeout)
    return slot


def _close_slots(stop: bool = False) -> None:
    """Stop the dask threads' child processes; ``stop``: the run was stopped, so kill them at once
    and let no thread start another (its task ends with :class:`RunStopped`)."""
    with _slots_lock:
        if stop:
            _stopped.set()
        slots = list(_slots.values())
        _slots.clear()
    for slot in slots:
        slot.stop(kill=stop)


def _dask_partition(items, max_bytes: int, page_timeout: float, work=process_file) -> list[tuple[int, Result]]:
    """One dask task: its pages in this thread's child process, each within :func:`time_limit`
    there (and stopped by this thread as a backstop)."""
    items = list(items)
    options = Options(page_timeout=page_timeout, max_bytes=max_bytes)
    out: list[tuple[int, Result]] = []
    while items:
        slot = _slot_for(max_bytes, work, page_timeout)
        try:
            slot.give(items)
        except OSError:  # the child died before it took its task
            slot.stop(kill=True)
            slot.task, slot.pos = items, 0
            out.append((items[0][0], slot.lost(options, died=True)))
            items = items[1:]
            continue
        items = []
        while slot.busy:
            if slot.conn.poll(slot.allowance(page_timeout)):
                try:
                    message = slot.conn.recv()
                except (EOFError, OSError):
                    out.append((slot.task[slot.pos][0], slot.lost(options, died=True)))
                else:
                    if message == READY:
                        slot.ready = True
                    else:
                        out.append(message)
                        slot.pos += 1
                    continue
            else:
                out.append((slot.task[slot.pos][0], slot.lost(options, died=False)))
            items = slot.task[slot.pos + 1 :]
            break
    return out


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
    "run_local",
    "time_limit",
    "timeout_result",
]
