"""The data page: the digital balance as one annual and one monthly series (tidy CSV, in
¥100 million, derived from the Bank of Japan's months), and every data file with its rows,
the period it covers, the date of its most recent figure and how many sources it cites,
each downloadable, and all of them with `datapackage.json` as one zip. Written into the
staged book at each build (it describes the data the build read), like the build-health
page. A reader page: files are named by what they hold (their names, and how to rebuild
from them, are in the "Reproduce this report" appendix).

Each book has the page in its language (`WORDS`, `TITLES_JA`); the files are the same."""

from __future__ import annotations

import json
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import pandas as pd
import yaml

from digideficit.analysis import official, series, wording
from digideficit.analysis import quantities as q
from digideficit.paths import data_dir
from digideficit.validated import data
from digideficit.validated import definitions as d

PAGE = "data-files"
ZIP = "japans-digital-trade-deficit-data.zip"
# where the files are served from (not `data`: the book's exclude_patterns skip any folder of
# that name, static files included)
FILES_DIR = "data-files"
# a fixed timestamp inside the zip: the same data gives the same file, build after build
ZIP_TIME = (2000, 1, 1, 0, 0, 0)

# the digital balance as two tidy series, served beside the data files
ANNUAL = "japan-digital-balance-annual.csv"
MONTHLY = "japan-digital-balance-monthly.csv"
SERIES_COLUMNS = ["item", "flow", "basis", "value", "unit", "vintage", "source"]
SERIES_UNIT = "¥100 million"
# data files whose own title would read oddly to a reader, named here by what they hold
READER_TITLES = {
    "claims.csv": "Claims ledger: checkable statements of the articles the report reviews",
}
# every data file by what it holds, in Japanese (the English titles are datapackage.json's)
TITLES_JA = {
    "sources.csv": "出典一覧：各データ行が引用する出典",
    "digital_services.csv": (
        "日本のデジタル関連サービス：項目別・集計基準別の受取・支払・収支（公表値）"
    ),
    "context.csv": "比較に用いる経済指標（経常収支、名目GDPなど）",
    "projections.csv": "公表されたデジタル赤字の将来推計（マイナスは赤字）",
    "events.csv": "政策・通商・企業の出来事（日付と出典付き）",
    "claims.csv": "主張台帳：本報告が検証する記事の、確かめられる記述",
    "international.csv": "諸外国のデジタル関連・ICTサービス収支（各出典の定義による）",
    "boj_series.csv": "本報告が用いる日本銀行の系列とその正式名称",
    "boj_monthly.csv": "日本銀行「国際収支統計」（月次）：本報告が用いる公表値",
    "boj_quarterly.csv": (
        "日本銀行「地域別国際収支」（四半期）：デジタル関連項目の相手国・地域別の公表値"
    ),
}
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
    # a whole year read as a float (a column with gaps) is shown as the year: 2030, not 2030.0
    values = sorted(
        str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)
        for v in frame[column].dropna()
    )
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


def in_100m_exact(value_text: str) -> str:
    """¥ trillion written exactly → ¥100 million (億円), every digit kept: '-6892.88263'."""
    text = format(Decimal(value_text).scaleb(4).normalize(), "f")
    return "0" if text in ("-0", "") else text


# how a derived figure of the series files is computed from the Bank of Japan's months
DERIVED = {
    ("year", False): "sum of the 12 months",
    ("year", True): "sum of the basis's items, each the sum of its 12 months",
    ("month", True): "sum of the basis's items",
}


def item_name(key: str) -> str:
    return "digital total" if key == "digital_total" else d.ITEMS[key].short_name


