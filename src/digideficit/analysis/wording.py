"""Findings put into words, in each language the site is written in.

`say(quantity, lang)` phrases one quantity from `digideficit.analysis.quantities` the way a
reader of that language writes it: ¥6.60 trillion / 6.60兆円, April 2026 / 2026年4月,
FY2025 / 2025年度. Sentences live in the chapters' Markdown; only these short phrases are
made here, so a figure is said the same way on every page and in both editions.
"""

from __future__ import annotations

import functools
import re
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from digideficit import paths
from digideficit.analysis import quantities as q
from digideficit.validated import definitions

LANGS = ("en", "ja")
MONTHS_EN = (
    "January February March April May June July August September October November December"
).split()


class LanguageError(ValueError):
    """A language the site is not written in."""


def checked(lang: str) -> str:
    if lang not in LANGS:
        raise LanguageError(
            f"lang = {lang!r} is not a language of this report; use one of {', '.join(LANGS)}"
        )
    return lang


# noun → (English singular, English plural, Japanese counter)
NOUNS = {
    "year": ("year", "years", "年"),
    "month": ("month", "months", "か月"),
    "figure": ("figure", "figures", "件"),
    "source": ("source", "sources", "件"),
    "claim": ("claim", "claims", "件"),
    "item": ("item", "items", "項目"),
    "partner": ("partner", "partners", "か国・地域"),
    "event": ("event", "events", "件"),
    "series": ("series", "series", "系列"),
    "row": ("row", "rows", "行"),
    "economy": ("economy", "economies", "か国・地域"),
    "projection": ("projection", "projections", "件"),
    "article": ("article", "articles", "本"),
    "publisher": ("publisher", "publishers", "社"),
    "period": ("period", "periods", "期間"),
    # publishers that include ministries and institutes, not only companies: 者, not 社
    "publishing-body": ("publisher", "publishers", "者"),
}

QUALIFIERS = {"about": ("about {}", "約{}"), "more than": ("more than {}", "{}超")}

