"""The Bank of Japan's flat files (`bp_m_en.zip`, `regbp_q_en.zip`) as rows of boj_monthly.csv
and boj_quarterly.csv.

A file is read whole and checked before anything is written: the zip opens, holds its member,
the header is four empty cells and then consecutive months (or quarters), every row is as wide
as the header, every series of data/boj_series.csv of that frequency is there in 100 million
yen, and each value is a number, empty or `NA`. The file's date (its member's date in the zip)
is the vintage of its values. Only values that are new, or differ from the latest vintage
already in data/ (up to the file's date), become rows; a revised period keeps its old row.
"""

from __future__ import annotations

import csv
import hashlib
import http.client
import io
import re
import urllib.error
import urllib.request
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from digideficit.sources.fetch.boj_api import USER_AGENT, FetchError
from digideficit.sources.fetch.series_list import Series
from digideficit.validated import official
from digideficit.validated.schema import read_raw

OFFICIAL_URL = "https://www.stat-search.boj.or.jp/info/"
PAGE = "https://www.stat-search.boj.or.jp/info/dload_en.html"
RAW = Path("raw") / "boj"
MANIFEST = "manifest.csv"
MANIFEST_COLUMNS = ["file", "official_url", "file_date", "sha256", "obtained_from", "retrieved"]
UNIT = "100 million Yen"
NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


@dataclass(frozen=True)
class Kind:
    """One of the BOJ's flat files."""

    stem: str  # bp_m_en
    frequency: str  # M or Q
    table: str  # the data file its values extend
    title: str  # the title of its rows in sources.csv

    @property
    def zip_name(self) -> str:
        return f"{self.stem}.zip"

    @property
    def member(self) -> str:
        return f"{self.stem}.csv"

    @property
    def url(self) -> str:
        return OFFICIAL_URL + self.zip_name

    def source_id(self, file_date: str) -> str:
        return f"boj-{self.stem.replace('_', '-')}-{file_date}"

    def stored_name(self, file_date: str) -> str:
        """The name of the copy kept in data/raw/boj: one file per vintage."""
        return f"{self.stem}-{file_date}.zip"


KINDS = {
    kind.member: kind
    for kind in (
        Kind(
            "bp_m_en",
            "M",
            "boj_monthly",
            "Balance of Payments (Data Based on the BPM6), monthly, all BP01 series, "
            "100 million yen",
        ),
        Kind(
            "regbp_q_en",
            "Q",
            "boj_quarterly",
            "Regional Balance of Payments (Quarterly) (BPM6): services by partner economy, "
            "100 million yen",
        ),
    )
}
BY_STEM = {kind.stem: kind for kind in KINDS.values()}


class FlatFileError(FetchError):
    """A flat file that cannot be imported; the message names the file, row and column."""


@dataclass
class FlatFile:
    """One flat file, read and checked."""

    kind: Kind
    label: str  # where it was read from (a path or a URL)
    body: bytes  # the zip as received
    file_date: str  # YYYY-MM-DD
    obtained_from: str
    retrieved: str
    values: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # code → (period, text)
    renamed: list[str] = field(default_factory=list)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.body).hexdigest()

    @property
    def source_id(self) -> str:
        return self.kind.source_id(self.file_date)

    @property
    def stored_name(self) -> str:
        return self.kind.stored_name(self.file_date)

    def span(self) -> tuple[str, str]:
        periods = [p for rows in self.values.values() for p, _v in rows]
        return (min(periods), max(periods)) if periods else ("", "")


# reading


def download(base_url: str, stem: str, timeout: float = 120.0) -> tuple[bytes, str, str]:
    """(the zip, its URL, when it was retrieved): one request, a User-Agent naming the report."""
    url = f"{base_url.rstrip('/')}/{stem}.zip"
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
    except urllib.error.HTTPError as err:
        raise FlatFileError(
            f"{url}: HTTP {err.code} {err.reason} — the file was not served. Check "
            f"BOJ_FLAT_URL (default {OFFICIAL_URL}) or try again later"
        ) from err
    except urllib.error.URLError as err:
        raise FlatFileError(unreachable(url, err.reason)) from err
    except TimeoutError as err:
        raise FlatFileError(unreachable(url, err)) from err
    except (ConnectionError, OSError, http.client.HTTPException) as err:
        raise FlatFileError(
            f"{url}: the connection broke off before the file was complete ({err!r}); "
            "try again later"
        ) from err
    return body, url, datetime.now(UTC).isoformat(timespec="seconds")


