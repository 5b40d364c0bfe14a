"""The "What changed" page: this edition against the earlier ones, written at each build
from the vintages the data keep (see `analysis.changes`), like the data and build-health
pages, one in each edition of the site; the wording lives in one class per language
(`WORDING`), so that the Japanese page (`markdown(..., lang="ja")`) says the same in its
own words.

Amounts in prose are rounded to the hundredth of a trillion yen (¥6.60 trillion, 6.60兆円);
tables give ¥100 million (億円) to one decimal, so that a small revision still shows.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import yaml

from digideficit.analysis import changes, claims, prose
from digideficit.analysis.edition import Edition, check_language, japanese_date, month_name
from digideficit.validated import data
from digideficit.validated import definitions as d

PAGE = "what-changed"
AFTER = "chapters/data-and-methods"  # where the page stands in the table of contents
SHOWN_REVISIONS = 20  # the largest revisions of a file are listed; data/ holds them all
LEDGER = "chapters/claims-ledger.ipynb"


# figures as the page writes them


def oku(value_text: str, scale: int = 0) -> str:
    """A value in ¥100 million (億円) to one decimal with thousands separators; `scale` 4
    converts from ¥ trillion."""
    number = Decimal(value_text).scaleb(scale).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return format(number, ",f")


def figure(text: str) -> str:
    """A claim's reference figure as the ledger compares it: a computed amount or ratio to
    two decimals (the ledger keeps every digit), a date or a published figure as written."""
    if not text:
        return "—"
    try:
        number = Decimal(text)
    except ArithmeticError:
        return text
    if number.as_tuple().exponent >= -2:
        return text
    return str(number.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def as_published(tn: str) -> str:
    """A published figure in ¥100 million to the precision it was published at: ¥15.7
    trillion is 157,000, ¥10.3637 trillion -103,637 without decimals it never had."""
    return format(Decimal(tn).scaleb(4), ",f")


def signed_oku(change: Decimal, scale: int = 0) -> str:
    text = oku(str(change), scale)
    return text if text.startswith("-") else f"+{text}"


def billions(change_tn: Decimal) -> Decimal:
    return (change_tn * 1000).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def rounded_equal(first: str, second: str) -> bool:
    """Equal as prose states them (to the hundredth of a trillion)."""
    step = Decimal(1).scaleb(-prose.PROSE_PLACES)
    return Decimal(first).quantize(step, ROUND_HALF_UP) == Decimal(second).quantize(
        step, ROUND_HALF_UP
    )


def series_names(tables: data.Tables, lang: str) -> dict[str, str]:
    """code → the tail of its official name: the item, partner and flow ('Computer
    services/Debit'; regional series keep their partner)."""
    column = "name_ja" if lang == "ja" else "name"
    names = {}
    for code, name, frequency in zip(
        tables.boj_series["code"], tables.boj_series[column], tables.boj_series["frequency"],
        strict=True,
    ):  # fmt: skip
        parts = str(name).split("/")
        names[code] = "/".join(parts[-3:] if frequency == "Q" else parts[-2:])
    return names


def table(header: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    """A Markdown table; the columns in `right` (figures) are right-aligned."""
    rule = ["--:" if i in right else "---" for i in range(len(header))]
    return [
        "| " + " | ".join(header) + " |",
        "|" + "|".join(rule) + "|",
        *("| " + " | ".join(row) + " |" for row in rows),
    ]


# the wording, one class per language


class English:
    lang = "en"
    title = "What changed"
    flows = {"receipts": "receipts", "payments": "payments", "balance": "balance"}

    def amount(self, tn: str) -> str:
        return prose.amount(tn, "JPY_tn", places=prose.PROSE_PLACES)

    def balance(self, tn: str) -> str:
        return prose.balance_phrase(tn, "JPY_tn", places=prose.PROSE_PLACES)

    def month(self, period: str) -> str:
        return month_name(period, "en")

    def day(self, date: str) -> str:
        return date

    def quarter(self, period: str) -> str:
        """'2026-Q1' → 'Q1 2026'."""
        return f"{period[5:]} {period[:4]}"

    def basis(self, basis: str) -> str:
        return d.BASES[basis].label

    def listing(self, parts: list[str]) -> str:
        return prose.listing(parts)

    def intro(self) -> str:
        return (
            "Each edition of this report is named by the newest Bank of Japan monthly "
            "balance-of-payments file it is built on, and by the latest month that file holds. "
            "The data never overwrite a figure: when a new file revises a month, the revised "
            "value is stored beside the old one, with the date of the file that revised it. "
            "Any earlier edition can therefore be rebuilt from the data as they stand and set "
            "against the next. Amounts in the text are rounded to the hundredth of a trillion "
            "yen; tables give ¥100 million (億円) to one decimal, and a negative balance is a "
            "deficit."
        )

    def history_lead(self, basis: str, older: int) -> str:
        text = (
            f"The headline figures, edition by edition, on the basis of "
            f"{self.basis(basis).lower()} (balances in ¥100 million):"
        )
        return text if not older else text[:-1] + f"; {older} older editions are not shown:"

    def history_header(self) -> list[str]:
        return ["edition", "data to", "latest year", "balance", "12 months to", "balance"]

    def comparison_heading(self, later: Edition, earlier: Edition) -> str:
        return f"The edition of {later.date} against that of {earlier.date}"

    def span(self, later: Edition, earlier: Edition) -> str:
        if later.latest_month == earlier.latest_month:
            return (
                f"The Bank of Japan's file of {later.date} runs to "
                f"{self.month(later.latest_month)}, as did the file of {earlier.date}: it "
                "brings revisions, not a new month."
            )
        return (
            f"The Bank of Japan's file of {later.date} runs to "
            f"{self.month(later.latest_month)}; the file of {earlier.date} ran to "
            f"{self.month(earlier.latest_month)}."
        )

    def rolling(self, basis: str, month: str, now: str) -> str:
        return (
            f"Over the twelve months to {self.month(month)} the digital balance on the basis "
            f"of {self.basis(basis).lower()} was {self.balance(now)}."
        )

    def rolling_before(self, month: str, then: str, now: str | None, same_month: bool) -> str:
        if same_month:
            return f"The previous edition gave {self.moved(then, now)}."
        text = f"The previous edition's latest twelve months, to {self.month(month)}, gave "
        if now is None or Decimal(now) == Decimal(then):
            return text + f"{self.balance(then)}, which the new file leaves unchanged."
        return text + (
            f"{self.balance(then)}; the new file revises them to {self.balance(now)} "
            f"({self.revision(then, now)})."
        )

    def revision(self, then: str, now: str) -> str:
        change = billions(Decimal(now) - Decimal(then))
        return f"a revision of {'+' if change > 0 else '-'}¥{abs(change)} billion to the balance"

    def moved(self, then: str, now: str | None) -> str:
        """How one figure moved, as the end of a sentence."""
        if now is None or Decimal(now) == Decimal(then):
            return f"{self.balance(then)}, unchanged"
        if rounded_equal(then, now):
            return f"{self.balance(now)} after {self.revision(then, now)}"
        return f"{self.balance(now)} (from {self.amount(then)}; {self.revision(then, now)})"

    def year(self, year: str, now: str, then_year: str, then: str, then_now: str | None) -> str:
        if year == then_year:
            return f"The latest complete calendar year, {year}, stands at {self.moved(then, now)}."
        text = (
            f"The calendar year {year} is now complete: {self.balance(now)}. The previous "
            f"edition's latest year, {then_year}, was {self.balance(then)}"
        )
        if then_now is not None and Decimal(then_now) != Decimal(then):
            return text + f", now {self.amount(then_now)}."
        return text + "."

    def values(self, count: int) -> str:
        return f"{count} value" if count == 1 else f"{count} values"

    def series(self, count: int) -> str:
        return f"{count} series"

    def months_span(self, periods: list[str]) -> str:
        first, last = min(periods), max(periods)
        if first == last:
            return f"in {self.month(first)}"
        return f"from {self.month(first)} to {self.month(last)}"

    def file_changes(self, monthly: changes.OfficialChanges) -> str:
        added, revised = monthly.added, monthly.revised
        if len(added):
            months = self.listing([self.month(p) for p in monthly.added_periods()])
            text = (
                f"The new file adds {months} for {self.series(added['code'].nunique())} "
                f"({self.values(len(added))})"
            )
        else:
            text = "The new file adds no month"
        if not revised:
            return text + " and revises none of the values already published."
        return text + (
            f" and revises {self.values(len(revised))} already published, in "
            f"{self.series(len({r.code for r in revised}))}, "
            f"{self.months_span([r.period for r in revised])}."
        )

    def quarterly(self, regional: changes.OfficialChanges) -> str:
        added, revised = len(regional.added), len(regional.revised)
        if not added and not revised:
            return "The regional quarterly file is the one the previous edition used."
        quarters = [self.quarter(q) for q in regional.added_periods()]
        parts = []
        if added:
            parts.append(f"adds {self.values(added)} ({self.listing(quarters)})")
        if revised:
            parts.append(f"revises {self.values(revised)}")
        return f"The regional quarterly file {' and '.join(parts)}."

    def months_lead(self, basis: str) -> str:
        return (
            f"The digital balance month by month on the basis of {self.basis(basis).lower()}, "
            "where the two editions differ (¥100 million):"
        )

    def months_header(self, earlier: Edition, later: Edition) -> list[str]:
        return ["month", f"edition of {earlier.date}", f"edition of {later.date}", "change"]

    new_month = "new"
    not_there = "—"

    def revisions_lead(self, later: Edition) -> str:
        return (
            f"The largest revisions of the file of {later.date} (¥100 million; the old value "
            "stays in `data/boj_monthly.csv` beside the new one):"
        )

    def revisions_header(self) -> list[str]:
        return ["series", "month", "before", "after", "change"]

    def more_revisions(self, count: int) -> str:
        return f"… and {count} smaller revisions, every one of them in `data/boj_monthly.csv`."

    def published_lead(self, count: int, first_edition: bool) -> str:
        if first_edition:
            return (
                "The published figures the report sets beside the Bank of Japan's keep their "
                f"vintages in the same way: {count} of them are in the data both as first "
                "reported and as revised, and the report uses the revised figure "
                "(¥100 million):"
            )
        return (
            f"{count} figures published by others were revised between the two editions; both "
            "versions stay in the data as they were published, and the report sets them against "
            "the Bank of Japan's own figures, which it uses (¥100 million):"
        )

    def published_header(self) -> list[str]:
        return ["figure", "period", "first reported", "revised", "revised by"]

    def published_name(self, revision: changes.PublishedRevision) -> str:
        if revision.table == "context":
            return data.CONTEXT_MEASURES.get(revision.what, revision.what)
        row = revision.revised
        if revision.what == "digital_total":
            return f"digital total, {d.BASES[row['item_basis']].label}, {row['flow']}"
        return f"{d.ITEMS[revision.what].short_name}, {row['flow']}"

    def claims_none(self) -> str:
        return (
            f"No claim of the [claims ledger]({LEDGER}) is under review: every verdict "
            "still holds on the figures of this edition."
        )

    def claims_lead(self, count: int, newly: int) -> str:
        claims_are = "1 claim of the" if count == 1 else f"{count} claims of the"
        verb, them = ("is", "it") if count == 1 else ("are", "them")
        return (
            f"{claims_are} [claims ledger]({LEDGER}) {verb} under review ({newly} put there "
            f"by this edition): the figure the verdict was given on has moved. The ledger "
            f"shows {them} as under review until `data/claims.csv` is reviewed:"
        )

    def verdict(self, verdict: str) -> str:
        return verdict

    def verdicts(self, allowed: str) -> str:
        """The verdicts a ledger row allows (written joined by 'or', which one verdict
        contains too), in this language."""
        return " or ".join(self.verdict(v) for v in claims.VERDICTS if v in allowed)

    def claims_header(self) -> list[str]:
        return ["claim", "verdict given", "figure before", "figure now", "the data now allow"]

    def first_heading(self, first: Edition) -> str:
        return f"The first edition, of {first.date}"

    def first(self, first: Edition) -> str:
        return (
            "This is the first edition built on the Bank of Japan's monthly file: the file of "
            f"{first.date}, with data to {self.month(first.latest_month)}. Later editions will "
            "list here the months each new file adds, the figures it revises (old → new, with "
            "the dates of both files), how the headline figures move, and the claims of the "
            "ledger the new figures put under review."
        )

    def first_without_file(self, first: Edition) -> str:
        return (
            f"This edition, of {first.date}, is built on published figures alone: the data "
            "hold no monthly file of the Bank of Japan yet (`make fetch` brings it). Once "
            "they do, this page will list what each new file adds and revises."
        )

    def headline_now(self, basis: str, headline: changes.Headline) -> str:
        parts = []
        if headline.year:
            parts.append(
                f"the latest complete calendar year, {headline.year}, gives "
                f"{self.balance(headline.year_total)} on the basis of "
                f"{self.basis(basis).lower()}"
            )
        if headline.rolling_12:
            parts.append(
                f"the twelve months to {self.month(headline.month)} "
                f"{self.balance(headline.rolling_12)}"
            )
        if not parts:
            return "This edition has no complete year or twelve months on the basis yet."
        return "In this edition " + ", and ".join(parts) + "."

    def earlier_note(self, older: int) -> str:
        text = (
            "The headline table above covers the earlier editions; `data/boj_monthly.csv` "
            "holds every value each file gave, with its date."
        )
        return text if not older else text[:-1] + f", including the {older} editions not shown."


JAPANESE_BASES = {
    "3-item-computer": "コンピュータサービスのみの3項目",
    "5-item": "5項目",
    "3-item": "3項目（財務省の項目名）",
}
JAPANESE_MEASURES = {
    "current_account_balance": "経常収支",
    "goods_and_services_balance": "貿易・サービス収支",
    "trade_balance": "貿易収支",
    "services_balance": "サービス収支",
    "travel_balance": "旅行収支",
    "primary_income_balance": "第一次所得収支",
    "secondary_income_balance": "第二次所得収支",
    "other_services_balance": "その他サービス収支",
    "ip_charges_balance": "知的財産権等使用料",
    "nominal_gdp": "名目国内総生産",
    "crude_oil_imports": "原油輸入額",
}


JAPANESE_VERDICTS = {
    "holds": "成り立つ",
    "differs by definition or vintage": "定義・時点の違い",
    "wrong": "誤り",
    "unverified": "確認できず",
}


class Japanese(English):
    """The same page in Japanese, written as a Japanese economist would put it."""

    lang = "ja"
    title = "改訂の記録"
    flows = {"receipts": "受取", "payments": "支払", "balance": "収支"}

    def amount(self, tn: str) -> str:
        number = abs(Decimal(tn)).quantize(Decimal(1).scaleb(-prose.PROSE_PLACES), ROUND_HALF_UP)
        return f"{number}兆円"

    def balance(self, tn: str) -> str:
        kind = "赤字" if Decimal(tn) < 0 else "黒字"
        return f"{self.amount(tn)}の{kind}"

    def month(self, period: str) -> str:
        return month_name(period, "ja")

    def day(self, date: str) -> str:
        return japanese_date(date)

    def quarter(self, period: str) -> str:
        """'2026-Q1' → '2026年第1四半期'."""
        return f"{period[:4]}年第{period[6:]}四半期"

    def basis(self, basis: str) -> str:
        return JAPANESE_BASES.get(basis, d.BASES[basis].label)

    def listing(self, parts: list[str]) -> str:
        return "、".join(parts)

    def intro(self) -> str:
        return (
            "本報告の各版は、基にした日本銀行の国際収支統計（月次）のファイルのうち最新のものと、"
            "そのファイルが収録する最新月によって名付けている。データは数値を上書きしない。"
            "新しいファイルが過去の月を改訂すると、改訂値は改訂したファイルの日付とともに旧値と並べて"
            "保存される。このため、以前の版はいつでも現在のデータから再現でき、次の版と比べられる。"
            "本文の金額は兆円単位で小数第2位まで、表は億円単位で小数第1位まで示し、収支のマイナスは"
            "赤字を表す。"
        )

    def history_lead(self, basis: str, older: int) -> str:
        text = f"各版の主要な数値（{self.basis(basis)}、収支、億円）："
        return text if not older else text[:-1] + f"。これより古い{older}版は省略している："

    def history_header(self) -> list[str]:
        return ["版", "データの範囲", "直近の暦年", "収支", "12か月の終期", "収支"]

    def comparison_heading(self, later: Edition, earlier: Edition) -> str:
        return f"{self.day(later.date)}版と{self.day(earlier.date)}版の比較"

    def span(self, later: Edition, earlier: Edition) -> str:
        if later.latest_month == earlier.latest_month:
            return (
                f"{self.day(later.date)}付の日本銀行のファイルは{self.month(later.latest_month)}"
                f"までを収録しており、{self.day(earlier.date)}付のファイルと同じである。新しい月は"
                "なく、改訂のみである。"
            )
        return (
            f"{self.day(later.date)}付の日本銀行のファイルは{self.month(later.latest_month)}"
            f"までを収録している（{self.day(earlier.date)}付のファイルは"
            f"{self.month(earlier.latest_month)}まで）。"
        )

    def rolling(self, basis: str, month: str, now: str) -> str:
        return (
            f"{self.month(month)}までの12か月のデジタル関連収支（{self.basis(basis)}）は"
            f"{self.balance(now)}であった。"
        )

    def rolling_before(self, month: str, then: str, now: str | None, same_month: bool) -> str:
        if same_month:
            return f"前版では{self.moved(then, now)}。"
        text = f"前版の最新の12か月（{self.month(month)}まで）は{self.balance(then)}で、"
        if now is None or Decimal(now) == Decimal(then):
            return text + "新しいファイルでも変わらない。"
        change = signed_oku(Decimal(now) - Decimal(then), 4)
        return text + f"新しいファイルでは{self.balance(now)}に改訂された（差は{change}億円）。"

    def moved(self, then: str, now: str | None) -> str:
        if now is None or Decimal(now) == Decimal(then):
            return f"{self.balance(then)}で、変わっていない"
        change = signed_oku(Decimal(now) - Decimal(then), 4)
        return f"{self.balance(now)}となった（前版は{self.amount(then)}、差は{change}億円）"

    def year(self, year: str, now: str, then_year: str, then: str, then_now: str | None) -> str:
        if year == then_year:
            return f"直近の暦年である{year}年は、{self.moved(then, now)}。"
        text = (
            f"{year}年の12か月が揃い、同年は{self.balance(now)}となった。前版の直近の暦年"
            f"である{then_year}年は{self.balance(then)}"
        )
        if then_now is not None and Decimal(then_now) != Decimal(then):
            return text + f"で、現在は{self.amount(then_now)}である。"
        return text + "であった。"

    def months_span(self, periods: list[str]) -> str:
        first, last = min(periods), max(periods)
        if first == last:
            return self.month(first)
        return f"{self.month(first)}から{self.month(last)}まで"

    def file_changes(self, monthly: changes.OfficialChanges) -> str:
        added, revised = monthly.added, monthly.revised
        if len(added):
            months = self.listing([self.month(p) for p in monthly.added_periods()])
            text = (
                f"新しいファイルは{added['code'].nunique()}系列に{months}の値"
                f"（計{len(added)}個）を加え、"
            )
        else:
            text = "新しいファイルに新しい月はなく、"
        if not revised:
            return text + "既に公表されていた値は改訂していない。"
        return text + (
            f"既に公表されていた{len(revised)}個の値（{len({r.code for r in revised})}系列、"
            f"{self.months_span([r.period for r in revised])}）を改訂している。"
        )

    def quarterly(self, regional: changes.OfficialChanges) -> str:
        added, revised = len(regional.added), len(regional.revised)
        if not added and not revised:
            return "地域別の四半期ファイルは前版と同じである。"
        quarters = self.listing([self.quarter(q) for q in regional.added_periods()])
        parts = []
        if added:
            parts.append(f"{added}個の値（{quarters}）を加え")
        if revised:
            parts.append(f"{revised}個の値を改訂し")
        return f"地域別の四半期ファイルは{'、'.join(parts)}ている。"

    def months_lead(self, basis: str) -> str:
        return f"両版で異なる月のデジタル関連収支（{self.basis(basis)}、億円）："

    def months_header(self, earlier: Edition, later: Edition) -> list[str]:
        return ["月", f"{self.day(earlier.date)}版", f"{self.day(later.date)}版", "差"]

    new_month = "新規"

    def revisions_lead(self, later: Edition) -> str:
        return (
            f"{self.day(later.date)}付のファイルによる主な改訂（億円。旧値は新値と並んで "
            "`data/boj_monthly.csv` に残る）："
        )

    def revisions_header(self) -> list[str]:
        return ["系列", "月", "改訂前", "改訂後", "差"]

    def more_revisions(self, count: int) -> str:
        return f"このほか{count}件の小さな改訂があり、すべて `data/boj_monthly.csv` にある。"

    def published_lead(self, count: int, first_edition: bool) -> str:
        if first_edition:
            return (
                "日本銀行の数値と並べて用いる公表値も、同じように版を保っている。そのうち"
                f"{count}件は速報値と改訂値の両方がデータにあり、本報告は改訂値を用いる（億円）："
            )
        return (
            f"両版の間に他機関の公表値{count}件が改訂された。いずれも公表どおりデータに残し、"
            "本報告が用いる日本銀行の数値と照合する（億円）："
        )

    def published_header(self) -> list[str]:
        return ["数値", "期間", "速報値", "改訂値", "改訂の出典"]

    def published_name(self, revision: changes.PublishedRevision) -> str:
        if revision.table == "context":
            return JAPANESE_MEASURES.get(revision.what, revision.what)
        row = revision.revised
        flow = self.flows[row["flow"]]
        if revision.what == "digital_total":
            return f"デジタル関連収支（{self.basis(row['item_basis'])}）{flow}"
        return f"{d.ITEMS[revision.what].name_ja} {flow}"

    def claims_none(self) -> str:
        return (
            f"[主張台帳]({LEDGER})に見直し中の主張はない。本版の数値のもとで、"
            "すべての判定が引き続き成り立つ。"
        )

    def claims_lead(self, count: int, newly: int) -> str:
        return (
            f"[主張台帳]({LEDGER})の{count}件の主張が見直し中である（うち{newly}件は本版で"
            "新たに見直し対象となった）。判定の根拠とした数値が動いたためで、"
            "`data/claims.csv` が見直されるまで台帳に「見直し中」と表示される："
        )

    def claims_header(self) -> list[str]:
        return ["主張", "判定", "以前の数値", "現在の数値", "データが認める判定"]

    def verdict(self, verdict: str) -> str:
        return JAPANESE_VERDICTS[verdict]

    def verdicts(self, allowed: str) -> str:
        return "または".join(self.verdict(v) for v in claims.VERDICTS if v in allowed)

    def first_heading(self, first: Edition) -> str:
        return f"最初の版（{self.day(first.date)}版）"

    def first(self, first: Edition) -> str:
        return (
            "これは日本銀行の月次ファイルに基づく最初の版である（"
            f"{self.day(first.date)}付のファイル、{self.month(first.latest_month)}までのデータ）。"
            "今後の版では、新しいファイルが加えた月、改訂した数値（旧値→新値と両ファイルの日付）、"
            "主要な数値の動き、新しい数値によって見直しが必要となった主張を、ここに掲げる。"
        )

    def first_without_file(self, first: Edition) -> str:
        return (
            f"この版（{self.day(first.date)}版）は公表値だけに基づいており、日本銀行の月次ファイル"
            "はまだデータにない（`make fetch` で取り込む）。取り込み後は、新しい"
            "ファイルごとの追加と改訂をこのページに掲げる。"
        )

    def headline_now(self, basis: str, headline: changes.Headline) -> str:
        parts = []
        if headline.year:
            parts.append(
                f"直近の暦年である{headline.year}年のデジタル関連収支（{self.basis(basis)}）は"
                f"{self.balance(headline.year_total)}"
            )
        if headline.rolling_12:
            parts.append(
                f"{self.month(headline.month)}までの12か月は{self.balance(headline.rolling_12)}"
            )
        if not parts:
            return "本版には、この基準で揃った暦年も12か月もまだない。"
        return "本版では、" + "、".join(parts) + "である。"

    def earlier_note(self, older: int) -> str:
        text = (
            "それ以前の版の主要な数値は上の表のとおりである。各ファイルが示したすべての値は、"
            "その日付とともに `data/boj_monthly.csv` にある。"
        )
        return text if not older else text + f"表に示していない{older}版も含む。"


WORDING = {"en": English(), "ja": Japanese()}


# the page


def history_table(words: English, history: changes.History, basis: str) -> list[str]:
    rows = []
    for shot in history.snapshots:
        head = shot.headline
        rows.append(
            [
                words.day(shot.edition.date),
                words.month(shot.edition.latest_month) if shot.edition.latest_month else "—",
                head.year or "—",
                oku(head.year_total, 4) if head.year_total else "—",
                words.month(head.month) if head.month else "—",
                oku(head.rolling_12, 4) if head.rolling_12 else "—",
            ]
        )
    return [
        words.history_lead(basis, history.older),
        "",
        *table(words.history_header(), rows, {3, 5}),
    ]


def headline_sentences(words: English, comparison: changes.Comparison, basis: str) -> str:
    earlier, later = comparison.earlier, comparison.later
    before, after = earlier.headline, later.headline
    sentences = [words.span(later.edition, earlier.edition)]
    if after.rolling_12:
        sentences.append(words.rolling(basis, after.month, after.rolling_12))
        if before.rolling_12:
            same = before.month == after.month
            sentences.append(
                words.rolling_before(
                    before.month, before.rolling_12, after.rolling.get(before.month), same
                )
            )
    if after.year and before.year:
        sentences.append(
            words.year(
                after.year, after.year_total, before.year, before.year_total,
                after.years.get(before.year),
            )
        )  # fmt: skip
    separator = "" if words.lang == "ja" else " "
    return separator.join(sentences)


def months_table(words: English, comparison: changes.Comparison, basis: str) -> list[str]:
    rows = []
    for change in comparison.months:
        if change.before is None:
            rows.append(
                [words.month(change.period), words.not_there, oku(change.after, 4), words.new_month]
            )
            continue
        difference = Decimal(change.after) - Decimal(change.before)
        rows.append(
            [
                words.month(change.period),
                oku(change.before, 4),
                oku(change.after, 4),
                signed_oku(difference, 4),
            ]
        )
    header = words.months_header(comparison.earlier.edition, comparison.later.edition)
    return [words.months_lead(basis), "", *table(header, rows, {1, 2, 3})]


def revisions_table(
    words: English, comparison: changes.Comparison, names: dict[str, str]
) -> list[str]:
    revised = sorted(comparison.monthly.revised, key=lambda r: (-abs(r.change), r.code, r.period))
    rows = [
        [
            names.get(r.code, r.code),
            words.month(r.period),
            oku(r.before),
            oku(r.after),
            signed_oku(r.change),
        ]
        for r in revised[:SHOWN_REVISIONS]
    ]
    lines = [words.revisions_lead(comparison.later.edition), ""]
    lines += table(words.revisions_header(), rows, {2, 3, 4})
    if len(revised) > SHOWN_REVISIONS:
        lines += ["", words.more_revisions(len(revised) - SHOWN_REVISIONS)]
    return lines


def published_table(
    words: English, revisions: list[changes.PublishedRevision], first_edition: bool
) -> list[str]:
    rows = []
    for revision in revisions:
        first, revised = revision.first, revision.revised
        rows.append(
            [
                words.published_name(revision),
                revision.period,
                as_published(first["value_text"]),
                as_published(revised["value_text"]),
                f"{revised['publisher']}, {revised['source_date']}",
            ]
        )
    lead = words.published_lead(len(revisions), first_edition)
    return [lead, "", *table(words.published_header(), rows, {2, 3})]


def claims_part(words: English, claim_changes: list[changes.ClaimChange]) -> list[str]:
    if not claim_changes:
        return [words.claims_none()]
    rows = [
        [
            c.claim_id,
            words.verdict(c.verdict),
            figure(c.before),
            figure(c.after),
            words.verdicts(c.allowed),
        ]
        for c in claim_changes
    ]
    newly = sum(c.newly for c in claim_changes)
    return [
        words.claims_lead(len(claim_changes), newly),
        "",
        *table(words.claims_header(), rows, set()),
    ]


def comparison_section(
    words: English, comparison: changes.Comparison, basis: str, names: dict[str, str]
) -> list[str]:
    lines = [
        f"## {words.comparison_heading(comparison.later.edition, comparison.earlier.edition)}",
        "",
        headline_sentences(words, comparison, basis),
        "",
        words.file_changes(comparison.monthly)
        + (" " if words.lang == "en" else "")
        + words.quarterly(comparison.quarterly),
        "",
    ]
    if comparison.months:
        lines += [*months_table(words, comparison, basis), ""]
    if comparison.monthly.revised:
        lines += [*revisions_table(words, comparison, names), ""]
    if comparison.published:
        lines += [*published_table(words, comparison.published, first_edition=False), ""]
    lines += [*claims_part(words, comparison.claims), ""]
    return lines


def first_section(
    words: English, tables: data.Tables, shot: changes.Snapshot, basis: str
) -> list[str]:
    first = shot.edition
    opening = words.first(first) if first.latest_month else words.first_without_file(first)
    lines = [
        f"## {words.first_heading(first)}",
        "",
        opening,
        "",
        words.headline_now(basis, shot.headline),
        "",
    ]
    # figures others published are not the report's series: the first edition has no
    # change of its own to list for them
    under_review = changes.claim_changes(shot.ledger.iloc[0:0], shot.ledger)
    lines += [*claims_part(words, under_review), ""]
    return lines


def markdown(
    tables: data.Tables,
    history: changes.History | None = None,
    lang: str = "en",
    basis: str = changes.DEFAULT_BASIS,
) -> str:
    check_language(lang)
    words = WORDING[lang]
    history = history if history is not None else changes.history(tables, basis)
    current = history.current.edition
    lines = [
        f"# {words.title}",
        "",
        f"*{current.label(lang)}*",
        "",
        words.intro(),
        "",
    ]
    if len(history.snapshots) > 1:
        lines += [*history_table(words, history, basis), ""]
    names = series_names(tables, lang)
    for comparison in history.comparisons:
        lines += comparison_section(words, comparison, basis, names)
    is_first = history.older == 0 and len(history.comparisons) == len(history.snapshots) - 1
    if len(history.snapshots) == 1 and is_first:
        lines += first_section(words, tables, history.current, basis)
    elif len(history.snapshots) > len(history.comparisons) + 1 or history.older:
        lines += [words.earlier_note(history.older), ""]
    return "\n".join(lines)


def listed(toc: dict) -> bool:
    return any(
        entry.get("file") == PAGE for part in toc.get("parts", []) for entry in part["chapters"]
    )


def add_to_book(
    book: Path,
    tables: data.Tables | None = None,
    lang: str = "en",
    history: changes.History | None = None,
) -> changes.History:
    """Writes the page, in `lang`, into the staged book at `book` (the English book's root,
    or the Japanese book's). The committed tables of contents list it under "About the
    numbers"; one that does not is given it after data-and-methods. `history`: the one
    already computed for the other edition (the same data give the same history)."""
    tables = tables if tables is not None else data.load()
    history = history if history is not None else changes.history(tables)
    (book / f"{PAGE}.md").write_text(markdown(tables, history, lang), encoding="utf-8")
    toc_path = book / "_toc.yml"
    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8"))
    if not listed(toc):
        for part in toc["parts"]:
            files = [entry.get("file") for entry in part["chapters"]]
            if AFTER in files:
                part["chapters"].insert(files.index(AFTER) + 1, {"file": PAGE})
                break
        else:
            toc["parts"][-1]["chapters"].append({"file": PAGE})
        toc_path.write_text(
            yaml.safe_dump(toc, sort_keys=False, allow_unicode=True), encoding="utf-8"
        )
    return history
