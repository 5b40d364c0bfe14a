"""The claims ledger: every checkable statement of the articles the report started from,
the figure the data give for it and the verdict the rule allows."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from digideficit.analysis import claims
from digideficit.analysis import quantities as q
from digideficit.analysis.findings.references import reader_name
from digideficit.validated import data, params

CHAPTER = "claims-ledger"
# each verdict's phrase (wording.PHRASES) and the short key of its glued count
VERDICT_KEYS = {
    "holds": "holds",
    "differs by definition or vintage": "differs",
    "wrong": "wrong",
    "unverified": "unverified",
}


def places(text: str) -> int:
    """How many decimals a figure is written with, at most the two prose uses."""
    exponent = Decimal(text).as_tuple().exponent
    return min(max(-int(exponent), 0), 2)


def figure(text: str, unit: str, comparison: str = "=") -> object | None:
    """A claimed (or computed) figure as a quantity, in its own unit, with the claim's
    comparison ('more than 3 times'); None for no figure."""
    if not isinstance(text, str) or not text:
        return None
    if unit == "date":
        said: object = q.Period(text)
    elif unit in ("JPY_tn", "JPY_bn", "USD_bn"):
        said = q.Money(Decimal(text), unit=unit, places=places(text))
    elif unit == "percent":
        said = q.Share(float(text) / 100, places=places(text))
    elif unit == "times":
        said = q.Multiple(float(text), places=places(text))
    else:
        said = q.Number(float(text), places=places(text))
    if comparison == ">" and unit == "times" and Decimal(text) == 1:
        # "surpassing": a ratio above one, not "more than 1 times"
        return q.Phrase("ratio-above-one")
    if comparison == ">":
        return q.Phrase("more-than", {"value": said})
    if comparison == "<":
        return q.Phrase("less-than", {"value": said})
    return said


def verdict_phrase(verdict: str) -> q.Phrase:
    return q.Phrase(f"verdict-{VERDICT_KEYS[verdict]}")


def findings(tables: data.Tables | None = None, **parameters) -> q.Findings:
    """The ledger, listing the claims of `verdict` ('all' or one verdict; None: params.yml)."""
    chosen = params.resolve(CHAPTER, **parameters)
    tables = tables or data.load()
    ledger = claims.ledger(tables)
    publishers = tables.sources.set_index("id")["publisher"]
    publishers_ja = tables.sources.set_index("id")["publisher_ja"]
    counts = ledger["verdict"].value_counts().reindex(claims.VERDICTS, fill_value=0)
    values: dict[str, object] = {
        "cl_total": q.Count(len(ledger), "claim"),
        "cl_articles": q.Count(ledger["source_id"].nunique(), "article"),
        "cl_checkable": q.Count(int(len(ledger) - counts["unverified"]), "claim"),
        "cl_under_review": q.Count(int((ledger["status"] == claims.UNDER_REVIEW).sum()), "claim"),
    }
    for verdict, n in counts.items():
        values[f"cl_{VERDICT_KEYS[verdict]}"] = q.Count(int(n), "claim")
    shown = ledger if chosen["verdict"] == "all" else ledger[ledger["verdict"] == chosen["verdict"]]
    values["cl_listed"] = q.Count(len(shown), "claim")
    values["cl_filter"] = (
        q.Phrase("verdict-all")
        if chosen["verdict"] == "all"
        else q.Phrase("verdict-only", {"verdict": verdict_phrase(chosen["verdict"])})
    )
    under_review = shown["status"] == claims.UNDER_REVIEW
    table = pd.DataFrame(
        {
            "claim_id": shown["claim_id"],
            "source_id": shown["source_id"],
            "article": shown["source_id"].map(publishers).map(reader_name),
            "article_ja": shown["source_id"].map(publishers_ja),
            "claimed": [
                figure(t, u, c)
                for t, u, c in zip(
                    shown["claimed"], shown["unit"], shown["comparison"], strict=True
                )
            ],
            "ours": [figure(t, u) for t, u in zip(shown["our_value"], shown["unit"], strict=True)],
            "previous": [
                figure(t, u) if review else None
                for t, u, review in zip(
                    shown["previous_value"], shown["unit"], under_review, strict=True
                )
            ],
            "closer": [
                figure(t, u) for t, u in zip(shown["alternative_value"], shown["unit"], strict=True)
            ],
            "verdict": shown["verdict"].map(verdict_phrase),
            "verdict_key": shown["verdict"],
            "under_review": under_review.to_numpy(),
            "quote": shown["quote"],
            "explanation": shown["explanation"],
            "explanation_ja": shown["explanation_ja"],
            "reference": shown["reference"],
            "our_value": shown["our_value"],
        }
    ).reset_index(drop=True)
    frame = counts.rename_axis("verdict").reset_index(name="claims")
    return q.Findings(
        values=values,
        frames={
            "ledger": table,
            "verdicts": frame,
            # the sources footer names the articles as readers know them
            "sources": tables.sources.assign(
                publisher=tables.sources["publisher"].map(reader_name)
            ),
            "cited": pd.DataFrame({"source_id": sorted(set(tables.claims["source_id"]))}),
            "as_of": pd.DataFrame({"vintage": [tables.boj_monthly["vintage"].max()]}),
        },
        parameters=chosen,
    )
