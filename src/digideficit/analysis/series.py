"""Choosing, deriving and laying out the digital-balance series from the validated rows."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from digideficit.validated import definitions as d
from digideficit.validated.schema import half_unit

# When one year has several figures, the report uses the most authoritative vintage; the
# Bank of Japan's database (fetched, dated by its LAST_UPDATE) includes every revision so far.
VINTAGE_RANK = {"revised": 3, "preliminary": 2, "later-citation": 1, "commentary": 0}
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
            # a source's Japanese note, if the sources give one, beside an event's own
            "note_ja": "source_note_ja",
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


def has_every_item(group: pd.DataFrame, items: tuple[str, ...]) -> bool:
    """One figure for each item of a basis, no more: two sources for one item would be
    added twice."""
    return set(group["item"]) == set(items) and len(group) == len(items)


def sum_of_items(text: pd.Series) -> str:
    """The exact sum of figures written as text, to the precision of the parts."""
    return format(sum(Decimal(t) for t in text), "f")


def summed_row(group: pd.DataFrame, last: pd.Series, basis: str, note: str, **extra) -> dict:
    """A derived total of `basis` from the items in `group`: `last`'s columns, the exact sum,
    and the most authoritative vintage among the parts."""
    total = sum_of_items(group["value_text"])
    return {
        **last.to_dict(),
        "item": "digital_total",
        "item_basis": basis,
        "value": float(total),
        "value_text": total,
        "vintage": max(group["vintage"], key=lambda v: (vintage_rank(v), v)),
        "note": note,
        **extra,
    }


def derive_totals(rows: pd.DataFrame, basis: str) -> pd.DataFrame:
    """Sums the items of `basis` wherever one vintage states every one of them for a period.

    Returns rows with item `digital_total`, `status = derived`; empty when no period is complete.
    """
    items = d.BASES[basis].items
    parts = rows[rows["item"].isin(items)]
    key = ["period", "period_type", "year", "flow", "unit", "vintage"]
    complete = parts.groupby(key).filter(lambda g: has_every_item(g, items))
    if complete.empty:
        return rows.iloc[0:0].assign(status=pd.Series(dtype=str))
    summed = complete.groupby(key, as_index=False).agg(
        value=("value", "sum"),
        value_text=("value_text", sum_of_items),
    )
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
    commentary: bool = False,
) -> pd.DataFrame:
    """Every stated or derived total for one basis, flow, period type and unit; a
    commentator's approximate figure only when `commentary` is asked for — the series is
    built from official releases and the press reports of them."""
    if not commentary:
        rows = rows[rows["vintage"] != "commentary"]
    stated = derive_balances(rows)
    stated = stated[(stated["item"] == "digital_total") & (stated["item_basis"] == basis)]
    both = pd.concat([stated, derive_totals(rows, basis)], ignore_index=True)
    chosen = both[
        (both["flow"] == flow) & (both["period_type"] == period_type) & (both["unit"] == unit)
    ]
    return chosen.sort_values(["year", "vintage"]).reset_index(drop=True)


def best_available(candidates: pd.DataFrame, per: str = "year") -> pd.DataFrame:
    """One row per year (or per `period`): a figure over a mere lower bound ("more than
    ¥6 trillion"), then the latest vintage (the BOJ database's latest update first), then an
    official source over the press, then a stated figure over a derived one, then the most
    recent source, then the most precise figure. Rows keep their index, so a chosen row can
    be told apart from the candidates it beat."""
    if candidates.empty:
        return candidates
    missing = pd.Series("", index=candidates.index)
    ranked = candidates.assign(
        _figure=(candidates.get("qualifier", missing).fillna("") != "more than").astype(int),
        _vintage=candidates["vintage"].map(vintage_rank),
        # among database vintages the later update; the others have one of a kind
        _release=candidates["vintage"].where(candidates["vintage"].map(d.is_official_vintage), ""),
        _official=(candidates.get("source_kind", missing) == "official").astype(int),
        _stated=(candidates.get("status", missing.replace("", "sourced")) == "sourced").astype(int),
        _date=candidates.get("source_date", missing).fillna(""),
        _digits=candidates["value_text"].fillna("").str.len(),
    )
    order = ["_figure", "_vintage", "_release", "_official", "_stated", "_date", "_digits"]
    ranked = ranked.sort_values([per, *order], ascending=[True] + [False] * len(order))
    best = ranked.drop_duplicates(per, keep="first")
    return best.drop(columns=order)


def total_for(rows: pd.DataFrame, basis: str, period_type: str, period: str) -> pd.Series | None:
    """The figure the report uses for one period on one basis (latest vintage), or None."""
    pool = totals(rows, basis, period_type=period_type)
    pool = pool[pool["period"] == period]
    return None if pool.empty else best_available(pool).iloc[0]


def period_totals(
    rows: pd.DataFrame, basis: str | None, period_type: str, period: str
) -> pd.DataFrame:
    """Every distinct published balance for one period (seed articles excluded): those on
    `basis` where there are any, otherwise (or with `basis` None) those on every basis — a
    fiscal year or a half year is often published only by outlets that name no item list."""
    pool = rows[
        (rows["item"] == "digital_total")
        & (rows["flow"] == "balance")
        & (rows["unit"] == "JPY_tn")
        & (rows["period_type"] == period_type)
        & (rows["period"] == period)
        & (rows["source_kind"] != "seed")
    ]
    on_basis = pool[pool["item_basis"] == basis]
    chosen = on_basis if basis is not None and not on_basis.empty else pool
    # the most precise figures first; a coarser one that is a rounding of a figure already
    # kept (7.0 of 6.9651) adds nothing and is left out
    chosen = chosen.assign(_digits=chosen["value_text"].str.len())
    chosen = chosen.sort_values(["_digits", "source_date"], ascending=False)
    kept: list = []
    for index, row in chosen.iterrows():
        if not any(
            abs(Decimal(row["value_text"]) - Decimal(chosen.loc[k, "value_text"]))
            <= half_unit(row["value_text"])
            for k in kept
        ):
            kept.append(index)
    return chosen.loc[kept].drop(columns="_digits").sort_values("value")


def on_year_grid(series: pd.DataFrame, first: int, last: int) -> pd.DataFrame:
    """Every year from `first` to `last`, with `has_figure` False where no source covers it."""
    grid = pd.DataFrame({"year": range(first, last + 1)})
    laid = grid.merge(series, on="year", how="left")
    laid["has_figure"] = laid["value"].notna()
    return laid


def item_balances(rows: pd.DataFrame, flow: str = "balance") -> pd.DataFrame:
    """Calendar-year figures of single items (not totals): one per item and year, chosen
    as `best_available` chooses, with `run` numbering unbroken stretches of years."""
    items = rows[
        (rows["item_basis"] == "item")
        & (rows["flow"] == flow)
        & (rows["period_type"] == "CY")
        & (rows["unit"] == "JPY_tn")
    ]
    chosen = [best_available(group) for _, group in items.groupby("item", sort=True)]
    if not chosen:
        return items.assign(run=pd.Series(dtype=int))
    best = pd.concat(chosen).sort_values(["item", "year"])
    return best.assign(run=best.groupby("item")["year"].transform(runs))


def missing_years(rows: pd.DataFrame, group: str, first: int, last: int) -> dict[str, list]:
    """For each value of `group` in `rows`, the years from `first` to `last` with no row."""
    span = set(range(first, last + 1))
    return {key: sorted(span - set(part["year"])) for key, part in rows.groupby(group, sort=True)}


def runs(years: pd.Series) -> pd.Series:
    """A number per unbroken run of consecutive years, so that a line drawn with
    `detail=run` stops at a year with no figure instead of bridging it."""
    years = years.astype(int)
    return (years.diff() != 1).cumsum()


# Months: the Bank of Japan's monthly figures (`make fetch`), and the years made from them.

MONTH_SERIES = ["item", "item_basis", "flow", "unit"]


def best_months(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per month and series: the figure of the latest vintage (see `best_available`)."""
    months = rows[rows["period_type"] == "M"]
    if months.empty:
        return months
    chosen = [
        best_available(group, per="period")
        for _key, group in months.groupby(MONTH_SERIES, sort=False)
    ]
    return pd.concat(chosen).sort_values([*MONTH_SERIES, "period"])


def fiscal_year_of(period: str) -> int:
    """The fiscal year (April–March, labelled by the year it starts) a month 'YYYY-MM' is in."""
    year, month = int(period[:4]), int(period[5:7])
    return year if month >= 4 else year - 1


# The periods summed from months: the key of the period a month 'YYYY-MM' falls in (None if
# outside any), how many months complete it, and its label.
DERIVED_PERIODS = {
    "CY": (lambda y, m: y, 12, str),
    "FY": (lambda y, m: y if m >= 4 else y - 1, 12, "FY{}".format),
    "H1": (lambda y, m: y if m <= 6 else None, 6, "{}-H1".format),
    "FH1": (lambda y, m: y if 4 <= m <= 9 else None, 6, "FY{}-H1".format),
}


def annual_from_months(rows: pd.DataFrame, period_types=("CY", "FY")) -> pd.DataFrame:
    """Calendar and fiscal years (and, when asked, the halves in `DERIVED_PERIODS`) summed
    from months, only where every month of the period exists: a year missing a month is not
    a year.

    Each month counts at its latest vintage; a derived period takes the latest vintage of its
    months, the source columns of its last month, `status = derived` and
    `source_id = derived`. Empty when no period is complete."""
    months = best_months(rows)
    if months.empty:
        return rows.iloc[0:0].assign(status=pd.Series(dtype=str))
    columns = list(months.columns)
    records = months.to_dict("records")
    groups: dict[tuple, list[dict]] = {}
    for record in records:
        year, month = int(record["period"][:4]), int(record["period"][5:7])
        series_key = tuple(record[c] for c in MONTH_SERIES)
        for period_type in period_types:
            key_of, _n, _label = DERIVED_PERIODS[period_type]
            key = key_of(year, month)
            if key is not None:
                groups.setdefault((period_type, series_key, key), []).append(record)
    derived = []
    for (period_type, _series, key), members in sorted(groups.items(), key=lambda g: g[0]):
        _key_of, needed, label = DERIVED_PERIODS[period_type]
        if len({m["period"] for m in members}) != needed:
            continue
        members = sorted(members, key=lambda m: m["period"])
        total = sum(Decimal(m["value_text"]) for m in members)
        derived.append(
            {
                **members[-1],
                "period": label(key),
                "period_type": period_type,
                "year": key,
                "value": float(total),
                "value_text": format(total, "f"),
                "vintage": max((m["vintage"] for m in members), key=lambda v: (vintage_rank(v), v)),
                "source_id": "derived",
                "status": "derived",
                "note": f"derived: sum of the {needed} months {members[0]['period']} to "
                f"{members[-1]['period']}",
            }
        )
    return pd.DataFrame(
        derived, columns=[*columns, "status"] if "status" not in columns else columns
    )


def with_official_years(rows: pd.DataFrame, period_types=("CY", "FY", "H1", "FH1")) -> pd.DataFrame:
    """`rows` and what the Bank of Japan's months derive: each item's calendar and fiscal
    years and halves, and the total of every distinct basis (`definitions.DISTINCT_BASES`)
    for each of those periods. Official figures outrank press ones (`best_available`), so a
    series built from the result is the official one wherever the months are complete."""
    years = annual_from_months(rows, period_types)
    if years.empty:
        return rows
    totals_by_basis = [summed_totals(years, basis) for basis in d.DISTINCT_BASES]
    return pd.concat([rows, years, *totals_by_basis], ignore_index=True)


def with_official_context(context: pd.DataFrame) -> pd.DataFrame:
    """`context` and the calendar and fiscal years of every balance the Bank of Japan's
    months give (current account, goods, services, travel, primary income …), summed where
    every month is there. Rates and stocks are never summed."""
    flows = context[(context["period_type"] == "M") & context["measure"].str.endswith("_balance")]
    if flows.empty:
        return context
    as_series = flows.assign(item=flows["measure"], item_basis="context", flow="balance")
    years = annual_from_months(as_series)
    years = years.drop(columns=["item", "item_basis", "flow"])
    return pd.concat([context, years], ignore_index=True)


def summed_totals(years: pd.DataFrame, basis: str) -> pd.DataFrame:
    """The total of `basis` for every derived period where each of its items is there."""
    items = d.BASES[basis].items
    parts = years[years["item"].isin(items)]
    derived = []
    for _key, group in parts.groupby(["period", "period_type", "flow", "unit"], sort=True):
        if not has_every_item(group, items):
            continue
        last = group.sort_values("source_date" if "source_date" in group else "vintage").iloc[-1]
        note = f"derived: sum of {', '.join(items)}, each the sum of its months"
        derived.append(summed_row(group, last, basis, note))
    return pd.DataFrame(derived, columns=years.columns)


def monthly_totals(rows: pd.DataFrame, basis: str, flow: str = "balance") -> pd.DataFrame:
    """One figure per month for a basis: a stated monthly total, or the sum of the basis's
    items where every one has a figure for that month (each at its latest vintage)."""
    months = best_months(derive_balances(rows))
    if months.empty:
        return months
    months = months[(months["flow"] == flow) & (months["unit"] == "JPY_tn")]
    stated = months[(months["item"] == "digital_total") & (months["item_basis"] == basis)]
    items = d.BASES[basis].items
    parts = months[months["item"].isin(items)]
    derived = []
    for period, group in parts.groupby("period", sort=True):
        if not has_every_item(group, items):
            continue
        note = f"derived: sum of {', '.join(items)}"
        derived.append(
            summed_row(
                group,
                group.iloc[-1],
                basis,
                note,
                source_id="derived",
                status="derived",
                period=period,
            )
        )
    both = pd.concat([stated, pd.DataFrame(derived, columns=stated.columns)], ignore_index=True)
    if both.empty:
        return both
    return best_available(both, per="period").sort_values("period").reset_index(drop=True)


def rolling_12(monthly: pd.DataFrame) -> pd.DataFrame:
    """`monthly` (one row per month) with `rolling_12`, the sum of the twelve months ending
    with each month, where all twelve exist (as text too, `rolling_12_text`); for a chart."""
    frame = monthly[["period", "value", "value_text"]].copy().reset_index(drop=True)
    by_month = dict(zip(frame["period"], frame["value_text"], strict=True))
    sums = []
    for period in frame["period"]:
        year, month = int(period[:4]), int(period[5:7])
        window = [
            f"{(year * 12 + month - 1 - back) // 12}-{(year * 12 + month - 1 - back) % 12 + 1:02d}"
            for back in range(12)
        ]
        sums.append(
            format(sum(Decimal(by_month[m]) for m in window), "f")
            if all(m in by_month for m in window)
            else None
        )
    frame["rolling_12_text"] = sums
    frame["rolling_12"] = pd.to_numeric(pd.Series(sums, dtype=object), errors="coerce")
    return frame
