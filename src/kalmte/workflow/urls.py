from django.urls import path

from kalmte.workflow import views

urlpatterns = [
    path(
        "gesprek/<int:conversation_id>/beeindigen/",
        views.end_conversation,
        name="kalmte-end-conversation",
    ),
    path(
        "gesprek/<int:conversation_id>/terugbellen/",
        views.schedule_callback,
        name="kalmte-schedule-callback",
    ),
    path("terugbellen/<int:callback_id>/", views.mark_callback, name="kalmte-mark-callback"),
    path("blokkade/<int:block_id>/opheffen/", views.lift_block, name="kalmte-lift-block"),
    path("meldingen/<int:alert_id>/gelezen/", views.mark_alert_read, name="kalmte-read-alert"),
    path("voorkeuren/", views.set_preferences, name="kalmte-set-preferences"),
    path("grens/", views.set_threshold, name="kalmte-set-threshold"),
]
