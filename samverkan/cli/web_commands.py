"""`samverkan serve`, `samverkan worker` and `samverkan admin …`: the web application from the
terminal.

`serve` needs no set-up: it keeps an SQLite database and a secret key in the user's data
directory (platformdirs) and migrates the database on every start; `DATABASE_URL` points it at
PostgreSQL instead. It runs gunicorn, or Django's development server with `--dev`, and starts a
background worker beside it (`samverkan worker`), which ends with the server. With many servers,
`serve --no-worker` and as many `samverkan worker` processes as wanted, anywhere that reaches
the database.
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Annotated

import typer

from samverkan.cli import app
from samverkan.errors import Place, Problem, SamverkanError
from samverkan.formats.identity_numbers import refuse_identity_numbers

admin_app = typer.Typer(help="Organisationer och användare / Organisations and users.",
                        no_args_is_help=True)
app.add_typer(admin_app, name="admin")


class WebCommandError(SamverkanError):
    title_sv = "Kommandot kunde inte utföras"
    title_en = "The command could not be carried out"


def _data_dir() -> Path:
    import platformdirs

    path = Path(os.environ.get("SAMVERKAN_DATA_DIR") or platformdirs.user_data_dir("samverkan"))
    path.mkdir(parents=True, exist_ok=True)
    os.environ["SAMVERKAN_DATA_DIR"] = str(path)
    return path


def _secret_key(data_dir: Path) -> None:
    if os.environ.get("SAMVERKAN_SECRET_KEY"):
        return
    key_file = data_dir / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        key_file.chmod(0o600)
    os.environ["SAMVERKAN_SECRET_KEY"] = key_file.read_text(encoding="utf-8").strip()


def setup_django(*, debug: bool = False) -> Path:
    """Prepare the environment and Django; migrate the database. Returns the data directory."""
    data_dir = _data_dir()
    _secret_key(data_dir)
    if debug:
        os.environ["SAMVERKAN_DEBUG"] = "1"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverkan.web.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("createcachetable", verbosity=0)
    return data_dir


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Adress / address")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port")] = 8000,
    demo: Annotated[bool, typer.Option(
        "--demo", help="Läs in Lucas och en demoanvändare / load Lucas and a demo user")] = False,
    dev: Annotated[bool, typer.Option(
        "--dev", help="Djangos utvecklingsserver / Django's development server")] = False,
    workers: Annotated[int, typer.Option(help="gunicorn-processer / gunicorn workers")] = 2,
    production: Annotated[bool, typer.Option(
        "--production",
        help="Produktion bakom HTTPS: kräver en egen SAMVERKAN_SECRET_KEY och godkänd "
             "'check --deploy' / production behind HTTPS")] = False,
    worker: Annotated[bool, typer.Option(
        help="Starta bakgrundsarbetet bredvid servern (--no-worker: det körs med "
             "'samverkan worker' på annat håll) / start the background worker beside the "
             "server")] = True,
) -> None:
    """Starta webbapplikationen / Start the web application."""
    if production:
        _require_production_settings(dev=dev, demo=demo)
    setup_django(debug=dev)
    if production:
        _deploy_check()
    from django.conf import settings

    database = settings.DATABASES["default"]
    where = database["NAME"] if "sqlite" in database["ENGINE"] else database.get("HOST", "")
    typer.echo(f"Databas / database: {where}")
    if demo:
        from samverkan.web.demo import DEMO_USER, load_demo

        password = load_demo()
        typer.echo("Demo: användare / user "
                   f"'{DEMO_USER}', lösenord / password '{password}'")
    hosts = os.environ.get("SAMVERKAN_ALLOWED_HOSTS")
    if host not in ("127.0.0.1", "localhost", "0.0.0.0", "::") and not hosts:
        os.environ["SAMVERKAN_ALLOWED_HOSTS"] = f"localhost,127.0.0.1,{host}"
    typer.echo(f"http://{'localhost' if host in ('127.0.0.1', '0.0.0.0') else host}:{port}/")
    if worker:
        # The server replaces this process (same id), so the worker ends when the server does.
        subprocess.Popen([sys.executable, "-m", "samverkan", "worker",
                          "--beside", str(os.getpid())])
    if dev:
        from django.core.management import call_command

        call_command("runserver", f"{host}:{port}", use_reloader=False)
        return
    import gunicorn

    args = [sys.executable, "-m", "gunicorn", "samverkan.web.wsgi:application",
            "--bind", f"{host}:{port}", "--workers", str(workers), "--access-logfile", "-",
            # Its error and access logs pass the project's filter: no error text, no identity
            # number.
            "--config", "python:samverkan.web.gunicorn_conf"]
    if gunicorn.version_info >= (27,):
        # Its control socket would be shared by every server of the user; nothing here uses it.
        args.append("--no-control-socket")
    os.execv(sys.executable, args)


@app.command("worker")
def worker_command(
    beside: Annotated[int | None, typer.Option(
        hidden=True, help="Servern det hör till / the server process it belongs to")] = None,
) -> None:
    """Kör bakgrundsarbetet: skyddet av händelseloggars små tal / Run the background work:
    protecting event logs' small counts."""
    setup_django()
    from django.core.management import call_command

    from samverkan.web.followup.actions import resume_protection

    # A log whose worker was stopped in the middle is taken up again.
    resumed = resume_protection()
    typer.echo(f"Bakgrundsarbete / background worker: {resumed} "
               "logg(ar) togs upp igen / log(s) taken up again")
    if beside is not None:
        _end_with(beside)
    call_command("db_worker", interval=1, reload=False, verbosity=0)


