"""`make book`: the published site is rebuilt only when something it is made of changed.

The check comes first and imports little (see `incremental`): with nothing changed it
answers in well under a second. Otherwise the build runs (`build`), which validates the
data and parameters, executes what changed and swaps the new site in.
"""

from __future__ import annotations

import sys

from digideficit.paths import SITE_DIR
from digideficit.site import incremental
from digideficit.validated import params


def up_to_date() -> bool:
    """True when the published site was built from exactly the current inputs."""
    if not (incremental.SITE_KEY.exists() and (SITE_DIR / "index.html").exists()):
        return False
    try:
        _chosen, _keys, key = incremental.current(params.defaults())
    except (params.ParameterError, OSError, KeyError, ValueError):
        return False  # the build itself reports what is wrong
    return incremental.SITE_KEY.read_text() == key


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv and up_to_date():
        print("  nothing changed since the last build: the published site is up to date")
        return 0
    from digideficit.site import build

    return build.main(argv)


if __name__ == "__main__":
    sys.exit(main())