def unreachable(url: str, reason) -> str:
    if isinstance(reason, TimeoutError):
        return f"{url}: no answer in time ({reason}); try again later"
    if isinstance(reason, ConnectionRefusedError):
        return (
            f"{url}: connection refused. Is BOJ_FLAT_URL right (default {OFFICIAL_URL}), and "
            "does this machine have network access?"
        )
    return f"{url}: cannot reach the server ({reason}). Check BOJ_FLAT_URL and the network"


def local(path: Path) -> tuple[bytes, str, str]:
    """(the zip, where it came from, when it was read) for a copy on disk."""
    if not path.is_file():
        raise FlatFileError(f"{path}: file not found")
    return path.read_bytes(), str(path), datetime.now(UTC).isoformat(timespec="seconds")


def open_zip(body: bytes, label: str, expected: Kind | None) -> tuple[Kind, str, str]:
    """(which file it is, its member's date YYYY-MM-DD, the member's text)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(body))
        names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise FlatFileError(
            f"{label}: not a readable zip file ({err}) — corrupt or cut short"
        ) from err
    members = [n for n in names if n in KINDS]
    if expected is not None and expected.member not in names:
        raise FlatFileError(
            f"{label}: the zip holds no {expected.member} "
            f"(it holds {', '.join(names) or 'nothing'})"
        )
    if expected is None and len(members) != 1:
        raise FlatFileError(
            f"{label}: the zip holds {'none' if not members else 'more than one'} of "
            f"{', '.join(KINDS)} (it holds {', '.join(names) or 'nothing'})"
        )
    kind = expected or KINDS[members[0]]
    info = archive.getinfo(kind.member)
    try:
        raw = archive.read(kind.member)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as err:
        raise FlatFileError(
            f"{label}: {kind.member} cannot be read ({err}) — a corrupt zip"
        ) from err
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise FlatFileError(f"{label}: {kind.member} is not UTF-8 text ({err})") from err
    year, month, day = info.date_time[:3]
    try:
        file_date = date(year, month, day).isoformat()
    except ValueError as err:
        raise FlatFileError(f"{label}: {kind.member} has no valid date ({err})") from err
    return kind, file_date, text


def header_periods(header: list[str], where: str, frequency: str) -> list[str]:
    """The periods of the header's columns: four empty cells, then consecutive months
    (`YYYYMM`) or quarters (`YYYY0q`), as YYYY-MM or YYYY-Qn."""
    if len(header) < 5 or any(cell.strip() for cell in header[:4]):
        raise FlatFileError(
            f"{where}, row 1, columns 1-4: the header should start with four empty cells "
            f"(found {header[:4]!r}) — the layout of the file has changed"
        )
    form = r"^(\d{4})(0[1-9]|1[0-2])$" if frequency == "M" else r"^(\d{4})0([1-4])$"
    steps = 12 if frequency == "M" else 4
    periods, previous = [], None
    for column, cell in enumerate(header[4:], start=5):
        found = re.match(form, cell.strip())
        count = int(found[1]) * steps + int(found[2]) - 1 if found else None
        if count is None or (previous is not None and count != previous + 1):
            expected = "YYYYMM" if frequency == "M" else "YYYY0q"
            raise FlatFileError(
                f"{where}, row 1, column {column}: header {cell!r} is not the "
                f"{'month' if frequency == 'M' else 'quarter'} after {header[column - 2]!r} "
                f"({expected}, consecutive) — the layout of the file has changed"
            )
        previous = count
        year, part = divmod(count, steps)
        periods.append(f"{year}-{part + 1:02d}" if frequency == "M" else f"{year}-Q{part + 1}")
    return periods


def read(
    body: bytes,
    label: str,
    listed: list[Series],
    obtained_from: str,
    retrieved: str,
    expected: Kind | None = None,
) -> FlatFile:
    """The file, checked, with the values of the listed series of its frequency."""
    kind, file_date, text = open_zip(body, label, expected)
    where = f"{label} ({kind.member})"
    rows = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(rows)
    except StopIteration:
        raise FlatFileError(f"{where}: the file is empty") from None
    periods = header_periods(header, where, kind.frequency)
    wanted = {s.code: s for s in listed if s.db == "BP01" and s.frequency == kind.frequency}
    flat = FlatFile(kind, label, body, file_date, obtained_from, retrieved)
    seen: dict[str, int] = {}
    for number, row in enumerate(rows, start=2):
        if not row:
            continue
        if len(row) != len(header):
            raise FlatFileError(
                f"{where}, row {number} ({row[0]}): {len(row)} cells, the header has "
                f"{len(header)} — a truncated or malformed file"
            )
        for period, cell in zip(periods, row[4:], strict=True):
            if cell and cell != "NA" and not NUMBER.match(cell):
                raise FlatFileError(
                    f"{where}, row {number} ({row[0]}), column {period}: {cell!r} is not a "
                    "number (nor empty or NA)"
                )
        code = row[0].strip()
        if code not in wanted:
            continue
        seen[code] = number
        series = wanted[code]
        if row[3].strip() != UNIT:
            raise FlatFileError(
                f"{where}, row {number} ({code}), column unit: {row[3]!r}, not {UNIT!r}"
            )
        if row[2].strip() != series.name:
            flat.renamed.append(
                f"renamed  {code}: the file names it {row[2].strip()!r}; {series.label} has "
                f"{series.name!r} (the list is not changed: check it)"
            )
        flat.values[code] = [
            (period, cell)
            for period, cell in zip(periods, row[4:], strict=True)
            if cell not in ("", "NA")
        ]
    missing = [s for code, s in wanted.items() if code not in seen]
    if missing:
        raise FlatFileError(
            f"{where}: no row for {missing[0].code} ({missing[0].label})"
            + (f" nor {len(missing) - 1} other listed series" if len(missing) > 1 else "")
            + " — the file is incomplete or the code has changed"
        )
    flat.values = {code: flat.values[code] for code in wanted}  # in the list's order
    return flat


# comparing with data/


@dataclass
class Imported:
    """What the files bring: new rows per table and source rows, and what to keep."""

    rows: dict[str, list[dict]] = field(default_factory=dict)
    sources: list[dict] = field(default_factory=list)
    kept: list[FlatFile] = field(default_factory=list)
    report: list[str] = field(default_factory=list)


def recorded(directory: Path, table: str) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """(code, period) → [(vintage, value as written)], oldest vintage first."""
    filename = official.FILES[table][0]
    frame = read_raw(directory / filename, filename)
    known: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for code, period, value, vintage in zip(
        frame["code"], frame["period"], frame["value"], frame["vintage"], strict=True
    ):
        known.setdefault((code.strip(), period.strip()), []).append((vintage.strip(), value))
    for versions in known.values():
        versions.sort()
    return known


def new_rows(flat: FlatFile, known: dict[tuple[str, str], list[tuple[str, str]]]) -> list[dict]:
    """The file's values that are new or differ from the latest vintage up to its date."""
    rows = []
    for code, values in flat.values.items():
        for period, text in values:
            before = [(v, x) for v, x in known.get((code, period), []) if v <= flat.file_date]
            if before and Decimal(before[-1][1]) == Decimal(text):
                continue
            if before and before[-1][0] == flat.file_date:
                raise FlatFileError(
                    f"{flat.label} ({flat.kind.member}), {code}, column {period}: {text} but "
                    f"data/ already holds {before[-1][1]} of the same vintage {flat.file_date} — "
                    "two different files of the same date"
                )
            rows.append(
                {
                    "code": code,
                    "period": period,
                    "value": text,
                    "vintage": flat.file_date,
                    "source_id": flat.source_id,
                }
            )
    return rows


