import re

from tests.e2e.conftest import login


def test_admin_login_in_indonesian(server, new_context, shots):
    context = new_context()
    page = context.new_page()
    page.goto(f"{server.base}/admin/login/")
    assert page.get_by_role("button", name=re.compile("Masuk")).is_visible()
    shots(page, "login")
    page = login(context, server, "admin@demo.kim.id")
    shots(page, "dashboard")
