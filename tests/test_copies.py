"""The same article saved twice across a batch: duplicates, revisions, and the canonical copy.

The pages are built here: one bulletin article as a desktop page (navigation, breadcrumbs, a side
column, a footer) and as a mobile view of it (other markup, other chrome, the text in other tags).
"""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import pandas as pd
import pytest

import extractor
from conftest import outcome
from extractor import extract_page
from extractor.records import Copy
from extractor.run import copies
from extractor.run.batch import run_to_files
from extractor.run.copies import NEAR_MAX_CHARS, NEAR_MIN_CHARS, minhash, resolve, signature, similarity
from extractor.run.write import TableWriter, read_tables

PARAGRAPHS = [
    "为切实保障困难群众基本生活，今年以来，我局持续加大社会救助工作力度，不断完善分层分类的社会救助体系。",
    "截至3月底，全区累计发放城乡低保金3753.57万元，惠及困难群众2824人，较去年同期增长8.6%。",
    "同时，全区共为1260名特困人员发放救助供养金，集中供养率达75%，高于全市平均水平12个百分点。",
    "下一步，我局将继续聚焦群众急难愁盼问题，推动社会救助政策落实落细，切实兜牢兜准民生底线。",
]
TITLE = "区民政局一季度社会救助工作成效显著"
#: The figures of the article, as claims (text and value).
FIGURES = [
    ("3753.57万元", 37535700.0),
    ("2824人", 2824.0),
    ("8.6%", 8.6),
    ("1260名", 1260.0),
    ("75%", 75.0),
    ("12个百分点", 12.0),
]


def desktop(paragraphs=PARAGRAPHS, title=TITLE, date="2024-04-02") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    nav = "".join(f'<li><a href="/c{i}">栏目{i}</a></li>' for i in range(8))
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}_某某区人民政府</title></head>
<body><div class="header"><ul class="nav">{nav}</ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/x">民生动态</a></div>
<div class="main"><div class="article"><h1>{title}</h1>
<div class="info">发布时间：{date} 来源：区民政局</div>
<div class="content">{body}</div>
<div class="pages"><a href="/a">上一篇：区民政局召开工作会议</a> <a href="/b">下一篇：关于开展养老服务检查的通知</a></div>
</div><div class="side"><h3>友情链接</h3><ul><li><a href="http://a">市民政局</a></li><li><a href="http://b">省民政厅</a></li></ul></div></div>
<div class="footer">版权所有：某某区人民政府 备案号：京ICP备12345678号 电话：010-12345678</div></body></html>"""


def mobile(paragraphs=PARAGRAPHS, title=TITLE, date="2024-04-02") -> str:
    body = "".join(f'<section class="m-p"><span>{p[:10]}</span>{p[10:]}</section>' for p in paragraphs)
    return f"""<html><head><meta name="viewport" content="width=device-width"><meta charset="utf-8">
<title>{title}</title></head><body class="m"><header class="m-top"><a href="/">返回</a> 某某区政府</header>
<article><h2 class="m-title">{title}</h2><p class="m-date">{date}</p>{body}</article>
<footer><a href="#top">返回顶部</a> <a href="/pc">电脑版</a></footer></body></html>"""


def corrected(old: str, new: str) -> list[str]:
    """The article with one figure corrected."""
    return [p.replace(old, new) for p in PARAGRAPHS]


def write(folder: Path, pages: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, html in pages.items():
        (folder / name).write_text(html, encoding="utf-8")
    return folder


def marks(tables) -> dict[str, tuple[str, str, str, int]]:
    """Each document's (status, duplicate_of, revises, claims) by file name."""
    docs = tables.documents
    return {
        Path(s).name: (st, d, r, int(c))
        for s, st, d, r, c in zip(docs.source, docs.status, docs.duplicate_of, docs.revises, docs.claims, strict=True)
    }


def claim_sources(tables) -> dict[str, int]:
    return {Path(s).name: n for s, n in tables.claims.groupby("source").size().items()}


def sig(source: str, published: str = "2024-04-02", **fields):
    """The signature of the article page, with fields replaced."""
    return dataclasses.replace(signature(extract_page(desktop().encode(), source)), published=published, **fields)


# --------------------------------------------------------------------------------------------
# the signature


