"""Trade negotiations: the dated steps of US–Japan trade and the WTO's e-commerce rules, the
US surplus on services, and who is paid (from the Who is paid chapter's figures)."""

from __future__ import annotations

import pandas as pd

from digideficit.analysis import quantities as q
from digideficit.analysis import timeline
from digideficit.analysis.findings import who_is_paid
from digideficit.analysis.series import with_sources
from digideficit.validated import data, params

CHAPTER = "trade-negotiations"
TRACK = "trade"
# glue key → event id: the steps the prose dates
DATED = {
    "tn_wto_launch": "wto-jsi-launch",
    "tn_dta_signed": "usjdta-signed",
    "tn_dta_diet": "usjta-diet-approval",
    "tn_dta_force": "usjdta-in-force",
    "tn_mc13": "wto-mc13-moratorium",
    "tn_wto": "wto-jsi-text",
    "tn_dst": "us-dst-memorandum",
    "tn_baseline": "eo-14257-signed",
    "tn_negotiator": "akazawa-negotiator",
    "tn_japan_rate": "eo-14257-japan-rate",
    "tn_pause": "eo-14266-pause",
    "tn_deal": "us-japan-deal",
    "tn_digital_threat": "us-digital-tax-threat",
    "tn_non_stacking": "eo-14345-non-stacking",
    "tn_mou": "us-japan-investment-mou",
    "tn_tech_deal": "technology-prosperity-deal",
    "tn_ruling": "scotus-ieepa-ruling",
    "tn_surcharge": "section-122-surcharge",
    "tn_surcharge_raised": "section-122-raised",
    "tn_pledge": "japan-keeps-pledge",
    "tn_mc14": "wto-mc14-ecommerce-interim",
    "tn_lapse": "wto-moratorium-lapse",
}
# the steps whose figure the prose states
SIZED = {
    "tn_baseline": "eo-14257-signed",
    "tn_japan_rate": "eo-14257-japan-rate",
    "tn_deal": "us-japan-deal",
    "tn_non_stacking": "eo-14345-non-stacking",
    "tn_mou": "us-japan-investment-mou",
    "tn_tech_deal": "technology-prosperity-deal",
    "tn_pledge": "japan-keeps-pledge",
}


def findings(**parameters) -> q.Findings:
    """The chapter's findings; `first_year` is where the timeline chart and table start (the
    prose dates every step it names, whatever the first year)."""
    chosen = params.resolve(CHAPTER, **parameters)
    tables = data.load()
    every = timeline.events(tables, TRACK)
    steps = timeline.events(tables, TRACK, chosen["first_year"])
    shown = timeline.described(steps)
    values: dict[str, object] = {
        "tn_first_year": q.Period(str(chosen["first_year"])),
        "tn_count": shown["count"],
        "tn_span": shown["span"],
        **timeline.dated(every, DATED),
        **timeline.figured(every, SIZED),
    }
    # the other side of Japan's deficit: the US surplus on all services, as published
    us = with_sources(
        tables.context[tables.context["measure"] == "us_services_surplus"], tables.sources
    ).sort_values("period")
    if us.empty:
        raise LookupError("the context table has no US services surplus, which the prose states")
    surplus = us.iloc[-1]
    values |= {
        "tn_us_services": q.Money(surplus["value_text"], surplus["unit"], places=None),
        "tn_us_services_year": q.Period(surplus["period"]),
        "tn_us_services_source": q.Publisher(surplus["publisher"]),
    }
    # who is paid: the year the Who is paid chapter ranks
    paid = who_is_paid.us_paid(tables, params.resolve(who_is_paid.CHAPTER)["year"])
    values |= {f"tn_us_{key}": value for key, value in paid.items()}
    _, regional = who_is_paid.regional_source(tables)
    cited = pd.concat(
        [steps["source_id"], us["source_id"], pd.Series([regional])], ignore_index=True
    )
    return q.Findings(
        values,
        {
            "steps": steps,
            "cited": pd.DataFrame({"source_id": cited}),
            "sources": tables.sources,
            "parameters": pd.DataFrame(
                {"parameter": list(chosen), "value": [str(v) for v in chosen.values()]}
            ),
        },
    )
