"""The investment case as a report a politician can read: HTML, and the same as PDF.

Does a way of working pay, for whom, and when? Per alternative: the net present value, the
benefit-cost ratio, the return on investment and the payback year, with the assumption about the
outcome for the child beside them; how sure the figures are (P10–P90, the chance of a positive
net present value); who invests and who gets back; each organisation's, group's and the total's
flows year by year; and a chart of each organisation's cumulative net. The discount rate, the
price year and whether the prices are illustrative are stated. Every figure is the analysis's
own (`Analysis.investments`); nothing is computed here beyond choosing what to say.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from samverkan.model import InvestmentCase, Ledger
from samverkan.reports.analysis import Analysis, InvestmentAnalysis
from samverkan.reports.investment_chart import cumulative_net_chart
from samverkan.reports.labels import group_label, kronor, number, percent
from samverkan.reports.report import environment, html_to_pdf

__all__ = ["render_investment_html", "write_investment_pdf", "investment_context", "TEXT"]

TEXT: dict[str, dict[str, str]] = {
    "sv": {
        "title": "Lönar sig det nya arbetssättet – för vem och när?",
        "made": "Framställd", "report": "Investeringskalkyl",
        "lead": "Investeringskalkyl för {alternatives}, jämfört med {baseline}: {cases} ärenden "
                "per år under {years} år, diskonterat med {rate} real ränta per år, i "
                "{price_year} års priser.",
        "lead_no_prices": "Investeringskalkyl för {alternatives}, jämfört med {baseline}: "
                          "{cases} ärenden per år under {years} år, diskonterat med {rate} real "
                          "ränta per år.",
        "and": "och",
        "prices_used": "Prislista: {name}. Prisindex: {index}.",
        "illustrative": "Priserna på senare insatser är ILLUSTRATIVA, inte en källa: de visar "
                        "hur kalkylen räknar. Byt mot kommunens egna priser eller SKR:s "
                        "Insatskostnader innan siffrorna används.",
        "index_illustrative": "Prisindexet som flyttar priserna till ett prisår är också "
                              "illustrativt.",
        "summary": "Sammanfattning",
        "summary_caption": "Lönsamhet per arbetssätt över {years} år",
        "alternative": "Arbetssätt", "npv": "Nettonuvärde", "bcr": "Nytta-kostnadskvot",
        "roi": "Avkastning (ROI)", "payback": "Återbetalningsår", "band": "P10–P90",
        "chance": "Chans till vinst", "outcome": "Förutsatt för barnet",
        "no_payback": "inte inom {years} år", "none": "–",
        "pays_back": "Kalkylen betalar sig år {year}.",
        "never_pays": "Kalkylen betalar sig inte inom {years} år.",
        "npv_sentence": "Med {cases} ärenden per år ger {alternative} ett nettonuvärde på "
                        "{npv} över {years} år.",
        "band_sentence": "Med osäkerheten inräknad ligger nettonuvärdet med 80 procents "
                         "sannolikhet mellan {p10} och {p90}; chansen att det är positivt är "
                         "{chance}.",
        "who_sentence": "{investors} lägger ut mer än de får tillbaka; {beneficiaries} får "
                        "tillbaka mer än de lägger ut.",
        "only_investors": "Alla organisationer lägger ut mer än de får tillbaka: {investors}.",
        "only_beneficiaries": "Alla organisationer får tillbaka mer än de lägger ut: "
                              "{beneficiaries}.",
        "outcome_box": "Vinsten räknas bara om barnet har det minst lika bra. Antagande: "
                       "{assumption}",
        "outcome_source": "Källa: {source}",
        "who": "Vem investerar och vem får tillbaka",
        "who_caption": "Nettonuvärde per organisation, {alternative}",
        "organisation": "Organisation", "group": "Grupp", "role": "Roll",
        "invests": "investerar", "benefits": "får tillbaka", "even": "går jämnt upp",
        "chart": "Kumulativt netto per organisation",
        "years_heading": "År för år",
        "ledger_caption": "{name}: år för år, kronor i {price_year} års priser",
        "ledger_caption_no_prices": "{name}: år för år, kronor",
        "year": "År", "investment": "Investering", "case_cost_change": "Ändrad ärendekostnad",
        "avoided_cost": "Undvikt kostnad", "net": "Netto", "cumulative_net": "Kumulativt netto",
        "sum": "Summa", "total": "Totalt (summa av grupperna)",
        "group_note": "Skolornas rader är medelvärdet av skolorna, som alla figurer i modellen; "
                      "totalen är summan av grupperna. En enskild skolas rader gäller om varje "
                      "ärende gick genom just den skolan och summeras inte till totalen.",
        "inputs": "Vad kalkylen bygger på",
        "investments_caption": "Investeringar, {alternative}",
        "name": "Vad", "years": "År", "per_year": "Kronor per år", "source": "Källa",
        "avoided_caption": "Senare insatser som undviks, {alternative}",
        "intervention": "Insats", "share": "Andel av ärendena (låg / troligast / hög)",
        "units": "Enheter per ärende och år", "when": "När", "unit_price": "Pris per enhet",
        "when_text": "år {after} efter ärendet, i {count} år",
        "no_investments": "Inga investeringar.", "no_avoided": "Inga senare insatser undviks.",
        "method": "Så räknar vi",
        "method_text": "Varje år hanteras {cases} ärenden på det nya sättet. Netto = undvikt "
                       "kostnad − investering − ändrad ärendekostnad (den ändrade kostnaden "
                       "per ärende från jämförelsen gånger antalet ärenden). År 1 diskonteras "
                       "inte, år t med (1 + r)^(t − 1) och r = {rate} real ränta, som i "
                       "offentliga kalkylhandledningar. Nettonuvärdet är summan av de "
                       "diskonterade nettona; nytta-kostnadskvoten är nuvärdet av besparingarna "
                       "delat med nuvärdet av utgifterna, och avkastningen nettonuvärdet delat "
                       "med nuvärdet av utgifterna. Återbetalningsåret är det första år från "
                       "vilket det diskonterade kumulativa nettot ligger kvar på noll eller mer. "
                       "Osäkerheten kommer från {draws} dragningar (Monte Carlo) av tiderna och "
                       "andelarna av ärenden som undviker en insats, samma dragningar för "
                       "varje arbetssätt.",
        "footer": "Framställd med Samverkan. Kronor i fasta priser.",
        "page": "Sida", "of": "av",
    },
    "en": {
        "title": "Does the new way of working pay – for whom, and when?",
        "made": "Made", "report": "Investment case",
        "lead": "Investment case for {alternatives}, compared with {baseline}: {cases} cases a "
                "year over {years} years, discounted at a real rate of {rate} a year, in "
                "{price_year} prices.",
        "lead_no_prices": "Investment case for {alternatives}, compared with {baseline}: "
                          "{cases} cases a year over {years} years, discounted at a real rate "
                          "of {rate} a year.",
        "and": "and",
        "prices_used": "Price list: {name}. Price index: {index}.",
        "illustrative": "The prices of later interventions are ILLUSTRATIVE, not a source: they "
                        "show how the case is computed. Replace them with the municipality's "
                        "own prices or SKR's Insatskostnader before the figures are used.",
        "index_illustrative": "The price index moving prices to one price year is illustrative "
                              "too.",
        "summary": "Summary",
        "summary_caption": "Whether each way of working pays over {years} years",
        "alternative": "Way of working", "npv": "Net present value",
        "bcr": "Benefit-cost ratio", "roi": "Return on investment", "payback": "Payback year",
        "band": "P10–P90", "chance": "Chance of a gain", "outcome": "Assumed for the child",
        "no_payback": "not within {years} years", "none": "–",
        "pays_back": "The case pays back in year {year}.",
        "never_pays": "The case does not pay back within {years} years.",
        "npv_sentence": "With {cases} cases a year, {alternative} has a net present value of "
                        "{npv} over {years} years.",
        "band_sentence": "With the uncertainty counted, the net present value lies between "
                         "{p10} and {p90} with 80 per cent probability; the chance that it is "
                         "positive is {chance}.",
        "who_sentence": "{investors} pay more than they get back; {beneficiaries} get back more "
                        "than they pay.",
        "only_investors": "Every organisation pays more than it gets back: {investors}.",
        "only_beneficiaries": "Every organisation gets back more than it pays: "
                              "{beneficiaries}.",
        "outcome_box": "The gain only counts if the child is at least as well off. "
                       "Assumption: {assumption}",
        "outcome_source": "Source: {source}",
        "who": "Who invests and who gets back",
        "who_caption": "Net present value per organisation, {alternative}",
        "organisation": "Organisation", "group": "Group", "role": "Role",
        "invests": "invests", "benefits": "gets back", "even": "breaks even",
        "chart": "Cumulative net per organisation",
        "years_heading": "Year by year",
        "ledger_caption": "{name}: year by year, kronor in {price_year} prices",
        "ledger_caption_no_prices": "{name}: year by year, kronor",
        "year": "Year", "investment": "Investment", "case_cost_change": "Case cost change",
        "avoided_cost": "Avoided cost", "net": "Net", "cumulative_net": "Cumulative net",
        "sum": "Sum", "total": "Total (sum of the groups)",
        "group_note": "The schools' rows are the mean of the schools, as every figure of the "
                      "model; the total is the sum of the groups. A single school's rows hold "
                      "if every case passed that school, and do not add up to the total.",
        "inputs": "What the case rests on",
        "investments_caption": "Investments, {alternative}",
        "name": "What", "years": "Years", "per_year": "Kronor a year", "source": "Source",
        "avoided_caption": "Later interventions avoided, {alternative}",
        "intervention": "Intervention", "share": "Share of cases (low / likely / high)",
        "units": "Units per case and year", "when": "When", "unit_price": "Price per unit",
        "when_text": "{after} years after the case, for {count} years",
        "no_investments": "No investments.", "no_avoided": "No later interventions avoided.",
        "method": "How it is computed",
        "method_text": "Each year {cases} cases are handled the new way. Net = avoided cost − "
                       "investment − case cost change (the comparison's changed cost of each "
                       "case times the number of cases). Year 1 is not discounted, year t by "
                       "(1 + r)^(t − 1) with r = {rate} real, as public-sector appraisal "
                       "guides do. The net present value is the sum of the discounted nets; the "
                       "benefit-cost ratio is the present value of the savings over that of the "
                       "spending, and the return on investment the net present value over the "
                       "present spending. The payback year is the first year from which the "
                       "discounted cumulative net stays at zero or above. The uncertainty comes "
                       "from {draws} draws (Monte Carlo) of the times and of the shares of cases "
                       "avoiding an intervention, the same draws for every way of working.",
        "footer": "Made with Samverkan. Kronor in constant prices.",
        "page": "Page", "of": "of",
    },
}


def _joined(items: list[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {TEXT[lang]['and']} {items[-1]}"


def _ratio(value: float | None, lang: str) -> str:
    return TEXT[lang]["none"] if value is None else number(value, lang, 2)


def _share(value: float | None, lang: str) -> str:
    return TEXT[lang]["none"] if value is None else percent(value, lang)


def _payback(year: int | None, years: int, lang: str) -> str:
    return TEXT[lang]["no_payback"].format(years=years) if year is None else str(year)


def _ledger_rows(led: Ledger, lang: str) -> dict[str, Any]:
    rows = [[str(y.year), kronor(y.investment, lang), kronor(y.case_cost_change, lang),
             kronor(y.avoided_cost, lang), kronor(y.net, lang), kronor(y.cumulative_net, lang)]
            for y in led.years]
    sums = [kronor(led.total(f), lang) for f in
            ("investment", "case_cost_change", "avoided_cost", "net")]
    return {"rows": rows, "sums": sums, "npv": kronor(led.npv, lang)}


def _alternative(item: InvestmentAnalysis, analysis: Analysis, number_: int,
                 lang: str) -> dict[str, Any]:
    t = TEXT[lang]
    case: InvestmentCase = item.case
    names = analysis.organisation_names
    bands = item.bands

    def kr(value: float) -> str:
        return kronor(value, lang)

    investors = [names.get(o, o) for o in case.investors]
    beneficiaries = [names.get(o, o) for o in case.beneficiaries]
    if investors and beneficiaries:
        who = t["who_sentence"].format(investors=_joined(investors, lang),
                                       beneficiaries=_joined(beneficiaries, lang))
    elif investors:
        who = t["only_investors"].format(investors=_joined(investors, lang))
    elif beneficiaries:
        who = t["only_beneficiaries"].format(beneficiaries=_joined(beneficiaries, lang))
    else:
        who = ""
    groups_of = {o.id: o.group for c in (analysis.case, *analysis.alternative_cases)
                 for o in c.organisations}
    organisations = []
    for org_id, led in case.organisations.items():
        band = bands.organisations.get(org_id)
        organisations.append({
            "name": names.get(org_id, org_id),
            "group": group_label(groups_of.get(org_id, ""), lang),
            "npv": kr(led.npv),
            "band": f"{kr(band.p10)} – {kr(band.p90)}" if band else t["none"],
            "role": t["invests"] if led.npv < 0 else t["benefits"] if led.npv > 0 else t["even"],
            "invests": led.npv < 0,
        })
    caption = t["ledger_caption" if case.price_year else "ledger_caption_no_prices"]
    ledgers = [{"caption": caption.format(name=names.get(o, o), price_year=case.price_year),
                **_ledger_rows(led, lang)} for o, led in case.organisations.items()]
    ledgers += [{"caption": caption.format(name=group_label(g, lang),
                                           price_year=case.price_year),
                 **_ledger_rows(led, lang)} for g, led in case.groups.items()]
    ledgers.append({"caption": caption.format(name=t["total"], price_year=case.price_year),
                    **_ledger_rows(case.total, lang), "total": True})
    organisations_of = [o for c in (analysis.case, *analysis.alternative_cases)
                        for o in c.organisations]
    sentences = [t["npv_sentence"].format(cases=number(case.cases_per_year, lang),
                                          alternative=case.alternative, npv=kr(case.npv),
                                          years=case.years),
                 t["pays_back"].format(year=case.payback_year) if case.payback_year else
                 t["never_pays"].format(years=case.years)]
    if item.uncertain:
        sentences.append(t["band_sentence"].format(
            p10=kr(bands.npv.p10), p90=kr(bands.npv.p90),
            chance=percent(bands.probability_positive, lang)))
    return {
        "id": f"alt-{number_}",
        "name": case.alternative,
        "who_caption": t["who_caption"].format(alternative=case.alternative),
        "investments_caption": t["investments_caption"].format(alternative=case.alternative),
        "avoided_caption": t["avoided_caption"].format(alternative=case.alternative),
        "outcome": t["outcome_box"].format(assumption=case.outcome.assumption),
        "outcome_short": case.outcome.assumption,
        "outcome_source": (t["outcome_source"].format(source=case.outcome.source)
                           if case.outcome.source else ""),
        "npv": kr(case.npv), "npv_negative": case.npv < 0,
        "bcr": _ratio(case.benefit_cost_ratio, lang),
        "roi": _share(case.roi, lang),
        "payback": _payback(case.payback_year, case.years, lang),
        "band": f"{kr(bands.npv.p10)} – {kr(bands.npv.p90)}" if item.uncertain else t["none"],
        "chance": percent(bands.probability_positive, lang),
        "sentences": sentences,
        "who": who,
        "organisations": organisations,
        "chart": cumulative_net_chart(case, names, organisations_of, lang,
                                      chart_id=f"net-chart-{number_}"),
        "ledgers": ledgers,
        "investments": [{
            "name": line.investment.name,
            "org": names.get(line.investment.org, line.investment.org),
            "years": (str(line.investment.from_year)
                      if line.investment.from_year == line.investment.to_year else
                      f"{line.investment.from_year}–{line.investment.to_year}"),
            "per_year": kr(line.kronor_per_year), "source": line.investment.source,
        } for line in case.investments],
        "avoided": [{
            "name": line.name, "org": names.get(line.avoided.org, line.avoided.org),
            "share": " / ".join(percent(s, lang, 1) for s in (
                line.avoided.cases_share.low, line.avoided.cases_share.likely,
                line.avoided.cases_share.high)),
            "units": f"{number(line.avoided.units, lang, 1)} {line.unit}",
            "when": t["when_text"].format(after=line.avoided.years_after,
                                          count=line.avoided.for_years),
            "unit_price": kr(line.unit_kronor),
            "source": " · ".join(s for s in (line.avoided.source, line.source) if s),
        } for line in case.avoided],
    }


def investment_context(analysis: Analysis, lang: str = "sv",
                       created: dt.date | None = None) -> dict[str, Any]:
    """What the report and the web page show of `analysis.investments`, as texts."""
    t = TEXT[lang]
    investments = analysis.investments
    price_year = next((i.case.price_year for i in investments
                       if i.case.price_year is not None), None)
    prices = analysis.prices
    uses_prices = any(i.case.avoided for i in investments)
    rate = percent(analysis.discount_rate, lang, 1)
    cases = number(analysis.cases_per_year, lang)
    fields = {"alternatives": _joined([i.case.alternative for i in investments], lang),
              "baseline": analysis.case.name, "cases": cases, "years": analysis.years,
              "rate": rate, "price_year": price_year}
    return {
        "t": t,
        "lang": lang,
        "made": created or dt.date.today(),
        "lead": t["lead" if price_year else "lead_no_prices"].format(**fields),
        "prices_used": (t["prices_used"].format(name=prices.name, index=prices.index_name)
                        if uses_prices and prices is not None else ""),
        "illustrative": uses_prices and prices is not None and prices.illustrative,
        "index_illustrative": uses_prices and prices is not None and prices.index_illustrative,
        "summary_caption": t["summary_caption"].format(years=analysis.years),
        "alternatives": [_alternative(item, analysis, n, lang)
                         for n, item in enumerate(investments, start=1)],
        "method_text": t["method_text"].format(cases=cases, rate=rate, draws=analysis.draws),
        "groups_averaged": any(len(m) > 1 for i in investments
                               for m in i.case.group_members.values()),
    }


def render_investment_html(analysis: Analysis, lang: str = "sv",
                           created: dt.date | None = None) -> str:
    """The investment case as one self-contained HTML document."""
    template = environment().get_template("investment_report.html.j2")
    return template.render(investment_context(analysis, lang, created))


def write_investment_pdf(analysis: Analysis, path: Path, lang: str = "sv") -> None:
    """The same report as PDF (A4, page numbers), with every outside fetch refused."""
    html_to_pdf(render_investment_html(analysis, lang), path)
