"""Cases Wagtail's own suite does not have, on Wagtail's own test project: they pass on stock
Wagtail, and must pass the same with the site index (`make test-wagtail`, `make test-wagtail-stock`).

Each test first serves pages, as a running site does, so that the index holds a snapshot when
the change happens."""

from django.db import transaction
from django.test import TestCase, override_settings

from wagtail.models import Page, PageViewRestriction, Site
from wagtail.test.utils import PageFixturesMixin, WagtailTestUtils


class Rollback(Exception):
    pass


class TestPrivacyThroughTreeChanges(PageFixturesMixin, WagtailTestUtils, TestCase):
    fixtures = ["test.json"]

    def setUp(self):
        self.about = Page.objects.get(url_path="/home/about-us/")
        self.events = Page.objects.get(url_path="/home/events/")
        for path in ("/", "/about-us/", "/events/christmas/", "/secret-login-plans/", "/secret-plans/"):
            self.client.get(path)

    def assert_asks_for_password(self, path):
        response = self.client.get(path)
        self.assertTrue(response.templates[0].name.endswith("password_required.html"), response.templates[0].name)

    def test_a_moved_login_restricted_page_still_asks_to_log_in(self):
        Page.objects.get(url_path="/home/secret-login-plans/").move(self.about, pos="last-child")
        response = self.client.get("/about-us/secret-login-plans/")
        self.assertRedirects(response, "/_util/login/?next=/about-us/secret-login-plans/")

    def test_the_child_of_a_moved_password_protected_page_still_asks_for_the_password(self):
        Page.objects.get(url_path="/home/secret-plans/").move(self.events, pos="last-child")
        self.assert_asks_for_password("/events/secret-plans/steal-underpants/")

    def test_a_restricted_page_below_a_moved_section_stays_restricted(self):
        christmas = Page.objects.get(url_path="/home/events/christmas/")
        PageViewRestriction.objects.create(page=christmas, restriction_type=PageViewRestriction.LOGIN)
        self.client.get("/events/christmas/")
        self.events.move(self.about, pos="last-child")
        response = self.client.get("/about-us/events/christmas/")
        self.assertRedirects(response, "/_util/login/?next=/about-us/events/christmas/")
        self.assertNotIn(
            christmas.pk, Page.objects.get(pk=self.about.pk).get_descendants().public().values_list("pk", flat=True)
        )

    def test_a_copied_password_protected_page_asks_for_the_password(self):
        secret = Page.objects.get(url_path="/home/secret-plans/")
        secret.copy(recursive=True, to=self.about, update_attrs={"slug": "secret-copy"})
        self.assert_asks_for_password("/about-us/secret-copy/steal-underpants/")

    def test_a_restriction_lifted_in_a_rolled_back_transaction_still_holds(self):
        restriction = PageViewRestriction.objects.get(page__url_path="/home/secret-login-plans/")
        with self.assertRaises(Rollback), transaction.atomic():
            restriction.delete()
            self.assertEqual(self.client.get("/secret-login-plans/").status_code, 200)
            raise Rollback
        response = self.client.get("/secret-login-plans/")
        self.assertRedirects(response, "/_util/login/?next=/secret-login-plans/")


@override_settings(ALLOWED_HOSTS=["*"])
class TestSitesThroughChanges(PageFixturesMixin, WagtailTestUtils, TestCase):
    fixtures = ["test.json"]

    def setUp(self):
        self.events = Page.objects.get(url_path="/home/events/")
        self.client.get("/")

    def test_a_site_created_in_a_rolled_back_transaction_is_not_found(self):
        with self.assertRaises(Rollback), transaction.atomic():
            Site.objects.create(hostname="events.example.com", root_page=self.events)
            self.assertEqual(self.client.get("/christmas/", HTTP_HOST="events.example.com").status_code, 200)
            raise Rollback
        self.assertEqual(self.client.get("/christmas/", HTTP_HOST="events.example.com").status_code, 404)
        self.assertEqual(Page.objects.get(url_path="/home/events/christmas/").url, "/events/christmas/")

    def test_sites_updated_without_signals_are_seen_after_clear_site_root_paths_cache(self):
        Site.objects.create(hostname="events.example.com", root_page=self.events)
        christmas = Page.objects.get(url_path="/home/events/christmas/")
        self.assertEqual(christmas.get_url(), "http://events.example.com/christmas/")
        Site.objects.filter(hostname="events.example.com").update(hostname="acara.example.com")
        Site.clear_site_root_paths_cache()
        self.assertEqual(Page.objects.get(pk=christmas.pk).get_url(), "http://acara.example.com/christmas/")
        self.assertEqual(self.client.get("/christmas/", HTTP_HOST="acara.example.com").status_code, 200)
