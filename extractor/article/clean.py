"""Stage 2 — a decoded :class:`~extractor.records.Page` to its article: :class:`~extractor.records.Cleaned`.

How the article is found, with no rule for any one site:

1. :mod:`extractor.article.blocks` parses the page and walks it into *blocks* (runs of inline text
   between block boundaries; a data table's rows), chrome elements dropped.
2. The ``<title>``, ``<meta>``, headline elements and the page's own address are read from the
   tree's head.
3. Each block gets a value: its non-link text when it reads like prose, negative when it is
   link text, a chrome line or a short label. The article container is the element whose subtree
   has the highest total — the maximum-scoring subtree, a tree form of the body-text-extraction
   idea (text density and link density decide, not tag names).
4. Inside the container, chrome lines are dropped (:data:`~extractor.article.chrome.CHROME_MARKERS`), the
   metadata lines that open it (source, date) go, and the article ends at a tail marker
   (上一篇, 相关链接…) once the text before it outweighs the text after it.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..records import Cleaned, Page, Paragraph
from ..text import content_chars, fold_space, normalize_key, prose_punct
from . import chrome
from .blocks import Block, Walk, chrome_of, is_chrome, parse, punct_of, text_of
from .meta import URL_HEAD, find_published, find_title, find_url

#: A page is an article when one of its paragraphs is prose (punctuated) of at least this many
#: letters and digits, or it has a data table; otherwise it is a list or index page (``no_article``).
MIN_SENTENCE_CHARS = 10

#: A data table needs this many rows to stand as an article on its own.
MIN_TABLE_ROWS = 3

#: Short lines without sentence punctuation (labels, menu entries) cost this much each.
LABEL_PENALTY = 8

#: A block repeating an earlier block of at least this many letters and digits scores as chrome.
REPEAT_MIN_CHARS = 20

#: Lines of at most this many characters and no sentence-final punctuation are headings.
HEADING_MAX = 40

_INDENT_BREAK = regex.compile(r"\u3000{2,}+")
_SENTENCE_END = regex.compile(r"[。！？!?；;]")
_META_LABEL = "(?:" + "|".join(map(regex.escape, chrome.META_LABELS)) + r")\s*+[:：]"
_META_LINE = regex.compile(r"^\s*+" + _META_LABEL)
_META_ANYWHERE = regex.compile(_META_LABEL)
# a date and time followed by the name of the source only: 2024-05-09 22:30·新华社
_DATED_SOURCE = regex.compile(
    r"^\s*+(?:19|20)\d\d[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s*+(?:\d{1,2}:\d\d(?::\d\d)?+)?+\s*+[·|｜]\s*+[^\s，。；！？]{1,15}+$"
)
_HAS_DATE = regex.compile(r"(?:19|20)\d\d\s*+[-/.年]\s*+\d{1,2}")
_DATE_ONLY = regex.compile(r"^[\s\d\-/.:：年月日时分秒星期一二三四五六天()（）|]*+$")
_SOURCE_LABEL = "(?:" + "|".join(map(regex.escape, chrome.SOURCE_LABELS)) + ")"
_BYLINE_LABEL = "(?:" + "|".join(map(regex.escape, (*chrome.SOURCE_LABELS, *chrome.BYLINE_LABELS))) + ")"
_SOURCE_START = regex.compile(r"^[\s\[【(（〔]*+" + _SOURCE_LABEL + r"\s*+[:：|｜]")
_SOURCE_AFTER_SPACE = regex.compile(r"(?:(?<=\s)|(?<=\d))" + _SOURCE_LABEL + r"\s*+[:：|｜]")
_BYLINE = regex.compile(r"^\s*+[\[【(（]\s*+" + _BYLINE_LABEL + r"[\s:：|｜/][^\[\]【】()（）]*+[\]】)）]\s*+$")
_PROMOTION = regex.compile("|".join(chrome.PROMOTION_PATTERNS))
_PHOTO_CREDIT = regex.compile(chrome.PHOTO_CREDIT)
_LABEL_COLON = regex.compile(r"[\s:：]++$")


def clean(page: Page) -> Cleaned:
    """Find the article in ``page`` and return its title, date and paragraphs (repeats kept)."""
    root, warning = parse(page)
    page_title, metas, heads, links = _read_head(root)
    url = find_url(
        page.text[:URL_HEAD], links.get("canonical", ""), metas.get("og:url", ""), links.get("base", ""), page.url
    )
    walk = Walk(root)
    blocks = walk.blocks
    seen: set[str] = set()
    for block in blocks:
        block.value = _value(block)
        if block.value > 0 and len(block.key) >= REPEAT_MIN_CHARS:
            if block.key in seen:  # a second copy adds nothing: it should not pull the container wider
                block.value = -float(LABEL_PENALTY)
            seen.add(block.key)
    container = _best_container(walk)
    lo, hi = walk.span(container)
    inside = [i for i, b in enumerate(blocks) if lo <= b.owner <= hi and b.text]
    title = find_title(page_title, metas, heads, _headline_candidates([blocks[i] for i in inside[:10]]))
    paragraphs, keys = _article(blocks, inside, title)
    published = find_published(
        metas, walk.times, [b.text for b in blocks], inside[0] if inside else 0, title, [b.key for b in blocks]
    )
    if not _has_article(paragraphs):
        return Cleaned(
            page=page, title=title, published=published, paragraphs=(), status="no_article", url=url, warning=warning
        )
    kept_keys = set(keys)
    outside = {b.key for b in blocks if not lo <= b.owner <= hi}
    repeats = sum(1 for key in outside if len(key) >= REPEAT_MIN_CHARS and key in kept_keys)
    return Cleaned(
        page=page,
        title=title,
        published=published,
        paragraphs=tuple(paragraphs),
        status="ok",
        repeats=repeats,
        keys=tuple(keys),
        url=url,
        warning=warning,
    )


def _has_article(paragraphs: list[Paragraph]) -> bool:
    """An article has prose (a paragraph of some length with clause or sentence punctuation) or a
    data table; a list or index page has neither once its links are gone."""
    if sum(1 for p in paragraphs if p.kind == "row") >= MIN_TABLE_ROWS:
        return True
    return any(
        p.kind != "row" and content_chars(p.text) >= MIN_SENTENCE_CHARS and prose_punct(p.text) > 0 for p in paragraphs
    )


# --------------------------------------------------------------------------------------------
# the page head


def _read_head(root) -> tuple[str, dict[str, str], list[str], dict[str, str]]:
    """The ``<title>``, the ``<meta>`` values by lower-cased name, headline candidates, and the
    first ``<link rel="canonical">`` and ``<base href>`` (keys ``canonical``, ``base``). One pass
    over the tree finds every element these come from."""
    title_el = None
    metas: dict[str, str] = {}
    links: dict[str, str] = {}
    headings: dict[str, list] = {tag: [] for tag in chrome.HEADING_TAGS}
    for el in root.iter(*_HEAD_TAGS):
        tag = el.tag
        if tag == "meta":
            key = (el.get("name") or el.get("property") or el.get("itemprop") or "").strip().lower()
            content = el.get("content")
            if key and content and key not in metas:
                metas[key] = fold_space(content)
        elif tag == "link":
            if "canonical" not in links and "canonical" in (el.get("rel") or "").lower().split() and el.get("href"):
                links["canonical"] = el.get("href")
        elif tag == "base":
            if "base" not in links and el.get("href"):
                links["base"] = el.get("href")
        elif tag == "title":
            if title_el is None and el is not root:
                title_el = el
        else:
            headings[tag].append(el)
    page_title = fold_space(text_of(title_el)) if title_el is not None else ""
    heads: list[str] = []
    for tag in chrome.HEADING_TAGS:  # the trusted kinds first, each in document order
        for el in headings[tag]:
            text = fold_space(text_of(el))
            if text:
                heads.append(text)
            if len(heads) > 40:
                return page_title, metas, heads, links
    return page_title, metas, heads, links


#: The elements the page head is read from.
_HEAD_TAGS: tuple[str, ...] = ("title", "meta", "link", "base", *chrome.HEADING_TAGS)


# --------------------------------------------------------------------------------------------
# scoring and choosing


def _value(block: Block) -> float:
    """What a block adds to the container holding it: prose counts, links and chrome cost."""
    n = block.chars
    if n == 0:
        return 0.0
    if block.kind in ("row", "header"):
        return float(n - 2 * block.link)
    if block.nav:
        return -1.5 * n - LABEL_PENALTY
    if chrome_of(block):
        return -float(n) - LABEL_PENALTY
    nonlink = n - block.link
    if punct_of(block) == 0:
        return nonlink * 0.5 - LABEL_PENALTY if nonlink < HEADING_MAX else nonlink * 0.75
    return float(nonlink - block.link)


def _best_container(walk: Walk) -> int:
    """Index of the element whose subtree's blocks add up to the most."""
    if not walk.ends:
        return 0
    score = [0.0] * len(walk.ends)
    for block in walk.blocks:
        score[block.owner] += block.value
    parents, ends = walk.parents, walk.ends
    for index in range(len(score) - 1, 0, -1):  # children come after parents in pre-order
        value = score[index]
        if value:  # most elements hold no block
            parent = parents[index]
            if parent >= 0:
                score[parent] += value
    # The best is the first element with the highest score, or a later one with the same score
    # inside it, and so on inward (a tie goes to an element inside the best).
    top = max(score)
    best = score.index(top)
    while True:
        try:
            inner = score.index(top, best + 1)
        except ValueError:
            return best
        if inner > ends[best]:
            return best
        best = inner


