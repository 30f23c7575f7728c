"""What each claim says: direction, baseline, period and section (tests/cases/meaning.json)."""

from __future__ import annotations

import datetime as dt
import html

import pytest

from conftest import load_cases
from extractor import extract_page
from extractor.claims.meaning import read_change
from extractor.claims.periods import resolve_period

CASES = load_cases("meaning.json")

#: A paragraph with no number after the case, so that the page has an article's length.
FILLER = (
    "本栏目刊登有关单位发布的工作动态，内容以原文为准，欢迎读者来信来电提出意见和建议，我们将认真研究并及时答复。" * 3
)


def _page(case: dict) -> bytes:
    meta = f'<meta name="publishdate" content="{case["published"]}">' if case.get("published") else ""
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in case["text"].split("\n"))
    paragraphs += f"<p>{FILLER}</p>"
    return f"<html><head><title>测试</title>{meta}</head><body><article>{paragraphs}</article></body></html>".encode()


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_meaning_case(case):
    claims = extract_page(_page(case), "case.html").claims
    for expect in case["expect"]:
        found = [c for c in claims if c.text == expect["text"]]
        assert found, f"no claim {expect['text']!r} in {[c.text for c in claims]}"
        claim = found[0]
        for field, value in expect.items():
            if field != "text":
                assert getattr(claim, field) == value, (field, claim)


def test_cases_cover_the_classes_the_issue_names():
    labels = [c["label"] for c in CASES]
    assert sum(label.startswith("pair ") for label in labels) >= 40
    assert sum(label.startswith("baseline ") for label in labels) >= 20
    assert sum(label.startswith("period ") for label in labels) >= 30
    assert sum(label.startswith("traditional ") for label in labels) >= 3


def test_a_level_has_no_baseline_even_after_a_comparison():
    assert read_change("比上年提高到440元", 0, 7, "440元") == ("", "")


def test_periods_resolve_against_the_publication_date():
    assert resolve_period("今年前4个月", dt.date(2024, 5, 20)) == ("2024-01-01", "2024-04-30")
    assert resolve_period("今年前4个月") == ("", "")  # no date to resolve 今年 against
    assert resolve_period("2月29日", dt.date(2023, 3, 1)) == ("", "")  # no such day: no dates rather than a wrong one
    assert resolve_period("二季度", dt.date(2024, 8, 1)) == ("2024-04-01", "2024-06-30")


def test_title_lines_at_the_top_of_the_body_are_no_section():
    body = (
        '<p align="center"><strong>全国人民代表大会常务委员会<br>关于批准财政部发行特别国债购买外汇及<br>'
        "调整2007年末国债余额限额的决议</strong><br>（2007年6月29日会议通过）</p>"
        "<p>批准发行15500亿元特别国债购买外汇，年末余额限额调整为53365.53亿元。</p>"
        f"<p>{FILLER}</p><p><strong>调整2007年末国债余额限额的决议</strong></p><p>其中新增发行2000亿元国债。</p>"
    )
    title = "全国人民代表大会常务委员会关于批准财政部发行特别国债购买外汇及调整2007\u3000年末国债余额限额的决议"
    page = f"<html><head><title>{title}_公报</title></head><body><article>{body}</article></body></html>".encode()
    sections = {c.text: c.section for c in extract_page(page, "t.html").claims}
    # the title printed over two heading lines before any text heads nothing; the same words as a
    # heading after the text has started are a section
    assert sections["15500亿元"] == ""
    assert sections["2000亿元"] == "调整2007年末国债余额限额的决议"


#: Spans and other periods whose dates were once wrong, with the dates they pin (or none).
SPAN_DATES = [
    ("2024年12月28日至1月3日", None, ("2024-12-28", "2025-01-03")),  # the second side in the next year
    ("去年12月28日至1月3日", dt.date(2025, 6, 1), ("2024-12-28", "2025-01-03")),
    ("6月30日至6月1日", dt.date(2024, 7, 1), ("", "")),  # ends before it starts: no dates, not its first side
    ("2019年至2014年", None, ("", "")),
    ("2024年12月下旬至1月上旬", None, ("2024-12-21", "2025-01-10")),
    ("周三至周五", dt.date(2025, 1, 10), ("2025-01-08", "2025-01-10")),
    ("1月至今", dt.date(2025, 7, 1), ("2025-01-01", "")),  # 至今 is a span to the time of writing, not a day 今
    ("6月12日至今", dt.date(2025, 7, 1), ("2025-06-12", "")),
    ("二〇二四年三月", dt.date(2025, 6, 1), ("2024-03-01", "2024-03-31")),  # a year in Chinese numerals
    ("6月中旬", dt.date(2025, 7, 1), ("2025-06-11", "2025-06-20")),
    ("一季度至三季度", dt.date(2025, 12, 1), ("2025-01-01", "2025-09-30")),
]


@pytest.mark.parametrize(("period", "published", "dates"), SPAN_DATES, ids=[p for p, _, _ in SPAN_DATES])
def test_span_dates(period, published, dates):
    assert resolve_period(period, published) == dates


def test_a_day_alone_after_a_named_year_is_not_dated_in_the_publication_month():
    assert resolve_period("5日", dt.date(2025, 3, 20), 2019) == ("", "")
    assert resolve_period("5日", dt.date(2025, 3, 20)) == ("2025-03-05", "2025-03-05")
