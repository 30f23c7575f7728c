"""Stage 6 — what each claim's number says: direction, baseline, period and section.

This module reads direction and baseline and fills in all four; the period is read by
:mod:`extractor.claims.periods` and the section by :mod:`extractor.claims.sections`.

A number alone is half a fact. This stage reads, around each claim of a document, whether the
number measures a *difference* (a change over time, or a gap to something else) or a *level*, what
a difference is measured against, which time the number refers to and under which heading of the
article it stands:

=================  ===========================================================================
field              read from
=================  ===========================================================================
``direction``      the change word that governs the number: ``up`` (同比增长8.3%, 高于全省3个百分点,
                   降幅收窄 is ``down``), ``down`` (下降0.5个百分点, 降息25个基点, a minus sign); empty
                   for a level (提高到440元, 达到75%, 占7%, 新增1200人)
``baseline``       what a difference is measured against, as written: 同比, 环比, 比上年, 较上年同期,
                   与上年相比, or the object of 高于/低于 (全省平均水平)
``period``         the time expression that governs the number in its sentence (2023年1-10月,
                   截至6月末, 今年以来), else the one that leads its sentence or one before it in its
                   paragraph; never the publication date
``period_start``,  ISO dates the period pins (2023年1-10月 → 2023-01-01 / 2023-10-31), relative
``period_end``     years (今年, 去年) and a missing year resolved against the page's ``published`` date
``section``        the nearest heading paragraph above the claim's paragraph
=================  ===========================================================================

The words are matched on the text with traditional characters folded to simplified ones
(:data:`TRADITIONAL`), one character for one, so offsets stay those of the body.
"""

from __future__ import annotations

import dataclasses
import operator

import regex

from ..records import Claim, Document, Sentence
from ..text import CLAUSE_BREAKS
from . import lexicon as lx
from .numerals import bounded
from .periods import TIME_EXPRESSION, PeriodIndex
from .sections import paragraph_sections
from .subject import words_of

# --------------------------------------------------------------------------------------------
# vocabularies

#: Verbs that state a change upward: the number after them is the size of the change (同比增长8.3%,
#: 增加1200人, 涨价2元). They cover every verb of jieba's dictionary (frequency ≥ 200) whose last
#: morpheme is 增, 涨 or 升, less :data:`NOT_CHANGE_VERBS`; the verbs of increase headed otherwise
#: (提高, 扩大, 加快…) and compounds the dictionary lacks (涨了, 增长超) are added by hand.
#: tests/test_vocabulary.py checks the coverage.
UP_WORDS = frozenset(
    [
        "增长",
        "增产",
        "增值",
        "增强",
        "升温",
        "大增",
        "飞升",
        "增加",
        "增多",
        "增大",
        "增高",
        "增",
        "净增",
        "增长了",
        "上涨",
        "上升",
        "上扬",
        "上调",
        "上浮",
        "提高",
        "提升",
        "提速",
        "抬升",
        "升高",
        "升",
        "涨",
        "大涨",
        "暴涨",
        "猛涨",
        "飙涨",
        "狂涨",
        "涨价",
        "涨了",
        "攀升",
        "飙升",
        "跃升",
        "回升",
        "反弹",
        "回涨",
        "走高",
        "扩大",
        "扩张",
        "扩增",
        "加快",
        "加速",
        "激增",
        "猛增",
        "剧增",
        "倍增",
        "递增",
        "多增",
        "增收",
        "增资",
        "加息",
        "升值",
        "多出",
        "高出",
        "超出",
        "盈利增加",
        "增长超",
    ]
)

