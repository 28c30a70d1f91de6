"""The integration API's order side through the real gateway (issue 13): the order feed
(GET /api/v1/orders, /api/v1/orders/{id}) reports orders received, updated and cancelled in
commit order, with their lines and accuracy flags, resumable from a cursor; the fulfilment
routes (POST /api/v1/orders/{id}/confirm|ship|invoice|status) do what punchoutctl does,
through the same service code, once per Idempotency-Key, and the buyer receives DTD-valid
documents. Webhooks: a loopback "ERP" receives every order event through the outbox, signed,
while it answers 500 or hangs, with the same id and bytes on every attempt."""
import hashlib
import hmac
import http.client
import http.server
import json
import socket
import socketserver
import threading
import time
import unittest
import uuid

from support import dtd
from support.fake_buyer import FakeBuyer
from support.gateway import Gateway, cleanup_env, wait_until
from support.orders import (DRILL, HEX_BOLT, Orders, body_element, new_workspace, order_request,
                            parse, payload_id, post_order, status_of)

cleanup_env()

PROBLEM = "application/problem+json"


class ApiOrdersTest(unittest.TestCase):
    def setUp(self):
        self.buyer = FakeBuyer("accept").start()
        self.addCleanup(self.buyer.stop)
        self.ws = new_workspace(self.id().rsplit(".", 1)[-1], self.buyer.url + "/cxml/inbound")
        self.addCleanup(self.ws.cleanup)
        self.gw = Gateway(self.ws)
        self.gw.start()
        self.addCleanup(self.gw.stop)
        self.orders = Orders(self.ws, self.ws.dir / "gateway.conf")
        self.erp = self.ws.ctl("api-client", "add", "erp", "--scope", "orders,fulfilment",
                               "--rate-limit", "1000", json_out=True)["token"]
        self.stock_only = self.ws.ctl("api-client", "add", "wms", "--scope", "stock",
                                      json_out=True)["token"]

    def call(self, method, path, body=None, token=None, key=None):
        headers = {"Authorization": "Bearer " + (token or self.erp)}
        if method == "POST":
            headers["Content-Type"] = "application/json"
            if key is not False:
                headers["Idempotency-Key"] = key or f"act-{uuid.uuid4()}"
        data = None if body is None else (body if isinstance(body, bytes)
                                          else json.dumps(body).encode())
        return self.gw.request(method, path, body=data, headers=headers)

    def ok(self, r):
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(r.header("Content-Type"), "application/json")
        return json.loads(r.body)

    def problem(self, r, status):
        self.assertEqual(r.status, status, r.text)
        self.assertEqual(r.header("Content-Type"), PROBLEM)
        doc = json.loads(r.body)
        self.assertEqual(doc["status"], status)
        self.assertTrue(doc["detail"])
        return doc

    def change(self, order_id, kind, lines=None):
        xml, _ = order_request(order_id, lines)
        xml = xml.replace('type="new"', f'type="{kind}"')
        code, _, message = status_of(self.gw.post_cxml(xml).text)
        self.assertEqual(code, 200, message)

    def feed(self, after=None, limit=None, **extra):
        query = []
        if after is not None:
            query.append(f"after={after}")
        if limit is not None:
            query.append(f"limit={limit}")
        query += [f"{k}={v}" for k, v in extra.items()]
        return self.call("GET", "/api/v1/orders" + ("?" + "&".join(query) if query else ""))

    def order_pk(self, order_id):
        for e in self.ok(self.feed(limit=500))["events"]:
            if e["order"]["order_id"] == order_id:
                return e["order"]["id"]
        raise AssertionError(f"{order_id} not in the feed")

    def test_the_feed_pages_through_new_updated_and_cancelled_orders_in_commit_order(self):
        self.assertEqual(self.ok(self.feed()), {"events": [], "next_cursor": "0",
                                                "has_more": False})
        post_order(self.gw, "PO-F1")
        # A price the buyer's contract does not have: the accuracy check flags it.
        post_order(self.gw, "PO-F2", [("HB-M8-40", "11.00", "PK", "2")])
        self.change("PO-F1", "update", [(*HEX_BOLT, "5")])
        post_order(self.gw, "PO-F3")
        self.change("PO-F3", "delete")

        seen, cursor, pages = [], None, 0
        while True:
            page = self.ok(self.feed(after=cursor, limit=1))
            pages += 1
            seen += page["events"]
            if not page["has_more"]:
                break
            cursor = page["next_cursor"]
        self.assertEqual([(e["event"], e["order"]["order_id"]) for e in seen],
                         [("order.received", "PO-F1"), ("order.received", "PO-F2"),
                          ("order.updated", "PO-F1"), ("order.received", "PO-F3"),
                          ("order.cancelled", "PO-F3")])
        self.assertEqual(pages, 5)
        cursors = [int(e["cursor"]) for e in seen]
        self.assertEqual(cursors, sorted(cursors))
        # Nothing new after the last cursor; the cursor stays where it was.
        tail = self.ok(self.feed(after=seen[-1]["cursor"]))
        self.assertEqual(tail, {"events": [], "next_cursor": seen[-1]["cursor"],
                                "has_more": False})

        f1 = seen[2]["order"]
        self.assertEqual((f1["status"], f1["version"], f1["buyer"], f1["mode"]),
                         ("received", 2, "acme", "production"))
        self.assertEqual([(l["line"], l["sku"], l["quantity"], l["unit_price"])
                          for l in f1["lines"]], [(1, "HB-M8-40", "5", "12.50")])
        self.assertEqual(seen[4]["order"]["status"], "cancelled")
        f2 = seen[1]["order"]
        self.assertEqual(f2["status"], "received")
        self.assertIn("contract-price", [flag["kind"] for flag in f2["flags"]])
        self.assertEqual(f2["flags"][0]["line"], 1)
        self.assertTrue(f2["flags"][0]["message"])

        one = self.ok(self.call("GET", f1["href"]))
        self.assertEqual(one, f1)
        self.assertEqual(one["href"], f"/api/v1/orders/{one['id']}")
        self.assertEqual(one["total"], "62.50")

    def test_feed_parameters_and_scopes_are_checked(self):
        post_order(self.gw, "PO-P1")
        for query, field in (("after=abc", "after"), ("after=-3", "after"),
                             ("limit=0", "limit"), ("limit=501", "limit"),
                             ("mode=staging", "mode"), ("since=1", "since")):
            with self.subTest(query=query):
                r = self.call("GET", "/api/v1/orders?" + query)
                doc = self.problem(r, 400)
                self.assertEqual(doc["errors"][0]["field"], field)
        self.assertEqual(len(self.ok(self.feed(mode="production"))["events"]), 1)
        self.assertEqual(self.ok(self.feed(mode="test"))["events"], [])
        doc = self.problem(self.call("GET", "/api/v1/orders", token=self.stock_only), 403)
        self.assertIn("'orders' scope", doc["detail"])
        self.problem(self.call("GET", "/api/v1/orders/999999"), 404)
        self.problem(self.call("GET", "/api/v1/orders/not-a-number"), 404)
        r = self.call("DELETE", "/api/v1/orders/1")
        self.problem(r, 405)
        self.assertEqual(r.header("Allow"), "GET")

    def test_confirm_ship_invoice_and_status_reach_the_buyer_as_punchoutctl_would_send_them(self):
        post_order(self.gw, "PO-A1")
        pk = self.order_pk("PO-A1")
        base = f"/api/v1/orders/{pk}"

        key = "confirm-PO-A1"
        body = {"lines": [{"line": 1, "quantity": 2, "status": "accept"},
                          {"line": 1, "status": "backordered", "delivery_date": "2027-01-15"}],
                "comment": "one pack later"}
        first = self.call("POST", base + "/confirm", body, key=key)
        done = self.ok(first)
        self.assertEqual((done["action"], done["order"]["status"], done["reference"]),
                         ("confirmation", "backordered", "CNF-000001"))
        self.assertEqual([q["document_type"] for q in done["queued"]], ["ConfirmationRequest"])
        # The retry of a lost answer: the same answer, nothing done twice.
        again = self.call("POST", base + "/confirm", body, key=key)
        self.assertEqual(again.status, 200)
        self.assertEqual(again.header("Idempotent-Replayed"), "true")
        self.assertEqual(again.body, first.body)
        reused = self.problem(self.call("POST", base + "/confirm", {"status": "reject"}, key=key),
                              422)
        self.assertIn("Idempotency-Key", reused["detail"])
        post, confirmation = self.orders.delivered(done, self.buyer)
        ok, out = dtd.validate(post.body)
        self.assertTrue(ok, out)
        self.assertEqual(confirmation.tag, "ConfirmationRequest")
        statuses = sorted((s.get("type"), s.get("quantity"))
                          for s in confirmation.iter("ConfirmationStatus"))
        self.assertEqual(statuses, [("accept", "1"), ("accept", "2"), ("backordered", "1")])

        ship = self.ok(self.call("POST", base + "/ship",
                                 {"carrier": "DHL", "tracking": "JD014600003",
                                  "tracking_url": "https://track.example/JD014600003"}))
        self.assertEqual(ship["order"]["status"], "shipped")
        post, notice = self.orders.delivered(ship, self.buyer)
        self.assertTrue(dtd.validate(post.body)[0])
        self.assertEqual(notice.tag, "ShipNoticeRequest")

        invoice = self.ok(self.call("POST", base + "/invoice",
                                    {"tax_rate": "24", "shipping": "9.90"}))
        self.assertEqual((invoice["order"]["status"], invoice["reference"]),
                         ("invoiced", "INV-000001"))
        post, detail = self.orders.delivered(invoice, self.buyer)
        self.assertTrue(dtd.validate(post.body)[0])
        summary = parse(post.body).find(".//InvoiceDetailSummary")
        self.assertEqual(summary.find("Tax/Money").text, "47.14")

        status = self.ok(self.call("POST", base + "/status", {"code": 200,
                                                              "message": "Invoice sent"}))
        post, update = self.orders.delivered(status, self.buyer)
        self.assertTrue(dtd.validate(post.body)[0])
        self.assertEqual(update.tag, "StatusUpdateRequest")

        shown = self.orders.show("PO-A1")
        self.assertEqual(shown["status"], "invoiced")
        self.assertEqual(len(shown["outbox"]), 4)
        self.assertEqual(self.ok(self.call("GET", base))["status"], "invoiced")

    def test_the_api_and_punchoutctl_record_the_same_confirmation(self):
        post_order(self.gw, "PO-CLI")
        post_order(self.gw, "PO-API")
        self.orders.act_json("confirm", "PO-CLI", "--line", "2", "--status", "reject",
                             "--comment", "discontinued")
        self.ok(self.call("POST", f"/api/v1/orders/{self.order_pk('PO-API')}/confirm",
                          {"lines": [{"line": 2, "status": "reject"}],
                           "comment": "discontinued"}))
        cli, api = self.orders.show("PO-CLI"), self.orders.show("PO-API")
        self.assertEqual(cli["status"], api["status"])

        def parts(shown):
            c = dict(shown["confirmation"])
            c.pop("confirm_id", None)
            c.pop("created_at", None)
            return c
        self.assertEqual(parts(cli), parts(api))

    def test_refusals_change_nothing_and_say_why(self):
        post_order(self.gw, "PO-R1")
        pk = self.order_pk("PO-R1")
        base = f"/api/v1/orders/{pk}"
        # Shipping before confirming is refused by the same rule punchoutctl meets.
        cli = self.orders.act("ship", "PO-R1", "--carrier", "DHL", "--tracking", "1",
                              check=False)
        self.assertEqual(cli.returncode, 1)
        key = "ship-too-early"
        doc = self.problem(self.call("POST", base + "/ship", {"carrier": "DHL", "tracking": "1"},
                                     key=key), 422)
        self.assertIn("nothing was changed", doc["detail"])
        self.assertEqual(self.orders.outbox(), [])

        doc = self.problem(self.call("POST", base + "/ship", {"carrier": "DHL"}), 400)
        self.assertEqual(doc["errors"][0]["field"], "tracking")
        doc = self.problem(self.call("POST", base + "/confirm", {"stauts": "accept"}), 400)
        self.assertEqual(doc["errors"][0]["field"], "stauts")
        doc = self.problem(self.call("POST", base + "/confirm", b'{"status": "acc'), 400)
        self.assertIn("well-formed JSON", doc["detail"])
        self.problem(self.call("POST", base + "/confirm", {}, key=False), 400)
        self.problem(self.call("POST", "/api/v1/orders/999999/confirm", {}), 404)
        doc = self.problem(self.call("POST", base + "/confirm", {}, token=self.stock_only), 403)
        self.assertIn("'fulfilment' scope", doc["detail"])
        self.assertEqual(self.orders.show("PO-R1")["status"], "received")

        # The refused key is still free: the fixed request under it is applied.
        self.ok(self.call("POST", base + "/confirm", {}))
        ship = self.ok(self.call("POST", base + "/ship", {"carrier": "DHL", "tracking": "1"},
                                 key=key))
        self.assertEqual(ship["order"]["status"], "shipped")


