"""The international table: each economy's figure on its source's definition, METI's finding
as signs; broken rows are named by file, line, column and rule."""

import pytest
from conftest import line_of_row, replace_line

from digideficit.analysis import international, wording
from digideficit.validated import data
from digideficit.validated.schema import DataValidationError

INTL = "international.csv"


def problems_of(directory):
    with pytest.raises(DataValidationError) as caught:
        data.load(directory)
    return caught.value.problems


def test_every_row_states_its_definition_and_cites_a_source_with_a_url(tables):
    rows = tables.international
    assert set(rows["measure"]) <= set(data.INTERNATIONAL_MEASURES)
    cited = tables.sources.set_index("id").loc[rows["source_id"].unique()]
    assert (cited["url"].str.startswith("http")).all()


def test_metis_finding_is_nine_economies_as_signs(tables):
    finding = international.meti_finding(tables)
    assert set(finding["surplus"]) == {
        "United States",
        "United Kingdom",
        "Ireland",
        "China",
        "India",
        "Singapore",
    }
    assert set(finding["deficit"]) == {"Germany", "South Korea", "Japan"}


def test_figures_are_rescaled_within_one_currency_only(tables):
    rows = international.figures(tables)
    japan = rows.query("economy == 'Japan' and measure == 'digital_related'").iloc[0]
    assert (japan["value_text"], japan["unit"], japan["usd_bn"]) == ("-364", "USD_100m", -36.4)
    assert set(rows["unit"]) <= {"USD_100m", "USD_bn"}


def test_a_figure_written_as_a_sign_is_named(data_copy):
    line = line_of_row(data_copy / INTL, "Japan,2022,CY-probable,digital_related,balance,-364")
    replace_line(data_copy / INTL, line, ",-364,USD_100m,", ",-1,sign,")
    [problem] = problems_of(data_copy)
    assert (problem.line, problem.column) == (line, "value")
    assert "sign-only finding" in problem.rule


def test_a_sign_that_is_not_plus_or_minus_one_is_named(data_copy):
    line = line_of_row(data_copy / INTL, "Germany,2025,CY-probable,digital_meti,sign,-1")
    replace_line(data_copy / INTL, line, ",sign,-1,sign,", ",sign,-102,sign,")
    [problem] = problems_of(data_copy)
    assert (problem.line, problem.value) == (line, "-102")


@pytest.mark.parametrize(
    ("old", "new", "column"),
    [
        (",digital_related,", ",digital,", "measure"),
        (",USD_100m,", ",JPY_tn,", "unit"),
        ("Japan,2022,CY-probable", "Japan,c2022,CY-probable", "period"),
        (",wedge-karakama-2024-04-11,", ",wedge-2024,", "source_id"),
    ],
)
def test_bad_international_row_is_named(data_copy, old, new, column):
    line = line_of_row(data_copy / INTL, "Japan,2022,CY-probable,digital_related")
    replace_line(data_copy / INTL, line, old, new)
    [problem] = problems_of(data_copy)
    assert (problem.file.endswith(INTL), problem.line, problem.column) == (True, line, column)


def test_exports_stay_out_of_the_balance_chart(tables):
    shipped = international.exports(tables)
    assert set(shipped["flow"]) == {"exports"}
    assert not international.figures(tables)["measure"].isin(shipped["measure"]).any()
    india = shipped.query("economy == 'India'").iloc[0]
    assert wording.say(international.exported(india)).startswith("US$257 billion in 2023")
