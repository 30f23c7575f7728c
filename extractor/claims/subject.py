"""What a number measures: the subject of a claim, as the text names it.

Used by :mod:`extractor.claims.rules`. No parser, no dictionary of nouns: the subject is read off the
clause around the number with the word tables of :mod:`extractor.claims.lexicon`:

* after a classifier, a noun that follows names what is counted (704名孤儿 → 孤儿, 6个商圈 → 商圈);
* otherwise the text before the number in its clause, with the verbs and scaffolding that frame it
  removed from its edges (累计发放医疗救助资金 → 医疗救助资金; 集中供养率达 → 集中供养率;
  低保标准分别提高到月人均 → 低保标准);
* a clause that only compares (高于全区, 同比增长) takes the subject of the claim before it (集中供养率:
  the comparison is the baseline); one that names a share or a rate (占全市总人口的, 同比增速) joins it;
* a number with nothing before it but a verb is named by the verb and what follows
  (投资1205万元新建市儿童福利院 → 投资新建市儿童福利院).
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path

import regex

from ..text import CLAUSE_BREAKS, COLON_MARKS, LIST_MARK
from . import lexicon as lx

#: Characters that end a clause, for the text before a number. A colon does not: it joins a label
#: to its value (成人票原价：180元).
PRE_BREAKS = CLAUSE_BREAKS + LIST_MARK + "\n\t|"

#: Characters that end the text after a number (、 does not: 新建、扩建9所福利院).
POST_BREAKS = CLAUSE_BREAKS + COLON_MARKS + "\n\t|"

#: Characters that end the noun right after a classifier.
NOUN_BREAKS = POST_BREAKS + LIST_MARK

#: Subjects are cut to this many characters (from the number's side).
MAX_SUBJECT = 30

#: A noun phrase is read from at most this many characters before its end: enough for any
#: subject, and a bound on the work a clause of any length costs.
PHRASE_WINDOW = 4 * MAX_SUBJECT

# A time phrase opening a clause (到2025年, 2023年底, 一季度) says when, not what.
_TIME_PREFIX = regex.compile(
    r"^(?:力争|计划|预计|争取)?+(?:到|至|截至|截止|在|于)?+(?:(?:19|20)[0-9]{2}+年(?:底|末|初|前|内|度)?+"
    r"|[一二三四1-4]季度|上半年|下半年|全年|今年|去年|当年|近年来|目前|当前|截至目前|当天"
    r"|(?:过去|近|最近)[0-9一二三四五六七八九十两]++个?+(?:月|年|季度|周|天)"
    r"|前[0-9一二三四五六七八九十两]{1,2}+个?+月|[0-9]{1,2}+(?:-[0-9]{1,2}+)?+月份?+)"
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
_SHARES = _Words(("占", "相当于"))
_LINK_SET = frozenset(lx.LINK_VERBS)
_RELATION_SET = frozenset(lx.RELATION_WORDS)
_RATE_HEADS = _Words(lx.RATE_HEADS)
_SHARE_HEADS = _Words(lx.SHARE_HEADS)
_RATE_NOUNS = frozenset((*lx.RATE_HEADS, *lx.SHARE_HEADS))
#: A passive verb right before a number (被骗走, 被扣了): the number measures what was done to the
#: clause's subject, and the verb names it.
_PASSIVE = regex.compile(r"(被(?:(?![的了])\p{Han}){1,4}+)了?+$")
#: A unit's divisor written after the claim (元/小时, 元每吨).
_PER_UNIT = regex.compile(r"(?:/|每)(?:(?!的)[\p{Han}A-Za-z]){1,3}+(?=的)")
_PREPOSITIONS = _Words(lx.PREPOSITIONS)
_SPEECH = tuple(lx.SPEECH_VERBS)
_ANY_SPEECH = regex.compile("|".join(map(regex.escape, _SPEECH)))
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
#: Units a rate may be said per, before its number (每小时27680公里, 每吨463元).
_PER_UNITS = sorted(
    {*lx.QUANTITY_UNITS, *lx.CLASSIFIERS, *lx.HEADCOUNT_UNITS, "小时", "分钟", "天", "日", "周", "月", "年"},
    key=len,
    reverse=True,
)
_RANK_NUMERALS = "0123456789一二三四五六七八九十百"  # the characters of a rank's numeral (第3名)
_RANK_WORDS = ("次", "位", "名")
_YEAR_ENDS = ("年末", "年底", "底", "末", "初")
_RANK_TAIL = regex.compile(
    r"(?r)(?:每(?:" + "|".join(map(regex.escape, _PER_UNITS)) + r")"  # 每小时: the divisor of a rate
    rf"|(?:位列|排名|排在|排)?第[{_RANK_NUMERALS}]++(?:{'|'.join(_RANK_WORDS)})?"
    rf"|(?:截至|到|至|在|于)?(?:19|20)[0-9]{{2}}年(?:{'|'.join(_YEAR_ENDS)})?)$"
)
# The characters a match of _RANK_TAIL can end with (a newline: ``$`` matches before a last one):
# a text that ends otherwise is not tried.
_RANK_TAIL_LASTS = frozenset(
    {word[-1] for word in (*_PER_UNITS, *_RANK_WORDS, *_YEAR_ENDS, "年", "\n")} | set(_RANK_NUMERALS)
)


# --------------------------------------------------------------------------------------------
# words and their part of speech


@cache
def word_classes() -> dict[str, frozenset[str]]:
    """Coarse part of speech → words: jieba's common short words (at most four characters) as
    tests/tools/build_vocab.py groups them into word_classes.txt (``noun``, ``verb``, ``adj``,
    ``function`` — prepositions, conjunctions, particles, pronouns —, ``adverb`` — adverbs, time
    and place words —, ``numeral``, ``nounverb`` — nouns that can be verbs — and ``other``), and ``suffix``, characters that make a noun of the word before them
    (率, 费, 者). Read on first use: the table serves subjects only."""
    path = Path(__file__).with_name("word_classes.txt")
    out: dict[str, frozenset[str]] = {}
    if path.exists():  # absent only while tests/tools/build_vocab.py builds it
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if not line.startswith("#") and "\t" in line:
                    name, _, words = line.rstrip("\n").partition("\t")
                    out[name] = frozenset(words.split())
    return out


#: Classes that can head a noun phrase: nouns, words that are nouns except as a predicate
#: (``nounverb``: 选手, 大跌), and characters the dictionary does not hold (rare characters of
#: names); Latin letters are nouns (GDP, iPod, N8).
HEAD_CLASSES = frozenset({"noun", "nounverb", ""})
#: Longest word of the table.
WORD_MAX = 4
#: How many texts :func:`words_of` keeps cut (and :func:`_strip_tail` stripped): the spans of the
#: few claims around the one read.
WORDS_CACHE = 256
#: Only texts up to this long are kept (the cache's memory stays small whatever a page's clauses).
CACHED_CHARS = PHRASE_WINDOW
_ASCII_WORD = regex.compile(r"(?r)[A-Za-z0-9]++$")
_CLAUSE_BREAK = regex.compile(f"[{regex.escape(CLAUSE_BREAKS)}]")
#: Words for units and currencies, which follow a number without naming what it measures (元人民币).
_UNIT_WORDS = frozenset((*lx.CURRENCIES, *lx.QUANTITY_UNITS, *lx.CLASSIFIERS, *lx.HEADCOUNT_UNITS, "人民币"))


def word_class(word: str) -> str:
    """The class of ``word`` in :func:`word_classes`; 'latin', 'digits', 'punct', or '' when unknown."""
    if word.isascii() and word.isalnum():
        return "digits" if word.isdigit() else "latin"
    if not _HAN.match(word):
        return "punct"
    return _class_table().get(word, "")


@cache
def _class_table() -> dict[str, str]:
    """Word → class for every word of :func:`word_classes` (the first class a word is listed in),
    with the lexicon's rate nouns as nouns (增速, 涨幅: jieba tags some as verbs): one lookup per
    word tried while cutting a text."""
    table: dict[str, str] = {}
    for name, words in word_classes().items():
        if name != "suffix":
            for word in words:
                table.setdefault(word, name)
    for word in _RATE_NOUNS:
        if word in table:
            table[word] = "noun"
    return table


def words_of(text: str) -> list[tuple[str, str]]:
    """``text`` as (word, class) pairs, cut by longest match from the end (a noun phrase is read
    from its head); Latin letters and digits are one word each run. A noun suffix joins the word
    before it (供养率), and two single characters the dictionary does not hold as a word, the
    first a noun's or a modifier's, are read as one noun (网签, 美团).

    >>> [w for w, _ in words_of('美团获得')], [c for _, c in words_of('然而')]
    (['美团', '获得'], ['function'])
    """
    if not text:
        return []
    return list(_cut_cached(text) if len(text) <= CACHED_CHARS else _cut(text))


def _cut(text: str) -> tuple[tuple[str, str], ...]:
    """:func:`words_of` as a tuple (cached for short texts: a claim's subject is read from the
    same spans several times — its clause, the text after it, their ends)."""
    out = []
    end = len(text)
    known_class = _class_table().get
    is_han = _HAN.match
    while end > 0:
        last = text[end - 1]
        if last.isascii() and last.isalnum():  # what _ASCII_WORD needs to match at all
            ascii_run = _ASCII_WORD.match(text, 0, end)
            out.append((ascii_run.group(), word_class(ascii_run.group())))
            end = ascii_run.start()
            continue
        for length in _WORD_LENGTHS:
            if length <= end:
                word = text[end - length : end]
                known = known_class(word)  # only Han words are in the table
                if known:
                    out.append((word, known))
                    end -= length
                    break
        else:
            out.append((last, known_class(last, "") if is_han(last) else "punct"))  # word_class of one character
            end -= 1
    out.reverse()
    suffixes = word_classes().get("suffix", frozenset())
    merged: list[tuple[str, str]] = []
    before, before_cls = "", "punct"  # the last word merged
    for word, cls in out:
        if before_cls not in _NO_SUFFIX_AFTER and (
            word in suffixes  # 供养率, 签字费: a noun suffix makes one noun with the word before
            or len(word) == len(before) == 1
            and cls not in _NO_JOIN
            and before_cls in _JOIN_AFTER
        ):  # 网签, 低保: two characters the dictionary does not hold, the first a noun's or a modifier's
            before, before_cls = before + word, "noun"
            merged[-1] = (before, before_cls)
        else:
            before, before_cls = word, cls
            merged.append((word, cls))
    return tuple(merged)


#: The lengths of the table's words of two characters or more, longest first (the cut is greedy).
_WORD_LENGTHS = tuple(range(WORD_MAX, 1, -1))
#: Classes of a word that nothing joins: no noun suffix, no second character of a noun.
_NO_SUFFIX_AFTER = frozenset(("function", "adverb", "numeral", "punct", "digits", "latin"))
#: Classes of a single character that does not join the one before it into a noun.
_NO_JOIN = frozenset(("function", "adverb", "numeral", "punct"))
#: Classes of a single character that a second one joins into a noun (网签, 低保).
_JOIN_AFTER = frozenset(("noun", "adj", ""))
_cut_cached = lru_cache(maxsize=WORDS_CACHE)(_cut)


def _opens_nothing(first: tuple[str, str], second: tuple[str, str]) -> bool:
    """A word at the start of a phrase that does not belong to its noun: punctuation, a function
    word (然而, 由, 从), an adverb or time word of two characters or more (目前, 全年). A single
    character stays before another single character (同盾, 中登: a name the dictionary lacks), and
    a single adverb stays always (非食品, 中…: a negation or a place changes the noun)."""
    word, cls = first
    if cls == "punct":
        return True
    if cls == "function":
        return len(word) > 1 or len(second[0]) > 1
    return cls == "adverb" and len(word) > 1


def _is_head(word: str, cls: str) -> bool:
    return (cls in HEAD_CLASSES or cls == "latin" or word in lx.GENERIC_HEADS) and not _is_modal(word, cls)


def noun_phrase(phrase: str, events: bool = False, before_number: bool = True) -> str:
    """The noun phrase in ``phrase``: words that cannot end one (adverbs, particles, pronouns,
    time words, numerals, adjectives, punctuation, a one-character verb, and a verb after a noun)
    are removed from its end, and function words from its start.

    With no noun left, what remains is kept when it is a verb phrase of two words or more
    without function words (带动就业, 连续加息: an event counted), or one verb of two characters
    that is not the predicate of the number (增速比上年的26.1%; with ``events``, for a count of
    times or an amount, also a predicate: 再加息两次, 获利约8400元); it is '' otherwise (即, 有, 然而,
    大跌12.07%). A noun phrase that holds a link verb between nouns is cut to the verb's object
    (全市共有养老机构 → 养老机构). With ``before_number`` (the phrase stands right before its number), its last word
    is read as a verb when it can be one (大跌).

    >>> noun_phrase('他自己签约拿'), noun_phrase('然而'), noun_phrase('美团获得'), noun_phrase('后市可能考验')
    ('', '', '美团', '后市')
    """
    words = words_of(phrase.strip()[-PHRASE_WINDOW:])
    if before_number and words and words[-1][1] == "nounverb" and not _noun_compound(words):
        words[-1] = (words[-1][0], "verb")
    after: list[str] = []  # classes removed from the end
    while words and not _is_head(*words[-1]):
        word, cls = words[-1]
        if cls == "verb" and len(word) > 1 and not _is_modal(word, cls) and not any(_is_head(*w) for w in words[:-1]):
            break  # a verb phrase: kept whole, or refused below
        if len(words) == 2 and len(words[0][0]) == 1 and _is_head(*words[0]) and cls != "punct":
            break  # 美股, 刑拘: one character is no noun phrase; the two are one word the dictionary lacks
        after.append(cls)
        words.pop()
    while len(words) > 1 and _opens_nothing(words[0], words[1]) and sum(len(w) for w, _ in words[1:]) > 1:
        words.pop(0)
    if len(words) == 1 and words[0][1] in ("function", "adverb", "numeral", "punct", "digits"):
        words.pop()
    if any(_is_head(*w) for w in words):
        return _object_of(words)
    if len(words) >= 2 and words[-1][1] == "verb" and all(cls in ("verb", "adj", "other") for _, cls in words):
        return "".join(w for w, _ in words)  # 大规模集中减持套现: a modifier (jieba b: other) and verbs
    lone = bool(words) and words[-1][1] == "verb" and all(cls in ("adverb", "function") for _, cls in words[:-1])
    if lone and "verb" not in after and (after or events and not words[-1][0].endswith(lx.CHANGE_MORPHEMES)):
        return "".join(w for w, _ in words)  # 增速比上年的, 再加息两次: one verb and its adverbs
    return ""


def _noun_compound(words: list[tuple[str, str]]) -> bool:
    """The last word, one the dictionary reads as a noun except as a predicate, ends a compound
    noun right before the number (额度上限3000亿元: after a noun or 的), unless it is a verb of
    change (沪指大跌12.07%) — then, and after a verb or an adverb (据统计, 即), it is the predicate."""
    if words[-1][0].endswith(lx.CHANGE_MORPHEMES):
        return False
    if len(words) == 1:
        return len(words[0][0]) > 1  # 身高1米: a noun of two characters alone is no predicate (即 is)
    before, cls = words[-2]
    return cls == "noun" or before == "的"


def _object_of(words: list[tuple[str, str]]) -> str:
    """The object of the last link verb of :data:`lexicon.LINK_VERBS` that stands between nouns
    (全市共有养老机构 → 养老机构), when it is a noun phrase of two words or more; else the whole
    phrase. Action verbs are part of compounds (社会救助资金支出) and do not cut."""
    for i in range(len(words) - 2, 0, -1):
        word = words[i][0]
        if len(word) > 1 and word in lx.LINK_VERBS:
            rest = words[i + 1 :]
            if len(rest) >= 2 and any(_is_head(*w) for w in rest) and any(_is_head(*w) for w in words[:i]):
                return "".join(w for w, _ in rest)
            break
    return "".join(w for w, _ in words)


def _is_modal(word: str, cls: str) -> bool:
    """A modal word (可能, 将会) of :data:`lexicon.MODAL_WORDS`, whatever the dictionary calls it,
    except the ones it calls nouns of comparison (同比, 环比: a 同比增速 is a noun phrase)."""
    return word in _MODAL_SET and (cls != "noun" or word not in lx.RELATION_WORDS)


def _nominal(noun: str, classifier: bool = False) -> str:
    """The noun phrase that opens ``noun`` (the text after a number), cut at a verb that follows
    a noun and does not modify a noun after it (客户加仓 → 客户; 签字费, 违约金 and 城乡低保标准
    stay whole); '' when it holds no noun (下降). After a ``classifier`` a noun phrase is what
    the grammar puts there, whatever class the dictionary gives a first word of two characters
    before a noun (本科毕业生); otherwise it must not open with a function word (30%由外资…)."""
    kept: list[tuple[str, str]] = []
    words = words_of(noun)
    opens_badly = bool(words) and words[0][1] in ("function", "adverb", "numeral", "punct", "digits")
    if opens_badly and (not classifier or len(words[0][0]) == 1 or len(words) == 1):
        return ""  # 2000点那时候, 30%由外资…: a pronoun or a preposition follows the number
    for i, (word, cls) in enumerate(words):
        modifier = i + 1 < len(words) and _is_head(*words[i + 1])  # 城乡低保标准: a verb before a noun modifies it
        if cls == "verb" and not modifier and any(_is_head(*w) for w in kept):
            break
        kept.append((word, cls))
    while kept and not _is_head(*kept[-1]):
        kept.pop()
    return "".join(w for w, _ in kept)


# --------------------------------------------------------------------------------------------
# lists: A、B和C分别增长x、y和z

_JOINERS = ("以及", "、", "和", "及", "与")
#: The joiners tried in turn when a list's items do not pair with its values: all of them, then
#: without 及 (用品及服务 is one item), then the enumeration comma alone (交通和通信、居住).
_JOINER_SETS = (_JOINERS, ("以及", "、", "和", "与"), ("、",))
_NEXT_VALUE = regex.compile(
    r"\s*+(?:以及|、|和|及|与)\s*+(?:约|近|超过)?+[0-9０-９][0-9０-９.．,，%％‰]*+[^\W\d_、和及与]{0,4}+"
)
_PREV_VALUE = regex.compile(
    r"(?r)(?:约|近|超过)?[0-9０-９][0-9０-９.．,，%％‰]*[^\W\d_、和及与]{0,4}\s*(?:以及|、|和|及|与)\s*$"
)
#: A list of values and its items are looked for this far around a claim.
LIST_WINDOW = 120


def _list_item(text: str, start: int, end: int, kind: str) -> str:
    """The subject of a value in a list of values: the noun the whole list measures when one
    follows its last value (3600点、3500点、3400点的支撑; for counts, 2只、1只、1只企业债券), else
    the item of a list of items it pairs with by position (出口额和进口额分别增长8.9%和10.2% →
    出口额 / 进口额). '' when the claim is not in a list of values, or nothing names it so."""
    first, before = start, 0
    while (m := _PREV_VALUE.match(text, max(0, first - 40), first)) is not None:
        first, before = m.start(), before + 1
    last, after, last_start = end, 0, start
    while (m := _NEXT_VALUE.match(text, last, min(len(text), last + 40))) is not None:
        last, after, last_start = m.end(), after + 1, m.start()
    if before + after == 0:
        return ""
    shared = _after_list(text, start, end, last_start, kind)
    if shared and kind in ("count", "headcount", "quantity"):
        return shared
    i = first
    while i > max(0, first - LIST_WINDOW) and text[i - 1] not in POST_BREAKS:
        i -= 1
    listed = _predicate_cut(_QUOTES.sub("", text[i:first]))
    for joiners in _JOINER_SETS:  # 其他用品及服务、教育文化娱乐价格: 及 may join inside an item
        items = _split_items(listed, joiners)
        if len(items) == before + after + 1:
            break
    if len(items) != before + after + 1 or any(regex.search(r"[0-9０-９]", item) for item in items):
        return shared
    named = [_item_name(item) for item in items]
    return named[before] if all(named) else shared


def _item_name(item: str) -> str:
    """The name an item of a list gives its value: the item itself, without a time before it and
    the words that open nothing (其中, 然而); the list's joiners already delimit it, so a verb or a
    coordinated noun inside it stays (其他用品及服务, 居住). Items of one character name nothing."""
    words = words_of(_strip_time(item).strip())
    while len(words) > 1 and _opens_nothing(words[0], words[1]) and sum(len(w) for w, _ in words[1:]) > 1:
        words.pop(0)
    while words and words[-1][1] in ("punct", "function") and words[-1][0] not in _JOINERS:
        words.pop()
    name = "".join(w for w, _ in words)
    return name if len(name) >= 2 and _HAN.match(name) else ""


_DIGITS_RUN = regex.compile(r"[0-9０-９][0-9０-９.．,，%％‰]*+")


def _after_list(text: str, start: int, end: int, last_start: int, kind: str) -> str:
    """The noun after the last value of a list, read as the values' shared noun: after 的, or
    right after the classifier of a count. The last value is taken to share this claim's unit."""
    own = _DIGITS_RUN.search(text, start, end)
    at = _DIGITS_RUN.search(text, last_start, min(len(text), last_start + 40))
    if own is None or at is None:
        return ""
    unit = text[own.end() : end]
    if not text.startswith(unit, at.end()):
        return ""
    tail = at.end() + len(unit)
    if text.startswith("的", tail):
        noun = _after_de(post_noun(text, tail + 1))
    elif kind in ("count", "headcount", "quantity") and unit:
        noun = _nominal(post_noun(text, tail), classifier=True)
    else:
        return ""
    return noun if _names_it(noun) else ""