class FakeErp:
    """A webhook receiver on loopback. `script` says, per event id, what the first attempts
    get: "500" (an error answer) or "hang" (no answer until the gateway gives up). Every
    request is recorded; an event counts as processed once, on the first 2xx answer to a
    request whose signature checks, as a receiver that dedupes by event id would."""

    def __init__(self, secret_box, script):
        self.secret_box = secret_box
        self.script = script
        self.requests = []
        self.processed = {}
        self.lock = threading.Lock()
        erp = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                event_id = self.headers.get("Punchout-Event-Id", "")
                with erp.lock:
                    erp.requests.append((dict(self.headers), body))
                    plan = erp.script.get(event_id, [])
                    step = plan.pop(0) if plan else "ok"
                if step == "hang":
                    time.sleep(5)  # past the gateway's 3 s timeout
                    return
                if step == "500":
                    self.answer(500, b"database locked")
                    return
                expected = "sha256=" + hmac.new(erp.secret_box[0].encode(), body,
                                                 hashlib.sha256).hexdigest()
                if not hmac.compare_digest(expected, self.headers.get("Punchout-Signature", "")):
                    self.answer(401, b"bad signature")
                    return
                with erp.lock:
                    erp.processed.setdefault(event_id, 0)
                    erp.processed[event_id] += 1
                self.answer(204, b"")

            def answer(self, status, body):
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
            daemon_threads = True

        self.server = Server(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/punchout"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


class WebhookTest(unittest.TestCase):
    def test_every_order_event_arrives_signed_once_through_500s_and_hangs(self):
        buyer = FakeBuyer("accept").start()
        self.addCleanup(buyer.stop)
        ws = new_workspace("webhooks", buyer.url + "/cxml/inbound")
        self.addCleanup(ws.cleanup)
        secret_box = [None]
        # The feed's event ids are evt_<cursor>; the first three events of a new store.
        erp = FakeErp(secret_box, {"evt_1": ["500", "500"], "evt_2": ["hang"]})
        self.addCleanup(erp.stop)
        ws.ctl("api-client", "add", "erp", "--scope", "orders", json_out=True)
        secret_box[0] = ws.ctl("api-client", "set", "erp", "--webhook-url", erp.url,
                               json_out=True)["webhook_secret"]
        token = ws.ctl("api-client", "rotate", "erp", json_out=True)["token"]
        gw = Gateway(ws)
        gw.start()
        self.addCleanup(gw.stop)

        post_order(gw, "PO-W1")
        post_order(gw, "PO-W2")
        xml, _ = order_request("PO-W1", [(*HEX_BOLT, "4")])
        self.assertEqual(status_of(gw.post_cxml(xml.replace('type="new"', 'type="update"'))
                                   .text)[0], 200)
        wait_until(lambda: len(erp.processed) >= 3, timeout=60, message="three events processed")
        feed = json.loads(gw.request("GET", "/api/v1/orders",
                                     headers={"Authorization": "Bearer " + token}).body)
        ids = [e["id"] for e in feed["events"]]
        self.assertEqual(ids, ["evt_1", "evt_2", "evt_3"])
        self.assertEqual(erp.processed, {i: 1 for i in ids})

        by_event = {}
        for headers, body in erp.requests:
            self.assertEqual(headers["Content-Type"], "application/json")
            by_event.setdefault(headers["Punchout-Event-Id"], []).append((headers, body))
        # Two refusals and a hang were retried; each retry is the same bytes and signature.
        self.assertEqual(len(by_event["evt_1"]), 3)
        self.assertEqual(len(by_event["evt_2"]), 2)
        for event_id, attempts in by_event.items():
            bodies = {body for _, body in attempts}
            self.assertEqual(len(bodies), 1, event_id)
            self.assertEqual(len({h["Punchout-Signature"] for h, _ in attempts}), 1)
            self.assertEqual([h["Punchout-Delivery-Attempt"] for h, _ in attempts],
                             [str(n) for n in range(1, len(attempts) + 1)])
            event = json.loads(bodies.pop())
            self.assertEqual(event["id"], event_id)
            self.assertEqual(attempts[0][0]["Punchout-Event"], event["event"])
            listed = [e for e in feed["events"] if e["id"] == event_id][0]
            self.assertEqual((event["event"], event["order"]["order_id"]),
                             (listed["event"], listed["order"]["order_id"]))
        self.assertEqual(json.loads(by_event["evt_3"][0][1])["event"], "order.updated")
        self.assertEqual(json.loads(by_event["evt_3"][0][1])["order"]["lines"][0]["quantity"],
                         "4")
        hooks = ws.ctl("outbox", "list", json_out=True)["documents"]
        self.assertEqual(sorted((d["document_type"], d["status"]) for d in hooks),
                         [("order.received", "delivered"), ("order.received", "delivered"),
                          ("order.updated", "delivered")])


class ApiListenerTest(unittest.TestCase):
    """`[api] listen` keeps the API on its own address: elsewhere /api/v1 is not there."""

    def test_the_api_answers_only_on_its_own_listener(self):
        ws = new_workspace("api-listen")
        self.addCleanup(ws.cleanup)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            api_port = probe.getsockname()[1]
        gw = Gateway(ws, config={"api.listen": f"http://127.0.0.1:{api_port}"})
        gw.start()
        self.addCleanup(gw.stop)
        token = ws.ctl("api-client", "add", "erp", "--scope", "orders", json_out=True)["token"]
        auth = {"Authorization": "Bearer " + token}

        public = gw.request("GET", "/api/v1/orders", headers=auth)
        self.assertEqual(public.status, 404, public.text)
        self.assertTrue(public.header("Content-Type").startswith("text/plain"))
        self.assertEqual(gw.get("/api/v1/openapi.json").status, 404)
        self.assertEqual(gw.get("/healthz").status, 200)

        conn = http.client.HTTPConnection("127.0.0.1", api_port, timeout=30)
        try:
            conn.request("GET", "/api/v1/orders", headers=auth)
            r = conn.getresponse()
            self.assertEqual(r.status, 200)
            self.assertEqual(json.loads(r.read())["events"], [])
        finally:
            conn.close()


if __name__ == "__main__":
    unittest.main()
