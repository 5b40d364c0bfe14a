"""Series selection, derivation and coverage on small hand-checked inputs."""

import pandas as pd
import pytest

from digideficit.analysis import prose, series


def rows(*records):
    columns = [
        "period",
        "period_type",
        "year",
        "item",
        "item_basis",
        "flow",
        "value",
        "value_text",
        "unit",
        "vintage",
        "source_id",
        "source_date",
    ]
    frame = pd.DataFrame(records, columns=columns)
    return frame


def rec(
    year,
    value,
    vintage="preliminary",
    flow="balance",
    item="digital_total",
    basis="3-item",
    source="s1",
    date="2025-01",
    period_type="CY",
):
    return (
        str(year),
        period_type,
        year,
        item,
        basis,
        flow,
        float(value),
        str(value),
        "JPY_tn",
        vintage,
        source,
        date,
    )


def test_best_available_prefers_revised_then_newer_then_more_precise():
    candidates = series.derive_balances(
        rows(
            rec(2024, "-6.65", "preliminary", source="a", date="2025-02"),
            rec(2024, "-6.7", "revised", source="b", date="2025-07"),
            rec(2023, "-5.5", "preliminary", source="c", date="2024-02"),
            rec(2023, "-5.536", "preliminary", source="d", date="2024-02"),
            rec(2022, "-4.8", "later-citation", source="e", date="2024-02"),
        )
    )
    best = series.best_available(candidates)
    assert best.set_index("year")["value_text"].to_dict() == {
        2022: "-4.8",
        2023: "-5.536",
        2024: "-6.7",
    }


def test_a_lower_bound_never_beats_a_figure_even_a_later_one():
    candidates = rows(
        rec(2025, "-6.7", "preliminary", source="a", date="2026-02"),
        rec(2025, "-6", "revised", source="b", date="2026-07"),
        rec(2024, "-6", "revised", source="c", date="2025-07"),
    ).assign(qualifier=["about", "more than", "more than"])
    best = series.best_available(candidates).set_index("year")
    assert best.loc[2025, "source_id"] == "a"
    # with nothing else published, the lower bound is what the year has
    assert best.loc[2024, "source_id"] == "c"


@pytest.mark.parametrize(
    ("qualifier", "text"),
    [
        ("", "a deficit of ¥6 trillion"),
        (None, "a deficit of ¥6 trillion"),
        ("about", "a deficit of about ¥6 trillion"),
        ("more than", "a deficit of more than ¥6 trillion"),
    ],
)
def test_a_row_is_stated_with_its_sources_hedge(qualifier, text):
    row = pd.Series({"value_text": "-6", "unit": "JPY_tn", "qualifier": qualifier})
    assert prose.stated_balance(row) == text
    assert prose.stated(row) == text.removeprefix("a deficit of ")


def test_balance_is_derived_only_where_not_stated():
    derived = series.derive_balances(
        rows(
            rec(2023, "3.7", flow="receipts"),
            rec(2023, "9.2", flow="payments"),
            rec(2022, "3.0", flow="receipts", source="x"),
            rec(2022, "8.0", flow="payments", source="x"),
            rec(2022, "-5.0", flow="balance", source="x"),
        )
    )
    balances = derived[derived["flow"] == "balance"]
    assert balances.set_index("year")["status"].to_dict() == {2022: "sourced", 2023: "derived"}
    assert balances.set_index("year").loc[2023, "value"] == pytest.approx(-5.5)


def test_totals_are_summed_only_when_every_item_is_present():
    parts = rows(
        rec(2024, "-1.0", item="copyright_royalties", basis="item"),
        rec(2024, "-2.5", item="telecom_computer_info", basis="item"),
        rec(2024, "-3.2", item="consulting", basis="item"),
        rec(2023, "-1.0", item="copyright_royalties", basis="item"),
        rec(2023, "-2.0", item="telecom_computer_info", basis="item"),
    )
    totals = series.derive_totals(parts, "3-item")
    assert totals["year"].tolist() == [2024]
    assert totals["value"].iloc[0] == pytest.approx(-6.7)
    assert (totals["status"] == "derived").all()
    assert series.derive_totals(parts, "5-item").empty


def test_year_grid_marks_gaps():
    best = series.best_available(series.derive_balances(rows(rec(2014, "-2.1"), rec(2017, "-3"))))
    grid = series.on_year_grid(best, 2014, 2017)
    assert grid["has_figure"].tolist() == [True, False, False, True]


@pytest.mark.parametrize(
    ("years", "text"),
    [
        ([], "none"),
        ([2015], "2015"),
        ([2015, 2016, 2017, 2020], "2015–2017, 2020"),
        ([2021, 2019, 2020], "2019–2021"),
    ],
)
def test_year_ranges(years, text):
    assert prose.year_ranges(years) == text


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        ("-6.7", "JPY_tn", "a deficit of ¥6.7 trillion"),
        # more digits than prose reads are rounded to two decimals (tables keep them all)
        ("-6.6506", "JPY_tn", "a deficit of ¥6.65 trillion"),
        ("-6.6554", "JPY_tn", "a deficit of ¥6.66 trillion"),
        ("5.90", "JPY_tn", "a surplus of ¥5.90 trillion"),
        ("-35.9", "USD_bn", "a deficit of US$35.9 billion"),
    ],
)
def test_balance_phrase_keeps_the_source_rounding_up_to_two_decimals(value, unit, text):
    assert prose.balance_phrase(value, unit) == text


@pytest.mark.parametrize(
    ("parts", "text"),
    [(["a"], "a"), (["a", "b"], "a and b"), (["a", "b", "c"], "a, b and c")],
)
def test_listing(parts, text):
    assert prose.listing(parts) == text
