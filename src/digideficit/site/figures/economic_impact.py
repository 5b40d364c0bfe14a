"""Economic impact's charts and tables, drawn from its findings in the page's language."""

from __future__ import annotations

from decimal import Decimal

import altair as alt
import pandas as pd

from digideficit.analysis import charts, impact, official, prose, wording
from digideficit.analysis import quantities as q
from digideficit.analysis.quantities import Findings
from digideficit.analysis.series import runs

# short names of the lines, for legends at a phone's width (≤ 28 characters)
LINES = {
    impact.DIGITAL: {"en": "digital balance", "ja": "デジタル収支"},
    "travel_balance": {"en": "travel", "ja": "旅行収支"},
    "trade_balance": {"en": "goods", "ja": "貿易収支"},
    "services_balance": {"en": "services (all)", "ja": "サービス収支（全体）"},
    "primary_income_balance": {"en": "primary income", "ja": "第一次所得収支"},
    "current_account_balance": {"en": "current account", "ja": "経常収支"},
    impact.CRUDE: {"en": "crude-oil imports (paid)", "ja": "原油輸入額（支払）"},
    impact.GDP: {"en": "nominal GDP", "ja": "名目GDP"},
}
COLOURS = {
    impact.DIGITAL: "#D55E00",
    "travel_balance": "#009E73",
    "trade_balance": "#0072B2",
    "services_balance": "#56B4E9",
    "primary_income_balance": "#CC79A7",
    "current_account_balance": "#E69F00",
    impact.CRUDE: "#999999",
}
# the lines of the chart of shares of GDP
GDP_LINES = (impact.DIGITAL, "travel_balance", "primary_income_balance", "current_account_balance")

WORDS = {
    "en": {
        "calendar year": "calendar year",
        "fiscal year": "fiscal year",
        "fiscal label": "'FY' + datum.label",
        "JPY": "¥ trillion",
        "USD": "US$ billion",
        "signed": "{unit}; + money in, − money out",
        "percent of GDP": "% of nominal GDP; + surplus, − deficit",
        "line": "line",
        "value": "value",
        "share": "share of GDP, %",
        "over-time title": "By {last} the digital deficit was {multiple} its {first} size, "
        "yet the primary-income surplus stayed at least {min_multiple} as large",
        "over-time title, plain": "By {last} the digital deficit was {multiple} its {first} size",
        "over-time subtitle": "Calendar years {span}, {unit}; crude-oil imports drawn as money "
        "out; digital balance: {basis}; a line joins consecutive years only",
        "year title": "In {year} the digital deficit was {share} of the primary-income surplus",
        "year title, plain": "In {year}: the digital balance beside the other lines",
        "year subtitle": "Calendar year {year}, {unit}; crude-oil imports drawn as money out; "
        "digital balance: {basis}",
        "gdp title": "From {first} to {last} the digital deficit was between {low} and {high} "
        "of nominal GDP",
        "gdp subtitle": "Fiscal years (April–March), each balance over the same fiscal year's "
        "nominal GDP; digital balance: {basis}",
        "sources": "Sources: {sources}",
        "rates": "US dollars at each period's average of the Bank of Japan's monthly dollar–yen "
        "averages (FXERM07)",
        "year column": "year",
        "fiscal column": "fiscal year",
        "rate column": "¥ per US$ (average)",
        "gdp column": "nominal GDP",
        "share column": "{line}, % of GDP",
        "unit JPY": "¥100 million",
        "unit USD": "US$ billion",
        "over-time description": "Line chart of Japan's balance-of-payments lines and crude-oil "
        "imports by calendar year",
        "year description": "Bar chart of Japan's balance-of-payments lines and crude-oil "
        "imports in {year}",
        "gdp description": "Line chart of balances as a share of nominal GDP by fiscal year",
        # a chart's description: what the chart is, then its lines
        "then": "{lead}. {rest}",
    },
    "ja": {
        "calendar year": "暦年",
        "fiscal year": "年度",
        "fiscal label": "datum.label + '年度'",
        "JPY": "兆円",
        "USD": "10億ドル",
        "signed": "{unit}（＋は受取超、－は支払超）",
        "percent of GDP": "名目GDP比、%（＋は黒字、－は赤字）",
        "line": "項目",
        "value": "値",
        "share": "GDP比、%",
        "over-time title": "デジタル赤字は{last}に{first}の{multiple}となったが、"
        "第一次所得収支の黒字は常にその{min_multiple}以上",
        "over-time title, plain": "デジタル赤字は{last}に{first}の{multiple}",
        "over-time subtitle": "暦年{span}、{unit}。原油輸入額は支払として表示。デジタル収支："
        "{basis}。線は連続する年のみを結ぶ",
        "year title": "{year}のデジタル赤字は第一次所得収支の黒字の{share}",
        "year title, plain": "{year}：デジタル収支とその他の項目",
        "year subtitle": "{year}、{unit}。原油輸入額は支払として表示。デジタル収支：{basis}",
        "gdp title": "{first}～{last}のデジタル赤字は名目GDPの{low}～{high}",
        "gdp subtitle": "年度（4～3月）。各収支を同じ年度の名目GDPで割った比率。"
        "デジタル収支：{basis}",
        "sources": "出所：{sources}",
        "rates": "米ドル換算は日本銀行のドル・円月中平均（FXERM07）の期間平均による",
        "year column": "年",
        "fiscal column": "年度",
        "rate column": "円／ドル（平均）",
        "gdp column": "名目GDP",
        "share column": "{line}（GDP比、%）",
        "unit JPY": "億円",
        "unit USD": "10億ドル",
        "over-time description": "暦年ごとの国際収支の各項目と原油輸入額の折れ線グラフ",
        "year description": "{year}の国際収支の各項目と原油輸入額の棒グラフ",
        "gdp description": "年度ごとの各収支の名目GDP比の折れ線グラフ",
        "then": "{lead}。{rest}",
    },
}