def _predicate_cut(items: str) -> str:
    """The items without the predicate that joins them to their values (分别增长, 每年发行)."""
    while True:
        cut = _strip_tail(items)
        words = words_of(cut)
        while words and not _is_head(*words[-1]) and words[-1][0] not in _JOINERS:
            words.pop()
        cut = "".join(w for w, _ in words)
        if cut == items:
            return cut
        items = cut


def _split_items(items: str, joiners: tuple[str, ...] = _JOINERS) -> list[str]:
    out, current = [], []
    for word, _cls in words_of(items):
        if word in joiners:
            out.append("".join(current))
            current = []
        else:
            current.append(word)
    out.append("".join(current))
    return [item for item in out]


def _strip_time(item: str) -> str:
    when = _TIME_PREFIX.match(item)
    return item[when.end() :] if when and len(item) > when.end() else item


# --------------------------------------------------------------------------------------------
# the subject


def find_subject(text: str, start: int, end: int, kind: str, floor: int, previous: str, topic: str = "") -> str:
    """The subject of the claim at ``text[start:end]``.

    ``floor`` is where the text before the claim may start at the earliest (the end of the claim
    before it in the same clause); ``previous`` is that claim's subject ('' when none); ``topic``
    is the subject of the last quantity that is not a percent measured earlier in the sentence
    (else of its first claim), which a growth rate in a later clause describes
    (出让金额为368.53亿元，仅完成全年任务的13%，同比下降1成; 中小板指本周大跌13.30%，…，前一周大跌9.42%).

    >>> s = '累计发放医疗救助资金3753.57万元，救助困难群众2824人'
    >>> a, b = s.index('3753'), s.index('2824')
    >>> find_subject(s, a, a + 9, 'amount', 0, ''), find_subject(s, b, b + 5, 'headcount', a + 9, '医疗救助资金')
    ('医疗救助资金', '困难群众')
    """
    listed = _list_item(text, start, end, kind)
    if listed:
        return listed[-MAX_SUBJECT:]
    de = _per_unit_end(text, end)  # 1元/小时的柜机: 的 follows the unit's divisor
    if kind in ("count", "headcount", "quantity"):
        after = post_noun(text, end)
        noun = _nominal(after, classifier=True) or _event_after(text, end, after)
        if noun and noun not in lx.GENERIC_HEADS and (kind != "quantity" or _names_it(noun)):
            return noun  # not 4000点关口: a level's mark names nothing
    if (
        kind not in ("count", "headcount")
        and text.startswith("的", de)
        and not _threshold(text, start, end, floor)
        and not _SHARE_HEADS.suffix(_pre(text, start, floor))
        and not (kind == "quantity" and _attribute_before(text, start, floor))
    ):
        noun = _after_de(post_noun(text, de + 1))  # 600元的托育机构照护补贴, 50%的企业, 10平方米的饮品店
        if _names_it(noun):
            return noun
    after_noun = "" if kind in ("count", "headcount", "quantity") else _nominal(post_noun(text, end))
    if kind == "percent" and _names_it(after_noun):
        return after_noun  # 7成购房者, 10%左右市场份额: a share of what follows
    pre = _pre(text, start, floor)
    if kind == "percent" and topic and _CLAUSE_BREAK.search(text, floor, start):
        previous = topic  # a rate in a clause of its own says how the quantity measured before changed
    if kind == "quantity" and pre[-1:] in lx.DIMENSION_WORDS and words_of(pre[-WORD_MAX:])[-1][0] == pre[-1]:
        named = noun_phrase(_from_pre(pre[:-1], "")[0]) if len(pre) > 1 else ""
        return (named + pre[-1])[-MAX_SUBJECT:]  # 新浪漫号长220.6米、宽30.8米: the dimension measured
    if kind == "count" and text[end - 1 : end] in lx.VERBAL_CLASSIFIERS:
        events = _events_before(pre)
        if events:
            return events  # 开展摆摊宣传700余次: the verbs before a count of times name the events
    passive = _PASSIVE.search(pre) if kind in ("count", "amount", "headcount") else None
    if passive:
        return passive.group(1)  # 被骗走139万元, 被扣了12元: what the amount was taken by
    subject, verb = _from_pre(pre, previous, events=kind in ("count", "amount", "headcount"))
    if subject and previous and subject.startswith(previous):
        return subject[-MAX_SUBJECT:]  # borrowed: 美团的成交额 + 同比增速
    if kind == "amount" and _ends_in_verb(subject) and (_names_it(after_noun) or after_noun in lx.GENERIC_HEADS):
        return after_noun  # 每人每年补助100元运营补贴, 获得7亿美元融资, 配30万元资金: the verb's object, measured
    acted = _acted(subject) if kind == "amount" and not verb else ""
    if acted:
        return acted[-MAX_SUBJECT:]  # 大股东及高管集中减持套现5000亿元: the amount of what was done
    subject = noun_phrase(subject, events=kind in ("count", "amount", "headcount"))
    if subject:
        return subject[-MAX_SUBJECT:]
    unit_noun = next((w for w in lx.UNIT_NOUNS if text.endswith(w, start, end)), "")
    if unit_noun:
        return unit_noun  # 14亿人口使…: the unit names what is counted
    if not verb and _names_it(after_noun):
        return after_noun  # 拿到600万美元签字费, 以100万元本金: the amount of what follows
    if verb or not previous:
        after = _post_text(text, end)
        if (
            after
            and not verb
            and (
                _opens_predicate(after, text, end)
                or not any(_is_head(*w) for w in words_of(after))
                or not _names_it(after)
            )
        ):
            after = ""  # 3343亿份下降38%, 56%和39%: a predicate or a conjunction after the number names nothing
        elif not verb and after.startswith("的") and len(after) > 2:
            after = after[1:]  # 从2500公里的目标: the noun 的 attaches the number to
        if after:
            return (verb + after)[:MAX_SUBJECT]
        if verb:
            return verb  # 覆盖逾10万户: the verb alone says what was counted
    if not previous:
        clause = _previous_clause(text, start, floor)
        if clause:
            return clause[-MAX_SUBJECT:]
    return previous or verb


