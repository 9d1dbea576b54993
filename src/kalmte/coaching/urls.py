from django.urls import path

from kalmte.coaching import views

urlpatterns = [
    path("<int:conversation_id>/check/", views.check_view, name="kalmte-check-draft"),
    path("<int:conversation_id>/convert/", views.convert_view, name="kalmte-convert-register"),
]
