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
    shipped = PYPROJECT["tool"]["setuptools"]["package-data"]["extractor"]
    assert {"py.typed", "numeral_words.txt"} <= set(shipped)
    assert all((ROOT / "extractor" / name).is_file() for name in shipped)
