"""Numerals: runs of digits and Chinese numerals read into exact values, before any unit.

How it works, in linear passes and no pattern that can backtrack:

1. A possessive character-class pattern finds each *run* of numeral characters (Arabic digits,
   Chinese and financial digits, 十百千万亿, 点, separators). Runs are split into tokens by hand.
2. A small recursive evaluator reads the tokens: sections of 千百十, big units 万/亿 (stacked:
   千万亿), 零, colloquial forms (一百二 = 120, 三万五 = 35000), digit-by-digit readings
   (一七二零 = 1720), mixed forms (3.5万, 1万2千, 200亿零四千230) and decimals (十二点五亿).
   Values are :class:`decimal.Decimal`, never floats.

Offsets are into the text given; the search runs on a width-folded copy of the same length
(:func:`fold`).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

import regex

from ..text import _WIDTH_TABLE, REGEX_TIMEOUT, fold_width
from . import lexicon as lx
from .units import unit_length, unit_starts

#: Runs of more numeral tokens than this are not numbers (a hostile string of numerals).
MAX_TOKENS = 40

#: Arabic numbers of more digits than this are identifiers or garbage, not quantities.
MAX_DIGITS = 24

#: Texts of fewer characters than this run their patterns without the time bound. Every pattern
#: here is possessive, so on a text this short even a scan that retried at every position would end
#: within milliseconds; the bound itself costs each call several microseconds (more than the match
#: on a sentence), which over the calls of a page was about a twentieth of its time.
BOUND_MIN_CHARS = 1000


def time_bound(text: str | int) -> float | None:
    """The ``timeout`` for a pattern run on ``text`` (or on a span of that many characters):
    :data:`~extractor.text.REGEX_TIMEOUT` on a long text (untrusted input that could hold a
    hostile run), None on a short one.

    >>> time_bound("增长8%"), time_bound("1-" * 600), time_bound(60)
    (None, 5.0, None)
    """
    return REGEX_TIMEOUT if (text if isinstance(text, int) else len(text)) >= BOUND_MIN_CHARS else None


def bounded(text: str | int) -> dict[str, float]:
    """:func:`time_bound` as the keyword arguments of a pattern call (``pattern.search(text,
    **bounded(text))``): ``timeout`` on a long text, none at all on a short one, where parsing even
    ``timeout=None`` costs about as much as a short match.

    >>> bounded("增长8%"), bounded("1-" * 600), bounded(60)
    ({}, {'timeout': 5.0}, {})
    """
    timeout = time_bound(text)
    return _UNBOUNDED if timeout is None else {"timeout": timeout}


_UNBOUNDED: dict[str, float] = {}


_CN_CHARS = lx.NUMERAL_CHARS

_CN = f"[{_CN_CHARS}点點]"

#: The Chinese digit characters (for callers that need to tell a Chinese numeral).
CN_DIGITS = "".join(lx.DIGITS)

# A run: numeral characters, with up to three spaces allowed next to a Chinese numeral character
# ("7 万5 千", "四百 点 五") but never between two Arabic digits.
_RUN = regex.compile(
    rf"[0-9{_CN_CHARS}](?:[0-9.,{_CN_CHARS}点點]|[ \t]{{1,3}}+(?={_CN})|(?<={_CN})[ \t]{{1,3}}+(?=[0-9]))*+"
)

_ARABIC = regex.compile(r"[0-9]{1,3}+(?:,[0-9]{3}+)++(?![0-9])(?:\.[0-9]++)?+|[0-9]++(?:\.[0-9]++)?+")

# A full-width comma is a thousands separator between full-width digits (４，５６５), or before three
# digits that go on with a decimal or another group (82，225.00元); elsewhere it ends a clause.
_FW_THOUSANDS = regex.compile(r"(?<=[０-９])，(?=[０-９]{3})|(?<=[0-9])，(?=[0-9]{3}+[.,，][0-9])")
# A chain of two or more full-width commas between groups of three digits is thousands
# separators whatever follows (12，345，678元), as is one comma in a cell that is only a number.
_FW_CHAIN = regex.compile(r"(?<![0-9])[0-9]{1,3}+(?:，[0-9]{3}+(?![0-9]))(?:，[0-9]{3}+(?![0-9]))++")


# A comma right after a digit: both patterns above need one.
_DIGIT_COMMA = regex.compile(r"[0-9０-９]，")


class Numeral(NamedTuple):
    """A parsed numeral before its unit is read: the bare number and what it is made of
    (a NamedTuple: built several times per number, at a third of a frozen dataclass's cost)."""

    start: int
    end: int
    value: Decimal
    chinese: bool
    """Written with Chinese numerals only (no Arabic digit)."""
    lone: bool
    """A single Chinese digit, 十 alone, or two digits read one by one: only a number next to a
    unit, a classifier or 第."""
    multiplier: Decimal = Decimal(1)
    """The multiplier that ends the numeral (3-5万: the 5万 carries 10^4), 1 when none."""
    high: Decimal | None = None
    """For two neighbouring digits that give a rough range (三四个, 二三十, 十五六), the high end;
    ``value`` is then the low end."""


def fold(text: str) -> str:
    """The width-folded copy numbers are read from (same length as ``text``): full-width digits
    and signs become ASCII; a full-width comma becomes a thousands separator only between
    full-width digits (４，５６５)."""
    if "，" in text and _DIGIT_COMMA.search(text) is not None:
        chains = [m.span() for m in _FW_CHAIN.finditer(fold_width_digits(text))]
        text = _FW_THOUSANDS.sub(",", text)
        for a, b in chains:
            text = text[:a] + text[a:b].replace("，", ",") + text[b:]
    return fold_width(text) if _WIDE.search(text) is not None else text


def _ranges(codes) -> str:
    """A character class body for a set of code points, consecutive ones as ranges."""
    out, codes = [], sorted(codes)
    i = 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        out.append(regex.escape(chr(codes[i])) + ("-" + regex.escape(chr(codes[j])) if j > i else ""))
        i = j + 1
    return "".join(out)


# A character fold_width changes: most sentences hold none (a class of ranges is a cheap search;
# the translation looks every character up).
_WIDE = regex.compile(f"[{_ranges(_WIDTH_TABLE)}]")


def fold_width_digits(text: str) -> str:
    """Full-width digits to ASCII, nothing else (same length)."""
    return text.translate(_DIGIT_TABLE)


_DIGIT_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)}


