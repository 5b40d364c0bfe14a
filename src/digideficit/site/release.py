"""`make release`: the built site as one archive named by its edition, for keeping or
publishing elsewhere, with what it was built from.

`_build/release/` receives:

- `digideficit-<edition date>.tar.gz` — the built site (`_build/html`). The same site gives
  the same bytes: entries sorted, every timestamp the edition's date, owner and group 0 with
  no names, permissions 644 for files and 755 for folders, no time or name in the gzip header.
- `digideficit-<edition date>.tar.gz.sha256` — its SHA-256, as `sha256sum --check` reads it.
- `manifest.json` — the edition (date, latest month, labels), every data file with its
  SHA-256 and size, and the archive's name, SHA-256 and size.
"""

from __future__ import annotations

import argparse
import calendar
import gzip
import hashlib
import io
import json
import sys
import tarfile
from pathlib import Path

from digideficit.analysis import edition
from digideficit.paths import BUILD_DIR, SITE_DIR, data_dir
from digideficit.validated import data

RELEASE_DIR = BUILD_DIR / "release"
PREFIX = "digideficit"


class ReleaseError(RuntimeError):
    """The release cannot be made; the message says why."""


def archive_name(named: edition.Edition) -> str:
    return f"{PREFIX}-{named.date}.tar.gz"


def timestamp(named: edition.Edition) -> int:
    """The edition's date at midnight UTC, as seconds: every entry's modification time."""
    year, month, day = (int(part) for part in named.date.split("-"))
    return calendar.timegm((year, month, day, 0, 0, 0))


def site_archive(site: Path, top: str, mtime: int) -> bytes:
    """The folder `site` as a gzipped tar whose bytes depend only on the files' names and
    contents (and `top`, the folder the entries unpack into, and `mtime`)."""
    buffer = io.BytesIO()
    with (
        gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0) as zipped,
        tarfile.open(fileobj=zipped, mode="w", format=tarfile.PAX_FORMAT) as archive,
    ):
        paths = sorted(site.rglob("*"), key=lambda p: p.relative_to(site).as_posix())
        for path in [site, *paths]:
            relative = path.relative_to(site).as_posix()
            info = tarfile.TarInfo(top if relative == "." else f"{top}/{relative}")
            info.mtime = mtime
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            if path.is_dir():
                info.type, info.mode = tarfile.DIRTYPE, 0o755
                archive.addfile(info)
            elif path.is_file():
                body = path.read_bytes()
                info.size, info.mode = len(body), 0o644
                archive.addfile(info, io.BytesIO(body))
            else:
                raise ReleaseError(f"{path}: neither a file nor a folder; cannot archive it")
    return buffer.getvalue()


def sha256(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def data_files(directory: Path) -> list[dict]:
    """Every file under data/ (the tables, datapackage.json and the kept raw files)."""
    return [
        {
            "file": f"data/{path.relative_to(directory).as_posix()}",
            "sha256": sha256(path.read_bytes()),
            "bytes": path.stat().st_size,
        }
        for path in sorted(directory.rglob("*"), key=lambda p: p.relative_to(directory).as_posix())
        if path.is_file()
    ]


def make(
    site: Path = SITE_DIR,
    target: Path = RELEASE_DIR,
    tables: data.Tables | None = None,
    directory: Path | None = None,
) -> Path:
    """Writes the archive, its checksum and the manifest into `target`; returns the manifest."""
    if not (site / "index.html").exists():
        raise ReleaseError(f"no built site in {site}: run `make book` first")
    directory = directory or data_dir()
    named = edition.edition(tables if tables is not None else data.load(directory))
    name = archive_name(named)
    body = site_archive(site, name.removesuffix(".tar.gz"), timestamp(named))
    digest = sha256(body)
    target.mkdir(parents=True, exist_ok=True)
    (target / name).write_bytes(body)
    (target / f"{name}.sha256").write_text(f"{digest}  {name}\n", encoding="utf-8")
    manifest = {
        "edition": {
            "date": named.date,
            "latest_month": named.latest_month,
            "label": named.label("en"),
            "label_ja": named.label("ja"),
        },
        "site": {"file": name, "sha256": digest, "bytes": len(body)},
        "data": data_files(directory),
    }
    path = target / "manifest.json"
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="digideficit release", description=__doc__)
    parser.parse_args(argv)
    try:
        manifest = make()
    except ReleaseError as err:
        print(f"RELEASE FAILED: {err}", file=sys.stderr)
        return 1
    written = json.loads(manifest.read_text(encoding="utf-8"))
    print(
        f"{RELEASE_DIR / written['site']['file']}: {written['edition']['label']}, "
        f"{written['site']['bytes']:,} bytes, SHA-256 {written['site']['sha256']}\n"
        f"{manifest}: {len(written['data'])} data files with their SHA-256"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
