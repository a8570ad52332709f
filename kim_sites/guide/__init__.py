"""Bantuan: the platform's own guide for KIM editors and regency moderators, served by the admin.

It replaces Wagtail's help menu, whose links lead to English pages on guide.wagtail.org, so that a
volunteer finds help in Indonesian, about this platform, without internet beyond the platform itself.
"""
