"""Why published totals for the same year differ: each headline figure explained by its
item basis, its vintage and its period, measured against one reference figure."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from digideficit import definitions as d
from digideficit.series import best_available

REFERENCE_BASIS = "3-item"


def reference_for(year_rows: pd.DataFrame) -> pd.Series | None:
    """The calendar-year, 3-item figure the series itself uses (`series.best_available`):
    what the other figures of the year are set against."""
    pool = year_rows[
        (year_rows["item_basis"] == REFERENCE_BASIS) & (year_rows["period_type"] == "CY")
    ]
    return None if pool.empty else best_available(pool).iloc[0]


def explain(row: pd.Series, reference: pd.Series | None) -> tuple[str, bool]:
    """The reasons a figure differs from the reference, and whether any reason is inferred."""
    if reference is None:
        return "no 3-item calendar-year figure for this year to compare with", False
    if row.name == reference.name:
        return "reference: 3-item basis, calendar year, latest vintage", False
    reasons, inferred = [], False
    if row["period_type"] != "CY":
        reasons.append(f"a different period: {d.PERIOD_TYPES[row['period_type']]}")
    if row["item_basis"] != REFERENCE_BASIS:
        basis = d.BASES[row["item_basis"]]
        if basis.items:
            reasons.append(f"another item set: {basis.label}")
        else:
            reasons.append(f"another item set ({basis.used_by.lower()})")
            inferred = True
    if row["vintage"] != reference["vintage"]:
        reasons.append(
            f"another vintage: {row['vintage']} ({d.vintage_description(row['vintage'])})"
        )
    if not reasons:
        reasons.append("same basis, period and vintage: a different rounding or source")
    if row["item_basis"] == "5-item":
        # splitting one item into three cannot change a sum: the gap is not explained by data
        reasons.append("the published sources do not say which boundaries differ")
        inferred = True
    return "; ".join(reasons), inferred


def reconciliation(rows: pd.DataFrame, unit: str = "JPY_tn") -> pd.DataFrame:
    """Every published digital-total balance in `unit`, per year, explained."""
    totals = rows[
        (rows["item"] == "digital_total") & (rows["flow"] == "balance") & (rows["unit"] == unit)
    ]
    records = []
    for year, year_rows in totals.groupby("year", sort=True):
        reference = reference_for(year_rows)
        for _, row in year_rows.sort_values(["period_type", "value"]).iterrows():
            reason, inferred = explain(row, reference)
            gap = (
                ""
                if reference is None or row.name == reference.name
                else f"{Decimal(row['value_text']) - Decimal(reference['value_text']):+}"
            )
            records.append(
                {
                    "year": year,
                    "period": row["period"],
                    "published balance": row["value_text"],
                    "basis": row["item_basis"],
                    "vintage": row["vintage"],
                    "source": f"{row['publisher']} ({row['source_date']})",
                    "minus reference": gap,
                    "why it differs": reason,
                    "inference": "yes" if inferred else "no",
                }
            )
    return pd.DataFrame(records)
