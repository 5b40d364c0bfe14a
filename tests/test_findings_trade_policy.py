"""Trade negotiations and policy response: every step the prose dates is in the events
table, figures come as quantities, the timeline start moves the timelines but not the
prose, and the timelines give way to their tables on a phone."""

import pytest

from digideficit.analysis import quantities as q
from digideficit.analysis import timeline, wording
from digideficit.analysis.findings import policy_response, trade_negotiations, who_is_paid
from digideficit.site.figures import policy_response as policy_figures
from digideficit.site.figures import trade_negotiations as trade_figures


@pytest.fixture(scope="module")
def trade():
    return trade_negotiations.findings()


@pytest.fixture(scope="module")
def policy():
    return policy_response.findings()


def test_every_finding_is_a_quantity_said_in_both_languages(trade, policy):
    for found in (trade, policy):
        for key, value in found.values.items():
            assert not isinstance(value, str), key
            assert wording.say(value, "en") and wording.say(value, "ja")


def test_dates_take_the_preposition_their_precision_needs(trade):
    assert wording.say(trade.values["tn_dta_signed_when"]) == "on 7 October 2019"
    assert wording.say(trade.values["tn_wto_launch_when"]) == "in January 2019"
    assert wording.say(trade.values["tn_mc13_when"]) == "in 2024"
    assert wording.say(trade.values["tn_mc13_when"], "ja") == "2024年に"


def test_a_later_first_year_shortens_the_timeline_not_the_prose(tables, trade):
    later = trade_negotiations.findings(first_year=2025)
    events = tables.events.query("track == 'trade'")
    n = int((events["date"].str[:4].astype(int) >= 2025).sum())
    assert later.values["tn_count"] == q.Count(n, "event")
    assert later.values["tn_count"] != trade.values["tn_count"]
    assert later.frames["steps"]["date"].str[:4].astype(int).min() >= 2025
    assert later.values["tn_dta_signed_when"] == trade.values["tn_dta_signed_when"]


def test_trade_cites_the_who_is_paid_figures(tables, trade):
    year = who_is_paid.findings().values["wp_year"]
    assert trade.values["tn_us_year"] == year
    paid = who_is_paid.findings()
    assert trade.values["tn_us_tci_share"] == paid.values["wp_tci_us_share"]
    assert trade.values["tn_us_ip"] == paid.values["wp_ip_us"]


def test_event_figures_keep_their_units(policy):
    assert wording.say(policy.values["pr_sakura_subsidy_figure"]) == "¥600 million"
    assert wording.say(policy.values["pr_sakura_subsidy_figure"], "ja") == "6億円"
    assert wording.say(policy.values["pr_rapidus_equity_figure"], "ja") == "1,000億円"
    assert wording.say(policy.values["pr_google_2022_figure"]) == "¥100 billion"


def test_the_security_target_is_set_against_the_latest_count(tables, policy):
    target = tables.events.set_index("id").loc["security-specialist-target", "value"]
    counts = tables.context.query("measure == 'registered_security_specialists'")
    latest = counts.sort_values("period").iloc[-1]["value"]
    assert policy.values["pr_specialists_share"].value == pytest.approx(latest / target)
    assert policy.values["pr_specialists_gap"].value == target - latest


def test_a_step_the_prose_names_must_exist(tables):
    rows = timeline.events(tables, "trade")
    with pytest.raises(LookupError, match="no-such-event"):
        timeline.dated(rows, {"x": "no-such-event"})
    with pytest.raises(LookupError, match="states no figure"):
        timeline.figured(rows, {"x": "usjdta-signed"})


@pytest.mark.parametrize(
    "shown",
    [
        lambda t, p: trade_figures.steps(t),
        lambda t, p: policy_figures.steps(p),
        lambda t, p: policy_figures.companies(p),
    ],
)
def test_timelines_give_way_to_their_tables_on_a_phone(trade, policy, shown):
    html = shown(trade, policy).data
    assert f'<figure class="dd-figure {timeline.WIDE_ONLY}"' in html
    assert html.startswith(f'<p class="{timeline.NARROW_ONLY}">')
    assert 'class="dd-tidy"' in html


def test_the_tables_say_dates_and_figures_in_words(policy):
    table = policy_figures.companies_table(policy).data
    assert "9 April 2024" in table and "US$2.9 billion" in table
