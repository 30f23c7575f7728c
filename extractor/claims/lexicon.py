"""Vocabulary of numeric claims: numerals, multipliers, units, classifiers, qualifiers, and the
words that mark a number as something other than a claim.

Data only, in one place. :func:`validate` runs on import and names the table and entry of any
error, so a bad edit fails loudly at the first ``import extractor``. Patterns in
:mod:`extractor.claims.numbers` and :mod:`extractor.claims.rules` are composed from these tables.
"""

from __future__ import annotations

from decimal import Decimal

from . import reference as ref

# --------------------------------------------------------------------------------------------
# numerals

#: Chinese digits (everyday, financial and traditional forms) and their values.
DIGITS: dict[str, int] = {
    "〇": 0, "零": 0, "○": 0,
    "一": 1, "壹": 1, "幺": 1,
    "二": 2, "两": 2, "兩": 2, "俩": 2, "倆": 2, "贰": 2, "貳": 2, "弍": 2,
    "三": 3, "叁": 3, "參": 3, "叄": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}  # fmt: skip

#: Characters that stand for a whole tens value.
TENS: dict[str, int] = {"廿": 20, "卅": 30, "卌": 40}

#: Multipliers inside a section of four digits.
SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}

#: Multipliers between sections. ``万亿`` is 万 times 亿.
BIG_UNITS: dict[str, int] = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}

#: 兆 is 10^12 between two sections of a numeral (五兆六十二亿); at the end of one it starts a unit
#: (兆瓦, 兆赫) and is left to the unit tables.
TRILLION: dict[str, int] = {"兆": 10**12}

#: Every character that can be part of a Chinese numeral (digits, tens, multipliers).
NUMERAL_CHARS: str = "".join((*DIGITS, *TENS, *SMALL_UNITS, *BIG_UNITS, *TRILLION))

#: The decimal point written as a word.
POINT_WORDS: frozenset[str] = frozenset({"点", "點"})

#: Signs of a negative number.
MINUS_WORDS: tuple[str, ...] = ("负", "負", "-", "−", "－")

#: Before 负 they say "plus or minus" (正负5%): the number is a margin, not negative.
PLUS_WORDS: frozenset[str] = frozenset("正")

#: Financial digits, which are also common word characters (队伍, 收拾, 陆地, 放肆): alone, they
#: are numerals only before a unit.
FINANCIAL: frozenset[str] = frozenset("壹贰貳叁參叄肆伍陆陸柒捌玖拾佰仟")

#: English scale words after a number (1.2 billion, 12 million, 3bn): the short scale. The number
#: before one is no value by itself; such a figure is left out of the claims.
ENGLISH_SCALE_WORDS: tuple[str, ...] = ("thousand", "million", "billion", "trillion", "bn", "mn", "mln")

#: Letter suffixes of informal amounts (15k, 3w).
LETTER_MULTIPLIERS: dict[str, int] = {"k": 1000, "K": 1000, "w": 10**4, "W": 10**4}

# --------------------------------------------------------------------------------------------
# units

#: Currency names of our own, beside those of Recognizers-Text: the colloquial and fractional
#: forms of the yuan and of a few currencies, with their factor to the base unit.
OWN_CURRENCIES: dict[str, tuple[str, Decimal]] = {
    "圓": ("CNY", Decimal(1)), "塊": ("CNY", Decimal(1)), "塊錢": ("CNY", Decimal(1)),
    "元钱": ("CNY", Decimal(1)), "角": ("CNY", Decimal("0.1")), "毛": ("CNY", Decimal("0.1")),
    "毛钱": ("CNY", Decimal("0.1")), "毫": ("CNY", Decimal("0.1")), "分钱": ("CNY", Decimal("0.01")),
    "美刀": ("USD", Decimal(1)), "美分": ("USD", Decimal("0.01")), "歐元": ("EUR", Decimal(1)),
    "英鎊": ("GBP", Decimal(1)), "日圓": ("JPY", Decimal(1)), "韓元": ("KRW", Decimal(1)),
    "港幣": ("HKD", Decimal(1)), "澳门元": ("MOP", Decimal(1)), "澳门币": ("MOP", Decimal(1)),
    "澳門元": ("MOP", Decimal(1)), "新臺幣": ("TWD", Decimal(1)), "卢布": ("RUB", Decimal(1)),
    "盧布": ("RUB", Decimal(1)), "泰銖": ("THB", Decimal(1)), "卢比": ("INR", Decimal(1)),
    "越南盾": ("VND", Decimal(1)), "林吉特": ("MYR", Decimal(1)), "比特币": ("BTC", Decimal(1)),
}  # fmt: skip

#: Currencies: surface → (ISO 4217 code, factor to the base unit); longest surfaces win. Built
#: from Recognizers-Text's Chinese currency names (:data:`extractor.claims.reference.RT_CURRENCIES`, all
#: of them) and :data:`OWN_CURRENCIES`. ``BTC`` is not ISO 4217 but is named as such by convention.
CURRENCIES: dict[str, tuple[str, Decimal]] = {
    **{surface: (code, Decimal(1)) for surface, code in ref.RT_CURRENCIES.items()},
    **OWN_CURRENCIES,
}

#: Currency words written before the number (人民币50元, 港币两千九百六十元, 英镑5000元): surface →
#: code. The signs and codes below, and every currency name of :data:`CURRENCIES` that names a
#: currency on its own — three characters or more, or two ending in a currency morpheme
#: (:data:`CURRENCY_MORPHEMES`: 台币, 英镑, 港元; not 基那 or 普拉, which are also words) —, with
#: its traditional form (澳門幣).
CURRENCY_MORPHEMES: frozenset[str] = frozenset("币幣元圆圓镑鎊铢銖")
CURRENCY_PREFIXES: dict[str, str] = {
    "人民币": "CNY", "港币": "HKD", "港元": "HKD", "港幣": "HKD", "新台币": "TWD", "新臺幣": "TWD",
    "美元": "USD", "美金": "USD", "欧元": "EUR", "日元": "JPY", "澳门币": "MOP", "RMB": "CNY",
    "¥": "CNY", "￥": "CNY", "$": "USD", "US$": "USD", "HK$": "HKD", "€": "EUR", "£": "GBP",
    "S$": "SGD", "NT$": "TWD", "C$": "CAD", "NZ$": "NZD", "₩": "KRW", "₹": "INR", "CNY": "CNY",
    "USD": "USD", "HKD": "HKD", "EUR": "EUR",
}  # fmt: skip
CURRENCY_PREFIXES.update(
    (surface, code)
    for surface, (code, factor) in CURRENCIES.items()
    if factor == 1
    and (len(surface) >= 3 or (len(surface) == 2 and surface[-1] in CURRENCY_MORPHEMES))
    and surface not in CURRENCY_PREFIXES
)
# ¥ is written for the yuan on Chinese pages (Recognizers-Text reads it as the yen).

