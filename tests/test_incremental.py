"""Incremental builds: a chapter is executed again only when its inputs change (content
hashes, not timestamps); a build killed mid-way leaves the published site as it was."""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from conftest import line_of_row, replace_line
from test_build import tree_digest

from digideficit.paths import CHAPTERS_DIR, ROOT
from digideficit.site import incremental

CHAPTERS = len(list(CHAPTERS_DIR.glob("*.ipynb")))


def test_notebook_digest_ignores_outputs_and_injected_parameters(tmp_path):
    original = CHAPTERS_DIR / "scenarios.ipynb"
    notebook = nbformat.read(original, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    notebook.cells = [
        c for c in notebook.cells if "injected-parameters" not in c.metadata.get("tags", [])
    ]
    stripped = tmp_path / "stripped.ipynb"
    nbformat.write(notebook, stripped)
    assert incremental.notebook_digest(stripped) == incremental.notebook_digest(original)
    notebook.cells[0].source += " Edited."
    nbformat.write(notebook, stripped)
    assert incremental.notebook_digest(stripped) != incremental.notebook_digest(original)


def test_key_follows_parameters_and_shared_inputs():
    notebook = CHAPTERS_DIR / "scenarios.ipynb"
    base = incremental.key(notebook, {"horizon": 2035}, "data-v1")
    assert incremental.key(notebook, {"horizon": 2035}, "data-v1") == base
    assert incremental.key(notebook, {"horizon": 2030}, "data-v1") != base
    assert incremental.key(notebook, {"horizon": 2035}, "data-v2") != base


def build(build_dir: Path, **env) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-m", "digideficit.site.build"],
        cwd=ROOT,
        text=True,
        capture_output=True,
        env={**os.environ, "DIGIDEFICIT_BUILD_DIR": str(build_dir), **env},
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result


def counts(result) -> tuple[int, int]:
    return result.stdout.count("  executed "), result.stdout.count("  reused ")


@pytest.mark.slow
def test_only_changed_chapters_run_again(tmp_path, data_copy):
    committed = tree_digest(CHAPTERS_DIR)
    out = tmp_path / "build"
    env = {"DIGIDEFICIT_DATA_DIR": str(data_copy)}
    assert counts(build(out, **env)) == (CHAPTERS, 0)
    assert "nothing changed" in build(out, **env).stdout

    params = tmp_path / "params.yml"
    params.write_text((ROOT / "params.yml").read_text().replace("horizon: 2035", "horizon: 2030"))
    changed = build(out, DIGIDEFICIT_PARAMS=str(params), **env)
    assert counts(changed) == (1, CHAPTERS - 1)
    assert "executed chapters/scenarios.ipynb" in changed.stdout

    line = line_of_row(data_copy / "context.csv", "2024,CY,travel_balance")
    replace_line(data_copy / "context.csv", line, "record", "record (edited note)")
    assert counts(build(out, DIGIDEFICIT_PARAMS=str(params), **env)) == (CHAPTERS, 0)
    # builds from other inputs never overwrite the committed notebooks
    assert tree_digest(CHAPTERS_DIR) == committed


@pytest.mark.slow
def test_killed_build_leaves_site_and_data_intact(tmp_path, data_copy):
    out = tmp_path / "build"
    env = {"DIGIDEFICIT_DATA_DIR": str(data_copy)}
    build(out, **env)
    site_before, data_before = tree_digest(out / "html"), tree_digest(data_copy)
    line = line_of_row(data_copy / "context.csv", "2024,CY,travel_balance")
    replace_line(data_copy / "context.csv", line, "record", "record (edited)")
    data_before = tree_digest(data_copy)
    process = subprocess.Popen(
        [sys.executable, "-m", "digideficit.site.build"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "DIGIDEFICIT_BUILD_DIR": str(out), **env},
        start_new_session=True,
    )
    first = process.stdout.readline()  # the first chapter has finished: others are running
    assert "executed" in first
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    process.stdout.close()
    time.sleep(0.5)
    assert tree_digest(out / "html") == site_before
    assert tree_digest(data_copy) == data_before
    # the next build starts over from the leftovers and publishes
    assert counts(build(out, **env))[0] >= 1
    assert (out / "html" / "index.html").exists()
    shutil.rmtree(out)


@pytest.mark.slow
def test_two_clean_builds_give_identical_charts_and_numbers(tmp_path, data_copy):
    from digideficit.site import downloads, notebooks

    env = {"DIGIDEFICIT_DATA_DIR": str(data_copy)}
    results = []
    for name in ("one", "two"):
        out = tmp_path / name
        build(out, **env)
        executed = sorted((out / ".cache").glob("*.ipynb"))
        assert len(executed) == CHAPTERS
        results.append(
            (
                sorted(notebooks.glued(p).items() for p in executed),
                sorted(str(downloads.specs_in(p)) for p in executed),
                tree_digest(out / "html" / "_static" / "downloads"),
            )
        )
    glued, specs, files = zip(*results, strict=True)
    assert glued[0] == glued[1]
    assert specs[0] == specs[1]
    assert files[0] == files[1]
