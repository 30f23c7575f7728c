"""Stage 1 — bytes to a decoded :class:`~extractor.records.Page`.

Order of evidence, as browsers and ``w3lib.encoding`` do it:

1. a byte-order mark (UTF-8, UTF-16, UTF-32);
2. UTF-16 without a BOM, recognised by its pattern of zero bytes;
3. valid UTF-8 — a page whose bytes are valid UTF-8 is UTF-8 whatever it declares (pages saved by
   a browser keep their ``charset=gb2312`` meta after being re-encoded);
4. a charset the container gave (an MHTML part's ``charset``, an HTTP ``Content-Type`` in a WARC),
   taken only when it passes the checks of :func:`_credible_hint`: such a label is often a
   server's default rather than a fact about the bytes, so it must not turn a page into mojibake;
5. the declared charset (``<meta charset>``, ``http-equiv``, XML declaration), with GB2312/GBK read
   as GB18030 and Big5 as Big5-HKSCS, their supersets;
6. detection (charset-normalizer) among the encodings Chinese pages come in.

An MHTML file (see :mod:`extractor.article.mhtml`) is read as its root HTML part.

Input that is not text at all (empty, PDF, images, archives, other binary) raises
:class:`~extractor.errors.ExtractError` with stage ``decode``.
"""

from __future__ import annotations

import codecs
import hashlib

import regex

from ..errors import ExtractError
from ..records import Page
from . import mhtml

#: Leading bytes of common non-HTML files, with the name used in the error message.
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"BZh", "a bzip2-compressed file"),
    (b"\xfd7zXZ\x00", "an xz-compressed file"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"RIFF", "a RIFF media file (WebP, WAV, AVI)"),
    (b"\x7fELF", "an executable program"),
    (b"MZ", "a Windows executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"wOFF", "a web font"),
    (b"wOF2", "a web font"),
)

#: Byte-order marks, longest first (a UTF-32-LE BOM starts with the UTF-16-LE one).
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: Declared charsets read as a superset: pages declared GB2312 routinely use GBK-only characters,
#: and Big5 pages use HKSCS ones.
SUPERSETS: dict[str, str] = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "ms936": "gb18030",
    "euc-cn": "gb18030",
    "big5": "big5hkscs",
    "big5-hkscs": "big5hkscs",
    "x-x-big5": "big5hkscs",
    "cp950": "big5hkscs",
    "ascii": "utf-8",
    "us-ascii": "utf-8",
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
}

#: Candidates for detection when neither a BOM, valid UTF-8 nor a working declaration decides.
DETECT_CANDIDATES: tuple[str, ...] = ("gb18030", "big5hkscs", "utf_8", "shift_jis", "euc_kr", "cp1252")

#: How many bytes to look at for a declaration and for binary sniffing.
HEAD = 8192

#: Share of replacement characters (per non-ASCII character) below which a decode is accepted as
#: "right encoding, a few damaged bytes" rather than "wrong encoding".
DAMAGE_RATIO = 0.05

_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufeff]++")
# The same C0 controls as bytes. In every codec read here except UTF-16/32 a byte below 0x20 (or
# 0x7f) is always that control character (trail bytes of GB18030, Big5, Shift_JIS, EUC-KR and
# UTF-8 are 0x30 and above), so bytes without them decode to text without them.
_CONTROL_BYTES = bytes([*range(0, 9), 11, *range(14, 32), 127])
_WIDE_CODECS = ("utf-16", "utf-32")
# The control bytes that mark binary data in a page's head (tab, line feed, carriage return and
# escape are left out: text files hold them).
_BINARY_CONTROL_BYTES = bytes([*range(0, 9), 11, 12, *range(14, 27), *range(28, 32)])

#: Where a declaration is looked for, in bytes from the start: an XML declaration in the first
#: 1,024, a ``<meta charset>`` or ``http-equiv`` content in the first 2,048.
XML_DECLARATION_BYTES = 1024
META_CHARSET_BYTES = 2048

_XML_ENCODING = regex.compile(rb"""^\s*+<\?[^\n]{0,1024}?encoding=['"]([^'"\n]{1,64}+)['"]""", regex.I)
_META_CHARSET = regex.compile(rb"""<\s*+meta\b[^>]{0,1024}?charset\s*+=\s*+["']?+([^\s/;'">]{1,64}+)""", regex.I)
_MARKUP = regex.compile(
    r"<(?:!doctype|html|head|body|meta|title|div|p|table|span|a|br|article|section|ul|li|h[1-6]|font|td|center)\b",
    regex.I,
)


