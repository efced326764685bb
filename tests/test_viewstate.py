"""Links that carry the view: parsing, fallbacks with a notice, and encoding."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.errors import ValidationError
from tracker.views.state import PARAMS, Choices, encode, page_names, parse, parse_value

TODAY = dt.date(2026, 12, 1)
CHOICES = Choices(today=TODAY, instruments={"ICRMW", "C097", "SOM2000"}, states={"KHM", "THA"})
ALL = tuple(PARAMS)


def test_a_full_link_is_read_back():
    params = {
        "date": "2010-12-18",
        "group": "asean",
        "lang": "th",
        "view": "C097",
        "set": "migrant",
        "order": "name",
        "iso3": "khm",
        "code": "som2000",
    }
    view = parse(params, choices=CHOICES, names=ALL)
    assert view.notices == []
    assert view.values == {
        "date": dt.date(2010, 12, 18),
        "group": "ASEAN",
        "lang": "th",
        "view": "C097",
        "set": "migrant",
        "order": "name",
        "iso3": "KHM",
        "code": "SOM2000",
    }


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("group", "NOPE"),
        ("date", "2999-01-01"),
        ("date", "1900-01-01"),
        ("date", "2010-02-30"),
        ("date", "18/12/2010"),
        ("iso3", "<script>"),
        ("iso3", "USA"),
        ("lang", "fr"),
        ("view", "C999"),
        ("set", "some"),
        ("order", "random"),
        ("code", "x" * 10_000),
        ("code", ""),
    ],
)
def test_bad_values_fall_back_with_a_short_notice(name, raw):
    view = parse(
        {name: raw, "group": "GCC"} if name != "group" else {name: raw}, choices=CHOICES, names=ALL
    )
    assert name not in view.values
    assert len(view.notices) == 1
    notice = view.notices[0]
    assert notice.startswith(f"Ignored {name}=") and "default" in notice
    assert "<" not in notice and len(notice) < 120
    if name != "group":
        assert view.values["group"] == "GCC"  # the good parameters still apply


def test_parse_value_names_the_parameter():
    with pytest.raises(ValidationError) as error:
        parse_value("iso3", "ZZZ", choices=CHOICES)
    assert error.value.field == "iso3"


def test_only_the_pages_names_are_read():
    view = parse({"iso3": "KHM", "set": "all"}, choices=CHOICES, names=page_names("country"))
    assert view.values == {"iso3": "KHM"}
    assert page_names("map") == ("date", "group", "lang", "view")


def test_defaults_are_left_out_of_the_link():
    assert encode("date", TODAY, today=TODAY) is None
    assert encode("date", dt.date(2010, 12, 18), today=TODAY) == "2010-12-18"
    assert encode("lang", "en", today=TODAY) is None
    assert encode("lang", "zh_CN", today=TODAY) == "zh"
    assert encode("view", "gaps", today=TODAY) is None
    assert encode("set", "core", today=TODAY) is None
    assert encode("set", "all", today=TODAY) == "all"
    assert encode("group", None, today=TODAY) is None
    assert encode("iso3", "KHM", today=TODAY) == "KHM"


def test_encoded_values_parse_back():
    values = {"date": dt.date(2001, 5, 3), "lang": "zh_CN", "group": "SAARC", "view": "C097"}
    params = {k: encode(k, v, today=TODAY) for k, v in values.items()}
    assert parse(params, choices=CHOICES, names=ALL).values == values
