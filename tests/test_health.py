"""The build-health page: nbval results read from a JUnit report, every chapter listed."""

import yaml

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


def test_page_lists_every_chapter_with_its_parameters(tmp_path):
    runs = [health.Run(n.stem, 1.5, {"basis": "3-item"}, "now") for n in build.toc_notebooks()]
    text = health.markdown(runs, tmp_path / "no-report.xml")
    for notebook in build.toc_notebooks():
        assert f"[{notebook.stem}](chapters/{notebook.stem}.ipynb)" in text
    assert "`basis=3-item`" in text and "data/claims.csv" in text
    # without a test run the page says so once, not in every row
    assert "No test run has been recorded" in text
    assert "nbval in the last test run" not in text and "no result" not in text


def test_nbval_column_once_a_test_run_is_recorded(tmp_path):
    report = tmp_path / "report.xml"
    report.write_text(JUNIT)
    runs = [health.Run(n, 1.0, {}, "now") for n in ("summary", "scenarios", "definitions")]
    rows = [line for line in health.markdown(runs, report).splitlines() if "](chapters/" in line]
    assert [row.rsplit("|", 2)[-2].strip() for row in rows] == [
        "passed",
        "failed (1 of 2 cells)",
        "not in that run",
    ]


def test_the_page_follows_the_appendix_page(tmp_path):
    (tmp_path / "_toc.yml").write_text(
        "format: jb-book\nroot: chapters/summary\nparts:\n"
        "  - caption: The report\n    chapters:\n      - file: chapters/definitions\n"
        f"  - caption: {health.APPENDIX}\n    chapters:\n      - file: {health.REPRODUCE}\n"
        "  - caption: Something later\n    chapters:\n      - file: other\n"
    )
    health.add_to_book(tmp_path, [], tmp_path / "no-report.xml")
    toc = yaml.safe_load((tmp_path / "_toc.yml").read_text())
    appendix = next(part for part in toc["parts"] if part["caption"] == health.APPENDIX)
    assert appendix["chapters"] == [{"file": health.REPRODUCE}, {"file": health.PAGE}]
    assert (tmp_path / f"{health.PAGE}.md").exists()


def test_built_site_has_the_health_page():
    page = (SITE_DIR / "build-health.html").read_text(encoding="utf-8")
    for notebook in build.toc_notebooks():
        assert f"chapters/{notebook.stem}.html" in page


def test_nbval_results_in_japanese(tmp_path):
    report = tmp_path / "report.xml"
    report.write_text(JUNIT)
    results, _stamp = health.nbval_results(report, "ja")
    assert results == {"summary": "合格", "scenarios": "不合格（2セル中1セル）"}
