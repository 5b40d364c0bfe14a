"""What changed from one edition to the next, from the vintages the data keep.

The Bank of Japan's values are never overwritten: a revised month is a second row with the
date of the file that revised it. The data as an earlier edition had them are therefore
still there (`edition.as_of`), and two editions can be set side by side: the months a file
added, the values it revised (old → new, with both file dates), how the headline figures
moved, and which claims of the ledger the new figures put under review. Published figures
keep their vintages too (a preliminary figure and its revision are two rows).

Everything here is figures; the wording is the page's (`site.changes`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd

from digideficit.analysis import claims, edition, headlines, official, series
from digideficit.validated import data
from digideficit.validated import definitions as d
from digideficit.validated import official as o

DEFAULT_BASIS = d.CHOOSABLE_BASES[0]


@dataclass(frozen=True)
class Headline:
    """The summary's two headline figures in one edition, in ¥ trillion as exact text: the
    latest calendar-year total on the basis, and the twelve months to the latest month;
    with every year and every twelve-month total, to look up an earlier edition's."""

    year: str | None
    year_total: str | None
    month: str | None
    rolling_12: str | None
    years: dict[str, str] = field(default_factory=dict)
    months: dict[str, str] = field(default_factory=dict)  # month → that month's total
    rolling: dict[str, str] = field(default_factory=dict)  # month → twelve months to it


@dataclass(frozen=True)
class Snapshot:
    """One edition: its name, its headline figures and its claims ledger."""

    edition: edition.Edition
    headline: Headline
    ledger: pd.DataFrame


def headline(tables: data.Tables, basis: str = DEFAULT_BASIS) -> Headline:
    rows = official.digital_rows(tables)
    best = series.best_available(series.totals(rows, basis))
    years = dict(zip(best["period"].astype(str), best["value_text"], strict=True))
    latest = headlines.latest_month(tables, basis)
    months, rolling = {}, {}
    if latest is not None:
        frame = latest.rolling
        months = dict(zip(frame["period"], frame["value_text"], strict=True))
        rolling = {
            p: t for p, t in zip(frame["period"], frame["rolling_12_text"], strict=True) if t
        }
    year = str(best.iloc[-1]["period"]) if not best.empty else None
    return Headline(
        year=year,
        year_total=years.get(year) if year else None,
        month=latest.period if latest else None,
        rolling_12=latest.rolling_12_text if latest else None,
        years=years,
        months=months,
        rolling=rolling,
    )


def snapshot(tables: data.Tables, date: str, basis: str = DEFAULT_BASIS) -> Snapshot:
    """The edition of `date` as it was (see `edition.as_of`). The current edition is the
    data as they are, files of every date included (a regional file may be newer than the
    monthly one), and its derived figures are those the chapters computed and kept."""
    then = tables if date == edition.edition(tables).date else edition.as_of(tables, date)
    return Snapshot(edition.edition(then), headline(then, basis), claims.ledger(then))


@dataclass(frozen=True)
class Revision:
    """One official value a file revised: ¥100 million as the files give them."""

    code: str
    period: str
    before: str
    before_vintage: str
    after: str
    after_vintage: str

    @property
    def change(self) -> Decimal:
        return Decimal(self.after) - Decimal(self.before)


@dataclass(frozen=True)
class OfficialChanges:
    """What the files of one edition changed in one table of official values."""

    table: str  # boj_monthly or boj_quarterly
    added: pd.DataFrame  # code, period, value_text, vintage
    revised: list[Revision]

    def added_periods(self) -> list[str]:
        return sorted(set(self.added["period"]))


def official_changes(tables: data.Tables, table: str, before: str, after: str) -> OfficialChanges:
    """Values of `table` new in the files dated after `before` up to `after`, and the values
    those files revised (the latest of each up to `before` → the latest up to `after`)."""
    values = getattr(tables, table)
    vintage = values["vintage"].astype(str)
    then = o.latest(values[vintage <= before])
    now = o.latest(values[vintage <= after])
    joined = now.merge(
        then[["code", "period", "value_text", "vintage"]],
        on=["code", "period"],
        how="left",
        suffixes=("", "_before"),
    )
    is_new = joined["value_text_before"].isna()
    added = joined.loc[is_new, ["code", "period", "value_text", "vintage"]]
    revised = [
        Revision(r.code, r.period, r.value_text_before, r.vintage_before, r.value_text, r.vintage)
        for r in joined[~is_new].itertuples()
        if Decimal(r.value_text) != Decimal(r.value_text_before)
    ]
    return OfficialChanges(table, added.reset_index(drop=True), revised)


@dataclass(frozen=True)
class MonthChange:
    """One month of the digital balance on the headline basis, as two editions give it
    (¥ trillion, exact text; `before` None for a month the earlier edition did not have)."""

    period: str
    before: str | None
    after: str


def month_changes(earlier: Headline, later: Headline) -> list[MonthChange]:
    return [
        MonthChange(period, earlier.months.get(period), value)
        for period, value in sorted(later.months.items())
        if period not in earlier.months or Decimal(earlier.months[period]) != Decimal(value)
    ]


