"""Turning computed figures into the words a chapter glues into its prose."""

from __future__ import annotations

import html
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
from IPython.display import HTML, Markdown
from myst_nb import glue

from digideficit.analysis import wording

UNIT_WORDS = {"JPY_tn": ("¥", " trillion"), "USD_bn": ("US$", " billion")}


# A figure the report computes (a year summed from the Bank of Japan's unrounded months) is
# stated in prose to the precision readers use — ¥6.60 trillion; tables keep every digit.
PROSE_PLACES = 2


def amount(value_text: str, unit: str, qualifier: object = "", places: int | None = None) -> str:
    """A figure as written by its source (same rounding, up to the two decimals prose uses),
    without sign: '¥6.7 trillion', or with the source's own hedge: 'about ¥6.7 trillion',
    'more than ¥6 trillion'; with `places`, rounded to that many decimals: '¥6.60 trillion'."""
    prefix, suffix = UNIT_WORDS[unit]
    number = abs(Decimal(value_text))
    # prose never reads more digits than readers use: ¥6.6506 trillion is said ¥6.65 trillion
    # (tables and downloads keep the figure as published)
    places = (
        PROSE_PLACES if places is None and -number.as_tuple().exponent > PROSE_PLACES else places
    )
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{hedge(qualifier)}{prefix}{number}{suffix}"


def as_written(row: pd.Series) -> str | None:
    """A published figure's text as its source wrote it; None for a computed one, which
    prose states rounded."""
    return None if is_computed(row) else row["value_text"]


def is_computed(row: pd.Series) -> bool:
    """A figure the report derives or reads unrounded from the official months, as opposed
    to one a source printed."""
    vintage = str(row.get("vintage", ""))
    return row.get("source_id") == "derived" or vintage.startswith("boj-")


def hedge(qualifier: object) -> str:
    """'about ' / 'more than ' before a figure its source hedged; '' for an exact one (an
    empty or missing qualifier)."""
    return f"{qualifier} " if isinstance(qualifier, str) and qualifier else ""


def balance_phrase(
    value_text: str, unit: str, qualifier: object = "", places: int | None = None
) -> str:
    """'a deficit of ¥6.7 trillion' / 'a surplus of …' / 'a deficit of more than …'."""
    kind = "deficit" if Decimal(value_text) < 0 else "surplus"
    return f"a {kind} of {amount(value_text, unit, qualifier, places)}"


def stated(row: pd.Series) -> str:
    """One data row's figure in the words of its source, hedge included (see `amount`); a
    computed figure to the precision of prose."""
    places = PROSE_PLACES if is_computed(row) else None
    return amount(row["value_text"], row["unit"], row.get("qualifier"), places)


def stated_balance(row: pd.Series) -> str:
    """One data row's balance in the words of its source (see `balance_phrase`)."""
    places = PROSE_PLACES if is_computed(row) else None
    return balance_phrase(row["value_text"], row["unit"], row.get("qualifier"), places)


def cited(row: pd.Series) -> str:
    """'revised figure; MIC …, 2025-07' — the vintage and source of one row; for a figure
    computed from the Bank of Japan's months, the file it comes from."""
    if is_computed(row):
        return official_citation(row["vintage"])
    return f"{row['vintage']} figure; {row['publisher']}, {row['source_date']}"


def official_source(vintage: str) -> str:
    """A chart's source line for figures summed from the official months; `vintage` as
    'boj-20260608' or '2026-06-08'."""
    day = vintage.removeprefix("boj-").replace("-", "")
    return (
        "Source: Bank of Japan, monthly balance of payments (BPM6), file of "
        f"{day[:4]}-{day[4:6]}-{day[6:]}; sums derived by this report"
    )


def official_citation(vintage: str) -> str:
    """'derived from the Bank of Japan's monthly balance of payments, file of 2026-06-08'."""
    day = vintage.removeprefix("boj-").replace("-", "")
    return (
        "derived from the Bank of Japan's monthly balance of payments, file of "
        f"{day[:4]}-{day[4:6]}-{day[6:]}"
    )


def year_ranges(years: list[int]) -> str:
    """[2015, 2016, 2017, 2020] → '2015–2017, 2020'."""
    if not years:
        return "none"
    years = sorted(years)
    spans, start = [], years[0]
    for prev, cur in zip(years, years[1:] + [None], strict=True):
        if cur != prev + 1:
            spans.append(f"{start}" if start == prev else f"{start}–{prev}")
            start = cur
    return ", ".join(spans)


def listing(parts: list[str]) -> str:
    """['a', 'b', 'c'] → 'a, b and c'."""
    return " and ".join([", ".join(parts[:-1]), parts[-1]] if len(parts) > 1 else parts)


def count(n: int, noun: str) -> str:
    """'1 year', '3 years'."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def glue_text(key: str, text: str) -> None:
    """Glues prose for `{glue:md}` roles: text, with no quotes around it."""
    glue(key, Markdown(text), display=False)


def table(frame: pd.DataFrame, css_class: str = "dd-table") -> HTML:
    """A data frame as a plain HTML table without its index (a pandas Styler's text
    form carries a memory address, which would differ on every run)."""
    return HTML(frame.to_html(index=False, classes=["table", css_class], border=0, na_rep=""))


def parameter_table(values: dict) -> HTML:
    """The chapter's parameters, shown to readers as a small table."""
    frame = pd.DataFrame({"parameter": list(values), "value": [str(v) for v in values.values()]})
    return table(frame, "dd-params")


# the footer's heading and its pointer to the references page, in each language
FOOTER_WORDS = {
    "en": ("Sources used on this page", " (full entries on the references page):"),
    "ja": ("このページの出典", "（詳細は参考文献のページ）："),
}


def _date_ja(date: str) -> str:
    """'2024-02-29' → '2024年2月29日', '2024-02' → '2024年2月', '2024' → '2024年'."""
    parts = [int(part) for part in date.split("-")]
    return "".join(f"{n}{unit}" for n, unit in zip(parts, ("年", "月", "日"), strict=False))


def sources_footer(sources: pd.DataFrame, *frames: pd.DataFrame, lang: str = "en") -> HTML:
    """'Sources used on this page': every source id cited by the rows the page shows, each
    linked to its entry on the references page; on a Japanese page (`lang="ja"`) in
    Japanese, each publisher by its Japanese name where the sources give one
    (`publisher_ja`)."""
    if lang not in FOOTER_WORDS:
        raise ValueError(f"lang is one of {', '.join(FOOTER_WORDS)}, not {lang!r}")
    heading, pointer = FOOTER_WORDS[lang]
    used = sorted({s for frame in frames for s in frame["source_id"].dropna() if s != "derived"})
    known = sources.set_index("id")
    items = []
    for source_id in used:
        row = known.loc[source_id]
        if lang == "ja":
            publisher = row.get("publisher_ja") or row["publisher"]
            title = wording.title(row["title"], lang)
            said = (
                f"{html.escape(publisher)}、<em>{html.escape(title)}</em>"
                f"（{html.escape(_date_ja(row['date']))}）"
            )
        else:
            said = (
                f"{html.escape(row['publisher'])}, "
                f"<em>{html.escape(row['title'])}</em> ({html.escape(row['date'])})"
            )
        items.append(f'<li><a href="references.html#src-{source_id}">{said}</a></li>')
    return HTML(
        f'<section class="dd-sources"><p><strong>{heading}</strong>{pointer}</p><ul>'
        + "".join(items)
        + "</ul></section>"
    )