def series_rows(frame: pd.DataFrame, period: str) -> pd.DataFrame:
    """Rows of `official.digital_rows` as the tidy series files hold them: the period, the
    item (its short official name), flow, basis (of a total; empty for an item), the value
    in ¥100 million with every digit, its unit, the date of the Bank of Japan's file it
    comes from, and its source."""
    total = frame["item"] == "digital_total"
    published = frame["publisher"] + ", " + frame["source_title"].str.split(",").str[0]
    how = [DERIVED.get((period, bool(t)), "") for t in total]
    source = [
        f"derived from the {p.replace('Bank of Japan, ', 'Bank of Japan’s ')}: {h}"
        if derived
        else p
        for p, h, derived in zip(published, how, frame["source_id"] == "derived", strict=True)
    ]
    rows = pd.DataFrame(
        {
            period: frame["year"].astype(int) if period == "year" else frame["period"],
            "item": [item_name(key) for key in frame["item"]],
            "flow": frame["flow"],
            "basis": frame["item_basis"].where(total, ""),
            "value": [in_100m_exact(v) for v in frame["value_text"]],
            "unit": SERIES_UNIT,
            "vintage": frame["source_date"].astype(str),
            "source": source,
        }
    )
    order = {key: n for n, key in enumerate(d.ITEMS)}
    flows = {flow: n for n, flow in enumerate(d.FLOWS)}
    keys = pd.DataFrame(
        {"item": [order[k] for k in frame["item"]], "flow": frame["flow"].map(flows)}
    )
    ranked = rows.assign(_item=keys["item"].to_numpy(), _flow=keys["flow"].to_numpy())
    return (
        ranked.sort_values([period, "_item", "basis", "_flow"], kind="stable")
        .drop(columns=["_item", "_flow"])
        .reset_index(drop=True)
    )


def annual_series(tables: data.Tables | None = None) -> pd.DataFrame:
    """Every calendar year the Bank of Japan's months complete: each item's receipts,
    payments and balance, and each basis's total, in ¥100 million."""
    rows = official.digital_rows(tables or data.load())
    years = rows[(rows["period_type"] == "CY") & (rows["source_id"] == "derived")]
    years = years[(years["item_basis"] == "item") | years["item_basis"].isin(d.DISTINCT_BASES)]
    return series_rows(years, "year")


def monthly_series(tables: data.Tables | None = None) -> pd.DataFrame:
    """Every month of the Bank of Japan's file: each item's receipts, payments and balance
    as published, and each basis's total (the sum of its items), in ¥100 million."""
    rows = official.digital_rows(tables or data.load())
    months = rows[(rows["period_type"] == "M") & (rows["source_kind"] == "official")]
    months = months[months["item_basis"] == "item"]
    totals = [
        series.monthly_totals(rows, basis, flow) for basis in d.DISTINCT_BASES for flow in d.FLOWS
    ]
    return series_rows(pd.concat([months, *totals], ignore_index=True), "month")


def write_series(target: Path, tables: data.Tables | None = None) -> dict[str, Path]:
    """The annual and the monthly series files, in `target`."""
    target.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, frame in ((ANNUAL, annual_series(tables)), (MONTHLY, monthly_series(tables))):
        frame.to_csv(target / name, index=False, lineterminator="\n")
        written[name] = target / name
    return written


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


def kb(size: int) -> str:
    return f"{max(size / 1024, 1):,.0f} KB"


def period_words(text: str, lang: str) -> str:
    """A period or date as `summary` gives it ('2014 to FY2025', '2026-04'), in `lang`."""
    if lang == "en" or text == "—":
        return text
    first, _to, last = text.partition(" to ")
    return wording.span(q.Span(first, last or first), lang)


def markdown(
    rows: list[dict],
    zip_size: int,
    series_sizes: dict[str, int] | None = None,
    lang: str = "en",
) -> str:
    words = WORDS[wording.checked(lang)]
    series_sizes = series_sizes or {}
    lines = [
        f"# {words['title']}",
        "",
        *words["intro"],
        "",
        f"## {words['series']}",
        "",
        words["series_how"],
        "",
    ]
    for name, label in ((ANNUAL, words["annual"]), (MONTHLY, words["monthly"])):
        if name in series_sizes:
            # plain links: these are files served as they are, not pages of the book
            lines.append(
                f'- <a class="dd-series" href="_static/{FILES_DIR}/{name}" download>'
                + words["series_link"].format(label=label, size=kb(series_sizes[name]))
                + "</a>"
            )
    lines += [
        "",
        f"## {words['files']}",
        "",
        f'<a class="dd-data-zip" href="_static/downloads/{ZIP}" download>'
        + words["zip"].format(size=kb(zip_size))
        + "</a>",
        "",
        words["header"],
        "|---|--:|---|---|--:|",
    ]
    for row in rows:
        if lang == "ja":
            title = TITLES_JA[row["file"]]
        else:
            title = READER_TITLES.get(row["file"], row["title"]) or row["file"].removesuffix(".csv")
        lines.append(
            f'| <a href="_static/{FILES_DIR}/{row["file"]}" download>{title}</a> '
            f"| {row['rows']:,} | {period_words(row['period'], lang)} "
            f"| {period_words(row['latest'], lang)} | {row['sources']} |"
        )
    lines += ["", words["notes"], ""]
    return "\n".join(lines)