def _acted(pre: str) -> str:
    """``pre`` when it is a noun phrase followed by a run of verbs of two characters or more that
    ends right before an amount (上市公司大股东及高管集中减持套现, 公司亏损): the amount measures what
    the actor did, and the subject keeps both. '' when the run holds a verb of change (利润增长3亿元
    measures the change of 利润) or a link, or when no noun comes before it."""
    words = words_of(pre)
    run: list[str] = []
    while words and words[-1][1] == "verb":
        run.insert(0, words.pop()[0])
    while words and words[-1][1] == "adverb" and len(words[-1][0]) == 1:
        run.insert(0, words.pop()[0])  # 已, 共: kept with the verbs
    verbs = "".join(run)
    if (
        len(verbs) < 2
        or not any(_is_head(*w) for w in words)
        or any(w.endswith(lx.CHANGE_MORPHEMES) or w in _LINK_SET or w in _RELATION_SET for w in run)
    ):
        return ""
    before = "".join(w for w, _ in words)
    named = noun_phrase(before, before_number=False)
    at = before.rfind(named) if named else -1
    return (before[at:] if at >= 0 else named) + verbs  # 小型车辆每月 + 缴费: what stands between stays


def _events_before(pre: str) -> str:
    """The run of verbs that ends ``pre`` (蓬江警方共组织开展摆摊宣传 → 开展摆摊宣传), without a framing
    action verb at its head when more follows (→ 摆摊宣传); '' when the run is shorter than two
    characters or holds a verb of change (增加3次: how often a quantity changed is no event named)."""
    words = words_of(_strip_tail(pre, full=False))
    run: list[str] = []
    while words and words[-1][1] in ("verb", "nounverb"):
        run.insert(0, words.pop()[0])
    while len(run) > 1 and run[0] in lx.ACTION_VERBS:
        run.pop(0)
    name = "".join(run)
    if len(name) < 2 or any(w.endswith(lx.CHANGE_MORPHEMES) for w in run) or name in _LINK_SET:
        return ""
    return name


