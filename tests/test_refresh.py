"""`make refresh` against the stand-in Bank of Japan on 127.0.0.1: a newer file gives the text
of a pull request (the new month, the revised figure, what changed in data/, the new
edition); a broken file gives the text of an issue quoting the error and changes nothing; the
same file again changes nothing, with an exit status of its own. A check that fails with the
new figures puts everything back and gives an issue instead."""

import os
import subprocess
import sys

import pytest
import yaml
from test_build import tree_digest
from test_fetch_flat import MONTHLY_ZIP, REGIONAL_ZIP, as_csv, broken, cell, small_monthly, zipped

from digideficit.paths import ROOT
from digideficit.sources import refresh

# a real check, quick enough for a test: the citation written beside the new data must be
# the one those data make (the workflow's check is `make test`)
CITATION_CHECK = f"{sys.executable} -m digideficit.site.editions --check"


def run_refresh(data_dir, build, url, check=CITATION_CHECK):
    env = {
        **os.environ,
        "DIGIDEFICIT_DATA_DIR": str(data_dir),
        "DIGIDEFICIT_BUILD_DIR": str(build),
        "BOJ_FLAT_URL": f"{url}/info/",
    }
    arguments = ["--timeout", "5"] + (["--check", check] if check else [])
    return subprocess.run(
        [sys.executable, "-m", "digideficit.sources.refresh", *arguments],
        cwd=ROOT,
        text=True,
        capture_output=True,
        env=env,
        timeout=300,
    )


def outputs(build) -> dict[str, str]:
    folder = build / "refresh"
    return (
        {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir()} if folder.exists() else {}
    )


def serve_newer(boj) -> str:
    """A file of 2026-07-08 with May 2026 for the TCI balance and its March revised; returns
    March's old value."""
    rows = small_monthly()
    row, may = cell(rows, "BPBP6JYNSN907", "202605")
    row[may] = "-2345.5"
    row, march = cell(rows, "BPBP6JYNSN907", "202603")
    old_march = row[march]
    row[march] = "-2100.25"
    boj.files["bp_m_en.zip"] = zipped(as_csv(rows), "bp_m_en.csv")
    boj.files["regbp_q_en.zip"] = REGIONAL_ZIP.read_bytes()
    return old_march


