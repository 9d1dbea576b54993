"""Giving in, hitting back, promises against the policy and what counts as answered."""

from __future__ import annotations

import pytest

from kalmte.analysis.coach import Conversation, coach
from kalmte.analysis.coach.tests.policies import FORMAL as POLICY
from kalmte.analysis.coach.tests.policies import INFORMAL, rules

REVIEW = "Mijn stoel is kapot aangekomen. Als ik vandaag geen oplossing heb, zet ik een review op Trustpilot."


@pytest.mark.parametrize(
    ("draft", "flagged"),
    [
        # the concession bought with the customer's silence
        (
            "Beste meneer, om een slechte review te voorkomen storten we het volledige bedrag "
            "terug. Met vriendelijke groet, Iris",
            True,
        ),
        (
            "Beste meneer, om te vermijden dat u dit online zet, krijgt u een waardebon van "
            "€ 25. Met vriendelijke groet, Iris",
            True,
        ),
        (
            "Beste meneer, u krijgt een nieuwe stoel. Wij gaan ervan uit dat u hiermee verder "
            "geen review plaatst. Met vriendelijke groet, Iris",
            True,
        ),
        # what he is owed, said calmly, with no link to the review
        (
            "Beste meneer, excuses dat de stoel kapot is aangekomen. Ik stuur u vandaag een "
            "nieuwe; hij is er donderdag. Met vriendelijke groet, Iris",
            False,
        ),
    ],
)
def test_it_hears_a_concession_bought_with_silence(draft: str, flagged: bool) -> None:
    assert ("R8" in rules(REVIEW, draft)) is flagged


@pytest.mark.parametrize(
    ("customer", "draft", "flagged"),
    [
        (
            "Stelletje sukkels, drie dagen te laat. Ik wil 25% korting, nu.",
            "Sorry voor de vertraging! Ik heb een code van 25% voor je klaargezet. Groet, Mo",
            True,
        ),
        (
            "Stelletje sukkels, drie dagen te laat. Ik wil 25% korting, nu.",
            "Sorry voor de vertraging! 25% korting kan ik je niet geven; je pakket komt "
            "morgen. Groet, Mo",
            False,
        ),
        (
            "Achterlijke club. Ik wil 15 euro compensatie of ik ga naar de Consumentenbond.",
            "Hoi, prima, je krijgt € 15 van ons. Groet, Mo",
            True,
        ),
    ],
)
def test_it_hears_the_demanded_figure_handed_over(customer: str, draft: str, flagged: bool) -> None:
    assert ("R8" in rules(customer, draft, INFORMAL)) is flagged


THREAT = "Als ik morgen geen nieuwe telefoon heb, kom ik naar jullie winkel en sla ik alles kort en klein."


def test_a_threat_answered_with_what_it_asked_for_is_giving_in() -> None:
    given = "Beste meneer, ik stuur u vandaag nog een nieuwe telefoon. Met vriendelijke groet, Iris"
    bounded = (
        "Beste meneer, dreigen met geweld accepteren wij niet. Uw telefoon valt onder de "
        "garantie: ik stuur u vandaag een nieuwe, hij is er donderdag. Met vriendelijke groet, Iris"
    )
    assert "R8" in rules(THREAT, given)
    assert "R8" not in rules(THREAT, bounded)


@pytest.mark.parametrize(
    "draft",
    [
        "Kijk eerst eens naar jezelf voordat je zo praat. Je pakket komt morgen. Groet, Mo",
        "Wie hier dom is, laat ik maar even in het midden. Je pakket komt morgen. Groet, Mo",
        "Sukkels? Je pakket komt morgen. Groet, Mo",
    ],
)
def test_hitting_back_is_counter_abuse_and_the_wrong_tone(draft: str) -> None:
    found = rules("Jullie zijn echt sukkels, waar blijft mijn pakket?", draft, INFORMAL)
    assert {"R3", "R8"} <= found


