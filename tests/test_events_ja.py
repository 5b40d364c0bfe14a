"""The events in Japanese: every event of events.csv has its Japanese words (`event_ja`) and
every note its Japanese note (`note_ja`); a missing or English-only one fails validation
naming file, line and column; Japanese pages show them (timelines, tables, downloads, the
sources footer) while English pages stay as they were."""

import csv
import io
import json
import re
from html import escape

import pytest
from conftest import line_of_row, replace_line

from digideficit.analysis import charts, prose, timeline
from digideficit.analysis.findings import policy_response, trade_negotiations
from digideficit.site.figures import policy_response as policy_figures
from digideficit.site.figures import trade_negotiations as trade_figures
from digideficit.validated import data
from digideficit.validated.schema import DataValidationError

EVENTS = "events.csv"
ROW = "usjdta-in-force,"


def shown_in(text: str, page: str) -> bool:
    """Whether `text` is on the page, escaped as a table cell or as an attribute."""
    return any(escape(text, quote=quote) in page for quote in (False, True))


def problems_of(directory):
    with pytest.raises(DataValidationError) as caught:
        data.load(directory)
    return caught.value.problems


@pytest.fixture(scope="module")
def policy():
    return policy_response.findings()


@pytest.fixture(scope="module")
def trade():
    return trade_negotiations.findings()


def test_every_event_and_note_is_said_in_japanese(tables):
    events = tables.events
    assert events["event_ja"].str.contains(data.JAPANESE).all()
    noted = events["note"] != ""
    assert (noted == (events["note_ja"] != "")).all()
    assert events.loc[noted, "note_ja"].str.contains(data.JAPANESE).all()


def test_japanese_notes_leave_out_the_research_markers(tables):
    # '(11 count)', '(10 USD_bn)', 'partly verified' are the research log's, not the reader's
    said = " ".join(tables.events["event_ja"]) + " " + " ".join(tables.events["note_ja"])
    assert not re.search(r"\(\d[\d.,]* (count|percent|[A-Z]{3}_[a-z]+)\)", said)
    assert not re.search(r"partly verified|JPY_|USD_|\bcount\b", said)


def test_a_missing_japanese_event_is_named(data_copy):
    path = data_copy / EVENTS
    line = line_of_row(path, ROW)
    replace_line(path, line, ",日米デジタル貿易協定が発効,", ",,")
    [problem] = problems_of(data_copy)
    assert problem.file.endswith(EVENTS)
    assert (problem.line, problem.column) == (line, "event_ja")
    assert problem.rule == "must not be empty"
    assert f"events.csv, line {line}, column `event_ja`" in str(problem)


def test_an_english_event_ja_is_named(data_copy):
    path = data_copy / EVENTS
    line = line_of_row(path, ROW)
    replace_line(path, line, ",日米デジタル貿易協定が発効,", ",Agreement enters into force,")
    [problem] = problems_of(data_copy)
    assert (problem.line, problem.column, problem.value) == (
        line,
        "event_ja",
        "Agreement enters into force",
    )
    assert "Japanese" in problem.rule


def test_a_note_without_its_japanese_note_is_named(data_copy):
    path = data_copy / EVENTS
    line = line_of_row(path, "eo-14266-pause,")
    replace_line(path, line, ",10%の基本関税は維持", ",")
    [problem] = problems_of(data_copy)
    assert (problem.line, problem.column) == (line, "note_ja")
    assert "`note`" in problem.rule


def test_a_japanese_note_without_a_note_is_named(data_copy):
    path = data_copy / EVENTS
    line = line_of_row(path, ROW)
    replace_line(
        path, line, "日米デジタル貿易協定が発効,", "日米デジタル貿易協定が発効,公式の告知による"
    )
    [problem] = problems_of(data_copy)
    assert (problem.line, problem.column, problem.value) == (line, "note_ja", "公式の告知による")


def test_a_file_without_the_japanese_columns_is_named(data_copy):
    path = data_copy / EVENTS
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    kept = [i for i, name in enumerate(header) if name not in ("event_ja", "note_ja")]
    rows = list(csv.reader(io.StringIO("\n".join(lines))))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([[r[i] for i in kept] for r in rows])
    path.write_text(out.getvalue(), encoding="utf-8")
    problems = problems_of(data_copy)
    assert {(p.line, p.column, p.rule) for p in problems} == {
        (1, "event_ja", "column is missing from the header")
    }


