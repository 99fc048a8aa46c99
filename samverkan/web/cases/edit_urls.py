"""Addresses of the case editor's pages: ids in them are made from names, never contain "/"."""

from django.urls import path

import samverkan.web.url_ids  # noqa: F401  (registers <id:…>)
from samverkan.web.cases import (
    economics_views,
    history_views,
    structure_views,
    task_views,
    views,
)

T = "typfall/<id:case_id>/"

urlpatterns = [
    path(f"{T}redigera/", structure_views.case_editor, name="edit"),
    path(f"{T}redigera/uppgifter/", structure_views.case_fields, name="case_fields"),
    path(f"{T}redigera/yaml/", views.case_text, name="text"),
    path(f"{T}ny-organisation/", structure_views.organisation_add, name="organisation_add"),
    path(f"{T}organisation/<str:org_id>/", structure_views.organisation_edit,
         name="organisation"),
    path(f"{T}organisation/<str:org_id>/flytta/", structure_views.organisation_move,
         name="organisation_move"),
    path(f"{T}organisation/<str:org_id>/ta-bort/", structure_views.organisation_remove,
         name="organisation_remove"),
    path(f"{T}ny-yrkesgrupp/", structure_views.role_add, name="role_add"),
    path(f"{T}yrkesgrupp/<str:role_id>/", structure_views.role_edit, name="role"),
    path(f"{T}yrkesgrupp/<str:role_id>/ta-bort/", structure_views.role_remove,
         name="role_remove"),
    path(f"{T}informationsutbyte/<str:exchange_id>/", structure_views.exchange_edit,
         name="exchange"),
    path(f"{T}nytt-steg/", structure_views.step_add, name="step_add"),
    path(f"{T}steg/<str:step_id>/", structure_views.step_edit, name="step"),
    path(f"{T}steg/<str:step_id>/flytta/", structure_views.step_move, name="step_move"),
    path(f"{T}steg/<str:step_id>/ta-bort/", structure_views.step_delete, name="step_delete"),
    path(f"{T}steg/<str:step_id>/ny-uppgift/", task_views.task_add, name="task_add"),
    path(f"{T}uppgift/<str:task_id>/redigera/", task_views.task_edit, name="task_edit"),
    path(f"{T}uppgift/<str:task_id>/kopiera/", task_views.task_copy, name="task_copy"),
    path(f"{T}uppgift/<str:task_id>/ta-bort/", task_views.task_delete, name="task_delete"),
    path(f"{T}investeringskalkyl/", economics_views.economics, name="economics"),
    path(f"{T}investeringskalkyl/ny-investering/", economics_views.investment,
         name="investment_add"),
    path(f"{T}investeringskalkyl/investering/<id:index>/", economics_views.investment,
         name="investment"),
    path(f"{T}investeringskalkyl/investering/<id:index>/ta-bort/",
         economics_views.investment_remove, name="investment_remove"),
    path(f"{T}investeringskalkyl/ny-undviken-insats/", economics_views.avoided,
         name="avoided_add"),
    path(f"{T}investeringskalkyl/undviken-insats/<id:index>/", economics_views.avoided,
         name="avoided"),
    path(f"{T}investeringskalkyl/undviken-insats/<id:index>/ta-bort/",
         economics_views.avoided_remove, name="avoided_remove"),
    path(f"{T}historik/", history_views.case_history, name="history"),
    path(f"{T}historik/<id:number>/aterstall/", history_views.restore_version,
         name="restore"),
    path(f"{T}kopiera/", history_views.case_duplicate, name="duplicate"),
    path(f"{T}arkivera/", history_views.case_archive, name="archive"),
    path(f"{T}ta-bort/", history_views.case_delete, name="delete"),
    path("arkiv/", history_views.archived_cases, name="archived"),
]