# Short phrases a finding may need; each key has its wording in every language, with
# {name} slots filled by `say` from the phrase's values.
PHRASES: dict[str, dict[str, str]] = {
    "wider": {"en": "wider", "ja": "拡大"},
    "narrower": {"en": "narrower", "ja": "縮小"},
    "unchanged": {"en": "unchanged", "ja": "横ばい"},
    "no-figure": {"en": "no figure", "ja": "数値なし"},
    # growth drivers: an item with its share of a change; how the deficit moved year by
    # year; which of receipts and payments grew faster and what the gap between them did
    "gd-item-share": {"en": "{item} ({share})", "ja": "{item}（{share}）"},
    "gd-widened-every-year": {
        "en": "the deficit widened in every year",
        "ja": "赤字は毎年拡大した",
    },
    "gd-narrowed-every-year": {
        "en": "the deficit narrowed in every year",
        "ja": "赤字は毎年縮小した",
    },
    "gd-narrowed-in": {
        "en": "the deficit narrowed in {years} and widened in every other year",
        "ja": "赤字は{years}に縮小し、それ以外の年はすべて拡大した",
    },
    "gd-receipts-faster-wider": {
        "en": "receipts grew faster in proportion, but from a smaller base, so the gap still "
        "widened",
        "ja": "伸び率は受取が上回ったが、元の規模が小さいため差額はなお拡大した",
    },
    "gd-receipts-faster-narrower": {
        "en": "receipts grew faster in proportion, and the gap narrowed",
        "ja": "伸び率は受取が上回り、差額は縮小した",
    },
    "gd-receipts-faster-unchanged": {
        "en": "receipts grew faster in proportion, and the gap stayed where it was",
        "ja": "伸び率は受取が上回り、差額は変わらなかった",
    },
    "gd-payments-faster-wider": {
        "en": "payments grew faster in proportion, and the gap widened",
        "ja": "伸び率は支払が上回り、差額は拡大した",
    },
    "gd-payments-faster-narrower": {
        "en": "payments grew faster in proportion, but from a smaller base, so the gap narrowed",
        "ja": "伸び率は支払が上回ったが、元の規模が小さいため差額は縮小した",
    },
    "gd-payments-faster-unchanged": {
        "en": "payments grew faster in proportion, and the gap stayed where it was",
        "ja": "伸び率は支払が上回り、差額は変わらなかった",
    },
    "gd-narrowed-only": {"en": "the deficit narrowed in {years}", "ja": "赤字は{years}に縮小した"},
    "gd-widened-only": {"en": "the deficit widened in {years}", "ja": "赤字は{years}に拡大した"},
    "gd-times-range": {"en": "{low}–{high} times", "ja": "{low}～{high}倍"},
    "gd-about": {"en": "about {value}", "ja": "約{value}"},
    # a share or amount that moved between two years
    "rose": {"en": "rose", "ja": "上昇"},
    "fell": {"en": "fell", "ja": "低下"},
    "held": {"en": "was unchanged", "ja": "横ばい"},
    # how often something held over a span of years
    "every-year": {"en": "in every year of {span}", "ja": "{span}のすべての年で"},
    "some-years": {
        "en": "in {n} of the {total} years {span}",
        "ja": "{span}の{total}年のうち{n}年で",
    },
    # a figure a source published for a year, with its publisher
    "figure-in-year": {"en": "{amount} in {year} ({source})", "ja": "{year}に{amount}（{source}）"},
    "about-year": {"en": "about {year}", "ja": "{year}頃"},
    "a-deficit": {"en": "a deficit", "ja": "赤字"},
    "a-surplus": {"en": "a surplus", "ja": "黒字"},
    # where an economy stands among those one source compares on one definition
    "largest-deficit-of": {"en": "the largest deficit of {n}", "ja": "{n}の中で最大の赤字"},
    "largest-surplus-of": {"en": "the largest surplus of {n}", "ja": "{n}の中で最大の黒字"},
    "place-from-bottom-of": {
        "en": "number {place} from the bottom of {n}",
        "ja": "{n}の中で下から{place}番目",
    },
    # a date in running text: a day takes 'on', a month or a year 'in'
    "on-date": {"en": "on {date}", "ja": "{date}に"},
    "in-date": {"en": "in {date}", "ja": "{date}に"},
    # the regional file's all-partner totals set against the monthly balance of payments
    "totals-agree": {
        "en": "match the monthly balance of payments to the last ¥100 million",
        "ja": "月次の国際収支統計と1億円単位まで一致する",
    },
    "totals-differ": {
        "en": "differ from the monthly balance of payments by up to {gap} in a year",
        "ja": "月次の国際収支統計と年間で最大{gap}異なる",
    },
    # economic impact: the currency of the amounts, and how the deficit compares
    "amounts-in-yen": {
        "en": "Amounts are in yen, as the Bank of Japan publishes them",
        "ja": "金額は日本銀行の公表どおり円建てで示す",
    },
    "amounts-in-dollars": {
        "en": "Amounts are in US dollars, each period converted at its average rate: the mean "
        "of the Bank of Japan's monthly averages of the dollar–yen spot rate (Tokyo market, "
        "17:00; series {code}, data of {date}) — {rate} in {year} and {fy_rate} in {fy}",
        "ja": "金額は米ドル建てで、各期間の平均レート（日本銀行「東京市場 ドル・円 スポット "
        "17時時点／月中平均」（系列{code}、{date}時点）の月次計数の単純平均）で換算した"
        "（{year}は{rate}、{fy}は{fy_rate}）",
    },
    "yen-per-dollar": {"en": "¥{rate} per dollar", "ja": "1ドル＝{rate}円"},
    "unit-100m": {"en": "¥100 million (億円)", "ja": "億円"},
    "unit-usd-bn": {
        "en": "US$ billion, each year at its average rate",
        "ja": "10億ドル（各年の平均レートで換算）",
    },
    "above-travel-surplus": {
        "en": "larger than the travel surplus of {travel}",
        "ja": "旅行収支の黒字（{travel}）を上回った",
    },
    "below-travel-surplus": {
        "en": "smaller than the travel surplus of {travel}",
        "ja": "旅行収支の黒字（{travel}）を下回った",
    },
    "beside-travel-deficit": {
        "en": "not offset by tourism (travel itself ran a deficit of {travel})",
        "ja": "旅行収支の黒字で相殺されなかった（旅行収支自体が{travel}の赤字）",
    },
    "n-of-m-years": {"en": "{n} of the {m}", "ja": "{m}年のうち{n}"},
    "all-m-years": {"en": "all {m}", "ja": "{m}すべて"},
    "share-of-surplus": {"en": "{share} of the {amount} surplus", "ja": "黒字{amount}の{share}"},
    "beside-deficit": {"en": "added to a deficit of {amount}", "ja": "{amount}の赤字に加わる額"},
    "surplus-of-gdp": {"en": "a surplus of {share} of GDP", "ja": "GDP比{share}の黒字"},
    "deficit-of-gdp": {"en": "a deficit of {share} of GDP", "ja": "GDP比{share}の赤字"},
    "no-year": {"en": "no year", "ja": "該当する年なし"},
    "surplus-every-year": {"en": "in surplus in every year of {span}", "ja": "{span}の毎年黒字"},
    "surplus-some-years": {
        "en": "in surplus in {n} of the years {span}",
        "ja": "{span}のうち{n}で黒字",
    },
    # scenarios: how the projection is made, and the cases published projections name
    "method-trend": {
        "en": "a straight line through the figures of the latest {n} ({span}): {slope} each year",
        "ja": "直近{n}（{span}）の年次計数を通る直線（毎年{slope}）",
    },
    "method-growth": {
        "en": "the latest annual figure ({year}) compounded at {growth} a year",
        "ja": "直近の年次計数（{year}）を年率{growth}で延長",
    },
    "scenario-base": {"en": "base case", "ja": "基本シナリオ"},
    "scenario-pessimistic": {"en": "pessimistic case", "ja": "悲観シナリオ"},
    "scenario-computer-services": {"en": "computer services", "ja": "コンピュータサービス"},
    "projected-case": {"en": "{amount} in its {case}", "ja": "{case}で{amount}"},
    "growth-for-case": {"en": "{growth} a year for its {case}", "ja": "{case}で年率{growth}"},
    "tracker-summary": {
        "en": "so far {scored} scored against an actual figure; for {ahead} the actual series "
        "has since grown faster than the projection requires, for {behind} slower",
        "ja": "現時点で実績値と照合済みが{scored}件、公表後の実績の伸びが必要な伸びを上回るものが"
        "{ahead}件、下回るものが{behind}件",
    },
    "tracker-all-behind": {
        "en": "none has reached its target year yet, and for every one the actual series has "
        "since grown more slowly than the projection requires",
        "ja": "目標年に達したものはまだなく、いずれも公表後の実績の伸びが必要な伸びを下回っている",
    },
    "tracker-all-ahead": {
        "en": "none has reached its target year yet, and for every one the actual series has "
        "since grown faster than the projection requires",
        "ja": "目標年に達したものはまだなく、いずれも公表後の実績の伸びが必要な伸びを上回っている",
    },
    # none of the projections has reached its target year yet: say so, not "0 scored"
    "tracker-none-scored": {
        "en": "none has reached its target year yet; the actual series has since grown faster "
        "than the projection requires for {ahead} and more slowly for {behind}",
        "ja": "目標年に達したものはまだない。公表後の実績の伸びが必要な伸びを上回るものが{ahead}、"
        "下回るものが{behind}",
    },
    "passes-crude": {"en": "would pass that bill in {year}", "ja": "{year}にこれを上回る"},
    "stays-below-crude": {
        "en": "would stay below that bill up to {year}",
        "ja": "{year}まではこれを下回る",
    },
    # the claims ledger's verdicts, and which of them its table lists
    "verdict-holds": {"en": "holds", "ja": "正しい"},
    "verdict-differs": {"en": "differs by definition or vintage", "ja": "定義・時点の違い"},
    "verdict-wrong": {"en": "wrong", "ja": "誤り"},
    "verdict-unverified": {"en": "unverified", "ja": "検証できない"},
    "verdict-all": {"en": "every verdict", "ja": "すべての判定"},
    "verdict-only": {"en": "only the verdict “{verdict}”", "ja": "判定「{verdict}」のみ"},
    "more-than": {"en": "more than {value}", "ja": "{value}超"},
    "less-than": {"en": "less than {value}", "ja": "{value}未満"},
    "ratio-above-one": {"en": "larger (a ratio above 1)", "ja": "上回る（比率1超）"},
}