def emphasised_lines(drawn: pd.DataFrame, x, y, colour, tooltip) -> tuple:
    """Lines broken at missing years (`run`), the emphasised line drawn thicker
    (`emphasis`), a point per figure, and the zero line."""
    base = alt.Chart(drawn).encode(x=x, y=y, color=colour, tooltip=tooltip)
    lines = base.mark_line().encode(
        detail="run:N",
        strokeWidth=alt.StrokeWidth(
            "emphasis:N", legend=None, scale=alt.Scale(domain=[True, False], range=[3.5, 1.8])
        ),
    )
    points = base.mark_point(filled=True, size=40)
    zero = alt.Chart(pd.DataFrame({"zero": [0]})).mark_rule(color="#767676").encode(y="zero:Q")
    return lines, points, zero


def words(lang: str, key: str, **slots) -> str:
    return WORDS[wording.checked(lang)][key].format(**slots)


def said(found: Findings, key: str, lang: str) -> str:
    return wording.say(found.values[key], lang)


def currency(found: Findings) -> str:
    return str(found.frames["parameters"].iloc[0]["currency"])


def source_of(row: pd.Series, lang: str) -> str:
    """A figure's source in words: the BOJ file it is summed from, or its publisher."""
    if row["source_id"] == "derived":
        return wording.say(q.Source(row["vintage"]), lang)
    return wording.cited(
        row["publisher"], wording.say(q.Period(str(row["source_date"])), lang), lang
    )


def gdp_of(row: pd.Series) -> pd.Series:
    """The GDP figure a share of GDP divides by, as a row of its own."""
    return pd.Series(
        {
            "source_id": row["gdp_source_id"],
            "vintage": row["gdp_vintage"],
            "publisher": row["gdp_publisher"],
            "source_date": row["gdp_source_date"],
        }
    )


