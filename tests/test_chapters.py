"""Chapters re-run with papermill and other parameters change their glued results as the
data says they should."""

from decimal import Decimal
from pathlib import Path

import papermill
import pytest

from digideficit.analysis import growth, official, prose, series, wording
from digideficit.analysis import quantities as q
from digideficit.paths import CHAPTERS_DIR
from digideficit.site import build, notebooks
from digideficit.validated import data

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


def best_series(tables, basis: str):
    """The calendar-year series the chapters use: official wherever the months complete a year."""
    return series.best_available(series.totals(official.digital_rows(tables), basis))


def expected_latest(tables, basis: str) -> str:
    return prose.stated_balance(best_series(tables, basis).iloc[-1])


def official_balances(tables, basis: str) -> dict[str, str]:
    """The official calendar-year balances of a basis, as text, by year."""
    years = official.basis_series(official.digital_rows(tables), basis).query("flow == 'balance'")
    return dict(zip(years["period"], years["value_text"], strict=True))


def test_definitions_on_the_5_item_basis(tmp_path, tables):
    glued = run_chapter("definitions", tmp_path, basis="5-item", first_year=2014)
    assert glued["df_basis_chosen"] == wording.say(q.Basis("5-item"))
    five, three = official_balances(tables, "5-item"), official_balances(tables, "3-item-computer")
    latest = max(five)
    said = {
        basis: wording.say(q.Money(Decimal(values[latest]), style="balance"))
        for basis, values in (("5-item", five), ("3-item-computer", three))
    }
    assert glued["df_latest_chosen"] == said["5-item"]
    assert glued["df_latest_other"] == said["3-item-computer"]
    multiple = Decimal(five[latest]) / Decimal(five["2014"])
    assert glued["df_multiple_chosen"] == wording.say(q.Multiple(float(multiple)))


def test_definitions_with_a_later_first_year(tmp_path, tables):
    glued = run_chapter("definitions", tmp_path, basis="3-item-computer", first_year=2022)
    three = official_balances(tables, "3-item-computer")
    latest = max(three)
    assert glued["df_years"] == f"2022–{latest}"
    multiple = Decimal(three[latest]) / Decimal(three["2022"])
    assert glued["df_multiple_chosen"] == wording.say(q.Multiple(float(multiple)))


def test_data_and_methods_table_follows_the_years(tmp_path, tables):
    glued = run_chapter("data-and-methods", tmp_path, first_year=2020, last_year=2024)
    assert glued["dm_years"] == "2020–2024"
    assert glued["dm_as_of"] == wording.say(q.Period(tables.boj_monthly["vintage"].max()))


def test_bad_parameter_fails_inside_the_notebook_too(tmp_path):
    with pytest.raises(
        papermill.PapermillExecutionError, match="is not one of 3-item-computer, 5-item"
    ):
        run_chapter("definitions", tmp_path, basis="all")


def test_growth_over_a_shorter_span(tmp_path, tables):
    glued = run_chapter("growth-drivers", tmp_path, start_year=2022, end_year=2024)
    best = best_series(tables, "3-item-computer").set_index("year")
    rate = growth.cagr(best.loc[2022, "value"], best.loc[2024, "value"], 2)
    assert glued["gd_span"] == "2022–2024"
    assert glued["gd_cagr"] == f"{rate * 100:.1f}%"
    assert glued["gd_cagr"] != notebooks.glued(CHAPTERS_DIR / "growth-drivers.ipynb")["gd_cagr"]


def test_growth_to_a_year_without_a_figure_is_refused_by_name(tmp_path, tables):
    assert 2030 not in set(best_series(tables, "3-item-computer")["year"])
    with pytest.raises(
        papermill.PapermillExecutionError, match="end_year 2030 is not a complete calendar year"
    ):
        run_chapter("growth-drivers", tmp_path, end_year=2030)


def monthly_rates(data_dir, year: str, rate: str | None) -> None:
    """The data's monthly dollar rates of `year` set to `rate`, or removed (None)."""
    path = data_dir / "context.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = []
    for text in lines:
        if text.startswith(f"{year}-") and ",M,usd_jpy_average," in text:
            if rate is None:
                continue
            fields = text.split(",")
            fields[3] = rate
            text = ",".join(fields)
        kept.append(text)
    path.write_text("".join(kept), "utf-8")


def test_economic_impact_in_dollars_needs_a_sourced_rate(tmp_path, data_copy, monkeypatch):
    monthly_rates(data_copy, "2025", None)
    monkeypatch.setenv("DIGIDEFICIT_DATA_DIR", str(data_copy))
    with pytest.raises(papermill.PapermillExecutionError, match="needs the average yen-per-dollar"):
        run_chapter("economic-impact", tmp_path, currency="USD")


