"""The charts and tables of "What drove it" (growth drivers), drawn from its findings in the
page's language: each item's part in the change of the deficit, receipts against payments,
the items in the end year, and one year read over each kind of period."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import altair as alt
import pandas as pd

from digideficit.analysis import charts, official, prose, wording
from digideficit.analysis import quantities as q

# the items in a fixed order, so each keeps its colour on every chart of the chapter
ITEM_ORDER = ("computer", "consulting", "copyright_royalties", "telecom", "information")

# every word the charts and tables show, by language
WORDS = {
    "en": {
        "items": {
            "computer": "computer services",
            "consulting": "consulting",
            "copyright_royalties": "copyright royalties",
            "telecom": "telecommunications",
            "information": "information services",
        },
        "total": "change in the total",
        "all items": "all items",
        "widened": "{item} added most to the deficit over {span}: {amount} of the {total} "
        "it widened",
        "narrowed": "{item} did most to narrow the deficit over {span}: {amount}, against "
        "{total} for the total",
        "contributions subtitle": "Change in the deficit from the year before, by item, "
        "¥ trillion: above zero an item widened the deficit, below zero it narrowed it; "
        "the diamond marks the change in the total. {basis}.",
        "change axis": "change in the deficit, ¥ trillion",
        "contributions what": "Change in the deficit from the year before, all items",
        "contributions parts": "Change over {span} by item",
        "flows title": "Japan pays abroad {ratio} what it earns on these services in every "
        "year of {span}",
        "flows title one": "Japan pays abroad {ratio} what it earns on these services in {span}",
        "flows subtitle": "Payments abroad (above zero) and receipts from abroad (below zero) "
        "by item, ¥ trillion, calendar years. {basis}.",
        "flows axis": "¥ trillion: payments up, receipts down",
        "flows": {"payments": "payments", "receipts": "receipts"},
        "flows what": "Payments abroad, all items",
        "receipts what": "Receipts from abroad, all items",
        "periods title": "Calendar {year} and {fy} differ by {gap} on the same items",
        "periods subtitle": "The deficit over each period that starts in {year}, ¥ trillion: "
        "whole years and their first halves. {basis}.",
        "periods axis": "deficit, ¥ trillion",
        "periods kinds": {
            "CY": "whole year",
            "FY": "whole year",
            "H1": "six months",
            "FH1": "six months",
        },
        "periods what": "The deficit over each period that starts in {year}",
        "periods labels": {"CY": "calendar {period}"},
        "basis": "Basis: {basis}",
        "source": "Source: Bank of Japan, monthly balance of payments (BPM6), file of {date}; "
        "sums and changes derived by this report",
        "item": "item",
        "year": "year",
        "balance in": "balance {year}, ¥100 million",
        "change": "change, ¥100 million",
        "share of change": "share of the change",
        "receipts": "receipts, ¥100 million",
        "payments": "payments, ¥100 million",
        "balance": "balance, ¥100 million",
        "ratio": "payments ÷ receipts",
        "share of deficit": "share of the deficit",
        "total row": "total",
        "measure": "change in the balance from the year before",
        "amount tooltip": "¥ trillion",
    },
    "ja": {
        "items": {
            "computer": "コンピュータサービス",
            "consulting": "専門・経営コンサルティング",
            "copyright_royalties": "著作権等使用料",
            "telecom": "通信サービス",
            "information": "情報サービス",
        },
        "total": "合計の変化",
        "all items": "全項目",
        "widened": "{span}の赤字拡大{total}のうち、最も大きい{amount}は{item}によるもの",
        "narrowed": "{span}の赤字縮小に最も寄与したのは{item}（{amount}、合計は{total}）",
        "contributions subtitle": "前年からの赤字の変化（項目別、兆円）。ゼロより上は赤字の拡大、"
        "下は縮小。ひし形は合計の変化。{basis}。",
        "change axis": "赤字の変化（兆円）",
        "contributions what": "前年からの赤字の変化（全項目）",
        "contributions parts": "{span}の項目別の変化",
        "flows title": "{span}のどの年も、日本はこれらのサービスで"
        "受取の{ratio}を海外に支払っている",
        "flows title one": "{span}、日本はこれらのサービスで受取の{ratio}を海外に支払った",
        "flows subtitle": "海外への支払（ゼロより上）と海外からの受取（ゼロより下）、"
        "項目別、兆円、暦年。{basis}。",
        "flows axis": "兆円（上：支払、下：受取）",
        "flows": {"payments": "支払", "receipts": "受取"},
        "flows what": "海外への支払（全項目）",
        "receipts what": "海外からの受取（全項目）",
        "periods title": "同じ項目でも{year}年と{fy}では{gap}の差がある",
        "periods subtitle": "{year}年に始まる各期間の赤字（兆円）：1年間とその前半6か月。{basis}。",
        "periods axis": "赤字（兆円）",
        "periods kinds": {"CY": "1年間", "FY": "1年間", "H1": "6か月", "FH1": "6か月"},
        "periods what": "{year}年に始まる各期間の赤字",
        "periods labels": {},
        "basis": "集計範囲：{basis}",
        "source": "出典：日本銀行「国際収支統計（BPM6、月次）」{date}公表ファイル。"
        "合計と変化は本報告が算出",
        "item": "項目",
        "year": "年",
        "balance in": "{year}年の収支（億円）",
        "change": "変化（億円）",
        "share of change": "変化に占める割合",
        "receipts": "受取（億円）",
        "payments": "支払（億円）",
        "balance": "収支（億円）",
        "ratio": "支払÷受取（倍）",
        "share of deficit": "赤字に占める割合",
        "total row": "合計",
        "measure": "前年からの収支の変化",
        "amount tooltip": "兆円",
    },
}


def words(lang: str) -> dict:
    return WORDS[wording.checked(lang)]


def say(value, lang: str) -> str:
    return wording.say(value, lang)


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def hundred_millions(value: Decimal) -> int:
    """¥ trillion → ¥100 million (億円), rounded to the unit as the tables print it."""
    return int(Decimal(value).scaleb(4).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def in_100m(value: Decimal) -> str:
    return official.in_100m(format(Decimal(value), "f"))


def basis_line(found: q.Findings, lang: str) -> str:
    return words(lang)["basis"].format(basis=say(found.values["gd_basis"], lang))


def source_line(found: q.Findings, lang: str) -> str:
    vintage = found.values["gd_source"].vintage.removeprefix("boj-").replace("-", "")
    date = f"{vintage[:4]}-{vintage[4:6]}-{vintage[6:]}"
    return words(lang)["source"].format(date=say(q.Period(date), lang))


def tidy_source(found: q.Findings, lang: str) -> str:
    return say(found.values["gd_source"], lang)


def item_colours(items) -> tuple[list[str], list[str]]:
    """The items present, in the chapter's order, and the colour each keeps throughout."""
    keys = [key for key in ITEM_ORDER if key in set(items)]
    return keys, [charts.MARK_PALETTE[ITEM_ORDER.index(key)] for key in keys]


