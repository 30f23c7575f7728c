"""The block walk: a parsed page as a list of text blocks, each with its features computed once.

1. :func:`parse` reads the page with lxml (no BeautifulSoup tree on this path), past libxml2's
   nesting limit where it can, and says when text is still cut.
2. One iterative walk (:class:`Walk`) drops elements in :data:`~extractor.article.chrome.DROP_TAGS`,
   elements hidden by inline style and elements whose class or id names chrome, and turns the rest
   into *blocks*: runs of inline text between block boundaries, inline markup joined without
   inserted spaces (``<b>2.46</b>亿元`` reads ``2.46亿元``). A data table becomes one block per row,
   cells separated by a tab, the header row kept.

:mod:`extractor.article.clean` chooses the article among the blocks and trims it.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import lxml.etree
import regex

from ..errors import ExtractError
from ..records import Page
from ..text import content_chars, fold_space, keys_and_chars, prose_punct
from . import chrome

#: A table cell longer than this, holding several blocks, makes its table a layout table.
LAYOUT_CELL_CHARS = 300


# huge_tree lifts libxml2's nesting limit from 256 to 2048 levels: saved pages that never close
# their <font> or <div> tags pass 256 long before their article ends. The network stays off and
# HTML has no user-defined entities, so this opens no expansion attack; size is bounded by the
# batch's --max-bytes.
# lxml.etree's HTML parser, not lxml.html's: the latter looks up a Python element class for every
# element the walk touches, and nothing here needs its methods. No table of id attributes is
# built: nothing looks elements up by id.
# The decoded text is given to it encoded as UTF-8, and it is told so: the declared encoding is
# overridden, so a page's <meta charset> cannot make libxml2 decode the text a second time (and
# the bytes cost it slightly fewer instructions than converting a str).
_PARSER = lxml.etree.HTMLParser(
    remove_comments=True, remove_pis=True, no_network=True, recover=True, huge_tree=True, collect_ids=False,
    encoding="utf-8",
)  # fmt: skip
_SURROGATE = regex.compile(r"[\ud800-\udfff]")

#: The text of an element's subtree (XPath string(), as lxml.html's text_content), and its length.
text_of = lxml.etree.XPath("string()", smart_strings=False)
_TEXT_LENGTH = lxml.etree.XPath("string-length()")

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
# the XML declaration of an XHTML page: lxml refuses a str that still carries its encoding= part
_XML_DECL = regex.compile(r"<\?xml\b[^>]{0,200}+>", regex.I)
_LEADING_SPACE = regex.compile(r"\s*+")
# The declaration is looked for between the page's leading white space and this many characters
# after it (it is at most 206). A bound is needed: given a pattern that starts with a repeat and
# then a literal, the regex module looks for the literal in the whole string before matching.
XML_DECL_SPAN = 256
# Browsers ignore </body> and </html> and keep reading; libxml2 drops everything after them, and
# saved pages often have a stray pair from a server-side include before the article.
_END_TAGS = regex.compile(r"</(?:body|html)\s*+>", regex.I)
# The chrome patterns in two alternations: those anchored at the start of the line, tried there
# only, and the others. (One alternation of all of them is searched several times slower.)
_CHROME_AT_START = regex.compile("|".join(p for p in chrome.CHROME_PATTERNS if p.startswith("^")) or "(?!)")
_CHROME_ANYWHERE = regex.compile("|".join(p for p in chrome.CHROME_PATTERNS if not p.startswith("^")) or "(?!)")
_TRAIL_LINE = regex.compile(chrome.TRAIL_LINE)
_PUNCT_SPACE = regex.compile(r"[\p{P}\p{S}\s]++")
_MARKERS = regex.compile("|".join(map(regex.escape, chrome.CHROME_MARKERS)))
_CHROME_WORDS = regex.compile(
    "(?:" + "|".join(map(regex.escape, sorted(chrome.CHROME_LINES, key=len, reverse=True))) + ")++"
)
_CELL_TAGS = frozenset({"td", "th"})
# Elements never dropped for a class or id that names chrome: they hold the whole page.
_NEVER_CHROME = frozenset({"html", "body", "main", "article"})

# What opening and closing an element does in the walk, by its lower-cased tag: an inline
# element (any tag not listed) adds its text to the block being read; a link also counts its
# text as link text; <time> gives its datetime; a block element ends the block (as do table,
# row and cell elements, which are block elements when they are not read as a data table's
# parts); a dropped element is skipped with everything inside it. Kinds from _BLOCK on are
# block elements.
_INLINE, _LINK, _TIME, _BLOCK, _TABLE, _ROW, _CELL, _DROP = range(8)
_TAG_KIND: dict[str, int] = {
    **dict.fromkeys(chrome.BLOCK_TAGS, _BLOCK),
    "table": _TABLE,
    "tr": _ROW,
    "td": _CELL,
    "th": _CELL,
    "a": _LINK,
    "time": _TIME,
    **dict.fromkeys(chrome.DROP_TAGS, _DROP),
}


#: A block whose link text is more than this share of its letters and digits is navigation.
MAX_LINK_SHARE = 0.5


@dataclass(slots=True)
class Block:
    """A run of text between block boundaries, with its features, each computed once: by
    :func:`finish` when the walk ends (text, character count, key, link density), and on first
    use for the two that only some blocks need (:func:`punct_of`, :func:`chrome_of`)."""

    owner: int  # pre-order index of the innermost block element holding it
    parts: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)  # the parts that stand inside <a>
    link: int = 0  # letters and digits inside <a> (counted once, by finish)
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


def finish(blocks: list[Block]) -> None:
    """Compute the features every block needs (the keys and letter counts of all the blocks in
    one pattern run: :func:`~extractor.text.keys_and_chars`)."""
    for block in blocks:
        if not block.text:
            parts = block.parts
            block.text = fold_space(parts[0]) if len(parts) == 1 else fold_space("".join(parts))
    for block, (key, chars) in zip(blocks, keys_and_chars([block.text for block in blocks]), strict=True):
        block.key, block.chars = key, chars
        if block.links:
            # a text block all of whose parts are link text (a menu entry, a list of links): its
            # letters and digits are the block's, white space folding changes none of them (a
            # table row's one part is its joined cells, whatever its links)
            all_links = block.kind == "text" and len(block.links) == len(block.parts)
            block.link = chars if all_links else content_chars("".join(block.links))
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


def parse(page: Page) -> tuple[lxml.etree._Element, str]:
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
        start = _LEADING_SPACE.match(text).end()
        declaration = _XML_DECL.match(text, start, start + XML_DECL_SPAN)
        text = _END_TAGS.sub("", text[declaration.end() :] if declaration else text)
    root, too_deep = _parse_text(text)
    if not too_deep:
        return root, ""
    flat = _FLATTEN_INLINE.sub("", _FLATTEN_BLOCK.sub("<br>", text))
    root, too_deep = _parse_text(flat)
    return root, DEPTH_WARNING if too_deep else ""


def _parse_text(text: str) -> tuple[lxml.etree._Element, bool]:
    """Parse ``text``; True with the tree when the parser hit its nesting limit."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate (libxml2 would stop reading at it)
        data = _SURROGATE.sub("\ufffd", text).encode("utf-8")
    try:
        root = lxml.etree.fromstring(data, _PARSER)
    except (lxml.etree.ParserError, lxml.etree.ParseError, ValueError) as exc:
        raise ExtractError("parse", "unparsable", f"The page could not be parsed as HTML ({exc}).") from None
    if root is None:  # nothing but white space, comments or processing instructions
        raise ExtractError("parse", "unparsable", "The page could not be parsed as HTML (Document is empty).")
    too_deep = any(e.type_name == "ERR_RESOURCE_LIMIT" for e in _PARSER.error_log)
    return root, too_deep


