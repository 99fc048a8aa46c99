"""The follow-up as a report a politician can read: HTML, and the same as PDF.

The latest settled period first (every case in it has reached its limit), with charts of the
figures the law sets limits for, then the whole municipality period by period, then every
period's table. Every figure comes from the suppressed comparison — the same cells the terminal,
web page and workbook hide are hidden here.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from samverkan.followup.comparison import UnitComparison
from samverkan.followup.indicators import TOTAL
from samverkan.reports.followup_charts import key_charts, key_trends
from samverkan.reports.followup_tables import LEGEND, comparison_rows, group_name, shown_text
from samverkan.reports.report import environment, html_to_pdf

__all__ = ["render_followup_html", "write_followup_pdf"]

# Values are texts, lists of texts (paragraphs) and small lookups: read as Any by the context.
_TEXT: dict[str, dict[str, Any]] = {
    "sv": {
        "title": "Uppföljning av orosanmälningar och utredningar",
        "source": "Händelselogg", "as_of": "Loggen till och med", "made": "Framställd",
        "summary": "Sammanfattning",
        "settled": "{period} är den senaste perioden där varje ärende har nått sin tidsgräns; "
        "senare perioders andelar ändras ännu när pågående ärenden avslutas eller blir sena.",
        "unsettled": "I varje period pågår ännu ärenden inom sin tidsgräns; andelarna för "
        "{period} kan ändras när de avslutas eller blir sena.",
        "by": {"unit": "enhet", "reporter": "anmälartyp"},
        "summary_text": "{n} anmälningar kom in under {period}. Hela kommunen: "
        "förhandsbedömning inom 14 dagar {pre}, utredning klar inom fyra månader {inv}, "
        "återkoppling till anmälaren {fb}.",
        "spread_text": "Mellan enheterna: förhandsbedömning inom 14 dagar {pre_spread}, "
        "utredning inom fyra månader {inv_spread}.",
        "method": "Så räknas det",
        "method_text": [
            "Varje anmälan räknas till perioden då den kom in, och varje utredning till "
            "perioden då den inleddes. Förhandsbedömningen ska vara klar inom 14 dagar från att "
            "anmälan kom in; utredningen inom fyra kalendermånader från att den inleddes (en "
            "utredning inledd den 31 oktober ska vara klar den 28 eller 29 februari). Förlängda "
            "utredningar räknas för sig.",
            "Ärenden som fortfarande pågår när loggen slutar räknas som försenade när tidsgränsen "
            "har passerat och som ännu inte klara, inom tidsgräns, före dess.",
            "Små tal visas inte: antal mellan ett och fyra står som \"<5\", andelar med färre än "
            "fem ärenden att räkna på döljs, och ytterligare uppgifter döljs där en dold uppgift "
            "annars skulle kunna räknas fram ur summan. Loggen innehåller inga personnummer; "
            "en logg med personnummer tas aldrig emot.",
        ],
        "over_time": "Hela kommunen period för period",
        "over_time_caption": "Hela kommunens värde för varje indikator och period",
        "tables": "Alla enheter, period för period",
        "table_caption": "Indikatorer per {by} och hela kommunen, {period}",
        "indicator": "Indikator", "spread": "Spridning",
        "footer": "Framställd med Samverkan ur en pseudonymiserad händelselogg.",
        "page": "Sida",
        "of": "av",
    },
    "en": {
        "title": "Follow-up of reports of concern and investigations",
        "source": "Event log", "as_of": "Log up to", "made": "Made",
        "summary": "Summary",
        "settled": "{period} is the latest period in which every case has reached its limit; "
        "later periods' shares will still change as open cases close or run late.",
        "unsettled": "Every period still has cases within their limit; the shares for {period} "
        "may change as they close or run late.",
        "by": {"unit": "unit", "reporter": "reporter type"},
        "summary_text": "{n} reports were received in {period}. Whole municipality: "
        "pre-assessment within 14 days {pre}, investigation closed within four months {inv}, "
        "feedback to the reporter {fb}.",
        "spread_text": "Between units: pre-assessment within 14 days {pre_spread}, "
        "investigation within four months {inv_spread}.",
        "method": "How it is counted",
        "method_text": [
            "Each report counts in the period it was received, each investigation in the period "
            "it was opened. The pre-assessment is due within 14 days of the report; the "
            "investigation within four calendar months of its opening (opened on 31 October, due "
            "on 28 or 29 February). Extended investigations are counted apart.",
            "Cases still open when the log ends count as late once their limit has passed, and "
            "as not yet due before.",
            "Small counts are not shown: counts of one to four read \"<5\", shares of fewer than "
            "five cases are hidden, and further figures are hidden where a hidden one could "
            "otherwise be worked out from the total. The log holds no personal identity "
            "numbers; a log with one is never accepted.",
        ],
        "over_time": "The whole municipality period by period",
        "over_time_caption": "The whole municipality's value of each indicator in each period",
        "tables": "Every unit, period by period",
        "table_caption": "Indicators per {by} and the whole municipality, {period}",
        "indicator": "Indicator", "spread": "Spread",
        "footer": "Made with Samverkan from a pseudonymised event log.",
        "page": "Page",
        "of": "of",
    },
}


def _context(comparison: UnitComparison, source: str, lang: str) -> dict[str, object]:
    text = _TEXT[lang]
    table = comparison.table.source
    by = table.by.value
    settled = table.last_settled_period()
    shown = settled or table.periods[-1]
    indicators = {i.id: i for i in table.indicators}

    def total(period: str, indicator_id: str) -> str:
        cell = comparison.table.cell(period, indicator_id, TOTAL)
        return shown_text(cell, indicators[indicator_id].kind, lang)

    # Every period's rows once: the tables show them all, the summary reads its period's.
    rows = {period: comparison_rows(comparison, period, lang) for period in table.periods}
    summary_rows = {r.indicator.id: r for r in rows[shown]}

    def spread(indicator_id: str) -> str:
        return summary_rows[indicator_id].spread or "–"

    summary = text["summary_text"].format(
        n=total(shown, "reports_received"), period=shown,
        pre=total(shown, "preassessment_within_14_days"),
        inv=total(shown, "investigation_within_4_months"), fb=total(shown, "feedback_share"),
    )
    return {
        "t": text,
        "lang": lang,
        "source": source,
        "as_of": table.as_of,
        "made": dt.date.today(),
        "by": text["by"][by],
        "summary": summary,
        "settled": text["settled" if settled else "unsettled"].format(period=shown),
        "spread_text": text["spread_text"].format(
            pre_spread=spread("preassessment_within_14_days"),
            inv_spread=spread("investigation_within_4_months"),
        ) if by == "unit" else "",
        "charts": key_charts(comparison, shown, lang),
        "trends": key_trends(comparison, lang),
        "groups": [group_name(g, by, lang) for g in (*table.groups, TOTAL)],
        "periods": [
            {"name": period, "rows": rows[period]}
            for period in reversed(table.periods)
        ],
        "over_time": [
            {"label": i.label(lang), "section": i.section,
             "cells": [total(period, i.id) for period in table.periods]}
            for i in table.indicators
        ],
        "period_names": list(table.periods),
        "legend": LEGEND[lang],
    }


def render_followup_html(comparison: UnitComparison, source: str, lang: str = "sv") -> str:
    """The follow-up report as one self-contained HTML document."""
    template = environment().get_template("followup_report.html.j2")
    return template.render(_context(comparison, source, lang))


def write_followup_pdf(comparison: UnitComparison, source: str, path: Path,
                       lang: str = "sv") -> None:
    """The same report as PDF, on landscape A4 pages so that every unit fits beside the next."""
    html_to_pdf(render_followup_html(comparison, source, lang), path)
