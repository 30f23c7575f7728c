"""Containers of pages — zip, tar and WARC — read as a stream of the pages inside them.

:func:`items` turns one input file into what the engines process: the file itself when it is a
page, else a :class:`~extractor.records.Payload` per page inside (read one at a time, never the
whole archive at once) and a :class:`~extractor.records.Failure` for every member or record that
is a page but cannot be read, or for the archive itself when it is broken or holds no page.

* **zip**, **tar** (``.tar``, ``.tar.gz``, ``.tgz``): members that are pages by their suffix
  (MHTML too) are inputs, named ``archive.zip!path/inside``. A member name stored without the
  UTF-8 flag is decoded as the bytes really are — valid UTF-8 first, else GB18030 (names made on
  Chinese Windows) — never as cp437. Archives inside are not opened. :class:`Limits` guard against
  bombs: each member's size (``--max-bytes``), the total unpacked, the member count and the
  compression ratio; a member over a limit is an errors row and the rest of the archive goes on.
  A tar is unpacked to get past every member, page or not, so all of them count toward its total
  (:class:`_Budget`), and it stops where the total would be passed.
* **WARC** (``.warc``, ``.warc.gz``, ``.arc``, ``.arc.gz``), streamed with ``warcio``: each
  ``response`` or ``resource`` record whose payload is HTML is an input, named
  ``archive.warc.gz#<WARC-Record-ID>`` (an ARC file's records have no id: ``archive.arc.gz#offset=N``,
  where the record starts in the file, so that every run names them the same), with its ``WARC-Target-URI`` as url and its HTTP
  ``Content-Type`` charset as evidence for the decoder; chunked and compressed HTTP bodies are
  decoded. An HTML response whose status is not 2xx is an errors row (``http_status``); request,
  metadata, warcinfo and revisit records and non-HTML payloads are not inputs. A record that does
  not end where its Content-Length says is an errors row (``bad_length``); a WARC gzipped as one
  whole file is read again through gzip; lines, headers and what a compressed file unpacks are
  bounded (:func:`_bounded_iterator`, :class:`_Budget`). For the dask
  engine a page record can instead be named by its offset (a :class:`~extractor.records.RecordRef`),
  which the worker reads from the archive itself (:func:`read_record`).

A name (or record id) that occurs again in one archive gets ``~2``, ``~3``… on its second and later
occurrences, so every ``source`` is one input's.
"""

from __future__ import annotations

import dataclasses
import functools
import gzip
import lzma
import os
import tarfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import regex

from ..article.load import in_gb2312
from ..records import Failure, Payload, RecordRef

#: File suffixes read as pages when a folder (or an archive) is searched; a file named explicitly
#: is read whatever its suffix.
PAGE_SUFFIXES: frozenset[str] = frozenset({".html", ".htm", ".shtml", ".xhtml", ".mhtml", ".mht"})

#: Archive kinds by the end of the file name (longest first: ``.tar.gz`` before ``.gz``).
ARCHIVE_SUFFIXES: dict[str, str] = {
    ".warc.gz": "warc",
    ".arc.gz": "warc",
    ".warc": "warc",
    ".arc": "warc",
    ".tar.gz": "tar",
    ".tgz": "tar",
    ".tar": "tar",
    ".zip": "zip",
}

#: Content types of a WARC payload that is a web page.
HTML_TYPES: frozenset[str] = frozenset({"text/html", "application/xhtml+xml"})

#: WARC record types that can hold a page; request, metadata, warcinfo, revisit and
#: conversion records are not inputs.
PAGE_RECORDS: frozenset[str] = frozenset({"response", "resource"})

#: Defaults of :class:`Limits`: total unpacked bytes of one archive, members listed, and the
#: compression ratio over which a member is taken for a bomb (pages deflate 5–20×; a bomb's
#: zeros 1,000×), checked on members of at least :data:`RATIO_FLOOR` bytes.
TOTAL_BYTES = 4 * 2**30
MAX_MEMBERS = 100_000
MAX_RATIO = 200
RATIO_FLOOR = 2**20

#: Bytes a WARC record may hold after its decoded HTTP body (a chunked body's trailer).
TRAILER_BYTES = 4096

