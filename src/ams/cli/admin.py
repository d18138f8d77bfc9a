"""`ams admin`: user administration on the control database directly, for when no one can log in yet."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from ams.auth.roles import Role
from ams.cli.output import JsonOption, console, fail, print_json

if TYPE_CHECKING:
    from ams.auth.models import User
    from ams.db.engine import Database

# The database layers are imported inside the commands: `ams --help` should not pay for them.

app = typer.Typer(help="Administer users directly on the control database (AMS_DATABASE_URL / AMS_DATA_DIR).")


def _check_password(password: str) -> str:
    from ams.auth.secrets import MIN_PASSWORD_LENGTH

    if len(password) < MIN_PASSWORD_LENGTH:
        fail(f"the password must be at least {MIN_PASSWORD_LENGTH} characters")
    return password


async def _organization_id(db: Database, ref: str | None) -> str | None:
    from sqlalchemy import select

    from ams.auth.models import Organization

    if ref is None:
        return None
    async with db.read() as session:
        org = (
            await session.execute(select(Organization).where((Organization.id == ref) | (Organization.slug == ref)))
        ).scalar_one_or_none()
    if org is None:
        fail(f"no organization with id or slug {ref!r}")
    return org.id


@app.command("create-user")
def create_user(
    email: str = typer.Option(..., help="The new user's email."),
    password: str = typer.Option(..., prompt=True, hide_input=True, confirmation_prompt=True),
    name: str = typer.Option("", help="Display name."),
    organization: str | None = typer.Option(None, help="Organization id or slug to add the user to."),
    role: Role = typer.Option(Role.ADMIN, help="Role in that organization."),
    superuser: bool = typer.Option(False, help="Make an installation administrator (creates organizations)."),
    as_json: bool = JsonOption,
) -> None:
    """Create a user with a password, optionally a member of an organization with a role."""
    from ams.auth.users_service import create_user_directly
    from ams.cli.local import with_database
    from ams.errors import AMSError

    _check_password(password)

    async def work(db: Database) -> User:
        org_id = await _organization_id(db, organization)
        return await create_user_directly(
            db,
            email=email,
            password=password,
            name=name,
            organization_id=org_id,
            role=role,
            superuser=superuser,
        )

    try:
        user = with_database(work)
    except AMSError as exc:
        fail(exc.detail)
    if as_json:
        print_json({"id": user.id, "email": user.email, "is_superuser": user.is_superuser})
    else:
        console.print(f"Created user {user.email} ({user.id}).")


@app.command("reset-password")
def reset_password(
    email: str = typer.Option(..., help="The user's email."),
    password: str = typer.Option(..., prompt=True, hide_input=True, confirmation_prompt=True),
) -> None:
    """Set a user's password (and reactivate them)."""
    from sqlalchemy import select

    from ams.auth.models import User
    from ams.auth.secrets import hash_password
    from ams.cli.local import with_database

    _check_password(password)

    async def work(db: Database) -> bool:
        async with db.write() as session:
            user = (await session.execute(select(User).where(User.email == email.lower()))).scalar_one_or_none()
            if user is None:
                return False
            user.password_hash, user.is_active = hash_password(password), True
            return True

    if not with_database(work):
        fail(f"no user with email {email}")
    console.print(f"Password of {email} set.")
