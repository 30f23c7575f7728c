"""Numbers: every numeric expression of a text with its exact value, unit and kind — the one
place where a number is read.

A numeral (:mod:`extractor.claims.numerals`) and what follows it (:mod:`extractor.claims.units`) decide its
kind: 第 → ordinal; 百分之, %, 成, 折, 个百分点 → percent; a currency → money (multiplier and
subunits applied: 3753.57万元, 123元1角1分); a unit of measure → quantity; a person or household
unit, a classifier or nothing → number. A single Chinese digit that is only part of a word (一切,
四川, 队伍, 陆地) is not a number: it needs a unit, a classifier or 第 next to it.

Offsets are into the text given; the search runs on a width-folded copy of the same length.
"""

from __future__ import annotations

import bisect
import dataclasses
from decimal import Decimal

import regex

from ..records import Number
from ..text import CLAUSE_BREAKS, SENTENCE_MARKS
from . import lexicon as lx
from .numerals import _CN_CHARS, CN_DIGITS, Numeral, bounded, fold, parse_numeral, scan, starts_word
from .subject import WORD_MAX, _class_table, words_of
from .units import _SPACE, UNITS, Unit, currency_after, currency_prefix, multiplier_value, read_unit

__all__ = [
    "CN_DIGITS", "Numeral", "Unit", "currency_prefix", "find_numbers", "fold", "is_fraction_part",
    "may_hold_numbers", "multiplier_value", "numbers_in", "parse_numeral", "percent_prefix", "read_unit", "scan", "tenths_at", "tidy",
]  # fmt: skip

_FRACTION_WORD = regex.compile(r"\s{0,3}+分\s{0,3}+之\s{0,3}+")

_PERCENT_PREFIX = regex.compile(
    rf"(?<![0-9{''.join(lx.DIGITS)}])([百千万萬佰仟]{{1,4}}+)\s{{0,3}}+分\s{{0,3}}+之\s{{0,3}}+$"
)

_SLASH = regex.compile(r"(?<![0-9/.])([1-9][0-9]{0,2}+)/([1-9][0-9]{0,2}+)(?![0-9/.])")

_MIXED = regex.compile(r"\s{0,3}+又\s{0,3}+")

_CLAUSE_BREAK = regex.compile(f"[{regex.escape(CLAUSE_BREAKS)}\n]")

_FRACTION_TAIL = regex.compile(r"分\s{0,3}+之\s{0,3}+$")

_MIXED_LEAD = regex.compile(r"(?<![0-9.])([0-9]{1,3}+) $")

_PERCENT_WORD_RES = {word: regex.compile(regex.escape(word)) for word in lx.PERCENT_WORDS}

_OPEN_QUOTES = "“‘「『\"'《"

_CLOSE_QUOTES = "”’」』\"'》"

_SENTENCE_SPLIT = regex.compile(f"[{regex.escape(SENTENCE_MARKS)}\\n]")
_CLAUSE_END_CHARS = frozenset(CLAUSE_BREAKS + "\n")
_HAN = regex.compile(r"\p{Han}")
_NOUN_AFTER = regex.compile(r"^(?:的)?+(\p{Han}{1,5}+)")
_MONEY_WORD = regex.compile("|".join(map(regex.escape, sorted(lx.MONEY_WORDS, key=len, reverse=True))))
_URL = regex.compile(r"(?:https?://|www\.)[!-~]++", regex.I)

# What a text holds when it holds a number at all: a digit (full-width too), a Chinese numeral
# character, or a percent word written without a numeral (对折).
_MAY_HOLD = regex.compile(
    f"[0-9０-９{regex.escape(lx.NUMERAL_CHARS)}]|" + "|".join(map(regex.escape, lx.PERCENT_WORDS))
)

_CHENG_WORDS = frozenset("为員员本立功绩績果就熟都交长長效品人年型片套批份群了倍色分市")


def find_numbers(text: str) -> list[Number]:
    """Every numeric expression in ``text``.

    >>> [(n.text, n.value, n.kind) for n in find_numbers('累计发放3753.57万元，占比７％，第六次')]
    [('3753.57万元', Decimal('37535700'), 'money'), ('７％', Decimal('7'), 'percent'), ('第六', Decimal('6'), 'ordinal')]
    >>> [(n.text, n.value) for n in find_numbers('十二点五亿 一万五千 三分之一 两千六')]
    [('十二点五亿', Decimal('1250000000')), ('一万五千', Decimal('15000')), ('三分之一', Decimal('0.3333333333333333333333333333')), ('两千六', Decimal('2600'))]
    >>> find_numbers('四川的一切都统一了，队伍上了陆地')
    []
    """
    return numbers_in(text, fold(text)) if may_hold_numbers(text) else []


def may_hold_numbers(text: str) -> bool:
    """False when ``text`` (folded or not) holds nothing a number is read from: no digit, no
    Chinese numeral character, no percent word; most sentences of a page hold none.

    >>> may_hold_numbers('增长８％'), may_hold_numbers('打对折'), may_hold_numbers('据统计')
    (True, True, False)
    """
    return _MAY_HOLD.search(text) is not None


def numbers_in(text: str, folded: str) -> list[Number]:
    """:func:`find_numbers` for a caller that has the text's :func:`fold` already (and may have
    passed over a text for which :func:`may_hold_numbers` is False)."""
    out: list[Number] = []
    numerals = scan(folded)
    urls = []
    if "/" in folded or "." in folded:  # one of them is in any address (://, www.)
        urls = [m.span() for m in _URL.finditer(folded, **bounded(folded))]
    if urls:
        numerals = [n for n in numerals if not any(a <= n.start < b for a, b in urls)]
    skip_until = -1
    for i, num in enumerate(numerals):
        if num.start < skip_until:
            continue
        found = _classify(folded, text, numerals, i)
        if found is not None:
            out.append(found)
            skip_until = found.end
    out.extend(_percent_words(folded, text, out))
    out.extend(_slash_fractions(folded, text, out))
    out.sort(key=lambda n: n.start)
    return [_tidied(n) for n in out]


def _tidied(num: Number) -> Number:
    """``num`` with its value and high end :func:`tidy`; the record itself when they already are."""
    if num.value.same_quantum(_ONE) and (num.high is None or num.high.same_quantum(_ONE)):
        return num  # whole numbers with no exponent (most): tidy already
    value = tidy(num.value)
    high = tidy(num.high) if num.high is not None else None
    if value.as_tuple() == num.value.as_tuple() and (high is None or high.as_tuple() == num.high.as_tuple()):
        return num
    return dataclasses.replace(num, value=value, high=high)


