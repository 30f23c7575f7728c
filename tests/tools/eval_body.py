"""Score body extraction on the shared corpus (``make eval``).

For each corpus page that ships a gold text from its source project (../shared/corpus/
GOLD_MANIFEST.tsv), character-level F1 of our body against the gold, side by side with trafilatura
on the same pages when it is installed. Then, over all corpus pages: pages decoded with replacement
characters, paragraphs of >= 20 characters left twice in a body, and titles still carrying a site
suffix. Exits 0 and says so when ../shared is absent.

Character F1: both texts are reduced to letters and digits (NFKC, case folded); precision and
recall are over the multiset of characters (a bag of characters, so order and layout do not count
but text kept twice or text missing does).
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
from collections import Counter
from pathlib import Path

import lxml.html

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from extractor import extract_page  # noqa: E402
from extractor.article.meta import _SEPARATOR  # noqa: E402
from extractor.text import fold_space, normalize_key  # noqa: E402

SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"


def gold_text(path: Path) -> str:
    """The gold file's text (GBK files decoded, readability's HTML reduced to its text)."""
    data = path.read_bytes()
    if path.name.endswith(".gbk.txt"):
        return data.decode("gb18030")
    text = data.decode("utf-8")
    if path.suffix == ".html":
        root = lxml.html.fragment_fromstring(text, create_parent="div")
        for el in root.iter("p", "div", "br", "li", "h1", "h2", "h3", "tr"):
            el.tail = "\n" + (el.tail or "")
        return root.text_content()
    return text


def char_f1(pred: str, gold: str) -> tuple[float, float, float]:
    p, g = Counter(normalize_key(pred)), Counter(normalize_key(gold))
    overlap = sum((p & g).values())
    if not overlap:
        return 0.0, 0.0, 0.0
    precision = overlap / sum(p.values())
    recall = overlap / sum(g.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


def gold_pages() -> list[tuple[str, Path]]:
    """(page file, gold file) for every gold file that comes from a page's own source project."""
    rows = []
    with open(CORPUS / "GOLD_MANIFEST.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            name = row["file"]
            if name.endswith(".json") or name == "gne_result.txt":
                continue  # whole-benchmark copies and another extractor's output, not gold
            stem = name.split(".")[0]
            page = CORPUS / "pages" / f"{stem}.html"
            if page.exists():
                rows.append((page.name, CORPUS / "gold_from_source" / name))
    return rows


def trafilatura_body(data: bytes) -> str | None:
    try:
        import trafilatura
    except ImportError:
        return None
    return trafilatura.extract(data, with_metadata=False, include_comments=False) or ""


def repeated_paragraphs(body: str) -> list[str]:
    seen, repeats = set(), []
    for line in body.split("\n"):
        key = normalize_key(line)
        if len(key) >= 20:
            if key in seen:
                repeats.append(line)
            seen.add(key)
    return repeats


def title_suffix(title: str, page_title: str) -> str:
    """The site suffix of ``<title>`` if ``title`` still ends with it, else ''."""
    parts = [p for p in _SEPARATOR.split(fold_space(page_title)) if p.strip()]
    if len(parts) < 2:
        return ""
    suffix = parts[-1].strip()
    return suffix if title.strip().endswith(suffix) and title.strip() != suffix else ""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", action="store_true", help="print each page's figures")
    args = ap.parse_args(argv)
    if not (CORPUS / "pages").is_dir():
        print("eval_body: ../shared/corpus is absent; nothing to score.")
        return 0
    print("Body extraction, character F1 against source gold (letters and digits, bag of characters)")
    print(f"{'page':44} {'ours P/R/F1':>20} {'trafilatura P/R/F1':>22}")
    ours, theirs = [], []
    for page, gold_path in gold_pages():
        data = (CORPUS / "pages" / page).read_bytes()
        gold = gold_text(gold_path)
        body = extract_page(data, page).document.body
        p, r, f = char_f1(body, gold)
        ours.append(f)
        traf = trafilatura_body(data)
        cell = "-"
        if traf is not None:
            tp, tr, tf = char_f1(traf, gold)
            theirs.append(tf)
            cell = f"{tp:.3f}/{tr:.3f}/{tf:.3f}"
        print(f"{page[:44]:44} {p:.3f}/{r:.3f}/{f:.3f}  {cell:>22}")
    print(f"{'MEAN over ' + str(len(ours)) + ' pages':44} {'':8}F1 {statistics.mean(ours):.3f}", end="")
    print(f"  {'':10}F1 {statistics.mean(theirs):.3f}" if theirs else "  (trafilatura not installed)")

    bad_decode, repeats, suffixes, statuses = [], [], [], Counter()
    for path in sorted((CORPUS / "pages").glob("*.html")):
        result = extract_page(path.read_bytes(), path.name)
        doc = result.document
        statuses[doc.status] += 1
        if doc.replacements:
            bad_decode.append(f"{path.name} ({doc.replacements})")
        for line in repeated_paragraphs(doc.body):
            repeats.append(f"{path.name}: {line[:50]}")
        raw_title = _page_title(path.read_bytes())
        suffix = title_suffix(doc.title, raw_title)
        if suffix:
            suffixes.append(f"{path.name}: {doc.title!r} keeps {suffix!r}")
        if args.verbose:
            print(
                f"  {path.name[:40]:40} {doc.status:10} paragraphs={len(doc.paragraphs):3} "
                f"removed={doc.duplicates_removed:3} claims={len(result.claims):3} title={doc.title[:30]!r}"
            )
    total = sum(statuses.values())
    print(f"\nAll {total} corpus pages: status {dict(statuses)}")
    print(f"  decoded with replacement characters: {len(bad_decode)} {bad_decode or ''}")
    print(f"  paragraphs (>= 20 chars) left twice in a body: {len(repeats)}")
    for line in repeats[:20]:
        print(f"    {line}")
    print(f"  titles still carrying a site suffix: {len(suffixes)}")
    for line in suffixes:
        print(f"    {line}")
    return 0


def _page_title(data: bytes) -> str:
    from extractor.article.load import load

    page = load(data, "")
    root = lxml.html.document_fromstring(page.text.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    el = root.find(".//title")
    return el.text_content() if el is not None else ""


if __name__ == "__main__":
    sys.exit(main())
