"""The site administrator's page: every organisation, created, renamed, closed and reopened."""

from __future__ import annotations

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from samverkan.web.accounts import actions
from samverkan.web.accounts.forms import OrganisationForm
from samverkan.web.accounts.models import Organisation
from samverkan.web.accounts.site import require_site_administrator


def _name_taken(form: OrganisationForm, exclude: int | None = None) -> bool:
    name = form.cleaned_data["name"]
    others = Organisation.objects.filter(name__iexact=name)
    if exclude is not None:
        others = others.exclude(pk=exclude)
    if others.exists():
        form.add_error("name", _("There is already an organisation called %(name)s.")
                       % {"name": name})
        return True
    return False


def _save(form: OrganisationForm, save: object) -> bool:
    """Run `save`; a name taken by a concurrent request becomes a form error, not a 500."""
    try:
        with transaction.atomic():
            save()  # type: ignore[operator]
    except IntegrityError:
        form.add_error("name", _("There is already an organisation called %(name)s.")
                       % {"name": form.cleaned_data["name"]})
        return False
    return True


def organisations(request: HttpRequest) -> HttpResponse:
    require_site_administrator(request.user)
    form = OrganisationForm(request.POST or None, prefix="new")
    if request.method == "POST" and form.is_valid() and not _name_taken(form):
        name = form.cleaned_data["name"]
        if _save(form, lambda: actions.create_organisation(name=name, user=request.user)):
            messages.success(request, _("%(name)s was created. Invite its first administrator "
                                        "on its members page.") % {"name": name})
            return redirect("accounts:organisations")
    return _page(request, form)


def _page(request: HttpRequest, form: OrganisationForm, rename: OrganisationForm | None = None,
          renamed: Organisation | None = None) -> HttpResponse:
    return render(request, "accounts/organisations.html", {
        "form": rename or form, "new_form": form, "renamed": renamed,
        "organisations": Organisation.objects.annotate(members=Count("memberships"))
        .order_by("closed", "name"),
    })


def organisation_change(request: HttpRequest, organisation_id: int) -> HttpResponse:
    """Rename (field `name`), close (`close`) or reopen (`reopen`) one organisation."""
    require_site_administrator(request.user)
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        raise Http404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if "close" in request.POST or "reopen" in request.POST:
        closed = "close" in request.POST
        actions.change_organisation(organisation=organisation, name=organisation.name,
                                    closed=closed, user=request.user)
        messages.success(request, (_("%(name)s is closed.") if closed
                                   else _("%(name)s is open again."))
                         % {"name": organisation.name})
        return redirect("accounts:organisations")
    form = OrganisationForm(request.POST, prefix=f"org{organisation.pk}")
    if form.is_valid() and not _name_taken(form, exclude=organisation.pk):
        name = form.cleaned_data["name"]
        if _save(form, lambda: actions.change_organisation(
                organisation=organisation, name=name, closed=organisation.closed,
                user=request.user)):
            messages.success(request, _("The organisation is now called %(name)s.")
                             % {"name": name})
            return redirect("accounts:organisations")
    return _page(request, OrganisationForm(prefix="new"), rename=form, renamed=organisation)
