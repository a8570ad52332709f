"""The object store and the task worker failing under the real topology (after test_stack.py, whose
backup test reads the bucket: moto keeps its objects in memory, so they are put back after a stop).

S3 down: an image upload in the admin gives a clear Indonesian error and leaves no image row and no
file; pages whose renditions exist keep serving. S3 hanging (the server stopped with SIGSTOP, so
connections are accepted and never answered): the upload gives up before gunicorn's timeout, the
gunicorn worker survives, and the next upload is refused at once. The task worker killed with -9
in the middle of a task: the supervisor starts it again, `recover_tasks` finds the task left
RUNNING and queues it again, and its work (a notification) is done exactly once.
"""

import contextlib
import io
import os
import re
import signal
import time
import uuid

from PIL import Image

from tests.stack.load import Browser
from tests.stack.test_dependency_faults import delivered_once, silent_smtp
from tests.stack.test_stack import submit_post, wait_for
from tests.stack.topology import BUCKET

UPLOAD_ERROR = "Penyimpanan media tidak merespons"


def png(seed):
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (seed % 256, 120, 60)).save(buffer, format="PNG")
    return buffer.getvalue()


def upload(editor, collection_id, title, **kwargs):
    return editor.post(
        "/admin/images/multiple/add/",
        {"collection": str(collection_id)},
        files={"files[]": (f"{title}.png", png(len(title)), "image/png")},
        **kwargs,
    )


def images_titled(stack, title):
    return stack.query(
        "from wagtail.images import get_image_model\n"
        f"print(json.dumps(get_image_model().objects.filter(title__startswith={title!r}).count()))"
    )


