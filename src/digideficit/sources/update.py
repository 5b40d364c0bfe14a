"""`make update FILE=...`: bring new figures into data/ safely.

Each file — in the project's tidy format (the header of one of the data files), or in the
layout of the gathered figures in `shared/data/` (sources written out per row) — is
validated on its own and together with the data it joins; then the command lists what
changes — rows added, figures revised (old → new, with vintages), rows already present —
and how every headline figure of the summary moves. Only then are the rows appended to
data/ and the site rebuilt. Revisions never overwrite: the new figure is added beside the
old one with its own vintage and source, and the series picks the latest vintage.
Any failure leaves data/ exactly as it was.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from digideficit.analysis import claims
from digideficit.analysis.findings import summary
from digideficit.paths import data_dir
from digideficit.site import page
from digideficit.sources import gathered
from digideficit.validated import data
from digideficit.validated.schema import DataValidationError, read_raw

# what identifies "the same figure" in each table: a second row with the same identity but
# another value is a revision of it
IDENTITY = {
    "digital_services": ["period", "item", "item_basis", "flow", "unit"],
    "context": ["period", "measure", "unit"],
    "projections": ["publisher", "target_year", "scenario"],
    "events": ["id"],
    "sources": ["id"],
    "claims": ["claim_id"],
    "international": ["economy", "period", "measure", "flow", "unit"],
    "boj_series": ["code"],
    "boj_monthly": ["code", "period"],
    "boj_quarterly": ["code", "period"],
}
# official values arrive by the thousand: summarised per series, revisions listed up to this
OFFICIAL_VALUES = {"boj_monthly": "months", "boj_quarterly": "quarters"}
SHOWN_REVISIONS = 12


class UpdateError(ValueError):
    """The update cannot be applied; nothing was written."""


def table_of(path: Path) -> str:
    """Which data file an update file extends, from its header."""
    header = set(read_raw(path, path.name).columns)
    found = []
    for table, (_filename, spec) in data.FILES.items():
        every = set(spec.columns) | set(spec.numeric)
        # optional columns (a note, a qualifier) may be left out of an update file
        if every - spec.optional <= header <= every:
            found.append(table)
    if len(found) > 1:  # monthly and quarterly official values share a header
        for table in found:  # the one whose rules they pass (else the first, to name why)
            try:
                data.FILES[table][1].validate(path)
            except DataValidationError:
                continue
            return table
    if found:
        return found[0]
    expected = "; ".join(
        f"{filename}: {','.join(list(spec.columns) + list(spec.numeric))}"
        for filename, spec in data.FILES.values()
    )
    raise UpdateError(f"{path}: the header matches no data file. Expected one of — {expected}")


def merged(updates: list[Path], current: Path, target: Path) -> tuple[dict[str, list[dict]], int]:
    """Copies `current` to `target` and appends the new rows of each update; returns them
    and how many rows were already present."""
    shutil.copytree(current, target)
    added: dict[str, list[dict]] = {}
    present = 0
    for path in updates:
        table = table_of(path)
        filename, spec = data.FILES[table]
        try:
            spec.validate(path)
        except DataValidationError as err:
            raise UpdateError(f"{path} does not pass validation:\n{err}") from err
        new = read_raw(path, path.name)
        existing = read_raw(target / filename, filename)
        # a row whose key and figures are already in the file is present, whatever its note
        same = [c for c in dict.fromkeys(spec.key + list(spec.numeric)) if c in new.columns]
        fresh = new.merge(existing[same].drop_duplicates(), on=same, how="left", indicator=True)
        rows = new[(fresh["_merge"] == "left_only").to_numpy()].to_dict("records")
        present += len(new) - len(rows)
        if rows:
            append(target / filename, rows, list(existing.columns))
        added.setdefault(table, []).extend(rows)
    return added, present


def append(path: Path, rows: list[dict], columns: list[str]) -> None:
    text = path.read_text(encoding="utf-8")
    with path.open("a", encoding="utf-8", newline="") as handle:
        if text and not text.endswith("\n"):
            handle.write("\n")
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writerows(rows)


def changes(table: str, rows: list[dict], before: pd.DataFrame) -> list[str]:
    """'added …' or 'revised …: old → new' for each new row."""
    if table in OFFICIAL_VALUES:
        return official_changes(table, rows, before)
    identity = IDENTITY[table]
    lines = []
    for row in rows:
        same = before
        for column in identity:
            # numbers are compared as written (2030, not 2030.0)
            written = f"{column}_text" if f"{column}_text" in before.columns else column
            same = same[same[written] == str(row[column]).strip()]
        label = " ".join(str(row[c]) for c in identity)
        if table in ("digital_services", "context", "projections", "international") and len(same):
            old = "; ".join(
                f"{r['value_text']} ({r.get('vintage', r.get('published', ''))}, {r['source_id']})"
                for _, r in same.iterrows()
            )
            new = f"{row['value']} ({row.get('vintage', row.get('published', ''))}, "
            lines.append(f"revised  {label}: {old} → {new}{row['source_id']}); old row kept")
        elif len(same):
            lines.append(f"changed  {label}: a row with this id exists already")
        else:
            value = f" = {row['value']}" if "value" in row else ""
            lines.append(f"added    {label}{value}")
    return lines


def official_changes(table: str, rows: list[dict], before: pd.DataFrame) -> list[str]:
    """Per series: how many periods are added (first … last), each revision (old → new with
    vintages, up to SHOWN_REVISIONS, then a count), and the latest period after the update."""
    known: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    latest: dict[str, str] = {}
    for code, period, value, vintage, source in zip(
        before["code"], before["period"], before["value_text"], before["vintage"],
        before["source_id"], strict=True,
    ):  # fmt: skip
        known.setdefault((code, period), []).append((vintage, value, source))
        latest[code] = max(latest.get(code, ""), period)
    unit = OFFICIAL_VALUES[table]
    per_series: dict[str, list[dict]] = {}
    for row in rows:
        per_series.setdefault(str(row["code"]).strip(), []).append(row)
    lines = []
    for code, new in per_series.items():
        added = [r for r in new if (code, r["period"]) not in known]
        revised = [r for r in new if (code, r["period"]) in known]
        end = max([latest.get(code, "")] + [r["period"] for r in new])
        parts = []
        if added:
            periods = sorted(r["period"] for r in added)
            span = periods[0] if len(periods) == 1 else f"{periods[0]} … {periods[-1]}"
            parts.append(f"{len(added)} {unit if len(added) > 1 else unit[:-1]} added {span}")
        if revised:
            parts.append(f"{len(revised)} revised")
        lines.append(f"{code}: {', '.join(parts)}; latest {end}")
        for row in revised[:SHOWN_REVISIONS]:
            vintage, value, source = max(known[(code, row["period"])])
            lines.append(
                f"  revised  {code} {row['period']}: {value} ({vintage}, {source}) → "
                f"{row['value']} ({row['vintage']}, {row['source_id']}); old row kept"
            )
        if len(revised) > SHOWN_REVISIONS:
            lines.append(f"  … and {len(revised) - SHOWN_REVISIONS} more revised {unit}")
    return lines


def plan(updates: list[Path], current: Path, workdir: Path) -> tuple[Path, list[str]]:
    """Validates the merged data in `workdir` and describes the changes; writes nothing to
    `current`."""
    candidate = workdir / "data"
    before = data.load(current)
    tidy = []
    for path in updates:
        if not path.exists():
            raise UpdateError(f"{path}: file not found")
        if gathered.is_gathered(path):
            try:
                tidy += gathered.convert(path, before.sources, workdir)
            except gathered.LayoutError as err:
                raise UpdateError(str(err)) from err
        else:
            tidy.append(path)
    added, present = merged(tidy, current, candidate)
    try:
        after = data.load(candidate)
    except DataValidationError as err:
        raise UpdateError(f"the data would not pass validation with this update:\n{err}") from err
    report = []
    for table, rows in added.items():
        report += changes(table, rows, getattr(before, table))
    if present:
        report.append(f"unchanged {present} row(s) already in data/, skipped")
    if not any(table_rows for table_rows in added.values()):
        report.append("nothing new: every row is already in data/")
    old, new = headline_figures(before), headline_figures(after)
    moved = [f"  {k}: {old.get(k, 'none')}  →  {new[k]}" for k in new if old.get(k) != new[k]]
    report += ["", "Headline figures:"] + (moved or ["  none changes"])
    review = claims.to_review(after, before)
    if review:
        report += [
            "",
            "Claims to review (shown as 'under review' in the ledger until "
            "data/claims.csv is updated):",
        ] + [f"  {line}" for line in review]
    return candidate, report


def headline_figures(tables: data.Tables) -> dict[str, str]:
    """The front page's findings as it says them, by key: what an update moves. Data that
    do not complete two official years yet (a first fetch) have no headline to move."""
    try:
        return page.said(summary.findings(tables=tables))
    except ValueError as err:
        return {"headline": f"none yet ({err})"}


def apply(candidate: Path, current: Path) -> None:
    for filename, _spec in data.FILES.values():
        if (candidate / filename).read_bytes() != (current / filename).read_bytes():
            shutil.copyfile(candidate / filename, current / filename)


def run(
    updates: list[Path],
    workdir: Path,
    dry_run: bool = False,
    build: bool = True,
    also_write: Callable[[Path], None] | None = None,
    command: str = "UPDATE",
) -> int:
    """The path every change of data/ takes: validate and describe (`plan`), then — unless a
    dry run — write (`apply`, then `also_write(data_dir)` for files beside the tables) and
    rebuild. Returns the exit status."""
    current = data_dir()
    try:
        candidate, report = plan(updates, current, workdir)
    except UpdateError as err:
        print(f"{command} REFUSED — data/ is unchanged.\n{err}", file=sys.stderr)
        return 1
    print("\n".join(report))
    if dry_run:
        print("\n(dry run: nothing written)")
        return 0
    apply(candidate, current)
    if also_write:
        also_write(current)
    print(f"\nWritten to {current}.")
    if not build:
        return 0
    from digideficit.site import build as site

    return site.main([])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="digideficit update", description=__doc__)
    parser.add_argument("files", nargs="+", type=Path, help="update files in the tidy format")
    parser.add_argument("--dry-run", action="store_true", help="show the changes, write nothing")
    parser.add_argument("--no-build", action="store_true", help="write data/ but do not rebuild")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as workdir:
        return run(args.files, Path(workdir), dry_run=args.dry_run, build=not args.no_build)


if __name__ == "__main__":
    sys.exit(main())
