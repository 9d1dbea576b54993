from django.urls import path

from kalmte.livechat import views

urlpatterns = [
    path("widget.js", views.widget_js_view, name="kalmte-widget-js"),
    path("chat/start/", views.start_view, name="kalmte-start-chat"),
    path("chat/berichten/", views.messages_view, name="kalmte-chat-messages"),
    path("chat/gegevens/", views.profile_view, name="kalmte-chat-profile"),
    path("demo/winkel/", views.demo_shop_view, name="kalmte-demo-shop"),
]
