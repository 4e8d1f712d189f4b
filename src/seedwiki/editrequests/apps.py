from django.apps import AppConfig


class EditRequestsConfig(AppConfig):
    name = "seedwiki.editrequests"
    label = "editrequests"
    verbose_name = "편집 요청"
    default_auto_field = "django.db.models.BigAutoField"
