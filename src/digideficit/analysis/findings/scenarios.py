"""Scenarios: an adjustable projection of the official deficit to a horizon, beside the
projections METI published, and a tracker that scores published projections as actual
years arrive.

The actual series is the Bank of Japan's months summed into calendar years; projected
years are never mixed with it: they sit in frames of their own, marked as projections."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from digideficit.analysis import growth, impact, official, scenarios
from digideficit.analysis import quantities as q
from digideficit.validated import data, params

CHAPTER = "scenarios"
FIRST_YEAR = 2014
# the projections' item sets, and the official series each is measured against: METI's
# digital-related services against the chosen basis, its computer-services estimate against
# the computer-services item
TOTAL = "digital-related"
ITEM_OF_BASIS = {"computer services only": "computer"}
# projections.csv keeps a publisher's hedge ("about ¥18 trillion") at the start of its note
HEDGES = ("about", "more than")


def as_published(row: pd.Series) -> q.Money:
    """A published projection's amount as its publisher wrote it (¥18 trillion, not 18.0)."""
    text = str(row["value_text"]).lstrip("-")
    text = text.rstrip("0").rstrip(".") if "." in text else text
    note = str(row.get("note", "") or "")
    hedge = next((h for h in HEDGES if note.startswith(f"{h} ")), "")
    return q.Money(Decimal(text), "JPY_tn", places=None, qualifier=hedge)


def case(scenario: str) -> q.Phrase | q.Verbatim:
    key = "scenario-" + scenario.replace(" ", "-")
    from_wording = {"scenario-base", "scenario-pessimistic", "scenario-computer-services"}
    return q.Phrase(key) if key in from_wording else q.Verbatim(scenario)


def deficit(series: pd.DataFrame) -> pd.DataFrame:
    """Calendar-year balances as deficits (positive magnitudes), from 2014."""
    balances = series[(series["flow"] == "balance") & (series["year"] >= FIRST_YEAR)]
    return balances.assign(value=-balances["value"], year=balances["year"].astype(int))[
        ["year", "period", "value", "value_text", "vintage", "source_id", "publisher"]
    ].reset_index(drop=True)


def tracker_summary(statuses) -> q.Phrase:
    """How the tracked projections stand; counts of projections said with their noun."""
    counts = {key: int(statuses.get(key, 0)) for key in ("scored", "ahead", "behind")}
    if counts["scored"] == 0 and 0 in (counts["ahead"], counts["behind"]):
        return q.Phrase("tracker-all-ahead" if counts["behind"] == 0 else "tracker-all-behind")
    if counts["scored"] == 0:
        return q.Phrase(
            "tracker-none-scored",
            {key: q.Count(counts[key], "projection") for key in ("ahead", "behind")},
        )
    return q.Phrase("tracker-summary", {key: q.Number(n) for key, n in counts.items()})