#: One, whose exponent (0) a whole number written without one shares (``same_quantum``: a cheap
#: test of the exponent, where ``as_tuple`` builds the digits).
_ONE = Decimal(1)


def tidy(value: Decimal) -> Decimal:
    """The same value without trailing zeros or exponent: 37535700.00 → 37535700, 2.50 → 2.5.

    >>> tidy(Decimal('37535700.00')), tidy(Decimal('2581000.0')), tidy(Decimal('0.0500'))
    (Decimal('37535700'), Decimal('2581000'), Decimal('0.05'))
    """
    if value.same_quantum(_ONE) or value.adjusted() >= 27:
        return value  # beyond the context's precision, or a whole number already as tidy as it gets
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def _classify(folded: str, text: str, numerals: list[Numeral], index: int) -> Number | None:
    num = numerals[index]
    start, end, value = num.start, num.end, num.value
    # fractions: 三分之一, 五百分之2.2, and mixed numbers: 三百五十又3分之1
    fraction = _fraction(folded, numerals, index)
    if fraction is not None:
        s, e, v = fraction
        return Number(s, e, text[s:e], v, "number", rule="number:fraction")
    # both what follows need a 之 before the number (分之): most numbers have none
    zhi = folded.find("之", max(0, start - 16), start) >= 0
    if (
        zhi
        and _FRACTION_WORD.search(folded[max(0, start - 9) : start] + "\x00") is None
        and _after_fraction_word(folded, start)
    ):
        return None  # a numerator, read with its denominator
    # percents written before the number: 百分之七, 千分之五, 百万分之五
    prefix = percent_prefix(folded, start) if zhi else None
    if prefix is not None:
        p_start, factor = prefix
        e, k = _suffix_k(folded, end)
        high = num.high * factor * k if num.high is not None else None
        return _made(text, p_start, e, value * factor * k, "percent", "%", "percent", num, high=high,
                     rule="percent:prefix", bound=_rough(num))  # fmt: skip
    if start > 0 and folded[start - 1] == "第":
        return Number(start - 1, end, text[start - 1 : end], value, "ordinal", rule="ordinal")
    if _ordinal_item(folded, numerals, index):
        return Number(start, end, text[start:end], value, "ordinal", rule="ordinal:item")
    end_k, k_factor = _suffix_k(folded, end)
    if end_k != end:
        return Number(start, end_k, text[start:end_k], value * k_factor, "number", rule="number:letter")
    nxt = folded[end] if end < len(folded) else ""
    if nxt in lx.DOZEN_WORDS and num.chinese:  # 一打 = 12, 五十打 = 600
        return Number(start, end + 1, text[start : end + 1], value * lx.DOZEN_WORDS[nxt], "number", rule="number:dozen")
    if folded.startswith(("个半", "個半"), end):  # 一个半 = 1.5
        return Number(start, end + 2, text[start : end + 2], value + Decimal("0.5"), "number", rule="number:half")
    if nxt == "半" and num.lone and value == 1 and not UNITS.get(folded[end + 1 : end + 2]):
        return Number(start, end + 1, text[start : end + 1], Decimal("0.5"), "number", rule="number:half")  # 一半
    ten = tenths_at(folded, num, end)
    if ten is not None:
        v, e = ten
        high = num.high * 10 if num.high is not None else None
        return _made(text, start, e, v, "percent", "%", "percent", num, high=high, rule="percent:tenths",
                     bound=_rough(num))  # fmt: skip
    unit = read_unit(folded, end)
    if unit.kind == "count" and unit.end - end == 1 and folded[unit.end : unit.end + 1] in lx.PEOPLE_NOUN_ENDS:
        unit = Unit("", "", Decimal(1), "", end)  # 30万居民, 5000万股民: the classifier begins a noun of people
    if num.lone and not unit.kind and unit.factor == 1 and not _lone_ok(folded, num):
        return None
    if _is_round(folded, num) and unit.kind not in _COUNTED and _vague(folded, num, start)[0] == start:
        return None  # 万, 百 分之, 千万不要: a multiplier alone is a number only before what it counts
    if unit.unit == "分" and (_is_financial(text[start:end]) or _fen_is_money(folded, num, unit)):
        unit = Unit("money", "元", Decimal("0.01"), "CNY", unit.end)
    if (
        num.lone
        and _is_financial(text[start:end])
        and unit.kind not in ("money", "quantity", "headcount")
        and (folded[:start].strip() or folded[end:].strip())  # not the whole text
    ):
        return None  # 队伍, 收拾, 陆地, 入伍时分: a financial digit alone is a word character
    unit = _reread(folded, num, unit)
    if unit.kind == "money" and _is_round(folded, num) and num.value <= 10000 and _per_money(folded, unit.end, start):
        return Number(start, unit.end, text[start : unit.end], value * unit.factor, "number", rule="number:per")
    start, qualifier, bound = _vague(folded, num, start)
    bound = bound or _rough(num)
    prefix_cur = currency_prefix(folded, start)
    if unit.kind == "money" or (prefix_cur and unit.kind == ""):
        code = unit.currency if unit.kind == "money" else prefix_cur[1]
        if prefix_cur and code == "CNY":
            code = prefix_cur[1]
        s = prefix_cur[0] if prefix_cur else start
        e = unit.end if unit.kind == "money" or unit.factor != 1 else end
        named_after = currency_after(folded, e) if code == "CNY" and unit.unit == "元" else None
        if named_after is not None:  # 5000万元港币: the currency named after 元 is the one meant
            e, code = named_after
        amount = value * unit.factor + unit.extra
        joined = _joined_subunit(folded, numerals, index, e, code)
        if joined is not None:  # 两美元又三美分
            e, more = joined
            amount += more
        measure = "amount" if not (num.lone and unit.factor < 1 and not unit.extra) else ""  # 五角大楼, 三毛
        return _made(text, s, e, amount, "money", unit.unit or "元", measure, num, unit, code, qualifier, bound,
                     rule="amount:money")  # fmt: skip
    if unit.kind in ("percent", "point"):
        measure = "percent" if unit.kind == "percent" else "percentage_point"
        return _made(text, start, unit.end, value * unit.factor, "percent", unit.unit, measure, num, unit,
                     qualifier=qualifier, bound=bound, rule=f"{measure}:{unit.kind}")  # fmt: skip
    if unit.kind == "quantity":
        measure = "" if unit.unit in lx.NON_CLAIM_QUANTITIES or _graded(folded, unit.end) else "quantity"
        return _made(text, start, unit.end, value * unit.factor + unit.extra, "quantity", unit.unit, measure, num,
                     unit, qualifier=qualifier, bound=bound, rule="quantity:quantity")  # fmt: skip
    if unit.kind in ("headcount", "count"):  # people and things are counted, not measured
        measure = _count_measure(folded, num, unit, numerals)
        e = unit.end if unit.kind == "headcount" or unit.factor != 1 else end  # 33个: the number is 33
        return _made(text, start, e, value * unit.factor, "number", unit.unit, measure, num, unit,
                     qualifier=qualifier, bound=bound, rule=f"{unit.kind}:{unit.kind}",
                     unit_end=unit.end if e != unit.end else -1)  # fmt: skip
    if unit.kind == "" and (unit.factor != 1 or num.multiplier >= _BARE_MIN):  # 十多万, 五百 余万, 80亿
        e = unit.end if unit.factor != 1 else end
        measure = _bare_measure(folded, start, e) if not _uncertain(folded, num) else ""
        if measure == "amount" and _counts_a_noun(folded, e):
            measure = ""  # 投资5亿比索: the number counts the word after it, a currency or thing unknown
        if measure == "amount":
            return _made(text, start, e, value * unit.factor, "number", "元", "amount", num, unit, "CNY",
                         qualifier, bound, rule="amount:bare")  # fmt: skip
        if measure == "headcount":
            return _made(text, start, e, value * unit.factor, "number", "人", "headcount", num, unit,
                         qualifier=qualifier, bound=bound, rule="headcount:bare")  # fmt: skip
        return _made(text, start, e, value * unit.factor, "number", "", "", num, unit, qualifier=qualifier,
                     bound=bound, rule="number:bare")  # fmt: skip
    return _made(
        text, start, end, value, "number", "", "", num, rule="number" if not unit.kind else f"number:{unit.kind}"
    )


