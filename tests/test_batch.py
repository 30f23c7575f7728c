"""Batch runs at scale: hostile input, time limits, dying workers, determinism, interruption."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from hostile import GOOD, make_hostile

from conftest import ROOT, SAMPLES, outcome
from extractor import ExtractError, extract, extract_page
from extractor.cli import main
from extractor.records import Failure
from extractor.run.batch import MemoryTables, Results
from extractor.run.engine import (
    Options,
    PageTimeout,
    process_bytes,
    process_file,
    read_at_most,
    run_local,
    time_limit,
)
from extractor.run.table import CONTEXT_SIDE, claim_rows
from extractor.run.write import FORMULA_STARTS, TableWriter, read_tables

TEXT_COLUMNS = {
    "claims": [
        "doc_id",
        "source",
        "title",
        "published",
        "text",
        "kind",
        "unit",
        "currency",
        "qualifier",
        "subject",
        "bound",
        "rule",
        "context",
    ],
    "documents": ["doc_id", "source", "title", "published", "encoding", "status", "body"],
    "errors": ["source", "stage", "error", "message"],
}


def read(out: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(out / f"{name}.csv", encoding="utf-8-sig", keep_default_na=False, dtype=str)


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile") / "in"
    expect = make_hostile(folder)
    out = folder.parent / "out"
    code = main([str(folder), "--out", str(out), "--jobs", "2", "--quiet"])
    return folder, expect, out, code


def test_hostile_batch_exits_0_and_accounts_for_every_file(hostile_run):
    folder, expect, out, code = hostile_run
    assert code == 0
    docs, errors = read(out, "documents"), read(out, "errors")
    outcome = {Path(s).name: st for s, st in zip(docs.source, docs.status, strict=True)}
    outcome.update({Path(s).name: e for s, e in zip(errors.source, errors.error, strict=True)})
    assert len(docs) + len(errors) == len(expect)
    assert outcome == expect
    assert all(len(m) > 20 for m in errors.message)


def test_hostile_batch_keeps_the_good_pages_exact(hostile_run):
    folder, _expect, out, _code = hostile_run
    claims = read(out, "claims")
    for name in GOOD:
        alone = extract_page((SAMPLES / name).read_bytes(), str(folder / name)).claims
        rows = claims[claims.source == str(folder / name)]
        assert [t.removeprefix("'") for t in rows.text] == [c.text for c in alone]  # CSV neutralises -2.5
        assert [float(v) for v in rows.value] == [float(c.value) for c in alone]
        assert list(rows.subject) == [c.subject for c in alone]


def test_hostile_batch_csv_has_no_formula_cells(hostile_run):
    _folder, _expect, out, _code = hostile_run
    for name, columns in TEXT_COLUMNS.items():
        df = read(out, name)
        for column in columns:
            assert not df[column].str.startswith(FORMULA_STARTS).any(), (name, column)


def slow_or_crashing(source: str, max_bytes: int):
    """A per-page function for the tests: kills its process on crash.html, hangs on slow.html."""
    name = Path(source).name
    if name == "crash.html":
        os._exit(3)
    if name == "slow.html":
        time.sleep(60)
    return process_file(source, max_bytes)


@pytest.fixture()
def small_batch(tmp_path):
    for i in range(6):
        shutil.copy(SAMPLES / "data_table.html", tmp_path / f"p{i}.html")
    return tmp_path


def run(inputs, **options):
    results = {}
    run_local(inputs, Options(**options), lambda i, r: results.__setitem__(i, r), work=slow_or_crashing)
    return [results[i] for i in range(len(inputs))]


def test_a_dying_worker_costs_only_its_page(small_batch):
    (small_batch / "crash.html").write_bytes((SAMPLES / "data_table.html").read_bytes())
    inputs = sorted(str(p) for p in small_batch.iterdir())
    results = run(inputs, jobs=2, chunk=3)
    kinds = {Path(s).name: outcome(r) for s, r in zip(inputs, results, strict=True)}
    assert kinds.pop("crash.html") == "worker_died"
    assert set(kinds.values()) == {"ok"} and len(kinds) == 6
    message = results[inputs.index(str(small_batch / "crash.html"))].message
    assert "exited with exit status 3" in message and "None" not in message


def test_a_page_over_the_time_limit_is_recorded_and_the_batch_goes_on(small_batch):
    (small_batch / "slow.html").write_bytes(b"<p>x</p>")
    inputs = sorted(str(p) for p in small_batch.iterdir())
    started = time.monotonic()
    results = run(inputs, jobs=1, chunk=8, page_timeout=1.0)
    assert time.monotonic() - started < 30
    by_name = {Path(s).name: r for s, r in zip(inputs, results, strict=True)}
    assert outcome(by_name["slow.html"]) == "timeout" and by_name["slow.html"].stage == "timeout"
    assert "--page-timeout" in by_name["slow.html"].message
    assert all(outcome(r) == "ok" for name, r in by_name.items() if name != "slow.html")


def slow_stuck_or_named(source: str, max_bytes: int):
    """A per-page function for the tests: hangs on slow.html, hangs out of the alarm's reach on
    stuck.html (SIGALRM blocked, as in a long call into C), and writes its process id beside
    every other page."""
    name = Path(source).name
    if name == "stuck.html":
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(60)
    if name == "slow.html":
        time.sleep(60)
    Path(source + ".pid").write_text(str(os.getpid()), encoding="utf-8")
    return process_file(source, max_bytes)


def _three_pages(folder: Path, middle: str) -> list[str]:
    for name in ("a.html", middle, "z.html"):
        shutil.copy(SAMPLES / "data_table.html", folder / name)
    return [str(folder / name) for name in ("a.html", middle, "z.html")]


def test_the_workers_own_alarm_stops_a_slow_page_and_the_worker_goes_on(tmp_path):
    inputs = _three_pages(tmp_path, "slow.html")
    results = {}
    started = time.monotonic()
    run_local(inputs, Options(jobs=1, chunk=8, page_timeout=1.0), results.__setitem__, work=slow_stuck_or_named)
    assert time.monotonic() - started < 30
    assert [outcome(results[i]) for i in range(3)] == ["ok", "timeout", "ok"]
    assert "longer than 1 s" in results[1].message
    pids = [(tmp_path / f"{name}.pid").read_text(encoding="utf-8") for name in ("a.html", "z.html")]
    assert pids[0] == pids[1], "the worker was replaced although its alarm stopped the page"


def test_a_page_out_of_the_alarms_reach_is_stopped_by_the_engine(tmp_path):
    inputs = _three_pages(tmp_path, "stuck.html")
    results = {}
    started = time.monotonic()
    run_local(inputs, Options(jobs=1, chunk=8, page_timeout=1.0), results.__setitem__, work=slow_stuck_or_named)
    waited = time.monotonic() - started
    assert waited < 40
    assert [outcome(results[i]) for i in range(3)] == ["ok", "timeout", "ok"]
    pids = [(tmp_path / f"{name}.pid").read_text(encoding="utf-8") for name in ("a.html", "z.html")]
    assert pids[0] != pids[1], "the stuck worker was not replaced"


def test_the_time_limit_stops_its_block_and_leaves_the_alarm_as_it_was():
    def mine(signum, frame):
        pass

    previous = signal.signal(signal.SIGALRM, mine)
    try:
        started = time.monotonic()
        with pytest.raises(PageTimeout), time_limit(0.2):
            time.sleep(10)
        assert time.monotonic() - started < 5
        assert signal.getsignal(signal.SIGALRM) is mine
        with time_limit(10):
            pass
        assert signal.getsignal(signal.SIGALRM) is mine and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    finally:
        signal.signal(signal.SIGALRM, previous)


def test_extract_with_jobs_1_gives_the_same_tables_on_any_thread():
    import threading

    here = extract([str(SAMPLES)], jobs=1)
    elsewhere = []
    thread = threading.Thread(target=lambda: elsewhere.append(extract([str(SAMPLES)], jobs=1)))
    thread.start()
    thread.join(timeout=120)
    for table in ("claims", "documents", "errors"):
        pd.testing.assert_frame_equal(getattr(here, table), getattr(elsewhere[0], table))


def test_one_sink_makes_the_same_rows_counts_and_copies_in_memory_and_on_disk(tmp_path):
    page = (SAMPLES / "data_table.html").read_bytes()
    first, copy = process_bytes(page, "a.html"), process_bytes(page, "b.html")
    empty = Failure("c.html", "read", "empty", "The file is empty.")
    listed = Failure("d.html", "read", "broken_link", "The path is a link to a file that does not exist.")
    claims = len(first.extraction.claims)
    made = {}
    for name, out in (("memory", MemoryTables()), ("disk", TableWriter(tmp_path, "jsonl"))):
        results = Results(out, [listed])
        for index, result in enumerate([first, empty, copy]):
            results(index, result)
        results.finish()
        summary = results.summary
        assert results.done == {0, 1, 2}
        assert (summary.pages, summary.documents, summary.errors) == (4, 2, 2)
        assert (summary.duplicates, summary.claims) == (1, claims) and claims > 0
        if name == "disk":
            out.commit()
        made[name] = out.tables() if name == "memory" else read_tables(tmp_path, "jsonl")
    memory, disk = made["memory"], made["disk"]
    assert list(memory.documents.source) == ["a.html", "b.html"]
    assert list(memory.documents.status) == ["ok", "duplicate"]
    assert list(memory.documents.duplicate_of) == ["", first.extraction.document.doc_id]
    assert list(memory.errors.source) == ["d.html", "c.html"]
    assert set(memory.claims.source) == {"a.html"} and len(memory.claims) == claims
    for table in ("claims", "documents", "errors"):
        pd.testing.assert_frame_equal(getattr(memory, table), getattr(disk, table))


def test_output_does_not_depend_on_jobs_or_path_order(tmp_path):
    pages = tmp_path / "pages"
    shutil.copytree(SAMPLES, pages)
    (pages / "bad.html").write_bytes(b"")
    files = sorted(str(p) for p in pages.iterdir())
    assert main([*files, "--out", str(tmp_path / "a"), "-q", "-j", "1"]) == 0
    assert main([*reversed(files), "--out", str(tmp_path / "b"), "-q", "-j", "2"]) == 0
    for name in ("claims", "documents", "errors"):
        assert (tmp_path / "a" / f"{name}.csv").read_bytes() == (tmp_path / "b" / f"{name}.csv").read_bytes()


def test_files_over_max_bytes_are_recorded_not_read(tmp_path):
    shutil.copy(SAMPLES / "seed_portal_gbk.html", tmp_path / "big.html")
    shutil.copy(SAMPLES / "list_page.html", tmp_path / "small.html")
    out = tmp_path / "out"
    assert (
        main([str(tmp_path / "big.html"), str(tmp_path / "small.html"), "--out", str(out), "-q", "--max-bytes", "5000"])
        == 0
    )
    errors = read(out, "errors")
    assert errors.error.tolist() == ["too_large"] and "--max-bytes" in errors.message[0]


def test_summary_counts_add_up(tmp_path, capsys):
    (tmp_path / "a.html").write_bytes(b"%PDF-1.4")
    shutil.copy(SAMPLES / "data_table.html", tmp_path / "b.html")
    assert main([str(tmp_path), "--out", str(tmp_path / "out")]) == 0
    line = capsys.readouterr().err.strip().splitlines()[-1]
    assert "2 pages → 1 documents" in line and "1 errors" in line


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT delivery differs on Windows")
def test_ctrl_c_stops_cleanly_and_keeps_earlier_tables(slow_batch):
    pages, out = slow_batch
    proc = subprocess.Popen(
        [sys.executable, "-m", "extractor", str(pages), "--out", str(out), "--jobs", "1"],
        cwd=ROOT, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    time.sleep(3)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "not processed" in err
    assert (out / "claims.csv").read_text(encoding="utf-8") == "earlier run\n"
    assert not list(out.glob(".*.tmp"))


# --------------------------------------------------------------------------------------------
# whole-run aborts (issue 12, item 1) and a FIFO swapped in after listing (item 4)


def test_a_self_referencing_link_inside_a_folder_is_a_row(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    shutil.copy(SAMPLES / "data_table.html", pages / "good.html")
    os.symlink("self.html", pages / "self.html")  # ELOOP when followed
    os.symlink("selfdir", pages / "selfdir")
    out = tmp_path / "out"
    assert main([str(pages), "--out", str(out), "-q", "-j", "1"]) == 0
    errors = read(out, "errors")
    assert dict(zip(errors.source, errors.error, strict=True)) == {
        str(pages / "self.html"): "loop",
        str(pages / "selfdir"): "loop",
    }
    assert "itself" in errors.message[0]
    assert read(out, "documents").source.tolist() == [str(pages / "good.html")]


GBK_NAME = "民生资金.html".encode("gbk")


@pytest.mark.parametrize("fmt", ["csv", "parquet", "jsonl"])
def test_a_file_name_that_is_not_utf8_is_read_and_named_readably(tmp_path, fmt):
    pages = tmp_path / "pages"
    pages.mkdir()
    data = (SAMPLES / "data_table.html").read_bytes()
    with open(os.path.join(os.fsencode(pages), GBK_NAME), "wb") as fh:
        fh.write(data)
    with open(os.path.join(os.fsencode(pages), b"\xff\xfe.html"), "wb"):  # neither UTF-8 nor GB18030
        pass
    out = tmp_path / "out"
    assert main([str(pages), "--out", str(out), "-q", "-j", "1", "--format", fmt]) == 0
    from extractor.run.write import read_tables

    tables = read_tables(out, fmt)
    escaped = str(pages) + "/\\xc3\\xf1\\xc9\\xfa\\xd7\\xca\\xbd\\xf0.html"
    assert tables.documents.source.tolist() == [f"{pages}/民生资金.html (file name bytes: {escaped})"]
    assert tables.errors.source.tolist() == [f"{pages}/\\xff\\xfe.html"]
    assert tables.errors.error.tolist() == ["empty"]
    assert len(tables.claims) == len(extract_page(data).claims) > 0


def test_a_fifo_swapped_in_after_listing_never_blocks(tmp_path):
    import threading

    page = tmp_path / "page.html"
    page.write_bytes(b"<p>x</p>")
    page.unlink()
    os.mkfifo(page)
    result = []
    reader = threading.Thread(target=lambda: result.append(process_file(str(page))), daemon=True)
    reader.start()
    reader.join(timeout=10)
    if reader.is_alive():  # unblock the reader before failing
        os.close(os.open(page, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail("reading a FIFO blocked")
    assert outcome(result[0]) == "not_a_file"


def test_size_limit_messages_show_a_readable_size(tmp_path):
    page = tmp_path / "big.html"
    page.write_bytes(b"x" * 12 * 1024)
    result = process_file(str(page), max_bytes=5 * 1024)
    assert outcome(result) == "too_large"
    assert "12.0 KiB" in result.message and "5.0 KiB" in result.message


# --------------------------------------------------------------------------------------------
# quadratic paths (issue 12, item 3); their growth is measured in `make bench`


def test_context_is_bounded_on_a_page_without_sentence_marks():
    clause = "全年发放救助资金3万元，"
    data = f"<html><body><p>{clause * 3000}</p><p>另有困难群众2824人。</p></body></html>".encode()
    result = extract_page(data, "x.html")
    rows = claim_rows(result)
    assert len(rows) == 3001
    assert all(len(r["context"]) <= len(r["text"]) + 2 * CONTEXT_SIDE for r in rows)
    assert rows[1500]["context"] == clause  # the claim's clause
    assert rows[0]["context"] == clause  # from the paragraph's start to the clause mark
    assert rows[-1]["context"] == "另有困难群众2824人。"  # a short sentence stays whole


def test_ranges_and_runs_a_million_characters_long_end_in_a_row(monkeypatch):
    """Each shape either gives its claims or fails as ExtractError, never as a bare TimeoutError
    (the patterns' time bound is made short here so that it is reached; the growth is in
    `make bench`)."""
    from extractor.claims import numerals

    monkeypatch.setattr(numerals, "REGEX_TIMEOUT", 0.2)  # the bound of every long text's patterns
    shapes = {"dash": "1-" * 500_000 + "1万元。", "slash": "1/2" * 333_333 + "万元。"}
    for name, text in shapes.items():
        data = f"<html><body><p>共{text}</p><p>另有困难群众2824人。</p></body></html>".encode()
        try:
            result = extract_page(data, name)
        except ExtractError as exc:
            assert exc.stage == "claims" and exc.error == "timeout", name
        else:
            assert [c.text for c in result.claims][-1] == "2824人", name


def test_scanning_numerals_grows_linearly_with_the_text():
    """numerals.scan on many numerals (1/2/1/2…, the bench's range shape) costs about 10x per 10x
    of text; a copy of the text per numeral made it 70x. Best of three at each size, ratio to 25."""
    import timeit

    from extractor.claims.numerals import fold, scan

    def cost(n: int) -> float:
        text = fold("共" + "1/2" * (n // 3) + "万元。")
        return min(timeit.repeat(lambda: scan(text), number=1, repeat=3))

    small, large = cost(10_000), cost(100_000)
    assert large / small < 25, f"x{large / small:.0f} for 10x the text"


def test_a_run_of_qualifier_words_does_not_time_out(tmp_path):
    page = tmp_path / "qualifiers.html"
    page.write_text(f"<html><body><p>资金{'约近超过' * 25_000}3万元。</p></body></html>", encoding="utf-8")
    results = []
    run_local([str(page)], Options(page_timeout=3.0), lambda _i, r: results.append(r))
    assert outcome(results[0]) == "ok"


# --------------------------------------------------------------------------------------------
# signals and messages (issue 12, item 6)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_sigterm_and_sighup_stop_cleanly_and_keep_earlier_tables(slow_batch, signum, code):
    pages, out = slow_batch
    proc = subprocess.Popen(
        [sys.executable, "-m", "extractor", str(pages), "--out", str(out), "--jobs", "2"],
        cwd=ROOT, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )  # fmt: skip
    time.sleep(4)
    os.killpg(proc.pid, signum)  # the whole group, as a closing terminal or a service manager does
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == code, err
    lines = [line for line in err.strip().splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in err, err
    assert signal.Signals(signum).name in lines[0] and "not processed" in lines[0]
    assert (out / "claims.csv").read_text(encoding="utf-8") == "earlier run\n"
    assert not list(out.glob(".*.tmp"))


def test_a_full_disk_has_its_own_exit_status_and_a_sentence(tmp_path, monkeypatch, capsys):
    import errno

    import extractor.run.write

    out = tmp_path / "out"
    out.mkdir()
    (out / "claims.csv").write_text("earlier run\n", encoding="utf-8")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(extractor.run.write.os, "fsync", full)
    code = main([str(SAMPLES / "data_table.html"), "--out", str(out), "-q", "--report"])
    err = capsys.readouterr().err
    assert code == 74, err
    assert "No space left on device" in err and str(out) in err and "Traceback" not in err
    assert (out / "claims.csv").read_text(encoding="utf-8") == "earlier run\n"
    assert not (out / "report.html").exists()  # no report after a failed write
    assert not list(out.glob(".*.tmp"))


def test_out_under_a_file_or_not_writable_is_refused_before_any_page(tmp_path, monkeypatch, capsys):
    import extractor.run.batch

    def never(*args, **kwargs):
        raise AssertionError("a page was processed")

    monkeypatch.setattr(extractor.run.batch, "run_local", never)
    blocker = tmp_path / "file.txt"
    blocker.write_text("x", encoding="utf-8")
    for out in (blocker, blocker / "sub" / "out"):
        with pytest.raises(SystemExit) as info:
            main([str(SAMPLES), "--out", str(out), "-q"])
        assert info.value.code == 2
        assert str(blocker) in capsys.readouterr().err

    import tempfile

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(SystemExit) as info:
        main([str(SAMPLES), "--out", str(tmp_path / "ro"), "-q"])
    assert info.value.code == 2
    assert "cannot write" in capsys.readouterr().err


def test_context_is_the_sentence_as_segmentation_cut_it():
    from extractor import extract_page
    from extractor.run.table import claim_rows

    filler = "本栏目刊登有关单位发布的工作动态，内容以原文为准，欢迎读者来信来电提出意见和建议。" * 3
    page = (
        f"<html><body><article><p>{filler}</p>"
        "<p>“我们在22962个分子中筛选，终于组合出这个产品。”他说。全市共有企业300家。</p>"
        "<table><tr><th>事项</th><th>决定</th></tr>"
        "<tr><td>处罚</td><td>合计罚款158万元。其中，总公司38万元，分支机构120万元。</td></tr>"
        f"<tr><td>说明</td><td>{filler}其中，总公司38万元，分支机构120万元。</td></tr></table>"
        "</article></body></html>"
    ).encode()
    rows = claim_rows(extract_page(page, "q.html"))
    contexts = {r["text"]: r["context"] for r in rows}
    # the closing quote stays with the sentence it closes, and does not open the next one
    assert contexts["22962个"] == "“我们在22962个分子中筛选，终于组合出这个产品。”"
    assert contexts["300家"] == "全市共有企业300家。"
    # a table row is one sentence: whole when it is short, cut at the sentence inside it that
    # holds the claim when it is longer than the window
    assert contexts["158万元"] == "处罚\t合计罚款158万元。其中，总公司38万元，分支机构120万元。"
    assert [r["context"] for r in rows if r["text"] == "38万元"][-1] == "其中，总公司38万元，分支机构120万元。"


def test_a_file_is_read_up_to_its_limit_in_pieces(tmp_path, monkeypatch):
    import io

    import extractor.run.engine as engine

    monkeypatch.setattr(engine, "READ_PIECE", 10)
    data = bytes(range(256)) * 4
    # what the file was expected to hold, then pieces of READ_PIECE for what it grew by
    assert read_at_most(io.BytesIO(data), 2**40, 100) == data
    assert read_at_most(io.BytesIO(data), 501, 100) == data[:501]
    assert read_at_most(io.BytesIO(data), 2**40, 0) == data
    assert read_at_most(io.BytesIO(b""), 2**40, 0) == b""
    page = tmp_path / "p.html"
    page.write_bytes((SAMPLES / "data_table.html").read_bytes())
    assert process_file(str(page), 2**40).extraction.document.status == "ok"  # no 1 TiB set aside
