"""Mail in and out. The SMTP receiver and the IMAP poller both call `do_receive_mail`; agent
and system messages on e-mail conversations go out through `queue_outgoing` and the
background task that calls `do_send_outgoing`.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from email.utils import formataddr, make_msgid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.html import escape, linebreaks
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from kalmte.conversations.actions import (
    ActionError,
    do_add_customer_message,
    do_create_conversation,
    do_get_or_create_customer,
    record_event,
)
from kalmte.conversations.models import AuthorKind, Channel, Conversation, Message, Status
from kalmte.lib.realtime import conversation_group, send_event_on_commit
from kalmte.mail.models import (
    DeliveryStatus,
    InboundMail,
    InboundStatus,
    MailAttachment,
    MailThread,
    OutboundMail,
)
from kalmte.mail.parsing import ParsedMail, normalize_subject, parse_mail
from kalmte.shop.models import Shop

log = logging.getLogger(__name__)

REFUSED_CONTENT_TYPES = {
    "application/x-msdownload",
    "application/x-msdos-program",
    "application/x-executable",
    "application/x-dosexec",
    "application/x-sh",
    "application/x-shellscript",
    "application/javascript",
    "text/javascript",
    "application/x-ms-shortcut",
    "application/hta",
    "application/java-archive",
}


class MailRejected(Exception):
    """A mail the desk will not take; `smtp_code` and `reason` go back to the sender."""

    def __init__(self, smtp_code: int, reason: str):
        super().__init__(f"{smtp_code} {reason}")
        self.smtp_code = smtp_code
        self.reason = reason

    @property
    def smtp_reply(self) -> str:
        return f"{self.smtp_code} {self.reason}"


@dataclass(frozen=True)
class Received:
    inbound: InboundMail
    message: Message | None
    created: bool


# --- addresses -----------------------------------------------------------------------------


def reply_address(conversation: Conversation) -> str:
    thread, _created = MailThread.objects.get_or_create(conversation=conversation)
    return f"reply+{thread.reply_token}@{settings.KALMTE_MAIL_DOMAIN}"


def resolve_address(address: str) -> tuple[Shop | None, Conversation | None]:
    """The shop (and with a reply token, the conversation) an address belongs to."""
    address = address.strip().strip("<>").lower()
    local, _at, domain = address.rpartition("@")
    if not local:
        return None, None
    if "+" in local:
        token = local.split("+", 1)[1]
        thread = (
            MailThread.objects.filter(reply_token=token)
            .select_related("conversation__shop")
            .first()
        )
        if thread is not None:
            return thread.conversation.shop, thread.conversation
    shop = Shop.objects.filter(email_address__iexact=address).first()
    if shop is None and "+" in local:
        base = f"{local.split('+', 1)[0]}@{domain}"
        shop = Shop.objects.filter(email_address__iexact=base).first()
    if shop is None and domain == settings.KALMTE_MAIL_DOMAIN.lower():
        shop = Shop.objects.filter(slug=local.split("+", 1)[0]).first()
    return shop, None


def check_recipient(address: str) -> Shop:
    shop, _conversation = resolve_address(address)
    if shop is None:
        raise MailRejected(550, "5.1.1 Onbekende ontvanger / unknown recipient")
    return shop


def _resolve(addresses: Iterable[str]) -> tuple[Shop | None, Conversation | None]:
    first_shop = None
    for address in addresses:
        shop, conversation = resolve_address(address)
        if conversation is not None:
            return shop, conversation
        first_shop = first_shop or shop
    return first_shop, None


# --- limits --------------------------------------------------------------------------------


def check_mail_size(raw: bytes) -> None:
    limit = settings.KALMTE_MAIL_MAX_BYTES
    if len(raw) > limit:
        raise MailRejected(
            552,
            f"5.3.4 Bericht te groot / message too large ({len(raw)} > {limit} bytes)",
        )


def check_attachments(parsed: ParsedMail) -> None:
    if len(parsed.attachments) > settings.KALMTE_MAIL_MAX_ATTACHMENTS:
        raise MailRejected(
            552,
            f"5.3.4 Te veel bijlagen / too many attachments "
            f"(max {settings.KALMTE_MAIL_MAX_ATTACHMENTS})",
        )
    refused = {ext.lower().lstrip(".") for ext in settings.KALMTE_MAIL_REFUSED_EXTENSIONS}
    for attachment in parsed.attachments:
        suffixes = [s.lstrip(".").lower() for s in PurePosixPath(attachment.filename).suffixes]
        if any(s in refused for s in suffixes) or attachment.content_type in REFUSED_CONTENT_TYPES:
            name = attachment.filename.encode("ascii", "replace").decode()[:80]
            raise MailRejected(
                554,
                f"5.7.1 Bijlage geweigerd (uitvoerbaar bestand of script) / "
                f"attachment refused by type: {name}",
            )


# --- mail in -------------------------------------------------------------------------------


def client_id_for(message_id: str) -> str:
    return hashlib.sha256(message_id.encode("utf-8", "replace")).hexdigest()


def _thread_conversation(shop: Shop, parsed: ParsedMail) -> Conversation | None:
    ids = [*parsed.in_reply_to, *reversed(parsed.references)]
    if not ids:
        return None
    outbound = (
        OutboundMail.objects.filter(conversation__shop=shop, message_id_header__in=ids)
        .select_related("conversation")
        .order_by("-created_at")
        .first()
    )
    if outbound is not None:
        return outbound.conversation
    inbound = (
        InboundMail.objects.filter(shop=shop, message_id_header__in=ids, conversation__isnull=False)
        .select_related("conversation")
        .order_by("-received_at")
        .first()
    )
    return inbound.conversation if inbound else None


def _recent_conversation(shop: Shop, parsed: ParsedMail) -> Conversation | None:
    subject = normalize_subject(parsed.subject)
    if not subject or not parsed.from_address:
        return None
    since = timezone.now() - timedelta(days=settings.KALMTE_MAIL_JOIN_DAYS)
    candidates = Conversation.objects.filter(
        shop=shop,
        customer__email=parsed.from_address,
        channel=Channel.EMAIL,
        status__in=[Status.OPEN, Status.PENDING],
        updated_at__gte=since,
    ).order_by("-updated_at")[:20]
    for conversation in candidates:
        if normalize_subject(conversation.subject) == subject:
            return conversation
    return None


def _message_body(parsed: ParsedMail) -> str:
    body = parsed.reply or parsed.text
    if not body.strip():
        body = (
            _("(Bericht zonder tekst; zie de bijlagen.)")
            if parsed.attachments
            else _("(Leeg e-mailbericht)")
        )
    limit = settings.KALMTE_MAX_MESSAGE_CHARS
    if len(body) > limit:
        marker = _("… [ingekort; de hele e-mail staat bij het bericht]")
        body = body[: limit - len(marker) - 1].rstrip() + "\n" + marker
    return body


def _inbound_fields(parsed: ParsedMail, envelope_from: str | None, recipients: list[str]):
    return {
        "message_id_header": parsed.message_id,
        "in_reply_to": " ".join(parsed.in_reply_to),
        "references": " ".join(parsed.references),
        "from_name": parsed.from_name[:200],
        "from_address": parsed.from_address[:254],
        "envelope_from": (envelope_from or "")[:254],
        "recipients": " ".join(recipients),
        "subject": parsed.subject,
    }


def do_receive_mail(
    raw: bytes,
    *,
    recipients: Iterable[str] = (),
    envelope_from: str | None = None,
    shop: Shop | None = None,
) -> Received:
    """Store one raw e-mail as a customer message of an e-mail conversation.

    Idempotent on Message-ID per shop. Auto-replies, bounces and bulk mail are recorded and
    dropped. Raises MailRejected (with an SMTP code) for mail the desk will not take.
    """
    check_mail_size(raw)
    parsed = parse_mail(raw, envelope_from=envelope_from)
    envelope_rcpts = [r.lower() for r in recipients]
    token_shop, token_conversation = _resolve([*envelope_rcpts, *parsed.recipients])
    if token_conversation is not None:
        shop = token_shop
    shop = shop or token_shop
    if shop is None:
        raise MailRejected(550, "5.1.1 Onbekende ontvanger / unknown recipient")
    fields = _inbound_fields(parsed, envelope_from, envelope_rcpts or parsed.recipients)

    existing = InboundMail.objects.filter(shop=shop, message_id_header=parsed.message_id).exclude(
        status=InboundStatus.REJECTED
    )
    if (found := existing.select_related("message").first()) is not None:
        return Received(found, found.message, created=False)

    if parsed.automated:
        return _drop(shop, parsed, fields)

    try:
        check_attachments(parsed)
    except MailRejected as rejected:
        InboundMail.objects.create(
            shop=shop, status=InboundStatus.REJECTED, reason=rejected.reason[:200], **fields
        )
        record_event(
            shop, "mail_rejected", mail_message_id=parsed.message_id, reason=rejected.reason
        )
        raise

    try:
        with transaction.atomic():
            return _accept(shop, parsed, raw, fields, token_conversation)
    except IntegrityError:
        found = existing.select_related("message").first()
        if found is None:
            raise
        return Received(found, found.message, created=False)


def _drop(shop: Shop, parsed: ParsedMail, fields: dict) -> Received:
    try:
        with transaction.atomic():
            inbound = InboundMail.objects.create(
                shop=shop, status=InboundStatus.DROPPED, reason=parsed.automated[:200], **fields
            )
            record_event(
                shop, "mail_dropped", mail_message_id=parsed.message_id, reason=parsed.automated
            )
    except IntegrityError:
        inbound = InboundMail.objects.get(shop=shop, message_id_header=parsed.message_id)
        return Received(inbound, None, created=False)
    log.info("dropped automated mail %s: %s", parsed.message_id, parsed.automated)
    return Received(inbound, None, created=True)


def _accept(
    shop: Shop,
    parsed: ParsedMail,
    raw: bytes,
    fields: dict,
    token_conversation: Conversation | None,
) -> Received:
    conversation = _thread_conversation(shop, parsed) or token_conversation
    if conversation is None:
        conversation = _recent_conversation(shop, parsed)
    if conversation is not None and conversation.status == Status.ENDED:
        conversation = None
    if conversation is None:
        if not parsed.from_address:
            raise MailRejected(550, "5.1.7 Afzender ontbreekt / missing sender address")
        customer = do_get_or_create_customer(shop, email=parsed.from_address, name=parsed.from_name)
        conversation = do_create_conversation(
            shop,
            customer,
            channel=Channel.EMAIL,
            subject=parsed.subject or _("(geen onderwerp)"),
        )
    MailThread.objects.get_or_create(conversation=conversation)
    try:
        posted = do_add_customer_message(
            conversation, _message_body(parsed), client_id=client_id_for(parsed.message_id)
        )
    except ActionError as error:
        raise MailRejected(554, f"5.6.0 {error.message}") from error
    inbound = InboundMail.objects.create(
        shop=shop,
        conversation=conversation,
        message=posted.message,
        status=InboundStatus.ACCEPTED,
        text=parsed.text,
        quoted=parsed.quoted,
        raw=raw,
        **fields,
    )
    for attachment in parsed.attachments:
        name = get_valid_filename(attachment.filename)[:120] or "bijlage"
        stored = MailAttachment(
            inbound=inbound,
            filename=attachment.filename[:200],
            content_type=attachment.content_type[:100],
            size=len(attachment.payload),
        )
        stored.file.save(name, ContentFile(attachment.payload), save=False)
        stored.save()
    return Received(inbound, posted.message, created=posted.created)


# --- mail out ------------------------------------------------------------------------------


def _thread_ids(conversation: Conversation) -> tuple[str, list[str]]:
    """(In-Reply-To, References) for the next mail in a conversation."""
    dated: list[tuple] = []
    for inbound in InboundMail.objects.filter(
        conversation=conversation, status=InboundStatus.ACCEPTED
    ).only("message_id_header", "references", "received_at"):
        dated.append((inbound.received_at, inbound.message_id_header, inbound.references.split()))
    for outbound in OutboundMail.objects.filter(conversation=conversation).only(
        "message_id_header", "created_at"
    ):
        dated.append((outbound.created_at, outbound.message_id_header, []))
    dated.sort(key=lambda row: row[0])
    references: list[str] = []
    for _when, message_id, earlier in dated:
        for ref in [*earlier, message_id]:
            if ref not in references:
                references.append(ref)
    in_reply_to = (
        InboundMail.objects.filter(conversation=conversation, status=InboundStatus.ACCEPTED)
        .order_by("-received_at", "-pk")
        .values_list("message_id_header", flat=True)
        .first()
    ) or (dated[-1][1] if dated else "")
    return in_reply_to, references[-20:]


def queue_outgoing(message: Message) -> OutboundMail | None:
    """Record an agent or system message of an e-mail conversation for sending; the send
    itself runs in the background worker after the transaction commits."""
    conversation = message.conversation
    if conversation.channel != Channel.EMAIL or message.author_kind == AuthorKind.CUSTOMER:
        return None
    in_reply_to, references = _thread_ids(conversation)
    outbound = OutboundMail.objects.create(
        message=message,
        conversation=conversation,
        message_id_header=make_msgid(domain=settings.KALMTE_MAIL_DOMAIN),
        in_reply_to=in_reply_to,
        references=" ".join(references),
        to_address=conversation.customer.email,
    )
    MailThread.objects.get_or_create(conversation=conversation)
    transaction.on_commit(lambda: enqueue_send(outbound.pk))
    return outbound


def enqueue_send(outbound_id: int, *, run_after=None) -> None:
    from kalmte.mail.tasks import send_outgoing_mail

    task = send_outgoing_mail
    if run_after is not None and task.get_backend().supports_defer:
        task = task.using(run_after=run_after)
    task.enqueue(outbound_id)


def build_email(outbound: OutboundMail) -> EmailMultiAlternatives:
    message = outbound.message
    conversation = outbound.conversation
    shop = conversation.shop
    shop_address = shop.email_address or settings.DEFAULT_FROM_EMAIL
    if message.author_kind == AuthorKind.AGENT and message.agent_id:
        sender_name = _("%(agent)s van %(shop)s") % {
            "agent": message.agent.display_name,
            "shop": shop.name,
        }
    else:
        sender_name = shop.name
    subject = conversation.subject or _("Uw bericht aan %(shop)s") % {"shop": shop.name}
    if outbound.in_reply_to and normalize_subject(subject) == subject.lower().strip():
        subject = f"Re: {subject}"
    headers = {"Message-ID": outbound.message_id_header}
    if outbound.in_reply_to:
        headers["In-Reply-To"] = outbound.in_reply_to
    if outbound.references:
        headers["References"] = outbound.references
    if message.author_kind == AuthorKind.SYSTEM:
        headers["Auto-Submitted"] = "auto-generated"
    signature = f"{sender_name}"
    text = f"{message.body}\n\n-- \n{signature}\n"
    html = (
        '<div style="font-family:sans-serif;font-size:15px;line-height:1.5">'
        f"{linebreaks(escape(message.body))}"
        f'<p style="color:#555">{escape(signature)}</p></div>'
    )
    email = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=formataddr((sender_name, shop_address)),
        to=[outbound.to_address],
        reply_to=[formataddr((shop.name, reply_address(conversation)))],
        headers=headers,
    )
    email.attach_alternative(html, "text/html")
    return email


def _announce(outbound: OutboundMail) -> None:
    send_event_on_commit(
        conversation_group(outbound.conversation_id),
        {
            "type": "message.delivery",
            "message": outbound.message_id,
            "delivery": outbound.to_dict(),
        },
    )


def do_send_outgoing(outbound_id: int) -> OutboundMail:
    """Try to send one queued mail. On failure the attempt is counted and the next one is
    scheduled (status retrying) until the attempts run out (status failed)."""
    outbound = OutboundMail.objects.select_related(
        "message__agent", "conversation__shop", "conversation__customer"
    ).get(pk=outbound_id)
    if outbound.status in (DeliveryStatus.SENT, DeliveryStatus.FAILED):
        return outbound
    now = timezone.now()
    outbound.attempts += 1
    try:
        if not outbound.to_address:
            raise ValueError(_("De klant heeft geen e-mailadres."))
        connection = get_connection(fail_silently=False, timeout=15)
        sent = connection.send_messages([build_email(outbound)])
        if sent != 1:
            raise RuntimeError("the mail server accepted no message")
    except Exception as error:  # any failure of the send: count it, never lose the message
        outbound.last_error = f"{type(error).__name__}: {error}"[:1000]
        if outbound.attempts >= settings.KALMTE_MAIL_SEND_ATTEMPTS or not outbound.to_address:
            outbound.status = DeliveryStatus.FAILED
            outbound.next_attempt_at = None
        else:
            outbound.status = DeliveryStatus.RETRYING
            delay = settings.KALMTE_MAIL_RETRY_SECONDS * 2 ** (outbound.attempts - 1)
            outbound.next_attempt_at = now + timedelta(seconds=delay)
        log.warning("sending %s failed (%s)", outbound.message_id_header, outbound.last_error)
    else:
        outbound.status = DeliveryStatus.SENT
        outbound.sent_at = now
        outbound.next_attempt_at = None
        outbound.last_error = ""
    with transaction.atomic():
        outbound.save(
            update_fields=["status", "attempts", "last_error", "next_attempt_at", "sent_at"]
        )
        if outbound.status == DeliveryStatus.FAILED:
            record_event(
                outbound.conversation.shop,
                "mail_failed",
                conversation=outbound.conversation,
                mail_message_id=outbound.message_id_header,
                error=outbound.last_error,
            )
        _announce(outbound)
    return outbound


def do_retry_outgoing(outbound: OutboundMail) -> OutboundMail:
    """Send a failed mail again (from the agent's screen or `kalmte sendmail --retry`)."""
    if outbound.status == DeliveryStatus.SENT:
        return outbound
    outbound.status = DeliveryStatus.QUEUED
    outbound.attempts = 0
    outbound.next_attempt_at = None
    outbound.save(update_fields=["status", "attempts", "next_attempt_at"])
    transaction.on_commit(lambda: enqueue_send(outbound.pk))
    return outbound
