"""Stage 6, the period: which time each claim's number refers to, as the body writes it, and the
dates that time pins.

:class:`PeriodIndex` reads a body's time expressions once (:data:`TIME_EXPRESSION`, a grammar of
years, months, days, parts of them, spans, windows, weeks, clock times), the time that leads each
sentence, and the times 分别 pairs with a list of figures; :meth:`PeriodIndex.period` then gives a
claim's period and :meth:`PeriodIndex.dates` its ISO dates (:func:`resolve_period`).
:mod:`extractor.claims.meaning` calls it for each claim, on the body with traditional characters
folded, so that offsets stay those of the body.
"""

from __future__ import annotations

import bisect
import calendar
import dataclasses
import datetime as dt
import functools
from typing import NamedTuple

import regex

from ..records import Claim, Sentence
from . import lexicon as lx
from .numerals import bounded, parse_numeral

# --------------------------------------------------------------------------------------------
# time expressions

_CN = "〇零一二三四五六七八九十"
_YEAR_ABS = rf"(?:(?:19|20)[0-9]{{2}}|[一二][{_CN}]{{3}})年"
#: Years named relative to the page's publication date, with their offset.
RELATIVE_YEARS = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "上一年": -1, "前年": -2, "明年": 1}
_YEAR_REL = "|".join(sorted(RELATIVE_YEARS, key=len, reverse=True))
_YEAR = rf"(?:{_YEAR_ABS}(?:度)?|(?:{_YEAR_REL})(?:度)?)"
_MON = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_DAY = r"(?:3[01]|[12][0-9]|0?[1-9]|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_DASH = r"\s*+[-—–~～至到]\s*+"
_MONTHS = rf"(?:{_MON}(?:月份?)?{_DASH}{_MON}月份?|{_MON}月份?|前(?:{_MON}|两)个?月|(?:本|上|当|下)个?月)"
#: Words after N日 that make it a measure, not a day: 7日年化收益率, 5日均线, 5日元, 7日内.
NOT_DAY_AFTER = ["年化", "均", "元", "线", "内", "游"]
_DAY_MARK = "日(?!" + "|".join(NOT_DAY_AFTER) + ")"
_DAYS = rf"(?:{_DAY}(?:日|号)?{_DASH}{_DAY}(?:{_DAY_MARK}|号)|{_DAY}{_DAY_MARK})"
#: A month and day written with a dot, closed by 日 (5.17日, 5.18-5.19日, 5.17-19日): without 日
#: the same digits are a decimal.
_DOTTED = rf"(?:(?:1[0-2]|0?[1-9])[.．](?:3[01]|[12][0-9]|0?[1-9])(?:{_DASH}(?:(?:1[0-2]|0?[1-9])[.．])?(?:3[01]|[12][0-9]|0?[1-9]))?{_DAY_MARK})"
#: Parts of a year or month that a period may name.
PERIOD_PARTS = [
    "上半年",
    "下半年",
    "前三季度",
    "前两季度",
    "全年",
    "年初",
    "年末",
    "年底",
    "月初",
    "月末",
    "月底",
    "上旬",
    "中旬",
    "下旬",
    "单月",
    "当月",
    "同期",
    "一季度",
    "二季度",
    "三季度",
    "四季度",
    "第一季度",
    "第二季度",
    "第三季度",
    "第四季度",
    "1季度",
    "2季度",
    "3季度",
    "4季度",
    "Q1",
    "Q2",
    "Q3",
    "Q4",
]
_PARTS = "|".join(sorted(PERIOD_PARTS, key=len, reverse=True))
#: Days named relative to the page's publication date, with their offset. 当天 and 当日 refer to
#: a day the text named before: alone they are no period (the nearest time before them is), after
#: a date they are part of it (6月30日当天, a part of :data:`DAY_PARTS`).
RELATIVE_DAYS = {"今天": 0, "今日": 0, "昨天": -1, "昨日": -1, "前天": -2, "明天": 1, "明日": 1}
_DAY_REL = "|".join(sorted(RELATIVE_DAYS, key=len, reverse=True))
#: Parts of a day or a trading session after a day (周五早盘, 昨天盘中, 7月3日下午).
DAY_PARTS = [
    "当天",
    "当日",
    "收盘时",
    "收盘",
    "早盘",
    "午盘",
    "尾盘",
    "盘中",
    "盘初",
    "上午",
    "下午",
    "中午",
    "早间",
    "晚间",
    "凌晨",
    "晚上",
    "傍晚",
]
#: Not possessive: 昨天收盘38.67元 is 昨天 and a verb (closed at), the day part given back.
_DAY_PART = "(?:" + "|".join(sorted(DAY_PARTS, key=len, reverse=True)) + ")?"
_WEEKS = r"(?:(?:本|上|下|这)?周[一二三四五六日末]|本周|上周|下周|前一周|当周|周内)"
#: A window counted back or forward from the time of writing (未来5年, 最近一个月, 此后三个交易日).
_COUNT = r"(?:[0-9]{1,2}|[一二三四五六七八九十两]{1,3})"
_WINDOWS = (
    rf"(?:(?:未来|最近|过去|此后|今后|近|短短的?|连续){_COUNT}个?(?:年|月|周|天|日|交易日|季度)(?:时间|内|来|以来)?+"
    # a span counted up to the time of writing: 3年来, 20天内, 12个交易日 (a trading-day count is
    # always a span: see tests/cases/meaning.json)
    rf"|{_COUNT}个?(?:年|月|周|天|季度)(?:来|以来|内)|{_COUNT}个交易日(?:内|来|以来)?+|{_COUNT}周(?=累计|内|来)"
    r")"
)
#: Dates in parentheses that pin the time before them: 本周(6.29-7.03).
_PINNED = r"(?:[（(][0-9.．\-—–~～至月日/ ]{3,20}+[）)])?+"
_DAY_LIST = rf"{_DAYS}(?:、{_DAY}(?:{_DAY_MARK}|号))*+"  # 7月1日、2日
_EDGE = r"(?:[初末底]|中(?!央|国|间|心|期|旬))?"  # 2013年底, 2007年末国债 (but not 中央, 中国, 6月中旬)
#: Time zones named before a date or a clock time (北京时间6月24日12时55分, 香港时间9：46).
TIME_ZONES = ["北京时间", "香港时间", "当地时间", "美东时间", "东京时间", "伦敦时间", "格林尼治时间", "世界时"]
_ZONE = "(?:" + "|".join(sorted(TIME_ZONES, key=len, reverse=True)) + ")?+"
_HOUR = r"(?:2[0-3]|[01]?[0-9])"
#: A clock time after a day or a part of one (18日14时14分, 下午3时); alone it needs its minutes
#: (12时48分), or a zone before it (北京时间9：45): a bare 3时 or 9:45 may be a duration or a score.
_CLOCK = rf"(?:{_HOUR}时(?:[0-5]?[0-9]分)?+)?+"
_CLOCK_ALONE = rf"(?:{_HOUR}时[0-5]?[0-9]分|(?<=时间){_HOUR}[:：][0-5][0-9](?![0-9]))"
_POINT = (
    rf"(?:{_ZONE}(?:(?:{_YEAR}{_EDGE}(?:的(?={_PARTS}|{_MONTHS}))?+(?:{_MONTHS}{_EDGE}(?:{_DAY_LIST})?)?(?:{_PARTS})?"
    rf"|{_DOTTED}|{_MONTHS}{_EDGE}(?:{_DAY_LIST})?(?:{_PARTS})?|{_DAY_LIST}|(?:{_PARTS})|{_WEEKS}|{_DAY_REL}|{_WINDOWS})"
    rf"{_DAY_PART}{_CLOCK}{_PINNED}|{_CLOCK_ALONE}))"
)
_PREFIX = r"(?:截至|截止到|截止|到|至|自|从)"
#: What may follow a time to make it a span: 以来, 期间 (also after the event it spans: 2017年到2021年
#: 运营期间), 止 closing 到/截至 (到周五收盘时止).
_SUFFIX = r"(?:以来|至今|\p{Han}{0,4}?期间|以后|之前|开始|起|止)"
# How a time expression can open, beyond its first character (a try of the whole grammar where
# none of these holds costs about as much as the scan of a sentence): a numeral opens one only as
# the one to four characters of a year, month, day, hour, quarter or count, before a unit of time,
# a dash, a space, a dot (5.17日) or a colon (9：45); the characters of _PART_STARTS open nothing but
# a word of PERIOD_PARTS (中旬, 年底, 全年, 第一季度), those of _ZONE_STARTS only a TIME_ZONES name.
_NUMERAL_STARTS = f"0-9{_CN}两"
_NUMERAL_OPENING = rf"[{_NUMERAL_STARTS}]{{1,4}}+[年月日号个周天季时.．:：\s\-—–~～至到]"
_PART_STARTS = "中年月全单同第Q"
_ZONE_STARTS = "格北香美东伦世"
_OPENING_WORDS = "|".join(
    sorted(
        (regex.escape(w) for w in (*PERIOD_PARTS, *TIME_ZONES) if w[0] in _PART_STARTS + _ZONE_STARTS),
        key=len,
        reverse=True,
    )
)
TIME_EXPRESSION = regex.compile(
    # the first lookahead names every character a time expression can start with, so that the scan
    # passes over other characters at once; the second how some of them open one
    rf"(?=[0-9{_CN}两截到至自从今去前明上本当下中全年月单同第Q周未最过此近昨次短连北香美东伦格世])"
    rf"(?=[^{_NUMERAL_STARTS}{_PART_STARTS}{_ZONE_STARTS}]|{_NUMERAL_OPENING}|{_OPENING_WORDS})"
    rf"(?<![0-9A-Za-z.．]){_PREFIX}?+(?:{_POINT})(?:{_DASH}{_POINT})?+{_SUFFIX}?+(?![0-9])",
    regex.V1,
)
#: Words that are times but name no period of their own.
VAGUE_TIMES = frozenset(["近年来", "当前", "目前", "现在", "近期", "日前", "近日", "此前", "以前", "过去"])


