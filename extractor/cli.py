"""The command line: ``extractor PATH... --out DIR``. Only this module knows argv and exit codes.

Exit codes: 0 the run completed (pages that failed are rows of the errors table); 1 with
``--strict`` when any page failed; 2 for a usage error (a bad option, a path that does not exist,
an --out that is a file, under a file or not writable); 74 when the tables could not be written
(a full disk: earlier tables are left as they were); 130 when interrupted (Ctrl-C), 143 on
SIGTERM and 129 on SIGHUP (128 + the signal; no table is replaced).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from . import __version__
from .run.batch import ENGINES, NoPages, run_to_files
from .run.engine import MAX_BYTES, MAX_BYTES_MAX, PAGE_TIMEOUT, PAGE_TIMEOUT_MAX, Options, default_jobs, size_text
from .run.write import FORMATS, OutputError, check_writable

EXIT_OK, EXIT_FAILED_PAGES, EXIT_USAGE, EXIT_OUTPUT, EXIT_INTERRUPTED = 0, 1, 2, 74, 130

#: Signals that stop a run cleanly (exit status 128 + the signal's number).
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class Stopped(BaseException):
    """Raised in the main thread when a stop signal arrives; ``signum`` is the signal."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


DESCRIPTION = """\
Extract the numeric claims of saved Chinese bulletin pages into three tables:
claims (one row per number with its unit, normalised value, qualifier, subject and
offsets), documents (one row per page, with its clean article text) and errors (one
row per file that could not be read, with the reason). Every input file lands in
exactly one of documents or errors."""

EPILOG = """\
examples:
  extractor samples/ --out output/
  extractor pages/ --out out/ --format parquet --jobs 4
  extractor page.html other.htm --out out/ --strict --quiet
  extractor saved.mhtml pages.zip crawl.warc.gz --out out/
  extractor pages/ --out out/ --engine dask --scheduler tcp://10.0.0.5:8786

exit status: 0 run completed (bad pages are listed in errors), 1 with --strict when
any page failed, 2 usage error (also an --out that cannot be written), 74 the tables
could not be written (a full disk), 130 interrupted, 143 SIGTERM, 129 SIGHUP (on every
stop, earlier tables are left as they were)."""


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="extractor",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="saved pages (.html .htm .shtml .xhtml .mhtml .mht), archives of them (.zip .tar .tar.gz "
        ".warc .warc.gz .arc.gz), or folders searched recursively for both "
        "(a file named here is read whatever its suffix)",
    )
    ap.add_argument("--out", "-o", required=True, metavar="DIR", help="folder for the tables (created if needed)")
    ap.add_argument(
        "--format",
        "-f",
        choices=sorted(FORMATS),
        default="csv",
        help="table format (default: csv, UTF-8 with BOM for Excel)",
    )
    ap.add_argument(
        "--jobs",
        "-j",
        type=_positive_int,
        default=None,
        metavar="N",
        help=f"worker processes (default: the CPU count, {default_jobs()} here)",
    )
    ap.add_argument("--strict", action="store_true", help="exit with status 1 when any page failed")
    ap.add_argument("--quiet", "-q", action="store_true", help="no progress bar and no summary line")
    ap.add_argument(
        "--page-timeout",
        type=_positive_float,
        default=PAGE_TIMEOUT,
        metavar="S",
        help=f"seconds one page may take before it is recorded as a timeout, at most {PAGE_TIMEOUT_MAX:g} (default: {PAGE_TIMEOUT:g})",
    )
    ap.add_argument(
        "--max-bytes",
        type=_size,
        default=MAX_BYTES,
        metavar="N",
        help="files larger than this are recorded as errors, not read: bytes, or with K, M or G "
        f"(KiB, MiB, GiB: 20M), at most {size_text(MAX_BYTES_MAX)} (default: {size_text(MAX_BYTES)})",
    )
    ap.add_argument(
        "--engine",
        choices=ENGINES,
        default="local",
        help="local worker processes (default) or dask (needs the dask extra)",
    )
    ap.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="with --engine dask: address of a distributed scheduler (default: local processes)",
    )
    ap.add_argument("--report", action="store_true", help="also write report.html: every claim shown in its page")
    ap.add_argument("--version", action="version", version=f"extractor {__version__}")
    return ap


