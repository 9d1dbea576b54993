import pytest

from kalmte.analysis import analyze
from kalmte.analysis.components.normalize import tokenize


@pytest.mark.parametrize(
    ("text", "norms"),
    [
        ("heeeel erg", ["heel", "erg"]),
        ("K@NKER", ["kanker"]),
        ("ff checken of mn pakket er is", ["even", "checken", "of", "mijn", "pakket", "er", "is"]),
        ("da's spijtig", ["dat is", "jammer"]),
        ("k.u.t", ["kut"]),
        ("sh1t", ["shit"]),
    ],
)
def test_it_normalises_how_customers_write(text, norms):
    assert [t.norm for t in tokenize(text)] == norms


def test_it_keeps_offsets_of_the_original_text():
    text = "Hé, dit is o p l i c h t e r s werk!"
    for token in tokenize(text):
        assert text[token.start : token.end] == token.text


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("Mijn bestelnummer is 2024-55812.", "order_number", "2024-55812"),
        ("Order #100234 is niet gekomen", "order_number", "#100234"),
        ("ordernr. NL-88312 graag", "order_number", "NL-88312"),
        ("mail me op j.bakker@ziggo.nl aub", "email", "j.bakker@ziggo.nl"),
        ("Ik woon op 1234 AB, huisnummer 5", "postcode", "1234 AB"),
        ("postcode 3511ab", "postcode", "3511ab"),
        ("Ons adres is Meir 1, 2000 Antwerpen", "postcode", "2000"),
        ("Track & trace: 3SABCD1234567", "tracking_code", "3SABCD1234567"),
        ("DHL code JVGL0452178833 staat stil", "tracking_code", "JVGL0452178833"),
        ("label van DHL: 00340434161094015902.", "tracking_code", "00340434161094015902"),
        ("de retour met GLS-nummer 61234567890 is aangekomen", "tracking_code", "61234567890"),
        ("bestelnr 2024/00817 duurt lang", "order_number", "2024/00817"),
        ("bestelling 77812 en 77813 zijn samen geleverd", "order_number", "77813"),
        ("(nummer BE-771204)", "order_number", "BE-771204"),
        ("mijn postcode is 2018, niet 2180", "postcode", "2180"),
    ],
)
def test_it_extracts_identifiers(text, kind, value):
    assert (kind, value) in [(i.kind, i.text) for i in analyze(text).identifiers]


@pytest.mark.parametrize(
    "text", ["Ik heb 2000 en nog wat betaald", "Ik wil 1500 Euro terug", "Het kost 1234 en meer"]
)
def test_it_does_not_take_amounts_for_postcodes(text):
    assert [i for i in analyze(text).identifiers if i.kind == "postcode"] == []


@pytest.mark.parametrize(
    "text", ["Bel me op nummer 0612345678", "mijn huisnummer 12", "nummer 5 graag"]
)
def test_it_does_not_take_phone_or_house_numbers_for_orders(text):
    assert [i for i in analyze(text).identifiers if i.kind == "order_number"] == []


@pytest.mark.parametrize(
    ("text", "register"),
    [
        ("Kunt u mij laten weten wanneer mijn bestelling komt?", "formal"),
        ("Kun je even kijken waar mijn pakket is?", "informal"),
        ("Kunt ge mij zeggen wanneer da mijn pakske komt?", "informal"),
        ("Jullie hebben mijn pakket nog steeds niet verzonden.", "unknown"),
        ("waar blijft mijn pakket??", "unknown"),
    ],
)
def test_it_detects_the_register(text, register):
    assert analyze(text).register == register


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Waar blijft mijn pakket? Al een week niets ontvangen.", "late_delivery"),
        ("De vaas is kapot aangekomen.", "damaged_or_defective"),
        ("Ik heb de verkeerde maat gekregen.", "wrong_item"),
        ("Wanneer krijg ik mijn geld terug? Ik heb het al geretourneerd.", "return_refund"),
        ("Mijn kortingscode werkt niet.", "promo_code"),
        ("Ik ben twee keer afgeschreven voor dezelfde bestelling.", "payment_checkout"),
        ("Op de factuur staat het verkeerde btw-bedrag.", "invoice_billing"),
        ("Wanneer is deze jas weer op voorraad in maat M?", "out_of_stock"),
        ("Jullie website geeft een foutmelding bij het inloggen.", "website_error"),
        ("Jullie zouden me gisteren terugbellen maar niemand heeft gebeld.", "missed_callback"),
        ("Ik wil mijn bestelling annuleren.", "cancellation"),
        ("Uw medewerker was ontzettend onbeschoft aan de telefoon.", "staff_complaint"),
        ("Past deze hoes ook op een iPhone 15?", "product_question"),
    ],
)
def test_it_finds_the_problem_with_cue_words(text, problem):
    problems = {p.label: p for p in analyze(text).problems}
    assert problem in problems
    p = problems[problem]
    assert text[p.start : p.end] == p.text


def test_it_finds_no_problem_in_pure_thanks():
    assert analyze("Bedankt voor de snelle levering, echt top!").problems == ()


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("Wanneer wordt mijn pakket bezorgd?", "needs_certainty"),
        ("Klopt het dat ik mijn geld binnen 14 dagen terugkrijg?", "needs_certainty"),
        ("Jullie doen dit expres zodat je niet hoeft terug te betalen", "suspects_intent"),
        ("Jullie halen de site bewust offline tijdens de uitverkoop", "suspects_intent"),
        ("WAT EEN ONGELOFELIJK SLECHT BEDRIJF!!! NOOIT MEER!!!", "venting"),
    ],
)
def test_it_sets_flags(text, flag):
    assert flag in analyze(text).flag_labels


def test_it_does_not_flag_venting_when_the_customer_asks_something():
    assert (
        "venting"
        not in analyze("DIT IS BELACHELIJK!!! Wanneer krijg ik mijn geld terug?").flag_labels
    )


@pytest.mark.parametrize(
    ("text", "emotion"),
    [
        ("DIT IS BELACHELIJK!!! Kutbedrijf, stelletje oplichters!!!", "anger"),
        ("Bedankt, jullie zijn top, alles netjes ontvangen!", "positive"),
        (
            "Ik weet echt niet meer wat ik moet doen, de medicijnen zaten in dat pakket en ik heb ze morgen nodig",
            "distress",
        ),
        ("Wat zijn de afmetingen van deze kast?", "neutral"),
    ],
)
def test_it_reads_clear_emotions(text, emotion):
    result = analyze(text)
    assert result.emotion is not None
    assert result.emotion.label == emotion
