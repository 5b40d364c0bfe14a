"""The built site in Debian's Chromium, served on 127.0.0.1: every page opens, every chart
draws from the site's own files, nothing is requested from any other origin, and the
console stays clean."""

import textwrap
import time
from pathlib import Path

import pytest

from digideficit.paths import SITE_DIR

pytestmark = pytest.mark.browser
PAGES = (
    sorted(
        str(p.relative_to(SITE_DIR))
        for p in SITE_DIR.rglob("*.html")
        if not any(part.startswith("_") for part in p.relative_to(SITE_DIR).parts)
    )
    if SITE_DIR.exists()
    else []
)


class Visit:
    """One page load in a fresh page (and context), recording console errors and every
    request made to another origin. Those fail in the shared browser itself (conftest:
    no other host resolves); `block` makes requests for the named files of the site fail."""

    def __init__(self, browser, origin: str, block: tuple[str, ...] = (), width: int = 1280):
        self.page = browser.new_page(viewport={"width": width, "height": 900})
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

        def sent(request):
            url = request.url
            if url.split(":")[0] in ("http", "https", "ws", "wss") and not url.startswith(
                origin + "/"
            ):
                self.outside.append(url)

        self.page.on("request", sent)
        # the browser's own request for /favicon.ico (the site has none) is not the page's:
        # routed, it is left out of the console, as when every request was routed here
        self.page.route(f"{origin}/favicon.ico", lambda route: route.continue_())
        for name in block:
            self.page.route(f"{origin}/**/{name}*", lambda route: route.abort())

    def open(self, url: str):
        self.page.goto(url, wait_until="load")
        return self.page


def until(page, done, what: str, seconds: float = 10) -> None:
    """Waits for `done()`, a condition on what Python has recorded from the page."""
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            pytest.fail(f"waited {seconds} s for {what}")
        page.wait_for_timeout(20)


# laid out with its fonts, and two frames drawn since (layout and the scripts run on load)
SETTLED_JS = """async () => {
  await document.fonts.ready;
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  return true;
}"""


def settled(page) -> None:
    page.evaluate(SETTLED_JS)


def charts_drawn(page) -> tuple[int, int]:
    total = page.locator(".dd-chart").count()
    if total:
        page.wait_for_function(
            "() => [...document.querySelectorAll('.dd-chart')].every(c => c.dataset.drawn)",
            timeout=10_000,
        )
    drawn = page.locator(".dd-chart:has(svg), .dd-chart:has(canvas)").count()
    return total, drawn


CUT_TEXT_JS = """() => {
  const cut = [];
  document.querySelectorAll('.dd-chart svg').forEach((svg) => {
    const box = svg.getBoundingClientRect();
    svg.querySelectorAll('text').forEach((text) => {
      const r = text.getBoundingClientRect();
      if (r.width && (r.left < box.left - 1 || r.right > box.right + 1 ||
                      r.top < box.top - 1 || r.bottom > box.bottom + 1)) {
        cut.push(svg.closest('.dd-chart').id + ': ' + text.textContent);
      }
    });
  });
  return cut;
}"""


OVERPRINTED_JS = """() => {
  const clashes = [];
  document.querySelectorAll('.dd-chart svg .role-axis-label').forEach((axis) => {
    const boxes = [...axis.querySelectorAll('text')]
      .filter((t) => getComputedStyle(t).opacity !== '0' && t.getAttribute('opacity') !== '0')
      .map((t) => [t.textContent, t.getBoundingClientRect()])
      .filter(([, r]) => r.width);
    boxes.forEach(([a, p], i) => boxes.slice(i + 1).forEach(([b, q]) => {
      if (p.left < q.right && q.left < p.right && p.top < q.bottom && q.top < p.bottom) {
        clashes.push(axis.closest('.dd-chart').id + ': ' + a + ' / ' + b);
      }
    }));
  });
  return clashes;
}"""


def axis_labels_overprinted(page) -> list[str]:
    return page.evaluate(OVERPRINTED_JS)


SHORTENED_LEGENDS_JS = """() => [
  ...document.querySelectorAll('.dd-chart svg .role-legend-label text')]
  .filter((t) => t.textContent.endsWith('…'))
  .map((t) => t.closest('.dd-chart').id + ': ' + t.textContent)"""


def legend_labels_shortened(page) -> list[str]:
    """Legend labels Vega cut short with "…" (dd-charts.js gives them the width there is;
    a label longer than that is too long for a phone)."""
    return page.evaluate(SHORTENED_LEGENDS_JS)


def text_cut_at_chart_edges(page) -> list[str]:
    """Chart text (titles, labels, legends) drawn partly outside its chart: Vega does not
    wrap, so a long label is clipped at the edge."""
    return page.evaluate(CUT_TEXT_JS)


def test_the_site_has_pages():
    assert "index.html" in PAGES and "chapters/definitions.html" in PAGES


@pytest.mark.parametrize("path", PAGES)
def test_page_draws_every_chart_offline(browser, site_url, path):
    visit = Visit(browser, site_url)
    page = visit.open(f"{site_url}/{path}")
    total, drawn = charts_drawn(page)
    assert drawn == total
    if total:
        assert text_cut_at_chart_edges(page) == []
    assert visit.outside == []
    assert visit.errors == []
    visit.page.close()


def test_definitions_page_has_a_chart_with_a_description(browser, site_url):
    visit = Visit(browser, site_url)
    page = visit.open(f"{site_url}/chapters/definitions.html")
    total, drawn = charts_drawn(page)
    assert total >= 1 and drawn == total
    label = page.locator(".dd-chart").first.get_attribute("aria-label")
    assert label and "digital deficit" in label and "Latest:" in label
    # the chosen basis as a line, every published total as a point
    marks = page.locator(".dd-chart svg .mark-symbol path, .dd-chart svg .mark-line path")
    assert marks.count() >= 10
    visit.page.close()


def test_without_the_local_bundle_charts_do_not_draw(browser, site_url):
    """Negative control: the checks above would notice a missing Vega bundle."""
    visit = Visit(browser, site_url, block=("vega-bundle.js",))
    page = visit.open(f"{site_url}/chapters/definitions.html")
    until(
        page,
        lambda: any("local Vega bundle is missing" in e for e in visit.errors),
        "the charts' script to report the missing bundle",
    )
    assert page.locator(".dd-chart:has(svg)").count() == 0
    visit.page.close()


CHART_PAGES = [p for p in PAGES if p.startswith("chapters/")]
JA_CHART_PAGES = [p for p in PAGES if p.startswith("ja/chapters/")]
# index.html only redirects to the front page
CONTENT_PAGES = [p for p in PAGES if "http-equiv" not in (SITE_DIR / p).read_text()[:200]]


SUBTITLES_JS = """() => [...document.querySelectorAll('.dd-chart')].map(chart => {
    const spec = JSON.parse(document.querySelector(`script[data-for="${chart.id}"]`).textContent);
    const drawn = chart.querySelectorAll('.role-title-subtitle tspan');
    return {
        id: chart.id,
        width: chart.clientWidth,
        written: (spec.usermeta || {}).subtitleLines || [],
        drawn: [...drawn].map(line => line.textContent),
    };
})"""


@pytest.mark.parametrize("path", ["chapters/economic-impact.html", "chapters/definitions.html"])
def test_subtitles_are_rewrapped_whole_at_phone_width(browser, site_url, path):
    """At 390 px each subtitle sentence is wrapped whole for the width the chart has: the
    lines wrapped for a desktop page are not split again into stubs of a word or two."""
    visit = Visit(browser, site_url, width=390)
    page = visit.open(f"{site_url}/{path}")
    charts_drawn(page)
    charts = page.evaluate(SUBTITLES_JS)
    assert charts and all(chart["written"] for chart in charts)
    for chart in charts:
        # dd-charts.js: a 12 px subtitle is given 6.8 px a character, and at least 24
        limit = max(24, int(chart["width"] / 6.8))
        expected = [
            part
            for line in chart["written"]
            for part in textwrap.wrap(line, limit, break_long_words=False, break_on_hyphens=False)
        ]
        assert chart["drawn"] == expected, chart["id"]
    visit.page.close()