def test_a_curse_alone_is_no_pressure_to_give_in_to() -> None:
    customer = "Echt klote dit, de jas is te klein en de termijn is net voorbij."
    draft = (
        "Hoi, balen zeg! Bij uitzondering ruil je hem toch nog, omdat je maar twee dagen "
        "over de termijn bent; je krijgt anders een tegoedbon. Het label staat in je mail. Groet, Mo"
    )
    assert "R8" not in rules(customer, draft, INFORMAL)


@pytest.mark.parametrize(
    ("customer", "draft", "flagged"),
    [
        # the purchase date and today's date, both named
        (
            "Ik kocht de lamp op 2 januari en het is nu 20 februari. Mag ik hem nog terugsturen?",
            "Beste mevrouw, ja hoor, dat kan. Het label zit in de bijlage. Met vriendelijke groet, Iris",
            True,
        ),
        (
            "Ik kocht de lamp op 2 januari en het is nu 20 januari. Mag ik hem nog terugsturen?",
            "Beste mevrouw, ja hoor, dat kan. Het label zit in de bijlage. Met vriendelijke groet, Iris",
            False,
        ),
        (
            "Ik kocht de jas zeven weken geleden, kan ik hem nog ruilen voor een maat groter?",
            "Beste meneer, natuurlijk kunt u hem nog ruilen. Het label zit in de bijlage. "
            "Met vriendelijke groet, Iris",
            True,
        ),
    ],
)
def test_it_reads_how_long_ago_the_purchase_was(customer: str, draft: str, flagged: bool) -> None:
    assert ("R5" in rules(customer, draft)) is flagged


@pytest.mark.parametrize(
    ("draft", "policy", "flagged"),
    [
        ("Beste meneer, bestelt u vandaag, dan staat hij donderdag bij u. Groet, Iris", 10, True),
        ("Beste meneer, bestelt u vandaag, dan staat hij donderdag bij u. Groet, Iris", 3, False),
        ("Beste meneer, hij is er vanavond al. Groet, Iris", 1, True),
        # a call tomorrow is no delivery tomorrow
        (
            "Beste meneer, de bezorgdienst belt u morgen; de eerste leverdag is volgende week "
            "vrijdag. Groet, Iris",
            3,
            False,
        ),
        # already on its way: the date is a fact, not a promise
        (
            "Beste meneer, uw pakket is gisteren verzonden. PostNL verwacht het morgen bij u te "
            "bezorgen. Groet, Iris",
            3,
            False,
        ),
    ],
)
def test_it_reads_an_early_delivery_against_the_policy(
    draft: str, policy: int, flagged: bool
) -> None:
    found = rules(
        "Wanneer komt mijn kast?", draft, {**POLICY, "delivery_days": [policy, policy + 5]}
    )
    assert ("R5" in found) is flagged


@pytest.mark.parametrize(
    "draft",
    [
        "Beste mevrouw, excuses. Ik heb het volledige bedrag van € 54,95, inclusief de "
        "verzendkosten, vandaag teruggestort. U ziet het binnen 2 werkdagen. Groet, Iris",
        "Beste mevrouw, excuses. De terugbetaling is vandaag aangemaakt; reken op 1 tot 2 "
        "werkdagen voor uw bank. Groet, Iris",
    ],
)
def test_a_refund_already_made_is_no_promise_against_the_policy(draft: str) -> None:
    assert "R5" not in rules("Waar blijft mijn geld? Mijn retour is al twee weken binnen.", draft)


def test_it_reads_free_shipping_in_other_words() -> None:
    draft = "Beste meneer, ik zet de verzendkosten op nul voor u. Met vriendelijke groet, Iris"
    assert "R5" in rules("Mijn mandje staat op € 30, kunnen de verzendkosten eraf?", draft)


