"""Runs the real punchout-gateway and punchoutctl binaries against a fresh SQLite file."""
import http.client
import json
import os
import pathlib
import shutil
import signal
import ssl
import subprocess
import tempfile
import threading
import time
import urllib.parse

from . import paths

SUPPLIER_CREDENTIAL = ("DUNS", "555000111")
SUPPLIER_SECRET = "supplier-outbound-secret"


def make_self_signed_cert(folder):
    """A throwaway certificate for 127.0.0.1/localhost; returns (cert, key) paths."""
    folder = pathlib.Path(folder)
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
        check=True, capture_output=True)
    return cert, key


class Workspace:
    """A temporary folder with a database made by `punchoutctl init`."""

    def __init__(self, name="e2e"):
        self.dir = pathlib.Path(tempfile.mkdtemp(prefix=f"punchout-{name}-"))
        self.db = self.dir / "store.db"
        self.ctl("init")

    def ctl(self, *args, input=None, check=True, json_out=False):
        """Runs punchoutctl --db <this db> ARGS; returns CompletedProcess (or parsed JSON)."""
        cmd = [str(paths.PUNCHOUTCTL), "--db", str(self.db), *map(str, args)]
        if json_out:
            cmd.append("--json")
        r = subprocess.run(cmd, input=input, capture_output=True, text=True, timeout=120)
        if check and r.returncode != 0:
            raise AssertionError(f"{' '.join(cmd)} failed ({r.returncode}):\n{r.stdout}\n{r.stderr}")
        return json.loads(r.stdout) if json_out and r.returncode == 0 else r

    def write(self, name, text):
        path = self.dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def cleanup(self):
        shutil.rmtree(self.dir, ignore_errors=True)


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None


class Gateway:
    """The real gateway on an ephemeral loopback port. Use as a context manager."""

    def __init__(self, workspace, tls=False, config=None, public_url=None, threads=2):
        self.ws = workspace
        self.tls = tls
        self.config = config or {}
        self.public_url = public_url
        self.threads = threads
        self.proc = None
        self.url = None
        self.log_path = self.ws.dir / f"gateway-{int(time.time() * 1000)}.log"

    # -- life cycle ---------------------------------------------------------------------------
    def write_config(self):
        sections = {
            "supplier": {
                "name": "Test Supplier Oy",
                "credential": [f"{SUPPLIER_CREDENTIAL[0]}:{SUPPLIER_CREDENTIAL[1]}"],
                "outbound_secret": SUPPLIER_SECRET,
            },
            "outbox": {"initial_backoff_seconds": "1", "max_backoff_seconds": "2",
                       "timeout_seconds": "3"},
        }
        if self.tls:
            cert, key = make_self_signed_cert(self.ws.dir)
            self.cert = cert
            sections["tls"] = {"certificate": str(cert), "private_key": str(key)}
        for key, value in self.config.items():
            section, name = key.split(".", 1)
            sections.setdefault(section, {})[name] = value
        lines = []
        for section, values in sections.items():
            lines.append(f"[{section}]")
            for name, value in values.items():
                for v in value if isinstance(value, list) else [value]:
                    lines.append(f"{name} = {v}")
        return self.ws.write("gateway.conf", "\n".join(lines) + "\n")

    def start(self, wait_ready=True):
        conf = self.write_config()
        scheme = "https" if self.tls else "http"
        args = [str(paths.GATEWAY), "--db", str(self.ws.db), "--config", str(conf),
                "--listen", f"{scheme}://127.0.0.1:0", "--threads", str(self.threads)]
        if self.public_url:
            args += ["--public-url", self.public_url]
        self.log_file = open(self.log_path, "ab")
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=self.log_file)
        deadline = time.time() + 30
        line = b""
        while time.time() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                break
            if b"listening on " in line:
                self.url = line.decode().split("listening on ", 1)[1].strip()
                break
        if not self.url:
            self.stop()
            raise AssertionError(f"gateway did not start: {line!r}\n{self.log_text()}")
        # Keep draining stdout so the gateway never blocks on a full pipe.
        threading.Thread(target=self.proc.stdout.read, daemon=True).start()
        if wait_ready:
            self.wait_ready()
        return self

    def wait_ready(self, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                if self.get("/healthz").status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.05)
        raise AssertionError("gateway never became ready:\n" + self.log_text())

    def stop(self, sig=signal.SIGTERM, timeout=30):
        """Sends sig and waits; returns the exit code."""
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                raise AssertionError("gateway did not stop within %ss" % timeout)
        self.log_file.close()
        self.proc.stdout.close()
        return self.proc.returncode

    def kill9(self):
        return self.stop(signal.SIGKILL)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        code = self.stop()
        if exc[0] is None and code not in (0, -signal.SIGKILL):
            raise AssertionError(f"gateway exited with {code}:\n{self.log_text()}")

    # -- logs -------------------------------------------------------------------------------
    def log_text(self):
        try:
            return self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def log_events(self):
        events = []
        for line in self.log_text().splitlines():
            try:
                events.append(json.loads(line))
            except ValueError:
                pass
        return events

    # -- HTTP -------------------------------------------------------------------------------
    @property
    def host_port(self):
        parsed = urllib.parse.urlsplit(self.url)
        return parsed.hostname, parsed.port

    def connection(self, timeout=30):
        host, port = self.host_port
        if self.tls:
            ctx = ssl.create_default_context(cafile=str(self.cert))
            return http.client.HTTPSConnection(host, port, timeout=timeout, context=ctx)
        return http.client.HTTPConnection(host, port, timeout=timeout)

    def request(self, method, path, body=None, headers=None, conn=None):
        own = conn is None
        conn = conn or self.connection()
        try:
            conn.request(method, path, body=body, headers=headers or {})
            r = conn.getresponse()
            return Response(r.status, r.getheaders(), r.read())
        finally:
            if own:
                conn.close()

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body, content_type="text/xml; charset=UTF-8", headers=None, **kw):
        h = {"Content-Type": content_type}
        h.update(headers or {})
        if isinstance(body, str):
            body = body.encode("utf-8")
        return self.request("POST", path, body=body, headers=h, **kw)

    def post_cxml(self, document, **kw):
        return self.post("/cxml", document, **kw)


def wait_until(predicate, timeout=30, interval=0.05, message="condition"):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out waiting for {message}")


def cleanup_env():
    # ASan's leak checker reports at exit; the gateway must exit cleanly under it.
    os.environ.setdefault("ASAN_OPTIONS", "detect_leaks=1")
