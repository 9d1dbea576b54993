from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from kalmte.api.api import api
from kalmte.views import healthz

urlpatterns = [
    path(
        "inloggen/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="kalmte-login",
    ),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="kalmte-logout"),
    path("beheer/", admin.site.urls),
    path("api/v1/", api.urls),
    path("healthz", healthz, name="kalmte-healthz"),
    path("mail/", include("kalmte.mail.urls")),
    path("coach/", include("kalmte.coaching.urls")),
    path("winkel/", include("kalmte.shop.urls")),
    path("workflow/", include("kalmte.workflow.urls")),
    path("", include("kalmte.livechat.urls")),
    path("", include("kalmte.conversations.urls")),
]
