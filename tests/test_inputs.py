"""Inputs as people save them: MHTML, WARC, zip and tar, built here from the sample pages.

Every page read out of a container must give the same claims as the same page read as a plain
file; every member or record that is a page ends in exactly one of documents or errors.
"""

from __future__ import annotations

import base64
import gzip
import io
import quopri
import tarfile
import time
import zipfile
from pathlib import Path

import pytest

import extractor
from conftest import SAMPLES
from extractor.article import mhtml as mhtml_module
from extractor.article.load import load
from extractor.cli import main
from extractor.errors import ExtractError
from extractor.run import archives

GBK_PAGE = SAMPLES / "seed_portal_gbk.html"
BIG5_PAGE = SAMPLES / "big5_traditional.html"
UTF8_PAGE = SAMPLES / "inline_fullwidth.html"
TABLE_PAGE = SAMPLES / "data_table.html"
URL = "http://www.example.gov.cn/art/2024/3/18/art_1.html"


def claim_keys(claims) -> list[tuple]:
    """What a claim says, whatever file it came from."""
    cols = ["paragraph", "sentence", "start", "end", "text", "kind", "value", "unit", "subject", "qualifier"]
    return [tuple(row) for row in claims[cols].itertuples(index=False)]


def plain(path: Path) -> list[tuple]:
    return claim_keys(extractor.extract(path).claims)


def of(tables, source: str) -> list[tuple]:
    return claim_keys(tables.claims[tables.claims["source"] == source])


def without_meta_charset(data: bytes) -> bytes:
    """The page with its charset declaration taken out (the evidence then comes from outside)."""
    import regex

    return regex.sub(rb"<meta[^>]{0,200}?charset[^>]{0,200}+>", b"", data, flags=regex.I)


# --------------------------------------------------------------------------------------------
# MHTML


def mhtml(html: bytes, charset: str, encoding: str, location: str = URL) -> bytes:
    """An MHTML file as Chromium writes one: the page, then an image, in multipart/related."""
    if encoding == "quoted-printable":
        body = quopri.encodestring(html)
    else:
        body = base64.encodebytes(html)
    boundary = b"----MultipartBoundary--4Fz1----"
    ctype = b"text/html" + (f"; charset={charset}".encode() if charset else b"")
    return b"\r\n".join(
        [
            b"From: <Saved by Blink>",
            b"Snapshot-Content-Location: " + location.encode(),
            b"Subject: =?utf-8?Q?=E6=B0=91=E7=94=9F?=",
            b"Date: Mon, 18 Mar 2024 09:00:00 +0800",
            b"MIME-Version: 1.0",
            b'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="' + boundary + b'"',
            b"",
            b"",
            b"--" + boundary,
            b"Content-Type: " + ctype,
            b"Content-ID: <frame-1F2E@mhtml.blink>",
            b"Content-Transfer-Encoding: " + encoding.encode(),
            b"Content-Location: " + location.encode(),
            b"",
            body,
            b"--" + boundary,
            b"Content-Type: image/png",
            b"Content-Transfer-Encoding: base64",
            b"Content-Location: http://www.example.gov.cn/logo.png",
            b"",
            base64.encodebytes(b"\x89PNG\r\n\x1a\n" + bytes(64)),
            b"--" + boundary + b"--",
            b"",
        ]
    )


@pytest.mark.parametrize(
    ("page", "charset", "encoding", "expected"),
    [
        (GBK_PAGE, "gbk", "quoted-printable", "gb18030"),
        (GBK_PAGE, "GBK", "base64", "gb18030"),
        (UTF8_PAGE, "utf-8", "quoted-printable", "utf-8"),
        (BIG5_PAGE, "", "base64", "big5hkscs"),
    ],
)
def test_mhtml_root_part_gives_the_plain_pages_claims(tmp_path, page, charset, encoding, expected):
    saved = tmp_path / "saved.mhtml"
    saved.write_bytes(mhtml(page.read_bytes(), charset, encoding))
    tables = extractor.extract(saved)
    doc = tables.documents.iloc[0]
    assert len(tables.documents) == 1 and tables.errors.empty
    assert doc["source"] == str(saved)
    assert doc["url"] == URL
    assert doc["encoding"] == expected
    assert "=E5" not in doc["title"] and "=20" not in doc["body"]
    assert of(tables, str(saved)) == plain(page) != []


def test_mhtml_part_charset_is_evidence_not_a_command(tmp_path):
    # the part says utf-8 but the bytes are GBK (declared gbk in the page): the meta decides
    saved = tmp_path / "wrong.mht"
    saved.write_bytes(mhtml(GBK_PAGE.read_bytes(), "utf-8", "quoted-printable"))
    tables = extractor.extract(tmp_path)  # found in a folder by its .mht suffix
    assert tables.documents["encoding"].tolist() == ["gb18030"]
    assert of(tables, str(saved)) == plain(GBK_PAGE)


def test_mhtml_part_charset_decides_when_the_page_declares_none():
    html = without_meta_charset(BIG5_PAGE.read_bytes())
    page = load(mhtml(html, "big5", "quoted-printable"), "x.mhtml")
    assert (page.encoding, page.url) == ("big5hkscs", URL)
    assert "社會局公布年度社會福利統計" in page.text


def test_mhtml_named_html_is_read_as_mhtml_and_one_without_a_page_is_an_error(tmp_path):
    (tmp_path / "a.html").write_bytes(mhtml(UTF8_PAGE.read_bytes(), "utf-8", "quoted-printable"))
    (tmp_path / "b.mhtml").write_bytes(
        b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0K\r\n--b--\r\n"
    )
    tables = extractor.extract(tmp_path)
    assert of(tables, str(tmp_path / "a.html")) == plain(UTF8_PAGE)
    assert tables.errors[["source", "stage", "error"]].values.tolist() == [
        [str(tmp_path / "b.mhtml"), "decode", "no_html_root"]
    ]