#: Fractions of a yuan that may follow 元 in one amount (123元1角1分); 毫 is the Cantonese 角.
SUBUNITS: dict[str, Decimal] = {"角": Decimal("0.1"), "毛": Decimal("0.1"), "毫": Decimal("0.1"), "分": Decimal("0.01")}

#: 分 alone after a number is read as money (五分 = 0.05 元) only when a word of MONEY_WORDS stands
#: before it in its clause (or 钱 right after it), and none of these stands before it in its
#: clause (a time, a score, a rating) nor right after it (分钟, 分之, 分析…).
FEN_NOT_AFTER: tuple[str, ...] = (
    "点", "點", "时", "時", ":", "得", "满", "评", "打", "扣", "加", "积", "考", "成绩", "分数", "比分",
    "得分", "总分", "星", "级", "排名", "第",
)  # fmt: skip
#: Characters after 分 that make it money whatever its clause says (五分钱).
FEN_MONEY_AFTER: frozenset[str] = frozenset("钱錢")
FEN_NOT_BEFORE: frozenset[str] = frozenset("钟鐘之析别別布类類配子数數成享开開离離手红紅局期批厘半散支队隊院会會公")

#: Counting words that are numbers themselves: 打 (a dozen) after a Chinese numeral.
DOZEN_WORDS: dict[str, int] = {"打": 12}

#: People and households: surface → normalised unit.
HEADCOUNT_UNITS: dict[str, str] = {
    "人次": "人次", "人": "人", "名": "人", "位": "人", "户": "户", "戶": "户", "家庭": "户",
    "口人": "人", "个人": "人", "人口": "人",
}  # fmt: skip

#: Headers of a table column that gives each row's unit (统计公报: 指标 | 单位 | 2023年 | 比上年增长%):
#: a bare number in the row takes that unit, in the columns whose header names no unit of its own
#: and no rate, change or ranking (:data:`RATE_HEADER_MARKS`, :data:`CHANGE_MORPHEMES`, :data:`RANK_WORDS`).
UNIT_COLUMN_HEADERS: frozenset[str] = frozenset({"单位", "计量单位", "计算单位", "單位", "計量單位"})

#: Marks of a column header that names a rate or a share (占比, 比重, 增长率, 比上年, %), beside the
#: morphemes of change (:data:`CHANGE_MORPHEMES`: 增长, 增速): the row's unit is not its cells' unit.
RATE_HEADER_MARKS: tuple[str, ...] = ("比", "率", "%", "％", "±")

#: Adjectives of dimension that name what a quantity right after them measures (新浪漫号长220.6米、
#: 宽30.8米): kept at the end of the subject, where other adjectives are stripped.
DIMENSION_WORDS: tuple[str, ...] = ("长", "宽", "高", "深", "厚", "重", "粗", "远")

#: Headcount units that are nouns naming what is counted (14亿人口, 300万家庭): the subject when
#: the clause names nothing else.
UNIT_NOUNS: tuple[str, ...] = ("人口", "家庭")

#: Measure words of CC-CEDICT (:data:`extractor.claims.reference.CEDICT_CLASSIFIERS`) that are not read
#: as counts, and why. Everything else CC-CEDICT names as a classifier is one.
CLASSIFIER_EXCLUSIONS: dict[str, str] = {
    "和": "a conjunction (3和5)", "度": "a degree (temperature, angle); electricity is 度电",
    "折": "a discount: 七折 is read as a percent", "打": "a dozen: 一打 is read as the number 12",
    "季": "a season: a time", "刻": "a quarter of an hour: a time", "辈": "a generation: a time",
    "进": "a verb (3进2)", "造": "a verb, or a party to a lawsuit", "转": "a verb (turns)",
    "任": "a term of office (第3任): an order", "出": "after a number mostly the verb (30出头)",
    "番": "翻一番 is a multiple, not a count", "岁": "an age: never a claim", "点": "a time, or index points (own rule)",
    "方": "square or cubic metres: a quantity", "亩": "a unit of area: a quantity",
    "码": "a yard: a quantity", "桶": "a barrel: a quantity", "罐": "a can, also a quantity in Recognizers-Text",
    "毛": "a tenth of a yuan: money", "块": "money (3块钱), or a count before a noun (own rule)",
    "位": "a person: a headcount", "名": "a person: a headcount", "户": "a household: a headcount",
    "人次": "person-times: a headcount", "期": "an issue or a phase (own rule below)",
    "届": "a session (第3届): an order or a phase", "令": "a ream of paper; after a number mostly 指令",
    "听": "a can; after a number mostly the verb", "响": "a verb (三响)", "担": "a verb (担任)",
    "挂": "a verb (挂牌)", "注": "a verb (注册); lottery bets are rare in bulletins", "标": "a verb (标注)",
    "贴": "a verb (贴息)", "排": "a verb (排名)", "记": "a verb (记者, 记录)", "行": "a bank or a verb (行业)",
    "路": "a route number names a line (1路车, 有轨电车1路)",
}  # fmt: skip

#: Classifiers of our own, beside CC-CEDICT's: compound measure words of counted events (架次,
#: 艘次…), and 例 (cases), 单 (orders), 类, 支队, 期 and 届 (counts of issues and sessions, whose
#: Chinese-numeral phases are told apart by :data:`PHASE_CLASSIFIERS`).
OWN_CLASSIFIERS: frozenset[str] = frozenset(
    {
        "個", "項", "輛", "處", "條", "場", "張", "對", "隻", "顆", "頭", "間", "棟", "門", "輪", "種", "類",
        "組", "筆", "雙", "例", "单", "类", "支队", "期", "届", "家次", "辆次", "架次", "艘次", "场次", "起次",
        "处次", "批次", "款次", "单次", "班次", "车次", "航次", "吨次", "户次", "件次", "项次",
    }
)  # fmt: skip

#: Classifiers of counted things (个, 所, 家…): a number before one of them is a count.
CLASSIFIERS: frozenset[str] = frozenset(set(ref.CEDICT_CLASSIFIERS) - set(CLASSIFIER_EXCLUSIONS)) | OWN_CLASSIFIERS

#: Units of Recognizers-Text (:data:`extractor.claims.reference.RT_UNITS`) not read as quantities, and why.
UNIT_EXCLUSIONS: dict[str, str] = {
    "分": "a minute, a score or a cent (own rules)", "毫": "a tenth of a yuan in Cantonese (money)",
    "位": "a person (headcount), not a bit", "罐": "a can: a count", "码": "a size or a yard: ambiguous",
    "里": "a li: after a number mostly in idioms and names (万里, 千里, 万里石)", "市里": "the city (在市里)",
    "b": "single letters are grades, generations and formats (5G, 3D, 2B)", "g": "a single letter (see b)",
    "l": "a single letter (see b)", "m": "a single letter (see b)", "t": "a single letter (see b)",
    "mm": "Recognizers-Text names it a micrometer: LATIN_UNITS reads it as the millimetre it is",
}  # fmt: skip

