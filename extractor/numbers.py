"""Chinese number parsing: every numeric expression of a text, with its exact value and unit.

How it works, in two linear passes and no pattern that can backtrack:

1. A possessive character-class pattern finds each *run* of numeral characters (Arabic digits,
   Chinese and financial digits, 十百千万亿, 点, separators). Runs are split into tokens by hand.
2. A small recursive evaluator reads the tokens: sections of 千百十, big units 万/亿 (stacked:
   千万亿), 零, colloquial forms (一百二 = 120, 三万五 = 35000), digit-by-digit readings
   (一七二零 = 1720), mixed forms (3.5万, 1万2千, 200亿零四千230) and decimals (十二点五亿).
   Values are :class:`decimal.Decimal`, never floats.
3. The text around each numeral decides its kind: 第 → ordinal; 百分之, %, 成, 折, 个百分点 →
   percent; a currency → money (multiplier and subunits applied: 3753.57万元, 123元1角1分); a
   unit of measure, a person or household unit → quantity; anything else → number. A single
   Chinese digit that is only part of a word (一切, 四川, 队伍, 陆地) is not a number: it needs a
   unit, a classifier or 第 next to it.

Offsets are into the text given; the search runs on a width-folded copy of the same length.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import regex

from . import lexicon as lx
from .records import Number
from .text import fold_width

#: Seconds any one pattern may run on one text before giving up (untrusted input).
REGEX_TIMEOUT = 5.0

#: Runs of more numeral tokens than this are not numbers (a hostile string of numerals).
MAX_TOKENS = 40

#: Arabic numbers of more digits than this are identifiers or garbage, not quantities.
MAX_DIGITS = 24

_CN_CHARS = "".join((*lx.DIGITS, *lx.TENS, *lx.SMALL_UNITS, *lx.BIG_UNITS, *lx.TRILLION))
_CN = f"[{_CN_CHARS}点點]"
#: The Chinese digit characters (for callers that need to tell a Chinese numeral).
CN_DIGITS = "".join(lx.DIGITS)
# A run: numeral characters, with up to three spaces allowed next to a Chinese numeral character
# ("7 万5 千", "四百 点 五") but never between two Arabic digits.
_RUN = regex.compile(
    rf"[0-9{_CN_CHARS}](?:[0-9.,{_CN_CHARS}点點]|[ \t]{{1,3}}+(?={_CN})|(?<={_CN})[ \t]{{1,3}}+(?=[0-9]))*+"
)
_ARABIC = regex.compile(r"[0-9]{1,3}+(?:,[0-9]{3}+)++(?![0-9])(?:\.[0-9]++)?+|[0-9]++(?:\.[0-9]++)?+")
_SPACE = regex.compile(r"[ \t\u00a0]{0,3}+")
# A full-width comma is a thousands separator between full-width digits (４，５６５), or before three
# digits that go on with a decimal or another group (82，225.00元); elsewhere it ends a clause.
_FW_THOUSANDS = regex.compile(r"(?<=[０-９])，(?=[０-９]{3})|(?<=[0-9])，(?=[0-9]{3}+[.,，][0-9])")
_FRACTION_WORD = regex.compile(r"\s{0,3}+分\s{0,3}+之\s{0,3}+")
_PERCENT_PREFIX = regex.compile(
    rf"(?<![0-9{''.join(lx.DIGITS)}])([百千万萬佰仟]{{1,4}}+)\s{{0,3}}+分\s{{0,3}}+之\s{{0,3}}+$"
)
_SLASH = regex.compile(r"(?<![0-9/.])([1-9][0-9]{0,2}+)/([1-9][0-9]{0,2}+)(?![0-9/.])")
_MIXED = regex.compile(r"\s{0,3}+又\s{0,3}+")
_CLAUSE_BREAK = regex.compile(r"[，。；！？,;!?\n]")
_FRACTION_TAIL = regex.compile(r"分\s{0,3}+之\s{0,3}+$")
_MIXED_LEAD = regex.compile(r"(?<![0-9.])([0-9]{1,3}+) $")
_PERCENT_WORD_RES = {word: regex.compile(regex.escape(word)) for word in lx.PERCENT_WORDS}
_OPEN_QUOTES = "“‘「『\"'《"
_CLOSE_QUOTES = "”’」』\"'》"

# unit tables merged into one lookup: surface → (kind, unit, factor, currency)
_UNITS: dict[str, tuple[str, str, Decimal, str]] = {}
for _s in lx.NON_CLAIM_UNITS:
    _UNITS[_s] = ("time", _s, Decimal(1), "")
for _s in lx.CLASSIFIERS:
    _UNITS[_s] = ("count", _s, Decimal(1), "")
for _s, _u in lx.QUANTITY_UNITS.items():
    _UNITS[_s] = ("quantity", _u, Decimal(1), "")
for _s, _u in lx.HEADCOUNT_UNITS.items():
    _UNITS[_s] = ("headcount", _u, Decimal(1), "")
for _s, (_code, _f) in lx.CURRENCIES.items():
    _UNITS[_s] = ("money", "元" if _code == "CNY" else _s, _f, _code)
for _s in lx.POINT_UNITS:
    _UNITS[_s] = ("point", "个百分点", Decimal(1), "")
for _s, _f in lx.PERCENT_SUFFIXES.items():
    _UNITS[fold_width(_s)] = ("percent", "%", _f, "")
_UNITS["分"] = ("time", "分", Decimal(1), "")
_UNIT_MAX = max(map(len, _UNITS))
_LONG_UNITS: dict[str, tuple[str, ...]] = {}
for _s in _UNITS:
    if len(_s) > 1 and _s[0] in lx.SMALL_UNITS or _s[0] in lx.BIG_UNITS or _s[0] in lx.TRILLION:
        _LONG_UNITS[_s[0]] = (*_LONG_UNITS.get(_s[0], ()), _s)
_MONEY_BASE = frozenset({"元", "圆", "圓", "块", "塊", "蚊"})
_TENTHS = frozenset(s for s, f in lx.SUBUNITS.items() if f == Decimal("0.1"))  # 角, 毛, 毫
_SPOKEN_BASE = frozenset({"块", "塊", "蚊"}) | _TENTHS  # 一块二, 两毛五: a bare digit after is the next subunit
_FALSE_FRIENDS: dict[str, tuple[str, ...]] = {}
for _w in lx.UNIT_FALSE_FRIENDS:
    _FALSE_FRIENDS[_w[0]] = (*_FALSE_FRIENDS.get(_w[0], ()), _w)
_URL = regex.compile(r"(?:https?://|www\.)[!-~]++", regex.I)
_PREFIXES = sorted(((fold_width(w), c) for w, c in lx.CURRENCY_PREFIXES.items()), key=lambda wc: -len(wc[0]))
_CHENG_WORDS = frozenset("为員员本立功绩績果就熟都交长長效品人年型片套批份群了倍色分市")


@dataclass(frozen=True, slots=True)
class Numeral:
    """A parsed numeral before its unit is read: the bare number and what it is made of."""

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


@dataclass(frozen=True, slots=True)
class Unit:
    """What follows a numeral: qualifiers, multiplier, unit; ``end`` is where it stops."""

    kind: str
    """``money``, ``headcount``, ``count``, ``quantity``, ``percent``, ``point``, ``time`` or ``""``."""
    unit: str
    factor: Decimal
    """Multiplier times unit factor, to apply to the numeral's value."""
    currency: str
    end: int
    inside: str = ""
    """A qualifier between the number and its unit (余, 多), ``""`` when none."""
    extra: Decimal = Decimal(0)
    """Subunits added after the unit (元1角1分 → 0.11), in the unit's own scale."""


