"""Dated events (policy, trade, company actions): their dates and figures as findings, and a
chart and a table of each track, every event with its source."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from decimal import Decimal

import altair as alt
import pandas as pd
from IPython.display import HTML

from digideficit.analysis import charts
from digideficit.analysis import quantities as q
from digideficit.analysis.series import with_sources
from digideficit.validated import data

# the class that keeps a timeline chart off a phone's screen, where its rows of labels do not
# fit: the events table that follows every timeline says the same (see the site's CSS)
WIDE_ONLY = "dd-wide-only"
NARROW_ONLY = "dd-narrow-only"


def events(tables: data.Tables, track: str, first_year: int | None = None) -> pd.DataFrame:
    """The events of one track (from `first_year`, if given), in date order, with their
    sources."""
    rows = tables.events[tables.events["track"] == track]
    rows = with_sources(rows, tables.sources)
    if first_year is not None:
        rows = rows[rows["date"].str[:4].astype(int) >= first_year]
    rows = rows.assign(when=pd.to_datetime(rows["date"], format="mixed"))
    return rows.sort_values(["when", "id"]).reset_index(drop=True)


def in_language(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The events as a page in `lang` shows them: on a Japanese page each event and its note
    are the Japanese ones (`event_ja`, `note_ja`); dates, figures and sources are the same."""
    if lang != "ja":
        return rows
    return rows.assign(event=rows["event_ja"], note=rows["note_ja"])


def figure_of(row: pd.Series):
    """An event's figure as a quantity (15%, ¥600 million, US$550 billion, 17), or None when
    the event states none."""
    if pd.isna(row["value"]) or not isinstance(row["unit"], str) or not row["unit"]:
        return None
    text, unit = row["value_text"], row["unit"]
    if unit == "percent":
        places = max(-Decimal(text).as_tuple().exponent, 0)
        return q.Share(float(Decimal(text) / 100), places)
    if unit == "count":
        return q.Number(float(text))
    return q.Money(text, unit, places=None)


def _row(rows: pd.DataFrame, event_id: str) -> pd.Series:
    found = rows[rows["id"] == event_id]
    if found.empty:
        raise LookupError(
            f"event {event_id!r} is not in the events table (track "
            f"{', '.join(sorted(set(rows['track'])))}): the chapter's prose names it"
        )
    return found.iloc[0]


def when(date: str) -> q.Phrase:
    """A date as running text says it: 'on 7 October 2019', 'in January 2019', 'in 2024'."""
    return q.Phrase("on-date" if len(date) == 10 else "in-date", {"date": q.Period(date)})


def dated(rows: pd.DataFrame, wanted: dict[str, str]) -> dict[str, q.Phrase]:
    """`<key>_when` for each event id in `wanted` (key → id): the date as its source gives it
    (a day, a month or a year), with the preposition it takes."""
    return {f"{key}_when": when(_row(rows, event_id)["date"]) for key, event_id in wanted.items()}


def figured(rows: pd.DataFrame, wanted: dict[str, str]) -> dict[str, object]:
    """`<key>_figure` for each event id in `wanted`; an event the prose sizes must state a
    figure."""
    found = {}
    for key, event_id in wanted.items():
        figure = figure_of(_row(rows, event_id))
        if figure is None:
            raise LookupError(f"event {event_id!r} states no figure, but the prose sizes it")
        found[f"{key}_figure"] = figure
    return found


def described(rows: pd.DataFrame) -> dict[str, object]:
    """How many events a timeline holds and the span of their dates."""
    if rows.empty:
        return {"count": q.Count(0, "event"), "span": q.Span("", "")}
    return {
        "count": q.Count(len(rows), "event"),
        "span": q.Span(rows["date"].iloc[0][:7], rows["date"].iloc[-1][:7]),
    }


def tidy(
    rows: pd.DataFrame,
    words: dict | None = None,
    say: Callable[[object], str] | None = None,
) -> pd.DataFrame:
    """The events as a chart's download: one row per event, its date as the value it is
    plotted at, its own figure (if any) beside it, and its source. `words` (a download in
    another language than English) gives its column headers (`columns`), the date's unit
    (`unit`), the tracks' and figures' unit names (`tracks`, `units`) and the separator
    between publisher and title (`between`); `say` then names each publisher."""
    table = pd.DataFrame(
        {
            "id": rows["id"],
            "track": rows["track"],
            "date": rows["date"],
            "event": rows["event"],
            "value": rows["date"],
            "unit": "date (YYYY-MM-DD; YYYY-MM or YYYY where the source gives no day)",
            "figure": rows["value_text"].fillna(""),
            "figure_unit": rows["unit"].fillna(""),
            "vintage": rows["source_date"],
            "source": rows["publisher"] + ": " + rows["source_title"],
            "source_id": rows["source_id"],
        }
    )
    if words is None:
        return table
    publishers = [say(q.Publisher(p)) if say else p for p in rows["publisher"]]
    return table.assign(
        track=table["track"].map(lambda track: words["tracks"].get(track, track)),
        unit=words["unit"],
        figure_unit=table["figure_unit"].map(lambda unit: words["units"].get(unit, unit)),
        source=pd.Series(publishers, rows.index) + words["between"] + rows["source_title"],
    ).rename(columns=words["columns"])


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def short(event: str, limit: int = 48, wide: bool = False) -> str:
    """The event's first words, cut at a word boundary, for an axis label; `wide`: Japanese
    text (whose characters are twice as wide, with no spaces between words), cut before
    its first full-width colon and, if still longer, at `limit` half-width places."""
    head = event.split(":")[0]
    if not wide:
        if len(head) <= limit:
            return head
        return head[:limit].rsplit(" ", 1)[0] + "…"
    head = head.split("：")[0]
    width = sum(2 if _wide(char) else 1 for char in head)
    if width <= limit:
        return head
    kept, used = "", 0
    for char in head:
        used += 2 if _wide(char) else 1
        if used > limit - 2:
            break
        kept += char
    return kept + "…"


