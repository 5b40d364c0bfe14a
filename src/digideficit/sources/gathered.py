"""Update files in the layout of the gathered figures (`shared/data/*.csv`): one row per
figure or dated event with its source written out (publisher, title, date, URL) instead of
a `source_id`. They are converted to the project's tidy files — matching each source to
`sources.csv` or adding it — before the update command validates them like any other.

A gathered `quote` column (the passage that states the figure) is never carried over:
the project cites its sources, it does not reproduce them."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import pandas as pd

from digideficit.validated.data import EVENT_UNITS as UNIT_CODES
from digideficit.validated.schema import line_of, read_raw

SOURCE_COLUMNS = {"source_title", "source_date", "source_url"}
BASES = {
    "3-item": ("digital_total", "3-item"),
    "5-item": ("digital_total", "5-item"),
    "BOJ item set": ("digital_total", "BOJ"),
    "Nikkei digital basis": ("digital_total", "Nikkei"),
    "METI basis": ("digital_total", "METI"),
    "telecom_computer_info only": ("telecom_computer_info", "item"),
}
VINTAGES = {"later citation": "later-citation", "confirmed": "final"}
# units of the gathered events as written there ("trillion JPY (2023, deficit)"): the words
# before any bracket name the unit; what the bracket says belongs in the event's text
EVENT_UNITS = {
    "trillion JPY": "JPY_tn",
    "billion JPY": "JPY_bn",
    "million JPY": "JPY_m",
    "billion USD": "USD_bn",
    "percent": "percent",
}


class LayoutError(ValueError):
    """A gathered row that cannot be converted; names file, line and column."""


def is_gathered(path: Path) -> bool:
    return SOURCE_COLUMNS <= set(read_raw(path, path.name).columns)


def _slug(text: str, date: str, words: int = 3) -> str:
    kept = re.findall(r"[a-z0-9]+", text.lower())[:words]
    return "-".join(kept + [date.lower()])


def _source_id(row: pd.Series, sources: pd.DataFrame, new: dict[str, dict]) -> str:
    same_date = sources[sources["date"] == row["source_date"]]
    for column, value in (("title", row["source_title"]), ("url", row["source_url"])):
        if value:
            match = same_date[same_date[column] == value]
            if not match.empty:
                return match.iloc[0]["id"]
    for added in new.values():
        if (added["title"], added["date"], added["url"]) == (
            row["source_title"],
            row["source_date"],
            row["source_url"],
        ):
            return added["id"]
    # the file may name the new source's id; otherwise it is made from the title, and two
    # sources of one day that open with the same words get a number
    base = source_id = row.get("source_id") or _slug(row["source_title"], row["source_date"])
    taken = set(sources["id"]) | set(new)
    number = 2
    while source_id in taken:
        source_id, number = f"{base}-{number}", number + 1
    # a file that states the kind of each source has been checked by the person who wrote it
    checked = bool(row.get("source_kind"))
    publisher = row.get("publisher") or row["source_title"].split(":")[0].strip()
    # the Japanese edition's name: the file's, else that of a source of the same publisher,
    # else the name as given (a foreign name the Japanese press uses as is)
    names_ja = sources.get("publisher_ja", sources["publisher"])
    known_ja = dict(zip(sources["publisher"], names_ja, strict=True))
    new[source_id] = {
        "id": source_id,
        "publisher": publisher,
        "publisher_ja": row.get("publisher_ja") or known_ja.get(publisher, publisher),
        "title": row["source_title"],
        "date": row["source_date"],
        # when the copy was read: the file's retrieval date if it gives one, else today, the
        # day make update reads the gathered file
        "accessed": row.get("accessed") or row.get("retrieved") or date.today().isoformat(),
        "url": row["source_url"],
        "kind": row.get("source_kind") or "press",
        "note": row.get("source_note", "")
        if checked
        else "added by make update from a gathered file: check publisher and kind",
        # a checked file's note in Japanese is its own (validation asks for it where the note
        # is filled)
        "note_ja": row.get("source_note_ja", "")
        if checked
        else "収集したファイルから追加した出典であり、発行元と種別は確認していない。",
    }
    return source_id


def _event(path: Path, index, row: pd.Series, source_id: str) -> dict:
    """A gathered event as a row of events.csv; its id is given or made from its date and
    first words."""
    unit = row["unit"].split("(")[0].strip()
    if row["value"] and unit not in UNIT_CODES:
        if unit not in EVENT_UNITS:
            known = ", ".join(list(EVENT_UNITS) + list(UNIT_CODES))
            raise _error(path, index, row, "unit", f"is not a unit events can carry ({known})")
        unit = EVENT_UNITS[unit]
    return {
        "id": row.get("id") or _slug(row["event"], row["date"], words=4),
        "date": row["date"],
        "track": row["track"],
        "event": row["event"],
        "value": row["value"],
        "unit": unit if row["value"] else "",
        "source_id": source_id,
        "note": row["note"],
        # the Japanese edition's words for the event and its note: a gathered file gives
        # them, or the converted rows fail validation naming the column to fill
        "event_ja": row.get("event_ja", ""),
        "note_ja": row.get("note_ja", ""),
    }


def convert(path: Path, sources: pd.DataFrame, workdir: Path) -> list[Path]:
    """Tidy files (new sources first, then figures) equivalent to the gathered `path`."""
    raw = read_raw(path, path.name)
    digital = "item_basis" in raw.columns
    new_sources: dict[str, dict] = {}
    rows = []
    for i, row in raw.iterrows():
        if "event" in raw.columns:
            rows.append(_event(path, i, row, _source_id(row, sources, new_sources)))
            continue
        vintage = VINTAGES.get(row["vintage"], row["vintage"])
        if vintage == "unknown":
            raise _error(
                path, i, row, "vintage", "— a figure of unknown vintage cannot enter the series"
            )
        converted = {
            "period": row["period"],
            "period_type": row["period_type"],
            "value": row["value"],
            "unit": row["unit"],
            "vintage": vintage,
            "source_id": _source_id(row, sources, new_sources),
            "note": row["note"],
        }
        if digital:
            if row["item_basis"] not in BASES:
                raise _error(path, i, row, "item_basis", f"is not one of {', '.join(BASES)}")
            item, basis = BASES[row["item_basis"]]
            converted.update(item=item, item_basis=basis, flow=row["measure"])
        else:
            converted["measure"] = row["measure"]
        rows.append(converted)
    written = []
    if new_sources:
        written.append(_write(workdir / f"{path.stem}-sources.csv", list(new_sources.values())))
    written.append(_write(workdir / f"{path.stem}-tidy.csv", rows))
    return written


def _error(path: Path, index, row: pd.Series, column: str, rule: str) -> LayoutError:
    return LayoutError(f"{path}, line {line_of(index)}, column `{column}`: {row[column]!r} {rule}")


def _write(path: Path, rows: list[dict]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path