# --------------------------------------------------------------------------------------------
# public


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


def fold(text: str) -> str:
    """The width-folded copy numbers are read from (same length as ``text``): full-width digits
    and signs become ASCII; a full-width comma becomes a thousands separator only between
    full-width digits (４，５６５)."""
    return fold_width(_FW_THOUSANDS.sub(",", text))


def scan(folded: str) -> list[Numeral]:
    """All numerals of a width-folded text, signs included, in order (no unit read yet)."""
    out: list[Numeral] = []
    for m in _RUN.finditer(folded, timeout=REGEX_TIMEOUT):
        out.extend(_parse_run(folded, m.start(), m.end()))
    return out


def read_unit(folded: str, pos: int) -> Unit:
    """Read what follows a numeral ending at ``pos``: an inside qualifier (余/多/来), a
    multiplier not joined to the numeral (余万, 个亿), a unit, and money subunits."""
    n = len(folded)
    i = _SPACE.match(folded, pos).end()
    inside = ""
    if i < n and folded[i] in lx.QUALIFIERS_INSIDE:
        inside = folded[i]
        i = _SPACE.match(folded, i + 1).end()
    factor = Decimal(1)
    j = i
    if j + 1 < n and folded[j] in ("个", "個") and folded[j + 1] in lx.BIG_UNITS:
        j += 1  # 两个亿
    mult_start = j
    while j < n and (folded[j] in lx.BIG_UNITS or folded[j] in lx.SMALL_UNITS) and j - mult_start < 4:
        if _unit_starts(folded, j):
            break  # 万千瓦: 千 begins the unit
        j += 1
    if j > mult_start:
        value = _multiplier(folded[mult_start:j])
        if value is None:
            j = mult_start
        else:
            factor = value
            i = j
    i = _SPACE.match(folded, i).end() if i < n and folded[i] in " \t\u00a0" else i
    if any(folded.startswith(w, i) for w in _FALSE_FRIENDS.get(folded[i : i + 1], ())):
        return Unit("", "", factor, "", i if factor != 1 else pos, inside if factor != 1 else "", Decimal(0))
    for length in range(min(_UNIT_MAX, n - i), 0, -1):
        surface = folded[i : i + length]
        entry = _UNITS.get(surface)
        if entry is None:
            continue
        kind, unit, unit_factor, currency = entry
        end = i + length
        if kind == "percent" and end < n and folded[end].isascii() and folded[end].isalnum():
            break  # %28, %E4: URL encoding, not a percent
        extra = Decimal(0)
        if kind == "money":
            end, extra = _subunits(folded, end, surface)
            if folded.startswith("整", end):
                end += 1
        elif kind == "quantity" and folded.startswith("半", end):
            end, extra = end + 1, Decimal("0.5")
        return Unit(kind, unit, factor * unit_factor, currency, end, inside, extra)
    if inside and factor == 1:  # 十多 with nothing after: the qualifier stays outside
        return Unit("", "", factor, "", pos, "", Decimal(0))
    return Unit("", "", factor, "", i if factor != 1 else pos, inside if factor != 1 else "", Decimal(0))


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
    out: list[Numeral] = []
    for seg in _tokens(run):
        while seg and seg[-1][0] == "S":
            seg = seg[:-1]
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
    if not has_arabic and _approximate_pair(seg):
        return out
    while i < len(seg):
        while i < len(seg) and _cannot_open(seg, i):
            i += 1
        if i >= len(seg):
            break
        j = len(seg)
        while j > i:
            if _evaluate(seg[i:j]) is not None:
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
        toks = seg[i:j]
        while toks and toks[-1][0] == "P":
            toks = toks[:-1]
        if len(toks) > 1 and toks[-1][0] in ("U", "B") and _unit_starts(folded, base + toks[-1][2]):
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
        out.append(Numeral(s, e, value, chinese, lone, _trailing_multiplier(toks)))
        i = j
    return out