def _attribute_before(text: str, start: int, floor: int) -> bool:
    """A noun stands right before a quantity (模拟海拔3.7公里的房间, 面积500平方米的广场): the noun
    is the dimension measured, and what follows 的 is the thing that has it."""
    words = words_of(text[max(floor, start - WORD_MAX) : start])
    return bool(words) and words[-1][1] in ("noun", "nounverb") and len(words[-1][0]) > 1


def _per_unit_end(text: str, end: int) -> int:
    """Where the text after a claim goes on past the divisor of its unit (1元/小时的柜机)."""
    m = _PER_UNIT.match(text, end, min(len(text), end + 6))
    return m.end() if m else end


def _opens_predicate(after: str, text: str, end: int) -> bool:
    """The text after a number opens with a verb that takes a number of its own (下降38%)."""
    words = words_of(after)
    return (
        bool(words)
        and words[0][1] in ("verb", "nounverb")
        and _NUMBER_AFTER.match(text, end + len(words[0][0])) is not None
    )


_NUMBER_AFTER = regex.compile(r"[^0-9０-９，,。；;]{0,3}+[0-9０-９]")


def _ends_in_verb(phrase: str) -> bool:
    """``phrase`` (the text right before a number) ends in a verb: the number is its object."""
    words = words_of(phrase[-WORD_MAX:])
    return bool(words) and words[-1][1] in ("verb", "nounverb")


