"""The permission matrix: who may do what to which KIM, asserted cell by cell through the admin.

Read the tables as a Diskominfo officer would. Roles:

- anonymous: nobody signed in;
- editor: an editor of KIM "own" (Kabupaten Bangka);
- kim admin: an Admin KIM of KIM "own" (same page rights as an editor, plus its site settings);
- moderator: a moderator of Kabupaten Bangka;
- admin: a provincial admin (member of "Admin Provinsi", not a superuser).

Targets:

- own: KIM "own", the editor's KIM, in Bangka;
- sibling: another KIM in Bangka, the editor's neighbour;
- other: a KIM in Kabupaten Belitung, another regency.

"yes" means the action takes effect; "no" means it is refused and nothing changes. Every cell
performs the action through the real admin URL and then checks the database (the page is still
not live, the file is unchanged, ...), so a refusal that still changed something fails.

Publishing never depends on a workflow: the editor cannot publish whether or not a workflow is
assigned, so these rows hold before and after moderation is switched on.
"""

import csv
import io
import re
from datetime import timedelta

import pytest

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.test import Client, TestCase
from django.utils import timezone

from wagtail.contrib.redirects.models import Redirect
from wagtail.log_actions import log
from wagtail.models import Page, PageViewRestriction, Site, Workflow

from kim_sites.models import AspirasiFormPage, KimSiteSettings, PostPage
from kim_sites.moderation.workflow import WORKFLOW_NAME
from tests.factories.media import png_bytes
from tests.factories.pages import make_post
from tests.factories.province import build_world
from tests.support.admin import post_form_data

