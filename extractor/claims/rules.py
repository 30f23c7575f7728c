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
(3-5万元), the subject it measures (:mod:`extractor.claims.subject`) and the id of the rule that fired.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

import regex

from ..records import Claim, Number
from ..text import CLAUSE_BREAKS, SENTENCE_MARKS
from . import lexicon as lx
from . import numbers
from .numbers import find_numbers
from .numerals import bounded
from .subject import find_subject
from .units import read_unit

_SENTENCE_END = regex.compile(f"[{regex.escape(SENTENCE_MARKS)}\n]")
_CLAUSE_BREAK = regex.compile(f"[{regex.escape(CLAUSE_BREAKS)}\n]")
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
_HEADER_UNIT = regex.compile(r"[（(]\s*+(?:单位\s*+[:：]?\s*+)?([^（）()]{1,12}+)[）)]|单位\s*+[:：]\s*+(\S{1,8}+)")
_CELL_NUMBER = regex.compile(r"\s*+[-−－+]?[0-9０-９][0-9０-９,.．]*+\s*+[%％‰]?\s*+")
_QUALS_BEFORE = sorted(lx.QUALIFIERS_BEFORE, key=len, reverse=True)
_QUALS_AFTER = sorted(lx.QUALIFIERS_AFTER, key=len, reverse=True)
# the same, longest first, by the character next to the number: the last one of a word before
# it, the first one of a word after it (only those can match there)
_QUALS_BEFORE_BY_LAST: dict[str, list[str]] = {}
for _w in _QUALS_BEFORE:
    _QUALS_BEFORE_BY_LAST.setdefault(_w[-1], []).append(_w)
_QUALS_AFTER_BY_FIRST: dict[str, list[str]] = {}
for _w in _QUALS_AFTER:
    _QUALS_AFTER_BY_FIRST.setdefault(_w[0], []).append(_w)
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
    return sentence_claims(text, header)


def sentence_claims(
    text: str, header: tuple[str, ...] | None = None, at: int = 0, paragraph: int = -1, sentence: int = -1
) -> list[Claim]:
    """:func:`find_claims` of a sentence that starts at offset ``at`` of its document: each claim
    made with its offsets re-based by ``at`` and its ``paragraph``, ``sentence`` and the sentence's
    span set (one record per claim, not a copy of it)."""
    span = (at, at + len(text))
    if header is not None:
        return _row_claims(text, header, at, paragraph, sentence, span)
    return _text_claims(text, "", at, paragraph, sentence, span=span)


# --------------------------------------------------------------------------------------------
# prose