UNITS = {
    # unit → (English prefix, English suffix, Japanese suffix, Japanese scale)
    "JPY_tn": ("¥", " trillion", "兆円", Decimal(1)),
    # US$1 billion is 10億ドル
    "USD_bn": ("US$", " billion", "億ドル", Decimal(10)),
    # amounts events state in the unit their source used: ¥100 billion is 1,000億円,
    # ¥600 million 6億円
    "JPY_bn": ("¥", " billion", "億円", Decimal(10)),
    "JPY_m": ("¥", " million", "億円", Decimal("0.01")),
    "USD_tn": ("US$", " trillion", "兆ドル", Decimal(1)),
}


def rounded(value: Decimal, places: int | None) -> Decimal:
    """Half up to `places` decimals; None keeps the source's digits, but never more than the
    two decimals prose uses."""
    if places is None:
        if -value.as_tuple().exponent <= 2:
            return value
        places = 2
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def money(m: q.Money, lang: str) -> str:
    prefix, suffix, ja_suffix, ja_scale = UNITS[m.unit]
    if lang == "ja":
        # 兆円 keeps the trillion's decimals; 億ドル is ten times the billion, one fewer
        places = m.places if m.places is None or ja_scale == 1 else max(m.places - 1, 0)
        scaled = abs(m.value) * ja_scale
        if places is None and ja_scale != 1:
            # the source's digits, without the zeros the change of scale adds (29.0 → 29)
            scaled = (
                scaled.quantize(1) if scaled == scaled.to_integral_value() else scaled.normalize()
            )
        text = f"{rounded(scaled, places):,}{ja_suffix}"
    else:
        text = f"{prefix}{rounded(abs(m.value), m.places):,}{suffix}"
    if m.qualifier:
        text = QUALIFIERS[m.qualifier][lang == "ja"].format(text)
    if m.style == "signed":
        return ("−" if m.value < 0 else "+" if m.value > 0 else "") + text
    if m.style == "balance":
        if lang == "ja":
            return f"{text}の{'赤字' if m.value < 0 else '黒字'}"
        return f"a {'deficit' if m.value < 0 else 'surplus'} of {text}"
    if m.style == "change":
        # the change of a balance: a fall is a wider deficit
        if m.value == 0:
            return PHRASES["unchanged"][lang]
        direction = "wider" if m.value < 0 else "narrower"
        if lang == "ja":
            return f"{text}{PHRASES[direction]['ja']}"
        return f"{text} {direction}"
    return text


