"""Chart markup is deterministic, local-only and described from its data."""

import re

import altair as alt
import pandas as pd

from digideficit.analysis import charts, citation


def sample():
    return pd.DataFrame({"year": [2014, 2022, 2023, 2024], "deficit": [2.1, 4.8, 5.5, 6.7]})


def test_description_reports_range_latest_and_largest_change():
    text = charts.describe_series(sample(), "year", "deficit", "Deficit", "¥ trillion")
    assert "2014 to 2024 (4 figures)" in text
    # the currency before the number, as prose writes it
    assert "Lowest ¥2.10 trillion in 2014; highest ¥6.70 trillion in 2024" in text
    assert "Latest: ¥6.70 trillion in 2024" in text
    assert "+¥2.70 trillion, from 2014 to 2022" in text


def test_a_negative_amount_takes_a_minus_before_its_currency():
    assert charts.with_unit(-0.114, "¥ trillion") == "−¥0.11 trillion"
    assert charts.with_unit(-0.114, "¥ trillion", signed=True) == "−¥0.11 trillion"
    assert charts.with_unit(0.5, "¥ trillion", signed=True) == "+¥0.50 trillion"
    assert charts.with_unit(-1.2, "%") == "−1.2%"
    assert charts.with_unit(-0.114, "¥ trillion", lang="ja") == "−0.11兆円"


def test_description_of_one_figure_is_not_a_range():
    text = charts.describe_series(sample().head(1), "year", "deficit", "Deficit", "¥ trillion")
    assert text == "Deficit, 2014 (1 figure). Latest: ¥2.10 trillion in 2014."


def test_description_in_japanese():
    text = charts.describe_series(sample(), "year", "deficit", "赤字", "¥ trillion", lang="ja")
    assert text == (
        "赤字（2014～2024年、4件）。最低は2014年の2.10兆円、最高は2024年の6.70兆円。"
        "最新は2024年の6.70兆円。前の時点からの変化が最も大きかったのは2014年から2022年に"
        "かけての+2.70兆円。"
    )


def test_japanese_description_says_months_and_fiscal_years_as_prose_does():
    months = pd.DataFrame({"period": ["2014-12", "2015-01", "2026-04"], "deficit": [2, 2.5, 6]})
    text = charts.describe_series(months, "period", "deficit", "赤字", "¥ trillion", lang="ja")
    assert "（2014年12月～2026年4月、3件）" in text
    assert "2015年1月から2026年4月にかけての+3.50兆円" in text
    fiscal = charts.describe_series(
        sample(), "year", "deficit", "名目比", "%", lang="ja", fiscal=True
    )
    assert fiscal.startswith("名目比（2014年度～2024年度、4件）。最低は2014年度の2.1%")
    # no English, no ISO month, no ASCII colon or full stop left in a Japanese description
    for said in (text, fiscal):
        assert not re.search(r"[A-Za-z]|\d{4}-\d{2}|[:.](?!\d)", said), said


def test_a_change_of_a_percentage_is_in_percentage_points():
    shares = sample().rename(columns={"deficit": "share"})
    assert "+2.7 percentage points, from 2014 to 2022" in charts.describe_series(
        shares, "year", "share", "Share", "%"
    )
    assert "+2.7ポイント" in charts.describe_series(
        shares, "year", "share", "シェア", "%", lang="ja"
    )
    assert charts.change(-11.7, "%", "ja") == "−11.7ポイント"
    assert charts.change(0.5, "¥ trillion") == "+¥0.50 trillion"


def test_japanese_amounts_are_said_as_prose_says_them():
    assert charts.with_unit(6.6, "¥ trillion", lang="ja") == "6.60兆円"
    assert charts.with_unit(-6.6, "¥ trillion", lang="ja") == "−6.60兆円"
    assert charts.with_unit(1.22, "¥ trillion", lang="ja", signed=True) == "+1.22兆円"
    # US$1 billion is 10億ドル: the figure's own digits, ten times
    assert charts.with_unit(113.4, "US$ billion", lang="ja") == "1,134億ドル"
    assert charts.with_unit(-7.26, "US$ billion", lang="ja") == "−72.6億ドル"
    assert charts.with_unit(3.2, "times", lang="ja") == "3.2倍"