@pytest.mark.parametrize("path", CONTENT_PAGES)
def test_page_fits_a_phone_screen(browser, site_url, path):
    """At 390 px nothing widens the page: wide tables scroll inside their own box."""
    visit = Visit(browser, site_url, width=390)
    page = visit.open(f"{site_url}/{path}")
    charts_drawn(page)
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    shots = SITE_DIR.parent / "screenshots"
    shots.mkdir(exist_ok=True)
    page.screenshot(path=str(shots / f"{path.replace('/', '_')}-390px.png"), full_page=True)
    assert overflow <= 1, f"{path} is {overflow}px wider than a 390px screen"
    assert text_cut_at_chart_edges(page) == []
    assert axis_labels_overprinted(page) == []
    assert legend_labels_shortened(page) == []
    assert figures_and_years_broken(page) == []
    visit.page.close()


# every table cell marked as a figure or a period (sphinx_ext) as the lines it is set on
BROKEN_FIGURES_JS = """() => [
  ...document.querySelectorAll('.bd-content table td.dd-num, .bd-content table td.dd-nowrap')]
  .filter((td) => td.offsetParent !== null && td.textContent.trim())
  .filter((td) => {
    // the vertical middle of every piece of text the cell sets: one line, one middle
    const middles = [];
    const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(node);
      [...range.getClientRects()].filter((r) => r.width)
        .forEach((r) => middles.push(r.top + r.height / 2));
    }
    return middles.length && Math.max(...middles) - Math.min(...middles) > 6;
  })
  .map((td) => td.textContent.trim())"""


def figures_and_years_broken(page) -> list[str]:
    """Figures and periods in tables set on more than one line (a year broken after two
    digits, an amount split from its sign)."""
    return page.evaluate(BROKEN_FIGURES_JS)


@pytest.mark.parametrize("path", CHART_PAGES)
def test_charts_redraw_in_dark_mode(browser, site_url, path):
    visit = Visit(browser, site_url)
    page = visit.open(f"{site_url}/{path}")
    total, _ = charts_drawn(page)
    if not total:
        pytest.skip("no chart on this page")
    title_fill = (
        "() => getComputedStyle(document.querySelector('.dd-chart svg .role-title-text text')).fill"
    )
    light = page.evaluate(title_fill)
    assert_legible(page, "light")
    page.evaluate("() => { document.documentElement.dataset.theme = 'dark'; }")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.dd-chart')].every(c => c.dataset.drawn === 'dark')",
        timeout=10_000,
    )
    dark = page.evaluate(title_fill)
    # titles are redrawn in a light colour on the dark page, not left dark-on-dark
    assert light != dark
    assert sum(int(c) for c in dark[4:-1].split(",")) > sum(int(c) for c in light[4:-1].split(","))
    assert_legible(page, "dark")
    assert visit.errors == []
    visit.page.close()


CONTRAST_JS = (Path(__file__).parent / "contrast.js").read_text(encoding="utf-8")
TEXT_CONTRAST = 4.5  # WCAG 2 AA for body text
# Every mark must stand out from what is behind it, in the colour it shows (its opacity
# blended in: contrast.js). WCAG asks 3:1 of graphics that carry meaning alone, and on the
# dark page every mark keeps it. On the light page values are also written as text labels
# or in the description, and the Okabe–Ito orange is 2.25:1 on white, so the bar is 2:1 —
# it still fails a mark drawn in yellow on white (1.2:1) or a faint translucent one.
MARK_CONTRAST = {"light": 2.0, "dark": 3.0}


