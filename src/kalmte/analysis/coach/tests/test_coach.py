"""The reply coach flags what breaks the playbook and stays quiet on good drafts."""

from __future__ import annotations

import pytest

from kalmte.analysis.coach import Conversation, Finding, coach, similarity
from kalmte.analysis.coach.tests.policies import FORMAL, INFORMAL
from kalmte.analysis.coach.tests.policies import rules as policy_rules


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
        "Die afhaalpunten van bpost, daar is echt geen peil op te trekken. Groet, Wout",
        "De chauffeur heeft uw adres overgeslagen, hij is daar inmiddels op aangesproken. Anouk",
        "Dan heb je bij het bestellen niet goed naar de maat gekeken. Groet, Joost",
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
        "Wil je een beetje op je taalgebruik letten? Je pakket komt donderdag. Groet, Wessel",
        "Stiksels verschillen per jaar; dat weet eigenlijk iedere liefhebber. Groet, Eline",
        "Ik zal het heel langzaam voor u uitleggen. Trek aan de rode lus. Groet, Team Zorg",
        "Wij vragen u nederig om vergeving. Uw pakket komt donderdag. Groet, Rick",
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
    ("customer", "bare_apology_enough"),
    [
        ("Het kattenvoer is weer niet geleverd. Dit is al de tweede keer deze maand.", True),
        ("Het kattenvoer is ALWEER niet geleverd!!! Dit is al de tweede keer deze maand!!!", False),
    ],
)
def test_a_bare_apology_meets_mild_anger_but_not_anger_in_capitals(
    customer: str, bare_apology_enough: bool
) -> None:
    analysis = situation("anger", 0.4, ("late_delivery",))
    draft = "Hoi, sorry! Je voer gaat vandaag nog mee en is er morgen. Groetjes, Lisa"
    found = coach(draft, Conversation([customer], analysis=analysis), INFORMAL, gate=False)
    assert ("R9" not in {f.rule for f in found}) is bare_apology_enough


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
# not fixed in this reply (the new vase still has to come), so it needs a person behind it
APOLOGY = (
    "Wat jammer dat de vaas kapot aankwam, excuses. Er gaat uiterlijk vrijdag een nieuwe vaas "
    "naar u toe; ik houd de zending voor u in de gaten. "
)


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
    # the phrase rules read the team signature as no name; whether a labeller would still ask
    # for one beside a dated replacement is the gate's call
    draft = APOLOGY + "Met vriendelijke groet,\nKlantenservice Bloem & Vaas"
    found = coach(draft, Conversation([DAMAGED_TEXT], analysis=DAMAGED), FORMAL, gate=False)
    assert "R6" in {f.rule for f in found}
    named = APOLOGY + "Met vriendelijke groet,\nLotte, klantenservice Bloem & Vaas"
    found = coach(named, Conversation([DAMAGED_TEXT], analysis=DAMAGED), FORMAL, gate=False)
    assert "R6" not in {f.rule for f in found}


def test_a_replacement_sent_in_this_reply_needs_no_name() -> None:
    draft = (
        "Wat jammer dat de vaas kapot aankwam, excuses. Ik stuur u vandaag nog kosteloos een "
        "nieuwe vaas; die is morgen bij u. Met vriendelijke groet,\nKlantenservice Bloem & Vaas"
    )
    assert "R6" not in rules(draft, Conversation([DAMAGED_TEXT], analysis=DAMAGED))


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