#: Units of our own, beside Recognizers-Text's, with their normalised form: energy and power,
#: shipping and trade units, speech forms (平米, 方), data rates, and the normalisation of
#: Recognizers-Text's own surfaces where a page writes one unit several ways.
OWN_QUANTITY_UNITS: dict[str, str] = {
    "噸": "吨", "平米": "平方米", "平方千米": "平方千米", "畝": "亩", "公頃": "公顷", "立方": "立方米",
    "方": "立方米", "千瓦": "千瓦", "千瓦时": "千瓦时", "度电": "千瓦时", "兆瓦": "兆瓦", "吉瓦": "吉瓦",
    "千伏": "千伏", "千伏安": "千伏安", "标准箱": "标准箱", "标箱": "标准箱",
    "总吨": "总吨", "载重吨": "载重吨", "延米": "延米", "兆赫": "兆赫", "兆赫兹": "兆赫兹", "赫兹": "赫兹",
    "吨标准煤": "吨标准煤", "标准煤": "吨标准煤", "海里": "海里", "盎司": "盎司", "桶": "桶",
    "摄氏度": "℃", "℃": "℃", "像素": "像素", "车公里": "车公里", "人公里": "人公里", "吨公里": "吨公里",
    "千瓦小时": "千瓦时", "立方米/秒": "立方米/秒", "公里/小时": "公里/小时", "微克": "微克", "纳克": "纳克",
    "平方英里": "平方英里", "立方厘米": "立方厘米", "吨/小时": "吨/小时",
}  # fmt: skip

#: Measured quantities: surface → normalised unit (the value stays in the surface unit). Built
#: from the Chinese units of Recognizers-Text (less :data:`UNIT_EXCLUSIONS`) and
#: :data:`OWN_QUANTITY_UNITS`. Latin units are in :data:`LATIN_UNITS`.
QUANTITY_UNITS: dict[str, str] = {
    **{s: s for s in ref.RT_UNITS if s not in UNIT_EXCLUSIONS and not s.isascii()},
    **OWN_QUANTITY_UNITS,
}

#: Units written in Latin letters after a number, matched case-insensitively on a whole run of
#: letters (20Mbps, 5 kWh, 3.5GW): lower-case key → the form written in the tables. Recognizers-
#: Text's multi-letter units, and energy, power and data-rate units of our own.
LATIN_UNITS: dict[str, str] = {
    **{s: (s.upper() if s.endswith("b") else s) for s in ref.RT_UNITS if s.isascii() and s not in UNIT_EXCLUSIONS},
    "mm": "mm", "kw": "kW", "kwh": "kWh", "mw": "MW", "mwh": "MWh", "gw": "GW", "gwh": "GWh", "twh": "TWh",
    "kv": "kV", "mva": "MVA", "mbps": "Mbps", "gbps": "Gbps", "kbps": "kbps", "mhz": "MHz", "ghz": "GHz",
    "mah": "mAh", "teu": "TEU", "sqm": "sqm",
}  # fmt: skip

#: Quantities that are readings, not amounts of something (a temperature threshold): found as
#: numbers, never made claims.
NON_CLAIM_QUANTITIES: frozenset[str] = frozenset({"℃"})

#: Percent markers after the number: surface → factor applied to the number.
PERCENT_SUFFIXES: dict[str, Decimal] = {"%": Decimal(1), "％": Decimal(1), "‰": Decimal("0.1"), "‱": Decimal("0.01")}

#: Percent words that hold no numeral, with the character that must stand before them ("" when
#: none): 打对折 is half price, 对折 alone is a fold.
PERCENT_WORDS: dict[str, tuple[Decimal, str]] = {
    "百分之百": (Decimal(100), ""), "对折": (Decimal(50), "打"), "對折": (Decimal(50), "打"),
    "半折": (Decimal(50), ""), "半成": (Decimal(5), ""),
}  # fmt: skip

#: Percentage points (never merged into percents): surface → (unit as written, factor to
#: percentage points). A basis point is a hundredth of a percentage point (25个基点 → 0.25).
POINT_UNITS: dict[str, tuple[str, Decimal]] = {
    "个百分点": ("个百分点", Decimal(1)), "個百分點": ("个百分点", Decimal(1)), "百分点": ("个百分点", Decimal(1)),
    "百分點": ("个百分点", Decimal(1)), "个基点": ("个基点", Decimal("0.01")), "個基點": ("个基点", Decimal("0.01")),
    "基点": ("个基点", Decimal("0.01")), "基點": ("个基点", Decimal("0.01")),
    # a thousandth (‰) as a point of a rate in per mille: 出生率下降2个千分点 is 0.2 percentage points
    "个千分点": ("个千分点", Decimal("0.1")), "個千分點": ("个千分点", Decimal("0.1")),
    "千分点": ("个千分点", Decimal("0.1")), "千分點": ("个千分点", Decimal("0.1")),
    "个BP": ("个基点", Decimal("0.01")), "个bp": ("个基点", Decimal("0.01")),
    "個BP": ("个基点", Decimal("0.01")), "個bp": ("个基点", Decimal("0.01")),
}  # fmt: skip

#: Units of time, age and order: a number before one of them is a date, a duration, an age or an
#: identifier — never a claim (2023年, 15个交易日, 18岁, 12号).
NON_CLAIM_UNITS: frozenset[str] = frozenset(
    {
        "年", "月", "日", "天", "号", "號", "时", "時", "分", "秒", "周", "週", "岁", "歲", "周岁",
        "週歲", "虚岁", "小时", "钟头", "分钟", "个月", "個月", "个年头", "个交易日", "个工作日",
        "个小时", "個小時", "个星期", "个季度", "个周", "星期", "季度", "年度", "世纪", "届", "代",
        "楼", "层", "室", "期间", "倍", "级", "等奖", "等级", "档", "星", "线", "点", "版",
        "章", "节", "条款", "款项", "个多月", "个半月", "个多小时", "个半小时", "个多星期", "个多世纪",
        "个年度", "季", "刻", "辈",
    }
)  # fmt: skip

#: Nouns of time: after a number (with or without 个) they make a duration, never a claim
#: (三个晚上, 两个学期, 5个交易日).
TIME_NOUNS: tuple[str, ...] = (
    "晚上", "夜晚", "白天", "早上", "上午", "下午", "中午", "凌晨", "学期", "学年", "赛季", "假期", "周末",
    "交易日", "工作日", "月份", "年头", "时辰", "昼夜", "日夜", "通宵", "钟头", "礼拜", "星期", "半月",
)  # fmt: skip
NON_CLAIM_UNITS = NON_CLAIM_UNITS | frozenset(TIME_NOUNS) | frozenset("个" + w for w in TIME_NOUNS)