def assert_legible(page, mode: str) -> None:
    for chart in page.evaluate("() => [...document.querySelectorAll('.dd-chart')].map(c => c.id)"):
        found = page.evaluate(CONTRAST_JS, chart)
        where = f"{chart} in {mode} mode on rgb({found['background']})"
        assert found["caption"] >= TEXT_CONTRAST, f"{where}: description {found['caption']:.2f}:1"
        assert found["title"] >= TEXT_CONTRAST, f"{where}: title {found['title']:.2f}:1"
        assert found["marks"], f"{where}: no marks found to check"
        faint = [m for m in found["marks"] if m["ratio"] < MARK_CONTRAST[mode]]
        assert not faint, f"{where}: marks too faint: {faint[:3]}"


def test_claims_ledger_filter_hides_other_rows(browser, site_url, tables):
    from digideficit.analysis.findings import claims_ledger

    ledger = claims_ledger.findings(tables).frames["ledger"]
    visit = Visit(browser, site_url)
    page = visit.open(f"{site_url}/chapters/claims-ledger.html")
    rows = page.locator("table.dd-filterable tbody tr")
    assert rows.count() == len(ledger)
    # an article as the table names it; its rows, and any whose quote or reasoning names it
    term = "unattributed"
    page.fill("input.dd-filter", term)
    expected = sum(
        term in " ".join([r["article"], r["quote"], r["explanation"], r["reference"]]).lower()
        for _, r in ledger.iterrows()
    )
    assert 0 < expected < len(ledger)
    assert page.locator("table.dd-filterable tbody tr:not([hidden])").count() == expected
    assert page.locator(".dd-filter-count").inner_text() == f"{expected} of {len(ledger)} rows"
    visit.page.close()


# A first visit to any page — its HTML, the theme, the Vega runtime, fonts — in bytes as
# served (uncompressed): readers on slow or metered connections open one page from a link.
FIRST_VISIT_BUDGET_BYTES = 1_500_000


@pytest.mark.parametrize("path", CHART_PAGES + JA_CHART_PAGES)
def test_chart_downloads_match_what_each_chart_plots(browser, site_url, path):
    import io
    import json

    import pandas as pd

    from digideficit.analysis.charts import FIGURE_WORDS

    cite = FIGURE_WORDS["ja" if path.startswith("ja/") else "en"]["cite"]
    visit = Visit(browser, site_url)
    page = visit.open(f"{site_url}/{path}")
    figures = page.locator("figure.dd-figure")
    if not figures.count():
        pytest.skip("no chart on this page")
    for i in range(figures.count()):
        figure = figures.nth(i)
        # the page carries the chart as Vega (compiled at build time): its inline data sets
        spec = json.loads(figure.locator("script.dd-spec").text_content())
        plotted_rows = sum(len(d["values"]) for d in spec.get("data", []) if "values" in d)
        links = figure.locator(".dd-downloads a")
        assert links.count() == 2
        hrefs = [links.nth(j).get_attribute("href") for j in range(2)]
        base = f"{site_url}/{path}"
        csv = page.request.get(page.evaluate("h => new URL(h, location.href).href", hrefs[0]))
        meta = page.request.get(page.evaluate("h => new URL(h, location.href).href", hrefs[1]))
        assert csv.ok and meta.ok, base
        table = pd.read_csv(io.StringIO(csv.text()))
        info = json.loads(meta.text())
        # a chart's own tidy table, or else exactly the rows it plots
        assert len(table) == info["rows"]
        if not info["tidy"]:
            assert len(table) == plotted_rows
        # the page carries the chart, not its download table
        assert figure.locator("script.dd-tidy").count() == 0
        assert info["title"] and info["sources"] and info["licence"] and info["citation"]
        # the citation under the chart is the one in its metadata, naming the chart's title
        assert figure.locator(".dd-cite").inner_text() == f"{cite} {info['citation']}"
        assert info["title"] in info["citation"]
        assert info["units"], "the metadata names the chart's units"
    visit.page.close()