def scan(folded: str) -> list[Numeral]:
    """All numerals of a width-folded text, signs included, in order (no unit read yet).

    A numeral character that belongs to a dictionary word (:data:`WORDS`) is not part of a
    numeral: 唯一一所 reads 一所, 零件 and 一一对应 read nothing.

    >>> [(n.value, n.high) for n in scan(fold('唯一一所，零部件，三四个，一万两千'))]
    [(Decimal('1'), None), (Decimal('3'), Decimal('4')), (Decimal('12000'), None)]
    """
    out: list[Numeral] = []
    first, last = len(folded) - len(folded.lstrip()), len(folded.rstrip())  # the text without its blank edges
    for m in _RUN.finditer(folded, **bounded(folded)):
        start, end = m.span()
        alone = start <= first and end >= last
        if alone or folded[start:end].isascii() or _CN_IN_RUN.search(folded, start, end) is None:
            out.extend(_parse_run(folded, start, end))  # a numeral written alone is read whole
            continue
        # each pattern needs its mark (之 before the run; 分 or 折 within three spaces after it)
        before = folded[max(0, start - 6) : start]
        left = "之" not in before or _FRACTION_BEFORE.search(before) is None
        right = (folded.find("分", end, end + 4) < 0 and folded.find("折", end, end + 4) < 0) or (
            _FRACTION_AROUND.match(folded, end) is None
        )
        for s, e in _outside_words(folded, start, end, left, right):
            out.extend(_parse_run(folded, s, e))
    return out


def _load_words() -> dict[str, int]:
    path = Path(__file__).with_name("numeral_words.txt")
    if not path.exists():  # while tests/tools/build_vocab.py builds it
        return {}
    words = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and not line.startswith("#"):
                word, _, freq = line.rstrip("\n").partition("\t")
                words[word] = int(freq or 0)
    return words