@pytest.mark.parametrize(
    "draft",
    [
        "Beste meneer, we gaan de factuur controleren. Met vriendelijke groet, Iris",
        "Beste meneer, excuses. Zodra er nieuws is, hoort u het van ons. Met vriendelijke groet, Iris",
    ],
)
def test_a_step_without_a_when_is_no_next_step(draft: str) -> None:
    assert "R5" in rules("Mijn factuur klopt niet, het bedrag is te hoog.", draft)


def test_a_question_answered_in_full_needs_no_name() -> None:
    draft = "Ja, we bezorgen ook in België, met bpost: 2 tot 4 werkdagen, € 6,95 verzendkosten."
    assert rules("Bezorgen jullie ook in België?", draft) == set()


def test_an_open_case_handed_to_a_team_wants_its_owner() -> None:
    draft = (
        "Wat vervelend, excuses. Ik heb een melding aangemaakt bij onze technische dienst; zij "
        "nemen binnen 2 werkdagen contact met u op. Met vriendelijke groet, Iris"
    )
    assert "R6" in rules("Mijn wasmachine lekt sinds de installatie.", draft)


def test_a_follow_up_question_about_our_answer_asks_for_other_words_not_an_apology() -> None:
    previous = "U kunt het formulier downloaden via de link in de bevestigingsmail."
    customer = "Ik snap het niet, waar staat dat formulier dan?"
    draft = (
        "Beste mevrouw, onderaan de bevestigingsmail staat de knop 'Retour aanmelden'; daar "
        "zit het formulier achter. Met vriendelijke groet, Iris"
    )
    assert "R4" not in rules(customer, draft, previous=previous)


@pytest.mark.parametrize(
    ("draft", "flagged"),
    [
        ("Beste mevrouw, remmen slijten, dat spreekt eigenlijk voor zich. Groet, Iris", True),
        ("Beste mevrouw, zo moeilijk is het toch niet: klik op 'Opzeggen'. Groet, Iris", True),
        (
            "Beste mevrouw, excuses, dat hoort natuurlijk niet. Ik stuur een nieuwe. Groet, Iris",
            False,
        ),
        ("Beste mevrouw, mijn vorige mail was niet duidelijk genoeg, excuses. Groet, Iris", False),
    ],
)
def test_it_hears_lecturing_but_not_owning(draft: str, flagged: bool) -> None:
    assert ("R3" in rules("Mijn remmen zijn na acht maanden versleten.", draft)) is flagged


@pytest.mark.parametrize(
    ("draft", "register"),
    [
        # "je" for anyone, in a draft that says u throughout
        (
            "Goedendag, vervelend als je halverwege vastloopt. Bij stap 7 gebruikt u de korte "
            "schroeven. Met vriendelijke groet, Iris",
            "formal",
        ),
        # the hour, not the pronoun: "om 10.30 u"
        ("Dag Lien, ge krijgt uw pakje morgen om 10.30 u. Groeten, Wout", "informal"),
        # "je" to the customer next to "u": mixed
        (
            "Goedemiddag, als je vandaag bestelt, staat hij vrijdag bij u. Groet, Iris",
            "mixed",
        ),
    ],
)
def test_it_reads_the_register_of_a_draft(draft: str, register: str) -> None:
    from kalmte.analysis.coach import draft_register

    assert draft_register(draft) == register


def test_a_discount_code_in_capitals_is_no_shouting() -> None:
    draft = (
        "Beste meneer, excuses voor de storing. Met de code BF-VERLENGD krijgt u tot en met "
        "zondag dezelfde korting. Met vriendelijke groet, Iris"
    )
    assert "R3" not in rules("Jullie site lag eruit tijdens de actie.", draft)


def test_the_point_in_a_time_does_not_end_the_sentence() -> None:
    # "morgen" and "geleverd" belong to one sentence, around "9.00"
    draft = "Uw bestelling wordt morgen vóór 9.00 uur op uw stand geleverd. Groet, Iris"
    found = rules(
        "Wordt mijn bestelling morgen geleverd?", draft, {**POLICY, "delivery_days": [3, 5]}
    )
    assert "R5" in found


