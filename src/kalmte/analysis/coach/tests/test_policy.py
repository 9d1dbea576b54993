"""The shop policy the coach checks promises against is validated with a precise error."""

import json

import pytest

from kalmte.analysis.coach import coach
from kalmte.analysis.coach.types import check_policy
from kalmte.cli import main

GOOD = {
    "delivery_days": [1, 3],
    "free_shipping_from_eur": 49.95,
    "return_days": 30,
    "refund_days": 14,
    "register": "formal",
}


def test_it_accepts_a_whole_or_partial_policy():
    assert check_policy(GOOD) == GOOD
    assert check_policy({"free_shipping_from_eur": None, "return_days": 0}) == {"return_days": 0}
    assert check_policy(None) == {}


@pytest.mark.parametrize(
    ("policy", "message"),
    [
        ({"delivery_days": [3]}, "delivery_days"),
        ({"delivery_days": [4, 2]}, "min <= max"),
        ({"delivery_days": "1-3"}, "delivery_days"),
        ({"return_days": -1}, "return_days"),
        ({"refund_days": 2.5}, "refund_days"),
        ({"refund_days": True}, "refund_days"),
        ({"free_shipping_from_eur": "gratis"}, "free_shipping_from_eur"),
        ({"register": "u"}, "register"),
        ({"levertijd": 3}, "unknown key"),
        (["delivery_days"], "object"),
    ],
)
def test_it_refuses_a_malformed_policy_precisely(policy, message):
    with pytest.raises(ValueError, match=message):
        check_policy(policy)
    with pytest.raises(ValueError, match=message):
        coach("Ik stuur het vandaag op. Groet, Sanne", {"customer": ["Waar blijft het?"]}, policy)


def test_it_reports_a_malformed_policy_file_on_the_command_line(tmp_path, capsys):
    path = tmp_path / "policy.json"
    path.write_text(json.dumps({"delivery_days": [5, 1]}), encoding="utf-8")
    args = ["coach", "--json", "--customer", "Waar blijft het?", "--draft", "Morgen."]
    assert main([*args, "--policy", str(path)]) == 2
    assert "delivery_days" in capsys.readouterr().err
