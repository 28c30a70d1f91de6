"""Real browser, scenario 1 (cXML): post a PunchOutSetupRequest, open the StartPage, search,
open a product, add two items with different quantities, change one, return the cart. The
buyer's "procurement system" on loopback receives the form post; every line of the
PunchOutOrderMessage is checked, and the document against the DTD."""
import base64
import unittest
import xml.etree.ElementTree as ET

from browser.browser_kit import Browser
from browser.storefront_kit import StoreWorkspace, default_spec, punchout
from support import dtd
from support.fake_buyer import FakeBuyer
from support.gateway import Gateway, cleanup_env


def description_text(element):
    """The text of a Description outside its ShortName."""
    text = element.text or ""
    for child in element:
        text += child.tail or ""
    return text.strip()


def received_cart(buyer):
    posts = buyer.wait_for(1, timeout=30)
    assert len(posts) == 1, f"{len(posts)} posts"
    form = dict(posts[0].form())
    assert "cxml-base64" in form, f"fields: {list(form)}"
    text = base64.b64decode(form["cxml-base64"]).decode("utf-8")
    ok, out = dtd.validate(text)
    assert ok, f"not DTD-valid:\n{out}\n{text}"
    return posts[0], ET.fromstring(text.encode("utf-8"))


class BrowserCxml(unittest.TestCase):
    def test_search_add_change_and_return_the_cart(self):
        cleanup_env()
        ws = StoreWorkspace("browser-cxml").seed(default_spec())
        try:
            with FakeBuyer() as buyer, Gateway(ws) as gw, Browser() as b, \
                    b.artifacts_on_failure("cxml-round-trip"):
                start = punchout(gw, buyer.url + "/punchout/return?req=1", cookie="browser-cookie")
                b.get(start)
                b.wait_for_text("All products")

                # Search, open a product, add 12 packs from its page.
                b.type_into("#q", "hex bolt")
                b.click("form.header-search button")
                b.wait_for_text("Results for “hex bolt”")
                b.click_text("a", "Hex bolt M8 x 40, DIN 933")
                b.wait_for_text("Stock by warehouse")
                self.assertIn("11.00 EUR / PK List price 12.50 EUR", b.text())
                b.type_into("#qty-main", "12")
                b.click("form[action$='/cart/add'] button")
                b.wait_for_text("Added to the cart: 12 PK Hex bolt M8 x 40, DIN 933.")

                # Search again and add 2 drills straight from the results.
                b.type_into("#q", "drill")
                b.click("form.header-search button")
                b.wait_for_text("Cordless drill 18 V")
                row = "//li[contains(@class,'result')][.//a[normalize-space(.)='Cordless drill 18 V']]"
                qty = b.driver.find_element("xpath", row + "//input[@name='quantity']")
                qty.clear()
                qty.send_keys("2")
                b.driver.find_element("xpath", row + "//button[normalize-space(.)='Add to cart']").click()
                b.wait_for_text("Added to the cart: 2 EA Cordless drill 18 V.")

                # Change the drills to 3 in the cart; the tier price of the bolts shows.
                line = "//tr[.//a[normalize-space(.)='Cordless drill 18 V']]"
                qty = b.driver.find_element("xpath", line + "//input[@name='quantity']")
                qty.clear()
                qty.send_keys("3")
                b.click("button[aria-label='Update the quantity of Cordless drill 18 V']")
                b.wait_for_text("Updated: Cordless drill 18 V, now 3 EA.")
                self.assertIn("10.00 EUR / PK", b.text())
                self.assertIn("537.00 EUR", b.text())

                # Return the cart: the page submits itself to the buyer's system.
                b.click_text("button", "Return cart to your procurement system")
                post, root = received_cart(buyer)
                b.wait(lambda d: d.current_url.startswith(buyer.url), message="never left")

            self.assertEqual(post.path, "/punchout/return?req=1")
            poom = root.find("Message/PunchOutOrderMessage")
            self.assertEqual(poom.findtext("BuyerCookie"), "browser-cookie")
            header = poom.find("PunchOutOrderMessageHeader")
            self.assertEqual(header.get("operationAllowed"), "edit")
            self.assertEqual(header.findtext("Total/Money"), "537.00")
            self.assertEqual(header.find("Total/Money").get("currency"), "EUR")
            self.assertEqual(root.findtext("Header/To/Credential/Identity"), "AN01000000087")
            sent = {row[0]: row[1:] for row in ws.sql(
                "SELECT t.sku, t.token, t.quantity, t.unit_price, t.uom_sent FROM transferred_line t "
                "JOIN cart_transfer c ON c.id = t.transfer_id WHERE c.payload_id = ?",
                (root.get("payloadID"),))}
            items = poom.findall("ItemIn")
            self.assertEqual(len(items), 2)
            expected = {
                "HB-M8-40": ("12", "10.00", "PAK", "31161500", "Hex bolt M8 x 40, DIN 933"),
                "CD-18V": ("3", "139.00", "ST", "27112700", "Cordless drill 18 V"),
            }
            for item in items:
                sku = item.findtext("ItemID/SupplierPartID")
                qty, price, uom, unspsc, description = expected[sku]
                detail = item.find("ItemDetail")
                self.assertEqual(item.get("quantity"), qty)
                self.assertEqual(detail.findtext("UnitPrice/Money"), price)
                self.assertEqual(detail.find("UnitPrice/Money").get("currency"), "EUR")
                self.assertEqual(detail.findtext("UnitOfMeasure"), uom)
                self.assertEqual(detail.findtext("Classification[@domain='UNSPSC']"), unspsc)
                self.assertEqual(description_text(detail.find("Description")), description)
                token = item.findtext("ItemID/SupplierPartAuxiliaryID")
                self.assertRegex(token, r"^L[0-9A-Z]{16}$")
                self.assertEqual(sent[sku][0], token)  # recorded for the order checks
                self.assertEqual(sent[sku][1], int(qty) * 10000)
        finally:
            ws.cleanup()


if __name__ == "__main__":
    unittest.main()
