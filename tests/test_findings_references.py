"""References: every source once, with the dates the sources file gives, grouped by kind."""

import csv
import re

import pytest

from digideficit.analysis.findings import references
from digideficit.paths import ROOT
from digideficit.site.figures import references as figures


def sources_file() -> list[dict]:
    with (ROOT / "data" / "sources.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def found():
    return references.findings(lang="en")


def test_every_source_once_with_its_published_and_accessed_dates(found):
    listed = found.frames["sources"].set_index("id")
    rows = sources_file()
    assert sorted(listed.index) == sorted(r["id"] for r in rows)
    for r in rows:
        assert listed.loc[r["id"], "published"] == r["date"]
        assert listed.loc[r["id"], "accessed"] == r["accessed"]
    kinds = list(found.frames["sources"]["kind"])
    order = [references.KIND_ORDER.index(k) for k in kinds]
    assert order == sorted(order)


def test_each_entry_shows_both_dates_and_keeps_its_anchor(found):
    shown = "".join(figures.sources(found, kind, "en").data for kind in references.KIND_ORDER)
    for r in sources_file():
        entry = re.search(rf'<li id="src-{re.escape(r["id"])}">(.*?)</li>', shown)
        assert entry, r["id"]
        assert "Published " in entry.group(1) and "; accessed " in entry.group(1)
    # a source dated by its month reads as the month, not a retrieval day
    jiji = re.search(r'<li id="src-jiji-2024-02-29">(.*?)</li>', shown).group(1)
    assert "Published 29 February 2024; accessed 24 November 2026" in jiji
    ja = figures.sources(found, "press", "ja").data
    assert "公表 2024年2月29日、閲覧 2026年11月24日" in ja


def test_the_page_names_articles_by_publisher_and_no_repository_paths(found):
    shown = "".join(figures.sources(found, kind, "en").data for kind in references.KIND_ORDER)
    visible = re.sub(r"<[^>]+>", " ", shown)
    assert not re.search(r"\bseed\b", visible, re.I)
    assert "data/raw/boj" not in visible and "manifest.csv" not in visible
    assert references.reader_name("biz360 (rewrite of a Nikkei Asia article; seed 003)") == (
        "biz360 (rewrite of a Nikkei Asia article)"
    )
    assert references.reader_name("AInvest (seed 000)") == "AInvest"


def test_counts_by_kind(found):
    rows = sources_file()
    assert found.values["rf_count"].n == len(rows)
    assert found.values["rf_official"].n == sum(r["kind"] == "official" for r in rows)
    assert found.values["rf_seed"].noun == "article"
