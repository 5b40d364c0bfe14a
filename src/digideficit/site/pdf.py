"""The PDF edition: the built pages printed by Debian's Chromium, in reading order, behind a
contents page, with page numbers and bookmarks, as one file inside the site.

Each page is opened as a printer sees it (print styles, A4 width) and printed only once its
charts have drawn, so every chart is in the PDF as vectors with its title, description and
sources. A table wider than the page, or a chart that did not draw, stops the build: a PDF
with a cut table or an empty chart frame is not published.
"""

from __future__ import annotations

import functools
import hashlib
import html
import http.server
import io
import json
import re
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from digideficit.analysis import citation
from digideficit.site import languages

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
MARGIN = {"top": "14mm", "bottom": "16mm", "left": "13mm", "right": "13mm"}
# A4 less the side margins, in CSS pixels: pages are laid out (and charts fitted) at the
# width they are printed at
PRINT_WIDTH_PX = round((210 - 26) / 25.4 * 96)
CHART_TIMEOUT_MS = 30_000


class PdfError(RuntimeError):
    """The PDF could not be printed as it must be; the message says why."""


@dataclass
class Edition:
    path: Path
    pages: int
    chapters: list[tuple[str, int]]  # title, first page
    seconds: float
    printed: int = 0  # pages of the site printed afresh; the others came from the cache
    keys: tuple[str, ...] = ()  # the cache entries this edition used


# what a printed page depends on besides its own HTML: the site's styles, scripts and the
# Vega runtime (the downloads, data files and notebooks under _static are not printed)
NOT_PRINTED = ("downloads", "files", "notebooks")


