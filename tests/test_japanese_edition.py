"""The Japanese edition beside the English one: a twin for every page, each leading to the
other, the right language declared, the same findings glued under the same keys with the
same values in both, the same charts drawn from the same data, and a PDF in each language
that carries a Japanese typeface."""

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from digideficit.paths import ROOT, SITE_DIR
from digideficit.site import build, languages
from digideficit.site.notebooks import glued
from digideficit.site.sphinx_ext import PDF

JA_SITE = SITE_DIR / "ja"


def html_pages(site: Path, skip_ja: bool) -> set[str]:
    return {
        str(p.relative_to(site))
        for p in site.rglob("*.html")
        if not any(part.startswith("_") for part in p.relative_to(site).parts)
        and not (skip_ja and p.relative_to(site).parts[0] == "ja")
    }


@pytest.fixture(scope="module")
def built():
    if not (JA_SITE / "index.html").exists():
        pytest.fail("no Japanese edition in the built site: run `make book` (make test does)")
    return SITE_DIR


# pages


def test_every_page_has_its_twin_in_the_other_language(built):
    english = html_pages(built, skip_ja=True)
    japanese = html_pages(JA_SITE, skip_ja=False)
    assert "chapters/summary.html" in english
    assert english == japanese


SWITCH = re.compile(r'<span class="dd-lang"><a href="([^"]+)" hreflang="(\w+)" lang="(\w+)"')
ALTERNATE = re.compile(r'<link rel="alternate" hreflang="(\w+)" href="([^"]+)"/>')
HTML_LANG = re.compile(r'<html lang="(\w+)"')


def resolved(page: Path, href: str) -> Path:
    return (page.parent / href).resolve()


@pytest.mark.parametrize("lang", languages.LANGS)
def test_each_page_declares_its_language_and_leads_to_its_twin(built, lang):
    site = languages.book(lang, built)
    other = languages.other(lang)
    pages = html_pages(site, skip_ja=lang == "en")
    wrong = []
    for name in sorted(pages):
        page = site / name
        text = page.read_text(encoding="utf-8")
        if name == "index.html":
            continue  # a redirect to the front page
        declared = HTML_LANG.search(text)
        if not declared or declared.group(1) != lang:
            wrong.append(f"{name}: <html lang> is {declared and declared.group(1)}")
        switch = SWITCH.search(text)
        twin = languages.book(other, built) / name
        if not switch or resolved(page, switch.group(1)) != twin.resolve():
            wrong.append(f"{name}: the language switch does not lead to {twin.relative_to(built)}")
        elif switch.group(2) != other or switch.group(3) != other:
            wrong.append(f"{name}: the switch is not marked as {other}")
        alternates = dict(ALTERNATE.findall(text))
        if set(alternates) != set(languages.LANGS):
            wrong.append(f"{name}: hreflang links for {sorted(alternates)}")
        elif resolved(page, alternates[other]) != twin.resolve() or (
            resolved(page, alternates[lang]) != page.resolve()
        ):
            wrong.append(f"{name}: hreflang links do not lead to this page and its twin")
    assert not wrong, "\n".join(wrong)


def test_a_switch_to_a_missing_page_is_found(tmp_path):
    """Negative control for the twin test: a page whose switch leads nowhere."""
    page = tmp_path / "chapters" / "x.html"
    page.parent.mkdir()
    href = languages.counterpart("chapters/x", "en")
    assert not resolved(page, href).exists()
    assert resolved(page, href) == (tmp_path / "ja" / "chapters" / "x.html").resolve()


def search_terms(site: Path) -> set[str]:
    text = (site / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text.removeprefix("Search.setIndex(").removesuffix(")"))
    return set(index["terms"])


def test_japanese_pages_are_indexed_in_japanese_words(built):
    """Sphinx's Japanese configuration splits the Japanese pages into words for search; the
    English index holds no Japanese words of the report's own."""
    japanese, english = search_terms(JA_SITE), search_terms(SITE_DIR)
    assert {"赤字", "デジタル"} <= japanese
    assert "赤字" not in english
    assert languages.TITLE["ja"] in (JA_SITE / "chapters" / "summary.html").read_text("utf-8")


# one computation, two wordings

MONTHS = (
    "January February March April May June July August September October November December"
).split()
NUMBER_WORDS = "two three four five six seven eight nine ten eleven twelve".split()
# an amount and its unit as each language writes it, as a multiple of one
SCALE_EN = {"trillion": Decimal("1e12"), "billion": Decimal("1e9"), "million": Decimal("1e6")}
SCALE_JA = {"兆": Decimal("1e12"), "億": Decimal("1e8"), "万": Decimal("1e4")}
AMOUNT_EN = re.compile(r"(\d[\d,]*(?:\.\d+)?)(?:\s(trillion|billion|million)\b)?")
AMOUNT_JA = re.compile(r"(\d[\d,]*(?:\.\d+)?)(?:(兆)(?:(\d[\d,]*)(億))?|(億|万))?")
# a unit on its own ("in 億円") names the same hundred million as "¥100 million"
BARE_OKU = re.compile(r"(?<![\d,.兆])億円")


def figures_in(text: str, lang: str) -> list[Decimal]:
    """The quantities a glued text states, in units of one: '¥6.60 trillion' and '6.60兆円'
    both give 6.60e12; 'April 2026' and '2026年4月' both give 4 and 2026."""
    found = []
    if lang == "en":
        for number, name in enumerate(MONTHS, start=1):
            text = re.sub(rf"\b{name}\b", f" {number} ", text)
        for number, word in enumerate(NUMBER_WORDS, start=2):
            text = re.sub(rf"\b{word}\b", f" {number} ", text, flags=re.I)
        for digits, scale in AMOUNT_EN.findall(text):
            found.append(Decimal(digits.replace(",", "")) * SCALE_EN.get(scale, 1))
    else:
        for digits, cho, oku_digits, _oku, scale in AMOUNT_JA.findall(text):
            value = Decimal(digits.replace(",", ""))
            if cho:
                value *= SCALE_JA["兆"]
                if oku_digits:
                    value += Decimal(oku_digits.replace(",", "")) * SCALE_JA["億"]
            elif scale:
                value *= SCALE_JA[scale]
            found.append(value)
        found += [SCALE_JA["億"]] * len(BARE_OKU.findall(text))
    return sorted(found)


ROUNDED = Decimal("1e6")  # amounts of money, which prose rounds to a few figures


def same_figures(english: list[Decimal], japanese: list[Decimal]) -> bool:
    """The same quantities: years, months, counts and shares exactly; amounts of money to
    the precision the coarser of the two gives them (prose rounds ¥383.3 billion to ¥383
    billion; Japanese writes 3,833億円)."""
    if len(english) != len(japanese):
        return False
    return all(
        a == b or (min(abs(a), abs(b)) >= ROUNDED and abs(a - b) / abs(a) <= Decimal("0.005"))
        for a, b in zip(english, japanese, strict=True)
    )


@pytest.mark.parametrize(
    ("english", "japanese"),
    [
        ("¥6.60 trillion", "6.60兆円"),
        ("April 2026", "2026年4月"),
        ("¥100 million (億円)", "億円"),
        ("¥383 billion", "3,833億円"),
        ("US$36.4 billion in 2022", "2022年に364億ドル"),
        ("twelve months to April 2026", "2026年4月までの12か月"),
        ("¥6 trillion 5,959 hundred million", "6兆5,959億円"),
    ],
)
def test_figures_are_read_alike_in_both_languages(english, japanese):
    if english.startswith("¥6 trillion 5,959"):
        assert figures_in(japanese, "ja") == [Decimal("6.5959e12")]
        return
    assert same_figures(figures_in(english, "en"), figures_in(japanese, "ja"))


@pytest.mark.parametrize(
    ("english", "japanese"),
    [("¥6.60 trillion", "6.50兆円"), ("April 2026", "2026年5月"), ("FY2025", "2024年度")],
)
def test_a_different_figure_is_found(english, japanese):
    assert not same_figures(figures_in(english, "en"), figures_in(japanese, "ja"))


CHAPTERS = [notebook.name for notebook in build.toc_notebooks(ROOT)]


@pytest.mark.parametrize("name", CHAPTERS)
def test_both_editions_glue_the_same_findings_with_the_same_figures(name):
    english = glued(ROOT / "chapters" / name)
    japanese = glued(languages.book("ja", ROOT) / "chapters" / name)
    assert english, f"chapters/{name} is not executed"
    assert english.keys() == japanese.keys()
    differ = [
        f"{key}: {english[key]!r} ≠ {japanese[key]!r}"
        for key in english
        if not same_figures(figures_in(english[key], "en"), figures_in(japanese[key], "ja"))
    ]
    assert not differ, "\n".join(differ)


