"""The latest month of the digital balance and the twelve months to it."""

from __future__ import annotations

import calendar
from dataclasses import dataclass

import pandas as pd

from digideficit.analysis import prose, series
from digideficit.validated import data
from digideficit.validated import definitions as d


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
