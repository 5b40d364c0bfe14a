"""The "Reproduce this report" appendix, and what the Sphinx extension does to each page:
the line that links a chapter to its section of the appendix, and table cells marked as
figures, periods or sentences for tables that read at 390 px and in the PDF."""

import nbformat
import pytest
import yaml

from digideficit.paths import ROOT
from digideficit.site import build, health, reproduce, sphinx_ext
from digideficit.site.reproduce import params


@pytest.fixture(scope="module")
def chapters():
    return reproduce.chapters(build.toc_notebooks())


def test_every_chapter_has_its_section_with_every_parameter(chapters):
    text = reproduce.markdown(chapters, health.PAGE)
    assert text.startswith(f"# {reproduce.TITLE}\n")
    for chapter in chapters:
        assert f"({reproduce.anchor(chapter.name)})=\n### {chapter.title}\n" in text
        assert f"chapters/{chapter.name}.ipynb" in text
        assert f'href="_static/notebooks/{chapter.name}.ipynb" download' in text
        for name in params.RULES[chapter.name]:
            assert f"| `{name}` | `{chapter.used[name]}` |" in text, (chapter.name, name)
        assert f"papermill {chapter.name}.ipynb /tmp/{chapter.name}.ipynb -k python3" in text
    # how to rebuild, the nbval check and the data files, and the way to build health
    for words in ("make book", "make test", "--nbval", "data/boj_monthly.csv", "build-health.md"):
        assert words in text, words


def test_values_used_come_from_papermill_then_params_then_the_notebook(tmp_path):
    notebook = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell('basis = None\nfirst_year = None\nlang = "en"')
    cell.metadata["tags"] = ["parameters", "hide-input"]
    notebook.cells = [nbformat.v4.new_markdown_cell("# Definitions: a title"), cell]
    notebook.metadata["papermill"] = {"parameters": {"basis": "5-item"}}
    path = tmp_path / "definitions.ipynb"
    nbformat.write(notebook, path)
    (found,) = reproduce.chapters([path], {"definitions": {"basis": "x", "first_year": 2016}})
    assert found.title == "Definitions: a title"
    assert found.used == {"basis": "5-item", "first_year": 2016, "lang": "en"}
    command = reproduce.command(found)
    assert command.endswith("-p basis 5-item -p first_year 2016 -p lang en")


def test_a_value_with_spaces_is_quoted_in_the_command():
    chapter = reproduce.Chapter("claims-ledger", "Ledger", {"verdict": "wrong", "lang": "en"})
    assert "-p verdict wrong" in reproduce.command(chapter)
    chapter.used["verdict"] = "differs by definition or vintage"
    assert "-p verdict 'differs by definition or vintage'" in reproduce.command(chapter)


def test_the_appendix_is_a_part_of_its_own_and_build_health_follows(tmp_path, chapters):
    stage = tmp_path / "stage"
    stage.mkdir()
    (stage / "_toc.yml").write_text((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    reproduce.add_to_book(stage, build.toc_notebooks())
    health.add_to_book(stage, [], tmp_path / "no-report.xml")
    toc = yaml.safe_load((stage / "_toc.yml").read_text(encoding="utf-8"))
    assert toc["parts"][-1] == {
        "caption": "Appendix",
        "chapters": [{"file": reproduce.PAGE}, {"file": health.PAGE}],
    }
    assert (stage / f"{reproduce.PAGE}.md").exists()


def test_the_pdf_prints_the_appendix_but_not_build_health():
    order = build.reading_order(ROOT)
    assert order[-1] == f"{reproduce.PAGE}.html"
    assert f"{health.PAGE}.html" not in order


def test_a_chapter_ends_with_one_line_to_its_section():
    line = sphinx_ext.reproduce_link(lambda name, *_: f"../{name}.html", "scenarios")
    assert 'href="../reproduce.html#reproduce-scenarios"' in line
    assert ">How to reproduce this chapter</a>" in line
    assert "papermill" not in line and ".ipynb" not in line


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("2014", "dd-num"),
        ("FY2024", "dd-num"),
        ("FY2024-H1", "dd-num"),
        ("2026-04", "dd-num"),
        ("2014–2025", "dd-num"),
        ("April 2026", "dd-num"),
        ("2024年度", "dd-num"),
        ("-65,959", "dd-num"),
        ("¥6.60 trillion", "dd-num"),
        ("+12.5%", "dd-num"),
        ("-5.9477 (5-item)", "dd-num"),
        ("yes", ""),
        ("3-item-computer", ""),
        ("", "empty"),
        ("—", "empty"),
        ("ZAKZAK / Yukan Fuji (via Infoseek News) (2024-12)", "dd-text"),
        ("サービス/その他サービス/通信・コンピュータ・情報サービス/受取", "dd-long"),
        (
            "The same sum as 5 items; equal to the official figure at the precision it is printed.",
            "dd-long",
        ),
    ],
)
def test_cells_are_told_apart(text, kind):
    assert sphinx_ext.cell_kind(f"<p>{text}</p>") == kind