def period(code: str, lang: str) -> str:
    """'2025', 'FY2025', '2025H1', 'FY2025H1', '2026-04', '2026-06-08'."""
    ja = lang == "ja"
    if code.startswith("FY") and code.endswith("H1"):
        year = int(code[2:6])
        return f"{year}年度上期（4～9月）" if ja else f"April–September {year}"
    if code.startswith("FY"):
        return f"{code[2:]}年度" if ja else code
    if code.endswith("H1"):
        return f"{code[:4]}年1～6月" if ja else f"January–June {code[:4]}"
    parts = code.split("-")
    if len(parts) == 3:
        year, month, day = (int(p) for p in parts)
        return f"{year}年{month}月{day}日" if ja else f"{day} {MONTHS_EN[month - 1]} {year}"
    if len(parts) == 2 and parts[1].isdigit():
        year, month = int(parts[0]), int(parts[1])
        return f"{year}年{month}月" if ja else f"{MONTHS_EN[month - 1]} {year}"
    if len(parts) == 2 and parts[1].startswith("Q"):
        return f"{parts[0]}年第{parts[1][1]}四半期" if ja else f"{parts[1]} {parts[0]}"
    return f"{code}年" if ja else code


def span(s: q.Span, lang: str) -> str:
    if s.first == s.last:
        return period(s.first, lang)
    if lang == "ja":
        # 2014～2025年, 2014年度～2025年度
        if s.first.isdigit() and s.last.isdigit():
            return f"{s.first}～{s.last}年"
        return f"{period(s.first, lang)}～{period(s.last, lang)}"
    return f"{period(s.first, lang)}–{period(s.last, lang)}"


