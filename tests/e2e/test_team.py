"""A KIM's team on a phone: its Admin KIM invites a volunteer, who activates the account from the
e-mail, writes a post and sends it to moderation; then the Admin KIM removes the volunteer.

The KIM is provisioned for this scenario (`create_kim`), so its first account is its Admin KIM.
Two browser contexts play the two people: the volunteer's session is still open when the Admin
KIM removes them, and its next page load must already be refused. The post stays, with its
author in the revision history.
"""

import json
import re

from tests.e2e.conftest import login

PHONE = {"viewport": {"width": 360, "height": 740}, "has_touch": True, "is_mobile": True, "device_scale_factor": 2}
KIM = {
    "name": "KIM Sriwijaya Mandiri",
    "regency": "pangkalpinang",
    "district": "Girimaya",
    "village": "Sriwijaya",
    "admin_email": "admin.sriwijaya@kim-e2e.id",
}
ADMIN_PASSWORD = "Bukit-Intan-Sriwijaya-2026"
MEMBER = {"name": "Wulan Permata", "email": "wulan.sriwijaya@kim-e2e.id", "password": "Kampung-Sriwijaya-2026"}
TITLE = "Karang taruna Sriwijaya memperbaiki jalan setapak"
TEXT = "Sabtu pagi, dua puluh pemuda Sriwijaya menambal jalan setapak menuju sekolah dengan semen dan batu."


def query(server, code):
    """Runs Python in the server's database (manage.py shell) and returns what it prints, as JSON."""
    return json.loads(server.manage("shell", "-c", code).strip().splitlines()[-1])


def assert_fits(page):
    """No horizontal scrolling at 360 px."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["viewport"]["width"], f"{page.url} is {width} px wide"


def set_password(context, link, password):
    """Opens an activation link and sets the account's password."""
    page = context.new_page()
    page.goto(link)
    page.locator("input[name=new_password1]").fill(password)
    page.locator("input[name=new_password2]").fill(password)
    page.get_by_role("button", name=re.compile("Simpan", re.I)).click()
    page.get_by_text(re.compile("sudah aktif", re.I)).wait_for()
    page.close()


def provision_kim(server, context):
    """A KIM provisioned by the CLI; its first account, activated here, is the KIM's Admin KIM."""
    out = server.manage(
        "create_kim",
        *("--regency", KIM["regency"], "--name", KIM["name"]),
        *("--district", KIM["district"], "--village", KIM["village"]),
        *("--admin-email", KIM["admin_email"], "--no-email"),
    )
    set_password(context, re.search(r"https?://\S+/aktivasi/\S+", out).group(0), ADMIN_PASSWORD)
    return KIM["admin_email"]


def member_row(page):
    """The member's entry in the team list (not the message that names them)."""
    return member_entry(page, MEMBER["email"])


def member_entry(page, email_address):
    return page.locator("main .kim-team__card, main tbody tr").filter(has_text=email_address)


MEMBER_STATE = """
import json
from django.contrib.auth import get_user_model
from wagtail.models import WorkflowState
from kim_sites.models import Kim, PostPage
user = get_user_model().objects.get(email={email!r})
kim = Kim.objects.get(name={kim!r})
post = PostPage.objects.filter(title={title!r}).order_by("-pk").first()
state = post and WorkflowState.objects.for_instance(post).order_by("-pk").first()
print(json.dumps({{
    "active": user.is_active,
    "groups": sorted(user.groups.values_list("name", flat=True)),
    "editor": kim.editor_group.user_set.filter(pk=user.pk).exists(),
    "admin": kim.admin_group.user_set.filter(pk=user.pk).exists(),
    "post": post and {{
        "live": post.live,
        "owner": post.owner and post.owner.email,
        "state": state and state.status,
        "revision_authors": sorted({{r.user.email for r in post.revisions.all() if r.user}}),
    }},
}}))
"""


def member_state(server):
    return query(server, MEMBER_STATE.format(email=MEMBER["email"], kim=KIM["name"], title=TITLE))


