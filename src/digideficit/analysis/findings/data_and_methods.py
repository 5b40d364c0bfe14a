"""Data and methods, generated from the data the chapters use: the official series with
their codes and official names, how periods are derived from the months, the context series
beside them, and the published figures kept for the reconciliation."""

from __future__ import annotations

import pandas as pd

from digideficit.analysis import impact, official
from digideficit.analysis import quantities as q
from digideficit.validated import data, params

CHAPTER = "data-and-methods"
# the context series the chapters set the digital balance beside, from other publishers
CONTEXT_USED = (
    ("nominal_gdp", "FY"),
    ("usd_jpy_average", "M"),
    ("usd_jpy_average", "CY"),
    ("crude_oil_imports", "CY"),
    ("crude_oil_imports", "FY"),
)
# the digital items, whose series the annual table shows
ITEM_COLUMNS = ("copyright_royalties", "telecom", "computer", "information", "consulting")


def month_code(index: int) -> str:
    """Month number (year × 12 + month − 1) → 'YYYY-MM'."""
    return f"{index // 12}-{index % 12 + 1:02d}"


def month_index(code: str) -> int:
    return int(code[:4]) * 12 + int(code[5:7]) - 1


def context_sources(context: pd.DataFrame) -> pd.DataFrame:
    """For each context series the chapters use, the figures they take (the most settled per
    period) grouped by source: periods covered, how many, publisher, source and its date."""
    records = []
    for measure, period_type in CONTEXT_USED:
        chosen = impact.context_series(context, measure, period_type)
        for (source_id, publisher), part in chosen.groupby(["source_id", "publisher"], sort=False):
            ordered = part.sort_values("period")
            records.append(
                {
                    "measure": measure,
                    "period_type": period_type,
                    "first": ordered["period"].iloc[0],
                    "last": ordered["period"].iloc[-1],
                    "figures": len(ordered),
                    "unit": ordered["unit"].iloc[0],
                    "source_id": source_id,
                    "publisher": publisher,
                    "source_date": ordered["source_date"].iloc[0],
                }
            )
    return pd.DataFrame(records)


def findings(tables: data.Tables | None = None, **parameters) -> q.Findings:
    """The chapter's findings for `first_year`, `last_year` and `lang` (None: params.yml)."""
    chosen = params.resolve(CHAPTER, **parameters)
    tables = tables or data.load()
    values: dict[str, object] = {}

    # the official files: what they hold and their dates; the monthly file dates the report
    coverage = official.series_coverage(tables)
    monthly = coverage[coverage["partner"] == ""].reset_index(drop=True)
    regional = coverage[coverage["partner"] != ""]
    as_of = tables.boj_monthly["vintage"].max()
    values["dm_as_of"] = q.Period(as_of)
    values["dm_monthly_count"] = q.Count(len(monthly), "series")
    values["dm_monthly_span"] = q.Span(monthly["from"].min(), monthly["to"].max())
    digital = monthly[monthly["what"].isin(official.o.OFFICIAL_ITEMS[i] for i in ITEM_COLUMNS)]
    values["dm_digital_first"] = q.Period(digital["from"].max())
    values["dm_regional_count"] = q.Count(len(regional), "series")
    values["dm_regional_partners"] = q.Count(regional["partner"].nunique(), "partner")
    values["dm_regional_span"] = q.Span(regional["from"].min(), regional["to"].max())
    values["dm_regional_as_of"] = q.Period(tables.boj_quarterly["vintage"].max())

    # how periods are derived, shown on the latest of each
    last_month = monthly["to"].min()
    last = month_index(last_month)
    latest_year = (last + 1) // 12 - 1  # the last year whose December is in the file
    march = last - (last % 12 - 2) % 12  # the latest March in the file
    values["dm_last_month"] = q.Period(last_month)
    values["dm_latest_year"] = q.Period(str(latest_year))
    values["dm_latest_fy"] = q.Period(f"FY{(march // 12) - 1}")
    values["dm_latest_fy_months"] = q.Span(month_code(march - 11), month_code(march))
    values["dm_rolling"] = q.Span(month_code(last - 11), last_month)

    # the context series beside the digital balance
    context = context_sources(official.context_rows(tables))
    for measure, name in (
        ("nominal_gdp", "gdp"),
        ("crude_oil_imports", "crude"),
        ("usd_jpy_average", "fx"),
    ):
        main = context[context["measure"] == measure].sort_values("figures").iloc[-1]
        values[f"dm_{name}_span"] = q.Span(main["first"], main["last"])
        values[f"dm_{name}_publisher"] = q.Publisher(main["publisher"])
    annual_fx = context[
        (context["measure"] == "usd_jpy_average") & (context["period_type"] == "CY")
    ].sort_values("figures")
    if not annual_fx.empty:
        values["dm_fx_annual_span"] = q.Span(
            annual_fx["first"].iloc[-1], annual_fx["last"].iloc[-1]
        )
        values["dm_fx_annual_publisher"] = q.Publisher(annual_fx["publisher"].iloc[-1])
    fx_code = tables.boj_series[tables.boj_series["item"] == "usd_jpy_average"]["code"]
    values["dm_fx_code"] = q.Verbatim(fx_code.iloc[0])

    # the published figures, kept beside the official ones
    official_ids = set(tables.boj_monthly["source_id"]) | set(tables.boj_quarterly["source_id"])
    published = tables.digital_services[~tables.digital_services["source_id"].isin(official_ids)]
    values["dm_published_count"] = q.Count(len(published), "figure")
    values["dm_published_sources"] = q.Count(published["source_id"].nunique(), "source")
    values["dm_all_sources"] = q.Count(len(tables.sources), "source")

    # every item, every year
    rows = official.digital_rows(tables)
    annual = official.annual_table(rows, "CY", chosen["first_year"])
    annual = annual[annual["year"].astype(int) <= chosen["last_year"]].reset_index(drop=True)
    values["dm_years"] = q.Span(str(annual["year"].iloc[0]), str(annual["year"].iloc[-1]))

    cited = {
        *tables.boj_monthly["source_id"],
        *tables.boj_quarterly["source_id"],
        *context["source_id"],
    }
    return q.Findings(
        values=values,
        frames={
            "official_series": monthly,
            "context": context,
            "items": annual,
            "sources": tables.sources,
            "cited": pd.DataFrame({"source_id": sorted(cited)}),
        },
        parameters=chosen,
    )