#: Words that hold a numeral character but are not numerals (唯一, 统一, 零件, 四川, 五粮液, 一律,
#: 一一…) with their frequency: jieba's dictionary less its numeral readings, built by
#: tests/tools/build_vocab.py into numeral_words.txt (see there for the rule and the source).
WORDS: dict[str, int] = _load_words()

#: A word that would take a numeral's first character from the text before it (唯|一) must be at
#: least this common in jieba's dictionary: a rare name (中三, 3 uses) would split a common word
#: that jieba's segmenter keeps whole (其中|三四成).
MIN_LEFT_FREQ = 20
#: Words up to this long that may take a run's first characters are looked for where they may
#: start; the few longer ones by the two characters they hold across the run's left edge (so that
#: the characters before a run are not each tried as the start of a word of up to fourteen).
SHORT_WORD = 4


def _word_tables(words: dict[str, int]) -> tuple[dict, dict, dict, dict]:
    """The look-ups of ``words`` (one pass, in a function: its names are locals): first character
    → the lengths of the words it starts; the same by the first two characters (a word has two or
    more); for the words common enough to take a run's first characters, the same for those up to
    SHORT_WORD long, and two characters → (their place, length) in a longer one."""
    starts: dict[str, set[int]] = {}
    pairs: dict[str, set[int]] = {}
    left_short: dict[str, set[int]] = {}
    left_long: dict[str, set[tuple[int, int]]] = {}
    for word, freq in words.items():
        length = len(word)
        starts.setdefault(word[0], set()).add(length)
        pairs.setdefault(word[:2], set()).add(length)
        if freq < MIN_LEFT_FREQ:
            continue
        if length <= SHORT_WORD:
            left_short.setdefault(word[:2], set()).add(length)
        else:
            for k in range(length - 1):
                left_long.setdefault(word[k : k + 2], set()).add((k, length))
    return (
        {c: tuple(sorted(n)) for c, n in starts.items()},
        {c: tuple(sorted(n)) for c, n in pairs.items()},
        {c: tuple(n) for c, n in left_short.items()},
        {c: tuple(n) for c, n in left_long.items()},
    )


_WORD_LENGTHS, _PAIR_LENGTHS, _LEFT_SHORT, _LEFT_LONG = _word_tables(WORDS)
_MULTIPLIERS = frozenset((*lx.SMALL_UNITS, *lx.BIG_UNITS))
_CN_IN_RUN = regex.compile(f"[{''.join(lx.NUMERAL_CHARS)}]")


# The edges of a run that a construction reads itself: a fraction (五十万分之二十五: the denominator's
# right edge, the numerator's left one) and a discount (三八折).
_FRACTION_AROUND = regex.compile(rf"\s{{0,3}}+(?:分\s{{0,3}}+之\s{{0,3}}+[0-9{lx.NUMERAL_CHARS}]|折)")
_FRACTION_BEFORE = regex.compile(rf"[0-9{lx.NUMERAL_CHARS}]\s{{0,3}}+分\s{{0,3}}+之\s{{0,3}}+$")


def starts_word(folded: str, pos: int) -> bool:
    """True when a dictionary word of :data:`WORDS` starts at ``pos`` (四川 in 三成四川)."""
    return any(folded[pos : pos + length] in WORDS for length in _WORD_LENGTHS.get(folded[pos : pos + 1], ()))