#: The page of the hand-built MIME files below, and what reading it must give.
SMALL_PAGE = (
    '<html><head><meta charset="utf-8"><title>测试</title></head><body><article>'
    "<p>累计发放医疗救助资金3753万元，救助困难群众2824人。</p></article></body></html>"
).encode()
SMALL_BODY = "累计发放医疗救助资金3753万元，救助困难群众2824人。"
SMALL_URL = "http://example.com/x"
# Chromium's message header, with the Subject in the middle for a test to stretch.
SMALL_HEADER = (
    b"From: <Saved by Blink>\r\nSnapshot-Content-Location: http://example.com/x\r\nSubject: t\r\nMIME-Version: 1.0\r\n"
)
SMALL_PART = (
    b"Content-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Location: http://example.com/x"
    b"\r\n\r\n" + quopri.encodestring(SMALL_PAGE)
)
RELATED = b'Content-Type: multipart/related; type="text/html"; boundary="B"'


def multipart(ctype: bytes, body: bytes, boundary: bytes = b"B", header: bytes = SMALL_HEADER) -> bytes:
    """A MIME message of one part, ``body``, under the ``Content-Type`` line ``ctype``."""
    return header + ctype + b"\r\n\r\n--" + boundary + b"\r\n" + body + b"\r\n--" + boundary + b"--\r\n"


def read_one(tmp_path, data: bytes, name: str = "saved.mhtml") -> tuple[str, str, str, str]:
    """(status, title, url, body) of the one document ``data`` gives, saved as ``name``."""
    (tmp_path / name).write_bytes(data)
    tables = extractor.extract(tmp_path / name)
    assert tables.errors.empty, tables.errors.to_dict("records")
    [doc] = tables.documents.to_dict("records")
    return doc["status"], doc["title"], doc["url"], doc["body"]


def error_of(tmp_path, data: bytes, name: str = "saved.mhtml") -> tuple[str, str, str]:
    """(stage, error, message) of the one errors row ``data`` gives, saved as ``name``."""
    (tmp_path / name).write_bytes(data)
    tables = extractor.extract(tmp_path / name)
    assert tables.documents.empty, tables.documents[["title", "body"]].to_dict("records")
    [row] = tables.errors.to_dict("records")
    return row["stage"], row["error"], row["message"]


@pytest.mark.parametrize("length", [1_000, 4_096, 100_000, mhtml_module.MAX_HEADER_BYTES - 400])
def test_mhtml_with_a_long_header_line_is_still_read_as_mhtml(tmp_path, length):
    # the sniff once looked at the first 4 KiB only: a longer Subject made the MIME source a page
    header = SMALL_HEADER.replace(b"Subject: t", b"Subject: " + b"a" * length)
    assert read_one(tmp_path, multipart(RELATED, SMALL_PART, header=header)) == ("ok", "测试", SMALL_URL, SMALL_BODY)


def test_mhtml_whose_header_never_ends_within_the_bound_is_an_error_not_a_page(tmp_path):
    # a header line past MAX_HEADER_BYTES, before the Content-Type: the file opens as MIME
    # (From, MIME-Version), so it is an error saying why, not the MIME source read as text
    header = SMALL_HEADER + b"X-Long: " + b"a" * (mhtml_module.MAX_HEADER_BYTES + 10) + b"\r\n"
    stage, error, message = error_of(tmp_path, multipart(RELATED, SMALL_PART, header=header))
    assert (stage, error) == ("decode", "mhtml_limit")
    assert f"{mhtml_module.MAX_HEADER_BYTES:,} bytes" in message


def test_a_plain_page_that_opens_with_long_name_value_lines_is_still_a_page(tmp_path):
    # no sign of MIME in the lines: however long, they are text, not a header too long to read
    text = b"Title: " + b"x" * (mhtml_module.MAX_HEADER_BYTES + 10) + b"\r\n\r\n" + SMALL_PAGE
    assert not mhtml_module.is_mhtml(text)
    assert read_one(tmp_path, text, "page.html")[0] == "ok"


@pytest.mark.parametrize("subtype", [b"mixed", b"alternative", b"related"])
def test_mhtml_any_multipart_root_is_read(tmp_path, subtype):
    # RFC 2557 has multipart/related; saves and mail-like files come as mixed or alternative, which
    # were read as plain text: the MIME source as the body, "From: <Saved by Blink>" as the title
    plain = b"Content-Type: text/plain\r\n\r\nplain text of the page\r\n--B\r\n"
    data = multipart(b"Content-Type: multipart/" + subtype + b'; boundary="B"', plain + SMALL_PART)
    assert read_one(tmp_path, data) == ("ok", "测试", SMALL_URL, SMALL_BODY)


def test_mhtml_multipart_root_without_html_is_an_error_not_its_mime_source(tmp_path):
    plain = b"Content-Type: text/plain\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n=E6=B5=8B"
    stage, error, _ = error_of(tmp_path, multipart(b'Content-Type: multipart/mixed; boundary="B"', plain))
    assert (stage, error) == ("decode", "no_html_root")


def test_mhtml_headers_with_raw_utf8_are_read_as_utf8():
    # the standard library gives such a header as an object that is not a str: .strip() on it failed
    first = SMALL_PART.replace(b"3753", b"1111").replace(b"Content-Location", b"Content-ID: <x>\r\nContent-Location")
    named = (
        "Content-Type: text/html\r\nContent-ID: <根>\r\nContent-Location: http://例子.cn/页\r\n\r\n".encode()
        + SMALL_PAGE
    )
    ctype = 'Content-Type: multipart/related; start="<根>"; boundary="B"'.encode()
    page = load(multipart(ctype, first + b"\r\n--B\r\n" + named), "x.mhtml")
    assert (page.url, SMALL_BODY in page.text) == ("http://例子.cn/页", True)


