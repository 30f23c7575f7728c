"""Inputs as people save them: MHTML, built here from the sample pages.

Every page read out of a container must give the same claims as the same page read as a plain
file; every member or record that is a page ends in exactly one of documents or errors.
"""

from __future__ import annotations

import base64
import quopri
from pathlib import Path

import pytest

import extractor
from conftest import SAMPLES
from extractor.load import load

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
