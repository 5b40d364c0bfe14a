"""The Bank of Japan's own series: which ones the report uses, and their values as published.

Three tables, each validated like the others (file, line, column and rule on failure):

- `boj_series.csv` — one row per official series: database, code, frequency, the official
  English and Japanese names from the BOJ's catalogue, and what the series is in the report
  (`item`: a digital item or a context measure; `flow`; `partner` for the regional file).
- `boj_monthly.csv` — BP01 monthly values, one per code, month and vintage, written exactly
  as the Bank of Japan's file gives them (¥100 million, unrounded).
- `boj_quarterly.csv` — the regional file's quarterly values by partner economy, same form.

A vintage is the date of the file (or database update) a value was read from; a revised
value is a second row with a later vintage, the first stays. Calendar and fiscal years,
halves, rolling sums and bases are never stored: the analysis derives them from the months.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pandera.pandas as pa

from digideficit.validated import definitions as d
from digideficit.validated.schema import (
    Problem,
    TableSpec,
    line_of,
    matches,
    one_of,
    text,
)

DATABASES = {
    "BP01": "balance of payments (BPM6)",
    "FM08": "foreign exchange rates",
}
FREQUENCIES = {"M": "monthly", "Q": "quarterly"}
# the units the Bank of Japan's files state, as the series list records them
UNITS = {
    "100 million yen": ("JPY_100m", "¥100 million (億円)"),
    "yen per U.S. dollar": ("JPY_per_USD", "yen per US dollar"),
}
# what an official series is in the report: a digital item, a wider item that holds one, or
# a line of the balance of payments set beside the digital items
OFFICIAL_ITEMS = {
    **{key: item.name_en for key, item in d.ITEMS.items() if key != "digital_total"},
    "ip_charges": "Charges for the use of intellectual property (all)",
    "industrial_property": "Charges for the use of industrial property",
    "current_account_balance": "Current account",
    "trade_balance": "Goods",
    "services_balance": "Services",
    "travel_balance": "Travel",
    "other_services_balance": "Other services",
    "primary_income_balance": "Primary income",
    "secondary_income_balance": "Secondary income",
    "usd_jpy_average": "US dollar / yen, monthly average",
}
OFFICIAL_FLOWS = {**{f: f for f in d.FLOWS}, "rate": "a price, not a flow"}

MONTH = r"^\d{4}-(0[1-9]|1[0-2])$"
QUARTER = r"^\d{4}-Q[1-4]$"
DAY = r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"

SERIES = TableSpec(
    columns={
        "db": text(one_of(DATABASES)),
        "code": text(matches(r"^[A-Z0-9]+$", "a BOJ series code (capitals and digits)")),
        "frequency": text(one_of(FREQUENCIES)),
        "name": text(),
        "name_ja": text(),
        "item": text(one_of(OFFICIAL_ITEMS)),
        "flow": text(one_of(OFFICIAL_FLOWS)),
        "partner": text(required=False),
        "unit": text(one_of(UNITS)),
        "note": text(required=False),
    },
    key=["code"],
    optional={"partner", "note"},
)


def values_spec(period: str, rule: str) -> TableSpec:
    return TableSpec(
        columns={
            "code": text(matches(r"^[A-Z0-9]+$", "a BOJ series code (capitals and digits)")),
            "period": text(matches(period, rule)),
            "vintage": text(matches(DAY, "the file's date, YYYY-MM-DD")),
            "source_id": text(),
        },
        numeric={"value": pa.Column(float, nullable=False)},
        key=["code", "period", "vintage"],
    )


MONTHLY = values_spec(MONTH, "a month written YYYY-MM")
QUARTERLY = values_spec(QUARTER, "a quarter written YYYY-Qn")

FILES = {
    "boj_series": ("boj_series.csv", SERIES),
    "boj_monthly": ("boj_monthly.csv", MONTHLY),
    "boj_quarterly": ("boj_quarterly.csv", QUARTERLY),
}
FREQUENCY_OF = {"boj_monthly": "M", "boj_quarterly": "Q"}


def series_problems(series: pd.DataFrame, name: str) -> list[Problem]:
    """A balance-of-payments series is in ¥100 million; a partner only on quarterly rows;
    an exchange rate is a rate."""
    problems = []
    for i, row in series.iterrows():
        if row["db"] == "BP01" and row["unit"] != "100 million yen":
            problems.append(
                Problem(name, line_of(i), "unit", row["unit"], "BP01 is in 100 million yen")
            )
        if bool(row["partner"].strip()) != (row["frequency"] == "Q"):
            problems.append(
                Problem(
                    name,
                    line_of(i),
                    "partner",
                    row["partner"],
                    "the regional (quarterly) series name their partner; monthly ones do not",
                )
            )
        if (row["flow"] == "rate") != (row["item"] == "usd_jpy_average"):
            problems.append(
                Problem(
                    name, line_of(i), "flow", row["flow"], "only an exchange rate has flow `rate`"
                )
            )
    return problems


def value_problems(
    values: pd.DataFrame, table: str, series: pd.DataFrame, name: str, series_name: str
) -> list[Problem]:
    """Every value belongs to a listed series of the table's frequency."""
    frequency = dict(zip(series["code"], series["frequency"], strict=True))
    problems = []
    for code, rows in values.groupby("code", sort=False):
        i = rows.index[0]
        if code not in frequency:
            problems.append(
                Problem(name, line_of(i), "code", code, f"is not a series listed in {series_name}")
            )
        elif frequency[code] != FREQUENCY_OF[table]:
            problems.append(
                Problem(
                    name,
                    line_of(i),
                    "code",
                    code,
                    f"is a {FREQUENCIES[frequency[code]]} series in {series_name}; "
                    f"this file holds {FREQUENCIES[FREQUENCY_OF[table]]} values",
                )
            )
    return problems


