"""Stage 3 — drop repeated paragraphs inside one page: :class:`Cleaned` → :class:`Document`.

Saved pages often print the article twice (a desktop and a mobile or elder-mode copy, a second
section, a hidden copy for a read-aloud widget). The copies are rarely identical: punctuation,
spacing, full-width forms or a few words differ. Each paragraph is reduced to a key (NFKC, case
folded, letters and digits only) and compared with what was kept before it:

* the same key → an exact copy;
* a paragraph of at least :data:`NEAR_MIN_CHARS` whose character 5-grams are at least
  :data:`NEAR_COVERAGE` covered by the 5-grams of earlier kept paragraphs → a near-copy (this also
  catches a copy that runs several earlier paragraphs together, or drops a sentence);
* a short repeated line (a subheading) goes only when it sits next to a removed copy or right
  after its own first copy, so that a legitimately repeated short line elsewhere stays;
* a summary or lead printed above the body (among its first :data:`LEAD_PARAGRAPHS` paragraphs,
  labelled or not: :data:`~extractor.article.chrome.SUMMARY_LABELS`) whose every sentence the body repeats
  goes: the body keeps the sentence, in its place.

The first occurrence is kept. A pure function of one document: no state survives between pages.
"""

from __future__ import annotations

import regex

from ..records import Cleaned, Document, Paragraph
from ..text import normalize_key
from . import chrome

#: Length of the character shingles compared for near-copies.
SHINGLE = 5

#: Share of a paragraph's shingles already seen for it to count as a near-copy.
NEAR_COVERAGE = 0.8

#: Paragraphs shorter than this (key characters) are only ever removed as exact copies.
NEAR_MIN_CHARS = 20

#: Exact copies shorter than this are removed only next to another removed copy (a question asked
#: again in an interview, a repeated subheading stay).
SHORT_CHARS = 20

#: A summary or lead is looked for among this many paragraphs at the top of the body.
LEAD_PARAGRAPHS = 3

#: Sentences of a lead with fewer key characters than this are not compared (labels, fragments).
LEAD_SENTENCE_CHARS = 8

_SUMMARY_LABEL = regex.compile(
    r"^\s*+[\[【(（]?\s*+(?:" + "|".join(map(regex.escape, chrome.SUMMARY_LABELS)) + r")\s*+[\]】)）:：]?"
)
_SENTENCE_BREAK = regex.compile(r"[。！？!?；;]++")


def dedup(cleaned: Cleaned) -> Document:
    """Remove copies and near-copies of earlier paragraphs; count what went."""
    paragraphs = cleaned.paragraphs
    keys = list(cleaned.keys) if len(cleaned.keys) == len(paragraphs) else [normalize_key(p.text) for p in paragraphs]
    removed = [False] * len(paragraphs)
    short_repeat = [False] * len(paragraphs)
    seen_keys: set[str] = set()
    seen_shingles: set[str] = set()
    previous = ""
    for i, (para, key) in enumerate(zip(paragraphs, keys, strict=True)):
        if not key:
            continue
        if key in seen_keys:
            if len(key) >= SHORT_CHARS or key == previous:  # long, or printed twice in a row
                removed[i] = True
            else:
                short_repeat[i] = True
            continue
        previous = key
        seen_keys.add(key)
        if para.kind == "row":
            continue
        grams = _shingles(key)
        if len(key) >= NEAR_MIN_CHARS and grams and len(grams & seen_shingles) >= NEAR_COVERAGE * len(grams):
            removed[i] = True
            continue
        seen_shingles.update(grams)
    _remove_short_repeats(removed, short_repeat)
    _remove_lead_summary(paragraphs, keys, removed)
    kept = tuple(p for p, gone in zip(paragraphs, removed, strict=True) if not gone)
    return _document(cleaned, kept, cleaned.repeats + sum(removed))


def _remove_short_repeats(removed: list[bool], short_repeat: list[bool]) -> None:
    """A short repeated line goes when a neighbour went as a copy (it belongs to the copy)."""
    n = len(removed)
    for i in range(1, n):  # forward: runs that follow a removed copy
        if short_repeat[i] and removed[i - 1]:
            removed[i] = True
    for i in range(n - 2, -1, -1):  # backward: runs that precede one
        if short_repeat[i] and removed[i + 1]:
            removed[i] = True


def _remove_lead_summary(paragraphs: tuple[Paragraph, ...], keys: list[str], removed: list[bool]) -> None:
    """A paragraph at the top of the body that only repeats sentences the body says again."""
    tops = [i for i, p in enumerate(paragraphs) if not removed[i] and keys[i] and p.kind != "row"][:LEAD_PARAGRAPHS]
    for i in tops:
        if paragraphs[i].kind != "text" or len(keys[i]) < NEAR_MIN_CHARS:
            continue  # a heading or a short line: the body may well print it again
        text = _SUMMARY_LABEL.sub("", paragraphs[i].text, count=1)
        sentences = [normalize_key(s) for s in _SENTENCE_BREAK.split(text)]
        sentences = [s for s in sentences if len(s) >= LEAD_SENTENCE_CHARS]
        if not sentences:
            continue
        rest = "\n".join(keys[j] for j in range(i + 1, len(keys)) if not removed[j])
        if all(s in rest for s in sentences):
            removed[i] = True


def _shingles(key: str) -> set[str]:
    if len(key) <= SHINGLE:
        return {key}
    return {key[i : i + SHINGLE] for i in range(len(key) - SHINGLE + 1)}


def _document(cleaned: Cleaned, paragraphs: tuple[Paragraph, ...], removed: int) -> Document:
    starts = []
    offset = 0
    for para in paragraphs:
        starts.append(offset)
        offset += len(para.text) + 1
    page = cleaned.page
    return Document(
        doc_id=page.doc_id,
        source=page.source,
        title=cleaned.title,
        published=cleaned.published,
        encoding=page.encoding,
        replacements=page.replacements,
        status=cleaned.status,
        paragraphs=paragraphs,
        duplicates_removed=removed,
        body="\n".join(p.text for p in paragraphs),
        starts=tuple(starts),
        url=cleaned.url,
        warning=cleaned.warning,
    )
