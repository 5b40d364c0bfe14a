"""Japan beside other economies: findings within one definition, the chart's choice of
definition, and a title that ranks only economies one source compares."""

import pytest

from digideficit.analysis import quantities as q
from digideficit.analysis import wording
from digideficit.analysis.findings import international
from digideficit.site.figures import international as figures


@pytest.fixture(scope="module")
def found():
    return international.findings()


def test_every_finding_is_a_quantity_said_in_both_languages(found):
    for key, value in found.values.items():
        assert not isinstance(value, str), key
        assert wording.say(value, "en") and wording.say(value, "ja")


def test_the_measure_moves_the_chart_not_the_prose(tables, found):
    ict = international.findings(measure="ict_services")
    n = tables.international.query("measure == 'ict_services'")["economy"].nunique()
    assert ict.values["in_charted_count"] == q.Count(n, "economy")
    assert ict.values["in_charted_count"] != found.values["in_charted_count"]
    assert ict.values["in_meti_surplus"] == found.values["in_meti_surplus"]
    assert set(ict.frames["charted"]["measure"]) == {"ict_services"}


def test_japan_is_said_in_us_dollars_without_a_currency_conversion(found):
    said = wording.say(found.values["in_japan_digital"])
    assert said.startswith("a deficit of US$36.4 billion in about 2022")
    assert wording.say(found.values["in_japan_digital"], "ja").startswith(
        "2022年頃に364億ドルの赤字"
    )
    assert (
        wording.say(found.values["in_japan_digital_standing"])
        == "the largest deficit of 7 economies"
    )


def test_the_chart_title_ranks_within_one_source_and_definition(found):
    ranked = found.frames["ranked"]
    assert ranked["measure"].nunique() == 1 and ranked["source_id"].nunique() == 1
    html = figures.balances(found).data
    assert "Ireland ran the" in html and "largest deficit of 9 economies" in html
    legend = [label for label in figures.LEGEND["en"].values()]
    assert max(len(label) for label in legend) <= 28
