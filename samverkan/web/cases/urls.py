from django.urls import path

import samverkan.web.url_ids  # noqa: F401  (registers <id:…>)
from samverkan.web.cases import (
    edit_urls,
    figure_views,
    grid_views,
    invest_views,
    price_list_views,
    upload_views,
    views,
)

app_name = "cases"

urlpatterns = [
    path("", views.index, name="index"),
    path("typfall/nytt/", views.case_new, name="new"),
    path("typfall/importera/", views.case_import, name="import"),
    path("typfall/<id:case_id>/", figure_views.case_results, name="results"),
    path("typfall/<id:case_id>/tidslinje/", figure_views.case_timeline, name="timeline"),
    path("typfall/<id:case_id>/uppgift/<str:task_id>/", figure_views.task_detail, name="task"),
    *edit_urls.urlpatterns,
    path("typfall/<id:case_id>/export.<str:fmt>", views.case_export, name="export"),
    path("typfall/<id:case_id>/ladda-upp/", upload_views.case_upload, name="upload"),
    path("typfall/<id:case_id>/ladda-upp/bekrafta/", upload_views.case_upload_confirm,
         name="upload_confirm"),
    path("typfall/<id:case_id>/ladda-upp/forhandsvisning/", upload_views.case_upload_preview,
         name="upload_preview"),
    path("mall/kartlaggningsmall.xlsx", upload_views.blank_template, name="template"),
    path("typfall/<id:case_id>/kartlaggning/", grid_views.first_grid, name="grid_first"),
    path("typfall/<id:case_id>/kartlaggning/<str:step_id>/", grid_views.step_grid,
         name="grid"),
    path("typfall/<id:case_id>/kartlaggning/<str:step_id>/rad/", grid_views.grid_row,
         name="grid_row"),
    path("typfall/<id:case_id>/kartlaggning/<str:step_id>/summa/", grid_views.grid_totals,
         name="grid_totals"),
    path("typfall/<id:case_id>/delning/", views.case_sharing, name="sharing"),
    path("typfall/<id:case_id>/delning/<id:organisation_id>/ta-bort/", views.case_unshare,
         name="unshare"),
    path("typfall/<id:case_id>/lonetabell/", views.apply_salary_table, name="apply_salaries"),
    path("typfall/<id:case_id>/rapport.<str:fmt>", figure_views.case_report, name="report"),
    path("jamforelse/", figure_views.comparison, name="compare"),
    path("jamforelse/rapport.<str:fmt>", figure_views.comparison_report, name="compare_report"),
    path("investering/", invest_views.investment, name="invest"),
    path("investering/rapport.<str:fmt>", invest_views.investment_report, name="invest_report"),
    path("organisation/<id:organisation_id>/lonetabeller/", views.salary_tables,
         name="salaries"),
    path("organisation/<id:organisation_id>/prislistor/", price_list_views.price_lists,
         name="price_lists"),
]
