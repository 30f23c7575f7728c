"""The stored snapshot of the corpus documents (tests/golden/corpus_documents.json).

For every page of ../shared/corpus/pages: title, published, status, url, warning, paragraphs,
duplicates_removed, the body's length and its SHA-256, and the SHA-256 of its paragraphs'
kinds, table numbers and header cells (what the claim stage reads besides the text). The body
itself stays out of the repository, as the corpus does; claims are not part of it, so that
the claim stage can change without touching the article's snapshot. tests/test_snapshot.py compares a fresh run with it, so a change
meant to keep output identical (a refactor, a speed-up) proves it does.

    python tests/tools/snapshot.py           # print the pages whose fields differ from the snapshot
    python tests/tools/snapshot.py --write   # store a new snapshot (after a change of output)

Exits 0 and says so when ../shared is absent.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from extractor import extract_page  # noqa: E402

PAGES = ROOT.parent / "shared" / "corpus" / "pages"
SNAPSHOT = ROOT / "tests" / "golden" / "corpus_documents.json"


def snapshot(pages: Path = PAGES) -> dict[str, dict]:
    """The snapshot fields of every corpus page, by file name."""
    out = {}
    for path in sorted(pages.glob("*.html")):
        doc = extract_page(path.read_bytes(), path.name).document
        layout = json.dumps([(p.kind, p.table, p.header) for p in doc.paragraphs], ensure_ascii=False)
        out[path.name] = {
            "title": doc.title,
            "published": doc.published,
            "status": doc.status,
            "url": doc.url,
            "warning": doc.warning,
            "paragraphs": len(doc.paragraphs),
            "duplicates_removed": doc.duplicates_removed,
            "chars": len(doc.body),
            "body_sha256": hashlib.sha256(doc.body.encode("utf-8")).hexdigest(),
            "layout_sha256": hashlib.sha256(layout.encode("utf-8")).hexdigest(),
        }
    return out


def differences(stored: dict[str, dict], fresh: dict[str, dict]) -> list[str]:
    """One line per page and field that differs (pages missing on either side included)."""
    lines = []
    for name in sorted(set(stored) | set(fresh)):
        old, new = stored.get(name), fresh.get(name)
        if old is None or new is None:
            lines.append(f"{name}: {'new page' if old is None else 'page gone'}")
            continue
        for field in sorted(set(old) | set(new)):
            if old.get(field) != new.get(field):
                lines.append(f"{name}: {field} {old.get(field)!r} -> {new.get(field)!r}")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="store a new snapshot")
    args = ap.parse_args(argv)
    if not PAGES.is_dir():
        print("snapshot: ../shared/corpus is absent; nothing to compare.")
        return 0
    fresh = snapshot()
    if args.write:
        SNAPSHOT.write_text(json.dumps(fresh, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"snapshot: {len(fresh)} pages written to {SNAPSHOT.relative_to(ROOT)}")
        return 0
    lines = differences(json.loads(SNAPSHOT.read_text(encoding="utf-8")), fresh)
    print("\n".join(lines) or f"snapshot: all {len(fresh)} pages identical")
    return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main())