@pytest.mark.parametrize(
    ("draft", "flagged"),
    [
        # the agent owning their own slip is no blame
        (
            "Sorry, dat heb ik verprutst: het huisnummer stond verkeerd. Maandag komt het. Groet, Sam",
            False,
        ),
        ("Klopt, ik had je even moeten berichten. Ik bel je vandaag om 14:00. Groet, Roel", False),
        # disowning it is
        (
            "DHL heeft het laten liggen; dat is hun fout en niet de onze. Maandag komt het. Groet, Sam",
            True,
        ),
    ],
)
def test_it_tells_owning_a_slip_from_disowning_it(draft: str, flagged: bool) -> None:
    found = rules("Mijn pakket is nog steeds niet gekomen, wat is er aan de hand?", draft, INFORMAL)
    assert ("R2" in found) is flagged


def test_naming_what_went_wrong_acknowledges_it() -> None:
    draft = (
        "Beste mevrouw, uw pakket is bij DPD zoekgeraakt. Ik heb vandaag een nieuw verstuurd, "
        "het is er donderdag. Met vriendelijke groet, Iris"
    )
    assert "R4" not in rules("Mijn pakket is na een week nog steeds niet bezorgd.", draft)


@pytest.mark.parametrize(
    "draft",
    [
        "Oh nee, midden in de nacht met een huilende baby! Sorry. Ik stuur je vandaag een nieuwe "
        "flesverwarmer, morgen heb je hem. Groet, Iris",
        "Dat is zwaar, zeker nu. Sorry dat het zo lang duurt. Morgen is het masker bij u. Groet, Iris",
    ],
)
def test_it_hears_sympathy_in_few_words(draft: str) -> None:
    customer = (
        "De flesverwarmer is kapot en ik zit hier om 3 uur 's nachts met een huilende baby. "
        "Ik ben zo moe dat ik zelf bijna ga huilen."
    )
    assert "R9" not in rules(customer, draft, INFORMAL)


@pytest.mark.parametrize(
    "draft",
    [
        # a team, not a person
        "Goeiendag, excuses voor de dubbele afschrijving. We zoeken het uit. Vriendelijke "
        "groeten, Klantendienst",
        # signed, but someone else follows it up
        "Dag mevrouw, excuses. Onze financiële dienst laat u weten zodra het verwerkt is. "
        "Vriendelijke groeten, Jens",
    ],
)
def test_an_open_case_wants_a_person_who_follows_it_up(draft: str) -> None:
    assert "R6" in rules("Er is twee keer € 72,40 van mijn rekening gehaald.", draft)


def test_the_planner_calling_to_book_the_delivery_is_no_hand_off() -> None:
    draft = (
        "Beste meneer, excuses voor de vertraging. De kast is binnen; onze planning belt u morgen "
        "om een bezorgmoment af te spreken. Ik houd het in de gaten. Met vriendelijke groet, Iris"
    )
    assert "R6" not in rules("Waar blijft mijn kast? Hij zou vorige week komen.", draft)


@pytest.mark.parametrize(
    ("customer", "draft", "flagged"),
    [
        # the customer says what day it is: Wednesday to Friday is two working days
        (
            "Kan de fiets tegen vrijdag geleverd worden? Vandaag is het woensdag.",
            "Hoi! Ja hoor, bestel vandaag en we leveren hem vrijdag. Groet, Lore",
            True,
        ),
        (
            "Kan de fiets tegen vrijdag geleverd worden? Vandaag is het maandag.",
            "Hoi! Ja hoor, bestel vandaag en we leveren hem vrijdag. Groet, Lore",
            False,
        ),
        (
            "Komt de babyfoon nog deze week?",
            "Hoi! Ik zorg ervoor dat hij morgen bij je is. Groet, Lore",
            True,
        ),
    ],
)
def test_it_counts_the_days_to_a_promised_delivery(
    customer: str, draft: str, flagged: bool
) -> None:
    found = rules(customer, draft, {**INFORMAL, "delivery_days": [3, 5]})
    assert ("R5" in found) is flagged


