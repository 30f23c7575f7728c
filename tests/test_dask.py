"""The Dask engine: the same tables as the local engine, on a small local cluster."""

from __future__ import annotations

import pandas as pd
import pytest

import extractor
from conftest import SAMPLES
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
    monkeypatch.setattr("extractor.engine.SCHEDULER_TIMEOUT", "2s")
    code = main([str(SAMPLES), "--out", str(tmp_path), "-q", "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"])
    assert code == 2
    assert "could not reach the dask scheduler" in capsys.readouterr().err
