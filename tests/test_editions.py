"""Editions: named by the Bank of Japan file they are built on, the same name on the site, the
PDF, the citation and CITATION.cff; and the "What changed" page, which sets an edition
against the one before it from the vintages the data keep — tried on the committed data
(one file: the first edition, said honestly) and on a copy given a second, later file."""

import csv
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from digideficit.analysis import changes, edition
from digideficit.paths import ROOT
from digideficit.site import changes as page
from digideficit.site import editions, pdf
from digideficit.validated import data

LATER = "2026-07-08"
LATER_SOURCE = "boj-bp-m-en-2026-07-08"
REGIONAL, REGIONAL_SOURCE = "2026-08-12", "boj-regbp-q-en-2026-08-12"
COMPUTER = {"balance": "BPBP6JYNSN9072", "receipts": "BPBP6JYNSC9072", "payments": "BPBP6JYNSD9072"}
# what the later file revises, ¥100 million on computer services' balance: December 2023 by
# enough to bring 2023 to the ¥5.35 trillion a claim was found to differ from (so the claim
# goes under review), June 2025 to move the headline year by ¥0.1 trillion
REVISED = {"2023-12": Decimal("5977"), "2025-06": Decimal("-1000")}


def add_later_file(directory) -> None:
    """A second monthly file in a copy of data/, as `make fetch` would write it: May 2026 for
    every series (TEST FIXTURE: April's values repeated), computer services revised in two
    months (the balance with the receipts or the payments, so that receipts − payments still
    holds and no gross flow turns negative), and its row in sources.csv."""
    path = directory / "boj_monthly.csv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    latest = {(r["code"], r["period"]): r["value"] for r in rows}
    new = [
        (code, "2026-05", value) for (code, period), value in latest.items() if period == "2026-04"
    ]
    for period, change in REVISED.items():
        flow, moved = ("receipts", change) if change > 0 else ("payments", -change)
        for code, by in ((COMPUTER["balance"], change), (COMPUTER[flow], moved)):
            new.append((code, period, str(Decimal(latest[(code, period)]) + by)))
    with path.open("a", encoding="utf-8") as handle:
        for code, period, value in new:
            handle.write(f"{code},{period},{value},{LATER},{LATER_SOURCE}\n")
    # and a regional file published after the monthly one, revising one quarter
    with (directory / "boj_quarterly.csv").open("a", encoding="utf-8") as handle:
        handle.write(f"BPBP6QSDEE96,2025-Q4,27.5,{REGIONAL},{REGIONAL_SOURCE}\n")
    sources = directory / "sources.csv"
    with sources.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = {r["id"]: r for r in reader}
        columns = reader.fieldnames
    monthly = rows["boj-bp-m-en-2026-06-08"] | {"id": LATER_SOURCE, "date": LATER}
    regional = rows["boj-regbp-q-en-2026-05-13"] | {"id": REGIONAL_SOURCE, "date": REGIONAL}
    with sources.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        for row in (monthly, regional):
            writer.writerow(row | {"accessed": "2026-08-13"})


@pytest.fixture(scope="module")
def later(tmp_path_factory):
    """A copy of data/ with a second, later monthly file: its folder, tables and history."""
    directory = tmp_path_factory.mktemp("later") / "data"
    shutil.copytree(ROOT / "data", directory)
    add_later_file(directory)
    tables = data.load(directory)
    return directory, tables, changes.history(tables)


@pytest.fixture
def two_editions(later):
    return later[1]


@pytest.fixture(scope="module")
def committed():
    tables = data.load()
    return tables, changes.history(tables)


def test_the_edition_is_named_by_the_newest_file_and_its_latest_month(tables):
    named = edition.edition(tables)
    assert named.date == str(tables.boj_monthly["vintage"].max()) == "2026-06-08"
    assert named.latest_month == str(tables.boj_monthly["period"].max()) == "2026-04"
    assert named.label() == "Edition of 2026-06-08 — Bank of Japan data to April 2026"
    assert named.label("ja") == "2026年6月8日版 — 日本銀行データ 2026年4月まで"
    with pytest.raises(ValueError, match="language 'fr'"):
        named.label("fr")


def test_a_later_file_makes_a_later_edition_and_the_earlier_one_stays_in_the_data(two_editions):
    assert edition.editions(two_editions) == ["2026-06-08", LATER]
    assert edition.edition(two_editions).label() == (
        "Edition of 2026-07-08 — Bank of Japan data to May 2026"
    )
    earlier = edition.as_of(two_editions, "2026-06-08")
    assert edition.edition(earlier).label() == edition.edition(data.load()).label()
    assert len(earlier.boj_monthly) == len(data.load().boj_monthly)
    # the months also stand in the digital-services table: those of the later file go too
    assert "boj-20260708" in set(two_editions.digital_services["vintage"])
    assert "boj-20260708" not in set(earlier.digital_services["vintage"])
    assert earlier.digest is None  # nothing is cached under the full data's digest


