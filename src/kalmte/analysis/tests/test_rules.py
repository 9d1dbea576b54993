import pytest

from kalmte.analysis import analyze
from kalmte.analysis.components.normalize import tokenize
from kalmte.analysis.pipeline import RULES_ONLY, Pipeline

RULES = Pipeline(RULES_ONLY)


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


# How customers describe the way an employee (couriers and fitters included) treated them.
STAFF_COMPLAINTS = [
    "uw medewerker was onbeschoft",
    "uw medewerker was erg onbeschoft tegen mij",
    "die jongen aan de telefoon hing gewoon op",
    "die jongen aan de telefoon hing gewoon de telefoon op",
    "ze hing gewoon op",
    "hij hing zomaar op",
    "de medewerker heeft de verbinding verbroken",
    "ze heeft me gewoon opgehangen",
    "de bezorger was ontzettend brutaal",
    "de bezorger was heel onvriendelijk",
    "de chauffeur was heel grof tegen mijn vrouw",
    "de bezorger schreeuwde tegen me",
    "de bezorger smeet het pakket naar mijn hoofd",
    "ik werd uitgelachen",
    "ik werd uitgelachen door uw medewerker",
    "ze lachten me uit",
    "hij lachte me gewoon uit",
    "ze luisterde niet",
    "ze luisterde gewoon niet naar me",
    "hij luistert helemaal niet",
    "die medewerker luisterde niet naar wat ik zei",
    "die dame van de klantenservice deed heel kortaf",
    "die dame was heel kortaf",
    "de medewerkster deed erg kortaf",
    "ik werd afgescheept",
    "ik word steeds afgescheept",
    "ik werd met een kluitje in het riet gestuurd",
    "ze scheepte me af met een standaardantwoord",
    "ik werd afgesnauwd",
    "hij snauwde me af",
    "ze snauwde tegen me",
    "ik werd behandeld als een crimineel",
    "ik werd behandeld als een idioot",
    "ik voelde me niet serieus genomen door uw collega",
    "de medewerker was heel arrogant",
    "wat een arrogante medewerker had ik aan de lijn",
    "ik vond de medewerker erg neerbuigend",
    "hij praatte tegen me alsof ik dom was",
    "ze deed alsof ik achterlijk was",
    "de medewerker was onbeleefd",
    "wat een onbeleefde medewerker",
    "uw collega was ongelofelijk onvriendelijk",
    "de man aan de telefoon was onvriendelijk",
    "de vrouw aan de balie was chagrijnig",
    "de verkoper was heel onaardig",
    "de medewerker in de winkel negeerde me",
    "ik werd genegeerd in de winkel",
    "ik werd gewoon genegeerd door het personeel",
    "niemand van het personeel nam de moeite om me te helpen",
    "de medewerker had totaal geen zin om te helpen",
    "hij had duidelijk geen zin in mij",
    "ze rolde met haar ogen",
    "hij zuchtte de hele tijd",
    "de medewerker zat te zuchten en te steunen",
    "ze onderbrak me steeds",
    "hij liet me niet uitpraten",
    "ik kreeg geen kans om uit te leggen, ze onderbrak me",
    "de medewerker heeft tegen me gelogen",
    "uw medewerker loog gewoon",
    "de bezorger loog dat ik niet thuis was",
    "de bezorger heeft gelogen",
    "hij gaf me een grote mond",
    "ik kreeg een grote mond van de chauffeur",
    "de chauffeur maakte een opmerking over mijn uiterlijk",
    "de bezorger was intimiderend",
    "de monteur was onbeschoft en liet een rommel achter",
    "de monteur was brutaal",
    "de medewerker werd boos op mij",
    "ze werd kwaad toen ik doorvroeg",
    "de medewerker begon tegen me te schreeuwen",
    "ik ben uitgescholden door uw medewerker",
    "de chauffeur schold me uit",
    "de bezorger gooide mijn pakket over het hek en lachte",
    "wat een houding van die medewerker",
    "de houding van uw medewerker was schandalig",
    "de toon van de medewerker was onacceptabel",
    "ik stoor me aan de toon van uw collega",
    "die meneer aan de telefoon was ronduit onbeschoft",
    "het meisje in de chat was heel bot",
    "de jongen in de chat was kortaf en onbehulpzaam",
    "ik vind het niet kunnen hoe die medewerker mij behandelde",
    "zo behandel je geen klanten",
    "zo ga je niet met klanten om",
    "ik wil een klacht indienen over uw medewerker",
    "ik wil een klacht indienen over de bezorger",
    "ik wil een klacht over de behandeling door uw collega",
    "ik wil de naam van die medewerker weten om een klacht in te dienen",
    "ik wil uw leidinggevende spreken over uw collega",
    "ik verwacht excuses van die medewerker",
    "uw medewerker heeft me voor leugenaar uitgemaakt",
    "de medewerker gaf mij de schuld",
    "hij gaf mij de schuld van alles",
    "ze beschuldigde mij van fraude",
    "de medewerker zei dat ik zelf maar moest opletten",
    "uw collega zei dat het mijn eigen schuld was",
    "de medewerker deed heel denigrerend",
    "ik werd heel onheus bejegend",
    "ik ben zeer onheus bejegend door uw medewerker",
    "ik werd behandeld als tweederangs klant",
    "de medewerker was respectloos",
    "ge hebt mij verkeerd geholpen",
    "die mens aan de telefoon was vies onvriendelijk",
    "die madam aan de kassa was onbeleefd",
    "ze deed uit de hoogte",
    "hij was heel uit de hoogte",
    "de bezorger keek me aan alsof ik gek was",
    "de klantenservice medewerker heeft me gewoon weggedrukt",
    "ik werd weggedrukt",
    "ze drukte me weg",
    "uw medewerker heeft de chat gewoon afgesloten terwijl ik nog vragen had",
    "hij sloot de chat af midden in het gesprek",
    "ik werd doorverbonden en toen hing hij op",
]

