"""HTML tables for the chapters' figures modules: header, rows of already-phrased cells
(escaped here unless marked as markup), optional group rows, and a caption; the same
markup on every run."""

from __future__ import annotations

import html
from dataclasses import dataclass

from IPython.display import HTML


@dataclass(frozen=True)
class Raw:
    """A cell that is markup already (a link, a <details>): not escaped."""

    markup: str


def cell(value) -> str:
    if isinstance(value, Raw):
        return value.markup
    return html.escape("" if value is None else str(value))


def row(
    values,
    header: bool = False,
    numeric: frozenset[int] = frozenset(),
    nowrap: frozenset[int] = frozenset(),
) -> str:
    """One row; the cells of the `numeric` columns (figures) are marked to align right, those
    of the `nowrap` columns keep to one line."""
    tag = "th" if header else "td"
    cells = []
    for i, value in enumerate(values):
        right = ' class="dd-num"' if i in numeric else ""
        line = ' style="white-space:nowrap"' if i in nowrap and not header else ""
        cells.append(f"<{tag}{right}{line}>{cell(value)}</{tag}>")
    return "<tr>" + "".join(cells) + "</tr>"


def table(
    columns: list[str],
    groups: list[tuple[str | None, list[list]]],
    caption: str | None = None,
    css: str = "dd-table",
    numeric: tuple[int, ...] = (),
    nowrap: tuple[int, ...] = (),
) -> HTML:
    """`groups`: (group heading or None, rows); each group is its own <tbody>, its heading a
    row spanning the table. `numeric`: the indexes of the columns of figures; `nowrap`: of
    the trailing columns kept to one line (on a phone they scroll into view rather than
    make every row tall)."""
    # a compact table reads at a smaller size, so that its key columns fit a phone's width
    style = ' style="font-size:0.8rem"' if "dd-compact" in css.split() else ""
    parts = [f'<table class="table {css}"{style}>']
    if caption:
        parts.append(f"<caption>{html.escape(caption)}</caption>")
    figures = frozenset(numeric)
    parts.append("<thead>" + row(columns, header=True, numeric=figures) + "</thead>")
    for heading, rows in groups:
        parts.append("<tbody>")
        if heading:
            parts.append(
                f'<tr class="dd-group"><th colspan="{len(columns)}" scope="rowgroup">'
                f"{html.escape(heading)}</th></tr>"
            )
        parts.extend(row(values, numeric=figures, nowrap=frozenset(nowrap)) for values in rows)
        parts.append("</tbody>")
    parts.append("</table>")
    return HTML("".join(parts))


def link(text: str, href: str) -> Raw:
    return Raw(f'<a href="{html.escape(href, quote=True)}">{html.escape(text)}</a>')


def source_link(source_id: str, text: str) -> Raw:
    """A source named as the page shows it, linked to its entry on the references page."""
    return link(text, f"references.html#src-{source_id}")
