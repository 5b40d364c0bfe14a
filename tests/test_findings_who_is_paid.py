"""Who is paid: the United States' share of Japan's payments by year, checked against the
Bank of Japan's regional file summed here independently; regions never ranked with
economies; charts that never bridge a missing year."""

import csv
import json
import re
from decimal import Decimal

import pytest

from digideficit.analysis import official, wording
from digideficit.analysis import quantities as q
from digideficit.analysis.findings import who_is_paid
from digideficit.paths import ROOT
from digideficit.site.figures import who_is_paid as figures
from digideficit.validated.params import ParameterError

# the regional file's codes: payments (debit) to the United States and to all partners
CODES = {
    "telecom_computer_info": ("BPBP6QSDUS96", "BPBP6QSD96"),
    "ip_charges": ("BPBP6QSDUS95", "BPBP6QSD95"),
}


@pytest.fixture(scope="module")
def found():
    return who_is_paid.findings()


def year_sum(code: str, year: int) -> Decimal:
    """The four quarters of one code in one year, read straight from the CSV (latest
    vintage of each quarter)."""
    latest: dict[str, tuple[str, str]] = {}
    with (ROOT / "data" / "boj_quarterly.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["code"] == code and row["period"].startswith(f"{year}-Q"):
                if row["period"] not in latest or row["vintage"] > latest[row["period"]][0]:
                    latest[row["period"]] = (row["vintage"], row["value"])
    assert len(latest) == 4, f"{code} {year}: {sorted(latest)}"
    return sum((Decimal(value) for _vintage, value in latest.values()), Decimal(0))


@pytest.mark.parametrize("item", list(CODES))
def test_us_share_matches_an_independent_sum_of_the_regional_file(found, item):
    us_code, world_code = CODES[item]
    us, world = year_sum(us_code, 2025), year_sum(world_code, 2025)
    key = who_is_paid.ITEMS[item]
    said = found.values[f"wp_{key}_us_share"]
    assert said.value == pytest.approx(float(us / world))
    assert wording.say(said) == f"{us / world * 100:.0f}%"
    assert found.values[f"wp_{key}_us"].value == us.scaleb(-4)
    frame = found.frames["us_shares"].set_index(["item", "year"])
    assert Decimal(frame.loc[(item, 2025), "us_text"]) == us
    assert Decimal(frame.loc[(item, 2025), "world_text"]) == world
    # an earlier year too: the table holds every year the file completes
    early_us, early_world = year_sum(us_code, 2016), year_sum(world_code, 2016)
    assert frame.loc[(item, 2016), "share"] == pytest.approx(float(early_us / early_world * 100))


def test_every_finding_is_a_quantity_said_in_both_languages(found):
    for key, value in found.values.items():
        assert not isinstance(value, str), key
        assert wording.say(value, "en") and wording.say(value, "ja")


def test_the_year_parameter_moves_the_findings():
    earlier = who_is_paid.findings(year=2020)
    assert earlier.values["wp_year"] == q.Period("2020")
    assert earlier.values["wp_span"] == q.Span("2014", "2020")
    us, world = year_sum("BPBP6QSDUS95", 2020), year_sum("BPBP6QSD95", 2020)
    assert earlier.values["wp_ip_us_share"].value == pytest.approx(float(us / world))
    assert set(earlier.frames["ranked"]["year"]) == {2020}
    assert earlier.frames["us_shares"]["year"].max() == 2020


def test_a_year_outside_the_file_is_refused_by_name():
    with pytest.raises(ParameterError, match="year"):
        who_is_paid.findings(year=2013)
    with pytest.raises(LookupError, match="no complete year 2030"):
        who_is_paid.findings(year=2030)


def test_regions_are_never_ranked_with_economies(found, tables):
    ranked = found.frames["ranked"]
    assert ranked["is_economy"].all()
    assert not set(ranked["partner"]) & official.GROUPS
    for item in who_is_paid.ITEMS:
        mine = ranked[ranked["item"] == item]
        assert list(mine["rank"]) == list(range(1, len(mine) + 1))
        assert mine["value"].is_monotonic_decreasing
    # the second partner named in the prose is the second economy, not a region
    assert found.values["wp_tci_second"] == q.Partner(ranked.iloc[1]["partner"])


def test_the_prose_claims_about_the_file_hold(found, tables):
    # the page says Ireland is not named by the file, and that its totals match the months
    assert "Ireland" not in set(tables.boj_series["partner"])
    assert found.values["wp_totals_check"] == q.Phrase("totals-agree")
    # copyrights and industrial property make up the whole of IP charges
    parts = found.values["wp_copyright_share"].value + found.values["wp_industrial_share"].value
    assert parts == pytest.approx(1, abs=1e-9)


def chart_data(html: str) -> tuple[dict, list]:
    spec = json.loads(
        re.search(r'class="dd-spec"[^>]*>(.*?)</script>', html, re.S).group(1).replace("<\\/", "</")
    )
    tidy = json.loads(
        re.search(r'class="dd-tidy"[^>]*>(.*?)</script>', html, re.S).group(1).replace("<\\/", "</")
    )
    return spec, tidy


def test_the_share_chart_never_bridges_a_missing_year(found):
    gappy = found.frames["us_shares"]
    gappy = gappy[~((gappy["item"] == "ip_charges") & (gappy["year"] == 2019))]
    shown = figures.us_share(q.Findings(found.values, {**found.frames, "us_shares": gappy}))
    spec, tidy = chart_data(shown.data)
    rows = [row for rows in spec["datasets"].values() for row in rows]
    lines = {row["line"] for row in rows if row["label"] == "IP charges"}
    assert len(lines) == 2  # 2014–2018 and 2020–2025 are separate lines
    assert spec["encoding"]["detail"]["field"] == "line"
    assert {type(row["year"]) for row in tidy} == {int}
    assert {"year", "item", "flow", "value", "unit", "vintage", "source"} <= set(tidy[0])


def test_the_titles_state_what_the_data_show(found):
    spec, _ = chart_data(figures.us_share(found).data)
    title = " ".join(spec["title"]["text"])
    assert "rose from 31% to 47%" in title and "fell from 65% to 43%" in title
    spec, tidy = chart_data(figures.partners(found, "en", "ip_charges").data)
    assert " ".join(spec["title"]["text"]).startswith("The United States received 43%")
    assert {row["unit"] for row in tidy} == {"percent", "JPY_100m"}
    legend = {
        row["label"]
        for rows in chart_data(figures.us_share(found).data)[0]["datasets"].values()
        for row in rows
    }
    assert max(len(label) for label in legend) <= 28


def test_tables_print_exact_hundred_millions(found):
    table = figures.us_table(found, "en", "telecom_computer_info").data
    assert "21,836" in table and "47.5" in table
