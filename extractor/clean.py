"""Stage 2 — a decoded :class:`~extractor.records.Page` to its article: :class:`~extractor.records.Cleaned`.

How the article is found, with no rule for any one site:

1. Parse with lxml (fast; no BeautifulSoup tree on this path). Elements in
   :data:`~extractor.chrome.DROP_TAGS`, elements hidden by inline style and elements whose class or
   id names chrome are dropped.
2. One iterative walk turns the tree into *blocks*: runs of inline text between block boundaries,
   inline markup joined without inserted spaces (``<b>2.46</b>亿元`` reads ``2.46亿元``). A data
   table becomes one block per row, cells separated by a tab, the header row kept.
3. Each block gets a value: its non-link text when it reads like prose, negative when it is
   link text, a chrome line or a short label. The article container is the element whose subtree
   has the highest total — the maximum-scoring subtree, a tree form of the body-text-extraction
   idea (text density and link density decide, not tag names).
4. Inside the container, chrome lines are dropped (:data:`~extractor.chrome.CHROME_MARKERS`), the
   metadata lines that open it (source, date) go, and the article ends at a tail marker
   (上一篇, 相关链接…) once the text before it outweighs the text after it.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import lxml.etree
import lxml.html
import regex

from . import chrome
from .errors import ExtractError
from .meta import URL_HEAD, find_published, find_title, find_url
from .records import Cleaned, Page, Paragraph
from .text import content_chars, fold_space, normalize_key, prose_punct

#: A page is an article when one of its paragraphs is prose (punctuated) of at least this many
#: letters and digits, or it has a data table; otherwise it is a list or index page (``no_article``).
MIN_SENTENCE_CHARS = 10

#: A data table needs this many rows to stand as an article on its own.
MIN_TABLE_ROWS = 3

#: A table cell longer than this, holding several blocks, makes its table a layout table.
LAYOUT_CELL_CHARS = 300

#: A block whose link text is more than this share of its text is navigation.
MAX_LINK_SHARE = 0.5

#: Short lines without sentence punctuation (labels, menu entries) cost this much each.
LABEL_PENALTY = 8

#: A block repeating an earlier block of at least this many letters and digits scores as chrome.
REPEAT_MIN_CHARS = 20

#: Lines of at most this many characters and no sentence-final punctuation are headings.
HEADING_MAX = 40

# huge_tree lifts libxml2's nesting limit from 256 to 2048 levels: saved pages that never close
# their <font> or <div> tags pass 256 long before their article ends. The network stays off and
# HTML has no user-defined entities, so this opens no expansion attack; size is bounded by the
# batch's --max-bytes.
_PARSER = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, recover=True, huge_tree=True)

#: Tags rewritten when a page nests deeper than the parser goes: container tags become a line
#: break (a paragraph boundary, as they are), inline wrappers go (their text is joined anyway).
FLATTEN_BLOCK_TAGS: tuple[str, ...] = (
    "div", "section", "article", "main", "center", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "form",
    "fieldset",
)  # fmt: skip
FLATTEN_INLINE_TAGS: tuple[str, ...] = (
    "font", "span", "b", "i", "u", "em", "strong", "small", "big", "sub", "sup", "s", "strike", "label", "nobr",
)  # fmt: skip

_FLATTEN_BLOCK = regex.compile(r"</?(?:" + "|".join(FLATTEN_BLOCK_TAGS) + r")\b[^<>]{0,2000}+>", regex.I)
_FLATTEN_INLINE = regex.compile(r"</?(?:" + "|".join(FLATTEN_INLINE_TAGS) + r")\b[^<>]{0,2000}+>", regex.I)
DEPTH_WARNING = (
    "The page nests its elements deeper than the HTML parser goes (2,048 levels), even with its "
    "wrapper tags removed; the text past that depth is missing from the body."
)
_XML_DECL = regex.compile(r"^\s*+<\?xml[^>]{0,200}+\?>", regex.I)
# Browsers ignore </body> and </html> and keep reading; libxml2 drops everything after them, and
# saved pages often have a stray pair from a server-side include before the article.
_END_TAGS = regex.compile(r"</(?:body|html)\s*+>", regex.I)
_INDENT_BREAK = regex.compile(r"\u3000{2,}+")
_SENTENCE_END = regex.compile(r"[。！？!?；;]")
_CHROME_RE = regex.compile("|".join(chrome.CHROME_PATTERNS))
_PUNCT_SPACE = regex.compile(r"[\p{P}\p{S}\s]++")
_MARKERS = regex.compile("|".join(map(regex.escape, chrome.CHROME_MARKERS)))
_META_LABEL = "(?:" + "|".join(map(regex.escape, chrome.META_LABELS)) + r")\s*+[:：]"
_META_LINE = regex.compile(r"^\s*+" + _META_LABEL)
_META_ANYWHERE = regex.compile(_META_LABEL)
# a date and time followed by the name of the source only: 2024-05-09 22:30·新华社
_DATED_SOURCE = regex.compile(
    r"^\s*+(?:19|20)\d\d[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s*+(?:\d{1,2}:\d\d(?::\d\d)?+)?+\s*+[·|｜]\s*+[^\s，。；！？]{1,15}+$"
)
_HAS_DATE = regex.compile(r"(?:19|20)\d\d\s*+[-/.年]\s*+\d{1,2}")
_CHROME_WORDS = regex.compile(
    "(?:" + "|".join(map(regex.escape, sorted(chrome.CHROME_LINES, key=len, reverse=True))) + ")++"
)
_DATE_ONLY = regex.compile(r"^[\s\d\-/.:：年月日时分秒星期一二三四五六天()（）|]*+$")
_SOURCE_LABEL = "(?:" + "|".join(map(regex.escape, chrome.SOURCE_LABELS)) + ")"
_BYLINE_LABEL = "(?:" + "|".join(map(regex.escape, (*chrome.SOURCE_LABELS, *chrome.BYLINE_LABELS))) + ")"
_SOURCE_START = regex.compile(r"^[\s\[【(（〔]*+" + _SOURCE_LABEL + r"\s*+[:：|｜]")
_SOURCE_AFTER_SPACE = regex.compile(r"(?:(?<=\s)|(?<=\d))" + _SOURCE_LABEL + r"\s*+[:：|｜]")
_BYLINE = regex.compile(r"^\s*+[\[【(（]\s*+" + _BYLINE_LABEL + r"[\s:：|｜/][^\[\]【】()（）]*+[\]】)）]\s*+$")
_PROMOTION = regex.compile("|".join(chrome.PROMOTION_PATTERNS))
_PHOTO_CREDIT = regex.compile(chrome.PHOTO_CREDIT)
_LABEL_COLON = regex.compile(r"[\s:：]++$")
_CELL_TAGS = frozenset({"td", "th"})


@dataclass(slots=True)
class _Block:
    """A run of text between block boundaries, with what the scorer needs to know of it."""

    owner: int  # pre-order index of the innermost block element holding it
    parts: list[str] = field(default_factory=list)
    link: int = 0  # characters inside <a>
    kind: str = "text"  # text | row | header
    table: int = -1
    header: tuple[str, ...] = ()
    text: str = ""
    key: str = ""  # normalize_key(text): what repeats are compared on
    value: float = 0.0


def clean(page: Page) -> Cleaned:
    """Find the article in ``page`` and return its title, date and paragraphs (repeats kept)."""
    root, warning = _parse(page)
    page_title, metas, heads, links = _read_head(root)
    url = find_url(page.text[:URL_HEAD], links.get("canonical", ""), metas.get("og:url", ""), links.get("base", ""))
    walk = _Walk(root)
    blocks = walk.blocks
    seen: set[str] = set()
    for block in blocks:
        block.text = block.text or fold_space("".join(block.parts))
        block.value = _value(block)
        block.key = normalize_key(block.text)
        if block.value > 0 and len(block.key) >= REPEAT_MIN_CHARS:
            if block.key in seen:  # a second copy adds nothing: it should not pull the container wider
                block.value = -float(LABEL_PENALTY)
            seen.add(block.key)
    container = _best_container(walk)
    lo, hi = walk.spans[container]
    inside = [i for i, b in enumerate(blocks) if lo <= b.owner <= hi and b.text]
    title = find_title(page_title, metas, heads, _headline_candidates([blocks[i].text for i in inside[:10]]))
    paragraphs = _article(blocks, inside, title)
    published = find_published(metas, walk.times, [b.text for b in blocks], inside[0] if inside else 0, title)
    if not _has_article(paragraphs):
        return Cleaned(
            page=page, title=title, published=published, paragraphs=(), status="no_article", url=url, warning=warning
        )
    kept_keys = {normalize_key(p.text) for p in paragraphs}
    outside = {b.key for b in blocks if not lo <= b.owner <= hi}
    repeats = sum(1 for key in outside if len(key) >= REPEAT_MIN_CHARS and key in kept_keys)
    return Cleaned(
        page=page,
        title=title,
        published=published,
        paragraphs=tuple(paragraphs),
        status="ok",
        repeats=repeats,
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
# parsing


def _parse(page: Page) -> tuple[lxml.html.HtmlElement, str]:
    """The page's tree, and a warning when the parser could not read all of it.

    libxml2 stops at a fixed nesting depth and drops the rest of the page without an error. A page
    that reaches it is parsed again with its wrapper tags flattened (:data:`FLATTEN_BLOCK_TAGS`
    become line breaks, :data:`FLATTEN_INLINE_TAGS` go), which keeps its text; if even that
    is too deep, the body is what the parser read and the warning says so."""
    text = page.text
    if not page.markup:
        lines = (html.escape(line) for line in text.splitlines() if line.strip())
        text = "<html><body>" + "".join(f"<p>{line}</p>" for line in lines) + "</body></html>"
    else:
        text = _END_TAGS.sub("", _XML_DECL.sub("", text, count=1))
    root, too_deep = _parse_text(text)
    if not too_deep:
        return root, ""
    flat = _FLATTEN_INLINE.sub("", _FLATTEN_BLOCK.sub("<br>", text))
    root, too_deep = _parse_text(flat)
    return root, DEPTH_WARNING if too_deep else ""


def _parse_text(text: str) -> tuple[lxml.html.HtmlElement, bool]:
    """Parse ``text``; True with the tree when the parser hit its nesting limit."""
    try:
        root = lxml.html.document_fromstring(text, parser=_PARSER)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise ExtractError("parse", "unparsable", f"The page could not be parsed as HTML ({exc}).") from None
    if root is None:
        raise ExtractError("parse", "unparsable", "The page could not be parsed as HTML: it holds no elements.")
    too_deep = any(e.type_name == "ERR_RESOURCE_LIMIT" for e in _PARSER.error_log)
    return root, too_deep


def _read_head(root) -> tuple[str, dict[str, str], list[str], dict[str, str]]:
    """The ``<title>``, the ``<meta>`` values by lower-cased name, headline candidates, and the
    first ``<link rel="canonical">`` and ``<base href>`` (keys ``canonical``, ``base``)."""
    title_el = root.find(".//title")
    page_title = fold_space(title_el.text_content()) if title_el is not None else ""
    metas: dict[str, str] = {}
    for meta in root.iter("meta"):
        key = (meta.get("name") or meta.get("property") or meta.get("itemprop") or "").strip().lower()
        content = meta.get("content")
        if key and content and key not in metas:
            metas[key] = fold_space(content)
    links: dict[str, str] = {}
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            links["canonical"] = link.get("href")
            break
    for base in root.iter("base"):
        if base.get("href"):
            links["base"] = base.get("href")
            break
    heads: list[str] = []
    for tag in chrome.HEADING_TAGS:
        for el in root.iter(tag):
            text = fold_space(el.text_content())
            if text:
                heads.append(text)
            if len(heads) > 40:
                return page_title, metas, heads, links
    return page_title, metas, heads, links


# --------------------------------------------------------------------------------------------
# the walk: tree → blocks


class _Walk:
    """One iterative pre-order walk of the tree, producing blocks and element spans."""

    def __init__(self, root):
        self.blocks: list[_Block] = []
        self.spans: list[tuple[int, int]] = []  # element index → (first, last) index of its subtree
        self.parents: list[int] = []
        self.times: list[str] = []  # datetime attributes of <time> elements
        self._link_depth = 0
        self._owner_stack: list[int] = []
        self._current: _Block | None = None
        self._tables = 0
        self._row_link = 0
        self._row: list[list[str]] | None = None
        self._cell: list[str] | None = None
        self._table_stack: list[tuple[int, tuple[str, ...] | None]] = []  # (table id, header)
        self._root = root
        self._total: int | None = None  # length of the page's text, measured only when needed
        self._run(root)

    # -- blocks ---------------------------------------------------------------------------

    def _break(self) -> None:
        self._current = None

    def _emit(self, text: str | None) -> None:
        if not text:
            return
        if self._cell is not None:
            self._cell.append(text)
            if self._link_depth:
                self._row_link += content_chars(text)
            return
        if self._row is not None:  # text between cells: ignore
            return
        block = self._current
        if block is None:
            if not text.strip():
                return
            block = self._current = _Block(owner=self._owner_stack[-1] if self._owner_stack else 0)
            self.blocks.append(block)
        block.parts.append(text)
        if self._link_depth:
            block.link += content_chars(text)

    # -- the walk -------------------------------------------------------------------------

    def _run(self, root) -> None:
        stack: list[tuple[object, int]] = [(root, -1)]
        while stack:
            el, closing = stack.pop()
            if closing >= 0:
                self._close(el, closing)
                continue
            tag = el.tag
            if not isinstance(tag, str):  # comment or processing instruction left by the parser
                self._emit(el.tail)
                continue
            tag = tag.lower()
            if self._dropped(el, tag):
                self._emit(el.tail)
                continue
            index = len(self.spans)
            self.spans.append((index, index))
            self.parents.append(self._owner_stack[-1] if self._owner_stack else -1)
            self._open(el, tag, index)
            stack.append((el, index))
            stack.extend((child, -1) for child in reversed(el))

    def _dropped(self, el, tag: str) -> bool:
        if tag in chrome.DROP_TAGS:
            return True
        attrib = el.attrib
        if not attrib:
            return False
        if "hidden" in attrib or attrib.get("aria-hidden") == "true":
            return True
        style = attrib.get("style")
        if style and chrome.HIDDEN_STYLE.search(style):
            return True
        if tag in ("html", "body", "main", "article"):
            return False
        names = (attrib.get("class") or "").lower().split()
        ident = (attrib.get("id") or "").strip().lower()
        if ident:
            names.append(ident)
        if names and not chrome.CHROME_CLASS_TOKENS.isdisjoint(names):
            # never drop what holds most of the page's text, whatever its class says
            return len(el.text_content() or "") < 0.3 * self._page_chars()
        return False

    def _page_chars(self) -> int:
        if self._total is None:
            body = self._root.find("body")
            self._total = len((body if body is not None else self._root).text_content() or "")
        return self._total

    def _open(self, el, tag: str, index: int) -> None:
        if tag == "time" and el.get("datetime"):
            self.times.append(el.get("datetime"))
        if tag == "a":
            self._link_depth += 1
        if tag == "table" and self._row is None and self._cell is None:
            if _is_data_table(el):
                self._tables += 1
                self._table_stack.append((self._tables - 1, None))
            else:
                self._table_stack.append((-1, None))
        elif tag == "tr" and self._table_stack and self._table_stack[-1][0] >= 0 and self._cell is None:
            self._break()
            self._row = []
            self._row_link = 0
        elif tag in _CELL_TAGS and self._row is not None and self._cell is None:
            self._cell = []
        elif tag in chrome.BLOCK_TAGS:
            if self._cell is not None:
                self._cell.append(" ")
            else:
                self._break()
        if tag in chrome.BLOCK_TAGS and self._row is None and self._cell is None:
            self._owner_stack.append(index)  # a data-table row belongs to its table, not to itself
        self._emit(el.text)

    def _close(self, el, index: int) -> None:
        tag = el.tag.lower()
        self.spans[index] = (index, len(self.spans) - 1)
        if tag == "a":
            self._link_depth = max(0, self._link_depth - 1)
        if tag in _CELL_TAGS and self._cell is not None and self._row is not None:
            self._row.append(fold_space("".join(self._cell)))
            self._cell = None
        elif tag == "tr" and self._row is not None and self._cell is None:
            self._finish_row()
        elif tag == "table" and self._table_stack and self._row is None and self._cell is None:
            self._table_stack.pop()
            self._break()
        elif tag in chrome.BLOCK_TAGS:
            if self._cell is not None:
                self._cell.append(" ")
            else:
                self._break()
        if self._owner_stack and self._owner_stack[-1] == index:
            self._owner_stack.pop()
        self._emit(el.tail)

    def _finish_row(self) -> None:
        cells, self._row = self._row, None
        table, header = self._table_stack[-1]
        if not any(cells):
            return
        while cells and not cells[-1]:
            cells.pop()
        is_header = header is None  # the first row with text is the header row
        if is_header:
            self._table_stack[-1] = (table, tuple(cells))
        owner = self._owner_stack[-1] if self._owner_stack else 0
        text = "\t".join(cells)
        block = _Block(owner=owner, kind="header" if is_header else "row", table=table, text=text, link=self._row_link)
        block.header = () if is_header else self._table_stack[-1][1]
        block.parts = [text]
        self.blocks.append(block)
        self._break()


def _is_data_table(table) -> bool:
    """A table of data (rows of cells), not a layout grid holding the page."""
    if any(True for _ in table.iterdescendants("table")):
        return False
    widest = 0
    for row in table.iter("tr"):
        cells = [c for c in row if isinstance(c.tag, str) and c.tag.lower() in _CELL_TAGS]
        widest = max(widest, len(cells))
        for cell in cells:
            if (
                len(cell.text_content()) > LAYOUT_CELL_CHARS
                and sum(1 for d in cell.iterdescendants("p", "div", "br", "li")) >= 2
            ):
                return False
    return widest >= 2


# --------------------------------------------------------------------------------------------
# scoring and choosing


def _value(block: _Block) -> float:
    """What a block adds to the container holding it: prose counts, links and chrome cost."""
    text = block.text
    n = content_chars(text)
    if n == 0:
        return 0.0
    if block.kind in ("row", "header"):
        return float(n - 2 * block.link)
    if block.link > MAX_LINK_SHARE * n:
        return -1.5 * n - LABEL_PENALTY
    if _is_chrome(text):
        return -float(n) - LABEL_PENALTY
    nonlink = n - block.link
    punct = prose_punct(text)
    if punct == 0:
        return nonlink * 0.5 - LABEL_PENALTY if nonlink < HEADING_MAX else nonlink * 0.75
    return float(nonlink - block.link)


def _best_container(walk: _Walk) -> int:
    """Index of the element whose subtree's blocks add up to the most."""
    if not walk.spans:
        return 0
    score = [0.0] * len(walk.spans)
    for block in walk.blocks:
        score[block.owner] += block.value
    parents = walk.parents
    for index in range(len(score) - 1, 0, -1):  # children come after parents in pre-order
        parent = parents[index]
        if parent >= 0:
            score[parent] += score[index]
    best = 0
    for index, value in enumerate(score):
        if value >= score[best]:
            if value == score[best] and not _inside(walk.spans[best], index):
                continue
            best = index
    return best


