"""The reply coach flags what breaks the playbook and stays quiet on good drafts."""

from __future__ import annotations

import pytest

from kalmte.analysis.coach import Conversation, Finding, coach, similarity

FORMAL = {
    "delivery_days": [2, 4],
    "free_shipping_from_eur": 50,
    "return_days": 30,
    "refund_days": 14,
    "register": "formal",
}
INFORMAL = {**FORMAL, "register": "informal"}


def situation(
    emotion: str = "neutral",
    intensity: float = 0.1,
    problems: tuple[str, ...] = (),
    flags: tuple[str, ...] = (),
    abuse: tuple[str, ...] = (),
) -> dict:
    """An analysis as stored with a customer message (Analysis.to_dict())."""
    return {
        "emotion": {"label": emotion, "intensity": intensity},
        "problems": [{"label": p} for p in problems],
        "flags": [{"label": f} for f in flags],
        "abuse": [{"kind": a} for a in abuse],
        "pressure": [],
    }


LATE = situation("frustration", 0.5, ("late_delivery",), ("needs_certainty",))
LATE_TEXT = "Waar blijft mijn pakket?? Al zes dagen geleden besteld."


def rules(draft: str, conversation: Conversation, policy: dict = FORMAL) -> list[str]:
    return [f.rule for f in coach(draft, conversation, policy)]


GOOD = [
    (
        "Beste mevrouw Jansen, wat vervelend dat uw pakket er nog niet is, excuses daarvoor. "
        "Ik heb het nagekeken: het ligt bij PostNL in Nieuwegein en wordt donderdag tussen "
        "9:00 en 13:00 bezorgd. Ik houd het zelf in de gaten en mail u donderdagmiddag. "
        "Met vriendelijke groet, Fleur de Boer",
        FORMAL,
    ),
    (
        "Hoi Sanne, balen dat je pakket er nog niet is, sorry! Ik heb het nagevraagd: het "
        "ligt in het depot en wordt donderdag bezorgd. Ik check het zelf en stuur je "
        "donderdagochtend de track & trace. Groet, Daan",
        INFORMAL,
    ),
]


@pytest.mark.parametrize(("draft", "policy"), GOOD)
def test_it_finds_nothing_in_a_good_draft(draft: str, policy: dict) -> None:
    conversation = Conversation([LATE_TEXT], analysis=LATE)
    assert coach(draft, conversation, policy) == []


def test_it_flags_zoals_ik_al_zei_with_its_span() -> None:
    draft = "Zoals ik al zei, wordt uw pakket donderdag bezorgd. Met vriendelijke groet, Lisa"
    findings = coach(draft, Conversation([LATE_TEXT], analysis=LATE), FORMAL)
    r1 = next(f for f in findings if f.rule == "R1")
    assert draft[r1.start : r1.end] == r1.text == "Zoals ik al zei"
    assert r1.explanation


def test_it_flags_a_near_verbatim_repeat_of_an_earlier_agent_message() -> None:
    earlier = "U kunt uw wachtwoord opnieuw instellen via de link 'wachtwoord vergeten' op de inlogpagina."
    draft = "Vervelend dat het niet lukt. " + earlier + " Met vriendelijke groet, Lisa"
    conversation = Conversation(["Ik kan niet inloggen."], [earlier], analysis=situation())
    assert "R1" in rules(draft, conversation)
    assert similarity(draft, earlier) > similarity("Ik heb uw wachtwoord gereset.", earlier)


@pytest.mark.parametrize(
    "draft",
    [
        "Dat ligt aan PostNL, die hebben het druk. Groet, Fleur",
        "Dat had u beter moeten controleren voordat u bestelde. Groet, Bram",
        "Dat komt door het magazijn, daar werken veel uitzendkrachten. Groet, Thijs",
    ],
)
def test_it_flags_blame(draft: str) -> None:
    assert "R2" in rules(draft, Conversation([LATE_TEXT], analysis=LATE))


