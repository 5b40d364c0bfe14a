"""The report's figures on the Bank of Japan's own months: every derived period and basis,
the annual table, and who is paid (the regional file).

Nothing here is stored: calendar and fiscal years, halves, bases and shares are computed at
each build from the months as published, and every derived row says so (`status = derived`).
"""

from __future__ import annotations

import hashlib
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pandas as pd

from digideficit.analysis import series
from digideficit.paths import build_dir
from digideficit.validated import data
from digideficit.validated import definitions as d
from digideficit.validated import official as o

# the partners of the regional file that are groups of economies, not economies
GROUPS = {
    "all partners",
    "Asia",
    "ASEAN",
    "EU",
    "Europe",
    "Eastern Europe, Russia, etc.",
    "North America",
    "Central and South America",
    "Oceania",
    "Middle East",
    "Africa",
    "OECD countries",
    "International Organization",
    "Unallocated",
}


# the tables last prepared, and what they give: a chapter asks several times for the same
_PREPARED: dict[int, tuple[data.Tables, pd.DataFrame, pd.DataFrame]] = {}


def _prepared(tables: data.Tables) -> tuple[data.Tables, pd.DataFrame, pd.DataFrame]:
    if id(tables) not in _PREPARED or _PREPARED[id(tables)][0] is not tables:
        _PREPARED.clear()
        _PREPARED[id(tables)] = (tables, *_derived(tables))
    return _PREPARED[id(tables)]


def _derived(tables: data.Tables) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every chapter derives the same periods from the same months: they are kept on disk by
    the hash of the data and of the code that derives them, so they are computed once per
    change, not once per chapter."""

    def derive() -> tuple[pd.DataFrame, pd.DataFrame]:
        digital = series.with_sources(tables.digital_services, tables.sources)
        context = series.with_sources(tables.context, tables.sources)
        return series.with_official_years(digital), series.with_official_context(context)

    return data.kept(_derived_path(tables), derive, "official-")


def _derived_path(tables: data.Tables) -> Path | None:
    if not tables.digest:
        return None
    code = hashlib.sha256(tables.digest.encode())
    for module in (series, sys.modules[__name__], d):
        code.update(Path(module.__file__).read_bytes())
    return build_dir() / ".tables" / f"official-{code.hexdigest()}.pickle"


def digital_rows(tables: data.Tables) -> pd.DataFrame:
    """Every digital row with its source: the published figures, the Bank of Japan's months,
    and what the months derive (each item's and each basis's years and halves)."""
    return _prepared(tables)[1].copy()


def context_rows(tables: data.Tables) -> pd.DataFrame:
    """Every context row with its source, and the years the official months derive."""
    return _prepared(tables)[2].copy()


def basis_series(rows: pd.DataFrame, basis: str, period_type: str = "CY") -> pd.DataFrame:
    """One official figure per period and flow of a basis (derived from the months)."""
    basis = d.series_basis(basis)
    chosen = rows[
        (rows["item"] == "digital_total")
        & (rows["item_basis"] == basis)
        & (rows["period_type"] == period_type)
        & (rows["source_id"] == "derived")
    ]
    return chosen.sort_values(["flow", "period"]).reset_index(drop=True)


def item_series(rows: pd.DataFrame, period_type: str = "CY") -> pd.DataFrame:
    """One official figure per item, flow and period (derived from the months)."""
    chosen = rows[
        (rows["item_basis"] == "item")
        & (rows["period_type"] == period_type)
        & (rows["source_id"] == "derived")
    ]
    return chosen.sort_values(["item", "flow", "period"]).reset_index(drop=True)


def in_100m(value_text: str) -> str:
    """¥ trillion written exactly → 億円 (¥100 million) rounded to the unit, with thousands
    separators, as tables print: '-65,959'."""
    return format(Decimal(value_text).scaleb(4).quantize(Decimal(1), rounding=ROUND_HALF_UP), ",f")


ANNUAL_COLUMNS = {
    ("3-item-computer", "balance"): "3 items, computer only: balance",
    ("5-item", "balance"): "5 items (= 3 items, MOF names): balance",
    ("5-item", "receipts"): "5 items: receipts",
    ("5-item", "payments"): "5 items: payments",
}


def annual_table(rows: pd.DataFrame, period_type: str = "CY", first: int = 2014) -> pd.DataFrame:
    """Every complete year from `first`: each basis's balance, the 5 items' receipts and
    payments, and each item's balance, in ¥100 million (億円), rounded to the unit."""
    table: dict[str, dict] = {}
    for (basis, flow), label in ANNUAL_COLUMNS.items():
        for _, row in basis_series(rows, basis, period_type).iterrows():
            if row["flow"] == flow and row["year"] >= first:
                table.setdefault(row["period"], {})[label] = in_100m(row["value_text"])
    items = item_series(rows, period_type)
    for key in ("computer", "telecom", "information", "copyright_royalties", "consulting"):
        part = items[(items["item"] == key) & (items["flow"] == "balance")]
        for _, row in part[part["year"] >= first].iterrows():
            table.setdefault(row["period"], {})[d.ITEMS[key].short_name] = in_100m(
                row["value_text"]
            )
    frame = pd.DataFrame.from_dict(table, orient="index")
    frame.index.name = "fiscal year" if period_type == "FY" else "year"
    return frame.reset_index()


