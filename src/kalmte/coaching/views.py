"""The reply coach endpoints the reply box calls. Thin: parse, call, render."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kalmte.accounts.decorators import agent_required
from kalmte.analysis.coach import REGISTERS, Finding, convert_register
from kalmte.coaching.actions import MAX_DRAFT_CHARS, check_draft
from kalmte.conversations.access import access_conversation


def _draft(request: HttpRequest) -> str | None:
    draft = request.POST.get("body", "")
    return draft if len(draft) <= MAX_DRAFT_CHARS else None


def segments(draft: str, findings: list[Finding]) -> list[tuple[str, Finding | None]]:
    """The draft cut into plain text and underlined spans (no overlaps, whole-draft spans skipped)."""
    out: list[tuple[str, Finding | None]] = []
    pos = 0
    for f in sorted(findings, key=lambda f: (f.start, f.end)):
        if f.start < pos or f.end <= f.start or (f.start == 0 and f.end == len(draft)):
            continue
        if f.start > pos:
            out.append((draft[pos : f.start], None))
        out.append((draft[f.start : f.end], f))
        pos = f.end
    if pos < len(draft):
        out.append((draft[pos:], None))
    return out


@require_POST
@agent_required
def check_view(request: HttpRequest, conversation_id: int) -> HttpResponse:
    conversation = access_conversation(request.agent, conversation_id)
    draft = _draft(request)
    if draft is None:
        return HttpResponseBadRequest(
            _("Het concept is te lang: maximaal %(n)d tekens.") % {"n": MAX_DRAFT_CHARS}
        )
    findings = check_draft(conversation, draft)
    if request.GET.get("format") == "json":
        return JsonResponse({"findings": [f.to_dict() for f in findings]})
    return render(
        request,
        "coaching/_findings.html",
        {"findings": findings, "draft": draft, "segments": segments(draft, findings)},
    )


@require_POST
@agent_required
def convert_view(request: HttpRequest, conversation_id: int) -> HttpResponse:
    conversation = access_conversation(request.agent, conversation_id)
    draft = _draft(request)
    if draft is None:
        return HttpResponseBadRequest(
            _("Het concept is te lang: maximaal %(n)d tekens.") % {"n": MAX_DRAFT_CHARS}
        )
    target = request.POST.get("register") or conversation.shop.register
    if target not in REGISTERS:
        return HttpResponseBadRequest(_("Onbekende aanspreekvorm."))
    return JsonResponse({"body": convert_register(draft, target), "register": target})