def _unit_starts(folded: str, pos: int) -> bool:
    """True when a unit of two or more characters starts at ``pos`` (千瓦时, 千米, 千克)."""
    return any(folded.startswith(surface, pos) for surface in _LONG_UNITS.get(folded[pos : pos + 1], ()))


def _approximate_pair(seg: list) -> bool:
    """Two neighbouring digits before a multiplier give a rough range, not a number: 二三十
    (twenty or thirty), 三四百, 五六千."""
    for k in range(len(seg) - 2):
        a, b, c = seg[k], seg[k + 1], seg[k + 2]
        if a[0] == b[0] == "D" and c[0] in ("U", "B") and 1 <= a[1] <= 8 and b[1] == a[1] + 1:
            return True
    return False


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
    """A minus sign (负, -) right before the numeral, or one space before it. An ASCII hyphen
    after a letter, digit or % is a range or a code (3-5, A-1), not a sign."""
    at = start - 1
    if at > 0 and folded[at] == " " and folded[at - 1] in lx.MINUS_WORDS:
        at -= 1
    if at >= 0 and folded[at] in lx.MINUS_WORDS:
        before = folded[at - 1] if at > 0 else " "
        if folded[at] not in "-－" or not ((before.isascii() and before.isalnum()) or before in ".%"):
            return at, -value
    return start, value


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


