"""Who is paid: the United States' share by year, the largest partners in the year ranked,
and the tables of exact figures behind them."""

from __future__ import annotations

from decimal import Decimal

import altair as alt
import pandas as pd
from IPython.display import HTML

from digideficit.analysis import charts, prose, series, wording
from digideficit.analysis import quantities as q
from digideficit.analysis.findings.who_is_paid import ITEMS, in_100m

# each item's name where a chart or table has little room (a legend on a 390 px screen)
ITEM_LABELS = {
    "en": {
        "telecom_computer_info": "Telecom, computer, info",
        "ip_charges": "IP charges",
    },
    "ja": {
        "telecom_computer_info": "通信・コンピュータ・情報",
        "ip_charges": "知的財産権等使用料",
    },
}
# each item's name in a chart title
ITEM_NAMES = {
    "en": {
        "telecom_computer_info": "telecommunications, computer and information services",
        "ip_charges": "the use of intellectual property",
    },
    "ja": {
        "telecom_computer_info": "通信・コンピュータ・情報サービス",
        "ip_charges": "知的財産権等使用料",
    },
}
WORDS = {
    "en": {
        "share_title": "The US share of Japan's payments {tci_moved} from {tci_first} to "
        "{tci_last} for telecom, computer and information services and {ip_moved} from "
        "{ip_first} to {ip_last} for IP charges, {span}",
        "share_subtitle": [
            "Payments to residents of the United States as a share of payments to all partners",
            "Source: Bank of Japan, regional balance of payments, file of {file}; "
            "shares derived by this report",
        ],
        "share_axis": "share of Japan's payments, %",
        "year": "year",
        "item": "item",
        "share": "US share, %",
        "us_amount": "to the US, ¥100 million",
        "world_amount": "all partners, ¥100 million",
        "share_description": "Line chart of the United States' share of Japan's payments "
        "for {item}, in percent",
        "rank_title": "{first} received {first_share} of Japan's payments for {item} in "
        "{year}; {second} came second with {second_share}",
        "rank_subtitle": [
            "Share of Japan's payments by partner economy; regions are not ranked. A partner "
            "is where the seller is resident",
            "Source: Bank of Japan, regional balance of payments, file of {file}; "
            "shares derived by this report",
        ],
        "rank_axis": "share of Japan's payments, %",
        "economy": "economy",
        "rank_description": "Bar chart of the {n} economies Japan paid most for {item} in "
        "{year}, each as a share of its payments to all partners, in percent",
        "rank": "rank",
        "amount": "¥100 million",
        "percent": "%",
        "us_share_measure": "US share of payments to all partners",
        "us_amount_measure": "payments to the United States",
        "world_measure": "payments to all partners",
        "partner_share_measure": "share of payments to all partners",
        "partner_amount_measure": "payments",
    },
    "ja": {
        "share_title": "日本の支払に占める米国のシェアは、通信・コンピュータ・情報サービスで"
        "{tci_first}から{tci_last}へ{tci_moved}、知的財産権等使用料で{ip_first}から"
        "{ip_last}へ{ip_moved}（{span}）",
        "share_subtitle": [
            "米国居住者への支払が全地域への支払に占める割合",
            "出所：日本銀行「地域別国際収支」{file}公表ファイル。シェアは本報告が算出",
        ],
        "share_axis": "日本の支払に占めるシェア（%）",
        "year": "年",
        "item": "項目",
        "share": "米国のシェア（%）",
        "us_amount": "米国への支払（億円）",
        "world_amount": "全地域への支払（億円）",
        "share_description": "日本の{item}の支払に占める米国のシェア（%）の折れ線グラフ",
        "rank_title": "{year}の{item}の支払の{first_share}を{first}が受け取り、"
        "{second}が{second_share}で2位",
        "rank_subtitle": [
            "相手国別の支払シェア。地域（アジア、欧州など）は順位に含めない。"
            "相手国は受取側の居住地",
            "出所：日本銀行「地域別国際収支」{file}公表ファイル。シェアは本報告が算出",
        ],
        "rank_axis": "日本の支払に占めるシェア（%）",
        "economy": "相手国",
        "rank_description": "{year}の{item}の支払額上位{n}か国・地域の、全地域への支払に"
        "占めるシェア（%）の棒グラフ",
        "rank": "順位",
        "amount": "億円",
        "percent": "%",
        "us_share_measure": "全地域への支払に占める米国のシェア",
        "us_amount_measure": "米国への支払",
        "world_measure": "全地域への支払",
        "partner_share_measure": "全地域への支払に占めるシェア",
        "partner_amount_measure": "支払",
    },
}


