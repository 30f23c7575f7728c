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

#: How many bytes at the top of a file are searched for the MIME header block.
HEADER_BYTES = 4096

# A MIME header block at the very top (only header lines, no markup before it) that declares a
# multipart/related message or a single HTML body with a transfer encoding.
_HEADER_LINE = regex.compile(rb"[!-9;-~]++:[^\r\n]*+(?:\r?\n[ \t][^\r\n]*+)*+\r?\n")
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
    """The MIME header block at the top of ``data`` (``b""`` when it does not open with one).

    >>> header_block(b'MIME-Version: 1.0\\r\\nContent-Type: text/html\\r\\n\\r\\n<p>x</p>')
    b'MIME-Version: 1.0\\r\\nContent-Type: text/html\\r\\n'
    >>> header_block(b'<html>Content-Type: multipart/related</html>')
    b''
    """
    head = data[:HEADER_BYTES]
    pos = 0
    while True:
        m = _HEADER_LINE.match(head, pos)
        if m is None:
            break
        pos = m.end()
    if pos == 0 or not regex.match(rb"\r?\n", head[pos : pos + 2]):
        return b""
    return head[:pos]


def is_mhtml(data: bytes) -> bool:
    """True when ``data`` is a MIME message holding a web page: ``multipart/related``, or a single
    HTML body with a transfer encoding (how some tools write a ``.mht`` without resources).

    >>> is_mhtml(b'From: <Saved by Blink>\\nMIME-Version: 1.0\\nContent-Type: multipart/related;\\n\\tboundary="b"\\n\\n--b')
    True
    >>> is_mhtml(b'<!DOCTYPE html><html><body>MIME-Version: 1.0</body></html>')
    False
    """
    block = header_block(data)
    if not block:
        return False
    return bool(_MULTIPART.search(block)) or bool(_SINGLE_HTML.search(block) and _TRANSFER.search(block))


def root(data: bytes) -> Root:
    """The root HTML part of the MHTML message ``data``.

    Raises :class:`~extractor.errors.ExtractError` (stage ``decode``, error ``no_html_root``) when
    the message holds no HTML part.
    """
    import email  # the MIME parser (about 80 ms to import): loaded by the first MHTML page only
    import email.policy

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


__all__ = ["HTML_TYPES", "Root", "is_mhtml", "root"]
