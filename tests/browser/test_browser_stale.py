"""Real browser: stale stock ([catalog] stock_stale_after = 15m). Figures reported longer ago
show as "last known N, as of T", do not pass the "In stock only" filter, and become plain
stock again once the ERP reports a fresh figure through the integration API; OCI VALIDATE
says the same."""
import datetime
import json
import re
import unittest
import urllib.parse

from browser.browser_kit import Browser
from browser.storefront_kit import (OCI_PASSWORD, OCI_USER, Page, StoreWorkspace, default_spec,
                                    oci_fields, punchout)
from support.gateway import Gateway, cleanup_env


class BrowserStaleStock(unittest.TestCase):
    def test_stale_stock_shows_as_last_known_until_a_fresh_figure_arrives(self):
        cleanup_env()
        # The default store's HB-M8-40 figures (Vaasa 40, Tampere 2) date from January.
        ws = StoreWorkspace("browser-stale").seed(default_spec(postback_hosts=["127.0.0.1"]))
        try:
            token = ws.ctl("api-client", "add", "wms", "--scope", "stock",
                           json_out=True)["token"]
            with Gateway(ws, config={"catalog.stock_stale_after": "15m"}) as gw, \
                    Browser() as b, b.artifacts_on_failure("stale-stock"):
                b.get(punchout(gw, "http://127.0.0.1:9/punchout/return"))
                b.wait_for_text("All products")
                base = re.match(r"(.*/shop/[^/?#]+)", b.driver.current_url).group(1)

                b.type_into("#q", "hex bolt")
                b.click("form.header-search button")
                b.wait_for_text("Results for “hex bolt”")
                row = b.driver.find_element(
                    "xpath", "//li[contains(@class,'result')]"
                             "[.//a[normalize-space(.)='Hex bolt M8 x 40, DIN 933']]")
                self.assertIn("Last known 42, as of", row.text)
                self.assertNotIn("In stock", row.text)
                stale = row.find_element("css selector", ".stock-stale time")
                self.assertTrue(stale.get_attribute("datetime").startswith("2026-01-05"))

                b.get(base + "/search?q=hex+bolt&stock=1")
                b.wait_for_text("Results for “hex bolt”")
                self.assertNotIn("Hex bolt M8 x 40, DIN 933", b.text())

                b.get(base + "/product/HB-M8-40")
                b.wait_for_text("Stock by warehouse")
                text = b.text()
                self.assertIn("Vaasa last known 40 PK", text)
                self.assertIn("Tampere last known 2 PK", text)
                self.assertIn("Last known 42, as of", text)

                validate = Page(gw.get("/oci?" + urllib.parse.urlencode({
                    "USERNAME": OCI_USER, "PASSWORD": OCI_PASSWORD,
                    "HOOK_URL": "http://127.0.0.1:9/hook", "FUNCTION": "VALIDATE",
                    "PRODUCTID": "HB-M8-40", "QUANTITY": "1"})))
                field = oci_fields(validate.forms[0].fields)[1]["CUST_FIELD5"]
                self.assertTrue(field.startswith("stock last known 42, as of"), field)

                now = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
                r = gw.request("PUT", "/api/v1/stock", body=json.dumps({"items": [
                    {"sku": "HB-M8-40", "warehouse": "Vaasa", "quantity": 30, "as_of": now}]}),
                    headers={"Authorization": "Bearer " + token,
                             "Content-Type": "application/json", "Idempotency-Key": "fresh-1"})
                self.assertEqual(r.status, 200, r.text)

                b.get(base + "/product/HB-M8-40")
                b.wait_for_text("Stock by warehouse")
                text = b.text()
                self.assertIn("In stock: 30", text)
                self.assertIn("Vaasa 30 PK", text)
                self.assertIn("Tampere last known 2 PK", text)
                b.get(base + "/search?q=hex+bolt&stock=1")
                b.wait_for_text("Hex bolt M8 x 40, DIN 933")
        finally:
            ws.cleanup()


if __name__ == "__main__":
    unittest.main()