#: How an ARC file begins (its first record, the file description): warcio reads ARC records as
#: WARC ones, with a random WARC-Record-ID each time, so their ``source`` names their offset.
ARC_START = b"filedesc://"

#: What unpacking one zip or tar member can raise when its bytes are damaged, by compression
#: method as :mod:`zipfile` and :mod:`tarfile` read them: deflate ``zlib.error``, bzip2 ``OSError``
#: (``Invalid data stream``), LZMA ``lzma.LZMAError`` (its data or its properties header), a bad
#: CRC or local header ``BadZipFile``, a member cut short ``EOFError``, a method the standard
#: library cannot unpack (deflate64, implode) ``NotImplementedError``; tar wraps its
#: decompressors' errors in ``TarError``.
MEMBER_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile, tarfile.TarError, zlib.error, lzma.LZMAError, EOFError, NotImplementedError, OSError,
)  # fmt: skip

#: The most of any input text (a line of the file, a status line, an exception's text that
#: quotes the input) a message holds, in characters: a file of NUL bytes is one "line" as long
#: as the file, and its errors row must stay a sentence.
QUOTE_CHARS = 300

#: The longest line read from a WARC or ARC file (its header lines, the HTTP status and headers,
#: a chunk's size) and the most header bytes one record may have. Real header lines are well
#: under 8 KiB (web servers refuse longer ones); a file with a longer line is no WARC.
WARC_LINE_BYTES = 64 * 1024
WARC_HEADER_BYTES = 2**20

_CHARSET = regex.compile(r"""charset\s*+=\s*+["']?+([^\s;"',]{1,64}+)""", regex.I)
_HAN = regex.compile(r"\p{Han}")
_MARKUP_HEAD = regex.compile(rb"^\s*+<(?:!doctype\s++html|html|head|body|meta|title)\b", regex.I)


@dataclass(frozen=True)
class Limits:
    """What one archive may unpack to."""

    max_bytes: int
    """Largest member (or WARC record payload) read, in bytes: ``--max-bytes``."""
    total_bytes: int = TOTAL_BYTES
    members: int = MAX_MEMBERS
    ratio: int = MAX_RATIO


def archive_kind(path: str | os.PathLike, sniff: bool = False) -> str:
    """``zip``, ``tar`` or ``warc`` by the file's name; with ``sniff``, by its first bytes when the
    name does not say (a file named explicitly); ``""`` when it is no archive.

    >>> archive_kind('pages.tar.gz'), archive_kind('crawl.WARC.GZ'), archive_kind('a.html')
    ('tar', 'warc', '')
    """
    name = os.fsdecode(path).lower()
    for suffix, kind in ARCHIVE_SUFFIXES.items():
        if name.endswith(suffix):
            return kind
    if not sniff or Path(name).suffix in PAGE_SUFFIXES:
        return ""
    head = _first_bytes(path, 512)
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"WARC/"):
        return "warc"
    if head[257:262] == b"ustar":
        return "tar"
    return ""


def _first_bytes(path: str | os.PathLike, n: int) -> bytes:
    """The first ``n`` bytes of a file, decompressed when it is gzip; ``b""`` when unreadable."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(n)
            if head.startswith(b"\x1f\x8b"):
                fh.seek(0)
                with gzip.GzipFile(fileobj=fh) as gz:
                    head = gz.read(n)
    except (OSError, EOFError, zlib.error):
        return b""
    return head


def is_page_name(name: str) -> bool:
    """Whether a member or file name is a page's, by its suffix.

    >>> is_page_name('新闻/通知.HTM'), is_page_name('style.css')
    (True, False)
    """
    return Path(name).suffix.lower() in PAGE_SUFFIXES


def member_name(raw: bytes) -> str:
    r"""A member name stored without a declared encoding, as the bytes really are: valid UTF-8,
    else GB18030 (zips made on Chinese Windows), else with the other bytes escaped.

    Short GBK names are often valid UTF-8 too (通知 is CD A8 D6 AA: U+0368 U+05AA). UTF-8 of
    Chinese takes three bytes a character, so UTF-8 that reads as nothing above U+07FF and is no
    word of one script (a combining mark after no letter, Cyrillic next to Hebrew), while the same
    bytes read as GB18030 are everyday Han characters only, is taken for GBK.

    >>> member_name('报告/数据.html'.encode('gbk')), member_name('通知/一.html'.encode('gbk'))
    ('报告/数据.html', '通知/一.html')
    >>> member_name('报告/ü.html'.encode()), member_name('a/é.html'.encode()), member_name(b'\xff\xfe.htm')
    ('报告/ü.html', 'a/é.html', '\\xff\\xfe.htm')
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = ""
    try:
        gbk = raw.decode("gb18030")
    except UnicodeDecodeError:
        gbk = ""
    if text and not (gbk and max(map(ord, text)) < 0x800 and not _one_script(text) and _all_gb2312_han(gbk)):
        return text
    if gbk:
        return gbk
    return "".join(chr(b) if b < 0x80 else f"\\x{b:02x}" for b in raw)


