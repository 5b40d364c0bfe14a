"""Re-execute a chapter only when its inputs change, decided by content hashes.

A chapter's inputs are its own cells (source and tags, not outputs), its parameters, the
data files (every chapter loads them all), the package code it imports and the pinned
requirements. The executed notebook is kept under `_build/.cache/` by that hash.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import nbformat

from digideficit.paths import ROOT, data_dir
from digideficit.validated import data


def _digest(*parts: bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def notebook_digest(path: Path) -> str:
    """The cells as written: outputs, execution counts and injected parameters left out."""
    notebook = nbformat.read(path, as_version=4)
    cells = [
        [cell.cell_type, cell.source, sorted(cell.metadata.get("tags", []))]
        for cell in notebook.cells
        if "injected-parameters" not in cell.metadata.get("tags", [])
    ]
    return _digest(json.dumps(cells, ensure_ascii=False).encode())


def inputs_digest() -> str:
    """Data files, package code and requirements: what every chapter shares."""
    named = {filename: data_dir() / filename for filename, _spec in data.FILES.values()}
    package = ROOT / "src" / "digideficit"
    # every stage, not only the modules a chapter imports directly: they import one another
    named |= {str(f.relative_to(package)): f for f in sorted(package.rglob("*.py"))}
    named["requirements.txt"] = ROOT / "requirements.txt"
    return _digest(*(name.encode() + f.read_bytes() for name, f in named.items()))


def key(notebook: Path, parameters: dict, shared: str) -> str:
    chosen = json.dumps(parameters, sort_keys=True).encode()
    return _digest(notebook_digest(notebook).encode(), chosen, shared.encode())


class Cache:
    def __init__(self, directory: Path):
        self.directory = directory

    def get(self, key: str) -> tuple[Path, dict] | None:
        notebook, record = self.directory / f"{key}.ipynb", self.directory / f"{key}.json"
        if notebook.exists() and record.exists():
            return notebook, json.loads(record.read_text(encoding="utf-8"))
        return None

    def put(self, key: str, executed: Path, record: dict) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(executed, self.directory / f"{key}.ipynb")
        (self.directory / f"{key}.json").write_text(json.dumps(record), encoding="utf-8")

    def keep_only(self, keys: set[str]) -> None:
        """Drops entries no current chapter uses, so the cache does not grow without end."""
        if self.directory.exists():
            for path in self.directory.iterdir():
                if path.stem not in keys:
                    path.unlink()


def site_key(notebook_keys: list[str], book_files: list[Path]) -> str:
    """Everything the published site is built from: unchanged key, nothing to rebuild."""
    parts = [k.encode() for k in notebook_keys]
    for path in book_files:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        parts += [str(p.relative_to(ROOT)).encode() + p.read_bytes() for p in files]
    return _digest(*parts)