def same_sum_gap(tables: data.Tables) -> Decimal:
    """The largest gap, in ¥100 million over every month since 2014, between the Ministry of
    Finance's 3 items and the Bank of Japan review's 5 items: the rounding of the file's
    eighth decimal, which shows that the two are one sum."""
    latest = o.latest(tables.boj_monthly).join(
        tables.boj_series.set_index("code")[["item", "flow", "frequency"]], on="code"
    )
    monthly = latest[(latest["frequency"] == "M") & (latest["flow"] == "balance")]
    wide = monthly.pivot(index="period", columns="item", values="value_text").dropna()
    gaps = [
        abs(
            sum(Decimal(row[i]) for i in d.BASES["3-item"].items)
            - sum(Decimal(row[i]) for i in d.BASES["5-item"].items)
        )
        for _, row in wide.iterrows()
    ]
    return max(gaps)


def partner_years(tables: data.Tables, item: str, flow: str = "payments") -> pd.DataFrame:
    """Calendar years (four quarters) of one item's flow by partner economy, in ¥100 million
    as published (exact sums), with each partner's share of the all-partner total."""
    values = o.latest(tables.boj_quarterly).join(
        tables.boj_series.set_index("code")[["item", "flow", "partner"]], on="code"
    )
    values = values[(values["item"] == item) & (values["flow"] == flow)]
    values = values.assign(year=values["period"].str[:4].astype(int))
    records = []
    for (partner, year), group in values.groupby(["partner", "year"], sort=True):
        if group["period"].nunique() != 4:
            continue
        total = sum(Decimal(v) for v in group["value_text"])
        records.append({"partner": partner, "year": year, "value_text": format(total, "f")})
    frame = pd.DataFrame(records)
    frame["value"] = frame["value_text"].astype(float)
    world = frame[frame["partner"] == "all partners"].set_index("year")["value"]
    frame["share"] = frame["value"] / frame["year"].map(world) * 100
    frame["is_economy"] = ~frame["partner"].isin(GROUPS)
    return frame.sort_values(["year", "value"], ascending=[True, False]).reset_index(drop=True)


def series_coverage(tables: data.Tables) -> pd.DataFrame:
    """Every official series the report reads: what it is, its code and official names, and
    the months (or quarters) the file gives, with its vintage."""
    listed = tables.boj_series
    records = []
    for values, frequency in ((tables.boj_monthly, "M"), (tables.boj_quarterly, "Q")):
        latest = o.latest(values)
        spans = latest.groupby("code").agg(
            first=("period", "min"), last=("period", "max"), values=("period", "size")
        )
        vintages = values.groupby("code")["vintage"].max()
        for _, row in listed[listed["frequency"] == frequency].iterrows():
            if row["code"] not in spans.index:
                continue
            span = spans.loc[row["code"]]
            records.append(
                {
                    "what": o.OFFICIAL_ITEMS[row["item"]],
                    "flow": row["flow"],
                    "partner": row["partner"],
                    "code": row["code"],
                    "official name": row["name"],
                    "公式名称": row["name_ja"],
                    "from": span["first"],
                    "to": span["last"],
                    "values": int(span["values"]),
                    "file of": vintages.loc[row["code"]],
                }
            )
    return pd.DataFrame(records)


def item_multiples(
    rows: pd.DataFrame, items: tuple[str, ...], start: int, end: int
) -> pd.DataFrame:
    """Each item's calendar-year deficit in `end` as a multiple of its deficit in `start`
    (official, derived from the months); an item in surplus at either end has no multiple."""
    balances = item_series(rows).query("flow == 'balance'")
    records = []
    for item in items:
        ends = balances[(balances["item"] == item) & balances["year"].isin([start, end])]
        by_year = ends.set_index("year")
        if {start, end} - set(by_year.index):
            continue
        first, last = by_year.loc[start], by_year.loc[end]
        if first["value"] >= 0 or last["value"] >= 0:
            continue
        records.append(
            {
                "item": item,
                "item name": d.ITEMS[item].short_name,
                "start": first["value"],
                "end": last["value"],
                "value": last["value"] / first["value"],
                "publisher": last["publisher"],
                "source_id": last["source_id"],
                "vintage": last["vintage"],
            }
        )
    columns = ["item", "item name", "start", "end", "value", "publisher", "source_id", "vintage"]
    frame = pd.DataFrame(records, columns=columns)
    return frame.sort_values("value", ascending=False).reset_index(drop=True)
