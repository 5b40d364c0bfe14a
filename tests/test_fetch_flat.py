"""`make fetch` with the Bank of Japan's flat files: the shipped copies reproduce the official
tables byte for byte, a newer file adds exactly its new and revised values (served by a
stand-in on 127.0.0.1), and every broken file is refused with one message, changing nothing."""

import csv
import hashlib
import io
import os
import shutil
import subprocess
import sys
import zipfile

import pytest
from boj_server import Raw
from test_build import tree_digest

from digideficit.paths import ROOT
from digideficit.sources.fetch import flat, series_list

RAW = ROOT / "data" / "raw" / "boj"
MONTHLY_ZIP = RAW / "bp_m_en-2026-06-08.zip"
REGIONAL_ZIP = RAW / "regbp_q_en-2026-05-13.zip"
REFUSED = "FETCH FAILED — data/ and the published site are unchanged."


def fetch(data_dir, *args, url="http://127.0.0.1:9", build_dir=None):
    env = {**os.environ, "DIGIDEFICIT_DATA_DIR": str(data_dir), "BOJ_FLAT_URL": f"{url}/info/"}
    env.pop("SOURCE", None)
    if build_dir:
        env["DIGIDEFICIT_BUILD_DIR"] = str(build_dir)
    return subprocess.run(
        [sys.executable, "-m", "digideficit.sources.fetch", "--timeout", "5", *args],
        cwd=ROOT,
        text=True,
        capture_output=True,
        env=env,
        timeout=300,
    )


def member_text(path, member) -> str:
    return zipfile.ZipFile(path).read(member).decode("utf-8")


