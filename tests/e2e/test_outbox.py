"""The outbox end to end: orders posted to the real gateway, driven by punchoutctl (confirm,
ship, invoice), and the documents delivered to a fake buyer endpoint that accepts, refuses,
fails with HTML, hangs or answers garbage; restarts (kill -9) in the middle; TLS delivery."""
import re
import signal
import time
import unittest

from support import dtd, paths
from support.fake_buyer import FakeBuyer
from support.gateway import SUPPLIER_SECRET, Gateway, cleanup_env, make_self_signed_cert, wait_until
from support.orders import (BUYER_CREDENTIAL, Orders, body_element, metric, new_workspace,
                            parse, post_order, set_document_url)

cleanup_env()


def inbound(buyer):
    return buyer.url + "/cxml/inbound"


class OutboxCase(unittest.TestCase):
    mode = "accept"
    gateway_config = {}

    def setUp(self):
        self.buyer = FakeBuyer(self.mode).start()
        self.addCleanup(self.buyer.stop)
        self.ws = new_workspace(self.id().rsplit(".", 1)[-1], inbound(self.buyer))
        self.addCleanup(self.ws.cleanup)
        self.gw = Gateway(self.ws, config=dict(self.gateway_config))
        self.gw.start()
        self.addCleanup(self.stop_gateway)
        self.orders = Orders(self.ws, self.ws.dir / "gateway.conf")

    def stop_gateway(self):
        if self.gw.proc and self.gw.proc.poll() is None:
            self.assertEqual(self.gw.stop(), 0, self.gw.log_text())

    def queue_confirmation(self, order_id):
        post_order(self.gw, order_id)
        r = self.orders.act_json("confirm", order_id)
        self.assertEqual(len(r["queued"]), 1)
        return r["queued"][0]

    def assert_valid(self, received):
        ok, out = dtd.validate(received.body)
        self.assertTrue(ok, out + received.text)


