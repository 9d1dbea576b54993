"""A question that reports nothing against one that reports a fault, and the small signs the
coach reads in a draft (a name after an emoji, "het spijt mij", "sms'je")."""

from __future__ import annotations

import pytest

from kalmte.analysis.coach.tests.policies import FORMAL, INFORMAL, rules

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
    draft = (
        "Sorry daarvoor! Ik heb een nieuwe bij de uitgever aangevraagd, die is er binnen 5 "
        "werkdagen. Groetjes, Lara 🧩"
    )
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


@pytest.mark.parametrize(
    ("customer", "flagged"),
    [
        ("Hoi, kunnen jullie de kast ook opbouwen? Ik heb twee linkerhanden 😅", False),
        ("Hoi, kunnen jullie de kast ook opbouwen?", True),
    ],
)
def test_haha_answers_a_customer_who_laughs(customer: str, flagged: bool) -> None:
    draft = (
        "Haha, opbouwen doen we helaas niet. Voor € 59 zet een monteur van Klusdienst Thuis "
        "hem binnen een week na levering in elkaar; je vinkt dat aan bij het afrekenen. "
        "Groetjes, Anouk"
    )
    assert ("R3" in rules(customer, draft, INFORMAL)) is flagged


def test_gefeliciteerd_is_warm_for_a_baby_on_the_way() -> None:
    customer = "Ons kind wordt over vier dagen geboren. Kan de commode nog op tijd komen?"
    draft = (
        "Beste Linda, alvast van harte gefeliciteerd! Bestelt u vandaag, dan plan ik de commode "
        "bij uitzondering in voor donderdag. Met vriendelijke groet, Hester"
    )
    assert "R3" not in rules(customer, draft)


def test_a_weekday_with_its_date_may_lie_weeks_ahead() -> None:
    slow = {**FORMAL, "delivery_days": [10, 25]}
    customer = "Wanneer wordt mijn dressoir geleverd? Ik hoor niets meer."
    dated = (
        "Geachte heer, het dressoir wordt op dinsdag 16 april bij u afgeleverd, tussen 8.00 en "
        "12.00 uur. Met vriendelijke groet, Ingrid Bosman"
    )
    assert "R5" not in rules(customer, dated, slow)
    assert "R5" in rules(customer, dated.replace("dinsdag 16 april", "dinsdag"), slow)


def test_staying_the_contact_person_is_personal_follow_up() -> None:
    customer = "Mijn e-bike geeft sinds gisteren foutcode E12 en de motor doet niets meer."
    draft = (
        "Beste mevrouw, vervelend dat uw e-bike het laat afweten. Ik heb uw melding doorgezet "
        "naar onze technicus; hij belt u morgen vóór 12.00 uur. Ik blijf uw aanspreekpunt. "
        "Met vriendelijke groet, Joyce Willems"
    )
    assert "R6" not in rules(customer, draft)
    assert "R6" in rules(customer, draft.replace(" Ik blijf uw aanspreekpunt.", ""))


def test_a_name_before_the_team_is_a_name() -> None:
    customer = "dat zei je vorige week ook al. wordt mn monstera nou vervangen of niet?"
    draft = (
        "Hoi Roos, sorry, je had allang antwoord moeten hebben. Ja, je monstera wordt vervangen: "
        "de nieuwe is donderdag bij je. Groetjes, Eline van team Plantje"
    )
    assert "R6" not in rules(customer, draft, INFORMAL)


@pytest.mark.parametrize(
    "blame",
    [
        "Typisch DPD weer, die chauffeurs hebben gewoon nooit zin om aan te bellen.",
        "Die PostNL-bezorgers zetten pakketten neer waar het ze uitkomt.",
        "Mijn collega heeft de bestelling dubbel ingevoerd, die let gewoon nooit goed op.",
        "Het reparatiecentrum krijgt het daar gewoon niet voor elkaar.",
    ],
)
def test_running_down_a_partner_or_colleague_is_blame(blame: str) -> None:
    customer = "Mijn pakket is nog steeds niet bezorgd."
    draft = (
        f"Hoi, sorry dat het zo loopt. {blame} Je pakket komt uiterlijk donderdag, ik houd het in "
        "de gaten. Groet, Lotte"
    )
    assert "R2" in rules(customer, draft, INFORMAL)
    neutral = draft.replace(blame, "Het pakket ligt nu bij het depot in Zwolle.")
    assert "R2" not in rules(customer, neutral, INFORMAL)


