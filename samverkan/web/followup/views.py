"""Follow-up pages: an organisation's event logs, and their indicators compared across units.

Only aggregates are ever shown, and only after suppression; the views compute nothing
themselves — `samverkan.followup` does, and `samverkan.reports` lays it out.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.errors import EventLogError, FlowMappingError
from samverkan.followup.comparison import UnitComparison, compare_units
from samverkan.followup.cost import FlowCost, flow_cost
from samverkan.followup.indicators import TOTAL, By, Period
from samverkan.formats.eventlog import read_event_log
from samverkan.formats.flow_mapping import default_mapping_for
from samverkan.reports.files import write_followup
from samverkan.reports.flow_cost_tables import COST_LEGEND, cost_rows, cost_to_data
from samverkan.reports.followup_charts import key_charts, key_trends
from samverkan.reports.followup_tables import (
    LEGEND,
    comparison_rows,
    comparison_to_data,
    group_name,
)
from samverkan.reports.labels import number
from samverkan.web.accounts.access import (
    can_change_log,
    editable_organisations,
    get_case_for_user,
    get_log_for_editor,
    get_log_for_user,
    get_organisations_for_editor,
    visible_cases,
    visible_logs,
)
from samverkan.web.followup import actions
from samverkan.web.followup.forms import CostForm, UploadLogForm, ViewForm
from samverkan.web.followup.models import EventLogRecord, ProtectionState
from samverkan.web.language import page_language as _lang
from samverkan.web.report_responses import document_response, report_style
from samverkan.web.uploads import check_upload, request_folder


def index(request: HttpRequest) -> HttpResponse:
    logs = list(visible_logs(request.user).select_related("organisation"))
    for log in logs:
        log.progress_shown = _progress(log)  # type: ignore[attr-defined]
    return render(request, "followup/index.html", {
        "logs": logs, "can_upload": editable_organisations(request.user).exists(),
    })


def upload(request: HttpRequest) -> HttpResponse:
    organisations = get_organisations_for_editor(request.user)
    form = UploadLogForm(request.POST or None, request.FILES or None, organisations=organisations)
    problems: list[dict[str, str]] = []
    if request.method == "POST" and check_upload(request, form):
        file = form.cleaned_data["file"]
        lang = _lang()
        try:
            with tempfile.TemporaryDirectory(dir=request_folder(request)) as folder:
                # Kept under the name the user gave it, so every problem names their file.
                path = Path(folder) / Path(file.name).name
                with path.open("wb") as out:
                    for chunk in file.chunks():
                        out.write(chunk)
                log = read_event_log(path)
            # Stored as being protected: the protection is worked out in the background, and
            # the log's page shows how far it has come.
            record = actions.store_event_log(
                organisation=form.cleaned_data["organisation"], user=request.user,
                name=form.cleaned_data["name"], source=file.name, log=log,
            )
        except EventLogError as error:
            problems = [
                {"place": p.place.describe(lang), "text": p.sv if lang == "sv" else p.en}
                for p in (replace(p, place=replace(p.place, file=None)) for p in error.problems)
            ]
            problems.insert(0, {"place": "", "text": error.title_sv if lang == "sv"
                                else error.title_en})
        else:
            messages.success(request, _("The event log was checked and saved. Its small counts "
                                        "are being protected; its figures are shown when that "
                                        "is done."))
            return redirect("followup:log", log_id=record.pk)
    return render(request, "followup/upload.html", {"form": form, "problems": problems})


class _NotReady(Exception):
    """The log's protection is not ready: nothing of it may be shown."""


@lru_cache(maxsize=8)
def _ready_views(log_id: int, uploaded: dt.datetime) -> dict[Any, Any]:
    # A ready log never changes: its views are built from the protection kept with it once
    # per log and process, for every view and download. The upload time is in the key so that
    # a reused id never finds another log's figures. Not ready raises, so nothing is cached.
    views = actions.protection_of(EventLogRecord.objects.get(pk=log_id))
    if views is None:
        raise _NotReady
    return views


def _comparison(request: HttpRequest, record: EventLogRecord
                ) -> tuple[ViewForm, UnitComparison]:
    if not record.ready:
        raise _NotReady
    form = ViewForm(request.GET or None)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    by = By(data.get("by") or "unit")
    period = Period(data.get("period") or "quarter")
    suppressed = _ready_views(record.pk, record.uploaded)[(by, period)]
    return form, compare_units(suppressed.source, suppressed=suppressed)


def _flow_cost(request: HttpRequest, record: EventLogRecord, period: Period
               ) -> tuple[CostForm, FlowCost | None, list[str]]:
    """The cost of the log's paths priced by the case the user chose, from the protection kept
    with the log (worked out in the background, never here); and any problem, in the page's
    language."""
    cases = visible_cases(request.user).order_by("name", "id")
    choices = [(str(c.pk), f"{c.name} ({c.organisation.name})") for c in cases]
    form = CostForm(request.GET if "case" in request.GET else None, choices=choices)
    if not form.is_bound or not form.is_valid() or not form.cleaned_data["case"]:
        return form, None, []
    case = get_case_for_user(request.user, int(form.cleaned_data["case"])).to_case()
    try:
        mapping = default_mapping_for(case)
    except FlowMappingError as error:
        lang = _lang()
        return form, None, [p.sv if lang == "sv" else p.en for p in error.problems]
    views = _ready_views(record.pk, record.uploaded)
    return form, flow_cost(record.to_log(), case, mapping, period=period, views=views), []


