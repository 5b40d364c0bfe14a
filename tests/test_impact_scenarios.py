"""Annual lines, average rates, shares of GDP, projections and the forecast tracker on
hand-checked inputs."""

import pandas as pd
import pytest

from digideficit.analysis import impact, scenarios


def monthly_rates(months: dict[str, float], vintage: str = "boj-20260703") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "measure": "usd_jpy_average",
            "period_type": "M",
            "period": list(months),
            "value": list(months.values()),
            "vintage": vintage,
            "source_id": "fx",
            "publisher": "Bank of Japan",
        }
    )


def test_an_average_rate_needs_every_month_of_its_period():
    # 2024: twelve months averaging 150; 2025: only January to March
    months = {f"2024-{m:02d}": 140.0 + m * 20 / 13 for m in range(1, 13)}
    months |= {f"2025-{m:02d}": 160.0 for m in range(1, 4)}
    rates = impact.average_rates(monthly_rates(months), "CY")
    assert rates["period"].tolist() == ["2024"]
    assert rates["rate"].iloc[0] == pytest.approx(sum(list(months.values())[:12]) / 12)
    # the fiscal year April 2024 – March 2025 has all its months
    fiscal = impact.average_rates(monthly_rates(months), "FY")
    assert fiscal["period"].tolist() == ["FY2024"]
    assert fiscal["first_month"].iloc[0] == "2024-04"
    assert fiscal["last_month"].iloc[0] == "2025-03"


def test_a_published_rate_does_not_stand_in_for_the_months():
    annual = monthly_rates({"2024": 151.0}, vintage="final").assign(period_type="CY")
    assert impact.average_rates(annual, "CY").empty


def line_rows(measure: str, period_type: str, values: dict[int, float], **extra):
    return pd.DataFrame(
        {
            "measure": measure,
            "period_type": period_type,
            "period": [f"FY{y}" if period_type == "FY" else str(y) for y in values],
            "year": list(values),
            "value": list(values.values()),
            "value_text": [str(v) for v in values.values()],
            "vintage": "boj-20260608",
            "source_id": "derived",
            "publisher": "Bank of Japan",
            "source_date": "2026-06-08",
            **extra,
        }
    )


def digital_rows(period_type: str, values: dict[int, float]) -> pd.DataFrame:
    rows = line_rows("", period_type, values).drop(columns="measure")
    return rows.assign(item="digital_total", item_basis="3-item-computer", flow="balance")


def test_annual_lines_leave_a_year_without_a_figure_empty_and_convert_at_each_rate():
    digital = digital_rows("CY", {2015: -3.0, 2017: -4.0})
    context = pd.concat(
        [
            line_rows("travel_balance", "CY", {2015: 1.0, 2016: 1.5, 2017: 2.0}),
            line_rows(
                "crude_oil_imports",
                "CY",
                {2015: 8.0},
                vintage="final",
                source_id="mof",
                publisher="MOF",
            ),
        ],
        ignore_index=True,
    )
    lines = impact.annual_lines(digital, context, "CY", 2014, 2017)
    digital_years = lines.loc[lines["item"] == "digital_total", "year"].tolist()
    assert digital_years == [2015, 2017]  # 2014 and 2016: no row, nothing filled in
    assert lines.loc[lines["item"] == "crude_oil_imports", "flow"].tolist() == ["payments"]
    rates = pd.DataFrame({"period": ["2015", "2016"], "rate": [120.0, 110.0]})
    usd = impact.in_currency(lines, rates, "USD").set_index(["item", "year"])
    assert usd.loc[("digital_total", 2015), "amount"] == pytest.approx(-3.0 * 1000 / 120)
    assert usd.loc[("travel_balance", 2016), "amount"] == pytest.approx(1.5 * 1000 / 110)
    # 2017 has a figure but no rate: no dollar amount rather than a borrowed rate
    assert pd.isna(usd.loc[("digital_total", 2017), "amount"])
    yen = impact.in_currency(lines, rates, "JPY").set_index(["item", "year"])
    assert yen.loc[("digital_total", 2017), "amount"] == -4.0


