"""Edits of a case one element at a time, on small hand-made cases."""

from __future__ import annotations

from dataclasses import replace

import pytest

from samverkan.errors import CaseEditError
from samverkan.model import (
    Case,
    Category,
    Organisation,
    Participant,
    Role,
    Step,
    Task,
    compute,
    edit,
)


def small_case() -> Case:
    return Case(
        name="Sara 14 år",
        organisations=(Organisation("skola", "Skolan", "school"),
                       Organisation("soc", "Socialtjänsten", "social_services")),
        roles=(Role("rektor", "Rektor", 82_500.0), Role("kurator", "Kurator", 49_500.0)),
        steps=(
            Step("s1", "Orosanmälan", 2, (
                Task("s1-eht", "skola", "EHT-möte",
                     participants=(Participant("rektor", minutes=60),
                                   Participant("kurator", minutes=30))),
            )),
            Step("s2", "Utredning", 16, (
                Task("s2-samtal", "soc", "Samtal", participants=(
                    Participant("kurator", minutes=90),)),
            )),
        ),
    )


def refusal(error: pytest.ExceptionInfo[CaseEditError]) -> tuple[str, str]:
    problem = error.value.problems[0]
    return problem.sv, problem.en


def test_new_ids_come_from_names_are_unique_and_safe_in_an_address() -> None:
    assert edit.new_id("Möte med vårdnadshavare", [], fallback="x") == "mote-med-vardnadshavare"
    assert edit.new_id("Rektor", ["rektor", "rektor-2"], fallback="x") == "rektor-3"
    assert edit.new_id("a/b c", [], fallback="x") == "a-b-c"
    assert edit.new_id("///", [], fallback="steg") == "steg"


def test_case_fields() -> None:
    case = edit.set_case_fields(small_case(), name=" Sara ", description="d",
                                hours_per_month=160, cases_per_year=40, overhead_share=0.25)
    assert (case.name, case.hours_per_month, case.cases_per_year) == ("Sara", 160, 40)
    assert case.conventions.overhead_share == 0.25
    with pytest.raises(CaseEditError) as error:
        edit.set_case_fields(case, name="", description="", hours_per_month=165,
                             cases_per_year=None)
    assert refusal(error) == ("Typfallet behöver ett namn.", "The case needs a name.")
    with pytest.raises(CaseEditError):
        edit.set_case_fields(case, name="x", description="", hours_per_month=0,
                             cases_per_year=None)


def test_organisations_are_added_renamed_regrouped_reordered() -> None:
    case = edit.add_organisation(small_case(), name="Skola B", group="school")
    assert case.organisations[-1] == Organisation("skola-b", "Skola B", "school")
    case = edit.rename_organisation(case, "skola-b", "Skola Bäcken")
    case = edit.set_organisation_group(case, "skola-b", "health")
    case = edit.move_organisation(case, "skola-b", 0)
    assert case.organisations[0] == Organisation("skola-b", "Skola Bäcken", "health")
    with pytest.raises(CaseEditError) as error:
        edit.add_organisation(case, name="Skolan", group="school")
    assert "redan" in refusal(error)[0]


def test_an_organisation_is_removed_only_when_no_task_is_its() -> None:
    case = edit.add_organisation(small_case(), name="BUP", group="health")
    assert [o.id for o in edit.remove_organisation(case, "bup").organisations] == ["skola", "soc"]
    with pytest.raises(CaseEditError) as error:
        edit.remove_organisation(case, "soc")
    assert refusal(error)[0].startswith("Socialtjänsten har 1 arbetsuppgift ")


def test_roles() -> None:
    case = edit.add_role(small_case(), name="Socialsekreterare", monthly_cost=52_000)
    assert case.role("socialsekreterare").monthly_cost == 52_000
    case = edit.set_role_cost(edit.rename_role(case, "rektor", "Biträdande rektor"),
                              "rektor", 70_000)
    assert case.role("rektor") == Role("rektor", "Biträdande rektor", 70_000)
    assert [r.id for r in edit.remove_role(case, "socialsekreterare").roles] == [
        "rektor", "kurator"]
    with pytest.raises(CaseEditError) as error:
        edit.remove_role(case, "kurator")
    assert refusal(error)[1] == "Kurator takes part in 2 tasks and cannot be removed."
    with pytest.raises(CaseEditError):
        edit.set_role_cost(case, "rektor", -1)


def test_salary_table_adds_missing_roles_and_updates_the_others() -> None:
    table = (Role("kurator", "Kurator", 50_000), Role("x", "rektor", 82_500),
             Role("specialpedagog", "Specialpedagog", 55_000))
    case, added, updated = edit.upsert_roles(small_case(), table)
    assert [r.name for r in added] == ["Specialpedagog"]
    assert [(r.id, r.monthly_cost) for r in updated] == [("kurator", 50_000)]  # rektor same
    assert case.role("specialpedagog").monthly_cost == 55_000


