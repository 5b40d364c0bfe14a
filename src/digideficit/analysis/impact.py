"""The digital balance beside the rest of the balance of payments, year by year, in yen or
US dollars, and as a share of nominal GDP on fiscal years.

Every balance is the Bank of Japan's: calendar and fiscal years summed from its months
(`series.with_official_context`). Crude-oil imports and nominal GDP are published figures
(`context.csv`), taken at their most settled vintage. Dollar amounts use the average of the
Bank of Japan's monthly dollar–yen averages over the same months; a period without every
month's rate has no dollar figure, never an estimated one.
"""

from __future__ import annotations

import pandas as pd

from digideficit.analysis import series
from digideficit.validated import data
from digideficit.validated import definitions as d

# a context figure's vintages, least to most settled
CONTEXT_VINTAGE_RANK = {"estimate": 0, "preliminary": 1, "revised": 2, "final": 3}
# the Bank of Japan's file holds every revision to its date: it outranks any press figure
OFFICIAL_CONTEXT_RANK = 4

# the lines of the balance of payments set beside the digital balance (the BOJ's months)
BALANCES = (
    "travel_balance",
    "trade_balance",
    "services_balance",
    "primary_income_balance",
    "current_account_balance",
)
CRUDE = "crude_oil_imports"  # the Ministry of Finance's trade statistics: a payment
GDP = "nominal_gdp"  # the Cabinet Office's national accounts: fiscal years
RATE = "usd_jpy_average"
DIGITAL = "digital_total"
# months in a period, by period type
MONTHS = {"CY": 12, "FY": 12}


def context_rank(vintage: str) -> int:
    return (
        OFFICIAL_CONTEXT_RANK if d.is_official_vintage(vintage) else CONTEXT_VINTAGE_RANK[vintage]
    )


def latest_vintage(rows: pd.DataFrame, per: list[str]) -> pd.DataFrame:
    """One row per `per` group: the most settled vintage, then the most recent source."""
    dated = rows.assign(_date=rows.get("source_date", pd.Series("", index=rows.index)))
    ranked = dated.sort_values(
        ["vintage", "_date"],
        key=lambda v: v.map(context_rank) if v.name == "vintage" else v.fillna(""),
        kind="stable",
    )
    return ranked.drop_duplicates(per, keep="last").drop(columns="_date")


def beside(context: pd.DataFrame, period: str, measures: list[str]) -> pd.DataFrame:
    """The chosen context balances for one period in ¥ trillion, one row per measure (the
    most recent vintage where a period has several), with `label` for display."""
    rows = context[
        (context["period"] == period)
        & context["measure"].isin(measures)
        & (context["unit"] == "JPY_tn")
    ]
    rows = latest_vintage(rows, ["measure"])
    return rows.assign(label=rows["measure"].map(data.CONTEXT_MEASURES)).reset_index(drop=True)


def context_series(context: pd.DataFrame, measure: str, period_type: str) -> pd.DataFrame:
    """One figure per period of a context measure (latest vintage); periods without a
    figure are simply absent."""
    rows = context[(context["measure"] == measure) & (context["period_type"] == period_type)]
    return latest_vintage(rows, ["period"]).sort_values("year").reset_index(drop=True)


def official_balances(context: pd.DataFrame, period_type: str) -> pd.DataFrame:
    """The `BALANCES` of every complete period, summed from the Bank of Japan's months."""
    rows = context[
        context["measure"].isin(BALANCES)
        & (context["period_type"] == period_type)
        & (context["source_id"] == "derived")
    ]
    return latest_vintage(rows, ["measure", "period"]).sort_values(["measure", "year"])


def month_sources(context: pd.DataFrame, measures, first: int, last: int) -> set[str]:
    """The sources of the months a derived period sums (a derived row names none)."""
    months = context[
        context["measure"].isin(list(measures))
        & (context["period_type"] == "M")
        & context["vintage"].map(d.is_official_vintage)
    ]
    years = months["period"].str[:4].astype(int)
    return set(months.loc[(years >= first - 1) & (years <= last + 1), "source_id"])