#: Scripts whose letters take two bytes in UTF-8: a name in one of them (with its combining marks)
#: is a real UTF-8 name, not GBK bytes that happen to be valid UTF-8.
TWO_BYTE_SCRIPTS: tuple[str, ...] = ("Latin", "Greek", "Cyrillic", "Armenian", "Hebrew", "Arabic")

_SCRIPT_WORDS = tuple(
    regex.compile(rf"(?:[\x00-\x7f]|\p{{Script={script}}}|(?<=\p{{L}})\p{{M}})++") for script in TWO_BYTE_SCRIPTS
)


def _one_script(text: str) -> bool:
    return any(p.fullmatch(text) for p in _SCRIPT_WORDS)


def _all_gb2312_han(text: str) -> bool:
    """Every non-ASCII character of ``text`` is a GB2312 Han character (and there is one)."""
    wide = [ch for ch in text if ord(ch) >= 0x80]
    return bool(wide) and all(_HAN.match(ch) and in_gb2312(ch) for ch in wide)


def items(
    path: str, label: str, limits: Limits, kind: str = "", by_offset: bool = False
) -> Iterator[str | Payload | RecordRef | Failure]:
    """What the engines process for the input file ``path`` (shown as ``label``) of archive
    ``kind`` (:func:`archive_kind`): the path itself for a page (``kind`` ``""``), or the pages
    and failures inside an archive, one at a time. With ``by_offset``, a WARC's pages come as
    :class:`~extractor.records.RecordRef` for the workers to read (:func:`read_record`)."""
    if not kind:
        yield path
        return
    found = False
    if kind == "warc":
        found_items = _warc_items(path, label, limits, by_offset)
    else:
        found_items = {"zip": _zip_items, "tar": _tar_items}[kind](path, label, limits)
    for item in found_items:
        found = True
        yield item
    if not found:
        yield Failure(
            label, "read", "no_pages",
            f"The {kind} archive holds no page (no member ending in {' '.join(sorted(PAGE_SUFFIXES))}"
            + (", no HTML response or resource record" if kind == "warc" else "") + ").",
        )  # fmt: skip


# --------------------------------------------------------------------------------------------
# zip and tar


