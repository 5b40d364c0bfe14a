"""The package's folders follow the pipeline, and its imports respect the order of the stages:
sources → validated → analysis → site, with `validated` as the vocabulary every stage shares."""

import ast
import json
import subprocess
import sys

import digideficit
from digideficit.paths import CHAPTERS_DIR, ROOT

PACKAGE = ROOT / "src" / "digideficit"
SHARED = {"paths"}
# which stages each stage may import (besides itself and `paths`)
MAY_IMPORT = {
    "validated": set(),
    "sources": {"validated"},
    "analysis": {"validated"},
    "site": {"validated", "analysis"},
}
# the commands that run the whole pipeline end by showing headline moves and rebuilding
PIPELINE_COMMANDS = {"sources/update.py", "sources/fetch/__main__.py", "sources/refresh.py"}


def imported_stages(source: str) -> set[str]:
    """The first component below `digideficit` of every package import in some code."""
    stages = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] if node.module != "digideficit" else []
            names += [f"digideficit.{a.name}" for a in node.names if node.module == "digideficit"]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        stages |= {n.split(".")[1] for n in names if n.startswith("digideficit.")}
    return stages


def modules():
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def test_every_module_lives_in_a_stage():
    top_level = {p.name for p in PACKAGE.glob("*.py")}
    assert top_level == {"__init__.py", "__main__.py", "paths.py"}
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert folders == set(digideficit.STAGES) == set(MAY_IMPORT)


def test_each_stage_imports_only_the_stages_before_it():
    wrong = []
    for path in modules():
        relative = path.relative_to(PACKAGE).as_posix()
        stage = relative.split("/")[0]
        if stage not in MAY_IMPORT or relative in PIPELINE_COMMANDS:
            continue
        beyond = (
            imported_stages(path.read_text(encoding="utf-8")) - MAY_IMPORT[stage] - {stage} - SHARED
        )
        if beyond:
            wrong.append(f"{relative} imports {sorted(beyond)}")
    assert not wrong, "\n".join(wrong)


def test_chapters_read_validated_data_and_never_fetch_or_build():
    for notebook in sorted(CHAPTERS_DIR.glob("*.ipynb")):
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        stages = imported_stages(code)
        assert stages, f"{notebook.name} imports nothing from the package"
        assert "sources" not in stages, f"{notebook.name} imports the sources stage"
        assert stages <= {"validated", "analysis", "site", "paths"}, notebook.name


def test_the_layering_check_catches_a_backward_import():
    probe = "from digideficit.site import build\nimport digideficit.sources.update\n"
    assert imported_stages(probe) == {"site", "sources"}
    assert imported_stages("from digideficit import analysis, paths\n") == {"analysis", "paths"}


def test_one_entry_point_names_every_command():
    listed = subprocess.run(
        [sys.executable, "-m", "digideficit"], capture_output=True, text=True, check=True
    ).stdout
    for command in ("update", "fetch", "refresh", "build", "release", "citation", "bench"):
        assert f"  {command} " in listed
        shown = subprocess.run(
            [sys.executable, "-m", "digideficit", command, "--help"],
            capture_output=True,
            text=True,
        )
        assert shown.returncode == 0, shown.stderr
        assert f"usage: digideficit {command}" in shown.stdout
    unknown = subprocess.run(
        [sys.executable, "-m", "digideficit", "publish"], capture_output=True, text=True
    )
    assert unknown.returncode == 2 and "no command 'publish'" in unknown.stderr
