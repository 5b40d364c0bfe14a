"""The claims ledger in Japanese: every claim's explanation has its Japanese words
(`explanation_ja`, the report's own, with no figure the English does not state); a missing or
English-only one fails validation naming file, line and column; the Japanese page shows them,
the publishers' Japanese names and the quotes marked as the articles' own words, while the
English page stays as it was."""

import calendar
import csv
import dataclasses
import html
import io
import json
import re

import pytest
from conftest import line_of_row, replace_line

from digideficit.analysis.findings import claims_ledger
from digideficit.paths import ROOT
from digideficit.site.figures import claims_ledger as figures
from digideficit.validated import data
from digideficit.validated.schema import DataValidationError

CLAIMS = "claims.csv"
ROW = "s004-tariff-date,"
SAID = "大統領令14257号の日付は2025年4月2日である。"
# four English words in a row: a sentence left untranslated
ENGLISH_RUN = re.compile(r"(?:\b[A-Za-z][A-Za-z'’-]*\b[ ,;:]+){3,}[A-Za-z][A-Za-z'’-]*")
# an English number word or month, and the figure Japanese writes for it
NUMBER_WORDS = {
    "twice": "2",
    "tripled": "3",
    **{calendar.month_name[m]: str(m) for m in range(1, 13)},
}


def rows() -> list[dict]:
    with (ROOT / "data" / CLAIMS).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def problems_of(directory):
    with pytest.raises(DataValidationError) as caught:
        data.load(directory)
    return caught.value.problems


def figures_stated(english: str) -> set[str]:
    """The figures an English explanation states, as Japanese notation may write them:
    dates by their parts (2025-08-05 → 2025, 8, 5), ¥ billions in 億 (¥24 billion → 240),
    a fiscal year with its months (fiscal 2024 → April 2024 to March 2025)."""
    found = {n.replace(",", "") for n in re.findall(r"\d[\d,.]*\d|\d", english)}
    for date in re.findall(r"\d{4}-\d{2}(?:-\d{2})?", english):
        found |= {str(int(part)) for part in date.split("-")}
    for amount in re.findall(r"¥([\d.]+) billion", english):
        found.add(f"{float(amount) * 10:g}")
    for year in re.findall(r"fiscal[- ](\d{4})", english):
        found |= {year, str(int(year) + 1), "4", "3"}
    found |= {n for word, n in NUMBER_WORDS.items() if word in english}
    return found


def test_every_explanation_is_said_in_japanese():
    for r in rows():
        said = r["explanation_ja"]
        assert re.search(data.JAPANESE, said), r["claim_id"]
        # the report's own words, in である調, not English sentences
        assert not ENGLISH_RUN.search(said), (r["claim_id"], ENGLISH_RUN.search(said))
        assert said.endswith("。"), r["claim_id"]
        assert not re.search(r"です|ます", said), r["claim_id"]


def test_japanese_explanations_state_no_figure_the_english_does_not():
    for r in rows():
        stated = figures_stated(r["explanation"])
        # a publication's Japanese title (『令和6年版 情報通信白書』) states no figure
        untitled = re.sub(r"『[^』]*』", " ", r["explanation_ja"])
        for figure in re.findall(r"\d[\d,.]*\d|\d", untitled):
            assert figure.replace(",", "") in stated, (r["claim_id"], figure)


def test_a_missing_japanese_explanation_is_named(data_copy):
    path = data_copy / CLAIMS
    line = line_of_row(path, ROW)
    replace_line(path, line, f",{SAID}", ",")
    [problem] = problems_of(data_copy)
    assert problem.file.endswith(CLAIMS)
    assert (problem.line, problem.column) == (line, "explanation_ja")
    assert problem.rule == "must not be empty"
    assert f"claims.csv, line {line}, column `explanation_ja`" in str(problem)


def test_an_english_explanation_ja_is_named(data_copy):
    path = data_copy / CLAIMS
    line = line_of_row(path, ROW)
    replace_line(path, line, f",{SAID}", ",Executive Order 14257 is dated 2025-04-02.")
    [problem] = problems_of(data_copy)
    assert (problem.line, problem.column, problem.value) == (
        line,
        "explanation_ja",
        "Executive Order 14257 is dated 2025-04-02.",
    )
    assert "Japanese" in problem.rule


