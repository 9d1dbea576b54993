"""The reply coach: check an agent's draft against playbook rules R1–R10."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from kalmte.analysis.coach.gate import kept
from kalmte.analysis.coach.lexicon import patterns
from kalmte.analysis.coach.register import convert_register
from kalmte.analysis.coach.sentences import LEARNED, flagged
from kalmte.analysis.coach.types import Conversation, Finding, check_policy

MAX_DRAFT_CHARS = 20_000
REPEAT_SIMILARITY = 0.6
STRONG_EMOTIONS = {"anger", "distress", "frustration"}
STRONG_INTENSITY = 0.55
REPORTED_PROBLEMS = {
    "late_delivery",
    "damaged_or_defective",
    "wrong_item",
    "payment_checkout",
    "invoice_billing",
    "website_error",
    "missed_callback",
    "staff_complaint",
    "promo_code",
}
SURE_PROBLEM = 0.9  # the analysis's confidence in a problem read from a plain cue
_REPORTED_FAULTS = frozenset(
    {"late_delivery", "damaged_or_defective", "wrong_item", "payment_checkout", "missed_callback"}
)
# what a customer can misread, and a fact can settle: a code's minimum, a line on the invoice,
# the return window
_EXPLAINED = frozenset(
    {"promo_code", "invoice_billing", "return_refund", "cancellation", "product_question"}
)
SIDE_PROBLEMS = {"other", "staff_complaint", "out_of_stock"}
NEGATIVE_EMOTIONS = {"anger", "distress", "frustration", "disappointment"}

_TOKEN = re.compile(r"\w+", re.UNICODE)
# a sentence; the point in "9.00 uur", "€ 1.200", "2.5" and "Sportief.nl" does not end one
_SENTENCE = re.compile(r"(?:[^.!?\n]|\.(?=\w))+[.!?]*")
_ACRONYMS = frozenset(
    {"IBAN", "BTW", "PDF", "POSTNL", "BPOST", "IDEAL", "KVK", "SEPA", "HTML", "EAN", "FAQ"}
    | {"EPDM", "HDMI", "WIFI", "NVWA", "ACM", "IKEA", "LEGO", "ASML", "HEMA", "SNS", "ABN", "AMRO"}
)
_MONEY = re.compile(
    r"geld|rekening|betal|overboek|overgemaakt|afschrij|afgeschreven|incasso|stort|bedrag|pinpas"
    r"|iban|€|euro|creditcard|transactie",
    re.I,
)
_CAPS_WORD = re.compile(r"\b[A-ZÀ-Þ]{4,}\b")
_CAPS_SHORT = re.compile(r"\b(?:JA|NEE|WEL|NU|NOU|OOK)\b")
# thanks or joy before two exclamation marks: warmth, not shouting
_WARM = ("dankjewel", "bedankt", "leuk", "fijn", "top", "super", "geweldig", "heerlijk")
_SHOUT = re.compile(
    r"\b[A-ZÀ-Þ]{3,}\b(?:[\s,]+\b[A-ZÀ-Þ]{2,}\b)+|!{3,}|"
    + "".join(f"(?<!(?i:{word}))" for word in _WARM)
    + "!!(?!!)"
    # capitals around a number: "OP 14 MEI", "VOOR 12 UUR"
    r"|\b[A-ZÀ-Þ]{2,}\s+\d+\s+[A-ZÀ-Þ]{3,}\b"
)
# not the diminutive in "sms'je"
_INFORMAL = re.compile(r"(?<![\w'’])(je|jij|jou|jouw|jezelf|ge|gij|zijt)(?!\w)", re.IGNORECASE)
# not the hour in Flemish times ("om 10.30 u")
_FORMAL = re.compile(r"(?<!\w)(?<!\d\s)(u|uw|uzelf)(?!\w)", re.IGNORECASE)
# "je" for anyone: "vervelend als je halverwege vastloopt", "zo weet je zeker dat ..."
_GENERIC_JE = re.compile(
    r"(?<!\w)(vervelend|zuur|balen|lastig|frustrerend|naar|rot|jammer|begrijpelijk|logisch|"
    r"herkenbaar|schrikken|fijn)( is het)? (als|wanneer|dat) je(?!\w)",
    re.IGNORECASE,
)
_AMOUNT = re.compile(r"(?:€|eur[o]?)\s?(\d+(?:[.,]\d+)?)|(\d+(?:[.,]\d+)?)\s?(?:euro|eur)\b", re.I)
_DAYS = re.compile(
    r"(?:binnen|na|over)?\s*(?:de\s+)?(\d+)(?:\s*(?:tot|-|à)\s*(\d+))?\s*(werk)?dag(?:en)?", re.I
)
# a number of days, weeks, months or years, in digits or in words ("drie weken")
_N = r"(\d+|een|één|anderhalve|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf)"
_UNIT = r"(dag|dagen|week|weken|maand|maanden|jaar)"
_AGE = re.compile(rf"{_N}\s+{_UNIT}\s+(?:geleden|terug)", re.I)
_OWNED = re.compile(
    rf"\b(?:heb|hebben|heeft)\s+(?:\w+\s+){{0,2}}(?:nu\s+|al\s+)+{_N}\s+{_UNIT}\b", re.I
)
_WINDOW = re.compile(
    rf"\b(?:hebt|heeft|heb|krijgt|krijg)\s+(?:\w+\s+){{0,2}}{_N}\s+{_UNIT}\b[^.!?]{{0,40}}"
    r"\b(?:terug te sturen|te retourneren|te ruilen|retour te sturen|bedenktijd)"
    # "je mag de jas tot 60 dagen na ontvangst terugsturen"
    rf"|\b(?:tot|binnen)\s+{_N}\s+{_UNIT}\b[^.!?,;]{{0,30}}\b(?:terugsturen|terug sturen|retourneren|ruilen|omruilen)\b"
    rf"|\b(?:retourtermijn|bedenktijd|ruiltermijn)\s+(?:is|van|bedraagt)\s+(?:\w+\s+)?{_N}\s+{_UNIT}\b",
    re.I,
)
_OVERDUE = re.compile(
    r"\bnog (steeds|altijd) (niet|geen|niks|niets)\b[^.!?]{0,40}"
    r"\b(terugbetaald|teruggestort|terug(gekregen)?|geld|terugbetaling|ontvangen)",
    re.I,
)
# how long the customer has waited for their money: "ik wacht nu vijf weken op mijn geld"
_WAITED = re.compile(
    rf"\bwacht\w*\s+(?:nu\s+|al\s+|inmiddels\s+)*{_N}\s+{_UNIT}\s+op\s+(?:mijn|m'n|mn|het|ons|de)\s+"
    r"(?:geld|terugbetaling|bedrag|restitutie|retourgeld)",
    re.I,
)
_NUMBERS = {
    "een": 1,
    "één": 1,
    "anderhalve": 1.5,
    "twee": 2,
    "drie": 3,
    "vier": 4,
    "vijf": 5,
    "zes": 6,
    "zeven": 7,
    "acht": 8,
    "negen": 9,
    "tien": 10,
    "elf": 11,
    "twaalf": 12,
}
_UNIT_DAYS = {"dag": 1, "dagen": 1, "week": 7, "weken": 7, "maand": 30, "maanden": 30, "jaar": 365}


def _days(number: str, unit: str) -> float:
    """ "drie weken" → 21.0"""
    word = number.lower()
    return (float(word) if word.isdigit() else _NUMBERS.get(word, 0)) * _UNIT_DAYS[unit.lower()]


_DELIVERY_TALK = re.compile(
    # "binnen 2 dagen bel ik voor een bezorgafspraak" dates the call, not the delivery
    r"(in huis|bezorg(?!dienst|er|afspraak|moment|datum)|geleverd|lever(?!afspraak|moment|datum)|\ber\b.{0,12}\bis\b|er morgen|bij (u|je|jou) (op de mat|thuis|binnen)"
    r"|op (de|uw|je) (mat|stoep)|(staat|staan|ligt|liggen) (\w+ ){0,2}bij (u|je|jou)\b"
    r"|bij (u|je|jou) (is|zijn|staat|staan|ligt|liggen)\b"
    r"|(heb|hebt|heeft) (je|u|ge) (hem|het|ze|die|dat)\b|\b(die|dat|hem|ze) (heb|hebt|heeft) (je|u|ge)\b"
    r"|(bij|naar) (u|je|jou) (\w+ )?(gebracht|gebrachd|thuisgebracht)|komt .{0,20}brengen"
    # "wij zorgen ervoor dat de pralines morgen in Gent zijn"
    r"|(zorg|zorgen|zorgt) (ik |we |wij )?(ervoor |er voor )?dat [^,;:]{0,40}\b(zijn|is|aankomt|aankomen)\b)",
    re.I,
)
_NOT_THEN = re.compile(r"\s+(\w+\s+)?(niet|nog niet)\b", re.IGNORECASE)
_DISPATCH = re.compile(
    r"\b(vertrekt|vertrekken|verzenden|versturen|wordt verzonden|wordt verstuurd|gaat|gaan|"
    r"ingepakt|opgehaald)\s+(\w+\s+){0,2}$",
    re.IGNORECASE,
)
# a call, a message or a pick-up just before or after the day: "bel ik u morgen", "haalt de
# planten morgen op", "binnen twee werkdagen daarna belt de vervoerder u"
_CALL_BEFORE = re.compile(
    r"\b(bel|belt|bellen|mail|mailt|mailen|app|appt|sms|haal|haalt|halen|controleer|check|kijk"
    # "onze monteur komt morgen": a visit, not a delivery
    r"|monteur|technicus|installateur)"
    r"\s+(\w+\s+){0,3}$",
    re.I,
)
_CALL_AFTER = re.compile(
    r"[,\s]*(\w+\s+){0,2}(bel|belt|bellen|mail|mailt|mailen|app|appt|neemt|nemen)\b", re.I
)
# the parcel has left (anywhere in the draft)
_SHIPPED = re.compile(
    r"\b((is|zijn|werd|werden) ((al|gisteren|vanochtend|vanmiddag|vandaag|eergisteren|zojuist|net|vorige week) )*(met \w+ )?(verzonden|verstuurd)"
    r"|(ligt|liggen|staat|staan) (\w+ ){0,3}(bij|in) (het |de )?([\w]+-)?(depot|sorteercentrum|distributiecentrum)"
    r"|(in|met) (de|een) (\w+ )?rit|(op|in) de bezorgroute|onderweg"
    r"|(is|zijn) (\w+ ){0,2}(al |gisteren |vanochtend |eergisteren |ondertussen |inmiddels |zojuist |net )vertrokken)\b",
    re.IGNORECASE,
)
# a bank's hold on money that was never taken: "die reservering vervalt vanzelf"
_RESERVED = re.compile(
    r"\b((je|uw|de) bank (zet|stort|boekt|geeft)|gereserveerd|reservering|(komt|komen|staat|staan) (\w+ ){0,3}vrij)\b",
    re.I,
)
_NEXT_DAY = re.compile(r"\b(morgen\w*|vandaag nog|(de )?volgende (werk)?dag|binnen 24 uur)\b", re.I)
# "binnen drie werkdagen", not a range and not the date of a call ("neemt binnen drie
# werkdagen contact met u op")
_WITHIN_DAYS = re.compile(
    rf"\b(?:binnen|in|over)\s+{_N}\s+(?:werk)?dag(?:en)?\b(?!\s*(?:tot|-|à|of)\b)"
    r"(?![^.,;]{0,30}\b(contact|bel|belt|bellen|mail\w*|bericht|afspraak|weten|terug)\b)",
    re.I,
)
_TWO_DAYS = re.compile(r"\b(overmorgen|binnen (twee|2) (werk)?dagen|binnen 48 uur)\b", re.I)
_UNDERWAY = re.compile(
    r"\b((is|zijn|werd|werden) ((al|gisteren|vanochtend|vanmiddag|vandaag|eergisteren|zojuist|net) )*(met \w+ )?(verzonden|verstuurd)"
    # the carrier's own forecast for a parcel it has: "volgens DPD wordt uw doos morgen bezorgd"
    r"|volgens (\w+ ){0,2}(postnl|dhl|dpd|gls|ups|bpost|vervoerder|bezorger|koerier|transporteur)"
    # the carrier plans it: "DHL heeft je pakketje opgehaald en bezorgt het morgen"
    r"|(postnl|dhl|dpd|gls|ups|bpost) (\w+ ){0,2}(heeft|bezorgt|levert|brengt|plant)"
    r"|de deur uit|op de post|(is|zijn|staat|staan|werd) (\w+ ){0,3}(in)?gepland|onderweg|depot|sorteercentrum"
    r"|distributiecentrum|afhaalpunt|pakketpunt|track|scan|ophalen|afhalen|ligt klaar"
    r"|(ligt|liggen|zit|zitten) (al )?(bij|in) (de )?(bezorger|bus|koerier|postnl|dhl|dpd|gls|ups|bpost)"
    r"|(gaat|gaan|vertrekt|vertrekken) (\w+ ){0,3}(weg|naar (u|je|jou) toe)"
    r"|(lukt|kan|gaat|haalt|halen) (\w+ )?(helaas |dus |echt )?niet|niet (mogelijk|haalbaar)"
    # picked up, sorted or announced at the carrier: "om 15:00 uur opgehaald", "volgens hen"
    r"|opgehaald|aangemeld bij|alsnog (\w+ )?(bezorgd|geleverd)|verkeerd gesorteerd|volgens (hen|hun)"
    # the dispatch mail, or a check on the delivery: "de verzendmail die u morgen ontvangt",
    # "morgen kijk ik na of hij is afgeleverd"
    r"|verzendmail|verzendbevestiging|(kijk|kijken|check|controleer) (ik|we|wij) (\w+ ){0,2}(na )?of)\b",
    re.I,
)
_SIGN_OFF = re.compile(
    r"(?:groet(?:en|jes)?|groeten|mvg|tot (?:dan|morgen)|hartelijke groet)[,!.]?\s+"
    r"([A-ZÀ-Þ][\w'-]+(?:\s+[\w'-]+){0,3})\s*\.?\s*$",
    re.IGNORECASE,
)
_LOOSE_SIGN_OFF = re.compile(
    r"(?:^|[.!?]\s+)[A-ZÀ-Þa-z][\w ]{0,40},\s+([A-ZÀ-Þ][\w'-]+(?:\s+[\w'-]+){0,3})\s*\.?\s*$"
)
_CLOSING = re.compile(
    r"(?:(?:met\s+)?(?:vriendelijke|hartelijke|warme|zonnige|lieve|sportieve|beste|veel|fijne)\s+)?"
    r"(?<!\w)(?:groet(?:en|jes)?|mvg|m\.v\.g\.|gr\.|tot (?:dan|morgen|snel|ziens)|namens|liefs|"
    r"hoogachtend|(?:met\s+)?(?:de\s+meeste\s+)?hoogachting|"
    r"cheers|doei|fijne (?:dag|avond|middag|week|weekend))\b[,!.:]?",
    re.IGNORECASE,
)
_DASH_NAME = re.compile(
    # "~ Lotte", "- Daan", or kisses before the name: "x Sanne", "xx Fleur"
    r"(?:^|[.!?\s])(?:[~–—-]|x{1,3}(?=\s))\s*([A-ZÀ-Þ][\w'-]+(?:\s+[\w'-]+){0,3})\s*\.?\s*$"
)
_SIGNATURE_SPLIT = re.compile(
    r"\n|\||,|\(|\s[–—-]\s|/|\s(?:van|namens)\s+(?:het\s+|de\s+)?(?:team|klantenservice)\b", re.I
)
_NAME_LINE = re.compile(
    # "Ilse de Vries", "P. de Groot", "J.W. Bakker"
    r"(?:[A-ZÀ-Þ]\.\s?)*[A-ZÀ-Þ][\w'-]+(?:\s+(?:[A-ZÀ-Þ][\w'-]+|van|de|der|den|het|ter|ten|in|'t)){0,4}"
    r"|(?:[A-ZÀ-Þ]\.\s?)+(?:(?:van|de|der|den|ter|ten)\s+)*[A-ZÀ-Þ][\w'-]+"
)
_FEEDBACK = re.compile(
    r"[^.!?\n]*\b(?:doorgegeven|doorgestuurd|doorgeven|geef (?:\w+ ){0,3}door|gemeld)\b[^.!?\n]*"
    r"\b(?:voortaan|in de toekomst|zodat (?:zij|ze|we|wij|onze|de|het|dit|dat)|om (?:\w+ ){0,5}te verbeteren)"
    r"[^.!?\n]*[.!?]?",
    re.IGNORECASE,
)
_CHAT_INTRO = re.compile(r"(?i:\b(?:je|u)\s+spreekt\s+met|\bmijn\s+naam\s+is)\s+[A-ZÀ-Þ]")
_INTRODUCED = re.compile(rf"(?i:\bik\s+ben)\s+[A-ZÀ-Þ]|{_CHAT_INTRO.pattern}")
_AFTER_COMMA_LINE = re.compile(r",[ \t]*\n\s*((?:[^\n]+\n?){1,3})$")  # the lines under "…gewenst,"
_NOT_NAME_CHARS = re.compile(r"[^\w\s'.,!~–—-]+")  # emoji after the name: "Lara 🧩"
# a shop signing, not a person: "Wonen&Zo", "Snuffel & Co", "InktDirect", "Fietsvak.nl"
_SHOP_SIGNATURE = re.compile(r"&|[a-zà-ÿ][A-Z]|\.(?:nl|be|com|eu)\b")
_JOINED_BY_AMPERSAND = re.compile(r"\s*\S+\s*&")  # "Snuffel & Co"


def _shop_signature(line: str) -> bool:
    """Whether a signature line begins with a shop's name rather than a person's ("Rik van
    PrintPlaats" is Rik; "Snuffel & Co", "InktDirect", "Modehuis Linde" are shops)."""
    words = line.split()
    return bool(
        words
        and (
            _SHOP_SIGNATURE.search(words[0])
            or _JOINED_BY_AMPERSAND.match(line)
            or patterns()["shop_word"].fullmatch(words[0])
        )
    )


_QUOTED = re.compile(r"'[^'\n]{1,60}'|\"[^\"\n]{1,60}\"|‘[^’\n]{1,60}’|“[^”\n]{1,60}”")
_DURATION = re.compile(
    r"(?:\d+|een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|veertien)\s+"
    r"(?:werk)?(?:dag|dagen|week|weken|maand|maanden|jaar|uur)\b",
    re.IGNORECASE,
)
_BARE_NAME = re.compile(r"[.!?]\s+([A-ZÀ-Þ][a-zà-ÿ'-]+(?:\s+[A-ZÀ-Þ][a-zà-ÿ'-]+)?)\s*\.?\s*$")


# The explanation a rule gives; R1 and R10 word each of their causes on the spot.
EXPLANATIONS = {
    "R2": "Hier wordt de schuld bij een ander gelegd. Leg uit wat er gebeurde en neem zelf de "
    "verantwoordelijkheid voor de oplossing.",
    "R3": "Deze toon komt neerbuigend, geïrriteerd of onderdanig over. Blijf rustig, zakelijk en "
    "vriendelijk.",
    "R4": "De klant meldt een probleem, maar dit antwoord erkent het niet. Begin met een excuus of "
    "erkenning.",
    "R5": "De klant weet na dit antwoord niet wat er nu gebeurt. Noem een concrete volgende stap.",
    "R6": "Het probleem is nog niet opgelost en de klant weet niet wie het oppakt. "
    "Beloof persoonlijke opvolging en zet je naam eronder.",
    "R7": "De klant zoekt zekerheid. Geef een feit, een datum of een toezegging in plaats van een "
    "vage belofte.",
    "R8": "Reageer niet op dezelfde toon en geef niet toe onder druk. Blijf rustig, trek een "
    "duidelijke grens en bied een redelijk alternatief.",
    "R9": "De klant is erg geëmotioneerd. Benoem eerst het gevoel voordat je de oplossing geeft.",
}
ACKNOWLEDGE = "Het spijt me dat dit is misgegaan."
FEEL = "Ik begrijp goed dat dit je raakt."
FOLLOW_UP = " Ik houd het zelf in de gaten en laat je uiterlijk morgen iets weten."


@dataclass(frozen=True, slots=True)
class _Situation:
    emotion: str
    intensity: float
    problems: frozenset[str]
    flags: frozenset[str]
    abuse: frozenset[str]
    pressure: frozenset[str]
    text: str
    # problems read from a plain cue ("lekt", "laadt niet", "te klein"), not guessed from the
    # tone of the whole message: only these make a calm question a report of a fault
    sure_problems: frozenset[str] = frozenset()


def _situation(conversation: Conversation) -> _Situation:
    text = conversation.customer_messages[-1] if conversation.customer_messages else ""
    data: Any = conversation.analysis
    if data is None and text.strip():
        from kalmte.analysis import analyze

        data = analyze(text, list(conversation.customer_messages[:-1]) or None)
    if data is None:
        return _Situation("neutral", 0.0, frozenset(), frozenset(), frozenset(), frozenset(), text)
    if not isinstance(data, Mapping):
        data = data.to_dict()
    emotion = data.get("emotion") or {}
    pressure = frozenset(p["kind"] for p in data.get("pressure", []))
    if not pressure and patterns()["customer_pressure"].search(text):
        pressure = frozenset({"pressure"})  # "anders schrijf ik een review", "dan bel ik Kassa"
    return _Situation(
        emotion=str(emotion.get("label", "neutral")),
        intensity=float(emotion.get("intensity", 0.0)),
        problems=frozenset(p["label"] for p in data.get("problems", [])),
        flags=frozenset(f["label"] for f in data.get("flags", [])),
        abuse=frozenset(a["kind"] for a in data.get("abuse", [])),
        pressure=pressure,
        text=text,
        sure_problems=frozenset(
            p["label"] for p in data.get("problems", []) if p.get("score", 1.0) >= SURE_PROBLEM
        ),
    )


def _tokens(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text)]