class DeliveredTest(OutboxCase):
    def test_confirm_ship_invoice_reach_the_buyer_valid_and_exact(self):
        post_order(self.gw, "PO-100")
        listed = self.ws.ctl("orders", "list", json_out=True)["orders"]
        self.assertEqual([(o["order_id"], o["status"]) for o in listed], [("PO-100", "received")])

        confirm = self.orders.act_json("confirm", "PO-100")
        self.assertEqual(confirm["order"]["status"], "confirmed")
        self.assertEqual(confirm["reference"], "CNF-000001")
        queued = confirm["queued"][0]
        self.assertEqual(queued["document_type"], "ConfirmationRequest")
        self.assertEqual(queued["target_url"], inbound(self.buyer))
        self.orders.wait_status(queued["outbox_id"], "delivered")

        posts = self.buyer.wait_for(1)
        first = posts[0]
        self.assertEqual(first.path, "/cxml/inbound")
        self.assertTrue(first.headers["Content-Type"].startswith("text/xml"))
        self.assert_valid(first)
        root = parse(first.body)
        self.assertEqual(root.get("payloadID"), queued["payload_id"])
        header = root.find("Header")
        self.assertEqual(header.find("From/Credential").get("domain"), "DUNS")
        self.assertEqual(header.find("From/Credential/Identity").text, "555000111")
        self.assertEqual(header.find("To/Credential/Identity").text, BUYER_CREDENTIAL[1])
        self.assertEqual(header.find("Sender/Credential/SharedSecret").text, SUPPLIER_SECRET)
        confirmation = body_element(root)
        self.assertEqual(confirmation.tag, "ConfirmationRequest")
        self.assertEqual(confirmation.find("ConfirmationHeader").get("type"), "accept")
        self.assertEqual(confirmation.find("OrderReference").get("orderID"), "PO-100")

        # Ship line 1 in part, then the rest.
        part = self.orders.act_json("ship", "PO-100", "--carrier", "DHL", "--tracking", "JD1",
                                    "--line", "1", "--qty", "1")
        self.assertEqual(part["order"]["status"], "partially-shipped")
        rest = self.orders.act_json("ship", "PO-100", "--carrier", "DHL", "--tracking", "JD2",
                                    "--delivery-date", "2026-12-01")
        self.assertEqual(rest["order"]["status"], "shipped")
        self.orders.wait_status(rest["queued"][0]["outbox_id"], "delivered")
        posts = self.buyer.wait_for(3)
        for p in posts[1:3]:
            self.assert_valid(p)
            self.assertEqual(body_element(parse(p.body)).tag, "ShipNoticeRequest")
        quantities = sorted(
            (item.get("lineNumber"), item.get("quantity"))
            for p in posts[1:3] for item in parse(p.body).iter("ShipNoticeItem"))
        self.assertEqual(quantities, [("1", "1"), ("1", "2"), ("2", "1")])

        # Invoice: 3 x 12.50 + 1 x 149 = 186.50; (186.50 + 9.90) x 24% = 47.136 -> 47.14.
        inv = self.orders.act_json("invoice", "PO-100", "--tax-rate", "24", "--shipping", "9.90")
        self.assertEqual(inv["order"]["status"], "invoiced")
        self.assertEqual(inv["reference"], "INV-000001")
        self.orders.wait_status(inv["queued"][0]["outbox_id"], "delivered")
        invoice_post = self.buyer.wait_for(4)[3]
        self.assert_valid(invoice_post)
        summary = parse(invoice_post.body).find(".//InvoiceDetailSummary")
        sums = {child.tag: child.find("Money").text for child in summary
                if child.find("Money") is not None}
        self.assertEqual(sums["SubtotalAmount"], "186.50")
        self.assertEqual(sums["Tax"], "47.14")
        self.assertEqual(sums["ShippingAmount"], "9.90")
        self.assertEqual(sums["GrossAmount"], "243.54")
        self.assertEqual(sums["NetAmount"], "243.54")
        self.assertEqual(sums["DueAmount"], "243.54")
        lines = [item.find("SubtotalAmount/Money").text
                 for item in parse(invoice_post.body).iter("InvoiceDetailItem")]
        self.assertEqual(lines, ["37.50", "149.00"])

        shown = self.orders.show("PO-100")
        self.assertEqual(shown["status"], "invoiced")
        self.assertEqual(shown["invoices"][0]["net"], 243.54)
        self.assertEqual([d["status"] for d in shown["outbox"]], ["delivered"] * 4)
        kinds = [e["kind"] for e in shown["events"]]
        for kind in ("received", "confirmed", "shipped", "invoiced", "document-delivered"):
            self.assertIn(kind, kinds)
        self.assertEqual(shown["lines"][0]["fulfilment"]["shipped"], 3)

        table = self.ws.ctl("orders", "show", "PO-100").stdout
        for heading in ("Lines", "Differences found by the accuracy check", "Confirmation",
                        "Shipments", "Invoices", "Outbound documents", "Events"):
            self.assertIn(heading, table)

        self.assertEqual(metric(self.gw, "punchout_outbox_documents", 'status="delivered"'), 4)
        self.assertEqual(metric(self.gw, "punchout_outbox_documents", 'status="pending"'), 0)
        self.assertEqual(metric(self.gw, "punchout_outbox_deliveries_total"), 4)
        # Each document was sent exactly once.
        self.assertEqual(len({p.body for p in self.buyer.received}), 4)
        self.assertEqual(len(self.buyer.received), 4)


class RejectedTest(OutboxCase):
    mode = "reject"

    def test_a_cxml_4xx_is_final_visible_and_retryable_by_an_admin(self):
        queued = self.queue_confirmation("PO-200")
        doc = self.orders.wait_status(queued["outbox_id"], "failed")
        self.assertEqual(doc["last_cxml_status"], 400)
        self.assertEqual(doc["last_http_status"], 200)
        self.assertIn("Unknown order reference", doc["last_error"])
        self.assertEqual(doc["attempts"], 1)
        time.sleep(2.5)  # longer than the backoff: no second attempt
        self.assertEqual(len(self.buyer.received), 1)
        failed = self.orders.outbox("--status", "failed")
        self.assertEqual([d["id"] for d in failed], [queued["outbox_id"]])
        table = self.ws.ctl("outbox", "list", "--status", "failed").stdout
        self.assertIn("refused by the buyer: cXML 400 Bad Request", table)
        self.assertEqual(metric(self.gw, "punchout_outbox_failures_total", 'kind="permanent"'), 1)

        # The buyer fixed its side; the admin sends the same document again.
        self.buyer.mode = "accept"
        retried = self.ws.ctl("outbox", "retry", str(queued["outbox_id"]), json_out=True)
        self.assertEqual(retried["status"], "pending")
        self.assertEqual(retried["attempts"], 0)
        self.orders.wait_status(queued["outbox_id"], "delivered")
        posts = self.buyer.wait_for(2)
        self.assertEqual(posts[0].body, posts[1].body)  # same document, same payloadID
        again = self.ws.ctl("outbox", "retry", str(queued["outbox_id"]), check=False)
        self.assertEqual(again.returncode, 1)
        self.assertIn("was delivered already", again.stderr)


