"""Template helpers for showing analysed customer text safely."""

from __future__ import annotations

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

register = template.Library()

EMOTION_LABELS = {
    "anger": _("boos"),
    "frustration": _("gefrustreerd"),
    "distress": _("radeloos"),
    "disappointment": _("teleurgesteld"),
    "neutral": _("neutraal"),
    "positive": _("positief"),
}
PROBLEM_LABELS = {
    "late_delivery": _("levering te laat"),
    "damaged_or_defective": _("beschadigd/defect"),
    "wrong_item": _("verkeerd artikel"),
    "return_refund": _("retour/terugbetaling"),
    "promo_code": _("kortingscode"),
    "payment_checkout": _("betalen/afrekenen"),
    "invoice_billing": _("factuur"),
    "out_of_stock": _("niet op voorraad"),
    "website_error": _("websitefout"),
    "missed_callback": _("gemiste terugbelafspraak"),
    "cancellation": _("annulering"),
    "staff_complaint": _("klacht over medewerker"),
    "product_question": _("productvraag"),
    "other": _("overig"),
}
FLAG_LABELS = {
    "needs_certainty": _("wil zekerheid"),
    "venting": _("wil stoom afblazen"),
    "suspects_intent": _("vermoedt opzet"),
}
KIND_LABELS = {
    "insult": _("belediging"),
    "profanity": _("vloeken"),
    "threat": _("bedreiging"),
    "legal": _("juridische stappen"),
    "public": _("publiciteit"),
}
EVENT_LABELS = {
    "conversation_created": _("gesprek gestart"),
    "agent_replied": _("beantwoord"),
    "phone_note_logged": _("telefoonnotitie"),
    "note_added": _("notitie toegevoegd"),
    "assigned": _("toegewezen"),
    "unassigned": _("toewijzing opgeheven"),
    "closed": _("gesloten"),
    "reopened": _("heropend"),
    "set_pending": _("wacht op klant"),
    "coach_overridden": _("verstuurd ondanks coachadvies"),
    "closed_notice": _("sluitingsbericht"),
    "mail_dropped": _("e-mail genegeerd (automatisch antwoord of bulk)"),
    "mail_failed": _("e-mail niet verstuurd"),
    "order_linked": _("bestelling gekoppeld"),
    "order_unlinked": _("bestelling ontkoppeld"),
    "proactive_update_sent": _("statusupdate verstuurd"),
    "proactive_update_skipped": _("statusupdate overgeslagen"),
    "contact_ended": _("contact beëindigd"),
    "closing_message_sent": _("afsluitend bericht verstuurd"),
    "block_lifted": _("blokkade opgeheven"),
    "blocked_customer_wrote": _("geblokkeerde klant schreef"),
    "threat_alert": _("melding bedreiging aan teamleiders"),
    "routed": _("doorgezet naar vaste contactpersoon"),
    "callback_scheduled": _("terugbelafspraak gepland"),
    "callback_confirmed": _("terugbelafspraak bevestigd"),
    "callback_done": _("teruggebeld"),
    "callback_no_show": _("terugbelafspraak: niet bereikbaar"),
    "hostile_threshold_set": _("drempel zware gesprekken ingesteld"),
}


@register.filter
def event_label(verb: str) -> str:
    return str(EVENT_LABELS.get(verb, verb.replace("_", " ")))


@register.filter
def emotion_label(label: str) -> str:
    return str(EMOTION_LABELS.get(label, label))


@register.filter
def problem_label(label: str) -> str:
    return str(PROBLEM_LABELS.get(label, label))


@register.filter
def flag_label(label: str) -> str:
    return str(FLAG_LABELS.get(label, label))


@register.filter
def percent(value: float) -> int:
    try:
        return round(float(value) * 100)
    except (TypeError, ValueError):
        return 0


@register.filter
def highlight(message) -> SafeString:
    """The message body, escaped, with abuse and pressure spans wrapped in <mark>."""
    body: str = message.body
    analysis = message.analysis or {}
    spans = []
    for key in ("abuse", "pressure"):
        for item in analysis.get(key) or []:
            start, end = item.get("start"), item.get("end")
            if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(body):
                spans.append((start, end, key, item.get("kind", ""), item.get("reason", "")))
    spans.sort()
    out: list[str] = []
    cursor = 0
    for start, end, key, kind, reason in spans:
        if start < cursor:
            continue  # overlapping spans: keep the first
        out.append(escape(body[cursor:start]))
        title = (
            f"{KIND_LABELS.get(kind, kind)}: {reason}"
            if reason
            else str(KIND_LABELS.get(kind, kind))
        )
        out.append(
            f'<mark class="{escape(key)} {escape(kind)}" title="{escape(title)}">'
            f"{escape(body[start:end])}</mark>"
        )
        cursor = end
    out.append(escape(body[cursor:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped
