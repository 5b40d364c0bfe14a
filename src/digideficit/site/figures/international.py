"""Japan beside other economies: the chart of published balances (a colour per definition)
and the tables of METI's finding, the definitions, the figures and the export measures."""

from __future__ import annotations

import altair as alt
import pandas as pd
from IPython.display import HTML

from digideficit.analysis import charts, international, prose, wording
from digideficit.analysis import quantities as q
from digideficit.validated import data

# each definition in a legend a 390 px screen can show whole (the tables name them in full)
LEGEND = {
    "en": {
        "digital_related": "Digital-related (3 items)",
        "ict_services": "ICT services only",
        "knowledge_services": "Korea: knowledge services",
        "ict_services_bok": "Korea: info. and comm.",
        "ip_charges_bok": "Korea: IP charges",
        "professional_business_bok": "Korea: prof. and business",
    },
    "ja": {
        "digital_related": "デジタル関連（3項目）",
        "ict_services": "ICTサービスのみ",
        "knowledge_services": "韓国：知識サービス",
        "ict_services_bok": "韓国：情報通信",
        "ip_charges_bok": "韓国：知的財産権等使用料",
        "professional_business_bok": "韓国：専門・事業サービス",
    },
}
WORDS = {
    "en": {
        "title": "{definition}, {year} ({source}): {top} ran the largest surplus and {bottom} "
        "the largest deficit of {n}",
        "subtitle": [
            "Each definition has its own colour: figures on different definitions are not "
            "comparable with one another",
            "Figures published in hundreds of millions of dollars are shown in US$ billion; "
            "no currency is converted",
            "Sources: see the table below",
        ],
        "axis": "balance, US$ billion (deficit below zero)",
        "definition": "definition",
        "economy": "economy",
        "usd_bn": "US$ billion",
        "as_published": "as published",
        "year_source": "year and source",
        "description": "Dot chart of digital and ICT services balances of {n} economies, each "
        "on its source's definition, in US$ billion (negative: deficit)",
        "year": "year",
        "what": "what it counts",
        "source": "source",
        "note": "note",
        "meti": "METI: digital balance",
        "surplus": "surplus",
        "deficit": "deficit",
        "exports": "exports as published",
        "probable": " (year probable)",
        # a dot as the chart's description names it
        "dot": "{name} — {definition}, {year_source}",
    },
}
WORDS["ja"] = WORDS["en"] | {
    "title": "{definition}・{year}（{source}）：{n}のうち黒字最大は{top}、赤字最大は{bottom}",
    "subtitle": [
        "定義ごとに色を分けている。定義の異なる数値は互いに比較できない",
        "億ドル単位で公表された数値は10億ドル単位で示す（通貨の換算はしていない）",
        "出所：下の表を参照",
    ],
    "axis": "収支、10億ドル（赤字はマイナス）",
    "definition": "定義",
    "economy": "国・地域",
    "usd_bn": "10億ドル",
    "as_published": "公表値",
    "year_source": "年と出所",
    "description": "{n}か国・地域のデジタル・ICTサービス収支（各出所の定義、10億ドル、"
    "マイナスは赤字）のドットチャート",
    "year": "年",
    "what": "範囲",
    "source": "出所",
    "note": "注記",
    "meti": "経済産業省：デジタル収支",
    "surplus": "黒字",
    "deficit": "赤字",
    "exports": "輸出（公表値）",
    "probable": "（推定年）",
    "dot": "{name}・{definition}（{year_source}）",
}