# Drafts in stressed agents' own words: blame, counter-abuse, giving in, tone, vague steps.
NEW_WORDING = [
    (
        "R2",
        "Mijn pakket is bezorgd maar de doos is helemaal ingedeukt en de vaas is gebroken.",
        "Beste mevrouw Visser, wat vervelend dat de vaas gebroken is aangekomen. Tja, de chauffeur had haast die dag. Ik stuur u vandaag een nieuwe vaas, die is donderdag bij u. Met vriendelijke groet, Sanne",
        FORMAL,
    ),
    (
        "R2",
        "Track en trace zegt al drie dagen 'in sorteercentrum'. Waar blijft mijn pakket?",
        "Beste meneer Bakker, sorry voor het wachten. Dat moet u met PostNL opnemen, wij hebben het pakket op tijd afgegeven. Met vriendelijke groet, Ilse",
        FORMAL,
    ),
    (
        "R2",
        "Ik kreeg een blauwe trui in plaats van de groene die ik bestelde.",
        "Hoi Jesse, sorry voor de verwarring! Onze leverancier heeft het verprutst, die stuurt ons steeds de verkeerde kleuren. Ik stuur je vandaag de groene trui, je hebt hem vrijdag, en het retourlabel voor de blauwe zit in je mail. Groet, Noor",
        INFORMAL,
    ),
    (
        "R2",
        "Mijn pakket is naar een verkeerd adres gegaan, hoe kan dat?",
        "Beste meneer Claes, vervelend dat het pakket niet aankwam. U heeft het adres zelf verkeerd ingevuld, er staat Kerkstraat 21 in plaats van 12. Ik heb het pakket bij PostNL laten tegenhouden en het wordt woensdag op het goede adres bezorgd. Met vriendelijke groet, Wout",
        FORMAL,
    ),
    (
        "R2",
        "Ik word nu elke maand 19,95 euro afgeschreven voor een abonnement, dat wist ik niet!",
        "Beste mevrouw Smit, vervelend dat dit als een verrassing komt. Daar heeft u zelf voor gekozen bij het afrekenen, het vinkje stond niet vooraf aan. Ik heb het abonnement nu per direct stopgezet, u wordt niet meer afgeschreven. Met vriendelijke groet, Koen",
        FORMAL,
    ),
    (
        "R2",
        "Al twee weken wacht ik op mijn bestelling, wat is er aan de hand?",
        "Beste meneer Janssens, excuses voor het lange wachten. Het magazijn heeft weer zitten slapen, uw bestelling is blijven liggen. Ik heb hem vandaag met voorrang laten versturen; u ontvangt hem donderdag. Met vriendelijke groet, Lotte",
        FORMAL,
    ),
    (
        "R2",
        "Mijn stoel is met een kapotte poot aangekomen.",
        "Hoi Mila, wat balen! Dat is echt de pakketdienst, die gooien maar wat met de dozen. Ik stuur je morgen een nieuwe poot op, die zit vrijdag in je brievenbus. Groet, Tim",
        INFORMAL,
    ),
    (
        "R2",
        "Waarom is mijn bestelling geannuleerd? Ik had al betaald!",
        "Beste mevrouw De Wit, sorry voor de schrik. De betaalprovider keurt betalingen soms zomaar af, daar zijn ze berucht om. Het bedrag is niet afgeschreven. Ik heb de bestelling opnieuw voor u klaargezet, u kunt hem via de link in mijn mail betalen. Met vriendelijke groet, Ruben",
        FORMAL,
    ),
    (
        "R2",
        "Uw monteur is niet komen opdagen, ik heb de hele dag thuis gezeten!",
        "Beste meneer Peeters, wat vervelend dat u voor niets thuis bleef. Die monteurs van het installatiebedrijf plannen gewoon slecht, daar hebben wij ook last van. Ik heb een nieuwe afspraak voor u gemaakt op dinsdag 8 oktober tussen 8 en 12 uur. Met vriendelijke groet, Esther",
        FORMAL,
    ),
    (
        "R2",
        "De kortingscode ZOMER15 werkt niet bij het afrekenen.",
        "Hoi Daan, balen! Je hebt hem vast verkeerd overgetypt, met een spatie erachter of zo. Typ ZOMER15 zonder spatie, dan werkt hij wel. Groet, Fenna",
        INFORMAL,
    ),
    (
        "R2",
        "Ik ben nu al drie keer doorverbonden en niemand helpt me met mijn factuur!",
        "Beste mevrouw Yilmaz, excuses dat u zo vaak bent doorverbonden. Mijn collega's van de boekhouding hebben het nu eenmaal heel druk en laten mails liggen. Ik heb uw factuur nu zelf gecorrigeerd en u krijgt hem vandaag per mail. Met vriendelijke groet, Hanna",
        FORMAL,
    ),
    (
        "R2",
        "De verkoopster in jullie winkel was erg onbeleefd tegen mij.",
        "Beste meneer Maes, wat vervelend dat u zo bent behandeld. Ze is nieuw en weet eigenlijk nog van niks, dat moet u haar maar vergeven. Ik heb uw klacht vandaag met de winkelmanager besproken en hij belt u morgen. Met vriendelijke groet, Sofie",
        FORMAL,
    ),
    (
        "R5",
        "Het pakket is bij de buren afgegeven en daar is het nu kwijt. Wat nu?",
        "Hoi Fleur, vervelend! Dan hebben je buren het dus kwijtgemaakt, daar kunnen wij ook niks aan doen. Groet, Anouk",
        INFORMAL,
    ),
    (
        "R8",
        "Stelletje oplichters, waar is mijn geld?? Ik wacht al drie weken op mijn terugbetaling!",
        "Beste meneer, als u zo doet help ik u niet. Met vriendelijke groet, Kees",
        FORMAL,
    ),
    (
        "R8",
        "Kankerwinkel, mijn pakket is weer niet gekomen.",
        "Hoi, met dat soort taal kom je nergens, sukkel. Groet, Bas",
        INFORMAL,
    ),
    (
        "R8",
        "Ik wil vandaag mijn geld terug, anders zet ik jullie op Trustpilot en Facebook!",
        "Beste mevrouw Bos, nou goed, u krijgt het gratis, als u ons maar niet op Trustpilot zet. Met vriendelijke groet, Linda",
        FORMAL,
    ),
    (
        "R8",
        "Ik heb een advocaat ingeschakeld, u hoort nog van ons. Mijn tv is binnen een maand kapot gegaan.",
        "Beste meneer Koster, goed, we storten het terug, maar dan wil ik er niets meer over horen. Met vriendelijke groet, Mirjam",
        FORMAL,
    ),
    (
        "R8",
        "Jullie zijn echt een bende prutsers. Mijn bank is kapot geleverd.",
        "Hoi, prutsers? Kijk eerst eens in de spiegel. Groet, Joost",
        INFORMAL,
    ),
    (
        "R8",
        "Tyfuslijers, mijn bestelling is al 2 weken te laat!!",
        "Hoi, je bent zelf ook niet bepaald een lieverdje, maar goed. Sorry voor de vertraging, je bestelling wordt donderdag bezorgd. Groet, Milan",
        INFORMAL,
    ),
    (
        "R8",
        "Ik ga een slechte review schrijven als jullie dit niet oplossen. Mijn jas is nog steeds niet geleverd.",
        "Beste mevrouw Jacobs, excuses voor het wachten. Om u tevreden te stellen krijgt u de jas gratis en een tegoedbon van € 25. Hij wordt donderdag bezorgd. Met vriendelijke groet, Kim",
        FORMAL,
    ),
    (
        "R8",
        "Als ik morgen niet gebeld word kom ik naar jullie winkel en sla ik alles kort en klein.",
        "Meneer, dreigen kan ik ook: nog één zo'n bericht en u zult eens zien wat er gebeurt. Met vriendelijke groet, Ahmed",
        FORMAL,
    ),
    (
        "R8",
        "Idioten zijn jullie, ik wil gewoon een nieuwe telefoon.",
        "Hoi, als jij ons idioten noemt, wat ben jij dan? Groet, Lars",
        INFORMAL,
    ),
    (
        "R8",
        "Ik zet dit op TikTok en Instagram, jullie verkopen nep-sneakers!",
        "Hoi Ravi, doe vooral. Dan zetten wij jouw naam en bestelgeschiedenis er ook even bij. Groet, Mick",
        INFORMAL,
    ),
    (
        "R8",
        "Godverdomme, weer de verkeerde maat. Dit is de derde keer!!",
        "Hoi Tess, wat balen, sorry! Weet je wat, hou de broek maar, je krijgt er nog twee gratis bij en al je volgende bestellingen zonder verzendkosten, als je maar niet meer boos bent. Groet, Romy",
        INFORMAL,
    ),
    (
        "R8",
        "Ik stap naar de Geschillencommissie als mijn retour niet wordt geaccepteerd. Ik heb de jas 6 weken geleden gekocht.",
        "Beste meneer Peters, laat maar zitten, we nemen het toch terug om ervan af te zijn. Met vriendelijke groet, Esra",
        FORMAL,
    ),
    (
        "R5",
        "Jullie medewerker aan de telefoon was een arrogante klootzak.",
        "Beste meneer Dekker, nou, u bent zelf ook niet bepaald vriendelijk. Met vriendelijke groet, Jeroen",
        FORMAL,
    ),
    (
        "R3",
        "Als ik vandaag niets hoor over de monteur, bel ik Radar.",
        "Beste mevrouw Mulder, bel Radar maar, die kennen ons al. Met vriendelijke groet, Tom",
        FORMAL,
    ),
    (
        "R5",
        "Ik weet waar jullie magazijn zit, ik kom mijn pakket wel halen en dan zullen we eens zien.",
        "Beste meneer, kom maar, wij staan klaar. Met vriendelijke groet, Ruud",
        FORMAL,
    ),
    (
        "R5",
        "Ik ga mijn advocaat erop zetten als die wasmachine er vrijdag niet staat.",
        "Beste meneer Kramer, ik wil niet dat het zover komt, dus u krijgt de wasmachine gratis en we leveren hem morgen. Met vriendelijke groet, Nina",
        FORMAL,
    ),
    (
        "R5",
        "Jullie zijn zo'n klotebedrijf. Ik wil gewoon mijn bestelling annuleren.",
        "Hoi, als je zo graag weg wilt: ga lekker ergens anders shoppen. Groet, Dex",
        INFORMAL,
    ),
    (
        "R3",
        "Dit is de laatste keer dat ik bel, volgende stap is de rechter.",
        "Beste meneer Bos, ga uw gang, wij zien u wel in de rechtszaal. Met vriendelijke groet, Hans",
        FORMAL,
    ),
    (
        "R3",
        "Hoeveel kost verzending naar België?",
        "Beste meneer Claes, zoals op de site duidelijk staat, kost verzending naar België € 6,95. Met vriendelijke groet, Joke",
        FORMAL,
    ),
    (
        "R3",
        "Mijn kortingscode werkte niet, kan ik die alsnog krijgen?",
        "Beste mevrouw Smit, vervelend dat het niet lukte. Dat stond in de nieuwsbrief, die leest u toch ook? De code gold tot en met zondag. Ik heb u een nieuwe code van 10% gestuurd, geldig tot 1 juni. Met vriendelijke groet, Sanne",
        FORMAL,
    ),
    (
        "R3",
        "Ik heb de handleiding gelezen maar ik snap niet hoe ik de koffiemachine ontkalk.",
        "Hoi Jan, fijn dat je de handleiding eindelijk leest! Op pagina 12 staat het: vul het reservoir met ontkalker en houd de knop 5 seconden ingedrukt. Groet, Marloes",
        INFORMAL,
    ),
    (
        "R3",
        "Waar blijft mijn pakket? Besteld op maandag.",
        "Beste mevrouw Peters, nogmaals: uw pakket wordt donderdag bezorgd, dat staat ook in de bevestiging. Met vriendelijke groet, Roel",
        FORMAL,
    ),
    (
        "R3",
        "Ik wacht al een uur in de chat!!",
        "Hoi, ik heb ook maar twee handen, hè. Waar kan ik je mee helpen? Groet, Fay",
        INFORMAL,
    ),
    (
        "R3",
        "Mijn lamp is kapot aangekomen, ik ben er echt ziek van.",
        "Beste mevrouw Koç, wat zijn we toch een stel klunzen, ik durf u bijna niet onder ogen te komen. Het spijt me zo. Ik stuur u vandaag een nieuwe lamp; die is donderdag bij u. Met vriendelijke groet, Eline",
        FORMAL,
    ),
    (
        "R3",
        "Kan ik mijn bestelling nog wijzigen?",
        "Hoi Kim, tuurlijk, dat kan, als je het tenminste goed doorgeeft deze keer. Welke maat wil je? Groet, Dirk",
        INFORMAL,
    ),
    (
        "R3",
        "Waarom is mijn pakket nog niet verzonden?",
        "Beste meneer, geduld, meneer. Uw pakket gaat morgen de deur uit en is vrijdag bij u. Met vriendelijke groet, Ilse",
        FORMAL,
    ),
    (
        "R3",
        "De maat klopt niet.",
        "Beste mevrouw, tja, dat krijgt u als u de maattabel overslaat. U kunt ruilen via het retourlabel dat ik u vandaag stuur. Met vriendelijke groet, Wendy",
        FORMAL,
    ),
    (
        "R3",
        "HALLO?? IS ER IEMAND?? Ik wacht al 20 minuten!",
        "Ja hallo, ik ben er, u hoeft niet zo te roepen. Waarmee kan ik u helpen? Met vriendelijke groet, Ron",
        FORMAL,
    ),
    (
        "R5",
        "Mijn pakket is nog niet binnen, waar blijft het?",
        "Hoi Yara, eh, het is pas gisteren besteld hè? Geef het even een paar dagen. Groet, Joep",
        INFORMAL,
    ),
    (
        "R5",
        "Mijn wasmachine lekt sinds gisteren, wat moet ik doen?",
        "Beste mevrouw Jansen, wat vervelend dat uw wasmachine lekt. We kijken ernaar. Met vriendelijke groet, Karin",
        FORMAL,
    ),
    (
        "R5",
        "Mijn pakket is beschadigd, de glazen zijn gebroken.",
        "Hoi Lisa, wat balen dat de glazen gebroken zijn! Dat komt wel goed, hoor. Groet, Robin",
        INFORMAL,
    ),
    (
        "R5",
        "Ik heb mijn geld nog niet terug, het is al drie weken.",
        "Beste meneer Aydin, excuses voor het wachten. Uw terugbetaling wordt binnenkort verwerkt. Met vriendelijke groet, Femke",
        FORMAL,
    ),
    (
        "R5",
        "Wanneer wordt mijn bank geleverd?",
        "Beste mevrouw Kok, we doen ons best om de bank zo snel mogelijk bij u te krijgen. Met vriendelijke groet, Bart",
        FORMAL,
    ),
    (
        "R5",
        "Kan ik het morgen al in huis hebben als ik nu bestel? Het is voor een verjaardag.",
        "Hoi Sarah, komt goed, bestel hem vandaag en hij ligt morgen bij je op de stoep. Groet, Dewi",
        INFORMAL,
    ),
    (
        "R5",
        "Moet ik verzendkosten betalen voor een bestelling van 25 euro?",
        "Beste meneer Smit, nee hoor, wij versturen het voor u zonder verzendkosten. Met vriendelijke groet, Paula",
        FORMAL,
    ),
]