def test_tomorrow_for_a_parcel_already_late_is_catching_up() -> None:
    draft = (
        "Beste meneer, excuses voor het lange wachten. Uw pakket wordt morgen bezorgd. "
        "Met vriendelijke groet, Gert"
    )
    late = "Ik wacht nu al tien dagen op mijn pakket, wat is er aan de hand?"
    assert "R5" not in rules(late, draft)
    assert "R5" in rules("Kan mijn bestelling morgen al bezorgd worden?", draft)


@pytest.mark.parametrize(
    "retort",
    [
        "Met dat toontje kom je bij ons niet ver.",
        "Als je zo tegen ons praat, hoef je van ons geen extra moeite te verwachten.",
        "Kom je hier verhaal halen, dan heb je een aangifte aan je broek.",
        "Schreeuwen in hoofdletters helpt echt niemand verder.",
    ],
)
def test_a_retort_to_abuse_is_hitting_back(retort: str) -> None:
    customer = (
        "stelletje idioten, waar is mijn telefoon?? als ik hem morgen niet heb kom ik verhaal halen"
    )
    draft = f"{retort} Je telefoon is gisteren verzonden en komt donderdag. Groet, Jeroen"
    found = rules(customer, draft, INFORMAL)
    assert {"R3", "R8"} <= found
    calm = rules(
        customer, draft.replace(retort, "Ik help je graag, maar zonder scheldwoorden."), INFORMAL
    )
    assert "R8" not in calm


def test_the_shrug_is_the_wrong_tone() -> None:
    customer = "Wanneer is mijn fiets nou klaar? Het duurt al drie weken."
    draft = (
        "Beste meneer, de onderdelen zijn besteld en de fiets is klaar wanneer hij klaar is. "
        "Met vriendelijke groet, Bram"
    )
    assert "R3" in rules(customer, draft)


def test_a_visit_is_no_blame_of_the_customer() -> None:
    customer = "Ik heb de foto's van de kras op het dressoir gestuurd. Hoe gaat dit verder?"
    draft = (
        "Beste mevrouw, dank u voor de foto's, en het spijt me van de kras. Een restaurateur "
        "komt bij u thuis de kras wegwerken; ik bel u morgen om 10.00 uur voor een afspraak. "
        "Met vriendelijke groet, Yvonne"
    )
    assert "R2" not in rules(customer, draft)
    assert "R2" in rules(
        customer, draft.replace("Een restaurateur", "Dat komt door u. Een restaurateur")
    )


def test_a_long_new_answer_that_takes_up_a_short_earlier_one_is_no_repeat() -> None:
    previous = (
        "Beste mevrouw Brink, uw vest wordt deze week geleverd. Met vriendelijke groet, Charlotte"
    )
    customer = "U schreef dat het vest deze week zou komen. Het is zaterdag. Wat is er aan de hand?"
    answer = (
        "Beste mevrouw Brink, het spijt me, ik had u deze week beloofd en dat is niet gelukt. "
        "Uw vest wordt met de hand gebreid en de breister is een paar dagen ziek geweest. Het is "
        "vanochtend verstuurd en wordt dinsdag bezorgd. Dinsdagavond stuur ik u een bericht om te "
        "horen of het goed is aangekomen. Met vriendelijke groet, Charlotte"
    )
    assert "R1" not in rules(customer, answer, previous=previous)
    copy = previous.replace("geleverd.", "geleverd, excuses.")
    assert "R1" in rules(customer, copy, previous=previous)