def test_english_pages_keep_the_english_events(policy, trade):
    table = trade_figures.steps_table(trade).data
    chart = trade_figures.steps(trade).data
    for event in trade.frames["steps"]["event"]:
        assert shown_in(event, table)
    assert "日米デジタル貿易協定" not in table + chart
    assert "このページの出典" not in policy_figures.sources(policy).data


@pytest.mark.parametrize("which", ["policy-steps", "policy-companies", "trade"])
def test_japanese_pages_show_no_english_event(policy, trade, which):
    found, frame, shown = {
        "policy-steps": (policy, "steps", (policy_figures.steps, policy_figures.steps_table)),
        "policy-companies": (
            policy,
            "companies",
            (policy_figures.companies, policy_figures.companies_table),
        ),
        "trade": (trade, "steps", (trade_figures.steps, trade_figures.steps_table)),
    }[which]
    html = "".join(show(found, "ja").data for show in shown)
    rows = found.frames[frame]
    for _, row in rows.iterrows():
        assert not shown_in(row["event"], html), row["id"]
        assert row["note"] == "" or not shown_in(row["note"], html), row["id"]
        assert shown_in(row["event_ja"], html), row["id"]


def test_the_japanese_download_has_japanese_headers_and_units(trade):
    html = trade_figures.steps(trade, "ja").data
    tidy = json.loads(re.search(r'class="dd-tidy"[^>]*>(.*?)</script>', html, re.S).group(1))
    first = tidy[0]
    assert list(first) == [
        "ID",
        "分野",
        "日付",
        "出来事",
        "値",
        "単位",
        "数値",
        "数値の単位",
        "公表時点",
        "出典",
        "出典ID",
    ]
    assert {row["分野"] for row in tidy} == {"通商"}
    assert first["単位"].startswith("日付（")
    assert {row["数値の単位"] for row in tidy} <= {"", "%", "数", "10億ドル"}
    assert set(charts.TIDY_COLUMNS_JA.values()) <= set(first)
    # the English download is as before
    english = timeline.tidy(trade.frames["steps"])
    assert list(english.columns[:6]) == ["id", "track", "date", "event", "value", "unit"]


def test_japanese_axis_labels_are_cut_by_width():
    said = "日米デジタル貿易協定に署名：電子的送信への関税不賦課"
    assert timeline.short(said, wide=True) == "日米デジタル貿易協定に署名"
    assert timeline.short("あ" * 30, wide=True) == "あ" * 23 + "…"
    # English labels are cut as before, at a word boundary, Japanese names in them or not
    assert timeline.short("US–Japan Digital Trade Agreement signed: no duties") == (
        "US–Japan Digital Trade Agreement signed"
    )
    english = "Economic Security Promotion Act (経済安全保障推進法) enacted; promulgated"
    assert timeline.short(english) == "Economic Security Promotion Act (経済安全保障推進法)…"


def test_the_sources_footer_speaks_the_page_language(tables):
    cited = tables.events.head(2)
    english = prose.sources_footer(tables.sources, cited).data
    assert english.startswith(
        '<section class="dd-sources"><p><strong>Sources used on this page</strong> '
        "(full entries on the references page):</p><ul>"
    )
    japanese = prose.sources_footer(tables.sources, cited, lang="ja").data
    assert "<strong>このページの出典</strong>（詳細は参考文献のページ）：" in japanese
    assert "Sources used" not in japanese and "references page" not in japanese
    assert re.search(r"（\d{4}年(\d{1,2}月(\d{1,2}日)?)?）</a>", japanese)
    sources = tables.sources.set_index("id")
    if "publisher_ja" in sources.columns:
        for source_id in set(cited["source_id"]):
            assert shown_in(sources.loc[source_id, "publisher_ja"], japanese)
    with pytest.raises(ValueError, match="lang"):
        prose.sources_footer(tables.sources, cited, lang="fr")
