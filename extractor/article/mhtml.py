"""MHTML (``.mhtml``, ``.mht``: a browser's "save as single file") — the root HTML part of a MIME
multipart message (``multipart/related`` by RFC 2557, ``mixed`` or ``alternative`` in some saves
and mail-like files), with the evidence that comes with it. Used by :mod:`extractor.article.load`.

The root is the part named by the ``start`` parameter (RFC 2387), else the first HTML part, at
any depth of nested multiparts. The parts are found by a walk of this module's, bounded in depth
and in number (:data:`MAX_DEPTH`, :data:`MAX_PARTS`), that parses the headers of HTML and
multipart parts only: the standard library's parser, given the whole message, builds an object
for every part and recurses into every level, so a hostile file costs it memory without bound
or its stack. The root's transfer encoding (quoted-printable, base64) is undone by the standard
library's ``email`` parser, given that part alone; its ``charset`` parameter is handed to the
decoder as evidence, checked like a meta charset, never trusted blindly.
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

#: How deep multiparts may nest for the walk to look inside them. A mail-like save nests three
#: (mixed, alternative, related); each level costs one more pass over the bytes inside it, so the
#: bound keeps a file of thousands of nested levels linear. (The standard library's parser recurses
#: into every level: 5,000 of them cost it seconds and then exhaust Python's stack.)
MAX_DEPTH = 32

#: How many parts the walk looks at. Chromium writes one part per resource of the page: hundreds, a
#: few thousand on a long gallery. Nothing is kept of a part once passed (the standard library's
#: parser builds an object for each: 100,000 parts cost it 1.7 s and 150 MB); a part that is
#: neither HTML nor multipart costs the walk about 4 µs, one whose headers it parses 20 to 30 µs,
#: so the bound, far past any real save, is reached within 6 s, well under the page timeout.
MAX_PARTS = 200_000

# The header lines of a MIME block: at the very top of the file (no markup before it), and at the
# top of each part. The last may end where the bytes looked at end (a file cut short in a part's
# header keeps it). One possessive loop, bounded by ``endpos``: no copy, no backtracking.
_HEADER_LINES = regex.compile(rb"(?:[!-9;-~]++:[^\r\n]*+(?:\r?\n[ \t][^\r\n]*+)*+\r?+(?:\n|\Z))*+")
_BLANK_LINE = regex.compile(rb"\r?\n")
# What is left of a header block cut by ``MAX_HEADER_BYTES`` after its last line: nothing, or a
# field name cut before its colon (a line cut after it is one of ``_HEADER_LINES``).
_CUT_LINE = regex.compile(rb"[!-9;-~]*+\Z")
# The rest of a delimiter line after ``--boundary`` (RFC 2046 §5.1.1): ``--`` when it closes the
# multipart, then transport padding and the line break.
_DELIMITER_TAIL = regex.compile(rb"(--)?+[ \t]*+(?:\r?\n|\Z)")
# The Content-Type of a part the walk must read the headers of: a multipart to enter, an HTML part.
# Other parts (images, style sheets, fonts) are passed by this one search.
_WALKED_TYPE = regex.compile(
    rb"^content-type:[ \t]*+(?:\r?\n[ \t]++)?+(?:multipart/|text/html\b|application/xhtml\+xml\b)", regex.I | regex.M
)
# Lines of a header block that make it MIME.
_MIME_SIGNS = regex.compile(
    rb"^(?:mime-version:|content-type:[ \t]*+(?:multipart/|text/html\b|application/xhtml\+xml\b))", regex.I | regex.M
)
# A block that declares a multipart message (related, as RFC 2557 has it; mixed or alternative, as
# some saves and mail-like files have it: the walk looks for the page in any), or a single HTML
# body with a transfer encoding.
_MULTIPART = regex.compile(rb"^content-type:[ \t]*+(?:\r?\n[ \t]++)?+multipart/[!-~]", regex.I | regex.M)
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
    """True when ``data`` is a MIME message that may hold a web page: a multipart one (``related``,
    ``mixed``, ``alternative``…), or a single HTML body with a transfer encoding (how some tools
    write a ``.mht`` without resources) — or one whose header is too long to read, for
    :func:`root` to say so rather than have the MIME source read as a page.

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
    """The root HTML part of the MHTML message ``data``: the HTML part whose ``Content-ID`` the
    message's ``start`` parameter names, else the first HTML part, at any depth of nested
    multiparts (a mail-like save puts the page in a ``multipart/alternative``), in the order they
    come in the file.

    Raises :class:`~extractor.errors.ExtractError` (stage ``decode``) with error ``no_html_root``
    when the message holds no HTML part, ``mhtml_limit`` when its header runs past
    :data:`MAX_HEADER_BYTES`, or when the walk met :data:`MAX_DEPTH` or :data:`MAX_PARTS` before
    any HTML part.
    """
    import email  # the MIME parser (about 80 ms to import): loaded by the first MHTML page only
    import email.policy

    end = _header_end(data)
    if not end and _cut_header(data):
        raise ExtractError(
            "decode",
            "mhtml_limit",
            f"The file opens with an MHTML (MIME) header that runs past {MAX_HEADER_BYTES:,} bytes without ending "
            "(a browser writes a few hundred); it is not read.",
        )
    message = _headers(data[:end])
    walk = _Walk(data)
    boundary = message.get_boundary() if end and message.get_content_maintype() == "multipart" else None
    if boundary:
        parts = walk.html_parts(_body_start(data, end, len(data)), len(data), _as_bytes(boundary), 1)
    elif end and message.get_content_type() in HTML_TYPES:
        parts = iter([(message, 0, len(data))])
    else:
        parts = iter(())
    found = _choose(parts, _start(message))
    if found is None:
        if walk.limit:
            raise ExtractError(
                "decode",
                "mhtml_limit",
                f"The file is an MHTML (MIME) message with {walk.limit}, and no HTML part came before that "
                "bound; it is not read further.",
            )
        raise ExtractError(
            "decode",
            "no_html_root",
            "The file is an MHTML (MIME) message without an HTML part; there is no page to read in it.",
        )
    _, begin, stop = found
    # the standard library undoes the transfer encoding, of this one part only
    part = email.message_from_bytes(data[begin:stop], policy=email.policy.compat32)
    body = part.get_payload(decode=True) or b""
    charset = (part.get_content_charset() or "").strip().lower()
    url = _field(part, "Content-Location") or next(filter(None, (_field(message, h) for h in LOCATION_HEADERS)), "")
    return Root(data=body, charset=charset, url=url)


