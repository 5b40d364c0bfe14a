"""The build-health page: for every chapter, when it ran, how long it took, its parameters,
the data it read, and whether the reviewers' re-execution (nbval) passed in the last test
run. Written into the staged book at each build, never committed: it describes one build.
It sits in the appendix after "Reproduce this report", out of the report's own parts. Each
book has it in its language (`WORDS`: the same page, the same rows, in other words)."""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import yaml

from digideficit.analysis import wording
from digideficit.paths import data_dir
from digideficit.site import datafiles
from digideficit.validated import data

PAGE = "build-health"
# the appendix part and the page this one follows there (see `reproduce`), per language
APPENDIX_CAPTIONS = {"en": "Appendix", "ja": "付録"}
REPRODUCE = "reproduce"
REPRODUCE_TITLES = {"en": "Reproduce this report", "ja": "本報告の再現方法"}
APPENDIX = APPENDIX_CAPTIONS["en"]
REPRODUCE_TITLE = REPRODUCE_TITLES["en"]

# the page's words in each language of the site
WORDS = {
    "en": {
        "title": "Build health",
        "intro": (
            "How this copy of the report was built. Every chapter is executed by papermill from\n"
            "the data files below at each build; the reviewers' check re-executes the committed\n"
            "notebooks with nbval and compares every output (see [{reproduce}]({page}.md))."
        ),
        "chapters": "Chapters",
        "header": "| chapter | executed | seconds | parameters |",
        "nbval_header": " nbval in the last test run |",
        "no_parameters": "none",
        "passed": "passed",
        "failed": "failed ({failed} of {cells} cells)",
        "not_run": "not in that run",
        "tested": "The nbval results come from the test run of {stamp}.",
        "untested": (
            "No test run has been recorded on this machine yet, so no nbval result is shown "
            "(`make test` records one)."
        ),
        "data": "Data read by every chapter",
        "data_header": "| file | rows | content hash (SHA-256, first 12) |",
        "vintage": "{vintage} ({count})",
        "vintages": (
            "Vintages of the digital-services figures: {vintages}. The most recent non-seed\n"
            "source is dated {latest}."
        ),
    },
    "ja": {
        "title": "作成記録",
        "intro": (
            "本ページは、このサイトがどのように作成されたかの記録である。各章は作成のたびに、"
            "下に掲げるデータファイルから papermill で実行している。検証者による確認では、"
            "コミット済みのノートブックを nbval で実行し直し、すべての出力を照合する"
            "（[{reproduce}]({page}.md)を参照）。"
        ),
        "chapters": "各章の実行",
        "header": "| 章 | 実行日時 | 所要秒数 | パラメータ |",
        "nbval_header": " 直近のテストでの nbval |",
        "no_parameters": "なし",
        "passed": "合格",
        "failed": "不合格（{cells}セル中{failed}セル）",
        "not_run": "当該テストでは未実行",
        "tested": "nbval の結果は {stamp} のテスト実行によるものである。",
        "untested": (
            "このマシンではまだテストを実行していないため、nbval の結果は示していない"
            "（`make test` を実行すると記録される）。"
        ),
        "data": "各章が読み込むデータ",
        "data_header": "| ファイル | 行数 | 内容のハッシュ値（SHA-256、先頭12桁） |",
        "vintage": "`{vintage}`（{count}件）",
        "vintages": (
            "デジタル関連サービスの数値の時点（vintage）の内訳は、{vintages}である。"
            "初期データを除く出典のうち、最も新しいものの日付は{latest}である。"
        ),
    },
}


