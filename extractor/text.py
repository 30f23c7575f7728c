"""Small text helpers shared by the stages: width folding, whitespace folding, character classes.

Each is a pure ``str -> str`` (or ``str -> int``) function.
"""

from __future__ import annotations

import unicodedata

import regex

#: Seconds any one pattern may run on one text before giving up (untrusted input).
REGEX_TIMEOUT = 5.0

#: Characters of scripts written without spaces between words, and their punctuation.
CJK = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\u3000-\u303f\uff00-\uffef\u2018\u2019\u201c\u201d\u2014\u2026\u00b7\u2022"

#: Punctuation classes, defined once for every stage. A sentence ends at a sentence mark; a clause
#: at a sentence or clause mark; 、 joins the items of a list; a colon joins a label to its value.
SENTENCE_MARKS = "。！？!?；;"
CLAUSE_MARKS = "，,"
LIST_MARK = "、"
COLON_MARKS = "：:"
#: Everything that ends a clause: sentence and clause marks.
CLAUSE_BREAKS = SENTENCE_MARKS + CLAUSE_MARKS

#: Sentence and clause punctuation counted when judging whether a block is prose.
PROSE_PUNCT = CLAUSE_BREAKS + LIST_MARK + COLON_MARKS

_ZERO_WIDTH = regex.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]++")
_SPACE_CHARS = r"\s\u00a0\u2000-\u200a\u202f\u205f\u3000"
_SPACES = regex.compile(rf"[{_SPACE_CHARS}]++")
_LINE_BREAK = regex.compile(r"[\n\r\t\f\v]")
# a run of white space that holds a line break, whole
_BREAK_RUN = regex.compile(rf"[[{_SPACE_CHARS}]--[\n\r\t\f\v]]*+[\n\r\t\f\v][{_SPACE_CHARS}]*+", regex.V1)
_CJK_GAP = regex.compile(rf"(?<=[{CJK}])\x00|\x00(?=[{CJK}])")
_NOT_CONTENT = regex.compile(r"[^\p{L}\p{N}]++")
_PUNCT = regex.compile(f"[{regex.escape(PROSE_PUNCT)}]")

#: Punctuation that NFKC maps to ASCII punctuation, one character to one or more, and nothing
#: else: full-width ASCII punctuation (，：（）！？；％…) and the ellipsis (… → ...). Neither the
#: character nor its image is a letter or digit, so a comparison key drops both alike.
NFKC_PUNCT = "\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff5e\u2026"
# A character NFKC may change, other than NFKC_PUNCT: one whose NFKC quick check is No or Maybe
# (Maybe: it may compose with the character before it). Text without one is left as it is by
# NFKC but for its NFKC_PUNCT, each mapped on its own, and the reordering of combining marks,
# which are no letters or digits either (tests/test_dedup.py checks this against unicodedata).
_NFKC_ACTIVE = regex.compile(rf"[^\p{{NFKC_QC=Y}}{NFKC_PUNCT}]")

# Full-width ASCII (U+FF01–U+FF5E) and the ideographic space fold to ASCII one character for one,
# so offsets into the folded text are offsets into the original.
_WIDTH_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F) if cp != 0xFF0C}
_WIDTH_TABLE[0x3000] = 0x20


def fold_width(text: str) -> str:
    """Fold full-width ASCII to ASCII, one character for one (offsets are kept). The full-width
    comma stays: in Chinese text it separates clauses, not thousands.

    >>> fold_width('１２３．５万元，增长８％')
    '123.5万元，增长8%'
    """
    return text.translate(_WIDTH_TABLE)