def static_digest(static: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(static.rglob("*")):
        relative = path.relative_to(static)
        if path.is_file() and relative.parts[0] not in NOT_PRINTED and path.suffix != ".pdf":
            digest.update(str(relative).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


SIZED_LINK = re.compile(rb"\(PDF, [\d.]+ MB\)")


class PrintCache:
    """Pages printed before, by the content of the page and of the static files it loads:
    a build that changed one chapter's prose prints that chapter's page only."""

    def __init__(self, directory: Path | None, site: Path):
        self.directory, self.site, self.statics = directory, site, {}

    def key(self, path: str) -> str:
        static = (self.site / path).parent
        while not (static / "_static").is_dir() and static != self.site:
            static = static.parent
        static = static / "_static"
        if static not in self.statics:
            self.statics[static] = static_digest(static)
        # the PDF link's size, written in after printing, is not printed (dd.css): a page
        # printed again from the published site is the page printed at the build
        page = SIZED_LINK.sub(b"(PDF)", (self.site / path).read_bytes())
        return hashlib.sha256(self.statics[static].encode() + page).hexdigest()

    def get(self, key: str) -> tuple[str, bytes] | None:
        if self.directory is None:
            return None
        data, meta = self.directory / f"{key}.pdf", self.directory / f"{key}.json"
        if data.exists() and meta.exists():
            return json.loads(meta.read_text(encoding="utf-8"))["title"], data.read_bytes()
        return None

    def put(self, key: str, title: str, data: bytes) -> None:
        if self.directory is None:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        (self.directory / f"{key}.pdf").write_bytes(data)
        (self.directory / f"{key}.json").write_text(json.dumps({"title": title}), "utf-8")

    def keep_only(self, keys: set[str]) -> None:
        if self.directory is not None and self.directory.exists():
            for path in self.directory.iterdir():
                if path.stem not in keys:
                    path.unlink()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def served(site: Path) -> Iterator[str]:
    """The site on 127.0.0.1, on a free port, for as long as the block runs."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def japanese_font_installed() -> bool:
    result = subprocess.run(["fc-list", ":lang=ja"], capture_output=True, text=True, check=False)
    return bool(result.stdout.strip())


@contextmanager
def chromium() -> Iterator:
    if not CHROMIUM.exists():
        raise PdfError(f"{CHROMIUM} is missing: `make chromium` installs it (make book does)")
    if not japanese_font_installed():
        # the report quotes Japanese item names and headlines: without a font they would
        # be printed as empty boxes
        raise PdfError("no Japanese font: `make chromium` installs one (make book does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


WAIT_FOR_CHARTS = "() => [...document.querySelectorAll('.dd-chart')].every(c => c.dataset.drawn)"
# a table wider than the printed column is set smaller, its words allowed to break (dd.css);
# one still wider would be cut at the page's edge
SQUEEZE_TABLES = """() => document.querySelectorAll('.bd-content table').forEach((t) => {
  if (t.getBoundingClientRect().right > document.documentElement.clientWidth + 1) {
    t.classList.add('dd-squeeze');
  }
})"""
CUT_TABLES = """() => [...document.querySelectorAll('.bd-content table')]
  .filter((t) => t.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .map((t) => (t.querySelector('caption, th') || t).textContent.trim().slice(0, 60))"""
# a figure taller than a printed page cannot be kept whole: held together it is pushed past
# a blank page; it may break across pages instead (dd.css)
TALL_FIGURES = """() => document.querySelectorAll('figure.dd-figure').forEach((f) => {
  if (f.getBoundingClientRect().height > 850) { f.classList.add('dd-tall'); }
})"""
EMPTY_CHARTS = """() => [...document.querySelectorAll('.dd-chart')]
  .filter((c) => !c.querySelector('svg text'))
  .map((c) => c.id)"""


def print_page(browser, url: str) -> tuple[str, bytes]:
    """One page as printed: its title and the PDF bytes."""
    page = browser.new_page(viewport={"width": PRINT_WIDTH_PX, "height": 1100})
    try:
        page.emulate_media(media="print", color_scheme="light")
        page.goto(url, wait_until="load")
        if page.locator(".dd-chart").count():
            page.wait_for_function(WAIT_FOR_CHARTS, timeout=CHART_TIMEOUT_MS)
        where = url.split("/", 3)[-1]
        if empty := page.evaluate(EMPTY_CHARTS):
            raise PdfError(f"{where}: charts did not draw: {', '.join(empty)}")
        page.evaluate(SQUEEZE_TABLES)
        page.evaluate(TALL_FIGURES)
        if cut := page.evaluate(CUT_TABLES):
            raise PdfError(f"{where}: tables wider than the printed page: {cut}")
        title = page.locator("main h1").first.inner_text().strip().rstrip("#").strip()
        return title, page.pdf(
            format="A4", margin=MARGIN, print_background=True, prefer_css_page_size=False
        )
    finally:
        page.close()


# the cover and contents page, in the language of the edition printed
COVER = {
    lang: {"title": citation.TITLES[lang], "author": citation.AUTHORS[lang], "contents": words}
    for lang, words in (("en", "Contents"), ("ja", "目次"))
}


def contents_html(
    chapters: list[tuple[str, int]],
    vintage: str,
    edition: list[str] | None = None,
    lang: str = "en",
) -> str:
    """The cover and contents page in `lang`; `edition` is the edition's name, one line per
    language, this edition's language first (see `analysis.edition`)."""
    order = [lang, languages.other(lang)]
    named = "".join(
        f'<p class="edition" lang="{line_lang}">{html.escape(line)}</p>'
        for line_lang, line in zip(order, edition or [], strict=False)
    )
    words = COVER[lang]
    rows = "".join(
        f'<li><span class="t">{html.escape(title)}</span><span class="p">{number}</span></li>'
        for title, number in chapters
    )
    # the edition names the data once; without it the cover says how recent the data are
    dated = "" if edition else f" · data as published to {html.escape(vintage)}"
    return f"""<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><style>
body {{ font-family: sans-serif; color: #222; }}
h1 {{ font-size: 24pt; margin: 0 0 4pt; }} .sub {{ color: #555; margin: 0 0 28pt; }}
.edition {{ font-size: 13pt; margin: 0 0 4pt; }} .edition + .sub {{ margin-top: 12pt; }}
h2 {{ font-size: 14pt; border-bottom: 1px solid #999; padding-bottom: 4pt; }}
ol {{ list-style: none; padding: 0; }}
li {{ display: flex; gap: 8pt; margin: 6pt 0; font-size: 11pt; }}
li .t {{ flex: 1; border-bottom: 1px dotted #999; }}
</style></head><body>
<h1>{html.escape(words["title"])}</h1>{named}
<p class="sub">{html.escape(words["author"])}{dated}</p>
<h2>{words["contents"]}</h2><ol>{rows}</ol></body></html>"""


NUMBERS_FOOTER = (
    '<div style="font-size:8pt;color:#555;width:100%;text-align:center;">'
    '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
)


def numbered_blank_pages(browser, count: int) -> bytes:
    """`count` empty A4 pages carrying only page numbers, laid over the report's pages."""
    page = browser.new_page()
    try:
        blank = '<div style="break-after:page;height:1px"></div>' * count
        page.set_content(f"<!doctype html><html><body style='margin:0'>{blank}</body></html>")
        return page.pdf(
            format="A4",
            margin=MARGIN,
            display_header_footer=True,
            header_template="<span></span>",
            footer_template=NUMBERS_FOOTER,
        )
    finally:
        page.close()


def render(browser, content: str) -> bytes:
    page = browser.new_page()
    try:
        page.set_content(content)
        return page.pdf(format="A4", margin=MARGIN)
    finally:
        page.close()


# where `served` serves the site while it is printed (on a port that differs every time)
LOCAL_ORIGIN = "http://127.0.0.1:"


def internal_links_dropped(page, origin: str = LOCAL_ORIGIN) -> None:
    """Links into the site point at the temporary local server: pointless in a PDF (and
    different at every build, or in a page printed at an earlier build), so they are
    removed; links to sources elsewhere stay."""
    from pypdf.generic import ArrayObject, NameObject

    annots = page.get("/Annots")
    if not annots:
        return
    kept = [
        a
        for a in annots
        if not str(a.get_object().get("/A", {}).get("/URI", "")).startswith(origin)
    ]
    page[NameObject("/Annots")] = ArrayObject(kept)


def build(
    site: Path,
    pages: list[str],
    target: Path,
    vintage: str,
    edition: list[str] | None = None,
    lang: str = "en",
    cache: Path | None = None,
) -> Edition:
    """Prints `pages` (paths inside `site`, in reading order) into `target`, behind a cover
    in `lang` naming the `edition` (one line per language, `lang` first). Pages whose HTML
    and static files are unchanged since they were printed into `cache` are not printed
    again."""
    from pypdf import PdfReader, PdfWriter

    started = time.perf_counter()
    store = PrintCache(cache, site)
    keys = [store.key(path) for path in pages]
    fresh = 0
    with served(site) as origin, chromium() as browser:
        printed = []
        for path, key in zip(pages, keys, strict=True):
            hit = store.get(key)
            if hit is None:
                hit = print_page(browser, f"{origin}/{path}")
                store.put(key, *hit)
                fresh += 1
            printed.append(hit)
        readers = [PdfReader(io.BytesIO(data)) for _title, data in printed]
        # the contents page's own length decides where the chapters start
        front = 1
        while True:
            starts, number = [], front + 1
            for (title, _data), reader in zip(printed, readers, strict=True):
                starts.append((title, number))
                number += len(reader.pages)
            contents = PdfReader(
                io.BytesIO(render(browser, contents_html(starts, vintage, edition, lang)))
            )
            if len(contents.pages) == front:
                break
            front = len(contents.pages)
        total = number - 1
        numbers = PdfReader(io.BytesIO(numbered_blank_pages(browser, total)))
        writer = PdfWriter()
        for page in contents.pages:
            writer.add_page(page)
        for (title, first), reader in zip(starts, readers, strict=True):
            for page in reader.pages:
                internal_links_dropped(page)
                writer.add_page(page)
            writer.add_outline_item(title, first - 1)
        if len(numbers.pages) != total:
            raise PdfError(f"page numbers: {len(numbers.pages)} printed for {total} pages")
        for page, number in zip(writer.pages, numbers.pages, strict=True):
            page.merge_page(number)
    # fixed metadata and file identifier: the same pages give the same file
    metadata = {
        "/Title": COVER[lang]["title"],
        "/Author": COVER[lang]["author"],
        "/Producer": "digideficit",
    }

    if edition:
        metadata["/Subject"] = edition[0]
    writer.add_metadata(metadata)
    # the document's language, for screen readers and text extraction (the catalog's /Lang)
    from pypdf.generic import NameObject, TextStringObject

    writer._root_object[NameObject("/Lang")] = TextStringObject(lang)
    writer._ID = None
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as handle:
        writer.write(handle)
    return Edition(target, total, starts, time.perf_counter() - started, fresh, tuple(keys))


def size_text(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def link_size(site: Path, link_text: str, size: int) -> int:
    """Writes the PDF's size into the link every page carries (as built, or with an older
    size when the PDF is printed again); returns the pages updated."""
    pattern = re.compile(re.escape(link_text).replace(r"\(PDF\)", r"\(PDF(, [\d.]+ MB)?\)"))
    sized = link_text.replace("(PDF)", f"(PDF, {size_text(size)})")
    updated = 0
    for page in site.rglob("*.html"):
        if any(part.startswith("_") for part in page.relative_to(site).parts):
            continue  # the theme's own templates under _static/
        text = page.read_text(encoding="utf-8")
        new, count = pattern.subn(sized, text)
        if count:
            page.write_text(new, encoding="utf-8")
            updated += 1
    return updated
