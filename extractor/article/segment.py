"""Stage 4 — a :class:`Document` body into :class:`Sentence` records with offsets into the body.

A sentence ends at 。！？!?；; (and at the end of its paragraph); closing quotes and brackets
that follow the mark stay with it. A table row is one sentence.
"""

from __future__ import annotations

import regex

from ..records import Document, Sentence
from ..text import SENTENCE_MARKS

#: Marks that end a sentence, and the closing marks that stay with the sentence they end.
SENTENCE_END = SENTENCE_MARKS
CLOSERS = "”’」』）)】》\"'"

_END = regex.compile(f"[{regex.escape(SENTENCE_END)}]++[{regex.escape(CLOSERS)}]*+")


def segment(document: Document) -> list[Sentence]:
    """Split every paragraph of ``document`` into sentences.

    >>> from extractor.records import Document, Paragraph
    >>> doc = Document('x', 's', '', '', 'utf-8', 0, 'ok', (Paragraph('共33个。达75%；'),), 0, '共33个。达75%；', (0,))
    >>> [(s.start, s.end, s.text) for s in segment(doc)]
    [(0, 5, '共33个。'), (5, 10, '达75%；')]
    """
    sentences: list[Sentence] = []
    for p_index, (para, base) in enumerate(zip(document.paragraphs, document.starts, strict=True)):
        text = para.text
        if para.kind == "row":
            sentences.append(Sentence(p_index, 0, base, base + len(text), text))
            continue
        start = 0
        index = 0
        for m in _END.finditer(text):
            end = m.end()
            if text[start:end].strip():
                sentences.append(Sentence(p_index, index, base + start, base + end, text[start:end]))
                index += 1
            start = end
        if text[start:].strip():
            sentences.append(Sentence(p_index, index, base + start, base + len(text), text[start:]))
    return sentences
