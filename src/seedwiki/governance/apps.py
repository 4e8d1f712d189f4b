from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "seedwiki.governance"
    label = "governance"
    verbose_name = "운영 도구"
    default_auto_field = "django.db.models.BigAutoField"
