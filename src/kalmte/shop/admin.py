from django.contrib import admin

from kalmte.shop.models import Shop


@admin.register(Shop)
class ShopAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "slug",
        "register",
        "delivery_days_min",
        "delivery_days_max",
        "return_days",
    ]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["widget_key", "created_at"]
    fieldsets = [
        (
            None,
            {"fields": ["name", "slug", "website", "email_address", "opening_hours", "register"]},
        ),
        ("Chatwidget", {"fields": ["widget_key", "allowed_origins"]}),
        (
            "Beleid",
            {
                "fields": [
                    "delivery_days_min",
                    "delivery_days_max",
                    "free_shipping_from_eur",
                    "return_days",
                    "refund_days",
                ]
            },
        ),
    ]