def test_japanese_categories_take_a_full_width_colon():
    frame = pd.DataFrame({"item": ["著作権等使用料", "コンピュータサービス"], "v": [1.01, 1.5]})
    text = charts.describe_categories(frame, "item", "v", "項目別の変化", "¥ trillion", lang="ja")
    assert text == (
        "項目別の変化（2件）。著作権等使用料：1.01兆円、コンピュータサービス：1.50兆円。"
        "最高はコンピュータサービス、最低は著作権等使用料。"
    )
    assert charts.sentences(["一。", "二。"], "ja") == "一。二。"
    assert charts.sentences(["One.", "Two."], "en") == "One. Two."


def test_description_of_magnitudes():
    frame = sample().assign(balance=lambda f: -f["deficit"])
    text = charts.describe_series(frame, "year", "balance", "Balance", "times", magnitude=True)
    assert "highest 6.7 times in 2024" in text


def test_description_of_categories_lists_every_bar_in_order():
    frame = pd.DataFrame(
        {"item": ["computer services", "royalties etc.", "consulting"], "times": [3.3, 2.1, 5.4]}
    )
    text = charts.describe_categories(frame, "item", "times", "Multiples", "times")
    assert text == (
        "Multiples (3 figures). computer services: 3.3 times; royalties etc.: 2.1 times; "
        "consulting: 5.4 times. Highest: consulting; lowest: royalties etc."
    )
    balances = frame.assign(balance=-frame["times"])
    assert "consulting: 5.4 u" in charts.describe_categories(
        balances, "item", "balance", "B", "u", magnitude=True
    )


def test_description_without_data():
    assert (
        charts.describe_series(sample().iloc[0:0], "year", "deficit", "X", "u") == "X: no figures."
    )


def test_figure_markup_is_deterministic_and_local():
    chart = alt.Chart(sample()).mark_bar().encode(x="year:O", y="deficit:Q")
    first = charts.figure(chart, "t", "a <description>").data
    second = charts.figure(chart, "t", "a <description>").data
    assert first == second
    assert 'aria-label="a &lt;description&gt;"' in first
    # the only address in the markup is the spec's schema id, which is never fetched
    assert re.findall(r"https?://[^\s\"']+", first) == [spec_schema(chart)]
    assert "<script src" not in first
    assert '"deficit": 6.7' in first


def test_each_chart_shows_its_citation_with_its_title_and_id():
    chart = alt.Chart(sample()).mark_bar().encode(x="year:O", y="deficit:Q")
    titled = chart.properties(title=alt.Title(["The deficit grew", "threefold"]))
    markup = charts.figure(titled, "growth-x", "d").data
    assert (
        '<p class="dd-cite">Cite this chart: The digital-deficit report team, '
        "\u201cThe deficit grew threefold\u201d (figure growth-x), in Japan&#x27;s digital trade "
        "deficit: a reference analysis.</p>"
    ) in markup


def test_data_vintage_ignores_seed_articles():
    rows = pd.DataFrame(
        {
            "source_kind": ["press", "seed", "official"],
            "source_date": ["2025-02", "2025-09", "2025-07"],
        }
    )
    assert citation.data_vintage(rows) == "2025-07"


def spec_schema(chart):
    return chart.to_dict()["$schema"]


def test_chart_carries_only_the_columns_it_draws():
    import json
    import re

    import altair as alt
    import pandas as pd

    from digideficit.analysis import charts

    frame = pd.DataFrame(
        {"year": ["2023", "2024"], "deficit": [5.5, 6.7], "note": ["long text", "unused"]}
    )
    chart = alt.Chart(frame).mark_bar().encode(x="year:O", y="deficit:Q", tooltip=["year:O"])
    markup = charts.figure(chart, "test", "a description").data
    spec = json.loads(re.search(r'class="dd-spec"[^>]*>(.*)</script>', markup).group(1))
    rows = [row for data in spec["datasets"].values() for row in data]
    assert rows == [{"year": "2023", "deficit": 5.5}, {"year": "2024", "deficit": 6.7}]
    assert "long text" not in markup
    assert 'href="../_static/downloads/test.csv"' in markup


def test_japanese_titles_are_left_for_the_site_to_wrap():
    """Split at a fixed count, a Japanese title would break inside a figure ('20' / '14');
    English is split at spaces as before."""
    from digideficit.analysis.charts import wrapped

    japanese = (
        "日本の支払に占める米国のシェアは、通信・コンピュータ・情報サービスで"
        "31%から47%へ上昇（2014～2025年）"
    )
    assert wrapped(japanese, 20) == [japanese]
    english = "Japan paid more abroad for digital services than it earned from them in 2025"
    assert wrapped(english, 30) == [
        "Japan paid more abroad for",
        "digital services than it",
        "earned from them in 2025",
    ]