def contributions(found: q.Findings, lang: str = "en"):
    """Each year's change in the deficit split into the items' changes (bars that add up
    to the change of the total, marked by a diamond)."""
    w = words(lang)
    yearly = found.frames["yearly"]
    keys, colours = item_colours(yearly["item"])
    labels = [w["items"][key] for key in keys]
    totals = yearly.groupby("year", as_index=False)["change"].agg(lambda s: sum(s, Decimal(0)))
    shown = pd.concat(
        [
            yearly.assign(kind="item", label=yearly["item"].map(w["items"])),
            totals.assign(kind="total", item="total", label=w["total"]),
        ],
        ignore_index=True,
    )
    # a fall in the balance is a wider deficit: drawn above zero
    shown["deficit change"] = [-float(c) for c in shown["change"]]
    shown = shown.sort_values(["year", "kind"], kind="stable").reset_index(drop=True)

    widened = found.values["gd_change"].value < 0
    top = found.values["gd_top_item"].key
    title = w["widened" if widened else "narrowed"].format(
        item=capitalised(w["items"][top]) if lang == "en" else w["items"][top],
        span=say(found.values["gd_span"], lang),
        amount=say(found.values["gd_top_contribution"], lang),
        total=say(q.Money(abs(found.values["gd_change"].value)), lang),
    )
    x = alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0, labelOverlap=True))
    tooltip = [
        alt.Tooltip("year:O", title=w["year"]),
        alt.Tooltip("label:N", title=w["item"]),
        alt.Tooltip("deficit change:Q", title=w["change axis"], format=".2f"),
    ]
    # the items' bars and the totals' marks each draw from their own rows
    drawn = shown[["year", "item", "label", "deficit change"]]
    bars = (
        alt.Chart(drawn[shown["kind"] == "item"])
        .encode(x=x, tooltip=tooltip)
        .mark_bar()
        .encode(
            y=alt.Y("deficit change:Q", title=w["change axis"], stack="zero"),
            color=alt.Color(
                "label:N",
                title=None,
                sort=labels,
                scale=alt.Scale(domain=labels, range=colours),
                legend=alt.Legend(columns=1, orient="bottom"),
            ),
            order=alt.Order("item:N"),
        )
    )
    marks = (
        alt.Chart(drawn[shown["kind"] == "total"])
        .encode(x=x, tooltip=tooltip)
        .mark_point(filled=True, size=110, color="black", stroke="white", strokeWidth=1.5)
        .encode(
            y="deficit change:Q",
            shape=alt.Shape(
                "label:N",
                title=None,
                scale=alt.Scale(domain=[w["total"]], range=["diamond"]),
                legend=alt.Legend(orient="bottom"),
            ),
        )
    )
    chart = alt.layer(bars, marks).properties(
        title=alt.Title(
            title,
            subtitle=[
                w["contributions subtitle"].format(basis=basis_line(found, lang)),
                source_line(found, lang),
            ],
        )
    )
    # the text alternative says amounts as prose does, to two decimals
    by_year = shown[shown["kind"] == "total"].round({"deficit change": 2})
    span_parts = found.frames["span"].assign(
        label=lambda f: f["item"].map(w["items"]),
        deficit=lambda f: [round(-float(c), 2) for c in f["change"]],
    )
    description = charts.sentences(
        [
            charts.describe_series(
                by_year,
                "year",
                "deficit change",
                w["contributions what"],
                "¥ trillion",
                lang=lang,
            ),
            charts.describe_categories(
                span_parts,
                "label",
                "deficit",
                w["contributions parts"].format(span=say(found.values["gd_span"], lang)),
                "¥ trillion",
                lang=lang,
            ),
        ],
        lang,
    )
    tidy = pd.DataFrame(
        {
            "year": shown["year"].astype(int),
            "item": [
                w["all items"] if kind == "total" else say(q.Item(key), lang)
                for kind, key in zip(shown["kind"], shown["item"], strict=True)
            ],
            "measure": w["measure"],
            "basis": found.values["gd_basis"].key,
            "value": [hundred_millions(c) for c in shown["change"]],
            "unit": "JPY_100m",
            "vintage": found.values["gd_source"].vintage,
            "source": tidy_source(found, lang),
        }
    )
    return charts.figure(chart, "growth-contributions", description, table=tidy, lang=lang)


