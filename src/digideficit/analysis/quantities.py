"""What a finding is, before it is put into words: an amount of yen, a share, a year, a
month, an item. A chapter's findings are a mapping from glue key to one of these; the site
phrases each in the reader's language (`digideficit.analysis.wording`), so a number is
computed once and said the same way in every edition."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd


@dataclass(frozen=True)
class Money:
    """An amount: `value` in `unit` (JPY_tn or USD_bn), signed as the data sign it.

    `style`: "amount" says the size (¥6.60 trillion); "balance" says which side
    (a deficit of ¥6.60 trillion); "signed" keeps the sign (−¥6.60 trillion); "change" says
    the direction of a change in a deficit (¥0.55 trillion wider).
    `places`: None keeps the figure as its source wrote it (up to the two decimals prose
    uses); a number rounds half up to that many decimals (figures the report computes).
    `qualifier`: a source's own hedge ("about", "more than").
    """

    value: Decimal
    unit: str = "JPY_tn"
    style: str = "amount"
    places: int | None = 2
    qualifier: str = ""

    def __post_init__(self):
        object.__setattr__(self, "value", Decimal(str(self.value)))


@dataclass(frozen=True)
class Share:
    """A fraction (0.47) said as a percentage with `places` decimals."""

    value: float
    places: int = 0


@dataclass(frozen=True)
class Multiple:
    """A ratio (3.2 times)."""

    value: float
    places: int = 1


@dataclass(frozen=True)
class Number:
    """A plain count or figure without unit, said with thousands separators."""

    value: float
    places: int = 0


@dataclass(frozen=True)
class Period:
    """A period of the data by its code: '2025' (calendar year), 'FY2025', '2025H1'
    (January–June), 'FY2025H1' (April–September), '2026-04' (a month), '2026-06-08'
    (a day). `with_months` says a fiscal year's months the first time a page names it:
    FY2025 (April 2025–March 2026)."""

    code: str
    with_months: bool = False


@dataclass(frozen=True)
class Span:
    """From one period to another, said once when both are the same."""

    first: str
    last: str


@dataclass(frozen=True)
class Count:
    """n of a noun listed in `wording.NOUNS` (1 year, 3 years; 3年)."""

    n: int
    noun: str


@dataclass(frozen=True)
class Item:
    """A balance-of-payments item by its key in `definitions.ITEMS`."""

    key: str


@dataclass(frozen=True)
class Basis:
    """A definition basis by its key in `definitions.BASES`."""

    key: str


@dataclass(frozen=True)
class Partner:
    """A counterpart economy or region as the Bank of Japan's regional file names it."""

    name: str


@dataclass(frozen=True)
class Publisher:
    """An organisation that published a figure, as the data name it ('Ministry of Finance'):
    said in English as given, in Japanese by its Japanese name where `wording` has one."""

    name: str


@dataclass(frozen=True)
class Source:
    """The official file a computed figure comes from, by its date ('2026-06-08' or
    'boj-20260608'): said as 'derived from the Bank of Japan's monthly balance of
    payments, file of 8 June 2026'."""

    vintage: str
    regional: bool = False


@dataclass(frozen=True)
class Phrase:
    """A short phrase from `wording.PHRASES` by key, with quantities to fill it."""

    key: str
    values: dict = field(default_factory=dict)

    def __hash__(self):
        return hash((self.key, tuple(sorted(self.values))))


@dataclass(frozen=True)
class Listing:
    """Several quantities said as one list (a, b and c; a、b、c)."""

    parts: tuple


@dataclass(frozen=True)
class Verbatim:
    """Text that is the same in every language: a source's title, a code, a name."""

    text: str


@dataclass
class Findings:
    """A chapter's findings: `values` are glued into its prose by key; `frames` are the
    tables its charts and tables draw, tidy (one row per figure, with unit and source)."""

    values: dict[str, object] = field(default_factory=dict)
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    # the chapter's parameters as resolved (defaults from params.yml, then the notebook's)
    parameters: dict = field(default_factory=dict)
