"""The protection kept with a stored log gives back exactly the views worked out afresh, and
is refused (so worked out again) when it was made by another version or does not fit."""

from __future__ import annotations

import json

from samverkan.followup.family import suppressed_views
from samverkan.followup.protection import VERSION, protect, protected_views
from samverkan.followup.suppression import Status
from samverkan.followup.synth import synthetic_log


def test_kept_protection_read_back_gives_every_view_as_worked_out_afresh():
    log = synthetic_log(cases=70, units=3, seed=1, years=0.7)
    kept = json.loads(json.dumps(protect(log)))  # as a JSON field stores and returns it
    views = protected_views(log, kept)
    fresh = suppressed_views(log)
    assert views is not None and set(views) == set(fresh)
    for view, suppressed in fresh.items():
        assert views[view].cells == suppressed.cells
        assert views[view].source.as_of == suppressed.source.as_of
    # Something was hidden for another figure's sake, so the kept data carried it.
    assert any(s.status is Status.SECONDARY for v in views.values() for s in v.cells.values())


def test_protection_from_another_version_or_for_other_figures_is_refused():
    log = synthetic_log(cases=70, units=3, seed=1, years=0.7)
    kept = protect(log)
    assert protected_views(log, {**kept, "version": VERSION - 1}) is None
    assert protected_views(log, None) is None
    assert protected_views(log, {**kept, "views": {}}) is None
    strange = json.loads(json.dumps(kept))
    strange["views"]["unit/year"].append(["1999", "reports_received", "A", "secondary"])
    assert protected_views(log, strange) is None
