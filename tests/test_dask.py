"""The Dask engine: the same tables as the local engine, on a small local cluster."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

import extractor
from conftest import ROOT, SAMPLES, outcome
from extractor.cli import main

pytestmark = pytest.mark.dask
distributed = pytest.importorskip(
    "distributed", reason="the dask extra is not installed: pip install 'extractor[dask]'"
)


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c


def assert_same(a, b):
    pd.testing.assert_frame_equal(a.claims, b.claims)
    pd.testing.assert_frame_equal(a.documents, b.documents)
    pd.testing.assert_frame_equal(a.errors, b.errors)


def test_dask_cluster_gives_the_local_tables(cluster, tmp_path):
    (tmp_path / "bad.html").write_bytes(b"\x89PNG\r\n\x1a\n")
    paths = [SAMPLES, tmp_path / "bad.html"]
    local = extractor.extract(paths, jobs=2)
    on_cluster = extractor.extract(paths, jobs=2, engine="dask", scheduler=cluster.scheduler_address)
    assert_same(local, on_cluster)
    assert len(on_cluster.errors) == 1 and len(on_cluster.claims) > 50


def test_dask_local_processes_give_the_local_tables():
    assert_same(extractor.extract(SAMPLES), extractor.extract(SAMPLES, jobs=2, engine="dask"))


@pytest.mark.corpus
def test_dask_cluster_on_the_corpus(cluster, corpus_pages):
    local = extractor.extract(corpus_pages, jobs=2)
    assert_same(local, extractor.extract(corpus_pages, jobs=2, engine="dask", scheduler=cluster.scheduler_address))


def test_cli_dask_engine_writes_the_same_files(cluster, tmp_path):
    a, b = tmp_path / "local", tmp_path / "dask"
    assert main([str(SAMPLES), "--out", str(a), "-q", "--format", "parquet"]) == 0
    assert (
        main(
            [
                str(SAMPLES),
                "--out",
                str(b),
                "-q",
                "--format",
                "parquet",
                "--engine",
                "dask",
                "--scheduler",
                cluster.scheduler_address,
            ]
        )
        == 0
    )
    for name in ("claims", "documents", "errors"):
        pd.testing.assert_frame_equal(pd.read_parquet(a / f"{name}.parquet"), pd.read_parquet(b / f"{name}.parquet"))


def test_scheduler_without_dask_engine_is_a_usage_error(tmp_path):
    with pytest.raises(SystemExit) as info:
        main([str(SAMPLES), "--out", str(tmp_path), "--scheduler", "tcp://127.0.0.1:1"])
    assert info.value.code == 2


def test_unreachable_scheduler_is_reported(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("extractor.run.engine.SCHEDULER_TIMEOUT", "2s")
    code = main([str(SAMPLES), "--out", str(tmp_path), "-q", "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"])
    assert code == 2
    assert "could not reach the dask scheduler" in capsys.readouterr().err


def test_a_page_that_kills_its_worker_on_a_cluster_is_a_row(cluster, tmp_path):
    from test_batch import slow_or_crashing

    from extractor.run.engine import Options, run_dask

    for i in range(4):
        (tmp_path / f"p{i}.html").write_bytes((SAMPLES / "data_table.html").read_bytes())
    (tmp_path / "crash.html").write_bytes((SAMPLES / "data_table.html").read_bytes())
    inputs = sorted(str(p) for p in tmp_path.iterdir())
    results = {}
    run_dask(inputs, Options(jobs=2, chunk=2), results.__setitem__, cluster.scheduler_address, work=slow_or_crashing)
    kinds = {Path(inputs[i]).name: outcome(r) for i, r in results.items()}
    assert kinds == {"crash.html": "worker_died", **{f"p{i}.html": "ok" for i in range(4)}}
    message = results[inputs.index(str(tmp_path / "crash.html"))].message
    assert "exit code None" not in message and "exit status 3" in message


def test_the_page_time_limit_holds_on_a_cluster(cluster, tmp_path):
    from test_batch import slow_or_crashing

    from extractor.run.engine import Options, run_dask

    for name in ("a.html", "slow.html", "z.html"):
        (tmp_path / name).write_bytes((SAMPLES / "data_table.html").read_bytes())
    inputs = sorted(str(p) for p in tmp_path.iterdir())
    results = {}
    started = time.monotonic()
    options = Options(jobs=2, chunk=8, page_timeout=2.0)
    run_dask(inputs, options, results.__setitem__, cluster.scheduler_address, work=slow_or_crashing)
    assert time.monotonic() - started < 40
    kinds = [outcome(r) for _i, r in sorted(results.items())]
    assert kinds == ["ok", "timeout", "ok"]


def kills_its_dask_worker(source: str, max_bytes: int):
    """A per-page function for the test below: on killer.html it kills the dask worker itself
    (the parent of the child process that runs pages), as the out-of-memory killer would."""
    import os
    import signal

    from extractor.run.engine import process_file

    if Path(source).name == "killer.html":
        os.kill(os.getppid(), signal.SIGKILL)
        time.sleep(10)
    return process_file(source, max_bytes)


def test_a_page_that_kills_the_dask_worker_itself_is_a_row_and_is_not_retried_forever(tmp_path):
    import dask

    from extractor.run.engine import Options, run_dask

    for name in ("a.html", "killer.html", "z.html"):
        (tmp_path / name).write_bytes((SAMPLES / "data_table.html").read_bytes())
    inputs = sorted(str(p) for p in tmp_path.iterdir())
    results = {}
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 1}),
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster,
    ):
        run_dask(
            inputs, Options(jobs=2, chunk=3), results.__setitem__, cluster.scheduler_address, kills_its_dask_worker
        )
    kinds = [outcome(r) for _i, r in sorted(results.items())]
    assert kinds == ["ok", "worker_died", "ok"]
    assert "dask worker died" in results[1].message


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_a_stop_signal_ends_a_dask_run_at_once_and_starts_no_more_pages(slow_batch):
    """The dask threads must not go on with their queued tasks (starting new child processes for
    them) after the run was stopped: the process ends within seconds, as on the local engine."""
    pages, out = slow_batch
    proc = subprocess.Popen(
        [sys.executable, "-m", "extractor", str(pages), "--out", str(out), "-j", "2", "--engine", "dask"],
        cwd=ROOT, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )  # fmt: skip
    time.sleep(6)
    assert proc.poll() is None, "the batch ended before the signal"
    os.killpg(proc.pid, signal.SIGTERM)
    sent = time.monotonic()
    _, err = proc.communicate(timeout=120)
    waited = time.monotonic() - sent
    assert proc.returncode == 143, err
    assert waited < 15, f"the run went on for {waited:.0f} s after SIGTERM"
    lines = [line for line in err.strip().splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in err and "SIGTERM" in lines[0], err
    assert (out / "claims.csv").read_text(encoding="utf-8") == "earlier run\n"
    assert not list(out.glob(".*.tmp"))


def stamps_its_start(source: str, max_bytes: int):
    """A per-page function for the test below: writes when the page started next to it."""
    from extractor.run.engine import process_file

    Path(source + ".started").write_text(repr(time.time()), encoding="utf-8")
    return process_file(source, max_bytes)


def test_local_dask_pages_go_on_while_the_writer_takes_the_last_results(tmp_path):
    """The next wave of tasks runs while the sink (the writer) handles the wave before, as the
    local engine's workers go on while its writer works; it does not wait for the writer."""
    from extractor.run import engine

    wave = engine.WAVE_TASKS  # one thread, one page per task: a wave of this many pages
    inputs = []
    for i in range(wave + wave // 2):
        (tmp_path / f"p{i:02d}.html").write_bytes((SAMPLES / "data_table.html").read_bytes())
        inputs.append(str(tmp_path / f"p{i:02d}.html"))
    sunk = {}

    def slow_sink(index, result):
        time.sleep(0.5)
        sunk[index] = (outcome(result), time.time())

    engine.run_dask(inputs, engine.Options(jobs=1, chunk=1), slow_sink, work=stamps_its_start)
    assert [sunk[i][0] for i in range(len(inputs))] == ["ok"] * len(inputs)
    next_wave_started = float(Path(inputs[wave] + ".started").read_text(encoding="utf-8"))
    assert next_wave_started < sunk[wave - 1][1], "the next wave waited for the writer"
