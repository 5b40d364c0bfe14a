"""The report's headline figures, as the summary page states them. The update command
shows how a data update moves each one."""

from __future__ import annotations

import calendar
from dataclasses import dataclass

import pandas as pd

from digideficit.analysis import citation, impact, official, prose, series
from digideficit.validated import data, definitions
from digideficit.validated import definitions as d


def key_figures(tables: data.Tables, basis: str = d.CHOOSABLE_BASES[0]) -> dict[str, str]:
    # years the BOJ's months complete are official figures, and outrank the press
    rows = official.digital_rows(tables)
    best = series.best_available(series.totals(rows, basis))
    if best.empty:
        raise ValueError(f"the data holds no calendar-year digital total on the {basis} basis")
    latest, first = best.iloc[-1], best.iloc[0]
    figures = {
        "su_latest": prose.stated_balance(latest),
        "su_latest_year": str(latest["year"]),
        "su_latest_cited": prose.cited(latest),
        "su_basis": definitions.BASES[basis].label,
        "su_growth": (
            f"{latest['value'] / first['value']:.1f} times its {first['year']} level "
            f"({prose.stated(first)})"
            if latest["year"] != first["year"]
            else "a single year of data: no growth to report"
        ),
        "su_travel": fiscal_comparison(tables, rows, basis),
        "su_projection": latest_projection(tables),
    }
    figures["su_newest_context"] = newest_context(tables)
    figures["su_fiscal"] = newest_period(rows, "FY")
    figures["su_half"] = newest_period(rows, "H1")
    figures["su_commentary"] = commentary(rows)
    figures["su_updated"] = citation.data_vintage(rows)
    published = tables.digital_services[
        ~tables.digital_services["source_id"].isin(set(tables.boj_monthly["source_id"]))
    ]
    figures["su_rows"] = str(len(published))
    figures["su_sources"] = str(published["source_id"].nunique())
    return figures


def fiscal_comparison(tables: data.Tables, rows, basis: str) -> str:
    fy = rows[(rows["period_type"] == "FY") & (rows["item"] == "digital_total")]
    fy = fy[fy["source_kind"] != "seed"]
    if fy.empty:
        return "The data holds no fiscal-year total"
    period = fy.loc[fy["year"].idxmax(), "period"]
    figures = series.period_totals(rows, basis, "FY", period)
    beside = impact.beside(
        official.context_rows(tables), period, ["travel_balance", "crude_oil_imports"]
    )
    beside = beside.set_index("measure")
    amounts = " and ".join(prose.stated(r) for _, r in figures.iterrows())
    bases = sorted({definitions.BASES[b].label for b in figures["item_basis"]})
    text = f"In fiscal {period[2:]} it was {amounts} ({', '.join(bases)}), "
    if "travel_balance" not in beside.index:
        text += "with no travel figure to compare"
    else:
        travel = beside.loc["travel_balance"]
        above = (figures["value"].abs() > travel["value"]).tolist()
        relation = "more" if all(above) else "less" if not any(above) else "about as much"
        text += f"{relation} than the {prose.stated(travel)} surplus on travel"
    if "crude_oil_imports" in beside.index:
        crude = beside.loc["crude_oil_imports"]
        share = figures["value"].abs().max() / crude["value"]
        text += f", and up to {share:.0%} of the {prose.stated(crude)} spent on crude oil imports"
    return text


def latest_projection(tables: data.Tables) -> str:
    projections = tables.projections
    newest = projections[projections["published"] == projections["published"].max()]
    newest = newest.sort_values("value", ascending=False)
    return (
        f"METI's latest projections ({newest.iloc[0]['published']}) put it at "
        + " to ".join(
            f"{prose.amount(r['value_text'], r['unit'])} ({r['scenario']})"
            for _, r in newest.iterrows()
        )
        + f" in {int(newest.iloc[0]['target_year'])}"
    )


CONTEXT_HEADLINES = ["current_account_balance", "trade_balance", "travel_balance"]


def newest_context(tables: data.Tables) -> str:
    """The newest calendar year of the balance of payments in the data, with its vintage."""
    context = official.context_rows(tables)
    cy = context[(context["period_type"] == "CY") & context["measure"].isin(CONTEXT_HEADLINES)]
    if cy.empty:
        return "The data holds no calendar-year balance of payments yet"
    year = str(cy["year"].max())
    rows = impact.beside(context, year, CONTEXT_HEADLINES)
    first = rows.iloc[0]
    where = (
        prose.cited(first)
        if prose.is_computed(first)
        else f"{first['vintage']} figures; {first['publisher']}, {first['source_date']}"
    )
    return f"For {year} ({where}): " + "; ".join(
        f"{r['label']}, "
        + prose.balance_phrase(
            r["value_text"], "JPY_tn", places=prose.PROSE_PLACES if prose.is_computed(r) else None
        )
        for _, r in rows.iterrows()
    )


