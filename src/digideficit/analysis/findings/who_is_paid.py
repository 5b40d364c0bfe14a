"""Who is paid: the partners Japan pays for telecommunications, computer and information
services and for the use of intellectual property, from the Bank of Japan's regional balance
of payments (quarterly, summed here to calendar years)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from digideficit.analysis import official
from digideficit.analysis import quantities as q
from digideficit.validated import data, params
from digideficit.validated import official as o

CHAPTER = "who-is-paid"
# the two items of the regional file the report reads, with the prefix of their glue keys
ITEMS = {"telecom_computer_info": "tci", "ip_charges": "ip"}
US = "U.S.A."
WORLD = "all partners"
# economies charted and tabled for the year ranked
TOP = 8


def yen(value_100m: Decimal, style: str = "amount") -> q.Money:
    """An amount the file gives in ¥100 million, as prose says it: ¥2.18 trillion from ¥1
    trillion up, ¥383 billion below."""
    trillion = value_100m.scaleb(-4)
    if abs(trillion) >= 1:
        return q.Money(trillion, "JPY_tn", style=style, places=2)
    return q.Money(value_100m.scaleb(-1), "JPY_bn", style=style, places=0)


def in_100m(value_text: str) -> str:
    """¥100 million as tables print them: rounded to the unit, thousands separated."""
    return format(Decimal(value_text).quantize(Decimal(1), rounding=ROUND_HALF_UP), ",f")


def file_of(values: pd.DataFrame) -> tuple[str, str]:
    """An official file's vintage (its date) and source id: the latest the values come from."""
    row = o.latest(values).sort_values("vintage").iloc[-1]
    return row["vintage"], row["source_id"]


def regional_source(tables: data.Tables) -> tuple[str, str]:
    """The regional file's vintage and source id."""
    return file_of(tables.boj_quarterly)


def partner_years(tables: data.Tables) -> pd.DataFrame:
    """Both items' calendar years by partner (payments), one frame with an `item` column."""
    return pd.concat(
        [official.partner_years(tables, item).assign(item=item) for item in ITEMS],
        ignore_index=True,
    )


def us_shares(years: pd.DataFrame) -> pd.DataFrame:
    """Per item and year: the payments to the United States and to all partners (exact
    ¥100 million) and the US share, in percent; only years with both figures."""
    us = years[years["partner"] == US].set_index(["item", "year"])
    world = years[years["partner"] == WORLD].set_index(["item", "year"])
    both = us.index.intersection(world.index)
    frame = pd.DataFrame(
        {
            "us_text": us.loc[both, "value_text"],
            "world_text": world.loc[both, "value_text"],
        }
    )
    frame["share"] = [
        float(Decimal(u) / Decimal(w) * 100)
        for u, w in zip(frame["us_text"], frame["world_text"], strict=True)
    ]
    return frame.reset_index().sort_values(["item", "year"]).reset_index(drop=True)


def us_paid(tables: data.Tables, year: int) -> dict[str, object]:
    """What the United States received in `year` for each item, and its share: the figures
    the Trade negotiations chapter cites from this one."""
    shares = us_shares(partner_years(tables)).set_index(["item", "year"])
    vintage, _ = regional_source(tables)
    found: dict[str, object] = {"year": q.Period(str(year)), "source": q.Source(vintage, True)}
    for item, key in ITEMS.items():
        if (item, year) not in shares.index:
            raise LookupError(f"the regional file has no complete year {year} for {item}")
        row = shares.loc[(item, year)]
        found[key] = yen(Decimal(row["us_text"]))
        found[f"{key}_share"] = q.Share(row["share"] / 100)
    return found


def ranked(years: pd.DataFrame, item: str, year: int) -> pd.DataFrame:
    """The economies (never regions) Japan paid for `item` in `year`, largest first."""
    chosen = years[(years["item"] == item) & (years["year"] == year) & years["is_economy"]]
    chosen = chosen.sort_values("value", ascending=False).reset_index(drop=True)
    return chosen.assign(rank=range(1, len(chosen) + 1))


def monthly_year(tables: data.Tables, item: str, year: int, flow: str = "payments") -> Decimal:
    """One item's flow in a calendar year from the monthly file, in ¥100 million: the sum of
    its twelve months as published."""
    months = o.latest(tables.boj_monthly).join(
        tables.boj_series.set_index("code")[["item", "flow", "frequency"]], on="code"
    )
    chosen = months[
        (months["item"] == item)
        & (months["flow"] == flow)
        & (months["frequency"] == "M")
        & (months["period"].str[:4] == str(year))
    ]
    if chosen["period"].nunique() != 12:
        raise LookupError(f"the monthly file has no complete year {year} of {item} {flow}")
    return sum((Decimal(v) for v in chosen["value_text"]), Decimal(0))


def direction(first: float, last: float) -> q.Phrase:
    return q.Phrase("rose" if last > first else "fell" if last < first else "held")


