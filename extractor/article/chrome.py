"""Vocabulary of page chrome: the tag tables and text markers the cleaner works from.

Data only. Each table is a public frozenset or tuple so callers can read it, test it and, through
:class:`extractor.article.clean.CleanOptions`, replace it. The markers are those of Chinese government and
news portals; none of them names one site.
"""

from __future__ import annotations

import regex

#: Elements removed with everything inside them before the article is looked for: code, media,
#: form controls, and the HTML5 sectioning elements that hold site chrome.
DROP_TAGS: frozenset[str] = frozenset(
    {
        "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed",
        "applet", "svg", "math", "canvas", "video", "audio", "map", "select", "option", "optgroup",
        "datalist", "textarea", "button", "input", "head", "link", "meta", "base", "nav", "aside",
        "footer", "header", "dialog",
    }
)  # fmt: skip

#: Elements that end a line of text: their start and end are paragraph breaks.
BLOCK_TAGS: frozenset[str] = frozenset(
    {
        "html", "body", "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6",
        "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "table", "thead", "tbody", "tfoot",
        "tr", "td", "th", "caption", "form", "fieldset", "legend", "figure", "figcaption", "address",
        "center", "hr", "details", "summary", "br", "title",
    }
)  # fmt: skip

#: Headline elements, in the order they are trusted for the title.
HEADING_TAGS: tuple[str, ...] = ("h1", "h2", "h3", "h4", "h5", "h6")

#: class/id tokens that mark an element as chrome. A token is one whitespace-separated word of the
#: class attribute, or the whole id, lower-cased, compared whole: ``class="nav"`` or
#: ``id="footer"`` match, ``class="story-body contextual-links"`` does not. Never applied to html,
#: body, main or article, nor to an element holding most of the page's text.
CHROME_CLASS_TOKENS: frozenset[str] = frozenset(
    {
        "nav", "navbar", "navigation", "menu", "submenu", "breadcrumb", "breadcrumbs", "crumb",
        "crumbs", "footer", "sidebar", "share", "bdsharebuttonbox", "copyright", "comment",
        "comments", "advert", "advertisement", "login", "toolbar", "pagination", "pager", "dqwz",
        "qrcode", "friendlink", "yqlj",
    }
)  # fmt: skip

#: Elements hidden by inline style are dropped (a second copy of the article is often kept in one).
HIDDEN_STYLE = regex.compile(r"display\s*+:\s*+none|visibility\s*+:\s*+hidden", regex.I)

#: Text markers of portal chrome. A short line (see ``CHROME_LINE_MAX``) holding one is dropped.
CHROME_MARKERS: tuple[str, ...] = (
    "当前位置", "您现在的位置", "您的位置", "你的位置", "你现在的位置", "所在位置", "现在位置",
    "上一篇", "下一篇", "上一条", "下一条", "上一页", "下一页",
    "友情链接", "相关链接", "版权所有", "Copyright", "COPYRIGHT", "copyright", "©",
    "ICP备", "ICP证", "公网安备", "网站标识码", "网站识别码",
    "分享到", "打印本页", "关闭窗口", "打印本文", "【打印】", "【关闭】", "[打印]", "[关闭]",
    "浏览次数", "阅读次数", "点击数", "点击次数", "访问量", "阅读量", "人参与评论", "条评论", "发表评论",
    "责任编辑", "扫一扫", "主办单位", "承办单位", "协办单位", "技术支持", "网站地图", "联系我们",
    "加入收藏", "设为首页", "收藏本页", "我要纠错", "内容纠错", "返回顶部", "IPv6", "无障碍浏览",
    "长者模式", "关怀版", "适老化",
)  # fmt: skip

#: Labels of the contact fields in a page's footer (地址：…, 电话：…).
CONTACT_LABELS: tuple[str, ...] = ("地址", "邮编", "邮政编码", "电话", "传真", "邮箱", "电子邮箱", "E-mail", "Email")
_CONTACT_LABEL = "(?:" + "|".join(map(regex.escape, CONTACT_LABELS)) + r")\s*+[:：]"

