"""Stage 5 — numeric claims of a sentence: :class:`~extractor.records.Claim` records.

A claim is a number with a unit that says how much or how many of something there is:

===================  ==============================================  =====================================
kind                 units                                           value
===================  ==============================================  =====================================
``amount``           元, 万元, 亿元, 块, 美元, 港元… (and 人民币…元)    in the currency's base unit
``headcount``        人, 名, 位, 人次, 户                              persons / person-times / households
``percent``          %, ％, ‰, 百分之…, 三成, 七折                     the percent number
``percentage_point`` 个百分点                                         the points
``count``            个, 所, 家, 次, 项, 座…                           items
``quantity``         吨, 公里, 平方米, 亩, 千瓦时…                      in the surface unit, multiplier applied
===================  ==============================================  =====================================

Never claims: dates, times, durations and ages (2023年, 15个交易日, 18岁), ordinals (第六次), numbers
inside names (十四五, 五保, 八项规定), identifiers (〔2023〕12号, phone numbers, post codes), numbers in
URLs and stock quotes, and bare numbers with no unit. Each claim records the qualifier words around
it (约, 余, 超过, 以上…) with the direction of the bound they give, a range's high end
(3-5万元), the subject it measures (:mod:`extractor.subject`) and the id of the rule that fired.
"""

from __future__ import annotations

import dataclasses

import regex

from . import lexicon as lx
from . import numbers
from .numbers import Numeral
from .records import Claim
from .subject import find_subject
from .text import CLAUSE_BREAKS, REGEX_TIMEOUT, SENTENCE_MARKS

#: Unit kinds of :func:`extractor.numbers.read_unit` that make a claim, and the claim kind.
CLAIM_KINDS: dict[str, str] = {
    "money": "amount",
    "headcount": "headcount",
    "count": "count",
    "quantity": "quantity",
    "percent": "percent",
    "point": "percentage_point",
}

_SENTENCE_END = regex.compile(f"[{regex.escape(SENTENCE_MARKS)}\n]")
_CLAUSE_BREAK = regex.compile(f"[{regex.escape(CLAUSE_BREAKS)}\n]")
_HAN = regex.compile(r"\p{Han}")
_DIGIT = regex.compile(r"[0-9]")
_CN_DIGIT = regex.compile(f"[{numbers.CN_DIGITS}]")
_BLOCKERS = regex.compile(
    "|".join(
        [
            r"(?:https?://|www\.)[!-~]++",
            *lx.NON_CLAIM_PATTERNS,
            *(regex.escape(name) for name in sorted(lx.NUMERAL_NAMES, key=len, reverse=True)),
            "(?:"
            + "|".join(map(regex.escape, sorted(lx.IDENTIFIER_LABELS, key=len, reverse=True)))
            + ")"
            + r"\s*+[:：]?\s*+[0-9０-９A-Za-z()（）\-－—–+/ ]{3,40}+",
        ]
    ),
    regex.I,
)
_SLOGAN = regex.compile(rf"[“「『\"]([^“”「」『』\"\n]{{1,{lx.SLOGAN_MAX_CHARS}}}+)[”」』\"]")
_VAGUE = regex.compile(
    "(?<![0-9" + numbers.CN_DIGITS + "十百千万亿])([" + "".join(lx.VAGUE_NUMERALS) + "])([十百千万亿]{1,3}+)"
)
_HEADER_UNIT = regex.compile(r"[（(]\s*+(?:单位\s*+[:：]?\s*+)?([^（）()]{1,12}+)[）)]|单位\s*+[:：]\s*+(\S{1,8}+)")
_CELL_NUMBER = regex.compile(r"\s*+[-−－+]?[0-9０-９][0-9０-９,.．]*+\s*+[%％‰]?\s*+")
_CONNECTORS = sorted(lx.RANGE_CONNECTORS, key=len, reverse=True)
_QUALS_BEFORE = sorted(lx.QUALIFIERS_BEFORE, key=len, reverse=True)
_QUALS_AFTER = sorted(lx.QUALIFIERS_AFTER, key=len, reverse=True)
_SPACES = " \t\u00a0\u3000"


def find_claims(text: str, header: tuple[str, ...] | None = None) -> list[Claim]:
    """Every numeric claim in ``text`` (a sentence, or any span of prose).

    ``header``: when ``text`` is a table row (cells separated by tabs), the cells of its table's
    header row; the column header names the cell and may carry its unit (支出资金（亿元）).

    >>> [(c.text, c.kind, int(c.value), c.subject) for c in find_claims('累计发放医疗救助资金3753.57万元，救助困难群众2824人')]
    [('3753.57万元', 'amount', 37535700, '医疗救助资金'), ('2824人', 'headcount', 2824, '困难群众')]
    >>> [(c.text, c.approx, c.qualifier, c.bound) for c in find_claims('累计投入8000余万元支持部队建设')]
    [('8000余万元', True, '余', 'at_least')]
    >>> find_claims('完成全市第六次换届选举，为18岁以下孤儿服务，电话010-68007379。')
    []
    """
    if header is not None:
        return _row_claims(text, header)
    return _text_claims(text)


