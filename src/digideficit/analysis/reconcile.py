"""Why published totals for the same year differ: each headline figure explained by its
item basis, its vintage and its period, measured against one reference figure."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from digideficit.analysis.series import monthly_totals
from digideficit.validated import definitions as d
from digideficit.validated.schema import half_unit


def months_of(period: str, period_type: str) -> list[str]:
    """'2024-01/2024-10' → the ten months; '2025-02' → itself."""
    if period_type == "M":
        return [period]
    first, last = period.split("/")
    start = int(first[:4]) * 12 + int(first[5:7]) - 1
    end = int(last[:4]) * 12 + int(last[5:7]) - 1
    return [f"{m // 12}-{m % 12 + 1:02d}" for m in range(start, end + 1)]


def run_of_months(row: pd.Series, monthly: dict[str, pd.DataFrame]) -> dict[str, pd.Series]:
    """For a month or a run of months: each basis's sum of those months, where all exist."""
    wanted = months_of(row["period"], row["period_type"])
    found = {}
    for basis, months in monthly.items():
        part = months[months["period"].isin(wanted)]
        if part["period"].nunique() == len(wanted):
            total = sum(Decimal(t) for t in part["value_text"])
            found[basis] = pd.Series({"value_text": format(total, "f")})
    return found


def official_for(
    row: pd.Series, period_rows: pd.DataFrame, monthly: dict[str, pd.DataFrame]
) -> dict[str, pd.Series]:
    """The official figures of the row's period, one per distinct basis: the sums the report
    derives from the Bank of Japan's months (`series.with_official_years`)."""
    if row["period_type"] in ("M", "YTD"):
        return run_of_months(row, monthly)
    derived = period_rows[
        (period_rows["source_id"] == "derived")
        & (period_rows["period_type"] == row["period_type"])
        & (period_rows["period"] == row["period"])
    ]
    return {
        basis: part.iloc[0]
        for basis in d.DISTINCT_BASES
        if not (part := derived[derived["item_basis"] == basis]).empty
    }


def reference_for(row: pd.Series, official: dict[str, pd.Series]) -> tuple[str | None, bool]:
    """The official basis a published total is set against: its own basis's sum where it
    names its items ('3-item' → the 5-item sum), else the sum nearest to it (an inference)."""
    if not official:
        return None, False
    if d.BASES[row["item_basis"]].items:
        basis = d.series_basis(row["item_basis"])
        return (basis, False) if basis in official else (None, False)
    published = Decimal(row["value_text"])
    nearest = min(official, key=lambda b: abs(Decimal(official[b]["value_text"]) - published))
    return nearest, True


def explain(row: pd.Series, basis: str | None, inferred: bool, gap: Decimal | None) -> str:
    """Why a published total differs from the official figure it is set against."""
    if basis is None:
        return "the Bank of Japan's months do not cover this period"
    label = d.BASES[basis].label
    if inferred:
        reasons = [f"no item list published; nearest official sum: {label}"]
    elif row["item_basis"] != basis:
        reasons = [f"{d.BASES[row['item_basis']].label}: the same sum as {label}"]
    else:
        reasons = [label]
    if gap is not None and abs(gap) <= half_unit(row["value_text"]):
        reasons.append("equal to the official figure at the precision printed")
    elif row["vintage"] in ("preliminary", "later-citation", "commentary"):
        reasons.append(
            f"{d.vintage_description(row['vintage'])}; the official file holds later revisions"
        )
    else:
        reasons.append("differs from the official figure beyond rounding")
    return "; ".join(reasons)


