"""Scenarios' chart and tables, drawn from its findings in the page's language. Projected
years are drawn as projections: dashed, hollow, on a shaded ground, named so in the legend
and in the download."""

from __future__ import annotations

from decimal import Decimal

import altair as alt
import pandas as pd

from digideficit.analysis import charts, prose, wording
from digideficit.analysis import quantities as q
from digideficit.analysis.findings.scenarios import case
from digideficit.analysis.quantities import Findings
from digideficit.analysis.series import runs

WORDS = {
    "en": {
        "actual": "actual (Bank of Japan)",
        "projection trend": "projection (trend)",
        "projection constant-growth": "projection (constant growth)",
        "meti": "METI {case} ({year})",
        "projected years": "projected years",
        "crude": "crude-oil imports, {year}",
        "year": "calendar year",
        "deficit": "digital deficit, ¥ trillion",
        "series": "series",
        "value": "¥ trillion",
        "method trend": "the recent trend",
        "method constant-growth": "{growth} growth a year",
        "title": "Projected on {method}, the deficit would reach {at} by {horizon}",
        "below": ", below every METI case for that year",
        "above": ", above every METI case for that year",
        "between": ", between METI's cases for that year",
        "subtitle": "Deficit on the definition of {basis}; actual calendar years {span}; "
        "projection: {method}; METI's projections as published ({published}), on its own "
        "definition; shaded: projected years; dashed grey: crude-oil imports in {crude_year}",
        "sources": "Sources: {sources}",
        "description": "Line chart of the actual deficit, {span}, and a projection to {horizon}",
        "meti description": "METI's projections as published: {cases}.",
        "description then": ". {described}",
        "publisher column": "published by",
        "case column": "projection",
        "target column": "for",
        "projected column": "projected deficit",
        "compared column": "actual series compared",
        "required column": "growth a year it requires",
        "realised column": "growth a year since",
        "status column": "status",
        "from year": "{growth} (from {year})",
        "span growth": "{growth} ({span})",
        "scored": "scored: actual {actual}, projected {error} off",
        "ahead": "the actual is growing faster than required",
        "behind": "the actual is growing slower than required",
        "no-actual-since": "no actual figure since publication yet",
        "no-base": "no actual figure before publication",
        "not-comparable": "not scored: no official series of its item set",
    },
    "ja": {
        "actual": "実績（日本銀行）",
        "projection trend": "試算（トレンド）",
        "projection constant-growth": "試算（一定成長）",
        "meti": "経産省 {case}（{year}）",
        "projected years": "試算の期間",
        "crude": "原油輸入額（{year}）",
        "year": "暦年",
        "deficit": "デジタル赤字、兆円",
        "series": "系列",
        "value": "兆円",
        "method trend": "直近のトレンド",
        "method constant-growth": "年率{growth}の成長",
        "title": "{method}で延ばすと、赤字は{horizon}に{at}",
        "below": "（経産省のいずれのシナリオも下回る）",
        "above": "（経産省のいずれのシナリオも上回る）",
        "between": "（経産省のシナリオの間）",
        "subtitle": "デジタル赤字（{basis}）。実績は暦年{span}。試算：{method}。"
        "経産省の見通しは公表値（{published}、同省の定義）。"
        "網掛けは試算の期間、灰色の破線は{crude_year}の原油輸入額",
        "sources": "出所：{sources}",
        "description": "実績（{span}）と{horizon}までの試算の折れ線グラフ",
        "meti description": "経産省の見通し（公表値）：{cases}。",
        "description then": "。{described}",
        "publisher column": "公表",
        "case column": "見通し",
        "target column": "対象年",
        "projected column": "見通しの赤字額",
        "compared column": "比較する実績系列",
        "required column": "必要な年率",
        "realised column": "公表後の実績の年率",
        "status column": "判定",
        "from year": "{growth}（{year}から）",
        "span growth": "{growth}（{span}）",
        "scored": "照合済み：実績{actual}、見通しとの差{error}",
        "ahead": "実績の伸びが必要な伸びを上回る",
        "behind": "実績の伸びが必要な伸びを下回る",
        "no-actual-since": "公表後の実績値なし",
        "no-base": "公表前の実績値なし",
        "not-comparable": "対象外：同じ項目の公式系列なし",
    },
}
COLOURS = {"actual": "#D55E00", "projection": "#0072B2", "meti": ["#E69F00", "#CC79A7"]}
METI_SHAPES = ["diamond", "triangle-up", "square", "cross"]