#: Verbs that state a change downward (下降0.5个百分点, 减少20家, 降息25个基点, 降幅收窄): every
#: verb of jieba's dictionary (frequency ≥ 200) whose last morpheme is 降, 跌 or 减, less
#: :data:`NOT_CHANGE_VERBS`, and the verbs of decrease headed otherwise (回落, 萎缩, 收窄…).
DOWN_WORDS = frozenset(
    [
        "负增长",  # negative growth: 同比负增长5% is a fall of 5%, as 下降5% is
        "下降",
        "削减",
        "下跌",
        "下滑",
        "下调",
        "下浮",
        "下行",
        "减少",
        "减产",
        "减弱",
        "减轻",
        "减退",
        "减",
        "减小",
        "减低",
        "减缓",
        "减了",
        "缩小",
        "缩减",
        "缩水",
        "萎缩",
        "收窄",
        "降低",
        "降",
        "降了",
        "降价",
        "降息",
        "降准",
        "跌",
        "跌了",
        "大跌",
        "暴跌",
        "狂跌",
        "重挫",
        "下挫",
        "回落",
        "回调",
        "走低",
        "锐减",
        "骤降",
        "骤减",
        "递减",
        "净减",
        "少了",
        "贬值",
        "亏损扩大",
        "放缓",
        "回撤",
        "跌去",
        "跌掉",
        "跌落",
        "蒸发",
        "裁员",
        "减员",
        "裁减",
        "缩量",
        "流失",
    ]
)

#: Dictionary verbs with a change morpheme that state no change of a quantity: a level (新增: the
#: number is how many are new), both directions (升降, 增减), movements and names (起降, 毕升), and
#: share conversions (转增).
NOT_CHANGE_VERBS = frozenset(["新增", "毕升", "转增", "高涨", "升降", "增减", "备降", "投降", "沉降", "空降", "起降"])

#: Dictionary verbs that begin with a change morpheme (增产 and 减产 are changes, in the tables
#: above) but state no change of a quantity: what was added or set up (增发, 增设, 增添, 增补: the
#: number is how many, a level like 新增), relief and arithmetic (减免, 减去), a promotion, a
#: movement or a state (升级, 升任, 升空, 降落, 涨停, 跌倒), and the "to" forms (增至, 降到), which
#: LEVEL_WORDS reads. tests/test_vocabulary.py checks that every such verb of jieba's dictionary
#: (two characters, frequency ≥ 200) is in a change table or here.
NOT_CHANGE_HEADED = frozenset(
    [
        "增发", "增设", "增添", "增补", "增援", "增殖", "增生", "增进", "增至", "增速", "减免", "减去",
        "减肥", "升任", "升空", "升级", "升职", "升腾", "升起", "升迁", "升至", "涨停", "跌倒", "降临",
        "降到", "降落",
    ]
)  # fmt: skip

#: Nouns naming the size of a change: a number they govern is a difference even after 为/达
#: (增速为5%, 涨幅达3%, 跌幅超过50%).
UP_RATES = frozenset(["增速", "增幅", "涨幅", "升幅", "增长率", "增长幅度", "上涨幅度", "增量", "增长速度", "涨速"])
DOWN_RATES = frozenset(["跌幅", "降幅", "减幅", "下降幅度", "下跌幅度", "降速", "减少幅度", "跌速"])

#: Comparatives whose object is the baseline: 高于全省3个百分点 → up against 全省.
UP_COMPARATIVES = frozenset(["高于", "高出", "多于", "大于", "快于", "超出"])
DOWN_COMPARATIVES = frozenset(["低于", "少于", "小于", "慢于", "低出"])

#: Function words that cannot stand inside the object of a comparative: conjunctions and
#: prepositions that open a clause of their own (超出则按每小时5元计算).
COMPARATIVE_OBJECT_BREAKS = frozenset("则按将把被使让给对在就而但")

#: Adjectives that, after a 比/较 phrase, state the direction of a gap (比上年多20人, 较去年少3家).
UP_AFTER_BASELINE = frozenset(["多", "高", "快", "大", "长", "增"])
DOWN_AFTER_BASELINE = frozenset(["少", "低", "慢", "小", "短"])

#: "To" forms and level verbs: the number after them is where a thing stands, not the change
#: (提高到440元, 增长至5000人, 下降为3%, 达到75%, 占7%).
LEVEL_WORDS = frozenset(
    ["到", "至", "为", "成", "达到", "达", "达至", "是", "占", "占比", "在", "保持", "维持", "持平", "新增"]
)