# Staff mentioned without a complaint about their behaviour; devices that hang, speakers' tone.
NOT_STAFF_COMPLAINTS = [
    "de medewerker was heel vriendelijk en behulpzaam",
    "ik wil uw collega bedanken voor de goede hulp",
    "de bezorger was supervriendelijk",
    "de chauffeur heeft de bank netjes naar boven gedragen",
    "ik werd heel goed geholpen door uw medewerker",
    "de dame aan de telefoon heeft me goed geholpen maar het probleem is niet opgelost",
    "uw collega heeft beloofd mij vandaag te bellen",
    "uw collega zou me terugbellen maar niemand heeft gebeld",
    "de medewerker zei dat het pakket morgen komt, maar het is er niet",
    "de bezorger is niet langs geweest",
    "de bezorger heeft het pakket bij de buren afgegeven",
    "de bezorger heeft een briefje achtergelaten",
    "de bezorger belde niet aan",
    "het pakket is niet bezorgd",
    "de chauffeur kon het adres niet vinden",
    "de telefoon hangt steeds",
    "mijn telefoon is stuk",
    "de lijn viel weg",
    "de verbinding werd verbroken, waarschijnlijk een storing",
    "ik werd in de wacht gezet",
    "ik hang al een half uur in de wacht",
    "ik heb gebeld maar niemand neemt op",
    "de chat werkt niet",
    "ik lach me kapot om deze lamp",
    "ik lachte toen ik de doos zag",
    "het is om te lachen",
    "de schoenen zijn te klein",
    "de jas is niet wat ik besteld had",
    "de kortingscode werkt niet",
    "ik luister graag naar jullie podcast",
    "de koptelefoon doet het niet meer",
    "de speaker luistert niet naar de app",
    "de app reageert niet",
    "hij reageert niet meer op de afstandsbediening",
    "het apparaat is bot",
    "het mes is bot",
    "de houding van de stoel is slecht",
    "de toon van de speaker klinkt vreemd",
    "de kleur is brutaal fel",
    "wat een onvriendelijk systeem",
    "jullie website is onvriendelijk",
    "de retourprocedure is klantonvriendelijk",
    "ik ben de factuur kwijt",
    "kunt u de medewerker bedanken",
    "mijn man was heel boos over de levering",
    "ik werd boos toen ik het zag",
    "ik ben boos",
    "ik werd gek van het wachten",
    "ik werd niet geholpen omdat de winkel dicht was",
    "ik ben een medewerker van een ander bedrijf en wil bestellen",
    "ik werk zelf in de klantenservice",
]


