"""References: every source the data cite, with the date it was published and the date the
report read it, and what each is used for."""

from __future__ import annotations

import re

import pandas as pd

from digideficit.analysis import quantities as q
from digideficit.validated import data, params

CHAPTER = "references"
# the data tables whose rows cite a source, in the order a reader meets them
CITING_TABLES = (
    "boj_monthly",
    "boj_quarterly",
    "digital_services",
    "context",
    "international",
    "projections",
    "events",
    "claims",
)
# the order the page lists the kinds of source in
KIND_ORDER = ("official", "press", "analysis", "secondary", "seed")
SEED_MARK = re.compile(r"\bseed (\d{3})\b")


def reader_name(publisher: str) -> str:
    """A publisher as readers know it, without the project's own numbering of the articles
    it started from: 'AInvest (seed 000)' → 'AInvest'; 'biz360 (rewrite of a Nikkei Asia
    article; seed 003)' → 'biz360 (rewrite of a Nikkei Asia article)'."""
    name = re.sub(r"\s*\(seed \d{3}\)", "", publisher)
    return re.sub(r";\s*seed \d{3}\)", ")", name).strip()


def seed_names(sources: pd.DataFrame) -> dict[str, str]:
    """'000' → the reader's name of that article's publisher."""
    seeds = sources[sources["kind"] == "seed"]
    return {
        match.group(1): re.sub(r"\s*\(.*\)$", "", publisher)
        for publisher in seeds["publisher"]
        if (match := SEED_MARK.search(publisher))
    }


FILE_NAME = r"[\w./-]+\.(?:csv|zip|json|xlsx?|ipynb)\b"


def reader_note(note: str, names: dict[str, str]) -> str:
    """A source's note as the references page shows it: the articles named by their
    publisher, and without the repository's own file paths (the data page keeps those)."""
    text = SEED_MARK.sub(lambda m: names.get(m.group(1), "an article this report checks"), note)
    text = re.sub(
        r"\b([Tt])he seed text\b", lambda m: f"{m.group(1)}he text the project started from", text
    )
    text = re.sub(r";\s*kept byte for byte in data/\S+( \(see [^)]*\))?", "", text)
    # where a stored copy sits (a repository's path, a file) is for maintainers, not readers
    text = re.sub(rf"\s*\([^()]*{FILE_NAME}[^()]*\)", "", text)
    kept = [part for part in re.split(r";\s*", text) if not re.search(FILE_NAME, part)]
    return "; ".join(kept).strip()


def findings(tables: data.Tables | None = None, **parameters) -> q.Findings:
    """Every source, by kind, with its dates and uses (`lang` only: no other parameter)."""
    chosen = params.resolve(CHAPTER, **parameters)
    tables = tables or data.load()
    sources = tables.sources
    used: dict[str, list[str]] = {}
    for name in CITING_TABLES:
        for source_id in getattr(tables, name)["source_id"].unique():
            used.setdefault(source_id, []).append(name)
    names = seed_names(sources)
    order = {kind: i for i, kind in enumerate(KIND_ORDER)}
    listed = pd.DataFrame(
        {
            "id": sources["id"],
            "kind": sources["kind"],
            "publisher": sources["publisher"].map(reader_name),
            # the Japanese edition's words, written for its readers in the sources file
            "publisher_ja": sources["publisher_ja"],
            "title": sources["title"],
            "published": sources["date"],
            "accessed": sources["accessed"],
            "url": sources["url"],
            "note": sources["note"].map(lambda n: reader_note(n, names)),
            "note_ja": sources["note_ja"],
            "used_in": sources["id"].map(lambda s: tuple(used.get(s, ()))),
        }
    )
    listed = listed.assign(_order=listed["kind"].map(order), _name=listed["publisher"].str.lower())
    listed = listed.sort_values(["_order", "_name", "published", "id"]).drop(
        columns=["_order", "_name"]
    )
    values: dict[str, object] = {
        "rf_count": q.Count(len(listed), "source"),
        "rf_cited": q.Count(int(listed["used_in"].map(bool).sum()), "source"),
        "rf_accessed": q.Span(listed["accessed"].min(), listed["accessed"].max()),
    }
    for kind in KIND_ORDER:
        n = int((listed["kind"] == kind).sum())
        values[f"rf_{kind}"] = q.Count(n, "article" if kind == "seed" else "source")
    return q.Findings(
        values=values, frames={"sources": listed.reset_index(drop=True)}, parameters=chosen
    )