def _inside(span: tuple[int, int], index: int) -> bool:
    return span[0] <= index <= span[1]


def _is_chrome(text: str) -> bool:
    """A line of portal chrome: a marker in a short line, or a chrome word alone."""
    bare = text
    if len(bare) <= chrome.CHROME_LINE_MAX and (_MARKERS.search(bare) or _CHROME_RE.search(bare)):
        return True
    if len(bare) > 40:
        return False
    key = _PUNCT_SPACE.sub("", bare)
    return bool(key) and len(key) <= 20 and _CHROME_WORDS.fullmatch(key) is not None


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


def _disclosure_tables(blocks: list[_Block], inside: list[int]) -> set[int]:
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
    if any(bare.startswith(m) for m in chrome.TAIL_MARKERS):
        return "hard"
    if content_chars(text) <= chrome.RECOMMENDATION_LINE_MAX and any(
        bare.startswith(m) for m in chrome.RECOMMENDATION_MARKERS
    ):
        return "hard"
    if any(bare.startswith(m) for m in chrome.SOFT_TAIL_MARKERS):
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


def _article(blocks: list[_Block], inside: list[int], title: str) -> list[Paragraph]:
    candidates: list[tuple[_Block, str]] = []
    disclosure = _disclosure_tables(blocks, inside)
    for i in inside:
        block = blocks[i]
        if block.kind in ("row", "header"):
            if block.table in disclosure:
                continue
            candidates.append((block, block.text))
            continue
        raw = "".join(block.parts)
        for piece in _INDENT_BREAK.split(raw) if "\u3000\u3000" in raw else (raw,):
            text = fold_space(piece)
            if text:
                candidates.append((block, text))
    kept: list[tuple[_Block, str]] = []
    for block, text in candidates:
        n = content_chars(text)
        if n == 0:
            continue
        share = block.link / max(content_chars(block.text), 1)
        if share > MAX_LINK_SHARE or (block.kind == "text" and (_is_chrome(text) or _is_inner_chrome(text))):
            kept.append((block, ""))  # a placeholder: chrome still counts for the tail cut
            continue
        kept.append((block, text))
    kept = _cut_tail(kept)
    kept = _trim_edges(kept)
    kept = _drop_lead(kept, title)
    title_key = normalize_key(title) if title else ""
    paragraphs = []
    for block, text in kept:
        if not text:
            continue
        if title_key and block.kind == "text" and len(text) <= 2 * len(title) and normalize_key(text) == title_key:
            continue  # the headline printed again (a second copy's heading)
        if block.kind == "header":
            paragraphs.append(Paragraph(text=text, kind="row", header=(), table=block.table))
        elif block.kind == "row":
            paragraphs.append(Paragraph(text=text, kind="row", header=block.header, table=block.table))
        elif len(text) <= HEADING_MAX and not _SENTENCE_END.search(text):
            paragraphs.append(Paragraph(text=text, kind="heading"))
        else:
            paragraphs.append(Paragraph(text=text))
    return paragraphs


