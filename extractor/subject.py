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

#: Characters that end a clause, for the text before a number. A colon does not: it joins a label
#: to its value (成人票原价：180元).
PRE_BREAKS = "，。；！？,;!?、\n\t|"

#: Characters that end the text after a number (、 does not: 新建、扩建9所福利院).
POST_BREAKS = "，。；：！？,;:!?\n\t|"

#: Subjects are cut to this many characters (from the number's side).
MAX_SUBJECT = 30

# A time phrase opening a clause (到2025年, 2023年底, 一季度) says when, not what.
_TIME_PREFIX = regex.compile(
    r"^(?:力争|计划|预计|争取)?+(?:到|至|截至|截止|在|于)?+(?:(?:19|20)[0-9]{2}+年(?:底|末|初|前|内|度)?+"
    r"|[一二三四1-4]季度|上半年|下半年|全年|今年|去年|当年|近年来|目前|当前|截至目前)"
)
_QUOTES = regex.compile(r"[“”\"'‘’《》「」『』【】\[\]]")
_NUMERAL_SPAN = regex.compile(
    r"[0-9０-９.．,，%％〇零一二三四五六七八九十百千万亿两]++[个名人家所项次户位只条座件台批处场]?"
)
_LINKS = sorted(lx.LINK_VERBS, key=len, reverse=True)
_QUALS = sorted(lx.QUALIFIERS_BEFORE, key=len, reverse=True)
_RATES = sorted(lx.RATE_MODIFIERS, key=len, reverse=True)
_SCAFFOLD = sorted(lx.LEADING_SCAFFOLD, key=len, reverse=True)
_ACTIONS = sorted(lx.ACTION_VERBS, key=len, reverse=True)
_RELATIONS = sorted(lx.RELATION_WORDS, key=len, reverse=True)
_POST_STOPS = sorted(lx.POST_NOUN_STOPS, key=len, reverse=True)


def find_subject(text: str, start: int, end: int, kind: str, floor: int, previous: str) -> str:
    """The subject of the claim at ``text[start:end]``.

    ``floor`` is where the text before the claim may start at the earliest (the end of the claim
    before it in the same clause); ``previous`` is that claim's subject ('' when none).

    >>> s = '累计发放医疗救助资金3753.57万元，救助困难群众2824人'
    >>> a, b = s.index('3753'), s.index('2824')
    >>> find_subject(s, a, a + 9, 'amount', 0, ''), find_subject(s, b, b + 5, 'headcount', a + 9, '医疗救助资金')
    ('医疗救助资金', '困难群众')
    """
    if kind in ("count", "headcount"):
        noun = post_noun(text, end)
        if noun:
            return noun
    pre = _pre(text, start, floor)
    subject, verb = _from_pre(pre, previous)
    if subject:
        return subject[-MAX_SUBJECT:]
    if verb or not previous:
        after = _post_text(text, end)
        if after:
            return (verb + after)[:MAX_SUBJECT]
    return previous or verb


def post_noun(text: str, end: int) -> str:
    """The noun right after a classifier, up to a particle, a verb or the end of the clause."""
    out = []
    i = end
    if text[i : i + 1] in ("(", "（", "["):
        return ""  # 9所(含民办…): a note about the number, not what it counts
    while i < len(text) and len(out) < 16:
        ch = text[i]
        if ch in POST_BREAKS or ch.isspace() or ch.isdigit():
            break
        if any(text.startswith(stop, i) for stop in _POST_STOPS):
            break
        out.append(ch)
        i += 1
    noun = _QUOTES.sub("", "".join(out)).strip()
    if not noun or not regex.match(r"\p{Han}", noun):
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
    return _QUOTES.sub("", text[i:start]).strip()


def _post_text(text: str, end: int) -> str:
    j = end
    while j < len(text) and text[j] not in POST_BREAKS and j - end < 40:
        j += 1
    after = _NUMERAL_SPAN.sub("", _QUOTES.sub("", text[end:j])).strip()
    return after if regex.match(r"\p{Han}", after) else ""


def _from_pre(pre: str, previous: str) -> tuple[str, str]:
    """(subject, framing verb) from the text before a number."""
    pre = _strip_tail(pre)
    relation = _starts_with(pre, _RELATIONS)
    if relation and previous:
        return previous + pre, ""
    pre = _split_at_link(pre)
    verb = ""
    while True:
        when = _TIME_PREFIX.match(pre)
        if when and len(pre) > when.end():
            pre = pre[when.end() :].lstrip("，, ")
            continue
        word = _starts_with(pre, _SCAFFOLD)
        if word and len(pre) > len(word):
            pre = pre[len(word) :]
            continue
        action = _starts_with(pre, _ACTIONS)
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
    if not pre or _only_rates(pre) or pre in lx.LEADING_SCAFFOLD or pre in lx.CONNECTORS:
        return (previous, "") if previous and not verb else ("", verb)
    return pre, verb


def _strip_tail(pre: str) -> str:
    """Remove link verbs, qualifiers, rate words and particles from the end."""
    changed = True
    while changed and pre:
        changed = False
        for table in (_LINKS, _QUALS, _RATES, ("的", "了", "共", "在", "：", ":", "是")):
            for word in table:
                if pre.endswith(word) and len(pre) >= len(word):
                    if len(word) == 1 and any(pre.endswith(w) for w in lx.LINK_FALSE_ENDINGS):
                        continue
                    pre = pre[: -len(word)].rstrip()
                    changed = True
                    break
    return pre


def _split_at_link(pre: str) -> str:
    """低保标准分别提高到月人均 → 低保标准: cut at a link verb followed only by rate words."""
    for pos in range(len(pre) - 1, 0, -1):
        for link in _LINKS:
            if pre.startswith(link, pos) and len(link) > 1:
                rest = pre[pos + len(link) :]
                if _only_rates(rest):
                    return pre[:pos]
    return pre


def _only_rates(rest: str) -> bool:
    while rest:
        word = _starts_with(rest, _RATES)
        if not word:
            return False
        rest = rest[len(word) :]
    return True


def _starts_with(text: str, words: list[str]) -> str:
    for word in words:
        if text.startswith(word):
            return word
    return ""
