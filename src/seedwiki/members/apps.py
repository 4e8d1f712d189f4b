from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "seedwiki.members"
    label = "members"
    verbose_name = "내 문서함과 내 정보"
    default_auto_field = "django.db.models.BigAutoField"
