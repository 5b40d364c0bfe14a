"""Economic impact: the digital balance beside the other lines of Japan's balance of
payments, crude-oil imports and nominal GDP, for every year since 2014, in yen or US dollars.

Balances are the Bank of Japan's months summed into calendar and fiscal years; crude-oil
imports are the Ministry of Finance's calendar years; shares of GDP are taken on fiscal years
only, over the Cabinet Office's fiscal-year GDP."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from digideficit.analysis import impact, official
from digideficit.analysis import quantities as q
from digideficit.validated import data, params
from digideficit.validated import definitions as d

CHAPTER = "economic-impact"
FIRST_YEAR = 2014  # BPM6: the items are comparable from January 2014
CSIS = (
    "telecom_computer_info_deficit_share_gdp_low",
    "telecom_computer_info_deficit_share_gdp_high",
)


class InCurrency:
    """Amounts of one table in the chosen currency, said as `quantities.Money`."""

    def __init__(self, currency: str):
        self.currency = currency

    def __call__(self, row: pd.Series, style: str = "amount", value: float | None = None):
        if self.currency == "JPY":
            exact = Decimal(row["value_text"]) if value is None else Decimal(str(value))
            return q.Money(exact, "JPY_tn", style)
        amount = row["amount"] if value is None else value
        return q.Money(Decimal(str(round(amount, 6))), "USD_bn", style, places=1)

    def of(self, value: float, style: str = "amount"):
        """A figure the report computes from amounts already in the currency."""
        if self.currency == "JPY":
            return q.Money(Decimal(str(round(value, 12))), "JPY_tn", style)
        return q.Money(Decimal(str(round(value, 6))), "USD_bn", style, places=1)


def findings(tables: data.Tables | None = None, **parameters) -> q.Findings:
    """Every figure the chapter states, for the parameters given (defaults from params.yml)."""
    chosen = params.resolve(CHAPTER, **parameters)
    tables = tables if tables is not None else data.load()
    basis, currency = chosen["basis"], chosen["currency"]
    rows = official.digital_rows(tables)
    context = official.context_rows(tables)

    frames, ranges = {}, {}
    for period_type in ("CY", "FY"):
        digital = official.basis_series(rows, basis, period_type)
        digital = digital[(digital["flow"] == "balance") & (digital["year"] >= FIRST_YEAR)]
        if digital.empty:
            raise params.ParameterError(
                f"chapter `{CHAPTER}`: the Bank of Japan's months complete no year on {basis}"
            )
        first, last = FIRST_YEAR, int(digital["year"].max())
        ranges[period_type] = (first, last)
        rates = impact.average_rates(context, period_type)
        lines = impact.annual_lines(digital, context, period_type, first, last)
        frames[period_type] = impact.in_currency(lines, rates, currency)
        frames[f"{period_type} rates"] = rates[(rates["year"] >= first) & (rates["year"] <= last)]

    year, fiscal_year = chosen["year"], chosen["fiscal_year"]
    for name, value, period_type in (("year", year, "CY"), ("fiscal_year", fiscal_year, "FY")):
        first, last = ranges[period_type]
        if not first <= value <= last:
            kind = "calendar" if period_type == "CY" else "fiscal"
            raise params.ParameterError(
                f"chapter `{CHAPTER}`, parameter `{name}`: {value} is not a complete {kind} "
                f"year of the Bank of Japan's months on {basis} ({first}–{last})"
            )
    cy_period, fy_period = str(year), f"FY{fiscal_year}"
    if currency == "USD":
        for period_type, period in (("CY", cy_period), ("FY", fy_period)):
            if period not in set(frames[f"{period_type} rates"]["period"]):
                raise params.ParameterError(
                    f"currency 'USD' needs the average yen-per-dollar rate for {period}: the "
                    "Bank of Japan's monthly averages (FXERM07) in the data lack months of it"
                )

    money = InCurrency(currency)
    calendar, fiscal = frames["CY"], frames["FY"]
    cy_first, cy_last = ranges["CY"]
    values: dict[str, object] = {
        "ei_basis": q.Basis(basis),
        "ei_year": q.Period(cy_period),
        "ei_fy": q.Period(fy_period),
        "ei_span": q.Span(str(cy_first), str(cy_last)),
        "ei_first": q.Period(str(cy_first)),
        "ei_last": q.Period(str(cy_last)),
        "ei_source": q.Source(calendar.loc[calendar["item"] == impact.DIGITAL, "vintage"].max()),
        "ei_currency_note": currency_note(frames, currency, cy_period, fy_period, context),
        "ei_table_unit": q.Phrase("unit-100m" if currency == "JPY" else "unit-usd-bn"),
    }
    values |= over_time(calendar, money, cy_first, cy_last)
    values |= one_year(calendar, money, cy_period)
    values |= against_gdp(fiscal, money, fy_period)
    values |= counter_argument(calendar, money, cy_first, cy_last, context)

    shares = impact.gdp_shares(fiscal)
    cited = set(calendar["source_id"]) | set(fiscal["source_id"]) | set(shares["gdp_source_id"])
    cited |= impact.month_sources(context, impact.BALANCES, cy_first, cy_last)
    cited |= set(context.loc[context["measure"].isin(CSIS), "source_id"])
    if currency == "USD":
        cited |= set(frames["CY rates"]["source_id"]) | set(frames["FY rates"]["source_id"])
    cited.discard("derived")
    digital_months = rows[(rows["period_type"] == "M") & rows["vintage"].map(d.is_official_vintage)]
    cited |= set(digital_months["source_id"]) & set(tables.sources["id"])
    return q.Findings(
        values=values,
        frames={
            "calendar": calendar.reset_index(drop=True),
            "fiscal": fiscal.reset_index(drop=True),
            "shares": shares,
            "rates": pd.concat([frames["CY rates"], frames["FY rates"]], ignore_index=True),
            "sources": tables.sources[tables.sources["id"].isin(cited)].reset_index(drop=True),
            "parameters": pd.DataFrame([chosen]),
        },
    )


def currency_note(frames, currency, cy_period, fy_period, context) -> q.Phrase:
    if currency == "JPY":
        return q.Phrase("amounts-in-yen")
    rates = frames["CY rates"].set_index("period")["rate"].to_dict()
    rates |= frames["FY rates"].set_index("period")["rate"].to_dict()
    source = frames["CY rates"].iloc[-1]
    day = source["vintage"].removeprefix("boj-")

    def rate(period):
        return q.Phrase("yen-per-dollar", {"rate": q.Number(rates[period], 2)})

    return q.Phrase(
        "amounts-in-dollars",
        {
            "code": q.Verbatim("FXERM07"),
            "date": q.Period(f"{day[:4]}-{day[4:6]}-{day[6:]}"),
            "rate": rate(cy_period),
            "year": q.Period(cy_period),
            "fy_rate": rate(fy_period),
            "fy": q.Period(fy_period),
        },
    )


def wide(lines: pd.DataFrame, column: str = "amount") -> pd.DataFrame:
    """One row per year, one column per line."""
    return lines.pivot(index="year", columns="item", values=column)


def years_listing(years: list[int]) -> q.Listing | q.Phrase:
    """[2015, 2016, 2017, 2020] → 2015–2017 and 2020; none → 'no year'."""
    if not years:
        return q.Phrase("no-year")
    spans, start = [], years[0]
    for previous, current in zip(years, [*years[1:], None], strict=True):
        if current != previous + 1:
            spans.append(q.Span(str(start), str(previous)))
            start = current
    return q.Listing(tuple(spans))


def over_time(calendar: pd.DataFrame, money: InCurrency, first: int, last: int) -> dict:
    """The years since 2014: the digital deficit's growth, travel, goods and crude oil."""
    by = wide(calendar)
    rows = calendar.set_index(["item", "year"])
    digital = by[impact.DIGITAL]
    found = {
        "ei_digital_first": money(rows.loc[(impact.DIGITAL, first)]),
        "ei_digital_last": money(rows.loc[(impact.DIGITAL, last)]),
        "ei_digital_multiple": q.Multiple(digital[last] / digital[first]),
        "ei_travel_first": money(rows.loc[("travel_balance", first)], "balance"),
        "ei_travel_last": money(rows.loc[("travel_balance", last)], "balance"),
    }
    travel = by["travel_balance"]
    surplus_years = [int(y) for y in travel.index if travel[y] > 0]
    over = [y for y in surplus_years if -digital[y] > travel[y]]
    found |= {
        "ei_over_travel_years": years_listing(over),
        "ei_over_travel_count": q.Phrase("all-m-years", {"m": q.Count(len(over), "year")})
        if over and len(over) == len(surplus_years)
        else q.Phrase(
            "n-of-m-years", {"n": q.Count(len(over), "year"), "m": q.Number(len(surplus_years))}
        ),
    }
    goods = by["trade_balance"].dropna()
    steps = goods.diff().abs().dropna()
    swing_year = int(steps.idxmax())
    swing_before = int(goods.index[goods.index.get_loc(swing_year) - 1])
    found |= {
        "ei_goods_low": money(rows.loc[("trade_balance", int(goods.idxmin()))], "balance"),
        "ei_goods_low_year": q.Period(str(int(goods.idxmin()))),
        "ei_goods_high": money(rows.loc[("trade_balance", int(goods.idxmax()))], "balance"),
        "ei_goods_high_year": q.Period(str(int(goods.idxmax()))),
        "ei_goods_swing": money.of(steps.max()),
        "ei_goods_swing_span": q.Span(str(swing_before), str(swing_year)),
        "ei_goods_swing_multiple": q.Multiple(steps.max() / digital.abs().max()),
    }
    crude = by[impact.CRUDE].dropna() if impact.CRUDE in by else pd.Series(dtype=float)
    if crude.empty:
        raise ValueError("the data holds no calendar year of crude-oil imports since 2014")
    share = (-digital / crude).dropna()
    low, high = int(crude.idxmin()), int(crude.idxmax())
    found |= {
        "ei_crude_low": money(rows.loc[(impact.CRUDE, low)]),
        "ei_crude_low_year": q.Period(str(low)),
        "ei_crude_high": money(rows.loc[(impact.CRUDE, high)]),
        "ei_crude_high_year": q.Period(str(high)),
        "ei_crude_share_first": q.Share(share.iloc[0]),
        "ei_crude_share_first_year": q.Period(str(int(share.index[0]))),
        "ei_crude_share_last": q.Share(share.iloc[-1]),
        "ei_crude_share_last_year": q.Period(str(int(share.index[-1]))),
    }
    return found


