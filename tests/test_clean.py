"""Chrome stripping, article finding, text joining, tables, title and date."""

from __future__ import annotations

from extractor.article.clean import clean
from extractor.article.dedup import dedup
from extractor.article.load import load
from extractor.article.meta import find_title, parse_date, strip_site_suffix

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


def test_a_tool_bar_run_together_is_dropped():
    """A tool bar whose links lost their spaces (打印字体：放大正常缩小分享) is chrome; a sentence that
    names one of its words is not."""
    inner = "<p>打印字体：放大正常缩小分享</p><p>全市新建养老床位860张，入住老人2130人。</p><p>活动现场可放大打印。</p>"
    body = body_of(article(inner))
    assert "打印字体" not in body
    assert "全市新建养老床位860张，入住老人2130人。" in body and "活动现场可放大打印。" in body


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


# --------------------------------------------------------------------------------------------
# chrome inside the article container, one class at a time

BODY = "<p>全市新建养老床位860张，入住老人2130人，服务覆盖所有街道。</p>"


def test_provenance_lines_inside_the_article_are_dropped():
    lines = [
        "本文来源：每日经济新闻 作者：刘明",
        "来源：市民政局",
        "编辑：王芳",
        "编辑|张三",
        "（记者 李四 通讯员 王五）",
        "(责编：胡永秋、杨光宇)",
        "【编辑:陈海峰】",
        "发布时间：2024-03-08 10:00",
        "索引号：11440100/2024-00112",
        "发布机构：某某市民政局",
        "中青网记者 魏其濛 来源：中国青年报",
    ]
    inner = (
        BODY + "".join(f"<p>{line}</p>" for line in lines) + "<p>下一步，全市将继续完善养老服务网络，提升服务质量。</p>"
    )
    inner += (
        "<p>特别声明</p><p>本文为机构上传并发布，仅代表该机构观点，不代表本站的观点或立场，本站仅提供信息发布平台。</p>"
    )
    body = body_of(article(inner))
    lines.append("特别声明")
    assert "仅代表该机构观点" not in body
    assert "全市新建养老床位860张" in body and "下一步，全市将继续完善养老服务网络" in body
    for line in lines:
        assert line not in body, line
    for word in ("来源", "编辑", "记者", "责编", "索引号", "发布机构", "特别声明"):
        assert word not in body, word


def test_interview_questions_and_prose_that_names_a_source_stay():
    inner = (
        "<p>记者：今年的救助标准是多少？</p><p>答：城市低保标准提高到每月1200元。</p>"
        "<p>来源地的农产品经检测全部合格，销售额同比增长12%，带动农户增收明显，群众满意度持续提升，"
        "各项工作有序推进，取得了良好的社会效益和经济效益。</p>"
    )
    body = body_of(article(BODY + inner))
    assert "记者：今年的救助标准是多少？" in body
    assert "来源地的农产品经检测全部合格" in body


def test_recommendation_blocks_end_the_article():
    for heading in ("为你推荐", "重点推荐", "相关推荐"):
        teasers = "".join(
            f"<p>另一篇文章的导语，讲述第{i}件事情的经过。</p><p>2019-09-30 07:4{i}</p>" for i in range(3)
        )
        body = body_of(article(BODY + f"<h3>{heading}</h3>" + teasers))
        assert "全市新建养老床位860张" in body
        assert heading not in body and "另一篇文章的导语" not in body, heading


def test_a_sentence_that_starts_with_a_recommendation_word_stays():
    inner = BODY + "<p>重点推荐以下三类项目：社区食堂、日间照料中心和家庭养老床位，每类补助5万元。</p>"
    assert "重点推荐以下三类项目" in body_of(article(inner))


