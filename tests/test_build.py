"""A failed build says why and leaves the published site and the committed notebooks as
they were; publishing swaps a whole site in or nothing."""

import hashlib
import os
import re
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
import pytest
from conftest import line_of_row, replace_line

from digideficit.paths import CHAPTERS_DIR, ROOT, SITE_DIR
from digideficit.site import build


def tree_digest(path: Path) -> str:
    digest = hashlib.sha256()
    if path.exists():
        for file in sorted(p for p in path.rglob("*") if p.is_file()):
            digest.update(str(file.relative_to(path)).encode() + file.read_bytes())
    return digest.hexdigest()


def run_build(**env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "digideficit.site.build"],
        cwd=ROOT,
        text=True,
        capture_output=True,
        env={**os.environ, **env},
        timeout=600,
    )


@pytest.fixture
def untouched():
    """Asserts that the site and the chapters are byte-for-byte what they were."""
    before = tree_digest(SITE_DIR), tree_digest(CHAPTERS_DIR)
    yield
    assert (tree_digest(SITE_DIR), tree_digest(CHAPTERS_DIR)) == before


def test_bad_data_stops_the_build(data_copy, untouched):
    line = line_of_row(data_copy / "digital_services.csv", "2014,CY")
    replace_line(data_copy / "digital_services.csv", line, "-2.1", "-2,1")
    result = run_build(DIGIDEFICIT_DATA_DIR=str(data_copy))
    assert result.returncode == 1
    assert "data validation failed" in result.stderr
    assert f"digital_services.csv, line {line}" in result.stderr
    assert "previously published site" in result.stderr


def test_bad_parameter_stops_the_build_before_execution(tmp_path, untouched):
    bad = tmp_path / "params.yml"
    text = (ROOT / "params.yml").read_text()
    bad.write_text(text.replace("basis: 3-item-computer", "basis: 4-item"))
    result = run_build(DIGIDEFICIT_PARAMS=str(bad))
    assert result.returncode == 1
    assert "parameter `basis`: '4-item' is not one of 3-item-computer, 5-item" in result.stderr
    assert "executed" not in result.stdout


@pytest.mark.slow
def test_failing_notebook_stops_the_build(data_copy, untouched):
    # valid data with no total on the default basis at all: the chapters cannot compute
    path = data_copy / "digital_services.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    # (and no item rows or official months either, from which a total could be derived)
    kept = [line for line in lines[1:] if ",3-item-computer," not in line and ",item," not in line]
    path.write_text("".join([lines[0], *kept]), encoding="utf-8")
    months = data_copy / "boj_monthly.csv"
    months.write_text(months.read_text(encoding="utf-8").splitlines(keepends=True)[0], "utf-8")
    result = run_build(DIGIDEFICIT_DATA_DIR=str(data_copy))
    assert result.returncode == 1
    # the first chapter in reading order that needs the 3-item series is named with its cell
    assert re.search(r"chapters/[a-z-]+\.ipynb failed in cell \d+: \w+Error", result.stderr)


def make_site(path: Path, text: str) -> Path:
    path.mkdir(parents=True)
    (path / "index.html").write_text(text)
    return path


def test_publish_swaps_the_whole_site(tmp_path):
    site = make_site(tmp_path / "html", "old")
    build.publish(make_site(tmp_path / "new", "new"), site)
    assert (site / "index.html").read_text() == "new"
    assert not (tmp_path / "new").exists() and not (tmp_path / "html.old").exists()


def test_recover_restores_a_site_left_aside_by_a_killed_build(tmp_path):
    site = tmp_path / "html"
    make_site(tmp_path / "html.old", "old")
    build.recover(site)
    assert (site / "index.html").read_text() == "old"


def test_toc_lists_the_chapter_notebooks():
    names = [p.name for p in build.toc_notebooks()]
    assert names[0] == "summary.ipynb"  # the root comes first
    assert "definitions.ipynb" in names and "references.ipynb" in names
    # no chapter notebook is left out of the book
    assert sorted(names) == sorted(p.name for p in CHAPTERS_DIR.glob("*.ipynb"))