def travel_relation(digital: float, travel: pd.Series, money: InCurrency) -> q.Phrase:
    """The digital deficit beside the travel balance of the same period."""
    if travel["amount"] <= 0:
        return q.Phrase("beside-travel-deficit", {"travel": money(travel)})
    key = "above-travel-surplus" if -digital > travel["amount"] else "below-travel-surplus"
    return q.Phrase(key, {"travel": money(travel)})


def share_of(digital: float, line: pd.Series, money: InCurrency) -> q.Phrase:
    """The digital deficit as a share of a surplus, or beside a deficit."""
    if line["amount"] > 0:
        return q.Phrase(
            "share-of-surplus",
            {"share": q.Share(-digital / line["amount"]), "amount": money(line)},
        )
    return q.Phrase("beside-deficit", {"amount": money(line)})


def one_year(calendar: pd.DataFrame, money: InCurrency, period: str) -> dict:
    """The chosen calendar year beside every other line."""
    rows = calendar[calendar["period"] == period].set_index("item")
    digital = rows.loc[impact.DIGITAL]
    found = {
        "ei_digital": money(digital, "balance"),
        "ei_vs_travel": travel_relation(digital["amount"], rows.loc["travel_balance"], money),
        "ei_goods": money(rows.loc["trade_balance"], "balance"),
        "ei_services": money(rows.loc["services_balance"], "balance"),
        "ei_services_ex_digital": money.of(
            rows.loc["services_balance", "amount"] - digital["amount"], "balance"
        ),
        "ei_vs_primary": share_of(digital["amount"], rows.loc["primary_income_balance"], money),
        "ei_vs_current": share_of(digital["amount"], rows.loc["current_account_balance"], money),
    }
    if impact.CRUDE in rows.index:
        crude = rows.loc[impact.CRUDE]
        found |= {
            "ei_crude": money(crude),
            "ei_vs_crude": q.Share(-digital["amount"] / crude["amount"]),
        }
    else:
        found |= {"ei_crude": q.Phrase("no-figure"), "ei_vs_crude": q.Phrase("no-figure")}
    return found