def test_without_a_monthly_file_the_edition_is_dated_by_its_newest_source(tables):
    empty = edition.as_of(tables, "2000-01-01")
    named = edition.edition(empty)
    sources = tables.sources
    assert named.date == sources.loc[sources["kind"] != "seed", "date"].max()
    assert named.latest_month is None
    assert named.label() == f"Edition of {named.date}"


def test_the_citation_names_the_edition(tables):
    text = edition.cite(tables, "5-item")
    assert (
        "edition of 2026-06-08 (Bank of Japan data to April 2026); digital balance on the " in text
    )
    assert text.endswith("basis of 5 items (telecom / computer / information split).")
    assert "data/" not in text
    assert text.startswith("The digital-deficit report team, *Japan's digital trade deficit")


def test_the_committed_citation_file_is_what_the_committed_data_make():
    committed = (ROOT / editions.CITATION).read_text(encoding="utf-8")
    assert committed == edition.citation_file(data.load()), "run `make citation`"
    fields = yaml.safe_load(committed)
    assert fields["version"] == fields["date-released"] == "2026-06-08"
    assert "Edition of 2026-06-08 — Bank of Japan data to April 2026" in fields["abstract"]


def check_citation_file(path) -> subprocess.CompletedProcess:
    validator = Path(sys.executable).with_name("check-jsonschema")  # pinned in requirements.txt
    return subprocess.run(
        [str(validator), "--builtin-schema", "vendor.citation-file-format", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_citation_file_passes_the_citation_file_format_schema(tmp_path):
    result = check_citation_file(ROOT / editions.CITATION)
    assert result.returncode == 0, result.stdout + result.stderr
    broken = tmp_path / editions.CITATION
    text = (ROOT / editions.CITATION).read_text(encoding="utf-8")
    broken.write_text(text.replace("date-released:", "released:"), encoding="utf-8")
    refused = check_citation_file(broken)
    assert refused.returncode == 1 and "released" in refused.stdout


def test_the_citation_file_follows_new_data(later):
    directory, two_editions, _history = later
    assert editions.citation_path() == ROOT / editions.CITATION
    target = directory.parent / editions.CITATION
    assert editions.write_citation(two_editions, target)
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["version"] == LATER
    assert not editions.write_citation(two_editions, target)  # the same data: unchanged


def test_every_page_and_the_pdf_cover_carry_the_edition(tmp_path):
    stage = tmp_path / "book"
    stage.mkdir()
    (stage / "_config.yml").write_bytes((ROOT / "_config.yml").read_bytes())
    named = editions.stage(stage)
    config = yaml.safe_load((stage / "_config.yml").read_text(encoding="utf-8"))
    context = config["sphinx"]["config"]["html_context"]
    assert context["dd_edition"] == named.label() and context["default_mode"] == "light"
    japanese = tmp_path / "ja"
    japanese.mkdir()
    (japanese / "_config.yml").write_bytes((ROOT / "_config.yml").read_bytes())
    editions.stage(japanese, lang="ja")
    config = yaml.safe_load((japanese / "_config.yml").read_text(encoding="utf-8"))
    assert config["sphinx"]["config"]["html_context"]["dd_edition"] == named.label("ja")
    template = (ROOT / "_templates" / "dd-edition.html").read_text(encoding="utf-8")
    for name in ("layout.html", "search.html"):
        assert '{%- include "dd-edition.html" %}' in (ROOT / "_templates" / name).read_text("utf-8")
    assert "{{ dd_edition }}" in template and "pathto('what-changed')" in template
    assert "{{ dd_what_changed }}" in template
    cover = pdf.contents_html([("Summary", 2)], "2026-06-08", [named.label(), named.label("ja")])
    assert f'<p class="edition" lang="en">{named.label()}</p>' in cover
    assert f'<p class="edition" lang="ja">{named.label("ja")}</p>' in cover


# the "What changed" page


def test_one_edition_says_it_is_the_first(committed):
    tables, history = committed
    text = page.markdown(tables, history)
    assert text.startswith("# What changed\n\n*Edition of 2026-06-08 — Bank of Japan data to")
    assert "This is the first edition built on the Bank of Japan's monthly file" in text
    assert "Later editions will list here the months each new file adds" in text
    assert "against that of" not in text  # no comparison without a second file
    # the headline figures, as the summary states them
    assert "2025, gives a deficit of ¥6.60 trillion on the basis of 3 items with computer" in text
    assert "the twelve months to April 2026 a deficit of ¥6.49 trillion" in text
    # figures others published are not the report's series: no list of their revisions
    # passes for a change of this edition
    assert "first reported" not in text and "gldaily.com" not in text
    assert "No claim of the [claims ledger](chapters/claims-ledger.ipynb) is under review" in text


def test_one_edition_in_japanese(committed):
    tables, history = committed
    text = page.markdown(tables, history, lang="ja")
    assert text.startswith("# 改訂の記録\n\n*2026年6月8日版 — 日本銀行データ 2026年4月まで*")
    assert "これは日本銀行の月次ファイルに基づく最初の版である" in text
    assert "2025年のデジタル関連収支（コンピュータサービスのみの3項目）は6.60兆円の赤字" in text
    assert "2026年4月までの12か月は6.49兆円の赤字" in text
    with pytest.raises(ValueError, match="language"):
        page.markdown(tables, history, lang="de")


def test_a_later_file_is_set_against_the_edition_before(later):
    _directory, two_editions, history = later
    comparison = history.comparisons[0]
    assert [s.edition.date for s in history.snapshots] == [LATER, "2026-06-08"]
    assert {r.period for r in comparison.monthly.revised} == set(REVISED)
    assert comparison.monthly.added_periods() == ["2026-05"]
    # the regional file is newer than the monthly one: the current edition holds it
    assert not len(comparison.quarterly.added)
    assert [(r.code, r.period, r.before, r.after) for r in comparison.quarterly.revised] == [
        ("BPBP6QSDEE96", "2025-Q4", "26.90956102", "27.5")
    ]
    # the headline year moves by exactly the revision of its June
    before, after = comparison.earlier.headline, comparison.later.headline
    assert Decimal(after.year_total) - Decimal(before.year_total) == REVISED["2025-06"] / 10_000
    # 2023 now agrees with the claim the ledger found to differ: it goes under review
    assert [(c.claim_id, c.newly) for c in comparison.claims] == [("s003-2023", True)]

    text = page.markdown(two_editions, history)
    assert "*Edition of 2026-07-08 — Bank of Japan data to May 2026*" in text
    assert "## The edition of 2026-07-08 against that of 2026-06-08" in text
    assert "This is the first edition" not in text
    assert "the file of 2026-06-08 ran to April 2026" in text
    assert (
        "The latest complete calendar year, 2025, stands at a deficit of ¥6.70 trillion "
        "(from ¥6.60 trillion; a revision of -¥100.0 billion to the balance)."
    ) in text
    # the previous edition's twelve months hold the revised June: they move too
    assert (
        "The previous edition's latest twelve months, to April 2026, gave a deficit of ¥6.49 "
        "trillion; the new file revises them to a deficit of ¥6.59 trillion"
    ) in text
    assert (
        "The new file adds May 2026 for 31 series (31 values) and revises 4 values already "
        "published, in 3 series, from December 2023 to June 2025."
    ) in text
    # the month table: each month where the editions differ, old → new; the new one marked
    assert "| December 2023 | -4,997.2 | 979.8 | +5,977.0 |" in text
    assert "| June 2025 | -4,247.9 | -5,247.9 | -1,000.0 |" in text
    assert "| May 2026 | — | -6,206.5 | new |" in text
    # the revised values, largest first, under the series' official names
    revisions = text[text.index("The largest revisions") :]
    assert revisions.index("| Computer services/Net balance | December 2023 |") < revisions.index(
        "| Computer services/Net balance | June 2025 | -1,307.5 | -2,307.5 | -1,000.0 |"
    )
    assert "| Computer services/Credit | December 2023 | 1,112.8 | 7,089.8 | +5,977.0 |" in text
    assert "The regional quarterly file revises 1 value." in text
    assert "1 claim of the [claims ledger](chapters/claims-ledger.ipynb) is under review" in text
    assert "| s003-2023 | differs by definition or vintage | 5.95 | 5.35 | holds |" in text


def test_a_later_file_in_japanese(later):
    _directory, two_editions, history = later
    text = page.markdown(two_editions, history, lang="ja")
    assert "*2026年7月8日版 — 日本銀行データ 2026年5月まで*" in text
    assert "## 2026年7月8日版と2026年6月8日版の比較" in text
    assert "2025年は、6.70兆円の赤字となった（前版は6.60兆円、差は-1,000.0億円）" in text
    assert "新しいファイルは31系列に2026年5月の値（計31個）を加え" in text
    assert "| コンピュータサービス/ネット | 2025年6月 | -1,307.5 | -2,307.5 | -1,000.0 |" in text
    assert "地域別の四半期ファイルは1個の値を改訂している。" in text
    assert "| s003-2023 | 定義・時点の違い | 5.95 | 5.35 | 成り立つ |" in text


def test_the_page_is_listed_after_data_and_methods(tmp_path, committed):
    tables, _history = committed
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    about = toc["parts"][-1]["chapters"]
    files = [entry["file"] for entry in about]
    assert files.index(page.PAGE) == files.index(page.AFTER) + 1
    # a table of contents without it (a merge that dropped the line) is given it there
    del about[files.index(page.PAGE)]
    (tmp_path / "_toc.yml").write_text(yaml.safe_dump(toc), encoding="utf-8")
    page.add_to_book(tmp_path, tables)
    staged = yaml.safe_load((tmp_path / "_toc.yml").read_text(encoding="utf-8"))
    assert [e["file"] for e in staged["parts"][-1]["chapters"]] == files
    assert (tmp_path / f"{page.PAGE}.md").read_text(encoding="utf-8").startswith("# What changed")
