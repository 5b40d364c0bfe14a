"""Every page a reader reads is written as an economist writes: no generated-prose slips
("computed from 1 months", "2022 to 2022", "fiscal FY2024", "2.15 ¥ trillion"), no build
commands, file names or internal words ("papermill", "seed", ".csv"): those belong to the
"Reproduce this report" appendix alone. And two pages never state different values for
the same figure: a value glued under one key in several chapters is the same in each.

The checks read the built site (`make book`) and the committed executed notebooks; each
check is itself tested on small crafted pages that it must fail."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from digideficit.paths import SITE_DIR
from digideficit.site import build, health, reproduce
from digideficit.site.notebooks import glued

# pages that are not the report: the appendix (the one page for commands and file names),
# the build's own record, and Sphinx's search and index pages
NOT_READER_PAGES = {f"{reproduce.PAGE}.html", f"{health.PAGE}.html", "search.html", "genindex.html"}

# (what the slip is, the pattern that finds it)
SLIPS: list[tuple[str, re.Pattern]] = [
    (
        "a plural noun after 1 (or a plural verb)",
        re.compile(
            r"(?<![\d.,])\b1 (?:months|years|figures|sources|items|articles|claims|publications"
            r"|economies|quarters|are|were|have)\b"
        ),
    ),
    ("a range from a year to itself", re.compile(r"\b((?:FY|CY)?\d{4})\s?(?:to|–|-|—)\s?\1\b")),
    ("a range from a year to itself", re.compile(r"\bbetween ((?:FY)?\d{4}) and \1\b")),
    (
        "a range from a month to itself",
        re.compile(
            r"\b((?:January|February|March|April|May|June|July|August|September|"
            r"October|November|December) \d{4}) (?:to|–|-) \1\b"
        ),
    ),
    ("'fiscal' before FY", re.compile(r"\bfiscal FY", re.I)),
    (
        "a unit after the number",
        # a number, then its currency: '2.15 ¥ trillion', '-5.5 (¥ trillion)' — not a unit
        # note after a list ('2014–2025, ¥ trillion')
        re.compile(
            r"\d(?:[\d,.]*\d)?\s*\(?\s?(?:¥|US\$|\$)\s?(?:trillion|billion|million|tn|bn)\b"
        ),
    ),
    (
        "a build command",
        re.compile(
            r"\bmake (?:book|test|fetch|update|pdf|lint|bench|chromium"
            r"|node|clean|help)\b"
        ),
    ),
    ("an internal word", re.compile(r"\b(?:papermill|pytest|nbval|seed)\b", re.I)),
    ("a file name", re.compile(r"\w\.(?:ipynb|csv)\b|\bparams\.yml\b|(?<![\w/.-])data/")),
]


def slips(text: str) -> list[str]:
    """Every slip in a page's visible text, as 'what: …the words around it…'. A web
    address a reference shows is its own, file name and all."""
    text = re.sub(r"https?://\S+", "", text)
    found = []
    for what, pattern in SLIPS:
        for match in pattern.finditer(text):
            around = text[max(0, match.start() - 30) : match.end() + 30].replace("\n", " ")
            found.append(f"{what}: …{around}…")
    return found


SKIPPED = {"script", "style", "template", "noscript"}


class VisibleText(HTMLParser):
    """The text of a page's article as a reader sees it (not scripts, styles or hidden
    elements), with each chart's title, subtitle and axis and legend titles taken from its
    spec (the site draws them from there)."""

    VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source", "col", "area"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, hidden)
        self.in_main = 0
        self.spec: list[str] | None = None

    @property
    def hidden(self) -> bool:
        return any(hidden for _tag, hidden in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "main":
            self.in_main += 1
        if tag == "script" and "dd-spec" in (attrs.get("class") or ""):
            self.spec = []
        if tag in self.VOID:
            return
        hidden = (
            tag in SKIPPED or "hidden" in attrs or attrs.get("aria-hidden") == "true"
        ) and tag != "main"
        self.stack.append((tag, hidden))

    def handle_endtag(self, tag):
        if tag == "script" and self.spec is not None:
            self.parts.append(" ".join(chart_words(json.loads("".join(self.spec)))))
            self.spec = None
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break
        if tag == "main":
            self.in_main -= 1

    def handle_data(self, data):
        if self.spec is not None:
            self.spec.append(data)
        elif self.in_main and not self.hidden:
            self.parts.append(data)

    def text(self) -> str:
        return re.sub(r"\s+", " ", " ".join(self.parts))


def chart_words(spec) -> list[str]:
    """The words a chart shows besides its data: titles of the chart, its axes and legends."""
    words: list[str] = []
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key in ("title", "subtitle", "text") and isinstance(value, (str, list)):
                words += (
                    [value] if isinstance(value, str) else [v for v in value if isinstance(v, str)]
                )
            elif key not in ("data", "datasets", "usermeta"):
                words += chart_words(value)
    elif isinstance(spec, list):
        for value in spec:
            words += chart_words(value)
    return words


def visible_text(page: str) -> str:
    parser = VisibleText()
    parser.feed(page)
    return parser.text()


def reader_pages() -> list[Path]:
    if not SITE_DIR.exists():
        return []
    return sorted(
        p
        for p in SITE_DIR.rglob("*.html")
        if not any(part.startswith("_") for part in p.relative_to(SITE_DIR).parts)
        and p.name not in NOT_READER_PAGES
        and "http-equiv" not in p.read_text(encoding="utf-8")[:300]  # index.html redirects
    )


def test_the_site_is_built():
    assert reader_pages(), "no built site: run `make book` first (make test does)"


@pytest.mark.parametrize("path", reader_pages(), ids=lambda p: str(p.relative_to(SITE_DIR)))
def test_reader_page_has_no_slips(path):
    assert slips(visible_text(path.read_text(encoding="utf-8"))) == []


# the checks, each failing on a small crafted page


def page(body: str) -> str:
    return f"<html><body><nav>make book</nav><main><article>{body}</article></main></body></html>"


@pytest.mark.parametrize(
    "wrong",
    [
        "The rolling sum is computed from 1 months.",
        "Of these, 1 are wrong.",
        "2022 to 2022 (1 figures)",
        "1 years, 1 sources",
        "figures for 2022–2022",
        "from FY2023 to FY2023",
        "between 2021 and 2021",
        "April 2026 to April 2026",
        "the deficit in fiscal FY2024",
        "a deficit of 2.15 ¥ trillion",
        "+2.55 ¥ trillion, from 2014 to 2022",
        "6.65 ¥ tn",
        "-5.5 (¥ trillion)",
        "24 US$ bn",
        "Run make fetch to update.",
        "executed with papermill",
        "checked by pytest",
        "nbval compares outputs",
        "seed 000",
        "AInvest (Seed 000)",
        "see summary.ipynb",
        "in boj_monthly.csv",
        "set in params.yml",
        "the files in data/",
    ],
)
def test_each_slip_is_found(wrong):
    assert slips(visible_text(page(f"<p>{wrong}</p>"))), wrong


@pytest.mark.parametrize(
    "right",
    [
        "The rolling sum is computed from 12 months.",
        "1 year, 1 source, 1 figure; 1.5 years",
        "from 2022 to 2024 (3 figures)",
        "FY2024, the fiscal year to March 2025",
        "a deficit of ¥6.60 trillion (US$44 billion)",
        "Digital services make up a growing share.",
        "Download: data (CSV) · metadata (JSON)",
        "the data for 2024",
        "in ¥100 million (億円)",
        "Calendar years 2014–2025, ¥ trillion; balances signed",
        "https://www.nippon.com/en/japan-data/h02408/",
    ],
)
def test_sound_prose_passes(right):
    assert slips(visible_text(page(f"<p>{right}</p>"))) == []


def test_only_what_a_reader_sees_is_read():
    spec = json.dumps({"title": {"text": ["Deficit, 2022 to 2022"]}, "data": [{"seed": 1}]})
    crafted = (
        "<html><head><title>papermill</title></head><body><nav>nbval</nav><main>"
        "<script>var seed = 1;</script><style>.seed {}</style>"
        "<p hidden>make book</p><span aria-hidden='true'>params.yml</span>"
        "<p>Clean sentence.</p>"
        f'<script type="application/json" class="dd-spec" data-for="chart-x">{spec}</script>'
        "</main><footer>pytest</footer></body></html>"
    )
    text = visible_text(crafted)
    assert "Clean sentence." in text
    # the chart's title counts (its slip is found); scripts, hidden parts and the theme's
    # navigation outside the article do not
    assert [s.split(":")[0] for s in slips(text)] == ["a range from a year to itself"]


# two pages, one figure, one value


def disagreements(by_notebook: dict[str, dict[str, str]]) -> list[str]:
    """Keys glued in more than one notebook with different values, as 'key: a (x) ≠ b (y)'."""
    seen: dict[str, dict[str, str]] = {}
    for notebook, values in by_notebook.items():
        for key, value in values.items():
            seen.setdefault(key, {})[notebook] = " ".join(str(value).split())
    found = []
    for key, where in sorted(seen.items()):
        if len(set(where.values())) > 1:
            stated = " ≠ ".join(f"{value!r} ({notebook})" for notebook, value in where.items())
            found.append(f"{key}: {stated}")
    return found


def test_a_figure_glued_in_several_chapters_has_one_value():
    by_notebook = {notebook.stem: glued(notebook) for notebook in build.toc_notebooks()}
    assert any(by_notebook.values()), "no glued values: are the notebooks executed?"
    assert disagreements(by_notebook) == []


def test_a_figure_stated_twice_differently_is_found():
    by_notebook = {
        "summary": {"latest_year": "2025", "deficit": "¥6.60 trillion"},
        "definitions": {"deficit": "¥6.60  trillion", "basis": "3 items"},
        "growth-drivers": {"latest_year": "2024"},
    }
    found = disagreements(by_notebook)
    assert found == ["latest_year: '2025' (summary) ≠ '2024' (growth-drivers)"]