# what each definition counts, and the notes and dates of the data, on a Japanese page (the
# data's English where a text has no entry here)
MEASURES_JA = {
    "digital_related": "デジタル関連収支：通信・コンピュータ・情報サービス"
    "＋専門・経営コンサルティングサービス＋知的財産権等使用料（日銀レビュー23-J-9の項目構成を同論文の筆者が図示したもの）",
    "ict_services": "通信・コンピュータ・情報サービスのみ（BPM6／EBOPS 2010の項目SI）",
    "knowledge_services": "韓国銀行の「知識サービス」：知的財産権等使用料＋情報通信＋文化・娯楽"
    "＋専門・事業サービス",
    "ict_services_bok": "韓国銀行の情報通信サービス",
    "ip_charges_bok": "韓国銀行の知的財産権等使用料",
    "professional_business_bok": "韓国銀行の専門・事業サービス",
    "all_services": "サービス全体（デジタルの指標ではない）",
    "digitally_deliverable": "UNCTADのデジタル配信可能サービス：ネットワーク経由で提供し得るEBOPS"
    "項目（保険、金融、知的財産権等使用料、ICT、その他業務、個人・文化サービス）。実際の提供"
    "方法は問わない",
    "digitally_delivered": "WTOによる、実際にデジタルで提供されたサービスの推計",
    "digital_meti": "経済産業省のデジタル収支（PIVOTモデル：著作権等使用料、コンピュータサービス、"
    "専門・経営コンサルティングサービス）：符号のみ",
}
TERSE_JA = {
    "digital_related": "デジタル関連",
    "ict_services": "ICTサービス",
    "knowledge_services": "知識サービス（韓国銀行）",
    "ict_services_bok": "情報通信（韓国銀行）",
    "ip_charges_bok": "知的財産権等使用料（韓国銀行）",
    "professional_business_bok": "専門・事業サービス（韓国銀行）",
    "all_services": "サービス全体",
    "digitally_deliverable": "デジタル配信可能（UNCTAD）",
    "digitally_delivered": "デジタル提供（WTO）",
}
NOTES_JA = {
    "year of the data from a TV Tokyo summary of the same charts": "データの年はテレビ東京による"
    "同じ図表の要約による",
    "IP charges are copyright-type only where the data separate them": "知的財産権等使用料は、"
    "データが区分している場合は著作権等使用料のみ",
    "the EU's IP charges cannot be split, so they are included in full": "EUの知的財産権等使用料は"
    "区分できないため全額を含む",
    "the year of the data is not stated": "データの年は明記されていない",
    "2022 is the probable year": "2022年と推定される",
    "the same author reports a German surplus when IP charges are counted in full": "同じ筆者は、"
    "知的財産権等使用料を全額含めるとドイツは黒字になるとしている",
    "differs from the same author's other chart (775), another vintage or article": "同じ筆者の"
    "別の図表（775）と異なる。時点または記事の違い",
    "the author calls it the largest deficit in the OECD": "筆者はOECD最大の赤字としている",
    "partly verified: recorded as the ICT balance, though the page's chart is on the "
    "digital-related set": "一部のみ確認：記事の図表はデジタル関連収支だが、ICT収支として記録",
    "published as the size of a deficit": "赤字の大きさとして公表",
    "the sign follows the text": "符号は本文による",
    "not Japan's definition": "日本の定義とは異なる",
    "reported by Chosun Biz": "朝鮮ビズの報道による",
    "all services, not a digital measure": "サービス全体であり、デジタルの指標ではない",
    "partly verified: the comparison as summarised by press reports (J-CAST)": "一部のみ確認："
    "報道（J-CAST）による比較の要約",
    "the report's own chart was not read": "報告書自体の図表は未確認",
    "the year of its data is not stated": "データの年は明記されていない",
    "exports, not a balance": "輸出額であり収支ではない",
    "the WTO's estimate differs from UNCTAD's in coverage": "WTOの推計はUNCTADと範囲が異なる",
}


def _note(text: str, lang: str) -> str:
    """A data note in `lang`: each of its '; '-separated parts, where it has a Japanese form."""
    if lang != "ja" or not text:
        return text
    return "。".join(NOTES_JA.get(part, part) for part in text.split("; "))


def _source(publisher: pd.Series, date: pd.Series, lang: str) -> pd.Series:
    """'Publisher (date)', in `lang`."""
    if lang != "ja":
        return publisher + " (" + date + ")"
    return pd.Series(
        [
            f"{wording.publisher(p, lang)}（{wording.period(str(d), lang)}）"
            for p, d in zip(publisher, date, strict=True)
        ],
        index=publisher.index,
    )