def gdp_phrase(share: float) -> q.Phrase:
    key = "surplus-of-gdp" if share >= 0 else "deficit-of-gdp"
    return q.Phrase(key, {"share": q.Share(abs(share), 2)})


def against_gdp(fiscal: pd.DataFrame, money: InCurrency, period: str) -> dict:
    """Shares of fiscal-year nominal GDP: the range over the years, and the chosen year."""
    shares = impact.gdp_shares(fiscal)
    digital = shares[shares["item"] == impact.DIGITAL].set_index("period")
    if digital.empty:
        raise ValueError("no fiscal year has both a digital total and nominal GDP")
    deficit = -digital["share"]
    low, high = deficit.idxmin(), deficit.idxmax()
    rows = fiscal[fiscal["period"] == period].set_index("item")
    found = {
        "ei_gdp_span": q.Span(digital.index[0], digital.index[-1]),
        "ei_gdp_share_low": q.Share(deficit[low], 2),
        "ei_gdp_share_low_year": q.Period(low),
        "ei_gdp_share_high": q.Share(deficit[high], 2),
        "ei_gdp_share_high_year": q.Period(high),
        "ei_gdp_source": q.Publisher(
            fiscal.loc[fiscal["item"] == impact.GDP, "publisher"].iloc[-1]
        ),
        "ei_fy_digital": money(rows.loc[impact.DIGITAL], "balance"),
        "ei_fy_vs_travel": travel_relation(
            rows.loc[impact.DIGITAL, "amount"], rows.loc["travel_balance"], money
        ),
    }
    in_year = shares[shares["period"] == period].set_index("item")
    if impact.DIGITAL in in_year.index:
        found |= {
            "ei_fy_gdp": money(rows.loc[impact.GDP]),
            "ei_fy_share": q.Share(-in_year.loc[impact.DIGITAL, "share"], 2),
            "ei_fy_primary_share": gdp_phrase(in_year.loc["primary_income_balance", "share"]),
            "ei_fy_current_share": gdp_phrase(in_year.loc["current_account_balance", "share"]),
        }
    else:
        missing = q.Phrase("no-figure")
        found |= {
            key: missing
            for key in ("ei_fy_gdp", "ei_fy_share", "ei_fy_primary_share", "ei_fy_current_share")
        }
    return found


