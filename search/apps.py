from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Pencarian"

    def ready(self):
        from search import signal_handlers  # noqa: PLC0415  (models are ready only now)

        signal_handlers.connect_signals()
