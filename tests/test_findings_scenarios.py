"""Scenarios' findings against the data read independently: the actual series is the Bank
of Japan's months, the projection follows its method, METI's figures are as published,
projections are never drawn or downloaded as data, and the tracker measures each projection
against the official series of its own item set."""

import ast
import json
import re
from decimal import Decimal

import nbformat
import numpy as np
import pandas as pd
import pytest
from test_findings_economic_impact import calendar, summed

from digideficit.analysis import quantities as q
from digideficit.analysis import wording
from digideficit.analysis.findings import scenarios
from digideficit.paths import CHAPTERS_DIR
from digideficit.site.figures import scenarios as figures

NOTEBOOK = CHAPTERS_DIR / "scenarios.ipynb"
ITEMS = ("computer", "copyright_royalties", "consulting")  # 3 items, computer only


@pytest.fixture(scope="module")
def found():
    return scenarios.findings()


def deficit(year: int, items=ITEMS) -> Decimal:
    return -sum(summed(item, calendar(year)) for item in items)


def test_the_actual_series_is_the_bank_of_japans_months(found):
    actual = found.frames["actual"].set_index("year")
    assert list(actual.index) == list(range(2014, 2026))
    for year in (2014, 2025):
        assert actual.loc[year, "value"] == pytest.approx(float(deficit(year)), abs=1e-12)
    assert wording.say(found.values["sc_last_value"], "en") == (
        f"¥{deficit(2025).quantize(Decimal('0.01'))} trillion"
    )


def test_the_trend_is_a_least_squares_line_through_the_latest_years(found):
    years = [2023, 2024, 2025]
    slope, intercept = np.polyfit(years, [float(deficit(y)) for y in years], 1)
    projected = found.frames["projected"].set_index("year")["value"]
    assert list(projected.index) == list(range(2026, 2036))
    assert projected[2035] == pytest.approx(slope * 2035 + intercept, abs=1e-6)
    assert found.values["sc_at_horizon"] == q.Money(
        Decimal(str(projected[2035])), places=1, qualifier="about"
    )
    said = wording.say(found.values["sc_method"], "en")
    assert "latest 3 years (2023–2025)" in said and f"¥{slope:.2f} trillion wider" in said


def test_constant_growth_compounds_the_latest_year():
    found = scenarios.findings(method="constant-growth", growth=0.2, horizon=2030)
    expected = float(deficit(2025)) * 1.2**5
    assert found.frames["projected"].set_index("year")["value"][2030] == pytest.approx(expected)
    assert wording.say(found.values["sc_at_horizon"], "en") == f"about ¥{expected:.1f} trillion"
    assert wording.say(found.values["sc_horizon"], "en") == "2030"
    slower = scenarios.findings(method="constant-growth", growth=0.05, horizon=2030)
    assert slower.values["sc_at_horizon"].value < found.values["sc_at_horizon"].value


def test_metis_projections_are_stated_as_published(found):
    cases = wording.say(found.values["sc_meti_cases"], "en")
    assert (
        cases
        == "about ¥18 trillion in its base case and about ¥28 trillion in its pessimistic case"
    )
    assert wording.say(found.values["sc_meti_published"], "en") == "30 April 2025"
    growth = (18 / float(deficit(2025))) ** (1 / 10) - 1
    assert f"{growth:.1%} a year for its base case" in wording.say(
        found.values["sc_meti_growth"], "en"
    )


def spec_and_table(html) -> tuple[dict, pd.DataFrame]:
    markup = html.data
    spec = re.search(r'class="dd-spec"[^>]*>(.*?)</script>', markup, re.S).group(1)
    tidy = re.search(r'class="dd-tidy"[^>]*>(.*?)</script>', markup, re.S).group(1)
    return json.loads(spec.replace("<\\/", "</")), pd.DataFrame(json.loads(tidy))


def test_projections_are_labelled_as_projections(found):
    spec, table = spec_and_table(figures.projection(found, "en"))
    projected_years = set(found.frames["projected"]["year"])
    actual = table[table["series"] == "actual"]
    assert not projected_years & set(actual["year"])
    projected = table[table["year"].isin(projected_years) & (table["item"] == "digital_total")]
    assert set(projected["series"]) <= {"projection by this report"} | {
        f"projection published by {p}" for p in found.frames["meti"]["publisher"]
    }
    assert (
        table.loc[table["series"] == "projection by this report", "vintage"] == "projection"
    ).all()
    assert table["year"].dtype.kind == "i"
    legend = {r["kind"] for rows in spec["datasets"].values() for r in rows if "kind" in r}
    assert "projection (trend)" in legend and "actual (Bank of Japan)" in legend
    assert max(len(label) for label in legend) <= 28
    title = " ".join(spec["title"]["text"])
    assert wording.say(found.values["sc_at_horizon"], "en") in title
    assert "below every METI case" in title  # about ¥10.9 trillion against ¥18 and ¥28


def test_the_tracker_measures_each_projection_against_its_own_item_set(found):
    tracked = found.frames["tracker"].set_index("scenario")
    computer = tracked.loc["computer services"]
    # METI's 2022 computer-services projection: from the computer-services deficit of 2021
    assert computer["base_year"] == 2021
    assert computer["base"] == pytest.approx(float(deficit(2021, ("computer",))))
    assert computer["compared_with"] == q.Item("computer")
    base = tracked.loc["base"]
    assert base["base_year"] == 2024 and base["compared_with"] == q.Basis("3-item-computer")
    assert base["required_growth"] == pytest.approx((18 / float(deficit(2024))) ** (1 / 11) - 1)
    assert set(tracked["status"]) <= {"scored", "ahead", "behind", "no-actual-since"}
    assert wording.say(found.values["sc_tracked"], "en") == f"{len(tracked)} projections"


def test_every_finding_is_a_quantity_said_in_both_languages(found):
    for key, value in found.values.items():
        assert not isinstance(value, str), key
        assert wording.say(value, "en") and wording.say(value, "ja")


def test_the_notebook_only_glues_and_draws(found):
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    sources = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
    tree = ast.parse(sources.replace("page.glue(found, lang);", "page.glue(found, lang)"))
    assert not [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.JoinedStr)]
    assert sources.count("scenarios.findings(") == 1
    used = set(re.findall(r"\{glue:md\}`([^`]+)`", "".join(c.source for c in notebook.cells)))
    assert used <= set(found.values), used - set(found.values)
    for before, cell in zip(notebook.cells, notebook.cells[1:], strict=False):
        if "figures.tracker(" in cell.source:
            assert before.cell_type == "markdown" and before.source.lstrip().startswith("#")
