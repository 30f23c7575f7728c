"""The claims and documents rows of every corpus page, as one JSON file, to compare two versions.

A change meant to keep output identical (a speed-up) is checked by dumping before and after::

    python tests/tools/claims_dump.py /tmp/before.json
    ... change ...
    python tests/tools/claims_dump.py /tmp/after.json --compare /tmp/before.json

Rows are those the CLI writes (``document_row``, ``claim_rows``), floats as their repr, so that
any difference in any column shows. Exits 1 when ``--compare`` finds a difference; 0 and says so
when ../shared is absent.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from extractor.records import Failure  # noqa: E402
from extractor.run.engine import process_bytes  # noqa: E402
from extractor.run.table import claim_rows, document_row, error_row  # noqa: E402

PAGES = ROOT.parent / "shared" / "corpus" / "pages"


def _plain(value):
    if isinstance(value, float):
        return "nan" if math.isnan(value) else repr(value)
    return value


def dump(pages: Path = PAGES) -> dict[str, list]:
    """Every page's result rows, by file name."""
    out = {}
    for path in sorted(pages.glob("*.html")):
        result = process_bytes(path.read_bytes(), path.name)
        if isinstance(result, Failure):
            kind, rows = "error", [error_row(result)]
        else:
            kind, rows = "ok", [document_row(result.extraction), *claim_rows(result.extraction)]
        out[path.name] = [kind, [{k: _plain(v) for k, v in row.items()} for row in rows]]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", help="JSON file to write")
    ap.add_argument("--compare", metavar="JSON", help="an earlier dump: list the pages whose rows differ")
    args = ap.parse_args(argv)
    if not PAGES.is_dir():
        print("claims_dump: ../shared/corpus is absent; nothing to dump.")
        return 0
    fresh = dump()
    Path(args.out).write_text(json.dumps(fresh, ensure_ascii=False, indent=0, sort_keys=True), encoding="utf-8")
    claims = sum(len(rows) - 1 for status, rows in fresh.values() if status == "ok")
    print(f"claims_dump: {len(fresh)} pages, {claims} claims written to {args.out}")
    if not args.compare:
        return 0
    old = json.loads(Path(args.compare).read_text(encoding="utf-8"))
    differ = [name for name in sorted(set(old) | set(fresh)) if old.get(name) != fresh.get(name)]
    print("\n".join(f"differs: {name}" for name in differ) or "claims_dump: every page identical")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
