"""The HTTP cache in front (Varnish, deploy/varnish/kimcms.vcl), through nginx, on the stack.

What it stores, what it must never store, and how fast the task queue's purges reach it: an
approved post within 2 s, a suspension at once. `X-Cache` is Varnish's own word on each answer
(hit, miss, pass) and `Age` its entry's age; varnishstat's counters back both.
"""

import uuid

import pytest
import requests

from tests.stack.load import Browser
from tests.stack.test_stack import approve_on, submit_post, wait_for
from tests.stack.topology import BASE_DOMAIN

PURGE_WITHIN = 2.0


@pytest.fixture
def visitor(stack, recorder):
    return Browser(stack, recorder)


def settle(stack):
    """Until the worker has done what was enqueued so far (purges among it)."""
    sql = "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status IN ('READY', 'RUNNING')"
    assert wait_for(lambda: stack.psql(sql, database="kimstack") == "0", timeout=120, step=0.5) is not None


@pytest.fixture(autouse=True)
def settled(stack):
    settle(stack)


def cached(response):
    return response.headers.get("X-Cache") == "hit" and int(response.headers.get("Age", "0")) >= 0


def twice(browser, path, host):
    """The second answer of two, so that whatever may be stored has been."""
    browser.get(path, host=host)
    return browser.get(path, host=host)


def ban(stack, host):
    """Empty the cache of one host, as the task queue does (a BAN from this machine)."""
    response = requests.request("BAN", f"http://127.0.0.1:{stack.ports['varnish']}/", headers={"Host": host}, timeout=5)
    assert response.status_code == 200, response.text


def test_public_pages_are_stored_and_an_approved_post_shows_within_two_seconds(stack, recorder, visitor, kim):
    recorder.phase = "http cache: approval"
    host = kim["hostname"]
    targets = [(host, "/"), (host, "/berita/"), (host, "/feed/"), (host, kim["post_path"]), (BASE_DOMAIN, "/")]
    # The first render of a site creates its settings rows, which purges it: let that pass first.
    for target_host, path in targets:
        visitor.get(path, host=target_host)
    settle(stack)
    for target_host, path in targets:
        response = twice(visitor, path, target_host)
        assert response.status_code == 200, (target_host, path, response.status_code)
        assert cached(response), (target_host, path, dict(response.headers))
    hits_before = stack.varnishstat("MAIN.cache_hit")["MAIN.cache_hit"]
    first, second = visitor.get("/", host=host), visitor.get("/", host=host)
    assert cached(first) and cached(second)
    # Each answer, stored or not, carries its own request's id (nginx's), not the one that stored it.
    assert first.headers["X-Request-ID"] != second.headers["X-Request-ID"]
    # Varnish's own counters agree (its threads add theirs to the totals within a moment).
    assert wait_for(lambda: stack.varnishstat("MAIN.cache_hit")["MAIN.cache_hit"] > hits_before, timeout=5, step=0.2)

    title = f"Kabar Depan {uuid.uuid4().hex[:6]}"
    slug, page_id, task_state_id, _took = submit_post(stack, recorder, kim, title)
    post_path = f"/berita/{slug}/"
    assert visitor.get(post_path, host=host).status_code == 404
    # Still stored, still without the post: nothing changed yet.
    for target_host, path in targets:
        response = visitor.get(path, host=target_host)
        assert cached(response) and title not in response.text, (target_host, path)

    approve_on(stack, recorder, "node_a", kim["moderator"], page_id, task_state_id)
    lists = [(h, p) for h, p in targets if p != kim["post_path"]]
    elapsed = wait_for(
        lambda: (
            all(title in visitor.get(path, host=h).text for h, path in lists)
            and visitor.get(post_path, host=host).status_code == 200
        ),
        timeout=10,
        step=0.1,
    )
    recorder.finding(
        f"approved post through the HTTP cache on home, index, feed, portal and its page <= {PURGE_WITHIN} s",
        elapsed is not None and elapsed <= PURGE_WITHIN,
        f"after {elapsed and round(elapsed, 3)} s",
    )
    late = {
        f"{h}{path}": (r.status_code, r.headers.get("X-Cache"), r.headers.get("Age"), title in r.text)
        for h, path in [*lists, (host, post_path)]
        for r in [visitor.get(path, host=h)]
    }
    assert elapsed is not None and elapsed <= PURGE_WITHIN, (elapsed, late)
    # And stored again, with the post.
    response = twice(visitor, "/berita/", host)
    assert cached(response) and title in response.text


def test_what_must_never_be_stored(stack, recorder, visitor, kim):
    recorder.phase = "http cache: never stored"
    host = kim["hostname"]
    for path in ("/healthz", "/readyz", "/search/?q=stack", "/aspirasi/", "/admin/login/"):
        target = "127.0.0.1" if path in ("/healthz", "/readyz") else host
        response = twice(visitor, path, target)
        assert response.headers.get("X-Cache") != "hit", (path, dict(response.headers))
    # A page with a query string the app does not store (a tracking parameter) is not stored either.
    response = twice(visitor, "/berita/?utm_source=wa", host)
    assert response.status_code == 200 and response.headers.get("X-Cache") != "hit", dict(response.headers)