#: The marks that end a trail of links (民生动态 >> 正文 >>, 更多»), and the line such a trail is:
#: at most 40 characters before its last mark. The line is tried only when it holds a mark
#: (the bounded repeat steps back up to 40 characters at each try).
TRAIL_MARKS: tuple[str, ...] = (">>", "»")
TRAIL_LINE = r"^.{0,40}(?:" + "|".join(map(regex.escape, TRAIL_MARKS)) + r")\s*+$"

#: Patterns of chrome that a fixed string cannot express (font-size switches, "打印 | 关闭" bars).
CHROME_PATTERNS: tuple[str, ...] = (
    r"字[体號号]\s*+[:：]?\s*+[\[【(（]?\s*+大\s*+中\s*+小",
    r"[\[【(（]\s*+大\s*+中\s*+小\s*+[\]】)）]",
    # a breadcrumb: 首页 > 民生动态 >>, 首页 民生动态 > (the word before the mark holds none)
    r"^\s*+(?:网站首页|首页|主页)(?:\s*+[>»›/|]|\s++[^\s>»]{1,12}+\s*+(?:>>|»|>))",
    # a line of nothing but contact fields (a footer's address, post code, phone, mail), also run
    # together (地址：某某路1号电话：12345): a value ends where the next label and its colon start
    rf"^\s*+(?:{_CONTACT_LABEL}\s*+(?:(?!{_CONTACT_LABEL})[^\s:：])++\s*+)++$",
    # a counter of a comment or share widget: 评论 139, 点赞(12)
    r"^\s*+(?:评论|点赞|赞|收藏|分享|转发|阅读|浏览|跟贴)\s*+[(（]?\d++[)）]?\s*+$",
    r"^\s*+[\[【]?\s*+(?:打印|关闭|收藏|分享|返回|纠错)\s*+[\]】]?(?:\s*+[|｜/]?\s*+[\[【]?\s*+(?:打印|关闭|收藏|分享|返回|纠错|顶部)\s*+[\]】]?)*+\s*+$",
    # a page's tool bar run together: 打印字体：放大正常缩小分享 (three of its words or more, nothing else)
    r"^\s*+(?:(?:打印|字体|字号|放大|缩小|正常|默认|分享|收藏|关闭|返回|纠错|[大中小])\s*+[:：|｜/]?\s*+){3,}+$",
)

#: Whole lines that are chrome by themselves (compared after stripping punctuation and spaces).
CHROME_LINES: frozenset[str] = frozenset(
    {
        "打印", "关闭", "分享", "收藏", "返回", "顶部", "返回顶部", "纠错", "更多", "首页", "微信",
        "微博", "QQ空间", "qq", "空间", "头条", "听全文", "语音播报", "无障碍", "简体", "繁体",
        "繁", "简", "手机版", "登录", "注册", "搜索", "大", "中", "小", "超大", "默认", "字号", "视力保护色",
        "正文", "打印本页", "关闭本页", "关闭窗口", "朋友圈", "QQ", "人人网", "豆瓣", "抖音", "快手", "举报",
    }
)  # fmt: skip

#: A line longer than this (in characters) is never dropped for holding a marker: it is prose that
#: mentions one.
CHROME_LINE_MAX = 90

#: Markers that end an article once article text stands before them: navigation to other
#: articles, link lists, disclaimers. Everything from such a line on is chrome.
TAIL_MARKERS: tuple[str, ...] = (
    "上一篇", "下一篇", "上一条", "下一条", "友情链接", "版权所有", "版权与免责声明", "免责声明",
    "扫一扫在手机打开", "网友评论", "猜你喜欢", "特别声明",
)  # fmt: skip

