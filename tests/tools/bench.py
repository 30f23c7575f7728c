"""Benchmarks (``make bench``): measured side by side, never asserted.

1. Per-page cost on the ../shared/corpus pages, in one process, alternating passes:
   ``extractor.extract_page`` (decode, clean, dedup, claims), ``trafilatura.extract(...,
   with_metadata=True)`` and bare ``lxml.html.document_fromstring``. Medians of the per-pass
   means, wall and CPU time, and the ratios (targets: ≤ 0.2× trafilatura, ≤ 6× lxml).
2. Start-up, side by side with ``python -c pass``: ``extractor --help``, a 1-page and a 60-page
   run (medians of wall seconds; targets ≤ 0.4 s and ≤ 0.8 s), what importing the stages costs
   (paid once by the forkserver, or by each worker started as a fresh interpreter), the numeral-word
   table's share of it, and what the CLI's main process imports.
3. Whole-batch throughput and peak memory of the CLI for the corpus and for the corpus linked 20
   times into a temporary folder (76 and 1,520 pages) at --jobs 1 and 2: wall time, pages/s, and the peak resident
   memory of the main process, of the largest worker and of all of them together (read from /proc
   while the run goes), and the --jobs 2 / --jobs 1 throughput ratio (target ≥ 1.7).
4. Growth: the cost of one page (extract_page and its table rows) for hostile shapes at 1k, 10k,
   100k and 1M characters — a page without sentence marks, a wide table row, ranges ``1-1-1-…``
   and ``1/2/…``, a run of qualifier words, a clause of many changes — with the factor per 10× (linear is about 10). A
   shape over 60 s at one size is not run at the next. Needs no shared material.
5. The dask engine on local processes against the local engine, on the large batch.
6. WARC memory: a WARC of ``--warc-mb`` MB (1 GB by default) built from the corpus pages against
   a 50 MB one, each through the CLI at --jobs 2: peak resident memory of the main process and of
   all processes (the archive is streamed, so the large one should stay within 1.5× of the small).

The machine's load average is printed with the wall figures: they are only comparable at the same
load. Exits 0 and says so when ../shared is absent (after the growth figures).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import lxml.html  # noqa: E402

from extractor import extract_page  # noqa: E402
from extractor.article.load import load  # noqa: E402
from extractor.records import Failure  # noqa: E402
from extractor.run.engine import PageTimeout, process_bytes, time_limit  # noqa: E402
from extractor.run.table import claim_rows, document_row  # noqa: E402

PAGES = ROOT.parent / "shared" / "corpus" / "pages"


def per_page(pages: list[tuple[str, bytes]], passes: int) -> dict[str, tuple[float, float]]:
    """Mean milliseconds per page for each tool, wall and CPU time of this process, medians over
    alternating passes (on a shared machine the CPU time is the steadier figure: it leaves out
    the time the process waits for a core)."""
    try:
        import trafilatura
    except ImportError:
        trafilatura = None
    texts = [load(data, name).text for name, data in pages]  # lxml gets the decoded text, as we do

    def ours():
        for name, data in pages:
            extract_page(data, name)

    def traf():
        for _name, data in pages:
            trafilatura.extract(data, with_metadata=True)

    def bare():
        for text in texts:
            lxml.html.document_fromstring(text)

    tools = {"extractor.extract_page": ours, "lxml document_fromstring": bare}
    if trafilatura is not None:
        tools["trafilatura.extract(with_metadata)"] = traf
    times: dict[str, list[float]] = {name: [] for name in tools}
    cpu: dict[str, list[float]] = {name: [] for name in tools}
    for fn in tools.values():  # warm-up: imports, caches, compiled patterns
        fn()
    for _ in range(passes):
        for name, fn in tools.items():
            started, cpu_started = time.perf_counter(), time.process_time()
            fn()
            times[name].append((time.perf_counter() - started) * 1000 / len(pages))
            cpu[name].append((time.process_time() - cpu_started) * 1000 / len(pages))
    return {name: (statistics.median(times[name]), statistics.median(cpu[name])) for name in tools}


#: Hostile page shapes for the growth figures: name → body of ``n`` characters.
GROWTH_SHAPES = {
    "no sentence marks": lambda n: "<p>" + ("全年发放救助资金3万元，" * (n // 12 + 1))[:n] + "</p>",
    "wide table row": lambda n: (
        "<table><tr><th>项目</th><th>金额（万元）</th></tr><tr>" + "<td>12万元</td>" * (n // 5) + "</tr></table>"
    ),
    "range 1-1-1-…": lambda n: "<p>共" + "1-" * (n // 2) + "1万元。</p>",
    "range 1/2/…": lambda n: "<p>共" + "1/2" * (n // 3) + "万元。</p>",
    "qualifier words": lambda n: "<p>资金" + "约近超过" * (n // 4) + "3万元。</p>",
    "changes in one clause": lambda n: "<p>2023年1-10月价格同比" + "上涨1%、" * (n // 6) + "下降2%。</p>",
}
GROWTH_SIZES = (1_000, 10_000, 100_000, 1_000_000)
GROWTH_LIMIT = 60.0

#: The large batch is the corpus linked this many times into one folder (76 pages: 1,520).
COPIES = 20
_ARTICLE = "<p>全年发放医疗救助资金3753.57万元，救助困难群众2824人，集中供养率达75%。</p>"


def growth() -> None:
    """Seconds per page for each shape and size, under the engines' page time limit (SIGALRM)."""
    print(
        f"Growth: one page (extract_page + table rows), seconds; ×: factor per 10× (linear ≈ 10; limit {GROWTH_LIMIT:g} s)"
    )
    print("  " + f"{'shape':20}" + "".join(f"{n:>20,}" for n in GROWTH_SIZES))
    for name, body in GROWTH_SHAPES.items():
        cells, last = [], None
        for n in GROWTH_SIZES:
            if last is None and cells:
                cells.append(f"{'—':>20}")
                continue
            data = f"<html><body>{_ARTICLE}{body(n)}</body></html>".encode()
            started = time.perf_counter()
            try:
                with time_limit(GROWTH_LIMIT):
                    result = process_bytes(data, name)
                    if not isinstance(result, Failure):
                        document_row(result.extraction), claim_rows(result.extraction)
                seconds = time.perf_counter() - started
            except PageTimeout:
                cells.append(f"{'> ' + format(GROWTH_LIMIT, 'g') + ' s':>20}")
                last = None
                continue
            mark = f" ({result.error})" if isinstance(result, Failure) else ""
            factor = f" ×{seconds / last:.0f}" if last else ""
            cells.append(f"{f'{seconds:.3f}{factor}{mark}':>20}")
            last = max(seconds, 1e-4)
        print("  " + f"{name:20}" + "".join(cells), flush=True)