@pytest.mark.parametrize(
    "draft",
    [
        "Rustig maar, het komt goed. Uw pakket komt donderdag. Groet, Fleur",
        "Dat staat toch gewoon in de handleiding. Groet, Kevin",
        "BESTE KLANT, U HOEFT NIET TE SCHREEUWEN. Groet, Hugo",
        "Uw pakket komt donderdag!!! Groet, Hugo",
    ],
)
def test_it_flags_the_wrong_tone(draft: str) -> None:
    assert "R3" in rules(draft, Conversation([LATE_TEXT], analysis=LATE))


def test_it_asks_for_an_apology_when_a_problem_was_reported() -> None:
    draft = "Beste mevrouw, uw pakket wordt donderdag bezorgd. Met vriendelijke groet, Fleur"
    findings = coach(draft, Conversation([LATE_TEXT], analysis=LATE), FORMAL)
    r4 = next(f for f in findings if f.rule == "R4")
    assert r4.suggestion.startswith("het spijt me dat dit is misgegaan. Uw pakket wordt")
    # the same draft answering a plain question is fine
    question = situation("neutral", 0.0, ("product_question",), ("needs_certainty",))
    assert "R4" not in rules(draft, Conversation(["Wanneer komt het?"], analysis=question))


@pytest.mark.parametrize(
    ("customer", "draft"),
    [
        (
            "Kan de verzending gratis? Mijn bestelling is € 42.",
            "Hoi, ik zet verzending op gratis voor je! Groet, Mila",
        ),
        ("Komt de bank nog voor zaterdag?", "Hoi! Ja hoor, hij wordt morgen geleverd. Groet, Bas"),
        (
            "Hoe lang duurt een terugbetaling?",
            "Hoi, je geld staat binnen 2 dagen op je rekening. Groet, Daan",
        ),
    ],
)
def test_it_flags_promises_against_the_policy(customer: str, draft: str) -> None:
    analysis = situation("neutral", 0.0, ("return_refund",), ("needs_certainty",))
    assert "R5" in rules(draft, Conversation([customer], analysis=analysis), INFORMAL)


def test_it_accepts_a_promise_called_an_exception() -> None:
    draft = (
        "Hoi Sanne, normaal is verzenden pas gratis vanaf € 50, maar omdat je vorige bestelling "
        "zo lang onderweg was, maak ik eenmalig een uitzondering: ik heb de verzendkosten van je "
        "order gehaald. Je pakket gaat morgen de deur uit. Groet, Mila"
    )
    analysis = situation("neutral", 0.0, ("invoice_billing",), ("needs_certainty",))
    conversation = Conversation(
        ["Kan de verzending gratis? Mijn bestelling is € 42."], analysis=analysis
    )
    assert coach(draft, conversation, INFORMAL) == []


def test_it_wants_a_name_and_follow_up_when_not_solved() -> None:
    draft = "Beste meneer, excuses. We gaan kijken wat we kunnen doen en nemen contact met u op."
    assert "R6" in rules(draft, Conversation([LATE_TEXT], analysis=LATE))


def test_it_wants_a_fact_when_the_customer_needs_certainty() -> None:
    draft = (
        "Beste meneer, excuses voor het wachten. Het komt binnenkort. Met vriendelijke groet, Els"
    )
    findings = coach(draft, Conversation([LATE_TEXT], analysis=LATE), FORMAL)
    r7 = next(f for f in findings if f.rule == "R7")
    assert r7.text == "binnenkort"


@pytest.mark.parametrize(
    "draft",
    [
        "Kom maar op, ik ben niet bang voor types zoals jij. Jeroen",
        "Oké oké, je krijgt je geld terug plus een tegoedbon, als je dan geen review plaatst. Jeroen",
    ],
)
def test_it_flags_counter_abuse_and_giving_in(draft: str) -> None:
    analysis = situation("anger", 0.8, ("other",), ("venting",), ("threat",))
    assert "R8" in rules(
        draft, Conversation(["Ik weet waar je woont."], analysis=analysis), INFORMAL
    )


