"""What drove the digital deficit: how fast the total grew from one year to another, which
items widened it over the span and year by year, what Japan pays abroad against what it
earns, what each item holds, and how much the period chosen (calendar or fiscal year, half)
changes the total — every balance-of-payments figure from the Bank of Japan's months."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from digideficit.analysis import growth, official
from digideficit.analysis import quantities as q
from digideficit.validated import data, params
from digideficit.validated import definitions as d

CHAPTER = "growth-drivers"
# the items both choosable bases add up, each described in the chapter by its own figures
# (glue keys gd_computer_…, gd_copyright_…, gd_consulting_…)
CORE_ITEMS = {
    "computer": "computer",
    "copyright_royalties": "copyright",
    "consulting": "consulting",
}
# the two lines the 5 items add to the 3 (telecommunications, information services)
OTHER_ITEMS = ("telecom", "information")
# the press and survey figures set beside the official items, as published
CONTEXT = {
    "internet_ad_spend": "ads",
    "total_ad_spend": "all_ads",
    "digital_payments_share_us": "us_share",
}
# the periods a year's total can be read over, in the order the chapter shows them
PERIODS = ("CY", "FY", "H1", "FH1")


def period_code(period: str) -> str:
    """The months' half-year labels as `quantities.Period` codes: '2025-H1' → '2025H1'."""
    return period.replace("-H1", "H1")


def exact(text: str) -> Decimal:
    return Decimal(str(text))


def balances_by_item(rows: pd.DataFrame, items, first: int, last: int, flow="balance"):
    """One official figure per item and calendar year from `first` to `last` (exact)."""
    chosen = official.item_series(rows)
    chosen = chosen[
        chosen["item"].isin(items) & (chosen["flow"] == flow) & chosen["year"].between(first, last)
    ]
    return chosen.assign(value=chosen["value_text"].map(exact), year=chosen["year"].astype(int))


def complete_years(totals: pd.DataFrame) -> list[int]:
    """The calendar years the months complete on a basis, all three flows."""
    flows = totals.groupby("year")["flow"].nunique()
    return sorted(int(year) for year, n in flows.items() if n == len(d.FLOWS))


def findings(
    basis: str | None = None,
    start_year: int | None = None,
    end_year: int | None = None,
    lang: str = "en",
    tables: data.Tables | None = None,
) -> q.Findings:
    """Every figure the chapter states, on `basis` from `start_year` to `end_year`
    (defaults from params.yml)."""
    chosen = params.resolve(
        CHAPTER, basis=basis, start_year=start_year, end_year=end_year, lang=lang
    )
    basis, start, end = chosen["basis"], chosen["start_year"], chosen["end_year"]
    tables = tables if tables is not None else data.load()
    rows = official.digital_rows(tables)
    items = d.BASES[basis].items

    totals = official.basis_series(rows, basis)
    have = complete_years(totals)
    for name, year in (("start_year", start), ("end_year", end)):
        if year not in have:
            raise params.ParameterError(
                f"chapter `{CHAPTER}`: {name} {year} is not a complete calendar year of the "
                f"Bank of Japan's months on the {basis} basis (complete: {have[0]}–{have[-1]})"
            )
    totals = totals[totals["year"].between(start, end)].assign(
        year=lambda f: f["year"].astype(int), exact=lambda f: f["value_text"].map(exact)
    )
    vintage = totals["vintage"].max()
    total = totals.set_index(["flow", "year"])["exact"]

    values: dict[str, object] = {
        "gd_basis": q.Basis(basis),
        "gd_span": q.Span(str(start), str(end)),
        "gd_start_year": q.Period(str(start)),
        "gd_end_year": q.Period(str(end)),
        "gd_source": q.Source(vintage),
    }
    frames: dict[str, pd.DataFrame] = {}

    values |= growth_of_the_total(total, start, end)
    span_values, frames["span"] = contributions_over_the_span(rows, items, start, end)
    values |= span_values
    year_values, frames["yearly"] = contributions_year_by_year(rows, items, start, end)
    values |= year_values
    flow_values, frames["flows"], frames["totals"] = receipts_and_payments(
        rows, items, start, end, totals
    )
    values |= flow_values
    item_values, frames["end_items"] = what_each_item_holds(rows, items, end, total)
    values |= item_values
    context_values, frames["context"] = published_context(tables)
    values |= context_values
    period_values, frames["periods"] = one_year_over_each_period(rows, basis, end)
    values |= period_values

    # the official file the months come from, and the publications cited beside it
    months = rows[(rows["period_type"] == "M") & rows["item"].isin(items)]
    frames["cited"] = pd.DataFrame(
        {"source_id": sorted(set(months["source_id"]) | set(frames["context"]["source_id"]))}
    )
    frames["sources"] = tables.sources

    found = q.Findings(values, frames)
    found.parameters = chosen
    return found