def _is_inner_chrome(text: str) -> bool:
    """Chrome that portals print inside the article container: a provenance line (source,
    editor, byline, disclosure labels, a disclaimer, a photo credit) or an app or account
    promotion."""
    n = len(text)
    if n <= chrome.SOURCE_LINE_MAX and _SOURCE_START.match(text):
        return True
    if n <= chrome.BYLINE_MAX and _BYLINE.match(text):
        return True
    if (
        n <= chrome.CAPTION_MAX
        and text.endswith(("摄", "摄）", "摄)", "摄影）", "摄影)"))
        and _PHOTO_CREDIT.search(text)
    ):
        return True
    if n <= chrome.PROMOTION_LINE_MAX:
        return bool(_SOURCE_AFTER_SPACE.search(text) or _PROMOTION.search(text))
    return False


def _disclosure_tables(blocks: list[Block], inside: list[int]) -> set[int]:
    """Tables of disclosure metadata (索引号, 发布机构…) printed above a government document."""
    labels: dict[int, int] = {}
    for i in inside:
        block = blocks[i]
        if block.kind in ("row", "header"):
            for cell in block.text.split("\t"):
                if len(cell) <= 8 and _LABEL_COLON.sub("", cell) in chrome.DISCLOSURE_LABELS:
                    labels[block.table] = labels.get(block.table, 0) + 1
    return {table for table, count in labels.items() if count >= 2}