def contributions_table(found: q.Findings, lang: str = "en"):
    """Each item's balance at both ends of the span, its change and share of the change,
    in ¥100 million (億円), with the total of the basis."""
    w = words(lang)
    span = found.frames["span"]
    start, end = found.parameters["start_year"], found.parameters["end_year"]
    total = {column: sum(span[column], Decimal(0)) for column in ("start", "end", "change")}
    rows = [
        {
            w["item"]: say(q.Item(r.item), lang),
            w["balance in"].format(year=start): in_100m(r.start),
            w["balance in"].format(year=end): in_100m(r.end),
            w["change"]: in_100m(r.change),
            w["share of change"]: say(q.Share(r.share), lang),
        }
        for r in span.itertuples()
    ]
    rows.append(
        {
            w["item"]: w["total row"],
            w["balance in"].format(year=start): in_100m(total["start"]),
            w["balance in"].format(year=end): in_100m(total["end"]),
            w["change"]: in_100m(total["change"]),
            w["share of change"]: say(q.Share(1.0), lang),
        }
    )
    return prose.table(pd.DataFrame(rows))


def flows(found: q.Findings, lang: str = "en"):
    """Payments (above zero) and receipts (below zero) of each item, every year: each side
    adds up to the total's payments or receipts."""
    w = words(lang)
    frame = found.frames["flows"]
    keys, colours = item_colours(frame["item"])
    labels = [w["items"][key] for key in keys]
    shown = frame.assign(
        label=frame["item"].map(w["items"]),
        flow_name=frame["flow"].map(w["flows"]),
        signed=[
            float(v) if flow == "payments" else -float(v)
            for v, flow in zip(frame["value"], frame["flow"], strict=True)
        ],
        amount=[float(v) for v in frame["value"]],
    ).sort_values(["year", "flow", "item"], kind="stable")
    ratio = say(found.values["gd_ratio_range"], lang)
    span = found.values["gd_span"]
    title = w["flows title" if span.first != span.last else "flows title one"].format(
        ratio=ratio, span=say(span, lang)
    )
    chart = (
        alt.Chart(shown)
        .mark_bar()
        .encode(
            x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0, labelOverlap=True)),
            y=alt.Y(
                "signed:Q",
                title=w["flows axis"],
                stack="zero",
                axis=alt.Axis(labelExpr="format(abs(datum.value), '~g')"),
            ),
            color=alt.Color(
                "label:N",
                title=None,
                sort=labels,
                scale=alt.Scale(domain=labels, range=colours),
                legend=alt.Legend(columns=1, orient="bottom"),
            ),
            order=alt.Order("item:N"),
            tooltip=[
                alt.Tooltip("year:O", title=w["year"]),
                alt.Tooltip("label:N", title=w["item"]),
                alt.Tooltip("flow_name:N", title=""),
                alt.Tooltip("amount:Q", title=w["amount tooltip"], format=".2f"),
            ],
        )
        .properties(
            title=alt.Title(
                title,
                subtitle=[
                    w["flows subtitle"].format(basis=basis_line(found, lang)),
                    source_line(found, lang),
                ],
            )
        )
    )
    totals = found.frames["totals"].assign(
        payments_tn=lambda f: f["payments"].map(lambda v: round(float(v), 2)),
        receipts_tn=lambda f: f["receipts"].map(lambda v: round(float(v), 2)),
    )
    description = charts.sentences(
        [
            charts.describe_series(
                totals, "year", "payments_tn", w["flows what"], "¥ trillion", lang=lang
            ),
            charts.describe_series(
                totals, "year", "receipts_tn", w["receipts what"], "¥ trillion", lang=lang
            ),
        ],
        lang,
    )
    tidy = pd.DataFrame(
        {
            "year": shown["year"].astype(int),
            "item": [say(q.Item(key), lang) for key in shown["item"]],
            "flow": shown["flow"],
            "basis": found.values["gd_basis"].key,
            "value": [hundred_millions(v) for v in shown["value"]],
            "unit": "JPY_100m",
            "vintage": shown["vintage"],
            "source": tidy_source(found, lang),
        }
    )
    return charts.figure(chart, "growth-flows", description, table=tidy, lang=lang)


