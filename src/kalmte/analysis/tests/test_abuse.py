import pytest

from kalmte.analysis import analyze


@pytest.mark.parametrize(
    ("text", "kind", "span"),
    [
        ("kutbedrijf, 3 weken wachten op een bank", "profanity", "kutbedrijf"),
        ("Wat een tyfusbende is het hier", "insult", "tyfusbende"),
        ("Wat een tyfusbende is het hier", "profanity", "tyfusbende"),
        ("stelletje kankerlijers", "insult", "kankerlijers"),
        ("jullie zijn k@nkerlijers", "profanity", "k@nkerlijers"),
        ("o p l i c h t e r s zijn jullie", "insult", "o p l i c h t e r s"),
        ("k.u.t service", "profanity", "k.u.t"),
        ("KUUUUTBEDRIJF", "profanity", "KUUUUTBEDRIJF"),
        ("f*ck jullie", "profanity", "f*ck"),
        ("jullie zijn sukkels", "insult", "sukkels"),
        ("Godverdomme, alweer niks", "profanity", "Godverdomme"),
        ("ik weet waar je woont", "threat", "ik weet waar je woont"),
        (
            "ik steek die winkel van jullie in de fik",
            "threat",
            "steek die winkel van jullie in de fik",
        ),
        ("als ik je tegenkom sla ik je kop in", "threat", "sla ik je kop in"),
        ("Ik kom langs en dan zul je wat beleven", "threat", "dan zul je wat beleven"),
        ("ge zijt ne sloeber", "insult", "ne sloeber"),
    ],
)
def test_it_finds_abuse_with_its_span(text, kind, span):
    found = [(f.kind, f.text) for f in analyze(text).abuse]
    assert any(k == kind and span in t for k, t in found), found


@pytest.mark.parametrize(
    "text",
    [
        "mijn moeder heeft kanker en ik heb het bed echt nodig",
        "Kanker is een rotziekte, mijn man is eraan overleden. Graag de bestelling annuleren.",
        "ik schiet niet op zo, al drie keer de chat geprobeerd",
        "dit is om te janken, de taart is niet gekomen",
        "ik kom het zelf wel ophalen bij het afhaalpunt",
        "ik weet waar jullie winkel zit, ik kom het wel ruilen",
        "De bezorger noemde mij een idioot, dat vond ik niet netjes.",
        "Mijn buurman zei al dat jullie oplichters zijn, maar ik heb goede ervaringen.",
        "ik ben zo'n sukkel, ik heb de verkeerde maat besteld",
        "Verdorie, jeetje, wat balen dat het niet past",
        "Ik ga naar de rechter en zet een slechte review op Trustpilot.",
        "Ik stel u hierbij formeel in gebreke en schakel mijn advocaat in.",
        "Dit is een waardeloze service en een schandalig slechte afhandeling.",
        "De asbak die ik bestelde is gebarsten.",
    ],
)
def test_it_leaves_hard_negatives_alone(text):
    assert analyze(text).abuse == ()


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Ik schakel mijn advocaat in", "legal"),
        ("Dan stap ik naar de Geschillencommissie", "legal"),
        ("Hierbij stel ik u in gebreke", "legal"),
        ("Ik ga een slechte review schrijven", "public"),
        ("Dit zet ik op Facebook", "public"),
        ("Ik mail naar Radar", "public"),
        ("Ik ga naar de Consumentenbond", "public"),
    ],
)
def test_it_reports_legal_and_public_pressure_apart_from_abuse(text, kind):
    result = analyze(text)
    assert kind in result.pressure_kinds
    assert result.abuse == ()


def test_it_does_not_count_a_mention_of_social_media_as_pressure():
    assert analyze("Ik zag de kortingscode op Instagram maar hij werkt niet").pressure == ()
