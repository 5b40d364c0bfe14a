"""Why totals differ: the items of each basis, the official years on both bases (chart and
tables), the reconciliation of every published total and the moves since first release."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

import altair as alt
import pandas as pd
from IPython.display import HTML

from digideficit.analysis import charts, official, prose, series, wording
from digideficit.analysis import quantities as q
from digideficit.analysis.quantities import Findings
from digideficit.site.figures import markup
from digideficit.validated import definitions as d

# every word the chapter's charts and tables show, by language
WORDS = {
    "en": {
        "groups": {
            "CY": "Calendar years",
            "FY": "Fiscal years (April–March)",
            "H1": "January–June",
            "FH1": "April–September (first half of a fiscal year)",
            "YTD": "Runs of months",
            "M": "Months",
        },
        "reconciliation": ["Period", "Why", "Printed", "Official", "Gap", "Basis", "Source"],
        "reconciliation_caption": "Every published total against the official figure, "
        "¥ trillion (balance; a deficit is negative)",
        "reasons": {
            "rounding": "rounding",
            "bound": "bound met",
            "revised": "revised",
            "older": "old release",
            "estimate": "estimate",
            "differs": "unclear",
            "no-official": "not covered",
        },
        "basis_short": {
            "3-item-computer": "3 items, computer",
            "5-item": "5 items",
            "3-item": "MOF 3 items",
            "not-stated": "no list",
            "METI": "METI",
            "BOJ": "BOJ as quoted",
            "Nikkei": "Nikkei",
        },
        "same_sum": "{published} = {official}",
        "inferred": "{published} → {official}",
        "first_releases": ["Period", "First release", "Today", "Moved", "Basis", "Source"],
        "first_releases_caption": "First releases against today's official figure, "
        "¥ trillion (balance)",
        "within_rounding": "{moved} (within rounding)",
        "items": ["Item", "3 items, computer", "5 items", "MOF 3 items", "Official name"],
        "annual_first": {"CY": "Year", "FY": "Fiscal year"},
        "annual": {
            ("3-item-computer", "balance"): "3 items, computer: balance",
            ("5-item", "balance"): "5 items: balance",
            ("5-item", "receipts"): "5 items: receipts",
            ("5-item", "payments"): "5 items: payments",
        },
        "annual_caption": {
            "CY": "Calendar years, ¥100 million (億円)",
            "FY": "Fiscal years (April–March), ¥100 million (億円)",
        },
        "months": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(),
        "month_run": "{first}–{last} {year}",
        "fiscal_half": "FY{year} H1",
        "calendar_half": "{year} H1",
        "chart_title": "On both bases the {latest} deficit was at least {multiple} its {first} "
        "level",
        "chart_subtitle": [
            "Calendar years, ¥ trillion. Lines: official totals, summed from the Bank of "
            "Japan's months; points: totals as published",
            "Source: Bank of Japan, monthly balance of payments, file of {date} (sums derived "
            "by this report); published totals and their sources: the table below",
        ],
        "groups_legend": {
            "3-item-computer": "3 items, computer only",
            "5-item": "5 items (= MOF's 3 items)",
            "not-stated": "basis not stated",
            "other": "publisher's own basis",
        },
        "axis_x": "calendar year",
        "axis_y": "digital deficit, ¥ trillion",
        "tooltip": {
            "year": "year",
            "deficit": "deficit, ¥ trillion",
            "group": "basis",
            "kind": "figure",
            "publisher": "source",
            "vintage": "vintage",
        },
        "kinds": {"official": "official", "published": "as published"},
        "official_source": "Bank of Japan, monthly balance of payments (sum derived by this "
        "report)",
        # the chart's text description: each official line, then the published points
        "line_description": "Line of the official digital deficit, {name}",
        "points_description": " Points: {n} published calendar-year totals; per year, from "
        "smallest to largest deficit: {years}.",
        "points_year": "{year}: {values}",
        "points_year_sep": "; ",
        "points_value_sep": ", ",
    },
    "ja": {
        "groups": {
            "CY": "暦年",
            "FY": "年度（4月～翌年3月）",
            "H1": "1～6月",
            "FH1": "年度上期（4～9月）",
            "YTD": "月の累計",
            "M": "月",
        },
        "reconciliation": ["期間", "理由", "公表値", "公式値", "差", "基準", "出典"],
        "reconciliation_caption": "公表された合計と公式値（兆円、収支。赤字はマイナス）",
        "reasons": {
            "rounding": "端数",
            "bound": "下限を満たす",
            "revised": "改定",
            "older": "旧公表値",
            "estimate": "推計",
            "differs": "不明",
            "no-official": "対象外",
        },
        "basis_short": {
            "3-item-computer": "3項目（コンピュータ）",
            "5-item": "5項目",
            "3-item": "財務省3項目",
            "not-stated": "明示なし",
            "METI": "経済産業省",
            "BOJ": "日本銀行（引用）",
            "Nikkei": "日経",
        },
        "same_sum": "{published}＝{official}",
        "inferred": "{published}→{official}",
        "first_releases": ["期間", "速報", "現在", "改定幅", "基準", "出典"],
        "first_releases_caption": "速報値と現在の公式値（兆円、収支）",
        "within_rounding": "{moved}（端数の範囲内）",
        "items": ["項目", "3項目（コンピュータ）", "5項目", "財務省3項目", "英語名"],
        "annual_first": {"CY": "年", "FY": "年度"},
        "annual": {
            ("3-item-computer", "balance"): "3項目（コンピュータ）収支",
            ("5-item", "balance"): "5項目 収支",
            ("5-item", "receipts"): "5項目 受取",
            ("5-item", "payments"): "5項目 支払",
        },
        "annual_caption": {"CY": "暦年（億円）", "FY": "年度（4月～翌年3月、億円）"},
        "months": [f"{m}" for m in range(1, 13)],
        "month_run": "{year}年{first}～{last}月",
        "fiscal_half": "{year}年度上期",
        "calendar_half": "{year}年1～6月",
        "chart_title": "両基準とも{latest}の赤字は{first}の{multiple}以上",
        "chart_subtitle": [
            "暦年、兆円。線：公式の合計（日本銀行の月次値の合計）、点：公表された合計",
            "出典：日本銀行「国際収支統計（月次）」{date}公表ファイル（合計は本報告が算出）。"
            "公表値とその出典は下の表",
        ],
        "groups_legend": {
            "3-item-computer": "3項目（コンピュータのみ）",
            "5-item": "5項目（＝財務省の3項目）",
            "not-stated": "基準の明示なし",
            "other": "発表元独自の基準",
        },
        "axis_x": "暦年",
        "axis_y": "デジタル赤字（兆円）",
        "tooltip": {
            "year": "年",
            "deficit": "赤字（兆円）",
            "group": "基準",
            "kind": "数値",
            "publisher": "出典",
            "vintage": "時点",
        },
        "kinds": {"official": "公式", "published": "公表値"},
        "official_source": "日本銀行「国際収支統計（月次）」（合計は本報告が算出）",
        "line_description": "{name}で集計した公式のデジタル赤字の線",
        "points_description": "点は公表された暦年の合計（{n}件）。年ごとに赤字の小さい順に"
        "示すと（兆円）、{years}。",
        "points_year": "{year}は{values}",
        "points_year_sep": "、",
        "points_value_sep": "・",
    },
}
MINUS = "−"


def words(lang: str) -> dict:
    return WORDS[wording.checked(lang)]


def signed(value: Decimal, places: int | None = 4, plus: bool = False) -> str:
    """−6.8668 / +0.2162: a balance to `places` decimals (None: as written)."""
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if value == 0:
        value = abs(value)
    text = f"{abs(value):,f}"
    sign = MINUS if value < 0 else ("+" if plus and value > 0 else "")
    return sign + text


def as_printed(value_text: str, qualifier: str) -> str:
    """A published balance with its digits and its hedge: '≈ −6.8', '< −6' (a deficit of
    more than ¥6 trillion), '−6.6506'."""
    text = signed(Decimal(value_text), None)
    # a no-break space: the mark never wraps away from its figure
    if qualifier == "about":
        return f"≈\u00a0{text}"
    if qualifier == "more than":
        return f"{'<' if Decimal(value_text) < 0 else '>'}\u00a0{text}"
    return text


def publisher_name(publisher: str, lang: str = "en") -> str:
    """A publisher as a table shows it: without the parenthesis saying how the report read
    it ('Jiji Press (via Infoseek News)' → 'Jiji Press'); the references page has it all.
    Japanese tables name it in Japanese where it has a Japanese name (時事通信)."""
    return wording.publisher(wording.READ_VIA.sub("", publisher) or publisher, lang)


def period_label(code: str, period_type: str, lang: str) -> str:
    """A period as a compact table cell: 2024, FY2024, FY2024 H1, Jan–Oct 2024."""
    w = words(lang)
    if period_type == "YTD":
        first, last = code.split("/")
        if first[:4] == last[:4]:
            return w["month_run"].format(
                first=w["months"][int(first[5:7]) - 1],
                last=w["months"][int(last[5:7]) - 1],
                year=first[:4],
            )
        return wording.say(q.Span(first, last), lang)
    if period_type == "FH1":
        return w["fiscal_half"].format(year=code[2:6])
    if period_type == "H1":
        return w["calendar_half"].format(year=code[:4])
    return wording.say(q.Period(code), lang)


def basis_cell(row: pd.Series, lang: str) -> str:
    w = words(lang)
    names = w["basis_short"]
    published, reference = row["basis"], row["official basis"]
    if not reference or published == reference:
        return names.get(published, published)
    if row["inference"] == "yes":
        return w["inferred"].format(
            published=names.get(published, published), official=names[reference]
        )
    return w["same_sum"].format(published=names[published], official=names[reference])


def reconciliation(found: Findings, lang: str = "en") -> HTML:
    """Every published total, grouped by period type: period, why it differs (a short code
    explained under the table), as published, the official figure and the gap, then basis
    and source."""
    w = words(lang)
    table = found.frames["reconciliation"]
    groups = []
    for period_type, part in table.groupby("period_type", sort=False):
        rows = []
        for _, row in part.iterrows():
            has_official = row["official_text"] != ""
            official_value = Decimal(row["official_text"]) if has_official else None
            gap = (
                signed(Decimal(row["value_text"]) - official_value, plus=True)
                if has_official
                else ""
            )
            rows.append(
                [
                    period_label(row["period"], period_type, lang),
                    # the reason second: on a phone it stays in view beside the period
                    w["reasons"][row["reason"]],
                    as_printed(row["value_text"], row["qualifier"]),
                    signed(official_value) if has_official else "",
                    gap,
                    basis_cell(row, lang),
                    markup.source_link(row["source_id"], publisher_name(row["publisher"], lang)),
                ]
            )
        groups.append((w["groups"][period_type], rows))
    return markup.table(
        w["reconciliation"],
        groups,
        w["reconciliation_caption"],
        "dd-table dd-compact",
        numeric=(2, 3, 4),
        nowrap=(5,),
    )


def first_releases(found: Findings, lang: str = "en") -> HTML:
    """Each year's first release against today's official figure, and the move."""
    w = words(lang)
    table = found.frames["first_releases"]
    groups = []
    for period_type, part in table.groupby("period_type", sort=False):
        rows = []
        for _, row in part.iterrows():
            moved = signed(Decimal(row["moved_text"]), plus=True)
            if row["within rounding"]:
                moved = w["within_rounding"].format(moved=moved)
            reference = {"basis": row["published basis"], **row.to_dict()}
            rows.append(
                [
                    period_label(row["period"], period_type, lang),
                    as_printed(row["preliminary_text"], row["qualifier"]),
                    signed(Decimal(row["official_text"])),
                    moved,
                    basis_cell(pd.Series(reference), lang),
                    markup.source_link(row["source_id"], publisher_name(row["publisher"], lang)),
                ]
            )
        groups.append((w["groups"][period_type], rows))
    return markup.table(
        w["first_releases"],
        groups,
        w["first_releases_caption"],
        "dd-table dd-compact",
        numeric=(1, 2, 3),
        nowrap=(4,),
    )


def items(found: Findings, lang: str = "en") -> HTML:
    """Which items each basis adds up: the parts of the combined line indented under it."""
    w = words(lang)
    rows = []
    for _, row in found.frames["items"].iterrows():
        item = d.ITEMS[row["item"]]
        name = wording.say(q.Item(row["item"]), lang)
        rows.append(
            [
                f"– {name}" if row["parent"] else name,
                *("✓" if row[basis] else "" for basis in ("3-item-computer", "5-item", "3-item")),
                item.name_en if lang == "ja" else item.name_ja,
            ]
        )
    return markup.table(w["items"], [(None, rows)], css="dd-table dd-compact")


def annual(found: Findings, period_type: str, lang: str) -> HTML:
    w = words(lang)
    frame = found.frames["calendar_years" if period_type == "CY" else "fiscal_years"]
    columns = {official.ANNUAL_COLUMNS[key]: label for key, label in w["annual"].items()}
    first = frame.columns[0]
    rows = [
        [
            wording.say(q.Period(str(row[first])), lang),
            *(row[c].replace("-", MINUS) for c in columns),
        ]
        for _, row in frame.iterrows()
    ]
    return markup.table(
        [w["annual_first"][period_type], *columns.values()],
        [(None, rows)],
        w["annual_caption"][period_type],
        "dd-table dd-compact",
        numeric=(1, 2, 3, 4),
    )


def calendar_years(found: Findings, lang: str = "en") -> HTML:
    """The official calendar years on both bases, in ¥100 million (億円)."""
    return annual(found, "CY", lang)


def fiscal_years(found: Findings, lang: str = "en") -> HTML:
    """The official fiscal years (April–March) on both bases, in ¥100 million (億円)."""
    return annual(found, "FY", lang)


def group_of(basis: str) -> str:
    """The legend group of a published total's basis."""
    if basis in d.DISTINCT_BASES or basis == "not-stated":
        return basis
    return d.series_basis(basis) if d.BASES[basis].items else "other"


