"""Real saved pages from ../shared/corpus: a body sentence present, chrome absent, a repeated
paragraph present once (skipped when ../shared is absent)."""

from __future__ import annotations

import pytest

from extractor import extract_page

pytestmark = pytest.mark.corpus

CHECKS = {
    # page: (present in the body, absent from it, present exactly once)
    "gov_jchgz.html": (
        "产业规模占到全国的55%",
        ("扫一扫在手机打开当前页", "粤ICP备", "网站标识码", "相关新闻"),
        "广州持证化妆品生产企业1877家",
    ),
    "gov_djsc.html": (
        "首先非常感谢您对全省医药健康产业发展的关心",
        ("打印本页", "关闭窗口", "责任编辑", "字体"),
        "原料药产业已成为广安市医药健康产业的特色产业",
    ),
    "gov_zysc.html": ("绵阳市将围绕服务企业开展八大系列活动", ("网站标识码", "ICP备"), "二是开展纾困解难活动"),
    "gov_lfyfcgs.html": ("总投资约1200亿元", ("桂ICP备", "当前位置", "文件下载", "GVANGJSIH"), "年发电量约200亿千瓦时"),
    "gov_nfra_penalty_list.html": (
        "合计罚款158万元",
        ("版权与免责声明", "副部长级干部", "留言时间"),
        "对复星联合健康保险股份有限公司合计罚款158万元",
    ),
    "gov_zj-fzggw_deqing_invest.html": (
        "全县固定资产投资完成246.79亿元",
        ("当前位置", "浙ICP备", "浏览次数", "打印"),
        "完成年度计划82.3%",
    ),
    "news_163_gbk_cx36.html": (
        "北京高温津贴发放时间为每年6月至8月",
        ("网易首页", "责任编辑", "跟贴", "关键词阅读"),
        "湖南发放时间7月1日至9月30日",
    ),
    "news_caijing_cpi.html": (
        "全国居民消费价格同比上涨0.3%",
        ("CAIJING.COM.CN", "版权所有"),
        "食品烟酒类价格同比下降1.4%",
    ),
    "news_newspaper_bbc_zh.html": (
        "梁振英强调承诺将在两周内解决其住宅的违建问题",
        ("BBC中文网", "Copyright"),
        "不过泛民主派议员们普遍指责梁振英",
    ),
    "gov_govcn_gongbao.html": (
        "批准发行15500亿元特别国债购买外汇",
        ("首页", "字号", "打印"),
        "批准2007年末国债余额限额调整为53365.53亿元",
    ),
    "news_163_gbk_cx41.html": (
        "中投加大新兴市场股票投资",
        ("网易财经 会赚钱的客户端", "重点推荐"),
        "1025只个股股价腰斩",
    ),
    "gov_qzhxiangtan.html": ("第三届中国（澳门）国际高品质消费博览会", ("ICP备", "网站地图"), "湘潭市文化产业协会"),
}


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_presence_and_absence(corpus_pages, name):
    present, absent, once = CHECKS[name]
    doc = extract_page((corpus_pages / name).read_bytes(), name).document
    assert doc.status == "ok"
    assert present in doc.body
    for chrome in absent:
        assert chrome not in doc.body, chrome
    assert doc.body.count(once) == 1


DOUBLE_BODY = ["gov_jchgz.html", "gov_djsc.html", "gov_zysc.html", "gov_lfyfcgs.html", "gov_nfra_penalty_list.html"]


@pytest.mark.parametrize("name", DOUBLE_BODY)
def test_double_body_pages_keep_each_paragraph_once(corpus_pages, name):
    from extractor.text import normalize_key

    doc = extract_page((corpus_pages / name).read_bytes(), name).document
    keys = [normalize_key(line) for line in doc.body.split("\n") if len(normalize_key(line)) >= 20]
    assert len(keys) == len(set(keys))


def test_every_corpus_page_has_a_title_without_site_suffix_and_offsets_hold(corpus_pages):
    for path in sorted(corpus_pages.glob("*.html")):
        result = extract_page(path.read_bytes(), path.name)
        doc = result.document
        assert doc.title, path.name
        for suffix in ("_网易财经", "- 四川省人民政府网站", "_新浪网", "_中国政府网", "-今日头条"):
            assert not doc.title.endswith(suffix), (path.name, doc.title)
        assert all(doc.body[c.start : c.end] == c.text for c in result.claims), path.name


