"""`make fetch SOURCE=api` against a stand-in for the Bank of Japan API on 127.0.0.1: several
pages, every failure the API can give (each leaves data/ and the site as they were), a renamed
series, a revised month, and the conversion of answers into rows of boj_monthly.csv."""

import copy
import csv
import hashlib
import os
import shutil
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from boj_server import Raw, error, sample
from test_build import tree_digest

from digideficit.analysis import series
from digideficit.paths import ROOT
from digideficit.sources.fetch import boj_api, convert, series_list
from digideficit.validated import data

TODAY = datetime.now(UTC).date().isoformat()
REFUSED = "FETCH FAILED — data/ and the published site are unchanged."
# the monthly series the stand-in's sample answers hold
SAMPLE_CODES = {
    "BPBP6JYNCB", "BPBP6JYNTB", "BPBP6JYNSN", "BPBP6JYNSN2", "BPBP6JYNPIN", "BPBP6JYNSN906",
    "BPBP6JYNSN907", "FXERM07",
}  # fmt: skip


def keep_lines(path, keep) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join([lines[0], *(x for x in lines[1:] if keep(x))]), encoding="utf-8")


@pytest.fixture
def data_copy(data_copy):
    """The data with the official series narrowed to those of the sample answers."""
    keep_lines(data_copy / "boj_series.csv", lambda line: line.split(",")[1] in SAMPLE_CODES)
    keep_lines(data_copy / "boj_monthly.csv", lambda line: line.split(",")[0] in SAMPLE_CODES)
    keep_lines(data_copy / "boj_quarterly.csv", lambda line: False)
    return data_copy


def line_of(data_copy, code: str) -> int:
    return next(s.line for s in series_list.read(data_copy) if s.code == code)


def fetch(data_dir, url, *args, build_dir=None) -> subprocess.CompletedProcess:
    env = {**os.environ, "DIGIDEFICIT_DATA_DIR": str(data_dir), "BOJ_API_URL": url}
    if build_dir:
        env["DIGIDEFICIT_BUILD_DIR"] = str(build_dir)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "digideficit.sources.fetch",
            "--source",
            "api",
            "--pause",
            "0",
            "--retry-wait",
            "0",
            *args,
        ],
        cwd=ROOT,
        text=True,
        capture_output=True,
        env=env,
        timeout=180,
    )


def test_fetch_brings_every_page_into_the_data(data_copy, boj):
    result = fetch(data_copy, boj.url, "--no-build")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "FXERM07: 20 months added 2025-01 … 2026-08; latest 2026-08" in out
    assert "BPBP6JYNSN907: 4 months added 2026-05 … 2026-08, 16 revised; latest 2026-08" in out
    assert "1 empty" in out  # the travel balance of 2026-08 is not published yet
    assert "  … and 4 more revised months" in out  # revisions listed up to a limit
    # metadata first, then every page of BP01 (following NEXTPOSITION), then FM08
    paths = [path for path, _agent in boj.requests]
    assert [p.split("?")[0].rsplit("/", 1)[1] for p in paths] == ["getMetadata"] * 2 + [
        "getDataCode"
    ] * 4
    assert "startPosition=4" in paths[3] and "startPosition=6" in paths[4]
    assert all("digital trade deficit" in agent for _path, agent in boj.requests)

    tables = data.load(data_copy)
    fetched = tables.boj_monthly.query("vintage == '2026-10-08'")
    assert len(fetched) == 159 and set(fetched["code"]) == SAMPLE_CODES
    row = fetched.query("code == 'BPBP6JYNSN907' and period == '2026-08'").iloc[0]
    assert (row["value_text"], row["source_id"]) == ("-2190", "boj-bp01-bpbp6jynsn907-20261008")
    monthly = tables.digital_services.query("vintage == 'boj-20261008'")
    assert set(monthly["period"]) >= {"2026-05", "2026-08"}
    cited = series.with_sources(monthly, tables.sources).iloc[0]
    assert f"{cited['publisher']}, {cited['source_title']}" == (
        f"Bank of Japan, Time-Series Data Search, BP01 BPBP6JYNSN907, retrieved {TODAY}"
    )
    assert cited["source_kind"] == "official" and cited["source_date"] == "2026-10-08"

    # every answer kept, with retrieval time, LAST_UPDATE and checksum
    folder = data_copy / "raw" / "boj"
    with (folder / "snapshots.csv").open(encoding="utf-8") as handle:
        index = list(csv.DictReader(handle))
    assert len(index) == 6
    for entry in index:
        body = (folder / entry["file"]).read_bytes()
        assert hashlib.sha256(body).hexdigest() == entry["sha256"]
        assert entry["retrieved"].startswith(TODAY)
    assert {e["last_update"] for e in index} == {"20261008"}

    again = fetch(data_copy, boj.url, "--no-build")
    assert again.returncode == 0, again.stderr
    assert "nothing new" in again.stdout and "159 unchanged" in again.stdout