PAGE_MATRIX = """
| action                                   | role      | own | sibling | other |
|------------------------------------------|-----------|-----|---------|-------|
| open the edit form                       | anonymous | no  | no      | no    |
| open the edit form                       | editor    | yes | no      | no    |
| open the edit form                       | moderator | yes | yes     | no    |
| open the edit form                       | admin     | yes | yes     | yes   |
| save a draft                             | anonymous | no  | no      | no    |
| save a draft                             | editor    | yes | no      | no    |
| save a draft                             | moderator | yes | yes     | no    |
| save a draft                             | admin     | yes | yes     | yes   |
| create a post                            | anonymous | no  | no      | no    |
| create a post                            | editor    | yes | no      | no    |
| create a post                            | moderator | yes | yes     | no    |
| create a post                            | admin     | yes | yes     | yes   |
| publish from the edit form               | anonymous | no  | no      | no    |
| publish from the edit form               | editor    | no  | no      | no    |
| publish from the edit form               | kim admin | no  | no      | no    |
| publish from the edit form               | moderator | yes | yes     | no    |
| publish from the edit form               | admin     | yes | yes     | yes   |
| schedule a publication                   | anonymous | no  | no      | no    |
| schedule a publication                   | editor    | no  | no      | no    |
| schedule a publication                   | kim admin | no  | no      | no    |
| schedule a publication                   | moderator | yes | yes     | no    |
| schedule a publication                   | admin     | yes | yes     | yes   |
| unpublish                                | anonymous | no  | no      | no    |
| unpublish                                | editor    | no  | no      | no    |
| unpublish                                | kim admin | no  | no      | no    |
| unpublish                                | moderator | yes | yes     | no    |
| unpublish                                | admin     | yes | yes     | yes   |
| set privacy                              | anonymous | no  | no      | no    |
| set privacy                              | editor    | no  | no      | no    |
| set privacy                              | kim admin | no  | no      | no    |
| set privacy                              | moderator | yes | yes     | no    |
| set privacy                              | admin     | yes | yes     | yes   |
| bulk publish                             | anonymous | no  | no      | no    |
| bulk publish                             | editor    | no  | no      | no    |
| bulk publish                             | kim admin | no  | no      | no    |
| bulk publish                             | moderator | yes | yes     | no    |
| bulk publish                             | admin     | yes | yes     | yes   |
| bulk unpublish                           | anonymous | no  | no      | no    |
| bulk unpublish                           | editor    | no  | no      | no    |
| bulk unpublish                           | moderator | yes | yes     | no    |
| bulk unpublish                           | admin     | yes | yes     | yes   |
| bulk delete a live post                  | anonymous | no  | no      | no    |
| bulk delete a live post                  | editor    | no  | no      | no    |
| bulk delete a live post                  | moderator | yes | yes     | no    |
| bulk delete a live post                  | admin     | yes | yes     | yes   |
| delete a live post                       | anonymous | no  | no      | no    |
| delete a live post                       | editor    | no  | no      | no    |
| delete a live post                       | moderator | yes | yes     | no    |
| delete a live post                       | admin     | yes | yes     | yes   |
| delete a draft post                      | anonymous | no  | no      | no    |
| delete a draft post                      | editor    | yes | no      | no    |
| delete a draft post                      | moderator | yes | yes     | no    |
| delete a draft post                      | admin     | yes | yes     | yes   |
| copy a post                              | anonymous | no  | no      | no    |
| copy a post                              | editor    | yes | no      | no    |
| copy a post                              | moderator | yes | yes     | no    |
| copy a post                              | admin     | yes | yes     | yes   |
| copy with "publish copies"               | anonymous | no  | no      | no    |
| copy with "publish copies"               | editor    | no  | no      | no    |
| copy with "publish copies"               | moderator | yes | yes     | no    |
| copy with "publish copies"               | admin     | yes | yes     | yes   |
| create an alias                          | anonymous | no  | no      | no    |
| create an alias                          | editor    | no  | no      | no    |
| create an alias                          | moderator | yes | yes     | no    |
| create an alias                          | admin     | yes | yes     | yes   |
| move a live post                         | anonymous | no  | no      | no    |
| move a live post                         | editor    | no  | no      | no    |
| move a live post                         | moderator | yes | yes     | no    |
| move a live post                         | admin     | yes | yes     | yes   |
| move an own draft into the KIM           | anonymous | no  | no      | no    |
| move an own draft into the KIM           | editor    | yes | no      | no    |
| move an own draft into the KIM           | moderator | yes | yes     | no    |
| move an own draft into the KIM           | admin     | yes | yes     | yes   |
| revert to an old revision and publish    | anonymous | no  | no      | no    |
| revert to an old revision and publish    | editor    | no  | no      | no    |
| revert to an old revision and publish    | moderator | yes | yes     | no    |
| revert to an old revision and publish    | admin     | yes | yes     | yes   |
| preview the draft                        | anonymous | no  | no      | no    |
| preview the draft                        | editor    | yes | no      | no    |
| preview the draft                        | moderator | yes | yes     | no    |
| preview the draft                        | admin     | yes | yes     | yes   |
| open the history                         | anonymous | no  | no      | no    |
| open the history                         | editor    | yes | no      | no    |
| open the history                         | moderator | yes | yes     | no    |
| open the history                         | admin     | yes | yes     | yes   |
| compare revisions                        | anonymous | no  | no      | no    |
| compare revisions                        | editor    | yes | no      | no    |
| compare revisions                        | moderator | yes | yes     | no    |
| compare revisions                        | admin     | yes | yes     | yes   |
| lock                                     | anonymous | no  | no      | no    |
| lock                                     | editor    | yes | no      | no    |
| lock                                     | moderator | yes | yes     | no    |
| lock                                     | admin     | yes | yes     | yes   |
| unlock a page locked by someone else     | anonymous | no  | no      | no    |
| unlock a page locked by someone else     | editor    | no  | no      | no    |
| unlock a page locked by someone else     | moderator | yes | yes     | no    |
| unlock a page locked by someone else     | admin     | yes | yes     | yes   |
| see the draft in the page explorer       | anonymous | no  | no      | no    |
| see the draft in the page explorer       | editor    | yes | no      | no    |
| see the draft in the page explorer       | moderator | yes | yes     | no    |
| see the draft in the page explorer       | admin     | yes | yes     | yes   |
| open the draft as explorer parent        | anonymous | no  | no      | no    |
| open the draft as explorer parent        | editor    | yes | no      | no    |
| open the draft as explorer parent        | moderator | yes | yes     | no    |
| open the draft as explorer parent        | admin     | yes | yes     | yes   |
| find the draft in the admin search       | anonymous | no  | no      | no    |
| find the draft in the admin search       | editor    | yes | no      | no    |
| find the draft in the admin search       | moderator | yes | yes     | no    |
| find the draft in the admin search       | admin     | yes | yes     | yes   |
| see the draft in the page chooser        | anonymous | no  | no      | no    |
| see the draft in the page chooser        | editor    | yes | no      | no    |
| see the draft in the page chooser        | moderator | yes | yes     | no    |
| see the draft in the page chooser        | admin     | yes | yes     | yes   |
| admin API: read the draft                | anonymous | no  | no      | no    |
| admin API: read the draft                | editor    | yes | no      | no    |
| admin API: read the draft                | moderator | yes | yes     | no    |
| admin API: read the draft                | admin     | yes | yes     | yes   |
| admin API: list the drafts               | anonymous | no  | no      | no    |
| admin API: list the drafts               | editor    | yes | no      | no    |
| admin API: list the drafts               | moderator | yes | yes     | no    |
| admin API: list the drafts               | admin     | yes | yes     | yes   |
| admin API: publish                       | anonymous | no  | no      | no    |
| admin API: publish                       | editor    | no  | no      | no    |
| admin API: publish                       | moderator | yes | yes     | no    |
| admin API: publish                       | admin     | yes | yes     | yes   |
| admin API: unpublish                     | anonymous | no  | no      | no    |
| admin API: unpublish                     | editor    | no  | no      | no    |
| admin API: unpublish                     | moderator | yes | yes     | no    |
| admin API: unpublish                     | admin     | yes | yes     | yes   |
| admin API: copy keeping it live          | anonymous | no  | no      | no    |
| admin API: copy keeping it live          | editor    | no  | no      | no    |
| admin API: copy keeping it live          | moderator | yes | yes     | no    |
| admin API: copy keeping it live          | admin     | yes | yes     | yes   |
| admin API: list the images               | anonymous | no  | no      | no    |
| admin API: list the images               | editor    | yes | no      | no    |
| admin API: list the images               | moderator | yes | yes     | no    |
| admin API: list the images               | admin     | yes | yes     | yes   |
| admin API: list the documents            | anonymous | no  | no      | no    |
| admin API: list the documents            | editor    | yes | no      | no    |
| admin API: list the documents            | moderator | yes | yes     | no    |
| admin API: list the documents            | admin     | yes | yes     | yes   |
| edit an image and replace its file       | anonymous | no  | no      | no    |
| edit an image and replace its file       | editor    | yes | no      | no    |
| edit an image and replace its file       | moderator | yes | yes     | no    |
| edit an image and replace its file       | admin     | yes | yes     | yes   |
| delete an image                          | anonymous | no  | no      | no    |
| delete an image                          | editor    | yes | no      | no    |
| delete an image                          | moderator | yes | yes     | no    |
| delete an image                          | admin     | yes | yes     | yes   |
| see the image in the image library       | anonymous | no  | no      | no    |
| see the image in the image library       | editor    | yes | no      | no    |
| see the image in the image library       | moderator | yes | yes     | no    |
| see the image in the image library       | admin     | yes | yes     | yes   |
| see the image in the image chooser       | anonymous | no  | no      | no    |
| see the image in the image chooser       | editor    | yes | no      | no    |
| see the image in the image chooser       | moderator | yes | yes     | no    |
| see the image in the image chooser       | admin     | yes | yes     | yes   |
| edit a document and replace its file     | anonymous | no  | no      | no    |
| edit a document and replace its file     | editor    | yes | no      | no    |
| edit a document and replace its file     | moderator | yes | yes     | no    |
| edit a document and replace its file     | admin     | yes | yes     | yes   |
| delete a document                        | anonymous | no  | no      | no    |
| delete a document                        | editor    | yes | no      | no    |
| delete a document                        | moderator | yes | yes     | no    |
| delete a document                        | admin     | yes | yes     | yes   |
| see the document in the document library | anonymous | no  | no      | no    |
| see the document in the document library | editor    | yes | no      | no    |
| see the document in the document library | moderator | yes | yes     | no    |
| see the document in the document library | admin     | yes | yes     | yes   |
| see the document in the document chooser | anonymous | no  | no      | no    |
| see the document in the document chooser | editor    | yes | no      | no    |
| see the document in the document chooser | moderator | yes | yes     | no    |
| see the document in the document chooser | admin     | yes | yes     | yes   |
| list the aspirasi form submissions       | anonymous | no  | no      | no    |
| list the aspirasi form submissions       | editor    | yes | no      | no    |
| list the aspirasi form submissions       | moderator | yes | yes     | no    |
| list the aspirasi form submissions       | admin     | yes | yes     | yes   |
| export the aspirasi submissions as CSV   | anonymous | no  | no      | no    |
| export the aspirasi submissions as CSV   | editor    | yes | no      | no    |
| export the aspirasi submissions as CSV   | moderator | yes | yes     | no    |
| export the aspirasi submissions as CSV   | admin     | yes | yes     | yes   |
| delete aspirasi submissions              | anonymous | no  | no      | no    |
| delete aspirasi submissions              | editor    | yes | no      | no    |
| delete aspirasi submissions              | moderator | yes | yes     | no    |
| delete aspirasi submissions              | admin     | yes | yes     | yes   |
| see the form in the forms listing        | anonymous | no  | no      | no    |
| see the form in the forms listing        | editor    | yes | no      | no    |
| see the form in the forms listing        | moderator | yes | yes     | no    |
| see the form in the forms listing        | admin     | yes | yes     | yes   |
| open the KIM site settings               | anonymous | no  | no      | no    |
| open the KIM site settings               | editor    | no  | no      | no    |
| open the KIM site settings               | kim admin | yes | no      | no    |
| open the KIM site settings               | moderator | yes | yes     | no    |
| open the KIM site settings               | admin     | yes | yes     | yes   |
| change the KIM site settings             | anonymous | no  | no      | no    |
| change the KIM site settings             | editor    | no  | no      | no    |
| change the KIM site settings             | kim admin | yes | no      | no    |
| change the KIM site settings             | moderator | yes | yes     | no    |
| change the KIM site settings             | admin     | yes | yes     | yes   |
| edit the English translation             | anonymous | no  | no      | no    |
| edit the English translation             | editor    | yes | no      | no    |
| edit the English translation             | moderator | yes | yes     | no    |
| edit the English translation             | admin     | yes | yes     | yes   |
| submit from the translation editor       | anonymous | no  | no      | no    |
| submit from the translation editor       | editor    | yes | no      | no    |
| submit from the translation editor       | moderator | yes | yes     | no    |
| submit from the translation editor       | admin     | yes | yes     | yes   |
| translate a page                         | anonymous | no  | no      | no    |
| translate a page                         | editor    | no  | no      | no    |
| translate a page                         | moderator | no  | no      | no    |
| translate a page                         | admin     | yes | yes     | yes   |
| sync translations and submit them        | anonymous | no  | no      | no    |
| sync translations and submit them        | editor    | no  | no      | no    |
| sync translations and submit them        | moderator | no  | no      | no    |
| sync translations and submit them        | admin     | yes | yes     | yes   |
| convert the translation into an alias    | anonymous | no  | no      | no    |
| convert the translation into an alias    | editor    | no  | no      | no    |
| convert the translation into an alias    | moderator | yes | yes     | no    |
| convert the translation into an alias    | admin     | yes | yes     | yes   |
| see the page in the translations report  | anonymous | no  | no      | no    |
| see the page in the translations report  | editor    | no  | no      | no    |
| see the page in the translations report  | moderator | no  | no      | no    |
| see the page in the translations report  | admin     | yes | yes     | yes   |
| see the KIM in the site history report   | anonymous | no  | no      | no    |
| see the KIM in the site history report   | editor    | yes | no      | no    |
| see the KIM in the site history report   | moderator | yes | yes     | no    |
| see the KIM in the site history report   | admin     | yes | yes     | yes   |
| find the draft in the chooser search     | anonymous | no  | no      | no    |
| find the draft in the chooser search     | editor    | yes | no      | no    |
| find the draft in the chooser search     | moderator | yes | yes     | no    |
| find the draft in the chooser search     | admin     | yes | yes     | yes   |
| find the live post in the page chooser   | anonymous | no  | no      | no    |
| find the live post in the page chooser   | editor    | yes | no      | no    |
| find the live post in the page chooser   | moderator | yes | yes     | no    |
| find the live post in the page chooser   | admin     | yes | yes     | yes   |
| open the draft as page chooser parent    | anonymous | no  | no      | no    |
| open the draft as page chooser parent    | editor    | yes | no      | no    |
| open the draft as page chooser parent    | moderator | yes | yes     | no    |
| open the draft as page chooser parent    | admin     | yes | yes     | yes   |
| get the draft from chosen-multiple       | anonymous | no  | no      | no    |
| get the draft from chosen-multiple       | editor    | yes | no      | no    |
| get the draft from chosen-multiple       | moderator | yes | yes     | no    |
| get the draft from chosen-multiple       | admin     | yes | yes     | yes   |
| get the draft tag from tag autocomplete  | anonymous | no  | no      | no    |
| get the draft tag from tag autocomplete  | editor    | yes | no      | no    |
| get the draft tag from tag autocomplete  | moderator | yes | yes     | no    |
| get the draft tag from tag autocomplete  | admin     | yes | yes     | yes   |
| see the image tag in the library filter  | anonymous | no  | no      | no    |
| see the image tag in the library filter  | editor    | yes | no      | no    |
| see the image tag in the library filter  | moderator | yes | yes     | no    |
| see the image tag in the library filter  | admin     | yes | yes     | yes   |
| see the image tag in the image chooser   | anonymous | no  | no      | no    |
| see the image tag in the image chooser   | editor    | yes | no      | no    |
| see the image tag in the image chooser   | moderator | yes | yes     | no    |
| see the image tag in the image chooser   | admin     | yes | yes     | yes   |
| see the document tag in library filter   | anonymous | no  | no      | no    |
| see the document tag in library filter   | editor    | yes | no      | no    |
| see the document tag in library filter   | moderator | yes | yes     | no    |
| see the document tag in library filter   | admin     | yes | yes     | yes   |
| see the editor in the page owner filter  | anonymous | no  | no      | no    |
| see the editor in the page owner filter  | editor    | yes | no      | no    |
| see the editor in the page owner filter  | moderator | yes | yes     | no    |
| see the editor in the page owner filter  | admin     | yes | yes     | yes   |
| see the editor in the edited-by filter   | anonymous | no  | no      | no    |
| see the editor in the edited-by filter   | editor    | yes | no      | no    |
| see the editor in the edited-by filter   | moderator | yes | yes     | no    |
| see the editor in the edited-by filter   | admin     | yes | yes     | yes   |
| see the site in the page site filter     | anonymous | no  | no      | no    |
| see the site in the page site filter     | editor    | yes | no      | no    |
| see the site in the page site filter     | moderator | yes | yes     | no    |
| see the site in the page site filter     | admin     | yes | yes     | yes   |
| see the editor in the forms owner filter | anonymous | no  | no      | no    |
| see the editor in the forms owner filter | editor    | yes | no      | no    |
| see the editor in the forms owner filter | moderator | yes | yes     | no    |
| see the editor in the forms owner filter | admin     | yes | yes     | yes   |
| see the editor in site history filter    | anonymous | no  | no      | no    |
| see the editor in site history filter    | editor    | yes | no      | no    |
| see the editor in site history filter    | moderator | yes | yes     | no    |
| see the editor in site history filter    | admin     | yes | yes     | yes   |
| see the editor in the locked filter      | anonymous | no  | no      | no    |
| see the editor in the locked filter      | editor    | no  | no      | no    |
| see the editor in the locked filter      | moderator | yes | yes     | no    |
| see the editor in the locked filter      | admin     | yes | yes     | yes   |
| see the editor in the workflow filter    | anonymous | no  | no      | no    |
| see the editor in the workflow filter    | editor    | yes | no      | no    |
| see the editor in the workflow filter    | moderator | yes | yes     | no    |
| see the editor in the workflow filter    | admin     | yes | yes     | yes   |
| count a new post in page types usage     | anonymous | no  | no      | no    |
| count a new post in page types usage     | editor    | yes | no      | no    |
| count a new post in page types usage     | moderator | yes | yes     | no    |
| count a new post in page types usage     | admin     | yes | yes     | yes   |
| see the site in the page types filter    | anonymous | no  | no      | no    |
| see the site in the page types filter    | editor    | yes | no      | no    |
| see the site in the page types filter    | moderator | yes | yes     | no    |
| see the site in the page types filter    | admin     | yes | yes     | yes   |
| see the editor group in the privacy form | anonymous | no  | no      | no    |
| see the editor group in the privacy form | editor    | no  | no      | no    |
| see the editor group in the privacy form | moderator | yes | yes     | no    |
| see the editor group in the privacy form | admin     | yes | yes     | yes   |
| open the move confirmation of the draft  | anonymous | no  | no      | no    |
| open the move confirmation of the draft  | editor    | yes | no      | no    |
| open the move confirmation of the draft  | moderator | yes | yes     | no    |
| open the move confirmation of the draft  | admin     | yes | yes     | yes   |
| get the title from a workflow action     | anonymous | no  | no      | no    |
| get the title from a workflow action     | editor    | yes | no      | no    |
| get the title from a workflow action     | moderator | yes | yes     | no    |
| get the title from a workflow action     | admin     | yes | yes     | yes   |
"""