def load(data: bytes, source: str, charset: str = "", url: str = "") -> Page:
    """Decode ``data`` into a :class:`Page`. ``charset`` is a charset the container gave (evidence,
    checked before it is used); ``url`` the address it gave. An MHTML message is read as its root
    HTML part, whose own ``charset`` and ``Content-Location`` then serve as those.

    >>> page = load('<p>收入2.46亿元</p>'.encode('gbk'), 'x.html')
    >>> page.encoding, page.replacements
    ('gb18030', 0)
    >>> load('<meta charset="gb2312"><p>中文</p>'.encode('utf-8'), 'y.html').encoding
    'utf-8'
    """
    if not data or data.isspace():  # (strip() would copy the page)
        raise ExtractError(
            "decode", "empty", "The file is empty or holds only white space; there is nothing to extract."
        )
    if mhtml.is_mhtml(data):
        part = mhtml.root(data)
        data, charset, url = part.data, part.charset or charset, url or part.url
        if not data or data.isspace():
            raise ExtractError("decode", "empty", "The MHTML file's HTML part is empty; there is nothing to extract.")
    doc_id = hashlib.sha256(data).hexdigest()[:16]
    text, encoding, declared, replacements = _decode(data, charset)
    # one memchr per control byte, rather than a copy of the page without them
    if encoding.startswith(_WIDE_CODECS) or any(byte in data for byte in _CONTROL_BYTES) or "\ufeff" in text:
        text = _CONTROL.sub("", text)
    if not text or text.isspace():
        raise ExtractError("decode", "empty", "The file holds no text once decoded; there is nothing to extract.")
    markup = bool(_MARKUP.search(text, 0, 65536)) or text.lstrip().startswith("<")
    return Page(
        source=source,
        doc_id=doc_id,
        text=text,
        encoding=encoding,
        declared=declared,
        replacements=replacements,
        markup=markup,
        size=len(data),
        url=url,
    )


def in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _decode(data: bytes, hint: str = "") -> tuple[str, str, str, int]:
    """Return (text, encoding used, declared charset, replacement count)."""
    for bom, enc in BOMS:
        if data.startswith(bom):
            return _finish(data[len(bom) :], enc, "")
    sniffed = _sniff_utf16(data[:HEAD])
    if sniffed:
        return _finish(data, sniffed, "")
    _reject_binary(data[:HEAD])
    declared = declared_charset(data[:HEAD])
    try:
        return data.decode("utf-8"), "utf-8", declared, 0
    except UnicodeDecodeError:
        pass
    hinted = _codec(hint) if hint else ""
    if (
        hinted
        and hinted not in ("utf-8", "utf-16", "utf-16-le", "utf-16-be")
        and _credible_hint(data, hinted, declared)
    ):
        text, bad = _with_replacements(data, hinted)
        if bad == 0:  # a label from outside the page must fit every byte; damage is left to the page's own
            return text, hinted, declared, 0
    candidates = []
    if declared:
        enc = _codec(declared)
        if enc and enc not in ("utf-8", "utf-16", "utf-16-le", "utf-16-be"):
            candidates.append(enc)
    candidates.append("utf-8")  # damaged UTF-8: a few bad bytes in an otherwise valid file
    for enc in candidates:
        text, bad = _with_replacements(data, enc)
        if bad == 0 or bad <= DAMAGE_RATIO * _non_ascii(text):
            return text, enc, declared, bad
    enc = _detect(data)
    text, bad = _with_replacements(data, enc)
    return text, enc, declared, bad


#: Codecs that map every byte (or nearly every byte) to a character: any bytes "decode" in them, so
#: a clean decode is no evidence. An HTTP ``Content-Type`` naming one is most often a server's
#: default (ISO-8859-1 was HTTP/1.1's, RFC 2616 §3.7.1).
SINGLE_BYTE_CODECS: frozenset[str] = frozenset(
    {"cp1252", "latin-1", "iso8859-1", "iso8859-15", "cp1250", "cp1251", "koi8-r", "mac-roman", "cp437"}
)


