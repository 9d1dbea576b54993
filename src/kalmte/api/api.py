"""The REST API for integrations: token auth, consistent JSON errors, an OpenAPI schema.

Every error answers `{"error": {"code": ..., "message": ..., "fields": {...}}}` with the
right HTTP status; the schema is served at /api/v1/openapi.json.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, NinjaAPI, Query, Schema
from ninja import Status as Answer
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer
from pydantic import field_validator

from kalmte.accounts.models import Agent, ApiToken, hash_token
from kalmte.conversations import actions
from kalmte.conversations.access import (
    access_agent,
    access_conversation,
    access_customer,
    conversations_for,
    customers_for,
)
from kalmte.conversations.models import AuthorKind, Channel, MessageKind, Status

MAX_ID = 2**53  # ids beyond this cannot exist and must not reach the database


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Agent | None:
        found = (
            ApiToken.objects.select_related("agent__user", "agent__shop")
            .filter(token_hash=hash_token(token), agent__user__is_active=True)
            .first()
        )
        if found is None:
            return None
        now = timezone.now()
        if found.last_used_at is None or (now - found.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.agent = found.agent
        return found.agent


api = NinjaAPI(
    title="Kalmte API",
    version="1",
    description="Customers, conversations and messages of one shop. "
    "Authenticate with `Authorization: Bearer <token>`.",
    auth=TokenAuth(),
    docs_url=None,
    urls_namespace="kalmte-api",
)


class ErrorBody(Schema):
    code: str
    message: str
    fields: dict[str, str] = {}


class ErrorOut(Schema):
    error: ErrorBody


def _error(request, status: int, code: str, message: str, fields: dict | None = None):
    return api.create_response(
        request,
        {"error": {"code": code, "message": message, "fields": fields or {}}},
        status=status,
    )


@api.exception_handler(ValidationError)
def on_validation_error(request, exc: ValidationError):
    fields = {}
    for err in exc.errors:
        loc = [
            str(p)
            for p in err.get("loc", [])
            if p not in ("body", "payload", "query", "path", "header")
        ]
        fields[".".join(loc) or "request"] = err.get("msg", "invalid")
    return _error(
        request, 422, "validation_error", "The request is not valid; see `fields`.", fields
    )


@api.exception_handler(AuthenticationError)
def on_auth_error(request, exc):
    return _error(
        request,
        401,
        "unauthorized",
        "A valid API token is required (Authorization: Bearer <token>).",
    )


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return _error(request, 404, "not_found", str(exc) or "Not found.")


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    return _error(request, exc.status_code, "http_error", str(exc))


@api.exception_handler(actions.ActionError)
def on_action_error(request, exc: actions.ActionError):
    status = {"forbidden": 403, "ended": 409}.get(exc.code, 422)
    return _error(
        request, status, exc.code, exc.message, {exc.field: exc.message} if exc.field else None
    )


# --- schemas --------------------------------------------------------------------------


class InputSchema(Schema):
    """Request bodies: text may not contain NUL characters (no database stores them)."""

    @field_validator("*", mode="before")
    @classmethod
    def _no_nul(cls, value):
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("must not contain NUL (\\x00) characters")
        return value


class CustomerIn(InputSchema):
    name: str = Field("", max_length=120)
    email: str = Field("", max_length=254, description="Empty, or a valid e-mail address.")
    phone: str = Field("", max_length=40)
    external_id: str = Field("", max_length=80)

    @field_validator("email")
    @classmethod
    def _valid_email(cls, value: str) -> str:
        value = value.strip()
        if value:
            try:
                validate_email(value)
            except DjangoValidationError:
                raise ValueError("not a valid e-mail address") from None
        return value


class CustomerFilter(InputSchema):
    email: str = Field("", max_length=254)


class CustomerOut(Schema):
    id: int
    name: str
    email: str
    phone: str
    external_id: str
    created_at: datetime


class ConversationIn(InputSchema):
    customer_id: int = Field(..., ge=1, le=MAX_ID)
    channel: Channel
    subject: str = Field("", max_length=200)


class ConversationOut(Schema):
    id: int
    customer: int = Field(..., alias="customer_id")
    channel: Channel
    status: Status
    owner: int | None = Field(None, alias="owner_id")
    subject: str
    created_at: datetime
    updated_at: datetime
    waiting_since: datetime | None
    intensity: float
    has_abuse: bool


class AgentOut(Schema):
    id: int
    name: str
    role: str


class MessageIn(InputSchema):
    body: str = Field(..., min_length=1, max_length=20000)
    author_kind: AuthorKind = AuthorKind.AGENT
    kind: MessageKind = MessageKind.MESSAGE
    client_id: str | None = Field(None, min_length=1, max_length=64)


class MessageOut(Schema):
    id: int
    conversation: int
    author_kind: AuthorKind
    kind: MessageKind
    agent: AgentOut | None
    body: str
    created_at: datetime
    client_id: str | None
    analysis: dict | None


class AssignIn(InputSchema):
    agent_id: int | None = Field(None, ge=1, le=MAX_ID)


class Page(Schema):
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=1_000_000)


class ConversationFilter(Schema):
    status: Status | None = None
    channel: Channel | None = None
    customer_id: int | None = Field(None, ge=1, le=MAX_ID)


class After(Schema):
    after: int = Field(0, ge=0, le=MAX_ID, description="Only messages with a larger id.")


ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


# --- customers --------------------------------------------------------------------------


@api.get("/customers", response={200: list[CustomerOut], **ERRORS}, tags=["customers"])
def list_customers(request, page: Query[Page], filters: Query[CustomerFilter]):
    qs = customers_for(request.agent).order_by("pk")
    if filters.email:
        qs = qs.filter(email=filters.email.strip().lower())
    return qs[page.offset : page.offset + page.limit]


@api.post("/customers", response={201: CustomerOut, **ERRORS}, tags=["customers"])
def create_customer(request, payload: CustomerIn):
    shop = request.agent.shop
    if payload.email and customers_for(request.agent).filter(email=payload.email.lower()).exists():
        return _error(
            request,
            409,
            "conflict",
            "A customer with this e-mail address exists.",
            {"email": "exists"},
        )
    customer = actions.do_get_or_create_customer(
        shop, email=payload.email, name=payload.name, phone=payload.phone
    )
    if payload.external_id:
        customer.external_id = payload.external_id
        customer.save(update_fields=["external_id"])
    return Answer(201, customer)


@api.get("/customers/{customer_id}", response={200: CustomerOut, **ERRORS}, tags=["customers"])
def get_customer(request, customer_id: int):
    return access_customer(request.agent, customer_id)


# --- conversations ----------------------------------------------------------------------


@api.get("/conversations", response={200: list[ConversationOut], **ERRORS}, tags=["conversations"])
def list_conversations(request, page: Query[Page], filters: Query[ConversationFilter]):
    qs = conversations_for(request.agent).order_by("-updated_at", "-pk")
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.channel:
        qs = qs.filter(channel=filters.channel)
    if filters.customer_id:
        qs = qs.filter(customer_id=filters.customer_id)
    return qs[page.offset : page.offset + page.limit]


@api.post("/conversations", response={201: ConversationOut, **ERRORS}, tags=["conversations"])
def create_conversation(request, payload: ConversationIn):
    customer = access_customer(request.agent, payload.customer_id)
    conversation = actions.do_create_conversation(
        request.agent.shop,
        customer,
        channel=payload.channel,
        subject=payload.subject,
        acting_agent=request.agent,
    )
    return Answer(201, conversation)


@api.get(
    "/conversations/{conversation_id}",
    response={200: ConversationOut, **ERRORS},
    tags=["conversations"],
)
def get_conversation(request, conversation_id: int):
    return access_conversation(request.agent, conversation_id)


@api.get(
    "/conversations/{conversation_id}/messages",
    response={200: list[MessageOut], **ERRORS},
    tags=["messages"],
)
def list_messages(request, conversation_id: int, page: Query[Page], since: Query[After]):
    """Messages in order; `after` returns only those with a larger id (for catching up)."""
    conversation = access_conversation(request.agent, conversation_id)
    qs = conversation.messages.select_related("agent").filter(pk__gt=since.after).order_by("pk")
    return [m.to_dict() for m in qs[page.offset : page.offset + page.limit]]


@api.post(
    "/conversations/{conversation_id}/messages",
    response={200: MessageOut, 201: MessageOut, **ERRORS},
    tags=["messages"],
)
def create_message(request, conversation_id: int, payload: MessageIn):
    """Post a message. Idempotent: the same `client_id` (or `Idempotency-Key` header) posted
    twice stores one message; the replay answers 200 with the stored message."""
    conversation = access_conversation(request.agent, conversation_id)
    client_id = payload.client_id or request.headers.get("Idempotency-Key") or None
    if payload.author_kind == AuthorKind.CUSTOMER:
        posted = actions.do_add_customer_message(conversation, payload.body, client_id=client_id)
    elif payload.author_kind == AuthorKind.AGENT:
        posted = actions.do_add_agent_message(
            conversation,
            payload.body,
            acting_agent=request.agent,
            client_id=client_id,
            kind=payload.kind,
        )
    else:
        return _error(
            request,
            422,
            "validation_error",
            "author_kind must be customer or agent.",
            {"author_kind": "system messages are written by Kalmte itself"},
        )
    return Answer(201 if posted.created else 200, posted.message.to_dict())


@api.post(
    "/conversations/{conversation_id}/assign",
    response={200: ConversationOut, **ERRORS},
    tags=["conversations"],
)
def assign_conversation(request, conversation_id: int, payload: AssignIn):
    conversation = access_conversation(request.agent, conversation_id)
    assignee = access_agent(request.agent, payload.agent_id) if payload.agent_id else None
    return actions.do_assign_conversation(conversation, assignee, acting_agent=request.agent)


@api.post(
    "/conversations/{conversation_id}/close",
    response={200: ConversationOut, **ERRORS},
    tags=["conversations"],
)
def close_conversation(request, conversation_id: int):
    conversation = access_conversation(request.agent, conversation_id)
    return actions.do_close_conversation(conversation, acting_agent=request.agent)


# --- shop data: orders and the "where is my order" figures -----------------------------


class OrderLineOut(Schema):
    title: str
    sku: str
    quantity: int
    price: str


class ShipmentOut(Schema):
    carrier: str
    tracking_code: str
    tracking_url: str
    status: str
    expected_on: str | None
    appointment_at: str | None


class OrderOut(Schema):
    id: int
    number: str
    status: str
    email: str
    placed_at: datetime
    total: str
    currency: str
    lines: list[OrderLineOut]
    shipments: list[ShipmentOut]


class WeekFigures(Schema):
    week: str
    where_is_my_order_contacts: int
    proactive_updates: int


class WeeksQuery(Schema):
    weeks: int = Field(8, ge=1, le=104)


@api.get(
    "/customers/{customer_id}/orders", response={200: list[OrderOut], **ERRORS}, tags=["orders"]
)
def list_customer_orders(request, customer_id: int, page: Query[Page]):
    """The customer's orders, newest first, with lines and shipments."""
    customer = access_customer(request.agent, customer_id)
    orders = customer.orders.filter(shop_id=request.agent.shop_id).prefetch_related(
        "lines", "shipments"
    )
    return [
        {
            **order.to_dict(),
            "lines": [
                {"title": ln.title, "sku": ln.sku, "quantity": ln.quantity, "price": str(ln.price)}
                for ln in order.lines.all()
            ],
            "shipments": [s.to_dict() for s in order.shipments.all()],
        }
        for order in orders[page.offset : page.offset + page.limit]
    ]


@api.get(
    "/reports/where-is-my-order", response={200: list[WeekFigures], **ERRORS}, tags=["reports"]
)
def where_is_my_order_report(request, query: Query[WeeksQuery]):
    """Per ISO week: customer messages asking where their order is (analysis: late_delivery
    + needs_certainty) and proactive updates sent, so reports can show avoided contacts."""
    from kalmte.shop.actions import where_is_my_order_figures

    return where_is_my_order_figures(request.agent.shop, weeks=query.weeks)
