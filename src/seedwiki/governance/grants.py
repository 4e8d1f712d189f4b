"""/admin/grant and `seedwiki grant` (seed-behaviour §4): the permissions an account holds.

A holder of `grant` may hand out the grantable list (permissions.names.GRANTABLE_PERMISSIONS);
protected ones (developer) only the command line acting as the system gives. Posting a set replaces
the target's grantable permissions; one BlockHistory line lists the difference (+perm -perm), and
an unchanged set writes nothing.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from seedwiki.governance import blocklog
from seedwiki.governance.actors import find_user, require
from seedwiki.governance.errors import Refused
from seedwiki.permissions import names
from seedwiki.permissions.models import BlockLog, UserPermission
from seedwiki.permissions.subject import Subject


@dataclass
class GrantResult:
    added: list[str]
    removed: list[str]

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed)


def grantable_by(actor: Subject) -> tuple[str, ...]:
    """What ``actor`` may give or take away."""
    if actor.is_system:
        return names.ALL_PERMISSIONS
    return names.GRANTABLE_PERMISSIONS if actor.holds("grant") else ()


def held_by(user) -> set[str]:
    return set(UserPermission.objects.filter(user=user).values_list("name", flat=True))


def _check_names(actor: Subject, wanted) -> None:
    allowed = grantable_by(actor)
    for name in wanted:
        if name not in names.ALL_PERMISSIONS:
            raise Refused(_("'%(name)s'은(는) 알 수 없는 권한입니다.") % {"name": str(name)[:64]}, code="invalid_permission")
        if name not in allowed:
            raise Refused(_("'%(name)s' 권한은 부여할 수 없습니다.") % {"name": name}, 403, "invalid_permission")


def set_permissions(actor: Subject, username: str, wanted) -> GrantResult:
    """The page's form: ``wanted`` becomes the target's set among what ``actor`` may grant."""
    require(actor, "grant")
    wanted = set(wanted)
    _check_names(actor, wanted)
    user = find_user(username)
    current = held_by(user)
    new = (current - set(grantable_by(actor))) | wanted
    return _apply(actor, user, current, new)


def change_permissions(actor: Subject, username: str, add=(), remove=()) -> GrantResult:
    """The command line's form: `+perm` adds, `-perm` removes, the rest stays."""
    require(actor, "grant")
    _check_names(actor, [*add, *remove])
    user = find_user(username)
    current = held_by(user)
    return _apply(actor, user, current, (current | set(add)) - set(remove))


def _apply(actor: Subject, user, current: set[str], new: set[str]) -> GrantResult:
    order = {name: i for i, name in enumerate(names.ALL_PERMISSIONS)}
    result = GrantResult(added=sorted(new - current, key=order.get), removed=sorted(current - new, key=order.get))
    if not result.changed:
        return result
    with transaction.atomic():
        UserPermission.objects.filter(user=user, name__in=result.removed).delete()
        UserPermission.objects.bulk_create([UserPermission(user=user, name=name) for name in result.added],
                                           ignore_conflicts=True)
        blocklog.record(BlockLog.Type.GRANT, actor, target=user.get_username(),
                        extra={"added": result.added, "removed": result.removed})
    return result
