"""Real browser, scenario 4: the storefront inside an iframe on a page of another site
(http://localhost:PORT framing http://127.0.0.1:PORT), with third-party cookies blocked:
the whole round trip works, because the session lives in the URL."""
import base64
import unittest
import xml.etree.ElementTree as ET

from browser.browser_kit import Browser, FramingSite
from browser.storefront_kit import StoreWorkspace, default_spec, punchout
from support import dtd
from support.fake_buyer import FakeBuyer
from support.gateway import Gateway, cleanup_env


class BrowserIframe(unittest.TestCase):
    def test_round_trip_inside_a_cross_site_frame_without_third_party_cookies(self):
        cleanup_env()
        ws = StoreWorkspace("browser-iframe")
        try:
            with FakeBuyer() as buyer, FramingSite() as site:
                buyer_port = buyer.server.server_address[1]
                ws.seed(default_spec(frame_origins=[site.origin], postback_hosts=["localhost"]))
                with Gateway(ws) as gw, Browser(block_third_party_cookies=True) as b, \
                        b.artifacts_on_failure("iframe"):
                    return_url = f"http://localhost:{buyer_port}/punchout/return"
                    site.src = punchout(gw, return_url, cookie="framed")
                    self.assertTrue(site.src.startswith("http://127.0.0.1:"))
                    b.get(site.origin + "/")
                    b.wait_for_text("Procurement system")
                    b.driver.switch_to.frame(b.find("iframe#catalog"))
                    b.wait_for_text("All products")

                    # No cookie can be set in this frame (third-party cookies are blocked): the
                    # storefront must not need one.
                    cookie = b.driver.execute_script(
                        "document.cookie = 'probe=1; SameSite=None'; return document.cookie;")
                    self.assertEqual(cookie, "")

                    b.type_into("#q", "drill")
                    b.click("form.header-search button")
                    b.wait_for_text("Cordless drill 12 V")
                    b.click_text("a", "Cordless drill 12 V")
                    b.wait_for_text("Stock by warehouse")
                    b.type_into("#qty-main", "2")
                    b.click("form[action$='/cart/add'] button")
                    b.wait_for_text("Added to the cart: 2 EA Cordless drill 12 V.")
                    b.click_text("button", "Return cart to your procurement system")
                    posts = buyer.wait_for(1, timeout=30)
                    # The cart went back inside the frame; the buyer's page stays around it.
                    b.driver.switch_to.default_content()
                    self.assertIn("Procurement system", b.text())

            text = base64.b64decode(dict(posts[0].form())["cxml-base64"]).decode("utf-8")
            ok, out = dtd.validate(text)
            self.assertTrue(ok, out)
            poom = ET.fromstring(text.encode("utf-8")).find("Message/PunchOutOrderMessage")
            self.assertEqual(poom.findtext("BuyerCookie"), "framed")
            item = poom.find("ItemIn")
            self.assertEqual(item.findtext("ItemID/SupplierPartID"), "CD-12V")
            self.assertEqual(item.get("quantity"), "2")
            self.assertEqual(item.findtext("ItemDetail/UnitPrice/Money"), "119.00")
        finally:
            ws.cleanup()


if __name__ == "__main__":
    unittest.main()