def test_desktop_and_mobile_views_have_the_same_body_and_figures():
    a = signature(extract_page(desktop().encode(), "www/a.html"))
    b = signature(extract_page(mobile().encode(), "m/a.html"))
    assert (a.exact, a.numbers, a.title) == (b.exact, b.numbers, b.title)
    assert similarity(a, b) == 1.0
    assert (a.claims, a.status, a.published, len(a.minhash)) == (6, "ok", "2024-04-02", 256)


def test_a_corrected_figure_changes_the_figures_but_little_of_the_text():
    a = signature(extract_page(desktop().encode(), "a.html"))
    b = signature(extract_page(desktop(corrected("2824人", "2842人")).encode(), "b.html"))
    assert a.numbers != b.numbers and a.exact != b.exact and a.title == b.title
    assert 0.9 <= similarity(a, b) < 1.0


def test_the_minhash_estimates_the_share_of_shingles_in_common():
    rng = random.Random(7)
    letters = [chr(0x4E00 + i) for i in range(3000)]
    base = "".join(rng.choice(letters) for _ in range(2000))
    changed = base[:1800] + "".join(rng.choice(letters) for _ in range(200))  # the last tenth rewritten

    def grams(text):
        return {text[i : i + 5] for i in range(len(text) - 4)}

    exact = len(grams(base) & grams(changed)) / len(grams(base) | grams(changed))
    estimate = sum(x == y for x, y in zip(minhash(base), minhash(changed), strict=True)) / len(minhash(base))
    assert 0.81 < exact < 0.82
    assert abs(estimate - exact) < 0.1
    assert minhash(base) == minhash(base) and minhash("") == minhash("")


# --------------------------------------------------------------------------------------------
# resolve


def test_canonical_copy_is_the_earliest_published_then_the_smallest_source():
    found = resolve([sig("b.html", "2024-04-02"), sig("a.html", "2024-04-05"), sig("c.html", "2024-04-02")])
    doc_id = sig("x").doc_id
    assert found == {"a.html": Copy(duplicate_of=doc_id), "c.html": Copy(duplicate_of=doc_id)}
    undated = resolve([sig("a.html", ""), sig("z.html", "2024-04-09")])
    assert undated == {"a.html": Copy(duplicate_of=doc_id)}  # an undated copy comes after dated ones


def test_resolve_does_not_depend_on_the_order_of_the_signatures():
    base = [sig(f"{i}.html", f"2024-04-0{i % 3 + 1}") for i in range(7)]
    revision = signature(extract_page(desktop(corrected("75%", "76%")).encode(), "r.html"))
    signatures = [*base, dataclasses.replace(revision, published="2024-04-08")]
    expected = resolve(signatures)
    assert expected["r.html"] == Copy(revises=base[0].doc_id)
    assert sum(1 for c in expected.values() if c.duplicate_of) == 6
    for seed in range(5):
        shuffled = signatures[:]
        random.Random(seed).shuffle(shuffled)
        assert resolve(shuffled) == expected


def test_a_short_body_is_a_duplicate_only_with_the_same_title():
    short = sig("a.html", chars=NEAR_MIN_CHARS - 1)
    assert resolve([short, dataclasses.replace(short, source="b.html", title="另一个通知")]) == {}
    assert resolve([short, dataclasses.replace(short, source="b.html")]) == {"b.html": Copy(duplicate_of=short.doc_id)}


def test_a_body_longer_than_its_minhash_covers_is_a_duplicate_only_when_equal():
    long = sig("a.html", chars=NEAR_MAX_CHARS + 1)
    near = dataclasses.replace(long, source="b.html", exact="0" * 32)  # same MinHash and figures
    equal = dataclasses.replace(long, source="c.html")
    assert resolve([long, near, equal]) == {"c.html": Copy(duplicate_of=long.doc_id)}
    assert resolve([sig("a.html"), dataclasses.replace(sig("b.html"), exact="0" * 32)]) == {
        "b.html": Copy(duplicate_of=long.doc_id)
    }  # the same pair, of an ordinary length, is near-identical


def test_pages_without_an_article_are_never_copies():
    a, b = sig("a.html", status="no_article"), sig("b.html", status="no_article")
    assert resolve([a, b]) == {}


def test_near_identical_text_with_other_figures_and_another_title_is_neither():
    a = sig("a.html")
    b = dataclasses.replace(a, source="b.html", exact="0" * 32, numbers="1" * 32, title="另一篇")
    assert resolve([a, b]) == {}