def _outside_words(folded: str, start: int, end: int, left: bool = True, right: bool = True) -> list[tuple[int, int]]:
    """The part of the run ``folded[start:end]`` that no dictionary word takes. A word that
    crosses an edge of the run takes the characters it shares with it; of several words across one
    edge, the one that takes least (唯一|一所 rather than 唯一一|所): 唯一一所 → 一所, 零件 and
    四川 → nothing. What is left is no numeral when it is itself a word (一一, 万一)."""
    lo, hi = start, end
    crossed = False
    n = len(folded)
    # words from before the run that reach into it (common enough to take its characters: the
    # tables hold only those)
    before = []
    for i in range(max(0, start - SHORT_WORD + 1), start):
        for length in _LEFT_SHORT.get(folded[i : i + 2], ()):
            before.append((i, i + length))
    if start > 0:
        for k, length in _LEFT_LONG.get(folded[start - 1 : start + 1], ()):
            before.append((start - 1 - k, start - 1 - k + length))
    for i, j in before:
        if i < 0 or j <= start or j > n or not (left or (right and j > end)):
            continue
        if WORDS.get(folded[i:j], 0) < MIN_LEFT_FREQ:
            continue  # the table's word is another one, or a rare one (中三 would split 其中|三四成)
        if j > end:
            return []  # a word across the whole run (一成不变)
        lo = j if not crossed or j < lo else lo
        crossed = True
    lengths_at = _PAIR_LENGTHS.get  # words from inside the run that go on past its end
    for i in range(start, end if right else start):
        lengths = lengths_at(folded[i : i + 2])
        if lengths is None or i + lengths[-1] <= end:
            continue  # no word from here reaches past the run
        for length in lengths:
            j = i + length
            if j <= end or j > n or folded[i:j] not in WORDS:
                continue
            if i > start and all(ch in _MULTIPLIERS for ch in folded[i:end]):
                continue  # 一百五|十对: a multiplier ends the numeral before it, whatever word follows
            if unit_length(folded, end) > j - end:
                continue  # 两美元又三|美分: the word (三美) would cut the unit after the numeral
            hi = i if hi == end or i > hi else hi
            crossed = True
    if not crossed:
        whole_word = left and right and folded[start:end] in WORDS  # 三八折, 五五折 read the digits
        return [] if whole_word else [(start, end)]
    if lo >= hi or folded[lo:hi] in WORDS or folded[lo] in lx.POINT_WORDS:
        return []  # 唯一|点三四: what is left of a decimal after a word took its head is no numeral
    return [(lo, hi)]


def parse_numeral(text: str) -> Decimal | None:
    """The value of a numeral written alone, or None.

    >>> [parse_numeral(s) for s in ('一千零一亿一千零一万一千零一', '四万万', '1百01', '一七二零', '两百点两')]
    [Decimal('100110011001'), Decimal('400000000'), Decimal('101'), Decimal('1720'), Decimal('200.2')]
    >>> parse_numeral('一切') is None
    True
    """
    folded = fold(text.strip())
    nums = _parse_run(folded, 0, len(folded))
    if len(nums) == 1 and nums[0].start == 0 and nums[0].end == len(folded):
        return nums[0].value
    return None


# --------------------------------------------------------------------------------------------
# runs and tokens


def _tokens(run: str) -> list[list[tuple[str, object, int, int, str]]]:
    """Split a run into segments of tokens (kind, value, start, end). Stray separators split."""
    segments: list[list[tuple[str, object, int, int, str]]] = [[]]
    i, n = 0, len(run)
    while i < n:
        ch = run[i]
        if "0" <= ch <= "9":
            m = _ARABIC.match(run, i)
            digits = m.group(0)
            if len(digits.replace(",", "").split(".")[0]) > MAX_DIGITS:
                segments.append([])
                i = m.end()
                continue
            segments[-1].append(("A", digits, i, m.end(), ""))
            i = m.end()
        elif ch in lx.DIGITS:
            segments[-1].append(("D", lx.DIGITS[ch], i, i + 1, ch))
            i += 1
        elif ch in lx.TENS:
            segments[-1].append(("T", lx.TENS[ch], i, i + 1, ch))
            i += 1
        elif ch in lx.SMALL_UNITS:
            segments[-1].append(("U", lx.SMALL_UNITS[ch], i, i + 1, ch))
            i += 1
        elif ch in lx.BIG_UNITS:
            segments[-1].append(("B", lx.BIG_UNITS[ch], i, i + 1, ch))
            i += 1
        elif ch in lx.POINT_WORDS:
            if segments[-1] and segments[-1][-1][0] == "A":
                segments.append([])  # 3700点五道: after Arabic digits 点 is a unit, not a decimal point
            else:
                segments[-1].append(("P", None, i, i + 1, ch))
            i += 1
        elif ch in lx.TRILLION:
            if run[i + 1 : i + 2].strip() and run[i + 1] in _CN_CHARS or run[i + 1 : i + 2].isdigit():
                segments[-1].append(("B", lx.TRILLION[ch], i, i + 1, ch))
            else:
                segments.append([])
            i += 1
        elif ch in " \t":
            if segments[-1] and segments[-1][-1][0] != "S":
                segments[-1].append(("S", None, i, i + 1, ch))
            i += 1
        else:  # a separator that is not part of a number
            segments.append([])
            i += 1
        if len(segments[-1]) > MAX_TOKENS:
            return []
    return [s for s in segments if s]


