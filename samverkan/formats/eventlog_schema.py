"""The event-log contract: column names, event names, outcomes and reporter types.

One row per event. Columns `case_id`, `unit`, `event` and `timestamp` are required; `reporter`,
`school` and `outcome` are optional. `outcome` is required on the two events that have one
(`preassessment_decided`, `investigation_closed`) and must be empty on every other event.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "REQUIRED_COLUMNS",
    "OPTIONAL_COLUMNS",
    "COLUMNS",
    "EVENTS",
    "OUTCOMES",
    "REPORTERS",
    "EVENT_LABELS",
    "REPORTER_LABELS",
]

REQUIRED_COLUMNS: Final[tuple[str, ...]] = ("case_id", "unit", "event", "timestamp")
OPTIONAL_COLUMNS: Final[tuple[str, ...]] = ("reporter", "school", "outcome")
COLUMNS: Final[tuple[str, ...]] = REQUIRED_COLUMNS + OPTIONAL_COLUMNS

# The order is the usual order of a case; writers and synthetic logs keep it.
EVENTS: Final[tuple[str, ...]] = (
    "report_received",
    "report_meeting_held",
    "preassessment_decided",
    "feedback_to_reporter",
    "investigation_opened",
    "investigation_extended",
    "intervention_during_investigation",
    "investigation_closed",
    "evaluation_with_reporter",
)

OUTCOMES: Final[dict[str, tuple[str, ...]]] = {
    "preassessment_decided": ("opened", "not_opened", "already_open"),
    "investigation_closed": ("intervention", "no_intervention"),
}

REPORTERS: Final[tuple[str, ...]] = ("school", "preschool", "police", "health", "other")

EVENT_LABELS: Final[dict[str, tuple[str, str]]] = {
    "report_received": ("Orosanmälan inkommen", "Report received"),
    "report_meeting_held": ("Anmälningsmöte hållet", "Report meeting held"),
    "preassessment_decided": ("Förhandsbedömning beslutad", "Pre-assessment decided"),
    "feedback_to_reporter": ("Återkoppling till anmälaren", "Feedback to the reporter"),
    "investigation_opened": ("Utredning inledd", "Investigation opened"),
    "investigation_extended": ("Utredningstiden förlängd", "Investigation extended"),
    "intervention_during_investigation": (
        "Insats under pågående utredning",
        "Intervention during the investigation",
    ),
    "investigation_closed": ("Utredning avslutad", "Investigation closed"),
    "evaluation_with_reporter": ("Utvärdering med anmälaren", "Evaluation with the reporter"),
}

REPORTER_LABELS: Final[dict[str, tuple[str, str]]] = {
    "school": ("Skola", "School"),
    "preschool": ("Förskola", "Preschool"),
    "police": ("Polis", "Police"),
    "health": ("Hälso- och sjukvård", "Health care"),
    "other": ("Övriga", "Other"),
}