@pytest.mark.parametrize(("rule", "customer", "draft", "policy"), NEW_WORDING)
def test_it_hears_stressed_agents_in_their_own_words(
    rule: str, customer: str, draft: str, policy: dict
) -> None:
    assert rule in rules(draft, Conversation([customer]), policy)


# Their near-pairs: the same facts, said well.
NEAR_PAIRS = [
    (
        "Mijn pakket is bezorgd maar de doos is helemaal ingedeukt en de vaas is gebroken.",
        "Beste mevrouw Visser, wat vervelend dat de vaas gebroken is aangekomen, excuses daarvoor. Ik stuur u vandaag een nieuwe vaas, extra goed ingepakt; die is donderdag bij u. De kapotte hoeft u niet terug te sturen. Met vriendelijke groet, Sanne",
        FORMAL,
    ),
    (
        "Track en trace zegt al drie dagen 'in sorteercentrum'. Waar blijft mijn pakket?",
        "Beste meneer Bakker, sorry voor het wachten. Ik heb bij PostNL nagevraagd: uw pakket is in het sorteercentrum blijven liggen en wordt donderdag bezorgd. Is het er donderdag niet, dan stuur ik u vrijdag een nieuw pakket. Met vriendelijke groet, Ilse",
        FORMAL,
    ),
    (
        "Ik kreeg een blauwe trui in plaats van de groene die ik bestelde.",
        "Hoi Jesse, sorry dat je de verkeerde kleur kreeg! Er ging bij ons iets mis bij het inpakken. Ik stuur je vandaag de groene trui, je hebt hem vrijdag, en het retourlabel voor de blauwe zit in je mail. Groet, Noor",
        INFORMAL,
    ),
    (
        "Mijn pakket is naar een verkeerd adres gegaan, hoe kan dat?",
        "Beste meneer Claes, vervelend dat het pakket niet is aangekomen. Op het label staat Kerkstraat 21 in plaats van 12. Ik heb het pakket bij PostNL laten tegenhouden en het wordt woensdag op het goede adres bezorgd. Met vriendelijke groet, Wout",
        FORMAL,
    ),
    (
        "Ik word nu elke maand 19,95 euro afgeschreven voor een abonnement, dat wist ik niet!",
        "Beste mevrouw Smit, vervelend dat de afschrijving als een verrassing kwam, dat begrijp ik. Ik heb het abonnement per direct stopgezet en de laatste € 19,95 teruggestort; u ziet het binnen 14 dagen op uw rekening. Met vriendelijke groet, Koen",
        FORMAL,
    ),
    (
        "Al twee weken wacht ik op mijn bestelling, wat is er aan de hand?",
        "Beste meneer Janssens, excuses voor het lange wachten. Uw bestelling is bij ons blijven liggen, dat had niet mogen gebeuren. Ik heb hem vandaag met voorrang laten versturen; u ontvangt hem donderdag. Met vriendelijke groet, Lotte",
        FORMAL,
    ),
    (
        "Mijn stoel is met een kapotte poot aangekomen.",
        "Hoi Mila, wat balen dat de poot kapot is, sorry! Ik stuur je morgen een nieuwe poot op, die zit vrijdag in je brievenbus. Groet, Tim",
        INFORMAL,
    ),
    (
        "Uw monteur is niet komen opdagen, ik heb de hele dag thuis gezeten!",
        "Beste meneer Peeters, wat vervelend dat u voor niets thuis bleef, mijn excuses. Ik heb een nieuwe afspraak voor u gemaakt op dinsdag 8 oktober tussen 8 en 12 uur en de monteur belt u een half uur van tevoren. Met vriendelijke groet, Esther",
        FORMAL,
    ),
    (
        "De kortingscode ZOMER15 werkt niet bij het afrekenen.",
        "Hoi Daan, balen dat de code niet werkt! De code werkt alleen zonder spatie erachter. Lukt het dan nog niet, stuur me dan je bestelnummer, dan zet ik de korting er vandaag zelf op. Groet, Fenna",
        INFORMAL,
    ),
    (
        "Ik ben nu al drie keer doorverbonden en niemand helpt me met mijn factuur!",
        "Beste mevrouw Yilmaz, excuses dat u zo vaak bent doorverbonden, dat is niet hoe het hoort. Ik heb uw factuur nu zelf gecorrigeerd en u krijgt hem vandaag per mail. Met vriendelijke groet, Hanna",
        FORMAL,
    ),
    (
        "Mijn laptop doet het niet meer na twee weken!",
        "Beste meneer Vos, wat vervelend dat uw laptop het na twee weken al niet meer doet. Stuurt u hem op met het retourlabel dat ik u vandaag mail, dan laat ik hem binnen 10 werkdagen nakijken en hoort u van mij wat er aan de hand is. Met vriendelijke groet, Bram",
        FORMAL,
    ),
    (
        "Ik heb mijn pakket nog altijd niet, bpost zegt dat er niemand thuis was maar ik was de hele dag thuis!",
        "Dag meneer Wouters, spijtig dat het pakket nog niet bij u is, en vervelend dat u voor niets thuis was. Het ligt nu in het postpunt op de Markt en u kunt het vanaf morgen 9 uur ophalen. Met vriendelijke groeten, Lien",
        FORMAL,
    ),
    (
        "Stelletje oplichters, waar is mijn geld?? Ik wacht al drie weken op mijn terugbetaling!",
        "Beste meneer, ik begrijp dat u boos bent na drie weken wachten, excuses daarvoor. Ik help u graag, maar vraag u wel ons niet uit te schelden. Ik heb uw terugbetaling van € 89 vandaag goedgekeurd; u ziet het bedrag uiterlijk vrijdag op uw rekening. Met vriendelijke groet, Kees",
        FORMAL,
    ),
    (
        "Ik wil vandaag mijn geld terug, anders zet ik jullie op Trustpilot en Facebook!",
        "Beste mevrouw Bos, ik begrijp dat u snel uw geld terug wilt. Uw retour is gisteren bij ons binnengekomen; ik heb de terugbetaling vandaag verwerkt en binnen 14 dagen staat het bedrag op uw rekening. Een review schrijven staat u natuurlijk vrij. Met vriendelijke groet, Linda",
        FORMAL,
    ),
    (
        "Ik heb een advocaat ingeschakeld, u hoort nog van ons. Mijn tv is binnen een maand kapot gegaan.",
        "Beste meneer Koster, vervelend dat uw tv al zo snel kapot is, en dat is natuurlijk uw goed recht. Ik los het graag samen met u op: ik laat de tv donderdag ophalen en u krijgt binnen 14 dagen nadat hij bij ons is het volledige bedrag terug. Met vriendelijke groet, Mirjam",
        FORMAL,
    ),
    (
        "Als ik vandaag niets hoor over de monteur, bel ik Radar.",
        "Beste mevrouw Mulder, ik begrijp dat u vandaag duidelijkheid wilt, sorry dat het zo lang duurt. Ik heb de monteur gebeld: hij komt morgen tussen 10 en 12 uur langs en ik bel u morgen om 13 uur om te horen of alles werkt. Met vriendelijke groet, Tom",
        FORMAL,
    ),
]


