"""What a number measures: the subject of a claim, as the text names it.

Used by :mod:`extractor.claims`. No parser, no dictionary of nouns: the subject is read off the
clause around the number with the word tables of :mod:`extractor.lexicon`:

* after a classifier, a noun that follows names what is counted (704名孤儿 → 孤儿, 6个商圈 → 商圈);
* otherwise the text before the number in its clause, with the verbs and scaffolding that frame it
  removed from its edges (累计发放医疗救助资金 → 医疗救助资金; 集中供养率达 → 集中供养率;
  低保标准分别提高到月人均 → 低保标准);
* a clause that only compares (高于全区, 同比增长, 占全市总人口的) borrows the subject of the claim
  before it (集中供养率 + 高于全区);
* a number with nothing before it but a verb is named by the verb and what follows
  (投资1205万元新建市儿童福利院 → 投资新建市儿童福利院).
"""

from __future__ import annotations

import regex

from . import lexicon as lx
from .text import CLAUSE_BREAKS, COLON_MARKS, LIST_MARK

#: Characters that end a clause, for the text before a number. A colon does not: it joins a label
#: to its value (成人票原价：180元).
PRE_BREAKS = CLAUSE_BREAKS + LIST_MARK + "\n\t|"

#: Characters that end the text after a number (、 does not: 新建、扩建9所福利院).
POST_BREAKS = CLAUSE_BREAKS + COLON_MARKS + "\n\t|"

#: Characters that end the noun right after a classifier.
NOUN_BREAKS = POST_BREAKS + LIST_MARK

#: Subjects are cut to this many characters (from the number's side).
MAX_SUBJECT = 30

# A time phrase opening a clause (到2025年, 2023年底, 一季度) says when, not what.
_TIME_PREFIX = regex.compile(
    r"^(?:力争|计划|预计|争取)?+(?:到|至|截至|截止|在|于)?+(?:(?:19|20)[0-9]{2}+年(?:底|末|初|前|内|度)?+"
    r"|[一二三四1-4]季度|上半年|下半年|全年|今年|去年|当年|近年来|目前|当前|截至目前|当天"
    r"|(?:过去|近|最近)[0-9一二三四五六七八九十两]++个?+(?:月|年|季度|周|天))"
)
_HAN = regex.compile(r"\p{Han}")
_QUOTES = regex.compile(r"[“”\"'‘’《》「」『』【】\[\]]")
_NUMERAL_SPAN = regex.compile(
    r"[0-9０-９.．,，%％〇零一二三四五六七八九十百千万亿两]++[个名人家所项次户位只条座件台批处场]?"
)


class _Words:
    """A word table looked up by its first or last character, longest word first."""

    def __init__(self, words):
        self.words = tuple(sorted(set(words), key=len, reverse=True))
        self.first: dict[str, tuple[str, ...]] = {}
        self.last: dict[str, tuple[str, ...]] = {}
        for word in self.words:
            self.first[word[0]] = (*self.first.get(word[0], ()), word)
            self.last[word[-1]] = (*self.last.get(word[-1], ()), word)

    def prefix(self, text: str, at: int = 0) -> str:
        """The longest word that ``text`` has at ``at``, '' when none."""
        for word in self.first.get(text[at : at + 1], ()):
            if text.startswith(word, at):
                return word
        return ""

    def suffix(self, text: str, end: int | None = None) -> str:
        """The longest word ``text[:end]`` ends with, '' when none."""
        end = len(text) if end is None else end
        for word in self.last.get(text[end - 1 : end] if end else "", ()):
            if text.endswith(word, 0, end):
                return word
        return ""


_LINKS = _Words(lx.LINK_VERBS)
_QUALS = _Words(lx.QUALIFIERS_BEFORE)
_RATES = _Words(lx.RATE_MODIFIERS)
_SCAFFOLD = _Words(lx.LEADING_SCAFFOLD)
_ACTIONS = _Words(lx.ACTION_VERBS)
_RELATIONS = _Words(lx.RELATION_WORDS)
_POST_STOPS = _Words(lx.POST_NOUN_STOPS)
_PREPOSITIONS = _Words(lx.PREPOSITIONS)
_SPEECH = tuple(lx.SPEECH_VERBS)
_MODALS = _Words(lx.MODAL_WORDS)
_MODAL_SET = frozenset(lx.MODAL_WORDS)
_LEADING_MODALS = _Words(w for w in lx.MODAL_WORDS if len(w) > 1)  # 就业, 再生, 还款: one character may begin a noun
_PARTICLES = _Words(("的", "了", "在", "：", ":", "是", "或"))
# relation verbs that end a clause before its number (封测业增速回落到…): stripped from the end
_TAIL_RELATIONS = _Words(w for w in lx.RELATION_WORDS if len(w) > 1 and w not in ("同比", "环比", "相当于"))
_FALSE_ENDINGS = _Words(lx.LINK_FALSE_ENDINGS)
# a rank or an ordinal time at the end (设计业位列第二, 销售额第一次; 到2023年年末), matched
# right to left from the end (``(?r)`` with ``match``), so that each try costs the phrase's
# length, not the text's; the longer alternative first, as the leftmost forward match would take it
_RANK_TAIL = regex.compile(
    r"(?r)(?:(?:位列|排名|排在|排)?第[0-9一二三四五六七八九十百]++(?:次|位|名)?"
    r"|(?:截至|到|至|在|于)?(?:19|20)[0-9]{2}年(?:年末|年底|底|末|初)?)$"
)


