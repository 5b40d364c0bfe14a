"""Growth arithmetic on small inputs whose answers can be checked by hand."""

import pandas as pd
import pytest

from digideficit.analysis import growth


def test_cagr_doubling_twice_in_two_years():
    assert growth.cagr(2.0, 8.0, 2) == pytest.approx(1.0)


def test_cagr_of_deficits_uses_magnitudes():
    # -2 → -4.5 over two years: ×1.5 a year
    assert growth.cagr(-2.0, -4.5, 2) == pytest.approx(0.5)


@pytest.mark.parametrize(("start", "end", "years"), [(-2.0, 1.0, 3), (0.0, 1.0, 3), (1.0, 2.0, 0)])
def test_cagr_refuses_undefined_growth(start, end, years):
    with pytest.raises(ValueError):
        growth.cagr(start, end, years)


def test_contributions_share_the_total_change():
    start = pd.Series({"computer": -1.0, "consulting": -0.5, "copyright": -0.5})
    end = pd.Series({"computer": -3.0, "consulting": -1.5, "copyright": -0.5})
    shares = growth.contributions(start, end)
    assert shares.loc["computer", "change"] == -2.0
    assert shares.loc["computer", "share_of_change"] == pytest.approx(2 / 3)
    assert shares.loc["copyright", "share_of_change"] == 0
    assert shares["share_of_change"].sum() == pytest.approx(1.0)


def test_contributions_leave_out_an_item_missing_on_one_side():
    shares = growth.contributions(pd.Series({"a": -1.0, "b": -1.0}), pd.Series({"a": -2.0}))
    assert list(shares.index) == ["a"]


def months(first: str, last: str, value: float = 1.0) -> pd.DataFrame:
    periods = pd.period_range(first, last, freq="M").astype(str)
    return pd.DataFrame({"period": periods, "value": value})


def test_fiscal_year_runs_april_to_march_and_skips_incomplete_years():
    monthly = months("2023-01", "2024-12")
    totals = growth.fiscal_year_totals(monthly)
    # Jan–Mar 2023 belong to FY2022 (incomplete), Apr 2024–Dec 2024 to FY2024 (incomplete)
    assert totals.to_dict() == {"FY2023": 12.0}


def test_fiscal_year_sums_the_right_months():
    monthly = months("2024-04", "2025-03")
    monthly.loc[monthly["period"] == "2025-03", "value"] = 5.0
    assert growth.fiscal_year_totals(monthly).to_dict() == {"FY2024": 16.0}


def test_rolling_12_months_needs_twelve_consecutive_months():
    monthly = months("2024-01", "2025-02")
    rolling = growth.rolling_12_months(monthly)
    assert [str(p) for p in rolling.index] == ["2024-12", "2025-01", "2025-02"]
    assert (rolling == 12.0).all()
    gappy = monthly[monthly["period"] != "2024-06"]
    assert growth.rolling_12_months(gappy).empty


def test_repeated_month_is_refused():
    monthly = pd.concat([months("2024-01", "2024-02"), months("2024-02", "2024-02")])
    with pytest.raises(ValueError, match="repeat a month"):
        growth.fiscal_year_totals(monthly)