def test_app_promotions_are_dropped_and_instructions_that_mention_an_app_stay():
    promos = [
        "安装新浪财经客户端第一时间接收最全面的市场资讯→【下载地址】",
        "关注公众号：人民网财经",
        "扫描下方二维码解锁更多技能",
        "下载某某新闻APP，阅读更多精彩内容",
    ]
    howto = "<p>参训人员登录培训平台后，下载“钉钉”APP注册并登录，使用“钉钉”APP扫描班级首页二维码进入培训管理群，管理员审核后即可参加线上课程学习。</p>"
    body = body_of(
        article("".join(f"<p>{p}</p>" for p in promos[:1]) + BODY + howto + "".join(f"<p>{p}</p>" for p in promos[1:]))
    )
    for promo in promos:
        assert promo not in body, promo
    assert "下载“钉钉”APP注册并登录" in body


def test_disclosure_metadata_table_is_dropped_and_a_data_table_stays():
    meta = (
        "<table><tr><td>索引号：</td><td>11440100/2024-00112</td><td>发布机构：</td><td>某某市民政局</td></tr>"
        "<tr><td>发文字号：</td><td>穗民〔2024〕5号</td><td>成文日期：</td><td>2024-05-11</td></tr></table>"
    )
    data = "<table><tr><th>项目</th><th>金额（万元）</th></tr><tr><td>低保</td><td>12.5</td></tr><tr><td>特困</td><td>8.3</td></tr></table>"
    body = body_of(article(meta + BODY + data))
    assert "索引号" not in body and "穗民〔2024〕5号" not in body
    assert "低保\t12.5" in body


def test_title_line_printed_with_its_date_is_dropped():
    inner = "<p>关于开展养老服务宣传月活动的通知( 2024-05-11)</p>" + BODY
    cleaned = clean(
        load(article(inner, head="<title>关于开展养老服务宣传月活动的通知__某某市民政局</title>"), "t.html")
    )
    assert cleaned.title == "关于开展养老服务宣传月活动的通知"
    assert all("2024-05-11" not in p.text for p in cleaned.paragraphs)


# --------------------------------------------------------------------------------------------
# titles


def title_of(head: str, inner: str = "") -> str:
    return clean(load(article(inner + BODY, head=head), "t.html")).title


def test_title_drops_site_and_column_prefixes():
    head = "<title>某某省人民政府 部门资讯 全省养老服务体系建设取得新进展</title>"
    assert title_of(head) == "全省养老服务体系建设取得新进展"
    assert title_of("<title>国务院新闻办 举行养老服务发布会</title>") == "国务院新闻办 举行养老服务发布会"


def test_literal_br_in_the_title_reads_as_a_space():
    assert title_of("<title>全省养老服务体系建设<br>取得新进展_某某网</title>") == "全省养老服务体系建设 取得新进展"
    assert title_of("<title>某某网</title>", "<h1>全省养老服务体系建设&lt;br/&gt;取得新进展</h1>") == (
        "全省养老服务体系建设 取得新进展"
    )


def test_subtitle_after_a_double_dash_is_kept():
    head = "<title>积极因素不断增多——前4个月外贸向好态势进一步巩固_某某网</title>"
    assert title_of(head) == "积极因素不断增多——前4个月外贸向好态势进一步巩固"
    head = "<title>积极因素不断增多-前4个月外贸向好态势进一步巩固-某某头条</title>"
    h1 = "<h1>积极因素不断增多——前4个月外贸向好态势进一步巩固</h1>"
    assert title_of(head, h1) == "积极因素不断增多——前4个月外贸向好态势进一步巩固"


def test_title_that_is_only_the_site_name_gives_way_to_the_headline_element():
    h5 = "<h5>某某省淡水研究所召开干部职工大会暨党风廉政建设大会</h5>"
    assert title_of("<title>某某省淡水研究所</title>", h5) == "某某省淡水研究所召开干部职工大会暨党风廉政建设大会"
    meta = "<title>国家某某管理总局</title><meta name='ArticleTitle' content='国家某某管理总局行政处罚信息公开表'>"
    assert title_of(meta) == "国家某某管理总局行政处罚信息公开表"


def test_title_keeps_the_whole_headline_not_a_subheading_found_in_it():
    head = "<title>海外留学生看两会：出国前后关注点大不同_教育频道_某某网</title>"
    assert title_of(head, "<p><strong>出国前后关注点大不同</strong></p>") == "海外留学生看两会：出国前后关注点大不同"


