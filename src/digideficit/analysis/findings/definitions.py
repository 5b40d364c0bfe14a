"""Why totals differ: which items each basis adds up, the official annual figures on both
bases, and every published total set against the official figure of its period."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from digideficit.analysis import official, reconcile
from digideficit.analysis import quantities as q
from digideficit.validated import data, params
from digideficit.validated import definitions as d

CHAPTER = "definitions"
# the order the reconciliation groups its periods in
PERIOD_ORDER = ("CY", "FY", "H1", "FH1", "YTD", "M")


def money(value_text: str, style: str = "amount", places: int | None = 2, qualifier="") -> q.Money:
    return q.Money(Decimal(value_text), style=style, places=places, qualifier=qualifier)


def published(value_text: str, qualifier: str) -> q.Money:
    """A published figure as its source wrote it (its digits, its hedge)."""
    return money(value_text, places=None, qualifier=qualifier)


def membership() -> pd.DataFrame:
    """Every digital item (the totals' parts), and whether each basis adds it up."""
    records = []
    for key, item in d.ITEMS.items():
        if key == "digital_total":
            continue
        records.append(
            {
                "item": key,
                "parent": item.parent or "",
                **{basis: key in d.BASES[basis].items for basis in ("3-item-computer", "5-item")},
                "3-item": key in d.BASES["3-item"].items,
            }
        )
    return pd.DataFrame(records)


def annual_tidy(rows: pd.DataFrame, first_year: int) -> pd.DataFrame:
    """The official calendar and fiscal years of both bases, every flow, one row per figure."""
    frames = [
        official.basis_series(rows, basis, period_type)
        for basis in d.DISTINCT_BASES
        for period_type in ("CY", "FY")
    ]
    both = pd.concat(frames, ignore_index=True)
    both = both[both["year"] >= first_year]
    return pd.DataFrame(
        {
            "period": both["period"],
            "period_type": both["period_type"],
            "year": both["year"].astype(int),
            "basis": both["item_basis"],
            "flow": both["flow"],
            "value": both["value"],
            "value_text": both["value_text"],
            "unit": both["unit"],
            "vintage": both["vintage"],
        }
    ).reset_index(drop=True)


def grouped(reconciled: pd.DataFrame) -> pd.DataFrame:
    """The reconciliation in reading order: by period type, then period, then size."""
    order = {period_type: i for i, period_type in enumerate(PERIOD_ORDER)}
    ranked = reconciled.assign(
        _order=reconciled["period_type"].map(order),
        _value=reconciled["value_text"].astype(float),
    )
    ranked = ranked.sort_values(["_order", "year", "period", "_value"], ascending=[1, 1, 1, 0])
    return ranked.drop(columns=["_order", "_value"]).reset_index(drop=True)


def findings(tables: data.Tables | None = None, **parameters) -> q.Findings:
    """The chapter's findings for `basis`, `first_year` and `lang` (None: params.yml)."""
    chosen = params.resolve(CHAPTER, **parameters)
    basis, first_year = chosen["basis"], chosen["first_year"]
    other = next(b for b in d.DISTINCT_BASES if b != basis)
    tables = tables or data.load()
    rows = official.digital_rows(tables)
    values: dict[str, object] = {}
    frames: dict[str, pd.DataFrame] = {}

    # the items of each basis, and the one sum the Ministry's and the Bank's lists give
    for key, name in (("3-item-computer", "3c"), ("5-item", "5"), ("3-item", "3")):
        values[f"df_items_{name}"] = q.Listing(tuple(q.Item(i) for i in d.BASES[key].items))
        values[f"df_count_{name}"] = q.Count(len(d.BASES[key].items), "item")
    months = rows[(rows["period_type"] == "M") & (rows["item"] == "computer")]
    values["df_same_sum_months"] = q.Span(months["period"].min(), months["period"].max())
    values["df_same_sum_gap"] = q.Number(float(official.same_sum_gap(tables)), places=8)
    frames["items"] = membership()

    # the official annual figures on both bases
    annual = annual_tidy(rows, first_year)
    frames["annual"] = annual
    frames["calendar_years"] = official.annual_table(rows, "CY", first_year)
    frames["fiscal_years"] = official.annual_table(rows, "FY", first_year)
    balances = annual[(annual["flow"] == "balance") & (annual["period_type"] == "CY")]
    calendar = balances.pivot(index="year", columns="basis", values="value_text")
    fiscal = annual[(annual["flow"] == "balance") & (annual["period_type"] == "FY")]
    values["df_years"] = q.Span(str(calendar.index.min()), str(calendar.index.max()))
    values["df_fiscal_years"] = q.Span(fiscal["period"].min(), fiscal["period"].max())
    vintage = annual["vintage"].max()
    values["df_source"] = q.Source(vintage)
    latest_year, first = int(calendar.index.max()), int(calendar.index.min())
    values["df_first_year"] = q.Period(str(first))
    values["df_latest_year"] = q.Period(str(latest_year))
    values["df_previous_year"] = q.Period(str(latest_year - 1))
    for key, name in ((basis, "chosen"), (other, "other")):
        latest, start = calendar.loc[latest_year, key], calendar.loc[first, key]
        previous = calendar.loc[latest_year - 1, key] if latest_year - 1 in calendar.index else None
        values[f"df_basis_{name}"] = q.Basis(key)
        values[f"df_latest_{name}"] = money(latest, "balance")
        values[f"df_multiple_{name}"] = q.Multiple(float(Decimal(latest) / Decimal(start)))
        if previous is not None:
            values[f"df_change_{name}"] = money(str(Decimal(latest) - Decimal(previous)), "change")
    values["df_basis_gap"] = money(
        str(
            abs(
                Decimal(calendar.loc[latest_year, "5-item"])
                - Decimal(calendar.loc[latest_year, "3-item-computer"])
            )
        )
    )

    # every published total against the official figure of its period and basis
    reconciled = grouped(reconcile.reconciliation(rows))
    frames["reconciliation"] = reconciled
    values["df_published_count"] = q.Count(len(reconciled), "figure")
    values["df_publisher_count"] = q.Count(reconciled["publisher"].nunique(), "publishing-body")
    values["df_period_count"] = q.Count(reconciled["period"].nunique(), "period")
    values["df_inferred_count"] = q.Count(int((reconciled["inference"] == "yes").sum()), "figure")
    for code in reconcile.REASONS:
        n = int((reconciled["reason"] == code).sum())
        values[f"df_reason_{code.replace('-', '_')}"] = q.Count(n, "figure")
    calendar_published = reconciled[reconciled["period_type"] == "CY"]
    busiest = calendar_published["period"].value_counts().sort_index()
    busiest_period = busiest.idxmax()
    crowded = calendar_published[calendar_published["period"] == busiest_period]
    sizes = crowded["value_text"].map(Decimal)
    values["df_busiest_year"] = q.Period(busiest_period)
    values["df_busiest_count"] = q.Count(len(crowded), "figure")
    values["df_busiest_low"] = published(
        crowded.loc[sizes.idxmax(), "value_text"], crowded.loc[sizes.idxmax(), "qualifier"]
    )
    values["df_busiest_high"] = published(
        crowded.loc[sizes.idxmin(), "value_text"], crowded.loc[sizes.idxmin(), "qualifier"]
    )
    year_official = (
        calendar.loc[int(busiest_period)] if int(busiest_period) in calendar.index else None
    )
    if year_official is not None:
        values["df_busiest_official_3c"] = money(year_official["3-item-computer"])
        values["df_busiest_official_5"] = money(year_official["5-item"])

    # how far each year moved from its first release
    first_releases = reconcile.first_releases(reconciled)
    frames["first_releases"] = first_releases
    stated = first_releases[
        (first_releases["inference"] == "no") & ~first_releases["within rounding"]
    ]
    values["df_first_release_count"] = q.Count(len(first_releases), "figure")
    if not stated.empty:
        moves = stated["moved_text"].map(lambda t: abs(Decimal(t)))
        largest = stated.loc[moves.idxmax()]
        values["df_revision_period"] = q.Period(largest["period"])
        values["df_revision_first"] = published(largest["preliminary_text"], largest["qualifier"])
        values["df_revision_now"] = money(largest["official_text"])
        values["df_revision_move"] = money(largest["moved_text"], "change")
        values["df_revision_share"] = q.Share(
            float(abs(Decimal(largest["moved_text"]) / Decimal(largest["preliminary_text"]))),
            places=0,
        )
        values["df_revision_publisher"] = q.Publisher(largest["publisher"])

    # the page's sources: the Bank of Japan's file and every publisher of a total
    frames["sources"] = tables.sources
    cited = [*tables.boj_monthly["source_id"].unique(), *reconciled["source_id"]]
    frames["cited"] = pd.DataFrame({"source_id": sorted(set(cited))})
    return q.Findings(values=values, frames=frames, parameters=chosen)
