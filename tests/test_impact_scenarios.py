"""Currency conversion, projections and the forecast tracker on hand-checked inputs."""

import pandas as pd
import pytest

from digideficit.analysis import impact, scenarios


def test_yen_trillion_to_dollar_billion():
    # ¥6 trillion at ¥150 per dollar = US$40 billion
    assert impact.to_currency(6.0, "USD", 150.0) == pytest.approx(40.0)
    assert impact.to_currency(6.0, "JPY", None) == 6.0
    assert impact.to_currency(6.0, "USD", None) is None


def test_amounts_keep_the_source_rounding_in_yen_and_convert_to_dollar_billions():
    assert impact.amount_in(-6.7, "JPY", None, "-6.7") == "¥6.7 trillion"
    assert impact.amount_in(-6.6864, "JPY", None) == "¥6.69 trillion"
    # ¥-6.7 trillion at ¥150 per dollar = US$44.67 billion, shown to the billion
    assert impact.amount_in(-6.7, "USD", 150.0, "-6.7") == "US$45 billion"
    assert impact.balance_in(-6.7, "USD", 150.0) == "a deficit of US$45 billion"
    assert impact.balance_in(3.6, "JPY", None, "3.6") == "a surplus of ¥3.6 trillion"
    assert impact.amount_in(-6.8, "JPY", None, "-6.8", "about") == "about ¥6.8 trillion"
    assert impact.amount_in(-6.0, "USD", 150.0, "-6", "more than") == "more than US$40 billion"
    with pytest.raises(ValueError, match="no exchange rate"):
        impact.amount_in(1.0, "USD", None)


def test_exchange_rate_is_looked_up_never_estimated():
    context = pd.DataFrame(
        {
            "measure": ["usd_jpy_average"] * 2,
            "period": ["2024"] * 2,
            "value": [151.0, 150.0],
            "vintage": ["final", "estimate"],
        }
    )
    # the official (final) rate wins over an estimate whatever the row order
    assert impact.exchange_rate(context, "2024")["value"] == 151.0
    assert impact.exchange_rate(context.iloc[::-1], "2024")["value"] == 151.0
    assert impact.exchange_rate(context, "2023") is None


def test_annual_panel_leaves_uncovered_years_empty_and_converts_each_year_at_its_rate():
    digital = pd.DataFrame(
        {
            "year": [2015, 2017],
            "period": ["2015", "2017"],
            "value": [-3.0, -4.0],
            "value_text": ["-3.0", "-4.0"],
            "vintage": ["revised"] * 2,
            "publisher": ["P"] * 2,
            "source_id": ["p"] * 2,
        }
    )
    context = pd.DataFrame(
        {
            "measure": ["nominal_gdp", "usd_jpy_average", "usd_jpy_average"],
            "period_type": ["CY"] * 3,
            "period": ["2015", "2015", "2016"],
            "year": [2015, 2015, 2016],
            "value": [500.0, 120.0, 110.0],
            "vintage": ["final"] * 3,
            "publisher": ["Q"] * 3,
            "source_id": ["q"] * 3,
        }
    )
    panel = impact.annual_panel(digital, context, "CY", 2014, 2017)
    assert panel["year"].tolist() == [2014, 2015, 2016, 2017]
    assert panel["digital_value"].isna().tolist() == [True, False, True, False]
    assert panel["deficit_share_of_gdp"].round(6).tolist()[1] == 0.6
    assert panel["deficit_share_of_gdp"].isna().sum() == 3
    usd = impact.in_currency(panel, ["digital_value"], "USD")
    assert usd["digital_value"].iloc[1] == -3.0 * 1000 / 120
    # 2017 has a figure but no rate: no dollar amount rather than a borrowed rate
    assert pd.isna(usd["digital_value"].iloc[3])
    lines = impact.long_amounts(panel, "¥ trillion")
    digital = lines[lines["line"] == "digital balance"]
    assert digital["amount"].tolist() == [-3.0, -4.0]  # balances keep their sign
    digital_runs = digital["run"].tolist()
    assert digital_runs[0] != digital_runs[1]  # 2015 and 2017 are not joined across 2016


def actual(values: dict[int, float]) -> pd.DataFrame:
    return pd.DataFrame({"year": list(values), "value": list(values.values())})


def test_trend_continues_a_straight_line():
    projected = scenarios.project(actual({2020: 1.0, 2021: 2.0, 2022: 3.0}), "trend", 2025, 3)
    assert projected["year"].tolist() == [2023, 2024, 2025]
    assert projected["value"].tolist() == pytest.approx([4.0, 5.0, 6.0])


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
        "target_year": float(target),
        "value": -value,
    }


def test_tracker_growth_required_and_realised():
    tracked = scenarios.tracker(
        pd.DataFrame([projection("2022-10", 2024, 4.0)]), actual({2021: 1.0, 2023: 4.0})
    )
    row = tracked.iloc[0]
    assert row["base year"] == 2021
    # 1 → 4 in three years needs ×4^(1/3); the actual went 1 → 4 in two years: faster
    assert row["required growth a year"] == pytest.approx(4 ** (1 / 3) - 1)
    assert row["realised growth a year"] == pytest.approx(1.0)
    assert row["status"] == "actual growing faster than required"


def test_tracker_scores_a_projection_once_its_year_has_an_actual():
    tracked = scenarios.tracker(
        pd.DataFrame([projection("2022", 2024, 4.0)]), actual({2021: 1.0, 2024: 3.5})
    )
    assert tracked.iloc[0]["status"] == "scored against the actual"
    assert tracked.iloc[0]["error, ¥ trillion"] == pytest.approx(0.5)


def test_tracker_does_not_score_a_narrower_item_set():
    tracked = scenarios.tracker(
        pd.DataFrame([projection("2022", 2030, 8.0, basis="computer services only")]),
        actual({2021: 1.0, 2024: 3.5}),
    )
    assert tracked.iloc[0]["status"].startswith("not scored")
    assert tracked.iloc[0]["required growth a year"] is None