def test_it_accepts_a_calm_boundary_after_a_threat() -> None:
    draft = (
        "Dit is een bedreiging en daar ga ik niet in mee. Ik beëindig dit gesprek en heb het "
        "gemeld bij mijn leidinggevende. Heb je een vraag over je bestelling, mail dan naar "
        "service@winkel.nl; een collega pakt het op. Groet, Jeroen"
    )
    analysis = situation("anger", 0.8, ("other",), ("venting",), ("threat",))
    assert coach(draft, Conversation(["Ik weet waar je woont."], analysis=analysis), INFORMAL) == []


def test_it_asks_to_acknowledge_a_strong_feeling() -> None:
    analysis = situation("distress", 0.8, ("damaged_or_defective",), ("venting",))
    conversation = Conversation(["Ik ben ten einde raad, de koelkast is stuk."], analysis=analysis)
    cold = "Beste mevrouw, excuses. De monteur komt donderdag 9 mei om 8:00. Met vriendelijke groet, Marieke"
    warm = (
        "Beste mevrouw, wat een nare situatie, ik begrijp dat u zich zorgen maakt. De monteur "
        "komt donderdag 9 mei om 8:00. Met vriendelijke groet, Marieke"
    )
    assert "R9" in rules(cold, conversation)
    assert "R9" not in rules(warm, conversation)


@pytest.mark.parametrize(
    ("draft", "policy"),
    [
        ("Beste mevrouw, u kunt hem bestellen, je hebt hem dan snel. Groet, Sanne", FORMAL),
        ("Hoi! Uw bestelling is aangepast. Groet, Fatima", INFORMAL),
        ("Dag, ge moet nog even wachten tot donderdag. Groeten, Wout", FORMAL),
    ],
)
def test_it_flags_the_wrong_or_a_mixed_register_and_suggests_the_shops(
    draft: str, policy: dict
) -> None:
    findings = coach(draft, Conversation(["Is het er al?"], analysis=situation()), policy)
    r10 = next(f for f in findings if f.rule == "R10")
    target = {"formal": "u", "informal": "je"}[policy["register"]]
    assert (
        f" {target} " in f" {r10.suggestion.lower()} " or target in r10.suggestion.lower().split()
    )


def test_it_accepts_flemish_ge_with_uw_in_one_register() -> None:
    draft = "Dag, ik hoor dat ge ontevreden zijt. Vertel me wat er misliep met uw bestelling, dan bekijk ik het meteen. Groeten, Jens"
    assert "R10" not in rules(
        draft, Conversation(["Ge zijt een zagevent"], analysis=situation()), INFORMAL
    )


def test_every_finding_is_a_valid_span_of_the_draft() -> None:
    draft = "Zoals ik al zei ligt het aan PostNL!!! Je krijgt het binnenkort."
    findings = coach(draft, Conversation([LATE_TEXT], analysis=LATE), FORMAL)
    assert findings
    for f in findings:
        assert isinstance(f, Finding)
        assert draft[f.start : f.end] == f.text
        assert set(f.to_dict()) == {"rule", "start", "end", "text", "explanation", "suggestion"}


def test_it_accepts_a_mapping_as_conversation() -> None:
    conversation = {"customer": LATE_TEXT, "previous_agent": None, "analysis": LATE}
    assert "R3" in rules("Rustig maar. Groet, Fleur", conversation)


def test_it_rejects_bad_input_clearly() -> None:
    with pytest.raises(TypeError, match="draft must be a str"):
        coach(None, Conversation())  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="at most"):
        coach("x" * 20_001, Conversation())
    with pytest.raises(TypeError, match="conversation must be"):
        coach("Hallo", 42)  # type: ignore[arg-type]
    assert coach("   ", Conversation()) == []


def test_it_tells_blame_from_owning_the_fault() -> None:
    conversation = Conversation([LATE_TEXT], analysis=LATE)
    blame = "Dat komt door DHL, die zijn erg traag. Met vriendelijke groet, Fleur"
    owned = (
        "Excuses: door een fout in onze koppeling met DHL is het pakket blijven liggen. "
        "Het wordt donderdag bezorgd. Met vriendelijke groet, Fleur"
    )
    assert "R2" in rules(blame, conversation)
    assert "R2" not in rules(owned, conversation)


