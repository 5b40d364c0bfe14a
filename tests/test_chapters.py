"""Chapters re-run with papermill and other parameters change their glued results as the
data says they should."""

from pathlib import Path

import papermill
import pytest

from digideficit import definitions, notebooks, prose, series
from digideficit.paths import CHAPTERS_DIR

pytestmark = pytest.mark.slow


def execute_chapter(name: str, tmp_path: Path, **parameters) -> Path:
    output = tmp_path / f"{name}.ipynb"
    papermill.execute_notebook(
        str(CHAPTERS_DIR / f"{name}.ipynb"),
        str(output),
        parameters=parameters,
        kernel_name="python3",
        cwd=str(CHAPTERS_DIR),
        progress_bar=False,
    )
    return output


def run_chapter(name: str, tmp_path: Path, **parameters) -> dict[str, str]:
    return notebooks.glued(execute_chapter(name, tmp_path, **parameters))


def expected_latest(tables, basis: str) -> str:
    rows = series.with_sources(tables.digital_services, tables.sources)
    latest = series.best_available(series.totals(rows, basis)).iloc[-1]
    return prose.balance_phrase(latest["value_text"], latest["unit"])


def test_definitions_on_the_5_item_basis(tmp_path, tables):
    committed = notebooks.glued(CHAPTERS_DIR / "definitions.ipynb")
    glued = run_chapter("definitions", tmp_path, basis="5-item", first_year=2014)
    assert glued["basis_label"] == f"{definitions.BASES['5-item'].label} basis"
    assert glued["latest_balance"] == expected_latest(tables, "5-item")
    assert committed["latest_balance"] == expected_latest(tables, "3-item")
    assert glued["latest_balance"] != committed["latest_balance"]
    five = tables.digital_services.query("item_basis == '5-item' and period_type == 'CY'")
    if 2014 not in set(five["year"]):
        assert glued["growth_since_first"].startswith("not computable")


def test_definitions_with_a_later_first_year(tmp_path, tables):
    glued = run_chapter("definitions", tmp_path, basis="3-item", first_year=2022)
    rows = series.with_sources(tables.digital_services, tables.sources)
    best = series.best_available(series.totals(rows, "3-item"))
    grid = series.on_year_grid(best, 2022, int(best["year"].max()))
    assert glued["figure_count"] == str(int(grid["has_figure"].sum()))
    first, latest = grid.iloc[0], best.iloc[-1]
    assert glued["growth_since_first"].startswith(f"{latest['value'] / first['value']:.1f} times")


def test_data_and_methods_coverage_follows_the_years(tmp_path, tables):
    glued = run_chapter("data-and-methods", tmp_path, first_year=2020, last_year=2024)
    matrix = series.coverage(tables.digital_services, 2020, 2024)
    assert glued["coverage_span"] == "2020–2024"
    assert int(glued["cells_missing"]) == int((matrix == "missing").to_numpy().sum())
    assert (
        int(glued["cells_sourced"]) + int(glued["cells_derived"]) + int(glued["cells_missing"])
        == matrix.size
    )


def test_bad_parameter_fails_inside_the_notebook_too(tmp_path):
    with pytest.raises(papermill.PapermillExecutionError, match="is not one of 3-item, 5-item"):
        run_chapter("definitions", tmp_path, basis="all")


@pytest.mark.parametrize("name", ["definitions", "data-and-methods"])
def test_re_execution_reproduces_the_committed_notebook_byte_for_byte(tmp_path, name):
    """Same inputs, same file: chart specs, glued values, tables and cell ids included."""
    from digideficit import params

    output = execute_chapter(name, tmp_path, **params.defaults().get(name, {}))
    notebooks.normalise(output)
    assert output.read_bytes() == (CHAPTERS_DIR / f"{name}.ipynb").read_bytes()