def _end_with(server: int) -> None:
    """Stop this worker once `server` has ended (this process is then handed to another
    parent). A protection under way is finished first, as on any stop."""

    def watch() -> None:
        while os.getppid() == server:
            time.sleep(1)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, daemon=True).start()


def _require_production_settings(*, dev: bool, demo: bool) -> None:
    """Refuse to serve production with development settings."""
    key = os.environ.get("SAMVERKAN_SECRET_KEY", "")
    stored = _data_dir() / "secret_key"
    development_key = stored.read_text(encoding="utf-8").strip() if stored.exists() else None
    problems: list[tuple[str, str]] = []
    if not key:
        problems.append(("SAMVERKAN_SECRET_KEY saknas: sätt en egen hemlig nyckel (minst 50 "
                         "slumpmässiga tecken)",
                         "SAMVERKAN_SECRET_KEY is not set: give a secret key of your own (at "
                         "least 50 random characters)"))
    elif key == development_key:
        problems.append(("SAMVERKAN_SECRET_KEY är utvecklingsnyckeln i datakatalogen; "
                         "produktion kräver en egen",
                         "SAMVERKAN_SECRET_KEY is the development key of the data directory; "
                         "production needs its own"))
    elif len(key) < 50 or len(set(key)) < 5:
        problems.append(("SAMVERKAN_SECRET_KEY är för kort eller för enkel (minst 50 tecken)",
                         "SAMVERKAN_SECRET_KEY is too short or too simple (at least 50 "
                         "characters)"))
    if dev or os.environ.get("SAMVERKAN_DEBUG") == "1":
        problems.append(("utvecklingsläget (--dev, SAMVERKAN_DEBUG) kan inte användas i "
                         "produktion", "development mode (--dev, SAMVERKAN_DEBUG) cannot be "
                         "used in production"))
    if demo:
        problems.append(("--demo skapar en demoanvändare och hör inte hemma i produktion",
                         "--demo creates a demo user and does not belong in production"))
    if problems:
        raise WebCommandError([Problem(Place(key="serve --production"), sv, en)
                               for sv, en in problems])
    os.environ.setdefault("SAMVERKAN_HTTPS", "1")


def _deploy_check() -> None:
    """Django's deployment checklist must pass before a production server starts."""
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    try:
        call_command("check", deploy=True, fail_level="WARNING")
    except SystemCheckError as error:
        raise WebCommandError([Problem(
            Place(key="check --deploy"),
            f"Djangos kontroll för driftsättning hittade problem:\n{error}",
            f"Django's deployment check found problems:\n{error}",
        )]) from None


def _password(env_var: str) -> str:
    password = os.environ.get(env_var)
    if password:
        return password
    value: str = typer.prompt("Lösenord / password", hide_input=True,
                              confirmation_prompt=True)
    return value


@admin_app.command("create-org")
def create_org(name: Annotated[str, typer.Argument(help="Organisationens namn / name")]) -> None:
    """Skapa en organisation / Create an organisation."""
    # Before anything is opened: the name would be kept, shown and audited for good.
    refuse_identity_numbers({"namn / name": name})
    setup_django()
    from samverkan.web.accounts.models import Organisation

    organisation, created = Organisation.objects.get_or_create(name=name)
    typer.echo(("Skapad / created" if created else "Fanns redan / already there")
               + f": {organisation.name} (id {organisation.pk})")