def test_it_hears_one_shouted_word_but_not_a_quoted_button() -> None:
    conversation = Conversation(["Kan ik met Bancontact betalen?"], analysis=situation())
    assert "R3" in rules("Beste mevrouw, dat kan echt NIET. Groet, Frank", conversation)
    quiet = "Beste mevrouw, ja, u kiest 'BANCONTACT' bij het afrekenen. Groet, Frank"
    assert "R3" not in rules(quiet, conversation)


def test_it_flags_an_insult_the_agent_adds() -> None:
    analysis = situation("anger", 0.8, ("other",), ("venting",), ("insult",))
    conversation = Conversation(["stelletje oplichters"], analysis=analysis)
    assert "R8" in rules("Hoi, succes verder, sukkel. Groet, Tim", conversation, INFORMAL)


SIZE = situation("neutral", 0.1, ("wrong_item", "return_refund"), ("needs_certainty",))
SIZE_TEXT = "De schoenen vallen te klein, kan ik ruilen?"


@pytest.mark.parametrize(
    "draft",
    [
        "De bezorger heeft het verkeerd gedaan. Ik stuur u morgen een nieuw pakket.",
        "Ons magazijn heeft een fout gemaakt. Ik stuur u morgen een nieuw pakket.",
        "Dat is de schuld van de vervoerder. Ik stuur u morgen een nieuw pakket.",
        "U had de maat beter moeten checken. Ik stuur u vandaag een retourlabel.",
        "Dan had u maar beter moeten lezen.",
        "Daar gaan wij niet over, u moet bij DHL zijn.",
        "U heeft vast de verkeerde maat besteld.",
        "Heeft u misschien niet goed gekeken?",
        "Da's uw eigen schuld hé.",
        "PostNL heeft er een potje van gemaakt.",
        "Mijn collega's hebben het weer laten liggen.",
    ],
)
def test_it_hears_blame_in_many_phrasings(draft: str) -> None:
    assert "R2" in rules(draft, Conversation([SIZE_TEXT], analysis=SIZE))


@pytest.mark.parametrize(
    "draft",
    [
        "Excuses, bij het inpakken is er bij ons iets fout gegaan. De zwarte jas gaat vandaag de deur uit.",
        "Ons magazijn heeft een fout gemaakt en dat is onze verantwoordelijkheid. U krijgt morgen een nieuwe.",
        "Het pakket is in het verkeerde sorteercentrum terechtgekomen; het wordt donderdag bezorgd.",
        "Die foutmelding is niet jouw schuld: we hebben een storing.",
        "U heeft niets verkeerd gedaan. Ik heb de bestelling aangepast.",
        "Het ligt bij DHL en volgens hun laatste scan wordt het morgen bezorgd.",
    ],
)
def test_it_does_not_call_an_explanation_blame(draft: str) -> None:
    assert "R2" not in rules(draft, Conversation([SIZE_TEXT], analysis=SIZE))


PRESSURE = {**situation("anger", 0.4, ("return_refund",)), "pressure": [{"kind": "public"}]}
REVIEW_TEXT = "Als ik mijn geld niet terugkrijg zet ik een slechte review op Google!"


@pytest.mark.parametrize(
    "draft",
    [
        "Oké oké u krijgt uw geld terug, als u die review maar weghaalt.",
        "Prima, dan krijgt u het gratis, maar stop met dreigen.",
        "Om verder gedoe te voorkomen krijgt u een cadeaubon van € 25.",
        "U heeft uw zin, we sturen een nieuwe.",
        "U bent zelf een oplichter.",
        "Met klanten zoals u hebben we liever niks te maken.",
        "Hou je mond.",
        "Wij hebben er ook een advocaat, hoor.",
    ],
)
def test_it_flags_giving_in_and_hitting_back(draft: str) -> None:
    assert "R8" in rules(draft, Conversation([REVIEW_TEXT], analysis=PRESSURE))


