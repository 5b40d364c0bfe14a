"""Data and methods is written from the data the chapters use: the file's date, the series
it reads, the context series (GDP, exchange rate, crude oil) and the item table."""

import csv
import re
from decimal import Decimal

import pytest

from digideficit.analysis import quantities as q
from digideficit.analysis.findings import data_and_methods
from digideficit.paths import ROOT
from digideficit.site import page
from digideficit.site.figures import data_and_methods as figures


def read(name: str) -> list[dict]:
    with (ROOT / "data" / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def found():
    return data_and_methods.findings(lang="en")


def test_one_data_date_the_monthly_files(found):
    assert found.values["dm_as_of"] == q.Period(max(r["vintage"] for r in read("boj_monthly.csv")))


def test_the_series_list_is_the_monthly_file(found):
    monthly = read("boj_monthly.csv")
    codes = {r["code"] for r in monthly}
    series = {r["code"]: r for r in read("boj_series.csv") if r["frequency"] == "M"}
    listed = found.frames["official_series"]
    assert set(listed["code"]) == codes & set(series)
    assert found.values["dm_monthly_count"] == q.Count(len(codes & set(series)), "series")
    for _, row in listed.iterrows():
        assert row["公式名称"] == series[row["code"]]["name_ja"]
        periods = [r["period"] for r in monthly if r["code"] == row["code"]]
        assert (row["from"], row["to"]) == (min(periods), max(periods))
    html = figures.official_series(found, "en").data
    assert "BPBP6JYNSN9072" in html and "コンピュータサービス/ネット" in html


def test_the_context_series_are_recorded_not_missing(found):
    context = read("context.csv")
    gdp = sorted(r["period"] for r in context if r["source_id"] == "esri-qe262-2-gdp-fy")
    assert found.values["dm_gdp_span"] == q.Span(gdp[0], gdp[-1])
    assert found.values["dm_fx_code"] == q.Verbatim("FXERM07")
    fx = sorted(
        r["period"]
        for r in context
        if r["measure"] == "usd_jpy_average" and r["period_type"] == "M"
    )
    assert found.values["dm_fx_span"] == q.Span(fx[0], fx[-1])
    crude = sorted(
        r["period"]
        for r in context
        if r["measure"] == "crude_oil_imports" and r["period_type"] == "CY"
    )
    assert found.values["dm_crude_span"] == q.Span(crude[0], crude[-1])
    assert set(found.frames["context"]["measure"]) == {
        "nominal_gdp",
        "usd_jpy_average",
        "crude_oil_imports",
    }


def test_derived_periods_are_shown_on_the_latest_of_each(found):
    last = max(r["period"] for r in read("boj_monthly.csv"))
    assert found.values["dm_last_month"] == q.Period(last)
    fy = found.values["dm_latest_fy"].code
    assert found.values["dm_latest_fy_months"] == q.Span(f"{fy[2:]}-04", f"{int(fy[2:]) + 1}-03")
    year, month = int(last[:4]), int(last[5:])
    first = f"{year - 1}-{month + 1:02d}" if month < 12 else f"{year}-01"
    assert found.values["dm_rolling"] == q.Span(first, last)


def test_the_item_table_follows_the_years_asked():
    short = data_and_methods.findings(first_year=2020, last_year=2024)
    assert short.values["dm_years"] == q.Span("2020", "2024")
    items = short.frames["items"]
    assert list(items["year"]) == ["2020", "2021", "2022", "2023", "2024"]
    # computer services in 2024, summed here from the monthly file
    code = next(
        r["code"]
        for r in read("boj_series.csv")
        if r["item"] == "computer" and r["flow"] == "balance" and r["frequency"] == "M"
    )
    total = sum(
        Decimal(r["value"])
        for r in read("boj_monthly.csv")
        if r["code"] == code and r["period"].startswith("2024-")
    )
    row = items.set_index("year").loc["2024"]
    assert row["computer services"] == f"{total.quantize(Decimal(1)):,}"


def test_no_file_names_or_commands_in_the_prose(found, monkeypatch):
    glued = {}
    monkeypatch.setattr("digideficit.analysis.prose.glue_text", glued.__setitem__)
    page.glue(found, "en")
    notebook = (ROOT / "chapters" / "data-and-methods.ipynb").read_text(encoding="utf-8")
    import json

    prose = " ".join(
        "".join(c["source"]) for c in json.loads(notebook)["cells"] if c["cell_type"] == "markdown"
    )
    for text in (prose, " ".join(glued.values())):
        assert not re.search(r"\.csv|make |papermill|\bseed\b|data/", text)
        assert "no GDP" not in text and "not recorded" not in text
