"""The series the report fetches: data/boj_series.csv, one row per official series, read and
checked through its schema (`validated.official.SERIES`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from digideficit.validated import official
from digideficit.validated.schema import DataValidationError, display_name, line_of

FILENAME = official.FILES["boj_series"][0]
# the list's frequency → the frequency's full name in the API's answers
FREQUENCIES = {"M": "MONTHLY", "Q": "QUARTERLY"}


@dataclass(frozen=True)
class Series:
    line: int
    db: str
    code: str
    frequency: str
    name: str
    name_ja: str
    item: str
    flow: str
    partner: str
    unit: str

    @property
    def label(self) -> str:
        """'data/boj_series.csv, line 4 (BPBP6JYNSN907)'"""
        return f"data/{FILENAME}, line {self.line} ({self.code})"


def read(directory: Path) -> list[Series]:
    """Every row of the list, after the same checks as when the data are loaded."""
    path = directory / FILENAME
    frame = official.SERIES.validate(path)
    problems = official.series_problems(frame, display_name(path))
    if problems:
        raise DataValidationError(problems)
    columns = ("db", "code", "frequency", "name", "name_ja", "item", "flow", "partner", "unit")
    return [
        Series(line_of(i), *(str(row[c]).strip() for c in columns)) for i, row in frame.iterrows()
    ]


def rename(directory: Path, renamed: dict[int, str]) -> None:
    """Writes the names last seen in the catalogue into the rows (by line) that changed."""
    path = directory / FILENAME
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False)
    for line, name in renamed.items():
        frame.loc[line - 2, "name"] = name
    frame.to_csv(path, index=False, lineterminator="\n")
