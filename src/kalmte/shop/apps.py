from django.apps import AppConfig


class ShopConfig(AppConfig):
    name = "kalmte.shop"
    label = "shop"
    verbose_name = "Winkels"
