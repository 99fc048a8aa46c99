from django.urls import path

from samverkan.web.accounts import views

app_name = "accounts"

urlpatterns = [
    path("organisation/<int:organisation_id>/medlemmar/", views.members, name="members"),
    path("organisation/<int:organisation_id>/medlemmar/<int:membership_id>/ta-bort/",
         views.remove_member, name="remove_member"),
]
