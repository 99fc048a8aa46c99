from django.urls import path

import samverkan.web.url_ids  # noqa: F401  (registers <id:…>)
from samverkan.web.accounts import admin_views, views

app_name = "accounts"

urlpatterns = [
    path("organisation/<id:organisation_id>/medlemmar/", views.members, name="members"),
    path("organisation/<id:organisation_id>/medlemmar/<id:membership_id>/ta-bort/",
         views.remove_member, name="remove_member"),
    path("organisation/<id:organisation_id>/medlemmar/<id:membership_id>/roll/",
         views.change_role, name="change_role"),
    path("organisation/<id:organisation_id>/medlemmar/<id:membership_id>/ny-lank/",
         views.new_link, name="new_link"),
    path("organisationer/", admin_views.organisations, name="organisations"),
    path("organisationer/<id:organisation_id>/", admin_views.organisation_change,
         name="organisation_change"),
    path("valj-losenord/<uidb64>/<token>/", views.SetPasswordView.as_view(),
         name="set_password"),
]