def similarity(a: str, b: str) -> float:
    """Share of word bigrams the draft has in common with an earlier message."""
    ta, tb = _tokens(a), _tokens(b)
    if len(ta) < 4 or len(tb) < 4:
        return 0.0
    ga = {tuple(ta[i : i + 2]) for i in range(len(ta) - 1)}
    gb = {tuple(tb[i : i + 2]) for i in range(len(tb) - 1)}
    # of the shorter text, so a copy with a line added still counts; but a long new answer
    # that takes up a one-line earlier message is no repeat
    shared = len(ga & gb)
    return shared / min(len(ga), len(gb)) if shared >= len(ga) / 4 else shared / len(ga)


@lru_cache(maxsize=64)
def _sentences(draft: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence, surrounding space left off; worked out once per text
    (every rule walks the same draft)."""
    spans = []
    for m in _SENTENCE.finditer(draft):
        text = m.group()
        lead = len(text) - len(text.lstrip())
        start, end = m.start() + lead, m.end()
        while end > start and draft[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return tuple(spans) or ((0, len(draft)),)


sentence_spans = _sentences  # the same sentences for the learned sentence reader's training


def _body_span(draft: str) -> tuple[int, int]:
    """The first sentence after a greeting such as "Beste mevrouw Jansen,"."""
    spans = _sentences(draft)
    # a greeting on a line of its own ("Beste heer Smits,\n\nDank u ..."): the next line
    if len(spans) > 1 and draft[spans[0][0] : spans[0][1]].rstrip().endswith(","):
        spans = spans[1:]
    start, end = spans[0]
    comma = draft.find(",", start, end)
    if 0 < comma - start < 40 and re.match(
        r"\s*(beste|hoi|hallo|hey|hé|dag|geachte|goede\w+)\b", draft[start:end], re.I
    ):
        start = comma + 1
        while start < end and draft[start].isspace():
            start += 1
    return start, end


def _shouted_word(draft: str) -> re.Match[str] | None:
    """One word in capitals for emphasis ("NIET", "JA hoor"), acronyms aside."""
    unquoted = _QUOTED.sub(lambda q: " " * len(q.group()), draft)
    for m in _CAPS_WORD.finditer(unquoted):
        # part of a code: "BF-VERLENGD", "ZOMER15", "SORRY-25"
        before = unquoted[max(0, m.start() - 2) : m.start()]
        after = unquoted[m.end() : m.end() + 2]
        # "NL91 ABNA 0417 ..." (an IBAN) as much as "BF-VERLENGD"
        code = (
            before.endswith("-")
            or after[:1] == "-"
            or after[:1].isdigit()
            or (before.endswith(" ") and before[:1].isdigit())
            or (after.startswith(" ") and after[1:].isdigit())
        )
        if m.group() not in _ACRONYMS and not code:
            return m
    return _CAPS_SHORT.search(unquoted)


_OWN = re.compile(r"\b(?:ons|onze|mijn|eigen)\s+$", re.IGNORECASE)
_OWN_THING = re.compile(r"systeem|systemen|rooster|software|website|site|kant", re.IGNORECASE)


_WARRANTY = re.compile(r"garantie|reparatie|repareren|defect|kapot|vervang", re.IGNORECASE)
# what was missing or went wrong, sent again: it travels free whatever the order total
_SENT_AGAIN = re.compile(
    r"nasturen|nagestuurd|nalevering|ontbr[ae]k|alsnog (\w+ ){0,3}(verstuurd|verzonden|gestuurd)|"
    r"opnieuw (\w+ ){0,3}(verstuurd|verzonden|versturen|verzenden|sturen|bezorgd|bezorgen)|"
    r"(stuur|sturen|verstuur|versturen|verzenden) (\w+ ){0,5}opnieuw",
    re.IGNORECASE,
)
_REPLACED = frozenset({"damaged_or_defective", "wrong_item"})
# shipping costs paid back on an order that went wrong ("als klein excuus stort ik de
# verzendkosten terug"): amends for the fault, not free shipping under the threshold
_SHIPPING_REFUND = re.compile(r"terug|vergoed", re.IGNORECASE)
_REPLACEMENT = re.compile(r"\b(nieuwe?|vervangende|vervangend|vervanging|opnieuw)\b", re.I)
_MINE = re.compile(r"(?<!niet )\b(mijn|onze) (eigen )?(fout|schuld|vergissing)\b", re.IGNORECASE)
_SELF = re.compile(r"\b(heb ik|ik heb|ik had|had ik|hebben we|we hebben|wij hebben)\b", re.I)


def _blame(draft: str) -> re.Match[str] | None:
    """A blame phrase, unless the agent says it of themselves ("sorry, dat heb ik verprutst",
    "ik had je even moeten berichten")."""
    p = patterns()
    for m in p["r2_blame"].finditer(draft):
        start = max((c.end() for c in _CLAUSE_END.finditer(draft, 0, m.start())), default=0)
        sentence = next((a, b) for a, b in _sentences(draft) if a <= m.start() < b)
        if _SELF.search(draft, start, min(m.end(), m.start() + 4)) or _MINE.search(
            draft, *sentence
        ):  # "ik had je even moeten berichten", "dat is mijn fout"
            continue
        return m
    return None


def _third_party_blame(draft: str) -> re.Match[str] | None:
    """A sentence that names a third party together with a fault cue."""
    p = patterns()
    for start, end in _sentences(draft):
        owned = p["own_fault"].search(draft, start, end)
        if owned or not p["fault"].search(draft, start, end):
            continue
        for party in p["third_party"].finditer(draft, start, end):
            # "een fout in ons systeem": the shop owning it (a colleague or a department
            # blamed with "onze" is still blamed)
            if _OWN_THING.fullmatch(party.group()) and _OWN.search(
                draft, max(start, party.start() - 8), party.start()
            ):
                continue
            # "bank" is a sofa as often as a bank: a bank only where money is talked about
            if party.group().lower().endswith("bank") and not _MONEY.search(draft, start, end):
                continue
            return party
    return None


def _counter_abuse(draft: str, customer: str) -> re.Match[str] | None:
    """An abusive word in the draft that the customer did not use first."""
    from kalmte.analysis.components.abuse import is_abusive_word

    said = {w.lower() for w in _TOKEN.findall(customer)}
    for m in _TOKEN.finditer(draft):
        word = m.group().lower()
        if len(word) <= 2 or not is_abusive_word(word):
            continue
        # the customer's own insult thrown back as a question: "Maar klojo's?"
        if word not in said or draft[m.end() :].lstrip("'’s ").startswith("?"):
            return m
    return None


_REFUSAL = re.compile(r"\b(niet|geen|nooit)\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[,.;:!?]")


def _granted(pattern: re.Pattern[str], draft: str) -> re.Match[str] | None:
    """A match of ``pattern`` in a clause that grants it: "20% korting kan ik niet geven"
    refuses the discount."""
    for m in pattern.finditer(draft):
        start = max((c.end() for c in _CLAUSE_END.finditer(draft, 0, m.start())), default=0)
        end = _CLAUSE_END.search(draft, m.end())
        if not _REFUSAL.search(draft, start, end.start() if end else len(draft)):
            return m
    return None


_DEMAND = re.compile(
    r"(?:€\s?(\d+)(?:[.,]\d+)?|(\d+)(?:[.,]\d+)?\s?(?:%|procent|euro\b))"
    r"(?=[^.!?]{0,25}\b(?:korting|compensatie|extra|vergoeding|schadevergoeding|tegoed|"
    r"waardebon|cadeaubon|coulance)\b)"
    r"|\b(?:korting|compensatie|vergoeding|schadevergoeding|tegoed|waardebon)\s+van\s+"
    r"(?:€\s?(\d+)|(\d+)\s?(?:%|procent|euro\b))",
    re.IGNORECASE,
)


def _demand_met(draft: str, customer: str) -> re.Match[str] | None:
    """The compensation the customer demanded ("30% korting", "€ 50 compensatie", "10 euro
    extra") granted to the figure, in a clause that does not refuse it."""
    asked = {n for m in _DEMAND.finditer(customer) for n in m.groups() if n}
    if not asked:
        return None
    figures = "|".join(sorted(asked, key=len, reverse=True))
    pattern = re.compile(
        rf"(?:€\s?(?:{figures})(?![\d,.]\d)|(?<![\d,.])(?:{figures})\s?(?:%|procent|euro\b))",
        re.IGNORECASE,
    )
    return _granted(pattern, draft)


def _has_next_step(draft: str) -> bool:
    """A sentence with a concrete step: not sending the customer elsewhere, not a vague
    "we laten het weten" without a day or time, not a reproach."""
    p = patterns()
    # giving in ("u krijgt het gratis, als u ...") is no step either
    masked = _mask(
        draft,
        p["deflect"],
        p["no_step"],
        p["r2_blame"],
        p["counter"],
        p["r3_tone"],
        p["capitulate_always"],
    )
    for start, end in _sentences(masked):
        sentence = masked[start:end]
        if not p["next_step"].search(sentence):
            continue
        if p["vague"].search(sentence) and not p["time_anchor"].search(sentence):
            continue
        return True
    return False


def _mask(text: str, *masks: re.Pattern[str]) -> str:
    """``text`` with the matches of ``masks`` blanked out (offsets kept)."""
    for mask in masks:
        text = mask.sub(lambda m: " " * len(m.group()), text)
    return text


def _prepend(draft: str, span: tuple[int, int], sentence: str) -> str:
    """``sentence`` placed before the span's text, capitals fixed after a greeting."""
    rest = draft[span[0] : span[1]]
    after_greeting = span[0] > 0 and draft[: span[0]].rstrip().endswith(",")
    if after_greeting:
        sentence = sentence[0].lower() + sentence[1:]
    if rest[:1].islower():
        rest = rest[0].upper() + rest[1:]
    return f"{sentence} {rest}"


def _closing_name(draft: str) -> str | None:
    """The name under a closing formula, with a role or team line after it left off:
    "Met vriendelijke groet,\nIlse de Vries\nKlantenservice", "Groet, Daan (team X)",
    "Wendy | Klantenservice", "Sandra Kok, klantenservice", "~ Lotte"."""
    tail = draft[-200:]
    closings = list(_CLOSING.finditer(tail))
    closing = closings[-1] if closings else None
    if closing is not None:
        rest = tail[closing.end() :]
    elif m := _DASH_NAME.search(tail):
        rest = m.group(1)
    else:
        return None
    if (m := _AFTER_COMMA_LINE.search(rest)) and not _NAME_LINE.fullmatch(rest.strip(" \t\n,")):
        rest = m.group(1)  # "Veel liefs en zoveel mogelijk slaap gewenst,\nRoos"
    for raw in _SIGNATURE_SPLIT.split(rest):
        piece = _NOT_NAME_CHARS.sub(" ", raw).strip(" \t.,!~–—-")
        if not piece:
            continue
        if (
            _NAME_LINE.fullmatch(piece)
            and not patterns()["signoff_skip"].search(piece)
            and not _shop_signature(raw)
        ):
            return piece
        return None
    return None


def has_name(draft: str) -> bool:
    if _closing_name(draft):
        return True
    m = _SIGN_OFF.search(draft) or _LOOSE_SIGN_OFF.search(draft) or _BARE_NAME.search(draft)
    if not m:
        # "Hoi, je spreekt met Sanne!" introduces the agent as plainly as a signature
        return bool(
            _CHAT_INTRO.search(draft)
            or (patterns()["follow_up"].search(draft) and _INTRODUCED.search(draft))
        )
    name = m.group(1)
    return not (patterns()["signoff_skip"].search(name) or _shop_signature(name))


def draft_register(draft: str) -> str:
    informal = bool(_INFORMAL.search(draft))
    formal = bool(_FORMAL.search(draft))
    if informal and formal:
        said = [m.group() for m in _INFORMAL.finditer(draft)]
        if all(w.lower() == "je" for w in said) and len(_GENERIC_JE.findall(draft)) == len(said):
            return "formal"  # u throughout, and "je" only for anyone
        flemish = {m.lower() for m in _INFORMAL.findall(draft)} <= {"ge", "gij", "zijt"}
        if flemish and {m.lower() for m in _FORMAL.findall(draft)} <= {"u", "uw", "uzelf"}:
            return "informal"  # Flemish "ge ... u ... uw" is one register
        return "mixed"
    return "informal" if informal else "formal" if formal else "unknown"


class _Builder:
    def __init__(self, draft: str, register: str) -> None:
        self.draft = draft
        self.register = register
        self.findings: list[Finding] = []
        self.rules: set[str] = set()

    def add(self, rule: str, start: int, end: int, explanation: str, suggestion: str) -> None:
        if rule in self.rules:
            return
        self.rules.add(rule)
        if self.register in ("formal", "informal") and suggestion:
            suggestion = convert_register(suggestion, self.register)
        self.findings.append(
            Finding(rule, start, end, self.draft[start:end], explanation, suggestion)
        )


def _first(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    return pattern.search(text)


def coach(
    draft: str,
    conversation: Conversation | Mapping[str, Any] | None = None,
    policy: Mapping[str, Any] | None = None,
    *,
    gate: bool = True,
) -> list[Finding]:
    """Check ``draft`` against R1–R10 in the context of ``conversation`` and ``policy``.

    ``gate=False`` returns what the phrase rules find, before the learned gate
    (:mod:`kalmte.analysis.coach.gate`) weighs it and the learned sentence reader
    (:mod:`kalmte.analysis.coach.sentences`) adds to it."""
    if not isinstance(draft, str):
        raise TypeError(f"draft must be a str, not {type(draft).__name__}")
    if len(draft) > MAX_DRAFT_CHARS:
        raise ValueError(
            f"draft is {len(draft)} characters; at most {MAX_DRAFT_CHARS} can be coached"
        )
    conversation = _as_conversation(conversation)
    policy = check_policy(policy)
    if not draft.strip():
        return []
    p = patterns()
    situation = _situation(conversation)
    shop_register = policy.get("register")  # formal, informal or None (check_policy)
    out = _Builder(draft, shop_register or _fallback_register(draft))
    body = _body_span(draft)
    last = _sentences(draft)[-1]

    # R1: "zoals ik al zei", or a near-verbatim repeat of an earlier agent message
    if m := p["r1_repeat"].search(draft):
        out.add(
            "R1",
            m.start(),
            m.end(),
            "Dit klinkt verwijtend: de klant hoort dat hij niet goed heeft opgelet. Leg het opnieuw uit, in andere woorden.",
            "",
        )
    copied = False  # a copy that adds no fact of its own ("uiterlijk 17 juni" is new)
    for earlier in conversation.agent_messages:
        if similarity(draft, earlier) >= REPEAT_SIMILARITY:
            said = earlier.lower()
            copied = not any(f.group().lower() not in said for f in p["fact"].finditer(draft))
            out.add(
                "R1",
                0,
                len(draft),
                "Dit herhaalt bijna letterlijk een eerder antwoord. Kennelijk was dat niet duidelijk: zeg het anders en ga in op wat de klant nu vraagt.",
                "",
            )
            break

    # R2: blaming a colleague, department, carrier, partner or the customer
    if m := _blame(draft) or _third_party_blame(draft):
        out.add(
            "R2",
            m.start(),
            m.end(),
            EXPLANATIONS["R2"],
            "",
        )

    # R3: condescension, sarcasm, irritation, shouting, grovelling
    grovel = p["r3_grovel_always"].search(draft)
    tone = next(
        (
            t
            for t in p["r3_tone"].finditer(draft)
            if not _shared(t.group(), out.rules) and not _mirrored(t.group(), situation.text)
        ),
        None,
    )
    if m := tone or grovel or _SHOUT.search(draft) or _shouted_word(draft):
        out.add(
            "R3",
            m.start(),
            m.end(),
            EXPLANATIONS["R3"],
            "",
        )
    elif situation.abuse and (m := p["sarcasm_after_abuse"].search(draft)):
        out.add(
            "R3",
            m.start(),
            m.end(),
            "Dit klinkt sarcastisch na de scheldpartij. Blijf rustig en zakelijk.",
            "",
        )
    elif (situation.abuse or situation.pressure) and (m := p["r3_grovel"].search(draft)):
        out.add(
            "R3",
            m.start(),
            m.end(),
            "Dit klinkt onderdanig. Blijf rustig en duidelijk, ook als de klant over de grens gaat.",
            "",
        )

    ack = p["ack"].search(draft)
    problem_reported = _problem_reported(situation)
    # a follow-up question about our earlier answer ("waar staat dat formulier dan?") asks for
    # a better explanation (R1), not for an apology, unless the feeling runs high
    if problem_reported and conversation.agent_messages and _asks_again(situation):
        problem_reported = False
    # R4: a problem was reported and the draft neither apologises nor acknowledges it
    # naming what went wrong is owning it ("uw pakket is bij DPD zoekgeraakt", "dit is
    # transportschade", "de code is niet verrekend")
    named_or_owned = p["problem_named"].search(draft) or p["own_fault"].search(draft)
    # a customer who says it is no bother ("pas dag 2, dus geen stress hoor") wants the answer,
    # not an apology
    relaxed = _RELAXED.search(situation.text) and situation.emotion in ("neutral", "positive")
    if problem_reported and not ack and not named_or_owned and not relaxed:
        out.add(
            "R4",
            body[0],
            body[1],
            EXPLANATIONS["R4"],
            _prepend(draft, body, ACKNOWLEDGE),
        )

    # R5: a promise against the policy, or no concrete next step
    _check_policy(out, draft, situation, policy)
    # a promise against the policy is read against numbers the gate never sees: exact
    exact = {"R5"} if "R5" in out.rules else set()
    next_step = _has_next_step(draft)
    # a clear answer, also a clear no ("de aftrek blijft staan", "geldt alleen online"),
    # leaves nothing to do next
    # a misunderstanding (a code below its minimum, a rule on the invoice) is answered by the
    # fact that explains it; a parcel that did not come or a broken thing needs a step
    # (an explanation that blames someone explains nothing)
    soft = problem_reported and situation.problems <= _EXPLAINED and "R2" not in out.rules
    answered = ((not problem_reported or soft) and _fact(draft, situation)) or p[
        "firm_answer"
    ].search(draft)
    needs_step = problem_reported or situation.abuse or situation.flags
    if not next_step and "R5" not in out.rules and needs_step and not answered:
        out.add(
            "R5",
            last[0],
            last[1],
            EXPLANATIONS["R5"],
            draft[last[0] : last[1]] + " Ik laat je morgen weten wat de volgende stap is.",
        )

    # R6: not solved in this reply and no name / personal follow-up
    # feedback passed on for next time ("ik geef het door, zodat de datum voortaan klopt")
    # leaves nothing open for this customer
    unquoted = _mask(_QUOTED.sub(lambda m: " " * len(m.group()), draft), _FEEDBACK)
    open_case = p["open_case"].search(unquoted)
    unsolved = open_case or p["unsolved"].search(unquoted)
    named = has_name(draft)
    follow_up = p["follow_up"].search(draft)
    needs_owner = problem_reported or "needs_certainty" in situation.flags
    solved = _fact(unquoted, situation)
    # a question answered in full (a fact, nothing left open) needs nobody to follow it up
    if not problem_reported and solved and not unsolved:
        needs_owner = False
    # fixed in this reply ("ik heb je wachtwoord gereset", "de rode gaat vandaag op de post"):
    # nothing is left for anyone to follow up, signed or not
    fixed = (p["fixed"].search(unquoted) or p["firm_answer"].search(unquoted)) and not unsolved
    if needs_owner and (
        (not named and not fixed) or (unsolved and not follow_up and (open_case or not solved))
    ):
        span = unsolved.span() if unsolved else last
        out.add(
            "R6",
            span[0],
            span[1],
            EXPLANATIONS["R6"],
            draft[span[0] : span[1]] + FOLLOW_UP,
        )

    # R7: the customer needs certainty and gets no fact, date or commitment
    if "needs_certainty" in situation.flags or problem_reported:
        # a clear no ("kunnen wij helaas niet terugnemen") is certainty too
        fact = _fact(draft, situation) or p["firm_answer"].search(draft)
        # "waarschijnlijk" in a blame or a retort is part of that finding, not a vague promise
        vague = p["vague"].search(_mask(unquoted, p["r2_blame"], p["counter"], p["fault"]))
        certainty = "needs_certainty" in situation.flags or (
            problem_reported and situation.emotion == "distress"
        )
        # a copy of the earlier answer gives the customer nothing they did not have
        if (vague and not fact) or (certainty and (copied or not fact)):
            span = vague.span() if vague else body
            out.add(
                "R7",
                span[0],
                span[1],
                EXPLANATIONS["R7"],
                "",
            )

    # R8: counter-abuse, or giving in to abuse, threats or pressure
    counter = p["counter"].search(draft) or _counter_abuse(draft, situation.text)
    if not counter and situation.abuse:
        counter = p["sarcasm_after_abuse"].search(draft)
    if situation.abuse or situation.pressure:
        # after a curse alone ("echt klote dit") a goodwill gesture is no giving in; buying
        # off the anger is
        cursed = situation.abuse == {"profanity"} and not situation.pressure
        given = (
            (None if cursed else _granted(p["capitulate"], draft))
            or p["capitulate_always"].search(draft)
            or _demand_met(draft, situation.text)
        )
        if not given and "threat" in situation.abuse and not p["boundary"].search(draft):
            given = _granted(p["grant"], draft)  # a threat answered with what it asked for
        if m := counter or given:
            out.add(
                "R8",
                m.start(),
                m.end(),
                EXPLANATIONS["R8"],
                "",
            )
    elif m := counter or p["capitulate_always"].search(draft):
        out.add(
            "R8",
            m.start(),
            m.end(),
            "Dit is een tegenaanval op de klant. Blijf rustig en zakelijk.",
            "",
        )
    # hitting back is also the wrong tone (R3), said once
    if counter and "R3" not in out.rules:
        out.add("R3", counter.start(), counter.end(), EXPLANATIONS["R3"], "")

    # R9: strong emotion and no acknowledgement of the feeling
    # a strong feeling the customer said outright ("ik ben ten einde raad") is read, not guessed:
    # the gate does not weigh it
    if _check_feeling(out, draft, situation, body, ack, grovel, problem_reported, bool(counter)):
        exact.add("R9")

    # R10: u and je mixed, or not the shop's register
    reg = draft_register(draft)
    if reg == "mixed" or (shop_register and reg in ("formal", "informal") and reg != shop_register):
        target = shop_register or "formal"
        why = (
            "Hier worden u en je door elkaar gebruikt."
            if reg == "mixed"
            else "Dit antwoord gebruikt niet de aanspreekvorm van de winkel."
        )
        out.findings.append(
            Finding(
                "R10",
                0,
                len(draft),
                draft,
                why + " Kies één aanspreekvorm: die van de winkel.",
                convert_register(draft, target),
            )
        )
        out.rules.add("R10")
    if gate and out.findings:
        passed = kept(draft, situation.text, out.rules)
        out.findings = [f for f in out.findings if f.rule in passed | exact]
    if gate:
        # blame, or hitting back and giving in, in words no phrase rule lists
        unread = [rule for rule in LEARNED if rule not in out.rules]
        spans = _sentences(draft)
        # a line drawn calmly ("schelden accepteren we niet") is the boundary the playbook asks
        # for: only the phrase rules judge it
        calm = [s for s in spans if not p["boundary"].search(draft, *s)]
        # a sentence that owns the fault ("ons magazijn heeft een fout gemaakt, dat is onze
        # verantwoordelijkheid") blames no one: only the phrase rules judge it
        unowned = [s for s in spans if not p["own_fault"].search(draft, *s)]
        added = flagged(draft, unowned, situation.text, [r for r in unread if r == "R2"])
        added |= flagged(draft, calm, situation.text, [r for r in unread if r != "R2"])
        for rule, (start, end) in added.items():
            out.findings.append(Finding(rule, start, end, draft[start:end], EXPLANATIONS[rule], ""))
    out.findings.sort(key=lambda f: (int(f.rule[1:]), f.start))
    return out.findings


# Words that carry the tone of a repeat or a blame: where R1 or R2 already says it ("nogmaals:",
# "het magazijn heeft weer eens ...", "dat staat ook in de handleiding"), they are no R3 cue
# of their own.
_SHARED_CUES = (
    ("R1", re.compile(r"nogmaals:", re.IGNORECASE)),
    ("R2", re.compile(r"weer eens|(dat|het|dit) (staat|stond) ", re.IGNORECASE)),
)


def _shared(text: str, rules: set[str]) -> bool:
    return any(rule in rules and cue.match(text.strip()) for rule, cue in _SHARED_CUES)


# Words that answer the customer's own tone: "haha" to a customer who laughs, "gefeliciteerd"
# to one with a baby on the way. Elsewhere they mock.
_MIRRORED = (
    (
        re.compile(r"ha(ha)+|hihi", re.I),
        re.compile(r"\b(ha(ha)+|hihi|lol|fire|vet|gaaf)\b|😅|😂|🤣|🙈|😄|😁|🔥", re.I),
    ),
    (
        re.compile(r"gefeliciteerd", re.I),
        re.compile(
            r"geboren|geboorte|bevall|zwanger|keizersnede|baby|jarig|verjaardag|trouw|bruiloft|"
            r"geslaagd|diploma|verhuis|nieuwe (huis|woning)|jubileum",
            re.I,
        ),
    ),
)


def _mirrored(text: str, customer: str) -> bool:
    return any(cue.fullmatch(text.strip()) and said.search(customer) for cue, said in _MIRRORED)


_SAME_DAY = re.compile(
    r"\b(?<!moeten )((vanavond|vanmiddag|vandaag( nog)?) ((?!niet\b)\w+ ){0,2}(bij (u|je|jou) )?(thuis|in huis|bezorgd|geleverd|op de mat)"
    r"|(vanavond|vanmiddag|vandaag nog) bij (u|je|jou)( (is|zijn|staat|staan|ligt|liggen))?(?=[.!,]|$)"
    r"|(is|zijn|staat|staan|ligt|liggen) (hij|het|ze|die|uw \w+|je \w+ )?er (al )?(vanavond|vanmiddag|vandaag))\b",
    re.IGNORECASE,
)
_WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
_TODAY = re.compile(
    rf"\b(?:vandaag|het is nu|nu is het)\s*(?:is het\s*)?\(?\s*({'|'.join(_WEEKDAYS)})\b", re.I
)
# a weekday of this week, not "volgende week dinsdag"
_ON_WEEKDAY = re.compile(rf"(?<!volgende week )(?<!week )\b({'|'.join(_WEEKDAYS)})\b", re.I)
# a bare weekday: "dinsdag 16 april" names its date, which may lie weeks ahead
_THIS_WEEK = re.compile(
    rf"(?<!volgende week )(?<!week )\b((?:{'|'.join(_WEEKDAYS)})(?!\s+\d)|deze week|dit weekend)\b",
    re.I,
)


def _early_weekday(sentence: str, customer: str, lo: int) -> re.Match[str] | None:
    """A delivery weekday fewer working days away than the policy's quickest delivery, where
    the customer says what day it is ("vandaag is het woensdag ... vrijdag" is two)."""
    today = _TODAY.search(customer)
    if not today or not _DELIVERY_TALK.search(sentence):
        return None
    start = _WEEKDAYS.index(today.group(1).lower())
    for m in _ON_WEEKDAY.finditer(sentence):
        ahead = (_WEEKDAYS.index(m.group(1).lower()) - start) % 7 or 7
        working = sum(1 for d in range(1, ahead + 1) if (start + d) % 7 < 5)
        if working < lo and ahead < lo:  # Saturday after a Friday order is no promise
            return m
    return None


def _early_delivery(sentence: str, lo: int) -> re.Match[str] | None:
    """ "Morgen", "overmorgen" or "binnen 2 dagen" in the same clause as the delivery, where
    the policy's quickest delivery takes longer ("de bezorgdienst belt u morgen; de eerste
    leverdag is donderdag" promises a call tomorrow, not the sofa)."""
    start = 0
    for cut in [*(c.start() for c in _CLAUSES.finditer(sentence)), len(sentence)]:
        # "vanavond bij u", "hij is er vanmiddag": arrival in its own words
        if lo >= 1 and (m := _SAME_DAY.search(sentence, start, cut)):
            return m
        if _DELIVERY_TALK.search(sentence, start, cut):
            m = (
                (_NEXT_DAY.search(sentence, start, cut) if lo >= 2 else None)
                or (_TWO_DAYS.search(sentence, start, cut) if lo >= 3 else None)
                # "binnen 5 werkdagen" where the policy's quickest is ten
                or next(
                    (
                        d
                        for d in _WITHIN_DAYS.finditer(sentence, start, cut)
                        if _days(d.group(1), "dagen") < lo
                    ),
                    None,
                )
                # a bare weekday is at most six days away: sooner than a policy of a week or
                # more (a shorter policy may count from an order placed days ago)
                or (_THIS_WEEK.search(sentence, start, cut) if lo >= 7 else None)
            )
            # "vertrekt morgen uit ons magazijn en wordt dinsdag geleverd": tomorrow it leaves;
            # "ik bel u morgen om de bezorgdag af te spreken": tomorrow is the call
            if (
                m
                and not _DISPATCH.search(sentence, max(start, m.start() - 30), m.start())
                and not _CALL_BEFORE.search(sentence, max(start, m.start() - 30), m.start())
                and not _CALL_AFTER.match(sentence, m.end())
                # "wordt morgen niet bezorgd"
                and not _NOT_THEN.match(sentence, m.end())
            ):
                return m
        start = cut
    return None


def _names_days(sentence: str, *, at_least: int) -> bool:
    """Whether the sentence names a number of days (or the top of a range) of at least
    ``at_least``: "binnen 2 tot 4 werkdagen" states a policy of 4 days."""
    return any(int(d.group(2) or d.group(1)) >= at_least for d in _DAYS.finditer(sentence))


_CLAUSES = re.compile(r"[;:]|,\s+(?=(?:en|dan|maar|want|of)\b)", re.IGNORECASE)


def _refund_clauses(sentence: str) -> Iterator[tuple[int, int]]:
    """The clauses of ``sentence`` that talk of the refund, as (start, end)."""
    refund = patterns()["refund"]
    start = 0
    for cut in [*(c.start() for c in _CLAUSES.finditer(sentence)), len(sentence)]:
        if refund.search(sentence, start, cut):
            yield start, cut
        start = cut


def _refund_speed(sentence: str) -> re.Match[str] | None:
    """A speed word in the same clause as the refund: in "dan maak ik binnen 2 werkdagen
    een creditnota, en storten wij het verschil terug" the speed belongs to the credit note."""
    fast = patterns()["refund_fast"]
    return next(
        (m for a, b in _refund_clauses(sentence) if (m := fast.search(sentence, a, b))), None
    )


# a refund term: "binnen twee weken", "binnen 10 werkdagen", "duurt 30 dagen"
_TERM = re.compile(
    rf"\b(?:binnen|na|over|duurt|uiterlijk|in)\s+(?:ongeveer\s+|maximaal\s+|hooguit\s+)?{_N}\s+(werk)?{_UNIT}\b",
    re.I,
)
_REFUSED = re.compile(r"\b(niet|geen)\b", re.IGNORECASE)
_RETURN_WORD = re.compile(
    r"\b(terugsturen|terug te sturen|retourneren|ruilen|retourtermijn|bedenktijd)", re.I
)


def _slow_refund(sentence: str, refund_days: int) -> re.Match[str] | None:
    """A refund term longer than the policy's, in the clause of the refund ("het bedrag
    wordt binnen twee weken teruggestort" where the shop refunds within ten days)."""
    for start, cut in _refund_clauses(sentence):
        # a refund refused ("na vijf weken kan ik het bedrag niet terugbetalen") has no term
        if _RETURN_WORD.search(sentence, start, cut) or _REFUSED.search(sentence, start, cut):
            continue
        for m in _TERM.finditer(sentence, start, cut):
            # the policy's own number in working days ("binnen 5 werkdagen") is its term
            if _days(m.group(1), m.group(3)) > refund_days:
                return m
    return None


def _fallback_register(draft: str) -> str:
    reg = draft_register(draft)
    return reg if reg in ("formal", "informal") else "formal"


def _as_conversation(value: Conversation | Mapping[str, Any] | None) -> Conversation:
    if value is None:
        return Conversation()
    if isinstance(value, Conversation):
        return value
    if isinstance(value, Mapping):
        customer = value.get("customer_messages", value.get("customer", ()))
        agent = value.get("agent_messages", value.get("previous_agent", ()))
        if isinstance(customer, str):
            customer = [customer]
        if isinstance(agent, str):
            agent = [agent]
        return Conversation(tuple(customer or ()), tuple(agent or ()), value.get("analysis"))
    raise TypeError(f"conversation must be a Conversation or a mapping, not {type(value).__name__}")


def _makes_amends(situation: _Situation) -> bool:
    """A fault the customer reported, without pressure: money paid back for it makes amends
    (shipping costs paid back on a return are owed in any case)."""
    reported = _problem_reported(situation) or "return_refund" in situation.problems
    return reported and not (situation.pressure or situation.abuse)


def _check_policy(
    out: _Builder, draft: str, situation: _Situation, policy: Mapping[str, Any]
) -> None:
    p = patterns()
    if p["exception"].search(draft):
        return
    # what holds for the whole draft and message, not per sentence
    warranty = _WARRANTY.search(draft)  # a replacement under warranty travels free
    age = _purchase_age(situation.text)
    refund_days = policy.get("refund_days")
    # a refund already overdue, paid at once, is catching up, not faster than the policy
    overdue_cue = p["customer_overdue"].search(situation.text)  # "al drie weken", "nog steeds niks"
    waited = _WAITED.search(situation.text)
    waited_days = _days(waited.group(1), waited.group(2)) if waited else 0
    overdue = refund_days and (
        max(age or 0, waited_days) >= refund_days
        or _OVERDUE.search(situation.text)
        or (
            ("return_refund" in situation.problems or _MONEY.search(situation.text)) and overdue_cue
        )
    )
    refund_done = p["refund_done"].search(draft)
    refund_term = refund_days and any(
        p["refund"].search(draft, a, b) and _names_days(draft[a:b], at_least=refund_days)
        for a, b in _sentences(draft)
    )
    # a parcel already late ("ik wacht al tien dagen") is caught up, not delivered early
    late = "late_delivery" in situation.problems and overdue_cue
    for start, end in _sentences(draft):
        sentence = draft[start:end]
        # free shipping under the threshold
        if m := p["free_shipping"].search(sentence):
            threshold = policy.get("free_shipping_from_eur")
            states_policy = p["free_shipping_policy"].search(sentence) or (
                p["free_shipping_topup"].search(sentence) and _AMOUNT.search(sentence)
            )
            amounts = [
                float((a or b).replace(",", ".")) for a, b in _AMOUNT.findall(situation.text)
            ]
            # the draft itself names an order total at or over the threshold
            totals = [float((a or b).replace(",", ".")) for a, b in _AMOUNT.findall(sentence)]
            over = threshold is not None and (
                (amounts and max(amounts) >= float(threshold))
                or (totals and max(totals) >= float(threshold))
            )
            if (
                not states_policy
                and not over
                and not warranty
                and not _SENT_AGAIN.search(draft)
                # a replacement for what arrived broken or wrong travels free
                and not (situation.problems & _REPLACED and _REPLACEMENT.search(draft))
                and not (_SHIPPING_REFUND.search(m.group()) and _makes_amends(situation))
                and "free_shipping_from_eur" in policy
            ):
                out.add(
                    "R5",
                    start + m.start(),
                    start + m.end(),
                    "Deze belofte past niet bij het beleid van de winkel (gratis verzending pas vanaf het drempelbedrag). Noem het beleid, of zeg uitdrukkelijk dat het een uitzondering is.",
                    "",
                )
                return
        # delivery sooner than the policy's minimum
        days = policy.get("delivery_days")
        if days:  # [min, max] whole days (check_policy)
            lo = days[0]
            m = _early_delivery(sentence, lo) or _early_weekday(sentence, situation.text, lo)
            # a sentence that also gives the policy's own range ("binnen 2 tot 4 werkdagen")
            in_range = _names_days(sentence, at_least=lo)
            # a parcel already on its way arrives when it arrives: no promise against policy
            underway = _UNDERWAY.search(sentence) or _SHIPPED.search(draft) or late
            # "staat het bedrag er morgen op" is money on the account, not a parcel
            if m and not in_range and not underway and not p["refund"].search(sentence):
                out.add(
                    "R5",
                    start + m.start(),
                    start + m.end(),
                    f"Volgens het beleid duurt levering {days[0]} tot {days[1]} werkdagen. Beloof niets wat sneller is, tenzij je het uitdrukkelijk als uitzondering regelt.",
                    "",
                )
                return
        # refund faster than the policy
        refund_word = p["refund"].search(sentence)
        refund_talk = (
            refund_word
            or ("return_refund" in situation.problems and re.search(r"\bretour", sentence, re.I))
        ) and not _RESERVED.search(sentence)
        # the draft gives the policy's own term ("binnen 14 dagen terug"): "meteen inboeken"
        # starts the refund, it does not promise it sooner
        states_policy = refund_term or _names_days(sentence, at_least=refund_days or 0)
        # slower than the policy is no promise the shop can keep either, also after "ik heb
        # uw retour doorgezet"
        if refund_days and refund_word and (slow := _slow_refund(sentence, int(refund_days))):
            out.add(
                "R5",
                start + slow.start(),
                start + slow.end(),
                f"Volgens het beleid duurt een terugbetaling tot {refund_days} dagen. "
                "Noem die termijn, geen langere.",
                "",
            )
            return
        if refund_days and refund_talk and not states_policy and not refund_done and not overdue:
            fast = refund_word and _refund_speed(sentence)
            if fast:
                out.add(
                    "R5",
                    start + fast.start(),
                    start + fast.end(),
                    f"Volgens het beleid duurt een terugbetaling tot {refund_days} dagen. "
                    "Beloof niet dat het sneller gaat.",
                    "",
                )
                return
            for m in _DAYS.finditer(sentence):
                n = int(m.group(2) or m.group(1))
                # "tot 14 dagen na levering retourneren": the return window, not the refund
                if n == policy.get("return_days"):
                    continue
                if n < int(refund_days) and "werk" not in (m.group(3) or ""):
                    out.add(
                        "R5",
                        start + m.start(),
                        start + m.end(),
                        f"Volgens het beleid duurt een terugbetaling tot {refund_days} dagen. Beloof niet dat het sneller gaat.",
                        "",
                    )
                    return
    # a return window longer than the shop's ("je hebt een maand om het terug te sturen")
    return_days = policy.get("return_days")
    window = _WINDOW.search(draft) if return_days is not None else None
    if window and _days(*[g for g in window.groups() if g][:2]) > int(return_days):
        out.add(
            "R5",
            window.start(),
            window.end(),
            f"De retourtermijn is {return_days} dagen. Noem die termijn, geen langere.",
            "",
        )
        return
    # a return after the return window
    if return_days and age is not None and not warranty:
        m = p["return_accept"].search(draft)
        if m and age > int(return_days):
            out.add(
                "R5",
                m.start(),
                m.end(),
                f"De retourtermijn is {return_days} dagen en die is verstreken. Zeg dat eerlijk, of noem het uitdrukkelijk een uitzondering.",
                "",
            )


_MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
_DATE = re.compile(rf"\b(\d{{1,2}})\s+({'|'.join(_MONTHS)})\b", re.IGNORECASE)


def _purchase_age(text: str) -> float | None:
    """Days since the purchase the customer speaks of: "zeven weken geleden", "ik heb hem nu
    drie weken", or two dates ("gekocht op 3 januari ... vandaag is het 20 februari")."""
    if age := _AGE.search(text) or _OWNED.search(text):
        return _days(age.group(1), age.group(2))
    dates = [(int(d), _MONTHS.index(m.lower()) + 1) for d, m in _DATE.findall(text)]
    if len(dates) < 2:
        return None
    (d1, m1), (d2, m2) = dates[0], dates[-1]
    try:
        first, last = datetime.date(2001, m1, d1), datetime.date(2001, m2, d2)
    except ValueError:  # "31 februari"
        return None
    days = (last - first).days
    return float(days if days >= 0 else days + 365)


def _check_feeling(
    out: _Builder,
    draft: str,
    situation: _Situation,
    body: tuple[int, int],
    ack: re.Match[str] | None,
    grovel: re.Match[str] | None,
    reported: bool,
    hit_back: bool,
) -> bool:
    """Add R9 where the feeling goes unanswered; True where that finding answers a strong
    feeling the customer said outright (an exact reading, not for the gate to weigh)."""
    p = patterns()
    if grovel or situation.abuse & {"threat"}:
        return False
    emotion, intensity = situation.emotion, situation.intensity
    # a feeling the customer names ("ik ben razend", "ik lig er wakker van")
    said = p["felt"].search(situation.text)
    # said strongly ("ik ben woedend", "ik heb zitten huilen"): no plain "excuses" answers it
    strong = p["felt_strong"].search(situation.text)
    # capitals and "!!!" are anger said outright too (corpus/GUIDELINES.md, R9)
    loud = _raised(situation.text)
    # giving in answers the pressure, not the feeling, and R8 says what is wrong with it;
    # hitting back at a customer who said their feeling outright also passes the feeling by
    if "R8" in out.rules and not (hit_back and (said or strong or loud)):
        return False
    # a death told ("onze Bobby is vorige week overleden", "de bloemen voor de uitvaart"), however
    # calmly: only words of sympathy answer it, not an apology for the parcel
    grief = _GRIEF.search(situation.text)
    if grief:
        high = True
    elif situation.abuse:
        if not situation.problems - SIDE_PROBLEMS:
            return False
        high = True
    elif (_prospective(situation) or not reported) and not (
        _customer_problem(situation.text) or loud or said
    ):
        high = False
    else:
        high = (
            # worry in a plain question ("ik ben 78, is dit veilig voor mijn poes?") is no
            # strong emotion unless it runs high
            (
                emotion == "distress"
                and intensity >= (0.5 if _customer_problem(situation.text) else 0.7)
            )
            or (emotion == "anger" and intensity >= 0.3)
            or (emotion in ("frustration", "disappointment") and intensity >= 0.6)
            # a strong feeling said outright, however calmly the rest reads
            or bool(reported and strong)
        )
    moderate = "venting" in situation.flags and (emotion in STRONG_EMOTIONS and intensity >= 0.45)
    feelings = [m.group() for m in p["feeling"].finditer(draft)]
    # deep distress and grief are not answered by "vervelend" or "sorry voor het gedoe"
    if (emotion == "distress" and intensity >= 0.7) or grief:
        feelings = [f for f in feelings if not p["weak_feeling"].fullmatch(f)]
    # a plain "excuses" answers mild anger; anger said outright wants its name
    # (an insult or a curse beside it does not lower the bar: "wtf, ik ben echt woest")
    felt = feelings or (
        not grief
        and (
            (emotion == "anger" and intensity < 0.55 and not said and not loud)
            or (situation.abuse and not strong and not loud)
        )
        and ack
    )
    if (high and not felt) or (moderate and not (ack or feelings)):
        out.add(
            "R9",
            body[0],
            body[1],
            EXPLANATIONS["R9"],
            _prepend(draft, body, FEEL),
        )
        return bool(strong or grief)
    return False


_OWN_MISTAKE_PROBLEMS = frozenset(
    {"wrong_item", "return_refund", "cancellation", "product_question", "other"}
)
_HYPOTHETICAL = re.compile(
    r"\b(als|indien|zolang|voordat|mocht|stel dat)\b[^.?!,;:]{0,50}", re.IGNORECASE
)


@lru_cache(maxsize=128)
def _said(section: str, text: str) -> bool:
    """A cue of ``section`` in the customer's message, outside "als ..."/"zolang ..." clauses
    ("kan ik annuleren als hij nog niet verzonden is?" reports nothing); every rule asks the
    same message, so it is looked up once per check."""
    return bool(patterns()[section].search(_mask(text, _HYPOTHETICAL)))


def _fact(draft: str, situation: _Situation) -> re.Match[str] | None:
    """The first fact in ``draft`` that is news: a wait said back from the customer's own
    message ("twee weken zonder antwoord is te lang") tells them nothing."""
    said = situation.text.lower()
    for m in patterns()["fact"].finditer(draft):
        wait = _DURATION.match(draft, m.start())
        if not (wait and re.search(rf"(?<!\w){re.escape(wait.group().lower())}(?!\w)", said)):
            return m
    return None


def _customer_problem(text: str) -> bool:
    """A cue that something went wrong."""
    return _said("customer_problem", text)


def _prospective(situation: _Situation) -> bool:
    """The customer asks before ordering ("kan het morgen in huis zijn als ik nu bestel?")."""
    return bool(patterns()["prospective"].search(situation.text))


def _asks_again(situation: _Situation) -> bool:
    """The customer asks what the earlier answer meant, and nothing new went wrong."""
    return bool(
        patterns()["asks_again"].search(situation.text)
        and not _customer_problem(situation.text)
        and not (situation.emotion in {"anger", "distress"} and situation.intensity >= 0.5)
    )


_GRIEF = re.compile(
    r"\b(overleden|overlijden|begrafenis|uitvaart\w*|crematie|rouwstuk|rouwkaart\w*|heengegaan)\b",
    re.IGNORECASE,
)
_RELAXED = re.compile(
    r"\bgeen (stress|haast|ramp|paniek|probleem hoor)\b|\b(is|maakt) (\w+ )?niet (zo )?(erg|uit)\b",
    re.IGNORECASE,
)
_RAISED = re.compile(rf"!!|\?\?\?|{_CAPS_WORD.pattern}")


def _raised(text: str) -> bool:
    """Capitals or a row of marks: the customer raises their voice."""
    return bool(_RAISED.search(text))


def _problem_reported(situation: _Situation) -> bool:
    """Whether the customer reports something that went wrong (not only asks)."""
    if "threat" in situation.abuse:
        return False
    problems = situation.problems - {"product_question"}
    if situation.abuse and not problems - SIDE_PROBLEMS:
        return False
    # a calm question: "kan ik nog ruilen?", "hebben jullie hem in 46?" (a leak or a parcel
    # that did not come is reported even when it ends in a question mark)
    # calm: no anger and no raised voice; worry about a date ("is hij er voor zaterdag? mijn
    # zoon is jarig") is no report of a fault
    calm = situation.emotion in ("neutral", "positive") or (
        situation.emotion != "anger" and not _raised(situation.text)
    )
    question = "?" in situation.text and not situation.sure_problems & _REPORTED_FAULTS
    asks = calm and ("needs_certainty" in situation.flags or question)
    cue = _customer_problem(situation.text) or _said("customer_overdue", situation.text)
    if (asks or _prospective(situation)) and not cue:
        return False
    if patterns()["own_mistake"].search(situation.text) and not problems - _OWN_MISTAKE_PROBLEMS:
        return False  # "ik heb de verkeerde maat besteld, mijn fout": nothing of ours to own
    if problems & REPORTED_PROBLEMS:
        return True
    return bool(problems - {"cancellation"}) and (
        situation.emotion in NEGATIVE_EMOTIONS and situation.intensity >= 0.3
    )
