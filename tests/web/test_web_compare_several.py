"""The comparison page with several alternatives, read as a server response: each
alternative's uncertainty is its own gain's, drawn with the baseline's shared draws."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from samverkan.formats.case_io import load_case
from samverkan.model import with_assumed_ranges
from samverkan.reports.analysis import analyse
from samverkan.reports.labels import kronor, percent
from samverkan.web.accounts.models import Organisation
from samverkan.web.cases import actions
from tests.web.conftest import EXAMPLES, client_for

pytestmark = pytest.mark.django_db


def test_each_gain_has_its_own_band_and_chance(school: Organisation, owner: User) -> None:
    records = [actions.create_case(organisation=school, user=owner,
                                   case=with_assumed_ranges(load_case(EXAMPLES / name)))
               for name in ("lucas.yaml", "lucas-skolsocionom.yaml", "lucas-samverkan.yaml")]
    response = client_for(owner).get(reverse("cases:compare"), {
        "baseline": records[0].pk, "alternative": [r.pk for r in records[1:]]})
    assert response.status_code == 200
    html = response.content.decode()
    analysis = analyse(records[0].to_case(), [r.to_case() for r in records[1:]])
    table = html.split('id="gain-uncertainty"')[1].split("</table>")[0]
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</th>(.*?)</tr>", table)
    assert [name for name, _ in rows] == [r.name for r in records[1:]]
    for (_, cells), compared in zip(rows, analysis.comparisons, strict=True):
        band = compared.gain.gain
        shown = re.findall(r'<td class="num">(.*?)</td>', cells)
        assert shown == [kronor(band.p10), kronor(band.p50), kronor(band.p90),
                         percent(compared.gain.probability_alternative_cheaper)]