# --------------------------------------------------------------------------------------------
# the walk: tree → blocks


class Walk:
    """One iterative pre-order walk of the tree, producing blocks and element spans."""

    def __init__(self, root):
        self.blocks: list[Block] = []
        self.ends: list[int] = []  # element index → index of the last element of its subtree
        self.parents: list[int] = []  # element index → index of the block element holding it, or -1
        self.times: list[str] = []  # datetime attributes of <time> elements
        self._root = root
        self._total: int | None = None  # length of the page's text, measured only when needed
        self._run(root)
        finish(self.blocks)

    def span(self, index: int) -> tuple[int, int]:
        """The first and last element index of the subtree of element ``index``."""
        return index, self.ends[index]

    def _run(self, root) -> None:
        """The walk, as one loop over lxml's start and end events (``iterwalk``, which skips a
        dropped element's subtree in C). ``opened`` holds, for each element open, its index × 8 +
        its kind, or -1 for one dropped. Each event ends by adding the one text it reached (an
        element's text when it starts, its tail when it ends), as link text while ``link_depth`` is
        above 0. What starting and ending an element does depends on its kind (:data:`_TAG_KIND`) alone.
        Tags are looked up as they are: libxml2's HTML parser lower-cases them."""
        blocks, ends, parents, times = self.blocks, self.ends, self.parents, self.times
        kind_of = _TAG_KIND.get
        hidden_style = chrome.HIDDEN_STYLE.search
        chrome_tokens = chrome.CHROME_CLASS_TOKENS
        chrome_classes: dict[str, bool] = {}  # class attribute → whether a token of it names chrome
        owner_stack: list[int] = []
        owner = -1  # the top of owner_stack, -1 when it is empty
        count = 0  # elements opened so far
        table_stack: list[list] = []  # [table id (-1 for a layout table), header cells or None]
        current: Block | None = None  # the block text is being added to
        row: list[str] | None = None  # the cells of the data-table row being read
        cell: list[str] | None = None  # the parts of the cell being read
        row_links: list[str] = []  # the parts of the row being read that stand inside <a>
        link_depth = tables = 0
        opened: list[int] = []
        open_element, close_element = opened.append, opened.pop
        walker = lxml.etree.iterwalk(root, events=("start", "end"))
        skip = walker.skip_subtree
        for event, el in walker:
            if event == "end":
                item = close_element()
                if item >= 0:
                    index = item >> 3
                    kind = item & 7
                    ends[index] = count - 1
                    if kind >= _BLOCK:
                        if kind == _CELL and cell is not None and row is not None:
                            row.append(fold_space("".join(cell)))
                            cell = None
                        elif kind == _ROW and row is not None and cell is None:
                            block = self._row_block(row, table_stack[-1], owner_stack, row_links)
                            if block is not None:
                                blocks.append(block)
                            row = current = None
                        elif kind == _TABLE and table_stack and row is None and cell is None:
                            table_stack.pop()
                            current = None
                        elif cell is not None:
                            cell.append(" ")
                        else:
                            current = None
                        if owner == index:
                            owner_stack.pop()
                            owner = owner_stack[-1] if owner_stack else -1
                    elif kind == _LINK and link_depth:
                        link_depth -= 1
                text = el.tail
            else:
                tag = el.tag
                if tag.__class__ is not str:  # comment or processing instruction left by the parser
                    skip()
                    open_element(-1)
                    continue
                kind = kind_of(tag, _INLINE)
                dropped = kind == _DROP
                present = () if dropped else el.keys()
                if present:  # attributes that hide the element or name it chrome
                    get = el.get
                    if (
                        "hidden" in present
                        or ("aria-hidden" in present and get("aria-hidden") == "true")
                        or ("style" in present and hidden_style(get("style") or ""))
                    ):
                        dropped = True
                    elif tag not in _NEVER_CHROME:
                        named = "id" in present and get("id").strip().lower() in chrome_tokens
                        if not named and "class" in present:  # pages repeat a few class values
                            value = get("class")
                            named = chrome_classes.get(value)
                            if named is None:
                                named = chrome_classes[value] = not chrome_tokens.isdisjoint(value.lower().split())
                        if named:  # never drop what holds most of the page's text, whatever its class says
                            dropped = _TEXT_LENGTH(el) < 0.3 * self._page_chars()
                if dropped:
                    skip()
                    open_element(-1)
                    continue
                index = count
                count += 1
                ends.append(index)
                parents.append(owner)
                open_element(index * 8 + kind)
                if kind >= _BLOCK:
                    if kind == _TABLE and row is None and cell is None:
                        if is_data_table(el):
                            tables += 1
                            table_stack.append([tables - 1, None])
                        else:
                            table_stack.append([-1, None])
                    elif kind == _ROW and table_stack and table_stack[-1][0] >= 0 and cell is None:
                        current = None
                        row = []
                        row_links = []
                    elif kind == _CELL and row is not None and cell is None:
                        cell = []
                    elif cell is not None:
                        cell.append(" ")
                    else:
                        current = None
                    if row is None and cell is None:
                        owner_stack.append(index)  # a data-table row belongs to its table
                        owner = index
                elif kind == _LINK:
                    link_depth += 1
                elif kind == _TIME and (datetime := el.get("datetime")):
                    times.append(datetime)
                text = el.text
            if not text:
                continue
            if cell is not None:
                cell.append(text)
                if link_depth:
                    row_links.append(text)
            elif row is None:  # text between the cells of a row is ignored
                if current is None:
                    if text.isspace():
                        continue
                    current = Block(owner if owner >= 0 else 0)
                    blocks.append(current)
                current.parts.append(text)
                if link_depth:
                    current.links.append(text)

    @staticmethod
    def _row_block(cells: list[str], table: list, owner_stack: list[int], links: list[str]) -> Block | None:
        """The block of a finished data-table row ('' rows give none); the first row with text
        becomes its table's header."""
        if not any(cells):
            return None
        while cells and not cells[-1]:
            cells.pop()
        is_header = table[1] is None  # the first row with text is the header row
        if is_header:
            table[1] = tuple(cells)
        owner = owner_stack[-1] if owner_stack else 0
        text = "\t".join(cells)
        block = Block(owner=owner, kind="header" if is_header else "row", table=table[0], text=text, links=links)
        block.header = () if is_header else table[1]
        block.parts = [text]
        return block

    def _page_chars(self) -> int:
        if self._total is None:
            body = self._root.find("body")
            self._total = int(_TEXT_LENGTH(body if body is not None else self._root))
        return self._total


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
                _TEXT_LENGTH(cell) > LAYOUT_CELL_CHARS
                and sum(1 for d in cell.iterdescendants("p", "div", "br", "li")) >= 2
            ):
                return False
    return widest >= 2


def is_chrome(text: str) -> bool:
    """A line of portal chrome: a marker in a short line, or a chrome word alone."""
    bare = text
    if len(bare) <= chrome.CHROME_LINE_MAX and (
        _MARKERS.search(bare)
        or _CHROME_AT_START.match(bare)
        or _CHROME_ANYWHERE.search(bare)
        or (any(mark in bare for mark in chrome.TRAIL_MARKS) and _TRAIL_LINE.match(bare))
    ):
        return True
    if len(bare) > 40:
        return False
    key = _PUNCT_SPACE.sub("", bare)
    return bool(key) and len(key) <= 20 and _CHROME_WORDS.fullmatch(key) is not None