def words(lang: str, key: str, **slots) -> str:
    return WORDS[wording.checked(lang)][key].format(**slots)


def said(found: Findings, key: str, lang: str) -> str:
    return wording.say(found.values[key], lang)


def parameter(found: Findings, name: str):
    return found.frames["parameters"].iloc[0][name]


def meti_label(row: pd.Series, lang: str) -> str:
    return words(
        lang, "meti", case=wording.say(case(row["scenario"]), lang), year=row["published"][:4]
    )


def projection(found: Findings, lang: str = "en"):
    """The actual deficit, the projection to the horizon, METI's cases and the oil bill."""
    actual, projected = found.frames["actual"], found.frames["projected"]
    meti, crude = found.frames["meti"], found.frames["crude"].iloc[0]
    method, horizon = parameter(found, "method"), int(parameter(found, "horizon"))
    last = actual.iloc[-1]
    actual_label = words(lang, "actual")
    projection_label = words(lang, f"projection {method}")
    meti = meti.assign(
        year=meti["target_year"].astype(int),
        value=meti["value"].abs(),
        kind=[meti_label(r, lang) for _, r in meti.iterrows()],
    )
    # the projected line starts from the last actual point, so that it reads as its
    # continuation; the point itself stays an actual figure (drawn and downloaded as one)
    lines = pd.concat(
        [
            actual.assign(kind=actual_label, run=runs(actual["year"]).astype(str).to_numpy()),
            pd.DataFrame(
                {"year": [int(last["year"])], "value": [last["value"]], "kind": projection_label}
            ).assign(run="projection"),
            projected.assign(kind=projection_label, run="projection"),
        ],
        ignore_index=True,
    )[["year", "value", "kind", "run"]]
    # published projections for later years widen the chart to show them
    end = max([horizon, *meti["year"]]) + 0.5
    years = alt.Scale(domain=[int(actual["year"].min()), end], zero=False, nice=False)
    domain = [actual_label, projection_label, *meti["kind"]]
    palette = [COLOURS["actual"], COLOURS["projection"], *COLOURS["meti"]][: len(domain)]
    colour = alt.Color(
        "kind:N", title=None, sort=domain, scale=alt.Scale(domain=domain, range=palette)
    )
    x = alt.X(
        "year:Q",
        title=words(lang, "year"),
        axis=alt.Axis(format="d", tickMinStep=1),
        scale=years,
    )
    top = max([lines["value"].max(), *meti["value"], crude["value"]])
    y = alt.Y("value:Q", title=words(lang, "deficit"), scale=alt.Scale(domain=[0, top * 1.08]))
    tooltip = [
        alt.Tooltip("kind:N", title=words(lang, "series")),
        alt.Tooltip("year:Q", format="d", title=words(lang, "year")),
        alt.Tooltip("value:Q", format=".2f", title=words(lang, "value")),
    ]
    band = (
        alt.Chart(pd.DataFrame({"start": [int(last["year"]) + 0.5], "end": [end]}))
        .mark_rect(color="#999999", opacity=0.15)
        .encode(x=alt.X("start:Q", scale=years), x2="end:Q")
    )
    band_text = (
        alt.Chart(
            pd.DataFrame(
                {"start": [int(last["year"]) + 0.6], "label": [words(lang, "projected years")]}
            )
        )
        .mark_text(align="left", baseline="top", dy=4, color="#767676")
        .encode(x=alt.X("start:Q", scale=years), y=alt.value(0), text="label:N")
    )
    base = alt.Chart(lines).encode(x=x, y=y, color=colour, tooltip=tooltip)
    actual_line = (
        base.transform_filter(alt.datum.kind == actual_label)
        .mark_line(point=alt.OverlayMarkDef(filled=True, size=45), strokeWidth=3)
        .encode(detail="run:N")
    )
    projected_line = base.transform_filter(alt.datum.kind == projection_label).mark_line(
        strokeDash=[6, 4], point=alt.OverlayMarkDef(filled=False, size=45), strokeWidth=2
    )
    points = (
        alt.Chart(meti)
        .mark_point(size=140, filled=True)
        .encode(
            x=x,
            y=y,
            color=colour,
            shape=alt.Shape(
                "kind:N",
                legend=None,
                scale=alt.Scale(domain=list(meti["kind"]), range=METI_SHAPES[: len(meti)]),
            ),
            tooltip=tooltip,
        )
    )
    crude_label = words(lang, "crude", year=wording.say(q.Period(str(crude["period"])), lang))
    oil = alt.Chart(pd.DataFrame({"value": [crude["value"]], "label": [crude_label]}))
    oil_rule = oil.mark_rule(strokeDash=[2, 3], color="#767676").encode(y="value:Q")
    oil_text = oil.mark_text(align="left", dx=4, dy=-6, color="#767676").encode(
        y="value:Q", x=alt.value(0), text="label:N"
    )
    method_words = words(
        lang,
        f"method {method}",
        growth=wording.say(q.Share(float(parameter(found, "growth")), 1), lang),
    )
    at = found.values["sc_at_horizon"].value
    tail = ""
    if len(meti) and int(meti["year"].iloc[0]) == horizon:
        low, high = meti["value"].min(), meti["value"].max()
        tail = words(lang, "below" if at < low else "above" if at > high else "between")
    title = (
        words(
            lang,
            "title",
            method=method_words,
            at=said(found, "sc_at_horizon", lang),
            horizon=said(found, "sc_horizon", lang),
        )
        + tail
    )
    sources = [wording.say(q.Source(str(last["vintage"])), lang)]
    sources += [
        wording.cited(r["publisher"], wording.say(q.Period(r["published"]), lang), lang)
        for _, r in meti.drop_duplicates("source_id").iterrows()
    ]
    sources.append(
        wording.cited(
            crude["publisher"], wording.say(q.Period(str(crude["source_date"])), lang), lang
        )
    )
    subtitle = [
        words(
            lang,
            "subtitle",
            basis=said(found, "sc_basis", lang),
            span=said(found, "sc_past_span", lang),
            method=said(found, "sc_method", lang),
            published=said(found, "sc_meti_published", lang)
            if "sc_meti_published" in found.values
            else "",
            crude_year=said(found, "sc_crude_year", lang),
        ),
        words(lang, "sources", sources=wording.SOURCE_SEPARATOR[lang].join(sources)),
    ]
    chart = (
        band + band_text + oil_rule + oil_text + actual_line + projected_line + points
    ).properties(title=alt.Title(title, subtitle=subtitle))
    # the amounts in the unit's code ("¥ trillion"), which the description says per language
    unit = WORDS["en"]["value"]
    parts = [
        charts.describe_series(actual, "year", "value", actual_label, unit, lang=lang),
        charts.describe_series(projected, "year", "value", projection_label, unit, lang=lang),
    ]
    if "sc_meti_cases" in found.values:
        parts.append(words(lang, "meti description", cases=said(found, "sc_meti_cases", lang)))
    described = charts.sentences(parts, lang)
    return charts.figure(
        chart,
        "scenarios-projection",
        words(
            lang,
            "description",
            span=said(found, "sc_past_span", lang),
            horizon=said(found, "sc_horizon", lang),
        )
        + words(lang, "description then", described=described),
        table=download(found, lang),
        lang=lang,
    )


