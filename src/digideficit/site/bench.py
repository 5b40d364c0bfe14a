"""`make bench`: how long builds take on this machine, against a floor measured in the
same run. Not a test: machines are shared and noisy, so figures are recorded, with the
ratio clean / floor as the comparable number.

Works in a scratch copy of the project (its committed files, and the real node_modules),
so that the real site, data and chapters are never touched. Measures there: a clean build
of both editions; the floor (papermill executing as many empty notebooks on as many
processes, a Jupyter Book build of as many empty books with as many pages, and Chromium
printing as many near-empty pages as the two PDF editions print from the site); a rebuild
with nothing changed; a rebuild after one chapter's prose changed (which must execute
that notebook only and print its page only); a rebuild after one data file changed; each
chapter's execution time; each page's weight (its HTML, and everything a first visit
fetches, measured in Chromium); each PDF edition's size, pages and printing time. Writes
_build/bench.json and prints a table.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import nbformat
import papermill

from digideficit.paths import BUILD_DIR, ROOT
from digideficit.site import languages
from digideficit.site.build import socket_file_kernels

TARGET_RATIO = 1.5
TARGET_NO_CHANGE_S = 1.0
TARGET_FIRST_VISIT_BYTES = 1_500_000
PRINTED = (
    r"printed the PDF edition \((\w+)\): (\d+) pages, (\d+) bytes, in ([\d.]+) s; "
    r"(\d+) of (\d+) site pages printed afresh"
)
EXECUTED = r"executed ((?:ja/)?chapters/\S+)\.ipynb in ([\d.]+) s"
EDITED_CHAPTER = "chapters/definitions.ipynb"


def scratch_project(scratch: Path) -> Path:
    """The project's committed files, copied, with the installed JavaScript linked in."""
    project = scratch / "project"
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            target = project / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    return project


def timed_build(project: Path, *args: str) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(
        # what `make book` runs: the no-change check, then the build
        [sys.executable, "-m", "digideficit.site.book", *args],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(project / "src")},
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"bench: the build failed:\n{result.stderr[-2000:]}")
    return seconds, result.stdout


def _run_empty(path: str) -> None:
    # the same kernel transport as the build, so the floor differs from it only in content
    config = socket_file_kernels(Path(path).with_suffix(".sockets"))
    papermill.execute_notebook(path, path, kernel_name="python3", progress_bar=False, config=config)


def empty_book(book: Path, pages: int) -> list[str]:
    (book / "pages").mkdir(parents=True)
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Empty")])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    paths = []
    for i in range(pages):
        path = book / "pages" / f"page{i:02d}.ipynb"
        nbformat.write(notebook, path)
        paths.append(str(path))
    (book / "_config.yml").write_text(
        "title: empty\nexecute:\n  execute_notebooks: 'off'\nsphinx:\n  config:\n"
        "    html_theme_options: {}\n",
        encoding="utf-8",
    )
    toc = "format: jb-book\nroot: pages/page00\nchapters:\n" + "".join(
        f"  - file: pages/page{i:02d}\n" for i in range(1, pages)
    )
    (book / "_toc.yml").write_text(toc, encoding="utf-8")
    return paths


def empty_prints(count: int) -> float:
    """Seconds for Chromium to print `count` one-line pages to PDF, one page at a time, as
    the PDF editions print the site."""
    from digideficit.site import pdf

    started = time.perf_counter()
    with pdf.chromium() as browser:
        for i in range(count):
            page = browser.new_page()
            page.set_content(f"<!doctype html><html><body><h1>Page {i}</h1></body></html>")
            page.pdf(format="A4", margin=pdf.MARGIN)
            page.close()
    return time.perf_counter() - started


def floor(notebooks: int, books: int, pages: int, prints: int, scratch: Path) -> dict:
    """Seconds for papermill on `notebooks` empty notebooks, for Jupyter Book builds of
    `books` empty books of `pages` pages side by side, and for Chromium printing `prints`
    near-empty pages."""
    made = [empty_book(scratch / f"empty-book-{b}", pages) for b in range(books)]
    paths = [path for book in made for path in book][:notebooks]
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=min(notebooks, os.cpu_count() or 1)) as pool:
        list(pool.map(_run_empty, paths))
    execute_s = time.perf_counter() - started
    jupyter_book = str(Path(sys.executable).with_name("jupyter-book"))
    started = time.perf_counter()
    with ThreadPoolExecutor(books) as pool:
        list(
            pool.map(
                lambda b: subprocess.run(
                    [jupyter_book, "build", str(scratch / f"empty-book-{b}"), "--all"],
                    check=True,
                    capture_output=True,
                ),
                range(books),
            )
        )
    book_s = time.perf_counter() - started
    print_s = empty_prints(prints)
    return {"execute_s": execute_s, "book_s": book_s, "print_s": print_s}