def chart_data(notebook: Path) -> dict[str, list]:
    """Each chart's name and the data sets it plots, from an executed notebook's specs."""
    from digideficit.site import downloads

    return {
        name: [len(rows) for _key, rows in sorted(spec.get("datasets", {}).items())]
        for name, spec in downloads.specs_in(notebook).items()
    }


@pytest.mark.parametrize("name", CHAPTERS)
def test_both_editions_draw_the_same_charts_from_the_same_data(name):
    english = ROOT / "chapters" / name
    japanese = languages.book("ja", ROOT) / "chapters" / name
    from digideficit.site import downloads

    en_specs, ja_specs = downloads.specs_in(english), downloads.specs_in(japanese)
    assert en_specs.keys() == ja_specs.keys()
    for chart in en_specs:
        en_rows = downloads.plotted(en_specs[chart])
        ja_rows = downloads.plotted(ja_specs[chart])
        assert len(en_rows) == len(ja_rows), chart
        # the numbers plotted are the same, whatever the labels say
        en_numbers = en_rows.select_dtypes("number")
        ja_numbers = ja_rows.select_dtypes("number")
        assert sorted(en_numbers.columns) == sorted(ja_numbers.columns), chart
        for column in en_numbers.columns:
            assert sorted(en_numbers[column].dropna()) == sorted(ja_numbers[column].dropna()), (
                chart,
                column,
            )


# the PDF editions


def pdf_fonts(path: Path) -> set[str]:
    from pypdf import PdfReader

    fonts = set()
    for page in PdfReader(path).pages[:3]:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            fonts.add(str(font.get_object().get("/BaseFont", "")))
    return fonts


def test_each_edition_has_its_pdf_with_contents_and_bookmarks(built):
    from pypdf import PdfReader

    for lang in languages.LANGS:
        path = languages.book(lang, built) / PDF
        assert path.exists(), f"no {lang} PDF"
        reader = PdfReader(path)
        assert str(reader.trailer["/Root"].get("/Lang")) == lang
        titles = [item.title for item in reader.outline if not isinstance(item, list)]
        assert len(titles) >= len(CHAPTERS)
        first_page = reader.pages[0].extract_text()
        if lang == "ja":
            assert "目次" in first_page and languages.TITLE["ja"] in first_page
            # Chromium drew the Japanese with a real Japanese typeface, embedded in the file
            assert any(re.search(r"Gothic|Mincho|CJK|IPA|Noto", f) for f in pdf_fonts(path))
            assert all(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", t) for t in titles[:3])
        else:
            assert "Contents" in first_page


def test_the_pdf_link_of_each_language_leads_to_its_own_pdf(built):
    for lang in languages.LANGS:
        page = languages.book(lang, built) / "chapters" / "summary.html"
        links = re.findall(r'<p class="dd-pdf"><a href="([^"]+)"', page.read_text("utf-8"))
        assert links and resolved(page, links[0]) == (languages.book(lang, built) / PDF).resolve()


# in Chromium: the switch a phone reader taps, and the search a Japanese reader types


@pytest.mark.browser
@pytest.mark.parametrize("mode", ["light", "dark"])
def test_a_phone_reader_switches_to_the_same_page_in_one_tap(browser, site_url, mode):
    page = browser.new_page(viewport={"width": 390, "height": 844}, has_touch=True)
    page.emulate_media(color_scheme=mode)
    page.goto(f"{site_url}/ja/chapters/who-is-paid.html")
    switch = page.locator(".dd-lang a")
    box = switch.bounding_box()
    assert box and box["width"] >= 24 and box["height"] >= 24, "too small to tap"
    assert 0 <= box["x"] and box["x"] + box["width"] <= 390, "off the screen"
    switch.tap()
    page.wait_for_url(f"{site_url}/chapters/who-is-paid.html")
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator(".dd-lang a").tap()
    page.wait_for_url(f"{site_url}/ja/chapters/who-is-paid.html")
    assert page.locator("html").get_attribute("lang") == "ja"
    page.close()


@pytest.mark.browser
def test_searching_the_japanese_edition_in_japanese_finds_its_pages(browser, site_url):
    page = browser.new_page()
    page.goto(f"{site_url}/ja/search.html?q=" + "デジタル赤字")
    results = page.locator("#search-results ul.search li a")
    results.first.wait_for(timeout=30_000)
    found = {results.nth(i).get_attribute("href") for i in range(results.count())}
    assert any("chapters/summary.html" in href for href in found), found
    # and every result is a page of the Japanese edition
    assert all(not href.startswith("../") for href in found), found
    page.close()
