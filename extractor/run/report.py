"""The review report: every claim shown in its page, in one self-contained HTML file.

:func:`render_report` is a pure function of the three tables; :mod:`extractor.run.write` puts the
result on disk. The page needs no network: styles and the one small script are inline, and a
Content-Security-Policy allows nothing else (no external file, and no script but ours, which is
named by its hash). Page text is untrusted: every piece of it goes through :func:`html.escape`,
so an article that contains ``<script>``, ``onerror=`` or ``javascript:`` shows it as text.
"""

from __future__ import annotations

import base64
import hashlib
import html
import math
from collections import Counter

import pandas as pd

from .table import Tables

#: Claim kinds in display order, with their colour and label.
KINDS: dict[str, tuple[str, str]] = {
    "amount": ("#f6c744", "amount 金额"),
    "headcount": ("#7cc8f2", "headcount 人数"),
    "percent": ("#9be38f", "percent 百分比"),
    "percentage_point": ("#c6a4f5", "percentage point 百分点"),
    "count": ("#f5a3b8", "count 数量"),
    "quantity": ("#f2b27c", "quantity 计量"),
}

#: Documents shown in full; a larger run shows the first ones and says how many were left out.
MAX_DOCUMENTS = 300

#: Documents drawn in the claims-per-document chart.
CHART_DOCUMENTS = 25

_SCRIPT = """
document.body.dataset.ready = "1";
for (const box of document.querySelectorAll("input[data-kind]")) {
  box.addEventListener("change", () => {
    document.body.classList.toggle("hide-" + box.dataset.kind, !box.checked);
  });
}
for (const box of document.querySelectorAll("input[data-direction]")) {
  box.addEventListener("change", () => {
    document.body.classList.toggle("hide-dir-" + box.dataset.direction, !box.checked);
  });
}
"""

#: Directions a claim's number may have (see :attr:`extractor.records.Claim.direction`), with the
#: sign shown beside it and the label of its filter.
DIRECTIONS = {"up": ("▲", "rises, or above"), "down": ("▼", "falls, or below"), "level": ("", "levels")}

_STYLE = """
body{font:15px/1.6 system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0;color:#1d2330;background:#f7f8fa;
  overflow-wrap:anywhere}
bdi,svg text{unicode-bidi:isolate}
header,main{max-width:1100px;margin:0 auto;padding:0 20px}
header{padding-top:18px}
h1{font-size:22px;margin:0 0 6px}h2{font-size:18px;margin:26px 0 8px}h3{font-size:16px;margin:0 0 6px}
.figures{display:flex;flex-wrap:wrap;gap:10px;margin:12px 0}
.figure{background:#fff;border:1px solid #dde1e8;border-radius:8px;padding:8px 14px;min-width:110px}
.figure b{display:block;font-size:22px}
.panel{background:#fff;border:1px solid #dde1e8;border-radius:8px;padding:14px 18px;margin:14px 0}
.filters label{margin-right:14px;white-space:nowrap;cursor:pointer}
.swatch{display:inline-block;width:12px;height:12px;border-radius:3px;vertical-align:-1px;margin-right:4px}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border-bottom:1px solid #e6e9ef;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f0f2f6}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.meta{color:#5b6475;font-size:13px}
.body p{margin:0 0 8px;white-space:pre-wrap;tab-size:4}
mark.claim{position:relative;border-radius:3px;padding:0 1px;color:inherit;cursor:help;outline-offset:1px}
mark.claim .tip{display:none;position:absolute;left:0;top:1.7em;z-index:5;min-width:230px;max-width:420px;
  background:#1d2330;color:#fff;font-size:12px;line-height:1.45;padding:6px 8px;border-radius:6px;white-space:normal}
mark.claim:hover .tip,mark.claim:focus .tip{display:block}
mark.claim:target{outline:2px solid #1d2330}
svg text{font:12px system-ui,sans-serif;fill:#1d2330}
.errors td{font-size:12px}
nav.toc{columns:2;font-size:13px}
nav.toc a{display:block;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
"""


#: Longest title shown in a heading or the table of contents; the full title shows on hover.
MAX_TITLE = 120

