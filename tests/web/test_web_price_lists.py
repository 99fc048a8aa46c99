"""An organisation's own price list: uploaded by an editor, read by the command line's importer,
refused whole with every problem at its place (and any identity number unshown), kept and
audited when accepted, and used by the investment case of its organisation's members only."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samverkan.formats.price_list import read_price_list
from samverkan.model import compare, compute, investment_case
from samverkan.reports.labels import kronor
from samverkan.web.accounts.models import Organisation
from samverkan.web.audit.models import AuditEvent
from samverkan.web.cases.models import CaseRecord, PriceListRecord
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db

# The Lucas alternative's interventions at prices of the list's own, all of one year.
HVB_KRONOR = 6000
PRICES = ("Id;Insats;Enhet;Kronor;Prisår;Källa\n"
          f"hvb;HVB-placering;dygn;{HVB_KRONOR};2024;Kommunens avtal\n"
          "familjehem-konsulent;Familjehem;dygn;2500;2024;Kommunens avtal\n"
          "stodfamilj;Stödfamilj;dygn;900;2024;Kommunens avtal\n"
          "oppenvard-intensiv;Öppenvård;timme;1100;2024;Kommunens avtal\n"
          "elevhalsa-extra;Elevhälsa;timme;700;2024;Kommunens avtal\n"
          "sarskilt-stod;Särskilt stöd;timme;650;2024;Kommunens avtal\n"
          "utredning-ny;Ny utredning;st;60000;2024;Kommunens avtal\n")


def _plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def _upload(client, organisation: Organisation, text: str, name: str = "priser.csv"):  # type: ignore[no-untyped-def]
    return client.post(reverse("cases:price_lists", args=[organisation.pk]), {
        "name": "Kommunens priser 2024",
        "file": SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")})


def test_an_accepted_list_is_kept_audited_and_used_by_the_investment_case(
        tmp_path, school: Organisation, owner: User, viewer: User,  # type: ignore[no-untyped-def]
        lucas_record: CaseRecord, variant_record: CaseRecord) -> None:
    needed = {a.intervention for a in variant_record.to_case().economics.avoided}  # type: ignore[union-attr]
    assert needed <= {line.split(";")[0] for line in PRICES.splitlines()[1:]}
    response = _upload(client_for(owner), school, PRICES)
    assert response.status_code == 302
    record = PriceListRecord.objects.get()
    assert record.name == "Kommunens priser 2024" and record.organisation == school
    assert AuditEvent.objects.filter(kind="price_list", object_id=record.pk).exists()
    listed = _plain(client_for(viewer).get(reverse("cases:price_lists", args=[school.pk]))
                    .content.decode())
    assert "Kommunens priser 2024" in listed and _plain(kronor(HVB_KRONOR)) in listed
    # The same file read by the importer, and the model's investment case with it.
    path = tmp_path / "priser.csv"
    path.write_text(PRICES, encoding="utf-8")
    expected = investment_case(
        compare(compute(lucas_record.to_case()), compute(variant_record.to_case())),
        cases_per_year=40, prices=read_price_list(path))
    page = client_for(viewer).get(reverse("cases:invest"), {
        "baseline": lucas_record.pk, "alternatives": variant_record.pk, "per_year": "40",
        "years": "10", "discount": "3,5 %", "prices": record.pk})
    text = _plain(page.content.decode())
    assert _plain(kronor(expected.npv)) in text
    assert "Prislista: Kommunens priser 2024" in text
    assert "ILLUSTRATIVA" not in text.split("Prisindex")[0]


def test_a_list_with_problems_is_refused_whole_with_their_places(
        school: Organisation, owner: User) -> None:
    bad = "Id;Insats;Enhet;Kronor;Prisår\nhvb;HVB;dygn;tusen;2024\nx;X;st;10;1800\n"
    text = _plain(_upload(client_for(owner), school, bad, "våra priser.csv").content.decode())
    assert "error-summary" in text and "våra priser.csv" in text
    assert "rad 2" in text and "rad 3" in text
    assert not PriceListRecord.objects.exists()


def test_a_list_with_an_identity_number_is_refused_and_the_number_not_shown(
        school: Organisation, owner: User) -> None:
    number = "19121212-1212"
    text = _upload(client_for(owner), school,
                   f"Id;Insats;Enhet;Kronor;Prisår\nhvb;HVB {number};dygn;10;2024\n"
                   ).content.decode()
    assert "error-summary" in text and number not in text and "121212" not in text
    assert not PriceListRecord.objects.exists()
    assert not AuditEvent.objects.filter(kind="price_list").exists()


def test_only_members_use_an_organisations_list_and_only_editors_upload(
        school: Organisation, owner: User, viewer: User, outsider: User,
        lucas_record: CaseRecord, variant_record: CaseRecord) -> None:
    _upload(client_for(owner), school, PRICES)
    record = PriceListRecord.objects.get()
    assert _upload(client_for(viewer), school, PRICES).status_code == 403
    assert client_for(outsider).get(
        reverse("cases:price_lists", args=[school.pk])).status_code == 404
    outsider_page = client_for(outsider).get(reverse("cases:invest"), {
        "baseline": lucas_record.pk, "alternatives": variant_record.pk, "prices": record.pk,
        "years": "10"}).content.decode()
    assert "Kommunens priser" not in outsider_page
    query = {"baseline": lucas_record.pk, "alternatives": variant_record.pk, "per_year": "40",
             "prices": record.pk}
    assert client_for(viewer).get(reverse("cases:invest_report", args=["html"]),
                                  query).status_code == 200
    # A list of another organisation is not found, even with cases the user may see.
    other = Organisation.objects.create(name="Annan kommun")
    foreign = PriceListRecord.objects.create(organisation=other, name="Deras",
                                             data=record.data)
    assert client_for(viewer).get(reverse("cases:invest_report", args=["html"]),
                                  query | {"prices": foreign.pk}).status_code == 404