# --------------------------------------------------------------------------------------------
# prose


def _text_claims(text: str, base_subject: str = "") -> list[Claim]:
    folded = numbers.fold(text)
    numerals = numbers.scan(folded)
    if not numerals:
        return []
    blocked = [m.span() for m in _BLOCKERS.finditer(folded, timeout=REGEX_TIMEOUT)]
    blocked += [m.span() for m in _SLOGAN.finditer(folded, timeout=REGEX_TIMEOUT) if _is_slogan(m.group(1))]
    blocked.sort()
    out: list[Claim] = []
    taken_until = -1
    previous: Claim | None = None
    block_at = 0
    for index, num in enumerate(numerals):
        while block_at < len(blocked) and blocked[block_at][1] <= num.start:
            block_at += 1
        if num.start < taken_until or (block_at < len(blocked) and blocked[block_at][0] <= num.start):
            continue
        if num.start > 0 and folded[num.start - 1] == "第":
            continue
        if numbers.is_fraction_part(folded, numerals, index):
            continue
        if num.lone and num.start > 0 and folded[num.start - 1] in lx.VAGUE_NUMERALS and num.value == num.multiplier:
            continue  # 上百万元: read as a vague numeral below
        found = _read_claim(folded, numerals, index)
        if found is None:
            continue
        start, end, kind, value, unit, currency, high, inside, rule = found
        start, end, qualifier, bound = _qualifiers(folded, start, end, inside)
        same_sentence = previous is not None and not _SENTENCE_END.search(folded, previous.end, start)
        floor = previous.end if same_sentence else 0
        if same_sentence and previous.subject and text.startswith(previous.subject, previous.end):
            floor += len(previous.subject)  # 704名孤儿发放…: the noun after a count is taken
        prev_subject = previous.subject if same_sentence else ""
        subject = find_subject(text, start, end, kind, floor, prev_subject) or base_subject
        claim = Claim(
            start=start,
            end=end,
            text=text[start:end],
            kind=kind,
            value=numbers.tidy(value),
            unit=unit,
            currency=currency,
            approx=bool(qualifier),
            qualifier=qualifier,
            bound=bound,
            high=numbers.tidy(high) if high is not None else None,
            subject=subject,
            rule=rule,
        )
        out.append(claim)
        previous = claim
        taken_until = end
    return _with_vague(text, folded, out)


def _with_vague(text: str, folded: str, claims: list[Claim]) -> list[Claim]:
    """Add claims made of a vague numeral and a unit (上百家企业, 数千人): approximate, the value
    being the multiplier."""
    if not any(word in folded for word in lx.VAGUE_NUMERALS):
        return claims
    taken = [(c.start, c.end) for c in claims]
    extra = []
    for m in _VAGUE.finditer(folded, timeout=REGEX_TIMEOUT):
        multiplier = numbers.multiplier_value(m.group(2))
        if multiplier is None or any(a < m.end() and m.start() < b for a, b in taken):
            continue
        unit = numbers.read_unit(folded, m.end())
        kind = CLAIM_KINDS.get(unit.kind)
        if kind not in ("amount", "headcount", "count", "quantity") or folded.startswith(lx.GRADE_SUFFIXES, unit.end):
            continue
        start, end = m.start(), unit.end
        subject = find_subject(text, start, end, kind, 0, "")
        extra.append(
            Claim(
                start=start,
                end=end,
                text=text[start:end],
                kind=kind,
                value=numbers.tidy(multiplier * unit.factor),
                unit=unit.unit,
                currency=unit.currency,
                approx=True,
                qualifier=m.group(1) if m.group(1) in lx.QUALIFIERS_BEFORE else m.group(1) + m.group(2),
                bound=lx.VAGUE_NUMERALS[m.group(1)],
                subject=subject,
                rule=f"{kind}:vague",
            )
        )
    return sorted(claims + extra, key=lambda c: c.start) if extra else claims


def _is_slogan(quoted: str) -> bool:
    """Short quoted text with Chinese numerals and no Arabic digit: a name, not a statement."""
    return _DIGIT.search(quoted) is None and _CN_DIGIT.search(quoted) is not None


