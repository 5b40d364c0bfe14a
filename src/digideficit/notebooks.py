"""Executed notebooks made reproducible: what papermill and Jupyter stamp on each run
(times, durations, random cell ids) is removed, so an unchanged input gives an unchanged file."""

from __future__ import annotations

from pathlib import Path

import nbformat

VOLATILE_NOTEBOOK_KEYS = ("start_time", "end_time", "duration", "exception",
                          "input_path", "output_path")


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
    nbformat.write(notebook, path)
