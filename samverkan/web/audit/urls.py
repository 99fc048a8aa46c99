from django.urls import path

from samverkan.web.audit import views

app_name = "audit"

urlpatterns = [
    path("organisation/<int:organisation_id>/andringslogg/", views.audit_log, name="log"),
]
