"""What drove it (growth drivers): the findings match the Bank of Japan's months summed
independently here, follow the chapter's parameters, and every key the chapter glues is
a quantity said in both languages; the charts' titles hold for the data they show."""

import json
import re
from decimal import Decimal

import nbformat
import pandas as pd
import pytest

from digideficit.analysis import growth, wording
from digideficit.analysis import quantities as q
from digideficit.analysis.findings import growth_drivers
from digideficit.paths import CHAPTERS_DIR, ROOT
from digideficit.site.figures import growth_drivers as figures
from digideficit.validated import definitions as d
from digideficit.validated.params import ParameterError

TRILLION = Decimal("1e4")  # ¥100 million in a trillion


@pytest.fixture(scope="module")
def found():
    return growth_drivers.findings()


@pytest.fixture(scope="module")
def found_5_item():
    return growth_drivers.findings(basis="5-item")


@pytest.fixture(scope="module")
def months() -> pd.DataFrame:
    """Every monthly figure of data/boj_monthly.csv at its latest vintage, with its item and
    flow from data/boj_series.csv, read straight from the files."""
    values = pd.read_csv(ROOT / "data" / "boj_monthly.csv", dtype=str)
    values = values.sort_values("vintage").drop_duplicates(["code", "period"], keep="last")
    catalogue = pd.read_csv(ROOT / "data" / "boj_series.csv", dtype=str, keep_default_na=False)
    monthly = values.merge(catalogue[catalogue["partner"] == ""], on="code")
    return monthly.assign(value=monthly["value"].map(Decimal), year=monthly["period"].str[:4])


def year_sum(months, items, flow: str, year: int) -> Decimal:
    """A calendar year of the items' flow, ¥ trillion, from twelve months each."""
    chosen = months[months["item"].isin(items) & (months["flow"] == flow)]
    chosen = chosen[chosen["year"] == str(year)]
    assert len(chosen) == 12 * len(items)
    return sum(chosen["value"], Decimal(0)) / TRILLION


def said(value) -> str:
    return wording.say(value, "en")


def test_the_totals_and_their_growth_match_the_months(found, months):
    items = d.BASES["3-item-computer"].items
    start = year_sum(months, items, "balance", 2014)
    end = year_sum(months, items, "balance", 2025)
    assert found.values["gd_start_deficit"].value == pytest.approx(-start)
    assert found.values["gd_end_deficit"].value == pytest.approx(-end)
    assert said(found.values["gd_end_deficit"]) == f"¥{-end:.2f} trillion"
    assert said(found.values["gd_multiple"]) == f"{end / start:.1f} times"
    rate = float(end / start) ** (1 / 11) - 1
    assert said(found.values["gd_cagr"]) == f"{rate * 100:.1f}%"
    assert said(found.values["gd_change"]) == f"¥{abs(end - start):.2f} trillion wider"
    assert said(found.values["gd_years"]) == "11 years"


def test_each_item_takes_its_share_of_the_change(found, months):
    items = d.BASES["3-item-computer"].items
    changes = {
        item: year_sum(months, [item], "balance", 2025) - year_sum(months, [item], "balance", 2014)
        for item in items
    }
    total = sum(changes.values())
    top = max(changes, key=lambda item: changes[item] / total)
    assert found.values["gd_top_item"] == q.Item(top)
    assert found.values["gd_top_contribution"].value == pytest.approx(abs(changes[top]))
    span = found.frames["span"].set_index("item")
    for item, change in changes.items():
        assert span.loc[item, "change"] == pytest.approx(change)
        assert span.loc[item, "share"] == pytest.approx(float(change / total))
    # the parts add up exactly to the change of the total
    assert sum(span["change"]) == found.values["gd_change"].value
    parts = found.values["gd_contributions"].parts
    assert [part.values["item"].key for part in parts] == list(span.index)


def test_each_years_parts_add_up_to_the_change_of_the_total(found):
    yearly = found.frames["yearly"]
    totals = found.frames["totals"].set_index("year")["balance"]
    assert sorted(yearly["year"].unique()) == list(range(2015, 2026))
    for year, part in yearly.groupby("year"):
        assert sum(part["change"]) == totals[year] - totals[year - 1]
    by_year = {year: totals[year] - totals[year - 1] for year in range(2015, 2026)}
    peak = max(by_year, key=lambda year: abs(by_year[year]))
    assert found.values["gd_peak_year"] == q.Period(str(peak))
    narrowed = [year for year, change in by_year.items() if change > 0]
    assert said(found.values["gd_narrowed"]).startswith(
        "the deficit narrowed in " + wording.listing([str(y) for y in narrowed], "en")
    )


