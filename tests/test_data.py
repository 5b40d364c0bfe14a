"""The data files as shipped pass; each kind of broken file fails with its own message
naming file, line, column and rule."""

import re

import pytest
from conftest import line_of_row, replace_line

from digideficit.validated import data
from digideficit.validated.schema import DataValidationError, half_unit

DS = "digital_services.csv"


def problems_of(directory):
    with pytest.raises(DataValidationError) as caught:
        data.load(directory)
    return caught.value.problems


def test_shipped_data_is_valid(tables):
    assert len(tables.digital_services) > 0
    assert set(tables.digital_services["source_id"]) <= set(tables.sources["id"])
    assert tables.digital_services["value"].dtype == float


def test_every_row_of_every_file_cites_a_known_source(tables):
    known = set(tables.sources["id"])
    for frame in (
        tables.digital_services,
        tables.context,
        tables.projections,
        tables.events,
        tables.claims,
    ):
        assert frame["source_id"].isin(known).all()
        assert (frame["source_id"] != "").all()


def test_every_source_has_publisher_title_and_date(tables):
    for column in ("publisher", "title", "date"):
        assert (tables.sources[column].str.len() > 0).all()


def test_non_numeric_value_is_named(data_copy):
    line = line_of_row(data_copy / DS, "2022,CY,digital_total,3-item")
    replace_line(data_copy / DS, line, "-4.7", "about 4.8")
    [problem] = problems_of(data_copy)
    assert (problem.file.endswith(DS), problem.line, problem.column) == (True, line, "value")
    assert "is not a number" in problem.rule and problem.value == "about 4.8"


def test_unknown_item_is_named(data_copy):
    line = line_of_row(data_copy / DS, "2014,CY")
    replace_line(data_copy / DS, line, "digital_total", "cloud")
    [problem] = problems_of(data_copy)
    assert (problem.line, problem.column, problem.value) == (line, "item", "cloud")
    assert problem.rule.startswith("must be one of")


def test_unit_change_is_rejected(data_copy):
    line = line_of_row(data_copy / DS, "2014,CY")
    replace_line(data_copy / DS, line, "JPY_tn", "EUR_bn")
    [problem] = problems_of(data_copy)
    assert (problem.line, problem.column, problem.value) == (line, "unit", "EUR_bn")


def test_qualifier_outside_the_list_is_rejected(data_copy):
    line = line_of_row(data_copy / DS, "2014,CY")
    replace_line(data_copy / DS, line, "JPY_tn,about,", "JPY_tn,roughly,")
    [problem] = problems_of(data_copy)
    assert (problem.line, problem.column, problem.value) == (line, "qualifier", "roughly")
    assert problem.rule == "must be one of about, more than"


def test_shipped_lower_bounds_are_marked_as_such(tables):
    """Every figure a source words as 'more than' (超, 'exceeds', 'top') carries the
    qualifier, so that no page states it as a figure."""
    rows = tables.digital_services
    worded = rows["note"].str.contains("more than|exceed|超", case=False, regex=True)
    bounds = rows[worded & ~rows["note"].str.contains("times|three", case=False)]
    assert len(bounds) and (bounds["qualifier"] == "more than").all()


def test_yen_figures_are_read_in_trillions_exactly(data_copy):
    """A figure kept as published in 億円 or ¥ billion lines up with ¥-trillion figures, with
    its digits (and so its rounding) intact and the published form kept beside it."""
    line = line_of_row(data_copy / DS, "2014,CY")
    replace_line(data_copy / DS, line, "-2.1,JPY_tn", "-21000,JPY_100m")
    rows = data.load(data_copy).digital_services
    row = rows.loc[rows["published_unit"] == "JPY_100m"].iloc[0]
    assert (row["value_text"], row["unit"], row["value"]) == ("-2.1000", "JPY_tn", -2.1)
    assert row["published_text"] == "-21000"


def test_missing_source_is_named(data_copy):
    line = line_of_row(data_copy / DS, "2014,CY,digital_total,5-item")
    replace_line(data_copy / DS, line, "mri-2024-04-25", "mri-2099")
    [problem] = problems_of(data_copy)
    assert (problem.line, problem.column, problem.value) == (line, "source_id", "mri-2099")
    assert "sources.csv" in problem.rule


def test_duplicate_key_points_at_both_lines(data_copy):
    path = data_copy / DS
    first = line_of_row(path, "2014,CY")
    original = path.read_text(encoding="utf-8").splitlines()[first - 1]
    path.write_text(path.read_text(encoding="utf-8") + original + "\n", encoding="utf-8")
    [problem] = problems_of(data_copy)
    assert problem.line == len(path.read_text(encoding="utf-8").splitlines())
    assert f"duplicates the key of line {first}" in problem.rule


def test_balance_that_does_not_add_up(data_copy):
    path = data_copy / DS
    line = line_of_row(path, "2023,CY,digital_total,5-item,payments")
    replace_line(path, line, "9.2", "9.9")
    [problem] = problems_of(data_copy)
    balance_line = line_of_row(path, "2023,CY,digital_total,5-item,balance")
    assert (problem.line, problem.column) == (balance_line, "value")
    assert f"payments (line {line}: 9.9)" in problem.rule