def main(argv: list[str] | None = None) -> int:
    ap = parser()
    args = ap.parse_args(argv)
    if args.scheduler and args.engine != "dask":
        ap.error("--scheduler needs --engine dask")
    missing = [p for p in args.paths if not os.path.lexists(p)]
    if missing:
        ap.error(
            f"no such file or directory: {missing[0]}" + (f" (and {len(missing) - 1} more)" if len(missing) > 1 else "")
        )
    out = Path(args.out)
    problem = _out_problem(out)
    if problem:
        ap.error(problem)
    options = Options(
        jobs=args.jobs or default_jobs(),
        page_timeout=args.page_timeout,
        max_bytes=args.max_bytes,
        main_guarded=True,
    )
    show_progress = not args.quiet and sys.stderr.isatty() and not os.environ.get("CI")
    previous = {signum: signal.signal(signum, _stop) for signum in STOP_SIGNALS}
    try:
        summary = run_to_files(
            args.paths,
            out,
            args.format,
            options,
            engine=args.engine,
            scheduler=args.scheduler,
            progress=show_progress,
            report=args.report,
        )
    except KeyboardInterrupt as exc:
        print("\n" + _stopped_line("interrupted", exc), file=sys.stderr)
        return EXIT_INTERRUPTED
    except Stopped as exc:
        print(_stopped_line(f"stopped by {signal.Signals(exc.signum).name}", exc), file=sys.stderr)
        return 128 + exc.signum
    except OutputError as exc:
        print(
            f"extractor: could not write the tables in {args.out} ({exc.reason}: {exc.path}); "
            "earlier tables were left as they were.",
            file=sys.stderr,
        )
        return EXIT_OUTPUT
    except NoPages as exc:
        print(f"extractor: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except RuntimeError as exc:  # the dask engine without its extra, an unreachable scheduler
        print(f"extractor: {exc}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if not args.quiet:
        print(summary.line(args.out), file=sys.stderr)
    return EXIT_FAILED_PAGES if args.strict and summary.errors else EXIT_OK


def _stop(signum, frame):  # noqa: ARG001 - signal handler signature
    for other in STOP_SIGNALS:  # a second signal must not break the clean-up
        signal.signal(other, signal.SIG_IGN)
    raise Stopped(signum)


def _stopped_line(what: str, exc: BaseException) -> str:
    summary = getattr(exc, "summary", None)
    left = summary.not_processed if summary else []
    return (
        f"extractor: {what}; no table was replaced. {len(left)} pages were not processed"
        + (f", e.g. {', '.join(left[:3])}" if left else "")
        + "."
    )


def _out_problem(out: Path) -> str | None:
    """Why ``out`` cannot hold the tables (checked before any page is read), or None."""
    if out.exists() and not out.is_dir():
        return f"--out {out} exists and is not a folder"
    above = out.parent
    while not above.exists() and above != above.parent:
        above = above.parent
    if above.exists() and not above.is_dir():
        return f"--out {out} is under {above}, which is a file, not a folder"
    try:
        check_writable(out)
    except OutputError as exc:
        return f"cannot write in --out {out} ({exc.reason})"
    return None


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


#: Size suffixes --max-bytes accepts, and their factors.
SIZE_SUFFIXES = {"K": 2**10, "M": 2**20, "G": 2**30}


def _size(text: str) -> int:
    """Bytes, or a whole number with K, M or G (KiB, MiB, GiB), at most MAX_BYTES_MAX."""
    factor = SIZE_SUFFIXES.get(text[-1:].upper(), 1)
    number = text[:-1] if factor > 1 else text
    value = _positive_int(number) * factor if number else _positive_int(text)
    if value > MAX_BYTES_MAX:
        raise argparse.ArgumentTypeError(f"must be at most {size_text(MAX_BYTES_MAX)} ({MAX_BYTES_MAX} bytes)")
    return value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 < value <= PAGE_TIMEOUT_MAX:  # (false for nan too)
        raise argparse.ArgumentTypeError(f"must be more than 0 and at most {PAGE_TIMEOUT_MAX:g} (a day)")
    return value


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