#: A bare number whose multiplier reaches this (万) may be an amount or a headcount by its context.
_BARE_MIN = Decimal(10000)


def _made(
    text, start, end, value, kind, unit, measure, num: Numeral, reading: Unit | None = None, currency="",
    qualifier="", bound="", rule="", high=None, unit_end=-1,
) -> Number:  # fmt: skip
    """A :class:`Number` with its reading details."""
    factor = reading.factor if reading is not None else _ONE
    if high is None and num.high is not None:
        high = num.high * factor
    if measure and (_uncertain_at(text, start) or _in_name(text, start, end)):
        measure = ""
    if measure and qualifier[:1] in lx.UNCERTAIN_VAGUE:
        measure = ""  # 数千人, 几十个: "some thousands" names no value
    if measure and num.chinese and num.lone and num.value == 0:
        measure = ""  # 零件, 零售: a lone Chinese zero before a unit is a word, never a claim
    if measure and _unsure(text, num, kind, qualifier or (reading.inside if reading is not None else ""), reading):
        measure = ""
    return Number(  # by position, in the order of _NUMBER_FIELDS
        start, end, text[start:end], value, kind, unit, measure, currency,
        qualifier or (reading.inside if reading is not None else ""),
        bound or (lx.QUALIFIERS_INSIDE.get(reading.inside, "") if reading is not None else ""),
        high, rule, num.value, num.multiplier, factor, unit_end,
    )  # fmt: skip


#: How many items before a numeral are looked at for the ordinal that leads their list (the
#: bound keeps a long run of joined numbers, 1,1,1,…, linear).
ORDINAL_ITEMS = 12

#: What joins the items of a list or a range of ordinals (第3-5名, 第二、三名, 第十二至十五条); a
#: comma after 第N begins another phrase as often (位列全省第二,120家企业入选).
_ORDINAL_JOINS = frozenset((*lx.RANGE_CONNECTORS, "、", "和", "或", "及"))


def _ordinal_item(folded: str, numerals: list[Numeral], index: int) -> bool:
    """A numeral that a list or range joins to an ordinal before it (第3-5名: 5 is the fifth
    place, not five people) is an ordinal too."""
    k = index
    while k > 0 and index - k < ORDINAL_ITEMS:
        prev, cur = numerals[k - 1], numerals[k]
        if folded[prev.end : cur.start] not in _ORDINAL_JOINS:
            return False
        if prev.start > 0 and folded[prev.start - 1] == "第":
            return True
        k -= 1
    return False


