"""POST /cxml through the real gateway binary, a real SQLite file set up by punchoutctl,
and a real HTTP client on loopback."""
import concurrent.futures
import sqlite3
import unittest

from support import cxml_docs as docs
from support import dtd
from support.gateway import SUPPLIER_CREDENTIAL, Gateway, Workspace

US = [SUPPLIER_CREDENTIAL]
ACME = [("NetworkID", "AN01000000087"), ("DUNS", "100100100")]
ACME_SECRET = "acme-direct-secret"
ARIBA = ("AribaNetworkUserId", "sysadmin@ariba.com", "supplier-network-secret")
GAMMA = [("DUNS", "300300300")]

CATALOG = """sku,description,uom,price,currency,unspsc,manufacturer,attr:Voltage
PUMP-100,Centrifugal pump 100 l/min,EA,250.00,EUR,40151500,Grundfos,230 V
VALVE-20,Ball valve DN20 brass,EA,12.50,EUR,40141600,Belimo,
GLOVE-L,Nitrile gloves size L (box of 100),BX,9.90,EUR,46181504,Ansell,
"""


def setup_store(ws):
    ws.write("catalog.csv", CATALOG)
    ws.ctl("catalog", "import", ws.dir / "catalog.csv")
    ws.ctl("buyer", "add", "acme", "--name", "Acme Oy", "--credential", "NetworkID:AN01000000087",
           "--credential", "DUNS:100100100", "--currency", "EUR", "--shared-secret-file", "-",
           input=ACME_SECRET)
    ws.ctl("buyer", "add", "gamma", "--name", "Gamma AB", "--credential", "DUNS:300300300",
           "--shared-secret-file", "-", input="gamma-direct-secret")
    ws.ctl("sender", "add", "ariba", "--credential", "AribaNetworkUserId:sysadmin@ariba.com",
           "--shared-secret-file", "-", "--buyers", "acme", input=ARIBA[2])
    ws.ctl("prices", "set", "--buyer", "acme", "--sku", "VALVE-20", "--price", "11.00")
    ws.ctl("prices", "set", "--buyer", "acme", "--sku", "VALVE-20", "--price", "10.00",
           "--min-qty", "10")


def direct(secret=ACME_SECRET):
    return ("NetworkID", "AN01000000087", secret)


class CxmlTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ws = Workspace("cxml")
        setup_store(cls.ws)
        cls.gw = Gateway(cls.ws).start()

    @classmethod
    def tearDownClass(cls):
        code = cls.gw.stop()
        cls.ws.cleanup()
        assert code == 0, f"gateway exit code {code}"

    def post(self, document, **kw):
        r = self.gw.post_cxml(document, **kw)
        self.assertEqual(r.header("Content-Type"), "text/xml; charset=UTF-8")
        code, text, message, root = docs.parse_response(r.body)
        return r, code, message, root

    def assertValid(self, body):
        if dtd.dtds_available():
            ok, out = dtd.validate(body)
            self.assertTrue(ok, out)

    def db(self):
        return sqlite3.connect(self.ws.db)

    # -- ProfileRequest ------------------------------------------------------------------
    def test_profile_request_lists_our_transactions(self):
        r, code, _, root = self.post(docs.profile_request(ACME, US, direct()))
        self.assertEqual((r.status, code), (200, 200))
        names = {t.get("requestName") for t in root.iter("Transaction")}
        self.assertTrue({"ProfileRequest", "PunchOutSetupRequest", "OrderRequest",
                         "OrderStatusRequest"} <= names)
        for t in root.iter("Transaction"):
            self.assertEqual(t.find("URL").text, self.gw.url + "/cxml")
        self.assertValid(r.body)

    # -- authentication -------------------------------------------------------------------
    def test_wrong_secret_is_401(self):
        r, code, message, root = self.post(docs.profile_request(ACME, US, direct("guess")))
        self.assertEqual((r.status, code), (200, 401))
        self.assertIn("SharedSecret", message)
        self.assertIsNone(root.find(".//ProfileResponse"))
        self.assertValid(r.body)

    def test_unknown_sender_is_401(self):
        _, code, message, _ = self.post(
            docs.profile_request(ACME, US, ("NetworkID", "AN99999", "x")))
        self.assertEqual(code, 401)
        self.assertIn("not known", message)

    def test_hub_sender_acts_for_its_buyers_with_several_from_credentials(self):
        frm = [("NetworkID", "AN01000000087"), ("DUNS", "100100100"), ("SystemID", "ERP-7")]
        _, code, _, _ = self.post(docs.profile_request(frm, US + [("NetworkID", "AN02")], ARIBA))
        self.assertEqual(code, 200)

    def test_hub_sender_for_a_buyer_it_is_not_linked_to_learns_nothing(self):
        _, linked_code, linked_msg, _ = self.post(docs.profile_request(GAMMA, US, ARIBA))
        _, unknown_code, unknown_msg, _ = self.post(
            docs.profile_request([("DUNS", "999999999")], US, ARIBA))
        self.assertEqual((linked_code, unknown_code), (401, 401))
        # The same words whether the buyer exists or not.
        self.assertEqual(linked_msg, unknown_msg)
        self.assertNotIn("gamma", linked_msg.lower())
        self.assertNotIn("300300300", linked_msg)

    def test_to_must_name_us(self):
        _, code, message, _ = self.post(
            docs.profile_request(ACME, [("DUNS", "123")], direct()))
        self.assertEqual(code, 401)
        self.assertIn("To credential", message)

    def test_domains_compare_case_insensitively(self):
        frm = [("networkid", "AN01000000087")]
        _, code, _, _ = self.post(
            docs.profile_request(frm, [("duns", SUPPLIER_CREDENTIAL[1])],
                                 ("NETWORKID", "AN01000000087", ACME_SECRET)))
        self.assertEqual(code, 200)

    # -- bad input ------------------------------------------------------------------------
    def test_malformed_xml_is_406_with_line_and_offset(self):
        r, code, message, _ = self.post("<?xml version='1.0'?>\n<cXML>\n  <Header>\n</cXML>")
        self.assertEqual((r.status, code), (200, 406))
        self.assertIn("line 4", message)
        self.assertIn("byte", message)
        self.assertValid(r.body)

    def test_entity_declarations_are_refused(self):
        bomb = ('<?xml version="1.0"?><!DOCTYPE cXML [<!ENTITY a "aaaaaaaaaa">'
                '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><cXML>&b;</cXML>')
        _, code, _, _ = self.post(bomb)
        self.assertEqual(code, 406)

    def test_wrong_content_type_is_refused_with_a_cxml_body(self):
        r = self.gw.post_cxml(docs.profile_request(ACME, US, direct()), content_type="application/json")
        self.assertEqual(r.status, 415)
        code, _, message, _ = docs.parse_response(r.body)
        self.assertEqual(code, 400)
        self.assertIn("text/xml", message)

    def test_any_charset_label_is_accepted(self):
        for ctype in ("text/xml", "application/xml; charset=utf-8", 'text/xml; charset="UTF-8"',
                      "TEXT/XML;charset=iso-8859-1"):
            r = self.gw.post_cxml(docs.profile_request(ACME, US, direct()), content_type=ctype)
            self.assertEqual(docs.parse_response(r.body)[0], 200, ctype)

    def test_unknown_request_is_450_naming_it(self):
        doc = docs.envelope(ACME, US, direct(), "<GarbageRequest/>")
        _, code, message, _ = self.post(doc)
        self.assertEqual(code, 450)
        self.assertIn("GarbageRequest", message)

    def test_a_modelled_request_we_do_not_handle_is_450(self):
        doc = docs.envelope(ACME, US, direct(),
                            '<CopyRequest><cXMLAttachment><Attachment><URL>cid:x</URL></Attachment>'
                            '</cXMLAttachment></CopyRequest>')
        _, code, message, _ = self.post(doc)
        self.assertIn(code, (450,))
        self.assertIn("CopyRequest", message)

    def test_a_response_posted_to_us_is_400(self):
        doc = ('<?xml version="1.0"?><cXML payloadID="x" timestamp="2026-01-01T00:00:00+00:00">'
               '<Response><Status code="200" text="OK"/></Response></cXML>')
        _, code, message, _ = self.post(doc)
        self.assertEqual(code, 400)
        self.assertIn("Request", message)

    def test_get_is_405(self):
        r = self.gw.get("/cxml")
        self.assertEqual(r.status, 405)

    # -- PunchOutSetupRequest ---------------------------------------------------------------
    def test_setup_create_returns_a_one_time_start_url(self):
        r, code, _, root = self.post(docs.setup_request(ACME, US, direct()))
        self.assertEqual(code, 200)
        url = root.find(".//PunchOutSetupResponse/StartPage/URL").text
        self.assertTrue(url.startswith(self.gw.url + "/punchout/start/"))
        key = url.rsplit("/", 1)[1]
        self.assertGreaterEqual(len(key), 22)  # 128 random bits
        self.assertValid(r.body)
        with self.db() as db:
            row = db.execute("SELECT buyer_cookie, operation, return_url, user_email, deployment_mode"
                             " FROM punchout_session WHERE start_key = ?", (key,)).fetchone()
        self.assertEqual(row, ("cookie-1", "create", "https://buyer.example/punchout/return",
                               "pat@buyer.example", "production"))

    def test_setup_keeps_the_buyer_cookie_and_never_reuses_a_session(self):
        urls = set()
        for _ in range(3):
            _, code, _, root = self.post(docs.setup_request(ACME, US, direct(), cookie="same-cookie"))
            self.assertEqual(code, 200)
            urls.add(root.find(".//StartPage/URL").text)
        self.assertEqual(len(urls), 3)

    def test_setup_in_test_mode_is_remembered(self):
        _, code, _, root = self.post(docs.setup_request(ACME, US, direct(), mode="test"))
        key = root.find(".//StartPage/URL").text.rsplit("/", 1)[1]
        with self.db() as db:
            mode = db.execute("SELECT deployment_mode FROM punchout_session WHERE start_key=?",
                              (key,)).fetchone()[0]
        self.assertEqual(mode, "test")

    def test_setup_with_a_non_web_browser_form_post_is_400(self):
        _, code, message, root = self.post(
            docs.setup_request(ACME, US, direct(), form_post="javascript:alert(1)"))
        self.assertEqual(code, 400)
        self.assertIn("BrowserFormPost", message)
        self.assertIsNone(root.find(".//PunchOutSetupResponse"))

    def test_setup_source_operation_is_450(self):
        _, code, _, root = self.post(docs.setup_request(ACME, US, direct(), operation="source"))
        self.assertEqual(code, 450)
        self.assertIsNone(root.find(".//PunchOutSetupResponse"))

    def test_edit_with_lines_we_never_issued_still_opens_and_flags_them(self):
        items = [docs.item_out("VALVE-20", 3, "11.00", aux="COPIED-FROM-QA"),
                 docs.item_out("NOT-OURS-1", 1, "5.00", aux="LZZZZZZZZZZZZZZZZ")]
        _, code, _, root = self.post(docs.setup_request(ACME, US, direct(), operation="edit",
                                                        items=items, cookie="new-cookie"))
        self.assertEqual(code, 200)
        key = root.find(".//StartPage/URL").text.rsplit("/", 1)[1]
        with self.db() as db:
            rows = db.execute(
                "SELECT l.sku, l.known, l.flag, l.quantity, l.token FROM cart_line l"
                " JOIN punchout_session s ON s.id = l.session_id WHERE s.start_key = ?"
                " ORDER BY l.position", (key,)).fetchall()
        self.assertEqual(rows, [("VALVE-20", 1, "foreign-token", 30000, "COPIED-FROM-QA"),
                                ("NOT-OURS-1", 0, "unknown-part", 10000, "LZZZZZZZZZZZZZZZZ")])

    def test_edit_of_a_cart_returned_for_create_only_is_412(self):
        token = "L0000000000000412"
        self.seed_transfer(token, "VALVE-20", "create")
        items = [docs.item_out("VALVE-20", 1, "11.00", aux=token)]
        r, code, message, root = self.post(docs.setup_request(ACME, US, direct(), operation="edit",
                                                              items=items))
        self.assertEqual(code, 412)
        self.assertIn("operationAllowed", message)
        self.assertIsNone(root.find(".//PunchOutSetupResponse"))
        self.assertValid(r.body)

    def seed_transfer(self, token, sku, operation_allowed, price=110000, uom_sent="EA",
                      description="Ball valve DN20 brass"):
        """A cart we sent back earlier, as the storefront records it."""
        with self.db() as db:
            buyer = db.execute("SELECT id FROM buyer WHERE code='acme'").fetchone()[0]
            cur = db.execute(
                "INSERT INTO punchout_session (start_key, session_key, csrf_token, buyer_id,"
                " protocol, operation, return_url, created_at, start_expires_at, expires_at,"
                " state) VALUES (?, ?, 'c', ?, 'cxml', 'create', 'https://b/', 0, 0, 0,"
                " 'transferred')", ("sk-" + token, "k-" + token, buyer))
            session = cur.lastrowid
            cur = db.execute(
                "INSERT INTO cart_transfer (session_id, buyer_id, payload_id, kind,"
                " operation_allowed, currency, total, document, created_at)"
                " VALUES (?, ?, ?, 'cart', ?, 'EUR', 0, '', 0)",
                (session, buyer, "poom-" + token, operation_allowed))
            db.execute(
                "INSERT INTO transferred_line (transfer_id, buyer_id, token, sku, quantity,"
                " unit_price, currency, uom, uom_sent, description)"
                " VALUES (?, ?, ?, ?, 10000, ?, 'EUR', 'EA', ?, ?)",
                (cur.lastrowid, buyer, token, sku, price, uom_sent, description))

    # -- OrderRequest -------------------------------------------------------------------------
    def order(self, order_id, items, total, **kw):
        return docs.order_request(ACME, US, direct(), order_id, items, total, **kw)

    def test_order_is_stored_once_and_a_replay_gets_the_same_answer(self):
        pid = docs.payload_id("order")
        doc = self.order("PO-1001", [docs.item_out("VALVE-20", 2, "11.00", line=1),
                                     docs.item_out("PUMP-100", 1, "250.00", line=2)],
                         "272.00", pid=pid)
        first, code, message, _ = self.post(doc)
        self.assertEqual(code, 200, message)
        self.assertValid(first.body)
        again, code2, _, _ = self.post(doc)
        self.assertEqual(code2, 200)
        self.assertEqual(first.body, again.body)
        with self.db() as db:
            self.assertEqual(db.execute("SELECT count(*) FROM purchase_order WHERE order_id='PO-1001'")
                             .fetchone()[0], 1)
            self.assertEqual(db.execute(
                "SELECT count(*) FROM order_line l JOIN purchase_order o ON o.id = l.order_pk"
                " WHERE o.order_id='PO-1001'").fetchone()[0], 2)
            self.assertEqual(db.execute("SELECT count(*) FROM order_version v JOIN purchase_order o"
                                        " ON o.id = v.order_pk WHERE o.order_id='PO-1001'")
                             .fetchone()[0], 1)

    def test_concurrent_replays_store_one_order(self):
        pid = docs.payload_id("race")
        doc = self.order("PO-RACE", [docs.item_out("VALVE-20", 1, "11.00", line=1)], "11.00", pid=pid)
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            bodies = list(pool.map(lambda _: self.gw.post_cxml(doc).body, range(16)))
        self.assertEqual(len(set(bodies)), 1)
        self.assertEqual(docs.parse_response(bodies[0])[0], 200)
        with self.db() as db:
            self.assertEqual(db.execute("SELECT count(*) FROM purchase_order WHERE order_id='PO-RACE'")
                             .fetchone()[0], 1)

    def test_a_new_order_with_a_known_order_id_and_another_payload_is_409(self):
        self.post(self.order("PO-DUP", [docs.item_out("VALVE-20", 1, "11.00")], "11.00"))
        _, code, message, _ = self.post(self.order("PO-DUP", [docs.item_out("VALVE-20", 1, "11.00")],
                                                   "11.00"))
        self.assertEqual(code, 409)
        self.assertIn("update", message)

    def test_bad_quantities_and_mixed_currencies_are_refused_line_by_line(self):
        # An unknown part alone is no refusal: it is kept and flagged non-catalog
        # (tests/e2e/test_buyer_systems.py); here the other lines refuse the order.
        items = [docs.item_out("NOPE-1", 1, "1.00", line=1),
                 docs.item_out("VALVE-20", 0, "11.00", line=2),
                 docs.item_out("PUMP-100", 1, "250.00", line=3, currency="USD")]
        r, code, message, _ = self.post(self.order("PO-BAD", items, "261.00"))
        self.assertEqual(code, 400)
        self.assertNotIn("NOPE-1", message)
        self.assertIn("Line 2: quantity must be positive", message)
        self.assertIn("Line 3: currency USD", message)
        self.assertValid(r.body)
        with self.db() as db:
            self.assertEqual(db.execute("SELECT count(*) FROM purchase_order WHERE order_id='PO-BAD'")
                             .fetchone()[0], 0)

    def test_totals_must_add_up(self):
        _, code, message, _ = self.post(
            self.order("PO-SUM", [docs.item_out("VALVE-20", 2, "11.00")], "99.00"))
        self.assertEqual(code, 400)
        self.assertIn("22.00 EUR", message)
        # Total including tax and shipping is fine too.
        _, code, message, _ = self.post(
            self.order("PO-SUM2", [docs.item_out("VALVE-20", 2, "11.00")], "32.00", tax="5.00",
                       shipping="5.00"))
        self.assertEqual(code, 200, message)

    def test_price_basis_quantity_counts_in_the_totals(self):
        item = docs.item_out("GLOVE-L", 250, "9.90", price_basis=100, uom="BX")
        _, code, message, _ = self.post(self.order("PO-PBQ", [item], "24.75"))
        self.assertEqual(code, 200, message)

    def test_update_follows_order_version_and_stale_versions_are_refused(self):
        line = [docs.item_out("VALVE-20", 1, "11.00", line=1)]
        self.assertEqual(self.post(self.order("PO-V", line, "11.00", order_version="1"))[1], 200)
        two = [docs.item_out("VALVE-20", 3, "11.00", line=1)]
        _, code, message, _ = self.post(self.order("PO-V", two, "33.00", type_="update",
                                                   order_version="2"))
        self.assertEqual(code, 200, message)
        _, code, message, _ = self.post(self.order("PO-V", line, "11.00", type_="update",
                                                   order_version="2"))
        self.assertEqual(code, 409)
        self.assertIn("stale", message)
        _, code, message, _ = self.post(self.order("PO-V", two, "33.00", type_="delete",
                                                   order_version="3"))
        self.assertEqual(code, 200, message)
        with self.db() as db:
            status, version, qty = db.execute(
                "SELECT o.status, o.version, l.quantity FROM purchase_order o JOIN order_line l"
                " ON l.order_pk = o.id WHERE o.order_id='PO-V'").fetchone()
        self.assertEqual((status, version, qty), ("cancelled", 3, 30000))

    def test_update_of_an_unknown_order_is_refused(self):
        _, code, message, _ = self.post(self.order("PO-NEVER", [docs.item_out("VALVE-20", 1, "11.00")],
                                                   "11.00", type_="update", order_version="2"))
        self.assertEqual(code, 400)
        self.assertIn("not known", message)

    def test_order_lines_are_checked_against_the_cart_and_the_contract(self):
        token = "L00000000000DRIFT"
        self.seed_transfer(token, "VALVE-20", "edit", price=110000, uom_sent="EA",
                           description="Ball valve DN20 brass")
        item = docs.item_out("VALVE-20", 12, "11.50", line=1, aux=token, uom="PCE",
                             description="Ball valve DN20")
        _, code, message, _ = self.post(self.order("PO-ACC", [item], "138.00"))
        self.assertEqual(code, 200, message)
        self.assertIn("flagged", message)
        with self.db() as db:
            kinds = {k for (k,) in db.execute(
                "SELECT d.kind FROM order_difference d JOIN purchase_order o ON o.id = d.order_pk"
                " WHERE o.order_id='PO-ACC'")}
        self.assertEqual(kinds, {"price-drift", "uom-changed", "quantity-scaled",
                                 "description-truncated", "contract-price"})

    def test_a_2000_line_order_fits(self):
        items = [docs.item_out("VALVE-20", 1, "11.00", line=i) for i in range(1, 2001)]
        r, code, message, _ = self.post(self.order("PO-BIG", items, "22000.00"))
        self.assertEqual(code, 200, message)
        with self.db() as db:
            self.assertEqual(db.execute(
                "SELECT count(*) FROM order_line l JOIN purchase_order o ON o.id = l.order_pk"
                " WHERE o.order_id='PO-BIG'").fetchone()[0], 2000)

    def test_access_log_has_the_document_and_no_secrets(self):
        self.post(docs.profile_request(ACME, US, direct()))
        self.gw.wait_ready()
        import time
        time.sleep(0.5)  # the log is flushed every 200 ms
        log = self.gw.log_text()
        self.assertIn('"doc":"ProfileRequest"', log)
        self.assertNotIn(ACME_SECRET, log)
        self.assertNotIn(ARIBA[2], log)

    def test_metrics_count_cxml_requests_and_sessions(self):
        self.post(docs.setup_request(ACME, US, direct()))
        text = self.gw.get("/metrics").text
        self.assertIn('punchout_http_requests_total{route="cxml",status="200"}', text)
        self.assertIn("punchout_sessions_open ", text)
        self.assertIn("punchout_commit_queue_depth 0", text)