def find_subject(text: str, start: int, end: int, kind: str, floor: int, previous: str) -> str:
    """The subject of the claim at ``text[start:end]``.

    ``floor`` is where the text before the claim may start at the earliest (the end of the claim
    before it in the same clause); ``previous`` is that claim's subject ('' when none).

    >>> s = '累计发放医疗救助资金3753.57万元，救助困难群众2824人'
    >>> a, b = s.index('3753'), s.index('2824')
    >>> find_subject(s, a, a + 9, 'amount', 0, ''), find_subject(s, b, b + 5, 'headcount', a + 9, '医疗救助资金')
    ('医疗救助资金', '困难群众')
    """
    if kind in ("count", "headcount", "quantity"):
        noun = post_noun(text, end)
        if noun and noun not in lx.GENERIC_HEADS:
            return noun
    elif text.startswith("的", end):  # 600元的托育机构照护补贴, 50%的企业: the noun after 的 names it
        noun = post_noun(text, end + 1)
        if noun and noun not in lx.GENERIC_HEADS and not noun.startswith(lx.ABSTRACT_HEADS):
            return noun
    pre = _pre(text, start, floor)
    subject, verb = _from_pre(pre, previous)
    if subject:
        return subject[-MAX_SUBJECT:]
    if verb or not previous:
        after = _post_text(text, end)
        if after:
            return (verb + after)[:MAX_SUBJECT]
        if verb:
            return verb  # 覆盖逾10万户: the verb alone says what was counted
    if not previous:
        clause = _previous_clause(text, start, floor)
        if clause:
            return clause[-MAX_SUBJECT:]
    return previous or verb


def post_noun(text: str, end: int) -> str:
    """The noun right after a classifier, up to a particle, a verb or the end of the clause."""
    out = []
    i = end
    if text[i : i + 1] in ("(", "（", "["):
        return ""  # 9所(含民办…): a note about the number, not what it counts
    while i < len(text) and len(out) < 16:
        ch = text[i]
        if ch in NOUN_BREAKS or ch.isspace() or ch.isdigit():
            break
        if _POST_STOPS.prefix(text, i):
            break
        out.append(ch)
        i += 1
    noun = _QUOTES.sub("", "".join(out)).strip()
    if not noun or not _HAN.match(noun):
        return ""
    if noun.count("（") != noun.count("）"):
        noun = noun.split("（")[0]
    if noun.count("(") != noun.count(")"):
        noun = noun.split("(")[0]
    return noun


def _pre(text: str, start: int, floor: int) -> str:
    i = start
    while i > floor and text[i - 1] not in PRE_BREAKS:
        i -= 1
    pre = _QUOTES.sub("", text[i:start]).strip()
    _head, colon, tail = pre.rpartition("：") if "：" in pre else pre.rpartition(":")
    if colon and tail.strip():
        return tail.strip()  # 主要项目分别为：高新区实验中学总投资 → what follows the colon
    return pre


def _post_text(text: str, end: int) -> str:
    j = end
    while j < len(text) and text[j] not in POST_BREAKS and j - end < 40:
        j += 1
    after = _NUMERAL_SPAN.sub("", _QUOTES.sub("", text[end:j])).strip()
    return after if _HAN.match(after) else ""


