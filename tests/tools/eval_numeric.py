"""Score ``extractor.find_numbers`` on the external numeric suite (``make eval``).

Runs find_numbers over ../shared/numeric/cases.jsonl, writes the predictions in the suite's format
and scores them with the suite's own ../shared/numeric/score.py (``--pred``), which prints strict
and lenient recall per kind and the false positives on negative cases. The anchors' figures
(cn2an, JioNLP) are in ../shared/numeric/SOURCES.md. Exits 0 and says so when ../shared is absent.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from extractor import find_numbers  # noqa: E402

SUITE = ROOT.parent / "shared" / "numeric"

ANCHORS = """anchors (lenient recall, from SOURCES.md): cn2an.x number 68.7  money 50.4  percent 47.0 | jionlp.x money 63.5
                                         cn2an.x+w number 73.6 money 56.2 percent 47.0 | jionlp.x+w money 73.7"""


def predictions(cases: list[dict]) -> list[dict]:
    out = []
    for case in cases:
        preds = [
            {"start": n.start, "end": n.end, "value": float(n.value), "kind": n.kind}
            for n in find_numbers(case["text"])
        ]
        out.append({"id": case["id"], "predictions": preds})
    return out


def main(argv: list[str] | None = None) -> int:
    if not (SUITE / "cases.jsonl").exists():
        print("eval_numeric: ../shared/numeric is absent; nothing to score.")
        return 0
    with open(SUITE / "cases.jsonl", encoding="utf-8") as fh:
        cases = [json.loads(line) for line in fh]
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        for row in predictions(cases):
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        pred_path = fh.name
    args = [sys.executable, str(SUITE / "score.py"), "--pred", pred_path, *(argv or sys.argv[1:])]
    print("Numeric expressions: extractor.find_numbers on ../shared/numeric/cases.jsonl")
    result = subprocess.run(args, cwd=SUITE, check=False)
    print(ANCHORS)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