def _words(lang: str) -> dict:
    return WORDS[wording.checked(lang)]


def label(name: str, lang: str) -> str:
    return wording.as_label(international.economy(name), lang)


def _outlet(publisher: str, lang: str) -> str:
    """The publisher without its detail: 'JBpress', 'ビジネス+IT'."""
    if lang == "ja":
        # without its parenthesis, whole (cut at its first 、 it lost its closing bracket)
        named = wording.publisher(publisher, lang)
        return wording.READ_VIA_JA.sub("", named) or named
    return publisher.split(" (")[0]


def _year_outlet(shown: pd.DataFrame, words: dict, lang: str) -> pd.Series:
    """'2022 (year probable), JBpress': a figure's year and outlet, in `lang`."""
    year = shown["period"] + shown["period_type"].map({"CY": "", "CY-probable": words["probable"]})
    if lang != "ja":
        return year + ", " + shown["publisher"].str.split(" (", regex=False).str[0]
    outlet = [_outlet(p, lang) for p in shown["publisher"]]
    return pd.Series(
        [
            f"{wording.period(p, lang)}{y[len(p) :]}、{o}"
            for p, y, o in zip(shown["period"], year, outlet, strict=True)
        ],
        index=shown.index,
    )


def balances(found: q.Findings, lang: str = "en") -> HTML:
    """One row per economy, a dot per figure; colour says the definition (the source and
    year are in the tooltip, the description and the table: a second legend does not fit
    a phone's width)."""
    words = _words(lang)
    shown = found.frames["charted"]
    legend = LEGEND[lang]
    shown = shown.assign(
        name=[label(e, lang) for e in shown["economy"]],
        definition_shown=shown["measure"].map(legend),
        year_source=_year_outlet(shown, words, lang),
    )
    order = shown.groupby("name")["usd_bn"].max().sort_values(ascending=False).index.tolist()
    ranked = found.frames["ranked"]
    top, bottom = ranked.iloc[-1], ranked.iloc[0]
    title = words["title"].format(
        definition=legend[top["measure"]],
        year=wording.say(international.year_of(top), lang),
        source=_outlet(top["publisher"], lang),
        top=wording.say(international.economy(top["economy"]), lang),
        bottom=wording.say(international.economy(bottom["economy"]), lang),
        n=wording.say(q.Count(len(ranked), "economy"), lang),
    )
    definitions = [legend[m] for m in international.CHARTED if m in set(shown["measure"])]
    drawn = (
        alt.Chart(shown)
        .mark_point(filled=True, size=110, opacity=0.9)
        .encode(
            x=alt.X("usd_bn:Q", title=words["axis"]),
            y=alt.Y("name:N", title=None, sort=order),
            color=alt.Color(
                "definition_shown:N",
                title=None,
                scale=alt.Scale(domain=definitions, range=charts.MARK_PALETTE[: len(definitions)]),
            ),
            shape=alt.Shape(
                "definition_shown:N",
                title=None,
                scale=alt.Scale(domain=definitions, range=charts.SHAPES[: len(definitions)]),
            ),
            tooltip=[
                alt.Tooltip("name:N", title=words["economy"]),
                alt.Tooltip("definition_shown:N", title=words["definition"]),
                alt.Tooltip("usd_bn:Q", title=words["usd_bn"], format=",.2f"),
                alt.Tooltip("value_text:N", title=words["as_published"]),
                alt.Tooltip("unit:N"),
                alt.Tooltip("year_source:N", title=words["year_source"]),
            ],
        )
    )
    rule = alt.Chart(pd.DataFrame({"zero": [0]})).mark_rule(color="#767676").encode(x="zero:Q")
    layered = (rule + drawn).properties(
        height=alt.Step(30),
        title=alt.Title(title[:1].upper() + title[1:], subtitle=words["subtitle"]),
    )
    described = shown.assign(
        label=[
            words["dot"].format(name=n, definition=d, year_source=y)
            for n, d, y in zip(
                shown["name"], shown["definition_shown"], shown["year_source"], strict=True
            )
        ]
    )
    description = charts.describe_categories(
        described,
        "label",
        "usd_bn",
        words["description"].format(n=shown["economy"].nunique()),
        # the unit's code: the description says it per language (US$ billion, 億ドル)
        WORDS["en"]["usd_bn"],
        lang=lang,
    )
    return charts.figure(
        layered, "international-balances", description, table=_tidy(shown), lang=lang
    )


