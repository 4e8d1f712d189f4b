from django.apps import AppConfig


class DiscussionsConfig(AppConfig):
    name = "seedwiki.discussions"
    label = "discussions"
    verbose_name = "토론"
    default_auto_field = "django.db.models.BigAutoField"
