from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "seedwiki.documents"
    label = "documents"
    verbose_name = "문서"
    default_auto_field = "django.db.models.BigAutoField"