def _cut_tail(kept: list[tuple[_Block, str]]) -> list[tuple[_Block, str]]:
    """End the article at a tail marker that follows article text: always at a hard one
    (上一篇, 版权所有…), and at a soft one (相关新闻…) when little prose follows it — a soft marker
    followed by prose heads a section of the article itself."""
    prose = [content_chars(text) if text and prose_punct(text) else 0 for _, text in kept]
    total = [content_chars(text or block.text) for block, text in kept]
    after_prose = sum(prose)
    after_total = sum(total)
    before = 0
    for i, (block, text) in enumerate(kept):
        after_prose -= prose[i]
        after_total -= total[i]
        if before:
            kind = _tail_kind(text or block.text)
            if kind == "hard" or (kind == "soft" and after_prose < 0.5 * after_total):
                return kept[:i]
        before += prose[i]
    return kept


#: Lines with at most this many letters/digits before the article's first prose paragraph are
#: toolbar and menu leftovers (字, 大, 配色, 重置).
LEAD_SCRAP_CHARS = 4

_EMPTY_LABEL = regex.compile(r"^[^，。；！？,;!?:：]{1,10}+[:：]\s*+$")
_LATIN_LINE = regex.compile(r"^[A-Z0-9 .,'&-]{12,}+$")


def _is_content(block: _Block, text: str) -> bool:
    """A prose paragraph or a table row: what the article is made of."""
    if not text:
        return False
    if block.kind != "text":
        return True
    return content_chars(text) >= 20 and prose_punct(text) > 0 and not _is_meta_line(text)