def _text_claims(
    text: str,
    base_subject: str = "",
    at: int = 0,
    paragraph: int = -1,
    sentence: int = -1,
    named: str | None = None,
    span: tuple[int, int] | None = None,
) -> list[Claim]:
    """The claims of prose ``text``, offsets plus ``at``; ``named``: the subject every claim is
    given (read subjects still guide the claims after them); ``span``: the offsets of the sentence
    the text is part of (a table row's, for a cell), the text's own by default."""
    sentence_start, sentence_end = span if span is not None else (at, at + len(text))
    if not numbers.may_hold_numbers(text):
        return []
    folded = numbers.fold(text)
    found = numbers.numbers_in(text, folded)
    if not any(num.measure for num in found):
        return []  # each claim is read from a number with a measure (a range: its high end)
    bound = bounded(folded)
    blocked = [m.span() for m in _BLOCKERS.finditer(folded, **bound)]
    blocked += [m.span() for m in _SLOGAN.finditer(folded, **bound) if _is_slogan(m.group(1))]
    blocked.sort()
    out: list[Claim] = []
    previous = False  # whether a claim came before, where it ended and its subject
    prev_end, prev_subj = 0, ""
    prev_currency = ""  # the currency of the claim just before, when a name before it said so
    topic = ""  # the subject of the sentence's last quantity that is not a percent, else of its first claim
    block_at = 0
    index = 0
    while index < len(found):
        num = found[index]
        index += 1
        while block_at < len(blocked) and blocked[block_at][1] <= num.start:
            block_at += 1
        if block_at < len(blocked) and blocked[block_at][0] <= num.start:
            continue
        if not num.measure and (index >= len(found) or not found[index].measure):
            continue  # no claim: a range needs its high end measured, any other reading the number
        ranged = _range(folded, found, index - 1)
        zero = _zero_low(folded, num) if ranged is None else None
        if ranged is not None:
            read, index = ranged, index + 1
        elif zero is not None:
            read = zero
        elif num.measure and not _loose_range_end(folded, found, index - 1):
            read = _Read(num.start, _end(num), num.measure, num.value, num.unit, num.currency, num.high,
                         num.qualifier, num.bound, num.rule)  # fmt: skip
        else:
            continue
        if _touches_number(folded, read.start, read.end):
            continue  # 3000三个: numbers run together; the reading is uncertain
        start, end, qualifier, bound = _qualifiers(folded, read.start, read.end, read.qualifier, read.bound)
        # (a number right after a qualifier word begins another: 处5000元以上1万元以下罚款)
        if _touches_number(folded, start, end if end == read.end else read.end):
            continue
        same_sentence = previous and not _SENTENCE_END.search(folded, prev_end, start)
        floor = prev_end if same_sentence else 0
        if same_sentence and prev_subj and text.startswith(prev_subj, prev_end):
            floor += len(prev_subj)  # 704名孤儿发放…: the noun after a count is taken
        prev_subject = prev_subj if same_sentence else ""
        topic = topic if same_sentence else ""
        subject = find_subject(text, start, end, read.kind, floor, prev_subject, topic) or base_subject
        if read.kind not in ("percent", "percentage_point") or not topic:
            topic = subject
        claim = Claim(
            start=start + at,
            end=end + at,
            text=text[start:end],
            kind=read.kind,
            value=numbers.tidy(read.value),
            unit=read.unit,
            currency=_paired_currency(folded, read, prev_currency, prev_end, start) if previous else read.currency,
            approx=bool(qualifier or bound),
            qualifier=qualifier,
            bound=bound,
            high=numbers.tidy(read.high) if read.high is not None else None,
            subject=subject if named is None else named,
            rule=read.rule,
            paragraph=paragraph,
            sentence=sentence,
            sentence_start=sentence_start,
            sentence_end=sentence_end,
        )
        out.append(claim)
        previous, prev_end, prev_subj = True, end, subject
        prev_currency = out[-1].currency
    return out


class _Read(NamedTuple):
    """A claim as read from one number or a range of two, before qualifiers and subject."""

    start: int
    end: int
    kind: str
    value: Decimal
    unit: str
    currency: str
    high: Decimal | None
    qualifier: str
    bound: str
    rule: str


def _touches_number(folded: str, start: int, end: int) -> bool:
    """A span with a digit, a separator and a digit, or a Chinese numeral right outside it: it
    would start or end inside a longer number."""
    before = folded[start - 1] if start > 0 else ""
    after = folded[end] if end < len(folded) else ""
    if before.isdigit() or after.isdigit():
        return True
    if before in ".," and start > 1 and folded[start - 2].isdigit() and folded[start : start + 1].isdigit():
        return True
    if after == "." and folded[end + 1 : end + 2].isdigit():
        return True
    first, last = folded[start : start + 1], folded[end - 1 : end]
    return (before in _NUMERAL_SET and (first.isdigit() or first in _NUMERAL_SET)) or (
        after in _NUMERAL_SET and (last.isdigit() or last in _NUMERAL_SET)
    )


_NUMERAL_SET = frozenset(lx.NUMERAL_CHARS)


