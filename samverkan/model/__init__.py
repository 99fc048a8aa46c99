"""The resource-use model: pure domain values and arithmetic, no I/O.

`compute(case)` gives every deterministic figure; `compare(a, b)` the collaboration gain;
`exchange_occasions`, `child_view` and `salary_equivalents` the views built on them.
"""

from samverkan.model.annual import (
    Annual,
    AnnualChange,
    AnnualComparison,
    AnnualFigures,
    annual,
    annual_comparison,
)
from samverkan.model.case import (
    SCHOOL,
    SOCIAL_SERVICES,
    Case,
    Category,
    CostConventions,
    Exchange,
    Organisation,
    Participant,
    Role,
    Step,
    Task,
    readable_id,
)
from samverkan.model.changes import Change, ChangedField, ChangeKind, case_changes
from samverkan.model.child_view import (
    ChildMeeting,
    ChildView,
    child_view,
    child_views,
    realisations,
)
from samverkan.model.collaboration import ExchangeOccasion, exchange_occasions
from samverkan.model.comparison import (
    Comparison,
    ComparisonWarning,
    Difference,
    compare,
    role_figures,
)
from samverkan.model.costing import (
    CaseResult,
    Figures,
    GroupResult,
    OrganisationResult,
    TaskResult,
    compute,
    minute_cost,
    participant_minutes,
)
from samverkan.model.reimport import (
    Element,
    element_name,
    element_state,
    replay,
    stale_elements,
    uploaded_elements,
)
from samverkan.model.salary import salary_equivalents
from samverkan.model.sensitivity import TornadoBar, tornado
from samverkan.model.uncertainty import (
    Band,
    Distribution,
    FigureBands,
    GainSimulation,
    Simulation,
    simulate,
    simulate_comparison,
    with_assumed_ranges,
)

__all__ = [
    "Annual",
    "AnnualChange",
    "AnnualComparison",
    "AnnualFigures",
    "Band",
    "Distribution",
    "FigureBands",
    "GainSimulation",
    "Simulation",
    "TornadoBar",
    "annual",
    "annual_comparison",
    "simulate",
    "simulate_comparison",
    "tornado",
    "with_assumed_ranges",
    "SCHOOL",
    "SOCIAL_SERVICES",
    "Case",
    "CaseResult",
    "Change",
    "ChangeKind",
    "ChangedField",
    "Category",
    "ChildMeeting",
    "ChildView",
    "Comparison",
    "ComparisonWarning",
    "CostConventions",
    "Difference",
    "Element",
    "ExchangeOccasion",
    "Figures",
    "GroupResult",
    "Exchange",
    "Organisation",
    "OrganisationResult",
    "Participant",
    "Role",
    "Step",
    "Task",
    "TaskResult",
    "case_changes",
    "child_view",
    "child_views",
    "compare",
    "compute",
    "element_name",
    "element_state",
    "exchange_occasions",
    "readable_id",
    "minute_cost",
    "participant_minutes",
    "realisations",
    "replay",
    "role_figures",
    "salary_equivalents",
    "stale_elements",
    "uploaded_elements",
]
