"""The claims ledger's findings: counts from the claims file, the verdict second in the
table, claims said in their own units, no project-internal names on the page."""

import csv
import re
from collections import Counter

import pytest

from digideficit.analysis import quantities as q
from digideficit.analysis import wording
from digideficit.analysis.findings import claims_ledger
from digideficit.paths import ROOT
from digideficit.site import page
from digideficit.site.figures import claims_ledger as figures


def claims_file() -> list[dict]:
    with (ROOT / "data" / "claims.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def found():
    return claims_ledger.findings(lang="en")


def test_counts_come_from_the_claims_file(found):
    rows = claims_file()
    verdicts = Counter(r["verdict"] for r in rows)
    assert found.values["cl_total"] == q.Count(len(rows), "claim")
    assert found.values["cl_articles"] == q.Count(len({r["source_id"] for r in rows}), "article")
    assert found.values["cl_wrong"] == q.Count(verdicts["wrong"], "claim")
    assert found.values["cl_holds"] == q.Count(verdicts["holds"], "claim")
    assert found.values["cl_checkable"].n == len(rows) - verdicts["unverified"]
    for key, value in found.values.items():
        assert not isinstance(value, str), key


def test_counts_are_said_with_their_noun():
    # '1 are wrong' was the slip: a count carries its noun, singular for one
    assert wording.say(q.Count(1, "claim"), "en") == "1 claim"
    assert wording.say(q.Count(5, "article"), "en") == "5 articles"
    assert wording.say(q.Count(5, "article"), "ja") == "5本"


def test_one_verdict_lists_only_its_claims():
    wrong = claims_ledger.findings(verdict="wrong")
    expected = sum(r["verdict"] == "wrong" for r in claims_file())
    assert wrong.values["cl_listed"] == q.Count(expected, "claim")
    assert set(wrong.frames["ledger"]["verdict_key"]) == {"wrong"}
    assert wording.say(wrong.values["cl_filter"], "en") == "only the verdict “wrong”"
    assert wrong.values["cl_total"].n == len(claims_file())


def test_the_verdict_is_second_and_every_claim_is_a_row(found):
    html = figures.ledger(found, "en").data
    header = re.findall(r"<th[^>]*>([^<]*)</th>", re.search(r"<thead>(.*?)</thead>", html).group(1))
    assert header[:2] == ["Claim", "Verdict"]
    body = re.search(r"<tbody>(.*)</tbody>", html, re.S).group(1)
    assert body.count("<tr>") == len(claims_file())
    # the long quote and reasoning fold under the claim, not in columns of their own
    assert body.count("<details") == len(claims_file())
    assert "dd-filterable" in html


def test_claims_are_said_in_their_own_units(found):
    ledger = found.frames["ledger"].set_index("claim_id")
    said = {k: wording.say(v, "en") for k, v in ledger["claimed"].items()}
    assert said["s001-tripled"] == "more than 3 times"
    assert said["s001-2024"] == "¥6.65 trillion"
    assert said["s000-foreign-stocks"] == "¥752.1 billion"
    assert said["s000-orix-date"] == "June 2025"
    assert wording.say(ledger.loc["s000-foreign-stocks", "claimed"], "ja") == "7,521億円"
    assert wording.say(ledger.loc["s001-2024", "ours"], "en") == "¥6.65 trillion"
    assert ledger.loc["s000-h1-2025", "ours"] is None


def test_the_page_names_the_articles_as_readers_know_them(found, monkeypatch):
    glued = {}
    monkeypatch.setattr("digideficit.analysis.prose.glue_text", glued.__setitem__)
    page.glue(found, "en")
    text = " ".join(
        [
            *glued.values(),
            figures.ledger(found, "en").data,
            figures.sources(found, "en").data,
            figures.verdicts(found, "en").data,
        ]
    )
    # what a reader sees: the text, not the markup (a link's address keeps the source's id)
    visible = re.sub(r"<[^>]+>", " ", re.sub(r"<script.*?</script>", " ", text, flags=re.S))
    assert not re.search(r"\bseed\b", visible, re.I)
    assert "Unattributed commentary" in text
    assert not re.search(r"\b1 (claims|are)\b", text)