def _after_de(after: str) -> str:
    """The noun after 的: a noun phrase, or one verb of two characters, which 的 makes a noun
    (3400点的支撑)."""
    words = words_of(after)
    if len(words) == 1 and words[0][1] == "verb" and len(after) > 1:
        return after
    return _nominal(after)


def _event_after(text: str, end: int, after: str) -> str:
    """Verbs alone after a count that end their clause name the events counted (6宗中止出让，); a
    verb followed by more (3343亿份下降38%) is a predicate."""
    words = words_of(after)
    closes = end + len(after) >= len(text) or text[end + len(after)] in NOUN_BREAKS
    return after if closes and words and all(cls == "verb" for _, cls in words) else ""


def _threshold(text: str, start: int, end: int, floor: int) -> bool:
    """A bound after a noun that selects what follows 的 (跌幅超过50%的个股, 市场占有率不足5%的系统):
    the number measures the noun before it, not the things selected."""
    claim = text[start:end]
    bounded = any(claim.startswith(w) for w, b in lx.QUALIFIERS_BEFORE.items() if b != "approximate") or any(
        claim.endswith(w) for w, b in lx.QUALIFIERS_AFTER.items() if b != "approximate"
    )
    words = words_of(_pre(text, start, floor))
    return bounded and bool(words) and _is_head(*words[-1])  # 跌幅超过50%, not 管理着近百亿元