@pytest.mark.parametrize(("customer", "draft", "policy"), NEAR_PAIRS)
def test_it_stays_quiet_on_the_near_pairs(customer: str, draft: str, policy: dict) -> None:
    found = set(rules(draft, Conversation([customer]), policy))
    assert not found & {"R2", "R3", "R5", "R8"}


NO_SIGNAL = situation("frustration", 0.4, ("other",))
INSULTED = situation("anger", 0.8, ("other",), ("venting",), ("insult",))


@pytest.mark.parametrize(
    ("draft", "flagged"),
    [
        # the concession linked to the pressure, in either order
        ("Omdat u met een advocaat dreigt, crediteren wij de factuur toch. Groet, Ilse", True),
        ("Wij storten het bedrag alsnog terug, aangezien je een slechte review overweegt.", True),
        (
            "Nu je naar de Consumentenbond wilt stappen, krijg je toch maar korting. Groet, Ilse",
            True,
        ),
        ("Goed, omdat u zo blijft aandringen: de verzendkosten gaan eraf. Groet, Ilse", True),
        (
            "Dan laten we die recensie verder maar rusten, je krijgt een tegoedbon. Groet, Ilse",
            True,
        ),
        # near misses: a reason of our own, or a refusal
        ("Omdat uw vorige pakket zo laat was, maak ik een uitzondering. Groet, Ilse", False),
        (
            "Een recensie schrijven mag altijd; een korting geven wij daarom niet. Groet, Ilse",
            False,
        ),
    ],
)
def test_it_hears_giving_in_linked_to_the_pressure(draft: str, flagged: bool) -> None:
    conversation = Conversation(["Ik wil mijn geld terug."], analysis=NO_SIGNAL)
    assert ("R8" in rules(draft, conversation)) is flagged


