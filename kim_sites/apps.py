from django.apps import AppConfig


class KimSitesConfig(AppConfig):
    name = "kim_sites"
    verbose_name = "Situs KIM"

    def ready(self):
        from . import notifications, signals, translation_permissions, workflow  # noqa: F401
        from .page_cache import connect_signals as connect_page_cache_signals
        from .site_index import install as install_site_index
        from .spreadsheets import install as install_formula_safe_spreadsheets
        from .task_queue import tolerate_deleted_objects

        install_site_index()
        install_formula_safe_spreadsheets()
        connect_page_cache_signals()
        tolerate_deleted_objects()
