"""Where things live, computed from this file rather than the working directory."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def data_dir() -> Path:
    """The data folder; `DIGIDEFICIT_DATA_DIR` points the whole build at another one (tests)."""
    override = os.environ.get("DIGIDEFICIT_DATA_DIR")
    return Path(override).resolve() if override else ROOT / "data"


CHAPTERS_DIR = ROOT / "chapters"
PARAMS_FILE = ROOT / "params.yml"
BUILD_DIR = ROOT / "_build"
SITE_DIR = BUILD_DIR / "html"