def test_it_reads_how_long_the_customer_has_had_it() -> None:
    customer = "Ik heb hem nu drie weken, hij bevalt toch niet. Mag hij nog terug?"
    draft = "Beste meneer, geen probleem, stuurt u hem gerust terug met het label. Groet, Iris"
    assert "R5" in rules(customer, draft, {**POLICY, "return_days": 14})


def test_it_hears_a_return_window_longer_than_the_shops() -> None:
    draft = "Je hebt een maand na ontvangst om je bestelling terug te sturen. Groet, Noa"
    question = Conversation(["Hoe lang heb ik om iets terug te sturen?"])

    def window_findings(days: int) -> list:
        policy = {**INFORMAL, "return_days": days}
        return [f for f in coach(draft, question, policy) if "retourtermijn" in f.explanation]

    assert window_findings(14)[0].text.startswith("hebt een maand")
    assert window_findings(30) == []


def test_a_firm_no_with_its_reason_needs_no_next_step() -> None:
    draft = (
        "Beste mevrouw, excuses voor de verwarring. De code geldt alleen op de nieuwe collectie, "
        "niet op de sale. Met vriendelijke groet, Iris"
    )
    assert "R5" not in rules("Mijn kortingscode werkt niet bij de sale-artikelen.", draft)


def test_an_overdue_refund_paid_at_once_is_catching_up() -> None:
    customer = (
        "Mijn retour is drie weken geleden binnengekomen en ik heb nog steeds geen geld terug."
    )
    draft = (
        "Hoi, sorry dat het zo lang duurt, dat had niet gemogen. Het geld staat vandaag op je "
        "rekening. Groet, Sam"
    )
    assert "R5" not in rules(customer, draft, INFORMAL)


def test_the_tone_of_a_blame_is_said_once() -> None:
    draft = (
        "Excuses! Het magazijn heeft het weer eens verkeerd ingepakt. De goede maat gaat vandaag "
        "naar je toe en is er morgen. Groet, Sam"
    )
    found = rules("Ik kreeg maat M in plaats van L.", draft, INFORMAL)
    assert "R2" in found and "R3" not in found


SLOW_POLICY = {**POLICY, "delivery_days": [10, 15]}


@pytest.mark.parametrize(
    ("draft", "flagged"),
    [
        # a made-to-order sofa promised in five working days where the quickest is ten
        ("Goedemiddag, wij leveren de bank binnen 5 werkdagen bij u af. Groet, Mirjam", True),
        ("Goedemiddag, wij leveren de bank binnen vijf werkdagen. Groet, Mirjam", True),
        # the policy's own range, or the date of a call, is no early delivery
        ("Goedemiddag, wij leveren de bank binnen 10 tot 15 werkdagen. Groet, Mirjam", False),
        (
            "Goedemiddag, de bank wordt binnen 10 tot 15 werkdagen geleverd; onze planner neemt "
            "binnen drie werkdagen contact met u op voor een leverdag. Groet, Mirjam",
            False,
        ),
    ],
)
def test_it_catches_any_number_of_days_sooner_than_the_policy(draft: str, flagged: bool) -> None:
    customer = "Hoe snel kan de bank bezorgd worden? We verhuizen over een week."
    assert ("R5" in rules(customer, draft, SLOW_POLICY, gate=False)) is flagged


@pytest.mark.parametrize(
    ("draft", "flagged"),
    [
        ("Hoi Naomi, ik zorg dat de flessen vandaag nog bij je zijn! Groetjes, Roos", True),
        ("Beste meneer, wij zorgen ervoor dat de pralines morgen in Gent zijn. Groet, Lien", True),
        (
            "Beste meneer, bij uitzondering zorgen wij ervoor dat de pralines morgen in Gent "
            "zijn. Groet, Lien",
            False,
        ),
    ],
)
def test_it_reads_a_delivery_promised_with_zorgen_dat(draft: str, flagged: bool) -> None:
    customer = "Kunnen jullie het morgen al leveren? Het is voor een begrafenis."
    assert ("R5" in rules(customer, draft, {**POLICY, "delivery_days": [2, 4]}, gate=False)) is (
        flagged
    )