def test_new_figures_give_a_pull_request_text(data_copy, boj, site):
    old_march = serve_newer(boj)
    result = run_refresh(data_copy, site, boj.url)
    assert result.returncode == refresh.CHANGED == 0, result.stderr
    written = outputs(site)
    assert written["outcome"] == "changed\n"
    assert "issue-body.md" not in written
    assert written["title.txt"] == (
        "New Bank of Japan figures: Edition of 2026-07-08 — Bank of Japan data to May 2026\n"
    )
    body = written["pr-body.md"]
    assert (
        "**Edition:** Edition of 2026-06-08 — Bank of Japan data to April 2026 → "
        "**Edition of 2026-07-08 — Bank of Japan data to May 2026**"
    ) in body
    # the change summary `make fetch` prints: the new month, the revision old → new
    assert "bp_m_en.csv of 2026-07-08" in body
    assert "BPBP6JYNSN907: 1 month added 2026-05, 1 revised; latest 2026-05" in body
    assert (
        f"revised  BPBP6JYNSN907 2026-03: {old_march} (2026-06-08, boj-bp-m-en-2026-06-08) → "
        "-2100.25 (2026-07-08, boj-bp-m-en-2026-07-08); old row kept"
    ) in body
    headline = body.split("Headline figures:")[1]
    # the new file dates the front page's data; one item's new month moves no total
    assert "su_month:" not in headline
    assert "su_data_as_of: 8 June 2026  →  8 July 2026" in headline
    # what changed in data/, file by file
    assert "| `data/boj_monthly.csv` | 2 rows added |" in body
    assert "| `data/sources.csv` | 1 row added |" in body
    assert "| `data/raw/boj/manifest.csv` | 1 row added |" in body
    assert "| `data/raw/boj/bp_m_en-2026-07-08.zip` | new file, " in body
    assert "boj_quarterly.csv" not in body.split("### What changes in data/")[1]
    assert f"With them `{CITATION_CHECK}` passed before this pull request" in body
    # the new figures are in data/, the citation names the new edition
    assert "BPBP6JYNSN907,2026-05,-2345.5,2026-07-08" in (data_copy / "boj_monthly.csv").read_text()
    citation = yaml.safe_load((data_copy.parent / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["version"] == "2026-07-08"


def test_a_failed_fetch_gives_an_issue_text_and_changes_nothing(data_copy, boj, site):
    served, message = broken("not-a-number")
    boj.files["bp_m_en.zip"] = served
    boj.files["regbp_q_en.zip"] = REGIONAL_ZIP.read_bytes()
    before = tree_digest(data_copy), tree_digest(site / "html")
    result = run_refresh(data_copy, site, boj.url)
    assert result.returncode == refresh.FAILED == 1
    assert result.stderr.startswith("REFRESH FAILED — data/ is unchanged.")
    assert (tree_digest(data_copy), tree_digest(site / "html")) == before
    assert not (data_copy.parent / "CITATION.cff").exists()
    written = outputs(site)
    assert written["outcome"] == "failed\n" and "pr-body.md" not in written
    assert written["title.txt"].startswith("Monthly refresh failed: ")
    assert message in written["title.txt"] + written["issue-body.md"]
    body = written["issue-body.md"]
    quoted = body.split("```text\n")[1].split("\n```")[0]
    assert message in quoted  # the error, quoted whole
    assert "The edition still published: Edition of 2026-06-08 — Bank of Japan data to" in body


def test_an_unreachable_server_gives_an_issue_text(data_copy, site):
    result = run_refresh(data_copy, site, "http://127.0.0.1:9")
    assert result.returncode == refresh.FAILED
    assert "connection refused" in outputs(site)["issue-body.md"]


def test_the_same_files_again_change_nothing(data_copy, boj, site):
    boj.files["bp_m_en.zip"] = MONTHLY_ZIP.read_bytes()
    boj.files["regbp_q_en.zip"] = REGIONAL_ZIP.read_bytes()
    before = tree_digest(data_copy), tree_digest(site / "html")
    result = run_refresh(data_copy, site, boj.url)
    assert result.returncode == refresh.UNCHANGED == 3, result.stderr
    assert "nothing changed: every value is already in data/" in result.stdout
    assert (tree_digest(data_copy), tree_digest(site / "html")) == before
    assert outputs(site) == {"outcome": "unchanged\n"}


def test_a_failing_check_puts_the_new_figures_back_and_gives_an_issue(data_copy, boj, site):
    serve_newer(boj)
    before = tree_digest(data_copy), tree_digest(site / "html")
    failing = f"{sys.executable} -c \"print('3 failed, 1200 passed'); raise SystemExit(2)\""
    result = run_refresh(data_copy, site, boj.url, check=failing)
    assert result.returncode == refresh.FAILED
    assert "3 failed, 1200 passed" in result.stdout  # the check's output is shown as it runs
    assert (tree_digest(data_copy), tree_digest(site / "html")) == before
    assert not (data_copy.parent / "CITATION.cff").exists()
    written = outputs(site)
    assert written["outcome"] == "failed\n"
    body = written["issue-body.md"]
    assert "3 failed, 1200 passed" in body.split("```text")[1]
    assert "(Edition of 2026-07-08 — Bank of Japan data to May 2026), but with them" in body
    assert "failed (exit status 2); they were not kept" in body
    assert "BPBP6JYNSN907: 1 month added 2026-05, 1 revised" in body


def test_a_site_the_check_rebuilt_is_put_back(tmp_path):
    site = tmp_path / "html"
    site.mkdir()
    (site / "index.html").write_text("as published")
    with refresh.site_kept(site) as put_back:
        (site / "index.html").write_text("built with refused figures")
        (site / "new.html").write_text("a page of the refused build")
        put_back()
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]
    assert (site / "index.html").read_text() == "as published"


@pytest.mark.parametrize("size", [100, refresh.BODY_LIMIT + 5000])
def test_a_body_stays_within_what_github_accepts(size):
    body = refresh.limited("x" * size)
    assert len(body) < 65_536
    assert ("cut at the length GitHub accepts" in body) == (size > refresh.BODY_LIMIT)
