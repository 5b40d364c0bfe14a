"""References: the sources of one kind as a list, each with its published and accessed
dates, its address and what the report uses it for."""

from __future__ import annotations

import html

from IPython.display import HTML

from digideficit.analysis import quantities as q
from digideficit.analysis import wording
from digideficit.analysis.quantities import Findings

WORDS = {
    "en": {
        "published": "Published {date}",
        "accessed": "accessed {date}",
        "no_address": "no public address recorded",
        "used_for": "Used for: {uses}.",
        "stop": ". ",
        "unused": "no figure in the data",
        "uses": {
            "boj_monthly": "official monthly series",
            "boj_quarterly": "official regional series",
            "digital_services": "published digital figures",
            "context": "context figures",
            "international": "international comparison",
            "projections": "projections",
            "events": "timeline events",
            "claims": "claims ledger",
        },
    },
    "ja": {
        "published": "公表 {date}",
        "accessed": "閲覧 {date}",
        "no_address": "公開アドレスの記録なし",
        "used_for": "用途：{uses}。",
        "stop": "。",
        "unused": "データ中の数値なし",
        "uses": {
            "boj_monthly": "公式月次系列",
            "boj_quarterly": "公式地域別系列",
            "digital_services": "公表されたデジタル関連の数値",
            "context": "比較対象の数値",
            "international": "国際比較",
            "projections": "見通し",
            "events": "年表の出来事",
            "claims": "主張の検証表",
        },
    },
}


def date(code: str, lang: str) -> str:
    """'2024-02-29', '2024-02' or '2026' as the reader's language writes it."""
    return wording.say(q.Period(code), lang)


def sentence(text: str, lang: str = "en") -> str:
    """Text as a sentence of an entry: capital first letter, closing full stop (none added
    after one of its own: 'Dentsu Inc.', 'Is the deficit bad?'); in Japanese, a closing 。"""
    text = text.strip()
    if not text:
        return text
    if lang == "ja":
        return text if text[-1] in "。？！?!" else f"{text}。"
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".?!。" else f"{text}."


def quoted(title: str) -> str:
    """A title as it stands inside 「」: its own 「」 become 『』."""
    return title.strip().translate(str.maketrans("「」", "『』"))


def entry(source, lang: str) -> str:
    w = WORDS[lang]
    e = html.escape
    dates = (
        w["published"].format(date=date(source["published"], lang))
        + ("; " if lang == "en" else "、")
        + w["accessed"].format(date=date(source["accessed"], lang))
    )
    address = (
        f'<a href="{e(source["url"], quote=True)}">{e(source["url"])}</a>'
        if source["url"]
        else e(w["no_address"])
    )
    # the Japanese edition names the publisher and gives the note as the sources file writes
    # them in Japanese
    publisher, note = (
        (source["publisher_ja"], source["note_ja"])
        if lang == "ja"
        else (source["publisher"], source["note"])
    )
    note = e(sentence(note, lang)) if note else ""
    uses = ("、" if lang == "ja" else ", ").join(w["uses"][u] for u in source["used_in"])
    uses = uses or w["unused"]
    stop = w["stop"]
    return (
        f'<li id="src-{e(source["id"], quote=True)}">'
        + (
            # Japanese names the publisher, then the title in 「」 (a quotation inside it in
            # 『』), without full stops
            f"<strong>{e(publisher)}</strong>「{e(quoted(wording.title(source['title'], lang)))}」"
            f"{e(dates)}"
            if lang == "ja"
            else f"<strong>{e(sentence(publisher))}</strong> "
            f"<em>{e(sentence(source['title']))}</em> {e(dates)}"
        )
        + f"{stop}{address}{stop}{note} "
        f'<span class="dd-uses">{e(w["used_for"].format(uses=uses))}</span></li>'
    )


def sources(found: Findings, kind: str, lang: str = "en") -> HTML:
    """Every source of `kind` (official, press, analysis, secondary, seed), in order."""
    wording.checked(lang)
    listed = found.frames["sources"]
    chosen = listed[listed["kind"] == kind]
    items = "".join(entry(source, lang) for _, source in chosen.iterrows())
    return HTML(f'<ol class="dd-references">{items}</ol>')