def zipped(text: str, member: str, day=(2026, 7, 8)) -> bytes:
    """A flat file as the BOJ serves it: one CSV member dated `day`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo(member, date_time=(*day, 9, 0, 0)), text)
    return buffer.getvalue()


def small_monthly() -> list[list[str]]:
    """The rows of the shipped monthly file that the report lists, and one it does not."""
    listed = {s.code for s in series_list.read(ROOT / "data")}
    rows = list(csv.reader(io.StringIO(member_text(MONTHLY_ZIP, "bp_m_en.csv"))))
    return [rows[0]] + [r for r in rows[1:] if r[0] in listed or r[0] == "BPBP6JYNCBSA"][:40]


def as_csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def cell(rows, code, column):
    row = next(r for r in rows if r[0] == code)
    return row, rows[0].index(column)


def test_the_shipped_files_reproduce_the_official_tables(tmp_path, data_copy):
    for name in ("boj_monthly.csv", "boj_quarterly.csv"):
        header = (data_copy / name).read_text(encoding="utf-8").splitlines(keepends=True)[0]
        (data_copy / name).write_text(header, encoding="utf-8")
    result = fetch(data_copy, "--no-build", str(MONTHLY_ZIP), str(REGIONAL_ZIP))
    assert result.returncode == 0, result.stderr
    for name in ("boj_monthly.csv", "boj_quarterly.csv"):
        assert (data_copy / name).read_bytes() == (ROOT / "data" / name).read_bytes(), name
    out = result.stdout
    assert "bp_m_en.csv of 2026-06-08" in out and "regbp_q_en.csv of 2026-05-13" in out
    assert "BPBP6JYNSN907: 364 months added 1996-01 … 2026-04; latest 2026-04" in out
    assert "BPBP6QSD96: 48 quarters added 2014-Q1 … 2025-Q4; latest 2025-Q4" in out
    assert "latest month per series: 2026-04 (31 series)" in out
    assert len(out.splitlines()) < 400  # per series, not one line per month
    assert "Headline figures:" in out
    # the sources rows and the kept copies were there already
    for name in ("sources.csv", "raw"):
        target, shipped = data_copy / name, ROOT / "data" / name
        assert tree_digest(target) == tree_digest(shipped), name


def test_the_shipped_files_again_bring_nothing_new(data_copy, site):
    before = tree_digest(data_copy), tree_digest(site)
    result = fetch(data_copy, str(MONTHLY_ZIP), str(REGIONAL_ZIP), build_dir=site)
    assert result.returncode == 0, result.stderr
    assert "nothing new" in result.stdout
    assert "9340 values, 0 new or revised" in result.stdout
    assert (tree_digest(data_copy), tree_digest(site)) == before


def test_a_newer_file_adds_its_new_and_revised_values_only(data_copy, boj):
    rows = small_monthly()
    row, may = cell(rows, "BPBP6JYNSN907", "202605")
    row[may] = "-2345.5"
    row, march = cell(rows, "BPBP6JYNSN907", "202603")
    old_march = row[march]
    row[march] = "-2100.25"
    newer = zipped(as_csv(rows), "bp_m_en.csv")
    boj.files["bp_m_en.zip"] = newer
    boj.files["regbp_q_en.zip"] = REGIONAL_ZIP.read_bytes()
    monthly_before = (data_copy / "boj_monthly.csv").read_text(encoding="utf-8")
    result = fetch(data_copy, "--no-build", url=boj.url)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert [p for p, _agent in boj.requests] == ["/info/bp_m_en.zip", "/info/regbp_q_en.zip"]
    assert all("digital trade deficit" in agent for _path, agent in boj.requests)
    assert "bp_m_en.csv of 2026-07-08" in out
    assert "BPBP6JYNSN907: 1 month added 2026-05, 1 revised; latest 2026-05" in out
    assert (
        f"revised  BPBP6JYNSN907 2026-03: {old_march} (2026-06-08, boj-bp-m-en-2026-06-08) → "
        "-2100.25 (2026-07-08, boj-bp-m-en-2026-07-08); old row kept"
    ) in out
    assert "added    boj-bp-m-en-2026-07-08" in out

    monthly = (data_copy / "boj_monthly.csv").read_text(encoding="utf-8")
    assert monthly == monthly_before + (
        "BPBP6JYNSN907,2026-03,-2100.25,2026-07-08,boj-bp-m-en-2026-07-08\n"
        "BPBP6JYNSN907,2026-05,-2345.5,2026-07-08,boj-bp-m-en-2026-07-08\n"
    )
    assert (data_copy / "boj_quarterly.csv").read_bytes() == (
        ROOT / "data" / "boj_quarterly.csv"
    ).read_bytes()
    with (data_copy / "sources.csv").open(encoding="utf-8") as handle:
        source = next(r for r in csv.DictReader(handle) if r["id"] == "boj-bp-m-en-2026-07-08")
    assert source["date"] == "2026-07-08" and source["kind"] == "official"
    assert source["url"] == "https://www.stat-search.boj.or.jp/info/bp_m_en.zip"
    assert f"{boj.url}/info/bp_m_en.zip" in source["note"]

    kept = data_copy / "raw" / "boj" / "bp_m_en-2026-07-08.zip"
    assert kept.read_bytes() == newer
    with (data_copy / "raw" / "boj" / "manifest.csv").open(encoding="utf-8") as handle:
        manifest = list(csv.DictReader(handle))
    assert [m["file"] for m in manifest][-1] == "bp_m_en-2026-07-08.zip"
    assert len(manifest) == 5  # the regional file is the one kept already
    assert manifest[-1]["sha256"] == hashlib.sha256(newer).hexdigest()
    assert manifest[-1]["obtained_from"] == f"{boj.url}/info/bp_m_en.zip"
    assert manifest[-1]["file_date"] == "2026-07-08"

    again = fetch(data_copy, "--no-build", url=boj.url)
    assert again.returncode == 0, again.stderr
    assert "nothing new" in again.stdout


def test_a_dry_run_writes_nothing(data_copy, boj):
    rows = small_monthly()
    row, may = cell(rows, "BPBP6JYNCB", "202605")
    row[may] = "12345.6"
    boj.files["bp_m_en.zip"] = zipped(as_csv(rows), "bp_m_en.csv")
    boj.files["regbp_q_en.zip"] = REGIONAL_ZIP.read_bytes()
    before = tree_digest(data_copy)
    result = fetch(data_copy, "--dry-run", url=boj.url)
    assert result.returncode == 0, result.stderr
    assert "BPBP6JYNCB: 1 month added 2026-05; latest 2026-05" in result.stdout
    assert "dry run: nothing written" in result.stdout
    assert tree_digest(data_copy) == before


def broken(case: str) -> tuple[bytes | int, str]:
    """(what the stand-in serves as bp_m_en.zip, what the message must say)."""
    rows = small_monthly()
    good = as_csv(rows)
    if case == "missing":
        return 404, "bp_m_en.zip: HTTP 404"
    if case == "corrupt":
        whole = zipped(good, "bp_m_en.csv")
        return whole[: len(whole) // 2], "bp_m_en.zip: not a readable zip file"
    if case == "no-member":
        return zipped(good, "bp_q_en.csv"), "bp_m_en.zip: the zip holds no bp_m_en.csv"
    if case == "header":
        rows[0][10] = "1996-07"
        return zipped(as_csv(rows), "bp_m_en.csv"), (
            "bp_m_en.zip (bp_m_en.csv), row 1, column 11: header '1996-07' is not the month "
            "after '199606'"
        )
    if case == "not-a-number":
        row, march = cell(rows, "BPBP6JYNSD9072", "202603")
        row[march] = "1,234.5"
        line = rows.index(row) + 1
        return zipped(as_csv(rows), "bp_m_en.csv"), (
            f"bp_m_en.zip (bp_m_en.csv), row {line} (BPBP6JYNSD9072), column 2026-03: "
            "'1,234.5' is not a number"
        )
    if case == "truncated":
        text = good[: len(good) - 900]
        line = text.count("\r\n") + 1
        return zipped(text, "bp_m_en.csv"), (
            f"bp_m_en.zip (bp_m_en.csv), row {line} ({rows[line - 1][0]}): "
        )
    raise AssertionError(case)


BROKEN = ["missing", "corrupt", "no-member", "header", "not-a-number", "truncated"]


@pytest.mark.parametrize("case", BROKEN)
def test_each_broken_file_is_named_and_changes_nothing(data_copy, boj, site, case):
    served, expected = broken(case)
    boj.files["bp_m_en.zip"] = served
    boj.files["regbp_q_en.zip"] = REGIONAL_ZIP.read_bytes()
    before = tree_digest(data_copy), tree_digest(site)
    result = fetch(data_copy, url=boj.url, build_dir=site)
    assert result.returncode == 1, result.stdout
    assert result.stderr.startswith(REFUSED)
    assert expected in result.stderr
    assert len(result.stderr.strip().splitlines()) == 2  # the heading and one message
    assert "Traceback" not in result.stderr
    if case == "truncated":
        assert "cells, the header has 378 — a truncated or malformed file" in result.stderr
    assert (tree_digest(data_copy), tree_digest(site)) == before


@pytest.mark.parametrize("case", BROKEN)
def test_each_broken_local_copy_is_named_and_changes_nothing(tmp_path, data_copy, site, case):
    served, expected = broken(case)
    path = tmp_path / "bp_m_en.zip"
    if isinstance(served, bytes):
        path.write_bytes(served)
    before = tree_digest(data_copy), tree_digest(site)
    result = fetch(data_copy, str(path), build_dir=site)
    assert result.returncode == 1, result.stdout
    assert result.stderr.startswith(REFUSED)
    if case == "missing":
        expected = f"{path}: file not found"
    elif case == "no-member":
        expected = "holds none of bp_m_en.csv, regbp_q_en.csv (it holds bp_q_en.csv)"
    else:
        expected = expected.replace("bp_m_en.zip", str(path), 1)
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert (tree_digest(data_copy), tree_digest(site)) == before


def test_a_listed_series_missing_from_the_file_is_named(data_copy, boj, site):
    rows = [r for r in small_monthly() if r[0] != "BPBP6JYNSC9073"]
    boj.files["bp_m_en.zip"] = zipped(as_csv(rows), "bp_m_en.csv")
    boj.files["regbp_q_en.zip"] = REGIONAL_ZIP.read_bytes()
    before = tree_digest(data_copy)
    result = fetch(data_copy, url=boj.url, build_dir=site)
    assert result.returncode == 1
    assert "no row for BPBP6JYNSC9073 (data/boj_series.csv, line 11" in result.stderr
    assert tree_digest(data_copy) == before


@pytest.mark.parametrize(
    ("served", "expected"),
    [
        (Raw(b"PK", delay=8), "bp_m_en.zip: no answer in time"),
        (Raw(b"PK\x03\x04", promised=5000), "the connection broke off"),
    ],
)
def test_a_slow_or_cut_download_is_one_message(data_copy, boj, site, served, expected):
    boj.files["bp_m_en.zip"] = served
    before = tree_digest(data_copy), tree_digest(site)
    result = fetch(data_copy, url=boj.url, build_dir=site)
    assert result.returncode == 1
    assert result.stderr.startswith(REFUSED) and expected in result.stderr
    assert "Traceback" not in result.stderr
    assert (tree_digest(data_copy), tree_digest(site)) == before


def test_a_refused_connection_is_one_message(data_copy, site):
    before = tree_digest(data_copy)
    result = fetch(data_copy, url="http://127.0.0.1:9", build_dir=site)
    assert result.returncode == 1
    assert "connection refused. Is BOJ_FLAT_URL right" in result.stderr
    assert tree_digest(data_copy) == before


def test_a_renamed_series_is_reported_not_fatal():
    rows = small_monthly()
    row, _ = cell(rows, "BPBP6JYNSN907", "202603")
    row[2] = "Services/Other services/TCI/Net balance"
    listed = series_list.read(ROOT / "data")
    read = flat.read(zipped(as_csv(rows), "bp_m_en.csv"), "test.zip", listed, "here", "now")
    assert read.file_date == "2026-07-08"
    assert read.renamed == [
        "renamed  BPBP6JYNSN907: the file names it 'Services/Other services/TCI/Net balance'; "
        "data/boj_series.csv, line 4 (BPBP6JYNSN907) has 'Services/Other services/"
        "Telecommunications, computer, and information services/Net balance' (the list is not "
        "changed: check it)"
    ]


def test_the_latest_month_is_the_last_with_a_value_not_the_last_column():
    listed = series_list.read(ROOT / "data")
    read = flat.read(MONTHLY_ZIP.read_bytes(), "shipped", listed, "here", "now")
    assert read.values["BPBP6JYNSN907"][-1][0] == "2026-04"
    assert read.span() == ("1996-01", "2026-04")


def test_the_manifest_describes_every_kept_file():
    with (RAW / "manifest.csv").open(encoding="utf-8") as handle:
        manifest = list(csv.DictReader(handle))
    assert list(manifest[0]) == flat.MANIFEST_COLUMNS
    kept = sorted(p.name for p in RAW.iterdir() if p.name != "manifest.csv")
    assert sorted(m["file"] for m in manifest) == kept
    for entry in manifest:
        digest = hashlib.sha256((RAW / entry["file"]).read_bytes()).hexdigest()
        assert digest == entry["sha256"], entry["file"]
    dates = {m["file"]: m["file_date"] for m in manifest}
    assert dates["bp_m_en-2026-06-08.zip"] == "2026-06-08"
    assert dates["regbp_q_en-2026-05-13.zip"] == "2026-05-13"


def test_every_listed_series_is_in_the_catalogue_with_its_names():
    catalogue = {}
    for name in ("bp01_catalogue.csv", "fm08_catalogue.csv"):
        with (RAW / name).open(encoding="utf-8") as handle:
            catalogue |= {r["series_code"]: r for r in csv.DictReader(handle)}
    for series in series_list.read(ROOT / "data"):
        entry = catalogue.get(series.code)
        assert entry is not None, f"{series.label}: not in the catalogue"
        assert (entry["name_en"], entry["name_j"]) == (series.name, series.name_ja), series.label


@pytest.mark.slow
def test_a_newer_file_reaches_the_rebuilt_site(tmp_path, boj):
    """End to end, on copies of the full data: a newer monthly file (a new month for every
    series, one revised month) is fetched, written and published, and the pages state it."""
    full = tmp_path / "data"
    shutil.copytree(ROOT / "data", full)
    rows = list(csv.reader(io.StringIO(member_text(MONTHLY_ZIP, "bp_m_en.csv"))))
    may, april = rows[0].index("202605"), rows[0].index("202604")
    for row in rows[1:]:
        if row[april] not in ("", "NA"):
            row[may] = row[april]  # TEST FIXTURE: May repeats April, a month the file lacks
    revised, march = cell(rows, "BPBP6JYNSN9072", "202603")
    revised[march] = "-1234.5"
    boj.files["bp_m_en.zip"] = zipped(as_csv(rows), "bp_m_en.csv")
    boj.files["regbp_q_en.zip"] = REGIONAL_ZIP.read_bytes()
    build = tmp_path / "_build"
    result = fetch(full, url=boj.url, build_dir=build)
    assert result.returncode == 0, result.stderr
    assert "BPBP6JYNSN9072: 1 month added 2026-05, 1 revised; latest 2026-05" in result.stdout
    assert "Site built" in result.stdout
    page = " ".join(
        (build / "html" / "chapters" / "summary.html").read_text(encoding="utf-8").split()
    )
    assert "Over the twelve months to May 2026 the deficit was" in page
    assert "file of 8 July 2026" in page
