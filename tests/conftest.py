"""Shared fixtures: the team's material next to the project (skipped cleanly when absent)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
CASES = Path(__file__).parent / "cases"
GOLDEN = Path(__file__).parent / "golden"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"


def load_cases(name: str) -> list[dict]:
    """The cases of ``tests/cases/NAME``: a list of objects, each with a ``label`` (unique in its
    file: it is the test id, so that a failure says which case failed) and a ``text``. A file that
    breaks this is refused with its name and the case's position."""
    cases = json.loads((CASES / name).read_text(encoding="utf-8"))
    seen: set[str] = set()
    for index, case in enumerate(cases):
        label = case.get("label")
        if not isinstance(label, str) or not label.strip():
            raise ValueError(f"{name}: case {index} ({case.get('text', '')[:20]!r}) has no label")
        if label in seen:
            raise ValueError(f"{name}: case {index} repeats the label {label!r}")
        if not isinstance(case.get("text"), str):
            raise ValueError(f"{name}: case {index} ({label!r}) has no text")
        seen.add(label)
    return cases


def outcome(result) -> str:
    """What an engine made of one input: ``ok`` for an extracted page
    (:class:`extractor.records.Extracted`), else the error of its :class:`extractor.records.Failure`."""
    from extractor.records import Extracted, Failure

    if isinstance(result, Extracted):
        return "ok"
    assert isinstance(result, Failure), result
    return result.error


def case_ids(cases: list[dict]) -> list[str]:
    """Test ids of ``cases``: their labels."""
    return [case["label"] for case in cases]


@pytest.fixture(scope="session")
def corpus_pages() -> Path:
    pages = CORPUS / "pages"
    if not pages.is_dir():
        pytest.skip("../shared/corpus is absent")
    return pages


@pytest.fixture(scope="session")
def manifest(corpus_pages) -> dict[str, dict]:
    with open(CORPUS / "MANIFEST.tsv", encoding="utf-8") as fh:
        return {row["file"]: row for row in csv.DictReader(fh, delimiter="\t")}


@pytest.fixture()
def slow_batch(tmp_path):
    """40 pages of 6,000 table rows each (a few seconds of work), and an output folder holding
    an earlier run's claims.csv."""
    pages = tmp_path / "pages"
    pages.mkdir()
    rows = "".join(f"<tr><td>第{i}项</td><td>{i}</td></tr>" for i in range(6000))
    page = f"<html><body><p>明细如下，请审阅。</p><table><tr><th>项目</th><th>金额（万元）</th></tr>{rows}</table></body></html>"
    for i in range(40):
        (pages / f"t{i:02d}.html").write_text(page, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "claims.csv").write_text("earlier run\n", encoding="utf-8")
    return pages, out