class _Budget:
    """The limits of one archive, as its members are read.

    A zip is read member by member where each one starts, so only the pages read count toward
    its total unpacked. A tar or WARC file is a stream: getting past a member or record that is
    no page (a video, an image) means unpacking it too, in the process that lists the inputs,
    where no page timeout reaches. For those (``streamed_size``: the file's size) every member
    counts, as its header announces it and before it is unpacked, and the total allowed is
    :data:`TOTAL_BYTES` or the ratio limit times the file's size when that is more, so a large
    real crawl is read whole while a small file that unpacks to gigabytes stops at once."""

    def __init__(self, label: str, limits: Limits, kind: str = "zip", streamed_size: int | None = None):
        self.label, self.limits, self.kind, self.total, self.count = label, limits, kind, 0, 0
        self.streamed = streamed_size is not None
        self.cap = max(limits.total_bytes, limits.ratio * streamed_size) if self.streamed else limits.total_bytes

    def pass_over(self, size: int) -> Failure | None:
        """Count the ``size`` bytes a streamed archive unpacks to get to its next member; the
        archive's errors row when that takes it over its total (nothing more is read then)."""
        if self.total + size > self.cap:
            return self.over_total()
        self.total += size
        return None

    def over_total(self) -> Failure:
        from .engine import size_text

        what = "gunzip it and give the .warc" if self.kind == "warc" else "unpack it and give its folder"
        return Failure(
            self.label, "read", "archive_limit",
            f"The {'WARC file' if self.kind == 'warc' else f'{self.kind} archive'} unpacks to more than "
            f"{size_text(self.cap)}, counting what is not a page "
            f"(it is unpacked to get past it); the rest was not read. To read it all, {what} instead.",
        )  # fmt: skip

    def refuse(self, source: str, size: int, packed: int | None) -> Failure | None:
        """The errors row of a member of ``size`` bytes, ``packed`` compressed (None: unknown),
        that must not be unpacked; None when it may be."""
        from .engine import size_text

        limits = self.limits
        if size > limits.max_bytes:
            return Failure(
                source, "read", "too_large",
                f"The member is {size_text(size)}, over the {size_text(limits.max_bytes)} limit; raise --max-bytes to read it.",
            )  # fmt: skip
        if packed is not None:
            bomb = self.bomb(source, size, packed)
            if bomb is not None:
                return bomb
        if not self.streamed and self.total + size > limits.total_bytes:
            return Failure(
                source, "read", "archive_limit",
                f"The archive unpacks to more than {size_text(limits.total_bytes)}; this member was not unpacked. "
                "Unpack the archive and give its folder instead.",
            )  # fmt: skip
        return None

    def bomb(self, source: str, size: int, packed: int) -> Failure | None:
        """The errors row when ``size`` unpacked bytes from ``packed`` ones exceed the ratio."""
        from .engine import size_text

        if size < RATIO_FLOOR or size <= self.limits.ratio * max(packed, 1):
            return None
        return Failure(
            source, "read", "archive_bomb",
            f"The member unpacks from {size_text(packed)} to {size_text(size)} (over {self.limits.ratio}× "
            "compression): taken for a zip bomb and not unpacked.",
        )  # fmt: skip

    def over_count(self) -> Failure | None:
        self.count += 1
        if self.count <= self.limits.members:
            return None
        return Failure(
            self.label, "read", "archive_limit",
            f"The archive lists more than {self.limits.members:,} members; the rest were not read. "
            "Unpack it and give its folder instead.",
        )  # fmt: skip


class _Sources:
    """The ``source`` labels given out in one archive, each one once: a zip can hold two members
    of the same name and a crawl two records of the same WARC-Record-ID, and two rows of one
    ``source`` would be taken for one page (two byte-identical ones each the other's duplicate,
    the article left without claims). The second and later occurrences get ``~2``, ``~3``…"""

    def __init__(self):
        self.seen: set[str] = set()
        self.counts: dict[str, int] = {}

    def unique(self, source: str) -> str:
        k = self.counts.get(source, 0)
        name = source if not k else f"{source}~{k + 1}"
        while name in self.seen:  # a name that is itself taken (a record id ending in ~2)
            k += 1
            name = f"{source}~{k + 1}"
        self.counts[source] = k + 1
        self.seen.add(name)
        return name


def _nested(source: str) -> Failure:
    return Failure(
        source, "read", "nested_archive",
        "An archive inside an archive is not opened; unpack it and give it (or its folder) as an input.",
    )  # fmt: skip


def _broken(label: str, kind: str, exc: BaseException, done: int) -> Failure:
    where = f" after {done} members" if done else ""
    return Failure(
        label, "read", "bad_archive", f"The {kind} archive is damaged and could not be read{where} ({_quoted(exc)})."
    )


