"""Japan beside other economies: METI's finding (signs only), each economy's published
figure on its own definition, and the wider export measures of digital trade."""

from __future__ import annotations

import pandas as pd

from digideficit.analysis import international
from digideficit.analysis import quantities as q
from digideficit.analysis.series import with_sources
from digideficit.validated import data, params

CHAPTER = "international"


def _figure(rows: pd.DataFrame, economy: str, measure: str, source_id: str | None = None):
    row = international.pick(rows, economy, measure, source_id)
    if row is None:
        raise LookupError(f"no figure for {economy} on {measure}, which the prose states")
    return row


def _exports(rows: pd.DataFrame, economy: str, measure: str) -> pd.Series:
    found = rows[(rows["economy"] == economy) & (rows["measure"] == measure)]
    if found.empty:
        raise LookupError(f"no exports of {economy} on {measure}, which the prose states")
    return found.sort_values("period").iloc[-1]


def findings(**parameters) -> q.Findings:
    """The chapter's findings; `measure` chooses the definition charted (the prose compares
    within each definition, whatever is charted)."""
    chosen = params.resolve(CHAPTER, **parameters)
    tables = data.load()
    everything = international.figures(tables)
    charted = international.figures(tables, chosen["measure"])
    charted = charted[charted["measure"].isin(international.CHARTED)].reset_index(drop=True)
    meti = international.meti_finding(tables)
    if "Japan" not in meti["surplus"] + meti["deficit"]:
        raise LookupError("METI's finding in the data does not place Japan")
    shipped = international.exports(tables)
    signs = tables.international[tables.international["flow"] == "sign"]

    related = everything[everything["measure"] == "digital_related"]
    top = related.loc[related["usd_bn"].idxmax()]
    japan_ict = _figure(everything, "Japan", "ict_services")
    same = japan_ict["source_id"]
    values: dict[str, object] = {
        "in_meti_count": q.Count(len(meti["surplus"]) + len(meti["deficit"]), "economy"),
        "in_meti_surplus": q.Listing(tuple(international.economy(e) for e in meti["surplus"])),
        "in_meti_deficit": q.Listing(
            tuple(international.economy(e) for e in meti["deficit"] if e != "Japan")
        ),
        "in_meti_japan": q.Phrase("a-deficit" if "Japan" in meti["deficit"] else "a-surplus"),
        "in_figure_count": q.Count(len(everything), "figure"),
        "in_economy_count": q.Count(int(everything["economy"].nunique()), "economy"),
        "in_charted_count": q.Count(int(charted["economy"].nunique()), "economy"),
        "in_japan_digital": international.balance(_figure(everything, "Japan", "digital_related")),
        "in_japan_digital_standing": international.standing(everything, "Japan", "digital_related"),
        "in_top_digital_economy": international.economy(top["economy"]),
        "in_top_digital": international.balance(top),
        "in_japan_ict": international.balance(japan_ict),
        "in_ireland_ict": international.balance(
            _figure(everything, "Ireland", "ict_services", same)
        ),
        "in_india_ict": international.balance(_figure(everything, "India", "ict_services", same)),
        "in_korea_knowledge": international.balance(
            _figure(everything, "South Korea", "knowledge_services")
        ),
        "in_korea_ict": international.balance(
            _figure(everything, "South Korea", "ict_services_bok")
        ),
        "in_us_services": international.balance(
            _figure(everything, "United States", "all_services")
        ),
        "in_world_deliverable": international.exported(
            _exports(shipped, "World", "digitally_deliverable")
        ),
        "in_world_delivered": international.exported(
            _exports(shipped, "World", "digitally_delivered")
        ),
        "in_india_delivered": international.exported(
            _exports(shipped, "India", "digitally_delivered")
        ),
    }
    cited = pd.concat(
        [everything["source_id"], shipped["source_id"], signs["source_id"]], ignore_index=True
    )
    return q.Findings(
        values,
        {
            "charted": charted,
            "ranked": international.largest_comparison(charted),
            "shipped": shipped,
            "meti": with_sources(signs, tables.sources),
            "cited": pd.DataFrame({"source_id": cited}),
            "sources": tables.sources,
            "parameters": pd.DataFrame(
                {"parameter": list(chosen), "value": [str(v) for v in chosen.values()]}
            ),
        },
    )
