import shutil
from pathlib import Path

import pytest

from digideficit.paths import ROOT, SITE_DIR
from digideficit.validated import data

# Off-origin requests fail in the browser itself (no name resolves but the local server's),
# instead of each request waiting for Python to decide: the browser tests record them
BROWSER_ARGS = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Browser tests run last, together: the one browser they share stays open from the
    first to the end of the session, and while Playwright's sync API is open it marks an
    asyncio loop as running, which the notebook-executing tests must not meet."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(scope="session")
def site_url():
    """The site `make test` built (_build/html), served on 127.0.0.1 to every browser test.
    The tests only read it; none rebuilds it."""
    from digideficit.site.pdf import served

    if not (SITE_DIR / "index.html").exists():
        pytest.fail("no built site: run `make book` first (make test does)")
    with served(SITE_DIR) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """One Debian Chromium for every browser test; each test opens its own page (and with it
    its own context: cache, storage and routes are never shared)."""
    from digideficit.site.pdf import CHROMIUM, CHROMIUM_ARGS, japanese_font_installed

    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is not installed: `make chromium` (make test does)")
    if not japanese_font_installed():
        pytest.fail("no Japanese font: `make chromium` installs one (make test does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=[*CHROMIUM_ARGS, *BROWSER_ARGS]
        )
        yield launched
        launched.close()


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