def fold_space(text: str) -> str:
    """Fold white space the way Chinese text is read. A run that holds a line break is source
    formatting: next to a CJK character it goes (such text has no spaces between words), elsewhere
    it becomes one space. Any other run (spaces a writer typed) becomes one space.

    >>> fold_space(' 累计发放\\n  3753.57\\n万元 ')
    '累计发放3753.57万元'
    >>> fold_space('普及中医药健康知识  感悟中医药文化魅力')
    '普及中医药健康知识 感悟中医药文化魅力'
    >>> fold_space('GDP growth \\n 2023')
    'GDP growth 2023'
    """
    if text.isprintable():  # no white space but ASCII spaces, no zero-width or control characters
        return " ".join(text.split())
    if (
        "\u200b" in text
        or "\u200c" in text
        or "\u200d" in text
        or "\u2060" in text
        or "\ufeff" in text
        or "\xad" in text
    ):
        text = _ZERO_WIDTH.sub("", text)
    # str.split() folds the runs of white space as _SPACES does, faster, unless the text holds an
    # information separator (U+001C–U+001F): white space to str.split() and str.strip(), not to _SPACES
    split = not ("\x1c" in text or "\x1d" in text or "\x1e" in text or "\x1f" in text)
    if split:
        inner = text.strip()
        if inner.isprintable():  # white space, line breaks among it, only at the two ends (they go)
            return " ".join(inner.split())
    if _LINE_BREAK.search(text) is None:  # no source line breaks: every run is typed space
        return " ".join(text.split()) if split else _SPACES.sub(" ", text).strip()
    text = _BREAK_RUN.sub("\x00", text)  # a mark where a run held a line break; every other run is one space
    text = (" ".join(text.split()) if split else _SPACES.sub(" ", text)).strip(" \x00")
    if "\x00" in text:
        text = _CJK_GAP.sub("", text).replace("\x00", " ")
    return text


def normalize_key(text: str) -> str:
    """A comparison key: NFKC width folding, case folding, and nothing but letters and digits.

    >>> normalize_key('“增长 ８％”，') == normalize_key('"增长8%"')
    True
    """
    # else NFKC changes only punctuation, which goes anyway (is_normalized: see _key_of)
    if not unicodedata.is_normalized("NFKC", text) and _NFKC_ACTIVE.search(text) is not None:
        text = unicodedata.normalize("NFKC", text)
    return _NOT_CONTENT.sub("", text.casefold())


def key_and_chars(text: str) -> tuple[str, int]:
    """:func:`normalize_key` and :func:`content_chars` of ``text`` at once, sharing their work.

    >>> key_and_chars('“增长 ８％”，')
    ('增长8', 3)
    """
    bare = _NOT_CONTENT.sub("", text)
    return _key_of(text, bare), len(bare)


def _key_of(text: str, bare: str) -> str:
    """:func:`normalize_key` of ``text``, given its letters and digits (``bare``)."""
    # is_normalized is a quick check in C: text it passes NFKC leaves as it is (most lines without
    # full-width punctuation), so only the others need the search for an active character
    if not unicodedata.is_normalized("NFKC", text) and _NFKC_ACTIVE.search(text) is not None:
        return normalize_key(text)
    folded = text.casefold()
    return bare if folded == text else _NOT_CONTENT.sub("", folded)


#: Joins the texts :func:`keys_and_chars` reads in one substitution: a letter (so that the
#: substitution keeps it and no run of other characters spans two texts) that pages do not hold;
#: texts that hold it are read one by one.
_JOINER = "\ua66e"  # ꙮ, CYRILLIC LETTER MULTIOCULAR O


def keys_and_chars(texts: list[str]) -> list[tuple[str, int]]:
    """:func:`key_and_chars` of each of ``texts``, the letters and digits of all of them found
    by one pattern run (a run costs several thousand instructions before its first character).

    >>> keys_and_chars(['“增长 ８％”，', '', 'GDP 3%'])
    [('增长8', 3), ('', 0), ('gdp3', 4)]
    """
    if not texts:
        return []
    joined = _JOINER.join(texts)
    if joined.count(_JOINER) != len(texts) - 1:  # a text holds the joiner itself
        return [key_and_chars(text) for text in texts]
    bares = _NOT_CONTENT.sub("", joined).split(_JOINER)
    return [(_key_of(text, bare), len(bare)) for text, bare in zip(texts, bares, strict=True)]


def content_chars(text: str) -> int:
    """How many letters and digits ``text`` holds (punctuation and spaces not counted).

    >>> content_chars('增长 8.6%，')
    4
    """
    return len(_NOT_CONTENT.sub("", text))


def prose_punct(text: str) -> int:
    """How many clause or sentence punctuation marks ``text`` holds."""
    return len(_PUNCT.findall(text))
