"""`make update`: validate, show what changes, then write — or refuse and change nothing."""

import os
import subprocess
import sys

import pytest
from test_build import tree_digest

from digideficit.paths import ROOT
from digideficit.validated import data

SAMPLES = ROOT / "tests" / "samples"
SAMPLE = [SAMPLES / "sources-update.csv", SAMPLES / "digital-services-update.csv"]


def update(data_dir, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "digideficit.sources.update", *map(str, args)],
        cwd=ROOT,
        text=True,
        capture_output=True,
        env={**os.environ, "DIGIDEFICIT_DATA_DIR": str(data_dir)},
        timeout=120,
    )


def test_dry_run_shows_changes_and_headline_effects_and_writes_nothing(data_copy):
    before = tree_digest(data_copy)
    result = update(data_copy, *SAMPLE, "--dry-run")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "added    test-fixture-2026" in out
    assert "revised  2024 digital_total 3-item balance JPY_tn:" in out and "old row kept" in out
    assert "added    2026 digital_total 3-item-computer balance JPY_tn = -7.5" in out
    assert "unchanged 1 row(s) already in data/" in out
    # a published figure never moves the official headline; a revision of 2024 joins the
    # totals outlets printed for that year
    headline = out.split("Headline figures:")[1]
    assert "su_printed_count: 5 figures  →  6 figures" in headline
    assert "su_total:" not in headline and "su_year:" not in headline
    assert tree_digest(data_copy) == before


def test_claims_whose_figure_moved_are_listed_for_review(data_copy, tmp_path):
    sources = tmp_path / "sources-update.csv"
    sources.write_text(
        "id,publisher,publisher_ja,title,date,accessed,url,kind,note,note_ja\n"
        "boj-test-20270410,Bank of Japan,日本銀行,TEST FIXTURE,2027-04-10,2027-04-10,,official,"
        "NOT a BOJ figure,日本銀行の数値ではない\n",
        encoding="utf-8",
    )
    figures = tmp_path / "digital-services-update.csv"
    figures.write_text(
        "period,period_type,item,item_basis,flow,value,unit,vintage,source_id,note\n"
        "2023,CY,digital_total,3-item,balance,-5.35,JPY_tn,boj-20270410,boj-test-20270410,\n",
        encoding="utf-8",
    )
    result = update(data_copy, sources, figures, "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "Claims to review (shown as 'under review' in the ledger" in result.stdout
    # s003-2023 was judged against the official 2023 total; a later revision moves it
    assert "(s003-2023): verdict 'differs by definition or vintage'; reference figure " in (
        result.stdout
    )
    assert "→ 5.35 (claimed 5.35); the data now allow holds" in result.stdout


def test_apply_keeps_the_old_figure_beside_the_revision(data_copy):
    rows_before = len(data.load(data_copy).digital_services)
    result = update(data_copy, *SAMPLE, "--no-build")
    assert result.returncode == 0, result.stderr
    tables = data.load(data_copy)
    assert len(tables.digital_services) == rows_before + 2
    figures = tables.digital_services.query("period == '2024' and item_basis == '3-item'")
    assert {"-6.6506", "-6.75"} <= set(figures["value_text"])
    again = update(data_copy, *SAMPLE, "--dry-run")
    assert "nothing new" in again.stdout


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("-7.5,JPY_tn", "about 7.5,JPY_tn", "is not a number"),
        ("-7.5,JPY_tn", "-7.5,EUR_bn", "must be one of JPY_100m, JPY_bn, JPY_tn, USD_bn"),
        ('test-fixture-2026,"TEST FIXTURE: a new year"', "nobody,x", "does not match any id"),
    ],
)
def test_bad_update_is_refused_and_changes_nothing(data_copy, tmp_path, old, new, expected):
    bad = tmp_path / "digital-services-update.csv"
    text = SAMPLE[1].read_text(encoding="utf-8")
    assert old in text
    bad.write_text(text.replace(old, new), encoding="utf-8")
    before = tree_digest(data_copy)
    result = update(data_copy, SAMPLE[0], bad)
    assert result.returncode == 1
    assert "UPDATE REFUSED — data/ is unchanged." in result.stderr
    assert expected in result.stderr
    assert tree_digest(data_copy) == before