def growth_of_the_total(total: pd.Series, start: int, end: int) -> dict:
    first, last = total[("balance", start)], total[("balance", end)]
    return {
        "gd_years": q.Count(end - start, "year"),
        "gd_start_deficit": q.Money(-first),
        "gd_end_deficit": q.Money(-last),
        "gd_change": q.Money(last - first, style="change"),
        "gd_multiple": q.Multiple(float(last / first)),
        "gd_cagr": q.Share(growth.cagr(float(first), float(last), end - start), places=1),
    }


def contributions_over_the_span(rows, items, start, end) -> tuple[dict, pd.DataFrame]:
    """Each item's change from `start` to `end` and its share of the total's change, the
    item that contributed most first; and which item's deficit grew fastest."""
    ends = balances_by_item(rows, items, start, end)
    by_year = {year: ends[ends["year"] == year].set_index("item")["value"] for year in (start, end)}
    shares = growth.contributions(by_year[start], by_year[end])
    shares = shares.sort_values("share_of_change", ascending=False, key=lambda s: s.map(float))
    frame = pd.DataFrame(
        {
            "item": shares.index,
            "start": shares["start"].values,
            "end": shares["end"].values,
            "change": shares["change"].values,
            "share": shares["share_of_change"].map(float).values,
        }
    )
    top = frame.iloc[0]
    values = {
        "gd_top_item": q.Item(top["item"]),
        "gd_top_contribution": q.Money(abs(top["change"])),
        "gd_top_share": q.Share(top["share"]),
        "gd_contributions": q.Listing(
            tuple(
                q.Phrase("gd-item-share", {"item": q.Item(r.item), "share": q.Share(r.share)})
                for r in frame.itertuples()
            )
        ),
    }
    multiples = official.item_multiples(rows, items, start, end)
    if not multiples.empty:
        values["gd_fastest_item"] = q.Item(multiples.iloc[0]["item"])
        values["gd_fastest_multiple"] = q.Multiple(float(multiples.iloc[0]["value"]))
    return values, frame


NARROWED = {"none": "gd-widened-every-year", "all": "gd-narrowed-every-year"}


def contributions_year_by_year(rows, items, start, end) -> tuple[dict, pd.DataFrame]:
    """Each year's change in the total split into its items' changes; the year of the
    largest change and the item that led it; the years the deficit narrowed."""
    changes = growth.yearly_contributions(balances_by_item(rows, items, start, end))
    by_year = changes.groupby("year")["change"].sum()
    peak = int(by_year.map(abs).idxmax())
    led = changes[changes["year"] == peak]
    # the item that moved most in the direction the total moved
    same_way = led[led["change"].map(lambda c: (c < 0) == (by_year[peak] < 0))]
    leader = same_way.loc[same_way["change"].map(abs).idxmax()]
    narrowed = [int(year) for year, change in by_year.items() if change > 0]
    if len(by_year) == 1:
        # one year of change: said of that year, not of "every year"
        said = q.Phrase(
            "gd-narrowed-only" if narrowed else "gd-widened-only",
            {"years": q.Period(str(int(by_year.index[0])))},
        )
    elif not narrowed:
        said = q.Phrase(NARROWED["none"])
    elif len(narrowed) == len(by_year):
        said = q.Phrase(NARROWED["all"])
    else:
        said = q.Phrase(
            "gd-narrowed-in", {"years": q.Listing(tuple(q.Period(str(y)) for y in narrowed))}
        )
    values = {
        "gd_peak_year": q.Period(str(peak)),
        "gd_peak_change": q.Money(by_year[peak], style="change"),
        "gd_peak_item": q.Item(leader["item"]),
        "gd_peak_item_change": q.Money(abs(leader["change"])),
        "gd_narrowed": said,
    }
    return values, changes


def receipts_and_payments(
    rows, items, start, end, totals
) -> tuple[dict, pd.DataFrame, pd.DataFrame]:
    """What Japan earns and pays on the basis's items every year, and how the two moved."""
    flows = pd.concat(
        [balances_by_item(rows, items, start, end, flow) for flow in ("receipts", "payments")]
    )
    wide = totals.pivot(index="year", columns="flow", values="exact")
    wide["ratio"] = [float(p / r) for p, r in zip(wide["payments"], wide["receipts"], strict=True)]
    gross = totals[totals["flow"].isin(["receipts", "payments"])].assign(value=lambda f: f["exact"])
    moved = growth.gross_change(gross)
    ratios = wide["ratio"].round(1)
    low, high = ratios.min(), ratios.max()
    values = {
        "gd_payments_start": q.Money(wide.loc[start, "payments"]),
        "gd_payments_end": q.Money(wide.loc[end, "payments"]),
        "gd_receipts_start": q.Money(wide.loc[start, "receipts"]),
        "gd_receipts_end": q.Money(wide.loc[end, "receipts"]),
        "gd_payments_multiple": q.Multiple(float(moved["times"]["payments"])),
        "gd_receipts_multiple": q.Multiple(float(moved["times"]["receipts"])),
        "gd_gross_verdict": q.Phrase(f"gd-{moved['faster']}-faster-{moved['gap']}"),
        "gd_ratio_start": q.Multiple(wide.loc[start, "ratio"]),
        "gd_ratio_end": q.Multiple(wide.loc[end, "ratio"]),
        "gd_ratio_range": q.Multiple(low)
        if low == high
        else q.Phrase("gd-times-range", {"low": q.Number(low, 1), "high": q.Number(high, 1)}),
    }
    flows = flows[["year", "item", "flow", "value", "value_text", "vintage"]].reset_index(drop=True)
    return values, flows, wide.reset_index()


