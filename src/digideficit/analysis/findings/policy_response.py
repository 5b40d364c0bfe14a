"""Policy response: Japan's dated steps (policy) and foreign providers' investment in Japan
(company actions), and the one target that comes with a baseline."""

from __future__ import annotations

import pandas as pd

from digideficit.analysis import quantities as q
from digideficit.analysis import timeline
from digideficit.analysis.series import with_sources
from digideficit.validated import data, params

CHAPTER = "policy-response"
# glue key → event id: the steps the prose dates
DATED = {
    "pr_cliff": "dx-report-cliff",
    "pr_agency": "digital-agency-launch",
    "pr_first_cloud": "gov-cloud-first-providers",
    "pr_espa": "espa-enacted",
    "pr_more_cloud": "gov-cloud-azure-oci",
    "pr_material": "cloud-critical-material",
    "pr_cloud": "gov-cloud-sakura",
    "pr_aws": "aws-japan-investment",
    "pr_sakura_subsidy": "sakura-cloud-subsidy",
    "pr_panel": "mof-bop-panel-launch",
    "pr_phone_act": "smartphone-act-passed",
    "pr_programme": "priority-programme-2024",
    "pr_panel_report": "mof-bop-panel-report",
    "pr_framework": "ai-semiconductor-framework",
    "pr_phone_designation": "jftc-smartphone-designation",
    "pr_rapidus": "rapidus-support",
    "pr_target": "security-specialist-target",
    "pr_ai_act": "ai-promotion-act-promulgated",
    "pr_ai_chapters": "ai-act-basic-plan-provisions",
    "pr_takaichi": "takaichi-pm",
    "pr_growth": "growth-strategy-hq",
    "pr_espa_revision": "espa-revision-order",
    "pr_package": "strong-economy-package",
    "pr_rapidus_equity": "rapidus-equity-2025",
    "pr_phone_force": "smartphone-act-in-force",
    "pr_ai_draft": "ai-basic-plan-draft",
    "pr_ai_plan": "ai-basic-plan",
    "pr_sakura_deadline": "sakura-cloud-deadline",
}
# the steps whose figure the prose states
SIZED = {
    "pr_cliff": "dx-report-cliff",
    "pr_first_cloud": "gov-cloud-first-providers",
    "pr_more_cloud": "gov-cloud-azure-oci",
    "pr_aws": "aws-japan-investment",
    "pr_sakura_subsidy": "sakura-cloud-subsidy",
    "pr_panel_report": "mof-bop-panel-report",
    "pr_framework": "ai-semiconductor-framework",
    "pr_phone_designation": "jftc-smartphone-designation",
    "pr_rapidus": "rapidus-support",
    "pr_growth": "growth-strategy-hq",
    "pr_package": "strong-economy-package",
    "pr_rapidus_equity": "rapidus-equity-2025",
    "pr_ai_draft": "ai-basic-plan-draft",
}
# company actions the prose names
COMPANIES_DATED = {
    "pr_google_2022": "google-japan-network-2022",
    "pr_microsoft_2024": "microsoft-japan-2024",
    "pr_oracle": "oracle-japan-2024",
    "pr_softbank_openai": "softbank-openai-jv",
    "pr_microsoft_2026": "microsoft-japan-2026",
}
COMPANIES_SIZED = {
    "pr_google_2022": "google-japan-network-2022",
    "pr_microsoft_2024": "microsoft-japan-2024",
    "pr_oracle": "oracle-japan-2024",
    "pr_softbank_openai": "softbank-openai-jv",
}
TARGET = "security-specialist-target"
COUNTED = "registered_security_specialists"


def findings(**parameters) -> q.Findings:
    """The chapter's findings; `first_year` is where the timeline charts and tables start
    (the prose dates every step it names, whatever the first year)."""
    chosen = params.resolve(CHAPTER, **parameters)
    tables = data.load()
    policy = timeline.events(tables, "policy")
    firms = timeline.events(tables, "private-sector")
    steps = timeline.events(tables, "policy", chosen["first_year"])
    companies = timeline.events(tables, "private-sector", chosen["first_year"])
    shown, shown_companies = timeline.described(steps), timeline.described(companies)
    values: dict[str, object] = {
        "pr_first_year": q.Period(str(chosen["first_year"])),
        "pr_count": shown["count"],
        "pr_span": shown["span"],
        "pr_company_count": shown_companies["count"],
        "pr_company_span": shown_companies["span"],
        **timeline.dated(policy, DATED),
        **timeline.figured(policy, SIZED),
        **timeline.dated(firms, COMPANIES_DATED),
        **timeline.figured(firms, COMPANIES_SIZED),
    }
    # the one target with a baseline: METI's count of security specialists against it
    target = policy[policy["id"] == TARGET].iloc[0]
    counts = with_sources(
        tables.context[tables.context["measure"] == COUNTED], tables.sources
    ).sort_values("period")
    if counts.empty:
        raise LookupError(f"the context table has no {COUNTED}, which the prose compares")
    latest = counts.iloc[-1]
    values |= {
        "pr_specialists_target": q.Number(target["value"]),
        "pr_specialists_latest": q.Number(latest["value"]),
        "pr_specialists_when": q.Period(latest["period"]),
        "pr_specialists_source": q.Publisher(latest["publisher"]),
        "pr_specialists_share": q.Share(latest["value"] / target["value"]),
        "pr_specialists_gap": q.Number(target["value"] - latest["value"]),
    }
    cited = pd.concat(
        [steps["source_id"], companies["source_id"], counts["source_id"]], ignore_index=True
    )
    return q.Findings(
        values,
        {
            "steps": steps,
            "companies": companies,
            "cited": pd.DataFrame({"source_id": cited}),
            "sources": tables.sources,
            "parameters": pd.DataFrame(
                {"parameter": list(chosen), "value": [str(v) for v in chosen.values()]}
            ),
        },
    )
