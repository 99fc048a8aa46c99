"""The investment case on the web: a page per set of alternatives chosen in its address, with the
model's figures, clear errors in Swedish and English, and its report as HTML, PDF and the
workbook; only cases the user may see."""

from __future__ import annotations

import re
from io import BytesIO

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from openpyxl import load_workbook

from samverkan.formats.case_io import load_case
from samverkan.formats.price_list import default_price_list
from samverkan.model import InvestmentCase, compare, compute, investment_case
from samverkan.reports.labels import kronor
from samverkan.web.cases import actions
from samverkan.web.cases.invest_views import PDF_ALTERNATIVE_YEARS
from samverkan.web.cases.models import CaseRecord
from tests.web.conftest import EXAMPLES, client_for

pytestmark = pytest.mark.django_db


def _plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\u00a0", " ").replace("&#x27;", "'")


def _expected(base: CaseRecord, alt: CaseRecord, *, per_year: float = 40, years: int = 8,
              rate: float = 0.03) -> InvestmentCase:
    return investment_case(compare(compute(base.to_case()), compute(alt.to_case())),
                           cases_per_year=per_year, years=years, discount_rate=rate,
                           prices=default_price_list())


def _query(base: CaseRecord, alt: CaseRecord, **extra: str) -> dict[str, object]:
    return {"baseline": base.pk, "alternatives": [alt.pk], "per_year": "40", "years": "8",
            "discount": "3 %"} | extra


def test_only_alternatives_with_an_economics_section_can_be_chosen(
        lucas_record: CaseRecord, variant_record: CaseRecord, viewer: User) -> None:
    page = client_for(viewer).get(reverse("cases:invest")).content.decode()
    boxes = re.findall(r'<input type="checkbox" name="alternatives" value="(\d+)"', page)
    assert boxes == [str(variant_record.pk)]
    assert lucas_record.to_case().economics is None


def test_the_page_shows_the_models_figures_with_the_outcome_condition(
        lucas_record: CaseRecord, variant_record: CaseRecord, viewer: User) -> None:
    response = client_for(viewer).get(reverse("cases:invest"),
                                      _query(lucas_record, variant_record))
    assert response.status_code == 200
    text = _plain(response.content.decode())
    expected = _expected(lucas_record, variant_record)
    assert _plain(kronor(expected.npv)) in text
    assert "diskonterat med 3,0 % real ränta per år" in text
    assert expected.outcome.assumption[:60] in text
    assert "ILLUSTRATIVA" in text
    soc = expected.organisations["soc"]
    for y in soc.years:
        assert _plain(kronor(y.cumulative_net)) in text
    assert text.count('role="img"') == 1  # the chart, with its title and description
    # The downloads carry the same choices.
    assert f"investering/rapport.pdf?baseline={lucas_record.pk}" in text


def test_a_link_naming_only_the_baseline_opens_the_form_without_errors(
        lucas_record: CaseRecord, variant_record: CaseRecord, viewer: User) -> None:
    page = client_for(viewer).get(reverse("cases:invest"), {"baseline": variant_record.pk})
    text = page.content.decode()
    assert "error-summary" not in text
    assert re.search(rf'<option value="{variant_record.pk}" selected>', text)


def test_unusable_choices_are_named_in_the_error_summary_in_swedish_and_english(
        lucas_record: CaseRecord, variant_record: CaseRecord, viewer: User) -> None:
    client = client_for(viewer)
    bad = _query(lucas_record, variant_record, years="0", discount="-2 %")
    text = _plain(client.get(reverse("cases:invest"), bad).content.decode())
    assert "error-summary" in text
    assert 'href="#id_years"' in text and "ange antalet år som ett heltal från 1 till 50" in text
    assert 'href="#id_discount"' in text and "en negativ ränta går inte att använda" in text
    same = _query(lucas_record, variant_record) | {"baseline": variant_record.pk}
    assert "Det nuvarande arbetssättet kan inte också vara ett alternativ" in _plain(
        client.get(reverse("cases:invest"), same).content.decode())
    none = {"baseline": lucas_record.pk, "years": "10"}
    assert "Välj minst ett alternativt arbetssätt" in _plain(
        client.get(reverse("cases:invest"), none).content.decode())
    client.cookies["django_language"] = "en"
    text = _plain(client.get(reverse("cases:invest"), bad).content.decode())
    assert "give the number of years as a whole number from 1 to 50" in text
    assert "a negative rate cannot be used" in text


