"""An organisation's own price lists of interventions, for its investment cases.

Uploaded as CSV or Excel and read by `samverkan.formats.price_list.read_price_list`, the same
importer as the command line's `--prices`: every problem is listed with its place, a file with an
identity number anywhere is refused whole and nothing is kept. The file itself lives only in the
request's own folder (`samverkan.web.uploads`); an accepted list is kept as data, under its
name, and written in the organisation's audit trail. Members see the lists; editors upload.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverkan.errors import PriceListError, SamverkanError
from samverkan.formats.price_list import read_price_list
from samverkan.model import PriceList
from samverkan.web.accounts.access import (
    editable_organisations,
    get_organisation_for_editor,
    get_organisation_for_user,
)
from samverkan.web.cases import actions
from samverkan.web.cases.editing import problems_of
from samverkan.web.identity_fields import (
    IdentityNumberFieldsMixin,
    file_name_without_identity_number,
    no_identity_number,
)
from samverkan.web.text_checks import no_control_characters
from samverkan.web.uploads import check_upload, request_folder

__all__ = ["PriceListForm", "price_lists"]

SUFFIXES = (".csv", ".xlsx")


class PriceListForm(IdentityNumberFieldsMixin, forms.Form):
    name = forms.CharField(label=gettext_lazy("Name of the price list"), max_length=200,
                           validators=[no_identity_number, no_control_characters],
                           help_text=gettext_lazy("A list with the same name is replaced."))
    file = forms.FileField(
        label=gettext_lazy("Price list file"),
        help_text=gettext_lazy("CSV or Excel (.xlsx) with the columns Id, Insats, Enhet, Kronor, "
                               "Prisår and Källa, as the illustrative list shipped with "
                               "Samverkan; an Excel file may have a sheet Index."))

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(SUFFIXES):
            raise forms.ValidationError(_("Choose a file ending in .csv or .xlsx."))
        return file_name_without_identity_number(upload)


def _read(request: HttpRequest, form: PriceListForm) -> PriceList:
    """The uploaded list, read from a copy under a name of ours; problems name the sender's
    file (as `samverkan.formats.case_io.read_case_upload` does)."""
    upload = form.cleaned_data["file"]
    sent = upload.name or "prislista"
    path = request_folder(request) / ("prislista" + Path(sent).suffix.lower())
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    try:
        return read_price_list(path, name=form.cleaned_data["name"])
    except SamverkanError as error:
        raise PriceListError([replace(p, place=replace(p.place, file=sent))
                              if p.place.file else p for p in error.problems]) from None
    finally:
        path.unlink(missing_ok=True)


def price_lists(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, organisation_id)
    may_edit = editable_organisations(request.user).filter(pk=organisation.pk).exists()
    form = PriceListForm(request.POST or None, request.FILES or None)
    problems: list[dict[str, str]] = []
    if request.method == "POST":
        get_organisation_for_editor(request.user, organisation_id)  # 403 for a viewer
        if check_upload(request, form):
            try:
                prices = _read(request, form)
            except SamverkanError as error:
                problems = problems_of(error)
            else:
                actions.save_price_list(organisation=organisation, name=prices.name,
                                        prices=prices, user=request.user)
                messages.success(request, _("The price list was saved."))
                return redirect("cases:price_lists", organisation_id=organisation.pk)
    lists = [(record, record.to_price_list()) for record in organisation.price_lists.all()]
    return render(request, "cases/price_lists.html", {
        "organisation": organisation, "lists": lists, "form": form, "may_edit": may_edit,
        "problems": problems,
    })
