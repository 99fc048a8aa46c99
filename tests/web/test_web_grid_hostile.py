"""The mapping grid refuses what the task form refuses, at the cell and in the user's words:
identity numbers, over-long texts, control characters, numbers beyond a case's range. The
running totals never show such a row, and a forged row index changes nothing."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from samverkan.web.cases.models import CaseRecord
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db

NUMBER = "19121212-1212"  # valid: 1912-12-12, Luhn check digit 2


def _row(client: Client, record: CaseRecord, **values: str) -> dict[str, Any]:
    html = client.get(reverse("cases:grid", args=[record.pk, "s4"])).content.decode()
    return {**dict(re.findall(r'name="(fp-[^"]+)" value="([^"]+)"', html)),
            "task_fields": "1", "task_id": "s4-soc-barnsamtal", "index": "0",
            "row": "s4-soc-barnsamtal:0", "name": "Samtal med Lucas", "org": "soc",
            "category": "direct_child", "exchange": "", "occasions": "3",
            "role": "socialsekreterare", "minutes": "60", "people": "1", "low": "", "high": "",
            **values}


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize(("values", "message"), [
    ({"name": f"Samtal {NUMBER}"}, "Personnummer och samordningsnummer får inte sparas."),
    ({"name": "Samtal 121212\u00a01212"}, "Personnummer och samordningsnummer får inte sparas."),
    ({"exchange": "121212–1212"}, "Personnummer och samordningsnummer får inte sparas."),
    ({"name": "x" * 100_000}, "Texten är 100 000 tecken lång; högst 200 får plats."),
    ({"exchange": "y" * 5000}, "Texten är 5 000 tecken lång; högst 100 får plats."),
    ({"name": "a\x01b"}, "ett osynligt tecken (U+0001)"),
    ({"name": "a\x00b"}, "ett osynligt tecken (U+0000)"),
    ({"name": "\u202eevil"}, "ett osynligt tecken (U+202E)"),
    ({"minutes": "1e300"}, "Minuter kan vara högst 1 000 000."),
    ({"minutes": "1000001"}, "Minuter kan vara högst 1 000 000."),
    ({"people": "10001"}, "Antal personer kan vara högst 10 000."),
    ({"occasions": "100000000000000000000"}, "Antal tillfällen kan vara högst 10 000."),
])
def test_a_refused_cell_says_why_and_nothing_is_written(
        owner: User, lucas_record: CaseRecord, values: dict[str, str], message: str) -> None:
    client = client_for(owner)
    response = client.post(reverse("cases:grid_row", args=[lucas_record.pk, "s4"]),
                           _row(client, lucas_record, **values))
    text = _text(response.content.decode())
    assert response.status_code == 422
    assert message in text
    assert "ofullständigt" not in text and NUMBER not in text and "121212" not in text
    assert CaseRecord.objects.get(pk=lucas_record.pk).version == lucas_record.version


def test_the_limits_themselves_are_saved(owner: User, lucas_record: CaseRecord) -> None:
    client = client_for(owner)
    response = client.post(reverse("cases:grid_row", args=[lucas_record.pk, "s4"]),
                           _row(client, lucas_record, minutes="1000000", people="10000",
                                name="n" * 200, occasions="10000"))
    assert response.status_code == 200
    task = next(t for t in CaseRecord.objects.get(pk=lucas_record.pk).to_case().tasks
                if t.id == "s4-soc-barnsamtal")
    assert (task.name, task.occasions) == ("n" * 200, 10_000)
    assert (task.participants[0].minutes, task.participants[0].people) == (1_000_000, 10_000)


@pytest.mark.parametrize("values", [{"name": f"Samtal {NUMBER}"},
                                    {"minutes": "1e300", "people": "1e300"},
                                    {"name": "a\x07b"}])
def test_running_totals_keep_the_saved_figures_for_a_refused_row(
        owner: User, lucas_record: CaseRecord, values: dict[str, str]) -> None:
    client = client_for(owner)
    url = reverse("cases:grid_totals", args=[lucas_record.pk, "s4"])
    saved = client.post(url, _row(client, lucas_record, minutes="")).content.decode()  # half-typed
    response = client.post(url, _row(client, lucas_record, **values))
    html = response.content.decode()
    assert response.status_code == 200
    assert NUMBER not in html and "inf" not in _text(html).split() and "\x07" not in html
    assert "inf h" not in html and "inf kr" not in html
    assert html == saved


def test_a_forged_negative_index_is_refused(owner: User, lucas_record: CaseRecord) -> None:
    client = client_for(owner)
    before = lucas_record.to_case()
    response = client.post(reverse("cases:grid_row", args=[lucas_record.pk, "s4"]),
                           _row(client, lucas_record, index="-1", minutes="61"))
    assert response.status_code == 422
    stored = CaseRecord.objects.get(pk=lucas_record.pk)
    assert stored.version == lucas_record.version and stored.to_case() == before