def _cue(text, label):
    return [p for p in RULES(text).problems if p.label == label]


@pytest.mark.parametrize("text", STAFF_COMPLAINTS)
def test_it_finds_complaints_about_how_staff_treated_the_customer(text):
    found = _cue(text, "staff_complaint")
    assert found, text
    assert all(p.reason and text[p.start : p.end] == p.text for p in found)


@pytest.mark.parametrize("text", NOT_STAFF_COMPLAINTS)
def test_it_does_not_cue_a_staff_complaint_without_behaviour(text):
    assert _cue(text, "staff_complaint") == []


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Ik heb de factuur nog steeds niet ontvangen.", "late_delivery"),
        ("Ik heb de korting van 10% niet gekregen.", "late_delivery"),
        ("Ik wacht al drie weken op mijn terugbetaling.", "late_delivery"),
        ("Waar blijft mijn terugbetaling?", "late_delivery"),
        ("Ik heb het pakket teruggestuurd met DHL, wanneer krijg ik mijn geld?", "late_delivery"),
        ("Hoeveel kost verzending naar België met bpost?", "late_delivery"),
        ("Wanneer komt de jas in maat L weer op voorraad?", "late_delivery"),
        ("Als jullie niet binnen 48 uur reageren, stap ik naar de rechter.", "late_delivery"),
        ("Wat is de levertijd van de eettafel?", "late_delivery"),
        ("De monteur is niet gekomen, we hadden een afspraak.", "late_delivery"),
        ("Ik ben overdag niet thuis, kan het naar een afhaalpunt?", "late_delivery"),
        ("Al twee weken niks gehoord op mijn mail.", "late_delivery"),
        ("Mijn kortingscode werkt niet.", "damaged_or_defective"),
        ("De site werkt niet op mijn telefoon.", "damaged_or_defective"),
        ("Mijn login werkt niet meer sinds de update.", "damaged_or_defective"),
        ("De cadeaukaart werkt niet, het saldo is 0.", "damaged_or_defective"),
        ("Ik ben er kapot van dat het cadeau niet op tijd is.", "damaged_or_defective"),
        ("Ik heb een vraag over de garantie van mijn laptop.", "damaged_or_defective"),
        ("Vervalt de garantie als ik de gordijnen inkort?", "damaged_or_defective"),
        ("Drie weken wachten is echt te lang.", "wrong_item"),
        ("De levertijd is te lang.", "wrong_item"),
        ("De kast past niet in mijn auto, kunnen jullie hem bezorgen?", "wrong_item"),
        ("Het past deze maand niet in mijn budget.", "wrong_item"),
        ("Maat 134 is te groot en maat 128 is uitverkocht.", "wrong_item"),
        ("Mijn moeder heeft per ongeluk twee keer dezelfde jas besteld.", "wrong_item"),
        ("De tweede doos ontbreekt nog.", "wrong_item"),
        ("Wij missen de btw-specificatie op de factuur.", "wrong_item"),
        ("Het pakket is naar een verkeerd adres gestuurd.", "wrong_item"),
        ("Ik neem contact op met Kassa als dit niet opgelost wordt.", "payment_checkout"),
        ("Als dit zo doorgaat ga ik naar Kassa.", "payment_checkout"),
        (
            "Ik moet vandaag mijn bestelling plaatsen, wanneer is de site weer online?",
            "payment_checkout",
        ),
        ("Ik moet de bus pakken die ik niet kan betalen.", "payment_checkout"),
    ],
)
def test_it_drops_a_cue_when_the_sentence_is_about_something_else(text, label):
    assert _cue(text, label) == []


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Ik heb mijn bestelling en de factuur nog steeds niet ontvangen.", "late_delivery"),
        ("Mijn pakket staat al een week stil bij PostNL.", "late_delivery"),
        ("Ik wacht al drie weken op mijn bestelling.", "late_delivery"),
        ("Het duurt nu al twee weken, waar blijft mijn pakket?", "late_delivery"),
        ("De stofzuiger werkt niet meer na een week.", "damaged_or_defective"),
        ("De lamp was kapot bij aankomst, ik moet zelf de retour betalen.", "damaged_or_defective"),
        (
            "De app van de robotstofzuiger werkt wel, maar de borstel is gebroken.",
            "damaged_or_defective",
        ),
        ("Ik kreeg de verkeerde maat, de broek is veel te lang.", "wrong_item"),
        ("De schoenen zijn te klein, ik had 42 besteld.", "wrong_item"),
        ("Ik kreeg een blauwe trui in plaats van een rode.", "wrong_item"),
        ("Betalen met iDEAL lukt niet, ik krijg steeds een foutmelding.", "payment_checkout"),
        ("Ik ben twee keer afgeschreven bij de kassa van jullie webshop.", "payment_checkout"),
    ],
)
def test_it_keeps_real_cues_next_to_the_vetoes(text, label):
    assert _cue(text, label), text


