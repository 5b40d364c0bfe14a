"""The "Reproduce this report" appendix: how to rebuild the report, re-run any chapter with
papermill and other parameters (a table per chapter: each parameter, the value this edition
used, the values accepted and what it means), check the committed outputs with nbval, and
which data files every figure comes from.

It is the one page of the report that shows commands, parameters and file names: each
chapter ends with a single line linking to its own section here (`sphinx_ext`). Written
into the staged book at each build from the executed notebooks, like the data page, and
listed with the build-health page in a last part of the table of contents, "Appendix".
"""

from __future__ import annotations

import ast
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
import yaml

from digideficit.site import health
from digideficit.site.sphinx_ext import NOTEBOOKS
from digideficit.validated import data, params

PAGE = health.REPRODUCE
TITLE = health.REPRODUCE_TITLE
CAPTION = health.APPENDIX
NBVAL = (
    ".venv/bin/pytest chapters --nbval --nbval-current-env "
    "--nbval-sanitize-with tests/nbval_sanitize.cfg"
)


def anchor(chapter: str) -> str:
    """The id of a chapter's section on the page (a MyST label before its heading)."""
    return f"reproduce-{chapter}"


@dataclass
class Chapter:
    name: str  # the notebook's stem
    title: str
    used: dict[str, Any]  # every parameter the chapter takes, with the value it ran with


def title_of(notebook: nbformat.NotebookNode, fallback: str) -> str:
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def notebook_defaults(notebook: nbformat.NotebookNode) -> dict[str, Any]:
    """The values the notebook's `parameters` cell assigns (None: 'from params.yml')."""
    found: dict[str, Any] = {}
    for cell in notebook.cells:
        if cell.cell_type == "code" and "parameters" in cell.metadata.get("tags", []):
            for node in ast.parse(cell.source).body:
                if isinstance(node, ast.Assign) and len(node.targets) == 1:
                    target = node.targets[0]
                    if isinstance(target, ast.Name):
                        try:
                            found[target.id] = ast.literal_eval(node.value)
                        except ValueError:
                            continue
    return found


# what a chapter runs with when neither papermill, params.yml nor the notebook sets a value
UNSET = {"lang": "en"}


def values_used(notebook: nbformat.NotebookNode, chapter: str, defaults: dict) -> dict[str, Any]:
    """Each parameter the chapter takes (`params.RULES`), with the value it ran with: the one
    papermill passed, else the default in params.yml, else the notebook's own (as `lang`)."""
    injected = notebook.metadata.get("papermill", {}).get("parameters", {})
    own = notebook_defaults(notebook)
    used = {}
    for name in params.RULES.get(chapter, {}):
        for source in (injected, defaults.get(chapter, {}), own, UNSET):
            if source.get(name) is not None:
                used[name] = source[name]
                break
        else:
            used[name] = None
    return used


def chapters(executed: list[Path], defaults: dict | None = None) -> list[Chapter]:
    """The chapters in reading order, from their executed notebooks."""
    defaults = params.defaults() if defaults is None else defaults
    found = []
    for path in executed:
        notebook = nbformat.read(path, as_version=4)
        found.append(
            Chapter(
                path.stem, title_of(notebook, path.stem), values_used(notebook, path.stem, defaults)
            )
        )
    return found


def accepted(rule: params.Rule) -> str:
    if rule.choices is not None:
        return "one of " + ", ".join(f"`{choice}`" for choice in rule.choices)
    kind = {int: "a whole number", float: "a number", str: "text", bool: "true or false"}
    shown = kind.get(rule.kind, rule.kind.__name__)
    if rule.low is not None and rule.high is not None:
        return f"{shown} from {rule.low} to {rule.high}"
    return shown


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def command(chapter: Chapter) -> str:
    options = " ".join(
        f"-p {name} {shlex.quote(str(value))}"
        for name, value in chapter.used.items()
        if value is not None
    )
    line = f"../.venv/bin/papermill {chapter.name}.ipynb /tmp/{chapter.name}.ipynb -k python3"
    return f"cd chapters\n{line}" + (f" \\\n    {options}" if options else "")