def findings(**parameters) -> q.Findings:
    """The chapter's findings for the year ranked (`year`, default from params.yml)."""
    chosen = params.resolve(CHAPTER, **parameters)
    year = chosen["year"]
    tables = data.load()
    years = partner_years(tables)
    shares = us_shares(years)
    vintage, source_id = regional_source(tables)
    complete = sorted(set(shares["year"]))
    if year not in complete:
        raise LookupError(
            f"chapter `{CHAPTER}`: the regional file gives no complete year {year} "
            f"(it has {complete[0]}–{complete[-1]})"
        )
    first = complete[0]
    values: dict[str, object] = {
        "wp_year": q.Period(str(year)),
        "wp_first_year": q.Period(str(first)),
        "wp_span": q.Span(str(first), str(year)),
        "wp_source": q.Source(vintage, regional=True),
    }
    frames: dict[str, pd.DataFrame] = {}
    by = shares.set_index(["item", "year"])
    ranks = []
    for item, key in ITEMS.items():
        mine = shares[(shares["item"] == item) & (shares["year"] <= year)]
        start, end = by.loc[(item, first)], by.loc[(item, year)]
        low = mine.loc[mine["share"].idxmin()]
        high = mine.loc[mine["share"].idxmax()]
        values |= {
            f"wp_{key}_us": yen(Decimal(end["us_text"])),
            f"wp_{key}_world": yen(Decimal(end["world_text"])),
            f"wp_{key}_us_share": q.Share(end["share"] / 100),
            f"wp_{key}_us_first": yen(Decimal(start["us_text"])),
            f"wp_{key}_us_share_first": q.Share(start["share"] / 100),
            f"wp_{key}_moved": direction(round(start["share"]), round(end["share"])),
            f"wp_{key}_multiple": q.Multiple(
                float(Decimal(end["us_text"]) / Decimal(start["us_text"]))
            ),
            f"wp_{key}_low": q.Share(low["share"] / 100),
            f"wp_{key}_low_year": q.Period(str(low["year"])),
            f"wp_{key}_high": q.Share(high["share"] / 100),
            f"wp_{key}_high_year": q.Period(str(high["year"])),
        }
        # which economy came first each year, up to the year ranked
        leaders = [ranked(years, item, y).iloc[0]["partner"] for y in complete if y <= year]
        led = sum(1 for p in leaders if p == US)
        span = q.Span(str(first), str(year))
        values[f"wp_{key}_us_led"] = (
            q.Phrase("every-year", {"span": span})
            if led == len(leaders)
            else q.Phrase(
                "some-years",
                {"n": q.Number(led), "total": q.Number(len(leaders)), "span": span},
            )
        )
        top = ranked(years, item, year)
        ranks.append(top.head(TOP))
        values[f"wp_{key}_first"] = q.Partner(top.iloc[0]["partner"])
        for place, name in ((2, "second"), (3, "third")):
            row = top.iloc[place - 1]
            values[f"wp_{key}_{name}"] = q.Partner(row["partner"])
            values[f"wp_{key}_{name}_share"] = q.Share(row["share"] / 100)
            values[f"wp_{key}_{name}_amount"] = yen(Decimal(row["value_text"]))
        # the economies the file names, and what it books to regions only
        named = top["share"].sum()
        values[f"wp_{key}_named_share"] = q.Share(named / 100)
        regions = years[
            (years["item"] == item) & (years["year"] == year) & ~years["is_economy"]
        ].set_index("partner")
        # the regions the prose names (a region the file leaves blank stops the chapter)
        for region in ("Asia", "Europe", "North America"):
            slug = region.lower().replace(" ", "_")
            values[f"wp_{key}_{slug}_share"] = q.Share(regions.loc[region, "share"] / 100)
    # every economy the file names, in any year (a small flow may be withheld in some)
    values["wp_economies"] = q.Count(
        int(years.loc[years["is_economy"], "partner"].nunique()), "economy"
    )
    # the two items together
    us_both = sum(Decimal(by.loc[(item, year), "us_text"]) for item in ITEMS)
    world_both = sum(Decimal(by.loc[(item, year), "world_text"]) for item in ITEMS)
    values["wp_both_us"] = yen(us_both)
    values["wp_both_world"] = yen(world_both)
    values["wp_both_us_share"] = q.Share(float(us_both / world_both))

    # what the two items hold, from the monthly file: computer services within the first,
    # copyrights and industrial property within the second
    tci_total = monthly_year(tables, "telecom_computer_info", year)
    computer = monthly_year(tables, "computer", year)
    ip_total = monthly_year(tables, "ip_charges", year)
    copyright_ = monthly_year(tables, "copyright_royalties", year)
    industrial = monthly_year(tables, "industrial_property", year)
    values |= {
        "wp_computer": yen(computer),
        "wp_computer_share": q.Share(float(computer / tci_total)),
        "wp_copyright": yen(copyright_),
        "wp_copyright_share": q.Share(float(copyright_ / ip_total)),
        "wp_industrial": yen(industrial),
        "wp_industrial_share": q.Share(float(industrial / ip_total)),
        "wp_monthly_source": q.Source(file_of(tables.boj_monthly)[0]),
    }
    # the regional file's totals against the monthly file's, every complete year
    gaps = [
        abs(Decimal(by.loc[(item, y), "world_text"]) - monthly_year(tables, item, y))
        for item in ITEMS
        for y in complete
        if y <= year
    ]
    values["wp_totals_check"] = (
        q.Phrase("totals-agree")
        if max(gaps) < Decimal("0.5")
        else q.Phrase("totals-differ", {"gap": yen(max(gaps))})
    )

    source = f"Bank of Japan, regional balance of payments, file of {vintage}"
    frames["us_shares"] = shares[shares["year"] <= year].assign(
        vintage=vintage, source=source, source_id=source_id
    )
    frames["ranked"] = pd.concat(ranks, ignore_index=True).assign(
        vintage=vintage, source=source, source_id=source_id
    )
    frames["regions"] = years[(years["year"] == year) & ~years["is_economy"]].assign(
        vintage=vintage, source=source, source_id=source_id
    )
    frames["cited"] = pd.DataFrame({"source_id": [source_id, file_of(tables.boj_monthly)[1]]})
    frames["sources"] = tables.sources
    frames["parameters"] = pd.DataFrame(
        {"parameter": list(chosen), "value": [str(v) for v in chosen.values()]}
    )
    return q.Findings(values, frames)