def _read_claim(folded: str, numerals: list[Numeral], index: int):
    """(start, end, kind, value, unit, currency, high, inside qualifier, rule) or None."""
    num = numerals[index]
    prefix = numbers.percent_prefix(folded, num.start)
    if prefix is not None:
        return prefix[0], num.end, "percent", num.value * prefix[1], "%", "", None, "", "percent:prefix"
    ten = numbers.tenths_at(folded, num, num.end)
    if ten is not None:
        return num.start, ten[1], "percent", ten[0], "%", "", None, "", "percent:tenths"
    unit = numbers.read_unit(folded, num.end)
    ranged = _range(folded, numerals, index, unit)
    if ranged is not None:
        return ranged
    unit = _reread(folded, num, unit)
    kind = _claim_kind(folded, num, unit)
    if kind is None or folded.startswith(lx.GRADE_SUFFIXES, unit.end):
        return None
    start = num.start
    currency = unit.currency
    if kind == "amount":
        prefix_cur = numbers.currency_prefix(folded, num.start)
        if prefix_cur is not None:
            start = prefix_cur[0]
            if currency == "CNY":
                currency = prefix_cur[1]
    value = num.value * unit.factor + unit.extra
    return start, unit.end, kind, value, unit.unit, currency, None, unit.inside, f"{kind}:{unit.kind}"


def _reread(folded: str, num: Numeral, unit: numbers.Unit) -> numbers.Unit:
    """Units whose reading depends on context: 点 (a time, or index points: 下跌232.79点) and 块
    (money: 3块钱; a classifier before a noun: 3块集成电路)."""
    if unit.unit == "点" and unit.kind == "time":
        sentence = _SENTENCE_END.split(folded[max(0, num.start - 60) : num.start])[-1]
        has_decimals = "." in folded[num.start : num.end]
        if has_decimals or any(word in sentence for word in lx.INDEX_WORDS):
            return numbers.Unit("quantity", "点", unit.factor, "", unit.end, unit.inside)
    if unit.kind == "money" and folded[unit.end - 1 : unit.end] in ("块", "塊"):
        nxt = folded[unit.end : unit.end + 1]
        before_noun = bool(nxt) and nxt not in lx.MONEY_KUAI_AFTER and _HAN.match(nxt) is not None
        after_multiplier = folded[unit.end - 2 : unit.end - 1] in lx.BIG_UNITS and nxt not in ("钱", "錢")
        if before_noun or after_multiplier:
            return numbers.Unit("count", "块", unit.factor, "", unit.end, unit.inside)
    return unit


def _claim_kind(folded: str, num: Numeral, unit: numbers.Unit) -> str | None:
    kind = CLAIM_KINDS.get(unit.kind)
    if kind is None:
        return None
    if kind == "quantity" and unit.unit in lx.NON_CLAIM_QUANTITIES:
        return None
    lone_financial = num.lone and any(ch in lx.FINANCIAL for ch in folded[num.start : num.end])
    if lone_financial and kind not in ("amount", "quantity", "headcount"):
        return None  # 拾起, 登陆部队: a financial digit alone is a word character
    if kind == "amount" and unit.factor < 1 and num.lone:
        return None  # 五角大楼, 三毛: a lone numeral with only a subunit is too weak for a claim
    if kind in ("count", "headcount") and folded[num.start : num.end] in ("一", "壹"):
        surface = folded[num.end : num.end + 1]
        if surface in lx.ARTICLE_CLASSIFIERS:
            return None  # 开发出一款, 有一种: the article "a", not a count
    if kind == "count" and num.chinese and num.lone and unit.unit in lx.PHASE_CLASSIFIERS:
        return None  # 一期工程, 二期: a phase, not a count
    return kind


def _range(folded: str, numerals: list[Numeral], index: int, unit1: numbers.Unit):
    """3-5万元, 100至150元, 3%-5%: one claim with a low and a high end."""
    num = numerals[index]
    if index + 1 >= len(numerals):
        return None
    pos = unit1.end if unit1.kind else num.end
    if unit1.kind and unit1.kind not in ("money", "percent", "headcount", "count", "quantity"):
        return None
    while pos < len(folded) and folded[pos] in _SPACES:
        pos += 1
    connector = next((c for c in _CONNECTORS if folded.startswith(c, pos)), "")
    if not connector:
        return None
    second = numerals[index + 1]
    after = pos + len(connector)
    while after < len(folded) and folded[after] in _SPACES:
        after += 1
    if second.start != after:
        return None
    if connector in ("至", "到"):
        clause = _CLAUSE_BREAK.split(folded[max(0, num.start - 20) : num.start])[-1]
        if "从" in clause or "由" in clause:
            return None  # 从3%提高到5%: two values, not a range
    unit2 = numbers.read_unit(folded, second.end)
    kind = _claim_kind(folded, second, unit2)
    if kind is None or (unit1.kind and unit1.kind != unit2.kind):
        return None
    if unit1.kind:
        low = num.value * unit1.factor + unit1.extra
    else:
        low = num.value
        mantissa = second.value / second.multiplier if second.multiplier else second.value
        if num.multiplier == 1 and second.multiplier > 1 and num.value <= mantissa:
            low = num.value * second.multiplier  # 3-5万: the 万 applies to both
        low = low * unit2.factor
    high = second.value * unit2.factor + unit2.extra
    if high < low:
        return None
    currency = unit2.currency
    return num.start, unit2.end, kind, low, unit2.unit, currency, high, unit2.inside, f"{kind}:range"


