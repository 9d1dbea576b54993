from django.apps import AppConfig


class ConversationsConfig(AppConfig):
    name = "kalmte.conversations"
    label = "conversations"
    verbose_name = "Gesprekken"
