"""Policy response: the timelines of Japan's steps and of foreign providers' investment, each
as a chart for wide screens and a table for every screen; the words both timelines of the
report share."""

from __future__ import annotations

from IPython.display import HTML

from digideficit.analysis import prose, timeline, wording
from digideficit.analysis import quantities as q

# the words of every timeline chart (trade negotiations uses them too)
TIMELINE_WORDS = {
    "en": {
        "date": "date",
        "description": "Timeline of {count}, {span}: {events}.",
        "narrow": "On a narrow screen the timeline is given as the table below, which lists "
        "every step with its source.",
    },
    "ja": {
        "date": "日付",
        "description": "{span}の{count}の年表：{events}。",
        "narrow": "画面幅が狭い場合、年表は下の表で示します（各項目に出所を付記）。",
        "tooltips": {"date": "日付", "event": "出来事", "figure": "数値", "publisher": "出所"},
        "wide_labels": True,
        "event_line": "{date}、{event}",
        "joiner": "。",
        "download": {
            "columns": {
                "id": "ID",
                "track": "分野",
                "date": "日付",
                "event": "出来事",
                "value": "値",
                "unit": "単位",
                "figure": "数値",
                "figure_unit": "数値の単位",
                "vintage": "公表時点",
                "source": "出典",
                "source_id": "出典ID",
            },
            "unit": "日付（YYYY-MM-DD。出典に日の記載がない場合はYYYY-MMまたはYYYY）",
            "tracks": {"policy": "政策", "trade": "通商", "private-sector": "企業"},
            "units": {
                "percent": "%",
                "count": "数",
                "JPY_tn": "兆円",
                "JPY_bn": "10億円",
                "JPY_m": "100万円",
                "USD_bn": "10億ドル",
            },
            "between": "：",
        },
    },
}
TABLE_HEADERS = {
    "en": {
        "date": "date",
        "event": "event",
        "figure": "figure",
        "source": "source",
        "note": "note",
    },
    "ja": {"date": "日付", "event": "出来事", "figure": "数値", "source": "出所", "note": "注記"},
}
WORDS = {
    "en": {
        "policy_title": "Japan's response to the digital deficit: {count}, {span}",
        "company_title": "Company actions: {count}, {span}",
        "subtitle": ["One row per step, by date", "Sources: see the table below"],
    },
    "ja": {
        "policy_title": "デジタル赤字への日本の対応：{span}の{count}",
        "company_title": "企業の動き：{span}の{count}",
        "subtitle": ["1行に1件、日付順", "出所：下の表を参照"],
    },
}


def _timeline(found: q.Findings, lang: str, frame: str, name: str, title: str, keys) -> HTML:
    words = WORDS[wording.checked(lang)]
    say = lambda value: wording.say(value, lang)  # noqa: E731
    count, span = (found.values[key] for key in keys)
    return timeline.chart(
        timeline.in_language(found.frames[frame], lang),
        name,
        TIMELINE_WORDS[lang]
        | {
            "title": words[title].format(count=say(count), span=say(span)),
            "subtitle": words["subtitle"],
        },
        say,
        lang,
    )


def steps(found: q.Findings, lang: str = "en") -> HTML:
    """Japan's policy steps (on a phone, a note pointing to the table instead)."""
    return _timeline(
        found, lang, "steps", "policy-timeline", "policy_title", ("pr_count", "pr_span")
    )


def companies(found: q.Findings, lang: str = "en") -> HTML:
    """Company actions (on a phone, a note pointing to the table instead)."""
    return _timeline(
        found,
        lang,
        "companies",
        "company-timeline",
        "company_title",
        ("pr_company_count", "pr_company_span"),
    )


def steps_table(found: q.Findings, lang: str = "en") -> HTML:
    say = lambda value: wording.say(value, lang)  # noqa: E731
    steps = timeline.in_language(found.frames["steps"], lang)
    return prose.table(timeline.table(steps, say, TABLE_HEADERS[lang]))


def companies_table(found: q.Findings, lang: str = "en") -> HTML:
    say = lambda value: wording.say(value, lang)  # noqa: E731
    companies = timeline.in_language(found.frames["companies"], lang)
    return prose.table(timeline.table(companies, say, TABLE_HEADERS[lang]))


def sources(found: q.Findings, lang: str = "en") -> HTML:
    """The page's sources footer."""
    return prose.sources_footer(found.frames["sources"], found.frames["cited"], lang=lang)