def _unsure(text: str, num: Numeral, kind: str, qualifier: str, reading: Unit | None = None) -> bool:
    """Readings whose value cannot be told from the text, so the number makes no claim (it stays
    in find_numbers):

    * a rate's denominator, the number right after 每 (每万人, 每千人口, 每10股派2.5元);
    * 万 or 亿 written with no digit and neither a qualifier nor a verb (:func:`_bare_big_unsure`);
    * a multiplier with no digit after a vague numeral the multiplier did not join (达数亿元,
      几千万: "some hundreds of millions" names no value);
    * digits next to a space and another digit: a thousands grouping by spaces (1 234 567元), or
      two numbers side by side; either way the part read alone is not the value;
    * a day of a month read as 日元 or before a word that begins with 元 (12月31日元旦, 正月十五元宵节);
    * an amount right after another amount's unit (十块八块: "ten or eight yuan"), and 一 + a unit
      right after a price (一元一斤: what the price is per);
    * a numeral in a colloquial rough number (千儿八百元, 百儿八十人), a round number before 把
      (千把块钱: "a thousand or so"), 块 before a digit (三块五: 3.5 元, not three pieces);
    * a currency named with 币 that the tables do not hold (韩币5000元), an English scale word
      after the number ($1.2 billion), Chinese digits read one by one before a unit (一块二一斤:
      二一 is no 21);
    * 位 or 名 right after a word of ranking and its move (排名上升3位): places, not people;
    * the denominator of a fraction (1/4个百分点), a year and a month with a point (2023.5起), and
      a count that is no whole number (2.8个乡镇: a list's "2." run on to 8个).
    """
    s, e = num.start, num.end
    before = text[s - 1] if s > 0 else ""
    unit_end = reading.end if reading is not None else e
    if before in lx.DENOMINATOR_MARKS:
        return True
    if before == "+" and s >= 2 and text[s - 2] in lx.ALL_DIGITS:
        return True  # K123+500处, 3+2分段: a chainage or a sum written out, no count
    if before in _SLASHES and s >= 2 and (text[s - 2] in lx.ALL_DIGITS or text[s - 2] in lx.NUMERAL_CHARS):
        return True  # 1/4个百分点, 2/3万元: the denominator of a fraction, read with the unit after it
    if (
        e - s >= 6
        and (reading is None or reading.kind in ("", "count"))
        and _YEAR_MONTH.fullmatch(text, s, e) is not None
    ):
        return True  # 2023.5起施行: a year and a month (海拔2012.5米 is a height)
    if (
        reading is not None
        and (reading.kind == "count" or text[unit_end - 1 : unit_end] in lx.RANK_UNITS)
        and num.multiplier == 1
        and num.value != num.value.to_integral_value()
        and _opens(text, s)
    ):
        return True  # 2.8个乡镇 opening a line: a list's “2.” before 8个 (户均1.2套 is an average)
    if num.chinese and num.lone and num.value == num.multiplier and num.value >= 100:  # multipliers alone
        if before in lx.UNCERTAIN_VAGUE:
            return True
        if text[s] in lx.BIG_UNITS and _bare_big_unsure(text, s, unit_end, qualifier):
            return True
    if before in _GROUP_SPACES and s >= 2 and text[s - 2] in lx.ALL_DIGITS and text[s] in lx.ALL_DIGITS:
        return True
    if e + 1 < len(text) and text[e] in _GROUP_SPACES and text[e + 1] in lx.ALL_DIGITS and text[e - 1] in lx.ALL_DIGITS:
        return True
    if before in lx.MONTH_ENDS and kind == "money" and num.value <= 31 and _day_before_yuan(text, e, unit_end):
        return True
    after_price = _after_price(text, s)  # 十块|八块, 5毛|一斤, 五块钱|一个
    if kind == "money" and after_price and currency_prefix(text, s) is None:
        return True  # 十块八块: a second amount run on to the first, a rough pair (美元1000元 is one)
    if kind == "money" and before in lx.CURRENCY_ENDS and currency_prefix(text, s) is None:
        return True  # 韩币5000元: a currency (X币) the tables do not name; 元 would say yuan
    if e < len(text) and (text[e] == " " or text[e].isascii() and text[e].isalpha()) and _ENGLISH_SCALE.match(text, e):
        return True  # $1.2 billion: the scale word is part of the value
    if (
        num.chinese
        and num.multiplier == 1
        and num.high is None
        and e - s >= 2
        and all(ch in lx.DIGITS for ch in text[s:e])
    ):
        return True  # 一块二一斤 (二一斤), 一七二零: digits read one by one name a code or a year, no quantity
    if num.value == 1 and after_price and reading is not None and reading.kind in _PER_KINDS:
        return True  # 一元一斤, 3元1个: what a price is per, not an amount of it
    if reading is not None and text[unit_end - 1 : unit_end] in lx.RANK_UNITS and _ranks(text, s, unit_end):
        return True  # 排名上升3位, 位居跌幅榜中的787位: places in a ranking, not people
    if reading is not None and reading.unit in lx.PACKAGE_CLASSIFIERS and _ends_a_quote(text, s, unit_end):
        return True  # “稳经济30条”, 新“国十条”: a count that ends a quoted name names a package of measures
    if reading is not None and reading.kind == "count":
        if reading.unit in lx.ROUGH_CLASSIFIERS and num.chinese and num.value == num.multiplier >= 100:
            return True
        if reading.unit in lx.SPOKEN_MONEY and text[unit_end : unit_end + 1] in lx.DIGITS:
            return True
    return before == "儿" and s >= 2 and text[s - 2] in lx.NUMERAL_CHARS


def _bare_big_unsure(text: str, start: int, unit_end: int, qualifier: str) -> bool:
    """万 or 亿 with no digit is a number after a qualifier (近万人, 过亿), with one inside or after
    it (万余人, 万人以上) or after a verb (规模达万亿元, 突破亿元), by the lexicon's word classes
    (traditional characters read as simplified: 達萬億元); after anything else it is a unit's
    label (a unit column's 万吨, 单位：万元, “万人助万企”), and after a numeral and 来/多
    (十来万元) it is the end of a rough number that was not read."""
    if start >= 2 and text[start - 1] in lx.QUALIFIERS_INSIDE and text[start - 2] in _NUMERAL_OR_DIGIT:
        return True
    if qualifier or any(text.endswith(w, 0, start) for w in lx.QUALIFIERS_BEFORE):
        return False
    if text.startswith(_QUALIFIERS_AFTER, unit_end):
        return False
    before = words_of(lx.to_simplified(text[max(0, start - WORD_MAX) : start]))
    return not before or before[-1][1] != "verb"


def _day_before_yuan(text: str, end: int, unit_end: int) -> bool:
    """After 月, a number before 日元 (12月31日元旦) or before a 元 that begins a word of the
    lexicon (正月十五元宵节) is a day of the month; 每月30元 is an amount."""
    unit = text[end:unit_end].strip()
    if unit.startswith(("日", "号", "號")):
        return True
    return (
        unit.endswith("元")
        and unit_end < len(text)
        and _class_table().get(text[unit_end - 1 : unit_end + 1]) is not None
    )


def _ranks(text: str, start: int, unit_end: int) -> bool:
    """The number counts places in a ranking: a word of ranking, and a word of its move or nothing,
    right before it (排名上升3位, 名次提升了12位), or a verb of standing in a ranking (位居, 位列)
    earlier in its clause, which the number and its unit end (位居跌幅榜中的787位，). A ranking
    named further back in the clause (排名前10位的企业共有员工3000名) says nothing of the number."""
    after = text[unit_end : unit_end + 1]
    clause = _CLAUSE_BREAK.split(text[max(0, start - _RANK_CLAUSE) : start])[-1]
    if (not after or after in CLAUSE_BREAKS or after in SENTENCE_MARKS) and any(v in clause for v in lx.RANK_VERBS):
        return True
    head = clause[-_RANK_SPAN:]
    if any(head.endswith(word) for word in lx.RANK_WORDS):
        return True  # 排名3位
    moved = head[:-1] if head.endswith("了") else head
    # 排名较上年上升5位, 名次再提升了2位: a move right before the number, the ranking before it
    return any(moved.endswith(move) for move in lx.RANK_MOVES) and any(word in head for word in lx.RANK_WORDS)


def _after_price(text: str, start: int) -> bool:
    """A price's unit right before ``start`` (元, 块钱, 毛钱) and a numeral before the unit: not the
    元 of 单元 or the 块 of 板块."""
    i = start - 1
    while i >= 0 and start - i <= 2 and text[i] in lx.PRICE_ENDS:
        i -= 1
    return i < start - 1 and i >= 0 and text[i] in _NUMERAL_OR_DIGIT


def _opens(text: str, start: int) -> bool:
    """Nothing but white space before ``start``, or a sentence mark: where a list's number opens."""
    i = start - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return i < 0 or text[i] in SENTENCE_MARKS