def bucket_objects(stack):
    s3 = stack.s3()
    return {item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


@contextlib.contextmanager
def s3_stopped(stack):
    """moto stopped; on the way out started again with the objects it held (it keeps them in memory)."""
    s3 = stack.s3()
    kept = {key: s3.get_object(Bucket=BUCKET, Key=key)["Body"].read() for key in bucket_objects(stack)}
    stack.stop("s3")
    try:
        yield kept
    finally:
        stack.start_s3()
        s3 = stack.s3()
        s3.create_bucket(Bucket=BUCKET)
        for key, body in kept.items():
            s3.put_object(Bucket=BUCKET, Key=key, Body=body)


def collection_of(stack, kim):
    return stack.query(
        f"from kim_sites.models import Kim\nprint(json.dumps(Kim.objects.get(site__pk={kim['site_id']}).collection_id))"
    )


def test_s3_down_an_upload_is_refused_clearly_and_pages_with_renditions_keep_serving(stack, recorder, kim):
    recorder.phase = "faults: s3 down"
    editor = Browser(stack, recorder).login(kim["editor"])
    collection = collection_of(stack, kim)
    # A post with a photo whose rendition exists (made while the store is up).
    before = upload(editor, collection, "Foto Sebelum")
    assert before.status_code == 200 and before.json()["success"] is True, before.text[:300]
    image_id = before.json()["image_id"]
    stack.manage(
        "shell",
        "-c",
        "from kim_sites.models import PostPage\n"
        f"page = PostPage.objects.get(url_path__endswith={kim['post_path']!r})\n"
        f"page.cover_image_id = {image_id}\npage.cover_alt = 'Warga di pantai'\npage.save_revision().publish()",
    )
    node = Browser(stack, recorder, node="node_a")
    shown = node.get(kim["post_path"] + f"?sebelum={uuid.uuid4().hex[:6]}", host=kim["hostname"])
    renditions = sorted(set(re.findall(r"/media/images/[^\"' )]+", shown.text)))
    assert shown.status_code == 200 and renditions, shown.text[:300]

    title = f"Foto Saat S3 Mati {uuid.uuid4().hex[:6]}"
    with s3_stopped(stack) as kept:
        started = time.monotonic()
        refused = upload(editor, collection, title)
        took = time.monotonic() - started
        # Straight to a node, under a query the page cache has not stored: built from the database.
        page = node.get(kim["post_path"] + f"?saat={uuid.uuid4().hex[:6]}", host=kim["hostname"])
    rows = images_titled(stack, title)
    files = sorted(bucket_objects(stack) - set(kept))
    clear = (
        refused is not None
        and refused.status_code == 200
        and refused.json().get("success") is False
        and UPLOAD_ERROR in refused.json().get("error_message", "")
    )
    recorder.finding(
        "S3 down: an image upload is refused with a clear Indonesian message, no row and no file",
        clear and rows == 0 and not files,
        f"answered in {took:.2f} s: {refused.json() if refused is not None else None}; rows {rows}; files {files}",
    )
    assert clear and rows == 0 and not files, (refused.text[:300] if refused is not None else None, rows, files)
    serving = page is not None and page.status_code == 200 and all(path in page.text for path in renditions)
    recorder.finding(
        "S3 down: a page whose renditions exist keeps serving",
        serving,
        f"{page.status_code if page is not None else None}; {len(renditions)} rendition(s) shown",
    )
    assert serving
    # Back: uploads work again.
    again = wait_for(
        lambda: (
            (r := upload(editor, collection, f"Foto Sesudah {uuid.uuid4().hex[:4]}")) is not None
            and r.json().get("success") is True
        ),
        30,
        1,
    )
    assert again is not None


def test_s3_hanging_the_upload_gives_up_before_gunicorn_and_the_worker_survives(stack, recorder, kim):
    recorder.phase = "faults: s3 hanging"
    editor = Browser(stack, recorder).login(kim["editor"])
    collection = collection_of(stack, kim)
    # Every process that met the outage before fails fast for a while (KIM_S3_FAILFAST_SECONDS).
    warm = wait_for(
        lambda: (
            (r := upload(editor, collection, f"Foto Pemanasan {uuid.uuid4().hex[:4]}")) is not None
            and r.json().get("success") is True
        ),
        40,
        1,
    )
    assert warm is not None
    workers = {name: set(stack.node_pids(name)) for name in ("node_a", "node_b")}
    moto = stack.procs["s3"].pid
    title = f"Foto Saat S3 Macet {uuid.uuid4().hex[:6]}"
    os.kill(moto, signal.SIGSTOP)
    try:
        started = time.monotonic()
        first = upload(editor, collection, title, timeout=60)
        first_took = time.monotonic() - started
        started = time.monotonic()
        second = upload(editor, collection, title + " lagi", timeout=60)
        second_took = time.monotonic() - started
    finally:
        os.kill(moto, signal.SIGCONT)
    survived = all(workers[name] <= set(stack.node_pids(name)) for name in workers)
    refused = [
        r is not None
        and r.status_code == 200
        and r.json().get("success") is False
        and UPLOAD_ERROR in r.json().get("error_message", "")
        for r in (first, second)
    ]
    recorder.finding(
        "S3 hanging: the upload gives up within 15 s (gunicorn's timeout is 30 s), clearly, and the worker survives",
        all(refused) and first_took < 15 and survived,
        f"first refused in {first_took:.1f} s, the next in {second_took:.1f} s; workers kept: {survived}",
    )
    assert all(refused) and first_took < 15 and survived, (first_took, second_took, refused)
    assert images_titled(stack, title) == 0


def test_the_task_worker_killed_mid_task_its_task_runs_again_once(stack, recorder, kim):
    recorder.phase = "faults: worker killed mid-task"
    title = f"Kabar Pekerja Mati {uuid.uuid4().hex[:6]}"
    starts = stack.worker_starts
    with silent_smtp(stack) as held:
        # The notification's delivery is the task the worker is in, held by an SMTP server that
        # never answers.
        submit_post(stack, recorder, kim, title)
        found = []

        def mail_task_running():
            found[:] = stack.query(
                "from django_tasks_db.models import DBTaskResult\n"
                "print(json.dumps([str(i) for i in DBTaskResult.objects.filter(status='RUNNING', "
                "task_path__contains='mail').values_list('id', flat=True)[:1]]))"
            )
            return bool(held) and bool(found)

        assert wait_for(mail_task_running, 90, 0.2) is not None, "the mail task never ran"
        [task_id] = found
        os.killpg(stack.procs["worker"].pid, signal.SIGKILL)
        stuck = stack.query(
            "from django_tasks_db.models import DBTaskResult\n"
            f"print(json.dumps(DBTaskResult.objects.get(id={task_id!r}).status))"
        )
    restarted = wait_for(lambda: stack.worker_starts > starts and stack.procs["worker"].poll() is None, 30, 0.2)
    # The minutely timer's job, with a lease short enough for a test.
    requeued = stack.manage("recover_tasks", "--lease", "1").stdout
    back, copies = delivered_once(stack, title, kim["moderator"])
    recorder.finding(
        "worker killed with -9 mid-task: restarted, its task found RUNNING and run again, its mail sent once",
        stuck == "RUNNING" and restarted is not None and back is not None and len(copies) == 1,
        f"left {stuck}; worker back in {restarted and round(restarted, 1)} s; {requeued.strip()}; "
        f"delivered after {back and round(back, 1)} s, {len(copies)} copy",
    )
    assert stuck == "RUNNING" and restarted is not None and back is not None and len(copies) == 1
