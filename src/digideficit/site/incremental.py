"""Re-execute a chapter only when its inputs change, decided by content hashes.

A chapter's inputs are its own cells (source and tags, not outputs), its parameters, the
data files (every chapter loads them all), the package code it imports and the pinned
requirements. The executed notebook is kept under `_build/.cache/` by that hash.

The site as a whole is keyed by its chapters' keys and the book's own files: `make book`
with nothing changed compares that key with the published site's and stops. This module
imports little (no pandas, no papermill), so that the check takes well under a second.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import yaml

from digideficit.paths import BUILD_DIR, ROOT, data_dir

SITE_KEY = BUILD_DIR / "site.key"  # the key of the inputs of the published site
# each book's folder (the English book is the project itself; see `languages.FOLDER`)
BOOKS = {"en": "", "ja": "ja"}
# what the site is built from besides the chapters (the Vega runtime the site serves is
# pinned in package-lock.json; the Japanese book's contents are its own)
BOOK_INPUTS = ["_config.yml", "_toc.yml", "_static", "_templates", "package-lock.json"]
BOOK_INPUTS_JA = ["ja/_toc.yml"]


def toc_entries(toc: dict) -> list[str]:
    """The files a table of contents lists, root first, in reading order."""
    entries = [toc["root"]]

    def walk(node):
        if isinstance(node, dict):
            if "file" in node:
                entries.append(node["file"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(toc.get("parts", toc.get("chapters", [])))
    return entries


def toc_notebooks(root: Path = ROOT) -> list[Path]:
    """The notebooks the table of contents of the book at `root` lists, in reading order."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    notebooks = []
    for entry in toc_entries(toc):
        path = root / entry
        candidate = path if path.suffix else path.with_suffix(".ipynb")
        if candidate.suffix == ".ipynb" and candidate.exists():
            notebooks.append(candidate)
    return notebooks


def edition_notebooks(root: Path = ROOT) -> dict[str, list[Path]]:
    """Each edition's chapters, by language, in reading order."""
    return {
        lang: toc_notebooks(root / folder if folder else root) for lang, folder in BOOKS.items()
    }


def language_of(notebook: Path, root: Path = ROOT) -> str:
    return "ja" if notebook.is_relative_to(root / BOOKS["ja"]) else "en"


def parameters_for(notebook: Path, defaults: dict, root: Path = ROOT) -> dict:
    """A chapter's parameters from params.yml, in the language of its book: the two
    editions of a chapter differ in `lang` only."""
    return {**defaults.get(notebook.stem, {}), "lang": language_of(notebook, root)}


def current(defaults: dict, root: Path = ROOT) -> tuple[dict[Path, dict], dict[Path, str], str]:
    """Every chapter's parameters and key, and the key of the site they make."""
    notebooks = [nb for found in edition_notebooks(root).values() for nb in found]
    chosen = {nb: parameters_for(nb, defaults, root) for nb in notebooks}
    shared = inputs_digest()
    keys = {nb: key(nb, chosen[nb], shared) for nb in notebooks}
    book_files = [root / name for name in BOOK_INPUTS + BOOK_INPUTS_JA]
    return chosen, keys, site_key(list(keys.values()), book_files)


def _digest(*parts: bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def notebook_digest(path: Path) -> str:
    """The cells as written: outputs, execution counts and injected parameters left out."""
    # read as JSON: what nbformat would give for these fields, without importing it
    notebook = json.loads(path.read_text(encoding="utf-8"))
    cells = [
        [cell["cell_type"], source(cell), sorted(cell.get("metadata", {}).get("tags", []))]
        for cell in notebook["cells"]
        if "injected-parameters" not in cell.get("metadata", {}).get("tags", [])
    ]
    return _digest(json.dumps(cells, ensure_ascii=False).encode())


def source(cell: dict) -> str:
    text = cell.get("source", "")
    return "".join(text) if isinstance(text, list) else text


def inputs_digest() -> str:
    """Data files, package code and requirements: what every chapter shares (every data
    file of the data folder: chapters load them all)."""
    named = {path.name: path for path in sorted(data_dir().glob("*.csv"))}
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
