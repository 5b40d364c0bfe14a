"""Charts: a colour-blind-safe theme, a text alternative written from the data, and HTML
that draws with the site's own Vega bundle (no CDN) and the same markup on every run."""

from __future__ import annotations

import html
import json
import re
import textwrap

import altair as alt
import pandas as pd
from IPython.display import HTML

from digideficit.analysis import citation, wording
from digideficit.analysis import quantities as q

# Okabe–Ito: distinguishable with the common colour-vision deficiencies; its black is
# replaced by a mid grey, which stays visible on the dark theme
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#999999"]
# the palette without its yellow, which is too faint for small marks on a light page
MARK_PALETTE = [colour for colour in PALETTE if colour != "#F0E442"]
SHAPES = ["circle", "square", "triangle-up", "diamond", "cross", "triangle-down"]


def base_config(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    # a chart sized by its rows (a height step per row, as the timelines) keeps that size:
    # squeezed into the default height, a long list of rows would lose every other label
    height = chart.height if isinstance(chart.height, alt.Step) else 320
    return (
        chart.configure_range(category=PALETTE)
        .configure_title(anchor="start", fontSize=15, subtitleFontSize=12)
        # on a narrow chart Vega drops every other label rather than overprint them
        .configure_axis(labelFontSize=12, titleFontSize=12, labelOverlap=True, labelSeparation=4)
        .configure_legend(
            labelFontSize=12, titleFontSize=12, orient="bottom", columns=2, labelLimit=300
        )
        .configure_view(stroke=None)
        .properties(width="container", height=height, background="transparent")
    )


TEXT_WORDS = {
    "en": {
        "none": "{what}: no figures.",
        "span": "{what}, {first} to {last} ({count}).",
        "one": "{what}, {first} ({count}).",
        "low_high": " Lowest {low} in {low_at}; highest {high} in {high_at}.",
        "latest": " Latest: {latest} in {latest_at}.",
        "step": " Largest change between consecutive figures: {step}, from {before} to {after}.",
        "listed": "{what} ({count}). {listed}.",
        "item": "{name}: {value}",
        "extremes": " Highest: {high}; lowest: {low}.",
        "figures": ("figure", "figures"),
        "sep": "; ",
        "points": "percentage points",
    },
    "ja": {
        "none": "{what}：数値なし。",
        "span": "{what}（{span}、{count}）。",
        "one": "{what}（{first}、{count}）。",
        "low_high": "最低は{low_at}の{low}、最高は{high_at}の{high}。",
        "latest": "最新は{latest_at}の{latest}。",
        "step": "前の時点からの変化が最も大きかったのは{before}から{after}にかけての{step}。",
        "listed": "{what}（{count}）。{listed}。",
        "item": "{name}：{value}",
        "extremes": "最高は{high}、最低は{low}。",
        "figures": ("件", "件"),
        "sep": "、",
        "points": "ポイント",
    },
}
# between the sentences of a description made of several: Japanese runs them on
SENTENCE_JOIN = {"en": " ", "ja": ""}
# units as a Japanese description writes them after the number (amounts of money go
# through `wording`, as prose says them)
UNITS_JA = {"times": "倍"}
MONEY_UNITS = {"¥ trillion": ("JPY_tn", 2), "US$ billion": ("USD_bn", None)}


def sentences(parts, lang: str = "en") -> str:
    """Descriptions one after the other, as the language runs sentences together."""
    return SENTENCE_JOIN[wording.checked(lang)].join(parts)


def with_unit(value: float, unit: str, lang: str = "en", signed: bool = False) -> str:
    """A figure with its unit the way the language writes it: '¥2.02 trillion' (the
    currency before the number), '47%', '3.2 times'; '2.02兆円', '1,134億ドル' (amounts in
    Japanese as `wording` says them). Two decimals at most."""
    # the sign goes before the currency, a true minus: −¥0.11 trillion; amounts of money
    # keep two decimals, as prose says them (¥6.60 trillion)
    money = unit.startswith(("¥ ", "US$ "))
    number = f"{abs(value):,.2f}" if money else f"{round(abs(value), 2):,g}"
    sign = "−" if round(value, 2) < 0 else "+" if signed and round(value, 2) > 0 else ""
    if lang == "ja":
        if unit in MONEY_UNITS:
            code, places = MONEY_UNITS[unit]
            shown = round(value, 2)
            style = "signed" if sign else "amount"
            return wording.say(q.Money(shown, code, style=style, places=places), "ja")
        return f"{sign}{number}{UNITS_JA.get(unit, unit)}"
    for currency in ("¥", "US$"):
        if unit.startswith(currency + " "):
            return f"{sign}{currency}{number} {unit.removeprefix(currency + ' ')}"
    return f"{sign}{number}{unit}" if unit == "%" else f"{sign}{number} {unit}"


def change(value: float, unit: str, lang: str = "en") -> str:
    """A change between two figures, signed: of a percentage, in percentage points
    (+5.7 percentage points, +5.7ポイント), never in per cent."""
    if unit != "%":
        return with_unit(value, unit, lang, signed=True)
    said = with_unit(value, "", lang, signed=True).rstrip()
    points = TEXT_WORDS[lang]["points"]
    return f"{said}{points}" if lang == "ja" else f"{said} {points}"


def figure_count(n: int, lang: str) -> str:
    singular, plural = TEXT_WORDS[lang]["figures"]
    return f"{n}{singular}" if lang == "ja" else f"{n} {singular if n == 1 else plural}"


def period_code(label: str, fiscal: bool) -> str:
    """The period a label names, as `wording` reads it: 2025, FY2025, 2026-04."""
    return f"FY{label}" if fiscal and label.isdigit() else label


def describe_series(
    frame: pd.DataFrame,
    x: str,
    y: str,
    what: str,
    unit: str,
    magnitude: bool = False,
    lang: str = "en",
    fiscal: bool = False,
) -> str:
    """A text alternative from the data: what is shown, the range, the latest value and the
    largest change between consecutive figures (of a percentage, in percentage points).
    `magnitude` reports absolute values (a deficit stated as a positive amount). In
    Japanese the periods (`x`: a year, a month 2026-04, or with `fiscal` a fiscal year)
    are said as prose says them: 2025年, 2026年4月, 2025年度."""
    words = TEXT_WORDS[wording.checked(lang)]
    rows = frame.dropna(subset=[y]).sort_values(x)
    if rows.empty:
        return words["none"].format(what=what)
    values = rows[y].abs() if magnitude else rows[y]
    codes = rows[x].astype(str)
    if lang == "ja":
        codes = codes.map(lambda label: period_code(label, fiscal))
        labels = codes.map(lambda code: wording.period(code, lang))
    else:
        labels = codes
    count = figure_count(len(rows), lang)
    if len(rows) == 1:
        return words["one"].format(what=what, first=labels.iloc[0], count=count) + words[
            "latest"
        ].format(latest=with_unit(values.iloc[0], unit, lang), latest_at=labels.iloc[0])
    low, high = values.idxmin(), values.idxmax()
    text = words["span"].format(
        what=what,
        first=labels.iloc[0],
        last=labels.iloc[-1],
        span=wording.say(q.Span(codes.iloc[0], codes.iloc[-1]), lang),
        count=count,
    )
    text += words["low_high"].format(
        low=with_unit(values[low], unit, lang),
        low_at=labels[low],
        high=with_unit(values[high], unit, lang),
        high_at=labels[high],
    )
    text += words["latest"].format(
        latest=with_unit(values.iloc[-1], unit, lang), latest_at=labels.iloc[-1]
    )
    steps = values.diff().iloc[1:]
    big = steps.abs().idxmax()
    before = rows.index[rows.index.get_loc(big) - 1]
    return text + words["step"].format(
        step=change(steps[big], unit, lang),
        before=labels[before],
        after=labels[big],
    )


def describe_categories(
    frame: pd.DataFrame,
    label: str,
    y: str,
    what: str,
    unit: str,
    magnitude: bool = False,
    lang: str = "en",
) -> str:
    """A text alternative for bars that are categories, not a time series: every figure in
    the frame's order, then the highest and lowest. `magnitude` as in `describe_series`."""
    words = TEXT_WORDS[wording.checked(lang)]
    rows = frame.dropna(subset=[y])
    if rows.empty:
        return words["none"].format(what=what)
    values = rows[y].abs() if magnitude else rows[y]
    listed = words["sep"].join(
        words["item"].format(name=name, value=with_unit(value, unit, lang))
        for name, value in zip(rows[label], values, strict=True)
    )
    # a label may end in a full stop ('… etc.') of its own
    listed = listed.removesuffix(".")
    text = words["listed"].format(what=what, count=figure_count(len(rows), lang), listed=listed)
    if len(rows) > 1:
        high, low = values.idxmax(), values.idxmin()
        extremes = words["extremes"].format(high=rows.loc[high, label], low=rows.loc[low, label])
        # a label may end in a full stop of its own: 'etc..' is said 'etc.'
        text += extremes.replace("..", ".")
    return text


def sources_line(publishers, limit: int = 4) -> str:
    """A chart's sources for its subtitle: named when few; when many, counted and pointed
    to the page's table, the sources list at its foot and the chart's data download, which
    name every figure's source (a subtitle of twenty publishers buries the chart)."""
    names = sorted({p for p in publishers if isinstance(p, str) and p})
    if len(names) <= limit:
        return "Sources: " + "; ".join(names)
    return f"Sources: {len(names)} publications (see the tooltips, download and page sources)"


# the build writes each chart's files here (see `downloads`); chapter pages sit one level down
DOWNLOADS = "../_static/downloads"
TITLE_WIDTH = 70
SUBTITLE_WIDTH = 100


WIDE = re.compile(r"[\u2e80-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")


def wrapped(line: str, width: int) -> list[str]:
    """A line split into lines of about `width` characters at spaces. Japanese, written
    without spaces, is left whole: split at a fixed count it would break a figure or a word,
    and the site's `dd-charts.js` wraps it between characters for the width at hand."""
    return [line] if WIDE.search(line) else textwrap.wrap(line, width)


def wrapped_title(spec: dict) -> dict:
    """Vega does not wrap titles: long ones are cut at the chart's edge, so they are split
    into lines here for a desktop-width page (and for static exports); the site's
    `dd-charts.js` wraps them again for the width a reader's screen gives the chart."""
    title = spec.get("title")
    if not isinstance(title, dict):
        return spec
    text = title.get("text", "")
    lines = text if isinstance(text, list) else [text]
    title["text"] = [part for line in lines for part in wrapped(line, TITLE_WIDTH)]
    subtitle = title.get("subtitle")
    if subtitle:
        lines = subtitle if isinstance(subtitle, list) else [subtitle]
        title["subtitle"] = [part for line in lines for part in wrapped(line, SUBTITLE_WIDTH)]
        # the lines as written, so that a narrower screen re-wraps each sentence whole
        # instead of splitting the desktop lines again (which leaves stubs of a word or two)
        spec.setdefault("usermeta", {})["subtitleLines"] = lines
    return spec


def fields_used(spec) -> set[str]:
    """Every data field an encoding (position, colour, text, tooltip …) refers to."""
    found: set[str] = set()
    if isinstance(spec, dict):
        if isinstance(spec.get("field"), str):
            found.add(spec["field"])
        for key, value in spec.items():
            if key != "datasets":
                found |= fields_used(value)
    elif isinstance(spec, list):
        for value in spec:
            found |= fields_used(value)
    return found


def pruned(spec: dict) -> dict:
    """Keeps only the columns the chart draws: the page does not carry the rest of the
    frame, and the chart's download is exactly what it plots."""
    used = fields_used(spec)
    spec["datasets"] = {
        key: [{k: v for k, v in row.items() if k in used} for row in rows]
        for key, rows in spec.get("datasets", {}).items()
    }
    return spec


# what a chart's download must say of each figure besides its value
TIDY_COLUMNS = ("value", "unit", "vintage", "source")
# the same columns as a download of the Japanese edition names them
TIDY_COLUMNS_JA = {"value": "値", "unit": "単位", "vintage": "公表時点", "source": "出典"}


def tidy_json(table: pd.DataFrame, name: str) -> str:
    """The figures a chart shows, as its CSV download will hold them: one row per figure,
    with its unit, vintage and source (headed in English or in Japanese); whole years as
    integers."""
    missing = [
        column
        for column in TIDY_COLUMNS
        if column not in table.columns and TIDY_COLUMNS_JA[column] not in table.columns
    ]
    if missing:
        raise ValueError(f"chart {name}: its download table lacks {', '.join(missing)}")
    value = "value" if "value" in table.columns else TIDY_COLUMNS_JA["value"]
    if table[value].isna().any():
        raise ValueError(f"chart {name}: its download table has a figure without a value")
    records = json.loads(table.to_json(orient="records", force_ascii=False, double_precision=15))
    return json.dumps(records, sort_keys=False, ensure_ascii=False).replace("</", "<\\/")


# what every chart carries besides itself, in the language of its page
FIGURE_WORDS = {
    "en": {
        "description": "Chart description:",
        "download": "Download what this chart plots:",
        "csv": "data (CSV)",
        "json": "metadata, sources and citation (JSON)",
        "cite": "Cite this chart:",
    },
    "ja": {
        "description": "グラフの説明：",
        "download": "このグラフのデータをダウンロード：",
        "csv": "データ（CSV）",
        "json": "メタデータ・出典・引用表記（JSON）",
        "cite": "このグラフの引用：",
    },
}
# classes a figure may carry (see the site's dd.css): hidden on a phone, or shown only there
FIGURE_CLASSES = ("dd-wide-only", "dd-narrow-only")


def figure(
    chart: alt.TopLevelMixin,
    name: str,
    description: str,
    table: pd.DataFrame | None = None,
    css_class: str = "",
    lang: str = "en",
) -> HTML:
    """The chart as HTML: a container the site's `dd-charts.js` draws into, its spec as
    JSON, and the description as the chart's accessible name and a visible caption.
    `table`, tidy (see `tidy_json`), is what the chart's CSV download holds; without it the
    download holds the columns the chart plots. `css_class`, one of `FIGURE_CLASSES`:
    "dd-wide-only" hides the chart on screens under 600 px (a timeline that a table on the
    page gives as well), "dd-narrow-only" shows it only there. `lang`: the language of the
    page, for the words around the chart and its citation."""
    if css_class and css_class not in FIGURE_CLASSES:
        raise ValueError(f"chart {name}: css_class is one of {', '.join(FIGURE_CLASSES)}")
    spec = pruned(wrapped_title(base_config(chart).to_dict()))
    spec_json = json.dumps(spec, sort_keys=True, ensure_ascii=False).replace("</", "<\\/")
    tidy = (
        ""
        if table is None
        else f'<script type="application/json" class="dd-tidy" data-for="chart-{name}">'
        f"{tidy_json(table, name)}</script>"
    )
    alt_text = html.escape(description, quote=True)
    cite = html.escape(citation.chart(name, citation.spec_title(spec), lang))
    words = FIGURE_WORDS[lang]
    markup = (
        f'<figure class="{" ".join(["dd-figure", css_class]).strip()}" id="fig-{name}">'
        f'<div class="dd-chart" id="chart-{name}" role="img" aria-label="{alt_text}" '
        f'data-description="{alt_text}"></div>'
        f'<figcaption class="dd-alt"><strong>{words["description"]}</strong> {alt_text}'
        "</figcaption>"
        f'<p class="dd-downloads">{words["download"]} '
        f'<a href="{DOWNLOADS}/{name}.csv" download>{words["csv"]}</a> · '
        f'<a href="{DOWNLOADS}/{name}.json" download>{words["json"]}</a></p>'
        f'<p class="dd-cite">{words["cite"]} {cite}</p>'
        f'<script type="application/json" class="dd-spec" data-for="chart-{name}">'
        f"{spec_json}</script>{tidy}"
        "</figure>"
    )
    return HTML(markup)