def test_it_reads_money_on_the_account_as_a_refund_against_the_policy() -> None:
    customer = "moet ik lang wachten op mijn geld als ik de jas terugstuur?"
    fast = "Hoi! Nee joh, binnen 3 dagen na ontvangst staat het op je rekening. Gr Ayla"
    in_policy = "Hoi! Binnen 14 dagen na ontvangst staat het op je rekening. Gr Ayla"
    assert "R5" in rules(customer, fast, INFORMAL, gate=False)
    assert "R5" not in rules(customer, in_policy, INFORMAL, gate=False)


def _policy_findings(customer: str, draft: str, policy: dict) -> list[str]:
    """The texts of the R5 findings on a promise against the policy (not on a missing step)."""
    found = coach(draft, Conversation([customer]), policy, gate=False)
    return [f.text for f in found if f.rule == "R5" and "volgende stap" not in f.explanation]


@pytest.mark.parametrize(
    ("draft", "promised"),
    [
        # the call or the check is tomorrow, not the delivery
        ("Ik bel u morgen voor 12 uur om de bezorgdag af te spreken. Groet, Karim", False),
        ("Ik controleer morgen zelf of de doos bezorgd is. Groet, Karim", False),
        (
            "Binnen twee werkdagen daarna belt onze vervoerder u voor een leverdag. Groet, Lien",
            False,
        ),
        # the carrier's forecast for a parcel it already has is a fact
        ("Volgens DPD wordt uw doos morgen tussen 11 en 14 uur bezorgd. Groet, Karim", False),
        (
            "Uw fiets is vanochtend al met DHL verzonden en wordt morgen bezorgd. Groet, Karim",
            False,
        ),
        ("Wij zorgen dat uw doos morgen wordt bezorgd. Groet, Karim", True),
    ],
)
def test_a_date_for_something_else_than_the_delivery_promises_no_delivery(
    draft: str, promised: bool
) -> None:
    policy = {**POLICY, "delivery_days": [3, 5]}
    found = _policy_findings("Wanneer komt mijn bestelling?", draft, policy)
    assert bool(found) is promised


def test_a_replacement_for_what_arrived_broken_travels_free() -> None:
    customer = "Twee stoelen van de tuinset zijn gebroken aangekomen."
    replaced = (
        "Beste mevrouw, excuses. De twee stoelen zijn vandaag opnieuw besteld en worden binnen "
        "3 tot 5 werkdagen kosteloos bij u bezorgd. Met vriendelijke groet, Willem"
    )
    gift = "Beste mevrouw, uw volgende bestelling wordt kosteloos bij u bezorgd. Groet, Willem"
    policy = {**POLICY, "delivery_days": [3, 5], "free_shipping_from_eur": 60}
    assert _policy_findings(customer, replaced, policy) == []
    assert _policy_findings(customer, gift, policy) == ["kosteloos bij u bezorgd"]


@pytest.mark.parametrize(
    ("draft", "promised"),
    [
        ("Ik stort het volledige bedrag van € 34,99 vandaag terug. Groet, Laura", False),
        (
            "Ik heb twee van de drie bestellingen geannuleerd en het dubbel afgeschreven bedrag "
            "van 2 x € 59,95 = € 119,90 vandaag aan u teruggestort. Groet, Laura",
            False,
        ),
        ("Het bedrag van € 34,99 staat morgen op uw rekening. Groet, Laura", True),
    ],
)
def test_a_refund_the_agent_makes_today_is_done_not_promised(draft: str, promised: bool) -> None:
    policy = {**POLICY, "refund_days": 14}
    assert bool(_policy_findings("Ik wil mijn geld terug.", draft, policy)) is promised