def count(c: q.Count, lang: str) -> str:
    singular, plural, counter = NOUNS[c.noun]
    if lang == "ja":
        return f"{c.n:,}{counter}"
    return f"{c.n:,} {singular if c.n == 1 else plural}"


def listing(parts: list[str], lang: str) -> str:
    if lang == "ja":
        return "、".join(parts)
    return " and ".join([", ".join(parts[:-1]), parts[-1]] if len(parts) > 1 else parts)


# how English prose names the partners whose catalogue names are abbreviations
PARTNER_NAMES_EN = {
    "U.S.A.": "the United States",
    "U.K.": "the United Kingdom",
    "P.R. China": "China",
    "R.Korea": "South Korea",
    "R.South Africa": "South Africa",
    "U.A.E.": "the United Arab Emirates",
    "Netherlands": "the Netherlands",
    "Philippines": "the Philippines",
}


# Japanese names of the economies the regional catalogue does not name (the international
# comparison's); a catalogue name, where there is one, comes first
PARTNER_NAMES_JA = {
    "Japan": "日本",
    "Ireland": "アイルランド",
    "EU (incl. Ireland)": "EU（アイルランドを含む）",
    "Finland": "フィンランド",
    "Israel": "イスラエル",
    "World": "世界",
    "United States": "アメリカ合衆国",
    "United Kingdom": "英国",
    "China": "中華人民共和国",
    "South Korea": "大韓民国",
}

# publishers the data name but the sources file does not list (the sources file's
# `publisher_ja` names every other one: see `publisher_names_ja`)
PUBLISHER_NAMES_JA = {
    "Cabinet Office": "内閣府",
    "Digital Agency": "デジタル庁",
    "METI": "経済産業省",
}


# a publisher's name without the parenthesis saying how the report read it: 'Jiji Press
# (via The Japan News)' → 'Jiji Press', '時事通信（The Japan News掲載）' → '時事通信'
READ_VIA = re.compile(r"\s*\(.*\)\s*$")
READ_VIA_JA = re.compile(r"\s*（.*）\s*$")


@functools.cache
def publisher_names_ja() -> dict[str, str]:
    """How Japanese pages name each publisher (the data name them in English): the sources
    file's `publisher_ja`, the one list of these names, found by the publisher as the file
    writes it or as pages shorten it (without its parenthesis). A publisher not listed keeps
    its name as given."""
    sources = pd.read_csv(paths.data_dir() / "sources.csv", dtype=str, keep_default_na=False)
    names: dict[str, str] = {}
    for name, name_ja in zip(sources["publisher"], sources["publisher_ja"], strict=True):
        names.setdefault(name, name_ja)
        short = READ_VIA.sub("", name)
        if short and short != name:
            names.setdefault(short, READ_VIA_JA.sub("", name_ja) or name_ja)
    return names


def publisher(name: str, lang: str) -> str:
    """A publisher's name as a page in `lang` writes it. In Japanese: the sources file's
    name for it, else the table above (publishers the data name but no source lists), looked
    up again without the parenthesis saying how the report read it ('Jiji Press (via
    Infoseek News)' → 時事通信)."""
    if checked(lang) != "ja":
        return name
    base = READ_VIA.sub("", name) or name
    for candidate in (name, base):
        found = publisher_names_ja().get(candidate) or PUBLISHER_NAMES_JA.get(candidate)
        if found:
            return found
    return base


