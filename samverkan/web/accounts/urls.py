from django.urls import path

import samverkan.web.url_ids  # noqa: F401  (registers <id:…>)
from samverkan.web.accounts import views

app_name = "accounts"

urlpatterns = [
    path("organisation/<id:organisation_id>/medlemmar/", views.members, name="members"),
    path("organisation/<id:organisation_id>/medlemmar/<id:membership_id>/ta-bort/",
         views.remove_member, name="remove_member"),
]
