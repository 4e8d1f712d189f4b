"""Sign-up and login forms: Django's auth forms with the wiki's labels and username rules."""
from __future__ import annotations

import ipaddress

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.utils.translation import gettext_lazy as _

from seedwiki.accounts.names import username_problem

USERNAME_MAX = 32


def _looks_like_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
        return True
    except ValueError:
        return False


class SignupForm(UserCreationForm):
    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("사용자 이름")
        self.fields["username"].help_text = _("%(max)d자 이하. 글자, 숫자와 @ . + - _ 만 쓸 수 있습니다.") % {
            "max": USERNAME_MAX
        }
        self.fields["username"].max_length = USERNAME_MAX
        self.fields["username"].widget.attrs["maxlength"] = str(USERNAME_MAX)
        self.fields["password1"].label = _("비밀번호")
        self.fields["password2"].label = _("비밀번호 확인")
        self.fields["password2"].help_text = ""

    def clean_username(self):
        username = self.cleaned_data["username"]
        if len(username) > USERNAME_MAX:
            raise forms.ValidationError(_("사용자 이름이 너무 깁니다."))
        # Anonymous contributions are listed under IP addresses; a user named like one would
        # be indistinguishable from them.
        if _looks_like_ip(username):
            raise forms.ValidationError(_("IP 주소 형식의 사용자 이름은 쓸 수 없습니다."))
        problem = username_problem(username)  # invisible or look-alike characters
        if problem:
            raise forms.ValidationError(problem)
        user_model = get_user_model()
        if user_model.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("이미 사용 중인 사용자 이름입니다."))
        return username


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("사용자 이름 또는 비밀번호가 틀렸습니다."),
        "inactive": _("사용이 정지된 계정입니다."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("사용자 이름")
        self.fields["password"].label = _("비밀번호")
