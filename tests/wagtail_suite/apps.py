from django.apps import AppConfig


class SiteIndexSuiteConfig(AppConfig):
    """Installs the site index into Wagtail's test project, as `KimSitesConfig` does in ours."""

    name = "tests.wagtail_suite"
    label = "kim_wagtail_suite"

    def ready(self):
        from kim_sites.scale.wagtail_patches import install

        install()