@pytest.mark.parametrize(
    "draft",
    [
        "Uw review is uw goed recht. Ik heb de terugbetaling vandaag goedgekeurd; "
        "het bedrag staat uiterlijk 17 juni op uw rekening.",
        "Ik help u graag, maar ik vraag u om niet te schelden. Uw geld staat dinsdag op uw rekening.",
        "Goed nieuws: uw terugbetaling is vandaag goedgekeurd.",
    ],
)
def test_it_accepts_a_calm_answer_to_pressure(draft: str) -> None:
    assert "R8" not in rules(draft, Conversation([REVIEW_TEXT], analysis=PRESSURE))


@pytest.mark.parametrize(
    "draft",
    [
        "Geduld is een schone zaak, het komt wel.",
        "U bent niet de enige klant.",
        "Het is echt niet zo ingewikkeld.",
        "Nou, fijn dat u er eindelijk bent.",
        "Dat ziet toch niemand.",
        "Duizend keer sorry, we zijn echt waardeloos.",
        "Ik voel me zo schuldig, neem het me alstublieft niet kwalijk.",
    ],
)
def test_it_hears_irritation_sarcasm_and_grovelling(draft: str) -> None:
    assert "R3" in rules(draft, Conversation([LATE_TEXT], analysis=LATE))


@pytest.mark.parametrize(
    ("customer", "draft"),
    [
        (
            "Kan het morgen in huis zijn als ik nu bestel?",
            "Ja hoor, dan heeft u hem morgen in huis.",
        ),
        ("Wanneer krijg ik mijn geld?", "Uw geld wordt direct teruggestort."),
        (
            "Ik heb de blender twee maanden geleden gekocht, kan ik hem terugsturen?",
            "Natuurlijk, u mag hem gewoon terugsturen.",
        ),
        ("Waar blijft mijn pakket?", "Vervelend, sorry. We laten het u weten zodra we meer horen."),
        ("Waar blijft mijn pakket?", "Sorry! U moet daarvoor bij PostNL zijn."),
    ],
)
def test_it_wants_a_concrete_step_within_the_policy(customer: str, draft: str) -> None:
    assert "R5" in rules(draft, Conversation([customer], analysis=LATE))


@pytest.mark.parametrize(
    ("customer", "draft"),
    [
        (
            "Waar blijft mijn pakket?",
            "Sorry! Uw pakket ligt in het DHL-depot en wordt morgen tussen 10 en 14 uur bezorgd.",
        ),
        (
            "Kan het morgen in huis zijn als ik nu bestel?",
            "Wij leveren in 2 tot 4 werkdagen, dus morgen lukt helaas niet. "
            "U kunt hem vandaag tot 18:00 ophalen in onze winkel.",
        ),
        (
            "Ik heb de blender twee maanden geleden gekocht, kan ik hem terugsturen?",
            "De termijn is verstreken, maar ik maak bij wijze van uitzondering een retour aan.",
        ),
        ("Ik wacht al 40 minuten.", "Sorry voor het wachten. Ik ben er nu voor u."),
    ],
)
def test_it_accepts_a_concrete_step_within_the_policy(customer: str, draft: str) -> None:
    assert "R5" not in rules(draft, Conversation([customer], analysis=LATE))


DAMAGED = situation("disappointment", 0.5, ("damaged_or_defective",))
DAMAGED_TEXT = "De vaas kwam in stukken aan, ik ben er erg teleurgesteld over."
APOLOGY = "Wat jammer dat de vaas kapot aankwam, excuses. Ik stuur u morgen een nieuwe vaas. "


@pytest.mark.parametrize(
    "sign_off",
    [
        "Met vriendelijke groet,\n\nIlse de Vries\nKlantenservice Bloem & Vaas",
        "Met vriendelijke groeten\nWendy | Klantenservice",
        "Met vriendelijke groet, Sandra Kok, klantenservice",
        "Met vriendelijke groet,\nMarieke Verbeek\nTeamleider Klantenservice",
        "Groet, Daan (team Fietsfabriek)",
        "~ Lotte",
        "– Joris",
    ],
)
def test_it_reads_the_name_above_a_role_or_team_line(sign_off: str) -> None:
    conversation = Conversation([DAMAGED_TEXT], analysis=DAMAGED)
    assert coach(APOLOGY + sign_off, conversation, FORMAL) == []