def counter_argument(
    calendar: pd.DataFrame, money: InCurrency, first: int, last: int, context: pd.DataFrame
) -> dict:
    """Why the deficit matters less than it looks: investment income and the current
    account dwarf it; and a published estimate of its share of GDP."""
    by = wide(calendar)
    digital, primary = -by[impact.DIGITAL], by["primary_income_balance"]
    multiples = (primary / digital).dropna()
    current = by["current_account_balance"].dropna()
    in_surplus = int((current > 0).sum())
    span = q.Span(str(first), str(last))
    rows = calendar.set_index(["item", "year"])
    found = {
        "ei_primary_last": money(rows.loc[("primary_income_balance", last)], "balance"),
        "ei_primary_multiple_last": q.Multiple(multiples[last]),
        "ei_primary_multiple_min": q.Multiple(multiples.min()),
        "ei_primary_multiple_min_year": q.Period(str(int(multiples.idxmin()))),
        "ei_primary_rise": money.of(primary[last] - primary[first]),
        "ei_digital_widening": money.of(digital[last] - digital[first]),
        "ei_rise_multiple": q.Multiple(
            (primary[last] - primary[first]) / (digital[last] - digital[first])
        ),
        "ei_current_years": q.Phrase("surplus-every-year", {"span": span})
        if in_surplus == len(current)
        else q.Phrase("surplus-some-years", {"n": q.Count(in_surplus, "year"), "span": span}),
    }
    published = context[context["measure"].isin(CSIS)].set_index("measure")
    if len(published) == len(CSIS):
        low, high = (published.loc[m] for m in CSIS)
        found |= {
            "ei_csis_low": q.Share(float(low["value"]) / 100, 1),
            "ei_csis_high": q.Share(float(high["value"]) / 100, 1),
            "ei_csis_publisher": q.Publisher(low["publisher"]),
            "ei_csis_date": q.Period(str(low["source_date"])),
        }
    return found