def test_a_return_past_the_window_said_as_such_is_an_exception() -> None:
    customer = "Ik heb de jurk twee maanden geleden gekocht. Kan ik hem nog terugsturen?"
    honest = (
        "Beste mevrouw, ja, u kunt de jurk terugsturen, ook al is de retourtermijn voorbij. "
        "Groet, Maaike"
    )
    assert _policy_findings(customer, honest, {**POLICY, "return_days": 30}) == []
    silent = "Beste mevrouw, ja, u kunt de jurk terugsturen. Groet, Maaike"
    assert _policy_findings(customer, silent, {**POLICY, "return_days": 30})


@pytest.mark.parametrize(
    "draft",
    [
        "Hoi Ruth! DHL heeft je pakketje vanochtend opgehaald en bezorgt het morgen tussen 14:00 "
        "en 18:00. Groetjes, Fleur",
        "Beste mevrouw, onze monteur komt morgen tussen 10 en 12 uur bij u thuis om de fiets na "
        "te kijken. Groet, Joost",
    ],
)
def test_the_carriers_plan_and_a_technicians_visit_promise_no_delivery(draft: str) -> None:
    policy = {**POLICY, "delivery_days": [3, 5]}
    assert _policy_findings("Wanneer komt het?", draft, policy) == []


def test_a_missing_item_sent_after_travels_free() -> None:
    customer = "Er zaten maar twee van de drie boeken in het pakket."
    draft = (
        "Beste Lieve, bij het inpakken is het boek vergeten, excuses. Ik heb het vandaag alsnog "
        "verstuurd, zonder verzendkosten. Groet, Wout"
    )
    policy = {**POLICY, "free_shipping_from_eur": 30}
    assert _policy_findings(customer, draft, policy) == []


def test_the_return_window_in_a_refund_sentence_is_no_refund_speed() -> None:
    customer = "Ik heb te veel tegels besteld, hoe kan ik die terugsturen?"
    window = (
        "Beste heer, ongeopende dozen kunt u tot 14 dagen na levering retourneren. Groet, Saskia"
    )
    fast = "Beste heer, na ontvangst van de retour storten wij het binnen 10 dagen terug. Groet, Saskia"
    policy = {**POLICY, "return_days": 14, "refund_days": 21}
    assert _policy_findings(customer, window, policy) == []
    assert _policy_findings(customer, fast, policy) == ["binnen 10 dagen"]


@pytest.mark.parametrize(
    ("draft", "promised"),
    [
        ("Het bedrag wordt binnen twee weken teruggestort. Groet, Wout", True),
        # after "ik heb uw retour doorgezet" the term still counts
        ("Ik heb uw retour doorgezet; de terugbetaling wordt binnen 30 dagen verwerkt.", True),
        # the policy's own number in working days is its term
        ("Het geld staat binnen 10 werkdagen weer op uw rekening. Groet, Wout", False),
        ("Het bedrag wordt binnen een week teruggestort. Groet, Wout", False),
        # the return window in the sentence is no refund term
        ("U kunt tot 30 dagen na ontvangst retourneren en krijgt dan uw geld terug.", False),
    ],
)
def test_a_refund_term_longer_than_the_policys_is_flagged(draft: str, promised: bool) -> None:
    policy = {**POLICY, "refund_days": 10, "return_days": 30}
    assert bool(_policy_findings("Wanneer krijg ik mijn geld terug?", draft, policy)) is promised


@pytest.mark.parametrize(
    ("draft", "promised"),
    [
        ("Geen haast: je mag de jas tot 60 dagen na ontvangst terugsturen. Groet, Mo", True),
        ("Geen haast: je mag de jas tot 30 dagen na ontvangst terugsturen. Groet, Mo", False),
    ],
)
def test_a_return_window_longer_than_the_shops_is_flagged(draft: str, promised: bool) -> None:
    policy = {**INFORMAL, "return_days": 30}
    assert bool(_policy_findings("Hoe stuur ik de jas terug?", draft, policy)) is promised