#: Recommendation headings: a block of links or teasers to other articles starts here, so the
#: article ends at such a line (class: recommendation block). They count only as a line of their
#: own (at most ``RECOMMENDATION_LINE_MAX`` characters), never as the start of a sentence.
RECOMMENDATION_MARKERS: tuple[str, ...] = (
    "为你推荐", "为您推荐", "重点推荐", "相关推荐", "精彩推荐", "热门推荐", "推荐阅读", "猜你喜欢",
    "大家都在看", "大家都爱看", "热点推荐", "热门文章", "精彩图片",
)  # fmt: skip

#: A recommendation heading is a short line: the marker and a few characters (``更多>>``).
RECOMMENDATION_LINE_MAX = 12

#: Headings that usually open a list of links to other articles, but sometimes a section of the
#: article itself (a 相关新闻 box of full paragraphs): they end the article only when little prose
#: follows them.
SOFT_TAIL_MARKERS: tuple[str, ...] = (
    "相关新闻", "相关阅读", "相关文章", "相关链接", "相关稿件", "相关附件", "延伸阅读", "热点推荐",
    "推荐阅读", "热门推荐", "更多阅读",
)  # fmt: skip

#: Labels of the metadata lines printed between a headline and its article (source, author, date,
#: view counts). Such a line is dropped when it opens the article body.
META_LABELS: tuple[str, ...] = (
    "来源", "信息来源", "文章来源", "稿件来源", "作者", "发布时间", "发布日期", "发文日期", "成文日期",
    "发表时间", "更新时间", "时间", "日期", "编辑", "记者", "浏览", "点击", "阅读", "字号", "今天",
)  # fmt: skip

#: Labels of the source, editor, byline and disclosure lines printed inside the article container
#: (class: provenance line): ``本文来源：…``, ``编辑：…``, ``发布机构：…``, ``声明：…``. A line that
#: starts with one of them followed by ``：`` ``:`` ``|`` (or, inside brackets, a space), or holds
#: one after a space in a short line (``中青报记者 魏其濛 来源：中国青年报``), is dropped wherever it
#: stands in the article. Longest first, so that ``本文来源`` is read before ``来源``. ``记者：``
#: is not here: in an interview it labels a question (see ``BYLINE_LABELS``).
SOURCE_LABELS: tuple[str, ...] = (
    "本文来源", "文章来源", "信息来源", "稿件来源", "新闻来源", "内容来源", "转自", "来源", "责任编辑",
    "值班编辑", "编辑", "责编", "编审", "校对", "作者", "摄影", "发布时间", "发布日期", "发布机构",
    "发文机构", "索引号", "信息索引", "特别声明", "免责声明", "声明",
)  # fmt: skip

#: Byline words (class: provenance line) that mark a line only when the whole line is in brackets:
#: ``（记者 张三 通讯员 李四）``, ``【编辑:陈海峰】`` (the ``SOURCE_LABELS`` count there too).
BYLINE_LABELS: tuple[str, ...] = ("本报记者", "记者", "通讯员", "实习生", "摄影", "摄")

#: A bracketed byline is at most this long.
BYLINE_MAX = 40

#: A photo caption ends with its photographer's credit (class: provenance line): ``（刘通摄）``,
#: ``新华社记者 谢环驰 摄``. Such a line of at most ``CAPTION_MAX`` characters describes a picture,
#: not the article, and is dropped.
PHOTO_CREDIT = r"(?:[(（][^()（）]{1,15}?摄(?:影)?[)）]|(?:记者|摄影|图片)[^，。；！？()（）]{0,20}?摄)\s*+$"

#: A photo caption is at most this long.
CAPTION_MAX = 150

#: A provenance line is at most this long; longer text that starts with a label is prose.
SOURCE_LINE_MAX = 100

#: Cell labels of the disclosure table that government portals print above a document (class:
#: disclosure metadata). A data table with two or more cells that are one of these labels (a
#: trailing colon allowed) is metadata, not article data, and all its rows go.
DISCLOSURE_LABELS: frozenset[str] = frozenset(
    {
        "索引号", "索取号", "信息索引", "发布机构", "发文机构", "发文机关", "发布日期", "发布时间",
        "生成日期", "成文日期", "发文日期", "文件编号", "文号", "发文字号", "主题分类", "主题词",
        "信息名称", "信息类别", "内容概述", "有效性", "公开方式", "公开范围", "体裁分类", "组配分类",
    }
)  # fmt: skip

