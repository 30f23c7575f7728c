"""find_numbers: the case files, words that are not numbers, and hostile strings."""

from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import case_ids, load_cases
from extractor import find_numbers
from extractor.claims.numbers import parse_numeral

NUMBER_CASES = load_cases("numbers.json")
NOT_NUMBERS = load_cases("not_numbers.json")


@pytest.mark.parametrize("case", NUMBER_CASES, ids=case_ids(NUMBER_CASES))
def test_number_case(case):
    found = [(n.text, n.value, n.kind) for n in find_numbers(case["text"])]
    expected = [(e["text"], Decimal(e["value"]), e["kind"]) for e in case["expect"]]
    assert found == expected
    for number, e in zip(find_numbers(case["text"]), case["expect"], strict=True):
        if "high" in e:
            assert number.high == Decimal(e["high"]), (number.text, number.high)


@pytest.mark.parametrize("case", NOT_NUMBERS, ids=case_ids(NOT_NUMBERS))
def test_not_a_number(case):
    assert find_numbers(case["text"]) == []


def test_offsets_are_into_the_given_text():
    text = "全年完成投资２４６．７９亿元，同比增长１５．３％"
    for n in find_numbers(text):
        assert text[n.start : n.end] == n.text


def test_values_are_exact_decimals():
    [n] = find_numbers("16.4亿")
    assert n.value == Decimal("1640000000") and isinstance(n.value, Decimal)
    assert parse_numeral("0.1") + parse_numeral("0.2") == Decimal("0.3")


HOSTILE = {
    "digit run then 万元": "1" * 200_000 + "万元",
    "comma bomb": "1," * 100_000,
    "chinese numeral run": "一二三四五六七八九十百千万亿" * 15_000,
    "point run": "一点" * 100_000,
    "decimal run": "1." * 100_000,
    "alternating units": "十万" * 100_000,
    "percent prefixes": "百分之" * 70_000,
    "spaces between numerals": "一 " * 100_000,
    "slash fractions": "1/4，" * 50_000,  # each fraction once looked at every number of the text
    "fen after fen": "1分" * 100_000,  # each 分 once copied the text before and after it
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_strings_finish(name):
    """200,000-character adversarial strings: the patterns are linear, so these complete (a
    catastrophic pattern would hit the regex timeout and raise TimeoutError)."""
    found = find_numbers(HOSTILE[name])
    assert isinstance(found, list)
    assert all(len(n.text) < 1000 for n in found)
