"""Growth arithmetic on small inputs whose answers can be checked by hand."""

from decimal import Decimal

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


def flows(receipts: tuple[float, float], payments: tuple[float, float]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "year": [2014, 2014, 2025, 2025],
            "flow": ["receipts", "payments", "receipts", "payments"],
            "value": [receipts[0], payments[0], receipts[1], payments[1]],
        }
    )


def test_gross_change_says_which_flow_grew_faster_and_what_the_gap_did():
    # receipts ×5 from a small base, payments ×4 from a large one: the gap still widens
    moved = growth.gross_change(flows((1.0, 5.0), (3.0, 12.0)))
    assert (moved["first"], moved["last"]) == (2014, 2025)
    assert moved["added"] == {"receipts": 4.0, "payments": 9.0}
    assert moved["times"] == {"receipts": 5.0, "payments": 4.0}
    assert (moved["faster"], moved["gap"]) == ("receipts", "wider")
    assert growth.gross_change(flows((1.0, 3.0), (3.0, 4.0)))["gap"] == "narrower"
    assert growth.gross_change(flows((1.0, 2.0), (3.0, 4.0)))["gap"] == "unchanged"
    assert growth.gross_change(flows((1.0, 1.5), (3.0, 6.0)))["faster"] == "payments"


def balances(by_year: dict[int, dict[str, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"year": year, "item": item, "value": value}
            for year, items in by_year.items()
            for item, value in items.items()
        ]
    )


def test_yearly_contributions_add_up_to_the_change_of_the_total():
    changes = growth.yearly_contributions(
        balances(
            {
                2014: {"a": -1.0, "b": -2.0},
                2015: {"a": -1.5, "b": -1.0},
                2016: {"a": -3.0, "b": -1.0},
            }
        )
    )
    assert list(changes["year"].unique()) == [2015, 2016]
    by = changes.set_index(["year", "item"])["change"]
    assert by[(2015, "a")] == -0.5 and by[(2015, "b")] == 1.0
    # the total went -3.0 → -2.5 → -4.0
    assert changes.groupby("year")["change"].sum().to_dict() == {2015: 0.5, 2016: -1.5}


def test_yearly_contributions_never_bridge_a_missing_year():
    changes = growth.yearly_contributions(
        balances({2014: {"a": -1.0}, 2016: {"a": -2.0}, 2017: {"a": -2.5}})
    )
    assert changes["year"].tolist() == [2017]


def test_yearly_contributions_keep_decimals_exact():
    changes = growth.yearly_contributions(
        balances({2014: {"a": Decimal("-0.1")}, 2015: {"a": Decimal("-0.3")}})
    )
    assert changes["change"].tolist() == [Decimal("-0.2")]
