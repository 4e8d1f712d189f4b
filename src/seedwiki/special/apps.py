from django.apps import AppConfig


class SpecialConfig(AppConfig):
    name = "seedwiki.special"
    label = "special"
    verbose_name = "특수 기능"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from seedwiki.special import list_refresh  # noqa: F401  (registers the refresh job)