def _ends_a_quote(text: str, start: int, end: int) -> bool:
    """The number and its unit end a quoted phrase that opens at most :data:`_QUOTED_NAME` characters
    before it, in its clause."""
    if end >= len(text) or text[end] not in _CLOSE_QUOTES:
        return False
    head = text[max(0, start - _QUOTED_NAME) : start]
    opened = max(head.rfind(q) for q in _OPEN_QUOTES)
    return opened >= 0 and not any(mark in head[opened:] for mark in CLAUSE_BREAKS)


#: How long a quoted name before its closing number may be (稳经济30条).
_QUOTED_NAME = 12

#: The most characters a ranking word and its move take before the number, and how far back in
#: its clause a verb of standing in a ranking is looked for.
_RANK_SPAN = 12
_RANK_CLAUSE = 40

_QUALIFIERS_AFTER = tuple(sorted(lx.QUALIFIERS_AFTER, key=len, reverse=True))

_SLASHES = frozenset("/／")
#: A year and a month written with a point (2023.5, 2024.10).
_YEAR_MONTH = regex.compile(r"(?:19|20)[0-9]{2}+[.．](?:0?[1-9]|1[0-2])")

#: Spaces that may group digits or stand between two numbers (a tab separates table cells).
_GROUP_SPACES = frozenset(" \u00a0\u2009\u202f\u2007\u3000")

#: The kinds of unit a price may be per (一元一斤).
_PER_KINDS = frozenset({"count", "quantity"})

_ENGLISH_SCALE = regex.compile(r"\s{0,2}+(?:" + "|".join(lx.ENGLISH_SCALE_WORDS) + r")(?![a-z])", regex.I)


#: :class:`Number`'s fields in their order, which :func:`_made` passes by position (a call with
#: sixteen keywords costs a third more, and most numbers of a page are made there).
_NUMBER_FIELDS = (
    "start", "end", "text", "value", "kind", "unit", "measure", "currency", "qualifier", "bound", "high", "rule",
    "base", "multiplier", "factor", "unit_end",
)  # fmt: skip
if tuple(f.name for f in dataclasses.fields(Number)) != _NUMBER_FIELDS:  # pragma: no cover - a change to records.py
    raise ImportError("Number's fields are no longer those of _NUMBER_FIELDS, in its order")


_COUNTED = frozenset({"money", "headcount", "count", "quantity"})


def _per_money(folded: str, end: int, start: int) -> bool:
    """A round sum of 百, 千 or 万 with no digit and no vague word before it, followed by the noun it
    divides (万元工业增加值能耗, 万元GDP, 百元营业收入成本): an indicator's denominator, not an amount.
    Larger round sums before a noun are sizes (百亿元基金, 千亿元级), and stay amounts."""
    nxt = folded[end : end + 1]
    if not nxt or folded[start - 1 : start] in lx.VAGUE_NUMERALS or folded.startswith(_NOT_DIVIDED, end):
        return False
    return nxt.isascii() and nxt.isupper() or "\u4e00" <= nxt <= "\u9fff"


#: What may follow a round sum that is an amount (万元以上, 亿元的, 万元钱, 万元人民币).
_NOT_DIVIDED = (*lx.QUALIFIERS_AFTER, "的", "钱", "人民币", "多", "余", "左右", "级", "户", "元", "现金")


def _is_round(folded: str, num: Numeral) -> bool:
    """Multipliers with no digit (百, 千万, 万亿; 十万 is a numeral like any other)."""
    return (
        num.chinese and num.lone and num.value == num.multiplier and num.value >= 100
        and folded[num.start] not in "十拾"
    )  # fmt: skip


def _in_name(text: str, start: int, end: int) -> bool:
    """Digits joined to Latin letters belong to a model or product name (WP7项目, P30, G20峰会)."""
    before = text[start - 1 : start]
    return bool(before) and before.isascii() and before.isalpha() and text[start : start + 1].isdigit()


def _rough(num: Numeral) -> str:
    """``approximate`` for a rough range (三四个) or a round number with no digit (百名, 亿吨)."""
    if num.high is not None or (num.chinese and num.lone and num.value == num.multiplier and num.value >= 100):
        return "approximate"
    return ""


def _vague(folded: str, num: Numeral, start: int) -> tuple[int, str, str]:
    """A vague numeral before a multiplier (上百, 数千, 几十, 成千): (new start, its words, bound)."""
    if start > 0 and num.lone and num.value == num.multiplier and num.value >= 10:
        word = folded[start - 1]
        before = folded[start - 2 : start - 1]
        vague = word in lx.VAGUE_NUMERALS and word not in lx.QUALIFIERS_BEFORE and before not in lx.NOT_BEFORE_VAGUE
        if vague and (num.value >= 100 or word in lx.VAGUE_TENS):
            return start - 1, folded[start - 1 : num.end], lx.VAGUE_NUMERALS[word]
    return start, "", ""


def _reread(folded: str, num: Numeral, unit: Unit) -> Unit:
    """Units whose reading depends on context: 点 (a time, or index points: 下跌232.79点, 4000点) and
    块 (money: 3块钱; a classifier before a noun: 3块集成电路, and after 万/亿, where formal text
    writes 元 for money: 4176亿块芯片)."""
    if unit.unit == "点" and unit.kind == "time":
        sentence = _SENTENCE_SPLIT.split(folded[max(0, num.start - 60) : num.start])[-1]
        has_decimals = "." in folded[num.start : num.end]
        not_a_clock = num.value > 24 or num.value != num.value.to_integral_value()
        if has_decimals or not_a_clock or any(word in sentence for word in lx.INDEX_WORDS):
            return Unit("quantity", "点", unit.factor, "", unit.end, unit.inside)
    if unit.kind == "money" and folded[unit.end - 1 : unit.end] in ("块", "塊"):
        nxt = folded[unit.end : unit.end + 1]
        before_noun = bool(nxt) and nxt not in lx.MONEY_KUAI_AFTER and _HAN.match(nxt) is not None
        after_multiplier = folded[unit.end - 2 : unit.end - 1] in lx.BIG_UNITS and nxt not in ("钱", "錢")
        if before_noun or after_multiplier:
            return Unit("count", "块", unit.factor, "", unit.end, unit.inside)
    return unit


def _names_a_body(folded: str, end: int) -> bool:
    """A body elected for terms (:data:`~extractor.claims.lexicon.TERM_BODIES`: 全国人大, 中央政治局,
    省委) within a few characters after ``end``: 届 then names its term (十四届全国人大), where
    举办了五届博览会 counts editions."""
    after = folded[end : end + _BODY_SPAN]
    return any(body in after for body in lx.TERM_BODIES)


