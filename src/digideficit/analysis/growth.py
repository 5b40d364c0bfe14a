"""Growth arithmetic for the deficit: compound annual rates, contributions of items to a
change over a span and year by year, and how receipts and payments moved.

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


def yearly_contributions(balances: pd.DataFrame) -> pd.DataFrame:
    """Each year's change in a total split into its items' changes: `balances` holds one
    figure per item and year (columns year, item, value; floats or Decimals). Returns one
    row per item and year (year, item, change from the year before); the changes of a year
    add up to the change of the total. A year whose year before is missing, or that lacks
    an item either year, is left out: a change never bridges a gap."""
    wide = balances.pivot(index="year", columns="item", values="value").sort_index()
    records = []
    years = list(wide.index)
    for before, after in zip(years, years[1:], strict=False):
        if after != before + 1 or wide.loc[[before, after]].isna().any(axis=None):
            continue
        for item in wide.columns:
            change = wide.loc[after, item] - wide.loc[before, item]
            records.append({"year": int(after), "item": item, "change": change})
    return pd.DataFrame(records, columns=["year", "item", "change"])


def gross_change(gross: pd.DataFrame) -> dict:
    """How receipts and payments moved between the first and last year of `gross` (one row
    per year and flow, ¥ trillion): the amount each `added`, the multiple each grew
    (`times`), which flow grew `faster` in proportion, and whether the `gap` between them
    (payments less receipts) came out "wider", "narrower" or "unchanged"."""
    first, last = int(gross["year"].min()), int(gross["year"].max())
    by = gross.set_index(["flow", "year"])["value"]
    added = {flow: by[(flow, last)] - by[(flow, first)] for flow in ("receipts", "payments")}
    times = {flow: by[(flow, last)] / by[(flow, first)] for flow in ("receipts", "payments")}
    gap = added["payments"] - added["receipts"]
    return {
        "first": first,
        "last": last,
        "added": added,
        "times": times,
        "faster": "receipts" if times["receipts"] > times["payments"] else "payments",
        "gap": "wider" if gap > 0 else "narrower" if gap < 0 else "unchanged",
    }