def _parse_run(folded: str, start: int, end: int) -> list[Numeral]:
    run = folded[start:end]
    if run.isascii() and run.isdigit():
        digits = run  # ASCII digits alone (most runs): what _ARABIC matches whole
    else:
        arabic = _ARABIC.fullmatch(folded, start, end)
        digits = arabic.group() if arabic is not None else ""
    if digits and (end - start <= MAX_DIGITS or len(digits.replace(",", "").split(".")[0]) <= MAX_DIGITS):
        # one Arabic number and nothing else (two runs in three): the one token it reads as
        s, value = _sign(folded, start, _arabic(digits))
        return [Numeral(s, end, value, False, False)]
    if end - start == 1 and folded[start] in lx.DIGITS:
        # one Chinese digit (most of the other runs): a lone numeral, unless with its sign it is a word
        s, value = _sign(folded, start, Decimal(lx.DIGITS[folded[start]]))
        if folded[s:end] in WORDS and folded[s:end] != folded.strip():
            return []
        return [Numeral(s, end, value, True, True)]
    if end - start >= 2 and folded[end - 1] in lx.BIG_UNITS and run not in WORDS:
        digits = run[:-1]
        if digits.isascii() and digits.isdigit() and len(digits) <= MAX_DIGITS:
            # Arabic digits and one big unit (3000万, 1000亿: most of the runs left), read as the
            # tokens and the evaluator read them: the unit, unless a unit of its own starts with it
            # (3000万元: the numeral is 3000)
            if unit_starts(folded, end - 1):
                value, stop, multiplier = _arabic(digits), end - 1, Decimal(1)
            else:
                big = lx.BIG_UNITS[folded[end - 1]]
                value, stop, multiplier = _arabic(digits) * big + Decimal(0), end, Decimal(1) * big
            s, value = _sign(folded, start, value)
            return [Numeral(s, stop, value, False, False, multiplier)]
    out: list[Numeral] = []
    for seg in _tokens(run):
        while seg and seg[-1][0] == "S":
            seg = seg[:-1]
        if (
            seg
            and len(seg) < len(run)
            and run[seg[0][2] : seg[-1][3]] in WORDS
            and folded[start:end].strip() != folded.strip()
        ):
            continue  # 3点|一一起: a part of a run that is itself a word (一一) is no numeral
        if not any(t[0] == "S" for t in seg):
            out.extend(_parse_segment(folded, start, seg))
            continue
        # spaces inside: one numeral across them (7 万5 千, 三千 八百) if the whole reads as one,
        # else the parts between the spaces separately (十二点五亿 一万五千)
        joined = [t for t in seg if t[0] != "S"]
        whole = _parse_segment(folded, start, joined)
        if len(whole) == 1 and whole[0].start <= start + joined[0][2] and whole[0].end == start + joined[-1][3]:
            out.extend(whole)
            continue
        part: list = []
        for tok in seg + [("S", None, 0, 0, "")]:
            if tok[0] == "S":
                if part:
                    out.extend(_parse_segment(folded, start, part))
                part = []
            else:
                part.append(tok)
    return out