def test_file_that_matches_no_data_file_is_named(data_copy, tmp_path):
    odd = tmp_path / "odd.csv"
    odd.write_text("year,deficit\n2025,7.5\n")
    result = update(data_copy, odd)
    assert result.returncode == 1 and "the header matches no data file" in result.stderr


GATHERED = SAMPLES / "gathered-headline-figures.csv"


def test_gathered_layout_is_converted_and_sources_matched(data_copy):
    result = update(data_copy, GATHERED, "--no-build")
    assert result.returncode == 0, result.stderr
    assert "unchanged 1 row(s) already in data/" in result.stdout  # matched by URL and date
    tables = data.load(data_copy)
    new = tables.sources.set_index("id").loc["test-fixture-wire-2026-02-09"]
    assert new["title"] == "Test Fixture Wire: NOT an official figure"
    assert "check publisher and kind" in new["note"]
    row = tables.digital_services.query("period == '2026' and period_type == 'CY'").iloc[0]
    assert (row["item"], row["item_basis"], row["flow"], row["value_text"]) == (
        "digital_total",
        "3-item",
        "balance",
        "-7.4",
    )


@pytest.mark.parametrize(
    ("old", "new", "column"),
    [
        (",3-item,preliminary,-7.4", ",narrow basis (inferred),preliminary,-7.4", "item_basis"),
        (",3-item,preliminary,-7.4", ",3-item,unknown,-7.4", "vintage"),
    ],
)
def test_gathered_row_that_cannot_be_converted_is_named(data_copy, tmp_path, old, new, column):
    bad = tmp_path / "gathered.csv"
    bad.write_text(GATHERED.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    before = tree_digest(data_copy)
    result = update(data_copy, bad)
    assert result.returncode == 1
    assert f"gathered.csv, line 3, column `{column}`" in result.stderr
    assert tree_digest(data_copy) == before


def test_a_new_projection_for_the_same_target_is_shown_as_a_revision(data_copy, tmp_path):
    later = tmp_path / "projections-update.csv"
    later.write_text(
        "publisher,published,target_year,scenario,basis,value,unit,source_id,note\n"
        "METI,2026-01,2035,base,digital-related,-20,JPY_tn,meti-pivot-2025,TEST FIXTURE\n",
        encoding="utf-8",
    )
    result = update(data_copy, later, "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "revised  METI 2035 base: -18.0 (2025-04-30, meti-pivot-2025) → -20 (2026-01" in (
        result.stdout
    )


EVENTS = SAMPLES / "gathered-events.csv"


def test_gathered_events_are_converted_without_their_quotes(data_copy):
    result = update(data_copy, EVENTS, "--no-build")
    assert result.returncode == 0, result.stderr
    tables = data.load(data_copy)
    events = tables.events.set_index("id")
    package = events.loc["test-fixture-a-policy-2026-04-30"]
    # the unit is read from the words before the bracket; the figure is kept as written
    assert (package["value_text"], package["unit"]) == ("1.5", "JPY_tn")
    # two sources of one day whose titles open alike stay two sources
    other = events.loc["test-fixture-a-second-2026-05-01"]
    assert other["source_id"] != package["source_id"]
    assert tables.sources.set_index("id").loc[other["source_id"], "publisher"] == (
        "Other Fixture Wire"
    )
    # an existing source is matched by URL and date, not added again
    assert events.loc["test-fixture-an-event-2026-05-02", "source_id"] == "eo-14345"
    written = "".join(p.read_text(encoding="utf-8") for p in data_copy.glob("*.csv"))
    assert "must not be copied" not in written


def test_gathered_event_with_an_unknown_unit_is_named(data_copy, tmp_path):
    bad = tmp_path / "gathered.csv"
    bad.write_text(
        EVENTS.read_text(encoding="utf-8").replace("trillion JPY (public funds)", "lakh INR"),
        encoding="utf-8",
    )
    before = tree_digest(data_copy)
    result = update(data_copy, bad)
    assert result.returncode == 1
    assert "gathered.csv, line 2, column `unit`: 'lakh INR' is not a unit" in result.stderr
    assert tree_digest(data_copy) == before
