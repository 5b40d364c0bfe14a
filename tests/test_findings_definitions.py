"""Why totals differ: the findings match sums made here, independently, from the Bank of
Japan's monthly file, and the tables show what the issue asks of them."""

import csv
import re
from decimal import Decimal

import pytest

from digideficit.analysis import quantities as q
from digideficit.analysis import reconcile, wording
from digideficit.analysis.findings import definitions
from digideficit.paths import ROOT
from digideficit.site.figures import definitions as figures
from digideficit.validated import definitions as d

DATA = ROOT / "data"


def read(name: str) -> list[dict]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def monthly_balances() -> dict[tuple[str, str], Decimal]:
    """(item, 'YYYY-MM') → the monthly balance in ¥100 million, latest file, from the CSVs."""
    codes = {
        s["code"]: s["item"]
        for s in read("boj_series.csv")
        if s["frequency"] == "M" and s["flow"] == "balance"
    }
    latest: dict[tuple[str, str], tuple[str, Decimal]] = {}
    for r in read("boj_monthly.csv"):
        if r["code"] in codes:
            key = (codes[r["code"]], r["period"])
            if key not in latest or r["vintage"] > latest[key][0]:
                latest[key] = (r["vintage"], Decimal(r["value"]))
    return {key: value for key, (_, value) in latest.items()}


def months(period: str, period_type: str) -> list[str]:
    if period_type == "CY":
        return [f"{period}-{m:02d}" for m in range(1, 13)]
    if period_type == "FY":
        year = int(period[2:])
        return [f"{year}-{m:02d}" for m in range(4, 13)] + [
            f"{year + 1}-{m:02d}" for m in (1, 2, 3)
        ]
    if period_type == "H1":
        return [f"{period[:4]}-{m:02d}" for m in range(1, 7)]
    if period_type == "FH1":
        return [f"{period[2:6]}-{m:02d}" for m in range(4, 10)]
    first, last = period.split("/")
    year = first[:4]
    return [f"{year}-{m:02d}" for m in range(int(first[5:]), int(last[5:]) + 1)]


def official_sum(basis: str, period: str, period_type: str) -> Decimal:
    """The basis's total for the period in ¥ trillion, summed here from the monthly CSV."""
    balances = monthly_balances()
    total = sum(
        balances[(item, month)]
        for item in d.BASES[basis].items
        for month in months(period, period_type)
    )
    return total / 10_000


@pytest.fixture(scope="module")
def found():
    return definitions.findings(lang="en")


def test_every_finding_is_a_quantity(found):
    assert found.values
    for key, value in found.values.items():
        assert not isinstance(value, str), key
        wording.say(value, "en")
        wording.say(value, "ja")
    assert found.parameters == {"basis": "3-item-computer", "first_year": 2014, "lang": "en"}


def test_one_reconciliation_row_per_published_total(found):
    seeds = {s["id"] for s in read("sources.csv") if s["kind"] == "seed"}
    published = [
        r
        for r in read("digital_services.csv")
        if r["item"] == "digital_total"
        and r["flow"] == "balance"
        and r["unit"].startswith("JPY")
        and r["source_id"] not in seeds
    ]
    table = found.frames["reconciliation"]
    assert len(table) == len(published)
    assert sorted(table["source_id"]) == sorted(r["source_id"] for r in published)


def test_each_official_value_is_the_sum_of_the_months(found):
    table = found.frames["reconciliation"]
    checked = 0
    for _, row in table.iterrows():
        assert row["official basis"] in d.DISTINCT_BASES
        expected = official_sum(row["official basis"], row["period"], row["period_type"])
        assert Decimal(row["official_text"]) == expected, (row["period"], row["official basis"])
        checked += 1
    assert checked == len(table) > 20


def test_the_reason_follows_the_gap_and_the_release(found):
    for _, row in found.frames["reconciliation"].iterrows():
        gap = Decimal(row["value_text"]) - Decimal(row["official_text"])
        precision = Decimal(1).scaleb(Decimal(row["value_text"]).as_tuple().exponent) / 2
        assert row["reason"] in reconcile.REASONS
        assert (row["reason"] == "rounding") == (abs(gap) <= precision), row["period"]
        if row["reason"] == "revised":
            assert row["vintage"] == "preliminary"