#: Words that may stand between a change word and its number without changing what it says.
FILLERS = frozenset(
    [
        "了",
        "分别",
        "均",
        "约",
        "大约",
        "共",
        "共计",
        "累计",
        "又",
        "再",
        "还",
        "仍",
        "也",
        "都",
        "已",
        "已经",
        "将",
        "近",
        "逾",
        "超",
        "超过",
        "幅度",
        "个",
        "大幅",
        "小幅",
        "明显",
        "略",
        "稍",
        "整体",
        "总体",
        "平均",
        "合计",
        "总共",
        "一共",
        "最多",
        "最高",
        "最少",
        "最低",
        "高达",
        "多达",
        "仅",
        "只",
        "才",
        "竟",
    ]
)

#: Prepositions that open a baseline phrase (比上年, 较上年同期, 较之去年, 相比2019年, 比起去年).
BASELINE_OPENERS = ("同比", "较之", "比起", "相比", "相较于", "相较", "比", "较")

#: Words that begin with 比 or 较 and are not the preposition (比例, 比重, 较为, 较大): jieba's
#: dictionary words starting with 比/较 of frequency ≥ 100, less the prepositions 较之 and 比起.
#: tests/test_vocabulary.py checks this against the dictionary.
NOT_BASELINE_WORDS = frozenset(
    [
        "比不上",
        "比价",
        "比作",
        "比例",
        "比例尺",
        "比值",
        "比分",
        "比划",
        "比利",
        "比利时",
        "比喻",
        "比如",
        "比如说",
        "比尔",
        "比拟",
        "比方",
        "比武",
        "比比皆是",
        "比热",
        "比照",
        "比率",
        "比萨",
        "比试",
        "比赛",
        "比较",
        "比达",
        "比重",
        "比降",
        "较为",
        "较大",
        "较差",
        "较量",
    ]
)

#: Baseline words that stand alone: year on year, period on period.
STANDING_BASELINES = ("同比", "环比")

#: Openers and closers of a baseline phrase (与上年相比): :data:`extractor.claims.lexicon.PAIRED_OPENERS`.
PAIRED_OPENERS = lx.PAIRED_OPENERS
PAIRED_CLOSERS = lx.PAIRED_CLOSERS

#: Traditional characters folded to simplified ones for matching, one for one: the inverse of
#: :data:`extractor.claims.lexicon.TRADITIONAL`.
TRADITIONAL = str.maketrans({trad: simp for simp, trad in lx.TRADITIONAL.items() if len(simp) == 1 and trad != simp})
# whether a text holds one of them: a search is cheaper than a translation, and most bodies hold
# none; a substring test per character is about half the cost of a class search over a whole body
_TRADITIONAL_CHARS = tuple(map(chr, TRADITIONAL))

_UP = UP_WORDS | UP_RATES | UP_COMPARATIVES


def _by_last(words) -> dict[str, list[str]]:
    """Words grouped by their last character, longest first: a suffix test looks at one group."""
    out: dict[str, list[str]] = {}
    for word in sorted(words, key=len, reverse=True):
        out.setdefault(word[-1], []).append(word)
    return out


_CHANGE_WORDS = _by_last(UP_WORDS | DOWN_WORDS)
_CHANGE_LIST = tuple(UP_WORDS | DOWN_WORDS)
_RATE_WORDS = _by_last(UP_RATES | DOWN_RATES)
_COMPARATIVE = regex.compile("|".join(sorted(UP_COMPARATIVES | DOWN_COMPARATIVES, key=len, reverse=True)))
_LEVEL_WORDS = _by_last(LEVEL_WORDS)
_RATE_HEADS = _by_last(lx.RATE_HEADS)
_FILLERS = _by_last(FILLERS)
_MINUS = "-−－"
_BREAKS = frozenset(CLAUSE_BREAKS) | {"\n"}

# --------------------------------------------------------------------------------------------
# the stage


