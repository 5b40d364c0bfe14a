"""Japan beside other economies: each economy's figure on the definition its source used,
and METI's finding stated without figures (a sign per economy).

Figures on different definitions are never added up or ranked as one series: the chart
gives each definition its own colour and the prose compares economies within one
definition only.
"""

from __future__ import annotations

from decimal import Decimal

import altair as alt
import pandas as pd

from digideficit.analysis import charts
from digideficit.analysis.series import with_sources
from digideficit.validated import data

# legend words for each definition: short, and saying whose definition it is
SHORT = {
    "digital_related": "digital-related: 3 BOP items (BOJ set)",
    "ict_services": "ICT services only (EBOPS SI)",
    "knowledge_services": "Korea: knowledge services (BOK)",
    "ict_services_bok": "Korea: information and communication (BOK)",
    "ip_charges_bok": "Korea: IP charges (BOK)",
    "professional_business_bok": "Korea: professional and business (BOK)",
    "all_services": "all services (not digital)",
}
# the fewest words that still tell the definitions apart, for text alternatives
TERSE = {
    "digital_related": "digital-related",
    "ict_services": "ICT services",
    "knowledge_services": "knowledge services (BOK)",
    "ict_services_bok": "information and communication (BOK)",
    "ip_charges_bok": "IP charges (BOK)",
    "professional_business_bok": "professional and business (BOK)",
    "all_services": "all services",
    "digitally_deliverable": "digitally deliverable (UNCTAD)",
    "digitally_delivered": "digitally delivered (WTO)",
}
# units as a table cell can hold them
UNIT_WORDS = {"USD_100m": "億ドル (US$100m)", "USD_bn": "US$ bn", "USD_tn": "US$ tn", "sign": ""}
# measures charted: the digital and ICT definitions; all services is context, the METI
# finding has no figures
CHARTED = [m for m in SHORT if m != "all_services"]
# 億ドル (US$100 million) to US$ billion is a change of scale within one currency, exact in
# decimal: no exchange rate is involved
TO_USD_BN = {"USD_100m": Decimal("0.1"), "USD_bn": Decimal(1), "USD_tn": Decimal(1000)}


def figures(tables: data.Tables, measure: str = "all") -> pd.DataFrame:
    """Figures (not signs) with their sources, a US$ billion value for the chart, and labels;
    `measure` keeps one definition, or 'all'."""
    rows = tables.international[tables.international["flow"] == "balance"]
    if measure != "all":
        rows = rows[rows["measure"] == measure]
    rows = with_sources(rows, tables.sources).reset_index(drop=True)
    usd_bn = [
        float(Decimal(text) * TO_USD_BN[unit])
        for text, unit in zip(rows["value_text"], rows["unit"], strict=True)
    ]
    year = rows["period"] + rows["period_type"].map({"CY": "", "CY-probable": " (year probable)"})
    # the publisher without its bracketed detail: 'JBpress', 'Wedge ONLINE'
    outlet = rows["publisher"].str.split(" (", regex=False).str[0]
    return rows.assign(
        usd_bn=usd_bn,
        definition=rows["measure"].map(SHORT),
        year_shown=year,
        figure_source=year + ", " + outlet,
    )


def exports(tables: data.Tables) -> pd.DataFrame:
    """Gross exports of digitally deliverable or delivered services, with their sources:
    not balances, so they stay out of the balance chart."""
    rows = tables.international[tables.international["flow"] == "exports"]
    return with_sources(rows, tables.sources).reset_index(drop=True)


def exports_phrase(row: pd.Series) -> str:
    """'US$257 billion in 2023 (Business Today, reporting WTO data)' — as published."""
    amount = {"USD_bn": "billion", "USD_tn": "trillion"}[row["unit"]]
    return f"US${row['value_text']} {amount} in {row['period']} ({row['publisher']})"


def exports_table(rows: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "economy": rows["economy"],
            "year": rows["period"],
            # in full in the prose above the table: a phone has room for the name only
            "definition": rows["measure"].map(TERSE),
            "exports as published": rows["value_text"] + " " + rows["unit"].map(UNIT_WORDS),
            "source": rows["publisher"] + " (" + rows["source_date"] + ")",
        }
    )


def meti_finding(tables: data.Tables) -> dict[str, list[str]]:
    """METI's finding as data: economies it puts in surplus and in deficit."""
    signs = tables.international[tables.international["flow"] == "sign"]
    return {
        "surplus": signs.loc[signs["value"] > 0, "economy"].tolist(),
        "deficit": signs.loc[signs["value"] < 0, "economy"].tolist(),
    }


def listed(names: list[str]) -> str:
    """['a', 'b', 'c'] → 'a, b and c'."""
    if len(names) <= 1:
        return "".join(names) or "none"
    return ", ".join(names[:-1]) + " and " + names[-1]


def usd_phrase(row: pd.Series) -> str:
    """'a deficit of US$36.4 billion in about 2022 (published as -364億ドル; Wedge ONLINE …)'."""
    kind = "deficit" if row["usd_bn"] < 0 else "surplus"
    year = ("in about " if row["period_type"] == "CY-probable" else "in ") + row["period"]
    published = f"published as {row['value_text']}億ドル; " if row["unit"] == "USD_100m" else ""
    return f"a {kind} of US${abs(row['usd_bn']):g} billion {year} ({published}{row['publisher']})"


