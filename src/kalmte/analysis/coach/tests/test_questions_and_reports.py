"""A question that reports nothing against one that reports a fault, and the small signs the
coach reads in a draft (a name after an emoji, "het spijt mij", "sms'je")."""

from __future__ import annotations

import pytest

from kalmte.analysis.coach import Conversation, coach
from kalmte.analysis.coach.tests.policies import FORMAL, INFORMAL


def rules(customer: str, draft: str, policy: dict = FORMAL) -> set:
    return {f.rule for f in coach(draft, Conversation([customer]), policy)}


FACT_ONLY = (
    "Hoi! Je bestelling is vanochtend verzonden met PostNL en is er uiterlijk donderdag. Groet, Kim"
)


@pytest.mark.parametrize(
    ("customer", "reported"),
    [
        # a date that matters to the customer is no fault of ours
        ("hoi, is mn bestelling er voor vrijdag? mn zoon is zaterdag jarig", False),
        ("ik heb de broek teruggestuurd, wat gebeurt er nu?", False),
        ("is mijn geld al teruggestort? annulering van gisteren", False),
        # asked before, waited too long, a promise broken: a fault, also as a question
        ("ik vraag het nu voor de derde keer: wanneer komt mijn bestelling?", True),
        ("dat zei je vorige week ook al. wanneer komt hij nou echt?", True),
        ("wanneer wordt mijn geld teruggestort? jullie zeiden 14 dagen en het is nu dag 20", True),
    ],
)
def test_a_status_question_is_no_report_unless_it_says_something_went_wrong(
    customer: str, reported: bool
) -> None:
    assert ("R4" in rules(customer, FACT_ONLY, INFORMAL)) is reported


@pytest.mark.parametrize(
    ("customer", "flagged"),
    [
        ("Bevat de notenpasta sporen van pinda? Mijn zoon heeft een pinda-allergie.", False),
        (
            "Bevat de notenpasta sporen van pinda? Mijn zoon heeft een allergie, ik ben echt in paniek.",
            True,
        ),
    ],
)
def test_worry_in_a_plain_question_wants_its_name_only_when_it_is_said(
    customer: str, flagged: bool
) -> None:
    draft = (
        "Beste mevrouw, onze notenpasta bevat geen pinda, maar wordt gemaakt in een atelier "
        "waar ook pindakaas wordt gemaakt. Bij een allergie raad ik hem daarom af. "
        "Met vriendelijke groet, Karin"
    )
    assert ("R9" in rules(customer, draft)) is flagged


def test_the_customers_own_slip_needs_no_apology() -> None:
    customer = "Ik ben vergeten mijn jas op tijd terug te sturen, het is nu dag 33. Kan het nog?"
    draft = (
        "Goedemiddag mevrouw, bij uitzondering neem ik de jas nog terug. U ontvangt vandaag "
        "een retourlabel per mail. Met vriendelijke groet, Sandra"
    )
    assert "R4" not in rules(customer, draft)


def test_het_spijt_mij_acknowledges() -> None:
    customer = "De bezorger was gisteren erg onbeschoft tegen mij."
    draft = (
        "Geachte mevrouw, het spijt mij dat de bezorger zo onbeschoft was. Ik heb het vandaag "
        "aan zijn teamleider gemeld en laat u vrijdag weten wat ermee gedaan is. "
        "Met vriendelijke groet, Anita Smit"
    )
    assert "R4" not in rules(customer, draft)


def test_a_name_after_an_emoji_is_a_name() -> None:
    customer = "pakket is er maar de doos was nat en de puzzel is helemaal kromgetrokken 😩"
    draft = "Sorry daarvoor! Ik stuur je vandaag een nieuwe, die is er binnen 2 werkdagen. Groetjes, Lara 🧩"
    assert "R6" not in rules(customer, draft, INFORMAL)
    assert "R6" in rules(customer, draft.replace("Groetjes, Lara", "Groetjes"), INFORMAL)


def test_a_diminutive_je_is_no_informal_address() -> None:
    customer = "Ik kreeg om 15 uur een sms dat de levering verplaatst is."
    draft = (
        "Beste meneer, het spijt me dat u pas laat een kaal sms'je kreeg. U staat nu ingepland "
        "op maandag tussen 7.30 en 9.30 uur. Met vriendelijke groet, Sabine"
    )
    assert "R10" not in rules(customer, draft)


def test_a_refund_the_customer_waited_weeks_for_may_be_paid_today() -> None:
    customer = "Ik wacht nu vijf weken op mijn geld voor de geretourneerde bank."
    draft = (
        "Geachte heer, u had uw geld al lang moeten hebben, mijn excuses. Ik heb de "
        "terugbetaling vandaag met spoed laten uitvoeren; u ziet het bedrag uiterlijk donderdag "
        "op uw rekening. Met vriendelijke groet, Judith"
    )
    assert "R5" not in rules(customer, draft)
    waited_days = "Ik wacht nu vijf dagen op mijn geld voor de geretourneerde bank."
    assert "R5" in rules(waited_days, draft)