def annotate(document: Document, sentences: list[Sentence], claims: tuple[Claim, ...]) -> tuple[Claim, ...]:
    """The claims of ``document`` with direction, baseline, period and section filled in.

    ``sentences`` are the document's sentences (:func:`extractor.article.segment.segment`) and each claim's
    ``paragraph``/``sentence`` index them; offsets are those of ``document.body``.

    >>> from extractor import extract_page
    >>> r = extract_page('<p>2023年1-10月，全市工业产值同比增长8.3%，比上年下降0.5个百分点。</p>'.encode())
    >>> [(c.text, c.direction, c.baseline, c.period, c.period_start, c.period_end) for c in r.claims]
    [('8.3%', 'up', '同比', '2023年1-10月', '2023-01-01', '2023-10-31'), ('0.5个百分点', 'down', '比上年', '2023年1-10月', '2023-01-01', '2023-10-31')]
    """
    if not claims:
        return claims
    body = document.body
    folded = body.translate(TRADITIONAL) if any(ch in body for ch in _TRADITIONAL_CHARS) else body
    by_index = {(s.paragraph, s.index): s for s in sentences}
    periods = PeriodIndex.of(folded, sentences, by_index, claims, document.published)
    sections = paragraph_sections(document)
    out = []
    for at, claim in enumerate(claims):
        sentence = by_index.get((claim.paragraph, claim.sentence))
        s_start = sentence.start if sentence else document.starts[claim.paragraph] if claim.paragraph >= 0 else 0
        p_start = document.starts[claim.paragraph] if 0 <= claim.paragraph < len(document.starts) else s_start
        direction, baseline = read_change(folded, s_start, claim.start, claim.text, p_start)
        baseline = _as_written(document.body, folded, baseline, p_start, claim.start)
        read = periods.period(at, claim, s_start)
        period = _as_written(document.body, folded, read, p_start, claim.start)
        section = sections[claim.paragraph] if 0 <= claim.paragraph < len(sections) else ""
        if not (direction or baseline or period or section):
            out.append(claim)  # a level with no time and no heading: nothing to add
            continue
        start, end = periods.dates(read, p_start, claim.start)  # read in simplified characters (上週 → 上周)
        out.append(_annotated(claim, direction, baseline, period, start, end, section))
    return tuple(out)


#: The fields of :class:`Claim` this stage fills, in their order there.
MEANING_FIELDS = ("direction", "baseline", "period", "period_start", "period_end", "section")
_FIELDS = tuple(f.name for f in dataclasses.fields(Claim))
_AT = _FIELDS.index(MEANING_FIELDS[0])
if _FIELDS[_AT : _AT + len(MEANING_FIELDS)] != MEANING_FIELDS:  # pragma: no cover - a change to records.py
    raise ImportError("Claim's meaning fields are no longer one run in MEANING_FIELDS's order")
_BEFORE = operator.attrgetter(*_FIELDS[:_AT])
_AFTER = operator.attrgetter(*_FIELDS[_AT + len(MEANING_FIELDS) :])


def _annotated(
    claim: Claim, direction: str, baseline: str, period: str, period_start: str, period_end: str, section: str
) -> Claim:
    """``claim`` with its meaning fields set, built in one call from its other fields (about half
    the cost of :func:`dataclasses.replace`, which copies them one keyword at a time)."""
    return Claim(*_BEFORE(claim), direction, baseline, period, period_start, period_end, section, *_AFTER(claim))


def _as_written(body: str, folded: str, words: str, start: int, end: int) -> str:
    """``words`` found in the folded text, in the body's own characters (環比, not 环比)."""
    if not words:
        return ""
    at = folded.rfind(words, max(start, end - STATED_REACH), end)
    return body[at : at + len(words)] if at >= 0 else words


# --------------------------------------------------------------------------------------------
# direction and baseline

_OWN_FIGURE = regex.compile(r"的[^的]*?[0-9０-９]")  # 较5月的3343亿份: the baseline's own figure


