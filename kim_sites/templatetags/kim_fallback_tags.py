"""Tags of the fallback templates (kim_sites/fallback_templates), used when no public templates exist."""

from django import template

register = template.Library()


@register.simple_tag
def kim_latest_posts(count=20):
    from kim_sites.models import PostPage

    return PostPage.objects.live().public().order_by("-first_published_at", "-id").defer_streamfields()[:count]
