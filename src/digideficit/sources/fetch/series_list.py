"""The series the report fetches: data/boj_series.csv, one row per official series.

A row whose `code` is empty is one the report needs but whose code is not yet known: an
ordinary fetch skips it (and says so); `make fetch DISCOVER=1` lists the catalogue's series
whose names contain every word of the row's `name`, for a maintainer to confirm.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from digideficit.validated import data
from digideficit.validated import definitions as d
from digideficit.validated.schema import (
    DataValidationError,
    Problem,
    TableSpec,
    display_name,
    line_of,
    matches,
    one_of,
    text,
)

FILENAME = "boj_series.csv"
DATABASES = {"BP01": "balance of payments", "FM08": "foreign exchange rates"}
# request frequency → the frequency's full name in the API's answers
FREQUENCIES = {"M": "MONTHLY", "CY": "ANNUAL", "FY": "ANNUAL(MAR)"}

SERIES = TableSpec(
    columns={
        "db": text(one_of(DATABASES)),
        "code": text(
            matches(r"^[A-Z0-9'_.]+$", "a BOJ series code without the database prefix"),
            required=False,
        ),
        "frequency": text(one_of(FREQUENCIES)),
        "name": text(),
        "item": text(one_of(set(d.ITEMS) | set(data.CONTEXT_MEASURES))),
        "flow": text(one_of(d.FLOWS), required=False),
        "unit": text(),
        "note": text(required=False),
    },
    key=["db", "frequency", "item", "flow"],
    optional={"code", "flow", "note"},
)


@dataclass(frozen=True)
class Series:
    line: int
    db: str
    code: str
    frequency: str
    name: str
    item: str
    flow: str
    unit: str

    @property
    def label(self) -> str:
        """'data/boj_series.csv, line 9 (copyright_royalties payments)'"""
        what = f"{self.item} {self.flow}".strip()
        return f"data/{FILENAME}, line {self.line} ({what})"

    @property
    def is_digital(self) -> bool:
        return self.item in d.ITEMS


def read(directory: Path) -> list[Series]:
    path = directory / FILENAME
    frame = SERIES.validate(path)
    problems = [
        Problem(display_name(path), line_of(i), "flow", row["flow"], rule)
        for i, row in frame.iterrows()
        for rule in [flow_rule(row)]
        if rule
    ]
    if problems:
        raise DataValidationError(problems)
    return [
        Series(
            line_of(i),
            *(row[c].strip() for c in ("db", "code", "frequency", "name", "item", "flow", "unit")),
        )
        for i, row in frame.iterrows()
    ]


def flow_rule(row: pd.Series) -> str | None:
    """Digital items go to digital_services.csv with a flow; context measures have none."""
    if row["item"] in d.ITEMS and not row["flow"]:
        return f"a digital item needs a flow ({', '.join(d.FLOWS)})"
    if row["item"] not in d.ITEMS and row["flow"]:
        return "a context measure has no flow: leave it empty"
    return None


def words(name: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]{3,}", name.lower()))


def candidates(series: Series, catalogue: list[dict]) -> list[dict]:
    """Catalogue entries of the same frequency whose name has every word of the row's name."""
    wanted = words(series.name)
    return [
        entry
        for entry in catalogue
        if entry.get("SERIES_CODE")
        and str(entry.get("FREQUENCY", "")).upper() == FREQUENCIES[series.frequency]
        and wanted <= words(str(entry.get("NAME_OF_TIME_SERIES", "")))
    ]


def rename(directory: Path, renamed: dict[int, str]) -> None:
    """Writes the names last seen in the catalogue into the rows (by line) that changed."""
    path = directory / FILENAME
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False)
    for line, name in renamed.items():
        frame.loc[line - 2, "name"] = name
    frame.to_csv(path, index=False, lineterminator="\n")