def read_change(folded: str, floor: int, start: int, text: str = "", paragraph: int = -1) -> tuple[str, str]:
    """(direction, baseline) of the number at ``start`` in ``folded`` (traditional folded), read
    from the clause before it, not before ``floor`` (its sentence's start).

    >>> read_change('居民消费价格同比上涨0.3%', 0, 10)
    ('up', '同比')
    >>> read_change('食品价格下降2.7%', 0, 6)
    ('down', '')
    >>> read_change('人均补助提高到440元', 0, 7)
    ('', '')
    >>> read_change('高于全省平均水平3个百分点', 0, 8)
    ('up', '全省平均水平')
    """
    clause_start = _clause_start(folded, floor, start)
    paragraph = floor if paragraph < 0 else paragraph
    lead = folded[clause_start:start]
    minus = bool(text) and text[0] in _MINUS
    end = _strip_fillers(lead, _before_list(lead))
    direction, verb_at = "", -1
    level = _ends_with(lead, end, _LEVEL_WORDS)
    if level:
        end_before = _strip_spaces(lead, end - len(level))
        rate = _ends_with(lead, end_before, _RATE_WORDS)
        if not rate:
            end_before = _strip_fillers(lead, end_before)
            rate = _ends_with(lead, end_before, _RATE_WORDS)
        if rate:
            direction, verb_at = ("up" if rate in UP_RATES else "down"), end_before - len(rate)
        elif level == "为" and end_before < end - len(level):
            word = _ends_with(lead, end_before, _CHANGE_WORDS)
            if word:  # 增长仅为0.8%: with an adverb between, 为 is the copula, not "to"
                direction, verb_at = ("up" if word in _UP else "down"), end_before - len(word)
        if not direction and minus:
            direction = "down"
        if not direction:
            direction, verb_at = _governing_rate(lead, end)
        if not direction:
            return "", ""
    else:
        word = _ends_with(lead, end, _CHANGE_WORDS) or _ends_with(lead, end, _RATE_WORDS)
        if word:
            direction, verb_at = ("up" if word in _UP else "down"), end - len(word)
        else:
            found = _comparative(lead, end)
            if found:
                modifies = folded.startswith("的", start + len(text)) if text else False
                return ("", "") if modifies else found  # 高于负债率90%的警戒线: 90% names the line
            found = _gap_after_baseline(lead, end)
            if found:
                return found
            if minus:
                direction = "down"
            else:
                direction, verb_at = _governing_rate(lead, end)
    if not direction and text:
        direction = _rate_after(folded, start + len(text))
    if not direction:
        return "", ""
    baseline = _baseline(folded, lead, verb_at, clause_start, floor) if verb_at >= 0 else ""
    return direction, baseline or _stated_baseline(folded, paragraph, clause_start)


def _rate_after(folded: str, end: int) -> str:
    """16.07%、13.29%的单日跌幅: a list of numbers that a rate noun after them names."""
    m = _RATE_AFTER.match(folded, end, min(len(folded), end + LEAD_MAX), **bounded(LEAD_MAX))
    if m is None:
        return ""
    return "up" if m.group("rate") in UP_RATES else "down"


def _stated_baseline(folded: str, paragraph: int, clause_start: int) -> str:
    """同比 or 环比 stated earlier in the paragraph, for a later change that leaves it implicit
    (居民消费价格同比上涨0.3%。其中，城市上涨0.3%): the nearest one before the clause."""
    best, found = -1, ""
    for word in STANDING_BASELINES:
        at = folded.rfind(word, max(paragraph, clause_start - STATED_REACH, 0), clause_start)
        if at > best:
            best, found = at, word
    return found


#: How far back from a number its change word and baseline are looked for: a clause longer than
#: this is read from its last ``LEAD_MAX`` characters, so the work per claim stays bounded.
LEAD_MAX = 60

#: How far back in its paragraph a 同比/环比 stated before a number still governs it.
STATED_REACH = 2000


def _clause_start(folded: str, floor: int, start: int) -> int:
    i = start
    floor = max(floor, start - LEAD_MAX)
    while i > floor and folded[i - 1] not in _BREAKS:
        i -= 1
    return i


#: How far before the number a rate noun may stand and still govern it (跌幅更是一度扩大至7%).
RATE_REACH = 10


