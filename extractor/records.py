"""The records passed between pipeline stages.

Every record is a frozen dataclass with no behaviour: a stage is a function from one record to the
next, and only :mod:`extractor.pipeline` knows their order::

    bytes ─load→ Page ─clean→ Cleaned ─dedup→ Document ─segment→ Sentence* ─claims→ Claim*

and, across a batch (:mod:`extractor.run.copies`), each ``Extraction`` ─signature→ ``Signature``, and
all of a batch's signatures ─resolve→ a ``Copy`` for each duplicate and revision.

Offsets
-------
All offsets are Python slice offsets (``end`` exclusive) into the **original** text the record was
made from, never into a normalised copy: ``Claim.start``/``Claim.end`` index ``Document.body``, so
``document.body[claim.start:claim.end] == claim.text`` always holds. Number matching runs on a
width-folded copy of the text in which every character maps to exactly one character (full-width
ASCII → ASCII, U+3000 → space), so its offsets are the original's.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, fields, is_dataclass
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class Page:
    """A decoded input page (output of :func:`extractor.article.load.load`)."""

    source: str
    """Where the bytes came from (a path or any label the caller gave)."""
    doc_id: str
    """Stable identifier: the first 16 hex digits of the SHA-256 of the bytes (of the root HTML part,
    for an MHTML file: the same page saved plain or as MHTML of the same bytes has the same id)."""
    text: str
    """The decoded text, NUL and other C0 control characters removed."""
    encoding: str
    """The codec the bytes were decoded with (``utf-8``, ``gb18030``, ``big5hkscs``, ``utf-16``…)."""
    declared: str
    """The charset the page declared (meta, http-equiv or XML declaration), ``""`` when none."""
    replacements: int
    """How many U+FFFD replacement characters decoding introduced (0 for a clean decode)."""
    markup: bool
    """True when the text is HTML/XML; False for plain text (read line by line)."""
    size: int
    """Length of the input in bytes (of the root HTML part, for an MHTML file)."""
    url: str = ""
    """The address the container gave for the page: an MHTML ``Content-Location``, a WARC
    ``WARC-Target-URI``; ``""`` for a plain file."""


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of an article body."""

    text: str
    """The paragraph's text: inline markup joined without inserted spaces, whitespace folded."""
    kind: str = "text"
    """``text``, ``heading`` (a short line without sentence punctuation) or ``row`` (a table row,
    cells separated by a tab)."""
    header: tuple[str, ...] = ()
    """For a ``row``: the cells of its table's header row (empty for the header row itself and for
    non-table paragraphs)."""
    table: int = -1
    """For a ``row``: which table of the page it belongs to (0, 1, …); -1 otherwise."""


@dataclass(frozen=True, slots=True)
class Cleaned:
    """A page with its chrome removed (output of :func:`extractor.article.clean.clean`)."""

    page: Page
    title: str
    """The article's headline, without the site suffix of ``<title>``."""
    published: str
    """Publication date as ``YYYY-MM-DD``, ``""`` when the page states none."""
    paragraphs: tuple[Paragraph, ...]
    """The article's paragraphs in document order, repeats still in place."""
    status: str
    """``ok``, or ``no_article`` for a list/index page or a page without article text."""
    repeats: int = 0
    """Paragraphs of the article printed again elsewhere on the page (a mobile or elder-mode copy)
    and left out with the rest of that copy."""
    keys: tuple[str, ...] = ()
    """The comparison key of each paragraph (:func:`extractor.text.normalize_key` of its text),
    computed once by the cleaner for :mod:`extractor.article.dedup`; empty when not given."""
    url: str = ""
    """The page's own address as the saved page states it (see :attr:`Document.url`)."""
    warning: str = ""
    """Why part of the page may be missing from the article (see :attr:`Document.warning`)."""