def first_visit_bytes(browser, site_url: str, path: str) -> dict[str, int]:
    """Every file a first visit to the page fetches, with its size, once charts have drawn,
    fonts have loaded and no request is left open."""
    visit = Visit(browser, site_url)
    sizes: dict[str, int] = {}
    open_requests = set()

    def count(request):
        response = request.response()
        if response is not None:
            sizes[request.url.split("?")[0]] = len(response.body())
        open_requests.discard(request)

    visit.page.on("request", lambda request: open_requests.add(request))
    visit.page.on("requestfinished", count)
    visit.page.on("requestfailed", lambda request: open_requests.discard(request))
    page = visit.open(f"{site_url}/{path}")
    charts_drawn(page)
    settled(page)
    until(page, lambda: not open_requests, f"the requests of {path} to finish")
    visit.page.close()
    return sizes


@pytest.mark.parametrize("path", CONTENT_PAGES)
def test_first_visit_stays_within_budget(browser, site_url, path):
    sizes = first_visit_bytes(browser, site_url, path)
    heaviest = sorted(sizes.items(), key=lambda kv: -kv[1])[:5]
    assert sum(sizes.values()) <= FIRST_VISIT_BUDGET_BYTES, heaviest
    # the Vega-Lite compiler and the theme's Font Awesome script stay off the page
    assert not [url for url in sizes if url.endswith("fontawesome.js")]


AXE = Path(__file__).parents[1] / "node_modules" / "axe-core" / "axe.min.js"
AXE_RUN = """async () => {
  const result = await axe.run(document, { resultTypes: ["violations"] });
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => v.id + " (" + v.impact + "): " + v.nodes.map((n) => n.target.join(" ")).join(", "));
}"""


def axe_violations(page) -> list[str]:
    if not AXE.exists():
        pytest.fail("axe-core is not installed: `make node` (make test does)")
    page.add_script_tag(path=str(AXE))
    return page.evaluate(AXE_RUN)


DRAWN_DARK = (
    "() => [...document.querySelectorAll('.dd-chart')].every(c => c.dataset.drawn === 'dark')"
)
# no colour transition still running (getAnimations() starts those the theme change calls for)
FADED = """() => !document.getAnimations()
  .some((a) => a instanceof CSSTransition && a.playState === 'running')"""


@pytest.mark.parametrize("mode", ["light", "dark", "phone"])
@pytest.mark.parametrize("path", CONTENT_PAGES)
def test_no_serious_accessibility_violations(browser, site_url, path, mode):
    """axe-core, the engine of browsers' accessibility audits: no serious or critical
    violation on any page, in light and dark mode and at 390 px (index.html only redirects
    to the front page, audited as chapters/summary.html)."""
    visit = Visit(browser, site_url, width=390 if mode == "phone" else 1280)
    page = visit.open(f"{site_url}/{path}")
    charts_drawn(page)
    if mode == "dark":
        page.evaluate("() => { document.documentElement.dataset.theme = 'dark'; }")
        charts_drawn(page)
        page.wait_for_function(DRAWN_DARK, timeout=10_000)
        # the theme fades colours over 0.15 s: audit the page once it has settled, not mid-fade
        page.wait_for_function(FADED, timeout=10_000)
    assert axe_violations(page) == []
    visit.page.close()


def test_axe_notices_a_violation(browser, site_url):
    """Negative control: a button named differently from its text is reported."""
    visit = Visit(browser, site_url)
    page = visit.open(f"{site_url}/chapters/definitions.html")
    page.evaluate(
        "() => { const b = document.createElement('button'); b.textContent = 'Open the data';"
        " b.setAttribute('aria-label', 'Close'); document.querySelector('main').append(b); }"
    )
    assert any("label-content-name-mismatch" in v for v in axe_violations(page))
    visit.page.close()


@pytest.mark.parametrize("path", CONTENT_PAGES)
def test_no_code_on_the_page(browser, site_url, path):
    """Readers see prose, tables and charts; code stays in the notebooks."""
    visit = Visit(browser, site_url)
    page = visit.open(f"{site_url}/{path}")
    assert page.locator("text=Show code cell").count() == 0
    assert page.locator(".cell_input").count() == 0
    assert page.locator("details.hide, .toggle-details").count() == 0
    visit.page.close()


