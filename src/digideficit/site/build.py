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
    languages,
    pdf,
    reproduce,
)
from digideficit.site.incremental import toc_entries, toc_notebooks  # noqa: F401 (read here by tests)
from digideficit.site.notebooks import normalise
from digideficit.site.sphinx_ext import NOTEBOOKS, PDF, PDF_TEXTS
from digideficit.validated import data, params
from digideficit.validated.schema import DataValidationError

BOOK_FILES = ["_config.yml", "_toc.yml", "_static", "_templates", "chapters", "ja"]
# what every book of the site shares: the Japanese book gets its own copy of these
SHARED_BOOK_FILES = ["_static", "_templates"]
STAGE = BUILD_DIR / ".stage"
PDF_CACHE = BUILD_DIR / ".pdf-cache"  # pages printed before, by content (see pdf.PrintCache)
SITE_KEY = incremental.SITE_KEY  # content hash of the inputs of the published site
TEST_REPORT = BUILD_DIR / "test-report.xml"  # written by `make test`; read by the health page


class BuildError(RuntimeError):
    """A step failed; the message says which and why."""


def book_notebooks(root: Path = ROOT) -> dict[str, list[Path]]:
    """Each language's chapters, in reading order. Every English chapter has its Japanese
    twin of the same name: a missing or extra one stops the build."""
    found = incremental.edition_notebooks(root)
    names = {lang: [nb.name for nb in notebooks] for lang, notebooks in found.items()}
    if names["ja"] != names["en"]:
        missing = sorted(set(names["en"]) - set(names["ja"]))
        extra = sorted(set(names["ja"]) - set(names["en"]))
        raise BuildError(
            "the Japanese book (ja/_toc.yml, ja/chapters/) must list the English chapters in "
            f"the same order; missing: {missing or 'none'}, not in English: {extra or 'none'}"
        )
    return found


def all_notebooks(books: dict[str, list[Path]]) -> list[Path]:
    return [notebook for lang in languages.LANGS for notebook in books[lang]]


def check_inputs() -> dict:
    """Data and parameters, before anything runs."""
    try:
        data.load()
    except DataValidationError as err:
        raise BuildError(f"data validation failed — nothing was built.\n{err}") from err
    try:
        defaults = params.defaults()
        for notebook in all_notebooks(book_notebooks()):
            params.check(notebook.stem, incremental.parameters_for(notebook, defaults))
    except params.ParameterError as err:
        raise BuildError(f"bad parameter in params.yml — nothing was built.\n{err}") from err
    return defaults


def stage_japanese_book(stage_src: Path) -> Path:
    """The Japanese book beside the English one: its own chapters and table of contents
    (committed under ja/), the shared static files and templates, and a configuration
    made from the English one (`languages.config`)."""
    book = languages.book("ja", stage_src)
    for name in SHARED_BOOK_FILES:
        shutil.copytree(stage_src / name, book / name, dirs_exist_ok=True)
    english = yaml.safe_load((stage_src / "_config.yml").read_text(encoding="utf-8"))
    japanese = languages.config("ja", english)
    (book / "_config.yml").write_text(
        yaml.safe_dump(japanese, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    return book


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
    name = "-".join(notebook.relative_to(ROOT).with_suffix("").parts)
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
            config=socket_file_kernels(sockets / name),
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


def build_book(stage_src: Path, stage_out: Path, lang: str = "en") -> Path:
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
    log_name = "book-build.log" if lang == "en" else f"book-build-{lang}.log"
    (BUILD_DIR / log_name).write_text(log, encoding="utf-8")
    if result.returncode != 0:
        problems = [line for line in log.splitlines() if "WARNING" in line or "ERROR" in line]
        excerpt = "\n  ".join(problems[:20]) or log[-3000:]
        raise BuildError(
            f"Jupyter Book build of the {languages.NAME[lang]} book failed "
            f"(full log: _build/{log_name}):\n  {excerpt}"
        )
    return stage_out / "_build" / "html"


def reading_order(stage_src: Path) -> list[str]:
    """The report's pages as the staged table of contents of one book lists them, as built
    HTML paths within that book; the build-health page describes one build, not the report,
    and stays out of the PDF."""
    toc = yaml.safe_load((stage_src / "_toc.yml").read_text(encoding="utf-8"))
    if stage_src in (languages.book(lang, ROOT) for lang in languages.LANGS):
        # the published site: its generated pages, listed as the build does
        toc["parts"][-1]["chapters"].append({"file": datafiles.PAGE})
        toc["parts"].append({"caption": reproduce.CAPTION, "chapters": [{"file": reproduce.PAGE}]})
    return [
        f"{Path(e).with_suffix('')}.html" for e in toc_entries(toc) if Path(e).stem != health.PAGE
    ]


def print_pdf(
    book_src: Path, new_site: Path, lang: str = "en", cache: Path | None = PDF_CACHE
) -> pdf.Edition:
    """The PDF edition of one language, printed from the new site before it is published,
    and its size written into the link on every page of that language. Pages unchanged
    since an earlier build come from `cache`. A failure stops the build like any other
    step."""
    tables = data.load()
    sources = tables.sources
    vintage = str(sources.loc[sources["kind"] != "seed", "date"].max())
    named = editions_of_data.edition(tables)
    folder = languages.FOLDER[lang]
    book_site = languages.book(lang, new_site)
    order = reading_order(book_src)
    partial = book_site / f"{PDF}.partial"
    try:
        edition = pdf.build(
            new_site,
            [f"{folder}/{page}" if folder else page for page in order],
            partial,
            vintage,
            [named.label(lang), named.label(languages.other(lang))],
            lang=lang,
            cache=cache,
        )
    except pdf.PdfError as err:
        partial.unlink(missing_ok=True)
        raise BuildError(
            f"the {languages.NAME[lang]} PDF edition could not be printed: {err}"
        ) from err
    edition.path = partial.rename(book_site / PDF)
    size = edition.path.stat().st_size
    pdf.link_size(book_site, PDF_TEXTS[lang], size)
    # every page of the report links the PDF (the search and index pages need not)
    pages = order + [f"{health.PAGE}.html"]
    unlinked = [p for p in pages if pdf.size_text(size) not in (book_site / p).read_text("utf-8")]
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
    chosen: dict[Path, dict],
    keys: dict,
    cache,
    meanwhile: Callable[[], None] = lambda: None,
) -> dict[Path, health.Run]:
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
            notebook.stem, record["seconds"], chosen[notebook], record["finished"]
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
                pool.submit(execute, nb, stage_src, chosen[nb], Path(sockets)): nb for nb in todo
            }
            background = thread.submit(meanwhile)
            try:
                for future in as_completed(futures):
                    notebook = futures[future]
                    target, seconds = future.result()
                    record = {"seconds": seconds, "finished": health.now()}
                    cache.put(keys[notebook], target, record)
                    runs[notebook] = health.Run(
                        notebook.stem, seconds, chosen[notebook], record["finished"]
                    )
                    print(f"  executed {shown(notebook)} in {seconds:.1f} s", flush=True)
                background.result()
            except BaseException:
                for future in futures:
                    future.cancel()
                raise
    return runs


