"""The claims ledger: the verdicts counted, and every claim with its verdict second and
its quote and reasoning below it."""

from __future__ import annotations

import html

import altair as alt
import pandas as pd
from IPython.display import HTML

from digideficit.analysis import charts, prose, wording
from digideficit.analysis import quantities as q
from digideficit.analysis.findings.claims_ledger import verdict_phrase
from digideficit.analysis.quantities import Findings
from digideficit.site.figures import markup

WORDS = {
    "en": {
        "columns": ["Claim", "Verdict", "Our figure", "Article"],
        "caption": "Every claim, its verdict and the figure in the data",
        "under_review": "{verdict} (under review)",
        "closer": "Closer figure in the data: {figure}.",
        "other": "Also in the data: {figure}.",
        "reference": "Where our figure comes from: {reference}",
        "none": "none in the data",
        "quote": "“{quote}”",
        "chart_title": "The data bear out {holds_n} of the {checkable_n} claims they can check",
        "chart_subtitle": [
            "Claims in the articles the report started from, by verdict",
            "Source: this report's claims ledger, on data as of {date}",
        ],
        "axis_x": "number of claims",
        "tooltip_verdict": "verdict",
        "tooltip_claims": "claims",
        "description": "Bar chart of the number of claims by verdict: {counts}.",
        "count": "{verdict}: {claims}",
        "count_separator": "; ",
        # the chart's download: its columns, and the unit and source of every count
        "download": {
            "columns": {
                "verdict": "verdict",
                "value": "value",
                "unit": "unit",
                "vintage": "vintage",
                "source": "source",
            },
            "unit": "claims",
            "source": "claims ledger of this report",
        },
    },
    "ja": {
        "columns": ["主張", "判定", "本報告の数値", "記事"],
        "caption": "各主張の判定とデータ上の数値（引用は記事の原文のまま）",
        "under_review": "{verdict}（見直し中）",
        "closer": "データ上のより近い数値：{figure}。",
        "other": "データ上の別の数値：{figure}。",
        "reference": "本報告の数値の出所：{reference}",
        "none": "データになし",
        # the article's own words, in its language: marked as the original
        "quote": "原文：「{quote}」",
        "chart_title": "検証できる{checkable}のうち{holds}をデータが裏付ける",
        "chart_subtitle": [
            "本報告の出発点となった記事の主張（判定別）",
            "出典：本報告の主張検証表（{date}時点のデータ）",
        ],
        "axis_x": "主張の数",
        "tooltip_verdict": "判定",
        "tooltip_claims": "件数",
        "description": "判定別の主張の数の棒グラフ：{counts}。",
        "count": "{verdict}{claims}",
        "count_separator": "、",
        "download": {
            "columns": {
                "verdict": "判定",
                "value": "値",
                "unit": "単位",
                "vintage": "公表時点",
                "source": "出典",
            },
            "unit": "件",
            "source": "本報告の主張検証表",
        },
    },
}


def said(value, lang: str) -> str:
    return "" if value is None else wording.say(value, lang)


def in_language(row: pd.Series, column: str, lang: str) -> str:
    """A text column of the ledger as a page in `lang` shows it: the Japanese edition's
    column (`explanation_ja`) on a Japanese page."""
    return row[f"{column}_ja"] if wording.checked(lang) == "ja" else row[column]


def claim_cell(row: pd.Series, lang: str) -> markup.Raw:
    """The claimed figure, and under it the words quoted, opening on the reasoning and on
    where the report's figure comes from."""
    w = WORDS[lang]
    e = html.escape
    explanation = in_language(row, "explanation", lang)
    details = [f"<p>{e(explanation)}</p>"] if explanation else []
    if row["closer"] is not None:
        # the alternative explains a difference; beside a claim that holds it is another figure
        label = (
            w["closer"] if row["verdict_key"] == "differs by definition or vintage" else w["other"]
        )
        details.append(f"<p>{e(label.format(figure=said(row['closer'], lang)))}</p>")
    if row["reference"]:
        details.append(
            f"<p><small>{e(w['reference'].format(reference=row['reference']))}</small></p>"
        )
    quote = e(w["quote"].format(quote=row["quote"]))
    return markup.Raw(
        f"<strong>{e(said(row['claimed'], lang))}</strong>"
        f'<details class="dd-claim"><summary>{quote}</summary>{"".join(details)}</details>'
    )