def _loose_range_end(folded: str, found: list[Number], index: int) -> bool:
    """A number that a range connector joins to a numeral that makes no claim of its own: one end
    of a range whose other end could not be read (百分之五至十, where 十 has no unit; 提高三至五个
    百分点, where 高三 is a word), so its value alone would misstate the range. Two claims on either
    side (从100元到150元, 增长35.7%至35.9亿元) are two values."""
    num = found[index]
    i = num.start
    while i > 0 and folded[i - 1] in _SPACES:
        i -= 1
    if i >= 2 and folded[i - 1] in _CONNECTORS and (folded[i - 2].isdigit() or folded[i - 2] in _NUMERAL_SET):
        prev = found[index - 1] if index > 0 else None
        if (prev is None or _end(prev) != i - 1 or not _stands_alone(folded, prev)) and not _from_to(
            folded, folded[i - 1], i - 2
        ):
            return True  # (从零到100万人: a start and an end, as _from_to says)
    j = _end(num)
    while j < len(folded) and folded[j] in _SPACES:
        j += 1
    if j + 1 < len(folded) and folded[j] in _CONNECTORS and (folded[j + 1].isdigit() or folded[j + 1] in _NUMERAL_SET):
        nxt = found[index + 1] if index + 1 < len(found) else None
        return (nxt is None or nxt.start != j + 1 or not _stands_alone(folded, nxt)) and not _from_to(
            folded, folded[j], num.start
        )
    return False


def _stands_alone(folded: str, num: Number) -> bool:
    """A number read with a unit of its own, a claim or a time (35.9亿元 in 增长35.7%至35.9亿元, 6月末
    in 增长12.5%至6月末): the number beside it is another value, no end of one range."""
    return bool(num.measure or num.unit) or read_unit(folded, num.end).kind == "time"


_CONNECTORS = frozenset(lx.RANGE_CONNECTORS)


def _end(num: Number) -> int:
    """Where a number's claim ends: after its unit, also a classifier its text leaves out."""
    return num.unit_end if num.unit_end >= 0 else num.end


def _is_slogan(quoted: str) -> bool:
    """Short quoted text with Chinese numerals and no Arabic digit: a name, not a statement."""
    return _DIGIT.search(quoted) is None and _CN_DIGIT.search(quoted) is not None