#: Text columns of the tables, and the claim columns that must be numbers.
_TEXT = ("doc_id", "source", "title", "published", "encoding", "status", "body", "text", "kind", "unit",
         "currency", "qualifier", "subject", "bound", "stage", "error", "message", "url", "direction",
         "baseline", "period", "period_start", "period_end", "section")  # fmt: skip
_NUMBERS = ("start", "end", "value", "high")


def render_report(tables: Tables, seconds: float | None = None, title: str = "extractor report") -> str:
    """The report of a run as one HTML string.

    Any row is shown or skipped, never fatal: text cells that are empty or not text read as "",
    claim offsets and values that are not numbers (or do not fit their body) are left out.
    """
    docs, claims, errors = (_tidy(t) for t in (tables.documents, tables.claims, tables.errors))
    style = (
        _STYLE
        + "".join(
            f"mark.k-{kind}{{background:{color}}} .hide-{kind} mark.k-{kind}{{background:transparent}}"
            f" .hide-{kind} tr.k-{kind}{{display:none}} .swatch.k-{kind}{{background:{color}}}"
            for kind, (color, _label) in KINDS.items()
        )
        + "".join(
            f" .hide-dir-{d} mark.d-{d}{{background:transparent}} .hide-dir-{d} tr.d-{d}{{display:none}}"
            for d in DIRECTIONS
        )
    )
    script_hash = base64.b64encode(hashlib.sha256(_SCRIPT.encode("utf-8")).digest()).decode("ascii")
    csp = f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{script_hash}'; img-src data:"
    by_doc = {doc_id: group for doc_id, group in claims.groupby("doc_id", sort=False)} if len(claims) else {}
    shown = docs[docs.status == "ok"].head(MAX_DOCUMENTS)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title><style>{style}</style></head><body>",
        "<header>",
        f"<h1>{_e(title)}</h1>",
        _figures(docs, claims, errors, seconds),
        _filters(claims),
        "</header><main>",
        _overview(docs, claims, errors),
        _toc(shown, by_doc),
    ]
    if len(shown) < (docs.status == "ok").sum():
        parts.append(f'<p class="meta">Showing the first {len(shown)} of {(docs.status == "ok").sum()} documents.</p>')
    for number, doc in enumerate(shown.itertuples(index=False)):
        parts.append(_document(number, doc, by_doc.get(doc.doc_id)))
    parts.append(f"</main><script>{_SCRIPT}</script></body></html>")
    return "\n".join(parts)


