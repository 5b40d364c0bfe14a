"""`make fetch`: the report's official series from the Bank of Japan into data/.

By default the BOJ's flat files (`bp_m_en.zip`, `regbp_q_en.zip`) are downloaded, or local
copies are read (`--file`), checked whole (`flat`) and compared with data/; `--source api` asks
the Time-Series API instead (metadata first, then the data in batches, each answer kept as a
snapshot). The new and revised values take the same path as `make update` (validate, show
what changes, write data/, rebuild). Any failure exits non-zero with one message and leaves
data/ and the published site as they were.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import re
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from digideficit.paths import data_dir
from digideficit.sources import update
from digideficit.sources.fetch import convert, flat, series_list
from digideficit.sources.fetch.boj_api import (
    OFFICIAL_URL,
    Answer,
    Client,
    FetchError,
    UnknownCodeError,
)
from digideficit.validated import data
from digideficit.validated.schema import DataValidationError, read_raw

SNAPSHOTS = Path("raw") / "boj"
SNAPSHOT_INDEX = "snapshots.csv"
FLAT_KINDS = list(flat.BY_STEM.values())
VALUE_COLUMNS = ["code", "period", "value", "vintage", "source_id"]
SOURCE_COLUMNS = list(data.FILES["sources"][1].columns)


@dataclass
class Fetched:
    """What one fetch brought, held in the work folder until the update path writes it."""

    updates: list[Path] = field(default_factory=list)
    report: list[str] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)
    flat_files: list[flat.FlatFile] = field(default_factory=list)
    new: int = 0

    def keep(self, directory: Path) -> None:
        """Each new flat file, and a snapshot of every API answer, beside the tables."""
        if self.flat_files:
            flat.keep(self.flat_files, directory)
        if not self.answers:
            return
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
                "(getMetadata); correct it in the list"
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
            fetched.report.append(
                f"renamed  {series.code}: the catalogue names it {name!r}; {series.label} has "
                f"{series.name!r} (the list is not changed: check it)"
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


def fetch(current: Path, workdir: Path, client: Client) -> Fetched:
    """The API route, up to the update files in `workdir`; writes nothing to `current`.
    Monthly series only (the regional quarterly ones come from the flat file)."""
    fetched = Fetched()
    client.on_answer = fetched.answers.append
    listed = [s for s in series_list.read(current) if s.frequency == "M"]
    check_metadata(listed, client, fetched)
    retrieved = datetime.now(UTC).date().isoformat()
    answers = fetch_values(listed, client)
    sources = set(read_raw(current / "sources.csv", "sources.csv")["id"].str.strip())
    known = flat.recorded(current, "boj_monthly")
    rows = convert.convert(answers, known, sources, client.base_url, retrieved)
    head = [
        f"Bank of Japan API at {client.base_url}: {len(listed)} monthly series, "
        f"{len(rows.rows)} new or revised value(s) "
        f"(LAST_UPDATE {', '.join(sorted(rows.last_updates)) or 'unchanged'}), "
        f"{rows.unchanged} unchanged, {rows.empty} empty",
    ]
    if rows.latest_period:
        head.append(f"latest month fetched: {rows.latest_period}")
    fetched.report = head + fetched.report + [""]
    fetched.new = len(rows.rows)
    if rows.sources:
        fetched.updates.append(
            flat.write_rows(
                list(rows.sources.values()), SOURCE_COLUMNS, workdir / "boj-sources.csv"
            )
        )
    if rows.rows:
        fetched.updates.append(
            flat.write_rows(rows.rows, VALUE_COLUMNS, workdir / "boj-api-monthly.csv")
        )
    return fetched


def read_flat(paths: list[Path], base_url: str, timeout: float, listed) -> list[flat.FlatFile]:
    """Local copies (each recognised by its member), or both files downloaded, read and checked."""
    files = []
    if paths:
        for path in paths:
            body, label, retrieved = flat.local(path)
            obtained = f"local copy {path.resolve()}"
            files.append(flat.read(body, str(path), listed, obtained, retrieved))
        return files
    downloaded = [(kind, *flat.download(base_url, kind.stem, timeout)) for kind in FLAT_KINDS]
    for kind, body, url, retrieved in downloaded:
        files.append(flat.read(body, url, listed, url, retrieved, expected=kind))
    return files


def fetch_flat(current: Path, workdir: Path, paths: list[Path], timeout: float) -> Fetched:
    """The flat-file route, up to the update files in `workdir`; writes nothing to `current`."""
    listed = series_list.read(current)
    base_url = os.environ.get("BOJ_FLAT_URL") or flat.OFFICIAL_URL
    files = read_flat(paths, base_url, timeout, listed)
    imported = flat.compare(files, current)
    fetched = Fetched(report=[*imported.report, ""])
    fetched.updates = flat.update_files(imported, workdir)
    fetched.new = sum(len(rows) for rows in imported.rows.values())
    fetched.flat_files = imported.kept
    return fetched


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="digideficit fetch", description=__doc__)
    parser.add_argument(
        "files",
        nargs="*",
        type=Path,
        help="local copies of bp_m_en.zip / regbp_q_en.zip (default: download both)",
    )
    parser.add_argument(
        "--source",
        choices=["flat", "api"],
        default="flat",
        help="the BOJ's flat files (default) or its Time-Series API",
    )
    parser.add_argument("--dry-run", action="store_true", help="show the changes, write nothing")
    parser.add_argument("--no-build", action="store_true", help="write data/ but do not rebuild")
    parser.add_argument("--pause", type=float, default=1.0, help="seconds between API requests")
    parser.add_argument("--retry-wait", type=float, default=10.0, help="first wait after a 503")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds to wait per answer")
    args = parser.parse_args(argv)
    if args.source == "api" and args.files:
        parser.error("files are read by the flat-file route, not with --source api")
    current = data_dir()
    with tempfile.TemporaryDirectory() as workdir:
        work = Path(workdir)
        try:
            if args.source == "api":
                client = Client(
                    base_url=os.environ.get("BOJ_API_URL") or OFFICIAL_URL,
                    pause=args.pause,
                    retry_wait=args.retry_wait,
                    timeout=args.timeout,
                )
                fetched = fetch(current, work, client)
            else:
                fetched = fetch_flat(current, work, args.files, args.timeout)
        except (FetchError, DataValidationError, convert.ConversionError) as err:
            print(
                f"FETCH FAILED — data/ and the published site are unchanged.\n{err}",
                file=sys.stderr,
            )
            return 1
        print("\n".join(fetched.report))
        if not fetched.new:
            print("nothing new: every value is already in data/; nothing written")
            return 0
        return update.run(
            fetched.updates,
            work,
            dry_run=args.dry_run,
            build=not args.no_build,
            also_write=fetched.keep,
            command="FETCH",
        )


if __name__ == "__main__":
    sys.exit(main())
