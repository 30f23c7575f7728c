"""MHTML (``.mhtml``, ``.mht``: a browser's "save as single file") — the root HTML part of a MIME
``multipart/related`` message, with the evidence that comes with it. Used by :mod:`extractor.article.load`.

The root is the part named by the ``start`` parameter (RFC 2387), else the first HTML part. Its
transfer encoding (quoted-printable, base64) is undone by the standard library's ``email``
parser; its ``charset`` parameter is handed to the decoder as evidence, checked like a meta
charset, never trusted blindly.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..errors import ExtractError

#: Content types of a part that is a web page.
HTML_TYPES: frozenset[str] = frozenset({"text/html", "application/xhtml+xml"})

#: Headers that carry the address the page was saved from, most specific first: the root part's
#: own ``Content-Location``, then Chromium's ``Snapshot-Content-Location`` and the message's
#: ``Content-Location`` (Internet Explorer, Word).
LOCATION_HEADERS: tuple[str, ...] = ("Snapshot-Content-Location", "Content-Location")

#: How many bytes the MIME header block at the top of a file may take. Every byte up to there is
#: looked at, whatever the length of its lines (a ``Subject`` holds the page's title, and nothing
#: bounds a line); a block that has not ended by then is not read. A file that opens like MIME
#: (``MIME-Version``, a multipart or HTML ``Content-Type``) is then an error (``mhtml_limit``),
#: any other is read as a plain page. Browsers write a few hundred bytes; the bound is there so
#: that sniffing a plain file that happens to start with ``name: value`` lines stays cheap.
MAX_HEADER_BYTES = 256 << 10

# The header lines of a MIME block at the very top (no markup before it), then the blank line that
# ends it. One possessive loop, bounded by ``endpos``: no copy of the head, no backtracking.
_HEADER_LINES = regex.compile(rb"(?:[!-9;-~]++:[^\r\n]*+(?:\r?\n[ \t][^\r\n]*+)*+\r?\n)*+")
_BLANK_LINE = regex.compile(rb"\r?\n")
# What is left of a header block cut by ``MAX_HEADER_BYTES``: a field name, or a header line
# (with its continuations) that has not ended.
_CUT_LINE = regex.compile(rb"[!-9;-~]*+\Z|[!-9;-~]++:[^\r\n]*+(?:\r?\n[ \t][^\r\n]*+)*+\r?+\Z")
# Lines of a header block that make it MIME.
_MIME_SIGNS = regex.compile(
    rb"^(?:mime-version:|content-type:[ \t]*+(?:multipart/|text/html\b|application/xhtml\+xml\b))", regex.I | regex.M
)
# A block that declares a multipart/related message, or a single HTML body with a transfer encoding.
_MULTIPART = regex.compile(rb"^content-type:[ \t]*+multipart/related\b", regex.I | regex.M)
_SINGLE_HTML = regex.compile(rb"^content-type:[ \t]*+(?:text/html|application/xhtml\+xml)\b", regex.I | regex.M)
_TRANSFER = regex.compile(rb"^content-transfer-encoding:", regex.I | regex.M)


@dataclass(frozen=True, slots=True)
class Root:
    """The root HTML part of an MHTML file."""

    data: bytes
    """The part's bytes, transfer encoding undone."""
    charset: str
    """The part's ``charset`` parameter, lower-cased (``""`` when none)."""
    url: str
    """Its ``Content-Location``, else the message's saved-from address (``""`` when none)."""


def header_block(data: bytes) -> bytes:
    """The MIME header block at the top of ``data`` (``b""`` when it does not open with one that
    ends, with a blank line, within :data:`MAX_HEADER_BYTES`).

    >>> header_block(b'MIME-Version: 1.0\\r\\nContent-Type: text/html\\r\\n\\r\\n<p>x</p>')
    b'MIME-Version: 1.0\\r\\nContent-Type: text/html\\r\\n'
    >>> header_block(b'<html>Content-Type: multipart/related</html>')
    b''
    """
    return data[: _header_end(data)]