def chart(
    rows: pd.DataFrame,
    name: str,
    words: dict[str, str],
    say: Callable[[object], str],
    lang: str = "en",
) -> HTML:
    """A dot per event along a date axis, one row per event so labels never collide.

    `words`: title, subtitle (a list), date (the axis title), description (with {count},
    {span} and {events}), narrow (the note a phone shows instead of the chart) and, if given,
    tooltips (field → title: date, event, figure, publisher), wide_labels (True where
    the events are in Japanese: see `short`), each event of the description
    as the page's language lists it (`event_line` with {date} and {event}, joined by
    `joiner`) and the download's words (`download`, see `tidy`); `say`
    phrases a quantity in the page's language. On a screen narrower than 600 px the chart
    gives way to the events table, which follows it on the page."""
    # the chart carries the rows in the page's language only (`in_language` has put the
    # Japanese words, if any, in `event` and `note`): no column of the other edition
    plotted = rows.drop(columns=[c for c in rows.columns if c.endswith("_ja")])
    shown = plotted.assign(
        label=rows["date"]
        + " · "
        + rows["event"].map(lambda event: short(event, wide=words.get("wide_labels", False))),
        figure=[say(f) if f is not None else "" for f in map(figure_of, rows.to_dict("records"))],
        publisher=[say(q.Publisher(p)) for p in rows["publisher"]],
    )
    # the tooltips' titles: the field's own name unless `words` gives one in the page's language
    titles = {"publisher": "source"} | words.get("tooltips", {})

    def tip(field: str) -> alt.Tooltip:
        return alt.Tooltip(f"{field}:N", **({"title": titles[field]} if field in titles else {}))

    order = shown["label"].tolist()
    dots = (
        alt.Chart(shown)
        .mark_point(filled=True, size=90, color=charts.PALETTE[0])
        .encode(
            x=alt.X("when:T", title=words["date"], axis=alt.Axis(format="%Y")),
            y=alt.Y("label:N", title=None, sort=order, axis=alt.Axis(labelLimit=330)),
            tooltip=[tip("date"), tip("event"), tip("figure"), tip("publisher")],
        )
    )
    drawn = dots.properties(
        height=alt.Step(26), title=alt.Title(words["title"], subtitle=words["subtitle"])
    )
    about = described(rows)
    if "event_line" in words:
        listed = words["joiner"].join(
            words["event_line"].format(date=say(q.Period(r["date"])), event=r["event"])
            for _, r in shown.iterrows()
        )
    else:
        listed = "; ".join(f"{r['date']} {r['event']}" for _, r in shown.iterrows())
    description = words["description"].format(
        count=say(about["count"]), span=say(about["span"]), events=listed
    )
    made = charts.figure(
        drawn, name, description, table=tidy(rows, words.get("download"), say), lang=lang
    )
    markup = made.data.replace(
        '<figure class="dd-figure"', f'<figure class="dd-figure {WIDE_ONLY}"', 1
    )
    return HTML(f'<p class="{NARROW_ONLY}">{words["narrow"]}</p>{markup}')


def table(
    rows: pd.DataFrame, say: Callable[[object], str], headers: dict[str, str]
) -> pd.DataFrame:
    """Every event with its date and figure as the page's language says them, its source
    and note; `headers` name the columns date, event, figure, source and note."""
    return pd.DataFrame(
        {
            headers["date"]: [say(q.Period(date)) for date in rows["date"]],
            headers["event"]: rows["event"],
            headers["figure"]: [
                say(f) if f is not None else "" for f in map(figure_of, rows.to_dict("records"))
            ],
            headers["source"]: pd.Series(
                [say(q.Publisher(p)) for p in rows["publisher"]], rows.index
            )
            + ": "
            + rows["source_title"]
            + " ("
            + rows["source_date"]
            + ")",
            headers["note"]: rows["note"].fillna(""),
        }
    )
