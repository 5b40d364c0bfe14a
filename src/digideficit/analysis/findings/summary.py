"""The front page: one figure a journalist can quote, the chart behind it, why outlets
printed other totals, and the deficit beside travel, the current account and GDP."""

from __future__ import annotations

import pandas as pd

from digideficit.analysis import official, series
from digideficit.analysis import quantities as q
from digideficit.validated import data, params
from digideficit.validated import definitions as d

CHAPTER = "summary"
# published totals on bases whose items nobody states, or on another definition altogether
# (Nikkei's), are not totals of the same thing: the range outlets printed leaves them out
COMPARABLE_BASES = ("3-item", "3-item-computer", "5-item", "not-stated", "METI")


def official_years(rows: pd.DataFrame, basis: str, period_type: str = "CY") -> pd.DataFrame:
    """The balance on `basis` for every complete period, derived from the months."""
    years = official.basis_series(rows, basis, period_type)
    return years[years["flow"] == "balance"].sort_values("year").reset_index(drop=True)


def rolling_months(tables: data.Tables, basis: str) -> pd.DataFrame:
    """The balance summed over the twelve months to each month, where twelve exist."""
    rows = series.with_sources(tables.digital_services, tables.sources)
    monthly = series.monthly_totals(rows, d.series_basis(basis))
    rolling = series.rolling_12(monthly).dropna(subset=["rolling_12"])
    vintage = monthly.set_index("period")["vintage"]
    return rolling.assign(basis=basis, vintage=rolling["period"].map(vintage))


def published_range(rows: pd.DataFrame) -> pd.DataFrame:
    """The calendar-year totals outlets and ministries printed for the latest year that at
    least three of them covered, as published (commentators' guesses and seed articles
    aside)."""
    printed = rows[
        (rows["item"] == "digital_total")
        & (rows["flow"] == "balance")
        & (rows["period_type"] == "CY")
        & (rows["source_id"] != "derived")
        & (rows["unit"] == "JPY_tn")
        & (rows["vintage"] != "commentary")
        & (rows["source_kind"] != "seed")
        & rows["item_basis"].isin(COMPARABLE_BASES)
    ]
    counts = printed.groupby("year").size()
    covered = counts[counts >= 3]
    if covered.empty:
        return printed.iloc[0:0]
    return printed[printed["year"] == covered.index.max()].sort_values("value")


def file_date(vintage: str) -> str:
    """'boj-20260608' → '2026-06-08'."""
    day = vintage.removeprefix("boj-").replace("-", "")
    return f"{day[:4]}-{day[4:6]}-{day[6:]}"


def findings(basis: str | None = None, lang: str = "en", tables=None) -> q.Findings:
    """Every figure the front page states, from the Bank of Japan's months."""
    chosen = params.resolve(CHAPTER, basis=basis, lang=lang)
    basis = chosen["basis"]
    tables = tables if tables is not None else data.load()
    rows = official.digital_rows(tables)
    years = official_years(rows, basis)
    if len(years) < 2:
        raise ValueError(f"the Bank of Japan's months complete fewer than two years on {basis}")
    latest, before, first = years.iloc[-1], years.iloc[-2], years.iloc[0]
    other_basis = next(b for b in d.DISTINCT_BASES if b != basis)
    other = official_years(rows, other_basis).set_index("year")["value"]
    months = rolling_months(tables, basis)
    last_month = months.iloc[-1]
    vintage = str(latest["vintage"])

    values = {
        "su_year": q.Period(str(latest["year"])),
        "su_total": q.Money(latest["value_text"], style="balance"),
        "su_total_amount": q.Money(latest["value_text"]),
        "su_basis": q.Basis(basis),
        "su_items": q.Listing(tuple(q.Item(i) for i in d.BASES[basis].items)),
        "su_other_items": q.Listing(tuple(q.Item(i) for i in d.BASES[other_basis].items)),
        "su_previous_year": q.Period(str(before["year"])),
        "su_change": q.Money(latest["value"] - before["value"], style="change"),
        "su_first_year": q.Period(str(first["year"])),
        "su_first_total": q.Money(first["value_text"]),
        "su_multiple": q.Multiple(latest["value"] / first["value"]),
        "su_other_basis": q.Basis(other_basis),
        "su_other_total": q.Money(other.loc[latest["year"]]),
        "su_month": q.Period(last_month["period"]),
        "su_rolling": q.Money(last_month["rolling_12_text"]),
        "su_source": q.Source(vintage),
        # the newest file the data hold: the edition's date, whatever the months it moved
        "su_data_as_of": q.Period(file_date(str(tables.boj_monthly["vintage"].max()))),
    }
    values |= outlets(rows, basis)
    compared, context_used = beside(tables, basis, latest)
    values |= compared
    frames = {
        "context": context_used,
        "annual": pd.concat(
            [years.assign(basis=basis), official_years(rows, other_basis).assign(basis=other_basis)]
        ),
        "rolling": pd.concat([months, rolling_months(tables, other_basis)]),
    }
    return q.Findings(values=values, frames=frames, parameters=chosen)


def outlets(rows: pd.DataFrame, basis: str) -> dict:
    """How far apart the totals printed for one year were, against the official figures."""
    printed = published_range(rows)
    if printed.empty:
        return {}
    year = int(printed["year"].iloc[0])
    official_then = {
        b: official_years(rows, b).set_index("year")["value"].get(year) for b in d.DISTINCT_BASES
    }
    return {
        "su_printed_year": q.Period(str(year)),
        "su_printed_count": q.Count(len(printed), "figure"),
        "su_printed_low": q.Money(printed["value_text"].iloc[-1], places=None),
        "su_printed_high": q.Money(printed["value_text"].iloc[0], places=None),
        "su_printed_publishers": q.Count(printed["publisher"].nunique(), "publisher"),
        "su_printed_official": q.Money(official_then[basis]),
        "su_printed_official_other": q.Money(
            official_then[next(b for b in d.DISTINCT_BASES if b != basis)]
        ),
    }


def beside(tables: data.Tables, basis: str, latest: pd.Series) -> tuple[dict, pd.DataFrame]:
    """The same year's travel and current account, and the latest fiscal year's share of
    nominal GDP — the comparisons a policy reader asks for first; with the context rows
    used (their sources)."""
    context = official.context_rows(tables)
    derived = context[context["source_id"] == "derived"]
    same_year = derived[derived["period"] == latest["period"]].set_index("measure")["value"]
    values = {
        "su_travel": q.Money(same_year["travel_balance"], style="balance"),
        "su_current_account": q.Money(same_year["current_account_balance"], style="balance"),
        "su_travel_ratio": q.Share(abs(latest["value"]) / same_year["travel_balance"]),
    }
    gdp = context[context["measure"] == "nominal_gdp"].sort_values("year")
    fiscal = official_years(official.digital_rows(tables), basis, "FY").set_index("period")
    shared = [p for p in gdp["period"] if p in fiscal.index]
    used = gdp.iloc[0:0]
    if shared:
        period = shared[-1]
        used = gdp[gdp["period"] == period].tail(1)
        gdp_row = used.iloc[0]
        values |= {
            "su_gdp_year": q.Period(period, with_months=True),
            "su_gdp_share": q.Share(abs(fiscal.loc[period, "value"]) / gdp_row["value"], 2),
        }
    return values, used