class _Time(NamedTuple):
    """A time expression found in a body: its span and text."""

    start: int
    end: int
    text: str


# --------------------------------------------------------------------------------------------
# period


def _times(folded: str, start: int, end: int) -> list[_Time]:
    out = []
    for m in TIME_EXPRESSION.finditer(folded, start, end, **bounded(end - start)):
        if _is_baseline_time(folded, m.start(), m.end()) or folded.startswith(PLAN_NOUNS, m.end()):
            continue  # 比去年; 完成全年任务的85%: the year names the plan, not the figure's period
        start, stop, text = m.start(), m.end(), m.group()
        if text.startswith(("从", "自")) and not _SPAN_END.search(text):
            since = _SINCE_LATER.match(folded, stop, min(len(folded), stop + SINCE_REACH))
            if since:  # 自6月12日沪指见到5178.19点的高点以来: the span, its event left out;
                out.append(_Time(start + 1, stop, text[1:]))  # the figures inside it are of the day
                stop, text = since.end(), text + since.group(1)
            elif folded.startswith("的", stop) or not folded[stop : stop + 1].strip():
                start, text = start + 1, text[1:]  # 从2013年的40.4%: 从 governs the figure, not the time
        out.append(_Time(start, stop, text))
    out.sort(key=lambda t: t.end)
    return out


