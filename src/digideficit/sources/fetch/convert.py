"""The API's answers as rows of boj_monthly.csv (values as given), with their sources.

A figure enters the data only when it is new or differs from the latest figure fetched
before: the BOJ re-serves its whole history at every update, and an unchanged month must not
be written again under each new LAST_UPDATE. A changed month becomes a second row with the
new vintage (LAST_UPDATE as YYYY-MM-DD); the old row stays (update.changes shows it as a
revision).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import pandas as pd

from digideficit.sources.fetch.series_list import Series
from digideficit.validated import data

# the BOJ's unit (lower case, spaces collapsed) → the report's unit and the factor to it
UNITS = {
    "100 million yen": ("JPY_tn", Decimal("0.0001")),
    "yen per u.s. dollar": ("JPY_per_USD", Decimal(1)),
    "yen per us dollar": ("JPY_per_USD", Decimal(1)),
    "yen": ("JPY_per_USD", Decimal(1)),
}
PUBLISHER = "Bank of Japan"
PUBLISHER_JA = "日本銀行"
KINDS_OF_DATE = {"M": "monthly", "CY": "annual", "FY": "annual(mar)"}


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
            f"{where}: survey date {written!r} is not a {KINDS_OF_DATE[frequency]} date"
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
    rows: list[dict] = field(default_factory=list)  # of boj_monthly.csv
    sources: dict[str, dict] = field(default_factory=dict)
    unchanged: int = 0
    empty: int = 0
    last_updates: set[str] = field(default_factory=set)
    latest_period: str = ""


def convert(
    answers: list[tuple[Series, dict]],
    known: dict[tuple[str, str], list[tuple[str, str]]],
    sources: set[str],
    base_url: str,
    retrieved: str,
) -> Converted:
    """Rows of boj_monthly.csv (values as the API gives them, vintage = LAST_UPDATE) for every
    figure that is new or differs from the latest vintage already in data/ (`known`:
    (code, period) → [(vintage, value)], oldest first)."""
    out = Converted()
    for series, entry in answers:
        where = f"{series.db} {series.code} ({series.label})"
        report_unit(str(entry.get("UNIT", series.unit)), where)
        updated = last_update(entry, where)
        vintage = f"{updated[:4]}-{updated[4:6]}-{updated[6:]}"
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
            period, _period_type = period_of(survey_date, series.frequency, where)
            written = converted(value, Decimal(1), f"{where}, {period}")
            if written is None:
                out.empty += 1
                continue
            before = [(v, x) for v, x in known.get((series.code, period), []) if v <= vintage]
            if before and Decimal(before[-1][1]) == Decimal(written):
                out.unchanged += 1
                continue
            if before and before[-1][0] == vintage:
                raise ConversionError(
                    f"{where}, {period}: {written}, but data/ holds {before[-1][1]} of the same "
                    f"vintage {vintage}"
                )
            out.rows.append(
                {
                    "code": series.code,
                    "period": period,
                    "value": written,
                    "vintage": vintage,
                    "source_id": cited,
                }
            )
            out.last_updates.add(updated)
            out.latest_period = max(out.latest_period, period)
            if cited not in sources:
                out.sources.setdefault(
                    cited,
                    {
                        "id": cited,
                        "publisher": PUBLISHER,
                        "publisher_ja": PUBLISHER_JA,
                        "title": citation_title(series.db, series.code, retrieved),
                        "date": vintage,
                        "accessed": retrieved,
                        "url": f"{base_url.rstrip('/')}/api/v1/getDataCode?db={series.db}"
                        f"&code={series.code}&lang=en",
                        "kind": "official",
                        "note": f"{entry.get('NAME_OF_TIME_SERIES', series.name)}; "
                        f"{entry.get('UNIT', series.unit)}; vintage = the BOJ's LAST_UPDATE; "
                        "fetched by make fetch SOURCE=api",
                        # the Japanese edition's note: the series by the catalogue's
                        # Japanese name, and the vintage
                        "note_ja": f"{series.name_ja or series.name}。"
                        "版は日本銀行の最終更新日（LAST_UPDATE）による。",
                    },
                )
    return out


def frame_in_order(rows: list[dict], table: str) -> pd.DataFrame:
    """Rows in the column order of the data file they extend."""
    _filename, spec = data.FILES[table]
    return pd.DataFrame(rows)[[c for c in [*spec.columns, *spec.numeric] if c in rows[0]]]
