"""The Bank of Japan's own series: validated on load, and what the report derives from them
held to the figures that were published from the same statistics."""

from decimal import Decimal

import pandas as pd
import pytest
from conftest import line_of_row, replace_line

from digideficit.analysis import headlines, official, series
from digideficit.analysis.findings import summary
from digideficit.site import page
from digideficit.validated import data
from digideficit.validated import definitions as d
from digideficit.validated.schema import DataValidationError


@pytest.fixture(scope="module")
def shipped():
    return data.load()


@pytest.fixture(scope="module")
def rows(shipped):
    return official.digital_rows(shipped)


def official_value(rows, item, basis, period, flow="balance", period_type="CY") -> Decimal:
    """A derived figure in ¥100 million (億円), exact."""
    chosen = rows[
        (rows["item"] == item)
        & (rows["item_basis"] == basis)
        & (rows["period"] == period)
        & (rows["flow"] == flow)
        & (rows["period_type"] == period_type)
        & (rows["source_id"] == "derived")
    ]
    assert len(chosen) == 1, chosen
    return Decimal(chosen.iloc[0]["value_text"]).scaleb(4)


@pytest.mark.parametrize(
    "item, basis, year, published",
    [
        # Kyodo News, 2025-02-11: 2014 on the 3 items with computer services, 2兆225億円
        ("digital_total", "3-item-computer", "2014", -20225),
        # telecommunications, computer and information services, as printed in the sources
        ("telecom_computer_info", "item", "2014", -8879),
        ("telecom_computer_info", "item", "2022", -14993),
        ("consulting", "item", "2022", -16313),
    ],
)
def test_derived_years_equal_the_published_figures(rows, item, basis, year, published):
    assert official_value(rows, item, basis, year).quantize(Decimal(1)) == published


def test_ip_charges_and_current_account_years_equal_the_published_figures(shipped):
    context = official.context_rows(shipped)
    derived = context[(context["source_id"] == "derived") & (context["period_type"] == "CY")]

    def year(measure, period):
        row = derived[(derived["measure"] == measure) & (derived["period"] == period)]
        assert len(row) == 1
        return Decimal(row.iloc[0]["value_text"])

    assert year("ip_charges_balance", "2015").scaleb(4).quantize(Decimal(1)) == 23508
    assert year("current_account_balance", "2014").quantize(Decimal("0.01")) == Decimal("3.92")
    assert year("current_account_balance", "2016").quantize(Decimal("0.01")) == Decimal("21.39")


def test_the_three_mof_items_and_the_five_items_are_one_sum(shipped, rows):
    # every month: the rounding of the file's eighth decimal, no more
    assert official.same_sum_gap(shipped) <= Decimal("0.00000005") * 5
    five = official.basis_series(rows, "5-item")
    three = official.basis_series(rows, "3-item")  # the same series, asked by its other name
    assert five.equals(three)
    assert d.series_basis("3-item") == "5-item"
    assert "3-item" not in d.CHOOSABLE_BASES


def test_every_year_2014_to_2025_on_both_bases_with_receipts_and_payments(rows):
    table = official.annual_table(rows, "CY", 2014)
    assert table["year"].tolist() == [str(y) for y in range(2014, 2026)]
    assert not table.isna().any().any()
    for basis in d.DISTINCT_BASES:
        for flow_name in d.FLOWS:
            of_basis = official.basis_series(rows, basis)
            years = of_basis.loc[of_basis["flow"] == flow_name, "period"]
            assert {str(y) for y in range(2014, 2026)} <= set(years)
    # balance = receipts − payments, to the rounding of the months' eighth decimals
    for year in ("2014", "2025"):
        r, p, b = (official_value(rows, "digital_total", "5-item", year, f) for f in d.FLOWS)
        assert abs(r - p - b) <= Decimal("0.000001")