#: Words that begin with a unit or classifier character but are not that unit (五角大楼 is the
#: Pentagon, 一部分 is "a part", 三角形 a triangle): after a number they leave it without a unit.
UNIT_FALSE_FRIENDS: tuple[str, ...] = (
    "角大楼", "角星", "角形", "角度", "角落", "角色", "位数", "位置", "位于", "名义", "名单", "名称",
    "名字", "名叫", "名为", "人民", "户口", "户籍", "次数", "台湾", "台风", "台阶", "条件", "条例",
    "件事", "处理", "处长", "部门", "部分", "部长", "部署", "家长", "家属", "家乡", "本身", "本地",
    "本人", "本质", "只是", "只要", "只有", "只能", "对于", "对比", "对象", "对话", "对接", "支持",
    "支付", "支出", "起来", "起点", "门户", "首先", "首都", "片区", "批准", "批评", "份额", "张家",
    "班子", "组织", "组长", "种类", "类似", "头条", "头脑", "根据", "根本", "列入", "单位", "单独",
    "个点", "股指", "方面", "方式", "方案", "方向", "方法", "方针", "方位", "方便", "方能", "方可", "方才", "手机",
    "手续", "手段", "手中", "手里", "手上", "手下", "手术", "股东", "股份", "股票", "股权", "股市", "股价",
    "面积", "面临", "面对", "面向", "道路", "通过", "通知", "行业", "行动", "路线", "路径", "回到", "回来",
    "回应", "集团", "集中", "队伍", "页面", "领域", "领导", "发展", "发布", "发现", "发生", "发行", "声明",
    "份额", "身份", "身体", "节目", "节能", "层面", "层次", "群众", "群体", "管理", "服务", "包括", "样本",
    "单元", "所示", "所述", "所列", "所附", "所谓",
)  # fmt: skip

# --------------------------------------------------------------------------------------------
# qualifiers

#: Qualifier words and the direction of the bound they give the value.
#: ``approximate`` (about), ``at_least`` (more than), ``at_most`` (less than).
QUALIFIERS_BEFORE: dict[str, str] = {
    "约": "approximate", "大约": "approximate", "约为": "approximate", "大概": "approximate",
    "左右": "approximate", "将近": "at_most", "接近": "at_most", "近": "at_most", "不到": "at_most",
    "不足": "at_most", "不超过": "at_most", "低于": "at_most", "少于": "at_most", "最多": "at_most",
    "至多": "at_most", "超过": "at_least", "超": "at_least", "逾": "at_least", "多于": "at_least",
    "至少": "at_least", "不少于": "at_least", "不低于": "at_least", "最少": "at_least",
    "起码": "at_least", "起碼": "at_least", "过": "at_least", "破": "at_least", "高于": "at_least", "近乎": "approximate", "几乎": "approximate", "大于": "at_least", "小于": "at_most",
    "上百": "at_least", "上千": "at_least", "上万": "at_least", "不能低于": "at_least",
    "不得低于": "at_least", "不应低于": "at_least", "不能少于": "at_least", "不得少于": "at_least",
    "不能高于": "at_most", "不得高于": "at_most", "不得超过": "at_most", "不能超过": "at_most",
    "不高于": "at_most", "最高": "at_most", "最低": "at_least",
}  # fmt: skip

#: Characters that, before a one-character qualifier, make it part of a word rather than a
#: qualifier: 最近, 附近 (近); 通过, 经过, 超过 (过).
QUALIFIER_NOT_AFTER: dict[str, frozenset[str]] = {
    "近": frozenset("最附邻临亲贴靠就"), "过": frozenset("通经越超不错难度路看做去透跳闯"),
    "破": frozenset("跌击打攻冲识看突"),
}  # fmt: skip

#: Qualifiers between the number and its multiplier or unit (8000余万元, 十多个).
QUALIFIERS_INSIDE: dict[str, str] = {
    "余": "at_least", "餘": "at_least", "多": "at_least", "来": "approximate", "几": "at_least", "幾": "at_least",
}  # fmt: skip

#: Qualifiers after the unit (100人以上, 5万元左右).
QUALIFIERS_AFTER: dict[str, str] = {
    "以上": "at_least", "之多": "at_least", "有余": "at_least", "左右": "approximate",
    "上下": "approximate", "以下": "at_most", "以内": "at_most", "之内": "at_most",
}  # fmt: skip

#: Vague numerals: a word of quantity before a multiplier, with the bound it gives (上百家 is at
#: least a hundred; 数千人 and 几十个 are roughly so many; 近千名 is nearly a thousand). The value
#: is the multiplier. Where the word is itself a qualifier (近, 约…) it alone is the qualifier.
VAGUE_NUMERALS: dict[str, str] = {
    "上": "at_least", "数": "approximate", "几": "approximate", "成": "at_least",
    "近": "at_most", "约": "approximate", "逾": "at_least", "超": "at_least",
}  # fmt: skip

#: Vague numerals that also go before 十 (数十家, 几十个); 上 and 成 go only before 百 and up (上百, 成千).
VAGUE_TENS: frozenset[str] = frozenset("数几")

#: Vague numerals that say "some" (数千人, 几十万元: 2,000 to 9,000, 200,000 to 900,000): the
#: multiplier is no reading of the value, so such a number stays in find_numbers and makes no
#: claim. 上百 and 成千 (at least a hundred, a thousand) are bounds and do make claims.
UNCERTAIN_VAGUE: frozenset[str] = frozenset("数几")

#: Characters after 折 that keep it a discount though 折 + the character is a word (八折扣 is
#: 八折 and 扣, 八折价格): 折扣 "discount" itself, 折价 "discount price".
DISCOUNT_AFTER: frozenset[str] = frozenset("扣价")

#: Digits, ASCII and full-width.
ALL_DIGITS: frozenset[str] = frozenset("0123456789０１２３４５６７８９")

#: The character before a day of the month (12月31日).
MONTH_ENDS: frozenset[str] = frozenset("月")

#: The last character of a price's unit: a number right after one is what the price is per
#: (一元一斤) or a second sum run on to it (十块八块).
PRICE_ENDS: frozenset[str] = frozenset("元圆圓块塊角毛钱錢分")

#: Spoken names of the yuan, after which a digit is the next subunit (三块五 = 3.5 元).
SPOKEN_MONEY: frozenset[str] = frozenset({"块", "塊"})

#: The last character of a currency's name made with 币 (韩币, 澳币): one the currency tables do not
#: hold names a currency unknown, not the yuan.
CURRENCY_ENDS: tuple[str, ...] = ("币", "幣")

#: Marks before a number that make it a rate's denominator (每万人拥有医生35.6人, 每10股派2.5元):
#: the number says what the rate is per, not how many there are.
DENOMINATOR_MARKS: frozenset[str] = frozenset("每")

#: Characters before a vague word that make it part of another word (以上十年, 完成千亿).
NOT_BEFORE_VAGUE: frozenset[str] = frozenset("以之完达形组构变赞促")

#: Range connectors between two numbers (3-5万元, 100至150元).
RANGE_CONNECTORS: tuple[str, ...] = ("-", "~", "～", "—", "–", "－", "至", "到", "〜")

