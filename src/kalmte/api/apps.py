from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "kalmte.api"
    label = "api"
    verbose_name = "API"
