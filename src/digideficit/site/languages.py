"""The report's two editions by language: where each book lives, what its configuration
says, and how every page leads to the same page in the other language.

The English book is the project itself (`_toc.yml`, `chapters/`); the Japanese book is
`ja/` (`ja/_toc.yml`, `ja/chapters/` with the same file names), built into the site's
`ja/` folder. Both are made from one computation: the chapters call the same findings and
only the wording differs (`wording`).
"""

from __future__ import annotations

import copy
from pathlib import Path

from digideficit.analysis.wording import LANGS
from digideficit.site.incremental import BOOKS

FOLDER = BOOKS  # each book's folder, in the project and in the built site
NAME = {"en": "English", "ja": "日本語"}  # each language named in itself, for the switch
TITLE = {
    "en": "Japan's digital trade deficit",
    "ja": "日本のデジタル赤字",
}
SWITCH_HINT = {"en": "This page in English", "ja": "このページを日本語で読む"}


def book(lang: str, root: Path) -> Path:
    """The folder of the book in `lang` under a project (or staging) root."""
    return root / FOLDER[lang] if FOLDER[lang] else root


def other(lang: str) -> str:
    return next(candidate for candidate in LANGS if candidate != lang)


def config(lang: str, english: dict) -> dict:
    """The Japanese book's `_config.yml`: the English one in another language and title.
    Sphinx then sets `<html lang>`, uses its Japanese word splitter for the search index,
    and the theme its Japanese interface words."""
    from digideficit.analysis import citation

    configured = copy.deepcopy(english)
    if lang == "en":
        return configured
    configured["title"] = TITLE[lang]
    configured["author"] = citation.AUTHORS[lang]
    configured.setdefault("sphinx", {}).setdefault("config", {})["language"] = lang
    return configured


def page_language(config_language: str | None) -> str:
    """A book's language as Sphinx reports it (None or "en" for the English book)."""
    return config_language if config_language in LANGS else "en"


def counterpart(pagename: str, lang: str) -> str:
    """The relative address, from page `pagename` of the book in `lang`, of the same page
    in the other language: the Japanese book sits one folder below the English one."""
    depth = pagename.count("/")
    if lang == "en":
        return "../" * depth + f"{FOLDER[other(lang)]}/{pagename}.html"
    return "../" * (depth + 1) + f"{pagename}.html"


def switch(pagename: str, lang: str) -> dict[str, str]:
    """What the page template needs for the language switch and the `hreflang` links."""
    target = other(lang)
    return {
        "href": counterpart(pagename, lang),
        "lang": target,
        "name": NAME[target],
        "hint": SWITCH_HINT[target],
        "self_lang": lang,
    }
