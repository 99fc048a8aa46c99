"""YAML and JSON case files: reading, writing and three-point times."""

from __future__ import annotations

from pathlib import Path

from samverkan.formats.case_file import dump_case_text, parse_case_text
from samverkan.formats.case_io import load_case, save_case
from samverkan.model import Case


def test_yaml_and_json_round_trip(lucas: Case, tmp_path: Path) -> None:
    for name in ("lucas.yaml", "lucas.json"):
        save_case(lucas, tmp_path / name)
        assert load_case(tmp_path / name) == lucas


def test_three_point_minutes_are_kept() -> None:
    text = """
format: samverkan/case@1
name: Osäkert
organisations: [{id: s, name: S, group: school}]
roles: [{id: r, name: R, monthly_cost: 49500}]
steps:
  - id: s1
    name: Steg
    weeks: 1
    tasks:
      - id: t
        org: s
        name: Möte
        participants: [{role: r, minutes: {low: 30, likely: 45, high: 90}}]
"""
    case = parse_case_text(text)
    (participant,) = case.tasks[0].participants
    assert (participant.minutes_low, participant.minutes, participant.minutes_high) == (30, 45, 90)
    assert parse_case_text(dump_case_text(case, "json"), fmt="json") == case
