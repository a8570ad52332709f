"""The one way the test suite makes each thing, mirroring the models.

- `registry`: KIMs (through the real provisioning service) and the portal's site.
- `accounts`: users in every role: editor, moderator, provincial admin.
- `pages`: posts (real Wagtail pages with revisions), translations, restrictions, and the
  sections provisioning made.
- `media`: images, and the bytes of a small picture.
- `moderation`: moderation history made through Wagtail's own workflow API.
- `province`: a small province with content in every state, for the permission matrix.
"""