def test_a_delivery_within_one_working_day_is_a_date_not_blame() -> None:
    customer = "Hoe snel kunnen jullie de cartridges leveren?"
    draft = "Goedemiddag, binnen één werkdag ligt het bij u! Met vriendelijke groet, Henk"
    found = coach(draft, Conversation([customer]), {**POLICY, "delivery_days": [2, 5]}, gate=False)
    assert [f.text for f in found if f.rule == "R5"] == ["binnen één werkdag"]
    assert "R2" not in {f.rule for f in found}


@pytest.mark.parametrize(
    ("customer", "draft", "promised"),
    [
        # shipping costs paid back for an order that went wrong make amends
        (
            "Mijn lenzen zijn voor de derde keer te laat, ik word er gek van.",
            "Sorry! Ze worden vandaag tussen 17.00 en 21.00 uur bezorgd. Omdat het de derde keer "
            "is, heb ik de verzendkosten van deze bestelling teruggestort. Groet, Jamila",
            False,
        ),
        # taken off a new order because the customer insists: free shipping under the threshold
        (
            "Ik wil die lamp bestellen maar 5,95 verzendkosten vind ik te veel.",
            "Vooruit, ik haal de verzendkosten eraf. Groet, Femke",
            True,
        ),
    ],
)
def test_shipping_costs_paid_back_for_a_fault_make_amends(
    customer: str, draft: str, promised: bool
) -> None:
    policy = {**INFORMAL, "free_shipping_from_eur": 60}
    assert bool(_policy_findings(customer, draft, policy)) is promised


@pytest.mark.parametrize(
    ("draft", "promised"),
    [
        # the threshold reached by an item priced in the sentence
        (
            "Je komt 50 cent tekort. Doe je er een gum van 2 euro bij, dan verzenden we gratis.",
            False,
        ),
        ("Voegt u de theelichtjes van € 2,95 toe, dan verzenden wij uw bestelling gratis.", False),
        # no price: the draft does not show that the threshold is reached
        ("Ja hoor, als je het slabbetje erbij doet, verzenden we de hele bestelling gratis.", True),
    ],
)
def test_free_shipping_reached_by_a_priced_item_states_the_threshold(
    draft: str, promised: bool
) -> None:
    policy = {**INFORMAL, "free_shipping_from_eur": 50}
    assert bool(_policy_findings("Is de verzending gratis bij 48 euro?", draft, policy)) is promised


@pytest.mark.parametrize(
    ("draft", "promised"),
    [
        # a refund refused has no term
        ("Na vijf weken dragen kan ik het aankoopbedrag helaas niet terugbetalen.", False),
        ("Het bedrag wordt binnen vijf weken teruggestort.", True),
    ],
)
def test_a_refund_refused_names_no_refund_term(draft: str, promised: bool) -> None:
    policy = {**POLICY, "refund_days": 14}
    assert bool(_policy_findings("Ik wil mijn geld terug.", draft, policy)) is promised


@pytest.mark.parametrize(
    "draft",
    [
        "Het is ondertussen vertrokken en wordt morgen vóór de middag geleverd.",
        "Het is om 15:00 uur opgehaald; de kaartjes worden morgen bij u bezorgd.",
        "Het pakket is gisteravond aangemeld bij PostNL; het wordt morgen bij u bezorgd.",
        "Het was verkeerd gesorteerd en wordt vandaag alsnog bezorgd.",
        "Een bezorgdag kiest u via de link in de verzendmail die u morgen ontvangt.",
    ],
)
def test_a_parcel_with_the_carrier_arrives_when_it_arrives(draft: str) -> None:
    policy = {**POLICY, "delivery_days": [2, 4]}
    assert _policy_findings("Waar blijft mijn pakket?", draft, policy) == []