def test_a_refund_booked_at_once_within_the_stated_term_is_no_early_promise() -> None:
    customer = "Al de tweede keer dat jullie mijn retour kwijt zijn. Ik heb het verzendbewijs."
    draft = (
        "Beste meneer, het spijt me. Stuurt u mij het verzendbewijs, dan boek ik de "
        "terugbetaling meteen in. U heeft het bedrag dan binnen 14 dagen terug. "
        "Met vriendelijke groet, Ilse"
    )
    assert "R5" not in rules(customer, draft)
    assert "R5" in rules(
        customer, draft.replace(" U heeft het bedrag dan binnen 14 dagen terug.", "")
    )


@pytest.mark.parametrize(
    ("customer", "draft"),
    [
        (
            "als ik geen gratis verzending krijg zet ik op tiktok hoe slecht jullie zijn",
            "Hoi, je krijgt van mij gratis verzending op je volgende bestelling, dan hoef je ook "
            "niks op TikTok te zetten. Groet, Robin",
        ),
        (
            "Ik wil de volledige 899 euro terug, anders stap ik naar de rechter.",
            "Beste meneer, een gang naar de rechter willen wij u graag besparen. Daarom betalen "
            "wij de volledige € 899 terug. Met vriendelijke groet, Frank",
        ),
        (
            "Stelletje klootzakken. Het cadeau kwam een dag te laat. Geef me m'n geld terug.",
            "Hoi Koen, je bent duidelijk heel erg boos, dus ik heb het volledige bedrag "
            "teruggestort en je mag het cadeau houden. Groetjes, Evi",
        ),
        (
            "wat een kutbedrijf zijn jullie ook. mn laptop is na een week al kapot.",
            "Hallo, met zo'n grote mond kom je bij ons niet ver, mannetje. Groet, Klantenservice",
        ),
    ],
)
def test_giving_in_to_pressure_or_hitting_back(customer: str, draft: str) -> None:
    assert "R8" in rules(customer, draft, INFORMAL)


def test_a_problem_fixed_in_the_reply_needs_no_signature() -> None:
    customer = (
        "ik word hier gek van!!! 3e keer dat de mail om mn wachtwoord te resetten niet aankomt"
    )
    fixed = (
        "Ik snap dat je er gek van wordt, sorry. Ik heb je wachtwoord handmatig gereset: je hebt "
        "nu een sms met een tijdelijke code, daarmee log je in."
    )
    assert "R6" not in rules(customer, fixed, INFORMAL)
    handed_on = (
        "Ik snap dat je er gek van wordt, sorry. Ik heb het doorgezet naar onze IT-afdeling."
    )
    assert "R6" in rules(customer, handed_on, INFORMAL)


def test_an_iban_is_no_shouting() -> None:
    customer = "Kunt u het bedrag terugstorten op een ander rekeningnummer?"
    draft = (
        "Geachte heer, het bedrag van € 45 is vandaag teruggestort op NL91 ABNA 0417 1643 00. "
        "Met vriendelijke groet, Marieke"
    )
    assert "R3" not in rules(customer, draft)
    assert "R3" in rules(customer, draft.replace("vandaag", "VANDAAG"))


def test_production_planned_is_no_parcel_on_its_way() -> None:
    slow = {**FORMAL, "delivery_days": [5, 10]}
    customer = "Kunt u de kozijnen uiterlijk overmorgen op de bouwplaats leveren?"
    draft = (
        "Geachte heer, ik heb de productie vandaag ingepland, en wij leveren alles overmorgen "
        "vóór 10.00 uur op de bouwplaats. Met vriendelijke groet, Sjoerd Postma"
    )
    assert "R5" in rules(customer, draft, slow)


def test_a_late_return_accepted_in_many_words_is_against_the_policy() -> None:
    customer = "Wij bestelden op 10 juli 60 emmers verf. Het is nu 28 augustus. Kunnen wij de 14 ongeopende emmers nog retourneren?"
    draft = (
        "Geachte mevrouw, u kunt de 14 ongeopende emmers zonder bezwaar aan ons retourneren. "
        "Onze vervoerder haalt de pallet dinsdag op. Met vriendelijke groet, Rob Smulders"
    )
    assert "R5" in rules(customer, draft)
    assert "R5" not in rules(customer, draft.replace("zonder bezwaar", "bij uitzondering"))


