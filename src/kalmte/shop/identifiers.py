"""Normalising what customers type and platforms send, so that they can be compared:
order numbers, postcodes, house numbers, track & trace codes; carrier links; the delivery
date a shop's policy promises."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING
from urllib.parse import quote

if TYPE_CHECKING:
    from kalmte.shop.models import Order

_NOT_ALNUM = re.compile(r"[^0-9A-Za-z]")
POSTCODE = re.compile(r"^\s*([1-9][0-9]{3})\s*([A-Za-z]{2})\s*$")
# The house number that follows a postcode in running text: "1234 AB 12", "1234AB, nr. 12a".
HOUSE_NUMBER_AFTER = re.compile(
    r"^\s*,?\s*(?:(?:huis)?(?:nr|nummer)\.?\s*)?(\d{1,5})\s*(?:-?\s*([A-Za-z])\b)?", re.I
)
HOUSE_NUMBER = re.compile(r"^\s*(\d{1,5})\s*-?\s*([A-Za-z]?)\b")

# Track & trace formats of the carriers Dutch shops use most.
CARRIER_PATTERNS = [
    ("postnl", re.compile(r"^3S[A-Z0-9]{8,13}$")),
    ("dhl", re.compile(r"^JVGL[0-9A-Z]{6,22}$")),
    ("dhl", re.compile(r"^(?:00)?340\d{14,16}$")),
    ("dhl", re.compile(r"^JJD\d{10,20}$")),
    ("dpd", re.compile(r"^0?\d{14}$")),
]

CARRIER_NAMES = {
    "postnl": "postnl",
    "post nl": "postnl",
    "dhl": "dhl",
    "dhl express": "dhl",
    "dhl parcel": "dhl",
    "dhl ecommerce": "dhl",
    "dpd": "dpd",
    "gls": "gls",
}

TRACKING_URLS = {
    "postnl": "https://jouw.postnl.nl/track-and-trace/{code}-NL-{postcode}",
    "dhl": "https://www.dhl.com/nl-nl/home/traceren.html?tracking-id={code}",
    "dpd": "https://www.dpdgroup.com/nl/mydpd/my-parcels/track?parcelNumber={code}",
    "gls": "https://gls-group.com/NL/nl/volg-je-pakket?match={code}",
}


def normalize_order_number(raw: object) -> str:
    """ "#100234", " 100234 ", "NR-100234" stay comparable: letters/digits, upper case.
    A leading '#' and spaces never count."""
    return _NOT_ALNUM.sub("", str(raw or "")).upper()[:40]


def order_number_candidates(raw: str) -> set[str]:
    """What a customer's "#10023" may refer to: the normalised text, and without a shop
    prefix of letters ("WEB-10023" → "10023")."""
    number = normalize_order_number(raw)
    if not number:
        return set()
    out = {number}
    digits = number.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    if digits and digits != number:
        out.add(digits)
    return out


def normalize_postcode(raw: object) -> str:
    """Dutch postcode as '1234AB', or '' when it is not one."""
    match = POSTCODE.match(str(raw or ""))
    return f"{match.group(1)}{match.group(2).upper()}" if match else ""


def normalize_house_number(raw: object) -> str:
    """'12', '12 a', '12-A', '12A bis' → '12A'; '' when there is no number first."""
    match = HOUSE_NUMBER.match(str(raw or ""))
    return f"{match.group(1)}{match.group(2).upper()}" if match else ""


def house_number_after(text: str, end: int) -> str:
    """The house number written right after a postcode that ends at `end`, if any."""
    match = HOUSE_NUMBER_AFTER.match(text[end : end + 24])
    if not match:
        return ""
    return f"{match.group(1)}{(match.group(2) or '').upper()}"


def house_number_from_address(address: str) -> str:
    """The number in a street line: 'Dorpsstraat 12a' → '12A', 'Laan 1-3' → '1'."""
    match = re.search(r"\b(\d{1,5})\s*-?\s*([A-Za-z]?)\b", address or "")
    return f"{match.group(1)}{match.group(2).upper()}" if match else ""


def normalize_tracking_code(raw: object) -> str:
    return _NOT_ALNUM.sub("", str(raw or "")).upper()[:40]


def carrier_for_code(code: str) -> str | None:
    """The carrier a track & trace code belongs to by its format, or None."""
    code = normalize_tracking_code(code)
    for carrier, pattern in CARRIER_PATTERNS:
        if pattern.match(code):
            return carrier
    return None


def carrier_from_name(name: object, code: str = "") -> str:
    """'PostNL', 'DHL Express' → our carrier value; falls back on the code's format."""
    key = re.sub(r"\s+", " ", str(name or "").strip().lower())
    if key in CARRIER_NAMES:
        return CARRIER_NAMES[key]
    for prefix, value in CARRIER_NAMES.items():
        if key.startswith(prefix):
            return value
    return carrier_for_code(code) or "other"


def tracking_link(carrier: str, code: str, order: Order | None = None) -> str:
    if not code or carrier not in TRACKING_URLS:
        return ""
    postcode = order.postcode if order is not None else ""
    url = TRACKING_URLS[carrier].format(code=quote(code), postcode=quote(postcode))
    return url.removesuffix("-NL-")


def add_working_days(start: date, days: int) -> date:
    """`days` working days after `start`, skipping Saturdays and Sundays."""
    current = start
    remaining = max(days, 0)
    while remaining:
        current += timedelta(days=1)
        if current.weekday() < 5:
            remaining -= 1
    return current


def expected_delivery(placed_at: datetime, days_max: int) -> date:
    """The last day the shop's policy promises delivery: placed_at + days_max working days."""
    return add_working_days(placed_at.date(), days_max)