def latest(values: pd.DataFrame) -> pd.DataFrame:
    """One value per code and period: the one of the latest vintage."""
    ordered = values.sort_values(["code", "period", "vintage"])
    return ordered.drop_duplicates(["code", "period"], keep="last").reset_index(drop=True)


# Official series that stand in the tables of published figures: digital items under their
# item key; balances of wider lines under the context measure that names them.
CONTEXT_MEASURE_OF = {
    "ip_charges": "ip_charges_balance",
    "industrial_property": "industrial_property_balance",
}


def as_published_rows(
    series: pd.DataFrame, values: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The monthly values as rows of the digital-services and context tables (¥ trillion,
    shifted exactly from ¥100 million; vintage `boj-YYYYMMDD`), so that the analysis sets
    them beside — and above — the press figures. Exchange rates and gross flows of wider
    lines stay in the official tables only."""
    meta = series.set_index("code")
    joined = values.join(meta[["item", "flow", "unit", "db"]], on="code")
    joined = joined.assign(
        value_text=[
            format(Decimal(t).scaleb(d.JPY_SCALE["JPY_100m"]), "f") for t in joined["value_text"]
        ],
        published_text=joined["value_text"],
        published_unit="JPY_100m",
        vintage="boj-" + joined["vintage"].str.replace("-", "", regex=False),
        period_type="M",
        note=joined["db"] + " " + joined["code"],
    )
    joined["value"] = joined["value_text"].astype(float)
    is_money = joined["unit"] == "100 million yen"
    digital = joined[is_money & joined["item"].isin(list(d.ITEMS))].assign(
        item_basis="item", unit="JPY_tn", qualifier=""
    )
    measure = joined["item"].map(
        lambda item: CONTEXT_MEASURE_OF.get(item, item if item.endswith("_balance") else "")
    )
    context = joined[is_money & (joined["flow"] == "balance") & (measure != "")].assign(
        measure=measure, unit="JPY_tn"
    )
    keep_digital = [
        "period", "period_type", "item", "item_basis", "flow", "value", "value_text", "unit",
        "qualifier", "vintage", "source_id", "note", "published_text", "published_unit",
    ]  # fmt: skip
    keep_context = [
        "period", "period_type", "measure", "value", "value_text", "unit", "vintage",
        "source_id", "note", "published_text", "published_unit",
    ]  # fmt: skip
    return (
        digital[keep_digital].reset_index(drop=True),
        context[keep_context].reset_index(drop=True),
    )
