"""Sphinx extension for the book: drops the live-code (Thebe) scripts that Jupyter Book adds
to every page although live code is off. Its inline configuration is emitted twice, which
is a console error on every page, and it names a CDN the offline site must never need."""

from __future__ import annotations

THEBE_MARKERS = ("THEBE_JS_URL", "sphinx-thebe")


def is_thebe(asset) -> bool:
    text = f"{getattr(asset, 'filename', '') or ''} {asset.attributes.get('body', '')}"
    return any(marker in text for marker in THEBE_MARKERS)


def drop_thebe(app, pagename, templatename, context, doctree):
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [asset for asset in context[key] if not is_thebe(asset)]


def setup(app):
    app.connect("html-page-context", drop_thebe, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
