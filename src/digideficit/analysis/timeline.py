"""Dated events (policy, trade, company actions) as a chart and a table, each with its source."""

from __future__ import annotations

import altair as alt
import pandas as pd

from digideficit.analysis import charts
from digideficit.analysis.series import with_sources
from digideficit.validated import data


def events(tables: data.Tables, track: str, first_year: int) -> pd.DataFrame:
    """The events of one track from `first_year`, in date order, with their sources."""
    rows = tables.events[tables.events["track"] == track]
    rows = with_sources(rows, tables.sources)
    rows = rows[rows["date"].str[:4].astype(int) >= first_year]
    rows = rows.assign(when=pd.to_datetime(rows["date"], format="mixed"))
    return rows.sort_values(["when", "id"]).reset_index(drop=True)


def amount(row: pd.Series) -> str:
    """An event's figure with its unit, or '' when it has none."""
    if pd.isna(row["value"]) or not row["unit"]:
        return ""
    text = row["value_text"]
    return {
        "percent": f"{text}%",
        "JPY_tn": f"¥{text} trillion",
        "JPY_bn": f"¥{text} billion",
        "JPY_m": f"¥{text} million",
        "USD_bn": f"US${text} billion",
        "count": f"{float(text):,.0f}",
    }.get(row["unit"], f"{text} {row['unit']}")


def glue_events(steps: pd.DataFrame, wanted: dict[str, str], first_year: int) -> None:
    """Glues `<key>_date` and `<key>_figure` for each event id in `wanted` (key → id); an
    event before the timeline's first year is said to be outside it."""
    from digideficit.analysis import prose

    by_id = steps.set_index("id")
    for key, event_id in wanted.items():
        if event_id in by_id.index:
            row = by_id.loc[event_id]
            prose.glue_text(f"{key}_date", row["date"])
            prose.glue_text(f"{key}_figure", amount(row) or "no figure")
        else:
            prose.glue_text(f"{key}_date", f"before {first_year} (outside the timeline)")
            prose.glue_text(f"{key}_figure", "not shown")


def short(event: str, limit: int = 48) -> str:
    """The event's first words, cut at a word boundary, for an axis label."""
    head = event.split(":")[0]
    if len(head) <= limit:
        return head
    return head[:limit].rsplit(" ", 1)[0] + "…"


def chart(rows: pd.DataFrame, title: str, name: str):
    """A dot per event along a date axis, one row per event so labels never collide."""
    shown = rows.assign(
        label=rows["date"] + " · " + rows["event"].map(short),
        figure=rows.apply(amount, axis=1),
    )
    order = shown["label"].tolist()
    dots = (
        alt.Chart(shown)
        .mark_point(filled=True, size=90, color=charts.PALETTE[0])
        .encode(
            x=alt.X("when:T", title="date", axis=alt.Axis(format="%Y")),
            y=alt.Y("label:N", title=None, sort=order, axis=alt.Axis(labelLimit=330)),
            tooltip=[
                alt.Tooltip("date:N"),
                alt.Tooltip("event:N"),
                alt.Tooltip("figure:N"),
                alt.Tooltip("publisher:N", title="source"),
            ],
        )
    )
    drawn = dots.properties(
        height=alt.Step(26),
        title=alt.Title(
            title,
            subtitle=["One row per event, by date", "Sources: see the table below"],
        ),
    )
    description = (
        f"Timeline of {len(shown)} events from {shown['date'].iloc[0]} to "
        f"{shown['date'].iloc[-1]}: "
        + "; ".join(f"{r['date']} {r['event']}" for _, r in shown.iterrows())
        + "."
    )
    return charts.figure(drawn, name, description)


def table(rows: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "date": rows["date"],
            "event": rows["event"],
            "figure": rows.apply(amount, axis=1),
            "source": rows["publisher"]
            + ": "
            + rows["source_title"]
            + " ("
            + rows["source_date"]
            + ")",
            "note": rows["note"],
        }
    )