# Titles that are this report's own description of a data set it loads (a file, a series),
# not a publication's title: a Japanese page says them in Japanese. Keyed by the title as the
# sources file writes it; any other title is a publication's and stays as published.
TITLES_JA = {
    "Balance of Payments (Data Based on the BPM6), monthly, all BP01 series, 100 million yen": (
        "国際収支統計（BPM6準拠、月次）、BP01の全系列、億円"
    ),
    "Regional Balance of Payments (Quarterly) (BPM6): services by partner economy, "
    "100 million yen": "地域別国際収支（四半期、BPM6準拠）：サービスの相手国・地域別計数、億円",
    "Time-Series Data Search, FM08 FXERM07: US dollar/yen spot rate at 17:00 in the Tokyo "
    "market, monthly average (yen per US dollar)": "時系列統計データ検索サイト、FM08 FXERM07："
    "{FXERM07}（1ドル当たり円）",
    "G.5A Foreign Exchange Rates (Annual), series AEXJPUS: Japanese yen to one US dollar, "
    "averages of daily noon buying rates in New York": "G.5A Foreign Exchange Rates (Annual)、"
    "系列AEXJPUS：1ドル当たり円、ニューヨーク市場の正午買い相場の日次平均",
    "Trade Statistics of Japan (貿易統計), imports by commodity, annual: 原油及び粗油 (crude and "
    "partially refined oil), value in thousand yen, 2014-2025": "貿易統計、品目別輸入（年次）："
    "原油及び粗油、金額（千円）、2014～2025年",
    "Trade Statistics of Japan, fiscal year 2024: customs-cleared crude oil imports": (
        "貿易統計（2024年度）：原油の通関輸入額"
    ),
    "国民経済計算 四半期別GDP速報 2026年4-6月期 2次速報 (Quarterly Estimates of GDP, April-June "
    "2026, second preliminary): 名目年度 国内総生産(支出側) (nominal GDP, expenditure approach, "
    "fiscal years), 2020 benchmark": "国民経済計算 四半期別GDP速報 2026年4-6月期 2次速報："
    "名目年度 国内総生産（支出側）、2020年基準",
    # titles the report wrote where it did not see one, and Japanese titles it glossed
    "Article 934947, page 2 (title not seen; BOJ five-way split of the services balance)": (
        "記事934947、2ページ（表題は未確認。日本銀行によるサービス収支の5分類）"
    ),
    "10月の国際収支 デジタル赤字 (column; title as carried by Infoseek)": (
        "10月の国際収支 デジタル赤字（コラム。表題はインフォシークニュース掲載のもの）"
    ),
    "RIETI column on Japan's 2023 balance of payments": "2023年の国際収支に関するRIETIのコラム",
    "Article quoting Daisuke Karakama on the digital deficit (page 2), citing METI's estimate "
    "to 2030": "デジタル赤字に関する唐鎌大輔氏の発言を引用した記事（2ページ）、経済産業省の"
    "2030年までの試算に言及",
}


@functools.cache
def series_names_ja() -> dict[str, str]:
    """The series catalogue's Japanese names by code (its full-width spaces as spaces)."""
    series = pd.read_csv(paths.data_dir() / "boj_series.csv", dtype=str, keep_default_na=False)
    names = series["name_ja"].str.replace("\u3000", " ").str.replace("/", "／")
    return dict(zip(series["code"], names, strict=True))


def title(text: str, lang: str) -> str:
    """A source's title as a page in `lang` shows it: in Japanese, the report's own
    description of a data set in Japanese (series by the catalogue's Japanese names); a
    publication's title as published."""
    if checked(lang) != "ja" or text not in TITLES_JA:
        return text
    return TITLES_JA[text].format_map(series_names_ja())


# between the sources a chart's source line lists
SOURCE_SEPARATOR = {"en": "; ", "ja": "、"}


def cited(name: str, date: str, lang: str) -> str:
    """'Publisher (date)': a source as a chart's source line names it, in `lang`."""
    if checked(lang) == "ja":
        return f"{publisher(name, lang)}（{date}）"
    return f"{name} ({date})"


