"""`python -m digideficit COMMAND [OPTIONS]` (or `digideficit COMMAND`): the report's
commands, named by the stage they start from. `make` calls the same modules directly."""

import importlib
import sys

COMMANDS = {
    "update": (
        "digideficit.sources.update",
        "validate new figures, show what changes, write data/, rebuild",
    ),
    "fetch": (
        "digideficit.sources.fetch.__main__",
        "official series from the Bank of Japan (flat files or API)",
    ),
    "refresh": (
        "digideficit.sources.refresh",
        "the monthly refresh: fetch, then a pull-request or issue text",
    ),
    "build": ("digideficit.site.build", "execute the chapters and build the site and its PDF"),
    "release": ("digideficit.site.release", "the built site as an archive named by its edition"),
    "citation": ("digideficit.site.editions", "write CITATION.cff for the edition of the data"),
    "bench": ("digideficit.site.bench", "time builds against a floor; writes _build/bench.json"),
}


def usage() -> str:
    lines = [f"  {name:<8} {summary}" for name, (_module, summary) in COMMANDS.items()]
    return "usage: digideficit COMMAND [OPTIONS]\n\ncommands:\n" + "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in {"-h", "--help"}:
        print(usage())
        return 0
    command, *options = argv
    if command not in COMMANDS:
        print(f"digideficit: no command {command!r}\n\n{usage()}", file=sys.stderr)
        return 2
    module = importlib.import_module(COMMANDS[command][0])
    return module.main(options)


if __name__ == "__main__":
    sys.exit(main())