def _read_members(
    label: str, limits: Limits, kind: str, entries, streamed_size: int | None = None
) -> Iterator[Payload | Failure]:
    """The inputs of a zip or tar archive from its ``entries``: ``(name, size, packed, problem,
    read)`` per member — ``packed`` None when unknown, ``problem`` a sentence when the member
    cannot be read at all, ``read(n)`` its first ``n`` bytes. ``streamed_size``: the file's size
    when every member is unpacked to get past it (tar; see :class:`_Budget`)."""
    budget = _Budget(label, limits, kind, streamed_size)
    sources = _Sources()
    done = 0
    try:
        for name, size, packed, problem, read in entries:
            if budget.streamed:
                stop = budget.pass_over(size)
                if stop is not None:
                    yield stop
                    return
            if not (is_page_name(name) or archive_kind(name)):
                continue
            over = budget.over_count()
            if over is not None:
                yield over
                return
            source = sources.unique(f"{label}!{name}")
            refused = (
                _nested(source)
                if archive_kind(name)
                else Failure(source, "read", "unreadable", problem)
                if problem
                else budget.refuse(source, size, packed)
            )
            if refused is not None:
                yield refused
                continue
            try:
                data = read(limits.max_bytes + 1)
            except MEMBER_ERRORS as exc:
                yield Failure(source, "read", "bad_member", f"The member could not be unpacked ({_quoted(exc)}).")
                continue
            if not budget.streamed:  # a streamed member was counted as its header came
                budget.total += len(data)
            done += 1
            yield _sized(source, data, limits) or Payload(source, data)
    except (*MEMBER_ERRORS, ValueError) as exc:
        yield _broken(label, kind, exc, done)


def _zip_items(path: str, label: str, limits: Limits) -> Iterator[Payload | Failure]:
    def entries():
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                if info.is_dir():
                    continue
                name = info.filename if info.flag_bits & 0x800 else member_name(info.filename.encode("cp437"))
                problem = "The member is encrypted; it was not read." if info.flag_bits & 0x1 else ""

                def read(n: int, info=info) -> bytes:
                    with zf.open(info) as member:
                        return member.read(n)

                yield name, info.file_size, info.compress_size, problem, read

    return _read_members(label, limits, "zip", entries())


def _tar_items(path: str, label: str, limits: Limits) -> Iterator[Payload | Failure]:
    def entries():
        packed = os.path.getsize(path)
        seen = 0
        with tarfile.open(path, mode="r|*", encoding="utf-8", errors="surrogateescape") as tf:
            for info in tf:
                if info.isdir():
                    continue
                name = member_name(info.name.encode("utf-8", "surrogateescape"))
                problem = "" if info.isfile() else "The member is a link or a device, not a file."
                # what tarfile unpacks to get past it: a file's data (and a member of a type it
                # does not know); a link's or a device's header announces none
                size = info.size if info.isfile() or info.type not in tarfile.SUPPORTED_TYPES else 0
                # tar has no per-member compressed size: the ratio is the whole archive's so far,
                # over what its members have unpacked to
                seen += info.size if info.isfile() else 0
                share = packed * info.size // seen if seen else packed

                def read(n: int, info=info) -> bytes:
                    member = tf.extractfile(info)
                    return member.read(n) if member is not None else b""

                yield name, size, share, problem, read

    try:
        streamed_size = os.path.getsize(path)
    except OSError:  # reading it fails too, and says so
        streamed_size = 0
    return _read_members(label, limits, "tar", entries(), streamed_size)


def _sized(source: str, data: bytes, limits: Limits) -> Failure | None:
    """A member that proved larger than its header said."""
    if len(data) <= limits.max_bytes:
        return None
    from .engine import size_text

    return Failure(
        source, "read", "too_large", f"The member is over the {size_text(limits.max_bytes)} limit; raise --max-bytes."
    )


# --------------------------------------------------------------------------------------------
# WARC


class _OverTotal(Exception):
    """A compressed WARC unpacks past its archive's total (:class:`_Budget`)."""


class _WholeGzip(Exception):
    """The WARC is gzipped as one whole file, not one gzip member a record."""


class _BadLine(ValueError):
    """A line longer than a WARC header line can be, or a record's header past its limit."""


def _quoted(text: object) -> str:
    """Input text (a line of the file, an exception's text that quotes one) as a message may
    hold it: on one line, at most :data:`QUOTE_CHARS` characters.

    >>> _quoted("Unknown archive format, first line:\\n  " + "x" * 10_000)[:40], len(_quoted("x" * 10_000))
    ('Unknown archive format, first line: xxxx', 300)
    """
    text = " ".join(str(text)[: 4 * QUOTE_CHARS].split())
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1] + "…"


