"""The claims ledger: each checkable statement of the seed articles set against the data.

A claim names a `reference` — the figure in the data it should be compared with — in a
small language, so that "our value" is always computed, never typed:

    digital:PERIOD:BASIS:FLOW          the best-available published total (seed rows excluded)
    digital:PERIOD:BASIS:FLOW:SOURCE   one source's own figure
    context:PERIOD:MEASURE             a context figure
    projection:PUBLISHED:YEAR:SCENARIO a published projection
    event:ID / event-date:ID           an event's value / its date
    ratio:REF / REF                    one reference divided by another
    usd:REF @ REF                      a ¥-trillion figure in US$ billion at a yen-per-dollar
                                       rate (itself a reference, e.g. an annual average)

Magnitudes are compared: the articles write a deficit as a positive amount.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from digideficit.analysis import official
from digideficit.analysis.impact import latest_vintage
from digideficit.analysis.series import best_available
from digideficit.validated import definitions as d
from digideficit.validated.data import Tables
from digideficit.validated.schema import half_unit

VERDICTS = ("holds", "differs by definition or vintage", "wrong", "unverified")


class ClaimError(ValueError):
    """A claims-ledger row whose reference is malformed."""


@dataclass(frozen=True)
class Figure:
    """A value from the data: the number (or date) and the text it is written as."""

    value: float | str
    text: str


def resolve(reference: str, tables: Tables) -> Figure | None:
    """The figure a reference points at, or None when the data holds none."""
    kind, _, rest = reference.partition(":")
    if kind == "ratio":
        pair = _pair(reference, rest, " / ", "ratio:A / B", tables)
        if pair is None:
            return None
        ratio = abs(float(pair[0].value)) / abs(float(pair[1].value))
        return Figure(ratio, f"{ratio:.2f}")
    if kind == "usd":
        pair = _pair(reference, rest, " @ ", "usd:A @ RATE", tables)
        if pair is None:
            return None
        dollars = abs(float(pair[0].value)) * 1000 / float(pair[1].value)
        return Figure(dollars, f"{dollars:.1f}")
    parts = rest.split(":")
    if kind == "digital" and len(parts) in (3, 4):
        return _digital(tables, *parts)
    if kind == "context" and len(parts) == 2:
        return _context(tables, *parts)
    if kind == "projection" and len(parts) == 3:
        published, year, scenario = parts
        rows = tables.projections[
            (tables.projections["published"] == published)
            & (tables.projections["target_year"] == float(year))
            & (tables.projections["scenario"] == scenario)
        ]
        return _figure(rows, reference)
    if kind in ("event", "event-date") and len(parts) == 1:
        rows = tables.events[tables.events["id"] == parts[0]]
        if rows.empty:
            raise ClaimError(f"reference {reference!r}: no event with id {parts[0]!r}")
        row = rows.iloc[0]
        if kind == "event-date":
            return Figure(row["date"], row["date"])
        return None if pd.isna(row["value"]) else Figure(row["value"], row["value_text"])
    raise ClaimError(
        f"reference {reference!r} is not one of digital:PERIOD:BASIS:FLOW[:SOURCE], "
        "context:PERIOD:MEASURE, projection:PUBLISHED:YEAR:SCENARIO, event:ID, "
        "event-date:ID, ratio:A / B, usd:A @ RATE"
    )


def _pair(
    reference: str, rest: str, separator: str, form: str, tables: Tables
) -> tuple[Figure, Figure] | None:
    """The two figures of a reference that combines two others, or None if either is
    missing from the data."""
    first, found, second = rest.partition(separator)
    if not found:
        kind = reference.partition(":")[0]
        raise ClaimError(f"{kind} reference {reference!r} needs the form {form!r}")
    a, b = resolve(first, tables), resolve(second, tables)
    return None if a is None or b is None else (a, b)


def _digital_candidates(
    tables: Tables, period: str, basis: str, flow: str, source_id: str | None = None
) -> pd.DataFrame:
    """The published totals a digital reference may point at; with `source_id`, only that
    source's own."""
    rows = official.digital_rows(tables)
    if source_id is not None:
        rows = rows[rows["source_id"] == source_id]
    # the official sum of a basis stands for every basis that adds up to it
    official_sum = (rows["source_id"] == "derived") & (rows["item_basis"] == d.series_basis(basis))
    return rows[
        (rows["period"] == period)
        & (rows["item"] == "digital_total")
        & ((rows["item_basis"] == basis) | official_sum)
        & (rows["flow"] == flow)
        & (rows["unit"] == "JPY_tn")
        # an article cannot confirm itself
        & (rows["source_kind"] != "seed")
    ]


def _digital(
    tables: Tables, period: str, basis: str, flow: str, source_id: str | None = None
) -> Figure | None:
    """The best-available total, or — with `source_id` — that source's own figure."""
    rows = _digital_candidates(tables, period, basis, flow, source_id)
    if rows.empty:
        return None
    best = best_available(rows).iloc[0]
    return Figure(best["value"], best["value_text"])


