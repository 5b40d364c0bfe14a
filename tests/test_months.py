"""Months in the report: years derived from complete months, the latest month and its
rolling twelve-month total, official figures ranked above press figures."""

from decimal import Decimal

import pandas as pd
import pytest

from digideficit.analysis import headlines, reconcile, series
from digideficit.analysis.findings import summary
from digideficit.validated import data

MONTHS = [f"{year}-{month:02d}" for year in (2025, 2026) for month in range(1, 13)][:20]
ITEMS = {
    "copyright_royalties": "-0.0700",
    "computer": "-0.2000",
    "consulting": "-0.3000",
}
SOURCE = (
    "boj-test-20261008,Bank of Japan,日本銀行,"
    '"Time-Series Data Search, BP01 TEST, retrieved 2026-10-09",2026-10-08,2026-10-09,,'
    "official,TEST FIXTURE,試験用の行\n"
)


def add_months(data_dir, items=ITEMS, months=MONTHS, vintage="boj-20261008", step="-0.0010"):
    """Monthly balances for `items`: each item's value, growing by `step` a month."""
    with (data_dir / "sources.csv").open("a", encoding="utf-8") as handle:
        handle.write(SOURCE.replace("20261008", vintage[4:]))
    with (data_dir / "digital_services.csv").open("a", encoding="utf-8") as handle:
        for item, start in items.items():
            for n, month in enumerate(months):
                value = Decimal(start) + n * Decimal(step)
                handle.write(
                    f"{month},M,{item},item,balance,{value},JPY_tn,,{vintage},"
                    f"boj-test-{vintage[4:]},TEST FIXTURE\n"
                )


def without_official_months(data_dir):
    """The data as they were before the Bank of Japan's file: no official months, so that
    the months a test adds are the only ones."""
    path = data_dir / "boj_monthly.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines(keepends=True)[0], "utf-8")


@pytest.fixture
def with_months(data_copy):
    without_official_months(data_copy)
    add_months(data_copy)
    return data.load(data_copy)


def rows_of(tables):
    return series.with_sources(tables.digital_services, tables.sources)


def test_years_are_derived_only_where_all_twelve_months_exist(with_months):
    years = series.annual_from_months(rows_of(with_months))
    telecom = years[years["item"] == "computer"].set_index("period")
    # 2025 complete; 2026 has eight months; FY2025 (April 2025–March 2026) complete
    assert set(telecom.index) == {"2025", "FY2025"}
    assert telecom.loc["2025", "value_text"] == "-2.4660"  # 12 × -0.2 - 0.001 × (0 + … + 11)
    assert telecom.loc["FY2025", "note"] == "derived: sum of the 12 months 2025-04 to 2026-03"
    assert set(years["status"]) == {"derived"} and set(years["source_id"]) == {"derived"}


def test_the_latest_month_opens_the_summary_with_its_rolling_total(with_months):
    latest = headlines.latest_month(with_months)
    assert (latest.period, latest.name) == ("2026-08", "August 2026")
    # three items in August 2026, the 20th month: -0.07-0.2-0.3 - 3 × 19 × 0.001
    assert latest.value_text == "-0.6270"
    assert latest.balance == "a deficit of ¥0.63 trillion"  # a computed figure, as prose rounds
    months = [-0.57 - 0.003 * n for n in range(8, 20)]
    assert float(latest.rolling_12_text) == pytest.approx(sum(months))
    rolling = latest.rolling
    assert rolling["rolling_12"].notna().sum() == len(MONTHS) - 11  # from December 2025 on


def test_without_official_months_the_summary_stops_with_a_reason(data_copy):
    without_official_months(data_copy)
    tables = data.load(data_copy)
    assert headlines.latest_month(tables) is None
    with pytest.raises(ValueError, match="fewer than two years on 3-item-computer"):
        summary.findings(basis="3-item-computer", tables=tables)


def test_a_revised_month_counts_at_its_latest_vintage(data_copy):
    without_official_months(data_copy)
    add_months(data_copy)
    add_months(
        data_copy, items={"consulting": "-0.4000"}, months=["2026-08"], vintage="boj-20261110"
    )
    latest = headlines.latest_month(data.load(data_copy))
    # copyright and telecom at their first vintage, consulting revised to -0.4000
    assert latest.value_text == "-0.7080"


def test_official_years_outrank_press_and_stand_in_the_reconciliation(with_months):
    rows = series.with_official_years(rows_of(with_months))
    derived = rows[(rows["source_id"] == "derived") & (rows["item"] == "digital_total")]
    assert set(derived.loc[derived["item_basis"] == "3-item-computer", "period"]) == {
        "2025",
        "FY2025",
        "2025-H1",
        "FY2025-H1",
        "2026-H1",
    }
    years = summary.official_years(rows, "3-item-computer")
    assert years["period"].tolist() == ["2025"]
    assert years.iloc[-1]["vintage"] == "boj-20261008"
    table = reconcile.reconciliation(rows)
    year = table[table["period"] == "2025"]
    # the months here complete only the 3 items with computer services: a total without
    # an item list is set against that sum (an inference); one on the 5-item sum is not
    unstated = year[year["basis"] == "not-stated"]
    five = year[year["basis"].isin(["3-item", "5-item"])]
    assert len(unstated) and unstated["official"].str.endswith("(3-item-computer)").all()
    assert (unstated["inference"] == "yes").all()
    assert len(five) and (five["official"] == "").all()
    assert five["why it differs"].str.contains("do not cover").all()
    assert not (table["source"].str.startswith("Bank of Japan")).any()  # never against itself


def test_an_official_source_outranks_the_press_for_the_same_vintage():
    candidates = pd.DataFrame(
        {
            "year": [2024, 2024],
            "vintage": ["revised", "revised"],
            "source_kind": ["press", "official"],
            "source_date": ["2025-08", "2025-07"],
            "value_text": ["-6.71", "-6.7"],
            "value": [-6.71, -6.7],
        }
    )
    assert series.best_available(candidates).iloc[0]["source_kind"] == "official"
    later = candidates.assign(vintage=["revised", "boj-20260410"], source_kind=["official"] * 2)
    assert series.best_available(later).iloc[0]["vintage"] == "boj-20260410"