def nested(levels: int, inner: bytes, subtype: bytes = b"related") -> bytes:
    """``inner`` (a part) inside ``levels`` multiparts, one in the other."""
    for level in range(levels):
        boundary = b"L%d" % level
        inner = (
            b"Content-Type: multipart/"
            + subtype
            + b'; boundary="'
            + boundary
            + b'"\r\n\r\n--'
            + boundary
            + b"\r\n"
            + inner
            + b"\r\n--"
            + boundary
            + b"--"
        )
    return inner


def test_mhtml_html_part_inside_a_nested_multipart_is_the_root(tmp_path):
    # a mail-like save: the page is in a multipart/alternative beside its plain text
    alternative = (
        b'Content-Type: multipart/alternative; boundary="I"\r\n\r\n'
        b"--I\r\nContent-Type: text/plain\r\n\r\nplain text of the page\r\n"
        b"--I\r\n" + SMALL_PART + b"\r\n--I--"
    )
    data = multipart(RELATED, alternative)
    assert read_one(tmp_path, data) == ("ok", "测试", SMALL_URL, SMALL_BODY)


def test_mhtml_start_names_the_root_at_any_depth():
    other = SMALL_PART.replace(b"3753", b"1111").replace(
        b"Content-Location", b"Content-ID: <first>\r\nContent-Location"
    )
    named = SMALL_PART.replace(b"Content-Location", b"Content-ID: <root@mhtml>\r\nContent-Location")
    body = other + b"\r\n--B\r\n" + nested(2, named, b"mixed")
    ctype = b'Content-Type: multipart/related; start="<root@mhtml>"; boundary="B"'
    assert "3753万元" in load(multipart(ctype, body), "x.mhtml").text
    # without start, the first HTML part in the file
    assert "1111万元" in load(multipart(RELATED, body), "x.mhtml").text


def test_mhtml_nested_past_max_depth_is_an_error_found_in_linear_time():
    # 5,000 levels: the standard library's parser recurses into each and exhausts the stack
    # after seconds; the walk stops at MAX_DEPTH, having made one pass per level
    for data in (multipart(RELATED, nested(5_000, SMALL_PART)), SMALL_HEADER + nested(5_000, SMALL_PART, b"mixed")):
        started = time.perf_counter()
        with pytest.raises(ExtractError) as caught:
            load(data, "deep.mhtml")
        assert time.perf_counter() - started < 30  # a bound against a hang, not a speed measure
        assert (caught.value.stage, caught.value.error) == ("decode", "mhtml_limit")
        assert f"nested more than {mhtml_module.MAX_DEPTH} deep" in caught.value.message
    # at the bound the page is still found
    page = load(multipart(RELATED, nested(mhtml_module.MAX_DEPTH - 1, SMALL_PART)), "deep.mhtml")
    assert SMALL_BODY in page.text


def test_mhtml_with_100000_parts_is_read_and_past_max_parts_is_an_error(monkeypatch):
    css = b"Content-Type: text/css\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nbody{}\r\n--B\r\n"
    data = multipart(RELATED, css * 100_000 + SMALL_PART)
    started = time.perf_counter()
    assert SMALL_BODY in load(data, "many.mhtml").text
    assert time.perf_counter() - started < 30  # a bound against a hang (the standard library parser kept 150 MB)
    monkeypatch.setattr(mhtml_module, "MAX_PARTS", 1_000)
    with pytest.raises(ExtractError) as caught:
        load(data, "many.mhtml")
    assert (caught.value.error, caught.value.message) == (
        "mhtml_limit",
        "The file is an MHTML (MIME) message with more than 1,000 parts, and no HTML part came before that bound; "
        "it is not read further.",
    )


# --------------------------------------------------------------------------------------------
# WARC