#: How far after 届 the body whose term it names is looked for (十四届|省|人大).
_BODY_SPAN = 8


def _after_session(folded: str, start: int) -> bool:
    """A numeral and a session classifier right before ``start`` (十三届|二次会议)."""
    return start >= 2 and folded[start - 1] in lx.SESSION_CLASSIFIERS and folded[start - 2] in _NUMERAL_OR_DIGIT


def _count_measure(folded: str, num: Numeral, unit: Unit, numerals: list[Numeral]) -> str:
    """``count`` or ``headcount``, or ``""`` when the count is no claim: 一 as the article "a" (买了
    一套房子), a phase (一期工程), a rank (前50名), a grade (5A级), a word (二手房)."""
    kind = unit.kind
    if _graded(folded, unit.end):
        return ""
    if num.chinese and num.lone and unit.unit in lx.PHASE_CLASSIFIERS:
        return ""  # 一期工程, 二期: a phase, not a count
    if num.chinese and num.lone and unit.unit in lx.ARABIC_ONLY_CLASSIFIERS:
        return ""  # 二手房, 一股风: a word, where 56万手 and 1234万股 are counts
    before = folded[num.start - 1] if num.start > 0 else ""
    if num.chinese and num.lone and before in lx.DEMONSTRATIVES:
        return ""  # 这两块地, 那三个人: things already named, referred to again
    if before in lx.RANK_BEFORE and folded[num.end : unit.end].strip() in lx.RANK_UNITS:
        return ""  # 前50名, 排名前三位: a rank
    if unit.unit in lx.SESSION_CLASSIFIERS and folded[unit.end : unit.end + 1] in _NUMERAL_OR_DIGIT:
        return ""  # 十九届四中全会, 十三届三次会议: a session's name (an ordinal without 第), not a count
    if unit.unit in lx.SESSION_CLASSIFIERS and num.chinese and _names_a_body(folded, unit.end):
        return ""  # 十四届全国人大, 二十届中央政治局: the body's term, an ordinal without 第
    if _after_session(folded, num.start) and folded.startswith(lx.MEETING_WORDS, unit.end):
        return ""  # 十三届二次会议: the meeting of a term, numbered, not a count of meetings
    if (
        num.chinese
        and num.value == 1
        and folded[num.start : num.end] in ("一", "壹")
        and not _counted_one(folded, num, unit, numerals)
    ):
        return ""  # 开发出一款产品, 有一种关系: the article "a", not a count
    return kind


def _numeral_length(folded: str, start: int) -> int:
    end = start
    while end < len(folded) and (folded[end].isdigit() or folded[end] in lx.NUMERAL_CHARS or folded[end] in ".,"):
        end += 1
    return end - start


#: A numeral character or a digit (what ends a numeral: 十来万, 二十多亿, 十块八块).
_NUMERAL_OR_DIGIT = frozenset(lx.NUMERAL_CHARS) | lx.ALL_DIGITS


def _counted_one(folded: str, num: Numeral, unit: Unit, numerals: list[Numeral]) -> bool:
    """一 + classifier is a count, not the article, when it follows its noun (浮雕像一座, 书法各一件)
    or stands in a list of counts (建成一座桥、两所学校). A word for together (一起, 一道) at the end
    of its clause is the adverb (叠加在一起，), not a count written after its noun."""
    after = folded[unit.end : unit.end + 1]
    before = folded[num.start - 1 : num.start]
    if not after or after in _CLAUSE_END_CHARS:
        # 浮雕像一座。 the count ends its clause, written after its noun; not 这一次, 固守自己的一套,
        # 再细分一次 (a determiner before it, or a verbal classifier: "once"), nor 在一起
        return (
            before not in lx.DETERMINERS
            and folded[num.end : unit.end] not in lx.VERBAL_CLASSIFIERS
            and folded[num.start : unit.end] not in lx.TOGETHER_WORDS
        )
    if folded.endswith(lx.DISTRIBUTIVES, max(0, num.start - 2), num.start):
        return True  # 各一件, 只有一家
    others = [n for n in numerals if not (n.chinese and n.lone and n.value == 1)]  # 一家A和一家B: articles
    ahead = any(_listed(folded, unit.end, n.start) for n in others if 0 < n.start - unit.end <= 12)
    behind = any(
        _listed(folded, read_unit(folded, n.end).end, num.start) for n in others if 0 < num.start - n.end <= 14
    )
    return ahead or behind  # 一座桥、两所学校 / 两所学校和一座桥


def _listed(folded: str, left_end: int, right_start: int) -> bool:
    """The counts ending at ``left_end`` and starting at ``right_start`` are items of one list: a
    list mark between them, no clause break, and a count on the right."""
    between = folded[left_end:right_start]
    if any(ch in _CLAUSE_END_CHARS for ch in between) or not any(j in between for j in lx.LIST_JOINERS):
        return False
    return read_unit(folded, right_start + _numeral_length(folded, right_start)).kind in ("count", "headcount")


def _graded(folded: str, end: int) -> bool:
    """A unit followed by 级/等级 names a grade or a class (百万千瓦级机组, 5A级景区)."""
    return folded.startswith(lx.GRADE_SUFFIXES, end)


def _bare_measure(folded: str, start: int, end: int) -> str:
    """What a bare magnitude (80亿, 200多万, 12个亿) measures by its clause: ``amount`` when the clause
    speaks of money (投资超80亿, 市值蒸发3万亿), ``headcount`` when the noun is people (30万居民,
    持仓人数（5076.6万）), else ``""``."""
    clause_start = start
    while clause_start > 0 and folded[clause_start - 1] not in _CLAUSE_END_CHARS and start - clause_start < 24:
        clause_start -= 1
    before = folded[clause_start:start]
    stop = end
    while stop < len(folded) and folded[stop] not in _CLAUSE_END_CHARS and stop - end < 14:
        stop += 1
    after = folded[end:stop]
    noun_after = _NOUN_AFTER.match(after)
    if noun_after and _is_people(noun_after.group(1)):
        return "headcount"
    if _money_in(after[:10]) or _money_in(before):
        return "amount"
    if _people_in(before):
        return "headcount"
    return ""


