"""Japan beside other economies: the chart of published balances (a colour per definition)
and the tables of METI's finding, the definitions, the figures and the export measures."""

from __future__ import annotations

import altair as alt
import pandas as pd
from IPython.display import HTML

from digideficit.analysis import charts, international, prose
from digideficit.analysis import quantities as q
from digideficit.site import wording
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
}


def _words(lang: str) -> dict:
    return WORDS[wording.checked(lang)]


def label(name: str, lang: str) -> str:
    return wording.as_label(international.economy(name), lang)


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
        year_source=shown["period"]
        + shown["period_type"].map({"CY": "", "CY-probable": words["probable"]})
        + ", "
        + shown["publisher"].str.split(" (", regex=False).str[0],
    )
    order = shown.groupby("name")["usd_bn"].max().sort_values(ascending=False).index.tolist()
    ranked = found.frames["ranked"]
    top, bottom = ranked.iloc[-1], ranked.iloc[0]
    title = words["title"].format(
        definition=legend[top["measure"]],
        year=wording.say(international.year_of(top), lang),
        source=top["publisher"].split(" (")[0],
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
        label=shown["name"] + " — " + shown["definition_shown"] + ", " + shown["year_source"]
    )
    description = charts.describe_categories(
        described,
        "label",
        "usd_bn",
        words["description"].format(n=shown["economy"].nunique()),
        words["usd_bn"],
    )
    return charts.figure(layered, "international-balances", description, table=_tidy(shown))


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
                words["source"]: signs["publisher"] + " (" + signs["source_date"] + ")",
                words["note"]: signs["note"].fillna(""),
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
                words["what"]: [data.INTERNATIONAL_MEASURES[m] for m in used],
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
                words["source"]: rows["publisher"] + " (" + rows["source_date"] + ")",
                words["note"]: rows["note"].fillna(""),
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
                words["definition"]: rows["measure"].map(international.TERSE),
                words["exports"]: [
                    international.as_published(value, unit)
                    for value, unit in zip(rows["value_text"], rows["unit"], strict=True)
                ],
                words["source"]: rows["publisher"] + " (" + rows["source_date"] + ")",
            }
        )
    )


def sources(found: q.Findings, lang: str = "en") -> HTML:
    """The page's sources footer."""
    return prose.sources_footer(found.frames["sources"], found.frames["cited"], lang=lang)
