from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "kalmte.accounts"
    label = "accounts"
    verbose_name = "Medewerkers"
