"""Real browser, scenario 3 (SAP OCI): open /oci with a HOOK_URL on loopback, add an item,
return the cart; the buyer's system receives the NEW_ITEM-* fields."""
import unittest
import urllib.parse

from browser.browser_kit import Browser
from browser.storefront_kit import (OCI_PASSWORD, OCI_USER, StoreWorkspace, default_spec,
                                    oci_fields)
from support.fake_buyer import FakeBuyer
from support.gateway import Gateway, cleanup_env


class BrowserOci(unittest.TestCase):
    def test_oci_login_add_and_return(self):
        cleanup_env()
        ws = StoreWorkspace("browser-oci")
        try:
            with FakeBuyer() as buyer:
                ws.seed(default_spec(postback_hosts=["127.0.0.1"]))
                with Gateway(ws) as gw, Browser() as b, b.artifacts_on_failure("oci"):
                    hook = buyer.url + "/sap/bc/bsp/sap/bbp_catalog/hook.htm?sap-client=100"
                    query = urllib.parse.urlencode({
                        "USERNAME": OCI_USER, "PASSWORD": OCI_PASSWORD, "HOOK_URL": hook,
                        "~OkCode": "ADDI", "~TARGET": "_top", "~CALLER": "CTLG",
                        "OCI_VERSION": "5.0"})
                    b.get(gw.url + "/oci?" + query)
                    b.wait_for_text("All products")
                    self.assertNotIn(OCI_PASSWORD, b.driver.current_url)  # redirected away

                    b.type_into("#q", "nitrile")
                    b.click("form.header-search button")
                    b.wait_for_text("Nitrile gloves size L")
                    row = ("//li[contains(@class,'result')]"
                           "[.//a[normalize-space(.)='Nitrile gloves size L']]")
                    qty = b.driver.find_element("xpath", row + "//input[@name='quantity']")
                    qty.clear()
                    qty.send_keys("4")
                    b.driver.find_element("xpath", row + "//button").click()
                    b.wait_for_text("Added to the cart: 4 BX Nitrile gloves size L.")
                    b.click_text("button", "Return cart to your procurement system")
                    posts = buyer.wait_for(1, timeout=30)
                    b.wait(lambda d: d.current_url.startswith(buyer.url), message="never left")

            post = posts[0]
            self.assertEqual(post.path, "/sap/bc/bsp/sap/bbp_catalog/hook.htm?sap-client=100")
            form = post.form()
            items = oci_fields(form)
            self.assertEqual(sorted(items), [1])
            item = items[1]
            self.assertEqual(item["DESCRIPTION"], "Nitrile gloves size L")
            self.assertEqual(item["QUANTITY"], "4")
            self.assertEqual(item["UNIT"], "BX")
            self.assertEqual(item["PRICE"], "8.9")
            self.assertEqual(item["PRICEUNIT"], "1")
            self.assertEqual(item["CURRENCY"], "EUR")
            self.assertEqual(item["VENDORMAT"], "SG-NIT-L")
            self.assertEqual(item["MANUFACTCODE"], "Turva Oy")
            self.assertEqual(item["MANUFACTMAT"], "TG-200-L")
            self.assertEqual(item["MATGROUP"], "46181504")
            self.assertRegex(item["EXT_PRODUCT_ID"], r"^L[0-9A-Z]{16}$")
            self.assertEqual(item["LONGTEXT"], "Nitrile gloves size L")
            self.assertEqual(dict(form)["~OkCode"], "ADDI")
            self.assertEqual(dict(form)["~CALLER"], "CTLG")
        finally:
            ws.cleanup()


if __name__ == "__main__":
    unittest.main()