def _waiting(request: HttpRequest, record: EventLogRecord) -> HttpResponse:
    """The page of a log not shown yet: its protection's progress, or why it was refused."""
    return render(request, "followup/log_waiting.html", {
        "record": record, "progress": _progress(record),
        "can_change": can_change_log(request.user, record),
    })


def _progress(record: EventLogRecord) -> dict[str, Any]:
    data = record.progress or {}
    started = record.protection_started
    return {
        "started": started is not None,
        # Queued for a minute with no worker taking it: say who can help.
        "unattended": started is None and record.state == ProtectionState.PROTECTING
        and (timezone.now() - record.uploaded).total_seconds() > 60,
        "rounds": int(data.get("rounds", 0)),
        "open": int(data.get("open", 0)),
        "open_shown": number(int(data.get("open", 0)), _lang()),
        "seconds": number(int((timezone.now() - started).total_seconds()), _lang())
        if started else "",
        "refusal": (record.refusal or {}).get(_lang(), ""),
    }


def log_progress(request: HttpRequest, log_id: int) -> HttpResponse:
    """How far a log's protection has come, for the page and the list to poll; once it is
    ready or refused, the page is loaded again to show it."""
    record = get_log_for_user(request.user, log_id)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    if record.state != ProtectionState.PROTECTING:
        if record.ready:
            messages.success(request, _("The small counts of %(name)s are protected: its "
                                        "figures are shown.") % {"name": record.name})
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(request, "followup/_progress.html", {
        "record": record, "progress": _progress(record), "oob": True,
    })


def log_view(request: HttpRequest, log_id: int) -> HttpResponse:
    record = get_log_for_user(request.user, log_id)
    try:
        form, comparison = _comparison(request, record)
    except _NotReady:
        record.refresh_from_db()
        return _waiting(request, record)
    table = comparison.table.source
    lang = _lang()
    shown = form.cleaned_data.get("show") if hasattr(form, "cleaned_data") else ""
    period = shown if shown in table.periods else table.periods[-1]
    query = request.GET.copy()
    query.pop("show", None)
    cost_form, cost, cost_problems = _flow_cost(request, record, table.period)
    return render(request, "followup/log.html", {
        "cost_form": cost_form,
        "cost": cost,
        "cost_problems": cost_problems,
        "cost_headers": [group_name(g, "unit", lang) for g in (*cost.groups, TOTAL)]
        if cost else [],
        "cost_rows": cost_rows(cost, period, lang) if cost and period in cost.periods else [],
        "cost_legend": COST_LEGEND[lang],
        "cost_query": _with(query, show=period),
        "record": record,
        "form": form,
        "table": table,
        "period": period,
        "settled": table.is_settled(period),
        "periods": [{"id": p, "query": _with(query, show=p)} for p in table.periods],
        "headers": [group_name(g, table.by.value, lang) for g in (*table.groups, TOTAL)],
        "rows": comparison_rows(comparison, period, lang),
        "charts": key_charts(comparison, period, lang),
        "trends": key_trends(comparison, lang),
        "legend": LEGEND[lang],
        "query": query.urlencode(),
        "can_change": can_change_log(request.user, record),
    })


def _with(query: Any, **values: str) -> str:
    copy = query.copy()
    for key, value in values.items():
        copy[key] = value
    return str(copy.urlencode())


def log_download(request: HttpRequest, log_id: int, fmt: str) -> HttpResponse:
    record = get_log_for_user(request.user, log_id)
    try:
        _form, comparison = _comparison(request, record)
    except _NotReady:
        return redirect("followup:log", log_id=record.pk)
    stem = f"indikatorer-{record.pk}"
    if fmt == "json":
        text = json.dumps(comparison_to_data(comparison), ensure_ascii=False, indent=2)
        response = HttpResponse(text, content_type="application/json; charset=utf-8")
    elif fmt == "xlsx":
        lang = _lang()
        return document_response(
            fmt, stem, lambda path: write_followup(comparison, record.name, path, fmt, lang))
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response


def log_cost(request: HttpRequest, log_id: int, fmt: str) -> HttpResponse:
    """The cost of the real flow as JSON: the same figures as the page's section."""
    record = get_log_for_user(request.user, log_id)
    if fmt != "json":
        raise Http404
    try:
        _form, comparison = _comparison(request, record)
    except _NotReady:
        return redirect("followup:log", log_id=record.pk)
    _cost_form, cost, _problems = _flow_cost(request, record, comparison.table.source.period)
    if cost is None:
        return redirect("followup:log", log_id=record.pk)
    text = json.dumps(cost_to_data(cost), ensure_ascii=False, indent=2)
    response = HttpResponse(text, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kostnad-{record.pk}.json"'
    return response


@report_style
def log_report(request: HttpRequest, log_id: int, fmt: str) -> HttpResponse:
    """The follow-up report for decision makers, as a web page or PDF, suppressed like the page."""
    if fmt not in ("html", "pdf"):
        raise Http404
    record = get_log_for_user(request.user, log_id)
    try:
        _form, comparison = _comparison(request, record)
    except _NotReady:
        return redirect("followup:log", log_id=record.pk)
    lang = _lang()
    return document_response(fmt, f"uppfoljning-{record.pk}",
                             lambda path: write_followup(comparison, record.name, path, fmt, lang))


def log_delete(request: HttpRequest, log_id: int) -> HttpResponse:
    # The log is looked up first, so that someone who may not see it gets 404 for any method.
    record = get_log_for_editor(request.user, log_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    actions.delete_event_log(record=record, user=request.user)
    messages.success(request, _("The event log was deleted."))
    return redirect("followup:index")