def _from_pre(pre: str, previous: str) -> tuple[str, str]:
    """(subject, framing verb) from the text before a number."""
    pre = _after_last(pre, _SPEECH)  # 魏少军表示，… / 暗示…: what was said
    pre = _after_last(pre, lx.TIME_ENDINGS)  # 自去年年初以来连续加息 → 连续加息
    light = _strip_tail(pre, full=False)
    if light in lx.CONNECTORS:
        light = ""
    if previous and _RELATIONS.prefix(light):
        return previous + light, ""  # 同比增长, 高于全区, 占…的: said of the claim before
    pre = _strip_tail(pre)
    if pre in lx.CONNECTORS:
        pre = ""
    pre = _after_disposal(pre)  # 将通货膨胀率降至 → 通货膨胀率
    pre = _split_at_link(pre)
    verb = ""
    while True:
        when = _TIME_PREFIX.match(pre)
        if when and len(pre) > when.end():
            pre = pre[when.end() :].lstrip("，, 的")
            continue
        word = _SCAFFOLD.prefix(pre) or _PREPOSITIONS.prefix(pre) or _LEADING_MODALS.prefix(pre)
        if word and len(pre) > len(word):
            pre = pre[len(word) :]
            continue
        action = _ACTIONS.prefix(pre)
        if action and not verb:  # one framing verb: 累计支出安置经费 → 安置经费
            rest = pre[len(action) :]
            if not rest:
                return "", action
            if rest in lx.GENERIC_HEADS or len(rest) < 2:
                break  # 收养人数, 安置率: the verb is part of the name
            verb, pre = action, rest
            continue
        break
    pre = _strip_tail(pre)
    if not pre or _only_rates(pre) or pre in lx.LEADING_SCAFFOLD or pre in lx.CONNECTORS or pre in _MODAL_SET:
        return (previous, "") if previous and not verb else ("", verb)
    return pre, verb


def _previous_clause(text: str, start: int, floor: int) -> str:
    """The subject named by the clause before this one (贸易逆差创下历史新高，达到2275亿美元), when
    that clause holds no claim of its own."""
    i = start
    while i > floor and text[i - 1] not in PRE_BREAKS:
        i -= 1
    if i <= floor or i < 1:
        return ""
    j = i - 1
    while j > floor and text[j - 1] not in PRE_BREAKS:
        j -= 1
    if j < floor:
        return ""
    clause = _QUOTES.sub("", text[j : i - 1]).strip()
    clause = _after_last(clause, _SPEECH)
    when = _TIME_PREFIX.match(clause)
    if when and len(clause) > when.end():
        clause = clause[when.end() :]
    for pos in range(1, len(clause)):
        word = _LINKS.prefix(clause, pos) or _RELATIONS.prefix(clause, pos)
        if len(word) > 1:
            clause = clause[:pos]
            break
    while True:
        word = _SCAFFOLD.prefix(clause)
        if not word or len(clause) <= len(word):
            break
        clause = clause[len(word) :]
    clause = _strip_tail(clause)
    return clause if len(clause) >= 2 and _HAN.match(clause) else ""


def _after_last(pre: str, words) -> str:
    """What follows the last of ``words`` in ``pre`` (when something does)."""
    best = -1
    for word in words:
        at = pre.rfind(word)
        if at >= 0 and at + len(word) < len(pre):
            best = max(best, at + len(word))
    return pre[best:].lstrip("，,：: ") if best > 0 else pre


def _after_disposal(pre: str) -> str:
    """将/把 + object + verb: the object is what the number measures (将通货膨胀率降至 → 通货膨胀率)."""
    for marker in ("将", "把"):
        at = pre.rfind(marker)
        if at < 0 or any(pre.endswith(w, 0, at + 1) for w in lx.LINK_FALSE_ENDINGS):
            continue
        rest = _strip_tail(pre[at + 1 :])
        if len(rest) >= 2 and not _LINKS.prefix(rest):
            return rest
    return pre


def _strip_tail(pre: str, full: bool = True) -> str:
    """Remove link verbs, qualifiers and particles from the end; with ``full``, also rate words,
    modal words, relation verbs and rank or time phrases (位列第二, 到2023年年末).

    One pass from the end with an index: each word removed costs its own length, so a run of
    qualifier words (约近超过约近超过…) is stripped in linear time."""
    tables = (_LINKS, _QUALS, _RATES, _MODALS, _TAIL_RELATIONS, _PARTICLES) if full else (_LINKS, _QUALS, _PARTICLES)
    end = len(pre)
    changed = True
    while changed and end:
        changed = False
        rank = _RANK_TAIL.match(pre, 0, end) if full else None
        if rank and rank.start() > 0:
            end = _rstrip(pre, rank.start())
            changed = True
            continue
        for table in tables:
            word = table.suffix(pre, end)
            if word and not (len(word) == 1 and _FALSE_ENDINGS.suffix(pre, end)):
                end = _rstrip(pre, end - len(word))
                changed = True
                break
    return pre[:end]


def _rstrip(text: str, end: int) -> int:
    """``end`` moved left over white space."""
    while end and text[end - 1].isspace():
        end -= 1
    return end


def _split_at_link(pre: str) -> str:
    """低保标准分别提高到月人均 → 低保标准: cut at a link verb followed only by rate words."""
    for pos in range(len(pre) - 1, 0, -1):
        link = _LINKS.prefix(pre, pos)
        if len(link) > 1 and _only_rates(pre[pos + len(link) :]):
            return pre[:pos]
    return pre


def _only_rates(rest: str) -> bool:
    while rest:
        word = _RATES.prefix(rest)
        if not word:
            return False
        rest = rest[len(word) :]
    return True
