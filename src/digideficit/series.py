"""Choosing, deriving and laying out the digital-balance series from the validated rows."""

from __future__ import annotations

import pandas as pd

from digideficit import definitions as d

# When one year has several figures, the report uses the most authoritative vintage; the
# Bank of Japan's database (fetched, dated by its LAST_UPDATE) includes every revision so far.
VINTAGE_RANK = {"revised": 3, "preliminary": 2, "later-citation": 1}
OFFICIAL_DATABASE_RANK = 4


def vintage_rank(vintage: str) -> int:
    return OFFICIAL_DATABASE_RANK if d.is_official_vintage(vintage) else VINTAGE_RANK[vintage]


def with_sources(rows: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Adds the publisher, title, date and URL of each row's source."""
    cited = sources.rename(
        columns={
            "id": "source_id",
            "date": "source_date",
            "title": "source_title",
            "url": "source_url",
            "kind": "source_kind",
            "note": "source_note",
        }
    )
    return rows.merge(cited, on="source_id", how="left", validate="many_to_one")


def derive_balances(rows: pd.DataFrame) -> pd.DataFrame:
    """Balance = receipts − payments where a source states both but not the balance.

    Derived rows are marked `status = derived`; stated rows `status = sourced`.
    """
    rows = rows.assign(status="sourced")
    key = ["period", "period_type", "year", "item", "item_basis", "unit", "vintage", "source_id"]
    flows = rows.pivot_table(index=key, columns="flow", values="value", aggfunc="first")
    for flow in d.FLOWS:
        if flow not in flows:
            flows[flow] = float("nan")
    need = flows["balance"].isna() & flows["receipts"].notna() & flows["payments"].notna()
    derived = (flows.loc[need, "receipts"] - flows.loc[need, "payments"]).rename("value")
    derived = derived.reset_index().assign(
        flow="balance", status="derived", note="derived: receipts − payments"
    )
    return pd.concat([rows, derived], ignore_index=True)


def derive_totals(rows: pd.DataFrame, basis: str) -> pd.DataFrame:
    """Sums the items of `basis` wherever one vintage states every one of them for a period.

    Returns rows with item `digital_total`, `status = derived`; empty when no period is complete.
    """
    items = d.BASES[basis].items
    parts = rows[rows["item"].isin(items)]
    key = ["period", "period_type", "year", "flow", "unit", "vintage"]
    complete = parts.groupby(key).filter(lambda g: set(g["item"]) == set(items))
    if complete.empty:
        return rows.iloc[0:0].assign(status=pd.Series(dtype=str))
    summed = complete.groupby(key, as_index=False)["value"].sum()
    return summed.assign(
        item="digital_total",
        item_basis=basis,
        status="derived",
        source_id="derived",
        note=f"derived: sum of {', '.join(items)}",
    )


def totals(
    rows: pd.DataFrame,
    basis: str,
    flow: str = "balance",
    period_type: str = "CY",
    unit: str = "JPY_tn",
) -> pd.DataFrame:
    """Every stated or derived total for one basis, flow, period type and unit."""
    stated = derive_balances(rows)
    stated = stated[(stated["item"] == "digital_total") & (stated["item_basis"] == basis)]
    both = pd.concat([stated, derive_totals(rows, basis)], ignore_index=True)
    chosen = both[
        (both["flow"] == flow) & (both["period_type"] == period_type) & (both["unit"] == unit)
    ]
    return chosen.sort_values(["year", "vintage"]).reset_index(drop=True)


def best_available(candidates: pd.DataFrame, per: str = "year") -> pd.DataFrame:
    """One row per year (or per `period`): the latest vintage (the BOJ database's latest
    update first), then an official source over the press, then a stated figure over a
    derived one, then the most recent source, then the most precise figure. Rows keep their
    index, so a chosen row can be told apart from the candidates it beat."""
    if candidates.empty:
        return candidates
    missing = pd.Series("", index=candidates.index)
    ranked = candidates.assign(
        _vintage=candidates["vintage"].map(vintage_rank),
        # among database vintages the later update; the others have one of a kind
        _release=candidates["vintage"].where(candidates["vintage"].map(d.is_official_vintage), ""),
        _official=(candidates.get("source_kind", missing) == "official").astype(int),
        _stated=(candidates.get("status", missing.replace("", "sourced")) == "sourced").astype(int),
        _date=candidates.get("source_date", missing).fillna(""),
        _digits=candidates["value_text"].fillna("").str.len(),
    )
    order = ["_vintage", "_release", "_official", "_stated", "_date", "_digits"]
    ranked = ranked.sort_values([per, *order], ascending=[True] + [False] * len(order))
    best = ranked.drop_duplicates(per, keep="first")
    return best.drop(columns=order)


def total_for(rows: pd.DataFrame, basis: str, period_type: str, period: str) -> pd.Series | None:
    """The figure the report uses for one period on one basis (latest vintage), or None."""
    pool = totals(rows, basis, period_type=period_type)
    pool = pool[pool["period"] == period]
    return None if pool.empty else best_available(pool).iloc[0]


def on_year_grid(series: pd.DataFrame, first: int, last: int) -> pd.DataFrame:
    """Every year from `first` to `last`, with `has_figure` False where no source covers it."""
    grid = pd.DataFrame({"year": range(first, last + 1)})
    laid = grid.merge(series, on="year", how="left")
    laid["has_figure"] = laid["value"].notna()
    return laid


def coverage(rows: pd.DataFrame, first: int, last: int) -> pd.DataFrame:
    """Year × item matrix of the calendar-year balances: sourced, derived or missing."""
    items = [k for k in d.ITEMS if k != "digital_total"]
    cy = derive_balances(rows)
    cy = cy[(cy["period_type"] == "CY") & (cy["flow"] == "balance") & (cy["unit"] == "JPY_tn")]
    columns = {}
    for item in items:
        columns[d.ITEMS[item].name_en] = item_status(cy[cy["item"] == item], first, last)
    for basis in d.CHOOSABLE_BASES:
        columns[f"Total, {basis} basis"] = item_status(totals(rows, basis), first, last)
    return pd.DataFrame(columns, index=pd.Index(range(first, last + 1), name="year"))


def item_status(rows: pd.DataFrame, first: int, last: int) -> list[str]:
    status = []
    for year in range(first, last + 1):
        kinds = set(rows.loc[rows["year"] == year, "status"])
        status.append("sourced" if "sourced" in kinds else "derived" if kinds else "missing")
    return status