def truncate(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.rindex(",", 0, len(text) - 40)], encoding="utf-8")


def rename_column(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("value", "amount", 1), encoding="utf-8")


def edit_row(start: str, old: str, new: str):
    def edit(path: Path) -> None:
        replace_line(path, line_of_row(path, start), old, new)

    return edit


def duplicate_row(start: str):
    def edit(path: Path) -> None:
        line = path.read_text(encoding="utf-8").splitlines()[line_of_row(path, start) - 1]
        with path.open("a", encoding="utf-8") as handle:
            handle.write(line + "\n")

    return edit


@pytest.mark.parametrize(
    ("fault", "expected"),
    [
        (truncate, "truncated line"),
        (rename_column, "column is missing from the header"),
        (edit_row("2023,CY,digital_total,3-item,balance", "-55360", "n/a"), "is not a number"),
        (duplicate_row("2024,CY,digital_total,5-item"), "duplicates the key of line"),
        (edit_row("2022,CY,digital_total,3-item", "JPY_tn", "EUR_bn"), "must be one of"),
    ],
    ids=["truncated", "wrong-column", "non-numeric", "duplicate-key", "unit-change"],
)
def test_each_data_fault_stops_the_build_and_changes_nothing(data_copy, untouched, fault, expected):
    fault(data_copy / "digital_services.csv")
    data_before = tree_digest(data_copy)
    result = run_build(DIGIDEFICIT_DATA_DIR=str(data_copy))
    assert result.returncode == 1
    assert "data validation failed — nothing was built" in result.stderr
    assert "digital_services.csv" in result.stderr and expected in result.stderr
    assert tree_digest(data_copy) == data_before


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("horizon: 2035", "horizon: '2035'", "is a str, expected a int"),
        ("horizon: 2035", "horizon: 2050", "is outside 2026–2035"),
        ("growth: 0.1", "growth: 3", "is a int, expected a float"),
        ("currency: JPY", "currency: EUR", "'EUR' is not one of JPY, USD"),
    ],
)
def test_bad_parameter_is_caught_before_execution(tmp_path, untouched, old, new, expected):
    bad = tmp_path / "params.yml"
    text = (ROOT / "params.yml").read_text()
    assert old in text
    bad.write_text(text.replace(old, new))
    result = run_build(DIGIDEFICIT_PARAMS=str(bad))
    assert result.returncode == 1
    assert expected in result.stderr
    assert "executed" not in result.stdout


def test_chapters_run_in_parallel_without_sharing_ports(tmp_path):
    """Kernels talk over socket files named per chapter, so parallel workers cannot pick
    the same TCP port and wait for a kernel that never answers."""
    stage = tmp_path / "stage"
    (stage / "chapters").mkdir(parents=True)
    sockets = tmp_path / "sockets"
    sockets.mkdir()
    names = ["first", "second", "third"]
    for name in names:
        notebook = nbformat.v4.new_notebook()
        notebook.cells = [
            nbformat.v4.new_code_cell(
                "import json\nfrom ipykernel import get_connection_info\n"
                "print(json.loads(get_connection_info())['transport'])"
            )
        ]
        notebook.metadata["kernelspec"] = {"name": "python3", "language": "python"}
        nbformat.write(notebook, stage / "chapters" / f"{name}.ipynb")
    with ProcessPoolExecutor(max_workers=len(names)) as pool:
        futures = [
            pool.submit(build.execute, ROOT / "chapters" / f"{name}.ipynb", stage, {}, sockets)
            for name in names
        ]
        executed = [future.result()[0] for future in futures]
    for path in executed:
        printed = nbformat.read(path, as_version=4).cells[-1].outputs[0]["text"]
        assert printed.strip() == "ipc"
    # each kernel removed its socket files when it shut down
    assert not [p for p in sockets.rglob("*") if p.is_file() or p.is_socket()]
