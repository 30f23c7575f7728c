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


def main(argv: list[str] | None = None) -> int:
    verbose = "--verbose" in (argv if argv is not None else sys.argv[1:])
    if not PAGES.is_dir():
        print("eval_claims: ../shared/corpus is absent; nothing to score.")
        return 0
    pages = {k: v for k, v in json.loads(ANNOTATIONS.read_text(encoding="utf-8")).items() if not k.startswith("_")}
    tp = fp = fn = subject_ok = 0
    print("Claims on annotated corpus pages (a claim matches an annotation with the same text and value)")
    print(f"{'page':40} {'gold':>5} {'found':>6} {'P':>6} {'R':>6} {'subject':>8}")
    for name, gold in pages.items():
        result = extract_page((PAGES / name).read_bytes(), name)
        open_gold = list(gold)
        hits = subjects = 0
        misses = []
        for claim in result.claims:
            match = next((g for g in open_gold if g["text"] == claim.text and Decimal(g["value"]) == claim.value), None)
            if match is None:
                misses.append(f"    extra: {claim.text} ({claim.kind}) subject {claim.subject!r}")
                continue
            open_gold.remove(match)
            hits += 1
            subjects += claim.subject in match["subjects"]
        misses.extend(f"    missed: {g['text']}" for g in open_gold)
        p = hits / len(result.claims) if result.claims else 1.0
        r = hits / len(gold) if gold else 1.0
        print(f"{name[:40]:40} {len(gold):5d} {len(result.claims):6d} {p:6.3f} {r:6.3f} {subjects / max(hits, 1):8.3f}")
        if verbose:
            print("\n".join(misses))
        tp += hits
        fp += len(result.claims) - hits
        fn += len(open_gold)
        subject_ok += subjects
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    print(f"{'ALL':40} {tp + fn:5d} {tp + fp:6d} {precision:6.3f} {recall:6.3f} {subject_ok / max(tp, 1):8.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