def _multiplier(text: str, financial: bool = False) -> Decimal | None:
    """Value of a multiplier written on its own (万, 千万, 万亿), or None. Financial forms (仟)
    count only where asked (仟分之贰): elsewhere they are word characters."""
    mult = Decimal(1)
    for ch in text:
        if ch in lx.BIG_UNITS:
            mult *= lx.BIG_UNITS[ch]
        elif ch in lx.SMALL_UNITS and (financial or ch not in lx.FINANCIAL):
            mult *= lx.SMALL_UNITS[ch]
        else:
            return None
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


# --------------------------------------------------------------------------------------------
# kinds


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


def multiplier_value(text: str) -> Decimal | None:
    """The value of a multiplier written alone (百 → 100, 千万 → 10^7), or None."""
    return _multiplier(text)


def percent_prefix(folded: str, start: int) -> tuple[int, Decimal] | None:
    """百分之, 千分之, 百万分之… right before ``start`` (no numeral before it): (its start, factor
    from the number to percent)."""
    m = _PERCENT_PREFIX.search(folded, max(0, start - 16), start)
    if m is None:
        return None
    mult = _multiplier(m.group(1), financial=True)
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


def currency_prefix(folded: str, start: int) -> tuple[int, str] | None:
    """A currency word written before the number (人民币50元, ￥300): (its start, ISO code)."""
    i = start
    while i > 0 and folded[i - 1] in " \u00a0" and start - i < 3:
        i -= 1
    for word, code in _PREFIXES:
        if i >= len(word) and folded.startswith(word, i - len(word)):
            return i - len(word), code
    return None


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


def _subunits(folded: str, end: int, surface: str) -> tuple[int, Decimal]:
    """元1角1分, 一块二, 两毛五, 三蚊零四: the fractions of a yuan written after it."""
    extra = Decimal(0)
    if surface not in _MONEY_BASE and surface not in _TENTHS:
        return end, extra
    scale = Decimal("0.1") if surface in _MONEY_BASE else Decimal("0.01")
    i = end
    for _ in range(2):
        j = i
        zero = False
        if j < len(folded) and folded[j] in "零〇":
            zero = True
            j += 1
        if j >= len(folded):
            break
        ch = folded[j]
        if ch in lx.DIGITS and lx.DIGITS[ch] != 0:
            digit = Decimal(lx.DIGITS[ch])
        elif "1" <= ch <= "9" and not (folded[j + 1 : j + 2].isdigit() or folded[j + 1 : j + 2] == "."):
            digit = Decimal(ch)
        else:
            break
        k = j + 1
        unit_ch = folded[k] if k < len(folded) else ""
        if unit_ch in lx.SUBUNITS:
            extra += digit * lx.SUBUNITS[unit_ch]
            i = k + 1
            if unit_ch in _TENTHS:
                scale = Decimal("0.01")
                continue
            break
        if (unit_ch and (unit_ch in _CN_CHARS or unit_ch.isdigit())) or (surface not in _SPOKEN_BASE and not zero):
            break
        extra += digit * (Decimal("0.01") if zero else scale)  # 一块二 → 1.2, 三蚊零四 → 3.04
        i = k
        break
    return i, extra
