"""Stage 6, the section: the heading each claim's paragraph stands under inside the article.

:func:`paragraph_sections` gives, for each paragraph of a document, the nearest heading above it:
a heading paragraph that heads what follows (:func:`is_heading`; not a fact line, a caption, a
byline or a line of the page's own title), or an interview's question above its answer.
"""

from __future__ import annotations

import regex

from ..article.chrome import META_LABELS, PHOTO_CREDIT
from ..records import Document
from .numerals import bounded
from .periods import TIME_EXPRESSION
from .subject import words_of

#: Words that label a byline or a source wherever they stand in a short line, before a colon, a
#: bar or a name (记者 张三, 图片来源：天水融媒); the other labels of
#: :data:`extractor.article.chrome.META_LABELS` (发布时间, 日期…) only at the line's start. Among a
#: heading's words they are words like any other (三、资金来源, 记者观察：楼市新政).
BYLINE_WORDS = ("作者", "记者", "编辑", "来源", "通讯员")

#: The numbering of a heading (一、, (二), 3., 第一部分): a numbered line is a heading whatever
#: figure it holds (一、2023年回顾, 第一部分：2023年回顾).
_NUMBERED = r"(?:[（(]?[一二三四五六七八九十0-9]{1,3}+[、.．)）]|第[一二三四五六七八九十0-9]{1,3}+[部章节篇条款项])"

#: Short lines that are no heading of what follows: a photo caption (图为…, 图注：…, 图/…, …摄), a
#: note wholly in brackets, a salutation or a speaker's name before what they say (女士们、先生们：,
#: 固定收益主管：John Hollyer) and a byline.
NOT_HEADINGS = regex.compile(
    r"^(?:图为|图片|图注|图：|图:|图\s*+[/／])"
    # a note wholly in brackets: （2007年6月29日第十届全国人民代表大会常务委员会第二十八次会议通过）
    r"|^[（(][^（）()]*+[）)]$"
    # a salutation or a speaker before what they say (女士们、先生们：; 首席投资官：John Hollyer)
    rf"|^(?!{_NUMBERED})[^：:]{{1,20}}+[：:]\s*+$|[：:]\s*+(?:[A-Z][A-Za-z.'\-]*+(?:\s++[A-Z][A-Za-z.'\-]*+){{0,3}}+)$"
    + "|"
    + PHOTO_CREDIT
    + "|^(?:"  # 发布时间：…, 日期：…
    + "|".join(regex.escape(label) for label in sorted(META_LABELS, key=len, reverse=True))
    + r")\s*+[：:|｜/]"
    + "|(?:"  # 来源：新华社, 本报记者 张三, 天水有轨电车 图片来源：天水融媒
    + "|".join(BYLINE_WORDS)
    + r")(?:\s*+[：:|｜/]|\s++\S)"
    + r"|[社报台网]记者"  # 新华社记者邹多为: an agency's reporter
)

#: A field and its value (成人票原价：160元, 咨询电话：58779988) and a fact line ending in its figure
#: (规划岸线1600米): no heading, unless numbered (then the figure is part of its title), or, for a
#: line ending in its figure, a verb before the figure makes it a headline (沪指跌了28.63%).
_FIELD_VALUE = regex.compile(r"[：:]\s*+[-+]?[0-9０-９〇零一二三四五六七八九十百千万两]")
_TRAILING_FIGURE = regex.compile(r"[0-9０-９][^0-9０-９\s，。；、]{0,3}+$")
_NUMBERED_LINE = regex.compile(_NUMBERED)


def is_heading(text: str) -> bool:
    """Whether a heading paragraph heads what follows it (一、社会救助) rather than being a short
    line of its own (成人票原价：160元, 规划岸线1600米, a caption or a byline).

    >>> is_heading('二、养老服务'), is_heading('成人票原价：160元'), is_heading('规划岸线1600米')
    (True, False, False)
    >>> is_heading('沪指跌了28.63%'), is_heading('图/pixabay'), is_heading('三、资金来源'), is_heading('一、2023年回顾')
    (True, False, True, True)
    >>> is_heading('2023年'), is_heading('2023年上半年'), is_heading('2023年产值1600亿元')
    (True, True, False)
    """
    bound = bounded(text)
    if NOT_HEADINGS.search(text, **bound) is not None:
        return False
    if _NUMBERED_LINE.match(text) or TIME_EXPRESSION.fullmatch(text.strip(), **bound):
        return True  # 一、2023年回顾; 2023年 or 2023年上半年 alone, a timeline's heading
    if _FIELD_VALUE.search(text, **bound) is not None:
        return False
    figure = _TRAILING_FIGURE.search(text, **bound)
    return figure is None or _has_verb(text[: figure.start()])


def _has_verb(text: str) -> bool:
    """Whether the lexicon reads a verb in ``text`` (:func:`extractor.claims.subject.words_of`)."""
    return any(kind == "verb" for _, kind in words_of(text))


#: The longest paragraph read as a question heading the answer after it (债券市场存在泡沫吗？).
QUESTION_MAX = 40
_QUESTION = regex.compile(r"[？?]\s*+$")


def paragraph_sections(document: Document) -> list[str]:
    """For each paragraph, the nearest heading paragraph above it ("" when none). A short
    paragraph that is only a question, with an answer after it, heads that answer (an interview's
    questions: 央行现在应该做什么？)."""
    out = []
    current = ""
    paragraphs = document.paragraphs
    title = _SPACE.sub("", document.title)
    prose = False  # whether a paragraph of text has come yet: before it, headings may be the title
    for i, para in enumerate(paragraphs):
        out.append(current)
        if para.kind == "heading" and is_heading(para.text):
            line = _SPACE.sub("", para.text)
            if not prose and len(line) >= TITLE_LINE_MIN and line in title:
                continue  # a line of the article's own title, printed over two or three lines
            current = para.text
            continue
        prose = prose or para.kind == "text"
        if para.kind == "text" and _is_question(para.text):
            following = paragraphs[i + 1].text if i + 1 < len(paragraphs) else ""
            if following and not _is_question(following):
                current = para.text
    return out


#: The shortest heading line read as a piece of the page's title (shorter ones, 一、, may be in
#: any title).
TITLE_LINE_MIN = 6
_SPACE = regex.compile(r"\s++")


def _is_question(text: str) -> bool:
    return len(text) <= QUESTION_MAX and _QUESTION.search(text) is not None