# --------------------------------------------------------------------------------------------
# not claims

#: Words containing numerals that name things rather than count them (十四五, 两会, 五保…). A
#: number inside one of them is never a claim.
NUMERAL_NAMES: tuple[str, ...] = (
    "十四五", "十三五", "十二五", "十五五", "两会", "两学一做", "五保", "三难", "一站式", "一把手",
    "三农", "三公", "四风", "三严三实", "一带一路", "两个确保", "三区三州", "五险一金", "双减",
    "一网通办", "最多跑一次", "一件事", "一户一档", "一人一档", "两不愁三保障", "三无", "四好农村路",
    "一老一小", "一刻钟", "三重一大", "一事一议", "一村一品", "两新", "四个意识", "两个维护",
    "三个代表", "四个全面", "五位一体", "两个一百年", "四个自信", "八项规定", "中央八项规定",
    "两个务必", "三个务必", "六稳", "六保", "两山", "一国两制", "三次产业", "一二三产",
)  # fmt: skip

#: Patterns of numbers that are not claims whatever follows them: a stock quote in brackets
#: "(431.2, 7.37, 1.74%)", a list number opening a line.
NON_CLAIM_PATTERNS: tuple[str, ...] = (
    r"[(（]\s*+-?\d++(?:\.\d++)?\s*+,\s*+[-+]?\d++(?:\.\d++)?\s*+,\s*+[-+]?\d++(?:\.\d++)?%\s*+[)）]",
)

#: Words before 一 + classifier that make it a count of one, not the article "a" (各一件, 只有一家).
DISTRIBUTIVES: tuple[str, ...] = ("各", "共", "仅", "只", "计", "只有", "仅有", "只剩", "仅剩", "就有")

#: Words before 一 + classifier that make it a noun phrase even at the end of a clause (这一次,
#: 自己的一套, 另一家).
DETERMINERS: frozenset[str] = frozenset("的这那哪某另同每此该其")

#: Classifiers of sessions: followed at once by another numeral they name a session, an ordinal
#: written without 第 (十九届四中全会), not a count (12届宏志班). 次 and 期 are left out: a digit
#: after them is as often a new figure (3次2轮) as a name.
SESSION_CLASSIFIERS: frozenset[str] = frozenset({"届"})

#: Bodies elected for terms: N届 before one names its term (十四届全国人大), an ordinal without 第.
TERM_BODIES: tuple[str, ...] = (
    "人大", "人民代表大会", "政协", "中央", "委员会", "常委", "党委", "省委", "市委", "县委", "区委",
    "代表大会", "政府", "董事会", "监事会",
)  # fmt: skip

#: Classifiers of a package of measures: a count of one that ends a quoted name names the package
#: (“稳经济30条”, 新“国十条”), not that many things.
PACKAGE_CLASSIFIERS: frozenset[str] = frozenset({"条"})

#: Words of a meeting: after a term (十三届), N次 before one numbers the meeting (二次会议, 三次全会).
MEETING_WORDS: tuple[str, ...] = ("会议", "全会", "全体会议", "大会", "常委会")

#: 一 + classifier words whose first CC-CEDICT sense is "together" or "at the same time" (一起 "in
#: the same place; together", 一道, 一同, 一齐; not 一块 "one piece", whose "together" comes later): at the end of a clause such a word
#: is the adverb (叠加在一起，, 与大家一道，), not a count written after its noun (浮雕像一座。); in a
#: list of counts it counts one thing (一起案件、两起盗窃).
TOGETHER_WORDS: frozenset[str] = frozenset({"一起", "一道", "一同", "一齐"})

#: Demonstratives (指示代词) before a Chinese numeral + classifier: the phrase refers to things
#: already named (这两块地, 那三个人, 此两项), so its number states nothing new and makes no claim.
DEMONSTRATIVES: frozenset[str] = frozenset("这那此该")

#: Classifiers that after a round number (百, 千, 万) make it rough, not a count: 千把块钱 is "a
#: thousand yuan or so", 百把人 "a hundred or so people" (把 as 概数助词).
ROUGH_CLASSIFIERS: frozenset[str] = frozenset({"把"})

#: Classifiers of actions (动量词): 一次, 一回, 一遍 after a verb say "once", not a count.
VERBAL_CLASSIFIERS: frozenset[str] = frozenset({"次", "回", "遍", "趟", "下", "番", "顿", "通", "阵", "场"})

#: Marks that join the items of a list of counts (建成一座桥、两所学校).
LIST_JOINERS: tuple[str, ...] = ("、", "和", "及", "与", "以及")

#: Classifiers that count only after Arabic digits in bulletins: after a lone Chinese numeral they
#: are part of a word (二手房, 一股风气) where 56万手 and 1234万股 are lots and shares.
ARABIC_ONLY_CLASSIFIERS: frozenset[str] = frozenset({"手", "股"})

#: A number between one of these and a ranking unit is a rank, not a headcount (前50名, 后三位).
RANK_BEFORE: frozenset[str] = frozenset("前后後")
RANK_UNITS: frozenset[str] = frozenset({"名", "位"})

#: Words of a ranking: right before a number of RANK_UNITS, alone or with a word of its move
#: (RANK_MOVES), they make it places in the ranking (排名上升3位), not people; so does a verb of
#: standing in a ranking (RANK_VERBS) earlier in a clause that the number ends (位居榜中的787位).
RANK_WORDS: tuple[str, ...] = ("排名", "名次", "位次", "排位", "排序", "排行")
RANK_VERBS: tuple[str, ...] = ("位居", "位列")
RANK_MOVES: tuple[str, ...] = (
    "上升", "下降", "提升", "前进", "后退", "提高", "下滑", "攀升", "跃升", "上移", "下移", "上调", "下调",
    "前移", "后移",
)  # fmt: skip

#: Words of money: a bare magnitude in a clause that names one is an amount in yuan (投资超80亿,
#: 订单200多万, 市值蒸发3万亿). The heads of Chinese money nouns — 资 (投资, 融资), 款 (贷款), 金
#: (资金, 基金), 费, 价, 值 (市值), 额 (金额, 成交额), 税, 债 — and the money nouns that have none.
MONEY_WORDS: tuple[str, ...] = (
    "投资", "融资", "募资", "注资", "增资", "出资", "资金", "资产", "资本", "外资", "贷款", "存款", "货款",
    "欠款", "罚款", "款项", "基金", "奖金", "租金", "薪金", "保证金", "经费", "费用", "保费", "价格", "房价",
    "股价", "市值", "产值", "估值", "价值", "金额", "总额", "余额", "销售额", "成交额", "交易额", "营业额",
    "营收", "收入", "利润", "净利", "盈利", "收益", "亏损", "损失", "亏了", "赔了", "成本", "预算", "财政",
    "税收", "债务", "债券", "国债", "负债", "订单", "规模", "票房", "GMV", "gmv", "外汇", "储备", "支出",
    "开支", "补贴", "补助", "工资", "薪酬", "现金", "存量", "增量资金", "杠杆资金", "配资", "市场规模",
    "身家", "财富", "捐款", "赔偿", "净值", "申购", "赎回", "卖出", "买入", "净流入", "净流出", "流入", "流出",
    # pay: the nouns of jieba's dictionary (frequency ≥ 20) made with 薪, less idioms and names
    "年薪", "月薪", "底薪", "高薪", "薪水", "薪资", "薪俸", "薪给", "工薪",
    # prices: the nouns of jieba's dictionary made with 价 that name a sum (not 代价, 评价, 物价)
    "总价", "单价", "均价", "售价", "报价", "估价", "定价", "票价", "油价", "地价", "造价", "身价",
)  # fmt: skip

