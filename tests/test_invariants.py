"""Value safety: invariants every claim keeps, on every corpus page and on generated text.

* a claim's span never starts or ends inside a longer number (no digit, no separator followed by a
  digit, no Chinese numeral right before or after it);
* its value is what find_numbers reads from its own text (the high end of a range is the last
  number's value); claims whose unit comes from a table header are the documented exception;
* ``text[start:end] == claim.text`` (``body[start:end]`` in a document).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor import extract_page, find_claims, find_numbers
from extractor.claims.lexicon import NUMERAL_CHARS

_DIGITS = set("0123456789０１２３４５６７８９")
_NUMERAL = set(NUMERAL_CHARS)


def check(text: str, claims) -> None:
    for claim in claims:
        assert text[claim.start : claim.end] == claim.text
        before = text[claim.start - 1] if claim.start > 0 else ""
        after = text[claim.end] if claim.end < len(text) else ""
        assert before not in _DIGITS, (claim.text, text)
        assert not (
            before in ".,．" and claim.start > 1 and text[claim.start - 2] in _DIGITS and claim.text[0] in _DIGITS
        ), claim.text
        assert after not in _DIGITS, (claim.text, text)
        assert not (after in ".．" and text[claim.end + 1 : claim.end + 2] in _DIGITS), (claim.text, text)
        if claim.text[:1] in _NUMERAL or claim.text[:1] in _DIGITS:
            assert before not in _NUMERAL, (claim.text, text)
        if claim.text[-1:] in _NUMERAL or claim.text[-1:] in _DIGITS:
            assert after not in _NUMERAL, (claim.text, text)
        if claim.rule.endswith(":table"):
            continue  # the column header's unit applies: documented exception
        numbers = find_numbers(claim.text)
        assert numbers, (claim.text, text)
        if claim.high is not None and claim.rule.endswith(":range"):
            assert numbers[-1].value == claim.high, (claim.text, text)
        else:
            assert numbers[0].value == claim.value, (claim.text, claim.value, numbers[0].value, text)


@pytest.mark.corpus
def test_invariants_on_every_corpus_page(corpus_pages):
    pages = sorted(corpus_pages.glob("*.html"))
    assert len(pages) >= 76
    for path in pages:
        result = extract_page(path.read_bytes(), path.name)
        check(result.document.body, result.claims)


_PIECES = st.sampled_from(
    [
        "3", "12", "0.5", "1,234", "２４６．７９", "一", "两", "三四", "十五", "二十三", "百", "千", "万", "亿",
        "点", "余", "多", "近", "约", "超过", "以上", "左右", "-", "~", "至", "、", "，", "。", "元", "万元",
        "亿元", "人", "名", "户", "个", "家", "所", "项", "次", "%", "％", "个百分点", "个基点", "吨", "公里",
        "点", "块", "股", "手", "起", "年", "月", "日", "岁", "第", "分之", "百分之", "成", "折", "投资", "居民",
        "零件", "唯一", "四川", "统一", "一起", "套", "房子", "增长", "下降", "同比", "的", "和", "共", "达",
        "kg", "Mbps", "A", "P", "人民币", "美元", "（", "）", "电话：", "010-68007379", "“", "”", " ",
    ]
)  # fmt: skip


@settings(
    max_examples=5000, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.lists(_PIECES, min_size=1, max_size=14).map("".join))
def test_invariants_on_generated_text(text):
    check(text, find_claims(text))


@settings(max_examples=500, deadline=None, derandomize=True, database=None)
@given(st.lists(_PIECES, min_size=1, max_size=14).map("".join))
def test_find_numbers_offsets_and_exact_values(text):
    for number in find_numbers(text):
        assert text[number.start : number.end] == number.text
        assert isinstance(number.value, Decimal)
