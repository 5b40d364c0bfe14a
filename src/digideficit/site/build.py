"""`make book`: data and parameters checked, chapters executed with papermill, the book
built with Jupyter Book (execution off, warnings as errors) in a staging folder, and the
site swapped in only when every step succeeded.

A failure at any step exits non-zero with a message naming its cause, and leaves the
published `_build/html` and the committed notebooks exactly as they were.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from pathlib import Path

import papermill
import yaml
from traitlets.config import Config

from digideficit.analysis import edition as editions_of_data
from digideficit.paths import BUILD_DIR, ROOT, SITE_DIR, uses_committed_inputs
from digideficit.site import (
    changes,
    datafiles,
    downloads,
    editions,
    health,
    incremental,
    pdf,
    reproduce,
)
from digideficit.site.notebooks import normalise
from digideficit.site.sphinx_ext import NOTEBOOKS, PDF, PDF_TEXT
from digideficit.validated import data, params
from digideficit.validated.schema import DataValidationError

BOOK_FILES = ["_config.yml", "_toc.yml", "_static", "_templates", "chapters"]
STAGE = BUILD_DIR / ".stage"
SITE_KEY = BUILD_DIR / "site.key"  # content hash of the inputs of the published site
TEST_REPORT = BUILD_DIR / "test-report.xml"  # written by `make test`; read by the health page


class BuildError(RuntimeError):
    """A step failed; the message says which and why."""


def toc_entries(toc: dict) -> list[str]:
    """The files a table of contents lists, root first, in reading order."""
    entries = [toc["root"]]

    def walk(node):
        if isinstance(node, dict):
            if "file" in node:
                entries.append(node["file"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(toc.get("parts", toc.get("chapters", [])))
    return entries


def toc_notebooks(root: Path = ROOT) -> list[Path]:
    """The notebooks the table of contents lists, in reading order."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    notebooks = []
    for entry in toc_entries(toc):
        path = root / entry
        candidate = path if path.suffix else path.with_suffix(".ipynb")
        if candidate.suffix == ".ipynb" and candidate.exists():
            notebooks.append(candidate)
    return notebooks


def check_inputs() -> dict:
    """Data and parameters, before anything runs."""
    try:
        data.load()
    except DataValidationError as err:
        raise BuildError(f"data validation failed — nothing was built.\n{err}") from err
    try:
        defaults = params.defaults()
        for notebook in toc_notebooks():
            params.check(notebook.stem, defaults.get(notebook.stem, {}))
    except params.ParameterError as err:
        raise BuildError(f"bad parameter in params.yml — nothing was built.\n{err}") from err
    return defaults


def stage_sources(stage_src: Path) -> None:
    for name in BOOK_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(
                source,
                stage_src / name,
                ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"),
            )
        elif source.exists():
            shutil.copy2(source, stage_src / name)


KERNEL_START_SECONDS = 300  # a loaded 2-core machine can take far longer than the usual 2 s


def socket_file_kernels(folder: Path) -> Config:
    """Kernel settings that talk over Unix socket files in `folder` (created here, and
    which must be new: one kernel per folder) instead of TCP ports.

    Kernels started at the same moment by parallel workers pick TCP ports by binding and
    releasing them, so two can pick the same port; the loser then waits for a kernel that
    never answers ("Kernel didn't respond in 60 seconds"). Socket files named after each
    chapter cannot collide."""
    folder.mkdir()
    return Config({"KernelManager": {"transport": "ipc", "ip": str(folder / "kernel")}})


