"""The reconciliation explains each figure from its attributes, against the right reference."""

import pandas as pd

from digideficit.analysis import reconcile


def row(period, ptype, basis, vintage, value, date="2025-02", year=2024, source_id="p"):
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
        "source_id": source_id,
        "source_kind": "press",
    }


def official(period, ptype, basis, value, year=2024):
    """A total the report derives from the Bank of Japan's months."""
    return row(period, ptype, basis, "boj-20260608", value, "2026-06-08", year, "derived")


def table():
    return reconcile.reconciliation(
        pd.DataFrame(
            [
                official("2024", "CY", "5-item", "-6.866825757802"),
                official("2024", "CY", "3-item-computer", "-6.675264184368"),
                official("FY2024", "FY", "3-item-computer", "-6.8235"),
                row("2024", "CY", "3-item", "preliminary", "-6.6506"),
                row("2024", "CY", "3-item-computer", "revised", "-6.7", "2025-07"),
                row("2024", "CY", "METI", "later-citation", "-6.85"),
                row("FY2024", "FY", "3-item-computer", "preliminary", "-6.7722"),
                row("2024-H1", "H1", "not-stated", "preliminary", "-3.0"),
            ]
        )
    ).set_index("published balance")


def test_each_published_total_is_set_against_the_official_sum_of_its_basis():
    t = table()
    # the Ministry of Finance's 3 items are the 5 items' sum: a preliminary figure, revised
    assert t.loc["-6.6506", "official"] == "-6.8668 (5-item)"
    assert t.loc["-6.6506", "published minus official"] == "+0.2162"
    assert "the same sum as 5 items" in t.loc["-6.6506", "why it differs"]
    assert "first release" in t.loc["-6.6506", "why it differs"]
    assert t.loc["-6.6506", "inference"] == "no"
    # a fiscal year against the fiscal year
    assert t.loc["-6.7722", "official"] == "-6.8235 (3-item-computer)"


def test_a_figure_within_its_printed_rounding_is_equal():
    t = table()
    # −6.7 printed to a tenth: ±0.05 covers the official −6.6753
    assert "equal to the official figure" in t.loc["-6.7", "why it differs"]


def test_a_total_without_item_list_is_set_against_the_nearest_sum_as_an_inference():
    t = table()
    assert t.loc["-6.85", "official"] == "-6.8668 (5-item)"
    assert t.loc["-6.85", "inference"] == "yes"
    assert "nearest official sum" in t.loc["-6.85", "why it differs"]


def test_a_period_the_months_do_not_give_is_said_so():
    t = table()
    assert t.loc["-3.0", "official"] == ""
    assert "do not cover" in t.loc["-3.0", "why it differs"]
    assert "-6.866825757802" not in t.index  # official figures are the reference, not rows


def test_shipped_data_every_published_total_is_explained(tables):
    from digideficit.analysis import official as official_rows

    rows = official_rows.digital_rows(tables)
    t = reconcile.reconciliation(rows)
    published = rows.query(
        "item == 'digital_total' and flow == 'balance' and unit == 'JPY_tn' "
        "and source_id != 'derived' and source_kind != 'seed'"
    )
    assert len(t) == len(published)
    assert (t["why it differs"].str.len() > 0).all()
    # every calendar year 2014–2025 has its official figure beside the published ones
    calendar = t[t["period"].str.fullmatch(r"\d{4}")]
    assert (calendar["official"] != "").all()


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