@pytest.mark.parametrize(
    ("customer", "draft", "flagged"),
    [
        (
            "Ik wil 15% korting, anders plaats ik overal een negatieve review.",
            "Oké, 15% korting dan. Groet, Ilse",
            True,
        ),
        (
            "Als het vrijdag niet binnen is, stap ik naar de geschillencommissie.",
            "Dat willen we natuurlijk vermijden, ik stuur hem met spoed. Groet, Ilse",
            True,
        ),
        (
            "Ik wil 15% korting, anders plaats ik overal een negatieve review.",
            "15% korting kan ik niet geven, maar je pakket gaat vandaag mee. Groet, Ilse",
            False,
        ),
        (
            "Ik heb vorige week een review geschreven over jullie snelle levering.",
            "Dank je! Je krijgt 10% korting op je volgende bestelling. Groet, Ilse",
            False,
        ),
    ],
)
def test_it_reads_pressure_the_analysis_missed(customer: str, draft: str, flagged: bool) -> None:
    conversation = Conversation([customer], analysis=situation("neutral", 0.1, ("other",)))
    assert ("R8" in rules(draft, conversation, INFORMAL)) is flagged


@pytest.mark.parametrize(
    ("draft", "expected"),
    [
        (
            "Ik begrijp de vraag heel goed, u kennelijk niet. Met vriendelijke groet, Ilse",
            {"R3", "R8"},
        ),
        ("Met dat taalgebruik bereikt u niets bij ons. Met vriendelijke groet, Ilse", {"R8"}),
        ("Bedankt voor uw charmante bericht. Met vriendelijke groet, Ilse", {"R3", "R8"}),
    ],
)
def test_it_hears_an_insult_turned_back(draft: str, expected: set[str]) -> None:
    found = set(rules(draft, Conversation(["Stelletje idioten."], analysis=INSULTED)))
    assert expected <= found


