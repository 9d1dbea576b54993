from django.apps import AppConfig


class MailConfig(AppConfig):
    name = "kalmte.mail"
    label = "mail"
    verbose_name = "E-mail"
