import shutil
from pathlib import Path

import pytest

from digideficit.paths import ROOT
from digideficit.validated import data


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


@pytest.fixture
def boj():
    """A stand-in for the Bank of Japan (API and flat files) on 127.0.0.1."""
    from boj_server import Serving

    with Serving() as fake:
        yield fake


@pytest.fixture
def site(tmp_path):
    """A published site a failed fetch must leave alone."""
    build = tmp_path / "_build"
    (build / "html").mkdir(parents=True)
    (build / "html" / "index.html").write_text("the site as published")
    return build


@pytest.fixture
def tables():
    return data.load()


def replace_line(path: Path, line: int, old: str, new: str) -> None:
    """Edits one line of a CSV (line 1 is the header), failing loudly if `old` is absent."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert old in lines[line - 1], f"{old!r} not on line {line}: {lines[line - 1]!r}"
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_text("".join(lines), encoding="utf-8")


def line_of_row(path: Path, startswith: str) -> int:
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text.startswith(startswith):
            return number
    raise AssertionError(f"no line starts with {startswith!r} in {path}")