def test_a_file_without_the_japanese_column_is_named(data_copy):
    path = data_copy / CLAIMS
    table = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    kept = [i for i, name in enumerate(table[0]) if name != "explanation_ja"]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([[r[i] for i in kept] for r in table])
    path.write_text(out.getvalue(), encoding="utf-8")
    problems = problems_of(data_copy)
    assert {(p.line, p.column, p.rule) for p in problems} == {
        (1, "explanation_ja", "column is missing from the header")
    }


def test_the_data_package_describes_the_japanese_column():
    package = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    [resource] = [r for r in package["resources"] if r["path"] == CLAIMS]
    with (ROOT / "data" / CLAIMS).open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert [f["name"] for f in resource["schema"]["fields"]] == header


@pytest.fixture(scope="module")
def found():
    return claims_ledger.findings(lang="ja")


def visible(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def test_the_japanese_ledger_says_each_claim_in_japanese(found):
    shown = figures.ledger(found, "ja").data
    ledger = found.frames["ledger"]
    text = visible(shown)
    for _, row in ledger.iterrows():
        assert row["explanation_ja"] in text, row["claim_id"]
        assert row["explanation"] not in text, row["claim_id"]
        # the article as Japanese readers know it; its words quoted as written, marked so
        assert row["article_ja"] in text, row["claim_id"]
        assert f"原文：「{row['quote']}」" in text, row["claim_id"]
    assert "rewrite of" not in text
    assert "原文のまま" in text
    # beyond the quotes (and the reference's notation), no English sentence is left
    unquoted = re.sub(r"「[^」]*」", " ", text)
    assert not ENGLISH_RUN.search(unquoted), ENGLISH_RUN.search(unquoted)


def test_the_japanese_chart_and_its_download_are_in_japanese(found):
    shown = figures.verdicts(found, "ja").data
    tidy = json.loads(re.search(r'class="dd-tidy"[^>]*>(.*?)</script>', shown, re.S).group(1))
    assert list(tidy[0]) == ["判定", "値", "単位", "公表時点", "出典"]
    assert [r["判定"] for r in tidy] == ["正しい", "定義・時点の違い", "誤り", "検証できない"]
    assert {r["単位"] for r in tidy} == {"件"}
    assert {r["出典"] for r in tidy} == {"本報告の主張検証表"}
    caption = visible(re.search(r"<figcaption.*?</figcaption>", shown, re.S).group(0))
    assert re.search(r"正しい\d+件、定義・時点の違い\d+件、", caption)
    assert not ENGLISH_RUN.search(visible(shown)), ENGLISH_RUN.search(visible(shown))


def test_the_english_page_keeps_its_english_words():
    english = claims_ledger.findings(lang="en")
    ledger_html = figures.ledger(english, "en").data
    chart = figures.verdicts(english, "en").data
    for _, row in english.frames["ledger"].iterrows():
        assert html.escape(row["explanation"]) in ledger_html, row["claim_id"]
        assert html.escape(f"“{row['quote']}”") in ledger_html, row["claim_id"]
    assert "原文" not in ledger_html and "本報告" not in chart
    tidy = json.loads(re.search(r'class="dd-tidy"[^>]*>(.*?)</script>', chart, re.S).group(1))
    assert list(tidy[0]) == ["verdict", "value", "unit", "vintage", "source"]
    assert tidy[1]["verdict"] == "differs by definition or vintage"
    assert {r["source"] for r in tidy} == {"claims ledger of this report"}
    assert {r["unit"] for r in tidy} == {"claims"}
    assert re.search(r"by verdict: holds: \d+ claims; differs", chart)


def test_a_claim_under_review_is_marked_in_the_page_language(found):
    ledger = found.frames["ledger"].copy()
    ledger.loc[0, "under_review"] = True
    marked = dataclasses.replace(found, frames={**found.frames, "ledger": ledger})
    assert "（見直し中）" in figures.ledger(marked, "ja").data
    assert " (under review)" in figures.ledger(marked, "en").data
