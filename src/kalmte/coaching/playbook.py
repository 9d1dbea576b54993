"""What the situation asks for, derived from the latest customer message's analysis."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Advice:
    key: str
    title: str
    text: str


ADVICE = {
    "threat": Advice(
        "threat",
        _("Trek een duidelijke grens"),
        _(
            "Ga niet mee in de dreiging en geef niet toe. Zeg rustig wat niet kan, meld het en bied een veilige weg verder."
        ),
    ),
    "insult": Advice(
        "insult",
        _("Blijf kalm bij scheldwoorden"),
        _(
            "Reageer niet op dezelfde toon. Vraag om een normale toon en help daarna inhoudelijk verder."
        ),
    ),
    "distress": Advice(
        "distress",
        _("Erken eerst het gevoel"),
        _(
            "Benoem wat de klant doormaakt voordat je de oplossing geeft. Daarna: wat je doet en wanneer."
        ),
    ),
    "venting": Advice(
        "venting",
        _("Luister en vat samen"),
        _(
            "De klant wil vooral gehoord worden. Vat in eigen woorden samen wat er misging en sluit af met één concrete stap."
        ),
    ),
    "needs_certainty": Advice(
        "needs_certainty",
        _("Geef een feit en een datum"),
        _(
            "De klant zoekt zekerheid: noem wat je zeker weet, een datum of tijdvak, en wat je toezegt."
        ),
    ),
    "suspects_intent": Advice(
        "suspects_intent",
        _("Wees transparant"),
        _(
            "De klant denkt dat het met opzet gebeurt. Leg open en eerlijk uit hoe het zit, zonder je te verdedigen."
        ),
    ),
    "pressure": Advice(
        "pressure",
        _("Erken het recht, geef niet toe onder druk"),
        _(
            "Een review of juridische stap is het goed recht van de klant. Los het probleem op zoals je dat altijd zou doen, zonder extra's om de klant stil te houden."
        ),
    ),
    "anger": Advice(
        "anger",
        _("Blijf rustig en neem het serieus"),
        _(
            "Laat de boosheid niet op jezelf slaan. Erken wat er misging, bied excuses aan en zeg wat je nu doet."
        ),
    ),
    "problem": Advice(
        "problem",
        _("Excuses en uitleg"),
        _(
            "Er ging iets mis: bied excuses aan, leg uit wat er gebeurde en wat de volgende stap is, met je naam eronder."
        ),
    ),
    "default": Advice(
        "default",
        _("Helder antwoord, volgende stap"),
        _("Beantwoord de vraag kort en duidelijk en zeg wat de klant kan verwachten."),
    ),
}
REPORTED = {
    "late_delivery",
    "damaged_or_defective",
    "wrong_item",
    "payment_checkout",
    "invoice_billing",
    "website_error",
    "missed_callback",
    "staff_complaint",
    "promo_code",
    "return_refund",
}


def advice_for(analysis: dict | None) -> list[Advice]:
    """The playbook advice for a customer message, most urgent first."""
    if not analysis:
        return [ADVICE["default"]]
    abuse = {a.get("kind") for a in analysis.get("abuse", [])}
    flags = {f.get("label") for f in analysis.get("flags", [])}
    problems = {p.get("label") for p in analysis.get("problems", [])}
    emotion = (analysis.get("emotion") or {}).get("label")
    keys: list[str] = []
    if "threat" in abuse:
        keys.append("threat")
    if abuse & {"insult", "profanity"}:
        keys.append("insult")
    if emotion == "distress":
        keys.append("distress")
    if "venting" in flags:
        keys.append("venting")
    if "needs_certainty" in flags:
        keys.append("needs_certainty")
    if "suspects_intent" in flags:
        keys.append("suspects_intent")
    if analysis.get("pressure"):
        keys.append("pressure")
    if emotion == "anger" and not abuse:
        keys.append("anger")
    if problems & REPORTED and "threat" not in abuse:
        keys.append("problem")
    return [ADVICE[k] for k in keys] or [ADVICE["default"]]
