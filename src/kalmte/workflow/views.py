"""The workflow panel's forms. Thin: parse, call one action, go back to the conversation."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kalmte.accounts.decorators import agent_required
from kalmte.conversations.access import access_conversation
from kalmte.conversations.actions import ActionError
from kalmte.workflow import actions


def _back(request: HttpRequest, conversation_id: int | None) -> HttpResponse:
    if conversation_id:
        return redirect("kalmte-conversation", conversation_id)
    return redirect("/")


def _run(request: HttpRequest, conversation_id: int | None, action, success: str) -> HttpResponse:
    try:
        action()
    except ActionError as error:
        messages.error(request, error.message)
        response = _back(request, conversation_id)
        response.status_code = 303
        return response
    messages.success(request, success)
    return _back(request, conversation_id)


@require_POST
@agent_required
def end_conversation(request: HttpRequest, conversation_id: int) -> HttpResponse:
    conversation = access_conversation(request.agent, conversation_id)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Bevestig dat u het gesprek wilt beëindigen."))
        return _back(request, conversation.pk)
    return _run(
        request,
        conversation.pk,
        lambda: actions.do_end_conversation(
            conversation,
            reason=request.POST.get("reason"),
            acting_agent=request.agent,
            note=request.POST.get("note", ""),
            block_days=request.POST.get("block_days"),
        ),
        _("Het gesprek is beëindigd."),
    )


@require_POST
@agent_required
def lift_block(request: HttpRequest, block_id: int) -> HttpResponse:
    conversation_id = request.POST.get("conversation_id")

    def run() -> None:
        block = actions.access_block(request.agent, block_id)
        actions.do_lift_block(block, acting_agent=request.agent)

    back = int(conversation_id) if str(conversation_id).isdigit() else None
    return _run(request, back, run, _("De blokkade is opgeheven."))


@require_POST
@agent_required
def schedule_callback(request: HttpRequest, conversation_id: int) -> HttpResponse:
    conversation = access_conversation(request.agent, conversation_id)
    return _run(
        request,
        conversation.pk,
        lambda: actions.do_schedule_callback(
            conversation,
            scheduled_at=request.POST.get("scheduled_at", ""),
            acting_agent=request.agent,
            note=request.POST.get("note", ""),
            confirm=request.POST.get("confirm") == "yes",
        ),
        _("De terugbelafspraak staat gepland."),
    )


@require_POST
@agent_required
def mark_callback(request: HttpRequest, callback_id: int) -> HttpResponse:
    callback = None
    try:
        callback = actions.access_callback(request.agent, callback_id)
    except ActionError as error:
        messages.error(request, error.message)
        return _back(request, None)
    return _run(
        request,
        callback.conversation_id,
        lambda: actions.do_mark_callback(
            callback, status=request.POST.get("status"), acting_agent=request.agent
        ),
        _("De afspraak is bijgewerkt."),
    )


@require_POST
@agent_required
def mark_alert_read(request: HttpRequest, alert_id: int) -> HttpResponse:
    conversation_id = request.POST.get("conversation_id")
    back = int(conversation_id) if str(conversation_id).isdigit() else None

    def run() -> None:
        alert = actions.access_alert(request.agent, alert_id)
        actions.do_mark_alert_read(alert, acting_agent=request.agent)

    return _run(request, back, run, _("Melding gelezen."))


@require_POST
@agent_required
def set_preferences(request: HttpRequest) -> HttpResponse:
    conversation_id = request.POST.get("conversation_id")
    back = int(conversation_id) if str(conversation_id).isdigit() else None
    return _run(
        request,
        back,
        lambda: actions.do_set_preferences(
            request.agent,
            blur_insults=request.POST.get("blur_insults") == "on",
            route_heated_away=request.POST.get("route_heated_away") == "on",
        ),
        _("Voorkeuren opgeslagen."),
    )


@require_POST
@agent_required
def set_threshold(request: HttpRequest) -> HttpResponse:
    conversation_id = request.POST.get("conversation_id")
    back = int(conversation_id) if str(conversation_id).isdigit() else None
    return _run(
        request,
        back,
        lambda: actions.do_set_hostile_threshold(
            request.agent.shop, request.POST.get("threshold"), acting_agent=request.agent
        ),
        _("De grens is opgeslagen."),
    )