# Things shared by every site: only provincial admins hold them.
GLOBAL_MATRIX = """
| action                                  | anonymous | editor | moderator | admin |
|-----------------------------------------|-----------|--------|-----------|-------|
| add a redirect                          | no        | no     | no        | yes   |
| open the redirects                      | no        | no     | no        | yes   |
| open the search promotions              | no        | no     | no        | yes   |
| add a Site                              | no        | no     | no        | yes   |
| open the Sites                          | no        | no     | no        | yes   |
| open the users                          | no        | no     | no        | yes   |
| open the groups                         | no        | no     | no        | yes   |
| open its own group's permissions        | no        | no     | no        | yes   |
| open the workflows                      | no        | no     | no        | yes   |
| open the workflow tasks                 | no        | no     | no        | yes   |
| open the collections                    | no        | no     | no        | no    |
| open the locales                        | no        | no     | no        | no    |
| open the portal site settings           | no        | no     | no        | yes   |
"""


def parse_table(text):
    lines = [line.strip() for line in text.strip().splitlines()]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    rows = []
    for line in lines[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        assert len(cells) == len(header), line
        assert all(cell in {"yes", "no"} for cell in cells[len(header) - 3 if len(header) == 5 else 1 :][-3:]), line
        rows.append(dict(zip(header, cells, strict=True)))
    return rows


def page_cells():
    for row in parse_table(PAGE_MATRIX):
        for target in ("own", "sibling", "other"):
            yield pytest.param(
                row["action"], row["role"], target, row[target] == "yes", id=f"{row['action']}|{row['role']}|{target}"
            )


def global_cells():
    for row in parse_table(GLOBAL_MATRIX):
        for role in ("anonymous", "editor", "moderator", "admin"):
            yield pytest.param(row["action"], role, row[role] == "yes", id=f"{row['action']}|{role}")


# --- Fixtures ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The province, built once for the module inside a transaction that is rolled back after it."""
    from django.test import override_settings

    media = tmp_path_factory.mktemp("matrix-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        built = build_world()
        yield built
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _isolated_media():
    """The module's media folder (see `world`) is private to it and removed with it."""
    yield


class CommittingClient(Client):
    """Runs the on-commit callbacks of each request when it ends, as a real commit would
    (wagtail-localize publishes translations on commit); the test's transaction stays open."""

    def request(self, **request):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return super().request(**request)


def client_for(world, role):
    client = CommittingClient()
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    return client


def refused(response):
    """Refused the way the admin refuses: 403, 404, off to the login page, or back to the dashboard
    (Wagtail's answer to PermissionDenied in the admin)."""
    if response.status_code in (403, 404):
        return True
    if response.status_code != 302:
        return False
    location = response["Location"]
    return location == "/admin/" or location.startswith("/admin/login/")


def _fresh(page):
    return Page.objects.get(pk=page.pk).specific


# --- Actions -----------------------------------------------------------------------------------
# Each takes (world, client, target content) and returns True when the action took effect.
# Where the effect did not happen, it also asserts that nothing else changed.

ACTIONS = {}


def action(name):
    def register(fn):
        ACTIONS[name] = fn
        return fn

    return register


@action("open the edit form")
def _edit_get(world, client, t):
    response = client.get(f"/admin/pages/{t.draft_post.pk}/edit/")
    if response.status_code == 200:
        return True
    assert refused(response), response.status_code
    return False


@action("save a draft")
def _edit_save(world, client, t):
    page = _fresh(t.draft_post)
    before = page.revisions.count()
    response = client.post(f"/admin/pages/{page.pk}/edit/", post_form_data(page, title="Judul baru"))
    page = _fresh(page)
    if page.revisions.count() == before + 1:
        assert page.get_latest_revision_as_object().title == "Judul baru"
        assert not page.live
        return True
    assert refused(response), response.status_code
    return False


@action("create a post")
def _create(world, client, t):
    page = PostPage(title="Berita baru", slug="berita-baru", summary="Ringkasan", date=timezone.localdate())
    response = client.post(f"/admin/pages/add/kim_sites/postpage/{t.index.pk}/", post_form_data(page))
    created = PostPage.objects.child_of(t.index).filter(slug="berita-baru").first()
    if created is not None:
        assert not created.live
        return True
    assert refused(response), response.status_code
    return False


@action("publish from the edit form")
def _publish(world, client, t):
    page = _fresh(t.draft_post)
    client.post(f"/admin/pages/{page.pk}/edit/", post_form_data(page, **{"action-publish": "action-publish"}))
    return _fresh(page).live


@action("schedule a publication")
def _schedule(world, client, t):
    page = _fresh(t.draft_post)
    when = (timezone.localtime() + timedelta(days=30)).strftime("%Y-%m-%d %H:%M")
    client.post(
        f"/admin/pages/{page.pk}/edit/",
        post_form_data(page, go_live_at=when, **{"action-publish": "action-publish"}),
    )
    page = _fresh(page)
    assert not page.live
    return page.revisions.filter(approved_go_live_at__isnull=False).exists()


@action("unpublish")
def _unpublish(world, client, t):
    response = client.post(f"/admin/pages/{t.live_post.pk}/unpublish/")
    if not _fresh(t.live_post).live:
        return True
    assert refused(response), response.status_code
    return False


@action("set privacy")
def _privacy(world, client, t):
    response = client.post(
        f"/admin/pages/{t.live_post.pk}/privacy/", {"restriction_type": "password", "password": "rahasia123"}
    )
    if PageViewRestriction.objects.filter(page=t.live_post).exists():
        return True
    assert refused(response), response.status_code
    return False


def _bulk(client, action_name, page):
    return client.post(f"/admin/bulk/wagtailcore/page/{action_name}/?id={page.pk}", {})


@action("bulk publish")
def _bulk_publish(world, client, t):
    _bulk(client, "publish", t.draft_post)
    return _fresh(t.draft_post).live


@action("bulk unpublish")
def _bulk_unpublish(world, client, t):
    _bulk(client, "unpublish", t.live_post)
    return not _fresh(t.live_post).live


@action("bulk delete a live post")
def _bulk_delete(world, client, t):
    _bulk(client, "delete", t.live_post)
    return not Page.objects.filter(pk=t.live_post.pk).exists()


@action("delete a live post")
def _delete_live(world, client, t):
    response = client.post(f"/admin/pages/{t.live_post.pk}/delete/")
    if not Page.objects.filter(pk=t.live_post.pk).exists():
        return True
    assert refused(response), response.status_code
    return False


@action("delete a draft post")
def _delete_draft(world, client, t):
    response = client.post(f"/admin/pages/{t.draft_post.pk}/delete/")
    if not Page.objects.filter(pk=t.draft_post.pk).exists():
        return True
    assert refused(response), response.status_code
    return False


def _copy(client, t, **extra):
    data = {"new_title": "Salinan", "new_slug": "salinan", "new_parent_page": t.index.pk, **extra}
    response = client.post(f"/admin/pages/{t.live_post.pk}/copy/", data)
    return response, PostPage.objects.child_of(t.index).filter(slug="salinan").first()


@action("copy a post")
def _copy_plain(world, client, t):
    response, copy = _copy(client, t)
    if copy is not None:
        assert not copy.live
        return True
    assert refused(response), response.status_code
    return False


@action('copy with "publish copies"')
def _copy_publish(world, client, t):
    _, copy = _copy(client, t, publish_copies="on")
    return copy is not None and copy.live


@action("create an alias")
def _alias(world, client, t):
    _, copy = _copy(client, t, alias="on")
    return copy is not None and copy.alias_of_id == t.live_post.pk


@action("move a live post")
def _move_live(world, client, t):
    response = client.post(f"/admin/pages/{t.live_post.pk}/move/{t.archive.pk}/confirm/")
    if _fresh(t.live_post).get_parent().pk == t.archive.pk:
        return True
    assert refused(response), response.status_code
    return False


@action("move an own draft into the KIM")
def _move_into(world, client, t):
    own = world["own"]
    mover = own.draft_post
    destination = t.archive
    response = client.post(f"/admin/pages/{mover.pk}/move/{destination.pk}/confirm/")
    if _fresh(mover).get_parent().pk == destination.pk:
        return True
    assert _fresh(mover).get_parent().pk == own.index.pk
    assert refused(response), response.status_code
    return False


@action("revert to an old revision and publish")
def _revert(world, client, t):
    page = _fresh(t.live_post)
    old = t.old_revision.as_object()
    client.post(
        f"/admin/pages/{page.pk}/revisions/{t.old_revision.pk}/revert/",
        post_form_data(old, **{"action-publish": "action-publish"}),
    )
    page = _fresh(page)
    assert page.live
    return page.title == old.title


def _get_shows(client, url, needle):
    response = client.get(url)
    if response.status_code == 200 and needle in response.content.decode():
        return True
    assert response.status_code < 500
    return False


@action("preview the draft")
def _preview(world, client, t):
    try:
        response = client.get(f"/admin/pages/{t.draft_post.pk}/view_draft/")
    except TemplateDoesNotExist:
        # The public templates live elsewhere; reaching the page's template means the
        # permission check let the request through to render the draft.
        return True
    if response.status_code == 200:
        return True
    assert refused(response), response.status_code
    return False


@action("open the history")
def _history(world, client, t):
    response = client.get(f"/admin/pages/{t.draft_post.pk}/history/")
    if response.status_code == 200:
        assert t.token in response.content.decode()
        return True
    assert refused(response), response.status_code
    return False


@action("compare revisions")
def _compare(world, client, t):
    first, second = t.draft_revisions
    response = client.get(f"/admin/pages/{t.draft_post.pk}/revisions/compare/{first.pk}...{second.pk}/")
    if response.status_code == 200:
        assert t.token in response.content.decode()
        return True
    assert refused(response), response.status_code
    return False


@action("lock")
def _lock(world, client, t):
    response = client.post(f"/admin/pages/{t.live_post.pk}/lock/")
    if _fresh(t.live_post).locked:
        return True
    assert refused(response), response.status_code
    return False


@action("unlock a page locked by someone else")
def _unlock(world, client, t):
    Page.objects.filter(pk=t.live_post.pk).update(
        locked=True, locked_by=world.users["other_moderator"], locked_at=timezone.now()
    )
    response = client.post(f"/admin/pages/{t.live_post.pk}/unlock/")
    if not _fresh(t.live_post).locked:
        return True
    assert refused(response), response.status_code
    return False


@action("see the draft in the page explorer")
def _explorer(world, client, t):
    return _get_shows(client, f"/admin/pages/{t.index.pk}/", t.token)


@action("open the draft as explorer parent")
def _explorer_parent(world, client, t):
    return _get_shows(client, f"/admin/pages/{t.draft_post.pk}/", t.token)


@action("find the draft in the admin search")
def _search(world, client, t):
    return _get_shows(client, "/admin/pages/search/?q=Draf", t.token)


@action("see the draft in the page chooser")
def _chooser(world, client, t):
    return _get_shows(client, f"/admin/choose-page/{t.index.pk}/", t.token)


@action("admin API: read the draft")
def _api_detail(world, client, t):
    response = client.get(f"/admin/api/main/pages/{t.draft_post.pk}/")
    if response.status_code == 200:
        return True
    assert refused(response), response.status_code
    return False


@action("admin API: list the drafts")
def _api_listing(world, client, t):
    response = client.get(f"/admin/api/main/pages/?descendant_of={t.home.pk}&limit=20")
    if response.status_code != 200:
        # 400: "descendant_of page doesn't exist", the API's answer for a page out of reach.
        assert refused(response) or response.status_code == 400, response.status_code
        return False
    ids = {item["id"] for item in response.json()["items"]}
    return t.draft_post.pk in ids


def _api_action(client, page, name, payload=None):
    return client.post(
        f"/admin/api/main/pages/{page.pk}/action/{name}/", payload or {}, content_type="application/json"
    )


@action("admin API: publish")
def _api_publish(world, client, t):
    response = _api_action(client, t.draft_post, "publish")
    if _fresh(t.draft_post).live:
        return True
    assert refused(response) or response.status_code == 400, response.status_code
    return False


@action("admin API: unpublish")
def _api_unpublish(world, client, t):
    response = _api_action(client, t.live_post, "unpublish")
    if not _fresh(t.live_post).live:
        return True
    assert refused(response) or response.status_code == 400, response.status_code
    return False


@action("admin API: copy keeping it live")
def _api_copy(world, client, t):
    response = _api_action(
        client, t.live_post, "copy", {"destination_page_id": t.index.pk, "slug": "salinan-api", "keep_live": True}
    )
    copy = PostPage.objects.child_of(t.index).filter(slug="salinan-api").first()
    if copy is not None:
        return copy.live
    assert refused(response) or response.status_code == 400, response.status_code
    return False


def _api_list_has(client, endpoint, pk):
    response = client.get(f"/admin/api/main/{endpoint}/?limit=20")
    if response.status_code != 200:
        assert refused(response), response.status_code
        return False
    return pk in {item["id"] for item in response.json()["items"]}


@action("admin API: list the images")
def _api_images(world, client, t):
    return _api_list_has(client, "images", t.image.pk)


@action("admin API: list the documents")
def _api_documents(world, client, t):
    return _api_list_has(client, "documents", t.document.pk)


@action("edit an image and replace its file")
def _image_edit(world, client, t):
    image = t.image
    before = type(image).objects.get(pk=image.pk).file.name
    response = client.post(
        f"/admin/images/{image.pk}/",
        {
            "title": "Diganti",
            "collection": image.collection_id,
            "tags": "",
            "credit": "",
            "file": SimpleUploadedFile("ganti.png", png_bytes("blue"), content_type="image/png"),
            "focal_point_x": "",
            "focal_point_y": "",
            "focal_point_width": "",
            "focal_point_height": "",
        },
    )
    image = type(image).objects.get(pk=image.pk)
    if image.title == "Diganti":
        assert image.file.name != before
        return True
    assert image.file.name == before
    assert refused(response), response.status_code
    return False


@action("delete an image")
def _image_delete(world, client, t):
    response = client.post(f"/admin/images/{t.image.pk}/delete/")
    if not type(t.image).objects.filter(pk=t.image.pk).exists():
        return True
    assert refused(response), response.status_code
    return False


@action("see the image in the image library")
def _image_listing(world, client, t):
    return _get_shows(client, "/admin/images/", t.token)


@action("see the image in the image chooser")
def _image_chooser(world, client, t):
    return _get_shows(client, "/admin/images/chooser/", t.token)


@action("edit a document and replace its file")
def _document_edit(world, client, t):
    document = t.document
    before = type(document).objects.get(pk=document.pk).file.name
    response = client.post(
        f"/admin/documents/edit/{document.pk}/",
        {
            "title": "Diganti",
            "collection": document.collection_id,
            "tags": "",
            "file": SimpleUploadedFile("ganti.txt", b"isi lain", content_type="text/plain"),
        },
    )
    document = type(document).objects.get(pk=document.pk)
    if document.title == "Diganti":
        assert document.file.name != before
        return True
    assert document.file.name == before
    assert refused(response), response.status_code
    return False


@action("delete a document")
def _document_delete(world, client, t):
    response = client.post(f"/admin/documents/delete/{t.document.pk}/")
    if not type(t.document).objects.filter(pk=t.document.pk).exists():
        return True
    assert refused(response), response.status_code
    return False


@action("see the document in the document library")
def _document_listing(world, client, t):
    return _get_shows(client, "/admin/documents/", t.token)


@action("see the document in the document chooser")
def _document_chooser(world, client, t):
    return _get_shows(client, "/admin/documents/chooser/", t.token)


@action("list the aspirasi form submissions")
def _submissions(world, client, t):
    response = client.get(f"/admin/forms/submissions/{t.form_page.pk}/")
    if response.status_code == 200:
        assert t.token in response.content.decode()
        return True
    assert refused(response), response.status_code
    return False


@action("export the aspirasi submissions as CSV")
def _submissions_csv(world, client, t):
    response = client.get(f"/admin/forms/submissions/{t.form_page.pk}/?export=csv")
    if response.status_code == 200:
        body = b"".join(response.streaming_content) if response.streaming else response.content
        rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
        assert any(t.token in cell for row in rows for cell in row)
        return True
    assert refused(response), response.status_code
    return False


@action("delete aspirasi submissions")
def _submissions_delete(world, client, t):
    from wagtail.contrib.forms.models import FormSubmission

    response = client.post(f"/admin/forms/submissions/{t.form_page.pk}/delete/?selected-submissions={t.submission.pk}")
    if not FormSubmission.objects.filter(pk=t.submission.pk).exists():
        return True
    assert refused(response), response.status_code
    return False


@action("see the form in the forms listing")
def _forms_listing(world, client, t):
    return _get_shows(client, "/admin/forms/", f"/admin/forms/submissions/{t.form_page.pk}/")


def _settings_url(site):
    return f"/admin/settings/kim_sites/kimsitesettings/{site.pk}/"


@action("open the KIM site settings")
def _settings_get(world, client, t):
    response = client.get(_settings_url(t.site))
    if response.status_code == 200:
        return True
    assert refused(response), response.status_code
    return False


@action("change the KIM site settings")
def _settings_post(world, client, t):
    response = client.post(
        _settings_url(t.site), {"accent_color": "#123456", "footer_text": "Diubah", "author_display": "lengkap"}
    )
    if KimSiteSettings.for_site(t.site).footer_text == "Diubah":
        return True
    assert refused(response), response.status_code
    return False


@action("edit the English translation")
def _en_edit(world, client, t):
    response = client.get(f"/admin/pages/{t.en_post.pk}/edit/")
    if response.status_code == 200:
        return True
    assert refused(response), response.status_code
    return False


def _translation_submitted(t, response):
    """The English post went to moderation (True) or the request was refused (False); either
    way it was not published."""
    page = _fresh(t.en_post)
    assert not page.live
    if page.workflow_in_progress:
        return True
    assert refused(response), response.status_code
    return False


@action("submit from the translation editor")
def _en_submit(world, client, t):
    # The editor's primary action submits the translation to moderation: it never publishes.
    return _translation_submitted(t, client.post(f"/admin/pages/{t.en_post.pk}/edit/", {"action": "publish"}))


@action("translate a page")
def _translate(world, client, t):
    response = client.post(f"/admin/localize/submit/page/{t.draft_post.pk}/", {"locales": [world.en.pk]})
    if PostPage.objects.filter(translation_key=t.draft_post.translation_key, locale=world.en).exists():
        return True
    assert refused(response), response.status_code
    return False


@action("sync translations and submit them")
def _sync(world, client, t):
    # "Publish immediately" submits each translation to moderation on this platform.
    response = client.post(f"/admin/localize/update/{t.en_translation.source_id}/", {"publish_translations": "on"})
    return _translation_submitted(t, response)


@action("convert the translation into an alias")
def _convert_to_alias(world, client, t):
    response = client.post(f"/admin/localize/page/{t.en_post.pk}/convert_to_alias/")
    page = _fresh(t.en_post)
    if page.alias_of_id:
        return True
    assert not page.live
    assert refused(response), response.status_code
    return False


@action("see the page in the translations report")
def _translations_report(world, client, t):
    return _get_shows(client, "/admin/localize/reports/translations/", t.live_post.title)


@action("see the KIM in the site history report")
def _site_history(world, client, t):
    return _get_shows(client, "/admin/reports/site-history/", t.kim.name)


# Choosers, autocompletes, listing filters and reports (issue 12): whatever they list or count
# comes from the content the role may see.


def _editor(t):
    return t.extra["editor"]


def _offers(client, url, field, value):
    """The filter form of the listing at `url` offers `value` as a choice of `field`."""
    response = client.get(url)
    if response.status_code != 200:
        assert refused(response), response.status_code
        return False
    # A modal (the privacy form) comes as JSON holding its HTML.
    html = response.json()["html"] if response["Content-Type"] == "application/json" else response.content.decode()
    select = re.search(rf'<select name="{field}"[^>]*>(.*?)</select>', html, re.S)
    return f'name="{field}" value="{value}"' in html or bool(select and f'value="{value}"' in select.group(1))


@action("find the draft in the chooser search")
def _chooser_search(world, client, t):
    return _get_shows(client, f"/admin/choose-page/search/?q={t.token}", t.token)


@action("find the live post in the page chooser")
def _chooser_live(world, client, t):
    return _get_shows(client, f"/admin/choose-page/search/?q={t.live_post.title}", t.live_post.title)


@action("open the draft as page chooser parent")
def _chooser_parent(world, client, t):
    return _get_shows(client, f"/admin/choose-page/{t.draft_post.pk}/", t.token)


@action("get the draft from chosen-multiple")
def _chooser_chosen_multiple(world, client, t):
    return _get_shows(client, f"/admin/choose-page/chosen-multiple/?id={t.draft_post.pk}", t.token)


@action("get the draft tag from tag autocomplete")
def _tag_autocomplete(world, client, t):
    t.draft_post.tags.add(f"tag{t.token}")
    t.draft_post.save()
    return _get_shows(client, "/admin/tag-autocomplete/?term=tagrahasia", f"tag{t.token}")


def _media_tag_shown(client, t, item, url):
    item.tags.add(f"label{t.token}")
    return _get_shows(client, url, f"label{t.token}")


@action("see the image tag in the library filter")
def _image_tag(world, client, t):
    return _media_tag_shown(client, t, t.image, "/admin/images/")


@action("see the image tag in the image chooser")
def _image_chooser_tag(world, client, t):
    return _media_tag_shown(client, t, t.image, "/admin/images/chooser/")


@action("see the document tag in library filter")
def _document_tag(world, client, t):
    return _media_tag_shown(client, t, t.document, "/admin/documents/")


@action("see the editor in the page owner filter")
def _owner_filter(world, client, t):
    return _offers(client, "/admin/pages/usage/kim_sites/postpage/", "owner", _editor(t).pk)


@action("see the editor in the edited-by filter")
def _edited_by_filter(world, client, t):
    log(instance=t.draft_post, action="wagtail.edit", user=_editor(t))
    return _offers(client, "/admin/pages/usage/kim_sites/postpage/", "edited_by", _editor(t).pk)


@action("see the site in the page site filter")
def _site_filter(world, client, t):
    return _offers(client, "/admin/pages/usage/kim_sites/postpage/", "site", t.site.pk)


@action("see the editor in the forms owner filter")
def _forms_owner_filter(world, client, t):
    AspirasiFormPage.objects.filter(pk=t.form_page.pk).update(owner=_editor(t))
    return _offers(client, "/admin/forms/", "owner", _editor(t).pk)


@action("see the editor in site history filter")
def _site_history_user(world, client, t):
    log(instance=t.draft_post, action="wagtail.edit", user=_editor(t))
    return _offers(client, "/admin/reports/site-history/", "user", _editor(t).pk)


@action("see the editor in the locked filter")
def _locked_by_filter(world, client, t):
    PostPage.objects.filter(pk=t.draft_post.pk).update(locked=True, locked_by=_editor(t), locked_at=timezone.now())
    return _offers(client, "/admin/reports/locked/", "locked_by", _editor(t).pk)


@action("see the editor in the workflow filter")
def _requested_by_filter(world, client, t):
    Workflow.objects.get(name=WORKFLOW_NAME).start(_fresh(t.draft_post), _editor(t))
    return _offers(client, "/admin/reports/workflow/", "requested_by", _editor(t).pk)


def _reported_post_count(client):
    response = client.get("/admin/reports/page-types-usage/")
    if response.status_code != 200:
        assert refused(response), response.status_code
        return None
    return next((row.count for row in response.context["object_list"] if row.model == "postpage"), 0)


@action("count a new post in page types usage")
def _page_types_count(world, client, t):
    before = _reported_post_count(client)
    make_post(title="Berita hitung", index=t.index, slug="berita-hitung", summary="Ringkasan")
    after = _reported_post_count(client)
    return before is not None and after == before + 1


@action("see the site in the page types filter")
def _page_types_site(world, client, t):
    return _offers(client, "/admin/reports/page-types-usage/", "site", t.home.path)


@action("see the editor group in the privacy form")
def _privacy_groups(world, client, t):
    return _offers(client, f"/admin/pages/{world['own'].live_post.pk}/privacy/", "groups", t.kim.editor_group.pk)


@action("open the move confirmation of the draft")
def _move_confirmation(world, client, t):
    return _get_shows(client, f"/admin/pages/{t.draft_post.pk}/move/{t.archive.pk}/confirm/", t.token)


@action("get the title from a workflow action")
def _workflow_action_message(world, client, t):
    # A task state of the draft, asked about the live post, which is not in moderation: Wagtail
    # answers with a message naming the post.
    workflow_state = Workflow.objects.get(name=WORKFLOW_NAME).start(_fresh(t.draft_post), _editor(t))
    url = f"/admin/pages/workflow/action/{t.live_post.pk}/approve/{workflow_state.current_task_state.pk}/"
    response = client.get(url, follow=True)
    assert response.status_code < 500
    return t.live_post.title in response.content.decode()


# --- Global actions ----------------------------------------------------------------------------

GLOBAL_ACTIONS = {}


def global_action(name):
    def register(fn):
        GLOBAL_ACTIONS[name] = fn
        return fn

    return register


def _opens(client, url):
    response = client.get(url)
    if response.status_code == 200:
        return True
    assert refused(response), response.status_code
    return False


@global_action("add a redirect")
def _redirect_add(world, client):
    response = client.post(
        "/admin/redirects/add/",
        {"old_path": "/berita-lama", "site": world["sibling"].site.pk, "redirect_link": "https://contoh.id/"},
    )
    if Redirect.objects.filter(old_path="/berita-lama").exists():
        return True
    assert refused(response), response.status_code
    return False


for _name, _url in [
    ("open the redirects", "/admin/redirects/"),
    ("open the search promotions", "/admin/searchpicks/"),
    ("open the Sites", "/admin/sites/"),
    ("open the users", "/admin/users/"),
    ("open the groups", "/admin/groups/"),
    ("open the workflows", "/admin/workflows/list/"),
    ("open the workflow tasks", "/admin/workflows/tasks/index/"),
    ("open the collections", "/admin/collections/"),
    ("open the locales", "/admin/locales/"),
]:
    GLOBAL_ACTIONS[_name] = lambda world, client, _url=_url: _opens(client, _url)


@global_action("add a Site")
def _site_add(world, client):
    response = client.post(
        "/admin/sites/new/",
        {"hostname": "tiruan.kim.test", "port": "80", "site_name": "Tiruan", "root_page": world["other"].home.pk},
    )
    if Site.objects.filter(hostname="tiruan.kim.test").exists():
        return True
    assert refused(response), response.status_code
    return False


@global_action("open its own group's permissions")
def _group_edit(world, client):
    return _opens(client, f"/admin/groups/edit/{world['own'].kim.editor_group.pk}/")


@global_action("open the portal site settings")
def _portal_settings(world, client):
    return _opens(client, _settings_url(Site.objects.get(is_default_site=True)))


# --- The tests ---------------------------------------------------------------------------------


def test_every_action_in_the_tables_is_implemented():
    assert {row["action"] for row in parse_table(PAGE_MATRIX)} == set(ACTIONS)
    assert {row["action"] for row in parse_table(GLOBAL_MATRIX)} == set(GLOBAL_ACTIONS)
    # Every action has a row for every role.
    for action_name in ACTIONS:
        roles = [row["role"] for row in parse_table(PAGE_MATRIX) if row["action"] == action_name]
        # An Admin KIM has an editor's page rights: its rows are where the two could differ
        # (site settings) or must not (publishing).
        assert sorted(set(roles) - {"kim admin"}) == sorted(["anonymous", "editor", "moderator", "admin"]), action_name


@pytest.mark.django_db
@pytest.mark.parametrize(("action_name", "role", "target", "expected"), list(page_cells()))
def test_page_matrix(world, action_name, role, target, expected):
    client = client_for(world, role)
    took_effect = ACTIONS[action_name](world, client, world[target])
    assert took_effect is expected, f"{role} / {target}: {'allowed' if took_effect else 'refused'}"


@pytest.mark.django_db
@pytest.mark.parametrize(("action_name", "role", "expected"), list(global_cells()))
def test_global_matrix(world, action_name, role, expected):
    client = client_for(world, role)
    took_effect = GLOBAL_ACTIONS[action_name](world, client)
    assert took_effect is expected, f"{role}: {'allowed' if took_effect else 'refused'}"


@pytest.mark.django_db
def test_provincial_admin_in_matrix_is_not_a_superuser(world):
    admin = world.users["admin"]
    assert not admin.is_superuser
    assert Group.objects.filter(user=admin, name="Admin Provinsi").exists()


@pytest.mark.django_db
def test_snippets_are_for_provincial_admins_only(world):
    """Snippets are shared by every site: no editor or moderator group may hold a permission on one."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    from wagtail.snippets.models import get_snippet_models

    snippet_types = [ContentType.objects.get_for_model(model) for model in get_snippet_models()]
    role_groups = [world[target].kim.editor_group for target in ("own", "sibling", "other")]
    role_groups += [world[target].kim.regency.moderator_group for target in ("own", "other")]
    held = Permission.objects.filter(group__in=role_groups, content_type__in=snippet_types)
    assert not held.exists()
    for role in ("editor", "moderator"):
        assert refused(client_for(world, role).get("/admin/snippets/"))
