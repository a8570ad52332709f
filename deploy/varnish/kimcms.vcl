# Varnish in front of the app nodes: /etc/varnish/kimcms.vcl (docs/deploy.md, "HTTP cache").
#
# nginx keeps TLS, static files and media, and sends here only the GET and HEAD requests of the
# public sites (deploy/nginx/kimcms.conf); the admin and every POST go from nginx to the app.
# Varnish stores only what the app itself marked `public` (kim_sites/scale/page_cache.py, which applies
# the same rules to its Redis page cache) and nothing that sets a cookie, is private or no-store
# (Wagtail's view restrictions, the suspension page, /healthz, /readyz), or answers a request that
# carries the session cookie or Authorization. Its keys are host + path + query string (+ scheme).
# Purges come from the app's task queue (kim_sites/scale/frontend_cache.py): PURGE drops every variant
# of one path on one host, BAN a whole Site (a new post, a suspension, a site-settings change).
vcl 4.1;

import directors;
import std;

# /healthz answers on any host without touching the database: a node is in service while its
# gunicorn answers.
probe kimcms_health {
    .request = "GET /healthz HTTP/1.1"
               "Host: localhost"
               "User-Agent: varnish-probe"
               "Connection: close";
    .interval = 2s;
    .timeout = 2s;
    .window = 3;
    .threshold = 2;
    .initial = 2;
}

# The app nodes. One node: gunicorn's socket on this machine (kimcms-web.socket, group varnish).
# Several: one backend per node (`.host = "10.0.0.11"; .port = "8000";`), each added below.
backend node1 {
    .path = "/run/kimcms/gunicorn.sock";
    .probe = kimcms_health;
    # As nginx's: shorter than the visitor's patience, longer than gunicorn's 30 s.
    .connect_timeout = 3s;
    .first_byte_timeout = 35s;
    .between_bytes_timeout = 35s;
}

sub vcl_init {
    new app = directors.round_robin();
    app.add_backend(node1);
}

# Who may purge: this machine and the app nodes (their task workers send the purges).
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    set req.backend_hint = app.backend();
    # Varnish appended nginx's address to X-Forwarded-For: drop it, so that the app sees the header
    # as nginx wrote it and TRUSTED_PROXY_COUNT stays the number of proxies that append (nginx: 1).
    if (req.http.X-Forwarded-For ~ ",") {
        set req.http.X-Forwarded-For = regsub(req.http.X-Forwarded-For, ",\s*[^,]*$", "");
    }
    set req.http.Host = std.tolower(req.http.Host);

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # Every variant of the path on this host, whatever its query string (?page=2, ?tag=...).
        if (!std.ban("obj.http.X-Kim-Host == " + req.http.Host + " && obj.http.X-Kim-Path == " + regsub(req.url, "\?.*$", ""))) {
            return (synth(400, std.ban_error()));
        }
        return (synth(200, "Purged"));
    }
    if (req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # A Site, by the id the app put on each of its stored responses; everything; or a host.
        if (req.http.X-Kim-Ban == "all") {
            std.ban("obj.status != 0");
        } else if (req.http.X-Kim-Ban-Site ~ "^[0-9]+$") {
            std.ban("obj.http.X-Kim-Site == " + req.http.X-Kim-Ban-Site);
        } else if (!std.ban("obj.http.X-Kim-Host == " + req.http.Host)) {
            return (synth(400, std.ban_error()));
        }
        return (synth(200, "Banned"));
    }

    set req.http.X-Kim-Front = "pass";
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # People who signed in (editors, moderators, a visitor who gave a page's password) and API clients.
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Never stored, even if a response said otherwise: the admin, documents (may be private), search,
    # activation links, the aspiration form, the health endpoints, the reach beacon (a POST, passed
    # above anyway); with or without a language prefix.
    if (req.url ~ "^/([a-z]{2}(-[a-z]+)?/)?(admin|documents|search|cari|aktivasi|aspirasi|healthz|readyz|static|media|_bench|_dibaca)(/|\?|$)") {
        return (pass);
    }
    # The app's stored pages never depend on other cookies (kim_sites/scale/page_cache.py keys them
    # without): the CSRF or language cookie of an anonymous visitor does not make a page private.
    unset req.http.Cookie;
    set req.http.X-Kim-Front = "miss";
    return (hash);
}

sub vcl_hash {
    hash_data(req.http.Host);
    hash_data(req.url);
    # https in production; the benchmark's plain-HTTP listener must not share entries with it.
    hash_data(req.http.X-Forwarded-Proto);
    return (lookup);
}

sub vcl_hit {
    set req.http.X-Kim-Front = "hit";
}

sub vcl_backend_fetch {
    unset bereq.http.X-Kim-Front;
}

sub vcl_backend_response {
    # For PURGE and BAN: which host and path an object is (matched by the ban lurker, in the background).
    set beresp.http.X-Kim-Host = bereq.http.Host;
    set beresp.http.X-Kim-Path = regsub(bereq.url, "\?.*$", "");
    if (bereq.uncacheable) {
        return (deliver);
    }
    # Stored only what the app's page cache stored (it names the Site), public, and nothing says otherwise.
    if (beresp.status != 200
        || !beresp.http.X-Kim-Site
        || beresp.http.Set-Cookie
        || beresp.http.Cache-Control !~ "(?i)\bpublic\b"
        || beresp.http.Cache-Control ~ "(?i)(private|no-store|no-cache)"
        || beresp.http.Vary ~ "\*") {
        # Hit-for-miss: the next request goes to the app at once, and may be stored if it allows.
        set beresp.uncacheable = true;
        set beresp.ttl = 60s;
        return (deliver);
    }
    # The app's stored pages do not vary on these (the page cache keys them without), so neither
    # do Varnish's: one entry per URL, not one per browser language.
    if (beresp.http.Vary) {
        set beresp.http.Vary = regsuball(beresp.http.Vary, "(?i)(^|,)\s*(cookie|accept-language)\s*(?=,|$)", "");
        set beresp.http.Vary = regsub(beresp.http.Vary, "^\s*,\s*", "");
        if (beresp.http.Vary == "") {
            unset beresp.http.Vary;
        }
    }
    # The TTL is the app's s-maxage (KIM_PAGE_CACHE_CONTROL); purges drop entries long before it.
    # A short grace: a page a few seconds past its TTL is served while a fresh copy is fetched.
    set beresp.grace = 10s;
    return (deliver);
}

sub vcl_backend_error {
    # A node that refused, reset or dropped the connection: try the next one, as nginx does, for
    # requests that are safe to repeat.
    if (bereq.retries < 1 && (bereq.method == "GET" || bereq.method == "HEAD")) {
        return (retry);
    }
}

sub vcl_deliver {
    unset resp.http.X-Kim-Host;
    unset resp.http.X-Kim-Path;
    unset resp.http.X-Kim-Site;
    set resp.http.X-Cache = req.http.X-Kim-Front;
    # A stored answer carries the id of the request that made it: give this request's own (nginx's).
    if (req.http.X-Request-ID) {
        set resp.http.X-Request-ID = req.http.X-Request-ID;
    }
    unset req.http.X-Kim-Front;
}
