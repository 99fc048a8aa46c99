"""Two organisations or roles whose names differ only in case or spacing cannot be told apart
in a drop-down: the second is refused; renaming one to its own name in other case is fine."""

from __future__ import annotations

import pytest

from samverkan.errors import CaseEditError
from samverkan.model import edit
from tests.model.test_edit import refusal, small_case


@pytest.mark.parametrize("name", ["skolan", "SKOLAN", " Skolan ", "skolan\u00a0"])
def test_an_organisation_named_like_another_is_refused(name: str) -> None:
    with pytest.raises(CaseEditError) as error:
        edit.add_organisation(small_case(), name=name, group="school")
    assert refusal(error)[0].startswith("Det finns redan en organisation som heter")
    with pytest.raises(CaseEditError):
        edit.rename_organisation(small_case(), "soc", name)


@pytest.mark.parametrize("name", ["rektor", "REKTOR", "Rektor  "])
def test_a_role_named_like_another_is_refused(name: str) -> None:
    with pytest.raises(CaseEditError) as error:
        edit.add_role(small_case(), name=name, monthly_cost=1000)
    assert refusal(error)[1].startswith("There is already a role called")
    with pytest.raises(CaseEditError):
        edit.rename_role(small_case(), "kurator", name)


def test_a_name_in_other_case_for_the_same_element_is_a_rename() -> None:
    case = edit.rename_organisation(small_case(), "skola", "SKOLAN")
    assert case.organisation("skola").name == "SKOLAN"
    case = edit.rename_role(case, "rektor", "rektor")
    assert next(r for r in case.roles if r.id == "rektor").name == "rektor"
    assert edit.add_organisation(case, name="Skolan B", group="school").organisations[-1].name \
        == "Skolan B"
