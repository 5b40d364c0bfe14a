"""Where things live, computed from this file rather than the working directory."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def data_dir() -> Path:
    """The data folder; `DIGIDEFICIT_DATA_DIR` points the whole build at another one (tests)."""
    override = os.environ.get("DIGIDEFICIT_DATA_DIR")
    return Path(override).resolve() if override else ROOT / "data"


def params_file() -> Path:
    """The default parameters; `DIGIDEFICIT_PARAMS` points the build at another file (tests)."""
    override = os.environ.get("DIGIDEFICIT_PARAMS")
    return Path(override).resolve() if override else ROOT / "params.yml"


CHAPTERS_DIR = ROOT / "chapters"
BUILD_DIR = ROOT / "_build"
SITE_DIR = BUILD_DIR / "html"
