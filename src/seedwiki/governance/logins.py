"""Login records and /admin/login_history (seed-behaviour §5.1).

Every successful login keeps the time, the client IP and the user agent. Looking an account up
needs login_history and is itself logged to /BlockHistory; accounts holding hideip (or developer)
can be looked up only by holders of hideip (the seed answers invalid_permission).
"""
from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from seedwiki.governance import blocklog
from seedwiki.governance.actors import find_user, require
from seedwiki.governance.errors import NotAllowed
from seedwiki.permissions.client_ip import client_ip
from seedwiki.permissions.models import BlockLog, LoginRecord
from seedwiki.permissions.subject import Subject

MAX_USER_AGENT = 512
SHOWN = 100


def record_login(request, user) -> LoginRecord:
    agent = request.META.get("HTTP_USER_AGENT", "")
    agent = "".join(ch for ch in agent if ch.isprintable())[:MAX_USER_AGENT]
    return LoginRecord.objects.create(user=user, ip=client_ip(request), user_agent=agent, created_at=timezone.now())


def login_history(actor: Subject, username: str, *, limit: int = SHOWN) -> tuple[object, list[LoginRecord]]:
    """(the account, its newest logins); writes the "로그인 기록 조회" line."""
    require(actor, "login_history")
    user = find_user(username)
    target = Subject.for_user(user)
    if (target.holds("hideip") or target.holds("developer")) and not actor.holds("hideip"):
        raise NotAllowed(_("권한이 부족합니다. (invalid_permission)"), "invalid_permission")
    records = list(LoginRecord.objects.filter(user=user).order_by("-id")[:limit])
    blocklog.record(BlockLog.Type.LOGIN_HISTORY, actor, target=user.get_username())
    return user, records
