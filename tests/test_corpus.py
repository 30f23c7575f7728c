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
