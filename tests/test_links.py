"""Every internal link of the built site resolves: the file exists and so does the anchor.
No network: links to other origins are only counted, never fetched."""

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

import pytest

from digideficit.paths import SITE_DIR


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def pages() -> list[Path]:
    if not SITE_DIR.exists():
        return []
    return sorted(
        p
        for p in SITE_DIR.rglob("*.html")
        if not any(part.startswith("_") for part in p.relative_to(SITE_DIR).parts)
    )


def broken_links(path: Path, parsed: dict[Path, Page]) -> list[str]:
    broken = []
    for href in parsed[path].links:
        if urlparse(href).scheme or href.startswith(("mailto:", "//")):
            continue
        target, anchor = urldefrag(href)
        file = (path.parent / unquote(target)).resolve() if target else path
        if file.is_dir():
            file = file / "index.html"
        if not file.exists():
            broken.append(f"{href}: no file {file}")
            continue
        if anchor and file.suffix == ".html":
            if file not in parsed:
                parsed[file] = parse(file)
            if unquote(anchor) not in parsed[file].ids:
                broken.append(f"{href}: no element with id {anchor!r}")
    return broken


@pytest.mark.parametrize("path", pages(), ids=lambda p: str(p.relative_to(SITE_DIR)))
def test_internal_links_resolve(path):
    parsed = {path: parse(path)}
    assert broken_links(path, parsed) == []


def test_the_link_check_notices_a_broken_anchor(tmp_path):
    page = tmp_path / "a.html"
    page.write_text(
        '<p id="here"></p><a href="#here">ok</a><a href="#gone">bad</a>'
        '<a href="b.html">missing</a><a href="https://example.org/">outside</a>'
    )
    problems = broken_links(page, {page: parse(page)})
    assert len(problems) == 2 and "gone" in problems[0] and "b.html" in problems[1]


def test_every_page_links_its_sources_to_the_references_page():
    chapters = [p for p in pages() if p.parent.name == "chapters" and p.stem != "references"]
    assert chapters
    for path in chapters:
        links = parse(path).links
        assert any(link.startswith("references.html#src-") for link in links), path.name
