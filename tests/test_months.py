"""Months in the report: years derived from complete months, the latest month and its
rolling twelve-month total, official figures ranked above press figures."""

from decimal import Decimal

import pandas as pd
import pytest

from digideficit.analysis import headlines, reconcile, series
from digideficit.validated import data

MONTHS = [f"{year}-{month:02d}" for year in (2025, 2026) for month in range(1, 13)][:20]
ITEMS = {
    "copyright_royalties": "-0.0700",
    "telecom_computer_info": "-0.2000",
    "consulting": "-0.3000",
}
SOURCE = (
    "boj-test-20261008,Bank of Japan,"
    '"Time-Series Data Search, BP01 TEST, retrieved 2026-10-09",2026-10-08,,official,TEST FIXTURE\n'
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


@pytest.fixture
def with_months(data_copy):
    add_months(data_copy)
    return data.load(data_copy)


def rows_of(tables):
    return series.with_sources(tables.digital_services, tables.sources)


def test_years_are_derived_only_where_all_twelve_months_exist(with_months):
    years = series.annual_from_months(rows_of(with_months))
    telecom = years[years["item"] == "telecom_computer_info"].set_index("period")
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
    assert latest.balance == "a deficit of ¥0.6270 trillion"
    months = [-0.57 - 0.003 * n for n in range(8, 20)]
    assert float(latest.rolling_12_text) == pytest.approx(sum(months))
    opening = headlines.month_opening(with_months)
    assert opening.startswith("In August 2026 the digital balance was a deficit of ¥0.6270")
    assert "over the twelve months to August 2026, a deficit of ¥7." in opening
    rolling = latest.rolling
    assert rolling["rolling_12"].notna().sum() == len(MONTHS) - 11  # from December 2025 on


def test_without_months_the_summary_says_what_fetch_will_add(tables):
    assert headlines.latest_month(tables) is None
    assert "`make fetch` brings the Bank of Japan's monthly" in headlines.month_opening(tables)


def test_with_some_items_only_the_missing_ones_are_named(data_copy):
    add_months(data_copy, items={"telecom_computer_info": "-0.2000"})
    opening = headlines.month_opening(data.load(data_copy))
    assert "reach August 2026 for 1 of the 3 items" in opening
    assert "copyright royalties etc., professional and management consulting" in opening


def test_a_revised_month_counts_at_its_latest_vintage(data_copy):
    add_months(data_copy)
    add_months(
        data_copy, items={"consulting": "-0.4000"}, months=["2026-08"], vintage="boj-20261110"
    )
    latest = headlines.latest_month(data.load(data_copy))
    # copyright and telecom at their first vintage, consulting revised to -0.4000
    assert latest.value_text == "-0.7080"


def test_official_years_outrank_press_and_stand_in_the_reconciliation(with_months):
    rows = rows_of(with_months)
    official = series.official_totals(rows, "3-item")
    assert set(official["period"]) == {"2025", "FY2025"}
    figures = headlines.key_figures(with_months)
    assert figures["su_latest_year"] == "2025"
    assert "Bank of Japan, 2026-10-08" in figures["su_latest_cited"]
    table = reconcile.reconciliation(series.with_official_totals(rows, "3-item"))
    year = table[table["period"] == "2025"].set_index("source")
    assert year.loc["Bank of Japan (2026-10-08)", "why it differs"].startswith("reference")
    assert year["minus reference"].str.len().gt(0).sum() == len(year) - 1  # press vs official


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
