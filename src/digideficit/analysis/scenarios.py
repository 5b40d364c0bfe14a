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
        fitted = actual.tail(trend_years)
        if len(fitted) < 2:
            raise ValueError(f"a trend needs two figures or more; the data has {len(fitted)}")
        # closed-form least squares: np.polyfit goes through LAPACK, whose last bits vary
        # with the BLAS threads of a busy machine, and the committed outputs must not
        x = fitted["year"].astype(float).to_numpy()
        y = fitted["value"].to_numpy(dtype=float)
        slope = ((x - x.mean()) * (y - y.mean())).sum() / ((x - x.mean()) ** 2).sum()
        values = y.mean() + slope * (years - x.mean())
    elif method == "constant-growth":
        values = last["value"] * (1 + growth) ** (years - last["year"])
    else:
        raise ValueError(f"unknown method {method!r}: trend or constant-growth")
    return pd.DataFrame({"year": years, "value": np.round(values, 6)})


def fitted_years(actual: pd.DataFrame, trend_years: int) -> list[int]:
    return actual.dropna(subset=["value"]).sort_values("year").tail(trend_years)["year"].tolist()


COMPARABLE_BASES = {"digital-related"}


def tracker(projections: pd.DataFrame, actual: pd.DataFrame) -> pd.DataFrame:
    """Each published projection beside the actual series: the growth it required from the
    last actual figure before it was published, the growth realised since, and — once the
    target year has an actual figure — its error. A projection of a narrower item set is
    listed but not scored against the total."""
    actual = actual.dropna(subset=["value"]).sort_values("year").set_index("year")["value"]
    records = []
    for _, p in projections.sort_values(["published", "target_year"]).iterrows():
        published_year = int(str(p["published"])[:4])
        target, projected = int(p["target_year"]), abs(p["value"])
        before = actual[actual.index < published_year]
        after = actual[actual.index >= published_year]
        record = {
            "publisher": p["publisher"],
            "published": p["published"],
            "scenario": p["scenario"],
            "basis": p["basis"],
            "target year": target,
            "projected, ¥ trillion": projected,
            "base year": None,
            "required growth a year": None,
            "realised growth a year": None,
            "actual in target year": actual.get(target),
            "error, ¥ trillion": None,
            "status": "",
        }
        if p["basis"] not in COMPARABLE_BASES:
            record["status"] = f"not scored: projects {p['basis']}, not the total"
        elif before.empty:
            record["status"] = "no actual figure before publication"
        else:
            base_year, base = int(before.index[-1]), before.iloc[-1]
            record["base year"] = base_year
            record["required growth a year"] = cagr(base, projected, target - base_year)
            if target in actual.index:
                record["error, ¥ trillion"] = projected - actual[target]
                record["status"] = "scored against the actual"
            elif after.empty:
                record["status"] = "no actual figure since publication"
            else:
                latest_year, latest = int(after.index[-1]), after.iloc[-1]
                realised = cagr(base, latest, latest_year - base_year)
                record["realised growth a year"] = realised
                record["status"] = (
                    "actual growing faster than required"
                    if realised > record["required growth a year"]
                    else "actual growing slower than required"
                )
        records.append(record)
    return pd.DataFrame(records)