def _credible_hint(data: bytes, enc: str, declared: str) -> bool:
    """Whether a charset the container gave may be tried before the page's own declaration.

    A single-byte charset decodes any bytes, so it is taken only when detection agrees the bytes
    are not in a Chinese multi-byte encoding. GB18030 decodes most Big5 bytes without an error
    (into rare characters), so a GB hint the page's own declaration does not repeat is taken only
    when its Han characters are everyday simplified ones (:data:`GB2312_SHARE`), as detection
    does. A hint that passes must still decode every byte: a damaged page is left to its own
    declaration and detection, which tolerate a few bad bytes (a GBK page labelled Big5 decodes
    with about one character in twenty replaced: mojibake, not damage).
    """
    if enc in SINGLE_BYTE_CODECS:
        return _detect(data) in SINGLE_BYTE_CODECS
    if enc == "gb18030" and _codec(declared) != "gb18030":
        return _mostly_gb2312(data.decode("gb18030", "replace"))
    return True


def declared_charset(head: bytes) -> str:
    """The charset a page declares, lower-cased ('' when none): an XML declaration's encoding,
    else a ``<meta charset>`` or a ``http-equiv`` content's ``charset=``.

    >>> declared_charset(b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=GB2312">')
    'gb2312'
    >>> declared_charset(b'<?xml version="1.0" encoding="big5"?><html>'), declared_charset(b'<meta charset=utf-8>')
    ('big5', 'utf-8')
    """
    m = _XML_ENCODING.search(head, 0, XML_DECLARATION_BYTES) or _META_CHARSET.search(head, 0, META_CHARSET_BYTES)
    return m.group(1).decode("ascii", "replace").lower() if m else ""


def _finish(data: bytes, enc: str, declared: str) -> tuple[str, str, str, int]:
    text, bad = _with_replacements(data, enc)
    if not declared:  # a BOM decides, but what the page claims is still worth recording
        declared = declared_charset(text[:META_CHARSET_BYTES].encode("ascii", "replace"))
    name = enc.replace("-le", "").replace("-be", "") if enc.startswith("utf-16") else enc
    return text, name, declared, bad


def _with_replacements(data: bytes, enc: str) -> tuple[str, int]:
    text = data.decode(enc, "replace")
    bad = text.count("\ufffd")
    if bad and enc.replace("_", "-") in ("utf-8", "utf8"):
        bad -= data.count(b"\xef\xbf\xbd")  # a literal U+FFFD in the file is not our doing
    return text, max(bad, 0)


def _non_ascii(text: str) -> int:
    return len(text.encode("utf-32-le")) // 4 - len(text.encode("ascii", "ignore"))


def _codec(name: str) -> str:
    """Map a declared charset to the Python codec we decode it with ('' when unknown)."""
    name = name.strip().lower()
    name = SUPERSETS.get(name, name)
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return ""
    return SUPERSETS.get(codec, codec)


def _sniff_utf16(head: bytes) -> str:
    """Recognise UTF-16 without a BOM by its zero bytes ('' when it is not)."""
    sample = head[: len(head) // 2 * 2]
    if len(sample) < 8:
        return ""
    even_zero = sample[0::2].count(0)
    odd_zero = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_zero > 0.3 * half and even_zero < 0.05 * half:
        return "utf-16-le"
    if even_zero > 0.3 * half and odd_zero < 0.05 * half:
        return "utf-16-be"
    return ""


def _reject_binary(head: bytes) -> None:
    for signature, what in BINARY_SIGNATURES:
        if head.startswith(signature):
            raise ExtractError(
                "decode",
                "binary",
                f"The file is {what}, not a saved web page; remove it from the input or convert it first.",
            )
    controls = len(head) - len(head.translate(None, _BINARY_CONTROL_BYTES))
    if controls > 0.1 * len(head):
        raise ExtractError("decode", "binary", "The file holds binary data, not text; it is not a saved web page.")


#: Share of Han characters that must fall in GB2312 (the 6,763 everyday simplified characters) for
#: undeclared bytes that decode as GB18030 to be taken as simplified Chinese without detection.
GB2312_SHARE = 0.9

_HAN = regex.compile(r"\p{Han}")


def _mostly_gb2312(text: str) -> bool:
    """True when ``text`` holds Han characters, at least :data:`GB2312_SHARE` of them in GB2312."""
    han = _HAN.findall(text[:20000])
    return bool(han) and sum(1 for ch in han if in_gb2312(ch)) >= GB2312_SHARE * len(han)


def _detect(data: bytes) -> str:
    """Guess the encoding of bytes that neither UTF-8 nor their declaration decode: clean GB18030
    made of everyday simplified characters first (Big5 bytes read as GBK give rare characters),
    then charset-normalizer among the encodings Chinese pages come in."""
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = ""
    if _mostly_gb2312(text):
        return "gb18030"
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000], cp_isolation=list(DETECT_CANDIDATES)).best()
    if best is None:
        return "gb18030"
    return _codec(best.encoding) or "gb18030"