def warc_file(path: Path, records: list[tuple]) -> None:
    """A WARC written with warcio: ``(kind, uri, status, headers, body)`` per record."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=path.suffix == ".gz")
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "Wget/1.21.3"}))
        for kind, uri, status, headers, body in records:
            if kind == "request":
                http = StatusAndHeaders(f"GET {uri} HTTP/1.1", [("Host", "www.example.gov.cn")], is_http_request=True)
                record = writer.create_warc_record(uri, "request", payload=io.BytesIO(b""), http_headers=http)
            elif kind == "metadata":
                record = writer.create_warc_record(
                    uri, "metadata", payload=io.BytesIO(b"via: x"), warc_content_type="application/warc-fields"
                )
            else:
                http = StatusAndHeaders(status, headers + [("Content-Length", str(len(body)))], protocol="HTTP/1.1")
                record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http)
            writer.write_record(record)


def chunked(data: bytes, size: int = 1000) -> bytes:
    out = b"".join(b"%x\r\n%s\r\n" % (len(data[i : i + size]), data[i : i + size]) for i in range(0, len(data), size))
    return out + b"0\r\n\r\n"


@pytest.fixture(scope="module")
def crawl(tmp_path_factory) -> Path:
    """A crawl of a local portal, as wget --warc-file writes one."""
    gbk, big5, utf8 = GBK_PAGE.read_bytes(), BIG5_PAGE.read_bytes(), UTF8_PAGE.read_bytes()
    html = "text/html"
    path = tmp_path_factory.mktemp("warc") / "portal.warc.gz"
    warc_file(
        path,
        [
            ("request", "http://p/gbk-right.html", "", [], b""),
            ("response", "http://p/gbk-right.html", "200 OK", [("Content-Type", f"{html}; charset=GBK")], gbk),
            ("response", "http://p/gbk-latin.html", "200 OK", [("Content-Type", f"{html}; charset=ISO-8859-1")], gbk),
            ("response", "http://p/gbk-utf8.html", "200 OK", [("Content-Type", f"{html}; charset=utf-8")], gbk),
            ("response", "http://p/gbk-big5.html", "200 OK", [("Content-Type", f"{html}; charset=big5")], gbk),
            ("response", "http://p/big5-gbk.html", "200 OK", [("Content-Type", f"{html}; charset=gb2312")], big5),
            ("response", "http://p/big5-bare.html", "200 OK", [("Content-Type", f"{html};charset=big5")],
             without_meta_charset(big5)),
            ("response", "http://p/utf8-none.html", "200 OK", [("Content-Type", html)], utf8),
            ("response", "http://p/old.html", "301 Moved Permanently",
             [("Location", "http://p/utf8-none.html"), ("Content-Type", html)], b""),
            ("response", "http://p/gone.html", "404 Not Found", [("Content-Type", html)], b"<html>Not Found</html>"),
            ("response", "http://p/logo.png", "200 OK", [("Content-Type", "image/png")], b"\x89PNG\r\n\x1a\n"),
            ("response", "http://p/missing.png", "404 Not Found", [("Content-Type", "image/png")], b""),
            ("response", "http://p/chunked.html", "200 OK",
             [("Content-Type", f"{html}; charset=utf-8"), ("Transfer-Encoding", "chunked"), ("Content-Encoding", "gzip")],
             chunked(gzip.compress(utf8))),
            ("response", "http://p/twice.html", "200 OK", [("Content-Type", html)], gbk),
            ("response", "http://p/twice.html", "200 OK", [("Content-Type", html)], gbk),
            ("metadata", "http://p/twice.html", "", [], b""),
        ],
    )  # fmt: skip
    return path


def test_warc_records_give_the_plain_pages_claims(crawl):
    tables = extractor.extract(crawl)
    docs = tables.documents
    by_url = dict(zip(docs["url"], docs["source"], strict=True)) if docs["url"].is_unique else None
    assert sorted(docs["url"]) == sorted(
        ["http://p/gbk-right.html", "http://p/gbk-latin.html", "http://p/gbk-utf8.html", "http://p/gbk-big5.html",
         "http://p/big5-gbk.html",
         "http://p/big5-bare.html", "http://p/utf8-none.html", "http://p/chunked.html", "http://p/twice.html",
         "http://p/twice.html"]
    )  # fmt: skip
    assert all(s.startswith(f"{crawl}#urn:uuid:") for s in docs["source"])
    assert docs["source"].is_unique
    assert by_url is None  # the page fetched twice is two documents, with two record ids
    gbk, big5, utf8 = plain(GBK_PAGE), plain(BIG5_PAGE), plain(UTF8_PAGE)
    expected = {
        "http://p/gbk-right.html": gbk,
        "http://p/gbk-latin.html": gbk,
        "http://p/gbk-utf8.html": gbk,
        "http://p/gbk-big5.html": gbk,
        "http://p/big5-gbk.html": big5,
        "http://p/big5-bare.html": big5,
        "http://p/utf8-none.html": utf8,
        "http://p/chunked.html": utf8,
        "http://p/twice.html": gbk,
    }
    for _, doc in docs.iterrows():
        if doc["status"] == "duplicate":  # the same article again: its claims are its canonical copy's
            canonical = docs[(docs["doc_id"] == doc["duplicate_of"]) & (docs["status"] == "ok")]
            assert expected[canonical["url"].item()] == expected[doc["url"]], doc["url"]
            assert of(tables, doc["source"]) == [], doc["url"]
        else:
            assert of(tables, doc["source"]) == expected[doc["url"]] != [], doc["url"]
        assert doc["replacements"] == 0, doc["url"]
    kept = [expected[url] for url in docs["url"][docs["status"] == "ok"]]
    assert len(kept) == 3 and all(kept.count(claims) == 1 for claims in (gbk, big5, utf8))  # one copy each
    encodings = dict(zip(docs["url"], docs["encoding"], strict=False))
    # a wrong HTTP charset gives no mojibake
    assert encodings["http://p/gbk-latin.html"] == encodings["http://p/gbk-big5.html"] == "gb18030"
    assert encodings["http://p/big5-gbk.html"] == encodings["http://p/big5-bare.html"] == "big5hkscs"


def test_warc_non_2xx_html_responses_are_errors_and_other_records_are_not_inputs(crawl):
    errors = extractor.extract(crawl).errors
    assert errors["stage"].tolist() == ["read", "read"]
    assert errors["error"].tolist() == ["http_status", "http_status"]
    moved, gone = errors["message"].tolist()
    assert "301 Moved Permanently" in moved and "http://p/old.html" in moved and "http://p/utf8-none.html" in moved
    assert "404 Not Found" in gone and "http://p/gone.html" in gone
    assert all(s.startswith(f"{crawl}#urn:uuid:") for s in errors["source"])


def test_warc_record_over_max_bytes_and_a_broken_warc_are_errors(crawl, tmp_path):
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(crawl.read_bytes()[:3000])  # ends inside the first response record
    garbage = tmp_path / "garbage.warc"
    garbage.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: x\r\n\r\n" + bytes(range(256)))
    tables = extractor.extract([crawl, cut, garbage], max_bytes=5000)
    big = tables.errors[tables.errors["error"] == "too_large"]
    assert len(big) == 6  # the six records of the 8 KB GBK page
    rows = tables.errors[~tables.errors["source"].str.startswith(str(crawl))]
    assert [(s.split("#")[0], e) for s, e in zip(rows["source"], rows["error"], strict=True)] == [
        (str(cut), "truncated"),
        (str(garbage), "bad_archive"),
    ]
    assert len(tables.documents) == 4


@pytest.mark.parametrize("compressed", [True, False])
def test_warc_records_named_by_offset_read_back_the_same_pages(crawl, tmp_path, compressed):
    import dataclasses

    from extractor.records import RecordRef

    path = crawl
    if not compressed:
        path = tmp_path / "portal.warc"
        path.write_bytes(gzip.decompress(crawl.read_bytes()))
    limits = archives.Limits(max_bytes=2**20)
    streamed = list(archives.items(str(path), "portal", limits, "warc"))
    named = list(archives.items(str(path), "portal", limits, "warc", by_offset=True))
    refs = [r for r in named if isinstance(r, RecordRef)]
    assert len(refs) == 10 and len(named) == len(streamed) == 12
    assert [archives.read_record(r, limits) if isinstance(r, RecordRef) else r for r in named] == streamed
    moved = dataclasses.replace(refs[3], offset=refs[2].offset)  # another record there: not read as this one
    assert archives.read_record(moved, limits).error == "bad_archive"


def arc_file(path: Path, records: list[tuple[str, bytes]]) -> None:
    """An ARC (version 1) file as Heritrix and the Internet Archive wrote them before WARC: a file
    description record, then ``url ip date content-type length`` and the HTTP response for each
    page; one gzip member a record for ``.arc.gz``."""
    fields = b"1 0 Example\nURL IP-address Archive-date Content-type Archive-length\n"
    members = [b"filedesc://%s 0.0.0.0 20240402000000 text/plain %d\n%s\n" % (path.name.encode(), len(fields), fields)]
    for uri, html in records:
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n%s" % (len(html), html)
        members.append(b"%s 10.0.0.1 20240402080000 text/html %d\n%s\n" % (uri.encode(), len(http), http))
    path.write_bytes(b"".join(gzip.compress(m) for m in members) if path.suffix == ".gz" else b"".join(members))


@pytest.mark.parametrize("name", ["old.arc.gz", "old.arc"])
def test_arc_records_are_named_by_their_offset_the_same_in_every_run(tmp_path, name):
    path = tmp_path / name
    arc_file(path, [("http://p/a.html", GBK_PAGE.read_bytes()), ("http://p/a.html", GBK_PAGE.read_bytes()),
                    ("http://p/b.html", UTF8_PAGE.read_bytes())])  # fmt: skip
    first, second = extractor.extract(path), extractor.extract(path)
    sources = first.documents["source"].tolist()
    assert second.documents["source"].tolist() == sources
    offsets = [int(s.rsplit("#offset=", 1)[1]) for s in sources]
    assert all(s.startswith(f"{path}#offset=") for s in sources) and offsets == sorted(set(offsets))
    data = gzip.decompress(path.read_bytes()) if name.endswith(".gz") else path.read_bytes()
    if not name.endswith(".gz"):  # a plain file: the offset is where the record's header line starts
        assert [data[o : o + 16] for o in offsets] == [b"http://p/a.html ", b"http://p/a.html ", b"http://p/b.html "]
    assert first.documents["url"].tolist() == ["http://p/a.html", "http://p/a.html", "http://p/b.html"]
    assert of(first, sources[0]) == plain(GBK_PAGE) and of(first, sources[2]) == plain(UTF8_PAGE)
    assert first.documents["duplicate_of"].tolist()[1] == first.documents["doc_id"][0]  # fetched twice
    limits = archives.Limits(max_bytes=2**20)
    refs = list(archives.items(str(path), str(path), limits, "warc", by_offset=True))
    assert [r.source for r in refs] == sources  # named by offset for the dask workers: the same sources
    assert [archives.read_record(r, limits) for r in refs] == list(archives.items(str(path), str(path), limits, "warc"))


def test_a_warc_record_without_an_id_is_named_by_its_offset(tmp_path):
    path = tmp_path / "no_id.warc"
    warc_file(
        path, [("response", "http://p/a.html", "200 OK", [("Content-Type", "text/html")], UTF8_PAGE.read_bytes())]
    )
    data = path.read_bytes()
    start = data.index(b"WARC/1.0", data.index(b"WARC-Type: response") - 20)
    cut = data.index(b"WARC-Record-ID:", start)
    path.write_bytes(data[:cut] + data[data.index(b"\r\n", cut) + 2 :])
    sources = [extractor.extract(path).documents["source"].item() for _ in range(2)]
    assert sources == [f"{path}#offset={start}"] * 2


# --------------------------------------------------------------------------------------------
# zip and tar


class GBKName(zipfile.ZipInfo):
    """A member whose name is stored as GBK bytes without the UTF-8 flag (Chinese Windows)."""

    def _encodeFilenameFlags(self):  # noqa: N802 - zipfile's own name
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def zip_made_on_windows(path: Path, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(GBKName(name, date_time=(2024, 3, 18, 9, 0, 0)), data, zipfile.ZIP_DEFLATED)


def test_zip_with_gbk_member_names(tmp_path):
    path = tmp_path / "资料.zip"
    zip_made_on_windows(
        path,
        {
            "民生动态/养老服务.html": GBK_PAGE.read_bytes(),
            "民生动态/财政支出.htm": UTF8_PAGE.read_bytes(),
            "民生动态/样式.css": b"body{}",
            "存档.mht": mhtml(TABLE_PAGE.read_bytes(), "utf-8", "quoted-printable"),
        },
    )
    with zipfile.ZipFile(path) as zf:  # the fixture is what Windows writes: no flag, GBK bytes
        assert not any(i.flag_bits & 0x800 for i in zf.infolist())
    tables = extractor.extract(tmp_path)
    assert sorted(tables.documents["source"]) == [
        f"{path}!存档.mht",
        f"{path}!民生动态/养老服务.html",
        f"{path}!民生动态/财政支出.htm",
    ]
    assert tables.errors.empty
    assert of(tables, f"{path}!民生动态/养老服务.html") == plain(GBK_PAGE)
    assert of(tables, f"{path}!民生动态/财政支出.htm") == plain(UTF8_PAGE)
    assert of(tables, f"{path}!存档.mht") == plain(TABLE_PAGE)


def test_zip_bomb_nested_archive_and_broken_zip_are_errors_and_the_rest_goes_on(tmp_path):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as zf:
        zf.writestr("inner.html", UTF8_PAGE.read_bytes())
    path = tmp_path / "pages.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a.html", UTF8_PAGE.read_bytes())
        zf.writestr("bomb.html", b"<p>" + bytes(20 * 2**20))  # 20 MiB of zeros in ~20 KiB
        zf.writestr("more.zip", inner.getvalue())
        zf.writestr("b.html", GBK_PAGE.read_bytes())
    assert path.stat().st_size < 100_000
    (tmp_path / "damaged.zip").write_bytes(path.read_bytes()[:-200])
    (tmp_path / "c.html").write_bytes(TABLE_PAGE.read_bytes())
    tables = extractor.extract(tmp_path)
    errors = {row.source: (row.stage, row.error, row.message) for row in tables.errors.itertuples()}
    assert errors[f"{path}!bomb.html"][:2] == ("read", "archive_bomb")
    assert "20.0 MiB" in errors[f"{path}!bomb.html"][2]
    assert errors[f"{path}!more.zip"][:2] == ("read", "nested_archive")
    assert errors[str(tmp_path / "damaged.zip")][:2] == ("read", "bad_archive")
    assert sorted(tables.documents["source"]) == sorted([f"{path}!a.html", f"{path}!b.html", str(tmp_path / "c.html")])
    assert len(tables.errors) == 3


def test_zip_limits_per_member_total_and_count(tmp_path):
    path = tmp_path / "many.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for i in range(5):
            zf.writestr(f"p{i}.html", UTF8_PAGE.read_bytes())
    size = len(UTF8_PAGE.read_bytes())

    def run(limits):
        return [(getattr(x, "error", "page"), x.source) for x in archives.items(str(path), "many.zip", limits, "zip")]

    assert [e for e, _ in run(archives.Limits(max_bytes=size))] == ["page"] * 5
    assert [e for e, _ in run(archives.Limits(max_bytes=size - 1))] == ["too_large"] * 5
    assert [e for e, _ in run(archives.Limits(max_bytes=size, total_bytes=3 * size))] == ["page"] * 3 + [
        "archive_limit"
    ] * 2
    assert run(archives.Limits(max_bytes=size, members=2)) == [
        ("page", "many.zip!p0.html"),
        ("page", "many.zip!p1.html"),
        ("archive_limit", "many.zip"),
    ]


def test_tar_gz_with_gbk_names_and_an_archive_without_pages(tmp_path):
    path = tmp_path / "pages.tar.gz"
    with tarfile.open(path, "w:gz", format=tarfile.GNU_FORMAT, encoding="gbk") as tf:
        for name, page in (("通知/一.html", GBK_PAGE), ("二.htm", BIG5_PAGE), ("说明.txt", TABLE_PAGE)):
            data = page.read_bytes()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    with tarfile.open(tmp_path / "empty.tar", "w") as tf:
        info = tarfile.TarInfo("readme.txt")
        tf.addfile(info, io.BytesIO(b""))
    tables = extractor.extract([path, tmp_path / "empty.tar"])
    assert sorted(tables.documents["source"]) == [f"{path}!二.htm", f"{path}!通知/一.html"]
    assert of(tables, f"{path}!通知/一.html") == plain(GBK_PAGE)
    assert of(tables, f"{path}!二.htm") == plain(BIG5_PAGE)
    assert tables.errors[["source", "error"]].values.tolist() == [[str(tmp_path / "empty.tar"), "no_pages"]]


# --------------------------------------------------------------------------------------------
# engines and the command line


@pytest.fixture
def mixed(tmp_path, crawl) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "crawl.warc.gz").write_bytes(crawl.read_bytes())
    zip_made_on_windows(
        folder / "资料.zip", {"民生/一.html": GBK_PAGE.read_bytes(), "二.html": TABLE_PAGE.read_bytes()}
    )
    (folder / "plain.html").write_bytes(UTF8_PAGE.read_bytes())
    return folder


def test_worker_processes_give_the_inline_tables(mixed):
    import pandas as pd

    one, two = extractor.extract(mixed), extractor.extract(mixed, jobs=2)
    pd.testing.assert_frame_equal(one.documents, two.documents)
    pd.testing.assert_frame_equal(one.claims, two.claims)
    pd.testing.assert_frame_equal(one.errors, two.errors)
    assert (len(one.documents), len(one.errors)) == (10 + 2 + 1, 2)


@pytest.mark.dask
def test_dask_engine_reads_archives_on_the_client(mixed):
    pytest.importorskip("dask")
    import pandas as pd

    one, dask = extractor.extract(mixed), extractor.extract(mixed, jobs=2, engine="dask")
    pd.testing.assert_frame_equal(one.documents, dask.documents)
    pd.testing.assert_frame_equal(one.claims, dask.claims)


def test_cli_counts_the_pages_inside_archives(mixed, tmp_path, capsys):
    assert main([str(mixed), "--out", str(tmp_path / "out"), "--jobs", "2"]) == 0
    line = capsys.readouterr().err
    assert "15 pages → 13 documents" in line and "2 errors" in line


def test_no_page_message_names_the_archive_suffixes(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("x")
    assert main([str(tmp_path), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert ".mhtml" in err and ".warc.gz" in err and ".zip" in err


def test_tar_gz_bomb_is_refused_and_the_rest_goes_on(tmp_path):
    path = tmp_path / "bomb.tar.gz"
    with tarfile.open(path, "w:gz") as tf:
        for name, data in (("bomb.html", b"<p>" + bytes(20 * 2**20)), ("page.html", UTF8_PAGE.read_bytes())):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    tables = extractor.extract(path)
    assert tables.errors[["source", "error"]].values.tolist() == [[f"{path}!bomb.html", "archive_bomb"]]
    assert of(tables, f"{path}!page.html") == plain(UTF8_PAGE)


def zip_with_damaged_data(path: Path, members: list[tuple[str, int]], page: bytes) -> None:
    """A zip whose members, each stored with its own compression method, have their compressed
    bytes flipped past the first 16 (past an LZMA member's properties header)."""
    with zipfile.ZipFile(path, "w") as zf:
        for name, method in members:
            zf.writestr(name, page, method)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
            for k in range(start + 16, start + min(info.compress_size, 80)):
                data[k] ^= 0x55
    path.write_bytes(bytes(data))


def test_a_zip_member_with_damaged_compressed_data_is_an_error_whatever_its_method(tmp_path):
    page = UTF8_PAGE.read_bytes()
    path = tmp_path / "damaged.zip"
    methods = [
        ("lzma.html", zipfile.ZIP_LZMA),
        ("bzip2.html", zipfile.ZIP_BZIP2),
        ("deflate.html", zipfile.ZIP_DEFLATED),
    ]
    zip_with_damaged_data(path, methods, page)
    with zipfile.ZipFile(tmp_path / "good.zip", "w", zipfile.ZIP_LZMA) as zf:
        zf.writestr("good.html", page)
    tables = extractor.extract(tmp_path)
    assert tables.errors[["source", "stage", "error"]].values.tolist() == [
        [f"{path}!{name}", "read", "bad_member"] for name, _ in methods
    ]
    assert all(m.startswith("The member could not be unpacked (") for m in tables.errors["message"])
    assert tables.documents["source"].tolist() == [f"{tmp_path / 'good.zip'}!good.html"]
    assert of(tables, f"{tmp_path / 'good.zip'}!good.html") == plain(UTF8_PAGE)


def warc_record(i: int, block: bytes, length: int | None = None, record_id: str = "") -> bytes:
    """One WARC response record written by hand, its Content-Length ``length`` when given (a wrong
    one), its id ``record_id`` when given (one another record has too)."""
    record_id = record_id or f"urn:uuid:00000000-0000-0000-0000-{i:012d}"
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <{record_id}>\r\n"
        f"WARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Target-URI: http://p/{i}.html\r\n"
        f"Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(block) if length is None else length}\r\n\r\n"
    )
    return head.encode() + block + b"\r\n\r\n"


