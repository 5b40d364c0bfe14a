"""Sphinx extension for the book: what each page loads and shows, beyond the stock theme.

- Drops the live-code (Thebe) scripts that Jupyter Book adds to every page although live
  code is off: its inline configuration is emitted twice (a console error on every page) and
  it names a CDN the offline site must never need.
- Drops the assets of features the pages do not use (copy buttons: no code is shown;
  toggles and sphinx-design: only where a page has none), so a first visit stays light.
- Ships chart specs as Vega, compiled from Vega-Lite here, so that pages load the Vega
  runtime only and not the Vega-Lite compiler.
- Ends every chapter with a "Reproduce this chapter" box: its notebook, its parameters with
  their defaults, the papermill command and a download of the executed notebook (code is
  off the reader's page; it lives in the notebooks).
- Links the PDF edition from every page; the build fills in its size once it is printed.
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
# the executed notebooks are copied here by the build, and the PDF written here
NOTEBOOKS = "_static/notebooks"
PDF = "japans-digital-trade-deficit.pdf"
PDF_TEXT = "Download the report (PDF)"  # the build writes the size in: see `pdf.link_size`
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


def rule_text(rule) -> str:
    if rule.choices is not None:
        return "one of " + ", ".join(f"<code>{html.escape(str(c))}</code>" for c in rule.choices)
    if rule.low is not None:
        return f"{rule.kind.__name__} from {rule.low} to {rule.high}"
    return rule.kind.__name__


def reproduce_box(source: Path, pathto) -> str:
    """The box that ends a chapter: enough to re-run it with other parameters."""
    import nbformat

    from digideficit.validated import params

    chapter = source.stem
    used = nbformat.read(source, as_version=4).metadata.get("papermill", {}).get("parameters", {})
    rules = params.RULES.get(chapter, {})
    rows = "".join(
        f"<tr><td><code>{html.escape(name)}</code></td>"
        f"<td><code>{html.escape(str(used.get(name, '')))}</code></td>"
        f"<td>{rule_text(rule)}</td><td>{html.escape(rule.help)}</td></tr>"
        for name, rule in rules.items()
    )
    table = (
        '<div class="dd-table-frame"><table class="table dd-reproduce-params">'
        "<caption>Parameters and the values this edition uses (set in "
        "<code>params.yml</code>)</caption>"
        '<thead><tr><th scope="col">parameter</th><th scope="col">default</th>'
        '<th scope="col">accepted</th><th scope="col">meaning</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div>"
        if rows
        else "<p>This chapter takes no parameters.</p>"
    )
    options = " ".join(f"-p {name} {used.get(name, '…')}" for name in rules)
    command = f"cd chapters && ../.venv/bin/papermill {chapter}.ipynb /tmp/{chapter}-rerun.ipynb"
    command += f" {options}" if options else ""
    notebook = pathto(f"{NOTEBOOKS}/{chapter}.ipynb", 1)
    return (
        '<aside class="dd-reproduce" aria-labelledby="dd-reproduce-title">'
        '<h2 id="dd-reproduce-title">Reproduce this chapter</h2>'
        f"<p>This page is the notebook <code>chapters/{chapter}.ipynb</code>, executed from the "
        "data files in <code>data/</code> when the report was built. "
        f'<a href="{notebook}" download>Download the executed notebook</a> '
        "(code and outputs).</p>"
        f"{table}"
        "<p>To run it again with other values, from the project folder "
        "(<code>make book</code> installs <code>.venv</code>):</p>"
        f'<pre class="dd-command" tabindex="0"><code>{html.escape(command)}</code></pre>'
        "</aside>"
    )


def pdf_link(pathto) -> str:
    return (
        f'<p class="dd-pdf"><a href="{pathto(PDF, 1)}" download>{PDF_TEXT}</a>'
        " · the whole report, with contents and page numbers, for printing and citing</p>"
    )


def add_to_page(app, pagename, templatename, context, doctree):
    if "body" not in context:
        return
    body = SPEC.sub(to_vega, context["body"])
    pathto = context["pathto"]
    source = Path(app.env.doc2path(pagename)) if pagename in app.env.all_docs else None
    if source is not None and source.suffix == ".ipynb":
        body += reproduce_box(source, pathto)
    context["body"] = body + pdf_link(pathto)


def setup(app):
    app.connect("html-page-context", add_to_page, priority=800)
    app.connect("html-page-context", drop_unused, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