@functools.cache
def _bounded_iterator() -> type:
    """warcio's record iterator with its reads bounded, made on first use (warcio loads only
    for a WARC). warcio reads a line until its end however long (a file of NUL bytes is one
    line, read in quadratic time and quoted whole in its error), gets past a record by reading
    it to its end, and writes what it finds wrong to stderr; this one reads lines of at most
    :data:`WARC_LINE_BYTES` and headers of at most :data:`WARC_HEADER_BYTES`, stops a compressed
    file at its total unpacked, and notes a record its Content-Length does not fit
    (``misaligned``) instead of printing it."""
    import logging

    from warcio.archiveiterator import ArchiveIterator
    from warcio.bufferedreaders import DecompressingBufferedReader

    # warcio logs a WARC-Target-URI with spaces (it escapes them): no output of its own
    logging.getLogger("warcio").addHandler(logging.NullHandler())

    class Reader(DecompressingBufferedReader):
        def __init__(self, stream, cap: int, unpacked_stream: bool):
            super().__init__(stream)
            self.cap, self.unpacked_stream = cap, unpacked_stream
            self.unpacked = 0
            """Bytes unpacked so far (all of a stream gzip unpacks before warcio reads it)."""
            self.header_bytes = 0
            """Bytes read as lines since the last read of a body."""

        def _process_read(self, data: bytes) -> None:
            super()._process_read(data)
            if data and (self.decompressor is not None or self.unpacked_stream):
                self.unpacked += self.buff_size
                if self.unpacked > self.cap:
                    raise _OverTotal

        def _decompress(self, data: bytes) -> bytes:
            if self.decompressor is None or not data or not self.num_block_read:
                return super()._decompress(data)  # the first block: not gzip, read as it is
            return self.decompressor.decompress(data)  # damaged later: an error, not stderr

        def read(self, length=None) -> bytes:
            self.header_bytes = 0
            return super().read(length)

        def readline(self, length=None) -> bytes:
            # warcio's own joins the pieces of a long line one to the other (quadratic) and
            # counts what is left to read wrongly, so its length is not a bound
            most = WARC_LINE_BYTES if length is None else min(length, WARC_LINE_BYTES)
            parts, got = [], 0
            while got < most:
                self._fillbuff()
                if self.empty():
                    break
                parts.append(self.buff.readline(most - got))
                got += len(parts[-1])
                if parts[-1].endswith(b"\n"):
                    break
            line = b"".join(parts)
            if got >= WARC_LINE_BYTES and not line.endswith(b"\n"):
                raise _BadLine(
                    f"it holds a line longer than {WARC_LINE_BYTES:,} bytes, which no WARC or ARC header has: "
                    + _quoted(repr(line[:QUOTE_CHARS]))
                )
            self.header_bytes += len(line)
            if self.header_bytes > WARC_HEADER_BYTES:
                raise _BadLine(f"a record's header lines run past {WARC_HEADER_BYTES:,} bytes")
            return line

    class Records(ArchiveIterator):
        def __init__(self, fh, cap: int, unpacked_stream: bool = False, arc: bool = False):
            super().__init__(fh, arc2warc=True)
            self.reader = Reader(self.fh, cap, unpacked_stream)  # before the first read
            self.arc = arc
            self.misaligned = False
            """The record just read to its end is not followed by the blank lines that end one."""

        def _consume_blanklines(self):
            # warcio's own, with the stderr warning turned into ``misaligned``; in a WARC, the
            # rest of a misaligned record is passed over up to the next ``WARC/`` line, which
            # always starts the next record (warcio passes one line over, whatever it is, and
            # takes the next for a record's start, losing the rest of the file). ARC headers
            # have no such mark: there warcio's way is kept.
            self.reader.header_bytes = 0
            self.misaligned = False
            empty_size, first_line = 0, True
            while True:
                line = self.reader.readline()
                if not line:
                    return None, empty_size
                if not self.arc and line.startswith(b"WARC/"):
                    # the next record begins: never passed over. Right after the record read, it
                    # only lacks the blank lines between two records, and that record is whole.
                    return line, empty_size
                if not line.rstrip() or first_line or (self.misaligned and not self.arc):
                    empty_size += len(line)
                    self.misaligned = self.misaligned or bool(line.rstrip())
                    self.reader.header_bytes = 0  # blank lines and what is left of a record: no header
                    first_line = False
                    continue
                return line, empty_size

        def _raise_invalid_gzip_err(self):
            raise _WholeGzip

    return Records


