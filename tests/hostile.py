"""Generate a folder of hostile inputs (nothing binary is committed; every file is made here).

``make_hostile(folder)`` writes the files and returns what each is expected to become:
``{file name: "ok" | "no_article" | "duplicate" | error kind}``. Two good pages from samples/ go in too, so a
test can check that their claims come out exactly as when they are extracted alone.
"""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[1] / "samples"

GOOD = ("seed_portal_gbk.html", "data_table.html")

ARTICLE = "<p>全年发放医疗救助资金3753.57万元，救助困难群众2824人，集中供养率达75%。</p>"


def page(body: str, head: str = "<meta charset='utf-8'>", title: str = "民生动态") -> str:
    return f"<html><head>{head}<title>{title}</title></head><body>{body}</body></html>"


#: The outcome of a page that is ARTICLE again (in another encoding, under another name): the same
#: article as -leading-dash.html, the smallest source of these undated copies, so a duplicate.
COPY = "duplicate"


def make_hostile(folder: Path) -> dict[str, str]:
    """Write the hostile files into ``folder``; return their expected outcome."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(7)
    expect: dict[str, str] = {}

    def write(name: str, data: bytes, outcome: str) -> None:
        (folder / name).write_bytes(data)
        expect[name] = outcome

    write("empty.html", b"", "empty")
    write("whitespace.html", b"  \n\t \r\n  ", "empty")
    write("image.html", b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(2000)), "binary")
    write("document.html", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "binary")
    write(
        "archive.htm", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(rng.randrange(256) for _ in range(500)), "binary"
    )
    write("noise.shtml", bytes(rng.randrange(256) for _ in range(5000)), "binary")
    gbk = page(ARTICLE * 3, "<meta charset='gbk'>").encode("gbk")
    cut = gbk.index("人，".encode("gbk")) + 1
    write("truncated_gbk.html", gbk[:cut], "ok")
    write("utf8_declared_big5.html", page(ARTICLE, "<meta charset='big5'>").encode("utf-8"), COPY)
    write("gbk_declared_utf8.html", page(ARTICLE, "<meta charset='utf-8'>").encode("gbk"), COPY)
    write("utf16_bom.html", b"\xff\xfe" + page(ARTICLE).encode("utf-16-le"), COPY)
    big5 = page(
        "<p>全年發放低收入戶生活扶助費用共計12.6億元，受益人數達3萬2千人。</p>", "<meta charset='big5'>", "社會局"
    )
    write("big5.html", big5.encode("big5"), "ok")
    write("deep_nesting.html", page("<div>" * 60_000 + "深" + "</div>" * 60_000).encode(), "no_article")
    write("digit_run.html", page(f"<p>共计{'1' * 200_000}万元。</p>" + ARTICLE).encode(), "ok")
    write("comma_bomb.html", page("<p>" + "1," * 100_000 + "</p>" + ARTICLE).encode(), "ok")
    write(
        "numeral_run.html", page("<p>" + "一二三四五六七八九十百千万亿" * 15_000 + "元。</p>" + ARTICLE).encode(), "ok"
    )
    nul = page(ARTICLE).encode().replace("资金".encode(), "资\x00金".encode())
    write("nul_bytes.html", nul, COPY)
    write(
        "script_only.html",
        b"<html><head><script>var a = 1; document.write('3753.57\xe4\xb8\x87\xe5\x85\x83');</script></head></html>",
        "no_article",
    )
    rows = "".join(f"<tr><td>第{i}项</td><td>{i * 3}</td><td>{i % 97}</td></tr>" for i in range(20_000))
    table = (
        f"<p>明细如下，请审阅。</p><table><tr><th>项目</th><th>金额（万元）</th><th>人数（人）</th></tr>{rows}</table>"
    )
    write("big_table.html", page(table).encode(), "ok")
    write("with space.html", page(ARTICLE).encode(), COPY)
    write("中文文件名.html", page(ARTICLE).encode(), COPY)
    write("-leading-dash.html", page(ARTICLE).encode(), "ok")
    for name in GOOD:
        shutil.copy(SAMPLES / name, folder / name)
        expect[name] = "ok"
    os.symlink(folder / "no-such-target.html", folder / "broken_link.html")
    expect["broken_link.html"] = "broken_link"
    os.symlink(folder, folder / "loop")  # a folder link back to the folder itself
    expect["loop"] = "loop"
    os.symlink("self_link.html", folder / "self_link.html")  # a link to itself: ELOOP in the walk
    expect["self_link.html"] = "loop"
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.html")
        expect["pipe.html"] = "not_a_file"
    return expect
