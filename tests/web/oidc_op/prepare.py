"""Prepare the provider: its tables, a signing key, one client and the staff given as JSON."""

import json
import sys

import django
from django.core.management import call_command

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from oidc_provider.models import Client, ResponseType  # noqa: E402

call_command("migrate", verbosity=0)
call_command("creatersakey", verbosity=0)
config = json.loads(sys.argv[1])
client = Client.objects.create(
    name="Samverkan", client_type="confidential", client_id=config["client_id"],
    client_secret=config["client_secret"], jwt_alg="RS256", require_consent=False,
    redirect_uris=[config["redirect_uri"]], scope=["openid", "email", "profile"])
client.response_types.add(ResponseType.objects.get(value="code"))
for person in config["people"]:
    User.objects.create_user(person["username"], email=person["email"],
                             password=person["password"])
