"""The order of the stages, and nothing else: load → clean → dedup → segment → claims → meaning.

:func:`extract_page` is pure (bytes in, records out, no I/O); the batch engines in
:mod:`extractor.run.engine` map it over files.
"""

from __future__ import annotations

from .article.clean import clean
from .article.dedup import dedup
from .article.load import load
from .article.segment import segment
from .claims.meaning import annotate
from .claims.rules import sentence_claims
from .errors import ExtractError
from .records import Claim, Document, Extraction


def extract_page(data: bytes, source: str = "<bytes>", url: str = "", charset: str = "") -> Extraction:
    """Extract one saved page: its clean :class:`Document` and its :class:`Claim` records.
    ``url`` and ``charset`` are what a container (a WARC record) says of the page: its address,
    and its charset as evidence for the decoder.

    Raises :class:`extractor.ExtractError` (with ``stage``, ``error`` and ``message``) when the page
    cannot be read as a web page (empty, binary, unparsable), or when a pattern runs past its time
    bound on the page's text (error ``timeout``).

    >>> result = extract_page('<html><body><p>累计发放医疗救助资金3753.57万元。</p></body></html>'.encode(), 'x.html')
    >>> [(c.text, int(c.value), c.subject) for c in result.claims]
    [('3753.57万元', 37535700, '医疗救助资金')]
    """
    page = load(data, source, charset, url)
    try:
        document = dedup(clean(page))
    except TimeoutError as exc:
        raise ExtractError("clean", "timeout", PATTERN_TIMEOUT) from exc
    try:
        return Extraction(document=document, claims=claims_of(document))
    except TimeoutError as exc:
        raise ExtractError("claims", "timeout", PATTERN_TIMEOUT) from exc


#: The message of a page on which a pattern ran past its time bound (the ``regex`` timeout).
PATTERN_TIMEOUT = (
    "A pattern ran past its time bound on this page's text (an extremely long run of numbers and "
    "separators); the page was skipped."
)


def claims_of(document: Document) -> tuple[Claim, ...]:
    """Every claim of every sentence of ``document``, offsets re-based onto its body, with what
    each number says (:mod:`extractor.claims.meaning`)."""
    if document.status != "ok":
        return ()
    out: list[Claim] = []
    paragraphs = document.paragraphs
    sentences = segment(document)
    for sentence in sentences:
        para = paragraphs[sentence.paragraph]
        header = para.header if para.kind == "row" else None
        out.extend(sentence_claims(sentence.text, header, sentence.start, sentence.paragraph, sentence.index))
    return annotate(document, sentences, tuple(out))
