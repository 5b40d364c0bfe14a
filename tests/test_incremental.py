"""Incremental builds: a chapter is executed again only when its inputs change (content
hashes, not timestamps); a build killed mid-way leaves the published site as it was."""

import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from conftest import line_of_row, replace_line
from test_build import tree_digest

from digideficit.paths import CHAPTERS_DIR, ROOT
from digideficit.site import incremental

# every chapter of both editions (the Japanese book has a twin of each English chapter)
CHAPTERS = len(
    list(CHAPTERS_DIR.glob("*.ipynb")) + list((ROOT / "ja" / "chapters").glob("*.ipynb"))
)


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


def started(build_dir: Path, **env) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "digideficit.site.build"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "DIGIDEFICIT_BUILD_DIR": str(build_dir), **env},
        start_new_session=True,
    )


def killed(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    process.stdout.close()


# what the build prints once every chapter is executed or reused, before the book is built
EXECUTION_DONE = "  wrote downloads for "


def execution_of(build_dir: Path, **env) -> str:
    """What a build prints up to the end of execution, where it is stopped: the chapters it
    executes and reuses are known then, and the book and the PDF are not needed."""
    process = started(build_dir, **env)
    lines = []
    try:
        for line in process.stdout:
            lines.append(line)
            if line.startswith(EXECUTION_DONE):
                break
        else:
            pytest.fail(f"the build ended before executing its chapters: {''.join(lines)}")
    finally:
        killed(process)
    return "".join(lines)


def counts(result) -> tuple[int, int]:
    stdout = result if isinstance(result, str) else result.stdout
    return stdout.count("  executed "), stdout.count("  reused ")


@dataclass
class Built:
    """A clean build on a copy of the data, in a folder of its own."""

    out: Path
    data: Path
    result: subprocess.CompletedProcess
    chapters_before: str  # the committed notebooks, before it ran

    def copy(self, target: Path) -> tuple[Path, dict]:
        """A copy of the build and of its data, to change: (build folder, environment)."""
        shutil.copytree(self.out, target / "build", symlinks=True)
        shutil.copytree(self.data, target / "data")
        return target / "build", {"DIGIDEFICIT_DATA_DIR": str(target / "data")}


@pytest.fixture(scope="module")
def clean_build(tmp_path_factory) -> Built:
    """The one clean build of this module, which the tests below start from or compare with;
    each copies it before changing anything."""
    folder = tmp_path_factory.mktemp("clean")
    shutil.copytree(ROOT / "data", folder / "data")
    chapters_before = tree_digest(CHAPTERS_DIR)
    result = build(folder / "build", DIGIDEFICIT_DATA_DIR=str(folder / "data"))
    return Built(folder / "build", folder / "data", result, chapters_before)


@pytest.mark.slow
def test_only_changed_chapters_run_again(tmp_path, clean_build):
    # from nothing, every chapter is executed
    assert counts(clean_build.result) == (CHAPTERS, 0)
    out, env = clean_build.copy(tmp_path)
    assert "nothing changed" in build(out, **env).stdout

    params = tmp_path / "params.yml"
    params.write_text((ROOT / "params.yml").read_text().replace("horizon: 2035", "horizon: 2030"))
    changed = execution_of(out, DIGIDEFICIT_PARAMS=str(params), **env)
    # the chapter in both editions: they share their parameters
    assert counts(changed) == (2, CHAPTERS - 2)
    assert "executed chapters/scenarios.ipynb" in changed
    assert "executed ja/chapters/scenarios.ipynb" in changed

    data = Path(env["DIGIDEFICIT_DATA_DIR"])
    line = line_of_row(data / "context.csv", "2024,CY,travel_balance")
    replace_line(data / "context.csv", line, "record", "record (edited note)")
    assert counts(execution_of(out, DIGIDEFICIT_PARAMS=str(params), **env)) == (CHAPTERS, 0)
    # builds from other inputs never overwrite the committed notebooks
    assert tree_digest(CHAPTERS_DIR) == clean_build.chapters_before


@pytest.mark.slow
def test_killed_build_leaves_site_and_data_intact(tmp_path, clean_build):
    out, env = clean_build.copy(tmp_path)
    data_copy = Path(env["DIGIDEFICIT_DATA_DIR"])
    site_before = tree_digest(out / "html")
    line = line_of_row(data_copy / "context.csv", "2024,CY,travel_balance")
    replace_line(data_copy / "context.csv", line, "record", "record (edited)")
    data_before = tree_digest(data_copy)
    process = started(out, **env)
    first = process.stdout.readline()  # the first chapter has finished: others are running
    assert "executed" in first
    killed(process)
    time.sleep(0.5)
    assert tree_digest(out / "html") == site_before
    assert tree_digest(data_copy) == data_before
    # the next build starts over from the leftovers and publishes
    assert counts(build(out, **env))[0] >= 1
    assert (out / "html" / "index.html").exists()
    shutil.rmtree(out)


def published_build_of_the_same_inputs(clean: Path) -> Path | None:
    """The build `make test` made before the tests (_build), when its inputs are those of
    `clean` (the same site key: data, parameters, notebooks, code and book files)."""
    published = ROOT / "_build"
    key = published / "site.key"
    if key.exists() and key.read_text() == (clean / "site.key").read_text():
        return published
    return None


@pytest.mark.slow
def test_two_clean_builds_give_identical_charts_and_numbers(tmp_path, clean_build):
    """The module's clean build against a second build of the same inputs: the one `make test`
    made into _build (its chapters executed by another process, maybe at another time), or
    else a second clean build here."""
    from digideficit.site import downloads, notebooks

    second = published_build_of_the_same_inputs(clean_build.out)
    if second is None:
        second = tmp_path / "two"
        build(second, DIGIDEFICIT_DATA_DIR=str(clean_build.data))
    results = []
    for out in (clean_build.out, second):
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
