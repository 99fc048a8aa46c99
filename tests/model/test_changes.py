"""What changed between two versions of a case, said in the domain's words (issue 12).

The small case costs 5 kr a minute for a teacher (Lärare, a), 10 for a principal (Rektor, b) and
4 for a social worker (c), at 130 hours a month; every figure below is worked out from those.
"""

from __future__ import annotations

from dataclasses import replace

from pytest import approx

from samverkan.model import Case, ChangeKind, Participant, Role, Step, Task, case_changes

NNBSP = "\u202f"  # the Swedish thousands separator


def _edit_task(case: Case, task_id: str, **changes: object) -> Case:
    steps = tuple(
        replace(step, tasks=tuple(replace(t, **changes) if t.id == task_id else t  # type: ignore[arg-type]
                                  for t in step.tasks))
        for step in case.steps
    )
    return replace(case, steps=steps)


def test_nothing_changed_says_nothing(small: Case) -> None:
    assert case_changes(small, small) == ()


def test_a_participants_minutes_with_kronor_and_the_organisations_totals(small: Case) -> None:
    t1 = small.tasks[0]
    after = _edit_task(small, "t1", participants=(Participant("a", minutes=90),
                                                  t1.participants[1]))
    participant, total = case_changes(small, after)
    assert participant.kind == ChangeKind.PARTICIPANT_CHANGED
    # 30 more minutes at 5 kr.
    assert participant.cost_delta == approx(150)
    assert participant.describe("sv") == (
        "Lärare i EHT-möte (Skola A, Anmälan): 60 → 90 min, +150 kr")
    assert participant.describe("en") == (
        "Lärare in EHT-möte (Skola A, Anmälan): 60 → 90 min, +SEK 150")
    # Skola A: 1 920 minutes and 9 750 kr before.
    assert total.kind == ChangeKind.ORGANISATION_TOTAL
    assert (total.minutes_before, total.minutes_after) == approx((1920, 1950))
    assert (total.cost_before, total.cost_after) == approx((9750, 9900))
    assert total.describe("sv") == (
        f"Skola A: 1{NNBSP}920 → 1{NNBSP}950 min, 9{NNBSP}750 → 9{NNBSP}900 kr")
    assert total.describe("en") == "Skola A: 1,920 → 1,950 min, 9,750 → SEK 9,900"


def test_a_task_added_and_a_task_removed(small: Case) -> None:
    new = Task("t5", "soc", "Hembesök", participants=(Participant("c", minutes=30, people=2),),
               occasions=2)
    s1 = small.steps[0]
    steps = (replace(s1, tasks=(*[t for t in s1.tasks if t.id != "t3"], new)), small.steps[1])
    after = replace(small, steps=steps)
    changes = case_changes(small, after)
    added = next(c for c in changes if c.kind == ChangeKind.TASK_ADDED)
    removed = next(c for c in changes if c.kind == ChangeKind.TASK_REMOVED)
    # Two social workers, 30 minutes each, on two occasions: 120 minutes at 4 kr.
    assert added.describe("sv") == (
        "Uppgiften Hembesök (Socialtjänsten, Anmälan) lades till (120 min, 480 kr)")
    # t3: 100 minutes at 4 kr.
    assert removed.describe("en") == (
        "Task Registrera anmälan (Socialtjänsten, Anmälan) removed (100 min, SEK 400)")
    (soc,) = [c for c in changes if c.kind == ChangeKind.ORGANISATION_TOTAL]
    assert soc.subject_sv == "Socialtjänsten"
    assert (soc.minutes_before, soc.minutes_after) == approx((150, 170))
    assert soc.cost_delta == approx(80)


def test_a_roles_monthly_cost_is_said_once_and_moves_the_totals(small: Case) -> None:
    # Rektor from 78 000 to 91 000 kr a month: 10 → 11 2/3 kr a minute.
    roles = tuple(replace(r, monthly_cost=91000) if r.id == "b" else r for r in small.roles)
    changes = case_changes(small, replace(small, roles=roles))
    assert [c.kind for c in changes] == [ChangeKind.ROLE_CHANGED,
                                         ChangeKind.ORGANISATION_TOTAL,
                                         ChangeKind.ORGANISATION_TOTAL]
    assert changes[0].describe("sv") == (
        f"Rektor: månadskostnad 78{NNBSP}000 → 91{NNBSP}000 kr")
    # The principal works 30 minutes in each school (t1 and x-sb).
    assert [c.subject_en for c in changes[1:]] == ["Skola A", "Skola B"]
    assert [c.cost_delta for c in changes[1:]] == approx([30 * 5 / 3, 30 * 5 / 3])
    assert all(c.minutes_delta == 0 for c in changes[1:])


def test_participants_added_and_removed(small: Case) -> None:
    after = _edit_task(small, "t1", participants=(Participant("a", minutes=60),
                                                  Participant("c", minutes=15)))
    changes = case_changes(small, after)
    kinds = {c.kind: c for c in changes}
    # Rektor's 30 minutes at 10 kr leave; a social worker's 15 at 4 kr come.
    assert kinds[ChangeKind.PARTICIPANT_REMOVED].describe("sv") == (
        "Rektor i EHT-möte (Skola A, Anmälan) togs bort (30 min, 300 kr)")
    assert kinds[ChangeKind.PARTICIPANT_ADDED].describe("sv") == (
        "Socialsekreterare i EHT-möte (Skola A, Anmälan) lades till (15 min, 60 kr)")
    assert kinds[ChangeKind.ORGANISATION_TOTAL].cost_delta == approx(60 - 300)


def test_a_task_moved_to_another_step_with_more_occasions(small: Case) -> None:
    s1, s2 = small.steps
    t1 = replace(s1.tasks[0], occasions=2)
    after = replace(small, steps=(replace(s1, tasks=s1.tasks[1:]),
                                  replace(s2, tasks=(*s2.tasks, t1))))
    changes = case_changes(small, after)
    task = changes[0]
    assert task.kind == ChangeKind.TASK_CHANGED
    # 90 minutes and 600 kr once; twice now. Its participants did not change themselves.
    assert task.describe("sv") == (
        "Uppgiften EHT-möte (Skola A, Anmälan): steg ”Anmälan” → ”Utredning”, "
        "antal tillfällen 1 → 2, 90 → 180 min, +600 kr")
    assert [c.kind for c in changes[1:]] == [ChangeKind.ORGANISATION_TOTAL]


def test_steps_organisations_roles_and_the_case_itself(small: Case) -> None:
    s1, s2 = small.steps
    after = replace(
        small,
        name="Litet exempel",
        hours_per_month=130,
        organisations=tuple(replace(o, name="Skola Alfa") if o.id == "sa" else o
                            for o in small.organisations),
        roles=(*small.roles, Role("d", "Kurator", 48000)),
        steps=(replace(s2, weeks=1.5), replace(s1, name="Orosanmälan"),
               Step("s3", "Avslut", 1)),
    )
    text = [c.describe("sv") for c in case_changes(small, after)]
    assert text == [
        "Typfallet: namn ”Litet räkneexempel” → ”Litet exempel”",
        "Skola A: namn ”Skola A” → ”Skola Alfa”",
        "Yrkesgruppen Kurator lades till",
        "Steget Utredning: veckor 3 → 1,5, plats 2 → 1",
        "Steget Anmälan: namn ”Anmälan” → ”Orosanmälan”, plats 1 → 2",
        "Steget Avslut lades till",
    ]