def _counts_a_noun(folded: str, end: int) -> bool:
    """A bare magnitude whose next word, by the lexicon, is a noun (惠及2万企业), a measure word it
    does not read (5亿英磅) or characters it does not hold (5亿瑞郎): the number counts that word,
    which is no yuan. A verb, a function word, an adverb or punctuation after it (投资5亿建设), a
    qualifier (左右, 以上), a money word (5亿资金) or the yuan's name (5亿人民币) leaves it an amount;
    a noun the lexicon holds that is also a verb (贷款2亿支持小微企业) is a miss, not a wrong value."""
    after = folded[end : end + WORD_MAX]
    if not after or not _HAN_CHAR.match(after):
        return False
    if after.startswith(_AMOUNT_MAY_FOLLOW):
        return False
    for length in range(len(after), 0, -1):
        cls = _class_table().get(after[:length])
        if cls is not None:
            # a verb, a function word… leaves an amount (投资5亿建设, 投资5亿探索新模式); a noun
            # (惠及2万企业), a measure word the unit tables do not read (英磅), or one character
            # of a name the lexicon does not hold as a word (澳|币, 瑞|郎) is what it counts
            return cls not in _NOT_COUNTED_CLASSES
    return True  # characters the lexicon does not hold


_HAN_CHAR = regex.compile(r"\p{Han}")
#: Word classes after a bare magnitude that leave it an amount: not what it counts.
_NOT_COUNTED_CLASSES = frozenset({"verb", "function", "adverb", "adj"})
#: What may follow a bare magnitude that is an amount: a qualifier, a money word, the yuan's names.
_AMOUNT_MAY_FOLLOW = (
    *lx.QUALIFIERS_AFTER, *lx.MONEY_WORDS, *lx.QUALIFIERS_INSIDE,
    *(name for name, (code, _factor) in lx.CURRENCIES.items() if code == "CNY"),
)  # fmt: skip


def _money_in(text: str) -> bool:
    """A word of money in ``text`` whose noun ends there (投资, 市值, 资金; not 订单量, 投资者)."""
    for m in _MONEY_WORD.finditer(text):
        nxt = text[m.end() : m.end() + 1]
        if nxt not in lx.MONEY_WORD_NOT_BEFORE:
            return True
    return False


def _people_in(text: str) -> bool:
    return any(word in text for word in lx.PEOPLE_COUNT_WORDS)


def _is_people(noun: str) -> bool:
    """A noun of people by its head (居民, 投资者, 股民, 游客, 职工, 儿童…)."""
    return noun.endswith(lx.PERSON_SUFFIXES) and not noun.endswith(lx.PERSON_SUFFIX_FALSE)


def _uncertain(folded: str, num: Numeral) -> bool:
    return _uncertain_at(folded, num.start)


def _uncertain_at(text: str, start: int) -> bool:
    """A number right after a full-width comma that follows one to three digits (3，500人): the comma
    may be a thousands separator or a clause break. The reading is uncertain, so it is no claim."""
    if start < 2 or text[start - 1] != "，":
        return False
    digits = 0
    k = start - 2
    while k >= 0 and text[k] in "0123456789０１２３４５６７８９":
        digits += 1
        k -= 1
    if not 1 <= digits <= 3 or (k >= 0 and text[k] in ".．,，"):
        return False
    group = 0
    k = start
    while k < len(text) and text[k] in "0123456789０１２３４５６７８９":
        group += 1
        k += 1
    return group == 3 and not (k < len(text) and text[k] in ".．")


def _fen_is_money(folded: str, num: Numeral, unit: Unit) -> bool:
    """五分 = 0.05 元 only where the text speaks of money: 分钱, or a money word in the clause before
    it (股价上涨3分, 每股派发现金红利5分). 分 is as often a score, a minute or a rating (60分及格,
    平均分85分), so a 分 with neither is no amount — unless it is all the text there is —, and
    nothing in the clause may make it one of those (得, 满, 评…)."""
    if not 0 < num.value < 100 or num.value != num.value.to_integral_value():
        return False
    after = folded[unit.end : unit.end + 1]
    if after in lx.FEN_MONEY_AFTER:
        return True
    if after in lx.FEN_NOT_BEFORE:
        return False
    clause = _CLAUSE_BREAK.split(folded[max(0, num.start - 40) : num.start])[-1]
    if any(marker in clause for marker in lx.FEN_NOT_AFTER):
        return False
    if _alone(folded, num.start, unit.end):
        return True  # 五分 written alone: the yuan's subunit, as currency recognizers read it
    return any(word in clause for word in lx.MONEY_WORDS)


def _alone(text: str, start: int, end: int) -> bool:
    """Nothing but white space before ``start`` and after ``end`` (looked at from the span
    outwards, so that a long text costs no copy: each 分 of 1分1分… is checked in a step)."""
    return all(text[i].isspace() for i in range(start - 1, -1, -1)) and all(
        text[i].isspace() for i in range(end, len(text))
    )


def _joined_subunit(
    folded: str, numerals: list[Numeral], index: int, end: int, code: str
) -> tuple[int, Decimal] | None:
    """``又`` and a smaller amount of the same currency after a money expression."""
    if not folded.startswith("又", end):
        return None
    for nxt in numerals[index + 1 :]:
        if nxt.start == end + 1:
            unit = read_unit(folded, nxt.end)
            if unit.kind == "money" and unit.currency == code and unit.factor < 1:
                return unit.end, nxt.value * unit.factor
            return None
        if nxt.start > end + 1:
            return None
    return None


def percent_prefix(folded: str, start: int) -> tuple[int, Decimal] | None:
    """百分之, 千分之, 百万分之… right before ``start`` (no numeral before it): (its start, factor
    from the number to percent)."""
    m = _PERCENT_PREFIX.search(folded, max(0, start - 16), start)
    if m is None:
        return None
    mult = multiplier_value(m.group(1), financial=True)
    return (m.start(), Decimal(100) / mult) if mult else None


def is_fraction_part(folded: str, numerals: list[Numeral], index: int) -> bool:
    """True for either side of ``N分之M`` (a fraction is not a claim)."""
    return _fraction(folded, numerals, index) is not None or _after_fraction_word(folded, numerals[index].start)


def _is_financial(surface: str) -> bool:
    return any(ch in lx.FINANCIAL for ch in surface)


def _fraction(folded: str, numerals: list[Numeral], index: int) -> tuple[int, int, Decimal] | None:
    """``N分之M`` as M/N, with a whole number joined by 又 before it (三百五十又3分之1)."""
    num = numerals[index]
    near = folded[num.end : num.end + 4]
    if "分" not in near and "又" not in near:
        return None  # both forms go on with one of them within three spaces of the number
    whole: Numeral | None = None
    denominator, at = num, index
    if index + 2 < len(numerals):
        mixed = _MIXED.match(folded, num.end)
        if mixed and numerals[index + 1].start == mixed.end():
            whole, denominator, at = num, numerals[index + 1], index + 1
    following = numerals[at + 1] if at + 1 < len(numerals) else None
    m = _FRACTION_WORD.match(folded, denominator.end)
    if not m or following is None or following.start != m.end() or denominator.value == 0:
        return None
    if _PERCENT_PREFIX.search(folded, max(0, denominator.start - 16), m.end()) and denominator.lone:
        return None
    value = following.value / denominator.value
    start = denominator.start
    if whole is not None:
        value = whole.value - value if whole.value < 0 else whole.value + value
        start = whole.start
    return start, following.end, value


