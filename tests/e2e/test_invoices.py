"""Invoices Coupa and Ariba accept, end to end: punchoutctl invoices with tax per line, credits
by line and by amount, and cancels an invoice through the real gateway; the fake buyer receives
each document valid against InvoiceDetail.dtd. Refused credits and cancellations store and
send nothing."""
import unittest

from support import dtd
from support.fake_buyer import FakeBuyer
from support.gateway import Gateway, cleanup_env
from support.orders import Orders, new_workspace, order_request, status_of

cleanup_env()

SUPPLIER = {
    "supplier.street": "Teollisuuskatu 1",
    "supplier.city": "Helsinki",
    "supplier.postal_code": "00510",
    "supplier.country": "FI",
    "supplier.remit_to_name": "Test Supplier Oy Receivables",
    "supplier.remit_to_street": "PL 100",
    "supplier.remit_to_city": "Espoo",
    "supplier.remit_to_postal_code": "02101",
    "supplier.remit_to_country": "FI",
    "supplier.tax_id": "FI12345678",
}

BILL_TO = ('<BillTo><Address isoCountryCode="FI" addressID="AP-1"><Name xml:lang="en">Acme AP'
           '</Name><PostalAddress><Street>PO Box 7</Street><City>Vaasa</City>'
           '<Country isoCountryCode="FI">Finland</Country></PostalAddress></Address></BillTo>')


def money(node, path):
    return node.find(path + "/Money").text