def bases(found: Findings, lang: str = "en") -> HTML:
    """Both bases' official calendar years as lines; every published calendar-year total as
    a point beside them (never part of a line)."""
    w = words(lang)
    first_year = found.parameters["first_year"]
    annual_rows = found.frames["annual"]
    lines = annual_rows[(annual_rows["period_type"] == "CY") & (annual_rows["flow"] == "balance")]
    lines = lines.sort_values(["basis", "year"])
    lines = lines.assign(
        deficit=-lines["value"],
        group=lines["basis"].map(w["groups_legend"]),
        kind=w["kinds"]["official"],
        publisher=w["official_source"],
        run=lines.groupby("basis")["year"].transform(series.runs),
    )
    published = found.frames["reconciliation"]
    published = published[(published["period_type"] == "CY") & (published["year"] >= first_year)]
    points = published.assign(
        deficit=-published["value_text"].astype(float),
        group=published["basis"].map(group_of).map(w["groups_legend"]),
        kind=w["kinds"]["published"],
        publisher=published["publisher"].map(lambda name: publisher_name(name, lang)),
    )
    domain = list(w["groups_legend"].values())
    last_year = int(max(lines["year"].max(), points["year"].max()))
    x = alt.X(
        "year:Q",
        title=w["axis_x"],
        scale=alt.Scale(domain=[first_year, last_year]),
        axis=alt.Axis(format="d", tickMinStep=1),
    )
    y = alt.Y("deficit:Q", title=w["axis_y"])
    colour = alt.Color(
        "group:N",
        title=None,
        scale=alt.Scale(domain=domain, range=[charts.PALETTE[i] for i in (0, 3, 2, 4)]),
        legend=alt.Legend(columns=1),
    )
    shape = alt.Shape("group:N", title=None, scale=alt.Scale(domain=domain, range=charts.SHAPES))
    t = w["tooltip"]
    tooltip = [
        alt.Tooltip("year:Q", title=t["year"], format="d"),
        alt.Tooltip("deficit:Q", title=t["deficit"], format=".4~f"),
        alt.Tooltip("group:N", title=t["group"]),
        alt.Tooltip("kind:N", title=t["kind"]),
        alt.Tooltip("publisher:N", title=t["publisher"]),
    ]
    trace = (
        alt.Chart(lines)
        .mark_line(strokeWidth=3)
        .encode(x=x, y=y, color=colour, detail="run:N", tooltip=tooltip)
    )
    marks = (
        alt.Chart(points)
        .mark_point(size=60, filled=True, opacity=0.85)
        .encode(x=x, y=y, color=colour, shape=shape, tooltip=tooltip)
    )
    calendar = lines.pivot(index="year", columns="basis", values="value")
    start, end = int(calendar.index.min()), int(calendar.index.max())
    multiple = min(calendar.loc[end] / calendar.loc[start])
    # "at least": the multiple is cut, never rounded up
    floor = q.Multiple(math.floor(multiple * 10) / 10)
    title = w["chart_title"].format(
        latest=wording.say(q.Period(str(end)), lang),
        first=wording.say(q.Period(str(start)), lang),
        multiple=wording.say(floor, lang),
    )
    day = lines["vintage"].max().removeprefix("boj-").replace("-", "")
    date = wording.say(q.Period(f"{day[:4]}-{day[4:6]}-{day[6:]}"), lang)
    subtitle = [line.format(date=date) for line in w["chart_subtitle"]]
    chart = (trace + marks).properties(title=alt.Title(title, subtitle=subtitle))
    description = charts.sentences(
        [
            charts.describe_series(
                part.assign(label=part["year"].astype(str)),
                "label",
                "deficit",
                w["line_description"].format(name=name),
                "¥ trillion",
                lang=lang,
            )
            for name, part in lines.groupby("group", sort=False)
        ],
        lang,
    ) + w["points_description"].format(
        n=len(points),
        years=w["points_year_sep"].join(
            w["points_year"].format(
                year=wording.say(q.Period(str(year)), lang),
                values=w["points_value_sep"].join(f"{v:g}" for v in sorted(part["deficit"])),
            )
            for year, part in points.groupby("year")
        ),
    )
    tidy = pd.concat(
        [
            pd.DataFrame(
                {
                    "year": lines["year"].astype(int),
                    "figure": "official",
                    "basis": lines["basis"],
                    "flow": "balance",
                    "value": lines["value_text"].astype(float),
                    "qualifier": "",
                    "unit": "JPY_tn",
                    "vintage": lines["vintage"],
                    "source": "Bank of Japan, monthly balance of payments (sum derived)",
                }
            ),
            pd.DataFrame(
                {
                    "year": points["year"].astype(int),
                    "figure": "published",
                    "basis": points["basis"],
                    "flow": "balance",
                    "value": points["value_text"].astype(float),
                    "qualifier": points["qualifier"],
                    "unit": "JPY_tn",
                    "vintage": points["vintage"],
                    "source": points["publisher"],
                }
            ),
        ],
        ignore_index=True,
    )
    return charts.figure(chart, "definitions-bases", description, table=tidy, lang=lang)


def sources(found: Findings, lang: str = "en") -> HTML:
    """The sources footer: every source a figure on the page comes from."""
    return prose.sources_footer(found.frames["sources"], found.frames["cited"], lang=lang)
