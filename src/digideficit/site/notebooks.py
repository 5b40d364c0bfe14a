"""Executed notebooks made reproducible: what papermill and Jupyter stamp on each run
(times, durations, random cell ids) is removed, so an unchanged input gives an unchanged file."""

from __future__ import annotations

from pathlib import Path

import nbformat

VOLATILE_NOTEBOOK_KEYS = (
    "start_time",
    "end_time",
    "duration",
    "exception",
    "input_path",
    "output_path",
)


def normalise(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    papermill_meta = notebook.metadata.get("papermill", {})
    for key in VOLATILE_NOTEBOOK_KEYS:
        papermill_meta.pop(key, None)
    notebook.metadata.pop("widgets", None)
    for index, cell in enumerate(notebook.cells):
        cell.id = f"cell-{index:02d}"
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        tags = cell.metadata.get("tags", [])
        if "injected-parameters" in tags:
            # papermill ends the cell with a newline that ruff's formatter removes
            cell.source = cell.source.rstrip("\n")
            if "hide-input" not in tags:
                # readers see the parameters as a table; reviewers can still reveal the cell
                cell.metadata["tags"] = [*tags, "hide-input"]
    nbformat.write(notebook, path)


def glued(path: Path) -> dict[str, str]:
    """Every value a notebook glued, as the text the book shows (markdown, else plain text)."""
    notebook = nbformat.read(path, as_version=4)
    values = {}
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            scrap = output.get("metadata", {}).get("scrapbook", {})
            if "name" in scrap:
                prefix = scrap.get("mime_prefix", "")
                data = output.get("data", {})
                values[scrap["name"]] = data.get(
                    f"{prefix}text/markdown", data.get(f"{prefix}text/plain", "")
                )
    return values
