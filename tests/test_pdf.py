"""The PDF edition in the built site: every page of the report in reading order behind a
contents page, numbered, every chart drawn (as vectors, not pictures) with its title,
description and sources, and no page that is only an empty chart frame."""

import html
import io
import json
import re
import subprocess
import sys
import unicodedata

import pytest

from digideficit.paths import ROOT, SITE_DIR
from digideficit.site import build
from digideficit.site.sphinx_ext import PDF

PDF_PATH = SITE_DIR / PDF


def squeezed(text: str) -> str:
    """Text as compared: ligatures (ﬁ) unfolded and all white space removed (chart titles
    are wrapped into lines, and the PDF's text comes back line by line)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@pytest.fixture(scope="module")
def edition():
    if not PDF_PATH.exists():
        pytest.fail("no PDF edition in the built site: run `make book` (make test does)")
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(PDF_PATH.read_bytes()))
    texts = [unicodedata.normalize("NFKC", page.extract_text()) for page in reader.pages]
    return reader, texts


def reading_order() -> list[str]:
    return build.reading_order(ROOT)


def charts() -> list[tuple[str, dict]]:
    """Every chart the site draws, with its title (from its metadata download) and its
    description (from the page)."""
    found = []
    for path in reading_order():
        page = (SITE_DIR / path).read_text(encoding="utf-8")
        for name, description in re.findall(
            r'id="chart-([a-z0-9-]+)"[^>]*data-description="([^"]*)"', page
        ):
            meta = json.loads(
                (SITE_DIR / "_static" / "downloads" / f"{name}.json").read_text(encoding="utf-8")
            )
            described = {"title": meta["title"], "description": html.unescape(description)}
            found.append((name, described))
    return found


def test_every_page_of_the_report_is_in_it_behind_a_contents_page(edition):
    reader, texts = edition
    pages = reading_order()
    assert "Contents" in texts[0]
    bookmarks = [item["/Title"] for item in reader.outline]
    assert len(bookmarks) == len(pages)
    for title in bookmarks:
        # the contents page lists it with the page it starts on, and that page opens with it
        match = re.search(re.escape(title) + r"\s*(\d+)", texts[0])
        assert match, f"{title!r} is not on the contents page"
        first = int(match.group(1))
        assert squeezed(title) in squeezed(texts[first - 1]), (title, first)
    assert len(reader.pages) > len(pages)


def test_every_page_is_numbered(edition):
    _reader, texts = edition
    total = len(texts)
    for number, text in enumerate(texts, start=1):
        assert f"{number} / {total}" in text, f"page {number} has no page number"


def test_every_chart_is_drawn_with_its_title_and_description(edition):
    _reader, texts = edition
    found = charts()
    assert found, "the site has charts"
    everything = squeezed("".join(texts))
    for name, chart in found:
        assert squeezed(chart["title"]) in everything, f"{name}: title missing from the PDF"
        assert squeezed(chart["description"][:120]) in everything, f"{name}: no description"
    # every chart's sources are written under its title (in the chart itself)
    assert everything.count("Source") >= len(found)


def test_no_page_is_an_empty_chart_frame_and_charts_are_vectors(edition):
    reader, texts = edition
    for number, (page, text) in enumerate(zip(reader.pages, texts, strict=True), start=1):
        # a page number alone is all an empty frame would carry
        body = text.replace(f"{number} / {len(texts)}", "").strip()
        assert len(body) > 80, f"page {number} is (nearly) empty: {body!r}"
        images = [
            x
            for x in (page.get("/Resources", {}).get("/XObject", {}) or {}).values()
            if x.get_object().get("/Subtype") == "/Image"
        ]
        assert not images, f"page {number} has raster images: charts must be vectors"


@pytest.mark.slow
def test_printing_again_gives_the_same_file():
    before = PDF_PATH.read_bytes()
    result = subprocess.run(
        [sys.executable, "-m", "digideficit.site.build", "--pdf-only"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert PDF_PATH.read_bytes() == before
