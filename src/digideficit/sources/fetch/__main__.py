"""`make fetch`: the report's official series from the Bank of Japan API into data/.

Metadata first (every listed code must exist; a changed name is reported), then the data
in batches, each answer kept as a snapshot; the answers become tidy rows that take the same
path as `make update` (validate, show what changes, write data/, rebuild). Any failure
exits non-zero with one message and leaves data/ and the published site as they were.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import re
import shutil
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from digideficit.paths import data_dir
from digideficit.sources import update
from digideficit.sources.fetch import convert, series_list
from digideficit.sources.fetch.boj_api import (
    OFFICIAL_URL,
    Answer,
    Client,
    FetchError,
    UnknownCodeError,
)
from digideficit.validated import data
from digideficit.validated.schema import DataValidationError

SNAPSHOTS = Path("raw") / "boj"
SNAPSHOT_INDEX = "snapshots.csv"
CANDIDATES = "boj_series_candidates.csv"


@dataclass
class Fetched:
    """What one fetch brought, held in the work folder until the update path writes it."""

    updates: list[Path] = field(default_factory=list)
    report: list[str] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)
    renamed: dict[int, str] = field(default_factory=dict)

    def keep(self, directory: Path) -> None:
        """Snapshots of every answer, and the names last seen, beside the tables."""
        folder = directory / SNAPSHOTS
        folder.mkdir(parents=True, exist_ok=True)
        index = folder / SNAPSHOT_INDEX
        new_index = not index.exists()
        with index.open("a", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            if new_index:
                writer.writerow(["file", "url", "retrieved", "last_update", "sha256"])
            for number, answer in enumerate(self.answers, start=1):
                name = snapshot_name(answer, number)
                (folder / name).write_bytes(answer.body)
                writer.writerow(
                    [
                        name,
                        answer.url,
                        answer.retrieved.isoformat(timespec="seconds"),
                        latest_update(answer.payload),
                        hashlib.sha256(answer.body).hexdigest(),
                    ]
                )
        if self.renamed:
            series_list.rename(directory, self.renamed)


def snapshot_name(answer: Answer, number: int) -> str:
    endpoint = re.search(r"/api/v1/(\w+)", answer.url)
    db = re.search(r"[?&]db=(\w+)", answer.url)
    stamp = answer.retrieved.strftime("%Y%m%dT%H%M%SZ")
    endpoint_name = endpoint[1] if endpoint else "answer"
    return f"{stamp}-{number:03d}-{endpoint_name}-{db[1] if db else 'none'}.json"


def latest_update(payload: dict) -> str:
    """The newest LAST_UPDATE among the series of an answer ('' for none)."""
    dates = [str(e.get("LAST_UPDATE", "")) for e in payload.get("RESULTSET") or []]
    return max((d for d in dates if d), default="")


def check_metadata(
    listed: list[series_list.Series], client: Client, fetched: Fetched
) -> dict[str, list[dict]]:
    """Every listed code exists with the listed frequency; changed names are reported (and
    written back to the list on success). Returns each database's catalogue."""
    catalogues = {db: client.metadata(db) for db in dict.fromkeys(s.db for s in listed)}
    problems = []
    for series in listed:
        if not series.code:
            continue
        entries = [e for e in catalogues[series.db] if e.get("SERIES_CODE") == series.code]
        if not entries:
            problems.append(
                f"{series.label}: series code {series.code} is not in {series.db}'s catalogue "
                "(getMetadata); correct it, or empty it and run make fetch DISCOVER=1"
            )
            continue
        entry = entries[0]
        frequency = str(entry.get("FREQUENCY", "")).upper()
        if frequency != series_list.FREQUENCIES[series.frequency]:
            problems.append(
                f"{series.label}: {series.code} is {frequency or 'of no frequency'}, "
                f"not {series_list.FREQUENCIES[series.frequency]}; correct `frequency`"
            )
        name = str(entry.get("NAME_OF_TIME_SERIES", "")).strip()
        if name and name != series.name:
            fetched.renamed[series.line] = name
            fetched.report.append(
                f"renamed  {series.label}: {series.code} was {series.name!r}, "
                f"now {name!r} (the list takes the new name)"
            )
    if problems:
        raise FetchError("\n".join(problems))
    return catalogues


def fetch_values(
    listed: list[series_list.Series], client: Client
) -> list[tuple[series_list.Series, dict]]:
    """getDataCode for every listed code, one database and frequency at a time."""
    groups: dict[tuple[str, str], list[series_list.Series]] = defaultdict(list)
    for series in listed:
        groups[(series.db, series.frequency)].append(series)
    answers = []
    for (db, _frequency), members in groups.items():
        codes = [s.code for s in members]
        try:
            entries = client.data(db, codes)
        except UnknownCodeError as err:
            raise FetchError(f"{err}\n{unknown_rows(str(err), members)}") from err
        by_code = {}
        for entry in entries:
            by_code.setdefault(entry.get("SERIES_CODE"), []).append(entry)
        for series in members:
            if series.code not in by_code:
                raise FetchError(
                    f"{series.label}: the answers hold no series {series.code} — an "
                    "incomplete answer; try again later"
                )
            answers.append((series, merge_pages(by_code[series.code])))
    return answers


def unknown_rows(message: str, members: list[series_list.Series]) -> str:
    """The rows to look at for an M181013E answer: the nth code when the message says which."""
    nth = re.search(r"(\d+)(?:st|nd|rd|th)?\s+code", message)
    if nth and 1 <= int(nth[1]) <= len(members):
        suspects = [members[int(nth[1]) - 1]]
    else:
        suspects = members
    return "\n".join(f"{s.label}: series code {s.code} may not exist" for s in suspects)


