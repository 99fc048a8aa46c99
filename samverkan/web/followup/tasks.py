"""Background tasks of the follow-up pages, run by `samverkan worker` (or beside `serve`)."""

from __future__ import annotations

from django_tasks import task

from samverkan.web.followup import actions


@task()
def protect_log(log_id: int) -> str:
    """Work out a stored log's small-count protection; see `actions.work_out_protection`."""
    return actions.work_out_protection(log_id)