def sources_line(frame: pd.DataFrame, found: Findings, lang: str) -> str:
    names = list(dict.fromkeys(source_of(row, lang) for _, row in frame.iterrows()))
    if currency(found) == "USD":
        names.append(words(lang, "rates"))
    return words(lang, "sources", sources=wording.SOURCE_SEPARATOR[lang].join(names))


def signed(frame: pd.DataFrame) -> pd.Series:
    """Amounts as money in (+) or out (−): a payment is drawn below zero."""
    return frame["amount"].where(frame["flow"] != "payments", -frame["amount"])


def tidy(frame: pd.DataFrame, found: Findings, lang: str, column: str = "year") -> pd.DataFrame:
    """The chart's download: one row per figure, in ¥100 million (exact) or US$ billion."""
    in_yen = currency(found) == "JPY"
    table = pd.DataFrame(
        {
            column: frame["year"].astype(int),
            "item": frame["item"],
            "flow": frame["flow"],
            "basis": frame["basis"].fillna(""),
            "value": [
                float(Decimal(t).scaleb(4)) if in_yen else round(a, 6)
                for t, a in zip(frame["value_text"], frame["amount"], strict=True)
            ],
            "unit": "JPY_100m" if in_yen else "USD_bn",
            "vintage": frame["vintage"],
            "source": [source_of(row, lang) for _, row in frame.iterrows()],
        }
    )
    if not in_yen:
        table["usd_jpy_rate"] = frame["rate"].round(4).to_numpy()
    return table.reset_index(drop=True)


def over_time(found: Findings, lang: str = "en"):
    """Every calendar year: the digital balance beside the other lines and crude oil."""
    frame = found.frames["calendar"]
    frame = frame[frame["item"].isin(list(COLOURS)) & frame["amount"].notna()]
    unit = words(lang, currency(found))
    drawn = frame.assign(
        line=frame["item"].map(lambda item: LINES[item][lang]),
        plotted=signed(frame),
        run=frame.groupby("item")["year"].transform(runs).astype(str),
        emphasis=frame["item"] == impact.DIGITAL,
    )
    order = [LINES[item][lang] for item in COLOURS]
    colour = alt.Color(
        "line:N",
        title=None,
        sort=order,
        scale=alt.Scale(domain=order, range=list(COLOURS.values())),
    )
    x = alt.X(
        "year:Q", title=words(lang, "calendar year"), axis=alt.Axis(format="d", tickMinStep=1)
    )
    y = alt.Y("plotted:Q", title=words(lang, "signed", unit=unit))
    tooltip = [
        alt.Tooltip("line:N", title=words(lang, "line")),
        alt.Tooltip("year:Q", format="d", title=words(lang, "calendar year")),
        alt.Tooltip("plotted:Q", title=unit, format=",.2f"),
    ]
    lines, points, zero = emphasised_lines(drawn, x, y, colour, tooltip)
    minimum = found.values["ei_primary_multiple_min"]
    slots = {
        "first": said(found, "ei_first", lang),
        "last": said(found, "ei_last", lang),
        "multiple": said(found, "ei_digital_multiple", lang),
        "min_multiple": said(found, "ei_primary_multiple_min", lang),
    }
    title = words(
        lang, "over-time title" if minimum.value >= 2 else "over-time title, plain", **slots
    )
    subtitle = [
        words(
            lang,
            "over-time subtitle",
            span=said(found, "ei_span", lang),
            unit=unit,
            basis=said(found, "ei_basis", lang),
        ),
        sources_line(frame, found, lang),
    ]
    chart = (zero + lines + points).properties(title=alt.Title(title, subtitle=subtitle))
    description = charts.sentences(
        [
            charts.describe_series(
                drawn[drawn["item"] == item],
                "year",
                "plotted",
                LINES[item][lang],
                WORDS["en"][currency(found)],
                lang=lang,
            )
            for item in COLOURS
        ],
        lang,
    )
    return charts.figure(
        chart,
        "impact-over-time",
        words(lang, "then", lead=words(lang, "over-time description"), rest=description),
        table=tidy(frame, found, lang),
        lang=lang,
    )