def execute(notebook: Path, stage_src: Path, parameters: dict, sockets: Path) -> tuple[Path, float]:
    """Runs one chapter into the staging copy; returns its path and seconds taken. Its
    kernel's socket files go in a folder of their own under `sockets`."""
    target = stage_src / notebook.relative_to(ROOT)
    started = time.perf_counter()
    try:
        papermill.execute_notebook(
            str(target),
            str(target),
            parameters=parameters,
            kernel_name="python3",
            cwd=str(target.parent),
            progress_bar=False,
            log_output=False,
            start_timeout=KERNEL_START_SECONDS,
            config=socket_file_kernels(sockets / notebook.stem),
        )
    except papermill.PapermillExecutionError as err:
        raise BuildError(
            f"{notebook.relative_to(ROOT)} failed in cell {err.exec_count}: "
            f"{err.ename}: {err.evalue}"
        ) from err
    except RuntimeError as err:
        if "Kernel didn't respond" not in str(err):
            raise
        raise BuildError(
            f"{notebook.relative_to(ROOT)}: its Python kernel did not start within "
            f"{KERNEL_START_SECONDS} s; the machine may be overloaded. Run `make book` again."
        ) from err
    normalise(target)
    return target, time.perf_counter() - started


VEGA_RUNTIME = ROOT / "node_modules" / "vega" / "build" / "vega.min.js"


def write_vega_bundle(static_dir: Path, runtime: Path = VEGA_RUNTIME) -> None:
    """The Vega runtime, served by the site itself. Only Vega: the specs are compiled from
    Vega-Lite when the book is built (see `sphinx_ext`), which keeps the Vega-Lite compiler
    and vega-embed (a third of a megabyte) off every page. It comes from npm, pinned in
    package.json to the Vega version vl-convert compiles for; `make book` installs it."""
    import vl_convert

    if not runtime.exists():
        raise BuildError(f"no Vega runtime at {shown(runtime)}: run `npm ci` (make book does)")
    package = json.loads((runtime.parents[1] / "package.json").read_text(encoding="utf-8"))
    if package["version"] != vl_convert.get_vega_version():
        raise BuildError(
            f"node_modules has Vega {package['version']} but vl-convert compiles charts for "
            f"Vega {vl_convert.get_vega_version()}: pin that version in package.json"
        )
    static_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(runtime, static_dir / "vega-bundle.js")


def offer_notebooks(staged: list[Path], target: Path) -> None:
    """The executed notebooks, code and outputs, for the "Reproduce this report" appendix
    to offer: the pages themselves show no code."""
    target.mkdir(parents=True, exist_ok=True)
    for notebook in staged:
        shutil.copyfile(notebook, target / notebook.name)


