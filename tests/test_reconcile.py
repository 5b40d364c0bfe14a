"""The reconciliation explains each figure from its attributes, against the right reference."""

import pandas as pd

from digideficit.analysis import reconcile, series


def row(period, ptype, basis, vintage, value, date="2025-02", year=2024):
    return {
        "period": period,
        "period_type": ptype,
        "year": year,
        "item": "digital_total",
        "item_basis": basis,
        "flow": "balance",
        "value": float(value),
        "value_text": value,
        "unit": "JPY_tn",
        "vintage": vintage,
        "publisher": "P",
        "source_date": date,
    }


def table():
    return reconcile.reconciliation(
        pd.DataFrame(
            [
                row("2024", "CY", "3-item", "preliminary", "-6.6506"),
                row("2024", "CY", "3-item", "revised", "-6.7", "2025-07"),
                row("2024", "CY", "5-item", "revised", "-6.8", "2025-07"),
                row("2024", "CY", "METI", "later-citation", "-6.85"),
                row("FY2024", "FY", "3-item", "preliminary", "-6.7722"),
            ]
        )
    ).set_index("published balance")


def test_reference_is_the_latest_3_item_calendar_year_figure():
    t = table()
    assert t.loc["-6.7", "why it differs"].startswith("reference")
    assert t.loc["-6.7", "minus reference"] == ""


def test_each_reason_follows_from_the_attributes():
    t = table()
    assert t.loc["-6.6506", "why it differs"].startswith("another vintage: preliminary")
    assert t.loc["-6.6506", "minus reference"] == "+0.0494"
    assert "fiscal year" in t.loc["-6.7722", "why it differs"]
    assert t.loc["-6.85", "inference"] == "yes"
    assert t.loc["-6.8", "inference"] == "yes"
    assert t.loc["-6.6506", "inference"] == "no"


def test_shipped_data_every_total_is_explained(tables):
    rows = series.with_sources(tables.digital_services, tables.sources)
    t = reconcile.reconciliation(rows)
    expected = rows.query("item == 'digital_total' and flow == 'balance' and unit == 'JPY_tn'")
    assert len(t) == len(expected)
    assert (t["why it differs"].str.len() > 0).all()


def test_a_total_without_item_list_is_matched_to_an_equal_figure_on_a_known_basis():
    rows = pd.DataFrame(
        [
            row("2023", "CY", "3-item", "preliminary", "-5.536", year=2023),
            row("2023", "CY", "3-item-computer", "later-citation", "-5.35", year=2023),
            row("2023", "CY", "not-stated", "later-citation", "-5.3452", year=2023),
            row("2023", "CY", "Nikkei", "later-citation", "-5.9", year=2023),
        ]
    )
    t = reconcile.reconciliation(rows).set_index("published balance")
    # −5.3452 lies within the rounding of −5.35 (±0.005): the same item set, inferred
    assert "matches the 3-item-computer figure" in t.loc["-5.3452", "why it differs"]
    assert t.loc["-5.3452", "inference"] == "yes"
    # −5.9 matches nothing, and a figure on a known basis is never 'matched'
    assert "matches" not in t.loc["-5.9", "why it differs"]
    assert "matches" not in t.loc["-5.35", "why it differs"]


def test_period_gaps_lists_each_pair_of_differing_figures_once():
    rows = pd.DataFrame(
        [
            row("FY2024", "FY", "not-stated", "preliminary", "-6.7722"),
            row("FY2024", "FY", "not-stated", "preliminary", "-6.9651"),
            row("FY2024", "FY", "not-stated", "preliminary", "-6.9651"),
        ]
    )
    gaps = reconcile.period_gaps(rows, "FY")
    assert len(gaps) == 1
    assert gaps.iloc[0]["gap, ¥ trillion"] == "0.1929"


def test_as_published_says_how_precise_the_source_is():
    row = pd.Series({"published_text": "-6", "published_unit": "JPY_tn", "qualifier": "more than"})
    assert reconcile.as_published(row) == "-6 (¥ trillion), a lower bound"
    assert reconcile.as_published(row.drop("qualifier")) == "-6 (¥ trillion)"
