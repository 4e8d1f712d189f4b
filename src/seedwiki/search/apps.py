from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "seedwiki.search"
    label = "search"
    verbose_name = "검색"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from seedwiki.search import index_later  # noqa: F401  (registers the search_index job)
        from seedwiki.search.backends.sqlite import register_functions

        connection_created.connect(register_functions, dispatch_uid="seedwiki.search.sqlite_functions")
