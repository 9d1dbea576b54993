"""The agent workspace: inbox and conversation pages. Thin: parse, call an action, render."""

from __future__ import annotations

from django.contrib import messages as flash
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kalmte.accounts.decorators import agent_required
from kalmte.accounts.models import Agent
from kalmte.conversations import actions
from kalmte.conversations.access import access_agent, access_conversation
from kalmte.conversations.inbox import InboxFilter, inbox
from kalmte.conversations.models import Channel, Conversation, MessageKind, Status


@require_GET
@agent_required
def inbox_view(request: HttpRequest) -> HttpResponse:
    flt = InboxFilter.from_query(request.GET)
    context = {
        "conversations": inbox(request.agent, flt),
        "filter": flt,
        "statuses": [("active", _("actief")), *Status.choices, ("any", _("alle"))],
        "channels": Channel.choices,
        "scopes": [
            ("mine", _("mijn gesprekken")),
            ("unassigned", _("niet toegewezen")),
            ("all", _("alle")),
        ],
    }
    template = "conversations/_inbox_list.html" if request.htmx else "conversations/inbox.html"
    return render(request, template, context)


def _conversation_context(agent: Agent, conversation: Conversation) -> dict:
    return {
        "conversation": conversation,
        "customer": conversation.customer,
        "history": conversation.messages.select_related("agent").order_by("created_at", "pk"),
        "notes": conversation.notes.select_related("agent"),
        "colleagues": Agent.objects.filter(shop_id=agent.shop_id, user__is_active=True),
        "other_conversations": conversation.customer.conversations.exclude(
            pk=conversation.pk
        ).order_by("-updated_at")[:10],
        "events": conversation.events.select_related("actor").order_by("-created_at")[:20],
        "canned_replies": conversation.shop.canned_replies.all(),
    }


@require_GET
@agent_required
def conversation_view(request: HttpRequest, conversation_id: int) -> HttpResponse:
    conversation = access_conversation(request.agent, conversation_id)
    return render(
        request,
        "conversations/conversation.html",
        _conversation_context(request.agent, conversation),
    )


@require_GET
@agent_required
def messages_view(request: HttpRequest, conversation_id: int) -> HttpResponse:
    conversation = access_conversation(request.agent, conversation_id)
    return render(
        request, "conversations/_history.html", _conversation_context(request.agent, conversation)
    )


def _back(request: HttpRequest, conversation: Conversation) -> HttpResponse:
    return redirect(reverse("kalmte-conversation", args=[conversation.pk]))


def _fail(
    request: HttpRequest, conversation: Conversation, error: actions.ActionError
) -> HttpResponse:
    if request.htmx:
        response = render(
            request, "conversations/_error.html", {"error": error.message}, status=400
        )
        response["HX-Retarget"] = "#form-error"
        response["HX-Reswap"] = "innerHTML"
        return response
    flash.error(request, error.message)
    return _back(request, conversation)


@require_POST
@agent_required
def reply_view(request: HttpRequest, conversation_id: int) -> HttpResponse:
    conversation = access_conversation(request.agent, conversation_id)
    kind = (
        MessageKind.PHONE_NOTE
        if request.POST.get("kind") == MessageKind.PHONE_NOTE
        else MessageKind.MESSAGE
    )
    try:
        actions.do_add_agent_message(
            conversation,
            request.POST.get("body", ""),
            acting_agent=request.agent,
            client_id=request.POST.get("client_id") or None,
            kind=kind,
        )
    except actions.ActionError as error:
        return _fail(request, conversation, error)
    if kind == MessageKind.MESSAGE and request.POST.get("override") == "1":
        # "send anyway": the coach's open findings go into the audit trail
        from kalmte.coaching.actions import do_record_override

        do_record_override(conversation, request.POST.get("body", ""), acting_agent=request.agent)
    if request.htmx:
        conversation.refresh_from_db()
        return render(
            request,
            "conversations/_history.html",
            _conversation_context(request.agent, conversation),
        )
    return _back(request, conversation)


@require_POST
@agent_required
def note_view(request: HttpRequest, conversation_id: int) -> HttpResponse:
    conversation = access_conversation(request.agent, conversation_id)
    try:
        actions.do_add_note(conversation, request.POST.get("body", ""), acting_agent=request.agent)
    except actions.ActionError as error:
        return _fail(request, conversation, error)
    return _back(request, conversation)


@require_POST
@agent_required
def assign_view(request: HttpRequest, conversation_id: int) -> HttpResponse:
    conversation = access_conversation(request.agent, conversation_id)
    raw = request.POST.get("agent_id", "")
    if raw == "me":
        assignee: Agent | None = request.agent
    elif raw == "":
        assignee = None
    else:
        assignee = access_agent(request.agent, raw)
    try:
        actions.do_assign_conversation(conversation, assignee, acting_agent=request.agent)
    except actions.ActionError as error:
        return _fail(request, conversation, error)
    return _back(request, conversation)


STATUS_ACTIONS = {
    "close": actions.do_close_conversation,
    "reopen": actions.do_reopen_conversation,
    "pending": actions.do_set_pending,
}


@require_POST
@agent_required
def status_view(request: HttpRequest, conversation_id: int) -> HttpResponse:
    conversation = access_conversation(request.agent, conversation_id)
    action = STATUS_ACTIONS.get(request.POST.get("action", ""))
    if action is None:
        return HttpResponseBadRequest(_("Onbekende actie."))
    try:
        action(conversation, acting_agent=request.agent)
    except actions.ActionError as error:
        return _fail(request, conversation, error)
    return _back(request, conversation)
