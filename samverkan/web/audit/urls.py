from django.urls import path

import samverkan.web.url_ids  # noqa: F401  (registers <id:…>)
from samverkan.web.audit import views

app_name = "audit"

urlpatterns = [
    path("organisation/<id:organisation_id>/andringslogg/", views.audit_log, name="log"),
]