@dataclass(frozen=True)
class PublishedRevision:
    """A published figure reported first as preliminary and later as revised (¥ trillion)."""

    table: str  # digital_services or context
    what: str  # the item or measure
    period: str
    first: pd.Series  # the preliminary row, with its source
    revised: pd.Series  # the revised row, with its source


def published_revisions(
    tables: data.Tables, after: str | None = None, up_to: str | None = None
) -> list[PublishedRevision]:
    """Published yen figures kept in a preliminary and a revised version (both rows stay in
    data/); with `after` / `up_to`, only revisions whose source is dated in that window."""
    found = []
    identities = {
        "digital_services": ["period", "item", "item_basis", "flow", "unit"],
        "context": ["period", "measure", "unit"],
    }
    for table, identity in identities.items():
        rows = getattr(tables, table)
        # only published rows carry these vintages (the Bank of Japan's months are dated)
        rows = rows[rows["vintage"].isin(["preliminary", "revised"]) & (rows["unit"] == "JPY_tn")]
        rows = series.with_sources(rows, tables.sources)
        rows = rows[rows["source_kind"] != "seed"]
        for _key, group in rows.groupby(identity, sort=True):
            first = group[group["vintage"] == "preliminary"]
            revised = group[group["vintage"] == "revised"]
            if first.empty or revised.empty:
                continue
            first_row = first.sort_values("source_date").iloc[0]
            revised_row = revised.sort_values("source_date").iloc[-1]
            dated = str(revised_row["source_date"])
            if (after and dated <= after) or (up_to and dated > up_to):
                continue
            what = revised_row["item"] if table == "digital_services" else revised_row["measure"]
            found.append(
                PublishedRevision(table, what, str(revised_row["period"]), first_row, revised_row)
            )
    return found


@dataclass(frozen=True)
class ClaimChange:
    """A claim under review in the later edition: its reference figure in both."""

    claim_id: str
    verdict: str
    claimed: str
    before: str  # the reference figure in the earlier edition ('' if none)
    after: str
    allowed: str  # the verdicts the later data allow
    newly: bool  # put under review by this edition (checked in the earlier one)


def claim_changes(earlier: pd.DataFrame, later: pd.DataFrame) -> list[ClaimChange]:
    before = earlier.set_index("claim_id")
    changes = []
    for _, row in later[later["status"] == claims.UNDER_REVIEW].iterrows():
        was = before.loc[row["claim_id"]] if row["claim_id"] in before.index else None
        changes.append(
            ClaimChange(
                claim_id=row["claim_id"],
                verdict=row["verdict"],
                claimed=str(row["claimed"]),
                before="" if was is None else str(was["our_value"]),
                after=str(row["our_value"]),
                allowed=row["allowed"],
                newly=was is None or was["status"] != claims.UNDER_REVIEW,
            )
        )
    return changes


@dataclass(frozen=True)
class Comparison:
    """Everything that changed between two editions."""

    earlier: Snapshot
    later: Snapshot
    monthly: OfficialChanges
    quarterly: OfficialChanges
    months: list[MonthChange]
    published: list[PublishedRevision]
    claims: list[ClaimChange]


# later than any file date: the current edition holds every file in the data
EVERY_FILE = "9999-12-31"


def compare(
    tables: data.Tables, earlier: Snapshot, later: Snapshot, current: bool = False
) -> Comparison:
    """`later` against `earlier`. The `current` edition also holds files dated after its
    monthly file (a regional file published later in the month, a press revision)."""
    before, after = earlier.edition.date, later.edition.date
    up_to = EVERY_FILE if current else after
    return Comparison(
        earlier=earlier,
        later=later,
        monthly=official_changes(tables, "boj_monthly", before, up_to),
        quarterly=official_changes(tables, "boj_quarterly", before, up_to),
        months=month_changes(earlier.headline, later.headline),
        published=published_revisions(tables, after=before, up_to=up_to),
        claims=claim_changes(earlier.ledger, later.ledger),
    )


# A build compares the newest editions in detail and lists the headline figures of half a
# year of them: each earlier edition's figures are computed afresh from its vintages, a few
# seconds each (data/boj_monthly.csv keeps every one for those who want more).
COMPARED = 3
LISTED = 6


@dataclass(frozen=True)
class History:
    """The editions the data hold, newest first, and the comparisons between the newest."""

    snapshots: list[Snapshot]  # newest first, up to LISTED
    comparisons: list[Comparison]  # newest first: snapshots[i] against snapshots[i + 1]
    older: int  # editions older than those listed

    @property
    def current(self) -> Snapshot:
        return self.snapshots[0]


def history(
    tables: data.Tables | None = None,
    basis: str = DEFAULT_BASIS,
    compared: int = COMPARED,
    listed: int = LISTED,
) -> History:
    tables = tables if tables is not None else data.load()
    dates = edition.editions(tables)[::-1] or [edition.edition(tables).date]
    shown = dates[:listed]
    snapshots = [snapshot(tables, date, basis) for date in shown]
    comparisons = [
        compare(tables, snapshots[i + 1], snapshots[i], current=i == 0)
        for i in range(min(compared, len(snapshots) - 1))
    ]
    return History(snapshots, comparisons, older=len(dates) - len(shown))