def test_receipts_and_payments_and_their_ratio(found, months):
    items = d.BASES["3-item-computer"].items
    ratios = [
        year_sum(months, items, "payments", year) / year_sum(months, items, "receipts", year)
        for year in range(2014, 2026)
    ]
    low, high = (f"{float(r):.1f}" for r in (min(ratios), max(ratios)))
    assert said(found.values["gd_ratio_range"]) == f"{low}–{high} times"
    assert said(found.values["gd_ratio_end"]) == f"{float(ratios[-1]):.1f} times"
    paid = year_sum(months, items, "payments", 2025)
    assert said(found.values["gd_payments_end"]) == f"¥{paid:.2f} trillion"
    flows = found.frames["flows"]
    assert set(flows["item"]) == set(items) and set(flows["flow"]) == {"payments", "receipts"}
    assert len(flows) == len(items) * 2 * 12


def test_what_each_item_holds_in_the_end_year(found, months):
    items = d.BASES["3-item-computer"].items
    total = year_sum(months, items, "balance", 2025)
    for item, key in growth_drivers.CORE_ITEMS.items():
        balance = year_sum(months, [item], "balance", 2025)
        assert found.values[f"gd_{key}_deficit"].value == pytest.approx(-balance)
        assert found.values[f"gd_{key}_paid"].value == pytest.approx(
            year_sum(months, [item], "payments", 2025)
        )
        assert found.values[f"gd_{key}_share"].value == pytest.approx(float(balance / total))
    assert sum(found.frames["end_items"]["share"]) == pytest.approx(1.0)


def test_published_figures_are_said_as_published(found, tables):
    context = tables.context.set_index("measure")
    internet = context.loc["internet_ad_spend"]
    assert said(found.values["gd_internet_ads"]) == f"¥{float(internet['value']):.2f} trillion"
    assert found.values["gd_ads_year"] == q.Period(str(internet["period"]))
    us = context.loc["digital_payments_share_us"]
    assert said(found.values["gd_us_share"]) == f"about {float(us['value']):.0f}%"
    cited = set(found.frames["cited"]["source_id"])
    assert {internet["source_id"], us["source_id"]} <= cited
    assert any(source.startswith("boj-bp-m") for source in cited)


def test_one_year_over_each_kind_of_period(found, months):
    items = d.BASES["3-item-computer"].items
    balances = months[months["item"].isin(items) & (months["flow"] == "balance")]
    fiscal = balances[balances["period"].between("2025-04", "2026-03")]
    assert len(fiscal) == 12 * len(items)
    fy = sum(fiscal["value"], Decimal(0)) / TRILLION
    cy = year_sum(months, items, "balance", 2025)
    assert found.values["gd_fy_deficit"].value == pytest.approx(-fy)
    assert found.values["gd_period_gap"].value == pytest.approx(abs(cy - fy))
    assert list(found.frames["periods"]["period_type"]) == ["CY", "FY", "H1", "FH1"]


def test_the_5_item_basis_counts_five_items(found, found_5_item, months):
    assert found_5_item.parameters["basis"] == "5-item"
    end = year_sum(months, d.BASES["5-item"].items, "balance", 2025)
    assert found_5_item.values["gd_end_deficit"].value == pytest.approx(-end)
    assert found_5_item.values["gd_end_deficit"] != found.values["gd_end_deficit"]
    assert len(found_5_item.values["gd_contributions"].parts) == 5
    # an item that narrowed the deficit takes a negative share, said with a minus sign
    assert "(−" in said(found_5_item.values["gd_contributions"])


def test_a_shorter_span_changes_the_growth(found):
    shorter = growth_drivers.findings(start_year=2022, end_year=2024)
    totals = shorter.frames["totals"].set_index("year")["balance"]
    rate = growth.cagr(float(totals[2022]), float(totals[2024]), 2)
    assert said(shorter.values["gd_span"]) == "2022–2024"
    assert said(shorter.values["gd_cagr"]) == f"{rate * 100:.1f}%"
    assert shorter.values["gd_cagr"] != found.values["gd_cagr"]
    assert sorted(shorter.frames["yearly"]["year"].unique()) == [2023, 2024]


def test_one_year_of_change_is_said_of_that_year():
    one = growth_drivers.findings(start_year=2024, end_year=2025)
    assert said(one.values["gd_years"]) == "1 year"
    assert said(one.values["gd_narrowed"]) in {
        "the deficit narrowed in 2025",
        "the deficit widened in 2025",
    }


def test_a_year_the_months_do_not_complete_is_refused_by_name():
    with pytest.raises(ParameterError, match="end_year 2030 is not a complete calendar year"):
        growth_drivers.findings(end_year=2030)
    with pytest.raises(ParameterError, match="not one of"):
        growth_drivers.findings(basis="all")
    with pytest.raises(ParameterError, match="lang"):
        growth_drivers.findings(lang="fr")