@admin_app.command("create-user")
def create_user(
    username: Annotated[str, typer.Argument(help="Användarnamn / user name")],
    org: Annotated[str, typer.Option("--org", help="Organisationens namn / organisation")],
    role: Annotated[str, typer.Option("--role", help="viewer | editor | admin")] = "viewer",
    password_env: Annotated[str, typer.Option(
        help="Miljövariabel med lösenordet / environment variable holding the password")
    ] = "SAMVERKAN_PASSWORD",
) -> None:
    """Skapa en användare i en organisation / Create a user in an organisation."""
    refuse_identity_numbers({"användarnamn / user name": username, "--org": org})
    setup_django()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from django.db import transaction
    from django.utils import translation

    from samverkan.web.accounts.actions import set_membership
    from samverkan.web.accounts.models import Organisation, Role

    if role not in Role.values:
        raise WebCommandError.single(
            f"okänd roll '{role}'; välj viewer, editor eller admin",
            f"unknown role '{role}'; choose viewer, editor or admin", Place(key="--role"))
    organisation = Organisation.objects.filter(name=org).first()
    if organisation is None:
        raise WebCommandError.single(
            f"organisationen '{org}' finns inte; skapa den med samverkan admin create-org",
            f"there is no organisation '{org}'; create it with samverkan admin create-org",
            Place(key="--org"))
    user_model = get_user_model()
    password = _password(password_env)
    candidate = user_model(username=username)
    problems = {}
    for language in ("sv", "en"):
        # Django's own validators, with their messages in each language.
        with translation.override(language):
            try:
                validate_password(password, candidate)
            except ValidationError as error:
                problems[language] = " ".join(error.messages)
    if problems:
        raise WebCommandError.single(
            "lösenordet duger inte: " + problems["sv"],
            "the password is not good enough: " + problems["en"],
            Place(key="password"))
    with transaction.atomic():
        first = not user_model.objects.exists()
        user, created = user_model.objects.get_or_create(username=username)
        user.set_password(password)
        # The first account administers the site, so that organisations can be made on the web.
        user.is_superuser = user.is_superuser or first
        user.save()
        # Made from the terminal: the trail names no web user.
        set_membership(organisation=organisation, member=user, role=Role(role), user=None)
    typer.echo(("Skapad / created" if created else "Uppdaterad / updated")
               + f": {username} ({role}, {organisation.name})")


@admin_app.command("site-admin")
def site_admin(
    username: Annotated[str, typer.Argument(help="Användarnamn / user name")],
    remove: Annotated[bool, typer.Option(
        "--remove", help="Ta bort flaggan / take the flag away")] = False,
) -> None:
    """Gör en användare till webbplatsens administratör / Make a user a site administrator."""
    refuse_identity_numbers({"användarnamn / user name": username})
    setup_django()
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise WebCommandError.single(
            f"det finns ingen användare '{username}'", f"there is no user '{username}'",
            Place(key="användarnamn / user name"))
    user.is_superuser = not remove
    user.save(update_fields=["is_superuser"])
    typer.echo(("Inte längre administratör / no longer site administrator" if remove
                else "Webbplatsens administratör / site administrator") + f": {username}")


@admin_app.command("reset-two-step")
def reset_two_step(
    username: Annotated[str, typer.Argument(help="Användarnamn / user name")],
) -> None:
    """Stäng av tvåstegsverifiering för den som tappat sin telefon / Turn two-step verification
    off for someone who lost their phone."""
    refuse_identity_numbers({"användarnamn / user name": username})
    setup_django()
    from django.contrib.auth import get_user_model

    from samverkan.web.accounts.two_step import reset

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise WebCommandError.single(
            f"det finns ingen användare '{username}'", f"there is no user '{username}'",
            Place(key="användarnamn / user name"))
    if reset(user):
        typer.echo(f"Tvåstegsverifieringen är avstängd / two-step verification is off: {username}")
    else:
        typer.echo(f"Ingen tvåstegsverifiering att stänga av / none to turn off: {username}")


@app.command()
def backup(
    output: Annotated[Path, typer.Option("--output", "-o", help="Fil / file (.json)")],
    with_password_hashes: Annotated[bool, typer.Option(
        "--with-password-hashes",
        help="Ta med lösenordens hashvärden / include password hashes")] = False,
) -> None:
    """Säkerhetskopiera hela databasen till JSON / Back up the whole database as JSON."""
    setup_django()
    from samverkan.web.backup import write_backup

    counts = write_backup(output, with_password_hashes=with_password_hashes)
    typer.echo(f"{output}: " + ", ".join(f"{name} {n}" for name, n in counts.items()))


@app.command()
def restore(
    source: Annotated[Path, typer.Argument(help="Säkerhetskopia / backup (.json)")],
) -> None:
    """Läs in en säkerhetskopia i en tom databas / Restore a backup into an empty database."""
    setup_django()
    from django.db import Error as DatabaseError

    from samverkan.web.backup import BackupError, read_backup

    try:
        counts = read_backup(source)
    except (DatabaseError, ValueError, TypeError, KeyError):
        # The database's own words can quote a value of the backup: they are never shown.
        raise BackupError.single(
            "säkerhetskopian har värden som databasen inte tar emot; ingenting har lästs in",
            "the backup holds values the database does not accept; nothing was restored",
            Place(file=source.name)) from None
    typer.echo(f"{source}: " + ", ".join(f"{name} {n}" for name, n in counts.items()))
