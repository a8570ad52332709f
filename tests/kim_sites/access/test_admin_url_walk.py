"""Every admin URL Wagtail registers, walked as a KIM editor and as a regency moderator, looking for
another KIM's marker strings in every answer.

The walk takes the URL patterns from the resolver itself, so a view added by a Wagtail upgrade or a
new app is walked without anyone listing it. Path parameters are filled with ids of the role's own
objects and, separately, of the sibling KIM's (same regency) and the other regency's KIM's objects;
each answer that opens is asked again with query strings that search, page, choose several, and
select the other KIM's users and sites in the filters. Whatever the status, the body must not carry
a marker of a KIM the role may not see; a server error fails too.

Markers: a draft's title, a tag, an image and a document title, an aspirasi message, the KIM's
name, its live posts' titles, and its editors' and moderators' e-mail addresses and names.
"""

import re

import pytest

from django.contrib.messages.storage.cookie import CookieStorage
from django.db import transaction
from django.http import HttpRequest
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from wagtail.log_actions import log
from wagtail.models import Workflow

from kim_sites.moderation.workflow import WORKFLOW_NAME
from tests.factories.province import build_world

ROLES = {
    # role: the targets it may see; the others' markers must never reach it.
    "editor": ("own",),
    "moderator": ("own", "sibling"),
}

# Not walked: logging out would end the walk as anonymous, and the error test view raises on purpose.
SKIPPED_URL_NAMES = {"wagtailadmin_logout", "wagtailadmin_error_test"}
CATCH_ALL = "^.*/$"


# --- The marker world ----------------------------------------------------------------------------


def _mark(content, regency_moderator):
    """Give a KIM of the matrix world every kind of trace that a listing, filter or report shows."""
    key = content.key
    editor = content.extra["editor"]
    editor.first_name, editor.last_name = f"Nama{key}", "Penyunting"
    editor.save()
    draft = content.draft_post
    draft.tags.add(f"tagrahasia{key}")
    draft.save()
    content.image.tags.add(f"fototagrahasia{key}")
    content.document.tags.add(f"doktagrahasia{key}")
    draft.save_revision(user=editor, log_action=True)
    log(instance=draft, action="wagtail.edit", user=editor)
    # In moderation ("dalam moderasi"), then locked by its editor.
    Workflow.objects.get(name=WORKFLOW_NAME).start(draft, editor)
    draft.refresh_from_db()
    draft.locked, draft.locked_by, draft.locked_at = True, editor, timezone.now()
    draft.save(update_fields=["locked", "locked_by", "locked_at"])
    # The regency's moderator publishes a page of the KIM: aging pages and site history show who.
    content.live_post.save_revision(user=regency_moderator).publish(user=regency_moderator)


def _markers(content):
    kim = content.kim
    users = list(kim.editor_group.user_set.all())
    return {
        f"rahasia{content.key}",  # the draft, the image, the document, the aspirasi message, the tags
        kim.name,
        content.live_post.title,
        f"Berita lama {content.key}",
        *(user.email for user in users),
        *(user.get_full_name() for user in users if user.get_full_name().strip()),
    }


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("walk-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        built = build_world()
        moderators = {"own": built.users["moderator"], "sibling": built.users["moderator"]}
        moderators["other"] = built.users["other_moderator"]
        for target in ("own", "sibling", "other"):
            _mark(built[target], moderators[target])
        built.users["other_moderator"].first_name = "NamaModeratorLain"
        built.users["other_moderator"].save()
        yield built
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _isolated_media():
    """The module's media folder (see `world`) is private to it."""
    yield


# --- The URL patterns ---------------------------------------------------------------------------


def admin_patterns():
    """(route, url name) of every admin URL pattern, in resolver order."""

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern), pattern.name

    seen = set()
    for route, name in walk(get_resolver().url_patterns, ""):
        if route.startswith("admin/") and route not in seen and name not in SKIPPED_URL_NAMES:
            seen.add(route)
            if not route.endswith(CATCH_ALL):
                yield route, name


PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>|\(\?P<(?P<regex_name>\w+)>[^)]*\)")


def parameters(route):
    return [m.group("name") or m.group("regex_name") for m in PARAMETER.finditer(route)]


def fill(route, values):
    """The URL of `route` with its parameters replaced by `values` (name -> value)."""

    def substitute(match):
        return str(values[match.group("name") or match.group("regex_name")])

    url = PARAMETER.sub(substitute, route)
    return "/" + url.replace("^", "").replace("$", "").replace("\\.", ".")


