from django.apps import AppConfig


class FilesConfig(AppConfig):
    name = "seedwiki.files"
    label = "files"
    verbose_name = "파일"
    default_auto_field = "django.db.models.BigAutoField"