def _range(folded: str, found: list[Number], index: int) -> _Read | None:
    """3-5万元, 100至150元, 3%-5%, 4000点-5000点: one claim with a low and a high end, joined from
    two numbers. The first may be bare (3-5万元: the 万 applies to both)."""
    if index + 1 >= len(found):
        return None
    low_n, high_n = found[index], found[index + 1]
    if not high_n.measure or high_n.high is not None:
        return None
    gap = folded[_end(low_n) : high_n.start].strip(_SPACES)
    if gap not in lx.RANGE_CONNECTORS:
        return None
    # a bare low end: no unit, or one read from its context alone (1万-2万人次: the 万 before the
    # dash is no headcount of its own)
    bare = (not low_n.measure and not low_n.unit and low_n.kind == "number" and low_n.high is None) or (
        low_n.rule in _CONTEXT_RULES and low_n.value == (low_n.base or 0) * low_n.factor
    )
    if not bare and (low_n.measure != high_n.measure or low_n.unit != high_n.unit):
        return None
    if _from_to(folded, gap, low_n.start):
        return None  # 从3%提高到5%: two values, not a range
    if bare:
        low = low_n.base if low_n.rule in _CONTEXT_RULES and low_n.base is not None else low_n.value
        base = high_n.base if high_n.base is not None else high_n.value
        mantissa = base / high_n.multiplier if high_n.multiplier else base
        if low_n.multiplier == 1 and high_n.multiplier > 1 and low <= mantissa:
            low = low * high_n.multiplier  # 3-5万: the 万 applies to both
        elif high_n.multiplier >= _MAN and low_n.multiplier < _MAN:
            # 二十到三十万, 三百到五百万: the low end has only 十/百/千, the high end's 万 or 亿
            # applies to it when it is no more than the high end's figure before them
            big = _MAN ** (high_n.multiplier.adjusted() // 4)  # 十万 → 万, 千亿 → 亿, 万亿 → 万亿
            if low <= base / big:
                low = low * big
        if high_n.rule == "percent:tenths" and low_n.multiplier == 1 and low <= 10:
            low = low * 10  # 一至三成, 7-8折: the low end is in tenths too
        low = low * high_n.factor
    else:
        low = low_n.value
    if high_n.value < low:
        return None
    return _Read(
        low_n.start, _end(high_n), high_n.measure, low, high_n.unit, _range_currency(low_n, high_n), high_n.value,
        high_n.qualifier, high_n.bound, f"{high_n.measure}:range",
    )  # fmt: skip


#: Rules that give a bare number its unit from the words around it (投资3万, 游客1万): as the low
#: end of a range such a number takes the high end's unit.
_CONTEXT_RULES = frozenset({"amount:bare", "headcount:bare"})
_MAN = Decimal(10**4)


def _paired_currency(folded: str, read: _Read, prev_currency: str, prev_end: int, start: int) -> str:
    """The currency of an amount in 元 that follows another at once, joined only by a connector
    (处新臺幣三千元以上一萬五千元以下: both ends in TWD): the one named before the first."""
    if read.currency != "CNY" or prev_currency in ("", "CNY") or read.unit != "元":
        return read.currency
    gap = folded[prev_end:start].strip(_SPACES)
    return prev_currency if gap in _PAIR_JOINS else read.currency


#: What may stand between two amounts of one currency named once (以上…以下, 至, 、).
_PAIR_JOINS = frozenset(("", "、", "和", "或", "及", *lx.RANGE_CONNECTORS))


def _range_currency(low: Number, high: Number) -> str:
    """A range's currency: the one its low end names before it (新台币1万元至3万元), else the high
    end's."""
    if high.currency == "CNY" and low.currency not in ("", "CNY"):
        return low.currency
    return high.currency


def _zero_low(folded: str, num: Number) -> _Read | None:
    """零至1%, 〇到5人: a range whose low end is the word for zero, which is no numeral alone
    (零件, 零售); without it the high end would read as a level."""
    if not num.measure or num.high is not None:
        return None
    i = num.start
    while i > 0 and folded[i - 1] in _SPACES:
        i -= 1
    gap = folded[i - 1] if i > 0 and folded[i - 1] in lx.RANGE_CONNECTORS else ""  # one character each
    at = i - len(gap)
    if not gap or at < 1 or folded[at - 1] not in _ZEROS or (at >= 2 and folded[at - 2] in lx.NUMERAL_CHARS):
        return None
    if _from_to(folded, gap, at - 1):
        return None  # 从零到100万: a growth from nothing, two values
    return _Read(at - 1, _end(num), num.measure, Decimal(0), num.unit, num.currency, num.value,
                 num.qualifier, num.bound, f"{num.measure}:range")  # fmt: skip


def _from_to(folded: str, gap: str, low_start: int) -> bool:
    """至/到 after 从 or 由 in the same clause joins a start and an end (从3%提高到5%), not a range."""
    if gap not in ("至", "到"):
        return False
    clause = _CLAUSE_BREAK.split(folded[max(0, low_start - 20) : low_start])[-1]
    return "从" in clause or "由" in clause


#: The words for zero that open a range (零至1%).
_ZEROS = "零〇"


def _qualifiers(folded: str, start: int, end: int, inside: str, inside_bound: str) -> tuple[int, int, str, str]:
    """Widen the span over qualifier words; return (start, end, qualifier text, bound). ``inside``
    is what the number holds itself (余, 多, 上百), with its bound."""
    words: list[str] = []
    bounds: list[str] = []
    i = start
    while i > 0 and folded[i - 1] in _SPACES:
        i -= 1
    for word in _QUALS_BEFORE_BY_LAST.get(folded[i - 1], ()) if i > 0 else ():
        if i >= len(word) and folded.startswith(word, i - len(word)):
            if word in lx.QUALIFIER_NOT_AFTER and i >= 2 and folded[i - 2] in lx.QUALIFIER_NOT_AFTER[word]:
                continue
            start = i - len(word)
            words.append(word)
            bounds.append(lx.QUALIFIERS_BEFORE[word])
            break
    if inside:
        words.append(inside)
    if inside_bound:
        bounds.append(inside_bound)
    for word in _QUALS_AFTER_BY_FIRST.get(folded[end : end + 1], ()):
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


def _row_claims(
    text: str,
    header: tuple[str, ...],
    at: int = 0,
    paragraph: int = -1,
    sentence: int = -1,
    span: tuple[int, int] | None = None,
) -> list[Claim]:
    """Claims of a table row: each cell named by its row label and column header, the header's
    unit applied to bare numbers (城市低保 / 支出资金（亿元）: 12.5 → 1250000000 元)."""
    cells = text.split("\t")
    offsets = []
    pos = 0
    for cell in cells:
        offsets.append(pos)
        pos += len(cell) + 1
    label = cells[0].strip()
    span = span or (at, at + len(text))  # the row is the sentence of every claim in its cells
    unit_col = _unit_column(header)
    row_unit = _row_unit(cells[unit_col]) if 0 < unit_col < len(cells) else ""
    out: list[Claim] = []
    for col, (cell, base) in enumerate(zip(cells, offsets, strict=True)):
        if (col == 0 and len(cells) > 1) or (col == unit_col and row_unit):
            continue
        head = header[col].strip() if col < len(header) else ""
        head_label, hint = _header_unit(head)
        if not hint and row_unit and not any(mark in head for mark in _NOT_ROW_UNIT):
            hint = row_unit  # 粮食产量 | 万吨 | 1234.5: the row's unit, in its column of units
        name = "/".join(part for part in (label, head_label) if part)
        bare = _CELL_NUMBER.fullmatch(cell) is not None
        if bare and hint:
            claim = _cell_claim(cell, at + base, hint, name, paragraph, sentence, span)
            if claim is not None:
                out.append(claim)
            continue
        # a bare number is named by its row and column; a cell of prose names its own subjects
        # (read with the row and column's name when it names none)
        out.extend(_text_claims(cell, name, at + base, paragraph, sentence, name if bare else None, span))
    return out


def _unit_column(header: tuple[str, ...]) -> int:
    """The column whose header names it a column of units (指标 | 单位 | 2023年: a statistical
    table gives each row's unit there), or -1."""
    for col, head in enumerate(header):
        if "".join(head.split()) in lx.UNIT_COLUMN_HEADERS:
            return col
    return -1


def _row_unit(cell: str) -> str:
    """A unit-column cell that is a unit (万吨, 亿元, 万人, %): a number written before it reads as
    one number with it; '' for anything else (a note, a blank)."""
    unit = cell.strip()
    if not unit or len(unit) > _ROW_UNIT_CHARS:
        return ""
    found = find_numbers("1" + unit)
    return unit if len(found) == 1 and found[0].end == len(unit) + 1 and found[0].measure else ""


_ROW_UNIT_CHARS = 8
#: Headers whose column does not take the row's unit: rates and changes, and rankings (全省位次).
_NOT_ROW_UNIT = (*lx.RATE_HEADER_MARKS, *lx.CHANGE_MORPHEMES, *lx.RANK_WORDS)


def _header_unit(head: str) -> tuple[str, str]:
    """(header without its unit note, the unit note): 支出资金（亿元） → (支出资金, 亿元)."""
    m = _HEADER_UNIT.search(head)
    if not m:
        return head, ""
    hint = (m.group(1) or m.group(2) or "").strip()
    return (head[: m.start()] + head[m.end() :]).strip(), hint


def _cell_claim(
    cell: str,
    base: int,
    hint: str,
    name: str,
    paragraph: int = -1,
    sentence: int = -1,
    span: tuple[int, int] = (-1, -1),
) -> Claim | None:
    """A bare number in a cell, read with the unit its column header names (12.5 under 支出资金（亿元）
    reads 12.5亿元): the cell's text and the header's unit are read as one number."""
    stripped = cell.strip()
    lead = len(cell) - len(cell.lstrip())
    read = stripped if stripped.endswith(("%", "％", "‰")) else stripped + hint
    found = find_numbers(read)
    if len(found) != 1 or found[0].start != 0 or found[0].end < len(stripped) or not found[0].measure:
        return None
    num = found[0]
    return Claim(
        start=base + lead,
        end=base + lead + len(stripped),
        text=stripped,
        kind=num.measure,
        value=num.value,
        unit=num.unit,
        currency=num.currency,
        subject=name,
        rule=f"{num.measure}:table",
        paragraph=paragraph,
        sentence=sentence,
        sentence_start=span[0],
        sentence_end=span[1],
    )