def test_it_takes_thanks_for_kind_words_literally_without_an_insult() -> None:
    analysis = situation("positive", 0.6)
    draft = "Bedankt voor uw vriendelijke woorden, dat doet ons goed! Met vriendelijke groet, Ilse"
    assert coach(draft, Conversation(["Wat een fijne service!"], analysis=analysis)) == []


@pytest.mark.parametrize(
    ("draft", "flagged"),
    [
        ("Misschien heeft u de bijlage over het hoofd gezien, die zat bij de mail.", True),
        ("Leuk dat je het nu eindelijk ziet: de code staat onderaan.", True),
        ("Ik leg het nog één keer uit, maar dan extra langzaam.", True),
        ("Ik weet eigenlijk niet wat je nou van ons verwacht.", True),
        ("Dat weten we inmiddels wel, u bent de twintigste die belt.", True),
        ("Ik neem aan dat het hiermee voldoende duidelijk is.", True),
        ("Dat klopt dus als een bus.", True),
        ("Nog één keer zo'n opmerking en dan stop ik dit gesprek.", True),
        ("Ik heb niet de hele dag, dus snel graag.", True),
        ("Dat staat ook gewoon in de mail.", True),
        # near misses
        ("Gefeliciteerd met je verjaardag! De code staat onderaan de mail.", False),
        (
            "Je bent de eerste die het meldt, dank je: ik heb het doorgezet naar 14:00 vandaag.",
            False,
        ),
        ("Het staat ook in de mail die u vandaag krijgt.", False),
        ("Maakt u zich geen zorgen: ik bel u morgen om 10:00.", False),
        ("De mail is blijkbaar niet aangekomen; ik stuur hem opnieuw.", False),
    ],
)
def test_it_hears_passive_aggressive_politeness(draft: str, flagged: bool) -> None:
    assert (
        "R3" in rules(draft, Conversation(["Waar staat de code?"], analysis=NO_SIGNAL))
    ) is flagged


@pytest.mark.parametrize(
    ("draft", "flagged"),
    [
        ("Dat zal waarschijnlijk aan uw router liggen, bij ons werkt alles prima.", True),
        ("Ik kan me haast niet voorstellen dat de monteur zomaar wegliep.", True),
        ("De bezorger heeft het adres slordig genoteerd, dat gebeurt vaker bij hem.", True),
        ("Die leverancier neemt het niet zo nauw met de afwerking.", True),
        ("Vanaf de overdracht ligt de verantwoordelijkheid volledig bij PostNL.", True),
        ("Had u dit bij het uitpakken meteen aan de bezorger kunnen melden?", True),
        ("Ach, de koeriers van tegenwoordig, sorry!", True),
        # near misses: owning it, or naming a party without a fault
        ("De verantwoordelijkheid ligt hier gewoon bij ons, excuses.", False),
        ("Ik heb de bezorger gevraagd morgen om 10:00 opnieuw langs te komen.", False),
    ],
)
def test_it_hears_blame_in_other_word_orders(draft: str, flagged: bool) -> None:
    assert ("R2" in rules(draft, Conversation(["Het werkt niet."], analysis=NO_SIGNAL))) is flagged


@pytest.mark.parametrize(
    ("draft", "flagged"),
    [
        ("Probeert u het straks nog eens. Met vriendelijke groet, Ilse", True),
        (
            "Ik raad u aan bij de vervoerder een claim in te dienen. Met vriendelijke groet, Ilse",
            True,
        ),
        ("Wij geven het door aan de juiste afdeling. Met vriendelijke groet, Ilse", True),
        ("Houd uw mail goed in de gaten. Met vriendelijke groet, Ilse", True),
        ("Zal ik een nieuwe voor u klaarzetten? Met vriendelijke groet, Ilse", False),
        ("U opent de mail en klikt op de link. Met vriendelijke groet, Ilse", False),
    ],
)
def test_it_wants_a_step_of_our_own(draft: str, flagged: bool) -> None:
    assert ("R5" in rules(draft, Conversation(["Het werkt niet."], analysis=NO_SIGNAL))) is flagged