def _warc_items(
    path: str, label: str, limits: Limits, by_offset: bool = False
) -> Iterator[Payload | RecordRef | Failure]:
    from warcio.exceptions import ArchiveLoadFailed

    try:
        size = os.path.getsize(path)
    except OSError:  # opening it fails too, and says so
        size = 0
    budget = _Budget(label, limits, "warc", size)
    sources = _Sources()
    arc = _first_bytes(path, len(ARC_START)) == ARC_START
    done = seen = 0

    def walk(stream, compressed: bool, unpacked_stream: bool, skip: int, refs: bool):
        """The inputs of the records of ``stream`` after its first ``skip``."""
        nonlocal done, seen
        records = _bounded_iterator()(stream, budget.cap, unpacked_stream, arc)
        for k, record in enumerate(records):
            if k < skip:
                continue
            seen += 1
            declared = record.rec_headers.get_header("Content-Length")
            if declared is not None and not declared.strip().isdigit():  # where it ends is unknown
                raise _BadLine(f"a record's Content-Length is no byte count ({_quoted(repr(declared))})")
            if compressed and records.reader.unpacked + max(record.length or 0, 0) > budget.cap:
                raise _OverTotal  # getting past this record would unpack more than the total
            item = _record_item(record, label, limits, read=not refs)
            if item is None:
                continue
            if item == "ref":
                headers = record.rec_headers
                item = RecordRef(
                    source=_record_source(record, label), path=path, label=label,
                    offset=records.get_record_offset(), uri=headers.get_header("WARC-Target-URI") or "",
                    date=headers.get_header("WARC-Date") or "",
                )  # fmt: skip
            if arc or not _record_id(record):  # an id warcio made up: the record's offset instead
                item = dataclasses.replace(item, source=f"{label}#offset={records.get_record_offset()}")
            item = dataclasses.replace(item, source=sources.unique(item.source))
            done += 1
            yield _aligned(item, records)

    try:
        with open(path, "rb") as fh:
            compressed = fh.read(2) == b"\x1f\x8b"
            fh.seek(0)
            try:
                yield from walk(fh, compressed, False, 0, by_offset)
                return
            except _WholeGzip:
                pass
        # one gzip member for the whole file: warcio reads its first record only; the file
        # read through gzip is an uncompressed WARC (offsets are then in the unpacked stream,
        # which a worker cannot seek to: the pages are read here)
        with gzip.open(path, "rb") as gz:
            yield from walk(gz, True, True, seen, False)
    except _OverTotal:
        yield budget.over_total()
    except (ArchiveLoadFailed, OSError, EOFError, zlib.error, ValueError) as exc:
        where = f" after {done} pages" if done else ""
        yield Failure(
            label, "read", "bad_archive", f"The WARC file is damaged and could not be read{where} ({_quoted(exc)})."
        )


#: The errors row's message of a record that does not end where its Content-Length says.
MISALIGNED = (
    "The WARC record's Content-Length does not match what it holds (no blank line follows where it "
    "says the record ends), so the page in it may be cut off or run into the next record; it was not read."
)


def _aligned(item: Payload | RecordRef | Failure, records) -> Payload | RecordRef | Failure:
    """``item``, or its errors row when its record, read to its end, proved misaligned."""
    records.read_to_end()
    if records.misaligned and not isinstance(item, Failure):
        return Failure(item.source, "read", "bad_length", MISALIGNED)
    return item


def read_record(ref: RecordRef, limits: Limits) -> Payload | Failure:
    """The page (or the failure) of the WARC record ``ref`` names, read from its offset."""
    from warcio.exceptions import ArchiveLoadFailed

    try:
        size = os.path.getsize(ref.path)
        with open(ref.path, "rb") as fh:
            fh.seek(ref.offset)
            arc = _first_bytes(ref.path, len(ARC_START)) == ARC_START
            records = _bounded_iterator()(fh, _Budget(ref.label, limits, "warc", size).cap, arc=arc)
            record = next(iter(records), None)
            headers = record.rec_headers if record is not None else None
            if headers is not None and (
                (headers.get_header("WARC-Target-URI") or "", headers.get_header("WARC-Date") or "")
                == (ref.uri, ref.date)
            ):
                item = _record_item(record, ref.label, limits)
                if isinstance(item, (Payload, Failure)):
                    return _aligned(dataclasses.replace(item, source=ref.source), records)
    except _OverTotal:
        return Failure(ref.source, "read", "archive_limit", "The WARC record unpacks past the archive's total.")
    except (ArchiveLoadFailed, OSError, EOFError, zlib.error, ValueError) as exc:
        return Failure(ref.source, "read", "bad_archive", f"The WARC record could not be read again ({_quoted(exc)}).")
    return Failure(
        ref.source, "read", "bad_archive",
        "The WARC record was not found again where it was listed; the file changed during the run.",
    )  # fmt: skip