def source_row(flat: FlatFile) -> dict:
    first, last = flat.span()
    return {
        "id": flat.source_id,
        "publisher": "Bank of Japan",
        "publisher_ja": "日本銀行",
        "title": flat.kind.title,
        "date": flat.file_date,
        "accessed": flat.retrieved[:10],
        "url": flat.kind.url,
        "kind": "official",
        "note": f"file of {flat.file_date} ({first} to {last}), from the Bank of Japan's "
        f"flat-files page ({PAGE}); copy obtained from {flat.obtained_from}; imported by "
        f"make fetch on "
        f"{flat.retrieved[:10]}; kept byte for byte in data/{RAW.as_posix()}/{flat.stored_name}",
        # the Japanese edition's note: the same file, without where the project keeps it
        "note_ja": f"{flat.file_date}付のファイル（{first}～{last}）。日本銀行の一括ダウンロードの"
        f"ページ（{PAGE}）から{flat.retrieved[:10]}に取得したもの（取得元：{flat.obtained_from}）。",
    }


def manifest(directory: Path) -> list[dict]:
    path = directory / RAW / MANIFEST
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def compare(files: list[FlatFile], directory: Path) -> Imported:
    """The rows each file adds to data/ in `directory` (written nowhere yet)."""
    imported = Imported()
    kept = {row["file"]: row["sha256"] for row in manifest(directory)}
    sources = set(read_raw(directory / "sources.csv", "sources.csv")["id"].str.strip())
    knowns: dict[str, dict] = {}
    for flat in sorted(files, key=lambda f: (f.kind.stem, f.file_date)):
        table = flat.kind.table
        known = knowns.setdefault(table, recorded(directory, table))
        rows = new_rows(flat, known)
        for row in rows:  # a second file of the same kind compares with this one
            known.setdefault((row["code"], row["period"]), []).append(
                (row["vintage"], row["value"])
            )
            known[(row["code"], row["period"])].sort()
        stored = kept.get(flat.stored_name)
        if stored and stored != flat.sha256:
            raise FlatFileError(
                f"{flat.label} ({flat.kind.member}): a different file of the same date "
                f"{flat.file_date} is already kept as data/{RAW.as_posix()}/{flat.stored_name} "
                f"(SHA-256 {stored[:12]}…, this one {flat.sha256[:12]}…)"
            )
        imported.rows.setdefault(table, []).extend(rows)
        imported.report += describe(flat, rows)
        if rows:
            if flat.source_id not in sources:
                imported.sources.append(source_row(flat))
                sources.add(flat.source_id)
            if not stored:
                imported.kept.append(flat)
    return imported