def chapter_section(chapter: Chapter) -> list[str]:
    rules = params.RULES.get(chapter.name, {})
    lines = [
        f"({anchor(chapter.name)})=",
        f"### {chapter.title}",
        "",
        f"[The chapter](chapters/{chapter.name}.ipynb) is the notebook "
        f"`chapters/{chapter.name}.ipynb`, executed when this edition was built: "
        f'<a href="{NOTEBOOKS}/{chapter.name}.ipynb" download>download the executed notebook '
        "(code and outputs)</a>.",
        "",
    ]
    if rules:
        lines += [
            "| parameter | value used | accepted values | meaning |",
            "|---|---|---|---|",
            *[
                f"| `{name}` | `{cell(chapter.used.get(name))}` | {cell(accepted(rule))} "
                f"| {cell(rule.help)} |"
                for name, rule in rules.items()
            ],
            "",
            "To run it again with other values (change any `-p` line):",
        ]
    else:
        lines += ["It takes no parameters. To run it again:"]
    lines += ["", "```bash", command(chapter), "```", ""]
    return lines


def data_rows() -> list[tuple[str, str, int]]:
    """Every data file: its name, what it holds (from datapackage.json) and its rows."""
    import json

    from digideficit.paths import data_dir

    described = {
        r["path"]: r.get("title", "")
        for r in json.loads((data_dir() / "datapackage.json").read_text(encoding="utf-8"))[
            "resources"
        ]
    }
    rows = []
    for filename, _spec in data.FILES.values():
        with (data_dir() / filename).open(encoding="utf-8") as handle:
            count = max(sum(1 for line in handle if line.strip()) - 1, 0)
        rows.append((filename, described.get(filename, ""), count))
    return rows


def markdown(found: list[Chapter], health_page: str | None = None) -> str:
    lines = [
        f"# {TITLE}",
        "",
        "Every number, table and chart in this report is computed, at each build, from the "
        "data files listed at the end of this page by the chapters' notebooks. This page says "
        "how to rebuild the report, how to re-run any chapter with other parameters, and how "
        "the committed outputs are checked.",
        "",
        "## Rebuild the report",
        "",
        "From a copy of the project, on Debian or Ubuntu with Python 3 and `make`:",
        "",
        "```bash",
        "make book   # installs what it needs, executes every chapter, builds the site and PDF",
        "make test   # builds, then runs every test: data, analysis, chapters, nbval, browser",
        "```",
        "",
        "`make book` writes the site to `_build/html` and the PDF edition beside it. It stops "
        "with a message, leaving the published site as it was, when a data file or a "
        "parameter in `params.yml` is invalid or a chapter fails. `make help` lists the other "
        "commands (fetching the Bank of Japan's latest files, adding a data file).",
        "",
        "## Re-run a chapter",
        "",
        "Each chapter is a Jupyter notebook in `chapters/`, executed by "
        "[papermill](https://papermill.readthedocs.io/) with the parameters set in "
        "`params.yml`. In a notebook's parameters cell, `None` means the default from "
        "`params.yml`; `lang` chooses the language of the page (`en` or `ja`). Run with "
        "`-p name value` to change one; a value outside those accepted stops the run with a "
        "message naming the parameter.",
        "",
    ]
    for chapter in found:
        lines += chapter_section(chapter)
    lines += [
        "## Check the committed outputs (nbval)",
        "",
        "The notebooks are committed with their outputs. Reviewers re-execute them and compare "
        "every output with the committed one (time stamps and kernel details are ignored, see "
        "`tests/nbval_sanitize.cfg`):",
        "",
        "```bash",
        NBVAL,
        "```",
        "",
        "`make test` runs the same check with every other test.",
        "",
        "## The data files",
        "",
        "Every figure is read from these files in `data/`; `datapackage.json` describes each "
        "column and unit, and each row cites its source by `source_id` (listed in "
        "`sources.csv`). The [data page](data-files.md) offers each for download, the whole "
        "folder as one zip, and the digital balance as one annual and one monthly series.",
        "",
        "| file | what it holds | rows |",
        "|---|---|--:|",
        *[f"| `data/{name}` | {cell(title)} | {rows:,} |" for name, title, rows in data_rows()],
        "",
    ]
    if health_page:
        lines += [
            f"How this copy was built — when each chapter ran, in how long, with which "
            f"parameters, and the content hash of every data file — is on the "
            f"[build health]({health_page}.md) page.",
            "",
        ]
    return "\n".join(lines)


def add_to_book(stage_src: Path, executed: list[Path]) -> None:
    """Writes the page into the staged book and lists it in a new last part, "Appendix"
    (the build-health page follows it there)."""
    text = markdown(chapters(executed), health.PAGE)
    (stage_src / f"{PAGE}.md").write_text(text, encoding="utf-8")
    toc_path = stage_src / "_toc.yml"
    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8"))
    toc["parts"].append({"caption": CAPTION, "chapters": [{"file": PAGE}]})
    toc_path.write_text(yaml.safe_dump(toc, sort_keys=False), encoding="utf-8")
