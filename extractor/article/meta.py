"""Title and publication date of an article, from ``<title>``, ``<meta>`` and the lines near its
headline. Used by :mod:`extractor.article.clean`; pure functions of what it hands over.
"""

from __future__ import annotations

import datetime as _dt
from urllib.parse import urljoin, urlsplit

import regex

from ..text import content_chars, fold_space, normalize_key
from . import chrome

_SEPARATOR = regex.compile(chrome.TITLE_SEPARATORS)
_SENTENCE_MARK = regex.compile(r"[，。；！？]")
_LITERAL_BR = regex.compile(r"<\s*+/?\s*+br\s*+/?\s*+>", regex.I)
_DATE = regex.compile(r"(?<![\d])((?:19|20)\d{2})\s*+(?:[-/.年]\s*+)(\d{1,2})\s*+(?:[-/.月]\s*+)(\d{1,2})(?![\d])")
_COMPACT_DATE = regex.compile(r"(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})(?:T|\s|$|\d{2}:?\d{2})")
_DATE_LABEL = regex.compile(r"(?:" + "|".join(map(regex.escape, chrome.DATE_LABELS)) + r")\s*+[:：]?\s*+")
_STRONG_LABELS = chrome.DATE_LABELS[:8]
_STRONG_LABEL = regex.compile(r"(?:" + "|".join(map(regex.escape, _STRONG_LABELS)) + r")\s*+[:：]?\s*+")

# the comment a browser writes at the top of a page it saves: <!-- saved from url=(0042)http://… -->
_SAVED_FROM = regex.compile(r"<!--\s*+saved\s++from\s++url=\(\d{1,6}+\)\s*+([^\s<>\"']{1,2048}+)", regex.I)
_URL_CHARS = regex.compile(r"^[^\s<>\"\x00-\x1f\x7f]{1,2048}+$")

#: The saved-from comment is looked for in this many characters at the top of the page.
URL_HEAD = 4096

#: Lines after the headline searched for its date.
NEAR_HEADLINE = 12


# --------------------------------------------------------------------------------------------
# title


