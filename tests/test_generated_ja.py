"""The pages the build writes into each book, in Japanese: the data page, what changed,
the "Reproduce this report" appendix and build health, and the two lines the Sphinx
extension adds to pages (the reproduce link, the PDF link). Each Japanese page is written
into the Japanese book, listed in its table of contents, carries the same links, files and
commands as the English one, and has no English sentence."""

import re
import shutil
from pathlib import Path

import nbformat
import pytest
import yaml

from digideficit.paths import ROOT
from digideficit.site import build, changes, datafiles, health, pdf, reproduce, sphinx_ext
from digideficit.validated import params

JAPANESE_CAPTIONS = {
    "The report": "本編",
    "Checking the record": "報道数値の検証",
    "About the numbers": "数字について",
}
JUNIT = """<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="pytest">
<testcase classname="chapters.summary.ipynb" name="Cell 0" time="0.1" />
<testcase classname="chapters.scenarios.ipynb" name="Cell 0" time="0.1" />
<testcase classname="chapters.scenarios.ipynb" name="Cell 3" time="0.1">
<failure message="x"/></testcase>
</testsuite></testsuites>
"""
PAGES = (datafiles.PAGE, changes.PAGE, reproduce.PAGE, health.PAGE)


def japanese_book(book: Path) -> list[Path]:
    """The Japanese book as the build stages it: its table of contents and its notebooks
    (the committed ones when the project has them; else each English chapter with a
    Japanese title and `lang = "ja"`). Returns its notebooks in reading order."""
    (book / "chapters").mkdir(parents=True)
    committed = ROOT / "ja" / "_toc.yml"
    if committed.exists():
        shutil.copyfile(committed, book / "_toc.yml")
        for notebook in build.toc_notebooks(ROOT / "ja"):
            shutil.copyfile(notebook, book / "chapters" / notebook.name)
    else:
        toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
        for part in toc["parts"]:
            part["caption"] = JAPANESE_CAPTIONS[part["caption"]]
        (book / "_toc.yml").write_text(
            yaml.safe_dump(toc, sort_keys=False, allow_unicode=True), encoding="utf-8"
        )
        for number, notebook in enumerate(build.toc_notebooks(), start=1):
            copy = nbformat.read(notebook, as_version=4)
            for cell in copy.cells:
                if cell.cell_type == "code":
                    cell.outputs = []
                    if "parameters" in cell.metadata.get("tags", []):
                        cell.source = re.sub(r'lang = "en"', 'lang = "ja"', cell.source)
                elif cell.source.startswith("# "):
                    cell.source = f"# 第{number}章" + "".join(cell.source.partition("\n")[1:])
            copy.metadata.get("papermill", {}).get("parameters", {})["lang"] = "ja"
            nbformat.write(copy, book / "chapters" / notebook.name)
    return build.toc_notebooks(book)


@pytest.fixture(scope="module")
def stage(tmp_path_factory):
    """Both books staged as the build does: the English one, then the Japanese one (its
    data files copied from the English book, the history of editions computed once)."""
    root = tmp_path_factory.mktemp("stage")
    shutil.copyfile(ROOT / "_toc.yml", root / "_toc.yml")
    ja = root / "ja"
    notebooks = japanese_book(ja)
    report = root / "report.xml"
    report.write_text(JUNIT, encoding="utf-8")
    runs = {
        lang: [health.Run(n.stem, 1.5, {"lang": lang}, "2026-06-09 10:00:00 UTC") for n in found]
        for lang, found in (("en", build.toc_notebooks()), ("ja", notebooks))
    }
    datafiles.add_to_book(root)
    history = changes.add_to_book(root)
    reproduce.add_to_book(root, build.toc_notebooks())
    health.add_to_book(root, runs["en"], report)
    datafiles.add_to_book(ja, lang="ja", files_from=root)
    changes.add_to_book(ja, lang="ja", history=history)
    reproduce.add_to_book(ja, notebooks, lang="ja")
    health.add_to_book(ja, runs["ja"], report, lang="ja")
    return root


def page(book: Path, name: str) -> str:
    return (book / f"{name}.md").read_text(encoding="utf-8")


def toc_files(book: Path) -> list[tuple[str, str]]:
    toc = yaml.safe_load((book / "_toc.yml").read_text(encoding="utf-8"))
    return [(part["caption"], entry["file"]) for part in toc["parts"] for entry in part["chapters"]]


