"""Findings said in words: each quantity phrased as readers of each language write it."""

import re
from decimal import Decimal

import pytest

from digideficit.analysis import quantities as q
from digideficit.analysis import wording
from digideficit.validated.params import ParameterError, resolve


@pytest.mark.parametrize(
    ("value", "en", "ja"),
    [
        (
            q.Money(Decimal("-6.5959"), style="balance"),
            "a deficit of ¥6.60 trillion",
            "6.60兆円の赤字",
        ),
        (q.Money("2.1", style="balance"), "a surplus of ¥2.10 trillion", "2.10兆円の黒字"),
        (q.Money("6.6506", places=None), "¥6.65 trillion", "6.65兆円"),
        (q.Money("6.7", places=None, qualifier="about"), "about ¥6.7 trillion", "約6.7兆円"),
        (q.Money("-0.553", style="change"), "¥0.55 trillion wider", "0.55兆円拡大"),
        (q.Money("0.125", style="change"), "¥0.13 trillion narrower", "0.13兆円縮小"),
        (q.Money("-1.5", style="signed"), "−¥1.50 trillion", "−1.50兆円"),
        (q.Money("12.34", "USD_bn"), "US$12.34 billion", "123.4億ドル"),
        (q.Share(0.4712), "47%", "47%"),
        (q.Share(-0.0131), "−1%", "−1%"),
        (q.Share(-0.0004, places=1), "0.0%", "0.0%"),
        (q.Multiple(3.21), "3.2 times", "3.2倍"),
        (q.Period("2025"), "2025", "2025年"),
        (q.Period("FY2025"), "FY2025", "2025年度"),
        (
            q.Period("FY2025", with_months=True),
            "FY2025 (April 2025–March 2026)",
            "2025年度（2025年4月～2026年3月）",
        ),
        (q.Period("2025H1"), "January–June 2025", "2025年1～6月"),
        (q.Period("FY2025H1"), "April–September 2025", "2025年度上期（4～9月）"),
        (q.Period("2026-04"), "April 2026", "2026年4月"),
        (q.Period("2026-06-08"), "8 June 2026", "2026年6月8日"),
        (q.Span("2014", "2025"), "2014–2025", "2014～2025年"),
        (q.Span("2025", "2025"), "2025", "2025年"),
        (q.Count(1, "year"), "1 year", "1年"),
        (q.Count(3, "month"), "3 months", "3か月"),
        (q.Item("computer"), "computer services", "コンピュータサービス"),
        (q.Partner("U.S.A."), "the United States", "アメリカ合衆国"),
        (q.Money("100", "JPY_bn", places=None), "¥100 billion", "1,000億円"),
        (q.Money("600", "JPY_m", places=None), "¥600 million", "6億円"),
        (q.Money("2.9", "USD_bn", places=None), "US$2.9 billion", "29億ドル"),
        (q.Money("4.25", "USD_tn", places=None), "US$4.25 trillion", "4.25兆ドル"),
        (q.Money("383.3", "JPY_bn", places=0), "¥383 billion", "3,833億円"),
        (q.Count(1, "economy"), "1 economy", "1か国・地域"),
        (
            q.Phrase("on-date", {"date": q.Period("2019-10-07")}),
            "on 7 October 2019",
            "2019年10月7日に",
        ),
        (q.Phrase("in-date", {"date": q.Period("2019-01")}), "in January 2019", "2019年1月に"),
        (
            q.Phrase(
                "some-years",
                {"n": q.Number(10), "total": q.Number(12), "span": q.Span("2014", "2025")},
            ),
            "in 10 of the 12 years 2014–2025",
            "2014～2025年の12年のうち10年で",
        ),
        (
            q.Listing((q.Item("computer"), q.Item("consulting"))),
            "computer services and professional and management consulting services",
            "コンピュータサービス、専門・経営コンサルティングサービス",
        ),
        (q.Money("752.1", "JPY_bn", places=1), "¥752.1 billion", "7,521億円"),
        (q.Count(1, "article"), "1 article", "1本"),
        (q.Count(18, "publisher"), "18 publishers", "18社"),
        (q.Count(18, "publishing-body"), "18 publishers", "18者"),
        (q.Publisher("Jiji Press"), "Jiji Press", "時事通信"),
        (q.Phrase("verdict-wrong"), "wrong", "誤り"),
        (
            q.Phrase("more-than", {"value": q.Multiple(3, places=0)}),
            "more than 3 times",
            "3倍超",
        ),
    ],
)
def test_each_quantity_is_said_as_readers_write_it(value, en, ja):
    assert wording.say(value, "en") == en
    assert wording.say(value, "ja") == ja


