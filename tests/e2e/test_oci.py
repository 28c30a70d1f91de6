"""SAP OCI through the real gateway: GET|POST /oci with the buyer's OCI login, the cart back
to HOOK_URL as NEW_ITEM-* fields into ~TARGET, DETAIL, and VALIDATE / BACKGROUND_SEARCH
answered on the same URL without a redirect or user interface."""
import time
import unittest
import urllib.parse

from browser.storefront_kit import (OCI_PASSWORD, OCI_USER, Page, Shop, StoreWorkspace,
                                    default_spec, oci_fields, transfer_form)
from support.gateway import Gateway, cleanup_env

HOOK_URL = "https://srm.buyer.example/sap/bc/bsp/sap/bbp_catalog/hook.htm?sap-client=100"


def oci_query(**params):
    base = {"USERNAME": OCI_USER, "PASSWORD": OCI_PASSWORD, "HOOK_URL": HOOK_URL,
            "~OkCode": "ADDI", "~TARGET": "_top", "~CALLER": "CTLG", "OCI_VERSION": "4.0"}
    base.update(params)
    return urllib.parse.urlencode({k: v for k, v in base.items() if v is not None})


class OciEntry(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cleanup_env()
        cls.ws = StoreWorkspace("oci").seed(default_spec(postback_hosts=["srm.buyer.example"]))
        cls.gw = Gateway(cls.ws).start()

    @classmethod
    def tearDownClass(cls):
        code = cls.gw.stop()
        cls.ws.cleanup()
        assert code == 0, f"gateway exited with {code}"

    def sessions(self):
        return self.ws.sql("SELECT count(*) FROM punchout_session WHERE protocol = 'oci'")[0][0]

    def login(self, method="GET", **params):
        if method == "GET":
            return self.gw.get("/oci?" + oci_query(**params))
        return self.gw.post("/oci", oci_query(**params),
                            content_type="application/x-www-form-urlencoded")

    def test_wrong_credentials_get_a_clear_page_and_nothing_else(self):
        before = self.sessions()
        for params in ({"PASSWORD": "wrong"}, {"USERNAME": "nobody"},
                       {"USERNAME": None, "PASSWORD": None}):
            r = self.login(**params)
            self.assertEqual(r.status, 403, params)
            self.assertIn("The catalog login was not accepted", r.text)
            self.assertIsNone(r.header("Location"))
            self.assertNotIn(OCI_PASSWORD, r.text)
        self.assertEqual(self.sessions(), before)
        # The login travels in the query string; the access log never shows it.
        self.login()
        deadline = time.time() + 5
        while time.time() < deadline and self.gw.log_text().count('"route":"oci"') < 4:
            time.sleep(0.1)
        self.assertIn('"path":"/oci"', self.gw.log_text())
        self.assertNotIn(OCI_PASSWORD, self.gw.log_text())
        self.assertNotIn(urllib.parse.quote(OCI_PASSWORD), self.gw.log_text())

    def test_hook_url_must_be_http_and_on_the_buyers_hosts(self):
        before = self.sessions()
        for hook in ("javascript:alert(1)", "https://evil.example/hook", "", None):
            r = self.login(HOOK_URL=hook)
            self.assertEqual(r.status, 400, hook)
            self.assertIn("return address", r.text)
        self.assertEqual(self.sessions(), before)

    def test_login_shops_and_returns_new_item_fields(self):
        for method in ("GET", "POST"):
            r = self.login(method)
            self.assertEqual(r.status, 303, r.text)
            location = r.header("Location")
            self.assertRegex(location, r"^/shop/[A-Za-z0-9_-]{22}/$")
            shop = Shop.at(self.gw, location)
            shop.add("HB-M8-40", 12)
            shop.add("CT-200", 250)
            page = shop.transfer()
            self.assertEqual(page.status, 200, page.text)
            form = transfer_form(page)
            self.assertEqual(form.action, HOOK_URL)
            self.assertEqual(form.target, "_top")
            self.assertIn("form-action 'self' https://srm.buyer.example",
                          page.header("Content-Security-Policy"))
            items = oci_fields(form.fields)
            self.assertEqual(sorted(items), [1, 2])
            bolt, ties = items[1], items[2]
            self.assertEqual(bolt["DESCRIPTION"], "Hex bolt M8x40")
            self.assertEqual(bolt["QUANTITY"], "12")
            self.assertEqual(bolt["UNIT"], "PAK")  # the buyer's unit mapping
            self.assertEqual(bolt["PRICE"], "10")
            self.assertEqual(bolt["PRICEUNIT"], "1")
            self.assertEqual(bolt["CURRENCY"], "EUR")
            self.assertEqual(bolt["LEADTIME"], "3")
            self.assertEqual(bolt["VENDORMAT"], "HB-M8-40")
            self.assertEqual(bolt["MANUFACTCODE"], "Nordbolt")
            self.assertEqual(bolt["MANUFACTMAT"], "NB-933-0840")
            self.assertEqual(bolt["MATGROUP"], "31161500")
            self.assertRegex(bolt["EXT_PRODUCT_ID"], r"^L[0-9A-Z]{16}$")
            self.assertIn("Sold in packs of 100", bolt["LONGTEXT"])
            self.assertEqual(ties["PRICE"], "4.5")
            self.assertEqual(ties["PRICEUNIT"], "100")
            self.assertEqual(ties["UNIT"], "ST")
            self.assertEqual(ties["DESCRIPTION"], "Cable ties 200mm")
            for field, value in items[1].items():
                limit = {"DESCRIPTION": 40, "UNIT": 3, "CURRENCY": 5, "LEADTIME": 5,
                         "VENDORMAT": 40, "MANUFACTCODE": 10, "MANUFACTMAT": 40,
                         "MATGROUP": 10, "EXT_PRODUCT_ID": 40}.get(field)
                if limit:
                    self.assertLessEqual(len(value), limit, field)
            # The call's own ~ parameters go back unchanged.
            self.assertEqual(form.field("~OkCode"), "ADDI")
            self.assertEqual(form.field("~CALLER"), "CTLG")
            rows = self.ws.sql("SELECT count(*) FROM transferred_line t JOIN cart_transfer c "
                               "ON c.id = t.transfer_id JOIN punchout_session s "
                               "ON s.id = c.session_id WHERE s.session_key = ?",
                               (location.split("/")[2],))
            self.assertEqual(rows, [(2,)])
            self.assertEqual(shop.get("/cart").status, 410)

    def test_parameter_names_match_in_any_case_and_the_return_field_is_configurable(self):
        # Buyers other than SAP send lower-case names; SAP customers rename the return-URL
        # field (MM_HOOK_URL for SAP's product catalog) and spell ~Target their own way.
        query = urllib.parse.urlencode({"username": OCI_USER, "password": OCI_PASSWORD,
                                        "hook_url": HOOK_URL, "~Target": "_parent"})
        r = self.gw.get("/oci?" + query)
        self.assertEqual(r.status, 303, r.text)
        form = transfer_form(self.cart_of(r.header("Location")))
        self.assertEqual(form.action, HOOK_URL)
        self.assertEqual(form.target, "_parent")

        self.ws.ctl("buyer", "set", "acme", "--oci-hook-field", "MM_HOOK_URL")
        try:
            other = "https://srm.buyer.example/sap/bc/bsp/sap/mm_catalog/hook.htm"
            r = self.login(HOOK_URL=None, MM_HOOK_URL=other)
            self.assertEqual(r.status, 303, r.text)
            self.assertEqual(transfer_form(self.cart_of(r.header("Location"))).action, other)
            missing = self.login(HOOK_URL=None)
            self.assertEqual(missing.status, 400)
            self.assertIn("has no MM_HOOK_URL", missing.text)
        finally:
            self.ws.ctl("buyer", "set", "acme", "--oci-hook-field", "")

    def cart_of(self, location):
        shop = Shop.at(self.gw, location)
        shop.add("HB-M8-40", 1)
        page = shop.transfer()
        self.assertEqual(page.status, 200, page.text)
        return page

    def test_target_frame_is_taken_from_the_call(self):
        r = self.login(**{"~TARGET": "catalogframe"})
        location = r.header("Location")
        shop = Shop.at(self.gw, location)
        shop.add("SG-NIT-L", 1)
        self.assertEqual(transfer_form(shop.transfer()).target, "catalogframe")
        r = self.login(**{"~TARGET": "x\" onload=\"alert(1)"})
        location = r.header("Location")
        shop = Shop.at(self.gw, location)
        page = Page(shop.submit(shop.get("/cart").form_posting_to("/cancel")))
        self.assertEqual(transfer_form(page).target, "_top")
        self.assertEqual(oci_fields(transfer_form(page).fields), {})  # cancel: no items

    def test_detail_opens_the_product_page(self):
        r = self.login(FUNCTION="DETAIL", PRODUCTID="CD-18V")
        self.assertEqual(r.status, 303)
        self.assertTrue(r.header("Location").endswith("/product/CD-18V"), r.header("Location"))
        page = Page(self.gw.get(r.header("Location")))
        self.assertIn("Cordless drill 18 V", page.text)

    def test_validate_answers_item_data_without_ui_or_redirect(self):
        for method in ("GET", "POST"):
            r = self.login(method, FUNCTION="VALIDATE", PRODUCTID="HB-M8-40", QUANTITY="10")
            self.assertEqual(r.status, 200, r.text)
            self.assertIsNone(r.header("Location"))
            page = Page(r)
            self.assertEqual(page.scripts, [])
            self.assertEqual([b for f in page.forms for b in f.buttons], [])
            self.assertEqual(len(page.forms), 1)
            self.assertEqual(page.forms[0].action, HOOK_URL)
            items = oci_fields(page.forms[0].fields)
            self.assertEqual(sorted(items), [1])
            item = items[1]
            self.assertEqual(item["QUANTITY"], "10")
            self.assertEqual(item["PRICE"], "10")  # the tier price for 10 packs
            self.assertEqual(item["CURRENCY"], "EUR")
            self.assertEqual(item["VENDORMAT"], "HB-M8-40")
            self.assertEqual(item["EXT_PRODUCT_ID"], "HB-M8-40")
            self.assertTrue(item["CUST_FIELD5"].startswith("in stock 42"), item)
        unknown = Page(self.login(FUNCTION="VALIDATE", PRODUCTID="NOPE", QUANTITY="1"))
        self.assertEqual(unknown.status, 200)
        self.assertEqual(oci_fields(unknown.forms[0].fields), {})
        short = Page(self.login(FUNCTION="VALIDATE", PRODUCTID="CD-18V", QUANTITY="2"))
        self.assertTrue(oci_fields(short.forms[0].fields)[1]["CUST_FIELD5"].startswith("short: 0"))
        bad = self.login(FUNCTION="VALIDATE", PRODUCTID="CD-18V", QUANTITY="lots")
        self.assertEqual(bad.status, 400)
        refused = self.login(FUNCTION="VALIDATE", PRODUCTID="CD-18V", PASSWORD="wrong")
        self.assertEqual(refused.status, 403)

    def test_background_search_answers_item_data(self):
        before = self.sessions()
        r = self.login(FUNCTION="BACKGROUND_SEARCH", SEARCHSTRING="drill", HOOK_URL=None)
        self.assertEqual(r.status, 200, r.text)
        self.assertIsNone(r.header("Location"))
        page = Page(r)
        self.assertEqual(page.scripts, [])
        items = oci_fields(page.forms[0].fields)
        skus = sorted(i["VENDORMAT"] for i in items.values())
        self.assertEqual(skus, ["CD-12V", "CD-18V"])
        prices = {i["VENDORMAT"]: i["PRICE"] for i in items.values()}
        self.assertEqual(prices, {"CD-12V": "119", "CD-18V": "139"})
        empty = Page(self.login(FUNCTION="BACKGROUND_SEARCH", SEARCHSTRING=""))
        self.assertEqual(oci_fields(empty.forms[0].fields), {})
        self.assertEqual(self.sessions(), before)  # no session for data-only calls

    def test_unknown_function(self):
        r = self.login(FUNCTION="FROBNICATE")
        self.assertEqual(r.status, 400)
        self.assertIn("FUNCTION=FROBNICATE is not supported", r.text)


if __name__ == "__main__":
    unittest.main()