def test_a_share_of_gdp_divides_by_the_gdp_of_the_same_fiscal_year():
    digital = digital_rows("FY", {2023: -6.0, 2024: -7.0})
    gdp = line_rows(
        "nominal_gdp", "FY", {2023: 600.0, 2024: 700.0}, vintage="revised", source_id="esri"
    )
    calendar_gdp = line_rows("nominal_gdp", "CY", {2024: 1.0}, vintage="revised")
    context = pd.concat([gdp, calendar_gdp], ignore_index=True)
    lines = impact.annual_lines(digital, context, "FY", 2023, 2024)
    shares = impact.gdp_shares(lines).set_index("period")
    assert shares.loc["FY2023", "share"] == pytest.approx(-0.01)
    assert shares.loc["FY2024", "share"] == pytest.approx(-0.01)
    assert shares.loc["FY2024", "gdp_source_id"] == "esri"
    # calendar years carry no GDP line: a calendar-year share is never taken
    calendar = impact.annual_lines(digital_rows("CY", {2024: -7.0}), context, "CY", 2024, 2024)
    assert "nominal_gdp" not in set(calendar["item"])
    assert impact.gdp_shares(calendar).empty


def actual(values: dict[int, float]) -> pd.DataFrame:
    return pd.DataFrame({"year": list(values), "value": list(values.values())})


def test_trend_continues_a_straight_line():
    projected = scenarios.project(actual({2020: 1.0, 2021: 2.0, 2022: 3.0}), "trend", 2025, 3)
    assert projected["year"].tolist() == [2023, 2024, 2025]
    assert projected["value"].tolist() == pytest.approx([4.0, 5.0, 6.0])
    assert scenarios.trend(actual({2020: 1.0, 2021: 2.0, 2022: 3.0}), 3)[0] == pytest.approx(1.0)


def test_trend_uses_only_the_latest_figures():
    series = actual({2014: 10.0, 2022: 1.0, 2023: 2.0})
    projected = scenarios.project(series, "trend", 2024, 2)
    assert projected["value"].iloc[0] == pytest.approx(3.0)


def test_constant_growth_compounds_the_last_figure():
    projected = scenarios.project(actual({2024: 10.0}), "constant-growth", 2026, growth=0.1)
    assert projected["value"].tolist() == pytest.approx([11.0, 12.1])


def test_trend_needs_two_figures():
    with pytest.raises(ValueError, match="two figures"):
        scenarios.project(actual({2024: 10.0}), "trend", 2030, 3)


def projection(published, target, value, basis="digital-related"):
    return {
        "publisher": "METI",
        "published": published,
        "scenario": "base",
        "basis": basis,
        "source_id": "meti",
        "target_year": float(target),
        "value": -value,
    }


def test_tracker_growth_required_and_realised():
    tracked = scenarios.tracker(
        pd.DataFrame([projection("2022-10", 2024, 4.0)]),
        {"digital-related": actual({2021: 1.0, 2023: 4.0})},
    )
    row = tracked.iloc[0]
    assert row["base_year"] == 2021
    # 1 → 4 in three years needs ×4^(1/3); the actual went 1 → 4 in two years: faster
    assert row["required_growth"] == pytest.approx(4 ** (1 / 3) - 1)
    assert row["realised_growth"] == pytest.approx(1.0)
    assert row["status"] == "ahead"


def test_tracker_scores_a_projection_once_its_year_has_an_actual():
    tracked = scenarios.tracker(
        pd.DataFrame([projection("2022", 2024, 4.0)]),
        {"digital-related": actual({2021: 1.0, 2024: 3.5})},
    )
    assert tracked.iloc[0]["status"] == "scored"
    assert tracked.iloc[0]["error"] == pytest.approx(0.5)


def test_tracker_measures_each_projection_against_the_series_of_its_item_set():
    published = pd.DataFrame(
        [
            projection("2022", 2030, 8.0, basis="computer services only"),
            projection("2022", 2030, 8.0),
        ]
    )
    computer = actual({2021: 1.0, 2024: 2.0})
    tracked = scenarios.tracker(published, {"computer services only": computer})
    by_basis = tracked.set_index("basis")
    assert by_basis.loc["computer services only", "base"] == 1.0
    assert by_basis.loc["computer services only", "status"] == "behind"
    # no series given for the total: listed, not scored against another item set
    assert by_basis.loc["digital-related", "status"] == "not-comparable"
    assert pd.isna(by_basis.loc["digital-related", "required_growth"])
    assert set(tracked["status"]) <= set(scenarios.STATUSES)
