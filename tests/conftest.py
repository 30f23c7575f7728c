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
    return json.loads((CASES / name).read_text(encoding="utf-8"))


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