class InvoicesTest(unittest.TestCase):
    def setUp(self):
        self.buyer = FakeBuyer("accept").start()
        self.addCleanup(self.buyer.stop)
        self.ws = new_workspace(self.id().rsplit(".", 1)[-1], self.buyer.url + "/cxml/inbound")
        self.addCleanup(self.ws.cleanup)
        self.gw = Gateway(self.ws, config=dict(SUPPLIER))
        self.gw.start()
        self.addCleanup(self.gw.stop)
        self.orders = Orders(self.ws, self.ws.dir / "gateway.conf")

    def shipped_order(self, order_id):
        # With a BillTo address, which the invoice's billTo and soldTo partners carry.
        xml, _ = order_request(order_id)
        xml = xml.replace("</Total>", "</Total>" + BILL_TO, 1)
        code, _, message = status_of(self.gw.post_cxml(xml).text)
        self.assertEqual(code, 200, message)
        self.orders.act_json("confirm", order_id)
        self.orders.act_json("ship", order_id, "--carrier", "DHL", "--tracking", "JD1")

    def delivered(self, result):
        """The InvoiceDetailRequest the action queued, as the buyer received it, validated."""
        post, request = self.orders.delivered(result, self.buyer)
        ok, out = dtd.validate(post.body)
        self.assertTrue(ok, out + post.text)
        self.assertEqual(request.tag, "InvoiceDetailRequest")
        return request

    def refused(self, *args):
        before = (len(self.orders.show(args[1])["invoices"]), len(self.orders.outbox()))
        r = self.orders.act(*args, check=False)
        self.assertNotEqual(r.returncode, 0, r.stdout)
        self.assertEqual((len(self.orders.show(args[1])["invoices"]), len(self.orders.outbox())),
                         before, "a refused action stored or queued something")
        return r.stderr

    def test_line_tax_credit_memos_and_their_limits(self):
        self.shipped_order("PO-300")
        # 3 x 12.50 = 37.50 and 1 x 149.00; 24% per line: 9.00 and 35.76.
        inv = self.orders.act_json("invoice", "PO-300", "--tax-rate", "24", "--line-tax")
        self.assertEqual(inv["reference"], "INV-000001")
        doc = self.delivered(inv)
        header = doc.find("InvoiceDetailRequestHeader")
        self.assertEqual(header.get("invoiceOrigin"), "supplier")
        self.assertEqual(header.get("purpose"), "standard")
        self.assertEqual(header.find("InvoiceDetailLineIndicator").get("isTaxInLine"), "yes")
        partners = {p.find("Contact").get("role"): p for p in header.iter("InvoicePartner")}
        self.assertEqual(sorted(partners), ["billTo", "from", "remitTo", "soldTo"])
        self.assertEqual(partners["from"].find("Contact/PostalAddress/City").text, "Helsinki")
        self.assertEqual(partners["remitTo"].find("Contact/PostalAddress/City").text, "Espoo")
        self.assertEqual(partners["billTo"].find("Contact/Name").text, "Acme AP")
        self.assertEqual(partners["billTo"].find("Contact").get("addressID"), "AP-1")
        self.assertEqual(partners["soldTo"].find("Contact/PostalAddress/City").text, "Vaasa")
        for role in ("from", "remitTo"):
            ref = partners[role].find("IdReference")
            self.assertEqual((ref.get("domain"), ref.get("identifier")), ("vatID", "FI12345678"))
        taxes = [money(item, "Tax") for item in doc.iter("InvoiceDetailItem")]
        self.assertEqual(taxes, ["9.00", "35.76"])
        summary = doc.find("InvoiceDetailSummary")
        self.assertEqual(money(summary, "Tax"), "44.76")
        self.assertEqual(money(summary, "DueAmount"), "231.26")

        # A line-level credit memo: negative quantity and amounts, naming the invoice.
        cm = self.orders.act_json("credit-memo", "PO-300", "--invoice", "INV-000001", "--line",
                                  "1", "--quantity", "1", "--reason", "one pack damaged")
        doc = self.delivered(cm)
        header = doc.find("InvoiceDetailRequestHeader")
        self.assertEqual(header.get("purpose"), "lineLevelCreditMemo")
        self.assertEqual(header.find("InvoiceIDInfo").get("invoiceID"), "INV-000001")
        items = list(doc.iter("InvoiceDetailItem"))
        self.assertEqual([i.get("quantity") for i in items], ["-1"])
        self.assertEqual(money(items[0], "SubtotalAmount"), "-12.50")
        self.assertEqual(money(items[0], "Tax"), "-3.00")
        self.assertEqual(money(doc.find("InvoiceDetailSummary"), "DueAmount"), "-15.50")

        # More than is left on the line, an unknown invoice: refused, nothing stored.
        err = self.refused("credit-memo", "PO-300", "--invoice", "INV-000001", "--line", "1",
                           "--quantity", "3")
        self.assertIn("line 1: a credit of 3 exceeds the 2 left to credit on INV-000001", err)
        err = self.refused("credit-memo", "PO-300", "--invoice", "INV-404", "--amount", "1")
        self.assertIn("no invoice 'INV-404'", err)

        # A header credit memo of an amount, taxed at the invoice's rate.
        cm = self.orders.act_json("credit-memo", "PO-300", "--invoice", "INV-000001",
                                  "--amount", "10")
        doc = self.delivered(cm)
        header = doc.find("InvoiceDetailRequestHeader")
        self.assertEqual(header.get("purpose"), "creditMemo")
        self.assertEqual(header.find("InvoiceDetailHeaderIndicator").get("isHeaderInvoice"),
                         "yes")
        self.assertIsNotNone(doc.find("InvoiceDetailHeaderOrder/InvoiceDetailOrderSummary"))
        self.assertEqual(money(doc.find("InvoiceDetailSummary"), "DueAmount"), "-12.40")

        # An invoice with credits against it is not cancelled.
        err = self.refused("cancel-invoice", "PO-300", "--invoice", "INV-000001")
        self.assertIn("has credit memo", err)

        shown = self.orders.show("PO-300")
        self.assertEqual([(i["invoice_id"], i["purpose"], i["credits"], i["state"])
                          for i in shown["invoices"]],
                         [("INV-000001", "standard", "-", "active"),
                          ("CM-000002", "lineLevelCreditMemo", "INV-000001", "active"),
                          ("CM-000003", "creditMemo", "INV-000001", "active")])

    def test_cancel_sends_a_delete_and_frees_the_quantities(self):
        self.shipped_order("PO-301")
        inv = self.orders.act_json("invoice", "PO-301", "--tax-rate", "24")
        original = inv["queued"][0]["payload_id"]
        self.delivered(inv)
        cancel = self.orders.act_json("cancel-invoice", "PO-301", "--invoice", "INV-000001")
        self.assertEqual(cancel["order"]["status"], "shipped")
        doc = self.delivered(cancel)
        header = doc.find("InvoiceDetailRequestHeader")
        self.assertEqual(header.get("operation"), "delete")
        self.assertEqual(header.get("invoiceID"), "INV-000001")
        self.assertEqual(header.find("DocumentReference").get("payloadID"), original)
        self.assertNotEqual(cancel["queued"][0]["payload_id"], original)

        err = self.refused("cancel-invoice", "PO-301", "--invoice", "INV-000001")
        self.assertIn("INV-000001 is cancelled already", err)
        shown = self.orders.show("PO-301")
        self.assertEqual(shown["invoices"][0]["state"], "cancelled")
        # The quantities may be invoiced again.
        again = self.orders.act_json("invoice", "PO-301", "--tax-rate", "24")
        self.assertEqual(again["order"]["status"], "invoiced")
        self.delivered(again)


if __name__ == "__main__":
    unittest.main()
