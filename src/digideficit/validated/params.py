"""Chapter parameters: defaults from `params.yml`, checked before any notebook runs.

Each chapter's accepted parameters are declared here with their type and allowed values,
so a bad value stops the build with a message instead of failing deep inside a notebook.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from digideficit.paths import params_file
from digideficit.validated import definitions as d


class ParameterError(ValueError):
    """A chapter parameter that is unknown, of the wrong type or out of range."""


@dataclass(frozen=True)
class Rule:
    kind: type
    choices: tuple | None = None
    low: int | None = None
    high: int | None = None
    help: str = ""

    def check(self, chapter: str, name: str, value: Any) -> None:
        where = f"chapter `{chapter}`, parameter `{name}`"
        if not isinstance(value, self.kind) or isinstance(value, bool) != (self.kind is bool):
            raise ParameterError(
                f"{where}: {value!r} is a {type(value).__name__}, expected a "
                f"{self.kind.__name__} ({self.help})"
            )
        if self.choices is not None and value not in self.choices:
            raise ParameterError(
                f"{where}: {value!r} is not one of {', '.join(map(str, self.choices))}"
            )
        if self.low is not None and value < self.low or self.high is not None and value > self.high:
            raise ParameterError(f"{where}: {value!r} is outside {self.low}–{self.high}")


YEAR = {"low": 2014, "high": 2035}
RULES: dict[str, dict[str, Rule]] = {
    "definitions": {
        "basis": Rule(str, d.CHOOSABLE_BASES, help="the definition basis of the total"),
        "first_year": Rule(int, **YEAR, help="first calendar year charted"),
    },
    "growth-drivers": {
        "basis": Rule(str, d.CHOOSABLE_BASES, help="the definition basis of the total"),
        "start_year": Rule(int, **YEAR, help="first year of the growth rate"),
        "end_year": Rule(int, **YEAR, help="last year of the growth rate"),
    },
    "economic-impact": {
        "basis": Rule(str, d.CHOOSABLE_BASES, help="the definition basis of the total"),
        "year": Rule(int, **YEAR, help="calendar year compared"),
        "fiscal_year": Rule(int, **YEAR, help="fiscal year compared (the year it starts)"),
        "currency": Rule(str, ("JPY", "USD"), help="currency of the amounts shown"),
    },
    "international": {
        "measure": Rule(
            str,
            ("all", "digital_related", "ict_services"),
            help="definition charted: all, or one that several economies share",
        ),
    },
    "policy-response": {
        "first_year": Rule(int, low=2000, high=2035, help="first year of the timeline"),
    },
    "trade-negotiations": {
        "first_year": Rule(int, low=2000, high=2035, help="first year of the timeline"),
    },
    "scenarios": {
        "basis": Rule(str, d.CHOOSABLE_BASES, help="the definition basis of the actual series"),
        "method": Rule(str, ("trend", "constant-growth"), help="how the deficit is projected"),
        "trend_years": Rule(int, low=2, high=20, help="latest N years the trend is fitted to"),
        "growth": Rule(float, low=-0.5, high=1.0, help="annual growth for constant-growth"),
        "horizon": Rule(int, low=2026, high=2035, help="last year projected"),
    },
    "claims-ledger": {
        "verdict": Rule(
            str,
            ("all", "holds", "differs by definition or vintage", "wrong", "unverified"),
            help="which verdicts the table lists",
        ),
    },
    "summary": {
        "basis": Rule(str, d.CHOOSABLE_BASES, help="the definition basis of the headline"),
    },
    "references": {},
    "data-and-methods": {
        "first_year": Rule(int, **YEAR, help="first year of the table of item balances"),
        "last_year": Rule(int, **YEAR, help="last year of the table of item balances"),
    },
    "who-is-paid": {
        "year": Rule(int, **YEAR, help="calendar year whose partners are ranked"),
    },
}


# every chapter is written in each language of the site; a re-run chooses one by name
LANG = Rule(str, ("en", "ja"), help="language of the page: en or ja")
for chapter_rules in RULES.values():
    chapter_rules["lang"] = LANG


def defaults(path: Path | None = None) -> dict[str, dict[str, Any]]:
    path = path or params_file()
    with path.open(encoding="utf-8") as handle:
        loaded = yaml.safe_load(handle) or {}
    for chapter, values in loaded.items():
        check(chapter, values)
    return loaded


def check(chapter: str, values: dict[str, Any]) -> dict[str, Any]:
    """Raises `ParameterError` for an unknown chapter or parameter, or a bad value."""
    if chapter not in RULES:
        raise ParameterError(f"unknown chapter `{chapter}` (known: {', '.join(RULES)})")
    rules = RULES[chapter]
    for name, value in values.items():
        if name not in rules:
            raise ParameterError(
                f"chapter `{chapter}`: unknown parameter `{name}` (known: {', '.join(rules)})"
            )
        rules[name].check(chapter, name, value)
    return values


def resolve(chapter: str, **given: Any) -> dict[str, Any]:
    """The chapter's parameters: defaults from params.yml, overridden by those not None."""
    chosen = dict(defaults().get(chapter, {}))
    chosen.update({k: v for k, v in given.items() if v is not None})
    check(chapter, chosen)
    for first, last in (("first_year", "last_year"), ("start_year", "end_year")):
        if (
            first in chosen
            and last in chosen
            and chosen[first] >= chosen[last] + (first == "first_year")
        ):
            raise ParameterError(
                f"chapter `{chapter}`: {first} {chosen[first]} must come before "
                f"{last} {chosen[last]}"
            )
    return chosen
