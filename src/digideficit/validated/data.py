"""Loading the data files, each validated on the way in (see `schema`).

`load()` returns every table at once after the checks that span files (source ids);
a problem anywhere raises `DataValidationError` before a chapter computes anything.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import os
import pickle
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import TypeVar

import pandas as pd
import pandera.pandas as pa

from digideficit.paths import build_dir, data_dir
from digideficit.validated import definitions as d
from digideficit.validated import official
from digideficit.validated.schema import (
    DATE,
    DATE_RULE,
    DataValidationError,
    Problem,
    TableSpec,
    display_name,
    half_unit,
    line_of,
    matches,
    one_of,
    one_of_or_matching,
    reference_problems,
    text,
)

T = TypeVar("T")

SOURCE_KINDS = {
    "official": "a government or central-bank publication",
    "press": "a news report of official figures",
    "analysis": "a research institute's or company's analysis",
    "seed": "one of the five articles the project started from: a claim to check",
    "secondary": "a reference work, blog or repost, cited only where no better copy was "
    "found (its note says so)",
}
CONTEXT_MEASURES = {
    "current_account_balance": "current account balance",
    "goods_and_services_balance": "goods and services balance",
    "primary_income_balance": "primary income balance",
    "trade_balance": "trade (goods) balance",
    "industrial_property_balance": "balance on industrial-property royalties (patents, trademarks)",
    "travel_balance": "travel balance (inbound minus outbound tourism)",
    "services_balance": "services balance",
    "other_services_balance": "other services balance (services other than transport and travel)",
    "secondary_income_balance": "secondary income balance",
    "ip_charges_balance": "balance on charges for the use of intellectual property "
    "(industrial property and copyright)",
    "crude_oil_imports": "value of crude oil imports",
    "internet_ad_spend": "internet advertising expenditure in Japan",
    "total_ad_spend": "total advertising expenditure in Japan",
    "us_services_surplus": "US surplus on all services",
    "us_digitally_deliverable_services_surplus": "US surplus on digitally deliverable services",
    "us_digital_surplus_narrow": "US digital surplus, narrow basis (Mizuho estimate)",
    "digital_payments_share_us": "share of Japan's digital-related payments that go to the US",
    "deficit_multiple_since_2014_copyright": "copyright-royalties deficit as a multiple of 2014",
    "deficit_multiple_since_2014_computer": "computer-services deficit as a multiple of 2014",
    "deficit_multiple_since_2014_consulting": "consulting deficit as a multiple of 2014",
    "telecom_computer_info_deficit_share_gdp_low": "telecom, computer and information deficit "
    "as a share of GDP, low end of a range",
    "telecom_computer_info_deficit_share_gdp_high": "telecom, computer and information deficit "
    "as a share of GDP, high end of a range",
    "registered_security_specialists": "Registered Information Security Specialists",
    "nominal_gdp": "nominal gross domestic product",
    "usd_jpy_average": "yen per US dollar, average of the period",
}
PERIOD_FORMS = {
    "CY": (r"^\d{4}$", "YYYY"),
    "FY": (r"^FY\d{4}$", "FYYYYY (the year the fiscal year starts)"),
    "H1": (r"^\d{4}-H1$", "YYYY-H1"),
    "FH1": (r"^FY\d{4}-H1$", "FYYYYY-H1 (the fiscal year's April–September half)"),
    "YTD": (r"^\d{4}-(0[1-9]|1[0-2])/\d{4}-(0[1-9]|1[0-2])$", "YYYY-MM/YYYY-MM"),
    "M": (r"^\d{4}-(0[1-9]|1[0-2])$", "YYYY-MM"),
}
VINTAGE_CONTEXT = {"preliminary", "revised", "final", "estimate"}

FULL_DATE = r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"

SOURCES = TableSpec(
    columns={
        "id": text(matches(r"^[a-z0-9][a-z0-9-]*$", "lower-case letters, digits and hyphens")),
        "publisher": text(),
        # the publisher as Japanese readers know it (日本銀行, 時事通信); a foreign name keeps
        # its usual form where the Japanese press uses it as is (OECD, Nikkei Asia)
        "publisher_ja": text(),
        "title": text(),
        "date": text(matches(DATE, DATE_RULE)),  # published
        "accessed": text(matches(FULL_DATE, "a date written YYYY-MM-DD")),  # copy read on
        "url": text(required=False),
        "kind": text(one_of(SOURCE_KINDS)),
        "note": text(required=False),
        # the note written in Japanese for the Japanese edition: filled exactly where `note` is
        "note_ja": text(required=False),
    },
    key=["id"],
    optional={"url", "note", "note_ja"},
)

DIGITAL_SERVICES = TableSpec(
    columns={
        "period": text(),
        "period_type": text(one_of(d.PERIOD_TYPES)),
        "item": text(one_of(d.ITEMS)),
        "item_basis": text(one_of(d.BASES)),
        "flow": text(one_of(d.FLOWS)),
        "unit": text(one_of(d.UNITS)),
        "qualifier": text(one_of(d.QUALIFIERS), required=False),
        "vintage": text(
            one_of_or_matching(d.VINTAGES, d.OFFICIAL_VINTAGE, d.OFFICIAL_VINTAGE_FORM)
        ),
        "source_id": text(),
        "note": text(required=False),
    },
    numeric={"value": pa.Column(float, nullable=False)},
    key=["period", "item", "item_basis", "flow", "unit", "vintage", "source_id"],
    optional={"qualifier", "note"},
)

CONTEXT = TableSpec(
    columns={
        "period": text(),
        "period_type": text(one_of(d.PERIOD_TYPES)),
        "measure": text(one_of(CONTEXT_MEASURES)),
        "unit": text(one_of(d.CONTEXT_UNITS)),
        "vintage": text(
            one_of_or_matching(VINTAGE_CONTEXT, d.OFFICIAL_VINTAGE, d.OFFICIAL_VINTAGE_FORM)
        ),
        "source_id": text(),
        "note": text(required=False),
    },
    numeric={"value": pa.Column(float, nullable=False)},
    key=["period", "measure", "unit", "vintage", "source_id"],
    optional={"note"},
)

PROJECTIONS = TableSpec(
    columns={
        "publisher": text(),
        "published": text(matches(DATE, DATE_RULE)),
        "scenario": text(),
        "basis": text(),
        "unit": text(one_of(d.UNITS)),
        "source_id": text(),
        "note": text(required=False),
    },
    numeric={
        "target_year": pa.Column(float, pa.Check.in_range(2014, 2100, error="must be a year")),
        "value": pa.Column(float, nullable=False),
    },
    key=["publisher", "published", "target_year", "scenario"],
    optional={"note"},
)

EVENT_TRACKS = {
    "policy": "Japan's policy response",
    "trade": "trade agreements and negotiations",
    "private-sector": "company actions the seed articles cite",
}
# events also state amounts in the yen unit their source used (¥100 billion, ¥600 million)
EVENT_UNITS = {**d.CONTEXT_UNITS, "JPY_bn": "¥ billion", "JPY_m": "¥ million"}
# kana or kanji (full-width punctuation alone is not Japanese)
JAPANESE = r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]"


def in_japanese() -> pa.Check:
    # an empty cell is the "must not be empty" rule's to name
    return pa.Check(
        lambda cells: (cells == "") | cells.str.contains(JAPANESE),
        element_wise=False,
        error="must be written in Japanese (the Japanese edition shows it)",
    )


EVENTS = TableSpec(
    columns={
        "id": text(matches(r"^[a-z0-9][a-z0-9-]*$", "lower-case letters, digits and hyphens")),
        "date": text(matches(DATE, DATE_RULE)),
        "track": text(one_of(EVENT_TRACKS)),
        "event": text(),
        "unit": text(one_of(EVENT_UNITS), required=False),
        "source_id": text(),
        "note": text(required=False),
        # the event and its note as the Japanese edition says them: the report's own words
        # in Japanese, stating no figure the row does not hold (figures come from `value`)
        "event_ja": text(in_japanese()),
        "note_ja": text(in_japanese(), required=False),
    },
    numeric={"value": pa.Column(float, nullable=True)},
    key=["id"],
    optional={"note", "unit", "value", "note_ja"},
)
# a column that says another in Japanese: filled exactly where the other is
TRANSLATED = {"events": {"note_ja": "note"}}

CLAIM_UNITS = {**d.CONTEXT_UNITS, "date": "a date, YYYY-MM(-DD)"}
CLAIMS = TableSpec(
    columns={
        "claim_id": text(matches(r"^[a-z0-9][a-z0-9-]*$", "lower-case letters, digits, hyphens")),
        "source_id": text(),
        "quote": text(),
        "claimed": text(),
        "unit": text(one_of(CLAIM_UNITS)),
        "comparison": text(one_of({"=", ">", "<"})),
        "reference": text(required=False),
        "alternative": text(required=False),
        "verdict": text(
            one_of({"holds", "differs by definition or vintage", "wrong", "unverified"})
        ),
        "explanation": text(),
        # the explanation as the Japanese edition says it: the report's own words in
        # Japanese, the same facts and figures (the quote stays in the article's language)
        "explanation_ja": text(in_japanese()),
    },
    key=["claim_id"],
    optional={"reference", "alternative"},
)

# Other economies' figures, each on the definition its source used: they are set beside
# Japan's, never merged into one series, because the item sets differ
INTERNATIONAL_MEASURES = {
    "digital_related": "digital-related balance: telecommunications, computer and information "
    "services + professional and management consulting + charges for the use of "
    "intellectual property (BOJ Review 23-J-9 item set, as charted by its author)",
    "ict_services": "telecommunications, computer and information services only "
    "(BPM6 / EBOPS 2010 item SI)",
    "knowledge_services": "Bank of Korea 'knowledge services': IP charges + information and "
    "communication + cultural and leisure + professional and business services",
    "ict_services_bok": "Bank of Korea's information and communication services",
    "ip_charges_bok": "Bank of Korea's charges for the use of intellectual property",
    "professional_business_bok": "Bank of Korea's professional and business services",
    "all_services": "all services (not a digital measure)",
    "digitally_deliverable": "UNCTAD's digitally deliverable services: the EBOPS items that "
    "can be delivered over networks (insurance, finance, IP charges, ICT, other business, "
    "personal and cultural services), whether or not they were",
    "digitally_delivered": "the WTO's estimate of services actually delivered digitally",
    "digital_meti": "METI's digital balance (PIVOT model: copyright royalties, computer "
    "services, professional and management consulting): sign only",
}
INTERNATIONAL_UNITS = {
    "USD_100m": "US$ 100 million (億ドル), as published in Japanese",
    "USD_bn": "US$ billion",
    "USD_tn": "US$ trillion",
    "sign": "+1 surplus, −1 deficit: a finding stated without figures",
}
INTERNATIONAL = TableSpec(
    columns={
        "economy": text(),
        "period": text(matches(r"^\d{4}$", "a calendar year, YYYY")),
        "period_type": text(
            one_of({"CY", "CY-probable"})  # CY-probable: the source does not state the year
        ),
        "measure": text(one_of(INTERNATIONAL_MEASURES)),
        "flow": text(one_of({"balance", "exports", "sign"})),
        "unit": text(one_of(INTERNATIONAL_UNITS)),
        "vintage": text(),
        "source_id": text(),
        "note": text(required=False),
    },
    numeric={"value": pa.Column(float, nullable=False)},
    key=["economy", "period", "measure", "flow", "unit", "source_id"],
    optional={"note"},
)

FILES = {
    "sources": ("sources.csv", SOURCES),
    "digital_services": ("digital_services.csv", DIGITAL_SERVICES),
    "context": ("context.csv", CONTEXT),
    "projections": ("projections.csv", PROJECTIONS),
    "events": ("events.csv", EVENTS),
    "claims": ("claims.csv", CLAIMS),
    "international": ("international.csv", INTERNATIONAL),
    **official.FILES,
}


@dataclass(frozen=True)
class Tables:
    sources: pd.DataFrame
    digital_services: pd.DataFrame
    context: pd.DataFrame
    projections: pd.DataFrame
    events: pd.DataFrame
    claims: pd.DataFrame
    international: pd.DataFrame
    boj_series: pd.DataFrame
    boj_monthly: pd.DataFrame
    boj_quarterly: pd.DataFrame
    # the hash of the files these tables were read from (None when not known): what the
    # analysis keys its own caches on
    digest: str | None = None


def load(directory: Path | None = None) -> Tables:
    """All data files, validated; raises `DataValidationError` listing every problem."""
    directory = (Path(directory) if directory else data_dir()).resolve()
    return _load(directory, _content_digest(directory))


def _content_digest(directory: Path) -> str | None:
    """Hash of the data files and of the code that validates them, or None if a file is
    missing (validation then reports it)."""
    digest = hashlib.sha256()
    code = [Path(__file__), Path(__file__).with_name("schema.py"), Path(d.__file__)]
    for path in [directory / filename for filename, _spec in FILES.values()] + code:
        if not path.exists():
            return None
        digest.update(path.name.encode() + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@cache
def _load(directory: Path, digest: str | None) -> Tables:
    """Every chapter loads the same files: the validated tables are kept in memory and on
    disk by content hash, so that validation runs once per change, not once per chapter;
    an edited file has another hash and is validated again."""
    stored = build_dir() / ".tables" / f"tables-{digest}.pickle" if digest else None
    return kept(stored, lambda: dataclasses.replace(_validate(directory), digest=digest), "tables-")


def kept(stored: Path | None, compute: Callable[[], T], family: str) -> T:
    """`compute()`'s result, read from `stored` (a file named by the hash of its inputs) when
    an earlier process wrote it, else computed and written there whole or not at all; the
    older files of the same `family` (name prefix) are removed. No file: just computed."""
    if stored is not None and stored.exists():
        with stored.open("rb") as handle:
            return pickle.load(handle)
    value = compute()
    if stored is not None:
        stored.parent.mkdir(parents=True, exist_ok=True)
        partial = stored.with_suffix(f".{os.getpid()}.partial")
        with partial.open("wb") as handle:
            pickle.dump(value, handle)
        partial.replace(stored)
        for old in stored.parent.glob(f"{family}*.pickle"):
            if old != stored:
                old.unlink(missing_ok=True)
    return value


def _validate(directory: Path) -> Tables:
    frames, problems = {}, []
    for table, (filename, spec) in FILES.items():
        try:
            frames[table] = spec.validate(directory / filename)
        except DataValidationError as err:
            problems += err.problems
    if problems:
        raise DataValidationError(problems)
    for table in ("digital_services", "context"):
        frames[table] = in_trillion_yen(frames[table])
    known = set(frames["sources"]["id"])
    # every table but sources and the list of official series cites a source
    for table in [t for t in FILES if t not in ("sources", "boj_series")]:
        name = display_name(directory / FILES[table][0])
        problems += reference_problems(
            frames[table], "source_id", known, name, display_name(directory / "sources.csv")
        )
    problems += accessed_problems(frames["sources"], display_name(directory / "sources.csv"))
    problems += japanese_problems(frames["sources"], display_name(directory / "sources.csv"))
    name = display_name(directory / FILES["digital_services"][0])
    problems += period_problems(frames["digital_services"], name)
    problems += period_problems(frames["context"], display_name(directory / "context.csv"))
    problems += sign_problems(frames["digital_services"], name)
    problems += balance_problems(frames["digital_services"], name)
    problems += sign_only_problems(
        frames["international"], display_name(directory / "international.csv")
    )
    for table, pairs in TRANSLATED.items():
        problems += translation_problems(
            frames[table], pairs, display_name(directory / FILES[table][0])
        )
    series_name = display_name(directory / official.FILES["boj_series"][0])
    problems += official.series_problems(frames["boj_series"], series_name)
    for table in official.FREQUENCY_OF:
        problems += official.value_problems(
            frames[table],
            table,
            frames["boj_series"],
            display_name(directory / FILES[table][0]),
            series_name,
        )
    if problems:
        raise DataValidationError(problems)
    # the Bank of Japan's months stand beside the published figures, as rows of the same form
    months_digital, months_context = official.as_published_rows(
        frames["boj_series"], frames["boj_monthly"]
    )
    frames["digital_services"] = with_year(
        pd.concat([frames["digital_services"], months_digital], ignore_index=True)
    )
    frames["context"] = with_year(pd.concat([frames["context"], months_context], ignore_index=True))
    return Tables(**frames)


def in_trillion_yen(frame: pd.DataFrame) -> pd.DataFrame:
    """Yen figures in ¥ trillion, so that figures published in 億円, ¥ billion or yen line
    up; the conversion is exact (a shift of the decimal point), and the figure as published
    stays in `published_text` / `published_unit`."""
    frame = frame.assign(published_text=frame["value_text"], published_unit=frame["unit"])
    yen = frame["unit"].isin(list(d.JPY_SCALE))
    shifted = [
        str(Decimal(text).scaleb(d.JPY_SCALE[unit]))
        for text, unit in zip(frame.loc[yen, "value_text"], frame.loc[yen, "unit"], strict=True)
    ]
    frame.loc[yen, "value_text"] = shifted
    frame.loc[yen, "value"] = [float(text) for text in shifted]
    frame.loc[yen, "unit"] = "JPY_tn"
    return frame


def accessed_problems(frame: pd.DataFrame, name: str) -> list[Problem]:
    """A copy cannot be read before it was published: where `date` is a full date,
    `accessed` is that day or later."""
    full = frame["date"].str.fullmatch(FULL_DATE)
    early = frame[full & (frame["accessed"] < frame["date"])]
    return [
        Problem(
            name,
            line_of(i),
            "accessed",
            row["accessed"],
            f"a copy is read on or after its publication date ({row['date']})",
        )
        for i, row in early.iterrows()
    ]


def japanese_problems(frame: pd.DataFrame, name: str) -> list[Problem]:
    """The Japanese edition's words for each source: `note_ja` is filled exactly where `note`
    is, and is written in Japanese."""
    problems = []
    for i, row in frame.iterrows():
        note, note_ja = row["note"].strip(), row["note_ja"].strip()
        if note and not note_ja:
            problems.append(
                Problem(
                    name,
                    line_of(i),
                    "note_ja",
                    None,
                    "must not be empty where `note` is filled: the Japanese edition shows "
                    "the note in Japanese",
                )
            )
        elif note_ja and not note:
            problems.append(
                Problem(
                    name,
                    line_of(i),
                    "note_ja",
                    note_ja,
                    "must be empty where `note` is: it says in Japanese what `note` says",
                )
            )
        elif note_ja and not re.search(JAPANESE, note_ja):
            problems.append(
                Problem(
                    name,
                    line_of(i),
                    "note_ja",
                    note_ja,
                    "must be written in Japanese (kana or kanji)",
                )
            )
    return problems


def period_problems(frame: pd.DataFrame, name: str) -> list[Problem]:
    problems = []
    for i, row in frame.iterrows():
        pattern, form = PERIOD_FORMS[row["period_type"]]
        if not re.match(pattern, row["period"]):
            problems.append(
                Problem(
                    name,
                    line_of(i),
                    "period",
                    row["period"],
                    f"must be written {form} for period_type {row['period_type']}",
                )
            )
    return problems


def sign_problems(frame: pd.DataFrame, name: str) -> list[Problem]:
    gross = frame[frame["flow"].isin(["receipts", "payments"]) & (frame["value"] < 0)]
    return [
        Problem(
            name,
            line_of(i),
            "value",
            str(row["value"]),
            f"{row['flow']} are gross flows and cannot be negative; "
            "a deficit is a negative balance",
        )
        for i, row in gross.iterrows()
    ]


def translation_problems(frame: pd.DataFrame, pairs: dict[str, str], name: str) -> list[Problem]:
    """A Japanese column (`note_ja`) is filled exactly where the column it translates
    (`note`) is: no note left unsaid in Japanese, none said only in Japanese."""
    problems = []
    for translated, original in pairs.items():
        given = frame[original].str.strip() != ""
        said = frame[translated].str.strip() != ""
        for i in frame.index[given & ~said]:
            problems.append(
                Problem(
                    name,
                    line_of(i),
                    translated,
                    None,
                    f"is empty but `{original}` is not: write the {original} in Japanese",
                )
            )
        for i in frame.index[said & ~given]:
            problems.append(
                Problem(
                    name,
                    line_of(i),
                    translated,
                    frame.at[i, translated],
                    f"is given but `{original}` is empty: a note is said in both "
                    "languages or in neither",
                )
            )
    return sorted(problems, key=lambda p: p.line or 0)


def sign_only_problems(frame: pd.DataFrame, name: str) -> list[Problem]:
    """A finding stated without figures is a sign (+1 or −1) in unit `sign`, and a figure is
    never written as a sign: either would pass a number off as something it is not."""
    is_sign = frame["flow"] == "sign"
    wrong = (is_sign != (frame["unit"] == "sign")) | (is_sign & ~frame["value"].isin([1, -1]))
    return [
        Problem(
            name,
            line_of(i),
            "value",
            row["value_text"],
            "a sign-only finding has flow `sign`, unit `sign` and value 1 or -1; "
            "a figure has flow `balance` and its published unit",
        )
        for i, row in frame[wrong].iterrows()
    ]


def balance_problems(frame: pd.DataFrame, name: str) -> list[Problem]:
    """balance = receipts − payments wherever one vintage states all three, within rounding."""
    problems = []
    group_key = ["period", "item", "item_basis", "unit", "vintage"]
    for _, group in frame.groupby(group_key, sort=False):
        rows = {flow: group[group["flow"] == flow] for flow in d.FLOWS}
        if any(rows[flow].empty for flow in d.FLOWS):
            continue
        for (ri, r), (pi, p), (bi, b) in itertools.product(
            *(rows[flow].iterrows() for flow in d.FLOWS)
        ):
            tolerance = sum(half_unit(x["value_text"]) for x in (r, p, b))
            gap = Decimal(r["value_text"]) - Decimal(p["value_text"]) - Decimal(b["value_text"])
            if abs(gap) > tolerance:
                problems.append(
                    Problem(
                        name,
                        line_of(bi),
                        "value",
                        b["value_text"],
                        f"balance must equal receipts (line {line_of(ri)}: {r['value']}) − "
                        f"payments (line {line_of(pi)}: {p['value']}) = "
                        f"{r['value'] - p['value']:.4g} within rounding (±{tolerance})",
                    )
                )
    return problems


def with_year(frame: pd.DataFrame) -> pd.DataFrame:
    """Adds `year`: the calendar year, or the year a fiscal year starts."""
    frame = frame.copy()
    frame["year"] = frame["period"].str.extract(r"(\d{4})", expand=False).astype(int)
    return frame