class TransientFailuresTest(OutboxCase):
    mode = "fail-html"

    def test_html_500_is_retried_with_the_same_payload_until_it_recovers(self):
        queued = self.queue_confirmation("PO-300")
        self.buyer.wait_for(2, timeout=20)  # backoff 1-2 s in the test config
        doc = self.ws.ctl("outbox", "show", str(queued["outbox_id"]), json_out=True)
        self.assertEqual(doc["status"], "pending")
        self.assertEqual(doc["last_http_status"], 500)
        self.assertIn("HTTP 500 (text/html)", doc["last_error"])
        self.buyer.mode = "accept"
        done = self.orders.wait_status(queued["outbox_id"], "delivered")
        self.assertGreaterEqual(done["attempts"], 3)
        self.assertEqual(done["last_error"], "")
        payloads = {parse(p.body).get("payloadID") for p in self.buyer.received}
        self.assertEqual(payloads, {queued["payload_id"]})
        self.assertGreaterEqual(
            metric(self.gw, "punchout_outbox_failures_total", 'kind="transient"'), 2)

    def test_garbage_is_retried(self):
        self.buyer.mode = "garbage"
        queued = self.queue_confirmation("PO-301")
        self.buyer.wait_for(2, timeout=20)
        doc = self.ws.ctl("outbox", "show", str(queued["outbox_id"]), json_out=True)
        self.assertEqual(doc["status"], "pending")
        self.assertIn("not a cXML answer", doc["last_error"])
        self.buyer.mode = "accept"
        self.orders.wait_status(queued["outbox_id"], "delivered")
        payloads = {parse(p.body).get("payloadID") for p in self.buyer.received}
        self.assertEqual(payloads, {queued["payload_id"]})


class GiveUpTest(OutboxCase):
    mode = "fail-html"
    gateway_config = {"outbox.max_attempts": "2"}

    def test_out_of_attempts_is_failed(self):
        queued = self.queue_confirmation("PO-350")
        doc = self.orders.wait_status(queued["outbox_id"], "failed")
        self.assertEqual(doc["attempts"], 2)
        self.assertTrue(doc["last_error"].startswith("gave up after 2 attempts; the last: HTTP 500"),
                        doc["last_error"])
        self.assertEqual(len(self.buyer.received), 2)
        events = self.ws.ctl("orders", "events", "PO-350", json_out=True)["events"]
        self.assertEqual(events[-1]["kind"], "document-failed")


class HangTest(OutboxCase):
    mode = "hang"

    def test_a_silent_buyer_times_out_and_is_retried(self):
        self.buyer.hang_seconds = 8  # longer than the 3 s attempt timeout
        started = time.time()
        queued = self.queue_confirmation("PO-400")
        self.buyer.wait_for(1)
        doc = wait_until(
            lambda: (lambda d: d if d["last_error"] else None)(
                self.ws.ctl("outbox", "show", str(queued["outbox_id"]), json_out=True)),
            timeout=15, interval=0.2, message="the first attempt to time out")
        self.assertEqual(doc["status"], "pending")
        self.assertIn("receive failed", doc["last_error"])
        self.assertGreaterEqual(time.time() - started, 2.5)
        self.buyer.mode = "accept"
        self.orders.wait_status(queued["outbox_id"], "delivered", timeout=20)
        payloads = {parse(p.body).get("payloadID") for p in self.buyer.received}
        self.assertEqual(payloads, {queued["payload_id"]})
        def deliveries():
            events = [e for e in self.gw.log_events() if e.get("event") == "outbox_delivery"]
            return events if events and events[-1]["result"] == "delivered" else None
        events = wait_until(deliveries, timeout=5, message="the delivery in the log")
        self.assertEqual(events[0]["result"], "retry")
        self.assertIn("receive failed", events[0]["error"])


