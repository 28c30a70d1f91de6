"""What the buyer's platform refuses in the documents we send back, through the real gateway
and punchoutctl (buyer-systems rows E3 and E4): for a Coupa buyer a rejection needs a reason,
and promised or delivery dates may not lie in the past. A refused confirmation or ship notice
stores and queues nothing; the corrected one reaches the fake buyer DTD-valid, the reason on
the rejected line itself. A generic buyer keeps the cXML rules only."""
import datetime
import unittest

from support import dtd
from support.fake_buyer import FakeBuyer
from support.gateway import Gateway, cleanup_env
from support.orders import Orders, new_workspace, order_request, status_of

cleanup_env()


def day(offset):
    return (datetime.datetime.now(datetime.timezone.utc).date() +
            datetime.timedelta(days=offset)).isoformat()


class PlatformDocumentsTest(unittest.TestCase):
    def setUp(self):
        self.buyer = FakeBuyer("accept").start()
        self.addCleanup(self.buyer.stop)
        self.ws = new_workspace(self.id().rsplit(".", 1)[-1], self.buyer.url + "/cxml/inbound")
        self.addCleanup(self.ws.cleanup)
        self.gw = Gateway(self.ws)
        self.gw.start()
        self.addCleanup(self.gw.stop)
        self.orders = Orders(self.ws, self.ws.dir / "gateway.conf")

    def order(self, order_id):
        xml, _ = order_request(order_id)
        code, _, message = status_of(self.gw.post_cxml(xml).text)
        self.assertEqual(code, 200, message)

    def refused(self, *args):
        before = (self.orders.show(args[1])["status"], len(self.orders.outbox()))
        r = self.orders.act(*args, check=False)
        self.assertNotEqual(r.returncode, 0, r.stdout)
        self.assertEqual((self.orders.show(args[1])["status"], len(self.orders.outbox())), before,
                         "a refused action stored or queued something")
        return r.stderr

    def delivered(self, result, tag):
        post, request = self.orders.delivered(result, self.buyer)
        ok, out = dtd.validate(post.body)
        self.assertTrue(ok, out + post.text)
        self.assertEqual(request.tag, tag)
        return request

    def test_coupa_rejections_need_a_reason_on_the_line(self):
        self.ws.ctl("buyer", "set", "acme", "--platform", "coupa")
        self.order("PO-700")
        err = self.refused("confirm", "PO-700", "--line", "2", "--status", "reject")
        self.assertIn("Coupa", err)
        self.assertIn("line 2", err)
        self.assertIn("--comment", err)
        # A whole-order reject needs one too.
        self.assertIn("--comment", self.refused("confirm", "PO-700", "--status", "reject"))

        r = self.orders.act_json("confirm", "PO-700", "--line", "2", "--status", "reject",
                                 "--comment", "Drill discontinued")
        request = self.delivered(r, "ConfirmationRequest")
        statuses = {item.get("lineNumber"): item.find("ConfirmationStatus")
                    for item in request.findall("ConfirmationItem")}
        self.assertEqual(statuses["2"].get("type"), "reject")
        self.assertEqual(statuses["2"].findtext("Comments").strip(), "Drill discontinued")
        self.assertEqual(statuses["1"].get("type"), "accept")
        self.assertIsNone(statuses["1"].find("Comments"))

    def test_coupa_refuses_past_promised_and_delivery_dates(self):
        self.ws.ctl("buyer", "set", "acme", "--platform", "coupa")
        self.order("PO-701")
        err = self.refused("confirm", "PO-701", "--status", "backordered", "--delivery-date",
                           day(-3))
        self.assertIn(day(-3), err)
        self.assertIn("past", err)
        self.delivered(self.orders.act_json("confirm", "PO-701", "--delivery-date", day(7)),
                       "ConfirmationRequest")

        err = self.refused("ship", "PO-701", "--carrier", "DHL", "--tracking", "JD7",
                           "--delivery-date", day(-3))
        self.assertIn("backdated", err)
        notice = self.delivered(
            self.orders.act_json("ship", "PO-701", "--carrier", "DHL", "--tracking", "JD7",
                                 "--delivery-date", day(2)), "ShipNoticeRequest")
        self.assertTrue(notice.find("ShipNoticeHeader").get("deliveryDate").startswith(day(2)))

    def test_a_generic_buyer_may_reject_without_a_reason_and_record_past_dates(self):
        self.order("PO-702")
        self.delivered(self.orders.act_json("confirm", "PO-702", "--line", "1", "--status",
                                            "reject", "--line", "2", "--delivery-date", day(-3)),
                       "ConfirmationRequest")

    def test_without_a_document_the_platform_is_not_asked(self):
        self.ws.ctl("buyer", "set", "acme", "--platform", "coupa")
        self.order("PO-703")
        self.orders.act_json("confirm", "PO-703", "--status", "reject", "--no-send")
        self.assertEqual(self.orders.show("PO-703")["status"], "rejected")


if __name__ == "__main__":
    unittest.main()