@pytest.mark.parametrize("path", [p for p in CHART_PAGES])
def test_every_chapter_ends_with_a_link_to_how_to_reproduce_it(browser, site_url, path):
    """One line at the foot of each chapter; the commands, parameters and notebook are in
    the chapter's own section of the "Reproduce this report" appendix."""
    visit = Visit(browser, site_url)
    page = visit.open(f"{site_url}/{path}")
    chapter = Path(path).stem
    link = page.locator("p.dd-reproduce-link a")
    assert link.count() == 1
    assert link.inner_text() == "How to reproduce this chapter"
    assert link.get_attribute("href") == f"../reproduce.html#reproduce-{chapter}"
    # the line comes last in the article, after the sources
    assert page.evaluate(
        "() => { const p = document.querySelector('article p.dd-reproduce-link'); "
        "return !p.nextElementSibling || p.nextElementSibling.classList.contains('dd-pdf'); }"
    )
    link.click()
    page.wait_for_load_state("load")
    assert page.url.endswith(f"/reproduce.html#reproduce-{chapter}")
    section = page.locator(f"section#reproduce-{chapter}, section:has(> #reproduce-{chapter})")
    assert section.count() == 1
    text = section.inner_text()
    assert f"chapters/{chapter}.ipynb" in text and "papermill" in text and "lang" in text
    notebook = section.locator("a[download]").get_attribute("href")
    served = page.request.get(page.evaluate("h => new URL(h, location.href).href", notebook))
    assert served.ok and '"cells"' in served.text()
    visit.page.close()


def test_the_appendix_holds_the_commands_and_build_health_follows_it(browser, site_url):
    from digideficit.site.reproduce import params

    visit = Visit(browser, site_url)
    page = visit.open(f"{site_url}/reproduce.html")
    text = page.locator("main article").inner_text()
    for command in ("make book", "make test", "--nbval", "papermill"):
        assert command in text, command
    for chapter, rules in params.RULES.items():
        if (SITE_DIR / "chapters" / f"{chapter}.html").exists():
            section = f"section#reproduce-{chapter}, section:has(> #reproduce-{chapter})"
            table = page.locator(section).locator("table")
            assert table.count() == 1 or not rules, chapter
            names = table.locator("tbody tr td:first-child").all_inner_texts()
            assert names == list(rules), chapter
    # the sidebar lists the appendix last: this page, then build health
    captions = page.locator(".bd-sidebar-primary p.caption").all_inner_texts()
    assert captions[-1].strip() == "Appendix"
    last_part = page.locator(".bd-sidebar-primary ul.nav").last.locator("a").all_inner_texts()
    assert [t.strip() for t in last_part] == ["Reproduce this report", "Build health"]
    visit.page.close()


@pytest.mark.parametrize("path", CONTENT_PAGES)
def test_every_page_links_the_pdf_with_its_size(browser, site_url, path):
    from digideficit.site.sphinx_ext import PDF, PDF_TEXTS

    if path.removeprefix("ja/") in ("search.html", "genindex.html"):
        pytest.skip("Sphinx's search and index pages are not part of the report")
    lang = "ja" if path.startswith("ja/") else "en"
    visit = Visit(browser, site_url)
    page = visit.open(f"{site_url}/{path}")
    link = page.locator("a", has_text=PDF_TEXTS[lang].replace("(PDF)", "(PDF, "))
    assert link.count() == 1
    assert link.inner_text().endswith(" MB)")
    pdf = page.request.get(
        page.evaluate("h => new URL(h, location.href).href", link.get_attribute("href"))
    )
    assert pdf.ok and pdf.body()[:5] == b"%PDF-"
    # the edition's own PDF: the Japanese pages link the Japanese one
    assert pdf.url.endswith(f"/{'ja/' if lang == 'ja' else ''}{PDF}")
    visit.page.close()


