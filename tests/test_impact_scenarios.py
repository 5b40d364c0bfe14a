"""Currency conversion, projections and the forecast tracker on hand-checked inputs."""

import pandas as pd
import pytest

from digideficit import impact, scenarios


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
    with pytest.raises(ValueError, match="no exchange rate"):
        impact.amount_in(1.0, "USD", None)


def test_exchange_rate_is_looked_up_never_estimated():
    context = pd.DataFrame({"measure": ["usd_jpy_average"], "period": ["2024"], "value": [150.0]})
    assert impact.exchange_rate(context, "2024")["value"] == 150.0
    assert impact.exchange_rate(context, "2023") is None


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
