"""Stage 6 — records to the three tidy tables (pandas DataFrames).

The column names and their order are a contract (README.md lists them); more columns may be
added at the end, never renamed or removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..article.segment import SENTENCE_END
from ..records import Claim, Copy, Extraction, Failure

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

#: documents: one row per page that was read, with its clean article.
DOCUMENT_COLUMNS: dict[str, str] = {
    "doc_id": "string",
    "source": "string",
    "title": "string",
    "published": "string",
    "encoding": "string",
    "status": "string",
    "paragraphs": "int64",
    "duplicates_removed": "int64",
    "claims": "int64",
    "chars": "int64",
    "body": "string",
    "replacements": "int64",
    "url": "string",
    "warning": "string",
    "duplicate_of": "string",
    "revises": "string",
}

#: claims: one row per numeric claim. ``paragraph`` and ``sentence`` count from 0;
#: ``documents.body[start:end] == text``; ``context`` is the sentence the claim stands in (at most
#: :data:`CONTEXT_SIDE` characters on either side of the claim).
CLAIM_COLUMNS: dict[str, str] = {
    "doc_id": "string",
    "source": "string",
    "title": "string",
    "published": "string",
    "paragraph": "int64",
    "sentence": "int64",
    "start": "int64",
    "end": "int64",
    "text": "string",
    "kind": "string",
    "value": "float64",
    "unit": "string",
    "currency": "string",
    "approx": "bool",
    "qualifier": "string",
    "subject": "string",
    "bound": "string",
    "high": "float64",
    "rule": "string",
    "direction": "string",
    "baseline": "string",
    "period": "string",
    "period_start": "string",
    "period_end": "string",
    "section": "string",
    "context": "string",
    "url": "string",
}

#: errors: one row per input that did not become a document.
ERROR_COLUMNS: dict[str, str] = {"source": "string", "stage": "string", "error": "string", "message": "string"}


@dataclass(frozen=True)
class Tables:
    """The three tables of a run. Every input is in exactly one of ``documents`` or ``errors``."""

    claims: pd.DataFrame
    documents: pd.DataFrame
    errors: pd.DataFrame


#: ``context`` holds at most this many characters on either side of the claim: a longer sentence
#: is cut to the claim's clause (between the clause marks nearest it), or at the window's edge.
CONTEXT_SIDE = 100

#: Marks where a clause ends, to cut an over-long sentence for ``context``.
CLAUSE_MARKS = ("，", ",", "、", "：", ":")


def document_row(result: Extraction) -> dict[str, Any]:
    doc = result.document
    return {
        "doc_id": doc.doc_id,
        "source": doc.source,
        "title": doc.title,
        "published": doc.published,
        "encoding": doc.encoding,
        "status": doc.status,
        "paragraphs": len(doc.paragraphs),
        "duplicates_removed": doc.duplicates_removed,
        "claims": len(result.claims),
        "chars": len(doc.body),
        "body": doc.body,
        "replacements": doc.replacements,
        "url": doc.url,
        "warning": doc.warning,
        "duplicate_of": "",
        "revises": "",
    }


def copy_cells(copy: Copy) -> dict[str, Any]:
    """The documents cells that a document's place among the copies of its article changes: a
    duplicate gets status ``duplicate``, the canonical doc_id, and no claims of its own (they are
    the canonical copy's); a revision names the copy it revises."""
    if copy.duplicate_of:
        return {"status": "duplicate", "duplicate_of": copy.duplicate_of, "claims": 0}
    return {"revises": copy.revises}


def claim_rows(result: Extraction) -> list[dict[str, Any]]:
    doc = result.document
    return [_claim_row(doc.doc_id, doc.source, doc.title, doc.published, doc.body, c, doc.url) for c in result.claims]


def _claim_row(doc_id, source, title, published, body, c: Claim, url: str = "") -> dict[str, Any]:
    return {
        "doc_id": doc_id,
        "source": source,
        "title": title,
        "published": published,
        "paragraph": c.paragraph,
        "sentence": c.sentence,
        "start": c.start,
        "end": c.end,
        "text": c.text,
        "kind": c.kind,
        "value": _float(c.value),
        "unit": c.unit,
        "currency": c.currency,
        "approx": c.approx,
        "qualifier": c.qualifier,
        "subject": c.subject,
        "bound": c.bound,
        "high": _float(c.high),
        "rule": c.rule,
        "direction": c.direction,
        "baseline": c.baseline,
        "period": c.period,
        "period_start": c.period_start,
        "period_end": c.period_end,
        "section": c.section,
        "context": _context(body, c),
        "url": url,
    }


def _context(body: str, claim: Claim) -> str:
    """The sentence holding the claim, as segmentation cut it (``Claim.sentence_start``/``_end``:
    closing quotes stay with their sentence, a table row is one sentence); at most
    :data:`CONTEXT_SIDE` characters on either side of the claim. A longer sentence is cut at the
    sentence marks (inside a table row), else the clause marks, nearest the claim inside that window
    (or at the window's edge), so a page without
    sentence marks cannot make every claim copy the whole page, and the cost per claim is bounded."""
    first, last = claim.sentence_start, claim.sentence_end
    if first < 0 or claim.paragraph < 0:
        return ""
    start = max(first, claim.start - CONTEXT_SIDE)
    if start > first:
        for marks in (SENTENCE_END, CLAUSE_MARKS):  # a sentence inside a table row, else a clause
            cut = max(body.rfind(mark, start, claim.start) for mark in marks)
            if cut >= 0:
                start = cut + 1
                break
    end = min(last, claim.end + CONTEXT_SIDE)
    if end < last:
        for marks in (SENTENCE_END, CLAUSE_MARKS):
            cuts = [c for c in (body.find(mark, claim.end, end) for mark in marks) if c >= 0]
            if cuts:
                end = min(cuts) + 1
                break
    return body[start:end].strip()


def error_row(failure: Failure) -> dict[str, Any]:
    return {"source": failure.source, "stage": failure.stage, "error": failure.error, "message": failure.message}


def frame(rows: list[dict[str, Any]], columns: dict[str, str]) -> pd.DataFrame:
    """A DataFrame with exactly ``columns``, in order, with their dtypes (also when empty).

    pandas is imported here, where a table is built: the rows themselves are plain dicts, so a
    worker process that only makes rows never loads it."""
    import pandas as pd

    df = pd.DataFrame.from_records(rows, columns=list(columns)) if rows else pd.DataFrame(columns=list(columns))
    return df.astype(columns)


def tables(documents: list[dict], claims: list[dict], errors: list[dict]) -> Tables:
    return Tables(
        claims=frame(claims, CLAIM_COLUMNS),
        documents=frame(documents, DOCUMENT_COLUMNS),
        errors=frame(errors, ERROR_COLUMNS),
    )


def _float(value: Decimal | None) -> float:
    return float(value) if value is not None else float("nan")
