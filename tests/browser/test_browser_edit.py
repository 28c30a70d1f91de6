"""Real browser, scenario 2 (cXML edit): the buyer re-opens a cart we returned; the
storefront's cart starts with its ItemOut lines (our tokens recognised); the user leaves
without confirming an empty cart, and the original lines go back unchanged."""
import base64
import unittest
import xml.etree.ElementTree as ET

from browser.browser_kit import Browser
from browser.storefront_kit import (Shop, StoreWorkspace, decode_cart, default_spec, punchout,
                                    setup_request, start_page_url, transfer_form)
from support import dtd
from support.fake_buyer import FakeBuyer
from support.gateway import Gateway, cleanup_env


def item_outs(poom_text):
    """The returned cart's ItemIn lines as the ItemOut lines of an edit request."""
    root = ET.fromstring(poom_text.encode("utf-8"))
    out = []
    for item in root.findall("Message/PunchOutOrderMessage/ItemIn"):
        parts = "".join(ET.tostring(item.find(tag), encoding="unicode")
                        for tag in ("ItemID", "ItemDetail"))
        out.append(f'<ItemOut quantity="{item.get("quantity")}" '
                   f'lineNumber="{item.get("lineNumber")}">{parts}</ItemOut>')
    return out


def lines_of(root):
    out = []
    for item in root.findall(".//ItemIn") + root.findall(".//ItemOut"):
        d = item.find("ItemDetail")
        out.append((item.findtext("ItemID/SupplierPartID"),
                    item.findtext("ItemID/SupplierPartAuxiliaryID"), item.get("quantity"),
                    d.findtext("UnitPrice/Money"), d.findtext("UnitOfMeasure"),
                    d.findtext("Classification"), ET.tostring(d.find("Description"))))
    return out


class BrowserEdit(unittest.TestCase):
    def test_edit_starts_with_the_lines_and_cancel_sends_them_back_unchanged(self):
        cleanup_env()
        ws = StoreWorkspace("browser-edit").seed(default_spec())
        try:
            with FakeBuyer() as buyer, Gateway(ws) as gw, Browser() as b, \
                    b.artifacts_on_failure("cxml-edit"):
                # The cart the buyer's requisition holds: returned by us earlier (over HTTP;
                # this transfer page is not submitted, so the buyer gets one post below).
                first = Shop(gw, punchout(gw, buyer.url + "/return"))
                first.add("HB-M8-40", 12)
                first.add("CD-18V", 3)
                returned = decode_cart(transfer_form(first.transfer()))
                outs = item_outs(returned)
                self.assertEqual(len(outs), 2)

                # The edit request carries those lines as ItemOut.
                request = setup_request(buyer.url + "/return?edit=1", operation="edit",
                                        cookie="edit-cookie-2")
                request = request.replace("</PunchOutSetupRequest>",
                                          "".join(outs) + "</PunchOutSetupRequest>")
                r = gw.post_cxml(request)
                self.assertIn('code="200"', r.text, r.text)
                start = start_page_url(r.text)
                sent_root = ET.fromstring(request.encode("utf-8"))

                b.get(start)
                b.wait_for_text("Your cart")
                text = b.text()
                self.assertIn("You are editing a cart from your procurement system.", text)
                self.assertIn("Hex bolt M8 x 40, DIN 933", text)
                self.assertIn("Cordless drill 18 V", text)
                self.assertNotIn("a reference we did not issue", text)  # our own tokens
                quantities = [e.get_attribute("value")
                              for e in b.find_all("input[name='quantity']")]
                self.assertEqual(quantities, ["12", "3"])
                self.assertIn("537.00 EUR", text)

                # Change a quantity, then leave without changes: the original lines go back.
                qty = b.find_all("input[name='quantity']")[1]
                qty.clear()
                qty.send_keys("7")
                b.click("button[aria-label='Update the quantity of Cordless drill 18 V']")
                b.wait_for_text("Updated: Cordless drill 18 V, now 7 EA.")
                b.click_text("button", "Leave without changes")
                posts = buyer.wait_for(1, timeout=30)
                b.wait(lambda d: "edit=1" in d.current_url, message="never left")

            post = posts[0]
            self.assertEqual(post.path, "/return?edit=1")
            text = base64.b64decode(dict(post.form())["cxml-base64"]).decode("utf-8")
            ok, out = dtd.validate(text)
            self.assertTrue(ok, out)
            root = ET.fromstring(text.encode("utf-8"))
            poom = root.find("Message/PunchOutOrderMessage")
            self.assertEqual(poom.findtext("BuyerCookie"), "edit-cookie-2")
            self.assertEqual(lines_of(root), lines_of(sent_root))
            self.assertEqual([l[2] for l in lines_of(root)], ["12", "3"])
            self.assertEqual(ws.sql("SELECT kind FROM cart_transfer WHERE payload_id = ?",
                                    (root.get("payloadID"),)), [("original",)])
        finally:
            ws.cleanup()


if __name__ == "__main__":
    unittest.main()