def _tail_kind(text: str) -> str:
    """``hard`` for a line that ends the article, ``soft`` for one that may, else ``""``."""
    bare = text.strip().lstrip("【[(（<《")[:20]
    if bare.startswith(chrome.TAIL_MARKERS):
        return "hard"
    if bare.startswith(chrome.RECOMMENDATION_MARKERS) and content_chars(text) <= chrome.RECOMMENDATION_LINE_MAX:
        return "hard"
    if bare.startswith(chrome.SOFT_TAIL_MARKERS):
        return "soft"
    return ""


def _is_meta_line(text: str) -> bool:
    """A line of article metadata: source, author, date, view count."""
    if len(text) > 100:
        return False
    if _META_LINE.match(text) or _DATE_ONLY.match(text) or _DATED_SOURCE.match(text):
        return True
    return bool(_META_ANYWHERE.search(text) and _HAS_DATE.search(text))


# --------------------------------------------------------------------------------------------
# the article inside the container


@dataclass(slots=True)
class _Piece:
    """A line of the article being trimmed: a block, or a piece of one split at an indent."""

    block: Block
    text: str  # "" for a placeholder: chrome that still counts for the tail cut
    chars: int  # content_chars(text)
    punct: int  # prose_punct(text)
    key: str  # normalize_key(text)


def _piece(block: Block, text: str) -> _Piece:
    if text == block.text:  # the whole block: its features are known
        return _Piece(block, text, block.chars, punct_of(block), block.key)
    return _Piece(block, text, content_chars(text), prose_punct(text), normalize_key(text))


def _article(blocks: list[Block], inside: list[int], title: str) -> tuple[list[Paragraph], list[str]]:
    """The article's paragraphs, and the comparison key of each."""
    candidates: list[_Piece] = []
    disclosure = _disclosure_tables(blocks, inside)
    for i in inside:
        block = blocks[i]
        if block.kind in ("row", "header"):
            if block.table in disclosure:
                continue
            candidates.append(_piece(block, block.text))
            continue
        raw = "".join(block.parts)
        if "\u3000\u3000" not in raw:
            candidates.append(_piece(block, block.text))
            continue
        for part in _INDENT_BREAK.split(raw):
            text = fold_space(part)
            if text:
                candidates.append(_piece(block, text))
    kept: list[_Piece] = []
    for piece in candidates:
        if piece.chars == 0:
            continue
        block = piece.block
        if block.nav or (
            block.kind == "text"
            and (
                (chrome_of(block) if piece.text == block.text else is_chrome(piece.text))
                or _is_inner_chrome(piece.text)
            )
        ):
            kept.append(_Piece(block, "", 0, 0, ""))  # a placeholder: chrome still counts for the tail cut
            continue
        kept.append(piece)
    kept = _cut_tail(kept)
    kept = _trim_edges(kept)
    kept = _drop_lead(kept, title)
    title_key = normalize_key(title) if title else ""
    paragraphs = []
    keys = []
    for piece in kept:
        text, block = piece.text, piece.block
        if not text:
            continue
        if title_key and block.kind == "text" and len(text) <= 2 * len(title) and piece.key == title_key:
            continue  # the headline printed again (a second copy's heading)
        if block.kind == "header":
            paragraphs.append(Paragraph(text=text, kind="row", header=(), table=block.table))
        elif block.kind == "row":
            paragraphs.append(Paragraph(text=text, kind="row", header=block.header, table=block.table))
        elif len(text) <= HEADING_MAX and not _SENTENCE_END.search(text):
            paragraphs.append(Paragraph(text=text, kind="heading"))
        else:
            paragraphs.append(Paragraph(text=text))
        keys.append(piece.key)
    return paragraphs, keys