def test_photo_credits_comment_widgets_and_dated_source_lines_are_dropped():
    inner = (
        "<p>2024-05-09 22:30·新华社</p>"
        + BODY
        + "<p>图为养老服务中心启动仪式。（刘通摄）</p><p>▲某某日报全媒体图片记者黎旭阳、李妍摄</p>"
        + "<p>下一步，全市将继续完善养老服务网络，提升服务质量。</p>"
        + "<p>举报</p><p>评论 139</p><p>请先登录后发表评论～</p>"
    )
    body = body_of(article(inner))
    assert body.split("\n")[:2] == [
        "全市新建养老床位860张，入住老人2130人，服务覆盖所有街道。",
        "下一步，全市将继续完善养老服务网络，提升服务质量。",
    ]
    for chrome in ("新华社", "摄", "举报", "评论"):
        assert chrome not in body, chrome


# --------------------------------------------------------------------------------------------
# the page's own address


def url_of(head: str, top: str = "") -> str:
    data = f"{top}<html><head><title>标题</title>{head}</head><body><div>{BODY}{FILLER}</div></body></html>"
    return dedup(clean(load(data.encode(), "t.html"))).url


def test_url_from_each_sign_in_order_of_trust():
    saved = "<!-- saved from url=(0042)http://www.example.gov.cn/art/2024/1.html -->\n"
    canonical = "<link rel='canonical' href='https://example.com/canonical.html'>"
    og = "<meta property='og:url' content='https://example.com/og.html'>"
    base = "<base href='https://example.com/base/'>"
    assert url_of(canonical + og + base, top=saved) == "http://www.example.gov.cn/art/2024/1.html"
    assert url_of(og + base + canonical) == "https://example.com/canonical.html"
    assert url_of(base + og) == "https://example.com/og.html"
    assert url_of(base) == "https://example.com/base/"
    assert url_of("") == ""


def test_url_resolves_a_relative_canonical_and_refuses_what_is_not_an_address():
    assert url_of("<base href='https://example.com/news/'><link rel='canonical' href='2024/1.html'>") == (
        "https://example.com/news/2024/1.html"
    )
    assert url_of("<link rel='canonical' href='/2024/1.html'>") == ""  # nothing to resolve it against
    assert url_of("", top="<!-- saved from url=(0014)about:internet -->") == ""
    assert url_of("<meta property='og:url' content='javascript:alert(1)'>") == ""
    assert url_of("<link rel='canonical' href='//example.com/a.html'>") == "http://example.com/a.html"


def test_url_of_a_list_page_too():
    data = b"<!-- saved from url=(0027)https://example.com/list/ --><html><body><ul><li><a href='/1'>x</a></li></ul></body></html>"
    cleaned = clean(load(data, "list.html"))
    assert cleaned.status == "no_article" and cleaned.url == "https://example.com/list/"


# --------------------------------------------------------------------------------------------
# deep nesting: libxml2 stops at a fixed depth and says nothing


def test_two_hundred_unclosed_font_paragraphs_are_all_kept():
    paras = "".join(f"<p><font>第{i}段，全市新建养老床位{i}张。" for i in range(200))
    doc = dedup(clean(load(f"<html><body>{paras}</body></html>".encode(), "font.html")))
    assert doc.status == "ok" and len(doc.paragraphs) == 200
    assert doc.paragraphs[-1].text == "第199段，全市新建养老床位199张。"
    assert doc.warning == ""


def test_an_article_after_254_unclosed_divs_is_found():
    paras = "".join(f"<p>第{i}段，全市新建养老床位{i}张，入住老人{i}人。</p>" for i in range(5))
    cleaned = clean(load(("<html><body>" + "<div>" * 254 + paras + "</body></html>").encode(), "deep.html"))
    assert cleaned.status == "ok" and len(cleaned.paragraphs) == 5 and cleaned.warning == ""


def test_nesting_deeper_than_the_parser_goes_is_flattened_and_the_text_kept():
    paras = "".join(f"<p>第{i}段，全市新建<b>养老床位</b>{i}张，入住老人{i}人。</p>" for i in range(5))
    data = ("<html><body>" + "<div><span>" * 3000 + paras + "</body></html>").encode()
    cleaned = clean(load(data, "deeper.html"))
    assert cleaned.status == "ok" and cleaned.warning == ""
    assert [p.text for p in cleaned.paragraphs][-1] == "第4段，全市新建养老床位4张，入住老人4人。"


