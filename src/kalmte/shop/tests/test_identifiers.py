from datetime import date, datetime

import pytest

from kalmte.shop.identifiers import (
    add_working_days,
    carrier_for_code,
    house_number_after,
    normalize_house_number,
    normalize_order_number,
    normalize_postcode,
    order_number_candidates,
    tracking_link,
)


@pytest.mark.parametrize(
    ("raw", "expected"), [("#100234", "100234"), (" 100234 ", "100234"), ("#1001", "1001")]
)
def test_it_normalises_order_numbers(raw, expected):
    assert normalize_order_number(raw) == expected


def test_it_strips_a_shop_prefix_as_a_candidate():
    assert order_number_candidates("WEB-10023") == {"WEB10023", "10023"}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1234 ab", "1234AB"),
        ("1234AB", "1234AB"),
        (" 9711ab ", "9711AB"),
        ("0123 AB", ""),
        ("12345", ""),
    ],
)
def test_it_normalises_postcodes(raw, expected):
    assert normalize_postcode(raw) == expected


def test_it_reads_the_house_number_after_a_postcode():
    text = "Ik woon op 1234 ab 12a in Groningen"
    end = text.index("ab") + 2
    assert house_number_after(text, end) == "12A"
    assert house_number_after("postcode 1234AB, nr. 7", 15) == "7"
    assert normalize_house_number("12 - a") == "12A"


@pytest.mark.parametrize(
    ("code", "carrier"),
    [
        ("3SFNRD123456789", "postnl"),
        ("JVGL0612345600123456", "dhl"),
        ("00340434161234567890", "dhl"),
        ("05212345678901", "dpd"),
        ("12345", None),
    ],
)
def test_it_recognises_carriers_by_code(code, carrier):
    assert carrier_for_code(code) == carrier


def test_it_builds_tracking_links():
    assert tracking_link("dpd", "05212345678901").endswith("parcelNumber=05212345678901")
    assert tracking_link("postnl", "3SABC1234567") == (
        "https://jouw.postnl.nl/track-and-trace/3SABC1234567"
    )
    assert tracking_link("other", "X") == ""


def test_it_skips_weekends_when_counting_working_days():
    friday = date(2026, 11, 20)
    assert add_working_days(friday, 1) == date(2026, 11, 23)
    assert add_working_days(friday, 3) == date(2026, 11, 25)
    assert add_working_days(datetime(2026, 11, 21).date(), 1) == date(2026, 11, 23)
