"""Who acts: a request's Subject, or the command line (the system, or `--actor USER`)."""
from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from seedwiki.governance.errors import NotAllowed, Refused
from seedwiki.permissions.subject import Subject

# Revisions written by the command line acting as the system carry this name (as `seedwiki init`).
SYSTEM_AUTHOR = "seedwiki"


def log_fields(actor: Subject) -> dict:
    """BlockLog actor columns: the account, or an empty name for the system."""
    if actor.user is not None:
        return {"actor": actor.user, "actor_name": actor.username}
    return {"actor": None, "actor_name": "" if actor.is_system else (actor.ip or "")}


def author_fields(actor: Subject) -> dict:
    """Keyword arguments naming ``actor`` as the author of a revision (document services)."""
    if actor.user is not None:
        return {"user": actor.user, "ip": actor.ip}
    if actor.is_system:
        return {"author_name": SYSTEM_AUTHOR}
    return {"ip": actor.ip}


def require(actor: Subject, permission: str) -> None:
    if not actor.holds(permission):
        raise NotAllowed(_("%(perm)s 권한이 부족합니다.") % {"perm": permission})


def find_user(username: str):
    """The account named ``username`` (exactly), or Refused 404."""
    name = (username or "").strip()
    user = get_user_model().objects.filter(username=name).first() if 0 < len(name) <= 150 else None
    if user is None:
        raise Refused(_("사용자 '%(name)s'을(를) 찾을 수 없습니다.") % {"name": name[:150]}, 404, "invalid_username")
    return user


def cli_actor(username: str | None) -> Subject:
    """The command line's actor: the system, or the named account (whose permissions then apply)."""
    if not username:
        return Subject.system()
    return Subject.for_user(find_user(username))