def _names_it(noun: str) -> bool:
    """A noun after a number that can name what it measures: not a generic head (人数), a level
    (5%的水平) or a unit (元人民币)."""
    return (
        bool(noun)
        and noun not in lx.GENERIC_HEADS
        and not noun.startswith(lx.ABSTRACT_HEADS)
        and noun not in _UNIT_WORDS
    )


def post_noun(text: str, end: int) -> str:
    """The noun right after a classifier, up to a particle, a verb or the end of the clause; a
    stop word inside a longer dictionary noun does not end it (违约金, 行为)."""
    if text[end : end + 1] in ("(", "（", "["):
        return ""  # 9所(含民办…): a note about the number, not what it counts
    j = end
    while (
        j < len(text)
        and j - end < 16
        and text[j] not in NOUN_BREAKS
        and not text[j].isspace()
        and not text[j].isdigit()
    ):
        j += 1
    out = []
    for word, cls in words_of(text[end:j]):
        stop = _POST_STOPS.prefix(word)
        if stop and (stop == word or cls not in HEAD_CLASSES):
            break
        out.append(word)
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


def _from_pre(pre: str, previous: str, events: bool = False) -> tuple[str, str]:
    """(subject, framing verb) from the text before a number."""
    pre = _after_speech(pre)  # 魏少军表示，… / 暗示…: what was said
    pre = _past_time(pre, events)  # 自去年年初以来连续加息 → 连续加息; 上证综指自4月以来首次跌破 → 上证综指首次跌破
    light = _strip_tail(pre, full=False)
    if light in lx.CONNECTORS:
        light = ""
    if previous and _RELATIONS.prefix(light):
        if _SHARES.prefix(light) or _RATE_HEADS.suffix(light):
            return previous + light, ""  # 占全市总人口的, 同比增速: a share or a rate, said of the claim before
        return previous, ""  # 同比增长, 高于全区: the same quantity compared; the baseline column keeps 全区
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
    if clause in _SPEECH or clause in lx.LEADING_SCAFFOLD:
        return ""  # 据统计，共3人: the clause only frames what follows
    clause = _after_speech(clause)
    when = _TIME_PREFIX.match(clause)
    if when and len(clause) > when.end():
        clause = clause[when.end() :]
    for pos in range(1, len(clause)):
        word = _LINKS.prefix(clause, pos) or _RELATIONS.prefix(clause, pos)
        if len(word) > 1:
            if "的" not in clause[pos + len(word) :]:  # 市值超过千亿的上市公司: it modifies the noun after 的
                clause = clause[:pos]
            break
    while True:
        word = _SCAFFOLD.prefix(clause)
        if not word or len(clause) <= len(word):
            break
        clause = clause[len(word) :]
    clause = _strip_tail(clause)
    return clause if len(clause) >= 2 and _HAN.match(clause) else ""