def test_a_period_missing_a_month_is_not_a_period(shipped):
    months = shipped.digital_services
    dropped = months[~((months["period"] == "2025-07") & (months["item"] == "computer"))]
    years = series.annual_from_months(
        series.with_sources(dropped, shipped.sources), ("CY", "FY", "H1", "FH1")
    )
    computer = years[years["item"] == "computer"]
    assert "2025" not in set(computer.loc[computer["period_type"] == "CY", "period"])
    assert "FY2025" not in set(computer.loc[computer["period_type"] == "FY", "period"])
    assert "FY2025-H1" not in set(computer["period"])
    assert "2025-H1" in set(computer["period"])  # January–June is whole
    assert "2024" in set(computer["period"])


def test_fiscal_years_and_halves_are_sums_of_their_months(shipped, rows):
    monthly = shipped.digital_services
    monthly = monthly[
        (monthly["period_type"] == "M")
        & (monthly["item"] == "consulting")
        & (monthly["flow"] == "balance")
        & monthly["vintage"].str.startswith("boj-")
    ].set_index("period")
    april_to_march = [f"2024-{m:02d}" for m in range(4, 13)] + ["2025-01", "2025-02", "2025-03"]
    expected = sum(Decimal(monthly.loc[m, "value_text"]) for m in april_to_march)
    assert official_value(
        rows, "consulting", "item", "FY2024", period_type="FY"
    ) == expected.scaleb(4)
    first_half = [f"2025-{m:02d}" for m in range(1, 7)]
    expected = sum(Decimal(monthly.loc[m, "value_text"]) for m in first_half)
    assert official_value(rows, "consulting", "item", "2025-H1", period_type="H1") == (
        expected.scaleb(4)
    )


def test_official_years_outrank_press_figures_of_the_same_year(rows):
    best = series.best_available(series.totals(rows, "3-item-computer")).set_index("year")
    assert (best.loc[2014:2025, "source_id"] == "derived").all()
    assert best.loc[2025, "vintage"].startswith("boj-")


def test_the_headline_is_the_latest_official_year_and_month(shipped):
    figures = page.said(summary.findings(basis="3-item-computer", tables=shipped))
    assert figures["su_year"] == "2025"
    assert figures["su_total"] == "a deficit of ¥6.60 trillion"
    latest = headlines.latest_month(shipped, "3-item-computer")
    assert latest.period == shipped.boj_monthly["period"].max()
    twelve = Decimal(latest.rolling_12_text)
    window = latest.rolling.set_index("period")["value_text"].iloc[-12:]
    assert twelve == sum(Decimal(v) for v in window)


def test_partner_shares_add_up_and_name_the_united_states_first(shipped):
    payments = official.partner_years(shipped, "telecom_computer_info")
    year = payments["year"].max()
    of_year = payments[payments["year"] == year]
    economies = of_year[of_year["is_economy"]]
    assert economies.iloc[0]["partner"] == "U.S.A."
    assert economies["share"].sum() <= 100.0 + 1e-9
    world = of_year.loc[of_year["partner"] == "all partners", "value"].iloc[0]
    # the file names only the larger partners: they cannot add up to more than the world
    assert economies["value"].sum() < world
    assert of_year.loc[of_year["partner"] == "U.S.A.", "share"].iloc[0] == pytest.approx(
        of_year.loc[of_year["partner"] == "U.S.A.", "value"].iloc[0] / world * 100
    )


def test_the_regional_total_matches_the_monthly_file(shipped):
    """The regional file's all-partner quarters add up to the monthly file's year."""
    payments = official.partner_years(shipped, "telecom_computer_info")
    regional = payments.query("partner == 'all partners' and year == 2024").iloc[0]
    monthly = official_value(
        official.digital_rows(shipped), "telecom_computer_info", "item", "2024", "payments"
    )
    assert Decimal(regional["value_text"]).quantize(Decimal(1)) == monthly.quantize(Decimal(1))


