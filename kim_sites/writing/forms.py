"""The short post form, in the order a volunteer thinks: title, category, photos, text; the rest
optional, folded below. Every message is Indonesian and sits next to its field."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from taggit.forms import TagField
from wagtail.images.fields import WagtailImageField

from kim_sites.models import PostPage
from kim_sites.writing.posts import SUMMARY_MAX_LENGTH, TITLE_MAX_LENGTH, Draft, Photo

MAX_PHOTOS = 10
CAPTION_MAX_LENGTH = 255


class PhotoInput(forms.FileInput):
    """`<input type=file accept="image/*" multiple>`: on Android it offers the camera and the gallery."""

    allow_multiple_selected = True

    def __init__(self, attrs=None):
        super().__init__({"accept": "image/*", "multiple": True, **(attrs or {})})


class PhotosField(forms.FileField):
    """Several photos, each checked as Wagtail checks an image upload (format, size, pixels)."""

    widget = PhotoInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, (list, tuple)) else [data]) if f]
        if len(files) > MAX_PHOTOS:
            raise ValidationError(f"Paling banyak {MAX_PHOTOS} foto dalam satu berita.", code="too_many")
        errors = []
        image_field = WagtailImageField(required=False)  # reads the upload limits in force now
        for file in files:
            try:
                image_field.clean(file)
            except ValidationError as error:
                errors.extend(f"{file.name}: {message}" for message in error.messages)
        if errors:
            raise ValidationError(errors)
        return files


class PhonePostForm(forms.Form):
    title = forms.CharField(
        label="Judul berita",
        max_length=TITLE_MAX_LENGTH,
        error_messages={"required": "Tulis judul berita."},
        widget=forms.TextInput(attrs={"autocomplete": "off", "enterkeyhint": "next"}),
    )
    category = forms.ChoiceField(
        label="Kategori",
        choices=PostPage.Category.choices,
        initial=PostPage.Category.BERITA,
        widget=forms.RadioSelect,
        error_messages={"required": "Pilih kategori.", "invalid_choice": "Pilih salah satu kategori."},
    )
    photos = PhotosField(label="Foto")
    text = forms.CharField(
        label="Isi berita",
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Tulis isi berita."},
    )
    summary = forms.CharField(
        label="Ringkasan",
        required=False,
        max_length=SUMMARY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Boleh dikosongkan: kalimat pertama isi berita yang dipakai.",
        error_messages={"max_length": "Ringkasan paling banyak %(limit_value)d karakter (sekarang %(show_value)d)."},
    )
    date = forms.DateField(
        label="Tanggal kegiatan",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Boleh dikosongkan: hari ini.",
        error_messages={"invalid": "Tanggal tidak dikenali."},
    )
    tags = TagField(
        label="Tag",
        required=False,
        help_text="Pisahkan dengan koma, misalnya: gotong royong, pantai.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate

    def photo_texts(self, name, count):
        """The caption or description typed for each photo (the browser names them per photo)."""
        return [(self.data.get(f"{name}-{i}") or "").strip()[:CAPTION_MAX_LENGTH] for i in range(count)]

    def clean(self):
        cleaned = super().clean()
        photos = cleaned.get("photos") or []
        cover = self.data.get("cover") or "0"
        cleaned["cover"] = int(cover) if cover.isdigit() and int(cover) < len(photos) else 0
        return cleaned

    def draft(self):
        """The validated form as a Draft for kim_sites/writing/posts.py."""
        data = self.cleaned_data
        photos = data.get("photos") or []
        captions = self.photo_texts("caption", len(photos))
        alts = self.photo_texts("alt", len(photos))
        return Draft(
            title=data["title"].strip(),
            category=data["category"],
            text=data["text"],
            photos=[Photo(file=f, caption=c, alt_text=a) for f, c, a in zip(photos, captions, alts, strict=True)],
            cover=data["cover"],
            summary=data.get("summary", "").strip(),
            date=data.get("date"),
            tags=list(data.get("tags") or []),
        )