def _past_time(pre: str, events: bool) -> str:
    """``pre`` without a time span that ends in :data:`lexicon.TIME_ENDINGS` (自去年年初以来): what
    follows it when that holds a noun or, with ``events`` (a count, an amount), names them
    (连续加息十次); else what stood before the span's 自/从 and what follows (上证综指 + 首次跌破)."""
    rest = _after_last(pre, lx.TIME_ENDINGS)
    if rest == pre or any(_is_head(*w) for w in words_of(rest)) or events:
        return rest
    cut = len(pre) - len(rest)
    opened = max(pre.rfind(w, 0, cut) for w in _SPAN_OPENERS)
    head = pre[:opened] if opened > 0 else ""
    return head + rest if head and any(_is_head(*w) for w in words_of(head)) else rest


#: Words that open a time span before :data:`lexicon.TIME_ENDINGS` (自4月以来, 从去年以来).
_SPAN_OPENERS = ("自", "从", "自从")


def _after_speech(text: str) -> str:
    """:func:`_after_last` of the verbs of saying: one search tells the many texts with none."""
    return _after_last(text, _SPEECH) if _ANY_SPEECH.search(text) else text


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
        if len(rest) >= 2 and not _LINKS.prefix(rest) and any(c in ("noun", "latin") for _, c in words_of(rest)):
            return rest  # not 证金公司将增资至: 将 is the future there, with no object
    return pre