def printed_in(log: str) -> dict[str, dict]:
    return {
        m.group(1): {
            "pages": int(m.group(2)),
            "bytes": int(m.group(3)),
            "print_s": float(m.group(4)),
            "site_pages_printed": int(m.group(5)),
            "site_pages": int(m.group(6)),
        }
        for m in re.finditer(PRINTED, log)
    }


def edit_prose(project: Path, chapter: str = EDITED_CHAPTER) -> None:
    """One sentence added to the first paragraph of a chapter, as an author would."""
    path = project / chapter
    notebook = nbformat.read(path, as_version=4)
    first = next(cell for cell in notebook.cells if cell.cell_type == "markdown")
    first.source += "\n\nA sentence added for the benchmark."
    nbformat.write(notebook, path)


def page_weights(site: Path) -> dict[str, int]:
    return {
        str(p.relative_to(site)): p.stat().st_size
        for p in sorted(site.rglob("*.html"))
        if not any(part.startswith("_") for part in p.relative_to(site).parts)
    }


def first_visits(site: Path, pages: list[str]) -> dict[str, int]:
    """Bytes a first visit to each page fetches (HTML, theme, fonts, Vega), once its charts
    have drawn, in Debian's Chromium; empty if Chromium is missing."""
    from playwright.sync_api import Error

    from digideficit.site import pdf

    if not pdf.CHROMIUM.exists():
        return {}
    weights = {}
    with pdf.served(site) as origin, pdf.chromium() as browser:
        for path in pages:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            sizes: dict[str, int] = {}

            def count(request, sizes=sizes):
                response = request.response()
                if response is None:
                    return
                try:
                    sizes[request.url] = len(response.body())
                except Error:
                    pass  # a redirect page (index.html) navigated away: its body is gone

            page.on("requestfinished", count)
            page.goto(f"{origin}/{path}", wait_until="load")
            if page.locator(".dd-chart").count():
                page.wait_for_function(pdf.WAIT_FOR_CHARTS, timeout=pdf.CHART_TIMEOUT_MS)
            page.wait_for_load_state("networkidle")
            weights[path] = sum(sizes.values())
            page.close()
    return weights