def _governing_rate(lead: str, end: int) -> tuple[str, int]:
    """(direction, where) of a rate noun that heads the clause's number though a link, an
    adverb or a verb of widening stands between (跌幅只有41%, 跌幅一度扩大至7%, 萎缩幅度可能高达12%):
    the number is then the size of the change the noun names. Nothing with a digit, a clause
    break or another change word may stand between. ('', -1) when there is none."""
    floor = max(0, end - RATE_REACH)
    i = end
    while i > floor:
        ch = lead[i - 1]
        if ch.isdigit() or ch in _BREAKS:
            break
        rate = _ends_with(lead, i, _RATE_WORDS) if ch in _RATE_WORDS else ""  # a rate word ends in ch
        if rate:
            return ("up" if rate in UP_RATES else "down"), i - len(rate)
        for suffix in _RATE_HEADS.get(ch, ()):  # 萎缩幅度, 下降速度: a change word made a rate noun
            if lead.startswith(suffix, i - len(suffix)):
                word = _ends_with(lead, i - len(suffix), _CHANGE_WORDS)
                if word:
                    return ("up" if word in _UP else "down"), i - len(suffix) - len(word)
        i -= 1
    return "", -1


def _ends_with(lead: str, end: int, words: dict[str, list[str]]) -> str:
    """The longest of ``words`` (grouped by :func:`_by_last`) that ends at ``end``, else ""."""
    if end <= 0:
        return ""
    for word in words.get(lead[end - 1], ()):
        if end >= len(word) and lead.startswith(word, end - len(word)):
            return word
    return ""


_RATE_AFTER = regex.compile(
    r"(?:\s*+[、和及与]\s*+[0-9０-９][0-9０-９.．]*+[^\s，,。；;、和及与的]{0,5}+)*+的[^\s，,。；;的]{0,4}?(?P<rate>"
    + "|".join(sorted(UP_RATES | DOWN_RATES, key=len, reverse=True))
    + ")"
)
_LIST_ITEMS = regex.compile(r"(?:[0-9０-９][0-9０-９.．,，]*+[^\s，,。；;、和及与0-9]{0,5}?[、和及与]\s*+)++$")


def _before_list(lead: str) -> int:
    """Where the list ends that a number closes: 分别增长8%和|4.4%, 较日均增长近20倍、|400%: the
    change word of a list's first item governs every item."""
    if not lead.rstrip(" \t\u3000").endswith(("、", "和", "及", "与")):
        return len(lead)  # no list before the number: the common case, decided at once
    m = _LIST_ITEMS.search(lead, **bounded(lead))
    if m is None:
        return len(lead)
    return _strip_fillers(lead, m.start())


def _strip_spaces(lead: str, end: int) -> int:
    while end > 0 and lead[end - 1] in " \t\u3000":
        end -= 1
    return end


def _strip_fillers(lead: str, end: int) -> int:
    """``end`` moved back over filler words and spaces (了, 分别, 均, 约…)."""
    while end > 0:
        if lead[end - 1] in " \t\u3000":
            end -= 1
            continue
        word = _ends_with(lead, end, _FILLERS)
        if not word:
            return end
        end -= len(word)
    return end


def _comparative(lead: str, end: int) -> tuple[str, str] | None:
    """高于全省3个百分点: a comparative, then its object (the baseline), then the number. The
    object is at most 20 characters and holds no 的 or 了 (高于负债率的…: the comparison is over)."""
    floor = max(0, end - 24, lead.rfind("的", 0, end) + 1, lead.rfind("了", 0, end) + 1)
    found = None
    for m in _COMPARATIVE.finditer(lead, floor, end):
        found = m
    if found is None:
        return None
    word = found.group()
    obj = lead[found.end() : end].strip()
    if any(ch in COMPARATIVE_OBJECT_BREAKS for ch in obj):
        return None  # 超出则按每小时5元: a clause, not an object of comparison
    if len(obj) > 20:
        return None
    return ("up" if word in UP_COMPARATIVES else "down"), obj