def _tidy(df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    for column in df.columns:
        if column in _TEXT:
            df[column] = [v if isinstance(v, str) else "" if _missing(v) else str(v) for v in df[column]]
        elif column in _NUMBERS:
            df[column] = pd.to_numeric(df[column], errors="coerce").astype("float64")
    return df


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _t(value) -> str:
    """Page text for HTML: escaped, and isolated in ``<bdi>`` so that a bidi override in it
    (U+202E) cannot reverse what follows."""
    return f"<bdi>{_e(value)}</bdi>"


def _clip(text: str, limit: int = MAX_TITLE) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _e(value) -> str:
    """Escape any value for HTML text or a quoted attribute."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    return html.escape(str(value), quote=True)


def _figures(docs, claims, errors, seconds) -> str:
    no_article = int((docs.status == "no_article").sum()) if len(docs) else 0
    items = [
        ("pages", len(docs) + len(errors)),
        ("documents", len(docs)),
        ("without article", no_article),
        ("claims", len(claims)),
        ("errors", len(errors)),
    ]
    if seconds is not None:
        items.append(("run time", f"{seconds:.1f} s"))
    cells = "".join(f'<div class="figure"><b>{_e(v)}</b>{_e(k)}</div>' for k, v in items)
    return f'<div class="figures" id="figures">{cells}</div>'


def _filters(claims) -> str:
    counts = Counter(claims.kind) if len(claims) else Counter()
    boxes = "".join(
        f'<label><input type="checkbox" checked data-kind="{kind}"><span class="swatch k-{kind}"></span>'
        f"{_e(label)} ({counts.get(kind, 0)})</label>"
        for kind, (_color, label) in KINDS.items()
    )
    directions = Counter(_direction(c) for c in claims.itertuples(index=False)) if len(claims) else Counter()
    boxes += " &nbsp; " + " ".join(
        f'<label><input type="checkbox" checked data-direction="{d}">{_e(sign)} {_e(label)} ({directions.get(d, 0)})</label>'
        for d, (sign, label) in DIRECTIONS.items()
    )
    return f'<div class="panel filters" id="filters"><b>Show:</b> {boxes}</div>'


def _direction(claim) -> str:
    """``up``, ``down`` or ``level``: a claims table from before the direction column reads as levels."""
    direction = getattr(claim, "direction", "") or ""
    return direction if direction in ("up", "down") else "level"


def _meaning(claim) -> str:
    """Direction, baseline, period and section of a claim, for its tooltip."""
    direction = _direction(claim)
    parts = []
    if direction != "level":
        baseline = getattr(claim, "baseline", "") or ""
        parts.append(f"{DIRECTIONS[direction][0]} {direction}" + (f" vs {baseline}" if baseline else ""))
    period = getattr(claim, "period", "") or ""
    if period:
        dates = "–".join(d for d in (getattr(claim, "period_start", ""), getattr(claim, "period_end", "")) if d)
        parts.append(f"period: {period}" + (f" ({dates})" if dates else ""))
    section = getattr(claim, "section", "") or ""
    if section:
        parts.append(f"section: {section}")
    return " · ".join(parts)


def _overview(docs, claims, errors) -> str:
    counts = Counter(claims.kind) if len(claims) else Counter()
    kind_bars = [(label, counts.get(kind, 0), color) for kind, (color, label) in KINDS.items()]
    per_doc = claims.groupby("doc_id").size() if len(claims) else pd.Series(dtype="int64")
    titles = dict(zip(docs.doc_id, docs.title, strict=True)) if len(docs) else {}
    doc_bars = [
        (titles.get(doc_id, "") or doc_id, int(n), "#8aa6d8")
        for doc_id, n in per_doc.sort_values(ascending=False).head(CHART_DOCUMENTS).items()
    ]
    out = ['<section class="panel" id="overview"><h2>Overview</h2>', "<h3>Claims per kind</h3>", _bars(kind_bars)]
    if doc_bars:
        out += [f"<h3>Claims per document (top {len(doc_bars)})</h3>", _bars(doc_bars)]
    out.append(f"<h3>Errors ({len(errors)})</h3>")
    if len(errors):
        rows = "".join(
            f"<tr><td>{_t(r.source)}</td><td>{_e(r.stage)}</td><td>{_e(r.error)}</td><td>{_t(r.message)}</td></tr>"
            for r in errors.itertuples(index=False)
        )
        out.append(
            f'<table class="errors"><tr><th>source</th><th>stage</th><th>error</th><th>message</th></tr>{rows}</table>'
        )
    else:
        out.append('<p class="meta">Every page was read.</p>')
    out.append("</section>")
    return "".join(out)


def _bars(bars: list[tuple[str, int, str]]) -> str:
    """A horizontal bar chart as inline SVG."""
    top = max([n for _label, n, _color in bars] + [1])
    row, label_w, bar_w = 22, 260, 560
    height = row * len(bars) + 6
    items = []
    for i, (label, n, color) in enumerate(bars):
        y = i * row + 4
        width = 0 if n == 0 else max(2, round(bar_w * n / top))
        short = label if len(label) <= 22 else label[:21] + "…"
        items.append(
            f'<text x="{label_w - 8}" y="{y + 14}" text-anchor="end">{_e(short)}<title>{_e(label)}</title></text>'
            f'<rect x="{label_w}" y="{y}" width="{width}" height="{row - 6}" rx="3" fill="{color}"></rect>'
            f'<text x="{label_w + width + 6}" y="{y + 14}">{n}</text>'
        )
    return (
        f'<svg role="img" width="100%" viewBox="0 0 {label_w + bar_w + 60} {height}" '
        f'preserveAspectRatio="xMinYMin meet">{"".join(items)}</svg>'
    )


def _toc(shown, by_doc) -> str:
    if not len(shown):
        return ""
    links = "".join(
        f'<a href="#d{i}" title="{_e(doc.title or doc.source)}">{_t(_clip(doc.title or doc.source))}'
        f" ({len(by_doc.get(doc.doc_id, ()))})</a>"
        for i, doc in enumerate(shown.itertuples(index=False))
    )
    return f'<section class="panel"><h2>Documents</h2><nav class="toc">{links}</nav></section>'


def _document(number: int, doc, claims) -> str:
    rows = [] if claims is None else list(claims.sort_values("start", kind="stable").itertuples(index=False))
    meta = " · ".join(
        (
            _e(doc.published or "no date"),
            _t(doc.source),
            _e(f"encoding {doc.encoding}"),
            _e(f"{doc.duplicates_removed} duplicate paragraphs removed"),
            _e(f"{len(rows)} claims"),
        )
    )
    heading = doc.title or doc.source
    out = [
        f'<section class="panel doc" id="d{number}">',
        f'<h2 title="{_e(heading)}">{_linked(_t(_clip(heading)), getattr(doc, "url", ""))}</h2>',
        f'<p class="meta">{meta}</p>',
        '<div class="body">',
        _highlighted(doc.body, rows, number),
        "</div>",
    ]
    if rows:
        out.append(
            "<details open><summary>Claims</summary><table><tr><th>#</th><th>text</th><th>kind</th>"
            "<th>value</th><th>unit</th><th>qualifier</th><th>subject</th><th>says</th></tr>"
        )
        for i, claim in enumerate(rows):
            out.append(
                f'<tr class="k-{_e(claim.kind)} d-{_direction(claim)}"><td>{i + 1}</td>'
                f'<td><a href="#c{number}-{i}">{_t(claim.text)}</a></td><td>{_e(claim.kind)}</td>'
                f'<td class="num">{_e(_value(claim.value, claim.high))}</td><td>{_t(claim.unit)}</td>'
                f"<td>{_t(claim.qualifier)}</td><td>{_t(claim.subject)}</td><td>{_t(_meaning(claim))}</td></tr>"
            )
        out.append("</table></details>")
    out.append("</section>")
    return "\n".join(out)


def _linked(html_text: str, url) -> str:
    """The heading, linked to the page's own address when it is an http(s) one."""
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        return html_text
    return f'<a href="{_e(url)}" rel="noopener noreferrer">{html_text}</a>'


def _highlighted(body: str, rows: list, number: int) -> str:
    """The body as paragraphs, each claim wrapped in a <mark> with its tooltip; all text escaped
    and isolated (``<bdi>``). A claim whose offsets are missing, overlap the one before or do not
    fit the body is left out."""
    pieces = []
    cursor = 0
    for i, claim in enumerate(rows):
        if _missing(claim.start) or _missing(claim.end):
            continue
        start, end = int(claim.start), int(claim.end)
        if start < cursor or end > len(body) or end <= start or "\n" in body[start:end]:
            continue
        pieces.append(_paragraphs(body[cursor:start]))
        tip = " · ".join(
            part
            for part in (
                f"{claim.kind}",
                f"{_value(claim.value, claim.high)} {claim.unit or ''}".strip(),
                claim.currency or "",
                f"{claim.qualifier} ({claim.bound})" if claim.qualifier else "",
                f"subject: {claim.subject}" if claim.subject else "",
                _meaning(claim),
            )
            if part
        )
        pieces.append(
            f'<mark class="claim k-{_e(claim.kind)} d-{_direction(claim)}" id="c{number}-{i}" tabindex="0"'
            f' data-kind="{_e(claim.kind)}" data-direction="{_direction(claim)}">'
            f'{_t(body[start:end])}<span class="tip" role="tooltip">{_t(tip)}</span></mark>'
        )
        cursor = end
    pieces.append(_paragraphs(body[cursor:]))
    return "<p>" + "".join(pieces) + "</p>"


def _paragraphs(text: str) -> str:
    """A stretch of body text: each paragraph's part isolated, paragraphs split by ``</p><p>``."""
    return "</p><p>".join(_t(line) if line else "" for line in text.split("\n"))


def _value(value, high) -> str:
    if not isinstance(value, (int, float)) or _missing(value):
        return ""
    text = f"{value:,.6f}".rstrip("0").rstrip(".")
    if isinstance(high, (int, float)) and not _missing(high):
        text += " – " + f"{high:,.6f}".rstrip("0").rstrip(".")
    return text
