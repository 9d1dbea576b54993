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


from kalmte.shop.models import (  # noqa: E402
    CustomerPreference,
    Order,
    OrderLine,
    Shipment,
    ShopIntegration,
    UpdateTemplate,
    WebhookEvent,
)


@admin.register(ShopIntegration)
class ShopIntegrationAdmin(admin.ModelAdmin):
    list_display = ["shop", "platform", "shop_domain", "active"]
    list_filter = ["platform", "active"]


class OrderLineInline(admin.TabularInline):
    model = OrderLine
    extra = 0


class ShipmentInline(admin.TabularInline):
    model = Shipment
    extra = 0


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = ["number", "shop", "status", "email", "placed_at", "total"]
    list_filter = ["shop", "status", "platform"]
    search_fields = ["number", "email", "postcode"]
    inlines = [OrderLineInline, ShipmentInline]


@admin.register(UpdateTemplate)
class UpdateTemplateAdmin(admin.ModelAdmin):
    list_display = ["shop", "kind", "register"]
    list_filter = ["shop", "kind", "register"]


@admin.register(WebhookEvent)
class WebhookEventAdmin(admin.ModelAdmin):
    list_display = ["received_at", "shop", "platform", "topic", "event_id", "outcome"]
    list_filter = ["platform", "outcome"]
    readonly_fields = [f.name for f in WebhookEvent._meta.fields]


@admin.register(CustomerPreference)
class CustomerPreferenceAdmin(admin.ModelAdmin):
    list_display = ["customer", "updates_opted_out", "changed_at"]
