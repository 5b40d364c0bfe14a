"""The build-health page: for every chapter, when it ran, how long it took, its parameters,
the data it read, and whether the reviewers' re-execution (nbval) passed in the last test
run. Written into the staged book at each build, never committed: it describes one build.
It sits in the appendix after "Reproduce this report", out of the report's own parts."""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import yaml

from digideficit.paths import data_dir
from digideficit.site import datafiles
from digideficit.validated import data

PAGE = "build-health"
# the appendix part and the page this one follows there (see `reproduce`)
APPENDIX = "Appendix"
REPRODUCE = "reproduce"
REPRODUCE_TITLE = "Reproduce this report"


@dataclass
class Run:
    chapter: str
    seconds: float
    parameters: dict
    finished: str


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def nbval_results(report: Path) -> tuple[dict[str, str], str | None]:
    """Per chapter: 'passed', or 'failed (N cells)', from a JUnit report of `make test`."""
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
        chapter: "passed" if not any(fails) else f"failed ({sum(fails)} of {len(fails)} cells)"
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


def markdown(runs: list[Run], report: Path) -> str:
    results, tested = nbval_results(report)
    tables = data.load()
    vintages = ", ".join(
        f"{v} ({n})"
        for v, n in tables.digital_services["vintage"].value_counts().sort_index().items()
    )
    latest = tables.sources.loc[tables.sources["kind"] != "seed", "date"].max()
    lines = [
        "# Build health",
        "",
        "How this copy of the report was built. Every chapter is executed by papermill from",
        "the data files below at each build; the reviewers' check re-executes the committed",
        "notebooks with nbval and compares every output "
        f"(see [{REPRODUCE_TITLE}]({REPRODUCE}.md)).",
        "",
        "## Chapters",
        "",
    ]
    # an nbval column only when a test run was recorded: a column of "no result" says nothing
    lines += [
        "| chapter | executed | seconds | parameters |"
        + (" nbval in the last test run |" if tested else ""),
        "|---|---|---|---|" + ("---|" if tested else ""),
    ]
    for run in runs:
        shown = ", ".join(f"`{k}={v}`" for k, v in run.parameters.items()) or "none"
        row = (
            f"| [{run.chapter}](chapters/{run.chapter}.ipynb) | {run.finished} | "
            f"{run.seconds:.1f} | {shown} |"
        )
        if tested:
            row += f" {results.get(run.chapter, 'not in that run')} |"
        lines.append(row)
    lines += [
        "",
        f"The nbval results come from the test run of {tested}."
        if tested
        else "No test run has been recorded on this machine yet, so no nbval result is shown "
        "(`make test` records one).",
        "",
        "## Data read by every chapter",
        "",
        "| file | rows | content hash (SHA-256, first 12) |",
        "|---|---|---|",
        *[f"| `data/{name}` | {rows} | `{digest}` |" for name, rows, digest in data_files()],
        "",
        f"Vintages of the digital-services figures: {vintages}. The most recent non-seed",
        f"source is dated {latest}.",
        "",
    ]
    return "\n".join(lines)


def add_to_book(stage_src: Path, runs: list[Run], report: Path) -> None:
    """Writes the page into the staged book and lists it in the appendix part (made by
    `reproduce.add_to_book`), after "Reproduce this report"; last, when there is none."""
    (stage_src / f"{PAGE}.md").write_text(markdown(runs, report), encoding="utf-8")
    toc_path = stage_src / "_toc.yml"
    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8"))
    appendix = [part for part in toc["parts"] if part.get("caption") == APPENDIX]
    (appendix[0] if appendix else toc["parts"][-1])["chapters"].append({"file": PAGE})
    toc_path.write_text(yaml.safe_dump(toc, sort_keys=False), encoding="utf-8")