def _wall(argv: list[str], runs: int) -> float:
    """Median wall seconds of ``runs`` runs of ``argv`` (output discarded; a failure stops the bench)."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        proc = subprocess.run(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        times.append(time.perf_counter() - started)
        if proc.returncode:
            raise SystemExit(f"bench: {' '.join(argv[1:4])} failed: {proc.stderr.decode(errors='replace')[-500:]}")
    return statistics.median(times)


#: Imports timed in a fresh interpreter, by their line in the start-up figures (None: the
#: numeral-word table alone, read and indexed as extractor.claims.numerals does).
IMPORTS = {
    "import the stages (per forkserver)": "import extractor.pipeline",
    "  of which the numeral-word table": None,
    "import extractor.cli (main process)": "import extractor.cli",
    "import pandas (writer's own thread)": "import pandas",
}

_TIMED_IMPORT = "import time; t = time.perf_counter(); {}; print(time.perf_counter() - t)"
_WORD_TABLE = (
    "import time, extractor.claims.numerals as n; t = time.perf_counter(); words = n._load_words(); "
    "starts = {}\nfor w in words: starts.setdefault(w[0], set()).add(len(w))\n"
    "print(time.perf_counter() - t)"
)


def _in_fresh(code: str, runs: int) -> float:
    """Median of what ``code`` prints (seconds), each run in a fresh interpreter."""
    values = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
        values.append(float(out.stdout.split()[-1]))
    return statistics.median(values)


def startup(pages: list[tuple[str, bytes]], runs: int) -> None:
    """Wall seconds of the CLI's start-up, side by side with an empty interpreter."""
    print(f"Start-up, median of {runs} runs (wall s; load average {os.getloadavg()[0]:.1f})")
    cli = [sys.executable, "-m", "extractor"]
    with tempfile.TemporaryDirectory(prefix="bench-start-") as tmp:
        one, sixty, out = Path(tmp) / "1", Path(tmp) / "60", Path(tmp) / "out"
        one.mkdir()
        sixty.mkdir()
        os.link(PAGES / pages[0][0], one / pages[0][0])
        for name, _data in pages[:60]:
            os.link(PAGES / name, sixty / name)
        rows = {
            "python -c pass": _wall([sys.executable, "-c", "pass"], runs),
            "extractor --help  (target ≤ 0.4)": _wall([*cli, "--help"], runs),
            "extractor, 1 page  (target ≤ 0.8)": _wall([*cli, str(one), "--out", str(out), "--quiet"], runs),
            f"extractor, {len(pages[:60])} pages": _wall([*cli, str(sixty), "--out", str(out), "--quiet"], runs),
        }
    for name, seconds in rows.items():
        print(f"  {name:38} {seconds:6.3f} s")
    for name, code in IMPORTS.items():
        seconds = _in_fresh(_TIMED_IMPORT.format(code) if code else _WORD_TABLE, runs)
        print(f"  {name:38} {seconds:6.3f} s")


