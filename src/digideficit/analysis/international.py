"""Japan beside other economies: each economy's figure on the definition its source used,
and METI's finding stated without figures (a sign per economy).

Figures on different definitions are never added up or ranked as one series: the chart
gives each definition its own colour and the prose compares economies within one
definition only.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from digideficit.analysis import quantities as q
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
# a figure as a table cell holds it, the currency before the number as prose writes it
PUBLISHED_FORMS = {"USD_100m": "{}億ドル", "USD_bn": "US${} bn", "USD_tn": "US${} tn", "sign": "{}"}


def as_published(value_text: str, unit: str) -> str:
    """'US$257 bn', '257億ドル': a figure in the unit its source printed it in."""
    return PUBLISHED_FORMS[unit].format(value_text)


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


def meti_finding(tables: data.Tables) -> dict[str, list[str]]:
    """METI's finding as data: economies it puts in surplus and in deficit."""
    signs = tables.international[tables.international["flow"] == "sign"]
    return {
        "surplus": signs.loc[signs["value"] > 0, "economy"].tolist(),
        "deficit": signs.loc[signs["value"] < 0, "economy"].tolist(),
    }


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


# economies the Bank of Japan's regional file also names, by its name (so that the site says
# each the same way, in each language, as on the Who is paid page)
REGIONAL_NAMES = {
    "United States": "U.S.A.",
    "United Kingdom": "U.K.",
    "China": "P.R. China",
    "South Korea": "R.Korea",
}


def economy(name: str) -> q.Partner:
    """An economy as a finding: under the regional file's name where it has one."""
    return q.Partner(REGIONAL_NAMES.get(name, name))


def year_of(row: pd.Series):
    """A figure's year, or 'about' its year where the source leaves the year probable."""
    period = q.Period(row["period"])
    return (
        q.Phrase("about-year", {"year": period}) if row["period_type"] == "CY-probable" else period
    )


def balance(row: pd.Series) -> q.Phrase:
    """'a deficit of US$36.4 billion in about 2022 (Wedge ONLINE …)': one figure in US$
    billion (a change of scale from 億ドル, never of currency), its year and its publisher."""
    amount = Decimal(row["value_text"]) * TO_USD_BN[row["unit"]]
    return q.Phrase(
        "figure-in-year",
        {
            "amount": q.Money(amount, "USD_bn", style="balance", places=None),
            "year": year_of(row),
            "source": q.Verbatim(row["publisher"]),
        },
    )


def exported(row: pd.Series) -> q.Phrase:
    """'US$257 billion in 2023 (Business Today …)': exports as published."""
    return q.Phrase(
        "figure-in-year",
        {
            "amount": q.Money(row["value_text"], row["unit"], places=None),
            "year": year_of(row),
            "source": q.Verbatim(row["publisher"]),
        },
    )


def peers(rows: pd.DataFrame, row: pd.Series) -> pd.DataFrame:
    """The economies one source compares with `row` on the same definition, lowest first."""
    same = rows[(rows["measure"] == row["measure"]) & (rows["source_id"] == row["source_id"])]
    return same.sort_values("usd_bn").reset_index(drop=True)


def standing(rows: pd.DataFrame, economy_name: str, measure: str) -> q.Phrase:
    """Where an economy stands among those of the same source and definition: 'the largest
    deficit of 7 economies', or its place from the bottom."""
    row = pick(rows, economy_name, measure)
    if row is None:
        raise LookupError(f"no figure for {economy_name} on {measure}")
    ranked = peers(rows, row)
    place = ranked["economy"].tolist().index(economy_name) + 1
    n = q.Count(len(ranked), "economy")
    if place == 1 and row["usd_bn"] < 0:
        return q.Phrase("largest-deficit-of", {"n": n})
    if place == len(ranked) and row["usd_bn"] > 0:
        return q.Phrase("largest-surplus-of", {"n": n})
    return q.Phrase("place-from-bottom-of", {"place": q.Number(place), "n": n})


def largest_comparison(rows: pd.DataFrame) -> pd.DataFrame:
    """The figures of the one source and definition that compares the most economies: the
    only ranking a chart of mixed definitions can state."""
    if rows.empty:
        return rows
    sizes = rows.groupby(["measure", "source_id"])["economy"].nunique()
    measure, source_id = sizes.sort_values(ascending=False, kind="stable").index[0]
    chosen = rows[(rows["measure"] == measure) & (rows["source_id"] == source_id)]
    return chosen.sort_values("usd_bn").reset_index(drop=True)