def add_to_book(book: Path, lang: str = "en", files_from: Path | None = None) -> list[dict]:
    """Writes the page, in `lang`, into the staged book at `book` (the English book's root,
    or the Japanese book's) with the files, the two series and the zip in the book's own
    `_static`, and lists the page under the last part of its table of contents ("About the
    numbers"). `files_from`: the root of a book already staged with them (the English one),
    to copy them from rather than write them again: the same bytes, and the series are not
    computed twice."""
    rows = summary()
    files = book / "_static" / FILES_DIR
    files.mkdir(parents=True, exist_ok=True)
    downloads = book / "_static" / "downloads"
    if files_from is None:
        for row in rows:
            (files / row["file"]).write_bytes((data_dir() / row["file"]).read_bytes())
        archive = write_zip(downloads)
        written = write_series(files)
    else:
        downloads.mkdir(parents=True, exist_ok=True)
        shared = files_from / "_static"
        for row in rows:
            shutil.copyfile(shared / FILES_DIR / row["file"], files / row["file"])
        archive = Path(shutil.copyfile(shared / "downloads" / ZIP, downloads / ZIP))
        written = {
            name: Path(shutil.copyfile(shared / FILES_DIR / name, files / name))
            for name in (ANNUAL, MONTHLY)
        }
    sizes = {name: path.stat().st_size for name, path in written.items()}
    text = markdown(rows, archive.stat().st_size, sizes, lang)
    (book / f"{PAGE}.md").write_text(text, encoding="utf-8")
    toc_path = book / "_toc.yml"
    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8"))
    toc["parts"][-1]["chapters"].append({"file": PAGE})
    toc_path.write_text(yaml.safe_dump(toc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return rows


# the page's words in each language of the site
WORDS = {
    "en": {
        "title": "Data files",
        "intro": [
            "Every figure in this report is computed from these files when the report is built.",
            "Each row of a file cites its source, listed in full in the sources file; the zip "
            "also holds a description of every column and unit.",
        ],
        "series": "The digital balance, as one series",
        "series_how": (
            "Each item's receipts, payments and balance, and the total on each basis, in "
            f"{SERIES_UNIT} (億円) with every digit the Bank of Japan publishes: one row per "
            "figure, with its unit, the date of the Bank of Japan's file and its source."
        ),
        "annual": "every calendar year",
        "monthly": "every month",
        "series_link": "The digital balance, {label} (CSV, {size})",
        "files": "Every data file",
        "zip": "Download all the data files with the description of every column (zip, {size})",
        "header": (
            "| data (CSV) | rows | period covered | most recent figure published | sources cited |"
        ),
        "notes": (
            "The period is the one the figures are about (for projections, the target years; "
            "for events and sources, their dates). The most recent figure published is the "
            "latest publication date among the sources a file's rows cite."
        ),
    },
    "ja": {
        "title": "データファイル",
        "intro": [
            "本報告の数値はすべて、作成のたびにこれらのファイルから計算している。各ファイルの"
            "行はそれぞれ出典を示し、出典の詳細は出典一覧にまとめている。zipには各列の内容と"
            "単位の説明も収めている。",
        ],
        "series": "デジタル関連収支の系列",
        "series_how": (
            "項目ごとの受取・支払・収支と、集計基準ごとの合計を、日本銀行が公表する桁をすべて"
            "残して億円単位で収録している。1行が1つの数値で、単位、基にした日本銀行のファイルの"
            "日付、出典を付している。ファイル内の列名と項目名は英語表記である。"
        ),
        "annual": "暦年",
        "monthly": "月次",
        "series_link": "デジタル関連収支・{label}（CSV、{size}）",
        "files": "すべてのデータファイル",
        "zip": "全データファイルと各列の説明を一括ダウンロード（zip、{size}）",
        "header": "| データ（CSV） | 行数 | 対象期間 | 最新の公表時期 | 出典数 |",
        "notes": (
            "対象期間は、数値が対象とする期間である（将来推計は目標年、出来事と出典はその"
            "日付）。最新の公表時期は、ファイルの各行が引用する出典の公表時期のうち最も新しい"
            "ものである。"
        ),
    },
}
