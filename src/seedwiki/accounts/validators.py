"""Password validators of the wiki (settings.AUTH_PASSWORD_VALIDATORS), beside Django's own."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MIN_NAME_LENGTH = 3  # shorter names would refuse too many ordinary passwords


class UsernameInPasswordValidator:
    """Refuses a password that contains the username (or is contained in it), ignoring case."""

    def validate(self, password, user=None):
        username = (getattr(user, "get_username", lambda: "")() or "").casefold() if user is not None else ""
        secret = (password or "").casefold()
        if len(username) >= MIN_NAME_LENGTH and (username in secret or secret in username):
            raise ValidationError(_("비밀번호에 사용자 이름을 넣을 수 없습니다."), code="password_contains_username")

    def get_help_text(self):
        return _("비밀번호에 사용자 이름을 넣을 수 없습니다.")
