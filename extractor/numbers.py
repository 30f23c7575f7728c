"""Numbers: every numeric expression of a text with its exact value, unit and kind — the one
place where a number is read.

A numeral (:mod:`extractor.numerals`) and what follows it (:mod:`extractor.units`) decide its
kind: 第 → ordinal; 百分之, %, 成, 折, 个百分点 → percent; a currency → money (multiplier and
subunits applied: 3753.57万元, 123元1角1分); a unit of measure → quantity; a person or household
unit, a classifier or nothing → number. A single Chinese digit that is only part of a word (一切,
四川, 队伍, 陆地) is not a number: it needs a unit, a classifier or 第 next to it.

Offsets are into the text given; the search runs on a width-folded copy of the same length.
"""

from __future__ import annotations

from decimal import Decimal

import regex

from . import lexicon as lx
from .numerals import _CN_CHARS, CN_DIGITS, Numeral, fold, parse_numeral, scan
from .records import Number
from .text import CLAUSE_BREAKS, REGEX_TIMEOUT
from .units import _SPACE, _UNITS, Unit, currency_prefix, multiplier_value, read_unit

__all__ = [
    "CN_DIGITS", "Numeral", "Unit", "currency_prefix", "find_numbers", "fold", "is_fraction_part",
    "multiplier_value", "parse_numeral", "percent_prefix", "read_unit", "scan", "tenths_at", "tidy",
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

_URL = regex.compile(r"(?:https?://|www\.)[!-~]++", regex.I)

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
    folded = fold(text)
    out: list[Number] = []
    numerals = scan(folded)
    urls = [m.span() for m in _URL.finditer(folded, timeout=REGEX_TIMEOUT)]
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
    return [Number(n.start, n.end, n.text, tidy(n.value), n.kind, n.unit) for n in out]


def tidy(value: Decimal) -> Decimal:
    """The same value without trailing zeros or exponent: 37535700.00 → 37535700, 2.50 → 2.5.

    >>> tidy(Decimal('37535700.00')), tidy(Decimal('2581000.0')), tidy(Decimal('0.0500'))
    (Decimal('37535700'), Decimal('2581000'), Decimal('0.05'))
    """
    if value.adjusted() >= 27:  # beyond the context's precision: keep it as it is
        return value
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
        return Number(s, e, text[s:e], v, "number")
    if _FRACTION_WORD.search(folded[max(0, start - 9) : start] + "\x00") is None and _after_fraction_word(
        folded, start
    ):
        return None  # a numerator, read with its denominator
    # percents written before the number: 百分之七, 千分之五, 百万分之五
    prefix = percent_prefix(folded, start)
    if prefix is not None:
        p_start, factor = prefix
        e, k = _suffix_k(folded, end)
        return Number(p_start, e, text[p_start:e], value * factor * k, "percent", "%")
    if start > 0 and folded[start - 1] == "第":
        return Number(start - 1, end, text[start - 1 : end], value, "ordinal")
    end_k, k_factor = _suffix_k(folded, end)
    if end_k != end:
        return Number(start, end_k, text[start:end_k], value * k_factor, "number")
    nxt = folded[end] if end < len(folded) else ""
    if nxt in lx.DOZEN_WORDS and num.chinese:  # 一打 = 12, 五十打 = 600
        return Number(start, end + 1, text[start : end + 1], value * lx.DOZEN_WORDS[nxt], "number")
    if folded.startswith(("个半", "個半"), end):  # 一个半 = 1.5
        return Number(start, end + 2, text[start : end + 2], value + Decimal("0.5"), "number")
    if nxt == "半" and num.lone and value == 1 and not _UNITS.get(folded[end + 1 : end + 2]):
        return Number(start, end + 1, text[start : end + 1], Decimal("0.5"), "number")  # 一半
    ten = tenths_at(folded, num, end)
    if ten is not None:
        v, e = ten
        return Number(start, e, text[start:e], v, "percent", "%")
    unit = read_unit(folded, end)
    whole_text = not folded[:start].strip() and not folded[end:].strip()
    if num.lone and not unit.kind and unit.factor == 1 and not _lone_ok(folded, num):
        return None
    if unit.unit == "分" and (_is_financial(text[start:end]) or _fen_is_money(folded, num, unit)):
        unit = Unit("money", "元", Decimal("0.01"), "CNY", unit.end)
    if (
        num.lone
        and _is_financial(text[start:end])
        and unit.kind not in ("money", "quantity", "headcount")
        and not whole_text
    ):
        return None  # 队伍, 收拾, 陆地, 入伍时分: a financial digit alone is a word character
    prefix_cur = currency_prefix(folded, start)
    if unit.kind == "money" or (prefix_cur and unit.kind in ("", "count")):
        code = unit.currency if unit.kind == "money" else prefix_cur[1]
        if prefix_cur and code == "CNY":
            code = prefix_cur[1]
        s = prefix_cur[0] if prefix_cur else start
        e = unit.end if unit.kind == "money" or unit.factor != 1 else end
        amount = value * unit.factor + unit.extra
        joined = _joined_subunit(folded, numerals, index, e, code)
        if joined is not None:  # 两美元又三美分
            e, more = joined
            amount += more
        return Number(s, e, text[s:e], amount, "money", unit.unit or "元")
    if unit.kind in ("percent", "point"):
        return Number(start, unit.end, text[start : unit.end], value * unit.factor, "percent", unit.unit)
    if unit.kind == "quantity":
        return Number(start, unit.end, text[start : unit.end], value * unit.factor + unit.extra, "quantity", unit.unit)
    if unit.kind == "headcount":  # people are counted, not measured
        return Number(start, unit.end, text[start : unit.end], value * unit.factor, "number", unit.unit)
    if unit.kind == "" and unit.factor != 1:  # 十多万, 五百 余万
        return Number(start, unit.end, text[start : unit.end], value * unit.factor, "number")
    return Number(start, end, text[start:end], value, "number", unit.unit if unit.kind == "count" else "")


def _fen_is_money(folded: str, num: Numeral, unit: Unit) -> bool:
    """五分 = 0.05 元 when nothing in its clause makes 分 a minute, a score or a rating."""
    if not 0 < num.value < 100 or num.value != num.value.to_integral_value():
        return False
    after = folded[unit.end : unit.end + 1]
    if after in lx.FEN_NOT_BEFORE:
        return False
    clause = _CLAUSE_BREAK.split(folded[max(0, num.start - 40) : num.start])[-1]
    return not any(marker in clause for marker in lx.FEN_NOT_AFTER)


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
    out = []
    for m in _SLASH.finditer(folded):
        s, e = m.span()
        over = [n for n in found if n.start < e and s < n.end]
        if any(n.kind != "number" for n in over):
            continue
        value = Decimal(m.group(1)) / Decimal(m.group(2))
        lead = _MIXED_LEAD.match(folded[max(0, s - 5) : s])  # 1 3/5
        if lead is not None and s - 5 >= 0 or lead is not None:
            s -= len(lead.group(0))
            value += Decimal(lead.group(1))
        for n in over:
            found.remove(n)
        found_lead = [n for n in found if n.start >= s and n.end <= e]
        for n in found_lead:
            found.remove(n)
        out.append(Number(s, e, text[s:e], value, "number"))
    return out


def _lone_ok(folded: str, num: Numeral) -> bool:
    """A lone Chinese numeral with no unit after it is still a number after 第/前/后, before 半,
    inside quotes, or when it is all the text there is."""
    before = folded[num.start - 1] if num.start > 0 else ""
    after = folded[num.end] if num.end < len(folded) else ""
    if before in ("第", "前", "后", "後") or after == "半":
        return True
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
    mark = _SPACE.match(folded, end).end()
    if mark >= len(folded) or folded[mark] not in "成折":
        return None
    nxt = folded[mark + 1] if mark + 1 < len(folded) else ""
    end = mark + 1
    if folded[mark] == "成":
        if nxt in _CHENG_WORDS or num.value <= 0 or num.value > 10:
            return None
        value = num.value * 10
        tail = _SPACE.match(folded, end).end()
        ch = folded[tail] if tail < len(folded) else ""
        after = folded[tail + 1] if tail + 1 < len(folded) else ""
        if ch == "半":
            return value + 5, tail + 1
        if ch in lx.DIGITS and lx.DIGITS[ch] and not (after in _CN_CHARS or after.isdigit() or _UNITS.get(after)):
            return value + lx.DIGITS[ch], tail + 1
        return value, end
    if 0 < num.value < 10:
        return num.value * 10, end
    if num.chinese and 10 < num.value < 100 and len(folded[num.start : num.end].replace(" ", "")) == 2:
        return num.value, end  # 八五折 = 85%
    return None