def find_title(page_title: str, metas: dict[str, str], heads: list[str], first_lines: list[str]) -> str:
    """The article headline: an element or meta text checked against ``<title>``, else ``<title>``
    without its site and column names.

    >>> find_title('多地高温津贴数年未涨(表)_网易财经', {}, ['多地高温津贴数年未涨(表)'], [])
    '多地高温津贴数年未涨(表)'
    >>> find_title('以保障和改善民生为主线-民生智库', {}, [], [])
    '以保障和改善民生为主线'
    >>> find_title('某某省淡水研究所', {}, ['某某省淡水研究所召开年度工作会议'], [])
    '某某省淡水研究所召开年度工作会议'
    """
    page_title = _clean_title(page_title)
    candidates = [metas[k] for k in chrome.TITLE_META if metas.get(k)] + heads + first_lines
    candidates = [_clean_title(c) for c in candidates if c and content_chars(c) >= 4 and len(c) <= 200]
    if page_title:
        page_key = normalize_key(page_title)
        stripped = strip_site_suffix(page_title)
        stripped_key = normalize_key(stripped)
        best = ""
        for cand in candidates:  # a headline (not a site name) opening <title>, a separator after it
            if cand != page_title and page_title.startswith(cand) and not _site_like(cand):
                rest = page_title[len(cand) :]
                if _SEPARATOR.match(rest) and len(cand) > len(best):
                    best = cand
        if best:
            return best
        for cand in candidates:
            key = normalize_key(cand)
            if _SENTENCE_MARK.search(cand[-1:]) or len(cand) > 80 or _site_like(cand):
                continue
            if key != page_key and key.startswith(page_key) and content_chars(cand) >= content_chars(page_title) + 4:
                best = cand  # <title> holds only the site name that the headline starts with
                break
            if cand != stripped and key.startswith(stripped_key) and page_key.startswith(key):
                best = cand  # the headline as the page shows it, with its subtitle (——)
                break
        if best:
            return best
        for cand in candidates:  # a headline found elsewhere in <title> (site name first)
            if (
                cand != page_title
                and cand in page_title
                and (stripped.startswith(cand) or cand not in stripped)  # not a later part of it
                and not page_title.endswith(cand)
                and not _site_like(cand)
                and content_chars(cand) >= max(6, content_chars(stripped) // 2)
                and len(cand) > len(best)
            ):
                best = cand
        if best:
            return best
        if not _site_like(stripped) or not candidates:
            return stripped
    for cand in candidates:
        if not _site_like(cand):
            return strip_site_suffix(cand)
    return strip_site_suffix(page_title)


def _clean_title(text: str) -> str:
    """A title's text: a literal ``<br>`` (left in ``<title>`` or escaped in a heading) is a line
    break, read as a space; white space folded."""
    if "<" in text:
        text = _LITERAL_BR.sub(" ", text)
    return fold_space(text)


def strip_site_suffix(title: str) -> str:
    """Cut the site and channel names off a ``<title>``: keep up to its longest segment, then drop
    trailing space-separated words that name a site.

    >>> strip_site_suffix('2024年4月全国CPI同比上涨0.3%_数据_宏观频道首页_财经网 - CAIJING.COM.CN')
    '2024年4月全国CPI同比上涨0.3%'
    >>> strip_site_suffix('棱镜|数据业大整顿：爬虫与现金贷共生共荣_财经_腾讯网')
    '棱镜|数据业大整顿：爬虫与现金贷共生共荣'
    >>> strip_site_suffix('某某省人民政府 部门资讯 全省养老服务体系建设取得新进展')
    '全省养老服务体系建设取得新进展'
    """
    title = fold_space(title)
    pieces = _SEPARATOR.split(title)
    seps = [m.group(0) for m in _SEPARATOR.finditer(title)]
    if len(pieces) > 1:
        longest = max(range(len(pieces)), key=lambda i: (content_chars(pieces[i]), -i))
        out = pieces[0]
        for i in range(1, longest + 1):
            out += seps[i - 1] + pieces[i]
        title = out.strip()
    words = title.split(" ")
    while len(words) > 1 and _site_like(words[-1]) and len(words[-1]) <= 15:
        words.pop()
    if len(words) > 1 and _site_like(words[0]) and any(w in words[0] for w in chrome.SITE_NAME_WORDS):
        # a site name first, then column names: 某某省人民政府 部门资讯 标题
        rest = words[1:]
        while len(rest) > 1 and len(rest[0]) <= 8 and _site_like(rest[0]):
            rest = rest[1:]
        if content_chars("".join(rest)) >= 6:
            words = rest
    return " ".join(words).strip(" -_|｜–—－")


def _site_like(text: str) -> bool:
    """Short text naming a site or channel (…网, …政府, .com…)."""
    return len(text) <= 20 and any(w in text for w in chrome.SITE_WORDS) and _SENTENCE_MARK.search(text) is None


# --------------------------------------------------------------------------------------------
# publication date


def parse_date(text: str) -> str:
    """The first plausible date in ``text`` as ``YYYY-MM-DD`` ('' when none).

    >>> parse_date('发布日期:2023-02-20'), parse_date('2025年06月03日 13时44分'), parse_date('20160405T10:00')
    ('2023-02-20', '2025-06-03', '2016-04-05')
    >>> parse_date('电话:010-68007379')
    ''
    """
    for pattern in (_DATE, _COMPACT_DATE):
        for m in pattern.finditer(text):
            year, month, day = (int(g) for g in m.groups())
            try:
                date = _dt.date(year, month, day)
            except ValueError:
                continue
            if 1990 <= year <= _dt.date.today().year + 1:
                return date.isoformat()
    return ""


def find_published(
    metas: dict[str, str],
    times: list[str],
    lines: list[str],
    body_start: int,
    title: str,
    keys: list[str] | None = None,
) -> str:
    """Publication date from meta tags, ``<time datetime>``, or a dated line near the headline.
    ``keys``, when given, holds :func:`~extractor.text.normalize_key` of each line (the cleaner has
    them already)."""
    for key in chrome.DATE_META:
        if key in metas:
            date = parse_date(metas[key])
            if date:
                return date
    for value in times:
        date = parse_date(value)
        if date:
            return date
    title_key = normalize_key(title) if title else ""
    headline = -1
    if title_key:
        for i, line in enumerate(lines[: body_start + 1]):
            key = keys[i] if keys is not None else normalize_key(line)
            if key and (key == title_key or (len(line) <= 2 * len(title) and title_key in key)):
                headline = i  # the last headline before the body is the article's own
    windows = []
    if headline >= 0:
        windows.append(lines[headline : headline + NEAR_HEADLINE])
    windows.append(lines[max(0, body_start - NEAR_HEADLINE) : body_start + 4])
    for window in windows:
        for labelled in (True, False):
            for line in window:
                if len(line) > 200:
                    continue
                date = _labelled_date(line, _DATE_LABEL) if labelled else parse_date(line)
                if date:
                    return date
    for line in lines:  # a strongly labelled date anywhere (发布日期：…)
        date = _labelled_date(line, _STRONG_LABEL) if len(line) <= 200 else ""
        if date:
            return date
    return ""


def _labelled_date(line: str, label: regex.Pattern) -> str:
    for m in label.finditer(line):
        date = parse_date(line[m.end() : m.end() + 30])
        if date and (_DATE.match(line, m.end()) or _COMPACT_DATE.match(line, m.end())):
            return date
    return ""


# --------------------------------------------------------------------------------------------
# the page's own address


def find_url(head: str, canonical: str, og_url: str, base: str, given: str = "") -> str:
    """The page's own address: the address its container ``given`` (an MHTML Content-Location, a
    WARC-Target-URI: where it was really fetched from), else the saved-from comment in ``head``
    (the top of the raw text, where a browser writes it; the parser drops comments), else
    ``<link rel="canonical">``, else ``og:url``, else ``<base href>``. ``""`` when none gives an
    absolute http(s) address.

    >>> find_url('<!-- saved from url=(0031)http://www.example.gov.cn/a.htm -->', '', '', '')
    'http://www.example.gov.cn/a.htm'
    >>> find_url('', '/news/1.html', 'https://example.com/x', '')
    'https://example.com/x'
    >>> find_url('', '/news/1.html', '', 'https://example.com/')
    'https://example.com/news/1.html'
    """
    given = _absolute(given, "")
    if given:
        return given
    saved = ""
    m = _SAVED_FROM.search(head)
    if m:
        saved = _absolute(m.group(1), "")
    anchor = saved or _absolute(base, "")
    for value in (saved, canonical, og_url, base):
        url = _absolute(value, anchor)
        if url:
            return url
    return ""


def _absolute(value: str, anchor: str) -> str:
    """``value`` as an absolute http(s) address ('' when it cannot be one)."""
    value = (value or "").strip()
    if not value or not _URL_CHARS.match(value):
        return ""
    if value.startswith("//"):
        value = "http:" + value
    try:
        parts = urlsplit(value)
        if not parts.scheme and anchor:
            value = urljoin(anchor, value)
            parts = urlsplit(value)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return ""
    return value
