"""Sphinx extension for the book: what each page loads and shows, beyond the stock theme.

- Drops the live-code (Thebe) scripts that Jupyter Book adds to every page although live
  code is off: its inline configuration is emitted twice (a console error on every page) and
  it names a CDN the offline site must never need.
- Drops the assets of features the pages do not use (copy buttons: no code is shown;
  toggles and sphinx-design: only where a page has none), so a first visit stays light.
- Ships chart specs as Vega, compiled from Vega-Lite here, so that pages load the Vega
  runtime only and not the Vega-Lite compiler.
- Ends every chapter with one line linking to its section of the "Reproduce this report"
  appendix (`reproduce`), the one page that shows commands, parameters and file names.
- Leaves out each chart's download table (`dd-tidy`): the build writes it as the chart's CSV.
- Marks table cells that hold figures or periods (`dd-num`: one line, figures of equal
  width) and long sentences (`dd-long`: a minimum width), for tables that read at 390 px
  and in the PDF (dd.css).
- Links the PDF edition from every page; the build fills in its size once it is printed.
- Leads every page to the same page in the other language (`languages.switch`): the
  template shows the switch and the `hreflang` links.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

THEBE_MARKERS = ("THEBE_JS_URL", "sphinx-thebe")
# assets dropped on every page, and assets dropped unless the page's body uses them
UNUSED_ASSETS = ("copybutton", "clipboard.min.js")
USED_IF = {
    "togglebutton": ("toggle", "dropdown"),
    "toggleHint": ("toggle", "dropdown"),
    "toggleOpenOnPrint": ("toggle", "dropdown"),
    "togglebuttonSelector": ("toggle", "dropdown"),
    "sphinx-design": ("sd-",),
    "design-tabs": ("sd-tab",),
}
# the executed notebooks are copied here by the build (the appendix offers them), and the
# PDF written here
NOTEBOOKS = "_static/notebooks"
PDF = "japans-digital-trade-deficit.pdf"
PDF_TEXT = "Download the report (PDF)"  # the build writes the size in: see `pdf.link_size`
# each book's words for the PDF link (which keeps "(PDF)", where the size goes) and the line
# that ends a chapter; a book's language is Sphinx's `language` (None or "en": English)
PDF_TEXTS = {"en": PDF_TEXT, "ja": "報告書全文をダウンロード (PDF)"}
LINK_WORDS = {
    "en": {
        "pdf": " · the whole report, with contents and page numbers, for printing and citing",
        "reproduce": "How to reproduce this chapter",
        "reproduce_more": " · its data, parameters and notebook",
    },
    "ja": {
        "pdf": " · 目次とページ番号の付いた報告書全文（印刷・引用用）",
        "reproduce": "この章の再現方法",
        "reproduce_more": " · 使用したデータ、パラメータ、ノートブック",
    },
}
SPEC = re.compile(
    r'(<script type="application/json" class="dd-spec" data-for="chart-[a-z0-9-]+")>(.*?)</script>',
    re.S,
)


def asset_text(asset) -> str:
    return f"{getattr(asset, 'filename', '') or ''} {asset.attributes.get('body', '')}"


def is_thebe(asset) -> bool:
    return any(marker in asset_text(asset) for marker in THEBE_MARKERS)


def unused(asset, body: str) -> bool:
    text = asset_text(asset)
    if is_thebe(asset) or any(name in text for name in UNUSED_ASSETS):
        return True
    return any(
        name in text and not any(word in body for word in words) for name, words in USED_IF.items()
    )


def drop_unused(app, pagename, templatename, context, doctree):
    body = context.get("body", "")
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [asset for asset in context[key] if not unused(asset, body)]


def to_vega(match: re.Match) -> str:
    """One chart's Vega-Lite spec compiled to Vega (same data, same look)."""
    import vl_convert

    spec = json.loads(match.group(2).replace("<\\/", "</"))
    compiled = vl_convert.vegalite_to_vega(spec)
    text = json.dumps(compiled, sort_keys=True, ensure_ascii=False).replace("</", "<\\/")
    return f'{match.group(1)} data-grammar="vega">{text}</script>'


def reproduce_link(pathto, chapter: str, lang: str | None = None) -> str:
    """The line that ends a chapter: how to reproduce it is told once, in the appendix (the
    only page that shows commands and file names), in this chapter's own section; in the
    book's language `lang`."""
    from digideficit.site import reproduce

    words = LINK_WORDS.get(lang, LINK_WORDS["en"])
    href = f"{pathto(reproduce.PAGE)}#{reproduce.anchor(chapter)}"
    return (
        f'<p class="dd-reproduce-link"><a href="{href}">{words["reproduce"]}</a>'
        f"{words['reproduce_more']}</p>"
    )


# A chart's download table rides in the executed notebook for the build to write as CSV
# (see `downloads`); the page itself does not carry it.
TIDY = re.compile(r'<script type="application/json" class="dd-tidy"[^>]*>.*?</script>', re.S)