def _parse_segment(folded: str, base: int, seg: list) -> list[Numeral]:
    """Numerals of one token segment: the whole, else the longest valid prefixes one after
    another. A Chinese-only segment that does not parse is a word (十四五, 一五一十), unless what
    is left over is only multipliers (百分之七十百分位)."""
    out: list[Numeral] = []
    i = 0
    has_arabic = any(t[0] == "A" for t in seg)
    if not has_arabic and all(t[0] in ("U", "B") for t in seg) and seg[0][1] != 10:
        return _round(folded, base, seg)
    if not has_arabic and not any(t[0] == "P" for t in seg):
        alone = not folded[: base + seg[0][2]].strip() and not folded[base + seg[-1][3] :].strip()
        pair = _approximate_pair(seg)
        if pair is not None and not (alone and pair[2] == 1):  # 一二 alone is read digit by digit
            low, high, mult = pair
            s, e = base + seg[0][2], base + seg[-1][3]
            return [Numeral(s, e, low, True, False, mult, high)]
        if any(_is_pair(seg, k) and k + 2 < len(seg) and seg[k + 2][0] in ("U", "B") for k in range(len(seg) - 2)):
            return out  # 三四百五: a rough range inside something longer is not read
    while i < len(seg):
        while i < len(seg) and _cannot_open(seg, i):
            i += 1
        if i >= len(seg):
            break
        j = len(seg)
        while j > i:
            value = _evaluate(seg[i:j])
            if value is not None:
                break
            j -= 1
        if j == i:
            if not has_arabic:
                return out
            i += 1
            continue
        if not has_arabic and j < len(seg):
            if any(t[0] not in ("U", "B", "P") for t in seg[j:]):
                return out
            if j - i > 1 and all(t[0] == "D" for t in seg[i:j]):
                return out  # 一五一十: digits read one by one are never followed by a multiplier
        toks = seg[i:j]  # a numeral never ends in a decimal point: _evaluate refuses one
        if len(toks) > 1 and toks[-1][0] in ("U", "B") and unit_starts(folded, base + toks[-1][2]):
            toks = toks[:-1]  # 200亿千瓦时, 5千米: the multiplier character begins the unit
            j = i + len(toks)
            value = _evaluate(toks)
        if value is None:
            i = j
            continue
        chinese = not any(t[0] == "A" for t in toks)
        lone = chinese and _is_lone(toks)
        s = base + toks[0][2]
        e = base + toks[-1][3]
        s, value = _sign(folded, s, value)
        if chinese and folded[s:e] in WORDS and folded[s:e] != folded.strip():
            i = j
            continue  # 3点|一一起, 百点|一一: a numeral that is itself a word (一一) is no numeral
        out.append(Numeral(s, e, value, chinese, lone, _trailing_multiplier(toks)))
        i = j
    return out


def _round(folded: str, base: int, seg: list) -> list[Numeral]:
    """Multipliers with no digit (百, 千万, 万亿): a round number, read only before a unit or after a
    vague word (百名人才, 亿吨, 上百家, 数千人); never one that begins a unit (千米, 千瓦)."""
    if any(t[4] in lx.FINANCIAL for t in seg) or unit_starts(folded, base + seg[0][2]):
        return []
    if not _round_order(seg):
        return []  # 百千万人才, 千千万万, 千百万, 亿万: multipliers no numeral stacks so
    value = Decimal(1)
    for t in seg:
        value *= t[1]
    return [Numeral(base + seg[0][2], base + seg[-1][3], value, True, True, value)]


def _round_order(seg: list) -> bool:
    """Multipliers that make one round number: at most one of 百 and 千, first, then 万 and 亿
    rising (千万, 百亿, 万亿, 千万亿); 百千, 千千万万 and 亿万 are words for "very many"."""
    values = [t[1] for t in seg]
    if len(seg) > 1 and seg[1][0] == "U":
        return False  # a second 十/百/千
    return all(a < b for a, b in zip(values, values[1:], strict=False))


def _is_pair(seg: list, k: int) -> bool:
    """Two neighbouring Chinese digits at ``k``, the second one more than the first (三四, 两三)."""
    a, b = seg[k], seg[k + 1]
    if a[0] != "D" or b[0] != "D" or b[1] != a[1] + 1 or not 1 <= a[1] <= 8:
        return False
    return a[4] not in "〇零" and b[4] not in "〇零"