def _trim_edges(kept: list[tuple[_Block, str]]) -> list[tuple[_Block, str]]:
    """Scraps around the article: tiny lines before its first prose paragraph, and everything
    from the first label-without-value or chrome line after its last one (文件下载：, a site name in
    romanised capitals). Signature lines right after the last paragraph stay."""
    prose = [i for i, (block, text) in enumerate(kept) if _is_content(block, text)]
    if not prose:
        return kept
    first, last = prose[0], prose[-1]
    lead = [(b, t) for b, t in kept[:first] if b.kind != "text" or content_chars(t) > LEAD_SCRAP_CHARS]
    tail = kept[last + 1 :]
    for i, (block, text) in enumerate(tail):
        if not text or (block.kind == "text" and (_EMPTY_LABEL.match(text) or _LATIN_LINE.match(text))):
            tail = tail[:i]  # the first link list, chrome line or empty label ends the article
            break
    return lead + kept[first : last + 1] + tail


def _headline_candidates(lines: list[str]) -> list[str]:
    """Lines that may be the headline, best first: the line just before the first date or source
    line (a headline is followed by its metadata), then the other short lines that are not chrome."""
    lines = [line for line in lines if line and not _is_chrome(line)]
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


def _drop_lead(kept: list[tuple[_Block, str]], title: str) -> list[tuple[_Block, str]]:
    """Drop the headline and the metadata lines (source, date, author) that open the article, and
    whatever short lines (channel names) stand before the headline."""
    title_key = normalize_key(title) if title else ""
    if title_key:
        for i, (_block, text) in enumerate(kept[:LEAD_LINES]):
            if text and len(text) > 100:
                break
            key = normalize_key(text) if text else ""
            if key == title_key or (key.startswith(title_key) and _DATE_ONLY.match(_rest_after(text, title_key))):
                kept = kept[i + 1 :]
                break
    start = 0
    for block, text in kept:
        if block.kind != "text":
            break
        if text and len(text) > 100:
            break
        key = normalize_key(text) if text else ""
        if not text or (title_key and key == title_key) or _is_meta_line(text):
            start += 1
            continue
        break
    return kept[start:]