def mixed_signatures() -> list:
    """Signatures of every kind of copy, each page saved three times (``0-``, ``1-``, ``2-``): the
    desktop and mobile views of one article and a longer mobile view (2 April), a revision of it
    (3 April) and a revision of that (4 April), another article; short and overlong bodies; pages
    without an article."""
    pages = {
        "www": (desktop(), "2024-04-02"),
        "m": (mobile(), "2024-04-02"),
        "m_share": (mobile(PARAGRAPHS + ["（责任编辑：王小明）"]), "2024-04-02"),
        "fix": (desktop(corrected("2824人", "2842人")), "2024-04-03"),
        "fix2": (desktop(corrected("2824人", "2842人")[:2] + corrected("75%", "76%")[2:]), "2024-04-04"),
        "other": (desktop(OTHER, title="区民政局一季度养老服务工作情况"), "2024-04-02"),
    }
    found = []
    for name, (page, date) in pages.items():
        base = signature(extract_page(page.encode(), name))
        found += [dataclasses.replace(base, source=f"{k}-{name}.html", published=date) for k in range(3)]
    short = sig("short.html", chars=NEAR_MIN_CHARS - 1)
    long = sig("long.html", chars=NEAR_MAX_CHARS + 1, exact="1" * 32)
    found += [
        short,
        dataclasses.replace(short, source="short2.html"),
        dataclasses.replace(short, source="s3.html", title="另"),
    ]
    found += [
        long,
        dataclasses.replace(long, source="long2.html"),
        dataclasses.replace(long, source="l3.html", exact="2" * 32),
    ]
    found += [sig("none.html", status="no_article"), sig("none2.html", status="no_article")]
    return found


def test_copies_of_every_kind_are_found_as_expected():
    signatures = mixed_signatures()
    ids = {s.source: s.doc_id for s in signatures}
    found = resolve(signatures)
    dup = {name: Copy(duplicate_of=ids[canonical]) for canonical, names in {
        "0-m.html": ["1-m.html", "2-m.html", "0-www.html", "1-www.html", "2-www.html",
                     "0-m_share.html", "1-m_share.html", "2-m_share.html",
                     "short.html", "short2.html"],  # a short body: the same key and title
        "0-fix.html": ["1-fix.html", "2-fix.html"],
        "0-fix2.html": ["1-fix2.html", "2-fix2.html"],
        "0-other.html": ["1-other.html", "2-other.html"],
        "long.html": ["long2.html"],
    }.items() for name in names}  # fmt: skip
    revisions = {"0-fix.html": Copy(revises=ids["0-m.html"]), "0-fix2.html": Copy(revises=ids["0-fix.html"])}
    assert found == {**dup, **revisions}


@pytest.mark.dask
@pytest.mark.parametrize("parts", [1, 3, 7])
def test_grouping_with_dask_finds_what_grouping_here_finds(parts):
    """The same copies whether the signatures are grouped in this process or shuffled by key across
    dask tasks, whatever their order, their parts and the number of buckets."""
    signatures = mixed_signatures()
    expected = resolve(signatures)
    assert len(expected) == 19
    for seed, buckets in enumerate((1, 2, 5)):
        shuffled = signatures[:]
        random.Random(seed).shuffle(shuffled)
        split = [shuffled[i::parts] for i in range(parts)]
        assert copies.resolve_parts(split, buckets, scheduler="threads", num_workers=2) == expected


def test_a_pair_sharing_many_keys_makes_one_link():
    a = sig("a.html")
    b = dataclasses.replace(sig("b.html"), exact="0" * 32)  # near-identical: the same MinHash
    shared = set(copies.keys(a)) & set(copies.keys(b))
    assert len(shared) == copies.BANDS + 1  # every band and the title
    found = [link for key in shared for link in copies.links(key, [b, a])]
    assert len(found) == 1 and found[0].near and not found[0].exact
    assert (found[0].earlier[1], found[0].later[1]) == ("a.html", "b.html")


def test_identical_copies_are_compared_once(monkeypatch):
    """A page saved many times gives one link per copy, not one per pair of copies."""
    seen = []
    choose = copies.choose
    monkeypatch.setattr(copies, "choose", lambda links: seen.extend(links) or choose(seen))
    base = sig("a.html")
    saved = [dataclasses.replace(base, source=f"{i:04d}.html") for i in range(500)]
    found = resolve([*saved, sig("m.html", exact="0" * 32)])  # and a near-identical view
    assert len(found) == 500 and {c.duplicate_of for c in found.values()} == {base.doc_id}
    assert sum(link.identical for link in seen) == 499 and len(seen) == 500


