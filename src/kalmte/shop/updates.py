"""Proactive status updates (PLAYBOOK W1): the default texts per register and rendering.

A shop can override each text in the admin (UpdateTemplate); placeholders are `{name}` style
and only the ones listed in PLACEHOLDERS are allowed.
"""

from __future__ import annotations

import string

from django.utils.translation import gettext_lazy as _

PLACEHOLDERS = {
    "naam",
    "bestelnummer",
    "vervoerder",
    "track_trace",
    "volglink",
    "verwacht",
    "afspraak",
    "winkel",
}

DEFAULTS = {
    "formal": {
        "shipped": _(
            "Goed nieuws: uw bestelling {bestelnummer} is verzonden met {vervoerder}. "
            "U kunt het pakket volgen via {volglink}"
        ),
        "partly_shipped": _(
            "Een deel van uw bestelling {bestelnummer} is verzonden met {vervoerder} "
            "({volglink}). De rest volgt zo snel mogelijk; wij houden u op de hoogte."
        ),
        "out_for_delivery": _(
            "Uw bestelling {bestelnummer} wordt vandaag bezorgd door {vervoerder}. "
            "Volgen kan via {volglink}"
        ),
        "delivered": _(
            "Uw bestelling {bestelnummer} is bezorgd. Klopt er iets niet? "
            "Laat het ons hier gerust weten."
        ),
        "delayed": _(
            "Uw bestelling {bestelnummer} is helaas vertraagd. Wij volgen het op en laten u "
            "weten zodra er nieuws is. Verwachte bezorging: {verwacht}."
        ),
        "cancelled": _(
            "Uw bestelling {bestelnummer} is geannuleerd. Heeft u hier vragen over? "
            "Wij helpen u graag."
        ),
        "appointment": _(
            "Voor uw bestelling {bestelnummer} staat een afspraak gepland: {afspraak}. "
            "Past dit niet? Laat het ons weten."
        ),
    },
    "informal": {
        "shipped": _(
            "Goed nieuws: je bestelling {bestelnummer} is verzonden met {vervoerder}. "
            "Je kunt het pakket volgen via {volglink}"
        ),
        "partly_shipped": _(
            "Een deel van je bestelling {bestelnummer} is verzonden met {vervoerder} "
            "({volglink}). De rest volgt zo snel mogelijk; we houden je op de hoogte."
        ),
        "out_for_delivery": _(
            "Je bestelling {bestelnummer} wordt vandaag bezorgd door {vervoerder}. "
            "Volgen kan via {volglink}"
        ),
        "delivered": _(
            "Je bestelling {bestelnummer} is bezorgd. Klopt er iets niet? "
            "Laat het ons hier gerust weten."
        ),
        "delayed": _(
            "Je bestelling {bestelnummer} is helaas vertraagd. We volgen het op en laten je "
            "weten zodra er nieuws is. Verwachte bezorging: {verwacht}."
        ),
        "cancelled": _(
            "Je bestelling {bestelnummer} is geannuleerd. Heb je hier vragen over? "
            "We helpen je graag."
        ),
        "appointment": _(
            "Voor je bestelling {bestelnummer} staat een afspraak gepland: {afspraak}. "
            "Past dit niet? Laat het ons weten."
        ),
    },
}


def render_template(body: str, context: dict[str, str]) -> str:
    """Fill `{placeholder}`s; an unknown or indexed placeholder raises KeyError/ValueError."""
    out = []
    for literal, field, spec, conversion in string.Formatter().parse(body):
        out.append(literal)
        if field is None:
            continue
        if field not in PLACEHOLDERS or spec or conversion:
            raise KeyError(field)
        out.append(str(context.get(field) or "—"))
    return "".join(out)


def template_body(shop, kind: str) -> str:
    from kalmte.shop.models import UpdateTemplate

    custom = UpdateTemplate.objects.filter(shop=shop, kind=kind, register=shop.register).first()
    if custom is not None and custom.body.strip():
        return custom.body
    return str(DEFAULTS.get(shop.register, DEFAULTS["formal"])[kind])
