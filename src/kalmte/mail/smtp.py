"""The SMTP receiver: an aiosmtpd handler that hands each mail to `do_receive_mail`.

Unknown recipients are refused at RCPT; too large mail at DATA (aiosmtpd enforces the SIZE
limit with 552); refused attachments with 554. A mail is acknowledged with 250 only after it
is stored, so a crash in between makes the sending server try again.
"""

from __future__ import annotations

import logging

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import close_old_connections

from kalmte.mail.actions import MailRejected, check_recipient, do_receive_mail

log = logging.getLogger(__name__)


def _receive(raw: bytes, recipients: list[str], envelope_from: str) -> str:
    close_old_connections()
    try:
        received = do_receive_mail(raw, recipients=recipients, envelope_from=envelope_from)
    except MailRejected as rejected:
        return rejected.smtp_reply
    finally:
        close_old_connections()
    state = "stored" if received.created else "already stored"
    return f"250 2.0.0 Ok: {state} as {received.inbound.pk}"


def _check_recipient(address: str) -> str | None:
    close_old_connections()
    try:
        check_recipient(address)
    except MailRejected as rejected:
        return rejected.smtp_reply
    return None


class DeskHandler:
    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, rcpt_options
    ) -> str:
        refusal = await sync_to_async(_check_recipient, thread_sensitive=True)(address)
        if refusal:
            return refusal
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or envelope.content or b""
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "surrogateescape")
        try:
            return await sync_to_async(_receive, thread_sensitive=True)(
                raw, list(envelope.rcpt_tos), envelope.mail_from or ""
            )
        except Exception:
            log.exception("storing a mail failed")
            return "451 4.3.0 Tijdelijke fout, probeer later opnieuw / temporary failure"


def make_controller(*, host: str | None = None, port: int | None = None) -> Controller:
    return Controller(
        DeskHandler(),
        hostname=host or settings.KALMTE_SMTPD_HOST,
        port=settings.KALMTE_SMTPD_PORT if port is None else port,
        data_size_limit=settings.KALMTE_MAIL_MAX_BYTES,
        decode_data=False,
        server_hostname=settings.KALMTE_MAIL_DOMAIN,
        ident="Kalmte",
    )
