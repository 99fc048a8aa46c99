"""Reports from the web pages: the same HTML, PDF and Excel as the command line, for cases the
user may see and no other."""

from __future__ import annotations

import re
from io import BytesIO

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from openpyxl import load_workbook

from samverkan.model import CaseResult, compute
from samverkan.reports.analysis import DRAWS
from samverkan.reports.labels import kronor, number
from samverkan.web.cases.models import CaseRecord
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db


def _plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def _cost(result: CaseResult, org: str) -> float:
    return result.organisations[org].figures.cost


def _schools(result: CaseResult) -> float:
    """The schools' cost per case: the mean of Skola A and Skola B."""
    return (_cost(result, "skola_a") + _cost(result, "skola_b")) / 2


def _total(result: CaseResult) -> float:
    """The case's cost worked out here: the schools' mean plus social services."""
    return _schools(result) + _cost(result, "soc")


def _table(text: str, table_id: str) -> dict[str, str]:
    body = text.split(f'id="{table_id}"')[1].split("</table>")[0]
    return dict(re.findall(r'<tr[^>]*><th scope="row">([^<]+)</th>(.*?)</tr>', body))


def test_a_case_report_as_html_pdf_and_excel(lucas_record: CaseRecord, viewer: User):
    client = client_for(viewer)
    html = client.get(reverse("cases:report", args=[lucas_record.pk, "html"]),
                      {"per_year": "40"})
    text = _plain(html.content.decode())
    total = _plain(kronor(_total(compute(lucas_record.to_case()))))
    assert html.status_code == 200 and "Sammanfattning" in text and total in text
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
    text = _plain(response.content.decode())
    gain = _total(compute(lucas_record.to_case())) - _total(compute(variant_record.to_case()))
    assert "vem betalar, vem vinner" in text and _plain(kronor(gain)) in text


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
    text = _plain(response.content.decode())
    base, alt = compute(lucas_record.to_case()), compute(variant_record.to_case())
    gain = 40 * (_total(base) - _total(alt))
    assert (f"Samverkansvinst per år med 40 ärenden: <strong>{_plain(kronor(gain))}</strong>"
            in text)
    # The table that adds up: the groups' changes per year and their total, −gain.
    rows = _table(text, "annual-change")
    schools = 40 * (_schools(alt) - _schools(base))
    assert _plain(kronor(schools)) in rows["Skolorna (genomsnitt)"]
    assert _plain(kronor(-gain)) in text.split('id="annual-change"')[1].split("</tfoot>")[0]
    assert "Skola A" not in rows and "Skola B" not in rows
    # Each school on its own stands apart, under a sentence saying it does not add up.
    apart = _table(text, "annual-change-each-1")
    school_a = 40 * (_cost(alt, "skola_a") - _cost(base, "skola_a"))
    assert _plain(kronor(school_a)) in apart["Skola A"] and "vinner" in apart["Skola A"]
    assert "inte delar av en helhet" in text
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
    # The page simulates as many cases as its report and the command line.
    found = re.search(rf"I (\d+)\u00a0% av {number(DRAWS)} simulerade ärenden kostar det nya",
                      text)
    assert found and 50 <= int(found.group(1)) <= 100


def test_the_results_page_takes_cases_per_year(lucas_record: CaseRecord, viewer: User):
    client = client_for(viewer)
    url = reverse("cases:results", args=[lucas_record.pk])
    assert 'id="annual"' not in client.get(url).content.decode()  # Lucas gives no volume
    text = _plain(client.get(url, {"per_year": "40"}).content.decode())
    result = compute(lucas_record.to_case())
    rows = _table(text, "annual")
    assert _plain(kronor(40 * _schools(result))) in rows["Skolorna (genomsnitt)"]
    assert "Skola A" not in rows
    # A school on its own, apart: 40 cases of its minutes over 165 h × 12 months a year.
    school = result.organisations["skola_a"].figures
    apart = _table(text, "annual-each-1")
    assert _plain(kronor(40 * school.cost)) in apart["Skola A"]
    assert number(40 * school.minutes / 60 / (165 * 12), "sv", 2) in apart["Skola A"]
    # The report offered below takes the same number.
    assert 'name="per_year" min="0" step="1" value="40"' in text
    refused = client.get(url, {"per_year": "noll"}).content.decode()
    assert 'id="error-summary-title"' in refused and 'id="annual"' not in refused
