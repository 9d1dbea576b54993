from django.urls import path

from kalmte.shop import views

urlpatterns = [
    path("webhooks/<slug:slug>/shopify", views.shopify_webhook, name="kalmte-shopify-webhook"),
    path(
        "webhooks/<slug:slug>/woocommerce",
        views.woocommerce_webhook,
        name="kalmte-woocommerce-webhook",
    ),
    path("api/<slug:slug>/orders", views.api_orders, name="kalmte-api-orders"),
    path(
        "gesprek/<int:conversation_id>/bestelling-koppelen",
        views.link_order,
        name="kalmte-link-order",
    ),
    path(
        "gesprek/<int:conversation_id>/bestelling/<int:order_id>/ontkoppelen",
        views.unlink_order,
        name="kalmte-unlink-order",
    ),
    path(
        "gesprek/<int:conversation_id>/statusupdates",
        views.set_updates,
        name="kalmte-set-order-updates",
    ),
]