def test_it_reads_an_agent_who_introduces_themselves_without_a_sign_off() -> None:
    draft = (
        "Hoi Bas, ik begrijp dat dit frustrerend is. Ik ben Mark en ik zoek het voor je uit. "
        "Je pakket ligt in het depot in Tilburg en wordt donderdag bezorgd; ik houd het zelf "
        "in de gaten en stuur je donderdagmiddag een berichtje."
    )
    assert coach(draft, Conversation([LATE_TEXT], analysis=LATE), INFORMAL) == []


def test_it_still_wants_a_name_when_only_the_team_signs() -> None:
    draft = APOLOGY + "Met vriendelijke groet,\nKlantenservice Bloem & Vaas"
    assert "R6" in rules(draft, Conversation([DAMAGED_TEXT], analysis=DAMAGED))


def test_it_accepts_flemish_ge_with_u_and_uw() -> None:
    draft = (
        "Dag Ellen, sorry dat ge zo lang moet wachten. De regenjas komt op 14 november binnen. "
        "Zal ik er eentje voor u reserveren? Dan zet ik uw naam erop. Groetjes, Wout"
    )
    conversation = Conversation(["Wanneer is de regenjas terug?"], analysis=LATE)
    assert coach(draft, conversation, INFORMAL) == []


QUESTION = situation("neutral", 0.05, ("invoice_billing",), ("needs_certainty",))


@pytest.mark.parametrize(
    ("customer", "draft"),
    [
        (
            "Is de verzending gratis als ik voor € 35 bestel?",
            "Beste mevrouw, u zit onder de € 50; wij rekenen geen verzendkosten als het "
            "totaal € 50 of meer is. Nu betaalt u € 3,95. Met vriendelijke groet, Pim",
        ),
        (
            "Mijn bestelling is € 22, kunnen de verzendkosten eraf?",
            "Beste meneer, dat kan helaas niet, gratis verzending geldt vanaf € 50. Kiest u "
            "afhalen in een van onze winkels, dan betaalt u geen verzendkosten. Groet, Ingrid",
        ),
        (
            "Kan ik er nog een kussen bij bestellen?",
            "Beste mevrouw, ik heb het kussen toegevoegd; het totaal is nu € 58 en dus blijft "
            "de verzending gratis. Met vriendelijke groet, Lisa",
        ),
    ],
)
def test_it_tells_free_shipping_over_the_threshold_from_a_promise(
    customer: str, draft: str
) -> None:
    assert coach(draft, Conversation([customer], analysis=QUESTION), FORMAL) == []


@pytest.mark.parametrize(
    "draft",
    [
        "Excuses dat u zo lang wacht. De nieuwe waterkoker gaat morgen naar u toe en wordt "
        "binnen 2 tot 4 werkdagen bezorgd. Met vriendelijke groet, Marieke",
        "Excuses dat u zo lang wacht. Uw pakket gaat morgen de deur uit en wordt donderdag "
        "bezorgd. Met vriendelijke groet, Marieke",
    ],
)
def test_it_accepts_a_dispatch_tomorrow_within_the_delivery_range(draft: str) -> None:
    assert coach(draft, Conversation([LATE_TEXT], analysis=LATE), FORMAL) == []


def test_it_reads_a_bank_to_sit_on_as_a_product_not_a_party() -> None:
    draft = (
        "Beste mevrouw Kok, het kussen had bij de bank moeten zitten en is vergeten mee te "
        "leveren, excuses. Ik heb het vandaag verzonden. Met vriendelijke groet, Selin"
    )
    analysis = situation("neutral", 0.2, ("wrong_item",))
    conversation = Conversation(["Waar is het kussen bij mijn bank?"], analysis=analysis)
    assert coach(draft, conversation, FORMAL) == []


