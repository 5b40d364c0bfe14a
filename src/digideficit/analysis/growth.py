"""Growth arithmetic for the deficit: compound annual rates, contributions of items to a
change, and aggregation of monthly figures into fiscal years and rolling 12-month sums.

Deficits are negative balances; rates are computed on magnitudes of the same sign.
"""

from __future__ import annotations

import pandas as pd


def cagr(start: float, end: float, years: int) -> float:
    """Compound annual growth rate of a magnitude from `start` to `end` over `years` years."""
    if years <= 0:
        raise ValueError(f"growth needs at least one year between the figures, got {years}")
    if start == 0 or (start < 0) != (end < 0):
        raise ValueError(
            f"growth from {start} to {end} is not defined: the balance changed sign or is zero"
        )
    return (end / start) ** (1 / years) - 1


def contributions(start: pd.Series, end: pd.Series) -> pd.DataFrame:
    """Each item's change from `start` to `end` (both indexed by item) and its share of the
    total change; items missing from either side are left out and listed by the caller."""
    both = pd.DataFrame({"start": start, "end": end}).dropna()
    both["change"] = both["end"] - both["start"]
    total = both["change"].sum()
    both["share_of_change"] = both["change"] / total if total else float("nan")
    return both


def gross_change(gross: pd.DataFrame) -> str:
    """How receipts and payments moved between the first and last year of `gross` (one row
    per year and flow, ¥ trillion): the change of each, in amount and as a multiple."""
    first, last = int(gross["year"].min()), int(gross["year"].max())
    by = gross.set_index(["flow", "year"])["value"]
    added = {flow: by[(flow, last)] - by[(flow, first)] for flow in ("receipts", "payments")}
    times = {flow: by[(flow, last)] / by[(flow, first)] for flow in ("receipts", "payments")}
    faster = "receipts" if times["receipts"] > times["payments"] else "payments"
    slower = "payments" if faster == "receipts" else "receipts"
    return (
        f"From {first} to {last} payments rose by ¥{added['payments']:.2f} trillion "
        f"({times['payments']:.1f} times) and receipts by ¥{added['receipts']:.2f} trillion "
        f"({times['receipts']:.1f} times): {faster} grew faster in proportion than {slower}, "
        + (
            "but from a smaller base, so the gap still widened"
            if faster == "receipts" and added["payments"] > added["receipts"]
            else "and the gap widened"
            if added["payments"] > added["receipts"]
            else "and the gap narrowed"
            if added["payments"] < added["receipts"]
            else "and the gap stayed where it was"
        )
    )
