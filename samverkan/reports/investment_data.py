"""The investment case as plain JSON-ready data: `samverkan invest --format json`.

Keys outside tools may rely on (more may be added, none removed or renamed): per alternative
`npv`, `benefit_cost_ratio`, `roi`, `payback_year`, `outcome`, `bands`, and per organisation,
group and the total a list of `years`, each with `investment`, `case_cost_change`,
`avoided_cost`, `net` and `cumulative_net`. The discount rate, the price year and whether the
price list is illustrative are stated at the top, as every output of the investment case
states them. Kronor are unrounded floats in the price year; ratios and payback are null when
they do not exist (nothing spent; no payback within the horizon).
"""

from __future__ import annotations

from typing import Any

from samverkan.formats.results_json import band_to_data
from samverkan.model import InvestmentBands, InvestmentCase, Ledger, PriceList, YearFlows
from samverkan.reports.analysis import Analysis

__all__ = ["investment_to_data", "ledger_to_data", "year_to_data"]


def year_to_data(year: YearFlows) -> dict[str, Any]:
    return {
        "year": year.year,
        "investment": year.investment,
        "case_cost_change": year.case_cost_change,
        "avoided_cost": year.avoided_cost,
        "net": year.net,
        "cumulative_net": year.cumulative_net,
        "discount_factor": year.discount_factor,
        "discounted_net": year.discounted_net,
        "cumulative_discounted_net": year.cumulative_discounted_net,
        "benefit": year.benefit,
        "cost": year.cost,
    }


def ledger_to_data(ledger: Ledger) -> dict[str, Any]:
    return {
        "npv": ledger.npv,
        "benefit_cost_ratio": ledger.benefit_cost_ratio,
        "roi": ledger.roi,
        "payback_year": ledger.payback_year,
        "present_benefit": ledger.present_benefit,
        "present_cost": ledger.present_cost,
        "years": [year_to_data(y) for y in ledger.years],
    }


def _case_to_data(case: InvestmentCase, bands: InvestmentBands, names: dict[str, str],
                  groups_of: dict[str, str]) -> dict[str, Any]:
    organisations = {}
    for org_id, led in case.organisations.items():
        entry: dict[str, Any] = {"name": names.get(org_id, org_id),
                                 "group": groups_of.get(org_id)}
        entry |= ledger_to_data(led)
        if org_id in bands.organisations:
            entry["npv_band"] = band_to_data(bands.organisations[org_id])
        organisations[org_id] = entry
    groups = {}
    for group, led in case.groups.items():
        members: dict[str, Any] = {"organisations": list(case.group_members.get(group, ()))}
        members |= ledger_to_data(led)
        if group in bands.groups:
            members["npv_band"] = band_to_data(bands.groups[group])
        groups[group] = members
    return {
        "alternative": case.alternative,
        "outcome": {"assumption": case.outcome.assumption, "source": case.outcome.source},
        "npv": case.npv,
        "benefit_cost_ratio": case.benefit_cost_ratio,
        "roi": case.roi,
        "payback_year": case.payback_year,
        "present_benefit": case.total.present_benefit,
        "present_cost": case.total.present_cost,
        "bands": {
            "npv": band_to_data(bands.npv),
            "probability_positive": bands.probability_positive,
            "present_avoided_cost": band_to_data(bands.present_avoided_cost),
        },
        "investors": case.investors,
        "beneficiaries": case.beneficiaries,
        "organisations": organisations,
        "groups": groups,
        "total": ledger_to_data(case.total),
        "investments": [{
            "name": line.investment.name, "org": line.investment.org,
            "kronor_per_year": line.kronor_per_year, "from_year": line.investment.from_year,
            "to_year": line.investment.to_year, "role": line.investment.role,
            "fte": line.investment.fte, "days": line.investment.days,
            "people": line.investment.people, "source": line.investment.source,
        } for line in case.investments],
        "avoided": [{
            "intervention": line.avoided.intervention, "name": line.name, "unit": line.unit,
            "org": line.avoided.org,
            "cases_share": {"low": line.avoided.cases_share.low,
                            "likely": line.avoided.cases_share.likely,
                            "high": line.avoided.cases_share.high},
            "units": line.avoided.units, "years_after": line.avoided.years_after,
            "for_years": line.avoided.for_years, "unit_kronor": line.unit_kronor,
            "price_kronor": line.price_kronor, "price_year": line.price_year,
            "price_source": line.source, "source": line.avoided.source,
            "kronor_by_year": list(line.kronor_by_year),
        } for line in case.avoided],
    }


def investment_to_data(analysis: Analysis) -> dict[str, Any]:
    """Every figure of `analysis.investments`, with the assumptions they rest on."""
    investments = analysis.investments
    prices: PriceList | None = analysis.prices
    cases = [i.case for i in investments]
    price_year = next((c.price_year for c in cases if c.price_year is not None), None)
    names = analysis.organisation_names
    groups_of = {o.id: o.group for c in (analysis.case, *analysis.alternative_cases)
                 for o in c.organisations}
    return {
        "baseline": analysis.case.name,
        "currency": analysis.case.currency,
        "years": analysis.years,
        "discount_rate": analysis.discount_rate,
        "cases_per_year": analysis.cases_per_year,
        "price_year": price_year,
        "prices": None if prices is None else {
            "name": prices.name, "illustrative": prices.illustrative,
            "index": prices.index_name, "index_illustrative": prices.index_illustrative,
        },
        "draws": analysis.draws,
        "seed": analysis.seed,
        "distribution": analysis.distribution,
        "alternatives": [_case_to_data(i.case, i.bands, names, groups_of) for i in investments],
    }
