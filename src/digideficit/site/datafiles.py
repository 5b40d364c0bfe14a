"""The data page: every data file with its rows, the period it covers, the date of its most
recent figure and how many sources it cites, each downloadable, and all of them with
`datapackage.json` as one zip. Written into the staged book at each build (it describes the
data the build read), like the build-health page."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pandas as pd
import yaml

from digideficit.paths import data_dir
from digideficit.validated import data

PAGE = "data-files"
ZIP = "japans-digital-trade-deficit-data.zip"
# where the files are served from (not `data`: the book's exclude_patterns skip any folder of
# that name, static files included)
FILES_DIR = "data-files"
# a fixed timestamp inside the zip: the same data gives the same file, build after build
ZIP_TIME = (2000, 1, 1, 0, 0, 0)

# per file: the columns giving the period each row is about, and the source column
PERIOD_COLUMNS = {
    "digital_services": "period",
    "context": "period",
    "projections": "target_year",
    "events": "date",
    "sources": "date",
    "boj_monthly": "period",
    "boj_quarterly": "period",
}


def rows_in(filename: str) -> int:
    """Data rows as the file holds them (the loaded tables also carry what the build adds)."""
    with (data_dir() / filename).open(encoding="utf-8") as handle:
        return max(sum(1 for line in handle if line.strip()) - 1, 0)


def period_covered(frame: pd.DataFrame, column: str | None) -> str:
    if column is None or column not in frame or frame[column].dropna().empty:
        return "—"
    values = sorted(str(v) for v in frame[column].dropna())
    return values[0] if values[0] == values[-1] else f"{values[0]} to {values[-1]}"


def summary(tables: data.Tables | None = None) -> list[dict]:
    """One row per data file, in the order `data.FILES` lists them."""
    tables = tables or data.load()
    dates = tables.sources.set_index("id")["date"].astype(str)
    described = {
        r["path"]: r.get("title", "")
        for r in json.loads((data_dir() / "datapackage.json").read_text(encoding="utf-8"))[
            "resources"
        ]
    }
    rows = []
    for table, (filename, _spec) in data.FILES.items():
        frame = getattr(tables, table)
        if table in ("digital_services", "context"):
            # the months of the Bank of Japan's file stand in these tables once loaded
            frame = frame[~frame["source_id"].isin(set(tables.boj_monthly["source_id"]))]
        if "source_id" in frame:
            cited = frame["source_id"].dropna().astype(str)
            latest = dates.reindex(cited.unique()).dropna()
        elif "id" in frame:  # the sources file itself
            cited = frame["id"].astype(str)
            latest = frame["date"].astype(str)
        else:  # the list of official series cites no source: it is a catalogue
            cited = pd.Series([], dtype=str)
            latest = cited
        rows.append(
            {
                "file": filename,
                "title": described.get(filename, ""),
                "rows": rows_in(filename),
                "period": period_covered(frame, PERIOD_COLUMNS.get(table)),
                "latest": max(latest) if len(latest) else "—",
                "sources": cited.nunique(),
            }
        )
    return rows


def write_zip(target: Path) -> Path:
    """Every data file and `datapackage.json`, in a zip that is the same for the same data."""
    target.mkdir(parents=True, exist_ok=True)
    path = target / ZIP
    names = [filename for filename, _spec in data.FILES.values()] + ["datapackage.json"]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            info = zipfile.ZipInfo(f"data/{name}", date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, (data_dir() / name).read_bytes())
    return path


def markdown(rows: list[dict], zip_size: int) -> str:
    lines = [
        "# Data files",
        "",
        "Every figure in this report is computed from these files when the report is built.",
        "Each row cites its source by `source_id` (listed in `sources.csv`); "
        "`datapackage.json` documents every column and unit.",
        "",
        # plain links: these are files served as they are, not pages of the book
        f'<a class="dd-data-zip" href="_static/downloads/{ZIP}" download>Download all the '
        f"data and <code>datapackage.json</code> (zip, {zip_size / 1024:.0f} KB)</a>",
        "",
        "| file | what it holds | rows | period covered | most recent figure published "
        "| sources cited |",
        "|---|---|--:|---|---|--:|",
    ]
    for row in rows:
        lines.append(
            f'| <a href="_static/{FILES_DIR}/{row["file"]}" download>'
            f"<code>{row['file']}</code></a> | {row['title']} | {row['rows']} "
            f"| {row['period']} | {row['latest']} | {row['sources']} |"
        )
    lines += [
        "",
        "The period is the one the figures are about (for projections, the target years; "
        "for events and sources, their dates). The most recent figure published is the "
        "latest publication date among the sources a file's rows cite.",
        "",
    ]
    return "\n".join(lines)


def add_to_book(stage_src: Path) -> list[dict]:
    """Writes the page, the files and the zip into the staged book, and lists the page
    under "About the numbers" (the last part of the table of contents)."""
    rows = summary()
    files = stage_src / "_static" / FILES_DIR
    files.mkdir(parents=True, exist_ok=True)
    for row in rows:
        (files / row["file"]).write_bytes((data_dir() / row["file"]).read_bytes())
    archive = write_zip(stage_src / "_static" / "downloads")
    (stage_src / f"{PAGE}.md").write_text(markdown(rows, archive.stat().st_size), encoding="utf-8")
    toc_path = stage_src / "_toc.yml"
    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8"))
    toc["parts"][-1]["chapters"].append({"file": PAGE})
    toc_path.write_text(yaml.safe_dump(toc, sort_keys=False), encoding="utf-8")
    return rows