#: App and account promotions inside the article container (class: promotion): a short line (at
#: most ``PROMOTION_LINE_MAX`` characters) matching one of these patterns is dropped.
PROMOTION_PATTERNS: tuple[str, ...] = (  # lazy gaps of bounded length: linear on any line
    # install / download / open the app or client
    r"(?:下载|安装|打开|登录|扫码下载|点击下载)[^。！？]{0,20}?(?:客户端|APP|App|app|应用)",
    r"(?:客户端|APP|App|app)[^。！？]{0,12}?(?:下载|阅读全文|查看全文|看更多|领取)",
    # follow the account, scan the code
    r"关注(?:微信)?公众号|扫描(?:下方|上方|左侧|右侧)?二维码|扫码关注|长按(?:识别)?二维码|识别二维码关注",
)

#: A promotion is a short line; a longer one that mentions an app is prose (instructions).
PROMOTION_LINE_MAX = 60

#: Labels of a summary printed above the body (class: lead summary): ``【摘要】…``, ``导读：…``. A
#: summary whose every sentence the body repeats is printed once, in the body (see
#: :mod:`extractor.article.dedup`).
SUMMARY_LABELS: tuple[str, ...] = ("内容提要", "内容摘要", "核心提示", "摘要", "导读", "提要", "导语")

#: Labels that introduce the publication date near a headline, most specific first.
DATE_LABELS: tuple[str, ...] = (
    "发布日期", "发布时间", "发表时间", "发文日期", "成文日期", "印发日期", "公开日期", "更新时间",
    "时间", "日期",
)  # fmt: skip

#: ``<meta>`` names/properties/itemprops that carry the publication date, most trusted first.
DATE_META: tuple[str, ...] = (
    "pubdate", "publishdate", "publish_date", "publishtime", "publish-date", "article:published_time",
    "og:article:published_time", "og:release_date", "datepublished", "dc.date.issued", "dcterms.issued",
    "dc.date", "dcterms.date", "firstpublishedtime", "releasedate", "apub:time", "sp_pubdate", "pubtime",
    "weibo:article:create_at", "date",
)  # fmt: skip

#: ``<meta>`` names/properties that carry the article headline, most trusted first.
TITLE_META: tuple[str, ...] = ("articletitle", "og:title", "twitter:title", "title", "headline")

#: Separators between a headline and the site/channel names in ``<title>``. A double dash ``——``
#: is not one: it opens the headline's subtitle, which is kept. A single hyphen or ``::`` is one
#: with space on both sides (``标题 - 网站``), or between Chinese text (``标题-网站``).
TITLE_SEPARATORS = (
    r"\s*+(?:[_|｜–－]++|(?<!—)—(?!—)|-{2,}+)\s*+|\s++(?:-++|::)\s++|(?<=[\p{Han}）)】”])-(?=[\p{Han}（(【“])"
)

#: Words that make a ``<title>`` word a site's own name (not a channel's): a ``<title>`` that starts
#: with such a word and a space has its site and column names first (``某某省人民政府 部门资讯 标题``).
SITE_NAME_WORDS: tuple[str, ...] = (
    "网", "网站", "门户", "政府", "人民政府", ".com", ".cn", "www.", ".gov", "官网", "日报", "晚报", "时报",
)  # fmt: skip

#: Words that make a ``<title>`` segment a site or channel name rather than part of a headline.
SITE_WORDS: tuple[str, ...] = (
    "网", "网站", "门户", "频道", "首页", "政府", "人民政府", "新闻", "财经", "资讯", ".com", ".cn",
    "www.", ".gov", "在线", "日报", "晚报", "时报", "中心", "官网", "官方",
)  # fmt: skip
