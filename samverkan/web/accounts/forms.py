from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.web.accounts.models import Role
from samverkan.web.choice_fields import ListChoiceField
from samverkan.web.identity_fields import IdentityNumberFieldsMixin, no_identity_number
from samverkan.web.text_checks import no_control_characters


class InviteForm(IdentityNumberFieldsMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150,
                           validators=[no_identity_number, no_control_characters])
    email = forms.EmailField(label=_("E-mail address"), max_length=150,
                             validators=[no_identity_number],
                             help_text=_("Becomes the user name for logging in"))
    role = ListChoiceField(label=_("Member role"), choices=Role.choices)


class RoleForm(forms.Form):
    role = ListChoiceField(label=_("Member role"), choices=Role.choices)


class OrganisationForm(IdentityNumberFieldsMixin, forms.Form):
    name = forms.CharField(label=_("Name of the organisation"), max_length=200,
                           validators=[no_identity_number, no_control_characters])