def _children(pid: int) -> list[int]:
    """All descendants of ``pid`` (workers, the forkserver and its children), from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            parents.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def batch(folder: Path, jobs: int, engine: str = "local") -> tuple[float, float, float, float]:
    """(seconds, peak MB of the main process, of the largest worker, of all together) for one CLI
    run, polling /proc every 20 ms."""
    out = Path(tempfile.mkdtemp(prefix="bench-out-"))
    argv = [
        sys.executable,
        "-m",
        "extractor",
        str(folder),
        "--out",
        str(out),
        "--jobs",
        str(jobs),
        "--quiet",
        "--engine",
        engine,
    ]
    started = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=ROOT)
    peak_main = peak_worker = peak_total = 0.0
    while proc.poll() is None:
        main_mb = _rss_mb(proc.pid)
        workers = [_rss_mb(child) for child in _children(proc.pid)]
        peak_main = max(peak_main, main_mb)
        peak_worker = max([peak_worker, *workers])
        peak_total = max(peak_total, main_mb + sum(workers))
        time.sleep(0.02)
    seconds = time.perf_counter() - started
    shutil.rmtree(out, ignore_errors=True)
    if proc.returncode:
        raise SystemExit(f"bench: the batch run failed with status {proc.returncode}")
    return seconds, peak_main, peak_worker, peak_total


def build_warc(path: Path, pages: list[tuple[str, bytes]], megabytes: int) -> int:
    """Write an uncompressed WARC of at least ``megabytes`` MB of response records, the corpus
    pages in turn under new addresses; return the number of records."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    count = 0
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        while fh.tell() < megabytes * 2**20:
            name, data = pages[count % len(pages)]
            http = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html"), ("Content-Length", str(len(data)))], protocol="HTTP/1.1"
            )
            uri = f"http://bench.example/{count}/{name}"
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(data), http_headers=http))
            count += 1
    return count