def data_timing(directory: Path) -> dict[str, float]:
    """Seconds to validate every data file (the official months included) and to derive the
    official periods from them, against the floor of reading the same files as text."""
    import pandas as pd

    from digideficit.analysis import official
    from digideficit.validated import data

    started = time.perf_counter()
    for filename, _spec in data.FILES.values():
        pd.read_csv(directory / filename, dtype=str, keep_default_na=False)
    read_s = time.perf_counter() - started
    started = time.perf_counter()
    tables = data._validate(directory)
    validate_s = time.perf_counter() - started
    started = time.perf_counter()
    official.digital_rows(tables)
    official.context_rows(tables)
    derive_s = time.perf_counter() - started
    return {
        "read_as_text_s": round(read_s, 3),
        "validate_s": round(validate_s, 3),
        "derive_official_periods_s": round(derive_s, 3),
        "validate_over_read": round(validate_s / read_s, 1),
        "official_rows": len(tables.boj_monthly) + len(tables.boj_quarterly),
    }


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(prog="digideficit bench", description=__doc__).parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch_dir:
        scratch = Path(scratch_dir)
        project = scratch_project(scratch)
        clean_s, clean_log = timed_build(project, "--clean")
        no_change_s, no_change_log = timed_build(project)
        edit_prose(project)
        prose_s, prose_log = timed_build(project)
        context = project / "data" / "context.csv"
        context.write_text(
            context.read_text(encoding="utf-8").replace(",record\n", ",record (bench)\n", 1),
            encoding="utf-8",
        )
        changed_s, _ = timed_build(project)
        chapters = {m.group(1): float(m.group(2)) for m in re.finditer(EXECUTED, clean_log)}
        printed = printed_in(clean_log)
        pages_per_book = len(chapters) // len(languages.LANGS) + 2  # with the data and health pages
        floors = floor(
            len(chapters),
            len(languages.LANGS),
            pages_per_book,
            sum(p["site_pages"] for p in printed.values()),
            scratch,
        )
        site = project / "_build" / "html"
        weights = page_weights(site)
        visits = first_visits(site, list(weights))
        loading = data_timing(project / "data")
    floor_s = sum(floors.values())
    prose_run = re.findall(EXECUTED, prose_log)
    prose_printed = printed_in(prose_log)
    record = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "clean_build_s": round(clean_s, 2),
        "floor_s": round(floor_s, 2),
        "floor": {name: round(value, 2) for name, value in floors.items()},
        "clean_over_floor": round(clean_s / floor_s, 2),
        "no_change_rebuild_s": round(no_change_s, 2),
        "no_change_said": "nothing changed" in no_change_log,
        "prose_edit_rebuild_s": round(prose_s, 2),
        "prose_edit_executed": [name for name, _s in prose_run],
        "prose_edit_site_pages_printed": {
            lang: p["site_pages_printed"] for lang, p in prose_printed.items()
        },
        "one_data_file_changed_s": round(changed_s, 2),
        "chapter_execution_s": chapters,
        "data": loading,
        "page_bytes": weights,
        "first_visit_bytes": visits,
        "pdf": printed,
        "targets": {
            "clean_over_floor": TARGET_RATIO,
            "no_change_rebuild_s": TARGET_NO_CHANGE_S,
            "first_visit_bytes": TARGET_FIRST_VISIT_BYTES,
            "prose_edit_executed": [EDITED_CHAPTER.removesuffix(".ipynb")],
        },
    }
    BUILD_DIR.mkdir(exist_ok=True)
    (BUILD_DIR / "bench.json").write_text(
        json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    ratio = clean_s / floor_s
    only_edited = record["prose_edit_executed"] == [EDITED_CHAPTER.removesuffix(".ipynb")]
    rows = [
        ("clean build, both editions", f"{clean_s:.1f} s", ""),
        (
            "floor (empty notebooks, books, prints)",
            f"{floor_s:.1f} s",
            ", ".join(f"{k} {v:.1f}" for k, v in floors.items()),
        ),
        (
            "clean / floor",
            f"{ratio:.2f}",
            f"target ≤ {TARGET_RATIO} — {met(ratio <= TARGET_RATIO)}",
        ),
        (
            "rebuild, nothing changed",
            f"{no_change_s:.2f} s",
            f"target < {TARGET_NO_CHANGE_S:.0f} s — {met(no_change_s < TARGET_NO_CHANGE_S)}",
        ),
        (
            "rebuild, one chapter's prose edited",
            f"{prose_s:.1f} s",
            f"executed {', '.join(record['prose_edit_executed']) or 'nothing'} — "
            f"{met(only_edited)}; site pages printed again: "
            + ", ".join(f"{k} {v}" for k, v in record["prose_edit_site_pages_printed"].items()),
        ),
        ("rebuild, one data file changed", f"{changed_s:.1f} s", ""),
        (
            "validate the data",
            f"{loading['validate_s']:.2f} s",
            f"{loading['validate_over_read']}× reading them as text; "
            f"{loading['official_rows']} official values",
        ),
        ("derive the official periods", f"{loading['derive_official_periods_s']:.2f} s", ""),
    ]
    rows += [(f"  execute {name}", f"{s:.1f} s", "") for name, s in chapters.items()]
    rows += [
        (
            f"  page {name}",
            f"{size / 1024:.0f} KiB",
            f"first visit {visits[name] / 1e6:.2f} MB"
            + (" — over target" if visits[name] > TARGET_FIRST_VISIT_BYTES else "")
            if name in visits
            else "",
        )
        for name, size in weights.items()
    ]
    rows += [
        (
            f"PDF edition ({lang})",
            f"{p['bytes'] / 1e6:.1f} MB",
            f"{p['pages']} pages, printed in {p['print_s']} s",
        )
        for lang, p in printed.items()
    ]
    width = max(len(r[0]) for r in rows)
    for name, value, note in rows:
        print(f"{name:<{width}}  {value:>9}  {note}")
    print(f"\nwritten: {BUILD_DIR / 'bench.json'}")
    return 0


def met(condition: bool) -> str:
    return "met" if condition else "MISSED"


if __name__ == "__main__":
    sys.exit(main())