def test_text_still_cut_by_the_depth_limit_is_reported():
    paras = "".join(f"<p>第{i}段，全市新建养老床位{i}张，入住老人{i}人。</p>" for i in range(5))
    data = ("<html><body><p>开头一段，说明本页的情况和背景。</p>" + "<table><tr><td>" * 3000 + paras).encode()
    doc = dedup(clean(load(data, "tables.html")))
    assert "养老床位" not in doc.body
    assert doc.warning.startswith("The page nests its elements deeper than the HTML parser goes")


def test_an_xhtml_page_with_an_xml_declaration_is_read():
    xhtml = (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml">'
        "<head><title>养老服务_某某网</title></head><body>" + BODY + "</body></html>"
    )
    for codec in ("utf-8", "gb18030"):
        doc = dedup(
            clean(load(xhtml.replace("utf-8", "gbk" if codec == "gb18030" else codec).encode(codec), "x.xhtml"))
        )
        assert doc.status == "ok" and doc.body == "全市新建养老床位860张，入住老人2130人，服务覆盖所有街道。"


def test_fold_space_folds_every_run_as_the_plain_pattern_does():
    """fold_space takes str.split() for its runs of white space: the same as one pattern folding
    each run by whether it holds a line break, whatever white space the text holds."""
    import random

    import regex

    from extractor.text import CJK, fold_space

    spaces = regex.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]++")
    zero_width = regex.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]++")
    gap = regex.compile(rf"(?<=[{CJK}])\x00|\x00(?=[{CJK}])")

    def reference(text: str) -> str:
        text = zero_width.sub("", text)
        if not regex.search(r"[\n\r\t\f\v]", text):
            return spaces.sub(" ", text).strip()
        text = spaces.sub(lambda m: "\x00" if regex.search(r"[\n\r\t\f\v]", m.group(0)) else " ", text)
        return gap.sub("", text.strip(" \x00")).replace("\x00", " ")

    for cp in range(0x110000):  # printable text takes the short way: its only white space is " "
        ch = chr(cp)
        if ch.isprintable() and ch != " ":
            assert not (spaces.match(ch) or zero_width.match(ch) or ch.isspace()), hex(cp)
    pool = " \n\t\r\v\f\u3000\xa0\u2000\u202f\u1680\u2028\x85中a，\u200b\u00ad\x1c\x1f\x00"
    draw = random.Random(0)
    for _ in range(20000):
        text = "".join(draw.choice(pool) for _ in range(draw.randint(0, 12)))
        assert fold_space(text) == reference(text), ascii(text)


def test_the_parser_reads_the_decoded_text_whatever_charset_the_page_declares():
    # the decoded text is handed to libxml2 as UTF-8 bytes; the page's <meta charset> naming the
    # encoding its bytes were in must not make libxml2 decode them again
    for codec, sentence in (
        ("gbk", "累计发放医疗救助资金3753.57万元。"),
        ("gb2312", "累计发放医疗救助资金3753.57万元。"),
        ("big5", "累計發放醫療救助資金3753.57萬元。"),
    ):
        head = f"<meta charset='{codec}'><title>标题</title>"
        page = f"<html><head>{head}</head><body><div>{NAV}</div><div><p>{sentence}</p>{FILLER}</div></body></html>"
        assert sentence in body_of(page.encode(codec, "replace"))


def test_a_lone_surrogate_in_the_decoded_text_is_read_as_a_replacement_character():
    # no decoder load uses yields one, but a Page can be built by hand; libxml2 would stop at it
    from dataclasses import replace

    page = load(article("<p>累计发放医疗救助资金3753.57万元。</p>"), "t.html")
    page = replace(page, text=page.text.replace("医疗", "医\ud800疗"))
    assert "累计发放医\ufffd疗救助资金3753.57万元。" in dedup(clean(page)).body


