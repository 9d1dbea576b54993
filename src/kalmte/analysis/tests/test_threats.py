"""Threats in their many Dutch and Flemish forms, and the hard negatives around them."""

from __future__ import annotations

import pytest

from kalmte.analysis.pipeline import RULES_ONLY, Pipeline

PIPELINE = Pipeline(RULES_ONLY)

THREATS = [
    'ik sla je in elkaar',
    'je krijgt een klap',
    'ik maak je af',
    'ik trap je winkel in elkaar',
    'ik steek die tent in de fik',
    'ik kom met een paar vrienden langs',
    'als het morgen niet geregeld is dan gebeuren er ongelukken',
    'je gaat het merken',
    'pas maar op',
    'kijk maar uit',
    'wacht maar af wat er gebeurt',
    'ik weet waar je woont',
    'ik weet waar je werkt',
    'ik sta morgen voor je deur en dan',
    'ik zal je vinden',
    'jullie gaan boeten',
    'je bent nog niet van me af',
    'ik breek alles af',
    'ik klop u op uwe muil',
    'ge zult het weten',
    'als je mijn geld niet terugstort dan zul je ervan lusten',
    'wees maar bang',
    'ik sla je inelkaar',
    'ik sla je in mekaar als ik je zie',
    'ik ga jou vermoorde',
    'jullie krijgen klappen',
    'ik ram jullie tent kort en klein',
    'ik vind je wel',
    'dat ga je merken',
    'ik weet waar jouw chauffeur woont',
    'ik kom met mijn broers naar jullie winkel',
    'er gaan ongelukken gebeuren',
    'ge gaat een pak slaag krijgen',
    'ik sla u op uw bakkes',
    'jullie weten niet met wie je te maken hebt',
    'je bent er geweest als ik je zie',
    'ik stuur een paar jongens op je af',
    'ik regel het wel op mijn manier',
    'ik neem mijn neven mee',
    'dan is het gedaan met je',
    'je mag wel bang zijn',
    'ik zou maar oppassen als ik jou was',
    'anders gebeurt er wat',
]

NOT_THREATS = [
    'ik stap naar de rechter',
    'ik zet het op Facebook',
    'dan ga je het merken in een review',
    'ik schiet niet op',
    'ik kom het zelf wel ophalen',
    'ik weet waar jullie winkel zit, ik kom wel langs om te ruilen',
    'ik word gek',
    'dat pakket maakt me nog eens dood',
    'hij zei tegen mij: ik sla je in elkaar',
    'ik wacht maar af',
    'dan zul je het merken aan je omzet',
    'ik schakel een advocaat in, dan zul je het merken',
    'jullie zijn nog niet van me af, ik bel morgen weer',
    'pas maar op met dat product het is gevaarlijk',
    'kijk maar uit of het klopt',
    'ik vind je wel aardig',
    'ik vind jullie wel duur',
    'je krijgt een klap van de prijs als je dit koopt',
    'ik kom morgen langs bij de winkel om het te ruilen',
    'dan gebeurt er niets',
    'ik ga een review schrijven dan zul je het weten',
    'ik sla je winkel over voortaan',
    'wees niet bang ik ben niet boos',
    'jullie hebben geluk dat ik geen advocaat ben',
    'ik breek de bestelling af',
    'ik kom met mijn vriend langs om het op te halen',
    'ik kon mezelf wel voor de kop slaan',
    'de bezorger heeft de doos kapot getrapt',
    'ik trap er niet meer in',
    'dat wordt niet leuk voor jullie als ik een review schrijf op Trustpilot',
    'ik zal het wel vinden op de site',
    'ik weet je adres niet meer',
    'je moet niet bang zijn dat ik boos ben',
    'mijn zoon zei dat hij je zou vinden',
]


def _threats(text: str) -> list[str]:
    return [f.reason for f in PIPELINE(text).abuse if f.kind == "threat"]


@pytest.mark.parametrize("text", THREATS)
def test_threat_is_found_with_a_reason(text: str) -> None:
    reasons = _threats(text)
    assert reasons, text
    assert all(reasons)


@pytest.mark.parametrize("text", NOT_THREATS)
def test_hard_negative_is_not_a_threat(text: str) -> None:
    assert _threats(text) == []