def _context(tables: Tables, period: str, measure: str) -> Figure | None:
    """A context figure; where a period has several vintages, the most settled one."""
    rows = official.context_rows(tables)
    rows = rows[(rows["period"] == period) & (rows["measure"] == measure)]
    if rows.empty:
        return None
    best = latest_vintage(rows, ["period"]).iloc[0]
    return Figure(best["value"], best["value_text"])


def replaced(reference: str, tables: Tables) -> Figure | None:
    """The figure a reference pointed at before its current one arrived: data rows are never
    overwritten, so for a published total it is the best of the others. None for other
    references, or when there was none."""
    kind, _, rest = reference.partition(":")
    parts = rest.split(":")
    if kind != "digital" or len(parts) != 3:
        return None
    rows = _digital_candidates(tables, *parts)
    if len(rows) < 2:
        return None
    others = rows.drop(index=best_available(rows).index[0])
    earlier = best_available(others).iloc[0]
    return Figure(earlier["value"], earlier["value_text"])


def _figure(rows: pd.DataFrame, reference: str) -> Figure | None:
    if rows.empty:
        return None
    if len(rows) > 1:
        raise ClaimError(f"reference {reference!r} matches {len(rows)} rows; make it specific")
    row = rows.iloc[0]
    return Figure(row["value"], row["value_text"])


def agrees(claimed: str, unit: str, comparison: str, ours: Figure) -> bool:
    """The tolerance rule. Numbers: for '=', the two figures agree when their rounding
    intervals (each ± half a unit of its last written digit) overlap; '>' and '<' compare
    the magnitudes. Dates: equal at the precision the claim is written to."""
    if unit == "date":
        return str(ours.value)[: len(claimed)] == claimed
    mine, theirs = abs(Decimal(claimed)), abs(Decimal(ours.text))
    if comparison == ">":
        return theirs > mine
    if comparison == "<":
        return theirs < mine
    return abs(mine - theirs) <= half_unit(claimed) + half_unit(ours.text)


def distance(claimed: str, unit: str, ours: Figure) -> float:
    if unit == "date":
        return 0.0 if str(ours.value).startswith(claimed) else 1.0
    return abs(abs(float(claimed)) - abs(float(ours.value)))


def expected_verdicts(row: pd.Series, ours: Figure | None, alternative: Figure | None) -> set:
    """The verdicts the data allows for a claim; the reviewer's choice must be one of them."""
    if ours is None:
        return {"unverified"}
    if agrees(row["claimed"], row["unit"], row["comparison"], ours):
        return {"holds"}
    if alternative is not None and (
        agrees(row["claimed"], row["unit"], row["comparison"], alternative)
        or distance(row["claimed"], row["unit"], alternative)
        < distance(row["claimed"], row["unit"], ours)
    ):
        return {"differs by definition or vintage", "wrong"}
    return {"wrong"}


UNDER_REVIEW = "under review"


def ledger(tables: Tables) -> pd.DataFrame:
    """Every claim with our value computed. A claim whose verdict the data no longer
    supports (a figure moved) does not stop the report: its `status` is "under review", with
    the figure the verdict was given on (`previous_value`, where the data still hold it)
    beside the new one, until data/claims.csv is reviewed. Other claims are "checked"."""
    records = []
    for _, row in tables.claims.iterrows():
        ours = resolve(row["reference"], tables) if row["reference"] else None
        alternative = resolve(row["alternative"], tables) if row["alternative"] else None
        allowed = expected_verdicts(row, ours, alternative)
        previous = None
        if row["verdict"] not in allowed and row["reference"]:
            previous = replaced(row["reference"], tables)
        records.append(
            {
                **row.to_dict(),
                "our_value": "" if ours is None else ours.text.lstrip("-"),
                "alternative_value": "" if alternative is None else alternative.text.lstrip("-"),
                "status": "checked" if row["verdict"] in allowed else UNDER_REVIEW,
                "allowed": " or ".join(sorted(allowed)),
                "previous_value": "" if previous is None else previous.text.lstrip("-"),
            }
        )
    return pd.DataFrame(records)


def to_review(tables: Tables, before: Tables | None = None) -> list[str]:
    """One line per claim under review: its verdict, the old and the new figure (old from
    `before` when the caller has the data as they were)."""
    lines = []
    table = ledger(tables)
    for i, row in table[table["status"] == UNDER_REVIEW].iterrows():
        old = row["previous_value"]
        if before is not None and row["reference"]:
            earlier = resolve(row["reference"], before)
            old = "none" if earlier is None else earlier.text.lstrip("-")
        lines.append(
            f"data/claims.csv, line {i + 2} ({row['claim_id']}): verdict {row['verdict']!r}; "
            f"reference figure {old or 'not recorded'} → {row['our_value'] or 'none'} "
            f"(claimed {row['claimed']}); the data now allow {row['allowed']}"
        )
    return lines
