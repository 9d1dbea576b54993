"""Background work of the conflict workflow: supervisor mail on threats, callback reminders."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _
from django_tasks import task


@task()
def mail_supervisors(alert_id: int) -> int:
    from kalmte.workflow.actions import supervisors_of
    from kalmte.workflow.models import Alert

    alert = Alert.objects.select_related("shop").filter(pk=alert_id).first()
    if alert is None:
        return 0
    recipients = [a.user.email for a in supervisors_of(alert.shop_id) if a.user.email]
    if not recipients:
        return 0
    return send_mail(
        _("Kalmte: dreiging in een gesprek (%(shop)s)") % {"shop": alert.shop.name},
        alert.text,
        alert.shop.email_address or settings.DEFAULT_FROM_EMAIL,
        recipients,
    )


@task()
def remind_callback(callback_id: int) -> bool:
    from kalmte.workflow.actions import do_remind_callback

    return do_remind_callback(callback_id) is not None
