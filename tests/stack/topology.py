"""The production topology on loopback, booted from the deploy/ files themselves.

nginx (Debian's package) with Varnish (Debian's package) behind it, in front of two gunicorn nodes
on the production settings, their own
PostgreSQL cluster and Redis on free ports (never the machine's 5432 and 6379), moto's S3 server,
aiosmtpd catching the mail, the task worker and the scheduler. Every command is the one the
systemd units run (deploy/systemd/*.service), with the server's paths replaced by this run's.
"""

import glob
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import boto3
import requests
import urllib3

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
VENV_BIN = Path(sys.executable).parent
BASE_DOMAIN = "stack.test"
BUCKET = "kim-stack-media"
PASSWORD = "Rahasia-Stack-2026"

urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(check, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except Exception:  # noqa: BLE001, S110  not up yet
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{what} not up after {timeout} s")


def resolve_stack_hosts_to_loopback():
    """Every *.stack.test name is 127.0.0.1 for this process, as DNS would make it for a browser:
    URLs, TLS server names (SNI) and cookies then work as on a real server."""
    original = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):
        if isinstance(host, str) and (host == BASE_DOMAIN or host.endswith(f".{BASE_DOMAIN}")):
            host = "127.0.0.1"
        return original(host, *args, **kwargs)

    socket.getaddrinfo = getaddrinfo
    return original


def port_open(port):
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def server_command(line, instance="1"):
    """An ExecStart line of a unit, with this checkout and virtualenv instead of /srv/kimcms."""
    line = line.replace("/srv/kimcms/venv/bin/", f"{VENV_BIN}/").replace("/srv/kimcms/app/", f"{ROOT}/")
    line = line.replace("%H", socket.gethostname()).replace("%i", instance)
    return shlex.split(line)


def unit_exec_lines(name):
    text = (DEPLOY / "systemd" / name).read_text()
    return [line.split("=", 1)[1] for line in text.splitlines() if line.startswith("ExecStart=")]


def replace_exactly(text, old, new):
    assert old in text, f"deploy file changed: {old!r} not found"
    return text.replace(old, new)


