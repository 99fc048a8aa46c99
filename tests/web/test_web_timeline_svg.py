"""The timeline SVG: one equal circle per task, lanes with colour and another cue, exchanges."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from samverkan.model import Case, compute
from samverkan.reports.labels import kronor
from samverkan.reports.timeline import lane_styles, timeline_svg

SVG = "{http://www.w3.org/2000/svg}"


def test_one_equal_circle_per_task(lucas: Case) -> None:
    svg = timeline_svg(compute(lucas))
    root = ET.fromstring(svg)
    dots = [c for c in root.iter(f"{SVG}circle") if c.get("class") == "tl-dot"]
    assert len(dots) == len(lucas.tasks)
    assert {c.get("r") for c in dots} == {"10.0"}


def test_lanes_have_the_seed_colours_and_distinct_letters_and_patterns(lucas: Case) -> None:
    styles = lane_styles(compute(lucas))
    assert styles["skola_a"].fill == "#4c9a2a"  # green
    assert styles["skola_b"].fill == "#f2c500"  # yellow
    assert styles["soc"].fill == "#5b9bd5"  # blue
    assert len({s.letter for s in styles.values()}) == 3
    assert len({s.pattern for s in styles.values()}) == 3


def test_exchange_occasions_are_ringed_and_joined(lucas: Case) -> None:
    svg = timeline_svg(compute(lucas))
    exchange_tasks = [t for t in lucas.tasks if t.exchange]
    assert svg.count("tl-task-exchange") == len(exchange_tasks)
    lines = svg.count('class="tl-exchange"')
    expected = sum(
        len([t for t in exchange_tasks if t.exchange == e]) - 1 for e in lucas.exchange_occasions
    )
    assert lines == expected > 0


def test_links_carry_the_task_and_its_figures(lucas: Case) -> None:
    result = compute(lucas)
    svg = timeline_svg(result, task_link=lambda t: {"href": f"/t/{t.id}"})
    task = lucas.tasks[0]
    link = re.search(rf'<a class="tl-task[^"]*" data-task="{task.id}"[^>]*>', svg)
    assert link is not None
    assert f'href="/t/{task.id}"' in link.group(0)
    assert kronor(result.task(task.id).figures.cost, "sv") in link.group(0)


def test_without_links_there_are_no_anchors_and_english_labels(lucas: Case) -> None:
    svg = timeline_svg(compute(lucas), lang="en")
    assert "<a " not in svg
    assert "4 weeks" in svg and "4 veckor" not in svg and "Ring and dashed line" in svg
