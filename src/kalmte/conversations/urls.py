from django.urls import path

from kalmte.conversations import views

urlpatterns = [
    path("", views.inbox_view, name="kalmte-inbox"),
    path("gesprekken/<int:conversation_id>/", views.conversation_view, name="kalmte-conversation"),
    path(
        "gesprekken/<int:conversation_id>/berichten/", views.messages_view, name="kalmte-messages"
    ),
    path("gesprekken/<int:conversation_id>/antwoord/", views.reply_view, name="kalmte-reply"),
    path("gesprekken/<int:conversation_id>/notitie/", views.note_view, name="kalmte-add-note"),
    path("gesprekken/<int:conversation_id>/toewijzen/", views.assign_view, name="kalmte-assign"),
    path("gesprekken/<int:conversation_id>/status/", views.status_view, name="kalmte-set-status"),
]