def table_of(
    frame: pd.DataFrame, found: Findings, lang: str, column: str, items=None
) -> pd.DataFrame:
    """Amounts, one row per year and one column per line: exact ¥100 million (億円) with
    thousands separators, or US$ billion to one decimal."""
    in_yen = currency(found) == "JPY"
    cells = frame.assign(
        cell=[
            official.in_100m(t) if in_yen else f"{a:,.1f}"
            for t, a in zip(frame["value_text"], frame["amount"], strict=True)
        ]
    )
    table = cells.pivot(index="year", columns="item", values="cell")
    table.columns.name = None
    items = [item for item in (items or LINES) if item in table.columns]
    table = table[items].rename(columns=lambda item: LINES[item][lang])
    if not in_yen:
        rates = frame.drop_duplicates("year").set_index("year")["rate"]
        table[words(lang, "rate column")] = rates.map(lambda r: f"{r:.2f}")
    table.index = [
        str(y) if column == "year column" else wording.say(q.Period(f"FY{y}"), lang)
        for y in table.index
    ]
    return table.rename_axis(words(lang, column)).reset_index()


def calendar_table(found: Findings, lang: str = "en"):
    """Every calendar year, every line."""
    return prose.table(table_of(found.frames["calendar"], found, lang, "year column"))


def year_bars(found: Findings, lang: str = "en"):
    """The chosen calendar year: each line as a bar, money in right, money out left."""
    year = found.values["ei_year"].code
    frame = found.frames["calendar"]
    frame = frame[(frame["period"] == year) & frame["item"].isin(list(COLOURS))]
    unit = words(lang, currency(found))
    drawn = frame.assign(
        line=frame["item"].map(lambda item: LINES[item][lang]),
        plotted=signed(frame),
    )
    order = drawn["line"].tolist()
    bars = (
        alt.Chart(drawn)
        .mark_bar()
        .encode(
            y=alt.Y("line:N", title=None, sort=order, axis=alt.Axis(labelLimit=200)),
            x=alt.X("plotted:Q", title=words(lang, "signed", unit=unit)),
            color=alt.Color(
                "line:N",
                legend=None,
                scale=alt.Scale(domain=order, range=[COLOURS[i] for i in drawn["item"]]),
            ),
            tooltip=[
                alt.Tooltip("line:N", title=words(lang, "line")),
                alt.Tooltip("plotted:Q", title=unit, format=",.2f"),
            ],
        )
    )
    zero = alt.Chart(pd.DataFrame({"zero": [0]})).mark_rule(color="#767676").encode(x="zero:Q")
    primary = found.values["ei_vs_primary"]
    title = (
        words(
            lang,
            "year title",
            year=said(found, "ei_year", lang),
            share=wording.say(primary.values["share"], lang),
        )
        if primary.key == "share-of-surplus"
        else words(lang, "year title, plain", year=said(found, "ei_year", lang))
    )
    subtitle = [
        words(
            lang,
            "year subtitle",
            year=said(found, "ei_year", lang),
            unit=unit,
            basis=said(found, "ei_basis", lang),
        ),
        sources_line(frame, found, lang),
    ]
    chart = (bars + zero).properties(height=240, title=alt.Title(title, subtitle=subtitle))
    return charts.figure(
        chart,
        "impact-year",
        charts.describe_categories(
            drawn,
            "line",
            "plotted",
            words(lang, "year description", year=said(found, "ei_year", lang)),
            WORDS["en"][currency(found)],
            lang=lang,
        ),
        table=tidy(frame, found, lang),
        lang=lang,
    )


