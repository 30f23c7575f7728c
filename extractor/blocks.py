"""The block walk: a parsed page as a list of text blocks, each with its features computed once.

1. :func:`parse` reads the page with lxml (no BeautifulSoup tree on this path), past libxml2's
   nesting limit where it can, and says when text is still cut.
2. One iterative walk (:class:`Walk`) drops elements in :data:`~extractor.chrome.DROP_TAGS`,
   elements hidden by inline style and elements whose class or id names chrome, and turns the rest
   into *blocks*: runs of inline text between block boundaries, inline markup joined without
   inserted spaces (``<b>2.46</b>亿元`` reads ``2.46亿元``). A data table becomes one block per row,
   cells separated by a tab, the header row kept.

:mod:`extractor.clean` chooses the article among the blocks and trims it.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import lxml.etree
import lxml.html
import regex

from . import chrome
from .errors import ExtractError
from .records import Page
from .text import content_chars, fold_space, normalize_key, prose_punct

#: A table cell longer than this, holding several blocks, makes its table a layout table.
LAYOUT_CELL_CHARS = 300


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
_CHROME_RE = regex.compile("|".join(chrome.CHROME_PATTERNS))
_PUNCT_SPACE = regex.compile(r"[\p{P}\p{S}\s]++")
_MARKERS = regex.compile("|".join(map(regex.escape, chrome.CHROME_MARKERS)))
_CHROME_WORDS = regex.compile(
    "(?:" + "|".join(map(regex.escape, sorted(chrome.CHROME_LINES, key=len, reverse=True))) + ")++"
)
_CELL_TAGS = frozenset({"td", "th"})


#: A block whose link text is more than this share of its letters and digits is navigation.
MAX_LINK_SHARE = 0.5


@dataclass(slots=True)
class Block:
    """A run of text between block boundaries, with its features, each computed once: by
    :func:`finish` when the walk ends (text, character count, key, link density), and on first
    use for the two that only some blocks need (:func:`punct_of`, :func:`chrome_of`)."""

    owner: int  # pre-order index of the innermost block element holding it
    parts: list[str] = field(default_factory=list)
    link: int = 0  # characters inside <a>
    kind: str = "text"  # text | row | header
    table: int = -1
    header: tuple[str, ...] = ()
    text: str = ""  # the parts joined, white space folded
    chars: int = 0  # content_chars(text): letters and digits
    key: str = ""  # normalize_key(text): what repeats are compared on
    nav: bool = False  # link text is more than MAX_LINK_SHARE of it
    punct: int = -1  # prose_punct(text); -1 until first asked
    chrome: int = -1  # is_chrome(text) as 0/1; -1 until first asked
    value: float = 0.0  # what it adds to a container (set by the scorer)


def finish(block: Block) -> None:
    """Compute the features every block needs."""
    text = block.text or fold_space("".join(block.parts))
    block.text = text
    block.chars = chars = content_chars(text)
    block.key = normalize_key(text)
    block.nav = chars > 0 and block.link > MAX_LINK_SHARE * chars


def punct_of(block: Block) -> int:
    """How many clause or sentence marks the block's text holds (computed once)."""
    if block.punct < 0:
        block.punct = prose_punct(block.text)
    return block.punct


def chrome_of(block: Block) -> bool:
    """Whether the block's text is a line of portal chrome (:func:`is_chrome`, computed once)."""
    if block.chrome < 0:
        block.chrome = int(is_chrome(block.text))
    return block.chrome == 1


def parse(page: Page) -> tuple[lxml.html.HtmlElement, str]:
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


# --------------------------------------------------------------------------------------------
# the walk: tree → blocks


class Walk:
    """One iterative pre-order walk of the tree, producing blocks and element spans."""

    def __init__(self, root):
        self.blocks: list[Block] = []
        self.spans: list[tuple[int, int]] = []  # element index → (first, last) index of its subtree
        self.parents: list[int] = []
        self.times: list[str] = []  # datetime attributes of <time> elements
        self._link_depth = 0
        self._owner_stack: list[int] = []
        self._current: Block | None = None
        self._tables = 0
        self._row_link = 0
        self._row: list[list[str]] | None = None
        self._cell: list[str] | None = None
        self._table_stack: list[tuple[int, tuple[str, ...] | None]] = []  # (table id, header)
        self._root = root
        self._total: int | None = None  # length of the page's text, measured only when needed
        self._run(root)
        for block in self.blocks:
            finish(block)

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
            block = self._current = Block(owner=self._owner_stack[-1] if self._owner_stack else 0)
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
            if is_data_table(el):
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
        block = Block(owner=owner, kind="header" if is_header else "row", table=table, text=text, link=self._row_link)
        block.header = () if is_header else self._table_stack[-1][1]
        block.parts = [text]
        self.blocks.append(block)
        self._break()


def is_data_table(table) -> bool:
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


def is_chrome(text: str) -> bool:
    """A line of portal chrome: a marker in a short line, or a chrome word alone."""
    bare = text
    if len(bare) <= chrome.CHROME_LINE_MAX and (_MARKERS.search(bare) or _CHROME_RE.search(bare)):
        return True
    if len(bare) > 40:
        return False
    key = _PUNCT_SPACE.sub("", bare)
    return bool(key) and len(key) <= 20 and _CHROME_WORDS.fullmatch(key) is not None
