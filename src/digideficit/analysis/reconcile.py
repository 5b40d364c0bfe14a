"""Why published totals for the same year differ: each headline figure explained by its
item basis, its vintage and its period, measured against one reference figure."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from digideficit.analysis.series import best_available
from digideficit.validated import definitions as d
from digideficit.validated.schema import half_unit

REFERENCE_BASIS = "3-item"


def reference_for(year_rows: pd.DataFrame) -> pd.Series | None:
    """The calendar-year, 3-item figure the series itself uses (`series.best_available`):
    what the other figures of the year are set against."""
    pool = year_rows[
        (year_rows["item_basis"] == REFERENCE_BASIS) & (year_rows["period_type"] == "CY")
    ]
    return None if pool.empty else best_available(pool).iloc[0]


def twin(row: pd.Series, period_rows: pd.DataFrame) -> pd.Series | None:
    """For a total whose item list is not given: a figure of the same period on a basis
    whose items are known, equal to it within the rounding of the coarser of the two."""
    if d.BASES[row["item_basis"]].items:
        return None
    known = period_rows[period_rows["item_basis"].map(lambda b: bool(d.BASES[b].items))]
    for _, other in known.iterrows():
        tolerance = max(half_unit(row["value_text"]), half_unit(other["value_text"]))
        # strictly inside: a figure on the boundary could round either way
        if abs(Decimal(row["value_text"]) - Decimal(other["value_text"])) < tolerance:
            return other
    return None


def explain(
    row: pd.Series, reference: pd.Series | None, period_rows: pd.DataFrame | None = None
) -> tuple[str, bool]:
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
            same = twin(row, period_rows) if period_rows is not None else None
            if same is not None:
                reasons.append(
                    f"its value matches the {same['item_basis']} figure of {same['publisher']} "
                    f"({same['value_text']}), so it is probably that item set"
                )
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
            period_rows = year_rows[year_rows["period"] == row["period"]]
            reason, inferred = explain(row, reference, period_rows)
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
                    "as published": as_published(row),
                    "basis": row["item_basis"],
                    "vintage": row["vintage"],
                    "source": f"{row['publisher']} ({row['source_date']})",
                    "minus reference": gap,
                    "why it differs": reason,
                    "inference": "yes" if inferred else "no",
                }
            )
    return pd.DataFrame(records)


def as_published(row: pd.Series) -> str:
    """The figure in the unit its source printed, and how precise the source says it is:
    '-64622 (¥100 million (億円))', '-6 (¥ trillion), a lower bound'."""
    text, unit = row.get("published_text"), row.get("published_unit")
    if not isinstance(text, str) or not isinstance(unit, str):
        return ""
    precision = d.QUALIFIERS.get(row.get("qualifier"))  # none for an exact figure
    return f"{text} ({d.UNITS.get(unit, unit)})" + (f", {precision}" if precision else "")


def period_gaps(rows: pd.DataFrame, period_type: str, unit: str = "JPY_tn") -> pd.DataFrame:
    """Every pair of published totals for the same period of `period_type` that differ:
    the two figures, their bases and publishers, and the gap (second minus first)."""
    totals = rows[
        (rows["item"] == "digital_total")
        & (rows["flow"] == "balance")
        & (rows["unit"] == unit)
        & (rows["period_type"] == period_type)
    ]
    records = []
    for period, group in totals.groupby("period", sort=True):
        ordered = group.sort_values("value", ascending=False).drop_duplicates("value_text")
        for i, (_, first) in enumerate(ordered.iterrows()):
            for _, second in ordered.iloc[i + 1 :].iterrows():
                records.append(
                    {
                        "period": period,
                        "smaller deficit": first["value_text"],
                        "by": f"{first['publisher']} ({first['item_basis']}, {first['vintage']})",
                        "larger deficit": second["value_text"],
                        "by ": f"{second['publisher']} ({second['item_basis']}, "
                        f"{second['vintage']})",
                        "gap, ¥ trillion": str(
                            Decimal(first["value_text"]) - Decimal(second["value_text"])
                        ),
                    }
                )
    return pd.DataFrame(records)
