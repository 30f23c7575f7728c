"""The bundled samples: golden body text for each, and what each one is there to show."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest

from conftest import GOLDEN, SAMPLES
from extractor import extract_page

SAMPLE_FILES = sorted(SAMPLES.glob("*.html"))


def run(name: str):
    path = SAMPLES / name
    return extract_page(path.read_bytes(), str(path))


def test_at_least_six_samples_each_with_a_golden_body():
    assert len(SAMPLE_FILES) >= 6
    assert {p.stem for p in SAMPLE_FILES} == {p.stem for p in GOLDEN.glob("*.txt")}


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=[p.name for p in SAMPLE_FILES])
def test_golden_body(path):
    result = extract_page(path.read_bytes(), str(path))
    assert result.document.body + "\n" == (GOLDEN / f"{path.stem}.txt").read_text(encoding="utf-8")
    body = result.document.body
    assert all(body[c.start : c.end] == c.text for c in result.claims)


def test_seed_portal_gbk_twice_printed():
    result = run("seed_portal_gbk.html")
    doc = result.document
    assert (doc.encoding, doc.title, doc.published) == ("gb18030", "以保障和改善民生为主线", "2023-02-20")
    assert doc.duplicates_removed >= 6
    assert Counter(c.kind for c in result.claims) == {
        "amount": 13,
        "headcount": 9,
        "percent": 3,
        "percentage_point": 1,
        "count": 14,
    }
    for chrome in ("当前位置", "上一篇", "友情链接", "ICP备", "热点文章", "字体", "分享到", "邮编"):
        assert chrome not in doc.body


def test_utf8_declared_gb2312():
    result = run("utf8_declared_gb2312.html")
    assert result.document.encoding == "utf-8"
    assert result.document.title == "我区养老服务体系建设取得新进展"
    assert "十四五" in result.document.body
    assert not any("十四五" in c.text or "一刻钟" in c.text for c in result.claims)


def test_big5_traditional_units():
    result = run("big5_traditional.html")
    assert result.document.encoding == "big5hkscs"
    values = {c.text: c.value for c in result.claims}
    assert values["12.6億元"] == 1_260_000_000 and values["約98億元"] == 9_800_000_000
    assert values["3萬2千人"] == 32000


def test_inline_tags_and_full_width_digits():
    result = run("inline_fullwidth.html")
    assert "支出2.46亿元" in result.document.body
    values = {c.text: (c.kind, c.value) for c in result.claims}
    assert values["７４．４％"] == ("percent", Decimal("74.4"))
    assert values["４８００万元"] == ("amount", 48_000_000)
    assert values["６个百分点以上"][0] == "percentage_point"


def test_data_table_cells_keep_row_and_column():
    result = run("data_table.html")
    cells = [(c.subject, c.kind, c.value) for c in result.claims if c.rule.endswith(":table")]
    assert ("农村低保/支出资金", "amount", 830_000_000) in cells
    assert ("特困供养/救助人数", "headcount", 8000) in cells
    assert ("临时救助/同比增长", "percent", Decimal("-2.5")) in cells
    assert len(cells) == 12


def test_list_page_has_no_article_and_no_claims():
    result = run("list_page.html")
    assert result.document.status == "no_article" and result.claims == ()


def test_notice_numbers_that_are_not_claims():
    result = run("notice_nonclaims.html")
    assert [(c.text, c.kind) for c in result.claims] == [
        ("500元", "amount"),
        ("1200户", "headcount"),
        ("约60万元", "amount"),
    ]
