"""Background work for mail: sending, with bounded retries and exponential backoff."""

from __future__ import annotations

from django_tasks import task

from kalmte.mail.actions import do_send_outgoing, enqueue_send
from kalmte.mail.models import DeliveryStatus


@task()
def send_outgoing_mail(outbound_id: int) -> str:
    outbound = do_send_outgoing(outbound_id)
    if outbound.status == DeliveryStatus.RETRYING:
        enqueue_send(outbound.pk, run_after=outbound.next_attempt_at)
    return outbound.status