#: A character right after a money word that makes it another noun (订单量, 投资者, 资金方, 收入者).
MONEY_WORD_NOT_BEFORE: frozenset[str] = frozenset("量数率者人户方商性")

#: Heads of nouns of people (居民, 投资者, 股民, 游客, 职工, 儿童, 用户, 会员): a bare magnitude before
#: such a noun is a headcount (30万居民).
PERSON_SUFFIXES: tuple[str, ...] = (
    "人", "民", "者", "员", "生", "工", "户", "客", "友", "众", "士", "童", "孩", "妇", "姓", "族", "丁", "口",
    "粉", "粉丝", "患", "患者", "子女", "家庭",
)  # fmt: skip

#: Second characters of two-character nouns of people that begin with a classifier (居民, 股民,
#: 群众): after a number they make the classifier part of the noun.
PEOPLE_NOUN_ENDS: frozenset[str] = frozenset("民众")

#: Nouns that end like a person but are not people (人民币, 户口, 户籍, 生产, 工程…).
PERSON_SUFFIX_FALSE: tuple[str, ...] = ("人民币", "民币", "工厂", "口岸", "人工", "员工资")

#: Words before a bare magnitude that say it counts people (持仓人数（5076.6万）, 注册用户超826万).
PEOPLE_COUNT_WORDS: tuple[str, ...] = (
    "人数", "人口", "用户", "客户", "会员", "网民", "游客", "客流", "观众", "粉丝", "居民", "投资者", "股民",
    "人次", "学生", "职工", "员工", "就业",
)  # fmt: skip

#: Classifiers that name a phase or an edition after a Chinese numeral (一期工程, 二期): not counts.
PHASE_CLASSIFIERS: frozenset[str] = frozenset({"期", "届", "轮", "批"})

#: Prepositions that open a clause before its noun (按照每个婴幼儿…): stripped from a subject.
PREPOSITIONS: tuple[str, ...] = ("按照", "依照", "根据", "按每", "对于", "关于", "通过", "经过", "截至")

#: Quoted text at most this long whose numerals are Chinese is a slogan or a name (“四个革命、一个合作”,
#: “一区两地一园一通道”): its numbers are not claims.
SLOGAN_MAX_CHARS = 16

#: Labels whose number is an identifier (电话：…, 邮编：…): nothing after them is a claim.
IDENTIFIER_LABELS: tuple[str, ...] = (
    "电话", "電話", "手机", "热线", "传真", "邮编", "邮政编码", "郵編", "邮箱", "QQ", "微信号",
    "证号", "编号", "代码", "股票代码", "备案号", "ICP备", "公网安备", "网站标识码", "文号", "字号",
    "账号", "帐号", "统一社会信用代码",
)  # fmt: skip

#: Words that join two subjects; one standing alone before a number names nothing (…440元和年人均1750元).
CONNECTORS: frozenset[str] = frozenset({"和", "及", "与", "以及", "或", "或者", "并", "、", "而", "且"})

#: A unit followed by one of these is a grade or a class, not an amount (百万千瓦级机组, 5A级景区).
GRADE_SUFFIXES: tuple[str, ...] = ("级", "級", "等级", "档次")

#: Verbs and scaffolding stripped from the edges of a subject (累计发放…资金 → …资金).
LEADING_SCAFFOLD: tuple[str, ...] = (
    "其中", "同时", "此外", "另外", "全年", "今年", "累计", "共计", "合计", "总计", "先后", "分别",
    "已经", "目前", "当年", "以及", "并且", "还有", "但是", "而且", "这是", "由此产生的", "其",
    "首先", "其次", "再次", "最后", "其一", "其二", "其三",
    # the points of an enumeration: 一是…，二是…
    *(f"{n}是" for n in "一二三四五六七八九十"),
)  # fmt: skip

#: Action verbs: the subject of an amount or count is what follows the last of them
#: (发放医疗救助资金 → 医疗救助资金).
ACTION_VERBS: tuple[str, ...] = (
    "发放", "落实", "投入", "投资", "完成", "建成", "新建", "扩建", "改建", "建设", "安置", "接收",
    "救助", "收养", "支出", "筹集", "拨付", "下达", "安排", "争取", "帮助", "资助", "培训", "新增",
    "开展", "组织", "举办", "惠及", "覆盖", "吸纳", "解决", "提供", "发生", "实现", "录取", "给予",
    "招聘", "招收", "走访", "慰问", "检查", "查处", "处罚", "罚款", "减免",
    "支付", "缴纳", "收取", "募集", "捐赠", "捐款", "节约", "节省",
    "接待", "办理", "受理", "审批", "核发", "认定", "评选", "命名", "表彰", "建立", "成立",
    "设立", "创建", "打造", "培育", "引进", "签约", "签订", "推出", "上线", "开通", "投放", "配备",
    "购置", "购买", "采购", "改造", "修缮", "维修", "整治", "清理", "排查", "发现", "破获", "抓获",
    "挽回", "追回", "涉及", "涉案", "拥有", "聚集", "吸引", "带来", "创造", "贡献", "上缴",
)  # fmt: skip

#: Words ending in a one-character link verb that are not links (行为, 国有, 截至): the last
#: character is not stripped from them.
LINK_FALSE_ENDINGS: tuple[str, ...] = (
    "行为", "作为", "认为", "因为", "成为", "称为", "视为", "所有", "没有", "拥有", "具有", "国有",
    "还有", "只有", "已有", "现有", "私有", "直到", "收到", "得到", "受到", "看到", "做到", "截至",
    "乃至", "以至", "甚至", "直至", "最近", "附近", "大约", "总计", "合计", "累计", "统计", "会计",
    "设计", "估计", "审计", "预计", "规则", "原则", "准则", "细则", "法则", "即将", "必将", "中将",
    "大将", "少将", "上将", "首都", "成都", "大都", "国都", "全都", "人均", "平均", "户均", "最终",
    "成就", "造就", "迁就", "不已", "而已", "偿还", "归还", "公共", "总共", "一共",
)  # fmt: skip