class RestartTest(OutboxCase):
    mode = "hang"

    def test_kill_9_loses_nothing_and_the_buyer_sees_one_payload(self):
        self.buyer.hang_seconds = 30
        queued = self.queue_confirmation("PO-500")
        self.buyer.wait_for(1)  # the gateway is mid-attempt, holding the lease
        self.gw.kill9()

        # Queued while no gateway runs.
        ship = self.orders.act_json("ship", "PO-500", "--carrier", "UPS", "--tracking", "1Z9")
        self.buyer.mode = "accept"
        self.gw = Gateway(self.ws, config=dict(self.gateway_config)).start()
        # The dead process's lease is taken back at once, not after it runs out.
        self.orders.wait_status(queued["outbox_id"], "delivered", timeout=15)
        self.orders.wait_status(ship["queued"][0]["outbox_id"], "delivered", timeout=15)
        reclaimed = wait_until(
            lambda: [e for e in self.gw.log_events() if e.get("event") == "outbox_leases_reclaimed"],
            timeout=5, message="the reclaimed lease in the log")
        self.assertEqual(len(reclaimed), 1)
        self.assertEqual(reclaimed[0]["count"], 1)

        confirmations = [p for p in self.buyer.received
                         if body_element(parse(p.body)).tag == "ConfirmationRequest"]
        self.assertEqual(len(confirmations), 2)  # the hung attempt and the delivered one
        self.assertEqual(confirmations[0].body, confirmations[1].body)
        ships = [p for p in self.buyer.received
                 if body_element(parse(p.body)).tag == "ShipNoticeRequest"]
        self.assertEqual(len(ships), 1)
        doc = self.ws.ctl("outbox", "show", str(queued["outbox_id"]), json_out=True)
        self.assertEqual(doc["attempts"], 2)

    def test_sigterm_lets_an_attempt_in_flight_finish(self):
        self.buyer.hang_seconds = 1.5
        queued = self.queue_confirmation("PO-510")
        self.buyer.wait_for(1)
        self.assertEqual(self.gw.stop(signal.SIGTERM, timeout=20), 0, self.gw.log_text())
        doc = self.ws.ctl("outbox", "show", str(queued["outbox_id"]), json_out=True)
        # The hung answer ended the attempt; its outcome was recorded, not lost.
        self.assertEqual(doc["status"], "pending")
        self.assertEqual(doc["attempts"], 1)
        self.assertIn("receive failed", doc["last_error"])
        self.assertIsNone(doc["leased_until"])
        self.buyer.mode = "accept"
        self.gw = Gateway(self.ws, config=dict(self.gateway_config)).start()
        self.orders.wait_status(queued["outbox_id"], "delivered", timeout=15)


class NoDocumentUrlTest(unittest.TestCase):
    def test_an_action_without_a_document_url_changes_nothing(self):
        ws = new_workspace("no-url", "")
        self.addCleanup(ws.cleanup)
        with Gateway(ws) as gw:
            post_order(gw, "PO-600")
            orders = Orders(ws, ws.dir / "gateway.conf")
            r = orders.act("confirm", "PO-600", check=False)
            self.assertEqual(r.returncode, 1)
            self.assertIn("has no document URL", r.stderr)
            self.assertIn("nothing was changed", r.stderr)
            self.assertEqual(orders.show("PO-600")["status"], "received")
            self.assertEqual(orders.outbox(), [])
            # Recorded without a document on purpose.
            quiet = ws.ctl("orders", "confirm", "PO-600", "--no-send", json_out=True)
            self.assertEqual(quiet["order"]["status"], "confirmed")
            self.assertEqual(quiet["queued"], [])
            self.assertEqual(orders.outbox(), [])
            self.assertEqual(ws.ctl("orders", "events", "PO-600", json_out=True)["events"][-1]["kind"],
                             "document-not-sent")


class TlsDeliveryTest(unittest.TestCase):
    def test_https_with_verification(self):
        ws = new_workspace("tls-out")
        self.addCleanup(ws.cleanup)
        cert, key = make_self_signed_cert(ws.dir)
        buyer = FakeBuyer("accept", tls_cert=cert, tls_key=key).start()
        self.addCleanup(buyer.stop)
        set_document_url(ws, inbound(buyer))

        # Without the buyer's CA the certificate is not trusted: retried, never sent in clear.
        with Gateway(ws) as gw:
            post_order(gw, "PO-700")
            orders = Orders(ws, ws.dir / "gateway.conf")
            queued = orders.act_json("confirm", "PO-700")["queued"][0]
            self.assertTrue(queued["target_url"].startswith("https://"))
            doc = wait_until(
                lambda: (lambda d: d if d["last_error"] else None)(
                    ws.ctl("outbox", "show", str(queued["outbox_id"]), json_out=True)),
                timeout=15, interval=0.2, message="a TLS failure")
            self.assertIn("tls failed", doc["last_error"])
            self.assertEqual(buyer.received, [])

        with Gateway(ws, config={"outbox.ca_file": str(cert)}):
            orders.wait_status(queued["outbox_id"], "delivered", timeout=15)
        self.assertEqual(len(buyer.received), 1)
        ok, out = dtd.validate(buyer.received[0].body)
        self.assertTrue(ok, out)


if __name__ == "__main__":
    unittest.main(verbosity=2)
