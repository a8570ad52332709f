"""The guide's topics and the screenshots each one shows.

SCREENSHOTS is the one list of what the guide may show: `tools/guide_screenshots.py` copies those
screens from the browser suite's artifacts into `kim_sites/static/kim_sites/guide/`, and each guide
page shows a screenshot only if that file exists (`{% guide_screenshot %}`).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    slug: str
    title: str
    summary: str
    audience: str  # "editor" or "moderator": whom the guide's index lists it under


TOPICS = (
    Topic("menulis-berita", "Menulis berita dari HP", "Dari dasbor sampai berita siap dikirim.", "editor"),
    Topic("mengunggah-foto", "Mengunggah foto", "Foto dari kamera atau galeri HP, dan keterangannya.", "editor"),
    Topic(
        "kirim-moderasi",
        "Kirim ke moderasi dan memperbaiki yang dikembalikan",
        "Apa yang terjadi setelah berita dikirim, dan cara memperbaikinya bila dikembalikan.",
        "editor",
    ),
    Topic(
        "meninjau",
        "Meninjau, menyetujui, mengembalikan",
        "Untuk moderator Diskominfo kabupaten/kota: antrean moderasi dan keputusan.",
        "moderator",
    ),
    Topic(
        "laporan-kinerja",
        "Laporan kinerja KIM",
        "Untuk pembina: keaktifan tiap KIM, waktu persetujuan, dan unduhan XLSX/CSV.",
        "moderator",
    ),
)
TOPICS_BY_SLUG = {topic.slug: topic for topic in TOPICS}

# Guide screenshot -> the browser suite's shot it is made from (`shots(page, name)` in tests/e2e/).
# Shots that other scenarios add later are listed too: the copy skips a missing one with a warning.
SCREENSHOTS = (
    "dashboard",
    "phone-dashboard",
    "phone-compose",
    "phone-compose-filled",
    "phone-submitted",
    "post-form",
    "post-actions",
    "post-submitted",
    "image-chooser",
    "image-upload",
    "editor-sees-comment",
    "editor-resubmitted",
    "moderator-dashboard",
    "moderation-queue",
    "phone-moderation-queue",
    "phone-review",
    "moderator-preview",
    "moderator-send-back",
    "moderator-confirm",
    "moderator-approved-message",
    "kinerja-report",
)