def test_sending_again_what_went_wrong_travels_free() -> None:
    customer = "Er ontbraken zes flessen massageolie in mijn bestelling van € 30."
    draft = (
        "Geachte mevrouw, het spijt mij dat er flessen ontbraken. Ik stuur ze vandaag opnieuw "
        "naar u toe, zonder verzendkosten. Met vriendelijke groet, Nathalie"
    )
    assert "R5" not in rules(customer, draft)
    new_order = "Kan ik zes flessen massageolie van € 30 zonder verzendkosten bestellen?"
    assert "R5" in rules(
        new_order,
        "Geachte mevrouw, ja, u krijgt ze zonder verzendkosten. Met vriendelijke groet, Nathalie",
    )


def test_haha_answers_a_cheerful_customer() -> None:
    draft = "Haha dankje! Hij valt ruim, dus twijfel je tussen twee maten, pak dan de kleinere. Groet, Sam"
    assert "R3" not in rules(
        "bro die hoodie is echt fire maar valt ie groot of klein?", draft, INFORMAL
    )


def test_a_clear_no_is_certainty() -> None:
    customer = "Ik wil mijn bikini retourneren, ik heb het hygiënezegel eraf gehaald. Kan dat?"
    draft = (
        "Goedendag mevrouw, dank u voor uw eerlijke vraag. Badkleding kunnen wij om hygiënische "
        "redenen alleen terugnemen met het zegel erin, dus kunnen wij hem helaas niet retour "
        "nemen. Met vriendelijke groet, Chantal"
    )
    assert "R7" not in rules(customer, draft)
    vague = "Goedendag mevrouw, dank u voor uw eerlijke vraag. We gaan het bekijken. Met vriendelijke groet, Chantal"
    assert "R7" in rules(customer, vague)


def test_a_strong_feeling_said_outright_wants_its_name_however_calm_the_rest() -> None:
    customer = "ik ben echt woest. voor de tweede keer een verkeerde maat."
    fix = "De juiste maat (42) is vandaag verstuurd en komt morgen. Groet, Pim"
    assert "R9" in rules(customer, "Excuses! " + fix, INFORMAL)
    assert "R9" not in rules(customer, "Ik snap dat je woest bent, excuses! " + fix, INFORMAL)


def test_a_wait_said_back_from_the_customer_is_no_fact() -> None:
    customer = "Wanneer wordt mijn matras geleverd? Ik slaap al een week op een luchtbed."
    sign = " Met vriendelijke groet, Sandra"
    vague = "Beste meneer, een week op een luchtbed is geen pretje, sorry. Ik houd u op de hoogte."
    dated = "Beste meneer, sorry voor het wachten. Uw matras komt donderdag tussen 8 en 12 uur."
    assert "R7" in rules(customer, vague + sign)
    assert "R7" not in rules(customer, dated + sign)


@pytest.mark.parametrize(
    "sign_off",
    [
        "Hoogachtend,\n\nE. Dekker\nAfdeling Klantenservice\nElektroDirect",
        "Veel liefs en zoveel mogelijk slaap gewenst,\nRoos",
    ],
)
def test_a_name_under_any_closing_line_is_a_name(sign_off: str) -> None:
    customer = "De vaas kwam in stukken aan."
    draft = (
        "Geachte mevrouw, wat jammer dat de vaas kapot aankwam, excuses. Ik heb een nieuwe "
        "bij de maker aangevraagd; die is er binnen 5 werkdagen.\n\n"
    )
    assert "R6" not in rules(customer, draft + sign_off)
    assert "R6" in rules(customer, draft + "Hoogachtend,\n\nKlantenservice ElektroDirect")