def test_admin_kim_invites_and_removes_a_member(server, mailbox, new_context, shots):
    # 1. The Admin KIM opens "Tim KIM" from the phone's menu and invites a volunteer as Editor.
    admin_context = new_context(**PHONE)
    kim_admin = provision_kim(server, admin_context)
    admin = login(admin_context, server, kim_admin, ADMIN_PASSWORD)
    admin.locator(".sidebar-nav-toggle--mobile").filter(visible=True).first.click()
    admin.locator("#wagtail-sidebar").get_by_role("link", name="Tim KIM").click()
    admin.get_by_role("heading", name=f"Tim {KIM['name']}").wait_for()
    team_url = admin.url
    assert re.search(r"/admin/tim/\d+/$", team_url), team_url
    # The Admin KIM is listed, as Admin KIM.
    assert "Admin KIM" in member_entry(admin, kim_admin).inner_text()
    assert_fits(admin)
    shots(admin, "team")

    invite = admin.get_by_role("link", name="Undang anggota").or_(admin.get_by_role("button", name="Undang anggota"))
    invite.first.click()
    admin.wait_for_url(re.compile(r"/admin/tim/\d+/undang/$"))
    admin.locator("input[name=name]").fill(MEMBER["name"])
    admin.locator("input[name=email]").fill(MEMBER["email"])
    admin.locator("input[name=role][value=editor]").check()
    assert_fits(admin)
    shots(admin, "invite-form")
    admin.get_by_role("button", name="Kirim undangan").click()
    admin.wait_for_url(team_url)
    row = member_row(admin)
    row.wait_for()
    assert "Menunggu aktivasi" in row.inner_text() and "Editor" in row.inner_text(), row.inner_text()
    assert MEMBER["name"] in row.inner_text()
    assert_fits(admin)
    shots(admin, "team-invited")

    # 2. The invitation arrives by e-mail; the volunteer activates the account on their own phone.
    message = mailbox.wait_for(MEMBER["email"])
    link = next(url for url in mailbox.links(mailbox.body(message)) if "/aktivasi/" in url)
    member_context = new_context(**PHONE)
    set_password(member_context, link, MEMBER["password"])
    member = login(member_context, server, MEMBER["email"], MEMBER["password"])
    shots(member, "member-dashboard")

    member.locator(".kim-write-panel__button").click()
    member.wait_for_url(re.compile(r"/admin/tulis/\d+/$"))
    member.locator("#id_title").fill(TITLE)
    member.locator("label.kim-chip", has_text="Kegiatan").tap()
    member.locator("#id_text").fill(TEXT)
    member.get_by_role("button", name="Kirim ke Moderasi KIM").tap()
    member.get_by_role("heading", name="Berita terkirim ke Moderasi KIM").wait_for()
    shots(member, "member-submitted")
    before = member_state(server)
    assert before["active"] and before["editor"] and not before["admin"], before
    assert before["post"]["state"] == "in_progress" and not before["post"]["live"], before
    assert before["post"]["owner"] == MEMBER["email"], before

    # The Admin KIM now sees the member as activated.
    admin.goto(team_url)
    row = member_row(admin)
    row.wait_for()
    assert "Menunggu aktivasi" not in row.inner_text(), row.inner_text()
    assert "Belum pernah" not in row.inner_text(), row.inner_text()

    # 3. The Admin KIM removes the member, after a confirmation.
    row.get_by_role("link", name="Keluarkan").or_(row.get_by_role("button", name="Keluarkan")).first.click()
    admin.wait_for_url(re.compile(r"/keluarkan/$"))
    assert MEMBER["name"] in admin.locator("main").inner_text() or MEMBER["email"] in admin.locator("main").inner_text()
    assert_fits(admin)
    shots(admin, "remove-confirm")
    admin.get_by_role("button", name="Ya, keluarkan").click()
    admin.wait_for_url(team_url)
    member_row(admin).wait_for(state="detached")
    assert_fits(admin)
    shots(admin, "team-removed")

    # 4. The member's open session is refused at its next page load: the account is deactivated.
    member.goto(f"{server.base}/admin/")
    member.wait_for_url(re.compile(r"/admin/login/"))
    shots(member, "member-refused")
    member.goto(f"{server.base}/admin/tulis/")
    member.wait_for_url(re.compile(r"/admin/login/"))
    # Nor can the member sign in again.
    member.locator("#id_username").fill(MEMBER["email"])
    member.locator("#id_password").fill(MEMBER["password"])
    with member.expect_navigation():
        member.get_by_role("button", name=re.compile("Masuk", re.I)).click()
    assert "/admin/login/" in member.url, member.url

    after = member_state(server)
    assert not after["active"] and not after["editor"] and not after["admin"], after
    # The post is kept, still in moderation, with its author in the revision history.
    assert after["post"]["owner"] == MEMBER["email"], after
    assert after["post"]["state"] == "in_progress", after
    assert MEMBER["email"] in after["post"]["revision_authors"], after
