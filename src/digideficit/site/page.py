"""What a chapter notebook calls after computing its findings: glue every finding, in the
page's language, for the `{glue:md}` roles of its Markdown."""

from __future__ import annotations

from digideficit.analysis import prose, wording
from digideficit.analysis.quantities import Findings


def said(found: Findings, lang: str = "en") -> dict[str, str]:
    """Each finding phrased in `lang`, by key."""
    return {key: wording.say(value, lang) for key, value in found.values.items()}


def glue(found: Findings, lang: str = "en") -> None:
    """Glues each finding under its key, phrased in `lang` (nothing is displayed)."""
    for key, text in said(found, lang).items():
        prose.glue_text(key, text)
