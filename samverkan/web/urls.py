"""The URLconf. Every page needs a login except the login page itself, the language switch,
the accessibility statement, the health check and the static files."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django.views.i18n import set_language
from django.views.static import serve

from samverkan.web.accounts import two_step
from samverkan.web.accounts.passwords import PasswordChangeView
from samverkan.web.accounts.signin import LoginView
from samverkan.web.cases import views as case_views


@login_not_required
def health(request: HttpRequest) -> HttpResponse:
    """For a reverse proxy or monitor: the application answers. Touches no data."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("halsa/", health, name="health"),
    path("", include("samverkan.web.cases.urls")),
    path("", include("samverkan.web.accounts.urls")),
    path("", include("samverkan.web.followup.urls")),
    path("", include("samverkan.web.audit.urls")),
    path("", include("samverkan.web.accounts.sso")),
    path("logga-in/", LoginView.as_view(), name="login"),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("losenord/", PasswordChangeView.as_view(), name="password_change"),
    path("tvastegsverifiering/", two_step.settings_page, name="two_step"),
    path("tvastegsverifiering/kod/", two_step.verify_page, name="two_step_verify"),
    path("sprak/", login_not_required(set_language), name="set_language"),
    path("tillganglighet/", case_views.accessibility, name="accessibility"),
    # The package's own static files; small enough to serve from the application.
    path("static/<path:path>", login_not_required(serve),
         {"document_root": settings.STATIC_DIR}),
]