#: Rate words between a subject and its value (低保标准提高到月人均440元): kept out of the subject.
RATE_MODIFIERS: tuple[str, ...] = (
    "月人均", "年人均", "人均", "户均", "每人每月", "每人每年", "每人", "每户", "每月", "每年", "每天",
    "平均", "日均", "年均", "月均", "同比", "环比", "分别", "均", "各",
)  # fmt: skip

#: Words that end the noun named after a classifier (704名孤儿发放… → 孤儿): particles,
#: prepositions and the start of a new predicate.
POST_NOUN_STOPS: tuple[str, ...] = (
    "的", "和", "与", "及", "等", "以", "在", "被", "为", "是", "了", "将", "已", "并", "抢先",
    "参加", "参与", "获得", "受益", "实现", "完成", "达到", "提供", "发放", "进行", "开展", "通过",
    "享受", "纳入", "入选", "共", "累计", "合计", "同比", "比", "较", "占", "分别", "约", "近",
    "实施", "开展", "建成", "投入", "使用", "后", "前", "以来", "之后", "以后",
    # adverbs that open the predicate after the noun counted (951名学生全部考上大学)
    "全部", "全都", "都", "均", "仍", "正在", "已经",
)  # fmt: skip

#: Linking words between a subject and its value (集中供养率达75% → 集中供养率).
LINK_VERBS: tuple[str, ...] = (
    "分别提高到", "分别达到", "分别为", "分别是", "提高到", "提高至", "提升到", "提升至", "增加到",
    "增加至", "增长到", "增长至", "增至", "上升到", "上升至", "下降到", "下降至", "降低到", "降低至",
    "减少到", "减少至", "降至", "升至", "扩大到", "扩大至", "达到", "达", "為", "为", "是", "突破", "完成", "实现", "录得",
    "超过", "超", "逾", "约", "近", "共有", "共计", "合计", "总计", "累计", "有", "计", "至", "到",
    "维持在", "保持在", "稳定在", "控制在", "创下", "位列", "为例", "报收", "收报", "收于", "收盘于",
    "报",
)  # fmt: skip

#: Words of comparison or share: a clause made of one borrows the subject of the claim before it
#: (集中供养率达75%，高于全区54个百分点 → 集中供养率; 全区 is the baseline).
RELATION_WORDS: tuple[str, ...] = (
    "高于", "低于", "多于", "少于", "超过", "比", "较", "同比", "环比", "增长", "下降", "上涨", "下跌",
    "增加", "减少", "提高", "降低", "占", "相当于", "回落", "回升", "上调", "下调", "上升", "扩大",
    "缩小", "或", "收于", "报收", "收报", "收盘于",
)  # fmt: skip

#: Morphemes that head a verb of change (增长, 锐减, 上涨, 回落 aside): the class that
#: :data:`extractor.claims.meaning.UP_WORDS` and ``DOWN_WORDS`` are built from. A verb ending in
#: one says how a quantity changed, never what was counted.
CHANGE_MORPHEMES: tuple[str, ...] = ("增", "涨", "升", "降", "跌", "减")

#: Nouns that head a rate of change (增速, 下跌幅度, 同比增幅): a clause made of one after a claim
#: names that claim's quantity's rate (美团的成交额 + 同比增速). Every rate noun of
#: :data:`extractor.claims.meaning.UP_RATES` and ``DOWN_RATES`` ends in one (tests/test_vocabulary.py).
RATE_HEADS: tuple[str, ...] = (
    "幅度", "速度", "增速", "增幅", "涨幅", "跌幅", "降幅", "升幅", "减幅", "降速", "跌速", "涨速",
    "增长率", "增量",
)  # fmt: skip

#: Verbs of saying, showing and expecting: the subject is in what follows the last of them
#: (魏少军表示，…; 暗示今年年内可能将再加息两次).
SPEECH_VERBS: tuple[str, ...] = (
    "表示", "指出", "认为", "强调", "显示", "表明", "介绍", "透露", "暗示", "预计", "估计", "声明称",
    "报道称", "据悉", "据了解", "据统计", "数据显示", "统计显示",
)  # fmt: skip

#: Adverbs and modal words that stand between a subject and its verb (预将达到, 一直高于): stripped
#: from the end of a subject, and from its start.
MODAL_WORDS: tuple[str, ...] = (
    "预将", "将会", "可能", "一直", "仍然", "已经", "依然", "继续", "进一步", "同比", "累计",
    "将", "再", "也", "则", "就", "还", "但", "却", "又", "仍", "均", "都", "已", "共",
)  # fmt: skip

#: Time phrases that end a clause's preamble (自去年年初以来, 过去6个月): what follows them is
#: the subject.
TIME_ENDINGS: tuple[str, ...] = ("以来", "期间", "之后", "以后")

#: Index points: 点 after a number is a quantity (下跌232.79点) when the number has decimals or one
#: of these words stands before it in the sentence; otherwise it is a time (下午3点).
INDEX_WORDS: tuple[str, ...] = (
    "指数", "沪指", "深成指", "创业板指", "恒指", "道指", "纳指", "大盘", "上证", "深证", "点位", "收于", "报收",
)  # fmt: skip

#: 块 is money (3块钱, 5块) except before a noun, where it is a classifier (3块集成电路, 2块腕表),
#: and after 万/亿, where formal text writes 元 for money (4176亿块 are chips).
MONEY_KUAI_AFTER: frozenset[str] = frozenset("钱錢多余左以上整的，。；、,;!?！？）)")

#: Nouns after 的 that name a level, not a thing (5%的水平, 2%的目标): the subject is then read
#: before the number.
ABSTRACT_HEADS: tuple[str, ...] = (
    "水平", "目标", "幅度", "速度", "程度", "基础", "区间", "范围", "位置", "增长", "增速", "比例",
    "比重", "高位", "低位", "价格", "时间", "状态", "关口", "大关", "点位", "关", "底", "顶",
)  # fmt: skip

#: Nouns of a share or a rate (占比, 增长率): a percent right after one measures it, and a noun
#: after the percent and 的 is what the rate describes (苗族人口占比98%的天下苗族 → 苗族人口占比).
SHARE_HEADS: tuple[str, ...] = ("占比", "比重", "比例", "份额", "率", "占有率", "覆盖率")

#: Heads too generic to stand as a subject alone (收养人数 keeps its verb).
GENERIC_HEADS: frozenset[str] = frozenset(
    {
        "人数", "数量", "总数", "金额", "总额", "规模", "数", "人次", "户数", "个数", "总量", "数额", "费用",
        "标准", "资金", "比例", "比重", "数据", "收入", "支出",
    }
)  # fmt: skip