@dataclass(frozen=True, slots=True)
class Document:
    """A clean, de-duplicated article (output of :func:`extractor.article.dedup.dedup`)."""

    doc_id: str
    source: str
    title: str
    published: str
    encoding: str
    replacements: int
    status: str
    paragraphs: tuple[Paragraph, ...]
    duplicates_removed: int
    """How many paragraphs were dropped as copies or near-copies of article paragraphs: those of a
    second copy left outside the article, and those removed from inside it."""
    body: str
    """The paragraphs' texts joined by ``"\\n"``: the text all claim offsets refer to."""
    starts: tuple[int, ...]
    """Offset in ``body`` where each paragraph starts."""
    url: str = ""
    """The page's own address when the saved page carries one, most trusted first: the
    ``<!-- saved from url=(0042)http://… -->`` comment a browser writes, ``<link rel="canonical">``,
    the ``og:url`` meta, ``<base href>``. An absolute http(s) address (a relative one is resolved
    against the saved-from or base address when there is one); ``""`` when the page carries none."""
    warning: str = ""
    """A sentence saying why part of the page's text may be missing from ``body`` (a page nested
    deeper than the HTML parser reads, even flattened); ``""`` when the whole page was read."""


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a document body (output of :func:`extractor.article.segment.segment`)."""

    paragraph: int
    """Index of the paragraph (0-based) in ``Document.paragraphs``."""
    index: int
    """Index of the sentence within its paragraph (0-based)."""
    start: int
    """Offset of the sentence in ``Document.body``."""
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Number:
    """A numeric expression found in text (output of :func:`extractor.claims.numbers.find_numbers`)."""

    start: int
    end: int
    text: str
    """The surface text, exactly ``text[start:end]`` of the searched string."""
    value: Decimal
    """The exact value (``16.4亿`` → 1640000000; ``7%`` → 7; ``三分之一`` → 0.333…)."""
    kind: str
    """``number``, ``money``, ``percent``, ``ordinal`` or ``quantity``."""
    unit: str = ""
    """The unit named after the number (``元``, ``吨``, ``%``…), ``""`` for a bare number."""
    measure: str = ""
    """The claim kind this number makes — ``amount``, ``headcount``, ``count``, ``quantity``,
    ``percent`` or ``percentage_point`` — or ``""`` when it is no claim: a bare number, a date, a
    time, a duration, an age, an ordinal, a fraction, a rank, or a numeral used as a word (一起)."""
    currency: str = ""
    """ISO 4217 code of an amount (``CNY`` unless another currency is named), else ``""``."""
    qualifier: str = ""
    """Qualifier words inside the number itself, as written: 余/多/来/几 between the numeral and
    its unit (8000余万元), a vague numeral (上百, 数千), ``""`` when none."""
    bound: str = ""
    """Direction of that qualifier, or of a round or rough number: ``approximate``, ``at_least``,
    ``at_most`` or ``""``."""
    high: Decimal | None = None
    """The high end of a rough range of neighbouring digits (三四个: 3 to 4), else None."""
    rule: str = ""
    """How the number was read (``amount:money``, ``percent:prefix``, ``count:count``,
    ``amount:bare``…)."""
    base: Decimal | None = None
    """The numeral's own value before its unit's factor (5万元: 50000; 12个亿: 12), for joining
    ranges."""
    multiplier: Decimal = Decimal(1)
    """The multiplier that closes the numeral (5万: 10^4), 1 when none."""
    factor: Decimal = Decimal(1)
    """The factor the unit applied (个亿: 10^8, 角: 0.1), 1 when none."""
    unit_end: int = -1
    """Where the unit ends when ``text`` leaves it out — a classifier (33个: text 33) — else -1."""


@dataclass(frozen=True, slots=True)
class Claim:
    """A numeric claim (output of :func:`extractor.claims.rules.find_claims`).

    Offsets are into the text ``find_claims`` was given; the pipeline re-bases them onto
    ``Document.body``.
    """

    start: int
    end: int
    text: str
    """The surface text of the whole claim: qualifiers, number and unit (``8000余万元``)."""
    kind: str
    """``amount``, ``headcount``, ``percent``, ``percentage_point``, ``count`` or ``quantity``."""
    value: Decimal
    """Normalised value: 元 (or the named currency's base unit) for amounts, persons/households
    for headcounts, the percent number for percents, points, items, or the surface unit after the
    multiplier for quantities. For a range, the low end."""
    unit: str
    """The normalised unit: ``元``, ``人``, ``人次``, ``户``, ``%``, ``个百分点``, the classifier of a
    count (``个``, ``所``…) or the quantity's unit (``吨``, ``公里``…)."""
    currency: str = ""
    """ISO 4217 code for amounts (``CNY`` unless another currency is named), else ``""``."""
    approx: bool = False
    """True when a qualifier makes the value inexact (余, 多, 近, 约, 超过, 以上…)."""
    qualifier: str = ""
    """The qualifier word(s) as written, ``""`` when none."""
    bound: str = ""
    """Direction of the qualifier: ``approximate``, ``at_least``, ``at_most`` or ``""``."""
    high: Decimal | None = None
    """High end of a range (``3-5万元`` → 50000), else None."""
    subject: str = ""
    """What the number measures, as the text names it (``医疗救助资金``)."""
    rule: str = ""
    """Identifier of the pattern that produced the claim."""
    direction: str = ""
    """``up`` or ``down`` when the number measures a difference (a change over time or a gap to
    something else: 同比增长8.3%, 低于全省3个百分点, a minus sign); ``""`` for a level (达到75%,
    提高到440元). See :mod:`extractor.claims.meaning`."""
    baseline: str = ""
    """What a difference is measured against, as written (同比, 环比, 比上年, 较上年同期,
    全省平均水平); ``""`` when the text names none."""
    period: str = ""
    """The time the number refers to, as the body writes it (2023年1-10月, 截至6月末, 今年以来): the
    nearest governing time in its sentence, else the time that leads its paragraph; never the
    publication date."""
    period_start: str = ""
    """ISO date where ``period`` pins its start (2023年1-10月 → 2023-01-01), else ``""``."""
    period_end: str = ""
    """ISO date where ``period`` pins its end (2023年1-10月 → 2023-10-31), else ``""``."""
    section: str = ""
    """The nearest heading above the claim's paragraph inside the article, ``""`` when none."""
    paragraph: int = -1
    """Paragraph index (0-based) in the document; -1 outside the pipeline."""
    sentence: int = -1
    """Sentence index (0-based) within the paragraph; -1 outside the pipeline."""
    sentence_start: int = -1
    """Offset of the claim's sentence (a table row, for a claim in a cell) in the text searched:
    ``Document.body`` in the pipeline, the text given to :func:`extractor.find_claims` otherwise."""
    sentence_end: int = -1
    """Where that sentence ends (exclusive)."""


@dataclass(frozen=True, slots=True)
class Extraction:
    """What :func:`extractor.extract_page` returns for one page."""

    document: Document
    claims: tuple[Claim, ...]


@dataclass(frozen=True, slots=True)
class Extracted:
    """A page a batch engine extracted (see :mod:`extractor.run.engine`): sent from the worker to
    the process that writes the tables, which alone turns it into table rows."""

    extraction: Extraction
    """What :func:`extractor.extract_page` returned for the page."""
    signature: Signature | None
    """Its signature for the copies check, computed in the worker (it costs more than the rows);
    None once the dask engine has kept it to compare the copies itself."""


@dataclass(frozen=True, slots=True)
class Signature:
    """What :mod:`extractor.run.copies` compares to find the same article saved twice in a batch:
    computed for each document where its page was extracted, small (about 500 bytes pickled), and sent
    with its page's records to the process that writes the tables."""

    source: str
    doc_id: str
    published: str
    title: str
    """The title's comparison key (:func:`extractor.text.normalize_key`)."""
    status: str
    """The document's status: only ``ok`` documents are compared."""
    chars: int
    """Length of the body's comparison key (letters and digits only)."""
    exact: str
    """Hash of the body's comparison key: equal for the same body after normalisation."""
    minhash: bytes
    """MinHash of the key's character shingles (:data:`extractor.run.copies.PERMUTATIONS` values of
    16 bits), to estimate how much of two bodies is the same text."""
    numbers: str
    """Hash of the document's claims (kind, bound, value, range, unit, currency; in sorted order): equal
    when two copies state the same figures."""
    claims: int
    """How many claims the document has."""


@dataclass(frozen=True, slots=True)
class Link:
    """Two documents of a batch that may be copies of one article, as the grouping of
    :mod:`extractor.run.copies` finds them (output of ``copies.links``): no text, only what picks the
    canonical copies, so that however the signatures were grouped — in one process, or shuffled
    across a dask cluster — only links reach the process that writes the tables."""

    earlier: tuple[str, str, str]
    """The document first in canonical order: its ``(published, source, doc_id)``."""
    later: tuple[str, str, str]
    """The other one, the same way."""
    identical: bool = False
    """The same body key, title and figures: the later one is compared with no other, it takes the
    earlier one's place (a duplicate of the same canonical copy)."""
    exact: bool = False
    """The same body after normalisation (for a short body, with the same title)."""
    near: bool = False
    """A near-identical body stating the same figures."""
    revision: bool = False
    """The same title, most of the text the same, other figures."""


@dataclass(frozen=True, slots=True)
class Copy:
    """A document's place among the copies of its article (output of
    :func:`extractor.run.copies.resolve`): it is a duplicate, or it revises an earlier copy."""

    duplicate_of: str = ""
    """The doc_id of the canonical copy when this document is the same article with the same
    figures (its status becomes ``duplicate`` and its claims are left out); ``""`` otherwise."""
    revises: str = ""
    """The doc_id of the earlier copy this one corrects: same title, most of the text the same,
    figures that differ; ``""`` otherwise."""


@dataclass(frozen=True, slots=True)
class Failure:
    """A page that could not be extracted: one row of the errors table."""

    source: str
    stage: str
    """Where it failed: ``read``, ``decode``, ``parse``, ``clean``, ``claims``, ``timeout``…"""
    error: str
    """A short machine-readable kind (``empty``, ``binary``, ``too_large``, ``timeout``…) or the
    exception class name."""
    message: str
    """A sentence a user understands, saying what happened and, where it helps, what to do."""


@dataclass(frozen=True, slots=True)
class Payload:
    """A page read out of a container (a zip or tar member, a WARC record), on its way to a worker."""

    source: str
    """Its ``source`` label: ``archive.zip!path/inside``, ``archive.warc.gz#<record id>``."""
    data: bytes
    url: str = ""
    """The address the container gives for it (``WARC-Target-URI``), ``""`` when none."""
    charset: str = ""
    """The charset the container gives (an HTTP ``Content-Type``): evidence for the decoder."""


@dataclass(frozen=True, slots=True)
class RecordRef:
    """A page inside a WARC named by where its record starts, for a worker to read itself (the dask
    engine: the workers share the archive instead of receiving its pages from the client)."""

    source: str
    """Its ``source`` label, as for a :class:`Payload`."""
    path: str
    """The WARC file, as the workers open it."""
    label: str
    """The WARC file as shown in ``source``."""
    offset: int
    """Where the record starts in the file (a gzip member's start for ``.warc.gz``)."""
    uri: str
    """Its ``WARC-Target-URI`` and ``WARC-Date``, checked when the record is read again."""
    date: str


def _pickled_by_field_tuple(cls: type) -> None:
    """Give a frozen slotted record a pickled state that is the tuple of its field values.

    The state ``dataclass`` gives such a class is built and read back through
    ``dataclasses.fields()`` for every object, which made pickling a page's records (in a worker)
    and unpickling them (in the main process of a batch) a third to a half slower than this."""
    names = tuple(f.name for f in fields(cls))
    values = operator.attrgetter(*names) if len(names) > 1 else (lambda record: (getattr(record, names[0]),))
    put = object.__setattr__

    def __getstate__(self) -> tuple:
        return values(self)

    def __setstate__(self, state: tuple) -> None:
        for name, value in zip(names, state, strict=True):
            put(self, name, value)

    cls.__getstate__ = __getstate__
    cls.__setstate__ = __setstate__


for _record in [value for value in globals().values() if is_dataclass(value) and value.__module__ == __name__]:
    _pickled_by_field_tuple(_record)
del _record
