"""Returning the cart through the real gateway: the PunchOutOrderMessage in the buyer's
transport (cxml-base64, cxml-urlencoded), DTD-valid, recorded for the order checks; cancel
(empty cart for create, original lines for edit unless confirmed); inspect sessions are
read-only; BrowserFormPost hosts may be restricted per buyer."""
import unittest
import xml.etree.ElementTree as ET

from browser.storefront_kit import (Page, Shop, StoreWorkspace, decode_cart, default_spec,
                                    item_detail, punchout, setup_request, transfer_form)
from support import dtd
from support.gateway import Gateway, cleanup_env

RETURN_URL = "https://buyer.example/punchout/return?req=77&x=<&amp>"
RETURN_URL_XML = "https://buyer.example/punchout/return?req=77&x=%3C&amp;amp%3E"


def parse_cart(text):
    ok, out = dtd.validate(text)
    assert ok, f"PunchOutOrderMessage is not DTD-valid:\n{out}\n{text}"
    root = ET.fromstring(text.encode("utf-8"))
    poom = root.find("Message/PunchOutOrderMessage")
    assert poom is not None, text
    return root, poom


def items_of(poom):
    out = []
    for item in poom.findall("ItemIn"):
        d = item.find("ItemDetail")
        pbq = d.find("PriceBasisQuantity")
        out.append({
            "quantity": item.get("quantity"),
            "line": item.get("lineNumber"),
            "sku": item.findtext("ItemID/SupplierPartID"),
            "token": item.findtext("ItemID/SupplierPartAuxiliaryID"),
            "price": d.findtext("UnitPrice/Money"),
            "currency": d.find("UnitPrice/Money").get("currency"),
            "uom": d.findtext("UnitOfMeasure"),
            "unspsc": d.findtext("Classification[@domain='UNSPSC']"),
            "description": ((d.find("Description").text or "") +
                            "".join(c.tail or "" for c in d.find("Description"))).strip(),
            "basis": pbq.get("quantity") if pbq is not None else None,
        })
    return out