def bindings(world, target):
    """Values for every path parameter name, one dict per page of the target KIM to walk with."""
    content = world[target]
    editor = content.extra["editor"]
    task_state = content.draft_post.workflow_states.get().current_task_state
    source = content.en_translation.source
    segment = source.stringsegment_set.first()
    common = {
        "image_id": content.image.pk,
        "document_id": content.document.pk,
        "doc_id": content.document.pk,
        "collection_id": content.kim.collection_id,
        "task_state_id": task_state.pk,
        "task_id": task_state.task_id,
        "workflow_state_id": task_state.workflow_state_id,
        "workflow_pk": task_state.workflow_state.workflow_id,
        "translation_id": content.en_translation.pk,
        "translation_source_id": source.pk,
        "string_segment_id": segment.pk if segment else 1,
        "overridable_segment_id": 1,
        "uploaded_file_id": 1,
        "session_id": 1,
        "query_id": 1,
        "redirect_id": 1,
        "filter_spec": "original",
        "mode": "",
        "action_name": "approve",
        "uidb64": "MQ",
        "token": "token",
        "kim_id": content.kim.pk,  # the team screens (Tim KIM)
        "user_id": editor.pk,
        "slug": "menulis-berita",  # a topic of the guide (Bantuan), the only admin route with a slug
    }
    pages = [content.draft_post, content.index, content.home, content.en_post]
    for page in pages:
        revisions = list(page.revisions.order_by("pk").values_list("pk", flat=True)) or [
            revision.pk for revision in content.draft_revisions
        ]
        values = {
            **common,
            "page_id": page.pk,
            "parent_page_id": page.pk,
            "page_to_move_id": page.pk,
            "destination_id": content.archive.pk,
            "page_pk": page.pk,
            "revision_id": revisions[-1],
            "revision_id_a": revisions[0],
            "revision_id_b": revisions[-1],
            "object_id": page.pk,
            "user_id": editor.pk,
        }
        yield (
            values,
            {
                "page": page,
                "kim": content.kim,
                "site": content.site,
                "user": editor,
                "group": content.kim.editor_group,
                "image": content.image,
                "document": content.document,
                "collection": content.kim.collection,
                "workflow": task_state.workflow_state.workflow,
                "task": task_state.task,
                "locale": world.en,
            },
        )


# Route prefix -> which object a bare `pk` (or the app/model pair) of that route names.
PK_OBJECTS = [
    ("admin/api/main/^pages/", "page"),
    ("admin/api/main/^images/", "image"),
    ("admin/api/main/^documents/", "document"),
    ("admin/pages/", "page"),
    ("admin/images/", "image"),
    ("admin/documents/", "document"),
    ("admin/kim/", "kim"),
    ("admin/sites/", "site"),
    ("admin/users/", "user"),
    ("admin/groups/", "group"),
    ("admin/locales/", "locale"),
    ("admin/collections/", "collection"),
    ("admin/workflows/tasks/", "task"),
    ("admin/workflows/", "workflow"),
    ("admin/settings/", "site"),
]

APP_MODEL = [
    ("admin/bulk/", {"app_label": "wagtailcore", "model_name": "page", "action": "publish"}),
    ("admin/tag-autocomplete/", {"app_name": "kim_sites", "model_name": "posttag"}),
    ("admin/settings/", {"app_name": "kim_sites", "model_name": "kimsitesettings"}),
    ("admin/workflows/tasks/add/", {"app_label": "kim_sites", "model_name": "regencymoderationtask"}),
    ("admin/editing-sessions/", {"app_label": "wagtailcore", "model_name": "page"}),
    ("admin/localize/", {"app_label": "kim_sites", "model_name": "kim"}),
    ("admin/pages/", {"app_label": "kim_sites", "model_name": "postpage"}),
]


def urls_for(route, target_bindings):
    if not parameters(route):
        yield None, "/" + route
        return
    for values, objects in target_bindings:
        values = dict(values)
        pk_object = next((obj for prefix, obj in PK_OBJECTS if route.startswith(prefix)), "page")
        values["pk"] = objects[pk_object].pk
        values["content_type_app_name"], values["content_type_model_name"] = "kim_sites", "postpage"
        values.update(next((extra for prefix, extra in APP_MODEL if route.startswith(prefix)), {}))
        values.setdefault("app_label", "kim_sites")
        values.setdefault("app_name", "kim_sites")
        values.setdefault("model_name", "postpage")
        values.setdefault("action", "publish")
        yield objects, fill(route, values)


