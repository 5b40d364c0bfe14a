"""Projections of the deficit to a horizon, and a tracker that scores published
projections against the actual series as new years arrive.

Values here are magnitudes of the deficit (positive ¥ trillion).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from digideficit.analysis.growth import cagr


def project(
    actual: pd.DataFrame, method: str, horizon: int, trend_years: int = 3, growth: float = 0.0
) -> pd.DataFrame:
    """Years after the last actual figure up to `horizon`.

    `trend`: a least-squares straight line through the latest `trend_years` figures (the
    years with a figure, which need not be consecutive). `constant-growth`: the last figure
    compounded at `growth` a year.
    """
    actual = actual.dropna(subset=["value"]).sort_values("year")
    if actual.empty:
        raise ValueError("no actual figures to project from")
    last = actual.iloc[-1]
    years = np.arange(int(last["year"]) + 1, horizon + 1)
    if method == "trend":
        slope, centre, level = trend(actual, trend_years)
        values = level + slope * (years - centre)
    elif method == "constant-growth":
        values = last["value"] * (1 + growth) ** (years - last["year"])
    else:
        raise ValueError(f"unknown method {method!r}: trend or constant-growth")
    return pd.DataFrame({"year": years, "value": np.round(values, 6)})


def trend(actual: pd.DataFrame, trend_years: int) -> tuple[float, float, float]:
    """The least-squares straight line through the latest `trend_years` figures: its slope
    (a year), and the mean year and mean value it passes through."""
    fitted = actual.dropna(subset=["value"]).sort_values("year").tail(trend_years)
    if len(fitted) < 2:
        raise ValueError(f"a trend needs two figures or more; the data has {len(fitted)}")
    # closed-form least squares: np.polyfit goes through LAPACK, whose last bits vary
    # with the BLAS threads of a busy machine, and the committed outputs must not
    x = fitted["year"].astype(float).to_numpy()
    y = fitted["value"].to_numpy(dtype=float)
    slope = ((x - x.mean()) * (y - y.mean())).sum() / ((x - x.mean()) ** 2).sum()
    return float(slope), float(x.mean()), float(y.mean())


def fitted_years(actual: pd.DataFrame, trend_years: int) -> list[int]:
    return actual.dropna(subset=["value"]).sort_values("year").tail(trend_years)["year"].tolist()


# what a tracker status means (the words are the site's)
STATUSES = (
    "scored",  # the target year has an actual figure: the error is known
    "ahead",  # the actual series has grown faster since than the projection required
    "behind",  # … slower
    "no-actual-since",  # no actual figure after publication yet
    "no-base",  # no actual figure before publication to measure the required growth from
    "not-comparable",  # no actual series of the item set the projection is for
)


def tracker(projections: pd.DataFrame, actuals: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Each published projection beside the actual series of the item set it projects
    (`actuals`, by the projection's basis; years and deficits as positive magnitudes): the
    growth a year it required from the last actual figure before it was published, the
    growth realised since, and — once the target year has an actual figure — its error.
    `status` is one of `STATUSES`."""
    records = []
    for _, p in projections.sort_values(["published", "target_year", "scenario"]).iterrows():
        published_year = int(str(p["published"])[:4])
        target, projected = int(p["target_year"]), abs(p["value"])
        record = {
            "publisher": p["publisher"],
            "published": p["published"],
            "scenario": p["scenario"],
            "basis": p["basis"],
            "source_id": p["source_id"],
            "target_year": target,
            "projected": projected,
            "projected_text": p.get("value_text", str(p["value"])),
            "note": p.get("note", ""),
            "base_year": None,
            "base": None,
            "required_growth": None,
            "latest_year": None,
            "realised_growth": None,
            "actual_in_target_year": None,
            "error": None,
            "status": "not-comparable",
        }
        if p["basis"] not in actuals:
            records.append(record)
            continue
        actual = actuals[p["basis"]].dropna(subset=["value"]).sort_values("year")
        actual = actual.set_index("year")["value"]
        before = actual[actual.index < published_year]
        after = actual[actual.index >= published_year]
        if before.empty:
            record["status"] = "no-base"
            records.append(record)
            continue
        base_year, base = int(before.index[-1]), float(before.iloc[-1])
        record |= {
            "base_year": base_year,
            "base": base,
            "required_growth": cagr(base, projected, target - base_year),
        }
        if target in actual.index:
            record |= {
                "actual_in_target_year": float(actual[target]),
                "error": projected - float(actual[target]),
                "status": "scored",
            }
        elif after.empty:
            record["status"] = "no-actual-since"
        else:
            latest_year, latest = int(after.index[-1]), float(after.iloc[-1])
            realised = cagr(base, latest, latest_year - base_year)
            record |= {
                "latest_year": latest_year,
                "realised_growth": realised,
                "status": "ahead" if realised > record["required_growth"] else "behind",
            }
        records.append(record)
    return pd.DataFrame(records)