def reconciliation(rows: pd.DataFrame, unit: str = "JPY_tn") -> pd.DataFrame:
    """Every published digital-total balance in `unit`, set against the official figure of
    the same period on its basis (or, for a total whose publisher names no item list, the
    nearest official sum), and why it differs."""
    totals = rows[
        (rows["item"] == "digital_total") & (rows["flow"] == "balance") & (rows["unit"] == unit)
    ]
    published = totals[
        (totals["source_id"] != "derived")
        & (totals["source_kind"] != "seed")
        & ~totals["vintage"].map(d.is_official_vintage)
    ]
    monthly = {basis: monthly_totals(rows, basis) for basis in d.DISTINCT_BASES}
    records = []
    for _, row in published.sort_values(["year", "period_type", "period", "value"]).iterrows():
        official = official_for(row, totals, monthly)
        basis, inferred = reference_for(row, official)
        gap = (
            None
            if basis is None
            else Decimal(row["value_text"]) - Decimal(official[basis]["value_text"])
        )
        records.append(
            {
                "year": row["year"],
                "period": row["period"],
                "published balance": row["value_text"],
                "as published": as_published(row),
                "basis": row["item_basis"],
                "vintage": row["vintage"],
                "source": f"{row['publisher']} ({row['source_date']})",
                "official": ""
                if basis is None
                else f"{Decimal(official[basis]['value_text']):.4f} ({basis})",
                "published minus official": "" if gap is None else f"{gap:+.4f}",
                "why it differs": explain(row, basis, inferred, gap),
                "inference": "yes" if inferred else "no",
                # the same, as data: for a compact table and its legend
                "period_type": row["period_type"],
                "value_text": row["value_text"],
                "qualifier": qualifier_of(row),
                "official basis": basis or "",
                "official_text": "" if basis is None else official[basis]["value_text"],
                "reason": reason(row, basis, gap),
                "source_id": row["source_id"],
                "publisher": row["publisher"],
                "source_date": row["source_date"],
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


# Why a published total differs from its official figure, as a short code (the reader's
# words for each are the page's, in its language); `explain` says the same in a sentence.
REASONS = {
    "rounding": "equal to the official figure at the precision printed",
    "bound": "a lower bound the official figure meets",
    "revised": "a first release (速報); the official months have been revised since",
    "older": "quoted later from an earlier release; the official months have been revised since",
    "estimate": "a commentator's approximate figure, not an official release",
    "differs": "differs from the official figure beyond rounding, for no reason the data show",
    "no-official": "the Bank of Japan's months do not cover this period",
}
VINTAGE_REASONS = {"preliminary": "revised", "later-citation": "older", "commentary": "estimate"}


def qualifier_of(row: pd.Series) -> str:
    """The source's own hedge ('about', 'more than'), or '' for an exact figure."""
    qualifier = row.get("qualifier")
    return qualifier if isinstance(qualifier, str) else ""


def reason(row: pd.Series, basis: str | None, gap: Decimal | None) -> str:
    """The code in `REASONS` for a published total set against the official figure of
    `basis` (None: no official figure), `gap` being published minus official."""
    if basis is None or gap is None:
        return "no-official"
    if abs(gap) <= half_unit(row["value_text"]):
        return "rounding"
    published = Decimal(row["value_text"])
    official = published - gap
    if qualifier_of(row) == "more than" and (
        abs(official) > abs(published) and (official < 0) == (published < 0)
    ):
        return "bound"
    return VINTAGE_REASONS.get(row["vintage"], "differs")


def first_releases(reconciled: pd.DataFrame, period_types=("CY", "FY")) -> pd.DataFrame:
    """How far each year moved from its first release to the official figure now: for every
    period of `period_types` and official basis, the most precise preliminary total published
    (`reconciliation` rows of vintage "preliminary"), today's official figure and the move
    (official minus preliminary: negative when the deficit was revised wider). `within
    rounding` marks a move smaller than the rounding of the published figure."""
    first = reconciled[
        (reconciled["vintage"] == "preliminary")
        & reconciled["period_type"].isin(period_types)
        & (reconciled["official basis"] != "")
    ]
    first = first.assign(_digits=first["value_text"].str.len())
    first = first.sort_values(["_digits", "source_date"], ascending=False)
    chosen = first.drop_duplicates(["period", "official basis"], keep="first")
    order = {period_type: i for i, period_type in enumerate(period_types)}
    chosen = chosen.assign(_order=chosen["period_type"].map(order))
    chosen = chosen.sort_values(["_order", "year", "official basis"])
    moved = [
        format(Decimal(official) - Decimal(published), "f")
        for official, published in zip(chosen["official_text"], chosen["value_text"], strict=True)
    ]
    return pd.DataFrame(
        {
            "period": chosen["period"],
            "period_type": chosen["period_type"],
            "year": chosen["year"],
            "official basis": chosen["official basis"],
            "published basis": chosen["basis"],
            "inference": chosen["inference"],
            "preliminary_text": chosen["value_text"],
            "qualifier": chosen["qualifier"],
            "official_text": chosen["official_text"],
            "moved_text": moved,
            "within rounding": (chosen["reason"] == "rounding").to_numpy(),
            "source_id": chosen["source_id"],
            "publisher": chosen["publisher"],
            "source_date": chosen["source_date"],
        }
    ).reset_index(drop=True)
