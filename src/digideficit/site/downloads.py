"""Per-chart downloads: the data each chart plots as CSV, and a metadata file beside it
(title, units, sources, licence, suggested citation), written into the site at build time
from the chart specs in the executed notebooks."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pandas as pd

from digideficit.analysis import citation

SPEC = re.compile(
    r'<script type="application/json" class="dd-spec" data-for="chart-([a-z0-9-]+)">(.*?)</script>',
    re.S,
)
TIDY = re.compile(
    r'<script type="application/json" class="dd-tidy" data-for="chart-([a-z0-9-]+)">(.*?)</script>',
    re.S,
)
LICENCE = {
    "en": (
        "The figures are official statistics and published facts: cite the original source "
        "of each (listed under 'sources'). The selection, derivation and layout are the "
        "report's."
    ),
    "ja": (
        "数値は公的統計と公表された事実であり、引用の際はそれぞれの原典（sources に記載）を"
        "示すこと。数値の選択・算出・構成は本報告による。"
    ),
}
# a chart's download table, headed in the language of the edition that offers it
HEADERS_JA = {
    "period": "期間",
    "year": "年",
    "month": "月",
    "item": "項目",
    "flow": "収支",
    "basis": "定義",
    "series": "系列",
    "partner": "相手国・地域",
    "value": "値",
    "unit": "単位",
    "vintage": "公表時点",
    "source": "出典",
}
SOURCES_LABEL = re.compile(r"Sources?:|出典[：:]")


def specs_in(notebook: Path, pattern: re.Pattern = SPEC) -> dict:
    """Every chart spec a notebook's outputs carry, by chart name (with `TIDY`: every
    chart's download table)."""
    found = {}
    for cell in nbformat.read(notebook, as_version=4).cells:
        for output in cell.get("outputs", []):
            html = output.get("data", {}).get("text/html", "")
            for name, text in pattern.findall("".join(html)):
                found[name] = json.loads(text.replace("<\\/", "</"))
    return found


def plotted(spec: dict) -> pd.DataFrame:
    """The rows the chart plots: its data sets, stacked, with `dataset` naming each when
    there are several (a layered chart draws each from its own)."""
    datasets = spec.get("datasets", {})
    frames = [
        pd.DataFrame(rows).assign(dataset=f"part {number}")
        for number, (_key, rows) in enumerate(sorted(datasets.items()), start=1)
    ]
    if not frames:
        return pd.DataFrame()
    table = pd.concat(frames, ignore_index=True)
    return table if len(frames) > 1 else table.drop(columns="dataset")


def axis_titles(spec) -> list[str]:
    """Titles of the x and y encodings anywhere in the spec: they carry the units."""
    titles = []
    if isinstance(spec, dict):
        encoding = spec.get("encoding", {})
        for channel in ("x", "y"):
            title = encoding.get(channel, {}).get("title") if encoding.get(channel) else None
            if title and title not in titles:
                titles.append(title)
        for value in spec.values():
            titles += [t for t in axis_titles(value) if t not in titles]
    elif isinstance(spec, list):
        for value in spec:
            titles += [t for t in axis_titles(value) if t not in titles]
    return titles


def metadata(
    name: str, spec: dict, chapter: str, rows: int, tidy: bool = False, lang: str = "en"
) -> dict:
    title = spec.get("title", {})
    text = citation.spec_title(spec)
    subtitle = title.get("subtitle", []) if isinstance(title, dict) else []
    subtitle = [subtitle] if isinstance(subtitle, str) else subtitle
    joined = " ".join(subtitle)
    sources = SOURCES_LABEL.split(joined, maxsplit=1)
    return {
        "chart": name,
        "chapter": chapter,
        "title": text,
        "notes": joined,
        "units": axis_titles(spec),
        "sources": sources[1].strip()
        if len(sources) > 1
        else {"en": "see the chapter", "ja": "章の本文を参照"}[lang],
        "rows": rows,
        # the chart's own tidy table (charts.figure's `table`), or the columns it plots
        "tidy": tidy,
        "licence": LICENCE[lang],
        "citation": citation.chart(name, text, lang),
    }


def write(notebooks: list[Path], target: Path, lang: str = "en") -> list[str]:
    """Writes NAME.csv and NAME.json for every chart, in the edition's language (the
    Japanese CSV is headed in Japanese); returns the chart names."""
    target.mkdir(parents=True, exist_ok=True)
    names = []
    for notebook in notebooks:
        tidy = specs_in(notebook, TIDY)
        for name, spec in specs_in(notebook).items():
            table = pd.DataFrame(tidy[name]) if name in tidy else plotted(spec)
            if lang == "ja":
                table = table.rename(columns=HEADERS_JA)
            table.to_csv(target / f"{name}.csv", index=False, lineterminator="\n")
            meta = metadata(name, spec, notebook.stem, len(table), tidy=name in tidy, lang=lang)
            (target / f"{name}.json").write_text(
                json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
            )
            names.append(name)
    return names
