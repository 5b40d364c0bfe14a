"""The Japanese edition's words for each source: the sources file gives every publisher's
Japanese name and every note in Japanese; validation names a row that lacks them; the
Japanese references page and Japanese glue use them, and the English page is unchanged."""

import csv
import html
import re

import pytest

from digideficit.analysis import quantities as q
from digideficit.analysis import wording
from digideficit.analysis.findings import references
from digideficit.paths import ROOT
from digideficit.site.figures import references as figures
from digideficit.validated import data
from digideficit.validated.schema import DataValidationError

SOURCES = "sources.csv"
# what a reader should not meet in a note: the project's own file paths and source ids
FILE_NAME = re.compile(r"[\w./-]+\.(?:csv|zip|json|xlsx?|ipynb|txt)\b")


def rows(path=ROOT / "data" / SOURCES) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def set_cell(path, source_id: str, column: str, value: str) -> int:
    """Writes `value` into `column` of the row of `source_id`; returns its line."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        columns, table = reader.fieldnames, list(reader)
    line = next(i for i, r in enumerate(table, start=2) if r["id"] == source_id)
    table[line - 2][column] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)
    return line


def problems_of(directory):
    with pytest.raises(DataValidationError) as caught:
        data.load(directory)
    return caught.value.problems


def with_note(filled: bool) -> str:
    return next(r["id"] for r in rows() if bool(r["note"]) == filled)


def test_every_source_has_a_japanese_publisher_and_a_japanese_note_where_it_has_a_note():
    source_ids = [r["id"] for r in rows()]
    ids = set(source_ids)
    for r in rows():
        assert r["publisher_ja"].strip(), r["id"]
        assert bool(r["note_ja"].strip()) == bool(r["note"].strip()), r["id"]
        if r["note_ja"]:
            assert re.search(data.JAPANESE, r["note_ja"]), r["id"]
        for text in (r["publisher_ja"], r["note_ja"]):
            # the project's own words stay out: article numbers, stored files, source ids
            assert not re.search(r"\bseed\b", text, re.I), r["id"]
            assert not FILE_NAME.search(re.sub(r"https?://\S+", "", text)), r["id"]
            assert not [i for i in ids if re.search(rf"(?<![\w/.-]){re.escape(i)}\b", text)]


def test_japanese_notes_are_not_english_sentences():
    """Names, titles quoted in “…” and addresses aside, a note has no run of English words."""
    for r in rows():
        text = re.sub(r"https?://\S+|“[^”]*”|\([^)]*\)", " ", r["note_ja"])
        run = re.search(r"(?:\b[A-Za-z][a-z]+\b[ ,]+){4,}[A-Za-z]+", text)
        assert not run, (r["id"], run and run.group(0))


@pytest.mark.parametrize(
    ("column", "value", "says"),
    [
        ("publisher_ja", "", "must not be empty"),
        ("note_ja", "", "must not be empty where `note` is filled"),
        ("note_ja", "figures after the annual revision", "must be written in Japanese"),
    ],
)
def test_a_row_without_its_japanese_words_is_named(data_copy, column, value, says):
    line = set_cell(data_copy / SOURCES, with_note(True), column, value)
    [problem] = problems_of(data_copy)
    assert problem.file.endswith(SOURCES)
    assert (problem.line, problem.column) == (line, column)
    assert says in problem.rule


def test_a_japanese_note_without_a_note_is_named(data_copy):
    line = set_cell(data_copy / SOURCES, with_note(False), "note_ja", "注記。")
    [problem] = problems_of(data_copy)
    assert (problem.line, problem.column, problem.value) == (line, "note_ja", "注記。")
    assert "must be empty where `note` is" in problem.rule


def test_a_header_without_the_japanese_columns_is_named(data_copy):
    path = data_copy / SOURCES
    table = rows(path)
    with path.open("w", encoding="utf-8", newline="") as handle:
        columns = [c for c in table[0] if c not in ("publisher_ja", "note_ja")]
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows({c: r[c] for c in columns} for r in table)
    problems = problems_of(data_copy)
    assert {(p.line, p.column) for p in problems} == {(1, "publisher_ja")}
    assert all("missing from the header" in p.rule for p in problems)


def test_japanese_pages_name_publishers_from_the_sources_file_only():
    """A publisher's Japanese name is the sources file's, whether a page gives the name in
    full or without its parenthesis; wording's own short list holds only publishers the
    sources file does not name, so the two cannot disagree."""
    listed = wording.publisher_names_ja()
    assert not [name for name in wording.PUBLISHER_NAMES_JA if name in listed]
    for r in rows():
        assert wording.say(q.Publisher(r["publisher"]), "ja") == r["publisher_ja"]
        assert wording.say(q.Publisher(r["publisher"]), "en") == r["publisher"]
    shortened: dict[str, set[str]] = {}
    for r in rows():
        short = wording.READ_VIA.sub("", r["publisher"])
        if short != r["publisher"]:
            shortened.setdefault(short, set()).add(wording.READ_VIA_JA.sub("", r["publisher_ja"]))
    # one Japanese name for each shortened English one, whichever row it is read from
    assert {k: v for k, v in shortened.items() if len(v) > 1} == {}
    said = {k: wording.say(q.Publisher(k), "ja") for k in shortened}
    assert said["Jiji Press"] == "時事通信"
    assert said["Cabinet Office, Economic and Social Research Institute"] == (
        "内閣府経済社会総合研究所"
    )


@pytest.fixture(scope="module")
def found():
    return references.findings(lang="ja")


def entries(found, lang: str) -> dict[str, str]:
    shown = "".join(figures.sources(found, kind, lang).data for kind in references.KIND_ORDER)
    return dict(re.findall(r'<li id="src-([^"]+)">(.*?)</li>', shown))


def test_the_japanese_references_page_gives_publishers_and_notes_in_japanese(found):
    shown = entries(found, "ja")
    for r in rows():
        entry = html.unescape(re.sub(r"<[^>]+>", "", shown[r["id"]]))
        assert entry.startswith(r["publisher_ja"]), r["id"]
        if r["note_ja"]:
            assert r["note_ja"].rstrip("。") in entry, r["id"]
        if r["note"]:
            english = references.reader_note(r["note"], {})
            assert english[:40] not in entry, r["id"]
    jiji = re.sub(r"<[^>]+>", "", shown["jiji-2024-02-29"])
    assert jiji.startswith("時事通信「デジタル赤字、5.5兆円")
    assert "日本語の見出しは5.5兆円。" in jiji


def test_the_english_references_page_keeps_its_english_words(found):
    shown = entries(found, "en")
    jiji = shown["jiji-2024-02-29"]
    assert jiji.startswith("<strong>Jiji Press.</strong> <em>")
    assert "Japanese headline 5.5兆円; the English text" in jiji
    assert "時事通信" not in "".join(shown.values())