def test_economic_impact_in_dollars_converts_at_the_recorded_rate(tmp_path, data_copy, monkeypatch):
    monthly_rates(data_copy, "2025", "150")
    monthly_rates(data_copy, "2026", "150")
    monkeypatch.setenv("DIGIDEFICIT_DATA_DIR", str(data_copy))
    glued = run_chapter("economic-impact", tmp_path, currency="USD")
    tables = data.load(data_copy)
    rows = official.digital_rows(tables)
    year = official.basis_series(rows, "3-item-computer").query("flow == 'balance'")
    cy = abs(year.set_index("period").loc["2025", "value"])
    assert glued["ei_digital"] == f"a deficit of US${cy * 1000 / 150:,.1f} billion"
    assert "¥150.00 per dollar in 2025" in glued["ei_currency_note"]
    # April 2025 – March 2026: every month at 150 too
    assert "¥150.00 per dollar in FY2025" in glued["ei_currency_note"]
    assert glued["ei_goods"].endswith(" billion") and "US$" in glued["ei_goods"]
    context = official.context_rows(tables)
    current = context.query(
        "measure == 'current_account_balance' and period == '2025' and source_id == 'derived'"
    ).iloc[0]["value"]
    assert f"US${current * 1000 / 150:,.1f} billion surplus" in glued["ei_vs_current"]


def test_economic_impact_on_the_5_item_basis(tmp_path, tables):
    glued = run_chapter("economic-impact", tmp_path, basis="5-item")
    assert glued["ei_digital"] == expected_latest(tables, "5-item")
    assert glued["ei_basis"] == "5 items (telecom / computer / information split)"


def test_scenarios_move_with_their_assumptions(tmp_path, tables):
    fast = run_chapter("scenarios", tmp_path, method="constant-growth", growth=0.2, horizon=2030)
    last = best_series(tables, "3-item-computer").iloc[-1]
    expected = abs(last["value"]) * 1.2 ** (2030 - last["year"])
    assert fast["sc_at_horizon"] == f"about ¥{expected:.1f} trillion"
    assert fast["sc_horizon"] == "2030"
    assert fast["sc_method"].startswith("the latest annual figure (2025) compounded at 20.0%")
    slower = run_chapter("scenarios", tmp_path, method="constant-growth", growth=0.05, horizon=2030)
    assert float(slower["sc_at_horizon"].split("¥")[1].split()[0]) < expected
    trend = run_chapter("scenarios", tmp_path)
    assert trend["sc_method"].startswith("a straight line")


def test_claims_ledger_lists_one_verdict(tmp_path, tables):
    glued = run_chapter("claims-ledger", tmp_path, verdict="wrong")
    wrong = int((tables.claims["verdict"] == "wrong").sum())
    assert glued["cl_listed"] == wording.say(q.Count(wrong, "claim"))
    assert glued["cl_total"] == wording.say(q.Count(len(tables.claims), "claim"))
    assert glued["cl_filter"] == "only the verdict “wrong”"


def test_summary_on_the_5_item_basis(tmp_path, tables):
    glued = run_chapter("summary", tmp_path, basis="5-item")
    assert glued["su_total"] == expected_latest(tables, "5-item")
    # the other basis is then the smaller sum, with computer services alone
    assert glued["su_other_total"] == expected_latest(tables, "3-item-computer").removeprefix(
        "a deficit of "
    )


@pytest.mark.parametrize("name", [n.stem for n in build.toc_notebooks()])
def test_re_execution_reproduces_the_committed_notebook_byte_for_byte(tmp_path, name):
    """Same inputs, same file: chart specs, glued values, tables and cell ids included."""
    from digideficit.validated import params

    output = execute_chapter(name, tmp_path, **params.defaults().get(name, {}))
    notebooks.normalise(output)
    assert output.read_bytes() == (CHAPTERS_DIR / f"{name}.ipynb").read_bytes()


def test_international_on_one_definition(tmp_path, tables):
    committed = notebooks.glued(CHAPTERS_DIR / "international.ipynb")
    glued = run_chapter("international", tmp_path, measure="ict_services")
    ict = tables.international.query("measure == 'ict_services'")
    assert glued["in_charted_count"] == f"{ict['economy'].nunique()} economies"
    assert glued["in_charted_count"] != committed["in_charted_count"]
    # the prose compares within definitions and does not move with the chart's choice
    assert glued["in_meti_surplus"] == committed["in_meti_surplus"]


def test_timelines_start_where_asked(tmp_path, tables):
    glued = run_chapter("trade-negotiations", tmp_path, first_year=2025)
    trade = tables.events.query("track == 'trade'")
    assert glued["tn_count"] == f"{int((trade['date'].str[:4].astype(int) >= 2025).sum())} events"
    assert glued["tn_span"].startswith("February 2025–")
    # the prose dates every step it names, inside the timeline or before it
    assert glued["tn_dta_signed_when"] == "on 7 October 2019"
    assert glued["tn_ruling_when"] == "on 20 February 2026"


def test_who_is_paid_ranks_the_year_asked(tmp_path):
    from digideficit.analysis import wording
    from digideficit.analysis.findings import who_is_paid

    glued = run_chapter("who-is-paid", tmp_path, year=2020)
    assert glued["wp_year"] == "2020" and glued["wp_span"] == "2014–2020"
    found = who_is_paid.findings(year=2020).values
    assert glued["wp_tci_us_share"] == wording.say(found["wp_tci_us_share"])
    assert glued["wp_tci_us_share"] != wording.say(who_is_paid.findings().values["wp_tci_us_share"])
