from django.apps import AppConfig


class KimSitesConfig(AppConfig):
    name = "kim_sites"
    verbose_name = "Situs KIM"

    def ready(self):
        """Every signal receiver of the platform is connected here, through its module's
        `connect_signals()`; the site index and two small Wagtail adjustments are installed."""
        from kim_sites import spreadsheets
        from kim_sites.access import roles, translations
        from kim_sites.moderation import notifications
        from kim_sites.registry import signals, suspension
        from kim_sites.scale import page_cache, task_queue, wagtail_patches

        wagtail_patches.install()
        spreadsheets.install()
        task_queue.tolerate_deleted_objects()
        for module in (roles, translations, notifications, signals, suspension, page_cache):
            module.connect_signals()