WIDE_TABLES_JS = """() => [...document.querySelectorAll('.bd-content table')].map((t) => {
  const frame = t.closest('.output.text_html, .dd-table-frame, .pst-scrollable-table-container')
    || t.parentElement;
  const page = document.documentElement.clientWidth;
  const f = frame.getBoundingClientRect();
  return {
    table: (t.querySelector('caption, th') || t).textContent.trim().slice(0, 40),
    fits: t.getBoundingClientRect().width <= f.width + 1,
    scrollable: frame.scrollWidth > frame.clientWidth && ['auto', 'scroll'].includes(
      getComputedStyle(frame).overflowX),
    marked: frame.classList.contains('dd-scrolls') && frame.tabIndex === 0,
    frameInside: f.left >= -1 && f.right <= page + 1,
  };
})"""


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", CONTENT_PAGES)
def test_wide_tables_fit_or_scroll_in_a_visible_frame(browser, site_url, path, width):
    """No table is cut at the edge: it fits, or scrolls inside a frame that shows it."""
    visit = Visit(browser, site_url, width=width)
    page = visit.open(f"{site_url}/{path}")
    settled(page)
    for table in page.evaluate(WIDE_TABLES_JS):
        assert table["frameInside"], table
        assert table["fits"] or (table["scrollable"] and table["marked"]), table
    visit.page.close()


def test_data_page_lists_every_file_and_offers_them_all(browser, site_url):
    import io
    import zipfile

    import pandas as pd

    from digideficit.paths import ROOT
    from digideficit.site import datafiles
    from digideficit.validated import data

    visit = Visit(browser, site_url)
    page = visit.open(f"{site_url}/data-files.html")
    rows = page.locator("main table tbody tr")
    files = [name for name, _spec in data.FILES.values()]
    assert rows.count() == len(files)
    for name in files:
        # each file is named by what it holds; the link serves the file itself
        each = page.locator(f"main table a[download][href$='/{name}']")
        assert each.count() == 1 and name not in each.inner_text(), name
        served = page.request.get(
            page.evaluate("h => new URL(h, location.href).href", each.get_attribute("href"))
        )
        assert served.ok and served.body() == (ROOT / "data" / name).read_bytes(), name
    link = page.locator("a.dd-data-zip").get_attribute("href")
    archive = page.request.get(page.evaluate("h => new URL(h, location.href).href", link))
    names = zipfile.ZipFile(io.BytesIO(archive.body())).namelist()
    assert sorted(names) == sorted(f"data/{n}" for n in [*files, "datapackage.json"])
    # one annual and one monthly series of the digital balance, tidy
    series = page.locator("a.dd-series")
    assert series.count() == 2
    periods = []
    for i in range(2):
        href = series.nth(i).get_attribute("href")
        body = page.request.get(page.evaluate("h => new URL(h, location.href).href", href))
        table = pd.read_csv(io.StringIO(body.text()))
        assert list(table.columns[1:]) == datafiles.SERIES_COLUMNS
        periods.append(table.columns[0])
    assert periods == ["year", "month"]
    visit.page.close()


def test_a_figure_may_give_way_to_its_table_on_a_phone(browser, site_url):
    """`dd-wide-only` hides a figure under 600 px (the page's table says the same);
    `dd-narrow-only` shows something there only."""
    shown = {}
    visit = Visit(browser, site_url, width=390)
    page = visit.open(f"{site_url}/chapters/definitions.html")
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        shown[width] = page.evaluate(
            "() => ['dd-wide-only', 'dd-narrow-only'].map((c) => {"
            " const f = document.createElement('figure'); f.className = 'dd-figure ' + c;"
            " f.textContent = 'x'; document.querySelector('main article').append(f);"
            " return getComputedStyle(f).display !== 'none'; })"
        )
    visit.page.close()
    assert shown == {390: [False, True], 1280: [True, False]}


def test_offline_search_finds_a_chapter(browser, site_url):
    visit = Visit(browser, site_url)
    page = visit.open(f"{site_url}/search.html?q=crude")
    page.wait_for_selector("#search-results ul.search li", timeout=15_000)
    titles = page.locator("#search-results ul.search li a").all_inner_texts()
    assert any("Economic impact" in t for t in titles), titles
    assert visit.outside == [] and visit.errors == []
    visit.page.close()
