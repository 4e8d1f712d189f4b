from django.apps import AppConfig


class SpecialConfig(AppConfig):
    name = "seedwiki.special"
    label = "special"
    verbose_name = "특수 기능"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from seedwiki.documents.signals import import_finishing, links_changed
        from seedwiki.special import list_refresh  # registers the refresh job

        links_changed.connect(list_refresh.on_links_changed, dispatch_uid="special-lists-refresh")
        import_finishing.connect(list_refresh.on_import_finishing, dispatch_uid="special-lists-import")