def test_an_identical_copy_follows_its_first_copy_to_the_canonical_one():
    canonical = sig("a.html", "2024-04-01", exact="0" * 32)
    first, second = sig("b.html"), sig("c.html")  # identical to each other, near to a.html
    found = resolve([second, canonical, first])
    assert found == {"b.html": Copy(duplicate_of=canonical.doc_id), "c.html": Copy(duplicate_of=canonical.doc_id)}


# --------------------------------------------------------------------------------------------
# whole runs


#: Another article on the same template.
OTHER = [p.replace("社会救助", "养老服务").replace("低保金", "养老补贴") for p in PARAGRAPHS]


@pytest.fixture
def batch(tmp_path) -> Path:
    """An article saved four times and corrected once, and another article."""
    other = OTHER
    return write(
        tmp_path / "pages",
        {
            "www.html": desktop(),
            "m.html": mobile(),
            "copy of www.html": desktop(),  # byte for byte
            "m_share.html": mobile(PARAGRAPHS + ["（责任编辑：王小明）"]),  # a line more: near-identical
            "www_corrected.html": desktop(corrected("2824人", "2842人"), date="2024-04-03"),
            "other.html": desktop(other, title="区民政局一季度养老服务工作情况"),
        },
    )


EXPECTED = {
    "copy of www.html": ("ok", "", "", 6),
    "m.html": ("duplicate", "CANONICAL", "", 0),
    "m_share.html": ("duplicate", "CANONICAL", "", 0),
    "www.html": ("duplicate", "CANONICAL", "", 0),
    "www_corrected.html": ("ok", "", "CANONICAL", 6),
    "other.html": ("ok", "", "", 6),
}


def expected(tables) -> dict:
    canonical = tables.documents.doc_id[tables.documents.source.str.endswith("/copy of www.html")].item()
    return {name: tuple(canonical if v == "CANONICAL" else v for v in values) for name, values in EXPECTED.items()}


def test_copies_are_flagged_once_and_their_claims_not_repeated(batch):
    tables = extractor.extract([batch])
    assert marks(tables) == expected(tables)
    assert claim_sources(tables) == {"copy of www.html": 6, "www_corrected.html": 6, "other.html": 6}
    assert tables.documents.claims.sum() == len(tables.claims) == 18
    corrected_values = tables.claims[tables.claims.source.str.endswith("www_corrected.html")]
    assert list(zip(corrected_values.text, corrected_values.value, strict=True)) == [
        (t.replace("2824", "2842"), v if v != 2824 else 2842.0) for t, v in FIGURES
    ]


def test_the_choice_is_the_same_for_jobs_and_reversed_paths(batch):
    paths = sorted(batch.iterdir())
    one = extractor.extract(paths, jobs=1)
    two = extractor.extract(list(reversed(paths)), jobs=2)
    assert marks(one) == marks(two) == expected(one)
    assert one.claims.equals(two.claims)


def test_the_earliest_published_copy_is_canonical_whatever_its_name(tmp_path):
    folder = write(tmp_path, {"a_later.html": desktop(date="2024-04-09"), "z_first.html": mobile(date="2024-04-01")})
    tables = extractor.extract([folder])
    first = tables.documents.doc_id[tables.documents.source.str.endswith("z_first.html")].item()
    assert marks(tables) == {"a_later.html": ("duplicate", first, "", 0), "z_first.html": ("ok", "", "", 6)}


def test_a_chain_of_corrections_revises_the_copy_before_it(tmp_path):
    folder = write(
        tmp_path,
        {
            "v1.html": desktop(date="2024-04-02"),
            "v2.html": desktop(corrected("1260名", "1206名"), date="2024-04-03"),
            "v3.html": desktop(corrected("1260名", "1206名")[:1] + corrected("8.6%", "6.8%")[1:], date="2024-04-04"),
        },
    )
    tables = extractor.extract([folder])
    ids = dict(zip(tables.documents.source.map(lambda s: Path(s).name), tables.documents.doc_id, strict=True))
    assert marks(tables) == {
        "v1.html": ("ok", "", "", 6),
        "v2.html": ("ok", "", ids["v1.html"], 6),
        "v3.html": ("ok", "", ids["v2.html"], 6),
    }


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_files_carry_the_marks_and_leave_out_the_duplicates_claims(batch, tmp_path, fmt):
    summary = run_to_files([batch], tmp_path / "out", fmt)
    tables = read_tables(tmp_path / "out", fmt)
    assert marks(tables) == expected(tables)
    assert claim_sources(tables) == {"copy of www.html": 6, "www_corrected.html": 6, "other.html": 6}
    assert (summary.documents, summary.duplicates, summary.claims) == (6, 3, 18)
    assert "6 documents (3 duplicates), 18 claims" in summary.line()
    in_memory = extractor.extract([batch])
    columns = ["source", "text", "value", "context"]
    assert tables.claims[columns].reset_index(drop=True).equals(in_memory.claims[columns].reset_index(drop=True))
    assert tables.documents.body.tolist() == in_memory.documents.body.tolist()


