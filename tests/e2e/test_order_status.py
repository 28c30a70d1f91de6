"""OrderStatusRequest through the real gateway: 200 and the order's state through the outbox
(StatusUpdateRequest, ConfirmationRequest, ShipNoticeRequest), a clear 4xx for an order the
buyer does not have, and replays that queue nothing twice."""
import unittest

from support import dtd
from support.fake_buyer import FakeBuyer
from support.gateway import Gateway, cleanup_env, wait_until
from support.orders import (Orders, body_element, new_workspace, order_status_request, parse,
                            post_order, seed_store, status_of)

cleanup_env()


class OrderStatusTest(unittest.TestCase):
    def setUp(self):
        self.buyer = FakeBuyer("accept").start()
        self.addCleanup(self.buyer.stop)
        self.ws = new_workspace("order-status", self.buyer.url + "/in")
        self.addCleanup(self.ws.cleanup)
        # A second buyer with its own sender, to ask about the first one's order.
        seed_store(self.ws, self.buyer.url + "/beta", buyer="beta", credential=("DUNS", "900"),
                   secret="beta-secret-1", catalog=False)
        self.gw = Gateway(self.ws).start()
        self.addCleanup(lambda: self.assertEqual(self.gw.stop(), 0, self.gw.log_text()))
        self.orders = Orders(self.ws, self.ws.dir / "gateway.conf")

    def ask(self, order_id, **kw):
        xml, pid = order_status_request(order_id, **kw)
        self.last_request = xml
        r = self.gw.post_cxml(xml)
        self.assertEqual(r.status, 200)
        return status_of(r.text), pid, r.text

    def next_post(self, count):
        post = self.buyer.wait_for(count)[count - 1]
        ok, out = dtd.validate(post.body)
        self.assertTrue(ok, out + post.text)
        return parse(post.body)

    def test_unknown_and_foreign_orders_get_a_clear_400_and_nothing_is_sent(self):
        (code, text, message), _, _ = self.ask("NOPE-1")
        self.assertEqual((code, text), (400, "Bad Request"))
        self.assertIn("Order NOPE-1 is not known here", message)

        post_order(self.gw, "PO-A")
        (code, _, message), _, _ = self.ask("PO-A", credential=("DUNS", "900"),
                                            secret="beta-secret-1")
        self.assertEqual(code, 400)
        self.assertIn("Order PO-A is not known here", message)  # same words as unknown
        self.assertEqual(self.orders.outbox(), [])

    def test_the_state_follows_through_the_outbox(self):
        post_order(self.gw, "PO-S")

        (code, _, message), _, _ = self.ask("PO-S")
        self.assertEqual(code, 200)
        self.assertEqual(message,
                         "Order PO-S is received. Its state follows as 1 StatusUpdateRequest.")
        update = body_element(self.next_post(1))
        self.assertEqual(update.tag, "StatusUpdateRequest")
        self.assertEqual(update.find("Status").get("code"), "201")

        self.orders.act("confirm", "PO-S", "--line", "2", "--status", "backordered",
                        "--delivery-date", "2027-01-15")
        self.buyer.wait_for(2)
        (code, _, message), pid, first_answer = self.ask("PO-S")
        self.assertEqual(code, 200)
        self.assertIn("is backordered", message)
        confirmation = body_element(self.next_post(3))
        self.assertEqual(confirmation.tag, "ConfirmationRequest")
        header = confirmation.find("ConfirmationHeader")
        self.assertEqual(header.get("operation"), "update")
        self.assertEqual(header.get("confirmID"), "CNF-000001")
        self.assertEqual(header.get("type"), "allDetail")

        # A replay of the same request gets the same answer and sends nothing more.
        replay = self.gw.post_cxml(self.last_request)
        self.assertEqual(replay.text, first_answer)
        # Another request under the same payloadID is answered on its own merits.
        xml, _ = order_status_request("NOPE-9", pid=pid)
        (code, _, message) = status_of(self.gw.post_cxml(xml).text)
        self.assertEqual(code, 400)
        self.assertIn("Order NOPE-9 is not known here", message)
        self.orders.act("ship", "PO-S", "--carrier", "DHL", "--tracking", "JD77")
        self.buyer.wait_for(4)
        (code, _, message), _, _ = self.ask("PO-S")
        self.assertIn("is shipped", message)
        ship = body_element(self.next_post(5))
        self.assertEqual(ship.tag, "ShipNoticeRequest")
        self.assertEqual(ship.find("ShipNoticeHeader").get("operation"), "update")
        wait_until(lambda: all(d["status"] == "delivered" for d in self.orders.outbox()),
                   timeout=15, message="everything delivered")
        docs = self.orders.outbox()
        self.assertEqual(len(docs), 5)
        self.assertEqual(sorted(d["origin"] for d in docs),
                         ["admin", "admin", "status-request", "status-request", "status-request"])
        self.assertEqual(len(self.buyer.received), 5)

    def test_a_poll_storm_queues_one_answer_at_a_time(self):
        post_order(self.gw, "PO-P")
        self.buyer.mode = "fail-html"  # keeps the first answer pending
        self.ask("PO-P")
        self.buyer.wait_for(1)
        (code, _, message), _, _ = self.ask("PO-P")
        self.assertEqual(code, 200)
        self.assertIn("still on its way", message)
        self.assertEqual(len(self.orders.outbox()), 1)


if __name__ == "__main__":
    unittest.main(verbosity=2)