class CartTransfer(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cleanup_env()
        cls.ws = StoreWorkspace("transfer")
        spec = default_spec(postback_hosts=["buyer.example", "urlenc.example"])
        spec["buyers"].append({"id": "urlenc", "name": "URL Encoded Inc",
                               "credentials": ["DUNS:888000888"],
                               "cart_transport": "cxml-urlencoded", "cxml_version": "1.2.045"})
        spec["senders"].append({"id": "urlenc-direct", "credential": "DUNS:888000888",
                                "secret": "urlenc-secret-1", "buyers": ["urlenc"]})
        cls.ws.seed(spec)
        cls.gw = Gateway(cls.ws, config={"sessions.cart_operation_allowed": "edit"}).start()

    @classmethod
    def tearDownClass(cls):
        code = cls.gw.stop()
        cls.ws.cleanup()
        assert code == 0, f"gateway exited with {code}"

    def shop(self, url=RETURN_URL, **kw):
        return Shop(self.gw, punchout(self.gw, url, **kw))

    def test_transfer_returns_the_cart_as_a_punchout_order_message(self):
        shop = self.shop(cookie="cookie <42> & more")
        shop.add("HB-M8-40", 12)   # tier price 10.00
        shop.add("CD-18V", 2)      # contract 139.00
        shop.add("CT-200", "250")  # 4.50 per 100 EA
        tokens = [t for t, q in shop.cart_lines()]
        page = shop.transfer()
        self.assertEqual(page.status, 200, page.text)
        form = transfer_form(page)
        self.assertEqual(form.action, RETURN_URL)
        self.assertEqual(form.method, "post")
        self.assertIsNone(form.target)
        # It submits itself, with a visible button when scripts are off; the script is
        # allowed by its nonce only, and the form may post to the buyer's origin.
        self.assertEqual(len(page.scripts), 1)
        nonce = page.scripts[0]["nonce"]
        csp = page.header("Content-Security-Policy")
        self.assertIn(f"script-src 'nonce-{nonce}'", csp)
        self.assertIn("form-action 'self' https://buyer.example", csp)
        self.assertTrue(any(b[2] for b in form.buttons))
        self.assertIn("3 lines, total 409.25 EUR", page.text)

        root, poom = parse_cart(decode_cart(form))
        self.assertEqual(root.findtext("Header/From/Credential/Identity"), "555000111")
        self.assertEqual(root.findtext("Header/To/Credential/Identity"), "AN01000000087")
        self.assertIsNone(root.find("Header/Sender/Credential/SharedSecret"))
        self.assertEqual(poom.findtext("BuyerCookie"), "cookie <42> & more")
        header = poom.find("PunchOutOrderMessageHeader")
        self.assertEqual(header.get("operationAllowed"), "edit")
        self.assertEqual(header.findtext("Total/Money"), "409.25")  # 120 + 278 + 11.25
        items = items_of(poom)
        self.assertEqual([i["sku"] for i in items], ["HB-M8-40", "CD-18V", "CT-200"])
        self.assertEqual([i["token"] for i in items], tokens)
        for token in tokens:
            self.assertRegex(token, r"^L[0-9A-HJKMNP-TV-Z]{16}$")  # no ?, {, }
        self.assertEqual([i["quantity"] for i in items], ["12", "2", "250"])
        self.assertEqual([i["price"] for i in items], ["10.00", "139.00", "4.50"])
        self.assertEqual([i["uom"] for i in items], ["PAK", "ST", "ST"])  # the buyer's codes
        self.assertEqual([i["basis"] for i in items], [None, None, "100"])
        self.assertEqual([i["unspsc"] for i in items], ["31161500", "27112700", "39121700"])
        self.assertEqual({i["currency"] for i in items}, {"EUR"})

        # Recorded with the lines the order checks compare with; the session is over.
        rows = self.ws.sql("SELECT kind, operation_allowed, total, currency FROM cart_transfer "
                           "WHERE payload_id = ?", (root.get("payloadID"),))
        self.assertEqual(rows, [("cart", "edit", 4092500, "EUR")])
        sent = self.ws.sql("SELECT token, sku, quantity, unit_price, uom, uom_sent "
                           "FROM transferred_line ORDER BY sku")
        self.assertIn((tokens[2], "CT-200", 2500000, 45000, "EA", "ST"), sent)
        self.assertEqual(shop.get("/cart").status, 410)
        again = shop.post("/transfer", [("csrf", form.field("csrf") or "x")])
        self.assertEqual(again.status, 410)
        self.assertIn("Your cart was returned", again.text)

    def test_the_cxml_urlencoded_transport_in_the_buyers_version(self):
        shop = self.shop("https://urlenc.example/return", from_credential=("DUNS", "888000888"),
                         sender=("DUNS", "888000888"), secret="urlenc-secret-1")
        shop.add("SG-NIT-L", 3)
        form = transfer_form(shop.transfer())
        self.assertIsNone(form.field("cxml-base64"))
        text = form.field("cxml-urlencoded")
        self.assertTrue(text.isascii())
        self.assertIn('cXML/1.2.045/cXML.dtd', text)
        root, poom = parse_cart(text)
        self.assertEqual(root.get("version"), "1.2.045")
        self.assertEqual(items_of(poom)[0]["uom"], "BX")  # no unit map for this buyer

    def test_an_empty_or_mixed_cart_is_not_transferred(self):
        shop = self.shop()
        r = shop.post("/transfer", [("csrf", shop.csrf())])
        self.assertEqual(r.status, 422)
        self.assertIn("The cart is empty", r.text)
        self.assertEqual(shop.get("/cart").status, 200)

    def test_cancel_on_create_returns_an_empty_cart(self):
        shop = self.shop()
        shop.add("HB-M8-40", 1)
        page = Page(shop.submit(shop.get("/cart").form_posting_to("/cancel")))
        self.assertEqual(page.status, 200)
        root, poom = parse_cart(decode_cart(transfer_form(page)))
        self.assertEqual(poom.findall("ItemIn"), [])
        self.assertEqual(poom.findtext("PunchOutOrderMessageHeader/Total/Money"), "0.00")
        self.assertEqual(self.ws.sql("SELECT kind FROM cart_transfer WHERE payload_id = ?",
                                     (root.get("payloadID"),)), [("cancel",)])

    def edit_shop(self, operation="edit"):
        return self.shop(operation=operation, cookie="edit-cookie", items=[
            ("HB-M8-40", "LAAAAAAAAAAAAAAAA", 5, item_detail("10.50", "As the buyer has it")),
            ("CD-18V", "LBBBBBBBBBBBBBBBB", 1, None),
        ])

    def test_an_edit_starts_with_its_lines_and_keeps_their_tokens(self):
        shop = self.edit_shop()
        cart = shop.get("/cart")
        self.assertIn("Your requisition has 10.50 EUR; the price today is 11.00 EUR.", cart.text)
        self.assertEqual([t for t, q in shop.cart_lines()], ["LAAAAAAAAAAAAAAAA", "LBBBBBBBBBBBBBBBB"])
        # Tokens we never issued (another environment, a copied requisition) are kept and said.
        self.assertIn("a reference we did not issue", cart.text)
        form = next(f for f in cart.forms if f.field("token") == "LBBBBBBBBBBBBBBBB")
        shop.post(form.action, form.filled(quantity=3, action="update"))
        _, poom = parse_cart(decode_cart(transfer_form(shop.transfer())))
        items = items_of(poom)
        self.assertEqual([i["token"] for i in items], ["LAAAAAAAAAAAAAAAA", "LBBBBBBBBBBBBBBBB"])
        self.assertEqual([i["quantity"] for i in items], ["5", "3"])
        self.assertEqual(items[0]["price"], "10.50")  # unchanged line keeps the buyer's price
        self.assertEqual(items[1]["price"], "139.00")  # a changed line gets today's price

    def test_cancel_on_edit_sends_the_original_lines_unless_confirmed(self):
        shop = self.edit_shop()
        first = shop.get("/cart").forms
        token_a = next(f for f in first if f.field("token") == "LAAAAAAAAAAAAAAAA")
        shop.post(token_a.action, token_a.filled(quantity=50, action="update"))
        # Asking for an empty cart without ticking the box sends nothing.
        confirm = shop.get("/cancel")
        empty_form = next(f for f in confirm.forms if f.field("empty") == "1")
        r = shop.submit(empty_form)
        self.assertEqual(r.status, 422)
        self.assertIn("Tick the box", r.text)
        # "Leave without changes": the original ItemOut lines go back as they came.
        leave = shop.get("/cart").form_posting_to("/cancel")
        page = Page(shop.submit(leave))
        root, poom = parse_cart(decode_cart(transfer_form(page)))
        self.assertEqual(poom.findtext("BuyerCookie"), "edit-cookie")
        items = items_of(poom)
        self.assertEqual([(i["sku"], i["token"], i["quantity"]) for i in items],
                         [("HB-M8-40", "LAAAAAAAAAAAAAAAA", "5"), ("CD-18V", "LBBBBBBBBBBBBBBBB", "1")])
        self.assertEqual(items[0]["price"], "10.50")
        self.assertEqual(items[0]["description"], "As the buyer has it")
        self.assertEqual(self.ws.sql("SELECT kind FROM cart_transfer WHERE payload_id = ?",
                                     (root.get("payloadID"),)), [("original",)])

    def test_confirmed_cancel_on_edit_returns_an_empty_cart(self):
        shop = self.edit_shop()
        empty_form = next(f for f in shop.get("/cancel").forms if f.field("empty") == "1")
        page = Page(shop.submit(empty_form, extra=[("confirm", "yes")]))
        _, poom = parse_cart(decode_cart(transfer_form(page)))
        self.assertEqual(poom.findall("ItemIn"), [])

    def test_inspect_sessions_are_read_only(self):
        shop = self.edit_shop(operation="inspect")
        cart = shop.get("/cart")
        self.assertEqual([f for f in cart.forms if f.action.endswith("/cart/line")], [])
        self.assertEqual([f for f in shop.get("/product/HB-M8-40").forms
                          if f.action.endswith("/cart/add")], [])
        r = shop.post("/cart/add", [("csrf", shop.csrf()), ("sku", "SG-NIT-L"), ("quantity", "1")])
        self.assertEqual(r.status, 403)
        page = Page(shop.submit(cart.form_posting_to("/transfer")))
        _, poom = parse_cart(decode_cart(transfer_form(page)))
        self.assertEqual(poom.find("PunchOutOrderMessageHeader").get("operationAllowed"), "inspect")
        self.assertEqual([i["quantity"] for i in items_of(poom)], ["5", "1"])

    def test_the_return_address_is_checked_again_at_transfer(self):
        shop = self.shop()
        shop.add("SG-NIT-L", 1)
        # The supplier narrows the buyer's hosts while the user shops.
        self.ws.ctl("buyer", "set", "acme", "--postback-host", "elsewhere.example")
        try:
            r = shop.post("/transfer", [("csrf", shop.csrf())])
            self.assertEqual(r.status, 400)
            self.assertIn("The cart cannot be returned", r.text)
            self.assertNotIn("cxml-base64", r.text)
            self.assertEqual(shop.get("/cart").status, 200)  # nothing recorded, still open
        finally:
            self.ws.ctl("buyer", "set", "acme", "--postback-host", "buyer.example",
                        "--postback-host", "urlenc.example")

    def test_browser_form_post_must_be_http_and_on_the_buyers_hosts(self):
        for url in ("https://evil.example/steal", "javascript:alert(1)", "ftp://buyer.example/x"):
            r = self.gw.post_cxml(setup_request(url))
            self.assertIn('code="400"', r.text, url)
            self.assertNotIn("StartPage", r.text)


if __name__ == "__main__":
    unittest.main()
