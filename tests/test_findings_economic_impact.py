"""Economic impact's findings against the data files read independently: the balances are
the sums of the Bank of Japan's months, shares of GDP divide by the same fiscal year's GDP,
dollars use the Bank of Japan's monthly averages; the notebook only glues and draws."""

import ast
import json
import re
import string
from decimal import Decimal

import nbformat
import pandas as pd
import pytest

from digideficit.analysis import quantities as q
from digideficit.analysis import wording
from digideficit.analysis.findings import economic_impact
from digideficit.paths import CHAPTERS_DIR, ROOT
from digideficit.site.figures import economic_impact as figures
from digideficit.validated import params

NOTEBOOK = CHAPTERS_DIR / "economic-impact.ipynb"


@pytest.fixture(scope="module")
def found():
    return economic_impact.findings()


@pytest.fixture(scope="module")
def in_dollars():
    return economic_impact.findings(currency="USD")


def months_of(item: str, flow: str = "balance") -> pd.Series:
    """One series' months from data/boj_monthly.csv, latest vintage, in ¥100 million."""
    series = pd.read_csv(ROOT / "data" / "boj_series.csv", dtype=str, keep_default_na=False)
    code = series.query("item == @item and flow == @flow and frequency == 'M'")["code"].iloc[0]
    values = pd.read_csv(ROOT / "data" / "boj_monthly.csv", dtype=str)
    values = values[values["code"] == code].sort_values("vintage")
    return values.drop_duplicates("period", keep="last").set_index("period")["value"]


def summed(item: str, months: list[str]) -> Decimal:
    """¥ trillion: the exact sum of the months (¥100 million)."""
    values = months_of(item)
    assert set(months) <= set(values.index), f"{item} lacks months of {months}"
    return sum(Decimal(values[m]) for m in months).scaleb(-4)


def calendar(year: int) -> list[str]:
    return [f"{year}-{m:02d}" for m in range(1, 13)]


def fiscal(year: int) -> list[str]:
    return [f"{year}-{m:02d}" for m in range(4, 13)] + [f"{year + 1}-{m:02d}" for m in (1, 2, 3)]


def line(frame: pd.DataFrame, item: str, year: int) -> pd.Series:
    return frame.set_index(["item", "year"]).loc[(item, year)]


def test_the_current_account_of_2014_is_the_sum_of_its_months(found):
    row = line(found.frames["calendar"], "current_account_balance", 2014)
    assert Decimal(row["value_text"]) == summed("current_account_balance", calendar(2014))
    assert row["source_id"] == "derived"


@pytest.mark.parametrize(
    "item", ["travel_balance", "trade_balance", "services_balance", "primary_income_balance"]
)
def test_every_line_of_every_year_is_the_sum_of_its_months(found, item):
    frame = found.frames["calendar"]
    years = sorted(frame.loc[frame["item"] == item, "year"])
    assert years == list(range(2014, 2026))
    for year in years:
        assert Decimal(line(frame, item, year)["value_text"]) == summed(item, calendar(year))


def test_the_digital_balance_adds_the_items_of_its_basis(found):
    items = ("computer", "copyright_royalties", "consulting")  # 3 items, computer only
    expected = sum(summed(item, calendar(2025)) for item in items)
    assert Decimal(line(found.frames["calendar"], "digital_total", 2025)["value_text"]) == expected
    said = wording.say(found.values["ei_digital"], "en")
    assert said == f"a deficit of ¥{abs(expected).quantize(Decimal('0.01'))} trillion"


def test_crude_oil_imports_are_the_ministry_of_finance_figures(found):
    context = pd.read_csv(ROOT / "data" / "context.csv", dtype=str)
    mof = context[(context["measure"] == "crude_oil_imports") & (context["period_type"] == "CY")]
    frame = found.frames["calendar"]
    crude = frame[frame["item"] == "crude_oil_imports"].set_index("year")
    assert sorted(crude.index) == list(range(2014, 2026))
    for _, row in mof.iterrows():
        # published in ¥ billion (JPY_bn)
        assert Decimal(crude.loc[int(row["period"]), "value_text"]) == Decimal(row["value"]).scaleb(
            -3
        )


def test_a_gdp_share_uses_the_fiscal_years_gdp(found):
    context = pd.read_csv(ROOT / "data" / "context.csv", dtype=str)
    esri = context[(context["source_id"] == "esri-qe262-2-gdp-fy")].set_index("period")
    gdp = Decimal(esri.loc["FY2025", "value"]).scaleb(-3)  # ¥ billion → ¥ trillion
    items = ("computer", "copyright_royalties", "consulting")
    digital = sum(summed(item, fiscal(2025)) for item in items)
    shares = found.frames["shares"].set_index(["item", "period"])
    assert shares.loc[("digital_total", "FY2025"), "share"] == pytest.approx(float(digital / gdp))
    assert shares.loc[("digital_total", "FY2025"), "gdp_source_id"] == "esri-qe262-2-gdp-fy"
    assert found.values["ei_fy_share"].value == pytest.approx(float(-digital / gdp))
    # every share is on a fiscal year; no calendar-year GDP is read
    assert (found.frames["shares"]["period_type"] == "FY").all()
    assert "nominal_gdp" not in set(found.frames["calendar"]["item"])
    assert set(found.frames["shares"]["gdp_source_id"]) == {"esri-qe262-2-gdp-fy"}


