from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "seedwiki.jobs"
    label = "jobs"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Task code registers itself by kind on import (the @job decorator).
        from seedwiki.jobs import tasks  # noqa: F401
