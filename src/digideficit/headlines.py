"""The report's headline figures, as the summary page states them. The update command
shows how a data update moves each one."""

from __future__ import annotations

from digideficit import citation, data, definitions, impact, prose, series


def key_figures(tables: data.Tables, basis: str = "3-item") -> dict[str, str]:
    rows = series.with_sources(tables.digital_services, tables.sources)
    best = series.best_available(series.totals(rows, basis))
    latest, first = best.iloc[-1], best.iloc[0]
    figures = {
        "su_latest": prose.balance_phrase(latest["value_text"], latest["unit"]),
        "su_latest_year": str(latest["year"]),
        "su_latest_cited": prose.cited(latest),
        "su_basis": definitions.BASES[basis].label,
        "su_growth": (
            f"{latest['value'] / first['value']:.1f} times its {first['year']} level "
            f"({prose.amount(first['value_text'], first['unit'])})"
            if latest["year"] != first["year"]
            else "a single year of data: no growth to report"
        ),
        "su_travel": fiscal_comparison(tables, rows, basis),
        "su_projection": latest_projection(tables),
    }
    figures["su_updated"] = citation.data_vintage(rows)
    figures["su_rows"] = str(len(tables.digital_services))
    figures["su_sources"] = str(len(tables.sources))
    return figures


def fiscal_comparison(tables: data.Tables, rows, basis: str) -> str:
    fy = series.totals(rows, basis, period_type="FY")
    if fy.empty:
        return f"The data holds no fiscal-year total on the {basis} basis"
    period = series.best_available(fy).iloc[-1]["period"]
    digital = series.total_for(rows, basis, "FY", period)
    beside = impact.beside(tables.context, period, ["travel_balance", "crude_oil_imports"])
    beside = beside.set_index("measure")
    amount = prose.amount(digital["value_text"], "JPY_tn")
    text = f"In fiscal {period[2:]} it was {amount}, "
    if "travel_balance" not in beside.index:
        text += "with no travel figure to compare"
    else:
        travel = beside.loc["travel_balance"]
        more = abs(digital["value"]) > travel["value"]
        text += (
            f"{'more' if more else 'less'} than the "
            f"{prose.amount(travel['value_text'], 'JPY_tn')} surplus on travel"
        )
    if "crude_oil_imports" in beside.index:
        crude = beside.loc["crude_oil_imports"]
        text += (
            f", and {abs(digital['value']) / crude['value']:.0%} of the "
            f"{prose.amount(crude['value_text'], 'JPY_tn')} spent on crude oil imports"
        )
    return text


def latest_projection(tables: data.Tables) -> str:
    projections = tables.projections
    newest = projections[projections["published"] == projections["published"].max()]
    newest = newest.sort_values("value", ascending=False)
    return (
        f"METI's latest projections ({newest.iloc[0]['published']}) put it at "
        + " to ".join(
            f"{prose.amount(r['value_text'], r['unit'])} ({r['scenario']})"
            for _, r in newest.iterrows()
        )
        + f" in {int(newest.iloc[0]['target_year'])}"
    )