#: How far after a 自/从 time the 以来 that closes its span may stand (自6月12日沪指见到5178.19点的
#: 高点以来), within its clause.
SINCE_REACH = 30
_SINCE_LATER = regex.compile(rf"[^，,。；;！？!?、：:]{{1,{SINCE_REACH}}}?(以来|至今)")


#: Nouns of a plan or target that a time before them names (全年任务, 年度目标, 全年计划): the
#: time is the plan's, not the period of the figure measured against it (完成全年任务的85%).
PLAN_NOUNS = ("任务", "目标", "计划", "预算", "指标")


#: A 从/自 time is a span's start only when the span is written out: 从6月份开始, 自6月30日以来,
#: 从6月15日至19日.
_SPAN_END = regex.compile(rf"{_SUFFIX}$|[-—–~～至到]")


def _is_baseline_time(folded: str, at: int, end: int) -> bool:
    """比去年 / 较上年同期 / 与2019年相比: a time that is what a change is measured against. After
    与/和/同/跟 only when 相比 or 比较 closes the pair (2012年和2013年分别是… is a list of times)."""
    before = folded[max(0, at - 2) : at]
    if before.endswith(("比", "较", "较之", "相比", "比起")):
        return True
    if before.endswith(lx.PAIRED_OPENERS):
        return any(
            folded.startswith(c, i) for i in range(end, min(len(folded), end + PAIR_REACH)) for c in lx.PAIRED_CLOSERS
        )
    return False


#: How far after the time of 与…相比 its closer may stand (与2019年同期相比).
PAIR_REACH = 8


_VAGUE = regex.compile("|".join(sorted(map(regex.escape, VAGUE_TIMES), key=len, reverse=True)))


@dataclasses.dataclass(frozen=True, slots=True)
class _Times:
    """The time expressions and vague time words of a body (or of the paragraphs given), found in
    one scan of each."""

    times: list[_Time]
    ends: list[int]
    vague: list[int]
    dated: list[int]
    """For each time, the index of the last time up to it that names a year (-1 when none)."""
    years: list[int | None]
    """The year each time names (今年 read against the publication date), None when it names none."""

    @classmethod
    def of(cls, folded: str, published: dt.date | None = None, spans: list[tuple[int, int]] | None = None) -> _Times:
        """The times of ``folded``, or only of the ``spans`` (start, end) given: the paragraphs that
        hold claims, the only text a claim's period is read from."""
        spans = spans if spans is not None else [(0, len(folded))]
        times: list[_Time] = []
        vague: list[int] = []
        for start, end in spans:
            bound = bounded(end - start)
            titles = [m.span() for m in _TITLE.finditer(folded, start, end, **bound)]
            found = _times(folded, start, end)
            times += [t for t in found if not _inside(titles, t.start)] if titles else found
            vague += [m.end() for m in _VAGUE.finditer(folded, start, end, **bound)]
        years = [_year_of(t.text, published) for t in times]
        dated, last = [], -1
        for i, year in enumerate(years):
            last = i if year is not None else last
            dated.append(last)
        return cls(times, [t.end for t in times], vague, dated, years)


#: A title in book-title marks (《2019年中国共享充电行业发展分析简报》): a time inside it is part
#: of the name, not the period of a figure after it.
_TITLE = regex.compile(r"《[^《》\n]{1,80}+》")


