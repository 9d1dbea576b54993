"""The IMAP poller: reads unseen mail from an existing mailbox and hands it to
`do_receive_mail`. A mail is flagged \\Seen only once it is stored, dropped or rejected
(a rejection is recorded), so nothing is lost when the desk is down."""

from __future__ import annotations

import imaplib
import logging
from dataclasses import dataclass

from kalmte.mail.actions import MailRejected, do_receive_mail
from kalmte.shop.models import Shop

log = logging.getLogger(__name__)


@dataclass
class FetchResult:
    stored: int = 0
    duplicates: int = 0
    rejected: int = 0
    failed: int = 0


def connect(*, host: str, port: int, user: str, password: str, ssl: bool) -> imaplib.IMAP4:
    client = imaplib.IMAP4_SSL(host, port) if ssl else imaplib.IMAP4(host, port)
    client.login(user, password)
    return client


def fetch_mailbox(
    client: imaplib.IMAP4, *, shop: Shop | None, folder: str = "INBOX"
) -> FetchResult:
    result = FetchResult()
    status, _data = client.select(folder)
    if status != "OK":
        raise RuntimeError(f"cannot open IMAP folder {folder!r}")
    status, data = client.uid("SEARCH", None, "UNSEEN")
    if status != "OK":
        raise RuntimeError("IMAP search failed")
    for uid in (data[0] or b"").split():
        status, parts = client.uid("FETCH", uid, "(BODY.PEEK[])")
        raw = next((p[1] for p in parts or [] if isinstance(p, tuple)), None)
        if status != "OK" or raw is None:
            result.failed += 1
            continue
        try:
            received = do_receive_mail(raw, shop=shop)
        except MailRejected as rejected:
            log.warning("IMAP mail %s rejected: %s", uid, rejected.smtp_reply)
            result.rejected += 1
        except Exception:
            log.exception("IMAP mail %s could not be stored; left unseen", uid)
            result.failed += 1
            continue
        else:
            if received.created:
                result.stored += 1
            else:
                result.duplicates += 1
        client.uid("STORE", uid, "+FLAGS", "(\\Seen)")
    return result
