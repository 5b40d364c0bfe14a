"""What a chapter notebook calls after computing its findings: glue every finding, in the
page's language, for the `{glue:md}` roles of its Markdown."""

from __future__ import annotations

from digideficit.analysis import prose
from digideficit.analysis.quantities import Findings
from digideficit.site import wording


def glue(found: Findings, lang: str = "en") -> dict[str, str]:
    """Glues each finding under its key, phrased in `lang`; returns what was glued."""
    said = {key: wording.say(value, lang) for key, value in found.values.items()}
    for key, text in said.items():
        prose.glue_text(key, text)
    return said
