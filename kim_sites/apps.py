from django.apps import AppConfig


class KimSitesConfig(AppConfig):
    name = "kim_sites"
    verbose_name = "Situs KIM"

    def ready(self):
        from kim_sites.access import translations as translation_permissions  # noqa: F401
        from kim_sites.moderation import (
            notifications,  # noqa: F401
            workflow,  # noqa: F401
        )
        from kim_sites.registry import signals  # noqa: F401
        from kim_sites.scale.page_cache import connect_signals as connect_page_cache_signals
        from kim_sites.scale.site_index import install as install_site_index
        from kim_sites.scale.task_queue import tolerate_deleted_objects
        from kim_sites.spreadsheets import install as install_formula_safe_spreadsheets

        install_site_index()
        install_formula_safe_spreadsheets()
        connect_page_cache_signals()
        tolerate_deleted_objects()