def download(found: Findings, lang: str) -> pd.DataFrame:
    """What the chart plots, one row per figure: actual, projected (marked as projections,
    with the method) and published projections as published."""
    actual, projected, meti = (
        found.frames["actual"],
        found.frames["projected"],
        found.frames["meti"],
    )
    basis = str(parameter(found, "basis"))
    method = said(found, "sc_method", lang)
    return pd.DataFrame(
        {
            "year": [*actual["year"], *projected["year"], *meti["target_year"].astype(int)],
            "series": ["actual"] * len(actual)
            + ["projection by this report"] * len(projected)
            + ["projection published by " + p for p in meti["publisher"]],
            "item": "digital_total",
            "flow": "deficit (positive)",
            "basis": [basis] * (len(actual) + len(projected)) + list(meti["basis"]),
            "value": [
                *actual["value"].round(12),
                *projected["value"],
                *meti["value"].abs(),
            ],
            "unit": "JPY_tn",
            "vintage": [*actual["vintage"], *["projection"] * len(projected), *meti["published"]],
            "source": [wording.say(q.Source(str(v)), lang) for v in actual["vintage"]]
            + [f"projected by this report: {method}"] * len(projected)
            + [
                f"{p}, {s} scenario, as published"
                for p, s in zip(meti["publisher"], meti["scenario"], strict=True)
            ],
        }
    )