def test_the_reconciliation_is_grouped_by_period_type(found):
    types = list(found.frames["reconciliation"]["period_type"])
    order = [definitions.PERIOD_ORDER.index(t) for t in types]
    assert order == sorted(order)
    html = figures.reconciliation(found, "en").data
    header = re.search(r"<thead>(.*?)</thead>", html).group(1)
    # the reason second, in view on a phone beside the period; basis and source last
    assert re.findall(r"<th[^>]*>([^<]*)</th>", header) == [
        "Period",
        "Why",
        "Printed",
        "Official",
        "Gap",
        "Basis",
        "Source",
    ]
    groups = re.findall(r'<tr class="dd-group"><th[^>]*>([^<]*)</th>', html)
    assert groups[:2] == ["Calendar years", "Fiscal years (April–March)"]
    assert html.count("<tr>") == len(types) + 1  # the rows and the header
    # the long reasons are the page's prose, not the table's
    assert "the official file holds later revisions" not in html


def test_first_releases_against_today(found):
    table = found.frames["first_releases"]
    preliminary = {
        (r["period"])
        for r in read("digital_services.csv")
        if r["vintage"] == "preliminary"
        and r["item"] == "digital_total"
        and r["flow"] == "balance"
        and r["period_type"] in ("CY", "FY")
        and r["unit"].startswith("JPY")
    }
    assert set(table["period"]) == preliminary
    for _, row in table.iterrows():
        today = official_sum(row["official basis"], row["period"], row["period_type"])
        assert Decimal(row["moved_text"]) == today - Decimal(row["preliminary_text"])
    # Jiji Press's first release for 2023 (5兆5360億円) against the months as revised since
    jiji = table[(table["period"] == "2023") & (table["source_id"] == "jiji-2024-02-29")].iloc[0]
    assert jiji["preliminary_text"] == "-5.5360"
    assert not jiji["within rounding"]
    largest = found.values["df_revision_move"]
    assert largest.style == "change" and largest.value < 0


def test_the_annual_tables_are_the_official_sums_in_100_million_yen(found):
    table = found.frames["calendar_years"].set_index("year")
    for year in ("2014", "2024", "2025"):
        for basis, label in (
            ("5-item", "5 items (= 3 items, MOF names): balance"),
            ("3-item-computer", "3 items, computer only: balance"),
        ):
            expected = (official_sum(basis, year, "CY") * 10_000).quantize(Decimal(1))
            assert table.loc[year, label] == f"{expected:,}"
    fiscal = found.frames["fiscal_years"]
    assert fiscal.iloc[0, 0] == "FY2014" and fiscal.iloc[-1, 0] == "FY2025"
    html = figures.calendar_years(found, "en").data
    assert (
        f"{(official_sum('5-item', '2024', 'CY') * 10_000).quantize(Decimal(1)):,}".replace(
            "-", "−"
        )
        in html
    )


def test_the_chosen_basis_leads_the_prose():
    three = definitions.findings(basis="3-item-computer")
    five = definitions.findings(basis="5-item")
    assert three.values["df_basis_chosen"] == q.Basis("3-item-computer")
    assert five.values["df_basis_chosen"] == q.Basis("5-item")
    assert five.values["df_latest_chosen"] == three.values["df_latest_other"]
    expected = official_sum("5-item", "2025", "CY")
    assert five.values["df_latest_chosen"].value == expected


def test_a_later_first_year_shortens_the_tables_and_the_chart():
    later = definitions.findings(first_year=2020)
    assert later.values["df_years"] == q.Span("2020", "2025")
    assert later.frames["calendar_years"]["year"].iloc[0] == "2020"
    chart = figures.bases(later, "en").data
    assert '"year": 2019' not in chart and '"year": 2020' in chart


def test_published_totals_are_points_beside_the_official_lines(found):
    html = figures.bases(found, "en").data
    tidy = re.search(r'class="dd-tidy"[^>]*>(.*?)</script>', html).group(1)
    import json

    rows = json.loads(tidy)
    official = [r for r in rows if r["figure"] == "official"]
    published = [r for r in rows if r["figure"] == "published"]
    assert {r["basis"] for r in official} == set(d.DISTINCT_BASES)
    assert len(published) == (found.frames["reconciliation"]["period_type"] == "CY").sum()
    assert all(isinstance(r["year"], int) for r in rows)
    spec = json.loads(re.search(r'class="dd-spec"[^>]*>(.*?)</script>', html).group(1))
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["line", "point"]
    # the line draws the official figures only
    line_data = spec["datasets"][spec["layer"][0]["data"]["name"]]
    assert {r["kind"] for r in line_data} == {"official"}


def test_japanese_tables_and_chart_words():
    found = definitions.findings(lang="ja")
    html = figures.reconciliation(found, "ja").data
    assert "暦年" in html and "年度（4月～翌年3月）" in html and "Calendar years" not in html
    assert "2024年1～10月" in html
    assert "両基準とも2025年の赤字は2014年の3.1倍以上" in figures.bases(found, "ja").data
