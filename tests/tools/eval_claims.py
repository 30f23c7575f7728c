"""Claims on annotated real pages (``make eval``): precision, recall and subject accuracy.

The annotations in tests/cases/corpus_claims.json list, for some ../shared/corpus pages, every
claim a reader would take from the article: its text, kind, value and an acceptable subject (any
of several spellings). A predicted claim matches an annotated one with the same text and value;
its subject counts as right when it equals one of the accepted subjects. Exits 0 and says so when
../shared is absent.
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from extractor import extract_page  # noqa: E402

PAGES = ROOT.parent / "shared" / "corpus" / "pages"
ANNOTATIONS = ROOT / "tests" / "cases" / "corpus_claims.json"


def main() -> int:
    if not PAGES.is_dir():
        print("eval_claims: ../shared/corpus is absent; nothing to score.")
        return 0
    pages = json.loads(ANNOTATIONS.read_text(encoding="utf-8"))
    tp = fp = fn = subject_ok = 0
    print("Claims on annotated corpus pages (match: same text and value)")
    print(f"{'page':40} {'gold':>5} {'found':>6} {'P':>6} {'R':>6} {'subject':>8}")
    for name, gold in pages.items():
        result = extract_page((PAGES / name).read_bytes(), name)
        want = {(g["text"], Decimal(g["value"])): g for g in gold}
        got = {(c.text, c.value): c for c in result.claims}
        hits = [k for k in got if k in want]
        subjects = sum(1 for k in hits if got[k].subject in want[k]["subjects"])
        p = len(hits) / len(got) if got else 1.0
        r = len(hits) / len(want) if want else 1.0
        print(f"{name[:40]:40} {len(want):5d} {len(got):6d} {p:6.3f} {r:6.3f} {subjects / max(len(hits), 1):8.3f}")
        tp += len(hits)
        fp += len(got) - len(hits)
        fn += len(want) - len(hits)
        subject_ok += subjects
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    print(f"{'ALL':40} {tp + fn:5d} {tp + fp:6d} {precision:6.3f} {recall:6.3f} {subject_ok / max(tp, 1):8.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
