"""gunicorn configuration of a KIM CMS node (docs/deploy.md).

Started by deploy/systemd/kimcms-web.service with the socket of kimcms-web.socket, so that
restarting or upgrading gunicorn never closes the listening socket: connections that arrive
meanwhile wait in systemd's backlog and are served by the new processes, instead of being reset.
Everything here can be overridden from /etc/kimcms/kimcms.env (GUNICORN_*).
"""

import multiprocessing
import os


def env_int(name, default):
    return int(os.environ.get(name) or default)


wsgi_app = "kimcms.wsgi:application"

# Ignored when systemd passes the socket (LISTEN_FDS); used when gunicorn is started by hand.
bind = os.environ.get("GUNICORN_BIND", "unix:/run/kimcms/gunicorn.sock").split(",")
# Queued connections while every worker is busy; nginx retries another node past this.
backlog = env_int("GUNICORN_BACKLOG", 2048)

# Synchronous workers, 2 per CPU + 1: requests are short and mostly wait on PostgreSQL and Redis.
workers = env_int("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1)
threads = env_int("GUNICORN_THREADS", 1)
# A worker is recycled after this many requests (with jitter, so not all at once): bounded memory.
max_requests = env_int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = env_int("GUNICORN_MAX_REQUESTS_JITTER", 200)

# A request taking longer is killed (and the worker replaced). Every outbound call of the app
# (database, Redis, S3, SMTP from the task queue) must time out well before this.
timeout = env_int("GUNICORN_TIMEOUT", 30)
# On SIGTERM or a reload (SIGHUP), workers finish the requests they hold within this time.
graceful_timeout = env_int("GUNICORN_GRACEFUL_TIMEOUT", 25)
# nginx keeps connections to the nodes open (upstream keepalive): longer than nginx's idle time.
keepalive = env_int("GUNICORN_KEEPALIVE", 75)

# The application is loaded once, in the master, and workers are forked from it: a worker that
# dies (killed, recycled by max_requests) is replaced in milliseconds instead of the seconds that
# importing Django and Wagtail takes. New code therefore needs a restart, not a reload:
# `systemctl restart kimcms-web` (connections wait on systemd's socket meanwhile, see docs/deploy.md).
preload_app = True

# X-Forwarded-Proto and X-Forwarded-For are trusted from nginx only (on the same machine by default;
# list the load balancer's addresses when it is elsewhere). Django reads them through
# SECURE_PROXY_SSL_HEADER and TRUSTED_PROXY_COUNT.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Logs on stderr/stdout, collected by journald; JSON lines with the request id (kimcms/logs.py).
# GUNICORN_ACCESSLOG= (empty) turns the access log off, e.g. when nginx's is enough.
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None
errorlog = os.environ.get("GUNICORN_ERRORLOG", "-")
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
# Used when GUNICORN_LOG_FORMAT=text (the JSON formatter reads the same fields as data).
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms host=%({host}i)s request_id=%({x-request-id}o)s'
if os.environ.get("GUNICORN_LOG_FORMAT", "json") == "json":
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        # The application's own loggers are configured by Django (LOGGING in kimcms/settings).
        "root": {"handlers": [], "level": "WARNING"},
        "formatters": {"json": {"()": "kimcms.logs.JsonFormatter"}},
        "handlers": {
            "error": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"},
            "access": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stdout"},
        },
        "loggers": {
            "gunicorn.error": {"handlers": ["error"], "level": loglevel.upper(), "propagate": False},
            "gunicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
        },
    }

proc_name = os.environ.get("GUNICORN_PROC_NAME", "kimcms")
# Worker heartbeat files in memory, not on a possibly slow disk.
worker_tmp_dir = "/dev/shm"  # nosec B108  # gunicorn's own heartbeat files, as its docs advise
# gunicorn's control socket (`gunicornc`) only where asked for: two nodes on one machine would
# otherwise share its default path.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
control_socket_disable = not control_socket
