"""The register converter turns "je" into "u" and back, verbs and possessives included."""

from __future__ import annotations

import pytest

from kalmte.analysis.coach import convert_register, draft_register

PAIRS = [
    ("Je hebt gelijk.", "U heeft gelijk."),
    ("Jij bent de eerste.", "U bent de eerste."),
    ("Kun je je bestelnummer sturen?", "Kunt u uw bestelnummer sturen?"),
    ("Heb je de mail gekregen?", "Heeft u de mail gekregen?"),
    ("Wil je dat ik je help?", "Wilt u dat ik u help?"),
    ("Ik bel jou morgen over jouw pakket.", "Ik bel u morgen over uw pakket."),
    ("Ik stuur je de link voor je retour.", "Ik stuur u de link voor uw retour."),
    ("Je krijgt je geld binnen 14 dagen terug.", "U krijgt uw geld binnen 14 dagen terug."),
    (
        "Hoef je niets te doen? Nee, je hoeft niets te doen.",
        "Hoeft u niets te doen? Nee, u hoeft niets te doen.",
    ),
    ("Dank voor je bericht, ik help je graag.", "Dank voor uw bericht, ik help u graag."),
]


@pytest.mark.parametrize(("informal", "formal"), PAIRS)
def test_it_turns_je_into_u(informal: str, formal: str) -> None:
    assert convert_register(informal, "formal") == formal


@pytest.mark.parametrize(("informal", "formal"), PAIRS)
def test_it_turns_u_into_je(informal: str, formal: str) -> None:
    back = convert_register(formal, "informal")
    # "jij"/"jou"/"jouw" come back as the neutral "je"
    expected = informal.replace("Jij", "Je").replace("jouw", "je").replace("jou", "je")
    assert back == expected


def test_it_leaves_jullie_and_other_words_alone() -> None:
    text = "Jullie bestelling is onderweg; de bezorger belt aan."
    assert convert_register(text, "formal") == text
    assert convert_register(text, "informal") == text


def test_converted_drafts_have_one_register() -> None:
    draft = "Hoi! Je hebt gelijk, jouw pakket is te laat. Kun je morgen thuis zijn?"
    assert draft_register(convert_register(draft, "formal")) == "formal"
    assert draft_register(draft) == "informal"


def test_it_rejects_an_unknown_register() -> None:
    with pytest.raises(ValueError, match="target must be one of"):
        convert_register("Hallo", "plat")
