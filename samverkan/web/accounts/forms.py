from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.web.accounts.models import Role
from samverkan.web.choice_fields import ListChoiceField
from samverkan.web.identity_fields import IdentityNumberFieldsMixin, no_identity_number


class MemberForm(IdentityNumberFieldsMixin, forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150,
                               validators=[no_identity_number],
                               help_text=_("The user must already exist"))
    role = ListChoiceField(label=_("Role"), choices=Role.choices)