def test_a_computed_figure_is_said_from_the_official_file():
    said = wording.say(q.Source("boj-20260608"), "en")
    assert said.endswith("monthly balance of payments, file of 8 June 2026")
    assert "2026年6月8日" in wording.say(q.Source("2026-06-08"), "ja")


def test_text_is_refused_where_a_quantity_belongs():
    with pytest.raises(TypeError, match="quantity"):
        wording.say("¥6.60 trillion", "en")


def test_an_unknown_language_is_refused_by_name():
    with pytest.raises(wording.LanguageError, match="'fr'"):
        wording.say(q.Share(0.5), "fr")
    with pytest.raises(ParameterError, match="lang"):
        resolve("growth-drivers", lang="fr")


def test_every_economy_of_the_international_data_has_a_japanese_name():
    from digideficit.analysis import international
    from digideficit.validated import data

    economies = set(data.load().international["economy"])
    for name in economies:
        said = wording.say(international.economy(name), "ja")
        assert not any("a" <= c.lower() <= "z" for c in said.replace("EU", "")), (name, said)
    assert wording.say(international.economy("Ireland"), "en") == "Ireland"


def test_a_publisher_is_named_in_japanese_on_a_japanese_page_only():
    named = q.Publisher("Center for Strategic and International Studies")
    assert wording.say(named, "en") == "Center for Strategic and International Studies"
    assert wording.say(named, "ja") == "米戦略国際問題研究所（CSIS）"
    # a name, title or code glued as it is written stays so in both languages
    assert wording.say(q.Verbatim("FXERM07"), "ja") == "FXERM07"
    assert wording.say(q.Verbatim("Center for Strategic and International Studies"), "ja") == (
        "Center for Strategic and International Studies"
    )


def test_a_table_names_a_publisher_without_how_it_was_read():
    from digideficit.site.figures.definitions import publisher_name

    assert publisher_name("Jiji Press (via Infoseek News)", "en") == "Jiji Press"
    assert publisher_name("Jiji Press (via Infoseek News)", "ja") == "時事通信"
    assert publisher_name("nippon.com (Japan Data)", "ja") == "nippon.com"


def test_the_reports_own_description_of_a_data_set_is_said_in_japanese():
    monthly = (
        "Balance of Payments (Data Based on the BPM6), monthly, all BP01 series, 100 million yen"
    )
    assert wording.title(monthly, "en") == monthly
    assert wording.title(monthly, "ja") == "国際収支統計（BPM6準拠、月次）、BP01の全系列、億円"
    rate = wording.title(
        "Time-Series Data Search, FM08 FXERM07: US dollar/yen spot rate at 17:00 in the Tokyo "
        "market, monthly average (yen per US dollar)",
        "ja",
    )
    # the series by the catalogue's Japanese name
    assert "東京市場 ドル・円 スポット 17時時点／月中平均" in rate
    assert "spot rate" not in rate
    # a publication's title stays as published
    assert wording.title("Advertising Expenditures in Japan 2024", "ja") == (
        "Advertising Expenditures in Japan 2024"
    )


def test_every_japanese_title_is_written_in_japanese():
    for english in wording.TITLES_JA:
        said = wording.title(english, "ja")
        assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", said), said
        # at most a publication's own English title is left (G.5A's)
        assert not re.search(r"[A-Za-z]+(?: [A-Za-z]+){4,}", said), said