def ledger(found: Findings, lang: str = "en") -> HTML:
    """Every listed claim: its figure (quote and reasoning folded under it), the verdict,
    the report's figure (old → new while under review) and the article."""
    w = WORDS[wording.checked(lang)]
    rows = []
    for _, row in found.frames["ledger"].iterrows():
        verdict = said(row["verdict"], lang)
        ours = said(row["ours"], lang) or w["none"]
        if row["under_review"]:
            verdict = w["under_review"].format(verdict=verdict)
            ours = f"{said(row['previous'], lang) or w['none']} → {ours}"
        rows.append(
            [
                claim_cell(row, lang),
                verdict,
                ours,
                markup.source_link(row["source_id"], in_language(row, "article", lang)),
            ]
        )
    return markup.table(
        w["columns"], [(None, rows)], w["caption"], "dd-table dd-filterable dd-compact"
    )


def verdicts(found: Findings, lang: str = "en") -> HTML:
    """How many claims have each verdict: a bar per verdict."""
    w = WORDS[wording.checked(lang)]
    counts = found.frames["verdicts"]
    frame = counts.assign(label=[said(verdict_phrase(v), lang) for v in counts["verdict"]])
    order = list(frame["label"])
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("label:N", sort=order, title=None),
            x=alt.X("claims:Q", title=w["axis_x"], axis=alt.Axis(tickMinStep=1)),
            color=alt.Color(
                "label:N", legend=None, scale=alt.Scale(domain=order, range=charts.PALETTE)
            ),
            tooltip=[
                alt.Tooltip("label:N", title=w["tooltip_verdict"]),
                alt.Tooltip("claims:Q", title=w["tooltip_claims"]),
            ],
        )
    )
    labels = chart.mark_text(align="left", dx=4).encode(text="claims:Q", color=alt.value("#767676"))
    values = found.values
    title = w["chart_title"].format(
        holds=said(values["cl_holds"], lang),
        checkable=said(values["cl_checkable"], lang),
        holds_n=said(q.Number(values["cl_holds"].n), lang),
        checkable_n=said(q.Number(values["cl_checkable"].n), lang),
    )
    vintage = found.frames["as_of"]["vintage"].iloc[0]
    date = said(q.Period(vintage), lang)
    subtitle = [line.format(date=date) for line in w["chart_subtitle"]]
    download = w["download"]
    # the verdict as the page says it (the English page keeps the ledger's own words)
    verdict_names = counts["verdict"] if lang == "en" else frame["label"]
    tidy = pd.DataFrame(
        {
            "verdict": verdict_names,
            "value": counts["claims"].astype(int),
            "unit": download["unit"],
            "vintage": vintage,
            "source": download["source"],
        }
    ).rename(columns=download["columns"])
    return charts.figure(
        (chart + labels).properties(height=160, title=alt.Title(title, subtitle=subtitle)),
        "claims-verdicts",
        w["description"].format(
            counts=w["count_separator"].join(
                w["count"].format(verdict=label, claims=said(q.Count(int(n), "claim"), lang))
                for label, n in zip(frame["label"], frame["claims"], strict=True)
            )
        ),
        table=tidy,
        lang=lang,
    )


def sources(found: Findings, lang: str = "en") -> HTML:
    """The sources footer: the articles whose claims the ledger checks."""
    return prose.sources_footer(found.frames["sources"], found.frames["cited"], lang=lang)
