"""The claims ledger: our values are computed from data, and every verdict fits the rule."""

import pytest
from conftest import line_of_row, replace_line

from digideficit.analysis import claims, official
from digideficit.analysis.claims import ClaimError, Figure
from digideficit.validated import data


@pytest.mark.parametrize(
    ("claimed", "comparison", "ours", "expected"),
    [
        ("6.65", "=", "6.7", True),  # 6.645–6.655 overlaps 6.65–6.75
        ("6.46", "=", "6.7", False),
        ("2.02", "=", "2.1", False),
        ("2.02", "=", "2", True),  # "about 2" covers 1.5–2.5
        ("3", ">", "3.19", True),
        ("3", ">", "2.95", False),
        ("28", "=", "-28.0", True),  # magnitudes: a deficit written as a positive amount
    ],
)
def test_tolerance_rule(claimed, comparison, ours, expected):
    figure = Figure(float(ours), ours)
    assert claims.agrees(claimed, "JPY_tn", comparison, figure) is expected


def test_dates_agree_at_the_claims_precision():
    assert claims.agrees("2025-04", "date", "=", Figure("2025-04-02", "2025-04-02"))
    assert not claims.agrees("2025-06", "date", "=", Figure("2025-08-05", "2025-08-05"))


def test_every_verdict_fits_the_rule(tables):
    ledger = claims.ledger(tables)
    for _, row in ledger.iterrows():
        ours = claims.resolve(row["reference"], tables) if row["reference"] else None
        alternative = claims.resolve(row["alternative"], tables) if row["alternative"] else None
        assert row["verdict"] in claims.expected_verdicts(row, ours, alternative), row["claim_id"]
        assert (row["our_value"] == "") == (row["verdict"] == "unverified"), row["claim_id"]


def test_our_value_is_computed_from_the_data(data_copy):
    before = claims.ledger(data.load(data_copy)).set_index("claim_id")
    assert before.loc["s002-current-account", "our_value"] == "29.2615"
    line = line_of_row(data_copy / "context.csv", "2024,CY,current_account_balance")
    replace_line(data_copy / "context.csv", line, "29261.5", "30100")
    after = claims.ledger(data.load(data_copy)).set_index("claim_id")
    assert after.loc["s002-current-account", "our_value"] == "30.100"
    assert after.loc["s002-current-account", "status"] == claims.UNDER_REVIEW
    review = claims.to_review(data.load(data_copy), before=data.load())
    assert any(
        "(s002-current-account): verdict 'holds'; reference figure 29.2615 → 30.100" in line
        for line in review
    )


def test_a_seed_article_cannot_verify_itself(tables):
    # the only figure for January–June 2025 with no item list is sourced to seed 000
    assert claims.resolve("digital:2025-H1:not-stated:balance", tables) is None
    # the official months do give the half-year
    assert claims.resolve("digital:2025-H1:3-item:balance", tables) is not None


def test_a_new_figure_turns_unverified_into_a_verdict_to_review(data_copy):
    # a claim left unverified before the data could check it: the official months now can
    path = data_copy / "claims.csv"
    line = line_of_row(path, "s003-doubled-2015,")
    replace_line(path, line, ",holds,", ",unverified,")
    ledger = claims.ledger(data.load(data_copy)).set_index("claim_id")
    assert ledger.loc["s003-doubled-2015", "status"] == claims.UNDER_REVIEW
    assert ledger.loc["s003-doubled-2015", "verdict"] == "unverified"  # the editor's, kept
    assert ledger.loc["s003-doubled-2015", "allowed"] == "holds"


def test_a_revised_total_shows_the_figure_the_verdict_was_given_on(data_copy):
    # a later official revision of 2023 moves the total the verdict on s003-2023 was given on
    with (data_copy / "digital_services.csv").open("a", encoding="utf-8") as handle:
        handle.write(
            "2023,CY,digital_total,3-item,balance,-5.35,JPY_tn,,boj-20270610,"
            "boj-bp-m-en-2026-06-08,\n"
        )
    tables = data.load(data_copy)
    ledger = claims.ledger(tables).set_index("claim_id")
    assert ledger.loc["s003-2023", "status"] == claims.UNDER_REVIEW
    assert ledger.loc["s003-2023", "our_value"] == "5.35"
    # the figure before: the official 2023 total the report derives from the months
    rows = official.digital_rows(data.load())
    before = official.basis_series(rows, "5-item").query("flow == 'balance' and period == '2023'")
    assert ledger.loc["s003-2023", "previous_value"] == before.iloc[0]["value_text"].lstrip("-")
    assert (ledger.loc[ledger["status"] == "checked", "verdict"] != "").all()


@pytest.mark.parametrize(
    "reference",
    ["digital:2024:3-item", "ratio:digital:2024:3-item:balance", "gdp:2024", "event:no-such-id"],
)
def test_malformed_reference_is_refused(tables, reference):
    with pytest.raises(ClaimError):
        claims.resolve(reference, tables)


def test_usd_reference_converts_at_the_rate_it_names(tables):
    yen = claims.resolve("context:2024:current_account_balance", tables)
    rate = claims.resolve("context:2024:usd_jpy_average", tables)
    if rate is None:
        pytest.skip("no 2024 rate in the data")
    dollars = claims.resolve(
        "usd:context:2024:current_account_balance @ context:2024:usd_jpy_average", tables
    )
    assert dollars.value == pytest.approx(abs(float(yen.value)) * 1000 / float(rate.value))
    assert (
        claims.resolve("usd:context:1990:current_account_balance @ context:2024:x", tables) is None
    )
    with pytest.raises(ClaimError, match="usd:A @ RATE"):
        claims.resolve("usd:context:2024:current_account_balance", tables)


def test_digital_reference_can_name_one_source(tables):
    rows = tables.digital_services
    row = rows[(rows["item"] == "digital_total") & (rows["flow"] == "balance")].iloc[0]
    ref = f"digital:{row['period']}:{row['item_basis']}:balance:{row['source_id']}"
    assert claims.resolve(ref, tables).text == row["value_text"]
    assert claims.resolve(ref.rsplit(":", 1)[0] + ":no-such-source", tables) is None