class _Walk:
    """A depth-first walk over the parts of one MIME message that yields its HTML parts in file
    order, bounded by :data:`MAX_DEPTH` and :data:`MAX_PARTS`. Only the headers of HTML and
    multipart parts are parsed, and nothing is kept of a part once passed. ``limit`` says which
    bound the walk met (``""`` when none)."""

    def __init__(self, data: bytes):
        self.data = data
        self.parts = 0
        self.limit = ""

    def html_parts(self, begin: int, end: int, boundary: bytes, depth: int):
        """``(headers, start, end)`` of each HTML part of the multipart body ``data[begin:end]``,
        ``depth`` deep."""
        data = self.data
        for start, stop in self._split(begin, end, boundary):
            self.parts += 1
            if self.parts > MAX_PARTS:
                self.limit = f"more than {MAX_PARTS:,} parts"
                return
            head = _HEADER_LINES.match(data, start, stop).end()
            if not _WALKED_TYPE.search(data, start, head):
                continue
            headers = _headers(data[start:head])
            if headers.get_content_type() in HTML_TYPES:
                yield headers, start, stop
            elif headers.get_content_maintype() == "multipart" and headers.get_boundary():
                if depth >= MAX_DEPTH:
                    self.limit = self.limit or f"multiparts nested more than {MAX_DEPTH} deep"
                    continue
                inner = _as_bytes(headers.get_boundary())
                yield from self.html_parts(_body_start(data, head, stop), stop, inner, depth + 1)

    def _split(self, begin: int, end: int, boundary: bytes):
        """``(start, end)`` of each body part of ``data[begin:end]`` (RFC 2046 §5.1.1): a delimiter
        is a line ``--boundary``, and the line break before it is its own; the preamble before the
        first and the epilogue after the closing one belong to no part. A multipart that is never
        closed (a truncated file) ends at ``end``, as the standard library reads it."""
        data = self.data
        dash = b"--" + boundary
        line = b"\n" + dash  # searched for whole: text with the boundary inside a line costs no loop
        start = -1
        at = begin if data.startswith(dash, begin, end) else data.find(line, begin, end) + 1 or -1
        while at >= 0:
            pos = at + len(dash)
            tail = _DELIMITER_TAIL.match(data, pos, end)
            if tail is not None:  # else a longer boundary that starts with this one, or text after it
                if start >= 0:
                    stop = at - 1  # the line feed before the delimiter, and its carriage return
                    yield start, max(start, stop - (data[stop - 1 : stop] == b"\r"))
                if tail.group(1):
                    return
                start = pos = tail.end()
            # from the line feed that ended the delimiter line (or inside the rejected one)
            at = data.find(line, pos - 1, end) + 1 or -1
        if start >= 0:  # the standard library leaves out the line break that ends the file
            stop = end - (data[end - 1 : end] == b"\n")
            yield start, max(start, stop - (data[stop - 1 : stop] == b"\r"))


