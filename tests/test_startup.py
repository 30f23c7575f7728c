"""Start-up: what each process imports. pandas, pyarrow and dask load only where a table is built
(the main process's writer) or an engine needs them; ``extractor --help`` and the workers never
load them, and ``--help`` does not load the extraction stages either."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT, SAMPLES

#: Libraries that only a table (pandas, pyarrow) or the dask engine needs.
TABLE_LIBRARIES = ("pandas", "pyarrow", "numpy", "dask", "distributed")


def _loaded(code: str, also: tuple[str, ...] = ()) -> list[str]:
    """The modules of interest (and those named in ``also``) loaded after running ``code`` in a
    fresh interpreter."""
    probe = (
        f"{code}\nimport sys, json\n"
        f"print(json.dumps(sorted(m for m in {(*TABLE_LIBRARIES, 'extractor.pipeline', 'lxml', *also)!r} if m in sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_help_loads_neither_tables_nor_stages():
    code = "import contextlib, io\nfrom extractor.cli import main\nwith contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()): main(['--help'])"
    assert _loaded(code) == []


def test_a_worker_extracts_a_page_without_the_table_libraries_or_the_table_code():
    # what a worker process runs: the engine and the stages its forkserver preloads, then pages;
    # it hands on records, and only the process that writes the tables makes rows of them
    page = SAMPLES / "data_table.html"
    code = (
        "import extractor.run.engine, extractor.pipeline\n"
        f"result = extractor.run.engine.process_file({str(page)!r})\n"
        "assert result.extraction.claims, result"
    )
    assert _loaded(code, also=("extractor.run.table", "extractor.run.write")) == ["extractor.pipeline", "lxml"]


def test_the_public_names_load_on_first_use():
    assert _loaded("import extractor") == []
    assert _loaded("import extractor\nextractor.find_numbers('三')") == []
    assert "pandas" in _loaded("import extractor\nextractor.extract([])")
