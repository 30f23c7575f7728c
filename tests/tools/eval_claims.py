"""Claims on hand-annotated corpus pages (``make eval``): precision, recall, wrong values, subjects,
and the meaning fields (direction, baseline, period).

The annotation sets live in tests/cases/, each a JSON object mapping a ../shared/corpus page to
the claims a reader takes from its article:

* ``corpus_claims.json`` — the first pages, which rules were written from (tuning set);
* ``heldout_dev.json`` — 20 pages annotated before extractor's output on them was read, and scored
  before any rule was changed for them (development set: the rules were then fixed from it);
* ``heldout_test.json`` — 10 pages annotated the same way and never used to write a rule (test set).
* ``heldout_fresh.json`` — 10 more pages annotated after the meaning rules were written on the
  development set, with ``period_start``/``period_end`` and ``section`` too (fresh set).
* ``heldout_fresh2.json`` — 18 more pages annotated after the subject rules were fixed on the sets
  above, scored once before any rule was changed for them (second fresh set).
* ``agreement_test_periods.json`` — the test set's periods annotated again, blind, by a second
  annotator: not a set of its own, scored with ``--gold`` to measure agreement.
* ``heldout_fresh3.json`` — the last 11 corpus pages, annotated blind after the period and section
  rules of stop 17 (third fresh set; few claims: most of these pages hold durations, dates and labels).

A gold claim is located in the extracted body by its ``near`` snippet (whitespace-insensitive) and
its ``text`` inside it. A predicted claim **matches** a gold claim when their spans overlap and the
values are equal; when they overlap with a different value it is a **wrong value** (counted as one
false positive and one miss, and listed: a wrong value is worse than a miss). A gold claim whose
snippet is not in the body (the cleaner dropped it) is a miss. Subjects are right when the predicted
subject is one of the accepted spellings (``strict``) or contains / is contained in one of them with
at least two characters in common (``lenient``).

Exits 0 and says so when ../shared is absent. ``--verbose`` lists every miss, extra and wrong value;
``--set NAME`` scores one set.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from extractor import extract_page  # noqa: E402

PAGES = ROOT.parent / "shared" / "corpus" / "pages"
CASES = ROOT / "tests" / "cases"
SETS = {
    "tuning": "corpus_claims.json",
    "dev": "heldout_dev.json",
    "test": "heldout_test.json",
    "fresh": "heldout_fresh.json",
    "fresh2": "heldout_fresh2.json",
    "fresh3": "heldout_fresh3.json",
}


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    hits: int = 0
    wrong: int = 0
    subject_strict: int = 0
    subject_lenient: int = 0
    kinds: dict = field(default_factory=dict)  # kind -> [gold, hits]
    direction_ok: int = 0
    direction_n: int = 0
    differences: int = 0
    differences_found: int = 0
    baseline_ok: int = 0
    baseline_n: int = 0
    period_ok: int = 0
    period_n: int = 0
    section_ok: int = 0
    section_n: int = 0
    dates_ok: int = 0
    dates_n: int = 0
    meaning_lines: list[str] = field(default_factory=list)
    lines: list = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in vars(self):
            if name == "kinds":
                for k, (g, h) in other.kinds.items():
                    mine = self.kinds.setdefault(k, [0, 0])
                    mine[0] += g
                    mine[1] += h
            elif name != "lines":
                setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def precision(self) -> float:
        return self.hits / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.hits / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _squeeze(text: str) -> tuple[str, list[int]]:
    """``text`` without white space, and for each kept character its offset in ``text``."""
    kept, where = [], []
    for i, ch in enumerate(text):
        if not ch.isspace():
            kept.append(ch)
            where.append(i)
    return "".join(kept), where


def locate(body: str, squeezed: tuple[str, list[int]], gold: dict, used: set[int]) -> tuple[int, int] | None:
    """The span of ``gold['text']`` in ``body``, found through its ``near`` snippet."""
    flat, where = squeezed
    near, _ = _squeeze(gold.get("near") or gold["text"])
    text, _ = _squeeze(gold["text"])
    at = flat.find(near)
    inner = near.find(text)
    while inner > 0 and (near[inner - 1].isdigit() or near[inner - 1] in ".,"):
        inner = near.find(text, inner + 1)  # 6起 inside 16起: the gold is the whole number
    while at >= 0:
        if inner >= 0:
            s = where[at + inner]
            e = where[at + inner + len(text) - 1] + 1
            if s not in used:
                return s, e
        at = flat.find(near, at + 1)
    return None


def _decimal(value) -> Decimal | None:
    try:
        return Decimal(str(value))
    except (InvalidOperation, TypeError):
        return None


def _same(a: Decimal | None, b: Decimal | None) -> bool:
    if a is None or b is None:
        return False
    return abs(a - b) <= abs(b) * Decimal("1e-9")


def _lenient(subject: str, accepted: list[str]) -> bool:
    for ok in accepted:
        if subject == ok or (len(subject) >= 2 and len(ok) >= 2 and (subject in ok or ok in subject)):
            return True
    return False


def score_page(name: str, gold: list[dict], verbose: bool) -> Score:
    result = extract_page((PAGES / name).read_bytes(), name)
    body = result.document.body
    squeezed = _squeeze(body)
    score = Score(gold=len(gold), found=len(result.claims))
    used: set[int] = set()
    spans = []
    for g in gold:
        span = locate(body, squeezed, g, used)
        if span:
            used.add(span[0])
        spans.append(span)
    claimed = [False] * len(result.claims)
    for g, span in zip(gold, spans, strict=True):
        kind = g.get("kind", "?")
        score.kinds.setdefault(kind, [0, 0])[0] += 1
        value = _decimal(g.get("value"))
        if span is None:
            score.lines.append(f"    missed (not in body): {g['text']}  «{g.get('near', '')}»")
            continue
        s, e = span
        match = wrong = None
        for i, c in enumerate(result.claims):
            if claimed[i] or c.end <= s or c.start >= e:
                continue
            if _same(c.value, value):
                match = i
                break
            wrong = i if wrong is None else wrong
        if match is None:
            if wrong is not None:
                c = result.claims[wrong]
                claimed[wrong] = True
                score.wrong += 1
                score.lines.append(f"    WRONG VALUE: {c.text} = {c.value} ({c.kind}); gold {g['text']} = {value}")
            else:
                score.lines.append(f"    missed: {g['text']} ({kind})  «{g.get('near', '')}»")
            continue
        claimed[match] = True
        c = result.claims[match]
        score.hits += 1
        score.kinds[kind][1] += 1
        accepted = g.get("subjects") or []
        score.subject_strict += c.subject in accepted
        lenient = _lenient(c.subject, accepted)
        score.subject_lenient += lenient
        if not lenient:
            score.lines.append(f"    subject: {c.text}: {c.subject!r}, gold {accepted}  «{_around(body, c, 24)}»")
        _meaning(score, c, g)
    for i, c in enumerate(result.claims):
        if not claimed[i]:
            score.lines.append(f"    extra: {c.text} ({c.kind}) subject {c.subject!r}  «{_around(body, c)}»")
    return score


def _meaning(score: Score, claim, gold: dict) -> None:
    """Direction, baseline and period of a matched claim, where extractor reports them."""
    if not hasattr(claim, "direction") or "direction" not in gold:
        return  # extractor without the meaning stage, or a set annotated without the meaning fields
    want = gold.get("direction", "")
    score.direction_n += 1
    score.direction_ok += claim.direction == want
    if want:
        score.differences += 1
        score.differences_found += claim.direction == want
    if want or claim.direction:
        score.baseline_n += 1
        score.baseline_ok += (claim.baseline or "") == (gold.get("baseline") or "")
    score.period_n += 1
    score.period_ok += (claim.period or "") == (gold.get("period") or "")
    if "section" in gold:
        score.section_n += 1
        score.section_ok += (claim.section or "") == (gold.get("section") or "")
    if "period_start" in gold:
        score.dates_n += 1
        dates = (claim.period_start, claim.period_end)
        expected = (gold.get("period_start") or "", gold.get("period_end") or "")
        score.dates_ok += dates == expected
        if dates != expected and (claim.period or "") == (gold.get("period") or ""):
            score.meaning_lines.append(f"    dates: {claim.text}: {claim.period!r} {dates}, gold {expected}")
    for name in ("direction", "baseline", "period", "section"):
        if name not in gold and name == "section":
            continue
        got, expect = getattr(claim, name) or "", gold.get(name) or ""
        if got != expect and (name != "baseline" or want or claim.direction):
            score.meaning_lines.append(f"    {name}: {claim.text}: {got!r}, gold {expect!r}  «{gold.get('near', '')}»")


def _around(body: str, claim, before: int = 12) -> str:
    return body[max(0, claim.start - before) : claim.end + 6].replace("\n", " ")


#: Rules of find_numbers whose numbers are not claims for a reason a rule states (a date, an
#: ordinal, a fraction, a duration…); the coverage report leaves them out.
EXPLAINED = ("ordinal", "number:fraction", "number:time", "number:dozen", "number:half", "number:letter")


def coverage(top: int = 50) -> None:
    """Over all corpus bodies: the most frequent (number, next two characters) contexts that gave
    no claim and that no negative rule explains — where recall is lost, to read before writing rules."""
    from collections import Counter

    from extractor import find_numbers

    counts: Counter = Counter()
    examples: dict = {}
    for path in sorted(PAGES.glob("*.html")):
        result = extract_page(path.read_bytes(), path.name)
        body = result.document.body
        claimed = [(c.start, c.end) for c in result.claims]
        for number in find_numbers(body):
            if number.rule in EXPLAINED or any(a <= number.start < b for a, b in claimed):
                continue
            end = number.unit_end if number.unit_end >= 0 else number.end
            key = ("N" if number.text[:1].isdigit() else "C") + " " + body[end : end + 2].replace("\n", "⏎")
            counts[key] += 1
            examples.setdefault(key, f"{path.name}: …{body[max(0, number.start - 8) : end + 6]}…".replace("\n", " "))
    print(
        f"\nCoverage: the {top} most frequent contexts of numbers that made no claim (N = digits, C = Chinese numeral)"
    )
    for key, n in counts.most_common(top):
        print(f"  {n:4d}  {key:8}  {examples[key]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("--meaning", action="store_true", help="list direction, baseline and period mismatches")
    ap.add_argument("--set", choices=sorted(SETS), action="append")
    ap.add_argument("--no-coverage", action="store_true", help="skip the coverage report")
    ap.add_argument(
        "--gold",
        type=Path,
        action="append",
        default=[],
        help="also score this annotation file (same format as the sets)",
    )
    args = ap.parse_args(argv)
    if not PAGES.is_dir():
        print("eval_claims: ../shared/corpus is absent; nothing to score.")
        return 0
    print("Claims on annotated corpus pages (match: overlapping span and equal value)")
    summary = []
    named = [(name, CASES / SETS[name]) for name in (args.set or ([] if args.gold else list(SETS)))]
    for set_name, path in named + [(p.stem, p) for p in args.gold]:
        pages = {k: v for k, v in json.loads(path.read_text(encoding="utf-8")).items() if not k.startswith("_")}
        total = Score()
        print(f"\n[{set_name}] {path.name}")
        print(f"{'page':40} {'gold':>5} {'found':>6} {'P':>6} {'R':>6} {'wrong':>6} {'subj':>6} {'subj~':>6}")
        for name, gold in pages.items():
            s = score_page(name, gold, args.verbose)
            hits = max(s.hits, 1)
            print(
                f"{name[:40]:40} {s.gold:5d} {s.found:6d} {s.precision:6.3f} {s.recall:6.3f} {s.wrong:6d} "
                f"{s.subject_strict / hits:6.3f} {s.subject_lenient / hits:6.3f}"
            )
            if args.verbose:
                print("\n".join(s.lines))
            if args.meaning and s.meaning_lines:
                print(name)
                print("\n".join(s.meaning_lines))
            total.add(s)
        hits = max(total.hits, 1)
        print(
            f"{'ALL':40} {total.gold:5d} {total.found:6d} {total.precision:6.3f} {total.recall:6.3f} "
            f"{total.wrong:6d} {total.subject_strict / hits:6.3f} {total.subject_lenient / hits:6.3f}   F1 {total.f1:.3f}"
        )
        kinds = "  ".join(f"{k} {h}/{g}" for k, (g, h) in sorted(total.kinds.items()))
        print(f"  recall by kind: {kinds}")
        if total.direction_n:
            print(
                f"  direction right {total.direction_ok / total.direction_n:.3f} of {total.direction_n} matched;"
                f" differences found {total.differences_found}/{total.differences};"
                f" baseline {total.baseline_ok / max(total.baseline_n, 1):.3f} of {total.baseline_n};"
                f" period {total.period_ok / max(total.period_n, 1):.3f} of {total.period_n}"
            )
        if total.section_n or total.dates_n:
            print(
                f"  section {total.section_ok / max(total.section_n, 1):.3f} of {total.section_n};"
                f" period dates {total.dates_ok / max(total.dates_n, 1):.3f} of {total.dates_n}"
            )
        summary.append((set_name, total))
    if not args.no_coverage:
        coverage()
    print(
        "\nsummary (subject: lenient; direction: of matched claims; differences: share of the gold differences found)"
    )
    for n, t in summary:
        hits = max(t.hits, 1)
        meaning = (
            f"  direction {t.direction_ok / t.direction_n:.3f}"
            f"  differences {t.differences_found / max(t.differences, 1):.3f}"
            f"  baseline {t.baseline_ok / max(t.baseline_n, 1):.3f}"
            f"  period {t.period_ok / max(t.period_n, 1):.3f}"
            if t.direction_n
            else "  (no meaning fields annotated)"
        )
        print(
            f"  {n:7} P {t.precision:.3f} R {t.recall:.3f} F1 {t.f1:.3f} wrong {t.wrong}"
            f"  subject {t.subject_lenient / hits:.3f}" + meaning
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
