"""Editions: each build of the report is named by the data it was built on.

The report's backbone is the Bank of Japan's monthly balance-of-payments file, and the data
keep every vintage of its values (a revision is a new row with the file's date; the old row
stays). An edition is therefore named by the newest file date in `data/boj_monthly.csv` and
the latest month it holds: "Edition of 2026-06-08 — Bank of Japan data to April 2026".
The earlier file dates are the earlier editions, and `as_of` gives the data as each of them
had it, so that a page can say what changed from one to the next.

One function, `edition`, names the edition wherever it appears: every page of the site, the
PDF's cover, the suggested citation (`cite`) and `CITATION.cff` (`citation_file`).
"""

from __future__ import annotations

import calendar
import dataclasses
import json
from dataclasses import dataclass

import pandas as pd

from digideficit.analysis import citation
from digideficit.validated import data
from digideficit.validated import definitions as d

LANGUAGES = ("en", "ja")


@dataclass(frozen=True)
class Edition:
    """What names one edition: its date (the newest Bank of Japan file it uses, YYYY-MM-DD)
    and the latest month that file holds (YYYY-MM; None when the data hold no monthly file,
    the edition is then dated by its newest published source)."""

    date: str
    latest_month: str | None

    def label(self, lang: str = "en") -> str:
        """'Edition of 2026-06-08 — Bank of Japan data to April 2026', or in Japanese
        '2026年6月8日版 — 日本銀行データ 2026年4月まで'."""
        check_language(lang)
        if lang == "ja":
            name = f"{japanese_date(self.date)}版"
            return (
                name
                if self.latest_month is None
                else (f"{name} — 日本銀行データ {month_name(self.latest_month, 'ja')}まで")
            )
        name = f"Edition of {self.date}"
        return (
            name
            if self.latest_month is None
            else (f"{name} — Bank of Japan data to {month_name(self.latest_month, 'en')}")
        )


def check_language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"language {lang!r}: one of {', '.join(LANGUAGES)}")


def month_name(period: str, lang: str = "en") -> str:
    """'2026-04' → 'April 2026' / '2026年4月'."""
    year, month = int(period[:4]), int(period[5:7])
    return f"{year}年{month}月" if lang == "ja" else f"{calendar.month_name[month]} {year}"


def japanese_date(day: str) -> str:
    """'2026-06-08' → '2026年6月8日'."""
    year, month, date = (int(part) for part in day.split("-"))
    return f"{year}年{month}月{date}日"


def editions(tables: data.Tables) -> list[str]:
    """The dates of the Bank of Japan monthly files the data keep values from, oldest first:
    each one the edition built when it arrived."""
    return sorted(set(tables.boj_monthly["vintage"].astype(str)))


def edition(tables: data.Tables | None = None) -> Edition:
    """The edition the data make: the newest monthly file and the latest month it holds."""
    tables = tables if tables is not None else data.load()
    monthly = tables.boj_monthly
    if monthly.empty:
        sources = tables.sources
        published = sources.loc[sources["kind"] != "seed", "date"].astype(str)
        return Edition(date=published.max(), latest_month=None)
    return Edition(date=str(monthly["vintage"].max()), latest_month=str(monthly["period"].max()))


def as_of(tables: data.Tables, date: str) -> data.Tables:
    """The data as the edition of `date` had them: the Bank of Japan's values (monthly and
    regional) read from files of that date or earlier, and every published figure.

    The months also stand in the digital-services and context tables (vintage
    `boj-YYYYMMDD`): those of later files go too. The result has no content digest, so that
    nothing computed from it is kept on disk under the digest of the full data."""
    official_vintage = "boj-" + date.replace("-", "")

    def without_later_files(frame: pd.DataFrame) -> pd.DataFrame:
        vintage = frame["vintage"].astype(str)
        is_official = vintage.map(d.is_official_vintage)
        return frame[~is_official | (vintage <= official_vintage)].reset_index(drop=True)

    def up_to(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[frame["vintage"].astype(str) <= date].reset_index(drop=True)

    return dataclasses.replace(
        tables,
        boj_monthly=up_to(tables.boj_monthly),
        boj_quarterly=up_to(tables.boj_quarterly),
        digital_services=without_later_files(tables.digital_services),
        context=without_later_files(tables.context),
        digest=None,
    )


def cite(tables: data.Tables | None = None, basis: str = d.CHOOSABLE_BASES[0]) -> str:
    """The suggested citation of the whole report (Markdown), naming its edition: what the
    summary's "How to cite" shows."""
    tables = tables if tables is not None else data.load()
    named = edition(tables)
    data_to = (
        f" (Bank of Japan data to {month_name(named.latest_month)})" if named.latest_month else ""
    )
    return (
        f"{citation.AUTHOR}, *{citation.TITLE}*, edition of {named.date}{data_to}; digital "
        f"balance on the basis of {d.BASES[basis].label}."
    )


CITATION_MESSAGE = (
    "If you use this report or its data, please cite this edition as below. Each edition is "
    "named by the newest Bank of Japan monthly file it is built on."
)


def yaml_text(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escaping is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def citation_file(tables: data.Tables | None = None) -> str:
    """The text of `CITATION.cff` (Citation File Format 1.2.0) for the edition the data make:
    `version` and `date-released` are the edition's date."""
    named = edition(tables)
    abstract = (
        "The gap between what Japan pays abroad for cloud, software, platforms, online "
        "advertising and digital content and what it earns from them, computed from the Bank "
        f"of Japan's balance of payments and sourced published figures. {named.label('en')}."
    )
    lines = [
        "# Written by `make citation` (digideficit.analysis.edition.citation_file) from data/:",
        "# do not edit by hand; a test holds it to the data.",
        "cff-version: 1.2.0",
        f"message: {yaml_text(CITATION_MESSAGE)}",
        "type: dataset",
        f"title: {yaml_text(citation.TITLE)}",
        "authors:",
        f"  - name: {yaml_text(citation.AUTHOR)}",
        f"version: {yaml_text(named.date)}",
        f"date-released: {yaml_text(named.date)}",
        f"abstract: {yaml_text(abstract)}",
        "keywords:",
        '  - "digital trade deficit"',
        '  - "balance of payments"',
        '  - "Japan"',
        '  - "services trade"',
    ]
    return "\n".join(lines) + "\n"
