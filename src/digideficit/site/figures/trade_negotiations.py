"""Trade negotiations: the timeline of US–Japan trade and WTO e-commerce steps, as a chart
for wide screens and a table for every screen."""

from __future__ import annotations

from IPython.display import HTML

from digideficit.analysis import prose, timeline, wording
from digideficit.analysis import quantities as q
from digideficit.site.figures.policy_response import TABLE_HEADERS, TIMELINE_WORDS

WORDS = {
    "en": {
        "title": "US–Japan trade and the WTO's e-commerce rules: {count}, {span}",
        "subtitle": ["One row per step, by date", "Sources: see the table below"],
    },
    "ja": {
        "title": "日米の通商とWTOの電子商取引ルール：{span}の{count}",
        "subtitle": ["1行に1件、日付順", "出所：下の表を参照"],
    },
}


def steps(found: q.Findings, lang: str = "en") -> HTML:
    """The timeline chart (on a phone, a note pointing to the table instead)."""
    words = WORDS[wording.checked(lang)]
    say = lambda value: wording.say(value, lang)  # noqa: E731
    v = found.values
    return timeline.chart(
        timeline.in_language(found.frames["steps"], lang),
        "trade-timeline",
        TIMELINE_WORDS[lang]
        | {
            "title": words["title"].format(count=say(v["tn_count"]), span=say(v["tn_span"])),
            "subtitle": words["subtitle"],
        },
        say,
        lang,
    )


def steps_table(found: q.Findings, lang: str = "en") -> HTML:
    """Every step with its date, figure, source and note."""
    say = lambda value: wording.say(value, lang)  # noqa: E731
    steps = timeline.in_language(found.frames["steps"], lang)
    return prose.table(timeline.table(steps, say, TABLE_HEADERS[lang]))


def sources(found: q.Findings, lang: str = "en") -> HTML:
    """The page's sources footer."""
    return prose.sources_footer(found.frames["sources"], found.frames["cited"], lang=lang)