def test_a_table_is_marked_cell_by_cell_and_column_by_column():
    table = (
        '<table class="table"><thead><tr style="text-align: right;"><th>year</th><th>item</th>'
        "<th>balance, ¥100 million</th><th>2025</th></tr></thead><tbody>"
        "<tr><td>2024</td><td>computer services</td><td>-16,015</td><td></td></tr>"
        '<tr><td>2025</td><td>2025</td><td>—</td><td class="dd-num x">1</td></tr>'
        "</tbody></table>"
    )
    marked = sphinx_ext.mark_tables(f"<p>2024</p>{table}")
    assert marked.startswith("<p>2024</p>")  # only tables are touched
    assert '<th class="dd-num-head">year</th>' in marked
    assert "<th>item</th>" in marked
    assert '<th class="dd-num-head">balance, ¥100 million</th>' in marked
    assert '<th class="dd-num">2025</th>' in marked  # a year as a heading
    assert '<td class="dd-num">2024</td><td>computer services</td>' in marked
    assert '<td class="dd-num">2025</td><td class="dd-nowrap">2025</td>' in marked
    assert '<td class="dd-num">-16,015</td><td></td>' in marked
    assert '<td class="dd-num x">1</td>' in marked  # a chapter's own marks are kept


def test_pages_leave_out_the_download_tables():
    body = (
        '<figure><script type="application/json" class="dd-spec" data-for="chart-a">{}</script>'
        '<script type="application/json" class="dd-tidy" data-for="chart-a">[{"value": 1}]'
        "</script></figure>"
    )
    assert sphinx_ext.TIDY.sub("", body) == (
        '<figure><script type="application/json" class="dd-spec" data-for="chart-a">{}</script>'
        "</figure>"
    )


def test_the_japanese_book_reruns_its_own_notebooks_in_japanese():
    chapter = reproduce.Chapter("scenarios", "シナリオ", {"method": "trend", "lang": "ja"})
    assert reproduce.command(chapter, "ja") == (
        "cd ja/chapters\n../../.venv/bin/papermill scenarios.ipynb /tmp/scenarios.ipynb "
        "-k python3 \\\n    -p method trend -p lang ja"
    )
    assert reproduce.command(chapter).startswith("cd chapters\n../.venv/bin/papermill ")
    assert reproduce.nbval("ja").startswith(".venv/bin/pytest ja/chapters --nbval ")
    assert reproduce.nbval() == reproduce.NBVAL
    section = "\n".join(reproduce.chapter_section(chapter, "ja"))
    assert (
        "| `method` | `trend` | `trend`、`constant-growth` のいずれか | 赤字の将来推計の方法 |"
        in (section)
    )
    assert "`ja/chapters/scenarios.ipynb`" in section