def _approximate_pair(seg: list) -> tuple[Decimal, Decimal, Decimal] | None:
    """Two neighbouring digits give a rough range (相邻两数连用表示概数): 三四个 (3 to 4), 二三十
    (20 to 30), 三四百, 五六千万, and after a tens 十五六 (15 to 16), 二十三四 (23 to 24).
    Returns (low, high, multiplier) when the whole segment is such a range."""
    kinds = "".join(t[0] for t in seg)
    if len(seg) >= 2 and _is_pair(seg, 0) and all(k in "UB" for k in kinds[2:]):
        mult = Decimal(1)
        for t in seg[2:]:
            mult *= t[1]
        if len(seg) > 2 and _evaluate([("D", 1, 0, 0, "一"), *seg[2:]]) is None:
            return None
        return Decimal(seg[0][1]) * mult, Decimal(seg[1][1]) * mult, mult
    if len(seg) in (3, 4) and _is_pair(seg, len(seg) - 2) and seg[-3][0] == "U" and seg[-3][1] == 10:
        tens = _evaluate(seg[:-2])
        if tens is not None and tens % 10 == 0:
            return tens + seg[-2][1], tens + seg[-1][1], Decimal(1)
    return None


def _cannot_open(seg: list, i: int) -> bool:
    """A decimal point or a big unit cannot start a numeral; 百/千 can only before a digit or a big
    unit (百三 = 130, 千亿), 十 always can (十二)."""
    kind, value = seg[i][0], seg[i][1]
    if kind in ("P", "B"):
        return True
    if kind == "U" and value != 10:
        return i + 1 >= len(seg) or seg[i + 1][0] not in ("D", "A", "B")
    return False


def _is_lone(toks: list) -> bool:
    """Too little to be a number without a unit: one digit, 十 alone, two digits read one by one,
    or a multiplier with no digit (千万, 百亿 — also words: 千万不要)."""
    kinds = [t[0] for t in toks]
    if len(toks) == 1:
        return kinds[0] in ("D", "U", "T")
    if len(toks) == 2 and kinds == ["D", "D"]:
        return True
    return all(k in ("U", "B") for k in kinds)


def _sign(folded: str, start: int, value: Decimal) -> tuple[int, Decimal]:
    """A minus sign (负, -) right before the numeral, or one space before it. A hyphen or a dash
    after a letter, a digit, a Chinese numeral or a unit sign is a range or a code (3-5, A-1,
    1亿-2亿元, 3%-5%), not a sign."""
    at = start - 1
    if at > 0 and folded[at] == " " and folded[at - 1] in lx.MINUS_WORDS:
        at -= 1
    if at >= 0 and folded[at] in lx.MINUS_WORDS:
        before = folded[at - 1] if at > 0 else " "
        if before in lx.PLUS_WORDS and folded[at] in "负負":
            return start, value  # 正负5%: plus or minus, a margin, not a negative number
        if folded[at] not in _DASHES or not (
            (before.isascii() and before.isalnum()) or before in ".%‰" or before in _CN_CHARS or before in _UNIT_END
        ):
            return at, -value
    return start, value


_DASHES = "-－−—–"
#: Characters that end a unit, after which a dash joins a range (3万元-5万元, 100点-200点).
_UNIT_END = frozenset("元人名个家次点吨米亩股户只项所座件台起批万亿")


def _trailing_multiplier(toks: list) -> Decimal:
    mult = Decimal(1)
    for kind, value, _s, _e, _c in reversed(toks):
        if kind in ("B", "U"):
            mult *= value
        else:
            break
    return mult


# --------------------------------------------------------------------------------------------
# evaluation


