"""What each balance-of-payments item contains, and which items each published total adds up.

Item names follow the Ministry of Finance / Bank of Japan BPM6 tables (from January 2014).
"""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Item:
    key: str
    name_en: str
    name_ja: str
    contains: str
    parent: str | None = None

    @property
    def short_name(self) -> str:
        """'copyright royalties etc.' for 'Charges for the use of …: copyright royalties etc.'"""
        return self.name_en.split(":")[-1].strip().lower()


ITEMS: dict[str, Item] = {
    item.key: item
    for item in [
        Item(
            "copyright_royalties",
            "Charges for the use of intellectual property: copyright royalties etc.",
            "知的財産権等使用料のうち著作権等使用料",
            "Licence fees for software, and rights to stream, broadcast or reproduce music, "
            "video, games and other content. Industrial-property royalties (patents, "
            "trademarks) are excluded.",
        ),
        Item(
            "telecom_computer_info",
            "Telecommunications, computer and information services",
            "通信・コンピュータ・情報サービス",
            "Cloud computing, software-as-a-service, data processing and hosting, search and "
            "other information services, and telecommunication charges.",
        ),
        Item(
            "telecom",
            "Telecommunications services",
            "通信サービス",
            "Transmission of sound, images and data: telephone, data networks, satellite.",
            parent="telecom_computer_info",
        ),
        Item(
            "computer",
            "Computer services",
            "コンピュータサービス",
            "Cloud services, software development and customisation, data processing, "
            "hosting and IT support — the largest digital item.",
            parent="telecom_computer_info",
        ),
        Item(
            "information",
            "Information services",
            "情報サービス",
            "News agency services, database services and web search portals.",
            parent="telecom_computer_info",
        ),
        Item(
            "consulting",
            "Professional and management consulting services",
            "専門・経営コンサルティングサービス",
            "Advertising and market research — including online advertising bought from "
            "platforms — plus legal, accounting and management consulting, much of which is "
            "not digital.",
        ),
        Item(
            "digital_total",
            "Digital-related services (sum of the items of a basis)",
            "デジタル関連収支",
            "A published total; which items it adds up is given by its basis.",
        ),
    ]
}


@dataclass(frozen=True)
class Basis:
    key: str
    label: str
    items: tuple[str, ...]
    used_by: str
    # a basis whose items add up to exactly another's sum (one line split into its parts)
    same_sum_as: str | None = None


BASES: dict[str, Basis] = {
    basis.key: basis
    for basis in [
        Basis(
            "3-item",
            "3 items (MOF item names)",
            ("copyright_royalties", "telecom_computer_info", "consulting"),
            "Ministry of Finance tables as tallied by the press (Jiji, Nikkei, Yomiuri) "
            "and the MIC White Paper",
            same_sum_as="5-item",
        ),
        Basis(
            "3-item-computer",
            "3 items with computer services only",
            ("copyright_royalties", "computer", "consulting"),
            "The MIC White Paper 2025's 3-item figure and the Ministry of Finance expert panel "
            "(2024): computer services in place of the whole telecommunications, computer and "
            "information item",
        ),
        Basis(
            "5-item",
            "5 items (telecom / computer / information split)",
            ("copyright_royalties", "telecom", "computer", "information", "consulting"),
            "Bank of Japan Review 23-J-9 and the MIC White Paper 2025",
        ),
        Basis(
            "BOJ",
            "Bank of Japan item set (as quoted)",
            (),
            "A Bank of Japan total quoted by the press; its item list is not given with it",
        ),
        Basis(
            "METI",
            "METI Digital Economy Report basis",
            (),
            "METI's PIVOT Digital Economy Report (2025); item list not given with the total",
        ),
        Basis(
            "Nikkei",
            "Nikkei's digital basis",
            (),
            "Nikkei's own tally; item list not given with the total",
        ),
        Basis(
            "not-stated",
            "basis not stated",
            (),
            "A total whose publisher does not say which items it adds up",
        ),
        Basis("item", "a single item", (), "rows that report one item, not a total"),
    ]
}

# The distinct sums the official months give: the 3 items under the Ministry of Finance's
# names add up to exactly the 5 items (telecommunications, computer and information services
# are one line split in three), so one series stands for both; the 3 items with computer
# services alone are a smaller sum. A reader chooses between these two.
DISTINCT_BASES = ("3-item-computer", "5-item")
CHOOSABLE_BASES = DISTINCT_BASES


def series_basis(basis: str) -> str:
    """The distinct sum a basis adds up to: '3-item' → '5-item'."""
    return BASES[basis].same_sum_as or basis


FLOWS = ("receipts", "payments", "balance")
PERIOD_TYPES = {
    "CY": "calendar year (January–December)",
    "FY": "fiscal year (April–March), labelled by the year it starts",
    "H1": "first half of a calendar year (January–June)",
    "FH1": "first half of a fiscal year (April–September)",
    "YTD": "a run of consecutive months, first to last",
    "M": "one calendar month",
}
VINTAGES = {
    "preliminary": "first release (速報), revised later",
    "revised": "after the April annual revision (改定)",
    "later-citation": "quoted later by a publication tallying official data",
    "commentary": "an approximate figure given by a commentator, not an official release",
}
# Figures fetched from the Bank of Japan's database (`make fetch`) take as vintage the date
# of the database's LAST_UPDATE: every update of the database is a release of its own, so
# the set of vintages is open and is checked by its form.
OFFICIAL_VINTAGE = r"^boj-\d{8}$"
OFFICIAL_VINTAGE_FORM = "boj-YYYYMMDD (the LAST_UPDATE of the Bank of Japan's database)"


def is_official_vintage(vintage: str) -> bool:
    return re.match(OFFICIAL_VINTAGE, vintage) is not None


def vintage_description(vintage: str) -> str:
    if is_official_vintage(vintage):
        day = vintage[4:]
        return f"Bank of Japan database as updated on {day[:4]}-{day[4:6]}-{day[6:]}"
    return VINTAGES[vintage]


# How precise a published figure is, when its source says so; an empty cell means the figure
# is exact to the digits printed. Magnitudes: "more than ¥6 trillion" of deficit is -6 here.
QUALIFIERS = {
    "about": "approximate",  # 約, 'about'
    "more than": "a lower bound",  # 超, 'more than', 'exceeds'
}

UNITS = {
    "JPY_tn": "¥ trillion",
    "JPY_bn": "¥ billion",
    "JPY_100m": "¥100 million (億円)",
    "USD_bn": "US$ billion",
}
# Yen figures are kept in data/ as published and read in ¥ trillion: the scale of each unit.
JPY_SCALE = {"JPY_tn": 0, "JPY_bn": -3, "JPY_100m": -4, "JPY": -12}
# Context figures and events also come as shares, multiples, counts and exchange rates.
CONTEXT_UNITS = {
    **UNITS,
    "JPY": "yen",
    "percent": "per cent",
    "times": "multiple of an earlier value",
    "count": "number of people or things",
    "JPY_per_USD": "yen per US dollar (annual average)",
}