def test_dry_run_shows_the_changes_and_writes_nothing(data_copy, boj):
    before = tree_digest(data_copy)
    result = fetch(data_copy, boj.url, "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "FXERM07: 20 months added" in result.stdout
    assert "dry run: nothing written" in result.stdout
    assert tree_digest(data_copy) == before


def with_update(answer: dict, last_update: int, code: str | None = None, **months) -> dict:
    """`answer` re-served at `last_update`, with new values for some months of `code`."""
    answer = copy.deepcopy(answer)
    for entry in answer["RESULTSET"]:
        entry["LAST_UPDATE"] = last_update
        if entry["SERIES_CODE"] == code:
            dates = entry["VALUES"]["SURVEY_DATES"]
            for month, value in months.items():
                entry["VALUES"]["VALUES"][dates.index(int(month[1:]))] = value
    return answer


def test_a_revised_month_is_shown_as_revised_and_the_old_vintage_kept(data_copy, boj):
    assert fetch(data_copy, boj.url, "--no-build").returncode == 0
    boj.replaced["data-BP01-page3.json"] = with_update(
        sample("data-BP01-page3.json"), 20261110, "BPBP6JYNSN907", m202603=-2100
    )
    result = fetch(data_copy, boj.url, "--no-build")
    assert result.returncode == 0, result.stderr
    assert "BPBP6JYNSN907: 1 revised; latest 2026-08" in result.stdout
    assert (
        "revised  BPBP6JYNSN907 2026-03: -2140 (2026-10-08, boj-bp01-bpbp6jynsn907-20261008) "
        "→ -2100 (2026-11-10, boj-bp01-bpbp6jynsn907-20261110); old row kept"
    ) in result.stdout
    # re-served unchanged, the other months and series are not written again
    assert result.stdout.count("revised  ") == 1 and result.stdout.count("added    ") == 1
    assert "added    boj-bp01-bpbp6jynsn907-20261110" in result.stdout  # its source
    tables = data.load(data_copy)
    rows = tables.boj_monthly.query("code == 'BPBP6JYNSN907' and period == '2026-03'")
    assert set(rows["vintage"]) == {"2026-06-08", "2026-10-08", "2026-11-10"}
    months = tables.digital_services.query("period == '2026-03' and vintage.str.startswith('boj-')")
    chosen = series.best_available(months.query("flow == 'balance'"), per="period").iloc[0]
    assert chosen["value_text"] == "-0.2100"


def test_a_renamed_series_is_reported_and_the_list_left_alone(data_copy, boj):
    catalogue = sample("metadata-BP01.json")
    entry = next(e for e in catalogue["RESULTSET"] if e["SERIES_CODE"] == "BPBP6JYNSN907")
    entry["NAME_OF_TIME_SERIES"] = "Telecommunications, computer and information services (net)"
    boj.replaced["metadata-BP01.json"] = catalogue
    listed = (data_copy / "boj_series.csv").read_bytes()
    result = fetch(data_copy, boj.url, "--no-build")
    assert result.returncode == 0, result.stderr
    assert (
        "renamed  BPBP6JYNSN907: the catalogue names it 'Telecommunications, computer and "
        "information services (net)'; data/boj_series.csv, line "
        f"{line_of(data_copy, 'BPBP6JYNSN907')} (BPBP6JYNSN907) has"
    ) in result.stdout
    assert (data_copy / "boj_series.csv").read_bytes() == listed


def test_a_busy_database_is_asked_again(data_copy, boj):
    boj.queued["getDataCode"] = [error(503, "M181090S", "Database access error")]
    result = fetch(data_copy, boj.url, "--no-build")
    assert result.returncode == 0, result.stderr
    assert len(boj.requests) == 7  # one more than the six answers kept


def without_code(code: str) -> dict:
    catalogue = sample("metadata-BP01.json")
    catalogue["RESULTSET"] = [e for e in catalogue["RESULTSET"] if e["SERIES_CODE"] != code]
    return catalogue


def closed_port() -> str:
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{free.getsockname()[1]}"


PAGE = (ROOT / "tests" / "samples" / "boj" / "data-BP01-page1.json").read_bytes()
FAILURES = {
    "status-400": (
        {"getDataCode": [error(400, "M181005E", "Invalid parameter: startDate")]},
        "the API refused the request (STATUS 400, M181005E",
    ),
    "status-500": (
        {"getDataCode": [error(500, "M181090S", "Unexpected error")]},
        "the API failed (STATUS 500, M181090S",
    ),
    "status-503": (
        {"getDataCode": [error(503, "M181091S", "Database access error")] * 4},
        "the BOJ database is not available (STATUS 503, M181091S: Database access error) "
        "after 4 tries; try again later",
    ),
    "unknown-code": (
        {"getMetadata": [without_code("BPBP6JYNSN907")]},
        "(BPBP6JYNSN907): series code BPBP6JYNSN907 is not in BP01's catalogue",
    ),
    "unknown-code-in-data": (
        {"getDataCode": [error(400, "M181013E", "Series code does not exist: 7th code")]},
        "(BPBP6JYNPIN): series code BPBP6JYNPIN may not exist",  # the 7th in the list
    ),
    "no-data": (
        {"getDataCode": [error(200, "M181030I", "No data")]},
        "the API has no data for this request (STATUS 200, M181030I",
    ),
    "malformed": ({"getMetadata": [Raw(b"<html>Service unavailable</html>")]}, "not complete JSON"),
    "truncated": ({"getDataCode": [Raw(PAGE[: len(PAGE) // 2])]}, "truncated or malformed"),
    "cut-short": (
        {"getDataCode": [Raw(PAGE, promised=len(PAGE) + 100)]},
        "the connection broke off before the answer was complete",
    ),
    "timeout": ({"getDataCode": [Raw(PAGE, delay=3)]}, "no answer in time"),
    "refused": ({}, "connection refused. Is BOJ_API_URL right"),
}


@pytest.mark.parametrize("case", list(FAILURES))
def test_each_failure_is_named_and_changes_nothing(data_copy, boj, site, case):
    queued, expected = FAILURES[case]
    boj.queued.update(queued)
    url = closed_port() if case == "refused" else boj.url
    before = tree_digest(data_copy), tree_digest(site)
    result = fetch(data_copy, url, "--timeout", "1", build_dir=site)
    assert result.returncode == 1, result.stdout
    assert result.stderr.startswith(REFUSED)
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert (tree_digest(data_copy), tree_digest(site)) == before


# conversion


@pytest.mark.parametrize(
    ("date", "frequency", "expected"),
    [
        (202608, "M", ("2026-08", "M")),
        ("2025", "CY", ("2025", "CY")),
        (2025, "FY", ("FY2025", "FY")),
    ],
)
def test_survey_dates_per_frequency(date, frequency, expected):
    assert convert.period_of(date, frequency, "test") == expected


@pytest.mark.parametrize(("date", "frequency"), [(202613, "M"), ("2026", "M"), (20261, "CY")])
def test_a_survey_date_of_another_form_is_refused(date, frequency):
    with pytest.raises(convert.ConversionError, match="is not a"):
        convert.period_of(date, frequency, "test")


@pytest.mark.parametrize(
    ("unit", "value", "expected"),
    [
        ("100 million yen", 1234, ("JPY_tn", "0.1234")),
        ("100 Million  Yen", -56, ("JPY_tn", "-0.0056")),
        ("100 million yen", 10000, ("JPY_tn", "1.0000")),
        ("100 million yen", "-2345.6", ("JPY_tn", "-0.23456")),
        ("Yen per U.S. Dollar", 150.25, ("JPY_per_USD", "150.25")),
    ],
)
def test_units_are_converted_keeping_the_precision_given(unit, value, expected):
    report_unit, factor = convert.report_unit(unit, "test")
    assert (report_unit, convert.converted(value, factor, "test")) == expected


@pytest.mark.parametrize("value", [None, "", "  "])
def test_an_empty_value_is_a_month_not_published(value):
    assert convert.converted(value, Decimal(1), "test") is None


@pytest.mark.parametrize("value", ["n/a", True, "NaN"])
def test_a_value_that_is_not_a_number_is_named(value):
    with pytest.raises(convert.ConversionError, match="is not a number"):
        convert.converted(value, Decimal(1), "BP01 X")


def test_an_unknown_unit_is_named():
    with pytest.raises(convert.ConversionError, match="unit 'thousand yen'"):
        convert.report_unit("thousand yen", "BP01 X")


def test_an_answer_with_fewer_values_than_dates_is_refused():
    entry = copy.deepcopy(sample("data-BP01-page3.json")["RESULTSET"][1])
    entry["VALUES"]["VALUES"].pop()
    listed = series_list.read(ROOT / "data")
    with pytest.raises(convert.ConversionError, match="20 survey dates but 19 values"):
        convert.convert([(listed[2], entry)], {}, set(), "http://x", TODAY)


def test_codes_are_asked_for_in_batches_of_250(monkeypatch):
    asked = []

    def answer(self, endpoint, query, codes=None):
        asked.append(query["code"].split(","))
        return {"RESULTSET": [{"SERIES_CODE": c} for c in codes], "NEXTPOSITION": None}

    monkeypatch.setattr(boj_api.Client, "_get", answer)
    codes = [f"C{i}" for i in range(600)]
    got = boj_api.Client(pause=0).data("BP01", codes)
    assert [len(batch) for batch in asked] == [250, 250, 100]
    assert [e["SERIES_CODE"] for e in got] == codes


def answers_for_every_series(data_dir) -> tuple[dict, dict]:
    """Metadata and one page of data for every monthly BP01 series of the full list: the
    months in data/ re-served unchanged at LAST_UPDATE 20261008, and 2026-05 new."""
    listed = [s for s in series_list.read(data_dir) if s.db == "BP01" and s.frequency == "M"]
    values = {}
    with (data_dir / "boj_monthly.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):  # oldest vintage first: the latest wins
            values.setdefault(row["code"], {})[int(row["period"].replace("-", ""))] = row["value"]
    metadata, page = sample("metadata-BP01.json"), sample("data-BP01-page3.json")
    entries = []
    for s in listed:
        months = dict(sorted(values[s.code].items()))
        months[202605] = months[202604]
        entries.append(
            {
                "SERIES_CODE": s.code,
                "NAME_OF_TIME_SERIES": s.name,
                "UNIT": "100 million yen",
                "FREQUENCY": "MONTHLY",
                "LAST_UPDATE": 20261008,
                "VALUES": {
                    "SURVEY_DATES": list(months),
                    "VALUES": [float(v) for v in months.values()],
                },
            }
        )
    metadata["RESULTSET"] = [{k: v for k, v in e.items() if k != "VALUES"} for e in entries]
    page["RESULTSET"], page["NEXTPOSITION"] = entries, None
    return metadata, page


def test_the_api_route_fetches_every_listed_monthly_series(boj, tmp_path):
    """On copies of the full data: every listed monthly series is asked for, the new month is
    written to the official table, and the months re-served unchanged are not (the rebuild
    that follows is tested once, on the default flat-file route)."""
    full = tmp_path / "data"
    shutil.copytree(ROOT / "data", full)
    metadata, page = answers_for_every_series(full)
    boj.replaced["metadata-BP01.json"], boj.replaced["data-BP01-page1.json"] = metadata, page
    result = fetch(full, boj.url, "--no-build")
    assert result.returncode == 0, result.stderr
    assert "BPBP6JYNSN907: 1 month added 2026-05; latest 2026-05" in result.stdout
    assert "revised  " not in result.stdout  # the months re-served unchanged are not written
    months = (full / "boj_monthly.csv").read_text(encoding="utf-8")
    assert "BPBP6JYNSN907,2026-05," in months


def test_a_bad_row_of_the_series_list_is_named(data_copy, boj, site):
    path = data_copy / "boj_series.csv"
    line = line_of(data_copy, "BPBP6JYNSN2")
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "travel_balance,balance,,100 million yen", "travel_balance,rate,,100 million yen"
        ),
        encoding="utf-8",
    )
    before = tree_digest(data_copy), tree_digest(site)
    result = fetch(data_copy, boj.url, build_dir=site)
    assert result.returncode == 1
    assert f"boj_series.csv, line {line}, column `flow`: 'rate' only an exchange rate" in (
        result.stderr
    )
    assert (tree_digest(data_copy), tree_digest(site)) == before
    assert boj.requests == []  # the list is checked before the API is asked


def test_requests_are_spaced_by_the_pause(boj):
    client = boj_api.Client(base_url=boj.url, pause=0.3)
    started = time.monotonic()
    for _ in range(3):
        client.metadata("FM08")
    assert time.monotonic() - started >= 0.6
