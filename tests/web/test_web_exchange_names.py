"""Exchange occasions are shown by name on every page, and picked or made by name in forms."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from samverkan.model import Exchange
from samverkan.model.edit import fingerprint
from samverkan.web.cases.models import CaseRecord
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db

MEETING = "Anmälningsmöte med barn, vårdnadshavare och skola"
# "referentsamtal" and "avslut" are Swedish words too (the description uses them), so the id
# that no prose holds is the one looked for.
MEETING_ID = "anmalningsmote"
NAMES = (MEETING, "Referentsamtal med skolan och familjen", "Besked om att utredningen avslutats")


def _text(html: str) -> str:
    """What a reader sees: the page without its tags (addresses and hidden values go too)."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def _page(user: User, name: str, record: CaseRecord, *args: str) -> str:
    response = client_for(user).get(reverse(f"cases:{name}", args=[record.pk, *args]))
    assert response.status_code == 200
    return response.content.decode()


def _post(**values: Any) -> dict[str, Any]:
    post = {"name": "", "step": "", "org": "", "category": "internal", "exchange": "",
            "occasions": "1", "base": "", "p-TOTAL_FORMS": 1, "p-INITIAL_FORMS": 0,
            "p-MIN_NUM_FORMS": 0, "p-MAX_NUM_FORMS": 1000}
    post.update(values)
    return post


@pytest.mark.parametrize("page,args", [
    ("results", ()), ("timeline", ()), ("edit", ()), ("grid", ("s2",)),
    ("task", ("s2-soc-anmalningsmote",)), ("task_edit", ("s2-soc-anmalningsmote",)),
])
def test_pages_show_occasions_by_name_never_by_id(
        owner: User, lucas_record: CaseRecord, page: str, args: tuple[str, ...]) -> None:
    html = _page(owner, page, lucas_record, *args)
    seen = _text(html)
    assert not re.search(rf"\b{MEETING_ID}\b", seen), page
    if page in ("results", "timeline"):
        assert all(name in seen for name in NAMES)
    # The name is shown, or (in a form) is the field's value and offered in its list.
    assert MEETING in seen or f'value="{MEETING}"' in html


def test_a_new_name_makes_an_occasion_and_the_same_name_joins_it(
        owner: User, lucas_record: CaseRecord) -> None:
    client = client_for(owner)
    add = reverse("cases:task_add", args=[lucas_record.pk, "s1"])
    common = {"step": "s1", "category": "collaboration", "p-0-minutes": "30", "p-0-people": "1"}
    assert client.post(add, _post(name="Samråd i skolan", org="skola_a",
                                  exchange="Samråd om Lucas", **{"p-0-role": "kurator"},
                                  **common)).status_code == 302
    assert client.post(add, _post(name="Samråd med skolan", org="soc",
                                  exchange="  samråd OM lucas ",
                                  **{"p-0-role": "socialsekreterare"}, **common)
                       ).status_code == 302
    case = CaseRecord.objects.get(pk=lucas_record.pk).to_case()
    added = [t for t in case.steps[0].tasks if t.name.startswith("Samråd")]
    assert [t.exchange for t in added] == ["samrad-om-lucas", "samrad-om-lucas"]
    assert Exchange("samrad-om-lucas", "Samråd om Lucas") in case.named_exchanges
    # Picking an existing occasion by its name keeps its id.
    edit_url = reverse("cases:task_edit", args=[lucas_record.pk, added[0].id])
    form = client.get(edit_url).content.decode()
    assert 'value="Samråd om Lucas"' in form
    assert f'<option value="{MEETING}">' in form


def test_history_says_the_occasion_by_name(owner: User, lucas_record: CaseRecord) -> None:
    client = client_for(owner)
    add = reverse("cases:task_add", args=[lucas_record.pk, "s2"])
    assert client.post(add, _post(name="Extra möte", org="skola_a", step="s2",
                                  category="collaboration", exchange=MEETING,
                                  **{"p-0-role": "rektor", "p-0-minutes": "30",
                                     "p-0-people": "1"})).status_code == 302
    case = CaseRecord.objects.get(pk=lucas_record.pk).to_case()
    assert next(t for t in case.tasks if t.name == "Extra möte").exchange == "anmalningsmote"
    history = _text(_page(owner, "history", lucas_record))
    assert "anmalningsmote" not in history


def test_an_occasion_is_renamed_on_its_own_page(owner: User, lucas_record: CaseRecord) -> None:
    client = client_for(owner)
    editor = _page(owner, "edit", lucas_record)
    page_url = reverse("cases:exchange", args=[lucas_record.pk, MEETING_ID])
    assert f'href="{page_url}"' in editor
    form = client.get(page_url).content.decode()
    base = re.search(r'name="base" value="([^"]+)"', form)
    assert base is not None and f'value="{MEETING}"' in form
    response = client.post(page_url, {"name": "Anmälningsmötet", "base": base.group(1)})
    assert response.status_code == 302
    case = CaseRecord.objects.get(pk=lucas_record.pk).to_case()
    assert case.exchange_name(MEETING_ID) == "Anmälningsmötet"
    assert "Anmälningsmötet" in _text(_page(owner, "results", lucas_record))
    history = _text(_page(owner, "history", lucas_record))
    assert "Anmälningsmötet" in history and MEETING_ID not in history
    # A colleague who saves the old name from the same page afterwards is refused (409).
    late = client.post(page_url, {"name": "Mötet", "base": base.group(1)})
    assert late.status_code == 409
    assert CaseRecord.objects.get(pk=lucas_record.pk).to_case().exchange_name(
        MEETING_ID) == "Anmälningsmötet"
    # A name another occasion has is refused with a message.
    taken = client.post(page_url, {"name": "Referentsamtal med skolan och familjen",
                                   "base": _fingerprint(lucas_record)})
    assert taken.status_code != 302
    assert "redan det namnet" in taken.content.decode()


def _fingerprint(record: CaseRecord) -> str:
    return fingerprint(CaseRecord.objects.get(pk=record.pk).to_case(), ("exchange", MEETING_ID))