# Table cells holding a number, an amount or a period: kept on one line and in figures of
# equal width (dd.css), so a year is never broken one digit per line on a narrow screen or
# in the PDF. Long text cells are given a minimum width so a column of sentences is not
# squeezed into a tower of one-word lines.
TABLE = re.compile(r"<table\b.*?</table>", re.S)
ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.S)
CELL = re.compile(r"<(td|th)\b([^>]*)>(.*?)</\1>", re.S)
TAG = re.compile(r"<[^>]+>")
NUMBER = re.compile(
    r"^[(\[]?[−–+±~≈<>-]?\s?(?:¥|\$|US\$|€|£)?\s?\d[\d,.\u2009\u202f ]*"
    r"(?:\s?(?:%|pp|x|×|兆円|億円|trillion|billion|million|bn|tn|years?|months?))?[)\]]?"
    r"(?:\s\([^()]{1,20}\))?$"  # a short note in brackets: '-5.9477 (5-item)'
)
PERIOD = re.compile(
    r"^(?:(?:FY|CY|H[12]\s)?\d{4}"
    r"(?:[-/]\d{2}(?:[-/]\d{2})?|[-\s]?H[12]|[-\s]?Q[1-4]|年度?|年\d{1,2}月)?"
    r"(?:\s?[–/-]\s?(?:FY)?\d{2,4}(?:[-/]\d{2})?)?)$"
)
MONTH = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.? \d{4}$"
)
LONG_TEXT = 80  # characters: a cell this long holds sentences
MID_TEXT = 30  # and one this long, a phrase (a title, a publisher)
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]")


def cell_kind(text: str) -> str:
    """'dd-num' for a figure or period, 'dd-long' for a sentence or more, 'dd-text' for a
    phrase, 'empty' for an empty cell or a dash, '' otherwise."""
    text = html.unescape(TAG.sub("", text)).strip()
    if text in ("", "—", "–", "-", "n/a"):
        return "empty"
    if len(text) <= 24 and any(p.match(text) for p in (NUMBER, PERIOD, MONTH)):
        return "dd-num"
    # Japanese wraps between any two characters: a column of it would shrink to one
    # character a line without a width of its own
    if len(text) >= LONG_TEXT or len(CJK.findall(text)) >= 12:
        return "dd-long"
    return "dd-text" if len(text) >= MID_TEXT else ""


def with_class(attributes: str, name: str) -> str:
    found = re.search(r'class="([^"]*)"', attributes)
    if found:
        return attributes.replace(found.group(0), f'class="{found.group(1)} {name}"', 1)
    return f'{attributes} class="{name}"'


def mark_table(table: str) -> str:
    """Marks the cells of one table: figures and periods `dd-num` in a column of them
    (`dd-nowrap` among words), sentences `dd-long`, phrases `dd-text`, and the heading of a
    column of figures `dd-num-head`. Cells a chapter marked itself are left as they are."""
    rows = [CELL.findall(row) for row in ROW.findall(table)]
    columns: dict[int, list[str]] = {}
    for cells in rows:
        for index, (tag, _attrs, inner) in enumerate(cells):
            if tag == "td":
                columns.setdefault(index, []).append(cell_kind(inner))
    # a column of figures: every cell a figure or period, or empty (no figure that year)
    numeric = {
        i
        for i, kinds in columns.items()
        if "dd-num" in kinds and all(k in ("dd-num", "empty") for k in kinds)
    }

    def mark_row(row: re.Match) -> str:
        index = -1

        def mark_cell(cell: re.Match) -> str:
            nonlocal index
            index += 1
            tag, attrs, inner = cell.groups()
            if re.search(r'class="[^"]*\bdd-', attrs):
                return cell.group(0)  # marked by the chapter itself
            kind = cell_kind(inner).replace("empty", "")
            if tag == "th" and kind != "dd-num":
                # the heading of a column of figures lines up with them, and may wrap
                kind = "dd-num-head" if index in numeric else ""
            elif tag == "td" and kind == "dd-num" and index not in numeric:
                # a figure among words: kept on one line, aligned as its column is
                kind = "dd-nowrap"
            if not kind:
                return cell.group(0)
            return f"<{tag}{with_class(attrs, kind)}>{inner}</{tag}>"

        return CELL.sub(mark_cell, row.group(0))

    return re.sub(r"<tr\b[^>]*>.*?</tr>", mark_row, table, flags=re.S)


def mark_tables(body: str) -> str:
    return TABLE.sub(lambda m: mark_table(m.group(0)), body)


def pdf_link(pathto, lang: str | None = None) -> str:
    """The link to the book's PDF edition, in the book's language `lang`."""
    lang = lang if lang in PDF_TEXTS else "en"
    return (
        f'<p class="dd-pdf"><a href="{pathto(PDF, 1)}" download>{PDF_TEXTS[lang]}</a>'
        f"{LINK_WORDS[lang]['pdf']}</p>"
    )


def has_appendix(app) -> bool:
    from digideficit.site import reproduce

    return reproduce.PAGE in app.env.all_docs


def add_to_page(app, pagename, templatename, context, doctree):
    if "body" not in context:
        return
    body = mark_tables(SPEC.sub(to_vega, TIDY.sub("", context["body"])))
    pathto = context["pathto"]
    source = Path(app.env.doc2path(pagename)) if pagename in app.env.all_docs else None
    if source is not None and source.suffix == ".ipynb" and has_appendix(app):
        body += reproduce_link(pathto, source.stem, app.config.language)
    context["body"] = body + pdf_link(pathto, app.config.language)


def language_switch(app, pagename, templatename, context, doctree):
    from digideficit.site import languages

    lang = languages.page_language(app.config.language)
    context["dd_switch"] = languages.switch(pagename, lang)


def setup(app):
    app.connect("html-page-context", language_switch, priority=700)
    app.connect("html-page-context", add_to_page, priority=800)
    app.connect("html-page-context", drop_unused, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
