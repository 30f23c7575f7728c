"""The review report: self-contained, every claim highlighted, page text inert — and checked in
a real browser (headless Chromium)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import lxml.html
import pandas as pd
import pytest

from conftest import ROOT, SAMPLES
from extractor.cli import main
from extractor.run.report import KINDS, render_report

sys.path.insert(0, str(ROOT / "tests" / "tools"))
from screenshot import FLAGS as CHROME_FLAGS  # noqa: E402  the flags the screenshot tool uses


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    pages = folder / "pages"
    shutil.copytree(SAMPLES, pages, ignore=shutil.ignore_patterns("*.png", "*.md"))
    (pages / "broken.html").write_bytes(b"%PDF-1.5 <script>alert(1)</script>")
    out = folder / "out"
    assert main([str(pages), "--out", str(out), "--report", "--quiet"]) == 0
    claims = pd.read_csv(out / "claims.csv", encoding="utf-8-sig", keep_default_na=False)
    return out, (out / "report.html").read_text(encoding="utf-8"), claims


def test_every_claim_row_is_highlighted_once(run):
    _out, text, claims = run
    root = lxml.html.fromstring(text)
    marks = root.xpath('//mark[contains(concat(" ", @class, " "), " claim ")]')
    assert len(marks) == len(claims) > 80
    kinds = [m.get("data-kind") for m in marks]
    assert sorted(kinds) == sorted(claims.kind)
    assert all(m.get("tabindex") == "0" and m.find('span[@class="tip"]') is not None for m in marks)


def test_claim_list_links_to_places_in_the_text(run):
    _out, text, _claims = run
    root = lxml.html.fromstring(text)
    ids = {m.get("id") for m in root.iter("mark")}
    links = [a.get("href")[1:] for a in root.xpath("//table//a[starts-with(@href, '#c')]")]
    assert links and set(links) <= ids


def test_self_contained(run):
    _out, text, _claims = run
    root = lxml.html.fromstring(text)
    assert not root.xpath("//link | //*[@src] | //iframe | //object")
    assert not any(a.get("href", "#").startswith(("http", "//")) for a in root.iter("a"))
    assert "@import" not in text and "url(" not in text
    assert root.xpath('//meta[@http-equiv="Content-Security-Policy"]')
    assert root.xpath("//svg")


def test_page_text_is_inert(run):
    _out, text, _claims = run
    root = lxml.html.fromstring(text)
    assert len(root.xpath("//script")) == 1  # ours, at the end
    assert not root.xpath("//*[@onerror] | //*[@onclick] | //img")
    assert not root.xpath("//a[starts-with(@href, 'javascript:')]")
    assert "&lt;script&gt;document.body.setAttribute(&#x27;data-pwned&#x27;" in text
    assert "onerror=&quot;document.body" in text
    body_text = root.text_content()
    assert "<script>document.body.setAttribute('data-pwned','script')</script>" in body_text


def test_overview_counts_filters_and_errors(run):
    _out, text, claims = run
    root = lxml.html.fromstring(text)
    figures = {d.text_content().strip() for d in root.xpath('//div[@id="figures"]/div')}
    assert f"{len(claims)}claims" in figures and "1errors" in figures
    boxes = [b.get("data-kind") for b in root.xpath("//input[@data-kind]")]
    assert boxes == list(KINDS)
    directions = {b.get("data-direction"): b.getparent().text_content() for b in root.xpath("//input[@data-direction]")}
    assert list(directions) == ["up", "down", "level"]
    ups = int((claims.direction == "up").sum())
    assert ups > 0 and directions["up"].endswith(f"({ups})")
    marked = root.xpath('//mark[@data-direction="up"]')
    assert len(marked) == ups and all("▲ up" in m.text_content() for m in marked)
    errors = root.xpath('//table[@class="errors"]//tr/td[3]')
    assert [e.text for e in errors] == ["binary"]


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.mark.browser
def test_report_in_headless_chromium(run, tmp_path):
    exe = _chromium()
    if exe is None:
        pytest.skip("Chromium is not installed (Debian: apt-get install chromium; .ci/run installs it)")
    out, _text, claims = run
    uri = (out / "report.html").resolve().as_uri()
    flags = [*CHROME_FLAGS, f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run(
        [exe, *flags, "--virtual-time-budget=5000", "--dump-dom", uri],
        capture_output=True, text=True, timeout=180, check=True,
    ).stdout  # fmt: skip
    root = lxml.html.fromstring(dom)
    body = root.find("body")
    assert body.get("data-ready") == "1", "the report's own script did not run"
    assert body.get("data-pwned") is None, "a script from page text ran"
    assert root.findtext(".//title") == "extractor report"
    assert len(root.xpath('//mark[contains(concat(" ", @class, " "), " claim ")]')) == len(claims)
    shot = ROOT / "output" / "report.png"
    shot.parent.mkdir(exist_ok=True)
    subprocess.run(
        [exe, *flags, "--window-size=1280,2200", f"--screenshot={shot}", uri],
        capture_output=True, timeout=180, check=True,
    )  # fmt: skip
    assert shot.stat().st_size > 20_000
    assert Path(shot).read_bytes().startswith(b"\x89PNG")


# --------------------------------------------------------------------------------------------
# odd rows and hostile text (issue 12, items 5 and 7)


def odd_tables():
    from extractor.run.table import CLAIM_COLUMNS, DOCUMENT_COLUMNS, ERROR_COLUMNS, Tables

    body = "正文\u202e反转的文字，共计3万元。" + "长" * 5000
    docs = pd.DataFrame(
        [
            {"doc_id": "a", "source": "a\u202e.html", "title": "题" * 400, "status": "ok", "body": body},
            {"doc_id": "b", "source": "b.html", "title": None, "status": "ok", "body": None},
        ]
    )
    claims = pd.DataFrame(
        [
            {"doc_id": "a", "start": 11, "end": 14, "text": "3万元", "kind": "amount", "value": 30000.0},
            {"doc_id": "a", "start": float("nan"), "end": 3, "text": "x", "kind": "amount", "value": "n/a"},
            {"doc_id": "a", "start": 90_000, "end": 90_004, "text": "y", "kind": "weird<b>", "value": None},
            {"doc_id": "a", "start": 8, "end": 5, "text": "z", "kind": "count", "value": 1.0},
            {"doc_id": "b", "start": 0, "end": 2, "text": "w", "kind": "count", "value": 2.0},
            {"doc_id": "zz", "start": 0, "end": 1, "text": "v", "kind": "percent", "value": 5.0},
        ]
    )
    errors = pd.DataFrame([{"source": "\u202eevil.html", "stage": None, "error": "binary", "message": 5}])
    return Tables(
        claims=claims.reindex(columns=list(CLAIM_COLUMNS)),
        documents=docs.reindex(columns=list(DOCUMENT_COLUMNS)),
        errors=errors.reindex(columns=list(ERROR_COLUMNS)),
    )


def test_report_never_crashes_on_odd_rows():
    text = render_report(odd_tables())
    root = lxml.html.fromstring(text)
    marks = root.xpath('//mark[contains(concat(" ", @class, " "), " claim ")]')
    assert [m.findtext("bdi") for m in marks] == ["3万元"]  # the rows that fit their body; the others are skipped
    assert "weird&lt;b&gt;" in text and "weird<b>" not in text


def test_report_isolates_bidi_overrides_and_wraps_long_runs():
    text = render_report(odd_tables())
    root = lxml.html.fromstring(text)
    for piece in ("反转的文字", "a\u202e.html", "\u202eevil.html"):
        holders = [e for e in root.iter() if piece in (e.text or "")]
        assert holders and all(e.tag == "bdi" for e in holders), piece
    assert "overflow-wrap:anywhere" in text
    heading = root.xpath('//section[@id="d0"]/h2')[0]
    assert len(heading.text_content()) <= 121 and heading.get("title") == "题" * 400
