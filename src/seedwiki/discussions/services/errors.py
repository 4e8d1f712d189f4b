"""A refused discussion action: a Korean message, the HTTP status, and the seed's code if it has one."""
from __future__ import annotations


class DiscussionError(Exception):
    def __init__(self, message: str, status: int = 400, code: str = "", html=None):
        super().__init__(message)
        self.message, self.status, self.code, self.html = message, status, code, html


def require(subject, action: str, target) -> None:
    """Refuse with the ACL's message unless can() allows ``action`` on ``target``."""
    from seedwiki.permissions.decide import can

    decision = can(subject, action, target)
    if not decision.allowed:
        raise DiscussionError(decision.message, 403, "permission_" + action, html=decision.html)


def require_permission(subject, permission: str) -> None:
    """Refuse unless the subject holds a granted permission (manage_thread, delete_thread, …)."""
    from django.utils.translation import gettext as _

    if not subject.holds(permission):
        raise DiscussionError(_("%(perm)s 권한이 부족합니다.") % {"perm": permission}, 403, "permission_" + permission)


def author_of(subject) -> dict:
    """The author columns of a row written by ``subject``."""
    name = subject.username if subject.user is not None else (subject.ip or "127.0.0.1")
    return {"user": subject.user, "ip": None if subject.user is not None else subject.ip, "author_name": name}
