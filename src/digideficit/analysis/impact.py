"""The digital balance beside the rest of the balance of payments, in yen or US dollars."""

from __future__ import annotations

import pandas as pd

from digideficit.analysis import prose
from digideficit.analysis.series import runs
from digideficit.validated import data
from digideficit.validated import definitions as d

CURRENCIES = {"JPY": ("JPY_tn", "¥ trillion"), "USD": ("USD_bn", "US$ billion")}
# a context figure's vintages, least to most settled
CONTEXT_VINTAGE_RANK = {"estimate": 0, "preliminary": 1, "revised": 2, "final": 3}
# the Bank of Japan's file holds every revision to its date: it outranks any press figure
OFFICIAL_CONTEXT_RANK = 4


def context_rank(vintage: str) -> int:
    return (
        OFFICIAL_CONTEXT_RANK if d.is_official_vintage(vintage) else CONTEXT_VINTAGE_RANK[vintage]
    )


def exchange_rate(context: pd.DataFrame, period: str) -> pd.Series | None:
    """The average yen-per-dollar rate recorded for `period`, or None: never estimated."""
    rows = context[(context["measure"] == "usd_jpy_average") & (context["period"] == period)]
    return None if rows.empty else latest_vintage(rows, ["period"]).iloc[0]


def to_currency(jpy_tn: float, currency: str, rate: float | None) -> float | None:
    """¥ trillion → US$ billion at `rate` yen per dollar; None without a rate."""
    if currency == "JPY":
        return jpy_tn
    if rate is None:
        return None
    return jpy_tn * 1000 / rate


def amount_in(
    jpy_tn: float,
    currency: str,
    rate: float | None,
    as_written: str | None = None,
    qualifier: object = "",
) -> str:
    """An amount without sign in the chosen currency: in yen as its source wrote it where
    known ('¥6.7 trillion'), else '¥6.69 trillion' or, converted, 'US$44 billion'; with the
    source's hedge ('about …', 'more than …') if it gave one."""
    if currency == "JPY" and as_written:
        return prose.amount(as_written, "JPY_tn", qualifier)
    value = to_currency(abs(jpy_tn), currency, rate)
    if value is None:
        raise ValueError(f"no exchange rate to show ¥{jpy_tn} trillion in {currency}")
    converted = f"¥{value:.2f} trillion" if currency == "JPY" else f"US${value:,.0f} billion"
    return prose.hedge(qualifier) + converted


def balance_in(
    jpy_tn: float, currency: str, rate: float | None, as_written: str | None = None
) -> str:
    """'a deficit of US$44 billion' / 'a surplus of ¥3.6 trillion'."""
    kind = "deficit" if jpy_tn < 0 else "surplus"
    return f"a {kind} of {amount_in(jpy_tn, currency, rate, as_written)}"


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


# what the digital balance is set beside over time; an import bill is drawn as a payment
# (negative), so that every line reads as money in (+) or out (−)
OVER_TIME = {
    "travel_balance": "travel balance",
    "trade_balance": "goods balance",
    "primary_income_balance": "primary-income balance",
    "current_account_balance": "current-account balance",
    "crude_oil_imports": "crude-oil imports (a payment)",
}
PAYMENTS = {"crude_oil_imports"}


def context_series(context: pd.DataFrame, measure: str, period_type: str) -> pd.DataFrame:
    """One figure per period of a context measure in ¥ trillion (or its own unit for rates),
    latest vintage; periods without a figure are simply absent."""
    rows = context[(context["measure"] == measure) & (context["period_type"] == period_type)]
    return latest_vintage(rows, ["period"]).sort_values("year").reset_index(drop=True)


def annual_panel(
    digital: pd.DataFrame, context: pd.DataFrame, period_type: str, first: int, last: int
) -> pd.DataFrame:
    """Year by year from `first` to `last`: the digital balance (`digital`, one row per year
    as `series.best_available` gives it), the context measures, nominal GDP, the deficit as
    a share of GDP where both exist, and the average yen-per-dollar rate. Empty cells are
    years no source covers; nothing is filled in."""
    panel = pd.DataFrame({"year": range(first, last + 1)})
    chosen = digital[["year", "period", "value", "value_text", "vintage", "publisher", "source_id"]]
    panel = panel.merge(
        chosen.rename(columns=lambda c: f"digital_{c}" if c != "year" else c), on="year", how="left"
    )
    for measure in [*OVER_TIME, "nominal_gdp", "usd_jpy_average"]:
        rows = context_series(context, measure, period_type)
        rows = rows[["year", "value", "publisher", "source_id"]].rename(
            columns={
                "value": measure,
                "publisher": f"{measure}_publisher",
                "source_id": f"{measure}_source_id",
            }
        )
        panel = panel.merge(rows, on="year", how="left")
    panel["deficit_share_of_gdp"] = -panel["digital_value"] / panel["nominal_gdp"] * 100
    return panel


def source_ids(panel: pd.DataFrame) -> pd.DataFrame:
    """The panel's source ids as one `source_id` column (for a page's sources footer)."""
    ids = panel.filter(regex="source_id$").stack().dropna()
    return pd.DataFrame({"source_id": ids.to_numpy()})


def long_amounts(panel: pd.DataFrame, unit_words: str) -> pd.DataFrame:
    """The digital balance and the `OVER_TIME` measures, signed (money in +, out −), one row
    per year and line, with `run` numbering unbroken stretches of years so that a line
    never bridges a gap."""
    lines = {"digital_value": "digital balance", **OVER_TIME}
    frames = []
    for column, label in lines.items():
        part = panel[["year", column]].dropna().rename(columns={column: "amount"})
        sign = -1 if column in PAYMENTS else 1
        part = part.assign(line=label, amount=sign * part["amount"], unit=unit_words)
        frames.append(part.assign(run=runs(part["year"]).to_numpy() if len(part) else []))
    return pd.concat(frames, ignore_index=True)


def in_currency(panel: pd.DataFrame, columns: list[str], currency: str) -> pd.DataFrame:
    """The panel's ¥-trillion `columns` in `currency`, each year at its own average rate;
    a year without a rate has no converted figure (never an estimated rate)."""
    if currency == "JPY":
        return panel.copy()
    converted = panel.copy()
    for column in columns:
        converted[column] = panel[column] * 1000 / panel["usd_jpy_average"]
    return converted


def coverage_sentence(panel: pd.DataFrame, basis: str) -> str:
    """What the panel holds, as one sentence: every line complete over its years, or each
    line with the years it covers and the years it lacks (gaps are never filled in)."""
    lines = {"digital_value": f"the digital total on the {basis} basis", **OVER_TIME}
    span = f"{int(panel['year'].min())}–{int(panel['year'].max())}"
    missing = {
        label: sorted(set(panel["year"]) - set(panel.loc[panel[column].notna(), "year"]))
        for column, label in lines.items()
    }
    if not any(missing.values()):
        return f"Every line is complete for {span}: " + prose.listing(list(lines.values())) + "."
    return (
        f"Over {span} "
        + "; ".join(
            f"{label} lacks {prose.year_ranges(years)}" for label, years in missing.items() if years
        )
        + ". Years without a figure are gaps in the chart, not lines: the report does not fill "
        "them in."
    )
