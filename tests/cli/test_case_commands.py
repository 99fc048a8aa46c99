"""The case commands as a user runs them: real processes, real files, exit codes 0/1/2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from pytest import approx

from samverkan.formats.case_io import load_case
from samverkan.model import compute

ROOT = Path(__file__).parent.parent.parent
LUCAS = ROOT / "samverkan" / "examples" / "lucas.yaml"
LUCAS_SAMVERKAN = ROOT / "samverkan" / "examples" / "lucas-samverkan.yaml"
SMALL = ROOT / "tests" / "fixtures" / "cases" / "small.yaml"


def _kr(value: float) -> str:
    """Whole kronor as the terminal shows them, written out here: "−167 333 kr"."""
    sign = "−" if round(value) < 0 else ""
    return f"{sign}{abs(round(value)):,} kr".replace(",", " ")


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "samverkan", *map(str, args)],
                          capture_output=True, text=True, env={"COLUMNS": "120", "PATH": ""},
                          timeout=120)


def test_cost_json_has_the_stable_keys_and_the_lucas_figures() -> None:
    done = run("cost", LUCAS, "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert {"case", "currency", "organisations", "groups", "total", "exchange_occasions",
            "steps", "tasks"} <= set(data)
    assert data["case"] == "Lucas 10 år" and data["currency"] == "SEK"
    for figures in (*data["organisations"].values(), *data["groups"].values(), data["total"]):
        assert {"minutes", "cost", "collaboration_minutes", "collaboration_share"} <= set(figures)
    assert data["organisations"]["skola_a"]["group"] == "school"
    assert data["groups"]["school"]["organisations"] == ["skola_a", "skola_b"]
    assert data["groups"]["social_services"]["cost"] == approx(27_000, rel=0.05)
    assert data["groups"]["school"]["cost"] == approx(117_000, rel=0.05)
    assert data["total"]["cost"] == approx(144_000, rel=0.05)
    assert round(data["total"]["collaboration_share"] * 100) == 3
    assert data["exchange_occasions"] == ["anmalningsmote", "referentsamtal", "avslut"]
    step = data["steps"][0]
    assert step["id"] == "s1" and {"minutes", "cost"} <= set(step["organisations"]["skola_a"])
    assert {"id", "org", "step", "minutes", "cost"} <= set(data["tasks"][0])


def test_cost_json_equals_the_model() -> None:
    data = json.loads(run("cost", SMALL, "-f", "json").stdout)
    result = compute(load_case(SMALL))
    assert data["total"]["cost"] == result.total.cost
    assert [t["cost"] for t in data["tasks"]] == [t.figures.cost for t in result.tasks]


def test_cost_table_reads_well() -> None:
    done = run("cost", LUCAS)
    assert done.returncode == 0
    # The total worked out here: the schools' mean plus social services, with a thousands
    # separator; the schools' collaboration share with one decimal.
    orgs = compute(load_case(LUCAS)).organisations
    a, b, soc = (orgs[o].figures for o in ("skola_a", "skola_b", "soc"))
    total = (a.cost + b.cost) / 2 + soc.cost
    assert f"{round(total) // 1000}\u202f{round(total) % 1000:03d} kr" in done.stdout
    share = (a.collaboration_minutes + b.collaboration_minutes) / (a.minutes + b.minutes)
    assert "Skolorna (genomsnitt)" in done.stdout
    assert f"{share * 100:.1f}".replace(".", ",") + "\u00a0%" in done.stdout


def test_validate_ok_and_bad_input() -> None:
    assert run("validate", LUCAS).returncode == 0


def test_bad_input_exits_1_with_both_languages_and_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "fel.yaml"
    bad.write_text(SMALL.read_text(encoding="utf-8").replace("{role: c, minutes: 100}",
                                                             "{role: x, minutes: -1}"),
                   encoding="utf-8")
    done = run("cost", bad)
    assert done.returncode == 1
    assert "okänd yrkesgrupp 'x'" in done.stderr and "unknown role 'x'" in done.stderr
    assert "steps[0].tasks[2].participants[0].minutes" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_usage_error_exits_2() -> None:
    assert run("cost").returncode == 2
    assert run("cost", LUCAS, "--format", "xml").returncode == 2


def test_compare_json_gives_the_gain() -> None:
    done = run("compare", LUCAS, LUCAS_SAMVERKAN, "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    baseline = compute(load_case(LUCAS)).total.cost
    alternative = compute(load_case(LUCAS_SAMVERKAN)).total.cost
    assert data["gain"] == approx(baseline - alternative)
    assert data["same_process"] is True and data["warnings"] == []
    assert set(data["organisations"]) == {"skola_a", "skola_b", "soc"}


def test_cost_and_compare_per_year() -> None:
    cost = run("cost", LUCAS, "--cases-per-year", "40", "--format", "json")
    assert cost.returncode == 0, cost.stderr
    school_a = json.loads(cost.stdout)["annual"]["organisations"]["skola_a"]
    assert school_a["cost"] == approx(40 * compute(load_case(LUCAS)).organisations[
        "skola_a"].figures.cost)
    compared = run("compare", LUCAS, LUCAS_SAMVERKAN, "--cases-per-year", "40")
    assert compared.returncode == 0, compared.stderr
    text = compared.stdout.replace("\u202f", " ")
    base = compute(load_case(LUCAS)).organisations
    alt = compute(load_case(LUCAS_SAMVERKAN)).organisations

    def total(orgs):
        return (orgs["skola_a"].figures.cost + orgs["skola_b"].figures.cost) / 2 + orgs[
            "soc"].figures.cost

    gain = 40 * (total(base) - total(alt))
    assert f"Samverkansvinst per år / gain per year: {_kr(gain)}" in text
    # A school's own change per year is shown apart, said not to add up to the total.
    school_a = 40 * (alt["skola_a"].figures.cost - base["skola_a"].figures.cost)
    apart = text.split("var för sig")[1]
    assert _kr(school_a) in apart and "sparar / saves" in apart
    assert _kr(school_a) not in text.split("var för sig")[0]
    # Without a volume, nothing per year is claimed.
    assert "per år" not in run("compare", LUCAS, LUCAS_SAMVERKAN).stdout


def test_compare_table_warns_about_different_steps(tmp_path: Path) -> None:
    done = run("compare", LUCAS, SMALL)
    assert done.returncode == 0
    assert "samma process" in done.stdout and "same" in done.stdout


def test_template_and_convert(tmp_path: Path) -> None:
    assert run("template", tmp_path / "mall.xlsx").returncode == 0
    assert (tmp_path / "mall.xlsx").stat().st_size > 0
    assert run("template", tmp_path / "mall.txt").returncode == 2
    assert run("convert", LUCAS, tmp_path / "lucas.xlsx").returncode == 0
    assert run("convert", tmp_path / "lucas.xlsx", tmp_path / "lucas.json").returncode == 0
    assert load_case(tmp_path / "lucas.json") == load_case(LUCAS)


@pytest.mark.parametrize("name", ["lucas.yaml", "lucas-samverkan.yaml", "lucas-skolsocionom.yaml"])
def test_examples_are_shipped_in_the_package(name: str) -> None:
    from importlib.resources import files

    assert files("samverkan.examples").joinpath(name).is_file()


LUCAS_SKOLSOCIONOM = ROOT / "samverkan" / "examples" / "lucas-skolsocionom.yaml"


def test_compare_several_alternatives_json_has_one_comparison_each_in_order() -> None:
    alternatives = [LUCAS_SKOLSOCIONOM, LUCAS_SAMVERKAN, SMALL]
    done = run("compare", LUCAS, *alternatives, "--format", "json", "--cases-per-year", "40")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    base = compute(load_case(LUCAS))
    assert data["baseline"] == base.case.name and data["currency"] == "SEK"
    assert [a["alternative"] for a in data["alternatives"]] == \
        [load_case(p).name for p in alternatives]
    for item, path in zip(data["alternatives"], alternatives, strict=True):
        alt = compute(load_case(path))
        assert item["baseline"] == base.case.name
        assert item["gain"] == approx(base.total.cost - alt.total.cost)
        assert item["annual_comparison"]["gain"] == approx(40 * (base.total.cost -
                                                                 alt.total.cost))
    # The warnings belong to the alternative that differs, and only to it.
    assert [a["same_process"] for a in data["alternatives"]] == [True, True, False]
    assert [bool(a["warnings"]) for a in data["alternatives"]] == [False, False, True]


def test_compare_several_alternatives_table_has_a_column_each() -> None:
    done = run("compare", LUCAS, LUCAS_SAMVERKAN, LUCAS_SKOLSOCIONOM, SMALL,
               "--cases-per-year", "40")
    assert done.returncode == 0, done.stderr
    text = done.stdout.replace("\u202f", " ")
    base = compute(load_case(LUCAS))
    small = load_case(SMALL)
    # Warnings name the alternative they are about.
    assert f"Varning, {small.name}" in text and f"Warning, {small.name}" in text
    assert f"Varning, {load_case(LUCAS_SAMVERKAN).name}" not in text
    for path in (LUCAS_SAMVERKAN, LUCAS_SKOLSOCIONOM, SMALL):
        alt = compute(load_case(path))
        gain = base.total.cost - alt.total.cost
        assert _kr(alt.total.cost) in text
        assert _kr(40 * gain) in text.split("per år")[1]
    gains_line = next(line for line in text.splitlines() if "Samverkansvinst / gain" in line)
    gains = [compute(load_case(LUCAS)).total.cost - compute(load_case(p)).total.cost
             for p in (LUCAS_SAMVERKAN, LUCAS_SKOLSOCIONOM, SMALL)]
    # The columns are in the order the alternatives were given.
    positions = [gains_line.index(_kr(g)) for g in gains]
    assert positions == sorted(positions)


def test_compare_needs_an_alternative() -> None:
    assert run("compare", LUCAS).returncode == 2