class OrderPolicyRejectTest(unittest.TestCase):
    """A buyer whose policy is reject: differences refuse the order and store nothing."""

    def test_differences_refuse_the_order_and_list_each(self):
        ws = Workspace("policy")
        try:
            setup_store(ws)
            ws.ctl("buyer", "set", "acme", "--order-policy", "reject")
            with Gateway(ws) as gw:
                item = docs.item_out("VALVE-20", 1, "12.00", line=1)
                r = gw.post_cxml(docs.order_request(ACME, US, direct(), "PO-REJ", [item], "12.00"))
                code, _, message, _ = docs.parse_response(r.body)
                self.assertEqual(code, 400)
                self.assertIn("line 1: unit price 12.00 EUR differs from the contract price 11.00 EUR",
                              message)
                with sqlite3.connect(ws.db) as db:
                    self.assertEqual(db.execute("SELECT count(*) FROM purchase_order").fetchone()[0], 0)
        finally:
            ws.cleanup()


class FaultTest(unittest.TestCase):
    def test_a_failing_write_is_500_with_a_reference_in_the_log_and_loses_nothing(self):
        ws = Workspace("fault")
        try:
            setup_store(ws)
            # Fault injection through the real file: every order insert now fails.
            with sqlite3.connect(ws.db) as db:
                db.execute("CREATE TRIGGER fail_orders BEFORE INSERT ON purchase_order"
                           " BEGIN SELECT RAISE(ABORT, 'disk on fire'); END")
            with Gateway(ws) as gw:
                doc = docs.order_request(ACME, US, direct(), "PO-F", [docs.item_out("VALVE-20", 1, "11.00")],
                                         "11.00")
                r = gw.post_cxml(doc)
                self.assertEqual(r.status, 500)
                code, _, message, _ = docs.parse_response(r.body)
                self.assertEqual(code, 500)
                ref = message.rsplit("reference ", 1)[1].strip(" .)")
                import time
                time.sleep(0.5)
                self.assertIn(ref, gw.log_text())
                # Once the fault is gone, the buyer's retry of the same document succeeds.
                with sqlite3.connect(ws.db) as db:
                    db.execute("DROP TRIGGER fail_orders")
                r = gw.post_cxml(doc)
                self.assertEqual(docs.parse_response(r.body)[0], 200)
        finally:
            ws.cleanup()