def test_cases_per_year_are_needed(lucas_record: CaseRecord, variant_record: CaseRecord,
                                   viewer: User) -> None:
    query = _query(lucas_record, variant_record)
    del query["per_year"]  # Lucas states no cases per year of its own
    text = _plain(client_for(viewer).get(reverse("cases:invest"), query).content.decode())
    assert 'href="#id_per_year"' in text and "ärenden per år" in text
    zero = _query(lucas_record, variant_record, per_year="0")
    text = _plain(client_for(viewer).get(reverse("cases:invest"), zero).content.decode())
    assert 'href="#id_per_year"' in text


def test_the_report_as_html_pdf_and_workbook(lucas_record: CaseRecord,
                                             variant_record: CaseRecord, viewer: User) -> None:
    client = client_for(viewer)
    query = _query(lucas_record, variant_record)
    expected = _expected(lucas_record, variant_record)
    html = client.get(reverse("cases:invest_report", args=["html"]), query)
    assert html.status_code == 200
    assert _plain(kronor(expected.npv)) in _plain(html.content.decode())
    assert "style-src 'self' 'unsafe-inline'" in html["Content-Security-Policy"]
    pdf = client.get(reverse("cases:invest_report", args=["pdf"]), query)
    assert pdf.content.startswith(b"%PDF") and "attachment" in pdf["Content-Disposition"]
    xlsx = client.get(reverse("cases:invest_report", args=["xlsx"]), query)
    book = load_workbook(BytesIO(xlsx.content))
    assert book["Antaganden"]["B2"].value == pytest.approx(0.03)
    assert book["Antaganden"]["B3"].value == 8
    client.cookies["django_language"] = "en"
    english = client.get(reverse("cases:invest_report", args=["html"]), query)
    assert "Does the new way of working pay" in english.content.decode()
    bad = client.get(reverse("cases:invest_report", args=["html"]),
                     _query(lucas_record, variant_record, years="x"))
    assert bad.status_code == 400 and "whole number" in bad.content.decode()
    assert client.get(reverse("cases:invest_report", args=["doc"]), query).status_code == 404


def test_the_comparison_and_case_pages_link_to_the_investment_case(
        lucas_record: CaseRecord, variant_record: CaseRecord, viewer: User) -> None:
    client = client_for(viewer)
    compared = client.get(reverse("cases:compare"), {"baseline": lucas_record.pk,
                                                    "alternative": variant_record.pk})
    link = (f'/investering/?baseline={lucas_record.pk}&amp;alternatives={variant_record.pk}')
    assert link in compared.content.decode()
    followed = client.get(reverse("cases:invest"), {"baseline": lucas_record.pk,
                                                    "alternatives": variant_record.pk,
                                                    "per_year": "40"})
    assert "error-summary" not in followed.content.decode()
    assert _plain(kronor(_expected(lucas_record, variant_record, years=10, rate=0.035).npv)) in (
        _plain(followed.content.decode()))
    results = client.get(reverse("cases:results", args=[lucas_record.pk])).content.decode()
    assert f'/investering/?baseline={lucas_record.pk}"' in results


def test_a_pdf_too_long_to_make_is_refused_with_a_way_round(
        lucas_record: CaseRecord, variant_record: CaseRecord, owner: User) -> None:
    third = actions.create_case(organisation=lucas_record.organisation, user=owner,
                                case=load_case(EXAMPLES / "lucas-skolsocionom.yaml"))
    client = client_for(owner)
    years = str(PDF_ALTERNATIVE_YEARS // 2 + 1)  # two alternatives: just over the budget
    query = _query(lucas_record, variant_record, years=years) | {
        "alternatives": [variant_record.pk, third.pk]}
    page = _plain(client.get(reverse("cases:invest"), query).content.decode())
    assert "rapport.pdf" not in page and "alternativår" in page
    assert "rapport.xlsx" in page
    refused = client.get(reverse("cases:invest_report", args=["pdf"]), query)
    assert refused.status_code == 400 and "arbetsboken" in refused.content.decode()


def test_a_comparison_of_several_alternatives_links_to_their_investment_case(
        lucas_record: CaseRecord, variant_record: CaseRecord, owner: User) -> None:
    third = actions.create_case(organisation=lucas_record.organisation, user=owner,
                                case=load_case(EXAMPLES / "lucas-skolsocionom.yaml"))
    plain = actions.create_case(organisation=lucas_record.organisation, user=owner,
                                case=load_case(EXAMPLES / "lucas.yaml"))
    client = client_for(owner)
    compared = client.get(reverse("cases:compare"), {
        "baseline": lucas_record.pk, "alternative": [variant_record.pk, plain.pk, third.pk]})
    html = compared.content.decode()
    # Only the alternatives with an investment case are offered; the plain copy has none.
    link = (f"/investering/?baseline={lucas_record.pk}&amp;alternatives={variant_record.pk}"
            f"&amp;alternatives={third.pk}")
    assert link in html
    assert f"alternatives={plain.pk}" not in html
