"""Data and methods: the official series list, the context series and the item balances,
as tables in the page's language."""

from __future__ import annotations

from IPython.display import HTML

from digideficit.analysis import prose, wording
from digideficit.analysis import quantities as q
from digideficit.analysis.quantities import Findings
from digideficit.site.figures import markup
from digideficit.site.figures.definitions import publisher_name
from digideficit.validated import definitions as d

MINUS = "−"
WORDS = {
    "en": {
        "series": ["Series", "Flow", "Code", "公式名称", "From", "To"],
        "series_caption": "The Bank of Japan's monthly series the report reads",
        "flows": {"receipts": "receipts", "payments": "payments", "balance": "balance"},
        "context": ["Series", "Periods", "From", "To", "Figures", "Source"],
        "context_caption": "Context series from other publishers",
        "measures": {
            "nominal_gdp": "Nominal GDP",
            "usd_jpy_average": "Yen per US dollar, average",
            "crude_oil_imports": "Crude oil imports, value",
        },
        "period_types": {"CY": "calendar years", "FY": "fiscal years", "M": "months"},
        "items_first": "Year",
        "items_caption": "Balance of each digital item, calendar years, ¥100 million (億円)",
    },
    "ja": {
        "series": ["コード", "公式名称", "開始", "終了"],
        "series_caption": "本報告が用いる日本銀行の月次系列",
        "flows": {"receipts": "受取", "payments": "支払", "balance": "収支"},
        "context": ["系列", "期間の単位", "開始", "終了", "件数", "出典"],
        "context_caption": "他の機関の比較対象系列",
        "measures": {
            "nominal_gdp": "名目GDP",
            "usd_jpy_average": "円ドル相場（平均）",
            "crude_oil_imports": "原油輸入額",
        },
        "period_types": {"CY": "暦年", "FY": "年度", "M": "月"},
        "items_first": "年",
        "items_caption": "デジタル関連各項目の収支（暦年、億円）",
    },
}


def period(code: str, lang: str) -> str:
    return wording.say(q.Period(code), lang)


def official_series(found: Findings, lang: str = "en") -> HTML:
    """Every monthly series of the Bank of Japan the report reads, with its code, official
    Japanese name and the months the file gives."""
    w = WORDS[wording.checked(lang)]
    frame = found.frames["official_series"]
    rows = []
    for _, row in frame.iterrows():
        months = [period(row["from"], lang), period(row["to"], lang)]
        if lang == "ja":
            rows.append([row["code"], row["公式名称"], *months])
        else:
            rows.append(
                [row["what"], w["flows"][row["flow"]], row["code"], row["公式名称"], *months]
            )
    return markup.table(w["series"], [(None, rows)], w["series_caption"], "dd-table dd-compact")


def context(found: Findings, lang: str = "en") -> HTML:
    """The context series from other publishers: what, periods covered, source."""
    w = WORDS[wording.checked(lang)]
    rows = [
        [
            w["measures"][row["measure"]],
            w["period_types"][row["period_type"]],
            period(row["first"], lang),
            period(row["last"], lang),
            wording.say(q.Number(row["figures"]), lang),
            markup.source_link(
                row["source_id"],
                wording.say(q.Publisher(publisher_name(row["publisher"])), lang),
            ),
        ]
        for _, row in found.frames["context"].iterrows()
    ]
    return markup.table(
        w["context"], [(None, rows)], w["context_caption"], "dd-table dd-compact", numeric=(4,)
    )


def items(found: Findings, lang: str = "en") -> HTML:
    """Each digital item's calendar-year balance, in ¥100 million (億円)."""
    w = WORDS[wording.checked(lang)]
    frame = found.frames["items"]
    keys = ("copyright_royalties", "telecom", "computer", "information", "consulting")
    columns = [d.ITEMS[key].short_name for key in keys]
    rows = [
        [period(str(row["year"]), lang), *(row[c].replace("-", MINUS) for c in columns)]
        for _, row in frame.iterrows()
    ]
    header = [w["items_first"], *(wording.say(q.Item(key), lang) for key in keys)]
    return markup.table(
        header,
        [(None, rows)],
        w["items_caption"],
        "dd-table dd-compact",
        numeric=tuple(range(1, len(header))),
    )


def sources(found: Findings, lang: str = "en") -> HTML:
    """The sources footer: the official files and the context series' publishers."""
    return prose.sources_footer(found.frames["sources"], found.frames["cited"], lang=lang)