# Messages written for a fresh probe of the problem cues (corpus/analysis/train_probe.jsonl):
# the same problems in other customers' words, Flemish and chat spelling included.
PROBE_HITS = [
    ("de betaling bleef hangen bij iDEAL, is mijn bestelling doorgekomen?", "payment_checkout"),
    ("Mijn iDEAL-betaling is verlopen terwijl ik nog in mijn bankapp zat.", "payment_checkout"),
    ("Er is 2x €89,95 van mijn rekening gehaald voor één bestelling.", "payment_checkout"),
    ("Waarom zie ik twee afschrijvingen van jullie op mijn bankafschrift?", "payment_checkout"),
    ("Mijn pinbetaling werd geweigerd maar het bedrag is toch weg.", "payment_checkout"),
    ("jullie systeem zegt dat ik niet betaald heb, de bank zegt van wel", "payment_checkout"),
    ("Ik heb per ongeluk twee keer op 'betalen' gedrukt.", "payment_checkout"),
    ("ik krijg steeds een witte pagina als ik op 'mijn account' klik", "website_error"),
    ("de app crasht zodra ik mijn bestellingen wil bekijken", "website_error"),
    ("jullie website ligt er al de hele ochtend uit", "website_error"),
    ("producten verdwijnen gewoon uit mijn mandje", "website_error"),
    ("Het lukt me niet om in te loggen met mijn nieuwe e-mailadres.", "website_error"),
    ("Ik zie alleen nog een foutcode 403 als ik naar jullie site ga.", "website_error"),
    ("De site zegt steeds 'sessie verlopen' en dan ben ik alles kwijt.", "website_error"),
    ("Mijn account is geblokkeerd en de deblokkeerlink doet niks.", "website_error"),
    ("Ik heb de blauwe besteld maar de groene gekregen.", "wrong_item"),
    ("Ik bestelde een pak van 12 rollen en kreeg een pak van 4.", "wrong_item"),
    ("Ik kreeg de set van vier borden, ik had de set van zes besteld.", "wrong_item"),
    ("De bank was een tweezits in plaats van een driezits.", "wrong_item"),
    ("Het kleur klopt niet, het is zwart.", "wrong_item"),
    ("Er kwam een heel andere lamp dan op de foto.", "wrong_item"),
    ("In mijn pakket zat een heel andere bestelling.", "wrong_item"),
    ("besteld: M. gekregen: XL. knap hoor", "wrong_item"),
    ("jullie zouden me terugbellen, dat is nu drie dagen geleden", "missed_callback"),
    ("de monteur is niet komen opdagen", "missed_callback"),
    ("de technieker is niet geweest, nochtans hadden we een afspraak", "missed_callback"),
    ("Ze zouden me binnen 24 uur bellen. Inmiddels een week verder.", "missed_callback"),
    ("U had toegezegd dat ik vandaag gebeld zou worden.", "missed_callback"),
    ("Ik wacht nog steeds op het beloofde telefoontje.", "missed_callback"),
    ("Onze afspraak om de keuken op te meten is gewoon vergeten.", "missed_callback"),
    ("De hersteller die zou komen voor mijn droogkast is nooit verschenen.", "missed_callback"),
    ("Ik werd bij de uitgang door de beveiliger behandeld als een dief.", "staff_complaint"),
    ("Ik vind het onacceptabel hoe ik door uw medewerker ben behandeld.", "staff_complaint"),
    ("toen ik belde werd ik nogal bot te woord gestaan", "staff_complaint"),
    ("de dame aan de telefoon heeft me afgepoeierd", "staff_complaint"),
    ("De medewerker nam niet eens de moeite om het te bekijken.", "staff_complaint"),
    ("Je collega beloofde een vergoeding. Wie liegt hier?", "staff_complaint"),
    ("Er staan verzendkosten op mijn factuur terwijl het gratis was.", "invoice_billing"),
    ("Ge hebt mij een rekening gestuurd voor iets dat al betaald is.", "invoice_billing"),
    ("Ik heb een creditfactuur nodig voor de retour.", "invoice_billing"),
    ("Jullie hebben het maandbedrag van mijn abonnement verhoogd.", "invoice_billing"),
    ("de stofzuiger slaat na 5 minuten gewoon af", "damaged_or_defective"),
    ("De vaas kwam in duizend stukjes aan.", "damaged_or_defective"),
    ("De lak bladdert nu al af van de kast.", "damaged_or_defective"),
    ("de cv-ketel geeft geen warm water meer", "damaged_or_defective"),
    ("De actie 'tweede halve prijs' wordt niet verrekend.", "promo_code"),
]