def _words(lang: str) -> dict:
    return WORDS[wording.checked(lang)]


def partner_label(partner: str, lang: str) -> str:
    return wording.as_label(q.Partner(partner), lang)


def file_date(found: q.Findings, lang: str) -> str:
    return wording.period(found.frames["us_shares"]["vintage"].iloc[0], lang)


def us_share(found: q.Findings, lang: str = "en") -> HTML:
    """The US share of each item's payments by year: a line per item that stops at a year
    without a figure."""
    words, v = _words(lang), found.values
    shares = found.frames["us_shares"]
    frames = []
    for item in ITEMS:
        part = shares[shares["item"] == item].sort_values("year")
        frames.append(part.assign(run=series.runs(part["year"]).to_numpy()))
    shown = pd.concat(frames, ignore_index=True)
    shown = shown.assign(
        label=shown["item"].map(ITEM_LABELS[lang]),
        share_shown=shown["share"].round(1),
        line=shown["item"] + "-" + shown["run"].astype(str),
    )
    labels = [ITEM_LABELS[lang][item] for item in ITEMS]
    say = lambda key: wording.say(v[key], lang)  # noqa: E731
    title = words["share_title"].format(
        tci_moved=say("wp_tci_moved"),
        tci_first=say("wp_tci_us_share_first"),
        tci_last=say("wp_tci_us_share"),
        ip_moved=say("wp_ip_moved"),
        ip_first=say("wp_ip_us_share_first"),
        ip_last=say("wp_ip_us_share"),
        span=say("wp_span"),
    )
    subtitle = [line.format(file=file_date(found, lang)) for line in words["share_subtitle"]]
    drawn = (
        alt.Chart(shown)
        .mark_line(point=True, strokeWidth=2.5)
        .encode(
            x=alt.X("year:Q", title=words["year"], axis=alt.Axis(format="d", tickMinStep=1)),
            y=alt.Y("share_shown:Q", title=words["share_axis"], scale=alt.Scale(zero=True)),
            color=alt.Color(
                "label:N",
                title=None,
                scale=alt.Scale(domain=labels, range=charts.MARK_PALETTE[: len(labels)]),
            ),
            detail="line:N",
            tooltip=[
                alt.Tooltip("label:N", title=words["item"]),
                alt.Tooltip("year:Q", title=words["year"], format="d"),
                alt.Tooltip("share_shown:Q", title=words["share"], format=".1f"),
            ],
        )
        .properties(title=alt.Title(title, subtitle=subtitle))
    )
    description = charts.sentences(
        [
            charts.describe_series(
                shown[shown["item"] == item],
                "year",
                "share_shown",
                words["share_description"].format(item=ITEM_NAMES[lang][item]),
                "%",
                lang=lang,
            )
            for item in ITEMS
        ],
        lang,
    )
    return charts.figure(
        drawn, "who-is-paid-us-share", description, table=_share_tidy(found, lang), lang=lang
    )


def _share_tidy(found: q.Findings, lang: str) -> pd.DataFrame:
    """Per item and year: the US share (percent), the payments to the United States and to
    all partners (exact ¥100 million)."""
    words = _words(lang)
    shares = found.frames["us_shares"]
    rows = []
    for _, r in shares.iterrows():
        common = {
            "year": int(r["year"]),
            "item": r["item"],
            "flow": "payments",
            "partner": "U.S.A.",
        }
        for measure, value, unit in (
            (words["us_share_measure"], r["share"], "percent"),
            (words["us_amount_measure"], float(Decimal(r["us_text"])), "JPY_100m"),
            (words["world_measure"], float(Decimal(r["world_text"])), "JPY_100m"),
        ):
            rows.append(
                common
                | {
                    "measure": measure,
                    "value": value,
                    "unit": unit,
                    "vintage": r["vintage"],
                    "source": r["source"],
                }
            )
    return pd.DataFrame(rows)


