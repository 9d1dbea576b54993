"""Turning a raw e-mail into what the desk needs, with the standard library only.

`parse_mail(raw)` never raises on odd input: unknown or broken charsets decode with
replacement characters, a missing body becomes "", HTML-only mail becomes plain text. The
customer's new words are separated from the quoted earlier thread and the signature; both are
kept so the agent can open them.
"""

from __future__ import annotations

import email
import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage, Message
from email.policy import default
from email.utils import getaddresses, parseaddr, parsedate_to_datetime
from html import unescape
from html.parser import HTMLParser

MESSAGE_ID_RE = re.compile(r"<[^<>\s]+>")
SUBJECT_PREFIX_RE = re.compile(
    r"^\s*((re|aw|antw|antwoord|fw|fwd|doorst|wg|tr)\s*(\[\d+\])?\s*:\s*)+", re.IGNORECASE
)


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    payload: bytes


@dataclass(frozen=True)
class ParsedMail:
    message_id: str
    in_reply_to: list[str]
    references: list[str]
    from_name: str
    from_address: str
    recipients: list[str]
    subject: str
    date: datetime | None
    text: str  # the whole text body, cleaned
    reply: str  # the new words only
    quoted: str  # the earlier thread and the signature, as they came
    attachments: list[Attachment] = field(default_factory=list)
    automated: str = ""  # why this is an auto-reply, bounce or bulk mail; "" when human


def message_ids(value: str | None) -> list[str]:
    return MESSAGE_ID_RE.findall(value or "")


def normalize_subject(subject: str) -> str:
    return " ".join(SUBJECT_PREFIX_RE.sub("", subject or "").split()).lower()


def _header(msg: Message, name: str) -> str:
    try:
        value = msg.get(name)
    except Exception:  # a header the policy cannot parse: take it raw
        value = msg.get_all(name, failobj=[""])[0] if hasattr(msg, "get_all") else ""
    return str(value or "").strip()


# --- HTML to text -------------------------------------------------------------------------

_BLOCK = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "hr"}
_SKIP = {"style", "script", "head", "title"}


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.quote_depth = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif tag == "blockquote":
            self.quote_depth += 1
            self.parts.append("\n")
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag == "blockquote":
            self.quote_depth = max(0, self.quote_depth - 1)
            self.parts.append("\n")
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.quote_depth:
            lines = data.split("\n")
            data = "\n".join(("> " + line) if line.strip() else line for line in lines)
        self.parts.append(data)


def html_to_text(html: str) -> str:
    parser = _TextExtractor()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # malformed beyond repair: strip tags crudely
        return clean_text(unescape(re.sub(r"<[^>]*>", " ", html)))
    return clean_text("".join(parser.parts))


def clean_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    text = text.replace("\x00", "")
    lines = [line.rstrip() for line in text.split("\n")]
    text = "\n".join(re.sub(r"[ \t]{2,}", " ", line) for line in lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


# --- quoted thread and signature ---------------------------------------------------------

_QUOTE_STARTS = [
    re.compile(r"^\s*Op .{0,200}(schreef|heeft .{0,40}geschreven)", re.IGNORECASE),
    re.compile(r"^\s*On .{0,200}wrote:?\s*$", re.IGNORECASE),
    re.compile(r"^\s*Am .{0,200}schrieb", re.IGNORECASE),
    re.compile(r"^\s*-{2,}\s*(Original Message|Oorspronkelijk bericht|Origineel bericht)", re.I),
    re.compile(r"^\s*-{2,}\s*(Forwarded message|Doorgestuurd bericht)", re.IGNORECASE),
    re.compile(r"^\s*_{10,}\s*$"),
    re.compile(r"^\s*(Van|From)\s*:\s*\S", re.IGNORECASE),
]
_SIGNATURE_STARTS = [
    re.compile(r"^-- ?$"),
    re.compile(r"^\s*(Verstuurd|Verzonden) (vanaf|vanuit|met) ", re.IGNORECASE),
    re.compile(r"^\s*Sent from my ", re.IGNORECASE),
    re.compile(r"^\s*Get Outlook for ", re.IGNORECASE),
]
_HEADER_FOLLOWS = re.compile(r"^\s*(Verzonden|Sent|Datum|Date|Aan|To|Onderwerp|Subject)\s*:", re.I)


def _is_quote_start(lines: list[str], i: int) -> bool:
    line = lines[i]
    for pattern in _QUOTE_STARTS[:-1]:
        if pattern.search(line):
            return True
    # "Van: …" only counts as a quoted header when a header line follows it (Outlook).
    if _QUOTE_STARTS[-1].search(line):
        following = [x for x in lines[i + 1 : i + 4] if x.strip()]
        return any(_HEADER_FOLLOWS.search(x) for x in following)
    # "Op … schreef" wrapped over two lines.
    if re.match(r"^\s*Op .{5,}", line, re.IGNORECASE) and i + 1 < len(lines):
        return bool(re.search(r"schreef.*:\s*$", lines[i + 1], re.IGNORECASE))
    return False


def split_reply(text: str) -> tuple[str, str]:
    """Split a body into (new words, quoted thread + signature)."""
    lines = text.split("\n")
    cut = len(lines)
    for i, line in enumerate(lines):
        if _is_quote_start(lines, i) or any(p.search(line) for p in _SIGNATURE_STARTS):
            cut = i
            break
        if line.startswith(">"):
            # A block of "> " lines ends the new words unless new words follow it (inline reply).
            rest = [x for x in lines[i:] if x.strip()]
            if all(x.startswith(">") for x in rest):
                cut = i
                break
    reply_lines = [x for x in lines[:cut] if not x.startswith(">")]
    reply = clean_text("\n".join(reply_lines))
    quoted = "\n".join(lines[cut:]).strip()
    inline_quotes = [x for x in lines[:cut] if x.startswith(">")]
    if inline_quotes:
        quoted = "\n".join([*inline_quotes, quoted]).strip()
    if not reply and quoted:
        # Nothing but a quote (a plain forward): the quote is the message.
        return clean_text(text), ""
    return reply, quoted


# --- the message ----------------------------------------------------------------------------


def _decode_part(part: Message) -> str:
    payload = part.get_payload(decode=True)
    if payload is None:
        payload = b""
    if isinstance(payload, str):
        return payload
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset, errors="replace")
    except LookupError:  # an unknown charset name
        try:
            return payload.decode("utf-8")
        except UnicodeDecodeError:
            return payload.decode("cp1252", errors="replace")