class LimitsTest(unittest.TestCase):
    def test_oversize_posts_get_413_with_a_cxml_body(self):
        ws = Workspace("limits")
        try:
            with Gateway(ws, config={"limits.cxml_body_bytes": "65536"}) as gw:
                r = gw.post_cxml("<cXML>" + "x" * 70000 + "</cXML>")
                self.assertEqual(r.status, 413)
                code, _, message, _ = docs.parse_response(r.body)
                self.assertEqual(code, 413)
                self.assertIn("65536", message)
        finally:
            ws.cleanup()


class TlsTest(unittest.TestCase):
    def test_cxml_over_tls_13(self):
        ws = Workspace("tls")
        try:
            setup_store(ws)
            with Gateway(ws, tls=True) as gw:
                conn = gw.connection()
                r = gw.post_cxml(docs.profile_request(ACME, US, direct()), conn=conn)
                self.assertEqual(docs.parse_response(r.body)[0], 200)
                self.assertEqual(conn.sock.version(), "TLSv1.3")
                conn.close()
        finally:
            ws.cleanup()

    def test_tls_12_works_and_older_protocols_get_a_protocol_version_alert(self):
        import http.client
        import ssl
        import warnings
        ws = Workspace("tls-old")
        try:
            with Gateway(ws, tls=True) as gw:
                host, port = gw.host_port

                def client(max_version):
                    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
                    ctx.check_hostname = False
                    ctx.verify_mode = ssl.CERT_NONE
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore", DeprecationWarning)
                        ctx.minimum_version = ssl.TLSVersion.MINIMUM_SUPPORTED
                        ctx.maximum_version = max_version
                    # Let the client offer old protocols, so the refusal is the server's.
                    ctx.set_ciphers("ALL:@SECLEVEL=0")
                    return http.client.HTTPSConnection(host, port, context=ctx, timeout=10)

                conn = client(ssl.TLSVersion.TLSv1_2)
                conn.request("GET", "/healthz")
                self.assertEqual(conn.getresponse().status, 200)
                self.assertEqual(conn.sock.version(), "TLSv1.2")
                conn.close()
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", DeprecationWarning)
                    old = client(ssl.TLSVersion.TLSv1_1)
                with self.assertRaises(ssl.SSLError) as refused:
                    old.request("GET", "/healthz")
                self.assertIn("PROTOCOL_VERSION", str(refused.exception).upper())
        finally:
            ws.cleanup()


if __name__ == "__main__":
    unittest.main()