@pytest.mark.parametrize(
    "file, startswith, old, new, column, rule",
    [
        (
            "boj_monthly.csv",
            "BPBP6JYNSN9072,2014-01,",
            ",2014-01,",
            ",2014-13,",
            "period",
            "a month",
        ),
        (
            "boj_monthly.csv",
            "BPBP6JYNSN9072,2014-01,",
            "BPBP6JYNSN9072",
            "BPBP6XXX",
            "code",
            "listed",
        ),
        ("boj_quarterly.csv", "BPBP6QSDUS96,2014-Q1,", "2014-Q1", "2014-Q5", "period", "quarter"),
        ("boj_series.csv", "BP01,BPBP6JYNSN9072,", "100 million yen", "million yen", "unit", ""),
        ("boj_series.csv", "BP01,BPBP6JYNSN9072,", ",M,", ",Q,", "code", "quarterly series"),
    ],
)
def test_a_bad_official_row_is_named_by_file_line_and_column(
    data_copy, file, startswith, old, new, column, rule
):
    path = data_copy / file
    line = line_of_row(path, startswith)
    replace_line(path, line, old, new)
    with pytest.raises(DataValidationError) as failure:
        data.load(data_copy)
    message = str(failure.value)
    assert file in message and f"`{column}`" in message and rule in message
    if file != "boj_series.csv" or column != "code":
        assert f"line {line}" in message


def test_a_non_numeric_official_value_is_refused(data_copy):
    path = data_copy / "boj_monthly.csv"
    line = line_of_row(path, "BPBP6JYNSN9072,2014-01,")
    text = path.read_text(encoding="utf-8").splitlines()[line - 1]
    replace_line(path, line, text.split(",")[2], "n/a")
    with pytest.raises(DataValidationError, match=rf"boj_monthly.csv, line {line}, column `value`"):
        data.load(data_copy)


def test_a_revised_month_keeps_the_old_row_and_the_analysis_takes_the_new(data_copy):
    path = data_copy / "boj_monthly.csv"
    with path.open("a", encoding="utf-8") as handle:
        handle.write("BPBP6JYNSN9072,2025-12,-9999.5,2026-07-08,boj-bp-m-en-2026-06-08\n")
    tables = data.load(data_copy)
    both = tables.boj_monthly.query("code == 'BPBP6JYNSN9072' and period == '2025-12'")
    assert len(both) == 2
    rows = official.digital_rows(tables)
    months = series.best_months(rows)
    december = months.query("item == 'computer' and flow == 'balance' and period == '2025-12'")
    assert december.iloc[0]["value_text"] == "-0.99995"
    assert pd.Series(december["vintage"]).iloc[0] == "boj-20260708"


def test_derived_periods_are_kept_per_data_and_derived_again_when_the_data_change(
    data_copy, tmp_path, monkeypatch
):
    monkeypatch.setenv("DIGIDEFICIT_BUILD_DIR", str(tmp_path / "build"))
    kept = tmp_path / "build" / ".tables"
    first = official.digital_rows(data.load(data_copy))
    assert len(list(kept.glob("official-*.pickle"))) == 1
    official._PREPARED.clear()
    assert official.digital_rows(data.load(data_copy)).equals(first)  # read back, the same
    with (data_copy / "boj_monthly.csv").open("a", encoding="utf-8") as handle:
        handle.write("BPBP6JYNSN9072,2025-12,-9999.5,2026-07-08,boj-bp-m-en-2026-06-08\n")
    second = official.digital_rows(data.load(data_copy))
    year = official.item_series(second).query("item == 'computer' and flow == 'balance'")
    before = official.item_series(first).query("item == 'computer' and flow == 'balance'")
    assert (
        year.set_index("period").loc["2025", "value_text"]
        != (before.set_index("period").loc["2025", "value_text"])
    )
    assert len(list(kept.glob("official-*.pickle"))) == 1  # the old derivation is gone