def _inside(spans: list[tuple[int, int]], at: int) -> bool:
    i = bisect.bisect_right(spans, (at, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= at < spans[i][1]


def _period(index: _Times, floor: int, start: int) -> str | None:
    """The time expression nearest before ``start`` in its sentence (which starts at ``floor``);
    None when a vague time (目前, 当前) is nearer: the number is then of the time of writing, not
    of the paragraph's time."""
    i = bisect.bisect_right(index.ends, start) - 1
    time = index.times[i] if i >= 0 and index.times[i].start >= floor else None
    j = bisect.bisect_right(index.vague, start) - 1
    vague = index.vague[j] if j >= 0 and index.vague[j] > floor else -1
    if vague >= 0 and (time is None or vague > time.end):
        return None
    return time.text if time else ""


#: The word that pairs a list of times with a list of figures in order (2012年和2013年分别是
#: 10.60%和9.33%; 2016年-2018年的营业收入分别为6066万元、2.61亿元、5.42亿元).
RESPECTIVELY = "分别"
#: What may join the times of a list (2012年和2013年, 2021年、2022年), and the figures of one.
TIME_LIST_JOINERS = frozenset(["和", "、", "及", "与", "以及"])
_FIGURE_JOINERS = regex.compile(r"[\s、，,和及与]*+(?:以及)?+[\s、，,]*+")
#: The longest run of words between 分别 and the first figure (分别为, 分别增长了, 分别达到).
RESPECTIVELY_REACH = 6
#: The longest run between the times and the 分别 that distributes them (2016年至2018年间，龙湖的
#: 营业支出分别为).
RESPECTIVELY_TIME_REACH = 30
_RESPECTIVELY = regex.compile(RESPECTIVELY)
_YEAR_SPAN = regex.compile(r"((?:19|20)[0-9]{2})年?\s*+[-—–~～至到]\s*+((?:19|20)[0-9]{2})年(?:间|期间)?+")


def _respective_periods(
    folded: str, index: _Times, by_index: dict[tuple[int, int], Sentence], claims: tuple[Claim, ...]
) -> dict[int, str]:
    """The period of each figure in a list that 分别 pairs with a list of times, by its position in
    ``claims``: the i-th figure takes the i-th time (a span of years counts as its years), when
    the two lists are the same length, the figures follow 分别 as one list, and nothing between
    the times and 分别 is itself a list (甲、乙分别 pairs the figures with 甲 and 乙). A figure that a
    list of separate times leaves unpaired gets no period ("") rather than the list's last time."""
    marks = [m.start() for m in _RESPECTIVELY.finditer(folded)]  # found once: a page may be one long sentence
    if not marks:
        return {}
    groups: dict[tuple[int, int], list[int]] = {}
    for i, claim in enumerate(claims):
        s = by_index.get((claim.paragraph, claim.sentence))
        if s is None:
            continue
        j = bisect.bisect_right(marks, claim.start - len(RESPECTIVELY)) - 1
        if j >= 0 and marks[j] >= s.start:
            groups.setdefault((s.start, marks[j]), []).append(i)
    out: dict[int, str] = {}
    for (floor, at), members in groups.items():
        first = claims[members[0]]
        lead = folded[at + len(RESPECTIVELY) : first.start]
        if len(lead) > RESPECTIVELY_REACH or any(ch.isdigit() for ch in lead):
            continue
        listed = 1  # the figures that follow 分别 as one list; later ones in the sentence are not paired
        while listed < len(members) and _FIGURE_JOINERS.fullmatch(
            folded, claims[members[listed - 1]].end, claims[members[listed]].start
        ):
            listed += 1
        rest, members = members[listed:], members[:listed]
        labels, listed_times = _time_list(folded, index, floor, at)
        if len(labels) == len(members) > 1:
            out.update(zip(members, labels, strict=True))
        if listed_times:
            # a list of separate times (2022年和2023年): a figure it does not pair, in the list or
            # after it in the sentence under the same times, is of one of them, which is not known
            unpaired = members if len(labels) != len(members) else []
            last_end = listed_times[-1].end
            for i in unpaired + rest:
                near = bisect.bisect_right(index.ends, claims[i].start) - 1
                if near >= 0 and index.times[near].end == last_end:
                    out[i] = ""
    return out


def _time_list(folded: str, index: _Times, floor: int, at: int) -> tuple[list[str], list[_Time]]:
    """The times that the 分别 at ``at`` distributes, as labels: the nearest time before it in its
    sentence and the times joined to it (2012年和2013年), or the years of a span (2016年-2018年);
    and, for a list of separate times, those times (empty for a span or no list)."""
    i = bisect.bisect_right(index.ends, at) - 1
    if i < 0 or index.times[i].start < floor:
        return [], []
    last = index.times[i]
    if at - last.end > RESPECTIVELY_TIME_REACH:
        return [], []  # too far to be what 分别 distributes (and a long sentence is not read again)
    between = folded[last.end : at]
    if not TIME_LIST_JOINERS.isdisjoint(between) or any(ch.isdigit() for ch in between):
        return [], []  # 2016年，甲、乙分别…: the figures go with 甲 and 乙; or a figure stands between
    span = _YEAR_SPAN.fullmatch(last.text)
    if span:
        a, b = int(span.group(1)), int(span.group(2))
        return ([f"{y}年" for y in range(a, b + 1)] if 1 < b - a + 1 <= 12 else []), []
    chain = [last]
    while i > 0:
        prev = index.times[i - 1]
        if prev.start < floor or folded[prev.end : chain[0].start] not in TIME_LIST_JOINERS:
            break
        chain.insert(0, prev)
        i -= 1
    return [t.text for t in chain], (chain if len(chain) > 1 else [])


def _topic_times(folded: str, sentences: list[Sentence]) -> dict[tuple[int, int], str]:
    """For each sentence, the time that leads it or the nearest sentence before it in its
    paragraph (2023年，全市…。其中，…): a time at the head of a sentence is its topic, and the
    figures after it fall under it until another sentence leads with a time of its own."""
    topics: dict[tuple[int, int], str] = {}
    current, paragraph = "", -1
    for s in sentences:
        if s.paragraph != paragraph or _opens_speech(folded, s):
            current, paragraph = "", s.paragraph  # a new paragraph, or someone's words quoted
        head = folded[s.start : min(s.end, s.start + 30)]
        skip = _TOPIC_OPENER.match(head)
        offset = skip.end() if skip else 0
        cited = _attribution_end(folded, s.start + offset, s.end)
        m = TIME_EXPRESSION.match(folded, cited or s.start + offset, s.end, **bounded(s.end - s.start)) or _clause_time(
            folded, s
        )
        if m and m.group() not in VAGUE_TIMES:
            after = folded[m.end() : m.end() + 1]
            if cited or after in "，,、" or after == "" or folded.startswith(("以来", "全", "我", "本"), m.end()):
                current = m.group()
        topics[(s.paragraph, s.index)] = current
        if current and _VAGUE.search(folded, m.end() if m else s.start, s.end):
            current = ""  # …去年…达到8461.98亿元，目前存量接近4万亿。这其中…: the time of writing
    return topics


#: Quotation marks, opening and closing.
QUOTES = {"“": "”", "「": "」", "『": "』", '"': '"'}
_SPEECH_MARKS = frozenset("，,。！？!?；;")


def _opens_speech(folded: str, s: Sentence) -> bool:
    """Whether the sentence opens with someone's words quoted (“我们最近正好在发行新基金，…): they
    speak in a time of their own, not under the paragraph's. A quoted name (“赴藏义诊林芝拉萨行”大型
    义诊活动) has no clause marks inside its quotes."""
    close = QUOTES.get(folded[s.start : s.start + 1])
    if close is None:
        return False
    end = folded.find(close, s.start + 1, s.end)
    quoted = folded[s.start + 1 : end if end >= 0 else s.end]
    return end < 0 or not _SPEECH_MARKS.isdisjoint(quoted)


def _attribution_end(folded: str, start: int, end: int) -> int:
    """Where the sentence's text proper starts after a first clause that only names a source
    (据合富辉煌统计，/ 国家统计局数据显示，): 0 when it has none. A time that opens the clause after
    a source leads the sentence's figures whatever follows it (据…统计，2015年上半年广州…)."""
    brk = _comma(folded, start, min(end, start + ATTRIBUTION_REACH))
    if brk < 0:
        return 0
    clause = folded[start:brk]
    if not (clause.startswith(ATTRIBUTION_OPENERS) or clause.endswith(lx.SPEECH_VERBS)):
        return 0
    if any(ch.isdigit() for ch in _TITLE.sub("", clause)):
        return 0  # a figure before the comma: the clause says more than its source
    return brk + 1


#: How far into a sentence a source clause may run (据国家统计局最新发布的数据显示，, 某平台发布的
#: 《2019年中国共享充电行业发展分析简报》显示，).
ATTRIBUTION_REACH = 60
#: Words that open a clause naming a source: 据 (according to) and 根据 (据…统计, 根据…数据).
ATTRIBUTION_OPENERS = ("据", "根据")


#: How far into a sentence a time standing as a clause of its own may lead it (自…以来，截至8月25日，…).
TOPIC_REACH = 40


def _clause_time(folded: str, s: Sentence):
    """A time that is a whole clause among the sentence's first clauses, before any digit
    (自落地快打工作开展以来，截至8月25日，全市立案1187宗…): it leads the figures after it like a
    time at the sentence's head. None when there is none."""
    end = min(s.end, s.start + TOPIC_REACH)
    at = s.start
    while at < end:
        brk = _comma(folded, at, end)
        if brk < 0 or at > s.start and any(ch.isdigit() for ch in folded[at:brk]):
            return None
        after = _comma(folded, brk + 1, end)
        m = TIME_EXPRESSION.fullmatch(folded, brk + 1, after if after >= 0 else brk + 1)
        if m:
            return m
        at = brk + 1
    return None


def _comma(folded: str, start: int, end: int) -> int:
    """Where the first comma (，or ,) of ``folded[start:end]`` is, -1 when there is none (two
    substring finds: a pattern's call costs more on a sentence's few characters)."""
    wide, narrow = folded.find("，", start, end), folded.find(",", start, end)
    return wide if narrow < 0 or 0 <= wide < narrow else narrow


#: What may stand before a sentence's topic time: a list number (一、 (二) 3.) or 其中.
_TOPIC_OPENER = regex.compile(r"(?:[（(]?[一二三四五六七八九十0-9]{1,3}[、.．)）]|其中[，,]?)\s*+")


_ABS_YEAR = regex.compile(r"((?:19|20)[0-9]{2})年")
_YEAR_EDGE = regex.compile(r"年([初末底])")
_NO_YEAR_SPAN = regex.compile(r"年[初末底中]|[月周]")
_PART_OF_MONTH = regex.compile(r"月初|上旬|[中下]旬|月中")
_MONTH_END = regex.compile(r"月[末底]")
_DAY_OF = regex.compile(_DAY_REL)
_SPAN = regex.compile(rf"^(?:{_WINDOWS})")
_YEAR_OF = regex.compile(rf"((?:19|20)[0-9]{{2}})年|({_YEAR_REL})|([一二][〇零一二三四五六七八九]{{3}})年")
#: The digits of a year written in Chinese numerals (二〇二四年).
YEAR_DIGITS = {
    "〇": "0",
    "零": "0",
    "一": "1",
    "二": "2",
    "三": "3",
    "四": "4",
    "五": "5",
    "六": "6",
    "七": "7",
    "八": "8",
    "九": "9",
}


def _date(published: str) -> dt.date | None:
    """The page's publication date (``YYYY-MM-DD``, see :mod:`extractor.article.meta`), or None."""
    try:
        return dt.date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def _small(text: str) -> int | None:
    """A month or day number, Arabic or Chinese (十二, 二十三)."""
    value = parse_numeral(text)
    return int(value) if value is not None and value == value.to_integral_value() else None


_MONTH_RANGE = regex.compile(rf"({_MON})(?:月份?)?{_DASH}({_MON})月")
_FIRST_MONTHS = regex.compile(rf"前({_MON}|两)个?月")
_MONTH_DAY = regex.compile(rf"({_MON})月份?(?:({_DAY})[日号])?")
_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_QUARTER = regex.compile(r"(?:第|Q)?([一二三四1-4])季度|Q([1-4])")
#: Parts of a year as (first month, last month).
YEAR_PARTS = {"上半年": (1, 6), "下半年": (7, 12), "前三季度": (1, 9), "前两季度": (1, 6), "全年": (1, 12)}


@functools.lru_cache(maxsize=4096)
def resolve_period(period: str, published: dt.date | None = None, year: int | None = None) -> tuple[str, str]:
    """(period_start, period_end) as ISO dates where ``period`` pins them, else empty strings.
    ``year`` is the year the text named before a period that names none (2019年…上半年); without
    it such a period takes the publication year, when it is not later than the publication date.

    >>> resolve_period('2023年1-10月')
    ('2023-01-01', '2023-10-31')
    >>> resolve_period('去年', dt.date(2024, 5, 10))
    ('2023-01-01', '2023-12-31')
    >>> resolve_period('截至6月末', dt.date(2024, 7, 2))
    ('', '2024-06-30')
    >>> resolve_period('本周')
    ('', '')
    >>> resolve_period('昨天盘中', dt.date(2015, 7, 4))
    ('2015-07-03', '2015-07-03')
    >>> resolve_period('自3月5日至9月1日', dt.date(2024, 9, 10))
    ('2024-03-05', '2024-09-01')
    >>> resolve_period('自6月26日', dt.date(2015, 7, 4)), resolve_period('周二', dt.date(2015, 7, 4))
    (('2015-06-26', ''), ('2015-06-30', '2015-06-30'))
    """
    if not period:
        return "", ""
    if _DOTTED_DATE.search(period) and period.rstrip(SUFFIX_CHARS).endswith("日"):
        period = _DOTTED_DATE.sub(lambda m: f"{m.group(1)}月{m.group(2)}日", period).replace("日日", "日")
    span = _resolve_span(period, published, year)
    if span is not None:
        return span
    since = period.endswith(SINCE_ENDS) or period.startswith(SINCE_OPENERS)
    until = period.startswith(UNTIL_OPENERS)
    core = _LEADING_PREFIX.sub("", period)
    if _DAY_ONLY.match(core) and year is not None and published is not None and year != published.year:
        return "", ""  # 2019年3月1日…，5日: the 5th of a month of 2019, not of the publication month
    day = _named_day(core, published)
    if day is not None:
        if not day[0]:
            return "", ""
        if until:
            return "", day[1]
        if since:
            return day[0], ""
        return day
    if _SPAN.search(period):
        return "", ""  # 3年来, 12个交易日: a span whose edges the text does not give
    named = _year_of(period, published)
    guessed = named is None and year is None
    year = named if named is not None else year
    first, last, day = _months_of(period)
    years = _ABS_YEAR.findall(period)
    if len(years) == 2 and first is None:
        if int(years[0]) >= int(years[1]):
            return "", ""
        return f"{years[0]}-01-01", f"{years[1]}-12-31"  # 2009年至2014年
    edge = _YEAR_EDGE.search(period)
    if edge and first is None and year is not None:
        first = last = 12 if edge.group(1) in "末底" else 1
        day = 31 if edge.group(1) in "末底" else 1
    if year is None:
        if first is None or published is None:
            return "", ""
        year = published.year
    if first is None:
        if _NO_YEAR_SPAN.search(period):
            return "", ""
        first, last = 1, 12
    if day is not None:
        try:
            start = end = dt.date(year, first, day)
        except ValueError:
            return "", ""
    else:
        start = dt.date(year, first, 1)
        end = dt.date(year, last, calendar.monthrange(year, last)[1])
    part = _TEN_DAYS.search(period)
    if part and day is None and first == last:
        low, high = TEN_DAYS[part.group()]
        start = dt.date(year, first, low)
        end = dt.date(year, first, min(high, calendar.monthrange(year, first)[1]))
    elif _PART_OF_MONTH.search(period):
        return "", ""
    if guessed and published is not None and start > published:
        return "", ""  # 12月 in a January page: last year's, or a plan for this year's; not known
    if _MONTH_END.search(period) and day is None:
        start = end
    if since:
        return start.isoformat(), ""  # 以来 pins where the span starts; its end is the writing's time
    if until:
        return "", end.isoformat()
    return start.isoformat(), end.isoformat()


#: Words that end a span running to the time of writing (6月12日以来, 从6月份开始).
SINCE_ENDS = ("以来", "至今", "开始", "起")
#: Words that open a span running from a time (自6月26日, 从6月份开始) or up to one (截至6月末,
#: 到2025年): the first pins only a start, the second only an end.
SINCE_OPENERS = ("自", "从")
UNTIL_OPENERS = ("截至", "截止", "到", "至")
#: A span written as two points (6月15日至6月19日, 自3月5日至9月1日, 自6月15日至昨日): each side is
#: resolved on its own, the second taking the year and month of the first where it names none.
_SPAN_SIDES = regex.compile(rf"^(?:自|从)?+(.+?[年月日号天底末初旬度一二三四五六])(?:{_DASH})(.+?)(?:以来|期间|止)?+$")


def _context_year(index: _Times, floor: int, at: int, period: str) -> int | None:
    """The year last named before ``at`` in its paragraph (from ``floor``), for a period that names
    none (2019年共享充电宝市场上半年…); None when the period names its own or the paragraph none."""
    if not period or _YEAR_OF.search(period):
        return None
    i = bisect.bisect_right(index.ends, at) - 1
    j = index.dated[i] if i >= 0 else -1  # the last time before ``at`` that names a year: one look-up
    if j < 0 or index.times[j].start < floor:
        return None
    return index.years[j]


def _resolve_span(period: str, published: dt.date | None, year: int | None = None) -> tuple[str, str] | None:
    """(start, end) of a period written as two points; ('', '') when its sides do not resolve to a
    start before an end (a span is never read as its first side alone); None when it is not
    written as two points (1-10月 and a span to the time of writing, 1月至今, are read by
    :func:`resolve_period` itself)."""
    if period.endswith(SINCE_ENDS):
        return None
    m = _SPAN_SIDES.match(period)
    if m is None:
        return None
    left, right = m.group(1), m.group(2)
    start, _ = resolve_period(left, published, year)
    if not start:
        return "", ""
    if _YEAR_OF.search(right) or _DAY_OF.match(right) or _WEEK.match(right):
        _, end = resolve_period(right, published)
    else:
        if "月" not in right and not _QUARTER.search(right):
            right = f"{int(start[5:7])}月{right}"
        _, end = resolve_period(f"{start[:4]}年{right}", published)
        if end and end[5:7] < start[5:7]:  # 12月28日至1月3日: the second side is in the next year
            _, end = resolve_period(f"{int(start[:4]) + 1}年{right}", published)
    if not end or end < start:
        return "", ""
    return start, end


#: The ten-day parts of a month (7月上旬 → 7月1日至10日).
TEN_DAYS = {"上旬": (1, 10), "中旬": (11, 20), "下旬": (21, 31)}
_TEN_DAYS = regex.compile("|".join(TEN_DAYS))
_DOTTED_DATE = regex.compile(r"(?<![0-9.])(1[0-2]|0?[1-9])[.．](3[01]|[12][0-9]|0?[1-9])(?![0-9])")
SUFFIX_CHARS = "以来至今期间止开始起"
_LEADING_PREFIX = regex.compile(rf"^{_PREFIX}")
#: The days of a week, Monday first; 周末 is Saturday and Sunday.
WEEKDAYS = "一二三四五六日"
WEEK_OFFSETS = {"上": -7, "下": 7, "本": 0, "这": 0, "": 0}
_WEEK = regex.compile(r"^(上|下|本|这)?周([一二三四五六日末])?")
_PINNED_DAYS = regex.compile(
    r"[（(](1[0-2]|0?[1-9])[.．月](3[01]|[12][0-9]|0?[1-9])日?\s*+[-—–~～至]\s*+"
    r"(?:(1[0-2]|0?[1-9])[.．月])?(3[01]|[12][0-9]|0?[1-9])日?[）)]"
)
_CLOCK_ONLY = regex.compile(rf"^{_ZONE}(?:{_CLOCK_ALONE}){_DAY_PART}$")
_DAY_ONLY = regex.compile(rf"^({_DAY})[日号](?!.*月)")


def _named_day(core: str, published: dt.date | None) -> tuple[str, str] | None:
    """(start, end) of a period named by its day rather than its month: a day relative to the
    publication date (昨天), a day of a week (周二, 上周五, 下周, 本周(6.29-7.03)), a clock time alone
    (北京时间9：45, the day of writing), a day of the month alone (24日11时12分). ('', '') when it is
    one but the publication date does not pin it; None when it is none of these."""
    week = _WEEK.match(core)
    relative = _DAY_OF.match(core)
    clock = _CLOCK_ONLY.match(core)
    day_only = _DAY_ONLY.match(core)
    if not (week and (week.group(1) or week.group(2)) or relative or clock or day_only):
        return None
    if published is None:
        return "", ""
    if relative:
        day = published + dt.timedelta(days=RELATIVE_DAYS[relative.group()])
        return day.isoformat(), day.isoformat()
    if clock:
        return published.isoformat(), published.isoformat()
    if day_only:
        n = _small(day_only.group(1))
        if not n or n > published.day:
            return "", ""  # 28日 in a page of the 3rd: last month's, most likely; not known
        day = published.replace(day=n)
        return day.isoformat(), day.isoformat()
    pinned = _PINNED_DAYS.search(core)
    if pinned:
        m1, d1, m2, d2 = (int(g) if g else None for g in pinned.groups())
        try:
            start = dt.date(published.year, m1, d1)
            end = dt.date(published.year, m2 or m1, d2)
        except ValueError:
            return "", ""
        return (start.isoformat(), end.isoformat()) if start <= end else ("", "")
    monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(days=WEEK_OFFSETS[week.group(1) or ""])
    named = week.group(2)
    if named is None:
        return monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat()
    if named == "末":
        start, end = monday + dt.timedelta(days=5), monday + dt.timedelta(days=6)
    else:
        start = end = monday + dt.timedelta(days=WEEKDAYS.index(named))
    if week.group(1) is None and start > published:
        return "", ""  # 周五 in a Wednesday page: last week's or this week's; not known
    return start.isoformat(), end.isoformat()


def _year_of(period: str, published: dt.date | None) -> int | None:
    m = _YEAR_OF.search(period)
    if not m:
        return None
    if m.group(1):
        return int(m.group(1))
    if m.group(3):
        return int("".join(YEAR_DIGITS[ch] for ch in m.group(3)))
    if published is None:
        return None
    return published.year + RELATIVE_YEARS[m.group(2)]


def _months_of(period: str) -> tuple[int | None, int | None, int | None]:
    """(first month, last month, day) a period names, None where it names none."""
    for part, (first, last) in YEAR_PARTS.items():
        if part in period:
            return first, last, None
    q = _QUARTER.search(period)
    if q:
        n = _QUARTERS[q.group(1) or q.group(2)]
        return 3 * n - 2, 3 * n, None
    m = _MONTH_RANGE.search(period)
    if m:
        a, b = _small(m.group(1)), _small(m.group(2))
        if a and b and 1 <= a <= b <= 12:
            return a, b, None
        return None, None, None
    m = _FIRST_MONTHS.search(period)
    if m:
        n = _small(m.group(1))
        return (1, n, None) if n and 1 <= n <= 12 else (None, None, None)
    m = _MONTH_DAY.search(period)
    if m and not period.startswith(("本", "上", "当", "下")):
        month = _small(m.group(1))
        if month and 1 <= month <= 12:
            day = _small(m.group(2)) if m.group(2) else None
            return month, month, day
    return None, None, None


# --------------------------------------------------------------------------------------------
# the index the meaning stage reads


@dataclasses.dataclass(frozen=True, slots=True)
class PeriodIndex:
    """What the period of each claim of one body is read from, found once per body: its time
    expressions, the time that leads each sentence, and the times 分别 pairs with figures."""

    times: _Times
    topics: dict[tuple[int, int], str]
    respective: dict[int, str]
    published: dt.date | None

    @classmethod
    def of(
        cls,
        folded: str,
        sentences: list[Sentence],
        by_index: dict[tuple[int, int], Sentence],
        claims: tuple[Claim, ...],
        published: str,
    ) -> PeriodIndex:
        """The index of ``folded`` (a body with traditional characters folded), whose
        ``sentences`` and ``claims`` index each other by paragraph and sentence; ``published``:
        the page's date (``YYYY-MM-DD`` or empty)."""
        date = _date(published)
        paragraphs = {c.paragraph for c in claims}
        starts: dict[int, int] = {}
        ends: dict[int, int] = {}
        for s in sentences:
            if s.paragraph in paragraphs:
                starts.setdefault(s.paragraph, s.start)
                ends[s.paragraph] = s.end
        spans = [(starts[p], ends[p]) for p in sorted(starts)]
        times = _Times.of(folded, date, spans)
        topics = _topic_times(folded, [s for s in sentences if s.paragraph in paragraphs])
        return cls(times, topics, _respective_periods(folded, times, by_index, claims), date)

    def period(self, at: int, claim: Claim, floor: int) -> str:
        """The period of ``claims[at]`` in the folded body's words ("" when none): the nearest
        time before it in its sentence (which starts at ``floor``), else its sentence's topic time;
        the time 分别 pairs it with before either."""
        period = _period(self.times, floor, claim.start)
        period = "" if period is None else period or self.topics.get((claim.paragraph, claim.sentence), "")
        return self.respective.get(at, period)

    def dates(self, period: str, paragraph_start: int, at: int) -> tuple[str, str]:
        """(period_start, period_end) of ``period``, the period of the claim at offset ``at``, as
        written; a period naming no year takes the year last named in its paragraph."""
        year = _context_year(self.times, paragraph_start, at, period)
        return resolve_period(period, self.published, year)
