"""What the public may see, and where: the scope of a host and the canonical URLs of its pages.

Search, feeds and sitemaps all answer the same two questions, so they share this module:

* which pages belong to the host that was asked (a KIM host: its own tree in every locale; the
  portal: every active KIM), live and outside any view restriction;
* the absolute URL of each page on its own KIM's host.

Both are answered in a fixed number of queries, whatever the number of sites: Wagtail's
`Page.get_url_parts` scans the root paths of every site for each link, which grows with the
province (see docs/performance.md, "Site index").
"""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Q

from wagtail.models import Locale, Page, PageViewRestriction, Site

from kim_sites.models import Kim
from kim_sites.tree import KIM_HOME_DEPTH, tree_q

# Root (1) → RegencyPage (2) → KimHomePage (3): everything a KIM publishes sits at depth 3 or below.


@dataclass(frozen=True)
class PublicScope:
    """The public face of one host: a KIM's site, or the provincial portal (the default site)."""

    site: Site
    kim: Kim | None

    @property
    def is_portal(self):
        return self.kim is None and self.site.is_default_site

    @property
    def name(self):
        return self.kim.name if self.kim else self.site.site_name or self.site.hostname


def scope_for_request(request):
    """The scope of the requested host. Unknown hosts fall back to the default site, as Wagtail does."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    kim = Kim.objects.select_related("regency").filter(site=site).first()
    return PublicScope(site=site, kim=kim)


def _startswith_any(paths, field="path"):
    conditions = [tree_q(path, field) for path in paths]
    return reduce(or_, conditions) if conditions else Q(pk__in=[])


def scope_q(scope):
    """The public pages a scope covers, in any locale: a filter that the search backends accept.

    A KIM host covers its own tree; the portal covers every KIM except suspended ones.
    """
    if scope.is_portal:
        return all_kims_q()
    return site_tree_q(scope.site)


def site_tree_q(site):
    """The public pages of one site's own tree, in every locale (translations live in parallel trees)."""
    roots = list(Page.objects.filter(translation_key=site.root_page.translation_key).values_list("path", flat=True))
    restrictions = PageViewRestriction.objects.filter(_startswith_any(roots, "page__path"))
    return _startswith_any(roots) & _outside(restrictions)


def all_kims_q():
    """The public pages of every active KIM."""
    suspended_homes = Page.objects.filter(
        translation_key__in=Kim.objects.suspended().filter(home_page__isnull=False).values("home_page__translation_key")
    ).values_list("path", flat=True)
    q = Q(depth__gte=KIM_HOME_DEPTH)
    for path in suspended_homes:
        q &= ~tree_q(path)
    return q & _outside(PageViewRestriction.objects.filter(page__depth__gte=KIM_HOME_DEPTH))


def _outside(restrictions):
    """Pages under none of `restrictions` (password, login or group restrictions alike)."""
    q = Q()
    for path in restrictions.values_list("page__path", flat=True).distinct():
        q &= ~tree_q(path)
    return q


def public_pages(scope, model=Page, *, fallback_locale=True):
    """Live, public pages of `scope`, in the active language.

    With `fallback_locale`, a page not translated into the active language is given in the default
    language, as the site itself does; without it, every locale is returned (sitemaps list each).
    """
    return live_in(model, scope_q(scope), fallback_locale=fallback_locale)


def site_pages(site, model=Page):
    """Live public pages of one site's own tree, every locale: what its sitemap lists."""
    return live_in(model, site_tree_q(site), fallback_locale=False)


def live_in(model, q, *, fallback_locale=True):
    queryset = model.objects.live().filter(q)
    if fallback_locale:
        queryset = in_active_locale(queryset)
    return queryset


def in_active_locale(queryset):
    active = Locale.get_active()
    default = Locale.get_default()
    if active.pk == default.pk:
        return queryset.filter(locale=default)
    translated = queryset.filter(locale=active).values("translation_key")
    return queryset.filter(Q(locale=active) | (Q(locale=default) & ~Q(translation_key__in=translated)))