def http_response(body: bytes) -> bytes:
    head = f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {len(body)}\r\n\r\n"
    return head.encode() + body


def test_members_and_records_of_the_same_name_get_sources_of_their_own(tmp_path):
    page = UTF8_PAGE.read_bytes()
    path = tmp_path / "same.zip"
    with zipfile.ZipFile(path, "w") as zf, pytest.warns(UserWarning, match="Duplicate name"):
        zf.writestr("a.html", page)
        zf.writestr("a.html", page)
    crawl = tmp_path / "same.warc"
    crawl.write_bytes(b"".join(warc_record(i, http_response(page), record_id="urn:uuid:same") for i in (1, 2)))
    tables = extractor.extract([path, crawl])
    docs = tables.documents
    assert docs["source"].tolist() == [  # the files in sorted order, each one's pages in its order
        f"{crawl}#urn:uuid:same",
        f"{crawl}#urn:uuid:same~2",
        f"{path}!a.html",
        f"{path}!a.html~2",
    ]
    assert docs["status"].tolist() == ["ok", "duplicate", "duplicate", "duplicate"]
    assert (docs["duplicate_of"][1:] == docs["doc_id"][0]).all()
    assert of(tables, f"{crawl}#urn:uuid:same") == plain(UTF8_PAGE) != []  # the canonical copy keeps its claims
    assert tables.errors.empty


