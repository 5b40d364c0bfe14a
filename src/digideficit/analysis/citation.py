"""How to cite the report and each of its charts: one wording, used by the front page, the
line under every chart and the chart's metadata download."""

from __future__ import annotations

import pandas as pd

AUTHOR = "The digital-deficit report team"
TITLE = "Japan's digital trade deficit: a reference analysis"
# the same in the Japanese edition
AUTHOR_JA = "デジタル赤字報告書チーム"
TITLE_JA = "日本のデジタル赤字：国際収支統計による分析"


def data_vintage(digital_rows: pd.DataFrame) -> str:
    """The publication date of the most recent official or press figure the report uses
    (seed articles are claims, not data), from rows joined with their sources."""
    return str(digital_rows.loc[digital_rows["source_kind"] != "seed", "source_date"].max())


def report(vintage: str, basis: str) -> str:
    """The suggested citation of the whole report (Markdown)."""
    return (
        f"{AUTHOR}, *{TITLE}*, data as published to {vintage}, {basis} basis. "
        "Jupyter Book, built from the sourced data files in its `data/` folder."
    )


def chart(name: str, title: str) -> str:
    """The suggested citation of one chart: its title and its figure id on the site."""
    return f"{AUTHOR}, \u201c{title}\u201d (figure {name}), in {TITLE}."


def spec_title(spec: dict) -> str:
    """A Vega-Lite spec's title as one line (titles may be split into lines)."""
    title = spec.get("title", "")
    text = title.get("text", "") if isinstance(title, dict) else title
    return " ".join(text) if isinstance(text, list) else str(text)
