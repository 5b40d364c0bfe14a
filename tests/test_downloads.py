"""Each chart's download is tidy data a reader can use: one row per figure, its unit,
vintage and source, years as whole numbers, and none of the plotting plumbing (`dataset`
= "part 1/2", `run`). The table rides in the executed notebook for the build to write;
the page itself does not carry it."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from digideficit.analysis import charts
from digideficit.paths import SITE_DIR
from digideficit.site import downloads, sphinx_ext

DOWNLOADS = SITE_DIR / "_static" / "downloads"
PLUMBING = {"dataset", "run"}


def chart_metadata() -> list[Path]:
    return sorted(DOWNLOADS.glob("*.json")) if DOWNLOADS.exists() else []


def untidy(table: pd.DataFrame) -> list[str]:
    """What keeps a download from being tidy data: plotting columns, years that are not
    whole numbers, a missing unit, vintage or source column."""
    problems = [f"plotting column {c!r}" for c in table.columns if c in PLUMBING]
    problems += [f"no {c!r} column" for c in charts.TIDY_COLUMNS if c not in table.columns]
    # a column of years ('year', 'target_year', 'fiscal year'), not one about them
    for column in (c for c in table.columns if re.search(r"(^|[_ ])year$", c.lower())):
        bad = [v for v in table[column].dropna().astype(str) if not re.fullmatch(r"\d{4}", v)]
        if bad:
            problems.append(f"{column!r} holds {bad[0]!r}, not a year")
    return problems


def read(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False).replace("", None)


def test_the_site_has_chart_downloads():
    assert chart_metadata(), "no built site: run `make book` first (make test does)"


@pytest.mark.parametrize("meta", chart_metadata(), ids=lambda p: p.stem)
def test_chart_download_is_tidy(meta):
    info = json.loads(meta.read_text(encoding="utf-8"))
    if not info.get("tidy"):
        pytest.xfail(
            f"chart {info['chart']} ({info['chapter']}) passes no tidy table yet: "
            "charts.figure(..., table=tidy) in its figures module"
        )
    table = read(meta.with_suffix(".csv").read_text(encoding="utf-8"))
    assert untidy(table) == []
    assert len(table) == info["rows"]


def test_no_page_carries_a_download_table():
    pages = [p for p in SITE_DIR.rglob("*.html") if "_static" not in p.parts]
    assert pages, "no built site: run `make book` first (make test does)"
    assert [p.name for p in pages if 'class="dd-tidy"' in p.read_text(encoding="utf-8")] == []


def test_the_tidiness_check_finds_plumbing_and_float_years():
    plotted = read("year,value,dataset,run\n2030.0,1.5,part 1,a\n2031.0,1.7,part 2,a\n")
    assert untidy(plotted) == [
        "plotting column 'dataset'",
        "plotting column 'run'",
        "no 'unit' column",
        "no 'vintage' column",
        "no 'source' column",
        "'year' holds '2030.0', not a year",
    ]
    tidy = read(
        "year,year_stated,item,value,unit,vintage,source\n2030,True,computer,1.5,¥ trillion,x,y\n"
    )
    assert untidy(tidy) == []


def notebook_with(markup: str, path: Path) -> Path:
    notebook = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("chart")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": markup})]
    notebook.cells = [cell]
    nbformat.write(notebook, path)
    return path


def chart_markup(name: str, table: pd.DataFrame | None) -> str:
    import altair as alt

    frame = pd.DataFrame({"year": [2024, 2025], "value": [6.6, 6.7]})
    chart = alt.Chart(frame).mark_line().encode(x="year:O", y="value:Q")
    return charts.figure(chart, name, "Deficit, 2024 to 2025.", table=table).data


def test_the_download_is_the_chart_table_and_the_page_drops_it(tmp_path):
    tidy = pd.DataFrame(
        {
            "year": [2024, 2025],
            "item": "digital total",
            "value": [-66000, -65959],
            "unit": "¥100 million",
            "vintage": "2026-06-08",
            "source": "Bank of Japan",
        }
    )
    with_table = chart_markup("with-table", tidy)
    without = chart_markup("without-table", None)
    notebook = notebook_with(with_table + without, tmp_path / "chapter.ipynb")
    names = downloads.write([notebook], tmp_path / "out")
    assert sorted(names) == ["with-table", "without-table"]
    written = read((tmp_path / "out" / "with-table.csv").read_text(encoding="utf-8"))
    assert untidy(written) == [] and list(written["year"]) == ["2024", "2025"]
    meta = json.loads((tmp_path / "out" / "with-table.json").read_text(encoding="utf-8"))
    assert meta["tidy"] is True and meta["rows"] == 2
    plotted = json.loads((tmp_path / "out" / "without-table.json").read_text(encoding="utf-8"))
    assert plotted["tidy"] is False
    # the built page keeps the chart and its spec, not the download table
    page = sphinx_ext.TIDY.sub("", with_table)
    assert 'class="dd-tidy"' in with_table and 'class="dd-tidy"' not in page
    assert 'class="dd-spec"' in page