def test_steps() -> None:
    case = edit.add_step(small_case(), name="Avslut", weeks=1)
    case = edit.add_step(case, name="Förhandsbedömning", weeks=2, position=1)
    assert [s.id for s in case.steps] == ["s1", "forhandsbedomning", "s2", "avslut"]
    case = edit.set_step_weeks(edit.rename_step(case, "avslut", "Beslut"), "avslut", 3)
    assert case.steps[-1] == Step("avslut", "Beslut", 3)
    assert [s.id for s in edit.move_step(case, "avslut", 0).steps][0] == "avslut"
    assert [t.id for t in edit.tasks_going_with_step(case, "s2")] == ["s2-samtal"]
    assert [s.id for s in edit.delete_step(case, "s2").steps] == [
        "s1", "forhandsbedomning", "avslut"]
    with pytest.raises(CaseEditError) as error:
        edit.set_step_weeks(case, "s1", -1)
    assert refusal(error) == ("Veckor kan inte vara negativa.", "Weeks cannot be negative.")


def test_deleting_a_step_takes_its_tasks_and_their_cost() -> None:
    case = small_case()
    after = edit.delete_step(case, "s1")
    # Rektor 60 min + Kurator 30 min at monthly cost / 165 h / 60 min.
    s1_cost = 60 * 82_500 / 165 / 60 + 30 * 49_500 / 165 / 60
    assert compute(case).total.cost - compute(after).total.cost == pytest.approx(s1_cost)


def test_tasks_added_replaced_moved_copied_deleted() -> None:
    task = Task("", "soc", "Hembesök", participants=(Participant("kurator", minutes=120),))
    case = edit.add_task(small_case(), "s2", task)
    assert [t.id for t in case.steps[1].tasks] == ["s2-samtal", "s2-hembesok"]
    changed = replace(case.steps[1].tasks[1], name="Hembesök hos familjen", exchange="möte")
    case = edit.replace_task(case, "s2-hembesok", changed)
    got = case.steps[1].tasks[1]
    assert (got.id, got.name, got.category) == ("s2-hembesok", "Hembesök hos familjen",
                                                Category.COLLABORATION)
    case = edit.move_task(case, "s2-hembesok", "s1")
    assert [t.id for t in case.steps[0].tasks] == ["s1-eht", "s2-hembesok"]
    case = edit.copy_task(case, "s1-eht")
    assert [t.name for t in case.steps[0].tasks] == ["EHT-möte", "Hembesök hos familjen",
                                                     "EHT-möte"]
    assert len({t.id for t in case.tasks}) == len(case.tasks)
    case = edit.delete_task(case, "s2-hembesok")
    assert "s2-hembesok" not in {t.id for t in case.tasks}


@pytest.mark.parametrize(("participant", "sv"), [
    (Participant("kurator", minutes=-5), "Minuter kan inte vara negativa."),
    (Participant("okand", minutes=5), "Välj en yrkesgrupp som finns i typfallet."),
    (Participant("kurator", minutes=5, people=0), "Antal personer ska vara större än noll."),
])
def test_impossible_participants_are_refused_in_the_users_words(
        participant: Participant, sv: str) -> None:
    with pytest.raises(CaseEditError) as error:
        edit.add_participant(small_case(), "s1-eht", participant)
    assert refusal(error)[0] == sv


def test_participants() -> None:
    case = edit.replace_participant(small_case(), "s1-eht", 1,
                                    Participant("kurator", minutes=45, people=2))
    assert case.steps[0].tasks[0].participants[1] == Participant("kurator", minutes=45, people=2)
    case = edit.add_participant(case, "s1-eht", Participant("rektor", minutes=10))
    assert len(case.steps[0].tasks[0].participants) == 3
    case = edit.remove_participant(case, "s1-eht", 0)
    assert [p.role for p in case.steps[0].tasks[0].participants] == ["kurator", "rektor"]
    with pytest.raises(CaseEditError):
        edit.remove_participant(case, "s2-samtal", 0)


def test_an_edit_of_something_gone_is_refused() -> None:
    with pytest.raises(CaseEditError) as error:
        edit.rename_step(small_case(), "borta", "x")
    assert refusal(error)[1] == "The step is no longer in the case."


def test_fingerprints_change_only_with_their_element() -> None:
    case = small_case()
    other = edit.replace_participant(case, "s2-samtal", 0, Participant("kurator", minutes=1))
    assert edit.fingerprint(case, ("task", "s1-eht")) == edit.fingerprint(other, ("task", "s1-eht"))
    assert edit.fingerprint(case, ("task", "s2-samtal")) != edit.fingerprint(
        other, ("task", "s2-samtal"))
    # A task added to a step does not change the step's own fingerprint.
    added = edit.add_task(case, "s1", Task("", "skola", "Ny", participants=(
        Participant("rektor", minutes=5),)))
    assert edit.fingerprint(case, ("step", "s1")) == edit.fingerprint(added, ("step", "s1"))
    assert edit.element_value(edit.delete_task(case, "s1-eht"), ("task", "s1-eht")) is None
    assert edit.element_value(case, ("role", "rektor")) == Role("rektor", "Rektor", 82_500.0)