def what_each_item_holds(rows, items, end, total) -> tuple[dict, pd.DataFrame]:
    """Each item's receipts, payments and balance in `end`, and its share of the deficit."""
    listed = tuple(dict.fromkeys((*items, *CORE_ITEMS, *OTHER_ITEMS)))
    year = pd.concat([balances_by_item(rows, listed, end, end, flow) for flow in d.FLOWS]).pivot(
        index="item", columns="flow", values="value"
    )
    year["share"] = [float(b / total[("balance", end)]) for b in year["balance"]]
    year["in_basis"] = year.index.isin(items)
    values = {}
    for item, key in CORE_ITEMS.items():
        values |= {
            f"gd_{key}_deficit": q.Money(-year.loc[item, "balance"]),
            f"gd_{key}_paid": q.Money(year.loc[item, "payments"]),
            f"gd_{key}_earned": q.Money(year.loc[item, "receipts"]),
            f"gd_{key}_share": q.Share(year.loc[item, "share"]),
        }
    values["gd_other_deficit"] = q.Money(-sum(year.loc[list(OTHER_ITEMS), "balance"]))
    values["gd_other_items"] = q.Listing(tuple(q.Item(i) for i in OTHER_ITEMS))
    frame = year[year["in_basis"]].reindex([i for i in items]).reset_index()
    frame = frame.sort_values("balance", key=lambda s: s.map(float)).reset_index(drop=True)
    return values, frame


def published_context(tables: data.Tables) -> tuple[dict, pd.DataFrame]:
    """Dentsu's count of advertising spending and the MIC's share of digital payments that
    go to the United States, as each published them."""
    context = official.context_rows(tables)
    context = context[context["measure"].isin(CONTEXT) & (context["source_id"] != "derived")]
    # the latest year each publisher gives
    latest = context.sort_values("year").groupby("measure").tail(1).set_index("measure")
    ads = latest.loc["internet_ad_spend"]
    us = latest.loc["digital_payments_share_us"]
    same_year = context[
        (context["measure"] == "total_ad_spend") & (context["period"] == ads["period"])
    ].iloc[0]
    values = {
        "gd_ads_year": q.Period(str(ads["period"])),
        "gd_internet_ads": q.Money(exact(ads["value_text"]), unit=ads["unit"], places=None),
        "gd_all_ads": q.Money(exact(same_year["value_text"]), unit=same_year["unit"], places=None),
        "gd_internet_ads_share": q.Share(
            float(exact(ads["value_text"]) / exact(same_year["value_text"])), places=1
        ),
        "gd_ads_published": q.Period(str(ads["source_date"])),
        "gd_us_share": q.Phrase("gd-about", {"value": q.Share(float(us["value"]) / 100)}),
        "gd_us_share_year": q.Period(str(us["period"])),
        "gd_us_share_published": q.Period(str(us["source_date"])),
    }
    return values, latest.reset_index()


def one_year_over_each_period(rows, basis: str, end: int) -> tuple[dict, pd.DataFrame]:
    """The balance on `basis` over each kind of period that starts in one year — the latest
    up to `end` whose calendar and fiscal years the months both complete."""
    by_type = {
        kind: official.basis_series(rows, basis, kind).query("flow == 'balance'")
        for kind in PERIODS
    }
    both = set(by_type["CY"]["year"]) & set(by_type["FY"]["year"])
    year = int(max(y for y in both if y <= end))
    frame = pd.concat(
        [part[part["year"] == year] for part in by_type.values()], ignore_index=True
    ).assign(
        code=lambda f: f["period"].map(period_code), exact=lambda f: f["value_text"].map(exact)
    )
    by = frame.set_index("period_type")["exact"]
    values = {
        "gd_period_year": q.Period(str(year)),
        "gd_fy": q.Period(f"FY{year}"),
        "gd_cy_deficit": q.Money(-by["CY"]),
        "gd_fy_deficit": q.Money(-by["FY"]),
        "gd_period_gap": q.Money(abs(by["CY"] - by["FY"])),
    }
    for kind, key in (("H1", "h1"), ("FH1", "fh1")):
        if kind in by:
            part = frame[frame["period_type"] == kind].iloc[0]
            values[f"gd_{key}"] = q.Period(part["code"])
            values[f"gd_{key}_deficit"] = q.Money(-by[kind])
    return values, frame[
        ["period", "code", "period_type", "year", "value", "value_text", "vintage"]
    ]
