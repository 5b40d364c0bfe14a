"""The front page's chart, its citation and its sources."""

from __future__ import annotations

from decimal import Decimal

import altair as alt
import pandas as pd
from IPython.display import HTML, Markdown

from digideficit.analysis import charts, citation, edition, prose, wording
from digideficit.analysis import quantities as q
from digideficit.analysis.quantities import Findings
from digideficit.validated import data

# legend labels short enough for a phone: the subtitle says what each basis adds up
BASIS_LEGEND = {
    "3-item-computer": {"en": "3 items, computer only", "ja": "3項目（コンピュータのみ）"},
    "5-item": {"en": "5 items", "ja": "5項目"},
}
WORDS = {
    "en": {
        "title": "Japan's digital deficit was {total} in {year}, {multiple} its {first} level",
        "subtitle": "Deficit over the twelve months to each month (lines); dots mark calendar "
        "years, the total to December. ¥ trillion",
        "axis": "deficit, ¥ trillion",
        "basis": "basis",
        "month": "twelve months to",
        "what": "Line chart of the digital deficit over the last twelve months, by basis",
        # the chart's description: what it is (said once in Japanese), then each basis
        "described lead": "",
        "described": "{what}: {name}",
        "unit": "¥ trillion",
        "annual": "calendar year",
        "rolling": "twelve months to",
        "source": "Source: Bank of Japan, monthly balance of payments (BPM6), file of {date}; "
        "sums derived by this report",
    },
    "ja": {
        "title": "{year}のデジタル赤字は{total}、{first}の{multiple}",
        "subtitle": "各月までの12か月累計の赤字（線）。点は暦年（12月までの累計）。単位：兆円",
        "axis": "赤字（兆円）",
        "basis": "集計範囲",
        "month": "12か月累計の最終月",
        "what": "デジタル赤字の12か月累計の推移（集計範囲別）の折れ線グラフ",
        "described lead": "{what}。",
        "described": "{name}",
        "unit": "兆円",
        "annual": "暦年",
        "rolling": "12か月累計",
        "source": "出所：日本銀行「国際収支統計」（BPM6、月次）{date}公表ファイル。"
        "合計は本報告が算出",
    },
}


def in_100m(value_text: str) -> float:
    """¥ trillion as written → ¥100 million, the unit of the Bank of Japan's files."""
    return float(Decimal(value_text) * 10_000)


def tidy(found: Findings) -> pd.DataFrame:
    """What the headline chart shows, one row per figure, as its download holds it."""
    annual, rolling = found.frames["annual"], found.frames["rolling"]
    source = "Bank of Japan, Balance of Payments (BPM6), monthly; derived"
    return pd.concat(
        [
            pd.DataFrame(
                {
                    "period": annual["period"],
                    "period_type": "calendar year",
                    "basis": annual["basis"],
                    "value": annual["value_text"].map(in_100m),
                }
            ).assign(vintage=annual["vintage"].to_numpy()),
            pd.DataFrame(
                {
                    "period": rolling["period"],
                    "period_type": "twelve months to",
                    "basis": rolling["basis"],
                    "value": rolling["rolling_12_text"].map(in_100m),
                }
            ).assign(vintage=rolling["vintage"].to_numpy()),
        ],
        ignore_index=True,
    ).assign(item="digital_total", flow="balance", unit="JPY_100m", source=source)


def headline(found: Findings, lang: str = "en") -> HTML:
    """Annual totals on both bases with the monthly running total behind them."""
    words = WORDS[wording.checked(lang)]
    say = {key: wording.say(value, lang) for key, value in found.values.items()}
    rolling = found.frames["rolling"].assign(
        month=lambda f: pd.to_datetime(f["period"]),
        deficit=lambda f: -f["rolling_12"],
        shown=lambda f: f["basis"].map(lambda b: BASIS_LEGEND[b][lang]),
    )
    annual = found.frames["annual"].assign(
        month=lambda f: pd.to_datetime(f["period"] + "-12"),
        deficit=lambda f: -f["value"],
        shown=lambda f: f["basis"].map(lambda b: BASIS_LEGEND[b][lang]),
        year=lambda f: f["period"],
    )
    colour = alt.Color(
        "shown:N",
        title=None,
        scale=alt.Scale(
            domain=[BASIS_LEGEND[b][lang] for b in BASIS_LEGEND],
            range=charts.MARK_PALETTE[:2],
        ),
        legend=alt.Legend(columns=1),
    )
    # a year's label sits under its dot: the total to December
    decembers = [f"{year}-12-01" for year in annual["period"].unique()]
    x = alt.X("month:T", title=None, axis=alt.Axis(format="%Y", values=decembers))
    y = alt.Y("deficit:Q", title=words["axis"])
    lines = (
        alt.Chart(rolling)
        .mark_line(strokeWidth=2)
        .encode(
            x=x,
            y=y,
            color=colour,
            tooltip=[
                alt.Tooltip("period:N", title=words["month"]),
                alt.Tooltip("shown:N", title=words["basis"]),
                alt.Tooltip("deficit:Q", title=words["unit"], format=".2f"),
            ],
        )
    )
    dots = (
        alt.Chart(annual)
        .mark_point(filled=True, size=60)
        .encode(
            x=x,
            y=y,
            color=colour,
            tooltip=[
                alt.Tooltip("year:N", title=words["annual"]),
                alt.Tooltip("shown:N", title=words["basis"]),
                alt.Tooltip("deficit:Q", title=words["unit"], format=".2f"),
            ],
        )
    )
    title = words["title"].format(
        total=say["su_total_amount"],
        year=say["su_year"],
        multiple=say["su_multiple"],
        first=say["su_first_year"],
    )
    date = say["su_data_as_of"]
    chart = (lines + dots).properties(
        title=alt.Title(title, subtitle=[words["subtitle"], words["source"].format(date=date)])
    )
    described = words["described lead"].format(what=words["what"]) + charts.sentences(
        [
            charts.describe_series(
                part,
                "period",
                "deficit",
                words["described"].format(what=words["what"], name=name),
                "¥ trillion",
                lang=lang,
            )
            for name, part in rolling.groupby("shown", sort=True)
        ],
        lang,
    )
    return charts.figure(chart, "summary-headline", described, table=tidy(found), lang=lang)


def cite(found: Findings, lang: str = "en") -> Markdown:
    """How to cite the report: its data, its basis."""
    basis = found.parameters["basis"]
    if wording.checked(lang) == "ja":
        named = edition.edition(data.load())
        data_to = (
            f"（日本銀行データは{edition.month_name(named.latest_month, 'ja')}分まで）"
            if named.latest_month
            else ""
        )
        return Markdown(
            f"{citation.AUTHORS['ja']}『{citation.TITLES['ja']}』{edition.japanese_date(named.date)}版"
            f"{data_to}。デジタル収支は{wording.say(q.Basis(basis), 'ja')}の基準による。"
        )
    return Markdown(edition.cite(data.load(), basis))


def sources(found: Findings, lang: str = "en") -> HTML:
    """The sources the page's figures come from."""
    tables = data.load()
    official_files = tables.boj_monthly[["source_id"]].drop_duplicates()
    return prose.sources_footer(tables.sources, official_files, found.frames["context"], lang=lang)