def _qualifiers(folded: str, start: int, end: int, inside: str) -> tuple[int, int, str, str]:
    """Widen the span over qualifier words; return (start, end, qualifier text, bound)."""
    words: list[str] = []
    bounds: list[str] = []
    i = start
    while i > 0 and folded[i - 1] in _SPACES:
        i -= 1
    for word in _QUALS_BEFORE:
        if i >= len(word) and folded.startswith(word, i - len(word)):
            if word == "近" and i >= 2 and folded[i - 2] in lx.NOT_BEFORE_JIN:
                continue
            start = i - len(word)
            words.append(word)
            bounds.append(lx.QUALIFIERS_BEFORE[word])
            break
    if inside:
        words.append(inside)
        bounds.append(lx.QUALIFIERS_INSIDE[inside])
    for word in _QUALS_AFTER:
        if folded.startswith(word, end):
            end += len(word)
            words.append(word)
            bounds.append(lx.QUALIFIERS_AFTER[word])
            break
    directed = [b for b in bounds if b != "approximate"]
    bound = directed[-1] if directed else ("approximate" if bounds else "")
    return start, end, "+".join(words), bound


# --------------------------------------------------------------------------------------------
# table rows


def _row_claims(text: str, header: tuple[str, ...]) -> list[Claim]:
    """Claims of a table row: each cell named by its row label and column header, the header's
    unit applied to bare numbers (城市低保 / 支出资金（亿元）: 12.5 → 1250000000 元)."""
    cells = text.split("\t")
    offsets = []
    pos = 0
    for cell in cells:
        offsets.append(pos)
        pos += len(cell) + 1
    label = cells[0].strip()
    out: list[Claim] = []
    for col, (cell, base) in enumerate(zip(cells, offsets, strict=True)):
        if col == 0 and len(cells) > 1:
            continue
        head = header[col].strip() if col < len(header) else ""
        head_label, hint = _header_unit(head)
        name = "/".join(part for part in (label, head_label) if part)
        if _CELL_NUMBER.fullmatch(cell) and hint:
            claim = _cell_claim(cell, base, hint, name)
            if claim is not None:
                out.append(claim)
            continue
        for claim in _text_claims(cell, base_subject=name):
            subject = claim.subject if claim.subject and not _CELL_NUMBER.fullmatch(cell) else name
            out.append(_shift(claim, base, subject or name))
    return out


def _header_unit(head: str) -> tuple[str, str]:
    """(header without its unit note, the unit note): 支出资金（亿元） → (支出资金, 亿元)."""
    m = _HEADER_UNIT.search(head)
    if not m:
        return head, ""
    hint = (m.group(1) or m.group(2) or "").strip()
    return (head[: m.start()] + head[m.end() :]).strip(), hint


def _cell_claim(cell: str, base: int, hint: str, name: str) -> Claim | None:
    folded = numbers.fold(cell)
    nums = numbers.scan(folded)
    if len(nums) != 1:
        return None
    num = nums[0]
    tail = folded[num.end :].strip()
    if tail in ("%", "‰"):
        unit_text = tail
    else:
        unit_text = hint
    unit = numbers.read_unit(numbers.fold(unit_text), 0)
    kind = CLAIM_KINDS.get(unit.kind)
    if kind is None or (kind == "quantity" and unit.unit in lx.NON_CLAIM_QUANTITIES):
        return None
    start = num.start
    end = len(cell.rstrip())
    value = num.value * unit.factor
    return Claim(
        start=base + start,
        end=base + end,
        text=cell[start:end],
        kind=kind,
        value=numbers.tidy(value),
        unit=unit.unit,
        currency=unit.currency,
        subject=name,
        rule=f"{kind}:table",
    )


def _shift(claim: Claim, base: int, subject: str) -> Claim:
    return dataclasses.replace(claim, start=claim.start + base, end=claim.end + base, subject=subject)
