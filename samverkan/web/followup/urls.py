from django.urls import path

from samverkan.web.followup import views

app_name = "followup"

urlpatterns = [
    path("uppfoljning/", views.index, name="index"),
    path("uppfoljning/ny/", views.upload, name="upload"),
    path("uppfoljning/<int:log_id>/", views.log_view, name="log"),
    path("uppfoljning/<int:log_id>/indikatorer.<str:fmt>", views.log_download, name="download"),
    path("uppfoljning/<int:log_id>/rapport.<str:fmt>", views.log_report, name="report"),
    path("uppfoljning/<int:log_id>/ta-bort/", views.log_delete, name="delete"),
]