class Stack:
    def __init__(self, bench=False):
        # The benchmark also listens on plain HTTP (wrk names no TLS server), without the HTTPS redirect.
        self.bench = bench
        self.fault_active = False
        self.dir = Path(tempfile.mkdtemp(prefix="kim-stack-"))
        self.dir.chmod(0o755)
        self.procs = {}
        self.logs = self.dir / "logs"
        self.logs.mkdir()
        self.ports = {
            name: free_port()
            for name in (
                "pg",
                "redis",
                "s3",
                "smtp",
                "node_a",
                "node_b",
                "node_r",
                "node_s",
                "http",
                "https",
                "bench",
                "varnish",
                "varnish_admin",
            )
        }
        self.pg_bin = Path(sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))[-1])
        self.maildir = self.dir / "mail"
        self.env = self.app_env()

    # --- environment ------------------------------------------------------------------------------

    def app_env(self, database="kimstack", bucket=BUCKET, cache_prefix="kimstack"):
        env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "KIM_"))}
        env.update(
            DJANGO_SETTINGS_MODULE="kimcms.settings.production",
            SECRET_KEY=secrets.token_urlsafe(64),
            ALLOWED_HOSTS=f"{BASE_DOMAIN},.{BASE_DOMAIN}",
            KIM_BASE_DOMAIN=BASE_DOMAIN,
            PORTAL_HOSTNAME=BASE_DOMAIN,
            KIM_SITE_PORT="443",
            WAGTAILADMIN_BASE_URL=f"https://{BASE_DOMAIN}",
            TRUSTED_PROXY_COUNT="1",
            DATABASE_URL=f"postgres://postgres@127.0.0.1:{self.ports['pg']}/{database}",
            REDIS_URL=f"redis://127.0.0.1:{self.ports['redis']}/0",
            CACHE_KEY_PREFIX=cache_prefix,
            STATIC_ROOT=str(self.dir / "static"),
            MEDIA_ROOT=str(self.dir / "media"),
            AWS_STORAGE_BUCKET_NAME=bucket,
            AWS_S3_ENDPOINT_URL=f"http://127.0.0.1:{self.ports['s3']}",
            AWS_S3_REGION_NAME="us-east-1",
            AWS_ACCESS_KEY_ID="stack",
            AWS_SECRET_ACCESS_KEY="stack-secret",
            FRONTEND_CACHE_URL=f"http://127.0.0.1:{self.ports['varnish']}",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(self.ports["smtp"]),
            EMAIL_USE_TLS="false",
            # Retries of mail after an SMTP outage in seconds, not the production's 30 s and more.
            MAIL_RETRY_SECONDS="2",
            MAIL_PAUSE_SECONDS="2",
            GUNICORN_WORKERS="2",
            GUNICORN_FORWARDED_ALLOW_IPS="127.0.0.1",
            LOG_LEVEL="WARNING",
            TASKS_LOG_LEVEL="INFO",
            PYTHONUNBUFFERED="1",
        )
        if self.bench:
            env.update(
                SECURE_SSL_REDIRECT="false", GUNICORN_WORKERS="2", GUNICORN_ACCESSLOG="", GUNICORN_LOGLEVEL="warning"
            )
        return env

    # --- processes ------------------------------------------------------------------------------

    def spawn(self, name, argv, env=None, **kwargs):
        log = open(self.logs / f"{name}.log", "ab")  # noqa: SIM115  closed with the process
        proc = subprocess.Popen(
            argv, stdout=log, stderr=subprocess.STDOUT, env=env or self.env, cwd=ROOT, start_new_session=True, **kwargs
        )  # noqa: S603
        self.procs[name] = proc
        return proc

    def stop(self, name, sig=signal.SIGTERM, timeout=15):
        proc = self.procs.pop(name, None)
        if proc is None or proc.poll() is not None:
            return
        proc.send_signal(sig)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(5)

    def manage(self, *args, env=None, check=True, timeout=300):
        result = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env or self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if check and result.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)}: {result.stdout}\n{result.stderr}")
        return result

    def as_postgres(self, argv):
        # PostgreSQL refuses to run as root: its own cluster runs as the postgres user.
        return ["runuser", "-u", "postgres", "--", *argv] if os.geteuid() == 0 else argv

    # PostgreSQL
    def start_postgres(self):
        data = self.dir / "pg"
        if not data.exists():
            data.mkdir()
            if os.geteuid() == 0:
                shutil.chown(data, "postgres", "postgres")
            subprocess.run(  # noqa: S603
                self.as_postgres(
                    [
                        str(self.pg_bin / "initdb"),
                        "-D",
                        str(data),
                        "-U",
                        "postgres",
                        "-A",
                        "trust",
                        "-E",
                        "UTF8",
                        "--no-sync",
                        "--no-locale",
                    ]
                ),
                check=True,
                capture_output=True,
            )
        options = f"-p {self.ports['pg']} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off"
        subprocess.run(  # noqa: S603
            self.as_postgres(
                [
                    str(self.pg_bin / "pg_ctl"),
                    "-D",
                    str(data),
                    "-l",
                    str(data / "server.log"),
                    "-o",
                    options,
                    "-w",
                    "-t",
                    "30",
                    "start",
                ]
            ),
            check=True,
            capture_output=True,
        )
        self.fault_active = False

    def stop_postgres(self, mode="fast"):
        self.fault_active = True
        subprocess.run(  # noqa: S603
            self.as_postgres(
                [str(self.pg_bin / "pg_ctl"), "-D", str(self.dir / "pg"), "-m", mode, "-w", "-t", "30", "stop"]
            ),
            check=False,
            capture_output=True,
        )

    def psql(self, sql, database="postgres"):
        return subprocess.run(  # noqa: S603
            [
                str(self.pg_bin / "psql"),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.ports["pg"]),
                "-U",
                "postgres",
                "-d",
                database,
                "-Atqc",
                sql,
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()

    # Redis
    def start_redis(self):
        argv = [
            "redis-server",
            "--port",
            str(self.ports["redis"]),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(self.dir),
        ]
        self.spawn("redis", argv)
        wait_until(lambda: port_open(self.ports["redis"]), 10, "redis")
        self.fault_active = False

    def stop_redis(self):
        self.fault_active = True
        self.stop("redis", signal.SIGKILL)

    def hang_redis(self):
        """Redis stops answering and keeps its data (SIGSTOP), as a stuck or overloaded server."""
        self.fault_active = True
        self.procs["redis"].send_signal(signal.SIGSTOP)

    def resume_redis(self):
        self.procs["redis"].send_signal(signal.SIGCONT)
        self.fault_active = False

    # S3 and SMTP
    def start_s3(self):
        self.spawn("s3", [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.ports["s3"])])
        wait_until(lambda: port_open(self.ports["s3"]), 30, "moto")

    def s3(self):
        return boto3.client(
            "s3",
            endpoint_url=self.env["AWS_S3_ENDPOINT_URL"],
            region_name="us-east-1",
            aws_access_key_id="stack",
            aws_secret_access_key="stack-secret",
        )

    def start_smtp(self):
        for folder in ("tmp", "new", "cur"):
            (self.maildir / folder).mkdir(parents=True, exist_ok=True)
        self.spawn(
            "smtp",
            [
                sys.executable,
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                f"127.0.0.1:{self.ports['smtp']}",
                "-c",
                "aiosmtpd.handlers.Mailbox",
                str(self.maildir),
            ],
        )
        smtp = self.procs["smtp"]
        wait_until(lambda: smtp.poll() is None and port_open(self.ports["smtp"]), 15, "smtp")
        time.sleep(0.2)
        assert smtp.poll() is None, f"the SMTP server ended: {(self.logs / 'smtp.log').read_text()[-500:]}"

    # The application
    def start_node(self, name, env=None):
        [line] = unit_exec_lines("kimcms-web.service")
        env = dict(env or self.env, GUNICORN_BIND=f"127.0.0.1:{self.ports[name]}", GUNICORN_PROC_NAME=f"kimcms-{name}")
        self.spawn(name, server_command(line), env=env)
        wait_until(lambda: self.node_get(name, "/healthz").status_code == 200, 60, name)

    def start_node_on_socket(self, name, listener):
        """A node on a socket it did not open, as kimcms-web.socket hands it over (systemd's
        LISTEN_FDS protocol, fd 3): the socket outlives the gunicorn that serves it."""
        [line] = unit_exec_lines("kimcms-web.service")
        command = " ".join(shlex.quote(part) for part in server_command(line))
        fd = listener.fileno()
        script = (
            f"exec 3<&{fd}; LISTEN_PID=$$ LISTEN_FDS=1 exec {command}"
            if fd != 3
            else f"LISTEN_PID=$$ LISTEN_FDS=1 exec {command}"
        )
        env = dict(self.env, GUNICORN_PROC_NAME=f"kimcms-{name}")
        self.spawn(name, ["sh", "-c", script], env=env, pass_fds=(fd,))

    def start_worker(self):
        [line] = unit_exec_lines("kimcms-worker@.service")
        self.spawn("worker", server_command(line))
        self.worker_starts = getattr(self, "worker_starts", 0) + 1

    def supervise_worker(self):
        """The unit's Restart=always, as systemd applies it: a worker that ends is started again."""
        unit = (DEPLOY / "systemd" / "kimcms-worker@.service").read_text()
        assert "Restart=always" in unit
        delay = float(re.search(r"^RestartSec=(\d+)", unit, re.MULTILINE).group(1))
        self.supervisor_stop = threading.Event()

        def loop():
            while not self.supervisor_stop.wait(delay):
                worker = self.procs.get("worker")
                if worker is not None and worker.poll() is not None:
                    self.start_worker()

        threading.Thread(target=loop, daemon=True).start()

    def start_scheduler(self):
        """systemd's timers, as a loop: the minutely job every few seconds, for a short test."""
        [line] = unit_exec_lines("kimcms-publish-scheduled.service")
        self.scheduler_runs = self.scheduler_failures = 0
        self.scheduler_stop = threading.Event()

        def loop():
            while not self.scheduler_stop.wait(5):
                result = subprocess.run(  # noqa: S603
                    server_command(line), cwd=ROOT, env=self.env, capture_output=True, timeout=60, check=False
                )
                self.scheduler_runs += 1
                # Runs during an injected fault fail by design; only the others count.
                if result.returncode and not self.fault_active:
                    self.scheduler_failures += 1

        self.scheduler = threading.Thread(target=loop, daemon=True)
        self.scheduler.start()

    # nginx
    def nginx_site(self):
        site = (DEPLOY / "nginx/kimcms.conf").read_text()
        http, https = self.ports["http"], self.ports["https"]
        upstream = f"server 127.0.0.1:{self.ports['node_a']} max_fails=1 fail_timeout=2s;\n    server 127.0.0.1:{self.ports['node_b']} max_fails=1 fail_timeout=2s;"
        backup = f"server 127.0.0.1:{self.ports['node_a']} backup;\n    server 127.0.0.1:{self.ports['node_b']} backup;"
        for old, new in [
            ("server unix:/run/kimcms/gunicorn.sock fail_timeout=0;", upstream),
            ("server unix:/run/kimcms/gunicorn.sock backup;", backup),
            ("server 127.0.0.1:6081 ", f"server 127.0.0.1:{self.ports['varnish']} "),
            ("listen [::]:80 default_server;\n", ""),
            ("listen [::]:443 ssl default_server;\n", ""),
            ("listen [::]:443 ssl http2;\n", ""),
            ("listen [::]:80;\n", ""),
            ("listen 80 default_server;", f"listen 127.0.0.1:{http} default_server;"),
            ("listen 443 ssl default_server;", f"listen 127.0.0.1:{https} ssl default_server;"),
            ("listen 443 ssl http2;", f"listen 127.0.0.1:{https} ssl http2;"),
            ("listen 80;", f"listen 127.0.0.1:{http};"),
            ("kim.babelprov.go.id", BASE_DOMAIN),
            ("/etc/ssl/kimcms/", f"{self.dir}/tls/"),
            ("/srv/kimcms/static/", f"{self.dir}/static/"),
            ("/srv/kimcms/media/", f"{self.dir}/media/"),
            ("/var/log/nginx/", f"{self.logs}/"),
            ("/var/www/letsencrypt", f"{self.dir}/acme"),
            ("include /etc/nginx/kimcms-proxy.conf;", f"include {self.dir}/kimcms-proxy.conf;"),
        ]:
            site = replace_exactly(site, old, new)
        assert not re.search(r"listen (\[::\]:)?(80|443)\b", site), "a listen line was not templated"
        if self.bench:
            https_listen = f"listen 127.0.0.1:{https} ssl http2;"
            site = replace_exactly(site, https_listen, f"{https_listen}\n    listen 127.0.0.1:{self.ports['bench']};")
        return site

    # Varnish
    def varnish_vcl(self):
        vcl = (DEPLOY / "varnish/kimcms.vcl").read_text()
        block = re.search(r"^backend node1 \{\n.*?^\}\n", vcl, re.MULTILINE | re.DOTALL).group(0)
        backends = "".join(
            block.replace("backend node1", f"backend {name}").replace(
                '.path = "/run/kimcms/gunicorn.sock";', f'.host = "127.0.0.1";\n    .port = "{self.ports[name]}";'
            )
            for name in ("node_a", "node_b")
        )
        vcl = replace_exactly(vcl, block, backends)
        return replace_exactly(vcl, "app.add_backend(node1);", "app.add_backend(node_a);\n    app.add_backend(node_b);")

    def varnish_command(self):
        """The drop-in's ExecStart, with this run's ports and files."""
        [line] = [
            line.split("=", 1)[1]
            for line in (DEPLOY / "varnish/varnish.service.d/kimcms.conf").read_text().splitlines()
            if line.startswith("ExecStart=") and line.strip() != "ExecStart="
        ]
        for old, new in [
            ("-a 127.0.0.1:6081", f"-a 127.0.0.1:{self.ports['varnish']}"),
            ("-T localhost:6082", f"-T 127.0.0.1:{self.ports['varnish_admin']}"),
            ("-f /etc/varnish/kimcms.vcl", f"-f {self.dir}/kimcms.vcl -n {self.varnish_dir}"),
            ("-S /etc/varnish/secret", f"-S {self.dir}/varnish-secret"),
            ("-s malloc,256m", "-s malloc,64m"),
        ]:
            line = replace_exactly(line, old, new)
        if os.geteuid() != 0:
            line = replace_exactly(line, "-j unix,user=vcache", "-j none")
        return shlex.split(line)

    def start_varnish(self):
        assert shutil.which("varnishd") or Path("/usr/sbin/varnishd").exists(), "apt-get install -y varnish"
        self.varnish_dir = self.dir / "varnish"
        (self.dir / "kimcms.vcl").write_text(self.varnish_vcl())
        secret = self.dir / "varnish-secret"
        secret.write_text(secrets.token_hex(16))
        secret.chmod(0o600)
        self.spawn("varnish", self.varnish_command())
        wait_until(lambda: port_open(self.ports["varnish"]), 30, "varnish")

    def varnishstat(self, *fields):
        """Counters of the stack's Varnish (varnishstat -j), by name (MAIN.cache_hit...)."""
        out = subprocess.run(  # noqa: S603
            ["varnishstat", "-n", str(self.varnish_dir), "-1", "-j", *(arg for f in fields for arg in ("-f", f))],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        counters = json.loads(out).get("counters", {})
        return {name: counters[name]["value"] for name in fields if name in counters}

    def start_nginx(self):
        tls = self.dir / "tls"
        tls.mkdir()
        subprocess.run(  # noqa: S603
            [
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-subj",
                f"/CN={BASE_DOMAIN}",
                "-addext",
                f"subjectAltName=DNS:{BASE_DOMAIN},DNS:*.{BASE_DOMAIN}",
                "-keyout",
                str(tls / "privkey.pem"),
                "-out",
                str(tls / "fullchain.pem"),
            ],
            check=True,
            capture_output=True,
        )
        shutil.copy(DEPLOY / "nginx/kimcms-proxy.conf", self.dir / "kimcms-proxy.conf")
        (self.dir / "kimcms.conf").write_text(self.nginx_site())
        user = "user root root;\n" if os.geteuid() == 0 else ""
        (self.dir / "nginx.conf").write_text(
            f"{user}worker_processes 2;\npid {self.dir}/nginx.pid;\nerror_log {self.logs}/nginx-error.log warn;\n"
            "events { worker_connections 1024; }\n"
            "http {\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n  sendfile on;\n"
            f"  client_body_temp_path {self.dir}/nginx-body;\n  proxy_temp_path {self.dir}/nginx-proxy;\n"
            f"  fastcgi_temp_path {self.dir}/nginx-fcgi;\n  uwsgi_temp_path {self.dir}/nginx-uwsgi;\n  scgi_temp_path {self.dir}/nginx-scgi;\n"
            f"  access_log off;\n  include {self.dir}/kimcms.conf;\n}}\n"
        )
        argv = ["/usr/sbin/nginx", "-p", str(self.dir), "-c", str(self.dir / "nginx.conf")]
        subprocess.run([*argv, "-t"], check=True, capture_output=True)  # noqa: S603
        self.spawn("nginx", [*argv, "-g", "daemon off;"])
        wait_until(lambda: port_open(self.ports["https"]), 10, "nginx")

    # --- the whole topology ---------------------------------------------------------------------

    def boot(self):
        self.original_getaddrinfo = resolve_stack_hosts_to_loopback()
        self.start_postgres()
        self.psql("CREATE DATABASE kimstack")
        self.start_redis()
        self.start_s3()
        self.s3().create_bucket(Bucket=BUCKET)
        self.start_smtp()
        # docs/deploy.md, "First start": the same commands.
        self.manage("migrate", "--no-input", "-v", "0")
        self.manage("createcachetable")
        self.manage("collectstatic", "--no-input", "-v", "0")
        self.manage("compile_translations")
        self.start_node("node_a")
        self.start_node("node_b")
        self.start_worker()
        self.supervise_worker()
        self.start_scheduler()
        self.start_varnish()
        self.start_nginx()

    def shutdown(self):
        for event in ("scheduler_stop", "supervisor_stop"):
            if getattr(self, event, None):
                getattr(self, event).set()
        for name in list(self.procs):
            self.stop(name, timeout=10)
        self.stop_postgres("immediate")
        if getattr(self, "original_getaddrinfo", None):
            socket.getaddrinfo = self.original_getaddrinfo

    # --- HTTP -----------------------------------------------------------------------------------

    def url(self, path, node=None, host=BASE_DOMAIN):
        if node is None:
            return f"https://{host}:{self.ports['https']}{path}"
        return f"http://127.0.0.1:{self.ports[node]}{path}"

    def query(self, code):
        """A value read from the stack's database by the app's own models (one JSON line printed)."""
        result = self.manage("shell", "-c", f"import json\n{code}")
        return json.loads(result.stdout.strip().splitlines()[-1])

    def node_pids(self, node):
        """The gunicorn worker processes of a node (children of its master)."""
        master = self.procs[node].pid
        out = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True, check=False).stdout  # noqa: S603, S607
        return [int(pid) for pid in out.split()]

    def node_get(self, node, path, host=BASE_DOMAIN, session=None, **kwargs):
        """Straight to one gunicorn node, as nginx would call it (HTTPS said by X-Forwarded-Proto)."""
        headers = {"Host": host, "X-Forwarded-Proto": "https", **kwargs.pop("headers", {})}
        return (session or requests).get(
            self.url(path, node, host), headers=headers, timeout=10, allow_redirects=False, **kwargs
        )