def describe(flat: FlatFile, rows: list[dict]) -> list[str]:
    """The file, its date, how many values it holds and brings, and each series' latest
    period (grouped: most series end together)."""
    latest = Counter()
    for values in flat.values.values():
        if values:
            latest[values[-1][0]] += 1
    ends = ", ".join(f"{period} ({count} series)" for period, count in sorted(latest.items()))
    count = sum(len(v) for v in flat.values.values())
    lines = [
        f"{flat.kind.member} of {flat.file_date} from {flat.label}: {len(flat.values)} listed "
        f"series, {count} values, {len(rows)} new or revised",
        f"  latest {'month' if flat.kind.frequency == 'M' else 'quarter'} per series: {ends}",
    ]
    return lines + [f"  {line}" for line in flat.renamed]


# writing (after update.run has written the tables)


def keep(files: list[FlatFile], directory: Path) -> None:
    """Each new file byte for byte in data/raw/boj, with its row in the manifest."""
    folder = directory / RAW
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / MANIFEST
    new_manifest = not path.exists()
    if not new_manifest:
        text = path.read_text(encoding="utf-8")
        if text and not text.endswith("\n"):
            path.write_text(text + "\n", encoding="utf-8")
    with path.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=MANIFEST_COLUMNS, lineterminator="\n")
        if new_manifest:
            writer.writeheader()
        for flat in files:
            (folder / flat.stored_name).write_bytes(flat.body)
            writer.writerow(
                {
                    "file": flat.stored_name,
                    "official_url": flat.kind.url,
                    "file_date": flat.file_date,
                    "sha256": flat.sha256,
                    "obtained_from": flat.obtained_from,
                    "retrieved": flat.retrieved,
                }
            )


def write_rows(rows: list[dict], columns: list[str], path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def update_files(imported: Imported, workdir: Path) -> list[Path]:
    """The new rows as update files in the tidy format, for the update path."""
    paths = []
    if imported.sources:
        columns = list(imported.sources[0])
        paths.append(write_rows(imported.sources, columns, workdir / "boj-flat-sources.csv"))
    for table, rows in imported.rows.items():
        if rows:
            columns = ["code", "period", "value", "vintage", "source_id"]
            paths.append(write_rows(rows, columns, workdir / f"boj-flat-{table}.csv"))
    return paths
