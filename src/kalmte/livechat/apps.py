from django.apps import AppConfig


class LivechatConfig(AppConfig):
    name = "kalmte.livechat"
    label = "livechat"
    verbose_name = "Livechat"