def test_a_tar_gz_member_that_is_no_page_counts_toward_the_archives_total(tmp_path):
    # tarfile gets past a member only by unpacking it: 8 MiB of zeros in 8 KiB, then a page
    path = tmp_path / "video.tar.gz"
    with tarfile.open(path, "w:gz") as tf:
        for name, data in (("video.mp4", bytes(8 * 2**20)), ("after.html", UTF8_PAGE.read_bytes())):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    assert path.stat().st_size < 2**14  # the total allowed: max(1 MiB, 200 × 16 KiB) = 3.1 MiB at most
    got = list(archives.items(str(path), "video.tar.gz", archives.Limits(max_bytes=2**20, total_bytes=2**20), "tar"))
    assert [(x.source, x.error) for x in got] == [("video.tar.gz", "archive_limit")]
    assert "counting what is not a page" in got[0].message
    # within the total, the page after it is read
    assert [type(x).__name__ for x in archives.items(str(path), "v", archives.Limits(max_bytes=2**20), "tar")] == [
        "Payload"
    ]


def test_a_warc_of_nul_bytes_is_one_short_error_read_in_bounded_lines(tmp_path):
    # no line end anywhere: warcio would read the whole file as its first line and quote it
    (tmp_path / "zeros.warc").write_bytes(bytes(4 * 2**20))
    (tmp_path / "zeros.warc.gz").write_bytes(gzip.compress(bytes(8 * 2**20)))
    errors = extractor.extract(tmp_path).errors
    assert errors[["source", "error"]].values.tolist() == [
        [str(tmp_path / name), "bad_archive"] for name in ("zeros.warc", "zeros.warc.gz")
    ]
    messages = errors["message"].tolist()
    assert all("a line longer than 65,536 bytes" in m for m in messages)
    assert all(len(m) < 500 and "\n" not in m for m in messages)