def _header_end(data: bytes) -> int:
    """Where the header lines of the block at the top of ``data`` end (0 when there is no block
    that ends within :data:`MAX_HEADER_BYTES`)."""
    end = _HEADER_LINES.match(data, 0, MAX_HEADER_BYTES).end()
    if end == 0 or not _BLANK_LINE.match(data, end, MAX_HEADER_BYTES):
        return 0
    return end


def _cut_header(data: bytes) -> bool:
    """True when ``data`` opens with a MIME header block that runs past :data:`MAX_HEADER_BYTES`:
    header lines all the way to the bound, and among them a sign of MIME."""
    if len(data) <= MAX_HEADER_BYTES:
        return False
    end = _HEADER_LINES.match(data, 0, MAX_HEADER_BYTES).end()
    return bool(_CUT_LINE.match(data, end, MAX_HEADER_BYTES) and _MIME_SIGNS.search(data, 0, MAX_HEADER_BYTES))


def is_mhtml(data: bytes) -> bool:
    """True when ``data`` is a MIME message holding a web page: ``multipart/related``, or a single
    HTML body with a transfer encoding (how some tools write a ``.mht`` without resources) — or
    one whose header is too long to read, for :func:`root` to say so rather than have the MIME
    source read as a page.

    >>> is_mhtml(b'From: <Saved by Blink>\\nMIME-Version: 1.0\\nContent-Type: multipart/related;\\n\\tboundary="b"\\n\\n--b')
    True
    >>> is_mhtml(b'<!DOCTYPE html><html><body>MIME-Version: 1.0</body></html>')
    False
    """
    end = _header_end(data)
    if not end:
        return _cut_header(data)
    return bool(_MULTIPART.search(data, 0, end)) or bool(
        _SINGLE_HTML.search(data, 0, end) and _TRANSFER.search(data, 0, end)
    )


def root(data: bytes) -> Root:
    """The root HTML part of the MHTML message ``data``.

    Raises :class:`~extractor.errors.ExtractError` (stage ``decode``) with error ``no_html_root``
    when the message holds no HTML part, ``mhtml_limit`` when its header runs past
    :data:`MAX_HEADER_BYTES`.
    """
    import email  # the MIME parser (about 80 ms to import): loaded by the first MHTML page only
    import email.policy

    if not _header_end(data) and _cut_header(data):
        raise ExtractError(
            "decode",
            "mhtml_limit",
            f"The file opens with an MHTML (MIME) header that runs past {MAX_HEADER_BYTES:,} bytes without ending "
            "(a browser writes a few hundred); it is not read.",
        )
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    part = _root_part(message)
    if part is None:
        raise ExtractError(
            "decode",
            "no_html_root",
            "The file is an MHTML (MIME) message without an HTML part; there is no page to read in it.",
        )
    body = part.get_payload(decode=True) or b""
    charset = (part.get_content_charset() or "").strip().lower()
    url = _location(part) or next((u for u in map(message.get, LOCATION_HEADERS) if u and u.strip()), "")
    return Root(data=body, charset=charset, url=str(url).strip())


def _root_part(message):
    if not message.is_multipart():
        return message if message.get_content_type() in HTML_TYPES else None
    parts = [p for p in message.get_payload() if not p.is_multipart()]
    start = (message.get_param("start") or "").strip()
    if start:
        for part in parts:
            if (part.get("Content-ID") or "").strip() == start and part.get_content_type() in HTML_TYPES:
                return part
    return next((p for p in parts if p.get_content_type() in HTML_TYPES), None)


def _location(part) -> str:
    value = part.get("Content-Location") or ""
    return str(value).strip()


__all__ = ["HTML_TYPES", "MAX_HEADER_BYTES", "Root", "is_mhtml", "root"]
