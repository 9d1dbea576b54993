import json

import pytest

from kalmte.accounts.models import ApiToken
from kalmte.conversations.models import Message

API = "/api/v1"


def auth(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def post(client, path, data, token, **extra):
    return client.post(
        f"{API}{path}", json.dumps(data), content_type="application/json", **auth(token), **extra
    )


def test_it_requires_a_token(client, db):
    response = client.get(f"{API}/customers")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"


def test_it_rejects_a_wrong_token(client, db):
    assert client.get(f"{API}/customers", **auth("klm_wrong")).status_code == 401


def test_it_stores_only_a_hash_of_the_token(api_token):
    assert not ApiToken.objects.filter(token_hash=api_token).exists()
    assert ApiToken.objects.get().prefix == api_token[:8]


def test_it_creates_a_customer_and_a_conversation(client, api_token):
    customer = post(client, "/customers", {"name": "Jan", "email": "Jan@Example.nl"}, api_token)
    assert customer.status_code == 201
    assert customer.json()["email"] == "jan@example.nl"
    duplicate = post(client, "/customers", {"email": "jan@example.nl"}, api_token)
    assert duplicate.status_code == 409
    conversation = post(
        client,
        "/conversations",
        {"customer_id": customer.json()["id"], "channel": "email", "subject": "Factuur"},
        api_token,
    )
    assert conversation.status_code == 201
    assert conversation.json()["status"] == "open"


def test_it_validates_with_a_clear_error(client, api_token):
    response = post(client, "/conversations", {"customer_id": 1, "channel": "fax"}, api_token)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert "channel" in error["fields"]


def test_it_posts_messages_idempotently(client, api_token, conversation):
    path = f"/conversations/{conversation.pk}/messages"
    first = post(client, path, {"body": "Het pakket komt morgen.", "client_id": "k-1"}, api_token)
    again = post(client, path, {"body": "Het pakket komt morgen.", "client_id": "k-1"}, api_token)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    by_header = post(client, path, {"body": "Via header"}, api_token, HTTP_IDEMPOTENCY_KEY="h-1")
    replay = post(client, path, {"body": "Via header"}, api_token, HTTP_IDEMPOTENCY_KEY="h-1")
    assert by_header.json()["id"] == replay.json()["id"]
    assert Message.objects.filter(conversation=conversation, author_kind="agent").count() == 2


def test_it_lists_messages_after_an_id(client, api_token, conversation):
    first_id = conversation.messages.get().pk
    post(client, f"/conversations/{conversation.pk}/messages", {"body": "Antwoord"}, api_token)
    listed = client.get(
        f"{API}/conversations/{conversation.pk}/messages?after={first_id}", **auth(api_token)
    ).json()
    assert [m["body"] for m in listed] == ["Antwoord"]


def test_it_assigns_and_closes(client, api_token, conversation, bob):
    assigned = post(
        client, f"/conversations/{conversation.pk}/assign", {"agent_id": bob.pk}, api_token
    )
    assert assigned.json()["owner"] == bob.pk
    closed = post(client, f"/conversations/{conversation.pk}/close", {}, api_token)
    assert closed.json()["status"] == "closed"


def test_it_hides_other_shops_from_a_token(client, charlie, conversation):
    _, raw = ApiToken.issue(charlie, "outsider")
    assert client.get(f"{API}/conversations/{conversation.pk}", **auth(raw)).status_code == 404
    response = post(client, f"/conversations/{conversation.pk}/messages", {"body": "inbraak"}, raw)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert client.get(f"{API}/conversations", **auth(raw)).json() == []


def test_it_refuses_assigning_to_an_outsider(client, api_token, conversation, charlie):
    response = post(
        client, f"/conversations/{conversation.pk}/assign", {"agent_id": charlie.pk}, api_token
    )
    assert response.status_code == 404


@pytest.mark.parametrize("body", ["", "   "])
def test_it_rejects_empty_messages(client, api_token, conversation, body):
    response = post(client, f"/conversations/{conversation.pk}/messages", {"body": body}, api_token)
    assert response.status_code == 422
    assert "error" in response.json()


def test_it_serves_the_openapi_schema(client, db):
    schema = client.get(f"{API}/openapi.json").json()
    assert schema["info"]["title"] == "Kalmte API"
    assert f"{API}/conversations/{{conversation_id}}/messages" in schema["paths"]


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/customers", {"name": "Jan\x00"}),
        ("/conversations", {"customer_id": 1, "channel": "chat", "subject": "a\x00b"}),
    ],
)
def test_it_refuses_nul_characters_with_a_clear_error(client, api_token, path, data):
    response = post(client, path, data, api_token)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_error"


def test_it_refuses_nul_characters_in_a_query(client, api_token):
    response = client.get(f"{API}/customers", {"email": "a\x00@b.nl"}, **auth(api_token))
    assert response.status_code == 422
