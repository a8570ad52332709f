from django.apps import AppConfig


class KimcmsConfig(AppConfig):
    """The project's operations: health endpoints, request ids in tasks, backups, error reporting."""

    name = "kimcms"
    verbose_name = "KIM CMS operations"

    def ready(self):
        from kimcms import error_reporting, task_context  # noqa: F401  (registers the signal receivers)

        error_reporting.init_from_settings()
