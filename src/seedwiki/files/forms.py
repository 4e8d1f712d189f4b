"""The /Upload form: the file, its 파일: title, licence, category and summary."""
from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from seedwiki import titles

DEFAULT_LICENSES = [
    "제한적 이용",
    "CC BY",
    "CC BY-SA",
    "CC BY-NC",
    "CC BY-NC-SA",
    "CC BY-ND",
    "CC0",
    "퍼블릭 도메인",
    "저작권 보호 기간 만료",
]
DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024
FORBIDDEN_IN_CATEGORY = set("[]|{}\n\r#")


def licenses() -> list[str]:
    return list(getattr(settings, "SEEDWIKI_UPLOAD_LICENSES", DEFAULT_LICENSES))


def max_upload_bytes() -> int:
    return int(getattr(settings, "SEEDWIKI_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES))


class UploadForm(forms.Form):
    file = forms.FileField(label=_("파일"), allow_empty_file=False)
    title = forms.CharField(label=_("파일 이름"), max_length=titles.MAX_TITLE_LENGTH,
                            help_text=_("'파일:'로 시작하고 확장자가 실제 파일 형식과 같아야 합니다."))
    license = forms.ChoiceField(label=_("라이선스"))
    category = forms.CharField(label=_("분류"), max_length=200, required=False,
                               help_text=_("예: 분류:풍경 사진"))
    summary = forms.CharField(label=_("요약"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000,
                              help_text=_("출처, 저작자, 설명 등을 적어 주세요."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["license"].choices = [(name, name) for name in licenses()]

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        limit = max_upload_bytes()
        if uploaded.size > limit:
            raise forms.ValidationError(
                _("파일이 너무 큽니다. (최대 %(limit)s바이트)") % {"limit": f"{limit:,}"}, code="too_large"
            )
        return uploaded

    def clean_title(self):
        value = titles.normalize(self.cleaned_data["title"])
        if not value.startswith(titles.FILE + ":"):
            value = f"{titles.FILE}:{value}"
        try:
            namespace, title = titles.parse_title(value)
        except titles.TitleError as error:
            raise forms.ValidationError(str(error)) from error
        if namespace != titles.FILE or "." not in title:
            raise forms.ValidationError(_("파일 이름에 확장자가 있어야 합니다. (예: 파일:사진.png)"))
        return titles.join_title(namespace, title)

    def clean_category(self):
        value = titles.normalize(self.cleaned_data.get("category", ""))
        if not value:
            return ""
        if value.startswith(titles.CATEGORY + ":"):
            value = value[len(titles.CATEGORY) + 1:].strip()
        if not value or FORBIDDEN_IN_CATEGORY & set(value):
            raise forms.ValidationError(_("분류 이름에 쓸 수 없는 문자가 있습니다."))
        try:
            titles.parse_title(f"{titles.CATEGORY}:{value}")
        except titles.TitleError as error:
            raise forms.ValidationError(str(error)) from error
        return value