def _choose(parts, start: str):
    """The part of ``parts`` whose ``Content-ID`` is ``start``, else the first (``None`` when there
    is none). Without ``start`` the first is taken as it comes, and the walk goes no further."""
    first = None
    for found in parts:
        if not start or _field(found[0], "Content-ID") == start:
            return found
        if first is None:
            first = found
    return first


def _headers(block: bytes):
    """The header block ``block`` parsed by the standard library (folding, quoting, RFC 2231
    parameters), as a message without a body."""
    import email.parser
    import email.policy

    return email.parser.BytesHeaderParser(policy=email.policy.compat32).parsebytes(block)


def _start(message) -> str:
    """The message's ``start`` parameter (RFC 2387), ``""`` when none: read from the header as
    :func:`_field` gives it, to compare with a ``Content-ID`` read the same way."""
    import email.message
    import email.utils

    content_type = email.message.Message()
    content_type["Content-Type"] = _field(message, "Content-Type")
    value = content_type.get_param("start") or ""
    if isinstance(value, tuple):  # an RFC 2231 value (collapsing a plain one would unquote it again: <id> → id)
        value = email.utils.collapse_rfc2231_value(value)
    return value.strip()


def _as_bytes(boundary: str) -> bytes:
    # the header parser read the bytes as ASCII with surrogateescape: this gives them back (and an
    # RFC 2231 value, decoded to text, as UTF-8)
    return boundary.encode("utf-8", "surrogateescape")


def _body_start(data: bytes, head: int, end: int) -> int:
    """Where the body of a part whose header lines end at ``head`` starts: after the blank line,
    or at the first line that is not a header (the standard library reads it as the body)."""
    blank = _BLANK_LINE.match(data, head, end)
    return blank.end() if blank else head


def _field(message, name: str) -> str:
    """The first ``name`` header of ``message`` as text (``""`` when none), its bytes read as
    UTF-8: the standard library gives a header with bytes outside ASCII (a raw UTF-8 address, a
    ``Content-ID``) as an object that is not a string."""
    name = name.lower()
    for key, value in message.raw_items():
        if key.lower() == name:
            return value.encode("ascii", "surrogateescape").decode("utf-8", "replace").strip()
    return ""


__all__ = ["HTML_TYPES", "MAX_DEPTH", "MAX_HEADER_BYTES", "MAX_PARTS", "Root", "is_mhtml", "root"]
