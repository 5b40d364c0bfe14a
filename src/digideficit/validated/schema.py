"""Validation of the data files: every failure names file, line, column and the rule broken.

Per-cell rules (types, allowed values, formats) are pandera checks; rules across rows
(unique keys, balance = receipts − payments, source ids that resolve) are checked here.
"""

from __future__ import annotations

import copy
import csv
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

DATE = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
DATE_RULE = "a date written YYYY, YYYY-MM or YYYY-MM-DD"


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    column: str | None
    value: str | None
    rule: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column is not None:
            where += f", column `{self.column}`"
        shown = "" if self.value is None else f" {self.value!r}"
        return f"{where}:{shown} {self.rule}"


class DataValidationError(ValueError):
    """Raised with every problem found in one file, so a maintainer can fix them in one pass."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n  ".join(str(p) for p in problems)
        super().__init__(f"{len(problems)} problem(s) in the data:\n  {lines}")


def one_of(allowed) -> pa.Check:
    allowed = sorted(allowed)
    return pa.Check.isin(allowed, error=f"must be one of {', '.join(allowed)}")


def one_of_or_matching(allowed, pattern: str, form: str) -> pa.Check:
    """A closed list of values plus an open family written in one form (dated releases)."""
    allowed = sorted(allowed)
    return pa.Check(
        lambda values: values.isin(allowed) | values.str.match(pattern),
        element_wise=False,
        error=f"must be one of {', '.join(allowed)}, or {form}",
    )


def matches(pattern: str, rule: str) -> pa.Check:
    return pa.Check.str_matches(pattern, error=f"must be {rule}")


def text(*checks: pa.Check, required: bool = True) -> pa.Column:
    if required:
        checks = (pa.Check.str_length(min_value=1, error="must not be empty"), *checks)
    return pa.Column(str, checks=list(checks))


@dataclass
class TableSpec:
    """A data file's columns, per-cell rules, unique key and the numeric columns."""

    columns: dict[str, pa.Column]
    key: list[str]
    numeric: dict[str, pa.Column] = field(default_factory=dict)
    optional: set[str] = field(default_factory=set)

    def validate(self, path: Path) -> pd.DataFrame:
        """Read `path` as text, check it, and return it with numeric columns as floats."""
        name = display_name(path)
        raw = read_raw(path, name)
        # an update file, or rows written by `make fetch`, may leave out optional columns
        for col in [c for c in self.columns if c in self.optional and c not in raw.columns]:
            raw[col] = ""
        problems = self.header_problems(raw, name)
        if problems:
            raise DataValidationError(problems)
        # optional columns may be empty; required ones may not
        # an empty optional cell is checked as missing; a filled one meets its column's rules
        schema = pa.DataFrameSchema(
            {
                col: nullable(rule) if col in self.optional else rule
                for col, rule in self.columns.items()
            }
        )
        as_given = raw.copy()
        for col in self.optional & set(self.columns):
            as_given[col] = raw[col].mask(raw[col].str.strip() == "")
        problems += failures(schema, as_given, name)
        numeric = raw[list(self.numeric)].copy()
        for col in self.numeric:
            given = raw[col] if col not in self.optional else raw[col][raw[col].str.strip() != ""]
            problems += number_problems(given, name, col)
            numeric[col] = pd.to_numeric(raw[col], errors="coerce").astype(float)
        if not problems:
            problems += failures(pa.DataFrameSchema(self.numeric), numeric, name)
        problems += duplicate_problems(raw, self.key, name)
        if problems:
            raise DataValidationError(problems)
        frame = raw.copy()
        for col in self.numeric:
            # the text as written is kept: its last digit says how the figure was rounded
            frame[f"{col}_text"] = raw[col].str.strip()
            frame[col] = numeric[col].astype(float)
        return frame

    def header_problems(self, raw: pd.DataFrame, name: str) -> list[Problem]:
        expected = list(self.columns) + list(self.numeric)
        missing = [c for c in expected if c not in raw.columns]
        extra = [c for c in raw.columns if c not in expected]
        problems = [Problem(name, 1, c, None, "column is missing from the header") for c in missing]
        problems += [
            Problem(name, 1, c, None, f"unexpected column (expected: {', '.join(expected)})")
            for c in extra
        ]
        return problems


def nullable(column: pa.Column) -> pa.Column:
    loose = copy.deepcopy(column)
    loose.nullable = True
    return loose


def display_name(path: Path) -> str:
    from digideficit.paths import ROOT

    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def read_raw(path: Path, name: str) -> pd.DataFrame:
    """Every cell as the text in the file: precision and typos stay visible to the checks."""
    if not path.exists():
        raise DataValidationError([Problem(name, None, None, None, "file not found")])
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as err:
        detail = re.sub(r"\s+", " ", str(err)).strip()
        raise DataValidationError(
            [Problem(name, None, None, None, f"is not a readable CSV file ({detail})")]
        ) from err
    ragged = ragged_lines(path, name, len(raw.columns))
    if ragged:
        raise DataValidationError(ragged)
    return raw


def ragged_lines(path: Path, name: str, width: int) -> list[Problem]:
    """Lines with too few or too many cells: a truncated file or a comma left unquoted."""
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        next(reader, None)
        return [
            Problem(
                name,
                reader.line_num,
                None,
                None,
                f"has {len(cells)} cells but the header has {width} "
                "(a truncated line, or a comma inside an unquoted cell)",
            )
            for cells in reader
            if cells and len(cells) != width
        ]


def line_of(index) -> int | None:
    """Line number in the CSV for a data-frame row (the header is line 1)."""
    return None if index is None or pd.isna(index) else int(index) + 2


def failures(schema: pa.DataFrameSchema, frame: pd.DataFrame, name: str) -> list[Problem]:
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as err:
        cases = err.failure_cases
        problems = []
        for case in cases.itertuples(index=False):
            value = None if pd.isna(case.failure_case) else str(case.failure_case)
            problems.append(Problem(name, line_of(case.index), case.column, value, case.check))
        return sorted(set(problems), key=lambda p: (p.line or 0, p.column or ""))
    return []


def number_problems(column: pd.Series, name: str, col: str) -> list[Problem]:
    bad = pd.to_numeric(column, errors="coerce").isna()
    return [
        Problem(
            name,
            line_of(i),
            col,
            column[i],
            "is not a number — write it with digits and a decimal point "
            "(no units or thousands separators), or leave the figure out",
        )
        for i in column.index[bad]
    ]


def duplicate_problems(raw: pd.DataFrame, key: list[str], name: str) -> list[Problem]:
    if not key:
        return []
    dup = raw.duplicated(subset=key, keep="first")
    problems = []
    for i in raw.index[dup]:
        first = raw.index[(raw[key] == raw.loc[i, key]).all(axis=1)][0]
        problems.append(
            Problem(
                name,
                line_of(i),
                "+".join(key),
                " | ".join(raw.loc[i, key]),
                f"duplicates the key of line {line_of(first)}; each figure is stated once "
                "per source and vintage",
            )
        )
    return problems


def half_unit(text_value: str) -> Decimal:
    """Half a unit of the last digit written: the rounding a stated figure can hide."""
    exponent = Decimal(text_value.strip()).as_tuple().exponent
    return Decimal(5) * Decimal(10) ** (exponent - 1)


def reference_problems(
    frame: pd.DataFrame, column: str, known: set[str], name: str, target: str
) -> list[Problem]:
    return [
        Problem(
            name,
            line_of(i),
            column,
            value,
            f"does not match any id in {target}; add the source there first",
        )
        for i, value in frame[column].items()
        if value not in known
    ]