def chart(rows: pd.DataFrame, name: str):
    """One line per economy, a dot per figure; colour says the definition (the source and
    year are in the tooltip, the description and the table: a second legend does not fit
    a phone's width)."""
    shown = rows[rows["measure"].isin(CHARTED)]
    order = shown.groupby("economy")["usd_bn"].max().sort_values(ascending=False).index.tolist()
    top = shown.loc[shown["usd_bn"].idxmax()]
    bottom = shown.loc[shown["usd_bn"].idxmin()]
    title = (
        f"{top['economy']} runs the largest surplus charted and {bottom['economy']} "
        "the largest deficit"
    )
    definitions = [SHORT[m] for m in CHARTED if m in set(shown["measure"])]
    drawn = (
        alt.Chart(shown)
        .mark_point(filled=True, size=110, opacity=0.9)
        .encode(
            x=alt.X("usd_bn:Q", title="balance, US$ billion (deficit below zero)"),
            y=alt.Y("economy:N", title=None, sort=order),
            color=alt.Color(
                "definition:N",
                title="definition",
                scale=alt.Scale(domain=definitions, range=charts.PALETTE[: len(definitions)]),
            ),
            tooltip=[
                alt.Tooltip("economy:N"),
                alt.Tooltip("definition:N"),
                alt.Tooltip("usd_bn:Q", title="US$ billion", format=",.2f"),
                alt.Tooltip("value_text:N", title="as published"),
                alt.Tooltip("unit:N"),
                alt.Tooltip("figure_source:N", title="year and source"),
            ],
        )
    )
    rule = alt.Chart(pd.DataFrame({"zero": [0]})).mark_rule(color="#767676").encode(x="zero:Q")
    layered = (rule + drawn).properties(
        height=alt.Step(30),
        title=alt.Title(
            title,
            subtitle=[
                "Each definition has its own colour: figures on different definitions "
                "are not comparable with one another",
                "Figures published in hundreds of millions of dollars are shown in US$ billion; "
                "no currency is converted",
            ],
        ),
    )
    labelled = shown.assign(
        label=shown["economy"] + " — " + shown["definition"] + ", " + shown["figure_source"]
    )
    description = charts.describe_categories(
        labelled,
        "label",
        "usd_bn",
        f"Dot chart of digital and ICT services balances of {shown['economy'].nunique()} "
        "economies, each on its source's definition, in US$ billion (negative: deficit)",
        "US$ billion",
    )
    return charts.figure(layered, name, description)


def table(rows: pd.DataFrame) -> pd.DataFrame:
    """Every figure as published, with its definition and source."""
    return pd.DataFrame(
        {
            "economy": rows["economy"],
            "year": rows["year_shown"],
            "definition": rows["measure"].map(SHORT),
            "as published": rows["value_text"] + " " + rows["unit"].map(UNIT_WORDS),
            "source": rows["figure_source"].str.split(", ").str[-1]
            + " ("
            + rows["source_date"]
            + ")",
            "note": rows["note"],
        }
    )


def definitions_table(rows: pd.DataFrame) -> pd.DataFrame:
    """Each definition the table uses, in full."""
    used = [m for m in data.INTERNATIONAL_MEASURES if m in set(rows["measure"])]
    return pd.DataFrame(
        {
            "definition": [SHORT[m] for m in used],
            "what it counts": [data.INTERNATIONAL_MEASURES[m] for m in used],
        }
    )


def finding_table(tables: data.Tables) -> pd.DataFrame:
    """METI's finding, one row per economy."""
    signs = with_sources(
        tables.international[tables.international["flow"] == "sign"], tables.sources
    )
    return pd.DataFrame(
        {
            "economy": signs["economy"],
            "METI: digital balance": signs["value"].map({1.0: "surplus", -1.0: "deficit"}),
            "source": signs["publisher"] + " (" + signs["source_date"] + ")",
        }
    )


def pick(
    rows: pd.DataFrame, economy: str, measure: str, source_id: str | None = None
) -> pd.Series | None:
    """The latest figure of one economy on one definition (from one source, if given), a
    year the source states before one it leaves probable; or None."""
    found = rows[(rows["economy"] == economy) & (rows["measure"] == measure)]
    if source_id:
        found = found[found["source_id"] == source_id]
    if found.empty:
        return None
    stated = (found["period_type"] == "CY").rename("stated")
    return found.assign(stated=stated).sort_values(["period", "stated"]).iloc[-1]


def standing(rows: pd.DataFrame, economy: str, measure: str) -> str:
    """Where `economy` stands among the economies of the same source and definition."""
    row = pick(rows, economy, measure)
    if row is None:
        return f"no figure for {economy} on this definition"
    peers = rows[(rows["measure"] == measure) & (rows["source_id"] == row["source_id"])]
    peers = peers.sort_values("usd_bn")
    place = peers["economy"].tolist().index(economy) + 1
    if place == 1 and row["usd_bn"] < 0:
        where = "the largest deficit"
    elif place == len(peers) and row["usd_bn"] > 0:
        where = "the largest surplus"
    else:
        where = f"number {place} from the bottom"
    return f"{where} of the {len(peers)} economies in the same chart ({row['publisher']})"