def glue_keys() -> set[str]:
    notebook = nbformat.read(CHAPTERS_DIR / "growth-drivers.ipynb", as_version=4)
    text = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    return set(re.findall(r"\{glue:md\}`([^`]+)`", text))


@pytest.mark.parametrize("fixture", ["found", "found_5_item"])
def test_every_glued_key_is_a_quantity_said_in_both_languages(fixture, request):
    values = request.getfixturevalue(fixture).values
    assert glue_keys() <= set(values)
    for key, value in values.items():
        assert not isinstance(value, str), key
        for lang in wording.LANGS:
            assert wording.say(value, lang), (key, lang)


def test_the_notebook_makes_one_findings_call_and_one_call_per_chart():
    notebook = nbformat.read(CHAPTERS_DIR / "growth-drivers.ipynb", as_version=4)
    # the parameters as written and as papermill injects them, then the findings call
    cells = [c for c in notebook.cells if c.cell_type == "code"]
    tags = [c.metadata.get("tags", []) for c in cells]
    assert "parameters" in tags[0]
    cells = [c for c in cells[1:] if "injected-parameters" not in c.metadata.get("tags", [])]
    code = [c.source for c in cells]
    assert "growth_drivers.findings(" in code[0]
    assert not any("def " in source or 'f"' in source for source in code)
    for source in code[1:]:
        assert re.fullmatch(r"figures\.\w+\(found, lang\)", source.strip()), source


def chart(markup: str) -> tuple[dict, list[dict]]:
    spec = re.search(r'class="dd-spec"[^>]*>(.*?)</script>', markup, re.S).group(1)
    tidy = re.search(r'class="dd-tidy"[^>]*>(.*?)</script>', markup, re.S).group(1)
    return json.loads(spec.replace("<\\/", "</")), json.loads(tidy.replace("<\\/", "</"))


@pytest.mark.parametrize("name", ["contributions", "flows", "periods"])
@pytest.mark.parametrize("lang", wording.LANGS)
def test_each_chart_downloads_the_rows_it_draws(found_5_item, name, lang):
    spec, tidy = chart(getattr(figures, name)(found_5_item, lang).data)
    assert len(tidy) == sum(len(rows) for rows in spec["datasets"].values())
    assert all({"value", "unit", "vintage", "source", "basis"} <= set(row) for row in tidy)
    assert all(isinstance(row.get("year"), int) for row in tidy)
    assert all(row["basis"] == "5-item" for row in tidy)


def test_chart_titles_hold_for_the_data_shown(found):
    spec, tidy = chart(figures.contributions(found).data)
    title = " ".join(spec["title"]["text"])
    assert title.startswith("Consulting added most") == (
        found.values["gd_top_item"] == q.Item("consulting")
    )
    # the parts' rows over the span add up to the total's rows, in ¥100 million
    parts = sum(row["value"] for row in tidy if row["item"] != "all items")
    whole = sum(row["value"] for row in tidy if row["item"] == "all items")
    assert abs(parts - whole) <= len(tidy)
    assert f"of the {said(q.Money(abs(found.values['gd_change'].value)))}" in title

    spec, tidy = chart(figures.flows(found).data)
    title = " ".join(spec["title"]["text"])
    assert f"pays abroad {said(found.values['gd_ratio_range'])} what it earns" in title
    ratios = pd.DataFrame(tidy).pivot_table(
        index="year", columns="flow", values="value", aggfunc="sum"
    )
    low, high = (ratios["payments"] / ratios["receipts"]).round(1).agg(["min", "max"])
    assert said(found.values["gd_ratio_range"]) == f"{low:.1f}–{high:.1f} times"

    spec, _ = chart(figures.periods(found).data)
    assert " ".join(spec["title"]["text"]).endswith(
        f"differ by {said(found.values['gd_period_gap'])} on the same items"
    )


def test_legends_fit_a_phone(found_5_item):
    for lang in wording.LANGS:
        for label in figures.WORDS[lang]["items"].values():
            assert len(label) <= 28
        spec, _ = chart(figures.flows(found_5_item, lang).data)
        assert spec["encoding"]["color"]["legend"]["columns"] == 1


def test_tables_keep_exact_hundred_millions(found):
    table = figures.flows_table(found).data
    first = found.frames["totals"].iloc[0]
    assert f"<td>{int(first['year'])}</td>" in table
    assert f"{round(first['payments'] * TRILLION):,}" in table
    assert "Sources used on this page" in figures.sources(found).data
