"""De-duplication inside one page."""

from __future__ import annotations

from extractor.article.dedup import dedup
from extractor.records import Cleaned, Page, Paragraph

PAGE = Page("s", "id", "", "utf-8", "", 0, True, 0)


def run(texts: list[str]):
    return dedup(Cleaned(PAGE, "t", "", tuple(Paragraph(t) for t in texts), "ok"))


def test_exact_copy_removed_and_counted():
    doc = run(
        [
            "近年来，全市民生工作稳步推进，救助体系不断完善。",
            "第二段内容，说明具体数字和情况。",
            "近年来，全市民生工作稳步推进，救助体系不断完善。",
        ]
    )
    assert doc.duplicates_removed == 1
    assert doc.body.count("近年来") == 1


def test_near_copy_differing_in_punctuation_width_and_spacing_is_removed():
    first = "城镇和农村低保标准分别提高到月人均440元和年人均1750元,保障人数达40506人。"
    copy = "城镇和农村低保标准分别提高到月人均４４０元和年人均1750元， 保障人数达40506人 。"
    doc = run([first, "中间一段不同的文字，讲述别的事情。", copy])
    assert doc.duplicates_removed == 1 and "４４０" not in doc.body


def test_near_copy_with_a_few_words_changed_is_removed():
    first = "自治区领导许永锞、周异决、卢献匾、钱学明以及钟得志，国家电力投资集团副总经理徐树彪参加大会。"
    copy = "自治区领导许永锞、周异决、卢献匾、钱学明以及钟得志，国家电力投资集团副总经理徐树彪出席了大会。"
    assert run([first, copy]).duplicates_removed == 1


def test_flattened_copy_of_several_paragraphs_is_removed():
    paras = [
        "第一段文字讲述了养老服务体系建设的情况。",
        "第二段文字介绍了社会救助资金的发放情况。",
        "第三段文字总结了下一步的工作安排。",
    ]
    doc = run(paras + ["".join(paras)])
    assert doc.duplicates_removed == 1 and len(doc.paragraphs) == 3


def test_short_repeated_line_stays_when_not_part_of_a_copy():
    doc = run(["会有崩盘吗？", "崩盘肯定会发生，但时间很难预测。", "会有崩盘吗？", "不太可能，央行会积极响应。"])
    assert doc.duplicates_removed == 0


def test_short_line_inside_a_copied_block_goes_with_it():
    block = ["一、总体情况", "全年发放救助资金3753.57万元，救助困难群众2824人。", "二、下一步安排"]
    doc = run(block + block)
    assert doc.duplicates_removed == 3 and doc.body.count("一、总体情况") == 1


def test_offsets_of_paragraphs_in_body():
    doc = run(["甲段文字。", "乙段文字。"])
    assert doc.starts == (0, 6) and doc.body == "甲段文字。\n乙段文字。"


def test_dedup_is_a_pure_function_of_one_page():
    texts = ["相同的一段文字出现在两个页面里，各自都应保留。"]
    assert run(texts).duplicates_removed == 0
    assert run(texts).duplicates_removed == 0


def test_a_short_line_printed_twice_in_a_row_counts_once():
    doc = run(["成人票原价：30元", "儿童票原价：15元", "儿童票原价：15元", "游客咨询电话：56042007"])
    assert doc.body.split("\n") == ["成人票原价：30元", "儿童票原价：15元", "游客咨询电话：56042007"]
    assert doc.duplicates_removed == 1


def test_a_short_line_repeated_further_on_stays():
    doc = run(
        [
            "问：补贴标准是多少？",
            "答：每人每月200元，按季度发放到户。",
            "问：补贴标准是多少？",
            "答：农村每人每月150元。",
        ]
    )
    assert doc.body.count("问：补贴标准是多少？") == 2


def test_a_summary_above_the_body_that_repeats_its_sentences_appears_once():
    summary = "【摘要】全市新建养老床位860张。入住老人2130人，服务覆盖所有街道。"
    body = [
        "今年以来，全市新建养老床位860张，比上年增加120张。",
        "截至年底，入住老人2130人，服务覆盖所有街道，群众满意度持续提升。",
    ]
    doc = run([summary, *body])
    assert doc.body.split("\n") == body
    assert doc.body.count("860张") == 1


def test_a_lead_that_says_something_the_body_does_not_stays():
    lead = "【摘要】全市养老服务体系建设取得新进展，群众获得感明显增强。"
    body = ["今年以来，全市新建养老床位860张，比上年增加120张。", "截至年底，入住老人2130人。"]
    assert run([lead, *body]).body.split("\n")[0] == lead


def test_nfkc_fast_path_of_the_comparison_key_agrees_with_unicodedata():
    """normalize_key skips NFKC on text without a character _NFKC_ACTIVE matches: every other
    character is NFKC already and composes with nothing before it, or is NFKC_PUNCT; a combining
    mark among them, which NFKC may reorder, is neither a letter nor a digit."""
    import sys
    import unicodedata

    import regex

    from extractor.text import _NFKC_ACTIVE, NFKC_PUNCT

    punct = regex.compile(f"[{NFKC_PUNCT}]")
    not_content = regex.compile(r"[^\p{L}\p{N}]")
    everything = "".join(chr(cp) for cp in range(sys.maxunicode + 1) if not 0xD800 <= cp <= 0xDFFF)
    for ch in _NFKC_ACTIVE.sub("", everything):
        folded = unicodedata.normalize("NFKC", ch)
        if punct.match(ch):
            assert folded.isascii() and not_content.fullmatch(ch) and all(not_content.match(c) for c in folded)
            continue
        assert folded == ch, hex(ord(ch))
        if unicodedata.combining(ch):  # NFKC may reorder it among its neighbours: no letter or digit, folded or not
            assert all(not_content.match(c) for c in ch + ch.casefold()), hex(ord(ch))
    for ch in everything:  # what composes with the character before it: the second of a composed pair
        parts = unicodedata.decomposition(ch).split()
        if len(parts) == 2 and not parts[0].startswith("<"):
            first, second = chr(int(parts[0], 16)), chr(int(parts[1], 16))
            if unicodedata.normalize("NFC", first + second) == ch:
                assert _NFKC_ACTIVE.match(second), hex(ord(ch))
    assert _NFKC_ACTIVE.match("\u1161") and _NFKC_ACTIVE.match("\u11a8")  # Hangul vowel and final jamo


def test_comparison_key_is_that_of_the_nfkc_text():
    import random
    import unicodedata

    import regex

    from extractor.text import normalize_key

    def reference(text: str) -> str:
        return regex.sub(r"[^\p{L}\p{N}]++", "", unicodedata.normalize("NFKC", text).casefold())

    for text in (
        "增长８％，达到３７５３．５７万元（同比）！",
        "气温℃，①项目；Ⅲ类…ＡＢＣ",
        "Café e\u0301 ΑΣ ß İ K",
        "\u1100\u1161\u11a8 한국",
        "“增长 8%”——完成……",
        "",
    ):
        assert normalize_key(text) == reference(text), text
    pool = "中文增长aeAΣß1８Ａ，：（…℃①Ⅲ︱=＝≠\u0301\u0316\u0334\u0338\u0345\u1100\u1161\u11a8İK\u3000 "
    draw = random.Random(0)
    for _ in range(3000):
        text = "".join(draw.choice(pool) for _ in range(draw.randint(1, 8)))
        assert normalize_key(text) == reference(text), ascii(text)
