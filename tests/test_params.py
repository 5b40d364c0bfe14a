"""Parameters are checked before anything executes, with messages that say what is wrong."""

import pytest

from digideficit.validated import params
from digideficit.validated.params import ParameterError


def test_defaults_cover_every_chapter_rule():
    defaults = params.defaults()
    for chapter, rules in params.RULES.items():
        assert set(defaults.get(chapter, {})) == set(rules), chapter


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"basis": "7-item"}, "is not one of 3-item-computer, 5-item"),
        ({"first_year": "2014"}, "is a str, expected a int"),
        ({"first_year": 1990}, "outside 2014–2035"),
        ({"first_year": True}, "is a bool"),
        ({"colour": "red"}, "unknown parameter `colour`"),
    ],
)
def test_bad_values_are_named(given, message):
    with pytest.raises(ParameterError, match=message):
        params.resolve("definitions", **given)


def test_first_year_after_last_year():
    with pytest.raises(ParameterError, match="first_year 2024 must come before last_year 2020"):
        params.resolve("data-and-methods", first_year=2024, last_year=2020)


def test_unknown_chapter():
    with pytest.raises(ParameterError, match="unknown chapter"):
        params.check("growth", {})


def test_none_keeps_the_default():
    assert (
        params.resolve("definitions", basis=None)["basis"]
        == params.defaults()["definitions"]["basis"]
    )