def _tidy(shown: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "economy": shown["economy"],
            "year": shown["period"].astype(int),
            "year_stated": shown["period_type"] == "CY",
            "measure": shown["measure"],
            "definition": shown["measure"].map(data.INTERNATIONAL_MEASURES),
            "flow": "balance",
            "value": shown["usd_bn"],
            "unit": "USD_bn",
            "value_as_published": shown["value_text"],
            "unit_as_published": shown["unit"],
            "vintage": shown["vintage"],
            "source": shown["publisher"],
            "source_id": shown["source_id"],
        }
    )


def meti_table(found: q.Findings, lang: str = "en") -> HTML:
    """METI's finding, one row per economy."""
    words = _words(lang)
    signs = found.frames["meti"]
    return prose.table(
        pd.DataFrame(
            {
                words["economy"]: [label(e, lang) for e in signs["economy"]],
                words["meti"]: signs["value"].map({1.0: words["surplus"], -1.0: words["deficit"]}),
                words["source"]: _source(signs["publisher"], signs["source_date"], lang),
                words["note"]: [_note(n, lang) for n in signs["note"].fillna("")],
            }
        )
    )


def definitions_table(found: q.Findings, lang: str = "en") -> HTML:
    """Each definition charted, in full."""
    words = _words(lang)
    used = [m for m in data.INTERNATIONAL_MEASURES if m in set(found.frames["charted"]["measure"])]
    return prose.table(
        pd.DataFrame(
            {
                words["definition"]: [LEGEND[lang][m] for m in used],
                words["what"]: [
                    MEASURES_JA[m] if lang == "ja" else data.INTERNATIONAL_MEASURES[m] for m in used
                ],
            }
        )
    )


def figures_table(found: q.Findings, lang: str = "en") -> HTML:
    """Every figure charted as published, with its definition and source."""
    words = _words(lang)
    rows = found.frames["charted"]
    return prose.table(
        pd.DataFrame(
            {
                words["economy"]: [label(e, lang) for e in rows["economy"]],
                words["year"]: rows["period"]
                + rows["period_type"].map({"CY": "", "CY-probable": words["probable"]}),
                words["definition"]: rows["measure"].map(LEGEND[lang]),
                words["as_published"]: [
                    international.as_published(value, unit)
                    for value, unit in zip(rows["value_text"], rows["unit"], strict=True)
                ],
                words["source"]: _source(rows["publisher"], rows["source_date"], lang),
                words["note"]: [_note(n, lang) for n in rows["note"].fillna("")],
            }
        )
    )


def exports_table(found: q.Findings, lang: str = "en") -> HTML:
    """Exports of digitally deliverable and delivered services, as published."""
    words = _words(lang)
    rows = found.frames["shipped"]
    return prose.table(
        pd.DataFrame(
            {
                words["economy"]: [label(e, lang) for e in rows["economy"]],
                words["year"]: rows["period"],
                # in full in the prose above the table: a phone has room for the name only
                words["definition"]: rows["measure"].map(
                    TERSE_JA if lang == "ja" else international.TERSE
                ),
                words["exports"]: [
                    international.as_published(value, unit)
                    for value, unit in zip(rows["value_text"], rows["unit"], strict=True)
                ],
                words["source"]: _source(rows["publisher"], rows["source_date"], lang),
            }
        )
    )


def sources(found: q.Findings, lang: str = "en") -> HTML:
    """The page's sources footer."""
    return prose.sources_footer(found.frames["sources"], found.frames["cited"], lang=lang)