FENCE = re.compile(r"```.*?```", re.S)
CODE = re.compile(r"`[^`\n]+`")
HREF = re.compile(r'href="([^"]+)"|\]\(([^)]+)\)')


def links(text: str) -> list[str]:
    return [a or b for a, b in HREF.findall(text)]


def code(text: str) -> list[str]:
    """Fenced blocks and code spans, in order (a fenced block's comments are words)."""
    blocks = [re.sub(r"#.*", "", block) for block in FENCE.findall(text)]
    return blocks + CODE.findall(FENCE.sub("", text))


def as_english(text: str) -> str:
    """A Japanese book's commands as the English book's: its notebooks are in ja/chapters
    and run with `-p lang ja`."""
    text = text.replace("ja/chapters", "chapters").replace("../../.venv", "../.venv")
    return text.replace("-p lang ja", "-p lang en").replace("`lang=ja`", "`lang=en`")


ENGLISH = re.compile(r"[A-Za-z][\w'’.-]*(?:[ ,]+[A-Za-z][\w'’.-]*){3,}")


def english_runs(text: str) -> list[str]:
    """Runs of four or more ASCII words outside code, links' addresses, HTML tags and
    labels: an English sentence left on a Japanese page."""
    text = CODE.sub(" ", FENCE.sub(" ", text))
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"^\([\w-]+\)=$", " ", text, flags=re.M)
    return ENGLISH.findall(text)


def test_english_runs_are_found():
    assert english_runs("数値は `a b c d` で、[x y z w](a.md)。") == ["x y z w"]
    assert english_runs("The figures are computed here.") == ["The figures are computed here."]
    assert english_runs("（[本報告の再現方法](reproduce.md)を参照）") == []


@pytest.mark.parametrize("name", PAGES)
def test_each_page_is_written_into_the_japanese_book(stage, name):
    text = page(stage / "ja", name)
    assert text.startswith("# ") and re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", text[:40])
    assert not english_runs(text), english_runs(text)


def test_the_japanese_pages_are_listed_as_the_english_ones(stage):
    english, japanese = toc_files(stage), toc_files(stage / "ja")
    assert [file for _caption, file in japanese] == [file for _caption, file in english]
    captions = dict(zip([c for c, _f in english], [c for c, _f in japanese], strict=True))
    assert captions[health.APPENDIX] == "付録"
    assert captions["About the numbers"] == "数字について"
    assert japanese[-2:] == [("付録", reproduce.PAGE), ("付録", health.PAGE)]
    assert ("数字について", datafiles.PAGE) in japanese
    files = [file for _caption, file in japanese]
    assert files.index(changes.PAGE) == files.index(changes.AFTER) + 1


def test_the_data_page_offers_the_same_files(stage):
    english, japanese = page(stage, datafiles.PAGE), page(stage / "ja", datafiles.PAGE)
    assert links(japanese) == links(english)
    assert table_shape(japanese) == table_shape(english)
    for href in links(japanese):
        copy, original = stage / "ja" / href, stage / href
        assert copy.read_bytes() == original.read_bytes(), href
    # the same counts, in the same rows; periods and dates as Japanese writes them
    assert "| 9,340 | 1996年1月～2026年4月 |" in japanese
    assert "2030～2035年" in japanese and " to " not in japanese
    assert "（zip、" in japanese and "KB）" in japanese


def table_shape(text: str) -> list[int]:
    return [line.count("|") for line in text.splitlines() if line.startswith("|")]


def test_a_book_can_carry_its_own_copy_of_the_files(stage, tmp_path, monkeypatch):
    # the series as the English book has them (computing them again takes seconds)
    def series(target):
        target.mkdir(parents=True, exist_ok=True)
        copied = {}
        for name in (datafiles.ANNUAL, datafiles.MONTHLY):
            copied[name] = target / name
            shutil.copyfile(stage / "_static" / datafiles.FILES_DIR / name, copied[name])
        return copied

    monkeypatch.setattr(datafiles, "write_series", series)
    shutil.copyfile(stage / "ja" / "_toc.yml", tmp_path / "_toc.yml")
    datafiles.add_to_book(tmp_path, lang="ja")
    assert page(tmp_path, datafiles.PAGE) == page(stage / "ja", datafiles.PAGE)
    for href in links(page(tmp_path, datafiles.PAGE)):
        assert (tmp_path / href).read_bytes() == (stage / href).read_bytes(), href