def findings(tables: data.Tables | None = None, **parameters) -> q.Findings:
    """Every figure the chapter states, for the parameters given (defaults from params.yml)."""
    chosen = params.resolve(CHAPTER, **parameters)
    tables = tables if tables is not None else data.load()
    basis, method, horizon = chosen["basis"], chosen["method"], chosen["horizon"]
    rows = official.digital_rows(tables)
    context = official.context_rows(tables)
    actual = deficit(official.basis_series(rows, basis))
    if len(actual) < 2:
        raise params.ParameterError(
            f"chapter `{CHAPTER}`: the Bank of Japan's months complete fewer than two years "
            f"on {basis}"
        )
    first, last = actual.iloc[0], actual.iloc[-1]
    if horizon <= last["year"]:
        raise params.ParameterError(
            f"chapter `{CHAPTER}`, parameter `horizon`: {horizon} is not after the last actual "
            f"year, {int(last['year'])}"
        )
    projected = scenarios.project(
        actual, method, horizon, chosen["trend_years"], chosen["growth"]
    ).assign(vintage="projection")
    at_horizon = projected.iloc[-1]

    if method == "trend":
        used = scenarios.fitted_years(actual, chosen["trend_years"])
        slope = scenarios.trend(actual, chosen["trend_years"])[0]
        described = q.Phrase(
            "method-trend",
            {
                "n": q.Count(len(used), "year"),
                "span": q.Span(str(used[0]), str(used[-1])),
                # a deficit growing is a balance falling: said as 'wider'
                "slope": q.Money(Decimal(str(round(-slope, 6))), style="change"),
            },
        )
    else:
        described = q.Phrase(
            "method-growth",
            {"year": q.Period(str(int(last["year"]))), "growth": q.Share(chosen["growth"], 1)},
        )

    values: dict[str, object] = {
        "sc_basis": q.Basis(basis),
        "sc_source": q.Source(str(last["vintage"])),
        "sc_first": q.Period(str(int(first["year"]))),
        "sc_last": q.Period(str(int(last["year"]))),
        "sc_last_value": q.Money(Decimal(str(last["value_text"])).copy_abs()),
        "sc_method": described,
        "sc_horizon": q.Period(str(horizon)),
        "sc_at_horizon": q.Money(Decimal(str(at_horizon["value"])), places=1, qualifier="about"),
        "sc_past_span": q.Span(str(int(first["year"])), str(int(last["year"]))),
        "sc_past_growth": q.Share(
            growth.cagr(first["value"], last["value"], int(last["year"] - first["year"])), 1
        ),
    }

    published = tables.projections
    meti = published[published["basis"] == TOTAL]
    meti = meti[meti["published"] == meti["published"].max()].sort_values("value", ascending=False)
    if not meti.empty:
        target = int(meti["target_year"].iloc[0])
        values |= {
            "sc_meti_published": q.Period(str(meti["published"].iloc[0])),
            "sc_meti_target": q.Period(str(target)),
            "sc_meti_cases": q.Listing(
                tuple(
                    q.Phrase(
                        "projected-case", {"amount": as_published(r), "case": case(r["scenario"])}
                    )
                    for _, r in meti.iterrows()
                )
            ),
            "sc_meti_growth": q.Listing(
                tuple(
                    q.Phrase(
                        "growth-for-case",
                        {
                            "growth": q.Share(
                                growth.cagr(last["value"], abs(r["value"]), target - last["year"]),
                                1,
                            ),
                            "case": case(r["scenario"]),
                        },
                    )
                    for _, r in meti.iterrows()
                )
            ),
        }

    crude = impact.context_series(context, impact.CRUDE, "CY").iloc[-1]
    crossing = projected[projected["value"] > crude["value"]]
    values |= {
        "sc_crude": q.Money(Decimal(str(crude["value_text"]))),
        "sc_crude_year": q.Period(str(crude["period"])),
        "sc_crude_crossing": q.Phrase(
            "passes-crude", {"year": q.Period(str(int(crossing["year"].iloc[0])))}
        )
        if not crossing.empty
        else q.Phrase("stays-below-crude", {"year": q.Period(str(horizon))}),
    }

    items = official.item_series(rows)
    actuals = {TOTAL: actual}
    for projected_basis, item in ITEM_OF_BASIS.items():
        actuals[projected_basis] = deficit(items[items["item"] == item])
    tracked = scenarios.tracker(published, actuals)
    tracked = tracked.assign(
        case=tracked["scenario"].map(case),
        as_published=[
            as_published(pd.Series({"value_text": t, "note": n}))
            for t, n in zip(tracked["projected_text"], tracked["note"], strict=True)
        ],
        compared_with=tracked["basis"].map(
            lambda b: (
                q.Basis(basis)
                if b == TOTAL
                else q.Item(ITEM_OF_BASIS[b])
                if b in ITEM_OF_BASIS
                else None
            )
        ),
    )
    statuses = tracked["status"].value_counts()
    values |= {
        "sc_tracked": q.Count(len(tracked), "projection"),
        "sc_tracker_summary": tracker_summary(statuses),
    }

    cited = set(published["source_id"]) | {crude["source_id"]}
    months = rows[(rows["period_type"] == "M") & rows["vintage"].str.startswith("boj-")]
    cited |= set(months["source_id"])
    return q.Findings(
        values=values,
        frames={
            "actual": actual,
            "projected": projected,
            "fitted": pd.DataFrame(
                {"year": scenarios.fitted_years(actual, chosen["trend_years"])}
                if method == "trend"
                else {"year": [int(last["year"])]}
            ),
            "meti": meti.reset_index(drop=True),
            "crude": pd.DataFrame([crude]),
            "tracker": tracked,
            "sources": tables.sources[tables.sources["id"].isin(cited)].reset_index(drop=True),
            "parameters": pd.DataFrame([chosen]),
        },
    )