@dataclass
class Run:
    chapter: str
    seconds: float
    parameters: dict
    finished: str


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def nbval_results(report: Path, lang: str = "en") -> tuple[dict[str, str], str | None]:
    """Per chapter: 'passed', or 'failed (N of M cells)', from a JUnit report of `make
    test`, in `lang`."""
    words = WORDS[wording.checked(lang)]
    if not report.exists():
        return {}, None
    outcome: dict[str, list[bool]] = {}
    for case in ET.parse(report).getroot().iter("testcase"):
        name = case.get("classname", "") + " " + case.get("name", "")
        if ".ipynb" not in name:
            continue
        chapter = name.split(".ipynb")[0].split("/")[-1].split(".")[-1].strip()
        failed = case.find("failure") is not None or case.find("error") is not None
        outcome.setdefault(chapter, []).append(failed)
    stamp = datetime.fromtimestamp(report.stat().st_mtime, UTC).strftime("%Y-%m-%d %H:%M UTC")
    return {
        chapter: words["failed"].format(failed=sum(fails), cells=len(fails))
        if any(fails)
        else words["passed"]
        for chapter, fails in outcome.items()
    }, stamp


def data_files() -> list[tuple[str, int, str]]:
    # the rows each file holds, as the data page counts them (the loaded tables add the
    # official months to the press figures, which would count them twice)
    rows = []
    for _table, (filename, _spec) in data.FILES.items():
        digest = hashlib.sha256((data_dir() / filename).read_bytes()).hexdigest()[:12]
        rows.append((filename, datafiles.rows_in(filename), digest))
    return rows


def markdown(runs: list[Run], report: Path, lang: str = "en") -> str:
    words = WORDS[wording.checked(lang)]
    results, tested = nbval_results(report, lang)
    tables = data.load()
    vintages = ", " if lang == "en" else "、"
    vintages = vintages.join(
        words["vintage"].format(vintage=v, count=n)
        for v, n in tables.digital_services["vintage"].value_counts().sort_index().items()
    )
    latest = tables.sources.loc[tables.sources["kind"] != "seed", "date"].max()
    lines = [
        f"# {words['title']}",
        "",
        words["intro"].format(reproduce=REPRODUCE_TITLES[lang], page=REPRODUCE),
        "",
        f"## {words['chapters']}",
        "",
    ]
    # an nbval column only when a test run was recorded: a column of "no result" says nothing
    lines += [
        words["header"] + (words["nbval_header"] if tested else ""),
        "|---|---|---|---|" + ("---|" if tested else ""),
    ]
    for run in runs:
        shown = ", ".join(f"`{k}={v}`" for k, v in run.parameters.items())
        row = (
            f"| [{run.chapter}](chapters/{run.chapter}.ipynb) | {run.finished} | "
            f"{run.seconds:.1f} | {shown or words['no_parameters']} |"
        )
        if tested:
            row += f" {results.get(run.chapter, words['not_run'])} |"
        lines.append(row)
    lines += [
        "",
        words["tested"].format(stamp=tested) if tested else words["untested"],
        "",
        f"## {words['data']}",
        "",
        words["data_header"],
        "|---|---|---|",
        *[f"| `data/{name}` | {rows} | `{digest}` |" for name, rows, digest in data_files()],
        "",
        words["vintages"].format(
            vintages=vintages,
            latest=latest if lang == "en" else wording.period(str(latest), lang),
        ),
        "",
    ]
    return "\n".join(lines)


def add_to_book(book: Path, runs: list[Run], report: Path, lang: str = "en") -> None:
    """Writes the page, in the book's language, into the staged book at `book` (the
    English book's root, or the Japanese book's) and lists it in the appendix part (made by
    `reproduce.add_to_book`), after "Reproduce this report"; last, when there is none."""
    (book / f"{PAGE}.md").write_text(markdown(runs, report, lang), encoding="utf-8")
    toc_path = book / "_toc.yml"
    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8"))
    caption = APPENDIX_CAPTIONS[lang]
    appendix = [part for part in toc["parts"] if part.get("caption") == caption]
    (appendix[0] if appendix else toc["parts"][-1])["chapters"].append({"file": PAGE})
    toc_path.write_text(yaml.safe_dump(toc, sort_keys=False, allow_unicode=True), encoding="utf-8")