def test_balance_within_rounding_passes(data_copy):
    # 3.7 − 9.2 = −5.5 exactly; −5.56 is still within the rounding of 3.7, 9.2 and −5.56
    path = data_copy / DS
    replace_line(path, line_of_row(path, "2023,CY,digital_total,5-item,balance"), "-5.5,", "-5.56,")
    data.load(data_copy)


def test_negative_payments_rejected(data_copy):
    path = data_copy / DS
    line = line_of_row(path, "2023,CY,digital_total,5-item,payments")
    replace_line(path, line, "9.2", "-9.2")
    assert any("cannot be negative" in p.rule and p.line == line for p in problems_of(data_copy))


def test_truncated_file_names_the_line(data_copy):
    path = data_copy / "context.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("primary_income_balance") + 12], encoding="utf-8")
    [problem] = problems_of(data_copy)
    assert problem.file.endswith("context.csv") and problem.line == 4
    assert "cells but the header has" in problem.rule


def test_renamed_column_is_reported_on_the_header(data_copy):
    path = data_copy / DS
    replace_line(path, 1, "item_basis", "basis")
    problems = problems_of(data_copy)
    assert {(p.line, p.column) for p in problems} == {(1, "item_basis"), (1, "basis")}


def test_period_must_match_its_type(data_copy):
    path = data_copy / DS
    line = line_of_row(path, "FY2024")
    replace_line(path, line, "FY2024", "2024/25")
    [problem] = problems_of(data_copy)
    assert (problem.line, problem.column) == (line, "period")
    assert "FYYYYY" in problem.rule


def test_message_is_readable():
    err = DataValidationError([])
    assert "0 problem(s)" in str(err)


@pytest.mark.parametrize(
    ("text", "half"), [("5.5", "0.05"), ("-6.6506", "0.00005"), ("11", "0.5"), ("9.20", "0.005")]
)
def test_half_unit_of_the_last_written_digit(text, half):
    assert str(half_unit(text)) == str(__import__("decimal").Decimal(half))


def test_datapackage_documents_every_column(tables):
    import json

    from digideficit.paths import ROOT

    package = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    described = {
        r["path"]: [f["name"] for f in r["schema"]["fields"]] for r in package["resources"]
    }
    for name, (filename, _spec) in data.FILES.items():
        frame = getattr(tables, name)
        on_disk = [c for c in frame.columns if not re.search(r"_text$|^year$|^published_unit$", c)]
        assert described[filename] == on_disk, filename


def test_events_have_dates_tracks_and_sources(tables):
    events = tables.events
    assert events["date"].str.match(r"^\d{4}(-\d{2}(-\d{2})?)?$").all()
    assert set(events["track"]) <= set(data.EVENT_TRACKS)
    # a figure always comes with its unit
    assert (events["value"].isna() | (events["unit"] != "")).all()


def test_every_claim_comes_from_a_seed_article(tables):
    kinds = tables.sources.set_index("id")["kind"]
    assert (tables.claims["source_id"].map(kinds) == "seed").all()


def test_event_with_a_bad_date_is_named(data_copy):
    line = line_of_row(data_copy / "events.csv", "usjdta-signed,")
    replace_line(data_copy / "events.csv", line, "2019-10-07", "7 Oct 2019")
    [problem] = problems_of(data_copy)
    assert (problem.line, problem.column, problem.value) == (line, "date", "7 Oct 2019")


def test_optional_unit_is_checked_when_given(data_copy):
    line = line_of_row(data_copy / "events.csv", "eo-14257-signed,")
    replace_line(data_copy / "events.csv", line, ",percent,", ",pct,")
    [problem] = problems_of(data_copy)
    assert (problem.line, problem.column, problem.value) == (line, "unit", "pct")


def test_optional_value_must_be_a_number_when_given(data_copy):
    line = line_of_row(data_copy / "events.csv", "dx-report-cliff,")
    replace_line(data_copy / "events.csv", line, ",12,JPY_tn,", ",twelve,JPY_tn,")
    [problem] = problems_of(data_copy)
    assert (problem.line, problem.column) == (line, "value")
    assert "is not a number" in problem.rule


def test_claim_citing_an_unknown_article_is_named(data_copy):
    line = line_of_row(data_copy / "claims.csv", "s004-2024,")
    replace_line(data_copy / "claims.csv", line, "s004-2024,seed-004,", "s004-2024,seed-009,")
    [problem] = problems_of(data_copy)
    assert (problem.line, problem.column, problem.value) == (line, "source_id", "seed-009")


def test_validated_tables_are_reused_only_for_identical_content(data_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("DIGIDEFICIT_BUILD_DIR", str(tmp_path / "build"))
    first = data.load(data_copy)
    stored = list((tmp_path / "build" / ".tables").glob("*.pickle"))
    assert len(stored) == 1
    line = line_of_row(data_copy / DS, "2014,CY,digital_total,5-item")
    replace_line(data_copy / DS, line, "-2.1", "-2.2")
    second = data.load(data_copy)
    assert second.digital_services["value"].min() == first.digital_services["value"].min()
    assert -2.2 in set(second.digital_services["value"]) and -2.2 not in set(
        first.digital_services["value"]
    )
    assert len(list((tmp_path / "build" / ".tables").glob("*.pickle"))) == 1
    # a broken file is never served from the store
    replace_line(data_copy / DS, line, "-2.2", "minus 2.2")
    with pytest.raises(DataValidationError):
        data.load(data_copy)