def gdp_shares(found: Findings, lang: str = "en"):
    """Every fiscal year: the balances as a share of the same fiscal year's nominal GDP."""
    shares = found.frames["shares"]
    shares = shares[shares["item"].isin(GDP_LINES)]
    drawn = shares.assign(
        line=shares["item"].map(lambda item: LINES[item][lang]),
        percent=shares["share"] * 100,
        run=shares.groupby("item")["year"].transform(runs).astype(str),
        emphasis=shares["item"] == impact.DIGITAL,
    )
    order = [LINES[item][lang] for item in GDP_LINES]
    colour = alt.Color(
        "line:N",
        title=None,
        sort=order,
        scale=alt.Scale(domain=order, range=[COLOURS[item] for item in GDP_LINES]),
    )
    x = alt.X(
        "year:Q",
        title=words(lang, "fiscal year"),
        axis=alt.Axis(format="d", tickMinStep=1, labelExpr=words(lang, "fiscal label")),
    )
    y = alt.Y("percent:Q", title=words(lang, "percent of GDP"))
    tooltip = [
        alt.Tooltip("line:N", title=words(lang, "line")),
        alt.Tooltip("year:Q", format="d", title=words(lang, "fiscal year")),
        alt.Tooltip("percent:Q", title=words(lang, "share"), format=".2f"),
    ]
    lines, points, zero = emphasised_lines(drawn, x, y, colour, tooltip)
    span = found.values["ei_gdp_span"]
    title = words(
        lang,
        "gdp title",
        first=wording.say(q.Period(span.first), lang),
        last=wording.say(q.Period(span.last), lang),
        low=said(found, "ei_gdp_share_low", lang),
        high=said(found, "ei_gdp_share_high", lang),
    )
    gdp_rows = found.frames["fiscal"]
    gdp_rows = gdp_rows[gdp_rows["item"].isin([*GDP_LINES, impact.GDP])]
    subtitle = [
        words(lang, "gdp subtitle", basis=said(found, "ei_basis", lang)),
        words(
            lang,
            "sources",
            sources=wording.SOURCE_SEPARATOR[lang].join(
                dict.fromkeys(source_of(r, lang) for _, r in gdp_rows.iterrows())
            ),
        ),
    ]
    chart = (zero + lines + points).properties(title=alt.Title(title, subtitle=subtitle))
    description = charts.sentences(
        [
            charts.describe_series(
                drawn[drawn["item"] == item],
                "year",
                "percent",
                LINES[item][lang],
                "%",
                lang=lang,
                fiscal=True,
            )
            for item in GDP_LINES
        ],
        lang,
    )
    download = pd.DataFrame(
        {
            "fiscal_year": drawn["year"].astype(int),
            "item": drawn["item"],
            "flow": "balance, share of nominal GDP",
            "basis": drawn["basis"].fillna(""),
            "value": drawn["percent"].round(6),
            "unit": "percent",
            "vintage": drawn["vintage"],
            "source": [
                f"{source_of(r, lang)}; {source_of(gdp_of(r), lang)}" for _, r in drawn.iterrows()
            ],
        }
    ).reset_index(drop=True)
    return charts.figure(
        chart,
        "impact-gdp-share",
        words(lang, "then", lead=words(lang, "gdp description"), rest=description),
        table=download,
        lang=lang,
    )


def fiscal_table(found: Findings, lang: str = "en"):
    """Every fiscal year: the balances, nominal GDP and each balance's share of it."""
    fiscal = found.frames["fiscal"]
    # the other balances' fiscal-year amounts are in the calendar table's terms: here, shares
    table = table_of(fiscal, found, lang, "fiscal column", (impact.DIGITAL, impact.GDP))
    shares = found.frames["shares"]
    wide = shares.pivot(index="year", columns="item", values="share")
    for item in [i for i in LINES if i in wide.columns]:
        label = words(lang, "share column", line=LINES[item][lang])
        table[label] = [
            "" if pd.isna(v) else f"{v * 100:.2f}"
            for v in wide[item].reindex(fiscal["year"].drop_duplicates()).to_numpy()
        ]
    return prose.table(table)


def sources(found: Findings, lang: str = "en"):
    """The page's sources footer."""
    cited = found.frames["sources"]
    return prose.sources_footer(cited, cited.rename(columns={"id": "source_id"}), lang=lang)