@functools.cache
def partner_names_ja() -> dict[str, str]:
    """The regional file's partner names in Japanese, from the series catalogue's names."""
    series = pd.read_csv(paths.data_dir() / "boj_series.csv", dtype=str, keep_default_na=False)
    regional = series[series["partner"] != ""]
    # the catalogue's Japanese name is a path whose next-to-last part names the partner
    return dict(zip(regional["partner"], regional["name_ja"].str.split("/").str[-2], strict=True))


def as_label(value, lang: str = "en") -> str:
    """A name as a chart or table label starts it: 'United States', not 'the United States'."""
    said = say(value, lang).removeprefix("the ")
    return said[:1].upper() + said[1:]


def say(value, lang: str = "en") -> str:
    """One quantity in words, in `lang`."""
    checked(lang)
    ja = lang == "ja"
    match value:
        case q.Money():
            return money(value, lang)
        case q.Share():
            # a negative share takes the minus sign (−1%), as signed amounts do
            said = f"{value.value * 100:.{value.places}f}%"
            if float(said[:-1]) == 0:
                said = said.removeprefix("-")
            return said.replace("-", "−")
        case q.Multiple():
            return f"{value.value:.{value.places}f}{'倍' if ja else ' times'}"
        case q.Number():
            return f"{value.value:,.{value.places}f}"
        case q.Period(with_months=True) if value.code.startswith("FY") and len(value.code) == 6:
            year = int(value.code[2:])
            if ja:
                return f"{year}年度（{year}年4月～{year + 1}年3月）"
            return f"{value.code} (April {year}–March {year + 1})"
        case q.Period():
            return period(value.code, lang)
        case q.Span():
            return span(value, lang)
        case q.Count():
            return count(value, lang)
        case q.Item():
            item = definitions.ITEMS[value.key]
            return item.name_ja if ja else item.short_name
        case q.Basis():
            return BASIS_NAMES[value.key][ja]
        case q.Partner():
            if ja:
                return partner_names_ja().get(value.name) or PARTNER_NAMES_JA.get(
                    value.name, value.name
                )
            return PARTNER_NAMES_EN.get(value.name, value.name)
        case q.Publisher():
            return publisher(value.name, lang)
        case q.Source():
            return source(value, lang)
        case q.Phrase():
            filled = {k: say(v, lang) for k, v in value.values.items()}
            return PHRASES[value.key][lang].format(**filled)
        case q.Listing():
            return listing([say(part, lang) for part in value.parts], lang)
        case q.Verbatim():
            return value.text
        case str():
            raise TypeError(
                f"say() was given the text {value!r}: a finding is a quantity "
                "(analysis.quantities), phrased here"
            )
    raise TypeError(f"say() cannot phrase {type(value).__name__}")


BASIS_NAMES = {
    "3-item-computer": (
        "3 items with computer services only",
        "3項目（通信・コンピュータ・情報サービスのうちコンピュータサービスのみ）",
    ),
    "3-item": ("3 items (MOF item names)", "3項目（財務省の項目名）"),
    "5-item": (
        "5 items (telecom / computer / information split)",
        "5項目（通信・コンピュータ・情報を分けた集計）",
    ),
}
# the bases the official months cannot sum keep their English label until they are named
BASIS_NAMES = {key: (basis.label, basis.label) for key, basis in definitions.BASES.items()} | (
    BASIS_NAMES
)


def source(s: q.Source, lang: str) -> str:
    day = s.vintage.removeprefix("boj-").replace("-", "")
    date = period(f"{day[:4]}-{day[4:6]}-{day[6:]}", lang)
    if lang == "ja":
        kind = "地域別国際収支（四半期）" if s.regional else "国際収支統計（月次）"
        return f"日本銀行「{kind}」{date}公表ファイルから本報告が算出"
    kind = "regional balance of payments" if s.regional else "monthly balance of payments"
    return f"derived from the Bank of Japan's {kind}, file of {date}"
