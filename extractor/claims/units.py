"""Units: what follows a numeral. The unit tables of :mod:`extractor.claims.lexicon` merged into one
lookup, and :func:`read_unit`, which reads an inside qualifier (余/多), a multiplier written apart
from the numeral (余万, 个亿), the unit, and money subunits (元1角1分).

Pure lookups: no numeral is parsed here (see :mod:`extractor.claims.numerals`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

import regex

from ..text import fold_width
from . import lexicon as lx
from .subject import _class_table

_SPACE_CHARS = " \t\u00a0"
_SPACE = regex.compile(f"[{_SPACE_CHARS}]{{0,3}}+")

#: Every unit of the lexicon in one lookup: surface → (kind, normalised unit, factor, currency).
#: ``kind`` is money, headcount, count, quantity, percent, point or time.
#: Every unit of the lexicon in one lookup: surface → (kind, normalised unit, factor, currency).
#: ``kind`` is money, headcount, count, quantity, percent, point or time.
UNITS: dict[str, tuple[str, str, Decimal, str]] = {}

for _s in lx.NON_CLAIM_UNITS:
    UNITS[_s] = ("time", _s, Decimal(1), "")

for _s in lx.CLASSIFIERS:
    UNITS[_s] = ("count", _s, Decimal(1), "")

for _s, _u in lx.QUANTITY_UNITS.items():
    UNITS[_s] = ("quantity", _u, Decimal(1), "")

for _s, _u in lx.HEADCOUNT_UNITS.items():
    UNITS[_s] = ("headcount", _u, Decimal(1), "")

for _s, (_code, _f) in lx.CURRENCIES.items():
    UNITS[_s] = ("money", "元" if _code == "CNY" else _s, _f, _code)

for _s, (_u, _f) in lx.POINT_UNITS.items():
    UNITS[_s] = ("point", _u, _f, "")

for _s, _f in lx.PERCENT_SUFFIXES.items():
    UNITS[fold_width(_s)] = ("percent", "%", _f, "")
UNITS["分"] = ("time", "分", Decimal(1), "")

_LONG_UNITS: dict[str, tuple[str, ...]] = {}

for _s in UNITS:
    if len(_s) > 1 and _s[0] in lx.SMALL_UNITS or _s[0] in lx.BIG_UNITS or _s[0] in lx.TRILLION:
        _LONG_UNITS[_s[0]] = (*_LONG_UNITS.get(_s[0], ()), _s)

_MONEY_BASE = frozenset({"元", "圆", "圓", "块", "塊", "蚊"})

_TENTHS = frozenset(s for s, f in lx.SUBUNITS.items() if f == Decimal("0.1"))  # 角, 毛, 毫

_SPOKEN_BASE = frozenset({"块", "塊", "蚊"}) | _TENTHS  # 一块二, 两毛五: a bare digit after is the next subunit

_FALSE_FRIENDS: dict[str, tuple[str, ...]] = {}

for _w in lx.UNIT_FALSE_FRIENDS:
    _FALSE_FRIENDS[_w[0]] = (*_FALSE_FRIENDS.get(_w[0], ()), _w)

_LATIN = regex.compile(r"[A-Za-z]++(?:/[A-Za-z]++)?+(?![0-9])")
_PREFIXES = sorted(((fold_width(w), c) for w, c in lx.CURRENCY_PREFIXES.items()), key=lambda wc: -len(wc[0]))
# the same, by last character (longest first): only those can end right before a number
_PREFIXES_BY_LAST: dict[str, list[tuple[str, str]]] = {}
for _w, _c in _PREFIXES:
    _PREFIXES_BY_LAST.setdefault(_w[-1], []).append((_w, _c))
# the lengths of the units that start with each character, longest first
_UNIT_LENGTHS: dict[str, tuple[int, ...]] = {}
for _s in UNITS:
    _UNIT_LENGTHS[_s[0]] = tuple(sorted({*_UNIT_LENGTHS.get(_s[0], ()), len(_s)}, reverse=True))


class Unit(NamedTuple):
    """What follows a numeral: qualifiers, multiplier, unit; ``end`` is where it stops
    (a NamedTuple: built several times per number, at a third of a frozen dataclass's cost)."""

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


_ONE = Decimal(1)
_ZERO = Decimal(0)


def read_unit(folded: str, pos: int) -> Unit:
    """Read what follows a numeral ending at ``pos``: an inside qualifier (余/多/来), a
    multiplier not joined to the numeral (余万, 个亿), a unit, and money subunits."""
    n = len(folded)
    i = _SPACE.match(folded, pos).end() if pos < n and folded[pos] in _SPACE_CHARS else pos
    inside = ""
    if i < n and folded[i] in lx.QUALIFIERS_INSIDE:
        inside = folded[i]
        i = _SPACE.match(folded, i + 1).end()
    factor = _ONE
    j = i
    if j + 1 < n and folded[j] in ("个", "個") and folded[j + 1] in lx.BIG_UNITS:
        j += 1  # 两个亿
    elif (
        not inside
        and j + 2 < n
        and folded[j] in ("个", "個")
        and folded[j + 1] in lx.QUALIFIERS_INSIDE
        and folded[j + 2] in lx.BIG_UNITS
    ):
        inside = folded[j + 1]  # 2个多亿: the qualifier between 个 and 亿
        j += 2
    mult_start = j
    while j < n and (folded[j] in lx.BIG_UNITS or folded[j] in lx.SMALL_UNITS) and j - mult_start < 4:
        if unit_starts(folded, j):
            break  # 万千瓦: 千 begins the unit
        j += 1
    if j > mult_start:
        value = multiplier_value(folded[mult_start:j])
        if value is None:
            j = mult_start
        else:
            factor = value
            i = j
    i = _SPACE.match(folded, i).end() if i < n and folded[i] in _SPACE_CHARS else i
    friends = _FALSE_FRIENDS.get(folded[i : i + 1])
    if friends and folded.startswith(friends, i):
        return Unit("", "", factor, "", i if factor != 1 else pos, inside if factor != 1 else "", _ZERO)
    latin = _LATIN.match(folded, i) if i < n and folded[i].isascii() and folded[i].isalpha() else None
    if latin is not None:
        unit = lx.LATIN_UNITS.get(latin.group(0).lower())
        if unit is not None:  # 20Mbps, 5 kWh: a whole run of letters that names a unit
            return Unit("quantity", unit, factor, "", latin.end(), inside)
        return Unit("", "", factor, "", i if factor != 1 else pos, inside if factor != 1 else "", _ZERO)
    for length in _UNIT_LENGTHS.get(folded[i : i + 1], ()):
        if length > n - i:
            continue
        surface = folded[i : i + length]
        entry = UNITS.get(surface)
        if entry is None:
            continue
        kind, unit, unit_factor, currency = entry
        end = i + length
        if kind == "percent" and end < n and folded[end].isascii() and folded[end].isalnum():
            break  # %28, %E4: URL encoding, not a percent
        extra = _ZERO
        if kind == "money":
            end, extra = _subunits(folded, end, surface)
            if folded.startswith("整", end):
                end += 1
        elif kind == "quantity" and folded.startswith("半", end):
            end, extra = end + 1, Decimal("0.5")
        # (times one is the unit's factor itself, exponent and all: the product is left out)
        return Unit(kind, unit, unit_factor if factor is _ONE else factor * unit_factor, currency, end, inside, extra)
    if inside and factor == 1:  # 十多 with nothing after: the qualifier stays outside
        return Unit("", "", factor, "", pos, "", _ZERO)
    return Unit("", "", factor, "", i if factor != 1 else pos, inside if factor != 1 else "", _ZERO)


def unit_length(folded: str, pos: int) -> int:
    """Length of the longest unit of two or more characters that starts at ``pos`` (0 when none)."""
    for length in _UNIT_LENGTHS.get(folded[pos : pos + 1], ()):
        if 1 < length <= len(folded) - pos and folded[pos : pos + length] in UNITS:
            return length
    return 0


def unit_starts(folded: str, pos: int) -> bool:
    """True when a unit of two or more characters starts at ``pos`` (千瓦时, 千米, 千克)."""
    return folded.startswith(_LONG_UNITS.get(folded[pos : pos + 1], ()), pos)


def multiplier_value(text: str, financial: bool = False) -> Decimal | None:
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


def currency_prefix(folded: str, start: int) -> tuple[int, str] | None:
    """A currency word written before the number (人民币50元, ￥300): (its start, ISO code)."""
    i = start
    while i > 0 and folded[i - 1] in " \u00a0" and start - i < 3:
        i -= 1
    for word, code in _PREFIXES_BY_LAST.get(folded[i - 1], ()) if i > 0 else ():
        if i >= len(word) and folded.startswith(word, i - len(word)):
            if len(word) > 1 and _word_across(folded, i - len(word)):
                return None  # 新增加元5000: 加 ends the word 增加, no 加元 begins there
            return i - len(word), code
    return None


def currency_after(folded: str, pos: int) -> tuple[int, str] | None:
    """A currency other than the yuan named right after 元 (5000万元港币, 3亿元新台币): (its end,
    ISO code); 元人民币 and 元钱 name the yuan itself."""
    for length in _UNIT_LENGTHS.get(folded[pos : pos + 1], ()):
        entry = UNITS.get(folded[pos : pos + length]) if length >= 2 else None
        if entry is not None and entry[0] == "money" and entry[3] != "CNY" and entry[2] == 1:
            end = pos + length
            if _word_across(folded, end):
                return None  # 30元加元宵一碗: the name's last character begins a word (元宵)
            return end, entry[3]
    return None


def _word_across(folded: str, at: int) -> bool:
    """The characters on either side of ``at`` make a word of the lexicon (元宵 across the end of
    加元 in 加元宵, 增加 across the start of 加元 in 增加元): no word ends or begins there."""
    return 0 < at < len(folded) and _class_table().get(folded[at - 1 : at + 1]) is not None


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
        own_unit = unit_ch in _MONEY_BASE or (digit == 1 and unit_ch in _UNIT_LENGTHS)
        if (unit_ch and (unit_ch in lx.NUMERAL_CHARS or unit_ch.isdigit() or own_unit)) or (
            surface not in _SPOKEN_BASE and not zero
        ):
            break  # (十块八块, 5毛一斤: 八块 and 一斤 are numbers of their own, no subunit; 三块五起 is 3.5 元)
        extra += digit * (Decimal("0.01") if zero else scale)  # 一块二 → 1.2, 三蚊零四 → 3.04
        i = k
        break
    return i, extra
