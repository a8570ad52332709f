from django.apps import AppConfig


class KimSitesConfig(AppConfig):
    name = "kim_sites"
    verbose_name = "Situs KIM"

    def ready(self):
        from . import notifications, signals, translation_permissions, workflow  # noqa: F401