def newest_period(rows, period_type: str) -> str:
    """Every distinct published total for the newest period of `period_type` (seed articles
    excluded), each with its publisher, basis and vintage."""
    totals = rows[
        (rows["item"] == "digital_total")
        & (rows["period_type"] == period_type)
        & (rows["source_kind"] != "seed")
    ]
    name = definitions.PERIOD_TYPES[period_type]
    if totals.empty:
        return f"no published total for a {name} in the data"
    period = totals.loc[totals["year"].idxmax(), "period"]
    newest = series.period_totals(rows, None, period_type, period)
    return f"{newest.iloc[0]['period']} ({name}): " + "; ".join(
        f"{prose.stated_balance(r)} ({r['publisher']}, "
        f"{definitions.BASES[r['item_basis']].label}, {r['vintage']})"
        for _, r in newest.iterrows()
    )


def commentary(rows) -> str:
    """Totals known only from commentators' figures (each with its own hedge, if any) for
    the newest year they cover."""
    said = rows[
        (rows["item"] == "digital_total")
        & (rows["flow"] == "balance")
        & (rows["vintage"] == "commentary")
        & (rows["unit"] == "JPY_tn")
    ]
    if said.empty:
        return "no commentary figures in the data"
    year = said["year"].max()
    said = said[said["year"] == year].sort_values("value")
    official_years = rows[(rows["source_id"] == "derived") & (rows["period_type"] == "CY")]
    lead = (
        f"Commentators writing before the official figures for {year} were complete put it at "
        if year in set(official_years["year"])
        else f"For {year} the data holds no official total yet; commentators put it at "
    )
    return lead + (
        prose.listing(
            [
                f"{prose.stated(r)} ({r['publisher']}, {r['source_date']})"
                for _, r in said.iterrows()
            ]
        )
    )


@dataclass(frozen=True)
class LatestMonth:
    """The most recent month with a digital balance, and the twelve months to it."""

    period: str  # '2026-08'
    name: str  # 'August 2026'
    balance: str  # 'a deficit of ¥0.219 trillion'
    value_text: str
    rolling_12: str | None  # 'a deficit of ¥2.6 trillion', None without twelve months
    rolling_12_text: str | None
    cited: str
    rolling: pd.DataFrame  # period, value, rolling_12: the series for a chart


def month_name(period: str) -> str:
    """'2026-08' → 'August 2026'."""
    return f"{calendar.month_name[int(period[5:7])]} {period[:4]}"


def latest_month(tables: data.Tables, basis: str = d.CHOOSABLE_BASES[0]) -> LatestMonth | None:
    """The summary's opening when monthly figures exist; None without them."""
    rows = series.with_sources(tables.digital_services, tables.sources)
    monthly = series.monthly_totals(rows, d.series_basis(basis))
    if monthly.empty:
        return None
    rolling = series.rolling_12(monthly)
    last, total = monthly.iloc[-1], rolling.iloc[-1]
    twelve = total["rolling_12_text"]
    return LatestMonth(
        period=last["period"],
        name=month_name(last["period"]),
        balance=prose.balance_phrase(last["value_text"], "JPY_tn", places=prose.PROSE_PLACES),
        value_text=last["value_text"],
        rolling_12=None
        if twelve is None
        else prose.balance_phrase(twelve, "JPY_tn", places=prose.PROSE_PLACES),
        rolling_12_text=twelve,
        cited=prose.cited(last),
        rolling=rolling,
    )


WITHOUT_MONTHS = (
    "The data hold no monthly figures from the Bank of Japan for every item of this basis; "
    "the page gives calendar and fiscal years only."
)


def month_opening(tables: data.Tables, basis: str = d.CHOOSABLE_BASES[0]) -> str:
    """The summary's first sentence about months: the latest month, or what fetch will add."""
    latest = latest_month(tables, basis)
    if latest is None:
        digital = tables.digital_services
        # a month quoted by the press is not the Bank of Japan's monthly series
        months = digital[
            (digital["period_type"] == "M")
            & digital["vintage"].map(definitions.is_official_vintage)
        ]
        if months.empty:
            return WITHOUT_MONTHS
        items = definitions.BASES[basis].items
        missing = [definitions.ITEMS[i].short_name for i in items if i not in set(months["item"])]
        return (
            f"Monthly figures from the Bank of Japan reach {month_name(months['period'].max())}"
            f" for {len(set(months['item']) & set(items))} of the {len(items)} items of the "
            f"{basis} basis; the total needs {', '.join(missing) or 'every item in one month'}"
            " as well."
        )
    text = f"In {latest.name} the digital balance was {latest.balance}"
    if latest.rolling_12 is None:
        return text + " (fewer than twelve months of data: no rolling total yet)."
    return text + f"; over the twelve months to {latest.name}, {latest.rolling_12}."


def month_figures(tables: data.Tables, basis: str = d.CHOOSABLE_BASES[0]) -> dict[str, str]:
    """The monthly headline, for `make update` / `make fetch` to show how it moves."""
    return {"su_month": month_opening(tables, basis)}