def _record_source(record, label: str) -> str:
    """``label#<record id>``, or with the URI for a record without one (:func:`_warc_items` names
    such a record, and any in an ARC file, by its offset instead)."""
    uri = (record.rec_headers.get_header("WARC-Target-URI") or "").strip().strip("<>")
    return f"{label}#{_record_id(record) or uri}"


def _record_id(record) -> str:
    return (record.rec_headers.get_header("WARC-Record-ID") or "").strip().strip("<>")


def _record_item(record, label: str, limits: Limits, read: bool = True) -> Payload | Failure | str | None:
    """The input a WARC record makes, or None when it is none (not a page). Without ``read``, a
    page's body is not read: ``"ref"`` stands for it (the caller names it by its offset)."""
    if record.rec_type not in PAGE_RECORDS:
        return None
    headers = record.rec_headers
    uri = (headers.get_header("WARC-Target-URI") or "").strip().strip("<>")
    source = _record_source(record, label)
    http = record.http_headers if record.rec_type == "response" else None
    if record.rec_type == "response" and http is None:
        return None  # a DNS answer or another protocol's response: no page
    if http is not None and not http.protocol.upper().startswith("HTTP/"):
        # warcio takes the first line for the status line whatever it is (the page's own markup
        # when the crawler stored the body alone)
        return Failure(
            source, "read", "http_status",
            f"The response record for {_quoted(uri) or 'this page'} has no HTTP status line (it begins "
            f"{_quoted(repr(f'{http.protocol} {http.statusline}'.strip()))}); its response cannot be read.",
        )  # fmt: skip
    content_type = (http.get_header("Content-Type") if http else headers.get_header("Content-Type")) or ""
    mime = content_type.split(";", 1)[0].strip().lower()
    if mime and mime not in HTML_TYPES:
        return None
    status = http.get_statuscode() if http else "200"
    if not status.startswith("2"):
        where = http.get_header("Location")
        return Failure(
            source, "read", "http_status",
            f"The server answered HTTP {_quoted(http.statusline)} for {_quoted(uri) or 'this record'}"
            + (f" (a redirect to {_quoted(where)})" if where else "") + "; the record holds no page.",
        )  # fmt: skip
    from .engine import size_text

    if not read:
        if not mime and not _MARKUP_HEAD.match(record.content_stream().read(1024)):
            return None
        return "ref"
    try:
        data = record.content_stream().read(limits.max_bytes + 1)
        raw = record.raw_stream
        cut = len(data) <= limits.max_bytes and not raw.read(TRAILER_BYTES) and getattr(raw, "limit", 0) > 0
    except (OSError, EOFError, zlib.error, ValueError) as exc:
        return Failure(source, "read", "bad_body", f"The record's HTTP body could not be decoded ({_quoted(exc)}).")
    if cut:  # the file ends inside the record: what was read is part of a page
        return Failure(
            source, "read", "truncated", "The WARC file ends inside this record; the page in it is incomplete."
        )
    if len(data) > limits.max_bytes:
        return Failure(
            source, "read", "too_large",
            f"The page is over the {size_text(limits.max_bytes)} limit; raise --max-bytes to read it.",
        )  # fmt: skip
    if not mime and not _MARKUP_HEAD.match(data[:1024]):
        return None  # no Content-Type, and not HTML by its first bytes
    m = _CHARSET.search(content_type)
    return Payload(source, data, url=uri, charset=m.group(1).lower() if m else "")


__all__ = ["ARCHIVE_SUFFIXES", "PAGE_SUFFIXES", "Limits", "archive_kind", "items", "member_name", "read_record"]
