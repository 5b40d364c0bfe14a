"""The build-health page: nbval results read from a JUnit report, every chapter listed."""

from digideficit.paths import SITE_DIR
from digideficit.site import build, health

JUNIT = """<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="pytest">
<testcase classname="chapters.summary.ipynb" name="Cell 0" time="0.1" />
<testcase classname="chapters.summary.ipynb" name="Cell 1" time="0.1" />
<testcase classname="chapters.scenarios.ipynb" name="Cell 0" time="0.1" />
<testcase classname="chapters.scenarios.ipynb" name="Cell 3" time="0.1">
<failure message="x"/></testcase>
<testcase classname="tests.test_growth" name="test_cagr" time="0.1" />
</testsuite></testsuites>
"""


def test_nbval_results_per_chapter(tmp_path):
    report = tmp_path / "report.xml"
    report.write_text(JUNIT)
    results, stamp = health.nbval_results(report)
    assert results == {"summary": "passed", "scenarios": "failed (1 of 2 cells)"}
    assert stamp and stamp.endswith("UTC")


def test_no_report_means_no_result(tmp_path):
    assert health.nbval_results(tmp_path / "missing.xml") == ({}, None)


def test_page_lists_every_chapter_with_its_parameters():
    runs = [health.Run(n.stem, 1.5, {"basis": "3-item"}, "now") for n in build.toc_notebooks()]
    text = health.markdown(runs, SITE_DIR / "no-report.xml")
    for notebook in build.toc_notebooks():
        assert f"[{notebook.stem}](chapters/{notebook.stem}.ipynb)" in text
    assert "`basis=3-item`" in text and "data/claims.csv" in text
    assert "No test run has been recorded" in text


def test_built_site_has_the_health_page():
    page = (SITE_DIR / "build-health.html").read_text(encoding="utf-8")
    for notebook in build.toc_notebooks():
        assert f"chapters/{notebook.stem}.html" in page
