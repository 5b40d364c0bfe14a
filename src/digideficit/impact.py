"""The digital balance beside the rest of the balance of payments, in yen or US dollars."""

from __future__ import annotations

import pandas as pd

from digideficit import data, prose

CURRENCIES = {"JPY": ("JPY_tn", "¥ trillion"), "USD": ("USD_bn", "US$ billion")}
# a context figure's vintages, least to most settled
CONTEXT_VINTAGE_RANK = {"estimate": 0, "preliminary": 1, "revised": 2, "final": 3}


def exchange_rate(context: pd.DataFrame, period: str) -> pd.Series | None:
    """The average yen-per-dollar rate recorded for `period`, or None: never estimated."""
    rows = context[(context["measure"] == "usd_jpy_average") & (context["period"] == period)]
    return None if rows.empty else rows.iloc[0]


def to_currency(jpy_tn: float, currency: str, rate: float | None) -> float | None:
    """¥ trillion → US$ billion at `rate` yen per dollar; None without a rate."""
    if currency == "JPY":
        return jpy_tn
    if rate is None:
        return None
    return jpy_tn * 1000 / rate


def amount_in(
    jpy_tn: float, currency: str, rate: float | None, as_written: str | None = None
) -> str:
    """An amount without sign in the chosen currency: in yen as its source wrote it where
    known ('¥6.7 trillion'), else '¥6.69 trillion' or, converted, 'US$44 billion'."""
    if currency == "JPY" and as_written:
        return prose.amount(as_written, "JPY_tn")
    value = to_currency(abs(jpy_tn), currency, rate)
    if value is None:
        raise ValueError(f"no exchange rate to show ¥{jpy_tn} trillion in {currency}")
    return f"¥{value:.2f} trillion" if currency == "JPY" else f"US${value:,.0f} billion"


def balance_in(
    jpy_tn: float, currency: str, rate: float | None, as_written: str | None = None
) -> str:
    """'a deficit of US$44 billion' / 'a surplus of ¥3.6 trillion'."""
    kind = "deficit" if jpy_tn < 0 else "surplus"
    return f"a {kind} of {amount_in(jpy_tn, currency, rate, as_written)}"


def beside(context: pd.DataFrame, period: str, measures: list[str]) -> pd.DataFrame:
    """The chosen context balances for one period in ¥ trillion, one row per measure (the
    most recent vintage where a period has several), with `label` for display."""
    rows = context[
        (context["period"] == period)
        & context["measure"].isin(measures)
        & (context["unit"] == "JPY_tn")
    ]
    rows = rows.sort_values("vintage", key=lambda v: v.map(CONTEXT_VINTAGE_RANK), kind="stable")
    rows = rows.drop_duplicates("measure", keep="last")
    return rows.assign(label=rows["measure"].map(data.CONTEXT_MEASURES)).reset_index(drop=True)