def add_generated_pages(stage_src: Path, books: dict[str, list[Path]], runs: dict) -> None:
    """The pages the build writes into each staged book, in its language: the data page,
    what changed, the appendix on reproducing the report, and build health within it. The
    Japanese book takes the data files and the history the English one computed."""
    history = None
    for lang in languages.LANGS:
        book = languages.book(lang, stage_src)
        staged = [stage_src / n.relative_to(ROOT) for n in books[lang]]
        english = None if lang == "en" else stage_src
        datafiles.add_to_book(book, lang=lang, files_from=english)
        history = changes.add_to_book(book, lang=lang, history=history)
        reproduce.add_to_book(book, staged, lang=lang)
        health.add_to_book(book, [runs[n] for n in books[lang]], TEST_REPORT, lang=lang)
        editions.stage(book, lang=lang)
        offer_notebooks(staged, book / NOTEBOOKS)
        charts = downloads.write(staged, book / "_static" / "downloads", lang)
        print(f"  wrote downloads for {len(charts)} charts ({lang})", flush=True)


def build_books(stage_src: Path, stage_out: Path) -> Path:
    """Both books, built side by side (each Jupyter Book run is one process); the Japanese
    site is placed in the English one's `ja/` folder."""
    japanese = languages.book("ja", stage_src)
    with ThreadPoolExecutor(2) as pool:
        english_site = pool.submit(build_book, stage_src, stage_out, "en")
        japanese_site = pool.submit(build_book, japanese, stage_out / "ja", "ja")
        new_site, ja_site = english_site.result(), japanese_site.result()
    ja_site.rename(languages.book("ja", new_site))
    return new_site


def run(clean: bool = False) -> Path:
    BUILD_DIR.mkdir(parents=True, exist_ok=True)
    recover()
    defaults = check_inputs()
    books = book_notebooks()
    notebooks = all_notebooks(books)
    chosen, keys, site_key = incremental.current(defaults)
    cache = incremental.Cache(BUILD_DIR / ".cache")
    if clean:
        cache.keep_only(set())
        pdf.PrintCache(PDF_CACHE, SITE_DIR).keep_only(set())
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
        chosen,
        keys,
        cache,
        meanwhile=lambda: write_vega_bundle(stage_src / "_static"),
    )
    cache.keep_only(set(keys.values()))
    stage_japanese_book(stage_src)
    add_generated_pages(stage_src, books, runs)
    started = time.perf_counter()
    new_site = build_books(stage_src, stage_out)
    print(f"  built both books in {time.perf_counter() - started:.1f} s", flush=True)
    printed_keys: set[str] = set()
    for lang in languages.LANGS:
        edition = print_pdf(languages.book(lang, stage_src), new_site, lang)
        printed_keys.update(edition.keys)
        print(
            f"  printed the PDF edition ({lang}): {edition.pages} pages, "
            f"{edition.path.stat().st_size} bytes, in {edition.seconds:.1f} s; "
            f"{edition.printed} of {len(edition.keys)} site pages printed afresh",
            flush=True,
        )
    pdf.PrintCache(PDF_CACHE, new_site).keep_only(printed_keys)
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
            for lang in languages.LANGS:
                # printed afresh, page by page: "print again" means it
                edition = print_pdf(languages.book(lang, ROOT), SITE_DIR, lang, cache=None)
                print(f"\nPDF edition ({lang}): {shown(edition.path)}, {edition.pages} pages")
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
