"""Wagtail hooks of the KIM platform: each concern registers its own, imported here in one place."""

from kim_sites.access import wagtail_hooks as access_hooks  # noqa: F401
from kim_sites.admin_ui import wagtail_hooks as admin_ui_hooks  # noqa: F401
from kim_sites.kinerja import wagtail_hooks as kinerja_hooks  # noqa: F401
from kim_sites.moderation import wagtail_hooks as moderation_hooks  # noqa: F401
from kim_sites.public import wagtail_hooks as public_hooks  # noqa: F401
from kim_sites.registry import wagtail_hooks as registry_hooks  # noqa: F401
from kim_sites.scale import wagtail_hooks as scale_hooks  # noqa: F401
from kim_sites.team import wagtail_hooks as team_hooks  # noqa: F401
from kim_sites.writing import wagtail_hooks as writing_hooks  # noqa: F401
