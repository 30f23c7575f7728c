"""Loading and decoding: every encoding case, and inputs that are not web pages."""

from __future__ import annotations

import codecs

import pytest

from extractor.article.load import load
from extractor.errors import ExtractError

ARTICLE = "<html><head>{meta}<title>民生动态</title></head><body><p>累计发放医疗救助资金3753.57万元，救助困难群众2824人。喆堃</p></body></html>"


def page(meta: str = "") -> str:
    return ARTICLE.format(meta=meta)


def test_gbk_declared_gb2312_with_gbk_only_characters_reads_as_gb18030():
    data = page('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">').encode("gbk")
    result = load(data, "x.html")
    assert result.encoding == "gb18030"
    assert result.declared == "gb2312"
    assert result.replacements == 0
    assert "喆堃" in result.text and "3753.57万元" in result.text


def test_utf8_bytes_declared_gb2312_are_utf8():
    data = page('<meta charset="gb2312">').encode("utf-8")
    result = load(data, "x.html")
    assert (result.encoding, result.declared, result.replacements) == ("utf-8", "gb2312", 0)


@pytest.mark.parametrize("codec,bom", [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)])
def test_utf16_with_bom_even_when_declared_otherwise(codec, bom):
    data = bom + page('<meta charset="gb2312">').encode(codec)
    result = load(data, "x.html")
    assert result.encoding == "utf-16"
    assert result.declared == "gb2312"
    assert "救助困难群众2824人" in result.text


def test_utf16_without_bom_is_recognised():
    result = load(page().encode("utf-16-le"), "x.html")
    assert result.encoding == "utf-16"
    assert "医疗救助资金" in result.text


def test_utf8_bom():
    result = load(codecs.BOM_UTF8 + page().encode("utf-8"), "x.html")
    assert result.encoding == "utf-8" and result.text.startswith("<html>")


def test_big5_declared():
    data = (
        '<html><head><meta charset="big5"></head><body><p>共計12.6億元，受益人數達3萬2千人。</p></body></html>'.encode(
            "big5"
        )
    )
    result = load(data, "x.html")
    assert result.encoding == "big5hkscs"
    assert "12.6億元" in result.text and result.replacements == 0


def test_undeclared_gbk_is_detected():
    text = (
        "<html><body>"
        + "<p>全年社会救助资金支出合计24.3亿元，同比增长4.8%，惠及困难群众十万余人。</p>" * 5
        + "</body></html>"
    )
    result = load(text.encode("gbk"), "x.html")
    assert result.encoding == "gb18030"
    assert "社会救助资金" in result.text


def test_utf8_declared_but_gbk_bytes_is_decoded_as_gbk():
    data = page('<meta charset="utf-8">').encode("gbk")
    result = load(data, "x.html")
    assert result.encoding == "gb18030"
    assert "医疗救助资金" in result.text


def test_damaged_utf8_keeps_utf8_and_counts_replacements():
    data = page().encode("utf-8")
    cut = data.index("救助困难".encode()) + 1  # break one character in the middle
    damaged = data[:cut] + data[cut + 1 :]
    result = load(damaged, "x.html")
    assert result.encoding == "utf-8"
    assert result.replacements >= 1
    assert "医疗救助资金3753.57万元" in result.text


def test_truncated_gbk_decodes_with_one_replacement():
    data = page('<meta charset="gbk">').encode("gbk")
    cut = data.index("人。".encode("gbk")) + 1  # stop in the middle of a two-byte character
    result = load(data[:cut], "x.html")
    assert result.encoding == "gb18030"
    assert result.replacements == 1


def test_xml_declaration_charset():
    data = ('<?xml version="1.0" encoding="GBK"?>' + page()).encode("gbk")
    result = load(data, "x.xhtml")
    assert result.encoding == "gb18030" and result.declared == "gbk"


def test_nul_and_control_characters_are_removed():
    data = page().encode("utf-8").replace("救助".encode(), "救\x00助".encode(), 1)
    result = load(data, "x.html")
    assert "\x00" not in result.text and "医疗救助资金" in result.text


def test_plain_text_is_not_markup():
    result = load("当前位置:\n以保障和改善民生为主线\n发布日期:2023-02-20\n".encode(), "x.txt")
    assert result.markup is False


def test_doc_id_is_stable_and_depends_on_bytes():
    a, b = page().encode("utf-8"), page("<meta name='x'>").encode("utf-8")
    assert load(a, "1").doc_id == load(a, "2").doc_id
    assert load(a, "1").doc_id != load(b, "1").doc_id
    assert len(load(a, "1").doc_id) == 16


@pytest.mark.parametrize(
    "data,error,words",
    [
        (b"", "empty", "empty"),
        (b"   \n\t  \r\n", "empty", "empty"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary", "PNG"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "binary", "ZIP"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "binary", "gzip"),
        (bytes(range(256)) * 40, "binary", "binary"),
    ],
)
def test_not_html_raises_a_clear_error(data, error, words):
    with pytest.raises(ExtractError) as info:
        load(data, "x.html")
    assert info.value.stage == "decode"
    assert info.value.error == error
    assert words in info.value.message


@pytest.mark.corpus
def test_every_corpus_page_decodes_without_replacements(corpus_pages):
    for path in sorted(corpus_pages.glob("*.html")):
        assert load(path.read_bytes(), path.name).replacements == 0, path.name


@pytest.mark.corpus
def test_corpus_pages_declared_gb2312_with_utf8_bytes(corpus_pages, manifest):
    cases = [f for f, row in manifest.items() if row["declared_charset"] == "gb2312" and row["actually_utf8"] == "yes"]
    assert len(cases) == 7
    for name in cases:
        assert load((corpus_pages / name).read_bytes(), name).encoding == "utf-8", name
    genuine = [f for f, row in manifest.items() if "genuinely GB2312/GBK" in row["notes"]]
    assert len(genuine) == 6
    for name in genuine:
        assert load((corpus_pages / name).read_bytes(), name).encoding == "gb18030", name


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("gb18030", "gb18030"), ("utf-16", "utf-16"), ("utf-8", "utf-8")],
)
def test_control_characters_and_a_stray_bom_go_in_every_codec(encoding, expected):
    meta = {"gb18030": "gbk"}.get(encoding, "")
    text = (
        page(f'<meta charset="{meta}">' if meta else "")
        .replace("救助", "救\x07助\x1f", 1)
        .replace("困难", "困\ufeff难")
    )
    result = load(text.encode(encoding), "x.html")
    assert result.encoding == expected
    assert "医疗救助资金" in result.text and "困难群众" in result.text
    assert not any(ch in result.text for ch in "\x07\x1f\ufeff")


def test_declared_charset_is_read_from_meta_http_equiv_and_the_xml_declaration():
    from extractor.article.load import declared_charset

    assert declared_charset(b"<META HTTP-EQUIV='Content-Type' CONTENT='text/html;charset=Big5'>") == "big5"
    assert declared_charset(b"<?xml version='1.0' encoding='GB2312'?>\n<html><meta charset=utf-8>") == "gb2312"
    assert declared_charset(b"<html><head><title>x</title></head>") == ""
    assert declared_charset(b" " * 3000 + b"<meta charset=gbk>") == ""  # only the top of the page declares
    big5 = "<html><head><meta charset='big5'></head><body><p>累計發放醫療救助資金，救助困難群眾。</p></body></html>"
    result = load(big5.encode("big5hkscs"), "b.html")
    assert (result.declared, result.encoding) == ("big5", "big5hkscs") and "醫療救助" in result.text