def test_a_warc_record_that_is_no_page_counts_toward_the_archives_total(tmp_path):
    # one gzip member a record: an 8 MiB image of zeros (in 8 KiB), then a page
    image = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n" + bytes(8 * 2**20)
    path = tmp_path / "image.warc.gz"
    path.write_bytes(
        gzip.compress(warc_record(1, image)) + gzip.compress(warc_record(2, http_response(UTF8_PAGE.read_bytes())))
    )
    assert path.stat().st_size < 2**14

    def run(limits, by_offset=False):
        return [
            (type(x).__name__, getattr(x, "error", ""))
            for x in archives.items(str(path), "w", limits, "warc", by_offset)
        ]

    small = archives.Limits(max_bytes=2**20, total_bytes=2**20)
    assert run(small) == run(small, by_offset=True) == [("Failure", "archive_limit")]
    assert "gunzip it" in next(archives.items(str(path), "w", small, "warc")).message
    assert run(archives.Limits(max_bytes=2**20)) == [("Payload", "")]  # within the total, the page after it is read


def test_a_warc_gzipped_as_one_whole_file_is_read_whole(tmp_path):
    pages = [GBK_PAGE, UTF8_PAGE, TABLE_PAGE]
    plain_warc = b"".join(warc_record(i, http_response(p.read_bytes())) for i, p in enumerate(pages, 1))
    path = tmp_path / "whole.warc.gz"
    path.write_bytes(gzip.compress(plain_warc))  # `gzip crawl.warc`: one gzip member for every record
    tables = extractor.extract(path)
    ids = [f"{path}#urn:uuid:00000000-0000-0000-0000-{i:012d}" for i in (1, 2, 3)]
    assert tables.documents["source"].tolist() == ids and tables.errors.empty
    assert [of(tables, source) for source in ids] == [plain(p) for p in pages]
    limits = archives.Limits(max_bytes=2**20)
    streamed = list(archives.items(str(path), "w", limits, "warc"))
    named = list(archives.items(str(path), "w", limits, "warc", by_offset=True))
    assert [type(x).__name__ for x in named] == ["RecordRef", "Payload", "Payload"]  # offsets of the file only
    assert [archives.read_record(r, limits) if isinstance(r, archives.RecordRef) else r for r in named] == streamed
    small = archives.Limits(max_bytes=2**20, total_bytes=len(plain_warc) // 2, ratio=1)
    assert [x.error for x in archives.items(str(path), "w", small, "warc")] == ["archive_limit"]


def test_a_warc_record_whose_length_is_wrong_or_that_has_no_status_line_is_a_quiet_error(tmp_path, capfd):
    page = UTF8_PAGE.read_bytes()
    block = http_response(page)
    path = tmp_path / "odd.warc"
    long_line = b"<html><head><title>" + "长".encode() * 20_000 + b"</title></head><body><p>x</p></body></html>"
    path.write_bytes(
        warc_record(1, block, length=len(block) - 80)  # 80 bytes short: the page is cut off
        + warc_record(2, block)
        + warc_record(3, page)  # the body alone, no HTTP status line or headers
        + warc_record(4, long_line[:60_000])
    )
    capfd.readouterr()
    tables = extractor.extract(path)
    assert capfd.readouterr().err == ""  # warcio's stderr warning is not printed
    source = f"{path}#urn:uuid:00000000-0000-0000-0000-{{:012d}}".format
    assert tables.documents["source"].tolist() == [source(2)]
    assert tables.errors[["source", "error"]].values.tolist() == [
        [source(1), "bad_length"],
        [source(3), "http_status"],
        [source(4), "http_status"],
    ]
    length, no_status, long_status = tables.errors["message"]
    assert "Content-Length does not match" in length
    assert no_status.startswith("The response record for http://p/3.html has no HTTP status line (it begins '<!DOCTYPE")
    assert "has no HTTP status line" in long_status and len(long_status) < 500
    limits = archives.Limits(max_bytes=2**20)
    named = list(archives.items(str(path), "w", limits, "warc", by_offset=True))
    streamed = list(archives.items(str(path), "w", limits, "warc"))
    assert [archives.read_record(r, limits) if isinstance(r, archives.RecordRef) else r for r in named] == streamed


def test_a_warc_record_without_the_blank_lines_after_it_loses_neither_it_nor_the_next(tmp_path):
    # the next record's WARC/1.0 line was passed over as the rest of the first record, so the
    # second record was in neither table
    pages = [GBK_PAGE, UTF8_PAGE, TABLE_PAGE]
    records = [warc_record(i, http_response(p.read_bytes())) for i, p in enumerate(pages, 1)]
    assert records[0].endswith(b"\r\n\r\n")
    path = tmp_path / "tight.warc"
    path.write_bytes(records[0][:-4] + records[1] + records[2])
    tables = extractor.extract(path)
    ids = [f"{path}#urn:uuid:00000000-0000-0000-0000-{i:012d}" for i in (1, 2, 3)]
    assert tables.documents["source"].tolist() == ids and tables.errors.empty
    assert [of(tables, source) for source in ids] == [plain(p) for p in pages]
