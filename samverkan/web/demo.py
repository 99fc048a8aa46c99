"""The demo: Lucas and its two variants in a demo organisation, with a demo user."""

from __future__ import annotations

import secrets
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

import samverkan
from samverkan.formats.case_file import parse_case_text
from samverkan.web.accounts.models import Membership, Organisation, Role
from samverkan.web.cases import actions
from samverkan.web.cases.models import CaseRecord
from samverkan.web.followup import actions as followup_actions
from samverkan.web.followup.models import EventLogRecord

DEMO_ORGANISATION = "Demo"
DEMO_USER = "demo"
DEMO_CASES = ("lucas.yaml", "lucas-samverkan.yaml", "lucas-skolsocionom.yaml")
DEMO_LOG = "Syntetisk logg: 20 000 anmälningar, 8 enheter"


@transaction.atomic
def load_demo() -> str:
    """Create (or refresh) the demo organisation, user and cases; return the new password."""
    organisation, _ = Organisation.objects.get_or_create(name=DEMO_ORGANISATION)
    user_model = get_user_model()
    user, _ = user_model.objects.get_or_create(username=DEMO_USER)
    password = secrets.token_urlsafe(12)
    user.set_password(password)
    user.save()
    Membership.objects.update_or_create(
        user=user, organisation=organisation, defaults={"role": Role.ADMIN}
    )
    examples = Path(samverkan.__file__).parent / "examples"
    for name in DEMO_CASES:
        resource = examples / name
        if not resource.is_file():
            continue
        case = parse_case_text(resource.read_text(encoding="utf-8"), source=name)
        if not CaseRecord.objects.filter(organisation=organisation, name=case.name).exists():
            actions.create_case(organisation=organisation, user=user, case=case)
    if not EventLogRecord.objects.filter(organisation=organisation, name=DEMO_LOG).exists():
        # Imported locally so that the demo's cases load even without the follow-up package.
        from samverkan.followup.synth import synthetic_log

        followup_actions.store_event_log(
            organisation=organisation, user=user, name=DEMO_LOG, source="syntetisk.csv",
            log=synthetic_log(cases=20_000, units=8, seed=2026),
        )
    return password