def _evaluate(toks: list) -> Decimal | None:
    """Value of a token list, or None when the tokens do not form one numeral."""
    if not toks or toks[0][0] in ("P", "B"):
        return None
    points = [k for k, t in enumerate(toks) if t[0] == "P"]
    if len(points) > 1:
        return None
    if points:
        k = points[0]
        integer, rest = toks[:k], toks[k + 1 :]
        digits = []
        tail = len(rest)
        for idx, t in enumerate(rest):
            if t[0] == "D":
                digits.append(str(t[1]))
            elif t[0] == "A" and "." not in t[1] and "," not in t[1]:
                digits.append(t[1])
            else:
                tail = idx
                break
        if not digits or not integer:
            return None
        fraction = Decimal("0." + "".join(digits))
        multiplier = _multiplier_tokens(rest[tail:]) if tail < len(rest) else Decimal(1)
        if multiplier is None:
            return None
        whole = _int_value(integer)
        if whole is None:
            return None
        if multiplier != 1 and any(t[0] == "B" for t in integer):
            return None
        return (whole + fraction) * multiplier
    return _int_value(toks)


def _multiplier_tokens(toks: list) -> Decimal | None:
    if not toks or any(t[0] not in ("B", "U") for t in toks):
        return None
    mult = Decimal(1)
    for t in toks:
        mult *= t[1]
    return mult


def _arabic(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _int_value(toks: list) -> Decimal | None:
    if not toks:
        return None
    bigs = [t[1] for t in toks if t[0] == "B"]
    if bigs:
        top = max(bigs)
        k = max(i for i, t in enumerate(toks) if t[0] == "B" and t[1] == top)
        left, right = toks[:k], toks[k + 1 :]
        if not left:
            return None
        lv = _int_value(left)
        if lv is None:
            return None
        rv = _right_value(right, top)
        if rv is None:
            return None
        return lv * top + rv
    return _section(toks)


def _right_value(right: list, unit: int) -> Decimal | None:
    """What follows a big unit: 零-led remainder, colloquial single digit (三万五), or a smaller
    numeral."""
    if not right:
        return Decimal(0)
    zero = False
    while right and right[0][0] == "D" and right[0][1] == 0 and len(right) > 1:
        right = right[1:]
        zero = True
    if len(right) == 1 and not zero:
        t = right[0]
        if t[0] == "D" or (t[0] == "A" and len(t[1]) == 1):
            return Decimal(t[1]) * unit / 10
    value = _int_value(right)
    if value is None or value >= unit:
        return None
    return value


def _section(toks: list) -> Decimal | None:
    """A numeral below 10^4 (or an Arabic number, or digits read one by one)."""
    kinds = [t[0] for t in toks]
    if len(toks) == 1 and kinds[0] == "A":
        return _arabic(toks[0][1])
    if all(k == "D" for k in kinds):
        if len(toks) == 1:
            return Decimal(toks[0][1])
        if any(t[4] in "两兩俩倆" for t in toks):
            return None  # 两 is never read digit by digit (两两 is "in pairs")
        return Decimal("".join(str(t[1]) for t in toks))  # 一七二零
    value = Decimal(0)
    pending: Decimal | None = None
    pending_single = False
    last_unit = 10**9
    zero = False
    for kind, tv, _s, _e, _c in toks:
        if kind in ("D", "A"):
            if kind == "D" and tv == 0:
                if pending is not None:
                    return None
                zero = True
                continue
            if pending is not None:
                return None
            if kind == "A" and ("." in tv) and last_unit != 10**9:
                return None
            pending = Decimal(tv) if kind == "D" else _arabic(tv)
            pending_single = kind == "D" or len(tv) == 1
        elif kind == "T":
            if pending is not None or last_unit <= 10:
                return None
            value += tv
            last_unit = 10
        elif kind == "U":
            if pending is None:
                if tv != 10 and (value != 0 or zero):
                    return None
                pending = Decimal(1)  # 十二, and 百三 / 千一 at the start: an implied 一
            if tv >= last_unit:
                return None
            value += pending * tv
            pending = None
            last_unit = tv
            zero = False
        else:
            return None
    if pending is not None:
        if last_unit != 10**9 and last_unit >= 100 and not zero and pending_single:
            value += pending * last_unit / 10  # 一百二 = 120, 两千六 = 2600
        else:
            value += pending
    return value
