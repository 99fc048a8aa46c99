"""An uploaded case changes only what its author changed, and never over a colleague's edit."""

from __future__ import annotations

from dataclasses import replace

from samverkan.model import (
    Case,
    Participant,
    Role,
    Step,
    Task,
    replay,
    stale_elements,
    uploaded_elements,
)


def _edit_task(case: Case, task_id: str, **changes: object) -> Case:
    steps = tuple(
        replace(step, tasks=tuple(replace(t, **changes) if t.id == task_id else t  # type: ignore[arg-type]
                                  for t in step.tasks))
        for step in case.steps
    )
    return replace(case, steps=steps)


def test_the_upload_names_what_it_changes(small: Case) -> None:
    upload = _edit_task(small, "t1", name="EHT")
    upload = replace(upload, roles=(*upload.roles, Role("d", "Kurator", 48000)))
    assert set(uploaded_elements(small, upload)) == {("role", "d"), ("task", "t1")}
    assert uploaded_elements(small, small) == ()


def test_a_colleagues_edit_elsewhere_is_kept(small: Case) -> None:
    upload = _edit_task(small, "t1", participants=(Participant("a", minutes=90),))
    colleague = _edit_task(small, "t2", name="Samtal med eleven")
    assert stale_elements(colleague, small, upload) == ()
    merged = replay(colleague, small, upload)
    tasks = {t.id: t for t in merged.tasks}
    assert tasks["t1"].participants == (Participant("a", minutes=90),)
    assert tasks["t2"].name == "Samtal med eleven"
    assert [t.id for t in merged.tasks] == [t.id for t in small.tasks]


def test_a_colleagues_edit_of_the_same_task_is_stale(small: Case) -> None:
    upload = _edit_task(small, "t1", name="EHT")
    colleague = _edit_task(small, "t1", occasions=2)
    assert stale_elements(colleague, small, upload) == (("task", "t1"),)


def test_tasks_and_steps_added_removed_and_moved(small: Case) -> None:
    s1, s2 = small.steps
    new_task = Task("t9", "soc", "Hembesök", participants=(Participant("c", minutes=30),))
    upload = replace(small, steps=(
        replace(s1, tasks=tuple(t for t in s1.tasks if t.id != "t3")),
        Step("s15", "Beslut", 1, tasks=(new_task,)),
        replace(s2, weeks=4, tasks=(s1.tasks[2], *s2.tasks)),  # t3 moves to s2, first
    ))
    # Meanwhile a colleague renamed step 1 and added a task to step 2.
    extra = Task("t8", "sa", "Mentorssamtal", participants=(Participant("a", minutes=20),))
    current = replace(small, steps=(replace(s1, name="Orosanmälan"),
                                    replace(s2, tasks=(*s2.tasks, extra))))
    assert stale_elements(current, small, upload) == ()
    merged = replay(current, small, upload)
    assert [(s.id, s.name, s.weeks) for s in merged.steps] == [
        ("s1", "Orosanmälan", 2), ("s15", "Beslut", 1), ("s2", "Utredning", 4)]
    assert [t.id for t in merged.steps[0].tasks] == ["t1", "t2"]
    assert [t.id for t in merged.steps[1].tasks] == ["t9"]
    assert [t.id for t in merged.steps[2].tasks] == ["t3", "x-sa", "x-sb", "x-soc", "t4", "t8"]


def test_removing_a_step_a_colleague_has_put_a_task_into_is_stale(small: Case) -> None:
    s1, s2 = small.steps
    upload = replace(small, steps=(replace(s1, tasks=(*s1.tasks, *s2.tasks)),))
    extra = Task("t8", "sa", "Mentorssamtal", participants=(Participant("a", minutes=20),))
    current = replace(small, steps=(s1, replace(s2, tasks=(*s2.tasks, extra))))
    assert ("step", "s2") in stale_elements(current, small, upload)
    assert stale_elements(small, small, upload) == ()