PROBE_NEAR_MISSES = [
    ("Ik heb al betaald en het pakket is nog steeds niet binnen.", "payment_checkout"),
    ("Mijn kortingscode wordt niet geaccepteerd bij het afrekenen.", "payment_checkout"),
    ("de jongen aan de kassa negeerde me gewoon", "payment_checkout"),
    ("Ik krijg bij het afrekenen 'betaalmethode niet beschikbaar'.", "out_of_stock"),
    ("De betaling via Apple Pay wordt steeds geannuleerd.", "cancellation"),
    ("mijn oordopjes laden niet meer op", "website_error"),
    ("Tot overmaat van ramp kreeg ik ook nog een herinnering.", "website_error"),
    ("Ik kan niet betalen, ik word teruggestuurd naar het winkelmandje.", "return_refund"),
    ("Ik heb de jas besteld en gisteren ontvangen, hoe was ik hem?", "wrong_item"),
    ("Ik heb gisteren betaald maar ik krijg geen bevestigingsmail.", "wrong_item"),
    ("Het adres moet 3512 KL zijn in plaats van 3512 KJ.", "wrong_item"),
    ("Ik heb twee keer dezelfde mail ontvangen over mijn pakket.", "wrong_item"),
    ("Kunt u me morgen na vijf uur terugbellen over mijn retour?", "missed_callback"),
    ("Bedankt voor het terugbellen, fijn dat het geregeld is!", "missed_callback"),
    ("Ik bel morgen wel terug, nu heb ik geen tijd.", "missed_callback"),
    ("de technieker is niet geweest, nochtans hadden we een afspraak", "late_delivery"),
    ("Mijn bestelling is geannuleerd wegens 'betaling niet ontvangen'.", "late_delivery"),
    ("Ik heb bij mijn bestelling geen factuur ontvangen.", "late_delivery"),
    ("Mijn betaling is mislukt. Wanneer komt het gereserveerde bedrag vrij?", "late_delivery"),
    (
        "Ik wacht nog steeds op het beloofde telefoontje van de garantieafdeling.",
        "damaged_or_defective",
    ),
    ("De transactie werd afgebroken in mijn bankapp.", "damaged_or_defective"),
    ("Volgens de factuur heb ik op 20 maart besteld, mag de jas terug?", "invoice_billing"),
    ("Ik zie het bedrag nog niet op mijn rekening staan.", "invoice_billing"),
]


@pytest.mark.parametrize(("text", "label"), PROBE_HITS)
def test_it_reads_the_problem_in_other_customers_words(text, label):
    assert _cue(text, label), text


@pytest.mark.parametrize(("text", "label"), PROBE_NEAR_MISSES)
def test_it_does_not_take_a_near_miss_for_the_problem(text, label):
    assert _cue(text, label) == [], text