def test_a_private_page_is_never_stored(stack, recorder, visitor, kim):
    recorder.phase = "http cache: private pages"
    host = kim["hostname"]
    slug = f"rapat-{uuid.uuid4().hex[:6]}"
    secret = f"Notulen rahasia {uuid.uuid4().hex[:6]}"
    # A public page, stored; then restricted by password, as an editor would in the admin.
    stack.query(
        "from kim_sites.models import Kim, PostIndexPage\nfrom tests.factories.pages import make_post\n"
        "kim = Kim.objects.get(slug='stack-satu')\n"
        f"post = make_post(kim, {secret!r})\npost.slug = {slug!r}\npost.save_revision().publish()\n"
        "print(json.dumps(post.pk))"
    )
    path = f"/berita/{slug}/"
    stored = twice(visitor, path, host)
    assert stored.status_code == 200 and secret in stored.text and cached(stored), dict(stored.headers)
    stack.query(
        "from wagtail.models import PageViewRestriction\nfrom kim_sites.models import PostPage\n"
        f"page = PostPage.objects.get(slug={slug!r})\n"
        "PageViewRestriction.objects.create(page=page, restriction_type='password', password='rahasia')\n"
        "print(json.dumps(True))"
    )
    elapsed = wait_for(lambda: secret not in visitor.get(path, host=host).text, timeout=10, step=0.1)
    assert elapsed is not None and elapsed <= PURGE_WITHIN, elapsed
    answers = [visitor.get(path, host=host) for _ in range(3)]
    for response in answers:
        assert secret not in response.text
        assert response.headers.get("X-Cache") != "hit" and response.headers.get("Age", "0") == "0"
        assert "private" in response.headers["Cache-Control"] and "no-store" in response.headers["Cache-Control"]
    recorder.finding(
        "a page restricted after it was stored leaves the HTTP cache, and its form is never stored",
        True,
        f"in {round(elapsed, 3)} s; X-Cache {[r.headers.get('X-Cache') for r in answers]}",
    )

    # With the password, the visitor has a session: every answer comes from the app, never kept.
    form = visitor.get(path, host=host)
    action = form.text.split('action="', 1)[1].split('"', 1)[0]
    token = form.text.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    response = visitor.post(
        action, {"csrfmiddlewaretoken": token, "password": "rahasia", "return_url": path}, host=host
    )
    assert response.status_code == 302, response.text[:300]
    inside = [visitor.get(path, host=host) for _ in range(2)]
    assert all(secret in r.text and r.headers.get("X-Cache") == "pass" for r in inside), [
        dict(r.headers) for r in inside
    ]
    stranger = Browser(stack, recorder)
    assert all(secret not in stranger.get(path, host=host).text for _ in range(2))


def test_a_signed_in_editor_never_gets_nor_poisons_a_stored_page(stack, recorder, kim):
    recorder.phase = "http cache: signed in"
    host = kim["hostname"]
    ban(stack, host)
    editor = Browser(stack, recorder).login(kim["editor"])
    # The editor asks first: the answer is the app's, for the editor, and is not kept.
    mine = [editor.get("/berita/", host=host) for _ in range(2)]
    assert all(r.status_code == 200 and r.headers.get("X-Cache") == "pass" for r in mine), [
        dict(r.headers) for r in mine
    ]
    assert all("private" in r.headers.get("Cache-Control", "") and "wagtail-userbar" in r.text for r in mine)
    visitor = Browser(stack, recorder)
    first, second = visitor.get("/berita/", host=host), visitor.get("/berita/", host=host)
    assert first.headers.get("X-Cache") == "miss" and cached(second), (dict(first.headers), dict(second.headers))
    for response in (first, second):
        # Wagtail's user bar (edit this page...) is what a signed-in person's page has and nobody else's.
        assert "wagtail-userbar" not in response.text
    # Now that the page is stored, the editor still gets the app's answer.
    again = editor.get("/berita/", host=host)
    assert again.headers.get("X-Cache") == "pass"
    recorder.finding(
        "a signed-in editor gets no stored page and leaves none",
        True,
        f"editor {[r.headers.get('X-Cache') for r in (*mine, again)]}, visitor {first.headers.get('X-Cache')} then {second.headers.get('X-Cache')}",
    )


def test_a_suspension_empties_the_kim_from_the_cache_at_once(stack, recorder, visitor, kim):
    recorder.phase = "http cache: suspension"
    host = f"stack-empat.{BASE_DOMAIN}"
    stack.manage(
        "create_kim",
        "--regency",
        "bangka",
        "--name",
        "KIM Stack Empat",
        "--village",
        "Desa Empat",
        "--district",
        "Kecamatan Empat",
        "--admin-email",
        "empat@stack.test",
        "--slug",
        "stack-empat",
        "--no-email",
    )
    for path in ("/", "/berita/", "/feed/"):
        response = twice(visitor, path, host)
        assert response.status_code == 200 and cached(response), (path, dict(response.headers))
    stack.manage("suspend_kim", "stack-empat")
    elapsed = wait_for(
        lambda: all(visitor.get(path, host=host).status_code == 503 for path in ("/", "/berita/", "/feed/")),
        timeout=10,
        step=0.1,
    )
    recorder.finding(
        f"a suspension empties the KIM from the HTTP cache <= {PURGE_WITHIN} s",
        elapsed is not None and elapsed <= PURGE_WITHIN,
        f"after {elapsed and round(elapsed, 3)} s",
    )
    assert elapsed is not None and elapsed <= PURGE_WITHIN, elapsed
    suspended = twice(visitor, "/", host)
    assert suspended.status_code == 503 and suspended.headers.get("X-Cache") != "hit"
    stack.manage("reactivate_kim", "stack-empat")
    back = wait_for(lambda: visitor.get("/", host=host).status_code == 200, timeout=10, step=0.1)
    assert back is not None and back <= PURGE_WITHIN, back