def test_what_changed_says_the_same_in_japanese(stage):
    english, japanese = page(stage, changes.PAGE), page(stage / "ja", changes.PAGE)
    assert japanese.startswith("# 改訂の記録\n")
    assert links(japanese) == links(english)
    assert code(japanese) == code(english)
    # one style: である, never です/ます
    assert not re.search(r"です|ます|でした|ません", japanese)


def test_the_appendix_has_the_same_commands_parameters_and_files(stage):
    english, japanese = page(stage, reproduce.PAGE), page(stage / "ja", reproduce.PAGE)
    assert links(japanese) == links(english)
    # the same commands, in the same order; every parameter, value and file English shows
    fenced = [block for block in code(english) if block.startswith("```")]
    assert [as_english(c) for c in code(japanese) if c.startswith("```")] == fenced
    assert set(code(english)) <= {as_english(c) for c in code(japanese)}
    # the Japanese book re-runs its own notebooks, in Japanese
    assert "cd ja/chapters\n../../.venv/bin/papermill summary.ipynb" in japanese
    assert "-p lang ja" in japanese and "-p lang en" not in japanese
    assert ".venv/bin/pytest ja/chapters --nbval" in japanese
    for chapter in reproduce.chapters(build.toc_notebooks(stage / "ja")):
        assert f"({reproduce.anchor(chapter.name)})=\n### {chapter.title}\n" in japanese
    assert not re.search(r"です|ます|でした|ません", japanese)


def test_every_parameter_is_explained_in_japanese():
    for chapter, rules in params.RULES.items():
        for name, rule in rules.items():
            said = reproduce.meaning(rule, "ja")
            assert said != rule.help and not english_runs(said), (chapter, name)
            assert not english_runs(reproduce.accepted(rule, "ja")), (chapter, name)
    assert reproduce.accepted(params.RULES["definitions"]["first_year"], "ja") == "2014～2035の整数"
    assert reproduce.accepted(params.LANG, "ja") == "`en`、`ja` のいずれか"


def test_build_health_lists_the_same_runs_and_files(stage):
    english, japanese = page(stage, health.PAGE), page(stage / "ja", health.PAGE)
    assert links(japanese) == links(english)
    assert table_shape(japanese) == table_shape(english)
    # the same parameters, data files and hashes
    rows = [line for line in english.splitlines() if line.startswith(("| `data/", "| ["))]
    assert [as_english(line) for line in japanese.splitlines() if line.startswith("| `data/")] == [
        line for line in rows if line.startswith("| `data/")
    ]
    assert [as_english(c) for c in code(japanese) if "=" in c] == [
        c for c in code(english) if "=" in c
    ]
    assert "| 合格 |" in japanese and "| 不合格（2セル中1セル） |" in japanese
    assert "| 当該テストでは未実行 |" in japanese


def test_the_line_that_ends_a_chapter_in_japanese():
    pathto = lambda name, *_: f"../{name}.html"  # noqa: E731
    english = sphinx_ext.reproduce_link(pathto, "scenarios")
    assert sphinx_ext.reproduce_link(pathto, "scenarios", "en") == english
    japanese = sphinx_ext.reproduce_link(pathto, "scenarios", "ja")
    assert links(japanese) == links(english) == ["../reproduce.html#reproduce-scenarios"]
    assert ">この章の再現方法</a>" in japanese and not english_runs(japanese)


def test_the_pdf_link_in_japanese_takes_the_size_of_the_pdf(tmp_path):
    pathto = lambda name, *_: f"../{name}"  # noqa: E731
    english = sphinx_ext.pdf_link(pathto)
    assert sphinx_ext.pdf_link(pathto, "en") == english
    assert sphinx_ext.PDF_TEXT in english
    japanese = sphinx_ext.pdf_link(pathto, "ja")
    assert links(japanese) == links(english)
    assert not english_runs(japanese)
    (tmp_path / "page.html").write_text(f"<html>{japanese}</html>", encoding="utf-8")
    assert pdf.link_size(tmp_path, sphinx_ext.PDF_TEXTS["ja"], 2_400_000) == 1
    assert "報告書全文をダウンロード (PDF, 2.4 MB)</a>" in (tmp_path / "page.html").read_text()
