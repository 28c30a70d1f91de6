"""Storefront start URLs through the real gateway: a fresh StartPage URL opens the session
once (303 into /shop/{session key}/...), a used, expired or unknown one gets a clear page,
sessions end, and no key reaches the access log."""
import re
import time
import unittest
import urllib.parse

from browser.storefront_kit import (Shop, StoreWorkspace, default_spec, punchout, item_detail)
from support.gateway import Gateway, cleanup_env

RETURN_URL = "https://buyer.example/punchout/return?session=9"


class StartUrls(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cleanup_env()
        cls.ws = StoreWorkspace("start").seed(default_spec())
        cls.gw = Gateway(cls.ws, config={"sessions.start_url_ttl_seconds": "2"}).start()

    @classmethod
    def tearDownClass(cls):
        code = cls.gw.stop()
        cls.ws.cleanup()
        assert code == 0, f"gateway exited with {code}"

    def assert_clear_page(self, r, status, words):
        self.assertEqual(r.status, status, r.text)
        self.assertTrue(r.header("Content-Type").startswith("text/html"), r.header("Content-Type"))
        self.assertIn(words, r.text)
        for leak in ("Exception", "what()", "Traceback", "sqlite", "std::"):
            self.assertNotIn(leak, r.text)
        self.assertEqual(r.header("X-Content-Type-Options"), "nosniff")
        self.assertEqual(r.header("Referrer-Policy"), "no-referrer")

    def test_a_fresh_start_url_redirects_into_the_session(self):
        url = punchout(self.gw, RETURN_URL)
        start_key = url.rsplit("/", 1)[1]
        self.assertRegex(start_key, r"^[A-Za-z0-9_-]{22}$")
        r = self.gw.get(urllib.parse.urlsplit(url).path)
        self.assertEqual(r.status, 303)
        location = r.header("Location")
        self.assertRegex(location, r"^/shop/[A-Za-z0-9_-]{22}/$")
        self.assertNotIn(start_key, location)
        self.assertEqual(r.header("Cache-Control"), "no-store")
        page = self.gw.get(location)
        self.assertEqual(page.status, 200)
        self.assertIn("All products", page.text)
        self.assertIn("Pam Beesly", page.text)  # who is shopping, from the setup request
        self.assertEqual(page.header("Cache-Control"), "no-store")

    def test_a_used_start_url_gets_a_clear_page(self):
        url = punchout(self.gw, RETURN_URL)
        path = urllib.parse.urlsplit(url).path
        self.assertEqual(self.gw.get(path).status, 303)
        r = self.gw.get(path)
        self.assert_clear_page(r, 410, "This link was already used")
        self.assertNotIn("Location", dict(r.headers))

    def test_an_expired_start_url_gets_a_clear_page(self):
        url = punchout(self.gw, RETURN_URL)
        time.sleep(2.5)
        r = self.gw.get(urllib.parse.urlsplit(url).path)
        self.assert_clear_page(r, 410, "This link has expired")

    def test_an_unknown_start_url_gets_a_clear_page(self):
        r = self.gw.get("/punchout/start/AAAAAAAAAAAAAAAAAAAAAA")
        self.assert_clear_page(r, 404, "This link is not valid")
        r = self.gw.get("/punchout/start/%3Cscript%3Ealert(1)%3C%2Fscript%3E")
        self.assert_clear_page(r, 404, "This link is not valid")
        self.assertNotIn("<script>", r.text)
        r = self.gw.get("/punchout/start/")
        self.assert_clear_page(r, 404, "This link is not valid")

    def test_selected_item_opens_its_product_page(self):
        url = punchout(self.gw, RETURN_URL, selected="CD-18V")
        shop = Shop(self.gw, url)
        self.assertTrue(shop.landing.endswith("/product/CD-18V"), shop.landing)
        self.assertIn("Cordless drill 18 V", shop.get(shop.landing).text)

    def test_a_level_2_aisle_link_lands_on_that_commodity_class(self):
        # Ariba Level 2 links at aisle or shelf level carry a UNSPSC code, not a SKU.
        url = punchout(self.gw, RETURN_URL, selected="31161500")
        shop = Shop(self.gw, url)
        self.assertIn("/search?unspsc=311615", shop.landing)
        page = shop.get(shop.landing).text
        self.assertIn("HB-M8-40", page)
        self.assertNotIn("CD-18V", page)

    def test_an_edit_session_opens_the_cart(self):
        url = punchout(self.gw, RETURN_URL, operation="edit", items=[
            ("HB-M8-40", None, 2, item_detail("11.00", "Hex bolt M8 x 40, DIN 933"))])
        shop = Shop(self.gw, url)
        self.assertTrue(shop.landing.endswith("/cart"), shop.landing)
        self.assertIn("Hex bolt M8 x 40", shop.get("/cart").text)

    def test_an_unknown_session_key_gets_a_clear_page(self):
        r = self.gw.get("/shop/AAAAAAAAAAAAAAAAAAAAAA/cart")
        self.assert_clear_page(r, 404, "This store link is not valid")
        r = self.gw.get("/shop/not%20a%20key/")
        self.assert_clear_page(r, 404, "This store link is not valid")

    def test_keys_never_reach_the_access_log(self):
        url = punchout(self.gw, RETURN_URL)
        shop = Shop(self.gw, url)
        shop.get("/search?q=bolt")
        shop.get("/product/HB-M8-40")
        shop.add("HB-M8-40", 1)
        shop.get("/cart")
        start_key = url.rsplit("/", 1)[1]
        session_key = shop.base.split("/")[2]
        deadline = time.time() + 5
        while time.time() < deadline and "/shop/*/product/*" not in self.gw.log_text():
            time.sleep(0.1)
        log = self.gw.log_text()
        self.assertIn("/punchout/start/*", log)
        self.assertIn("/shop/*/product/*", log)
        self.assertNotIn(start_key, log)
        self.assertNotIn(session_key, log)
        csrf = shop.csrf()
        self.assertNotIn(csrf, log)


class SessionLifetime(unittest.TestCase):
    def test_an_expired_session_gets_a_clear_page(self):
        cleanup_env()
        ws = StoreWorkspace("expiry").seed(default_spec())
        try:
            with Gateway(ws, config={"sessions.session_ttl_seconds": "2"}) as gw:
                shop = Shop(gw, punchout(gw, RETURN_URL))
                self.assertEqual(shop.get("/cart").status, 200)
                time.sleep(2.5)
                page = shop.get("/cart")
                self.assertEqual(page.status, 410)
                self.assertIn("This shopping session has expired", page.text)
                r = shop.post("/cart/add", [("csrf", "x"), ("sku", "CD-18V"), ("quantity", "1")])
                self.assertEqual(r.status, 410)
        finally:
            ws.cleanup()


if __name__ == "__main__":
    unittest.main()