def flows_table(found: q.Findings, lang: str = "en"):
    """The basis's receipts, payments and balance every year, in ¥100 million, and how many
    times receipts its payments are."""
    w = words(lang)
    totals = found.frames["totals"]
    frame = pd.DataFrame(
        {
            w["year"]: totals["year"].astype(int),
            w["receipts"]: totals["receipts"].map(in_100m),
            w["payments"]: totals["payments"].map(in_100m),
            w["balance"]: totals["balance"].map(in_100m),
            w["ratio"]: [f"{r:.1f}" for r in totals["ratio"]],
        }
    )
    return prose.table(frame)


def items_table(found: q.Findings, lang: str = "en"):
    """The items of the basis in the end year: receipts, payments, balance (¥100 million)
    and each item's share of the deficit."""
    w = words(lang)
    year = found.frames["end_items"]
    rows = [
        {
            w["item"]: say(q.Item(r.item), lang),
            w["receipts"]: in_100m(r.receipts),
            w["payments"]: in_100m(r.payments),
            w["balance"]: in_100m(r.balance),
            w["share of deficit"]: say(q.Share(r.share), lang),
        }
        for r in year.itertuples()
    ]
    rows.append(
        {
            w["item"]: w["total row"],
            **{
                w[flow]: in_100m(sum(year[flow], Decimal(0)))
                for flow in ("receipts", "payments", "balance")
            },
            w["share of deficit"]: say(q.Share(1.0), lang),
        }
    )
    return prose.table(pd.DataFrame(rows))