def tracker(found: Findings, lang: str = "en"):
    """Every published projection against the actual series of its item set."""
    tracked = found.frames["tracker"]

    def growth_cell(growth, year=None, span=None):
        if growth is None or pd.isna(growth):
            return ""
        rate = wording.say(q.Share(float(growth), 1), lang)
        if span is not None:
            return words(lang, "span growth", growth=rate, span=wording.say(span, lang))
        return words(
            lang, "from year", growth=rate, year=wording.say(q.Period(str(int(year))), lang)
        )

    def status(row):
        if row["status"] != "scored":
            return words(lang, row["status"])
        return words(
            lang,
            "scored",
            actual=wording.say(q.Money(Decimal(str(row["actual_in_target_year"]))), lang),
            error=wording.say(q.Money(Decimal(str(row["error"]))), lang),
        )

    table = pd.DataFrame(
        {
            words(lang, "publisher column"): [
                f"{wording.publisher(r['publisher'], lang)}{'、' if lang == 'ja' else ', '}"
                f"{wording.say(q.Period(str(r['published'])), lang)}"
                for _, r in tracked.iterrows()
            ],
            words(lang, "case column"): [wording.say(c, lang) for c in tracked["case"]],
            words(lang, "target column"): [
                wording.say(q.Period(str(y)), lang) for y in tracked["target_year"]
            ],
            words(lang, "projected column"): [
                wording.say(m, lang) for m in tracked["as_published"]
            ],
            words(lang, "compared column"): [
                "" if c is None else wording.say(c, lang) for c in tracked["compared_with"]
            ],
            words(lang, "required column"): [
                growth_cell(r["required_growth"], year=r["base_year"])
                for _, r in tracked.iterrows()
            ],
            words(lang, "realised column"): [
                growth_cell(
                    r["realised_growth"],
                    span=q.Span(str(int(r["base_year"])), str(int(r["latest_year"])))
                    if pd.notna(r["latest_year"])
                    else None,
                )
                for _, r in tracked.iterrows()
            ],
            words(lang, "status column"): [status(r) for _, r in tracked.iterrows()],
        }
    )
    return prose.table(table)


def sources(found: Findings, lang: str = "en"):
    """The page's sources footer."""
    cited = found.frames["sources"]
    return prose.sources_footer(cited, cited.rename(columns={"id": "source_id"}), lang=lang)
