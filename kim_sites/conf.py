"""Every KIM_* setting, with its default, read one way: `kim_settings.KIM_...`.

The project's settings (kimcms/settings) set these from the environment, starting from the
defaults below; a settings module that leaves one out (Wagtail's own test suite, a bare
`django.conf.settings.configure()`) gets the default. Each read goes to django.conf.settings,
so `override_settings` works as usual. docs/deploy.md lists the environment variables.
"""

from django.conf import settings

DEFAULTS = {
    # --- Sites ---
    # KIM sites are served at <slug>.<KIM_BASE_DOMAIN> unless a custom domain is set.
    "KIM_BASE_DOMAIN": "kim.babelprov.go.id",
    "KIM_SITE_PORT": 80,
    "KIM_PROVINCE_NAME": "Kepulauan Bangka Belitung",
    # The provincial Diskominfo's contact, shown on a suspended KIM's notice when its regency has none.
    "KIM_PROVINCE_CONTACT_EMAIL": "",
    "KIM_PROVINCE_CONTACT_PHONE": "",
    "KIM_PROVINCE_CONTACT_ADDRESS": "",
    # --- Accounts ---
    # Activation links (one-time, kim_sites/registry/activation.py) expire after 7 days.
    "KIM_ACTIVATION_TIMEOUT": 7 * 24 * 3600,
    # A link that confirms a new e-mail address of an account works for this many seconds.
    "KIM_EMAIL_CHANGE_TIMEOUT": 24 * 3600,
    # Regency moderators, provincial admins and anyone who can publish must use a second factor.
    "KIM_2FA_ENFORCED": True,
    # Failure counters live in this cache; it must be shared by every app process.
    "KIM_ACCOUNT_THROTTLE_CACHE": "default",
    # limit: failures allowed per key; window: seconds from the first failure until the counter ends.
    "KIM_ACCOUNT_THROTTLES": {
        "login": {"limit": 5, "window": 15 * 60},  # one account from one client address
        "login-client": {"limit": 30, "window": 15 * 60},  # one client address, any account
        "otp": {"limit": 5, "window": 15 * 60},  # second-factor codes, one account from one client
        "otp-account": {"limit": 20, "window": 60 * 60},  # second-factor codes, one account from anywhere
        "password-reset": {"limit": 3, "window": 60 * 60},  # reset e-mails per address and client
        "password-reset-client": {"limit": 10, "window": 60 * 60},  # reset e-mails per client
        "account-link": {"limit": 10, "window": 15 * 60},  # invalid activation or reset links per client
    },
    "KIM_RECOVERY_CODE_COUNT": 10,
    # Reverse proxies in front of the app that append to X-Forwarded-For (0: clients connect directly).
    "KIM_TRUSTED_PROXY_COUNT": 0,
    # --- Public sites ---
    "KIM_FEED_ITEMS": 20,
    "KIM_SITEMAPS_PER_INDEX_PAGE": 1000,
    # Pages per page of a site's sitemap.xml (?p=2…); well under the protocol's 50,000 URLs, since
    # a post index adds a URL for each of its pages.
    "KIM_SITEMAP_URLS_PER_PAGE": 20000,
    # Aspirasi: only valid submissions count. At most KIM_ASPIRASI_RATE_LIMIT per browser (client
    # address + User-Agent + Accept-Language) and form, and at most KIM_ASPIRASI_ADDRESS_RATE_LIMIT
    # per client address and form whatever the browser (a village meeting behind one NAT), in
    # KIM_ASPIRASI_RATE_WINDOW seconds.
    "KIM_ASPIRASI_RATE_LIMIT": 5,
    "KIM_ASPIRASI_ADDRESS_RATE_LIMIT": 30,
    "KIM_ASPIRASI_RATE_WINDOW": 600,
    # The admin's Content-Security-Policy (the public one is django-csp's CONTENT_SECURITY_POLICY).
    # This default allows nothing but the app's own origin; kimcms/settings/base.py relaxes it as
    # far as Wagtail's admin needs.
    "KIM_ADMIN_CONTENT_SECURITY_POLICY": {"DIRECTIVES": {"default-src": ["'self'"]}},
    # --- Writing: the phone post form and every image upload (kim_sites/writing/) ---
    # Photos are scaled down to this many pixels on their long side, in the browser before upload
    # and again on arrival for every upload path, so a phone's 4000×3000 photo is not stored as is.
    "KIM_IMAGE_MAX_EDGE": 1600,
    # JPEG quality (1-95) of a photo scaled down on the server (the browser uses the same, as 0.82).
    "KIM_IMAGE_JPEG_QUALITY": 82,
    # A never-submitted post with nothing but its title is deleted this many hours after its last change.
    "KIM_GHOST_DRAFT_HOURS": 24,
    # --- Scale: the site index and the page cache (docs/performance.md) ---
    "KIM_SITE_INDEX_ENABLED": True,
    # Seconds a process may use its site index without checking the shared generation.
    "KIM_SITE_INDEX_MAX_AGE": 60,
    "KIM_PAGE_CACHE_ENABLED": True,
    # Store pages with DEBUG on too (only the page-cache tests do).
    "KIM_PAGE_CACHE_IN_DEBUG": False,
    # Seconds a stored response lives at most; purges normally drop it much earlier.
    "KIM_PAGE_CACHE_TIMEOUT": 600,
    # What browsers and a CDN in front may do with an anonymous page.
    "KIM_PAGE_CACHE_CONTROL": "public, max-age=60, s-maxage=300",
    # Query parameters that select a variant of a cacheable page (pagination, tag, category...).
    "KIM_PAGE_CACHE_QUERY_PARAMS": ("page", "tag", "kategori", "category", "bulan", "tahun"),
    # Never cached: the admin, documents (may be private), search, activation, static and media.
    "KIM_PAGE_CACHE_EXCLUDED_PREFIXES": (
        "/admin/",
        "/documents/",
        "/aktivasi/",
        "/search/",
        "/cari/",
        "/static/",
        "/media/",
        "/_bench/",
        "/_dibaca/",
    ),
    # The paths of a Site that the HTTP cache in front is asked to drop with the Site.
    "KIM_FRONTEND_CACHE_SITE_PATHS": ("", "feed/", "sitemap.xml"),
    # --- Reach: page views (kim_sites/reach/, docs/kinerja.md) ---
    "KIM_REACH_ENABLED": True,
    # The Redis of the waiting counts; empty: REDIS_URL; neither: the database.
    "KIM_REACH_REDIS_URL": "",
    # A post shows "dibaca N kali" from this many views on (a tiny figure tells a reader little).
    "KIM_REACH_SHOW_MIN": 10,
    # A KIM home's "Terpopuler": this many posts, by views in the last KIM_REACH_POPULAR_DAYS days.
    "KIM_REACH_POPULAR_COUNT": 5,
    "KIM_REACH_POPULAR_DAYS": 30,
    # --- Operations ---
    # While the database cannot be reached, every page answers 503 with this Retry-After (kimcms/errors.py).
    "KIM_DATABASE_RETRY_AFTER": 10,
    # After one failed call to the object store, each process fails at once for this many seconds.
    "KIM_S3_FAILFAST_SECONDS": 15,
    # A task RUNNING longer than this is taken for the task of a dead worker and run again.
    "KIM_TASK_LEASE_SECONDS": 900,
    # /readyz: the queue is degraded past this many waiting tasks; the media storage is checked.
    "KIM_READY_QUEUE_DEPTH_WARN": 1000,
    "KIM_READY_CHECK_STORAGE": True,
    # --- Mail: the outbox and its delivery (kim_sites/mail.py) ---
    "KIM_EMAIL_DELIVERY_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    # A failed attempt is retried after 30 s, then 60 s, 120 s... at most an hour apart, until sent.
    "KIM_MAIL_RETRY_SECONDS": 30,
    "KIM_MAIL_RETRY_MAX_SECONDS": 3600,
    # After a failed attempt, a worker holds its next deliveries this long rather than time out on each.
    "KIM_MAIL_PAUSE_SECONDS": 30,
    # `recover_tasks` re-enqueues a due message whose queued attempt is this many seconds overdue.
    "KIM_MAIL_RECOVER_AFTER_SECONDS": 300,
}


class KimSettings:
    """`kim_settings.KIM_X`: the project's setting, or its default here. Unknown names fail."""

    def __getattr__(self, name):
        try:
            default = DEFAULTS[name]
        except KeyError:
            raise AttributeError(f"{name} is not a KIM setting (kim_sites/conf.py)") from None
        return getattr(settings, name, default)


kim_settings = KimSettings()
