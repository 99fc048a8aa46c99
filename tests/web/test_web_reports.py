"""Reports from the web pages: the same HTML, PDF and Excel as the command line, for cases the
user may see and no other."""

from __future__ import annotations

import re
from io import BytesIO

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from openpyxl import load_workbook

from samverkan.web.cases.models import CaseRecord
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db


def test_a_case_report_as_html_pdf_and_excel(lucas_record: CaseRecord, viewer: User):
    client = client_for(viewer)
    html = client.get(reverse("cases:report", args=[lucas_record.pk, "html"]),
                      {"per_year": "40"})
    text = html.content.decode().replace("\u202f", " ")
    assert html.status_code == 200 and "Sammanfattning" in text and "144 098 kr" in text
    assert "Per år" in text
    policy = html["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in policy and "script-src 'self'" in policy
    pdf = client.get(reverse("cases:report", args=[lucas_record.pk, "pdf"]))
    assert pdf.content.startswith(b"%PDF") and "attachment" in pdf["Content-Disposition"]
    xlsx = client.get(reverse("cases:report", args=[lucas_record.pk, "xlsx"]))
    assert "Organisationer" in load_workbook(BytesIO(xlsx.content)).sheetnames
    assert client.get(reverse("cases:report", args=[lucas_record.pk, "doc"])).status_code == 404


def test_a_comparison_report_names_who_pays_and_who_gains(lucas_record: CaseRecord,
                                                          variant_record: CaseRecord,
                                                          owner: User):
    response = client_for(owner).get(reverse("cases:compare_report", args=["html"]), {
        "baseline": lucas_record.pk, "alternative": variant_record.pk, "per_year": "40"})
    text = response.content.decode().replace("\u202f", " ")
    assert "vem betalar, vem vinner" in text and "2 817 kr" in text


def test_the_results_and_comparison_pages_offer_the_report(lucas_record: CaseRecord,
                                                           variant_record: CaseRecord,
                                                           owner: User):
    client = client_for(owner)
    page = client.get(reverse("cases:results", args=[lucas_record.pk])).content.decode()
    assert reverse("cases:report", args=[lucas_record.pk, "x"])[:-1] + "pdf" in page
    compare = client.get(reverse("cases:compare"), {
        "baseline": lucas_record.pk, "alternative": variant_record.pk}).content.decode()
    assert f'name="baseline" value="{lucas_record.pk}"' in compare


def test_no_report_of_a_case_another_organisation_owns(lucas_record: CaseRecord,
                                                       variant_record: CaseRecord,
                                                       outsider: User):
    client = client_for(outsider)
    assert client.get(reverse("cases:report", args=[lucas_record.pk, "html"])).status_code == 404
    assert client.get(reverse("cases:compare_report", args=["html"]), {
        "baseline": lucas_record.pk, "alternative": variant_record.pk}).status_code == 404


def test_the_results_page_shows_ranges_the_tornado_and_annual_figures(school, owner):
    from samverkan.formats.case_io import load_case
    from samverkan.web.cases import actions
    from tests.conftest import CASES

    record = actions.create_case(organisation=school, user=owner,
                                 case=load_case(CASES / "uncertain.yaml"))
    html = client_for(owner).get(reverse("cases:results", args=[record.pk])).content.decode()
    assert 'id="uncertainty"' in html and 'id="tornado"' in html
    assert 'aria-labelledby="tornado-chart-t tornado-chart-d"' in html  # the tornado drawn
    assert 'id="annual"' in html and "40 ärenden" in html  # cases_per_year in the file


def test_cost_conventions_are_named_on_every_page_that_shows_costs(school, owner,
                                                                  lucas_record: CaseRecord):
    from samverkan.formats.case_io import load_case
    from samverkan.web.cases import actions
    from tests.conftest import CASES

    record = actions.create_case(organisation=school, user=owner,
                                 case=load_case(CASES / "uncertain.yaml"))
    client = client_for(owner)
    named = "Tillägg till metoden"
    for page in ("cases:results", "cases:timeline"):
        text = client.get(reverse(page, args=[record.pk])).content.decode()
        assert named in text and "overhead på 20\u00a0%" in text
        assert "80\u00a0% av den betalda arbetstiden räknas som produktiv" in text
        # Lucas follows the source model exactly: nothing is added, so nothing is said.
        assert named not in client.get(reverse(page, args=[lucas_record.pk])).content.decode()
    compared = client.get(reverse("cases:compare"), {
        "baseline": lucas_record.pk, "alternative": record.pk}).content.decode()
    assert compared.count(named) == 1 and f"{named} (Osäkra tider)" in compared


def test_the_comparison_page_gives_the_change_per_year_and_who_pays(
        lucas_record: CaseRecord, variant_record: CaseRecord, owner: User):
    response = client_for(owner).get(reverse("cases:compare"), {
        "baseline": lucas_record.pk, "alternative": variant_record.pk, "per_year": "40"})
    text = response.content.decode().replace("\u202f", " ")
    assert "Samverkansvinst per år med 40 ärenden: <strong>112 697 kr</strong>" in text
    rows = dict(re.findall(r'<tr[^>]*><th scope="row">([^<]+)</th>(.*?)</tr>',
                           text.split('id="annual-change"')[1].split("</table>")[0]))
    assert "−167 333 kr" in rows["Skola A"] and "vinner" in rows["Skola A"]  # 40 × −4 183
    assert 'id="gain-uncertainty"' not in text  # Lucas gives one time per task: no range
    # The report offered below carries the same number of cases per year.
    assert 'name="per_year" min="0" step="1" value="40"' in text
    refused = client_for(owner).get(reverse("cases:compare"), {
        "baseline": lucas_record.pk, "alternative": variant_record.pk, "per_year": "-3"})
    refused_text = refused.content.decode()
    assert 'id="annual-change"' not in refused_text
    assert 'id="error-summary-title"' in refused_text and 'href="#id_per_year"' in refused_text


def test_the_comparison_page_shows_how_sure_the_gain_is(school, owner):
    from samverkan.formats.case_io import load_case
    from samverkan.model import with_assumed_ranges
    from samverkan.web.cases import actions
    from tests.web.conftest import EXAMPLES

    records = [
        actions.create_case(organisation=school, user=owner,
                            case=with_assumed_ranges(load_case(EXAMPLES / name)))
        for name in ("lucas.yaml", "lucas-samverkan.yaml")
    ]
    text = client_for(owner).get(reverse("cases:compare"), {
        "baseline": records[0].pk, "alternative": records[1].pk}).content.decode()
    assert 'id="gain-uncertainty"' in text
    found = re.search(r"I (\d+)\u00a0% av 2\u202f000 simulerade ärenden kostar det nya", text)
    assert found and 50 <= int(found.group(1)) <= 100


def test_the_results_page_takes_cases_per_year(lucas_record: CaseRecord, viewer: User):
    client = client_for(viewer)
    url = reverse("cases:results", args=[lucas_record.pk])
    assert 'id="annual"' not in client.get(url).content.decode()  # Lucas gives no volume
    text = client.get(url, {"per_year": "40"}).content.decode().replace("\u202f", " ")
    rows = dict(re.findall(r'<tr><th scope="row">([^<]+)</th>(.*?)</tr>',
                           text.split('id="annual"')[1].split("</table>")[0]))
    assert "6 878 555 kr" in rows["Skola A"] and "14,25" in rows["Skola A"]  # 40 × 171 964
    # The report offered below takes the same number.
    assert 'name="per_year" min="0" step="1" value="40"' in text
    refused = client.get(url, {"per_year": "noll"}).content.decode()
    assert 'id="error-summary-title"' in refused and 'id="annual"' not in refused