def _strip_tail(pre: str, full: bool = True) -> str:
    """Remove link verbs, qualifiers and particles from the end; with ``full``, also rate words,
    modal words, relation verbs and rank or time phrases (位列第二, 到2023年年末).

    One pass from the end with an index: each word removed costs its own length, so a run of
    qualifier words (约近超过约近超过…) is stripped in linear time. Cached for short texts: a
    claim's subject strips the same text more than once (a third of the calls on the corpus)."""
    return _stripped_cached(pre, full) if len(pre) <= CACHED_CHARS else _stripped(pre, full)


def _stripped(pre: str, full: bool) -> str:
    """:func:`_strip_tail`."""
    tables, lasts = (_TAIL_TABLES, _TAIL_LASTS) if full else (_LIGHT_TABLES, _LIGHT_LASTS)
    end = len(pre)
    changed = True
    while changed and end:
        changed = False
        rank = _RANK_TAIL.match(pre, 0, end) if full and pre[end - 1] in _RANK_TAIL_LASTS else None
        if rank and rank.start() > 0:
            end = _rstrip(pre, rank.start())
            changed = True
            continue
        if pre[end - 1] not in lasts:
            break  # no word of the tables ends here
        for table in tables:
            word = table.suffix(pre, end)
            if word and not (len(word) == 1 and (_FALSE_ENDINGS.suffix(pre, end) or _noun_ending(pre, end))):
                end = _rstrip(pre, end - len(word))
                changed = True
                break
    return pre[:end]


_stripped_cached = lru_cache(maxsize=WORDS_CACHE)(_stripped)

#: The tables :func:`_strip_tail` strips (all, and the light ones), with the characters their words end in.
_TAIL_TABLES = (_LINKS, _QUALS, _RATES, _MODALS, _TAIL_RELATIONS, _PARTICLES)
_LIGHT_TABLES = (_LINKS, _QUALS, _PARTICLES)
_TAIL_LASTS = frozenset(ch for table in _TAIL_TABLES for ch in table.last)
_LIGHT_LASTS = frozenset(ch for table in _LIGHT_TABLES for ch in table.last)


def _noun_ending(pre: str, end: int) -> bool:
    """The last two characters before ``end`` are a noun of the dictionary (日报, 会计, 行为): its
    last character is not a one-character link word (报, 计, 为) to strip."""
    return end >= 2 and word_class(pre[end - 2 : end]) == "noun"


def _rstrip(text: str, end: int) -> int:
    """``end`` moved left over white space."""
    while end and text[end - 1].isspace():
        end -= 1
    return end


def _split_at_link(pre: str) -> str:
    """低保标准分别提高到月人均 → 低保标准: cut at a link verb followed only by rate words."""
    firsts = _LINKS.first
    for pos in range(len(pre) - 1, 0, -1):
        if pre[pos] not in firsts:
            continue  # no link verb starts here
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