def test_a_formula_like_source_is_matched_in_csv(tmp_path):
    folder = write(tmp_path / "in", {"=a.html": desktop(), "=b.html": mobile()})
    run_to_files([folder], tmp_path / "out", "csv")
    tables = read_tables(tmp_path / "out", "csv")
    assert [m[0] for m in marks(tables).values()] == ["ok", "duplicate"]
    assert claim_sources(tables) == {"=a.html": 6}


def test_an_interrupted_revision_pass_leaves_the_earlier_tables(batch, tmp_path, monkeypatch):
    out = tmp_path / "out"
    run_to_files([batch / "other.html"], out, "csv")
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def interrupted(self, *args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(TableWriter, "_revise_csv", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run_to_files([batch], out, "csv")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # no temporary file left either


@pytest.mark.dask
def test_the_documents_table_is_the_same_for_every_engine_jobs_and_path_order(batch):
    paths = sorted(batch.iterdir())
    one = extractor.extract(paths, jobs=1)
    assert marks(one) == expected(one)
    runs = {
        "--jobs 2, reversed paths": extractor.extract(paths[::-1], jobs=2),
        "--engine dask": extractor.extract(paths, engine="dask", jobs=2),
        "--engine dask --jobs 1, reversed paths": extractor.extract(paths[::-1], engine="dask", jobs=1),
    }
    for name, tables in runs.items():
        pd.testing.assert_frame_equal(tables.documents, one.documents, obj=name)
        pd.testing.assert_frame_equal(tables.claims, one.claims, obj=name)


@pytest.mark.dask
def test_the_dask_engine_makes_the_same_choice_locally_and_on_a_cluster(batch):
    """On a cluster the copies are grouped there: the results that come back carry no signature."""
    distributed = pytest.importorskip("distributed")
    from extractor.run.engine import Options, run_dask, run_local

    local = extractor.extract([batch])
    threads = extractor.extract([batch], engine="dask", jobs=2)
    paths = sorted(str(p) for p in batch.iterdir())
    signatures, results = [], {}
    run_local(paths, Options(jobs=2), lambda _i, r: signatures.append(r.signature))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster:
        on_cluster = extractor.extract(paths[::-1], engine="dask", scheduler=cluster.scheduler_address)
        found = run_dask(paths, Options(jobs=2, chunk=2), results.__setitem__, cluster.scheduler_address)
    assert marks(threads) == marks(on_cluster) == marks(local) == expected(local)
    pd.testing.assert_frame_equal(on_cluster.documents, local.documents)
    assert on_cluster.claims.equals(local.claims)
    assert found == resolve(signatures) and len(found) == 4
    assert [outcome(r) for r in results.values()] == ["ok"] * 6
    assert all(r.signature is None for r in results.values())


def test_monthly_reports_on_one_template_are_not_copies(tmp_path):
    months = {
        "jan.html": desktop(title="区民政局1月社会救助工作情况", date="2024-02-01"),
        "feb.html": desktop(
            [p.replace("3753.57", "3801.20").replace("2824", "2851") for p in PARAGRAPHS],
            title="区民政局2月社会救助工作情况",
            date="2024-03-01",
        ),
    }
    tables = extractor.extract([write(tmp_path, months)])
    assert marks(tables) == {"feb.html": ("ok", "", "", 6), "jan.html": ("ok", "", "", 6)}
    assert len(tables.claims) == 12


def test_the_cli_summary_counts_the_duplicates(batch, tmp_path, capsys):
    from extractor.cli import main

    assert main([str(batch), "--out", str(tmp_path / "out"), "--format", "jsonl"]) == 0
    line = capsys.readouterr().err.strip().splitlines()[-1]
    assert "6 pages → 6 documents (3 duplicates), 18 claims, 0 errors" in line