def query_variants(route, objects):
    """Query strings that search, page, choose several and select another KIM's things."""
    variants = ["?q=rahasia", "?q=KIM&multiple=1", "?q=Berita&p=2"]
    if "choose" in route:
        variants += ["?page_type=kim_sites.postpage&multiple=1", "?page_type=kim_sites.aspirasiformpage"]
    if "api/" in route:
        variants += ["?search=rahasia&limit=50", "?search=KIM&type=wagtailcore.page&fields=title"]
    if "autocomplete" in route:
        variants += ["?term=rahasia", "?term=tag", "?term=doktag", "?term=fototag"]
    if objects is not None:
        page, user, site = objects["page"], objects["user"], objects["site"]
        variants += [
            f"?id={page.pk}&id={objects['image'].pk}&id={objects['document'].pk}",
            f"?owner={user.pk}&edited_by={user.pk}&user={user.pk}&locked_by={user.pk}&requested_by={user.pk}"
            f"&site={site.pk}&collection_id={objects['collection'].pk}&q=",
            f"?site={site.root_page.path}&search_all=1&q=rahasia",
        ]
    return variants


# --- The walk -----------------------------------------------------------------------------------


def body(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


class Walk:
    """GETs each URL once, records markers found in the body, the headers and the messages the
    request left for the next page (attributed to the request that made them)."""

    def __init__(self, client, forbidden):
        self.client = client
        self.forbidden = forbidden
        self.visited = set()
        self.leaks = {}
        self.errors = []
        self.opened = 0
        self.bodies_seen = 0

    def get(self, route, url):
        if url in self.visited:
            return None
        self.visited.add(url)
        try:
            response = self.client.get(url)
        except Exception as error:  # noqa: BLE001 - every server error is a finding of the walk
            self.errors.append(f"{url}: {type(error).__name__}: {error}")
            return None
        if response.status_code >= 500:
            self.errors.append(f"{url}: HTTP {response.status_code}")
        text = body(response) + "".join(f"{k}: {v}\n" for k, v in response.items()) + self.pop_messages()
        self.bodies_seen += 1
        for marker in self.forbidden:
            if marker.lower() in text.lower():
                self.leaks.setdefault((route, marker), f"{url} ({response.status_code})")
        if response.status_code == 200:
            self.opened += 1
        return response

    def pop_messages(self):
        cookie = self.client.cookies.pop("messages", None)
        if cookie is None or not cookie.value:
            return ""
        request = HttpRequest()
        request.COOKIES[cookie.key] = cookie.value
        return "".join(str(message) for message in CookieStorage(request))


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(ROLES))
def test_no_admin_url_shows_another_kims_markers(world, role):
    visible = ROLES[role]
    foreign = [target for target in ("own", "sibling", "other") if target not in visible]
    forbidden = set().union(*(_markers(world[target]) for target in foreign))
    forbidden.add(world.users["other_moderator"].email)
    forbidden.add("NamaModeratorLain")
    allowed = set().union(*(_markers(world[target]) for target in visible))
    assert not forbidden & allowed

    client = Client()
    client.force_login(world.users[role])
    walk = Walk(client, sorted(forbidden))
    all_bindings = {target: list(bindings(world, target)) for target in ("own", "sibling", "other")}
    for route, _name in admin_patterns():
        for target in ("own", "sibling", "other"):
            for objects, url in urls_for(route, all_bindings[target]):
                response = walk.get(route, url)
                if response is None or response.status_code != 200:
                    continue
                for variant in query_variants(route, objects):
                    walk.get(route, url + variant)

    # The walk was not vacuous: still signed in, and the role's own things were shown.
    assert client.get("/admin/").status_code == 200
    assert walk.opened > 150, walk.opened
    assert not walk.errors, "\n".join(walk.errors)
    assert not walk.leaks, f"{len(walk.leaks)} leaks (route, marker: first URL):\n" + "\n".join(
        f"{route} {marker!r}: {url}" for (route, marker), url in sorted(walk.leaks.items())
    )


@pytest.mark.django_db
def test_the_walk_sees_the_roles_own_markers(world):
    """The markers are where the walk looks: the editor finds its own draft in the chooser search,
    its tags in the autocomplete, and its own name in the report filters."""
    client = Client()
    client.force_login(world.users["editor"])
    own = world["own"]
    assert "rahasiaown" in body(client.get("/admin/choose-page/search/?q=rahasia"))
    assert "tagrahasiaown" in body(client.get("/admin/tag-autocomplete/?term=tagrahasia"))
    assert own.extra["editor"].get_full_name() in body(client.get("/admin/reports/site-history/"))
    # The moderator sees the sibling KIM's, as its regency's.
    client.force_login(world.users["moderator"])
    assert "rahasiasibling" in body(client.get("/admin/choose-page/search/?q=rahasia"))
    assert "tagrahasiasibling" in body(client.get("/admin/tag-autocomplete/?term=tagrahasia"))
