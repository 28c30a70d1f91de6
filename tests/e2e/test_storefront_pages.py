"""Storefront pages over HTTP through the real gateway: search and browse, product page,
compare, the cart (tier prices, changes since a line was added), CSRF, hostile catalog text,
framing headers per buyer."""
import re
import unittest
import urllib.parse

from browser.storefront_kit import (BUYER_CREDENTIAL, Page, Shop, StoreWorkspace, default_spec,
                                    punchout, setup_request, SENDER_SECRET)
from support.gateway import Gateway, cleanup_env

RETURN_URL = "https://buyer.example/punchout/return"
FRAMER = "https://procurement.example:8443"


def paging_catalog(ws, count=60):
    lines = ["sku,description,uom,price,currency,unspsc,category"]
    for n in range(1, count + 1):
        lines.append(f"PG-{n:03d},Paging item {n:03d},EA,{n}.00,EUR,44121700,Paging > Items")
    return str(ws.write("paging.csv", "\n".join(lines) + "\n"))


class StorefrontPages(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cleanup_env()
        cls.ws = StoreWorkspace("pages")
        spec = default_spec(frame_origins=[FRAMER])
        spec["catalog"].append(paging_catalog(cls.ws))
        restricted = {"id": "tools-only", "name": "Tools Only Ltd",
                      "credentials": ["DUNS:777000777"], "view_categories": ["Power tools"]}
        spec["buyers"].append(restricted)
        spec["senders"].append({"id": "tools-direct", "credential": "DUNS:777000777",
                                "secret": "tools-secret-1", "buyers": ["tools-only"]})
        cls.ws.seed(spec)
        cls.gw = Gateway(cls.ws).start()

    @classmethod
    def tearDownClass(cls):
        code = cls.gw.stop()
        cls.ws.cleanup()
        assert code == 0, f"gateway exited with {code}"

    def shop(self, **kw):
        return Shop(self.gw, punchout(self.gw, RETURN_URL, **kw))

    # -- search ---------------------------------------------------------------------------
    def test_search_shows_the_buyers_price_and_stock(self):
        page = self.shop().get("/search?q=hex+bolt")
        self.assertEqual(page.status, 200)
        self.assertIn("Results for “hex bolt”", page.text)
        # HB-M8-40: contract 11.00 with the list price struck through; stock 40 + 2.
        self.assertIn("11.00 EUR", page.text)
        self.assertRegex(page.html, r'class="list-price"><span class="visually-hidden">List price '
                                    r'</span>12\.50 EUR')
        self.assertIn("In stock: 42", page.text)
        # HB-M8-50 has no contract: list price, and no struck-through price of its own.
        self.assertIn("11.90 EUR", page.text)
        self.assertIn("Out of stock", page.text)
        add_forms = [f for f in page.forms if f.action.endswith("/cart/add")]
        self.assertGreaterEqual(len(add_forms), 2)
        self.assertTrue(all(f.field("csrf") for f in add_forms))

    def test_browse_by_category_with_the_tree(self):
        shop = self.shop()
        home = shop.get("/")
        self.assertIn("All products", home.text)
        for top in ("Fasteners", "Power tools", "Safety", "Paging"):
            self.assertIn(top, home.text)
        page = shop.get("/search?category=" + urllib.parse.quote("Power tools > Drills"))
        self.assertEqual(page.status, 200)
        self.assertIn("Cordless drill 18 V", page.text)
        self.assertIn("Cordless drill 12 V", page.text)
        self.assertNotIn("Hex bolt", page.text)
        self.assertIn('aria-current="true"', page.html)

    def test_filters_and_sorting(self):
        shop = self.shop()
        in_stock = shop.get("/search?q=drill&stock=1")
        self.assertIn("Cordless drill 12 V", in_stock.text)
        self.assertNotIn("Cordless drill 18 V", in_stock.text)  # 0 in stock
        by_maker = shop.get("/search?manufacturer=Turva+Oy")
        self.assertIn("Nitrile gloves size L", by_maker.text)
        self.assertNotIn("Cordless drill", by_maker.text)
        cheap_first = shop.get("/search?q=drill&sort=price-asc").html
        self.assertLess(cheap_first.index("Cordless drill 12 V"), cheap_first.index("Cordless drill 18 V"))
        dear_first = shop.get("/search?q=drill&sort=price-desc").html
        self.assertLess(dear_first.index("Cordless drill 18 V"), dear_first.index("Cordless drill 12 V"))

    def test_48_results_a_page(self):
        shop = self.shop()
        first = shop.get("/search?category=Paging")
        self.assertEqual(first.html.count('class="result"'), 48)
        self.assertIn("Showing 1–48 of 60", first.text)
        self.assertIn("Page 1 of 2", first.text)
        second = shop.get("/search?category=Paging&page=2")
        self.assertEqual(second.html.count('class="result"'), 12)
        self.assertIn("Showing 49–60 of 60", second.text)

    def test_user_text_never_breaks_the_search(self):
        shop = self.shop()
        for q in ('"', "AND OR NOT", "*", "-", "bolt)", "NEAR(", "'; DROP TABLE product; --",
                  "<script>alert(1)</script>"):
            page = shop.get("/search?q=" + urllib.parse.quote(q))
            self.assertEqual(page.status, 200, q)
            self.assertNotIn("<script>alert(1)</script>", page.html)

    # -- product and compare --------------------------------------------------------------
    def test_product_page(self):
        page = self.shop().get("/product/HB-M8-40")
        self.assertEqual(page.status, 200)
        t = page.text
        self.assertIn("Hex bolt M8 x 40, DIN 933", t)
        self.assertIn("Your price 11.00 EUR", t)
        self.assertIn("List price 12.50 EUR", t)          # struck through (class list-price)
        self.assertIn("1 PK 11.00 EUR", t)                # tiers
        self.assertIn("10 PK 10.00 EUR", t)
        self.assertIn("Your contract price", t)
        self.assertIn("Vaasa 40 PK", t)                   # stock per warehouse with its time
        self.assertIn("Tampere 2 PK", t)
        self.assertIn("10:14 UTC", t)
        self.assertIn('datetime="2026-01-05T10:14:00Z"', page.html)
        self.assertIn("UNSPSC 31161500", t)
        self.assertIn("Unit of measure PK", t)
        self.assertIn("Lead time 3 days", t)
        self.assertIn("Material Steel 8.8", t)            # the spec table from the attributes
        self.assertIn("Length 40 mm", t)
        self.assertIn("https://cdn.example.com/ds/HB-M8-40.pdf", page.links)
        self.assertIn("https://cdn.example.com/img/HB-M8-40.jpg", page.images)
        # An alternative from the same category that is cheaper (HB-M8-50 at 11.90 is not:
        # this buyer pays 11.00 here).
        self.assertIn("Cheaper: 1.00 EUR", t)
        self.assertNotIn("Cheaper: 11.90 EUR", t)
        self.assertTrue(any("/compare?sku=HB-M8-40&sku=" in l for l in page.links))

    def test_price_basis_and_validity(self):
        shop = self.shop()
        ties = shop.get("/product/CT-200")
        self.assertIn("4.50 EUR per 100 EA", ties.text)
        drill = shop.get("/product/CD-18V")
        self.assertIn("139.00 EUR", drill.text)
        self.assertIn("valid until 2099-12-31 00:00 UTC", drill.text)
        # Out of stock: the 12 V drill is cheaper, in stock now and ships sooner.
        self.assertIn("Cheaper: 119.00 EUR · In stock now: 5", drill.text)

    def test_unknown_and_invisible_products_are_not_found(self):
        shop = self.shop()
        self.assertEqual(shop.get("/product/NO-SUCH").status, 404)
        self.assertEqual(shop.get("/product/%zz").status, 404)
        url = punchout(self.gw, RETURN_URL, from_credential=("DUNS", "777000777"),
                       secret="tools-secret-1", sender=("DUNS", "777000777"))
        tools = Shop(self.gw, url)
        self.assertEqual(tools.get("/product/HB-M8-40").status, 404)
        self.assertEqual(tools.get("/product/CD-18V").status, 200)
        self.assertNotIn("Hex bolt", tools.get("/search?q=bolt").text)

    def test_compare_side_by_side(self):
        shop = self.shop()
        page = shop.get("/compare?sku=CD-18V&sku=CD-12V&sku=CD-18V")
        self.assertEqual(page.status, 200)
        t = page.text
        self.assertIn("Cordless drill 18 V", t)
        self.assertIn("Cordless drill 12 V", t)
        self.assertIn("Voltage 18 V 12 V", t)  # every attribute, one row each
        self.assertIn("Your price 139.00 EUR / EA 119.00 EUR / EA", t)
        self.assertIn("Lead time 10 days 2 days", t)
        many = shop.get("/compare?" + "&".join(f"sku=PG-00{n}" for n in range(1, 7)))
        self.assertIn("first four are shown", many.text)
        self.assertEqual(len([f for f in many.forms if f.action.endswith("/cart/add")]), 4)

    # -- cart -----------------------------------------------------------------------------
    def test_cart_quantities_tiers_and_totals(self):
        shop = self.shop()
        shop.add("HB-M8-40", 3)
        shop.add("CD-18V", "2")
        cart = shop.get("/cart")
        self.assertIn("33.00 EUR", cart.text)   # 3 x 11.00
        self.assertIn("278.00 EUR", cart.text)  # 2 x 139.00
        self.assertIn("311.00 EUR", cart.text)
        # A second add of the same product grows its line; at 12 packs the tier price applies.
        shop.add("HB-M8-40", 9)
        lines = dict(shop.cart_lines())
        self.assertEqual(sorted(lines.values()), ["12", "2"])
        cart = shop.get("/cart")
        self.assertIn("10.00 EUR / PK", cart.text)
        self.assertIn("120.00 EUR", cart.text)
        # Change a quantity in the cart: back under the tier.
        form = next(f for f in cart.forms if f.action.endswith("/cart/line")
                    and f.field("token") == next(t for t, q in lines.items() if q == "12"))
        r = shop.post(form.action, form.filled(quantity=5, action="update"))
        self.assertEqual(r.status, 303)
        cart = shop.get(r.header("Location"))
        self.assertIn("Updated: Hex bolt M8 x 40, DIN 933, now 5 PK", cart.text)
        self.assertIn("55.00 EUR", cart.text)
        # Remove the drill.
        token = next(t for t, q in shop.cart_lines() if q == "2")
        r = shop.post("/cart/line", [("csrf", shop.csrf()), ("token", token), ("action", "remove")])
        self.assertEqual(r.status, 303)
        self.assertEqual([q for t, q in shop.cart_lines()], ["5"])

    def test_bad_quantities_are_refused_and_lose_nothing(self):
        shop = self.shop()
        shop.add("SG-NIT-L", 2)
        csrf = shop.csrf()
        for bad in ("abc", "0", "-1", "1e9", ""):
            r = shop.post("/cart/add", [("csrf", csrf), ("sku", "HB-M8-40"), ("quantity", bad)])
            self.assertEqual(r.status, 422, bad)
            self.assertIn("is not a number above zero", r.text)
        r = shop.post("/cart/add", [("csrf", csrf), ("sku", "NOPE"), ("quantity", "1")])
        self.assertEqual(r.status, 422)
        self.assertIn("SKU NOPE is not in the catalog", r.text)
        self.assertEqual([q for t, q in shop.cart_lines()], ["2"])

    def test_the_cart_says_when_price_or_stock_changed(self):
        shop = self.shop()
        shop.add("HB-M8-40", 3)
        self.assertNotIn("price changed", shop.get("/cart").text)
        self.ws.seed({"prices": [{"buyer": "acme", "sku": "HB-M8-40", "price": "11.50"}],
                      "stock": [{"sku": "HB-M8-40", "warehouse": "Vaasa", "quantity": "1"}]})
        try:
            cart = shop.get("/cart")
            self.assertIn("The price changed since you added this line: 11.00 EUR then, "
                          "11.50 EUR now.", cart.text)
            self.assertIn("Stock changed since this line was added: 42 then, 3 now.", cart.text)
            form = cart.form_posting_to("/cart/reprice")
            r = shop.submit(form)
            self.assertEqual(r.status, 303)
            cart = shop.get(r.header("Location"))
            self.assertIn("The cart now has today's prices.", cart.text)
            self.assertIn("34.50 EUR", cart.text)
            self.assertNotIn("The price changed", cart.text)
        finally:
            self.ws.seed({"prices": [{"buyer": "acme", "sku": "HB-M8-40", "price": "11.00"}],
                          "stock": [{"sku": "HB-M8-40", "warehouse": "Vaasa", "quantity": "40"}]})

    def test_state_changes_need_the_sessions_form_token(self):
        shop = self.shop()
        other = self.shop()
        for csrf in (None, "", "wrong", other.csrf()):
            fields = [("sku", "CD-18V"), ("quantity", "1")]
            if csrf is not None:
                fields.append(("csrf", csrf))
            r = shop.post("/cart/add", fields)
            self.assertEqual(r.status, 403, csrf)
            self.assertIn("This form was not accepted", r.text)
        r = shop.post("/transfer", [("csrf", "wrong")])
        self.assertEqual(r.status, 403)
        self.assertEqual(shop.cart_lines(), [])
        self.assertEqual(shop.get("/cart").status, 200)  # the session is still open
        # Forms must be forms.
        r = self.gw.post(shop.base + "/cart/add", "csrf=x", content_type="text/plain")
        self.assertEqual(r.status, 415)
        # GET never changes anything.
        self.assertEqual(self.gw.get(shop.base + "/cart/add?sku=CD-18V&quantity=1").status, 404)
        self.assertEqual(shop.cart_lines(), [])

    # -- safety ---------------------------------------------------------------------------
    def test_hostile_catalog_text_shows_as_text(self):
        shop = self.shop()
        pages = [shop.get("/product/EVIL-1"), shop.get("/search?q=widget"),
                 shop.get("/compare?sku=EVIL-1&sku=HB-M8-40")]
        shop.add("EVIL-1", 1)
        pages.append(shop.get("/cart"))
        for page in pages:
            self.assertEqual(page.status, 200)
            h = page.html
            for raw in ("<script>alert", "<b>bold</b>", "<i>name</i>", "<img src=x",
                        "<svg onload", "</textarea>", '"onerror="', '"onclick="',
                        "</td><script>"):
                self.assertNotIn(raw, h, f"{raw!r} reached the page unescaped")
            self.assertEqual([s for s in page.scripts], [])
        product = pages[0]
        self.assertIn('&lt;script&gt;alert(&quot;desc&quot;)&lt;/script&gt; Widget &quot;quoted&quot; '
                      "&#39;single&#39; &lt;/textarea&gt; &amp; &lt;b&gt;bold&lt;/b&gt;", product.html)
        self.assertIn('<script>alert("desc")</script> Widget "quoted"', product.text)
        self.assertIn("https://cdn.example.com/x.jpg\"onerror=\"alert(5)", product.images)
        # A javascript: URL written straight into the database (the import refuses one) is
        # still not linked.
        self.ws.sql("UPDATE product SET image_url = 'javascript:alert(9)', "
                    "datasheet_url = 'javascript:alert(10)' WHERE sku = 'EVIL-1'")
        product = shop.get("/product/EVIL-1")
        self.assertNotIn("javascript:", " ".join(product.images + product.links))
        self.assertNotIn('src="javascript', product.html)
        self.assertNotIn('href="javascript', product.html)

    def test_security_headers_and_framing_per_buyer(self):
        page = self.shop().get("/cart")
        csp = page.header("Content-Security-Policy")
        self.assertIn(f"frame-ancestors {FRAMER}", csp)
        self.assertIn("default-src 'none'", csp)
        self.assertIn("form-action 'self'", csp)
        self.assertNotIn("script-src", csp)  # no script on ordinary pages
        self.assertIsNone(page.header("X-Frame-Options"))  # frame-ancestors says it all
        self.assertEqual(page.header("Referrer-Policy"), "no-referrer")
        self.assertEqual(page.header("X-Content-Type-Options"), "nosniff")
        self.assertEqual(page.header("Cache-Control"), "no-store")
        self.assertIsNone(page.header("Set-Cookie"))  # the session is in the URL
        # A buyer without frame origins: only we may frame the pages.
        url = punchout(self.gw, RETURN_URL, from_credential=("DUNS", "777000777"),
                       secret="tools-secret-1", sender=("DUNS", "777000777"))
        other = Shop(self.gw, url).get("/cart")
        self.assertIn("frame-ancestors 'self'", other.header("Content-Security-Policy"))
        self.assertEqual(other.header("X-Frame-Options"), "SAMEORIGIN")
        css = self.gw.get(re.search(r'href="(/static/storefront\.css\?v=[0-9a-f]+)"', page.html).group(1))
        self.assertEqual(css.status, 200)
        self.assertTrue(css.header("Content-Type").startswith("text/css"))
        self.assertIn("max-age", css.header("Cache-Control"))
        again = self.gw.get("/static/storefront.css", headers={"If-None-Match": css.header("ETag")})
        self.assertEqual(again.status, 304)

    def test_pages_are_accessible_by_construction(self):
        page = self.shop().get("/search?q=bolt")
        self.assertIn('<html lang="en">', page.html)
        self.assertIn('href="#content"', page.html)
        # Every visible input has a label naming it.
        ids = re.findall(r'<input (?![^>]*type="(?:hidden|checkbox)")[^>]*id="([^"]+)"', page.html)
        self.assertTrue(ids)
        for i in ids:
            self.assertIn(f'for="{i}"', page.html)
        self.assertIn('name="viewport"', page.html)


if __name__ == "__main__":
    unittest.main()
