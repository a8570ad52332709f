"""What the concurrency test's server needs: a KIM, its editor, a draft post and a few photos.

Run in the server's settings, on the server's database file (`manage.py shell -c`), before the
server starts; prints the ids as one JSON line.
"""

import json

from tests.factories.accounts import DEFAULT_PASSWORD, make_editor
from tests.factories.media import make_image
from tests.factories.pages import make_post
from tests.factories.registry import make_kim


def main():
    kim = make_kim("bangka", name="KIM Serentak", slug="kim-serentak")
    editor = make_editor(kim, email="editor.serentak@kim-uji.id")
    photos = [make_image(kim, title=f"Foto serentak {n}", colour=(40 * n, 90, 120)) for n in range(1, 5)]
    post = make_post(kim, "Kerja bakti serentak", live=False, by=editor, owner=editor, cover=photos[0])
    print(json.dumps({"email": editor.email, "password": DEFAULT_PASSWORD, "post": post.pk}))
