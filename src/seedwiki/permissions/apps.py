from django.apps import AppConfig


class PermissionsConfig(AppConfig):
    name = "seedwiki.permissions"
    label = "permissions"
    verbose_name = "권한"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from seedwiki.permissions.defaults import install_after_migrate

        # After every migrate (and after the test runner's flush): the default ACL of namespaces
        # that never had one, and the undeletable blocked-users group.
        post_migrate.connect(install_after_migrate, sender=self)