@pytest.mark.parametrize(
    ("customer", "analysis", "draft"),
    [
        (
            "Ik heb de verkeerde maat besteld, mijn fout. Kan ik nog ruilen na 20 dagen?",
            situation("neutral", 0.05, ("wrong_item", "return_refund"), ("needs_certainty",)),
            "Beste mevrouw, jazeker, u heeft 30 dagen om te ruilen. U kunt de schoenen "
            "terugsturen met het label uit de doos. Met vriendelijke groet, Jasmijn",
        ),
        (
            "Klopt het dat ik nog kan annuleren als hij nog niet verzonden is?",
            situation("neutral", 0.05, ("cancellation", "late_delivery"), ("needs_certainty",)),
            "Beste meneer, ja, dat klopt. Zolang uw bestelling niet is verzonden, kunt u hem "
            "kosteloos annuleren via uw account. Met vriendelijke groet, Joyce",
        ),
        (
            "waar is mijn bestelling 30221?",
            situation("neutral", 0.05, ("late_delivery",), ("needs_certainty",)),
            "Beste meneer, uw bestelling 30221 is vanochtend verstuurd en wordt morgen tussen "
            "17:00 en 21:00 bezorgd. Met vriendelijke groet, Sam",
        ),
    ],
)
def test_it_owes_no_apology_when_nothing_of_ours_went_wrong(
    customer: str, analysis: dict, draft: str
) -> None:
    assert coach(draft, Conversation([customer], analysis=analysis), FORMAL) == []


PRODUCT_QUESTION = situation("neutral", 0.05, ("product_question",), ("needs_certainty",))
DEFECT = situation("neutral", 0.1, ("damaged_or_defective",))


@pytest.mark.parametrize(
    ("customer", "analysis", "draft"),
    [
        (
            "zijn deze oordopjes waterdicht?",
            PRODUCT_QUESTION,
            "Hoi! Ze zijn spatwaterdicht, dus zweet en regen kunnen ze prima hebben. Zwemmen "
            "raden we niet aan. Groet, Jip",
        ),
        (
            "Kun je mijn bestelling nog aanpassen?",
            PRODUCT_QUESTION,
            "Hoi Emma, ja hoor, dat kan nog. Ik heb het tweede kussen toegevoegd. Groet, Lisa",
        ),
        (
            "Mijn cadeaubon werkt niet, er staat ongeldig.",
            DEFECT,
            "Hoi Nina, sorry! Ik heb je cadeaubon net geactiveerd, hij is € 25 waard. Probeer "
            "het maar opnieuw. Groet, Joep",
        ),
        (
            "Er komt rook uit de föhn!",
            DEFECT,
            "Hoi, wat schrikken! Haal de stekker eruit. Ik stuur je vandaag een nieuwe föhn. "
            "Groet, Marijke",
        ),
    ],
)
def test_it_finds_nothing_in_a_plain_friendly_answer(
    customer: str, analysis: dict, draft: str
) -> None:
    assert coach(draft, Conversation([customer], analysis=analysis), INFORMAL) == []


@pytest.mark.parametrize(
    ("rule", "draft"),
    [
        ("R2", "Excuses. Onze vervoerder werkt met onderaannemers die het niet zo nauw nemen."),
        ("R2", "Vervelend! Maar je hebt zelf maat 38 aangeklikt, dus bij ons is niks misgegaan."),
        ("R3", "Uw pakket komt donderdag, dat had u ook in de track & trace kunnen zien."),
        ("R3", "Sorry, ik heb hem gemaild. Vier keer mailen is echt niet nodig hoor."),
        ("R1", "Ik heb u gisteren al uitgelegd dat het vanaf € 50 gratis is."),
        ("R3", "JA hij komt, hij is gisteren verstuurd."),
    ],
)
def test_it_hears_new_phrasings_of_blame_tone_and_repeats(rule: str, draft: str) -> None:
    assert rule in rules(draft + " Groet, Eva", Conversation([LATE_TEXT], analysis=LATE))
