"""Cases per year on the results page and in report addresses, read by the same function as the
command line: 0 or empty gives no annual figures; infinity, NaN, negative and absurd numbers are
refused with a message saying the range, and never reach a figure ("inf kr")."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from samverkan.web.cases.models import CaseRecord
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", ["inf", "nan", "-1", "1e308", "Infinity"])
def test_the_results_page_refuses_an_unusable_number_with_the_range(
        lucas_record: CaseRecord, viewer: User, value: str):
    response = client_for(viewer).get(reverse("cases:results", args=[lucas_record.pk]),
                                      {"per_year": value})
    text = response.content.decode().replace("\u202f", " ").replace("&nbsp;", " ")
    assert response.status_code == 200
    assert 'id="error-summary-title"' in text and 'href="#id_per_year"' in text
    assert "från 0 till 1 000 000" in text
    assert 'id="annual"' not in text and "inf kr" not in text and "nan kr" not in text


def test_zero_on_the_results_page_gives_no_annual_figures(lucas_record: CaseRecord,
                                                          viewer: User):
    client = client_for(viewer)
    url = reverse("cases:results", args=[lucas_record.pk])
    assert 'id="annual"' in client.get(url, {"per_year": "40"}).content.decode()
    text = client.get(url, {"per_year": "0"}).content.decode()
    assert 'id="annual"' not in text and 'id="error-summary-title"' not in text


@pytest.mark.parametrize("value", ["inf", "nan", "-1", "1e308"])
def test_a_report_address_with_an_unusable_number_is_refused_with_the_range(
        lucas_record: CaseRecord, viewer: User, value: str):
    response = client_for(viewer).get(reverse("cases:report", args=[lucas_record.pk, "html"]),
                                      {"per_year": value})
    assert response.status_code == 400
    text = response.content.decode().replace("\u202f", " ")
    assert "från 0 till 1 000 000" in text and "inf kr" not in text


def test_a_report_with_zero_cases_per_year_has_no_annual_figures(lucas_record: CaseRecord,
                                                                 viewer: User):
    client = client_for(viewer)
    url = reverse("cases:report", args=[lucas_record.pk, "html"])
    assert "Per år" in client.get(url, {"per_year": "40"}).content.decode()
    response = client.get(url, {"per_year": "0"})
    assert response.status_code == 200 and "Per år" not in response.content.decode()


def test_the_comparison_page_and_its_report_read_cases_per_year_as_the_results_page(
        school, owner: User, variant_record: CaseRecord):
    """Left out of the address: the baseline's own number (40 in this case file); 0: none."""
    from samverkan.formats.case_io import load_case
    from samverkan.web.cases import actions
    from tests.conftest import CASES

    record = actions.create_case(organisation=school, user=owner,
                                 case=load_case(CASES / "uncertain.yaml"))
    client = client_for(owner)
    query = {"baseline": record.pk, "alternative": variant_record.pk}
    page = client.get(reverse("cases:compare"), query).content.decode()
    report = client.get(reverse("cases:compare_report", args=["html"]), query).content.decode()
    assert "med 40 ärenden" in page and 'id="annual-change"' in page
    assert "per år med 40 ärenden" in report
    # The report offered on the page carries the number the page used.
    assert 'name="per_year" min="0" step="1" value="40"' in page
    page = client.get(reverse("cases:compare"), query | {"per_year": "0"}).content.decode()
    report = client.get(reverse("cases:compare_report", args=["html"]),
                        query | {"per_year": "0"}).content.decode()
    assert 'id="annual-change"' not in page and "per år med" not in report
