"""Exchange occasions between organisations (seed 000, chapter 5.1 and figure 5.1).

An exchange occasion is one meeting or contact in which the organisations exchange
information; it appears as one task in every organisation that takes part, all naming the same
`exchange` id. The degree of collaboration itself (the shares) is in `costing`.
"""

from __future__ import annotations

from dataclasses import dataclass

from samverkan.model.costing import CaseResult, TaskResult

__all__ = ["ExchangeOccasion", "exchange_occasions"]


@dataclass(frozen=True)
class ExchangeOccasion:
    id: str
    name: str
    steps: tuple[str, ...]
    tasks: tuple[str, ...]
    minutes_by_organisation: dict[str, float]
    cost_by_organisation: dict[str, float]

    @property
    def organisations(self) -> tuple[str, ...]:
        return tuple(self.minutes_by_organisation)

    @property
    def spans_groups(self) -> bool:
        """Whether more than one organisation takes part, as an exchange should."""
        return len(self.minutes_by_organisation) > 1


def exchange_occasions(result: CaseResult) -> tuple[ExchangeOccasion, ...]:
    """Each exchange occasion with the steps, tasks and minutes of everyone taking part."""
    occasions = []
    task_by_id = {t.id: t for t in result.case.tasks}
    # Tasks grouped by occasion in one pass: a scan per occasion would grow with the square of
    # the case's size.
    by_exchange: dict[str, list[TaskResult]] = {}
    for task_result in result.tasks:
        exchange = task_by_id[task_result.task_id].exchange
        if exchange is not None:
            by_exchange.setdefault(exchange, []).append(task_result)
    for exchange_id in result.case.exchange_occasions:
        members = by_exchange.get(exchange_id, [])
        minutes: dict[str, float] = {}
        cost: dict[str, float] = {}
        for member in members:
            minutes[member.org] = minutes.get(member.org, 0.0) + member.figures.minutes
            cost[member.org] = cost.get(member.org, 0.0) + member.figures.cost
        occasions.append(
            ExchangeOccasion(
                id=exchange_id,
                name=result.case.exchange_name(exchange_id),
                steps=tuple(dict.fromkeys(m.step for m in members)),
                tasks=tuple(m.task_id for m in members),
                minutes_by_organisation=minutes,
                cost_by_organisation=cost,
            )
        )
    return tuple(occasions)
