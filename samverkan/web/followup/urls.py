from django.urls import path

import samverkan.web.url_ids  # noqa: F401  (registers <id:…>)
from samverkan.web.followup import views

app_name = "followup"

urlpatterns = [
    path("uppfoljning/", views.index, name="index"),
    path("uppfoljning/ny/", views.upload, name="upload"),
    path("uppfoljning/<id:log_id>/", views.log_view, name="log"),
    path("uppfoljning/<id:log_id>/skydd/", views.log_progress, name="progress"),
    path("uppfoljning/<id:log_id>/indikatorer.<str:fmt>", views.log_download, name="download"),
    path("uppfoljning/<id:log_id>/rapport.<str:fmt>", views.log_report, name="report"),
    path("uppfoljning/<id:log_id>/kostnad.<str:fmt>", views.log_cost, name="cost"),
    path("uppfoljning/<id:log_id>/ta-bort/", views.log_delete, name="delete"),
]
