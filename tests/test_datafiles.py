"""The data page: one row per data file, its numbers computed from the files, and one zip
of all the data that is the same file for the same data."""

import re
import zipfile
from decimal import Decimal

import pandas as pd

from digideficit.paths import ROOT
from digideficit.site import datafiles
from digideficit.validated import data
from digideficit.validated import definitions as d


def test_one_row_per_data_file_with_its_counts(tables):
    rows = {row["file"]: row for row in datafiles.summary(tables)}
    assert sorted(rows) == sorted(name for name, _spec in data.FILES.values())
    digital = rows["digital_services.csv"]
    lines = (ROOT / "data" / "digital_services.csv").read_text(encoding="utf-8").splitlines()
    assert digital["rows"] == len(lines) - 1  # the file's rows, not the months set beside them
    published = tables.digital_services[
        ~tables.digital_services["source_id"].isin(set(tables.boj_monthly["source_id"]))
    ]
    assert digital["sources"] == published["source_id"].nunique()
    periods = sorted(published["period"].astype(str))
    assert digital["period"] == f"{periods[0]} to {periods[-1]}"
    cited = tables.sources.set_index("id").loc[published["source_id"].unique()]
    assert digital["latest"] == str(cited["date"].astype(str).max())
    assert rows["sources.csv"]["sources"] == len(tables.sources)
    monthly = rows["boj_monthly.csv"]
    assert monthly["rows"] == len(tables.boj_monthly)
    assert monthly["period"] == (
        f"{tables.boj_monthly['period'].min()} to {tables.boj_monthly['period'].max()}"
    )
    assert rows["boj_series.csv"]["sources"] == 0  # a catalogue of series, citing none


def test_the_zip_holds_every_file_and_is_the_same_for_the_same_data(tmp_path):
    first = datafiles.write_zip(tmp_path / "one").read_bytes()
    second = datafiles.write_zip(tmp_path / "two").read_bytes()
    assert first == second
    with zipfile.ZipFile(tmp_path / "one" / datafiles.ZIP) as archive:
        names = archive.namelist()
        assert (
            archive.read("data/datapackage.json") == (ROOT / "data/datapackage.json").read_bytes()
        )
    assert len(names) == len(data.FILES) + 1


def boj_months(item: str, flow: str) -> dict[str, Decimal]:
    """One item's monthly figures straight from the Bank of Japan's file, in ¥100 million."""
    codes = pd.read_csv(ROOT / "data" / "boj_series.csv", dtype=str)
    code = codes[(codes["item"] == item) & (codes["flow"] == flow) & (codes["frequency"] == "M")][
        "code"
    ]
    assert len(code) == 1, (item, flow)
    months = pd.read_csv(ROOT / "data" / "boj_monthly.csv", dtype=str)
    chosen = months[months["code"] == code.iloc[0]]
    return {
        period: Decimal(value)
        for period, value in zip(chosen["period"], chosen["value"], strict=True)
    }


def test_the_annual_series_adds_up_the_bank_of_japans_months():
    annual = datafiles.annual_series()
    assert list(annual.columns) == ["year", *datafiles.SERIES_COLUMNS]
    assert annual["year"].dtype.kind == "i"
    assert set(annual["unit"]) == {datafiles.SERIES_UNIT}
    row = annual[
        (annual["year"] == 2025)
        & (annual["item"] == "computer services")
        & (annual["flow"] == "balance")
    ]
    months = boj_months("computer", "balance")
    expected = sum(months[f"2025-{m:02d}"] for m in range(1, 13))
    assert len(row) == 1 and Decimal(row["value"].iloc[0]) == expected
    assert row["source"].iloc[0].startswith("derived from the Bank of Japan")
    # a total on each basis, every year the months complete
    totals = annual[annual["item"] == "digital total"]
    assert set(totals["basis"]) == {"3-item-computer", "5-item"}
    assert set(annual.loc[annual["item"] != "digital total", "basis"]) == {""}
    assert not annual.duplicated(["year", "item", "flow", "basis"]).any()


def test_the_monthly_series_is_the_bank_of_japans_months_and_their_totals():
    monthly = datafiles.monthly_series()
    assert list(monthly.columns) == ["month", *datafiles.SERIES_COLUMNS]
    months = boj_months("consulting", "payments")
    consulting = monthly[
        (monthly["item"] == "professional and management consulting services")
        & (monthly["flow"] == "payments")
    ].set_index("month")["value"]
    assert {m: Decimal(v) for m, v in consulting.items()} == months
    # the 3-item-computer total of a month is the sum of its three items
    month = max(months)
    parts = [boj_months(item, "balance")[month] for item in d.BASES["3-item-computer"].items]
    total = monthly[
        (monthly["month"] == month)
        & (monthly["basis"] == "3-item-computer")
        & (monthly["flow"] == "balance")
    ]["value"]
    assert len(total) == 1 and Decimal(total.iloc[0]) == sum(parts)
    assert not monthly.duplicated(["month", "item", "flow", "basis"]).any()


def test_the_data_page_names_files_by_what_they_hold(tables):
    text = datafiles.markdown(
        datafiles.summary(tables), 2048, {datafiles.ANNUAL: 1, datafiles.MONTHLY: 1}
    )
    visible = re.sub(r"<[^>]+>", "", text)
    # the links serve the files; the page shows what they hold, not their names
    assert ".csv" not in visible and "seed" not in visible
    assert f'href="_static/{datafiles.FILES_DIR}/{datafiles.ANNUAL}"' in text
    assert f'href="_static/{datafiles.FILES_DIR}/{datafiles.MONTHLY}"' in text
    assert "2030.0" not in text  # a year read as a float is shown as a year