INNER_CHROME = {
    # page: (present in the body, chrome printed inside the article container: absent)
    "news_163_gbk_cx14.html": ("目前，证监会必须严厉查处违法做空中国股市者", ("本文来源",)),
    "news_163_gbk_cx2.html": ("日前，微软宣布，前诺基亚CEO史蒂芬·埃洛普将离职", ("人参与评论",)),
    "news_163_gbk_cx51.html": ("申万宏源的投资顾问向阳表示", ("重点推荐", "证券要闻", "本文来源")),
    "news_stcn_notices.html": ("证券时报e公司讯", ("声明：", "为你推荐", "2019-09-3007:42")),
    "gov_thepaper_zhengwu_nansha.html": (
        "这么高大上的邮轮母港",
        ("编辑|", "责编|", "来源|", "扫描下方二维码", "特别声明", "仅代表该机构观点"),
    ),
    "news_people_finance_gb2312.html": ("河南还完成了流域内重点行业企业超低排放改造", ("(责编：", "关注公众号")),
    "news_chinanews_gerapy.html": ("坚定实施扩大内需战略", ("【编辑:",)),
    "news_gmw_politics.html": ("保护主义客观上加剧了全球产能过剩", ("[责编：",)),
    "news_youth_eldercare_gb2312.html": ("养老", ("来源：中国青年报",)),
    "gov_shanxi_portal.html": ("山西品牌丝路行", ("来源：山西日报",)),
    "gov_gqcwlmq.html": ("继续教育培训", ("来源:新疆维吾尔自治区文化和旅游厅",)),
    "gov_lgcwsjkw-sh.html": ("今年5月19日是第14个“世界家庭医生日”", ("索取号", "发布机构", "076478684Q/2024-00112")),
    "gov_wjmoe.html": ("各省、自治区、直辖市教育厅", ("信息索引", "发文机构", "内容概述")),
    "news_021east_travel_halfprice.html": (
        "37、上海宝山国际民间艺术博览馆\n成人票原价：30元\n儿童票原价：15元\n游客咨询电话",
        (),
    ),
}


@pytest.mark.parametrize("name", sorted(INNER_CHROME))
def test_chrome_inside_the_article_container_is_gone(corpus_pages, name):
    present, absent = INNER_CHROME[name]
    doc = extract_page((corpus_pages / name).read_bytes(), name).document
    assert present in doc.body
    for chrome in absent:
        assert chrome not in doc.body, chrome


TITLES = {
    # the site name alone in <title>: the headline element (an <h5>; the ArticleTitle meta)
    "pub_zj-fisheries-institute.html": "浙江省淡水水产研究所召开干部职工大会暨党风廉政建设大会",
    "gov_nfra_penalty_list.html": "国家金融监督管理总局行政处罚信息公开表(金罚决字〔2024〕36号)",
    # the subtitle after —— kept, as the headline shows it
    "news_toutiao_xinhua_trade.html": "新华全媒+丨积极因素不断增多 “质升量稳”动能增强——前4个月我国外贸向好态势进一步巩固",
    # the whole headline of <title>, not a subheading of the article found inside it
    "news_readability_youth.html": "海外留学生看两会：出国前后关注点大不同",
    # site and column names after the headline still go
    "gov_lfyfcgs.html": "广西防城港白龙核电项目一期工程建设动员大会举行",
    "gov_ycrjinan.html": "全市城市更新和乡村振兴现场推进会到高新区历下区考察",
}


@pytest.mark.parametrize("name", sorted(TITLES))
def test_titles(corpus_pages, name):
    assert extract_page((corpus_pages / name).read_bytes(), name).document.title == TITLES[name]


def test_comment_widget_photo_credit_and_source_line_of_a_news_page_are_gone(corpus_pages):
    name = "news_toutiao_xinhua_trade.html"
    body = extract_page((corpus_pages / name).read_bytes(), name).document.body
    assert body.startswith("新华社北京5月9日电")
    assert body.split("\n")[-1].startswith("“综合当前数据来看，预计二季度我国外贸形势将逐步向好。”")
    for chrome in ("2024-05-09 22:30·新华社", "举报", "评论 139", "发表评论"):
        assert chrome not in body, chrome
    name = "pub_kepu_gov.html"
    assert "谢环驰 摄" not in extract_page((corpus_pages / name).read_bytes(), name).document.body


URLS = {
    "gov_wyxgzns.html": "http://www.gzns.gov.cn/fzlm/dbym/lxwm/201608/t20160816_320209.html",  # saved from
    "pub_zj-fisheries-institute.html": "https://www.zjfish.org/Talent/Detail/876289162604750/2174994673059649",
    "news_toutiao_xinhua_trade.html": "https://www.toutiao.com/article/7367007067191640576/",  # canonical
    "news_163_dy_parking.html": "https://www.163.com/dy/article/J22CN60P0514R9KQ.html",  # canonical and og:url
    "news_caijing_cpi.html": "http://economy.caijing.com.cn/20240511/5010608.shtml",  # og:url
    "gov_djsc.html": "",  # none of the signs
}


@pytest.mark.parametrize("name", sorted(URLS))
def test_url(corpus_pages, name):
    assert extract_page((corpus_pages / name).read_bytes(), name).document.url == URLS[name]


def test_url_is_filled_for_the_eleven_pages_that_carry_one(corpus_pages):
    # the saved-from comment, <link rel=canonical>, og:url or <base href>: 11 of the corpus pages
    pages = sorted(corpus_pages.glob("*.html"))
    with_url = [p.name for p in pages if extract_page(p.read_bytes(), p.name).document.url]
    assert len(with_url) == 11, with_url
