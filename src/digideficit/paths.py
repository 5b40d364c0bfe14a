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


def build_dir() -> Path:
    """Where the build stages, caches and publishes; `DIGIDEFICIT_BUILD_DIR` moves it (tests)."""
    override = os.environ.get("DIGIDEFICIT_BUILD_DIR")
    return Path(override).resolve() if override else ROOT / "_build"


def uses_committed_inputs() -> bool:
    """True when the build reads the repository's own data and parameters."""
    return data_dir() == ROOT / "data" and params_file() == ROOT / "params.yml"


CHAPTERS_DIR = ROOT / "chapters"
BUILD_DIR = build_dir()
SITE_DIR = BUILD_DIR / "html"