def partners(found: q.Findings, lang: str = "en", item: str = "telecom_computer_info") -> HTML:
    """The economies Japan paid most for one item in the year ranked, as shares."""
    words, v = _words(lang), found.values
    ranked = found.frames["ranked"]
    shown = ranked[ranked["item"] == item].sort_values("rank")
    shown = shown.assign(
        economy=[partner_label(p, lang) for p in shown["partner"]],
        share_shown=shown["share"].round(1),
        share_text=[f"{s:.0f}%" for s in shown["share"]],
    )
    first, second = shown.iloc[0], shown.iloc[1]
    title = words["rank_title"].format(
        first=wording.say(q.Partner(first["partner"]), lang),
        first_share=wording.say(q.Share(first["share"] / 100), lang),
        second=wording.say(q.Partner(second["partner"]), lang),
        second_share=wording.say(q.Share(second["share"] / 100), lang),
        item=ITEM_NAMES[lang][item],
        year=wording.say(v["wp_year"], lang),
    )
    title = title[:1].upper() + title[1:]
    subtitle = [line.format(file=file_date(found, lang)) for line in words["rank_subtitle"]]
    order = shown["economy"].tolist()
    bars = (
        alt.Chart(shown)
        .mark_bar(color=charts.PALETTE[0])
        .encode(
            x=alt.X("share_shown:Q", title=words["rank_axis"], scale=alt.Scale(zero=True)),
            y=alt.Y("economy:N", title=None, sort=order),
            tooltip=[
                alt.Tooltip("economy:N", title=words["economy"]),
                alt.Tooltip("share_shown:Q", title=words["percent"], format=".1f"),
            ],
        )
    )
    text = bars.mark_text(align="left", dx=4).encode(text="share_text:N")
    drawn = (bars + text).properties(height=alt.Step(28), title=alt.Title(title, subtitle=subtitle))
    description = charts.describe_categories(
        shown,
        "economy",
        "share_shown",
        words["rank_description"].format(
            n=len(shown), item=ITEM_NAMES[lang][item], year=wording.say(v["wp_year"], lang)
        ),
        "%",
        lang=lang,
    )
    name = f"who-is-paid-partners-{ITEMS[item]}"
    return charts.figure(drawn, name, description, table=_rank_tidy(shown, words), lang=lang)


def _rank_tidy(shown: pd.DataFrame, words: dict) -> pd.DataFrame:
    rows = []
    for _, r in shown.iterrows():
        common = {
            "year": int(r["year"]),
            "item": r["item"],
            "flow": "payments",
            "partner": r["partner"],
            "rank": int(r["rank"]),
        }
        for measure, value, unit in (
            (words["partner_share_measure"], r["share"], "percent"),
            (words["partner_amount_measure"], float(Decimal(r["value_text"])), "JPY_100m"),
        ):
            rows.append(
                common
                | {
                    "measure": measure,
                    "value": value,
                    "unit": unit,
                    "vintage": r["vintage"],
                    "source": r["source"],
                }
            )
    return pd.DataFrame(rows)


def us_table(found: q.Findings, lang: str = "en", item: str = "telecom_computer_info") -> HTML:
    """Each year's payments to the United States and to all partners for one item (exact
    ¥100 million, rounded to the unit) and the US share."""
    words = _words(lang)
    shares = found.frames["us_shares"]
    rows = shares[shares["item"] == item].sort_values("year")
    return prose.table(
        pd.DataFrame(
            {
                words["year"]: rows["year"].astype(int).astype(str),
                words["us_amount"]: rows["us_text"].map(in_100m),
                words["world_amount"]: rows["world_text"].map(in_100m),
                words["share"]: [f"{s:.1f}" for s in rows["share"]],
            }
        )
    )


def partners_table(found: q.Findings, lang: str = "en") -> HTML:
    """The largest partner economies of each item in the year ranked, exact."""
    words = _words(lang)
    ranked = found.frames["ranked"].sort_values(["item", "rank"], key=_item_order)
    return prose.table(
        pd.DataFrame(
            {
                words["item"]: ranked["item"].map(ITEM_LABELS[lang]),
                words["rank"]: ranked["rank"].astype(int).astype(str),
                words["economy"]: [partner_label(p, lang) for p in ranked["partner"]],
                words["amount"]: ranked["value_text"].map(in_100m),
                words["percent"]: [f"{s:.1f}" for s in ranked["share"]],
            }
        )
    )


def _item_order(column: pd.Series) -> pd.Series:
    order = list(ITEMS)
    return column.map(order.index) if column.name == "item" else column


def sources(found: q.Findings, lang: str = "en") -> HTML:
    """The page's sources footer."""
    return prose.sources_footer(found.frames["sources"], found.frames["cited"], lang=lang)
