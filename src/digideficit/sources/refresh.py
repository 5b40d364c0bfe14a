"""`make refresh`: the monthly refresh that the scheduled workflow runs (and a maintainer can).

It fetches the Bank of Japan's flat files the way `make fetch` does and ends in one of three
outcomes, each written to `_build/refresh/` for the workflow to act on:

- **changed** (exit 0): the files bring new or revised figures. They are written to data/
  with `CITATION.cff` for the new edition, the check command runs (`make test` in the
  workflow: the site is built and every test passes), and `pr-body.md` holds what a
  reviewer needs — the files read, the rows added and revised, how the headline figures
  move, the claims to review, what changed in data/. The workflow opens a pull request.
- **failed** (exit 1): the fetch failed (a file not served, broken, not passing the checks),
  or the check command failed with the new figures. data/ and `CITATION.cff` are left (or
  put back) exactly as they were, and `issue-body.md` quotes the error. The workflow opens
  an issue.
- **unchanged** (exit 3): every value is already in data/. Nothing is written.

`outcome` holds the word, `title.txt` the title of the pull request or issue.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from digideficit.analysis import edition
from digideficit.paths import CHAPTERS_DIR, SITE_DIR, build_dir, data_dir
from digideficit.site import editions
from digideficit.sources import update
from digideficit.sources.fetch import __main__ as fetch
from digideficit.sources.fetch import convert, flat
from digideficit.sources.fetch.boj_api import FetchError
from digideficit.validated import data
from digideficit.validated.schema import DataValidationError

CHANGED, FAILED, UNCHANGED = 0, 1, 3
OUTCOME_NAMES = {CHANGED: "changed", FAILED: "failed", UNCHANGED: "unchanged"}
OUTPUTS = ("outcome", "title.txt", "pr-body.md", "issue-body.md")
# GitHub refuses a pull request or issue body longer than 65,536 characters
BODY_LIMIT = 60_000
TAIL_LINES = 60  # of the check command's output, quoted when it fails


def output_dir() -> Path:
    return build_dir() / "refresh"


@dataclass
class Kept:
    """Files as they were before the refresh wrote anything: every file of some folders
    (data/, the chapter notebooks the build executes) and single files (`CITATION.cff`;
    None for one that did not exist), to put back byte for byte if the check fails."""

    folders: list[Path]
    files: dict[Path, bytes | None]

    @classmethod
    def take(cls, folders: list[Path], singles: list[Path]) -> Kept:
        files: dict[Path, bytes | None] = {
            p: p.read_bytes()
            for folder in folders
            for p in sorted(folder.rglob("*"))
            if p.is_file()
        }
        files |= {p: p.read_bytes() if p.exists() else None for p in singles}
        return cls(folders, files)

    def restore(self) -> None:
        for folder in self.folders:
            for path in sorted(folder.rglob("*"), reverse=True):
                if path.is_file() and path not in self.files:
                    path.unlink()
                elif path.is_dir() and not any(path.iterdir()):
                    path.rmdir()
        for path, body in self.files.items():
            if body is None:
                path.unlink(missing_ok=True)
            elif not path.exists() or path.read_bytes() != body:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(body)

    def changes(self, folder: Path) -> list[tuple[str, str]]:
        """(file, what happened to it) for every file of `folder` written since."""
        found = []
        for path in sorted(folder.rglob("*")):
            if not path.is_file():
                continue
            name = path.relative_to(folder).as_posix()
            body, before = path.read_bytes(), self.files.get(path)
            if before is None:
                digest = hashlib.sha256(body).hexdigest()
                found.append((name, f"new file, {len(body):,} bytes (SHA-256 {digest[:12]}…)"))
            elif body != before:
                if name.endswith(".csv") and body.startswith(before):
                    added = body[len(before) :].count(b"\n")
                    found.append((name, f"{added} row{'s' if added != 1 else ''} added"))
                else:
                    found.append((name, "rewritten"))
        return found


@contextmanager
def site_kept(site: Path):
    """A copy of the published site, put back by `put_back()` (a check that builds the site
    with figures it then refuses must not leave them published)."""
    with tempfile.TemporaryDirectory(prefix="dd-refresh-site-") as folder:
        aside = Path(folder) / "html"
        if site.exists():
            shutil.copytree(site, aside, symlinks=True)

        def put_back() -> None:
            if site.exists():
                shutil.rmtree(site)
            if aside.exists():
                shutil.move(aside, site)

        yield put_back


def fenced(lines: list[str] | str) -> str:
    text = lines if isinstance(lines, str) else "\n".join(lines)
    return f"```text\n{text.strip()}\n```"


def limited(body: str) -> str:
    if len(body) <= BODY_LIMIT:
        return body
    return (
        body[:BODY_LIMIT]
        + "\n\n… (cut at the length GitHub accepts: the workflow's log has the whole text)\n"
    )


def source_url() -> str:
    return os.environ.get("BOJ_FLAT_URL") or flat.OFFICIAL_URL


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")


def issue(message: str, before: edition.Edition | None, context: str = "") -> tuple[str, str]:
    """(title, body) of the issue a failed refresh opens."""
    first_line = message.strip().splitlines()[0] if message.strip() else "no message"
    published = before.label() if before else "the one last published"
    body = [
        "The monthly refresh (`make refresh`) stopped, and changed nothing: `data/`, "
        "`CITATION.cff` and the published site are as they were.",
        "",
        f"**What failed** ({now()}, files from {source_url()}):",
        "",
        fenced(message),
        "",
        f"The edition still published: {published}.",
        "",
        "To see it again on a maintainer's machine: `make fetch DRY=1` (download, check and "
        "show what would change, writing nothing), or `make refresh`.",
    ]
    if context:
        body += ["", context]
    return f"Monthly refresh failed: {first_line[:120]}", "\n".join(body) + "\n"


def pull_request(
    before: edition.Edition,
    after: edition.Edition,
    fetched_report: list[str],
    report: list[str],
    data_changes: list[tuple[str, str]],
    checked: str | None,
) -> tuple[str, str]:
    """(title, body) of the pull request that brings new figures in."""
    if checked:
        verified = f"With them `{checked}` passed before this pull request was opened."
    else:
        verified = "The site has not been built or tested with them: no check was run."
    rows = [f"| `data/{name}` | {what} |" for name, what in data_changes]
    body = [
        f"## {after.label()}",
        "",
        "The monthly refresh (`make refresh`) found new or revised figures in the Bank of "
        "Japan's flat files. This pull request writes them to `data/` (no value is "
        "overwritten: a revised month is a new row with the file's date), with the chapters "
        f"executed on them and `CITATION.cff` for the new edition. {verified}",
        "",
        f"**Edition:** {before.label()} → **{after.label()}**",
        "",
        "### The files read",
        "",
        fenced(fetched_report),
        "",
        "### Rows added and revised, how the headline figures move, claims to review",
        "",
        fenced(report),
        "",
        "### What changes in data/",
        "",
        "| file | change |",
        "|---|---|",
        *rows,
        "",
        "### Before merging",
        "",
        '- Claims listed under *Claims to review* are shown as "under review" in the claims '
        "ledger until `data/claims.csv` is reviewed; review them here or in a later change.",
        "- The built site's *What changed* page sets this edition against the previous one.",
        "- Merging publishes the new edition (the workflow on `main` builds and deploys it).",
    ]
    return f"New Bank of Japan figures: {after.label()}", limited("\n".join(body) + "\n")


def run_check(command: str) -> tuple[int, list[str]]:
    """Runs the check command, its output shown as it comes; (exit status, its last lines)."""
    tail: collections.deque[str] = collections.deque(maxlen=TAIL_LINES)
    with subprocess.Popen(
        shlex.split(command),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        errors="replace",
    ) as process:
        assert process.stdout is not None
        for line in process.stdout:
            print(line, end="", flush=True)
            tail.append(line.rstrip("\n"))
    return process.returncode, list(tail)


def write_outputs(out: Path, outcome: int, title: str = "", body: str = "") -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "outcome").write_text(OUTCOME_NAMES[outcome] + "\n", encoding="utf-8")
    if title:
        (out / "title.txt").write_text(title + "\n", encoding="utf-8")
        name = "pr-body.md" if outcome == CHANGED else "issue-body.md"
        (out / name).write_text(body, encoding="utf-8")


def refresh(check: str | None, timeout: float, out: Path) -> int:
    for name in OUTPUTS:
        (out / name).unlink(missing_ok=True)
    current = data_dir()
    citation = editions.citation_path()
    try:
        before = edition.edition(data.load(current))
    except DataValidationError as err:
        title, body = issue(f"the data in data/ do not pass validation:\n{err}", None)
        write_outputs(out, FAILED, title, body)
        print(f"REFRESH FAILED — nothing was fetched.\n{err}", file=sys.stderr)
        return FAILED
    with tempfile.TemporaryDirectory(prefix="dd-refresh-") as workdir:
        work = Path(workdir)
        try:
            fetched = fetch.fetch_flat(current, work, [], timeout)
            print("\n".join(fetched.report))
            if not fetched.new:
                write_outputs(out, UNCHANGED)
                print(f"nothing changed: every value is already in data/ ({before.label()})")
                return UNCHANGED
            candidate, report = update.plan(fetched.updates, current, work)
        except (
            FetchError,
            DataValidationError,
            convert.ConversionError,
            update.UpdateError,
        ) as err:
            title, body = issue(str(err), before)
            write_outputs(out, FAILED, title, body)
            print(f"REFRESH FAILED — data/ is unchanged.\n{err}", file=sys.stderr)
            return FAILED
        print("\n".join(report))
        kept = Kept.take([current, CHAPTERS_DIR], [citation])
        update.apply(candidate, current)
        fetched.keep(current)
    tables = data.load(current)
    after = edition.edition(tables)
    editions.write_citation(tables, citation)
    written = kept.changes(current)
    print(f"\nWritten to {current}: {after.label()}")
    if check:
        with site_kept(SITE_DIR) as put_back:
            status, tail = run_check(check)
            if status != 0:
                put_back()
        if status != 0:
            kept.restore()
            summary = "\n".join(
                [
                    f"The files brought new figures ({after.label()}), but with them "
                    f"`{check}` failed (exit status {status}); they were not kept.",
                    "",
                    "What the files brought:",
                    "",
                    fenced(fetched.report + [""] + report),
                ]
            )
            title, body = issue("\n".join(tail), before, summary)
            write_outputs(out, FAILED, title, limited(body))
            print(
                f"REFRESH FAILED — `{check}` failed; data/, the chapters and the site are put "
                "back as they were.",
                file=sys.stderr,
            )
            return FAILED
    title, body = pull_request(before, after, fetched.report, report, written, check)
    write_outputs(out, CHANGED, title, body)
    print(f"\nNew figures: {out / 'pr-body.md'} describes them.")
    return CHANGED


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="digideficit refresh", description=__doc__)
    parser.add_argument(
        "--check",
        metavar="COMMAND",
        help="run after new figures are written (make refresh: `make test`); if it fails "
        "they are put back and the outcome is an issue",
    )
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per download")
    args = parser.parse_args(argv)
    return refresh(args.check, args.timeout, output_dir())


if __name__ == "__main__":
    sys.exit(main())