def _cut_tail(kept: list[_Piece]) -> list[_Piece]:
    """End the article at a tail marker that follows article text: always at a hard one
    (上一篇, 版权所有…), and at a soft one (相关新闻…) when little prose follows it — a soft marker
    followed by prose heads a section of the article itself."""
    prose = [p.chars if p.text and p.punct else 0 for p in kept]
    total = [p.chars if p.text else p.block.chars for p in kept]
    after_prose = sum(prose)
    after_total = sum(total)
    before = 0
    for i, piece in enumerate(kept):
        after_prose -= prose[i]
        after_total -= total[i]
        if before:
            kind = _tail_kind(piece.text or piece.block.text)
            if kind == "hard" or (kind == "soft" and after_prose < 0.5 * after_total):
                return kept[:i]
        before += prose[i]
    return kept


#: Lines with at most this many letters/digits before the article's first prose paragraph are
#: toolbar and menu leftovers (字, 大, 配色, 重置).
LEAD_SCRAP_CHARS = 4

_EMPTY_LABEL = regex.compile(r"^[^，。；！？,;!?:：]{1,10}+[:：]\s*+$")
_LATIN_LINE = regex.compile(r"^[A-Z0-9 .,'&-]{12,}+$")


def _is_content(piece: _Piece) -> bool:
    """A prose paragraph or a table row: what the article is made of."""
    if not piece.text:
        return False
    if piece.block.kind != "text":
        return True
    return piece.chars >= 20 and piece.punct > 0 and not _is_meta_line(piece.text)


def _trim_edges(kept: list[_Piece]) -> list[_Piece]:
    """Scraps around the article: tiny lines before its first prose paragraph, and everything
    from the first label-without-value or chrome line after its last one (文件下载：, a site name in
    romanised capitals). Signature lines right after the last paragraph stay."""
    # the first and the last content line, each looked for from its own end
    first = next((i for i, piece in enumerate(kept) if _is_content(piece)), -1)
    if first < 0:
        return kept
    last = next(i for i in range(len(kept) - 1, first - 1, -1) if _is_content(kept[i]))
    lead = [p for p in kept[:first] if p.block.kind != "text" or p.chars > LEAD_SCRAP_CHARS]
    tail = kept[last + 1 :]
    for i, piece in enumerate(tail):
        text = piece.text
        if not text or (piece.block.kind == "text" and (_EMPTY_LABEL.match(text) or _LATIN_LINE.match(text))):
            tail = tail[:i]  # the first link list, chrome line or empty label ends the article
            break
    return lead + kept[first : last + 1] + tail


def _headline_candidates(blocks: list[Block]) -> list[str]:
    """Lines that may be the headline, best first: the line just before the first date or source
    line (a headline is followed by its metadata), then the other short lines that are not chrome."""
    lines = [block.text for block in blocks if block.text and not chrome_of(block)]
    out = []
    for i, line in enumerate(lines):
        if _is_meta_line(line) and i > 0 and len(lines[i - 1]) <= 80 and not _is_meta_line(lines[i - 1]):
            out.append(lines[i - 1])
            break
    out.extend(line for line in lines if len(line) <= 80 and not _SENTENCE_END.search(line) and line not in out)
    return out


#: The headline is looked for among this many lines at the top of the article.
LEAD_LINES = 6


def _rest_after(text: str, key: str) -> str:
    """What follows the part of ``text`` whose comparison key is ``key`` (a headline followed by
    its date on the same line)."""
    seen = 0
    for i, ch in enumerate(text):
        if seen == len(key):
            return text[i:]
        seen += len(normalize_key(ch))
    return "" if seen == len(key) else "x"


def _drop_lead(kept: list[_Piece], title: str) -> list[_Piece]:
    """Drop the headline and the metadata lines (source, date, author) that open the article, and
    whatever short lines (channel names) stand before the headline."""
    title_key = normalize_key(title) if title else ""
    if title_key:
        for i, piece in enumerate(kept[:LEAD_LINES]):
            text, key = piece.text, piece.key
            if text and len(text) > 100:
                break
            if key == title_key or (key.startswith(title_key) and _DATE_ONLY.match(_rest_after(text, title_key))):
                kept = kept[i + 1 :]
                break
    start = 0
    for piece in kept:
        text = piece.text
        if piece.block.kind != "text":
            break
        if text and len(text) > 100:
            break
        if not text or (title_key and piece.key == title_key) or _is_meta_line(text):
            start += 1
            continue
        break
    return kept[start:]