def warc_memory(pages: list[tuple[str, bytes]], megabytes: int, reference: int = 50) -> None:
    print(f"\nWARC memory: {megabytes} MB against {reference} MB, through the CLI at --jobs 2")
    with tempfile.TemporaryDirectory(prefix="bench-warc-") as tmp:
        figures = {}
        for size in (reference, megabytes):
            path = Path(tmp) / f"{size}.warc"
            records = build_warc(path, pages, size)
            seconds, main_mb, worker_mb, total_mb = batch(path, 2)
            path.unlink()
            figures[size] = (main_mb, total_mb)
            print(
                f"  {size:5d} MB  {records:6d} pages  {seconds:7.1f} s  peak RSS: main {main_mb:6.1f} MB, "
                f"largest worker {worker_mb:6.1f} MB, all {total_mb:6.1f} MB"
            )
    (small_main, small_all), (large_main, large_all) = figures[reference], figures[megabytes]
    print(
        f"  peak memory, {megabytes} vs {reference} MB: ×{large_all / small_all:.2f} all processes, "
        f"×{large_main / small_main:.2f} main (target ≤ 1.5)"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--passes", type=int, default=7, help="alternating passes over the corpus (default 7)")
    ap.add_argument("--no-batch", action="store_true", help="skip the whole-batch runs")
    ap.add_argument("--no-growth", action="store_true", help="skip the growth figures")
    ap.add_argument(
        "--warc-mb",
        type=int,
        default=1024,
        help="size of the large WARC of the memory check, MB (default 1024; 0: skip)",
    )
    ap.add_argument("--only-warc", action="store_true", help="only the WARC memory check")
    ap.add_argument("--no-startup", action="store_true", help="skip the start-up figures")
    ap.add_argument("--runs", type=int, default=7, help="runs per start-up figure (default 7)")
    args = ap.parse_args(argv)
    if args.only_warc:
        if PAGES.is_dir() and args.warc_mb:
            warc_memory([(p.name, p.read_bytes()) for p in sorted(PAGES.glob("*.html"))], args.warc_mb)
        return 0
    if not args.no_growth:
        growth()
        print()
    if not PAGES.is_dir():
        print("bench: ../shared/corpus is absent; nothing to measure.")
        return 0
    pages = [(p.name, p.read_bytes()) for p in sorted(PAGES.glob("*.html"))]
    print(
        f"Per-page cost on {len(pages)} corpus pages, median of {args.passes} alternating passes (ms/page; "
        f"load average {os.getloadavg()[0]:.1f})"
    )
    results = per_page(pages, args.passes)
    ours = results["extractor.extract_page"]
    print(f"  {'':38} {'wall':>8}     {'CPU':>8}")
    for name, (ms, cpu) in results.items():
        ratio = f"{ms / ours[0]:5.2f}× ours (CPU {cpu / ours[1]:5.2f}×)" if name != "extractor.extract_page" else ""
        print(f"  {name:38} {ms:8.2f} ms  {cpu:8.2f} ms  {ratio}")
    traf = results.get("trafilatura.extract(with_metadata)")
    if traf:
        print(
            f"  extract_page / trafilatura = {ours[0] / traf[0]:.2f} wall, {ours[1] / traf[1]:.2f} CPU  (target ≤ 0.20)"
        )
    lxml_ms = results["lxml document_fromstring"]
    print(
        f"  extract_page / lxml parse = {ours[0] / lxml_ms[0]:.1f} wall, {ours[1] / lxml_ms[1]:.1f} CPU  (target ≤ 6)"
    )
    if not args.no_startup:
        print()
        startup(pages, args.runs)
    if args.no_batch:
        return 0
    print(
        "\nWhole batch through the CLI (wall time, throughput, peak resident memory; "
        f"load average {os.getloadavg()[0]:.1f})"
    )
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp:
        small = Path(tmp) / "corpus"
        large = Path(tmp) / "corpus-20"
        small.mkdir()
        large.mkdir()
        for name, _data in pages:
            os.link(PAGES / name, small / name)
            for copy in range(COPIES):
                os.link(PAGES / name, large / f"{copy:02d}_{name}")
        few, many = len(pages), COPIES * len(pages)  # the counts the figures are printed for
        rows = []
        for folder, count in ((small, few), (large, many)):
            for jobs in (1, 2):
                seconds, main_mb, worker_mb, total_mb = batch(folder, jobs)
                rows.append((count, jobs, seconds, main_mb, worker_mb, total_mb))
                print(
                    f"  {count:5d} pages  --jobs {jobs}  {seconds:6.2f} s  {count / seconds:7.1f} pages/s  "
                    f"peak RSS: main {main_mb:6.1f} MB, largest worker {worker_mb:6.1f} MB, all {total_mb:6.1f} MB"
                )
        try:
            import dask  # noqa: F401
        except ImportError:
            print("  (the dask extra is not installed: no dask figures)")
        else:
            seconds, main_mb, worker_mb, total_mb = batch(large, 2, engine="dask")
            local = next(r for r in rows if r[0] == many and r[1] == 2)
            print(
                f"  {many:5d} pages  --jobs 2 --engine dask  {seconds:6.2f} s  {many / seconds:7.1f} pages/s  "
                f"peak RSS all {total_mb:6.1f} MB; ×{seconds / local[2]:.2f} the local engine's time"
            )
        for count in (few, many):
            one, two = (next(r for r in rows if r[0] == count and r[1] == jobs) for jobs in (1, 2))
            print(
                f"  --jobs 2 / --jobs 1 throughput at {count} pages: ×{one[2] / two[2]:.2f} "
                "(target ≥ 1.7 at 1,200 or more)"
            )
        for jobs in (1, 2):
            a = next(r for r in rows if r[0] == few and r[1] == jobs)
            b = next(r for r in rows if r[0] == many and r[1] == jobs)
            print(
                f"  peak memory, {many} vs {few} pages at --jobs {jobs}: ×{b[5] / a[5]:.2f} all processes, "
                f"×{b[3] / a[3]:.2f} main (target ≤ 1.5)"
            )
    if args.warc_mb:
        warc_memory(pages, args.warc_mb)
    return 0


if __name__ == "__main__":
    sys.exit(main())