def _walk(msg: Message, plain: list[str], html: list[str], attachments: list[Attachment]) -> None:
    for part in msg.walk():
        if part.is_multipart():
            continue
        ctype = part.get_content_type()
        disposition = (part.get("Content-Disposition") or "").split(";")[0].strip().lower()
        filename = part.get_filename() if hasattr(part, "get_filename") else None
        if ctype == "message/rfc822":
            continue
        if disposition == "attachment" or (filename and ctype not in ("text/plain", "text/html")):
            payload = part.get_payload(decode=True) or b""
            attachments.append(
                Attachment(filename=str(filename or "bijlage"), content_type=ctype, payload=payload)
            )
        elif ctype == "text/plain":
            plain.append(_decode_part(part))
        elif ctype == "text/html":
            html.append(_decode_part(part))
        elif ctype.startswith(("image/", "application/", "audio/", "video/")):
            payload = part.get_payload(decode=True) or b""
            if payload and ctype != "application/ms-tnef":
                attachments.append(
                    Attachment(
                        filename=str(filename or "bijlage"), content_type=ctype, payload=payload
                    )
                )


def automated_reason(msg: Message, *, envelope_from: str | None) -> str:
    """Why a mail is machine-sent (auto-reply, bounce, bulk), or "" for a person's mail."""
    auto_submitted = _header(msg, "Auto-Submitted").lower()
    if auto_submitted and auto_submitted != "no":
        return f"auto-submitted: {auto_submitted}"
    precedence = _header(msg, "Precedence").lower()
    if precedence in ("bulk", "junk", "list", "auto_reply"):
        return f"precedence: {precedence}"
    for name in ("X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress-Reply"):
        if _header(msg, name):
            return name.lower()
    if _header(msg, "List-Id") or _header(msg, "List-Unsubscribe"):
        return "list-id"
    if envelope_from is not None and envelope_from.strip() in ("", "<>"):
        return "empty return path"
    if _header(msg, "Return-Path").replace(" ", "") == "<>":
        return "empty return path"
    if msg.get_content_type() == "multipart/report":
        return "delivery report"
    sender = parseaddr(_header(msg, "From"))[1].lower()
    if sender.split("@")[0] in ("mailer-daemon", "postmaster"):
        return "bounce"
    return ""


def parse_mail(raw: bytes, *, envelope_from: str | None = None) -> ParsedMail:
    msg: EmailMessage = email.message_from_bytes(raw, policy=default)  # type: ignore[assignment]
    plain: list[str] = []
    html: list[str] = []
    attachments: list[Attachment] = []
    try:
        _walk(msg, plain, html, attachments)
    except Exception:  # a structure the parser could not walk: keep what decodes
        plain = [raw.decode("utf-8", errors="replace")]
    if plain and any(p.strip() for p in plain):
        text = clean_text("\n\n".join(plain))
    elif html:
        text = html_to_text("\n".join(html))
    else:
        text = ""
    reply, quoted = split_reply(text)
    message_id = (message_ids(_header(msg, "Message-ID")) or [""])[0]
    if not message_id:
        message_id = f"<{hashlib.sha256(raw).hexdigest()[:32]}@kalmte.missing>"
    from_name, from_address = parseaddr(_header(msg, "From"))
    recipients = [
        addr.lower()
        for _, addr in getaddresses(
            [_header(msg, h) for h in ("Delivered-To", "X-Original-To", "To", "Cc")]
        )
        if addr
    ]
    try:
        date = parsedate_to_datetime(_header(msg, "Date")) if _header(msg, "Date") else None
    except (TypeError, ValueError):
        date = None
    if date is not None and date.tzinfo is None:
        date = None
    return ParsedMail(
        message_id=message_id[:250],
        in_reply_to=message_ids(_header(msg, "In-Reply-To")),
        references=message_ids(_header(msg, "References")),
        from_name=from_name.strip(),
        from_address=from_address.strip().lower(),
        recipients=recipients,
        subject=" ".join(_header(msg, "Subject").split())[:200],
        date=date,
        text=text,
        reply=reply,
        quoted=quoted,
        attachments=attachments,
        automated=automated_reason(msg, envelope_from=envelope_from),
    )
