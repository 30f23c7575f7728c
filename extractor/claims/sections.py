"""Stage 6, the section: the heading each claim's paragraph stands under inside the article.

:func:`paragraph_sections` gives, for each paragraph of a document, the nearest heading above it:
a heading paragraph that heads what follows (:func:`is_heading`; not a fact line, a caption, a
byline or a line of the page's own title), or an interview's question above its answer.
"""

from __future__ import annotations

import regex

from ..article.chrome import PHOTO_CREDIT
from ..records import Document
from .numerals import time_bound
from .subject import words_of

#: Short lines that are no heading of what follows: a field and its value (成人票原价：160元,
#: 咨询电话：58779988), a fact line ending in its figure (规划岸线1600米), a photo caption (图为…,
#: 图注：…, …摄), a salutation or a speaker's name before what they say (女士们、先生们：,
#: 固定收益主管：John Hollyer) and a byline (作者, 记者, 编辑…: the labels of :data:`extractor.article.chrome.META_LABELS`).
NOT_HEADINGS = regex.compile(
    r"[：:]\s*+[-+]?[0-9０-９〇零一二三四五六七八九十百千万两]"
    r"|^(?:图为|图片|图注|图：|图:|图\s*+[/／])"
    # a note wholly in brackets: （2007年6月29日第十届全国人民代表大会常务委员会第二十八次会议通过）
    r"|^[（(][^（）()]*+[）)]$"
    # a salutation or a speaker before what they say (女士们、先生们：; 首席投资官：John Hollyer)
    r"|^(?![（(]?[一二三四五六七八九十0-9]{1,3}+[、.．)）]|第)[^：:]{1,20}+[：:]\s*+$|[：:]\s*+(?:[A-Z][A-Za-z.'\-]*+(?:\s++[A-Z][A-Za-z.'\-]*+){0,3}+)$"
    + "|"
    + PHOTO_CREDIT
    + "|"
    + "|".join(regex.escape(label) for label in ("作者", "记者", "编辑", "来源", "通讯员"))
)


#: A line that ends in its figure (规划岸线1600米): a fact of its own, unless a verb before the
#: figure makes it a headline (沪指跌了28.63%, 每股跌掉200元).
_TRAILING_FIGURE = regex.compile(r"[0-9０-９][^0-9０-９\s，。；、]{0,3}+$")


def is_heading(text: str) -> bool:
    """Whether a heading paragraph heads what follows it (一、社会救助) rather than being a short
    line of its own (成人票原价：160元, 规划岸线1600米, a caption or a byline).

    >>> is_heading('二、养老服务'), is_heading('成人票原价：160元'), is_heading('规划岸线1600米')
    (True, False, False)
    >>> is_heading('沪指跌了28.63%'), is_heading('图/pixabay')
    (True, False)
    """
    if NOT_HEADINGS.search(text, timeout=time_bound(text)) is not None:
        return False
    figure = _TRAILING_FIGURE.search(text)
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