@pytest.mark.parametrize(
    ("draft", "flagged"),
    [
        ("Ik zet het nu klaar, dan staat het morgen al op je rekening. Groet, Ilse", True),
        (
            "Stuur me de bon, dan maak ik morgen een creditnota, en storten we het verschil "
            "terug. Groet, Ilse",
            False,
        ),
        ("Ik heb het rechtgezet: het bedrag staat morgen op je rekening. Groet, Ilse", False),
    ],
)
def test_it_reads_the_refund_speed_in_its_own_clause(draft: str, flagged: bool) -> None:
    conversation = Conversation(["Waar blijft mijn geld?"], analysis=NO_SIGNAL)
    assert ("R5" in rules(draft, conversation, INFORMAL)) is flagged


@pytest.mark.parametrize("sign_off", ["x Sanne", "xx Sanne", "~ Sanne"])
def test_it_reads_the_name_after_kisses(sign_off: str) -> None:
    analysis = situation("frustration", 0.4, ("late_delivery",), ("needs_certainty",))
    draft = f"Hoi! Sorry voor het wachten. Je pakket komt morgen tussen 9:00 en 12:00. {sign_off}"
    assert "R6" not in rules(draft, Conversation(["Waar blijft het?"], analysis=analysis), INFORMAL)


@pytest.mark.parametrize(
    ("draft", "flagged"),
    [
        ("Excuses. De bestelling staat klaar en gaat morgen mee. Groet, Ilse", True),
        ("Wat akelig voor je, excuses. De bestelling gaat morgen mee. Groet, Ilse", False),
        ("Ik snap dat je ongerust bent. De bestelling gaat morgen mee. Groet, Ilse", False),
    ],
)
def test_it_hears_fear_named_as_a_feeling(draft: str, flagged: bool) -> None:
    analysis = situation("distress", 0.8, ("late_delivery",), ("needs_certainty",))
    conversation = Conversation(["Ik ben zo bang dat het niet op tijd is."], analysis=analysis)
    assert ("R9" in rules(draft, conversation, INFORMAL)) is flagged


def test_it_expands_word_groups_in_the_phrase_lists() -> None:
    from kalmte.analysis.coach.lexicon import _expand

    assert _expand("omdat %you% dreigt", {"you": "u|je"}) == "omdat (?:u|je) dreigt"
    with pytest.raises(ValueError, match="coach.patterns: unknown group %nobody%"):
        _expand("omdat %nobody% dreigt", {"you": "u|je"})


@pytest.mark.parametrize(
    ("signature", "named"),
    [
        ("Met vriendelijke groet,\nWonen&Zo", False),
        ("Groetjes, Snuffel & Co", False),
        ("Met vriendelijke groet, InktDirect", False),
        ("Met vriendelijke groet,\nStekkerwijs", False),
        ("Met vriendelijke groet,\nAtelier Linde", False),
        # a person, also beside the shop's name or with a surname that ends like a shop
        ("Groet, Rik van PrintPlaats", True),
        ("Met vriendelijke groet,\nMirjam Veldhuis\nKlantenservice", True),
        ("Met vriendelijke groet,\nEdwin\nBorduurstudio", True),
        ("Groet, Roland", True),
    ],
)
def test_it_tells_a_shop_signature_from_a_person(signature: str, named: bool) -> None:
    from kalmte.analysis.coach.core import has_name

    assert has_name("Wij sturen uw melding door naar de schadeafdeling. " + signature) is named


@pytest.mark.parametrize(
    ("draft", "flagged"),
    [
        ("Hoi! Sorry voor het wachten. Je laptop wordt morgen tussen 9 en 13 uur bezorgd.", True),
        (
            "Hoi! Ik snap dat je woest bent, sorry. Je laptop wordt morgen tussen 9 en 13 uur "
            "bezorgd.",
            False,
        ),
    ],
)
def test_a_curse_beside_anger_said_outright_still_wants_the_feeling_named(
    draft: str, flagged: bool
) -> None:
    customer = "wtf waarom is mijn laptop nog steeds niet binnen?? ik ben echt woest!!!"
    assert ("R9" in policy_rules(customer, draft, INFORMAL, gate=False)) is flagged


@pytest.mark.parametrize(
    ("draft", "shouted"),
    [
        (
            "Wat leuk om te horen, dankjewel!! Ik heb je abonnement voor juli gepauzeerd. Groet, Bas",
            False,
        ),
        ("Fijn!! Je abonnement staat voor juli op pauze. Groet, Bas", False),
        ("Ik heb het al gezegd!! Je abonnement staat op pauze. Groet, Bas", True),
        ("Dankjewel!!! Je abonnement staat op pauze. Groet, Bas", True),
    ],
)
def test_two_marks_after_thanks_are_warmth_not_shouting(draft: str, shouted: bool) -> None:
    customer = "Jullie koffie is top! Kan ik mijn abonnement in juli pauzeren?"
    assert ("R3" in policy_rules(customer, draft, INFORMAL, gate=False)) is shouted


def test_crying_named_back_is_the_feeling_acknowledged() -> None:
    customer = (
        "ik heb 2 maand zakgeld in die game key gestoken en hij werkt ni. ik zit hier te wenen 😭"
    )
    named = (
        "Hey, oei: twee maanden zakgeld en dan zo'n melding, geen wonder dat je zit te huilen. "
        "Hier is een nieuwe, werkende code: 7KXQ-P2MV-88RT. Groetjes, Kevin"
    )
    cold = "Hey, hier is een nieuwe, werkende code: 7KXQ-P2MV-88RT. Groetjes, Kevin"
    assert "R9" not in policy_rules(customer, named, INFORMAL, gate=False)
    assert "R9" in policy_rules(customer, cold, INFORMAL, gate=False)