def test_a_short_line_ending_in_a_trail_mark_is_chrome_and_a_sentence_is_not():
    from extractor.article.blocks import is_chrome

    # a trail without 首页, a "more" link: lines of at most 40 characters before >> or »
    assert is_chrome("政务公开 » 统计数据 »")
    assert is_chrome("民生动态 >> 正文 >>")
    assert is_chrome("更多>>")
    assert not is_chrome("全年发放医疗救助资金3753.57万元，救助困难群众2824人。")
    assert not is_chrome("这是一段很长的说明文字，" * 4 + "更多>>")  # past 40 characters: not a trail


def test_a_hyphen_or_double_colon_between_spaces_separates_a_title_from_its_site():
    # the leading space of " - " and " :: " was taken by the separator's possessive \s*+
    assert strip_site_suffix("全省养老服务体系建设取得新进展 - 政务公开 - 某某市人民政府") == (
        "全省养老服务体系建设取得新进展"
    )
    assert strip_site_suffix("全省养老服务体系建设取得新进展 :: 政务公开 :: 某某网") == "全省养老服务体系建设取得新进展"
    assert strip_site_suffix("A-B 两地合作") == "A-B 两地合作"  # a hyphen inside a word is kept
    # a <title> of the site's name and address: the site's name opening it is no headline
    title = "广西壮族自治区人民政府门户网站 - www.gxzf.gov.cn"
    heads = ["广西壮族自治区人民政府门户网站", "下六甲灌区工程重要节点全面开工"]
    metas = {"articletitle": "下六甲灌区工程重要节点全面开工"}
    assert find_title(title, metas, heads, []) == "下六甲灌区工程重要节点全面开工"


def test_a_breadcrumb_with_one_word_after_the_home_link_is_chrome():
    from extractor.article.blocks import is_chrome

    # the space after 首页 was taken by a possessive \s*+, the mark > by a possessive \S{1,12}+
    assert is_chrome("首页 民生动态>")
    assert is_chrome("首页 民生动态 >")
    assert is_chrome("网站首页 政务公开 > 通知公告")
    assert not is_chrome("首页 民生动态")
    assert not is_chrome("首页 这是一段超过十二个字的很长的说明文字 >")  # not one short word: not a trail


def test_a_line_of_contact_fields_run_together_is_chrome():
    from extractor.article.blocks import is_chrome

    # a value's possessive [^\s:：]++ took the next label, leaving its colon unmatched
    assert is_chrome("地址：北京市东城区 电话：010-12345678")
    assert is_chrome("地址：北京市东城区电话：010-12345678")
    assert is_chrome("邮编：100000电话：12345 传真：12346")
    assert not is_chrome("联系电话：12345")


def test_link_text_is_counted_in_a_table_row_and_in_a_block_made_of_links():
    from extractor.article.blocks import Walk, parse

    page = load(
        (
            "<html><body><p><a href='/1'>民生动态</a><a href='/2'>政务公开</a></p>"
            "<table><tr><th>项目</th><th>金额</th></tr>"
            "<tr><td><a href='/x'>医疗救助</a></td><td>3753.57万元</td></tr></table></body></html>"
        ).encode(),
        "t.html",
    )
    blocks = {b.text: b for b in Walk(parse(page)[0]).blocks}
    assert (blocks["民生动态政务公开"].link, blocks["民生动态政务公开"].chars) == (8, 8)
    row = blocks["医疗救助\t3753.57万元"]
    assert (row.link, row.chars) == (4, 12)  # only the linked cell's letters are link text


def test_keys_and_chars_of_many_texts_are_those_of_each_text():
    from extractor.text import key_and_chars, keys_and_chars

    texts = ["“增长 ８％”，", "", "  ", "GDP Growth 3%", "Straße ﬁ ①", "累计发放\t3753.57万元。", "ꙮ 一个 ꙮ", "x"]
    assert keys_and_chars(texts) == [key_and_chars(t) for t in texts]  # one holds the joiner: read one by one
    assert keys_and_chars(texts[:-2]) == [key_and_chars(t) for t in texts[:-2]]
    assert keys_and_chars([]) == []
