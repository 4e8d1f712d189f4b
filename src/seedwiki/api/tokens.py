"""Issuing, revoking and checking API tokens (the page, the CLI and the API share these)."""
from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from seedwiki.api.models import ApiToken, EditToken

EDIT_TOKEN_LIFETIME = dt.timedelta(hours=1)
API_PERMISSIONS = ("api_access", "developer")  # TT also accepts developer


def digest(plain: str) -> str:
    return hashlib.sha256(plain.encode("utf-8")).hexdigest()


def may_use_api(user) -> bool:
    from seedwiki.permissions.subject import Subject

    subject = Subject.for_user(user)
    return user is not None and user.is_active and any(subject.holds(p) for p in API_PERMISSIONS)


def issue_token(user) -> str:
    """A new token for ``user`` (replacing any earlier one); the plain text is returned once."""
    plain = secrets.token_urlsafe(32)
    with transaction.atomic():
        ApiToken.objects.filter(user=user).delete()
        ApiToken.objects.create(user=user, digest=digest(plain))
    return plain


def revoke_token(user) -> bool:
    deleted, _rows = ApiToken.objects.filter(user=user).delete()
    return bool(deleted)


def token_row(plain: str) -> ApiToken | None:
    if not plain or len(plain) > 200:
        return None
    return ApiToken.objects.select_related("user").filter(digest=digest(plain)).first()


def new_edit_token(user, title: str, base_rev: int) -> str:
    EditToken.objects.filter(created_at__lt=timezone.now() - EDIT_TOKEN_LIFETIME).delete()
    plain = secrets.token_urlsafe(24)
    EditToken.objects.create(digest=digest(plain), user=user, title=title, base_rev=base_rev)
    return plain


def take_edit_token(user, title: str, plain: str) -> EditToken | None:
    """The edit token, consumed (single use): None when unknown, expired, or another user's/page's."""
    if not plain or len(plain) > 200:
        return None
    with transaction.atomic():
        row = EditToken.objects.filter(digest=digest(plain), user=user, title=title,
                                       created_at__gte=timezone.now() - EDIT_TOKEN_LIFETIME).first()
        if row is None:
            return None
        deleted, _rows = EditToken.objects.filter(pk=row.pk).delete()
    return row if deleted else None


def token_state(user, new_token: str | None = None) -> dict:
    """What /member/mypage shows about the user's token (``new_token``: just issued, shown once)."""
    row = ApiToken.objects.filter(user=user).first()
    return {"allowed": may_use_api(user), "exists": row is not None,
            "created": row.created_at if row else None, "new_token": new_token}
