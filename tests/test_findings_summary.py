"""The front page's figures against independent sums of the Bank of Japan's file."""

from decimal import Decimal

import pandas as pd
import pytest

from digideficit.analysis import quantities as q
from digideficit.analysis import wording
from digideficit.analysis.findings import summary
from digideficit.paths import data_dir

# net balances of the 3 items with computer services: copyrights, computer, consulting
THREE_ITEMS = ["BPBP6JYNSN9062", "BPBP6JYNSN9072", "BPBP6JYNSN9082"]
FIVE_ITEMS = [
    "BPBP6JYNSN9062",
    "BPBP6JYNSN9071",
    "BPBP6JYNSN9072",
    "BPBP6JYNSN9073",
    "BPBP6JYNSN9082",
]


@pytest.fixture(scope="module")
def months():
    table = pd.read_csv(data_dir() / "boj_monthly.csv", dtype=str)
    latest = table.sort_values("vintage").drop_duplicates(["code", "period"], keep="last")
    return latest.assign(value=latest["value"].map(Decimal))


@pytest.fixture(scope="module")
def found():
    return summary.findings()


def summed(months, codes, first: str, last: str) -> Decimal:
    """¥ trillion over months first..last, from the file's ¥100 million."""
    chosen = months[months["code"].isin(codes) & months["period"].between(first, last)]
    assert len(chosen) == len(codes) * len(set(chosen["period"]))
    return sum(chosen["value"], Decimal(0)) / 10_000


def test_the_headline_year_is_the_sum_of_its_months(found, months):
    year = found.values["su_year"].code
    assert found.values["su_total"].value == pytest.approx(
        summed(months, THREE_ITEMS, f"{year}-01", f"{year}-12"), abs=Decimal("1e-9")
    )
    previous = found.values["su_previous_year"].code
    change = summed(months, THREE_ITEMS, f"{year}-01", f"{year}-12") - summed(
        months, THREE_ITEMS, f"{previous}-01", f"{previous}-12"
    )
    assert found.values["su_change"].value == pytest.approx(change, abs=Decimal("1e-9"))
    assert found.values["su_other_total"].value == pytest.approx(
        summed(months, FIVE_ITEMS, f"{year}-01", f"{year}-12"), abs=Decimal("1e-9")
    )


def test_the_rolling_total_is_the_last_twelve_months(found, months):
    month = found.values["su_month"].code
    first = str(pd.Period(month, "M") - 11)
    assert found.values["su_rolling"].value == pytest.approx(
        summed(months, THREE_ITEMS, first, month), abs=Decimal("1e-9")
    )
    assert month == months[months["code"].isin(THREE_ITEMS)]["period"].max()


def test_every_finding_is_a_quantity_said_in_both_languages(found):
    for key, value in found.values.items():
        assert not isinstance(value, str), key
        assert wording.say(value, "en") and wording.say(value, "ja")


def test_the_basis_parameter_moves_the_headline(found):
    other = summary.findings(basis="5-item")
    assert other.values["su_total"] == q.Money(
        found.values["su_other_total"].value, style="balance"
    )
    assert other.values["su_basis"] == q.Basis("5-item")


def test_the_printed_range_is_what_outlets_published(found):
    low, high = (abs(found.values[f"su_printed_{end}"].value) for end in ("low", "high"))
    assert Decimal(0) < low < high
    # the official figure lies inside what was printed for that year: outlets were close,
    # but none printed the same thing
    assert low <= abs(found.values["su_printed_official"].value) <= high


def test_the_japanese_citation_names_the_edition_and_basis_in_japanese(found):
    from digideficit.site.figures import summary as figures

    text = figures.cite(found, "ja").data
    from digideficit.analysis import citation

    assert text.startswith(f"{citation.AUTHORS['ja']}『日本のデジタル赤字")
    assert "2026年6月8日版（日本銀行データは2026年4月分まで）" in text
    assert text.endswith(f"{wording.say(q.Basis(found.parameters['basis']), 'ja')}の基準による。")
    assert not any("a" <= ch.lower() <= "z" for ch in text)
