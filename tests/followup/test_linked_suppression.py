"""An attacker who reads every output of a log and knows how each figure is defined.

For one log kept in the web application and given to the command line as a file, the attacker
reads every view (by unit and by reporter type; month, quarter and year) from every output: the
command line's table and JSON, the web page of every period, the JSON and Excel downloads, the
report as a web page and as PDF, the page's header (events and cases), and where asked the cost
of the real flow priced by Lucas (the command line's and the web application's JSON; each cost
figure bounds its hidden counts, as the attacker knows the case and the mapping). It does not
use the product's list of relations: its unknowns are the finest counts of cases (`tests.followup.
attacker`), every figure is a sum of them by the indicator definitions, and a linear program
(HiGHS) gives the smallest and largest value of each hidden count.

The promise checked (README, "Skyddet av små tal"): every count hidden for being 1–4 — shown as
"<5", or the base of a share or number of days hidden for resting on fewer than five cases —
could, given everything shown, be anything from 1 to 4 by linear programming; the part of a share
hidden for resting on fewer than five cases is never pinned to one value.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from samverkan.followup.cost import flow_cost
from samverkan.followup.family import suppressed_views
from samverkan.followup.indicators import Period
from samverkan.followup.synth import synthetic_log
from samverkan.formats.case_io import load_case
from samverkan.formats.eventlog import EventLog, read_event_log, write_event_log
from samverkan.formats.flow_mapping import default_mapping_for
from samverkan.model.flow import flow_prices, span_weeks
from samverkan.reports.flow_cost_tables import cost_to_data
from samverkan.web.accounts.models import Membership, Organisation, Role
from samverkan.web.cases.actions import create_case
from samverkan.web.followup import actions
from tests.conftest import EXAMPLES
from tests.followup.attacker import (
    THRESHOLD,
    Expr,
    Program,
    constraints_of,
    cost_rows,
    expressions,
    model_for,
    truth,
    value,
)
from tests.followup.outputs import (
    LENGTHS,
    CostReading,
    Outputs,
    Place,
    Reading,
    cli,
    collect,
    read_cost_json,
)
from tests.web.conftest import run_worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def keeper(db: None) -> tuple[Organisation, User]:
    organisation = Organisation.objects.create(name="Kommunen")
    user = User.objects.create_user(username="analytiker", password="Ett-lösenord-för-test")
    Membership.objects.create(user=user, organisation=organisation, role=Role.VIEWER)
    return organisation, user


def _agree(place: object, kind: str, readings: list[Reading]) -> None:
    """Every output shows a figure the same way: the same symbol, or the same value as far as
    each prints it."""
    statuses = {r.status for r in readings}
    assert len(statuses) == 1, (place, readings)
    exact = [r for r in readings if r.n is not None]
    for reading in readings:
        if reading.status != "value" or not exact:
            continue
        truth_value = exact[0].value or 0.0
        if reading.decimals is None:
            assert reading.value == pytest.approx(truth_value), (place, reading)
        else:
            assert abs((reading.value or 0.0) - truth_value) <= 0.5 * 10 ** -reading.decimals \
                + 1e-9, (place, reading, kind)


@pytest.fixture
def attack(keeper: tuple[Organisation, User], tmp_path: Path, client):
    def run(log: EventLog, *, cli_views: tuple[tuple[str, str], ...] = (),
            pdf_views: tuple[tuple[str, str], ...] = (), costs: bool = False) -> Attack:
        organisation, user = keeper
        path = tmp_path / "logg.csv"
        write_event_log(log, path)
        record = actions.store_event_log(organisation=organisation, user=user, name="Logg",
                                         source="logg.csv", log=read_event_log(path))
        run_worker()  # the protection is worked out in the background, as on a server
        client.force_login(user)
        outputs = collect(client, record.pk, path, tmp_path, cli_views=cli_views,
                          pdf_views=pdf_views)
        if costs:
            # The cost of the real flow priced by Lucas, every period length: the command
            # line's JSON and the web application's, for a case the user may see.
            case = create_case(organisation=organisation, user=user,
                               case=load_case(EXAMPLES / "lucas.yaml"))
            for length in LENGTHS:
                read_cost_json(outputs, "cli-cost-json", json.loads(cli(
                    "cost", path, "--case", EXAMPLES / "lucas.yaml", "--period", length,
                    "--format", "json")))
                response = client.get(reverse("followup:cost", args=[record.pk, "json"]),
                                      {"period": length, "case": case.pk})
                assert response.status_code == 200
                read_cost_json(outputs, "web-cost-json", json.loads(response.content))
        return _attack(log, outputs)
    return run


@dataclass
class Attack:
    """What the attacker found: for every protected count, the values it can reach."""

    outputs: Outputs
    found: dict[Place, list[tuple[bool, float, float, float]]]  # (part?, true, low, high)
    programs: int
    shown_zero: set[Place]  # parts every case of which lies in a figure shown as 0

    def interval(self, place: Place, part: bool = False) -> tuple[float, float]:
        (found,) = [f for f in self.found[place] if f[0] is part]
        return found[2], found[3]

    def broken(self) -> list[object]:
        """Protected counts that could be pinned to one value: the promise broken."""
        return [(place, *f) for place, items in self.found.items() for f in items
                if f[3] - f[2] < 1 - 1e-6 and not (f[0] and place in self.shown_zero)]

    def checked(self) -> int:
        return sum(len(items) for items in self.found.values())


def _attack(log: EventLog, outputs: Outputs) -> Attack:
    model = model_for(outputs)
    point = truth(log, model)
    rows = list(model.structure())
    protected: dict[frozenset[tuple[int, float]], Expr] = {}
    places: list[tuple[Place, Expr, bool]] = []
    for place, readings in outputs.readings.items():
        kind = outputs.kinds[place[3]]
        _agree(place, kind, readings)
        exprs = expressions(model, place)
        for reading in readings:
            rows += constraints_of(kind, exprs, reading)
        if readings[0].status in ("small", "hidden"):
            # Hidden: a count of 1–4 (as a count or a base) is protected, and so is the part
            # of a share whose base is 1–4.
            roles = dict(exprs)
            main = roles.get("count", roles.get("base"))
            assert main is not None
            if 0 < value(main, point) < THRESHOLD:
                for expr, is_part in ((main, False), (roles.get("part"), True)):
                    if expr is not None:
                        protected.setdefault(frozenset(expr.items()), expr)
                        places.append((place, expr, is_part))
    # The page's header and the list of logs: the number of cases, at least every report and
    # every investigation.
    rows.append((model.reports(), 0, outputs.header["cases"]))
    rows.append((model.investigations(), 0, outputs.header["cases"]))
    # The cost figures: the attacker knows the case and the mapping that price them.
    case = load_case(EXAMPLES / "lucas.yaml")
    mapping = default_mapping_for(case)
    rows += cost_rows(model, outputs, flow_prices(case, mapping), mapping,
                      {span.id: span_weeks(case, span.steps) for span in mapping.spans})
    # The attacker's model holds the log's own point: every figure shown is its definition.
    for expr, low, high in rows:
        got = value(expr, point)
        assert low - 1e-6 <= got <= high + 1e-6, (expr, low, high, got)
    program = Program(model, rows)
    targets = list(protected.values())
    # The log's own point is one solution (checked above); the attacker looks for others.
    spreads = program.spread(targets, [value(e, point) for e in targets])
    intervals = {frozenset(e.items()): found for e, found in zip(targets, spreads, strict=True)}
    found: dict[Place, list[tuple[bool, float, float, float]]] = {}
    shown_zero = set()
    for place, expr, is_part in places:
        low, high = intervals[frozenset(expr.items())]
        found.setdefault(place, []).append((is_part, value(expr, point), low, high))
        if is_part and all(k in program.zero for k in expr):
            shown_zero.add(place)
    return Attack(outputs, found, program.programs, shown_zero)


def _log(tmp_path: Path, rows: list[tuple[str, str, str, str, str]]) -> EventLog:
    path = tmp_path / "handgjord.csv"
    lines = ["case_id,unit,event,timestamp,reporter,outcome"] + [
        ",".join(r) + (",not_opened" if r[2] == "preassessment_decided" else ",")
        for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return read_event_log(path)


def _reports(unit: str, month: int, count: int, start: int, reporter: str = "police",
             day: int = 3) -> list[tuple[str, str, str, str, str]]:
    return [(f"{unit}{month}-{start + i}", unit, "report_received",
             dt.date(2024, month, day).isoformat(), reporter) for i in range(count)]


ALL = tuple((by, length) for by in ("unit", "reporter") for length in ("month", "quarter", "year"))


def test_month_and_quarter_views_together_do_not_give_january_back(attack, tmp_path: Path):
    # A = 1/6/7, B = 6/6/6, C = 7/8/9, D = 9/9/9 reports in January, February and March: the
    # quarter's 14 for A less February's 6 and March's 7 gave January's 1 back.
    rows = []
    for unit, counts in {"A": (1, 6, 7), "B": (6, 6, 6), "C": (7, 8, 9),
                         "D": (9, 9, 9)}.items():
        for month, count in zip((1, 2, 3), counts, strict=True):
            rows += _reports(unit, month, count, 0)
    found = attack(_log(tmp_path, rows), cli_views=ALL, pdf_views=(("unit", "month"),))
    place = ("unit", "month", "2024-01", "reports_received", "A")
    assert found.outputs.readings[place][0].status == "small"
    low, high = found.interval(place)
    assert low <= 1 < 2 <= high
    assert not found.broken() and found.checked() > 0


def test_unit_and_reporter_views_together_do_not_split_a_small_total(attack, tmp_path: Path):
    # Eight reports, four in each unit: by unit both are "<5"; by reporter type the total 8
    # was shown, so that A = B = 4.
    rows = _reports("A", 1, 4, 0, "police") + _reports("B", 1, 4, 0, "health")
    found = attack(_log(tmp_path, rows), cli_views=ALL, pdf_views=(("reporter", "year"),))
    for unit in ("A", "B"):
        low, high = found.interval(("unit", "year", "2024", "reports_received", unit))
        assert high - low >= 1
    assert not found.broken()


def test_the_json_base_does_not_reveal_pending_pre_assessments(attack, tmp_path: Path):
    # Seven reports in A: five decided (a base n of 5), two still within their 14 days on the
    # log's last day; 7 received less the base of 5 gave the pending 2 back.
    rows = _reports("A", 3, 5, 0, day=1) + _reports("A", 3, 2, 10, day=28)
    rows += [(f"A3-{i}", "A", "preassessment_decided", "2024-03-10", "police")
             for i in range(5)]
    rows += _reports("B", 3, 9, 0, day=2)
    rows += [(f"B3-{i}", "B", "preassessment_decided", "2024-03-12", "police")
             for i in range(9)]
    found = attack(_log(tmp_path, rows), cli_views=ALL, pdf_views=(("unit", "quarter"),))
    place = ("unit", "month", "2024-03", "preassessment_not_yet_due", "A")
    assert found.found[place][0][1] == 2
    low, high = found.interval(place)
    assert high - low >= 1
    assert not found.broken()


@pytest.mark.parametrize(("seed", "cases", "units", "years"), [(1, 70, 3, 0.7), (4, 40, 2, 0.5)])
def test_no_hidden_count_can_be_worked_out_from_every_output(attack, seed: int, cases: int,
                                                             units: int, years: float):
    # Small logs with many small counts: a few units, five reporter types, six to eight
    # months, so that investigations run past their four months and every indicator has
    # something. Every web output is read for all six views; the command line and the PDF,
    # which work the protection out again and take seconds each, for one view or two.
    log = synthetic_log(cases=cases, units=units, seed=seed, years=years)
    found = attack(log, cli_views=(ALL[seed % 6], ALL[(seed + 3) % 6]),
                   pdf_views=(ALL[(seed + 1) % 6],) if seed == 1 else (), costs=True)
    assert not found.broken()
    assert found.checked() > 50


def _visible_costs(outputs: Outputs) -> int:
    return sum(1 for readings in outputs.costs.values() if readings[0].kronor is not None)


def test_costs_of_every_path_are_read_and_add_no_way_in(attack):
    log = synthetic_log(cases=260, units=3, seed=7, years=0.7)
    found = attack(log, costs=True)
    assert _visible_costs(found.outputs) > 20
    assert not found.broken()


def test_the_attacker_breaks_costs_shown_where_their_counts_are_hidden(attack):
    # The control: every cost figure shown, hidden counts or not, gives hidden counts back;
    # an attacker that found nothing here would prove nothing above.
    log = synthetic_log(cases=40, units=2, seed=4, years=0.5)
    found = attack(log, costs=True)
    assert not found.broken()
    case = load_case(EXAMPLES / "lucas.yaml")
    mapping = default_mapping_for(case)
    unprotected = suppressed_views(log, threshold=1)
    outputs = found.outputs
    for length in Period:
        data = cost_to_data(flow_cost(log, case, mapping, period=length, views=unprotected))
        for period in data["periods"]:
            for path in period["paths"]:
                for group, cell in [*path["groups"].items(), (None, path["total"])]:
                    outputs.costs[(length.value, period["period"], path["id"], group)] = [
                        CostReading("unprotected", cell["hours"], cell["kronor"])]
    assert _attack(log, outputs).broken()
