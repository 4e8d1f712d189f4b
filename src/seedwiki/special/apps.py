from django.apps import AppConfig


class SpecialConfig(AppConfig):
    name = "seedwiki.special"
    label = "special"
    verbose_name = "특수 기능"
    default_auto_field = "django.db.models.BigAutoField"