def _gap_after_baseline(lead: str, end: int) -> tuple[str, str] | None:
    """比上年多20人, 较去年少3家: a 比/较 phrase, then a one-character comparative adjective."""
    if end < 1:
        return None
    adjective = lead[end - 1]
    if adjective not in UP_AFTER_BASELINE and adjective not in DOWN_AFTER_BASELINE:
        return None
    baseline = _opener_phrase(lead, end - 1)
    if not baseline:
        return None
    return ("up" if adjective in UP_AFTER_BASELINE else "down"), baseline


def _baseline(folded: str, lead: str, verb_at: int, clause_start: int, floor: int) -> str:
    """What a change is measured against: 同比/环比 right before the verb, a 比/较 phrase before
    it, or a 与…相比 clause before the verb's clause."""
    end = _strip_fillers(lead, verb_at)
    for word in STANDING_BASELINES:
        if lead.startswith(word, end - len(word)) and end >= len(word):
            return word
    phrase = _opener_phrase(lead, end)
    if phrase:
        return phrase
    paired = _paired(lead[:end])
    if paired:
        return paired
    # 与上年相比，增长5%: the comparison closes the clause before.
    if clause_start > floor:
        before_start = _clause_start(folded, floor, clause_start - 1)
        paired = _paired(folded[before_start : clause_start - 1])
        if paired:
            return paired
    return ""


def _opener_phrase(lead: str, end: int) -> str:
    """比上年 / 较上年同期 / 较之去年: the last 比/较 opener before ``end`` with its object."""
    for i in range(end - 1, max(-1, end - 16), -1):
        if lead[i] in "，,；;":
            return ""
        if lead[i] in FROM_OPENERS:
            phrase = _from_phrase(lead, i, end)
            if phrase:
                return phrase
        if lead[i] not in _OPENER_FIRSTS:
            continue  # no opener starts here
        for opener in BASELINE_OPENERS:
            if not lead.startswith(opener, i):
                continue
            if opener == "比" and i > 0 and lead[i - 1] == "同":
                i, opener = i - 1, "同比"  # 同比去年: the opener is 同比
            if any(lead.startswith(w, i) for w in NOT_BASELINE_WORDS):
                break
            if i > 0 and lead[i - 1] in "对相占无好类正反评":
                break  # 对比, 相比, 占比: not the preposition
            obj = lead[i + len(opener) : end]
            value = _OWN_FIGURE.search(obj)
            if value:
                obj = obj[: value.start()]  # 较5月的3343亿份: the baseline's own figure is left out
            if len(obj) >= 2 and not any(w in obj for w in _CHANGE_LIST):
                return lead[i : i + len(opener) + len(obj)]
            break
    return ""


_OPENER_FIRSTS = frozenset(opener[0] for opener in BASELINE_OPENERS)

#: Prepositions of a starting point: 股价自本轮最高点跌幅超50% measures the fall from the peak.
FROM_OPENERS = frozenset("自从")


def _from_phrase(lead: str, at: int, end: int) -> str:
    """自本轮最高点 / 从最高点: a starting point a change is measured from, when 自/从 is a word of
    its own (not 自己, 从事: the lexicon cuts the words) and its object is no time (从2013年的40.4%
    is the figure's period) and holds no figure or change word."""
    obj = lead[at + 1 : end]
    if len(obj) < 2 or TIME_EXPRESSION.match(lead, at + 1, end) or any(ch.isdigit() for ch in obj):
        return ""
    if any(w in obj for w in _CHANGE_LIST):
        return ""
    words = words_of(lead[at:end])
    if not words or words[0][0] != lead[at]:
        return ""
    return lead[at:end]


def _paired(text: str) -> str:
    """与上年相比 / 和去年同期相比 at the end of ``text``: the phrase as written."""
    stripped = text.rstrip(" ，,")
    for closer in PAIRED_CLOSERS:
        if not stripped.endswith(closer):
            continue
        body = stripped[: -len(closer)]
        for i in range(len(body) - 1, max(-1, len(body) - 16), -1):
            if body[i] in PAIRED_OPENERS and len(body) - i - 1 >= 2:
                return stripped[i:]
        return ""
    return ""
