"""The edition on everything readers get: a line on every page of the site (the template
`_templates/layout.html` shows what `stage` writes into the staged configuration), the PDF's
cover, and `CITATION.cff` beside the data (`make citation`; the build rewrites it when it
reads the committed data, so that the committed file cannot go stale).

The edition itself — its date, latest month and labels — comes from one function,
`digideficit.analysis.edition.edition`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from digideficit.analysis import edition
from digideficit.paths import data_dir
from digideficit.site import changes
from digideficit.validated import data
from digideficit.validated.schema import DataValidationError

CITATION = "CITATION.cff"


def context(named: edition.Edition, lang: str = "en") -> dict[str, str]:
    """What the page template reads (`html_context`), in the book's language."""
    return {
        "dd_edition": named.label(lang),
        "dd_what_changed": changes.WORDING[lang].title,
        "dd_edition_date": named.date,
    }


def stage(book: Path, tables: data.Tables | None = None, lang: str = "en") -> edition.Edition:
    """Writes the edition into the staged book's `_config.yml`, for every page to show."""
    named = edition.edition(tables)
    config_path = book / "_config.yml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    sphinx_config = config.setdefault("sphinx", {}).setdefault("config", {})
    sphinx_config.setdefault("html_context", {}).update(context(named, lang))
    config_path.write_text(
        yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    return named


def citation_path() -> Path:
    """`CITATION.cff` lives at the root of the project the data belong to (beside data/)."""
    return data_dir().parent / CITATION


def write_citation(tables: data.Tables | None = None, path: Path | None = None) -> bool:
    """Writes `CITATION.cff` for the edition the data make; True when its text changed."""
    path = path or citation_path()
    text = edition.citation_file(tables)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="digideficit citation", description=__doc__)
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if CITATION.cff is not what the data make",
    )
    args = parser.parse_args(argv)
    path = citation_path()
    try:
        tables = data.load()
    except DataValidationError as err:
        print(f"CITATION.cff not written: the data do not pass validation.\n{err}", file=sys.stderr)
        return 1
    named = edition.edition(tables)
    if args.check:
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != edition.citation_file(tables):
            print(f"{path} is not the {named.label()}: run `make citation`", file=sys.stderr)
            return 1
        print(f"{path}: {named.label()}")
        return 0
    changed = write_citation(tables, path)
    print(f"{path}: {named.label()}" + ("" if changed else " (unchanged)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