def _after_fraction_word(folded: str, start: int) -> bool:
    """True when ``start`` follows 分之 whose denominator is a numeral (the numerator's place)."""
    head = folded[max(0, start - 12) : start]
    m = _FRACTION_TAIL.search(head)
    if not m:
        return False
    before = head[: m.start()].rstrip()
    return (
        bool(before)
        and (before[-1].isdigit() or before[-1] in _CN_CHARS)
        and not _PERCENT_PREFIX.search(folded, max(0, start - 16), start)
    )


def _percent_words(folded: str, text: str, found: list[Number]) -> list[Number]:
    """Percents written without a numeral (百分之百, 打对折, 半成)."""
    if not any(word in folded for word in lx.PERCENT_WORDS):
        return []
    covered = bytearray(len(folded) + 1)
    for n in found:
        covered[n.start : n.end] = b"\x01" * (n.end - n.start)
    out = []
    for word, (value, before) in lx.PERCENT_WORDS.items():
        for m in _PERCENT_WORD_RES[word].finditer(folded):
            s, e = m.span()
            if before and (s == 0 or folded[s - 1] != before):
                continue
            if any(covered[s:e]):
                continue
            covered[s:e] = b"\x01" * (e - s)
            out.append(Number(s, e, text[s:e], value, "percent", "%"))
    return out


def _slash_fractions(folded: str, text: str, found: list[Number]) -> list[Number]:
    """``1/2``, ``３／５``: a fraction of small whole numbers, not part of a date (2015/07/04)."""
    out: list[Number] = []
    if "/" not in folded:
        return out
    order = sorted(range(len(found)), key=lambda k: found[k].start)
    starts = [found[k].start for k in order]
    gone: set[int] = set()

    def within(s: int, e: int) -> list[int]:
        """The numbers that overlap ``s``–``e``: found from the last one starting before ``e``
        back to the first that ends by ``s`` (the numbers of a text do not overlap), so that a
        long run of fractions (1/4，1/4，…) is read in linear time."""
        k = bisect.bisect_left(starts, e) - 1
        hits = []
        while k >= 0:
            n = found[order[k]]
            if n.end <= s and n.start < s:
                break
            if n.start < e and s < n.end and order[k] not in gone:
                hits.append(order[k])
            k -= 1
        return hits

    for m in _SLASH.finditer(folded):
        s, e = m.span()
        over = within(s, e)
        if any(found[k].kind != "number" for k in over):
            continue
        value = Decimal(m.group(1)) / Decimal(m.group(2))
        lead = _MIXED_LEAD.match(folded[max(0, s - 5) : s])  # 1 3/5
        if lead is not None:
            s -= len(lead.group(0))
            value += Decimal(lead.group(1))
            over = within(s, e)  # the whole number before the fraction goes too
        gone.update(over)
        out.append(Number(s, e, text[s:e], value, "number"))
    if gone:
        found[:] = [n for k, n in enumerate(found) if k not in gone]
    return out


def _lone_ok(folded: str, num: Numeral) -> bool:
    """A lone Chinese numeral with no unit after it is still a number after 第/前/后, before 半,
    inside quotes, or when it is all the text there is."""
    before = folded[num.start - 1] if num.start > 0 else ""
    after = folded[num.end] if num.end < len(folded) else ""
    if before in ("第", "前", "后", "後") or after == "半":
        return True
    if after in lx.RANGE_CONNECTORS and folded[num.end + 1 : num.end + 2] in lx.NUMERAL_CHARS:
        return True  # 六到八人: the low end of a range, read with its high end
    if before in ("是", "为", "為") and (not after or after in "不而却卻那这這是，。、,.;；!?！？ "):
        return True  # 答案是四不是五: the numeral is the whole predicate
    if before and after and before in _OPEN_QUOTES and after in _CLOSE_QUOTES:
        return True
    return not folded[: num.start].strip() and not folded[num.end :].strip()


def _suffix_k(folded: str, end: int) -> tuple[int, Decimal]:
    """15k, 3w: a letter multiplier right after Arabic digits, not the start of a word."""
    if end < len(folded) and folded[end] in lx.LETTER_MULTIPLIERS and folded[end - 1 : end].isdigit():
        nxt = folded[end + 1] if end + 1 < len(folded) else ""
        if not (nxt.isascii() and nxt.isalpha()):
            return end + 1, Decimal(lx.LETTER_MULTIPLIERS[folded[end]])
    return end, Decimal(1)


def tenths_at(folded: str, num: Numeral, end: int) -> tuple[Decimal, int] | None:
    """七成 = 70%, 三成半 = 35%, 七成六 = 76%, 七折 = 70%, 八五折 = 85%: (percent, end) or None."""
    if folded.find("成", end, end + 4) < 0 and folded.find("折", end, end + 4) < 0:
        return None  # neither mark within the three spaces allowed before it
    mark = _SPACE.match(folded, end).end()
    if mark >= len(folded) or folded[mark] not in "成折":
        return None
    nxt = folded[mark + 1] if mark + 1 < len(folded) else ""
    end = mark + 1
    if folded[mark] == "折" and nxt and nxt not in lx.DISCOUNT_AFTER and _class_table().get("折" + nxt):
        return None  # 三折叠屏: 折 begins a word (折叠), no discount
    if folded[mark] == "成":
        if nxt in _CHENG_WORDS or num.value <= 0 or num.value > 10:
            return None
        value = num.value * 10
        tail = _SPACE.match(folded, end).end()
        ch = folded[tail] if tail < len(folded) else ""
        after = folded[tail + 1] if tail + 1 < len(folded) else ""
        if ch == "半":
            return value + 5, tail + 1
        if (
            ch in lx.DIGITS
            and lx.DIGITS[ch]
            and not (after and (after in _CN_CHARS or after.isdigit() or UNITS.get(after)))
            and not starts_word(folded, tail)
        ):
            return value + lx.DIGITS[ch], tail + 1  # 七成六; not 三成四川
        return value, end
    if 0 < num.value < 10:
        return num.value * 10, end
    if num.chinese and 10 < num.value < 100 and len(folded[num.start : num.end].replace(" ", "")) == 2:
        return num.value, end  # 八五折 = 85%
    return None
