"""The investment case edited in the case editor: the outcome condition, investments and
avoided interventions added, changed and removed, refused with messages at their fields, in
the history, and conflicting only with a colleague's change of the same section."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from samverkan.model import edit
from samverkan.model.edit import ECONOMICS, fingerprint
from samverkan.reports.labels import kronor
from samverkan.web.cases import actions
from samverkan.web.cases.models import CaseRecord, CaseVersion
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db


def url(name: str, record: CaseRecord, *args: Any) -> str:
    return reverse(f"cases:{name}", args=[record.pk, *args])


def base(record: CaseRecord) -> str:
    record.refresh_from_db()
    return fingerprint(record.to_case(), ECONOMICS)


def post_outcome(client: Any, record: CaseRecord, text: str = "Barnet har det minst lika "
                 "bra.") -> Any:
    return client.post(url("economics", record), {"assumption": text, "source": "Seed 003",
                                                  "base": base(record)})


def investment(record: CaseRecord, **values: str) -> dict[str, str]:
    post = {"name": "Socialsekreterare på skolan", "org": "soc", "kind": "fte",
            "kronor": "", "role": "socialsekreterare", "fte_percent": "50", "days": "",
            "people": "1", "from_year": "1", "to_year": "3", "source": "Seed 003",
            "covers_case_time": "on", "base": base(record)}
    post.update(values)
    return post


def avoided(record: CaseRecord, **values: str) -> dict[str, str]:
    post = {"intervention": "hvb", "org": "soc", "share_low": "1", "share_likely": "2",
            "share_high": "5", "units": "30", "years_after": "1", "for_years": "2",
            "source": "", "base": base(record)}
    post.update(values)
    return post


def test_the_investment_case_is_built_changed_and_removed_line_by_line(
        owner: User, lucas_record: CaseRecord) -> None:
    client = client_for(owner)
    start = client.get(url("economics", lucas_record)).content.decode()
    assert "Lägg till en investering" not in start  # lines wait for the outcome condition
    assert post_outcome(client, lucas_record).status_code == 302
    response = client.post(url("investment_add", lucas_record), investment(lucas_record))
    assert response.status_code == 302
    assert client.post(url("avoided_add", lucas_record), avoided(lucas_record)
                       ).status_code == 302
    lucas_record.refresh_from_db()
    economics = lucas_record.to_case().economics
    assert economics is not None
    post = economics.investments[0]
    assert (post.org, post.role, post.fte, post.from_year, post.to_year,
            post.covers_case_time) == ("soc", "socialsekreterare", 0.5, 1, 3, True)
    share = economics.avoided[0].cases_share
    assert (share.low, share.likely, share.high) == pytest.approx((0.01, 0.02, 0.05))
    page = client.get(url("economics", lucas_record)).content.decode()
    # Half a post of a social worker at 52 000 kr a month, no overheads in Lucas.
    assert kronor(52_000 * 12 * 0.5, "sv") in page
    assert "HVB-placering för barn och unga" in page and "Socialtjänsten" in page
    for key_path in ("economics", "socialsekreterare<", "fte_percent<", "hvb<"):
        assert key_path not in page.split("<main")[-1].split("</form>")[-1]

    edit_page = client.get(url("investment", lucas_record, 0)).content.decode()
    assert 'value="50"' in edit_page and "checked" in edit_page
    assert client.post(url("investment", lucas_record, 0), investment(
        lucas_record, kind="kronor", kronor="120000", role="", fte_percent="",
        covers_case_time="")).status_code == 302
    lucas_record.refresh_from_db()
    changed = lucas_record.to_case().economics
    assert changed is not None and changed.investments[0].kronor == 120_000
    assert changed.investments[0].role is None and changed.investments[0].fte is None

    assert client.post(url("avoided_remove", lucas_record, 0),
                       {"base": base(lucas_record)}).status_code == 302
    assert client.post(url("investment_remove", lucas_record, 0),
                       {"base": base(lucas_record)}).status_code == 302
    lucas_record.refresh_from_db()
    emptied = lucas_record.to_case().economics
    assert emptied is not None and emptied.investments == () and emptied.avoided == ()
    versions = CaseVersion.objects.filter(case=lucas_record)
    assert versions.count() == 1 + 6
    assert all(["economics", ""] in v.elements for v in versions.order_by("-number")[:6])
    history = client.get(url("history", lucas_record)).content.decode()
    for said in ("Investeringskalkylen: påbörjad",
                 "Investeringskalkylen: investeringen ”Socialsekreterare på skolan” ändrad",
                 "Investeringskalkylen: en undviken insats för Socialtjänsten borttagen"):
        assert said in history


@pytest.mark.parametrize(("values", "field", "message"), [
    ({"kind": "kronor", "kronor": "", "role": "", "covers_case_time": ""}, "kronor",
     "Skriv kronor per år."),
    ({"role": ""}, "role", "Välj yrkesgruppen vars månadskostnad används."),
    ({"kind": "days", "days": "", "covers_case_time": ""}, "days", "Skriv antalet dagar."),
    ({"kind": "days", "days": "2"}, "covers_case_time",
     "Bara en tjänst (andel av heltid) kan göra ärendenas uppgifter."),
    ({"from_year": "3", "to_year": "2"}, "to_year",
     "Det sista året kan inte komma före det första."),
    ({"to_year": "51"}, "to_year", "Investeringskalkylen löper högst 50 år."),
    ({"fte_percent": "-5"}, "fte_percent", "Andelen kan inte vara negativ."),
    ({"name": ""}, "name", "Skriv vad som investeras i."),
    ({"org": "finns-inte"}, "org", "Välj ett av alternativen i listan."),
])
def test_a_wrong_investment_is_said_at_its_field_and_in_the_summary(
        owner: User, lucas_record: CaseRecord, values: dict[str, str], field: str,
        message: str) -> None:
    client = client_for(owner)
    post_outcome(client, lucas_record)
    version = base(lucas_record) and lucas_record.version
    response = client.post(url("investment_add", lucas_record),
                           investment(lucas_record, **values))
    page = response.content.decode()
    assert response.status_code == 200
    summary = page.split('class="error-summary"')[1].split("</div>")[0]
    assert message in summary and f'href="#id_{field}"' in summary
    assert f'id="id_{field}-error"' in page
    assert "finns-inte" not in page
    lucas_record.refresh_from_db()
    assert lucas_record.version == version


@pytest.mark.parametrize(("values", "field", "message"), [
    ({"share_likely": "0.5"}, "share_likely",
     "Den troligaste andelen kan inte vara lägre än den låga."),
    ({"share_high": "150"}, "share_high", "Andelen kan vara högst 100 %."),
    ({"units": "-1"}, "units", "Antalet enheter kan inte vara negativt."),
    ({"for_years": "0"}, "for_years", "Skriv 1 eller mer."),
    ({"intervention": "okand"}, "intervention", "Välj ett av alternativen i listan."),
])
def test_a_wrong_avoided_intervention_is_said_at_its_field(
        owner: User, lucas_record: CaseRecord, values: dict[str, str], field: str,
        message: str) -> None:
    client = client_for(owner)
    post_outcome(client, lucas_record)
    page = client.post(url("avoided_add", lucas_record), avoided(lucas_record, **values)
                       ).content.decode()
    summary = page.split('class="error-summary"')[1].split("</div>")[0]
    assert message in summary and f'href="#id_{field}"' in summary


def test_english_messages(owner: User, lucas_record: CaseRecord) -> None:
    client = client_for(owner)
    client.cookies["django_language"] = "en"
    page = client.post(url("economics", lucas_record), {"assumption": " ", "source": "",
                                                        "base": base(lucas_record)}
                       ).content.decode()
    assert "Write what is assumed about the outcome for the child." in page
    post_outcome(client, lucas_record)
    page = client.post(url("investment_add", lucas_record),
                       investment(lucas_record, role="")).content.decode()
    assert "Choose the role whose monthly cost is used." in page
    assert "The post does the role&#x27;s own tasks in the cases" in page


def test_lines_wait_for_the_outcome_condition_and_unknown_lines_are_not_found(
        owner: User, lucas_record: CaseRecord) -> None:
    client = client_for(owner)
    response = client.get(url("investment_add", lucas_record))
    assert response.status_code == 302 and response["Location"].endswith("investeringskalkyl/")
    post_outcome(client, lucas_record)
    assert client.get(url("investment", lucas_record, 0)).status_code == 404
    assert client.get(url("avoided", lucas_record, 7)).status_code == 404


def test_a_colleagues_change_of_the_section_is_shown_not_overwritten(
        owner: User, lucas_record: CaseRecord) -> None:
    client = client_for(owner)
    post_outcome(client, lucas_record)
    seen = investment(lucas_record)
    actions.apply_edit(record=lucas_record, user=owner, bases={}, edit=lambda c: (
        edit.set_outcome(c, assumption="Ändrat av en kollega", source="")), summary="")
    response = client.post(url("investment_add", lucas_record), seen)
    page = response.content.decode()
    assert response.status_code == 409
    assert "Ändrat av en kollega" in page and "agare" in page
    # The section as lines in words: the colleague's avoided intervention by who would pay.
    client.post(url("avoided_add", lucas_record), avoided(lucas_record))
    stale = investment(lucas_record)
    actions.apply_edit(record=lucas_record, user=owner, bases={}, edit=lambda c: (
        edit.set_outcome(c, assumption="Igen", source="")), summary="")
    page = client.post(url("investment_add", lucas_record), stale).content.decode()
    assert "Undviken insats för Socialtjänsten, 30 enheter per år" in page
    assert "hvb" not in page.split('id="conflict-theirs"')[1].split("</ul>")[0]
    lucas_record.refresh_from_db()
    economics = lucas_record.to_case().economics
    assert economics is not None and economics.investments == ()


def test_an_earlier_investment_case_is_restored_from_the_history(
        owner: User, lucas_record: CaseRecord) -> None:
    client = client_for(owner)
    post_outcome(client, lucas_record)
    client.post(url("investment_add", lucas_record), investment(lucas_record))
    lucas_record.refresh_from_db()
    with_post = lucas_record.version
    assert client.post(url("investment_remove", lucas_record, 0),
                       {"base": base(lucas_record)}).status_code == 302
    assert client.post(url("restore", lucas_record, with_post)).status_code == 302
    lucas_record.refresh_from_db()
    economics = lucas_record.to_case().economics
    assert economics is not None
    assert [i.name for i in economics.investments] == ["Socialsekreterare på skolan"]
    assert client.post(url("restore", lucas_record, 1)).status_code == 302
    lucas_record.refresh_from_db()
    assert lucas_record.to_case().economics is None
    assert "Investeringskalkylen: borttagen" in client.get(
        url("history", lucas_record)).content.decode()
