"""Deleting one's own account (/member/mypage): the revisions stay, credited to the name as before;
the account can no longer log in and its name stays taken, so nobody can later sign up as the
author of someone else's edits. Stars and API tokens go."""
from __future__ import annotations

from django.db import transaction


def delete_account(user) -> None:
    from seedwiki.members.models import Star

    with transaction.atomic():
        Star.objects.filter(user=user).delete()
        try:
            from seedwiki.api.models import ApiToken
        except ImportError:
            pass
        else:
            ApiToken.objects.filter(user=user).delete()
        user.set_unusable_password()
        user.is_active = False
        user.email = ""
        user.save(update_fields=["password", "is_active", "email"])
