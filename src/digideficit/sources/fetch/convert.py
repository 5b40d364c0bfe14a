"""The API's answers as tidy rows of digital_services.csv and context.csv, with their sources.

A figure enters the data only when it is new or differs from the latest figure fetched
before: the BOJ re-serves its whole history at every update, and an unchanged month must not
be written again under each new LAST_UPDATE. A changed month becomes a second row with the
new vintage; the old row stays (update.changes shows it as a revision).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import pandas as pd

from digideficit.sources.fetch.series_list import FREQUENCIES, Series
from digideficit.validated import data
from digideficit.validated import definitions as d

# the BOJ's unit (lower case, spaces collapsed) → the report's unit and the factor to it
UNITS = {
    "100 million yen": ("JPY_tn", Decimal("0.0001")),
    "yen per u.s. dollar": ("JPY_per_USD", Decimal(1)),
    "yen per us dollar": ("JPY_per_USD", Decimal(1)),
    "yen": ("JPY_per_USD", Decimal(1)),
}
PUBLISHER = "Bank of Japan"


class ConversionError(ValueError):
    """An answer that cannot be read as figures; names the series and the value."""


def report_unit(unit: str, where: str) -> tuple[str, Decimal]:
    key = re.sub(r"\s+", " ", unit.strip().lower())
    if key not in UNITS:
        raise ConversionError(
            f"{where}: unit {unit!r} is not one the report converts ({', '.join(UNITS)}); "
            "add it to digideficit.sources.fetch.convert.UNITS"
        )
    return UNITS[key]


def period_of(survey_date, frequency: str, where: str) -> tuple[str, str]:
    """(period, period_type) from an answer's survey date: 202608 → ('2026-08', 'M'),
    2025 → ('2025', 'CY'), fiscal 2025 → ('FY2025', 'FY')."""
    written = str(survey_date).strip()
    forms = {"M": r"^(\d{4})(0[1-9]|1[0-2])$", "CY": r"^(\d{4})$", "FY": r"^(\d{4})$"}
    found = re.match(forms[frequency], written)
    if not found:
        raise ConversionError(
            f"{where}: survey date {written!r} is not a {FREQUENCIES[frequency].lower()} date"
        )
    if frequency == "M":
        return f"{found[1]}-{found[2]}", "M"
    return (written, "CY") if frequency == "CY" else (f"FY{written}", "FY")


def converted(value, factor: Decimal, where: str) -> str | None:
    """The figure in the report's unit, written with the precision it was given in; None for
    a month the BOJ leaves empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ConversionError(f"{where}: value {value!r} is not a number")
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation as err:
        raise ConversionError(f"{where}: value {value!r} is not a number") from err
    if not number.is_finite():
        raise ConversionError(f"{where}: value {value!r} is not a number")
    return format(number * factor, "f")


def last_update(entry: dict, where: str) -> str:
    """LAST_UPDATE (yyyymmdd) as written."""
    written = str(entry.get("LAST_UPDATE", "")).strip()
    if not re.match(r"^\d{8}$", written):
        raise ConversionError(f"{where}: LAST_UPDATE {written!r} is not a yyyymmdd date")
    return written


def source_id(db: str, code: str, updated: str) -> str:
    return f"boj-{db}-{re.sub(r'[^a-z0-9]+', '-', code.lower()).strip('-')}-{updated}".lower()


def citation_title(db: str, code: str, retrieved: str) -> str:
    """With the publisher: 'Bank of Japan, Time-Series Data Search, BP01 <code>, retrieved …'."""
    return f"Time-Series Data Search, {db} {code}, retrieved {retrieved}"


@dataclass
class Converted:
    digital: list[dict] = field(default_factory=list)
    context: list[dict] = field(default_factory=list)
    sources: dict[str, dict] = field(default_factory=dict)
    unchanged: int = 0
    empty: int = 0
    last_updates: set[str] = field(default_factory=set)
    latest_period: str = ""


def latest_official(tables: data.Tables) -> dict[tuple, str]:
    """The latest fetched figure (as written) of every period and series already in data/."""
    latest: dict[tuple, str] = {}
    for frame, columns in (
        (tables.digital_services, ["period", "item", "item_basis", "flow", "unit"]),
        (tables.context, ["period", "measure", "unit"]),
    ):
        official = frame[frame["vintage"].map(d.is_official_vintage)].sort_values("vintage")
        for _, row in official.iterrows():
            latest[tuple(row[c] for c in columns)] = row["value_text"]
    return latest


def convert(
    answers: list[tuple[Series, dict]], tables: data.Tables, base_url: str, retrieved: str
) -> Converted:
    """Tidy rows for every figure that is new or revised since the last fetch."""
    known = latest_official(tables)
    sources = set(tables.sources["id"])
    out = Converted()
    for series, entry in answers:
        where = f"{series.db} {series.code} ({series.label})"
        unit, factor = report_unit(str(entry.get("UNIT", series.unit)), where)
        updated = last_update(entry, where)
        values = entry.get("VALUES")
        if not isinstance(values, dict) or not all(
            isinstance(values.get(k), list) for k in ("SURVEY_DATES", "VALUES")
        ):
            raise ConversionError(f"{where}: VALUES lacks the lists SURVEY_DATES and VALUES")
        dates, figures = values["SURVEY_DATES"], values["VALUES"]
        if len(dates) != len(figures):
            raise ConversionError(
                f"{where}: {len(dates)} survey dates but {len(figures)} values — a truncated "
                "answer; try again later"
            )
        cited = source_id(series.db, series.code, updated)
        for survey_date, value in zip(dates, figures, strict=True):
            period, period_type = period_of(survey_date, series.frequency, where)
            written = converted(value, factor, f"{where}, {period}")
            if written is None:
                out.empty += 1
                continue
            row = {
                "period": period,
                "period_type": period_type,
                "value": written,
                "unit": unit,
                "vintage": f"boj-{updated}",
                "source_id": cited,
                "note": f"{series.db} {series.code}",
            }
            if series.is_digital:
                row.update(item=series.item, item_basis="item", flow=series.flow)
                identity = (period, series.item, "item", series.flow, unit)
            else:
                row.update(measure=series.item)
                identity = (period, series.item, unit)
            before = known.get(identity)
            if before is not None and Decimal(before) == Decimal(written):
                out.unchanged += 1
                continue
            (out.digital if series.is_digital else out.context).append(row)
            out.last_updates.add(updated)
            out.latest_period = max(out.latest_period, period)
            if cited not in sources:
                out.sources.setdefault(
                    cited,
                    {
                        "id": cited,
                        "publisher": PUBLISHER,
                        "title": citation_title(series.db, series.code, retrieved),
                        "date": f"{updated[:4]}-{updated[4:6]}-{updated[6:]}",
                        "accessed": retrieved,
                        "url": f"{base_url.rstrip('/')}/api/v1/getDataCode?db={series.db}"
                        f"&code={series.code}&lang=en",
                        "kind": "official",
                        "note": f"{entry.get('NAME_OF_TIME_SERIES', series.name)}; "
                        f"{entry.get('UNIT', series.unit)}; vintage = the BOJ's LAST_UPDATE; "
                        "fetched by make fetch",
                    },
                )
    return out


def frame_in_order(rows: list[dict], table: str) -> pd.DataFrame:
    """Rows in the column order of the data file they extend."""
    _filename, spec = data.FILES[table]
    return pd.DataFrame(rows)[[c for c in [*spec.columns, *spec.numeric] if c in rows[0]]]
