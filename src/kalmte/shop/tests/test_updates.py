from datetime import timedelta

import pytest
from django.utils import timezone

from kalmte.conversations.actions import do_close_conversation
from kalmte.conversations.models import AuthorKind, Event, Message
from kalmte.shop.actions import do_ingest_order, do_set_updates_opt_out
from kalmte.shop.models import ProactiveUpdate, UpdateTemplate
from kalmte.shop.tests.helpers import make_order

pytestmark = pytest.mark.django_db

POSTNL = {"carrier": "postnl", "tracking_code": "3SFNRD123456789"}


def _system_messages(conversation):
    return list(
        Message.objects.filter(conversation=conversation, author_kind=AuthorKind.SYSTEM)
        .order_by("pk")
        .values_list("body", flat=True)
    )


def _ship(shop, data, status="shipped", shipment_status="shipped"):
    data.status = status
    data.shipments = (
        [type(data.shipments[0])(**{**POSTNL, "status": shipment_status})] if data.shipments else []
    )
    if not data.shipments:
        from kalmte.shop.connectors import ShipmentData

        data.shipments = [ShipmentData(**POSTNL, status=shipment_status)]
    return do_ingest_order(shop, data, source="api")


def test_it_posts_a_formal_update_when_the_order_ships(
    immediate_tasks, django_capture_on_commit_callbacks, shop, conversation
):
    _order, data = make_order(shop)
    with django_capture_on_commit_callbacks(execute=True):
        _ship(shop, data)
    [body] = _system_messages(conversation)
    assert body.startswith("Goed nieuws: uw bestelling #10023 is verzonden met PostNL.")
    assert "https://jouw.postnl.nl/track-and-trace/3SFNRD123456789-NL-9711AB" in body
    event = Event.objects.get(verb="proactive_update_sent")
    assert (event.conversation_id, event.data["kind"]) == (conversation.pk, "shipped")


def test_it_sends_the_same_status_once(
    immediate_tasks, django_capture_on_commit_callbacks, shop, conversation
):
    _order, data = make_order(shop)
    with django_capture_on_commit_callbacks(execute=True):
        _ship(shop, data)
    with django_capture_on_commit_callbacks(execute=True):
        _ship(shop, data, shipment_status="in_transit")
    assert len(_system_messages(conversation)) == 1


def test_it_rate_limits_per_customer(
    immediate_tasks, django_capture_on_commit_callbacks, shop, conversation
):
    _order, data = make_order(shop)
    with django_capture_on_commit_callbacks(execute=True):
        _ship(shop, data)
    with django_capture_on_commit_callbacks(execute=True):
        _ship(shop, data, shipment_status="out_for_delivery")
    assert len(_system_messages(conversation)) == 1
    assert Event.objects.filter(
        verb="proactive_update_skipped", data__reason="rate_limited"
    ).exists()
    ProactiveUpdate.objects.update(created_at=timezone.now() - timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        _ship(shop, data, status="delivered", shipment_status="delivered")
    assert _system_messages(conversation)[-1].startswith("Uw bestelling #10023 is bezorgd.")


def test_it_never_sends_after_an_opt_out(
    immediate_tasks, django_capture_on_commit_callbacks, alice, shop, customer, conversation
):
    do_set_updates_opt_out(customer, True, acting_agent=alice)
    _order, data = make_order(shop)
    with django_capture_on_commit_callbacks(execute=True):
        _ship(shop, data)
    assert _system_messages(conversation) == []
    assert Event.objects.filter(verb="proactive_update_skipped", data__reason="opted_out").exists()


def test_the_agent_sets_the_opt_out_from_the_panel(alice_client, customer, conversation):
    url = f"/winkel/gesprek/{conversation.pk}/statusupdates"
    response = alice_client.post(url, {"opted_out": "1"}, headers={"HX-Request": "true"})
    assert "Statusupdates weer aanzetten" in response.content.decode()
    assert customer.shop_preference.updates_opted_out is True


def test_it_posts_nothing_without_an_open_conversation(
    immediate_tasks, django_capture_on_commit_callbacks, alice, shop, conversation
):
    do_close_conversation(conversation, acting_agent=alice)
    _order, data = make_order(shop)
    with django_capture_on_commit_callbacks(execute=True):
        _ship(shop, data)
    assert _system_messages(conversation) == []


def test_it_uses_the_shops_register_and_template(
    immediate_tasks, django_capture_on_commit_callbacks, shop, conversation
):
    shop.register = "informal"
    shop.save()
    _order, data = make_order(shop)
    with django_capture_on_commit_callbacks(execute=True):
        data.status = "cancelled"
        do_ingest_order(shop, data, source="api")
    assert _system_messages(conversation) == [
        "Je bestelling #10023 is geannuleerd. Heb je hier vragen over? We helpen je graag."
    ]
    UpdateTemplate.objects.create(
        shop=shop, kind="delayed", register="informal",
        body="Hoi {naam}, {bestelnummer} is later. Nieuwe datum: {verwacht}.",
    )  # fmt: skip
    ProactiveUpdate.objects.update(created_at=timezone.now() - timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        _ship(shop, data, status="cancelled", shipment_status="delayed")
    assert _system_messages(conversation)[-1].startswith(
        "Hoi Karin, #10023 is later. Nieuwe datum: "
    )


def test_a_template_with_an_unknown_placeholder_is_refused(shop):
    from django.core.exceptions import ValidationError

    template = UpdateTemplate(
        shop=shop, kind="shipped", register="formal", body="Hallo {klant.__class__}"
    )
    with pytest.raises(ValidationError):
        template.clean()


def test_the_database_worker_posts_the_queued_update(
    django_capture_on_commit_callbacks, transactional_db, shop, conversation
):
    from django_tasks_db.models import DBTaskResult

    _order, data = make_order(shop)
    with django_capture_on_commit_callbacks(execute=True):
        _ship(shop, data)
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    assert _system_messages(conversation) == []
    from django.core.management import call_command

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert len(_system_messages(conversation)) == 1
