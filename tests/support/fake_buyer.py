"""A stand-in for the buyer's procurement system: a real HTTP(S) endpoint on loopback.

It receives what the gateway sends back (cXML documents from the outbox, PunchOutOrderMessage
and OCI form posts from the browser) and answers the way real systems do, per `mode`:
  accept    HTTP 200 with a cXML Response, Status 200
  reject    HTTP 200 with a cXML Response, Status 400 (a permanent refusal)
  fail-html HTTP 500 with an HTML error page (transient: must be retried)
  garbage   HTTP 200 with a body that is not cXML (transient)
  hang      reads the request and answers nothing until `hang_seconds` pass
"""
import datetime
import http.server
import socketserver
import ssl
import threading
import time
import urllib.parse

RESPONSE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.071/cXML.dtd">
<cXML payloadID="{pid}@buyer.example" timestamp="{ts}" xml:lang="en-US">
<Response><Status code="{code}" text="{text}">{message}</Status></Response>
</cXML>"""


class Received:
    def __init__(self, method, path, headers, body):
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
        self.time = time.time()

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")

    def form(self):
        """The body as an HTML form (list of (name, value), order kept)."""
        return urllib.parse.parse_qsl(self.text, keep_blank_values=True)


class FakeBuyer:
    def __init__(self, mode="accept", tls_cert=None, tls_key=None):
        self.mode = mode
        self.hang_seconds = 10
        self.received = []
        self.lock = threading.Lock()
        self.cond = threading.Condition(self.lock)
        buyer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                self.answer(200, "text/html", b"<html><body>buyer system</body></html>")

            def do_POST(self):
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                rec = Received("POST", self.path, dict(self.headers.items()), body)
                with buyer.cond:
                    buyer.received.append(rec)
                    buyer.cond.notify_all()
                mode = buyer.mode
                if mode == "hang":
                    time.sleep(buyer.hang_seconds)
                    self.close_connection = True
                    return
                if mode == "fail-html":
                    return self.answer(500, "text/html",
                                       b"<html><body><h1>500 Internal Server Error</h1></body></html>")
                if mode == "garbage":
                    return self.answer(200, "text/plain", b"OK thanks")
                code, text = (200, "OK") if mode == "accept" else (400, "Bad Request")
                message = "" if mode == "accept" else "Unknown order reference"
                doc = RESPONSE.format(pid=int(time.time() * 1e6), code=code, text=text,
                                      message=message,
                                      ts=datetime.datetime.now().astimezone().isoformat(timespec="seconds"))
                self.answer(200, "text/xml; charset=UTF-8", doc.encode())

            def answer(self, status, ctype, body):
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
            daemon_threads = True
            allow_reuse_address = True

        self.server = Server(("127.0.0.1", 0), Handler)
        self.scheme = "http"
        if tls_cert:
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(str(tls_cert), str(tls_key))
            self.server.socket = ctx.wrap_socket(self.server.socket, server_side=True)
            self.scheme = "https"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self):
        host, port = self.server.server_address[:2]
        return f"{self.scheme}://{host}:{port}"

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def wait_for(self, count, timeout=30):
        """Waits until at least `count` requests arrived; returns them all."""
        deadline = time.time() + timeout
        with self.cond:
            while len(self.received) < count:
                left = deadline - time.time()
                if left <= 0:
                    raise AssertionError(f"buyer got {len(self.received)} posts, expected {count}")
                self.cond.wait(left)
            return list(self.received)