def test_a_web_address_answers_a_how_question() -> None:
    customer = "hoi hoe kan ik zien hoeveel er nog op mn cadeaukaart staat?"
    answer = "Hoi! Dat zie je op noor.nl/cadeaukaart: vul daar de code van de achterkant in."
    assert rules(customer, answer, INFORMAL) == set()
    assert "R7" in rules(customer, "Hoi! Daar gaan we even naar kijken.", INFORMAL)


@pytest.mark.parametrize(
    "fix",
    [
        "Ik heb de 10% nu handmatig op je winkelmandje gezet; je ziet hem als je de pagina ververst.",
        "Ik heb je net een nieuwe code gemaild die zonder minimum werkt: STAP-7K2Q.",
        "Die is sinds 11:00 opgelost. Probeer het nog een keer, je winkelmand is bewaard.",
    ],
)
def test_a_remedy_done_in_the_reply_needs_no_name(fix: str) -> None:
    customer = "hoi, mn kortingscode VRIEND10 werkt niet"
    assert "R6" not in rules(customer, "Hoi! Vervelend dat hij niet werkt. " + fix, INFORMAL)
    assert "R6" in rules(customer, "Hoi! Vervelend dat hij niet werkt. We gaan kijken.", INFORMAL)


def test_an_agent_who_opens_the_chat_with_a_name_is_named() -> None:
    customer = "hoi de code ZOMER20 doet het niet, er staat 'code verlopen'"
    draft = (
        "Sorry, de code is per ongeluk te vroeg uitgezet. Ik blijf even in de chat tot het lukt."
    )
    # the phrase rules' reading of the name, before the learned gate weighs the finding
    assert "R6" in rules(customer, "Hoi! " + draft, INFORMAL, gate=False)
    assert "R6" not in rules(customer, "Hoi, je spreekt met Milan. " + draft, INFORMAL, gate=False)


def test_feedback_passed_on_for_next_time_leaves_nothing_open() -> None:
    customer = "De korting staat wel op de factuur. Maar waarom stond hij niet in het winkelmandje?"
    draft = "Beste mevrouw, de code gaat er pas bij de laatste stap af. Dat is verwarrend. "
    feedback = "Ik heb het doorgegeven aan de webredactie, zodat dat voortaan duidelijker is."
    sign = " Met vriendelijke groet, Koen"
    assert "R6" not in rules(customer, draft + feedback + sign)
    assert "R6" in rules(customer, draft + "Ik heb het doorgegeven." + sign)


def test_money_back_on_the_account_tomorrow_is_no_delivery_promise() -> None:
    customer = "Ik heb maandag mijn horloge teruggestuurd. Wanneer krijg ik mijn geld?"
    draft = (
        "Beste mevrouw, de terugbetaling van € 249 is vanochtend uitgevoerd; afhankelijk van "
        "uw bank staat het bedrag er morgen of overmorgen op. Met vriendelijke groet, Joost"
    )
    assert "R5" not in rules(customer, draft)


def test_a_code_below_its_minimum_is_answered_by_the_fact_unless_it_blames() -> None:
    customer = "code ZOMER10 doet het niet bij afrekenen??"
    fact = "Sorry! Die werkt pas vanaf 50 euro en je mandje staat nu op 42 euro."
    assert "R5" not in rules(customer, fact, INFORMAL)
    blame = "Die werkt pas vanaf 50 euro, dat had je zelf kunnen lezen."
    assert "R5" in rules(customer, blame, INFORMAL, gate=False)  # the phrase rule itself


def test_a_calm_question_is_a_report_only_where_the_fault_is_said() -> None:
    answer = (
        "Beste meneer, dat kan: het adres van bestelling 10055 is aangepast. "
        "Met vriendelijke groet, Ilse"
    )
    moving = "Kunt u het bezorgadres van bestelling 10055 nog wijzigen naar Lindenlaan 4, Utrecht?"
    assert "R4" not in rules(moving, answer)
    leaking = "Mijn wasmachine lekt sinds gisteren, wat moet ik doen?"
    assert "R4" in rules(leaking, "Beste meneer, zet de kraan dicht. Met vriendelijke groet, Ilse")