def periods(found: q.Findings, lang: str = "en"):
    """One official figure for each kind of period that starts in one year — a calendar
    year, a fiscal year and the first half of each — never stacked."""
    w = words(lang)
    frame = found.frames["periods"]
    shown = frame.assign(
        label=[
            w["periods labels"].get(kind, "{period}").format(period=say(q.Period(code), lang))
            for code, kind in zip(frame["code"], frame["period_type"], strict=True)
        ],
        kind=frame["period_type"].map(w["periods kinds"]),
        deficit=[-float(Decimal(v)) for v in frame["value_text"]],
    )
    year = found.values["gd_period_year"].code
    title = w["periods title"].format(
        year=year,
        fy=say(found.values["gd_fy"], lang),
        gap=say(found.values["gd_period_gap"], lang),
    )
    kinds = list(dict.fromkeys(w["periods kinds"].values()))
    chart = (
        alt.Chart(shown)
        .mark_bar()
        .encode(
            y=alt.Y("label:N", title=None, sort=shown["label"].tolist()),
            x=alt.X("deficit:Q", title=w["periods axis"]),
            color=alt.Color(
                "kind:N",
                title=None,
                scale=alt.Scale(domain=kinds, range=charts.MARK_PALETTE[: len(kinds)]),
                legend=alt.Legend(columns=1, orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("label:N", title=""),
                alt.Tooltip("deficit:Q", title=w["periods axis"], format=".2f"),
            ],
        )
        .properties(
            height=alt.Step(40),
            title=alt.Title(
                title,
                subtitle=[
                    w["periods subtitle"].format(year=year, basis=basis_line(found, lang)),
                    source_line(found, lang),
                ],
            ),
        )
    )
    description = charts.describe_categories(
        shown.round({"deficit": 2}),
        "label",
        "deficit",
        w["periods what"].format(year=year),
        "¥ trillion",
        lang=lang,
    )
    tidy = pd.DataFrame(
        {
            "period": shown["code"],
            "period_type": shown["period_type"],
            "year": shown["year"].astype(int),
            "flow": "balance",
            "basis": found.values["gd_basis"].key,
            "value": [hundred_millions(Decimal(v)) for v in shown["value_text"]],
            "unit": "JPY_100m",
            "vintage": shown["vintage"],
            "source": tidy_source(found, lang),
        }
    )
    return charts.figure(chart, "growth-periods", description, table=tidy, lang=lang)


def sources(found: q.Findings, lang: str = "en"):
    """The sources footer: the Bank of Japan's file and the publications cited beside it."""
    return prose.sources_footer(found.frames["sources"], found.frames["cited"], lang=lang)
