"""StreamField blocks for KIM posts, albums and pages."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

YOUTUBE_ID = re.compile(
    r"^(?:https?://)?(?:www\.|m\.)?(?:youtube\.com/(?:watch\?(?:.*&)?v=|embed/|shorts/|live/)|youtu\.be/)"
    r"(?P<id>[A-Za-z0-9_-]{11})"
)


# What a screen reader says for a photo, in words a volunteer knows ("teks alternatif" is jargon).
PHOTO_DESCRIPTION_LABEL = _("keterangan foto (untuk pembaca tunanetra)")
PHOTO_DESCRIPTION_HELP = _(
    "Boleh dikosongkan: keterangan di bawah foto, atau judul berita, yang dipakai. "
    "Contoh: 'Warga menanam bibit mangrove di pantai'."
)


def youtube_id(url):
    match = YOUTUBE_ID.match(url or "")
    return match.group("id") if match else None


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"])
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Paragraf")
        template = "kim_sites/blocks/paragraph_block.html"
        preview_value = "<p>Warga Desa bergotong royong membersihkan saluran air menjelang musim hujan.</p>"


class ImageBlock(blocks.StructBlock):
    """One photo with the alt text a screen reader needs and an optional caption."""

    image = ImageChooserBlock(label=_("gambar"))
    # Optional, so nobody is blocked: the page shows the caption, or else the post's title.
    alt_text = blocks.CharBlock(
        label=PHOTO_DESCRIPTION_LABEL,
        required=False,
        max_length=255,
        help_text=PHOTO_DESCRIPTION_HELP,
    )
    caption = blocks.CharBlock(label=_("keterangan"), required=False, max_length=255)

    class Meta:
        icon = "image"
        label = _("Gambar")
        template = "kim_sites/blocks/image_block.html"


class GalleryImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("gambar"))
    alt_text = blocks.CharBlock(
        label=PHOTO_DESCRIPTION_LABEL, required=False, max_length=255, help_text=PHOTO_DESCRIPTION_HELP
    )
    caption = blocks.CharBlock(label=_("keterangan"), required=False, max_length=255)

    class Meta:
        icon = "image"
        label = _("Foto")


class GalleryBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("judul"), required=False, max_length=255)
    images = blocks.ListBlock(GalleryImageBlock(), label=_("foto"), min_num=1)

    class Meta:
        icon = "grip"
        label = _("Galeri")
        template = "kim_sites/blocks/gallery_block.html"


class YouTubeBlock(blocks.StructBlock):
    """A YouTube video, loaded only when the visitor asks for it (saves data on slow phones)."""

    url = blocks.URLBlock(label=_("tautan YouTube"), help_text=_("Misalnya https://www.youtube.com/watch?v=..."))
    title = blocks.CharBlock(label=_("judul video"), max_length=255)

    class Meta:
        icon = "media"
        label = _("Video YouTube")
        template = "kim_sites/blocks/youtube_block.html"

    def clean(self, value):
        value = super().clean(value)
        if not youtube_id(value.get("url")):
            raise StructBlockValidationError(
                block_errors={"url": ValidationError(_("Masukkan tautan video YouTube yang sah."))}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["video_id"] = youtube_id(value.get("url"))
        return context


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("kutipan"))
    attribution = blocks.CharBlock(label=_("sumber"), required=False, max_length=255)

    class Meta:
        icon = "openquote"
        label = _("Kutipan")
        template = "kim_sites/blocks/quote_block.html"
        preview_value = {"text": "Informasi yang benar membangun desa.", "attribution": "Ketua KIM"}


class AttachmentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("dokumen"))
    label = blocks.CharBlock(label=_("label"), required=False, max_length=255)

    class Meta:
        icon = "doc-full"
        label = _("Lampiran")
        template = "kim_sites/blocks/attachment_block.html"


class PostBodyBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    image = ImageBlock()
    gallery = GalleryBlock()
    youtube = YouTubeBlock()
    quote = QuoteBlock()
    attachment = AttachmentBlock()


class AlbumBlock(blocks.StructBlock):
    """A photo album of one activity."""

    title = blocks.CharBlock(label=_("judul album"), max_length=255)
    date = blocks.DateBlock(label=_("tanggal"), required=False)
    description = blocks.TextBlock(label=_("deskripsi"), required=False)
    images = blocks.ListBlock(GalleryImageBlock(), label=_("foto"), min_num=1)

    class Meta:
        icon = "image"
        label = _("Album")
        template = "kim_sites/blocks/album_block.html"
