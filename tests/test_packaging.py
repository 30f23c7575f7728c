"""Packaging: one version source, and the type marker shipped with the package."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
import tomllib

import extractor
from conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_version_has_one_source():
    project = PYPROJECT["project"]
    assert "version" not in project and "version" in project["dynamic"]
    assert PYPROJECT["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "extractor.__version__"}
    assert importlib.metadata.version("extractor") == extractor.__version__
    out = subprocess.run([sys.executable, "-m", "extractor", "--version"], cwd=ROOT, capture_output=True, text=True)
    assert out.stdout.strip() == f"extractor {extractor.__version__}"


def test_the_package_ships_its_type_marker_and_data_files():
    data = PYPROJECT["tool"]["setuptools"]["package-data"]
    assert "py.typed" in data["extractor"]
    assert {"numeral_words.txt", "word_classes.txt"} <= set(data["extractor.claims"])
    for package, names in data.items():
        folder = ROOT.joinpath(*package.split("."))
        assert all((folder / name).is_file() for name in names), package