def build_book(stage_src: Path, stage_out: Path) -> Path:
    command = [
        str(Path(sys.executable).with_name("jupyter-book")),
        "build",
        str(stage_src),
        "--path-output",
        str(stage_out),
        "--all",
        "-W",
        "-n",
        "--keep-going",
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    log = result.stdout + result.stderr
    (BUILD_DIR / "book-build.log").write_text(log, encoding="utf-8")
    if result.returncode != 0:
        problems = [line for line in log.splitlines() if "WARNING" in line or "ERROR" in line]
        excerpt = "\n  ".join(problems[:20]) or log[-3000:]
        raise BuildError(
            f"Jupyter Book build failed (full log: _build/book-build.log):\n  {excerpt}"
        )
    return stage_out / "_build" / "html"


def reading_order(stage_src: Path) -> list[str]:
    """The report's pages as the staged table of contents lists them, as built HTML paths;
    the build-health page describes one build, not the report, and stays out of the PDF."""
    toc = yaml.safe_load((stage_src / "_toc.yml").read_text(encoding="utf-8"))
    if stage_src == ROOT:  # the published site: its generated pages, listed as the build does
        toc["parts"][-1]["chapters"].append({"file": datafiles.PAGE})
        toc["parts"].append({"caption": reproduce.CAPTION, "chapters": [{"file": reproduce.PAGE}]})
    return [
        f"{Path(e).with_suffix('')}.html" for e in toc_entries(toc) if Path(e).stem != health.PAGE
    ]


def print_pdf(stage_src: Path, new_site: Path) -> pdf.Edition:
    """The PDF edition, printed from the new site before it is published, and its size
    written into the link on every page. A failure stops the build like any other step."""
    tables = data.load()
    sources = tables.sources
    vintage = str(sources.loc[sources["kind"] != "seed", "date"].max())
    named = editions_of_data.edition(tables)
    partial = new_site / f"{PDF}.partial"
    try:
        edition = pdf.build(
            new_site, reading_order(stage_src), partial, vintage, [named.label(), named.label("ja")]
        )
    except pdf.PdfError as err:
        partial.unlink(missing_ok=True)
        raise BuildError(f"the PDF edition could not be printed: {err}") from err
    edition.path = partial.rename(new_site / PDF)
    size = edition.path.stat().st_size
    pdf.link_size(new_site, PDF_TEXT, size)
    # every page of the report links the PDF (the search and index pages need not)
    pages = reading_order(stage_src) + [f"{health.PAGE}.html"]
    unlinked = [p for p in pages if pdf.size_text(size) not in (new_site / p).read_text("utf-8")]
    if unlinked:
        raise BuildError(f"pages without the PDF link (see sphinx_ext.pdf_link): {unlinked}")
    return edition


def publish(new_site: Path, site: Path = SITE_DIR) -> None:
    """Swaps the new site in with two renames; the old one is removed only afterwards."""
    old = site.with_name(site.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if site.exists():
        site.rename(old)
    new_site.rename(site)
    if old.exists():
        shutil.rmtree(old)


def recover(site: Path = SITE_DIR) -> None:
    """A build killed between the two renames of `publish` left the old site aside: restore it."""
    old = site.with_name(site.name + ".old")
    if old.exists() and not site.exists():
        old.rename(site)


def keep_executed(notebooks: list[Path], stage_src: Path) -> None:
    """Copies executed notebooks back over the committed ones where their content changed."""
    for notebook in notebooks:
        executed = stage_src / notebook.relative_to(ROOT)
        if executed.read_bytes() != notebook.read_bytes():
            shutil.copyfile(executed, notebook)


def shown(path: Path) -> str:
    """A path as a maintainer would type it: relative to the project where possible."""
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def execute_all(
    notebooks: list[Path],
    stage_src: Path,
    defaults: dict,
    keys: dict,
    cache,
    meanwhile: Callable[[], None] = lambda: None,
) -> list[health.Run]:
    """Reuses each chapter whose inputs are unchanged and executes the others in parallel,
    one process per core; the first failure stops the build. `meanwhile` runs in a thread
    while they execute (started after the worker processes exist: forking a process that
    runs threads is unsafe)."""
    runs: dict[Path, health.Run] = {}
    todo = []
    for notebook in notebooks:
        hit = cache.get(keys[notebook])
        if hit is None:
            todo.append(notebook)
            continue
        cached, record = hit
        shutil.copyfile(cached, stage_src / notebook.relative_to(ROOT))
        runs[notebook] = health.Run(
            notebook.stem, record["seconds"], defaults.get(notebook.stem, {}), record["finished"]
        )
        print(f"  reused {shown(notebook)}: inputs unchanged", flush=True)
    if not todo:
        meanwhile()
    else:
        workers = min(len(todo), os.cpu_count() or 1)
        with (
            tempfile.TemporaryDirectory(prefix="dd-kernels-") as sockets,
            ProcessPoolExecutor(max_workers=workers) as pool,
            ThreadPoolExecutor(1) as thread,
        ):
            futures = {
                pool.submit(execute, nb, stage_src, defaults.get(nb.stem, {}), Path(sockets)): nb
                for nb in todo
            }
            background = thread.submit(meanwhile)
            try:
                for future in as_completed(futures):
                    notebook = futures[future]
                    target, seconds = future.result()
                    record = {"seconds": seconds, "finished": health.now()}
                    cache.put(keys[notebook], target, record)
                    runs[notebook] = health.Run(
                        notebook.stem, seconds, defaults.get(notebook.stem, {}), record["finished"]
                    )
                    print(f"  executed {shown(notebook)} in {seconds:.1f} s", flush=True)
                background.result()
            except BaseException:
                for future in futures:
                    future.cancel()
                raise
    return [runs[notebook] for notebook in notebooks]


def run(clean: bool = False) -> Path:
    BUILD_DIR.mkdir(parents=True, exist_ok=True)
    recover()
    defaults = check_inputs()
    notebooks = toc_notebooks()
    shared = incremental.inputs_digest()
    keys = {nb: incremental.key(nb, defaults.get(nb.stem, {}), shared) for nb in notebooks}
    # the Vega runtime the site serves is pinned in package-lock.json
    book_inputs = [ROOT / name for name in BOOK_FILES if name != "chapters"]
    book_inputs.append(ROOT / "package-lock.json")
    site_key = incremental.site_key(list(keys.values()), book_inputs)
    cache = incremental.Cache(BUILD_DIR / ".cache")
    if clean:
        cache.keep_only(set())
    elif SITE_KEY.exists() and SITE_KEY.read_text() == site_key and SITE_DIR.exists():
        print("  nothing changed since the last build: the published site is up to date")
        return SITE_DIR / "index.html"
    if STAGE.exists():
        shutil.rmtree(STAGE)
    stage_src, stage_out = STAGE / "src", STAGE / "out"
    stage_src.mkdir(parents=True)
    stage_sources(stage_src)
    runs = execute_all(
        notebooks,
        stage_src,
        defaults,
        keys,
        cache,
        meanwhile=lambda: write_vega_bundle(stage_src / "_static"),
    )
    cache.keep_only(set(keys.values()))
    datafiles.add_to_book(stage_src)
    changes.add_to_book(stage_src)
    # the appendix part, then build health within it
    reproduce.add_to_book(stage_src, [stage_src / n.relative_to(ROOT) for n in notebooks])
    health.add_to_book(stage_src, runs, TEST_REPORT)
    editions.stage(stage_src)
    staged = [stage_src / n.relative_to(ROOT) for n in notebooks]
    offer_notebooks(staged, stage_src / NOTEBOOKS)
    charts = downloads.write(staged, stage_src / "_static" / "downloads")
    print(f"  wrote downloads for {len(charts)} charts", flush=True)
    started = time.perf_counter()
    new_site = build_book(stage_src, stage_out)
    print(f"  built the book in {time.perf_counter() - started:.1f} s", flush=True)
    edition = print_pdf(stage_src, new_site)
    print(
        f"  printed the PDF edition: {edition.pages} pages, "
        f"{edition.path.stat().st_size} bytes, in {edition.seconds:.1f} s",
        flush=True,
    )
    SITE_KEY.unlink(missing_ok=True)
    publish(new_site)
    SITE_KEY.write_text(site_key)
    if uses_committed_inputs():
        # committed notebooks show the committed data and parameters, nothing else
        keep_executed(notebooks, stage_src)
        # and the committed citation names the edition those data make
        editions.write_citation()
    shutil.rmtree(STAGE)
    return SITE_DIR / "index.html"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="digideficit build", description=__doc__)
    parser.add_argument(
        "--clean", action="store_true", help="ignore the cache: execute every chapter again"
    )
    parser.add_argument(
        "--pdf-only",
        action="store_true",
        help="print the PDF edition again from the published site (make pdf)",
    )
    args = parser.parse_args(argv)
    try:
        if args.pdf_only:
            if not (SITE_DIR / "index.html").exists():
                raise BuildError("no published site to print: run `make book` first")
            edition = print_pdf(ROOT, SITE_DIR)
            print(f"\nPDF edition: {shown(edition.path)}, {edition.pages} pages")
            return 0
        index = run(clean=args.clean)
    except BuildError as err:
        print(
            f"\nBUILD FAILED: {err}\nThe previously published site in "
            f"{shown(SITE_DIR)} is unchanged.",
            file=sys.stderr,
        )
        return 1
    print(f"\nSite built: {shown(index)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