def test_what_was_asked_for_attached_leaves_nothing_to_follow_up() -> None:
    customer = "Ik heb drie weken geleden om een factuur gevraagd en nog niets ontvangen."
    attached = (
        "Geachte heer Ramdin, excuses dat u zo lang hebt moeten wachten. U vindt hem in de "
        "bijlage, met de btw apart vermeld. Met vriendelijke groet, Bureauwinkel Sterk"
    )
    promised = (
        "Geachte heer Ramdin, excuses dat u zo lang hebt moeten wachten. De factuur wordt "
        "aangemaakt door de administratie. Met vriendelijke groet, Bureauwinkel Sterk"
    )
    assert "R6" not in policy_rules(customer, attached, FORMAL, gate=False)
    assert "R6" in policy_rules(customer, promised, FORMAL, gate=False)


@pytest.mark.parametrize(
    ("draft", "flagged"),
    [
        ("DHL is niet vooruit te branden tegenwoordig, sorry voor het wachten.", True),
        ("Sorry! Dat is de bezorger weer, die gooien er maar mee.", True),
        ("Pech gehad met de vervoerder. Ik stuur je een nieuwe.", True),
        ("Heb je de app wel bijgewerkt? Via de website kun je ook afrekenen.", True),
        ("Dan had u bij het afrekenen uw btw-nummer moeten invullen.", True),
        ("Heeft u het juiste adres ingevuld? Dat gaat vaak mis bij klanten.", True),
        # owning it, or the agent's own should-have
        ("Ik had u eerder moeten bellen, excuses.", False),
        ("Eigenlijk had u gisteren een mail moeten krijgen, dat is bij ons misgegaan.", False),
        ("De vervoerder heeft het pakket vandaag opgehaald.", False),
    ],
)
def test_it_hears_blame_of_partners_and_the_customer_in_more_words(
    draft: str, flagged: bool
) -> None:
    assert ("R2" in rules(draft, Conversation(["Het werkt niet."], analysis=NO_SIGNAL))) is flagged


@pytest.mark.parametrize(
    ("draft", "flagged"),
    [
        ("Dat staat er echt heel duidelijk hoor.", True),
        ("Let u nu even goed op: ga naar de registratiepagina.", True),
        ("Nee. Staat ook gewoon op de site dat hij uitverkocht is.", True),
        ("Wat een onzin, dat doen we natuurlijk niet expres.", True),
        ("De afmetingen staan gewoon op de productpagina, even goed lezen 😉", True),
        # the same facts told plainly, and a friendly wink
        ("De afmetingen staan op de productpagina: 40 bij 60 cm.", False),
        ("Veel plezier ermee 😉", False),
    ],
)
def test_it_hears_more_ways_of_talking_down(draft: str, flagged: bool) -> None:
    assert (
        "R3" in rules(draft, Conversation(["Hoe groot is hij?"], analysis=NO_SIGNAL))
    ) is flagged


@pytest.mark.parametrize(
    ("draft", "flagged"),
    [
        ("Als u zich als een kleuter gedraagt, krijgt u geen normaal gesprek.", True),
        ("Dom ben ik niet, maar lezen kunt u blijkbaar ook niet.", True),
        ("Schelden accepteren we niet. Uw pakket komt morgen tussen 9 en 12 uur.", False),
    ],
)
def test_it_hears_hitting_back_in_more_words(draft: str, flagged: bool) -> None:
    analysis = situation("anger", 0.8, ("late_delivery",), abuse=("insult",))
    conversation = Conversation(["Ben je nou zo dom? Waar is mijn pakket?"], analysis=analysis)
    assert ("R8" in rules(draft, conversation)) is flagged


def test_hitting_back_at_anger_said_outright_also_passes_the_feeling_by() -> None:
    analysis = situation("anger", 0.8, ("late_delivery",), abuse=("insult",))
    customer = "Ik ben WOEST, stelletje prutsers. Waar is mijn pakket?"
    draft = "Met zo'n grote bek kom je bij mij nergens. Je pakket komt morgen."
    found = rules(draft, Conversation([customer], analysis=analysis), INFORMAL)
    assert "R8" in found and "R9" in found


@pytest.mark.parametrize(
    ("draft", "flagged"),
    [
        ("Hoi, dat kan. Je abonnement staat vanaf 3 juli op 6 kg. Groet, Eva", True),
        ("Hoi, excuses voor het gedoe. Je abonnement staat vanaf 3 juli op 6 kg. Groet, Eva", True),
        (
            "Hoi, wat verdrietig dat jullie hond is overleden, gecondoleerd. Je abonnement staat "
            "vanaf 3 juli op 6 kg. Groet, Eva",
            False,
        ),
    ],
)
def test_a_death_told_calmly_wants_words_of_sympathy(draft: str, flagged: bool) -> None:
    analysis = situation("neutral", 0.1, ("other",))
    customer = "Hoi, kan mijn abonnement naar 6 kg? Onze hond is vorige week overleden."
    assert ("R9" in rules(draft, Conversation([customer], analysis=analysis), INFORMAL)) is flagged


def test_a_customer_who_says_it_is_no_bother_wants_the_answer_not_an_apology() -> None:
    analysis = situation("neutral", 0.1, ("late_delivery",), ("needs_certainty",))
    customer = "Mijn pakket is nog niet binnen maar het is pas dag 2, dus geen stress hoor. Klopt mijn adres?"
    draft = "Hoi! Ja, het gaat naar Kastanjelaan 14. Het is gisteren verstuurd en komt morgen."
    assert "R4" not in rules(draft, Conversation([customer], analysis=analysis), INFORMAL)


def test_a_point_inside_a_shop_name_ends_no_sentence() -> None:
    analysis = situation("anger", 0.7, ("return_refund",))
    draft = "Het spijt me. Ik stort het bedrag terug.\n\nSportief.nl"
    found = coach(
        draft, Conversation(["Waar is mijn geld?"], analysis=analysis), FORMAL, gate=False
    )
    assert all(f.text != "nl" for f in found)
