"""Chrome stripping, article finding, text joining, tables, title and date."""

from __future__ import annotations

from extractor.clean import clean
from extractor.dedup import dedup
from extractor.load import load
from extractor.meta import find_title, parse_date, strip_site_suffix

FILLER = "".join(
    f"<p>第{i}段：本市民生工作稳步推进，各项救助政策落实到位，群众满意度持续提升。</p>" for i in range(1, 4)
)

NAV = "<div class='nav'>" + "".join(f"<a href='/{i}'>栏目{i}</a>" for i in range(30)) + "</div>"


def article(inner: str, head: str = "<title>标题</title>", before: str = NAV, after: str = "") -> bytes:
    return f"<html><head>{head}</head><body>{before}<div class='article'>{inner}{FILLER}</div>{after}</body></html>".encode()


def body_of(data: bytes) -> str:
    return dedup(clean(load(data, "t.html"))).body


def test_inline_markup_is_joined_without_spaces():
    body = body_of(article("<p>收入<b>2.46</b>亿元，其中<span>民生\n支出</span><strong>1.83</strong>\n亿元。</p>"))
    assert "收入2.46亿元，其中民生支出1.83亿元。" in body


def test_typed_spaces_between_latin_words_stay():
    body = body_of(article("<p>The <b>GDP</b> growth rate reached 5% this year，同比提高。</p>"))
    assert "The GDP growth rate reached 5% this year" in body


def test_block_elements_and_br_break_paragraphs():
    body = body_of(article("<div>第一句话，说明情况。<br>第二句话，继续说明。</div><p>第三句话，结束说明。</p>"))
    lines = body.split("\n")
    assert lines[:3] == ["第一句话，说明情况。", "第二句话，继续说明。", "第三句话，结束说明。"]


def test_data_table_rows_are_tab_separated_with_header():
    table = (
        "<table><tr><th>项目</th><th>支出资金（亿元）</th></tr>"
        "<tr><td>城市<b>低保</b></td><td>12.5</td></tr><tr><td>农村低保</td><td>8.3</td></tr></table>"
    )
    cleaned = clean(load(article("<p>全年支出情况如下，请社会监督。</p>" + table), "t.html"))
    rows = [p for p in cleaned.paragraphs if p.kind == "row"]
    assert [p.text for p in rows] == ["项目\t支出资金（亿元）", "城市低保\t12.5", "农村低保\t8.3"]
    assert rows[1].header == ("项目", "支出资金（亿元）")
    assert rows[0].header == ()


def test_layout_table_is_not_read_as_rows():
    layout = (
        "<table><tr><td class='menu'><table><tr><td><a href='/'>首页</a></td></tr></table></td>"
        "<td><p>这是文章的第一段，内容较长，说明了具体情况。</p><p>这是文章的第二段，继续说明。</p></td></tr></table>"
    )
    cleaned = clean(load(article(layout), "t.html"))
    assert all(p.kind != "row" for p in cleaned.paragraphs)
    assert "这是文章的第一段，内容较长，说明了具体情况。" in [p.text for p in cleaned.paragraphs]


def test_portal_chrome_is_dropped():
    before = NAV + "<div>当前位置：<a href='/'>首页</a> &gt; <a href='/m'>民生动态</a></div>"
    after = (
        "<div>上一篇：<a href='/1'>前文</a></div><div>下一篇：<a href='/2'>后文</a></div>"
        "<div>友情链接：<a href='/g'>中国政府网</a></div><div>版权所有 民生智库 京ICP备2021037876号-1 京公网安备1101080204095</div>"
    )
    inner = "<p>【字体：大 中 小】【打印本页】【关闭窗口】</p><p>分享到：微信 微博</p><p>全市新建养老床位860张，入住老人2130人。</p><p>责任编辑：李明</p>"
    body = body_of(article(inner, before=before, after=after))
    assert "全市新建养老床位860张，入住老人2130人。" in body
    for chrome in (
        "当前位置",
        "上一篇",
        "下一篇",
        "友情链接",
        "ICP备",
        "公网安备",
        "字体",
        "打印本页",
        "分享到",
        "责任编辑",
        "栏目1",
    ):
        assert chrome not in body, chrome


def test_hidden_copy_is_dropped():
    hidden = "<div style='display:none'>全市新建养老床位860张，入住老人2130人。另一段隐藏文字。</div>"
    body = body_of(article("<p>全市新建养老床位860张，入住老人2130人。</p>", after=hidden))
    assert body.count("860张") == 1 and "隐藏" not in body


def test_content_after_a_stray_closing_html_tag_is_kept():
    data = b"<html><body><div>header</div></body></html>" + article("<p>文章正文在这里。</p>")
    assert "文章正文在这里。" in body_of(data)


def test_list_page_has_no_article():
    items = "".join(
        f"<li><a href='/{i}'>关于开展第{i}批社区养老服务示范点评选的通知</a><span>2024-01-{i:02d}</span></li>"
        for i in range(1, 25)
    )
    data = f"<html><head><title>通知公告</title></head><body>{NAV}<ul>{items}</ul></body></html>".encode()
    cleaned = clean(load(data, "list.html"))
    assert cleaned.status == "no_article" and cleaned.paragraphs == ()


def test_deep_nesting_does_not_crash():
    data = ("<html><body>" + "<div>" * 60000 + "深层文字" + "</div>" * 60000 + "</body></html>").encode()
    cleaned = clean(load(data, "deep.html"))
    assert cleaned.status in ("ok", "no_article")


def test_title_prefers_headline_checked_against_title_element():
    head = "<title>多地高温津贴数年未涨(表)_网易财经</title>"
    cleaned = clean(load(article("<h1>多地高温津贴数年未涨(表)</h1><p>正文开始，说明情况。</p>", head=head), "t.html"))
    assert cleaned.title == "多地高温津贴数年未涨(表)"


def test_title_from_meta_and_stripped_suffixes():
    assert find_title("以保障和改善民生为主线-民生智库", {}, [], []) == "以保障和改善民生为主线"
    assert find_title("绵阳开展系列活动- 四川省人民政府网站", {}, [], []) == "绵阳开展系列活动"
    assert (
        find_title("网站首页", {"articletitle": "我区养老服务体系建设取得新进展"}, [], [])
        == "我区养老服务体系建设取得新进展"
    )
    assert (
        strip_site_suffix("2024年4月全国CPI同比上涨0.3%_数据_宏观频道首页_财经网 - CAIJING.COM.CN")
        == "2024年4月全国CPI同比上涨0.3%"
    )
    assert strip_site_suffix("1-10月德清县固定资产投资结构趋稳趋优") == "1-10月德清县固定资产投资结构趋稳趋优"


def test_published_from_meta_and_from_lines():
    head = "<title>t</title><meta name='PubDate' content='2023-02-20 09:30'>"
    assert clean(load(article("<p>正文内容，说明情况。</p>", head=head), "t.html")).published == "2023-02-20"
    inner = "<h1>标题</h1><div>发布时间：2024年3月8日 10:00　来源：本站</div><p>正文内容，说明情况。</p>"
    cleaned = clean(load(article(inner), "t.html"))
    assert cleaned.published == "2024-03-08"
    assert "来源" not in "\n".join(p.text for p in cleaned.paragraphs)


def test_no_date_gives_empty_published():
    assert clean(load(article("<p>正文内容，说明情况。</p>"), "t.html")).published == ""


def test_parse_date_rejects_impossible_dates():
    assert parse_date("2023-02-30") == ""
    assert parse_date("于2023年2月3日发布") == "2023-02-03"
    assert parse_date("电话010-68007379") == ""