def merge_pages(entries: list[dict]) -> dict:
    """One series spread over several pages, as one entry."""
    first = dict(entries[0])
    if len(entries) > 1:
        first["VALUES"] = {
            key: [v for e in entries for v in (e.get("VALUES") or {}).get(key) or []]
            for key in ("SURVEY_DATES", "VALUES")
        }
    return first


def discover(
    pending: list[series_list.Series], catalogues: dict[str, list[dict]], directory: Path
) -> list[str]:
    """The catalogue entries whose names match each row without a code, written to
    data/boj_series_candidates.csv for a maintainer to confirm."""
    rows, report = [], []
    for series in pending:
        found = series_list.candidates(series, catalogues[series.db])
        report.append(f"{series.label}: {len(found)} candidate(s) for {series.name!r}")
        for entry in found:
            report.append(f"    {entry['SERIES_CODE']}  {entry.get('NAME_OF_TIME_SERIES', '')}")
            rows.append(
                {
                    "line": series.line,
                    "item": series.item,
                    "flow": series.flow,
                    "db": series.db,
                    "frequency": series.frequency,
                    "code": entry["SERIES_CODE"],
                    "name": entry.get("NAME_OF_TIME_SERIES", ""),
                    "unit": entry.get("UNIT", ""),
                }
            )
    if rows:
        with (directory / CANDIDATES).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    return report


def write_tidy(rows: list[dict], table: str, path: Path) -> Path:
    convert.frame_in_order(rows, table).to_csv(path, index=False, lineterminator="\n")
    return path


def fetch(current: Path, workdir: Path, client: Client) -> Fetched:
    """Everything up to the tidy update files in `workdir`; writes nothing to `current`."""
    fetched = Fetched()
    client.on_answer = fetched.answers.append
    listed = series_list.read(current)
    known = [s for s in listed if s.code]
    pending = [s for s in listed if not s.code]
    if not known:
        raise FetchError(f"{series_list.FILENAME} lists no series with a code: nothing to fetch")
    check_metadata(known, client, fetched)
    retrieved = datetime.now(UTC).date().isoformat()
    answers = fetch_values(known, client)
    rows = convert.convert(answers, data.load(current), client.base_url, retrieved)
    head = [
        f"Bank of Japan API at {client.base_url}: {len(known)} series, "
        f"{len(rows.digital) + len(rows.context)} new or revised figure(s) "
        f"(LAST_UPDATE {', '.join(sorted(rows.last_updates)) or 'unchanged'}), "
        f"{rows.unchanged} unchanged, {rows.empty} empty",
    ]
    if rows.latest_period:
        head.append(f"latest period fetched: {rows.latest_period}")
    if pending:
        head.append(
            f"skipped {len(pending)} row(s) of data/{series_list.FILENAME} without a code "
            f"({', '.join(f'line {s.line}' for s in pending)}): run make fetch DISCOVER=1"
        )
    fetched.report = head + fetched.report + [""]
    if rows.sources:
        fetched.updates.append(
            write_tidy(list(rows.sources.values()), "sources", workdir / "boj-sources.csv")
        )
    if rows.digital:
        fetched.updates.append(
            write_tidy(rows.digital, "digital_services", workdir / "boj-digital-services.csv")
        )
    if rows.context:
        fetched.updates.append(write_tidy(rows.context, "context", workdir / "boj-context.csv"))
    return fetched


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="digideficit fetch", description=__doc__)
    parser.add_argument("--dry-run", action="store_true", help="show the changes, write nothing")
    parser.add_argument("--no-build", action="store_true", help="write data/ but do not rebuild")
    parser.add_argument(
        "--discover",
        action="store_true",
        help="list catalogue series matching the rows without a code; fetch no data",
    )
    parser.add_argument("--pause", type=float, default=1.0, help="seconds between requests")
    parser.add_argument("--retry-wait", type=float, default=10.0, help="first wait after a 503")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds to wait per answer")
    args = parser.parse_args(argv)
    client = Client(
        base_url=os.environ.get("BOJ_API_URL") or OFFICIAL_URL,
        pause=args.pause,
        retry_wait=args.retry_wait,
        timeout=args.timeout,
    )
    current = data_dir()
    with tempfile.TemporaryDirectory() as workdir:
        work = Path(workdir)
        try:
            if args.discover:
                return run_discovery(current, work, client, args.dry_run)
            fetched = fetch(current, work, client)
        except (FetchError, DataValidationError, convert.ConversionError) as err:
            print(
                f"FETCH FAILED — data/ and the published site are unchanged.\n{err}",
                file=sys.stderr,
            )
            return 1
        print("\n".join(fetched.report))
        return update.run(
            fetched.updates,
            work,
            dry_run=args.dry_run,
            build=not args.no_build,
            also_write=fetched.keep,
            command="FETCH",
        )


def run_discovery(current: Path, work: Path, client: Client, dry_run: bool) -> int:
    listed = series_list.read(current)
    pending = [s for s in listed if not s.code]
    if not pending:
        print(f"every row of {series_list.FILENAME} has a code: nothing to discover")
        return 0
    catalogues = {db: client.metadata(db) for db in dict.fromkeys(s.db for s in pending)}
    print("\n".join(discover(pending, catalogues, work)))
    if (work / CANDIDATES).exists() and not dry_run:
        shutil.copyfile(work / CANDIDATES, current / CANDIDATES)
        print(
            f"\nCandidates written to {current / CANDIDATES}: copy the right code into "
            f"{series_list.FILENAME} and run make fetch."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