def average_rates(context: pd.DataFrame, period_type: str) -> pd.DataFrame:
    """The average yen-per-dollar rate of each calendar or fiscal year: the mean of the Bank
    of Japan's monthly averages, only where every month of the period has one."""
    months = context[
        (context["measure"] == RATE)
        & (context["period_type"] == "M")
        & context["vintage"].map(d.is_official_vintage)
    ]
    months = latest_vintage(months, ["period"])
    year = months["period"].str[:4].astype(int)
    key = year if period_type == "CY" else months["period"].map(series.fiscal_year_of)
    records = []
    for year, group in months.groupby(key, sort=True):
        if group["period"].nunique() != MONTHS[period_type]:
            continue
        last = group.sort_values("period").iloc[-1]
        records.append(
            {
                "year": int(year),
                "period": str(year) if period_type == "CY" else f"FY{year}",
                "rate": group["value"].mean(),
                "first_month": group["period"].min(),
                "last_month": group["period"].max(),
                "vintage": last["vintage"],
                "source_id": last["source_id"],
                "publisher": last.get("publisher", ""),
            }
        )
    columns = ["year", "period", "rate", "first_month", "last_month", "vintage", "source_id"]
    return pd.DataFrame(records, columns=[*columns, "publisher"])


LINE_COLUMNS = [
    "year",
    "period",
    "period_type",
    "item",
    "flow",
    "basis",
    "value",
    "value_text",
    "vintage",
    "source_id",
    "publisher",
    "source_date",
]


# the published figures set beside the balances: crude-oil imports by calendar year, nominal
# GDP by fiscal year only (a share of GDP is taken on the period the GDP is published for)
PUBLISHED = {"CY": (CRUDE,), "FY": (GDP,)}
FLOW_OF = {CRUDE: "payments", GDP: "level"}


def annual_lines(
    digital: pd.DataFrame, context: pd.DataFrame, period_type: str, first: int, last: int
) -> pd.DataFrame:
    """Year by year from `first` to `last`, one row per year and line, in ¥ trillion: the
    digital balance (`digital`: one official row per period, as `official.basis_series`
    gives it), the Bank of Japan's `BALANCES`, and the `PUBLISHED` figures of the period
    type (crude-oil imports, a payment, positive; nominal GDP). A year no source covers has
    no row: nothing is filled in."""
    parts = []
    chosen = digital[(digital["flow"] == "balance") & (digital["period_type"] == period_type)]
    parts.append(chosen.assign(flow="balance", basis=chosen["item_basis"]))
    balances = official_balances(context, period_type)
    parts.append(balances.assign(item=balances["measure"], flow="balance", basis=""))
    for measure in PUBLISHED[period_type]:
        published = context_series(context, measure, period_type)
        parts.append(published.assign(item=measure, flow=FLOW_OF[measure], basis=""))
    lines = pd.concat([part.reindex(columns=LINE_COLUMNS) for part in parts], ignore_index=True)
    lines["year"] = lines["year"].astype(int)
    lines = lines[(lines["year"] >= first) & (lines["year"] <= last)]
    order = {item: i for i, item in enumerate([DIGITAL, *BALANCES, CRUDE, GDP])}
    return lines.sort_values(
        ["year", "item"], key=lambda c: c.map(order) if c.name == "item" else c
    )


def in_currency(lines: pd.DataFrame, rates: pd.DataFrame, currency: str) -> pd.DataFrame:
    """`lines` with `amount` in `currency` (¥ trillion, or US$ billion at each period's
    average rate from `rates`) and the `rate` used; a period without a rate has no dollar
    amount."""
    by_period = rates.set_index("period")["rate"] if len(rates) else pd.Series(dtype=float)
    rate = lines["period"].map(by_period)
    if currency == "JPY":
        return lines.assign(amount=lines["value"], rate=rate)
    return lines.assign(amount=lines["value"] * 1000 / rate, rate=rate)


def gdp_shares(lines: pd.DataFrame) -> pd.DataFrame:
    """Each balance of `lines` as a share of nominal GDP of the same period (a fraction),
    only where both figures exist; GDP and crude-oil imports are not shares of GDP here."""
    gdp = lines[lines["item"] == GDP].set_index("period")
    balances = lines[lines["flow"] == "balance"]
    of_period = {
        f"gdp_{column}": balances["period"].map(gdp[column])
        for column in ("value", "vintage", "source_id", "publisher", "source_date")
    }
    shares = balances.assign(share=balances["value"] / of_period["gdp_value"], **of_period)
    return shares.dropna(subset=["share"]).reset_index(drop=True)