#: Simplified → traditional forms of the characters in the word tables above, so that Big5 pages
#: (受益人數達, 總經費約) are read with the same words. Applied once on import by
#: :func:`_with_traditional`.
TRADITIONAL: dict[str, str] = {
    "达": "達", "为": "為", "计": "計", "约": "約", "较": "較", "总": "總", "发": "發", "补": "補",
    "贴": "貼", "万": "萬", "亿": "億", "与": "與", "及": "及", "这": "這", "对": "對", "将": "將",
    "实": "實", "现": "現", "资": "資", "费": "費", "数": "數", "额": "額", "规": "規", "模": "模",
    "增": "增", "长": "長", "减": "減", "少": "少", "降": "降", "低": "低", "提": "提", "高": "高",
    "涨": "漲", "跌": "跌", "占": "佔", "当": "當", "于": "於", "经": "經", "过": "過", "计划": "計劃",
    "项": "項", "产": "產", "业": "業", "设": "設", "建": "建", "开": "開", "办": "辦", "务": "務",
    "导": "導", "动": "動", "员": "員", "区": "區", "县": "縣", "乡": "鄉", "镇": "鎮", "户": "戶",
    "养": "養", "护": "護", "疗": "療", "医": "醫", "药": "藥", "卫": "衛", "险": "險", "扶": "扶",
    "贫": "貧", "困": "困", "难": "難", "众": "眾", "体": "體", "织": "織", "组": "組", "证": "證",
    "预": "預", "环": "環", "比": "比", "平": "平", "均": "均", "每": "每", "别": "別", "级": "級",
    "积": "積", "极": "極", "纳": "納", "缴": "繳", "购": "購", "销": "銷", "售": "售", "进": "進",
    "出": "出", "态": "態", "运": "運", "输": "輸", "际": "際", "营": "營", "收": "收", "入": "入",
    "获": "獲", "签": "簽", "协": "協", "议": "議", "奖": "獎", "励": "勵", "资助": "資助", "拨": "撥",
    "筹": "籌", "兴": "興", "涵": "涵", "盖": "蓋", "惠": "惠", "覆": "覆", "带": "帶", "吸": "吸",
    "决": "決", "处": "處", "罚": "罰", "款": "款", "挽": "挽", "回": "回", "涉": "涉", "聚": "聚",
    "创": "創", "贡": "貢", "献": "獻", "缴纳": "繳納", "则": "則", "种": "種", "类": "類",
    # the change words, baselines and time expressions of extractor.claims.meaning
    "缩": "縮", "扩": "擴", "间": "間", "个": "個", "并": "並", "从": "從", "仅": "僅", "时": "時",
    "后": "後", "周": "週", "节": "節", "准": "準", "价": "價",
}  # fmt: skip
_simplified = {ord(t): s for s, t in TRADITIONAL.items() if len(s) == 1 and len(t) == 1 and s != t}
_simplified_chars = frozenset(chr(c) for c in _simplified)


def _to_traditional(word: str) -> str:
    return "".join(TRADITIONAL.get(ch, ch) for ch in word)


def _with_traditional(words: tuple[str, ...]) -> tuple[str, ...]:
    extra = tuple(t for t in (_to_traditional(w) for w in words) if t not in words)
    return words + tuple(dict.fromkeys(extra))


def to_simplified(text: str) -> str:
    """``text`` with the traditional characters of :data:`TRADITIONAL` written simplified (達 → 达),
    for look-ups in the simplified word tables."""
    return text.translate(_simplified) if any(ch in _simplified_chars for ch in text) else text


def _dict_with_traditional(table: dict[str, str]) -> dict[str, str]:
    out = dict(table)
    for word, value in table.items():
        out.setdefault(_to_traditional(word), value)
    return out


LEADING_SCAFFOLD = _with_traditional(LEADING_SCAFFOLD)
ACTION_VERBS = _with_traditional(ACTION_VERBS)
LINK_VERBS = _with_traditional(LINK_VERBS)
LINK_FALSE_ENDINGS = _with_traditional(LINK_FALSE_ENDINGS)
RATE_MODIFIERS = _with_traditional(RATE_MODIFIERS)
RELATION_WORDS = _with_traditional(RELATION_WORDS)
SPEECH_VERBS = _with_traditional(SPEECH_VERBS)
CHANGE_MORPHEMES = _with_traditional(CHANGE_MORPHEMES)
RATE_HEADS = _with_traditional(RATE_HEADS)
SHARE_HEADS = _with_traditional(SHARE_HEADS)
DIMENSION_WORDS = _with_traditional(DIMENSION_WORDS)
MODAL_WORDS = _with_traditional(MODAL_WORDS)
POST_NOUN_STOPS = _with_traditional(POST_NOUN_STOPS)
QUALIFIERS_BEFORE = _dict_with_traditional(QUALIFIERS_BEFORE)
CURRENCY_PREFIXES = _dict_with_traditional(CURRENCY_PREFIXES)
QUALIFIERS_AFTER = _dict_with_traditional(QUALIFIERS_AFTER)
GENERIC_HEADS = frozenset(_with_traditional(tuple(GENERIC_HEADS)))
TOGETHER_WORDS = frozenset(_with_traditional(tuple(TOGETHER_WORDS)))


def validate() -> None:
    """Check every table; raise ValueError naming the table and the entry at fault."""
    tables = {name: value for name, value in globals().items() if name.isupper() and not isinstance(value, int)}
    for name, table in tables.items():
        entries = table.keys() if isinstance(table, dict) else table
        for entry in entries:
            if not isinstance(entry, str) or not entry or entry != entry.strip():
                raise ValueError(f"lexicon.{name}: entry {entry!r} must be a non-empty string without edge spaces")
    for name in ("DIGITS", "TENS", "SMALL_UNITS", "BIG_UNITS", "TRILLION"):
        for key, value in tables[name].items():
            if len(key) != 1 or not isinstance(value, int):
                raise ValueError(f"lexicon.{name}: {key!r} must be one character with an int value")
    for key, (code, factor) in CURRENCIES.items():
        if len(code) != 3 or not code.isupper() or not isinstance(factor, Decimal) or factor <= 0:
            raise ValueError(f"lexicon.CURRENCIES: {key!r} needs an ISO code and a positive Decimal factor")
    bounds = {"approximate", "at_least", "at_most"}
    for name in ("QUALIFIERS_BEFORE", "QUALIFIERS_INSIDE", "QUALIFIERS_AFTER"):
        for key, bound in tables[name].items():
            if bound not in bounds:
                raise ValueError(f"lexicon.{name}: {key!r} has bound {bound!r}, not one of {sorted(bounds)}")
    clash = (set(HEADCOUNT_UNITS) | set(QUANTITY_UNITS) | set(CURRENCIES)) & CLASSIFIERS
    if clash:
        raise ValueError(f"lexicon.CLASSIFIERS: {sorted(clash)} are also units of another kind")


validate()

#: Openers of a baseline phrase closed by 相比/比较 (与上年相比, 和去年同期相比, 同2019年比较), and the
#: closers: read by the baseline of a change and by the period, which a baseline time is not.
PAIRED_OPENERS: tuple[str, ...] = ("与", "和", "同", "跟")
PAIRED_CLOSERS: tuple[str, ...] = ("相比较", "相比", "比较", "比")