def test_dollars_use_the_bank_of_japans_monthly_averages(found, in_dollars):
    context = pd.read_csv(ROOT / "data" / "context.csv", dtype=str)
    fx = context[(context["measure"] == "usd_jpy_average") & (context["period_type"] == "M")]
    fx = fx.set_index("period")["value"].astype(float)
    rate = fx[calendar(2025)].mean()
    assert fx.index.isin(calendar(2025)).sum() == 12
    yen = float(line(found.frames["calendar"], "digital_total", 2025)["value_text"])
    dollars = line(in_dollars.frames["calendar"], "digital_total", 2025)
    assert dollars["amount"] == pytest.approx(yen * 1000 / rate)
    said = wording.say(in_dollars.values["ei_digital"], "en")
    assert said == f"a deficit of US${abs(yen) * 1000 / rate:,.1f} billion"
    note = wording.say(in_dollars.values["ei_currency_note"], "en")
    assert f"¥{rate:.2f} per dollar in 2025" in note and "FXERM07" in note
    assert "boj-fm08-fxerm07-20260703" in set(in_dollars.frames["sources"]["id"])
    # a share does not depend on the currency
    assert in_dollars.values["ei_fy_share"] == found.values["ei_fy_share"]


def test_every_finding_is_a_quantity_said_in_both_languages(found, in_dollars):
    for findings in (found, in_dollars):
        for key, value in findings.values.items():
            assert not isinstance(value, str), key
            assert wording.say(value, "en") and wording.say(value, "ja")


def test_the_parameters_change_the_findings(found):
    other = economic_impact.findings(year=2014, fiscal_year=2020, basis="5-item")
    assert other.values["ei_year"] == q.Period("2014")
    assert other.values["ei_digital"] != found.values["ei_digital"]
    # in 2014 travel was in deficit: the page says so rather than compare with a surplus
    assert other.values["ei_vs_travel"].key == "beside-travel-deficit"
    assert found.values["ei_vs_travel"].key in {"above-travel-surplus", "below-travel-surplus"}


def test_a_year_the_months_do_not_complete_is_refused():
    with pytest.raises(params.ParameterError, match="not a complete calendar year"):
        economic_impact.findings(year=2030)


def test_phrases_are_written_in_both_languages_with_the_same_slots():
    for key, texts in wording.PHRASES.items():
        assert set(texts) == set(wording.LANGS), key
        slots = {
            lang: {name for _, name, _, _ in string.Formatter().parse(text) if name}
            for lang, text in texts.items()
        }
        assert slots["en"] == slots["ja"], key


def spec_and_table(html) -> tuple[dict, pd.DataFrame]:
    markup = html.data
    spec = re.search(r'class="dd-spec"[^>]*>(.*?)</script>', markup, re.S).group(1)
    tidy = re.search(r'class="dd-tidy"[^>]*>(.*?)</script>', markup, re.S).group(1)
    return json.loads(spec.replace("<\\/", "</")), pd.DataFrame(json.loads(tidy))


def test_charts_download_tidy_figures_and_title_what_they_show(found):
    for draw in (figures.over_time, figures.year_bars, figures.gdp_shares):
        spec, table = spec_and_table(draw(found, "en"))
        assert {"value", "unit", "vintage", "source", "item"} <= set(table.columns)
        years = table["year"] if "year" in table else table["fiscal_year"]
        assert years.dtype.kind == "i" and not table["value"].isna().any()
    spec, _ = spec_and_table(figures.over_time(found, "en"))
    title = " ".join(spec["title"]["text"])
    assert wording.say(found.values["ei_digital_multiple"], "en") in title
    spec, _ = spec_and_table(figures.gdp_shares(found, "en"))
    title = " ".join(spec["title"]["text"])
    assert wording.say(found.values["ei_gdp_share_high"], "en") in title
    legend = [row["line"] for rows in spec["datasets"].values() for row in rows if "line" in row]
    assert max(len(label) for label in legend) <= 28


def test_a_line_stops_at_a_year_without_a_figure(found):
    gap = q.Findings(dict(found.values), dict(found.frames))
    frame = gap.frames["calendar"]
    gap.frames["calendar"] = frame[~((frame["item"] == "digital_total") & (frame["year"] == 2018))]
    spec, _ = spec_and_table(figures.over_time(gap, "en"))
    rows = [r for rows in spec["datasets"].values() for r in rows if r.get("line")]
    digital = {r["year"]: r["run"] for r in rows if r["line"] == "digital balance"}
    assert 2018 not in digital and digital[2017] != digital[2019]


def code_cells(notebook):
    return [c for c in notebook.cells if c.cell_type == "code"]


def test_the_notebook_only_glues_and_draws(found):
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    sources = "\n".join(c.source for c in code_cells(notebook))
    tree = ast.parse(sources.replace("page.glue(found, lang);", "page.glue(found, lang)"))
    assert not [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.JoinedStr)]
    assert sources.count("economic_impact.findings(") == 1
    used = set(re.findall(r"\{glue:md\}`([^`]+)`", "".join(c.source for c in notebook.cells)))
    assert used <= set(found.values), used - set(found.values)
    # a table's heading is the Markdown just before the cell that shows it
    for before, cell in zip(notebook.cells, notebook.cells[1:], strict=False):
        if "_table(" in cell.source:
            assert before.cell_type == "markdown" and before.source.lstrip().startswith("#")
