"""`make bench`: how long builds take on this machine, against a floor measured in the
same run. Not a test: machines are shared and noisy, so figures are recorded, with the
ratio clean / floor as the comparable number.

Measures, in a scratch build folder with a scratch copy of data/ (the real site and data
are not touched): a clean build; the floor (papermill executing as many empty notebooks,
on as many processes, plus a Jupyter Book build of an empty book with as many pages); a
rebuild with nothing changed; a rebuild after one data file changed; each chapter's
execution time; each page's weight (its HTML, and everything a first visit fetches, measured
in Chromium); the PDF edition's size, pages and printing time. Writes _build/bench.json
and prints a table.
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
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
import papermill

from digideficit.paths import BUILD_DIR, ROOT
from digideficit.site.build import socket_file_kernels, toc_notebooks

TARGET_RATIO = 1.5
TARGET_NO_CHANGE_S = 5.0
TARGET_FIRST_VISIT_BYTES = 1_500_000
PRINTED = r"printed the PDF edition: (\d+) pages, (\d+) bytes, in ([\d.]+) s"


def timed_build(env: dict, *args: str) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "digideficit.site.build", *args],
        cwd=ROOT,
        env={**os.environ, **env},
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


def floor(pages: int, scratch: Path) -> tuple[float, float]:
    """Seconds for papermill on `pages` empty notebooks and for a Jupyter Book build of them."""
    book = scratch / "empty-book"
    (book / "pages").mkdir(parents=True)
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Empty")])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    paths = []
    for i in range(pages):
        path = book / "pages" / f"page{i:02d}.ipynb"
        nbformat.write(notebook, path)
        paths.append(str(path))
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=min(pages, os.cpu_count() or 1)) as pool:
        list(pool.map(_run_empty, paths))
    execute_s = time.perf_counter() - started
    (book / "_config.yml").write_text(
        "title: empty\nexecute:\n  execute_notebooks: 'off'\nsphinx:\n  config:\n"
        "    html_theme_options: {}\n",
        encoding="utf-8",
    )
    toc = "format: jb-book\nroot: pages/page00\nchapters:\n" + "".join(
        f"  - file: pages/page{i:02d}\n" for i in range(1, pages)
    )
    (book / "_toc.yml").write_text(toc, encoding="utf-8")
    started = time.perf_counter()
    subprocess.run(
        [str(Path(sys.executable).with_name("jupyter-book")), "build", str(book), "--all"],
        check=True,
        capture_output=True,
    )
    return execute_s, time.perf_counter() - started


def page_weights(site: Path) -> dict[str, int]:
    return {
        str(p.relative_to(site)): p.stat().st_size
        for p in sorted(site.rglob("*.html"))
        if not p.relative_to(site).parts[0].startswith("_")
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
        shutil.copytree(ROOT / "data", scratch / "data")
        env = {
            "DIGIDEFICIT_BUILD_DIR": str(scratch / "build"),
            "DIGIDEFICIT_DATA_DIR": str(scratch / "data"),
        }
        clean_s, clean_log = timed_build(env, "--clean")
        no_change_s, _ = timed_build(env)
        context = scratch / "data" / "context.csv"
        context.write_text(
            context.read_text(encoding="utf-8").replace(",record\n", ",record (bench)\n", 1),
            encoding="utf-8",
        )
        changed_s, _ = timed_build(env)
        chapters = {
            m.group(1): float(m.group(2))
            for m in re.finditer(r"executed chapters/(\S+)\.ipynb in ([\d.]+) s", clean_log)
        }
        pages = len(toc_notebooks()) + 2  # the chapters, the data page and the build-health page
        floor_exec_s, floor_book_s = floor(pages, scratch)
        site = scratch / "build" / "html"
        weights = page_weights(site)
        visits = first_visits(site, list(weights))
        printed = re.search(PRINTED, clean_log)
        loading = data_timing(scratch / "data")
    floor_s = floor_exec_s + floor_book_s
    record = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "clean_build_s": round(clean_s, 2),
        "floor_s": round(floor_s, 2),
        "floor_execute_s": round(floor_exec_s, 2),
        "floor_book_s": round(floor_book_s, 2),
        "clean_over_floor": round(clean_s / floor_s, 2),
        "no_change_rebuild_s": round(no_change_s, 2),
        "one_data_file_changed_s": round(changed_s, 2),
        "chapter_execution_s": chapters,
        "data": loading,
        "page_bytes": weights,
        "first_visit_bytes": visits,
        "pdf": {
            "pages": int(printed.group(1)),
            "bytes": int(printed.group(2)),
            "print_s": float(printed.group(3)),
        }
        if printed
        else None,
        "targets": {
            "clean_over_floor": TARGET_RATIO,
            "no_change_rebuild_s": TARGET_NO_CHANGE_S,
            "first_visit_bytes": TARGET_FIRST_VISIT_BYTES,
        },
    }
    BUILD_DIR.mkdir(exist_ok=True)
    (BUILD_DIR / "bench.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    rows = [
        ("clean build", f"{clean_s:.1f} s", ""),
        ("floor (empty notebooks + empty book)", f"{floor_s:.1f} s", ""),
        (
            "clean / floor",
            f"{clean_s / floor_s:.2f}",
            f"target ≤ {TARGET_RATIO} — {'met' if clean_s / floor_s <= TARGET_RATIO else 'MISSED'}",
        ),
        (
            "rebuild, nothing changed",
            f"{no_change_s:.1f} s",
            f"target < {TARGET_NO_CHANGE_S:.0f} s — "
            f"{'met' if no_change_s < TARGET_NO_CHANGE_S else 'MISSED'}",
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
    if printed:
        rows.append(
            (
                "PDF edition",
                f"{int(printed.group(2)) / 1e6:.1f} MB",
                f"{printed.group(1)} pages, printed in {printed.group(3)} s",
            )
        )
    width = max(len(r[0]) for r in rows)
    for name, value, note in rows:
        print(f"{name:<{width}}  {value:>9}  {note}")
    print(f"\nwritten: {BUILD_DIR / 'bench.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
