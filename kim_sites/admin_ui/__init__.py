"""The admin's own face: the platform's branding, its guide (Bantuan) and its layout on a phone.

Bantuan replaces Wagtail's help menu, whose links lead to English pages on guide.wagtail.org, so that
a volunteer finds help in Indonesian, about this platform, without internet beyond the platform
itself. The phone layout keeps every admin screen to a 360 px phone's width.
"""
